"""Benchmark: what the site search (Pagefind, issue 18) loads. Run from the repository root:

    python benchmarks/search_weight.py --site DIR [QUERY ...]

Serves the built site on 127.0.0.1 (text gzip-compressed, as benchmarks/page_weight.py does), opens the start
page in headless Chromium (Debian's /usr/bin/chromium through Playwright), each query in a fresh browser
context (empty cache), and types the query into the header's search box like a visitor. Reported per query,
bytes as they came over the wire:

* before – search files loaded by the page before anyone searched (must be 0: nothing before a search),
* start  – Pagefind's code and entry (pagefind.js, its worker, WebAssembly, entry and metadata files),
           loaded once on the first focus of the search box,
* query  – what the query itself loaded: the index chunks of its words, filter data and the fragments of
           the results shown (ten),
* total  – start + query: everything a first search costs,
and the hit count the search box announced. `index_size(site)` is the size of the bundle on disk.

A site whose search is split by planning region (pagefind/areas.json; generator/build/search_index.py): the start
page searches the common bundle only, so the queries are also measured on a page of the largest region's bundle
(`area_queries`), and there the button „Im ganzen Atlas suchen“ is pressed: `wide` – the bytes that widening loads.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import page_weight

BUNDLE = "/pagefind/"
START_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", ".pf_meta", "wasm.")
QUERIES = ["Frühe Hilfen", "Beratung Kinder", "Familienzentrum"]  # words every synthetic atlas has


@dataclass
class QueryWeight:
    query: str
    before: int = 0
    start: int = 0
    query_bytes: int = 0
    hits: str = ""
    wide: int = 0  # bytes the widening to the whole atlas loaded (split search only)
    files: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.start + self.query_bytes


def index_size(site: Path) -> dict[str, int]:
    """Files and bytes of the Pagefind bundle on disk, and the bytes of its index chunks and fragments."""
    bundle = Path(site) / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    part = lambda name: sum(p.stat().st_size for p in files if p.parent.name == name)
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files), "index": part("index"),
            "fragment": part("fragment"), "filter": part("filter")}


def areas(site: Path) -> dict[str, Any]:
    """A split search: number of region bundles, the largest one (pages, bytes, a page of it) and the common bundle."""
    bundle = Path(site) / "pagefind"
    if not (bundle / "areas.json").is_file():
        return {}
    listing = json.loads((bundle / "areas.json").read_text(encoding="utf-8"))
    pages = lambda part: sorted((bundle / part / "fragment").glob("*.pf_fragment"))
    largest = max(listing["areas"], key=lambda area: (len(pages(area["bundle"])), area["id"]))
    data = gzip.decompress(pages(largest["bundle"])[0].read_bytes())
    url = json.loads(data[data.index(b"{"):])["url"]
    size = lambda part: sum(p.stat().st_size for p in (bundle / part).rglob("*") if p.is_file())
    return {"areas": len(listing["areas"]), "largest": largest["id"], "largest_pages": len(pages(largest["bundle"])),
            "largest_bytes": size(largest["bundle"]), "common_pages": len(pages(listing["common"])), "page": url.lstrip("/")}


def measure_query(browser: Any, base_url: str, query: str, timeout: float = 60_000, path: str = "",
                  widen: bool = False) -> QueryWeight:
    """Open the start page (or `path`), type `query` into the search box, wait for the announced hit count;
    `widen`: then press „Im ganzen Atlas suchen“ and count what that loads."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, service_workers="block")
    result = QueryWeight(query)
    finished: list[Any] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(300)
        result.before = sum(_size(r) for r in finished if BUNDLE in r.url)
        seen = len(finished)
        box = page.locator("#atlas-search-q")
        box.focus()
        for _ in range(int(timeout / 100)):  # the worker loads the metadata: not in the page's own resource timing
            if any(r.url.endswith(".pf_meta") for r in finished[seen:]):
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(500)
        started = [r for r in finished[seen:] if BUNDLE in r.url]
        result.start = sum(_size(r) for r in started)
        seen = len(finished)
        box.press_sequentially(query)
        status = page.locator(".atlas-search__status")
        page.wait_for_function("q => { const s = document.querySelector('.atlas-search__status'); return s && "
                               "s.textContent.includes('„' + q + '“'); }", arg=query, timeout=timeout)
        page.wait_for_timeout(300)
        asked = [r for r in finished[seen:] if BUNDLE in r.url]
        result.query_bytes = sum(_size(r) for r in asked)
        result.hits = status.inner_text()
        result.files = [(r.url.split(BUNDLE, 1)[1], _size(r)) for r in started + asked]
        if widen:
            seen = len(finished)
            page.locator(".atlas-search__scope").click()
            page.wait_for_function("() => { const b = document.querySelector('.atlas-search__scope'); "
                                   "return b && b.getAttribute('aria-pressed') === 'true' && !b.disabled; }", timeout=timeout)
            page.wait_for_timeout(500)
            result.wide = sum(_size(r) for r in finished[seen:] if BUNDLE in r.url)
    finally:
        context.close()
    return result


def _size(request: Any) -> int:
    try:
        return request.sizes().get("responseBodySize", 0)
    except Exception:  # noqa: BLE001 - a request the browser no longer knows
        return 0


def measure(site: Path, queries: list[str] = QUERIES, path: str = "", widen: bool = False) -> list[QueryWeight]:
    with page_weight.serve(Path(site)) as base_url, page_weight.chromium() as browser:
        return [measure_query(browser, base_url, query, path=path, widen=widen) for query in queries]


def summary(site: Path, queries: list[str] = QUERIES) -> dict[str, Any]:
    """For benchmarks/run.py: the bundle on disk and, per query, what a first search loads (no browser: sizes only)."""
    split = areas(site)
    if not (Path(site) / "pagefind" / "pagefind.js").is_file() and not split:
        return {}
    result: dict[str, Any] = {"disk": index_size(site)}
    try:
        weights = measure(site, queries)
        if split:
            local = measure(site, queries, path=split["page"], widen=True)
            split.update(max_start=max(w.start for w in local), max_query=max(w.query_bytes for w in local),
                         max_total=max(w.total for w in local), max_wide=max(w.wide for w in local))
            result["areas"] = split
    except Exception as exc:  # noqa: BLE001 - no browser here: the sizes on disk are still reported
        result["error"] = str(exc)[:200]
        return result
    result["queries"] = [{"query": w.query, "before": w.before, "start": w.start, "query_bytes": w.query_bytes,
                          "total": w.total, "hits": w.hits} for w in weights]
    result["max_query"] = max(w.query_bytes for w in weights)
    result["max_total"] = max(w.total for w in weights)
    result["before"] = max(w.before for w in weights)
    return result


def table(results: list[QueryWeight]) -> str:
    lines = [f"{'query':<28}{'before':>8}{'start':>9}{'query':>9}{'total':>9}  announced", "-" * 90]
    for r in results:
        lines.append(f"{r.query:<28}{r.before / 1000:>7.1f}k{r.start / 1000:>8.1f}k{r.query_bytes / 1000:>8.1f}k"
                     f"{r.total / 1000:>8.1f}k  {r.hits}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (with pagefind/)")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args(argv)
    results = measure(args.site, args.queries)
    size = index_size(args.site)
    print(f"Pagefind bundle: {size['files']} files, {size['bytes'] / 1e6:.2f} MB on disk "
          f"(index {size['index'] / 1e6:.2f} MB, fragments {size['fragment'] / 1e6:.2f} MB, filters {size['filter'] / 1e6:.2f} MB)")
    print(table(results))
    split = areas(args.site)
    if split:
        print(f"Split search: {split['areas']} regions, largest {split['largest']} ({split['largest_pages']} pages, "
              f"{split['largest_bytes'] / 1e6:.2f} MB), common {split['common_pages']} pages; on {split['page']}:")
        local = measure(args.site, args.queries, path=split["page"], widen=True)
        print(table(local))
        print("whole atlas (widened): " + ", ".join(f"{r.query} +{r.wide / 1000:.1f}k" for r in local))
    return 0


if __name__ == "__main__":
    sys.exit(main())
