"""Angebotsfinder and „In meiner Nähe“ used as a person would, in Debian's Chromium.

The site is `finder_site` (mini atlas + tests/fixtures/finder, see tests/conftest.py), served here on its
own loopback port. Offers of the fixture: Krabbelgruppe (Teststadt, 0–3), Lesepaten Borkdorf (Amt
Testheide, 6–10, kostenfrei, Deutsch/Englisch), Mobile Beratung (Teststadt, every age, serves the village
Grünau of Borkdorf), Seniorengymnastik (Teststadt, 60–80, vorübergehend geschlossen), Seniorentreff (Amt
Testheide, from 60); „Abgeschlossener Kurs“ is ended and must never show.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import serve

pytestmark = pytest.mark.browser

LOOPBACK = "127.0.0.1"
ALL = ["Krabbelgruppe", "Lesepaten Borkdorf", "Mobile Beratung", "Seniorengymnastik", "Seniorentreff"]



@pytest.fixture(scope="module")
def finder_url(finder_site: Path) -> Iterator[str]:
    with serve(finder_site) as url:
        yield url


@pytest.fixture
def open_finder(page: Any, finder_url: str) -> Callable[[str], Any]:
    def load(path: str) -> Any:
        response = page.goto(finder_url + path, wait_until="load")
        assert response is not None and response.ok
        return page

    return load


def shown(page: Any) -> list[str]:
    """Titles of the offers the finder shows now."""
    return page.locator("#atlas-finder-liste > li:not([hidden]) > a").all_inner_texts()


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def new_context(browser: Any, **options: Any) -> Any:
    context = browser.new_context(locale="de-DE", service_workers="block", **options)
    return context


# --------------------------------------------------------------------------------------------- finder


def test_village_name_finds_the_offers_of_its_amt_and_mobile_offers_serving_it(open_finder: Callable, page_log: Any) -> None:
    page = open_finder("angebote/finder/")
    assert shown(page) == ALL
    assert not page.locator("#atlas-finder-ohne-js").is_visible()  # the script runs, so the no-JS hint goes
    page.get_by_label("Ort, Gemeinde oder Ortsteil").fill("Grünau")
    assert shown(page) == ["Lesepaten Borkdorf", "Mobile Beratung", "Seniorentreff"]
    assert page.locator("#atlas-finder-anzahl").inner_text() == "3 Angebote gefunden"
    assert query(page) == {"ort": ["Grünau"]}
    page.get_by_label("Ort, Gemeinde oder Ortsteil").fill("unterheide")  # lower case, village of a member
    assert shown(page) == ["Lesepaten Borkdorf", "Seniorentreff"]
    page.get_by_label("Ort, Gemeinde oder Ortsteil").fill("GRUENAU")  # ü typed as ue
    assert shown(page) == ["Lesepaten Borkdorf", "Mobile Beratung", "Seniorentreff"]
    assert page_log.page_errors == [] and page_log.console_errors == []
    assert page_log.foreign_requests() == []


def test_age_matches_offers_whose_range_covers_it(open_finder: Callable) -> None:
    page = open_finder("angebote/finder/")
    page.get_by_label("Alter in Jahren").fill("67")
    assert shown(page) == ["Mobile Beratung", "Seniorengymnastik", "Seniorentreff"]  # no range, 60–80, from 60
    page.get_by_label("Alter in Jahren").fill("2")
    assert shown(page) == ["Krabbelgruppe", "Mobile Beratung"]
    page.get_by_label("Alter in Jahren").fill("81")
    assert shown(page) == ["Mobile Beratung", "Seniorentreff"]
    page.get_by_label("Alter in Jahren").fill("")
    assert shown(page) == ALL
    assert page.locator("#atlas-finder-anzahl").inner_text() == "5 Angebote"


def test_filters_combine_and_an_empty_result_says_so(open_finder: Callable) -> None:
    page = open_finder("angebote/finder/")
    page.get_by_label("Ort, Gemeinde oder Ortsteil").fill("Borkdorf")
    page.get_by_label("Alter in Jahren").fill("8")
    assert shown(page) == ["Lesepaten Borkdorf", "Mobile Beratung"]
    page.get_by_label("Für wen").select_option(label="Seniorinnen und Senioren")
    assert shown(page) == ["Mobile Beratung"]
    assert page.locator("#atlas-finder-anzahl").inner_text() == "1 Angebot gefunden"
    page.get_by_label("nur kostenfreie Angebote").check()
    assert shown(page) == []
    assert page.locator("#atlas-finder-anzahl").inner_text() == "Kein Angebot gefunden"
    assert page.locator("#atlas-finder-leer").is_visible()
    assert query(page) == {"ort": ["Borkdorf"], "zielgruppe": ["senioren"], "alter": ["8"], "kostenfrei": ["1"]}


def test_language_access_and_topic_filters(open_finder: Callable) -> None:
    page = open_finder("angebote/finder/")
    page.get_by_label("Sprache").select_option(label="Englisch")
    assert shown(page) == ["Lesepaten Borkdorf"]
    page.get_by_label("Sprache").select_option(value="")
    page.get_by_label("Barrierefreiheit").select_option(label="stufenloser Zugang")
    assert shown(page) == ["Mobile Beratung"]
    page.get_by_label("Barrierefreiheit").select_option(value="")
    page.get_by_label("Thema").select_option(label="Pflege und Alter")
    assert shown(page) == ["Seniorengymnastik", "Seniorentreff"]
    assert "vorübergehend geschlossen" in page.locator("#atlas-finder-liste > li:not([hidden])").first.inner_text()


def test_the_url_restores_the_filter(open_finder: Callable) -> None:
    page = open_finder("angebote/finder/?ort=Borkdorf&alter=8&kostenfrei=1")
    assert page.get_by_label("Ort, Gemeinde oder Ortsteil").input_value() == "Borkdorf"
    assert page.get_by_label("Alter in Jahren").input_value() == "8"
    assert page.get_by_label("nur kostenfreie Angebote").is_checked()
    assert shown(page) == ["Lesepaten Borkdorf"]
    count = page.locator("#atlas-finder-anzahl")
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    assert count.inner_text() == "1 Angebot gefunden"
    page.get_by_role("link", name="Filter zurücksetzen").click()
    page.wait_for_load_state("load")
    assert query(page) == {} and shown(page) == ALL


def test_keyboard_only(open_finder: Callable) -> None:
    page = open_finder("angebote/finder/")
    page.locator("#atlas-finder-ort").focus()
    page.keyboard.type("Borkdorf")
    page.keyboard.press("Escape")  # closes the suggestion list of the datalist
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ["atlas-finder-thema", "atlas-finder-zielgruppe", "atlas-finder-alter", "atlas-finder-sprache",
                     "atlas-finder-zugang", "atlas-finder-kostenfrei"]
    page.keyboard.press("Space")
    assert shown(page) == ["Lesepaten Borkdorf"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "atlas-finder-alter"
    page.keyboard.type("40")
    page.keyboard.press("Enter")  # submits the form: the script keeps the page and filters
    # the address follows the filters once the script has handled the typed age (on a busy machine after Enter returns)
    page.wait_for_function("() => location.search === '?ort=Borkdorf&alter=40&kostenfrei=1'", timeout=10000)
    assert page.url.endswith("?ort=Borkdorf&alter=40&kostenfrei=1")
    assert page.locator("#atlas-finder-anzahl").inner_text() == "Kein Angebot gefunden"


def test_finder_fits_a_phone_screen(browser: Any, finder_url: str) -> None:
    context = new_context(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(finder_url + "angebote/finder/?alter=67", wait_until="load")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        box = phone.get_by_label("Alter in Jahren").bounding_box()
        assert box is not None and box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert phone.locator("#atlas-finder-anzahl").inner_text() == "3 Angebote gefunden"
    finally:
        context.close()


def test_without_javascript_every_offer_and_the_static_lists_are_there(browser: Any, finder_url: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(finder_url + "angebote/finder/?ort=Borkdorf", wait_until="load")
        titles = plain.locator("#atlas-finder-liste > li > a").all_inner_texts()
        assert titles == ALL and all(plain.locator("#atlas-finder-liste > li").nth(i).is_visible() for i in range(5))
        assert plain.get_by_text("Ohne JavaScript filtert das Formular nicht.").is_visible()
        plain.get_by_role("link", name="Amt Testheide", exact=True).click()
        plain.wait_for_load_state("load")
        assert plain.url.endswith("/angebote/orte/amt-testheide/")
        assert plain.locator("article").get_by_role("link", name="Mobile Beratung").is_visible()
        plain.goto(finder_url + "angebote/naehe/", wait_until="load")
        assert not plain.locator("#atlas-naehe").is_visible()
        assert plain.get_by_text("Diese Seite braucht JavaScript").is_visible()
        assert plain.get_by_role("link", name="Angebote in Amt Testheide").is_visible()
    finally:
        context.close()


# --------------------------------------------------------------------------------------------- nearby


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def nearby(page: Any) -> list[tuple[str, str]]:
    rows = page.locator("#atlas-naehe-liste > li")
    return [(rows.nth(i).locator("a").first.inner_text(), rows.nth(i).locator(".atlas-naehe__distance").inner_text())
            for i in range(rows.count())]


def test_nearby_sorts_by_distance_from_the_chosen_place(open_finder: Callable, page_log: Any) -> None:
    page = open_finder("angebote/naehe/")
    assert not page.locator("#atlas-naehe-liste").is_visible()
    page.get_by_label("Ort, Gemeinde oder Familienzentrum").select_option(value="gm-amt-testheide-borkdorf")
    rows = nearby(page)
    assert [name for name, _ in rows[:3]] == ["Familienzentrum Borkdorf", "Lesepaten Borkdorf", "Seniorentreff"]
    assert rows[0][1] == "0,1\u00a0km"
    expected = f"{haversine_km(50.25, 10.1, 50.26, 10.12):.1f}".replace(".", ",")
    assert rows[1][1] == expected + "\u00a0km"
    distances = [float(d.replace("\u00a0km", "").replace(".", "").replace(",", ".")) for _, d in rows]
    assert distances == sorted(distances) and len(rows) == 7
    assert "Abgeschlossener Kurs" not in [name for name, _ in rows]
    assert query(page) == {"ort": ["gm-amt-testheide-borkdorf"]}
    assert "sortiert nach Entfernung von Borkdorf (Amt Testheide)" in page.locator("#atlas-naehe-status").inner_text()
    assert page_log.foreign_requests() == [] and page_log.page_errors == []


def test_nearby_restores_the_place_from_the_url_and_names_the_seat_fallback(open_finder: Callable) -> None:
    page = open_finder("angebote/naehe/?ort=gm-amt-testheide-ohnheim")
    assert page.get_by_label("Ort, Gemeinde oder Familienzentrum").input_value() == "gm-amt-testheide-ohnheim"
    assert "Entfernung ab Verwaltungssitz des Amtes" in page.locator("#atlas-naehe-status").inner_text()
    rows = nearby(page)
    assert rows[0] == ("Seniorentreff", "0,0\u00a0km")  # at the Amt's seat, like Ohnheim's fallback point
    page.goto(page.url.split("?")[0] + "?ort=fz-fz-teststadt", wait_until="load")
    assert [name for name, _ in nearby(page)][:1] == ["Familienzentrum Teststadt"]
