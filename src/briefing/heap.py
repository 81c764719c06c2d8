"""Batch commands run with CPython's cyclic garbage collector paused.

A run over thousands of articles holds millions of long-lived objects (cached matches, sheets,
the merge base). Each full pass of the collector walks all of them, and passes recur as the heap
grows: at 10,000 articles, 20 full passes took 15 s of a 63 s run for one added article, and
about 40 s of a cold run. The pipeline's data are trees (dicts, lists, strings, dataclasses) that
reference counting frees on its own; with the collector paused the peak memory of those runs
stayed the same (benchmarks/README.md). Fork workers inherit the pause.

MkDocs is different: Jinja and Markdown leave reference cycles behind on every page (with the
collector paused, a 37,000-page build grew from 1.75 to 3.6 GB), so `briefing build` pauses it
for its check only. Freezing the sheets out of the collector's sight for the build instead saved
no measurable time and cost 100 MB. Long-lived processes (`briefing serve`) keep the collector as
it is: cycles left over from one rebuild would otherwise add up over a day.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """No automatic collection inside the block; the collector's previous state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

