"""Issue 17, point 6 in Chromium on the example atlas: contacts by topic, place and network, grouped and filterable.

The three contact pages start with their groups closed and stay under 10.000 px on a phone; on the topic page each
contact is listed once per topic (compact entry, details on its own page), the filter (topic, place, network,
free text) narrows the list in place and announces the count; without JavaScript the jump list and the groups'
anchors work and every group opens with a click.
"""

from __future__ import annotations

from typing import Any

import pytest

from .first_sight import PHONE, SIZE_IDS, SIZES, opened, page_height

pytestmark = pytest.mark.browser

TOPICS = "ansprechpersonen/"
PAGES = [TOPICS, "ansprechpersonen/orte/", "ansprechpersonen/netzwerke/"]
PHONE_LIMIT = 10_000

GROUPS = """() => [...document.querySelectorAll('details.atlas-kontakte__gruppe[data-gruppe]')].map(d => ({
  id: d.dataset.gruppe, open: d.open, hidden: d.hidden, heading: d.querySelector('summary h2').id,
  all: [...d.querySelectorAll('li[data-contact]')].map(li => li.dataset.contact),
  shown: [...d.querySelectorAll('li[data-contact]')].filter(li => !li.hidden).map(li => ({
    id: li.dataset.contact, topics: li.dataset.topics.split(' '), units: li.dataset.units, networks: li.dataset.networks.split(' '),
    text: li.textContent}))
}))"""


def status(page: Any) -> str:
    return page.locator("#atlas-kontakte-anzahl").inner_text()


def shown_contacts(groups: list[dict[str, Any]]) -> set[str]:
    return {entry["id"] for g in groups if not g["hidden"] for entry in g["shown"]}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("path", PAGES)
def test_contact_pages_start_with_closed_groups_and_fit_a_phone(browser: Any, example_site_url: str, path: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url + path, size) as (page, visit):
        height = page_height(page)
        groups = page.locator("details.atlas-kontakte__gruppe")
        assert groups.count() >= 10
        assert page.evaluate("() => [...document.querySelectorAll('details.atlas-kontakte__gruppe')].every(d => !d.open)")
        assert height <= PHONE_LIMIT, f"{path}: {height} px"
        if size == PHONE:  # the first groups are reached within two screens
            first = groups.first.bounding_box()
            assert first is not None and first["y"] < 2 * PHONE[1], first
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
        assert visit.errors == [] and visit.foreign_requests() == []


def test_topic_page_lists_each_contact_once_per_topic_in_compact_entries(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TOPICS, PHONE) as (page, _visit):
        groups = page.evaluate(GROUPS)
        contacts = page.eval_on_selector_all("li[data-contact]", "ls => ls.map(l => [l.dataset.contact, l.dataset.topics])")
        topics_of = {c: t.split() for c, t in contacts}
        for g in groups:
            assert g["heading"] == g["id"] and len(g["all"]) == len(set(g["all"])), g["id"]  # once per group
            assert all(g["id"] in topics_of[c] or (g["id"] == "ohne-thema" and not topics_of[c]) for c in g["all"]), g["id"]
        assert sum(len(g["all"]) for g in groups) == sum(max(1, len(t)) for t in topics_of.values())
        assert status(page) == f"{len(topics_of)} Ansprechpersonen in {len(groups)} Themen"
        # the jump list names every group with its count and links its anchor
        jumps = page.eval_on_selector_all(".atlas-sprungliste li[data-gruppe]",
                                          "ls => ls.map(l => [l.querySelector('a').getAttribute('href'), l.textContent])")
        assert [href for href, _ in jumps] == [f"#{g['id']}" for g in groups]
        assert all(text.endswith(f"({len(g['all'])})") for (_, text), g in zip(jumps, groups))
        # compact: role link to the contact's own page, organisation and reach; no vCard or network list here
        entry = page.locator("li[data-contact]").first
        assert entry.locator("a").first.evaluate("a => a.href").endswith(f"/ansprechpersonen/{entry.get_attribute('data-contact')}/")
        assert entry.locator("a[href$='.vcf']").count() == 0 and "koordiniert" not in entry.inner_text()
        # the A–Z table with the vCards is there, collapsed
        table = page.locator("details:has(table)")
        assert table.count() == 1 and not table.evaluate("d => d.open") and table.locator("a[href$='.vcf']").count() == len(topics_of)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_filters_narrow_the_list_and_announce_the_count(browser: Any, example_site_url: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url + TOPICS, size) as (page, visit):
        form = page.locator("#atlas-kontakte-filter")
        assert form.is_visible() and page.locator("#atlas-kontakte-ohne-js").is_hidden()
        live = page.locator("#atlas-kontakte-anzahl")
        assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
        before = shown_contacts(page.evaluate(GROUPS))
        initial = status(page)

        page.get_by_label("Thema", exact=True).select_option("kinderschutz")
        groups = page.evaluate(GROUPS)
        visible = [g for g in groups if not g["hidden"]]
        found = shown_contacts(groups)
        assert 0 < len(found) < len(before)
        assert all("kinderschutz" in e["topics"] for g in visible for e in g["shown"])
        assert [g["id"] for g in visible] == ["kinderschutz"] and visible[0]["open"]  # the topic's own group only
        assert status(page) == ("1 Ansprechperson" if len(found) == 1 else f"{len(found)} Ansprechpersonen") + " gefunden, 1 Thema geöffnet"
        assert "thema=kinderschutz" in page.url
        hidden_jumps = page.eval_on_selector_all(".atlas-sprungliste li[data-gruppe]", "ls => ls.filter(l => l.hidden).length")
        assert hidden_jumps == len(groups) - len(visible)

        page.get_by_label("Thema", exact=True).select_option("")
        page.get_by_label("Zuständig für", exact=True).select_option("teltow")
        groups = page.evaluate(GROUPS)
        teltow = shown_contacts(groups)
        assert 0 < len(teltow) < len(before)
        assert all(e["units"] == "" or "teltow" in e["units"].split() for g in groups if not g["hidden"] for e in g["shown"])
        assert any(e["units"] == "" for g in groups for e in g["shown"])  # district-wide contacts are responsible there too

        page.get_by_label("Zuständig für", exact=True).select_option("kreisweit")
        assert all(e["units"] == "" for g in page.evaluate(GROUPS) for e in g["shown"])

        page.get_by_label("Zuständig für", exact=True).select_option("")
        network = page.locator("#atlas-kontakte-netzwerk option").nth(1).get_attribute("value")
        page.get_by_label("Netzwerk", exact=True).select_option(network)
        groups = page.evaluate(GROUPS)
        assert 0 < len(shown_contacts(groups)) < len(before)
        assert all(network in e["networks"] for g in groups for e in g["shown"])

        page.get_by_label("Netzwerk", exact=True).select_option("")
        page.get_by_label("Suchwort", exact=True).fill("jugendamt")
        groups = page.evaluate(GROUPS)
        assert 0 < len(shown_contacts(groups)) < len(before)
        assert all("jugendamt" in e["text"].lower() for g in groups for e in g["shown"])
        page.get_by_label("Suchwort", exact=True).fill("gibt es nicht xyz")
        assert status(page) == "Keine Ansprechperson gefunden" and page.locator("#atlas-kontakte-leer").is_visible()

        page.get_by_role("button", name="Filter zurücksetzen").click()
        page.wait_for_function("() => !document.getElementById('atlas-kontakte-filter').elements.suche.value")
        page.wait_for_function(f"() => document.getElementById('atlas-kontakte-anzahl').textContent === {initial!r}")
        groups = page.evaluate(GROUPS)
        assert shown_contacts(groups) == before and not any(g["open"] or g["hidden"] for g in groups)
        assert "?" not in page.url
        assert visit.errors == []


def test_the_url_restores_the_filter(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TOPICS + "?thema=pflege-alter&ort=kreisweit", PHONE) as (page, _visit):
        assert page.get_by_label("Thema", exact=True).input_value() == "pflege-alter"
        groups = page.evaluate(GROUPS)
        assert [g["id"] for g in groups if not g["hidden"]] == ["pflege-alter"]
        assert all(e["units"] == "" for e in groups[[g["id"] for g in groups].index("pflege-alter")]["shown"])


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_without_javascript_the_anchors_and_groups_work(browser: Any, example_site_url: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url + TOPICS, size, javascript=False) as (page, _visit):
        assert page.locator("#atlas-kontakte-filter").is_hidden()
        assert page.locator("#atlas-kontakte-ohne-js").is_visible()
        assert page_height(page) <= PHONE_LIMIT
        links = page.locator(".atlas-sprungliste a")
        assert links.count() == page.locator("details.atlas-kontakte__gruppe").count()
        link = page.locator(".atlas-sprungliste a[href='#kinderschutz']")
        link.click()
        assert page.url.endswith("#kinderschutz")
        heading = page.locator("h2#kinderschutz")
        top = heading.evaluate("h => h.getBoundingClientRect().top")
        assert 0 <= top < size[1], top  # scrolled to the group
        group = page.locator("details[data-gruppe='kinderschutz']")
        group.locator("summary").click()
        assert group.evaluate("d => d.open") and group.locator("li").first.is_visible()
    with opened(browser, example_site_url + "ansprechpersonen/orte/#kreisweit", size, javascript=False) as (page, _visit):
        assert 0 <= page.locator("h2#kreisweit").evaluate("h => h.getBoundingClientRect().top") < size[1]


def opened_after_link(page: Any, group: str) -> Any:
    """The group `group`, once it is open or after 5 s. The page's script opens it on `hashchange`, an event that
    fires after the click has returned: reading it at once failed under load (the group opened a moment later)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    selector = f"details[data-gruppe='{group}']"
    try:
        page.wait_for_function("s => document.querySelector(s)?.open", arg=selector, timeout=5000)
    except PlaywrightTimeout:
        pass  # the assertion below says what is wrong
    return page.locator(selector)


def test_a_link_to_a_group_opens_it(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + TOPICS + "#kinderschutz", PHONE) as (page, _visit):
        group = page.locator("details[data-gruppe='kinderschutz']")
        assert group.evaluate("d => d.open") and group.locator("li").first.is_visible()
        page.locator(".atlas-sprungliste a[href='#fruehe-hilfen']").click()
        assert opened_after_link(page, "fruehe-hilfen").evaluate("d => d.open")
    with opened(browser, example_site_url + "ansprechpersonen/orte/", PHONE) as (page, _visit):
        unit = page.locator("details.atlas-kontakte__gruppe").nth(1)
        unit.locator("summary").click()
        unit.get_by_role("link", name="kreisweit").click()
        district_wide = opened_after_link(page, "kreisweit")
        assert district_wide.evaluate("d => d.open") and district_wide.locator("li").first.is_visible()
