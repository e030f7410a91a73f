"""Static SVG charts (generator/visuals/charts.py): well-formed, accessible, readable without colour, German numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.visuals import svg as s
from generator.visuals.charts import Bar, Point, RankItem, Series, comparison_bars, ranking, ranks, time_series
from generator.core.formatting import NBSP

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> dict[str, ET.Element]:
    return {"".join(t.itertext()): t for t in root.iter(f"{NS}text")}


def xs_of(path: ET.Element) -> list[float]:
    return [float(m) for m in re.findall(r"[ML](-?[\d.]+) ", path.get("d", ""))]


def altenquotient() -> list[Series]:
    return [
        Series("Teltow", (
            Point(2013, 33.1), Point(2018, 37.0, flagged=True), Point(2023, 41.2),
            Point(2030, 55.4, forecast=True), Point(2040, 83.0, forecast=True),
        )),
        Series("Landkreis Potsdam-Mittelmark", (
            Point(2013, 30.2), Point(2018, 32.6), Point(2023, 35.0),
            Point(2030, 44.0, forecast=True), Point(2040, 60.0, forecast=True),
        ), role="district"),
    ]


def sample_ranking(**kwargs: object) -> list[RankItem]:
    values = {"Beelitz": 38.5, "Teltow": 41.2, "Werder (Havel)": 33.8, "Beetzsee": 41.2, "Ziesar": 46.1, "Niemegk": None}
    return [RankItem(name, value, highlight=name == "Teltow", **kwargs) for name, value in values.items()]  # type: ignore[arg-type]


def all_charts() -> list:
    return [
        time_series("Altenquotient 2013–2040", altenquotient(), "je 100 Personen", 1, ident="alt"),
        comparison_bars("Vergleich", [Bar("Altenquotient (2023)", 41.2, 35.0, "je 100 Personen", 1)], "Teltow", "Landkreis", ident="cmp"),
        ranking("Rang", sample_ranking(), "%", 1, reference=35.0, reference_label="Landkreis", ident="rank"),
        time_series("Leer", [], "%", 1, ident="empty"),
    ]


@pytest.mark.parametrize("chart", all_charts(), ids=["time_series", "bars", "ranking", "empty"])
def test_every_chart_is_an_accessible_standalone_svg(chart) -> None:
    root = parse(chart.svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{NS}title").get("id") == title_id and root.find(f"{NS}title").text == chart.title
    assert root.find(f"{NS}desc").get("id") == desc_id and root.find(f"{NS}desc").text == chart.summary
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert width == 640 and 60 < height < 700
    assert "sans-serif" in root.get("font-family") and int(root.get("font-size")) >= 12
    assert all(float(t.get("font-size", 13)) >= 12 for t in root.iter(f"{NS}text"))
    assert not chart.svg.startswith("<?xml")  # can be inlined into HTML as well as written to a file
    assert "<script" not in chart.svg and "http" not in chart.svg.replace("http://www.w3.org/2000/svg", "")


def test_forecast_years_are_dashed_with_hollow_markers_under_a_band() -> None:
    chart = time_series("Altenquotient 2013–2040", altenquotient(), "je 100 Personen", 1, ident="alt")
    root = parse(chart.svg)
    labels = texts(root)
    x = {year: float(labels[str(year)].get("x")) for year in (2013, 2018, 2023, 2030, 2040)}
    blue = [p for p in root.iter(f"{NS}path") if p.get("stroke") == s.UNIT_STYLE.colour]
    solid = [p for p in blue if not p.get("stroke-dasharray")]
    dashed = [p for p in blue if p.get("stroke-dasharray")]
    assert len(solid) == 1 and len(dashed) == 1
    assert xs_of(solid[0]) == [x[2013], x[2018], x[2023]]
    assert xs_of(dashed[0]) == [x[2023], x[2030], x[2040]]  # the step into the forecast is dashed too
    circles = [c for c in root.iter(f"{NS}circle") if c.get("stroke") == s.UNIT_STYLE.colour]
    hollow = sorted(float(c.get("cx")) for c in circles if c.get("fill") == "#FFFFFF")
    assert hollow == [x[2030], x[2040]]
    band = [r for r in root.iter(f"{NS}rect") if r.get("fill") == s.BAND]
    assert len(band) == 1 and float(band[0].get("x")) == x[2023]
    assert "Prognose" in labels
    assert chart.rows[-1][0] == "2040 (Prognose)" and chart.rows[2][0] == "2023"


def test_years_are_placed_proportionally_to_time() -> None:
    root = parse(time_series("A", altenquotient(), "%", 1, ident="a").svg)
    labels = texts(root)
    x = {year: float(labels[str(year)].get("x")) for year in (2013, 2018, 2023, 2030, 2040)}
    assert (x[2018] - x[2013]) / (x[2030] - x[2023]) == pytest.approx(5 / 7, abs=0.01)
    assert (x[2040] - x[2030]) / (x[2018] - x[2013]) == pytest.approx(2, abs=0.01)


def test_series_differ_in_more_than_colour() -> None:
    root = parse(time_series("A", altenquotient(), "%", 1, ident="a").svg)
    unit = s.UNIT_STYLE.colour
    district = s.DISTRICT_STYLE.colour
    widths = {p.get("stroke"): p.get("stroke-width") for p in root.iter(f"{NS}path") if p.get("fill") == "none"}
    assert widths[unit] != widths[district]
    shapes = {el.tag for el in root.iter() if el.get("stroke") == unit and el.tag != f"{NS}path" and el.tag != f"{NS}line"}
    district_shapes = {el.tag for el in root.iter() if el.get("stroke") == district and el.tag == f"{NS}rect"}
    assert f"{NS}circle" in shapes and f"{NS}rect" not in shapes
    assert district_shapes  # squares for the district
    # the flagged 2018 value of Teltow carries a dotted ring, noted in table and summary
    assert any(c.get("stroke-dasharray") == "2 2" for c in root.iter(f"{NS}circle"))
    assert "unsicher (wenige Fälle)" in texts(root)


def test_palette_reaches_text_contrast_against_white() -> None:
    styles = [s.UNIT_STYLE, s.DISTRICT_STYLE, s.REGION_STYLE, *s.OTHER_STYLES]
    for colour in [st.colour for st in styles] + [s.TEXT, s.MUTED, s.MARK]:
        assert s.contrast(colour) >= 4.5, colour
    assert len({(st.marker, st.width) for st in styles[:3]}) == 3


def test_summary_and_table_of_a_time_series() -> None:
    chart = time_series("Altenquotient 2013–2040", altenquotient(), "je 100 Personen", 1, ident="alt")
    assert chart.summary == (
        "Angaben je 100 Personen. Teltow: 33,1 (2013), zuletzt 41,2 (2023, +8,1 seit 2013); Prognose für 2040: 83,0. "
        "Landkreis Potsdam-Mittelmark: 35,0 (2023); Prognose für 2040: 60,0. "
        "Unsicher, da auf wenigen Fällen beruhend: Teltow 2018."
    )
    assert chart.head == ["Jahr", "Teltow (je 100 Personen)", "Landkreis Potsdam-Mittelmark (je 100 Personen)"]
    assert chart.rows[1] == ["2018", "37,0 (unsicher)", "32,6"]
    assert chart.alt == "Liniendiagramm: Altenquotient 2013–2040, Teltow und Landkreis Potsdam-Mittelmark"


def test_percent_changes_are_percentage_points_and_large_numbers_are_grouped() -> None:
    series = [Series("Teltow", (Point(2013, 1234.5), Point(2023, 31020.25)))]
    chart = time_series("Einwohner", series, "", 2, ident="e")
    assert chart.rows == [["2013", "1.234,50"], ["2023", "31.020,25"]]
    assert "+29.785,75 seit 2013" in chart.summary
    assert "30.000" in texts(parse(chart.svg))
    share = time_series("Anteil", [Series("A", (Point(2013, 10.0), Point(2023, 12.5)))], "%", 1, ident="s")
    assert share.summary == f"A: 10,0{NBSP}% (2013), zuletzt 12,5{NBSP}% (2023, +2,5{NBSP}Prozentpunkte seit 2013)."


def test_value_axis_starts_at_zero_unless_all_values_are_far_from_it() -> None:
    near = parse(time_series("A", altenquotient(), "%", 1, ident="a").svg)
    assert "0" in texts(near)
    population = [Series("T", tuple(Point(y, 22000 + (y - 2010) * 300.0) for y in range(2010, 2024)))]
    far = texts(parse(time_series("B", population, "", 0, ident="b").svg))
    assert "0" not in far and "22.000" in far and "26.000" in far


def test_gaps_break_the_line_and_show_a_dash() -> None:
    series = [Series("A", (Point(2010, 1.0), Point(2011, 2.0), Point(2012, None), Point(2013, 3.0), Point(2014, 4.0)))]
    chart = time_series("Lücke", series, "%", 1, ident="g")
    paths = [p for p in parse(chart.svg).iter(f"{NS}path") if p.get("stroke") == s.UNIT_STYLE.colour]
    assert len(paths) == 2 and all(len(xs_of(p)) == 2 for p in paths)
    assert chart.rows[2] == ["2012", "–"]


def test_annual_series_get_round_year_ticks() -> None:
    series = [Series("A", tuple(Point(y, float(y - 2000)) for y in range(2010, 2041)))]
    labels = texts(parse(time_series("A", series, "", 0, ident="a").svg))
    assert {"2010", "2015", "2020", "2040"} <= set(labels) and "2011" not in labels


HOSTILE = "<script>alert(\"x\")</script> & Co's \x07"


def test_hostile_labels_are_escaped_everywhere() -> None:
    charts = [
        time_series(HOSTILE, [Series(HOSTILE, (Point(2020, 1.0), Point(2021, 2.0)))], HOSTILE, 1, ident=HOSTILE),
        comparison_bars(HOSTILE, [Bar(HOSTILE, 1.0, 2.0, "%", 1)], HOSTILE, HOSTILE, ident="b"),
        ranking(HOSTILE, [RankItem(HOSTILE, 1.0, highlight=True)], "%", 1, reference=1.0, reference_label=HOSTILE, ident="r"),
    ]
    clean = HOSTILE.replace("\x07", "")
    for chart in charts:
        root = parse(chart.svg)  # well-formed despite <, &, quotes and a control character
        assert "<script" not in chart.svg and not list(root.iter(f"{NS}script"))
        assert root.find(f"{NS}title").text == clean
        assert any(clean in text for text in texts(root))
    assert re.fullmatch(r"[a-z][a-z0-9-]*", parse(charts[0].svg).find(f"{NS}title").get("id"))


def test_ranks_share_places_for_equal_values_at_shown_precision() -> None:
    items = [RankItem("a", 5.0), RankItem("b", 7.04), RankItem("c", 6.96), RankItem("d", 3.0), RankItem("e", None)]
    assert ranks(items, 1) == {1: 1, 2: 1, 0: 3, 3: 4}
    assert ranks(items, 2) == {1: 1, 2: 2, 0: 3, 3: 4}


def test_ranking_summary_table_and_marker() -> None:
    chart = ranking("Altenquotient 2023", sample_ranking(), "%", 1, reference=35.0,
                    reference_label="Landkreis Potsdam-Mittelmark", ident="r")
    assert chart.summary == (
        f"Teltow liegt mit 41,2{NBSP}% auf Rang 2 von 5 Sozialräumen, gleichauf mit Beetzsee (Rang 1 = höchster Wert). "
        f"Landkreis Potsdam-Mittelmark: 35,0{NBSP}%. "
        f"Werte von 5 Sozialräumen: 33,8{NBSP}% (Werder (Havel)) bis 46,1{NBSP}% (Ziesar)."
    )
    assert chart.head == ["Rang", "Gebiet", "Wert (%)"]
    assert chart.rows == [
        ["1", "Ziesar", "46,1"],
        ["2", "Beetzsee", "41,2"],
        ["2", "Teltow (dieser Sozialraum)", "41,2"],
        ["4", "Beelitz", "38,5"],
        ["5", "Werder (Havel)", "33,8"],
        ["–", "Niemegk", "–"],
    ]
    root = parse(chart.svg)
    labels = texts(root)
    assert f"Teltow: 41,2{NBSP}% – Rang 2 von 5" in labels
    assert f"Landkreis Potsdam-Mittelmark: 35,0{NBSP}%" in labels
    assert any(line.get("stroke-dasharray") for line in root.iter(f"{NS}line"))  # the reference line
    assert 90 <= float(root.get("height")) <= 140


def test_ranking_of_many_units_stays_small() -> None:
    items = [RankItem(f"Gemeinde {i}", (i * 7919) % 1000 / 10, highlight=i == 3, flagged=i % 50 == 0) for i in range(420)]
    chart = ranking("Viele", items, "%", 1, reference=50.0, reference_label="Land", ident="big", among="Gemeinden")
    root = parse(chart.svg)
    assert len(chart.svg.encode()) < 8000
    assert len(list(root.iter())) < 40  # no element per unit
    assert len(chart.rows) == 420 and "Gemeinden" in chart.summary
    assert not any("Gemeinde 5" == t for t in texts(root))  # no per-unit labels
    assert 90 <= float(root.get("height")) <= 140


def test_ranking_table_in_a_profile_is_an_excerpt_when_there_are_many_units() -> None:
    """A profile's rank table must not grow with the atlas (264 units in a Land: 264 rows × 14 indicators per profile)."""
    items = [RankItem(f"Gemeinde {i}", float(i), highlight=i == 200) for i in range(420)]
    chart = ranking("Viele", items, "%", 1, reference=50.0, reference_label="Land", ident="big", among="Gemeinden", table_rows=30)
    names = [row[1] for row in chart.rows]
    # rank 1 = highest value: Gemeinde 419 first; the highlighted unit (rank 220) with three neighbours each side
    assert names[:3] == ["Gemeinde 419", "Gemeinde 418", "Gemeinde 417"]
    focus = names.index("Gemeinde 200 (dieser Sozialraum)")
    assert names[focus - 3:focus + 4] == [f"Gemeinde {i}" if i != 200 else "Gemeinde 200 (dieser Sozialraum)" for i in range(203, 196, -1)]
    assert names[-3:] == ["Gemeinde 2", "Gemeinde 1", "Gemeinde 0"]
    assert [row[1] for row in chart.rows if row[1].startswith("…")] == ["… 213 weitere", "… 194 weitere"]
    assert len(chart.rows) == 3 + 7 + 3 + 2
    assert chart.note.startswith("Auszug aus der Rangfolge von 420 Gemeinden")
    assert "Rang 220 von 420" in chart.summary  # the summary still speaks of all units
    # at or under the limit the table is complete and has no note
    small = ranking("Wenige", items[:30], "%", 1, reference=None, reference_label="", ident="s", table_rows=30)
    assert len(small.rows) == 30 and small.note == ""


def test_comparison_bars_scale_each_pair_and_hatch_the_reference() -> None:
    bars = [
        Bar("Altenquotient (2023)", 41.2, 35.0, "je 100 Personen", 1),
        Bar("Kinder in Bedarfsgemeinschaften (2023)", 8.4, 11.9, "%", 1, flagged=True),
        Bar("Arbeitslosenquote (2023)", None, 1234.5, "%", 1),
    ]
    chart = comparison_bars("Teltow und Landkreis", bars, "Teltow", "Landkreis Potsdam-Mittelmark", ident="cmp")
    root = parse(chart.svg)
    rects = [r for r in root.iter(f"{NS}rect") if r.get("height") == "16"]
    solid = [float(r.get("width")) for r in rects if r.get("fill") == s.UNIT_STYLE.colour]
    hatched = [float(r.get("width")) for r in rects if r.get("fill") == "url(#cmp-hatch)"]
    assert len(solid) == 2 and len(hatched) == 3  # the missing value has no bar
    assert solid[0] == hatched[1] == hatched[2]  # the larger value of each pair spans the full length
    assert solid[0] / hatched[0] == pytest.approx(41.2 / 35.0, rel=0.01)
    assert root.find(f"{NS}defs/{NS}pattern").get("id") == "cmp-hatch"
    labels = texts(root)
    assert "kein Wert" in labels and f"8,4{NBSP}% (unsicher)" in labels and f"1.234,5{NBSP}%" in labels
    assert "Teltow (oberer Balken)" in labels
    assert chart.rows[2] == ["Arbeitslosenquote (2023)", "–", f"1.234,5{NBSP}%"]
    assert chart.summary.count(";") == 2 and chart.summary.endswith(".")
    assert chart.summary.startswith(f"Altenquotient (2023): Teltow 41,2{NBSP}je 100 Personen, Landkreis Potsdam-Mittelmark 35,0")


def test_negative_values_get_a_zero_line_inside_the_pair() -> None:
    chart = comparison_bars("Saldo", [Bar("Wanderungssaldo", -3.2, 5.1, "je 1.000 Einwohner", 1)], "A", "B", ident="n")
    root = parse(chart.svg)
    bars = [r for r in root.iter(f"{NS}rect") if r.get("height") == "16"]
    negative, positive = bars
    assert float(negative.get("x")) + float(negative.get("width")) == pytest.approx(float(positive.get("x")), abs=0.11)
    assert f"-3,2{NBSP}je 1.000 Einwohner" in texts(root)


def test_empty_inputs_say_so() -> None:
    charts = [
        time_series("Altenquotient", [Series("Teltow", (Point(2020, None),))], "%", 1, ident="t"),
        comparison_bars("Vergleich", [], "Teltow", "Landkreis", ident="c"),
        ranking("Rang", [RankItem("Teltow", None, highlight=True)], "%", 1, reference=None, reference_label="", ident="r"),
    ]
    for chart in charts:
        assert chart.summary == "Keine Werte vorhanden."
        assert "Keine Werte vorhanden" in texts(parse(chart.svg))
        assert chart.alt.endswith("keine Werte vorhanden")
    assert charts[0].head == ["Jahr", "Teltow (%)"]


def test_two_charts_on_one_page_do_not_share_ids() -> None:
    a = comparison_bars("A", [Bar("x", 1.0, 2.0, "%", 1)], "A", "B", ident="teltow-bars")
    b = comparison_bars("A", [Bar("x", 1.0, 2.0, "%", 1)], "A", "B", ident="beelitz-bars")
    ids = lambda svg: set(re.findall(r'id="([^"]+)"', svg))  # noqa: E731
    assert ids(a.svg) and not ids(a.svg) & ids(b.svg)


def test_output_is_deterministic() -> None:
    first = [c.svg for c in all_charts()]
    second = [c.svg for c in all_charts()]
    assert first == second
    attributes = re.findall(r'="([^"]*)"', "".join(first))
    assert not [a for a in attributes if re.search(r"\d\.\d\d", a)]  # coordinates rounded to one decimal
