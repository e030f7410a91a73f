"""`atlas import-indicators FILE`: a statistical-office table → the atlas' long-format indicator CSV.

Steps: read the table (statoffice_table), find the key column, the year and the value column(s),
map every key to an area of the atlas, parse the values, add up the member municipalities of an Amt
(only for indicators with `aggregation: sum`, and only when every member has a value), then merge the
values into data/indicators/<indicator>.csv (indicator_merge). Every row that is not taken is reported
as `file:line: reason`; nothing is guessed: an ambiguous table stops with the columns to choose from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..check.keys import area_label
from ..core.problems import display_path
from .aggregation_advice import is_rate, not_additive
from .area_keys import AreaIndex
from .indicator_merge import MergeError, NewValue, merge, write_rows
from .indicator_summary import nothing_written, summary
from .statoffice_table import (
    Column,
    Table,
    TableError,
    decimal_style,
    is_date,
    looks_like_key,
    parse_value,
    parse_year,
    read_table,
)
from .stichtag import StichtagError, assumed, in_titles, of_table, parse_option, two_dates

KEY_WORDS = ("schlüssel", "schluessel", "kennziffer", "ags", "ars", "gkz", "regionalschl")
YEAR_WORDS = {"jahr", "jahre", "berichtsjahr", "stichtag", "zeit", "zeitraum", "datum"}


@dataclass
class Options:
    indicator: str
    column: str | None = None
    key_column: str | None = None
    year: int | None = None
    forecast: bool = False
    note: str | None = None
    output: Path | None = None
    replace: bool = False
    dry_run: bool = False
    stichtag: str | None = None  # --stichtag TT.MM.JJJJ: the date of values for which the table gives only the year


@dataclass(frozen=True, order=True)
class Message:
    line: int
    order: int  # 0 error, 1 not taken, 2 skipped
    text: str

    @property
    def error(self) -> bool:
        return self.order == 0


def error(line: int, text: str) -> Message:
    return Message(line, 0, f"Fehler: {text}")


def not_taken(line: int, text: str) -> Message:
    return Message(line, 1, f"nicht übernommen: {text}")


def skipped(line: int, text: str) -> Message:
    return Message(line, 2, f"übersprungen: {text}")


def aggregation_of(indicator: object) -> str | None:
    """`aggregation` of an indicator record (sum|none), None while the schema has no such field."""
    return getattr(indicator, "aggregation", None)


# --- columns ------------------------------------------------------------------------------------
@dataclass
class Layout:
    key: int
    year: int | None  # column with the year (long table)
    values: list[tuple[int, int | None, str | None]]  # (column, year from the header, date from the header)


def _names(columns: list[Column]) -> str:
    return ", ".join(f"„{c.name}“" for c in columns)


def _pick(columns: list[Column], wanted: str, option: str, header_line: int) -> Column:
    found = [c for c in columns if c.matches(wanted)]
    if len(found) != 1:
        what = "keine Spalte" if not found else f"mehrere Spalten ({_names(found)})"
        raise TableError(header_line, f"{option} „{wanted}“: {what} heißt so; Spalten der Tabelle: {_names(columns)}")
    return found[0]


def _key_column(table: Table, index: AreaIndex, opts: Options) -> Column:
    if opts.key_column:
        return _pick(table.columns, opts.key_column, "--key-column", table.header_line)
    candidates = []
    for col in table.columns:
        cells = [r.cells[col.index] for r in table.rows if r.cells[col.index]]
        keys = [c for c in cells if looks_like_key(c)]
        hits = sum(1 for c in keys if index.locate(c).kind in ("area", "member"))
        named = any(word in _fold_name(col) for word in KEY_WORDS)
        if any(parse_year(p) for p in col.parts) or _fold_name(col) in YEAR_WORDS:
            continue
        if (named and keys) or (hits and len(keys) * 2 >= len(cells)):
            candidates.append(col)
    if not candidates:
        raise TableError(table.header_line, "Keine Spalte mit amtlichen Schlüsseln (AGS, ARS, Kreis- oder Amtsschlüssel) gefunden, die zu Gebieten des Atlas passen")
    agree = all(len({index.locate(r.cells[c.index]) for c in candidates}) == 1 for r in table.rows)
    if len(candidates) > 1 and not agree:
        raise TableError(table.header_line, f"Mehrere Spalten enthalten Gebietsschlüssel: {_names(candidates)}; bitte mit --key-column SPALTE eine wählen")
    return candidates[0]


def _fold_name(col: Column) -> str:
    return col.name.casefold().rstrip(":*¹²³")


def _value_columns(table: Table, taken: set[int], key: Column, opts: Options) -> list[Column]:
    style_cells = lambda c: [r.cells[c.index] for r in table.rows if r.cells[key.index] and r.cells[c.index]]  # noqa: E731
    if opts.column:
        return [_pick([c for c in table.columns if c.index not in taken], opts.column, "--column", table.header_line)]
    candidates = []
    for col in table.columns:
        cells = style_cells(col)
        if col.index in taken or not cells:
            continue
        style = decimal_style(cells)
        numbers = sum(1 for c in cells if not parse_value(c, style).error)
        if numbers * 2 >= len(cells):
            candidates.append(col)
    if len(candidates) != 1:
        if not candidates:
            raise TableError(table.header_line, "Keine Spalte mit Zahlenwerten gefunden")
        raise TableError(table.header_line, f"Mehrere Spalten mit Werten: {_names(candidates)}; bitte mit --column SPALTE angeben, welche übernommen wird")
    return candidates


def layout(table: Table, index: AreaIndex, opts: Options) -> Layout:
    """Key column, year and value columns of the table; TableError (German) when the choice is not clear."""
    key = _key_column(table, index, opts)
    wide = [(c, next(y for y in map(parse_year, c.parts) if y)) for c in table.columns if c.index != key.index and any(map(parse_year, c.parts))]
    year_cols = [
        c for c in table.columns
        if c.index != key.index and c not in [w for w, _ in wide]
        and (_fold_name(c) in YEAR_WORDS or any(p.casefold().rstrip(":") in YEAR_WORDS for p in c.parts)
             or (not c.parts and all(is_date(r.cells[c.index]) for r in table.rows if r.cells[key.index]) and any(r.cells[c.index] for r in table.rows)))
    ]
    if wide and year_cols or len(year_cols) > 1:
        raise TableError(table.header_line, f"Mehrere Spalten geben das Jahr an: {_names(year_cols + [w for w, _ in wide])}; die Tabelle bitte so zuschneiden, dass das Jahr eindeutig ist")
    if wide:
        if opts.column:
            wide = [(c, y) for c, y in wide if c.matches(opts.column)]
            if not wide:
                raise TableError(table.header_line, f"--column „{opts.column}“: keine Jahresspalte heißt so; Spalten der Tabelle: {_names(table.columns)}")
        if opts.year is not None:
            wide = [(c, y) for c, y in wide if y[0] == opts.year]
            if not wide:
                raise TableError(table.header_line, f"Das Jahr {opts.year} (--year) steht in keinem Spaltenkopf")
        by_year: dict[int, list[Column]] = defaultdict(list)
        for c, y in wide:
            by_year[y[0]].append(c)
        double = [cols for cols in by_year.values() if len(cols) > 1]
        if double:
            raise TableError(table.header_line, f"Mehrere Spalten für dasselbe Jahr: {_names(double[0])}; bitte mit --column SPALTE eine wählen")
        return Layout(key.index, None, [(c.index, y[0], y[1]) for c, y in wide])
    if not year_cols and opts.year is None:
        raise TableError(
            table.header_line,
            "Die Tabelle hat weder eine Spalte „Jahr“ oder „Stichtag“ noch Jahreszahlen als Spaltenköpfe; bitte mit --stichtag TT.MM.JJJJ "
            "(oder nur --year JAHR, dann gilt der 31.12.) angeben, wann die Werte gelten"
            + (f"; die Überschrift nennt {in_titles(table.titles)}" if in_titles(table.titles) else ""),
        )
    taken = {key.index} | {c.index for c in year_cols}
    values = _value_columns(table, taken, key, opts)
    return Layout(key.index, year_cols[0].index if year_cols else None, [(c.index, None, None) for c in values])


# --- rows ---------------------------------------------------------------------------------------
@dataclass
class Taken:
    value: Decimal
    notes: tuple[str, ...]
    line: int
    date: dt.date | None = None  # Stichtag; None: only the year (taken as 31 December)


@dataclass
class Collected:
    values: dict[tuple[str, int], Taken] = field(default_factory=dict)
    members: dict[tuple[str, int], dict[str, Taken | None]] = field(default_factory=lambda: defaultdict(dict))
    member_lines: dict[tuple[str, int], list[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(list))
    direct_lines: dict[tuple[str, int], int] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    other_rows: int = 0
    other_years: int = 0
    other_dates: int = 0  # values of another Stichtag than --stichtag
    read: int = 0  # rows of the table with a key or a value = atlas rows + other_rows + invalid_rows
    invalid_rows: int = 0


def collect(table: Table, lay: Layout, index: AreaIndex, opts: Options, stichtag: dt.date | None = None) -> Collected:
    out = Collected()
    ind = index.atlas.indicators[opts.indicator]
    counts = aggregation_of(ind) == "sum" and not is_rate(ind)  # „–“ is 0 only for what adds up
    style = decimal_style([r.cells[c] for r in table.rows for c, _, _ in lay.values if r.cells[lay.key]])
    for row in table.rows:
        key_cell = row.cells[lay.key]
        has_value = any(row.cells[c] for c, _, _ in lay.values)
        if not key_cell:
            if has_value:
                out.read += 1
                out.other_rows += 1
                out.messages.append(skipped(row.line, "Zeile ohne Gebietsschlüssel (Summen- oder Zwischenzeile?)"))
            continue
        place = index.locate(key_cell)
        if place.kind == "invalid":
            if has_value:
                out.read += 1
                out.invalid_rows += 1
                out.messages.append(error(row.line, f"„{key_cell}“ ist kein amtlicher Schlüssel (Kreis 5, Gemeinde 8, Gemeindeverband 9 oder Regionalschlüssel 12 Ziffern)"))
            continue  # a footnote or title line in the key column
        out.read += 1
        if place.kind == "other":
            out.other_rows += 1
            out.messages.append(skipped(row.line, f"{key_cell} ({place.label}) gehört nicht zum Atlas"))
            continue
        if place.kind == "outside":
            out.messages.append(not_taken(row.line, f"Schlüssel {place.label} liegt im {area_label(index.district.key)}, gehört aber zu keinem Sozialraum des Atlas"))
            continue
        for column, header_year, date in lay.values:
            year, when = header_year, date
            if lay.year is not None:
                parsed = parse_year(row.cells[lay.year])
                if parsed is None:
                    out.messages.append(error(row.line, f"„{row.cells[lay.year]}“ in der Jahresspalte ist kein Jahr und kein Datum"))
                    continue
                year, when = parsed
            elif year is None:
                year = opts.year
            if opts.year is not None and year != opts.year:
                out.other_years += 1
                continue
            date = of_table(when) or stichtag  # the table's own date wins; --stichtag dates what has only a year
            if stichtag is not None and date != stichtag:
                out.other_dates += 1
                continue
            label = f"{place.label} {year}"
            if place.kind == "area":  # even a secret value of an Amt means: do not add up its members
                out.direct_lines.setdefault((place.area, year), row.line)
            cell = parse_value(row.cells[column], style, nothing_is_zero=counts)
            if cell.value is None:
                out.messages.append((error if cell.error else not_taken)(row.line, f"{label}: {cell.reason}"))
                if place.kind == "member" and not cell.error:
                    out.members[(place.area, year)][place.member] = None
                    out.member_lines[(place.area, year)].append((row.line, place.label, place.member))
                continue
            taken = Taken(cell.value, cell.notes, row.line, date)
            if place.kind == "member":
                out.members[(place.area, year)][place.member] = taken
                out.member_lines[(place.area, year)].append((row.line, place.label, place.member))
                continue
            before = out.values.get((place.area, year))
            if before is None:
                out.values[(place.area, year)] = taken
            elif before.date != taken.date:
                out.messages.append(error(row.line, f"{label}: {two_dates(before.line, before.date, taken.date)}"))
            elif before.value == taken.value:
                out.messages.append(not_taken(row.line, f"{label}: derselbe Wert steht schon in Zeile {before.line}"))
            else:
                out.messages.append(error(row.line, f"{label}: Zeile {before.line} nennt einen anderen Wert für dasselbe Gebiet und Jahr"))
    return out


def add_amt_sums(out: Collected, index: AreaIndex, indicator_id: str) -> None:
    """Sum the member municipalities into their Amt, Samtgemeinde … (every kind with members): only for additive indicators and only when all have a value."""
    atlas = index.atlas
    ind = atlas.indicators[indicator_id]
    additive = aggregation_of(ind) == "sum" and not is_rate(ind)  # a share never adds up, whatever its record says
    for (amt_id, year), found in sorted(out.members.items()):
        amt = atlas.municipalities[amt_id]
        lines = out.member_lines[(amt_id, year)]
        missing = [g.name if g.ags else f"{g.name} (ohne AGS)" for g in amt.members if g.ags is None or found.get(g.ags) is None]
        kind = atlas.unit_type(amt.type)  # Amt, Samtgemeinde, Verbandsgemeinde … (every kind with members)
        if (amt_id, year) in out.direct_lines:
            reason = f"Gemeinde {kind.in_named(amt.name)}; der Wert {kind.of_the} steht in Zeile {out.direct_lines[(amt_id, year)]}"
        elif not additive:
            reason = f"Gemeinde {kind.in_named(amt.name)}; {not_additive(ind, atlas.indicators, kind)}"
        elif missing:
            reason = f"Gemeinde {kind.in_named(amt.name)}; die Summe für {kind.article.replace('der', 'den')} {kind.label} fehlt, weil Werte fehlen für: {', '.join(missing)}"
        elif len({found[g.ags].date for g in amt.members}) > 1:
            reason = f"Gemeinde {kind.in_named(amt.name)}; die Werte der Gemeinden haben verschiedene Stichtage und werden nicht addiert"
        else:
            notes = tuple(dict.fromkeys(n for g in amt.members for n in found[g.ags].notes))
            total = sum((found[g.ags].value for g in amt.members), Decimal(0))
            names = ", ".join(g.name for g in amt.members)
            out.values[(amt_id, year)] = Taken(total, (f"Summe der Gemeinden {names}",) + notes, min(line for line, _, _ in lines), found[amt.members[0].ags].date)
            continue
        for line, name, ags in lines:
            if found.get(ags) is not None:  # members without a value were reported with their reason
                out.messages.append(not_taken(line, f"{name} {year}: {reason}"))


# --- command ------------------------------------------------------------------------------------
def run_import(file: Path, data_dir: Path, opts: Options) -> int:
    """The command: read, map, merge, write; prints every row not taken and a summary (German). Exit code."""
    from ..check.validate import validate

    atlas, problems = validate(data_dir)
    if atlas is None:
        for problem in problems:
            print(str(problem), file=sys.stderr)
        print(f"{len(problems)} Problem(e) im Datenordner; bitte zuerst beheben (atlas check). Es wurde nichts importiert.", file=sys.stderr)
        return 1
    shown = display_path(file)
    if opts.indicator not in atlas.indicators:
        hint = difflib.get_close_matches(opts.indicator, list(atlas.indicators), n=1)
        print(f"Fehler: Kennzahl „{opts.indicator}“ unbekannt; sie braucht eine Datei indicators/{opts.indicator}.yaml"
              + (f"; meinten Sie „{hint[0]}“?" if hint else f"; vorhanden: {', '.join(atlas.indicators)}"), file=sys.stderr)
        return 1
    index = AreaIndex(atlas)
    try:
        stichtag = parse_option(opts.stichtag, opts.year)
    except StichtagError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    if stichtag is not None:  # --stichtag chooses its year like --year
        opts = dataclasses.replace(opts, year=stichtag.year)
    try:
        table = read_table(file)
        lay = layout(table, index, opts)
    except TableError as exc:
        print(f"{shown}:{exc.line}: Fehler: {exc.message}", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    out = collect(table, lay, index, opts, stichtag)
    add_amt_sums(out, index, opts.indicator)
    extra = tuple(n for n in (opts.note,) if n)
    new = [
        NewValue(area, opts.indicator, year, t.value, opts.forecast, "; ".join(extra + t.notes + (f"aus {Path(file).name}",)), t.line, t.date)
        for (area, year), t in sorted(out.values.items())
    ]
    target = Path(opts.output) if opts.output else Path(data_dir) / "indicators" / f"{opts.indicator}.csv"
    try:
        result = merge(new, target, sorted((Path(data_dir) / "indicators").glob("*.csv")), opts.replace)
    except MergeError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    messages = sorted(out.messages + [Message(line, 0, f"Fehler: {text}") for line, text in result.conflicts])
    for message in messages:
        print(f"{shown}:{message.line}: {message.text}")
    errors = sum(m.error for m in messages)
    print(summary(out, len(new) - len(result.conflicts), sum(m.order == 1 for m in messages), errors, written=not (errors or opts.dry_run)))
    year_only = assumed([v.year for v in new if v.date is None], table.titles)
    if year_only:
        print(year_only)
    if errors:
        print(nothing_written(errors, len(new) - len(result.conflicts)), file=sys.stderr)
        return 1
    if opts.dry_run:
        print(f"Probelauf: {display_path(target)} wurde nicht geschrieben ({result.added} neu, {result.replaced} ersetzt, {result.unchanged} unverändert).")
        return 0
    if not new:
        print(f"Keine Werte für Gebiete des Atlas gefunden – gehört die Tabelle zum {area_label(atlas.district.key)}? Es wurde nichts geschrieben.")
        return 0
    if result.added or result.replaced:
        try:
            write_rows(target, result.rows)
        except OSError as exc:
            print(f"Fehler: {display_path(target)} kann nicht geschrieben werden: {exc.strerror or exc}", file=sys.stderr)
            return 1
    print(f"{display_path(target)}: {result.added} neu, {result.replaced} ersetzt, {result.unchanged} unverändert.")
    return 0
