"""Real-browser tests: the built mini atlas served over HTTP on loopback, opened in Debian's Chromium.

Fixtures (use them from any module in tests/browser/; mark the module `pytestmark = pytest.mark.browser`):

  site_url   (session)  base URL of the served mini atlas, e.g. "http://127.0.0.1:41234/" (ends with "/").
                        The site is `mini_site` from tests/conftest.py, built once per test run.
  browser    (session)  a Playwright `Browser` (Debian's chromium-headless-shell, else /usr/bin/chromium; no
                        network chatter).
  page_log   (function) what the page did: `.requests` (every URL the page or its frames asked for),
                        `.console_errors` (console messages of type "error"), `.page_errors` (uncaught
                        exceptions). Filled while the test runs.
  page       (function) a fresh Playwright `Page` (own context: German locale, 1280×900 viewport) whose
                        events go to `page_log`. Requests to any host but 127.0.0.1 are recorded and then
                        aborted, so no test ever reaches the internet.

  tiles_site, tiles_site_url (session)  the mini atlas with `map.tiles` set (tile host TILE_HOST,
                        tiles.example.org, which the browser cannot reach): map documents with the consent button.
  open_page  (function) `open_page("sozialraeume/teststadt/")` loads that path of the served site in `page`,
                        waits for the load event, checks the HTTP status and returns `page`.

  `page_log.foreign_requests()` lists the recorded URLs that are not on 127.0.0.1.
  Nothing needs importing: fixtures come from pytest (no `from conftest import …`, which would be ambiguous
  beside tests/conftest.py).

Without Chromium or the `playwright` package the tests are skipped with the reason; with CI=true
they fail instead, because .ci/run installs the browser and the tests must run there.
Playwright never downloads a browser here (no `playwright install`): it drives the system Chromium.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import pytest

# The test browser reaches no host but this machine's loopback, by its own network stack: every request to
# another host goes to a proxy that is not there (Chromium never sends loopback addresses to a proxy) and every
# host name but 127.0.0.1 fails to resolve. Such a request still shows in Playwright's "request" events, so the
# tests see and count it (PageLog.foreign_requests), but it fails inside the browser. Before, a Playwright route
# aborted it: that made the browser stop every request of every page and ask Playwright's driver about it,
# a quarter of the browser's CPU time per page (0,62–0,74 s against 0,46–0,50 s per example page, 3 runs
# each). test_privacy.py: test_the_test_browser_reaches_no_other_host shows the guard holds.
NETWORK_GUARD = ["--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
# Debian's chromium-headless-shell (Chromium's old headless mode: the same Blink engine without any browser UI) when
# installed, as .ci/run does: the browser tests took 22 % less CPU with it than with the full browser in its new
# headless mode (52 s against 67 s for test_hostile, test_print and test_keyboard). Else Debian's chromium.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = HEADLESS_SHELL if HEADLESS_SHELL.is_file() else Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    *NETWORK_GUARD,
]
# New headless Chromium renders the omnibox popup of its invisible browser window as a WebUI page, in a renderer
# of its own for each new page: on 2 cores that renderer took more CPU time than the test pages themselves
# (36 s against 23 s in test_privacy.py). No test looks at the browser's own UI; the pages are unchanged.
NO_BROWSER_UI_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]
LOOPBACK = "127.0.0.1"
REPO = Path(__file__).resolve().parents[2]


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine without the browser; fail in CI, where it is installed."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installiert den Browser, die Browsertests müssen dort laufen)", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - name from the base class
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` by http.server in a thread on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="atlas-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(mini_site: Path) -> Iterator[str]:
    """The mini atlas served by http.server in a thread on a free loopback port."""
    with serve(mini_site) as url:
        yield url


# ------------------------------------------------------------------ the mini atlas with background tiles
# Tile host of `tiles_site`: not loopback, so the `page` fixture records and aborts every tile request
# (the test sees what the browser tried to load, and nothing leaves the machine).
TILE_HOST = "tiles.example.org"
TILES_YAML = f"""
  tiles:
    url: https://{TILE_HOST}/{{z}}/{{x}}/{{y}}.png
    attribution: '© <a href="https://{TILE_HOST}/lizenz">Testkacheln</a>'
    provider: Testkachel-Dienst
"""


def _tiles(work: Path) -> Path:
    from generator.cli import main

    shutil.copytree(REPO / "tests" / "fixtures" / "mini", work / "data")
    config = work / "data" / "atlas.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nmap:\n" in text and "tiles:" not in text, "tests/fixtures/mini/atlas.yaml: Abschnitt map: erwartet"
    config.write_text(text.replace("\nmap:\n", "\nmap:\n" + TILES_YAML.lstrip("\n"), 1), encoding="utf-8")
    site, build = work / "site", work / "build"
    code = main(["build", "--project", str(REPO), "--data", str(work / "data"), "--site", str(site), "--build-dir", str(build)])
    assert code == 0, "atlas build (Testatlas mit Kacheln) fehlgeschlagen"
    return site


@pytest.fixture(scope="session")
def tiles_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini atlas with `map.tiles` configured (consent button in every map document), built once per test run."""
    from conftest import shared_build  # tests/conftest.py

    return shared_build(tmp_path_factory, "mini-tiles", _tiles)


@pytest.fixture(scope="session")
def tiles_site_url(tiles_site: Path) -> Iterator[str]:
    """Base URL of `tiles_site` served on loopback (ends with "/")."""
    with serve(tiles_site) as url:
        yield url


@pytest.fixture(scope="session")
def example_site_url(example_site: Path) -> Iterator[str]:
    """The example atlas (`example_site` from tests/conftest.py, built once per test run), served on loopback."""
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def example_tour(browser: Any, example_site: Path, example_site_url: str,
                 tmp_path_factory: pytest.TempPathFactory) -> Callable[[tuple[int, int]], dict[str, Any]]:
    """`example_tour(size)`: {path: first_sight.Seen} for every page type (first_sight.PAGE_TYPES) and every profile
    of the example atlas at that viewport, read by first_sight.tour once per viewport and test run: the first
    worker that asks tours under a lock (tests/conftest.py: shared_value), the others read its figures."""
    from conftest import shared_value  # tests/conftest.py

    from .first_sight import PAGE_TYPES, Seen, profile_paths, tour  # here: first_sight imports this module

    def seen(size: tuple[int, int]) -> dict[str, Any]:
        def walk() -> dict[str, Any]:
            found = tour(browser, example_site_url, [*PAGE_TYPES.values(), *profile_paths(example_site)], size)
            return {path: dataclasses.asdict(page) for path, page in found.items()}

        read = shared_value(tmp_path_factory, f"example-tour-{size[0]}x{size[1]}", walk)
        return {path: Seen(**page) for path, page in read.items()}

    return seen


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's `axe.min.js` as bundled by the PyPI package axe-playwright-python (nothing fetched at run time)."""
    try:
        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.fail("Python-Paket axe-playwright-python fehlt (pip install -e '.[test]')", pytrace=False)


@pytest.fixture(scope="session")
def tiles_walk(browser: Any, tiles_site: Path, tiles_site_url: str, axe_source: str,
               tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """{page type path: requests, cookie, languages, axe violations light and dark} of every page type of
    `tiles_site` (tests/browser/page_walk.py), walked once per test run (tests/conftest.py: shared_value)."""
    from conftest import shared_value  # tests/conftest.py

    from .page_walk import walk  # here: page_walk imports this module

    return shared_value(tmp_path_factory, "tiles-walk", lambda: walk(browser, tiles_site_url, tiles_site, axe_source))


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright, one per test session (xdist worker). The features Playwright
    disables are read from one probe browser per test run, not per worker (a browser's start costs 2–3 s of CPU)."""
    from conftest import shared_value  # tests/conftest.py

    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} fehlt (Debian-Paket chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python-Paket playwright fehlt (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        args = CHROMIUM_ARGS
        features = shared_value(tmp_path_factory, "chromium-disabled-features", lambda: _playwright_disabled_features(playwright))
        if features is not None:
            args = [*CHROMIUM_ARGS, "--disable-features=" + ",".join([*features, *NO_BROWSER_UI_FEATURES])]
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def _playwright_disabled_features(playwright: Any) -> list[str] | None:
    """The features Playwright disables by itself, read from the command line of a browser it starts (Linux /proc).

    Chromium honours only the last --disable-features switch, so NO_BROWSER_UI_FEATURES must come with
    Playwright's own list (which keeps Chromium from calling Google's hosts), whatever its version puts there.
    None when the command line cannot be read: the browser then starts with Playwright's list only.
    """
    probe = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    try:
        for pid in _descendants(os.getpid()):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"--remote-debugging-pipe" in command:  # the browser process Playwright talks to
                found = re.search(rb"--disable-features=([^\s\x00]*)", command)
                return found.group(1).decode().split(",") if found else []
    except OSError:
        pass
    finally:
        probe.close()
    return None


def _descendants(pid: int) -> list[int]:
    """Process ids below `pid` (from /proc): Playwright's driver and the browsers it started."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Recorded URLs that would leave the machine (any http(s) host but 127.0.0.1)."""
        return [url for url in self.requests if url.startswith("http") and urlsplit(url).hostname != LOOPBACK]


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Any, page_log: PageLog) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, service_workers="block")

    # Requests to other hosts fail in the browser itself (NETWORK_GUARD) and are recorded in page_log.
    new_page = context.new_page()
    new_page.on("request", lambda request: page_log.requests.append(request.url))
    new_page.on("console", lambda message: page_log.console_errors.append(message.text) if message.type == "error" else None)
    new_page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    try:
        yield new_page
    finally:
        context.close()


@pytest.fixture
def open_page(page: Any, site_url: str) -> Callable[[str], Any]:
    def load(path: str) -> Any:
        """Load `path` (relative to the site root, e.g. "sozialraeume/teststadt/") and wait for the load event."""
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'keine Antwort'}"
        return page

    return load
