"""Caps that protect the machine from broken or hostile data files (issue 23), enforced while reading.

Defaults are generous for real data: a record is a few KB, a Land's indicator CSV a few hundred
thousand rows. Each cap can be changed with an environment variable (documented in docs/operators.md):

| variable                      | default    | what it limits                                              |
|-------------------------------|------------|-------------------------------------------------------------|
| ATLAS_MAX_YAML_MB             | 1          | size of one YAML file in MB                                 |
| ATLAS_MAX_YAML_DEPTH          | 50         | nesting depth of one YAML file (lists and fields in fields) |
| ATLAS_MAX_YAML_ALIAS_VALUES   | 10000      | values repeated by anchor references (`*name`) in one file  |
| ATLAS_MAX_CSV_MB              | 512        | size of one CSV file in MB                                  |
| ATLAS_MAX_CSV_ROWS            | 1000000    | rows of one CSV file (reading stops at the cap)             |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Callable, Iterable, TypeVar

from ..core.formatting import fmt_number
from ..core.paths import BuildError
from ..core.problems import Problem

MB = 1_000_000
MAX_SCHEMA_PROBLEMS = 100  # worded problems of one YAML file; a garbled file must not take minutes to word 100.000
MAX_CSV_PROBLEMS = 1000  # problems of one CSV file after which its check stops (a file of another district: every row wrong)
MAX_DEPTH = 200  # deeper documents would exhaust Python's recursion in the YAML composer and the schema check


@dataclass(frozen=True)
class Limits:
    yaml_mb: float = 1
    yaml_depth: int = 50
    yaml_alias_values: int = 10_000
    csv_mb: float = 512
    csv_rows: int = 1_000_000
    geojson_mb: float = 200


ENV = {
    "yaml_mb": "ATLAS_MAX_YAML_MB",
    "yaml_depth": "ATLAS_MAX_YAML_DEPTH",
    "yaml_alias_values": "ATLAS_MAX_YAML_ALIAS_VALUES",
    "csv_mb": "ATLAS_MAX_CSV_MB",
    "csv_rows": "ATLAS_MAX_CSV_ROWS",
    "geojson_mb": "ATLAS_MAX_GEOJSON_MB",
}


def current_limits() -> Limits:
    """The caps in force: defaults, changed by the environment variables in ENV. A bad value stops the run (German message)."""
    values: dict[str, float | int] = {}
    for f in fields(Limits):
        raw = os.environ.get(ENV[f.name], "").strip()
        if not raw:
            continue
        try:
            number = float(raw.replace(",", ".")) if f.type == "float" else int(raw.replace(".", "").replace("_", ""))
        except ValueError:
            number = 0
        if not number > 0:
            raise BuildError(f"Die Umgebungsvariable {ENV[f.name]}={raw!r} ist keine positive Zahl (siehe docs/operators.md)")
        if f.name == "yaml_depth" and number > MAX_DEPTH:
            raise BuildError(f"{ENV[f.name]}={raw} ist zu groß: höchstens {MAX_DEPTH} Ebenen sind möglich (siehe docs/operators.md)")
        values[f.name] = number
    return Limits(**values)


def size_text(size: float) -> str:
    """Bytes in German notation: 472_000_000 → „472 MB“, 2_500_000 → „2,5 MB“, 1_500 → „1,5 KB“."""
    if size >= MB:
        return f"{fmt_number(size / MB, 0 if size >= 10 * MB else 1)} MB"
    return f"{fmt_number(size / 1000, 0 if size >= 10_000 else 1)} KB"


def cap_hint(name: str) -> str:
    """How to raise a cap, appended to every cap message."""
    return f"Grenze {ENV[name]}, siehe docs/operators.md"


def capped(problems: list[Problem], cap: int) -> list[Problem]:
    """The first `cap` problems of one file and one line that counts the rest (at the line of the first one left out)."""
    if len(problems) <= cap:
        return problems
    problems = sorted(problems, key=lambda p: (p.follow_up, p.line))  # a key, not Problem.__lt__: fast for a million
    first = problems[cap]
    rest = f"… und {fmt_number(len(problems) - cap)} weitere Probleme in dieser Datei (gezeigt werden die ersten {fmt_number(cap)})"
    return problems[:cap] + [Problem(first.path, first.line, rest)]


class _TooManyProblems(Exception):
    pass


class _ProblemCap(list):
    """A list of problems that stops the check filling it at the problem after the first `cap` (_TooManyProblems)."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap

    def append(self, problem: Problem) -> None:
        if len(self) >= self.cap:
            raise _TooManyProblems(problem)
        super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> "_ProblemCap":  # type: ignore[override]
        self.extend(problems)
        return self


T = TypeVar("T")


def check_capped(check: Callable[[list[Problem]], T], cap: int) -> tuple[T | None, list[Problem]]:
    """Run `check(problems)` (one file); after `cap` problems it is stopped and one line says so: a file of a million
    wrong rows answers in seconds, not minutes, and its problems do not fill the memory. (result or None, problems)."""
    found = _ProblemCap(cap)
    try:
        return check(found), list(found)
    except _TooManyProblems as stop:
        first: Problem = stop.args[0]
        return None, list(found) + [Problem(first.path, first.line, (
            f"Nach {fmt_number(cap)} Problemen wurde die Prüfung dieser Datei hier beendet; die Zeilen ab hier wurden nicht geprüft"))]
