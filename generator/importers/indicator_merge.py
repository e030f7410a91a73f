"""Merge imported indicator values into a long-format CSV (area,indicator,year,value,forecast,example,note).

An equal value for the same (area, indicator, year, forecast) is kept as it is; a different one is a
conflict, reported with the file and line that already hold it, and replaced only with --replace (and
only in the output file: values in other CSV files of the data folder are never changed). The file is
sorted by area, indicator, year and forecast and written atomically (temporary file, then rename).

Stichtag: a value's date (column `date`; empty: only the year, taken as 31 December) is part of what is
compared. A value of another date in the same year of the same indicator – in any area, in any CSV of the
data folder – is a conflict naming both dates (Zensus on 15 May and year-end figures must not be mixed).
The column `date` is written only when some row has a date, so files without dates keep their header.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..check.validate import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TRUE_WORDS
from ..core.atomic import write_atomic
from ..core.formatting import fmt_date
from ..core.problems import display_path
from ..model.indicators import parse_date
from .statoffice_table import format_decimal

COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


class MergeError(Exception):
    """The output file exists but is not a readable indicator CSV (German message)."""


@dataclass(frozen=True)
class NewValue:
    area: str
    indicator: str
    year: int
    value: Decimal
    forecast: bool
    note: str
    line: int  # line in the imported file
    date: dt.date | None = None  # Stichtag; None: the table gives only the year

    def row(self) -> dict[str, str]:
        return {
            "area": self.area, "indicator": self.indicator, "year": str(self.year), "value": format_decimal(self.value),
            "forecast": "true" if self.forecast else "", "example": "", "note": self.note, "date": self.date.isoformat() if self.date else "",
        }


@dataclass
class Existing:
    row: dict[str, str]
    where: str  # path:line


@dataclass
class MergeResult:
    rows: list[dict[str, str]] = field(default_factory=list)
    conflicts: list[tuple[int, str]] = field(default_factory=list)  # (line in the imported file, text)
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


def _key(row: dict[str, str]) -> tuple[str, str, int, bool]:
    year = row.get("year", "")
    return row["area"], row["indicator"], int(year) if year.isdigit() else -1, row.get("forecast", "").casefold() in TRUE_WORDS


def stichtag(row: dict[str, str]) -> dt.date | None:
    """The date a row holds; without one the end of its year (31.12.), the convention for year-only values."""
    date = parse_date(row["date"]) if row.get("date") else None
    year = row.get("year", "")
    return date if date is not None or not year.isdigit() else dt.date(int(year), 12, 31)


def date_text(row: dict[str, str]) -> str:
    """„15.05.2022“; a row without date: „31.12.2022 (nur das Jahr angegeben)“."""
    date = stichtag(row)
    return "unbekannt" if date is None else fmt_date(date) + ("" if row.get("date") else " (nur das Jahr angegeben)")


def _values(new: dict[str, str], old: Existing) -> str:
    """„neuer Wert 5, in FILE:LINE steht 4“, with both Stichtage when they differ."""
    if stichtag(new) == stichtag(old.row):
        return f"neuer Wert {new['value']}, in {old.where} steht {old.row['value']}"
    return f"neuer Wert {new['value']} zum Stichtag {date_text(new)}, in {old.where} steht {old.row['value']} zum Stichtag {date_text(old.row)}"


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of an existing indicator CSV; MergeError when it is not one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MergeError(f"{display_path(path)}: vorhandene Datei nicht lesbar ({exc})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if [c for c in REQUIRED_COLUMNS if c not in header] or [c for c in header if c not in COLUMNS]:
        raise MergeError(f"{display_path(path)}: vorhandene Datei hat nicht die Kopfzeile {','.join(COLUMNS)}; bitte eine andere --output-Datei wählen")
    rows = []
    for row in reader:
        if any((v or "").strip() for v in row.values()):
            rows.append((reader.line_num, {c: (row.get(c) or "").strip() for c in COLUMNS}))
    return rows


def _same(old: dict[str, str], new: NewValue) -> bool:
    try:
        value = Decimal(old["value"])
    except InvalidOperation:
        return False
    return value == new.value and old.get("example", "").casefold() not in TRUE_WORDS and stichtag(old) == stichtag(new.row())


def merge(new: list[NewValue], target: Path, data_csvs: list[Path], replace: bool) -> MergeResult:
    """Rows of `target` after adding `new`; values already in other CSVs of the data folder are not added twice."""
    target = Path(target)
    result = MergeResult()
    own: dict[tuple, Existing] = {}
    if target.exists():
        for line, row in read_rows(target):
            own[_key(row)] = Existing(row, f"{display_path(target)}:{line}")
    elsewhere: dict[tuple, Existing] = {}
    for path in data_csvs:
        if path.resolve() == target.resolve():
            continue
        for line, row in read_rows(path):
            elsewhere.setdefault(_key(row), Existing(row, f"{display_path(path)}:{line}"))
    failed: set[tuple] = set()  # keys of new values with a conflict
    for value in new:
        key = _key(value.row())
        where = f"{value.area} {value.year}{' (Prognose)' if value.forecast else ''}"
        other = elsewhere.get(key)
        if other is not None:
            if _same(other.row, value):
                result.unchanged += 1
            else:
                result.conflicts.append((value.line, f"{where}: {_values(value.row(), other)}; dort ändern oder löschen"))
                failed.add(key)
            continue
        old = own.get(key)
        if old is None:
            own[key] = Existing(value.row(), "")
            result.added += 1
        elif _same(old.row, value):
            result.unchanged += 1
        elif replace:
            own[key] = Existing(value.row(), "")
            result.replaced += 1
        else:
            what = " (Beispielwert)" if old.row.get("example", "").casefold() in TRUE_WORDS else ""
            result.conflicts.append((value.line, f"{where}: {_values(value.row(), old)}{what}; mit --replace ersetzen"))
            failed.add(key)
    result.conflicts += date_conflicts(new, [e for e in own.values() if e.where] + list(elsewhere.values()), failed)
    result.rows = [own[k].row for k in sorted(own)]
    return result


def date_conflicts(new: list[NewValue], kept: list[Existing], failed: set[tuple]) -> list[tuple[int, str]]:
    """New values whose Stichtag differs from another value of the same indicator and year (any area, any file)."""
    seen: dict[tuple[str, str, bool], list[tuple[dt.date | None, str, dict[str, str]]]] = {}
    for existing in kept:
        key = _key(existing.row)
        seen.setdefault((key[1], existing.row.get("year", ""), key[3]), []).append((stichtag(existing.row), existing.where, existing.row))
    for value in new:
        row = value.row()
        seen.setdefault((value.indicator, row["year"], value.forecast), []).append((stichtag(row), f"Zeile {value.line} der Tabelle", row))
    conflicts = []
    for value in new:
        row = value.row()
        other = next((o for o in seen[(value.indicator, row["year"], value.forecast)] if o[0] != stichtag(row)), None)
        if other is None or _key(row) in failed:
            continue
        conflicts.append((value.line, (
            f"{value.area} {value.year}: Stichtag {date_text(row)}, aber {other[1]} nennt für {other[2]['area']} {value.year} "
            f"den Stichtag {date_text(other[2])}; Werte verschiedener Stichtage (etwa Zensus am 15.05. und "
            "Fortschreibung am 31.12.) gehören nicht in dasselbe Jahr einer Kennzahl: die anderen Werte ersetzen oder löschen "
            "oder für die einen eine eigene Kennzahl anlegen"
        )))
    return conflicts


def write_rows(target: Path, rows: list[dict[str, str]]) -> None:
    """Write the CSV atomically: a temporary file in the same folder, then os.replace (core/atomic.py)."""
    buffer = io.StringIO()
    columns = COLUMNS if any(row.get("date") for row in rows) else tuple(c for c in COLUMNS if c != "date")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(target, buffer.getvalue().encode("utf-8"))  # with the mode open() would give, not mkstemp's 0600
