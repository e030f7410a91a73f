"""The site search as a person uses it: open a page, click the search field (or press "/"), type, read the results.

Runs on the search test atlas (tests/fixtures/search: Amt Brück with Borkheide and Brück's village Gömnigk,
Teltow, Schwielowsee with Ferch; offers for under-3s, seniors, single parents, young people), served on
loopback. Each test would fail if the ranking or the search words of generator/pages/searchwords.py broke: the
fixture has pages that name the place or group in their title and would otherwise come first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from .conftest import serve

pytestmark = pytest.mark.browser

# Material sets `?h=<matched query words>` on every result link; the words of the last query shown.
_SHOWS_QUERY = """word => [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]
    .some(a => (new URL(a.href).searchParams.get('h') || '').split(' ').includes(word))"""



@pytest.fixture(scope="module")
def search_url(search_site: Path) -> Iterator[str]:
    """The search test atlas served on a free loopback port."""
    with serve(search_site) as url:
        yield url


def search(page: Any, base: str, query: str, key: bool = False) -> list[tuple[str, str]]:
    """Open the start page, open the search (click or "/" key), type `query`; the results as (page title, path)."""
    page.goto(base, wait_until="load")
    field = page.locator("input.md-search__input")
    if key:
        page.locator("body").press("/")
        assert page.evaluate("document.activeElement && document.activeElement.classList.contains('md-search__input')")
    else:
        field.click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_not_text="initialisiert").wait_for()  # the index is loaded and built (web worker)
    field.press_sequentially(query)
    page.wait_for_function(_SHOWS_QUERY, arg=query.split()[-1].lower())
    results = []
    for item in page.locator("li.md-search-result__item").all():
        link = item.locator("a.md-search-result__link").first
        href = urlsplit(link.get_attribute("href") or "")
        results.append((link.locator("h1").inner_text().strip(), href.path.removeprefix(urlsplit(base).path)))
    return results


def paths(results: list[tuple[str, str]]) -> list[str]:
    return [path for _, path in results]


def test_member_municipality_puts_the_unit_profile_first_and_finds_its_family_centre(page: Any, search_url: str, page_log: Any) -> None:
    results = search(page, search_url, "Borkheide")
    assert results[0] == ("Amt Brück", "sozialraeume/amt-brueck/")
    assert "familienzentren/mgh-brueck/" in paths(results)
    assert "angebote/elterncafe/" in paths(results)  # an offer in Amt Brück
    assert "familienzentren/fz-teltow/" not in paths(results)
    chips = page.locator(".md-search-result .md-tags")
    assert chips.count() > 0 and not any(chip.is_visible() for chip in chips.all())  # search words (tags) stay hidden
    assert page_log.foreign_requests() == []
    assert any(url.endswith("assets/javascripts/lunr/min/lunr.de.min.js") for url in page_log.requests)  # German, from the site itself
    assert page_log.page_errors == []


def test_village_puts_the_profile_before_an_offer_named_after_it(page: Any, search_url: str) -> None:
    results = search(page, search_url, "Ferch", key=True)
    assert paths(results)[:2] == ["sozialraeume/schwielowsee/", "angebote/nachmittag-ferch/"]
    village = search(page, search_url, "Gömnigk")  # a village of the member municipality Brück
    assert village[0] == ("Amt Brück", "sozialraeume/amt-brueck/")
    assert "familienzentren/mgh-brueck/" in paths(village)


def test_unit_name_puts_its_profile_before_pages_with_the_name_in_their_title(page: Any, search_url: str) -> None:
    results = search(page, search_url, "Teltow")
    assert results[0] == ("Teltow", "sozialraeume/teltow/")
    # all of these have "Teltow" in their title and came first before the profile was boosted
    assert {"familienzentren/fz-teltow/", "organisationen/stadtverwaltung-teltow/", "netzwerke/netzwerk-teltow/"} <= set(paths(results)[1:])
    assert paths(results).index("familienzentren/fz-teltow/") < paths(results).index("organisationen/stadtverwaltung-teltow/")


def test_place_name_without_umlaut_finds_the_profile(page: Any, search_url: str) -> None:
    assert search(page, search_url, "Brueck")[0] == ("Amt Brück", "sozialraeume/amt-brueck/")
    assert search(page, search_url, "Bruck")[0] == ("Amt Brück", "sozialraeume/amt-brueck/")


def test_senioren_lists_the_offers_for_seniors_first(page: Any, search_url: str) -> None:
    results = search(page, search_url, "Senioren")
    # "Digitale Sprechstunde" does not say "Senior" in its title; "Seniorenbeirat …" does, but is for parents
    assert set(paths(results)[:2]) == {"angebote/nachmittag-ferch/", "angebote/digitale-sprechstunde/"}
    assert paths(results).index("angebote/seniorenbeirat/") > 1


def test_kinder_unter_3_lists_the_under_3_offer_first(page: Any, search_url: str) -> None:
    results = search(page, search_url, "Kinder unter 3")
    assert results[0] == ("Krabbelgruppe", "angebote/krabbelgruppe/")
    # the offer for 3- to 6-year-olds has "Kinder" and "3" in its title, and still comes after it
    assert paths(results).index("angebote/kinderturnen/") > 0
    page.locator("li.md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert "Familien mit Kindern unter 3 Jahren" in page.locator("article").inner_text()


@pytest.mark.parametrize(("query", "offer"), [("Alleinerziehende", "angebote/elterncafe/"), ("Jugendliche", "angebote/jugendtreff/")])
def test_target_group_lists_its_offer_first(page: Any, search_url: str, query: str, offer: str) -> None:
    assert paths(search(page, search_url, query))[0] == offer


def test_compact_index_of_big_atlases_still_finds_places_and_offers(page: Any, compact_search_site: Path, page_log: Any) -> None:
    """Big atlases index one entry per page (generator/pages/search_compact.py): place names and target groups still work."""
    with serve(compact_search_site) as url:
        results = search(page, url, "Borkheide")
        assert results[0] == ("Amt Brück", "sozialraeume/amt-brueck/")
        assert "familienzentren/mgh-brueck/" in paths(results)
        assert not any("#" in path for path in paths(results))
        results = search(page, url, "Kinder unter 3")
        assert "angebote/krabbelgruppe/" in paths(results)
    assert page_log.page_errors == []
