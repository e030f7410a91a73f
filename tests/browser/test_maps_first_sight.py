"""Maps at first sight in a real browser (issue 17): the example atlas' maps, before anyone agrees to
background tiles, on a phone (390×844) and a laptop (1366×768). Each map shows the units' areas and the
district's outline as Leaflet paths, names that can be read (inside the map, none over another), a
metric scale only, the credit of the boundaries and Leaflet's credit in German – and nothing is loaded
from another host. The same maps as files: tests/test_maps_first_sight.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import LOOPBACK, serve
from .test_accessibility import describe, run_axe

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 768)]
UNITS = 19  # the example atlas' Sozialräume


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    """The example atlas (`example_site` from tests/conftest.py, built once per test run), served on loopback."""
    with serve(example_site) as url:
        yield url


def open_map(browser: Any, url: str, size: tuple[int, int], requests: list[str], errors: list[str]) -> tuple[Any, Any, Any]:
    """The page at `url` in a fresh context of `size`, scrolled to its first map, opened with „Interaktive Karte
    öffnen“ (assets/atlas-maps.js); (context, page, the map's frame)."""
    context = browser.new_context(locale="de-DE", viewport={"width": size[0], "height": size[1]}, service_workers="block")
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.locator(".atlas-map").first.get_by_role("button", name="Interaktive Karte öffnen").click()
    iframe = page.locator(".atlas-map iframe").first
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    frame.wait_for_load_state("load")
    frame.wait_for_selector(".atlas-label span", state="attached")
    settled(frame)
    return context, page, frame


def settled(frame: Any) -> None:
    """Wait until the map document has loaded its fonts and its names stay where they are: Leaflet places them after
    the first layout and again on load, on the fonts and on each move (a fixed wait of 300 ms was too short on a
    loaded machine: a name was read half way, 1 px outside the map). The map zooms from its first view to its
    areas as it loads: while Leaflet's zoom animation runs (class leaflet-zoom-anim) the names are read nowhere, as
    a frame of it stalled for 100 ms on a busy machine once looked settled with a name half outside the map."""
    frame.wait_for_function("document.readyState === 'complete' && document.fonts.status === 'loaded'")
    last = None
    for _ in range(40):
        frame.wait_for_function("!document.querySelector('.leaflet-zoom-anim')")
        now = frame.evaluate(VISIBLE_LABELS)
        if now == last:
            return
        last = now
        frame.wait_for_timeout(100)


VISIBLE_LABELS = """() => {
  const frame = document.querySelector('.folium-map').getBoundingClientRect();
  return [...document.querySelectorAll('.atlas-label span')]
    .filter(el => getComputedStyle(el).visibility !== 'hidden')
    .map(el => { const r = el.getBoundingClientRect();
                 return {text: el.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                         inside: r.left >= frame.left && r.right <= frame.right && r.top >= frame.top && r.bottom <= frame.bottom,
                         size: parseFloat(getComputedStyle(el).fontSize)}; });
}"""


def check_map(frame: Any, min_labels: int, focus: bool = False) -> list[dict]:
    """What every map shows without tiles; returns the visible names."""
    assert frame.locator(".leaflet-tile, .leaflet-tile-container img").count() == 0  # no background tiles
    outline = frame.locator("path.atlas-outline")
    assert outline.count() == 1 and outline.first.is_visible()
    assert outline.first.get_attribute("d").count("L") >= 8  # a real border (Leaflet clips it to the view), not a box
    labels = frame.evaluate(VISIBLE_LABELS)
    names = [label["text"] for label in labels]
    assert len(names) >= min_labels, names
    assert len(set(names)) == len(names)
    for label in labels:
        assert label["inside"], label  # not cut off at the map's edge
        assert label["size"] >= 11, label  # readable
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"], (a["text"], b["text"])
    scale = frame.locator(".leaflet-control-scale-line")
    assert scale.count() == 1  # metric only: no second line in miles or feet
    assert re.fullmatch(r"\d+ (km|m)", scale.inner_text().strip()), scale.inner_text()
    assert not re.search(r"\b(mi|ft)\b", frame.locator(".leaflet-control-scale").inner_text())
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert "Karte: Leaflet" in attribution and "Grenzen: © GeoBasis-DE / BKG 2021 (Daten verändert)" in attribution, attribution
    assert frame.locator(".leaflet-control-attribution a", has_text="Leaflet").get_attribute("title").startswith("Leaflet, eine JavaScript-Bibliothek")
    assert frame.locator('.leaflet-control-attribution a[href="https://www.govdata.de/dl-de/by-2-0"]').inner_text() == "dl-de/by-2-0"
    if focus:
        assert frame.locator(".atlas-label--focus span").is_visible()
    return labels


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_district_map_shows_boundaries_names_metric_scale_and_credit(browser: Any, example_url: str, size: tuple[int, int]) -> None:
    requests: list[str] = []
    errors: list[str] = []
    context, page, frame = open_map(browser, example_url, size, requests, errors)
    try:
        areas = frame.locator("path.atlas-area.leaflet-interactive")
        assert areas.count() == UNITS
        assert all(areas.nth(i).is_visible() for i in range(UNITS))
        check_map(frame, min_labels=6 if size[0] < 500 else 10)  # 8 and 12 with Debian's fonts: the rest would overlap
        # the places lie above the areas: a family centre's square is not covered by an area or a name
        square = frame.locator(".leaflet-marker-pane .atlas-marker").first
        box = square.bounding_box()
        top = frame.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.atlas-marker') !== null",
                             [box["x"] + box["width"] / 2 - page.locator(".atlas-map iframe").first.bounding_box()["x"],
                              box["y"] + box["height"] / 2 - page.locator(".atlas-map iframe").first.bounding_box()["y"]])
        assert top
        # an area names itself when the pointer rests on it (also where its name had no room)
        areas.first.dispatch_event("mouseover")
        assert frame.locator(".leaflet-tooltip").last.inner_text().strip() == "Amt Beetzsee"
    finally:
        context.close()
    assert errors == []
    assert [url for url in requests if url.startswith("http") and urlsplit(url).hostname != LOOPBACK] == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path, focus, min_labels", [("sozialraeume/teltow/", True, 2), ("kennzahlen/jugendquotient/", False, 9)])
def test_unit_and_indicator_maps_show_boundaries_names_metric_scale_and_credit(
    browser: Any, example_url: str, size: tuple[int, int], path: str, focus: bool, min_labels: int
) -> None:
    requests: list[str] = []
    errors: list[str] = []
    context, _, frame = open_map(browser, example_url + path, size, requests, errors)
    try:
        labels = check_map(frame, min_labels=min_labels, focus=focus)
        if focus:
            assert labels[0]["text"] == "Teltow"  # its own name first
            assert frame.locator("path.atlas-area").count() == UNITS  # the neighbours too
        else:
            assert frame.locator("path.leaflet-interactive").count() >= UNITS  # the coloured areas
    finally:
        context.close()
    assert errors == []
    assert [url for url in requests if url.startswith("http") and urlsplit(url).hostname != LOOPBACK] == []


@pytest.mark.parametrize("document", ["landkreis.html", "kennzahl-jugendquotient.html", "sozialraum-teltow.html"])
def test_map_documents_with_boundaries_have_no_wcag_violations(browser: Any, example_url: str, axe_source: str, document: str) -> None:
    """The names, areas, scale and credit pass axe-core's WCAG 2.1 A/AA rules (the mini atlas of
    test_accessibility.py has no boundaries), on a phone's width."""
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(f"{example_url}karten/{document}", wait_until="load")
        page.wait_for_selector(".atlas-label span", state="attached")
        violations = run_axe(page, axe_source)
        assert violations == [], f"{document}: {len(violations)} Verstöße\n{describe(violations)}"
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_legend_is_closed_on_a_phone_and_open_on_a_desktop(browser: Any, example_url: str, size: tuple[int, int]) -> None:
    """Open on a phone the legend covered the district's north-east (Teltow, Kleinmachnow, Stahnsdorf); there it
    waits behind „Legende“ until tapped, on a desktop it is open. Opened, the names move out from under it."""
    requests: list[str] = []
    errors: list[str] = []
    context, _, frame = open_map(browser, example_url, size, requests, errors)
    try:
        box = frame.locator(".atlas-legend-box")
        assert box.count() == 1 and frame.locator(".atlas-legend-box > summary").inner_text().strip() == "Legende"
        map_box = frame.locator(".folium-map").bounding_box()
        phone = size[0] < 500
        assert (box.get_attribute("open") is None) == phone
        assert frame.locator(".atlas-legend li").first.is_visible() != phone
        share = box.bounding_box()["width"] * box.bounding_box()["height"] / (map_box["width"] * map_box["height"])
        assert share < (0.05 if phone else 0.25), share
        if phone:
            frame.locator(".atlas-legend-box > summary").click()
            assert frame.locator(".atlas-legend li").first.is_visible()
            settled(frame)  # the names move out from under the opened legend (its toggle event)
            legend = frame.evaluate("() => { const r = document.querySelector('.atlas-legend-box').getBoundingClientRect();"
                                    " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }")
            for label in frame.evaluate(VISIBLE_LABELS):  # both in the frame's own coordinates
                assert (label["right"] <= legend["left"] or label["left"] >= legend["right"]
                        or label["bottom"] <= legend["top"] or label["top"] >= legend["bottom"]), (label, legend)
    finally:
        context.close()
    assert errors == []
