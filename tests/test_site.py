"""The built site of the small test atlas: pages, contents, privacy, safety, search, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build_site, page
from pagefind_index import pages as search_pages, text as search_text


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def main_text(site: Path, path: str) -> str:
    """Visible text of the page's main content, whitespace collapsed."""
    article = soup(site, path).select_one("article") or soup(site, path)
    return " ".join(article.get_text(" ").split())


def test_every_page_kind_is_built(mini_site: Path) -> None:
    for path in [
        "", "landkreis/", "regionen/nord/", "sozialraeume/", "sozialraeume/teststadt/", "sozialraeume/amt-testheide/",
        "familienzentren/", "familienzentren/fz-teststadt/", "angebote/", "angebote/krabbelgruppe/",
        "netzwerke/", "netzwerke/fruehe-hilfen-teststadt/", "ansprechpersonen/", "kennzahlen/",
        "kennzahlen/altenquotient/", "impressum/", "datenschutz/", "barrierefreiheit/",
    ]:
        assert (mini_site / path / "index.html").is_file(), path


def test_pages_are_german_and_titled(mini_site: Path) -> None:
    html = soup(mini_site, "sozialraeume/teststadt/")
    assert html.html["lang"] == "de"
    assert html.title.get_text().startswith("Teststadt")
    assert "Sozialraumatlas Testkreis" in html.title.get_text()
    assert len(html.select("article h1")) == 1


def test_profile_shows_key_figures_beside_district(mini_site: Path) -> None:
    text = main_text(mini_site, "sozialraeume/amt-testheide/")
    assert "Landkreis Testkreis" in text or "Testkreis" in text
    # population of the unit and of the district, German thousands separator
    assert "10.000" in text and "30.000" in text
    # Altenquotient of the unit next to the district's, forecast marked, example values marked
    assert "41,2" in text and "33,7" in text
    assert "83,0" in text and "Prognose" in text
    assert "Beispiel" in text
    # member municipalities with AGS and villages
    assert "Borkdorf" in text and "99001003" in text and "Unterheide" in text


def test_family_centre_page_for_residents(mini_site: Path) -> None:
    text = main_text(mini_site, "familienzentren/fz-teststadt/")
    assert "Marktplatz 1" in text and "99999 Teststadt" in text
    assert "09:00" in text and "16:00" in text
    assert "Krabbelgruppe" in text
    assert "Deutsch" in text and "Englisch" in text
    assert "Beispiel" in text
    html = soup(mini_site, "familienzentren/fz-teststadt/")
    box = html.select_one("article .atlas-map")  # the map facade: static image, link to the interactive map
    assert box is not None and box["data-atlas-map-title"] == box.select_one("img.atlas-map__static")["alt"]
    assert box["data-atlas-map-title"].startswith("Karte: ") and html.select_one("article iframe") is None
    assert box.select_one("a.atlas-map__open")["href"] == box["data-atlas-map"]


def test_network_page_names_coordinator_and_how_to_reach(mini_site: Path) -> None:
    html = soup(mini_site, "netzwerke/fruehe-hilfen-teststadt/")
    text = main_text(mini_site, "netzwerke/fruehe-hilfen-teststadt/")
    assert "Netzwerkkoordination Frühe Hilfen" in text
    assert html.select_one('article a[href="mailto:fruehe-hilfen@example.org"]') is not None
    assert html.select_one('article a[href^="tel:"]') is not None
    assert "Familienverein Test e.V." in text and "viermal im Jahr" in text


def test_unpublished_contact_appears_nowhere(mini_site: Path) -> None:
    for path in mini_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".txt", ".csv"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert "Geheimrolle" not in text, path
            assert "geheim-intern@example.org" not in text, path
    assert "Geheimrolle" not in search_text(mini_site) and "geheim-intern@example.org" not in search_text(mini_site)


def test_search_index_is_german_and_finds_network(mini_site: Path) -> None:
    entry = json.loads((mini_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de"]  # German stemming, from <html lang="de">
    network = search_pages(mini_site)["/netzwerke/fruehe-hilfen-teststadt/"]
    assert "Frühe Hilfen" in network["content"] and "Teststadt" in network["content"]
    assert network["filters"]["Seitentyp"] == ["Netzwerk"]


def test_no_third_party_assets(mini_site: Path) -> None:
    for path in mini_site.rglob("*.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("div", "data-atlas-map")):
            for element in html.find_all(tag):
                target = element.get(attr) or ""
                if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                    continue
                assert not re.match(r"^(https?:)?//", target), f"{path}: {tag} {target}"
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")


def test_map_facades_point_to_existing_files(mini_site: Path) -> None:
    """Every map box: its static image and its map document (link and data-atlas-map) exist; no page has an iframe."""
    count = 0
    for path in mini_site.rglob("index.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert html.find("iframe") is None, path
        for box in html.select(".atlas-map"):
            link = box.select_one("a.atlas-map__open")
            for target in (box["data-atlas-map"], link["href"], box.select_one("img.atlas-map__static")["src"]):
                assert (path.parent / target).resolve().is_file(), f"{path}: {target}"
            assert link["href"] == box["data-atlas-map"] and link.get_text() == "Interaktive Karte öffnen"
            count += 1
    assert count >= 5


def test_example_records_are_marked(mini_site: Path) -> None:
    for path in ["familienzentren/fz-teststadt/", "angebote/krabbelgruppe/", "netzwerke/fruehe-hilfen-teststadt/"]:
        assert "Beispiel" in main_text(mini_site, path), path


def test_data_text_is_escaped(mini_data: Path, tmp_path: Path) -> None:
    fc = mini_data / "family_centres" / "fz-teststadt.yaml"
    text = fc.read_text(encoding="utf-8").replace("name: Familienzentrum Teststadt", "name: \"<script>alert(1)</script>\"")
    text += "description: \"[Klick](javascript:alert(2)) <img src=x onerror=alert(3)> **fett**\"\n"
    fc.write_text(text, encoding="utf-8")
    site = build_site(mini_data, tmp_path / "out")
    for path in ["familienzentren/fz-teststadt/", "familienzentren/", "sozialraeume/teststadt/"]:
        html = page(site, path)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        parsed = BeautifulSoup(html, "html.parser")
        assert not parsed.select('a[href^="javascript"]')
        assert not parsed.select("img[onerror]")
    assert "[Klick](javascript:alert(2))" in main_text(site, "familienzentren/fz-teststadt/")


def test_same_data_same_bytes(mini_site: Path, tmp_path: Path) -> None:
    from conftest import MINI

    first = mini_site  # built once per test run (tests/conftest.py), maybe in another xdist worker process
    second = build_site(MINI, tmp_path / "b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_offer_lists_link_the_other_sortings_separated_by_comma_and_space(mini_site):
    """Was „…](zielgruppen.md)&#44;[…“: the comma came out as an entity and the links ran together."""
    from bs4 import BeautifulSoup

    html = (mini_site / "angebote" / "index.html").read_text(encoding="utf-8")
    paragraph = next(p for p in BeautifulSoup(html, "html.parser").find_all("p") if "Andere Sortierungen" in p.get_text())
    assert paragraph.get_text().endswith("Andere Sortierungen: Angebote nach Zielgruppe, Angebote nach Ort, Angebote nach Alter.")
    assert "&#44;" not in html and "&amp;#44;" not in html
