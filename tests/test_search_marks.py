"""The site search's marks in the built HTML (generator/pages/search_marks.py) and the Pagefind step of the build
(generator/build/search_index.py): what is searchable, by which words and filters, and that the index is
reproducible. The search as a visitor uses it: tests/browser/test_search.py."""

from __future__ import annotations

import shutil
from html import escape as html_escape
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import page
from pagefind_index import pages as search_pages

from generator.build import search_index
from generator.core.paths import BuildError
from generator.model.atlas import is_active
from generator.pages.search_marks import Marks, head_html, marks_html, mark_page


def test_record_pages_are_searchable_with_filters_and_place_words(mini_site: Path) -> None:
    unit = BeautifulSoup(page(mini_site, "sozialraeume/amt-testheide/"), "html.parser")
    assert unit.select_one("[data-pagefind-body]") is not None
    filters = [span["data-pagefind-filter"] for span in unit.select("[data-pagefind-filter]")]
    assert filters == ["Seitentyp:Ort", "Gemeinde:Amt Testheide"]
    meta = {span["data-pagefind-meta"].split(":", 1)[0]: span["data-pagefind-meta"].split(":", 1)[1]
            for span in unit.select("[data-pagefind-meta]")}
    assert "Unterheide" in meta["ort"]  # a village finds its unit
    head = unit.select_one(".atlas-search-head")
    assert head.has_attr("hidden") and "Unterheide" in head.get_text()  # weighted, not shown
    fragment = search_pages(mini_site)["/sozialraeume/amt-testheide/"]
    assert fragment["filters"] == {"Seitentyp": ["Ort"], "Gemeinde": ["Amt Testheide"]}
    assert fragment["meta"]["title"] == "Amt Testheide"  # no „¶“, no „Beispiel“ badge


def test_editors_pages_and_lists_are_not_searchable(mini_site: Path) -> None:
    urls = set(search_pages(mini_site))
    for path in ("datenmodell/", "suche/", "angebote/", "angebote/alter/", "ansprechpersonen/"):
        assert "data-pagefind-body" not in page(mini_site, path), path
        assert "/" + path not in urls
    assert "/" in urls and "/netzwerke/fruehe-hilfen-teststadt/" in urls
    assert not any(url.startswith("/karten/") for url in urls)  # map documents have no body mark
    bundle = mini_site / "pagefind"
    assert not [name for name in search_index.UNUSED if (bundle / name).exists()]  # Pagefind's own UIs removed


def test_marks_are_escaped_and_spelt_without_umlauts() -> None:
    marks = Marks("Angebot", units=['Groß "Kreutz" <b>'], places=["Groß Kreutz", "Jeserig"], topics=["Frühe Hilfen"])
    block = marks_html(marks)
    assert '<b>' not in block and '&quot;Kreutz&quot; &lt;b&gt;' in block
    assert 'data-pagefind-meta="schreibweisen:Gross Kreutz, Fruehe Hilfen, Fruhe Hilfen"' in block
    assert block.startswith('<div class="atlas-search-marks" hidden>')
    head = head_html(Marks("Ort", head=[(8.0, ["Brück & Co"])]))
    assert head == '<p class="atlas-search-head" hidden><span data-pagefind-weight="8">Brück &amp; Co.</span></p>\n'


def test_mark_page_puts_the_weighted_line_under_the_title_and_leaves_lists_out() -> None:
    marks = {"angebote/x.md": Marks("Angebot", head=[(9.0, ["Frühe Hilfen"])])}
    page_text = '---\ntitle: "X"\n---\n\n# X\n\nText\n'
    out = mark_page("angebote/x.md", page_text, marks)
    assert out.index("# X") < out.index("atlas-search-head") < out.index("Text") < out.index("atlas-search-marks")
    assert mark_page("angebote/orte.md", page_text, marks).startswith('---\ntitle: "X"\nsearch_index: false\n---')
    assert mark_page("angebote/orte/teltow.md", page_text, marks).count("search_index: false") == 1
    assert mark_page("impressum.md", page_text, marks) == page_text


def test_index_is_the_same_bytes_for_the_same_site(mini_site: Path, tmp_path: Path) -> None:
    copies = []
    for name in ("a", "b"):
        site = tmp_path / name
        shutil.copytree(mini_site, site, ignore=shutil.ignore_patterns("pagefind"))
        result = search_index.build_index(site)
        assert result.pages > 10 and result.bytes > 0
        copies.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()})
    assert copies[0] == copies[1]
    original = {p.relative_to(mini_site).as_posix(): p.read_bytes() for p in sorted((mini_site / "pagefind").rglob("*")) if p.is_file()}
    assert copies[0] == original


def test_pagefind_runs_as_its_binary_without_a_python_in_between(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = search_index.pagefind_program()
    assert len(program) == 1 and Path(program[0]).is_file() and "python" not in Path(program[0]).name
    assert search_index.command(tmp_path)[:3] == [program[0], "--site", str(tmp_path)]
    # a binary named by PAGEFIND_BINARY_PATH (the pagefind package's own setting) is used; a missing one is not
    try:
        for named, expected in ((program[0], program), (str(tmp_path / "fehlt"), (sys.executable, "-m", "pagefind"))):
            search_index.pagefind_program.cache_clear()
            monkeypatch.setenv("PAGEFIND_BINARY_PATH", named)
            assert search_index.pagefind_program() == expected
    finally:
        monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
        search_index.pagefind_program.cache_clear()
    assert search_index.pagefind_program() == program


def test_failing_pagefind_is_a_german_build_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "command", lambda site: ["python3", "-c", "import sys; sys.exit('kaputt')"])
    with pytest.raises(BuildError, match="Suchindex \\(Pagefind\\) nicht erstellt: kaputt"):
        search_index.build_index(tmp_path)


def test_situations_benefits_and_termine_have_their_page_type_and_filters(example_site: Path, example_atlas) -> None:
    """Issue 20, point 5: „Lebenslage“, „Leistung“ and „Termin“ are page types of the search with target groups,
    responsible bodies and (Termine) their Sozialraum; the question path stays out of the search."""
    found = search_pages(example_site)
    situation = found["/lebenslagen/ein-kind-kommt/"]
    assert situation["filters"]["Seitentyp"] == ["Lebenslage"] and "Gemeinde" not in situation["filters"]
    assert set(situation["filters"]["Zielgruppe"]) == {"Schwangere und werdende Eltern", "Familien mit Kindern unter 3 Jahren"}
    assert "Frühe Hilfen" in situation["meta"]["thema"] and "Babys" in situation["meta"]["zielgruppe"]
    assert "Elterngeldstelle des Landkreises" in situation["meta"]["organisation"]
    benefit = found["/leistungen/pflegegeld/"]
    assert benefit["filters"]["Seitentyp"] == ["Leistung"] and "Pflegende Angehörige" in benefit["filters"]["Zielgruppe"]
    assert benefit["meta"]["organisation"] == example_atlas.organisations["kranken-und-pflegekasse-beispiel"].name
    assert "Pflege und Alter" in benefit["meta"]["thema"]
    event = found["/termine/eltern-kind-gruppe-werder/"]
    assert event["filters"]["Seitentyp"] == ["Termin"] and event["filters"]["Gemeinde"] == ["Werder (Havel)"]
    assert "Eltern" in event["filters"]["Zielgruppe"] and event["meta"]["organisation"] == "Familienverein Havelland e.V."
    types = {t for fragment in found.values() for t in fragment["filters"].get("Seitentyp", [])}
    assert {"Lebenslage", "Leistung", "Termin"} <= types
    assert not [url for url in found if url.startswith("/lebenslagen/fragen/")]
    assert "data-pagefind-body" not in page(example_site, "lebenslagen/fragen/wo/ein-kind-kommt/")


def test_tables_of_every_sozialraum_and_offer_lists_stay_out_of_the_search_text(example_site: Path, example_atlas) -> None:
    """Issue 18, point 4: the indicator pages, the district overview, the overviews of Sozialräume, regions, goals,
    family centres, organisations and networks, the easy-language start and the life situations list every Sozialraum
    (or centre, organisation, network), and a profile lists its offers; all these have pages of their own. Those lists
    are shown to readers but are not search text (`data-pagefind-ignore`): at Germany size one indicator page's excerpt file held a table of
    7.615 Sozialräume (490 kB loaded by a query), and every place name found 28 indicator pages."""
    found = search_pages(example_site)
    units = [unit.name for unit in example_atlas.municipalities.values()]
    types = {t.label for t in example_atlas.vocabularies.network_types}  # group headings of the networks index stay searchable
    district = example_atlas.district
    # url → the page's own texts, which may name a Sozialraum („Kreisstadt: Bad Belzig“, „für das Amt Ziesar …“)
    common = {"/": [], "/landkreis/": [district.seat, district.description], "/sozialraeume/": [], "/regionen/": [], "/ziele/": [],
              "/leichte-sprache/": [], "/lebenslagen/wenig-geld/": [district.seat]}  # addresses of the offices
    common |= {f"/kennzahlen/{i}/": [ind.description, ind.interpretation, ind.limitations]
               for i, ind in example_atlas.indicators.items()}
    common |= {f"/ziele/felder/{field.id}/": [] for field in example_atlas.vocabularies.target_fields}
    assert len(common) > 30
    for url, own_texts in common.items():
        content = found[url]["content"]
        html = page(example_site, url.strip("/"))
        listed = [name for name in units if html_escape(name) in html]
        named = [name for name in units if name in content and not any(name in (t or "") for t in own_texts)]
        if not url.startswith("/ziele/felder/"):  # a field's goals may hold for some Sozialräume only
            assert len(listed) == len(units), (url, listed)  # the list is on the page for its readers
        assert named == [], (url, named)  # but not in what the search finds and loads
    for url, records in (("/netzwerke/", example_atlas.networks), ("/familienzentren/", example_atlas.family_centres),
                         ("/organisationen/", example_atlas.organisations)):
        html = page(example_site, url.strip("/"))
        names = [r.name for r in records.values() if r.name not in types and html_escape(r.name) in html]
        assert len(names) > 10, url
        assert not [name for name in names if name in found[url]["content"]], url
    # a profile: its offers' lines are shown, not searched; the place is still found by its name
    teltow = found["/sozialraeume/teltow/"]
    offers = [o.title for o in example_atlas.offers.values() if o.municipality == "teltow" and is_active(o)]
    assert offers and all(title in page(example_site, "sozialraeume/teltow/") for title in offers)
    assert "Themen: Frühe Hilfen" not in teltow["content"] and teltow["meta"]["title"] == "Teltow"
