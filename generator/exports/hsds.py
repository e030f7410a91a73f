"""Open data for service directories: Open Referral HSDS 3.0 (Human Services Data Specification) as JSON.

`daten/hsds.json` holds the HSDS objects as flat arrays, one per object type, linked by id as in the
HSDS tabular form (organizations, services, locations, service_at_locations, addresses, contacts,
phones, schedules, languages, accessibility). Mapping:

* organisations → organization (description falls back to the organisation type, HSDS requires one);
* offers → service (status: aktiv → active, vorübergehend geschlossen → temporarily closed,
  beendet → defunct; costs → fees_description; target groups → eligibility_description; ages);
* family centres and the own places of offers → location (+ address, opening hours as schedule);
  an offer is linked to its centre or place by a service_at_location;
* published contacts → contact (one for the organisation, plus one per offer or centre that names
  it, as HSDS asks), their phone numbers → phone.

HSDS ids are UUIDs: version-5 UUIDs from the district key, the record kind and the record id, so the
same record keeps its id in every build. Two extension fields are added to every object that stems
from a record: `atlas_id` (our id) and `example` (true for invented example data).
Addresses need state_province: it is derived from the district key (first two digits = Land).
"""

from __future__ import annotations

import uuid
from typing import Any

from ..core.laender import LAENDER
from ..model.atlas import Atlas
from ..model.schema import Address, FamilyCentre, Offer, OpeningHours
from .tables import Meta, to_json

HSDS_VERSION = "3.0"
STATUS = {"aktiv": "active", "voruebergehend-geschlossen": "temporarily closed", "beendet": "defunct"}
BYDAY = {"mo": "MO", "di": "TU", "mi": "WE", "do": "TH", "fr": "FR", "sa": "SA", "so": "SU"}
ARRAYS = ("organizations", "services", "locations", "service_at_locations", "addresses", "contacts", "phones", "schedules",
          "languages", "accessibility")


class _Builder:
    def __init__(self, atlas: Atlas, meta: Meta) -> None:
        self.atlas, self.meta = atlas, meta
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"sozialraumatlas:{atlas.district.key}")
        self.data: dict[str, list[dict[str, Any]]] = {name: [] for name in ARRAYS}

    def uid(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(parts)))

    def add(self, array: str, obj: dict[str, Any]) -> dict[str, Any]:
        clean = {k: v for k, v in obj.items() if v is not None and v != ""}
        self.data[array].append(clean)
        return clean

    # -- parts -------------------------------------------------------------------------------------
    def phone(self, number: str | None, owner_field: str, owner_id: str) -> None:
        if number:
            self.add("phones", {"id": self.uid("phone", owner_field, owner_id), owner_field: owner_id, "number": number, "type": "voice"})

    def schedules(self, hours: list[OpeningHours], note: str | None, owner_field: str, owner_id: str) -> None:
        for n, h in enumerate(hours):
            self.add("schedules", {
                "id": self.uid("schedule", owner_field, owner_id, str(n)), owner_field: owner_id, "freq": "WEEKLY",
                "byday": ",".join(BYDAY[d] for d in h.days), "opens_at": h.opens, "closes_at": h.closes,
                "description": "Regelmäßige Öffnungszeit, Ortszeit (Europe/Berlin)", "notes": note,
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
            "atlas_id": contact.id, "example": contact.example,
        })
        self.phone(contact.phone, "contact_id", cid)

    # -- records -----------------------------------------------------------------------------------
    def organisation(self, org) -> None:
        oid = self.uid("organisation", org.id)
        self.add("organizations", {
            "id": oid, "name": org.name, "alternate_name": org.short_name,
            "description": org.description or self.atlas.label("organisation_types", org.type), "email": org.email,
            "website": org.website, "atlas_id": org.id, "example": org.example,
            "atlas_page": self.meta.page_url(f"organisationen/{org.id}.md"),
        })
        self.phone(org.phone, "organization_id", oid)

    def centre(self, c: FamilyCentre) -> None:
        lid = self.uid("family_centre", c.id)
        self.add("locations", {
            "id": lid, "location_type": "physical", "organization_id": self.uid("organisation", c.operator), "name": c.name,
            "description": c.description, "transportation": c.public_transport, "latitude": c.location.lat, "longitude": c.location.lon,
            "atlas_id": c.id, "example": c.example, "atlas_page": self.meta.page_url(f"familienzentren/{c.id}.md"),
        })
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
            "application_process": o.registration, "atlas_id": o.id, "example": o.example,
            "atlas_page": self.meta.page_url(f"angebote/{o.id}.md"),
        })
        location_id = None
        if o.location is not None or (o.place and o.family_centre not in self.atlas.family_centres):
            location_id = self.uid("offer_place", o.id)
            self.add("locations", {
                "id": location_id, "location_type": "physical", "organization_id": self.uid("organisation", o.provider),
                "name": o.place or o.title, "transportation": o.public_transport,
                "latitude": o.location.lat if o.location else None, "longitude": o.location.lon if o.location else None,
                "atlas_id": o.id, "example": o.example,
            })
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
    extensions = {"atlas_id": "Kennung des Eintrags im Sozialraumatlas", "example": "true: erfundene Beispieldaten",
                  "atlas_page": "Seite des Eintrags im Sozialraumatlas"}
    return to_json({"hsds_version": HSDS_VERSION, **header, "extensions": extensions, **b.data})
