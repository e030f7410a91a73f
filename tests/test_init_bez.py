"""`atlas init --boundaries`: every `BEZ` value of VG250 means a kind of the vocabulary unit_types (issue 19, point 2);
an unknown value is named with its feature in German – all of them in one run – and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_init import TESTKREIS, init, layer

from generator.editing.init import InitError
from generator.importers.init_units import derive_units

# BEZ of a Gemeinde (GEM layer) → kind of the unit made from it
GEMEINDE_BEZ = [
    ("Gemeinde", "gemeinde"),
    ("Stadt", "stadt"),
    ("Verbandsfreie Gemeinde", "verbandsfreie-gemeinde"),
    ("Große Kreisstadt", "grosse-kreisstadt"),
    ("Große kreisangehörige Stadt", "stadt"),
    ("Mittlere kreisangehörige Stadt", "stadt"),
    ("Stadtkreis", "kreisfreie-stadt"),
    ("Kreisfreie Stadt", "kreisfreie-stadt"),
    ("Hansestadt", "stadt"),
    ("Landeshauptstadt", "stadt"),
    ("Flecken", "flecken"),
    ("Ortsgemeinde", "ortsgemeinde"),
    ("Gemeindefreies Gebiet", "gemeindefreies-gebiet"),
    ("Marktgemeinde", "markt"),
    ("Markt", "markt"),
    ("Einheitsgemeinde", "einheitsgemeinde"),
    ("  große   KREISSTADT ", "grosse-kreisstadt"),  # spacing and case as files have them
]


@pytest.mark.parametrize("bez, kind", GEMEINDE_BEZ)
def test_gemeinde_bez_gives_its_kind(tmp_path: Path, bez: str, kind: str) -> None:
    gem = layer(tmp_path / "gem.geojson", [("039990001001", "Adorf", bez, "039990001001", 10.0, 52.0)])
    units, _, _ = derive_units([gem], "03999")
    assert [(u.name, u.type, u.key) for u in units] == [("Adorf", kind, "03999001")]


@pytest.mark.parametrize("bez, kind", [("Verbandsgemeinde", "verbandsgemeinde"), ("Samtgemeinde", "samtgemeinde"), ("Amt", "amt"),
                                       ("Verwaltungsgemeinschaft", "verwaltungsgemeinschaft"),
                                       ("Vereinbarte Verwaltungsgemeinschaft", "verwaltungsgemeinschaft"),
                                       ("Gemeindeverwaltungsverband", "gemeindeverwaltungsverband")])
def test_association_bez_gives_its_kind_and_members_keep_theirs(tmp_path: Path, bez: str, kind: str) -> None:
    gem = layer(tmp_path / "gem.geojson", [("039995401001", "Adorf", "Ortsgemeinde", "039995401001", 10.0, 52.0),
                                           ("039995401002", "Bestadt", "Stadt", "039995401002", 10.1, 52.0),
                                           ("039995401003", "Cefleck", "Flecken", "039995401003", 10.2, 52.0)])
    vwg = layer(tmp_path / "vwg.geojson", [("039995401", "X", bez, "039995401001", 10.0, 52.0)])
    units, _, _ = derive_units([gem, vwg], "03999")
    assert [(u.type, u.key) for u in units] == [(kind, "039995401")]
    assert [(name, ags, member_kind) for name, ags, member_kind, _ in units[0].members] == [
        ("Adorf", "03999001", "ortsgemeinde"), ("Bestadt", "03999002", "stadt"), ("Cefleck", "03999003", "flecken")]


def test_verbandsfreie_gemeinde_as_association_layer(tmp_path: Path) -> None:
    """In RP the VWG layer holds the verbandsfreien Gemeinden too: a plain „Gemeinde“ in it gets that kind, a Stadt stays one."""
    gem = layer(tmp_path / "gem.geojson", [("039990001001", "Adorf", "Gemeinde", "039990001001", 10.0, 52.0),
                                           ("039990002002", "Bestadt", "Stadt", "039990002002", 10.1, 52.0)])
    vwg = layer(tmp_path / "vwg.geojson", [("039990001", "Adorf", "Verbandsfreie Gemeinde", "039990001001", 10.0, 52.0),
                                           ("039990002", "Bestadt", "Verbandsfreie Gemeinde", "039990002002", 10.1, 52.0)])
    units, _, _ = derive_units([gem, vwg], "03999")
    assert [(u.name, u.type) for u in units] == [("Adorf", "verbandsfreie-gemeinde"), ("Bestadt", "stadt")]


def test_unknown_bez_values_are_all_named_with_their_feature(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    gem = layer(tmp_path / "gem.geojson", [("039990001001", "Adorf", "Dorfschaft", "039990001001", 10.0, 52.0),
                                           ("039990002002", "Bestadt", "Stadt", "039990002002", 10.1, 52.0),
                                           ("039990003003", "Cedorf", "", "039990003003", 10.2, 52.0)])
    with pytest.raises(InitError) as caught:
        derive_units([gem], "03999")
    lines = str(caught.value).splitlines()
    assert lines[0] == "gem.geojson (Adorf, ARS 039990001001): die Art (BEZ) „Dorfschaft“ ist unbekannt"
    assert lines[1] == "gem.geojson (Cedorf, ARS 039990003003): die Spalte BEZ (Art) ist leer"
    assert "„verbandsfreie Gemeinde“" in lines[2] and "„Marktgemeinde“" in lines[2] and "„Sozialraum“" not in lines[2]

    data = tmp_path / "data"
    assert init(data, *TESTKREIS, "--boundaries", str(gem)) == 1
    err = capsys.readouterr().err
    assert "Fehler: gem.geojson (Adorf, ARS 039990001001): die Art (BEZ) „Dorfschaft“ ist unbekannt" in err
    assert "Fehler: gem.geojson (Cedorf, ARS 039990003003): die Spalte BEZ (Art) ist leer" in err
    assert "Es wurde nichts geschrieben." in err and "Traceback" not in err and not data.exists()


def test_init_with_new_kinds_passes_the_check(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    gem = layer(tmp_path / "gem.geojson", [("039995401001", "Adorf", "Ortsgemeinde", "039995401001", 10.0, 52.0),
                                           ("039995401002", "Bestadt", "Stadt", "039995401002", 10.1, 52.0),
                                           ("039990003003", "Cefleck", "Flecken", "039990003003", 10.0, 52.1),
                                           ("039990004004", "Dorstadt", "Große Kreisstadt", "039990004004", 10.1, 52.1)])
    vwg = layer(tmp_path / "vwg.geojson", [("039995401", "X", "Verbandsgemeinde", "039995401001", 10.0, 52.0)])
    data = tmp_path / "data"
    assert init(data, *TESTKREIS, "--boundaries", str(gem), "--boundaries", str(vwg)) == 0
    units = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "municipalities").glob("*.yaml")}
    assert {i: u["type"] for i, u in units.items()} == {"verbandsgemeinde-x": "verbandsgemeinde", "cefleck": "flecken",
                                                        "dorstadt": "grosse-kreisstadt"}
    assert [m["type"] for m in units["verbandsgemeinde-x"]["members"]] == ["ortsgemeinde", "stadt"]
    capsys.readouterr()
    assert main_check(data) == 0, capsys.readouterr().err


def main_check(data: Path) -> int:
    from generator.cli import main

    return main(["check", "--data", str(data)])
