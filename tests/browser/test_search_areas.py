"""The search of a large atlas, split by planning region (issue 18, point 4), as a visitor uses it in Chromium.

The fixture atlas (tests/fixtures/profile with `search: {split_above: 0}`, built by tests/test_search_areas.py's
shared build) has the regions Nord (Stadt Alpha, Gemeinde Gamma, Dorf Beta with its offers) and Süd (Dorf Delta).
On a page of Region Nord a query searches Nord's bundle and the common one – Dorf Delta's profile (Süd) is not
found and Süd's bundle is not loaded; the button „Im ganzen Atlas suchen (lädt mehr Daten)“, pressed with the
keyboard, loads the other regions and finds it, and then reads „Nur in Region Nord suchen“, which narrows again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from test_search_areas import build_split_site

from .conftest import serve

pytestmark = pytest.mark.browser

BOX = "#atlas-search-q"
STATUS = ".atlas-search__status"
SCOPE = ".atlas-search__scope"
NORD_PAGE = "angebote/krabbelgruppe/"
SUED = "sozialraeume/dorf-d/"


@pytest.fixture(scope="module")
def split_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build_split_site(tmp_path_factory)) as url:
        yield url


def status_for(page: Any, query: str) -> str:
    page.wait_for_function("q => (document.querySelector('.atlas-search__status').textContent || '').includes('„' + q + '“')",
                           arg=query)
    return page.locator(STATUS).inner_text()


def status_in_scope(page: Any, query: str, *, narrow: bool) -> str:
    """The status for `query` once it names (narrow) or no longer names (wide) Region Nord.

    After a press of the scope button the new answer sets `aria-pressed` first and the status only once its
    results are shown, so right after `aria-pressed` changes the old status („… in Region Nord“) may still be
    there; this waits for the new one and fails with the text it saw if it never comes."""
    try:
        page.wait_for_function("([s, q, narrow]) => { const t = document.querySelector(s).textContent || '';"
                               " return t.includes('„' + q + '“') && t.includes('in Region Nord') === narrow; }",
                               arg=[STATUS, query, narrow], timeout=10_000)
    except Exception as error:  # playwright's TimeoutError: report what the visitor reads instead
        raise AssertionError(f"{'narrow' if narrow else 'wide'} status for „{query}“ never came: "
                             f"{page.locator(STATUS).inner_text()!r}") from error
    return page.locator(STATUS).inner_text()


def scope_done(page: Any) -> None:
    """Wait until the search that the scope button started has shown its results: the button is disabled from the
    click until then (also when it is hidden afterwards), so reading the list or the focus earlier races it."""
    page.wait_for_function("s => !document.querySelector(s).disabled", arg=SCOPE)


def result_paths(page: Any, base: str) -> list[str]:
    return [unquote(urlsplit(link.get_attribute("href") or "").path).removeprefix(urlsplit(base).path)
            for link in page.locator(".atlas-search__results a.atlas-search__link").all()]


def all_paths(page: Any, base: str) -> list[str]:
    """The paths of all results („Weitere Treffer zeigen“ pressed until none are left)."""
    more = page.locator(".atlas-search__more")
    while more.is_visible():
        shown = page.locator(".atlas-search__hit").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.atlas-search__hit').length > n", arg=shown)
    return result_paths(page, base)


def loaded(requests: list[str], part: str) -> list[str]:
    return [url for url in requests if f"/pagefind/{part}" in url]


def tab_to(page: Any, selector: str, limit: int = 12) -> None:
    """Press Tab until `selector` has the keyboard focus (a keyboard user's way to it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with Tab")


def searched_in_nord(page: Any, base: str, query: str) -> None:
    """`query` typed on a page of Region Nord: the status names the hits in that region."""
    page.goto(base + NORD_PAGE, wait_until="load")
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially(query)
    text = status_for(page, query)
    assert re.match(rf"\d+ Treffer für „{re.escape(query)}“ in Region Nord", text), text


def test_a_query_searches_the_page_region_and_widens_to_the_whole_atlas(page: Any, page_log: Any, split_url: str):
    searched_in_nord(page, split_url, "Dorf")
    narrow = all_paths(page, split_url)
    assert "sozialraeume/dorf-b/" in narrow  # Region Nord
    # place names are no longer words of the common pages (their lists of every Sozialraum are not searched)
    assert not any(path.startswith("kennzahlen/") or path in ("", "landkreis/", "sozialraeume/") for path in narrow), narrow
    assert SUED not in narrow
    assert loaded(page_log.requests, "areas/nord/") and loaded(page_log.requests, "common/")
    assert not loaded(page_log.requests, "areas/sued/") and not loaded(page_log.requests, "areas.json")
    facts = page.locator(".atlas-search__hit", has=page.locator('a[href="/sozialraeume/dorf-b/"]')).inner_text()
    assert "Region Nord" in facts  # a result names its region

    scope = page.locator(SCOPE)
    assert scope.inner_text() == "Im ganzen Atlas suchen (lädt mehr Daten)"
    assert scope.get_attribute("aria-pressed") == "false"
    page.locator(BOX).focus()
    tab_to(page, SCOPE)
    page.keyboard.press("Enter")
    page.wait_for_function("s => document.querySelector(s).getAttribute('aria-pressed') === 'true'", arg=SCOPE)
    text = status_in_scope(page, "Dorf", narrow=False)
    assert re.match(r"\d+ Treffer für „Dorf“", text) and "in Region Nord" not in text, text
    assert loaded(page_log.requests, "areas/sued/") and loaded(page_log.requests, "areas.json")
    page.locator(BOX).fill("")
    page.locator(BOX).press_sequentially("Dorf Delta")
    status_for(page, "Dorf Delta")
    wide = all_paths(page, split_url)
    assert SUED in wide, wide  # (Pagefind ranks each bundle by its own word statistics: not necessarily first)
    assert "Region Süd" in page.locator(".atlas-search__hit", has=page.locator(f'a[href="/{SUED}"]')).inner_text()
    assert scope.inner_text() == "Nur in Region Nord suchen"
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", SCOPE) is False  # typing: in the box

    page.locator(BOX).focus()
    tab_to(page, SCOPE)
    page.keyboard.press("Enter")  # narrow again: Süd's profile is gone
    page.wait_for_function("s => document.querySelector(s).getAttribute('aria-pressed') === 'false'", arg=SCOPE)
    text = status_in_scope(page, "Dorf Delta", narrow=True)
    assert re.match(r"\d+ Treffer für „Dorf Delta“ in Region Nord", text), text
    scope_done(page)
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", SCOPE)  # focus stays on the button
    assert SUED not in all_paths(page, split_url)
    assert not page_log.page_errors and not page_log.console_errors, (page_log.page_errors, page_log.console_errors)


def test_a_common_page_searches_the_common_bundle_and_offers_the_whole_atlas(page: Any, page_log: Any, split_url: str):
    page.goto(split_url, wait_until="load")
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("Dorf Delta")
    text = status_for(page, "Dorf Delta")
    assert "in Region" not in text
    assert SUED not in all_paths(page, split_url)
    assert loaded(page_log.requests, "common/pagefind.js") and not loaded(page_log.requests, "areas/")
    page.locator(SCOPE).click()
    scope_done(page)
    assert page.locator(SCOPE).is_hidden()  # the whole atlas: nothing to narrow to
    status_for(page, "Dorf Delta")
    assert SUED in all_paths(page, split_url)


def test_a_query_on_a_region_page_finds_the_common_pages_too(page: Any, page_log: Any, split_url: str) -> None:
    """The common bundle is searched with the region's: a word of the indicator pages finds them beside the region's
    own pages, and nothing of Region Süd."""
    searched_in_nord(page, split_url, "Einwohner")
    found = all_paths(page, split_url)
    assert any(path.startswith("kennzahlen/") for path in found), found  # common pages
    assert any(path.startswith("sozialraeume/dorf") for path in found), found  # the region's own
    assert SUED not in found
    assert loaded(page_log.requests, "areas/nord/") and loaded(page_log.requests, "common/")
