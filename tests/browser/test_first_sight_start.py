"""Issue 17, points 4, 5 and 10 a in Chromium on the example atlas: the start page's entry points in the first
screen at both sizes, one compact example notice on every page type, and a next meeting that the visitor's own
date has passed relabelled as the last one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from .first_sight import PAGE_TYPES, PHONE, SIZE_IDS, SIZES, opened

pytestmark = pytest.mark.browser

NOTICE_LIMIT = PHONE[1] * 0.10  # at most 10 % of the phone's first screen

# Bounding boxes of the start page's entry points; the search is the header's field (desktop) or its button (phone).
ENTRY_BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; };
  const visible = s => [...document.querySelectorAll(s)].find(e => e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 0);
  const link = (href, text) => [...document.querySelectorAll('article a')].find(a => a.getAttribute('href').endsWith(href) && a.textContent.trim() === text);
  const out = {};
  const search = visible('#atlas-search-q') || visible('.atlas-search__open');
  out.search = search ? box(search) : null;
  const finder = link('angebote/finder/', 'Angebot finden');
  out.finder = finder && finder.checkVisibility() ? box(finder) : null;
  const nearby = link('angebote/naehe/', 'In meiner Nähe');
  out.nearby = nearby && nearby.checkVisibility() ? box(nearby) : null;
  return out;
}"""

@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_start_page_entry_points_in_first_screen(browser: Any, example_site_url: str, size: tuple[int, int]) -> None:
    with opened(browser, example_site_url, size) as (page, visit):
        boxes = page.evaluate(ENTRY_BOXES)
        assert visit.errors == []
    width, height = size
    for name in ("search", "finder", "nearby"):
        box = boxes[name]
        assert box is not None, f"{name}: nicht sichtbar"
        assert box["width"] >= 24 and box["height"] >= 24, f"{name}: zu klein {box}"
        assert 0 <= box["top"] and box["bottom"] <= height and 0 <= box["left"] and box["right"] <= width, f"{name}: {box}"


@pytest.mark.heavy
def test_one_compact_example_notice_on_the_phone(example_tour: Any) -> None:
    """On every page type and every profile, as the phone's tour read them (all checked before the test fails)."""
    seen = example_tour(PHONE)
    names = {path: kind for kind, path in PAGE_TYPES.items()}
    assert set(names) <= set(seen), "Seitentypen fehlen in der Runde"
    failures = []
    for path, page in seen.items():
        kind = names.get(path, path)
        if len(page.notices) != 1:
            failures.append(f"{kind}: {len(page.notices)} Hinweise {page.notices}")
        elif page.notices[0]["banner"] > NOTICE_LIMIT:
            failures.append(f"{kind}: Hinweis {page.notices[0]['banner']} px hoch")
        if page.doubled:
            failures.append(f"{kind}: „(Beispiel) Beispiel“")
    assert not failures, "\n".join(failures)


def test_notice_opens_to_its_full_text(browser: Any, example_site_url: str) -> None:
    with opened(browser, example_site_url + PAGE_TYPES["angebot"], PHONE) as (page, _):
        notice = page.locator(".md-banner details.atlas-notice")
        full = notice.locator("p")
        assert not full.is_visible()
        notice.locator("summary").focus()
        page.keyboard.press("Enter")
        assert full.is_visible() and "Beispiel" in full.inner_text()
        # the mark of an invented record is small text, not a wall of yellow
        mark = page.locator("article h1 .atlas-example")
        assert mark.inner_text() == "Beispiel" and mark.bounding_box()["height"] <= 24


@pytest.mark.parametrize("days, label", [(0, "Nächstes Treffen"), (1, "Letztes Treffen")])
def test_next_meeting_follows_the_visitors_date(browser: Any, example_site_url: str, days: int, label: str) -> None:
    # a network whose next meeting is its own field (networks with Termine records show their dates: tests/test_termine.py)
    with opened(browser, example_site_url + "netzwerke/regionales-sozialforum-brueck-wusterwitz-ziesar-lehnin/", PHONE) as (page, _):
        meeting = page.locator("span[data-atlas-after]")
        day = dt.date.fromisoformat(meeting.get_attribute("data-atlas-after")) + dt.timedelta(days=days)
        page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc))
        page.reload(wait_until="load")
        assert page.locator("span[data-atlas-after]").inner_text() == label
