"""Spreading read, discovery and facts over worker processes changes nothing in the output."""
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
