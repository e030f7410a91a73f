"""Static SVG versions of the maps (`karten/<name>.svg`): for print and for readers without JavaScript.

The same content as the interactive map – the units' areas, the district's outline and the units' names
(generator/visuals/basemap.py), areas filled by class, circles at the seats, squares and triangles for
places – on a plain background, with the legend and the credit below the map and `<title>`/`<desc>`.
Everything is clipped to the map's frame, so areas around the part shown do not run into the legend.
Projection: equirectangular with the longitude scaled by cos(latitude) at the centre of the area,
fitted into `WIDTH` pixels; good enough for a district. Output is deterministic (1 decimal), and every
text is escaped.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from typing import Iterable, Literal

from ..core.markup import clean_text
from ..model.boundaries import iter_points, polygons_of
from . import basemap

WIDTH = 640
MAX_MAP_HEIGHT = 560
MARGIN = 24
ROW = 22
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
TEXT = "#1a1a1a"
HATCH_ID = "keine-daten"
CLIP_ID = "kartenausschnitt"

Symbol = Literal["area", "nodata", "circle", "square", "triangle", "text"]


@dataclass(frozen=True)
class Area:
    geometry: dict  # GeoJSON Polygon/MultiPolygon
    fill: str
    stroke: str
    label: str
    nodata: bool = False
    stroke_width: float = 1.0


@dataclass(frozen=True)
class Mark:
    lat: float
    lon: float
    symbol: Symbol  # circle, square or triangle
    radius: float
    fill: str
    stroke: str
    label: str
    fill_opacity: float = 0.35
    dashed: bool = False


@dataclass(frozen=True)
class Key:
    """One legend row: a symbol and its text."""

    symbol: Symbol
    label: str
    fill: str = "none"
    stroke: str = TEXT
    radius: float = 6.0
    fill_opacity: float = 1.0
    dashed: bool = False


class _Projection:
    def __init__(self, west: float, south: float, east: float, north: float) -> None:
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * self.kx, 1e-6)
        span_y = max(north - south, 1e-6)
        inner = WIDTH - 2 * MARGIN
        self.scale = min(inner / span_x, (MAX_MAP_HEIGHT - 2 * MARGIN) / span_y)
        self.offset_x = MARGIN + (inner - span_x * self.scale) / 2
        self.height = span_y * self.scale + 2 * MARGIN

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.offset_x + (lon - self.west) * self.kx * self.scale, MARGIN + (self.north - lat) * self.scale


def _bbox(areas: list[Area], marks: list[Mark], fallback: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    lons = [p[0] for a in areas for p in iter_points(a.geometry)] + [m.lon for m in marks]
    lats = [p[1] for a in areas for p in iter_points(a.geometry)] + [m.lat for m in marks]
    if not lons:
        return fallback
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    if not areas:  # points only: leave room around them, as the interactive map does
        pad_lat, pad_lon = max((north - south) * 0.1, 0.03), max((east - west) * 0.1, 0.05)
        return west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat
    return west, south, east, north


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _esc(text: str) -> str:
    return html.escape(clean_text(text), quote=True)


def _path(project: _Projection, geometry: dict) -> str:
    parts = []
    for polygon in polygons_of(geometry):
        for ring in polygon:
            points = [project(lon, lat) for lon, lat, *_ in ring]
            parts.append("M" + " L".join(f"{_f(x)} {_f(y)}" for x, y in points[:-1]) + " Z")
    return " ".join(parts)


def _symbol(symbol: Symbol, x: float, y: float, r: float, fill: str, stroke: str, opacity: float, dashed: bool, width: float = 1.5) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    style = f'fill="{fill}" fill-opacity="{opacity:g}" stroke="{stroke}" stroke-width="{width:g}"{dash}'
    if symbol == "circle":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" {style}/>'
    if symbol == "square":
        return f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{_f(2 * r)}" height="{_f(2 * r)}" {style}/>'
    if symbol == "triangle":
        return f'<polygon points="{_f(x)},{_f(y - r)} {_f(x + r)},{_f(y + r)} {_f(x - r)},{_f(y + r)}" {style}/>'
    if symbol in ("area", "nodata"):
        fill_ref = f"url(#{HATCH_ID})" if symbol == "nodata" else fill
        return (f'<rect x="{_f(x - 8)}" y="{_f(y - 6)}" width="16" height="12" fill="{fill_ref}" stroke="{stroke}" stroke-width="1"'
                f'{dash}/>')
    return ""


def render_svg(
    title: str,
    description: str,
    *,
    areas: Iterable[Area] = (),
    marks: Iterable[Mark] = (),
    legend: Iterable[Key] = (),
    fallback: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0),
    credit: str = "",
    base: basemap.Base | None = None,
    view: tuple[float, float, float, float] | None = None,
) -> str:
    """A complete SVG document. `fallback` (west, south, east, north) is the area shown without content,
    `view` the area to show whatever the content; `base` draws areas, outline and names beneath/above it."""
    areas, marks, legend = list(areas), list(marks), list(legend)
    project = _Projection(*(view or _bbox(areas, marks, fallback)))
    body: list[str] = []
    if base is not None and not areas:  # a thematic map's areas replace the plain ones
        for unit_id, name, geometry in base.areas:
            focus = unit_id in base.focus
            body.append(
                f'<path d="{_path(project, geometry)}" fill="{basemap.FOCUS_FILL if focus else basemap.AREA_FILL}" fill-rule="evenodd" '
                f'stroke="{basemap.FOCUS_LINE if focus else basemap.AREA_LINE}" stroke-width="{2.5 if focus else 1}" stroke-linejoin="round" '
                f'data-kind="unit"><title>{_esc(name)}</title></path>'
            )
    for area in areas:
        symbol = "nodata" if area.nodata else "area"
        fill = f"url(#{HATCH_ID})" if area.nodata else area.fill
        dash = ' stroke-dasharray="4 3"' if area.nodata else ""
        body.append(
            f'<path d="{_path(project, area.geometry)}" fill="{fill}" fill-rule="evenodd" stroke="{area.stroke}" '
            f'stroke-width="{area.stroke_width:g}" stroke-linejoin="round"{dash} data-kind="{symbol}"><title>{_esc(area.label)}</title></path>'
        )
    if base is not None and base.district:
        body.append(f'<path d="{_path(project, base.district)}" fill="none" stroke="{basemap.OUTLINE}" stroke-width="2.5" '
                    'stroke-linejoin="round" data-kind="district"/>')
    for mark in sorted(marks, key=lambda m: (-m.radius, m.lat, m.lon)):  # small on top of large
        x, y = project(mark.lon, mark.lat)
        body.append(f"<g><title>{_esc(mark.label)}</title>{_symbol(mark.symbol, x, y, mark.radius, mark.fill, mark.stroke, mark.fill_opacity, mark.dashed)}</g>")
    if base is not None:
        body += _labels(project, base, marks)
    y = project.height + 4
    rows: list[str] = []
    for key in legend:
        height = max(ROW, 2 * key.radius + 6) if key.symbol == "circle" else ROW
        cy = y + height / 2
        cx = MARGIN + max(8.0, key.radius if key.symbol == "circle" else 8.0)
        rows.append(_symbol(key.symbol, cx, cy, key.radius, key.fill, key.stroke, key.fill_opacity, key.dashed))
        text_x = cx + max(8.0, key.radius if key.symbol == "circle" else 8.0) + 8
        rows.append(f'<text x="{_f(text_x)}" y="{_f(cy + 4.5)}">{_esc(key.label)}</text>')
        y += height
    for line in textwrap.wrap(credit, 95):
        rows.append(f'<text x="{MARGIN}" y="{_f(y + 14)}" font-size="11">{_esc(line)}</text>')
        y += 16
    total = math.ceil(y + 8)
    defs = (
        f'<defs><pattern id="{HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ececec"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="1.5"/></pattern></defs>'
    )
    if base is not None:
        defs = defs.replace("</defs>", f'<clipPath id="{CLIP_ID}"><rect width="{WIDTH}" height="{_f(project.height)}"/></clipPath></defs>')
        body = [f'<g clip-path="url(#{CLIP_ID})">'] + body + ["</g>"]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total}" viewBox="0 0 {WIDTH} {total}" '
        f'role="img" aria-labelledby="titel beschreibung" font-family="{FONT}" font-size="13" fill="{TEXT}">\n'
        f'<title id="titel">{_esc("Karte: " + title)}</title>\n<desc id="beschreibung">{_esc(description)}</desc>\n{defs}\n'
        f'<rect width="{WIDTH}" height="{total}" fill="#ffffff"/>\n'
        + "\n".join(body) + ("\n" if body else "")
        + "\n".join(rows) + ("\n" if rows else "")
        + "</svg>\n"
    )


def _labels(project: _Projection, base: basemap.Base, marks: list[Mark]) -> list[str]:
    """The units' names, placed as the interactive map places them (basemap.py): inside the frame, not over a
    name, a square or a triangle, over a circle only where nothing else is left; on its own place where it
    fits, else moved, but with its middle inside its own area."""
    import shapely.geometry

    Box = tuple[float, float, float, float]

    def box_of(mark: Mark) -> Box:
        x, y = project(mark.lon, mark.lat)
        return (x - mark.radius - 1, y - mark.radius - 1, x + mark.radius + 1, y + mark.radius + 1)

    hard: list[Box] = [box_of(m) for m in marks if m.symbol != "circle"]
    soft: list[Box] = [box_of(m) for m in marks if m.symbol == "circle"]
    shapes: dict[str, object] = {}

    def inside(unit: str, x: float, y: float) -> bool:
        if unit not in base.geometries:
            return False
        if unit not in shapes:
            shapes[unit] = shapely.geometry.shape(base.geometries[unit])
        lon = project.west + (x - project.offset_x) / (project.kx * project.scale)
        lat = project.north - (y - MARGIN) / project.scale
        return shapes[unit].contains(shapely.geometry.Point(lon, lat))  # type: ignore[attr-defined]

    def free(box: Box, taken: list[Box]) -> bool:
        if box[0] < 2 or box[1] < 2 or box[2] > WIDTH - 2 or box[3] > project.height - 2:
            return False
        return not any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken)

    placed: dict[int, tuple[float, float]] = {}
    # first every name that fits on its own place, then the others moved; each pass in the names' order
    for count, avoid_circles in ((1, True), (1, False), (len(basemap.SHIFTS), True), (len(basemap.SHIFTS), False)):
        for index, label in enumerate(base.labels):
            if index in placed:
                continue
            size = 13.0 if label.focus else 12.0
            x0, y0 = project(label.lon, label.lat)
            width, height = basemap.label_width(label.name, size), size * 1.2
            taken = hard + soft if avoid_circles else hard
            for n, (sx, sy) in enumerate(basemap.SHIFTS[:count]):
                x, y = x0 + sx * (width / 2 + 10), y0 + sy * (height / 2 + 10)
                box = (x - width / 2 - 3, y - height / 2 - 2, x + width / 2 + 3, y + height / 2 + 2)
                if free(box, taken) and (n == 0 or inside(label.unit, x, y)):
                    placed[index] = (x, y)
                    hard.append(box)
                    break
    out = []
    for index, label in enumerate(base.labels):
        if index not in placed:
            continue
        x, y = placed[index]
        size = 13.0 if label.focus else 12.0
        weight = 700 if label.focus else 600
        out.append(f'<text x="{_f(x)}" y="{_f(y + size * 0.35)}" text-anchor="middle" font-size="{size:g}" font-weight="{weight}" '
                   f'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" data-kind="label">{_esc(label.name)}</text>')
    return out
