"""Open data catalogue: `daten/katalog.rdf`, the exports described in DCAT-AP.de (RDF/XML) for open-data portals.

One dcat:Catalog; one dcat:Dataset per export (a record kind, the indicator values, a GeoJSON file,
the HSDS export) with one dcat:Distribution per file format. Every distribution carries the licence
as a DCAT-AP.de licence URI (e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0 for dl-de/by-2-0;
an unknown licence id falls back to the licence URL of atlas.yaml) and the attribution text
(dcatde:licenseAttributionByText). Dates are the data date. Titles and descriptions are German (@de).

Addresses are absolute when atlas.yaml has site_url; otherwise relative to the catalogue file, which
RDF resolves against the address the catalogue is fetched from. The political geocoding (the district
key) comes from district.yaml. Not set: dcatde:contributorID, which GovData assigns per publisher.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .tables import Meta

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
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

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class Dataset:
    """One export: a name (anchor), German title and description, and its files (paths in daten/)."""

    name: str
    title: str
    description: str
    files: tuple[str, ...]


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


def catalogue(meta: Meta, datasets: list[Dataset], district_key: str) -> str:
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

    for ds in datasets:
        d = ET.SubElement(root, _q("dcat:Dataset"), {_q("rdf:about"): url(f"#{ds.name}")})
        _text(d, "dct:title", ds.title)
        _text(d, "dct:description", ds.description)
        _text(d, "dct:identifier", url(f"#{ds.name}"), lang=False)
        pub = ET.SubElement(ET.SubElement(d, _q("dct:publisher")), _q("foaf:Agent"))
        _text(pub, "foaf:name", meta.publisher, lang=False)
        _ref(d, "dcat:theme", THEME)
        _ref(d, "dct:language", LANGUAGE)
        _date(d, "dct:issued", meta)
        _date(d, "dct:modified", meta)
        _ref(d, "dcat:landingPage", f"{meta.site_url}daten/" if meta.site_url else "./")
        land = len(district_key) == 2  # an atlas of a whole Land has the 2-digit Land key (schema/places.py)
        _ref(d, "dcatde:politicalGeocodingLevelURI", GEOCODING + ("Level/state" if land else "Level/administrativeDistrict"))
        _ref(d, "dcatde:politicalGeocodingURI", f"{GEOCODING}{'stateKey' if land else 'districtKey'}/{district_key}")
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
