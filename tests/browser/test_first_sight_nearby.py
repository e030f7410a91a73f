"""Issue 17, point 7 in Chromium on the example atlas: „In meiner Nähe“ means near.

After choosing a place the list shows the entries within the default radius (15 km), nearest first, each with
its distance in German format, at most 20 until „Mehr anzeigen“; the radius can be widened; on a phone the
first result starts within one screen below the place's select. Without JavaScript the page says so and
links the lists per unit. Distances are checked against the coordinates in the page (haversine, as the script).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from .first_sight import PHONE, SIZE_IDS, SIZES, opened

pytestmark = pytest.mark.browser

PAGE = "angebote/naehe/"
RADIUS = 15.0
STEP = 20
DISTANCE = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d\u00a0km$")  # „3,2 km“, „1.204,0 km“

SHOWN = """() => [...document.querySelectorAll('#atlas-naehe-liste > li')]
  .filter(li => !li.hidden && li.getClientRects().length)
  .map(li => ({name: li.querySelector('a').textContent, km: li.querySelector('.atlas-naehe__distance').textContent,
               lat: +li.dataset.lat, lon: +li.dataset.lon, top: li.getBoundingClientRect().top + window.scrollY}))"""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def km(text: str) -> float:
    assert DISTANCE.match(text), text
    return float(text.replace("\u00a0km", "").replace(".", "").replace(",", "."))


def within(page: Any, value: str, radius: float) -> int:
    """How many entries of the page lie within `radius` of the place option `value` (as the distance reads)."""
    option = page.locator(f'#atlas-naehe-ort option[value="{value}"]')
    lat, lon = float(option.get_attribute("data-lat")), float(option.get_attribute("data-lon"))
    points = page.eval_on_selector_all("#atlas-naehe-liste > li", "ls => ls.map(l => [+l.dataset.lat, +l.dataset.lon])")
    return sum(1 for a, b in points if round(haversine_km(lat, lon, a, b) * 10) <= radius * 10)


def busy_place(page: Any) -> str:
    """The first unit (by the select's order) with more entries within the default radius than one step shows."""
    for value in page.eval_on_selector_all("#atlas-naehe-ort option[value^='sr-']", "os => os.map(o => o.value)"):
        if within(page, value, RADIUS) > STEP:
            return value
    raise AssertionError("kein Sozialraum mit mehr als 20 Einträgen im Umkreis von 15 km")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_chosen_place_lists_the_nearest_within_15_km_sorted_with_distances(browser: Any, example_site_url: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url + PAGE, size) as (page, visit):
        assert page.locator("#atlas-naehe-liste").is_hidden()
        place = busy_place(page)
        inside = within(page, place, RADIUS)
        total = page.locator("#atlas-naehe-liste > li").count()
        assert inside < total  # the default radius leaves entries out
        page.select_option("#atlas-naehe-ort", place)
        assert page.locator("#atlas-naehe-umkreis").input_value() == "15"
        rows = page.evaluate(SHOWN)
        assert len(rows) == STEP
        distances = [km(r["km"]) for r in rows]
        assert distances == sorted(distances) and max(distances) <= RADIUS
        option = page.locator(f'#atlas-naehe-ort option[value="{place}"]')
        lat, lon = float(option.get_attribute("data-lat")), float(option.get_attribute("data-lon"))
        for row, shown in zip(rows, distances):
            assert abs(haversine_km(lat, lon, row["lat"], row["lon"]) - shown) <= 0.051, row
        status = page.locator("#atlas-naehe-status")
        assert status.get_attribute("aria-live") == "polite"
        assert status.inner_text().startswith(f"{inside} Einträge im Umkreis von 15\u00a0km, sortiert nach Entfernung von ")
        assert "Die nächsten 20 werden gezeigt." in status.inner_text()
        assert page.locator("#atlas-naehe-mehr").is_visible()
        assert "umkreis" not in page.url and f"ort={place}" in page.url
        if size == PHONE:  # results start within one screen below the chosen place's control
            select_top = page.evaluate("() => document.getElementById('atlas-naehe-ort').getBoundingClientRect().top + window.scrollY")
            assert rows[0]["top"] - select_top <= PHONE[1], (rows[0]["top"], select_top)
        assert visit.errors == [] and visit.foreign_requests() == []


def test_more_adds_the_next_twenty_and_moves_the_focus(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + PAGE, PHONE) as (page, visit):
        place = busy_place(page)
        inside = within(page, place, RADIUS)
        page.select_option("#atlas-naehe-ort", place)
        first = page.evaluate(SHOWN)
        more = page.locator("#atlas-naehe-mehr")
        assert more.inner_text() == f"Mehr anzeigen ({min(STEP, inside - STEP)} weitere von {inside - STEP})"
        more.click()
        rows = page.evaluate(SHOWN)
        assert len(rows) == min(inside, 2 * STEP) and [r["name"] for r in rows[:STEP]] == [r["name"] for r in first]
        distances = [km(r["km"]) for r in rows]
        assert distances == sorted(distances) and max(distances) <= RADIUS
        assert page.evaluate("() => document.activeElement.textContent") == rows[STEP]["name"]
        assert more.is_visible() == (inside > 2 * STEP)
        assert visit.errors == []


def test_widening_the_radius_shows_more_and_is_kept_in_the_url(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + PAGE, PHONE) as (page, visit):
        units = page.eval_on_selector_all("#atlas-naehe-ort option[value^='sr-']", "os => os.map(o => o.value)")
        counts = {v: (within(page, v, RADIUS), within(page, v, 30)) for v in units}
        place = next(v for v in units if counts[v][0] < STEP and counts[v][1] > counts[v][0])  # few within 15 km
        small, wide = counts[place]
        page.select_option("#atlas-naehe-ort", place)
        assert len(page.evaluate(SHOWN)) == min(small, STEP)
        widen = page.locator("#atlas-naehe-weiter")
        assert widen.inner_text() == "Umkreis erweitern auf 30 km"
        widen.click()
        assert page.locator("#atlas-naehe-umkreis").input_value() == "30"
        rows = page.evaluate(SHOWN)
        assert len(rows) == min(wide, STEP) and len(rows) > small
        assert max(km(r["km"]) for r in rows) <= 30
        assert f"{wide} Einträge im Umkreis von 30\u00a0km" in page.locator("#atlas-naehe-status").inner_text()
        assert "umkreis=30" in page.url
        page.select_option("#atlas-naehe-umkreis", "alle")
        everything = page.locator("#atlas-naehe-liste > li").count()
        assert page.locator("#atlas-naehe-status").inner_text().startswith(f"{everything} Einträge, sortiert nach Entfernung")
        assert page.locator("#atlas-naehe-weiter").is_hidden()
        # the choice survives a reload (bookmark)
        page.goto(page.url, wait_until="load")
        assert page.locator("#atlas-naehe-umkreis").input_value() == "alle"
        assert len(page.evaluate(SHOWN)) == min(everything, STEP)
        assert visit.errors == []


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_without_javascript_the_page_says_so_and_links_the_lists_per_unit(browser: Any, example_site_url: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url + PAGE, size, javascript=False) as (page, _visit):
        assert page.locator("#atlas-naehe").is_hidden()
        note = page.locator("#atlas-naehe-ohne-js")
        assert note.is_visible() and "braucht JavaScript" in note.inner_text()
        note.get_by_role("link", name="Listen je Sozialraum").click()
        assert page.url.endswith("#listen-je-sozialraum")
        heading = page.locator("h2#listen-je-sozialraum")
        assert heading.is_visible() and heading.evaluate("h => h.getBoundingClientRect().top") < size[1]
        links = page.locator("article a[href*='orte/']")
        assert links.count() >= 10 and links.first.inner_text().startswith("Angebote in ")
