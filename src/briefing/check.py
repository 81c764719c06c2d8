"""Check stage: every problem in the briefing at once, each pointing at a file, line and column.

Sheets are parsed with PyYAML's C parser, the same reader the rest of the pipeline uses
(`sheets.read_plain`), keeping the node tree for positions. Checks, in order: YAML syntax and
hostile constructs, duplicate keys, the JSON Schema of the sheet's kind, ids, references between
sheets (with "did you mean"), names shared by two sheets, fact ids used twice.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

import fastjsonschema
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from referencing import Registry, Resource

from .errors import Problem, ValidationError
from .names import name_key, slugify
from .parallel import in_worker, pmap
from .sheets import (ENTITY_FOLDERS, Briefing, FOLDERS, ID_RE, RESERVED_IDS, plainly_safe, read_sheet_text,
                     syntax_problem, unsafe_yaml)
from .store import schema_files

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID_HINT = "ids are lowercase letters, digits and hyphens, like 'islamic-state'"

# (folders whose sheets hold it, where in the sheet, folders it points into); "*" = every item
REFERENCES: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
    (("locations",), ("part_of",), ("locations",)),
    (("operations",), ("part_of",), ("operations",)),
    (("actors",), ("affiliation",), ("actors",)),
    (("actors",), ("relations", "*", "target"), ("actors",)),
    (("actors",), ("relations", "*", "sources", "*"), ("sources",)),
    (("locations",), ("control", "*", "controller"), ("actors",)),
    (("locations",), ("control", "*", "source"), ("sources",)),
    (("operations",), ("locations", "*"), ("locations",)),
    (("operations",), ("participants", "side_a", "*"), ("actors",)),
    (("operations",), ("participants", "side_b", "*"), ("actors",)),
    (("operations",), ("commanders", "*"), ("actors",)),
    (tuple(FOLDERS), ("mentions", "*", "source"), ("sources",)),
    (tuple(FOLDERS), ("facts", "*", "source"), ("sources",)),
    (tuple(FOLDERS), ("facts", "*", "also_reported", "*", "source"), ("sources",)),
    (tuple(FOLDERS), ("facts", "*", "claimed_by"), ("actors",)),
    (tuple(FOLDERS), ("facts", "*", "involves", "*"), ENTITY_FOLDERS),
] + [((folder,), ("merged_into",), (folder,)) for folder in FOLDERS]


@dataclass
class Sheet:
    """One sheet as read for checking: plain data plus the node tree that knows positions."""

    folder: str
    path: Path
    data: Any = None
    node: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return f"{self.folder}/{self.path.name}"

    def at(self, keys: tuple[Any, ...], message: str, hint: str | None = None, *, key: bool = False) -> Problem:
        """A problem at the value (or, with key=True, the key) found by following `keys`."""
        line, column = position(self.positions(), keys, key=key)
        return Problem(str(self.path), message, line, column, hint)

    def positions(self) -> yaml.Node | None:
        """The node tree; a sheet checked in a worker process comes back without it (sending it costs
        more than parsing again), so it is read again in the rare case a problem needs a line number."""
        if self.node is None and isinstance(self.data, dict):
            self.node = read_sheet(self.folder, self.path).node
        return self.node


def check(root: Path) -> list[Problem]:
    """Every problem under `root`, sorted by file and line; an empty list means valid."""
    return check_briefing(root)[0]


def check_briefing(root: Path) -> tuple[list[Problem], Briefing]:
    """`check`, and the sheets it read (what `load_briefing` gives), so that a build need not read them again."""
    if not root.is_dir():
        return [Problem(str(root), "briefings folder not found",
                        hint="run 'briefing extract' first, or pass --briefings DIR")], Briefing()
    jobs = [(folder, path) for folder in FOLDERS for path in sorted((root / folder).glob("*.yaml"))]
    sheets = pmap(_check_sheet, jobs)   # each sheet on its own, over every core; then the cross-checks
    problems = [p for folder in FOLDERS for p in _misnamed_files(root / folder)]
    for sheet in sheets:
        problems += sheet.problems
    readable = [s for s in sheets if isinstance(s.data, dict)]
    ids = {folder: {s.path.stem for s in sheets if s.folder == folder} for folder in FOLDERS}
    problems += reference_problems(readable, ids)
    problems += alias_problems(readable)
    problems += fact_id_problems(readable)
    problems += shared_id_problems(sheets)
    briefing = Briefing()
    for sheet in readable:
        briefing.sheets[sheet.folder][sheet.path.stem] = sheet.data
    briefing.problems = [p for s in sheets if not isinstance(s.data, dict) for p in s.problems]
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.column or 0, p.message)), briefing


def check_or_raise(root: Path) -> Briefing:
    """The sheets under `root` as read; raises `ValidationError` listing every problem, if there is any."""
    problems, briefing = check_briefing(root)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise ValidationError(f"{count} in {root}", problems)
    return briefing


def _check_sheet(job: tuple[str, Path]) -> Sheet:
    """Read one sheet and check what needs no other sheet: syntax, schema, id."""
    sheet = read_sheet(*job)
    if isinstance(sheet.data, dict):
        sheet.problems += schema_problems(sheet) + id_problems(sheet)
    if in_worker():
        sheet.node = None   # in a worker: see Sheet.positions
    return sheet


# --- reading ---------------------------------------------------------------------------------

def read_sheet(folder: str, path: Path) -> Sheet:
    sheet = Sheet(folder, path)
    text, problem = read_sheet_text(path)
    problem = problem or (None if plainly_safe(text) else unsafe_yaml(path, text))
    if problem is not None:
        sheet.problems.append(problem)
        return sheet
    loader = _Loader(text)
    try:
        sheet.node = loader.get_single_node()
        sheet.data = loader.construct_document(sheet.node) if sheet.node is not None else None
    except yaml.MarkedYAMLError as err:
        sheet.problems.append(syntax_problem(path, err))
        return sheet
    except yaml.YAMLError as err:
        sheet.problems.append(Problem(str(path), f"YAML error: {err}"))
        return sheet
    finally:
        loader.dispose()
    sheet.problems += duplicate_keys(path, sheet.node)
    if not isinstance(sheet.data, dict):
        sheet.problems.append(Problem(str(path), "a fact sheet must be a mapping of keys to values", 1,
                                      hint="start with 'id: ...' on the first line after the comment"))
    return sheet


def duplicate_keys(path: Path, node: yaml.Node | None) -> list[Problem]:
    """Keys written twice in one mapping (PyYAML would silently keep the last)."""
    problems = []
    for mapping in _mappings(node):
        first: dict[str, yaml.Node] = {}
        for key, _ in mapping.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value in first:
                earlier = first[key.value].start_mark.line + 1
                problems.append(Problem(str(path), f"duplicate key '{key.value}'", key.start_mark.line + 1,
                                        key.start_mark.column + 1,
                                        hint=f"a key may appear once per mapping; it is also on line {earlier}"))
            else:
                first[key.value] = key
    return problems


def _mappings(node: yaml.Node | None) -> Iterator[yaml.MappingNode]:
    stack = [node] if node is not None else []
    while stack:  # no aliases got this far, so this is a tree
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            yield current
            stack.extend(value for pair in current.value for value in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def position(node: yaml.Node | None, keys: tuple[Any, ...], *, key: bool = False) -> tuple[int | None, int | None]:
    """1-based line and column of the value (or key) reached by `keys`, or of the nearest parent."""
    if node is None:
        return None, None
    found = node
    for depth, step in enumerate(keys, 1):
        child = _child(found, step)
        if child is None:
            break
        key_node, found = child
        if key and depth == len(keys):
            found = key_node
    return found.start_mark.line + 1, found.start_mark.column + 1


def _child(node: yaml.Node, step: Any) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        matches = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)]
        return matches[-1] if matches else None  # the last one wins, as when loading
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], node.value[step]
    return None


def _misnamed_files(folder: Path) -> list[Problem]:
    return [Problem(str(path), "sheet files must end in .yaml; this one is ignored", hint=f"rename it to {path.stem}.yaml")
            for path in sorted(folder.glob("*.yml"))]


# --- schema ----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def validators() -> dict[str, Draft202012Validator]:
    """kind -> validator, with the shared definitions registered for `$ref`."""
    schemas = {name: json.loads(text) for name, text in schema_files().items()}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return {kind: Draft202012Validator(schemas[f"{kind}.schema.json"], registry=registry)
            for kind in FOLDERS.values()}


@lru_cache(maxsize=None)
def quick_validators() -> dict[str, Callable[[Any], Any]]:
    """kind -> a validator compiled to Python (fastjsonschema) that only tells valid from not.

    jsonschema says why a sheet is wrong, but walking the schema for each of 37,000 sheets was
    most of a check; nearly every sheet is valid, so jsonschema only explains the others. The
    schemas use keywords both read alike (tests/test_check.py holds the two to the same verdicts).
    The shared definitions are copied into each schema, so nothing is looked up by address."""
    schemas = {name: json.loads(text) for name, text in schema_files().items()}
    shared = {f"{schema['$id']}#/$defs/{name}": name for schema in schemas.values()
              for name in schema.get("$defs", {})}
    defs = {name: d for schema in schemas.values() for name, d in schema.get("$defs", {}).items()}

    def local(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (f"#/$defs/{shared[v]}" if k == "$ref" and v in shared else local(v))
                    for k, v in node.items() if k not in ("$schema", "$id", "$defs")}
        return [local(item) for item in node] if isinstance(node, list) else node

    return {kind: fastjsonschema.compile({**local(schemas[f"{kind}.schema.json"]), "$defs": local(defs)},
                                         use_formats=False)
            for kind in FOLDERS.values()}


def schema_problems(sheet: Sheet) -> list[Problem]:
    kind = FOLDERS[sheet.folder]
    try:
        quick_validators()[kind](sheet.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass   # jsonschema says what is wrong, and where
    errors = sorted(validators()[kind].iter_errors(sheet.data), key=lambda e: [str(p) for p in e.absolute_path])
    return [problem for error in errors for problem in _schema_problem(sheet, kind, error)]


def _schema_problem(sheet: Sheet, kind: str, error: SchemaError) -> list[Problem]:
    keys = tuple(error.absolute_path)
    name = field_name(keys)
    value = error.instance
    hint = error.schema.get("description") if isinstance(error.schema, dict) else None
    check = error.validator
    if check == "required":
        missing = [k for k in error.validator_value if k not in value and f"{k!r} is a required" in error.message]
        where = f" in {name}" if name else ""
        return [sheet.at(keys, f"missing required key '{k}'{where}",
                         _description(error.schema.get("properties", {}).get(k))) for k in missing]
    if check == "additionalProperties":
        return [_unknown_key(sheet, keys, k, error.schema) for k in _extra_keys(value, error.schema)]
    if keys == ("id",) and check == "pattern":
        return []  # id_problems says it better
    if check == "type":
        return [sheet.at(keys, f"{name} must be {_expected(error.validator_value)}, not {_actual(value)}",
                         "put dates in quotes, like '2015-06-24'" if isinstance(value, date) else hint)]
    if check == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        if keys == ("kind",):
            return [sheet.at(keys, f"unknown {kind} kind {_shown(value)}", f"allowed kinds: {allowed}")]
        return [sheet.at(keys, f"{name} {_shown(value)} is not allowed", f"allowed values: {allowed}")]
    if check == "pattern":
        text, pattern_hint = PATTERNS.get(error.validator_value, (f"does not match {error.validator_value}", hint))
        return [sheet.at(keys, f"{name} '{value}' {text}", pattern_hint)]
    if check == "minLength":
        return [sheet.at(keys, f"{name} must not be empty", hint)]
    if check in ("minimum", "maximum"):
        bound = "at least" if check == "minimum" else "at most"
        return [sheet.at(keys, f"{name} must be {bound} {error.validator_value}, not {value}", hint)]
    return [sheet.at(keys, f"{name}: {error.message}" if name else error.message, hint)]


PATTERNS = {
    ID_RE.pattern: ("is not a valid id", ID_HINT),
    "^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$": ("is not a date", "write 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY', in quotes"),
    "^[0-9a-f]{64}$": ("is not a SHA-256 digest", "64 lowercase hexadecimal digits, or null"),
}
_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "null"}


def _description(schema: Any) -> str | None:
    """A property's description, following a `$ref` into the shared definitions."""
    if not isinstance(schema, dict):
        return None
    if "description" in schema or "$ref" not in schema:
        return schema.get("description")
    return _description(_shared_defs().get(schema["$ref"].rsplit("/", 1)[-1]))


@lru_cache(maxsize=None)
def _shared_defs() -> dict[str, Any]:
    return json.loads(schema_files()["common.schema.json"])["$defs"]


def _unknown_key(sheet: Sheet, keys: tuple[Any, ...], extra: str, schema: dict[str, Any]) -> Problem:
    allowed = list(schema.get("properties", {}))
    close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
    hint = (f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)};")
    hint += " keys starting with 'x-' are free for editor notes"
    where = f" in {field_name(keys)}" if keys else ""
    return sheet.at(keys + (extra,), f"unknown key '{extra}'{where}", hint, key=True)


def _extra_keys(value: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    known = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    return [k for k in value if k not in known and not any(re.search(p, str(k)) for p in patterns)]


def _expected(types: str | list[str]) -> str:
    names = [_TYPE_NAMES.get(t, t) for t in ([types] if isinstance(types, str) else types)]
    return " or ".join(names)


def _actual(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, date):
        return "a date"
    for kind, label in ((str, "text"), ((int, float), "a number"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, kind):
            return label
    return "null" if value is None else type(value).__name__


def _shown(value: Any) -> str:
    return "null" if value is None else f"'{value}'" if isinstance(value, str) else str(value)


def field_name(keys: tuple[Any, ...]) -> str:
    """('facts', 2, 'status') -> 'facts[2].status'."""
    text = ""
    for step in keys:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


# --- ids and references ----------------------------------------------------------------------

def id_problems(sheet: Sheet) -> list[Problem]:
    sheet_id = sheet.data.get("id")
    if not isinstance(sheet_id, str):
        return []  # missing or not text: the schema reports it
    problems = []
    if not ID_RE.match(sheet_id):
        problems.append(sheet.at(("id",), f"id '{sheet_id}' is not a valid id", ID_HINT))
    elif sheet_id in RESERVED_IDS:
        problems.append(sheet.at(("id",), f"id '{sheet_id}' is reserved",
                                 f"the site uses {', '.join(sorted(RESERVED_IDS))}; choose another id"))
    if sheet_id != sheet.path.stem:
        problems.append(sheet.at(("id",), f"id '{sheet_id}' does not match the file name '{sheet.path.name}'",
                                 "the id must equal the file name without .yaml: rename the file or fix the id"))
    return problems


def reference_problems(sheets: list[Sheet], ids: dict[str, set[str]]) -> list[Problem]:
    aliases = _alias_slugs(sheets)
    problems = []
    for sheet in sheets:
        for holders, pattern, targets in REFERENCES:
            if sheet.folder not in holders:
                continue
            for keys, value in values_at(sheet.data, pattern):
                if not isinstance(value, str) or any(value in ids[t] for t in targets):
                    continue
                label = _join_or([FOLDERS[t] for t in targets])
                message = f"no {label} '{value}'"
                guess = suggest(value, targets, ids, aliases)
                if guess:
                    message += f"; did you mean '{guess}'?"
                article = "an" if label[0] in "aeiou" else "a"
                problems.append(sheet.at(keys, message, f"{field_name(keys)} takes the id of {article} {label} sheet"))
    return problems


def values_at(data: Any, pattern: tuple[str, ...], keys: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(keys, value) for every place in `data` matching `pattern` ("*" = each list item)."""
    if not pattern:
        yield keys, data
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from values_at(item, rest, keys + (index,))
    elif isinstance(data, dict) and step in data:
        yield from values_at(data[step], rest, keys + (step,))


def suggest(value: str, targets: tuple[str, ...], ids: dict[str, set[str]],
            aliases: dict[str, dict[str, str]]) -> str | None:
    """The id an editor probably meant: a sheet with that name or alias, else a close spelling."""
    for folder in targets:
        hit = aliases[folder].get(slugify(value))
        if hit:
            return hit
    candidates = sorted(i for t in targets for i in ids[t])
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def _alias_slugs(sheets: list[Sheet]) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {folder: {} for folder in FOLDERS}
    for sheet in sheets:
        for _, name in _names(sheet):
            result[sheet.folder].setdefault(slugify(name), sheet.path.stem)
    return result


def _join_or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


# --- names, fact ids, ids across folders -----------------------------------------------------

def _names(sheet: Sheet) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(keys, text) of the names that identify a sheet in text: its name and aliases."""
    if sheet.folder != "sources" and isinstance(sheet.data.get("name"), str):
        yield ("name",), sheet.data["name"]
    aliases = sheet.data.get("aliases")
    for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
        if isinstance(alias, str):
            yield ("aliases", index), alias


def alias_problems(sheets: list[Sheet]) -> list[Problem]:
    """The same name (compared with `name_key`) on two sheets of one folder, unless merged."""
    problems = []
    owners: dict[tuple[str, str], list[tuple[Sheet, str]]] = {}
    for sheet in sorted(sheets, key=lambda s: s.rel):
        seen_here: set[str] = set()
        for keys, text in _names(sheet):
            key = name_key(text)
            if not key or key in seen_here:
                continue
            seen_here.add(key)
            earlier = [(o, t) for o, t in owners.get((sheet.folder, key), []) if not _merged(sheet, o)]
            if earlier:
                other, other_text = earlier[0]
                what = "name" if keys == ("name",) else "alias"
                problems.append(sheet.at(keys, f"{what} '{text}' is also a name of {other.rel} ('{other_text}')",
                                         "a name may belong to one sheet only: remove it here or there, "
                                         "or set merged_into if both sheets are the same thing"))
            owners.setdefault((sheet.folder, key), []).append((sheet, text))
    return problems


def _merged(a: Sheet, b: Sheet) -> bool:
    return a.data.get("merged_into") == b.path.stem or b.data.get("merged_into") == a.path.stem


def fact_id_problems(sheets: list[Sheet]) -> list[Problem]:
    problems = []
    first: dict[str, tuple[Sheet, tuple[Any, ...]]] = {}
    for sheet in sorted(sheets, key=lambda s: s.rel):
        for keys, fid in values_at(sheet.data, ("facts", "*", "id")):
            if not isinstance(fid, str):
                continue
            if fid in first:
                other, where = first[fid]
                line = position(other.positions(), where)[0]
                problems.append(sheet.at(keys, f"fact id '{fid}' is already used in {other.rel} on line {line}",
                                         "fact ids must be unique: delete the copy or give it a new id"))
            else:
                first[fid] = (sheet, keys)
    return problems


def shared_id_problems(sheets: list[Sheet]) -> list[Problem]:
    """One id in two folders would make links and `involves` ambiguous."""
    problems = []
    owner: dict[str, Sheet] = {}
    for sheet in sheets:
        stem = sheet.path.stem
        if stem in owner:
            problems.append(Problem(str(sheet.path), f"id '{stem}' is also used by {owner[stem].rel}", 1,
                                    hint="ids must be unique across actors, locations, operations and sources"))
        else:
            owner[stem] = sheet
    return problems
