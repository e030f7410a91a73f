"""What the first-sight browser tests (issue 17) share: the two viewports, one example page per page type of
the example atlas, and a page opened at a viewport with its requests and errors recorded.

The page types are those a visitor meets; each path is a page of the example atlas (data/) that exists after
`atlas build`. tests/browser/test_first_sight_inventory.py fails when a path is gone, so a renamed page type
cannot drop out of the checks unnoticed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .conftest import LOOPBACK, MAYBE_FOREIGN

PHONE = (390, 844)
DESKTOP = (1366, 768)
SIZES = [PHONE, DESKTOP]
SIZE_IDS = ["phone-390x844", "desktop-1366x768"]

# page type → path of one example page (relative to the site root)
PAGE_TYPES: dict[str, str] = {
    "start": "",
    "sozialraeume": "sozialraeume/",
    "sozialraum": "sozialraeume/werder-havel/",
    "landkreis": "landkreis/",
    "regionen": "regionen/",
    "region": "regionen/region-werder-havel/",
    "kennzahlen": "kennzahlen/",
    "kennzahl": "kennzahlen/einwohner-ab-80/",
    "angebote": "angebote/",
    "angebot": "angebote/elterncafe-werder-havel/",
    "angebote-finder": "angebote/finder/",
    "angebote-naehe": "angebote/naehe/",
    "angebote-orte": "angebote/orte/",
    "angebote-ort": "angebote/orte/bad-belzig/",
    "angebote-zielgruppen": "angebote/zielgruppen/",
    "angebote-alter": "angebote/alter/",
    "familienzentren": "familienzentren/",
    "familienzentrum": "familienzentren/familienzentrum-beelitz/",
    "ansprechpersonen": "ansprechpersonen/",
    "ansprechperson": "ansprechpersonen/koordination-familienzentrum-beelitz/",
    "ansprechpersonen-netzwerke": "ansprechpersonen/netzwerke/",
    "ansprechpersonen-orte": "ansprechpersonen/orte/",
    "netzwerke": "netzwerke/",
    "netzwerk": "netzwerke/sozialraumkonferenz-werder-havel/",
    "organisationen": "organisationen/",
    "organisation": "organisationen/kirchengemeinde-am-beetzsee/",
    "ziele": "ziele/",
    "ziele-feld": "ziele/felder/kinder-jugendhilfe/",
    "ziele-sozialraum": "ziele/sozialraeume/bad-belzig/",
    "daten": "daten/",
    "datenmodell": "datenmodell/",
    "leichte-sprache": "leichte-sprache/",
    "leichte-sprache-einheit": "leichte-sprache/bad-belzig/",
    "ueber": "ueber/",
    "impressum": "impressum/",
    "datenschutz": "datenschutz/",
    "barrierefreiheit": "barrierefreiheit/",
}


@dataclass
class Visit:
    """Requests, console errors and page errors of one opened page."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if url.startswith("http") and urlsplit(url).hostname != LOOPBACK]


@contextlib.contextmanager
def opened(browser: Any, url: str, size: tuple[int, int], *, javascript: bool = True) -> Iterator[tuple[Any, Visit]]:
    """The page at `url` in a fresh browser context of `size` (German locale), loaded; yields (page, visit).

    Requests to any host but 127.0.0.1 are aborted and recorded, as in the `page` fixture.
    """
    context = browser.new_context(locale="de-DE", viewport={"width": size[0], "height": size[1]},
                                  service_workers="block", java_script_enabled=javascript)
    context.route(MAYBE_FOREIGN, lambda route: route.abort())
    visit = Visit()
    page = context.new_page()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'keine Antwort'}"
        yield page, visit
    finally:
        context.close()


def each_opened(browser: Any, base_url: str, kinds: Iterable[str], size: tuple[int, int], *,
                javascript: bool = True) -> Iterator[tuple[str, Any]]:
    """(page type, page) for each of `kinds`, loaded one after the other in ONE browser context of `size`.

    For checks of a page's own layout that visit many page types: one context and its warm cache per viewport
    instead of one per page (a third of the time). State a page leaves in the context (local storage, cookies)
    is seen by the next one; use `opened` where that matters.
    """
    context = browser.new_context(locale="de-DE", viewport={"width": size[0], "height": size[1]},
                                  service_workers="block", java_script_enabled=javascript)
    context.route(MAYBE_FOREIGN, lambda route: route.abort())
    try:
        page = context.new_page()
        for kind in kinds:
            url = base_url + PAGE_TYPES[kind]
            response = page.goto(url, wait_until="load")
            assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'keine Antwort'}"
            yield kind, page
    finally:
        context.close()


def page_height(page: Any) -> int:
    """The page's full height in CSS px, as a visitor scrolls it."""
    return int(page.evaluate("() => Math.ceil(document.documentElement.scrollHeight)"))


# Tables that do not show all their columns: wider than the box they sit in, unless that box scrolls, a
# keyboard user can reach it (focusable), a screen-reader user knows what it is (role region, labelled) and a
# sighted user is told (a visible hint, SCROLL_HINT, in the box or right before it). Closed <details> are
# opened first, so collapsed tables are checked as a visitor sees them after a click. Each entry names the
# table (caption or header row), its width in its box and what is missing. Use `clipped_tables(page)`: what
# depends on a box's scroll state (the hint) is updated with the next frame, not at once.
SCROLL_HINT = ".atlas-scroll__hint"
CLIPPED_TABLES = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const found = [];
  for (const table of document.querySelectorAll('table')) {
    if (table.closest('[hidden]') || getComputedStyle(table).display === 'none') continue;
    let box = null;
    for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      if (getComputedStyle(el).overflowX !== 'visible') { box = el; break; }
    }
    const right = box ? box.getBoundingClientRect().right : document.documentElement.clientWidth;
    const width = box ? box.clientWidth : document.documentElement.clientWidth;
    const wide = table.getBoundingClientRect().right > right + 1 || table.scrollWidth > width + 1;
    if (!wide) continue;
    const missing = [];
    if (!box || !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) missing.push('scrollt nicht');
    else {
      if (box.tabIndex < 0) missing.push('nicht fokussierbar');
      if (box.getAttribute('role') !== 'region' || !(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')))
        missing.push('kein benannter Bereich');
      const shown = el => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible'
        && el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().width > 0;
      const before = box.previousElementSibling;
      if (!shown(box.querySelector('HINT')) && !(before && before.matches('HINT') && shown(before)))
        missing.push('kein sichtbarer Hinweis');
    }
    if (missing.length) {
      const caption = table.caption ? table.caption.textContent.trim() : (table.rows[0] ? table.rows[0].textContent.trim() : '');
      found.push(caption.slice(0, 60) + ' (' + Math.round(table.scrollWidth) + ' px in ' + Math.round(width) + ' px: ' + missing.join(', ') + ')');
    }
  }
  return found;
}""".replace("HINT", SCROLL_HINT)


def clipped_tables(page: Any, tries: int = 10) -> list[str]:
    """CLIPPED_TABLES, asked again (every 0.1 s, up to `tries` times) while it finds any: details just opened
    and scroll-state queries are rendered with the next frame. A Python wait, as a page without JavaScript
    runs no requestAnimationFrame callback."""
    found = page.evaluate(CLIPPED_TABLES)
    for _ in range(tries):
        if not found:
            break
        page.wait_for_timeout(100)
        found = page.evaluate(CLIPPED_TABLES)
    return found
