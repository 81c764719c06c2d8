"""What a run knows of each sheet file without reading it, by the file's size and mtime (like make).

Extraction needs only a sheet's identity (name, aliases, kind, merged_into), and the merge only
needs to know whether a file still holds its merge base. At 36,000 sheets, parsing them all for
that took most of a run that added one article. The index keeps both per file, so a run parses
only the files that changed since the last one; the rest are known by their stat.

Stored as JSON in `<briefings>/.briefing-cache/sheets.json` (not committed). An entry is trusted
only while the file's size and mtime are those recorded, and "holds its base" only while the state
file is the one the index was saved with. `enabled=False` (`--no-cache`, `--check`) trusts nothing.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from .cache import CACHE_DIR, rules_fingerprint
from .errors import Problem
from .parallel import pmap
from .sheets import FOLDERS, Briefing, read_mapping
from .state import state_path
from .store import atomic_write, json_content

IDENTITY_KEYS = ("name", "aliases", "kind", "merged_into")
_FILE = "sheets.json"
Stat = tuple[int, int]


def identity(data: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a sheet extraction reads: who it is (names) and where it went (merged_into)."""
    return {key: data[key] for key in IDENTITY_KEYS if key in data}


def stat_of(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def sheet_files(root: Path) -> list[str]:
    """Every sheet under `root` as "folder/name.yaml", sorted by folder order then name."""
    return [f"{folder}/{path.name}" for folder in FOLDERS for path in sorted((root / folder).glob("*.yaml"))]


class SheetIndex:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.root = root
        self.path = root / CACHE_DIR / _FILE
        self.enabled = enabled
        # rel -> (stat, identity or None, problem or None)
        self.entries: dict[str, tuple[Stat, dict[str, Any] | None, Problem | None]] = {}
        self.holding: set[str] = set()   # files that held their merge base when the index was saved
        if enabled and self.path.is_file():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                if raw.get("rules") == rules_fingerprint():
                    self.entries = {rel: ((e[0], e[1]), e[2], Problem(**e[3]) if e[3] else None)
                                    for rel, e in raw["sheets"].items()}
                    if raw.get("state") == list(stat_of(state_path(root)) or ()):
                        self.holding = set(raw.get("holding") or ())
            except (OSError, ValueError, TypeError, KeyError, IndexError):
                self.entries, self.holding = {}, set()   # a damaged index is only a slower run

    def briefing(self) -> Briefing:
        """Every sheet's identity (sources: only whether it is readable), parsing the changed files."""
        rels = sheet_files(self.root)
        stats = {rel: stat_of(self.root / rel) for rel in rels}
        known = {rel: entry for rel in rels if (entry := self.entries.get(rel)) and entry[0] == stats[rel]}
        todo = [rel for rel in rels if rel not in known]
        self.holding -= set(todo)   # changed since: whether it still holds its base is the merge's to find out
        for rel, (data, problem) in zip(todo, pmap(read_mapping, [self.root / rel for rel in todo])):
            stat = stats[rel]
            if stat is not None:
                known[rel] = (stat, identity(data) if data is not None else None, problem)
        self.entries = known
        briefing = Briefing()
        for rel in rels:
            if rel not in known:
                continue
            _stat, ident, problem = known[rel]
            if problem is not None:
                briefing.problems.append(problem)
            elif ident is not None:
                folder, _, name = rel.partition("/")
                briefing.sheets[folder][name[:-len(".yaml")]] = ident
        return briefing

    def known_to_hold_base(self) -> set[str]:
        """Files that held their merge base when last seen and have not changed since."""
        if not self.enabled:
            return set()
        return {rel for rel in self.holding if rel in self.entries and self.entries[rel][0] == stat_of(self.root / rel)}

    def save(self, written: Mapping[str, Mapping[str, Any]], holding: Iterable[str]) -> None:
        """After a merge: the identities of the sheets it wrote, and which files now hold their base."""
        if not self.enabled:
            return
        for rel, data in written.items():
            stat = stat_of(self.root / rel)
            if stat is not None:
                self.entries[rel] = (stat, identity(data), None)
        sheets = {rel: [*stat, ident, vars(problem) if problem else None]
                  for rel, (stat, ident, problem) in sorted(self.entries.items())
                  if stat_of(self.root / rel) == stat}
        raw = {"rules": rules_fingerprint(), "state": list(stat_of(state_path(self.root)) or ()),
               "holding": sorted(set(holding) & set(sheets)), "sheets": sheets}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json_content(raw))
