"""„Heute geöffnet / geschlossen“ (assets/atlas-hours.js) for the visitor's date in Europe/Berlin, with a fixed clock.

Familiensprechstunde (tests/fixtures/mini/offers/sprechstunde.yaml): Montag 09:00–12:00 und 13:00–16:00,
Mittwoch 14:00–18:00, closed 21.12.2026–01.01.2027 (Weihnachtsferien). Abgeschlossenes Projekt: beendet.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest

pytestmark = pytest.mark.browser

OFFER = "angebote/sprechstunde/"


def today_text(open_page: Callable[[str], Any], page: Any, berlin_time: str, path: str = OFFER) -> str:
    page.clock.set_fixed_time(berlin_time)
    open_page(path)
    box = page.locator(".atlas-today")
    box.wait_for(state="visible")
    assert box.get_attribute("role") == "status"
    return box.inner_text().strip()


@pytest.mark.parametrize(
    ("berlin_time", "expected"),
    [
        ("2026-03-02T10:30:00+01:00", "Jetzt geöffnet bis 12:00 Uhr, heute außerdem 13:00–16:00 Uhr."),  # Monday, open
        ("2026-03-02T07:00:00+01:00", "Heute geöffnet, 9:00–12:00 und 13:00–16:00 Uhr."),  # Monday, not yet open
        ("2026-03-02T12:30:00+01:00", "Heute geöffnet, 9:00–12:00 und 13:00–16:00 Uhr."),  # lunch break
        ("2026-03-02T17:00:00+01:00", "Heute geöffnet, 9:00–12:00 und 13:00–16:00 Uhr (jetzt geschlossen)."),
        ("2026-03-03T10:30:00+01:00", "Heute geschlossen."),  # Tuesday: no hours
        ("2026-12-23T15:00:00+01:00", "Heute geschlossen (Weihnachtsferien)."),  # Wednesday inside the closure
        ("2027-01-06T15:00:00+01:00", "Jetzt geöffnet bis 18:00 Uhr."),  # Wednesday after the closure
    ],
)
def test_today_sentence_for_the_visitors_date(open_page: Callable[[str], Any], page: Any, page_log: Any, berlin_time: str, expected: str) -> None:
    assert today_text(open_page, page, berlin_time) == expected
    assert page_log.page_errors == [] and page_log.console_errors == []


def test_family_centre_page_shows_today_too(open_page: Callable[[str], Any], page: Any) -> None:
    # Familienzentrum Teststadt: Montag und Dienstag 09:00–16:00
    assert today_text(open_page, page, "2026-03-03T15:59:00+01:00", "familienzentren/fz-teststadt/") == "Jetzt geöffnet bis 16:00 Uhr."


@pytest.fixture
def new_york_page(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", timezone_id="America/New_York")
    try:
        yield context.new_page()
    finally:
        context.close()


def test_berlin_day_counts_not_the_browsers_time_zone(new_york_page: Any, site_url: str) -> None:
    # Monday 01:00 in Berlin is still Sunday evening in New York; the centre's day is the Berlin one
    new_york_page.clock.set_fixed_time("2026-03-02T01:00:00+01:00")
    new_york_page.goto(site_url + OFFER, wait_until="load")
    assert new_york_page.locator(".atlas-today").inner_text().strip() == "Heute geöffnet, 9:00–12:00 und 13:00–16:00 Uhr."


def test_ended_offer_says_so_instead_of_hours(browser: Any, site_url: str) -> None:
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        page.clock.set_fixed_time("2026-03-06T11:00:00+01:00")  # a Friday within its former hours
        page.goto(site_url + "angebote/altes-angebot/", wait_until="load")
        assert "Dieses Angebot ist beendet." in page.locator("article").inner_text()
        assert page.locator(".atlas-today").count() == 0
        assert "geöffnet" not in page.locator("article").inner_text()
    finally:
        context.close()


def test_without_javascript_only_the_table_shows(browser: Any, site_url: str) -> None:
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + OFFER, wait_until="load")
        assert page.locator(".atlas-today").count() == 1 and not page.locator(".atlas-today").is_visible()
        assert page.get_by_role("cell", name="Montag").is_visible()
        article = page.locator("article").inner_text()
        assert "Heute" not in article and "Jetzt" not in article
    finally:
        context.close()
