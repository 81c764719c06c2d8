"""The command line: exit codes, messages, and seeds -> extract -> check -> strict build end to end."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing import mkdocs_plugin
from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_has_help_with_an_example(capsys):
    for command in ("extract", "check", "build", "serve"):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert "Example: briefing " + command in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2
    assert main(["extract", "--seeds", str(tmp_path / "missing"), "--briefings", str(tmp_path / "b")]) == 2
    assert "no such folder of articles" in capsys.readouterr().err


def test_unreadable_article_exits_1_naming_the_file(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("   \n", encoding="utf-8")
    assert main(["extract", "--seeds", str(seeds), "--briefings", str(tmp_path / "b")]) == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "Traceback" not in err


def test_check_reports_every_problem_with_its_line(tmp_path, capsys):
    (tmp_path / "locations").mkdir()
    (tmp_path / "locations" / "qarabel.yaml").write_text(
        "id: qarabel\nname: Qarabel\nkind: hamlet\naliases: []\npart_of: zarqan\n", encoding="utf-8")
    assert main(["check", "--briefings", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "qarabel.yaml:3" in err and "hamlet" in err
    assert "zarqan" in err


def test_seeds_extract_check_and_strict_build(tmp_path, monkeypatch, capsys):
    """The whole pipeline on the five seeds, cold, in a copy of the project."""
    for name in ("seeds", "content", "site_templates", "mkdocs.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    if (ROOT / "node_modules").is_dir():
        (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    monkeypatch.chdir(tmp_path)
    assert main(["extract"]) == 0
    first = {p: p.read_bytes() for p in sorted((tmp_path / "briefings").rglob("*")) if p.is_file()}
    assert main(["extract"]) == 0                       # a second run changes nothing
    assert {p: p.read_bytes() for p in sorted((tmp_path / "briefings").rglob("*")) if p.is_file()} == first
    assert main(["check"]) == 0
    capsys.readouterr()
    reads: list[object] = []
    real_load = mkdocs_plugin.load_briefing
    monkeypatch.setattr(mkdocs_plugin, "load_briefing", lambda root: reads.append(root) or real_load(root))
    assert main(["build", "--site", "site"]) == 0
    assert reads == [] and mkdocs_plugin.PRELOADED is None   # the build used the sheets its check had read
    stages = re.findall(r"^(\w+) +[\d.]+ s$", capsys.readouterr().err, re.M)   # a long build says where it is
    assert stages == ["check", "load", "render", "convert", "write"], stages
    site = tmp_path / "site"
    for page in ("index.html", "actors/index.html", "actors/islamic-state/index.html",
                 "locations/raqqa/index.html", "operations/operation-inherent-resolve/index.html",
                 "sources/003-7d78ce147ee50a88/index.html"):
        assert (site / page).is_file(), page
    islamic_state = (site / "actors/islamic-state/index.html").read_text(encoding="utf-8")
    assert "Daesh" in islamic_state                     # aliases are on the page, so search finds them
    assert 'href="../../sources/' in islamic_state       # facts cite their sources
    assert "Daesh" in (site / "search/search_index.json").read_text(encoding="utf-8")
    for sheet in (tmp_path / "briefings" / "actors").glob("*.yaml"):
        assert (site / "actors" / sheet.stem / "index.html").is_file()
