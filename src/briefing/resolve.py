"""Resolve stage: one entity per real-world thing.

Names are grouped by their spelling key (`names.name_key`) and joined by the links the text
gives (acronym definitions, glosses, surnames). Editors' sheets come first: every alias on a
sheet resolves to that sheet's id, so an alias an editor adds takes effect on the next run.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from . import gazetteer
from .extract import LISTED_WITH_A_PLACE, Candidate
from .lexicon import Known
from .names import (ARTICLE_PREFIX, KUNYA, PROVINCE_WORD, fold, is_acronym, mountain_core, name_key, one_word_names,
                    slugify, surname_form)

RESERVED_IDS = {"index", "schema", "assets", "search", "404", "data", "sources", "actors", "locations", "operations"}
_FOLDER_RANK = {"sheet": 4, "dictionary": 3}


@dataclass
class Entity:
    id: str
    name: str
    folder: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    origin: str = "text"                 # sheet | dictionary | text
    candidates: list[Candidate] = field(default_factory=list)
    country: str | None = None
    place: str | None = None             # operations: the place fought over; city parts: their city

    def names(self) -> list[str]:
        return [self.name, *sorted(self.aliases - {self.name})]


class _Groups:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Seed:
    """A fixed identity: an editor's sheet or a dictionary entry."""

    id: str | None
    name: str
    folder: str
    kind: str
    aliases: tuple[str, ...]
    origin: str
    country: str | None = None


def _keyer(seeds: list[Seed]) -> Callable[[str], str]:
    """`name_key`, except that a word is never an acronym's: "Issa" and ISI share a spelling key,
    but an acronym is its letters ("Isis", as some papers write ISIS, still is ISIS). Such a word
    gets a key of its own (marked with " ~")."""
    acronyms: dict[str, set[str]] = defaultdict(set)
    words: set[str] = set()
    for seed in seeds:
        for name in _key_names(seed):
            (acronyms[name_key(name)].add(_letters(name)) if is_acronym(name) else words.add(name_key(name)))
    only = {k: v for k, v in acronyms.items() if k not in words}
    # nor is a word a known person's one-word name unless spelled as it is ("Abedi" is no "Abadi", "Said" no "Assad")
    surnames: dict[str, set[str]] = defaultdict(set)
    for seed in seeds:
        if seed.kind == "person":
            for name in one_word_names(_key_names(seed)):
                surnames[name_key(name)].add(surname_form(name))

    @lru_cache(maxsize=None)   # (over a million calls at 10,000 articles, for far fewer names)
    def key_of(name: str) -> str:
        key = name_key(name)
        if key in only and _letters(name) not in only[key]:
            return key + " ~"   # (a key no name has)
        if key in surnames and len(name.split()) == 1 and surname_form(name) not in surnames[key]:
            return key + " ~"
        return key
    return key_of


def _letters(name: str) -> str:
    """The letters of a name in capitals, without a leading "the" (which `name_key` drops too)."""
    return "".join(c for c in re.sub(r"(?i)^the\s+", "", name.strip()) if c.isalnum()).upper()


def resolve(seeds: list[Seed], candidates: list[Candidate], links: list[tuple[str, str, str]],
            is_demonym: Callable[[str], bool] = lambda word: False, parents: tuple[str, ...] = (),
            landmark_heads: frozenset[str] = frozenset()) -> list[Entity]:
    groups = _Groups()
    key_of = _keyer(seeds)
    # a one-word name spelled like a dictionary acronym ("See" and SAA, "Issa" and ISI) is a stray
    # capitalised word far more often than a name: it makes no sheet, and never an alias of the acronym
    # (a name with an Arabic article is no stray English word: "al-Sinaa", a district, beside SANA; nor a city
    # the gazetteer knows: "Sanaa")
    candidates = [c for c in candidates if not (key_of(c.name).endswith(" ~") and " " not in c.name.strip()
                                                and not ARTICLE_PREFIX.match(c.name)
                                                and not (c.cue == "gazetteer" and c.kind in ("city", "country")))]
    owner: dict[str, Seed] = {}          # root key -> the fixed identity of that group
    for seed in sorted(seeds, key=lambda s: -_FOLDER_RANK.get(s.origin, 0)):
        keys = [k for k in (name_key(n) for n in _key_names(seed)) if k]
        if not keys:
            continue
        if any(groups.find(k) in owner for k in keys):
            continue  # an editor's sheet (or an earlier entry) already owns this name
        for key in keys[1:]:
            groups.union(keys[0], key)
        owner[groups.find(keys[0])] = seed
    for name in dict.fromkeys(c.name for c in candidates):   # each name once, in the order found
        groups.find(key_of(name))
    for left, right, _reason in sorted(links):
        a, b = key_of(left), key_of(right)
        if not a or not b:
            continue
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb or (ra in owner and rb in owner):
            continue  # never join two fixed identities on the text's word alone
        _union(groups, owner, ra, rb)

    _join_initials(groups, owner, candidates, key_of)
    _join_name_tails(groups, owner, candidates, key_of)
    _join_places(groups, owner, candidates, _mountain_key, key_of)
    _join_places(groups, owner, candidates, _skeleton_key, key_of)
    _join_places(groups, owner, candidates, _first_vowel_key, key_of)
    _join_places(groups, owner, candidates, partial(_described_key, is_demonym=is_demonym), key_of)
    _join_places(groups, owner, candidates, partial(_swapped_key, heads=landmark_heads), key_of)
    _join_places(groups, owner, candidates, _operation_key, key_of, "operations")
    _join_named_for_their_place(groups, owner, candidates, key_of)
    _join_national_names(groups, owner, candidates, key_of, is_demonym, parents)
    members: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        members[groups.find(key_of(cand.name))].append(cand)
    link_names: dict[str, set[str]] = defaultdict(set)
    for left, right, _ in links:
        for name in (left, right):
            if name_key(name):
                link_names[groups.find(key_of(name))].add(name)

    _attach_surnames(groups, members, owner)
    entities: list[Entity] = []
    roots = set(members) | set(owner)
    for root in sorted(roots):
        entity = _entity(owner.get(root), members.get(root, []), link_names.get(root, set()))
        if entity:
            entities.append(entity)
    _assign_ids(entities)
    return entities




def _key_names(seed: Seed) -> list[str]:
    """The names a seed owns; a province's also with the word "province" ("Salah al-Din
    governorate" is the province whose alias is "Salah al-Din": the word's spellings share a key)."""
    names = [seed.name, *seed.aliases]
    if seed.kind == "province":
        names += [f"{n} province" for n in names if not PROVINCE_WORD.search(n)]
    return names


def skeleton(key: str) -> str:
    """Consonants after the first letter: Jarablus and Jarabulus, Menbij and Manbij."""
    return key[:1] + "".join(c for c in key[1:] if c not in "aeiouy ")


def _union(groups: _Groups, owner: dict[str, Seed], a: str, b: str) -> None:
    """Join two groups; the fixed identity either had (a sheet, a dictionary entry) stays theirs."""
    seed = owner.pop(a, None) or owner.pop(b, None)
    groups.union(a, b)
    if seed:
        owner[groups.find(a)] = seed


def _join_places(groups: _Groups, owner: dict[str, Seed], candidates: list[Candidate],
                 place_key: Callable[[str, str], Hashable | None], key_of: Callable[[str], str],
                 folder: str = "locations") -> None:
    """Place names (or names of another `folder`) with one `place_key` (of the name and its `name_key`)
    are one; never into a group of another folder (Baghdad is not al-Baghdadi), never two fixed identities."""
    first: dict[Hashable, str] = {}
    # each place name once (a name found in a thousand articles is a thousand candidates, one union)
    for name in sorted({c.name for c in candidates if c.folder == folder}):
        key = name_key(name)
        shared = place_key(name, key) if key else None
        if shared is None:
            continue
        root = groups.find(key_of(name))
        other = groups.find(first.setdefault(shared, root))
        if other == root or (other in owner and root in owner) or \
                any(r in owner and owner[r].folder != folder for r in (root, other)):
            continue
        _union(groups, owner, other, root)


_KIND_WORDS = tuple(name_key(w) for w in ("air base", "airbase", "base", "camp", "dam", "airport"))
# a field or a venue is named for nothing else: "al-Omar" alone, of no kind the text tells, is the al-Omar oil
# field, "Reina" the Reina nightclub (a camp or an airport is often named for its town: "al-Hol camp" is not al-Hol)
_FIELD_WORDS = tuple(name_key(w) for w in ("oil field", "oilfield", "gas field", "field", "nightclub", "restaurant",
                                          "cafe", "café", "hotel"))
_PROVINCE_KINDS = frozenset({"province", "other", "region", None})
_OF_PLACE = re.compile(r"^(.+?)\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*$")


def _join_named_for_their_place(groups: _Groups, owner: dict[str, Seed], candidates: list[Candidate],
                                key_of: Callable[[str], str]) -> None:
    """"The Great Mosque of Raqqa ... the Great Mosque", "Mosul al-Jadida ... the al-Jadida district": a
    place named with its city and without is one place, when the corpus names only one such (two
    "Great Mosque of X" leave the bare one alone)."""
    locations = [c for c in candidates if c.folder == "locations"]
    names = {c.name for c in locations if c.kind in ("landmark", "base", "camp", "district")}
    cities = {name_key(c.name) for c in locations if c.kind in ("city", "town")}
    bare = {name_key(c.name) for c in locations}
    kinds: dict[str, set[str | None]] = defaultdict(set)
    for c in locations:
        kinds[name_key(c.name)].add(c.kind)
    of_place: dict[str, set[str]] = defaultdict(set)
    for name in names:
        # "Hmeimim, the air base near Latakia ... Hmeimim air base": a base named with and without the word
        # ("the al-Omar oil field ... al-Omar": or without a kind of its own)
        key = name_key(name)
        head = next((key[:-len(w) - 1] for w in _KIND_WORDS if key.endswith(" " + w)), "")
        field = next((key[:-len(w) - 1] for w in _FIELD_WORDS if key.endswith(" " + w)), "")
        if head and kinds[key] & kinds.get(head, set()) - {None} or field and kinds.get(field) == {"other"}:
            of_place[head or field].add(name)
        m = _OF_PLACE.match(name)
        if m and name_key(m.group(1)) in bare and len(m.group(1).split()) >= 2:
            of_place[name_key(m.group(1))].add(name)
        city, _, rest = name.partition(" ")
        if ARTICLE_PREFIX.match(rest) and name_key(city) in cities and name_key(rest) in bare:
            of_place[name_key(rest)].add(name)   # "Mosul al-Jadida": the city, then the district's Arabic name
    # "Babil province ... in Babil", "Borno State ... in Borno": a province named with the word and without, where
    # nothing (neither the text nor the gazetteer) calls the bare name a town
    # (a list's kind does not count: "in Baghdad, Babil, Karbala and Dhi Qar" lists provinces after a city)
    spelled = {name_key(c.name): c.name for c in locations}
    told: dict[str, set[str | None]] = defaultdict(set)
    for c in locations:
        if c.cue != LISTED_WITH_A_PLACE:
            told[name_key(c.name)].add(c.kind)
    for name in sorted({c.name for c in locations}):
        if told[name_key(name)] and told[name_key(name)] <= _PROVINCE_KINDS and not PROVINCE_WORD.search(name):
            for word in ("province", "State"):   # ("Borno State ... in Borno")
                if (fuller := spelled.get(name_key(f"{name} {word}"))) and "province" in kinds[name_key(fuller)]:
                    of_place[name_key(name)].add(fuller)
    for c in locations:
        # "Marawi City ... Marawi", "Iligan City": a city named with the word and without (not Kuwait City, named
        # for a country, nor Sadr City, for a man)
        if c.kind in ("city", "town", "other") and c.name.endswith(" City") \
                and set() < kinds.get(name_key(c.name[:-5]), set()) - {None} <= {"city", "town", "other"}:
            of_place[name_key(c.name[:-5])].add(c.name)
        # "Jurf al-Sakhar ... at Jurf": a town called by the first word of its name, where nothing tells what
        # else that word would be
        first, _, rest = c.name.partition(" ")
        if c.kind in ("city", "town", "village") and ARTICLE_PREFIX.match(rest) and " " not in rest \
                and kinds.get(name_key(first), set()) - {None} == {"other"}:
            of_place[name_key(first)].add(c.name)
    _join_to_only_fuller(groups, owner, key_of, of_place)


def _join_to_only_fuller(groups: _Groups, owner: dict[str, Seed], key_of: Callable[[str], str],
                         fuller: dict[str, set[str]]) -> None:
    """Each short name key joins the fuller name it stands for, where the corpus has only one."""
    for short, longer in sorted(fuller.items()):
        if len(longer) != 1:
            continue
        a, b = groups.find(key_of(next(iter(longer)))), groups.find(short)
        if a != b and not (a in owner and b in owner):
            _union(groups, owner, a, b)


def _join_national_names(groups: _Groups, owner: dict[str, Seed], candidates: list[Candidate],
                         key_of: Callable[[str], str], is_demonym: Callable[[str], bool],
                         parents: tuple[str, ...]) -> None:
    """"The Turkish General Staff ... the General Staff": an organisation named with its country's
    adjective and without is one, when the corpus names only one such (a Turkish and a Russian
    Defence Ministry leave "the Defence Ministry" alone). So is one named with the body it belongs
    to ("the United Nations World Food Programme ... the World Food Programme": `parents`)."""
    keys = {c.name: name_key(c.name) for c in candidates if c.folder == "actors" and c.kind not in ("person", None)}
    bare = set(keys.values())
    national: dict[str, set[str]] = defaultdict(set)
    for name in keys:
        first, _, rest = name.partition(" ")
        if not is_demonym(first):
            rest = next((name[len(p) + 1:] for p in parents if name.startswith(p + " ")), "")
        if len(rest.split()) >= 2 and name_key(rest) in bare:
            national[name_key(rest)].add(name)
    # (any other organisation whose name ends so is one more such: the Turkish Red Crescent leaves "the Red
    # Crescent" alone where the corpus also names the Syrian Arab Red Crescent)
    for name, key in keys.items() if national else ():
        words = key.split(" ")
        for tail in (" ".join(words[k:]) for k in range(1, len(words))):
            if tail in national:
                national[tail].add(name)
    _join_to_only_fuller(groups, owner, key_of, national)


_INITIAL = re.compile(r"(?<=\S)\s+[A-Z]\.?(?=\s+\S)")


def _join_initials(groups: _Groups, owner: dict[str, Seed], candidates: list[Candidate],
                   key_of: Callable[[str], str]) -> None:
    """"Vladimir V. Putin" (as some papers write him) is the person named "Vladimir Putin" elsewhere."""
    people = {c.name for c in candidates if c.kind == "person"}
    known = {root for root, seed in owner.items() if seed.kind == "person"}
    for name in sorted(people):
        bare = _INITIAL.sub("", name)
        if bare == name or len(bare.split()) < 2:
            continue
        a, b = groups.find(key_of(name)), groups.find(key_of(bare))
        if a != b and (bare in people or b in known) and not (a in owner and b in owner):
            _union(groups, owner, a, b)


def _join_name_tails(groups: _Groups, owner: dict[str, Seed], candidates: list[Candidate],
                     key_of: Callable[[str], str]) -> None:
    """"Tayyip Erdogan" is the "Recep Tayyip Erdoğan" named in full elsewhere: a person's last two
    words, when they are the last two words of one fuller name only (or, for a kunya, its first two)."""
    people = {c.name for c in candidates if c.kind == "person" and not c.short_form}
    people |= {n for seed in owner.values() if seed.kind == "person" for n in (seed.name, *seed.aliases)}
    keys = {name_key(n) for n in people}
    sources: dict[str, set[str]] = defaultdict(set)          # name -> the articles that name him so
    sources_of_key: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        if c.kind == "person":
            sources[c.name].add(c.source)
            sources_of_key[name_key(c.name)].add(c.source)
    # (the tail as written, not only by its key: "Saad al-Jubouri" is no "Rakan Saeed al-Jabouri", whose middle
    # name is his father's, though the keys of both fold to one)
    written = {fold(n) for n in people}
    fuller: dict[str, dict[str, str]] = defaultdict(dict)   # tail -> root -> one fuller name of that person
    for name in sorted(people):
        words = name_key(name).split()
        if len(words) >= 3 and " ".join(words[-2:]) in keys and fold(" ".join(name.split()[-2:])) in written:
            fuller[" ".join(words[-2:])].setdefault(groups.find(key_of(name)), name)
        # ("Abu Khaled al-Suri ... Abu Khaled": a kunya is the head of the name, not its tail; one that
        # many men bear stands for the fuller name only in an article that names him in full)
        head = " ".join(words[:2])
        if len(words) >= 3 and name.split()[0] in KUNYA and head in keys and sources[name] & sources_of_key[head]:
            fuller[head].setdefault(groups.find(key_of(name)), name)
        # ("Karim Asad Ahmad Khan ... Karim Khan": his first and last names)
        ends = f"{words[0]} {words[-1]}"
        if len(words) >= 3 and name.split()[0] not in KUNYA and ends in keys:
            fuller[ends].setdefault(groups.find(key_of(name)), name)
    _join_to_only_fuller(groups, owner, key_of, {tail: set(by_root.values()) for tail, by_root in fuller.items()})


def _mountain_key(name: str, key: str) -> tuple[str, str] | None:
    """Jabal Tharda, Mount Tharda and the Tharda mountains are one mountain (never the bare
    "Tharda", which may be a village below it)."""
    core = mountain_core(name)
    return ("mountain", name_key(core)) if core and name_key(core) else None


_DESCRIBED = re.compile(r"^(.*?[A-Z]\S*)((?:\s+[a-z][a-z-]*)*)\s+([a-z][a-z-]*)$")


def _described_key(name: str, key: str, is_demonym: Callable[[str], bool]) -> tuple[str, str, str] | None:
    """"the al-Mishraq sulphur plant" is the al-Mishraq plant: a place's name and its noun, whatever
    words in lower case describe it between them."""
    m = _DESCRIBED.match(name)
    if not m:
        return None
    words = m.group(1).split()
    if len(words) > 1 and is_demonym(words[-1]):
        words.pop()   # ("the Yarmouk Palestinian refugee camp" is the Yarmouk camp)
    key = name_key(" ".join(words))
    return ("described", key, m.group(3)) if key else None


def _operation_key(name: str, key: str) -> str | None:
    """"Operation Glowing Symphony" and "a campaign called Glowing Symphony" are one operation."""
    return name_key(re.sub(r"^Operation\s+", "", name)) or None


_HEAD_OF = re.compile(r"^(?:the\s+)?([A-Za-z]+)\s+of\s+(?:the\s+)?(\S.*)$", re.I)


def _swapped_key(name: str, key: str, heads: frozenset[str]) -> tuple[str, str, str] | None:
    """"The Temple of Bel" is "the Bel temple", "the Temple of Baalshamin" "the Baal Shamin temple": a landmark
    named by its noun before or after what it is of (its letters compared without spaces or vowels)."""
    of = _HEAD_OF.match(name)
    if of and of.group(1).lower() in heads:
        head, rest = of.group(1), of.group(2)
    else:
        rest, _, head = name.rpartition(" ")
        if not rest or head.lower() not in heads:
            return None
    rest_key = name_key(rest)
    return ("swapped", head.lower(), skeleton(rest_key)) if rest_key else None


def _skeleton_key(name: str, key: str) -> str | None:
    """Spelled with and without a vowel: Jarablus and Jarabulus (never for people: Hassan and
    Hussein are two men, which is why only places are joined)."""
    return skeleton(key) if len(skeleton(key)) >= 5 else None


def _first_vowel_key(name: str, key: str) -> tuple[str, float, float, str] | None:
    """Spellings that differ in a first vowel (which `name_key` keeps: Iran is not Oran), when the
    gazetteer knows both as one place: Erbil, Irbil and Arbil. (The gazetteer alone would join
    neighbours it lists as another's alternate name, such as Husaybah and al-Qaim.)"""
    place = gazetteer.find(name) if key[0] in "aeiou" else None
    return (place.name, place.lat, place.lon, skeleton(key)[1:]) if place else None


def _kunya_alone(name: str) -> bool:
    words = name.split()
    return len(words) == 2 and words[0] in KUNYA


def _attach_surnames(groups: _Groups, members: dict[str, list[Candidate]], owner: dict[str, Seed]) -> None:
    """A lone surname left untyped in one article joins the only person with that surname."""
    people: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, set[str]] = defaultdict(set)   # root -> its surnames as written (see below)
    for root, cands in members.items():
        if any(c.kind == "person" and not c.short_form for c in cands):
            for c in cands:
                # ("Umm Yasser": her son's name, not her surname)
                if c.kind == "person" and not c.short_form and not _kunya_alone(c.name):
                    people[name_key(c.name.split()[-1])].add(root)
                    spelled[root].add(surname_form(c.name))
    for seed_root, seed in owner.items():
        if seed.kind == "person" and not _kunya_alone(seed.name):
            people[name_key(seed.name.split()[-1])].add(seed_root)
            spelled[seed_root].add(surname_form(seed.name))
    for root in list(members):
        cands = members[root]
        if root in owner or not cands or not all(c.short_form for c in cands):
            continue
        # the surname as written, not only its spelling key: "the Jughaifa" (a tribe) is not
        # "al-Jughaifi" (one of them)
        targets = {t for t in people.get(root, set()) if all(surname_form(c.name) in spelled[t] for c in cands)}
        if len(targets) == 1:
            (target,) = targets
            for c in cands:
                c.folder, c.kind, c.cue = "actors", "person", "surname of a person named elsewhere"
            members[target].extend(cands)
            del members[root]


def _entity(seed: Seed | None, cands: list[Candidate], linked: set[str]) -> Entity | None:
    typed = [c for c in cands if c.folder]
    if seed is None and not typed:
        return None
    names = _without_shouting({c.name for c in cands} | linked)
    if seed:
        entity = Entity(seed.id or "", seed.name, seed.folder, seed.kind, set(seed.aliases) | names,
                        seed.origin, cands, seed.country)
        return entity
    votes: Counter[tuple[str, str]] = Counter()
    for c in typed:
        votes[(c.folder, c.kind)] += c.strength
    (folder, kind), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    if kind == "person" and all(c.short_form for c in typed):
        return None  # a surname alone, never tied to a full name: not enough to make a sheet
    entity = Entity("", _display_name(cands, linked, kind), folder, kind, names, "text", cands)
    return entity


def _without_shouting(names: set[str]) -> set[str]:
    """A dateline's BAGHOUZ is Baghouz written in capitals, not another name for it."""
    lower = {n.lower() for n in names if not n.isupper()}
    return {n for n in names if not (n.isupper() and len(n) > 5 and n.lower() in lower) and
            not (n.isupper() and len(n.split()) > 1)}


def _display_name(cands: list[Candidate], linked: set[str], kind: str) -> str:
    counts = Counter(c.name for c in cands if not c.short_form)
    typed = Counter(c.name for c in cands if c.folder and not c.short_form)
    pool = set(counts) | {n for n in linked if not is_acronym(n)}
    full = [n for n in pool if not is_acronym(n)] or list(pool) or [c.name for c in cands]
    # the fullest spelled-out form the text types most often: "Mustafa Bali" over "Bali",
    # "Syrian Democratic Forces" over "SDF", "Tawhid Brigade" over its untyped alias
    first = {}
    for i, c in enumerate(cands):
        first.setdefault(c.name, i)
    # ties go to the name the text gives first ("X, also known as Y"), then the longer one; an operation's
    # formal name first ("Operation Glowing Symphony", also "a campaign called Glowing Symphony")
    operation = any(c.folder == "operations" for c in cands)
    return max(sorted(full), key=lambda n: (len(n.split()) if kind == "person" else 0,
                                            operation and n.startswith("Operation "), typed.get(n, 0),
                                            counts.get(n, 0), -first.get(n, len(cands)), len(n)))


def _assign_ids(entities: list[Entity]) -> None:
    taken = {e.id for e in entities if e.id}
    for entity in sorted(entities, key=lambda e: (e.origin != "sheet", e.folder, e.name)):
        if entity.id:
            continue
        base = slugify(entity.name)
        if base in RESERVED_IDS:
            base = f"{base}-{entity.folder[:-1]}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        entity.id = candidate
        taken.add(candidate)


def seeds_from_lexicon(known: list[Known]) -> list[Seed]:
    return [Seed(None, k.name, k.folder, k.kind, k.aliases + _with_operation(k), "dictionary", k.country) for k in known]


def _with_operation(known: Known) -> tuple[str, ...]:
    """An "Operation X" is also written so with its other names: "Euphrates Wrath", "Operation Euphrates Wrath"."""
    if not known.name.startswith("Operation "):
        return ()
    return tuple(dict.fromkeys(f"Operation {a}" for a in known.aliases
                               if not a.startswith("Operation ") and f"Operation {a}" not in known.aliases))
