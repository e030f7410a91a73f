"""Problems found in editors' data: collected as data, printed once, in German.

A Problem knows its file and line; the CLI prints all of them as `path:line: message` (or as GitHub
annotations, check/annotations.py) and exits with 1. No stage prints or raises for bad input itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def display_path(path: Path, base: Path | None = None) -> str:
    """Path as editors see it: relative to the working directory when possible, with forward slashes."""
    path = Path(path)
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class DataError(Exception):
    """Raised by a stage when input problems make going on pointless; carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} Problem(e)")
        self.problems = sorted(set(problems))
