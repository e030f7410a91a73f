"""Target status rule on the profile fixture and the built target reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import page
from generator.model import targets
from generator.check.validate import validate

PROFILE = Path(__file__).parent / "fixtures" / "profile"


def test_status_rule():
    atlas, problems = validate(PROFILE)
    assert problems == []
    found = {(s.target.id, s.area): s for s in targets.statuses(atlas.targets, atlas.stats)}
    assert {k: s.status for k, s in found.items()} == {
        ("ziel-erreicht", "stadt-a"): "erreicht",  # 30,0 ≤ 35
        ("ziel-auf-kurs", "stadt-a"): "auf-kurs",  # 30,0 ≥ line 25,8 → 32 (2013 → 2033) at 2023: 28,9
        ("ziel-gefaehrdet", "dorf-b"): "gefaehrdet",  # 41,2 > line 25,0 → 40 (2013 → 2030) at 2023: 33,8
        ("ziel-keine-daten", "dorf-d"): "keine-daten",
        ("ziel-prognose", "dorf-b"): "auf-kurs",  # forecast 2040: 75,0 ≥ 70
        ("ziel-nord", "nord"): "erreicht",  # region value 30,7 ≤ 35
    }
    on_path = found[("ziel-auf-kurs", "stadt-a")]
    assert on_path.expected == pytest.approx(1600 / 6200 * 100 + (32 - 1600 / 6200 * 100) * 10 / 20)
    assert on_path.baseline.year == 2013 and on_path.latest.year == 2023
    assert found[("ziel-gefaehrdet", "dorf-b")].expected == pytest.approx(25 + 15 * 10 / 17)
    assert found[("ziel-prognose", "dorf-b")].reason == "die Prognose für 2040 erfüllt das Ziel"
    assert found[("ziel-keine-daten", "dorf-d")].reason == "kein Wert der Kennzahl für dieses Gebiet"
    assert [s.label for s in found.values()].count("gefährdet") == 1


@pytest.fixture(scope="module")
def site(profile_site: Path) -> Path:
    """tests/fixtures/profile built once per test run (tests/conftest.py; test_profiles.py reads the same site)."""
    return profile_site


def status_column(html: str) -> dict[str, str]:
    doc = BeautifulSoup(html, "html.parser")
    result = {}
    for table in doc.select("article table"):
        head = [c.get_text(strip=True) for c in table.select("tr")[0].select("th")]
        if "Stand" not in head or "Begründung" not in head:
            continue
        for tr in table.select("tr")[1:]:
            cells = [c.get_text(" ", strip=True) for c in tr.select("td")]
            result[cells[0]] = cells[head.index("Stand")]
    return result


def status_pairs(html: str) -> list[tuple[str, str]]:
    doc = BeautifulSoup(html, "html.parser")
    found = []
    for table in doc.select("article table"):
        head = [c.get_text(strip=True) for c in table.select("tr")[0].select("th")]
        if "Stand" in head and "Begründung" in head:
            found += [(tr.select("td")[0].get_text(" ", strip=True), tr.select("td")[head.index("Stand")].get_text(strip=True)) for tr in table.select("tr")[1:]]
    return found


def test_target_pages(site: Path):
    index = BeautifulSoup(page(site, "ziele/"), "html.parser")
    text = index.get_text(" ")
    counts = [[c.get_text(strip=True) for c in tr.select("td")] for tr in index.select("article table tr")[1:]]
    assert counts == [["Hilfe zur Pflege", "6", "1", "2", "2", "1"]]
    assert "keine Daten" in text
    field = page(site, "ziele/felder/hilfe-zur-pflege/")
    pairs = sorted(status_pairs(field))
    assert pairs == sorted([("Stadt Alpha", "erreicht"), ("Stadt Alpha", "auf Kurs"), ("Dorf Beta", "gefährdet"), ("Dorf Beta", "auf Kurs"),
                            ("Dorf Delta", "keine Daten"), ("Region Nord", "erreicht")])
    assert status_column(page(site, "ziele/sozialraeume/dorf-b/")) == {"Ziel Beta höchstens 40": "gefährdet", "Ziel Beta mindestens 70": "auf Kurs"}
    assert status_column(page(site, "ziele/sozialraeume/dorf-d/")) == {"Ziel Delta Arbeitslosenquote": "keine Daten"}
    assert status_column(page(site, "ziele/sozialraeume/stadt-a/")) == {"Ziel Alpha höchstens 35": "erreicht", "Ziel Alpha mindestens 32": "auf Kurs"}
    assert "Für diesen Sozialraum sind keine Ziele eingetragen." in page(site, "ziele/sozialraeume/amt-c/")
    nav = BeautifulSoup(page(site, ""), "html.parser").select("nav a")
    assert "Ziele" in {a.get_text(strip=True) for a in nav}
