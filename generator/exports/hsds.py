"""Open data for service directories: Open Referral HSDS 3.0 (Human Services Data Specification) as JSON.

`daten/hsds.json` holds the HSDS objects as flat arrays, one per object type, linked by id as in the
HSDS tabular form (organizations, services, locations, service_at_locations, addresses, contacts,
phones, schedules, languages, accessibility, attributes, taxonomies, taxonomy_terms). Mapping:

* organisations → organization (description falls back to the organisation type, HSDS requires one);
* offers → service (status: aktiv → active, vorübergehend geschlossen → temporarily closed,
  beendet → defunct; costs → fees_description; target groups → eligibility_description; ages);
* family centres and the own places of offers → location (+ address, opening hours as schedule);
  an offer is linked to its centre or place by a service_at_location;
* published contacts → contact (one for the organisation, plus one per offer or centre that names
  it, as HSDS asks), their phone numbers → phone.

HSDS ids are UUIDs: version-5 UUIDs from the district key, the record kind and the record id, so the
same record keeps its id in every build. Addresses need state_province: it is derived from the district
key (first two digits = Land).

What HSDS has no field for stays in HSDS's own extension mechanism, so the file validates against the
official schemas in strict mode (additional properties false everywhere, as the specification's CI tests):
an embedded taxonomy „Sozialraumatlas“ (`taxonomies`, `taxonomy_terms`) with three terms, applied by
`attributes` (link_id, link_entity, taxonomy_term_id, value) to the objects that stem from a record:
`atlas_id` (value: our id), `atlas_page` (value: the record's page) and `example` (value "true", only
on invented example data, so the marking stays visible in the open data).

Opening hours are weekly wall-clock times in Europe/Berlin the whole year. HSDS 3.0 has no time zone
name, only times with a UTC offset (`opens_at` "09:00+01:00") and `timezone`, the offset in hours.
Both carry the offset that Europe/Berlin has on the data date (`data_date` of atlas.yaml, so the output
does not depend on the day of the build); the schedule's description says that the same clock times
hold all year and names the offset of the other half of the year (summer or standard time).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from ..core.formatting import fmt_date
from ..core.laender import LAENDER
from ..model.atlas import Atlas
from ..model.schema import Address, FamilyCentre, Offer, OpeningHours
from .tables import Meta, to_json

HSDS_VERSION = "3.0"
STATUS = {"aktiv": "active", "voruebergehend-geschlossen": "temporarily closed", "beendet": "defunct"}
BYDAY = {"mo": "MO", "di": "TU", "mi": "WE", "do": "TH", "fr": "FR", "sa": "SA", "so": "SU"}
ARRAYS = ("organizations", "services", "locations", "service_at_locations", "addresses", "contacts", "phones", "schedules",
          "languages", "accessibility", "attributes", "taxonomies", "taxonomy_terms")
TIME_ZONE = "Europe/Berlin"
TAXONOMY = ("Sozialraumatlas", "Angaben des Sozialraumatlas zu seinen Einträgen, die HSDS nicht vorsieht.")
TERMS = {  # code → (name, description)
    "atlas_id": ("Kennung im Sozialraumatlas", "Kennung des Eintrags im Sozialraumatlas (Wert des Attributs)."),
    "atlas_page": ("Seite im Sozialraumatlas", "Adresse der Seite des Eintrags im Sozialraumatlas (Wert des Attributs)."),
    "example": ("Beispieldaten", "Erfundene Beispieldaten: kein echter Eintrag."),
}


def utc_offset(day: dt.date, zone: str = TIME_ZONE) -> dt.timedelta:
    """The UTC offset of `zone` at noon of `day`."""
    offset = dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return offset


def offset_text(offset: dt.timedelta) -> str:
    """1 h → "+01:00" (ISO 8601)."""
    minutes = int(offset.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def schedule_note(day: dt.date, zone: str = TIME_ZONE) -> tuple[str, int | float, str]:
    """(suffix for the times, offset in hours, description) for weekly wall-clock hours, offset valid on `day`."""
    now, winter, summer = utc_offset(day, zone), utc_offset(dt.date(day.year, 1, 1), zone), utc_offset(dt.date(day.year, 7, 1), zone)
    text = f"Regelmäßige Öffnungszeit in Ortszeit ({zone}); die Uhrzeiten gelten das ganze Jahr."
    if winter != summer:
        other = ("Sommerzeit", summer) if now == winter else ("Winterzeit", winter)
        text += (f" Der UTC-Versatz {offset_text(now)} ist der am Datenstand {fmt_date(day)};"
                 f" in der {other[0]} gilt {offset_text(other[1])}.")
    hours = now.total_seconds() / 3600
    return offset_text(now), int(hours) if hours.is_integer() else hours, text


class _Builder:
    def __init__(self, atlas: Atlas, meta: Meta) -> None:
        self.atlas, self.meta = atlas, meta
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"sozialraumatlas:{atlas.district.key}")
        self.data: dict[str, list[dict[str, Any]]] = {name: [] for name in ARRAYS}
        self.offset, self.timezone, self.hours_text = schedule_note(meta.data_date)

    def uid(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(parts)))

    def add(self, array: str, obj: dict[str, Any]) -> dict[str, Any]:
        clean = {k: v for k, v in obj.items() if v is not None and v != ""}
        self.data[array].append(clean)
        return clean

    def taxonomy(self) -> None:
        """The embedded taxonomy of the atlas fields and its terms (used by `mark`)."""
        tid = self.uid("taxonomy", "atlas")
        self.add("taxonomies", {"id": tid, "name": TAXONOMY[0], "description": TAXONOMY[1],
                                "uri": self.meta.url("daten/") if self.meta.site_url else None})  # the page that explains the terms
        for code, (name, description) in TERMS.items():
            self.add("taxonomy_terms", {"id": self.uid("taxonomy_term", code), "code": code, "name": name, "description": description,
                                        "taxonomy": TAXONOMY[0], "taxonomy_id": tid, "language": "de"})

    def mark(self, entity: str, oid: str, atlas_id: str, example: bool, page: str | None = None) -> None:
        """The atlas fields of an object as attributes: our id, the page (if any), example data."""
        values = {"atlas_id": atlas_id, "atlas_page": page, "example": "true" if example else None}
        for code, value in values.items():
            if value is not None:
                self.add("attributes", {"id": self.uid("attribute", code, oid), "link_id": oid, "link_entity": entity,
                                        "taxonomy_term_id": self.uid("taxonomy_term", code), "value": value})

    # -- parts -------------------------------------------------------------------------------------
    def phone(self, number: str | None, owner_field: str, owner_id: str) -> None:
        if number:
            self.add("phones", {"id": self.uid("phone", owner_field, owner_id), owner_field: owner_id, "number": number, "type": "voice"})

    def schedules(self, hours: list[OpeningHours], note: str | None, owner_field: str, owner_id: str) -> None:
        for n, h in enumerate(hours):
            self.add("schedules", {
                "id": self.uid("schedule", owner_field, owner_id, str(n)), owner_field: owner_id, "freq": "WEEKLY",
                "byday": ",".join(BYDAY[d] for d in h.days), "opens_at": h.opens + self.offset,
                "closes_at": h.closes + self.offset, "timezone": self.timezone, "description": self.hours_text, "notes": note,
            })

    def languages(self, ids: list[str], owner_field: str, owner_id: str) -> None:
        for lang in ids:
            code = lang if lang.isalpha() and 2 <= len(lang) <= 3 else None
            self.add("languages", {"id": self.uid("language", owner_field, owner_id, lang), owner_field: owner_id,
                                   "name": self.atlas.label("languages", lang), "code": code})

    def address(self, address: Address | None, location_id: str) -> None:
        land = LAENDER.get(self.atlas.district.key[:2])
        if address is None or not address.street or not address.postal_code or land is None:
            return  # HSDS requires street, postal code and state for an address
        self.add("addresses", {
            "id": self.uid("address", location_id), "location_id": location_id, "address_1": address.street,
            "address_2": address.locality, "city": address.city, "state_province": land, "postal_code": address.postal_code,
            "country": "DE", "address_type": "physical",
        })

    def contact_copy(self, contact_id: str | None, owner_field: str, owner_id: str) -> None:
        contact = self.atlas.contact(contact_id)
        if contact is None:
            return
        cid = self.uid("contact", contact.id, owner_field, owner_id) if owner_field else self.uid("contact", contact.id)
        self.add("contacts", {
            "id": cid, "organization_id": self.uid("organisation", contact.organisation) if contact.organisation in self.atlas.organisations else None,
            **({owner_field: owner_id} if owner_field else {}), "name": contact.name, "title": contact.role, "email": contact.email,
        })
        self.mark("contact", cid, contact.id, contact.example)
        self.phone(contact.phone, "contact_id", cid)

    # -- records -----------------------------------------------------------------------------------
    def organisation(self, org) -> None:
        oid = self.uid("organisation", org.id)
        self.add("organizations", {
            "id": oid, "name": org.name, "alternate_name": org.short_name,
            "description": org.description or self.atlas.label("organisation_types", org.type), "email": org.email,
            "website": org.website,
        })
        self.mark("organization", oid, org.id, org.example, self.meta.page_url(f"organisationen/{org.id}.md"))
        self.phone(org.phone, "organization_id", oid)

    def centre(self, c: FamilyCentre) -> None:
        lid = self.uid("family_centre", c.id)
        self.add("locations", {
            "id": lid, "location_type": "physical", "organization_id": self.uid("organisation", c.operator), "name": c.name,
            "description": c.description, "transportation": c.public_transport, "latitude": c.location.lat, "longitude": c.location.lon,
        })
        self.mark("location", lid, c.id, c.example, self.meta.page_url(f"familienzentren/{c.id}.md"))
        self.address(c.address, lid)
        self.phone(c.phone, "location_id", lid)
        self.schedules(c.opening_hours, c.opening_hours_note, "location_id", lid)
        self.languages(c.languages, "location_id", lid)
        if c.accessibility:
            self.add("accessibility", {"id": self.uid("accessibility", lid), "location_id": lid,
                                       "description": ", ".join(self.atlas.labels("accessibility", c.accessibility))})
        self.contact_copy(c.contact, "location_id", lid)

    def offer(self, o: Offer) -> None:
        sid = self.uid("offer", o.id)
        self.add("services", {
            "id": sid, "organization_id": self.uid("organisation", o.provider), "name": o.title, "description": o.description,
            "url": o.website, "status": STATUS[o.status], "alert": o.status_note, "fees_description": o.cost,
            "eligibility_description": ", ".join(self.atlas.labels("target_groups", o.target_groups)),
            "minimum_age": o.ages.min if o.ages else None, "maximum_age": o.ages.max if o.ages else None,
            "application_process": o.registration,
        })
        self.mark("service", sid, o.id, o.example, self.meta.page_url(f"angebote/{o.id}.md"))
        location_id = None
        if o.location is not None or (o.place and o.family_centre not in self.atlas.family_centres):
            location_id = self.uid("offer_place", o.id)
            self.add("locations", {
                "id": location_id, "location_type": "physical", "organization_id": self.uid("organisation", o.provider),
                "name": o.place or o.title, "transportation": o.public_transport,
                "latitude": o.location.lat if o.location else None, "longitude": o.location.lon if o.location else None,
            })
            self.mark("location", location_id, o.id, o.example)
        elif o.family_centre in self.atlas.family_centres:
            location_id = self.uid("family_centre", o.family_centre)
        if location_id is not None:
            self.add("service_at_locations", {"id": self.uid("service_at_location", o.id), "service_id": sid, "location_id": location_id})
        self.schedules(o.opening_hours, o.opening_hours_note, "service_id", sid)
        if o.schedule:
            self.add("schedules", {"id": self.uid("schedule", "service_id", sid, "text"), "service_id": sid, "description": o.schedule})
        self.languages(o.languages, "service_id", sid)
        self.contact_copy(o.contact, "service_id", sid)


def hsds_document(atlas: Atlas, meta: Meta) -> str:
    """The HSDS export of the atlas as JSON text."""
    b = _Builder(atlas, meta)
    b.taxonomy()
    for org in sorted(atlas.organisations.values(), key=lambda r: r.id):
        b.organisation(org)
    for contact in sorted(atlas.contacts.values(), key=lambda r: r.id):
        b.contact_copy(contact.id, "", "")
    for centre in sorted(atlas.family_centres.values(), key=lambda r: r.id):
        b.centre(centre)
    for offer in sorted(atlas.offers.values(), key=lambda r: r.id):
        b.offer(offer)
    header = meta.header("Angebote im Format Open Referral HSDS", "Organisationen, Angebote, Orte und veröffentlichte Kontakte im "
                         "Format Open Referral Human Services Data Specification (HSDS) 3.0, für Wegweiser und Angebotsdatenbanken.")
    return to_json({"hsds_version": HSDS_VERSION, **header, **b.data})
