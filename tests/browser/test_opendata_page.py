"""The page „Offene Daten“ in a real browser: the attribution has a copy button (assets/atlas-copy.js) that puts the
exact text into the clipboard, the files download."""

from __future__ import annotations

from typing import Any, Callable

import pytest

pytestmark = pytest.mark.browser


def test_attribution_has_a_copy_button_and_files_are_served(open_page: Callable[[str], Any], page_log: Any, site_url: str) -> None:
    page = open_page("daten/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    button = page.get_by_role("button", name="Kopieren")
    assert button.count() == 1 and button.is_visible()
    text = page.evaluate("document.querySelector('pre.atlas-attribution code').textContent")
    assert text.startswith("Datenquelle: Testkreis (Testdaten)")
    button.click()
    page.get_by_role("status").filter(has_text="Kopiert.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text
    response = page.request.get(site_url + "daten/kennzahlwerte.csv")
    assert response.status == 200 and response.body().startswith(b"\xef\xbb\xbfindicator;")
    assert page_log.console_errors == [] and page_log.page_errors == []
    assert page_log.foreign_requests() == []
