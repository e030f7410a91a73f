"""Open data (daten/): files validated against their formats, licence in every file, exactly what the site shows.

The fixture is tests/fixtures/profile (small numbers, forecasts, targets) with tests/fixtures/opendata copied
over it: site_url, a family centre with opening hours, an offer place, a published contact, a contact
without consent (`geheim`, named by an offer and a network) and an internal network (`public: false`,
named by a conference).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import uuid
from pathlib import Path

import jsonschema
import pytest
import rdflib
from bs4 import BeautifulSoup
from frictionless import validate as frictionless_validate
from rdflib import namespace as ns

from conftest import build_site, page, shared_build
from generator.exports.dcat import licence_uri
from generator.exports.tables import Meta
from generator.core.formatting import fmt_number
from generator.check.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
SITE_URL = "https://atlas.example.org/"
DATA_DATE = "2026-01-15"
SECRETS = ["geheim", "Geheimrolle", "Erika Verborgen", "geheim-intern@example.org", "999-99", "internes-gremium", "Verschlusssache"]
DCATDE = rdflib.Namespace("http://dcat-ap.de/def/dcatde/")


def copy_data(folder: Path) -> Path:
    shutil.copytree(FIXTURES / "profile", folder)
    shutil.copytree(FIXTURES / "opendata", folder, dirs_exist_ok=True)
    for unit in (folder / "municipalities").glob("*.yaml"):  # unit keys inside the overlay's district key 12099
        unit.write_text(unit.read_text(encoding="utf-8").replace('"99001', '"12099'), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("opendata-data") / "data")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test run from its own copy of the same data (the tests only read it)."""
    return shared_build(tmp_path_factory, "opendata", lambda root: build_site(copy_data(root / "data"), root))


def export_paths(site: Path) -> list[Path]:
    """Every export file: daten/* (not the page) and the profiles' downloads."""
    files = [p for p in (site / "daten").iterdir() if p.is_file() and p.name != "index.html"]
    files += sorted((site / "sozialraeume").glob("*.csv")) + sorted((site / "sozialraeume").glob("*.json"))
    return sorted(files)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: UTF-8 byte order mark for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


# --------------------------------------------------------------------------------------------- page


def test_daten_page_lists_every_file_with_size_licence_date_and_attribution(site: Path):
    html = page(site, "daten/")
    doc = BeautifulSoup(html, "html.parser")
    article = doc.select_one("article")
    links = {a["href"] for a in article.select("a[href]")}
    for path in (site / "daten").iterdir():
        if path.name != "index.html":
            assert path.name in links, f"Daten page does not link {path.name}"
    text = article.get_text(" ", strip=True)
    assert "Datenstand: 15.01.2026" in text
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)" in text
    assert re.search(r"kennzahlwerte\.csv CSV \d+,\d\u00a0kB", text)
    assert "Beispieldaten" in text and "example" in text
    attribution = article.select_one("pre.atlas-attribution[data-atlas-copy] code").get_text()
    assert attribution == ("Datenquelle: Testkreis (Testdaten), Sozialraumatlas Testkreis, https://atlas.example.org/daten/, Datenstand 15.01.2026, "
                           "Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0), https://www.govdata.de/dl-de/by-2-0")
    nav = [a.get_text(strip=True) for a in doc.select("nav.md-nav--primary a")]
    assert "Offene Daten" in nav


def test_attribution_comes_from_configuration(data: Path):
    atlas, problems = validate(data)
    assert not problems
    atlas.config.publisher = "Stadt Anderswo"
    atlas.config.licence.id, atlas.config.licence.name = "CC-BY-4.0", "Creative Commons Namensnennung 4.0"
    atlas.config.licence.url = "https://creativecommons.org/licenses/by/4.0/"
    meta = Meta.of(atlas)
    assert meta.attribution.startswith("Datenquelle: Stadt Anderswo, Sozialraumatlas Testkreis")
    assert "Lizenz: Creative Commons Namensnennung 4.0 (CC-BY-4.0)" in meta.attribution
    assert licence_uri(meta) == "http://dcat-ap.de/def/licenses/cc-by/4.0"


def test_every_file_carries_licence_data_date_and_attribution(site: Path):
    package = load(site / "daten" / "datapackage.json")
    # no `name`: the profile wants an Open Definition id there, which dl-de/by-2-0 is not (test_datapackage_profile.py)
    assert package["licenses"] == [{"title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                                    "path": "https://www.govdata.de/dl-de/by-2-0"}]
    assert package["data_date"] == DATA_DATE and "Testkreis (Testdaten)" in package["attribution"]
    described = {r["path"] for r in package["resources"]}
    for path in export_paths(site):
        if path.suffix in (".json", ".geojson") and path.name != "datapackage.json":
            doc = load(path)
            assert doc["license"]["id"] == "dl-de/by-2-0", path.name
            assert doc["data_date"] == DATA_DATE, path.name
            assert doc["attribution"].startswith("Datenquelle: Testkreis (Testdaten)"), path.name
            assert doc["example_data"] is True, path.name
        elif path.suffix == ".csv" and path.parent.name == "daten":
            assert path.name in described, f"{path.name} is not described in datapackage.json"
        elif path.suffix == ".rdf":
            assert "Datenquelle: Testkreis (Testdaten)" in path.read_text(encoding="utf-8")
    profile_csv = read_csv(site / "sozialraeume" / "dorf-b.csv")
    assert profile_csv, "profile CSV has rows"


# --------------------------------------------------------------------------------------------- formats


def test_csv_files_validate_against_the_data_package(site: Path):
    report = frictionless_validate(str(site / "daten" / "datapackage.json"))
    assert report.valid, report.flatten(["title", "fieldName", "note"])[:5]
    units = {r["id"]: r for r in read_csv(site / "daten" / "sozialraeume.csv")}
    assert units["dorf-b"]["location.lat"] == "50,6" and units["dorf-b"]["location.lon"] == "10,4"
    assert units["dorf-b"]["population.date"] == "2022-05-15"
    raw = (site / "daten" / "sozialraeume.csv").read_bytes()
    assert b"\r\n" in raw and raw.split(b"\r\n")[0].count(b";") > 5


GEOJSON_SCHEMA = {  # RFC 7946 for point and area collections
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "properties": {"type": "object", "required": ["example"]},
                "geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {
                    "type": {"enum": ["Point", "Polygon", "MultiPolygon"]}}},
            }}},
    },
}


def test_geojson_files_follow_rfc_7946_with_lon_lat_order(site: Path):
    files = sorted((site / "daten").glob("*.geojson"))
    assert {f.name for f in files} >= {"sozialraeume.geojson", "familienzentren.geojson", "angebote.geojson"}
    for path in files:
        doc = load(path)
        jsonschema.validate(doc, GEOJSON_SCHEMA)
        for f in doc["features"]:
            if f["geometry"]["type"] == "Point":
                lon, lat = f["geometry"]["coordinates"]
                assert 10.0 <= lon <= 11.0 and 50.0 <= lat <= 51.0, (path.name, f["id"])  # bounds of the fixture
    seats = {f["id"]: f for f in load(site / "daten" / "sozialraeume.geojson")["features"]}
    assert seats["dorf-b"]["geometry"]["coordinates"] == [10.4, 50.6]
    centres = {f["id"]: f for f in load(site / "daten" / "familienzentren.geojson")["features"]}
    assert centres["fz-beta"]["geometry"]["coordinates"] == [10.41, 50.61]
    assert centres["fz-beta"]["properties"]["page"] == SITE_URL + "familienzentren/fz-beta/"
    offers = [f["id"] for f in load(site / "daten" / "angebote.geojson")["features"]]
    assert offers == ["seniorentreff"], "only offers with a place of their own"


# HSDS 3.0, written from the documented schema reference (required fields, types, enums) because no package on
# PyPI ships the official JSON schemas for Python 3.11: the objects this export uses, with what HSDS requires.
UUID = {"type": "string", "format": "uuid", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"}
STR, NUM = {"type": "string"}, {"type": "number"}
HSDS = {
    "organizations": ({"id", "name", "description"}, {"id": UUID, "name": STR, "description": STR, "email": STR, "website": STR}),
    "services": ({"id", "name", "status"}, {"id": UUID, "organization_id": UUID, "name": STR, "description": STR,
                                           "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
                                           "minimum_age": NUM, "maximum_age": NUM, "fees_description": STR}),
    "locations": ({"id", "location_type"}, {"id": UUID, "location_type": {"enum": ["physical", "postal", "virtual"]},
                                            "organization_id": UUID, "name": STR, "latitude": NUM, "longitude": NUM}),
    "service_at_locations": ({"id"}, {"id": UUID, "service_id": UUID, "location_id": UUID}),
    "addresses": ({"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"},
                  {"id": UUID, "location_id": UUID, "country": {"pattern": "^[A-Z]{2}$"}, "address_type": {"enum": ["physical", "postal", "virtual"]}}),
    "contacts": ({"id"}, {"id": UUID, "organization_id": UUID, "service_id": UUID, "location_id": UUID, "name": STR, "title": STR, "email": STR}),
    "phones": ({"id", "number"}, {"id": UUID, "number": STR, "type": {"enum": ["text", "voice", "fax", "cell", "video", "pager", "textphone"]}}),
    "schedules": ({"id"}, {"id": UUID, "service_id": UUID, "location_id": UUID, "freq": {"enum": ["WEEKLY", "MONTHLY"]},
                           "byday": {"pattern": "^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$"},
                           "opens_at": {"pattern": "^[0-2][0-9]:[0-5][0-9]"}, "closes_at": {"pattern": "^[0-2][0-9]:[0-5][0-9]"}}),
    "languages": ({"id"}, {"id": UUID, "name": STR, "code": STR}),
    "accessibility": ({"id"}, {"id": UUID, "location_id": UUID, "description": STR}),
}


def test_hsds_export_follows_hsds_3(site: Path):
    doc = load(site / "daten" / "hsds.json")
    assert doc["hsds_version"] == "3.0"
    ids: set[str] = set()
    for array, (required, properties) in HSDS.items():
        schema = {"type": "array", "items": {"type": "object", "required": sorted(required), "properties": properties}}
        jsonschema.validate(doc[array], schema, format_checker=jsonschema.FormatChecker())
        ids |= {o["id"] for o in doc[array]}
    assert len(ids) == sum(len(doc[a]) for a in HSDS), "HSDS ids are unique"
    terms = {t["code"]: t["id"] for t in doc["taxonomy_terms"]}  # atlas fields: attributes (tests/test_hsds_strict.py)
    marks = {(m["link_id"], m["taxonomy_term_id"]): m["value"] for m in doc["attributes"]}
    by_atlas = {(a, marks.get((o["id"], terms["atlas_id"]))): o for a in HSDS for o in doc[a]}
    orgs = {o["id"] for o in doc["organizations"]}
    locations = {o["id"] for o in doc["locations"]}
    for service in doc["services"]:
        assert service["organization_id"] in orgs
    for link in doc["service_at_locations"]:
        assert link["location_id"] in locations
    krabbel = by_atlas[("services", "krabbelgruppe")]
    assert (krabbel["status"], krabbel["minimum_age"], krabbel["maximum_age"], krabbel["fees_description"]) == ("active", 0, 3, "kostenfrei")
    assert by_atlas[("services", "seniorentreff")]["status"] == "defunct"
    centre = by_atlas[("locations", "fz-beta")]
    assert centre["latitude"] == 50.61 and marks[(centre["id"], terms["example"])] == "true"
    assert {"location_id": centre["id"], "service_id": krabbel["id"]}.items() <= next(
        s for s in doc["service_at_locations"] if s["service_id"] == krabbel["id"]).items()
    hours = [(s["byday"], s["opens_at"], s["closes_at"]) for s in doc["schedules"] if s.get("location_id") == centre["id"]]
    assert hours == [("MO,TU", "09:00+01:00", "16:00+01:00"), ("FR", "10:00+01:00", "12:30+01:00")]  # CET on DATA_DATE
    address = next(a for a in doc["addresses"] if a["location_id"] == centre["id"])
    assert (address["address_1"], address["address_2"], address["state_province"], address["country"]) == ("Dorfstraße 1", "Oberbeta", "Brandenburg", "DE")
    assert by_atlas[("contacts", "koordination")]["title"] == "Koordination Familienzentrum Beta"
    assert uuid.UUID(krabbel["id"]).version == 5


def test_dcat_catalogue_has_the_mandatory_dcat_ap_de_properties(site: Path):
    g = rdflib.Graph()
    g.parse(site / "daten" / "katalog.rdf", format="xml")
    catalogs = list(g.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert catalogs == [rdflib.URIRef(SITE_URL + "daten/katalog.rdf")]
    cat = catalogs[0]
    assert g.value(cat, ns.DCTERMS.title) == rdflib.Literal("Sozialraumatlas Testkreis", lang="de")
    assert g.value(cat, ns.DCTERMS.description) is not None
    assert g.value(g.value(cat, ns.DCTERMS.publisher), ns.FOAF.name) == rdflib.Literal("Testkreis (Testdaten)")
    datasets = set(g.objects(cat, ns.DCAT.dataset))
    assert datasets == set(g.subjects(ns.RDF.type, ns.DCAT.Dataset)) and len(datasets) >= 10
    licence = rdflib.URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
    date = rdflib.Literal(DATA_DATE, datatype=ns.XSD.date)
    downloads = set()
    for ds in datasets:
        assert g.value(ds, ns.DCTERMS.title).language == "de" and g.value(ds, ns.DCTERMS.description).language == "de"
        assert g.value(ds, ns.DCTERMS.publisher) is not None
        assert g.value(ds, ns.DCTERMS.modified) == date and g.value(ds, ns.DCTERMS.issued) == date
        # DCAT-AP.de 3.0: the area as dct:spatial, no longer the deprecated dcatde:politicalGeocodingURI
        assert g.value(ds, ns.DCTERMS.spatial) == rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/districtKey/12099")
        assert g.value(ds, DCATDE.politicalGeocodingURI) is None
        assert all(k.language == "de" and str(k) for k in g.objects(ds, ns.DCAT.keyword)) and g.value(ds, ns.DCAT.keyword) is not None
        dists = list(g.objects(ds, ns.DCAT.distribution))
        assert dists
        for dist in dists:
            access = g.value(dist, ns.DCAT.accessURL)
            assert str(access).startswith(SITE_URL + "daten/")
            downloads.add(str(g.value(dist, ns.DCAT.downloadURL)))
            assert g.value(dist, ns.DCTERMS.license) == licence
            assert str(g.value(dist, ns.DCTERMS.format)).startswith("http://publications.europa.eu/resource/authority/file-type/")
            assert str(g.value(dist, ns.DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
            assert "Testkreis (Testdaten)" in str(g.value(dist, DCATDE.licenseAttributionByText))
            assert g.value(dist, ns.DCTERMS.modified) == date
    published = {SITE_URL + "daten/" + p.name for p in export_paths(site) if p.parent.name == "daten"}
    assert published - {SITE_URL + "daten/datapackage.json", SITE_URL + "daten/katalog.rdf"} == downloads


# --------------------------------------------------------------------------------------------- exactly what the site shows


def test_unpublished_contacts_internal_networks_and_suppressed_values_are_in_no_file(site: Path):
    for path in export_paths(site):
        text = path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {path.name}"
    offers = {r["id"]: r for r in load(site / "daten" / "angebote.json")["records"]}
    assert offers["krabbelgruppe"]["contact"] is None and offers["seniorentreff"]["contact"] == "koordination"
    networks = {r["id"]: r for r in load(site / "daten" / "netzwerke.json")["records"]}
    assert set(networks) == {"sozialraumkonferenz-dorf-b"} and networks["sozialraumkonferenz-dorf-b"]["coordinator"] is None
    assert "public" not in networks["sozialraumkonferenz-dorf-b"]
    contacts = [r["id"] for r in load(site / "daten" / "ansprechpersonen.json")["records"]]
    assert contacts == ["koordination"]


def test_indicator_values_are_the_figures_of_the_indicator_pages(site: Path, data: Path):
    atlas, _ = validate(data)
    rows = load(site / "daten" / "kennzahlwerte.json")["records"]
    suppressed = {(v.indicator, v.area, v.year, v.forecast) for ind in atlas.stats.table.values() for area in ind.values()
                  for v in area.values() if not v.shown}
    assert ("geburten", "dorf-b", 2023, False) in suppressed
    seen = set()
    pages: dict[str, str] = {}
    for row in rows:
        key = (row["indicator"], row["area"], row["year"], row["forecast"])
        seen.add(key)
        if key in suppressed:
            assert row["value"] is None and row["reliability"] == "suppressed", key
            continue
        assert row["value"] is not None, key
        html = pages.setdefault(row["indicator"], page(site, f"kennzahlen/{row['indicator']}/"))
        table_rows = BeautifulSoup(html, "html.parser").select("article table tr")
        area_row = next(tr for tr in table_rows if tr.select_one("td,th") and tr.select_one("td,th").get_text(strip=True).startswith(row["area_name"]))
        shown = fmt_number(row["value"], atlas.indicators[row["indicator"]].decimals)
        assert shown in area_row.get_text(" "), (key, shown)
    expected = {(v.indicator, v.area, v.year, v.forecast) for ind in atlas.stats.table.values() for area in ind.values() for v in area.values()}
    assert seen == expected
    csv_rows = read_csv(site / "daten" / "kennzahlwerte.csv")
    geburten = next(r for r in csv_rows if (r["indicator"], r["area"], r["year"]) == ("geburten", "dorf-b", "2023"))
    assert geburten["value"] == "" and geburten["reliability"] == "suppressed"


def test_profile_downloads_hold_the_profile_table(site: Path):
    html = page(site, "sozialraeume/dorf-b/")
    assert 'href="../dorf-b.csv"' in html and 'href="../dorf-b.json"' in html
    doc = load(site / "sozialraeume" / "dorf-b.json")
    assert doc["page"] == SITE_URL + "sozialraeume/dorf-b/"
    rows = {r["indicator"]: r for r in doc["records"]}
    alten = rows["altenquotient"]
    assert (alten["year"], alten["value"], alten["district_value"], alten["difference"], alten["rank"], alten["ranked_units"],
            alten["change"], alten["change_since"], alten["forecast_year"], alten["forecast_value"], alten["district_forecast_value"]) == (
        2023, 41.2, 34.0, 7.2, 1, 4, 16.2, 2013, 2040, 75.0, 52.0)  # the row test_profiles reads from the page
    assert rows["geburten"]["value"] is None and rows["geburten"]["reliability"] == "suppressed" and rows["geburten"]["rank"] is None
    delta = {r["indicator"]: r for r in load(site / "sozialraeume" / "dorf-d.json")["records"]}
    assert delta["geburten"]["value"] == 68 and delta["geburten"]["reliability"] == "flagged"
    assert delta["geburten"]["share_of_district_percent"] == 10.6 and delta["geburten"]["difference"] is None
    table = {r["indicator"]: r for r in read_csv(site / "sozialraeume" / "dorf-b.csv")}
    assert table["altenquotient"]["value"] == "41,2" and table["geburten"]["value"] == ""
    assert set(table) == set(rows)


def test_every_exported_record_has_its_public_page(site: Path):
    checked = 0
    for path in sorted((site / "daten").glob("*.json")):
        doc = load(path)
        for record in doc.get("records", []):
            if "page" in record and record["page"]:
                relative = record["page"].removeprefix(SITE_URL)
                assert (site / relative / "index.html").is_file(), (path.name, record["id"])
                checked += 1
    assert checked > 10
    contacts_page = page(site, "ansprechpersonen/")
    for record in load(site / "daten" / "ansprechpersonen.json")["records"]:
        assert record["role"] in contacts_page


def test_exports_are_sorted_and_carry_no_timestamp(site: Path):
    for path in export_paths(site):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text), path.name
        if path.suffix == ".json" and "records" in (doc := json.loads(text)) and doc["records"] and "id" in doc["records"][0]:
            ids = [r["id"] for r in doc["records"]]
            assert ids == sorted(ids), path.name


def test_licence_defaults_to_dl_de_by_2_0_when_atlas_yaml_names_none():
    from generator.model.schema import AtlasConfig

    config = AtlasConfig.model_validate(
        {"title": "T", "description": "D", "publisher": "P", "data_date": "2026-01-01", "map": {"bounds": {"south": 1, "west": 1, "north": 2, "east": 2}}}
    )
    assert config.licence.id == "dl-de/by-2-0" and config.licence.url == "https://www.govdata.de/dl-de/by-2-0"
