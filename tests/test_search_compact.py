"""Compact search index for big atlases (generator/pages/search_compact.py): what stays findable, what is dropped.

Built on the search test atlas (tests/fixtures/search) with `search: {index: compact}`; compared with the
same atlas built with the default (auto, far below compact_above_pages → full).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.pages.search_compact import apply, compact_documents, plain_snippet


def _docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_compact_index_keeps_one_entry_per_page_with_title_search_words_and_boost(compact_search_site: Path, search_site: Path) -> None:
    full = _docs(search_site)
    compact = _docs(compact_search_site)
    assert any("#" in d["location"] for d in full)  # the default for a small atlas: every section
    assert not any("#" in d["location"] for d in compact)
    assert [d["location"] for d in compact] == [d["location"] for d in full if "#" not in d["location"]]
    by_page = {d["location"]: d for d in compact}
    full_pages = {d["location"]: d for d in full if "#" not in d["location"]}
    for location, doc in by_page.items():
        assert doc["title"] == full_pages[location]["title"]
        full_tags = full_pages[location].get("tags") or []
        assert (doc.get("tags") or [])[:len(full_tags)] == full_tags  # centres and offers: + their unit's places
        assert doc.get("boost") == full_pages[location].get("boost")
        assert len(doc["text"]) <= 80 + 2 and "<" not in doc["text"], doc
    profile = by_page["sozialraeume/amt-brueck/"]
    assert "Borkheide" in profile["tags"] and profile["boost"] == 2
    assert by_page["angebote/krabbelgruppe/"]["tags"][:2] == ["Familien mit Kindern unter 3 Jahren", "Kinder unter 3"]
    # the section "Sozialraum: Amt Brück (Borkheide, …)" is dropped, its places become search words
    assert {"Amt Brück", "Borkheide", "Goemnigk"} <= set(by_page["familienzentren/mgh-brueck/"]["tags"])
    assert {"Amt Brück", "Borkheide"} <= set(by_page["angebote/elterncafe/"]["tags"])
    assert "Borkheide" not in by_page["familienzentren/fz-teltow/"].get("tags", [])
    raw = (compact_search_site / "search" / "search_index.json").stat().st_size
    assert raw < (search_site / "search" / "search_index.json").stat().st_size / 2


def test_apply_rewrites_only_in_compact_mode(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    index = {"config": {"lang": ["de"]}, "docs": [
        {"location": "a/", "title": "A", "text": "<p>Eins &amp; zwei</p>"},
        {"location": "a/#x", "title": "X", "text": "<p>Abschnitt</p>"},
        {"location": "b/", "title": "B", "text": "", "tags": ["Ort"], "boost": 2},
    ]}
    target = site / "search" / "search_index.json"
    target.write_text(json.dumps(index), encoding="utf-8")
    before = target.read_bytes()
    result = apply(site, False, 160)
    assert result is not None and result.mode == "full" and target.read_bytes() == before
    result = apply(site, True, 160)
    assert result is not None and result.mode == "compact" and (result.documents_before, result.documents_after) == (3, 2)
    assert json.loads(target.read_text(encoding="utf-8"))["docs"] == [
        {"location": "a/", "title": "A", "text": "Eins &amp; zwei"},
        {"location": "b/", "title": "B", "text": "", "tags": ["Ort"], "boost": 2},
    ]
    assert apply(tmp_path / "nothing", True, 160) is None


def test_snippet_is_plain_escaped_text_cut_at_a_word() -> None:
    assert plain_snippet("<p>Beratung für Eltern &lt;script&gt; in Brück</p> <ul><li>Mo</li></ul>", 200) == \
        "Beratung für Eltern &lt;script&gt; in Brück Mo"
    assert plain_snippet("<p>Familienzentrum Brück mit offenen Angeboten</p>", 30) == "Familienzentrum Brück mit …"
    assert compact_documents([{"location": "x/", "title": "T", "text": "<b>lang</b>"}], 0) == [{"location": "x/", "title": "T", "text": ""}]
    assert re.fullmatch(r"[^<>]*", plain_snippet("<a href='javascript:x'>Link</a>", 50))


def test_auto_mode_counts_the_records_with_a_page(search_site: Path) -> None:
    from generator.pages.search_compact import is_compact, records
    from generator.check.validate import validate
    from conftest import SEARCH

    atlas, problems = validate(SEARCH)
    assert atlas is not None, problems
    count = records(atlas)
    assert count == sum(len(getattr(atlas, k)) for k in ("municipalities", "family_centres", "offers", "networks", "contacts", "organisations"))
    search = atlas.config.search
    assert search.index == "auto" and not is_compact(atlas)  # default: 3.000
    search.compact_above_records = count - 1
    assert is_compact(atlas)
    search.compact_above_records, search.index = 0, "full"
    assert not is_compact(atlas)
