"""Per-article cache: what reading, discovery and the fact rules made of a file, keyed by the file's
bytes and the rules, so a run over 10,000 articles with one new article only reads and discovers that one.

Stored as JSON (never pickle: a cache file must not be able to run code) in
`<briefings>/.briefing-cache/`, which is not committed.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from stat import S_ISREG
from typing import Any

from . import RULES_VERSION, __version__
from .extract import Candidate, Discovery
from .facts import Fact
from .read import MAX_BYTES, Article, Excluded
from .store import atomic_write, write_if_changed, write_many_if_changed

CACHE_DIR = ".briefing-cache"
_RUN_FILE = "run.json"
_TABLES_FILE = "matchers.json"   # the names each matcher looked for last run (see `pipeline.match_texts`)
_PLACES_FILE = "places.json"     # where each place of the last run is (see `assemble.Places`)
_ARTICLES = "articles"
_OLD_FILE = "articles.json"


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """Changes whenever the rules change: the package's code or any shipped data file (an
    upgraded or edited rule must never be hidden behind a cached result)."""
    return fingerprint_of(resources.files("briefing"))


def fingerprint_of(package: Any) -> str:
    """The fingerprint of a package folder (a Path or an importlib Traversable)."""
    digest = hashlib.sha256(f"{__version__}/{RULES_VERSION}".encode())
    for folder in (package, package.joinpath("data")):
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith((".py", ".yaml", ".json"))):
            digest.update(name.encode() + folder.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


class ArticleCache:
    """Read-through cache of articles, their discoveries and facts; `enabled=False` caches nothing.

    One small JSON file per article (`articles/<key>.json`), read when the article is looked up and
    written only when new or changed, plus `run.json` (the rules, the last run's fingerprint and
    warnings), written last. One file for all (190 MB at 10,000 articles) was read and written whole
    by every run, and parsed even to find that nothing had changed.
    """

    def __init__(self, briefings: Path, enabled: bool = True) -> None:
        self.folder = briefings / CACHE_DIR
        self.enabled = enabled
        self.entries: dict[str, dict[str, Any]] = {}   # key -> entry, for the articles of this run
        self.used: set[str] = set()
        self.changed: set[str] = set()
        self.hits = self.misses = 0
        self.last_run: str | None = None
        self.warnings: list[str] = []   # what the last run warned about (still true if nothing changed)
        self.valid = False              # the files on disk were made by these rules
        self._pending: dict[Path, str] = {}
        self._on_disk: set[str] = set()   # entries read from a file (what was used of them is no longer in memory)
        self.tables: dict[str, dict[str, str]] = {}   # matcher -> the digests of its names, last run and now
        self.places: dict[str, Any] = {}   # the coordinates of each place, last run and now (`assemble.Places`)
        self._written: set[str] = set()   # entries written by this run
        if enabled and (self.folder / _RUN_FILE).is_file():
            try:
                raw = json.loads((self.folder / _RUN_FILE).read_text(encoding="utf-8"))
                if raw.get("rules") == rules_fingerprint():
                    self.valid = True
                    self.last_run = raw.get("last_run")
                    self.warnings = [str(w) for w in raw.get("warnings") or []]
                    tables = json.loads((self.folder / _TABLES_FILE).read_text(encoding="utf-8"))
                    self.tables = tables if isinstance(tables, dict) else {}
                    places = json.loads((self.folder / _PLACES_FILE).read_text(encoding="utf-8"))
                    self.places = places if isinstance(places, dict) else {}
            except (OSError, ValueError, AttributeError):
                pass   # a damaged cache is only a slower run

    def key(self, path: Path, raw: bytes, root: Path) -> str:
        return hashlib.sha256(raw + b"\0" + str(path.relative_to(root) if path.is_relative_to(root)
                                                 else path).encode()).hexdigest()

    def _read_file(self, key: str) -> dict[str, Any] | None:
        try:
            entry = json.loads((self.folder / _ARTICLES / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None   # none yet, or damaged: the article is read again
        return entry if isinstance(entry, dict) else None

    def lookup(self, path: Path, root: Path) -> Article | None:
        """The cached article for this file's bytes, or None (then read it and `store` it)."""
        if not self.enabled:
            return None
        try:
            if path.stat().st_size > MAX_BYTES:
                return None   # reading refuses it, with the message
            key = self.key(path, path.read_bytes(), root)
        except OSError:
            return None       # reading reports it
        self.used.add(key)
        self._pending[path] = key
        entry = self._read_file(key) if self.valid else None
        if not entry or "article" not in entry:
            self.misses += 1
            return None
        self.hits += 1
        # each part is dropped from memory once used: should the entry be written again, what it
        # held is read again from its file (half a gigabyte of dicts at 10,000 articles otherwise)
        self.entries[key] = entry
        self._on_disk.add(key)
        data = dict(entry.pop("article"))
        data["excluded"] = [Excluded(**e) for e in data["excluded"]]
        article = Article(**data)
        article._cache_key = key  # type: ignore[attr-defined]
        return article

    def store(self, path: Path, article: Article) -> None:
        key = self._pending.get(path)
        if self.enabled and key:
            self.entries[key] = {"article": {**_fields(article), "excluded": [_fields(e) for e in article.excluded]}}
            self.changed.add(key)
            article._cache_key = key  # type: ignore[attr-defined]

    def discovery(self, article: Article) -> Discovery | None:
        entry = self.entries.get(getattr(article, "_cache_key", ""), {})
        if "discovery" not in entry:
            return None
        raw = entry.pop("discovery")
        return Discovery([Candidate(**c) for c in raw["candidates"]], [tuple(link) for link in raw["links"]])

    def remember(self, article: Article, found: Discovery) -> None:
        key = getattr(article, "_cache_key", None)
        if self.enabled and key in self.entries:
            # now: later stages edit candidates in place
            self.entries[key]["discovery"] = {"candidates": [_fields(c) for c in found.candidates],
                                              "links": [list(link) for link in found.links]}
            self.changed.add(key)

    def facts(self, article: Article, signature: str) -> list[Fact] | None:
        """The facts found in this article last time, if what they were found from is unchanged
        (`signature`: the names matched in each sentence and what each is, see `pipeline`)."""
        rows = self.part(article, "facts", signature)
        if rows is None:
            return None
        # fresh lists and dicts: later stages edit a fact's `extra` in place
        return [Fact(**{**f, "involves": list(f["involves"]), "extra": dict(f["extra"]),
                        "link": tuple(f["link"]) if f["link"] else None, "sides": tuple(f["sides"])})
                for f in rows]

    def remember_facts(self, article: Article, signature: str, found: list[Fact]) -> None:
        self.remember_part(article, "facts", [
            {**_fields(f), "involves": list(f.involves), "extra": json.loads(json.dumps(f.extra)),
             "link": list(f.link) if f.link else None, "sides": list(f.sides)} for f in found], signature)

    def part(self, article: Article, name: str, signature: str = "") -> Any:
        """A value remembered for this article under `name`, if it was found from what `signature`
        describes (None otherwise). Like every part, it is dropped from memory once read."""
        entry = self.entries.get(getattr(article, "_cache_key", ""), {}).pop(name, None)
        if not isinstance(entry, dict) or entry.get("signature") != signature:
            return None
        return entry.get("value")

    def remember_part(self, article: Article, name: str, value: Any, signature: str = "") -> None:
        key = getattr(article, "_cache_key", None)
        if self.enabled and key in self.entries:
            self.entries[key][name] = {"signature": signature, "value": value}
            self.changed.add(key)

    def save_entries(self) -> None:
        """Write the new and changed entries, and let go of them (before the merge, which needs the memory)."""
        if not self.enabled:
            return
        folder = self.folder / _ARTICLES
        folder.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.changed & self.used)
        for start in range(0, len(keys), 1000):   # in batches: 10,000 entries are 250 MB of JSON
            files = {folder / f"{key}.json": json.dumps({**((self._read_file(key) or {}) if key in self._on_disk else {}),
                                                         **self.entries.pop(key)}, ensure_ascii=False)
                     for key in keys[start:start + 1000]}
            write_many_if_changed(files)
            self._written.update(path.stem for path in files)
        self.changed -= set(keys)
        self._on_disk.update(keys)
        self.entries.clear()   # what is left of the others was read from their files and is there still

    def save(self, last_run: str | None = None, warnings: list[str] | None = None) -> None:
        """Write what `save_entries` has not, drop the entries of articles that are gone, then the
        names the matchers looked for and `run.json`."""
        if not self.enabled:
            return
        self.save_entries()
        for stale in (self.folder / _ARTICLES).glob("*.json"):
            if stale.stem not in self.used or not self.valid and stale.stem not in self._written:
                stale.unlink(missing_ok=True)
        (self.folder / _OLD_FILE).unlink(missing_ok=True)   # the single file of earlier versions
        # after the entries: the entries are never older than the names they were matched with
        atomic_write(self.folder / _TABLES_FILE, json.dumps(self.tables, ensure_ascii=False))
        write_if_changed(self.folder / _PLACES_FILE, json.dumps(self.places, ensure_ascii=False, sort_keys=True))
        atomic_write(self.folder / _RUN_FILE, json.dumps({"rules": rules_fingerprint(), "last_run": last_run,
                                                          "warnings": warnings or []}, ensure_ascii=False))
        self.valid = True


def _fields(record: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict (`asdict` deep-copies recursively: ten times slower)."""
    return {k: v for k, v in vars(record).items() if not k.startswith("_")}


def run_fingerprint(seeds: Path, briefings: Path) -> str:
    """Everything an extract run depends on: the rules, every file under seeds/ and every sheet
    (an editor's edit must be merged even when no article changed). Files are known by path,
    size and modification time, like make: nothing is read, so a 20 GB file dropped into seeds/
    costs nothing here (reading refuses it by size)."""
    digest = hashlib.sha256(rules_fingerprint().encode())
    for folder in (seeds, briefings):
        for rel, stat in _files(folder):
            digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_mode}\n".encode())
    return digest.hexdigest()


def _files(folder: Path) -> list[tuple[str, os.stat_result]]:
    """(path relative to `folder`, stat) of every file below it, sorted; the cache folder is not
    entered (at 10,000 articles it holds as many files as seeds/), nor a linked folder (as `os.walk`)."""
    found: list[tuple[str, os.stat_result]] = []

    def visit(top: str, prefix: str) -> None:
        # (relative paths by prefix, not `os.path.relpath`: at 50,000 files that took seconds)
        with os.scandir(top) as entries:
            for entry in entries:
                if entry.is_dir():
                    if entry.name != CACHE_DIR and not entry.is_symlink():
                        visit(entry.path, prefix + entry.name + "/")
                elif S_ISREG((stat := entry.stat()).st_mode):
                    found.append((prefix + entry.name, stat))
    if folder.is_dir():
        visit(str(folder), "")
    return sorted(found, key=lambda item: item[0])
