"""Thematic maps of one indicator: areas coloured by class, or proportional circles at the seats.

`render_thematic(...)` returns a `ThematicMap` with the interactive map document (`html`, for
`karten/<name>.html`), its static SVG version (`svg`, for `karten/<name>.svg`), the legend rows and
the class of every area, so that the page can show the same legend as a table.

* With boundaries (unit id → GeoJSON geometry, generator/model/boundaries.py): a choropleth. Classes by
  quantiles or natural breaks (generator/visuals/classify.py), a sequential palette from light yellow over
  teal to dark blue (even lightness steps, readable with every common colour-vision deficiency), dark
  classes outlined in white, light ones in grey; areas without a value hatched/dashed grey, legend
  entry „keine Daten“. Tooltips „Name: Wert“.
* Without boundaries: circles at the seats, circle area ∝ value, a legend with 2–3 reference circles;
  negative values dashed; units without a value as small grey rings („keine Daten“).

Both show the district's outline and the units' names, the circles also the units' areas beneath them
(generator/visuals/basemap.py), when boundaries exist. The promises of generator/visuals/maps.py hold:
Leaflet from the site, deterministic ids, nothing from other hosts, tiles only after consent.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Literal

import folium

from ..core.formatting import counted, fmt_value
from ..core.markup import clean_text
from ..model.schema import Bounds, Tiles
from . import basemap
from . import classify as cls
from . import mapsvg
from .maps import deterministic_ids, finish_document, legend_box, new_map, tooltip_text

# sequential, light → dark; adjacent steps differ by a luminance ratio of at least 1,35
PALETTE = ("#f7f5d8", "#c1dac6", "#88bfb5", "#44a4a3", "#337e98", "#195a8c", "#00387f")
DARK_FROM = 4  # palette index from which fills are dark: white outlines
NODATA_FILL, NODATA_LINE = "#e6e6e6", "#4d4d4d"
LIGHT_LINE = "#5c5c5c"
CIRCLE_COLOUR = "#7a3e00"
MAX_RADIUS = 20.0  # px, circle of the largest value

_THEMATIC_STYLE = """<style>
.atlas-legend .atlas-legend__head { font-weight: 600; }
</style>
"""


@dataclass(frozen=True)
class AreaValue:
    id: str
    name: str
    lat: float
    lon: float
    value: float | None
    text: str  # formatted value with unit, e.g. "29,1 %"
    flagged: bool = False  # example value: marked in tooltips


@dataclass
class LegendRow:
    label: str
    colour: str
    count: int
    names: list[str] = field(default_factory=list)
    index: int | None = None  # class number from 1 (lightest); None: no data / reference circle
    radius: float = 0.0  # circles: radius of the reference circle


@dataclass
class ThematicMap:
    kind: Literal["areas", "circles"]
    html: str
    svg: str
    legend: list[LegendRow]
    classes: dict[str, int | None]
    breaks: list[float]
    method: str
    credit: str = ""

    @property
    def method_text(self) -> str:
        return cls.METHODS.get(self.method, self.method)


def palette(k: int) -> list[str]:
    """k colours from `PALETTE`, evenly spread (k ≤ 7)."""
    if k <= 1:
        return [PALETTE[3]]
    last = len(PALETTE) - 1
    return [PALETTE[int(i * last / (k - 1) + 0.5)] for i in range(k)]


def _label(area: AreaValue) -> str:
    text = area.text if area.value is not None else cls.NO_DATA
    return f"{area.name}: {text}" + (" (Beispielwert)" if area.flagged and area.value is not None else "")


def render_thematic(
    name: str,
    title: str,
    areas: list[AreaValue],
    bounds: Bounds,
    tiles: Tiles | None,
    *,
    boundaries: dict | None,
    unit: str,
    decimals: int,
    method: cls.Method = "quantiles",
    k: int = 5,
    border: str = "Kreisgrenze",
) -> ThematicMap:
    """The map of one indicator (same arguments → same bytes); `border` names the outline of the atlas' area."""
    areas = sorted(areas, key=lambda a: (a.name.casefold(), a.id))
    credit = getattr(boundaries, "credit", "") if boundaries else ""
    names = {a.id: a.name for a in areas}
    if boundaries and any(a.id in boundaries for a in areas):
        return _choropleth(name, title, areas, bounds, tiles, boundaries, unit, decimals, method, min(k, len(PALETTE)), credit, names)
    return _circles(name, title, areas, bounds, tiles, unit, decimals, basemap.base_layer(boundaries, names), border)


# --------------------------------------------------------------------------------------------- areas


def _choropleth(name, title, areas, bounds, tiles, boundaries, unit, decimals, method, k, credit, names) -> ThematicMap:
    breaks = cls.classify([a.value for a in areas if a.value is not None], method, k)
    colours = palette(len(breaks) - 1) if breaks else []
    classes = {a.id: cls.class_of(a.value, breaks) for a in areas}
    legend = [
        LegendRow(label, colours[i], sum(1 for a in areas if classes[a.id] == i), [a.name for a in areas if classes[a.id] == i], i + 1)
        for i, label in enumerate(cls.labels(breaks, decimals, unit))
    ]
    missing = [a.name for a in areas if classes[a.id] is None]
    if missing:
        legend.append(LegendRow(cls.NO_DATA, NODATA_FILL, len(missing), missing))
    shown = [a for a in areas if a.id in boundaries]

    def style(a: AreaValue) -> dict:
        c = classes[a.id]
        if c is None:
            return {"fillColor": NODATA_FILL, "fillOpacity": 0.9, "color": NODATA_LINE, "weight": 1.2, "dashArray": "4 3"}
        dark = PALETTE.index(colours[c]) >= DARK_FROM
        return {"fillColor": colours[c], "fillOpacity": 0.9, "color": "#ffffff" if dark else LIGHT_LINE, "weight": 1.2 if dark else 0.8}

    # the areas are drawn by the base layer (one Leaflet layer); light areas first, so that the white outlines
    # of dark areas are drawn on top
    drawn = sorted(shown, key=lambda a: -1 if classes[a.id] is None else classes[a.id])
    base = basemap.base_layer(boundaries, names, styles={a.id: style(a) for a in shown}, tooltips={a.id: _label(a) for a in shown},
                              order=[a.id for a in drawn])
    with deterministic_ids(name):
        m = new_map(name, bounds, tiles)
        m.fit_bounds(_area_bounds([boundaries[a.id] for a in shown], bounds))
        document = m.get_root().render()
        map_var = m.get_name()
    items = []
    for row in legend:
        swatch = _swatch(row.colour, row.index is None)
        items.append(f"<li>{swatch}{html.escape(clean_text(row.label))}</li>")
    head = f'<li class="atlas-legend__head">{html.escape(clean_text(title))}</li>'
    box = legend_box(head + "".join(items))  # the credit: in the attribution
    page = finish_document(document, name, title, map_var, tiles, box, _THEMATIC_STYLE, base=base)

    svg_areas = []
    for a in shown:
        c = classes[a.id]
        if c is None:
            svg_areas.append(mapsvg.Area(boundaries[a.id], NODATA_FILL, NODATA_LINE, _label(a), nodata=True))
        else:
            dark = PALETTE.index(colours[c]) >= DARK_FROM
            svg_areas.append(mapsvg.Area(boundaries[a.id], colours[c], "#ffffff" if dark else LIGHT_LINE, _label(a), stroke_width=1.2 if dark else 0.8))
    svg_areas.sort(key=lambda s: (not s.nodata, s.stroke == "#ffffff"))  # white outlines on top
    keys = [mapsvg.Key("nodata" if r.index is None else "area", r.label, r.colour, NODATA_LINE if r.index is None else LIGHT_LINE,
                       dashed=r.index is None) for r in legend]
    coloured = (f"Die Sozialräume sind nach dem Wert in {counted(len(breaks) - 1, 'Klasse', 'Klassen')} eingefärbt "
                f"({cls.METHODS[method]}), von hell (niedrig) bis dunkel (hoch)") if len(breaks) > 1 else "Kein Sozialraum hat einen Wert"
    description = (f"{coloured}; schraffiert: keine Daten. "
                   "Dieselben Werte stehen als Tabelle auf der Seite.")
    svg = mapsvg.render_svg(title, description, areas=svg_areas, legend=keys, credit=credit,
                            fallback=(bounds.west, bounds.south, bounds.east, bounds.north), base=base)
    return ThematicMap("areas", page, svg, legend, classes, breaks, method, credit)


def _swatch(colour: str, nodata: bool) -> str:
    if nodata:
        inner = (f'<rect x="1" y="2" width="16" height="12" fill="{NODATA_FILL}" stroke="{NODATA_LINE}" stroke-dasharray="3 2"/>'
                 f'<path d="M3 12 L9 4 M9 12 L15 4" stroke="{NODATA_LINE}" stroke-width="1"/>')
    else:
        inner = f'<rect x="1" y="2" width="16" height="12" fill="{colour}" stroke="{LIGHT_LINE}"/>'
    return f'<svg width="18" height="16" viewBox="0 0 18 16" aria-hidden="true" focusable="false">{inner}</svg>'


def _area_bounds(geometries: list[dict], bounds: Bounds) -> list[list[float]]:
    from ..model.boundaries import iter_points

    points = [p for g in geometries for p in iter_points(g)]
    if not points:
        return [[bounds.south, bounds.west], [bounds.north, bounds.east]]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return [[round(min(lats), 5), round(min(lons), 5)], [round(max(lats), 5), round(max(lons), 5)]]


# --------------------------------------------------------------------------------------------- circles


def _nice_below(value: float) -> float:
    """Largest of 1, 2, 2,5, 5 × 10ⁿ not above value."""
    if value <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(value))
    return max(f * power for f in (1, 2, 2.5, 5, 10) if f * power <= value * (1 + 1e-9))


def radius(value: float, largest: float) -> float:
    return round(MAX_RADIUS * math.sqrt(abs(value) / largest), 2) if largest > 0 else 0.0


def reference_values(largest: float) -> list[float]:
    """2–3 round values for the size legend, largest first (none visible below 3 px)."""
    refs: list[float] = []
    for share in (1, 1 / 4, 1 / 16):
        v = _nice_below(largest * share)
        if v > 0 and v not in refs and radius(v, largest) >= 3:
            refs.append(v)
    return refs


def _circles(name, title, areas, bounds, tiles, unit, decimals, base, border="Kreisgrenze") -> ThematicMap:
    valued = [a for a in areas if a.value is not None]
    largest = max((abs(a.value) for a in valued), default=0.0)
    missing = [a for a in areas if a.value is None]
    legend = [LegendRow(fmt_value(v, decimals, unit), CIRCLE_COLOUR, 0, radius=radius(v, largest)) for v in reference_values(largest)]
    negative = any(a.value < 0 for a in valued)
    if missing:
        legend.append(LegendRow(cls.NO_DATA, NODATA_FILL, len(missing), [a.name for a in missing], radius=4.0))

    with deterministic_ids(name):
        m = new_map(name, bounds, tiles)
        for a in sorted(valued, key=lambda a: (-abs(a.value), a.name)):  # small circles on top
            folium.CircleMarker([a.lat, a.lon], radius=max(radius(a.value, largest), 1.5), color=CIRCLE_COLOUR, weight=2,
                                dash_array="4 3" if a.value < 0 else None, fill=True, fill_color=CIRCLE_COLOUR, fill_opacity=0.35, class_name="atlas-point",
                                tooltip=folium.Tooltip(tooltip_text(_label(a)), sticky=False)).add_to(m)
        for a in missing:
            folium.CircleMarker([a.lat, a.lon], radius=4, color=NODATA_LINE, weight=1.5, dash_array="3 2", fill=True, class_name="atlas-point",
                                fill_color=NODATA_FILL, fill_opacity=0.9, tooltip=folium.Tooltip(tooltip_text(_label(a)))).add_to(m)
        m.fit_bounds(basemap.view(base, [(a.lat, a.lon) for a in areas]) if base else _point_bounds(areas, bounds))
        document = m.get_root().render()
        map_var = m.get_name()
    size = int(2 * MAX_RADIUS + 4)
    items = [f'<li class="atlas-legend__head">{html.escape(clean_text(title))}</li>', "<li>Kreisfläche nach Wert:</li>"]
    for row in legend:
        if row.index is None and row.label == cls.NO_DATA:
            symbol = (f'<svg width="{size}" height="12" viewBox="0 0 {size} 12" aria-hidden="true" focusable="false">'
                      f'<circle cx="{size / 2:g}" cy="6" r="4" fill="{NODATA_FILL}" stroke="{NODATA_LINE}" stroke-dasharray="3 2"/></svg>')
        else:
            h = int(2 * row.radius + 4)
            symbol = (f'<svg width="{size}" height="{h}" viewBox="0 0 {size} {h}" aria-hidden="true" focusable="false">'
                      f'<circle cx="{size / 2:g}" cy="{h / 2:g}" r="{row.radius:g}" fill="{CIRCLE_COLOUR}" fill-opacity="0.35" '
                      f'stroke="{CIRCLE_COLOUR}" stroke-width="2"/></svg>')
        items.append(f"<li>{symbol}{html.escape(clean_text(row.label))}</li>")
    if negative:
        items.append("<li>gestrichelter Rand: negativer Wert</li>")
    box = legend_box("".join(items))
    page = finish_document(document, name, title, map_var, tiles, box, _THEMATIC_STYLE, base=base)

    marks = [mapsvg.Mark(a.lat, a.lon, "circle", max(radius(a.value, largest), 1.5), CIRCLE_COLOUR, CIRCLE_COLOUR, _label(a), dashed=a.value < 0)
             for a in valued]
    marks += [mapsvg.Mark(a.lat, a.lon, "circle", 4.0, NODATA_FILL, NODATA_LINE, _label(a), fill_opacity=0.9, dashed=True) for a in missing]
    keys = [mapsvg.Key("circle", ("Kreisfläche nach Wert: " if i == 0 else "") + r.label, CIRCLE_COLOUR, CIRCLE_COLOUR, r.radius, 0.35)
            for i, r in enumerate(legend) if r.label != cls.NO_DATA]
    if missing:
        keys.append(mapsvg.Key("circle", cls.NO_DATA, NODATA_FILL, NODATA_LINE, 4.0, 0.9, dashed=True))
    if negative:
        keys.append(mapsvg.Key("circle", "gestrichelter Rand: negativer Wert", "none", CIRCLE_COLOUR, 6.0, dashed=True))
    description = ("Kreise an den Verwaltungssitzen; ihre Fläche entspricht dem Wert. Dieselben Werte stehen als Tabelle auf der Seite.")
    view = None
    if base is not None:
        (south, west), (north, east) = basemap.view(base, [(a.lat, a.lon) for a in areas])
        view = (west, south, east, north)
        description += f" Darunter die Grenzen der Sozialräume mit ihren Namen und die {border}."
    svg = mapsvg.render_svg(title, description, marks=marks, legend=keys, fallback=(bounds.west, bounds.south, bounds.east, bounds.north),
                            base=base, view=view, credit=base.credit if base else "")
    return ThematicMap("circles", page, svg, legend, {a.id: None for a in areas}, [], "circles", base.credit if base else "")


def _point_bounds(areas: list[AreaValue], bounds: Bounds) -> list[list[float]]:
    if not areas:
        return [[bounds.south, bounds.west], [bounds.north, bounds.east]]
    south, north = min(a.lat for a in areas), max(a.lat for a in areas)
    west, east = min(a.lon for a in areas), max(a.lon for a in areas)
    pad_lat, pad_lon = max((north - south) * 0.1, 0.03), max((east - west) * 0.1, 0.05)
    return [[round(south - pad_lat, 5), round(west - pad_lon, 5)], [round(north + pad_lat, 5), round(east + pad_lon, 5)]]
