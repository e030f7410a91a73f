"""Open data catalogue: `daten/katalog.rdf`, the exports described in DCAT-AP.de (RDF/XML) for open-data portals.

One dcat:Catalog; one dcat:Dataset per export (a record kind, the indicator values, a GeoJSON file,
the HSDS export) with one dcat:Distribution per file format. Every distribution carries the licence
as a DCAT-AP.de licence URI (e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0 for dl-de/by-2-0;
an unknown licence id falls back to the licence URL of atlas.yaml) and the attribution text
(dcatde:licenseAttributionByText). Dates are the data date. Titles and descriptions are German (@de).

Every dataset has dcat:keyword: the labels of the topics (vocabulary `topics`) its records name, or its
title when its records have no topics.

Addresses are absolute when atlas.yaml has site_url, as a harvester needs them (`atlas check --publish`
insists on it); otherwise relative to the catalogue file, which RDF resolves against the address the
catalogue is fetched from (previews). The area is the district key of district.yaml: dcatde:politicalGeocodingLevelURI
and, as DCAT-AP.de 3.0 asks instead of the deprecated dcatde:politicalGeocodingURI, dct:spatial with the
geocoding URI (a dct:Location, as in GovData's 3.0 example; DCAT-AP.de 2.0 accepts any IRI there), described once
with the district's name and the map bounds of atlas.yaml as dcat:bbox (WKT, longitude/latitude in WGS 84).
tests/test_dcat_shacl.py validates the catalogue against GovData's SHACL profiles for DCAT-AP.de 2.0 and 3.0.
dcatde:contributorID (GovData's convention 12/13) is the id GovData assigns to a registered data provider: set on
every dataset when atlas.yaml has dcat_contributor_id, left out otherwise (nothing to make up).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .tables import TABLES, Meta

if TYPE_CHECKING:
    from ..model.atlas import Atlas

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LICENCES = {
    "dl-de/by-2-0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de/zero-2-0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "cc-by-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "cc-by-sa-4.0": "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
    "cc0-1.0": "http://dcat-ap.de/def/licenses/cc-zero",
    "cc-zero": "http://dcat-ap.de/def/licenses/cc-zero",
}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
FORMATS = {  # extension → (EU file type, IANA media type)
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
    "geojson": ("GEOJSON", "application/geo+json"),
    "rdf": ("RDF_XML", "application/rdf+xml"),
}
THEME = "http://publications.europa.eu/resource/authority/data-theme/SOCI"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/DEU"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class Dataset:
    """One export: a name (anchor), German title and description, its files (paths in daten/) and keywords."""

    name: str
    title: str
    description: str
    files: tuple[str, ...]
    keywords: tuple[str, ...] = ()  # none: the title is the keyword


def topic_keywords(atlas: "Atlas", records: Iterable[Any]) -> tuple[str, ...]:
    """Labels of the topics the records name (`topics` or `topic`), in the order of the vocabulary."""
    used: set[str] = set()
    for record in records:
        used.update(getattr(record, "topics", None) or ())
        if getattr(record, "topic", None):
            used.add(record.topic)
    return tuple(term.label for term in atlas.vocabularies.topics if term.id in used)


def stem_keywords(atlas: "Atlas", stem: str) -> tuple[str, ...]:
    """Keywords of the export `stem` (file name without extension, e.g. angebote, angebote-geojson is angebote):
    the topics of its records; none for records without topics."""
    kinds = {table_stem: kind for kind, (table_stem, _, _) in TABLES.items()} | {"kennzahlwerte": "indicators", "hsds": "offers", "termindaten": "events"}
    kind = kinds.get(stem.split("-")[0])
    return topic_keywords(atlas, getattr(atlas, kind).values()) if kind else ()


def licence_uri(meta: Meta) -> str:
    return LICENCES.get(meta.licence_id.strip().lower(), meta.licence_url)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _text(parent: ET.Element, name: str, value: str, lang: bool = True) -> None:
    el = ET.SubElement(parent, _q(name))
    el.text = value
    if lang:
        el.set("{http://www.w3.org/XML/1998/namespace}lang", "de")


def _ref(parent: ET.Element, name: str, uri: str) -> ET.Element:
    el = ET.SubElement(parent, _q(name))
    el.set(_q("rdf:resource"), uri)
    return el


def _date(parent: ET.Element, name: str, meta: Meta) -> None:
    el = ET.SubElement(parent, _q(name))
    el.set(_q("rdf:datatype"), NS["xsd"] + "date")
    el.text = meta.data_date.isoformat()


def _location(root: ET.Element, atlas: "Atlas") -> str:
    """The district as dct:Location (its geocoding URI, name and the map bounds of atlas.yaml as bounding box)."""
    key = atlas.district.key
    uri = f"{GEOCODING}{'stateKey' if len(key) == 2 else 'districtKey'}/{key}"  # a Land atlas has the 2-digit key
    place = ET.SubElement(root, _q("dct:Location"), {_q("rdf:about"): uri})
    _text(place, "skos:prefLabel", atlas.district.name)
    b = atlas.config.map.bounds
    corners = ", ".join(f"{x:g} {y:g}" for x, y in ((b.west, b.south), (b.west, b.north), (b.east, b.north), (b.east, b.south), (b.west, b.south)))
    bbox = ET.SubElement(place, _q("dcat:bbox"), {_q("rdf:datatype"): WKT})
    bbox.text = f"POLYGON(({corners}))"
    return uri


def catalogue(meta: Meta, datasets: list[Dataset], atlas: "Atlas") -> str:
    """The DCAT-AP.de catalogue as RDF/XML text."""

    def url(path: str) -> str:  # a path in daten/ → absolute, or relative to katalog.rdf
        return f"{meta.site_url}daten/{path}" if meta.site_url else path

    root = ET.Element(_q("rdf:RDF"))
    cat = ET.SubElement(root, _q("dcat:Catalog"), {_q("rdf:about"): url("katalog.rdf")})
    _text(cat, "dct:title", meta.title)
    _text(cat, "dct:description", meta.description)
    publisher = ET.SubElement(ET.SubElement(cat, _q("dct:publisher")), _q("foaf:Agent"))
    _text(publisher, "foaf:name", meta.publisher, lang=False)
    _ref(cat, "dct:language", LANGUAGE)
    _date(cat, "dct:issued", meta)
    _date(cat, "dct:modified", meta)
    _ref(cat, "dct:license", licence_uri(meta))
    if meta.site_url:
        _ref(cat, "foaf:homepage", meta.site_url)
    for ds in datasets:
        _ref(cat, "dcat:dataset", url(f"#{ds.name}"))
    place = _location(root, atlas)

    for ds in datasets:
        d = ET.SubElement(root, _q("dcat:Dataset"), {_q("rdf:about"): url(f"#{ds.name}")})
        _text(d, "dct:title", ds.title)
        _text(d, "dct:description", ds.description)
        _text(d, "dct:identifier", url(f"#{ds.name}"), lang=False)
        pub = ET.SubElement(ET.SubElement(d, _q("dct:publisher")), _q("foaf:Agent"))
        _text(pub, "foaf:name", meta.publisher, lang=False)
        if atlas.config.dcat_contributor_id:
            _ref(d, "dcatde:contributorID", atlas.config.dcat_contributor_id)
        for keyword in dict.fromkeys(ds.keywords or (ds.title,)):
            _text(d, "dcat:keyword", keyword)
        _ref(d, "dcat:theme", THEME)
        _ref(d, "dct:language", LANGUAGE)
        _date(d, "dct:issued", meta)
        _date(d, "dct:modified", meta)
        _ref(d, "dcat:landingPage", f"{meta.site_url}daten/" if meta.site_url else "./")
        land = len(atlas.district.key) == 2  # an atlas of a whole Land has the 2-digit Land key (schema/places.py)
        _ref(d, "dcatde:politicalGeocodingLevelURI", GEOCODING + ("Level/state" if land else "Level/administrativeDistrict"))
        _ref(d, "dct:spatial", place)
        for path in ds.files:
            dist = ET.SubElement(ET.SubElement(d, _q("dcat:distribution")), _q("dcat:Distribution"), {_q("rdf:about"): url(path)})
            file_type, media = FORMATS[path.rsplit(".", 1)[1]]
            _text(dist, "dct:title", f"{ds.title} ({file_type.replace('_', '/')})")
            _ref(dist, "dcat:accessURL", url(path))
            _ref(dist, "dcat:downloadURL", url(path))
            _ref(dist, "dct:format", FILE_TYPE + file_type)
            _ref(dist, "dcat:mediaType", MEDIA_TYPE + media)
            _ref(dist, "dct:license", licence_uri(meta))
            _text(dist, "dcatde:licenseAttributionByText", meta.attribution)
            _date(dist, "dct:issued", meta)
            _date(dist, "dct:modified", meta)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True).decode("utf-8") + "\n"
