"""Maps that work at first sight, without background tiles (issue 17): every map document and its static SVG
draw the units' areas, the district's outline and the units' names from data/boundaries.geojson, carry a
metric-only scale, Leaflet's credit in German and the credit of the boundaries; without boundaries the maps
keep their scale and German credit and draw nothing else.

The example atlas is rendered once (render stage only, no MkDocs); the browser test of the same maps is
tests/browser/test_maps_first_sight.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import shapely.geometry
from bs4 import BeautifulSoup
from conftest import MINI, REPO

from generator.check.validate import validate
from generator.model.boundaries import Boundaries, load_boundaries
from generator.pages.render import render_site
from generator.pages.site import Site
from generator.visuals import basemap, maps, thematic

DATA = REPO / "data"
BKG_CREDIT = "Grenzen: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0"
PREFIX = 'Karte: <a href="https://leafletjs.com" title="Leaflet, eine JavaScript-Bibliothek für interaktive Karten">Leaflet</a>'
SCALE = 'L.control.scale({imperial: false, metric: true, maxWidth: 120, position: "bottomright"})'
LABELS = re.compile(r'<text [^>]*data-kind="label">([^<]*)</text>')


@pytest.fixture(scope="module")
def example(example_atlas: object, example_pages: dict[str, str]) -> tuple[object, dict[str, str]]:
    """The example atlas and its rendered files (tests/conftest.py, once per worker)."""
    return example_atlas, example_pages


def map_files(pages: dict[str, str], suffix: str) -> dict[str, str]:
    return {path: text for path, text in pages.items() if path.startswith("karten/") and path.endswith(suffix)}


def base_data(document: str) -> dict:
    """The data the base script of a map document draws (basemap.script)."""
    match = re.search(r"\}\)\((map_[0-9a-f]{32}), (\{.*\})\);\n</script>", document)
    assert match, "base script expected"
    return json.loads(match.group(2))


# --------------------------------------------------------------------------------------------- the example atlas


def test_example_ships_boundaries_of_all_units_and_the_district(example: tuple) -> None:
    atlas, _ = example
    boundaries = atlas.boundaries
    assert isinstance(boundaries, Boundaries)
    assert sorted(boundaries) == sorted(atlas.municipalities) and len(boundaries) == 19
    assert boundaries.source == "© GeoBasis-DE / BKG 2021 (Daten verändert)" and boundaries.licence == "dl-de/by-2-0"
    assert boundaries.licence_url == "https://www.govdata.de/dl-de/by-2-0"
    assert "VG5000" in boundaries.dataset and "Bundesamt für Kartographie und Geodäsie" in boundaries.dataset
    outline = shapely.geometry.shape(boundaries.district)
    units = shapely.union_all([shapely.geometry.shape(g) for g in boundaries.values()])
    assert outline.geom_type == "Polygon"
    assert outline.symmetric_difference(units).area < 0.001 * outline.area  # the outline of the 19 areas
    for unit_id, (lat, lon) in boundaries.label_points().items():  # every name stands inside its own area
        assert shapely.geometry.shape(boundaries[unit_id]).contains(shapely.geometry.Point(lon, lat)), unit_id


def test_every_map_draws_outline_names_metric_scale_and_german_credits(example: tuple) -> None:
    atlas, pages = example
    documents = map_files(pages, ".html")
    assert len(documents) > 40
    names = sorted(u.name for u in atlas.municipalities.values())
    for path, document in documents.items():
        assert SCALE in document, path
        assert "L.control.scale()" not in document and "imperial: true" not in document, path
        assert PREFIX in document, path
        assert '">Leaflet</a>\'' not in document.replace(PREFIX, ""), path  # no English prefix left
        data = base_data(document)
        assert data["district"]["geometry"]["type"] in ("Polygon", "MultiPolygon"), path
        assert [html.unescape(re.sub("<[^>]+>", "", label[2])) for label in sorted(data["labels"], key=lambda l: l[2])] == sorted(names), path
        assert f'addAttribution("{BKG_CREDIT.rsplit(", ", 1)[0]}, <a href=\\"https://www.govdata.de/dl-de/by-2-0\\">dl-de/by-2-0<\\/a>")' in document, path
        assert "atlas-outline" in document and "atlasLabels" in document, path


def test_point_maps_draw_every_area_beneath_the_places_and_focus_their_own(example: tuple) -> None:
    atlas, pages = example
    documents = map_files(pages, ".html")
    for name in ("landkreis", "sozialraeume", "familienzentren", "sozialraum-teltow"):
        data = base_data(documents[f"karten/{name}.html"])
        areas = data["areas"]["features"]
        assert sorted(f["properties"]["unit"] for f in areas) == sorted(atlas.municipalities), name
        assert all(f["geometry"] == atlas.boundaries[f["properties"]["unit"]] for f in areas), name
    teltow = base_data(documents["karten/sozialraum-teltow.html"])
    assert [f["properties"]["unit"] for f in teltow["areas"]["features"] if f["properties"]["focus"]] == ["teltow"]
    assert teltow["labels"][0][2] == "<span>Teltow</span>" and teltow["labels"][0][3] is True  # its own name is placed first
    # the unit map shows the unit, not the whole district
    fit = re.search(r"\.fitBounds\(\s*(\[\[.*?\]\])", documents["karten/sozialraum-teltow.html"], re.DOTALL)
    (south, west), (north, east) = json.loads(fit.group(1))
    minx, miny, maxx, maxy = shapely.geometry.shape(atlas.boundaries["teltow"]).bounds
    assert south <= miny and north >= maxy and west <= minx and east >= maxx
    assert north - south < 0.2 and east - west < 0.3
    overview = re.search(r"\.fitBounds\(\s*(\[\[.*?\]\])", documents["karten/landkreis.html"], re.DOTALL)
    (south, west), (north, east) = json.loads(overview.group(1))
    minx, miny, maxx, maxy = shapely.geometry.shape(atlas.boundaries.district).bounds
    assert south <= miny and west <= minx and north >= maxy and east >= maxx  # the whole district …
    assert (north - south) < 1.1 * (maxy - miny) and (east - west) < 1.1 * (maxx - minx)  # … filling the map


def test_indicator_maps_colour_the_areas_and_add_outline_and_names(example: tuple) -> None:
    _, pages = example
    document = pages["karten/kennzahl-jugendquotient.html"]
    data = base_data(document)
    features = data["areas"]["features"]
    assert len(features) == 19  # one Leaflet layer for all areas, each with its class colour and value
    fills = [f["properties"]["style"]["fillColor"] for f in features]
    assert set(fills) <= set(thematic.PALETTE) | {thematic.NODATA_FILL} and len(set(fills)) >= 3
    ranks = [thematic.PALETTE.index(c) if c in thematic.PALETTE else -1 for c in fills]
    assert ranks == sorted(ranks)  # light areas first: the white outlines of dark ones on top
    assert all(re.fullmatch(r"[^:]+: \d+,\d\u00a0%( \(Beispielwert\))?", f["properties"]["label"]) for f in features), features[0]["properties"]
    assert "L.geoJson(" not in document  # no folium layer per area
    assert 'class="atlas-legend__credit"' not in document  # the credit stands in the attribution, not twice


def test_static_maps_draw_areas_outline_names_and_credit(example: tuple) -> None:
    atlas, pages = example
    svgs = map_files(pages, ".svg")
    assert len(svgs) > 40
    for path, svg in svgs.items():
        soup = BeautifulSoup(svg, "html.parser")
        assert len(soup.select('path[data-kind="district"]')) == 1, path
        assert len(soup.select('path[data-kind="unit"]')) + len(soup.select('path[data-kind="area"], path[data-kind="nodata"]')) >= 19, path
        assert soup.select_one('clipPath#kartenausschnitt') is not None, path
        assert BKG_CREDIT in svg, path
        assert not re.search(r"\b\d+\s*(mi|ft)\b", svg), path
    overview = svgs["karten/landkreis.svg"]
    shown = LABELS.findall(overview)
    assert len(shown) >= 12 and set(shown) <= {u.name for u in atlas.municipalities.values()}
    assert_labels_apart(overview)
    assert_labels_apart(svgs["karten/kennzahl-jugendquotient.svg"])
    assert "Teltow" in LABELS.findall(svgs["karten/sozialraum-teltow.svg"])


def assert_labels_apart(svg: str) -> None:
    """No two names of a static map overlap (boxes as basemap.label_width estimates them)."""
    boxes = []
    for match in re.finditer(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle" font-size="([\d.]+)"[^>]*data-kind="label">([^<]*)</text>', svg):
        x, y, size, name = float(match.group(1)), float(match.group(2)), float(match.group(3)), html.unescape(match.group(4))
        half = basemap.label_width(name, size) / 2
        boxes.append((x - half, y - size, x + half, y))
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_impressum_names_source_licence_and_credit_of_the_boundaries(example: tuple) -> None:
    _, pages = example
    text = pages["impressum.md"]
    section = text[text.index("## Grenzen in den Karten") :]
    section = section[: section.index("\n## ", 3)]
    plain = html.unescape(section.replace("\\", ""))
    assert "Quelle: Bundesamt für Kartographie und Geodäsie (BKG), Verwaltungsgebiete 1 : 5 000 000 (VG5000), Stand 01.01.2021." in plain
    assert "Quellenvermerk: © GeoBasis-DE / BKG 2021 (Daten verändert)." in plain
    assert 'Lizenz: <a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland – Namensnennung – Version 2.0</a> (dl-de/by-2-0).' in plain


@pytest.mark.heavy
def test_maps_are_the_same_bytes_twice(example: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    # a second render in this process (a counter or cache left by the first would change the maps' ids); its
    # Markdown pages are left out (no part needs another part's pages: render.site_parts), the maps are all made
    atlas, pages = example
    monkeypatch.setattr(Site, "page", lambda self, path, *args, **kwargs: self.add(path, ""))
    again = render_site(atlas)
    assert len(again) > 500 and sum(not text for text in again.values()) > 400
    assert {p: t for p, t in again.items() if p.startswith("karten/")} == map_files(pages, ".html") | map_files(pages, ".svg")


# --------------------------------------------------------------------------------------------- without boundaries


def test_without_boundaries_maps_keep_scale_and_german_credit_only() -> None:
    atlas, problems = validate(MINI)
    assert atlas is not None and atlas.boundaries is None, problems
    pages = render_site(atlas)
    for path, document in map_files(pages, ".html").items():
        assert SCALE in document and PREFIX in document, path
        assert "atlasLabels" not in document and "Grenzen:" not in document and "addAttribution" not in document, path
    for path, svg in map_files(pages, ".svg").items():
        assert 'data-kind="district"' not in svg and 'data-kind="label"' not in svg and "clipPath" not in svg, path


# --------------------------------------------------------------------------------------------- the file


def write(data: Path, features: list[dict], **head: str) -> None:
    lines = [json.dumps({"type": "FeatureCollection", **head}, ensure_ascii=False)[:-1] + ', "features": [']
    lines += [json.dumps(f, ensure_ascii=False) + ("," if i < len(features) - 1 else "") for i, f in enumerate(features)]
    (data / "boundaries.geojson").write_text("\n".join(lines + ["]}"]) + "\n", encoding="utf-8")


def square(unit_id: str, key: str, bounds: tuple[float, float, float, float], **extra: str) -> dict:
    return {"type": "Feature", "properties": {"id": unit_id, "key": key, "name": unit_id, **extra},
            "geometry": shapely.geometry.mapping(shapely.geometry.box(*bounds))}


MINI_AREAS = [square("amt-testheide", "990015901", (10.1, 50.0, 10.4, 50.6)), square("teststadt", "99001001", (10.4, 50.0, 10.6, 50.6))]


def test_outline_is_the_union_of_the_areas_when_the_file_has_none(mini_data: Path) -> None:
    write(mini_data, MINI_AREAS, source="© Test", licence="dl-de/by-2-0")
    atlas, problems = validate(mini_data)
    assert atlas is not None, problems
    outline = shapely.geometry.shape(atlas.boundaries.district)
    assert outline.equals(shapely.geometry.box(10.1, 50.0, 10.6, 50.6))
    assert atlas.boundaries.licence_url == "https://www.govdata.de/dl-de/by-2-0"  # the atlas' own licence has the same id


def test_district_feature_is_checked(mini_data: Path) -> None:
    district = square("landkreis-testkreis", "99002", (10.1, 50.0, 10.6, 50.6), kind="district")
    write(mini_data, MINI_AREAS + [district, dict(district, properties={**district["properties"], "key": "99001"})])
    atlas, problems = validate(mini_data)
    texts = [p.message for p in problems]
    assert atlas is None
    assert "Gebiet Nr. 3 (Umriss des Kreises): Schlüssel „99002“ passt nicht zum Kreisschlüssel „99001“ in district.yaml" in texts
    write(mini_data, MINI_AREAS + [dict(district, properties={**district["properties"], "key": "99001"})] * 2)
    atlas, problems = validate(mini_data)
    assert [p.message for p in problems] == ["Gebiet Nr. 4 (Umriss des Kreises): der Kreis hat schon einen Umriss; die Datei darf nur einen enthalten"]


def test_names_and_credit_are_escaped_in_maps(mini_data: Path) -> None:
    evil = "<img src=x onerror=alert(1)></script>{{ 7*7 }}"
    write(mini_data, MINI_AREAS, source=evil, licence="dl-de/by-2-0", licence_url="javascript:alert(1)")
    atlas, problems = validate(mini_data)
    assert atlas is not None, problems
    atlas.municipalities["teststadt"] = atlas.municipalities["teststadt"].model_copy(update={"name": evil})
    boundaries, _ = load_boundaries(mini_data, atlas)
    base = basemap.base_layer(boundaries, {u.id: u.name for u in atlas.municipalities.values()})
    document = maps.render_map("probe", "Probe", [], atlas.config.map.bounds, None, base)
    assert evil not in document and "<img" not in document and "</script>{{" not in document
    assert "javascript:" not in document
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;{{ 7*7 }}" in document  # shown as text, never evaluated
    svg = maps.render_static("Probe", [], atlas.config.map.bounds, base)
    assert "<img" not in svg and "&lt;img src=x onerror=alert(1)&gt;" in svg


def test_every_map_legend_can_be_folded_and_is_open_without_javascript(example: tuple) -> None:
    """Legends stand in <details open> (open without JavaScript); a line of script closes them on phones."""
    _, pages = example
    documents = map_files(pages, ".html")
    with_legend = [path for path, text in documents.items() if 'class="atlas-legend"' in text]
    assert len(with_legend) >= 20
    for path in with_legend:
        text = documents[path]
        assert text.count('<details class="atlas-legend-box" open><summary>Legende</summary><ul class="atlas-legend" aria-label="Legende">') == 1, path
        assert "if (window.innerWidth < 480) { document.currentScript.previousElementSibling.open = false; }" in text, path
