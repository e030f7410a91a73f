"""Benchmark: the example atlas at first sight (issue 17). Run from the repository root:

    python benchmarks/first_sight.py [--site DIR] [--json FILE]

Serves an already built site (default: site/, as `atlas build` writes it) on 127.0.0.1 and opens one page per
page type (tests/browser/first_sight.py: PAGE_TYPES) in headless Chromium at 390×844 (phone) and 1366×768
(desktop). Per page type and viewport it prints the page height in CSS px and the number of tables that hide
columns (tests/browser/first_sight.py: clipped_tables; collapsed <details> opened first). The figures go into
the issue's note as "before" and "after"; the limits themselves are asserted by the browser tests.

Needs the test dependencies (pip install -e '.[test]') and Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.browser.first_sight import PAGE_TYPES, SIZE_IDS, SIZES, clipped_tables, opened, page_height  # noqa: E402


def measure(site: Path) -> dict[str, dict[str, dict[str, object]]]:
    """{page type: {viewport: {"height": px, "clipped": [table, …]}}}."""
    results: dict[str, dict[str, dict[str, object]]] = {}
    with serve(site) as url, sync_playwright() as playwright, contextlib.redirect_stderr(io.StringIO()):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for kind, path in PAGE_TYPES.items():
                for size, size_id in zip(SIZES, SIZE_IDS):
                    with opened(browser, url + path, size) as (page, _visit):
                        height = page_height(page)
                        clipped = clipped_tables(page)
                    results.setdefault(kind, {})[size_id] = {"height": height, "clipped": clipped}
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: keine gebaute Website (erst `atlas build`)", file=sys.stderr)
        return 2
    results = measure(args.site)
    print("| Seitentyp | Höhe 390×844 | Höhe 1366×768 | abgeschnittene Tabellen (390 / 1366) |")
    print("|---|---:|---:|---:|")
    for kind, by_size in results.items():
        phone, desktop = (by_size[size_id] for size_id in SIZE_IDS)
        print(f"| {kind} | {phone['height']:,} | {desktop['height']:,} | {len(phone['clipped'])} / {len(desktop['clipped'])} |"
              .replace(",", "."))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
