"""Render stage: fact sheets -> Markdown pages and data downloads, as `{src_uri: text}`.

Pure: nothing here writes files. The MkDocs plugin adds the result as generated files; a CLI
could write the same dict into a docs folder.

Every value read from a sheet is untrusted article text. Templates print values through the
Jinja `finalize` hook, which passes `Markup` through and escapes everything else with
`escape_md`: HTML entities for every character Markdown, its extensions or HTML could read as
markup. Links and HTML built here are `Markup` made only from escaped parts and slug ids.
Values are data, never templates.
"""
from __future__ import annotations

import csv
import html
import io
import json
import math
import posixpath
import re
from collections import Counter
from dataclasses import replace, dataclass
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from . import geo
from .lexicon import lexicon
from .mentions import Matcher
from .names import APOSTROPHES, name_key, one_word_names

_STRAIGHTEN = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
from .parallel import STATE, in_worker, pmap, workers_for
from .store import Content, json_content
from .sheets import ENTITY_FOLDERS, ID_RE, Briefing

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"
KIND_LABEL = {"actors": "Actors", "locations": "Locations", "operations": "Operations", "sources": "Sources"}
SINGULAR = {"actors": "actor", "locations": "location", "operations": "operation", "sources": "source"}
ENTITY_BOOST = 3
SOURCE_BOOST = 0.5
# Pages that would grow with the briefing are split or capped; the downloads have everything.
TIMELINE_PAGE_ROWS = 2000   # more dated events than this: one timeline page per month
INDEX_PAGE_ROWS = 2000      # more sheets in a folder than this: its index is split by initial (sources: by month)
TABLE_ROWS = 1000           # longest table on the map, graph and figures pages
CONTESTED_GROUPS = 200      # contested figures shown, those with the most claims
# longest lists on an entity page (a hub such as a country gathers thousands of facts and sources)
PAGE_LIMITS = {"facts": 200, "figures": 100, "relations": 100, "mentioned": 100}
DATA_FILES = ("data/briefing.json", "data/places.geojson", "data/events.csv", "data/facts.json")
CSV_COLUMNS = ("event_date", "precision", "actor1", "actor2", "location", "latitude", "longitude",
               "fatalities", "source", "notes")


# ------------------------------------------------------------------------------------ escaping

# C0/C1 controls (Python-Markdown uses STX/ETX for its placeholders), zero-width and bidi marks.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Markdown, attr_list ({: }), tables (|), admonitions (!!!), code (`), emphasis, links, Jinja.
_ESCAPES.update({ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]#|!~^"})
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# What would start a list item, a setext underline or a horizontal rule at the start of a line.
_LEADING_RE = re.compile(r"^( ?)(?:([-+=])|(\d+)([.)])(?=\s|$))")
_SPACE_RE = re.compile(r"\s+")


def clean_text(value: Any) -> str:
    """One line of plain text: control characters dropped, every run of whitespace one space."""
    if value is None:
        return ""
    return " ".join(_CONTROL_RE.sub("", str(value)).split())


def escape_md(value: Any) -> Markup:
    """Text that Markdown, its extensions and HTML all show literally (Markup passes through).

    Whitespace runs become one space (so no value can start a new block), but are kept at the
    ends: escaped pieces are joined around links.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escape_text(str(value))


@lru_cache(maxsize=1 << 16)   # names and labels recur on thousands of pages; only plain str reaches it
def _escape_text(text: str) -> Markup:
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", text))
    lead = _LEADING_RE.match(text)
    prefix = ""
    if lead:
        space, sign, digits, stop = lead.groups()
        prefix = space + (f"&#{ord(sign)};" if sign else digits + f"&#{ord(stop)};")
        text = text[lead.end():]
    return Markup(prefix + _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape_md(value)


def join_safe(items: Iterable[Any], sep: str = ", ") -> Markup:
    """Jinja's `join` would turn Markup back into plain text; this escapes only plain items."""
    return Markup(escape_md(sep).join(escape_md(i) for i in items))


def yaml_string(value: Any) -> Markup:
    """A front-matter scalar: HTML-escaped (themes print `page.meta.title` raw) and JSON-quoted."""
    return Markup(json.dumps(html.escape(clean_text(value), quote=True), ensure_ascii=False))


# HTML that needs no Markdown pass: the MkDocs plugin lifts it out of the page before Markdown runs
# and puts it back into the HTML after (Python-Markdown costs ~20 ms a page on HTML-heavy pages).
# Without the plugin it is still valid Markdown: a comment, then raw HTML blocks.
VERBATIM_OPEN, VERBATIM_CLOSE = "<!-- briefing:html -->", "<!-- /briefing:html -->"
_VERBATIM_RE = re.compile(re.escape(VERBATIM_OPEN) + r"\n(.*?)\n" + re.escape(VERBATIM_CLOSE), re.S)
_PLACEHOLDER_RE = re.compile(r"<!-- briefing:html (\d+) -->")


def verbatim(html_text: str) -> Markup:
    """Jinja filter: mark a rendered HTML section as needing no Markdown pass."""
    return Markup(f"\n{VERBATIM_OPEN}\n{html_text.strip()}\n{VERBATIM_CLOSE}\n")


def lift_verbatim(markdown: str) -> tuple[str, list[str]]:
    """The page with each verbatim section replaced by a numbered placeholder comment, and the sections.

    Article text cannot forge a placeholder: every value is escaped, `<` included."""
    sections: list[str] = []

    def keep(match: re.Match[str]) -> str:
        sections.append(match.group(1))
        return f"<!-- briefing:html {len(sections) - 1} -->"
    return _VERBATIM_RE.sub(keep, markdown), sections


def restore_verbatim(html_text: str, sections: list[str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: sections[int(m.group(1))], html_text)


# What the search index does not keep, dropped before Material's parser walks the page (it keeps text,
# paragraphs and lists; inline tags only cost it time): drawings, permalink anchors, inline tags.
_SEARCH_DROP_RE = re.compile(r'<svg\b.*?</svg>|<a class="headerlink"[^>]*>.*?</a>', re.S)
_EXCLUDED_SECTION_RE = re.compile(r"<h([1-6])\b[^>]*\bdata-search-exclude\b.*?(?=<h[1-6]\b|</article>|\Z)", re.S)
_EXCLUDED_BLOCK_RE = re.compile(r"<(table|div|ul|form|p)\b[^>]*\bdata-search-exclude\b[^>]*>.*?</\1>", re.S)
_SEARCH_INLINE_RE = re.compile(r"</?(?:a|span|small|strong|em|b|i|abbr|time|br)\b[^>]*>")
_SEARCH_BREAK_RE = re.compile(r"<br\s*/?>(?=\S)")   # a break between words keeps them apart


def search_view(page_html: str) -> str:
    """A generated page's HTML as the search index sees it, with less for its HTML parser to walk:
    what it would skip anyway (sections under a `data-search-exclude` heading, excluded tables and
    boxes, which the templates never nest in their own kind) is not there to walk."""
    lean = _EXCLUDED_SECTION_RE.sub("", page_html)
    lean = _EXCLUDED_BLOCK_RE.sub("", lean)
    lean = _SEARCH_DROP_RE.sub("", lean)
    return _SEARCH_BREAK_RE.sub(" ", _SEARCH_INLINE_RE.sub("", lean))


def _m(template: str, *args: Any) -> Markup:
    """Markup from a trusted template and escaped arguments (never `Markup % value`)."""
    return Markup(template.format(*(escape_md(a) for a in args)))


# ------------------------------------------------------------------------------------ sentences

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt cpt sgt cpl pvt st jr sr no nos vs etc approx jan feb mar apr "
    "jun jul aug sep sept oct nov dec inc co corp ltd gov govt sen rep prof rev fig brig adm cmdr "
    "pres ft mt al".split())
_END_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(\s+)")
_OPENERS = "\"'\u201c\u2018\u00ab(["


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"[\w.]+$", text[:dot])
    if not word:
        return False
    token = word.group()
    if len(token) == 1 and token.isupper():
        return True  # an initial: George W. Bush
    return "." in token or token.lower() in _ABBREVIATIONS  # U.S., Gen., Jan.


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a stop, then space, then a capital, digit or opening quote."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        following = text[match.end():match.end() + 3].lstrip(_OPENERS)
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        spans.append((start, match.start(1)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, deterministically (the anchors `s-<n>` number them)."""
    text = clean_text(text)
    return [text[s:e] for s, e in sentence_spans(text)]


_QUOTE_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                             "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u02bc": "'", "`": "'"})


def _fold_quotes(text: str) -> str:
    folded = text.translate(_QUOTE_FOLD)
    lower = folded.lower()
    return lower if len(lower) == len(folded) else folded


def locate_quote(paragraph: str, quote: str) -> int | None:
    """Character offset of `quote` in `paragraph` (typographic quotes and case forgiven)."""
    quote = clean_text(quote)
    if not quote:
        return None
    at = paragraph.find(quote)
    if at < 0:
        at = _fold_quotes(paragraph).find(_fold_quotes(quote))
    return at if at >= 0 else None


@dataclass(frozen=True)
class Sentence:
    index: int  # n of the anchor `s-<n>`, counted over the whole body
    paragraph: int
    text: str


def body_sentences(source: dict[str, Any]) -> list[list[Sentence]]:
    """Body paragraphs as lists of sentences, numbered across the whole article from 0."""
    out: list[list[Sentence]] = []
    n = 0
    for p, paragraph in enumerate(_strings(source.get("body"))):
        row = []
        for sentence in split_sentences(paragraph):
            row.append(Sentence(n, p, sentence))
            n += 1
        out.append(row)
    return out


def sentence_index(paragraphs: list[list[Sentence]], quote: str) -> int | None:
    """n of the sentence (anchor `s-<n>`) of a body (`body_sentences`) that contains the start of `quote`, or None."""
    return sentence_indexes(paragraphs, [quote])[quote]


def sentence_indexes(paragraphs: list[list[Sentence]], quotes: Iterable[str]) -> dict[str, int | None]:
    """`sentence_index` of each quote, the body joined and folded once for all of them (a hub source is
    quoted by hundreds of facts: folding every paragraph again for each was a third of rendering)."""
    texts = [" ".join(s.text for s in paragraph) for paragraph in paragraphs]
    folded: list[str | None] = [None] * len(texts)
    out: dict[str, int | None] = {}
    for quote in quotes:
        out[quote] = None
        wanted = clean_text(quote)
        if not wanted:
            continue
        wanted_folded = None
        for p, (paragraph, text) in enumerate(zip(paragraphs, texts)):
            at = text.find(wanted)   # as written, else with typographic quotes and case forgiven (`locate_quote`)
            if at < 0:
                if folded[p] is None:
                    folded[p] = _fold_quotes(text)
                wanted_folded = wanted_folded or _fold_quotes(wanted)
                at = folded[p].find(wanted_folded)  # type: ignore[union-attr]
            if at < 0:
                continue
            offset = 0
            for sentence in paragraph:
                offset += len(sentence.text) + 1
                if at < offset:
                    out[quote] = sentence.index
                    break
            break
    return out


# ------------------------------------------------------------------------------------ plain data helpers

def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [clean_text(v) for v in value if isinstance(v, (str, int, float)) and clean_text(v)]


def _ids(value: Any) -> list[str]:
    return [v for v in (value if isinstance(value, list) else []) if isinstance(v, str) and v]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in (value if isinstance(value, list) else []) if isinstance(v, dict)]


def _date(value: Any) -> str | None:
    text = clean_text(value)
    return text or None


def date_sort_key(date: str | None) -> str:
    return date or ""


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(date: Any, precision: Any = None) -> str:
    """'12 Mar 2021', 'Mar 2021', '2021', 'week of 8 Mar 2021'; 'undated' for none."""
    text = clean_text(date)
    if not text:
        return "undated"
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        return text
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return text
    if day:
        out = f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
        return f"week of {out}" if precision == "week" else out
    if month:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return year


def precision_of(date: Any, precision: Any = None) -> str:
    if isinstance(precision, str) and precision:
        return precision
    text = clean_text(date)
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "unknown") if text else "unknown"


def date_html(date: Any, precision: Any = None) -> Markup:
    """The date and, always visible, its precision."""
    if not clean_text(date):
        return Markup('<span class="date undated">undated</span>')
    return _m('<span class="date">{}</span> <span class="precision" title="date precision">{}</span>',
              format_date(date, precision), precision_of(date, precision))


def page_uri(folder: str, sheet_id: str) -> str:
    """The Markdown file of a sheet's page; `_` is not allowed in ids, so `_index` cannot clash."""
    return f"{folder}/{'_index' if sheet_id == 'index' else sheet_id}.md"


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file `uri` (as `File.url`)."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if stem == "index":
        return "./" if directory_urls else "index.html"
    if stem.endswith("/index"):
        return stem[:-5] if directory_urls else stem + ".html"
    return stem + "/" if directory_urls else stem + ".html"


# ------------------------------------------------------------------------------------ the model

@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    text: str
    date: str | None
    precision: str | None
    source: str | None
    quote: str
    claimed_by: str | None
    involves: tuple[str, ...]
    home: str
    value: str | None = None
    number: float | int | None = None
    counts: str | None = None
    also: tuple[tuple[str, str], ...] = ()     # other (source id, quote) reporting the same fact


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    label: str
    sources: tuple[str, ...] = ()


@dataclass
class RenderOptions:
    site_name: str = "Briefing"
    directory_urls: bool = True
    leaflet: bool = False  # Leaflet is copied to assets/vendor/leaflet/
    intro: str | None = None  # trusted hand-written Markdown for the top of the home page


class SiteModel:
    """Every index the pages need, computed once from the sheets (sorted, so output is stable)."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.entities: dict[str, dict[str, Any]] = {}
        self.folder_of: dict[str, str] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        merged: dict[str, tuple[str, dict[str, Any]]] = {}
        for folder in ENTITY_FOLDERS:
            for sid, sheet in sorted(briefing.sheets.get(folder, {}).items()):
                if not ID_RE.match(sid) or sid in self.folder_of or sid in merged:
                    continue
                target = sheet.get("merged_into")
                if isinstance(target, str) and target and target != sid:
                    merged[sid] = (folder, sheet)
                else:
                    self.entities[sid] = sheet
                    self.folder_of[sid] = folder
        for sid, sheet in sorted(briefing.sheets.get("sources", {}).items()):
            if ID_RE.match(sid):
                self.sources[sid] = sheet
        self.canonical: dict[str, str] = {sid: sid for sid in self.entities}
        for sid in sorted(merged):
            seen = {sid}
            target = merged[sid][1].get("merged_into")
            while target in merged and target not in seen:
                seen.add(target)
                target = merged[target][1].get("merged_into")
            if target in self.entities:
                self.canonical[sid] = target
            else:  # merged into nothing we know: keep its own page
                self.entities[sid] = merged[sid][1]
                self.folder_of[sid] = merged[sid][0]
                self.canonical[sid] = sid
        self.redirects = {sid: (folder, self.canonical[sid]) for sid, (folder, _) in sorted(merged.items())
                          if self.canonical[sid] != sid}
        self._merged_sheets = {sid: sheet for sid, (_, sheet) in merged.items() if sid in self.redirects}
        self._collect_facts()
        self._collect_mentions()

    # -- names
    def resolve(self, sheet_id: Any) -> str | None:
        return self.canonical.get(sheet_id) if isinstance(sheet_id, str) else None

    def name(self, sheet_id: str) -> str:
        names = self.__dict__.setdefault("_names", {})   # asked for on every page that links or sorts by it
        found = names.get(sheet_id)
        if found is None:
            sheet = self.entities.get(sheet_id) or self.sources.get(sheet_id)
            found = sheet_id if sheet is None else \
                clean_text(sheet.get("title" if sheet_id in self.sources else "name")) or sheet_id
            names[sheet_id] = found
        return found

    def kind(self, sheet_id: str) -> str:
        sheet = self.entities.get(sheet_id) or self.sources.get(sheet_id) or {}
        return clean_text(sheet.get("kind")) or "other"

    def aliases(self, sheet_id: str) -> list[str]:
        sheet = self.entities.get(sheet_id) or self.sources.get(sheet_id) or {}
        # (one alias a page shows once: "People's" and "People’s" differ only in the apostrophe a paper
        # types; the straight one, first in order, is kept)
        shown: dict[str, str] = {}
        for alias in sorted(_strings(sheet.get("aliases"))):
            shown.setdefault(alias.translate(_STRAIGHTEN), alias)
        shown.pop(self.name(sheet_id).translate(_STRAIGHTEN), None)
        return sorted(shown.values(), key=lambda a: (a.casefold(), a))

    def uri(self, sheet_id: str) -> str | None:
        if sheet_id in self.entities:
            return page_uri(self.folder_of[sheet_id], sheet_id)
        if sheet_id in self.sources:
            return page_uri("sources", sheet_id)
        return None

    def group(self, sheet_id: str) -> str:
        """'person', 'actor', 'location' or 'operation': the colour of a node or marker."""
        folder = self.folder_of.get(sheet_id, "")
        if folder == "actors" and self.kind(sheet_id) == "person":
            return "person"
        return SINGULAR.get(folder, "other")

    def ids(self, folder: str) -> list[str]:
        """Ids of one folder in page order (by name); computed once per folder."""
        cache = self.__dict__.setdefault("_ids", {})
        if folder not in cache:
            if folder == "sources":
                cache[folder] = sorted(self.sources)
            else:
                cache[folder] = sorted((i for i in self.entities if self.folder_of[i] == folder),
                                       key=lambda i: (self.name(i).casefold(), i))
        return list(cache[folder])

    @cached_property
    def matcher(self) -> Matcher:
        pairs: set[tuple[str, str]] = set()
        people: set[str] = set()
        for sid in sorted(self.canonical):
            sheet = self.entities.get(sid) or self._merged_sheets.get(sid) or {}
            target = self.canonical[sid]
            names = [a for a in [clean_text(sheet.get("name")), *_strings(sheet.get("aliases"))] if a]
            pairs.update((alias, target) for alias in names)
            if sheet.get("kind") == "person":
                people |= one_word_names(names)
        return Matcher(sorted(pairs), exact_only=lexicon().exact_words(), spelled=people)

    @cached_property
    def name_index(self) -> dict[str, str]:
        """name_key of every name, alias and title -> sheet id (first by id wins)."""
        index: dict[str, str] = {}
        for sid in sorted(self.canonical):
            sheet = self.entities.get(sid) or self._merged_sheets.get(sid) or {}
            for alias in [clean_text(sheet.get("name")), *_strings(sheet.get("aliases"))]:
                index.setdefault(name_key(alias), self.canonical[sid])
        for sid, sheet in sorted(self.sources.items()):
            index.setdefault(name_key(clean_text(sheet.get("title"))), sid)
        index.pop("", None)
        return index

    @cached_property
    def link_targets(self) -> LinkTargets:
        return LinkTargets.of(self)

    def find(self, target: str) -> str | None:
        """A sheet by id or by any of its names (wiki-links)."""
        return self.link_targets.find(target)

    # -- facts
    def _fact(self, raw: dict[str, Any], home: str, n: int) -> Fact | None:
        if clean_text(raw.get("status")) == "rejected":
            return None
        involves: list[str] = []
        for i in [home, *_ids(raw.get("involves"))]:
            cid = self.resolve(i)
            if cid and cid not in involves:
                involves.append(cid)
        number = raw.get("number")
        source = raw.get("source") if raw.get("source") in self.sources else None
        return Fact(
            id=clean_text(raw.get("id")) or f"{home}-fact-{n}",
            type=clean_text(raw.get("type")) or "event",
            text=clean_text(raw.get("text")),
            date=_date(raw.get("date")),
            precision=clean_text(raw.get("date_precision")) or None,
            source=source,
            quote=clean_text(raw.get("quote")),
            claimed_by=self.resolve(raw.get("claimed_by")),
            involves=tuple(involves),
            home=home,
            value=clean_text(raw.get("value")) or None,
            number=number if isinstance(number, (int, float)) and not isinstance(number, bool) else None,
            counts=clean_text(raw.get("counts")) or None,
            also=tuple((str(a.get("source")), clean_text(a.get("quote"))) for a in raw.get("also_reported") or ()
                       if isinstance(a, dict) and a.get("source") in self.sources),
        )

    def _collect_facts(self) -> None:
        self.facts: list[Fact] = []
        seen: set[str] = set()
        sheets = sorted([*self.entities.items(), *self._merged_sheets.items()])
        for sid, sheet in sheets:
            home = self.canonical[sid]
            for n, raw in enumerate(_dicts(sheet.get("facts"))):
                fact = self._fact(raw, home, n)
                if fact and fact.id not in seen:
                    seen.add(fact.id)
                    self.facts.append(fact)
        self.facts_of: dict[str, list[Fact]] = {}
        self.facts_by_source: dict[str, list[Fact]] = {}
        for fact in self.facts:
            for eid in fact.involves:
                self.facts_of.setdefault(eid, []).append(fact)
            if fact.source:
                self.facts_by_source.setdefault(fact.source, []).append(fact)

    def entity_facts(self, eid: str) -> list[Fact]:
        """Facts on its sheet and facts elsewhere that involve it, newest first."""
        return sorted(self.facts_of.get(eid, []), key=lambda f: (date_sort_key(f.date), f.id), reverse=True)

    # -- mentions and co-occurrence
    def _collect_mentions(self) -> None:
        self.mentions: dict[str, dict[str, int]] = {}
        sheets = sorted([*self.entities.items(), *self._merged_sheets.items()])
        for sid, sheet in sheets:
            eid = self.canonical[sid]
            for row in _dicts(sheet.get("mentions")):
                source, count = row.get("source"), row.get("count")
                if source in self.sources:
                    n = count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 1
                    per = self.mentions.setdefault(eid, {})
                    per[source] = per.get(source, 0) + n
        self.in_source: dict[str, set[str]] = {}
        for eid, per in self.mentions.items():
            for source in per:
                self.in_source.setdefault(source, set()).add(eid)
        for fact in self.facts:
            if fact.source:
                self.in_source.setdefault(fact.source, set()).update(fact.involves)

    def mention_count(self, eid: str) -> int:
        return sum(self.mentions.get(eid, {}).values())

    def sources_of(self, eid: str) -> set[str]:
        return set(self.mentions.get(eid, {})) | {f.source for f in self.facts_of.get(eid, []) if f.source}

    def related(self, eid: str, limit: int = 15) -> list[tuple[str, int, int]]:
        """(other id, shared sources, shared facts), most shared first."""
        shared_sources: dict[str, int] = {}
        for source in sorted(self.sources_of(eid)):
            for other in self.in_source.get(source, ()):
                if other != eid:
                    shared_sources[other] = shared_sources.get(other, 0) + 1
        shared_facts: dict[str, int] = {}
        for fact in self.facts_of.get(eid, []):
            for other in fact.involves:
                if other != eid:
                    shared_facts[other] = shared_facts.get(other, 0) + 1
        others = set(shared_sources) | set(shared_facts)
        rows = [(o, shared_sources.get(o, 0), shared_facts.get(o, 0)) for o in others if o in self.entities]
        rows.sort(key=lambda r: (-(r[1] + r[2]), self.name(r[0]).casefold(), r[0]))
        return rows[:limit]

    # -- sources
    def sentences(self, sid: str) -> list[list[Sentence]]:
        """A source's body as numbered sentences."""
        return body_sentences(self.sources[sid])

    def matches_in(self, text: str) -> list[Any]:
        """The matcher's matches in `text`, remembered: a quote is shown on every page of what it involves."""
        cache = self.__dict__.setdefault("_found", {})
        if text not in cache:
            cache[text] = self.matcher.find(text)
        return cache[text]

    def anchor(self, fact: Fact) -> str | None:
        if not fact.source or not fact.quote:
            return None
        key = (fact.source, fact.quote)
        cache = self.__dict__.setdefault("_anchors", {})
        if key not in cache:
            # the body is split once for every fact quoting it, and not kept (at 10,000 sources that
            # would be 150 MB in every process)
            found = sentence_indexes(self.sentences(fact.source),
                                     {fact.quote} | self._quotes_by_source.get(fact.source, set()))
            for quote, n in found.items():
                cache[(fact.source, quote)] = None if n is None else f"s-{n}"
        return cache[key]

    @cached_property
    def _quotes_by_source(self) -> dict[str, set[str]]:
        """Every quote cited from each source, by a fact or as the same fact reported again."""
        out: dict[str, set[str]] = {}
        for fact in self.facts:
            for sid, quote in ((fact.source, fact.quote), *fact.also):
                if sid and quote:
                    out.setdefault(sid, set()).add(quote)
        return out

    def source_label(self, sid: str) -> str:
        sheet = self.sources.get(sid, {})
        who = clean_text(sheet.get("publisher")) or self.name(sid)
        when = clean_text(sheet.get("published"))
        return f"{who}, {format_date(when, sheet.get('published_precision'))}" if when else who

    # -- places
    @cached_property
    def coordinates(self) -> dict[str, tuple[float, float, str]]:
        """lat, lon, basis of every location: the sheet's own, else the gazetteer's."""
        out: dict[str, tuple[float, float, str]] = {}
        for eid in self.ids("locations"):
            sheet = self.entities[eid]
            coords = sheet.get("coordinates")
            if isinstance(coords, dict):
                lat, lon = coords.get("lat"), coords.get("lon")
                if _is_number(lat) and _is_number(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
                    out[eid] = (float(lat), float(lon), clean_text(coords.get("basis")) or "editor")
                    continue
            found = geo.lookup(self.name(eid), self.aliases(eid), self.kind(eid), self.country_of(eid))
            if found:
                out[eid] = (found["lat"], found["lon"], found["basis"])
        return out

    def ancestors(self, eid: str) -> list[str]:
        chain: list[str] = []
        current = self.resolve(self.entities.get(eid, {}).get("part_of"))
        while current and current not in chain and current != eid:
            chain.append(current)
            current = self.resolve(self.entities.get(current, {}).get("part_of"))
        return chain

    def country_of(self, eid: str) -> str | None:
        for parent in self.ancestors(eid):
            if self.folder_of.get(parent) == "locations" and self.kind(parent) == "country":
                return self.name(parent)
        return None

    @cached_property
    def _back_references(self) -> dict[str, dict[str, list[str]]]:
        """One pass for what points at an entity: parts, members (people), operations."""
        refs: dict[str, dict[str, list[str]]] = {"children": {}, "members": {}, "operations": {}}
        for folder in ENTITY_FOLDERS:
            for i in self.ids(folder):
                sheet = self.entities[i]
                parent = self.resolve(sheet.get("part_of"))
                if parent and parent != i:
                    refs["children"].setdefault(parent, []).append(i)
                if folder == "actors" and self.kind(i) == "person":
                    boss = self.resolve(sheet.get("affiliation"))
                    if boss:
                        refs["members"].setdefault(boss, []).append(i)
                if folder == "operations":
                    side_a, side_b = _sides(self, i)
                    places = [self.resolve(p) for p in _ids(sheet.get("locations"))]
                    for other in dict.fromkeys([*side_a, *side_b, *(p for p in places if p)]):
                        refs["operations"].setdefault(other, []).append(i)
        return refs

    def children(self, eid: str) -> list[str]:
        """Entities whose `part_of` is this one (places in a place, operations in a campaign)."""
        return [c for c in self._back_references["children"].get(eid, []) if self.folder_of[c] == self.folder_of[eid]]

    def members(self, eid: str) -> list[str]:
        return list(self._back_references["members"].get(eid, []))

    def operations_of(self, eid: str) -> list[str]:
        """Operations this actor took a side in, or this place saw."""
        return list(self._back_references["operations"].get(eid, []))

    # -- graph
    @cached_property
    def edges(self) -> list[Edge]:
        """Typed links between entities: relations, affiliation, part of, sides, commanders, control."""
        out: dict[tuple[str, str, str], set[str]] = {}

        def add(a: Any, b: Any, label: str, sources: Iterable[Any] = ()) -> None:
            a, b = self.resolve(a), self.resolve(b)
            if a and b and a != b and a in self.entities and b in self.entities:
                out.setdefault((a, b, label), set()).update(s for s in sources if s in self.sources)

        for eid, sheet in sorted(self.entities.items()):
            folder = self.folder_of[eid]
            if folder == "actors":
                for rel in _dicts(sheet.get("relations")):
                    add(eid, rel.get("target"), clean_text(rel.get("type")) or "related to", _ids(rel.get("sources")))
                add(eid, sheet.get("affiliation"), "affiliated with")
            elif folder == "locations":
                add(eid, sheet.get("part_of"), "part of")
                for row in _dicts(sheet.get("control")):
                    add(row.get("controller"), eid, "controlled", [row.get("source")])
            else:
                add(eid, sheet.get("part_of"), "part of")
                participants = sheet.get("participants") if isinstance(sheet.get("participants"), dict) else {}
                for side, label in (("side_a", "side A in"), ("side_b", "side B in")):
                    for actor in _ids(participants.get(side)):
                        add(actor, eid, label)
                for person in _ids(sheet.get("commanders")):
                    add(person, eid, "commanded")
                for place in _ids(sheet.get("locations")):
                    add(eid, place, "fought at")
        return [Edge(a, b, label, tuple(sorted(src))) for (a, b, label), src in sorted(out.items())]

    @cached_property
    def neighbours(self) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge.a, []).append(edge)
            out.setdefault(edge.b, []).append(edge)
        return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# ------------------------------------------------------------------------------------ links

@lru_cache(maxsize=1 << 16)
def _url_parts(url: str) -> tuple[str, ...]:
    """The folders `get_relative_url` starts from: a URL's parts, without a file name."""
    folder, _, name = url.rpartition("/")
    return tuple(part for part in posixpath.normpath("/" + (folder if "." in name else url)).split("/") if part)


def md_href(page: str, target: str) -> str:
    """The relative path from one docs file to another, as a Markdown link wants it."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


class Links:
    """Links from one page: Markdown links (checked by MkDocs) and URLs for raw HTML and SVG."""

    def __init__(self, model: SiteModel, page: str, directory_urls: bool = True) -> None:
        self.model = model
        self.page = page
        self.directory_urls = directory_urls
        # A link is the same text on every page of a folder, except a link into the page itself
        # (relative URLs): those are remembered per folder, the rest made each time (`_private`).
        self._own = _url_parts(page_url(page, directory_urls))
        memos = model.__dict__.setdefault("_link_memos", {})
        self._memo: dict[tuple[Any, ...], Markup] = memos.setdefault(
            (posixpath.dirname(page), directory_urls, self._own[:-1], len(self._own)), {})

    def _private(self, uri: str | None) -> bool:
        """Whether a link to `uri` depends on this page itself, not only on its folder."""
        if uri is None:
            return False
        n = len(self._own)
        return n == 0 or _url_parts(page_url(uri, self.directory_urls))[:n] == self._own

    def _remembered(self, key: tuple[Any, ...], uri: str | None, make: Callable[[], Markup]) -> Markup:
        if self._private(uri):
            return make()
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
        return found

    def md_href(self, target: str, anchor: str | None = None) -> Markup:
        """Relative path to a docs file (ids are slugs, so it needs no escaping)."""
        href = md_href(self.page, target)
        return Markup(f"{href}#{anchor}" if anchor else href)

    def url(self, target: str, anchor: str | None = None) -> Markup:
        here = page_url(self.page, self.directory_urls)
        url = get_relative_url(page_url(target, self.directory_urls), here)
        if target.endswith(".md") and url == ".":
            url = "./"
        return Markup(html.escape(f"{url}#{anchor}" if anchor else url, quote=True))

    def md(self, target: str, label: Any, anchor: str | None = None) -> Markup:
        return Markup(f"[{escape_md(label) or escape_md(target)}]({self.md_href(target, anchor)})")

    def html(self, target: str, label: Any, anchor: str | None = None) -> Markup:
        return Markup(f'<a href="{self.url(target, anchor)}">{escape_md(label)}</a>')

    def entity(self, eid: Any, label: Any = None, html: bool = False) -> Markup:
        if isinstance(eid, str) and (label is None or type(label) is str):
            return self._remembered(("entity", eid, label, html), self.model.uri(self.model.resolve(eid) or eid) or None,
                                    lambda: self._entity(eid, label, html))
        return self._entity(eid, label, html)

    def _entity(self, eid: Any, label: Any, html: bool) -> Markup:
        cid = self.model.resolve(eid)
        if not cid and isinstance(eid, str) and eid in self.model.sources:
            cid = eid
        text = label if label is not None else (self.model.name(cid) if cid else eid)
        uri = self.model.uri(cid) if cid else None
        if not uri:
            return escape_md(text)
        return self.html(uri, text) if html else self.md(uri, text)

    def entities(self, ids: Iterable[Any], html: bool = False) -> Markup:
        return join_safe([self.entity(i, html=html) for i in ids])

    def source(self, sid: Any, label: Any = None, anchor: str | None = None, html: bool = False) -> Markup:
        if isinstance(sid, str) and (label is None or type(label) is str):
            return self._remembered(("source", sid, label, anchor, html), page_uri("sources", sid),
                                    lambda: self._source(sid, label, anchor, html))
        return self._source(sid, label, anchor, html)

    def _source(self, sid: Any, label: Any, anchor: str | None, html: bool) -> Markup:
        if sid not in self.model.sources:
            return escape_md(label if label is not None else (sid or "unknown source"))
        text = label if label is not None else self.model.name(sid)
        uri = page_uri("sources", sid)
        return self.html(uri, text, anchor) if html else self.md(uri, text, anchor)

    def cite(self, fact: Fact, html: bool = False) -> Markup:
        """The source and, when the quote is found, its sentence."""
        if not fact.source:
            return Markup('<span class="cite missing">no source</span>')
        first = self.source(fact.source, self.model.source_label(fact.source), self.model.anchor(fact), html)
        others = [self.source(sid, self.model.source_label(sid),
                              self.model.anchor(replace(fact, source=sid, quote=quote)), html)
                  for sid, quote in fact.also]
        return Markup("; ").join([first, *others]) if others else first

    def text(self, text: Any, seen: set[str] | None = None, skip: Iterable[str] = (),
             html: bool = False) -> Markup:
        """Text with the first mention of each entity (per `seen`, i.e. paragraph) linked."""
        text = clean_text(text)
        seen = set() if seen is None else seen
        skip = set(skip)
        out: list[str] = []
        at = 0
        for match in self.model.matches_in(text):
            eid = match.entity_id
            if eid in seen or eid in skip or eid not in self.model.entities:
                continue
            seen.add(eid)
            out.append(escape_md(text[at:match.start]))
            out.append(self.entity(eid, text[match.start:match.end], html=html))
            at = match.end
        out.append(escape_md(text[at:]))
        return Markup("".join(out))


# ------------------------------------------------------------------------------------ wiki-links

WIKILINK_RE = re.compile(r"\[\[([^\[\]\n|]+?)(?:\|([^\[\]\n]+?))?\]\]")
# inline code first, so `[[Name]]` in backticks stays as written
_CODE_OR_WIKILINK_RE = re.compile(r"(`+).+?\1|" + WIKILINK_RE.pattern)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


@dataclass
class LinkTargets:
    """What resolving [[wiki-links]] needs of a SiteModel (`find`, `uri`), without the sheets."""

    canonical: dict[str, str]
    sources: set[str]
    folder_of: dict[str, str]
    name_index: dict[str, str]

    @classmethod
    def of(cls, model: SiteModel) -> LinkTargets:
        return cls(dict(model.canonical), set(model.sources), {i: model.folder_of[i] for i in model.entities},
                   model.name_index)

    def find(self, target: str) -> str | None:
        """A sheet by id or by any of its names."""
        target = target.strip()
        if target in self.canonical:
            return self.canonical[target]
        if target in self.sources:
            return target
        return self.name_index.get(name_key(target))

    def uri(self, sheet_id: str) -> str | None:
        if sheet_id in self.folder_of:
            return page_uri(self.folder_of[sheet_id], sheet_id)
        return page_uri("sources", sheet_id) if sheet_id in self.sources else None


def replace_wikilinks(markdown: str, page: str, model: SiteModel | LinkTargets) -> tuple[str, list[str]]:
    """`[[Name]]`/`[[id|label]]` -> Markdown links from `page`; returns (text, unresolved names).

    Hand-written pages are trusted: the label is kept as the editor wrote it. Fenced code
    blocks are left alone.
    """
    unresolved: list[str] = []

    def swap(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(0)  # inline code
        target, label = match.group(2).strip(), (match.group(3) or match.group(2)).strip()
        sid = model.find(target)
        uri = model.uri(sid) if sid else None
        if not uri:
            unresolved.append(target)
            return label
        return f"[{label}]({md_href(page, uri)})"

    out: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE_RE.match(line):
            fenced = not fenced
        out.append(line if fenced else _CODE_OR_WIKILINK_RE.sub(swap, line))
    return "".join(out), unresolved


def _summary(text: Any, links: Links) -> Markup:
    """Editor-written summary as HTML paragraphs: plain text with [[wiki-links]]."""
    raw = str(text or "").replace("\r\n", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", raw) if p.strip()]
    out = []
    for paragraph in paragraphs:
        pieces, at = [], 0
        for match in WIKILINK_RE.finditer(paragraph):
            pieces.append(escape_md(paragraph[at:match.start()]))
            sid = links.model.find(match.group(1))
            label = (match.group(2) or match.group(1)).strip()
            uri = links.model.uri(sid) if sid else None
            pieces.append(links.html(uri, label) if uri else escape_md(label))
            at = match.end()
        pieces.append(escape_md(paragraph[at:]))
        out.append("<p>" + "".join(pieces) + "</p>")
    return Markup("\n".join(out))


# ------------------------------------------------------------------------------------ SVG

@dataclass(frozen=True)
class MapPoint:
    id: str
    name: str
    group: str
    kind: str
    lat: float
    lon: float
    weight: int


def _f(x: float) -> Markup:
    """A coordinate for SVG (a number: nothing to escape)."""
    return Markup(f"{x:.1f}")


FRAME_DEGREES = 12.0  # half-size of the map frame around the weighted middle of the places


def _weighted_median(values: list[tuple[float, int]]) -> float:
    values = sorted(values)
    half = sum(w for _, w in values) / 2
    total = 0
    for value, weight in values:
        total += weight
        if total >= half:
            return value
    return values[-1][0]


def map_points(model: SiteModel) -> tuple[list[MapPoint], list[MapPoint]]:
    """(points inside the map frame, points outside it).

    The frame is centred on the weighted median of the places (by mentions), so a capital
    abroad or a country marker does not shrink the theatre to a dot; the rest are listed.
    """
    points = [MapPoint(eid, model.name(eid), model.group(eid), model.kind(eid), lat, lon, model.mention_count(eid))
              for eid, (lat, lon, _) in sorted(model.coordinates.items())]
    local = [p for p in points if p.kind not in ("country", "region")] or points
    if not local:
        return [], []
    lat0 = _weighted_median([(p.lat, p.weight + 1) for p in local])
    lon0 = _weighted_median([(p.lon, p.weight + 1) for p in local])
    inside = [p for p in local if abs(p.lat - lat0) <= FRAME_DEGREES and abs(p.lon - lon0) <= FRAME_DEGREES]
    if not inside:  # the medians can come from two far-apart places: keep the nearest one
        inside = [min(local, key=lambda p: (abs(p.lat - lat0) + abs(p.lon - lon0), p.id))]
    lats, lons = [p.lat for p in inside], [p.lon for p in inside]
    margin = max(max(lats) - min(lats), max(lons) - min(lons), 0.5) * 0.25
    areas = [p for p in points if p not in local and min(lats) - margin <= p.lat <= max(lats) + margin
             and min(lons) - margin <= p.lon <= max(lons) + margin]
    inside = sorted(inside + areas, key=lambda p: p.id)
    outside = [p for p in points if p not in inside]
    return inside, outside


def svg_map(points: list[MapPoint], links: Links, width: int = 760, max_labels: int = 60,
            css_class: str = "briefing-map-svg") -> Markup:
    """An equirectangular map of markers and labels, drawn at build time (no tiles, no script)."""
    if not points:
        return Markup('<p class="no-places">No location has coordinates yet.</p>')
    lat0 = sum(p.lat for p in points) / len(points)
    cos0 = max(math.cos(math.radians(lat0)), 0.2)
    xs = [p.lon * cos0 for p in points]
    ys = [-p.lat for p in points]
    span_x = max(max(xs) - min(xs), 0.05)
    span_y = max(max(ys) - min(ys), 0.05)
    pad = 40
    height = int(min(max((width - 2 * pad) * span_y / span_x + 2 * pad, 260), 620))
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2 - min(xs) * scale
    off_y = (height - span_y * scale) / 2 - min(ys) * scale
    placed: list[tuple[float, float, float, float]] = []
    order = sorted(points, key=lambda p: (-p.weight, p.name.casefold(), p.id))
    parts = [f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Map of the places in this briefing" xmlns="http://www.w3.org/2000/svg">',
             f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>']
    grid_step = _grid_step(max(span_x / cos0, span_y))
    parts.append(_graticule(min(xs), max(xs), min(ys), max(ys), cos0, scale, off_x, off_y, grid_step))
    markers, labels = [], []
    for p in order:  # labels must not cover any marker
        x, y = p.lon * cos0 * scale + off_x, -p.lat * scale + off_y
        placed.append((x - 6, y - 6, x + 6, y + 6))
    for i, p in enumerate(order):
        x, y = p.lon * cos0 * scale + off_x, -p.lat * scale + off_y
        r = 4 + min(p.weight, 20) ** 0.5
        markers.append(_m('<a href="{}" class="marker {}"><circle cx="{}" cy="{}" r="{}"><title>{}</title></circle></a>',
                          links.url(links.model.uri(p.id)), p.group, _f(x), _f(y), _f(r), f"{p.name} ({p.kind})"))
        if i >= max_labels:
            continue
        label = p.name if len(p.name) <= 28 else p.name[:27] + "\u2026"
        w, h = 6.4 * len(label) + 4, 14
        for lx, ly, anchor in ((x + r + 3, y + 4, "start"), (x - r - 3, y + 4, "end"),
                               (x, y - r - 4, "middle"), (x, y + r + 13, "middle")):
            left = lx if anchor == "start" else lx - w if anchor == "end" else lx - w / 2
            box = (left, ly - h + 3, left + w, ly + 3)
            if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
                continue
            if any(_overlap(box, other) for other in placed):
                continue
            placed.append(box)
            labels.append(_m('<text x="{}" y="{}" text-anchor="{}">{}</text>', _f(lx), _f(ly), anchor, label))
            break
    parts += markers
    parts.append('<g class="labels">')
    parts += labels
    parts.append("</g></svg>")
    return Markup("".join(parts))


def _grid_step(span_degrees: float) -> float:
    for step in (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20):
        if span_degrees / step <= 8:
            return step
    return 30


def _graticule(x0: float, x1: float, y0: float, y1: float, cos0: float, scale: float,
               off_x: float, off_y: float, step: float) -> str:
    """Faint lines of latitude and longitude, so distances read without a basemap."""
    lines = ['<g class="graticule">']
    lon = math.floor(x0 / cos0 / step) * step
    while lon <= x1 / cos0 + step:
        x = lon * cos0 * scale + off_x
        lines.append(f'<line x1="{_f(x)}" y1="0" x2="{_f(x)}" y2="10000"/>')
        lon += step
    lat = math.floor(-y1 / step) * step
    while lat <= -y0 + step:
        y = -lat * scale + off_y
        lines.append(f'<line x1="0" y1="{_f(y)}" x2="10000" y2="{_f(y)}"/>')
        lat += step
    lines.append("</g>")
    return "".join(lines)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def force_layout(nodes: list[str], edges: list[tuple[str, str]], iterations: int = 120) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle, no randomness: same graph, same picture. Unit square."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    index = {node: i for i, node in enumerate(nodes)}
    pos = [[math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i in range(n)]
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    k = 2.0 / math.sqrt(n)
    temperature = 0.2
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = max(dx * dx + dy * dy, 1e-6)
                f = k * k / d2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for i, j in pairs:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = max(math.hypot(dx, dy), 1e-3)
            f = d / k
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i in range(n):
            # a weak pull to the middle keeps unconnected parts from drifting off
            disp[i][0] -= pos[i][0] * 0.05
            disp[i][1] -= pos[i][1] * 0.05
            length = max(math.hypot(*disp[i]), 1e-9)
            step = min(length, temperature)
            pos[i][0] += disp[i][0] / length * step
            pos[i][1] += disp[i][1] / length * step
        temperature *= 0.96
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)  # keep the aspect: a chain stays a line
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (0.5 + (pos[i][0] - cx) / span, 0.5 + (pos[i][1] - cy) / span) for node, i in index.items()}


def components(nodes: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Connected components, largest first, each in the order of `nodes`."""
    adjacent: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a in adjacent and b in adjacent:
            adjacent[a].add(b)
            adjacent[b].add(a)
    seen: set[str] = set()
    out = []
    for node in nodes:
        if node in seen:
            continue
        group, stack = set(), [node]
        while stack:
            current = stack.pop()
            if current not in group:
                group.add(current)
                stack.extend(adjacent[current] - group)
        seen |= group
        out.append([n for n in nodes if n in group])
    return sorted(out, key=lambda g: -len(g))  # stable: ties keep the order of `nodes`


def packed_layout(nodes: list[str], edges: list[tuple[str, str]],
                  width: float = 760.0) -> tuple[dict[str, tuple[float, float]], float, set[str]]:
    """Each component laid out on its own, then packed in rows, largest first: one force
    layout over everything pushes small islands to the rim and crushes the main one.
    Returns positions in the unit square, the pixel height for `width`, and the nodes whose
    label goes above them (every other node of a small island, so neighbours' labels miss)."""
    placed: dict[str, tuple[float, float]] = {}
    above: set[str] = set()
    x = y = row_height = 0.0
    for group in components(nodes, edges):
        keep = set(group)
        layout = force_layout(group, [(a, b) for a, b in edges if a in keep and b in keep])
        side = min(max(150.0 * math.sqrt(len(group)), 220.0), width)
        margin = 0.22 if len(group) <= 3 else 0.06  # labels of neighbouring islands must not touch
        inner = side * (1 - 2 * margin)
        top = min(ny for _, ny in layout.values())
        box_height = inner * (max(ny for _, ny in layout.values()) - top) + 60  # a chain is a flat box
        if x > 0 and x + side > width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx, ny) in layout.items():
            placed[node] = (x + side * margin + nx * inner, y + 28 + (ny - top) * inner)
        if len(group) <= 3:
            above |= set(sorted(group, key=lambda n: (layout[n][0], n))[1::2])
        x += side
        row_height = max(row_height, box_height)
    height = max(y + row_height, 1.0)
    return {n: (px / width, py / height) for n, (px, py) in placed.items()}, height, above


def svg_graph(model: SiteModel, links: Links, nodes: list[str], edges: list[Edge],
              positions: dict[str, tuple[float, float]], width: int = 760, height: int = 560,
              center: str | None = None, edge_labels: bool = False,
              labels_above: set[str] | frozenset[str] = frozenset()) -> Markup:
    """Nodes (linked to their pages) and typed edges; `positions` in the unit square."""
    pad_x, pad_y = 90, 30

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return pad_x + x * (width - 2 * pad_x), pad_y + y * (height - 2 * pad_y)

    parts = [f'<svg class="briefing-graph" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Relations between entities" xmlns="http://www.w3.org/2000/svg">']
    parts.append('<g class="edges">')
    for edge in edges:
        if edge.a not in positions or edge.b not in positions:
            continue
        (x1, y1), (x2, y2) = at(edge.a), at(edge.b)
        dashed = " cooccurs" if edge.label == "mentioned together" else ""
        parts.append(_m('<line class="edge{}" x1="{}" y1="{}" x2="{}" y2="{}"><title>{}</title></line>',
                        dashed, _f(x1), _f(y1), _f(x2), _f(y2),
                        f"{model.name(edge.a)} \u2014 {edge.label} \u2014 {model.name(edge.b)}"))
        if edge_labels:
            parts.append(_m('<text class="edge-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                            _f((x1 + x2) / 2), _f((y1 + y2) / 2 - 3), edge.label))
    parts.append("</g>")
    drawn = [node for node in nodes if node in positions]
    radius = {node: 9 if node == center else 6 for node in drawn}
    # two nodes of one name (a country and its state) are told apart by their kind
    seen = Counter(model.name(node) for node in drawn)
    full = {node: f"{model.name(node)} ({model.kind(node)})" if seen[model.name(node)] > 1 else model.name(node)
            for node in drawn}
    labels = {node: text if len(text) <= 26 else text[:25] + "\u2026" for node, text in full.items()}
    placed = place_labels({node: at(node) for node in drawn}, radius, labels, labels_above, center,
                          [e for e in edges if e.a in positions and e.b in positions], width, height)
    for node in drawn:
        x, y = at(node)
        lx, ly, anchor = placed[node]
        uri = model.uri(node)
        cls = f"node {model.group(node)}" + (" center" if node == center else "")
        parts.append(_m('<a href="{}" class="{}"><circle cx="{}" cy="{}" r="{}"><title>{}</title></circle>'
                        '<text x="{}" y="{}" text-anchor="{}">{}</text></a>',
                        links.url(uri) if uri else "#", cls, _f(x), _f(y), _f(radius[node]),
                        f"{model.name(node)} ({model.kind(node)})", _f(lx), _f(ly), anchor, labels[node]))
    parts.append("</svg>")
    return Markup("".join(parts))


LABEL_CHAR = 6.6   # px per character of an 11px sans-serif label (generous: DejaVu Sans is wide)
LABEL_HEIGHT = 11.0


def place_labels(points: dict[str, tuple[float, float]], radius: dict[str, float], labels: dict[str, str],
                 above: set[str] | frozenset[str], center: str | None, edges: list[Edge],
                 width: float, height: float) -> dict[str, tuple[float, float, str]]:
    """Where each node's label goes: below it, above, right or left, whichever first covers no other label
    and no node (the most connected nodes choose first); failing that, the spot with the least overlap.
    Returns {node: (x, y, text-anchor)}, y being the baseline."""
    degree: dict[str, int] = {}
    for e in edges:
        degree[e.a] = degree.get(e.a, 0) + 1
        degree[e.b] = degree.get(e.b, 0) + 1
    order = sorted(points, key=lambda n: (n != center, -degree.get(n, 0), labels[n].casefold(), n))
    obstacles = [(x - radius[n] - 1, y - radius[n] - 1, x + radius[n] + 1, y + radius[n] + 1)
                 for n, (x, y) in points.items()]
    taken: list[tuple[float, float, float, float]] = []
    out: dict[str, tuple[float, float, str]] = {}

    def area(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    for node in order:
        x, y = points[node]
        r, w = radius[node], len(labels[node]) * LABEL_CHAR
        below, over = (x, y + r + 12, "middle"), (x, y - r - 5, "middle")
        candidates = [over, below] if node in above else [below, over]
        candidates += [(x + r + 4, y + 4, "start"), (x - r - 4, y + 4, "end")]
        best, best_cost = candidates[0], float("inf")
        for lx, ly, anchor in candidates:
            left = lx - w / 2 if anchor == "middle" else lx if anchor == "start" else lx - w
            box = (left, ly - LABEL_HEIGHT + 2, left + w, ly + 2)
            cost = sum(area(box, o) for o in taken) + sum(area(box, o) for o in obstacles)
            cost += 1000.0 * (max(0.0, -box[0]) + max(0.0, box[2] - width) + max(0.0, -box[1]) + max(0.0, box[3] - height))
            if cost < best_cost:
                best, best_cost = (lx, ly, anchor), cost
            if cost == 0:
                break
        lx, ly, anchor = best
        left = lx - w / 2 if anchor == "middle" else lx if anchor == "start" else lx - w
        taken.append((left, ly - LABEL_HEIGHT + 2, left + w, ly + 2))
        out[node] = best
    return out


def ego_graph(model: SiteModel, links: Links, eid: str, limit: int = 12) -> Markup | None:
    """The entity in the middle, its typed links (and if few, co-mentioned entities) around it."""
    edges = list(model.neighbours.get(eid, []))
    weight: dict[str, int] = {}
    for edge in edges:
        other = edge.b if edge.a == eid else edge.a
        weight[other] = weight.get(other, 0) + 10
    if len(weight) < 4:
        for other, sources, facts in model.related(eid, limit=limit):
            if other not in weight and len(weight) < 6:
                weight[other] = sources + facts
                edges.append(Edge(eid, other, "mentioned together"))
    if not weight:
        return None
    others = sorted(weight, key=lambda o: (-weight[o], model.name(o).casefold(), o))[:limit]
    positions = {eid: (0.5, 0.5)}
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / len(others) - math.pi / 2
        positions[other] = (0.5 + 0.5 * math.cos(angle), 0.5 + 0.5 * math.sin(angle))
    kept = [e for e in edges if e.a in positions and e.b in positions and eid in (e.a, e.b)]
    merged: dict[tuple[str, str], list[str]] = {}
    for e in kept:
        merged.setdefault((e.a, e.b), []).append(e.label)
    kept = [Edge(a, b, ", ".join(sorted(set(labels)))) for (a, b), labels in sorted(merged.items())]
    return svg_graph(model, links, [eid, *others], kept, positions, width=640, height=400,
                     center=eid, edge_labels=True)


# ------------------------------------------------------------------------------------ page contexts

def _front(title: Any, boost: float | None = None, exclude: bool = False, hide_nav: bool = True) -> Markup:
    lines = ["---", f"title: {yaml_string(title)}"]
    if hide_nav:  # entity and source pages are not in the nav: give the page the width instead
        lines += ["hide:", "  - navigation"]
    if exclude:
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost:g}"]
    return Markup("\n".join(lines + ["---"]))


@dataclass
class FactView:
    fact: Fact
    date: Markup
    text: str
    quote: Markup
    claimed: Markup | None
    cite: Markup
    involved: Markup


def _fact_view(model: SiteModel, links: Links, fact: Fact, skip: Iterable[str] = ()) -> FactView:
    """A fact's parts as HTML (links are <a>, so a fact list needs no Markdown pass)."""
    claimed = links.entity(fact.claimed_by, html=True) if fact.claimed_by else None
    involved = links.entities([i for i in fact.involves if i not in set(skip)], html=True)
    quote = links.text(fact.quote, skip=skip, html=True)
    if quote and fact.quote[:1] not in "\"'\u201c\u2018\u00ab":
        quote = Markup("\u201c") + quote + Markup("\u201d")
    return FactView(fact, date_html(fact.date, fact.precision), _headline(fact), quote, claimed,
                    links.cite(fact, html=True), involved)


def _headline(fact: Fact) -> str:
    """The fact's own wording, unless it is only a piece of the quote printed under it."""
    text = re.sub(r"[…“”\"‘’']", "", fact.text or "").strip().casefold()
    quote = re.sub(r"[…“”\"‘’']", "", fact.quote or "").casefold()
    return "" if not text or text in quote else fact.text


def _infobox(model: SiteModel, links: Links, eid: str) -> list[tuple[str, Markup]]:
    """Wikipedia-style rows (label, value HTML) for one entity; empty rows are left out."""
    sheet = model.entities[eid]
    folder = model.folder_of[eid]
    E = lambda i: links.entity(i, html=True)  # noqa: E731
    rows: list[tuple[str, Markup]] = [("Kind", escape_md(model.kind(eid)))]
    if model.aliases(eid):
        rows.append(("Also known as", join_safe(model.aliases(eid))))
    if folder == "actors":
        if clean_text(sheet.get("role")):
            rows.append(("Role", escape_md(sheet.get("role"))))
        if model.resolve(sheet.get("affiliation")):
            rows.append(("Affiliation", E(sheet.get("affiliation"))))
        by_type: dict[str, list[str]] = {}
        for rel in _dicts(sheet.get("relations")):
            target = model.resolve(rel.get("target"))
            if target:
                by_type.setdefault(clean_text(rel.get("type")) or "related to", []).append(target)
        for label, targets in sorted(by_type.items()):
            rows.append((label[:1].upper() + label[1:], join_safe(E(t) for t in sorted(set(targets)))))
        members = model.members(eid)
        if members:
            rows.append(("People", join_safe(E(m) for m in members[:12])))
        ops = model.operations_of(eid)
        if ops:
            rows.append(("Operations", join_safe(E(o) for o in ops[:12])))
    elif folder == "locations":
        chain = model.ancestors(eid)
        if chain:
            rows.append(("Part of", Markup(" \u203a ").join(E(c) for c in chain)))
        kids = model.children(eid)
        if kids:
            rows.append(("Contains", join_safe(E(k) for k in kids[:15])))
        if eid in model.coordinates:
            lat, lon, basis = model.coordinates[eid]
            rows.append(("Coordinates", _m('{}\u00b0 {}, {}\u00b0 {} <small>({})</small>', f"{abs(lat):.4f}",
                                            "N" if lat >= 0 else "S", f"{abs(lon):.4f}", "E" if lon >= 0 else "W",
                                            basis)))
        control = sorted(_dicts(sheet.get("control")), key=lambda r: date_sort_key(_date(r.get("date"))))
        if control:
            items = [_m('<li>{} {} {}</li>', date_html(r.get("date"), r.get("date_precision")),
                        E(r.get("controller")),
                        links.source(r.get("source"), "[source]", html=True) if r.get("source") in model.sources
                        else "") for r in control]
            rows.append(("Control", Markup('<ul class="control">' + "".join(items) + "</ul>")))
        ops = model.operations_of(eid)
        if ops:
            rows.append(("Operations", join_safe(E(o) for o in ops[:12])))
    else:
        if model.resolve(sheet.get("part_of")):
            rows.append(("Part of", E(sheet.get("part_of"))))
        subs = model.children(eid)
        if subs:
            rows.append(("Includes", join_safe(E(s) for s in subs)))
        for key, label in (("start", "Start"), ("end", "End")):
            value = sheet.get(key)
            if isinstance(value, dict) and clean_text(value.get("date")):
                rows.append((label, date_html(value.get("date"), value.get("precision"))))
        places = [model.resolve(i) for i in _ids(sheet.get("locations"))]
        if any(places):
            rows.append(("Location", join_safe(E(p) for p in places if p)))
        side_a, side_b = _sides(model, eid)
        if side_a:
            rows.append(("Side A", Markup("<br>").join(E(a) for a in side_a)))
        if side_b:
            rows.append(("Side B", Markup("<br>").join(E(a) for a in side_b)))
        commanders = [model.resolve(i) for i in _ids(sheet.get("commanders"))]
        if any(commanders):
            rows.append(("Commanders", Markup("<br>").join(E(c) for c in commanders if c)))
        figures = [f for f in model.entity_facts(eid) if f.type == "figure"]
        if figures:
            items = [_m("<li>{} {} <small>({})</small></li>", f.value or f.number, f.counts or "",
                        model.name(f.claimed_by) if f.claimed_by else "unattributed") for f in figures[:8]]
            rows.append(("Figures", Markup('<ul class="figures">' + "".join(items) + "</ul>")))
    n_facts, n_sources = len(model.facts_of.get(eid, [])), len(model.sources_of(eid))
    rows.append(("In the briefing", _m("{} fact{} \u00b7 {} source{}", n_facts, "" if n_facts == 1 else "s",
                                        n_sources, "" if n_sources == 1 else "s")))
    return rows


def _sides(model: SiteModel, op: str) -> tuple[list[str], list[str]]:
    participants = model.entities[op].get("participants")
    participants = participants if isinstance(participants, dict) else {}
    return ([c for c in (model.resolve(i) for i in _ids(participants.get("side_a"))) if c],
            [c for c in (model.resolve(i) for i in _ids(participants.get("side_b"))) if c])


def _relations(model: SiteModel, links: Links, eid: str) -> list[dict[str, Any]]:
    rows = []
    for edge in model.neighbours.get(eid, []):
        other = edge.b if edge.a == eid else edge.a
        this = _m("<strong>{}</strong>", model.name(eid))
        subject = this if edge.a == eid else links.entity(edge.a, html=True)
        obj = this if edge.b == eid else links.entity(edge.b, html=True)
        rows.append({"subject": subject, "label": edge.label, "object": obj,
                     "sources": join_safe(links.source(s, model.source_label(s), html=True) for s in edge.sources),
                     "sort": (model.name(other).casefold(), edge.label, other)})
    return sorted(rows, key=lambda r: r["sort"])


class Renderer:
    """Templates + model -> pages. One Jinja environment; every value escaped on output."""

    def __init__(self, model: SiteModel, templates_dir: Path | str = DEFAULT_TEMPLATES,
                 options: RenderOptions | None = None) -> None:
        self.model = model
        self.options = options or RenderOptions()
        self.env = make_environment(templates_dir)

    def links(self, page: str) -> Links:
        return Links(self.model, page, self.options.directory_urls)

    def render(self, template: str, page: str, **context: Any) -> str:
        links = self.links(page)
        text = self.env.get_template(template).render(
            links=links, model=self.model, site_name=self.options.site_name, page=page, **context)
        return text.rstrip() + "\n"

    def warm(self) -> None:
        """Compute the model's lazy indexes once, before workers fork (each would build its own)."""
        model = self.model
        for name in ("matcher", "name_index", "sentences", "coordinates", "_back_references", "edges", "neighbours"):
            getattr(model, name)
        for template in ("entity.md.j2", "source.md.j2", "_facts.md.j2"):
            self.env.get_template(template)

    # -- pages
    def entity_page(self, eid: str) -> str:
        model, page = self.model, self.model.uri(eid) or ""
        links = self.links(page)
        facts = model.entity_facts(eid)
        related = [{"link": links.entity(o, html=True), "kind": model.kind(o), "sources": s, "facts": f}
                   for o, s, f in model.related(eid)]
        mentioned = sorted(model.mentions.get(eid, {}).items(),
                           key=lambda kv: (-kv[1], date_sort_key(_date(model.sources[kv[0]].get("published"))), kv[0]))
        lists = {"facts": [f for f in facts if f.type != "figure"], "figures": [f for f in facts if f.type == "figure"],
                 "relations": _relations(model, links, eid), "mentioned": mentioned}
        more = {name: max(0, len(items) - PAGE_LIMITS[name]) for name, items in lists.items()}
        lists = {name: items[:PAGE_LIMITS[name]] for name, items in lists.items()}
        return self.render(
            "entity.md.j2", page,
            front=_front(model.name(eid), ENTITY_BOOST),
            id=eid, name=model.name(eid), kind=model.kind(eid), folder=model.folder_of[eid],
            singular=SINGULAR[model.folder_of[eid]], aliases=model.aliases(eid),
            summary=_summary(model.entities[eid].get("summary"), links),
            infobox=_infobox(model, links, eid),
            facts=[_fact_view(model, links, f, skip=[eid]) for f in lists["facts"]],
            figures=[_fact_view(model, links, f, skip=[eid]) for f in lists["figures"]],
            relations=lists["relations"], related=related,
            mentioned=[{"link": links.source(s, html=True), "label": model.source_label(s), "count": c}
                       for s, c in lists["mentioned"]],
            more=more, timeline=links.url("timeline.md"), downloads=links.url("downloads.md"),
            graph=ego_graph(model, links, eid),
        )

    def redirect_page(self, old: str, folder: str, target: str) -> str:
        page = page_uri(folder, old)
        links = self.links(page)
        sheet = self.model._merged_sheets.get(old, {})
        target_uri = self.model.uri(target) or "index.md"
        return self.render("redirect.md.j2", page, front=_front(clean_text(sheet.get("name")) or old, exclude=True),
                           name=clean_text(sheet.get("name")) or old, url=links.url(target_uri),
                           target=links.entity(target))

    def source_page(self, sid: str) -> str:
        model, page = self.model, page_uri("sources", sid)
        links = self.links(page)
        sheet = model.sources[sid]
        paragraphs = []
        for paragraph in model.sentences(sid):
            seen: set[str] = set()
            spans = [_m('<span class="sentence" id="s-{}">', s.index) + links.text(s.text, seen, html=True)
                     + Markup("</span>")
                     for s in paragraph]
            paragraphs.append(Markup(" ").join(spans))
        url = clean_text(sheet.get("url"))
        safe_url = re.match(r"^https?://[^\s<>\"']+$", url)
        meta = [
            ("Publisher", escape_md(sheet.get("publisher") or "unknown")),
            ("Author", escape_md(sheet.get("author") or "unknown")),
            ("Published", _m("{} \u2014 {}", date_html(sheet.get("published"), sheet.get("published_precision")),
                             sheet.get("published_basis") or "basis not recorded")),
            ("File", _m("<code>{}</code>", sheet.get("file") or "")),
            ("URL", Markup(f'<a href="{html.escape(url, quote=True)}">{escape_md(url)}</a>') if safe_url
             else escape_md(url or "none")),
        ]
        excluded = [{"reason": clean_text(r.get("reason")) or "not reporting", "text": clean_text(r.get("text"))}
                    for r in _dicts(sheet.get("excluded"))]
        facts = sorted(model.facts_by_source.get(sid, []), key=lambda f: (self._anchor_n(f), f.id))
        cited = [{"view": _fact_view(model, links, f), "anchor": model.anchor(f),
                  "about": links.entity(f.home, html=True)} for f in facts]
        mentioned = sorted(model.in_source.get(sid, ()), key=lambda e: (model.name(e).casefold(), e))
        return self.render("source.md.j2", page, front=_front(model.name(sid), SOURCE_BOOST),
                           id=sid, title=model.name(sid), meta=meta, paragraphs=paragraphs,
                           excluded=excluded, cited=cited,
                           mentioned=[links.entity(e, html=True) for e in mentioned if e in model.entities])

    def _anchor_n(self, fact: Fact) -> int:
        anchor = self.model.anchor(fact)
        return int(anchor[2:]) if anchor else 1 << 30

    def kind_index(self, folder: str) -> dict[str, str]:
        model = self.model

        def rows(links: Links, ids: list[str]) -> list[dict[str, Any]]:
            return [{"link": links.entity(i, html=True), "kind": model.kind(i), "aliases": join_safe(model.aliases(i)),
                     "facts": len(model.facts_of.get(i, [])), "sources": len(model.sources_of(i))} for i in ids]

        def initial(i: str) -> str:
            first = model.name(i)[:1].casefold()
            return first if "a" <= first <= "z" else "other"
        return self._paged_index(folder, KIND_LABEL[folder], "kind_index.md.j2", model.ids(folder), rows,
                                 initial, lambda key: key.upper() if len(key) == 1 else "other")

    def sources_index(self) -> dict[str, str]:
        model = self.model
        ids = sorted(model.sources, key=lambda s: (date_sort_key(_date(model.sources[s].get("published"))), s),
                     reverse=True)

        def rows(links: Links, ids: list[str]) -> list[dict[str, Any]]:
            return [{"link": links.source(sid, html=True), "publisher": model.sources[sid].get("publisher") or "",
                     "published": date_html(model.sources[sid].get("published"),
                                            model.sources[sid].get("published_precision")),
                     "facts": len(model.facts_by_source.get(sid, [])), "entities": len(model.in_source.get(sid, ()))}
                    for sid in ids]

        def month(sid: str) -> str:
            return (_date(model.sources[sid].get("published")) or "undated")[:7]
        return self._paged_index("sources", "Sources", "sources_index.md.j2", ids, rows, month,
                                 lambda key: format_date(key) if key != "undated" else "undated")

    def _paged_index(self, folder: str, title: str, template: str, ids: list[str],
                     rows: Callable[[Links, list[str]], list[dict[str, Any]]],
                     key_of: Callable[[str], str], label_of: Callable[[str], str]) -> dict[str, str]:
        """`folder/index.md` listing `ids`; past INDEX_PAGE_ROWS, a line of parts (by initial, by month) and a
        page per part in `folder/index/` (no sheet can have the id 'index', so no page is overwritten)."""
        page = f"{folder}/index.md"
        if len(ids) <= INDEX_PAGE_ROWS:
            return {page: self.render(template, page, title=title, folder=folder, parts=None, up=None,
                                      rows=rows(self.links(page), ids))}
        groups: dict[str, list[str]] = {}
        for i in ids:
            groups.setdefault(key_of(i), []).append(i)
        out = {}
        parts = []
        for key, members in groups.items():   # in the order of `ids`
            uri = f"{folder}/index/{key}.md"
            out[uri] = self.render(template, uri, title=f"{title}: {label_of(key)}", folder=folder, parts=None,
                                   rows=rows(self.links(uri), members), up=md_href(uri, page))
            parts.append({"label": label_of(key), "href": md_href(page, uri), "count": len(members)})
        out[page] = self.render(template, page, title=title, folder=folder, parts=parts, up=None, rows=[],
                                total=len(ids))
        return out

    def _timeline_rows(self, links: Links) -> list[dict[str, Any]]:
        model = self.model
        rows = []
        for fact in model.facts:
            if fact.type == "event" and fact.date:
                rows.append({"date": fact.date, "precision": fact.precision, "type": "event",
                             "text": links.text(fact.text or fact.quote, html=True),
                             "entities": list(fact.involves), "cite": links.cite(fact, html=True), "key": fact.id})
        for op in model.ids("operations"):
            for key, label in (("start", "begins"), ("end", "ends")):
                value = model.entities[op].get(key)
                if isinstance(value, dict) and clean_text(value.get("date")):
                    rows.append({"date": clean_text(value.get("date")), "precision": value.get("precision"),
                                 "type": f"operation {key}",
                                 "text": _m("{} {}", links.entity(op, html=True), label),
                                 "entities": [op, *_sides(model, op)[0], *_sides(model, op)[1]],
                                 "cite": Markup(""), "key": f"{op}-{key}"})
        for loc in model.ids("locations"):
            for n, row in enumerate(_dicts(model.entities[loc].get("control"))):
                controller = model.resolve(row.get("controller"))
                if clean_text(row.get("date")) and controller:
                    rows.append({"date": clean_text(row.get("date")), "precision": row.get("date_precision"),
                                 "type": "control",
                                 "text": _m("{} controls {}", links.entity(controller, html=True),
                                            links.entity(loc, html=True)),
                                 "entities": [controller, loc],
                                 "cite": links.source(row.get("source"), model.source_label(row["source"]), html=True)
                                 if row.get("source") in model.sources else Markup(""),
                                 "key": f"{loc}-control-{n}"})
        rows.sort(key=lambda r: (r["date"], r["key"]))
        for row in rows:
            row["when"] = date_html(row["date"], row["precision"])
            row["entity_ids"] = " ".join(sorted(set(row["entities"])))
            row["involved"] = links.entities(sorted(set(row["entities"]), key=lambda e: (model.name(e).casefold(), e)),
                                             html=True)
        return rows

    def timeline(self) -> dict[str, str]:
        """timeline.md with every event; past TIMELINE_PAGE_ROWS, an index of months and a page per
        month (timeline/2016-05.md), so that no page grows with the briefing."""
        rows = self._timeline_rows(self.links("timeline/month.md"))   # links as seen from any month page
        if len(rows) <= TIMELINE_PAGE_ROWS:   # one page: its links are made again, from timeline.md
            return {"timeline.md": self._timeline_page("timeline.md", "Timeline",
                                                       self._timeline_rows(self.links("timeline.md")))}
        months: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            months.setdefault(row["date"][:7], []).append(row)
        keys = sorted(months)
        uris = {key: f"timeline/{key}.md" for key in keys}
        out = {}
        for i, key in enumerate(keys):
            page = uris[key]
            step = {k: {"label": format_date(keys[j]), "href": md_href(page, uris[keys[j]])}
                    for k, j in (("previous", i - 1), ("next", i + 1)) if 0 <= j < len(keys)}
            out[page] = self._timeline_page(page, f"Timeline: {format_date(key)}", months[key],
                                            up=md_href(page, "timeline.md"), **step)
        parts = [{"year": key[:4], "label": format_date(key) if len(key) > 4 else "month not known",
                  "href": md_href("timeline.md", uris[key]), "count": len(months[key])} for key in keys]
        out["timeline.md"] = self._timeline_page("timeline.md", "Timeline", [], parts=parts, total=len(rows))
        return out

    def _timeline_page(self, page: str, title: str, rows: list[dict[str, Any]], **context: Any) -> str:
        present = sorted({e for r in rows for e in r["entities"]}, key=lambda e: (self.model.name(e).casefold(), e))
        context = {"parts": None, "total": len(rows), "up": None, "previous": None, "next": None, **context}
        return self.render("timeline.md.j2", page, title=title, rows=rows,
                           entity_options=[(e, self.model.name(e)) for e in present],
                           type_options=sorted({r["type"] for r in rows}), **context)

    def map_page(self) -> str:
        model, page = self.model, "map.md"
        links = self.links(page)
        points, outside = map_points(model)
        bounds = [min(p.lat for p in points), min(p.lon for p in points), max(p.lat for p in points),
                  max(p.lon for p in points)] if points else None
        # the most mentioned places, in name order (a large briefing has thousands: the GeoJSON has them all)
        shown = sorted(model.coordinates, key=lambda e: (-model.mention_count(e), model.name(e).casefold(), e))
        shown = sorted(shown[:TABLE_ROWS], key=lambda e: (model.name(e).casefold(), e))
        located = [{"link": links.entity(e, html=True), "kind": model.kind(e), "lat": f"{model.coordinates[e][0]:.4f}",
                    "lon": f"{model.coordinates[e][1]:.4f}", "basis": model.coordinates[e][2]} for e in shown]
        missing = [e for e in model.ids("locations") if e not in model.coordinates]
        more_missing = max(0, len(missing) - TABLE_ROWS)
        missing = [links.entity(e) for e in missing[:TABLE_ROWS]]
        return self.render("map.md.j2", page, svg=svg_map(points, links),
                           bounds=",".join(f"{b:.4f}" for b in bounds) if bounds else "",
                           outside=[links.entity(p.id) for p in sorted(outside, key=lambda p: (p.name.casefold(), p.id))],
                           geojson=links.url("data/places.geojson"), root=links.url("index.md"),
                           leaflet=links.url("assets/vendor/leaflet/") if self.options.leaflet else None,
                           located=located, missing=missing, more_located=len(model.coordinates) - len(located),
                           more_missing=more_missing)

    def graph_page(self, max_nodes: int = 60) -> str:
        model, page = self.model, "graph.md"
        links = self.links(page)
        degree: dict[str, int] = {}
        for edge in model.edges:
            degree[edge.a] = degree.get(edge.a, 0) + 1
            degree[edge.b] = degree.get(edge.b, 0) + 1
        nodes = sorted(degree, key=lambda n: (-degree[n], model.name(n).casefold(), n))[:max_nodes]
        nodes.sort(key=lambda n: (model.folder_of[n], model.name(n).casefold(), n))
        keep = set(nodes)
        edges = [e for e in model.edges if e.a in keep and e.b in keep]
        positions, height, above = packed_layout(nodes, [(e.a, e.b) for e in edges])
        svg = svg_graph(model, links, nodes, edges, positions, height=int(max(height, 320)),
                        labels_above=above) if nodes else None
        rows = [{"a": links.entity(e.a, html=True), "label": e.label, "b": links.entity(e.b, html=True),
                 "sources": join_safe(links.source(s, model.source_label(s), html=True) for s in e.sources)}
                for e in sorted(model.edges, key=lambda e: (model.name(e.a).casefold(), e.label,
                                                            model.name(e.b).casefold()))[:TABLE_ROWS]]
        return self.render("graph.md.j2", page, svg=svg, rows=rows, shown=len(nodes), total=len(degree),
                           more=len(model.edges) - len(rows))

    def figures_page(self) -> str:
        model, page = self.model, "figures.md"
        links = self.links(page)
        groups: dict[tuple[str, str], list[Fact]] = {}
        for fact in model.facts:
            if fact.type != "figure":
                continue
            place = next((i for i in fact.involves if model.folder_of.get(i) == "locations"), "")
            counts = (fact.counts or "unspecified").casefold()
            groups.setdefault((counts, place), []).append(fact)
        out = []
        for (counts, place), facts in sorted(groups.items(), key=lambda kv: (kv[0][0], model.name(kv[0][1]) if kv[0][1] else "")):
            facts.sort(key=lambda f: (model.name(f.claimed_by).casefold() if f.claimed_by else "~", f.id))
            numbers = {f.number for f in facts if f.number is not None}
            claimants = {f.claimed_by for f in facts}
            out.append({"counts": counts, "place": links.entity(place) if place else None,
                        "place_html": links.entity(place, html=True) if place else None,
                        "contested": len(numbers) > 1 or (len(facts) > 1 and len(claimants) > 1),
                        "low": f"{min(numbers):,}" if numbers else None, "high": f"{max(numbers):,}" if numbers else None,
                        "rows": [{"view": _fact_view(model, links, f), "value": f.value or f.number,
                                  "number": "" if f.number is None else f"{f.number:,}"} for f in facts]})
        contested = [g for g in out if g["contested"]]
        single = [g for g in out if not g["contested"]]
        # a large briefing: the groups with the most claims, in page order, and the first of the others
        most = sorted(range(len(contested)), key=lambda i: -len(contested[i]["rows"]))[:CONTESTED_GROUPS]
        kept = [contested[i] for i in sorted(most)]
        return self.render("figures.md.j2", page, contested=kept, single=single[:TABLE_ROWS],
                           more_contested=len(contested) - len(kept), more_single=max(0, len(single) - TABLE_ROWS))

    def home_page(self) -> str:
        model, page = self.model, "index.md"
        links = self.links(page)
        # the period the reporting covers: when the sources were published (background dates in
        # the text, such as a 2006 troop surge, are not the briefing's period); facts if none is dated
        dates = [d for d in (_date(s.get("published")) for s in model.sources.values()) if d] or \
            [f.date for f in model.facts if f.date]
        events = sorted((f for f in model.facts if f.type == "event" and f.date),
                        key=lambda f: (date_sort_key(f.date), f.id), reverse=True)[:10]
        key = {}
        for folder in ENTITY_FOLDERS:
            ids = sorted(model.ids(folder), key=lambda i: (-model.mention_count(i), model.name(i).casefold(), i))
            key[folder] = [{"link": links.entity(i), "count": model.mention_count(i), "kind": model.kind(i)}
                           for i in ids[:8] if model.mention_count(i) or model.facts_of.get(i)]
        people = sum(1 for i in model.ids("actors") if model.kind(i) == "person")
        counts = [("Actors", len(model.ids("actors")) - people, "actors/index.md"), ("People", people, "actors/index.md"),
                  ("Locations", len(model.ids("locations")), "locations/index.md"),
                  ("Operations", len(model.ids("operations")), "operations/index.md"),
                  ("Sources", len(model.sources), "sources/index.md"), ("Facts", len(model.facts), "facts.md")]
        points, _ = map_points(model)
        return self.render("home.md.j2", page, intro=Markup(self.options.intro) if self.options.intro else None,
                           first=min(dates) if dates else None, last=max(dates) if dates else None,
                           counts=counts, events=[_fact_view(model, links, f) for f in events], key=key,
                           svg=svg_map(points, links, width=640, max_labels=12, css_class="briefing-map-svg small")
                           if points else None)

    def facts_page(self) -> str:
        """A search over the words of every fact: the site search finds pages by name and alias, and
        keeps facts out (at 10,000 articles they would triple its index); this page fetches
        data/facts.json only when a reader searches."""
        page = "facts.md"
        links = self.links(page)
        return self.render("facts.md.j2", page, count=len(self.model.facts), data=links.url("data/facts.json"),
                           root=links.url("index.md"))

    def facts_json(self) -> str:
        """data/facts.json: each fact's statement, date, page and source (pages listed once, by index)."""
        model, directory_urls = self.model, self.options.directory_urls
        pages: dict[str, int] = {}
        listed: list[list[str]] = []

        def page(sheet_id: str, uri: str, title: str) -> int:
            if sheet_id not in pages:
                pages[sheet_id] = len(listed)
                listed.append([title, page_url(uri, directory_urls)])
            return pages[sheet_id]

        rows = []
        for fact in sorted(model.facts, key=lambda f: (date_sort_key(f.date), f.id), reverse=True):
            home = page(fact.home, model.uri(fact.home) or "", model.name(fact.home)) if model.uri(fact.home) else -1
            source = page(fact.source, page_uri("sources", fact.source), model.source_label(fact.source)) \
                if fact.source in model.sources else -1
            rows.append([fact.text or fact.quote, format_date(fact.date, fact.precision) if fact.date else "",
                         home, source])
        return json.dumps({"pages": listed, "facts": rows}, ensure_ascii=False, separators=(",", ":")) + "\n"

    def downloads_page(self) -> str:
        return self.render("downloads.md.j2", "downloads.md", files=DATA_FILES, columns=CSV_COLUMNS,
                           counts={"events": len(self._event_rows()), "places": len(self.model.coordinates)})

    # -- data downloads
    def briefing_json(self) -> str:
        return json.dumps(self.briefing_data(), **BRIEFING_JSON) + "\n"

    def briefing_data(self) -> dict[str, Any]:
        """Every sheet (without rejected facts), for the JSON download."""
        model = self.model
        out: dict[str, Any] = {"site": self.options.site_name}
        for folder in (*ENTITY_FOLDERS, "sources"):
            sheets = model.briefing.sheets.get(folder, {})
            rows = []
            for sid in sorted(sheets):
                if not ID_RE.match(sid):
                    continue
                sheet = dict(sheets[sid])
                if "facts" in sheet:
                    sheet["facts"] = [f for f in _dicts(sheet["facts"]) if clean_text(f.get("status")) != "rejected"]
                rows.append(sheet)
            out[folder] = rows
        return out

    def places_geojson(self) -> str:
        model = self.model
        features = []
        for eid, (lat, lon, basis) in sorted(model.coordinates.items()):
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": {"id": eid, "name": model.name(eid), "kind": model.kind(eid),
                               "group": model.group(eid), "aliases": model.aliases(eid), "basis": basis,
                               "mentions": model.mention_count(eid),
                               "url": page_url(model.uri(eid) or "", self.options.directory_urls)},
            })
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"

    def _event_rows(self) -> list[list[str]]:
        model = self.model
        rows = []
        for fact in sorted(model.facts, key=lambda f: (date_sort_key(f.date), f.id)):
            if fact.type != "event":
                continue
            actors = [i for i in fact.involves if model.folder_of.get(i) == "actors"]
            place = next((i for i in fact.involves if i in model.coordinates), None) or next(
                (i for i in fact.involves if model.folder_of.get(i) == "locations"), None)
            lat, lon = (f"{model.coordinates[place][0]:.5f}", f"{model.coordinates[place][1]:.5f}") \
                if place in model.coordinates else ("", "")
            killed = fact.number is not None and re.search(r"kill|dead|death|fatalit", fact.counts or "")
            rows.append([fact.date or "", precision_of(fact.date, fact.precision) if fact.date else "unknown",
                         model.name(actors[0]) if actors else "", model.name(actors[1]) if len(actors) > 1 else "",
                         model.name(place) if place else "", lat, lon, f"{fact.number:g}" if killed else "",
                         fact.source or "", fact.text])
        return rows

    def events_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in self._event_rows():
            # a cell starting with = + - @ is a formula to spreadsheets: article text must not be one
            writer.writerow(["'" + v if v[:1] in "=+-@\t\r" else v for v in row])
        return buffer.getvalue()

    # the pages and files made from the whole briefing (hub pages, downloads): each one job of the pool,
    # among the entity and source pages, rather than one after the other once they are done; the
    # longest first, so that no core is left with one at the end
    def _hubs(self, spill: Path | None) -> dict[str, Callable[[], Any]]:
        """Name of each hub job -> what makes it ({src_uri: text} or the text of the page so named)."""
        def briefing_json() -> Content:
            if spill is None:
                return self.briefing_json()
            # all the sheets: 160 MB at 10,000 articles, streamed to disk rather than made one string
            return _spill(spill, "data/briefing.json", json_content(self.briefing_data(), **BRIEFING_JSON))

        return {"timeline": self.timeline, "figures.md": self.figures_page, "data/facts.json": self.facts_json,
                "data/briefing.json": briefing_json, "index.md": self.home_page,
                "sources/index.md": self.sources_index,
                **{f"{folder}/index.md": partial(self.kind_index, folder) for folder in ENTITY_FOLDERS},
                "data/events.csv": self.events_csv, "downloads.md": self.downloads_page, "graph.md": self.graph_page,
                "map.md": self.map_page, "facts.md": self.facts_page, "data/places.geojson": self.places_geojson}

    def hub(self, name: str, spill: Path | None = None) -> dict[str, Content]:
        """One hub job: {src_uri: text}."""
        out = self._hubs(spill)[name]()
        return out if isinstance(out, dict) else {name: out}

    def pages(self, spill: Path | None = None) -> dict[str, str | Path]:
        """Every page and data file by src_uri; with `spill`, entity and source pages are written under
        that folder and given as their path (see `render_site`)."""
        model = self.model
        # one page per sheet: the bulk of the work, spread over the cores (the workers inherit the model);
        # the hub pages first, so that no core is left with a long one at the end
        jobs = [("hub", name) for name in self._hubs(spill)] + [("entity", eid) for eid in sorted(model.entities)] + \
            [("source", sid) for sid in sorted(model.sources)]
        if workers_for(len(jobs)) > 1:
            self.warm()
        out: dict[str, str | Path] = {}
        for made in pmap(_render_worker, jobs, renderer=self, spill=spill):
            out.update(made)
        for old, (folder, target) in sorted(model.redirects.items()):
            out.setdefault(page_uri(folder, old), self.redirect_page(old, folder, target))
        return dict(sorted(out.items()))


BRIEFING_JSON: dict[str, Any] = {"ensure_ascii": False, "indent": 1, "default": str}


def _render_worker(job: tuple[str, str]) -> dict[str, Content]:
    """One job of `Renderer.pages`: {src_uri: text, or its path under the spill folder}."""
    renderer: Renderer = STATE["renderer"]
    kind, name = job
    spill = STATE["spill"]
    if kind == "hub":
        made = renderer.hub(name, spill)
    elif kind == "entity":
        made = {renderer.model.uri(name) or "": renderer.entity_page(name)}
    else:
        made = {page_uri("sources", name): renderer.source_page(name)}
    if spill is None or (kind == "hub" and not in_worker()):
        return made   # (hub pages made in this process stay text; a worker's are handed back through disk)
    return {uri: text if isinstance(text, Path) else _spill(spill, uri, text) for uri, text in made.items()}


def _spill(folder: Path, uri: str, content: Content) -> Path:
    """A rendered page or data file written under `folder` (see `render_pages`)."""
    path = folder / uri
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        if isinstance(content, str):
            handle.write(content)
        else:
            content(handle)
    return path


def make_environment(templates_dir: Path | str = DEFAULT_TEMPLATES) -> Environment:
    """Jinja for Markdown: no autoescape (it is HTML-only), `finalize` escapes for Markdown + HTML."""
    env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=False, finalize=_finalize,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # `|e` would only HTML-escape; `|join` would drop Markup: both replaced by Markdown-safe ones
    env.filters.update(e=escape_md, escape=escape_md, forceescape=escape_md,
                       join=lambda items, d="": join_safe(items, d))
    env.filters["verbatim"] = verbatim
    env.globals.update(date_html=date_html, format_date=format_date, yaml_string=yaml_string)
    return env


def render_site(briefing: Briefing | SiteModel, templates_dir: Path | str = DEFAULT_TEMPLATES,
                options: RenderOptions | None = None) -> dict[str, str]:
    """Every generated page and data file as {src_uri: text}; same sheets, same bytes."""
    return render_pages(briefing, templates_dir, options)   # type: ignore[return-value]


def render_pages(briefing: Briefing | SiteModel, templates_dir: Path | str = DEFAULT_TEMPLATES,
                 options: RenderOptions | None = None, spill: Path | None = None) -> dict[str, str | Path]:
    """`render_site`, with the entity and source pages written under `spill` and given as their path:
    a large briefing's pages are a gigabyte of text, and the workers would otherwise send all of it
    back to be held at once (MkDocs then reads each page when it converts it)."""
    model = briefing if isinstance(briefing, SiteModel) else SiteModel(briefing)
    return Renderer(model, templates_dir, options).pages(spill)


def search_tags(model: SiteModel) -> dict[str, list[str]]:
    """{entity page src_uri: its aliases}: Material's search weighs `tags` above titles, so an alias query
    ("SDF", "Daesh") finds the entity's page before a source whose headline merely contains it.

    They go into the page's metadata during the build (the MkDocs plugin), not into its front matter: without
    Material's tags plugin they are not shown on the page; search results show them as chips ("also known as")."""
    tags: dict[str, list[str]] = {}
    for eid in model.entities:
        uri, aliases = model.uri(eid), model.aliases(eid)
        if uri and aliases:
            tags[uri] = aliases
    return tags
