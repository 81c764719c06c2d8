"""Extraction quality as the project measures it: cold runs scored against hand annotations.

The seeds' gold is in ../shared/eval (the evaluation kit beside the repository); the
development set in tests/fixtures/heldout was written for this project by someone who never
saw the rules. Both runs must also be stable: a second extract changes nothing.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from briefing import merge
from briefing.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():
    if not SCORER.is_file():
        pytest.skip("the evaluation kit (../shared/eval) is not beside this checkout")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cold(seeds: Path, out: Path) -> Path:
    merge.apply(out, extract_corpus(seeds, out).sheets)
    return out


@pytest.mark.parametrize("seeds, gold, floor", [
    (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "gold", 0.95),
    (ROOT / "tests" / "fixtures" / "heldout", ROOT / "tests" / "fixtures" / "heldout" / "gold", 0.90),
])
def test_cold_extraction_scores(tmp_path, seeds, gold, floor):
    score = _scorer()
    report = score.score(score.load_sheets(_cold(seeds, tmp_path)), *score.load_gold(gold))
    assert report["macro_f1"] >= floor, report
    assert not report["leaked"]
    assert sum(len(report[f]["overmerged"]) for f in ("actors", "locations", "operations")) == 0


def test_second_run_changes_nothing_on_unseen_text(tmp_path):
    seeds = ROOT / "tests" / "fixtures" / "heldout"
    _cold(seeds, tmp_path)
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    report = merge.apply(tmp_path, extract_corpus(seeds, tmp_path).sheets)
    assert not report.created and not report.updated
    assert {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()} == before
