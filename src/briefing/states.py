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

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from .lexicon import Lexicon
from .mentions import Match
from .names import name_key, slugify
from .resolve import Entity

TWIN_SUFFIX = "-state"
_PLACE_BEFORE = re.compile(r"\b(?:from|in|to|into|inside|within|across|through|near|out\s+of|over)\s+(?:the\s+)?$", re.I)
# where a capital named alone is still the city: after a place word or as an attribute ("the Ankara
# bombings", "a Moscow court"), before a hyphen ("Washington-based"), a name ("Ankara Chief Public
# Prosecutor's Office") or a noun ("Ankara bomber was ..."); a verb after it makes it the one who acts
_CITY_BEFORE = re.compile(r"(?:\b(?:at|outside|around|via|toward|towards|visit|visits|visited|visiting|left|leaves|leaving|reach|reached|a|an|the)\s+|\w-)$", re.I)
_CITY_OWNS = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,2}(?:station|streets?|suburbs?|airport|districts?|quarters?|"
                        r"neighbou?rhoods?|cent(?:re|er)|outskirts|mayor|residents|people|university|square|hospital|old\s+city)\b", re.I)
_ACTS_AFTER = re.compile(r"^(?:\s*(?:$|[,.;:!?)”\"’'—–]|(?:and|or|but|which|who|has|have|had|is|was|were|will|would|should|could|can|may|might|must|did|does|do|also|still|never|long|itself|\w+ed|\w+s)\b))")
_JOINED = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")


@dataclass(frozen=True)
class _Cues:
    subject_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    by_before: re.Pattern[str]
    of_before: re.Pattern[str]
    possessive_after: re.Pattern[str]
    members_before: re.Pattern[str]

    def acts(self, before: str, surface: str, after: str) -> bool:
        tail = re.match(r"['’]s?\b", after)
        if tail or re.search(r"['’]s?$", surface):   # a possessive ("Iraq's western province") is no subject
            return bool(self.possessive_after.match("'s" + after[tail.end() if tail else 0:]))
        return self.agent(before, after)

    def agent(self, before: str, after: str) -> bool:
        """Whether what stands between `before` and `after` is who acts: a subject with its verb,
        after "by" or "of" ("backed by Iran"), or a member ("coalition nations include Australia")."""
        return bool((self.subject_before.search(before) and self.verb_after.match(after))
                    or self.by_before.search(before) or self.of_before.search(before)
                    or self.members_before.search(before))


def _cues(lex: Lexicon) -> _Cues | None:
    raw = lex.raw.get("state_agent")
    if not raw:
        return None
    return _Cues(*(re.compile(raw.get(key) or "(?!)", re.I) for key in
                   ("subject_before", "verb_after", "by_before", "of_before", "possessive_after", "members_before")))


def is_twin(folder: str, sheet_id: str, sheet: dict[str, Any]) -> bool:
    """An actor sheet of kind state named like a country, with the id this module gives it."""
    name = sheet.get("name")
    return (folder == "actors" and sheet.get("kind") == "state" and isinstance(name, str)
            and sheet_id == slugify(name) + TWIN_SUFFIX)


class States:
    """Moves the matches of acting countries (and capitals) to their state; new twin entities are
    added to `entities` and `by_id`, so later stages see them like any other."""

    def __init__(self, lex: Lexicon, entities: list[Entity], by_id: dict[str, Entity]) -> None:
        self.cues = _cues(lex)
        self.countries: dict[str, dict[str, Any]] = lex.raw.get("countries") or {}
        self.capital_of = {name_key(info["capital"]): country for country, info in self.countries.items()
                           if info.get("capital")}
        self.capital_of.update((name_key(city), state) for city, state in (lex.raw.get("state_capitals") or {}).items())
        self.acting_capitals = {name_key(city) for city in lex.raw.get("acting_capitals") or ()}
        self.entities, self.by_id = entities, by_id
        self.actors = {name_key(e.name): e for e in entities if e.folder == "actors"}
        self._concerns: dict[str, bool] = {}

    def country(self, m: Match) -> str | None:
        """The country a match names: a country (any the dictionary or gazetteer knows) or its capital."""
        entity = self.by_id.get(m.entity_id)
        if entity is None or entity.folder != "locations":
            return None
        return entity.name if entity.kind == "country" else self.capital_of.get(name_key(entity.name))

    def _concerned(self, entity_id: str) -> bool:
        """A country, a capital or a state: the only matches `moves` looks at (most sentences have none)."""
        known = self._concerns.get(entity_id)
        if known is None:
            entity = self.by_id.get(entity_id)
            known = self._concerns[entity_id] = entity is not None and (
                (entity.folder == "actors" and entity.kind == "state")
                or (entity.folder == "locations" and (entity.kind == "country" or name_key(entity.name) in self.capital_of)))
        return known

    def apply(self, matches: list[Match], moves: list[tuple[int, str]]) -> list[Match]:
        """`matches` with the match at each index of `moves` moved to the state of its country."""
        if not moves:
            return matches
        out = list(matches)
        for n, country in moves:
            m = matches[n]
            out[n] = Match(m.start, m.end, self.state(country).id, m.surface)
        return out

    def moves(self, text: str, matches: list[Match]) -> list[tuple[int, str]]:
        """(index, country) of each match in the sentence whose country acts. Reads only the sentence,
        its matches and the folder, kind and name of what they point to (see `signature`)."""
        if self.cues is None or not any(self._concerned(m.entity_id) for m in matches):
            return []
        out: list[tuple[int, str]] = []
        for chain in self._chains(text, matches):
            # "France, Germany and the UK said": a list of countries acts as one subject
            first, last = matches[chain[0]], matches[chain[-1]]
            # (and a list with a state in it is a list of states: "members including the United
            # States, the United Kingdom and France")
            together = len(chain) > 1 and (self.cues.agent(text[:first.start], text[last.end:])
                                           or any(self.country(matches[n]) is None for n in chain))
            # ("jets flying from Jordan and the United Arab Emirates dropped bombs": a list after a
            # preposition of place is of places, whatever verb follows its last item)
            placed = len(chain) > 1 and not together and _PLACE_BEFORE.search(text[:first.start])
            for n in chain:
                m, country = matches[n], self.country(matches[n])
                if country is None:
                    continue   # a state already ("Washington, London and Ankara")
                if together or (not placed and self.cues.acts(text[:m.start], m.surface, text[m.end:])) \
                        or self._power(m, country, text[:first.start]) \
                        or self._acting_capital(text, matches, chain, n):
                    out.append((n, country))
        return out

    def signature(self, matches_digest: str, entity_ids: set[str]) -> str:
        """All `moves` reads in an article besides its text: its matches (`matches_digest`) and the
        folder, kind and name of each entity they point to."""
        rows = [matches_digest]
        for i in sorted(entity_ids):
            e = self.by_id.get(i)
            rows.append(f"{i}/{e.folder}/{e.kind}/{e.name}" if e else i)
        return hashlib.sha1("\x1f".join(rows).encode()).hexdigest()

    def _power(self, m: Match, country: str, before: str) -> bool:
        """A power at war from afar, named (not by its capital: "the Paris attacks"), and not as a place:
        `before` is the text before it, or before the list it is in ("come from Russia, Tunisia and France")."""
        return bool(self.countries.get(country, {}).get("power")) and self.by_id[m.entity_id].kind == "country" \
            and not _PLACE_BEFORE.search(before)

    def _acting_capital(self, text: str, matches: list[Match], chain: list[int], n: int) -> bool:
        """A capital the press names for its government ("Washington had long been wary"), not the city:
        no place word or attribute before it, a verb or a stop after it, and no other place listed with it
        ("Suruç, Diyarbakır, Ankara")."""
        m = matches[n]
        if name_key(self.by_id[m.entity_id].name) not in self.acting_capitals:
            return False
        before = text[:matches[chain[0]].start]
        if _PLACE_BEFORE.search(before) or _CITY_BEFORE.search(before):
            return False
        owner = re.search(r"['’]s?$", m.surface)
        after = text[m.end:] if not owner else "'s" + text[m.end:]
        if owner or re.match(r"['’]s?\b", after):   # "Washington's preference", not "Ankara's main railway station"
            return not _CITY_OWNS.match(after)
        for k in (n - 1, n + 1):   # a place listed beside it
            if 0 <= k < len(matches) and _JOINED.fullmatch(text[min(matches[k].end, m.end):max(matches[k].start, m.start)]):
                other = self.by_id.get(matches[k].entity_id)
                if other is not None and other.folder == "locations" and self.country(matches[k]) is None:
                    return False
        return bool(_ACTS_AFTER.match(after))

    def _chains(self, text: str, matches: list[Match]) -> list[list[int]]:
        """Runs of countries joined by commas and 'and' ("France, Germany and the UK"), each a list of indexes."""
        chains: list[list[int]] = []
        for n, m in enumerate(matches):
            entity = self.by_id.get(m.entity_id)
            if not self.country(m) and not (entity and entity.folder == "actors" and entity.kind == "state"):
                continue
            if chains and chains[-1][-1] == n - 1 and \
                    _JOINED.fullmatch(text[matches[n - 1].end:m.start]):
                chains[-1].append(n)
            else:
                chains.append([n])
        return chains

    def governments(self, country: str) -> list[str]:
        """How the press names a country's government: "the Government of Nigeria", "the Nigerian government"."""
        demonyms = self.countries.get(country, {}).get("demonyms") or ()
        return [f"Government of {country}", *(f"{d} government" for d in demonyms[:1])]

    def state(self, country: str) -> Entity:
        """The dictionary's state actor for the country, else its twin (made on first sight)."""
        named = self.countries.get(country, {}).get("state") or country   # (or a state the dictionary lists as one)
        if name_key(named) in self.actors and self.actors[name_key(named)].kind == "state":
            return self.actors[name_key(named)]
        twin_id = slugify(country) + TWIN_SUFFIX
        entity = self.by_id.get(twin_id)
        if entity is None:
            entity = Entity(twin_id, country, "actors", "state", {country, *self.governments(country)}, "text")
            self.entities.append(entity)
            self.by_id[twin_id] = entity
        return entity
