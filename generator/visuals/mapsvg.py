"""Static SVG versions of the maps (`karten/<name>.svg`): for print and for readers without JavaScript.

The same content as the interactive map – areas filled by class, circles at the seats, squares and
triangles for places – on a plain background, with the legend below the map and `<title>`/`<desc>`.
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

from ..model.boundaries import iter_points, polygons_of

WIDTH = 640
MAX_MAP_HEIGHT = 560
MARGIN = 24
ROW = 22
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
TEXT = "#1a1a1a"
HATCH_ID = "keine-daten"

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
    return html.escape(text, quote=True)


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
) -> str:
    """A complete SVG document. `fallback` (west, south, east, north) is the area shown without content."""
    areas, marks, legend = list(areas), list(marks), list(legend)
    project = _Projection(*_bbox(areas, marks, fallback))
    body: list[str] = []
    for area in areas:
        symbol = "nodata" if area.nodata else "area"
        fill = f"url(#{HATCH_ID})" if area.nodata else area.fill
        dash = ' stroke-dasharray="4 3"' if area.nodata else ""
        body.append(
            f'<path d="{_path(project, area.geometry)}" fill="{fill}" fill-rule="evenodd" stroke="{area.stroke}" '
            f'stroke-width="{area.stroke_width:g}" stroke-linejoin="round"{dash} data-kind="{symbol}"><title>{_esc(area.label)}</title></path>'
        )
    for mark in sorted(marks, key=lambda m: (-m.radius, m.lat, m.lon)):  # small on top of large
        x, y = project(mark.lon, mark.lat)
        body.append(f"<g><title>{_esc(mark.label)}</title>{_symbol(mark.symbol, x, y, mark.radius, mark.fill, mark.stroke, mark.fill_opacity, mark.dashed)}</g>")
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
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total}" viewBox="0 0 {WIDTH} {total}" '
        f'role="img" aria-labelledby="titel beschreibung" font-family="{FONT}" font-size="13" fill="{TEXT}">\n'
        f'<title id="titel">{_esc("Karte: " + title)}</title>\n<desc id="beschreibung">{_esc(description)}</desc>\n{defs}\n'
        f'<rect width="{WIDTH}" height="{total}" fill="#ffffff"/>\n'
        + "\n".join(body) + ("\n" if body else "")
        + "\n".join(rows) + ("\n" if rows else "")
        + "</svg>\n"
    )
