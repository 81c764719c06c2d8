"""Spread per-article work over every core: a fork pool that inherits the stage's state.

Small corpora (tests, the five seeds) run in this process: a pool costs more than it saves.
`BRIEFING_WORKERS=1` turns parallelism off; any other number fixes the worker count.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 200
STATE: dict[str, Any] = {}   # what a stage's workers read (inherited through fork, never pickled)


def in_worker() -> bool:
    """Whether this process is a pool worker."""
    return multiprocessing.parent_process() is not None


def workers_for(n_items: int, min_items: int = MIN_ITEMS) -> int:
    if in_worker():
        return 1   # already a worker: no pool inside a pool
    wanted = os.environ.get("BRIEFING_WORKERS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    if n_items < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def pmap(func: Callable[[T], R], items: list[T], *, min_items: int = MIN_ITEMS, **state: Any) -> list[R]:
    """`[func(x) for x in items]`, in order, over a fork pool when that pays (`min_items` or more items:
    lower it for a few large ones); `func` reads STATE."""
    STATE.clear()
    STATE.update(state)
    try:
        n = workers_for(len(items), min_items)
        if n <= 1:
            return [func(item) for item in items]
        with multiprocessing.get_context("fork").Pool(n) as pool:
            return pool.map(func, items, chunksize=max(1, len(items) // (n * 8)))
    finally:
        STATE.clear()
