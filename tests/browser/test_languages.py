"""Languages in a real browser (issue 22): the start page of the example atlas (data/: de, en, uk, ar) on a phone
(390×844) and a wide screen (1366×768): the page's language and direction, no horizontal overflow, no axe-core
violation (WCAG 2.1 A/AA, axe injected as in test_accessibility.py), the switcher opened with the keyboard leads
to the same page in the other language, and the search finds the English start page in English only.

Screenshots of /en/ and /ar/ at both sizes go to $ATLAS_SHOTS (if set), for looking at them by eye.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .test_accessibility import describe, run_axe

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 768)]
# the start page of each language (its path prefix), with the language and text direction its pages have
LANGUAGES = {"": ("de", "ltr"), "en/": ("en", "ltr"), "uk/": ("uk", "ltr"), "ar/": ("ar", "rtl")}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
LANG_DIR = "() => [document.documentElement.lang, document.documentElement.getAttribute('dir') || 'ltr', document.body.dir]"


# The checks every page in every language gets (here and in test_languages_*.py): loaded, its language and direction,
# no horizontal overflow, axe-core's violations (collected, so that every page is checked before the test fails),
# a screenshot to $ATLAS_SHOTS for looking at it by eye.
def open_in(page: Any, base_url: str, path: str, lang: str, direction: str) -> None:
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.ok, path
    found = page.evaluate(LANG_DIR)
    assert found[:2] == [lang, direction] and found[2] in ("", direction), (path, found)


def layout_and_axe(page: Any, where: str, axe_source: str, problems: list[str]) -> None:
    assert page.evaluate(OVERFLOW) <= 0, f"{where}: {page.evaluate(OVERFLOW)} px zu breit"
    violations = run_axe(page, axe_source)
    if violations:
        problems.append(f"{where}:\n{describe(violations)}")


def shot(page: Any, name: str, full_page: bool = False) -> None:
    shots = os.environ.get("ATLAS_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=full_page)


@pytest.fixture
def context(browser: Any) -> Any:
    made = []

    def new(size: tuple[int, int]) -> Any:
        ctx = browser.new_context(locale="de-DE", viewport={"width": size[0], "height": size[1]}, service_workers="block")
        made.append(ctx)
        return ctx.new_page()

    yield new
    for ctx in made:
        ctx.close()


@pytest.mark.heavy
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_page_in_each_language(context: Any, example_site_url: str, axe_source: str, size: tuple[int, int]) -> None:
    page = context(size)
    problems = []
    for path, (lang, direction) in LANGUAGES.items():
        open_in(page, example_site_url, path, lang, direction)
        assert page.evaluate("document.body.dir") == direction, path
        layout_and_axe(page, f"{path or '/'} {size}", axe_source, problems)
        if path in ("en/", "ar/"):
            shot(page, f"{lang}-{size[0]}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_switcher_with_the_keyboard_leads_to_the_other_language(context: Any, example_site_url: str, size: tuple[int, int]) -> None:
    page = context(size)
    page.goto(example_site_url + "en/", wait_until="load")
    summary = page.locator("header .atlas-lang summary")
    assert summary.get_attribute("aria-label") == "Select language"
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator('header .atlas-lang a[lang="ar"]')
    assert link.is_visible()
    assert page.evaluate(OVERFLOW) <= 0  # the open list stays inside the screen
    if os.environ.get("ATLAS_SHOTS"):
        page.screenshot(path=str(Path(os.environ["ATLAS_SHOTS"]) / f"switcher-{size[0]}.png"))
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size[0], box
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(example_site_url + "ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator("header .atlas-lang summary").click()
    page.locator('header .atlas-lang a[lang="de"]').click()
    page.wait_for_url(example_site_url)
    assert page.evaluate("document.documentElement.lang") == "de"


def test_search_finds_the_english_start_page_in_english_only(context: Any, example_site_url: str) -> None:
    """Pagefind keeps one index per `<html lang>` and opens the one of the page it runs on."""
    page = context((1366, 768))
    search = """async (word) => {
        const pagefind = await import(new URL('../pagefind/pagefind.js', location.href.endsWith('/en/') ? location.href : location.href + 'x/').href);
        await pagefind.init();
        const found = await pagefind.search(word);
        return Promise.all(found.results.slice(0, 20).map(r => r.data().then(d => d.url)));
    }"""
    page.goto(example_site_url + "en/", wait_until="load")
    english = page.evaluate(search, "residents")
    assert any(url.rstrip("/").endswith("/en") for url in english), english
    assert all("/en/" in url for url in english), english
    page.goto(example_site_url, wait_until="load")
    german = page.evaluate(search, "residents")
    assert not any("/en/" in url for url in german), german
