"""Spreading read, discovery, facts and page rendering over worker processes changes nothing in the output."""
from __future__ import annotations

import shutil
from pathlib import Path

from briefing import merge
from briefing.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[1]


def _run(seeds: Path, out: Path) -> dict[str, bytes]:
    merge.apply(out, extract_corpus(seeds, out).sheets)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.yaml"))}


def test_two_workers_write_what_one_writes(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "heldout", seeds, ignore=shutil.ignore_patterns("gold"))
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    one = _run(seeds, tmp_path / "one")
    monkeypatch.setenv("BRIEFING_WORKERS", "2")   # forces the fork pool even for a small corpus
    two = _run(seeds, tmp_path / "two")
    assert one == two and len(one) > 50


def test_pages_rendered_by_two_workers_are_those_one_renders(monkeypatch):
    from briefing.render import render_site
    from briefing.sheets import load_briefing
    briefing = load_briefing(ROOT / "briefings")
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    one = render_site(briefing)
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    two = render_site(briefing)
    assert one == two and sum(uri.startswith(("actors/", "locations/", "sources/")) for uri in one) > 50


def test_check_in_workers_finds_the_same_problems_at_the_same_lines(tmp_path, monkeypatch):
    from briefing.check import check
    briefings = tmp_path / "briefings"
    shutil.copytree(ROOT / "tests" / "fixtures" / "briefings", briefings)
    sheet = briefings / "actors" / "northern-front.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "affiliation: no-such-sheet\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    one = check(briefings)
    monkeypatch.setenv("BRIEFING_WORKERS", "2")   # sheets come back from the workers without node trees
    two = check(briefings)
    assert one == two and any(p.line and "no-such-sheet" in p.message for p in two)
