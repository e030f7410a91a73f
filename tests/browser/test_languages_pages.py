"""Family-centre and offer pages in every language in a real browser (issue 22): a family centre with an English
description and an offer of the example atlas (data/: de, en, uk, ar) on a phone (390×844) and a wide screen
(1366×768): the page's language and direction, translated headings, no horizontal overflow, no axe-core violation
(WCAG 2.1 A/AA). Helpers from test_languages.py (start page) and test_accessibility.py (axe).

Screenshots of the family centre in en and ar at both sizes go to $ATLAS_SHOTS (if set), for looking at them by eye.
"""

from __future__ import annotations

from typing import Any

import pytest

from .test_languages import LANGUAGES, SIZES, context, layout_and_axe, open_in, shot  # noqa: F401 (context: the fixture, used by name)

pytestmark = pytest.mark.browser

CENTRE = "familienzentren/familienzentrum-beelitz/"
OFFER = "angebote/babymassage-werder-havel/"
HOURS = {"de": "Öffnungszeiten", "en": "Opening hours", "uk": "Години роботи", "ar": "ساعات العمل"}


@pytest.mark.heavy
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_family_centre_and_offer_in_each_language(context: Any, example_site_url: str, axe_source: str, size: tuple[int, int]) -> None:  # noqa: F811
    page = context(size)
    problems = []
    for prefix, (lang, direction) in LANGUAGES.items():
        for record in (CENTRE, OFFER):
            path = prefix + record
            open_in(page, example_site_url, path, lang, direction)
            if record == CENTRE:
                headings = page.locator("article h2").all_inner_texts()
                assert any(h.strip().startswith(HOURS[lang]) for h in headings), (path, headings)
            layout_and_axe(page, f"{path} {size}", axe_source, problems)
            if record == CENTRE and lang in ("en", "ar"):
                shot(page, f"centre-{lang}-{size[0]}", full_page=True)
    assert problems == [], "\n".join(problems)
