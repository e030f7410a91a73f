"""The atlas' own area (district.yaml) is named by data, not always „Landkreis“ (issue 19, point 3).

The small test atlas is built as a kreisfreie Stadt („Stadt Musterstadt“) and as a whole Land („Land Musterland“,
a 2-digit key); the built pages must speak of „der Stadt“ / „dem Land“, „stadtweit“ / „landesweit“, „Sitz der
Verwaltung“ / „Landeshauptstadt“ and never of a Landkreis, Kreisstadt or Kreistag.

Words that stay on purpose, so left out of the search below:
- the URL path `landkreis/` and the anchor `#kreisweit` (stable links; only visible text and the attributes
  title, aria-label, alt and placeholder are searched);
- the page „Datenmodell“ (datenmodell/): it documents every field for editors, including all kinds of area
  (landkreis, kreis, … with their words „Kreisstadt“, „Kreistag“, „kreisweit“) as allowed values;
- the page „Über den Atlas“ (ueber/): hand-written text in the project's content/ueber.md, not generated;
  each project adapts it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import MINI, build_site, page, shared_build

from generator.cli import main
from generator.model.schema import area_kind, derived_kind, merged_area_kinds

FORBIDDEN = ("Landkreis", "Kreisweit", "kreisweit", "Kreisstadt", "Kreistag", "Land-Kreis", "Kreisverwaltung", "Kreiswert", "Kreisgrenze")
LEFT_OUT = {"datenmodell", "ueber"}
# the mini atlas' own words for its Landkreis, replaced in every YAML file of the copy (ids stay)
CITY_WORDS = [("Landkreis Testkreis", "Stadt Musterstadt"), ("Kreisverwaltung Testkreis", "Stadtverwaltung Musterstadt"),
              ("Kreisstraße", "Rathausplatz"), ("des Testkreises", "der Stadt Musterstadt"), ("im Testkreis", "in Musterstadt"),
              ("Testkreis", "Musterstadt")]
LAND_WORDS = [("Landkreis Testkreis", "Land Musterland"), ("Kreisverwaltung Testkreis", "Landesamt Musterland"),
              ("Kreisstraße", "Landesplatz"), ("des Testkreises", "des Landes Musterland"), ("im Testkreis", "in Musterland"),
              ("Testkreis", "Musterland")]


def renamed_copy(target: Path, words: list[tuple[str, str]], key: str | None = None) -> Path:
    """A copy of the mini atlas whose district and texts are renamed (and its key changed)."""
    shutil.copytree(MINI, target)
    for path in target.rglob("*.yaml"):
        text = original = path.read_text(encoding="utf-8")
        for old, new in words:
            text = text.replace(old, new)
        if key and path.name == "district.yaml":
            text = re.sub(r'^key: "\d+"', f'key: "{key}"', text, flags=re.M)
        if text != original:
            path.write_text(text, encoding="utf-8")
    return target


def visible_texts(site: Path) -> dict[str, str]:
    """Page → its visible text plus title, aria-label, alt and placeholder attributes (no URLs, no ids, no scripts)."""
    texts = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in LEFT_OUT:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        attrs = [v for t in soup.find_all(True) for k, v in t.attrs.items() if k in ("title", "aria-label", "alt", "placeholder") and isinstance(v, str)]
        texts[str(rel)] = " ".join([soup.get_text(" "), *attrs])
    return texts


def text_of(site: Path, path: str) -> str:
    return " ".join(BeautifulSoup(page(site, path), "html.parser").get_text(" ").split())


@pytest.fixture(scope="module")
def city_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, "area-city", lambda root: build_site(renamed_copy(root / "data", CITY_WORDS), root))


@pytest.fixture(scope="module")
def land_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, "area-land", lambda root: build_site(renamed_copy(root / "data", LAND_WORDS, key="99"), root))


@pytest.mark.parametrize("which", ["city_site", "land_site"])
def test_no_district_words_in_a_city_or_land(which: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(which)
    texts = visible_texts(site)
    assert "landkreis/index.html" in texts and "sozialraeume/teststadt/index.html" in texts and "leichte-sprache/index.html" in texts
    found = {(path, word) for path, text in texts.items() for word in FORBIDDEN if word in text}
    assert not found, sorted(found)[:20]


def test_city_pages_speak_of_the_city(city_site: Path) -> None:
    start = text_of(city_site, "")
    assert "Profil der Stadt" in start and "Karte der Stadt" in start and "Kennzahlen der Stadt" in start
    assert 'title="Karte: Sozialräume und Familienzentren in der Stadt Musterstadt"' in page(city_site, "")  # the map's title
    district = text_of(city_site, "landkreis/")
    assert "Sitz der Verwaltung: Teststadt" in district and "Kreisschlüssel: 99001" in district
    assert "Werte der Stadt für alle Jahre" in district
    nav = BeautifulSoup(page(city_site, ""), "html.parser").select_one('nav a[href$="landkreis/"]')
    assert nav is not None and nav.get_text(strip=True) == "Stadt"  # the URL stays, the nav entry follows the kind

    profile = text_of(city_site, "sozialraeume/amt-testheide/")
    for phrase in ("Kennzahlen im Vergleich mit der Stadt", "neben dem Wert der Stadt Musterstadt aus demselben Jahr",
                   "deutlich von der Stadt abweicht", "so hoch wie in der Stadt Musterstadt", "Prognose 2040: 83,0 (Stadt: 79,2)",
                   "Stadtweit zuständige Stellen", "Es sind keine stadtweiten Netzwerke eingetragen."):
        assert phrase in profile, phrase
    places = text_of(city_site, "ansprechpersonen/orte/")
    assert "Wer für die ganze Stadt zuständig ist" in places and "Stadtweit zuständig" in places
    assert "Jede Stadt und jedes Amt in der Stadt Musterstadt ist ein Sozialraum" in text_of(city_site, "sozialraeume/")
    assert "Kennzahlen im Vergleich zur Stadt" in text_of(city_site, "sozialraeume/")
    indicator = text_of(city_site, "kennzahlen/altenquotient/")
    assert "Die erste Zeile ist die Stadt" in indicator and "Zusammenfassung für Regionen und Stadt" in indicator
    assert "ab dem 1,2-Fachen des Stadtwerts" in indicator
    assert "Tätig in der ganzen Stadt." in text_of(city_site, "organisationen/kreis/")
    easy = text_of(city_site, "leichte-sprache/")
    assert "Die Internet-Seite ist von der Stadt Musterstadt." in easy and "Die Stadt Musterstadt hat 2 Teile." in easy
    assert "Teststadt gehört zur Stadt Musterstadt." in text_of(city_site, "leichte-sprache/teststadt/")


def test_land_pages_speak_of_the_land(land_site: Path) -> None:
    district = text_of(land_site, "landkreis/")
    assert "Landesschlüssel: 99" in district and "Landeshauptstadt: Teststadt" in district and "Kennzahlen des Landes" in district
    assert "Profil des Landes" in text_of(land_site, "")
    profile = text_of(land_site, "sozialraeume/amt-testheide/")
    assert "Kennzahlen im Vergleich mit dem Land" in profile and "Landesweit zuständige Stellen" in profile
    assert "so hoch wie im Land Musterland" in profile
    assert "Landesweit zuständig" in text_of(land_site, "ansprechpersonen/orte/")
    assert "Die Internet-Seite ist vom Land Musterland." in text_of(land_site, "leichte-sprache/")


def test_example_keeps_its_landkreis_words(example_site: Path) -> None:
    """The example atlas (kind: landkreis) reads as before, and its district.yaml configures the report to the Kreistag."""
    district = text_of(example_site, "landkreis/")
    assert "Kreisschlüssel: 12069" in district and "Kreisstadt: Bad Belzig" in district and "Kennzahlen des Landkreises" in district
    assert "Anschrift der Kreisverwaltung" in district
    assert "Kennzahlen im Vergleich mit dem Landkreis" in text_of(example_site, "sozialraeume/teltow/")
    assert "Kreisweit zuständig" in text_of(example_site, "ansprechpersonen/orte/")
    assert "Zum Halbjahr und zum Jahresende wird dem Kreistag berichtet." in text_of(example_site, "ziele/")


def test_unknown_kind_is_a_german_message(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = renamed_copy(tmp_path / "data", CITY_WORDS)
    district = data / "district.yaml"
    district.write_text(district.read_text(encoding="utf-8").replace("short_name: Musterstadt\n", "short_name: Musterstadt\nkind: kreisfrei\n"), encoding="utf-8")
    line = district.read_text(encoding="utf-8").splitlines().index("kind: kreisfrei") + 1
    assert main(["check", "--data", str(data)]) == 1
    out, err = capsys.readouterr()
    assert re.search(rf"district\.yaml:{line}: Feld „kind“ \(Art des Gebiets\): „kreisfrei“ steht nicht im Vokabular „area_kinds“ "
                     r"in vocabularies\.yaml; meinten Sie „kreisfreie-stadt“\?", out + err), out + err
    assert "Traceback" not in out + err


def test_an_atlas_adds_its_own_kind(tmp_path: Path) -> None:
    """A kind of its own in vocabularies.yaml (`area_kinds:`), picked with `kind:`, names the area on the pages."""
    data = renamed_copy(tmp_path / "data", [("Landkreis Testkreis", "Bezirk Testbezirk"), ("short_name: Testkreis", "short_name: Testbezirk\nkind: bezirk")])
    with (data / "vocabularies.yaml").open("a", encoding="utf-8") as f:
        f.write("\narea_kinds:\n- {id: bezirk, label: Bezirk, article: der, genitive: des Bezirks, stem: Bezirks, wide: bezirksweit,\n"
                "   key_label: Bezirksschlüssel, seat_label: Sitz des Bezirksamts, administration: Bezirksverwaltung}\n")
    site = build_site(data, tmp_path / "out")
    district = text_of(site, "landkreis/")
    assert "Bezirksschlüssel: 99001" in district and "Sitz des Bezirksamts: Teststadt" in district and "Kennzahlen des Bezirks" in district
    assert "Bezirksweit zuständig" in text_of(site, "ansprechpersonen/orte/")


@pytest.mark.parametrize("name, key, kind, words", [
    ("Landkreis Göttingen", "03159", "landkreis", ("des Landkreises", "kreisweit", "Kreisstadt", "dem Kreistag")),
    ("Kreis Steinfurt", "05566", "kreis", ("des Kreises", "kreisweit", "Kreisstadt", "dem Kreistag")),
    ("Stadt Braunschweig", "03101", "kreisfreie-stadt", ("der Stadt", "stadtweit", "Sitz der Verwaltung", "dem Rat der Stadt")),
    ("Hansestadt Rostock", "13003", "kreisfreie-stadt", ("der Stadt", "stadtweit", "Sitz der Verwaltung", "dem Rat der Stadt")),
    ("Stadtkreis Heidelberg", "08221", "stadtkreis", ("des Stadtkreises", "stadtweit", "Sitz der Verwaltung", "dem Gemeinderat")),
    ("Region Hannover", "03241", "region", ("der Region", "regionsweit", "Sitz der Verwaltung", "der Regionsversammlung")),
    ("Regionalverband Saarbrücken", "10041", "region", ("der Region", "regionsweit", "Sitz der Verwaltung", "der Regionsversammlung")),
    ("Städteregion Aachen", "05334", "region", ("der Region", "regionsweit", "Sitz der Verwaltung", "der Regionsversammlung")),
    ("Land Brandenburg", "12", "land", ("des Landes", "landesweit", "Landeshauptstadt", "dem Landtag")),
    ("Freistaat Sachsen", "14", "land", ("des Landes", "landesweit", "Landeshauptstadt", "dem Landtag")),
    ("Niedersachsen", "03", "land", ("des Landes", "landesweit", "Landeshauptstadt", "dem Landtag")),
    ("Potsdam-Mittelmark", "12069", "landkreis", ("des Landkreises", "kreisweit", "Kreisstadt", "dem Kreistag")),
])
def test_kind_from_name_and_key(name: str, key: str, kind: str, words: tuple[str, str, str, str]) -> None:
    kinds = merged_area_kinds([])
    assert derived_kind(kinds, name, key) == kind
    area = area_kind(kinds, None, name, key)
    assert (area.of_the, area.wide, area.seat_label, area.to_council) == words


def test_phrases_with_names() -> None:
    kinds = merged_area_kinds([])
    assert area_kind(kinds, None, "Regionalverband Saarbrücken", "10041").in_named("Regionalverband Saarbrücken") == "im Regionalverband Saarbrücken"
    assert area_kind(kinds, None, "Freistaat Sachsen", "14").in_named("Freistaat Sachsen") == "im Freistaat Sachsen"
    city = area_kind(kinds, "kreisfreie-stadt", "Braunschweig", "03101")
    assert city.in_named("Braunschweig") == "in der Stadt Braunschweig"  # the kind is put before a bare name
    assert city.with_name("Stadt Braunschweig") == {
        "the": "die Stadt Braunschweig", "The": "Die Stadt Braunschweig", "from": "von der Stadt Braunschweig",
        "in": "in der Stadt Braunschweig", "to": "zur Stadt Braunschweig", "of": "der Stadt Braunschweig", "dat": "der Stadt Braunschweig"}
    assert area_kind(kinds, "unbekannt", "Stadt Braunschweig", "03101").id == "landkreis"  # reported by `atlas check`


@pytest.mark.parametrize("name, key, kind", [("Stadt Braunschweig", "03101", "kreisfreie-stadt"), ("Land Niedersachsen", "03", "land"),
                                             ("Landkreis Göttingen", "03159", "landkreis")])
def test_init_writes_the_kind(tmp_path: Path, name: str, key: str, kind: str) -> None:
    data = tmp_path / "data"
    assert main(["init", str(data), "--district-key", key, "--district-name", name, "--land", "Niedersachsen"]) == 0
    text = (data / "district.yaml").read_text(encoding="utf-8")
    assert re.search(rf"^kind: {kind}  # Art des Gebiets", text, re.M), text
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert ("die Stadt: Name" if kind == "kreisfreie-stadt" else "Kreisstadt" if kind == "landkreis" else "Landeshauptstadt") in readme
    assert main(["check", "--data", str(data)]) == 0
