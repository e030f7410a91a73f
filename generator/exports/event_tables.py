"""Open data, dates: `daten/termindaten.csv|json`, every single date of the Termine from the data date on for
the months the Termine page shows (model/events.py expands the recurrence rules, moves and cancellations), one
row per date, for planners who want the dates without reading RFC 5545 rules. The records themselves (with
their rules) are `daten/termine.csv|json` (tables.py). Like there, only what the site shows: the Atlas has
already left out the records of internal networks."""

from __future__ import annotations

from typing import Any

from ..model import events as dates
from ..model.atlas import Atlas
from ..model.schema import Event
from .tables import Meta, Table

DATE_COLUMNS = [
    ("event", "string"), ("date", "date"), ("start_time", "string"), ("end_date", "date"), ("end_time", "string"),
    ("title", "string"), ("place", "string"), ("online", "boolean"), ("municipalities", "string"),
    ("municipality_names", "string"), ("status", "string"), ("original_date", "date"), ("note", "string"),
    ("audience", "string"), ("network", "string"), ("example", "boolean"), ("page", "string"),
]


def place_text(atlas: Atlas, event: Event) -> str:
    """Room, family centre or organisation, and address: „Saal, Familienzentrum Teltow, Hauptstr. 1, 14513 Teltow“."""
    place = event.place
    centre = atlas.family_centres.get(place.family_centre or "")
    org = atlas.organisations.get(place.organisation or "")
    address = place.address or (centre.address if centre else None) or (org.address if org else None)
    parts = [place.name, centre.name if centre else None, org.name if org else None]
    if address is not None:
        city = " ".join(x for x in (address.postal_code, address.city) if x)
        parts.append(", ".join(x for x in (address.street, city) if x))
    return ", ".join(p for p in dict.fromkeys(parts) if p) or ("online" if place.online else "")


def units(atlas: Atlas, event: Event) -> list[str]:
    """Sozialräume of a record: of its place, or those of its network when that works in single Sozialräume."""
    found = dates.event_unit(event, atlas.family_centres, atlas.organisations)
    network = atlas.networks.get(event.network or "")
    if network is not None and network.scope == "municipality":
        found += network.municipalities
    return [u for u in dict.fromkeys(found) if u in atlas.municipalities]


def date_rows(atlas: Atlas, meta: Meta) -> list[dict[str, Any]]:
    result = []
    for occ in dates.upcoming(list(atlas.events.values()), atlas.district.key, meta.data_date):
        event = occ.event
        unit_ids = units(atlas, event)
        result.append({
            "event": event.id, "date": occ.day.isoformat(), "start_time": occ.start,
            "end_date": occ.end_day.isoformat() if occ.end_day != occ.day else None, "end_time": occ.end,
            "title": event.title, "place": place_text(atlas, event), "online": event.place.online,
            "municipalities": unit_ids, "municipality_names": [atlas.area_name(u) for u in unit_ids],
            "status": occ.status, "original_date": occ.original.isoformat() if occ.original != occ.day else None,
            "note": occ.note, "audience": atlas.label("event_audiences", event.audience),
            "network": event.network, "example": event.example, "page": meta.page_url(f"termine/{event.id}.md"),
        })
    return result


def dates_table(atlas: Atlas, meta: Meta) -> list[Table]:
    """The table of dates, or none when the atlas has no Termine."""
    if not atlas.events:
        return []
    description = (
        f"Jeder einzelne Termin ab dem Datenstand für die folgenden {dates.HORIZON_DAYS} Tage, wie die Seite Termine ihn zeigt: "
        "Datum, Uhrzeit, Titel, Ort, Sozialraum und Status (findet statt, abgesagt oder verlegt). Wiederkehrende Termine sind "
        "in ihre Einzeltermine aufgelöst; die Einträge mit ihren Regeln stehen in termine.csv."
    )
    return [Table("termindaten", "Termindaten (einzelne Termine ab Datenstand)", description, DATE_COLUMNS, date_rows(atlas, meta))]
