"""The collector is paused for batch commands and given back afterwards (see heap.py)."""
from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest

from briefing import cli
from briefing.heap import paused_gc


@pytest.fixture(autouse=True)
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_restored_after_an_error():
    with pytest.raises(RuntimeError):
        with paused_gc():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()


@pytest.mark.parametrize("command, paused", [("check", True), ("build", False), ("serve", False)])
def test_extract_and_check_pause_it_build_and_serve_keep_it(monkeypatch, command, paused):
    seen = []
    args = cli.parser().parse_args([command])
    args.func = lambda _: seen.append(gc.isenabled()) or 0
    monkeypatch.setattr(cli, "parser", lambda: SimpleNamespace(parse_args=lambda argv: args))
    assert cli.main([command]) == 0
    assert seen == [not paused]
    assert gc.isenabled()
