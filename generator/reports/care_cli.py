"""`atlas report`: read the options, collect the report (care.py), print it or write it to a file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Callable

from ..core.problems import Problem
from .care import collect
from .care_format import kind_for, render


def parse_as_of(text: str | None, today: dt.date | None = None) -> dt.date | None:
    """None (→ data_date), „heute“/„today“ (→ today's date) or a date JJJJ-MM-TT; ValueError otherwise."""
    if text is None:
        return None
    if text.strip().lower() in ("heute", "today"):
        return today or dt.date.today()
    return dt.date.fromisoformat(text.strip())


def run_report(data: Path, months: int | None, as_of: str | None, output: Path | None, show_problems: Callable[[list[Problem]], None]) -> int:
    if months is not None and not 1 <= months <= 120:
        print("Fehler: --months muss zwischen 1 und 120 liegen", file=sys.stderr)
        return 1
    try:
        reference = parse_as_of(as_of)
    except ValueError:
        print(f"Fehler: --as-of „{as_of}“ ist kein Datum im Format JJJJ-MM-TT und nicht „heute“", file=sys.stderr)
        return 1
    result, problems = collect(data, months, reference)
    if result is None:
        show_problems(problems)
        print("Der Bericht braucht Daten ohne Fehler; bitte zuerst die Probleme oben beheben.", file=sys.stderr)
        return 1
    text = render(result, kind_for(str(output) if output else None))
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"Fehler: {output} kann nicht geschrieben werden ({exc.strerror})", file=sys.stderr)
        return 1
    print(f"Bericht geschrieben: {output}")
    return 0
