"""Calendar feeds (iCalendar, RFC 5545) of the Termine, written with `icalendar`.

`feed(name, events, context)` gives one .ics file for a list of records: one VEVENT per record with its
rule (RRULE) and exceptions (EXDATE: `exdates` and the Land's holidays the record skips), and for every
cancelled or moved date an override VEVENT with the same UID and a RECURRENCE-ID (STATUS:CANCELLED, or the
new DTSTART). Times carry TZID=Europe/Berlin, and the file holds the VTIMEZONE for it.

Deterministic: the UID is the district key and the record id (`12069-sozialraumkonferenz-teltow@sozialraumatlas`),
DTSTAMP the data date (00:00 UTC), and nothing reads the clock; the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent, Timezone, vRecur

from ..core.formatting import fmt_date
from ..model.events import TIMEZONE, rule_days, skipped_days
from ..model.schema import Event

PRODID = "-//Sozialraumatlas//Termine//DE"
HOLIDAY_YEARS = 3  # holidays of an endless rule are written as exceptions this far ahead of the data date


@dataclass(frozen=True)
class FeedContext:
    """What every feed of an atlas shares: the district key (UIDs, the Land's holidays), the data date, the site's
    address (links to the pages, else none), the place and extra lines per record (from the page module)."""

    district_key: str
    data_date: dt.date
    site_url: str | None
    places: dict[str, str]  # record id → place as text
    details: dict[str, list[str]]  # record id → lines for DESCRIPTION (audience, cost, registration …)


def uid(district_key: str, event: Event) -> str:
    return f"{district_key}-{event.id}@sozialraumatlas"


def _moment(day: dt.date, time: str | None) -> dt.date | dt.datetime:
    if time is None:
        return day
    hour, minute = (int(x) for x in time.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(TIMEZONE))


def _end(day: dt.date, end_day: dt.date, start: str | None, end: str | None) -> dt.date | dt.datetime | None:
    if start is None:
        return end_day + dt.timedelta(days=1)  # all day: DTEND is the day after (exclusive)
    if end is None:
        return None
    return _moment(end_day, end)


def _rule(event: Event) -> vRecur:
    rule = vRecur.from_ical(event.rrule)
    until = rule.get("UNTIL")
    if until and event.start_time is not None and not isinstance(until[0], dt.datetime):
        # a timed DTSTART needs a UNTIL with a time in UTC (RFC 5545 3.3.10): the end of that local day
        last = dt.datetime.combine(until[0], dt.time(23, 59, 59), ZoneInfo(TIMEZONE)).astimezone(dt.timezone.utc)
        rule["UNTIL"] = [last]
    return rule


def _vevent(event: Event, context: FeedContext, day: dt.date, start: str | None, end: str | None, end_day: dt.date) -> VEvent:
    item = VEvent()
    item.add("uid", uid(context.district_key, event))
    item.add("dtstamp", dt.datetime.combine(context.data_date, dt.time(), dt.timezone.utc))
    item.add("dtstart", _moment(day, start))
    finish = _end(day, end_day, start, end)
    if finish is not None:
        item.add("dtend", finish)
    item.add("summary", event.title + (" (Beispiel)" if event.example else ""))
    place = context.places.get(event.id)
    if place:
        item.add("location", place)
    lines = ([event.description] if event.description else []) + context.details.get(event.id, [])
    if lines:
        item.add("description", "\n".join(lines))
    if context.site_url:
        item.add("url", f"{context.site_url.rstrip('/')}/termine/{event.id}/")
    return item


def vevents(event: Event, context: FeedContext) -> list[VEvent]:
    """The record as calendar components: the series (or single date) and one override per changed date."""
    length = (event.end_date - event.start_date) if event.end_date else dt.timedelta(0)
    main = _vevent(event, context, event.start_date, event.start_time, event.end_time, event.start_date + length)
    main.add("status", "CONFIRMED")
    items = [main]
    if event.rrule:
        main.add("rrule", _rule(event))
        horizon = max(context.data_date + dt.timedelta(days=366 * HOLIDAY_YEARS), event.start_date)
        skipped = sorted(skipped_days(event, context.district_key, rule_days(event, horizon)))
        if skipped:
            main.add("exdate", [_moment(d, event.start_time) for d in skipped])
    for change in sorted(event.changes, key=lambda c: c.date):
        original = _moment(change.date, event.start_time)
        if not event.rrule:  # a single date: the record itself is cancelled or moved
            target = main
        else:
            target = _vevent(event, context, change.date, event.start_time, event.end_time, change.date + length)
            target.add("recurrence-id", original)
        if change.status == "abgesagt":
            target["status"] = "CANCELLED"
            target["summary"] = f"Abgesagt: {target['summary']}"
        else:
            new_day = change.new_date or change.date
            for key in ("dtstart", "dtend"):
                target.pop(key, None)
            target.add("dtstart", _moment(new_day, change.new_start_time or event.start_time))
            finish = _end(new_day, new_day + length, change.new_start_time or event.start_time, change.new_end_time or event.end_time)
            if finish is not None:
                target.add("dtend", finish)
            target["status"] = "CONFIRMED"
            moved = f"Verlegt vom {fmt_date(change.date)}"
            target["description"] = "\n".join([moved + (f": {change.note}" if change.note else "")] + ([str(target["description"])] if "description" in target else []))
        if change.status == "abgesagt" and change.note:
            target["description"] = change.note
        if target is not main:
            items.append(target)
    return items


def feed(name: str, events: list[Event], context: FeedContext) -> str:
    """One calendar (.ics text, CRLF line ends) named `name` with every record of `events`."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIMEZONE)
    first = min([e.start_date for e in events] + [context.data_date]) - dt.timedelta(days=366)
    cal.add_component(Timezone.from_tzid(TIMEZONE, first_date=first, last_date=context.data_date + dt.timedelta(days=366 * 6)))
    for event in sorted(events, key=lambda e: e.id):
        for item in vevents(event, context):
            cal.add_component(item)
    return cal.to_ical().decode("utf-8")
