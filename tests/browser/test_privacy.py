"""Privacy, proven from the browser's network log: no page and no map document asks any host but the site's
own before the visitor agrees; after "Karte laden" the only other host is the configured tile provider;
consent is remembered for the visit (sessionStorage) only when the visitor ticks the box, and can be withdrawn.

The test atlas (`tiles_site`) configures tiles at https://tiles.example.org/…: the `page` fixture records
every request and aborts those that would leave the machine, so the log shows what the browser attempted. The page
types are read from the walk of tests/browser/page_walk.py, which opens each one the same way (a fresh browser
context, every map frame loaded, the network quiet) before it runs axe-core on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import LOOPBACK, TILE_HOST
from .test_accessibility import MAP_DOCUMENTS, PAGE_TYPES, PageType, ids, visit

pytestmark = pytest.mark.browser

MAP = MAP_DOCUMENTS[1]  # karten/sozialraum-teststadt.html
OTHER_MAP = MAP_DOCUMENTS[0]
CONSENT_KEY = f"atlas-tiles-consent:https://{TILE_HOST}/{{z}}/{{x}}/{{y}}.png"


def hosts(urls: list[str]) -> set[str]:
    return {urlsplit(url).hostname or "" for url in urls}


def tile_requests(page_log: Any) -> list[str]:
    return [url for url in page_log.foreign_requests() if urlsplit(url).hostname == TILE_HOST]


def settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")


TILES_DONE = """() => [document, ...[...document.querySelectorAll('iframe')].map(f => f.contentDocument)].some(d => {
    const tiles = [...d.querySelectorAll('img.leaflet-tile')];
    return tiles.length > 0 && tiles.every(t => t.complete);  // an aborted tile counts as complete
})"""


def wait_for_tiles(page: Any) -> None:
    """Until the tile images of the page (or of one of its map iframes) have been requested and answered."""
    page.wait_for_function(TILES_DONE)


@pytest.mark.parametrize("page_type", PAGE_TYPES + MAP_DOCUMENTS, ids=ids(PAGE_TYPES + MAP_DOCUMENTS))
def test_no_request_to_another_host_before_consent(request: pytest.FixtureRequest, tiles_site_url: str, tiles_site: Path,
                                                   tiles_walk: dict[str, dict[str, Any]], page_type: PageType) -> None:
    """A page type as a first visit with every map frame loaded, read by the walk (tests/browser/page_walk.py);
    a map document opened on its own here, in the `page` fixture."""
    if page_type in MAP_DOCUMENTS:
        page, page_log = request.getfixturevalue("page"), request.getfixturevalue("page_log")
        visit(page, tiles_site_url, tiles_site, page_type)
        settle(page)
        requests, cookie = page_log.requests, page.evaluate("document.cookie")
    elif page_type.path not in tiles_walk:
        if page_type.pending and not page_type.file(tiles_site).is_file():
            pytest.skip(page_type.pending)
        pytest.fail(f"{page_type.name}: {page_type.path} fehlt im Testatlas", pytrace=False)
    else:
        requests, cookie = tiles_walk[page_type.path]["requests"], tiles_walk[page_type.path]["cookie"]
    assert requests, "der Test hat keine Anfrage gesehen"
    assert [url for url in requests if url.startswith("http") and urlsplit(url).hostname != LOOPBACK] == []
    assert any(url.split("?")[0].endswith(f"/{page_type.path}") for url in requests)  # the page itself was asked for
    assert cookie == ""


def test_tiles_load_after_karte_laden_and_only_from_the_tile_host(page: Any, page_log: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, MAP)
    settle(page)
    assert page_log.foreign_requests() == []
    # Until then the map shows the same facts without tiles: points and the legend in words.
    assert page.locator(".leaflet-interactive, .atlas-marker").count() >= 1
    assert page.locator(".atlas-legend li").count() >= 1
    assert page.locator(".leaflet-tile").count() == 0
    page.get_by_role("button", name="Karte laden").click()
    wait_for_tiles(page)
    assert tile_requests(page_log), page_log.requests
    assert hosts(page_log.foreign_requests()) == {TILE_HOST}
    assert all(urlsplit(url).path.endswith(".png") for url in tile_requests(page_log))
    # Not remembered without the tick; nothing in localStorage or cookies either way.
    assert page.evaluate("() => [sessionStorage.length, localStorage.length, document.cookie]") == [0, 0, ""]


def test_consent_is_not_remembered_without_the_tick(page: Any, page_log: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, MAP)
    page.get_by_role("button", name="Karte laden").click()
    wait_for_tiles(page)  # the first map's tile requests are all answered: none of them can be logged late
    settle(page)
    page_log.requests.clear()
    visit(page, tiles_site_url, tiles_site, OTHER_MAP)
    settle(page)
    assert page_log.foreign_requests() == []
    assert page.get_by_role("button", name="Karte laden").is_visible()


def test_consent_remembered_for_the_visit_and_withdrawn(browser: Any, page: Any, page_log: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, MAP)
    page.get_by_label("Für diesen Besuch merken").check()
    page.get_by_role("button", name="Karte laden").click()
    assert page.evaluate("key => [sessionStorage.getItem(key), localStorage.length]", CONSENT_KEY) == ["ja", 0]

    # Another map in the same visit (tab) loads its tiles without asking again …
    page_log.requests.clear()
    visit(page, tiles_site_url, tiles_site, OTHER_MAP)
    wait_for_tiles(page)
    assert hosts(page_log.foreign_requests()) == {TILE_HOST}
    assert page.get_by_label("Für diesen Besuch merken").is_checked()
    # … and so do the map iframes of a page.
    page_log.requests.clear()
    visit(page, tiles_site_url, tiles_site, PageType("Profil", "sozialraeume/teststadt/"))
    wait_for_tiles(page)
    assert hosts(page_log.foreign_requests()) == {TILE_HOST}

    # A new visit (new browser session) starts without consent.
    fresh = browser.new_context(locale="de-DE", service_workers="block")
    try:
        requests: list[str] = []
        fresh.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort())
        other = fresh.new_page()
        other.on("request", lambda request: requests.append(request.url))
        other.goto(tiles_site_url + MAP.path, wait_until="networkidle")
        assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"] == []
    finally:
        fresh.close()

    # Withdrawing removes the tiles and the stored consent; the next map asks again.
    visit(page, tiles_site_url, tiles_site, MAP)
    wait_for_tiles(page)
    page.get_by_role("button", name="Hintergrundkarte ausblenden (Einwilligung widerrufen)").click()
    assert page.locator("img.leaflet-tile").count() == 0
    assert page.evaluate("() => sessionStorage.length") == 0
    assert not page.get_by_label("Für diesen Besuch merken").is_checked()
    page_log.requests.clear()
    visit(page, tiles_site_url, tiles_site, OTHER_MAP)
    settle(page)
    assert page_log.foreign_requests() == []


def test_datenschutz_names_what_is_loaded_from_where(page: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, PageType("Datenschutz", "datenschutz/"))
    section = page.evaluate(
        """() => { const parts = []; let e = document.getElementById('karten-und-inhalte-anderer-anbieter').nextElementSibling;
                   for (; e && e.tagName !== 'H2'; e = e.nextElementSibling) parts.push(e.innerText); return parts.join(' '); }"""
    )
    text = " ".join(section.split())
    assert "Testkachel-Dienst" in text  # map.tiles.provider from atlas.yaml
    assert f"https://{TILE_HOST}/" in text
    assert "Karte laden" in text and "sessionStorage" in text and "atlas-tiles-consent:" in text
    assert "keine Inhalte von anderen Servern" in text
