"""The page frame without Material's script bundle (issue 18, point 2): assets/atlas-theme.js does in Chromium
what a visitor needs of the bundle – the colour scheme toggle (the system setting at load, the visitor's choice
stored only when made), the visible keyboard focus on the header's buttons, the table of contents that marks the
section being read, „Zurück zum Seitenanfang“, the page title in the header, the phone's menu that Escape and an
in-page link close, and the navigation label that Enter opens. Which files a page loads: tests/test_page_assets.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from .first_sight import DESKTOP, PHONE, opened

pytestmark = pytest.mark.browser

DARK = "label[for^='__palette_'][title='Dunkle Darstellung einschalten']"
LIGHT = "label[for^='__palette_'][title='Helle Darstellung einschalten']"
SCHEME = "document.body.getAttribute('data-md-color-scheme')"
STORED = "() => Object.keys(localStorage).filter(k => k.endsWith('__palette')).map(k => JSON.parse(localStorage.getItem(k)).index)"
LONG_PAGE = "datenschutz/"  # long legal text with a table of contents beside it on a wide screen


def test_no_script_of_materials_bundle_runs_and_no_error(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + LONG_PAGE, DESKTOP) as (page, visit):
        scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src')).filter(Boolean)")
        assert not [src for src in scripts if "bundle." in src], scripts
        assert any(src.endswith("assets/atlas-theme.js") for src in scripts), scripts
        assert not [url for url in visit.requests if "/assets/javascripts/" in url or url.endswith("sitemap.xml")]
        assert visit.errors == []


def test_colour_scheme_follows_the_system_and_is_stored_only_when_chosen(browser: Any, example_site_url: str) -> None:
    context = browser.new_context(locale="de-DE", color_scheme="dark", service_workers="block")
    try:
        page = context.new_page()
        page.goto(example_site_url + LONG_PAGE, wait_until="load")
        assert page.evaluate(SCHEME) == "slate"  # the system's dark setting, nothing chosen yet
        assert page.evaluate(STORED) == [] and page.evaluate("localStorage.length") == 0
        assert page.locator(LIGHT).is_visible() and not page.locator(DARK).is_visible()
        page.locator(LIGHT).click()
        assert page.evaluate(SCHEME) == "default"
        assert page.evaluate(STORED) == [0]  # the visitor's choice, kept for the next pages
        assert page.locator(DARK).is_visible() and not page.locator(LIGHT).is_visible()
        page.goto(example_site_url, wait_until="load")
        assert page.evaluate(SCHEME) == "default"  # against the system setting: the choice wins
        assert page.locator(DARK).is_visible()
    finally:
        context.close()


def test_colour_toggle_answers_the_keyboard_with_a_visible_focus(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + LONG_PAGE, DESKTOP) as (page, _):
        assert page.evaluate(SCHEME) == "default"
        page.locator("input.md-option:checked").focus()  # the toggle's input: its label shows the focus
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => { const input = document.activeElement; const label = input.nextElementSibling;
            const s = getComputedStyle(label); return [input.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        assert "focus-visible" in ring[0] and ring[1] != "none" and ring[2] >= 1, ring
        page.keyboard.press("Enter")
        assert page.evaluate(SCHEME) == "slate"


def test_contents_mark_the_section_being_read_and_back_to_top_appears_on_the_way_up(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + LONG_PAGE, DESKTOP) as (page, _):
        top = page.locator(".md-top")
        assert top.get_attribute("hidden") is not None  # Material fades it out, the attribute keeps it shut
        title = page.locator("[data-md-component='header-title']")
        assert "md-header__title--active" not in title.get_attribute("class")
        heading_id = page.evaluate("""() => { const h = document.querySelectorAll('article h2')[3];
            window.scrollBy(0, h.getBoundingClientRect().top - 80); return h.id; }""")
        # Material marks the section on its next scroll event: wait for the mark instead of a fixed time
        page.wait_for_function("""id => [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link--active')]
            .some(a => a.getAttribute('href') === '#' + id)""", arg=heading_id, timeout=5000)
        active = page.locator(".md-sidebar--secondary a.md-nav__link--active")
        assert active.count() == 1 and active.get_attribute("href") == f"#{heading_id}"
        assert "md-header__title--active" in title.get_attribute("class")  # the page's title in the header
        page.mouse.wheel(0, 2500)
        page.wait_for_timeout(200)
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(300)
        page.wait_for_function("() => !document.querySelector('.md-top').hidden", timeout=5000)  # a busy machine: later
        assert top.is_visible() and "Zurück zum Seitenanfang" in top.inner_text()
        top.click()
        page.wait_for_function("window.scrollY === 0")
        assert top.get_attribute("hidden") is not None


def test_phone_menu_closes_with_escape_and_opens_a_section_with_enter(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + LONG_PAGE, PHONE) as (page, _):
        drawer = page.locator("#__drawer")
        page.locator(".md-header label[for='__drawer']").click()
        assert drawer.is_checked()
        page.keyboard.press("Escape")
        assert not drawer.is_checked()
        # A section of the menu is a label; Enter on it opens its sub-menu as a click does.
        page.locator(".md-header label[for='__drawer']").click()
        label = page.locator(".md-nav--primary label.md-nav__link[for^='__nav_']").first
        toggle = page.locator(f"#{label.get_attribute('for')}")
        before = toggle.is_checked()
        label.evaluate("el => { el.setAttribute('tabindex', '0'); el.focus(); }")
        page.keyboard.press("Enter")
        assert toggle.is_checked() != before


def test_an_in_page_link_of_the_menu_closes_it(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + LONG_PAGE, PHONE) as (page, _):
        page.locator(".md-header label[for='__drawer']").click()
        assert page.locator("#__drawer").is_checked()
        page.evaluate("location.hash = '#' + document.querySelectorAll('article h2')[2].id")
        page.wait_for_function("!document.getElementById('__drawer').checked")

