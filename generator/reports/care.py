"""Data care report (`atlas report`): what editors should look at, with file and line.

`collect(data_dir, months=None, as_of=None)` → (Report, []) or (None, problems) when the data do not
pass `atlas check`. Sections (German, for editors):

1. „Länger nicht geprüft“: records of the kinds in REVIEWED_KINDS whose `reviewed` is older than
   `months` (default `review_months` of atlas.yaml) before the reference date, or missing; never
   checked first, then the oldest check first. The reference date is the atlas' `data_date` unless
   `as_of` is given: the pages compute „Länger nicht geprüft“ from `data_date` too, so by default the
   report lists exactly the entries whose pages carry the note, and the same data give the same report.
2. „Angebote ohne Ansprechperson“: active offers without a published `contact`. The line says whether
   the page falls back to the provider's e-mail or phone, or names no way to reach anyone.
3. „Familienzentren ohne Öffnungszeiten“: active family centres without `opening_hours`.
4. „Kontakte ohne Verweis“: contacts no record refers to (family centre, offer, network coordination,
   any other `contact` field). Being listed on the contact pages does not count.
5. „Fehlerhafte Adressen“: syntax of web addresses, e-mail and phone fields and addresses in `sources`
   of every record and of atlas.yaml/district.yaml (linkcheck.py; no network access).

Records with status „beendet“ are left out of 1–3; unpublished contacts and internal networks are
included (editors maintain them too). Output: care_format.py (text, Markdown, standalone HTML).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from ..core.problems import Problem
from ..model.atlas import is_active
from ..model.review import months_before
from ..model.schema import CONFIG_FILE, DISTRICT_FILE, KINDS, AtlasConfig, District
from . import linkcheck

REVIEWED_KINDS = ("municipalities", "organisations", "contacts", "family_centres", "offers", "networks")
LINK_FIELDS = {"website", "url", "site_url", "report_url"}
TEXT_FIELDS = {"sources", "source"}


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


@dataclass
class Section:
    title: str
    explanation: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Report:
    atlas_title: str
    as_of: dt.date
    as_of_is_data_date: bool
    months: int
    due_before: dt.date
    checked: int  # records looked at
    sections: list[Section]


def record_label(kind: str, record: Any) -> str:
    """„Angebot „Krabbelgruppe““ – the kind and the name an editor recognises."""
    for attr in ("name", "title", "label", "role"):
        value = getattr(record, attr, None)
        if isinstance(value, str) and value:
            return f"{KINDS[kind].label} „{value}“"
    return f"{KINDS[kind].label} „{record.id}“"


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def _walk(obj: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, Any]]:
    """(location, field name, value) of every plain value in a validated record, nested parts included."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            here = loc + ((name,) if index is None else (name, index))
            if isinstance(item, BaseModel):
                yield from _walk(item, here)
            elif item is not None:
                yield here, name, item


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _references(records: dict[str, dict[str, Any]], target: str) -> set[str]:
    """Ids of `target` records referred to by any record (fields declared with ref(target))."""
    found: set[str] = set()

    def visit(model: BaseModel) -> None:
        for name, info in type(model).model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            value = getattr(model, name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, BaseModel):
                    visit(item)
                elif isinstance(item, str) and extra.get("ref") == target:
                    found.add(item)

    for table in records.values():
        for record in table.values():
            visit(record)
    return found


def _stale(records: dict, docs: dict, due_before: dt.date, as_of: dt.date) -> list[Entry]:
    rows: list[tuple[dt.date, Entry]] = []
    for kind in REVIEWED_KINDS:
        for rid, record in records[kind].items():
            if not is_active(record):
                continue
            doc = docs[(kind, rid)]
            label = record_label(kind, record)
            if record.reviewed is None:
                rows.append((dt.date.min, Entry(doc.display, doc.line(("id",)), f"{label}: noch nie geprüft (Feld „reviewed“ fehlt)")))
            elif record.reviewed < due_before:
                age = months_between(record.reviewed, as_of)
                text = f"{label}: zuletzt geprüft am {record.reviewed:%d.%m.%Y}, vor {age} Monat{'en' if age != 1 else ''}"
                rows.append((record.reviewed, Entry(doc.display, doc.line(("reviewed",)), text)))
    return [entry for _, entry in sorted(rows)]


def _without_contact(records: dict, docs: dict) -> list[Entry]:
    entries: list[Entry] = []
    contacts, organisations = records["contacts"], records["organisations"]
    for oid, offer in records["offers"].items():
        if not is_active(offer):
            continue
        contact = contacts.get(offer.contact or "")
        if contact is not None and contact.publish:
            continue
        doc = docs[("offers", oid)]
        provider = organisations.get(offer.provider)
        fallback = provider is not None and (provider.email or provider.phone)
        why = f"Kontakt „{offer.contact}“ ist nicht veröffentlicht" if contact is not None else "kein Kontakt (contact)"
        tail = "die Seite nennt ersatzweise E-Mail oder Telefon des Anbieters" if fallback else "auch der Anbieter hat weder E-Mail noch Telefon – die Seite nennt niemanden"
        line = doc.line(("contact",)) if contact is not None else doc.line(("id",))
        entries.append(Entry(doc.display, line, f"{record_label('offers', offer)}: {why}; {tail}"))
    return sorted(entries)


def _without_hours(records: dict, docs: dict) -> list[Entry]:
    entries: list[Entry] = []
    for cid, centre in records["family_centres"].items():
        if not is_active(centre) or centre.opening_hours:
            continue
        doc = docs[("family_centres", cid)]
        note = f"; nur der Hinweis „{centre.opening_hours_note}“" if centre.opening_hours_note else ""
        entries.append(Entry(doc.display, doc.line(("id",)), f"{record_label('family_centres', centre)}: keine Öffnungszeiten (opening_hours){note}"))
    return sorted(entries)


def _orphan_contacts(records: dict, docs: dict) -> list[Entry]:
    used = _references(records, "contacts")
    entries: list[Entry] = []
    for cid, contact in records["contacts"].items():
        if cid in used:
            continue
        doc = docs[("contacts", cid)]
        hidden = " (nicht veröffentlicht)" if not contact.publish else ""
        entries.append(Entry(doc.display, doc.line(("id",)), f"{record_label('contacts', contact)}{hidden}: kein Familienzentrum, Angebot oder Netzwerk verweist darauf"))
    return sorted(entries)


def _link_entries(display: str, doc: Any, obj: BaseModel) -> list[Entry]:
    entries: list[Entry] = []
    for loc, name, value in _walk(obj):
        if not isinstance(value, str):
            continue
        found: list[tuple[str, list[str]]] = []
        if name in LINK_FIELDS and "{z}" not in value:  # map tile templates are no page addresses
            found = [(value, linkcheck.url_findings(value))]
        elif name == "email":
            found = [(value, linkcheck.email_findings(value))]
        elif name == "phone":
            found = [(value, linkcheck.phone_findings(value))]
        elif name in TEXT_FIELDS:
            found = linkcheck.text_findings(value)
        for address, findings in found:
            if findings:
                entries.append(Entry(display, doc.line(loc), f"Feld „{_dotted(loc)}“: „{address}“ – {'; '.join(findings)}"))
    return entries


def _links(records: dict, docs: dict, extra: list[tuple[Any, BaseModel]]) -> list[Entry]:
    entries: list[Entry] = []
    for kind, table in records.items():
        for rid, record in table.items():
            doc = docs[(kind, rid)]
            entries += _link_entries(doc.display, doc, record)
    for doc, obj in extra:
        entries += _link_entries(doc.display, doc, obj)
    return sorted(entries)


def collect(data_dir: Path, months: int | None = None, as_of: dt.date | None = None) -> tuple[Report | None, list[Problem]]:
    """The report for one data folder, or the problems `atlas check` would print."""
    from ..check.validate import Validator, validate

    atlas, problems = validate(data_dir)
    if atlas is None:
        return None, problems
    v = Validator(Path(data_dir))  # all records, also unpublished contacts and internal networks, with their lines
    config, config_doc = v.read(Path(data_dir) / CONFIG_FILE, AtlasConfig)
    district, district_doc = v.read(Path(data_dir) / DISTRICT_FILE, District)
    for kind in KINDS:
        v.read_kind(kind)
    months = months or config.review_months
    reference = as_of or config.data_date
    due_before = months_before(reference, months)
    sections = [
        Section(f"Länger als {months} Monate nicht geprüft", f"Feld „reviewed“ fehlt oder liegt vor dem {due_before:%d.%m.%Y}; nie geprüfte zuerst, dann die ältesten.",
                _stale(v.records, v.docs, due_before, reference)),
        Section("Angebote ohne Ansprechperson", "Aktive Angebote ohne veröffentlichten Kontakt (Feld „contact“).", _without_contact(v.records, v.docs)),
        Section("Familienzentren ohne Öffnungszeiten", "Aktive Familienzentren ohne Einträge unter „opening_hours“.", _without_hours(v.records, v.docs)),
        Section("Kontakte, auf die kein Eintrag verweist", "Kein Familienzentrum, Angebot, Netzwerk oder anderer Eintrag nennt den Kontakt.", _orphan_contacts(v.records, v.docs)),
        Section("Fehlerhafte Adressen", "Webadressen, E-Mail, Telefon und Adressen in den Quellen, nur nach ihrer Schreibweise geprüft (ohne Abruf).",
                _links(v.records, v.docs, [(config_doc, config), (district_doc, district)])),
    ]
    checked = sum(len(table) for table in v.records.values())
    return Report(config.title, reference, as_of is None or as_of == config.data_date, months, due_before, checked, sections), []
