"""The page „Offene Daten“ in a real browser: the attribution has Material's copy button, the files download."""

from __future__ import annotations

from typing import Any, Callable

import pytest

pytestmark = pytest.mark.browser


def test_attribution_has_a_copy_button_and_files_are_served(open_page: Callable[[str], Any], page_log: Any, site_url: str) -> None:
    page = open_page("daten/")
    button = page.locator("pre.atlas-attribution button.md-code__button[data-md-type=copy]")
    button.wait_for(state="attached", timeout=5000)
    assert button.count() == 1
    copied = page.evaluate("document.querySelector('pre.atlas-attribution code').textContent")
    assert copied.startswith("Datenquelle: Testkreis (Testdaten)")
    response = page.request.get(site_url + "daten/kennzahlwerte.csv")
    assert response.status == 200 and response.body().startswith(b"\xef\xbb\xbfindicator;")
    assert page_log.console_errors == [] and page_log.page_errors == []
    assert page_log.foreign_requests() == []
