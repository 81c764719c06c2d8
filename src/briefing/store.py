"""Writing sheets: round-trip YAML (comments and key order survive), atomic writes (the merge state is `state`).

Loading is safe before it is faithful: `sheets.unsafe_yaml` refuses anchors/aliases, non-core
tags, deep nesting and oversized files in one linear C-speed pass, and only then does ruamel
build the round-trip document (whose composer would otherwise happily expand alias bombs).
"""
from __future__ import annotations

import filecmp
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, TextIO

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken

from .errors import Problem
from .sheets import SCHEMA_DIR, read_sheet_text, unsafe_yaml

_STR = "tag:yaml.org,2002:str"
_resolver = pyyaml.resolver.Resolver()
_RT_RESOLVER = VersionedResolver()


def schema_header(kind: str) -> str:
    """The first line of every sheet: editors' YAML tools pick up the schema from it."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{kind}.schema.json"


class SheetRepresenter(RoundTripRepresenter):
    """Same data, same bytes; readable by PyYAML (YAML 1.1) exactly as ruamel (1.2) reads it."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # never write anchors: the loader refuses them

    def represent_none(self, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")

    def represent_str(self, data: str) -> Any:
        return self.represent_scalar(_STR, data, style=str_style(data))


_ANALYSER = pyyaml.emitter.Emitter(io.StringIO(), allow_unicode=True)


@lru_cache(maxsize=1 << 16)   # keys, ids, kinds and source ids recur in every sheet
def str_style(data: str) -> str | None:
    """How a string is written, decided here rather than by either emitter, so that ruamel (for
    sheets an editor has touched) and libyaml (for new sheets, ten times faster) write the same bytes."""
    if "\n" in data:
        return "|"
    # 'yes', 'no', 'on', '1:30', '2015-06-24' are strings to ruamel but not to PyYAML's
    # YAML 1.1 resolver (which `sheets.read_plain` uses): quote them.
    if data and (_resolver.resolve(pyyaml.ScalarNode, data, (True, False)) != _STR
                 or _RT_RESOLVER.resolve(ScalarNode, data, (True, False)) != _STR):
        return "'"   # and '09', '1e3' are numbers to ruamel's YAML 1.2, which reads sheets for merging
    if data and _PRINTABLE.fullmatch(data):   # most strings: the same decision as below, ten times faster
        return None if _PLAIN.fullmatch(data) else '"' if "'" in data else "'"
    analysis = _ANALYSER.analyze_scalar(data)
    if not data or not analysis.allow_block_plain:
        return '"' if "'" in data or not analysis.allow_single_quoted else "'"
    return None


# A one-line string of printable characters that the emitters' analysis (`analyze_scalar`) lets
# stand plain: no document marker, indicator or space at the start, no ": " or " #" inside, no
# space or colon at the end (tests/test_store.py compares the two).
_PLAIN = re.compile(r"(?!---|\.\.\.|[-?:](?: |$))[^ #,\[\]{}&*!|>'\"%@`](?:[^:#]|:(?! |$)|(?<! )#)*(?<! )")


SheetRepresenter.add_representer(type(None), SheetRepresenter.represent_none)
SheetRepresenter.add_representer(str, SheetRepresenter.represent_str)


def new_yaml() -> YAML:
    """A round-trip YAML instance with the project's one output style."""
    rt = YAML(typ="rt")
    rt.Representer = SheetRepresenter
    rt.preserve_quotes = True
    rt.width = 1_000_000  # never fold long quotes: folding depends on indentation and breaks diffs
    rt.allow_unicode = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.default_flow_style = False
    return rt


@dataclass
class LoadedSheet:
    """One sheet read for round-trip editing: its text, its document, or what is wrong with it."""

    path: Path
    text: str = ""
    data: Any = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_sheet(path: Path) -> LoadedSheet:
    """Read a sheet for editing; hostile or broken files come back with problems, never raise."""
    text, problem = read_sheet_text(path)
    if problem is None:
        return loads_sheet(path, text)
    return LoadedSheet(path, problems=[problem])


def loads_sheet(path: Path, text: str) -> LoadedSheet:
    problem = unsafe_yaml(path, text)
    if problem is not None:
        return LoadedSheet(path, text, problems=[problem])
    try:
        data = new_yaml().load(text)
    except YAMLError as err:  # duplicate keys and the odd YAML 1.2-only error
        mark = getattr(err, "problem_mark", None)
        message = getattr(err, "problem", None) or str(err).splitlines()[0]
        return LoadedSheet(path, text, problems=[Problem(
            str(path), f"YAML error: {message}", mark.line + 1 if mark else None,
            mark.column + 1 if mark else None, hint="fix the YAML at this position")])
    if not isinstance(data, CommentedMap):
        return LoadedSheet(path, text, problems=[Problem(
            str(path), "a fact sheet must be a mapping of keys to values", 1)])
    return LoadedSheet(path, text, data)


def dumps(data: Any) -> str:
    """YAML text of `data`: a round-trip document (an editor's file: its comments and quoting
    survive) through ruamel; plain generated data, the bulk of a run over thousands of articles,
    written directly in the same layout (see `_Emitter`)."""
    if isinstance(data, dict) and not isinstance(data, CommentedMap) and data:
        try:
            return _Emitter().document(data)
        except _Unusual:
            pass
    buffer = io.StringIO()
    new_yaml().dump(data, buffer)
    return buffer.getvalue()


class _Unusual(Exception):
    """A value the direct emitter leaves to ruamel."""


# characters every YAML emitter writes as they are, in any style (no breaks, BOM, tabs or controls)
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_LONGEST = 100_000   # never near the emitters' line width (1,000,000), past which they would fold


class _Emitter:
    """Generated sheets as ruamel writes them (`new_yaml`), twenty times faster: block mappings,
    sequences indented under their key, strings in the style `str_style` picks. Anything else (a
    multi-line string, a list inside a list, an unusual character or number) raises `_Unusual`
    and goes to ruamel; `test_fast_dump_is_byte_identical_to_ruamel` holds the two together."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def document(self, mapping: dict[str, Any]) -> str:
        self.mapping(mapping, 0, "")
        return "\n".join(self.lines) + "\n"

    def mapping(self, mapping: dict[str, Any], indent: int, lead: str) -> None:
        pad = " " * indent
        for key, value in mapping.items():
            if not isinstance(key, str) or len(key) > 100:   # longer keys are written as "? key"
                raise _Unusual
            head = f"{lead or pad}{scalar(key)}:"
            lead = ""
            if isinstance(value, (dict, list)) and value:
                self.lines.append(head)
                if isinstance(value, dict):
                    self.mapping(value, indent + 2, "")
                else:
                    self.sequence(value, indent + 2)
            else:
                self.lines.append(f"{head} {scalar(value)}")

    def sequence(self, items: list[Any], indent: int) -> None:
        lead = " " * indent + "- "
        for item in items:
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, lead)
            elif isinstance(item, list):
                raise _Unusual
            else:
                self.lines.append(lead + scalar(item))


def scalar(value: Any) -> str:
    """One scalar (or an empty collection) on one line, as the sheets write it."""
    if isinstance(value, str):
        if len(value) > _LONGEST or not _PRINTABLE.fullmatch(value):
            raise _Unusual
        style = str_style(value)
        if style is None:
            return value
        if style == "'":
            return "'" + value.replace("'", "''") + "'"
        if style == '"':
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        raise _Unusual
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "." in text and "e" not in text and "n" not in text:   # not 1e+20, inf or nan
            return text
        raise _Unusual
    if value == {} or value == []:
        return "{}" if isinstance(value, dict) else "[]"
    raise _Unusual


def dump_sheet(data: Any, kind: str) -> str:
    """The text of a sheet of `kind` (actor, location, operation, source), schema line first."""
    header = schema_header(kind)
    text = dumps(data)
    if text.startswith(header + "\n"):
        return text
    if text.startswith("# yaml-language-server:"):
        text = text.split("\n", 1)[1]  # a stale schema line (the sheet changed folder)
    return f"{header}\n{text}"


def plain(value: Any) -> Any:
    """Round-trip values as plain dicts, lists, str, int, float (for comparing and JSON)."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    for kind in (str, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


TEMP_SUFFIX = ".tmp"


# a file's new content: its text, or a function that writes it (a 170 MB state file is then never
# one string in memory)
Content = str | Callable[[TextIO], Any]


def json_content(data: Any, *, expand: int | None = None, **options: Any) -> Callable[[TextIO], None]:
    """`data` as JSON (and a final newline), written piece by piece.

    With `indent` and `expand`, only the containers of the first `expand` levels are laid out one
    item per line, and each value below them is written whole on its line by the C encoder: the
    pure-Python encoder that `indent` needs otherwise took most of the time of writing a 170 MB
    state file.
    """
    options = {"ensure_ascii": False, **options}
    indent = options.pop("indent", None)

    def write(handle: TextIO) -> None:
        out = Batched(handle)
        if indent is None or expand is not None:   # the C encoder below the first levels
            # one encoder for every value: `json.dumps` with options builds a new one per call (a million calls)
            _stream(data, out, 2 if indent is None else expand, indent, json.JSONEncoder(**options).encode,
                    bool(options.get("sort_keys")))
        else:
            for chunk in json.JSONEncoder(indent=indent, **options).iterencode(data):
                out(chunk)
        out("\n")
        out.flush()
    return write


class Batched:
    """Collects pieces of text and writes them about a megabyte at a time (millions of tiny writes
    cost seconds; a batch counted in pieces, which may be whole sheets, cost hundreds of megabytes)."""

    def __init__(self, handle: TextIO) -> None:
        self.handle, self.chunks, self.size = handle, [], 0

    def __call__(self, text: str) -> None:
        self.chunks.append(text)
        self.size += len(text)
        if self.size >= 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self.chunks))
        self.chunks.clear()
        self.size = 0


def _stream(data: Any, write: Callable[[str], None], levels: int, indent: int | None,
            encode: Callable[[Any], str], sort_keys: bool, depth: int = 0) -> None:
    """`encode(data)` with `indent` written piece by piece: the containers of the first `levels`
    levels item by item (one per line with an `indent`), everything below them whole by the C
    encoder (the pure-Python encoder that `json.dump` and `indent` fall back to is several times
    slower). Only mappings are taken apart in compact output, as `json.dumps` lays out a compact
    list the same either way."""
    if levels == 0 or not data or not isinstance(data, (dict, list) if indent is not None else dict):
        write(encode(data))
        return
    inner = "\n" + " " * (indent * (depth + 1)) if indent is not None else ""
    outer = "\n" + " " * (indent * depth) if indent is not None else ""
    comma = "," if indent is not None else ", "
    items = (sorted(data.items()) if sort_keys else data.items()) if isinstance(data, dict) else enumerate(data)
    write("{" if isinstance(data, dict) else "[")
    for n, (key, value) in enumerate(items):
        write((comma if n else "") + inner + (encode(key) + ": " if isinstance(data, dict) else ""))
        _stream(value, write, levels - 1, indent, encode, sort_keys, depth + 1)
    write(outer + ("}" if isinstance(data, dict) else "]"))


def atomic_write(path: Path, text: Content) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new, never half."""
    tmp = _write_temp(path, text, fsync=True)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(path.parent)


def _write_temp(path: Path, text: Content, fsync: bool) -> str:
    """`text` in a new temp file beside `path`, with `path`'s mode; returns the temp file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                text(handle)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return tmp


def _unlink_quietly(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_many_if_changed(files: Mapping[Path, str]) -> list[Path]:
    """`write_if_changed` for many files with one flush to disk for all of them (one fsync per
    file made a first run over 36,000 sheets take minutes). Each file is still replaced in one
    step, old or new, never half, and no file is renamed into place before every new file's
    bytes are on disk. Returns the paths written."""
    todo: dict[Path, str] = {}
    for path, text in files.items():
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        todo[path] = text
    temps: list[tuple[str, Path]] = []
    try:
        for path, text in todo.items():
            temps.append((_write_temp(path, text, fsync=False), path))
        if temps:
            _flush_to_disk([tmp for tmp, _ in temps])
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            _unlink_quietly(tmp)   # the renamed ones are gone already
        raise
    for folder in sorted({path.parent for path in todo}):
        _fsync_dir(folder)
    return list(todo)


def _flush_to_disk(paths: list[str]) -> None:
    if hasattr(os, "sync"):
        os.sync()   # one call for every file (POSIX)
        return
    for tmp in paths:
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())


def remove_stale_temp_files(folders: Iterable[Path]) -> None:
    """Temporary files a killed run left behind (a kill skips the clean-up): never a sheet."""
    for folder in folders:
        for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
            _unlink_quietly(tmp)


def write_if_changed(path: Path, text: Content) -> bool:
    """Write only when the bytes differ, so unchanged sheets keep their mtime."""
    if not isinstance(text, str):
        return _stream_if_changed(path, text)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, text)
    return True


def _stream_if_changed(path: Path, content: Callable[[TextIO], Any]) -> bool:
    """Written beside `path` first, then compared with it byte for byte (never whole in memory)."""
    tmp = _write_temp(path, content, fsync=False)
    try:
        if path.is_file() and filecmp.cmp(tmp, path, shallow=False):
            _unlink_quietly(tmp)
            return False
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(path.parent)
    return True


def schema_files() -> dict[str, str]:
    """name -> text of the JSON Schemas shipped in the package."""
    folder = resources.files("briefing") / "schema"
    return {entry.name: entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".json")}


def install_schemas(root: Path) -> list[Path]:
    """Copy the JSON Schemas into `<root>/schema/` (the sheets' first line points there)."""
    written = []
    for name, text in schema_files().items():
        target = root / SCHEMA_DIR / name
        if write_if_changed(target, text):
            written.append(target)
    return written


# --- comment lines follow the element they precede -----------------------------------------
# ruamel attaches a full-line comment to the end of whatever came *before* it (often the last
# item of the previous list), so deleting, replacing or appending there would lose or misplace
# it. Before merging we lift such lines off and remember the element they precede; afterwards
# we put them back in front of that element, or of the next one that still exists.

_END: tuple[Any, ...] = ("<end>",)


@dataclass
class _Element:
    path: tuple[Any, ...]
    holder: CommentedMap | CommentedSeq
    key: Any
    leaf: bool


@dataclass
class DetachedComments:
    """Comment lines lifted off a document: (path of the element they precede, text)."""

    order: list[tuple[Any, ...]]
    moved: list[tuple[tuple[Any, ...], str]]


def _is_branch(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _identity(value: Any, index: int) -> tuple[Any, ...]:
    """How a list item is recognised after items before it were added or removed."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return ("id", str(value["id"]))
    if not isinstance(value, (dict, list)):
        return ("value", plain(value))
    return ("index", index)


def _elements(node: Any, prefix: tuple[Any, ...] = ()) -> list[_Element]:
    """Every key and list item of a document, in document order."""
    if isinstance(node, CommentedMap):
        children = [((("key", key),), key, value) for key, value in node.items()]
    elif isinstance(node, CommentedSeq):
        seen: dict[tuple[Any, ...], int] = {}
        children = []
        for index, value in enumerate(node):
            ident = _identity(value, index)
            seen[ident] = seen.get(ident, 0) + 1
            children.append(((ident + (seen[ident],),), index, value))
    else:
        return []
    out: list[_Element] = []
    for segment, key, value in children:
        path = prefix + segment
        out.append(_Element(path, node, key, not _is_branch(value)))
        if _is_branch(value):
            out.extend(_elements(value, path))
    return out


def _slot(element: _Element) -> int:
    return 2 if isinstance(element.holder, CommentedMap) else 0


def _token(element: _Element) -> Any:
    entry = element.holder.ca.items.get(element.key)
    return entry[_slot(element)] if entry and len(entry) > _slot(element) else None


def _set_token(element: _Element, token: Any) -> None:
    entry = element.holder.ca.items.setdefault(element.key, [None, None, None, None])
    entry[_slot(element)] = token
    value = element.holder[element.key]
    if token is None and isinstance(value, (CommentedMap, CommentedSeq)) and value.ca.comment:
        value.ca.comment[0] = None  # flow collections share their end-of-line token


def detach_comment_lines(doc: CommentedMap) -> DetachedComments:
    """Lift full-line comments off the element before them (see above)."""
    elements = _elements(doc)
    moved = []
    for position, element in enumerate(elements):
        token = _token(element) if element.leaf else None
        if token is None:
            continue
        head, _, rest = token.value.partition("\n")
        if not rest:
            continue
        anchor = elements[position + 1].path if position + 1 < len(elements) else _END
        moved.append((anchor, rest))
        if head.strip():
            token.value = head + "\n"
        else:
            _set_token(element, None)
    return DetachedComments([e.path for e in elements], moved)


def reattach_comment_lines(doc: CommentedMap, detached: DetachedComments) -> None:
    """Put lifted comment lines back in front of the element they preceded (or its successor)."""
    elements = _elements(doc)
    where = {element.path: position for position, element in enumerate(elements)}
    for anchor, text in detached.moved:
        target = _surviving_position(anchor, detached.order, where, len(elements))
        if target < len(elements) and _is_first_child(elements[target]) and elements[target].holder is not doc:
            _add_start_comment(elements[target].holder, text)  # in front of the first item, not the parent key
            continue
        leaves = [e for e in elements[:target] if e.leaf]
        if not leaves:
            _add_start_comment(doc, text)
            continue
        _append_lines(leaves[-1], text)
    for element in elements:
        _settle_empty(element)


def _append_lines(element: _Element, text: str) -> None:
    """Add comment lines after a leaf's line (after its end-of-line comment, if any)."""
    value = element.holder[element.key]
    if isinstance(value, (CommentedMap, CommentedSeq)):
        value.fa.set_flow_style()  # an empty block collection would print its comments before `[]`
    token = _token(element)
    if token is None:
        _set_token(element, CommentToken("\n" + text, CommentMark(0)))
    else:
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + text


def _settle_empty(element: _Element) -> None:
    """Comments that stood before the first item of a list the merge emptied go after `key: []`."""
    value = element.holder[element.key]
    if not isinstance(value, (CommentedMap, CommentedSeq)) or len(value):
        return
    tokens: list[Any] = []
    if value.ca.comment and value.ca.comment[1]:
        tokens += value.ca.comment[1]
        value.ca.comment[1] = None
    entry = element.holder.ca.items.get(element.key) if isinstance(element.holder, CommentedMap) else None
    if entry and len(entry) > 3 and entry[3]:
        tokens += [t for t in entry[3] if all(t is not seen for seen in tokens)]
        entry[3] = None
    if tokens:
        _append_lines(element, "".join(t.value for t in tokens))


def has_comments(node: Any) -> bool:
    """Whether any comment is attached inside `node` (an editor annotated it)."""
    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return False
    comment = node.ca.comment
    if comment and (comment[0] is not None or comment[1]):
        return True
    if any(any(_token_like(t) for t in entry) for entry in node.ca.items.values() if entry):
        return True
    children = node.values() if isinstance(node, CommentedMap) else node
    return any(has_comments(child) for child in children)


def _token_like(item: Any) -> bool:
    return bool(item) if isinstance(item, list) else item is not None


def _surviving_position(anchor: tuple[Any, ...], order: list[tuple[Any, ...]],
                        where: dict[tuple[Any, ...], int], end: int) -> int:
    if anchor in where:
        return where[anchor]
    if anchor in order:
        for later in order[order.index(anchor) + 1:]:
            if later in where:
                return where[later]
    return end


def _is_first_child(element: _Element) -> bool:
    if isinstance(element.holder, CommentedSeq):
        return element.key == 0
    return next(iter(element.holder)) == element.key


def _add_start_comment(node: CommentedMap | CommentedSeq, text: str) -> None:
    if node.ca.comment is None:
        node.ca.comment = [None, []]
    if node.ca.comment[1] is None:
        node.ca.comment[1] = []
    node.ca.comment[1].append(CommentToken(text, CommentMark(0)))


__all__ = [
    "CommentedMap", "CommentedSeq", "DetachedComments", "LoadedSheet", "atomic_write", "dump_sheet", "detach_comment_lines",
    "dumps", "has_comments", "install_schemas", "load_sheet", "loads_sheet", "new_yaml", "plain", "reattach_comment_lines",
    "schema_files", "schema_header", "write_if_changed",
]
