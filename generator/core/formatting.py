"""German formatting of numbers, values, counts, dates, ages and opening hours (used as jinja filters).

Deterministic and independent of the machine's locale: no `locale` module. Every function returns
plain text; escaping for Markdown/HTML is the render stage's job (generator/core/markup.py).

Conventions: `.` groups thousands, `,` separates decimals (`218.536`, `2.592,04`, `29,1`), halves
are rounded away from zero (`0,05` → `0,1`), a non-breaking space (U+00A0) joins number and unit
(`29,1 %`, `2.592,04 km²`), dates are `TT.MM.JJJJ`. Counts read as words (`counted`: „keine Angebote“,
„1 Angebot“, „1.234 Angebote“); counts of people have no decimals (`counts_persons`).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Protocol, Sequence

NBSP = "\u00a0"
DASH = "\u2013"  # en dash for ranges: 09:00–16:00

WEEKDAYS: dict[str, str] = {
    "mo": "Montag",
    "di": "Dienstag",
    "mi": "Mittwoch",
    "do": "Donnerstag",
    "fr": "Freitag",
    "sa": "Samstag",
    "so": "Sonntag",
}
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
ALL_AGES = "alle Altersgruppen"
OPEN_END_AGE = 100  # "0 bis 100+": a range from 0 to at least this age means every age


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """`218536` → `218.536`, `2592.04, 2` → `2.592,04`, `29.14, 1` → `29,1`; None → `–`."""
    if value is None:
        return DASH
    decimals = max(0, int(decimals))
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # no "-0,0"
    sign = "-" if number < 0 else ""
    text = f"{abs(number):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def fmt_value(value: float | int | None, decimals: int = 0, unit: str | None = None) -> str:
    """Number with unit: `29,1 %`, `2.592,04 km²`, `46,6 Einwohner je km²` (U+00A0 before the unit)."""
    text = fmt_number(value, decimals)
    if value is None or not unit:
        return text
    return f"{text}{NBSP}{unit}"


def fmt_date(value: dt.date | None) -> str:
    """`2022-05-15` → `15.05.2022`; None → empty text."""
    if value is None:
        return ""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def fmt_date_long(value: dt.date | None) -> str:
    """`2026-11-01` → `1. November 2026`."""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


class _Ages(Protocol):
    min: int
    max: int | None


def _years(n: int, dative: bool = False) -> str:
    if n == 1:
        return "1 Jahr"
    return f"{n} Jahren" if dative else f"{n} Jahre"


def fmt_ages(ages: _Ages | None) -> str:
    """Age range in words: `0 bis 3 Jahre`, `ab 60 Jahren`, `bis 17 Jahre`, 0 to open end → `alle Altersgruppen`."""
    if ages is None:
        return ALL_AGES
    low, high = ages.min, ages.max
    if low == 0 and (high is None or high >= OPEN_END_AGE):
        return ALL_AGES
    if high is None or high >= OPEN_END_AGE:
        return f"ab {_years(low, dative=True)}"
    if low == high:
        return _years(low)
    if low == 0:
        return f"0 bis {_years(high)}"
    return f"{low} bis {_years(high)}"


def fmt_age_span(ages: _Ages | None) -> str:
    """The range as numbers, `0 bis 100+` for an open end (family centres: „von 0 bis 100+“)."""
    if ages is None:
        return f"0 bis {OPEN_END_AGE}+"
    high = f"{OPEN_END_AGE}+" if ages.max is None or ages.max >= OPEN_END_AGE else str(ages.max)
    return f"{ages.min} bis {high}"


def weekday(code: str) -> str:
    """`mo` → `Montag` (unknown codes are returned unchanged)."""
    return WEEKDAYS.get(code, code)


def join_words(items: Sequence[str], last: str = "und") -> str:
    """`[a]` → `a`, `[a, b]` → `a und b`, `[a, b, c]` → `a, b und c`."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def day_span(days: Iterable[str]) -> str:
    """Weekday codes in words; runs of three or more are shortened: `mo di mi fr` → `Montag bis Mittwoch und Freitag`."""
    order = list(WEEKDAYS)
    indices = sorted({order.index(d) for d in days if d in WEEKDAYS})
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts: list[str] = []
    for run in runs:
        names = [WEEKDAYS[order[i]] for i in run]
        if len(run) >= 3:
            parts.append(f"{names[0]} bis {names[-1]}")
        else:
            parts.extend(names)
    return join_words(parts)


class _Hours(Protocol):
    days: list[str]
    opens: str
    closes: str


def time_range(opens: str, closes: str) -> str:
    return f"{opens}{DASH}{closes}"


def opening_rows(hours: Iterable[_Hours]) -> list[tuple[str, str]]:
    """Opening hours as table rows (Tag, Uhrzeit); days with the same times are grouped.

    `mo–fr 09:00–12:00` plus `di 14:00–18:00` →
    [("Montag und Mittwoch bis Freitag", "09:00–12:00 Uhr"), ("Dienstag", "09:00–12:00 und 14:00–18:00 Uhr")]
    """
    per_day: dict[str, list[tuple[str, str]]] = {}
    for entry in hours:
        for day in entry.days:
            per_day.setdefault(day, []).append((entry.opens, entry.closes))
    order = list(WEEKDAYS)
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for day in sorted(per_day, key=lambda d: order.index(d) if d in order else len(order)):
        times = tuple(sorted(set(per_day[day])))
        groups.setdefault(times, []).append(day)
    rows = []
    for times, days in sorted(groups.items(), key=lambda kv: order.index(kv[1][0]) if kv[1][0] in order else len(order)):
        rows.append((day_span(days), join_words([time_range(o, c) for o, c in times]) + " Uhr"))
    return rows


def plural(count: int, one: str, many: str) -> str:
    """`1 Angebot`, `3 Angebote` (number formatted); 0 stays a number (`nach 0 Tagen`), see `counted`."""
    return f"{fmt_number(count)} {one if count == 1 else many}"


def counted(count: int, one: str, many: str, zero: str | None = None) -> str:
    """A count with its noun in words: `keine Angebote`, `1 Angebot`, `2 Angebote`, `1.234 Angebote`.

    `one` and `many` are the forms the sentence needs (with adjectives: „1 aktuelles Angebot“, „2 aktuelle
    Angebote“; dative: „1 Planungsregion“, „2 Planungsregionen“). For 0 the phrase is „keine <many>“, which
    fits nouns of every gender, or `zero` where the sentence needs other words („noch kein Angebot“).
    Sentences take the whole phrase, never „die/alle“ before it: „die 1 Sozialräume“, „alle 0 Angebote“.
    """
    if count == 0:
        return f"keine {many}" if zero is None else zero
    return f"{fmt_number(count)} {one if count == 1 else many}"


PERSON_WORDS = frozenset({
    "person", "personen", "einwohner", "einwohnerinnen", "einwohnende", "menschen", "bewohner",
    "bewohnerinnen", "kinder", "jugendliche", "erwachsene", "frauen", "männer",
})
_RATE_WORDS = frozenset({"je", "pro", "prozent", "promille", "anteil", "quote"})


def counts_persons(unit: str | None) -> bool:
    """True for a unit that counts people (`Personen`, `Einwohner`, `Einwohnerinnen und Einwohner`, `Kinder`):
    such values are whole numbers. Rates and shares are not (`je 1.000 Einwohner`, `%`, `Personen pro Haushalt`)."""
    words = (unit or "").replace("/", " / ").lower().split()
    if not words or any(w in _RATE_WORDS or "%" in w or "‰" in w or w == "/" for w in words):
        return False
    return words[0] in PERSON_WORDS


FILTERS = {
    "number": fmt_number,
    "value": fmt_value,
    "date": fmt_date,
    "date_long": fmt_date_long,
    "ages": fmt_ages,
    "age_span": fmt_age_span,
    "weekday": weekday,
    "join_words": join_words,
    "opening_rows": opening_rows,
    "plural": plural,
    "counted": counted,
}
