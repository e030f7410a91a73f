"""Privacy, proven from the browser's network log: no page and no map document asks any host but the site's
own before the visitor agrees; after "Karte laden" the only other host is the configured tile provider;
consent is remembered for the visit (sessionStorage) only when the visitor ticks the box, and can be withdrawn.

The test atlas (`tiles_site`) configures tiles at https://tiles.example.org/…: the `page` fixture records
every request, and the test browser itself lets none leave the machine (NETWORK_GUARD in conftest.py, proven by
the last test here), so the log shows what the browser attempted. The page
types are read from the walk of tests/browser/page_walk.py, which opens each one the same way (a fresh browser
context, every map frame loaded, the network quiet) before it runs axe-core on it.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import LOOPBACK, NETWORK_GUARD, TILE_HOST
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


def machine_address() -> str | None:
    """An IPv4 address of this machine that is not loopback (the one its default route leaves from), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: connecting a UDP socket sends nothing
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - name from the base class
        self.hits.append(self.client_address[0])
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - name from the base class
        pass


@contextlib.contextmanager
def server_on_every_address() -> Any:
    """A server on all of this machine's addresses (0.0.0.0), free port; yields (port, client addresses seen)."""
    handler = type("Handler", (_Counting,), {"hits": []})
    server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler.hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


FETCH = """async urls => Promise.all(urls.map(url => fetch(url, {mode: 'no-cors', cache: 'no-store'})
    .then(() => 'erreicht', () => 'gescheitert')))"""


def test_the_test_browser_reaches_no_other_host(page: Any, page_log: Any, site_url: str) -> None:
    """NETWORK_GUARD: the browser reaches a server on this machine by its loopback address, but neither the same
    server by the machine's own network address nor any named host; the attempts still show in the request log.
    Without the guard the second request would reach the server as well."""
    assert any(arg.startswith("--proxy-server=") for arg in NETWORK_GUARD)
    address = machine_address()
    if address is None:
        pytest.skip("Dieser Rechner hat keine Netzwerkadresse außer Loopback: nichts, was die Sperre zeigen könnte")
    page.goto(site_url, wait_until="load")
    with server_on_every_address() as (port, hits):
        urls = [f"http://{LOOPBACK}:{port}/ping", f"http://{address}:{port}/ping", f"https://{TILE_HOST}/ping"]
        results = page.evaluate(FETCH, urls)
    assert results == ["erreicht", "gescheitert", "gescheitert"], dict(zip(urls, results))
    assert hits == [LOOPBACK]
    assert page_log.foreign_requests() == urls[1:]
