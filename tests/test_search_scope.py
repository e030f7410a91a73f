"""Search scope (generator/pages/search_scope.py): overview lists and indicator value tables stay out of the search index."""

from __future__ import annotations

import json
from pathlib import Path

from generator.pages.search_scope import exclude_sections

ROOT = Path(__file__).resolve().parent.parent


def test_exclude_sections_marks_headings_and_keeps_existing_attributes():
    text = "# Titel\n\nIntro\n\n## Werte nach Jahr\n\n| a |\n\n## Quellen { #quellen }\n\n### Werte nach Jahr { data-search-exclude }\n"
    out = exclude_sections(text)
    assert "# Titel\n" in out  # the page title and its first section stay searchable
    assert "## Werte nach Jahr { data-search-exclude }" in out
    assert "## Quellen { #quellen data-search-exclude }" in out
    assert out.count("data-search-exclude") == 3
    only = exclude_sections(text, ("Werte",))
    assert "## Quellen { #quellen }" in only and "## Werte nach Jahr { data-search-exclude }" in only


def test_built_example_index_leaves_out_lists_and_value_tables(example_site: Path):
    docs = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    assert "angebote/alter/" in locations  # the list page itself is still found by its title
    assert not [loc for loc in locations if loc.startswith("angebote/alter/#")]
    assert not [loc for loc in locations if loc.startswith("angebote/orte/#")]
    assert "kennzahlen/altenquotient/" in locations
    sections = [loc for loc in locations if loc.startswith("kennzahlen/altenquotient/#")]
    assert sections and not [loc for loc in sections if "werte-nach-jahr" in loc or "rangfolge" in loc]
    # place names still lead to the profile (searchwords.py)
    assert any(d["location"] == "sozialraeume/amt-brueck/" and "Borkheide" in d.get("tags", []) for d in docs)
    html = (example_site / "kennzahlen" / "altenquotient" / "index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" in html and "Werte nach Jahr" in html  # still on the page, only not indexed
