"""Benchmark: page weight before map consent (issue 6, point 7). Run from the repository root:

    python benchmarks/page_weight.py [--site DIR | --data DIR] [--no-scroll]

Builds the atlas of `--data` (default: the example atlas in data/) into a temporary folder, or takes an
already built `--site`, serves it on 127.0.0.1 and opens one page per page type in headless Chromium
(Debian's /usr/bin/chromium through Playwright), each in a fresh browser context (empty cache: a first
visit). Nobody clicks the map consent, so no background tiles load. For detail pages (one Sozialraum,
one offer, …) the heaviest page of its kind (largest HTML) is taken.

The test server compresses text (HTML, CSS, JS, JSON, SVG, XML) with gzip as any public web server
should (nginx `gzip on` plus `gzip_types`, Apache mod_deflate); `--no-gzip` turns that off. Per page type
it reports the bytes of every response body as they came over the wire ("transfer", Chromium's encoded
body size), split into html (documents and map frames), css, js, font, image and other (favicon, JSON),
once right after loading ("initial": the first screen) and once with all lazy images and map
frames loaded ("full": reading the whole page), and the decoded size the browser has to parse.

Exit code 1 when a budget below is exceeded, any request goes to a host other than 127.0.0.1 (such
requests are aborted and listed) or a first visit loads anything of the site search (pagefind/, or an old
search/search_index.json): the search loads only when someone uses the search box (issue 18). Exit code 2 when the browser is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOOPBACK = "127.0.0.1"
# Every http(s) URL except those whose host is exactly 127.0.0.1 (route pattern: the many requests to the served
# site are continued by the browser's driver itself; the route handler still checks the host).
MAYBE_FOREIGN = re.compile(r"^https?://(?!127\.0\.0\.1(?:[:/?#]|$))")
KB = 1000

# Budgets per page before map consent, everything on the page loaded (first visit, empty cache, scrolled to the end
# so that every lazy image has loaded too). Transferred bytes (gzip for text), per category and in total.
# total: 100 kB, issue 18 point 2 (before it: start page 163 kB, a profile 203 kB). What made the difference: maps
#     show their static image until the visitor opens the interactive map (no Leaflet, no map document), Material's
#     script bundle is replaced by assets/atlas-theme.js, the theme's CSS is trimmed to the rules the site can use
#     (generator/build/theme_css.py), and the finder's, contacts' and opening hours' files load only where used.
# font: 0 – the site uses system fonts (mkdocs.yml: theme.font false); a self-hosted font needs a budget.
# js: the atlas' own scripts (the search box's script is small; Pagefind itself loads only on the first use of the
#     search box, benchmarks/search_weight.py measures that; Leaflet only when a map is opened).
# other: the favicon and JSON; no search index (before issue 18 Material's index was ~136 kB of every first visit).
# decoded: what the browser unpacks and parses.
BUDGETS: dict[str, int] = {
    "total": 100 * KB,
    "html": 40 * KB,
    "css": 40 * KB,
    "js": 30 * KB,
    "font": 0,
    "image": 60 * KB,
    "other": 10 * KB,
    "decoded": 600 * KB,
}
CATEGORIES = ("html", "css", "js", "font", "image", "other")
_KIND = {"document": "html", "stylesheet": "css", "script": "js", "font": "font", "image": "image"}

# (page type, path of a fixed page, or folder whose heaviest detail page is taken). Types whose page
# does not exist in a site (e.g. finder/, daten/ before they are built) are reported as missing.
PAGE_TYPES: list[tuple[str, str]] = [
    ("start", ""),
    ("landkreis", "landkreis/"),
    ("sozialraum", "sozialraeume/*"),
    ("familienzentrum", "familienzentren/*"),
    ("angebot", "angebote/*"),
    ("angebote", "angebote/"),
    ("netzwerk", "netzwerke/*"),
    ("organisation", "organisationen/*"),
    ("kennzahl", "kennzahlen/*"),
    ("ansprechpersonen", "ansprechpersonen/"),
    ("impressum", "impressum/"),
    ("finder", "angebote/finder/"),
    ("naehe", "angebote/naehe/"),
    ("wer-mit-wem", "organisationen/wer-mit-wem/"),
    ("leichte-sprache", "leichte-sprache/"),
    ("daten", "daten/"),
]
REQUIRED = [name for name, _ in PAGE_TYPES]


def _heaviest(site: Path, folder: str) -> str | None:
    """Path of the detail page with the largest HTML directly below `folder` (facet lists are skipped)."""
    candidates = [
        page for page in sorted((site / folder).glob("*/index.html"))
        if not any(child.is_dir() for child in page.parent.iterdir())  # a detail page has no sub-pages
    ]
    facets = {"alter", "orte", "zielgruppen", "themen", "finder", "naehe", "wer-mit-wem"}  # list pages of the offer overview, not offers
    candidates = [page for page in candidates if page.parent.name not in facets]
    if not candidates:
        return None
    page = max(candidates, key=lambda p: (p.stat().st_size, p.parent.name))
    return page.parent.relative_to(site).as_posix() + "/"


def pick_pages(site: Path) -> dict[str, str | None]:
    """Page type → path below the site root (None: the site has no such page)."""
    picked: dict[str, str | None] = {}
    for name, spec in PAGE_TYPES:
        if spec.endswith("/*"):
            picked[name] = _heaviest(site, spec[:-2])
        else:
            picked[name] = spec if (site / spec / "index.html").is_file() else None
    return picked


@dataclass
class PageWeight:
    page_type: str
    path: str
    initial: dict[str, int] = field(default_factory=dict)
    full: dict[str, int] = field(default_factory=dict)
    decoded: int = 0
    requests: int = 0
    foreign: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)  # site-search files loaded by the visit (must be none)

    @property
    def total(self) -> int:
        return sum(self.full.values())


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; text gzip-compressed when the class attribute `compress` is set and the client accepts it."""

    compress = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 - name from the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if not (self.compress and path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path, compress: bool = True) -> Iterator[str]:
    """Serve `site` on a free loopback port (text gzip-compressed unless `compress` is false); yields the base URL."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def is_search_file(url: str) -> bool:
    """A file of the site search: Pagefind's bundle, or Material's index of old builds."""
    path = urlsplit(url).path
    return "/pagefind/" in path or path.endswith("/search/search_index.json")


def _sum(responses: list[tuple[str, int, int]]) -> dict[str, int]:
    sums = dict.fromkeys(CATEGORIES, 0)
    for kind, size, _ in responses:
        sums[kind] += size
    return sums


def _sizes(request: Any) -> tuple[str, int, int]:
    """(category, transferred body bytes, decoded bytes) of a finished request."""
    response = request.response()
    transferred = request.sizes().get("responseBodySize", 0)
    try:
        decoded = len(response.body()) if response is not None else 0
    except Exception:  # noqa: BLE001 - a body the browser no longer keeps (e.g. a frame that went away)
        decoded = 0
    return _KIND.get(request.resource_type, "other"), transferred, max(decoded, transferred)


def _settle(page: Any, pending: set[Any], quiet: float = 0.5, limit: float = 60.0) -> None:
    """Wait until no request has been open for `quiet` seconds (Playwright's "networkidle" can miss
    frames that restart, e.g. a map frame switched from lazy to eager loading)."""
    deadline = time.monotonic() + limit
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
    raise RuntimeError(f"requests still open after {limit:.0f} s: {sorted(r.url for r in pending)}")


def measure_page(browser: Any, base_url: str, page_type: str, path: str, scroll: bool = True) -> PageWeight:
    """Load one page in a fresh context; every response body is counted, foreign requests aborted.

    Event handlers only collect the finished requests; their sizes are read after the page is idle
    (Playwright calls from inside its event handlers can stall the sync API).
    """
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, service_workers="block")
    result = PageWeight(page_type, path)
    finished: list[Any] = []

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname != LOOPBACK:
            result.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    pending: set[Any] = set()

    def done(request: Any) -> None:
        pending.discard(request)
        finished.append(request)

    context.route(MAYBE_FOREIGN, route)  # only what may leave the machine comes to Python, not every file of the page
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", done)
    context.on("requestfailed", lambda request: pending.discard(request))
    try:
        page = context.new_page()
        response = page.goto(base_url + path, wait_until="load")
        if response is None or not response.ok:
            raise RuntimeError(f"{path}: HTTP {response.status if response else 'no response'}")
        _settle(page, pending)
        initial = len(finished)
        if scroll:  # what a reader of the whole page loads: every lazy image and map frame
            page.evaluate("document.querySelectorAll('[loading=lazy]').forEach(e => { e.loading = 'eager'; })")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            _settle(page, pending)
        responses = [_sizes(request) for request in list(finished)]
        result.initial = _sum(responses[:initial])
        result.full = _sum(responses)
        result.decoded = sum(d for _, _, d in responses)
        result.requests = len(responses)
        result.search = [r.url for r in finished if is_search_file(r.url)]
    finally:
        context.close()
    return result


def measure(browser: Any, base_url: str, pages: dict[str, str | None], scroll: bool = True, progress: bool = False) -> list[PageWeight]:
    report = []
    for name, path in pages.items():
        if path is not None:
            if progress:
                print(f"  {name}: {path or '/'}", file=sys.stderr, flush=True)
            report.append(measure_page(browser, base_url, name, path, scroll))
    return report


def violations(report: list[PageWeight], budgets: dict[str, int] = BUDGETS) -> list[str]:
    """Budget overruns and foreign requests, one line each (empty: all good)."""
    found = []
    for weight in report:
        values = {**weight.full, "total": weight.total, "decoded": weight.decoded}
        for key, limit in budgets.items():
            if values.get(key, 0) > limit:
                found.append(f"{weight.page_type} ({weight.path or '/'}): {key} {values[key]:,} B > budget {limit:,} B")
        for url in weight.foreign:
            found.append(f"{weight.page_type} ({weight.path or '/'}): request to a foreign host: {url}")
        for url in weight.search:
            found.append(f"{weight.page_type} ({weight.path or '/'}): search file loaded before any search: {url}")
    return found


def table(report: list[PageWeight]) -> str:
    head = f"{'page type':<17}{'initial':>10}{'full':>10}{'decoded':>9}" + "".join(f"{c:>9}" for c in CATEGORIES) + f"{'req':>5}  path"
    lines = [head, "-" * len(head)]
    for w in report:
        cells = "".join(f"{w.full[c] / KB:>8.0f}k" for c in CATEGORIES)
        lines.append(f"{w.page_type:<17}{sum(w.initial.values()) / KB:>9.0f}k{w.total / KB:>9.0f}k{w.decoded / KB:>8.0f}k{cells}{w.requests:>5}  {w.path or '/'}")
    budget = "".join(f"{BUDGETS[c] / KB:>8.0f}k" for c in CATEGORIES)
    lines.append(f"{'budget':<17}{'':>10}{BUDGETS['total'] / KB:>9.0f}k{BUDGETS['decoded'] / KB:>8.0f}k{budget}")
    return "\n".join(lines)


def build_example(data: Path, out: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from generator.build.pipeline import build
    from generator.core.paths import Paths

    paths = Paths.create(ROOT, data, out / "site", out / "build")
    problems = build(paths)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return paths.site


def run(site: Path, scroll: bool = True, compress: bool = True, progress: bool = False) -> tuple[list[PageWeight], list[str]]:
    """Measure every page type of `site`; returns the report and the problems (missing types, budgets, foreign hosts)."""
    pages = pick_pages(site)
    missing = [name for name in REQUIRED if pages.get(name) is None]
    with serve(site, compress) as base_url, chromium() as browser:
        report = measure(browser, base_url, pages, scroll, progress)
    return report, [f"{name}: no page of this type in {site}" for name in missing] + violations(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build --data into a temporary folder)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder to build (default: data/)")
    parser.add_argument("--no-scroll", action="store_true", help="measure only what loads without scrolling")
    parser.add_argument("--no-gzip", action="store_true", help="serve without compression (budgets then fail: they assume gzip)")
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        print(f"{CHROMIUM} is missing (Debian package chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp:
        site = args.site.resolve() if args.site else build_example(args.data.resolve(), Path(tmp))
        report, problems = run(site, not args.no_scroll, not args.no_gzip, progress=True)
    compression = "without compression" if args.no_gzip else "text gzip-compressed"
    print(f"Bytes transferred per page before map consent (response bodies, {compression}; k = 1000 bytes): {site}")
    print(table(report))
    for line in problems:
        print(f"FAIL {line}")
    print("budgets hold, no foreign host" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
