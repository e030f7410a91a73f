"""Where a record's page lives: the folder of each record kind, the docs path and the display name.

The base of the page modules: every module that links to a record's page asks here, and nothing here
knows about templates or the render run.
"""

from __future__ import annotations

from ..model.pagenames import PAGE_FOLDERS
from ..model.schema import KINDS, Record

CONTACTS_FOLDER = PAGE_FOLDERS["contacts"]

# record class → folder of its detail pages (model/pagenames.py, which also lists the names reserved there)
FOLDERS: dict[type, str] = {KINDS[kind].model: folder for kind, folder in PAGE_FOLDERS.items()}


def record_path(record: Record) -> str:
    """Docs path of a record's detail page, e.g. `sozialraeume/teltow.md`."""
    return f"{FOLDERS[type(record)]}/{record.id}.md"


def record_name(record: Record) -> str:
    for attr in ("name", "title", "label"):
        value = getattr(record, attr, None)
        if value:
            return value
    return record.id
