"""Countries that act: "Turkey launched an offensive", "backed by Iran", "Moscow apologised".

A country is a place; when the text makes it (or its capital) the one who acts, it is the state,
an actor. Such a mention moves from the country's location sheet to the state's actor sheet: the
state actor the dictionary names for that country ("Syrian government"), or else a twin of the
country named like it ("Turkey", id `turkey-state`). Which words make a name the one who acts is
data (`state_agent` in `data/lexicon.yaml`).

A twin is found by where its country stands in a sentence, never by its name (which is the
country's name too): so `pipeline.sheet_seeds` leaves twin sheets out of name resolution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lexicon import Lexicon
from .mentions import Match
from .names import name_key, slugify
from .resolve import Entity

TWIN_SUFFIX = "-state"


@dataclass(frozen=True)
class _Cues:
    subject_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    by_before: re.Pattern[str]
    of_before: re.Pattern[str]
    possessive_after: re.Pattern[str]

    def acts(self, before: str, surface: str, after: str) -> bool:
        possessive = re.search(r"['’]s?$", surface)
        if possessive or re.match(r"['’]s?\b", after):   # "Iraq's western province" is no subject
            return bool(self.possessive_after.match("'s" + after[re.match(r"(?:['’]s?)?", after).end():]))
        return bool((self.subject_before.search(before) and self.verb_after.match(after))
                    or self.by_before.search(before) or self.of_before.search(before))


def _cues(lex: Lexicon) -> _Cues | None:
    raw = lex.raw.get("state_agent")
    if not raw:
        return None
    return _Cues(*(re.compile(raw[key], re.I) for key in
                   ("subject_before", "verb_after", "by_before", "of_before", "possessive_after")))


def is_twin(folder: str, sheet: dict[str, Any], lex: Lexicon) -> bool:
    """An actor sheet of kind state named exactly like a country of the dictionary."""
    return (folder == "actors" and sheet.get("kind") == "state" and isinstance(sheet.get("name"), str)
            and name_key(sheet["name"]) in lex.country_names)


class States:
    """Moves the matches of acting countries (and capitals) to their state; new twin entities are
    added to `entities` and `by_id`, so later stages see them like any other."""

    def __init__(self, lex: Lexicon, entities: list[Entity], by_id: dict[str, Entity]) -> None:
        self.cues = _cues(lex)
        self.countries: dict[str, dict[str, Any]] = lex.raw.get("countries") or {}
        self.country_of: dict[str, str] = {}     # name key of a country or its capital -> country
        for country, info in self.countries.items():
            self.country_of[name_key(country)] = country
            if info.get("capital"):
                self.country_of[name_key(info["capital"])] = country
        self.entities, self.by_id = entities, by_id
        self.actors = {name_key(e.name): e for e in entities if e.folder == "actors"}

    def moved(self, text: str, matches: list[Match]) -> list[Match]:
        if self.cues is None:
            return matches
        out = []
        for m in matches:
            entity = self.by_id.get(m.entity_id)
            country = self.country_of.get(name_key(entity.name)) \
                if entity and entity.folder == "locations" and entity.kind in ("country", "city") else None
            if country and self.cues.acts(text[:m.start], m.surface, text[m.end:]):
                m = Match(m.start, m.end, self.state(country).id, m.surface)
            out.append(m)
        return out

    def state(self, country: str) -> Entity:
        """The dictionary's state actor for the country, else its twin (made on first sight)."""
        named = self.countries[country].get("state")
        if named and name_key(named) in self.actors:
            return self.actors[name_key(named)]
        twin_id = slugify(country) + TWIN_SUFFIX
        entity = self.by_id.get(twin_id)
        if entity is None:
            entity = Entity(twin_id, country, "actors", "state", {country}, "text")
            self.entities.append(entity)
            self.by_id[twin_id] = entity
        return entity
