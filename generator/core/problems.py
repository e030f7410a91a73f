"""Problems found in editors' data: collected as data, printed once, in German.

A Problem knows its file and line; the CLI prints all of them as `path:line: message` (or as GitHub
annotations, check/annotations.py) and exits with 1. No stage prints or raises for bad input itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path


@functools.total_ordering
@dataclass(frozen=True)
class Problem:
    """`follow_up`: the problem only follows from another one (a row for a unit whose file failed to load);
    sorted after every other problem, so the first lines of output name the cause."""

    path: str
    line: int
    message: str
    follow_up: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def __lt__(self, other: Problem) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.follow_up, self.path, self.line, self.message) < (other.follow_up, other.path, other.line, other.message)


def display_path(path: Path, base: Path | None = None) -> str:
    """Path as editors see it: relative to the working directory when possible, with forward slashes."""
    path = Path(path)
    try:  # a link is shown by its own name, not its target's; a link to itself raises RuntimeError before Python 3.13
        resolved = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
    except (OSError, RuntimeError):
        resolved = path.absolute()
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return resolved.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class DataError(Exception):
    """Raised by a stage when input problems make going on pointless; carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} Problem(e)")
        self.problems = sorted(set(problems))
