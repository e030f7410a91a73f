"""Accessibility in a real browser: axe-core (WCAG 2.1 A and AA rules) finds nothing on any page type, in the
light colour scheme (all rules) and the dark one (its colour rules), including the map documents in their
iframes; every page and map is German;
maps and pages work with the keyboard alone (visible focus, skip link, no focus trap in a map, the
consent button answers Enter and Space).

axe-core comes from PyPI: the package axe-playwright-python bundles `axe.min.js` (axe-core, MPL-2.0), which
the tests inject into each document themselves. Nothing is fetched at run time.

PAGE_TYPES is the one table of page types (also used by test_privacy.py). A page type that another
engineer is still building carries `pending`: while its page is missing from the test atlas, its tests
are skipped with that reason; once the page exists, they run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # relative to the site root, as in the address ("" = start page, "karten/x.html" = a document)
    pending: str = ""  # page type still being built elsewhere: skip (with this reason) while the page is missing

    def file(self, site: Path) -> Path:
        return site / self.path if self.path.endswith(".html") else site / self.path / "index.html"


# The page types of the atlas, each by one page of the test atlas (tests/fixtures/mini with map tiles).
PAGE_TYPES = [
    PageType("Startseite", ""),
    PageType("Landkreis", "landkreis/"),
    PageType("Sozialräume", "sozialraeume/"),
    PageType("Sozialraum-Profil", "sozialraeume/teststadt/"),
    PageType("Planungsregion", "regionen/nord/"),
    PageType("Familienzentren", "familienzentren/"),
    PageType("Familienzentrum", "familienzentren/fz-teststadt/"),
    PageType("Angebote", "angebote/"),
    PageType("Angebot", "angebote/krabbelgruppe/"),
    PageType("Angebote nach Zielgruppe", "angebote/zielgruppen/"),
    PageType("Angebotsfinder", "angebote/finder/"),
    PageType("In meiner Nähe", "angebote/naehe/"),
    PageType("Angebote am Ort", "angebote/orte/amt-testheide/"),
    PageType("Netzwerke", "netzwerke/"),
    PageType("Netzwerk", "netzwerke/fruehe-hilfen-teststadt/"),
    PageType("Organisation", "organisationen/traeger-a/"),
    PageType("Ansprechpersonen", "ansprechpersonen/"),
    PageType("Ansprechpersonen nach Ort", "ansprechpersonen/orte/"),
    PageType("Ansprechpersonen nach Netzwerk", "ansprechpersonen/netzwerke/"),
    PageType("Ansprechperson", "ansprechpersonen/koordination-fh/"),
    PageType("Wer mit wem?", "organisationen/wer-mit-wem/"),
    PageType("Kennzahlen", "kennzahlen/"),
    PageType("Kennzahl", "kennzahlen/einwohner/"),
    PageType("Daten", "daten/"),
    PageType("Über den Atlas", "ueber/"),
    PageType("Impressum", "impressum/"),
    PageType("Datenschutz", "datenschutz/"),
    PageType("Barrierefreiheit", "barrierefreiheit/"),
    PageType("Leichte Sprache", "leichte-sprache/"),
    PageType("Leichte Sprache: Ort", "leichte-sprache/amt-testheide/"),
]
# Map documents (shown in iframes), opened on their own.
MAP_DOCUMENTS = [
    PageType("Karte Landkreis", "karten/landkreis.html"),
    PageType("Karte Sozialraum", "karten/sozialraum-teststadt.html"),
    PageType("Karte Familienzentren", "karten/familienzentren.html"),
    PageType("Karte Kennzahl", "karten/kennzahl-einwohner.html"),
]
PROFILE = "sozialraeume/teststadt/"


def ids(types: list[PageType]) -> list[str]:
    return [t.name for t in types]


def visit(page: Any, base_url: str, site: Path, page_type: PageType) -> Any:
    """Load `page_type` in `page` (skip a pending page type whose page does not exist yet) and wait for its frames."""
    if not page_type.file(site).is_file():
        if page_type.pending:
            pytest.skip(page_type.pending)
        pytest.fail(f"{page_type.name}: {page_type.path} fehlt im Testatlas", pytrace=False)
    response = page.goto(base_url + page_type.path, wait_until="load")
    assert response is not None and response.ok, f"{page_type.path}: HTTP {response.status if response else '–'}"
    load_frames(page)
    return page


def load_frames(page: Any) -> None:
    """Maps open on request (assets/atlas-maps.js): press every „Interaktive Karte öffnen“ button, then wait until
    each map's frame has loaded Leaflet. The page keeps its scroll position, and nothing keeps the focus, so the
    next Tab starts at the top of the page as on a fresh page."""
    count = page.evaluate(
        """() => {
            const x = window.scrollX, y = window.scrollY;
            const buttons = [...document.querySelectorAll('.atlas-map button.atlas-map__open')];
            buttons.forEach(b => b.click());
            const frames = [...document.querySelectorAll('iframe')];
            frames.forEach(f => f.loading = 'eager');
            if (buttons.length) {
                document.body.tabIndex = -1;
                document.body.focus({preventScroll: true});
                document.body.blur();
                document.body.removeAttribute('tabindex');
            }
            window.scrollTo(x, y);
            return frames.length;
        }"""
    )
    if count:
        page.wait_for_function(
            "() => [...document.querySelectorAll('iframe')].every(f => f.contentDocument && f.contentDocument.readyState === 'complete'"
            " && f.contentWindow.L !== undefined)"
        )


# ------------------------------------------------------------------------------------------ axe-core


def run_axe(page: Any, axe_source: str, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations of the page and of its frames (axe is injected into every frame that has
    none yet: a second run on the same page, e.g. in the dark scheme, does not compile its 500 kB again);
    only the axe rules `rules` if given."""
    for frame in page.frames:
        if not frame.evaluate("() => typeof window.axe === 'object'"):
            frame.evaluate(axe_source)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate(
        "only => axe.run(document, {runOnly: only, resultTypes: ['violations'], iframes: true}).then(r => r.violations)",
        only,
    )


def assert_german(page: Any, name: str) -> None:
    """The page and each of its frames (the maps) declare German."""
    langs = [f.evaluate("document.documentElement.lang") for f in page.frames]
    assert langs == ["de"] * len(langs), f"{name}: Sprache der Seite und ihrer Karten {langs}"


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} [{v['impact']}] {v['help']} ({len(v['nodes'])}×)")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())[:220]
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


SCHEMES = ["light", "dark"]
# The dark scheme changes only colours (Material's slate palette and the atlas' own dark rules): every rule that
# looks at structure, names and roles gives the same result as in the light scheme, so the dark run asks axe
# only for its colour rules (WCAG 1.4.3 contrast, 1.4.1 links told apart from text).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def set_scheme(page: Any, scheme: str) -> None:
    """The visitor's system colour scheme; Material follows it until the visitor uses the palette toggle."""
    page.emulate_media(color_scheme=scheme)


@pytest.mark.heavy
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_type_has_no_wcag_violations(tiles_walk: dict[str, dict[str, Any]], scheme: str) -> None:
    """Every page type as a first visit, each with its map frames (tests/browser/page_walk.py: light, then dark);
    every page type is checked before the test fails, and each one with violations is named."""
    expected = "slate" if scheme == "dark" else "default"
    failures, checked = [], 0
    for page_type in PAGE_TYPES:
        if page_type.path not in tiles_walk:
            assert page_type.pending, f"{page_type.name}: {page_type.path} fehlt im Testatlas"
            continue  # still being built elsewhere (see the module's docstring)
        seen = tiles_walk[page_type.path]
        assert seen["dark_scheme" if scheme == "dark" else "scheme"] == expected, page_type.name
        if scheme == "light":
            assert seen["langs"] == ["de"] * len(seen["langs"]), f"{page_type.name}: Sprache der Seite und ihrer Karten {seen['langs']}"
        violations = seen[scheme]
        checked += 1
        if violations:
            failures.append(f"{page_type.name} ({scheme}): {len(violations)} Verstöße\n{describe(violations)}")
    assert checked >= len(PAGE_TYPES) - sum(1 for t in PAGE_TYPES if t.pending)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("page_type", MAP_DOCUMENTS, ids=ids(MAP_DOCUMENTS))
def test_map_document_has_no_wcag_violations(page: Any, tiles_site_url: str, tiles_site: Path, axe_source: str, page_type: PageType) -> None:
    visit(page, tiles_site_url, tiles_site, page_type)
    assert page.locator("#atlas-tiles button").count() == 1  # the consent control is part of what is checked
    assert_german(page, page_type.name)
    violations = run_axe(page, axe_source)
    assert violations == [], f"{page_type.name}: {len(violations)} Verstöße\n{describe(violations)}"


def test_axe_finds_a_planted_violation(page: Any, tiles_site_url: str, tiles_site: Path, axe_source: str) -> None:
    """The check itself works: an image without text and grey-on-white text are reported."""
    visit(page, tiles_site_url, tiles_site, PAGE_TYPES[0])
    page.evaluate(
        """() => document.querySelector('article').insertAdjacentHTML('beforeend',
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"><p style="color:#bbb;background:#fff">blass</p>')"""
    )
    found = {v["id"] for v in run_axe(page, axe_source)}
    assert {"image-alt", "color-contrast"} <= found
    assert {v["id"] for v in run_axe(page, axe_source, COLOUR_RULES)} == {"color-contrast"}  # the dark scheme's run
