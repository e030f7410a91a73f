"""Profiles a planner can read (issue 17, point 3) in a real browser, on a phone (390×844) and a laptop
(1366×768), on EVERY profile of the example atlas – each Sozialraum (sozialraeume/<unit>/) and the district
page (landkreis/):

* the page is at most 16.000 px high on the phone and 8.000 px on the laptop, with its details collapsed;
* an „Auf dieser Seite“ navigation (a `<nav>` with that label) starts in the first screen and links to the
  sections that are on the page – on a Sozialraum page key figures, offers, contacts, networks, targets and
  downloads;
* on screen the indicator details are collapsed, a click opens them; in print (emulated) every collapsed
  `<details>` is open and the navigation is left out.

Heights and navigations are read by the example atlas' tour (first_sight.tour: one browser context per
viewport that visits every page type and every profile in turn).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .first_sight import DESKTOP, PHONE, SIZE_IDS, SIZES, opened, profile_paths

pytestmark = pytest.mark.browser

MAX_HEIGHT = {PHONE: 16_000, DESKTOP: 8_000}  # CSS px (issue 17, point 3)
# sections a planner must reach from the top of a Sozialraum page: anchor → what it is
UNIT_SECTIONS = {"kennzahlen": "Kennzahlen", "angebote": "Angebote", "ansprechpersonen": "Ansprechpersonen",
                 "netzwerke": "Netzwerke", "ziele": "Ziele", "downloads": "Downloads"}
DISTRICT_SECTIONS = {"kennzahlen", "zeitverlauf", "sozialraeume", "downloads"}
REPO = Path(__file__).resolve().parents[2]

# every <details> in the article and whether its content (all but the summary) is rendered
DETAILS = """() => [...document.querySelectorAll('article details')].map(d => ({
  cls: d.className,
  open: d.open,
  shown: [...d.children].filter(c => c.tagName !== 'SUMMARY').every(c => c.checkVisibility()),
}))"""


def test_every_profile_is_checked(example_site: Path) -> None:
    units = len(list((REPO / "data" / "municipalities").glob("*.yaml")))
    assert units == 19
    assert len(profile_paths(example_site)) == units + 1


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_profile_within_the_height_limit(example_tour: Any, example_site: Path, size: tuple[int, int]) -> None:
    seen = example_tour(size)
    results = {path: seen[path] for path in profile_paths(example_site)}
    limit = MAX_HEIGHT[size]
    too_high = {path: r.height for path, r in results.items() if r.height > limit}
    assert too_high == {}, f"{size}: höher als {limit} px: {too_high}"
    assert all(r.height > 1000 for r in results.values())  # measured a real page


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_on_page_navigation_in_the_first_screen(example_tour: Any, example_site: Path, size: tuple[int, int]) -> None:
    seen = example_tour(size)
    for path in profile_paths(example_site):
        nav = seen[path].nav
        assert nav is not None, f"{path}: keine Navigation „Auf dieser Seite“"
        assert nav["visible"] and nav["top"] < size[1], f"{path} {size}: Navigation beginnt bei {nav['top']:.0f} px"
        missing = [link["href"] for link in nav["links"] if not link["target"]]
        assert missing == [], f"{path}: Sprungziele fehlen: {missing}"
        anchors = {link["href"][1:] for link in nav["links"]}
        wanted = set(UNIT_SECTIONS) if path.startswith("sozialraeume/") else DISTRICT_SECTIONS
        assert wanted <= anchors, f"{path}: es fehlen Links zu {wanted - anchors}"
        if path.startswith("sozialraeume/"):
            texts = {link["href"][1:]: link["text"] for link in nav["links"]}
            assert {a: texts[a] for a in UNIT_SECTIONS} == UNIT_SECTIONS


def test_details_collapsed_on_screen_open_on_click_and_in_print(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + "sozialraeume/werder-havel/", DESKTOP) as (page, visit):
        screen = page.evaluate(DETAILS)
        verlauf = [d for d in screen if "atlas-verlauf__item" in d["cls"]]
        assert len(verlauf) >= 10
        assert not any(d["open"] or d["shown"] for d in verlauf), "Kennzahlen im Zeitverlauf: aufgeklappt"
        kinds = {c for d in screen for c in d["cls"].split()}
        assert {"atlas-profile-details", "atlas-swot", "atlas-chart__data"} <= kinds
        # a click opens one indicator: its charts show
        first = page.locator("details.atlas-verlauf__item").first
        summary = first.locator(":scope > summary")
        summary.click()
        assert first.evaluate("d => d.open") and first.locator("figure.atlas-chart").first.is_visible()
        summary.click()
        assert not first.evaluate("d => d.open")

        page.emulate_media(media="print")
        printed = page.evaluate(DETAILS)
        closed = [d["cls"] for d in printed if not d["shown"]]
        assert closed == [], f"im Druck zugeklappt: {closed}"
        assert len(printed) == len(screen)
        assert page.evaluate("() => document.querySelector('article nav.atlas-onpage').checkVisibility()") is False
        assert visit.errors == []
