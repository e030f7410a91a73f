"""Contacts and "Wer mit wem?" in a real browser: the vCard link downloads the card, and the matrix of the
example atlas prints within an A4 page with every cell word on one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from .conftest import serve

pytestmark = pytest.mark.browser

MM = 96 / 25.4
CONTENT_WIDTH = (210 - 2 * 16) * MM  # atlas-print.css: A4 with 16 mm left and right



@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    """The example atlas (14 networks: the matrix is split into several tables; `example_site` from
    tests/conftest.py, built once per test run), served on loopback."""
    with serve(example_site) as url:
        yield url


def test_vcard_link_downloads_the_card(open_page: Callable[[str], Any]) -> None:
    page = open_page("ansprechpersonen/")
    # issue 17: the vCards are in the A–Z table, collapsed at first (and on each contact's own page)
    page.locator('article details:has(a[href$="koordination-fh.vcf"]) > summary').click()
    link = page.locator('article a[href$="koordination-fh.vcf"]').first
    assert link.inner_text() == "vCard herunterladen"
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "koordination-fh.vcf"
    card = Path(download.path()).read_bytes()
    assert card.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n") and b"EMAIL;TYPE=INTERNET,WORK:fruehe-hilfen@example.org\r\n" in card


CELLS = """() => [...document.querySelectorAll('.atlas-matrix td, .atlas-matrix thead th')]
    .filter(c => c.textContent.trim())
    .map(c => {
        const words = [];
        const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            for (const m of node.textContent.matchAll(/[^\\s-]+/g)) {
                const r = document.createRange();
                r.setStart(node, m.index);
                r.setEnd(node, m.index + m[0].length);
                words.push([m[0], r.getClientRects().length]);
            }
        }
        return words;
    }).flat()"""


def test_matrix_prints_within_a4_with_whole_words(page: Any, example_url: str) -> None:
    response = page.goto(example_url + "organisationen/wer-mit-wem/", wait_until="load")
    assert response is not None and response.ok
    page.set_viewport_size({"width": int(CONTENT_WIDTH), "height": 1000})
    page.emulate_media(media="print")
    boxes = page.eval_on_selector_all(".atlas-matrix table", "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })")
    assert len(boxes) == 4
    for left, right in boxes:
        assert left >= -0.5 and right <= CONTENT_WIDTH + 0.5, (left, right)
    assert page.evaluate("document.documentElement.scrollWidth") <= int(CONTENT_WIDTH)
    words = page.evaluate(CELLS)
    assert {w for w, _ in words} >= {"koordiniert", "Mitglied"}
    broken = sorted({w for w, rects in words if rects > 1})
    assert broken == [], f"über zwei Zeilen getrennt: {broken}"
    # rows never split across pages, and the header row repeats on each printed page
    assert set(page.eval_on_selector_all(".atlas-matrix tr", "rs => rs.map(r => getComputedStyle(r).breakInside)")) == {"avoid"}
    assert set(page.eval_on_selector_all(".atlas-matrix thead", "hs => hs.map(h => getComputedStyle(h).display)")) == {"table-header-group"}
