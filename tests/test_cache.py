"""The per-article cache and the nothing-changed fast path never hide a change."""
from __future__ import annotations

import shutil
from pathlib import Path

from briefing import cache as cache_module
from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "heldout", seeds, ignore=shutil.ignore_patterns("gold"))
    return seeds, tmp_path / "briefings"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and cache_module.CACHE_DIR not in p.parts}


def test_nothing_changed_does_no_work(tmp_path, capsys):
    seeds, briefings = _project(tmp_path)
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    capsys.readouterr()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert "Nothing changed" in capsys.readouterr().out


def test_an_edit_or_a_new_article_is_never_hidden_by_the_cache(tmp_path, capsys):
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    sheet = next((briefings / "locations").glob("*.yaml"))
    sheet.write_text(sheet.read_text(encoding="utf-8") + "# checked by the desk\n", encoding="utf-8")
    (seeds / "zz_new.txt").write_text("Clashes near the border town\n\nMarch 3, 2017\n\n"
                                      "Fighters of the Qarabel Liberation Front (QLF) entered the town of "
                                      "Umm Tallah on Sunday, residents said.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)]) == 0
    assert "Nothing changed" not in capsys.readouterr().out
    assert "# checked by the desk" in sheet.read_text(encoding="utf-8")
    assert (briefings / "locations" / "umm-tallah.yaml").is_file()


def test_cached_and_uncached_runs_write_the_same_bytes(tmp_path):
    seeds, briefings = _project(tmp_path)
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    other = tmp_path / "other"
    shutil.copytree(briefings, other)
    for folder in (briefings, other):   # an edit, so that both runs really extract
        sheet = folder / "actors" / "syrian-democratic-forces.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("summary: ''", "summary: Edited."), encoding="utf-8")
    main(["extract", "--seeds", str(seeds), "--briefings", str(briefings)])
    main(["extract", "--seeds", str(seeds), "--briefings", str(other), "--no-cache"])
    assert _files(briefings) == _files(other)


def test_rules_fingerprint_covers_code_and_data(tmp_path):
    package = tmp_path / "briefing"
    shutil.copytree(Path(cache_module.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_module.fingerprint_of(package)
    facts = package / "facts.py"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# a rule changed\n", encoding="utf-8")
    after_code = cache_module.fingerprint_of(package)
    lexicon = package / "data" / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a name added\n", encoding="utf-8")
    assert len({before, after_code, cache_module.fingerprint_of(package)}) == 3
