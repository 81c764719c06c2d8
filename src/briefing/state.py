"""The merge state: what the generator last wrote to each sheet (its merge base), tombstones, rejected facts.

`<root>/.briefing-state.jsonl` is JSON lines, so that a run which adds one article among thousands
neither decodes nor re-encodes what it did not change (the file is 150 MB at 10,000 articles):

    {"format":2,"rejected_facts":[...],"tombstones":[...]}
    ["actors/a.yaml","<sha256 of the text written, or null>",["removed alias", ...],{...base...}]
    ...one line per sheet, sorted by path

A base is kept as its JSON text (compact, keys in the sheet's order) and decoded only when asked for:
the merge compares a generated sheet with its base as text, and an unchanged sheet's line is
written back as it was read. The state of earlier versions (`.briefing-state.json`, one JSON
document) is read once and replaced by the new file.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, TextIO

from .errors import Problem, ValidationError
from .sheets import STATE_FILE
from .store import Batched, atomic_write, json_content, write_if_changed

STATE_FORMAT = 2
LEGACY_STATE_FILE = ".briefing-state.json"   # format 1: one JSON document
JOURNAL_FILE = ".briefing-state.pending.json"
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_DECODER = json.JSONDecoder()


def json_text(data: Any) -> str:
    """Plain data as compact JSON, keys in their order (raises TypeError or ValueError for anything else).
    The generator's sheets come out the same, key order included, so equal texts are equal sheets."""
    return _ENCODER.encode(data)


class SheetState:
    """What the generator last wrote to one sheet, and the aliases an editor removed from it.

    `written`: sha256 of the text written when the sheet held nothing but this base (a new or
    untouched sheet); while the file keeps those bytes no editor has worked on it. None after a
    full merge (it may hold an editor's values). Read from the state file, an entry keeps its line
    and decodes its base only when asked."""

    __slots__ = ("_base", "removed_aliases", "written", "_line", "_at")

    def __init__(self, base: dict[str, Any] | None, removed_aliases: Iterable[str] = (), written: str | None = None,
                 *, line: str | None = None, at: int = 0) -> None:
        if (base is None) == (line is None):
            raise ValueError("a sheet state is made from its base or from its line of the state file")
        self._base = base
        self.removed_aliases = list(removed_aliases)
        self.written = written
        self._line, self._at = line, at   # the state file's line it was read from, and where the base starts in it

    @classmethod
    def from_line(cls, line: str, number: int) -> tuple[str, SheetState]:
        """A sheet's path and entry from its line of the state file."""
        rel, written, removed, at = _fields(line, number)
        return rel, cls(None, [str(a) for a in removed], written, line=line, at=at)

    @property
    def base(self) -> dict[str, Any]:
        if self._base is None:
            self._base = json.loads(self.base_text)
        return self._base

    @property
    def base_text(self) -> str:
        """The base as JSON text, made when asked for and not kept (150 MB at 10,000 articles)."""
        return self._line[self._at:-1] if self._line is not None else json_text(self._base)

    def base_is(self, text: str) -> bool:
        """Whether the base's text is `text` (compared in place, without copying a line)."""
        if self._line is not None:
            return len(self._line) - self._at - 1 == len(text) and self._line.startswith(text, self._at)
        return json_text(self._base) == text

    def line(self, rel: str) -> str:
        """This entry's line in the state file: as it was read, while it still says the same."""
        if self._line is not None:
            return self._line
        # the base comes last, a JSON object: the text after the first three values, to the closing bracket
        return f"[{json_text(rel)},{json_text(self.written)},{json_text(sorted(set(self.removed_aliases)))}," \
               f"{self.base_text}]"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SheetState) and (self.base_text, sorted(self.removed_aliases), self.written) == \
            (other.base_text, sorted(other.removed_aliases), other.written)

    def __repr__(self) -> str:
        return f"SheetState({self.base_text[:60]!r}, {self.removed_aliases!r}, {self.written!r})"


@dataclass
class State:
    """The merge base of every sheet, tombstones, rejected facts."""

    sheets: dict[str, SheetState] = field(default_factory=dict)
    tombstones: set[str] = field(default_factory=set)
    rejected_facts: set[str] = field(default_factory=set)


def state_path(root: Path) -> Path:
    return root / STATE_FILE


def load_state(root: Path) -> State:
    """The state file (or an earlier version's), or an empty state when there is none; a damaged one is an error."""
    path = state_path(root)
    legacy = root / LEGACY_STATE_FILE
    if not path.exists():
        if not legacy.exists():
            return State()
        path = legacy
    try:
        with open(path, encoding="utf-8") as handle:
            return _legacy_state(json.load(handle)) if path == legacy else _read_lines(handle)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, IndexError) as err:
        problem = Problem(str(path), f"cannot read the merge state: {err}",
                          hint="restore it from version control; deleting it makes every sheet count as hand-edited")
        raise ValidationError(str(problem), [problem]) from err


def _read_lines(handle: TextIO) -> State:
    header = json.loads(handle.readline())
    if header.get("format") != STATE_FORMAT:
        raise ValueError(f"unknown format {header.get('format')!r}, expected {STATE_FORMAT}")
    sheets: dict[str, SheetState] = {}
    for number, line in enumerate(handle, start=2):
        line = line.rstrip("\n")
        if not line:
            continue
        rel, entry = SheetState.from_line(line, number)
        sheets[rel] = entry
    return State(sheets, set(header.get("tombstones", [])), set(header.get("rejected_facts", [])))


def _fields(line: str, number: int) -> tuple[str, str | None, list[Any], int]:
    """A sheet's line taken apart without decoding its base: path, written, removed aliases, where the base starts."""
    if not (line.startswith("[") and line.endswith("}]")):
        raise ValueError(f"line {number} is not a sheet's entry")
    values: list[Any] = []
    at = 1
    for _ in range(3):
        try:
            value, at = _DECODER.raw_decode(line, at)
        except ValueError as err:
            raise ValueError(f"line {number}: {err}") from err
        if line[at] != ",":
            raise ValueError(f"line {number} is not a sheet's entry")
        values.append(value)
        at += 1
    rel, written, removed = values
    if not isinstance(rel, str) or not (written is None or isinstance(written, str)) or not isinstance(removed, list):
        raise ValueError(f"line {number} is not a sheet's entry")
    return rel, written, removed, at


def _legacy_state(raw: dict[str, Any]) -> State:
    if raw.get("format") != 1:
        raise ValueError(f"unknown format {raw.get('format')!r}, expected {STATE_FORMAT}")
    sheets = {
        rel: SheetState(dict(entry["base"]), [str(a) for a in entry.get("removed_aliases", [])],
                        str(entry["written"]) if entry.get("written") else None)
        for rel, entry in raw.get("sheets", {}).items()
    }
    return State(sheets, set(raw.get("tombstones", [])), set(raw.get("rejected_facts", [])))


def _write(state: State, handle: TextIO) -> None:
    out = Batched(handle)
    out(json_text({"format": STATE_FORMAT, "rejected_facts": sorted(state.rejected_facts),
                   "tombstones": sorted(state.tombstones)}) + "\n")
    for rel in sorted(state.sheets):
        out(state.sheets[rel].line(rel) + "\n")
    out.flush()


def dump_state(state: State) -> str:
    """The state file's text: the same state gives the same bytes."""
    buffer = io.StringIO()
    _write(state, buffer)
    return buffer.getvalue()


def write_state(root: Path, state: State) -> bool:
    """The state file as `dump_state` gives it, written only if it changed (streamed: never one
    string of 150 MB in memory); an earlier version's file is removed once this one is in place."""
    changed = write_if_changed(state_path(root), lambda handle: _write(state, handle))
    (root / LEGACY_STATE_FILE).unlink(missing_ok=True)
    return changed


# --- the journal: what a run is about to write --------------------------------------------------

def journal_path(root: Path) -> Path:
    return root / JOURNAL_FILE


def write_journal(root: Path, pending: dict[str, tuple[str, SheetState]]) -> None:
    """Before sheets are written: what each will contain and its new base, in case the run dies.

    Without it, sheets written by a run killed before the state file would look hand-made to the
    next run (no base), and every value in them would count as an editor's.
    """
    raw = {rel: {"sha256": text_sha256(text), "base": entry.base, "removed_aliases": sorted(entry.removed_aliases),
                 "written": entry.written} for rel, (text, entry) in pending.items()}
    atomic_write(journal_path(root), json_content({"format": STATE_FORMAT, "sheets": raw}, sort_keys=True))


def recover_journal(root: Path, state: State) -> bool:
    """Adopt the bases of sheets an interrupted run did write (their bytes match the journal)."""
    path = journal_path(root)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))["sheets"]
    except (OSError, ValueError, KeyError, TypeError):
        return False  # no journal (the usual case), or an unusable one: it is only a recovery aid
    for rel, entry in sorted(raw.items()):
        try:
            written = text_sha256((root / rel).read_text(encoding="utf-8")) == entry["sha256"]
        except (OSError, UnicodeDecodeError):
            written = False
        if written:
            state.sheets[rel] = SheetState(dict(entry["base"]), list(entry.get("removed_aliases", [])),
                                           entry.get("written"))
            state.tombstones.discard(rel)
    return True


def remove_journal(root: Path) -> None:
    journal_path(root).unlink(missing_ok=True)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
