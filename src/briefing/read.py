"""The read stage: one article file -> `Article` (title, who published it, when, body evidence).

Bytes are decoded (UTF-8 first, then detection for legacy code pages), the format is unpacked
(.txt as is, .md with front matter, .html through trafilatura), and what is not reporting
(comments, share lines, captions, tag lists: patterns in `data/boilerplate.yaml`) is set
aside as `excluded`, kept for the source sheet but never used as evidence.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from charset_normalizer import from_bytes

from briefing import dates
from briefing.errors import InputError, Problem
from briefing.lexicon import data_file
from briefing.names import from_capitals, slugify

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Bidi controls and zero-width characters that copy-paste from web pages leaves behind; they
# split names invisibly ("Raqqa" vs "Raq\u200bqa"). ZWNJ/ZWJ stay: Persian and Kurdish
# spelling needs them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069\u2060\ufeff\u00ad"))
_BLANK = ("the file is empty: only whitespace, no article text", "add the article text or remove the file")
_SENTENCE_END = ".!?:;\"'”’)…"


@dataclass(frozen=True)
class Excluded:
    """A piece of the file that is not reporting, with why it was set aside."""

    reason: str
    text: str


@dataclass
class Article:
    """One source article, with the fields of the source sheet."""

    source_id: str
    file: str
    sha256: str
    title: str
    publisher: str | None
    author: str | None
    url: str | None
    published: str | None
    published_precision: str
    published_basis: str
    paragraphs: list[str] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)

    def evidence(self) -> list[str]:
        """The texts facts may cite: the title, then the body paragraphs."""
        return [self.title, *self.paragraphs]


class UnreadableArticle(InputError):
    """An InputError about one file; keeps its Problem so a corpus can report all at once."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem), [])
        self.problem = problem


def _fail(path: Path, message: str, hint: str, line: int | None = None) -> UnreadableArticle:
    return UnreadableArticle(Problem(str(path), message, line=line, hint=hint))


# --- public API -------------------------------------------------------------------------------
def read_corpus(folder: Path, root: Path | None = None,
                read: Callable[[Path, Path], Article] | None = None) -> list[Article]:
    """Every article in `folder`, sorted by file name; file paths relative to `root`.

    `root` defaults to the folder's parent, so seeds/x.txt is recorded as 'seeds/x.txt'.
    Every unreadable file is reported in one InputError.
    """
    folder = Path(folder)
    root = folder.parent if root is None else root
    articles, problems = [], []
    for path in article_paths(folder):
        outcome = read_or_problem(path, root, read)
        (problems if isinstance(outcome, Problem) else articles).append(outcome)
    if problems:
        raise InputError(f"{len(problems)} article file(s) could not be read", problems)
    return articles


def article_paths(folder: Path) -> list[Path]:
    """The article files of a folder, sorted by name (hidden files and other suffixes skipped)."""
    if not folder.is_dir():
        raise InputError.at(folder, "not a folder of articles", "check the --seeds path")
    return [path for path in sorted(folder.iterdir(), key=lambda p: p.name)
            if not path.name.startswith(".") and path.suffix.lower() in SUFFIXES and not path.is_dir()]


def read_or_problem(path: Path, root: Path,
                    read: Callable[[Path, Path], Article] | None = None) -> Article | Problem:
    """One article, or the Problem that says why it cannot be read (for callers that gather all)."""
    try:
        return (read or read_article)(path, root)   # `read`: read_article, or e.g. a cache in front of it
    except UnreadableArticle as error:
        return error.problem
    except OSError as error:  # a front end touched the file first: it vanished, or is locked
        return _os_failure(path, error).problem


def read_article(path: Path, root: Path | None = None) -> Article:
    """Read one article file; raises InputError naming the file when it cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _fail(path, "not a supported article type", "use " + ", ".join(SUFFIXES))
    raw = _load_bytes(path)
    text = clean_text(decode(raw, path))
    if not text.strip():  # only blanks and invisible marks (zero-width spaces, bidi controls)
        raise _fail(path, *_BLANK)
    if suffix in (".html", ".htm"):
        draft = _from_html(text, path)
    elif suffix in (".md", ".markdown"):
        draft = _from_markdown(text, path)
    else:
        draft = _Draft(blocks=split_blocks(text))
    return _assemble(path, root, raw, draft)


# --- bytes to text ----------------------------------------------------------------------------
def _load_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(path, f"larger than {_size(MAX_BYTES)} ({_size(size)})",
                        "split it or raise the limit (briefing.read.MAX_BYTES)")
        return path.read_bytes()
    except OSError as error:
        raise _os_failure(path, error) from None


def _os_failure(path: Path, error: OSError) -> UnreadableArticle:
    """What went wrong opening a file, in an editor's words."""
    if isinstance(error, FileNotFoundError):
        return _fail(path, "file not found (moved or deleted while reading?)", "check the path and run again")
    if isinstance(error, IsADirectoryError):
        return _fail(path, "is a folder, not an article file", "rename or move it")
    if isinstance(error, PermissionError):
        return _fail(path, "cannot be read (permission denied)", "fix its permissions")
    return _fail(path, f"cannot be read: {error.strerror or error}", "check the file and run again")


def _size(count: int) -> str:
    mb = count / 1024 / 1024
    return f"{mb:.{0 if mb == int(mb) else 1}f} MB" if mb >= 1 else f"{count} bytes"


def decode(raw: bytes, path: Path) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), UTF-16 with BOM, else detected code page."""
    if not raw:
        raise _fail(path, "the file is empty", "add the article text or remove the file")
    if not raw.strip():
        raise _fail(path, *_BLANK)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(raw, "utf-16")
    elif b"\x00" in raw:
        raise _fail(path, "looks like a binary file (it contains NUL bytes), not text",
                    "save the article as UTF-8 text or remove it from the folder")
    else:
        text = _try(raw, "utf-8-sig") or _detect(raw)
    if text is None or _looks_binary(text):
        raise _fail(path, "cannot tell the text encoding, or it is not text at all",
                    "save the article as UTF-8 text")
    if not text.strip():
        raise _fail(path, *_BLANK)
    return text


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _detect(raw: bytes) -> str | None:
    """Legacy code pages (Windows-1256 Arabic, Latin-1): let charset-normalizer decide.

    On short texts several code pages often read the bytes equally well, and charset-normalizer
    then takes the first by name: cp1250 reads Latin-1 'à' as 'ŕ', cp1006 turns Arabic into Urdu
    presentation forms. Among the equally good readings the code pages news sources actually use
    win, in `_PREFERRED` order. cp1254 comes first: it is cp1252 with the six Icelandic letters
    (ÐÝÞðýþ) replaced by Turkish ones, so it reads Western European text exactly as cp1252 does
    and Turkish correctly. (Central European text that cp1252 reads as well as cp1250, like a
    short Czech sentence, is read as Western: the rarer mistake for this corpus.)
    """
    results = from_bytes(raw)
    best = results.best()
    if best is None:
        return None
    listed = {match.encoding: match for match in results}
    for encoding in _PREFERRED:
        # charset-normalizer leaves out code pages that decode exactly like one it lists: ask
        match = listed.get(encoding) or from_bytes(raw, cp_isolation=[encoding]).best()
        if (match is not None and match.chaos <= best.chaos
                and match.coherence >= best.coherence - _COHERENCE_SLACK):
            return str(match)
    return str(best)


_PREFERRED = ("cp1254", "cp1252", "cp1256", "cp1251", "cp1253", "cp1255", "cp1250", "cp1257")
_COHERENCE_SLACK = 0.05


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")   # Unicode's control characters (Cc) but line ends and tabs


def _looks_binary(text: str) -> bool:
    # (one pattern over the text, not a category lookup per character: a tenth of the time)
    return len(_CONTROL.findall(text)) > max(2, len(text) // 100)


def clean_text(text: str) -> str:
    """LF line ends, NFC, no invisible marks, no-break spaces as spaces, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


_RULE = re.compile(r"(?:[-*_=~]\s*){3,}")   # a horizontal rule ("---", "* * *"): layout, not text


_COLUMN_GAP = re.compile(r"(?<=[^\s|])[ \t]{2,}(?=[^\s|])")


def _columns(line: str) -> str:
    """"Written by Jane Doe   Published on Aug. 3, 2017   Read time: 6 minutes": the fields of a
    short line copied from a page's columns are set apart as a byline's fields are ("|"); a sentence's
    double spaces are only spaces."""
    line = line.strip()
    if ("  " not in line and "\t" not in line) or not _COLUMN_GAP.search(line) or len(line.split()) > 20 \
            or line.endswith((".", "!", "?")):
        return line
    return _COLUMN_GAP.sub(" | ", line)


_LABEL_OPENS = re.compile(r"[A-Z][a-z]+(?: [A-Z]?[a-z]+)?: ")   # ("Topics: ..." then "Related: ...": two lines, no wrap)


def split_blocks(text: str, unwrap: bool = True) -> list[str]:
    """Paragraphs: blank-line separated; inside a block each line stands alone unless the
    block is hard-wrapped prose (every line but the last 50-100 characters, a wrap width, and
    none in capitals like a "NEWS RELEASE" header)."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        # ("Background[edit]": a wiki's section links)
        lines = [re.sub(r"\s+", " ", _columns(line)).strip().removesuffix("[edit]") for line in chunk.split("\n")]
        lines = [line for line in lines if line and not _RULE.fullmatch(line)]
        # (hard-wrapped prose breaks lines mid-sentence; lines that end sentences stand alone)
        ended = sum(1 for line in lines[:-1] if line.endswith((".", "!", "?")))
        # (nor are a byline and a date line above the text: "Jane Doe, Middle East correspondent" / "Mon 15 Jan 2018")
        if unwrap and len(lines) > 1 and all(50 <= len(line) <= 100 for line in lines[:-1]) \
                and not any(line.isupper() or _BULLET.match(line) for line in lines) and ended * 3 <= len(lines) - 1 \
                and not any(_LABEL_OPENS.match(line) for line in lines[1:]) \
                and not any(dates.MAYBE_DATE.search(line) and dates.dateline(line) for line in lines):
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
    return blocks


# --- formats ----------------------------------------------------------------------------------
@dataclass
class _Draft:
    """What a format reader hands to the common layout step."""

    blocks: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    excluded: list[Excluded] = field(default_factory=list)  # found before the body
    comments: list[Excluded] = field(default_factory=list)  # reader comments after it
    date_basis: str = "stated date"


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META_KEYS = ("title", "url", "publisher", "published", "author")


def _from_markdown(text: str, path: Path) -> _Draft:
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match["yaml"] or "", path)
        text = text[match.end():]
    excluded: list[Excluded] = []
    blocks = []
    for block in split_markdown(text):
        image = re.fullmatch(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)[^)]*\)", block)
        if image:
            excluded.append(Excluded("image caption", image["alt"] or image["src"]))
            continue
        heading = re.match(r"#{1,6}\s+", block)
        plain = strip_markdown(block[heading.end():] if heading else block)
        if _mostly_links(block, plain):
            excluded.append(Excluded("boilerplate", plain))   # "More explainers: [..](..) · [..](..)"
            continue
        if heading and block.startswith("# ") and "title" not in meta:
            meta["title"] = plain  # the first level-one heading is the headline
            continue
        if plain:
            blocks.append(plain)
    return _Draft(blocks, meta, excluded, date_basis="front matter")


_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s[^)]*)?\)")


def _mostly_links(block: str, plain: str) -> bool:
    """Two or more links whose texts are most of the block: a list of other pages, not reporting."""
    texts = [m.group(1) for m in _MD_LINK.finditer(block)]
    return len(texts) >= 2 and sum(len(t) for t in texts) >= 0.6 * len(plain)


def _front_matter(source: str, path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1: 1-based, +1: the '---' line
        reason = getattr(error, "problem", None) or str(error)
        raise _fail(path, f"invalid YAML front matter: {reason}",
                    "fix the YAML between the two '---' lines", line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _fail(path, "front matter must be a mapping (key: value lines)",
                    "write e.g. 'title: ...' between the '---' lines", 2)
    if "author" not in data and data.get("authors"):
        data["author"] = data["authors"]
    meta = {k: data[k] for k in _META_KEYS if data.get(k) not in (None, "", [])}
    if "published" not in meta and data.get("date"):
        meta["published"] = data["date"]
    # "author: [A, B]" is two authors, written as a byline lists them
    return {k: ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in meta.items()}


def split_markdown(text: str) -> list[str]:
    """Markdown blocks: headings and list items stand alone, other lines of a block join."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in (raw.strip() for raw in text.split("\n")):
        if not line or _RULE.fullmatch(line):
            flush()
        elif re.match(r"(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|!\[)", line):
            flush()
            blocks.append(re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line))
        elif not re.fullmatch(r"\[[^\]]+\]:\s*\S+.*", line):  # skip link definitions (URLs)
            current.append(line)
    flush()
    return blocks


def strip_markdown(text: str) -> str:
    """Light Markdown removal: links keep their text, emphasis and code markers go."""
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"^(?:>\s?)+", "", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\s+#+\s*$", "", text)  # closing hashes of an ATX heading
    return re.sub(r"\s+", " ", text).strip()


def _from_html(text: str, path: Path) -> _Draft:
    import trafilatura  # imported here: it takes a second to load and most corpora are .txt

    # original_date/no extensive search: a date from the page's metadata, not one guessed
    # from the body text (that guess is ours to make, with a basis).
    result = trafilatura.bare_extraction(
        text, include_comments=True, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    doc: dict[str, Any] = {}
    if result is not None:
        doc = result if isinstance(result, dict) else result.as_dict()
    # trafilatura puts one paragraph per line: never join lines here
    lines = split_blocks(clean_text(doc.get("text") or ""), unwrap=False)
    if len(lines) < 2:  # a headline alone is navigation debris
        raise _fail(path, "no article text found in the HTML",
                    "save the article body as .txt, or check the page is the article itself")
    meta = {"title": doc.get("title"), "author": doc.get("author"), "url": doc.get("url"),
            "publisher": doc.get("sitename"), "published": doc.get("date")}
    meta = {k: clean_text(str(v)).strip() for k, v in meta.items() if v}
    if meta.get("author"):
        people, outlet = _people_and_outlet(meta["author"])
        meta["author"] = people
        if outlet and not meta.get("publisher"):
            meta["publisher"] = outlet
    meta = {k: v for k, v in meta.items() if v}
    comments = [Excluded("reader comments", line)
                for line in split_blocks(clean_text(doc.get("comments") or ""), unwrap=False)]
    return _Draft(lines, meta, comments=comments,
                  date_basis="HTML metadata")


# --- boilerplate rules (data) -----------------------------------------------------------------
_BUTTON_GAP = re.compile(r"\s*\]\s*\[\s*")   # between two bracketed buttons: "[Facebook] [Twitter]"
_SHARE_TAIL = re.compile(r"(?:\||\s{2,})\s*(share\b.*)$", re.I)


@dataclass(frozen=True)
class Rules:
    """The patterns of data/boilerplate.yaml, compiled."""

    lines: tuple[tuple[re.Pattern[str], str], ...]
    link_list: tuple[re.Pattern[str], ...]
    advert_start: tuple[re.Pattern[str], ...]
    comments_start: tuple[re.Pattern[str], ...]
    end_markers: tuple[re.Pattern[str], ...]
    comment_author: tuple[re.Pattern[str], ...]
    caption_with_credit: re.Pattern[str]
    teaser: re.Pattern[str]
    tag_list: dict[str, int]
    masthead: dict[str, int]

    def line_reason(self, line: str) -> str | None:
        reason = self._reason(line)
        if reason is None and _BUTTON_GAP.search(line):
            # a row of buttons copied in brackets: "[Share on Facebook] [Share on Twitter] [Email]"
            reason = self._reason(_BUTTON_GAP.sub(" | ", line).replace("[", "").replace("]", "").strip())
        tail = _SHARE_TAIL.search(line) if reason is None else None
        if tail and tail.start() <= 40:
            # a share bar after other furniture on its line: "Auto-refresh ON | Share: Facebook | Twitter"
            reason = self._reason(tail.group(1))
        return reason

    def _reason(self, line: str) -> str | None:
        return next((reason for rx, reason in self.lines if rx.fullmatch(line)), None)

    def opens_links(self, line: str) -> bool:
        """'Read more:', or a line of fields ending in one ('Archive | Catalogue no. 12 | Related documents:')."""
        last = re.split(r"\s+[|·•]\s+", line)[-1]
        return any(rx.fullmatch(line) or (last != line and line.endswith(":") and rx.fullmatch(last))
                   for rx in self.link_list)

    def opens_advert(self, line: str) -> bool:
        return any(rx.fullmatch(line) for rx in self.advert_start)

    def opens_comments(self, line: str) -> bool:
        return any(rx.fullmatch(line) for rx in self.comments_start + self.comment_author)

    def ends_release(self, line: str) -> bool:
        return any(rx.fullmatch(line) for rx in self.end_markers)


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    data = data_file("boilerplate.yaml")

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    return Rules(
        lines=tuple((rx(item["pattern"]), item["reason"]) for item in data["lines"]),
        link_list=tuple(rx(p) for p in data["link_list"]),
        advert_start=tuple(rx(p) for p in data["advert_start"]),
        comments_start=tuple(rx(p) for p in data["comments_start"]),
        end_markers=tuple(rx(p) for p in data["end_markers"]),
        comment_author=tuple(rx(p) for p in data["comment_author"]),
        caption_with_credit=rx(data["caption_with_credit"]),
        teaser=rx(data["teaser"]),
        tag_list=dict(data["tag_list"]),
        masthead=dict(data["masthead"]),
    )


# --- layout: title, metadata lines, body, exclusions ------------------------------------------
_NAMES = (r"[A-Z][\w.'’-]+(?:(?:\s+|,\s+|\s+(?:and|with|&)\s+)"
          r"(?:[A-Z][\w.'’-]+|al-\w+|bin|ibn|de|van|von))*")
# "By Jane Doe", "Posted by Jane Doe", "Words: Jane Doe", "By Jane Doe with John Roe in Beirut"
_BYLINE = re.compile(r"(?:(?i:(?:posted|published|written|reported|story|words|text|reporting|interview|interviewed|analysis|edited|compiled)(?:\s+on\s+[\w ,.]{4,30}?)?\s+)?"
                     r"(?i:by)\s+(?:(?i:our|a)\s+(?:\w+\s+)?(?i:correspondent|reporter)(?:\s+in\s+[A-Z][\w' -]{1,30}?)?,\s+)?"
                     r"|(?i:words|text|author|reporting)\s*:\s*)"
                     r"(?P<name>" + _NAMES + r")(?:\s+(?i:in)\s+[A-Z][\w' ,-]{1,40})?\s*(?:[|–—·•].*)?")
# "Clare Whitcombe, Middle East Correspondent": a name and its newsroom title, above the date
# a reporter's name: two to four capitalised words ("Hawar al-Ibrahim": an article within)
_REPORTER = r"[A-Z][\w.'’-]+(?:\s+(?:al-)?[A-Z][\w.'’-]+){1,3}"
_TITLED_BYLINE = re.compile(rf"(?P<name>{_REPORTER}),\s+(?:[A-Z][\w-]*\s+){{0,4}}"
                            r"(?:Correspondent|Editor|Reporter|Writer|Journalist|Columnist|Analyst)")
# "Owen Pritchard Middle East correspondent, and agencies": the name, its desk and title without a comma
# (the name's two words: a desk is one to three words before the title)
_DESK_BYLINE = re.compile(r"(?P<name>[A-Z][\w.'’-]+\s+(?:al-)?[A-Z][\w.'’-]+)\s+(?:[A-Z][\w-]*\s+){1,3}"
                          r"(?i:correspondent|editor|reporter|writer)(?:,?\s+and\s+agencies)?")
_SOURCES = re.compile(r"(?i:references|sources|bibliography|works cited|further reading|notes and references)\s*:?")
_SENDER = re.compile(r"(?i:from)\s*:\s*\"?(?P<name>[^\"<>@]{2,60}?)\"?\s*<[^<>@\s]+@[^<>\s]+>")
_SUBJECT = re.compile(r"^(?i:subject|fwd?|re)\s*:\s*")
_COUNT_FIELD = re.compile(r"(?i:\d+\s+(?:comments?|responses|replies|shares))")
_RELEASE_HEADER = re.compile(r"(?i:(?:news|press|media) release)\b")
_BIO = re.compile(r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+is\s+(?:a|an|the)\s+"
                  r"(?P<rest>.+)")
_MEDIA_ROLE = re.compile(
    r"(?i:\b(?:editor|writer|reporter|correspondent|journalist|columnist|contributor)s?\b)"
    r"(?:\s+\w+){0,3}?\s+(?:for|at|with)\s+(?:the\s+)?"
    r"(?P<org>[A-Z0-9][\w'’&.-]*(?:\s+(?:(?:of|for|and|on|&)\s+)?[A-Z0-9][\w'’&-]*)*)")
_NOT_NAMES = {"The", "This", "That", "It", "He", "She", "They", "There", "Here", "What"}
_OUTLET_NOUNS = (r"Wire|News|Press|Agency|Times|Post|Media|Network|Service|Daily|Herald|Journal|Tribune|Gazette|Monitor|"
                 r"Reuters|AFP|AP|Staff")
_NEWS_OUTLET = re.compile(rf"\b(?:{_OUTLET_NOUNS})\b")
# a byline's part that is no person: an outlet, or a desk of one ("By Omar Rifai, Foreign Desk")
NEWSROOM = re.compile(rf"\b(?:{_OUTLET_NOUNS}|Desk|Bureau|Team|Correspondents?|Reporters?|Editors?|Writers?|Wires)\b")


_OUTLET_NOUN_LAST = re.compile(_NEWS_OUTLET.pattern + r"$")


def _people_and_outlet(author: str) -> tuple[str, str | None]:
    """A page's author field, 'Jane Doe; John Roe; Relay Wire': the people, and the outlet named with them."""
    parts = [p for p in re.split(r"\s*[;,]\s*|\s+(?:and|&)\s+", author) if p]
    outlets = [p for p in parts if _NEWS_OUTLET.search(p)]
    return ", ".join(p for p in parts if p not in outlets), (outlets[0] if outlets else None)


_OUTLET = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|and|&|the|on)\s+)?[A-Z][\w&'’.-]*){0,5}")


def _assemble(path: Path, root: Path | None, raw: bytes, draft: _Draft) -> Article:
    rule = rules()
    main, tail = _split_tail(draft.blocks, rule)
    layout = _Layout(title=draft.meta.get("title"), publisher=draft.meta.get("publisher"),
                     author=draft.meta.get("author"))
    layout.run(main, rule)
    if not layout.title:
        raise _fail(path, "no headline found", "put the article's headline on its first line")
    _apply_bio(layout)
    # (a page's menus and share bars above the date line would push it out of the dateline window)
    furniture = {e.text for e in layout.excluded if e.reason in ("boilerplate", "share line", "reading time", "advertisement")
                 and not (dates.MAYBE_DATE.search(e.text) and dates.dateline(e.text))}
    # (a release's "Paris, 16 November 2015" above its headline dates it)
    texts = [layout.title, *(b for b in main if b not in furniture)]
    when, basis = dates.infer_published(texts, draft.meta.get("published"), draft.date_basis)
    return Article(
        source_id=slugify(path.stem),
        file=_relative(path, root),
        sha256=hashlib.sha256(raw).hexdigest(),
        title=layout.title,
        publisher=layout.publisher,
        author=layout.author,
        url=draft.meta.get("url"),
        published=when.iso() if when else None,
        published_precision=when.precision if when else "unknown",
        published_basis=basis,
        paragraphs=layout.paragraphs,
        excluded=draft.excluded + layout.excluded + tail + draft.comments,
    )


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass  # outside the root: keep the path as given
    return path.as_posix()


_PROSE = re.compile(r"(?:\S+\s+){4}\S*[.!?][\"'”’)]?\s*$")   # a sentence of five words or more


def _split_tail(blocks: list[str], rule: Rules) -> tuple[list[str], list[Excluded]]:
    """Split off reader comments and a trailing tag list, which end a saved page."""
    tags_at = len(blocks)
    while tags_at > 1 and _is_tag(blocks[tags_at - 1], rule):  # never the headline itself
        tags_at -= 1
    if len(blocks) - tags_at < rule.tag_list["min_lines"]:
        tags_at = len(blocks)
    # ("Share this: Facebook | Twitter", "28 Comments" above the story: a link to the comments in the
    # page's header opens nothing; the comments follow the story)
    story = next((i for i, b in enumerate(blocks) if _PROSE.search(b)), len(blocks))
    counters = [i for i, b in enumerate(blocks[:min(story, tags_at)]) if rule.opens_comments(b)]
    widgets = [Excluded("share line", blocks[i]) for i in counters]
    if counters:
        blocks = [b for i, b in enumerate(blocks) if i not in counters]
        tags_at -= len(counters)
    comments_at = next((i for i, b in enumerate(blocks[:tags_at]) if rule.opens_comments(b)),
                       tags_at)
    # "ENDS" closes a press release: the notes to editors after it are not reporting
    ends_at = next((i for i, b in enumerate(blocks[1:comments_at], 1) if rule.ends_release(b)), comments_at)
    tail = widgets + [Excluded("boilerplate", b) for b in blocks[ends_at:comments_at]]
    tail += [Excluded("reader comments", b) for b in blocks[comments_at:tags_at]]
    tail += [Excluded("tag list", b) for b in blocks[tags_at:]]
    return blocks[:ends_at], tail


def _is_tag(block: str, rule: Rules) -> bool:
    limits = rule.tag_list
    return (len(block.split()) <= limits["max_words"] and len(block) <= limits["max_chars"]
            and not any(c in _SENTENCE_END + ",“‘(" for c in block))


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s.casefold()).strip()
    return norm(a) == norm(b)


@dataclass
class _Layout:
    """Walks the blocks once: the top lines give title/masthead/byline/dateline, the rest body."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    masthead: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)

    def run(self, blocks: list[str], rule: Rules) -> None:
        kinds: list[str] = []   # what each block was taken for, in order
        excluded = 0            # how many of them are page furniture
        links = False   # inside a list of links to other stories ("Read more:" and the titles under it)
        sources = False  # inside a list of sources ("References"): whole sentences, one per item
        sponsored = False
        for i, block in enumerate(blocks):
            heading = bool(self.title) and rule.opens_links(block)
            items = links and (_link_item(block) or (sources and len(block.split()) <= 40))
            # "Read more:" alone opens a list; "Related: <a title>" is one link
            links = (heading and (block.endswith(":") or ":" not in block and len(block.split()) <= 6)) or items
            sources = (heading and bool(_SOURCES.fullmatch(block))) or (sources and items)
            sender = _SENDER.fullmatch(block) if i < dates.DATELINE_WINDOW else None
            if sender and not self.publisher:
                self.publisher = sender["name"]   # "From: The Tigris Brief <brief@tigrisbrief.net>"
            advert = bool(self.title) and rule.opens_advert(block)   # "FROM OUR SPONSOR", then its text
            reason = self._exclusion(blocks, i, rule) or ("boilerplate" if heading or items else None) \
                or ("advertisement" if advert or sponsored else None)
            sponsored = advert
            # ("By Jane Doe | May 19, 2016 | jane@outlet.org": a byline, whatever else its fields hold)
            signed = reason == "boilerplate" and bool(_BYLINE.fullmatch(dates.FIELD_SEP.split(block)[0]))
            # (the window counts the lines read so far, not the page's menus and notices above them)
            near_top = i < dates.DATELINE_WINDOW or (i - excluded < dates.DATELINE_WINDOW and len(self.paragraphs) < 3)
            if (not reason or signed) and near_top and self._metadata_line(blocks, i, rule):
                kinds.append("metadata")
            elif reason:
                self.excluded.append(Excluded(reason, block))
                kinds.append("excluded")
                excluded += 1
            elif not self.title:
                self.title = _SUBJECT.sub("", block)   # a newsletter's e-mail: its subject is its headline
                kinds.append("title")
            else:
                self.paragraphs.append(block)
                kinds.append("paragraph")
        self._choose_headline(blocks, kinds)
        self._drop_repeats()

    def _choose_headline(self, blocks: list[str], kinds: list[str]) -> None:
        """A page copied from the browser has labels above its headline ("LIVE TV", "World / Mena",
        "INCIDENT REPORT 2016/07", a cookie notice) and a site's motto under its name: the headline is
        the first line of the top that is neither, before the text starts."""
        top: list[int] = []
        for i, kind in enumerate(kinds[:_TOP_LINES]):
            if kind == "paragraph" and _reads_as_body(blocks[i]):
                break
            if kind in ("title", "paragraph"):
                top.append(i)
        if len(top) < 2 or kinds[top[0]] != "title":
            return
        candidates = [i for i in top if not _label_like(blocks[i])]
        if not candidates:
            return
        pick = candidates[0]
        if len(candidates) > 1 and self._motto(blocks, kinds, pick, candidates[1]):
            pick = candidates[1]
        if pick == top[0]:
            return
        k = top.index(pick)
        self.excluded.extend(Excluded("boilerplate", blocks[i]) for i in top[:k])
        self.title, self.paragraphs = blocks[pick], self.paragraphs[k:]

    def _motto(self, blocks: list[str], kinds: list[str], first: int, second: int) -> bool:
        """"FRONTLINE NOTES" / "Military analysis from the Syria and Iraq wars" / <headline> / "Posted on
        ... by ...": a short line right under the site's name, above a longer line that the byline,
        the date or the text follows."""
        words = blocks[first].split()
        # (a byline, a place and a date the reader did not recognise may stand between: the text is near)
        after = [i for i in range(second + 1, len(kinds)) if kinds[i] != "excluded"][:4]
        return ((first == 1 or (kinds[first - 1] == "metadata" and blocks[first - 1] == self.masthead))
                and len(words) <= 14 and not any(c.isdigit() for c in blocks[first])
                and any(kinds[i] == "metadata" or _reads_as_body(blocks[i]) for i in after)
                and all(len(blocks[i].split()) <= 6 for i in after[:next((n for n, i in enumerate(after)
                                                                          if kinds[i] == "metadata"
                                                                          or _reads_as_body(blocks[i])), 0)]))

    def _drop_repeats(self) -> None:
        """A paragraph repeated, or cut short and repeated in full, would be counted twice."""
        kept: list[str] = []
        for i, para in enumerate(self.paragraphs):
            others = self.paragraphs[:i] + self.paragraphs[i + 1:]
            longer = any(o != para and o.startswith(para) for o in others) and len(para) >= 40
            if longer or para in self.paragraphs[:i]:
                self.excluded.append(Excluded("boilerplate", para))
            else:
                kept.append(para)
        self.paragraphs = kept

    def _exclusion(self, blocks: list[str], i: int, rule: Rules) -> str | None:
        block = blocks[i]
        reason = rule.line_reason(block)
        if reason:
            return reason
        if self.title and _same(block, self.title):
            return "boilerplate"  # the headline repeated above the body
        teaser = rule.teaser.fullmatch(block)
        if teaser and i + 1 < len(blocks) and blocks[i + 1].startswith(teaser["stem"]):
            return "boilerplate"
        if self.title and i < dates.DATELINE_WINDOW and rule.caption_with_credit.fullmatch(block):
            return "image caption"
        return None

    def _metadata_line(self, blocks: list[str], i: int, rule: Rules) -> bool:
        """A date line, a byline or a masthead near the top: metadata, not body."""
        block = blocks[i]
        fields = dates.FIELD_SEP.split(block)
        names = [n for f in fields if len(f.split()) <= 14 for n in _byline_names(blocks, i, f)]
        dated = dates.MAYBE_DATE.search(block) is not None and dates.dateline(block) is not None
        if dated and len(fields) == 1 and dates.PLACE_PREFIX.match(block):
            return False   # "Şanlıurfa / Gaziantep, 19 June 2015": dated, and the places are the story's
        if dated or (names and all(
                _byline_names(blocks, i, f) or dates.dateline(f) or _COUNT_FIELD.fullmatch(f)
                or rule.line_reason(f) or (self.publisher and _same(f, self.publisher))   # "By Jane Doe | Bashur Post"
                for f in fields)):
            # infer_published reads the date again from the texts
            self.author = self.author or (_authors(names) if names else None)
            return True
        if self._outlet_under_byline(blocks, i):
            self.publisher = self.publisher or block   # ("Tribune Foreign Staff" under a masthead's name: a desk)
            return True
        # (a newsletter's name in capitals may follow its subject line: "THE TIGRIS BRIEF")
        if (not self.title or (block.isupper() and not self.paragraphs)) and not self.masthead \
                and self._is_masthead(blocks, i, rule):
            self.masthead = block
            self.publisher = self.publisher or _masthead_name(block)
            return True
        return False

    def _outlet_under_byline(self, blocks: list[str], i: int) -> bool:
        """"By Jane Doe / Continental Press Agency / Sep 1, 2014": the outlet between byline and date."""
        return ((not self.publisher or bool(_NEWS_OUTLET.search(blocks[i]))) and 0 < i < len(blocks) - 1
                and bool(_OUTLET.fullmatch(blocks[i]))
                and bool(_BYLINE.fullmatch(dates.FIELD_SEP.split(blocks[i - 1])[0]))
                and dates.dateline(blocks[i + 1]) is not None)

    def _is_masthead(self, blocks: list[str], i: int, rule: Rules) -> bool:
        """A site name directly above a headline-like line: one or two words ("OpsLens"), a name in
        capitals ("THE ANBAR DESK", "NINEVEH REVIEW · Interviews"), or whoever issues the press
        release whose header follows."""
        block, limits = blocks[i], rule.masthead
        if i + 1 < len(blocks) and _RELEASE_HEADER.match(blocks[i + 1]) and len(block.split()) <= 12:
            return True
        name = dates.FIELD_SEP.split(block)[0]
        capitals = name.isupper() and len(name.split()) <= 8 and len(dates.FIELD_SEP.split(block)) <= 2
        # a site's name above its menu ("Iraq Civilian Harm Monitor", then "Home | Reports | About")
        above_menu = i + 1 < len(blocks) and rule.line_reason(blocks[i + 1]) == "boilerplate" \
            and len(block.split()) <= 6 and bool(re.search(r"[|>»›]", blocks[i + 1]))
        # "The Lakeshore Tribune": a name ending in an outlet's noun
        outlet = len(name.split()) <= 4 and bool(_OUTLET.fullmatch(name)) and bool(_OUTLET_NOUN_LAST.search(name))
        if not (capitals or above_menu or outlet) and (len(block.split()) > limits["max_words"] or len(block) > limits["max_chars"]):
            return False
        if above_menu and not any(c in ".!?" for c in block):
            return True   # a site's name above its menu, whatever comes under it
        # (the periods of "U.S." end no sentence)
        if any(c in _SENTENCE_END for c in re.sub(r"\b([A-Z])\.", r"\1", block)) or not block[:1].isupper():
            return False
        following = [b for b in blocks[i + 1:] if not rule.line_reason(b)]
        if len(following) > 1 and outlet and following[0].isupper() and len(following[0].split()) <= 3:
            following = following[1:]   # "The Lakeshore Tribune" / "WORLD" / <headline>: the section's label between
        if not following:
            return False
        headline = following[0]
        if not self.title and not _SIGNED.match(block) and (
                _BYLINE.fullmatch(dates.FIELD_SEP.split(headline)[0]) or dates.dateline(headline)):
            return False   # a short headline right above its byline ("Qarabel falls", "By Jane Doe")
        return (len(headline.split()) >= 3 and len(headline) <= 200
                and headline[-1] not in ".!?")


_TOP_LINES = 12   # how far down a page its headline may stand
_MENU_SEPARATOR = re.compile(r"\s[|/>»›·•]\s")
_SMALL_WORDS = {"by", "of", "the", "and", "in", "for", "on", "to", "a", "an", "&"}
_SIGNED = re.compile(r"(?i:by|posted|written|updated|published)\b")   # a byline the layout could not read
_CAPITALS_FIRST = re.compile(r"[^a-z]+\s[^a-z\s]+\s[-–—:]\s")   # "SOUTHERN CROSS NEWS AGENCY - World Briefs"


def _reads_as_body(block: str) -> bool:
    """A sentence of running text (the standfirst or the first paragraph), not a headline."""
    return len(block.split()) >= 15 and block.rstrip("\"'”’)").endswith((".", "!", "?", "…"))


def _label_like(block: str) -> bool:
    """A section label, a breadcrumb, a notice or a name in capitals: no headline."""
    words = block.split()
    letters = [c for c in block if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    # "Home Politics Security Economy ...": a menu copied without its bars (a headline in title case has commas)
    menu = (words[0] == "Home" or len(words) >= 9) and not re.search(r"[^\w\s&-]", block) \
        and all(w[:1].isupper() for w in words if w[:1].isalpha())
    # "Iraq", "Middle East", "Supported by": a short line of names ("Raqqa falls" has a verb in lower case)
    short = len(words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() or w in _SMALL_WORDS for w in words)
    return (short or menu or bool(_MENU_SEPARATOR.search(block) or _CAPITALS_FIRST.match(block) or _SIGNED.match(block))
            or (block.startswith("[") and block.endswith("]")) or (capitals and len(words) <= 6)
            or (block.endswith(".") and not block.endswith("..")) or len(dates.FIELD_SEP.split(block)) > 2
            or dates.dateline(block) is not None)


_BULLET = re.compile(r"(?:[-•*·▪◦‣>›»]|\d{1,2}[.)])\s+\S")


def _byline_names(blocks: list[str], i: int, field: str) -> list[str]:
    """The people a byline names ("By Jane Doe", "Jane Doe, Middle East Correspondent", "Jane Doe in Beirut
    and John Roe in Erbil"); none if the field is no byline."""
    m = _BYLINE.fullmatch(field) or _titled_byline(blocks, i, field)
    return [m["name"]] if m else _placed_byline(blocks, i, field)


# "Martin Eyre in Raqqa": a reporter and where the story was filed from ("Deir ez-Zor": a particle within)
_FILED_FROM = re.compile(rf"(?P<name>{_REPORTER})\s+in\s+"
                         r"[A-Z][\w'’-]*(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w'’-]*){0,2}")


def _placed_byline(blocks: list[str], i: int, field: str) -> list[str]:
    """Reporters each with the place they filed from, or a liveblog's with their shift, above a date line,
    without "By": "Martin Eyre in Raqqa and Hawar Ibrahim in Deir ez-Zor", "Claire Ashdown and Hugo Verbeke in
    Brussels" (two reporters in one place)."""
    parts = re.split(r",\s+(?:and\s+)?|\s+and\s+", field)
    # (a liveblog's reporters by shift: "Ravi Menon (now) and Clare Haverford (earlier)")
    shifts = [re.fullmatch(rf"({_REPORTER})\s+\((?:now|earlier|later|(?:until|from|since)\s+[\w.:]+)\)", part) for part in parts]
    if all(shifts) and i + 1 < len(blocks) and dates.dateline(blocks[i + 1]):
        return [m[1] for m in shifts if m]
    placed = [_FILED_FROM.fullmatch(part) for part in parts]
    # (a reporter without a place shares the next one's, where two places are told: not "Turkish Troops and
    # Kurdish Rebels Clash in Afrin", a headline)
    if not placed[-1] or (not all(placed) and sum(map(bool, placed)) < 2) \
            or not all(m or re.fullmatch(_REPORTER, part) for m, part in zip(placed, parts)) \
            or not (i + 1 < len(blocks) and dates.dateline(blocks[i + 1])):
        return []
    return [m["name"] if m else part for m, part in zip(placed, parts)]


def _titled_byline(blocks: list[str], i: int, field: str) -> re.Match[str] | None:
    """A name with its newsroom title is a byline where a date line follows it (else it may be a caption)."""
    m = _TITLED_BYLINE.fullmatch(field) or _DESK_BYLINE.fullmatch(field)
    return m if m and i + 1 < len(blocks) and dates.dateline(blocks[i + 1]) else None


_CONTENTS_ITEM = re.compile(r"\d{1,2}(?:\.\d{1,2})*\s+[A-Z][^.!?]{0,60}")   # "2 Prelude: recapture of Akashat"


def _link_item(block: str) -> bool:
    """An item of a list of links: a bullet or number in front, or a story's title (one short line
    that does not end a sentence)."""
    title = _DATED_ITEM.sub("", block)   # ("21.10.2017 Russian Centre delivers aid ...": a dated title)
    return bool(_BULLET.match(block) or _CONTENTS_ITEM.fullmatch(block)) or (
        len(title.split()) <= 25 and title[:1].isupper() and not title.rstrip("\"'”’").endswith((".", "!")))


_DATED_ITEM = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s+")


def _authors(names: list[str]) -> str:
    """'Jane Doe with John Roe' -> 'Jane Doe, John Roe' (how sheets list several authors); names in
    capitals as names are written ('YOUSEF HAMDAN and CLAIRE DUBOIS')."""
    def as_written(name: str) -> str:
        capitals = all(w.isupper() for w in name.split() if w.lower() not in ("and", "with", "&"))
        words = from_capitals(name) if capitals else name.split()
        return " ".join(w.lower() if w.lower() in ("and", "with") else w for w in words)
    return ", ".join(re.sub(r"\s+(?:with|&)\s+", ", ", as_written(n)) for n in names)


def _masthead_name(block: str) -> str:
    """The site's name in a masthead: 'NINEVEH REVIEW · Interviews' -> 'Nineveh Review'."""
    name = re.split(r"\s+[|·•]\s+", block)[0]
    if not name.isupper() or len(name) <= 5:   # as written, or an acronym such as "BBC"
        return name
    small = {"THE", "OF", "AND", "FOR", "ON", "IN"}
    # ("U.S." and "BBC" stay as written; "- ONLINE EDITION" is no part of the name)
    name = re.split(r"\s+[-–—]\s+", name)[0]
    return " ".join(w.lower() if n and w in small else w if (len(w) <= 3 or "." in w) and w not in small
                    else w.capitalize() for n, w in enumerate(name.split()))


def _apply_bio(layout: _Layout) -> None:
    """'<Full Name> is a ... Editor for <Outlet>.' closing the body names author and outlet."""
    if not layout.paragraphs:
        return
    bio = _BIO.fullmatch(layout.paragraphs[-1].rstrip("."))
    if not bio or bio["name"].split()[0] in _NOT_NAMES:
        return
    outlets = [m["org"].rstrip(".") for m in _MEDIA_ROLE.finditer(bio["rest"])]
    if outlets:
        layout.author = layout.author or bio["name"]
        layout.publisher = layout.publisher or outlets[-1]
