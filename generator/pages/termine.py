"""Termine: the upcoming dates by week, one page per record (a date or a series), calendar feeds, next dates on profiles.

`termine_pages(site, common)` adds, when the atlas has dates (data/termine/):

  termine/index.md                            upcoming dates by week, from the data date for about six months
  termine/<id>.md                             one page per record: what, when, where, for whom, its next dates
  termine/kalender/alle.ics                   every record (iCalendar, exports/ical.py)
  termine/kalender/sozialraum-<unit>.ics      records in a Sozialraum (place, or a network of the unit)
  termine/kalender/netzwerk-<network>.ics     a network's meetings
  termine/kalender/familienzentrum-<id>.ics   records at a family centre
  termine/kalender/termin-<id>.ics            „In meinen Kalender“: one record

The build never reads the clock: „upcoming“ means from the atlas's `data_date` on, and each page says so. No
date before it is listed as upcoming. Templates ask `termine(p)` (`TermineTools`) for the next dates of a
network, family centre or unit and the links to its feed; a `webcal:` link appears only with `site_url`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.formatting import WEEKDAYS, fmt_date
from ..core.markup import html_attr, md_href, md_line, webcal_url
from ..exports.ical import FeedContext, feed
from ..model import events as dates
from ..model.atlas import Atlas
from ..model.schema import Event
from . import termine_filter as marks
from .links import record_path

if TYPE_CHECKING:
    from .site import Site

INDEX = "termine/index.md"
FEEDS = "termine/kalender"
NEXT_ON_PROFILES = 5  # next dates on a network, family-centre or unit page
DAY_NAMES = [name[:2] for name in WEEKDAYS.values()]  # Mo, Di, … (Monday first, as date.weekday())


def feed_path(kind: str, ident: str = "") -> str:
    """`termine/kalender/alle.ics`, `…/netzwerk-<id>.ics`, `…/familienzentrum-<id>.ics`, `…/sozialraum-<id>.ics`, `…/termin-<id>.ics`."""
    return f"{FEEDS}/{kind}-{ident}.ics" if ident else f"{FEEDS}/{kind}.ics"


def groups(atlas: Atlas) -> dict[str, list[Event]]:
    """Feed key (`n:<network>`, `c:<centre>`, `m:<unit>`) → its records, in id order (built once per atlas)."""
    def build() -> dict[str, list[Event]]:
        found: dict[str, list[Event]] = {}
        for event in atlas.events.values():
            keys = [f"m:{u}" for u in marks.event_units(atlas, event)]
            keys += [f"n:{event.network}"] if event.network else []
            keys += [f"c:{event.place.family_centre}"] if event.place.family_centre else []
            for key in keys:
                found.setdefault(key, []).append(event)
        return found

    return atlas.memo("termine_groups", atlas.events, build)


def upcoming(atlas: Atlas) -> list[dates.Occurrence]:
    """Every date from the data date on for the next months (built once per atlas)."""
    return atlas.memo("termine_upcoming", atlas.events, lambda: dates.upcoming(list(atlas.events.values()), atlas.district.key, atlas.config.data_date))


def place_text(atlas: Atlas, event: Event, centre_name: bool = True) -> str:
    place = event.place
    centre = atlas.family_centres.get(place.family_centre or "")
    org = atlas.organisations.get(place.organisation or "")
    address = place.address or (centre.address if centre else None) or (org.address if org else None)
    parts = [place.name, centre.name if centre and centre_name else None, org.name if org else None]
    if address is not None:
        parts.append(", ".join(x for x in (address.street, " ".join(y for y in (address.postal_code, address.city) if y)) if x))
    text = ", ".join(p for p in dict.fromkeys(parts) if p)
    return text + (" oder online" if place.online and text else "online" if place.online else "")


def details(atlas: Atlas, event: Event) -> list[str]:
    """Plain lines about a record (calendar DESCRIPTION and the record's page): audience, cost, registration, access."""
    lines = [f"Für wen: {atlas.label('event_audiences', event.audience)}"]
    organiser = atlas.organisations.get(event.organiser)
    if organiser is not None:
        lines.append(f"Veranstalter: {organiser.name}")
    if event.cost:
        lines.append(f"Kosten: {event.cost}")
    reg = event.registration
    if reg is not None:
        text = "Anmeldung nötig" if reg.required else "Anmeldung nicht nötig"
        text += f" bis {fmt_date(reg.deadline)}" if reg.deadline else ""
        text += f", {reg.how}" if reg.how else ""
        lines.append(text)
    if event.accessibility:
        lines.append("Barrierefreiheit: " + ", ".join(atlas.labels("accessibility", event.accessibility)))
    if event.languages:
        lines.append("Sprachen: " + ", ".join(atlas.labels("languages", event.languages)))
    return lines


def when(occ: dates.Occurrence) -> str:
    """„Di, 10.11.2026, 09:30–12:00 Uhr“ (a date over several days: „Di, 23.02.2027, 09:00 Uhr bis Mi, 24.02.2027, 15:30 Uhr“)."""
    day = f"{DAY_NAMES[occ.day.weekday()]}, {fmt_date(occ.day)}"
    if occ.end_day != occ.day:
        last = f"{DAY_NAMES[occ.end_day.weekday()]}, {fmt_date(occ.end_day)}"
        return f"{day}, {occ.start} Uhr bis {last}, {occ.end} Uhr" if occ.start and occ.end else f"{day} bis {last}"
    if occ.start is None:
        return f"{day}, ganztägig"
    return f"{day}, {occ.start}–{occ.end} Uhr" if occ.end else f"{day}, {occ.start} Uhr"


def status_text(occ: dates.Occurrence) -> str:
    if occ.status == "abgesagt":
        return "abgesagt" + (f" ({occ.note})" if occ.note else "")
    if occ.status == "verlegt":
        return f"verlegt vom {fmt_date(occ.original)}" + (f" ({occ.note})" if occ.note else "")
    return ""


def line(page: str, atlas: Atlas, occ: dates.Occurrence, with_place: bool = True, with_title: bool = True) -> Markup:
    """One list entry: date and time, title (link), place; a cancelled date struck through with „abgesagt“."""
    event = occ.event
    title = Markup(f"[{md_line(event.title)}]({md_href(page, record_path(event))})")
    badge = Markup(' <span class="atlas-example">Beispiel</span>') if event.example else Markup("")
    text = Markup(md_line(when(occ))) + (Markup(": ") + title + badge if with_title else Markup(""))
    if with_place and (where := place_text(atlas, event)):
        text += Markup(" – ") + Markup(md_line(where))
    status = status_text(occ)
    if occ.cancelled:
        return Markup(f'<del>{text}</del> <strong class="atlas-termin-status">{md_line(status)}</strong>') if status else text
    if status:
        text += Markup(f' <strong class="atlas-termin-status">{md_line(status)}</strong>')
    return text


def item(page: str, atlas: Atlas, occ: dates.Occurrence) -> Markup:
    """An entry of termine/index.md: `line` with its end, places, topics and audience on the `<li>` (termine_filter.py)."""
    return marks.list_item(line(page, atlas, occ), marks.attributes(atlas, occ, filters=True))


RULE_DAYS = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), WEEKDAYS.values()))


def rule_text(rule: str) -> str:
    """An RFC 5545 rule in words: „jeden Dienstag“, „alle 2 Monate am 2. Dienstag“, „jeden Monat am 15.“, with „bis …“ or „12-mal“."""
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    if any(k in parts for k in ("BYWEEKNO", "BYYEARDAY", "BYSETPOS", "BYMONTH")) or not parts.get("INTERVAL", "1").isdigit():
        return f"nach der Regel „{rule}“"
    every = int(parts.get("INTERVAL", "1") or 1)
    days = []
    for code in parts.get("BYDAY", "").split(",") if parts.get("BYDAY") else []:
        nth, name = code[:-2], RULE_DAYS.get(code[-2:])
        if name is None or (nth and not nth.lstrip("+").isdigit() and nth != "-1"):
            return f"nach der Regel „{rule}“"
        days.append(f"letzten {name}" if nth == "-1" else f"{nth.lstrip('+')}. {name}" if nth else name)
    on = " und ".join(days)
    freq = parts.get("FREQ")
    if freq == "WEEKLY":
        text = (f"jeden {on}" if every == 1 else f"alle {every} Wochen am {on}") if on else ("jede Woche" if every == 1 else f"alle {every} Wochen")
    elif freq == "MONTHLY" and (on or parts.get("BYMONTHDAY")):
        at = f"am {on}" if on else f"am {parts['BYMONTHDAY']}."
        text = f"jeden Monat {at}" if every == 1 else f"alle {every} Monate {at}"
    elif freq in ("DAILY", "MONTHLY", "YEARLY") and not on:
        text = {"DAILY": ("täglich", "Tage"), "MONTHLY": ("monatlich", "Monate"), "YEARLY": ("jährlich", "Jahre")}[freq]
        text = text[0] if every == 1 else f"alle {every} {text[1]}"
    else:
        return f"nach der Regel „{rule}“"
    if parts.get("COUNT"):
        text += f", {parts['COUNT']}-mal"
    if parts.get("UNTIL", "")[:8].isdigit():
        until = parts["UNTIL"]
        text += f", bis {until[6:8]}.{until[4:6]}.{until[:4]}"
    return text


def week_label(monday: dt.date) -> str:
    sunday = monday + dt.timedelta(days=6)
    first = f"{monday.day:02d}.{monday.month:02d}." if monday.year == sunday.year else fmt_date(monday)
    return f"Woche vom {first} bis {fmt_date(sunday)}"


def by_week(occs: list[dates.Occurrence]) -> list[tuple[str, list[dates.Occurrence]]]:
    weeks: dict[dt.date, list[dates.Occurrence]] = {}
    for occ in occs:
        weeks.setdefault(occ.day - dt.timedelta(days=occ.day.weekday()), []).append(occ)
    return [(week_label(monday), items) for monday, items in sorted(weeks.items())]


class TermineTools:
    """What the templates call as `termine(p).…`: next dates and feed links of a network, centre or unit."""

    def __init__(self, p: Any) -> None:
        self.p = p
        self.atlas: Atlas = p.atlas

    def next(self, key: str, count: int = NEXT_ON_PROFILES) -> list[Markup]:
        """The next dates of `n:<network>`, `c:<centre>` or `m:<unit>` from the data date on, as list entries
        (`m:`: spans for one paragraph, `inline`), each with its end for assets/atlas-termine.js."""
        wanted = {e.id for e in groups(self.atlas).get(key, [])}
        found = [o for o in upcoming(self.atlas) if o.event.id in wanted][:count]
        # the place on a network page; a centre is the place itself, and a profile keeps to one line a date (its height)
        entries = [(line(self.p.page, self.atlas, o, with_place=key.startswith("n:")), marks.attributes(self.atlas, o)) for o in found]
        if key.startswith("m:"):
            return [marks.inline_item(text, attrs) for text, attrs in entries]
        return [marks.list_item(text, attrs) for text, attrs in entries]

    def inline(self, items: list[Markup]) -> Markup:
        """A profile's next dates in one paragraph, „; “ between them, and the notice of dates past since the build."""
        return marks.inline_join(items) + Markup(marks.INLINE_NOTICE)

    def notice(self) -> Markup:
        """Before a list of dates: the empty notice the script fills with how many it hid (past since the build)."""
        return Markup(marks.NOTICE)

    def attrs(self, occ: dates.Occurrence) -> Markup:
        """Attribute line of a date shown outside its list (a network's „Nächstes Treffen“): hidden when past, not counted."""
        return Markup(f"{{: {marks.attributes(self.atlas, occ, counted=False)} }}")

    def has(self, key: str) -> bool:
        return bool(groups(self.atlas).get(key))

    def next_meeting(self, network_id: str) -> dates.Occurrence | None:
        """A network's next date that takes place (not cancelled) from the data date on, None without one."""
        wanted = {e.id for e in groups(self.atlas).get(f"n:{network_id}", [])}
        return next((o for o in upcoming(self.atlas) if o.event.id in wanted and not o.cancelled), None)

    def when(self, occ: dates.Occurrence) -> str:
        return when(occ)

    def feeds(self, key: str) -> Markup:
        """„Kalender abonnieren“ links for `key` (`alle`, `n:…`, `c:…`, `m:…`): download, and webcal with site_url."""
        kind, _, ident = key.partition(":")
        path = feed_path({"n": "netzwerk", "c": "familienzentrum", "m": "sozialraum"}.get(kind, "alle"), ident)
        return feed_links(self.p.page, path, self.atlas.config.site_url)

    @property
    def overview(self) -> str:
        return INDEX

    def stand(self) -> str:
        return fmt_date(self.atlas.config.data_date)


def feed_links(page: str, path: str, site_url: str | None) -> Markup:
    name = path.rsplit("/", 1)[1]
    links = [f'[Kalender herunterladen (.ics)]({md_href(page, path)}){{download="{html_attr(name)}" type="text/calendar"}}']
    subscribe = webcal_url(site_url, path)
    if subscribe:
        links.append(f'<a href="{html_attr(subscribe)}">Kalender abonnieren (webcal)</a>')
    return Markup(" · ".join(links))


def unit_feed(atlas: Atlas, unit: str) -> Markup:
    """„Kalender <unit> (.ics)“ on termine/index.md: the unit's feed, named, as one link of a list by Sozialraum."""
    path = feed_path("sozialraum", unit)
    name = atlas.municipalities[unit].name
    return Markup(f'[Kalender {md_line(name)} (.ics)]({md_href(INDEX, path)}){{download="{html_attr(path.rsplit("/", 1)[1])}" type="text/calendar"}}')


def termine_pages(site: Site, common: dict[str, Any]) -> None:
    a = site.atlas
    if not a.events:
        return
    context = FeedContext(a.district.key, a.config.data_date, a.config.site_url, {i: place_text(a, e) for i, e in a.events.items()},
                          {i: details(a, e) for i, e in a.events.items()})
    occs = upcoming(a)
    site.page(INDEX, "termine.md.j2", "Termine", weeks=by_week(occs), occs=occs, item=item, feeds=feed_links(INDEX, feed_path("alle"), a.config.site_url),
              horizon=a.config.data_date + dt.timedelta(days=dates.HORIZON_DAYS), filter_form=marks.filter_form(a, occs), notice=Markup(marks.NOTICE),
              by_unit=marks.by_unit(a), unit_feed=lambda unit: unit_feed(a, unit), **common)
    last = a.config.data_date + dt.timedelta(days=dates.HORIZON_DAYS * 2)
    for event in a.events.values():
        path = record_path(event)
        mine = dates.occurrences(event, a.district.key, a.config.data_date, last)
        site.page(path, "termin.md.j2", event.title, event=event, next_dates=[marks.list_item(line(path, a, o, with_place=False, with_title=False), marks.attributes(a, o)) for o in mine[:12]],
                  notice=Markup(marks.NOTICE),
                  more=len(mine) > 12, place=place_text(a, event, centre_name=False), rule_text=rule_text, details=details(a, event), units=marks.event_units(a, event),
                  feeds=feed_links(path, feed_path("termin", event.id), a.config.site_url), **common)
        site.add(feed_path("termin", event.id), feed(event.title, [event], context))
    site.add(feed_path("alle"), feed(f"Termine {a.district.name}", list(a.events.values()), context))
    names = {"n": ("netzwerk", a.networks), "c": ("familienzentrum", a.family_centres), "m": ("sozialraum", a.municipalities)}
    for key, records in sorted(groups(a).items()):
        kind, _, ident = key.partition(":")
        word, table = names[kind]
        if ident in table:
            site.add(feed_path(word, ident), feed(f"Termine: {table[ident].name}", records, context))


__all__ = ["TermineTools", "feed_path", "termine_pages", "upcoming"]
