"""Open data, tables: the public records and indicator values as CSV and JSON, and each profile's figures.

Everything here starts from the Atlas, which already left out unpublished contacts and non-public
networks; references to such records (an offer's `contact`, a network's `coordinator`, a conference's
`network`) are blanked as well, because their ids alone can name a person. Indicator values are
exported as the pages show them: rounded to the indicator's decimals (half up, like fmt_number), and a
suppressed value (small numbers, indicators.py) has no number in any file, only its flag.

File conventions (see the Daten page and datapackage.json):

* JSON: UTF-8, top-level metadata (licence, data date, attribution) and `records`.
* CSV: UTF-8 with byte order mark, `;` between fields, decimal comma, ISO dates, CRLF line ends. That
  is what Excel with German settings opens correctly by double-click (without the BOM it guesses
  Windows-1252 and breaks umlauts; with `,` it puts everything into one column). Machines read the
  same files through datapackage.json (Frictionless Data Package), which declares exactly this
  dialect and the type of every column. CSV cannot carry metadata itself; the licence, data date
  and attribution of the CSV files are in datapackage.json beside them.
* Lists in a CSV cell are joined with ` | `; lists of objects (opening hours, links) are compact JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import types
import typing
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel

from ..core.formatting import fmt_date
from ..model.atlas import Atlas
from ..model.indicators import Value
from ..model.schema import KINDS, Record

BOM = "\ufeff"
LIST_SEP = " | "

# record kind → (file name in daten/, German title, folder of its pages or None)
TABLES: dict[str, tuple[str, str, str | None]] = {
    "municipalities": ("sozialraeume", "Sozialräume", "sozialraeume"),
    "regions": ("regionen", "Planungsregionen", "regionen"),
    "organisations": ("organisationen", "Organisationen", "organisationen"),
    "contacts": ("ansprechpersonen", "Ansprechpersonen (veröffentlichte Kontakte)", None),
    "family_centres": ("familienzentren", "Familienzentren", "familienzentren"),
    "offers": ("angebote", "Angebote", "angebote"),
    "networks": ("netzwerke", "Netzwerke und Gremien", "netzwerke"),
    "indicators": ("kennzahlen", "Kennzahlen (Definitionen)", "kennzahlen"),
    "targets": ("ziele", "Ziele", None),
    "conferences": ("konferenzen", "Ergebnisse der Sozialraumkonferenzen", None),
    "lebenslagen": ("lebenslagen", "Lebenslagen", "lebenslagen"),
    "leistungen": ("leistungen", "Leistungen", "leistungen"),
    "events": ("termine", "Termine (Einträge mit Wiederholungsregel)", "termine"),  # without internal networks' (Atlas.events)
}
PRIVATE_FIELDS = {"publish", "public"}  # always true for what is exported; says nothing


# --------------------------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Meta:
    """Licence, data date and attribution: the same in every file and on the Daten page."""

    title: str
    description: str
    publisher: str
    licence_id: str
    licence_name: str
    licence_url: str
    data_date: dt.date
    site_url: str | None
    example: bool

    @classmethod
    def of(cls, atlas: Atlas) -> "Meta":
        cfg = atlas.config
        site = cfg.site_url.rstrip("/") + "/" if cfg.site_url else None
        return cls(cfg.title, cfg.description, cfg.publisher, cfg.licence.id, cfg.licence.name, cfg.licence.url,
                   cfg.data_date, site, atlas.has_example_data)

    @property
    def attribution(self) -> str:
        where = f", {self.site_url}daten/" if self.site_url else ""
        return (f"Datenquelle: {self.publisher}, {self.title}{where}, Datenstand {fmt_date(self.data_date)}, "
                f"Lizenz: {self.licence_name} ({self.licence_id}), {self.licence_url}")

    def url(self, path: str) -> str:
        """Address of a file or page below the site: absolute when site_url is set, else site-relative."""
        return (self.site_url or "") + path

    def page_url(self, docs_path: str) -> str:
        """`sozialraeume/teltow.md` → `…/sozialraeume/teltow/` (use_directory_urls)."""
        stem = docs_path[:-3]
        stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
        return self.url(stem)

    def header(self, title: str, description: str) -> dict[str, Any]:
        return {
            "title": title,
            "description": description,
            "publisher": self.publisher,
            "source": self.url("daten/"),
            "license": {"id": self.licence_id, "name": self.licence_name, "url": self.licence_url},
            "data_date": self.data_date.isoformat(),
            "attribution": self.attribution,
            "example_data": self.example,
        }


def to_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_json_records(header: dict[str, Any], records: Iterable[dict[str, Any]]) -> str:
    """Metadata indented, then `records` with one record per line (half the size; one changed record = one changed line)."""
    head = json.dumps({**header, "records": []}, ensure_ascii=False, indent=2)
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in records)
    if not lines:
        return head + "\n"
    return head[: -len("[]\n}")] + "[\n" + lines + "\n  ]\n}\n"


# --------------------------------------------------------------------------------------------- numbers


def shown(value: float | None, decimals: int) -> float | int | None:
    """A number rounded as the pages show it (half up); an int when no decimals are shown."""
    if value is None:
        return None
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-max(0, decimals)), rounding=ROUND_HALF_UP)
    return int(number) if decimals <= 0 else float(number)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")


def text_cell(text: str) -> str:
    """A text as a CSV cell that a spreadsheet shows as text: a leading `'` before `= + - @` (OWASP CSV
    injection), except for negative numbers. Only texts from the data get it; numbers are never changed."""
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
        return text.replace(".", ",")
    if isinstance(value, list):
        if any(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return LIST_SEP.join(csv_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if isinstance(value, str):
        return text_cell(value)
    return str(value)


def to_csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return BOM + out.getvalue()


# --------------------------------------------------------------------------------------------- columns


def _plain(annotation: Any) -> list[Any]:
    """The concrete types behind Optional/Union/Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _plain(arg) if t is not type(None)]
    return [annotation]


def _field_type(annotation: Any) -> str:
    """Frictionless type of a column."""
    kinds = _plain(annotation)
    if any(typing.get_origin(k) in (list, dict) for k in kinds):
        return "string"
    if bool in kinds:
        return "boolean"
    if int in kinds and float not in kinds:
        return "integer"
    if float in kinds:
        return "number"
    if dt.date in kinds:
        return "date"
    return "string"


def model_columns(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str]]:
    """(column, Frictionless type) of a record class; nested objects become `address.street` etc."""
    result = []
    for name, info in model.model_fields.items():
        if name in PRIVATE_FIELDS and not prefix:
            continue
        nested = [k for k in _plain(info.annotation) if isinstance(k, type) and issubclass(k, BaseModel)]
        if nested:
            result += model_columns(nested[0], f"{prefix}{name}.")
        else:
            result.append((prefix + name, _field_type(info.annotation)))
    return result


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


# --------------------------------------------------------------------------------------------- records


def public_record(atlas: Atlas, record: Record) -> dict[str, Any]:
    """The record as JSON data, without references to records the site does not show."""
    data = record.model_dump(mode="json")
    for name in PRIVATE_FIELDS:
        data.pop(name, None)
    for name, info in type(record).model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        table = {"contacts": atlas.contacts, "networks": atlas.networks}.get(str(extra.get("ref")))
        if table is None or data.get(name) is None:
            continue
        if isinstance(data[name], list):
            data[name] = [i for i in data[name] if i in table]
        elif data[name] not in table:
            data[name] = None
    return data


@dataclass
class Table:
    """One export: rows with their columns and types, written as CSV and JSON."""

    name: str  # file stem in daten/
    title: str
    description: str
    columns: list[tuple[str, str]]  # (name, Frictionless type)
    records: list[dict[str, Any]] | Callable[[], Iterable[dict[str, Any]]]  # JSON records (nested), or a function
    count: int | None = None  # with a function: how many records it yields (made again for each file: less memory)

    def rows(self) -> Iterable[dict[str, Any]]:
        return self.records() if callable(self.records) else self.records

    def csv(self) -> str:
        return to_csv([c for c, _ in self.columns], (flatten(r) for r in self.rows()))

    def json(self, meta: Meta) -> str:
        count = len(self.records) if isinstance(self.records, list) else self.count
        return to_json_records({**meta.header(self.title, self.description), "count": count}, self.rows())


def record_tables(atlas: Atlas, meta: Meta) -> list[Table]:
    """One table per record kind that has records on the site."""
    result = []
    for kind, (stem, title, folder) in TABLES.items():
        records = sorted(getattr(atlas, kind).values(), key=lambda r: r.id)
        if not records:
            continue
        rows = []
        for record in records:
            data = public_record(atlas, record)
            data["page"] = meta.page_url(f"{folder}/{record.id}.md") if folder else None
            rows.append(data)
        columns = model_columns(KINDS[kind].model) + [("page", "string")]
        if not folder:
            columns = columns[:-1]
            for row in rows:
                row.pop("page")
        result.append(Table(stem, title, f"{title} im {meta.title}, wie sie auf der Website stehen.", columns, rows))
    return result


# --------------------------------------------------------------------------------------------- indicator values

VALUE_COLUMNS = [
    ("indicator", "string"), ("indicator_label", "string"), ("unit", "string"), ("area", "string"), ("area_name", "string"),
    ("area_type", "string"), ("year", "integer"), ("forecast", "boolean"), ("value", "number"), ("reliability", "string"),
    ("source", "string"), ("example", "boolean"), ("note", "string"),
]


def area_types(atlas: Atlas) -> dict[str, str]:
    """Area id → landkreis, region or sozialraum (built once per atlas: every value row asks)."""

    def build() -> dict[str, str]:
        types_ = {atlas.district.id: "landkreis"}
        types_.update({r: "region" for r in atlas.regions})
        types_.update({m: "sozialraum" for m in atlas.municipalities})
        return types_

    return atlas.memo("area_types", atlas.municipalities, build)


def value_row(atlas: Atlas, v: Value) -> dict[str, Any]:
    """One value as the Indikatorenblatt shows it: rounded, or without number when suppressed."""
    ind = atlas.indicators[v.indicator]
    return {
        "indicator": ind.id, "indicator_label": ind.label, "unit": ind.unit, "area": v.area, "area_name": atlas.area_name(v.area),
        "area_type": area_types(atlas).get(v.area, ""), "year": v.year, "forecast": v.forecast,
        "value": shown(v.value, ind.decimals) if v.shown else None, "reliability": v.reliability,
        "source": v.source, "example": v.example, "note": v.note,
    }


def value_table(atlas: Atlas, meta: Meta) -> Table:
    order = {"landkreis": 0, "region": 1, "sozialraum": 2}
    kinds = area_types(atlas)

    def rows() -> Iterator[dict[str, Any]]:  # millions at Germany size: made row by row for each file
        for ind_id in sorted(atlas.stats.table):
            by_area = atlas.stats.table[ind_id]
            for area in sorted(by_area, key=lambda a: (order.get(kinds.get(a, ""), 3), a)):
                for key in sorted(by_area[area]):
                    yield value_row(atlas, by_area[area][key])

    count = sum(len(values) for by_area in atlas.stats.table.values() for values in by_area.values())
    description = (
        f"Alle Werte aller Kennzahlen für Sozialräume, Planungsregionen und {atlas.area.accusative} im Langformat, gerundet wie auf den "
        "Seiten, zu jedem Wert seine Herkunft (angegeben, Summe der Sozialräume oder berechnet), ob er eine Prognose ist, "
        "und seine Verlässlichkeit (verlässlich, unsicher wegen weniger Fälle oder zum Schutz kleiner Fallzahlen ohne Wert)."
    )
    return Table("kennzahlwerte", "Kennzahlwerte", description, VALUE_COLUMNS, rows, count)
