"""Lebenslagen-Lotse (issue 20): the question path as a resident walks it on a phone, with and without JavaScript,
on the served example atlas – from „Was ist passiert?“ over „Für wen?“, „Was ist passiert?“ and „Wo wohnen Sie?“
to the situation page at the chosen place – and the length of every situation page at 390×844.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from .first_sight import PHONE, opened, page_height

pytestmark = pytest.mark.browser

MAX_HEIGHT = 8000  # px at 390×844: a situation page with all places (collapsed) or with one chosen place
PLACES = "details.atlas-lotse__ort"
ALL_PLACES = "Alle Orte zeigen"


def follow(page: Any, name: str) -> None:
    """Click the link `name` in the page's article and wait for the next page."""
    with page.expect_navigation(wait_until="load"):
        page.locator("article").get_by_role("link", name=name, exact=True).click()


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= PHONE[1]


@pytest.mark.parametrize("javascript", [True, False], ids=["mit-javascript", "ohne-javascript"])
def test_question_path_ends_on_the_situation_page_at_the_chosen_place(browser: Any, example_site_url: str, javascript: bool) -> None:
    with opened(browser, example_site_url + "lebenslagen/", PHONE, javascript=javascript) as (page, visit):
        follow(page, "Schritt für Schritt zur passenden Seite")
        assert "Schritt 1 von 3" in page.locator("article").inner_text()
        follow(page, "Für mein Kind oder unsere Familie")
        step2 = page.locator("article").inner_text()
        assert "Schritt 2 von 3" in step2 and "Ein Kind kommt" in step2 and "Ein Angehöriger braucht Pflege" not in step2
        follow(page, "Ein Kind kommt")
        assert "Schritt 3 von 3" in page.locator("article").inner_text()
        follow(page, "Borkheide")  # a member municipality of the Amt Brück
        url = urlsplit(page.url)
        assert url.path.endswith("/lebenslagen/ein-kind-kommt/") and url.fragment == "ort-amt-brueck"
        chosen = page.locator(f"{PLACES}:has(#ort-amt-brueck)")
        page.wait_for_function("() => document.querySelector('#ort-amt-brueck').closest('details').open")
        assert chosen.is_visible() and "Amt Brück" in chosen.locator("summary").inner_text()
        assert in_view(page, f"{PLACES}:has(#ort-amt-brueck) > summary"), "der gewählte Ort steht im Bild"
        assert "Familienzentrum" in chosen.inner_text() and "Alle Angebote: Angebote in Amt Brück" in chosen.inner_text()
        button = page.locator(".atlas-lotse__alle button")
        assert button.inner_text() == ALL_PLACES
        if javascript:
            assert page.locator(f"{PLACES}:visible").count() == 1  # only the chosen place
            assert button.is_visible() and in_view(page, ".atlas-lotse__alle")
            button.click()
            assert page.locator(f"{PLACES}:visible").count() == 19 and not button.is_visible()
            assert chosen.get_attribute("open") is not None
        else:
            assert page.locator(f"{PLACES}:visible").count() == 19 and button.count() == 1 and not button.is_visible()
        assert page_height(page) <= MAX_HEIGHT
        assert not [u for u in visit.requests if "ort-amt-brueck" in u], "der Ort bleibt im Browser"
        assert not visit.foreign_requests() and not visit.errors, (visit.foreign_requests(), visit.errors)


def test_changing_the_place_in_the_address_shows_that_place(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + "lebenslagen/wenig-geld/#ort-teltow", PHONE) as (page, visit):
        assert page.locator(f"{PLACES}:visible").count() == 1
        page.evaluate("() => { location.hash = 'ort-werder-havel'; }")
        page.wait_for_function("() => !document.querySelector('#ort-werder-havel').closest('details').hidden")
        visible = page.locator(f"{PLACES}:visible")
        assert visible.count() == 1 and "Werder (Havel)" in visible.locator("summary").inner_text()
        assert not visit.errors


@pytest.mark.parametrize("javascript", [True, False], ids=["mit-javascript", "ohne-javascript"])
def test_every_situation_page_is_short_on_a_phone(browser: Any, example_site_url: str, example_atlas: Any, javascript: bool) -> None:
    """≤ 8.000 px at 390×844 without a chosen place and with one (a place with many offers, one with none)."""
    paths = [f"lebenslagen/{s}/{place}" for s in example_atlas.lebenslagen for place in ("", "#ort-teltow", "#ort-amt-beetzsee")]
    with opened(browser, example_site_url + paths[0], PHONE, javascript=javascript) as (page, _visit):
        heights = {}
        for path in paths:
            page.goto("about:blank")  # a new document each time: a fragment alone would not reload the page
            page.goto(example_site_url + path, wait_until="load")
            heights[path] = page_height(page)
    assert max(heights.values()) <= MAX_HEIGHT, {p: h for p, h in heights.items() if h > MAX_HEIGHT}


def test_question_path_and_situation_page_have_no_wcag_violations(browser: Any, example_site_url: str, axe_source: str) -> None:
    """axe-core (WCAG 2.1 A/AA) on each step and on the situation page with its chosen place open (phone, JavaScript)."""
    from .test_accessibility import describe, run_axe  # the suite's own axe run

    paths = ["lebenslagen/", "lebenslagen/fragen/", "lebenslagen/fragen/fuer-familie/", "lebenslagen/fragen/wo/ein-kind-kommt/",
             "lebenslagen/ein-kind-kommt/#ort-amt-beetzsee"]
    found = {}
    with opened(browser, example_site_url + paths[0], PHONE) as (page, _visit):
        for path in paths:
            page.goto("about:blank")
            page.goto(example_site_url + path, wait_until="load")
            if "#" in path:  # a benefit's block open as well
                page.locator("details.atlas-lotse__leistung").first.evaluate("d => { d.open = true; }")
            violations = run_axe(page, axe_source)
            if violations:
                found[path] = describe(violations)
    assert not found, "\n".join(f"{p}:\n{v}" for p, v in found.items())
