"""The one exception hierarchy; the CLI turns it into `file:line: message` and an exit code."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, pointing at where an editor should look."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class BriefingError(Exception):
    """Base class: anything the CLI reports without a traceback (exit 1)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        return "\n".join(lines + [str(self)]) if lines else str(self)


class InputError(BriefingError):
    """An article that cannot be read (encoding, binary, empty, vanished)."""

    @classmethod
    def at(cls, path: Path | str, message: str, hint: str | None = None) -> "InputError":
        problem = Problem(str(path), message, hint=hint)
        return cls(str(problem), [])


class ValidationError(BriefingError):
    """One or more fact sheets are invalid; `problems` lists every one of them."""


class UsageError(BriefingError):
    """The command line itself is wrong (exit 2)."""
