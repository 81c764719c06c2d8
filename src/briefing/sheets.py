"""Where fact sheets live and how to read them as plain data (the read-only view).

Round-trip editing (comments, key order) and writing are in `store.py`; this module is the
fast, plain view used by extraction (known names) and rendering.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import Problem

# folder name -> singular kind label, in the order pages and reports list them
FOLDERS: dict[str, str] = {
    "actors": "actor",
    "locations": "location",
    "operations": "operation",
    "sources": "source",
}
ENTITY_FOLDERS = ("actors", "locations", "operations")
SCHEMA_DIR = "schema"
STATE_FILE = ".briefing-state.json"
ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def sheet_path(root: Path, folder: str, sheet_id: str) -> Path:
    """The file of a sheet; ids are slugs, so no id can point outside `root`."""
    if folder not in FOLDERS or not ID_RE.match(sheet_id):
        raise ValueError(f"not a sheet: {folder}/{sheet_id}")
    return root / folder / f"{sheet_id}.yaml"


@dataclass
class Briefing:
    """Every sheet as plain data, by folder and id, plus what could not be read."""

    sheets: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {folder: {} for folder in FOLDERS}
    )
    problems: list[Problem] = field(default_factory=list)

    def entities(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(folder, id, sheet) for actors, locations and operations, in a stable order."""
        for folder in ENTITY_FOLDERS:
            for sheet_id in sorted(self.sheets[folder]):
                yield folder, sheet_id, self.sheets[folder][sheet_id]

    def get(self, sheet_id: str) -> tuple[str, dict[str, Any]] | None:
        for folder in FOLDERS:
            if sheet_id in self.sheets[folder]:
                return folder, self.sheets[folder][sheet_id]
        return None


def load_briefing(root: Path) -> Briefing:
    """Read every sheet under `root`; unreadable ones become problems, never exceptions."""
    briefing = Briefing()
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.yaml")):
            data, problem = read_plain(path)
            if problem:
                briefing.problems.append(problem)
            elif isinstance(data, dict):
                briefing.sheets[folder][path.stem] = data
            else:
                briefing.problems.append(Problem(str(path), "a fact sheet must be a mapping of keys to values", 1))
    return briefing


def read_plain(path: Path) -> tuple[Any, Problem | None]:
    """Parse one YAML file safely (no tags, no code); errors come back as a Problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return None, Problem(str(path), f"cannot read file: {err}", hint="save it as UTF-8 text")
    try:
        return yaml.load(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        return None, Problem(str(path), f"YAML syntax error: {err.problem}", line, column,
                             hint="fix the YAML syntax at this position")
    except yaml.YAMLError as err:
        return None, Problem(str(path), f"YAML error: {err}")
