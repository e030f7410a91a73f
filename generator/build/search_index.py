"""The site search: Pagefind indexes the built HTML, as the last step of `atlas build` (issue 18).

Pagefind (the `pagefind` package from PyPI with its binary, `pagefind[bin]`; nothing is downloaded at run
time) reads every HTML page of the built site and writes `pagefind/` into it: a small entry file, the
WebAssembly search code, the index split into chunks of words, and one fragment per page (title, excerpt
text, metadata, filters). The visitor's browser loads none of it until the search box is used
(assets/atlas-search.js); a query then loads the chunks of its words and the fragments of the results shown.

What is indexed is marked in the HTML, not here: the theme wraps a page's content in `data-pagefind-body`
unless its front matter says `search_index: false` (generator/pages/search_marks.py), and record pages carry
filters and searchable metadata. The language comes from `<html lang="de">`: German stemming.

Deterministic: the same site gives the same index, byte for byte (tests/test_reproducible.py); Pagefind writes
its filter files in hash-map order, pagefind_files.py sorts them. Pagefind's
own user interfaces (its default, modular and component UI, the highlight script) are removed after
indexing: the atlas has its own search box and never loads them.

Search areas (a large atlas; search_marks.split_search): when pages carry `data-atlas-area="<region id>"` (with
`data-atlas-area-name`), each area is indexed into its own bundle `pagefind/areas/<id>/` and all other pages into
`pagefind/common/`; `pagefind/areas.json` lists them (id, name, bundle) for the search box, which searches the
page's area and the common bundle and widens to all areas on request (Pagefind's mergeIndex). Pagefind takes no
list of pages, so each bundle is indexed from a temporary folder of hard links with the same relative paths
(the same URLs). Without such marks everything is one bundle `pagefind/`, as before.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.paths import BuildError
from . import pagefind_files

BUNDLE = "pagefind"
# Pagefind's ready-made interfaces, not used by the atlas (its own box: assets/atlas-search.js).
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
TIMEOUT = 3600  # seconds; Germany-size atlases index in minutes
# Not indexed: the heading anchors („¶“) and the „Beispiel“ badges of invented records – in a result title they
# would only be noise, and every page with example data would match „Beispiel“.
EXCLUDE = ".headerlink, .atlas-example"


COMMON = "common"  # the bundle of the pages without an area (split mode)
AREAS_DIR = "areas"
AREAS_FILE = "areas.json"
AREA_MARK = re.compile(rb'data-atlas-area="([^"]+)" data-atlas-area-name="([^"]*)"')


@dataclass(frozen=True)
class IndexResult:
    pages: int  # pages in the index
    files: int  # files of the bundle
    bytes: int  # size of the bundle on disk
    seconds: float
    areas: int = 0  # bundles of search areas (0: one bundle for the whole site)
    largest: int = 0  # pages of the largest area bundle


def command(site_dir: Path, output: Path | None = None) -> list[str]:
    """The Pagefind call: the binary of the installed `pagefind` package."""
    target = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE]
    return [*pagefind_program(), "--site", str(site_dir), *target, "--exclude-selectors", EXCLUDE, "--silent"]


@functools.cache
def pagefind_program() -> tuple[str, ...]:
    """The binary as the `pagefind` package finds it (PAGEFIND_BINARY_PATH, `pagefind[bin]`, or on the PATH),
    started directly: `python -m pagefind` would start a Python first only to hand over to the binary, 0,07–0,09 s
    of CPU per call (a site split into search areas calls Pagefind once per area). Without the package, or
    without a binary it knows, `python -m pagefind`, whose error names what is missing (_run adds a hint)."""
    through_python = (sys.executable, "-m", "pagefind")
    try:
        from pagefind.service import get_executable
    except ImportError:
        return through_python
    found = get_executable()
    return (str(found),) if found is not None and Path(found).is_file() else through_python


def _html(site_dir: Path) -> list[Path]:
    skip = site_dir / BUNDLE
    return sorted(p for p in site_dir.rglob("*.html") if skip not in p.parents)


def page_areas(site_dir: Path) -> tuple[dict[str, str], dict[str, list[Path]]]:
    """Area id → name, and area id ("" for none) → its HTML files, read from the built pages' marks."""
    names: dict[str, str] = {}
    pages: dict[str, list[Path]] = {}
    for path in _html(site_dir):
        found = AREA_MARK.search(path.read_bytes())
        area = found.group(1).decode() if found else ""
        if found:
            names.setdefault(area, html.unescape(found.group(2).decode()))
        pages.setdefault(area, []).append(path)
    return names, pages


def build_index(site_dir: Path) -> IndexResult:
    """Index `site_dir` with Pagefind into `site_dir/pagefind/`; BuildError (German) when that fails."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    if bundle.exists():  # never mix an old index into a new one
        shutil.rmtree(bundle)
    start = time.monotonic()
    names, pages = page_areas(site_dir)
    if not names:
        _run(command(site_dir), bundle)
        return _finish(bundle, [bundle], start)
    work = site_dir.parent / f".{site_dir.name}.search-areas"
    shutil.rmtree(work, ignore_errors=True)
    bundles = []
    try:
        for area in [*sorted(names), ""]:
            folder = work / (area or COMMON)
            for path in pages.get(area, []):
                _link(path, folder / path.relative_to(site_dir))
            out = (bundle / (f"{AREAS_DIR}/{area}" if area else COMMON)).resolve()
            folder.mkdir(parents=True, exist_ok=True)
            _run(command(folder, out), out)
            bundles.append(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    listing = {"common": f"{COMMON}/", "areas": [{"id": a, "name": names[a], "bundle": f"{AREAS_DIR}/{a}/"} for a in sorted(names)]}
    (bundle / AREAS_FILE).write_text(json.dumps(listing, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return _finish(bundle, bundles, start, areas=len(names))


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system: a copy
        shutil.copyfile(source, target)


def _finish(bundle: Path, bundles: list[Path], start: float, areas: int = 0) -> IndexResult:
    seconds = time.monotonic() - start
    for one in bundles:
        for name in UNUSED:
            (one / name).unlink(missing_ok=True)
        pagefind_files.sort_filters(one)  # filter values in a fixed order: the same site, the same bytes
    files = [p for p in bundle.rglob("*") if p.is_file()]
    counts = [len(list((one / "fragment").glob("*"))) for one in bundles]
    largest = max(counts[:-1]) if areas else 0  # the last bundle of a split index is the common one
    return IndexResult(pages=sum(counts), files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds,
                       areas=areas, largest=largest)


def _run(cmd: list[str], bundle: Path) -> None:
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Suchindex (Pagefind) nicht erstellt: {exc}") from None
    if run.returncode != 0 or not (bundle / "pagefind.js").is_file():
        detail = (run.stderr or run.stdout).strip().splitlines()
        hint = " – ist das Paket „pagefind[bin]“ installiert (pip install -e .)?" if "No module named" in run.stderr else ""
        raise BuildError(f"Suchindex (Pagefind) nicht erstellt: {detail[-1] if detail else f'Exit-Code {run.returncode}'}{hint}")


__all__ = ["AREAS_FILE", "BUNDLE", "COMMON", "IndexResult", "build_index", "command", "page_areas"]
