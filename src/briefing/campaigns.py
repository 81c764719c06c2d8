"""Campaigns told by who wages them: "the US-led coalition, which has been bombing Islamic State in
Syria since September", "Russian warplanes", "Moscow began its air campaign on 30 September".

The press names a long air campaign far less often than it describes it. Which campaign belongs to
which air force, in which countries and from which year, is data (`told_campaigns` in
`data/lexicon.yaml`), as are the words that tell a campaign (`campaign_cues`, and the verbs that open
an intervention, `operation_cues.intervention_verbs`): an air noun right after who wages it ("coalition
air strikes", "Russia's air campaign"), or a verb of bombing in the same clause ("Moscow, which had been
bombing Syria for a month").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .lexicon import Lexicon
from .names import name_key


@dataclass(frozen=True)
class Told:
    campaign: str                  # the dictionary's name of the campaign
    theatre: frozenset[str]        # name keys of the countries it is fought in
    home: frozenset[str]           # and of those who wage it (a sentence may name them too)
    since: int | None              # the year it began: an article from before it tells another
    pattern: re.Pattern[str]
    words: tuple[str, ...]         # one of which any sentence that tells it holds (lower case)


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _build(lex: Lexicon) -> list[Told]:
    cues = lex.raw.get("campaign_cues") or {}

    def words(key: str, extra: list[str] | None = None) -> str:
        return _alternatives([*(cues.get(key) or ()), *(extra or ())])

    # a verb of bombing later in the same clause, commas allowed (a relative clause): "began (its) air
    # strikes" (the verbs that open a country's intervention), "has been bombing", "has carried out more
    # than 2,500 air strikes"
    starts = _alternatives(lex.operation_cues.get("intervention_verbs") or ["(?!)"])
    verbs = (rf"(?:{starts})\s+(?:(?:its|their|first|own)\s+)*(?:{words('started')})"
             rf"|(?:has|have|had)\s+been\s+(?:{words('ongoing')})|(?:is|are|was|were)\s+(?:{words('ongoing')})"
             rf"|(?:{words('carried')})\s+(?:[\w,.-]+\s+){{0,4}}?(?:{words('carried_out')})")
    out = []
    for entry in lex.raw.get("told_campaigns") or ():
        wagers = _alternatives(entry["by"])
        nouns = words("air_nouns", entry.get("nouns"))
        # who wages it (not "the Saudi-led coalition", not "Russian-made"), then an air noun right after
        # it ("Russian air strikes", "the US-led coalition's warplanes") or a verb of bombing
        pattern = re.compile(
            rf"(?<![\w-])(?<!-led\s)(?:{wagers})(?![\w-](?!led\b))"
            rf"(?:(?:-led)?(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b"
            rf"|[^.;:!?()]{{0,80}}?\b(?:{verbs})\b)")
        # (a plain search for the first words of the cues first: most sentences hold none)
        firsts = {phrase.split()[0].lower() for key in ("air_nouns", "started", "ongoing", "carried_out")
                  for phrase in (*(cues.get(key) or ()), *(entry.get("nouns") or ()))}
        out.append(Told(entry["campaign"], frozenset(name_key(c) for c in entry["in"]),
                        frozenset(name_key(c) for c in entry["by"]), entry.get("since"), pattern,
                        tuple(sorted(w for w in firsts if not any(o != w and o in w for o in firsts)))))
    return out


def told_campaigns(lex: Lexicon, sentences: Iterable[tuple[int, str]], year: int | None, countries: set[str],
                   here: Callable[[int], set[str]]) -> Iterator[tuple[int, str]]:
    """(sentence index, campaign) for each campaign (by its dictionary name) that a sentence of one article
    tells by who wages it. A campaign is told only in an article about where it is fought (`countries`:
    the name keys of the countries it names) and from the year it began, and not in a sentence about
    another country (`here`: sentence index -> the name keys of the countries it names)."""
    told = [t for t in lex.derived("told_campaigns", _build)
            if (year is None or t.since is None or year >= t.since) and t.theatre & countries]
    if not told:
        return
    for index, sentence in sentences:
        folded = sentence.lower()
        for campaign in told:
            if any(word in folded for word in campaign.words) and campaign.pattern.search(sentence) \
                    and not here(index) - campaign.theatre - campaign.home:
                yield index, campaign.campaign
