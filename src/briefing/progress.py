"""Progress for long runs: a live counter on a terminal, one line per stage in CI logs."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import IO, Iterable, Iterator, TypeVar

T = TypeVar("T")


class Progress:
    """Reports stages to `stream` (stderr); silent when `enabled` is false (tests, library use)."""

    def __init__(self, stream: IO[str] | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.live = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        if self.enabled:
            self.line(f"{name:<10} {time.perf_counter() - start:7.2f} s")

    def each(self, name: str, items: Iterable[T], total: int) -> Iterator[T]:
        """Yield items, redrawing a counter on a terminal every few items."""
        step = max(1, total // 100)
        for n, item in enumerate(items, 1):
            if self.live and (n % step == 0 or n == total):
                self.stream.write(f"\r{name:<10} {n}/{total} ({100 * n // max(total, 1)}%)")
                self.stream.flush()
            yield item
        if self.live:
            self.stream.write("\r\033[K")

    def line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


QUIET = Progress(enabled=False)
