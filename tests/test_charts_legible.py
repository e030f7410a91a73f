"""Charts legible (issue 17, point 8), checked on the built example atlas and on the chart functions:

* every chart has a phone drawing (`…-schmal.svg`, `svg.NARROW` wide) that the page offers in a `<picture>`
  for narrow screens, so that its letters are not scaled down to 5 px; no text in any drawing is smaller
  than 12 px in its own units and every text lies inside its drawing (widths as `svg.text_width` estimates
  them for the widest common font);
* every axis and the ranking strip carry a title (`data-kind="axis-title"`): a time series its unit and
  „Jahr“, a ranking what its marks are („ein Strich je Sozialraum“) and its value's unit;
* the circle maps draw the units' areas and the district's outline beneath (before) their circles.

The same charts measured in the browser at 390 and 1366 px: tests/browser/test_first_sight_charts.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from generator.check.validate import validate
from generator.visuals import svg as s
from generator.visuals import thematic
from generator.visuals.charts import (
    NARROW_MEDIA,
    Bar,
    Point,
    RankItem,
    Series,
    comparison_bars,
    ranking,
    time_series,
)

NS = "{http://www.w3.org/2000/svg}"
CHART_PAGES = {"sozialraum", "landkreis", "kennzahl"}  # as in tests/browser/test_first_sight_charts.py


def texts_of(svg: str) -> list[tuple[ET.Element, float]]:
    """Every `<text>` with its font size (own, or the document's)."""
    root = ET.fromstring(svg)
    base = float(root.get("font-size", 16))
    return [(t, float(t.get("font-size", base))) for t in root.iter(f"{NS}text")]


def outside(svg: str) -> list[str]:
    """Texts whose estimated box leaves the drawing's width."""
    root = ET.fromstring(svg)
    width = float(root.get("width"))
    found = []
    for t, size in texts_of(svg):
        content = "".join(t.itertext())
        w = s.text_width(content, size, t.get("font-weight") == "bold")
        x = float(t.get("x"))
        anchor = t.get("text-anchor", "start")
        left = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
        if left < -0.5 or left + w > width + 0.5:
            found.append(f"{content} ({left:.0f}–{left + w:.0f} of {width:.0f})")
    return found


def axis_titles(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t, _ in texts_of(svg) if t.get("data-kind") == "axis-title"]


# --------------------------------------------------------------------------------------------- chart functions


LONG = "Landkreis Potsdam-Mittelmark"


def sample_charts() -> dict[str, object]:
    unit = Series("Werder (Havel)", (Point(2013, 30.4), Point(2023, 46.9, flagged=True), Point(2040, 71.3, forecast=True)))
    district = Series(LONG, (Point(2013, 33.0), Point(2023, 52.3), Point(2040, 79.2, forecast=True)), "district")
    items = [RankItem(f"Gemeinde {i}", 1000.0 * i, highlight=i == 7) for i in range(1, 20)]
    return {
        "series": time_series("Altenquotient", [unit, district], "je 1.000 unter 18-Jährige", 1, ident="ts"),
        "bars": comparison_bars("Vergleich", [
            Bar("Teilnahmen in Familienzentren je 1.000 Einwohner (2023)", 190.0, 166.0, "je 1.000 Einwohner", 0),
            Bar("Inobhutnahmen je 1.000 Minderjährige (2023)", 1.2, None, "je 1.000 unter 18-Jährige", 1, flagged=True),
        ], "Werder (Havel)", LONG, ident="bars"),
        "ranking": ranking("Einwohner", items, "Personen", 0, reference=9000.0, reference_label=LONG, ident="rank"),
        "many": ranking("Viele", [RankItem(f"G {i}", float(i), highlight=i == 3) for i in range(300)], "%", 1,
                        reference=None, reference_label=LONG, ident="many", among="Gemeinden", one="Gemeinde"),
    }


@pytest.mark.parametrize("name", ["series", "bars", "ranking", "many"])
def test_every_chart_has_a_phone_drawing_with_large_enough_text_inside_it(name: str) -> None:
    chart = sample_charts()[name]
    for svg, width in ((chart.svg, s.WIDTH), (chart.narrow, s.NARROW)):
        root = ET.fromstring(svg)
        assert float(root.get("width")) == width and root.get("viewBox", "").startswith(f"0 0 {width} ")
        sizes = [size for _, size in texts_of(svg)]
        assert sizes and min(sizes) >= s.SMALL_SIZE, (name, width)
        assert not outside(svg), (name, width, outside(svg))
        assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc").text == chart.summary
    ids = re.findall(r'id="([^"]+)"', chart.narrow)
    assert ids and all(i.endswith(("-schmal-title", "-schmal-desc", "-schmal-hatch")) for i in ids)  # never the wide one's ids


def test_a_phone_cell_at_390_px_shows_the_narrow_drawing_at_11_px_or_more() -> None:
    # Material's content column at 390 px is 358 px wide (16 px margins); a 360 px phone leaves 328 px
    assert s.NARROW <= 340 and s.SMALL_SIZE * min(1.0, 328 / s.NARROW) >= 11
    assert "max-width: 44.9375em" in NARROW_MEDIA  # below this Material shows no sidebar: the column ≥ 672 px above
    assert s.SMALL_SIZE * min(1.0, 672 / s.WIDTH) >= 11


def test_time_series_axes_are_titled() -> None:
    chart = sample_charts()["series"]
    for svg in (chart.svg, chart.narrow):
        assert axis_titles(svg) == ["je 1.000 unter 18-Jährige", "Jahr"]
    plain = time_series("Zahl", [Series("A", (Point(2020, 1.0), Point(2021, 2.0)))], "", 0, ident="plain")
    assert axis_titles(plain.svg) == ["Wert", "Jahr"]


def test_ranking_strip_and_axis_are_titled_and_long_headlines_wrap() -> None:
    charts = sample_charts()
    rank, many = charts["ranking"], charts["many"]
    assert " ".join(axis_titles(rank.svg)) == "Wert (Personen) – ein Strich je Sozialraum, Rang 1 = höchster Wert"
    assert " ".join(axis_titles(rank.narrow)) == " ".join(axis_titles(rank.svg))
    assert len(axis_titles(rank.narrow)) == 2  # wrapped on the phone
    assert "Höhe der Striche: Zahl der Gebiete" in " ".join(axis_titles(many.svg))
    headline = [t for t, _ in texts_of(rank.narrow) if t.get("font-weight") == "bold"]
    assert len(headline) == 2 and "".join(headline[1].itertext()).endswith("von 19")  # two lines, none clipped
    ticks = [(float(t.get("x")), s.text_width(t.text)) for t, _ in texts_of(rank.narrow) if re.fullmatch(r"[\d.]+", t.text or "")]
    assert 3 <= len(ticks) < len([t for t, _ in texts_of(rank.svg) if re.fullmatch(r"[\d.]+", t.text or "")])  # fewer on a phone…
    assert all(b[0] - a[0] >= (a[1] + b[1]) / 2 + 12 for a, b in zip(ticks, ticks[1:]))  # …so that their labels keep apart


# --------------------------------------------------------------------------------------------- the example atlas


def svg_root(path: Path) -> ET.Element:
    return ET.fromstring(path.read_text(encoding="utf-8"))


def test_example_pages_offer_the_phone_drawing_of_every_chart(example_site: Path) -> None:
    from browser.first_sight import (
        PAGE_TYPES,  # the page types of the first-sight tests
    )

    charted = set()
    for kind, path in PAGE_TYPES.items():
        doc = BeautifulSoup((example_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        figures = doc.select("figure.atlas-chart")
        if figures or doc.select('img[src*="diagramme/"]'):
            charted.add(kind)
        for figure in figures:
            picture = figure.select_one("picture.atlas-chart__picture")
            assert picture is not None, (kind, str(figure)[:200])
            source, img = picture.select_one("source"), picture.select_one("img")
            assert source["media"] == NARROW_MEDIA and source["srcset"].endswith("-schmal.svg")
            assert img["src"].endswith(".svg") and img["alt"].strip()
            narrow = (example_site / path / source["srcset"]).resolve()
            wide = (example_site / path / img["src"]).resolve()
            assert svg_root(narrow).get("width") == str(s.NARROW) and svg_root(wide).get("width") == str(s.WIDTH)
    assert charted and charted <= CHART_PAGES, charted - CHART_PAGES  # the browser test measures these


def test_example_chart_files_are_legible_and_titled(example_site: Path) -> None:
    files = sorted((example_site / "diagramme").glob("*.svg"))
    assert len(files) > 500
    for path in files:
        svg = path.read_text(encoding="utf-8")
        assert min(size for _, size in texts_of(svg)) >= s.SMALL_SIZE, path.name
        assert not outside(svg), (path.name, outside(svg))
        titles = axis_titles(svg)
        if path.stem.removesuffix("-schmal").endswith("-verlauf") and "Keine Werte" not in svg:
            assert len(titles) == 2 and titles[-1] == "Jahr", (path.name, titles)
        if path.stem.removesuffix("-schmal").endswith("-rang"):
            assert "ein Strich je Sozialraum" in " ".join(titles), (path.name, titles)


def test_ranking_of_a_count_leaves_out_the_district_total(example_site: Path) -> None:
    """The district's total of a count (aggregation „sum“) is no mark among its units' values: it would push
    them into a corner of the strip."""
    for name in ("kennzahl-einwohner-rang.svg", "werder-havel-einwohner-rang-schmal.svg"):
        svg = (example_site / "diagramme" / name).read_text(encoding="utf-8")
        ticks = [float(t.text.replace(".", "")) for t, _ in texts_of(svg) if re.fullmatch(r"[\d.]+", t.text or "")]
        assert "stroke-dasharray" not in svg and "Landkreis" not in svg, name
        assert 20000 <= max(ticks) <= 40000, (name, ticks)  # the largest Sozialraum has 27.212 inhabitants


def circle_map_order(svg: str) -> list[str]:
    """The drawing order of areas, outline and circles in a static map."""
    return [m.group(1) or "circle" for m in re.finditer(r'<path [^>]*data-kind="(unit|area|district)"|<circle ', svg)]


def test_circle_maps_draw_areas_and_outline_beneath_their_circles(example_site: Path) -> None:
    circle_maps = 0
    for path in sorted((example_site / "karten").glob("*.svg")):
        order = circle_map_order(path.read_text(encoding="utf-8"))
        if order.count("circle") < 5:
            continue
        circle_maps += 1
        first = order.index("circle")
        assert order[:first].count("unit") + order[:first].count("area") >= 19 and "district" in order[:first], path.name
        assert "unit" not in order[first:] and "district" not in order[first:], path.name
    assert circle_maps >= 2  # the overview maps: Sozialräume by population


def test_indicator_circle_map_draws_the_boundaries_beneath() -> None:
    """An indicator mapped as circles (its areas have no boundaries of their own) still shows all boundaries."""
    atlas, problems = validate(REPO / "data")
    assert atlas is not None and atlas.boundaries, problems
    units = list(atlas.municipalities.values())
    areas = [thematic.AreaValue(f"ort-{u.id}", u.name, u.location.lat, u.location.lon, 100.0 * i, f"{100 * i} Personen")
             for i, u in enumerate(units, start=1)]
    result = thematic.render_thematic("test", "Test", areas, atlas.config.map.bounds, None, boundaries=atlas.boundaries,
                                      unit="Personen", decimals=0)
    assert result.kind == "circles"
    order = circle_map_order(result.svg)
    assert order.index("circle") == len(units) + 1 and order[:len(units)] == ["unit"] * len(units) and order[len(units)] == "district"
