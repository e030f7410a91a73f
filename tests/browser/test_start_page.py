"""Smoke test of the browser setup: the start page of the mini atlas in a real Chromium."""

from __future__ import annotations

from typing import Any, Callable

import pytest

pytestmark = pytest.mark.browser


def test_start_page_loads_in_german_without_errors_or_foreign_requests(open_page: Callable[[str], Any], page_log: Any, site_url: str) -> None:
    page = open_page("")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert "Sozialraumatlas Testkreis" in page.title()
    assert page.locator("article h1").count() == 1
    assert page_log.console_errors == []
    assert page_log.page_errors == []
    assert any(url.startswith(site_url + "assets/") for url in page_log.requests), page_log.requests
    assert page_log.foreign_requests() == []
