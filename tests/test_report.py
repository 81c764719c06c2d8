"""The review report: close names flagged for an editor, within one folder and kind."""
from __future__ import annotations

import itertools
import random
import re

from rapidfuzz import fuzz

from briefing.names import name_key
from briefing.report import possible_duplicates
from briefing.resolve import Entity


def _e(eid: str, name: str, folder: str = "locations", kind: str = "town") -> Entity:
    return Entity(id=eid, name=name, folder=folder, kind=kind)


def test_close_spellings_are_flagged_once_in_a_stable_order() -> None:
    found = possible_duplicates([_e("vel-morava", "Vel Morava"), _e("velmorrava", "Velmorrava"),
                                 _e("kessel-dam", "Kessel Dam"), _e("vel-moravo", "Vel Moravo")])
    assert found == [
        # the comparison is of name keys, which fold spelling variants (final -a/-o here)
        "locations/vel-morava 'Vel Morava' ~ locations/vel-moravo 'Vel Moravo' (names 100% alike)",
        "locations/vel-morava 'Vel Morava' ~ locations/velmorrava 'Velmorrava' (names 95% alike)",
        "locations/vel-moravo 'Vel Moravo' ~ locations/velmorrava 'Velmorrava' (names 95% alike)",
    ]


def test_other_kind_folder_or_short_names_are_not_flagged() -> None:
    assert possible_duplicates([_e("ostrava-a", "Ostravania"), _e("ostrava-b", "Ostravanja", kind="village")]) == []
    assert possible_duplicates([_e("ostrava-a", "Ostravania"), _e("ostrava-b", "Ostravanja", folder="actors")]) == []
    assert possible_duplicates([_e("tal", "Talin"), _e("tel", "Telin")]) == []
    assert possible_duplicates([_e("brenna", "Brenna Hills"), _e("dorn", "Dorn Valley")]) == []


def test_blocks_find_what_comparing_every_pair_finds() -> None:
    """Comparing only names that start alike (one folder and kind) misses no pair that all-pairs finds."""
    rng = random.Random(7)
    letters = "aeioubdklmnrstvz"
    names = ["".join(rng.choice(letters) for _ in range(rng.randint(6, 12))).title() for _ in range(400)]
    names += [n[:-1] + "h" for n in names[:40]] + [n + "a" for n in names[40:80]]   # planted near-twins
    entities = [_e(f"e{i}", n, kind=("town", "village")[i % 2]) for i, n in enumerate(names)]
    expected = set()
    for a, b in itertools.combinations(entities, 2):
        ka, kb = name_key(a.name), name_key(b.name)
        if a.kind == b.kind and ka[:1] == kb[:1] and min(len(ka), len(kb)) >= 6 and fuzz.ratio(ka, kb) >= 90:
            expected.add(frozenset((a.id, b.id)))
    found = {frozenset(re.findall(r"locations/(\S+)", line)) for line in possible_duplicates(entities)}
    assert len(expected) >= 20 and found == expected
