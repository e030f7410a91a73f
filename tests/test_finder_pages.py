"""Angebotsfinder, „In meiner Nähe“ and the per-unit offer lists as written into the built site.

The site is the mini atlas with tests/fixtures/finder laid over it (`finder_site` in tests/conftest.py).
The browser tests in tests/browser/test_finder.py use the same pages with JavaScript.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import REPO, page
from generator.pages.finder import SEAT_NOTE, fold, slug


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def items(doc: BeautifulSoup) -> dict[str, object]:
    """Offer title → its <li> in the finder list."""
    return {li.a.get_text(): li for li in doc.select("#atlas-finder-liste > li")}


def test_fold_matches_the_rule_of_the_script() -> None:
    assert fold("Grünau") == "gruenau"
    assert fold("  Görzke  ") == "goerzke"
    assert fold("Straße") == "strasse"
    assert fold("Amt  Brück") == "amt brueck"
    assert fold("Café") == "cafe"
    assert slug("Rabenstein/Fläming") == "rabenstein-flaeming"


def test_finder_lists_every_current_offer_with_its_filter_data(finder_site: Path) -> None:
    doc = soup(finder_site, "angebote/finder/")
    found = items(doc)
    # the ended offer of the mini atlas ("Altes Angebot", status beendet) is not listed
    assert sorted(found) == ["Krabbelgruppe", "Lesepaten Borkdorf", "Mobile Beratung", "Seniorengymnastik", "Seniorentreff"]
    assert doc.select_one("#atlas-finder-anzahl").get_text() == "5 Angebote"
    lesepaten = found["Lesepaten Borkdorf"]
    assert (lesepaten["data-min"], lesepaten["data-max"], lesepaten["data-free"]) == ("6", "10", "1")
    assert lesepaten["data-languages"] == "de en"
    assert lesepaten.a["href"] == "../../angebote/lesepaten/"
    assert found["Seniorentreff"]["data-max"] == ""  # open end: „ab 60“
    assert found["Krabbelgruppe"]["data-free"] == ""  # free_of_charge not given: unknown, not „kostenfrei“


def test_places_include_members_villages_and_villages_served(finder_site: Path) -> None:
    found = items(soup(finder_site, "angebote/finder/"))
    treff = found["Seniorentreff"]["data-places"].split("|")
    assert {"amt testheide", "testheide", "unterheide", "borkdorf", "gruenau", "ohnheim"} <= set(treff)
    mobile = found["Mobile Beratung"]["data-places"].split("|")
    assert {"teststadt", "gruenau", "borkdorf", "amt testheide"} <= set(mobile)  # the village it serves, and where that is
    assert "unterheide" not in found["Krabbelgruppe"]["data-places"]


def test_ended_offer_is_nowhere_and_closed_offer_is_marked(finder_site: Path) -> None:
    for path in ("angebote/finder/", "angebote/naehe/", "angebote/orte/teststadt/"):
        assert "Abgeschlossener Kurs" not in page(finder_site, path), path
    closed = items(soup(finder_site, "angebote/finder/"))["Seniorengymnastik"]
    assert "vorübergehend geschlossen: bis zum Ende der Sommerferien" in closed.get_text()
    assert "vorübergehend geschlossen" in soup(finder_site, "angebote/orte/teststadt/").get_text()


def test_form_is_labelled_grouped_and_sent_by_get(finder_site: Path) -> None:
    form = soup(finder_site, "angebote/finder/").select_one("form#atlas-finder")
    assert form["method"] == "get"
    assert [legend.get_text() for legend in form.select("fieldset > legend")] == ["Wo und was?", "Für wen und wie?"]
    controls = form.select("input, select")
    assert {c["name"] for c in controls} == {"ort", "thema", "zielgruppe", "alter", "sprache", "zugang", "kostenfrei"}
    for control in controls:
        assert form.select_one(f'label[for="{control["id"]}"]') is not None, control["id"]
    names = {o["value"] for o in form.select("datalist#atlas-finder-orte option")}
    assert {"Amt Testheide", "Borkdorf", "Grünau", "Ohnheim", "Teststadt", "Unterheide"} <= names
    assert form.select_one("#atlas-finder-alter")["type"] == "number"


def test_unit_list_names_its_places_and_takes_mobile_offers_serving_them(finder_site: Path) -> None:
    doc = soup(finder_site, "angebote/orte/amt-testheide/")
    text = doc.get_text(" ")
    assert "Borkdorf (mit Grünau)" in text and "Ohnheim" in text
    titles = [a.get_text() for a in doc.select("article li > a:first-child")]
    assert titles[:3] == ["Lesepaten Borkdorf", "Mobile Beratung", "Seniorentreff"]
    assert "Familienzentrum Borkdorf" in titles
    assert "Angebot aus Teststadt" in text
    finder = soup(finder_site, "angebote/finder/")
    assert finder.select_one('a[href="../orte/amt-testheide/"]') is not None  # linked from the finder


def test_nearby_page_offers_places_with_coordinates(finder_site: Path) -> None:
    doc = soup(finder_site, "angebote/naehe/")
    options = {o["value"]: o for o in doc.select("#atlas-naehe-ort option") if o["value"]}
    assert {"sr-amt-testheide", "sr-teststadt", "gm-amt-testheide-borkdorf", "ot-amt-testheide-gruenau", "fz-fz-borkdorf"} <= set(options)
    borkdorf = options["gm-amt-testheide-borkdorf"]
    assert (borkdorf["data-lat"], borkdorf["data-lon"]) == ("50.25", "10.1")
    ohnheim = options["gm-amt-testheide-ohnheim"]  # no coordinates of its own: the Amt's seat, said so
    assert (ohnheim["data-lat"], ohnheim["data-lon"], ohnheim["data-note"]) == ("50.3", "10.2", f"{SEAT_NOTE} des Amtes")
    assert f"{SEAT_NOTE} des Amtes" in ohnheim.get_text()
    entries = doc.select("#atlas-naehe-liste > li")
    assert len(entries) == 7  # 2 family centres + 5 current offers (the ended one left out)
    assert all(li.has_attr("data-lat") and li.has_attr("data-lon") for li in entries)
    assert doc.select_one("#atlas-naehe").has_attr("hidden")  # shown by the script only
    assert "braucht JavaScript" in doc.select_one("#atlas-naehe-ohne-js").get_text()  # hidden by the script


def test_script_style_nav_and_start_page_link(finder_site: Path) -> None:
    finder = page(finder_site, "angebote/finder/")
    doc = BeautifulSoup(finder, "html.parser")
    scripts = [s["src"] for s in doc.select("script[src]")]
    assert "../../assets/atlas-finder.js" in scripts
    assert all(not src.startswith(("http:", "https:", "//")) for src in scripts)
    assert (finder_site / "assets" / "atlas-finder.js").is_file()
    assert (finder_site / "assets" / "atlas-finder.css").is_file()
    nav = [a.get_text(strip=True) for a in doc.select("nav.md-nav--primary a")]
    assert "Angebotsfinder" in nav and "In meiner Nähe" in nav
    start = BeautifulSoup(page(finder_site, ""), "html.parser")
    assert start.select_one('article a[href="angebote/finder/"]') is not None
    assert start.select_one('article a[href="angebote/naehe/"]') is not None


def test_every_amt_member_in_the_example_data_has_a_sourced_location() -> None:
    for path in sorted((REPO / "data" / "municipalities").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for member in record.get("members", []):
            assert "location" in member, f"{path.name}: {member['name']}"
        if record.get("members"):
            sources = " ".join(record.get("sources", []))
            assert "Lage der amtsangehörigen Gemeinden" in sources, path.name
            assert all(m["name"] in sources for m in record["members"]), path.name
