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
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class IndexResult:
    pages: int  # pages in the index
    files: int  # files of the bundle
    bytes: int  # size of the bundle on disk
    seconds: float


def command(site_dir: Path) -> list[str]:
    """The Pagefind call: the binary of the installed `pagefind` package, run by this Python."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--exclude-selectors", EXCLUDE, "--silent"]


def build_index(site_dir: Path) -> IndexResult:
    """Index `site_dir` with Pagefind into `site_dir/pagefind/`; BuildError (German) when that fails."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    if bundle.exists():  # never mix an old index into a new one
        shutil.rmtree(bundle)
    start = time.monotonic()
    try:
        run = subprocess.run(command(site_dir), capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Suchindex (Pagefind) nicht erstellt: {exc}") from None
    if run.returncode != 0 or not (bundle / "pagefind.js").is_file():
        detail = (run.stderr or run.stdout).strip().splitlines()
        hint = " – ist das Paket „pagefind[bin]“ installiert (pip install -e .)?" if "No module named" in run.stderr else ""
        raise BuildError(f"Suchindex (Pagefind) nicht erstellt: {detail[-1] if detail else f'Exit-Code {run.returncode}'}{hint}")
    seconds = time.monotonic() - start
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    pagefind_files.sort_filters(bundle)  # filter values in a fixed order: the same site, the same bytes
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexResult(pages=len(list((bundle / "fragment").glob("*"))), files=len(files),
                       bytes=sum(p.stat().st_size for p in files), seconds=seconds)


__all__ = ["BUNDLE", "IndexResult", "build_index", "command"]
