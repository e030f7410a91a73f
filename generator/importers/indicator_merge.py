"""Merge imported indicator values into a long-format CSV (area,indicator,year,value,forecast,example,note).

An equal value for the same (area, indicator, year, forecast) is kept as it is; a different one is a
conflict, reported with the file and line that already hold it, and replaced only with --replace (and
only in the output file: values in other CSV files of the data folder are never changed). The file is
sorted by area, indicator, year and forecast and written atomically (temporary file, then rename).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..check.validate import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TRUE_WORDS
from ..core.atomic import write_atomic
from ..core.problems import display_path
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

    def row(self) -> dict[str, str]:
        return {
            "area": self.area, "indicator": self.indicator, "year": str(self.year), "value": format_decimal(self.value),
            "forecast": "true" if self.forecast else "", "example": "", "note": self.note,
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
    return value == new.value and old.get("example", "").casefold() not in TRUE_WORDS


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
    for value in new:
        key = _key(value.row())
        where = f"{value.area} {value.year}{' (Prognose)' if value.forecast else ''}"
        other = elsewhere.get(key)
        if other is not None:
            if _same(other.row, value):
                result.unchanged += 1
            else:
                result.conflicts.append((value.line, f"{where}: neuer Wert {format_decimal(value.value)}, in {other.where} steht {other.row['value']}; dort ändern oder löschen"))
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
            result.conflicts.append((value.line, f"{where}: neuer Wert {format_decimal(value.value)}, in {old.where} steht {old.row['value']}{what}; mit --replace ersetzen"))
    result.rows = [own[k].row for k in sorted(own)]
    return result


def write_rows(target: Path, rows: list[dict[str, str]]) -> None:
    """Write the CSV atomically: a temporary file in the same folder, then os.replace (core/atomic.py)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(target, buffer.getvalue().encode("utf-8"))  # with the mode open() would give, not mkstemp's 0600
