"""Family-centre and offer pages in every language in a real browser (issue 22): a family centre with an English
description and an offer of the example atlas (data/: de, en, uk, ar) on a phone (390×844) and a wide screen
(1366×768): the page's language and direction, translated headings, no horizontal overflow, no axe-core violation
(WCAG 2.1 A/AA). Helpers from test_languages.py (start page) and test_accessibility.py (axe).

Screenshots of the family centre in en and ar at both sizes go to $ATLAS_SHOTS (if set), for looking at them by eye.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .test_accessibility import describe, run_axe
from .test_languages import OVERFLOW, SIZES, context  # noqa: F401 (context: the fixture, used by name)

pytestmark = pytest.mark.browser

LANGUAGES = {"": ("de", "ltr"), "en/": ("en", "ltr"), "uk/": ("uk", "ltr"), "ar/": ("ar", "rtl")}
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
            response = page.goto(example_site_url + path, wait_until="load")
            assert response is not None and response.ok, path
            found = page.evaluate("() => [document.documentElement.lang, document.documentElement.getAttribute('dir') || 'ltr']")
            assert found == [lang, direction], (path, found)
            if record == CENTRE:
                headings = page.locator("article h2").all_inner_texts()
                assert any(h.strip().startswith(HOURS[lang]) for h in headings), (path, headings)
            assert page.evaluate(OVERFLOW) <= 0, f"{path} {size}: {page.evaluate(OVERFLOW)} px zu breit"
            violations = run_axe(page, axe_source)
            if violations:
                problems.append(f"{path} {size}:\n{describe(violations)}")
            shots = os.environ.get("ATLAS_SHOTS")
            if shots and record == CENTRE and lang in ("en", "ar"):
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(shots) / f"centre-{lang}-{size[0]}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
