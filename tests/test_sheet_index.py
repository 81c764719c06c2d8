"""The sheet index: a run parses only the sheets that changed, and never misses an edit."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from briefing import merge, sheet_index
from briefing.cache import CACHE_DIR
from briefing.cli import main
from briefing.sheet_index import SheetIndex

ROOT = Path(__file__).resolve().parents[1]
NEW_ARTICLE = ("Clashes near the border town\n\nMarch 3, 2017\n\n"
               "Fighters of the Qarabel Liberation Front (QLF) entered the town of "
               "Umm Tallah on Sunday, residents said.\n")


def _project(tmp_path: Path) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "heldout", seeds, ignore=shutil.ignore_patterns("gold"))
    briefings = tmp_path / "briefings"
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    return seeds, briefings


def _count_reads(monkeypatch, module, reader: str) -> list[Path]:
    seen: list[Path] = []
    original = getattr(module, reader)

    def counting(path: Path):
        seen.append(path)
        return original(path)
    monkeypatch.setattr(module, reader, counting)
    return seen


def _touch_later(path: Path) -> None:
    """Make sure the file's mtime moves even on a coarse clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_new_article_parses_only_the_sheets_that_changed(tmp_path, monkeypatch, capsys):
    seeds, briefings = _project(tmp_path)
    edited = briefings / "locations" / "mosul.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# seen by the desk\n", encoding="utf-8")
    _touch_later(edited)
    (seeds / "zz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    extract_reads = _count_reads(monkeypatch, sheet_index, "read_mapping")
    merge_reads = _count_reads(monkeypatch, merge, "read_plain")
    capsys.readouterr()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert [p.relative_to(briefings).as_posix() for p in extract_reads] == ["locations/mosul.yaml"]
    # the edited sheet is the only one the merge had to read to know it no longer holds its base
    assert [p.relative_to(briefings).as_posix() for p in merge_reads] == ["locations/mosul.yaml"]
    assert "# seen by the desk" in edited.read_text(encoding="utf-8")
    assert (briefings / "locations" / "umm-tallah.yaml").is_file()


def test_an_alias_added_by_hand_is_used_on_the_next_run(tmp_path):
    seeds, briefings = _project(tmp_path)
    sheet = briefings / "locations" / "mosul.yaml"
    text = sheet.read_text(encoding="utf-8")
    assert "Umm Tallah" not in text
    assert "aliases: []\n" in text
    sheet.write_text(text.replace("aliases: []\n", "aliases:\n- Umm Tallah\n", 1), encoding="utf-8")
    _touch_later(sheet)
    index = SheetIndex(briefings)
    assert "Umm Tallah" in index.briefing().sheets["locations"]["mosul"]["aliases"]
    assert "locations/mosul.yaml" not in index.known_to_hold_base()
    (seeds / "zz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert not (briefings / "locations" / "umm-tallah.yaml").exists()   # the editor's alias took the name
    assert "qarabel-liberation-front" in sheet.read_text(encoding="utf-8")   # the new article's fact is Mosul's


def test_another_state_file_means_nothing_is_known_to_hold_its_base(tmp_path):
    _seeds, briefings = _project(tmp_path)
    index = SheetIndex(briefings)
    index.briefing()
    assert "locations/mosul.yaml" in index.known_to_hold_base()
    state = briefings / ".briefing-state.jsonl"
    state.write_text(state.read_text(encoding="utf-8"), encoding="utf-8")   # a checkout of the same or another one
    _touch_later(state)
    assert SheetIndex(briefings).known_to_hold_base() == set()
    assert SheetIndex(briefings, enabled=False).known_to_hold_base() == set()


def test_a_damaged_index_is_only_a_slower_run(tmp_path):
    seeds, briefings = _project(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    (briefings / CACHE_DIR / "sheets.json").write_text('{"rules": "x", "sheets": [1, 2', encoding="utf-8")
    for folder in (briefings, other):
        (seeds / "zz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        assert main(["extract", "--seeds", str(seeds), "--briefings", str(folder)]) == 0
    files = [p for p in briefings.rglob("*.yaml") if CACHE_DIR not in p.parts]
    assert files and all(p.read_bytes() == (other / p.relative_to(briefings)).read_bytes() for p in files)


def test_a_broken_sheet_is_reported_from_the_index_as_when_it_was_parsed(tmp_path, capsys):
    seeds, briefings = _project(tmp_path)
    sheet = briefings / "actors" / "islamic-state.yaml"
    sheet.write_text("name: [unclosed\n", encoding="utf-8")
    (seeds / "zz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    capsys.readouterr()
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    first = [line for line in capsys.readouterr().err.splitlines() if "islamic-state.yaml" in line]
    (seeds / "zz_other.txt").write_text(NEW_ARTICLE.replace("Umm Tallah", "Tell Bazan"), encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    second = [line for line in capsys.readouterr().err.splitlines() if "islamic-state.yaml" in line]
    assert first and first == second
    assert sheet.read_text(encoding="utf-8") == "name: [unclosed\n"
