"""The merge state file: JSON lines, one per sheet, read without decoding and written back as read."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing.errors import ValidationError
from briefing.state import SheetState, State, dump_state, load_state, state_path, write_state


def sample() -> State:
    return State({"actors/b.yaml": SheetState({"id": "b", "name": "Bé", "aliases": ["Y", "X"]}, ["Z", "A"], "ab12"),
                  "actors/a.yaml": SheetState({"id": "a", "facts": [{"id": "f-1", "text": "a \"quoted\"\tthing]}"}]})},
                 {"actors/gone.yaml"}, {"f-2", "f-1"})


def test_state_round_trips_as_sorted_json_lines(tmp_path):
    state = sample()
    assert write_state(tmp_path, state) is True
    text = state_path(tmp_path).read_text(encoding="utf-8")
    assert text == dump_state(state)
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0] == {"format": 2, "rejected_facts": ["f-1", "f-2"], "tombstones": ["actors/gone.yaml"]}
    assert [line[0] for line in lines[1:]] == ["actors/a.yaml", "actors/b.yaml"]
    assert lines[2] == ["actors/b.yaml", "ab12", ["A", "Z"], {"id": "b", "name": "Bé", "aliases": ["Y", "X"]}]
    again = load_state(tmp_path)
    assert again == state
    assert again.sheets["actors/a.yaml"].base == state.sheets["actors/a.yaml"].base   # the tab and brackets survive
    assert list(again.sheets["actors/b.yaml"].base) == ["id", "name", "aliases"]       # and the key order
    assert dump_state(again) == text


def test_an_unchanged_entry_is_neither_decoded_nor_encoded(tmp_path):
    write_state(tmp_path, sample())
    state = load_state(tmp_path)
    entry = state.sheets["actors/b.yaml"]
    assert entry.base_is(json.dumps({"id": "b", "name": "Bé", "aliases": ["Y", "X"]}, ensure_ascii=False,
                                    separators=(",", ":")))
    assert not entry.base_is('{"id":"b"}')
    assert entry._base is None            # compared as text, in the line it was read from
    state.sheets["actors/c.yaml"] = SheetState({"id": "c"})
    write_state(tmp_path, state)
    assert entry._base is None
    assert load_state(tmp_path).sheets["actors/c.yaml"].base == {"id": "c"}


def test_the_state_is_only_written_when_it_changes(tmp_path):
    state = sample()
    assert write_state(tmp_path, state) is True
    path = state_path(tmp_path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_state(tmp_path, load_state(tmp_path)) is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    state.tombstones.add("actors/c.yaml")
    assert write_state(tmp_path, state) is True
    assert path.read_text(encoding="utf-8") == dump_state(state)
    assert not list(tmp_path.glob(".*.tmp"))   # the copy written to compare was removed


def test_an_earlier_versions_state_is_read_then_replaced(tmp_path):
    legacy = tmp_path / ".briefing-state.json"
    legacy.write_text(json.dumps({"format": 1, "sheets": {
        "actors/a.yaml": {"base": {"id": "a"}, "removed_aliases": ["Q"], "written": "cd34"}},
        "tombstones": ["actors/gone.yaml"], "rejected_facts": ["f-9"]}), encoding="utf-8")
    state = load_state(tmp_path)
    assert state == State({"actors/a.yaml": SheetState({"id": "a"}, ["Q"], "cd34")}, {"actors/gone.yaml"}, {"f-9"})
    write_state(tmp_path, state)
    assert not legacy.exists()
    assert load_state(tmp_path) == state


def test_missing_state_is_empty(tmp_path):
    assert load_state(tmp_path) == State()


@pytest.mark.parametrize("text, says", [
    ("{not json", "cannot read the merge state:"),
    ('{"format": 7}\n', "unknown format 7"),
    ('{"format": 2}\n["actors/a.yaml",null,[],{"id":"a"}]\n["actors/b.yaml",null,{"id":"b"}]\n', "line 3"),
    ('{"format": 2}\n["actors/a.yaml",null,[],{"id":"a"}\n', "line 2"),
    ('{"format": 2}\n[7,null,[],{"id":"a"}]\n', "line 2"),
])
def test_a_damaged_state_is_an_error_that_says_where(tmp_path, text, says):
    state_path(tmp_path).write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_state(tmp_path)
    problem = caught.value.problems[0]
    assert problem.message.startswith("cannot read the merge state:") and says in problem.message
    assert problem.path == str(state_path(tmp_path)) and "version control" in problem.hint
