"""Statements in sentences: events, figures, relations and people's roles, each citing its
sentence and dated against the article. Rules only; the vocabulary is in `data/facts.yaml`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .dates import When, find_dates
from .lexicon import data_file
from .mentions import Match


@dataclass
class Fact:
    id: str
    type: str
    text: str
    source: str
    quote: str
    sentence: int
    involves: list[str]
    about: str                       # the id of the sheet the fact is stored on
    date: str | None = None
    date_precision: str | None = None
    claimed_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)     # written to the sheet (figures)
    link: tuple[str, str] | None = None                      # relations: (type, target id), for `relations`
    sides: tuple[str | None, str | None] = (None, None)      # events: (agent, patient) actor ids

    def as_sheet(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type, "text": self.text, "date": self.date,
                                "date_precision": self.date_precision, "source": self.source,
                                "quote": self.quote, "claimed_by": self.claimed_by,
                                "involves": self.involves, "status": "extracted"}
        data.update(self.extra)
        return data


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return data_file("facts.yaml")


@lru_cache(maxsize=4)
def _event_verbs(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every event verb, longest first (built once, not per sentence)."""
    return re.compile(r"\b(" + "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) + r")\b", re.I)


def fact_id(source: str, kind: str, quote: str, involves: list[str], detail: str = "") -> str:
    digest = hashlib.sha1("\x1f".join([source, kind, quote, ",".join(involves), detail]).encode()).hexdigest()
    return f"f-{digest[:10]}"


@dataclass
class Context:
    """What fact rules need about one sentence."""

    source: str
    index: int
    text: str
    matches: list[Match]
    folder_of: dict[str, str]         # entity id -> folder
    kind_of: dict[str, str]           # entity id -> kind
    name_of: dict[str, str]
    anchor: When | None
    operations: list[str]             # operation ids mentioned (by cue) in this sentence


def sentence_facts(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    ids = _unique([m.entity_id for m in ctx.matches] + ctx.operations)
    if not ids:
        return facts
    when = _date(ctx)
    vocab = vocabulary()
    claimant = _claimant(ctx, vocab)
    event = _event(ctx, vocab, ids, when, claimant)
    if event:
        facts.append(event)
    facts.extend(_figures(ctx, vocab, ids, when, claimant))
    facts.extend(_relations(ctx, vocab, when))
    return facts


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _date(ctx: Context) -> When | None:
    found = find_dates(ctx.text, ctx.anchor)
    return found[0][2] if found else None


def _claimant(ctx: Context, vocab: dict[str, Any]) -> str | None:
    verbs = "|".join(vocab["claim_verbs"])
    for m in ctx.matches:
        if ctx.folder_of.get(m.entity_id) != "actors":
            continue
        before, after = ctx.text[:m.start], ctx.text[m.end:]
        if re.search(r"\baccording\s+to\s+(?:the\s+)?$", before, re.I) or \
                re.match(rf"^['’]?s?\s+(?:\w+\s+){{0,2}}?(?:{verbs})\b", after, re.I) or \
                re.search(rf"\b(?:{verbs})\s+(?:the\s+)?$", before, re.I):
            return m.entity_id
    return None


_HEDGE = re.compile(r"\b(?:will|would|could|may|might|if|not|unless|expected to|plans? to|planned|attempt\w*|tr(?:y|ies|ying) to)\b",
                    re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r"[;–—]|,\s+(?:and|but|while|which|who|where|although|saying|according)\b")
_MAX_WORDS = 24


def _event(ctx: Context, vocab: dict[str, Any], ids: list[str], when: When | None,
           claimant: str | None) -> Fact | None:
    """An event sentence. Its text is the clause around the verb as written (a rule that
    rewrites sentences would put words in a source's mouth); agent and patient are kept
    separately for operation sides."""
    hit = _event_verbs(tuple(vocab["event_verbs"])).search(ctx.text)
    if not hit or _HEDGE.search(ctx.text[max(0, hit.start() - 40):hit.start()]):
        return None
    text = _clause(ctx.text, hit.start(), hit.end())
    actors = [m for m in ctx.matches if ctx.folder_of.get(m.entity_id) == "actors"
              and ctx.kind_of.get(m.entity_id) not in ("person", "media", "ngo") and not _modifier(ctx, m)]
    before = [m for m in actors if m.end <= hit.start()]
    after = [m for m in actors if m.start >= hit.end()]
    by = next((m for m in after if re.search(r"\bby\s+(?:the\s+)?(?:\w+\s+){0,2}$", ctx.text[hit.end():m.start])), None)
    if _PASSIVE.search(ctx.text[:hit.start()]):
        agent, patient = by, (before[-1] if before else None)
    else:
        agent = before[-1] if before else None
        patient = after[0] if after else None
    if agent and patient and agent.entity_id == patient.entity_id:
        patient = None
    place = next((m for m in ctx.matches if m.start >= hit.end() and ctx.folder_of.get(m.entity_id) == "locations"), None)
    about = (ctx.operations[0] if ctx.operations else None) or (place.entity_id if place else None) or \
        (agent.entity_id if agent else ids[0])
    fact = Fact(fact_id(ctx.source, "event", ctx.text, ids), "event", text, ctx.source, ctx.text, ctx.index,
                ids, about, when.iso() if when else None, when.precision if when else None, claimant)
    fact.sides = (agent.entity_id if agent else None, patient.entity_id if patient else None)
    return fact


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause holding sentence[start:end], cut at clause breaks, at most _MAX_WORDS words."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(sentence[:start]):
        left = m.end()
    right_break = _CLAUSE_BREAK.search(sentence, end)
    right = right_break.start() if right_break else len(sentence)
    clause = sentence[left:right].strip(" ,“”\"'‘’.")
    words = clause.split()
    if len(words) > _MAX_WORDS:
        verb_at = len(sentence[left:start].split())
        lo = max(0, min(verb_at - 8, len(words) - _MAX_WORDS))
        words = words[lo:lo + _MAX_WORDS]
        clause = ("… " if lo else "") + " ".join(words) + " …"
    # no dangling double quotes (single ones double as apostrophes: ISIS’, group’s)
    if clause.count("“") > clause.count("”"):
        clause += "”"
    elif clause.count("”") > clause.count("“"):
        clause = "“" + clause
    return clause[:1].upper() + clause[1:]


_NUMBER = re.compile(
    r"\b((?:(?:at\s+least|more\s+than|less\s+than|fewer\s+than|over|about|around|approximately|approximate|"
    r"roughly|nearly|almost|some|up\s+to|an\s+estimated|estimated)\s+)?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens|hundreds|thousands|tens\s+of\s+thousands|hundreds\s+of\s+thousands))(?![\w,-])", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12}
_UNITS = {"kilometers": "distance (km)", "kilometres": "distance (km)", "miles": "distance (miles)",
          "percent": "per cent", "%": "per cent"}


def _figures(ctx: Context, vocab: dict[str, Any], ids: list[str], when: When | None,
             claimant: str | None) -> list[Fact]:
    """A number and, within the next four words, the noun it counts: "256 SDF fighters",
    "at least 620 of the militants", "“less than 2,000” IS fighters"."""
    counted = set(vocab["counted_nouns"])
    out = []
    for m in _NUMBER.finditer(ctx.text):
        value = m.group(1)
        words = re.findall(r"[\w-]+", ctx.text[m.end():m.end() + 60])[:4]
        at = next((i for i, w in enumerate(words) if w.lower() in counted), None)
        if at is None or any(w.lower() in ("years", "months", "days", "weeks", "hours") for w in words[:at]):
            continue
        noun = words[at].lower()
        phrase = " ".join(w for w in words[:at + 1] if w.lower() not in ("of", "the"))
        tail = ctx.text[m.end():m.end() + 90]
        outcome = re.search(rf"\b{re.escape(words[at])}\b\s+(?:\w+\s+){{0,3}}?(killed|wounded|injured|trapped|displaced|"
                            r"captured|surrendering|surrendered|remain|detained|executed|missing|dead)\b", tail)
        said = f"{phrase} {outcome.group(1)}" if outcome else phrase
        counts = _UNITS.get(noun) or said
        number = _parse_number(value)
        place = next((x.entity_id for x in ctx.matches if ctx.folder_of.get(x.entity_id) == "locations"), None)
        about = place or claimant or ids[0]
        out.append(Fact(fact_id(ctx.source, "figure", ctx.text, ids, value + counts), "figure",
                        f"{value} {said}", ctx.source, ctx.text, ctx.index, ids, about,
                        when.iso() if when else None, when.precision if when else None, claimant,
                        {"value": value, "number": number, "counts": counts}))
    return out


def _parse_number(value: str) -> float | int | None:
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    if digits:
        text = digits.group().replace(",", "")
        return float(text) if "." in text else int(text)
    word = value.split()[-1].lower()
    return _WORDS.get(word)


def _modifier(ctx: Context, m: Match) -> bool:
    """"anti-Islamic State forces", "pro-government militias": the name qualifies another noun."""
    return bool(re.search(r"\b(?:anti|pro|non|post|ex)-$", ctx.text[:m.start], re.I))


def _relations(ctx: Context, vocab: dict[str, Any], when: When | None) -> list[Fact]:
    actors = [m for m in ctx.matches if ctx.folder_of.get(m.entity_id) == "actors" and not _modifier(ctx, m)]
    if len({m.entity_id for m in actors}) < 2:
        return []   # a relation links two actors
    out = []
    for rel_type, patterns in vocab["relations"].items():
        for pattern in patterns:
            for cue in re.finditer(pattern, ctx.text, re.I):
                left = [m for m in actors if m.end <= cue.start()]
                right = [m for m in actors if m.start >= cue.end()]
                if not left or not right:
                    continue
                subject, target = left[-1], right[0]
                if rel_type == "backs":  # "X-backed Y" / "backed by" read the other way
                    subject, target, rel_type_out = target, subject, "backed by"
                else:
                    rel_type_out = rel_type
                if subject.entity_id == target.entity_id:
                    continue
                involves = [subject.entity_id, target.entity_id]
                text = f"{ctx.name_of[subject.entity_id]} {rel_type_out} {ctx.name_of[target.entity_id]}"
                out.append(Fact(fact_id(ctx.source, "relation", ctx.text, involves, rel_type_out), "relation", text,
                                ctx.source, ctx.text, ctx.index, involves, subject.entity_id,
                                when.iso() if when else None, when.precision if when else None, None,
                                link=(rel_type_out, target.entity_id)))
    return out


def role_fact(source: str, person: str, name: str, role: str, quote: str, index: int,
              involves: list[str]) -> Fact:
    ids = _unique([person, *involves])
    return Fact(fact_id(source, "role", quote, ids, role), "role", f"{name}: {role}", source, quote, index,
                ids, person)
