"""`atlas import-boundaries` and the check of data/boundaries.geojson.

Official data: the BKG VG5000 extract of Potsdam-Mittelmark beside the repository (shared/reference/
boundaries/, never copied into it). Synthetic data: Shapefiles for the mini atlas, written here.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
import shapefile
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import box, shape

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
_CANDIDATES = [REPO.parent / "shared" / "reference" / "boundaries", Path("/work/shared/reference/boundaries")]
REFERENCE = next((p for p in _CANDIDATES if p.is_dir()), None)
needs_reference = pytest.mark.skipif(REFERENCE is None, reason="BKG-Referenzgrenzen (shared/reference/boundaries/) liegen nicht neben dem Repository")
VWG = "pm_verwaltungseinheiten_vg5000.geojson"
GEM = "pm_gemeinden_vg5000.geojson"


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def pm_data(tmp_path: Path) -> Path:
    """A writable copy of the example atlas (Potsdam-Mittelmark), without its boundaries (the importer writes them)."""
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("boundaries.geojson"))
    return tmp_path / "data"


def features(path: Path) -> dict[str, dict]:
    """The units' features by id (the district's outline left out: `district_feature`)."""
    return {f["properties"]["id"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"] if f["properties"].get("kind") != "district"}


def district_feature(path: Path) -> dict:
    [found] = [f for f in json.loads(path.read_text(encoding="utf-8"))["features"] if f["properties"].get("kind") == "district"]
    return found


def area(feature: dict) -> float:
    return shape(feature["geometry"]).area  # square degrees: good enough to compare neighbours


# --------------------------------------------------------------------------------------------- BKG VG5000


@needs_reference
def test_import_vwg_layer_gives_one_area_per_unit(pm_data: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(pm_data))
    assert code == 0, err
    assert "19 Sozialräume zugeordnet (Schlüsselspalte ARS)" in out
    target = pm_data / "boundaries.geojson"
    text = target.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == 1 + 19 + 1 + 1  # head, one feature per unit and line, the district's outline, end
    assert lines[0].startswith('{"type": "FeatureCollection", "source": "(c) GeoBasis-DE / BKG 2021')
    found = features(target)
    assert list(found) == sorted(p.stem for p in (pm_data / "municipalities").glob("*.yaml"))
    assert found["amt-ziesar"]["properties"] == {"id": "amt-ziesar", "key": "120695918", "name": "Amt Ziesar"}
    assert found["beelitz"]["properties"]["key"] == "12069017"  # amtsfreie: 9-digit ARS 120690017 → AGS
    for feature in found.values():
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and geometry.geom_type in ("Polygon", "MultiPolygon")
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert polygon.exterior.is_ccw  # RFC 7946
        coords = json.dumps(feature["geometry"]["coordinates"])
        assert all(len(c.split(".")[1]) <= 5 for c in coords.replace("[", "").replace("]", "").split(", ") if "." in c)
    assert len(text.encode()) < 100_000
    # the generator accepts it
    code, out, err = run(capsys, "check", "--data", str(pm_data))
    assert code == 0, err


# The one command that made the example atlas' data/boundaries.geojson (docs/operators.md).
EXAMPLE_IMPORT = [
    "--source", "© GeoBasis-DE / BKG 2021 (Daten verändert)",
    "--licence", "dl-de/by-2-0",
    "--licence-url", "https://www.govdata.de/dl-de/by-2-0",
    "--dataset", "Bundesamt für Kartographie und Geodäsie (BKG), Verwaltungsgebiete 1 : 5 000 000 (VG5000), Stand 01.01.2021",
]


@needs_reference
def test_example_boundaries_are_what_the_importer_makes_of_the_bkg_layer(pm_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """data/boundaries.geojson is not edited by hand: one import of the VWG layer gives exactly its bytes."""
    target = tmp_path / "boundaries.geojson"
    code, out, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(pm_data), "--output", str(target), *EXAMPLE_IMPORT)
    assert code == 0, err
    assert "Umriss des Kreises aus den Sozialräumen" in out
    assert target.read_bytes() == (DATA / "boundaries.geojson").read_bytes(), "data/boundaries.geojson neu einlesen (docs/operators.md)"


@needs_reference
def test_one_import_gives_units_district_outline_and_credit(pm_data: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(pm_data), *EXAMPLE_IMPORT)
    assert code == 0, err
    target = pm_data / "boundaries.geojson"
    head = json.loads(target.read_text(encoding="utf-8").splitlines()[0] + "]}")
    assert head == {
        "type": "FeatureCollection", "source": "© GeoBasis-DE / BKG 2021 (Daten verändert)", "licence": "dl-de/by-2-0",
        "licence_url": "https://www.govdata.de/dl-de/by-2-0",
        "dataset": "Bundesamt für Kartographie und Geodäsie (BKG), Verwaltungsgebiete 1 : 5 000 000 (VG5000), Stand 01.01.2021",
        "features": [],
    }
    district = district_feature(target)
    assert district["properties"] == {"id": "landkreis-potsdam-mittelmark", "key": "12069", "name": "Landkreis Potsdam-Mittelmark", "kind": "district"}
    outline = shape(district["geometry"])
    assert outline.is_valid and outline.geom_type == "Polygon" and not list(outline.interiors)
    assert outline.exterior.is_ccw  # RFC 7946
    units = shapely.union_all([shape(f["geometry"]) for f in features(target).values()])
    assert outline.symmetric_difference(units).area < 1e-4 * outline.area  # the outline of the units' areas …
    official = shape(json.loads((REFERENCE / "pm_kreis_vg5000.geojson").read_text(encoding="utf-8"))["features"][0]["geometry"])
    assert outline.intersection(official).area / outline.union(official).area > 0.999  # … is the district of the KRS layer
    code, _, err = run(capsys, "check", "--data", str(pm_data))
    assert code == 0, err


@needs_reference
def test_import_gem_layer_joins_the_aemter_from_their_members(pm_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "import-boundaries", str(REFERENCE / GEM), "--data", str(pm_data), "--output", str(tmp_path / "gem.geojson"))
    assert code == 0, err
    assert "5 Sozialräume aus den Flächen der Mitgliedsgemeinden zusammengesetzt: Amt Beetzsee, Amt Brück, Amt Niemegk, Amt Wusterwitz, Amt Ziesar." in out
    assert not (pm_data / "boundaries.geojson").exists()
    joined = features(tmp_path / "gem.geojson")
    assert len(joined) == 19
    members = json.loads((REFERENCE / GEM).read_text(encoding="utf-8"))["features"]
    ziesar = [m for m in members if m["properties"]["ARS"].startswith("120695918")]
    assert len(ziesar) == 6
    member_sum = sum(shape(m["geometry"]).area for m in ziesar)
    assert area(joined["amt-ziesar"]) == pytest.approx(member_sum, rel=0.02)
    # the same areas as the Verwaltungsgemeinschaften layer
    code, _, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(pm_data), "--output", str(tmp_path / "vwg.geojson"))
    assert code == 0, err
    vwg = features(tmp_path / "vwg.geojson")
    for unit_id in vwg:
        assert area(joined[unit_id]) == pytest.approx(area(vwg[unit_id]), rel=0.01), unit_id


@needs_reference
def test_import_is_deterministic_and_simplifies(pm_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    outputs = []
    for n, tolerance in enumerate(("100", "100", "0", "2000")):
        target = tmp_path / f"{n}.geojson"
        code, out, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(pm_data), "--output", str(target), "--tolerance", tolerance)
        assert code == 0, err
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[3]) < len(outputs[0]) <= len(outputs[2])
    assert "Punkte" in out and "kB" in out


@needs_reference
def test_missing_unit_is_named_and_nothing_written(pm_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = json.loads((REFERENCE / VWG).read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["ARS"] != "120695918"]
    source = tmp_path / "ohne-ziesar.geojson"
    source.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(pm_data))
    assert code == 1
    assert "Für den Sozialraum „Amt Ziesar“ (amt-ziesar, Schlüssel 120695918) gibt es kein Gebiet in der Datei" in err
    assert "Es wurde nichts geschrieben." in err
    assert not (pm_data / "boundaries.geojson").exists()


@needs_reference
def test_missing_member_gemeinde_is_named(pm_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = json.loads((REFERENCE / GEM).read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["AGS"] != "12069224"]
    source = tmp_path / "ohne-goerzke.geojson"
    source.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "import-boundaries", str(source), "--data", str(pm_data))
    assert code == 1
    assert "Amt Ziesar (120695918): die Gemeinde „Görzke“ (AGS 12069224) fehlt in der Datei" in err


@needs_reference
def test_file_of_another_district_is_refused(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(mini_data))
    assert code == 1
    assert ("pm_verwaltungseinheiten_vg5000.geojson: kein Gebiet der Datei passt über seinen eigenen Schlüssel zu einem Sozialraum "
            "von „Landkreis Testkreis“ (Kreisschlüssel 99001). Spalte „ARS“ enthält 19 Schlüssel der Ebene Gemeindeverband: "
            "120690017 („Beelitz“), 120690020 („Bad Belzig“), 120690249 („Groß Kreutz (Havel)“) und 16 weitere; erwartet werden die "
            "Schlüssel der 2 Sozialräume (Gemeinden und Gemeindeverbände mit 8 oder 9 Ziffern): 99001001 („Teststadt“), "
            "990015901 („Amt Testheide“). Kein Schlüssel beginnt mit 99001 – passt die Datei zum Atlas in diesem Datenordner?") in err
    assert not (mini_data / "boundaries.geojson").exists()


# --------------------------------------------------------------------------------------------- Shapefiles


ETRS_UTM32 = CRS.from_epsg(25832)
SQUARES = {  # AGS → (name, lon/lat box) inside the mini atlas (50–51° N, 10–11° E)
    "99001001": ("Teststadt", (10.4, 50.4, 10.6, 50.6)),
    "99001002": ("Testheide", (10.1, 50.2, 10.4, 50.4)),
    "99001003": ("Borkdorf", (10.1, 50.0, 10.4, 50.2)),
    "09162000": ("München", (11.4, 48.0, 11.7, 48.2)),
}


def write_shapefile(folder: Path, squares: dict = SQUARES, prj: bool = True, stem: str = "VG250_GEM") -> Path:
    """A Gemeinde layer in ETRS89/UTM 32N, as the BKG publishes it."""
    folder.mkdir(parents=True, exist_ok=True)
    to_utm = Transformer.from_crs(4326, ETRS_UTM32, always_xy=True)
    with shapefile.Writer(str(folder / stem), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("AGS", "C", size=8)
        w.field("GEN", "C", size=50)
        for ags, (name, bounds) in squares.items():
            ring = shapely.segmentize(box(*bounds), 0.005).exterior.coords  # many points: something to simplify
            utm = [list(to_utm.transform(x, y)) for x, y in ring][::-1]  # shapefile rings run clockwise
            w.poly([utm])
            w.record(ags, name)
    if prj:
        (folder / f"{stem}.prj").write_text(ETRS_UTM32.to_wkt("WKT1_ESRI"), encoding="ascii")
    (folder / f"{stem}.cpg").write_text("UTF-8", encoding="ascii")
    return folder / f"{stem}.shp"


def test_shapefile_in_utm_is_reprojected_and_amt_joined(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = write_shapefile(tmp_path / "shp")
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data),
                         "--source", "© Test", "--licence", "dl-de/by-2-0")
    assert code == 0, err
    assert "2 Sozialräume zugeordnet (Schlüsselspalte AGS)" in out
    assert "1 Sozialraum aus den Flächen der Mitgliedsgemeinden zusammengesetzt: Amt Testheide." in out
    assert "1 Gebiet außerhalb des Atlas übersprungen." in out
    text = (mini_data / "boundaries.geojson").read_text(encoding="utf-8")
    assert text.startswith('{"type": "FeatureCollection", "source": "© Test", "licence": "dl-de/by-2-0", "features": [')
    found = features(mini_data / "boundaries.geojson")
    stadt = shape(found["teststadt"]["geometry"])
    assert stadt.bounds == pytest.approx((10.4, 50.4, 10.6, 50.6), abs=0.002)
    amt = shape(found["amt-testheide"]["geometry"])
    assert amt.geom_type == "Polygon"  # the two Gemeinden joined without a seam
    assert amt.bounds == pytest.approx((10.1, 50.0, 10.4, 50.4), abs=0.002)
    assert len(amt.exterior.coords) < 40  # the straight edges lost their extra points
    code, _, err = run(capsys, "check", "--data", str(mini_data))
    assert code == 0, err


def test_shapefile_import_adds_the_district_outline(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Without the reference files too: the outline is the union of the imported areas, written last."""
    source = write_shapefile(tmp_path / "shp")
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data), "--dataset", "Testgrenzen", "--licence-url", "https://example.org/lizenz")
    assert code == 0, err
    target = mini_data / "boundaries.geojson"
    lines = target.read_text(encoding="utf-8").splitlines()
    assert '"kind":"district"' in lines[-2] and '"dataset": "Testgrenzen"' in lines[0] and '"licence_url": "https://example.org/lizenz"' in lines[0]
    district = district_feature(target)
    assert district["properties"] == {"id": "testkreis", "key": "99001", "name": "Landkreis Testkreis", "kind": "district"}
    assert shape(district["geometry"]).bounds == pytest.approx((10.1, 50.0, 10.6, 50.6), abs=0.002)
    assert shape(district["geometry"]).symmetric_difference(shapely.union_all([shape(f["geometry"]) for f in features(target).values()])).area < 1e-6
    code, _, err = run(capsys, "check", "--data", str(mini_data))
    assert code == 0, err


def test_zipped_shapefile_with_several_layers_needs_layer(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_shapefile(tmp_path / "shp")
    write_shapefile(tmp_path / "shp", stem="VG250_KRS")
    archive = tmp_path / "vg250.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in sorted((tmp_path / "shp").iterdir()):
            z.write(part, f"vg250_ebenen/{part.name}")
    code, _, err = run(capsys, "import-boundaries", str(archive), "--data", str(mini_data))
    assert code == 1
    assert "das ZIP-Archiv enthält mehrere Ebenen: VG250_GEM, VG250_KRS; bitte mit --layer eine wählen" in err
    code, out, err = run(capsys, "import-boundaries", str(archive), "--data", str(mini_data), "--layer", "VG250_GEM")
    assert code == 0, err
    assert (mini_data / "boundaries.geojson").exists()


def test_shapefile_problems_in_german(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    no_prj = write_shapefile(tmp_path / "a", prj=False)
    code, _, err = run(capsys, "import-boundaries", str(no_prj), "--data", str(mini_data))
    assert code == 1 and "es fehlt die Projektionsdatei (.prj), die das Koordinatensystem angibt" in err
    (tmp_path / "a" / "VG250_GEM.dbf").unlink()
    code, _, err = run(capsys, "import-boundaries", str(no_prj), "--data", str(mini_data))
    assert code == 1 and "es fehlt die Sachdaten (.dbf)" in err
    squares = {k: v for k, v in SQUARES.items() if k != "99001003"}
    partial = write_shapefile(tmp_path / "b", squares)
    code, _, err = run(capsys, "import-boundaries", str(partial), "--data", str(mini_data))
    assert code == 1 and "Amt Testheide (990015901): die Gemeinde „Borkdorf“ (AGS 99001003) fehlt in der Datei" in err
    text = tmp_path / "grenzen.txt"
    text.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "import-boundaries", str(text), "--data", str(mini_data))
    assert code == 1 and "Unbekanntes Dateiformat „.txt“" in err
    points = tmp_path / "punkte.geojson"
    points.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"AGS": "99001001", "GEN": "Teststadt"}, "geometry": {"type": "Point", "coordinates": [10.5, 50.5]}}]}), encoding="utf-8")
    code, _, err = run(capsys, "import-boundaries", str(points), "--data", str(mini_data))
    assert code == 1 and "Gebiet Nr. 1 („Teststadt“) ist keine Fläche, sondern Point" in err
    crs = tmp_path / "crs.geojson"
    crs.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}, "features": []}), encoding="utf-8")
    code, _, err = run(capsys, "import-boundaries", str(crs), "--data", str(mini_data))
    assert code == 1 and "unbekanntes Koordinatensystem „EPSG:999999“" in err
    assert not (mini_data / "boundaries.geojson").exists()


def test_legacy_geojson_crs_is_reprojected(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    to_utm = Transformer.from_crs(4326, ETRS_UTM32, always_xy=True)
    feats = []
    for ags, (name, bounds) in SQUARES.items():
        ring = [list(to_utm.transform(x, y)) for x, y in box(*bounds).exterior.coords]
        feats.append({"type": "Feature", "properties": {"RS": int(ags), "GEN": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}})
    source = tmp_path / "utm.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}, "features": feats}), encoding="utf-8")
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data), "--tolerance", "0")
    assert code == 0, err
    assert "Schlüsselspalte RS" in out  # numbers lost their leading zero: 9162000 → 09162000 is outside
    assert shape(features(mini_data / "boundaries.geojson")["teststadt"]["geometry"]).bounds == pytest.approx((10.4, 50.4, 10.6, 50.6), abs=1e-4)


KRS = "pm_kreis_vg5000.geojson"
PM_EXPECTED = ("erwartet werden die Schlüssel der 19 Sozialräume (Gemeinden und Gemeindeverbände mit 8 oder 9 Ziffern): "
               "12069017 („Beelitz“), 12069020 („Bad Belzig“), 12069249 („Groß Kreutz (Havel)“) und 16 weitere.")


@needs_reference
@pytest.mark.parametrize("key", [[], ["--key", "ARS"]])
def test_district_level_file_matches_no_unit_through_the_seat_key(pm_data: Path, capsys: pytest.CaptureFixture, key: list[str]) -> None:
    """The KRS layer's SDV_ARS is the key of Bad Belzig, the seat: the district's polygon never becomes Bad Belzig's area.

    The message names the key column, the key found (the district's, level Kreis) and the unit keys expected."""
    code, out, err = run(capsys, "import-boundaries", str(REFERENCE / KRS), "--data", str(pm_data), *key)
    assert code == 1 and out == ""
    column = "Spalte „ARS“ enthält 1 Schlüssel der Ebene Kreis: 12069 („Potsdam-Mittelmark“); "
    if not key:
        column += "Spalte „AGS“ enthält 1 Schlüssel der Ebene Kreis: 12069 („Potsdam-Mittelmark“); "
    assert (f"Fehler: {KRS}: kein Gebiet der Datei passt über seinen eigenen Schlüssel zu einem Sozialraum von „Landkreis Potsdam-Mittelmark“ "
            f"(Kreisschlüssel 12069). {column}{PM_EXPECTED} Die Datei enthält Gebiete oberhalb der Gemeinden; bitte die Ebene der "
            "Gemeinden (z. B. VG250_GEM) oder der Verwaltungsgemeinschaften (z. B. VG250_VWG) einlesen.\nEs wurde nichts geschrieben.\n") == err
    assert "SDV" not in err and "Für den Sozialraum" not in err
    assert not (pm_data / "boundaries.geojson").exists()


@needs_reference
def test_seat_key_column_is_refused(pm_data: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = run(capsys, "import-boundaries", str(REFERENCE / VWG), "--data", str(pm_data), "--key", "SDV_ARS")
    assert code == 1
    assert (f"Fehler: {VWG}: die Spalte „SDV_ARS“ enthält den Schlüssel des Verwaltungssitzes (SDV), nicht den des Gebiets; "
            "ein Gebiet wird nur über seinen eigenen Schlüssel einem Sozialraum zugeordnet (z. B. --key ARS oder --key AGS)") in err
    assert not (pm_data / "boundaries.geojson").exists()


@needs_reference
def test_district_feature_in_a_unit_layer_is_reported_not_assigned(pm_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The VWG layer with the district's own polygon added: the units get their areas, the district's polygon is named, not used."""
    data = json.loads((REFERENCE / VWG).read_text(encoding="utf-8"))
    data["features"] += json.loads((REFERENCE / KRS).read_text(encoding="utf-8"))["features"]
    source = tmp_path / "vwg-und-krs.geojson"
    source.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(pm_data))
    assert code == 0, err
    assert "19 Sozialräume zugeordnet (Schlüsselspalte ARS)." in out
    assert "1 Gebiet im Atlasgebiet passt über seinen Schlüssel zu keinem Sozialraum und wurde nicht übernommen: Potsdam-Mittelmark." in out
    belzig = shape(features(pm_data / "boundaries.geojson")["bad-belzig"]["geometry"])
    district = shape(json.loads((REFERENCE / KRS).read_text(encoding="utf-8"))["features"][0]["geometry"])
    assert belzig.area < 0.2 * district.area


def test_synthetic_district_layer_with_seat_key_is_refused(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Without the reference files: a Kreis feature whose SDV_ARS is Teststadt's key gives Teststadt no area."""
    source = tmp_path / "krs.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "ARS": "99001", "AGS": "99001", "SDV_ARS": "990010001001", "SDV_RS": "990010001001", "GEN": "Testkreis", "IBZ": 43},
        "geometry": shapely.geometry.mapping(box(10.1, 50.0, 10.6, 50.6))}]}), encoding="utf-8")
    code, _, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data))
    assert code == 1
    assert ("Fehler: krs.geojson: kein Gebiet der Datei passt über seinen eigenen Schlüssel zu einem Sozialraum von „Landkreis Testkreis“ "
            "(Kreisschlüssel 99001). Spalte „ARS“ enthält 1 Schlüssel der Ebene Kreis: 99001 („Testkreis“); Spalte „AGS“ enthält "
            "1 Schlüssel der Ebene Kreis: 99001 („Testkreis“); erwartet werden die Schlüssel der 2 Sozialräume (Gemeinden und "
            "Gemeindeverbände mit 8 oder 9 Ziffern): 99001001 („Teststadt“), 990015901 („Amt Testheide“). Die Datei enthält "
            "Gebiete oberhalb der Gemeinden") in err
    assert not (mini_data / "boundaries.geojson").exists()


def test_existing_boundaries_are_replaced_only_with_replace(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = write_shapefile(tmp_path / "shp")
    target = mini_data / "boundaries.geojson"
    target.write_text("vorher", encoding="utf-8")
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data))
    assert code == 1 and out == ""
    assert err == (f"Fehler: {target} gibt es schon; die vorhandenen Grenzen werden nur mit --replace ersetzt "
                   "(oder mit --output DATEI in eine andere Datei schreiben)\nEs wurde nichts geschrieben.\n")
    assert target.read_text(encoding="utf-8") == "vorher"
    code, out, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data), "--replace")
    assert code == 0, err
    assert "2 Sozialräume zugeordnet" in out and len(features(target)) == 2
    other = tmp_path / "andere.geojson"
    other.write_text("vorher", encoding="utf-8")
    code, _, err = run(capsys, "import-boundaries", str(source), "--data", str(mini_data), "--output", str(other))
    assert code == 1 and "andere.geojson gibt es schon" in err and other.read_text(encoding="utf-8") == "vorher"


def test_boundaries_file_gets_the_mode_open_would_give(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import os
    import stat

    before = os.umask(0o027)
    try:
        code, _, err = run(capsys, "import-boundaries", str(write_shapefile(tmp_path / "shp")), "--data", str(mini_data))
    finally:
        os.umask(before)
    assert code == 0, err
    assert stat.S_IMODE((mini_data / "boundaries.geojson").stat().st_mode) == 0o640


# --------------------------------------------------------------------------------------------- check


def write_boundaries(data: Path, features_: list[dict], **head: str) -> Path:
    lines = [json.dumps({"type": "FeatureCollection", **head})[:-1] + ', "features": [']
    lines += [json.dumps(f) + ("," if i < len(features_) - 1 else "") for i, f in enumerate(features_)]
    lines.append("]}")
    path = data / "boundaries.geojson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def square(unit_id: str, key: str, bounds: tuple[float, float, float, float]) -> dict:
    return {"type": "Feature", "properties": {"id": unit_id, "key": key, "name": unit_id}, "geometry": shapely.geometry.mapping(box(*bounds))}


def test_check_reports_problems_of_the_boundaries_file(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    write_boundaries(mini_data, [
        {"type": "Feature", "properties": {"id": "teststadt"}, "geometry": {"type": "LineString", "coordinates": [[10.1, 50.0], [10.4, 50.4]]}},
        square("gibtsnicht", "1", (10.1, 50.0, 10.4, 50.4)),
        square("teststadt", "99001001", (10.4, 50.4, 10.6, 50.6)),
    ])
    code, _, err = run(capsys, "check", "--data", str(mini_data))
    assert code == 1
    assert "boundaries.geojson:2: Gebiet Nr. 1 (Teststadt): die Geometrie ist keine Fläche (Polygon oder MultiPolygon), sondern LineString" in err
    assert "boundaries.geojson:3: Gebiet Nr. 2: unbekannter Sozialraum „gibtsnicht“" in err
    assert "boundaries.geojson:4: Gebiet Nr. 3: Sozialraum „teststadt“ hat schon eine Fläche in Zeile 2" in err
    assert "Für den Sozialraum „Amt Testheide“ (amt-testheide, Schlüssel 990015901) fehlt eine Fläche" in err


def test_check_reports_invalid_json_with_line_and_wrong_place(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    path = write_boundaries(mini_data, [square("teststadt", "99001001", (10.4, 50.4, 10.6, 50.6)), square("amt-testheide", "990015901", (10.1, 50.0, 10.4, 50.4))])
    path.write_text(path.read_text(encoding="utf-8").replace("}},\n", "}}\n"), encoding="utf-8")
    code, _, err = run(capsys, "check", "--data", str(mini_data))
    assert code == 1 and "boundaries.geojson:3: Kein gültiges JSON: Komma erwartet" in err
    write_boundaries(mini_data, [
        square("teststadt", "99001001", (400000, 5600000, 410000, 5610000)),  # metres, not degrees
        square("amt-testheide", "990015901", (10.1, 50.0, 10.4, 50.4)),
    ])
    code, _, err = run(capsys, "check", "--data", str(mini_data))
    assert code == 1 and "boundaries.geojson:2: Gebiet Nr. 1 (Teststadt): liegt nicht im Kartenausschnitt" in err
