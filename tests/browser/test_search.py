"""The site search (Pagefind, issue 18) as a resident uses it, on the built example atlas (site/ with pagefind/).

Each test opens a page of the served example atlas in Chromium, types a real query into the header's search box
and reads what the box shows: the announced hit count (live region) and the result links. Nothing here touches
MkDocs or Pagefind's files directly: the search must work on the built HTML alone (issue 18, point 5).

The expectations are the example atlas' (data/): if its records change, the counts change with them (the life
situations, benefits and Termine added many pages that name places and „Beratung“: issue 20, 21).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .first_sight import DESKTOP, opened

pytestmark = pytest.mark.browser

BOX = "#atlas-search-q"
STATUS = ".atlas-search__status"
LINKS = ".atlas-search__results a.atlas-search__link"


def search(page: Any, base: str, query: str, path: str = "") -> tuple[int, list[tuple[str, str]]]:
    """Open `path`, type `query` into the search box; the announced hit count and the shown results (title, path)."""
    if page.url != base + path:
        page.goto(base + path, wait_until="load")
    box = page.locator(BOX)
    box.click()
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("q => (document.querySelector('.atlas-search__status').textContent || '').includes('„' + q + '“')",
                           arg=query)
    text = page.locator(STATUS).inner_text()
    found = re.match(r"(\d+) Treffer", text)
    count = int(found.group(1)) if found else 0 if text.startswith("Keine Treffer") else -1
    results = []
    for link in page.locator(LINKS).all():
        href = urlsplit(link.get_attribute("href") or "")
        results.append((link.inner_text().strip(), unquote(href.path).removeprefix(urlsplit(base).path)))
    return count, results


def paths(results: list[tuple[str, str]]) -> list[str]:
    return [path for _, path in results]


# (query, path of the first result, hits): place × topic, places, villages, word forms and spellings
QUERIES = [
    ("Frühe Hilfen Teltow", "angebote/familienhebamme-sprechstunde-teltow/", 30),  # topic × place: that place's offers
    ("Frühe Hilfen", "angebote/fruehe-hilfen-sprechstunde-kleinmachnow/", 100),
    ("Fruehe Hilfen", "angebote/fruehe-hilfen-sprechstunde-kleinmachnow/", 100),  # ue for ü
    ("Fruhe Hilfen", "angebote/fruehe-hilfen-sprechstunde-kleinmachnow/", 100),  # u for ü
    ("Teltow", "sozialraeume/teltow/", 48),  # a place: its profile first
    ("Lehnin", "sozialraeume/kloster-lehnin/", 21),
    ("Werder", "sozialraeume/werder-havel/", 117),  # the title „Werder (Havel)“ without its bracket: first (titleFirst)
    ("Brielow", "sozialraeume/amt-beetzsee/", 8),  # a village of a member municipality: its unit
    ("Jeserig", "sozialraeume/gross-kreutz-havel/", 7),  # a village (Ortsteil)
    ("Gross Kreutz", "sozialraeume/gross-kreutz-havel/", 12),  # ss for ß
    ("Beratungen", "angebote/migrationsberatung-bad-belzig/", 163),  # plural finds „Beratung“
    ("Krabbelgruppe Beelitz", "angebote/krabbelgruppe-beelitz/", 5),  # offer × place
    ("Senioren Werder", "angebote/seniorentreff-werder-havel/", 33),  # target group × place
    ("Seniorinnen Treuenbrietzen", "angebote/bewegung-im-alter-treuenbrietzen/", 1),
    ("Familienzentrum Beelitz", "familienzentren/familienzentrum-beelitz/", 12),  # kind × place: the centre, then the profile
    # Pagefind ranks the short page of Kleinmachnow's planned centre above the long profile; the search box puts the
    # page whose title is the query first (assets/atlas-search.js, titleFirst).
    ("Kleinmachnow", "sozialraeume/kleinmachnow/", 32),
]


@pytest.fixture(scope="module")
def typing_page(browser: Any) -> Any:
    """One page for the tests that only type queries one after another, as a visitor searches again: Pagefind and
    its WebAssembly load once for all of them (the first visit's network is checked in its own page below)."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, service_workers="block")  # as `page`
    yield context.new_page()
    context.close()


@pytest.mark.heavy
def test_each_query_finds_the_expected_first_result_and_count(typing_page: Any, example_site_url: str) -> None:
    """All queries typed one after the other into the same page's box, as a visitor searches again; every
    query is checked before the test fails, and each wrong one is named."""
    wrong = []
    for query, first, hits in QUERIES:
        count, results = search(typing_page, example_site_url, query)
        if (paths(results)[:1], count) != ([first], hits) or len(results) != min(hits, 10):  # ten shown, the rest behind a button
            wrong.append(f"„{query}“: {count} Treffer (erwartet {hits}), zuerst {paths(results)[:1]} (erwartet {first}); "
                         f"{len(results)} gezeigt: {results[:3]}")
    assert not wrong, "\n".join(wrong)


def test_place_and_topic_put_that_places_offers_first(typing_page: Any, example_site_url: str) -> None:
    _, results = search(typing_page, example_site_url, "Frühe Hilfen Teltow")
    facts = typing_page.locator(".atlas-search__facts").all_inner_texts()
    # Teltow's offers lead; beside them only Teltow's own network and coordinator on early help (their titles name
    # topic and place), no page of another place
    assert facts[0] == "Angebot · Teltow" and facts[:5].count("Angebot · Teltow") >= 3, facts
    assert all(fact.split(" · ")[1].startswith("Teltow") for fact in facts[:5]), facts
    assert paths(results)[0] == "angebote/familienhebamme-sprechstunde-teltow/"
    _, centre = search(typing_page, example_site_url, "Familienzentrum Beelitz")
    assert paths(centre)[:2] == ["familienzentren/familienzentrum-beelitz/", "sozialraeume/beelitz/"]
    _, place = search(typing_page, example_site_url, "Kleinmachnow")
    assert paths(place)[:2] == ["sozialraeume/kleinmachnow/", "familienzentren/familienzentrum-kleinmachnow/"]


def test_every_place_name_shows_its_profile_first(typing_page: Any, example_site_url: str, example_site: Path) -> None:
    """Each Sozialraum's name as typed by a visitor, all checked before the test fails."""
    names = {folder.name: page_title(example_site / "sozialraeume" / folder.name / "index.html")
             for folder in sorted((example_site / "sozialraeume").iterdir()) if folder.is_dir()}
    assert len(names) == 19
    wrong = []
    for folder, name in names.items():
        count, results = search(typing_page, example_site_url, name)
        if paths(results)[:1] != [f"sozialraeume/{folder}/"]:
            wrong.append(f"„{name}“: zuerst {paths(results)[:2]} von {count}")
    assert not wrong, "\n".join(wrong)


def page_title(path: Path) -> str:
    """The page's heading as a visitor reads it (without the permalink and the example badge)."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S).group(1)
    heading = re.sub(r'<span class="atlas-example".*?</span>|<a class="headerlink".*?</a>', "", heading, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()


def test_spellings_and_word_forms_find_the_same_pages(typing_page: Any, example_site_url: str) -> None:
    assert search(typing_page, example_site_url, "Groß Kreutz")[0] == search(typing_page, example_site_url, "Gross Kreutz")[0] == 12
    assert search(typing_page, example_site_url, "Beratung")[0] == search(typing_page, example_site_url, "Beratungen")[0] == 163


def test_editors_pages_and_lists_are_not_in_the_search(page: Any, example_site_url: str) -> None:
    page.goto(example_site_url, wait_until="load")
    found = page.evaluate("""async () => {
        const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
        const urls = [];
        for (const word of ['Datenmodell', 'Angebote', 'Ansprechpersonen', 'Suche']) {
            const answer = await pagefind.search(word);
            for (const result of answer.results) urls.push((await result.data()).url);
        }
        return urls; }""")
    assert found and not [u for u in found if u.startswith(("/datenmodell/", "/suche/", "/angebote/orte/", "/angebote/finder/"))
                          or u in ("/angebote/", "/ansprechpersonen/", "/angebote/alter/", "/angebote/zielgruppen/")]


def test_first_visit_loads_no_index_until_the_search_box_is_used(page: Any, page_log: Any, example_site_url: str) -> None:
    for path in ("", "sozialraeume/teltow/", "angebote/krabbelgruppe-beelitz/"):
        page.goto(example_site_url + path, wait_until="load")
        page.wait_for_timeout(300)
    assert [url for url in page_log.requests if "/pagefind/" in url or "search_index" in url] == []
    page.locator(BOX).focus()  # the first use loads Pagefind, from this site only
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/pagefind.js'))")
    page.locator(BOX).press_sequentially("Teltow")
    page.wait_for_selector(LINKS)
    loaded = [url for url in page_log.requests if "/pagefind/" in url]
    assert any(url.endswith("/pagefind/pagefind.js") for url in loaded)
    assert any("/pagefind/fragment/" in url for url in loaded) and any("/pagefind/index/" in url for url in loaded)
    assert not any("/pagefind/filter/" in url for url in loaded)  # filters only when asked for
    assert page_log.foreign_requests() == [] and page_log.page_errors == []


def test_keyboard_slash_arrows_and_escape(page: Any, example_site_url: str) -> None:
    page.goto(example_site_url + "angebote/krabbelgruppe-beelitz/", wait_until="load")
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "atlas-search-q"
    page.keyboard.type("Teltow")
    page.wait_for_function("() => document.querySelector('.atlas-search__status').textContent.includes('Treffer')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Teltow"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('atlas-search__link')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "atlas-search-q"
    page.keyboard.press("Escape")
    assert page.locator("#atlas-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "atlas-search-q"
    page.keyboard.press("ArrowDown")  # the results come back, the first one focused
    assert page.locator("#atlas-search-panel").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/sozialraeume/teltow/$"))


def test_filters_narrow_the_hits(page: Any, example_site_url: str) -> None:
    count, _ = search(page, example_site_url, "Frühe Hilfen")
    page.locator(".atlas-search__refine").click()
    kind = page.locator("#atlas-search-filter-seitentyp")
    kind.wait_for()
    assert page.locator("label[for=atlas-search-filter-seitentyp]").inner_text() == "Seitentyp"
    options = kind.locator("option").all_inner_texts()
    assert options[0] == "alle" and any(o.startswith("Angebot (") for o in options)
    kind.select_option("Netzwerk")
    page.wait_for_function("() => document.querySelector('.atlas-search__status').textContent.includes('(gefiltert)')")
    filtered = int(re.match(r"(\d+)", page.locator(STATUS).inner_text()).group(1))
    assert 0 < filtered < count
    shown = page.locator(LINKS).evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert shown and all(p.startswith(urlsplit(example_site_url).path + "netzwerke/") for p in shown), shown
    place = page.locator("#atlas-search-filter-gemeinde")
    assert place.locator("option").count() > 1


def test_query_and_excerpts_are_text_never_html(page: Any, page_log: Any, example_site_url: str) -> None:
    page.goto(example_site_url, wait_until="load")
    box = page.locator(BOX)
    box.click()
    box.press_sequentially('<img src=x onerror="window.owned=1">')
    page.wait_for_function("() => document.querySelector('.atlas-search__status').textContent.includes('<img')")
    assert page.evaluate("window.owned") is None
    assert page.locator(".atlas-search__panel img").count() == 0
    box.fill("")
    box.press_sequentially("Teltow")
    page.wait_for_function("() => document.querySelector('.atlas-search__status').textContent.includes('„Teltow“')")
    marks = page.locator(".atlas-search__excerpt mark").all_inner_texts()
    assert marks and all("teltow" in m.lower() for m in marks)
    assert page_log.page_errors == []


def test_narrow_screen_opens_the_box_from_the_magnifier(browser: Any, example_site_url: str) -> None:
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(example_site_url, wait_until="load")
        assert page.locator(BOX).is_hidden()
        page.locator(".atlas-search__open").click()
        assert page.locator(BOX).is_visible() and page.evaluate("document.activeElement.id") == "atlas-search-q"
        page.keyboard.type("Teltow")
        page.wait_for_selector(LINKS)
        box = page.locator("#atlas-search-panel").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.keyboard.press("Escape")
        assert page.locator(BOX).is_hidden() and page.evaluate("document.activeElement.className").startswith("atlas-search__open")
    finally:
        context.close()


def test_without_javascript_the_box_leads_to_the_lists(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url, DESKTOP, javascript=False) as (page, _visit):
        page.locator(BOX).fill("Teltow")
        page.locator(BOX).press("Enter")
        page.wait_for_url(re.compile(r".*/suche/\?q=Teltow$"))
        links = page.locator("article a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    base = urlsplit(example_site_url).path
    for target in ("sozialraeume/", "familienzentren/", "angebote/", "angebote/orte/", "netzwerke/", "ansprechpersonen/"):
        assert base + target in links


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_with_results_and_filters_has_no_wcag_violations(page: Any, example_site_url: str, scheme: str) -> None:
    """axe-core (WCAG 2.1 A/AA, e.g. colour contrast of links, marks and filters) on the open results, both schemes."""
    from importlib import resources

    axe = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    page.emulate_media(color_scheme=scheme)
    search(page, example_site_url, "Frühe Hilfen")
    page.locator(".atlas-search__refine").click()
    page.locator("#atlas-search-filter-seitentyp").wait_for()
    page.evaluate(axe)
    violations = page.evaluate(
        "() => axe.run(document.querySelector('.atlas-search'), {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}).then(r => r.violations)")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
