"""A synthetic corpus for the scale benchmark: the five seed articles, rewritten N times.

Every article is one of the seeds with its local names replaced by INVENTED ones (places, people,
armed groups, parties, outlets built from syllables, so they exist nowhere), its dates shifted,
some paragraphs swapped or dropped and some sentences left out. The big, well-known actors
(Islamic State, the United States, the coalition) stay, as they recur in a real corpus.

The pools of invented names grow with N and are drawn from with a Zipf-like skew, so a few
places and people recur in many articles and most appear in one or two: the number of distinct
entities grows roughly linearly with N, like a real news archive. Everything is deterministic
given (N, seed).
"""
from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.lexicon import lexicon
from briefing.names import name_key
from briefing.read import read_article

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"

# --- what is replaced in the seeds --------------------------------------------------------------
# seed surface text -> template over invented entities ("{slot}" is the name, "{slot.form}" a form).
# Longest keys win, so "Raqqah Revolutionaries Brigade" is one group, not the city Raqqah.
SUBSTITUTIONS: dict[str, str] = {
    # titles (otherwise every article rewritten from one seed would share its headline)
    "Islamic State suffers losses in provincial home of the ‘caliphate’":
        "Islamic State suffers losses around {ain_issa} in the {raqqa} countryside",
    "After Iraq losses, IS lashes out in Syria": "After {mosul} losses, IS lashes out at {palmyra}",
    "Islamic State pushes back against SDF advances in southern Raqqa city":
        "Islamic State pushes back against {sdf.acronym} advances in southern {raqqa} city",
    # 000: the Ain Issa offensive, 2015
    "Ain Issa": "{ain_issa}",
    "Raqqah Revolutionaries Brigade": "{rrb}",
    "RRB": "{rrb.acronym}",
    "Raqqa": "{raqqa}",
    "Raqqah": "{raqqa.variant}",
    "Raqaa": "{raqqa.variant}",
    "Tal Abyad": "{tal_abyad}",
    "Tel Abyad": "{tal_abyad.variant}",
    "Kobane": "{kobane}",
    "Liwa 93": "{liwa93}",
    "People’s/Women’s Defense Units (YPG/YPJ)": "{ypg} and the {ypj}",
    "YPG/YPJ": "{ypg.acronym}/{ypj.acronym}",
    "YPG/J": "{ypg.acronym}",
    "People’s Defense Units": "{ypg}",
    "People’s Protection Units": "{ypg}",
    "YPG": "{ypg.acronym}",
    "YPF": "{ypg.acronym}",
    "Women’s Protection Units": "{ypj}",
    "YPJ": "{ypj.acronym}",
    "Burkan al-Firat": "{volcano.arabic}",
    "Euphrates Volcano": "{volcano}",
    "Kurdistan Workers Party": "{pkk}",
    "PKK": "{pkk.acronym}",
    "Shervan Derwish": "{derwish}",
    "Thomas Joscelyn": "{joscelyn}",
    "FDD's Long War Journal": "{outlet}",
    # 001: Raqqa taken, 2017
    "OpsLens": "{outlet}",
    "Syrian Democratic Forces": "{sdf}",
    "SDF": "{sdf.acronym}",
    "Ryan Dillon": "{dillon}",
    "Dillon": "{dillon.surname}",
    "Dillion": "{dillon.surname_variant}",
    "Kirkuk": "{kirkuk}",
    # 002: after the Iraq losses, 2017
    "Mosul": "{mosul}",
    "Anbar": "{anbar}",
    "Hawija": "{hawija}",
    "al-Tabqa": "{tabqa.al}",
    "Palmyra": "{palmyra}",
    "Deir az-Zour": "{deir}",
    "Deir Ezzor": "{deir.variant}",
    "Ramadi": "{ramadi}",
    "Tikrit": "{tikrit}",
    "Sinjar": "{sinjar}",
    # 003: southern Raqqa city
    "Nazlat Shahadah": "{nazlat}",
    "Hisham bin Abdulmalik": "{hisham}",
    "Panorama circle": "{panorama} circle",
    "Edkhar military housing": "{edkhar} military housing",
    "Mustafa Bali": "{bali}",
    "Bali": "{bali.surname}",
    "Kinda Haddad": "{haddad}",
    "Vanessa Cramond": "{cramond}",
    # 004: the Rafiqah wall
    "Rafiqah wall": "{rafiqah} wall",
    "Brett McGurk": "{mcgurk}",
    "Marawi": "{marawi}",
}

# slot -> the pool it draws from
SLOT_KINDS: dict[str, str] = {
    "raqqa": "settlement", "ain_issa": "settlement", "tal_abyad": "settlement", "kobane": "settlement",
    "kirkuk": "settlement", "mosul": "settlement", "hawija": "settlement", "tabqa": "settlement",
    "palmyra": "settlement", "deir": "settlement", "ramadi": "settlement", "tikrit": "settlement",
    "sinjar": "settlement", "marawi": "settlement",
    "anbar": "province", "nazlat": "district", "hisham": "district",
    "panorama": "landmark", "edkhar": "landmark", "rafiqah": "landmark", "liwa93": "base",
    "ypg": "group", "ypj": "group", "sdf": "group", "rrb": "brigade", "pkk": "party", "volcano": "gloss_group",
    "derwish": "person", "joscelyn": "person", "dillon": "person", "bali": "person", "haddad": "person",
    "cramond": "person", "mcgurk": "person", "outlet": "outlet",
}

# pool size per kind for N articles: (per article, at least)
POOL_SIZES: dict[str, tuple[float, int]] = {
    "settlement": (1.2, 40), "province": (0.1, 10), "district": (0.5, 20), "landmark": (0.5, 20),
    "base": (0.25, 10), "group": (0.35, 15), "brigade": (0.1, 5), "party": (0.05, 5), "gloss_group": (0.1, 5),
    "person": (1.0, 30), "outlet": (0.04, 5),
}

# publication dates of the seeds, for the front matter of Markdown articles
SEED_DATES = {"000": (2015, 6, 24), "001": (2017, 10, 17), "002": (2017, 2, 4), "003": (2017, 8, 1),
              "004": (2017, 7, 4)}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# --- invented names ------------------------------------------------------------------------------
@dataclass
class Invented:
    """One invented entity and the spellings the templates ask for."""

    name: str
    variant: str = ""           # another spelling that folds to the same name key
    acronym: str = ""
    arabic: str = ""            # groups known by an Arabic name and its English gloss
    surname: str = ""
    surname_variant: str = ""

    @property
    def al(self) -> str:
        return f"al-{self.name}" if " " not in self.name else self.name

    def __format__(self, spec: str) -> str:
        return self.name


ONSETS = ["b", "d", "f", "g", "h", "j", "k", "kh", "l", "m", "n", "r", "s", "sh", "t", "z", "q", "w", "y",
          "dh", "gh", "v"]
VOWELS = ["a", "e", "i", "o", "u", "a", "i"]
CODAS = ["", "", "", "n", "r", "l", "sh", "m", "s", "k", "d", "z", "b"]
SETTLEMENT_PREFIXES = ["", "", "", "Tal ", "Kafr ", "Ain ", "Deir ", "Khirbet ", "Bir ", "Jisr ", "Ras ", "Umm ",
                       "Maarat ", "Tell "]
DISTRICT_PREFIXES = ["Hayy ", "Nazlat ", "Harat ", "Hayy al-", "Mashru ", "Hara "]
SURNAME_ENDINGS = ["", "", "", "ko", "ov", "ani", "i", "an", "ian"]
REGIONS = ["Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Free", "United", "Democratic",
           "Revolutionary", "Popular", "National", "Independent", "Greater", "Coastal", "Highland", "Tribal"]
DESCRIPTORS = ["Valley", "River", "Mountain", "Desert", "Plains", "Border", "Martyrs", "Dawn", "Shield", "Lions",
               "Falcons", "Resistance", "Liberation", "Defense", "Salvation", "Steppe", "Orchard", "Citadel",
               "Wadi", "Oasis", "Hawks", "Thunder", "Horizon", "Crescent"]
GROUP_TYPES = ["Brigade", "Front", "Forces", "Units", "Army", "Battalion", "Council", "Movement", "Alliance",
               "Guard", "Legion", "Division", "Regiment", "Committee"]
PARTY_TYPES = ["Workers", "Democratic", "Unity", "Labour", "Liberation", "Socialist", "Progressive", "Reform"]
BRIGADE_TYPES = ["Revolutionaries", "Martyrs", "Defenders", "Free Men", "Youth", "Shield", "Knights"]
GLOSSES = [("Burkan", "Volcano"), ("Usud", "Lions"), ("Suqur", "Falcons"), ("Liwa", "Banner"), ("Asifat", "Storm"),
           ("Raad", "Thunder"), ("Suyuf", "Swords"), ("Fursan", "Knights"), ("Nusur", "Eagles"), ("Jund", "Soldiers")]
OUTLET_NOUNS = ["Monitor", "Dispatch", "Observer", "Review", "Bulletin", "Herald", "Lens", "Ledger", "Wire", "Desk"]
BASE_WORDS = ["Liwa", "Firqa", "Fawj", "Katiba"]


class Namer:
    """Invents names that differ from each other and from the dictionary under `name_key`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        lex = lexicon()
        self.taken: set[str] = {name_key(n) for k in lex.entities for n in (k.name, *k.aliases)}
        self.taken |= {name_key(w) for w in MONTHS + WEEKDAYS + REGIONS + DESCRIPTORS + GROUP_TYPES}
        self.acronyms: set[str] = {n for k in lex.entities for n in (k.name, *k.aliases) if n.isupper()}
        self.acronyms |= {"IS", "ISIS", "ISIL", "US", "UN", "EU", "AM", "PM", "TV", "AFP", "IED", "IEDS"}

    def _claim(self, name: str) -> bool:
        key = name_key(name)
        if not key or key in self.taken:
            return False
        self.taken.add(key)
        return True

    def stem(self, syllables: int = 2, claim: bool = True) -> str:
        """A fresh capitalised word: 'Varesh', 'Mundir', 'Kasrani'.

        When two-syllable words run out (large N), a syllable is added every 50 misses.
        """
        for attempt in itertools.count():
            word = "".join(self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + self.rng.choice(CODAS)
                           for _ in range(syllables + attempt // 50))
            key = name_key(word)
            if len(word) >= 5 and key not in self.taken:   # 4 letters make English words: Huge, Vine
                if claim:
                    self.taken.add(key)
                return word.capitalize()
        raise AssertionError("unreachable")

    @staticmethod
    def variant(name: str) -> str:
        """A spelling that folds to the same key: Dabsa -> Dabsah, Varesh -> Varresh."""
        last = name.split()[-1]
        if last[-1] in "aeiou":
            new = last + "h"
        else:
            m = re.search(r"[aeiou]([bdfgklmnrstvz])", last)
            new = last[:m.start(1)] + m.group(1) + last[m.start(1):] if m else last + "h"
        return name[: len(name) - len(last)] + new

    def settlement(self) -> Invented:
        name = self.rng.choice(SETTLEMENT_PREFIXES) + self.stem(self.rng.choice((2, 2, 2, 3)))
        return Invented(name, variant=self.variant(name))

    def province(self) -> Invented:
        name = self.stem(2)
        return Invented(name, variant=self.variant(name))

    def district(self) -> Invented:
        if self.rng.random() < 0.2:
            name = f"{self.stem(2)} bin {self.stem(3)}"
        else:
            name = self.rng.choice(DISTRICT_PREFIXES) + self.stem(2)
        return Invented(name, variant=self.variant(name))

    def landmark(self) -> Invented:
        return Invented(self.stem(2))

    def base(self, number: int) -> Invented:
        return Invented(f"{self.rng.choice(BASE_WORDS)} {number}")

    def _with_acronym(self, make_words) -> Invented:
        """A name whose initials are an acronym no other group has (words are claimed only on success)."""
        for attempt in itertools.count():
            words = make_words(extra=attempt > 20)
            name = " ".join(words)
            acronym = "".join(w[0] for w in " ".join(words).split() if w[0].isupper())
            if acronym in self.acronyms or len(acronym) < 2:
                continue
            if name_key(name) not in self.taken and self._claim(acronym):
                for word in [name, *(w for w in words if w not in REGIONS + DESCRIPTORS)]:
                    self._claim(word)
                self.acronyms.add(acronym)
                return Invented(name, acronym=acronym)
        raise AssertionError("unreachable")

    def group(self) -> Invented:
        def words(extra: bool) -> list[str]:
            head = [self.rng.choice(REGIONS) if self.rng.random() < 0.5 else self.stem(2, claim=False)]
            if extra:
                head.append(self.stem(2, claim=False))
            return head + [self.rng.choice(DESCRIPTORS), self.rng.choice(GROUP_TYPES)]
        return self._with_acronym(words)

    def party(self) -> Invented:
        def words(extra: bool) -> list[str]:
            return [self.stem(2, claim=False)] + ([self.rng.choice(DESCRIPTORS)] if extra else []) + \
                   [self.rng.choice(PARTY_TYPES), "Party"]
        return self._with_acronym(words)

    def brigade(self) -> Invented:
        def words(extra: bool) -> list[str]:
            return [self.stem(2, claim=False)] + ([self.rng.choice(DESCRIPTORS)] if extra else []) + \
                   [self.rng.choice(BRIGADE_TYPES), "Brigade"]
        return self._with_acronym(words)

    def gloss_group(self) -> Invented:
        arabic, english = self.rng.choice(GLOSSES)
        stem = self.stem(2)
        return Invented(f"{stem} {english}", arabic=f"{arabic} al-{stem}")

    def person(self, first_names: list[str]) -> Invented:
        while True:
            surname = self.stem(self.rng.choice((2, 2, 3))) + self.rng.choice(SURNAME_ENDINGS)
            if self._claim(surname):
                break
        name = f"{self.rng.choice(first_names)} {surname}"
        self._claim(name)
        return Invented(name, surname=surname, surname_variant=self.variant(surname))

    def outlet(self) -> Invented:
        while True:
            name = f"{self.stem(2)} {self.rng.choice(OUTLET_NOUNS)}"
            if self._claim(name):
                return Invented(name)


class Pool:
    """Entities of one kind, drawn with a Zipf skew (weight 1/rank)."""

    def __init__(self, items: list[Invented]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(items))))

    def draw(self, rng: random.Random) -> Invented:
        x = rng.random() * self.cumulative[-1]
        return self.items[min(bisect.bisect_left(self.cumulative, x), len(self.items) - 1)]


def make_pools(articles: int, seed: int) -> dict[str, Pool]:
    rng = random.Random(f"pools:{seed}:{articles}")
    namer = Namer(rng)
    first_names = [namer.stem(2) for _ in range(max(40, articles // 5))]
    sizes = {kind: max(low, int(per * articles)) for kind, (per, low) in POOL_SIZES.items()}
    bases = rng.sample(range(1, 1000), min(sizes["base"], 999))
    makers = {
        "settlement": namer.settlement, "province": namer.province, "district": namer.district,
        "landmark": namer.landmark, "group": namer.group, "brigade": namer.brigade, "party": namer.party,
        "gloss_group": namer.gloss_group, "outlet": namer.outlet,
        "person": lambda: namer.person(first_names),
    }
    pools = {kind: Pool([make() for _ in range(sizes[kind])]) for kind, make in makers.items()}
    pools["base"] = Pool([namer.base(n) for n in bases])
    return pools


# --- rewriting one seed ------------------------------------------------------------------------
_SUBST_RE = re.compile(r"(?<![\w’'])(" + "|".join(re.escape(k) for k in sorted(SUBSTITUTIONS, key=len, reverse=True))
                       + r")(?![\w])")
_SLOT_RE = re.compile(r"\{(\w+)(?:\.\w+)?\}")
_DATE_RE = re.compile(
    r"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b)"
    r"|(?P<dm>\b(?P<dd>\d{1,2})\s+(?P<dmonth>" + "|".join(MONTHS) + r")\b)"
    r"|(?P<md>\b(?P<mmonth>" + "|".join(MONTHS) + r")\s+(?P<mday>\d{1,2})(?!\d))"
    r"|(?P<month>\b(?:" + "|".join(MONTHS) + r")\b)"
    r"|(?P<weekday>\b(?:" + "|".join(WEEKDAYS) + r")\b)"
    r"|(?P<year>\b(?:19[5-9]\d|20[0-4]\d)\b)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?”])\s+(?=[“A-Z])")


@dataclass
class Shift:
    years: int
    months: int
    weekdays: int

    def month(self, name: str) -> str:
        return MONTHS[(MONTHS.index(name) + self.months) % 12]

    def month_number(self, number: int) -> int:
        return (number - 1 + self.months) % 12 + 1


def shift_dates(text: str, shift: Shift) -> str:
    """Years, months and weekday names move together across the whole article."""
    def day(value: str) -> str:
        return value if int(value) <= 28 else "28"  # never a 30 February

    def replace(m: re.Match[str]) -> str:
        if m["iso"]:
            return f"{int(m['iy']) + shift.years}-{shift.month_number(int(m['im'])):02d}-{day(m['id'])}"
        if m["dm"]:
            return f"{day(m['dd'])} {shift.month(m['dmonth'])}"
        if m["md"]:
            return f"{shift.month(m['mmonth'])} {day(m['mday'])}"
        if m["month"]:
            return shift.month(m["month"])
        if m["weekday"]:
            return WEEKDAYS[(WEEKDAYS.index(m["weekday"]) + shift.weekdays) % 7]
        return str(int(m["year"]) + shift.years)
    return _DATE_RE.sub(replace, text)


def substitute(text: str, cast: dict[str, Invented]) -> str:
    return _SUBST_RE.sub(lambda m: SUBSTITUTIONS[m.group(1)].format(**cast), text)


def _is_tail(block: str) -> bool:
    return block[:1].isspace() or bool(re.match(r"(Tags:|\d+ Comments|Share this)", block))


def vary_layout(text: str, rng: random.Random) -> str:
    """Swap some body paragraphs, drop a few, and leave sentences out of others.

    The head (masthead, title, dateline, lead) and the tail (author bio, tags, comments) stay.
    """
    blocks = re.split(r"\n[ \t]*\n", text)
    end = next((i for i, b in enumerate(blocks) if _is_tail(b)), len(blocks))
    long = [i for i in range(end) if len(blocks[i]) >= 120]
    if len(long) < 4:
        return text
    first, last = long[0] + 1, long[-1]        # after the lead, before the last paragraph (bio)
    body = blocks[first:last]
    for _ in range(rng.randint(0, len(body) // 2)):
        a, b = rng.randrange(len(body)), rng.randrange(len(body))
        body[a], body[b] = body[b], body[a]
    kept = []
    for block in body:
        if len(block) >= 120 and rng.random() < 0.12 and len(body) - len(kept) > 3:
            continue
        sentences = _SENTENCE_SPLIT.split(block)
        if len(sentences) >= 2 and rng.random() < 0.3:
            del sentences[rng.randrange(1, len(sentences))]
        kept.append(" ".join(sentences))
    return "\n\n".join(blocks[:first] + kept + blocks[last:])


def markdown_version(text: str, title: str, meta: dict[str, str]) -> str:
    """The same article saved as Markdown with front matter: title, publisher, author, date."""
    blocks = re.split(r"\n[ \t]*\n", text)
    start = next((i + 1 for i, b in enumerate(blocks) if b.strip() == title), 0)
    front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{front}\n---\n\n# {title}\n\n" + "\n\n".join(blocks[start:]) + "\n"


@dataclass
class Seed:
    stem: str          # "000"
    text: str
    title: str
    slots: list[str]


def load_seeds(folder: Path = SEEDS_DIR) -> list[Seed]:
    seeds = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        slots = sorted({m.group(1) for key in _SUBST_RE.findall(text) for m in _SLOT_RE.finditer(SUBSTITUTIONS[key])})
        seeds.append(Seed(path.name[:3], text, read_article(path).title, slots))
    return seeds


class Corpus:
    """Article i of a corpus of N is the same whatever else is generated."""

    def __init__(self, articles: int, seed: int = 1, markdown_share: float = 0.2) -> None:
        self.articles, self.seed, self.markdown_share = articles, seed, markdown_share
        self.seeds = load_seeds()
        self.pools = make_pools(articles, seed)

    def article(self, index: int) -> tuple[str, str]:
        """(file name, text) of article `index`."""
        rng = random.Random(f"article:{self.seed}:{index}")
        seed = self.seeds[index % len(self.seeds)]
        cast: dict[str, Invented] = {}
        used: set[int] = set()
        for slot in seed.slots:
            pool = self.pools[SLOT_KINDS[slot]]
            for _ in range(50):   # distinct entities within one article
                entity = pool.draw(rng)
                if id(entity) not in used:
                    break
            used.add(id(entity))
            cast[slot] = entity
        shift = Shift(rng.randint(-5, 4), rng.randint(0, 11), rng.randint(0, 6))
        text = shift_dates(vary_layout(substitute(seed.text, cast), rng), shift)
        suffix = ".txt"
        if rng.random() < self.markdown_share:
            y, m, d = SEED_DATES[seed.stem]
            meta = {"title": shift_dates(substitute(seed.title, cast), shift),
                    "publisher": self.pools["outlet"].draw(rng).name,
                    "author": self.pools["person"].draw(rng).name,
                    "published": f"{y + shift.years}-{shift.month_number(m):02d}-{min(d, 28):02d}"}
            text, suffix = markdown_version(text, meta["title"], meta), ".md"
        digest = hashlib.sha1(text.encode()).hexdigest()[:16]
        return f"{index:05d}_{digest}{suffix}", text

    def write(self, folder: Path, indices: range | list[int]) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for index in indices:
            name, text = self.article(index)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths
