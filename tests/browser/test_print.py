"""Print stylesheet (generator/pages/assets/atlas-print.css) in a real browser: a profile prints as a clean A4
document — no navigation, content within the page, maps as static images, each section on a new page,
example data still marked — while ordinary pages keep flowing."""

from __future__ import annotations

import io
import re
from typing import Any, Callable

import pytest

from .test_accessibility import load_frames

pytestmark = pytest.mark.browser

PROFILE = "sozialraeume/teststadt/"
PROFILES = ["sozialraeume/teststadt/", "sozialraeume/amt-testheide/"]
ORDINARY = "angebote/"

# The page geometry of atlas-print.css: A4, 16 mm left and right.
MM = 96 / 25.4  # CSS px per mm
A4_PT = (595.28, 841.89)
CONTENT_WIDTH = (210 - 2 * 16) * MM  # 672.76 px
CONTENT_HEIGHT = (297 - 16 - 18) * MM
PAGE_NUMBER = re.compile(r"^Seite \d+ von \d+$")

# Parts of the screen layout that have no place on paper (each exists on a profile page).
SCREEN_ONLY = [
    ".md-header",
    ".atlas-search",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-nav--primary",
    ".md-top",
    ".md-typeset .headerlink",
    ".atlas-footer__nav",
    ".atlas-map iframe",
]
ON_PAPER = ["article h1", "article h2", ".atlas-notice", ".atlas-example", ".atlas-footer__line"]

VISIBILITY = """selectors => selectors.map(s => {
    const all = [...document.querySelectorAll(s)];
    return [s, all.length, all.filter(e => e.checkVisibility()).length];
})"""

TOO_WIDE = """width => [...document.querySelectorAll('body *')]
    .filter(e => e.checkVisibility())
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 && (r.left < -0.5 || r.right > width + 0.5))
    .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(r.left)}–${Math.round(r.right)}`)"""

def visibility(page: Any, selectors: list[str]) -> dict[str, tuple[int, int]]:
    return {s: (n, shown) for s, n, shown in page.evaluate(VISIBILITY, selectors)}


def pdf_pages(page: Any, **options: Any) -> list[Any]:
    from pypdf import PdfReader

    return list(PdfReader(io.BytesIO(page.pdf(print_background=True, **options))).pages)


def lines(pdf_page: Any) -> list[str]:
    """Text lines of a PDF page without the page number in the margin."""
    text = pdf_page.extract_text().replace("\xa0", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not PAGE_NUMBER.match(line.strip())]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\xa0", " "))


def h2_texts(page: Any) -> list[str]:
    return page.eval_on_selector_all("article h2", "hs => hs.map(h => h.textContent.replace('¶', '').trim())")


def print_view(open_page: Callable[[str], Any], path: str) -> Any:
    page = open_page(path)
    page.emulate_media(media="print")
    return page


# ------------------------------------------------------------------------------------------ screen


def test_static_map_image_is_shown_on_screen_until_the_map_is_opened(open_page: Callable[[str], Any]) -> None:
    page = open_page(PROFILE)
    shown = visibility(page, ["img.atlas-map__static", ".atlas-map iframe", ".atlas-map__open"])
    assert shown["img.atlas-map__static"][1] == shown["img.atlas-map__static"][0] >= 1
    assert shown[".atlas-map__open"][1] == shown["img.atlas-map__static"][0] and shown[".atlas-map iframe"][0] == 0
    load_frames(page)  # „Interaktive Karte öffnen“ on every map: the image stays in the page, hidden on screen
    opened = visibility(page, ["img.atlas-map__static", ".atlas-map iframe", ".atlas-map__open"])
    assert opened["img.atlas-map__static"] == (shown["img.atlas-map__static"][0], 0)
    assert opened[".atlas-map iframe"][1] == opened[".atlas-map iframe"][0] == shown["img.atlas-map__static"][0]


# ------------------------------------------------------------------------------------------ styles in print


def test_print_hides_navigation_and_keeps_content_and_example_marks(open_page: Callable[[str], Any]) -> None:
    page = open_page(PROFILE)
    load_frames(page)  # the maps' iframes exist only once opened
    on_screen = visibility(page, SCREEN_ONLY + ON_PAPER)
    for selector in SCREEN_ONLY + ON_PAPER:
        assert on_screen[selector][0] >= 1, f"{selector} fehlt auf der Seite: der Test prüfte sonst nichts"
    page.emulate_media(media="print")
    printed = visibility(page, SCREEN_ONLY + ON_PAPER)
    assert {s: shown for s, (_, shown) in printed.items() if s in SCREEN_ONLY and shown} == {}
    assert {s: n - shown for s, (n, shown) in printed.items() if s in ON_PAPER and shown < n} == {}
    # Example badges print legibly in black on their light background, with a frame for grey printers.
    badge = page.eval_on_selector(
        ".atlas-example",
        "e => { const s = getComputedStyle(e); return [s.color, s.borderTopColor, s.borderTopStyle, s.printColorAdjust]; }",
    )
    assert badge == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "solid", "exact"]


@pytest.mark.parametrize("opened", [False, True], ids=["Karte-zu", "Karte-geoeffnet"])
def test_map_prints_as_static_image_within_the_page(open_page: Callable[[str], Any], opened: bool) -> None:
    page = open_page(PROFILE)
    page.set_viewport_size({"width": int(CONTENT_WIDTH), "height": 900})
    # the profile's own static map images (not lazy: a hidden lazy image would not be loaded for print)
    page.wait_for_function("[...document.querySelectorAll('img.atlas-map__static')].every(i => i.complete)")
    if opened:
        load_frames(page)
    page.emulate_media(media="print")
    shown = visibility(page, ["img.atlas-map__static", ".atlas-map iframe", ".atlas-map", ".atlas-map__open"])
    assert shown[".atlas-map iframe"] == ((1 if opened else 0) * shown[".atlas-map"][0], 0)
    assert shown[".atlas-map__open"] == ((0 if opened else 1) * shown[".atlas-map"][0], 0)  # no button on paper
    assert shown["img.atlas-map__static"][1] == shown["img.atlas-map__static"][0] >= 1
    box = page.locator("img.atlas-map__static").first.bounding_box()
    assert box is not None
    assert box["x"] >= -0.5 and box["x"] + box["width"] <= CONTENT_WIDTH + 0.5
    assert 0.5 * CONTENT_HEIGHT < box["height"] <= 0.6 * CONTENT_HEIGHT


def test_map_without_static_image_is_left_out_of_print(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, PROFILE)
    page.evaluate(
        """() => { const d = document.createElement('div'); d.className = 'atlas-map'; d.id = 'bare-map';
                   d.innerHTML = '<iframe title="Karte" src="about:blank"></iframe>';
                   document.querySelector('article h2').after(d); }"""
    )
    assert visibility(page, ["#bare-map"])["#bare-map"] == (1, 0)


@pytest.mark.parametrize("path", PROFILES + ["kennzahlen/", "landkreis/", ORDINARY, "familienzentren/fz-teststadt/"])
def test_nothing_is_wider_than_the_a4_content_box(open_page: Callable[[str], Any], path: str) -> None:
    page = open_page(path)
    page.set_viewport_size({"width": int(CONTENT_WIDTH), "height": 1000})
    page.emulate_media(media="print")
    too_wide = page.evaluate(TOO_WIDE, int(CONTENT_WIDTH))
    assert too_wide == [], "\n".join(too_wide)
    assert page.evaluate("document.documentElement.scrollWidth") <= int(CONTENT_WIDTH)
    # The content uses the full page width (no sidebars' space, no centred narrow column).
    assert page.eval_on_selector("article", "a => a.getBoundingClientRect().width") >= int(CONTENT_WIDTH) - 1


def test_tables_headings_and_figures_do_not_break_badly(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, "sozialraeume/amt-testheide/")
    styles = page.evaluate(
        """() => {
            const s = (sel, prop) => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e)[prop]);
            return {
                thead: s('article thead', 'display'),
                tr: s('article tr', 'breakInside'),
                heading: s('article h2, article h3', 'breakAfter'),
                numeric: s('article td[style*="right"]', 'textAlign'),
                body: s('article > p, article li', 'fontSize'),
            };
        }"""
    )
    assert styles["thead"] and set(styles["thead"]) == {"table-header-group"}
    assert styles["tr"] and set(styles["tr"]) == {"avoid"}
    assert styles["heading"] and set(styles["heading"]) == {"avoid"}
    assert styles["numeric"] and set(styles["numeric"]) == {"right"}
    # Body text in paper sizes: 10 to 11 pt (13.3 to 14.7 CSS px).
    sizes = {float(size.removesuffix("px")) for size in styles["body"]}
    assert sizes and all(10 * 4 / 3 <= size <= 11 * 4 / 3 for size in sizes), sizes


def test_long_table_repeats_its_header_on_every_printed_page(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, ORDINARY)
    page.evaluate(
        """() => {
            const rows = Array.from({length: 90}, (_, i) => `<tr><td>Zeile ${i + 1}</td><td style="text-align: right">${i}</td></tr>`);
            document.querySelector('article').insertAdjacentHTML('beforeend',
                `<table><thead><tr><th>Kopfzeile Name</th><th>Kopfzeile Wert</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
        }"""
    )
    pages = pdf_pages(page, format="A4")
    with_rows = [p for p in pages if any(line.startswith("Zeile ") for line in lines(p))]
    assert len(with_rows) >= 2
    for number, pdf_page in enumerate(with_rows, 1):
        assert "Kopfzeile Name" in pdf_page.extract_text(), f"Seite {number} der Tabelle ohne Kopfzeile"


def test_external_links_print_their_address_internal_links_do_not(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, PROFILE)
    page.evaluate(
        """() => document.querySelector('article').insertAdjacentHTML('beforeend',
            '<p><a id="ext" href="https://www.example.org/plan">Plan</a> <a id="int" href="../../angebote/">Angebote</a> '
            + '<a id="mail" href="mailto:a@example.org">a@example.org</a></p>')"""
    )
    after = page.evaluate(
        "() => Object.fromEntries(['ext', 'int', 'mail'].map(id => [id, getComputedStyle(document.getElementById(id), '::after').content]))"
    )
    assert after["ext"] == '" (https://www.example.org/plan)"'
    assert after["int"] in ("none", "normal")
    assert after["mail"] in ("none", "normal")


# ------------------------------------------------------------------------------------------ the PDF


def test_profile_pdf_is_a4_with_each_section_on_its_own_page(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, PROFILE)
    sections = h2_texts(page)
    assert len(sections) >= 4
    nav_entries = page.eval_on_selector_all(".md-nav--primary .md-nav__link", "ls => ls.map(l => l.textContent.trim())")
    article_lines = page.eval_on_selector("article", "a => a.innerText.split('\\n').map(l => l.trim())")
    article_words = page.eval_on_selector("article", "a => a.innerText.split(/\\s+/).filter(Boolean)")

    pages = pdf_pages(page, format="A4")
    assert len(pages) > 1
    for number, pdf_page in enumerate(pages, 1):
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert abs(width - A4_PT[0]) <= 1 and abs(height - A4_PT[1]) <= 1, f"Seite {number}: {width}×{height} pt"

    page_lines = [lines(p) for p in pages]
    # The first section stays on the title page; every later one starts a page, in order.
    assert sections[0] in page_lines[0]
    starts = [ls[0] for ls in page_lines[1:] if ls]
    assert [s for s in starts if s in sections] == sections[1:]

    text = "\n".join("\n".join(ls) for ls in page_lines)
    blob = squeeze(text)
    missing = [w for w in article_words if squeeze(w) not in blob]
    assert missing == [], f"im PDF fehlt: {missing[:10]}"
    # Example data stay marked on paper: the notice and the badges.
    assert "Beispiel" in text and "Erfundene Einträge sind mit" in text
    # The footer keeps publisher, licence and data date; navigation, legal links and ¶ are gone.
    assert "Datenstand: 15.01.2026" in text and "dl-de/by-2-0" in text
    every_line = {line for ls in page_lines for line in ls}
    left_out = {e for e in nav_entries if e not in article_lines} | {"Impressum", "Datenschutz", "Zurück zum Seitenanfang"}
    assert len(left_out) >= 5
    assert left_out & every_line == set()
    assert "¶" not in text


def test_css_page_size_is_a4_whatever_paper_the_printer_suggests(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, PROFILE)
    pages = pdf_pages(page, format="Letter", prefer_css_page_size=True)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages}
    assert sizes == {(595, 842)}


def test_ordinary_page_does_not_break_before_every_section(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, ORDINARY)
    sections = h2_texts(page)
    assert len(sections) >= 2
    breaks = page.eval_on_selector_all("article h2", "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert set(breaks) == {"auto"}
    pages = pdf_pages(page, format="A4")
    first = lines(pages[0])
    assert all(section in first for section in sections)


def test_profile_breaks_before_every_section_but_the_first(open_page: Callable[[str], Any]) -> None:
    page = print_view(open_page, "sozialraeume/amt-testheide/")
    breaks = page.eval_on_selector_all("article h2", "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert len(breaks) >= 4
    assert breaks == ["auto"] + ["page"] * (len(breaks) - 1)
