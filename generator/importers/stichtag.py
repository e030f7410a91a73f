"""The Stichtag (reference date) of imported indicator values.

Statistical offices publish figures of one year on different dates: the Zensus on 15 May, the
Fortschreibung of the population on 31 December. A value keeps the full date when the table gives
one (a date column, a date in the column header, or `--stichtag`); when the table gives only the year,
the value is written without date, which counts as 31 December, and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..core.formatting import fmt_date, fmt_number
from ..model.indicators import parse_date


class StichtagError(ValueError):
    """`--stichtag` is no date or contradicts `--year` (German message)."""


def parse_option(text: str | None, year: int | None) -> dt.date | None:
    """The date of `--stichtag TT.MM.JJJJ` (also JJJJ-MM-TT); StichtagError when it is none or not in `--year`."""
    if text is None:
        return None
    date = parse_date(text)
    if date is None:
        raise StichtagError(f"--stichtag „{text}“ ist kein Datum; bitte als TT.MM.JJJJ angeben, z. B. --stichtag 31.12.2022")
    if year is not None and year != date.year:
        raise StichtagError(f"--stichtag {fmt_date(date)} liegt nicht im Jahr {year} (--year); bitte nur eines angeben oder beide passend")
    return date


def of_table(text: str | None) -> dt.date | None:
    """The date the table gives („31.12.2022“ or „2022-12-31“ from statoffice_table.parse_year), else None."""
    return parse_date(text) if text else None


TITLE_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d.]\d)")


def in_titles(titles: Sequence[str]) -> str:
    """„31.12.2023 und 01.01.2024“: the dates the title lines of a table name (a hint, never taken as the
    Stichtag: „Gebietsstand: 01.01.2024“ is none); empty when they name none."""
    named = list(dict.fromkeys(d for title in titles for d in TITLE_DATE.findall(title)))
    return " und ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)


def assumed(years: list[int], titles: Sequence[str] = ()) -> str | None:
    """The summary's sentence on values for which the table gives only the year; None when there are none."""
    if not years:
        return None
    named = in_titles(titles)
    hint = f" Die Überschrift der Tabelle nennt {named}." if named else ""
    distinct = sorted(set(years))
    if len(distinct) == 1:
        when, example = f"Stand zum 31.12.{distinct[0]} (Jahresende)", f"--stichtag 15.05.{distinct[0]}"
    else:
        when, example = "Stand zum 31.12. des jeweiligen Jahres (Jahresende)", f"--year {distinct[-1]} --stichtag 15.05.{distinct[-1]}"
    count = "1 Wert" if len(years) == 1 else f"{fmt_number(len(years))} Werte"
    return (
        f"Stichtag: Die Tabelle nennt nur das Jahr ({count}); angenommen: {when}.{hint} Gilt ein anderer Stichtag, "
        f"etwa beim Zensus der 15.05., bitte erneut mit {example} einlesen (mit --replace, wenn schon geschrieben)."
    )


def two_dates(before_line: int, before: dt.date | None, now: dt.date | None) -> str:
    """Two values of one area and year with different Stichtage (Zensus and year-end): the editor chooses one."""
    dates = [fmt_date(d) if d else "nur Jahr" for d in (before, now)]
    return (f"Zeile {before_line} nennt einen Wert zum Stichtag {dates[0]}, diese Zeile zum Stichtag {dates[1]}; "
            "bitte mit --stichtag TT.MM.JJJJ einen Stichtag wählen")
