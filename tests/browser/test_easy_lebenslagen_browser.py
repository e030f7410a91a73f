"""Lebenslagen in Leichter Sprache (issue 20) as a reader sees them on a phone, on the served example atlas: the choice
on the first screen of „Was ist passiert?“, nothing wider than the screen, the list of benefits leading to each
benefit's section, and the way back to the page in standard language."""

from __future__ import annotations

from typing import Any

import pytest

from .first_sight import PHONE, opened

pytestmark = pytest.mark.browser

WIDER = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_easy_situation_pages_on_a_phone(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + "leichte-sprache/lebenslagen/", PHONE) as (page, visit):
        choice = page.locator("article").get_by_role("link", name="Sie bekommen ein Baby", exact=True)
        box = choice.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE[1], "die Auswahl steht auf dem ersten Bildschirm"
        assert page.evaluate(WIDER) <= 0
        with page.expect_navigation(wait_until="load"):
            choice.click()
        assert page.locator("h1").inner_text().startswith("Sie bekommen ein Baby")
        assert page.evaluate(WIDER) <= 0
        page.locator("article").get_by_role("link", name="Kinder-Zuschlag", exact=True).click()
        page.wait_for_function("() => location.hash === '#leistung-kinderzuschlag'")
        heading = page.locator("#leistung-kinderzuschlag").bounding_box()
        assert heading is not None and 0 <= heading["y"] < PHONE[1] / 2, "der Abschnitt der Hilfe steht oben im Bild"
        text = page.locator("article").inner_text()
        assert "Das Amt entscheidet." in text and "§" not in text and "SGB" not in text
        with page.expect_navigation(wait_until="load"):
            page.locator("article").get_by_role("link", name="Ein Kind kommt", exact=True).click()
        assert page.url.endswith("/lebenslagen/ein-kind-kommt/")
        assert not visit.foreign_requests() and not visit.errors, (visit.foreign_requests(), visit.errors)
