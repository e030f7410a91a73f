"""What the site search (Pagefind, issue 18) holds, read from a built site for tests: `pages(site)`.

Pagefind writes one fragment per indexed page (`pagefind/fragment/*.pf_fragment`: gzip, a 12-byte signature
`pagefind_dcd`, then JSON with url, content, meta, filters). Tests that ask "is this in the search?" read those
fragments, so they check the index visitors search, not a theme's internals.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def pages(site: Path) -> dict[str, dict]:
    """URL path (e.g. "/angebote/x/") → fragment (url, content, meta, filters) of every page in the search."""
    found: dict[str, dict] = {}
    for path in sorted((Path(site) / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(SIGNATURE):] if data.startswith(SIGNATURE) else data)
        found[fragment["url"]] = fragment
    return found


def text(site: Path) -> str:
    """Everything the search holds as one string: URLs, titles, metadata and page text."""
    return "\n".join(json.dumps(fragment, ensure_ascii=False) for fragment in pages(site).values())


__all__ = ["pages", "text"]
