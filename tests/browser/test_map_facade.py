"""Maps open on request (issue 18, first visit ≤ 100 KB): a page with a map shows the map's static image and
„Interaktive Karte öffnen“ (generator/visuals/maps.py `embed`, assets/atlas-maps.js). Checked on the example
atlas in Debian Chromium: a first visit loads neither Leaflet nor a map document; the button (mouse, Enter,
Space) puts the map in the same box and the keyboard focus into it; without JavaScript the control is a link
to the map document; the box fits a phone's screen, with enough contrast in the light and the dark scheme.
The same facade in the built HTML: tests/test_map_facade.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .first_sight import DESKTOP, PHONE, opened
from .test_accessibility import run_axe

pytestmark = pytest.mark.browser

MAP_PAGES = ["", "sozialraeume/teltow/", "familienzentren/"]
OPEN = "Interaktive Karte öffnen"
# Everything the browser keeps for the site: the facade adds nothing to it.
STORED = "() => [JSON.stringify({...localStorage}), JSON.stringify({...sessionStorage}), document.cookie]"
MAP_READY = """() => { const f = document.querySelector('.atlas-map iframe');
    return f && f.contentDocument && f.contentDocument.readyState === 'complete' && f.contentWindow.L !== undefined; }"""
FOCUS_IN_MAP = """() => { const a = document.activeElement;
    return a.tagName === 'IFRAME' && a.closest('.atlas-map') !== null && a.contentDocument.hasFocus(); }"""


def map_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if url.split("?")[0].endswith("leaflet.js") or re.search(r"/karten/[^/]+\.html$", url.split("?")[0])]


@pytest.mark.parametrize("path", MAP_PAGES, ids=lambda p: p or "start")
def test_first_visit_loads_no_map_until_the_button_is_pressed(browser: Any, example_site_url: str, path: str) -> None:
    with opened(browser, example_site_url + path, DESKTOP) as (page, visit):
        page.wait_for_load_state("networkidle")
        box = page.locator(".atlas-map").first
        assert page.locator("iframe").count() == 0
        assert map_requests(visit.requests) == [], "Karte vor dem Klick geladen"
        assert any(url.endswith(".svg") and "/karten/" in url for url in visit.requests)  # the static image instead
        image = box.locator("img.atlas-map__static")
        assert image.is_visible() and image.get_attribute("alt").startswith("Karte: ")
        stored = page.evaluate(STORED)
        button = box.get_by_role("button", name=OPEN)
        assert button.is_visible() and button.get_attribute("type") == "button"
        button.click()
        page.wait_for_function(MAP_READY)
        iframe = box.locator("iframe")
        assert iframe.get_attribute("src") == box.get_attribute("data-atlas-map")
        assert iframe.get_attribute("title") == image.get_attribute("alt")
        assert iframe.is_visible() and not image.is_visible() and image.count() == 1  # hidden, still in the page
        assert box.get_by_role("button", name=OPEN).count() == 0
        assert page.evaluate(FOCUS_IN_MAP)
        assert any(url.endswith("/assets/leaflet/leaflet.js") for url in visit.requests)
        assert page.evaluate(STORED) == stored  # the facade stores nothing; tile consent stays in the map
        assert visit.errors == [] and visit.foreign_requests() == []


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_keyboard_opens_the_map_and_tab_continues_inside_it(browser: Any, example_site_url: str, key: str) -> None:
    with opened(browser, example_site_url + "sozialraeume/teltow/", PHONE) as (page, visit):
        button = page.locator(".atlas-map").first.get_by_role("button", name=OPEN)
        button.focus()
        assert page.evaluate("() => document.activeElement.textContent") == OPEN
        page.keyboard.press(key)
        page.wait_for_function(MAP_READY)
        assert page.evaluate(FOCUS_IN_MAP)
        page.keyboard.press("Tab")  # the first control of the map document, not the page after the box
        inside = page.evaluate("() => { const d = document.activeElement.contentDocument; return d.activeElement !== d.body"
                               " ? (d.activeElement.getAttribute('title') || d.activeElement.textContent).trim() : null; }")
        assert inside, "Tab führt nicht in die Karte"
        assert visit.errors == []


def test_without_javascript_the_control_is_a_link_to_the_map_document(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + "sozialraeume/teltow/", PHONE, javascript=False) as (page, visit):
        box = page.locator(".atlas-map").first
        link = box.get_by_role("link", name=OPEN)
        assert link.is_visible() and box.locator("button").count() == 0 and page.locator("iframe").count() == 0
        href = link.get_attribute("href")
        assert href == box.get_attribute("data-atlas-map") == "../../karten/sozialraum-teltow.html"
        assert box.locator("img.atlas-map__static").is_visible()
        assert map_requests(visit.requests) == []
        with page.expect_navigation():
            link.click()
        assert page.url == example_site_url + "karten/sozialraum-teltow.html"  # the full-page map, same tab


@pytest.mark.parametrize("path", ["", "sozialraeume/teltow/"], ids=["start", "sozialraum"])
def test_image_and_button_fit_one_phone_screen(browser: Any, example_site_url: str, path: str) -> None:
    """At 390×844 the map box, once scrolled to, shows the whole image and the whole button in one screen."""
    with opened(browser, example_site_url + path, PHONE) as (page, _):
        box = page.locator(".atlas-map").first
        box.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('img.atlas-map__static').complete")
        seen = page.evaluate(
            """() => { const box = document.querySelector('.atlas-map'), img = box.querySelector('img.atlas-map__static'),
                       b = box.querySelector('.atlas-map__open'), r = e => e.getBoundingClientRect();
                       const scale = Math.min(r(img).width / img.naturalWidth, r(img).height / img.naturalHeight);
                       return {box: r(box).toJSON(), img: r(img).toJSON(), button: r(b).toJSON(), height: innerHeight,
                               width: innerWidth, drawn: [img.naturalWidth * scale, img.naturalHeight * scale],
                               fit: getComputedStyle(img).objectFit}; }"""
        )
        b, img, outer = seen["button"], seen["img"], seen["box"]
        assert seen["fit"] == "contain"  # the whole map with its legend, not cropped
        for part in (outer, img, b):
            assert part["top"] >= 0 and part["bottom"] <= seen["height"] and part["left"] >= 0 and part["right"] <= seen["width"], seen
        assert outer["top"] <= b["top"] and b["bottom"] <= outer["bottom"] and b["width"] >= 44 and b["height"] >= 44, seen
        assert b["top"] >= img["bottom"] - 0.5  # under the image: covers nothing of the map
        assert round(outer["height"]) == 320
        assert seen["drawn"][0] >= 0.6 * outer["width"] or seen["drawn"][1] >= 0.9 * img["height"], seen  # not a thumbnail


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_facade_has_enough_contrast_in_both_schemes(browser: Any, example_site_url: str, axe_source: str, scheme: str) -> None:
    with opened(browser, example_site_url + "sozialraeume/teltow/", DESKTOP) as (page, _):
        if scheme == "dark":
            page.emulate_media(color_scheme="dark")
            page.locator("label[for^='__palette_'][title='Dunkle Darstellung einschalten']").click()
            page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        button = page.locator(".atlas-map__open").first
        colours = button.evaluate("b => { const s = getComputedStyle(b), o = getComputedStyle(b.closest('.atlas-map'));"
                                  " return [s.color, s.backgroundColor, o.backgroundColor]; }")
        assert ratio(colours[0], colours[1]) >= 4.5 and ratio(colours[1], colours[2]) >= 3, colours
        button.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus: the ring is shown (:focus-visible)
        ring = button.evaluate("b => { const s = getComputedStyle(b); return [s.outlineStyle, s.outlineWidth, s.outlineColor,"
                               " getComputedStyle(b.closest('.atlas-map')).backgroundColor]; }")
        assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2 and ratio(ring[2], ring[3]) >= 3, ring
        assert run_axe(page, axe_source, ["color-contrast", "target-size"]) == []


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed `rgb(…)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        r, g, bl = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
