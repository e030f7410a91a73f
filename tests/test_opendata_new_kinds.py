"""Open data of the newer record kinds (issues 20 and 21): Lebenslagen, Leistungen, Termine and the single dates.

The example atlas (shared `example_site`) carries them; a small extra build of the mini atlas adds an internal
network with a meeting and a life situation naming an unpublished contact, which must be in no file.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import rdflib
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, build_site, page
from frictionless import Package
from frictionless import validate as frictionless_validate
from rdflib import namespace as ns

NEW = {"lebenslagen": "lebenslagen", "leistungen": "leistungen", "termine": "termine"}  # file stem → data folder


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_one_row_per_record_in_csv_and_json(example_site: Path):
    for stem, folder in NEW.items():
        ids = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (REPO / "data" / folder).glob("*.yaml"))
        rows = read_csv(example_site / "daten" / f"{stem}.csv")
        doc = load(example_site / "daten" / f"{stem}.json")
        assert sorted(r["id"] for r in rows) == ids, stem
        assert [r["id"] for r in doc["records"]] == sorted(ids) and doc["count"] == len(ids), stem
        assert all(r["page"].endswith(f"{folder}/{r['id']}/") for r in rows), stem
    benefits = {r["id"]: r for r in read_csv(example_site / "daten" / "leistungen.csv")}
    assert "BEEG" in benefits["elterngeld"]["legal_basis"]  # a list of objects: compact JSON in the cell
    events = {r["id"]: r for r in load(example_site / "daten" / "termine.json")["records"]}
    assert events["fachkraefteteam-teltow"]["rrule"].startswith("FREQ=MONTHLY")


def test_single_dates_from_the_data_date(example_site: Path):
    doc = load(example_site / "daten" / "termindaten.json")
    rows = read_csv(example_site / "daten" / "termindaten.csv")
    assert rows and len(rows) == doc["count"] == len(doc["records"])
    assert all(r["date"] >= doc["data_date"] for r in rows)
    assert [(r["date"], r["start_time"]) for r in rows] == sorted((r["date"], r["start_time"]) for r in rows)
    moved = [r for r in rows if r["event"] == "fachkraefteteam-teltow" and r["status"] == "verlegt"]
    assert moved and moved[0]["date"] == "2027-03-16" and moved[0]["original_date"] == "2027-03-09"
    teltow = [r for r in rows if r["event"] == "fachkraefteteam-teltow"]
    assert teltow[0]["title"].startswith("Fachkräfteteam") and "teltow" in teltow[0]["municipalities"] and teltow[0]["place"]


def test_new_tables_validate_against_the_data_package(example_site: Path):
    package = Package(str(example_site / "daten" / "datapackage.json"))
    for name in [*NEW, "termindaten"]:
        report = frictionless_validate(package.get_resource(name))
        assert report.valid, (name, report.flatten(["title", "fieldName", "note"])[:5])


def test_validator_reports_a_renamed_column(example_site: Path, tmp_path: Path):
    """The check above can fail: the same file with one column renamed does not match its description."""
    package = load(example_site / "daten" / "datapackage.json")
    resource = next(r for r in package["resources"] if r["name"] == "termindaten")
    raw = (example_site / "daten" / "termindaten.csv").read_bytes()
    (tmp_path / "termindaten.csv").write_bytes(raw.replace(b";status;", b";zustand;", 1))
    (tmp_path / "datapackage.json").write_text(json.dumps({**package, "resources": [resource]}), encoding="utf-8")
    report = frictionless_validate(str(tmp_path / "datapackage.json"))
    assert not report.valid and report.flatten(["type", "fieldName"]) == [["incorrect-label", "status"]]


def test_daten_page_and_catalogue_list_the_new_files(example_site: Path):
    article = BeautifulSoup(page(example_site, "daten/"), "html.parser").select_one("article")
    links = {a["href"].rsplit("/", 1)[-1] for a in article.select("a[href]")}
    text = article.get_text(" ", strip=True)
    g = rdflib.Graph()
    g.parse(example_site / "daten" / "katalog.rdf", format="xml")
    downloads = {str(o).rsplit("/", 1)[-1] for o in g.objects(None, ns.DCAT.downloadURL)}
    for stem in [*NEW, "termindaten"]:
        for ext in ("csv", "json"):
            assert f"{stem}.{ext}" in links and f"{stem}.{ext}" in downloads, f"{stem}.{ext}"
    assert "Termindaten (einzelne Termine ab Datenstand)" in text and "Lebenslagen" in text
    events = next(d for d in g.subjects(ns.RDF.type, ns.DCAT.Dataset) if str(d).endswith("#termine"))
    keywords = {str(k) for k in g.objects(events, ns.DCAT.keyword)}
    assert keywords and "Termine (Einträge mit Wiederholungsregel)" not in keywords  # the topics of the records


INTERNAL = {
    "networks/intern.yaml": "id: intern\nname: Geheime Fallrunde\ntype: netzwerk-fruehe-hilfen\nscope: municipality\n"
                            "municipalities: [teststadt]\npublic: false\nexample: true\n",
    "termine/intern-sitzung.yaml": "id: intern-sitzung\ntitle: Sitzung der Geheimen Fallrunde\nstart_date: 2026-02-03\n"
                                   "start_time: \"10:00\"\nplace: {organisation: kreis}\norganiser: kreis\nnetwork: intern\n"
                                   "audience: mitglieder\nexample: true\n",
    "termine/elterncafe.yaml": "id: elterncafe\ntitle: Elterncafé\nstart_date: 2026-01-20\nstart_time: \"15:00\"\nend_time: \"17:00\"\n"
                               "rrule: FREQ=WEEKLY;BYDAY=TU;COUNT=4\nplace: {family_centre: fz-teststadt}\norganiser: traeger-a\n"
                               "audience: oeffentlich\nexample: true\n",
    "lebenslagen/kind-kommt.yaml": "id: kind-kommt\nname: Ein Kind kommt\nsummary: Hilfe für die erste Zeit.\n"
                                   "contacts: [geheim, koordination-fh]\nexample: true\n",
}


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("opendata-new-kinds")
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root / "data")
    for path, text in INTERNAL.items():
        (root / "data" / path).parent.mkdir(exist_ok=True)
        (root / "data" / path).write_text(text, encoding="utf-8")
    with (root / "data" / "vocabularies.yaml").open("a", encoding="utf-8") as vocabularies:
        vocabularies.write("event_audiences:\n  - {id: oeffentlich, label: öffentlich}\n  - {id: mitglieder, label: für Mitglieder}\n")
    return build_site(root / "data", root)


def test_internal_networks_events_and_unpublished_contacts_are_in_no_file(internal_site: Path):
    daten = internal_site / "daten"
    assert [r["id"] for r in load(daten / "termine.json")["records"]] == ["elterncafe"]
    dates = read_csv(daten / "termindaten.csv")
    assert [r["date"] for r in dates] == ["2026-01-20", "2026-01-27", "2026-02-03", "2026-02-10"]
    assert {r["municipalities"] for r in dates} == {"teststadt"}
    situations = load(daten / "lebenslagen.json")["records"]
    assert [s["contacts"] for s in situations] == [["koordination-fh"]]
    for path in daten.iterdir():
        if path.is_file() and path.name != "index.html":
            text = path.read_text(encoding="utf-8")
            for secret in ("intern-sitzung", "Geheime Fallrunde", "geheim-intern@example.org", '"geheim"'):
                assert secret not in text, f"{secret} in {path.name}"
