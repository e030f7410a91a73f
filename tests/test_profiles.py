"""Built Sozialraumprofile and Indikatorenblätter of the profile fixture: values, hints, conference, charts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import page
from pagefind_index import pages as search_pages

PROFILE = Path(__file__).parent / "fixtures" / "profile"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def site(profile_site: Path) -> Path:
    """tests/fixtures/profile built once per test run (tests/conftest.py; test_targets.py reads the same site)."""
    return profile_site


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def rows(table) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.select("td,th")] for tr in table.select("tr")]


def table_with(doc: BeautifulSoup, header: str) -> list[list[str]]:
    for table in doc.select("article table"):
        found = rows(table)
        if found and header in found[0]:
            return found
    raise AssertionError(f"no table with column {header}")


def row_of(table: list[list[str]], first: str) -> list[str]:
    return next(r for r in table if r[0] == first)


def test_profile_table_values_district_rank_change_forecast(site: Path):
    table = table_with(soup(site, "sozialraeume/dorf-b/"), "Veränderung")
    assert table[0] == ["Kennzahl", "Jahr", "Dorf Beta", "Landkreis Testkreis", "Abweichung", "Rang", "Veränderung", "Prognose"]
    assert row_of(table, "Altenquotient") == [
        "Altenquotient", "2023", f"41,2{NBSP}%", f"34,0{NBSP}%", f"+7,2{NBSP}Prozentpunkte", "1 von 4",
        f"+16,2{NBSP}Prozentpunkte seit 2013", f"75,0{NBSP}% (2040; Landkreis 52,0{NBSP}%)",
    ]
    assert row_of(table, "Arbeitslosenquote")[5] == "1 von 3"
    assert row_of(table, "Geburten")[2:4] == ["nicht gezeigt¹", f"640{NBSP}Kinder"]
    ties = table_with(soup(site, "sozialraeume/stadt-a/"), "Veränderung")
    assert row_of(ties, "Arbeitslosenquote")[5] == "2 von 3"
    assert row_of(ties, "Altenquotient")[5] == "2 von 4"


def test_flagged_and_secondary_suppressed_values_in_profile(site: Path):
    delta = table_with(soup(site, "sozialraeume/dorf-d/"), "Veränderung")
    assert row_of(delta, "Geburten")[2] == f"68{NBSP}Kinder (unsicher²)"
    assert row_of(delta, "Geburten")[4] .replace(NBSP, " ") == "10,6 % des Landkreises"
    gamma = table_with(soup(site, "sozialraeume/amt-c/"), "Veränderung")
    assert row_of(gamma, "Geburten")[2] == "nicht gezeigt¹"


def visible_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_suppressed_numbers_appear_nowhere(site: Path):
    """37 (dorf-b) and 123 (amt-c, secondary suppression) births in 2023 are never shown."""
    hidden = re.compile(r"(?<![\d,.])(37|123)(?![\d,])")
    texts = {p: visible_text(page(site, p)) for p in ("sozialraeume/dorf-b/", "sozialraeume/amt-c/", "kennzahlen/geburten/", "regionen/nord/")}
    for svg in sorted((site / "diagramme").glob("*.svg")):
        texts[svg.name] = " ".join(re.findall(r">([^<]*)<", svg.read_text(encoding="utf-8")))
    for url, fragment in search_pages(site).items():
        if url.startswith(("/sozialraeume/dorf-b/", "/sozialraeume/amt-c/", "/kennzahlen/geburten/", "/regionen/nord/")):
            texts["search:" + url.lstrip("/")] = fragment["content"] + " " + " ".join(fragment["meta"].values())
    assert any("search:sozialraeume/dorf-b/" in k for k in texts)
    for where, text in texts.items():
        assert not hidden.search(text), f"{where}: {hidden.search(text).group(0)!r} in {text[max(0, hidden.search(text).start() - 80):hidden.search(text).end() + 40]!r}"
    # the figures around them are shown
    assert "412" in texts["kennzahlen/geburten/"] and "572" in texts["kennzahlen/geburten/"]


def test_hints_with_exact_sentence_offers_networks_and_needs(site: Path):
    doc = soup(site, "sozialraeume/dorf-b/")
    text = doc.get_text(" ")
    assert ("Der Altenquotient liegt mit 41,2 etwa 1,2-mal so hoch wie im Landkreis Testkreis (34,0; 2023). "
            "Seit 2013 ist er von 25,0 auf 41,2 gestiegen. Prognose 2040: 75,0 (Landkreis: 52,0).") in text
    assert f"Die Arbeitslosenquote liegt mit 9,0 um 3,0{NBSP}Prozentpunkte über dem Wert im Landkreis Testkreis (6,0; 2023)." in text
    items = [li.get_text(" ", strip=True) for li in doc.select("article li")]
    assert "Angebote im Sozialraum (Pflege und Alter): Seniorentreff Beta" in items
    assert "Netzwerke und Gremien (Pflege und Alter): Sozialraumkonferenz Dorf Beta" in items
    assert "Handlungsbedarfe der Sozialraumkonferenz: Unterstützung für Ältere im Ort ausbauen" in items
    assert "Angebote im Sozialraum (Arbeit und Beschäftigung): keine eingetragen" in items
    assert "Netzwerke und Gremien (Arbeit und Beschäftigung): keine eingetragen" in items
    # counts (rule none) and units near the district value get no hint
    assert doc.find(id="geburten") is None or "Geburten liegt" not in text
    assert "Bei keiner Kennzahl weicht Stadt Alpha" in soup(site, "sozialraeume/stadt-a/").get_text(" ")
    delta = soup(site, "sozialraeume/dorf-d/").get_text(" ")
    assert "Der Altenquotient liegt mit 25,0 etwa 26 % unter dem Wert im Landkreis Testkreis (34,0; 2023)." in delta


def test_conference_section(site: Path):
    doc = soup(site, "sozialraeume/dorf-b/")
    text = doc.get_text(" ")
    assert "Sozialraumkonferenz Dorf Beta, Herbst 2025" in [h.get_text(strip=True).rstrip("¶") for h in doc.select("h3")]
    for title, item in (("Stärken", "Starker Zusammenhalt im Dorf"), ("Schwächen", "Kein Arzt im Ort"),
                        ("Chancen", "Neues Dorfgemeinschaftshaus"), ("Risiken", "Ältere Menschen vereinsamen")):
        assert title in [s.get_text(strip=True) for s in doc.select("article strong")]
        assert item in text
    measures = table_with(doc, "Maßnahme")
    row = row_of(measures, "Besuchsdienst aufbauen")
    assert row[1] == "Unterstützung für Ältere im Ort ausbauen"
    assert row[3:5] == ["in Umsetzung", "30.06.2026"]
    assert "Für diesen Sozialraum sind noch keine Ergebnisse" in soup(site, "sozialraeume/stadt-a/").get_text(" ")


def test_profile_targets_table(site: Path):
    table = table_with(soup(site, "sozialraeume/dorf-b/"), "Stand")
    assert {r[0]: r[-1] for r in table[1:]} == {"Ziel Beta höchstens 40": "gefährdet", "Ziel Beta mindestens 70": "auf Kurs"}
    alpha = table_with(soup(site, "sozialraeume/stadt-a/"), "Stand")
    assert {r[0]: r[-1] for r in alpha[1:]} == {"Ziel Alpha höchstens 35": "erreicht", "Ziel Alpha mindestens 32": "auf Kurs"}


def test_indicator_page(site: Path):
    doc = soup(site, "kennzahlen/altenquotient/")
    sheet = {r[0]: r[1] for r in table_with(doc, "Angabe")[1:]}
    assert sheet["Berechnung"] == "Altenquotient = (Einwohner 65 bis 79 + Einwohner ab 80) ÷ Einwohner 20 bis 64 × 100"
    assert sheet["Lizenz"] == "dl-de/by-2-0"
    assert sheet["Quelle"] == "Testquelle Altersgruppen"
    assert doc.select_one('a[href="https://statistik.example.org/alter"]').get_text() == "Testquelle Altersgruppen"
    assert sheet["Herkunft der Werte"] == "angegeben, berechnet"
    assert sheet["Kleine Fallzahlen"] == "unsicher unter 20 Fällen, nicht gezeigt unter 3 Fällen"
    assert "Was die Kennzahl nicht sagt: Der Altenquotient sagt nichts über Pflegebedarf oder Gesundheit." in doc.get_text(" ").replace("  ", " ")
    values = table_with(doc, "Gebiet")
    assert values[0] == ["Gebiet", "2013", "2023", "2040 (Prognose)"]
    assert row_of(values, "Landkreis Testkreis") == ["Landkreis Testkreis", "24,3", "34,0", "52,0"]
    assert row_of(values, "Region Nord")[1:3] == ["25,1", "30,7"]
    assert row_of(values, "Region Süd")[1] == "18,2"
    assert row_of(values, "Dorf Beta")[1:] == ["25,0", "41,2", "75,0"]
    births = table_with(soup(site, "kennzahlen/geburten/"), "Gebiet")
    assert row_of(births, "Landkreis Testkreis")[1:] == ["–", "640"]
    assert row_of(births, "Region Nord")[1:] == ["620", "572"]
    assert row_of(births, "Dorf Beta")[1:] == ["60 (unsicher²)", "nicht gezeigt¹"]
    assert row_of(births, "Gemeinde Gamma")[1:] == ["130", "nicht gezeigt¹"]
    rates = table_with(soup(site, "kennzahlen/arbeitslosenquote/"), "Gebiet")
    assert row_of(rates, "Region Nord")[1:] == ["–"]


def test_charts_written_referenced_and_described(site: Path):
    doc = soup(site, "sozialraeume/dorf-b/")
    images = [img for img in doc.select("figure.atlas-chart img")]
    assert len(images) >= 5
    for img in images:
        assert img["alt"].strip()
        target = (site / "sozialraeume" / "dorf-b" / img["src"]).resolve()
        assert target.parent.name == "diagramme" and target.is_file(), img["src"]
        assert target.read_text(encoding="utf-8").lstrip().startswith(("<svg", "<?xml"))
    srcs = {Path(img["src"]).name for img in images}
    assert {"dorf-b-vergleich.svg", "dorf-b-altenquotient-verlauf.svg", "dorf-b-altenquotient-rang.svg"} <= srcs
    text = doc.get_text(" ")
    assert f"Altenquotient (2023): Dorf Beta 41,2{NBSP}%, Landkreis Testkreis 34,0{NBSP}%" in text
    overview = table_with(doc, "Landkreis Testkreis")
    assert row_of(overview, "Altenquotient (2023)") == ["Altenquotient (2023)", f"41,2{NBSP}%", f"34,0{NBSP}%"]
    ranking = next(t for t in (rows(t) for t in doc.select("article table")) if t[0] == ["Rang", "Gebiet", "Wert (%)"])
    assert ranking[1:] == [["1", "Dorf Beta (dieser Sozialraum)", "41,2"], ["2", "Gemeinde Gamma", "30,0"],
                           ["2", "Stadt Alpha", "30,0"], ["4", "Dorf Delta", "25,0"]]
    assert (site / "diagramme" / "kennzahl-altenquotient-rang.svg").is_file()
