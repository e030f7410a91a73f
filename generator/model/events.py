"""Dates of the Termine: a record's rule expanded into single occurrences, holidays skipped, changes applied.

`occurrences(atlas, event, start, end)` lists the dates of one record between two days (local times of
the atlas, Europe/Berlin), each with its status: „findet statt“, „abgesagt“ or „verlegt“ (a moved date
carries its new day and times). Cancelled and moved dates stay in the list, so that pages and feeds show
them as such. `upcoming(atlas, events, days)` gives the dates from the data date on. Nothing reads the
clock: the build date is the atlas's `data_date`.

Public holidays come from the `holidays` package for the Land of the district (the first two digits of
its key, core/laender.py), never from a list in the code.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any

import holidays
from dateutil.rrule import rrulestr

from ..core.formatting import fmt_date
from ..core.laender import LAND_CODES
from ..core.problems import Problem
from .schema import Event

TIMEZONE = "Europe/Berlin"
HORIZON_DAYS = 183  # the Termine page and the profiles look about six months ahead
MAX_OCCURRENCES = 2000  # per record: a daily rule over years is cut here


@dataclass(frozen=True)
class Occurrence:
    """One date of a record. `day`/`start`/`end`: where it takes place (for a moved date, the new ones);
    `original`: the day the rule gives (the RECURRENCE-ID of a calendar override)."""

    event: Event
    original: dt.date
    day: dt.date
    start: str | None  # HH:MM, None: all day
    end: str | None
    end_day: dt.date
    status: str = "findet statt"  # or „abgesagt“, „verlegt“
    note: str | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.day, self.start or "", self.event.title.casefold(), self.event.id)

    @property
    def cancelled(self) -> bool:
        return self.status == "abgesagt"


def land_code(district_key: str) -> str | None:
    """ISO 3166-2 code of the district's Land („BB“) from its key („12069“), None if unknown."""
    return LAND_CODES.get(str(district_key)[:2])


@functools.lru_cache(maxsize=64)
def public_holidays(land: str | None, years: tuple[int, ...]) -> frozenset[dt.date]:
    """Statutory public holidays of the Land (`holidays`) in these years; nationwide ones without a Land."""
    table: Any = holidays.country_holidays("DE", subdiv=land, years=years, language="de") if land else holidays.country_holidays("DE", years=years)
    return frozenset(table)


def rule_days(event: Event, until: dt.date) -> list[dt.date]:
    """Every day the record's rule gives (its start day without a rule), up to `until`, before exceptions."""
    if not event.rrule:
        return [event.start_date]
    rule = rrulestr(event.rrule, dtstart=dt.datetime.combine(event.start_date, dt.time()))
    days = []
    for moment in rule:
        if moment.date() > until or len(days) >= MAX_OCCURRENCES:
            break
        days.append(moment.date())
    return days


def skipped_days(event: Event, district_key: str, days: list[dt.date]) -> set[dt.date]:
    """Days of the rule that do not take place without a note: `exdates` and, if asked for, the Land's holidays."""
    skipped = set(event.exdates)
    if event.skip_holidays and days:
        years = tuple(range(days[0].year, days[-1].year + 1))
        skipped |= {d for d in days if d in public_holidays(land_code(district_key), years)}
    return skipped


def occurrences(event: Event, district_key: str, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The record's dates with `start <= day <= end` (a moved date counts by its new day), sorted."""
    days = rule_days(event, end + dt.timedelta(days=366))  # a date moved into the window from later in the rule
    skipped = skipped_days(event, district_key, days)
    changes = {c.date: c for c in event.changes}
    length = (event.end_date - event.start_date) if event.end_date else dt.timedelta(0)
    found = []
    for day in days:
        if day in skipped:
            continue
        change = changes.get(day)
        occ = Occurrence(event, day, day, event.start_time, event.end_time, day + length)
        if change is not None and change.status == "abgesagt":
            occ = Occurrence(event, day, day, event.start_time, event.end_time, day + length, "abgesagt", change.note)
        elif change is not None:
            new_day = change.new_date or day
            occ = Occurrence(event, day, new_day, change.new_start_time or event.start_time, change.new_end_time or event.end_time,
                             new_day + length, "verlegt", change.note)
        if start <= occ.day <= end:
            found.append(occ)
    return sorted(found, key=lambda o: o.sort_key)


def event_problems(records: Mapping[str, Mapping[str, Any]], docs: Mapping[tuple[str, str], Any]) -> list[Problem]:
    """Exceptions and changes of valid records that name no day of their rule (a typo in the date)."""
    problems: list[Problem] = []
    for record_id, event in records.get("events", {}).items():
        doc = docs.get(("events", record_id))
        if doc is None or not (event.changes or event.exdates):
            continue
        days = set(rule_days(event, max([c.date for c in event.changes] + list(event.exdates))))
        rule = f"der Regel „{event.rrule}“" if event.rrule else f"des Termins (start_date {fmt_date(event.start_date)})"
        for field, items in (("changes", [c.date for c in event.changes]), ("exdates", event.exdates)):
            for n, day in enumerate(items):
                if day in items[:n]:
                    loc = (field, n, "date") if field == "changes" else (field, n)
                    problems.append(Problem(doc.display, doc.line(loc), f"Feld „{field}“: Der {fmt_date(day)} steht zweimal darin"))
                elif day not in days:
                    loc = (field, n, "date") if field == "changes" else (field, n)
                    problems.append(Problem(doc.display, doc.line(loc), f"Feld „{field}“: Am {fmt_date(day)} ist kein Termin {rule}; bitte das Datum prüfen"))
    return problems


def upcoming(events: list[Event], district_key: str, today: dt.date, days: int = HORIZON_DAYS) -> list[Occurrence]:
    """Every date of these records from `today` (the data date) on for `days` days, sorted; nothing earlier."""
    end = today + dt.timedelta(days=days)
    return sorted((o for e in events for o in occurrences(e, district_key, today, end)), key=lambda o: o.sort_key)


def event_unit(event: Event, centres: dict[str, Any], organisations: dict[str, Any]) -> list[str]:
    """Sozialräume of a record's place: its own, its family centre's, or those its organisation works in."""
    place = event.place
    if place.municipality:
        return [place.municipality]
    if place.family_centre and place.family_centre in centres:
        return [centres[place.family_centre].municipality]
    org = organisations.get(place.organisation or "")
    return list(org.municipalities) if org is not None and len(org.municipalities) == 1 else []
