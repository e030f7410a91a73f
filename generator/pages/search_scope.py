"""Search scope: what the site search leaves out, so that the index a visitor downloads grows slowly (issue 7).

Material's search plugin writes one document per heading section of every page into
`search/search_index.json`, which every visitor's browser loads whole. Measured on synthetic atlases
(benchmarks/run.py), most of its bytes repeat what other pages already hold:

* the overview lists of offers (`angebote/` by topic, age, target group and place, `ansprechpersonen/orte/`)
  name every offer or contact again that has its own page;
* the indicator pages' value tables (values per year, ranking of the units, the map's table) are numbers
  that a word search cannot find usefully.

Those sections get Material's `data-search-exclude` (on their `##` heading; attr_list is on): the page's
first section – its title and introduction – stays in the index, so „Angebote nach Alter“ or
„Altenquotient“ are still found. Indexed in full stay the record pages (profiles with their place-name
search words from searchwords.py, family centres, offers, networks, contacts, organisations, targets),
and the definition sections of the indicator pages.
"""

from __future__ import annotations

import re

LIST_PAGES = (
    "angebote/index.md",
    "angebote/alter.md",
    "angebote/zielgruppen.md",
    "angebote/orte.md",
    "ansprechpersonen/orte.md",
)
INDICATOR_PREFIX = "kennzahlen/"
INDICATOR_TABLE_SECTIONS = ("Werte nach Jahr", "Rangfolge der ", "Karte: ")
EXCLUDE = "data-search-exclude"
_HEADING = re.compile(r"^(#{2,6} )(.+?)(?: \{([^}\n]*)\})?[ \t]*$", re.M)


def _exclude_heading(match: re.Match[str]) -> str:
    attrs = (match.group(3) or "").strip()
    if EXCLUDE in attrs.split():
        return match.group(0)
    return f"{match.group(1)}{match.group(2)} {{ {(attrs + ' ') if attrs else ''}{EXCLUDE} }}"


def exclude_sections(markdown: str, starts: tuple[str, ...] | None = None) -> str:
    """Mark every `##`–`######` heading (or those whose text starts with one of `starts`) as excluded from search.

    Headings inside fenced code blocks are not expected in generated pages and are not special-cased.
    """

    def replace(match: re.Match[str]) -> str:
        if starts is not None and not match.group(2).startswith(starts):
            return match.group(0)
        return _exclude_heading(match)

    return _HEADING.sub(replace, markdown)


def limit_page(path: str, content: str) -> str:
    """The search scope of one rendered page."""
    if path in LIST_PAGES:
        return exclude_sections(content)
    if path.startswith(INDICATOR_PREFIX) and path.endswith(".md") and path.count("/") == 1 and not path.endswith("/index.md"):
        return exclude_sections(content, INDICATOR_TABLE_SECTIONS)
    return content


def limit(files: dict[str, str]) -> None:
    """Apply the search scope to the rendered pages (in place)."""
    for path, content in files.items():
        files[path] = limit_page(path, content)


__all__ = ["exclude_sections", "limit", "limit_page"]
