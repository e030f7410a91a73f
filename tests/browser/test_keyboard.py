"""Keyboard alone: the skip link works, every focus stop is visibly marked, a map iframe is reached and left
again with Tab (no focus trap), and "Karte laden" answers Enter and Space. Runs on the test atlas with map
tiles (`tiles_site`), whose map documents carry the consent control."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_accessibility import MAP_DOCUMENTS, PROFILE, PageType, visit

pytestmark = pytest.mark.browser

MAX_STOPS = 250  # far more Tab stops than a profile page has; reaching it means focus went round in circles

# The element that has the keyboard focus, followed into iframes, with what makes the focus visible.
FOCUSED = """() => {
    let doc = document, el = document.activeElement, depth = 0;
    while (el && el.tagName === 'IFRAME' && el.contentDocument) { doc = el.contentDocument; el = doc.activeElement; depth++; }
    if (!el || el === doc.body || el === doc.documentElement) return null;
    // Material's option inputs (palette toggle) are invisible; their label right after them shows the focus.
    const marked = el.matches('input.md-option') && el.nextElementSibling ? el.nextElementSibling : el;
    const s = doc.defaultView.getComputedStyle(marked);
    const box = marked.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent || '').trim().replace(/\\s+/g, ' ');
    return {
        depth: depth,
        where: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' „' + name.slice(0, 50) + '“',
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1,
        shadow: s.boxShadow !== 'none',
        shown: box.width > 0 && box.height > 0,
        focusVisible: el.matches(':focus-visible'),
    };
}"""


def tab_stops(page: Any, limit: int = MAX_STOPS) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until the focus wraps to the browser (nothing focused) or `limit`."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None:
            break
        stops.append(stop)
    return stops


def test_skip_link_jumps_to_the_content(page: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, PageType("Profil", PROFILE))
    page.keyboard.press("Tab")
    skip = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent.trim(), document.activeElement.checkVisibility()]")
    assert "md-skip" in skip[0].split() and skip[2], skip
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.md-content') !== null"), page.evaluate(FOCUSED)


def test_every_focus_stop_is_visible_and_the_map_is_no_trap(page: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, PageType("Profil", PROFILE))
    stops = tab_stops(page)
    assert len(stops) < MAX_STOPS, "Tab führt nicht aus der Seite heraus (Fokusfalle)"
    unmarked = [s["where"] for s in stops if s["shown"] and not (s["outline"] or s["shadow"])]
    assert unmarked == [], "Fokus nicht sichtbar bei: " + "; ".join(unmarked)
    hidden = [s["where"] for s in stops if not s["shown"]]
    assert hidden == [], "Fokus auf unsichtbarem Element: " + "; ".join(hidden)
    # The maps are reached: the consent button and the map itself, and Tab goes on to the page after them.
    depths = [s["depth"] for s in stops]
    assert any(s["depth"] == 1 and "Karte laden" in s["where"] for s in stops)
    entered = depths.index(1)
    left = next(n for n in range(entered, len(depths)) if depths[n] == 0)
    assert left > entered + 1 and stops[-1]["depth"] == 0
    # Leaflet's controls speak German like the rest of the map document (lang="de").
    in_map = " ".join(s["where"] for s in stops if s["depth"] == 1)
    assert "Vergrößern" in in_map and "Verkleinern" in in_map
    assert "Zoom in" not in in_map and "JavaScript library" not in in_map


def test_map_is_left_with_shift_tab_too(page: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, PageType("Profil", PROFILE))
    stops = tab_stops(page)
    first_in_map = next(n for n, s in enumerate(stops) if s["depth"] == 1)
    # Start again and stop on the first element inside the map, then go backwards.
    visit(page, tiles_site_url, tiles_site, PageType("Profil", PROFILE))
    for _ in range(first_in_map + 1):
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["depth"] == 1
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["depth"] == 0


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_karte_laden_works_with_enter_and_space(page: Any, page_log: Any, tiles_site_url: str, tiles_site: Path, key: str) -> None:
    visit(page, tiles_site_url, tiles_site, MAP_DOCUMENTS[1])
    page.keyboard.press("Tab")
    assert "Karte laden" in page.evaluate(FOCUSED)["where"]
    page.keyboard.press(key)
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile').length > 0")
    assert page.evaluate("document.activeElement.textContent") == "Hintergrundkarte ausblenden (Einwilligung widerrufen)"
    page.keyboard.press(key)  # withdraw with the same key
    assert page.locator("img.leaflet-tile").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Karte laden"
    # "Für diesen Besuch merken" is the next stop and toggles with Space.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.get_by_label("Für diesen Besuch merken").is_checked()


def test_maps_have_a_title_and_a_text_alternative(page: Any, tiles_site_url: str, tiles_site: Path) -> None:
    visit(page, tiles_site_url, tiles_site, PageType("Profil", PROFILE))
    maps = page.evaluate(
        """() => [...document.querySelectorAll('.atlas-map')].map(m => [
            m.querySelector('iframe').title,
            m.querySelector('img.atlas-map__static').alt,
            [...document.querySelectorAll('.atlas-map ~ *')].some(e => e.matches('table, ul, ol, dl, p') && e.innerText.trim().length > 0),
        ])"""
    )
    assert maps
    for title, alt, text_after in maps:
        assert title.startswith("Karte: ") and alt.startswith("Karte: ") and text_after
