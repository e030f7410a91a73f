"""schema.org structured data (JSON-LD) for family centre, offer, organisation, benefit and Termin pages.

`jsonld(atlas, page, record)` returns one `<script type="application/ld+json">` element (or nothing) for a
template; `describe(atlas, page, record)` returns the plain dict (tests, exports).

Types, chosen for what the records are and what search engines read:

* family centre → `LocalBusiness`: schema.org defines it as „a particular physical business or branch of
  an organization“, i.e. a place with address, geo, opening hours (also special closures), phone and
  e-mail run by an operator (`parentOrganization`). `CivicStructure` would fit the building but has no
  e-mail or contact point, and assistants show opening hours mainly for LocalBusiness.
* offer → `Service` with `provider`, `areaServed`, `audience` (`PeopleAudience` with ages),
  `hoursAvailable`, `availableChannel` (where and how to reach it) and, when it is free, an `Offer` with
  price 0 (`isAccessibleForFree` is not a property of Service in schema.org).
* organisation → `GovernmentOrganization` when its type in vocabularies.yaml (organisation_types) says
  `government: true` (administrations, authorities, job centres), `Organization` otherwise.
* benefit (Leistung) → `GovernmentService`: responsible bodies as `provider`, a `ServiceChannel` at each of
  their addresses (when one can apply in person) and one with `serviceUrl` for the online service, the
  district as `areaServed`, „who can get it“ as `audience`, LeiKa keys as `identifier`. The legal basis goes
  into `serviceType` and `description`: `Legislation`, `jurisdiction` and `termsOfService` are only pending.
* Termin → `Event`: a single date itself; a series with its next dates (at most five, from the data date
  on, never earlier; no build clock) as `subEvent`, each with `eventStatus` (cancelled, rescheduled with
  `previousStartDate`, scheduled) and times with the Europe/Berlin offset of their day. `EventSeries` and
  `eventAttendanceMode` are only pending in the release, so they are left out. `isAccessibleForFree` when
  the `cost` text starts with a word like „kostenfrei“. A record without a date from the data date on
  gets no block.

Languages: `availableLanguage` has the domains ContactPoint, ServiceChannel, Course, LodgingBusiness and
TouristAttraction, so an offer's languages go on its `availableChannel` and a centre's on a ContactPoint with
the centre's phone and e-mail. tests/test_schemaorg_vocabulary.py checks every block against the vocabulary
of a named schema.org release (domains, ranges, pending and attic terms).

Privacy: only what the page itself shows. Contacts reach this module through `Atlas.contact`/`contacts_of`,
which hold published contacts only; even then only their role, e-mail and phone go into a `ContactPoint`
(no personal name). Records with status „beendet“ get no structured data, so search engines do not
advertise them; a temporarily closed one gets no opening hours.

Safety: the JSON is written with `<`, `>` and `&` as `\\u003c`, `\\u003e`, `\\u0026`, so no value can
end the script element or open a comment; the result is one line (Markdown keeps it as one HTML block).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ..core.formatting import join_words
from ..model import events as dates
from ..model.atlas import Atlas, is_active
from ..model.hours import intervals_by_day
from ..model.review import page_address
from ..model.schema import (
    Address,
    Benefit,
    Closure,
    Event,
    FamilyCentre,
    Location,
    Offer,
    OpeningHours,
    Organisation,
)

NEXT_EVENTS = 5  # a series page describes at most its next five dates from the data date on
FREE_WORDS = ("kostenfrei", "kostenlos", "gebührenfrei", "gratis", "frei")  # `cost` text that makes isAccessibleForFree
EVENT_STATUS = {"abgesagt": "EventCancelled", "verlegt": "EventRescheduled"}
SCHEMA_DAYS = {"mo": "Monday", "di": "Tuesday", "mi": "Wednesday", "do": "Thursday", "fr": "Friday", "sa": "Saturday", "so": "Sunday"}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (None, "", [], {}) so the output has only what the record says."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def address(value: Address | None) -> dict[str, Any] | None:
    if value is None:
        return None
    street = ", ".join(x for x in (value.street, value.locality) if x)
    return _clean({"@type": "PostalAddress", "streetAddress": street, "postalCode": value.postal_code, "addressLocality": value.city, "addressCountry": "DE"})


def geo(value: Location | None) -> dict[str, Any] | None:
    return None if value is None else {"@type": "GeoCoordinates", "latitude": value.lat, "longitude": value.lon}


def _time(value: str) -> str:
    return "23:59" if value == "24:00" else value  # schema.org Time has no 24:00


def opening_specs(hours: list[OpeningHours]) -> list[dict[str, Any]]:
    """One OpeningHoursSpecification per interval, listing the days that share it (days in week order)."""
    by_interval: dict[tuple[str, str], list[str]] = {}
    for day, intervals in intervals_by_day(hours).items():
        for interval in intervals:
            by_interval.setdefault(interval, []).append(day)
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in days], "opens": opens, "closes": _time(closes)}
        for (opens, closes), days in sorted(by_interval.items())
    ]


def closure_specs(closures: list[Closure]) -> list[dict[str, Any]]:
    """Closed periods as special opening hours 00:00–00:00 (schema.org's way of saying „closed“)."""
    return [
        _clean({"@type": "OpeningHoursSpecification", "validFrom": c.start.isoformat(), "validThrough": (c.end or c.start).isoformat(),
                "opens": "00:00", "closes": "00:00", "description": c.note})
        for c in sorted(closures, key=lambda c: (c.start, c.end or c.start))
    ]


def contact_point(contact: Any) -> dict[str, Any] | None:
    """Role, e-mail and phone of a published contact (never the person's name)."""
    if contact is None or not getattr(contact, "publish", False):
        return None
    return _clean({"@type": "ContactPoint", "contactType": contact.role, "email": contact.email, "telephone": contact.phone})


def centre_contact(atlas: Atlas, c: FamilyCentre) -> dict[str, Any] | None:
    """The centre's own phone and e-mail with the languages spoken there (`availableLanguage` belongs to
    ContactPoint, not to LocalBusiness); nothing when the record names no language."""
    if not c.languages:
        return None
    return _clean({"@type": "ContactPoint", "telephone": c.phone, "email": c.email, "availableLanguage": atlas.labels("languages", c.languages)})


def _areas(atlas: Atlas, record: Any, municipality_ids: list[str]) -> list[dict[str, Any]]:
    if getattr(record, "villages_served", None):
        return [{"@type": "Place", "name": v} for v in record.villages_served]
    names = [atlas.municipalities[m].name for m in municipality_ids if m in atlas.municipalities]
    return [{"@type": "AdministrativeArea", "name": n} for n in names] or [{"@type": "AdministrativeArea", "name": atlas.district.name}]


def _organisation_ref(atlas: Atlas, org_id: str | None) -> dict[str, Any] | None:
    org = atlas.organisations.get(org_id or "")
    if org is None:
        return None
    return _clean({"@type": org_type(atlas, org), "name": org.name, "email": org.email, "telephone": org.phone, "sameAs": org.website})


def org_type(atlas: Atlas, org: Organisation) -> str:
    government = any(t.id == org.type and t.government for t in atlas.vocabularies.organisation_types)
    return "GovernmentOrganization" if government else "Organization"


def describe_centre(atlas: Atlas, page: str, c: FamilyCentre) -> dict[str, Any]:
    active = c.status == "aktiv"
    return _clean({
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": c.name,
        "description": c.description,
        "url": page_address(atlas.config, page),
        "sameAs": c.website,
        "address": address(c.address),
        "geo": geo(c.location),
        "telephone": c.phone,
        "email": c.email,
        "openingHoursSpecification": opening_specs(c.opening_hours) if active else [],
        "specialOpeningHoursSpecification": closure_specs(c.closures) if active else [],
        "parentOrganization": _organisation_ref(atlas, c.operator),
        "contactPoint": [cp for cp in (centre_contact(atlas, c), contact_point(atlas.contact(c.contact))) if cp],
        "areaServed": _areas(atlas, c, [c.municipality]),
    })


def describe_offer(atlas: Atlas, page: str, o: Offer) -> dict[str, Any]:
    centre = atlas.family_centres.get(o.family_centre or "")
    unit = atlas.municipalities.get(o.municipality)
    place = _clean({
        "@type": "Place",
        "name": centre.name if centre else (o.place or (unit.name if unit else None)),
        "address": address(centre.address) if centre else None,
        "geo": geo(o.location or (centre.location if centre else None)),
    })
    contact = atlas.contact(o.contact)
    audience = _clean({
        "@type": "PeopleAudience",
        "audienceType": ", ".join(atlas.labels("target_groups", o.target_groups)),
        "suggestedMinAge": o.ages.min if o.ages else None,
        "suggestedMaxAge": o.ages.max if o.ages else None,
    })
    return _clean({
        "@context": "https://schema.org",
        "@type": "Service",
        "name": o.title,
        "description": o.description,
        "url": page_address(atlas.config, page),
        "sameAs": o.website,
        "category": atlas.labels("topics", o.topics),
        "provider": _organisation_ref(atlas, o.provider),
        "areaServed": _areas(atlas, o, [o.municipality]),
        "audience": audience,
        "hoursAvailable": opening_specs(o.opening_hours) if o.status == "aktiv" else [],
        "availableChannel": _clean({"@type": "ServiceChannel", "serviceLocation": place, "servicePhone": contact_point(contact), "serviceUrl": o.website,
                                    "availableLanguage": atlas.labels("languages", o.languages)}),
        "offers": {"@type": "Offer", "price": "0", "priceCurrency": "EUR"} if o.free_of_charge else None,
    })


def describe_organisation(atlas: Atlas, page: str, org: Organisation) -> dict[str, Any]:
    return _clean({
        "@context": "https://schema.org",
        "@type": org_type(atlas, org),
        "name": org.name,
        "alternateName": org.short_name,
        "description": org.description,
        "url": page_address(atlas.config, page),
        "sameAs": org.website,
        "address": address(org.address),
        "email": org.email,
        "telephone": org.phone,
        "areaServed": _areas(atlas, org, org.municipalities),
        "contactPoint": [cp for cp in (contact_point(c) for c in atlas.contacts_of(org.id)) if cp],
    })


def legal_text(benefit: Benefit) -> str:
    """`§§ 1 ff. BEEG` (paragraph before the law), as on the benefit's page."""
    return join_words([f"{b.section} {b.law}" for b in benefit.legal_basis])


def describe_benefit(atlas: Atlas, page: str, b: Benefit) -> dict[str, Any]:
    """A benefit as `GovernmentService`; its legal basis in `serviceType` and `description` (schema.org's
    `Legislation`, `jurisdiction` and `termsOfService` are only in the pending section of release 30.0)."""
    orgs = [atlas.organisations[r.organisation] for r in b.responsible if r.organisation in atlas.organisations]
    places = [_clean({"@type": "Place", "name": o.name, "address": address(o.address)}) for o in orgs] if b.in_person else []
    channels = [_clean({"@type": "ServiceChannel", "name": "Persönlich", "serviceLocation": place}) for place in places]
    if b.online_service:
        channels.append({"@type": "ServiceChannel", "name": f"Online-Dienst für {b.name}", "serviceUrl": b.online_service})
    return _clean({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": b.name,
        "description": f"{b.summary} Rechtsgrundlage: {legal_text(b)}.",
        "url": page_address(atlas.config, page),
        "serviceType": f"Leistung nach {legal_text(b)}",
        "identifier": [{"@type": "PropertyValue", "propertyID": "LeiKa", "value": key} for key in b.leika],
        "provider": [ref for ref in (_organisation_ref(atlas, o.id) for o in orgs) if ref],
        "availableChannel": channels,
        "areaServed": {"@type": "AdministrativeArea", "name": atlas.district.name},
        "audience": {"@type": "Audience", "audienceType": b.who},
    })


def moment(day: dt.date, time: str | None) -> str:
    """`2026-11-03T09:30:00+01:00` with the offset of Europe/Berlin on that day (summer time: +02:00); a day without a time: `2026-11-03`."""
    if time is None:
        return day.isoformat()
    hour, minute = (int(x) for x in time.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(dates.TIMEZONE)).isoformat()


def event_place(atlas: Atlas, e: Event) -> dict[str, Any] | None:
    centre = atlas.family_centres.get(e.place.family_centre or "")
    org = atlas.organisations.get(e.place.organisation or "")
    where = centre or org
    name = ", ".join(x for x in (e.place.name, where.name if where else None) if x)
    found = e.place.address or (where.address if where else None)
    if not name and found is None:
        return None  # online only
    return _clean({"@type": "Place", "name": name, "address": address(found), "geo": geo(centre.location) if centre else None})


def occurrence(e: Event, occ: dates.Occurrence, place: dict[str, Any] | None) -> dict[str, Any]:
    """One date: its times with the offset, its status (cancelled, moved with the former start, or scheduled), its place."""
    return _clean({
        "@type": "Event",
        "name": e.title,
        "startDate": moment(occ.day, occ.start),
        "endDate": moment(occ.end_day, occ.end) if occ.end or occ.end_day != occ.day else None,
        "previousStartDate": moment(occ.original, e.start_time) if occ.status == "verlegt" else None,
        "eventStatus": "https://schema.org/" + EVENT_STATUS.get(occ.status, "EventScheduled"),
        "location": place,
    })


def describe_event(atlas: Atlas, page: str, e: Event) -> dict[str, Any] | None:
    """A single date as `Event`; a series as `Event` with its next dates (at most five, none before the data date)
    as `subEvent` (`EventSeries` is only pending in schema.org 30.0). Nothing without a date from the data date on."""
    today = atlas.config.data_date
    found = dates.occurrences(e, atlas.district.key, today, today + dt.timedelta(days=2 * dates.HORIZON_DAYS))[:NEXT_EVENTS]
    if not found:
        return None
    free = (e.cost or "").strip().casefold().split(" ")[0].rstrip(".,;") in FREE_WORDS
    audience = [{"@type": "Audience", "audienceType": atlas.label("event_audiences", e.audience)}]
    audience += [{"@type": "PeopleAudience", "audienceType": label} for label in atlas.labels("target_groups", e.target_groups)]
    place = event_place(atlas, e)
    first = occurrence(e, next((o for o in found if not o.cancelled), found[0]) if e.rrule else found[0], place)
    if e.rrule:  # the series: its next date that takes place, then the dates themselves
        first = {k: first[k] for k in ("@type", "name", "startDate", "location") if k in first}
    return _clean({
        "@context": "https://schema.org",
        **first,
        "description": e.description,
        "url": page_address(atlas.config, page),
        "organizer": _organisation_ref(atlas, e.organiser),
        "isAccessibleForFree": True if free else None,
        "audience": audience,
        "subEvent": [occurrence(e, o, place) for o in found] if e.rrule else [],
    })


def describe(atlas: Atlas, page: str, record: Any) -> dict[str, Any] | None:
    """The JSON-LD object of a record's page, or None (other kinds, ended records)."""
    if not is_active(record):
        return None
    if isinstance(record, FamilyCentre):
        return describe_centre(atlas, page, record)
    if isinstance(record, Offer):
        return describe_offer(atlas, page, record)
    if isinstance(record, Organisation):
        return describe_organisation(atlas, page, record)
    if isinstance(record, Benefit):
        return describe_benefit(atlas, page, record)
    if isinstance(record, Event):
        return describe_event(atlas, page, record)
    return None


def script_json(data: dict[str, Any]) -> str:
    """Compact JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def jsonld(atlas: Atlas, page: str, record: Any) -> Markup:
    """`<script type="application/ld+json">…</script>` for the page, or nothing."""
    data = describe(atlas, page, record)
    if data is None:
        return Markup("")
    return Markup(f'<script type="application/ld+json">{script_json(data)}</script>')
