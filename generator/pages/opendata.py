"""Open data: every export file and the page „Offene Daten“ (`daten/index.md`, template daten.md.j2).

`add_open_data(site)` is called once by render.render_site after the other pages. It adds

* `daten/<kind>.csv|json` per record kind, `daten/kennzahlwerte.csv|json` (exports/tables.py),
* `daten/termindaten.csv|json`: the single dates of the Termine (exports/event_tables.py),
* `daten/*.geojson` (geojson.py), `daten/hsds.json` (hsds.py),
* `daten/datapackage.json`: Frictionless Data Package of the CSV files (dialect, column types, licence),
* `daten/katalog.rdf`: DCAT-AP.de catalogue of all of them (dcat.py),
* `sozialraeume/<id>.csv|json`: the figures of each Sozialraumprofil (exports/profile_tables.py),
* the Daten page with contents, format and size of every file, licence, data date and the attribution.

Non-Markdown files in the docs dir are copied by MkDocs as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from markupsafe import Markup

from ..core.formatting import fmt_number
from ..core.markup import html_attr
from ..exports.dcat import Dataset, catalogue, stem_keywords
from ..exports.event_tables import dates_table
from ..exports.geojson import geo_files
from ..exports.hsds import hsds_document
from ..exports.profile_tables import profile_files
from ..exports.tables import Meta, Table, record_tables, to_json, value_table

if TYPE_CHECKING:
    from .site import Site

FOLDER = "daten"
LICENCE_NAME = re.compile(r"[-a-zA-Z0-9._]+")  # the profile's pattern for licenses[].name
FORMAT_LABELS = {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON", "rdf": "RDF/XML"}


@dataclass
class FileEntry:
    path: str  # in daten/
    format: str
    size: str


@dataclass
class DatasetEntry:
    dataset: Dataset
    files: list[FileEntry]


def size_text(content: str) -> str:
    """`12,3 kB` (1 kB = 1.000 Byte) of the UTF-8 bytes."""
    size = len(content.encode("utf-8"))
    return f"{fmt_number(size)}\u00a0Byte" if size < 1000 else f"{fmt_number(size / 1000, 1)}\u00a0kB"


def package_licence(meta: Meta) -> dict[str, str]:
    """The licence as the Data Package profile wants it: `name` is an Open Definition licence id (pattern
    `^[-a-zA-Z0-9._]+$`, e.g. CC-BY-4.0), `path` the licence text, one of the two required. An id in another
    spelling (GovData's `dl-de/by-2-0`, for which the Open Definition list has no entry) is left out: title and
    path name the licence, and the id stays in the other files and the attribution."""
    licence = {"name": meta.licence_id, "title": meta.licence_name, "path": meta.licence_url}
    if not LICENCE_NAME.fullmatch(meta.licence_id):
        del licence["name"]
    return licence


def datapackage(meta: Meta, tables: list[Table], district_key: str) -> str:
    """Frictionless Data Package (v1, profile tabular-data-package) describing the CSV files: dialect, encoding,
    column types, licence. `homepage` must be an absolute URI: it is given only when atlas.yaml has site_url.
    tests/test_datapackage_profile.py validates it against the official profiles."""
    resources = []
    for t in tables:
        fields: list[dict[str, Any]] = []
        for name, kind in t.columns:
            field: dict[str, Any] = {"name": name, "type": kind}
            if kind == "number":
                field["decimalChar"] = ","
            fields.append(field)
        schema: dict[str, Any] = {"fields": fields}
        if any(name == "id" for name, _ in t.columns):
            schema["primaryKey"] = ["id"]
        resources.append({
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "title": t.title, "description": t.description,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "dialect": {"delimiter": ";", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": schema,
        })
    header = meta.header(meta.title, meta.description)
    package = {
        "profile": "tabular-data-package",
        "name": f"sozialraumatlas-{district_key}",
        "title": header["title"],
        "description": header["description"],
        "homepage": header["source"] if meta.site_url else None,
        "licenses": [package_licence(meta)],
        "contributors": [{"title": meta.publisher, "role": "publisher"}],
        "data_date": header["data_date"],
        "attribution": header["attribution"],
        "example_data": meta.example,
        "resources": resources,
    }
    return to_json({k: v for k, v in package.items() if v is not None})


def export_files(atlas, emit: Callable[[str, str], None]) -> list[Dataset]:
    """Every file of daten/, each handed to `emit(path in daten/, content)` as soon as it is made (at Germany
    size the value table alone is millions of rows: no file waits for the others); returns the datasets."""
    meta = Meta.of(atlas)
    datasets: list[Dataset] = []
    tables = record_tables(atlas, meta) + dates_table(atlas, meta) + [value_table(atlas, meta)]
    for t in tables:  # one file at a time: the value table's records are made for each file, not kept
        emit(f"{t.name}.csv", t.csv())
        emit(f"{t.name}.json", t.json(meta))
        datasets.append(Dataset(t.name, t.title, t.description, (f"{t.name}.csv", f"{t.name}.json"), stem_keywords(atlas, t.name)))
    for path, (title, description, content) in geo_files(atlas, meta).items():
        emit(path, content)
        datasets.append(Dataset(path.replace(".", "-"), title, description, (path,), stem_keywords(atlas, path.rsplit(".", 1)[0])))
    emit("hsds.json", hsds_document(atlas, meta))
    datasets.append(Dataset("hsds", "Angebote im Format Open Referral HSDS",
                            "Organisationen, Angebote, Orte, Öffnungszeiten und veröffentlichte Kontakte im internationalen Format "
                            "Open Referral Human Services Data Specification 3.0, für Wegweiser und Angebotsdatenbanken.", ("hsds.json",),
                            stem_keywords(atlas, "hsds")))
    emit("datapackage.json", datapackage(meta, tables, atlas.district.key))
    emit("katalog.rdf", catalogue(meta, datasets, atlas))
    return datasets


def attribution_block(text: str) -> Markup:
    """The attribution in a code block (raw HTML, escaped), which readers copy as it is; assets/atlas-copy.js adds
    a „Kopieren“ button (`data-atlas-copy`)."""
    return Markup(f'<pre class="atlas-attribution" data-atlas-copy><code>{html_attr(text)}</code></pre>')


def add_open_data(site: "Site") -> None:
    """Add the export files, the profiles' downloads and the page „Offene Daten“ to the site."""
    atlas = site.atlas
    meta = Meta.of(atlas)
    sizes: dict[str, str] = {}

    def emit(path: str, content: str) -> None:
        sizes[path] = size_text(content)
        site.add(f"{FOLDER}/{path}", content)

    datasets = export_files(atlas, emit)
    for path, content in profile_files(atlas, meta):
        site.add(path, content)
    entries = [
        DatasetEntry(ds, [FileEntry(p, FORMAT_LABELS[p.rsplit(".", 1)[1]], sizes[p]) for p in ds.files])
        for ds in datasets
    ]
    extra = [FileEntry(p, "JSON" if p.endswith(".json") else "RDF/XML", sizes[p]) for p in ("datapackage.json", "katalog.rdf")]
    site.page(f"{FOLDER}/index.md", "daten.md.j2", "Offene Daten", meta=meta, entries=entries, extra=extra,
              attribution=attribution_block(meta.attribution))
