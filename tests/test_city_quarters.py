"""Sozialräume of a city that group city quarters without AGS (issue 19, point 2): members follow the vocabulary
unit_types – a Stadtteil needs no AGS, may carry a key of its own, and every page names the members by their kind
(„Stadtteile“, not „Mitgliedsgemeinden“); `atlas check` names wrong members with file and line in German."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build_site, page
from generator.check.validate import validate
from generator.cli import main
from generator.importers.area_keys import AreaIndex

SOZIALRAUM = """id: amt-testheide
name: Sozialraum Nord
type: sozialraum
key: "3"
region: nord
seat: Altstadt
location: {lat: 50.3, lon: 10.2}
population: {value: 10000, date: 2022-05-15, source: Testquelle}
area_km2: 12.5
members:
  - name: Altstadt
    type: stadtteil
    key: "01"
    population: 6000
    villages: [Domviertel]
  - name: Hafenviertel
    type: stadtteil
    key: "02"
    population: 4000
    location: {lat: 50.31, lon: 10.21}
    villages: [Speicherstadt]
"""


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def quarters_atlas(data: Path, text: str = SOZIALRAUM) -> Path:
    """The mini data with its Amt replaced by a Sozialraum of two Stadtteile without AGS."""
    (data / "municipalities" / "amt-testheide.yaml").write_text(text, encoding="utf-8")
    return data


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_sozialraum_of_stadtteile_checks_and_builds(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    data = quarters_atlas(mini_data)
    assert main(["check", "--data", str(data)]) == 0, capsys.readouterr().err  # an own key „3“ is no foreign AGS
    site = build_site(data, data.parent)

    html = page(site, "sozialraeume/amt-testheide/")
    profile = visible_text(html)
    assert re.search(r"<h3[^>]*>Stadtteile", html), "the members' heading comes from the members' kind"
    assert "Mitgliedsgemeinden" not in profile and "Amtsangehörige" not in profile
    assert "Stadtteil Art Schlüssel Einwohner Ortsteile" in profile  # the table's head
    assert "Altstadt Stadtteil 01 6.000 Domviertel" in profile and "Hafenviertel Stadtteil 02 4.000" in profile
    assert "AGS" not in profile and "None" not in profile
    assert "Art: Sozialraum" in profile

    easy = visible_text(page(site, "leichte-sprache/amt-testheide/"))
    assert "Zum Sozialraum gehören diese 2 Stadtteile:" in easy and "Gemeinden:" not in easy

    # the place choice of „In meiner Nähe“ groups the members under their kind, with their own point where they have one
    choices = [p for p in site.rglob("*.html") if 'optgroup label="Stadtteile"' in p.read_text(encoding="utf-8")]
    assert choices, "no page offers the Stadtteile as places"
    text = choices[0].read_text(encoding="utf-8")
    assert 'label="Mitgliedsgemeinden"' not in text
    assert '<option value="gm-amt-testheide-hafenviertel" data-lat="50.31" data-lon="10.21">Hafenviertel (Sozialraum Nord)</option>' in text
    assert "Speicherstadt (Hafenviertel, Sozialraum Nord)" in text and "Entfernung ab Ortspunkt des Stadtteils Hafenviertel" in text

    # the search index finds the profile by a Stadtteil's name
    assert "Hafenviertel" in html

    # open data: the members are exported as written, without an AGS
    records = json.loads((site / "daten" / "sozialraeume.json").read_text(encoding="utf-8"))["records"]
    members = next(r["members"] for r in records if r["id"] == "amt-testheide")
    assert [(m["name"], m["type"], m["key"], m["ags"]) for m in members] == [("Altstadt", "stadtteil", "01", None), ("Hafenviertel", "stadtteil", "02", None)]


def test_member_kinds_are_checked_with_file_and_line(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    bad = SOZIALRAUM.replace("    type: stadtteil\n    key: \"01\"", "    type: stadtviertel\n    key: \"01\"")
    bad = bad.replace("  - name: Hafenviertel\n    type: stadtteil\n    key: \"02\"",
                      "  - name: Hafenviertel\n    type: stadtteil\n    ags: \"12069029\"")
    bad += "  - name: Vorort\n    type: gemeinde\n  - name: Amt Irgendwo\n    type: amt\n    ags: \"99001009\"\n"
    data = quarters_atlas(mini_data, bad)
    path = data / "municipalities" / "amt-testheide.yaml"
    code = main(["check", "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    shown = "data/municipalities/amt-testheide.yaml"
    # an unknown member kind: the vocabulary check, with a suggestion
    assert (f"{shown}:{line_of(path, '    type: stadtviertel')}: Feld „type“ (Art): „stadtviertel“ steht nicht im Vokabular "
            "„unit_types“ in vocabularies.yaml; meinten Sie „stadtteil“?") in err
    # an AGS on a quarter must still lie in the district
    ags_line = line_of(path, '    ags: "12069029"')
    assert (f"{shown}:{ags_line}: Feld „members[2].ags“ (Gemeindeschlüssel (AGS)): Der Schlüssel "
            "„12069029“ liegt nicht im Gebiet des Atlas") in err
    # a municipality member needs its AGS
    assert (f"{shown}:{line_of(path, '  - name: Vorort')}: Feld „members[3]“ („Vorort“, Art gemeinde): Der achtstellige Amtliche "
            "Gemeindeschlüssel (ags) fehlt; eine Gemeinde braucht ihn.") in err
    # an association is no member
    assert (f"{shown}:{line_of(path, '    type: amt')}: Feld „members[4]“ („Amt Irgendwo“, Art amt): ein Amt kann kein Mitglied sein") in err
    assert "4 Probleme gefunden" in err


def test_member_without_type_is_a_gemeinde_and_needs_its_ags(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    path = mini_data / "municipalities" / "amt-testheide.yaml"
    text = path.read_text(encoding="utf-8").replace('    ags: "99001003"\n', "")
    path.write_text(text, encoding="utf-8")
    assert main(["check", "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert f"amt-testheide.yaml:{line_of(path, '  - name: Borkdorf')}: Feld „members[2]“ („Borkdorf“, Art gemeinde): Der achtstellige" in err


def test_mixed_members_and_the_indicator_import(mini_data: Path) -> None:
    """A Sozialraum of a Gemeinde and a Stadtteil: heading names both; only the AGS of the Gemeinde is a key for imports."""
    mixed = SOZIALRAUM.replace("    type: stadtteil\n    key: \"01\"", "    type: gemeinde\n    ags: \"99001002\"")
    atlas, problems = validate(quarters_atlas(mini_data, mixed))
    assert problems == [] and atlas is not None
    unit = atlas.municipalities["amt-testheide"]
    words = atlas.member_words(unit)
    assert (words["heading"], words["name"], words["key"], words["these"]) == ("Gemeinden und Stadtteile", "Name", "Schlüssel", "Teile")
    index = AreaIndex(atlas)
    member = index.locate("99001002")  # the Gemeinde, by its AGS
    assert (member.kind, member.area, member.label) == ("member", "amt-testheide", "Altstadt")
    assert [m.name for _, m in index.members.values()] == ["Altstadt"]  # the Stadtteil has no key to match


def test_existing_municipal_members_keep_their_words(mini_site: Path) -> None:
    profile = visible_text(page(mini_site, "sozialraeume/amt-testheide/"))
    assert "Amtsangehörige Gemeinden" in profile and "Gemeinde Art AGS Einwohner Ortsteile" in profile
    assert "Borkdorf Gemeinde 99001003 4.000" in profile
    easy = visible_text(page(mini_site, "leichte-sprache/amt-testheide/"))
    assert "Zum Amt gehören diese 2 Gemeinden:" in easy
