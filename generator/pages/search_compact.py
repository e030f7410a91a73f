"""Compact search index for big atlases (issue 7: a Land or all of Germany in one atlas).

Material's search plugin writes `search/search_index.json` with one document per page *and* one per
heading section, each with the section's full text; every visitor's browser downloads and indexes it
whole. For one district that is fine (PM: 724 pages, 0,14 MB gzip). It grows with the atlas: measured on
the synthetic Brandenburg atlas (9.103 pages) 42.335 documents, 25,9 MB raw / 1,43 MB gzip; at Germany
size (≈ 28 × Brandenburg) about 41 MB gzip – unusable on a phone.

In compact mode, after MkDocs has written the index, this module keeps what visitors search for in a
big atlas and drops what repeats or cannot be found by words:

* kept: one document per page with its title, its search words (front matter tags: the places of a
  profile, the target groups of an offer – searchwords.py), its boost, and the beginning of its
  introduction as plain text (`text_chars` characters, cut at a word, „…“) for the result snippet;
* dropped: the documents of heading sections (opening hours, contact, indicator tables …). A search for
  a place, an offer, a centre, a network or a person still finds its page by title and search words.

In compact mode the offers and family centres also get their unit's place names as search words
(searchwords.annotate), which in the full index their section „Sozialraum: Amt Brück (Borkheide, …)“
provides: „Borkheide“ still finds the profile first, then the centres and offers there.

`settings.index`: `full` (Material's index as written), `compact`, or `auto` (compact when the atlas has
more than `compact_above_records` records with a page). The rule depends on the data only, so the render
stage (search words) and the build stage (index) decide the same. Deterministic: documents keep MkDocs' order.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.atlas import Atlas

INDEX = Path("search") / "search_index.json"
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Result:
    mode: str  # "full" or "compact"
    pages: int
    documents_before: int
    documents_after: int
    bytes_before: int
    bytes_after: int


def plain_snippet(text: str, limit: int) -> str:
    """HTML of a search document → escaped plain text of at most `limit` characters (cut at a word, „…“)."""
    plain = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()
    if len(plain) > limit:
        cut = plain[:limit].rsplit(" ", 1)[0] if " " in plain[:limit] else plain[:limit]
        plain = cut.rstrip(" ,;:–-") + " …"
    return html.escape(plain, quote=False)


def compact_documents(docs: list[dict], text_chars: int) -> list[dict]:
    out = []
    for doc in docs:
        if "#" in doc.get("location", ""):
            continue
        kept = {key: doc[key] for key in ("location", "title") if key in doc}
        kept["text"] = plain_snippet(doc.get("text", ""), text_chars) if text_chars else ""
        for key in ("tags", "boost"):
            if doc.get(key):
                kept[key] = doc[key]
        out.append(kept)
    return out


def records(atlas: "Atlas") -> int:
    """Records with a page of their own: units, family centres, offers, networks, contacts, organisations."""
    return sum(len(getattr(atlas, kind)) for kind in ("municipalities", "family_centres", "offers", "networks", "contacts", "organisations"))


def is_compact(atlas: "Atlas") -> bool:
    search = atlas.config.search
    return search.index == "compact" or (search.index == "auto" and records(atlas) > search.compact_above_records)


def apply(site_dir: Path, compact: bool, text_chars: int) -> Result | None:
    """Rewrite the site's search index in compact mode; None if there is no index."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return None
    raw = path.read_bytes()
    data = json.loads(raw)
    docs = data.get("docs", [])
    pages = sum(1 for d in docs if "#" not in d.get("location", ""))
    if not compact:
        return Result("full", pages, len(docs), len(docs), len(raw), len(raw))
    data["docs"] = compact_documents(docs, text_chars)
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(out)
    return Result("compact", pages, len(docs), len(data["docs"]), len(raw), len(out))
