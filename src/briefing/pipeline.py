"""The extract pipeline as a sequence of named stages: read -> discover -> resolve -> mention
-> operations -> facts -> assemble -> merge. Everything is gathered before anything is written.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import assemble
from .cache import ArticleCache
from .campaigns import told_campaigns
from .dates import When, find_dates, parse_when
from .errors import InputError, Problem
from .extract import Candidate, Discoverer, Discovery, Sentence, sentences_of
from .facts import Context, Fact, role_fact, sentence_facts
from .lexicon import Lexicon, lexicon
from .mentions import Match, Matcher
from .names import name_key, one_word_names, token_key
from .operations import ASIDE, SHEET_KIND, OperationHit, find_operations, group_operations, named_as
from .parallel import STATE, pmap, workers_for
from .progress import QUIET, Progress
from .read import NEWSROOM, Article, article_paths, read_or_problem
from .resolve import Entity, Seed, resolve, seeds_from_lexicon
from .sheet_index import SheetIndex
from .sheets import Briefing
from .states import States, is_twin


@dataclass
class Extraction:
    """Everything extraction found, before it is merged into the editors' sheets."""

    articles: list[Article]
    entities: list[Entity]
    sheets: dict[str, dict[str, Any]]                 # relative path -> sheet data
    notes: list[str] = field(default_factory=list)    # for the review report
    unreadable: list[Problem] = field(default_factory=list)   # sheets that could not be read (left alone)


@dataclass
class _ArticleText:
    article: Article
    anchor: When | None
    sentences: list[Sentence]
    matches: dict[int, list[Match]] = field(default_factory=dict)
    op_matches: dict[int, list[Match]] = field(default_factory=dict)
    keys: str | None = None              # the keys of its words (`Matcher.words`), space-separated, once known
    years: dict[int, int | None] | None = None   # sentence index -> the year it is about
    digests: dict[str, str] = field(default_factory=dict)   # matcher -> a digest of its matches (with a cache)


def extract_corpus(seeds_dir: Path, briefings_dir: Path, root: Path | None = None,
                   progress: Progress = QUIET, cache: ArticleCache | None = None,
                   index: SheetIndex | None = None) -> Extraction:
    lex = lexicon()
    with progress.stage("read"):
        articles = load_articles(seeds_dir, root, cache)
        # only who each sheet is (names, kind, merged_into): from the index where the file is unchanged
        existing = (index or SheetIndex(briefings_dir, enabled=False)).briefing()
    texts = [_ArticleText(a, parse_when(a.published) if a.published else None, sentences_of(a.title, a.paragraphs))
             for a in articles]
    seeds = sheet_seeds(existing) + seeds_from_lexicon(lex.entities)
    with progress.stage("discover"):
        candidates, links = discover(lex, seeds, texts, progress, cache)
    with progress.stage("resolve"):
        entities = resolve(seeds, candidates, links, lex.is_demonym, tuple(lex.raw.get("parent_bodies") or ()),
                           lex.landmark_heads)
        name_bare(lex, entities)
        by_id = {e.id: e for e in entities}
    with progress.stage("mentions"):
        match_mentions(entities, texts, merged_redirects(existing), cache)
        discover_states(lex, texts, by_id, entities, cache)
        discover_city_sides(lex, texts, by_id, entities)
        discover_city_parts(lex, texts, by_id, entities)
    with progress.stage("facts"):
        operations = discover_operations(lex, texts, by_id, entities, cache)
        facts = collect_facts(texts, by_id, operations, cache)
    with progress.stage("assemble"):
        lent = lent_names(existing)   # names lent by a merged sheet stay on it, not on the survivor
        for entity in entities:
            if entity.id in lent:
                entity.aliases = {a for a in entity.aliases if name_key(a) not in lent[entity.id]}
        places = assemble.Places(cache.places if cache else None)
        sheets = assemble_sheets(texts, entities, facts, operations, places)
        if cache:
            cache.places = places.used
    # the memos of names and words served the passes above; the merge needs the memory
    name_key.cache_clear()
    token_key.cache_clear()
    return Extraction(articles, entities, sheets, unreadable=list(existing.problems))


# -- stages -----------------------------------------------------------------------------------
def load_articles(seeds_dir: Path, root: Path | None, cache: ArticleCache | None) -> list[Article]:
    """Every article, from the cache where its bytes are known, else read (over every core)."""
    root = seeds_dir.parent if root is None else root
    paths = article_paths(seeds_dir)
    outcomes: dict[Path, Article | Problem] = {}
    for path in paths:
        hit = cache.lookup(path, root) if cache else None
        if hit is not None:
            outcomes[path] = hit
    misses = [p for p in paths if p not in outcomes]
    for path, outcome in zip(misses, pmap(_read_worker, misses, root=root)):
        outcomes[path] = outcome
        if cache and isinstance(outcome, Article):
            cache.store(path, outcome)
    problems = [o for o in outcomes.values() if isinstance(o, Problem)]
    if problems:
        raise InputError(f"{len(problems)} article file(s) could not be read",
                         sorted(problems, key=lambda p: p.path))
    return [outcomes[p] for p in paths]  # type: ignore[misc]


def _read_worker(path: Path) -> Article | Problem:
    return read_or_problem(path, STATE["root"])


def _facts_worker(n: int) -> list[Fact]:
    """The facts of one article's sentences (the maps it reads are inherited, not pickled)."""
    text = STATE["texts"][n]
    out: list[Fact] = []
    for sentence in text.sentences:
        if sentence.index < 0:
            continue
        ctx = Context(text.article.source_id, sentence.index, sentence.text, text.matches.get(sentence.index, []),
                      STATE["folder_of"], STATE["kind_of"], STATE["name_of"], text.anchor,
                      STATE["operations"].get((n, sentence.index), []))
        out.extend(sentence_facts(ctx))
    return out


_CANDIDATE_FIELDS = tuple(f.name for f in fields(Candidate))


def _discover_worker(index: int) -> tuple[list[tuple], list]:
    """One article's discovery, its candidates as plain tuples: unpickling half a million
    dataclasses would cost the parent seconds at 10,000 articles."""
    discoverer = STATE.get("discoverer") or STATE.setdefault("discoverer", Discoverer(STATE["lex"], STATE["known"]))
    text = STATE["texts"][index]
    found = discoverer.discover(text.article.source_id, text.sentences)
    return [tuple(getattr(c, f) for f in _CANDIDATE_FIELDS) for c in found.candidates], found.links



def name_bare(lex: Lexicon, entities: list[Entity]) -> None:
    """"The Shammar tribe" is "the Shammar" too, "the Ahfad al-Rasoul brigade" "Ahfad al-Rasoul" (the
    lexicon's `actor_nouns` in lower case: not a Party), and "the Lesser Zab river" "the Lesser Zab" (its
    `bare_place_nouns`), unless that name is something else's ("the Jubour district" is a place named after
    the Jubour tribe)."""
    nouns = {"actors": {n for n in (*(lex.raw.get("actor_noun_forms") or {}).values(), *(lex.raw.get("actor_nouns") or ()))
                        if n.islower()},
             "locations": set(lex.raw.get("bare_place_nouns") or ())}
    taken = {name_key(n): e for e in entities for n in e.names()}
    for entity in list(entities):
        head, _, noun = entity.name.rpartition(" ")
        if not head or noun not in nouns.get(entity.folder, ()):
            continue
        other = taken.get(name_key(head))
        if other is None:
            entity.aliases.add(head)
        elif other is not entity and other.folder == entity.folder and other.kind in ("other", entity.kind) \
                and other.origin == "text" and entity.kind != "river":
            # ("the Shammar's al-Sanadid Forces" made an actor of "the Shammar", found nowhere else: the tribe;
            # "Ahfad al-Rasoul, a brigade" is the Ahfad al-Rasoul brigade; "the Bab el-Mandeb" its strait, but
            # "Khazir" is also the front along the Khazir river)
            entity.aliases.update(other.names())
            entity.candidates.extend(other.candidates)
            entities.remove(other)


def lent_names(existing: Briefing) -> dict[str, set[str]]:
    """Survivor id -> name keys its merged sheets lend it (for matching, never written to it, so
    that undoing the merge leaves no alias on two sheets)."""
    out: dict[str, set[str]] = {}
    for seed in sheet_seeds(existing, lent_only=True):
        out.setdefault(seed.id or "", set()).update(name_key(n) for n in seed.aliases)
    return out


def sheet_seeds(existing: Briefing, lent_only: bool = False) -> list[Seed]:
    """Editors' sheets are fixed identities: their aliases resolve to them. A sheet merged into
    another lends its name and aliases to the survivor (following chains a -> b -> c)."""
    redirects = merged_redirects(existing)

    def survivor(sheet_id: str) -> str:
        seen = set()
        while sheet_id in redirects and sheet_id not in seen:
            seen.add(sheet_id)
            sheet_id = redirects[sheet_id]
        return sheet_id

    lent: dict[str, list[str]] = {}
    for _folder, sheet_id, sheet in existing.entities():
        if sheet.get("merged_into"):
            names = [sheet.get("name"), *(sheet.get("aliases") or ())]
            lent.setdefault(survivor(sheet_id), []).extend(str(n) for n in names if isinstance(n, str) and n)
    if lent_only:
        return [Seed(i, i, "", "", tuple(names), "sheet") for i, names in sorted(lent.items())]
    seeds = []
    for folder, sheet_id, sheet in existing.entities():
        if sheet.get("merged_into") or is_twin(folder, sheet_id, sheet):
            continue   # (a twin is found by where its country stands in a sentence, not by name)
        aliases = tuple(a for a in (sheet.get("aliases") or ()) if isinstance(a, str) and a) + \
            tuple(lent.get(sheet_id, ()))
        seeds.append(Seed(sheet_id, str(sheet.get("name") or sheet_id), folder, str(sheet.get("kind") or "other"),
                          aliases, "sheet"))
    return seeds


def merged_redirects(existing: Briefing) -> dict[str, str]:
    """Aliases of a sheet merged into another resolve to the survivor."""
    out = {}
    for _folder, sheet_id, sheet in existing.entities():
        target = sheet.get("merged_into")
        if target:
            out[sheet_id] = str(target)
    return out


def discover(lex: Lexicon, seeds: list[Seed], texts: list[_ArticleText],
             progress: Progress = QUIET, cache: ArticleCache | None = None) -> tuple[list[Candidate], list]:
    # Discovery sees only the shipped dictionary, never the sheets: so it is a pure function of
    # the article (cacheable per article), and a warm run finds what a cold one finds. Editors'
    # names take effect in resolve and in matching.
    known = {}
    for seed in seeds:
        if seed.origin != "dictionary":
            continue
        for name in (seed.name, *seed.aliases):
            known.setdefault(name_key(name), (seed.folder, seed.kind))
    cached = [cache.discovery(t.article) if cache else None for t in texts]
    todo = [i for i, found in enumerate(cached) if found is None]
    for i, (rows, found_links) in zip(todo, pmap(_discover_worker, todo, lex=lex, known=known, texts=texts)):
        found = cached[i] = Discovery([Candidate(*row) for row in rows], found_links)
        if cache:
            cache.remember(texts[i].article, found)
    candidates: list[Candidate] = []
    links: list = []
    for text, found in zip(texts, cached):
        assert found is not None
        candidates.extend(found.candidates)
        links.extend(found.links)
        candidates.extend(_authors(text.article))
    return candidates, links


_PERSON_NAME = re.compile(r"^[A-Z][\w’'.-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w’'.-]+){1,3}$")


def _authors(article: Article) -> list[Candidate]:
    """The byline's people are people of the article (role: author); agencies are not, nor a role
    written beside a name ("Dr. Jane Doe, Senior Fellow": Jane Doe)."""
    names = [_title_prefix().sub("", n) for n in re.split(r"\s*(?:[,;]|\band\b|&)\s*", article.author or "")]
    return [Candidate(n, "actors", "person", article.source_id, -1, "byline", 2, role="author")
            for n in names if _PERSON_NAME.match(n) and not NEWSROOM.search(n)
            and n.split()[-1].lower() not in lexicon().role_nouns]


@lru_cache(maxsize=1)
def _title_prefix() -> re.Pattern[str]:
    """The titles before a byline's name ("Dr. Jane Doe")."""
    return re.compile(r"^(?:(?:" + "|".join(map(re.escape, lexicon().titles)) + r")\s+)+")


def match_mentions(entities: list[Entity], texts: list[_ArticleText], redirects: dict[str, str],
                   cache: ArticleCache | None = None) -> None:
    # operations are matched in their own pass (discover_operations) so that "the siege of Kobani"
    # still counts as a mention of Kobani, whether or not the operation is known yet
    pairs = [(name, redirects.get(e.id, e.id)) for e in entities if e.folder != "operations" for name in e.names()]
    people = one_word_names(n for e in entities if e.kind == "person" for n in e.names())
    matcher = Matcher(pairs, exact_only=lexicon().exact_words(), spelled=people)
    for text, matches in zip(texts, match_texts(matcher, texts, cache, "mentions")):
        text.matches = matches


def match_texts(matcher: Matcher, texts: list[_ArticleText], cache: ArticleCache | None,
                part: str) -> list[dict[int, list[Match]]]:
    """Sentence index -> matches, per article: last run's, unless a name that was added, removed or
    moved to another sheet since then has all its words among the article's words (then found again)."""
    now = matcher.digests()
    before = cache.tables.get(part) if cache else None
    changed: dict[str, list[list[str]]] = defaultdict(list)   # first word key -> changed names
    for keys in (set(before) | set(now)) if before is not None else ():
        if before.get(keys) != now.get(keys):
            changed[keys.split()[0]].append(keys.split())
    out: list[dict[int, list[Match]] | None] = []
    for text in texts:
        if text.keys is None and cache:
            text.keys = cache.part(text.article, "word keys")
        stored = cache.part(text.article, part) if cache and before is not None else None
        words = set(text.keys.split()) if text.keys is not None else None
        found = None
        if isinstance(stored, str) and words is not None and not any(
                all(k in words for k in name) for first in words & changed.keys() for name in changed[first]):
            found = _decode_matches(text, stored)
            text.digests[part] = _digest(stored)
        elif words is not None and not matcher.could_match(words):
            # (no name has all its words among the article's: most articles name no operation)
            found = {s.index: [] for s in text.sentences}
            if cache:
                encoded = _encode_matches(found)
                cache.remember_part(text.article, part, encoded)
                text.digests[part] = _digest(encoded)
        out.append(found)
    todo = [n for n, found in enumerate(out) if found is None]
    if workers_for(len(todo)) > 1:   # matches come back encoded: a million pickled objects cost more than matching
        results = [(keys, _decode_matches(texts[n], encoded), encoded)
                   for n, (keys, encoded) in zip(todo, pmap(_match_worker, todo, matcher=matcher, texts=texts))]
    else:
        results = [(keys, found, None) for keys, found in (_match_article(matcher, texts[n]) for n in todo)]
    for n, (keys, found, encoded) in zip(todo, results):
        text = texts[n]
        if text.keys is None:
            text.keys = keys
            if cache:
                cache.remember_part(text.article, "word keys", keys)
        out[n] = found
        if cache:
            encoded = encoded if encoded is not None else _encode_matches(found)
            cache.remember_part(text.article, part, encoded)
            text.digests[part] = _digest(encoded)
    if cache:
        cache.tables[part] = now
    return out  # type: ignore[return-value]


def _match_article(matcher: Matcher, text: _ArticleText) -> tuple[str, dict[int, list[Match]]]:
    """The keys of the article's words, and each sentence's matches (words looked up once for both)."""
    keys: set[str] = set()
    found = {}
    for sentence in text.sentences:
        words = Matcher.words(sentence.text)
        keys.update(w[2] for w in words)
        found[sentence.index] = matcher.find(sentence.text, words)
    return " ".join(sorted(keys)), found


# Matches are kept as one string per article ("sentence<TAB>start,end,id start,end,id" lines): at
# 10,000 articles a million small lists would cost hundreds of megabytes until the cache is saved.
def _encode_matches(found: dict[int, list[Match]]) -> str:
    return "\n".join(f"{i}\t" + " ".join(f"{m.start},{m.end},{m.entity_id}" for m in ms) for i, ms in found.items())


def _digest(encoded: str) -> str:
    return hashlib.sha1(encoded.encode()).hexdigest()


def _decode_matches(text: _ArticleText, stored: str) -> dict[int, list[Match]]:
    by_index = {s.index: s.text for s in text.sentences}
    out: dict[int, list[Match]] = {}
    for line in stored.split("\n") if stored else ():
        index, _, rows = line.partition("\t")
        sentence = by_index[int(index)]
        out[int(index)] = [Match(int(a), int(b), eid, sentence[int(a):int(b)])
                           for a, b, eid in (row.split(",") for row in rows.split())]
    return out


def _match_worker(n: int) -> tuple[str, str]:
    keys, found = _match_article(STATE["matcher"], STATE["texts"][n])
    return keys, _encode_matches(found)


def _operations_worker(n: int) -> tuple[list[OperationHit], dict[int, int | None]]:
    """The described operations (battles, sieges, offensives) of one article, and the year of each sentence."""
    text = STATE["texts"][n]
    sentences = [(s.index, s.text, text.matches.get(s.index, [])) for s in text.sentences]
    years = text.years if text.years is not None else _sentence_years(text)
    return list(find_operations(STATE["lex"], sentences, STATE["kinds"], years)), years


def discover_states(lex: Lexicon, texts: list[_ArticleText], by_id: dict[str, Entity],
                    entities: list[Entity], cache: ArticleCache | None = None) -> None:
    """"Turkey launched ...", "backed by Iran": a country that acts is its state (`states.py`).
    Last run's moves where the article's matches and what they point to are unchanged."""
    states = States(lex, entities, by_id)
    for text in texts:
        digest = text.digests.get("mentions")
        signature = states.signature(digest, {m.entity_id for ms in text.matches.values() for m in ms}) \
            if cache and digest else None
        stored = cache.part(text.article, "states", signature) if cache and signature else None
        if stored is not None:
            moves = {int(i): [(n, country) for n, country in found] for i, found in stored}
        else:
            moves = {s.index: found for s in text.sentences if text.matches.get(s.index)
                     and (found := states.moves(s.text, text.matches[s.index]))}
            if cache and signature:
                cache.remember_part(text.article, "states", [[i, found] for i, found in moves.items()], signature)
        for index, found in moves.items():
            before = text.matches[index]
            after = text.matches[index] = states.apply(before, found)
            # a place no longer named in the sentence was only its state there: its discovery there
            # is not a mention of the place either (see assemble_sheets)
            for place_id in {m.entity_id for m in before} - {m.entity_id for m in after}:
                place = by_id[place_id]
                place.candidates = [c for c in place.candidates
                                    if (c.source, c.sentence) != (text.article.source_id, index)]


_WITHIN_A_TOWN = {"district", "landmark", "base", "camp", "dam"}   # the places a town holds


def discover_city_parts(lex: Lexicon, texts: list[_ArticleText], by_id: dict[str, Entity],
                        entities: list[Entity]) -> None:
    """"Raqqa's old city", "the old city" (of the city it is told of, `_city_of`): a district named after its city."""
    parts = lex.raw.get("city_parts") or {}
    if not parts:
        return
    pattern = re.compile(r"\b(?:(?:the|its|their)\s+)?(" + "|".join(map(re.escape, parts)) + r")\b", re.I)
    by_name = {e.name: e for e in entities}
    kinds = {i: e.kind for i, e in by_id.items() if e.kind in ("city", "town")}
    city_keys = {name_key(by_id[i].name): i for i in kinds}
    holders = {i for i, e in by_id.items() if e.kind in _WITHIN_A_TOWN}
    cities = {i for i, k in kinds.items() if k == "city"}
    phrases = [part.casefold() for part in parts]   # (a plain search first: 7 times faster than the pattern)
    for text in texts:
        body = "\n".join(sentence.text for sentence in text.sentences if sentence.index >= 0)
        folded = body.casefold()
        if not any(phrase in folded for phrase in phrases) or not pattern.search(body):
            continue   # (most articles name no old city: the places of their sentences need not be listed)
        named: list[Match] = []      # the cities and towns named so far, in order
        previous: list[Match] = []   # those the sentence before named
        for sentence in text.sentences:
            matches = text.matches.get(sentence.index, [])
            # (a dateline's town is where the reporter was, not what the story tells of: "AIN ISSA, Syria - The SDF
            # have taken ..."; "the Great Mosque of Raqqa" tells of Raqqa)
            places = sorted([m for m in matches if m.entity_id in kinds and not _dateline(sentence.text, m)]
                            + [Match(m.start, m.end, city, m.surface) for m in matches if m.entity_id in holders
                               and (city := _city_in(m.surface, city_keys))])
            found: list[Match] = []
            for hit in pattern.finditer(sentence.text) if sentence.index >= 0 else ():
                # (told of before, an old city is a city's: "formed in Ain Issa to run the city ... But with
                # fighting in the Old City" is Raqqa's when Ain Issa is a town; "in the town of Halwan, fighting
                # in the old city" is Halwan's)
                fits = cities if "city" in hit.group(1).lower() else kinds
                city, possessor = _city_of(sentence.text, hit, places, [m for m in previous if m.entity_id in fits],
                                           [m for m in named if m.entity_id in fits])
                if city is None:
                    continue
                name = parts[hit.group(1).lower()].format(city=by_id[city].name)
                entity = _district(name, city, by_name, by_id, entities)
                start = possessor.start if possessor else hit.start()
                found.append(Match(start, hit.end(), entity.id, sentence.text[start:hit.end()]))
            named.extend(places)
            previous = places
            if found:
                kept = [m for m in matches if not any(f.start <= m.start < f.end for f in found)]
                text.matches[sentence.index] = sorted(kept + found)


_DATELINE_AFTER = re.compile(r"(?:,\s+[A-Z][\w .'’-]{1,30})?\s+[-–—]\s")


def _dateline(text: str, m: Match) -> bool:
    """The match opens its sentence as a dateline: "AIN ISSA, Syria - ..." (not "fighting in Raqqa - the city ...")."""
    return not text[:m.start].strip() and _DATELINE_AFTER.match(text, m.end) is not None


def _city_in(surface: str, city_keys: dict[str, str]) -> str | None:
    """The city or town a landmark's or district's name holds as it is written ("the Great Mosque of Raqqa",
    "Raqqa's Great Mosque" -> Raqqa)."""
    words = re.sub(r"['’]s\b", "", surface).split()
    return next((city_keys[k] for n in range(min(3, len(words)), 0, -1) for i in range(len(words) - n + 1)
                 if (k := name_key(" ".join(words[i:i + n]))) in city_keys), None)


def _city_of(text: str, hit: re.Match[str], places: list[Match], previous: list[Match],
             named: list[Match]) -> tuple[str | None, Match | None]:
    """Whose old city "the old city" is, and the possessor that says so: the city that owns it ("Raqqa's
    Old City"), else the one named before it in its sentence, else the one its phrase goes on to name
    ("the Old City and central districts of Raqqa"), else the one the sentence before named ("The Battle
    for Raqqa entered its fourteenth week. SDF units cleared the Old City's walls"), else the story's:
    named most so far, the latest of those named as often."""
    before = [m for m in places if m.end <= hit.start()]
    possessor = next((m for m in reversed(before) if re.fullmatch(r"['’]s?\s+", text[m.end:hit.start()])), None)
    if possessor or before:
        return (possessor or before[-1]).entity_id, possessor
    of_after = next((m for m in places if m.start >= hit.end()
                     and re.fullmatch(r"[\w\s,-]{0,40}\bof\s+(?:the\s+)?", text[hit.end():m.start])), None)
    if of_after or previous:
        return (of_after or previous[-1]).entity_id, None
    told = Counter(m.entity_id for m in named)
    latest = {m.entity_id: n for n, m in enumerate(named)}
    return max(told, key=lambda i: (told[i], latest[i]), default=None), None


def _district(name: str, city_id: str, by_name: dict[str, Entity], by_id: dict[str, Entity],
              entities: list[Entity]) -> Entity:
    """The district entity called `name` (made on first sight), placed in its city."""
    entity = by_name.get(name)
    if entity is None:
        entity = Entity(_free_id(name, by_id), name, "locations", "district", {name}, "text")
        entities.append(entity)
        by_id[entity.id] = by_name[name] = entity
    entity.place = entity.place or city_id
    return entity


def discover_city_sides(lex: Lexicon, texts: list[_ArticleText], by_id: dict[str, Entity],
                        entities: list[Entity]) -> None:
    """"west Mosul", "East Aleppo": the side of a city named like a district of its own (not
    "north-west Mosul" or "western Mosul", which describe where, not which)."""
    sides = lex.raw.get("city_sides") or {}
    if not sides:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sides)) + r")\s+$", re.I)
    by_name = {e.name: e for e in entities}
    # a side already known by name (a sheet from an earlier run): the matcher took "west Mosul" whole,
    # so its city gets its own match, as on the first run
    named = {}
    for side_format in sides.values():
        prefix, _, suffix = side_format.partition("{city}")
        for e in entities:
            if e.folder == "locations" and e.name.startswith(prefix) and e.name.endswith(suffix):
                city = by_name.get(e.name[len(prefix):len(e.name) - len(suffix)])
                if city is not None and city.kind == "city":
                    named[e.id] = city
                    e.place = e.place or city.id
    for text in texts:
        for sentence in text.sentences:
            matches = text.matches.get(sentence.index, [])
            found: list[Match] = []
            for m in matches:
                if m.entity_id in named:
                    at = m.surface.find(" ") + 1
                    found.append(Match(m.start + at, m.end, named[m.entity_id].id, m.surface[at:]))
                    continue
                city = by_id.get(m.entity_id)
                window = max(0, m.start - 24)
                hit = pattern.search(sentence.text[window:m.start]) if city and city.kind == "city" else None
                if hit is None or sentence.index < 0:
                    continue
                name = sides[hit.group(1).lower()].format(city=city.name)
                entity = _district(name, city.id, by_name, by_id, entities)
                start = window + hit.start()
                found.append(Match(start, m.end, entity.id, sentence.text[start:m.end]))
            if found:   # the city stays matched too: "west Mosul" is in Mosul (and a battle there is Mosul's)
                text.matches[sentence.index] = sorted(matches + found)


def discover_operations(lex: Lexicon, texts: list[_ArticleText], by_id: dict[str, Entity],
                        entities: list[Entity], cache: ArticleCache | None = None) -> dict[tuple[int, int], list[str]]:
    """Adds operation entities for described battles; returns (article, sentence) -> op ids."""
    # (people too: the killing of a person is an operation of its own)
    kinds = {e.id: e.kind for e in entities if e.folder == "locations" or e.kind == "person"}
    hits: list[tuple[str, OperationHit]] = []
    where: list[tuple[int, OperationHit]] = []
    found = operation_hits(lex, texts, kinds, cache)
    for n, (text, article_hits) in enumerate(zip(texts, found)):
        for hit in article_hits:
            hits.append((text.article.source_id, hit))
            where.append((n, hit))
    names = {e.id: e.name for e in entities}
    existing_ops = {name_key(name): e for e in entities if e.folder == "operations" for name in e.names()}
    op_of_hit: dict[int, str] = {}   # id() of a hit -> its operation
    groups = group_operations(hits, lex, names, kinds)
    named = given_names(lex, texts, entities, groups)
    for key, group in groups.items():
        entity = named.get(key) or existing_ops.get(name_key(group["name"]))
        if key in named:
            entity.aliases.add(group["name"])   # "Battle of Sinjar (2015)" finds "Operation Free Sinjar"
        elif entity is None:
            entity = Entity(_free_id(group["name"], by_id), group["name"], "operations",
                            SHEET_KIND.get(group["kind"], group["kind"]), {group["name"]}, "text")
            entities.append(entity)
            by_id[entity.id] = entity
        op_of_hit.update((id(hit), entity.id) for _, hit in group["hits"])
        if kinds.get(key[0]) != "person":
            entity.place = entity.place or key[0]
    per_sentence: dict[tuple[int, int], list[str]] = defaultdict(list)
    for n, hit in where:
        op_id = op_of_hit[id(hit)]
        if op_id not in per_sentence[(n, hit.sentence)]:
            per_sentence[(n, hit.sentence)].append(op_id)
    # operations named in the text ("Operation Inherent Resolve", a name an editor gave)
    matcher = Matcher([(name, e.id) for e in entities if e.folder == "operations" for name in e.names()])
    for n, (text, matches) in enumerate(zip(texts, match_texts(matcher, texts, cache, "operation names"))):
        text.op_matches.update(matches)
        for index, found in matches.items():
            for m in found:
                if index >= 0 and m.entity_id not in per_sentence[(n, index)]:
                    per_sentence[(n, index)].append(m.entity_id)
    tell_campaigns(lex, texts, by_id, per_sentence)
    return per_sentence


def tell_campaigns(lex: Lexicon, texts: list[_ArticleText], by_id: dict[str, Entity],
                   per_sentence: dict[tuple[int, int], list[str]]) -> None:
    """"The US-led coalition, which has been bombing IS in Syria": the campaign it wages (`campaigns.py`)."""
    ids = {name_key(name): e.id for e in by_id.values() if e.folder == "operations" and e.kind == "campaign"
           for name in e.names()}
    country_ids = {i for i, e in by_id.items()
                   if e.kind == "country" or is_twin(e.folder, i, {"name": e.name, "kind": e.kind})}

    def keys(matches: Iterable[Match]) -> set[str]:
        return {name_key(by_id[m.entity_id].name) for m in matches if m.entity_id in country_ids}

    for n, text in enumerate(texts):
        for index, campaign in told_campaigns(
                lex, ((s.index, s.text) for s in text.sentences if s.index >= 0),
                text.anchor.date.year if text.anchor else None, keys(m for ms in text.matches.values() for m in ms),
                lambda index, matches=text.matches: keys(matches.get(index, ()))):
            op_id = ids.get(name_key(campaign))
            if op_id and op_id not in per_sentence[(n, index)]:
                per_sentence[(n, index)].append(op_id)


def given_names(lex: Lexicon, texts: list[_ArticleText], entities: list[Entity],
                groups: dict[tuple, dict]) -> dict[tuple, Entity]:
    """Described operation (group key) -> the named operation the text says it is (`operations.named_as`),
    from where discovery found each operation's name in an article that describes a battle."""
    described = {source for key, group in groups.items() if key[1] == "battle" for source, _ in group["hits"]}
    # (a campaign is a name over many battles, whatever kind an older sheet gives it)
    campaigns = {name_key(n) for k in lex.entities if k.kind == "campaign" for n in (k.name, *k.aliases)}
    ops = {e.id: e for e in entities if e.folder == "operations" and e.kind != "campaign"
           and name_key(e.name) not in campaigns and any(c.source in described for c in e.candidates)}
    if not ops:
        return {}
    by_source = {t.article.source_id: t for t in texts if t.article.source_id in described}
    sentence_of: dict[tuple[str, int], str] = {}
    namings = []
    for op_id, entity in ops.items():
        for cand in entity.candidates:
            article = by_source.get(cand.source)
            if article is None or cand.sentence < 0:
                continue
            at = cand.sentence + (1 if article.sentences and article.sentences[0].index < 0 else 0)
            text = sentence_of[(cand.source, cand.sentence)] = article.sentences[at].text
            found = [(text.find(name), name) for name in entity.names() if name in text]
            if found:
                start, name = min(found)
                namings.append((op_id, cand.source, cand.sentence, start, name))
    return {key: ops[op_id] for key, op_id in named_as(lex, groups, sorted(set(namings)), sentence_of).items()}


def operation_hits(lex: Lexicon, texts: list[_ArticleText], kinds: dict[str, str],
                   cache: ArticleCache | None) -> list[list[OperationHit]]:
    """Per article, the operations its sentences describe: last run's while what they were found
    from (each sentence's matches and the kinds of the places matched) is unchanged."""
    out: list[list[OperationHit] | None] = []
    signatures = []
    for text in texts:
        signature = _operations_signature(text, kinds)
        signatures.append(signature)
        if cache and text.years is None:
            years = cache.part(text.article, "years")
            text.years = {int(i): y for i, y in years.items()} if years is not None else None
        stored = cache.part(text.article, "operations", signature) if cache else None
        out.append([OperationHit(*row) for row in stored] if stored is not None else None)
    todo = [n for n, hits in enumerate(out) if hits is None]
    for n, (hits, years) in zip(todo, pmap(_operations_worker, todo, texts=texts, lex=lex, kinds=kinds)):
        out[n] = hits
        if cache:
            if texts[n].years is None:
                cache.remember_part(texts[n].article, "years", {str(i): y for i, y in years.items()})
            cache.remember_part(texts[n].article, "operations",
                                [[h.place, h.kind, h.sentence, h.phrase, h.year, h.by] for h in hits], signatures[n])
        texts[n].years = years
    return out  # type: ignore[return-value]


def _operations_signature(text: _ArticleText, kinds: dict[str, str]) -> str:
    """All `find_operations` reads besides the article: each sentence's matches and the kind of each place."""
    rows = [f"{s.index}\x1e" + " ".join(f"{m.start},{m.end},{m.entity_id},{kinds.get(m.entity_id)}"
                                        for m in text.matches.get(s.index, [])) for s in text.sentences]
    return hashlib.sha1("\n".join(rows).encode()).hexdigest()


def _free_id(name: str, by_id: dict[str, Entity]) -> str:
    from .names import slugify
    base = slugify(name)
    candidate, i = base, 2
    while candidate in by_id:
        candidate, i = f"{base}-{i}", i + 1
    return candidate


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


_WHEN_AFTER = re.compile(r",?\s+when\b")
_SINCE = re.compile(r"\bsince\s+(?:(?:at\s+least|early|late|mid|the\s+(?:start|end)\s+of)\s+)?$", re.I)


def _sentence_years(text: _ArticleText) -> dict[int, int | None]:
    """The year each sentence is about: the year it writes, else the year of a date opening its
    paragraph or an earlier sentence of it (a timeline's "**10-11 August 2014.** ISIS launches an
    assault on Jalawla. The fall of Jalawla comes ..."), else the article's."""
    out: dict[int, int | None] = {}
    heading: tuple[int, int] | None = None   # (paragraph, year) of the last date that opened a sentence
    for sentence in text.sentences:
        # (a date after "since" tells when a state began, not when the sentence's event was: "press an
        # offensive on Hawija, which IS has held since June 2014")
        # (nor does a date in an aside: that is when the name before it did something)
        asides = [m.span() for m in ASIDE.finditer(sentence.text)]
        # (unless a clause tells what happened then: "held since October 2017, when troops pushed them out")
        found = [d for d in find_dates(sentence.text, text.anchor)
                 if (not _SINCE.search(sentence.text, 0, d[0]) or _WHEN_AFTER.match(sentence.text, d[1]))
                 and not any(start < d[0] < end for start, end in asides)]
        start, end, when = found[0] if found else (0, 0, None)
        # (a year the sentence writes wins; "a week later" is of the date above, not of the article)
        stated = when.date.year if when and _YEAR.search(sentence.text[start:end]) else None
        if stated and not re.search(r"[^\W\d_]", sentence.text[:start]):   # "**10-11 August 2014.** ISIS ..."
            heading = (sentence.paragraph, stated)
        inherited = heading[1] if heading and heading[0] == sentence.paragraph else None
        out[sentence.index] = stated or inherited or (when.date.year if when else None) \
            or (text.anchor.date.year if text.anchor else None)
    return out


def collect_facts(texts: list[_ArticleText], by_id: dict[str, Entity],
                  operations: dict[tuple[int, int], list[str]], cache: ArticleCache | None = None) -> list[Fact]:
    folder_of = {i: e.folder for i, e in by_id.items()}
    kind_of = {i: e.kind for i, e in by_id.items()}
    name_of = {i: e.name for i, e in by_id.items()}
    facts: dict[str, Fact] = {}
    # an article's facts depend only on its text and on what is matched in each sentence: where
    # neither changed (most articles, when one is added), last run's facts are this run's
    signatures = [_facts_signature(n, text, by_id, operations) for n, text in enumerate(texts)] if cache else []
    per_article = [cache.facts(text.article, signatures[n]) if cache else None for n, text in enumerate(texts)]
    todo = [n for n, found in enumerate(per_article) if found is None]
    for n, found in zip(todo, pmap(_facts_worker, todo, texts=texts, folder_of=folder_of, kind_of=kind_of,
                                   name_of=name_of, operations=operations)):
        per_article[n] = found
        if cache:
            cache.remember_facts(texts[n].article, signatures[n], found)
    for found in per_article:
        assert found is not None
        for fact in found:
            facts.setdefault(fact.id, fact)
    by_source = {t.article.source_id: t for t in texts}
    for entity in by_id.values():
        if entity.kind != "person":
            continue
        for cand in entity.candidates:
            if not cand.role or cand.sentence < 0:
                continue
            text = by_source[cand.source]
            sentence = text.sentences[cand.sentence + (1 if text.sentences[0].index < 0 else 0)]
            # the organisations the role phrase itself names ("SDF spokesman", "researcher at Airwars")
            orgs = [m.entity_id for m in text.matches.get(cand.sentence, [])
                    if folder_of.get(m.entity_id) == "actors" and kind_of.get(m.entity_id) != "person"
                    and m.surface in cand.role]
            fact = role_fact(cand.source, entity.id, entity.name, cand.role, sentence.text, cand.sentence, orgs)
            facts.setdefault(fact.id, fact)
    return corroborate(sorted(facts.values(), key=lambda f: f.id))


def _facts_signature(n: int, text: _ArticleText, by_id: dict[str, Entity],
                     operations: dict[tuple[int, int], list[str]]) -> str:
    """All `_facts_worker` reads besides the article itself: each sentence's matches and operations,
    with the folder, kind and name of every entity they point to."""
    # (joined as text, not `repr` of the matches: at 10,000 articles that took 5 s of one added article)
    rows = []
    for sentence in text.sentences:
        if sentence.index < 0:
            continue
        matches, ops = text.matches.get(sentence.index, []), operations.get((n, sentence.index), [])
        entities = (by_id.get(i) for i in [*(m.entity_id for m in matches), *ops])
        rows.append("\x1e".join((str(sentence.index), " ".join(f"{m.start},{m.end},{m.entity_id}" for m in matches),
                                  " ".join(ops), "\x1f".join(f"{e.folder}/{e.kind}/{e.name}" if e else "-" for e in entities))))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _same_statement(fact: Fact) -> tuple | None:
    """What makes two facts from different articles one statement (None: never merged)."""
    if fact.type == "relation" and fact.link:
        return ("relation", fact.about, fact.link)
    if fact.type == "figure" and fact.extra.get("number") is not None:
        return ("figure", fact.about, fact.extra["number"], name_key(str(fact.extra.get("counts") or "")))
    if fact.type == "event" and fact.date and len(fact.involves) >= 2:
        return ("event", fact.date, fact.date_precision, tuple(sorted(fact.involves)))
    if fact.type == "role":
        return ("role", fact.about, name_key(fact.text))
    return None


def corroborate(facts: list[Fact]) -> list[Fact]:
    """The same fact from two articles is one fact with two sources: the first source (by id)
    keeps it, the others are listed under `also_reported` with their sentences."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    out: list[Fact] = []
    for fact in facts:
        key = _same_statement(fact)
        if key is None:
            out.append(fact)
        else:
            groups[key].append(fact)
    for group in groups.values():
        group.sort(key=lambda f: (f.source, f.sentence, f.id))
        first = group[0]
        others = sorted({(f.source, f.quote) for f in group[1:] if f.source != first.source})
        if others:
            first.extra["also_reported"] = [{"source": s, "quote": q} for s, q in others]
        out.append(first)
        out.extend(f for f in group[1:] if f.source == first.source and f.quote != first.quote)
    return sorted(out, key=lambda f: f.id)


def assemble_sheets(texts: list[_ArticleText], entities: list[Entity], facts: list[Fact],
                    operations: dict[tuple[int, int], list[str]], places: assemble.Places) -> dict[str, dict[str, Any]]:
    mentions: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for sentence in text.sentences:
            for m in text.matches.get(sentence.index, []) + text.op_matches.get(sentence.index, []):
                mentions[m.entity_id][text.article.source_id] += 1
    # an operation the text describes ("the operation on the Khazir front") is mentioned where it
    # is described, as a name is where it is written
    for (n, index), op_ids in sorted(operations.items()):
        named = {m.entity_id for m in texts[n].op_matches.get(index, [])}
        for op_id in op_ids:
            if op_id not in named:
                mentions[op_id][texts[n].article.source_id] += 1
    # a name found by a cue is a mention even where the matcher cannot see it ("the Khazir and
    # Hasansham camps" names Khazir camp without spelling it out)
    for entity in entities:
        sentences = {(c.source, c.sentence) for c in entity.candidates if c.sentence >= 0}
        for source, n in Counter(source for source, _ in sentences).items():
            if not mentions[entity.id][source]:   # only where the matcher saw nothing: stable across runs
                mentions[entity.id][source] = n
    op_facts: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        for i in fact.involves:
            op_facts[i].add(fact.source)
    # a sheet for what the text names; operations are named by cue phrases and authors in the
    # byline, which the matcher does not count as mentions
    # (a sheet nothing mentions any more is not regenerated: merge retires it if no editor touched
    # it, and keeps it if one did)
    # (an operation a sheet from an earlier run names, which nothing names or describes any more, is not:
    # a warm run makes what a cold one makes)
    live = {e.id for e in entities if mentions.get(e.id) or (e.origin in ("text", "sheet") and (
        any(c.cue == "byline" for c in e.candidates)
        or (e.folder == "operations" and (e.origin == "text" or e.candidates or e.id in op_facts))))}
    by_about: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        fact.involves = [i for i in fact.involves if i in live]
        if fact.about in live:
            by_about[fact.about].append(fact)
    relations = assemble.relations_of(facts)
    involving: dict[str, list[Fact]] = defaultdict(list)   # entity id -> facts that involve it, in order
    for fact in facts:
        for i in dict.fromkeys(fact.involves):
            involving[i].append(fact)
    sheets: dict[str, dict[str, Any]] = {}
    for text in texts:
        sheets[f"sources/{text.article.source_id}.yaml"] = assemble.source_sheet(text.article)
    kinds = {e.id: e for e in entities}
    locations_by_key = {name_key(e.name): e for e in entities if e.folder == "locations" and e.id in live}
    texts_by_source = {t.article.source_id: t for t in texts}
    for entity in entities:
        if entity.id not in live:
            continue
        mention_counts = mentions.get(entity.id, Counter())
        if entity.folder == "operations" and not mention_counts:
            mention_counts = Counter({s: 1 for s in op_facts.get(entity.id, ())})
        if entity.folder == "actors":
            affiliation = _affiliation(entity, by_about.get(entity.id, []), kinds)
            extra = assemble.actor_extra(entity, affiliation,
                                         [r for r in relations.get(entity.id, []) if r["target"] in live])
        elif entity.folder == "locations":
            extra = assemble.location_extra(entity, _part_of(entity, locations_by_key, texts_by_source, kinds, live),
                                            places.of(entity))
        else:
            extra = _operation_extra(entity, involving.get(entity.id, []), kinds, live)
        sheets[f"{entity.folder}/{entity.id}.yaml"] = assemble.entity_sheet(
            entity, mention_counts, by_about.get(entity.id, []), extra)
    return dict(sorted(sheets.items()))


def _affiliation(entity: Entity, facts: list[Fact], by_id: dict[str, Entity]) -> str | None:
    if entity.kind != "person":
        return None
    votes: Counter[str] = Counter()
    for fact in facts:
        if fact.type == "role":
            for i in fact.involves[1:]:
                if by_id.get(i) and by_id[i].kind != "state":
                    votes[i] += 1
    return votes.most_common(1)[0][0] if votes else None


def _part_of(entity: Entity, by_key: dict[str, Entity], texts: dict[str, _ArticleText],
             by_id: dict[str, Entity], live: set[str]) -> str | None:
    if entity.place in live:
        return entity.place      # a part of a city found by discover_city_parts
    if entity.kind == "city":
        province = by_key.get(name_key(entity.name + " province"))
        if province:
            return province.id
    if entity.kind in ("district", "landmark", "base", "camp") and entity.candidates:
        # the city or town named most often in the sentences that name this place
        votes: Counter[str] = Counter()
        for cand in entity.candidates:
            for m in texts[cand.source].matches.get(cand.sentence, []):
                other = by_id.get(m.entity_id)
                if other and other.id != entity.id and other.kind in ("city", "town"):
                    votes[other.id] += 1
        if votes:
            return max(sorted(votes), key=lambda i: votes[i])
    return None


def _operation_extra(entity: Entity, involved: list[Fact], by_id: dict[str, Entity], live: set[str]) -> dict[str, Any]:
    """Start, places and sides of an operation, from the facts that involve it."""
    dates = sorted((f.date, f.date_precision) for f in involved if f.date)
    start = {"date": dates[0][0], "precision": dates[0][1]} if dates else None
    told = Counter(i for _, involves in {(f.source, f.sentence): f.involves for f in involved}.items()
                   for i in set(involves) if by_id.get(i) and by_id[i].folder == "locations" and i in live)
    place = entity.place if entity.place in live else None
    # an operation fought for a place is at that place, at the districts, landmarks and bases its sentences
    # name, and at the other places more than one of its sentences names ("When they lost Sinjar ... they
    # launched the Paris attacks": the battle of Sinjar is not at Paris)
    locations = sorted(i for i in told if not place or told[i] >= 2 or by_id[i].kind in _WITHIN_A_TOWN)
    if place and place not in locations:
        locations.insert(0, place)
    # sides from who did what in the operation's event sentences: agents on one side, patients
    # on the other; an actor counted on both sides goes where it is counted more
    agents: Counter[str] = Counter()
    patients: Counter[str] = Counter()
    for fact in involved:
        agent, patient = fact.sides
        if agent in live:
            agents[agent] += 1
        if patient in live:
            patients[patient] += 1
    # one sentence is not enough to put an actor on a side: require a net margin of two
    side_a = sorted((a for a in agents if agents[a] - patients[a] >= 2), key=lambda a: (-agents[a], a))
    side_b = sorted((p for p in patients if patients[p] - agents[p] >= 2), key=lambda p: (-patients[p], p))
    commanders = sorted({i for f in involved for i in f.involves if by_id.get(i) and by_id[i].kind == "person"})
    return assemble.operation_extra(start, None, locations, side_a, side_b, commanders)
