"""Renamed records (`former_ids`) in a real browser: an old address (a bookmark, a printed flyer, a search
engine's link) lands on the record's new page, and the forwarding page is never indexed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from .conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def renamed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini atlas after the offer `seniorentreff` was renamed to `seniorentreff-am-markt`."""
    from conftest import MINI, build_site, shared_build  # tests/conftest.py

    def make(root: Path) -> Path:
        data = root / "data"
        shutil.copytree(MINI, data)
        old = data / "offers" / "seniorentreff.yaml"
        text = old.read_text(encoding="utf-8").replace("id: seniorentreff", "id: seniorentreff-am-markt\nformer_ids: [seniorentreff]")
        (data / "offers" / "seniorentreff-am-markt.yaml").write_text(text, encoding="utf-8")
        old.unlink()
        return build_site(data, root)

    site = shared_build(tmp_path_factory, "renamed", make)  # once per test run, read only
    with serve(site) as url:
        yield url


def test_old_address_lands_on_the_new_page(page: Any, renamed_url: str) -> None:
    for old in ("angebote/seniorentreff/", "angebote/seniorentreff/index.html"):
        page.goto(renamed_url + old)
        page.wait_for_url(renamed_url + "angebote/seniorentreff-am-markt/", timeout=10_000)
        assert page.locator("h1").first.inner_text().strip()
        assert "umgezogen" not in page.title()
        assert page.evaluate("document.documentElement.lang") == "de"


def test_forwarding_page_is_not_indexed_and_says_where_to_go_without_refresh(page: Any, renamed_url: str) -> None:
    """What a browser with meta refresh turned off (or a screen reader user who stops it) sees."""
    response = page.request.get(renamed_url + "angebote/seniorentreff/")
    body = response.text()
    assert response.status == 200
    assert '<meta name="robots" content="noindex">' in body
    assert '<meta http-equiv="refresh" content="0; url=../seniorentreff-am-markt/">' in body
    page.set_content(body.replace('<meta http-equiv="refresh"', '<meta name="x-refresh-off"'))
    link = page.get_by_role("link")
    assert link.count() == 1 and link.get_attribute("href") == "../seniorentreff-am-markt/"
    assert page.locator("h1").inner_text() == "Diese Seite ist umgezogen"
    sitemap = page.request.get(renamed_url + "sitemap.xml").text()
    assert "data-pagefind-body" not in body  # not in the site search (Pagefind indexes marked pages only)
    assert "angebote/seniorentreff/" not in sitemap.replace("seniorentreff-am-markt", "")
