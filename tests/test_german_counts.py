"""Correct German for counts, persons as whole numbers and spacing between sentences (issue 19, point 5).

The helper `counted` over 0, 1, 2 and large counts; the unit rule for persons; and the text of every built page of
the mini atlas, the example and two copies of the mini data with a single Sozialraum (one with a single offer,
one without any), so that the counts 0 and 1 really occur: no „die 1 Sozialräume“, „alle 0 Angebote“,
„117.800,0 Personen“ or „keine Daten.Grenzen“.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINI, build_site, page, page_language
from generator.core.formatting import counted, counts_persons, plural
from generator.model import profile
from generator.model.indicators import Value
from generator.model.schema import Indicator, ProfileSettings
from generator.model.schema.places import KeyFigure

NBSP = "\u00a0"


# ------------------------------------------------------------------ the helper
@pytest.mark.parametrize(("count", "expected"), [
    (0, "keine Angebote"),
    (1, "1 Angebot"),
    (2, "2 Angebote"),
    (1000, "1.000 Angebote"),
    (1234567, "1.234.567 Angebote"),
])
def test_counted(count: int, expected: str) -> None:
    assert counted(count, "Angebot", "Angebote") == expected


@pytest.mark.parametrize(("count", "expected"), [
    (0, "noch keine aktuellen Angebote"),
    (1, "1 aktuelles Angebot"),
    (2, "2 aktuelle Angebote"),
    (1000, "1.000 aktuelle Angebote"),
    (1234567, "1.234.567 aktuelle Angebote"),
])
def test_counted_with_adjective_and_own_zero(count: int, expected: str) -> None:
    assert counted(count, "aktuelles Angebot", "aktuelle Angebote", zero="noch keine aktuellen Angebote") == expected


def test_counted_zero_fits_every_gender() -> None:
    assert counted(0, "Sozialraum", "Sozialräume") == "keine Sozialräume"
    assert counted(0, "Ansprechperson", "Ansprechpersonen") == "keine Ansprechpersonen"
    assert counted(0, "Planungsregion", "Planungsregionen", zero="keiner Planungsregion") == "keiner Planungsregion"


def test_plural_keeps_zero_as_a_number() -> None:
    """`plural` is for phrases where 0 is a number („nach 0 Tagen“); `counted` is for sentences."""
    assert [plural(n, "Tag", "Tagen") for n in (0, 1, 2, 1000)] == ["0 Tagen", "1 Tag", "2 Tagen", "1.000 Tagen"]


@pytest.mark.parametrize(("unit", "persons"), [
    ("Personen", True), ("Einwohner", True), ("Einwohnerinnen und Einwohner", True), ("Kinder", True),
    ("%", False), ("je 1.000 Einwohner", False), ("Einwohner je km²", False), ("Personen pro Haushalt", False),
    ("Personen/Haushalt", False), ("km²", False), ("Fälle", False), (None, False), ("", False),
])
def test_counts_persons(unit: str | None, persons: bool) -> None:
    assert counts_persons(unit) is persons


INDICATOR = dict(id="x", label="X", description="Beschreibung.", source="Quelle", licence="dl-de/by-2-0")


@pytest.mark.parametrize(("unit", "given", "shown"), [
    ("Personen", None, 0), ("Personen", 1, 0), ("Einwohner", 2, 0),  # people are whole, whatever the file says
    ("%", None, 1), ("je 1.000 Einwohner", None, 1), ("%", 2, 2), ("km²", 0, 0),  # rates keep their decimals
])
def test_indicator_decimals_follow_the_unit(unit: str, given: int | None, shown: int) -> None:
    data = dict(INDICATOR, unit=unit) | ({} if given is None else {"decimals": given})
    assert Indicator.model_validate(data).decimals == shown


def test_key_figure_of_persons_is_whole() -> None:
    assert KeyFigure.model_validate({"label": "Einwohner", "value": 117800.0, "unit": "Personen", "decimals": 1}).decimals == 0
    assert KeyFigure.model_validate({"label": "Quote", "value": 29.14, "unit": "%", "decimals": 1}).decimals == 1


def hint_of(unit: str, aggregation: str, own_rule: str | None = None) -> str | None:
    """The hint sentence for a Sozialraum with 5.890 against 117.800 in the district (ratio 0,05), or None."""
    ind = Indicator.model_validate(dict(INDICATOR, label="Einwohner", unit=unit, aggregation=aggregation,
                                        hints={"rule": own_rule} if own_rule else {}))
    row = profile.Row(ind, Value("x", "a", 2023, False, 5890.0), Value("x", "kreis", 2023, False, 117800.0), None, None, None, None)
    rule = profile.notable(row, ProfileSettings())
    return None if rule is None else profile.hint_text(row, rule, "Landkreis Göttingen")


def test_counts_give_no_hint_of_being_95_percent_under_the_district() -> None:
    """A count (aggregation sum) of one unit is always a small part of the district's total: „95 % unter“ says nothing."""
    assert hint_of("Personen", "sum") is None
    # an indicator that asks for hints still gets them, in a full sentence with whole people
    assert hint_of("Personen", "sum", "ratio") == (
        "Der Wert „Einwohner“ liegt mit 5.890 etwa 95 % unter dem Wert im Landkreis Göttingen (117.800; 2023).")
    assert hint_of("%", "none") == "Der Wert „Einwohner“ liegt mit 5.890,0 etwa 95 % unter dem Wert im Landkreis Göttingen (117.800,0; 2023)."


# ------------------------------------------------------------------ built pages
PLURAL_NOUNS = (r"(?:Angebote|Sozialräum|Familienzentren|Netzwerke|Ansprechpersonen|Planungsregionen|Klassen|Tabellen"
                r"|Organisationen|Gemeinden|Teile|Einträge|Treffer|Orten?\b|Quellen|Monate|Personen|Ziele|Kennzahlen|Themen)")
DEFECTS = {
    "„die/alle 0/1 …“": re.compile(r"\b(?:die|alle|diese|der|den|dieser)\s+[01]\s+\w", re.IGNORECASE),
    "1 vor der Mehrzahl": re.compile(r"(?<![\d.,+−±])\b1\s+(?:[a-zäöü]+e[ns]?\s+)?" + PLURAL_NOUNS),
    "0 vor einem Nomen": re.compile(r"(?<![\d.,+−±:])\b0\s+(?:[a-zäöü]+\s+)?" + PLURAL_NOUNS),
    "Personen mit Nachkommastellen": re.compile(r"\d,\d+\s+Personen\b"),
    "Sätze ohne Leerzeichen": re.compile(r"[a-zäöüß)][.;!?][A-ZÄÖÜ][a-zäöü]"),
}


def page_text(path: Path) -> str:
    """The visible text of a built page: scripts and styles dropped, tags replaced by a space, entities decoded."""
    raw = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace(NBSP, " "))


def defects(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        if page_language(path.read_text(encoding="utf-8")) != "de":
            continue  # German counts and number formats: the pages in other languages (issue 22) write theirs
        text = page_text(path)
        for name, pattern in DEFECTS.items():
            found += [f"{path.relative_to(site)}: {name}: …{text[max(0, m.start() - 50):m.end() + 30]}…" for m in pattern.finditer(text)]
    return found


def test_the_scan_finds_the_defects_of_the_issue(tmp_path: Path) -> None:
    """The patterns catch the phrases issue 19 quotes (else the tests below could never fail)."""
    for i, phrase in enumerate(["Die Karte zeigt die 1 Sozialräume als Kreise.", "Hier stehen alle 0 Angebote.",
                                "Einwohner: 117.800,0 Personen", "schraffiert und grau: keine Daten.Grenzen: © BKG",
                                "Tabelle mit 1 Ansprechpersonen öffnen", "Der Atlas enthält 1 aktuelle Angebote."]):
        (tmp_path / f"{i}.html").write_text(f"<p>{html.escape(phrase)}</p>", encoding="utf-8")
    assert {found.split(":")[0] for found in defects(tmp_path)} == {f"{i}.html" for i in range(6)}


@pytest.mark.parametrize("name", ["mini_site", "example_site"])
def test_no_broken_counts_or_joined_sentences(request: pytest.FixtureRequest, name: str) -> None:
    site: Path = request.getfixturevalue(name)
    assert defects(site) == []


def test_map_legend_text_and_credit_are_separate_sentences(example_site: Path) -> None:
    text = page_text(example_site / "kennzahlen" / "altenquotient" / "index.html")
    assert re.search(r"schraffiert und grau: keine Daten\. Grenzen: ", text), "the credit follows the legend after a space"
    # the sentence is a paragraph of its own: the table of classes after it is still a table
    assert "| Klasse |" not in text and re.search(r"<th[^>]*>Anzahl Sozialräume</th>", page(example_site, "kennzahlen/altenquotient/"))


def single_unit(data: Path, keep_offer: bool) -> Path:
    """The mini data with one Sozialraum (Teststadt) and one active offer (or none), and 117.800 people."""
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(MINI, data)
    (data / "municipalities" / "amt-testheide.yaml").unlink()
    for offer in ("seniorentreff", "sprechstunde") + (() if keep_offer else ("krabbelgruppe",)):
        (data / "offers" / f"{offer}.yaml").unlink()
    values = data / "indicators" / "values.csv"
    rows = [r for r in values.read_text(encoding="utf-8").splitlines() if not r.startswith("amt-testheide,")]
    values.write_text("\n".join(re.sub(r"^(testkreis|teststadt),einwohner,2022,\d+", r"\1,einwohner,2022,117800", r) for r in rows) + "\n",
                      encoding="utf-8")
    definition = data / "indicators" / "einwohner.yaml"
    text = definition.read_text(encoding="utf-8")
    assert "decimals: 0\n" in text and "unit: Personen\n" in text
    # one copy leaves decimals out (the default used to be 1), the other asks for 1: both show whole people
    definition.write_text(text.replace("decimals: 0\n", "" if keep_offer else "decimals: 1\n"), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def one_offer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one-offer")
    return build_site(single_unit(root / "data", keep_offer=True), root)


@pytest.fixture(scope="module")
def no_offer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("no-offer")
    return build_site(single_unit(root / "data", keep_offer=False), root)


def text_of(site: Path, path: str) -> str:
    return page_text(site / path / "index.html" if not path.endswith(".html") else site / path)


def whole_people(site: Path) -> None:
    everything = "".join(path.read_text(encoding="utf-8") for path in site.rglob("*") if path.suffix in (".html", ".svg"))
    assert "117.800" in everything and "117.800,0" not in everything


def test_a_single_unit_and_a_single_offer(one_offer_site: Path) -> None:
    site = one_offer_site
    assert defects(site) == []
    whole_people(site)
    assert "Hier steht das bisher einzige Angebot in den Sozialräumen." in text_of(site, "angebote")
    assert "Hier finden Sie 1 aktuelles Angebot in den Sozialräumen." in text_of(site, "angebote/finder")
    assert 'id="atlas-finder-anzahl" role="status" aria-live="polite">1 Angebot</p>' in page(site, "angebote/finder/")
    assert "hat 1 Teil." in text_of(site, "leichte-sprache")
    assert "In Teststadt gibt es 1 Angebot." in text_of(site, "leichte-sprache/teststadt")
    profile = text_of(site, "sozialraeume/teststadt")
    assert "auf Rang 1 von 1 Sozialraum (Rang 1 = höchster Wert)" in profile
    assert "Nur 1 Sozialraum hat einen Wert: 117.800 Personen (Teststadt)." in profile
    contacts = text_of(site, "ansprechpersonen")
    assert "1 Ansprechperson in 1 Thema" in contacts and "Tabelle mit 1 Ansprechperson öffnen" in contacts
    assert "Statische Karte mit 1 eingezeichneten Ort;" in (site / "karten" / "sozialraeume.svg").read_text(encoding="utf-8")


def test_a_single_unit_without_offers(no_offer_site: Path) -> None:
    site = no_offer_site
    assert defects(site) == []
    whole_people(site)  # decimals: 1 in the file, still whole people
    for listing in ("angebote", "angebote/zielgruppen", "angebote/orte", "angebote/alter"):
        assert "In den Sozialräumen ist noch kein Angebot eingetragen." in text_of(site, listing)
    assert "Hier finden Sie noch keine aktuellen Angebote in den Sozialräumen." in text_of(site, "angebote/finder")
    assert 'id="atlas-finder-anzahl" role="status" aria-live="polite">Keine Angebote</p>' in page(site, "angebote/finder/")
    assert "In Teststadt gibt es kein Angebot." in text_of(site, "leichte-sprache/teststadt")
