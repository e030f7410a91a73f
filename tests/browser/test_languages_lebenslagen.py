"""The Lebenslagen-Lotse and the Impressum in every language in a real browser (issue 22): a situation page and the
Impressum of the example atlas (data/: de, en, uk, ar) on a phone (390×844) and a wide screen (1366×768): the page's
language and direction, translated headings, no horizontal overflow, no axe-core violation (WCAG 2.1 A/AA); and the
question path with JavaScript in Arabic leads to the situation page with the chosen place shown. One page load per
page, size and language. Screenshots of both pages in en and ar go to $ATLAS_SHOTS (if set), for looking at them by eye.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.core import i18n

from .test_languages import LANGUAGES, SIZES, context, layout_and_axe, open_in, shot  # noqa: F401 (context: the fixture, used by name)

pytestmark = pytest.mark.browser

# The boxes of the page title's section link: none (atlas.css hides it), also where the page has one.
TITLE_LINK = """() => { const link = document.querySelector('article h1 .headerlink');
  return link ? link.getClientRects().length : -1; }"""
PAGES = {"lebenslagen/ein-kind-kommt/": "Hilfe in der Nähe", "impressum/": "Anbieter"}


@pytest.mark.heavy
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_situation_and_impressum_in_each_language(context: Any, example_site_url: str, axe_source: str, size: tuple[int, int]) -> None:  # noqa: F811
    page = context(size)
    problems = []
    for prefix, (lang, direction) in LANGUAGES.items():
        for record, heading in PAGES.items():
            path = prefix + record
            open_in(page, example_site_url, path, lang, direction)
            headings = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
            assert i18n.translations(lang).gettext(heading) in headings, (path, headings)
            # the title's hidden section link (¶) took a line of its own under „Imprint (Impressum)“ on a phone
            assert page.evaluate(TITLE_LINK) == 0, f"{path} {size}: Abschnittslink des Titels nimmt Platz ein"
            layout_and_axe(page, f"{path} {size}", axe_source, problems)
            if lang in ("en", "ar"):
                shot(page, f"{record.split('/')[-2]}-{lang}-{size[0]}", full_page=True)
    assert problems == [], "\n".join(problems)


def test_question_path_in_arabic_leads_to_the_chosen_place(context: Any, example_site_url: str) -> None:  # noqa: F811
    page = context((390, 844))
    page.goto(example_site_url + "ar/lebenslagen/fragen/wo/ein-kind-kommt/", wait_until="load")
    page.locator("article li a[href*='#ort-teltow']").first.click()
    page.wait_for_url("**/ar/lebenslagen/ein-kind-kommt/#ort-teltow")
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('details.atlas-lotse__ort'))
        .filter(d => !d.hidden).map(d => [d.querySelector('.atlas-lotse__anker').id, d.open])""")
    assert shown == [["ort-teltow", True]], shown
    button = page.locator(".atlas-lotse__alle button")
    assert button.is_visible() and button.inner_text() == i18n.translations("ar").gettext("Alle Orte zeigen")
    assert page.evaluate("document.documentElement.dir") == "rtl"
