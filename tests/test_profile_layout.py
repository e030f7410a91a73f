"""Profiles a planner can read (issue 17, points 3 and 9), in the built HTML of the example atlas.

* Every Sozialraum page: „Auf dieser Seite“ under the title; key figures first, then offers, contacts,
  networks, targets, conference, map and downloads; each indicator's time series and ranking in a collapsed
  `<details>` (chart and table inside), the overview chart collapsed too; every offer listed once.
* The district page: its time series as ONE matrix – a row per indicator, a column per year, the forecast
  years in a column group of their own headed „Prognose“ and marked in each year's header cell – in German
  number format, instead of a row per indicator and year.
Heights and the first screen are checked in a browser: tests/browser/test_first_sight_profiles.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import page

REPO = Path(__file__).resolve().parent.parent
UNIT_ORDER = ["kennzahlen", "angebote", "ansprechpersonen", "netzwerke", "ziele", "konferenz", "lage", "downloads"]


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def units(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "sozialraeume").iterdir() if p.is_dir())


def section(doc: BeautifulSoup, ident: str) -> list[Tag]:
    """The elements after the h2 with id `ident` up to the next h2."""
    heading = doc.find("h2", id=ident)
    assert heading is not None, ident
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def cells(row: Tag) -> list[str]:
    return [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"], recursive=False)]


# --------------------------------------------------------------------------------------------- point 9


@pytest.fixture(scope="module")
def matrix(example_site: Path) -> Tag:
    doc = soup(example_site, "landkreis/")
    tables = [t for el in section(doc, "zeitverlauf") for t in ([el] if el.name == "table" else el.find_all("table"))]
    assert len(tables) == 1, "Kennzahlen im Zeitverlauf: genau eine Tabelle"
    return tables[0]


def test_district_time_series_is_one_matrix_with_years_as_columns(example_site: Path, matrix: Tag) -> None:
    top, years = matrix.select("thead tr")
    assert cells(top) == ["Kennzahl", "Einheit", "Ist-Werte", "Prognose"]
    head = [th.get_text(" ", strip=True) for th in years.find_all("th")]
    observed = [h for h in head if "Prognose" not in h]
    forecast = [h.removesuffix(" (Prognose)") for h in head if "Prognose" in h]
    assert observed == sorted(observed) and forecast == sorted(forecast) and head == observed + [f"{y} (Prognose)" for y in forecast]
    assert observed[:2] == ["2013", "2018"] and forecast == ["2030", "2040"]
    rows = matrix.select("tbody tr")
    # one row per indicator, not per indicator and year
    assert 20 <= len(rows) <= len(list((REPO / "data" / "indicators").glob("*.yaml")))
    labels = [r.find("th").find("a").get_text(strip=True) for r in rows]
    assert len(labels) == len(set(labels))
    assert all(len(cells(r)) == 2 + len(head) for r in rows)
    by_label = {r.find("th").find("a").get_text(strip=True): r for r in rows}
    # German number format, the unit once per row, "–" for a year without a value
    alten = [c.split(" ")[0] for c in cells(by_label["Altenquotient"])[1:]]
    assert alten == ["%", "33,7", "43,7", "–", "52,3", "63,7", "79,2"]  # (then a note number or an example badge)
    assert "218.536" in cells(by_label["Einwohnerinnen und Einwohner"])[2:][observed.index("2022")]
    assert cells(by_label["Fläche"])[2:][observed.index("2022")].startswith("2.592,04")
    # the old layout (a row per indicator and year, a column "Jahr") is gone from the page
    doc = soup(example_site, "landkreis/")
    assert not any(cells(t.find("tr"))[:2] == ["Kennzahl", "Jahr"] for t in doc.select("article table"))


def test_forecast_years_set_apart_and_named_for_screen_readers(matrix: Tag) -> None:
    top, years = matrix.select("thead tr")
    group = top.find("th", string="Prognose")
    assert group["scope"] == "colgroup" and group["colspan"] == "2"
    assert "atlas-series__forecast" in group["class"]
    colgroups = matrix.find_all("colgroup")
    assert [c.get("span") for c in colgroups] == ["2", str(len(years.find_all("th")) - 2), "2"]
    assert "atlas-series__forecast" in colgroups[-1]["class"]
    forecast_heads = [th for th in years.find_all("th") if "atlas-series__forecast" in th.get("class", [])]
    assert len(forecast_heads) == 2
    for th in forecast_heads:
        hidden = th.find(class_="atlas-visually-hidden")
        assert th["scope"] == "col" and hidden is not None and hidden.get_text(strip=True) == "(Prognose)"
    assert "atlas-series__start" in forecast_heads[0]["class"] and "atlas-series__start" not in forecast_heads[1]["class"]
    # every row: the same two cells in the forecast group, the first with the rule
    for row in matrix.select("tbody tr"):
        marked = [td for td in row.find_all("td") if "atlas-series__forecast" in td.get("class", [])]
        assert len(marked) == 2 and "atlas-series__start" in marked[0]["class"]
    # notes of single values: numbered, each number links to its note
    notes = matrix.find_parent(class_="atlas-series").select("ol.atlas-series__notes li")
    assert notes and all(matrix.select_one(f'a[href="#{li["id"]}"]') is not None for li in notes)
    assert matrix.find("caption").get_text(strip=True) == "Kennzahlen des Landkreises nach Jahren"


# --------------------------------------------------------------------------------------------- point 3


def test_district_page_has_on_page_navigation(example_site: Path) -> None:
    doc = soup(example_site, "landkreis/")
    nav = doc.select_one('article nav[aria-label="Auf dieser Seite"]')
    assert nav is not None and nav.find_previous("h1") is not None and nav.find_previous("h2") is None
    targets = [a["href"][1:] for a in nav.find_all("a")]
    assert targets == ["kennzahlen", "zeitverlauf", "angebote", "sozialraeume", "downloads"]
    assert all(doc.find(id=t) is not None for t in targets)


@pytest.mark.parametrize("index", range(19))
def test_profile_sections_in_planner_order_with_collapsed_details(example_site: Path, index: int) -> None:
    names = units(example_site)
    assert len(names) == 19
    unit = names[index]
    doc = soup(example_site, f"sozialraeume/{unit}/")
    nav = doc.select_one('article nav[aria-label="Auf dieser Seite"]')
    assert nav is not None and nav.find_previous("h2") is None, "Navigation vor dem ersten Abschnitt"
    assert [a["href"][1:] for a in nav.find_all("a")] == UNIT_ORDER
    order = [h.get("id") for h in doc.select("article h2")]
    assert [i for i in order if i in UNIT_ORDER] == UNIT_ORDER, order
    # the comparison table first; one collapsed <details> per indicator row, with its charts and tables inside
    compare = next(t for t in doc.select("article table") if cells(t.find("tr"))[-1] == "Prognose")
    indicators = [cells(r)[0] for r in compare.select("tbody tr")]
    items = doc.select("details.atlas-verlauf__item")
    assert [d.find("summary").get_text(strip=True) for d in items] == indicators
    for d in items:
        assert not d.has_attr("open")
        assert d.select("figure.atlas-chart img") and d.select("figure.atlas-chart table")
        assert d.select_one('a[href^="../../kennzahlen/"]') is not None
    assert doc.find(id="kennzahlen-im-zeitverlauf") is None  # no longer a block of h3 per indicator
    overview = doc.select_one(f'details.atlas-profile-details img[src$="{unit}-vergleich.svg"]')
    assert overview is not None and not overview.find_parent("details").has_attr("open")
    # every offer once in „Familienzentren und Angebote“
    offers = [a["href"] for el in section(doc, "angebote") for a in el.select('a[href*="/angebote/"]')]
    assert len(offers) == len(set(offers))
    downloads = [a["href"] for el in section(doc, "downloads") for a in el.find_all("a")]
    assert f"../{unit}.csv" in downloads and f"../{unit}.json" in downloads
