"""Where record pages live, and the names the generator itself writes beside them (reserved for ids).

`PAGE_FOLDERS` maps a record kind to the folder of its detail pages (`angebote/<id>.md`); pages/links.py
builds its `FOLDERS` from it. `ID_FOLDERS` lists further folders in which a record's id names a file or
folder (`leichte-sprache/<unit>.md`, `ansprechpersonen/vcard/<contact>.vcf`). `RESERVED` holds, per folder,
the names of the overview pages and subfolders the page modules write there (`angebote/alter.md`,
`angebote/orte/`), each with the German name editors read in a message.

A record id or former id equal to one of these names would overwrite a generated page or hide it behind
a forwarding page; check/reserved.py rejects it, docs/editors.md lists the names (tests/test_docs.py …
tests/test_reserved_names.py compares both with this module and with every path the renderer writes).
"""

from __future__ import annotations

# record kind → folder of its detail pages
PAGE_FOLDERS: dict[str, str] = {
    "regions": "regionen",
    "municipalities": "sozialraeume",
    "family_centres": "familienzentren",
    "offers": "angebote",
    "networks": "netzwerke",
    "organisations": "organisationen",
    "indicators": "kennzahlen",
    "contacts": "ansprechpersonen",
    "lebenslagen": "lebenslagen",
    "leistungen": "leistungen",
    "events": "termine",
}

# record kind → further folders in which its id names a file or a folder
ID_FOLDERS: dict[str, tuple[str, ...]] = {
    "municipalities": ("leichte-sprache", "angebote/orte", "ziele/sozialraeume"),
    "contacts": ("ansprechpersonen/vcard",),
    "regions": ("angebote/regionen", "ansprechpersonen/regionen"),
}

_OVERVIEW = {"index": "Übersichtsseite des Ordners"}

# folder → {name the generator writes there (page `<name>.md` or folder `<name>/`): what it is}
RESERVED: dict[str, dict[str, str]] = {
    "angebote": {
        "index": "Angebote nach Thema",
        "zielgruppen": "Angebote nach Zielgruppe",
        "orte": "Angebote nach Ort und Ordner der Angebote je Ort",
        "alter": "Angebote nach Alter",
        "finder": "Angebotsfinder",
        "naehe": "In meiner Nähe",
        "regionen": "Ordner der Angebotslisten je Planungsregion",
    },
    "ansprechpersonen": {
        "index": "Ansprechpersonen nach Thema",
        "orte": "Ansprechpersonen nach Ort",
        "netzwerke": "Ansprechpersonen nach Netzwerk",
        "vcard": "Ordner der Visitenkarten (vCard)",
        "regionen": "Ordner der Listen je Planungsregion",
    },
    "organisationen": {**_OVERVIEW, "wer-mit-wem": "Wer mit wem?"},
    "regionen": dict(_OVERVIEW),
    "sozialraeume": dict(_OVERVIEW),
    "familienzentren": dict(_OVERVIEW),
    "netzwerke": dict(_OVERVIEW),
    "kennzahlen": dict(_OVERVIEW),
    "leichte-sprache": {"index": "Startseite in Leichter Sprache", "lebenslagen": "Lebenslagen in Leichter Sprache"},
    "lebenslagen": {"index": "Was ist passiert? (Übersicht der Lebenslagen)", "fragen": "Ordner des Wegs in Fragen (Für wen? Was? Wo?)"},
    "leistungen": {"index": "Übersicht der Leistungen"},
    "termine": {"index": "Termine (die nächsten Wochen)", "kalender": "Ordner der Kalender (iCalendar)"},
}


def id_folders(kind: str) -> tuple[str, ...]:
    """Every folder in which an id of `kind` names a page, file or folder (detail pages first)."""
    own = (PAGE_FOLDERS[kind],) if kind in PAGE_FOLDERS else ()
    return own + ID_FOLDERS.get(kind, ())


def reserved_name(kind: str, name: str) -> tuple[str, str] | None:
    """(folder, what the generator writes there) when `name` may not be an id of `kind`, else None."""
    for folder in id_folders(kind):
        what = RESERVED.get(folder, {}).get(name)
        if what is not None:
            return folder, what
    return None


def all_reserved() -> list[str]:
    """Every reserved name, sorted (the list in docs/editors.md)."""
    return sorted({name for names in RESERVED.values() for name in names})
