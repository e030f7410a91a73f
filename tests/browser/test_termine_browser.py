"""Termine in the browser (issue 21, point 2): a date in the past is never shown as upcoming, and termine/ filters.

The example atlas (data/, data date 01.11.2026) with the browser's clock set by Playwright (`page.clock`): the
dates whose end has passed since the data date are hidden by assets/atlas-termine.js on termine/, a record's
page, a network, a family centre and a profile, and the notice of each list says how many. Known dates of
data/termine/: Seniorenfrühstück Mo 02.11.2026 09:00–11:00 (Amt Beetzsee), Eltern-Kind-Gruppe „Krabbelkäfer“
Di 03.11.2026 09:30–11:00 (Familienzentrum Werder), Offene Sprechstunde Do 05.11.2026 15:00–17:00 (Bad Belzig),
Fachkräfteteam Teltow Di 10.11.2026 09:30–12:00, then Di 12.01.2027.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from .test_accessibility import COLOUR_RULES, describe, run_axe

pytestmark = pytest.mark.browser

TERMINE = "termine/"
CENTRE = "familienzentren/familienzentrum-werder-havel/"
NETWORK = "netzwerke/fachkraefteteam-kinder-jugendhilfe-teltow/"
PROFILE = "sozialraeume/teltow/"
RECORD = "termine/eltern-kind-gruppe-werder/"
AT_DATA_DATE = "2026-11-01T00:00:00+01:00"
VISIBLE_ENDS = "() => [...document.querySelectorAll('[data-atlas-end]')].filter(e => e.checkVisibility()).map(e => e.dataset.atlasEnd)"


@contextlib.contextmanager
def opened(browser: Any, url: str, moment: str | None = AT_DATA_DATE, js: bool = True) -> Iterator[Any]:
    """A page of its own context at `moment` (the browser's clock, fixed), loaded; no script error on the way."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, java_script_enabled=js, service_workers="block")
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        if moment:
            page.clock.set_fixed_time(moment)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        yield page
        assert errors == []
    finally:
        context.close()


def entry(page: Any, day: str, title: str) -> Any:
    return page.locator("[data-atlas-end]", has_text=day).filter(has_text=title)


def notices(page: Any) -> list[str]:
    return [n.inner_text().strip() for n in page.locator("[data-atlas-vorbei]").all() if n.is_visible()]


def assert_nothing_past(page: Any, moment: str) -> None:
    """No date shown whose end is before the browser's now (the end strings compare as moments in the page)."""
    late = page.evaluate("now => [...document.querySelectorAll('[data-atlas-end]')].filter(e => e.checkVisibility() && "
                         "Date.parse(e.dataset.atlasEnd) < Date.parse(now)).map(e => e.textContent.slice(0, 40))", moment)
    assert late == []


@pytest.mark.parametrize(("moment", "hidden"), [
    ("2026-11-03T10:55:00+01:00", 1),  # the group ends at 11:00: still on
    ("2026-11-03T11:01:00+01:00", 2),  # a minute after its end
])
def test_dates_past_since_the_build_are_hidden_on_the_termine_page(browser: Any, example_site_url: str, moment: str, hidden: int) -> None:
    with opened(browser, example_site_url + TERMINE, moment) as page:
        total = page.locator("li[data-atlas-end]").count()
        assert not entry(page, "02.11.2026", "Seniorenfrühstück").is_visible()
        assert entry(page, "03.11.2026", "Krabbelkäfer").is_visible() == (hidden == 1)
        assert entry(page, "05.11.2026", "Offene Sprechstunde").is_visible()
        assert page.get_by_role("heading", name="Woche vom 02.11. bis 08.11.2026").is_visible()
        text = "1 Termin seit dem Stand der Daten ist" if hidden == 1 else f"{hidden} Termine seit dem Stand der Daten sind"
        assert notices(page) == [f"{text} vorbei und ausgeblendet."]
        assert page.locator("#atlas-termine-anzahl").inner_text() == f"{total - hidden} Termine"
        assert len(page.evaluate(VISIBLE_ENDS)) == total - hidden
        assert "Stand der Daten: 01.11.2026" in page.locator("article").inner_text()  # the build date stays
        assert_nothing_past(page, moment)


def test_a_week_whose_dates_are_all_past_goes_with_its_heading_and_contents_entry(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TERMINE, "2026-11-05T17:30:00+01:00") as page:
        heading = page.locator("h2.atlas-woche", has_text="Woche vom 02.11. bis 08.11.2026")
        assert heading.count() == 1 and not heading.is_visible()
        anchor = heading.get_attribute("id")
        assert page.locator(f'nav a[href="#{anchor}"]').count() >= 1 and not page.locator(f'nav a[href="#{anchor}"]').first.is_visible()
        assert page.get_by_role("heading", name="Woche vom 09.11. bis 15.11.2026").is_visible()
        assert notices(page) == ["3 Termine seit dem Stand der Daten sind vorbei und ausgeblendet."]
        assert_nothing_past(page, "2026-11-05T17:30:00+01:00")


def test_centre_record_network_and_profile_hide_past_dates_too(browser: Any, example_site_url: str) -> None:
    moment = "2026-11-03T11:05:00+01:00"
    for path in (CENTRE, RECORD):
        with opened(browser, example_site_url + path, moment) as page:
            assert not entry(page, "03.11.2026", "").is_visible(), path
            assert entry(page, "10.11.2026", "").first.is_visible(), path
            assert notices(page) == ["1 Termin seit dem Stand der Daten ist vorbei und ausgeblendet."], path
            assert_nothing_past(page, moment)
    moment = "2026-11-10T12:01:00+01:00"  # a minute after the team's meeting
    with opened(browser, example_site_url + NETWORK, moment) as page:
        assert not page.locator("li", has_text="Nächstes Treffen (Stand der Daten").is_visible()
        assert not entry(page, "10.11.2026", "").first.is_visible() and entry(page, "12.01.2027", "").is_visible()
        assert notices(page) == ["1 Termin seit dem Stand der Daten ist vorbei und ausgeblendet."]  # the meeting counted once
        assert_nothing_past(page, moment)
    with opened(browser, example_site_url + PROFILE, moment) as page:
        line = page.locator("p", has=page.locator("strong", has_text="Nächste Termine:")).inner_text()
        assert line.startswith("Nächste Termine: Di, 12.01.2027") and "10.11.2026" not in line
        assert "; 1 Termin seit dem Stand der Daten ist vorbei und ausgeblendet. – Stand der Daten: 01.11.2026" in line
        assert_nothing_past(page, moment)


def test_at_the_data_date_nothing_is_hidden(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TERMINE) as page:
        total = page.locator("li[data-atlas-end]").count()
        assert total > 50 and len(page.evaluate(VISIBLE_ENDS)) == total
        assert notices(page) == [] and page.locator("#atlas-termine-anzahl").inner_text() == f"{total} Termine"
        assert page.locator("h2.atlas-woche:visible").count() == page.locator("h2.atlas-woche").count()
    for path in (NETWORK, PROFILE):
        with opened(browser, example_site_url + path) as page:
            assert len(page.evaluate(VISIBLE_ENDS)) == page.locator("[data-atlas-end]").count() > 0 and notices(page) == []


def shown(page: Any) -> list[dict[str, str]]:
    return page.evaluate("() => [...document.querySelectorAll('li[data-atlas-end]')].filter(e => e.checkVisibility())"
                         ".map(e => ({places: e.dataset.places, topics: e.dataset.topics, audience: e.dataset.audience}))")


def test_filter_by_place_topic_and_audience(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TERMINE) as page:
        status = page.locator("#atlas-termine-anzahl")
        assert status.get_attribute("role") == "status" and status.is_visible()
        assert page.get_by_role("group", name="Termine filtern").is_visible()
        page.get_by_label("Sozialraum", exact=True).select_option("teltow")
        items = shown(page)
        assert items and all("teltow" in i["places"].split() for i in items)
        assert status.inner_text() == f"{len(items)} Termine" and page.url.endswith("#ort=teltow")
        assert page.locator("h2.atlas-woche:visible").count() < page.locator("h2.atlas-woche").count()
        page.get_by_label("Für wen", exact=True).select_option(label="öffentlich")
        items = shown(page)
        assert items and all(i["audience"] == "oeffentlich" and "teltow" in i["places"].split() for i in items)
        assert status.inner_text() == ("1 Termin" if len(items) == 1 else f"{len(items)} Termine")
        page.get_by_label("Sozialraum", exact=True).select_option("ohne")
        page.get_by_label("Für wen", exact=True).select_option("")
        page.get_by_label("Thema", exact=True).select_option("pflege-alter")
        items = shown(page)
        assert items and all(i["places"] == "" and "pflege-alter" in i["topics"].split() for i in items)
        page.get_by_label("Für wen", exact=True).select_option("mitglieder")
        assert shown(page) == [] and status.inner_text().startswith("Keine Termine zu diesem Filter")
        assert page.get_by_role("heading", name="Alle Termine und Reihen nach Sozialraum").is_visible()  # not a date list
        page.get_by_role("button", name="Filter zurücksetzen").click()
        page.wait_for_function("() => !location.hash")
        assert len(shown(page)) == page.locator("li[data-atlas-end]").count()
        # keyboard: the place's select takes the arrow keys; the count follows
        page.get_by_label("Sozialraum", exact=True).focus()
        page.keyboard.press("ArrowDown")
        first = page.get_by_label("Sozialraum", exact=True).input_value()
        assert first and page.url.endswith(f"#ort={first}") and all(first in i["places"].split() for i in shown(page))


def test_a_filtered_list_can_be_linked_and_past_dates_stay_hidden(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TERMINE + "#ort=werder-havel&thema=familienbildung", "2026-11-03T11:05:00+01:00") as page:
        assert page.get_by_label("Sozialraum", exact=True).input_value() == "werder-havel" and page.get_by_label("Thema", exact=True).input_value() == "familienbildung"
        assert not entry(page, "03.11.2026", "Krabbelkäfer").is_visible()  # past: the filter does not bring it back
        assert entry(page, "10.11.2026", "Krabbelkäfer").is_visible()
        items = shown(page)
        assert items and all("werder-havel" in i["places"].split() and "familienbildung" in i["topics"].split() for i in items)
        assert page.locator("#atlas-termine-anzahl").inner_text() == f"{len(items)} Termine"
        assert_nothing_past(page, "2026-11-03T11:05:00+01:00")
        page.get_by_label("Sozialraum", exact=True).select_option("")
        assert not entry(page, "03.11.2026", "Krabbelkäfer").is_visible()


def test_without_javascript_the_whole_list_and_no_form(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TERMINE, None, js=False) as page:
        total = page.locator("li[data-atlas-end]").count()
        assert total > 50 and page.locator("li[data-atlas-end]:visible").count() == total
        assert page.locator("form#atlas-termine-filter").count() == 1 and not page.locator("form#atlas-termine-filter").is_visible()
        assert not page.locator("#atlas-termine-anzahl").is_visible() and notices(page) == []
        assert page.get_by_role("combobox").count() == 0  # hidden controls are out of the accessibility tree
        assert page.get_by_role("link", name="Kalender Teltow (.ics)").is_visible()
        assert page.get_by_role("link", name="Teltow", exact=True).is_visible()


def test_termine_page_with_filter_and_notice_has_no_wcag_violations(browser: Any, example_site_url: str, axe_source: str) -> None:
    with opened(browser, example_site_url + TERMINE + "#ort=teltow", "2026-11-10T12:01:00+01:00") as page:
        assert page.locator("form#atlas-termine-filter").is_visible() and notices(page)
        violations = run_axe(page, axe_source)
        assert violations == [], describe(violations)
        page.emulate_media(color_scheme="dark")
        violations = run_axe(page, axe_source, COLOUR_RULES)
        assert violations == [], describe(violations)
