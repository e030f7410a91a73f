"""The offer finder on a phone (issue 17): its form is long (two groups of fields), so the button that shows
the results names their number, stays at the bottom of the screen while the form is in view, and takes the
visitor to the results – their count in the first screen, with the keyboard focus on it."""

from __future__ import annotations

from typing import Any

import pytest

from .first_sight import DESKTOP, PHONE, opened

pytestmark = pytest.mark.browser

BUTTON = "#atlas-finder button[type=submit]"


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_the_results_button_stays_in_view_names_the_number_and_leads_to_the_results(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + "angebote/finder/", PHONE) as (page, visit):
        total = page.locator("#atlas-finder-liste li[data-places]").count()
        page.locator("#atlas-finder-ort").scroll_into_view_if_needed()
        assert in_view(page, "#atlas-finder-ort") and in_view(page, BUTTON)  # the first field and the button together
        first_result = page.locator("#atlas-finder-liste li[data-places]").first.bounding_box()
        assert first_result["y"] > page.viewport_size["height"]  # the reason: the results start below the screen
        topic = page.locator("#atlas-finder-thema option").nth(1).get_attribute("value")
        page.select_option("#atlas-finder-thema", topic)
        shown = page.locator("#atlas-finder-liste li[data-places]:not([hidden])").count()
        assert 0 < shown < total
        label = page.locator(BUTTON).inner_text().strip()
        assert label == f"{shown} Angebote anzeigen" or (shown == 1 and label == "1 Angebot anzeigen"), label
        page.locator(BUTTON).click()
        # the click moves the focus and scrolls the count into view (smoothly where the browser does): wait for both
        # instead of a fixed time, which a busy machine overran
        page.wait_for_function("""() => { const el = document.getElementById('atlas-finder-anzahl'); const box = el.getBoundingClientRect();
            return document.activeElement === el && box.top >= 0 && box.bottom <= window.innerHeight; }""", timeout=5000)
        page.wait_for_timeout(100)  # the last frame of a smooth scroll
        assert in_view(page, "#atlas-finder-anzahl")
        header = page.locator(".md-header").bounding_box()
        assert page.locator("#atlas-finder-anzahl").bounding_box()["y"] >= header["y"] + header["height"]  # not under the header
        assert page.evaluate("document.activeElement.id") == "atlas-finder-anzahl"
        assert in_view(page, "#atlas-finder-liste li[data-places]:not([hidden])")
    assert visit.errors == [] and visit.foreign_requests() == []


def test_on_a_desktop_the_button_stays_in_the_form(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + "angebote/finder/", DESKTOP) as (page, _visit):
        assert page.locator("#atlas-finder .atlas-finder__actions").evaluate("e => getComputedStyle(e).position") == "static"
