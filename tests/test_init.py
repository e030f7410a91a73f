"""`atlas init DIR`: a new data folder for any German district or Land that passes `atlas check` and builds (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import build_site, page

from generator.cli import main
from generator.editing.init import run_init

GOETTINGEN = ["--district-key", "03159", "--district-name", "Landkreis Göttingen", "--land", "Niedersachsen"]
# Every page, the data-model page with the schema's examples included, must come from the data or be neutral.
SCHEMA_PAGES: set[str] = set()


def init(target: Path, *options: str) -> int:
    return main(["init", str(target), *options])


def site_text(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] not in SCHEMA_PAGES}


@pytest.mark.parametrize("key, name", [("03159", "Landkreis Göttingen"), ("03", "Land Niedersachsen")])
def test_init_writes_a_folder_that_checks_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture, key: str, name: str) -> None:
    data = tmp_path / "data"
    assert init(data, "--district-key", key, "--district-name", name, "--land", "niedersachsen") == 0
    assert "Datenordner angelegt" in capsys.readouterr().out
    district = yaml.safe_load((data / "district.yaml").read_text(encoding="utf-8"))
    assert (district["key"], district["name"]) == (key, name)
    atlas = yaml.safe_load((data / "atlas.yaml").read_text(encoding="utf-8"))
    assert atlas["title"] == f"Sozialraumatlas {name.split(' ', 1)[1]}"
    assert "tiles" not in atlas["map"] and atlas["legal"]["example"] is True
    for folder in ("offers", "family_centres", "networks", "contacts", "municipalities", "organisations", "indicators"):
        assert (data / folder).is_dir() and [p.name for p in (data / folder).iterdir()] == [".gitkeep"]
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert "atlas new sozialraum" in readme and "atlas check" in readme and "Niedersachsen" in readme

    written = "".join(p.read_text(encoding="utf-8") for p in data.rglob("*") if p.is_file())
    assert not re.search("Brandenburg|Potsdam|Mittelmark|Teltow|Belzig", written)

    assert main(["check", "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert "Keine Probleme gefunden." in out
    notes = [line for line in err.splitlines() if line.startswith("Hinweis: ")]
    assert any(re.match(r"Hinweis: .*atlas\.yaml:\d+: Platzhalter „bitte ausfüllen“ bei „represented_by“", n) for n in notes)
    assert any("district.yaml" in n and "„seat“" in n for n in notes)

    site = build_site(data, tmp_path / "out")
    texts = site_text(site)
    assert "impressum/index.html" in texts and "landkreis/index.html" in texts
    for path, text in texts.items():
        assert not re.search("Brandenburg|Potsdam-Mittelmark", text), path
    impressum = page(site, "impressum/")
    assert "Mustertext" in impressum
    assert impressum.count("bitte ausfüllen") >= 3 and "bitte-ausfuellen@example.org" in impressum
    assert "bitte ausfüllen" in page(site, "barrierefreiheit/")
    assert name in page(site, "landkreis/")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "notiz.txt").write_text("x", encoding="utf-8")
    assert init(tmp_path, *GOETTINGEN) == 1
    err = capsys.readouterr().err
    assert "ist nicht leer" in err and "Es wurde nichts geschrieben." in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notiz.txt"]


def test_init_writes_into_an_empty_folder(tmp_path: Path) -> None:
    assert init(tmp_path, *GOETTINGEN) == 0
    assert (tmp_path / "district.yaml").is_file()


@pytest.mark.parametrize("options, message", [
    (["--district-key", "3159", "--district-name", "X", "--land", "Niedersachsen"], "Schlüssel „3159“ ist ungültig"),
    (["--district-key", "17001", "--district-name", "X", "--land", "Niedersachsen"], "kein Landesschlüssel"),
    (["--district-key", "03159", "--district-name", "X", "--land", "Preußen"], "Land „Preußen“ ist unbekannt; möglich sind: Baden-Württemberg"),
    (["--district-key", "12069", "--district-name", "X", "--land", "Niedersachsen"], "gehört zu Brandenburg (Landesschlüssel 12), nicht zu Niedersachsen"),
    (["--district-key", "03159", "--land", "Niedersachsen"], "--district-name fehlt"),
])
def test_bad_or_missing_options_fail_in_german(tmp_path: Path, capsys: pytest.CaptureFixture, options: list[str], message: str) -> None:
    target = tmp_path / "neu"
    assert init(target, *options) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not target.exists()


def test_missing_options_are_asked_in_a_terminal(tmp_path: Path) -> None:
    answers = iter(["03159", "Landkreis Göttingen"])
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    assert run_init(tmp_path / "neu", None, None, "Niedersachsen", ask=ask, interactive=True) == 0
    assert len(questions) == 2 and questions[0].startswith("Kreisschlüssel")
    assert yaml.safe_load((tmp_path / "neu" / "district.yaml").read_text(encoding="utf-8"))["key"] == "03159"


def test_seat_and_area_replace_their_placeholders(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "data"
    assert init(data, *GOETTINGEN, "--seat", "Göttingen", "--area", "1117.3") == 0
    district = yaml.safe_load((data / "district.yaml").read_text(encoding="utf-8"))
    assert (district["seat"], district["area_km2"]) == ("Göttingen", 1117.3)
    capsys.readouterr()
    assert main(["check", "--data", str(data)]) == 0
    err = capsys.readouterr().err
    assert "atlas.yaml" in err and "district.yaml" not in err
    assert init(tmp_path / "neu", *GOETTINGEN, "--area", "0") == 1
    assert "--area muss größer als 0 sein" in capsys.readouterr().err


# ---------------------------------------------------------------- --boundaries: units from BKG VG250/VG5000 layers
def square(lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def layer(path: Path, rows: list[tuple[str, str, str, str, float, float]], **extra: dict) -> Path:
    """A small VG5000-like GeoJSON layer: rows of (ARS, GEN, BEZ, SDV_ARS, lon, lat); AGS and EWZ on Gemeinden."""
    features = []
    for ars, gen, bez, sdv, lon, lat in rows:
        props = {"ARS": ars, "GEN": gen, "BEZ": bez, "SDV_ARS": sdv, **extra.get(ars, {})}
        if len(ars) == 12:
            props["AGS"] = ars[:5] + ars[9:]
        features.append({"type": "Feature", "properties": props, "geometry": square(lon, lat)})
    path.write_text(json.dumps({"type": "FeatureCollection", "attribution": "© GeoBasis-DE / BKG 2021 (Daten verändert)",
                                "features": features}, ensure_ascii=False), encoding="utf-8")
    return path


GEMEINDEN = [("039995401001", "Adorf", "Gemeinde", "039995401001", 10.0, 52.0),
             ("039995401002", "Bestadt", "Stadt", "039995401002", 10.1, 52.0),
             ("039990003003", "Musterstadt", "Stadt", "039990003003", 10.0, 52.1),
             ("039990004004", "Neuhausen", "Einheitsgemeinde", "039990004004", 10.1, 52.1),
             ("039980005005", "Fremdorf", "Gemeinde", "039980005005", 10.2, 52.1)]  # another district: left out
VERBAENDE = [("039995401", "X", "Samtgemeinde", "039995401001", 10.0, 52.0),
             ("039990003", "Musterstadt", "Einheitsgemeinde", "039990003003", 10.0, 52.1)]
TESTKREIS = ["--district-key", "03999", "--district-name", "Landkreis Testkreis", "--land", "Niedersachsen"]


def test_init_with_boundaries_creates_the_units_and_their_geometry(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    ewz = {ars: {"EWZ": 1000 * n} for n, (ars, *_) in enumerate(GEMEINDEN, 1)}
    gem = layer(tmp_path / "gem.geojson", GEMEINDEN, **ewz)
    vwg = layer(tmp_path / "vwg.geojson", VERBAENDE)
    data = tmp_path / "data"
    assert init(data, *TESTKREIS, "--boundaries", str(gem), "--boundaries", str(vwg)) == 0
    assert "3 Sozialräume aus gem.geojson angelegt" in capsys.readouterr().out
    units = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "municipalities").glob("*.yaml")}
    assert sorted(units) == ["musterstadt", "neuhausen", "samtgemeinde-x"]
    samt = units["samtgemeinde-x"]
    assert (samt["name"], samt["type"], samt["key"], samt["seat"]) == ("Samtgemeinde X", "samtgemeinde", "039995401", "Adorf")
    assert samt["members"] == [{"name": "Adorf", "ags": "03999001", "type": "gemeinde"}, {"name": "Bestadt", "ags": "03999002", "type": "stadt"}]
    assert samt["population"]["value"] == 3000
    assert 100 < samt["area_km2"] < 160  # two squares of 0.1° at 52° N: about 2 × 76 km²
    assert [(units[i]["name"], units[i]["type"], units[i]["key"]) for i in ("musterstadt", "neuhausen")] == [
        ("Musterstadt", "stadt", "03999003"), ("Neuhausen", "einheitsgemeinde", "03999004")]
    assert "members" not in units["musterstadt"]

    boundaries = json.loads((data / "boundaries.geojson").read_text(encoding="utf-8"))
    assert boundaries["source"] == "© GeoBasis-DE / BKG 2021 (Daten verändert)"
    assert [(f["properties"]["id"], f["properties"]["key"]) for f in boundaries["features"]] == [
        ("musterstadt", "03999003"), ("neuhausen", "03999004"), ("samtgemeinde-x", "039995401"), ("landkreis-testkreis", "03999")]

    assert main(["check", "--data", str(data)]) == 0
    assert "Keine Probleme gefunden." in capsys.readouterr().out
    site = build_site(data, tmp_path / "out")
    profile = page(site, "sozialraeume/samtgemeinde-x/")
    assert "Samtgemeinde" in profile and "Bestadt" in profile and "Adorf" in profile


def test_init_with_boundaries_names_an_unknown_bez_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    gem = layer(tmp_path / "gem.geojson", GEMEINDEN)
    vwg = layer(tmp_path / "vwg.geojson", [("039995401", "X", "Gemeindeverbund", "039995401001", 10.0, 52.0)])
    data = tmp_path / "data"
    assert init(data, *TESTKREIS, "--boundaries", str(gem), "--boundaries", str(vwg)) == 1
    err = capsys.readouterr().err
    assert "die Art (BEZ) „Gemeindeverbund“ ist unbekannt" in err and "„Samtgemeinde“" in err and "„Amt“" in err
    assert "Traceback" not in err and not data.exists()


def test_init_with_boundaries_without_population_leaves_a_placeholder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    gem = layer(tmp_path / "gem.geojson", GEMEINDEN)
    data = tmp_path / "data"
    assert init(data, *TESTKREIS, "--boundaries", str(gem)) == 0
    units = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "municipalities").glob("*.yaml")}
    # without the VWG layer every Gemeinde is a unit of its own, kind from its BEZ
    assert {i: (u["type"], u["key"]) for i, u in units.items()} == {
        "adorf": ("gemeinde", "03999001"), "bestadt": ("stadt", "03999002"), "musterstadt": ("stadt", "03999003"),
        "neuhausen": ("einheitsgemeinde", "03999004")}
    assert units["adorf"]["population"]["value"] == 0 and "bitte ausfüllen" in units["adorf"]["population"]["source"]
