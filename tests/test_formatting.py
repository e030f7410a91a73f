"""German formatting helpers (generator/core/formatting.py): deterministic, no locale."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.core.formatting import (
    NBSP,
    day_span,
    fmt_age_span,
    fmt_ages,
    fmt_date,
    fmt_date_long,
    fmt_number,
    fmt_value,
    join_words,
    opening_rows,
    plural,
    weekday,
)
from generator.model.schema import AgeRange, OpeningHours


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2592, 0, "2.592"),
        (218536, 0, "218.536"),
        (29.1, 1, "29,1"),
        (2592.04, 2, "2.592,04"),
        (1234567.891, 2, "1.234.567,89"),
        (999, 0, "999"),
        (0, 1, "0,0"),
        (0.05, 1, "0,1"),  # halves are rounded away from zero, not to even
        (2.5, 0, "3"),
        (-1234.5, 1, "-1.234,5"),
        (-0.01, 1, "0,0"),  # no "-0,0"
        (46.58, 1, "46,6"),
        (1000000, 0, "1.000.000"),
    ],
)
def test_numbers(value: float, decimals: int, expected: str) -> None:
    assert fmt_number(value, decimals) == expected


def test_missing_number_is_a_dash() -> None:
    assert fmt_number(None) == "–"
    assert fmt_value(None, 1, "%") == "–"


def test_values_with_units_use_a_non_breaking_space() -> None:
    assert fmt_value(29.1, 1, "%") == f"29,1{NBSP}%"
    assert fmt_value(2592.04, 2, "km²") == f"2.592,04{NBSP}km²"
    assert fmt_value(218536, 0, None) == "218.536"


def test_dates() -> None:
    assert fmt_date(dt.date(2022, 5, 15)) == "15.05.2022"
    assert fmt_date(None) == ""
    assert fmt_date_long(dt.date(2026, 11, 1)) == "1. November 2026"
    assert fmt_date_long(dt.date(2026, 3, 9)) == "9. März 2026"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 3, "0 bis 3 Jahre"),
        (0, 1, "0 bis 1 Jahr"),
        (60, None, "ab 60 Jahren"),
        (1, None, "ab 1 Jahr"),
        (0, None, "alle Altersgruppen"),
        (0, 100, "alle Altersgruppen"),
        (0, 120, "alle Altersgruppen"),
        (6, 12, "6 bis 12 Jahre"),
        (3, 3, "3 Jahre"),
        (18, 100, "ab 18 Jahren"),
    ],
)
def test_age_ranges(low: int, high: int | None, expected: str) -> None:
    assert fmt_ages(AgeRange(min=low, max=high)) == expected


def test_no_age_range_means_every_age() -> None:
    assert fmt_ages(None) == "alle Altersgruppen"
    assert fmt_age_span(AgeRange(min=0)) == "0 bis 100+"
    assert fmt_age_span(AgeRange(min=0, max=6)) == "0 bis 6"


def test_weekdays_and_lists() -> None:
    assert [weekday(d) for d in ("mo", "di", "mi", "do", "fr", "sa", "so")] == [
        "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
    ]
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a und b"
    assert join_words(["a", "b", "c"]) == "a, b und c"
    assert day_span(["fr", "mo", "di", "mi"]) == "Montag bis Mittwoch und Freitag"
    assert day_span(["mo", "mi", "fr"]) == "Montag, Mittwoch und Freitag"
    assert day_span(["sa", "so"]) == "Samstag und Sonntag"
    assert plural(1, "Angebot", "Angebote") == "1 Angebot"
    assert plural(1200, "Angebot", "Angebote") == "1.200 Angebote"


def test_opening_hours_group_days_with_the_same_times() -> None:
    hours = [
        OpeningHours(days=["mo", "di", "mi", "do", "fr"], opens="09:00", closes="12:00"),
        OpeningHours(days=["di", "do"], opens="14:00", closes="18:00"),
        OpeningHours(days=["sa"], opens="10:00", closes="13:00"),
    ]
    assert opening_rows(hours) == [
        ("Montag, Mittwoch und Freitag", "09:00–12:00 Uhr"),
        ("Dienstag und Donnerstag", "09:00–12:00 und 14:00–18:00 Uhr"),
        ("Samstag", "10:00–13:00 Uhr"),
    ]


def test_opening_hours_in_one_block() -> None:
    hours = [OpeningHours(days=["mo", "di", "mi", "do"], opens="08:00", closes="16:30")]
    assert opening_rows(hours) == [("Montag bis Donnerstag", "08:00–16:30 Uhr")]
    assert opening_rows([]) == []
