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
from .parallel import pmap

# folder name -> singular kind label, in the order pages and reports list them
FOLDERS: dict[str, str] = {
    "actors": "actor",
    "locations": "location",
    "operations": "operation",
    "sources": "source",
}
ENTITY_FOLDERS = ("actors", "locations", "operations")
SCHEMA_DIR = "schema"
STATE_FILE = ".briefing-state.jsonl"
ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
# ids the site itself uses for pages and folders
RESERVED_IDS = frozenset({"index", "schema", "assets", "search", "404"})
# Hostile-input limits: these stop pasted dumps and alias bombs. A sheet is a few kilobytes, but the
# sheet of a hub (a country, the main armed group) grows with the briefing: 6.7 MB at 10,000 articles.
MAX_SHEET_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
_CORE_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))

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
    paths = [(folder, path) for folder in FOLDERS for path in sorted((root / folder).glob("*.yaml"))]
    # parsing is the cost (about 1 ms a sheet): spread over every core in large briefings
    for (folder, path), (data, problem) in zip(paths, pmap(read_mapping, [path for _, path in paths])):
        if problem:
            briefing.problems.append(problem)
        else:
            briefing.sheets[folder][path.stem] = data
    return briefing


def read_mapping(path: Path) -> tuple[dict[str, Any] | None, Problem | None]:
    """`read_plain`, for a sheet: anything but a mapping is a problem too."""
    data, problem = read_plain(path)
    if problem is None and not isinstance(data, dict):
        return None, Problem(str(path), "a fact sheet must be a mapping of keys to values", 1)
    return data, problem


def read_plain(path: Path) -> tuple[Any, Problem | None]:
    """Parse one YAML file safely (no tags, no code); errors come back as a Problem."""
    text, problem = read_sheet_text(path)
    if problem is None and not plainly_safe(text):   # (then a syntax error is the loader's to report)
        problem = unsafe_yaml(path, text)
    if problem is not None:
        return None, problem
    try:
        return yaml.load(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as err:
        return None, syntax_problem(path, err)
    except yaml.YAMLError as err:
        return None, Problem(str(path), f"YAML error: {err}")


def read_sheet_text(path: Path) -> tuple[str, Problem | None]:
    """The text of a sheet, refusing files above `MAX_SHEET_BYTES` before reading them."""
    try:
        size = path.stat().st_size
        if size > MAX_SHEET_BYTES:
            return "", Problem(str(path), f"sheet is {size} bytes; the limit is {MAX_SHEET_BYTES} bytes "
                               f"({MAX_SHEET_BYTES >> 20} MB)",
                               hint="keep long source text out of the sheet")
        return path.read_text(encoding="utf-8-sig"), None
    except (OSError, UnicodeDecodeError) as err:
        return "", Problem(str(path), f"cannot read file: {err}", hint="save it as UTF-8 text")


def syntax_problem(path: Path | str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(str(path), f"YAML syntax error: {err.problem or err}", line, column,
                   hint="fix the YAML syntax at this position")


def unsafe_yaml(path: Path | str, text: str) -> Problem | None:
    """The first syntax error or hostile construct in `text`, from one linear pass over its events.

    Anchors and aliases are refused outright (a "billion laughs" sheet is rejected at its first
    anchor, before anything is expanded), as are tags other than the core ones (no
    `!!python/object`), nesting deeper than `MAX_DEPTH` and a second document.
    """
    depth = documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
            problem = _event_problem(event, depth, documents)
            if problem is not None:
                message, hint = problem
                mark = event.start_mark
                return Problem(str(path), message, mark.line + 1, mark.column + 1, hint)
    except yaml.MarkedYAMLError as err:
        return syntax_problem(path, err)
    except yaml.YAMLError as err:
        return Problem(str(path), f"YAML error: {err}")
    return None


_NODE_PROPERTY = re.compile(r"(?:^[ \t]*|[\[{,][ \t]*|[:?-][ \t]+)[&*!]", re.M)   # where an anchor, alias or tag can start
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)", re.M)
_LINE_INDENT = re.compile(r"^[ ]*(?:-[ ]+)*", re.M)


def plainly_safe(text: str) -> bool:
    """No parse needed to see that `text` holds none of what `unsafe_yaml` refuses: nowhere an anchor,
    alias or tag could start, no document marker, no tab, and nesting bounded by the deepest indentation
    (each block level indents by a column at least) plus every bracket. A sheet that fails this cheap
    look is not unsafe, only parsed event by event (at 37,000 sheets that pass cost a tenth of a check)."""
    if "\t" in text or _NODE_PROPERTY.search(text) or _DOCUMENT_MARK.search(text):
        return False
    deepest = max((m.end() - m.start() for m in _LINE_INDENT.finditer(text)), default=0)
    return deepest + 1 + text.count("[") + text.count("{") < MAX_DEPTH


def _event_problem(event: yaml.Event, depth: int, documents: int) -> tuple[str, str] | None:
    """(message, hint) when one parser event is not allowed in a fact sheet."""
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
        return (f"YAML anchors and aliases ({sign}{anchor}) are not allowed in fact sheets",
                "write the value out in full")
    tag = getattr(event, "tag", None)
    if tag is not None and tag not in ALLOWED_TAGS:
        shown = "!!" + tag[len(_CORE_TAG):] if tag.startswith(_CORE_TAG) else tag
        return (f"YAML tag '{shown}' is not allowed in fact sheets",
                "remove the tag: sheets hold only text, numbers, true/false, null, lists and mappings")
    if depth > MAX_DEPTH:
        return f"nesting deeper than {MAX_DEPTH} levels", "fact sheets are shallow: check the indentation"
    if documents > 1:
        return ("a fact sheet must hold one YAML document",
                "remove the second '---' and what follows, or move it to a file of its own")
    return None
