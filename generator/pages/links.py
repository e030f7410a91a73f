"""Where a record's page lives: the folder of each record kind, the docs path and the display name.

The base of the page modules: every module that links to a record's page asks here, and nothing here
knows about templates or the render run.
"""

from __future__ import annotations

from ..model.schema import Contact, FamilyCentre, Indicator, Municipality, Network, Offer, Organisation, Record, Region

CONTACTS_FOLDER = "ansprechpersonen"

# record class → folder of its detail pages
FOLDERS: dict[type, str] = {
    Region: "regionen",
    Municipality: "sozialraeume",
    FamilyCentre: "familienzentren",
    Offer: "angebote",
    Network: "netzwerke",
    Organisation: "organisationen",
    Indicator: "kennzahlen",
    Contact: CONTACTS_FOLDER,
}


def record_path(record: Record) -> str:
    """Docs path of a record's detail page, e.g. `sozialraeume/teltow.md`."""
    return f"{FOLDERS[type(record)]}/{record.id}.md"


def record_name(record: Record) -> str:
    for attr in ("name", "title", "label"):
        value = getattr(record, attr, None)
        if value:
            return value
    return record.id
