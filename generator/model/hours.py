"""Opening hours, closures and status of family centres and offers: checks, weekly table, data for the browser.

The documented format is the simple weekly table of the schema (`opening_hours`: list of
`{days: [mo, …], opens: "HH:MM", closes: "HH:MM"}`, several entries per day allowed) plus
`closures` (`{start, end, note}`) and `status` (aktiv, voruebergehend-geschlossen, beendet).

* `check_hours(records, docs)` finds what the schema alone cannot: overlapping or duplicated times on
  one day, a day twice in one entry, „24:00“ as opening time, 24:xx other than 24:00.
* `week_rows(hours)` gives Montag … Sonntag with their times or „geschlossen“ (the table on the page).
* `closure_lines(closures, since)` gives the closures that have not ended before `since` (the data date,
  so builds stay deterministic), as „22.12.2026 bis 02.01.2027 (Weihnachtsferien)“.
* `today_box(record, noun)` is the empty `role="status"` element that assets/atlas-hours.js fills with
  „Heute geöffnet …“ for the visitor's own date; without JavaScript it stays hidden.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from ..core.formatting import DASH, WEEKDAYS, fmt_date, join_words
from ..core.markup import html_attr
from ..core.problems import Problem
from .schema import STATUSES, Closure, OpeningHours

DAYS = tuple(WEEKDAYS)  # mo … so
HOURS_KINDS = ("family_centres", "offers", "organisations")


# --------------------------------------------------------------------------------------------- status


def status_label(record: Any) -> str:
    return STATUSES.get(getattr(record, "status", "aktiv"), "")


def status_sentence(record: Any, noun: str) -> str:
    """„Dieses Angebot ist beendet.“ / „Dieses Familienzentrum ist vorübergehend geschlossen.“; empty when active."""
    status = getattr(record, "status", "aktiv")
    if status == "aktiv":
        return ""
    return f"{noun} ist {STATUSES[status]}."


def status_badge(record: Any) -> Markup:
    """Badge beside the page title for records that are not active (the word carries the meaning)."""
    status = getattr(record, "status", "aktiv")
    if status == "aktiv":
        return Markup("")
    return Markup(f' <span class="atlas-state atlas-state--{html_attr(status)}">{html_attr(STATUSES[status])}</span>')


# --------------------------------------------------------------------------------------------- the weekly table


def intervals_by_day(hours: Iterable[OpeningHours]) -> dict[str, list[tuple[str, str]]]:
    """Day code → sorted distinct (opens, closes) intervals; days without hours are left out."""
    table: dict[str, set[tuple[str, str]]] = {}
    for entry in hours:
        for day in entry.days:
            table.setdefault(day, set()).add((entry.opens, entry.closes))
    return {day: sorted(table[day]) for day in DAYS if day in table}


def times_text(intervals: Iterable[tuple[str, str]]) -> str:
    """`[(09:00, 12:00), (13:00, 16:00)]` → `09:00–12:00 und 13:00–16:00 Uhr` (as written in the data)."""
    return join_words([f"{o}{DASH}{c}" for o, c in intervals]) + " Uhr"


def week_rows(hours: Iterable[OpeningHours]) -> list[tuple[str, str]]:
    """Seven rows Montag … Sonntag with the day's times or „geschlossen“; empty without any hours."""
    table = intervals_by_day(hours)
    if not table:
        return []
    return [(WEEKDAYS[day], times_text(table[day]) if day in table else "geschlossen") for day in DAYS]


def closure_text(closure: Closure) -> str:
    """`22.12.2026 bis 02.01.2027 (Weihnachtsferien)` or `03.10.2026 (Feiertag)`."""
    text = fmt_date(closure.start)
    if closure.end is not None and closure.end != closure.start:
        text += f" bis {fmt_date(closure.end)}"
    return text + (f" ({closure.note})" if closure.note else "")


def closure_lines(closures: Iterable[Closure], since: dt.date) -> list[str]:
    """Closures not over before `since` (the atlas' data date), in date order."""
    current = [c for c in closures if (c.end or c.start) >= since]
    return [closure_text(c) for c in sorted(current, key=lambda c: (c.start, c.end or c.start))]


# --------------------------------------------------------------------------------------------- browser data


def hours_data(record: Any, noun: str) -> dict[str, Any]:
    """What assets/atlas-hours.js needs: intervals per day, closures, and the status sentence."""
    return {
        "status": getattr(record, "status", "aktiv"),
        "statusText": status_sentence(record, noun),
        "hours": intervals_by_day(getattr(record, "opening_hours", [])),
        "closures": [
            [c.start.isoformat(), (c.end or c.start).isoformat(), c.note or ""]
            for c in sorted(getattr(record, "closures", []), key=lambda c: (c.start, c.end or c.start))
        ],
    }


def today_box(record: Any, noun: str) -> Markup:
    """Hidden live region that atlas-hours.js fills for today's date in Europe/Berlin (only with hours)."""
    if not getattr(record, "opening_hours", None):
        return Markup("")
    data = json.dumps(hours_data(record, noun), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(f'<p class="atlas-today" role="status" data-atlas-hours="{html_attr(data)}" hidden></p>')


# --------------------------------------------------------------------------------------------- checks


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def _entry_problems(display: str, line: Any, index: int, entry: OpeningHours) -> list[Problem]:
    problems = []
    where = f"Feld „opening_hours[{index + 1}]“"
    seen: set[str] = set()
    for day in entry.days:
        if day in seen:
            problems.append(Problem(display, line(("opening_hours", index, "days")), f"{where}: Der Wochentag „{day}“ steht doppelt in days"))
        seen.add(day)
    if entry.opens.startswith("24"):
        problems.append(Problem(display, line(("opening_hours", index, "opens")), f"{where}: „{entry.opens}“ ist als Öffnungszeit nicht möglich; „24:00“ ist nur als Schließzeit (closes) erlaubt, Öffnungszeiten gehen von 00:00 bis 23:59"))
    if entry.closes.startswith("24") and entry.closes != "24:00":
        problems.append(Problem(display, line(("opening_hours", index, "closes")), f"{where}: „{entry.closes}“ ist keine Uhrzeit; spätestens „24:00“ (Mitternacht)"))
    return problems


def hours_problems(display: str, line: Any, hours: list[OpeningHours]) -> list[Problem]:
    """Problems of one record's opening hours; `line(loc)` gives the file line of a field."""
    problems: list[Problem] = []
    per_day: dict[str, list[tuple[int, int, int]]] = {}
    for index, entry in enumerate(hours):
        problems += _entry_problems(display, line, index, entry)
        for day in dict.fromkeys(entry.days):
            per_day.setdefault(day, []).append((_minutes(entry.opens), _minutes(entry.closes), index))
    for day in DAYS:
        spans = sorted(per_day.get(day, []))
        for n, (opens, closes, index) in enumerate(spans):
            for other_opens, other_closes, other in spans[:n]:
                if opens >= other_closes:
                    continue
                first, second = hours[other], hours[index]
                a, b = sorted((other, index))
                here = line(("opening_hours", max(a, b)))
                there = line(("opening_hours", min(a, b)))
                if (opens, closes) == (other_opens, other_closes):
                    text = (f"Feld „opening_hours[{max(a, b) + 1}]“: {WEEKDAYS[day]} {first.opens}{DASH}{first.closes} steht schon in Zeile {there}; "
                            "jeder Tag mit denselben Zeiten nur einmal")
                else:
                    text = (f"Feld „opening_hours[{max(a, b) + 1}]“: Die Zeiten am {WEEKDAYS[day]} überschneiden sich: "
                            f"{first.opens}{DASH}{first.closes} (Zeile {line(('opening_hours', other))}) und "
                            f"{second.opens}{DASH}{second.closes} (Zeile {line(('opening_hours', index))}); bitte zu einem Zeitraum zusammenfassen oder berichtigen")
                problems.append(Problem(display, here, text))
    return problems


def check_hours(records: Mapping[str, Mapping[str, Any]], docs: Mapping[tuple[str, str], Any]) -> list[Problem]:
    """Opening-hours problems of every valid family centre and offer (`docs`: (kind, id) → loaded Document)."""
    problems: list[Problem] = []
    for kind in HOURS_KINDS:
        for record_id, record in records.get(kind, {}).items():
            doc = docs.get((kind, record_id))
            if doc is not None and record.opening_hours:
                problems += hours_problems(doc.display, doc.line, record.opening_hours)
    return problems
