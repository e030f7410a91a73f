"""Which styles and scripts each page of the built example atlas links (issue 18, point 2: a first visit ≤ 100 kB).

Material's script bundle is on no page (assets/atlas-theme.js does the page frame's part of it,
tests/browser/test_page_frame.py); the files of mkdocs.yml `extra.page_assets` are linked exactly on the pages
whose content holds one of their markers (overrides/main.html), so the start page, a profile or the legal pages
carry neither the finder's nor the contacts' code. That those pages still work is shown by their browser tests
(test_finder.py, test_first_sight_contacts.py, test_hours.py).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
PAGE_ASSETS = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["page_assets"]


class Page(NamedTuple):
    content: str  # the page's <article>, which holds what the generator wrote
    scripts: list[str]  # file names of the scripts, in page order
    styles: list[str]


def read(html: str) -> Page:
    """The parts of a built page this file checks, read with patterns (fast enough for every page of the example)."""
    start, end = html.find("<article"), html.find("</article>")
    assert 0 < start < end, "kein <article>"
    outside = html[:start] + html[end:]  # the theme's own tags: one attribute order, written by its templates
    return Page(html[start:end], [src.rsplit("/", 1)[-1] for src in re.findall(r'<script src="([^"]+)"', outside)],
                [href.rsplit("/", 1)[-1] for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', outside)])


def linked(page: Page) -> set[str]:
    """Names of the site's own and the theme's files a page links (`atlas-finder.js`, `bundle.….min.js`, …)."""
    return set(page.scripts) | set(page.styles)


@pytest.fixture(scope="module")
def pages(example_site: Path) -> dict[str, Page]:
    def key(path: Path) -> str:
        folder = path.parent.relative_to(example_site).as_posix()
        return "/" if folder == "." else folder + "/"

    return {key(path): read(path.read_text(encoding="utf-8")) for path in sorted(example_site.rglob("index.html"))}


def test_no_page_links_materials_script_bundle_and_every_page_the_page_frame(pages: dict[str, Page]) -> None:
    assert len(pages) > 200
    for path, page in pages.items():
        names = linked(page)
        assert not [name for name in names if name.startswith("bundle.")], path
        assert {"atlas-theme.js", "atlas-search.js", "atlas.css"} <= names, path


def test_page_assets_are_linked_exactly_where_their_markers_are(pages: dict[str, Page]) -> None:
    files = [(entry[kind].rsplit("/", 1)[-1], entry["markers"]) for entry in PAGE_ASSETS for kind in ("css", "js") if kind in entry]
    assert {name for name, _ in files} >= {"atlas-finder.js", "atlas-finder.css", "atlas-contacts.js", "atlas-contacts.css", "atlas-hours.js"}
    used = dict.fromkeys((name for name, _ in files), 0)
    for path, page in pages.items():
        content = page.content
        names = linked(page)
        for name, markers in files:
            wanted = any(marker in content for marker in markers)
            assert (name in names) == wanted, f"{path}: {name} {'fehlt' if wanted else 'überflüssig'}"
            used[name] += wanted
    assert all(0 < count < len(pages) / 2 for count in used.values()), used


@pytest.mark.parametrize("path, present, absent", [
    ("/", set(), {"atlas-finder.js", "atlas-contacts.js", "atlas-hours.js", "atlas-finder.css", "atlas-contacts.css"}),
    ("sozialraeume/teltow/", set(), {"atlas-finder.js", "atlas-contacts.js", "atlas-finder.css"}),
    ("angebote/finder/", {"atlas-finder.js", "atlas-finder.css"}, {"atlas-contacts.js"}),
    ("angebote/naehe/", {"atlas-finder.js", "atlas-finder.css"}, {"atlas-contacts.js"}),
    ("ansprechpersonen/", {"atlas-contacts.js", "atlas-contacts.css", "atlas-finder.js"}, set()),
    # the contacts' script folds text with the finder's functions (window.atlasText): both, in that order
    ("ansprechpersonen/orte/", {"atlas-contacts.js", "atlas-finder.js"}, set()),
    ("familienzentren/familienzentrum-beelitz/", {"atlas-hours.js"}, {"atlas-finder.js", "atlas-contacts.js"}),
])
def test_the_pages_that_need_a_file_and_those_that_do_not(pages: dict[str, Page], path: str, present: set[str], absent: set[str]) -> None:
    names = linked(pages[path])
    assert present <= names and not (absent & names), sorted(names)
    scripts = pages[path].scripts
    if "atlas-contacts.js" in scripts:
        assert scripts.index("atlas-finder.js") < scripts.index("atlas-contacts.js")


FIRST_VISIT = 100_000  # bytes, gzip-compressed: issue 18 point 2 (benchmarks/page_weight.py measures it in Chromium)


def first_visit_bytes(site: Path, path: str) -> dict[str, int]:
    """What a first visit of `path` transfers on a wide screen, read from the built files: the page and every file
    it links (styles, scripts, favicon) and every image it shows, scrolled to the end, before any map is opened;
    text gzip-compressed as a web server sends it. A cheap stand-in for benchmarks/page_weight.py (which reports
    the same pages, measured in the browser, within a few per cent of this)."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    doc = BeautifulSoup(html, "html.parser")
    urls = [s["src"] for s in doc.find_all("script", src=True)]
    urls += [link["href"] for link in doc.find_all("link", href=True) if {"stylesheet", "icon"} & set(link.get("rel", []))]
    urls += [img["src"] for img in doc.find_all("img", src=True)]
    sizes = {"html": len(gzip.compress(html.encode("utf-8")))}
    for url in dict.fromkeys(urls):
        file = (site / path / url).resolve()
        data = file.read_bytes()
        sizes[url] = len(data) if file.suffix in (".png", ".jpg", ".webp") else len(gzip.compress(data))
    return sizes


@pytest.mark.parametrize("path", ["", "sozialraeume/teltow", "landkreis", "angebote/finder", "ansprechpersonen"])
def test_a_first_visit_stays_under_100_kb(example_site: Path, path: str) -> None:
    """Start page, the profile with the most charts and tables, the district's profile, the finder and the longest
    list of contacts."""
    sizes = first_visit_bytes(example_site, path)
    assert not [url for url in sizes if "leaflet" in url or "/karten/" in url and url.endswith(".html")]
    assert sum(sizes.values()) <= FIRST_VISIT, sorted(sizes.items(), key=lambda item: -item[1])[:8]
