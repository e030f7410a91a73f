"""The search index of the search test atlas (tests/fixtures/search): boosts, search words, what is left out.

How the browser ranks with these values is tested in tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from generator.model.schema import MemberMunicipality, Municipality
from generator.pages.searchwords import place_names, places, profile_tags, spellings


def _index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _entries(index: dict, page: str) -> list[dict]:
    return [d for d in index["docs"] if d["location"].split("#")[0] == page]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def test_profile_sections_are_boosted_and_carry_place_names_and_spellings(search_site: Path) -> None:
    entries = _entries(_index(search_site), "sozialraeume/amt-brueck/")
    assert entries
    for entry in entries:
        assert entry["boost"] == 2
        assert entry["tags"] == [
            "Amt Brück", "Amt Brueck", "Amt Bruck", "Borkheide", "Borkwalde", "Brück", "Brueck", "Bruck",
            "Gömnigk", "Goemnigk", "Gomnigk", "Rottstock", "Linthe",
        ]


def test_family_centres_are_boosted_less_than_profiles_and_offers_not_at_all(search_site: Path) -> None:
    index = _index(search_site)
    assert {e.get("boost") for e in _entries(index, "familienzentren/mgh-brueck/")} == {1.5}
    assert {e.get("boost") for e in _entries(index, "angebote/krabbelgruppe/")} == {None}
    assert {e.get("boost") for e in _entries(index, "organisationen/stadtverwaltung-teltow/")} == {None}


def test_offer_search_words_are_its_target_groups_with_their_keywords(search_site: Path) -> None:
    index = _index(search_site)
    assert _entries(index, "angebote/krabbelgruppe/")[0]["tags"] == ["Familien mit Kindern unter 3 Jahren", "Kinder unter 3", "Babys", "Kleinkinder"]
    assert _entries(index, "angebote/kinderturnen/")[0]["tags"] == ["Kinder von 3 bis 6 Jahren"]
    # umlauts spelt with e only: "Altere" would let "Alte Korbmacherei" find every offer for older people
    assert _entries(index, "angebote/digitale-sprechstunde/")[0]["tags"] == ["Seniorinnen und Senioren", "Ältere", "Aeltere"]


def test_centre_and_offer_pages_name_the_places_of_their_unit_visibly(search_site: Path) -> None:
    places_line = "Sozialraum: Amt Brück (Borkheide, Borkwalde, Brück, Gömnigk, Rottstock, Linthe)"
    for page in ("familienzentren/mgh-brueck/", "angebote/elterncafe/"):
        html = (search_site / page / "index.html").read_text(encoding="utf-8")
        assert places_line in _text(html), page
        assert any(places_line in _text(e["text"]) for e in _entries(_index(search_site), page)), page
    ferch = _text((search_site / "angebote/nachmittag-ferch/index.html").read_text(encoding="utf-8"))
    assert "Sozialraum: Schwielowsee (Caputh, Ferch, Geltow)" in ferch
    assert "Versorgte Orte: Ferch, Geltow" in ferch
    teltow = _text((search_site / "angebote/krabbelgruppe/index.html").read_text(encoding="utf-8"))
    assert "Sozialraum: Teltow –" not in teltow and re.search(r"Sozialraum: Teltow(?! \()", teltow)  # no places, no brackets


def test_chart_summaries_and_data_are_left_out_of_the_index(search_site: Path) -> None:
    html = BeautifulSoup((search_site / "sozialraeume/amt-brueck/index.html").read_text(encoding="utf-8"), "html.parser")
    summaries = [_text(str(p)) for p in html.select("figure.atlas-chart .atlas-chart__summary")]
    cells = [_text(str(t)) for t in html.select("figure.atlas-chart table td")]
    assert summaries and cells
    indexed = " ".join(_text(e["text"]) for e in _index(search_site)["docs"])
    for summary in summaries:
        assert summary not in indexed
    assert "Einwohnerinnen und Einwohner: Amt Brück" not in indexed  # the charts' captions


def test_separator_splits_words_at_punctuation_but_not_numbers() -> None:
    index_config_separator = re.search(r"separator: '([^']+)'", (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    assert index_config_separator
    # lunr splits with this regular expression; JavaScript and Python agree on this subset
    separator = re.compile(index_config_separator.group(1))
    words = [w for w in separator.split("Amt Brück (Borkheide, Borkwalde) – „Alte Korbmacherei“, 11.465 Einw. e.V./Verein") if w]
    assert words == ["Amt", "Brück", "Borkheide", "Borkwalde", "–", "Alte", "Korbmacherei", "11.465", "Einw", "e", "V", "Verein"]


def test_built_index_uses_the_configured_separator(search_site: Path) -> None:
    config = _index(search_site)["config"]
    assert config["lang"] == ["de"]
    assert config["pipeline"] == ["stopWordFilter"]  # no stemmer: Material's wildcard terms are not stemmed
    assert "(" in config["separator"] and "„" in config["separator"]


def test_spellings_and_places() -> None:
    assert spellings("Brück") == ["Brück", "Brueck", "Bruck"]
    assert spellings("Großeltern", short=False) == ["Großeltern", "Grosseltern"]
    assert spellings("Teltow") == ["Teltow"]
    amt = Municipality.model_validate({
        "id": "amt-x", "name": "Amt X", "type": "amt", "key": "120695904", "seat": "X", "location": {"lat": 52, "lon": 12},
        "population": {"value": 10}, "area_km2": 1,
        "members": [MemberMunicipality(name="X", ags="12069001", villages=["Y <b>", "Z"]), MemberMunicipality(name="Z", ags="12069002")],
    })
    assert place_names(amt) == ["X", "Y <b>", "Z"]
    assert places(amt) == " (X, Y &lt;b&gt;, Z)"
    assert profile_tags(amt) == ["Amt X", "X", "Y <b>", "Z"]
    town = amt.model_copy(update={"name": "X", "members": [], "villages": ["X", "Ost"]})
    assert places(town) == " (Ost)"
    assert places(None) == ""
