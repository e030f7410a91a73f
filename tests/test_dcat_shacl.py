"""daten/katalog.rdf against GovData's official SHACL validation profiles for DCAT-AP.de 2.0 and 3.0 (pyshacl).

The shapes and the controlled vocabularies they check against are in tests/fixtures/standards/dcat-ap-de/
(SOURCE.md: where each file comes from). As GovData's validator (the ITB SHACL validator with its default
`mergeModelsBeforeValidation`) the vocabularies are merged into the data graph, without RDFS/OWL inference.
The catalogue is that of the shared "opendata" build (tests/test_opendata.py: site_url is set), so a portal
gets absolute addresses. Each profile is parsed once per module and validates in well under a second.

Also here: the German warning of `atlas check` / `atlas build` when atlas.yaml has no site_url, and `--publish`,
which makes it an error (generator/check/publish.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib import namespace as ns

from conftest import build_site, shared_build, shared_value
from generator.cli import main
from test_opendata import SITE_URL, copy_data

STANDARD = Path(__file__).parent / "fixtures" / "standards" / "dcat-ap-de"
DCATDE = rdflib.Namespace("http://dcat-ap.de/def/dcatde/")
SPEC_2_0 = ["v2.0/dcat-ap_2.1.1_shacl_shapes.ttl", "v2.0/dcat-ap-spec-german-messages.ttl",
            "v2.0/dcat-ap-spec-german-additions.ttl", "v2.0/dcat-ap-de-deprecated.ttl"]
PROFILES = {  # GovData's validator.shaclFile.<type> (validator/resources/config.properties), local copies
    "2.0": SPEC_2_0,  # v20_de_spec: „DCAT-AP.de 2.0 – Spezifikation“
    "2.0+Konventionen": SPEC_2_0 + ["v2.0/dcat-ap-konventionen.ttl"],  # v20_de_spec_implr
    "3.0": ["v3.0/dcat-ap-SHACL.ttl", "v3.0/dcat-ap-SHACL-DE.ttl", "v3.0/dcat-ap-de-deprecated.ttl",  # v30_de_spec
            "v3.0/dcat-ap-spec-german-additions.ttl", "v3.0/dcat-ap-de-controlledvocabularies.ttl"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same shared build as tests/test_opendata.py's `site` (built once per run for all files)."""
    return shared_build(tmp_path_factory, "opendata", lambda root: build_site(copy_data(root / "data"), root))


@pytest.fixture(scope="module")
def shapes() -> dict[str, rdflib.Graph]:
    graphs = {}
    for name, files in PROFILES.items():
        graph = rdflib.Graph()
        for file in files:
            graph.parse(STANDARD / file, format="turtle")
        graphs[name] = graph
    return graphs


@pytest.fixture(scope="module")
def vocabularies() -> rdflib.Graph:
    graph = rdflib.Graph()
    for file in sorted((STANDARD / "vocabularies").glob("*.ttl")):
        graph.parse(file, format="turtle")
    return graph


@pytest.fixture(scope="module")
def catalogue(site: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(site / "daten" / "katalog.rdf", format="xml")
    return graph


def results(data: rdflib.Graph, shapes: rdflib.Graph, vocabularies: rdflib.Graph) -> list[str]:
    """Every result of the profile as `Violation|Warning|Info: message (path) at focus node`, sorted."""
    merged = rdflib.Graph()
    merged += data
    merged += vocabularies
    _, report, _ = pyshacl.validate(merged, shacl_graph=shapes, inference="none", allow_infos=True, allow_warnings=True)
    found = []
    for result in report.subjects(ns.RDF.type, ns.SH.ValidationResult):
        severity = str(report.value(result, ns.SH.resultSeverity)).rsplit("#", 1)[1]
        found.append(f"{severity}: {report.value(result, ns.SH.resultMessage)} ({report.value(result, ns.SH.resultPath)}) "
                     f"at {report.value(result, ns.SH.focusNode)}")
    return sorted(found)


@pytest.fixture(scope="module")
def found(catalogue: rdflib.Graph, shapes: dict[str, rdflib.Graph], vocabularies: rdflib.Graph,
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The results of each profile for the built catalogue: one validation per profile and test run (the tests
    that read them run in different xdist workers, which take the first one's results: shared_value)."""
    return shared_value(tmp_path_factory, "dcat-shacl-found",
                        lambda: {name: results(catalogue, graph, vocabularies) for name, graph in shapes.items()})


def test_catalogue_has_absolute_addresses_keywords_and_the_3_0_area(catalogue: rdflib.Graph):
    datasets = set(catalogue.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) >= 10
    ours = {s for kind in (ns.DCAT.Catalog, ns.DCAT.Dataset, ns.DCAT.Distribution) for s in catalogue.subjects(ns.RDF.type, kind)}
    ours |= {o for p in (ns.DCAT.accessURL, ns.DCAT.downloadURL, ns.DCAT.landingPage, ns.DCTERMS.identifier) for o in catalogue.objects(None, p)}
    assert len(ours) > 30 and all(str(n).startswith(SITE_URL) for n in ours), sorted(n for n in ours if not str(n).startswith(SITE_URL))
    for ds in datasets:
        keywords = [str(k) for k in catalogue.objects(ds, ns.DCAT.keyword)]
        assert keywords and all(k and not re.search(r"[_/]", k) for k in keywords), (ds, keywords)
        assert catalogue.value(ds, DCATDE.politicalGeocodingURI) is None  # deprecated in 3.0
        assert catalogue.value(ds, ns.DCTERMS.spatial) == rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/districtKey/12099")
    offers = rdflib.URIRef(SITE_URL + "daten/#angebote")
    assert offers in datasets
    assert {"Frühe Hilfen", "Pflege und Alter"} <= {str(k) for k in catalogue.objects(offers, ns.DCAT.keyword)}  # topics of its offers


@pytest.mark.parametrize("profile", ["2.0", "3.0"])
def test_catalogue_conforms_without_violations_or_warnings(found: dict[str, list[str]], profile: str):
    assert found[profile] == []


def test_the_example_catalogue_conforms_too(example_site: Path, shapes: dict[str, rdflib.Graph], vocabularies: rdflib.Graph):
    """The example atlas (data/, shared build of the run) has no site_url: its addresses are relative (RDF resolves them
    against the catalogue's own address), and `atlas check` warns; the metadata itself conforms all the same."""
    graph = rdflib.Graph()
    graph.parse(example_site / "daten" / "katalog.rdf", format="xml")
    assert {p: results(graph, shapes[p], vocabularies) for p in ("2.0", "3.0")} == {"2.0": [], "3.0": []}


def test_conventions_hold_with_the_contributor_id_of_atlas_yaml(found: dict[str, list[str]], catalogue: rdflib.Graph):
    """GovData's „Spezifikation + Konventionen“ profile: no violation, no warning. Konvention 12/13 wants
    dcatde:contributorID, the id GovData assigns to a registered data provider: atlas.yaml's dcat_contributor_id."""
    assert found["2.0+Konventionen"] == []
    contributor = rdflib.URIRef("http://dcat-ap.de/def/contributors/transparenzportalHamburg")  # tests/fixtures/opendata/atlas.yaml
    datasets = set(catalogue.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert {ds: list(catalogue.objects(ds, DCATDE.contributorID)) for ds in datasets} == {ds: [contributor] for ds in datasets}


def test_without_a_contributor_id_the_catalogue_has_none(example_site: Path):
    """The example atlas (data/atlas.yaml) has no id from GovData, so none is made up."""
    graph = rdflib.Graph()
    graph.parse(example_site / "daten" / "katalog.rdf", format="xml")
    assert set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset)) and not list(graph.objects(None, DCATDE.contributorID))


def test_a_contributor_id_outside_govdatas_list_or_not_a_uri_is_reported(catalogue: rdflib.Graph, shapes: dict[str, rdflib.Graph],
                                                                          vocabularies: rdflib.Graph):
    dataset = rdflib.URIRef(SITE_URL + "daten/#angebote")
    for wrong in (rdflib.URIRef("http://dcat-ap.de/def/contributors/keinBereitsteller"), rdflib.Literal("transparenzportalHamburg")):
        broken = rdflib.Graph()
        broken += catalogue
        broken.set((dataset, DCATDE.contributorID, wrong))
        found = results(broken, shapes["2.0+Konventionen"], vocabularies)
        assert found and all(r.startswith("Violation: ") and r.endswith(f" at {dataset}") for r in found), found
        assert any(r.startswith("Violation: K12&13: ") for r in found), found
    assert "Violation: dcat:Dataset: dcatde:contributorID MUSS eine IRI sein. (http://dcat-ap.de/def/dcatde/contributorID) " \
           f"at {dataset}" in results(broken, shapes["3.0"], vocabularies)


def test_check_reports_a_contributor_id_that_is_not_a_web_address(mini_data: Path, capsys: pytest.CaptureFixture[str]):
    config = mini_data / "atlas.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(lines + ["dcat_contributor_id: transparenzportalHamburg"]) + "\n", encoding="utf-8")
    assert main(["check", "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert f"atlas.yaml:{len(lines) + 1}: " in err and "„transparenzportalHamburg“" in err and "http:, https:" in err, err
    assert "Traceback" not in err


def test_a_broken_catalogue_is_reported(catalogue: rdflib.Graph, shapes: dict[str, rdflib.Graph], vocabularies: rdflib.Graph):
    broken = rdflib.Graph()
    broken += catalogue
    dataset = rdflib.URIRef(SITE_URL + "daten/#angebote")
    broken.remove((dataset, ns.DCTERMS.title, None))  # mandatory in every profile
    broken.remove((dataset, ns.DCAT.keyword, None))  # recommended: a warning of the conventions
    broken.add((dataset, DCATDE.politicalGeocodingURI, rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/districtKey/12099")))
    found = {profile: results(broken, shapes[profile], vocabularies) for profile in ("2.0", "3.0", "2.0+Konventionen")}
    for profile in ("2.0", "3.0"):
        assert any(r.startswith("Violation:") and str(ns.DCTERMS.title) in r and str(dataset) in r for r in found[profile]), found[profile]
    assert any(r.startswith("Warning: Deprecated: dcatde:politicalGeocodingURI") for r in found["3.0"]), found["3.0"]
    keyword = [r for r in found["2.0+Konventionen"] if r.startswith("Warning: KXX: dcat:Dataset: dcat:keyword")]
    assert len(keyword) == 1 and str(dataset) in keyword[0], found["2.0+Konventionen"]


# --------------------------------------------------------------------------------------------- site_url


WARNING = "site_url fehlt – ohne die Adresse der Website kann der Datenkatalog (daten/katalog.rdf) nicht veröffentlicht werden"


def test_check_warns_in_german_when_site_url_is_missing(mini_data: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["check", "--data", str(mini_data)]) == 0
    err = capsys.readouterr().err
    assert re.search(rf"^Warnung: \S*atlas\.yaml:1: {re.escape(WARNING)}", err, re.M), err
    assert "Traceback" not in err


def test_check_and_build_with_publish_fail_without_site_url(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["check", "--data", str(mini_data), "--publish"]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"^\S*atlas\.yaml:1: {re.escape(WARNING)}", err, re.M) and "1 Problem gefunden" in err, err
    site = tmp_path / "site"
    assert main(["build", "--data", str(mini_data), "--site", str(site), "--build-dir", str(tmp_path / "build"), "--publish"]) == 1
    assert WARNING in capsys.readouterr().err
    assert not site.exists()  # nothing built


def test_an_empty_site_url_is_shown_on_its_line_and_a_set_one_passes(mini_data: Path, capsys: pytest.CaptureFixture[str]):
    config = mini_data / "atlas.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(lines + ["site_url:"]) + "\n", encoding="utf-8")
    assert main(["check", "--data", str(mini_data), "--publish"]) == 1
    assert f"atlas.yaml:{len(lines) + 1}: {WARNING}" in capsys.readouterr().err
    config.write_text("\n".join(lines + ["site_url: https://atlas.example.org/"]) + "\n", encoding="utf-8")
    assert main(["check", "--data", str(mini_data), "--publish"]) == 0
    assert "site_url" not in capsys.readouterr().err
