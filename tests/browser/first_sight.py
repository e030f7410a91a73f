"""What the first-sight browser tests (issue 17) share: the two viewports, one example page per page type of
the example atlas, and a page opened at a viewport with its requests and errors recorded.

The page types are those a visitor meets; each path is a page of the example atlas (data/) that exists after
`atlas build`. tests/browser/test_first_sight_inventory.py fails when a path is gone, so a renamed page type
cannot drop out of the checks unnoticed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .conftest import LOOPBACK

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
    try:
        page = context.new_page()
        for kind in kinds:
            url = base_url + PAGE_TYPES[kind]
            response = page.goto(url, wait_until="load")
            assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'keine Antwort'}"
            yield kind, page
    finally:
        context.close()


def profile_paths(site: Path) -> list[str]:
    """Every profile of a built atlas: each Sozialraum page, then the district page."""
    units = sorted(p.name for p in (site / "sozialraeume").iterdir() if p.is_dir())
    return [f"sozialraeume/{unit}/" for unit in units] + ["landkreis/"]


# The „Auf dieser Seite“ navigation of a profile: where it starts, whether it shows, and where each link goes.
NAV = """() => {
  const nav = document.querySelector('article nav[aria-label="Auf dieser Seite"]');
  if (!nav) return null;
  const box = nav.getBoundingClientRect();
  return {top: box.top + window.scrollY, visible: nav.checkVisibility(),
          links: [...nav.querySelectorAll('a')].map(a => {
            const id = decodeURIComponent(a.getAttribute('href').slice(1));
            const target = document.getElementById(id);
            return {href: a.getAttribute('href'), text: a.textContent.trim(), target: !!target && target.closest('article') !== null};
          })};
}"""

# The example notices of a page: the banner's notice, and any admonition that starts by naming example data.
NOTICES = """() => [...document.querySelectorAll('.atlas-notice, .admonition')]
  .filter(e => e.classList.contains('atlas-notice') || /Beispieldaten/.test(e.textContent.slice(0, 80)))
  .map(e => ({cls: e.className, banner: Math.round((e.closest('.md-banner') || e).getBoundingClientRect().height),
              text: e.textContent.trim().slice(0, 80)}))"""


@dataclass(frozen=True)
class Seen:
    """What the tour read on one page at one viewport, in this order: the first four as the page loaded, then
    the tables with every <details> opened (as `clipped_tables` leaves the page)."""

    height: int  # CSS px, details collapsed
    nav: dict[str, Any] | None  # NAV
    notices: list[dict[str, Any]]  # NOTICES
    doubled: bool  # "(Beispiel) Beispiel" in the page's text
    tables: int
    clipped: list[str]  # clipped_tables


def tour(browser: Any, base_url: str, paths: Iterable[str], size: tuple[int, int]) -> dict[str, Seen]:
    """Each of `paths` (relative to the site root) loaded in turn in ONE browser context of `size`, read once for
    all the first-sight checks of a page's layout (tables, example notice, profile height and navigation).

    The checks of tests/browser/test_first_sight_*.py take their figures from here instead of loading the same
    pages again: `example_tour` in tests/browser/conftest.py tours the example atlas once per viewport and test run.
    """
    seen: dict[str, Seen] = {}
    context = browser.new_context(locale="de-DE", viewport={"width": size[0], "height": size[1]}, service_workers="block")
    try:
        page = context.new_page()
        for path in dict.fromkeys(paths):
            response = page.goto(base_url + path, wait_until="load")
            assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'keine Antwort'}"
            seen[path] = Seen(
                height=page_height(page), nav=page.evaluate(NAV), notices=page.evaluate(NOTICES),
                doubled=page.evaluate("() => /\\(Beispiel\\)\\s*Beispiel/.test(document.body.innerText)"),
                tables=page.evaluate("() => document.querySelectorAll('table').length"),
                clipped=clipped_tables(page),
            )
    finally:
        context.close()
    return seen


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


def read_until(page: Any, script: str, done: Callable[[Any], bool], tries: int) -> Any:
    """`script` evaluated on `page`, again every 0.1 s (up to `tries` times) until `done` holds for what it read;
    the last reading, which the caller checks. For what the page shows only with a later rendered frame (details
    just opened, scroll-state queries). A Python wait, as a page without JavaScript runs no requestAnimationFrame
    callback."""
    found = page.evaluate(script)
    for _ in range(tries):
        if done(found):
            break
        page.wait_for_timeout(100)
        found = page.evaluate(script)
    return found


def clipped_tables(page: Any, tries: int = 10) -> list[str]:
    """CLIPPED_TABLES, asked again while it finds any (read_until)."""
    return read_until(page, CLIPPED_TABLES, lambda found: not found, tries)
