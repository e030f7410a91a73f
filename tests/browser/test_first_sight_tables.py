"""No hidden table columns at first sight (issue 17, point 2) in a real browser, on a phone (390×844) and a
laptop (1366×768).

On every page type (first_sight.PAGE_TYPES) and every profile every table shows all its columns, or scrolls inside its own
region that the keyboard reaches, that has a name and that shows a visible hint (first_sight.clipped_tables;
collapsed <details> opened first). The same without JavaScript on the pages with the widest tables: the
regions are written by the generator (generator/pages/table_regions.py), not by Material's script. A region is
reached with Tab and scrolled with the arrow keys; its hint shows only while the table is wider than its box.
Every table of the built pages in a region: tests/test_table_regions.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from .first_sight import DESKTOP, PAGE_TYPES, PHONE, SCROLL_HINT, SIZE_IDS, SIZES, clipped_tables, each_opened, opened, read_until

pytestmark = pytest.mark.browser

# page types whose tables are wider than a phone (and, the first three, than the laptop's content column)
WIDE = ["sozialraeume", "sozialraum", "landkreis", "datenmodell", "ziele-feld"]

REGIONS = """() => [...document.querySelectorAll('.atlas-scroll')].map(box => {
  const hint = box.querySelector('HINT');
  const r = hint ? hint.getBoundingClientRect() : null;
  return {label: box.getAttribute('aria-label'), overflows: box.scrollWidth > box.clientWidth + 1,
          hint: !!r && r.width > 0 && r.height > 0 && getComputedStyle(hint).visibility === 'visible'};
})""".replace("HINT", SCROLL_HINT)


def settled_regions(page: Any) -> list[dict[str, Any]]:
    """REGIONS, read again (up to 3 s) while a hint does not yet follow its region's width: the scroll-state queries
    that show a hint are updated with a rendered frame, later on a busy machine than a fixed 200 ms allowed."""
    return read_until(page, REGIONS, lambda regions: all(r["hint"] == r["overflows"] for r in regions), 30)


def tables_on(page: Any) -> int:
    return page.evaluate("() => document.querySelectorAll('table').length")


@pytest.mark.heavy
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_no_table_hides_columns(example_tour, size):
    """Every page type and every profile at this viewport, as the tour read them (first_sight.tour); all are
    checked before the test fails, each one named."""
    seen = example_tour(size)
    names = {path: kind for kind, path in PAGE_TYPES.items()}
    assert set(names) <= set(seen), "Seitentypen fehlen in der Runde"
    failures, checked = [], 0
    for path, page in seen.items():
        checked += page.tables
        if page.clipped:
            failures.append(f"{names.get(path, path)}: {len(page.clipped)} Tabellen verdecken Spalten:\n" + "\n".join(page.clipped))
    assert checked > len(seen), f"nur {checked} Tabellen auf {len(seen)} Seiten – prüft der Test noch etwas?"
    assert not failures, f"bei {size[0]}×{size[1]}:\n" + "\n".join(failures)


def test_no_table_hides_columns_without_javascript(browser, example_site_url):
    failures = []
    for kind, page in each_opened(browser, example_site_url, WIDE, PHONE, javascript=False):
        clipped = clipped_tables(page)
        regions = page.evaluate(REGIONS)
        if not any(r["overflows"] for r in regions):
            failures.append(f"{kind}: keine Tabelle breiter als das Telefon – prüft der Test noch etwas?")
        if clipped:
            failures.append(f"{kind} ohne JavaScript: " + "\n".join(clipped))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_hint_shows_exactly_while_a_table_is_wider_than_its_box(browser, example_site_url, size):
    """On a phone most tables overflow, on the laptop few: the hint follows each region's own width."""
    seen = {True: 0, False: 0}
    for kind in ["sozialraeume", "familienzentrum", "kennzahl"]:
        with opened(browser, example_site_url + PAGE_TYPES[kind], size) as (page, _visit):
            for region in settled_regions(page):
                assert region["hint"] == region["overflows"], f"{kind} {size}: {region}"
                seen[region["overflows"]] += 1
    assert seen[True] and seen[False], seen  # both cases met


def test_a_region_is_reached_with_tab_and_scrolled_with_the_arrow_keys(browser, example_site_url):
    with opened(browser, example_site_url + PAGE_TYPES["sozialraeume"], PHONE) as (page, _visit):
        region = page.locator(".atlas-scroll").first
        assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "die Tabelle passt aufs Telefon: kein Prüffall"
        assert region.locator(SCROLL_HINT).is_visible()
        for _ in range(120):
            page.keyboard.press("Tab")
            if region.evaluate("el => document.activeElement === el"):
                break
        else:
            pytest.fail("Tab erreicht den Bereich der Tabelle nicht")
        name = region.get_attribute("aria-label")
        assert name and name.startswith("Tabelle: ")
        # a visible focus ring
        assert region.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
        assert region.evaluate("el => el.scrollLeft") == 0
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
        for _ in range(100):  # on to the right edge, arrow key by arrow key (End would scroll the page down)
            if region.evaluate("el => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1"):
                break
            page.keyboard.press("ArrowRight")
        else:
            pytest.fail("die Pfeiltaste bringt die letzte Spalte nicht in den Bereich")
        # the last column is now inside the box
        inside = region.evaluate("""el => { const cell = el.querySelector('tr:first-child > :last-child');
            const a = cell.getBoundingClientRect(), b = el.getBoundingClientRect(); return a.right <= b.right + 1; }""")
        assert inside


def test_the_profile_comparison_table_scrolls_in_its_region_on_the_laptop(browser, example_site_url):
    """The issue's case: 8 columns in the 720 px content column. All columns are reachable in the region."""
    with opened(browser, example_site_url + PAGE_TYPES["sozialraum"], DESKTOP) as (page, _visit):
        heads = page.evaluate("""() => { const t = [...document.querySelectorAll('.atlas-scroll table')]
            .find(t => [...t.querySelectorAll('th')].some(th => th.textContent.trim() === 'Prognose'));
            if (!t) return null; const box = t.closest('.atlas-scroll');
            box.scrollLeft = box.scrollWidth;
            const b = box.getBoundingClientRect();
            return [...t.rows[0].cells].map(c => { const r = c.getBoundingClientRect();
              return [c.textContent.trim(), r.right <= b.right + 1]; }); }""")
    if heads is None:
        pytest.skip("Profil ohne Vergleichstabelle mit „Prognose“")
    assert dict(heads)["Prognose"], heads  # scrolled to its end, the region shows the last column


def test_a_stacked_table_stays_a_table_for_screen_readers_on_a_phone(browser, example_site_url):
    """On a phone a stacked list shows each row as a card (`display: block`), without ARIA table roles (HTML forbids
    them on a native table's rows and cells): Chromium's accessibility tree still has the table, its column
    headers and cells, row by row."""
    with opened(browser, example_site_url + PAGE_TYPES["familienzentren"], PHONE) as (page, _visit):
        table = page.locator(".atlas-stacked table").first
        assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "block"  # cards
        tree = table.aria_snapshot()
    assert tree.startswith("- table"), tree[:200]
    assert "columnheader \"Familienzentrum\"" in tree and "- row " in tree and "- cell " in tree, tree[:600]

