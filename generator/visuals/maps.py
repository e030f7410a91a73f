"""Maps: folium documents `karten/<name>.html`; a page shows the static SVG and opens the map on request (map_embed.py).

Each map document
* loads Leaflet from the site itself (`assets/leaflet/`), nothing from a CDN, no jQuery, Bootstrap or
  Font Awesome (folium's defaults are replaced per instance; popups would need jQuery, so the maps
  use tooltips);
* shows the units' areas, the district's outline and the units' names when data/boundaries.geojson
  exists (generator/visuals/basemap.py), so that it reads without any background map; a metric scale and
  a German attribution that credits the boundaries;
* has no background tiles unless `atlas.config.map.tiles` is set, and then loads them only after the
  visitor clicks "Karte laden" (remembered for the visit in sessionStorage only if the visitor ticks
  "Für diesen Besuch merken"; the same button withdraws the consent) – see
  `assets/atlas-map.js`;
* shows points by shape, not colour alone: circles for municipal units and values (area ∝ number),
  squares for family centres, triangles for other places of offers; a legend in words is part of the map;
* is deterministic: folium's random element ids are replaced by ids derived from the map name.

Every page that embeds a map also shows the same facts as text right after it (render stage).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Literal

import branca.element
import folium

from ..core.formatting import counted
from ..core.markup import asset_url, clean_text, safe_url
from ..model.schema import Bounds, Tiles
from . import basemap
from .plain_templates import plain_template

MAP_DIR = "karten"
LEAFLET_DIR = "assets/leaflet"
MAP_SCRIPT = "assets/atlas-map.js"

Kind = Literal["unit", "seat", "centre", "offer", "value"]

# Colours: dark outlines on light fills, every shape also differs in form (WCAG 1.4.1).
UNIT_COLOUR = "#1f4e79"
VALUE_COLOUR = "#7a3e00"
CENTRE_FILL, CENTRE_LINE = "#b34700", "#1a1a1a"
OFFER_FILL, OFFER_LINE = "#2e7d32", "#1a1a1a"

LEGEND_TEXT: dict[str, str] = {
    "unit": "Kreis: Verwaltungssitz (Fläche nach Einwohnerzahl)",
    "seat": "Kreis: Verwaltungssitz",
    "centre": "Quadrat: Familienzentrum",
    "offer": "Dreieck: weiterer Ort eines Angebots",
    "value": "Kreis: Wert der Kennzahl (Fläche nach Wert)",
}


@dataclass(frozen=True)
class Point:
    """One thing on a map. `weight` (0..1) scales circles; `label` becomes the tooltip."""

    lat: float
    lon: float
    label: str
    kind: Kind
    weight: float = 0.5


def map_path(name: str) -> str:
    """Path of a map document in the docs dir."""
    return f"{MAP_DIR}/{name}.html"


def svg_path(name: str) -> str:
    """Path of the static SVG version of a map (for print and readers without JavaScript)."""
    return f"{MAP_DIR}/{name}.svg"


# --------------------------------------------------------------------------------------------- ids


_id_lock = threading.Lock()


@contextmanager
def deterministic_ids(seed: str) -> Iterator[None]:
    """Within the block, folium/branca element ids are `<hash of seed><counter>` instead of random, and branca's
    elements made from text without Jinja syntax skip Jinja's compiler (`plain_template`)."""
    prefix = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]
    counter = itertools.count(1)
    with _id_lock:
        original = branca.element.Element.__dict__["_generate_id"]
        original_template = branca.element.Template
        branca.element.Element._generate_id = classmethod(lambda cls: f"{prefix}{next(counter):016x}")  # type: ignore[method-assign]
        branca.element.Template = plain_template  # type: ignore[assignment,misc]
        try:
            yield
        finally:
            branca.element.Element._generate_id = original  # type: ignore[method-assign]
            branca.element.Template = original_template  # type: ignore[misc]


# --------------------------------------------------------------------------------------------- shapes


def _svg(kind: Kind, size: int) -> str:
    if kind == "centre":
        shape = f'<rect x="2" y="2" width="{size - 4}" height="{size - 4}" fill="{CENTRE_FILL}" stroke="{CENTRE_LINE}" stroke-width="1.5"/>'
    else:
        shape = f'<polygon points="{size / 2},1.5 {size - 1.5},{size - 1.5} 1.5,{size - 1.5}" fill="{OFFER_FILL}" stroke="{OFFER_LINE}" stroke-width="1.5"/>'
    return f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false">{shape}</svg>'


def tooltip_text(text: str) -> str:
    """Tooltip text goes into a JS template literal and is shown as HTML: escape for both.

    Braces become entities too: branca compiles folium's rendered script once more as a Jinja
    template, so `{{ … }}` from the data would otherwise be evaluated at build time.
    """
    escaped = html.escape(clean_text(text), quote=True)
    for ch, entity in (("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"), ("{", "&#123;"), ("}", "&#125;")):
        escaped = escaped.replace(ch, entity)
    return escaped


def _option_text(text: str) -> str:
    """Plain text for a marker option (title, alt), inert in branca's second Jinja pass (see `tooltip_text`).

    Options are JSON strings, so no entity helps: each `{` becomes a Jinja raw block that yields `{`.
    """
    return clean_text(text).replace("{", "{% raw %}{{% endraw %}")


def _radius(kind: Kind, weight: float) -> float:
    weight = min(max(weight, 0.0), 1.0)
    if kind == "seat":
        return 7.0
    low, high = (4.0, 18.0) if kind == "unit" else (3.0, 20.0)
    return round(low + (high - low) * math.sqrt(weight), 2)


def _add(m: folium.Map, point: Point) -> None:
    tooltip = folium.Tooltip(tooltip_text(point.label), sticky=False)
    if point.kind in ("unit", "seat", "value"):
        colour = VALUE_COLOUR if point.kind == "value" else UNIT_COLOUR
        folium.CircleMarker(
            [point.lat, point.lon], radius=_radius(point.kind, point.weight), color=colour, weight=2,
            fill=True, fill_color=colour, fill_opacity=0.35, tooltip=tooltip, class_name="atlas-point",
        ).add_to(m)
        return
    size = 16
    icon = folium.DivIcon(html=_svg(point.kind, size), icon_size=(size, size), icon_anchor=(size // 2, size // 2), class_name="atlas-marker")
    folium.Marker([point.lat, point.lon], icon=icon, tooltip=tooltip, title=_option_text(point.label), alt=_option_text(point.label), keyboard=True).add_to(m)


# --------------------------------------------------------------------------------------------- document


_STYLE = """<style>
body, .leaflet-container { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.leaflet-container { background: #f4f6f9; }
.leaflet-control-attribution a { text-decoration: underline; }
.leaflet-container .leaflet-control-attribution { font-size: 11px; line-height: 1.35; color: #1a1a1a; background: rgba(255,255,255,0.9); }
.leaflet-control-scale-line { font-size: 11px; color: #1a1a1a; border-color: #1a1a1a; background: rgba(255,255,255,0.85); }
.atlas-marker { background: none; border: 0; }
.atlas-legend-box { position: absolute; right: 8px; top: 8px; z-index: 1000; max-width: 45%; padding: 4px 8px;
  font-size: 12px; line-height: 1.5; color: #1a1a1a; background: rgba(255,255,255,0.92);
  border: 1px solid #6b6b6b; border-radius: 3px; }
.atlas-legend-box summary { cursor: pointer; font-weight: 600; }
.atlas-legend-box summary:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.atlas-legend { margin: 0; padding: 0; list-style: none; }
.atlas-legend svg { vertical-align: middle; margin-right: 4px; }
@media (max-width: 480px) { .atlas-legend-box { font-size: 11px; line-height: 1.35; padding: 3px 6px; }
  .atlas-legend-box[open] { max-width: 70%; } }
.leaflet-container:focus-visible { outline: 3px solid #1a1a1a; outline-offset: -3px; }
.leaflet-container a:focus-visible, .atlas-marker:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 1px; }
</style>"""
_TILES_STYLE = """<style>
.atlas-tiles { position: absolute; left: 54px; top: 10px; z-index: 1000; max-width: 45%; padding: 6px 8px;
  font-size: 12px; line-height: 1.4; color: #1a1a1a; background: rgba(255,255,255,0.95); border: 1px solid #6b6b6b;
  border-radius: 3px; }
.atlas-tiles p { margin: 0 0 6px; }
.atlas-tiles--shown p { display: none; }
.atlas-tiles button { font: inherit; font-size: 13px; padding: 6px 10px; color: #ffffff; background: #1f4e79;
  border: 2px solid #1f4e79; border-radius: 3px; cursor: pointer; text-align: left; }
.atlas-tiles label { display: block; margin-top: 6px; cursor: pointer; }
.atlas-tiles input { margin: 0 4px 0 0; vertical-align: -2px; }
.atlas-tiles button:focus-visible, .atlas-tiles input:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
</style>"""


def legend_box(items: str) -> str:
    """The legend over the map (`items`: its <li> elements), behind a summary „Legende“. Open on wide maps; on
    maps narrower than 480 px (phones) closed at first, since open it would cover a third of the map and the
    names beneath it. Without JavaScript it stays open. The page shows the same legend as text or a table."""
    return ('<details class="atlas-legend-box" open><summary>Legende</summary>'
            f'<ul class="atlas-legend" aria-label="Legende">{items}</ul></details>\n'
            "<script>if (window.innerWidth < 480) { document.currentScript.previousElementSibling.open = false; }</script>")


def _legend(kinds: list[Kind]) -> str:
    items = []
    for kind in kinds:
        if kind in ("unit", "seat", "value"):
            colour = VALUE_COLOUR if kind == "value" else UNIT_COLOUR
            symbol = (f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">'
                      f'<circle cx="7" cy="7" r="5.5" fill="{colour}" fill-opacity="0.35" stroke="{colour}" stroke-width="2"/></svg>')
        else:
            symbol = _svg(kind, 14)
        items.append(f"<li>{symbol}{html.escape(LEGEND_TEXT[kind])}</li>")
    return legend_box("".join(items))


_ATTRIBUTION_LINK = re.compile(r"""<a\s+href\s*=\s*["']([^"'<>]*)["']\s*>([^<]*)</a>""", re.I)


def attribution_html(text: str) -> str:
    """The tiles' attribution as HTML for Leaflet: plain http(s) links survive, everything else is text.

    `map.tiles.attribution` may contain links (tile providers require them); Leaflet shows it as HTML,
    so any other markup (an image with onerror, a script, a javascript: link) must not reach it.
    """
    out, last = [], 0
    for match in _ATTRIBUTION_LINK.finditer(text):
        out.append(html.escape(clean_text(html.unescape(text[last : match.start()])), quote=False))
        href = safe_url(html.unescape(match.group(1)), ("http", "https"))
        label = html.escape(clean_text(html.unescape(match.group(2))), quote=False)
        out.append(f'<a href="{html.escape(href, quote=True)}">{label}</a>' if href else label)
        last = match.end()
    out.append(html.escape(clean_text(html.unescape(text[last:])), quote=False))
    return "".join(out)


def _tiles_control(tiles: Tiles, map_var: str) -> str:
    """The consent control: a note naming the provider, "Karte laden" and "Für diesen Besuch merken" (atlas-map.js)."""
    provider = html.escape(tiles.provider)
    config = {
        "url": tiles.url,
        "attribution": attribution_html(tiles.attribution),
        "maxZoom": tiles.max_zoom,
        "load": "Karte laden",
        "hide": "Hintergrundkarte ausblenden (Einwilligung widerrufen)",
    }
    data = html.escape(json.dumps(config, ensure_ascii=False, sort_keys=True), quote=True)
    return (
        f'<div class="atlas-tiles" id="atlas-tiles" role="group" aria-label="Hintergrundkarte" data-map="{map_var}" data-tiles="{data}">'
        f'<p id="atlas-tiles-note">Hintergrundkarte von {provider}: Erst nach Klick auf „Karte laden“ lädt Ihr Browser sie '
        f"von {provider}; dabei erhält {provider} Ihre IP-Adresse.</p>"
        f'<button type="button" aria-describedby="atlas-tiles-note">{config["load"]}</button>'
        '<label><input type="checkbox"> Für diesen Besuch merken</label></div>'
    )


# Leaflet's own control texts are English: German titles (also the buttons' accessible names, WCAG 3.1.2).
# Runs after leaflet.js and before the map is created.
_LEAFLET_GERMAN = """<script>
L.Control.Zoom.prototype.options.zoomInTitle = "Vergrößern";
L.Control.Zoom.prototype.options.zoomOutTitle = "Verkleinern";
L.Control.Attribution.prototype.options.prefix = 'Karte: <a href="https://leafletjs.com" title="Leaflet, eine JavaScript-Bibliothek für interaktive Karten">Leaflet</a>';
</script>"""
# A metric scale only (Leaflet shows miles and feet beside it by default), after the map is created.
_SCALE = "L.control.scale({imperial: false, metric: true, maxWidth: 120, position: \"bottomright\"}).addTo(%s);"
_CHARSET = re.compile(r'<meta http-equiv="content-type"[^>]*>', re.I)
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.S)
_EXTERNAL = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*"(?:https?:)?//', re.I)


def render_map(
    name: str,
    title: str,
    points: list[Point],
    bounds: Bounds,
    tiles: Tiles | None = None,
    base: basemap.Base | None = None,
) -> str:
    """A complete HTML document for `karten/<name>.html`. Same arguments → same bytes."""
    with deterministic_ids(name):
        m = new_map(name, bounds, tiles)
        for point in points:
            _add(m, point)
        m.fit_bounds(fit(points, bounds, base))
        document = m.get_root().render()
        map_var = m.get_name()
    kinds = [k for k in ("unit", "seat", "value", "centre", "offer") if any(p.kind == k for p in points)]
    return finish_document(document, name, title, map_var, tiles, _legend(kinds) if kinds else "", base=base)


def new_map(name: str, bounds: Bounds, tiles: Tiles | None) -> folium.Map:
    """A folium map without tiles that loads Leaflet from the site (call inside `deterministic_ids`)."""
    rel = asset_url(map_path(name), "")
    m = folium.Map(
        tiles=None,
        location=[(bounds.south + bounds.north) / 2, (bounds.west + bounds.east) / 2],
        zoom_start=9,
        max_zoom=tiles.max_zoom if tiles else 18,
        control_scale=False,  # finish_document adds a metric-only scale
        scrollWheelZoom=False,
        **({} if tiles else {"zoomSnap": 0.25}),  # without tiles the district may fill the frame (tiles want whole zoom levels)
    )
    m.default_js = [("leaflet", rel + f"{LEAFLET_DIR}/leaflet.js")]
    m.default_css = [("leaflet_css", rel + f"{LEAFLET_DIR}/leaflet.css")]
    return m


def finish_document(document: str, name: str, title: str, map_var: str, tiles: Tiles | None, extra_body: str, style: str = "",
                    base: basemap.Base | None = None) -> str:
    """Rendered folium HTML → the map document: language, title, legend, consent control, scale, boundaries
    and their credit (`base`), no foreign requests."""
    rel = asset_url(map_path(name), "")
    extra_end = f"<script>\n{_SCALE % map_var}\n</script>\n"
    if base is not None:
        extra_end += basemap.script(base, map_var)
        style += basemap.style()
        credit = basemap.attribution(base)
        if credit:
            credit_js = json.dumps(credit, ensure_ascii=False).replace("</", "<\\/")
            extra_end += f"<script>\n{map_var}.attributionControl.addAttribution({credit_js});\n</script>\n"
    if tiles is not None:
        extra_body = _tiles_control(tiles, map_var) + extra_body  # „Karte laden“ before the legend's summary
        extra_end += f'<script src="{rel}{MAP_SCRIPT}"></script>\n'
    document = document.replace("<html>", '<html lang="de">', 1)
    leaflet_tag = f'<script src="{rel}{LEAFLET_DIR}/leaflet.js"></script>'
    document = document.replace(leaflet_tag, f"{leaflet_tag}\n    {_LEAFLET_GERMAN}", 1)
    document = _CHARSET.sub(lambda m: f"{m.group(0)}\n    <title>{html.escape(clean_text('Karte: ' + title))}</title>", document, count=1)
    document = _VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1.0">', document, count=1)
    document = document.replace("</head>", f"{_STYLE}\n{style}{_TILES_STYLE if tiles else ''}</head>", 1)
    document = document.replace(
        f'<div class="folium-map" id="{map_var}" >',
        f'<div class="folium-map" id="{map_var}" role="region" aria-label="{html.escape("Karte: " + title, quote=True)}">',
        1,
    )
    document = document.replace("<body>", f"<body>\n{extra_body}", 1)
    # folium writes its scripts after </body>, where HTML allows none: they and ours close the body instead
    head, _, scripts = document.rpartition("</body>")
    document = head + scripts.replace("</html>", f"{extra_end}</body>\n</html>", 1)
    document = "\n".join(line.rstrip() for line in document.splitlines()) + "\n"
    if _EXTERNAL.search(document):
        raise RuntimeError(f"Karte {name}: ein Skript oder Stil würde von einem fremden Server geladen")
    return document


def fit(points: list[Point], bounds: Bounds, base: basemap.Base | None = None) -> list[list[float]]:
    """Bounds to show: with boundaries the focus areas or the district and the points (with a margin); else
    around the points, or the configured area without points."""
    if base is not None:
        return basemap.view(base, [(p.lat, p.lon) for p in points])
    if not points:
        return [[bounds.south, bounds.west], [bounds.north, bounds.east]]
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    pad_lat = max((north - south) * 0.1, 0.03)
    pad_lon = max((east - west) * 0.1, 0.05)
    return [[round(south - pad_lat, 5), round(west - pad_lon, 5)], [round(north + pad_lat, 5), round(east + pad_lon, 5)]]


# --------------------------------------------------------------------------------------------- static version


def render_static(title: str, points: list[Point], bounds: Bounds, base: basemap.Base | None = None, border: str = "Kreisgrenze") -> str:
    """The static SVG version of a point map (`karten/<name>.svg`): same symbols and legend."""
    from . import mapsvg

    marks = []
    for p in points:
        if p.kind in ("unit", "seat", "value"):
            colour = VALUE_COLOUR if p.kind == "value" else UNIT_COLOUR
            marks.append(mapsvg.Mark(p.lat, p.lon, "circle", _radius(p.kind, p.weight), colour, colour, p.label))
        elif p.kind == "centre":
            marks.append(mapsvg.Mark(p.lat, p.lon, "square", 6.5, CENTRE_FILL, CENTRE_LINE, p.label, fill_opacity=1.0))
        else:
            marks.append(mapsvg.Mark(p.lat, p.lon, "triangle", 6.5, OFFER_FILL, OFFER_LINE, p.label, fill_opacity=1.0))
    legend = []
    for kind in ("unit", "seat", "value", "centre", "offer"):
        if any(p.kind == kind for p in points):
            if kind in ("unit", "seat", "value"):
                colour = VALUE_COLOUR if kind == "value" else UNIT_COLOUR
                legend.append(mapsvg.Key("circle", LEGEND_TEXT[kind], colour, colour, 5.5, 0.35))
            elif kind == "centre":
                legend.append(mapsvg.Key("square", LEGEND_TEXT[kind], CENTRE_FILL, CENTRE_LINE, 6.0))
            else:
                legend.append(mapsvg.Key("triangle", LEGEND_TEXT[kind], OFFER_FILL, OFFER_LINE, 6.0))
    count = len(points)
    description = f"Statische Karte mit {counted(count, 'eingezeichneten Ort', 'eingezeichneten Orten')}; dieselben Angaben stehen als Text auf der Seite." if count else "Statische Karte ohne eingezeichnete Orte."
    view = None
    if base is not None:
        (south, west), (north, east) = fit(points, bounds, base)
        view = (west, south, east, north)
        description += f" Eingezeichnet sind die Grenzen der Sozialräume mit ihren Namen und die {border}."
    return mapsvg.render_svg(title, description, marks=marks, legend=legend, fallback=(bounds.west, bounds.south, bounds.east, bounds.north),
                             base=base, view=view, credit=base.credit if base else "")
