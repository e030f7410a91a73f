"""What every map shows without background tiles: the units' areas, the district's outline and the units' names.

`base_layer(boundaries, names, focus)` turns the boundaries of data/boundaries.geojson
(generator/model/boundaries.py) into a `Base`; `script(base, map_var)` draws it into a Leaflet map
(the map document of generator/visuals/maps.py), `mapsvg.render_svg(base=…)` into the static SVG version.

* The areas lie in a pane below the points (pane `atlasAreas`, z-index 350 < Leaflet's overlay pane):
  light fill, a thin outline, the name as tooltip; the units in `focus` (the unit of a profile, the
  members of a region) darker with a strong outline; once background tiles are shown (after consent,
  assets/atlas-map.js) the plain fills turn almost transparent. Thematic maps give every area its colour and
  tooltip (`styles`, `tooltips`): one Leaflet layer for all areas, not one folium object each.
* The district's outline lies above the areas and the choropleth (pane `atlasOutline`), the names
  above that (pane `atlasLabels`) but below the place markers; neither takes the pointer.
* The names stand at the pole of inaccessibility of each area (deep inside, not on a border). After
  every zoom or move they are placed again, largest areas first (the focus first): on their place where
  they fit, else moved beside it (`SHIFTS`) but with their middle still inside their own area; never over
  another name, the legend, a control, a square or a triangle, over a circle only where nothing else is
  left, never out of the map. A name without room is hidden (its area still names itself as tooltip, and
  the page lists every unit as text). The static version places them the same way, with an estimated
  text width.
* The credit of the boundaries goes into Leaflet's attribution (and below the static map).

Everything is plain data in the document (no request), sorted and rounded: same data, same bytes.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from ..core.markup import clean_text, safe_url
from ..model.boundaries import iter_points, label_point, outline_of

# Places for a name, in units of half its size plus a gap (see `script`): on its place, then the 8 directions, then farther.
SHIFTS = ((0, 0),) + tuple((d * x, d * y) for d in (1, 2) for x, y in ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1)))

AREA_FILL, AREA_LINE = "#e2e9f1", "#6c7f93"
FOCUS_FILL, FOCUS_LINE = "#c3d5e8", "#1f4e79"
OUTLINE = "#2b3440"
LABEL_TEXT = "#1a1a1a"


@dataclass(frozen=True)
class Label:
    unit: str
    name: str
    lat: float
    lon: float
    focus: bool = False


@dataclass(frozen=True)
class Base:
    areas: tuple[tuple[str, str, dict], ...]  # (unit id, tooltip text, geometry) in drawing order
    district: dict | None
    labels: tuple[Label, ...]  # in the order they are placed
    source: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    focus: tuple[str, ...] = ()
    styles: dict[str, dict] = field(default_factory=dict, compare=False, hash=False)  # unit id → Leaflet path style (thematic maps)
    geometries: dict[str, dict] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def credit(self) -> str:
        """`Grenzen: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0` or empty (as `Boundaries.credit`)."""
        parts = [p for p in (self.source, self.licence) if p]
        return "Grenzen: " + ", ".join(parts) if parts else ""


def base_layer(
    boundaries: Any,
    names: dict[str, str],
    focus: tuple[str, ...] | list[str] = (),
    *,
    styles: dict[str, dict] | None = None,
    tooltips: dict[str, str] | None = None,
    order: list[str] | None = None,
) -> Base | None:
    """The base of a map from `Boundaries` (unit id → geometry, with `district`, `label_points()`), or None without.

    A thematic map gives each area its `styles` and `tooltips` (unit id → …) and the `order` to draw them in
    (only these areas are drawn); otherwise every area is drawn plain, those in `focus` highlighted."""
    if not boundaries:
        return None
    focus = tuple(sorted(u for u in focus if u in boundaries))
    if hasattr(boundaries, "label_points"):
        points, by_size, district = boundaries.label_points(), boundaries.area_order(), boundaries.district
    else:  # a plain mapping of geometries
        points, by_size, district = {u: label_point(g) for u, g in boundaries.items()}, sorted(boundaries), outline_of(list(boundaries.values()))
    placing = [u for u in focus] + [u for u in by_size if u not in focus]
    labels = tuple(Label(u, names.get(u, u), *points[u], focus=u in focus) for u in placing if u in points)
    tips = tooltips or {}
    drawn = [u for u in order if u in boundaries] if order is not None else sorted(boundaries)
    return Base(
        areas=tuple((u, tips.get(u, names.get(u, u)), boundaries[u]) for u in drawn),
        district=district,
        labels=labels,
        source=getattr(boundaries, "source", None),
        licence=getattr(boundaries, "licence", None),
        licence_url=safe_url(getattr(boundaries, "licence_url", None), ("http", "https")),
        focus=focus,
        styles=dict(styles or {}),
        geometries=dict(boundaries),
    )


def view(base: Base, points: list[tuple[float, float]], pad_points: tuple[float, float] = (0.03, 0.05)) -> list[list[float]]:
    """[[south, west], [north, east]] to show: the focus areas (or the whole district) and every point with a margin."""
    shapes = [base.geometries[u] for u in base.focus if u in base.geometries] or ([base.district] if base.district else list(base.geometries.values()))
    lons = [p[0] for g in shapes for p in iter_points(g)]
    lats = [p[1] for g in shapes for p in iter_points(g)]
    if points:
        lats += [lat - pad_points[0] for lat, _ in points] + [lat + pad_points[0] for lat, _ in points]
        lons += [lon - pad_points[1] for _, lon in points] + [lon + pad_points[1] for _, lon in points]
    return [[round(min(lats), 5), round(min(lons), 5)], [round(max(lats), 5), round(max(lons), 5)]]


# --------------------------------------------------------------------------------------------- Leaflet


def attribution(base: Base) -> str:
    """The boundaries' credit as attribution HTML: text escaped, the licence linked when its address is known."""
    parts = [html.escape(clean_text(base.source), quote=False)] if base.source else []
    if base.licence:
        licence = html.escape(clean_text(base.licence), quote=False)
        parts.append(f'<a href="{html.escape(base.licence_url, quote=True)}">{licence}</a>' if base.licence_url else licence)
    return "Grenzen: " + ", ".join(parts) if parts else ""


def _json(value: Any) -> str:
    """JSON for a <script> element: no `</` and no line separators that could end it or the string early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_SCRIPT = """(function (map, base) {
  "use strict";
  function pane(name, z) {
    var p = map.createPane(name);
    p.style.zIndex = z;
    if (name !== "atlasAreas") { p.style.pointerEvents = "none"; }
    return name;
  }
  var areasPane = pane("atlasAreas", 350), outlinePane = pane("atlasOutline", 450), labelPane = pane("atlasLabels", 460);
  if (base.areas.features.length) {
    L.geoJSON(base.areas, {
      pane: areasPane,
      className: base.plain ? "atlas-area atlas-area--plain" : "atlas-area",
      style: function (f) { return f.properties.style || (f.properties.focus ? base.styles.focus : base.styles.area); },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.label, { sticky: true }); }
    }).addTo(map);
  }
  // every area's path knows its unit: a name moved off its place must stay inside its own area
  map.eachLayer(function (layer) {
    var unit = layer.feature && layer.feature.properties && layer.feature.properties.unit;
    if (unit && layer.getElement && layer.getElement()) { layer.getElement().setAttribute("data-unit", unit); }
  });
  if (base.district) {
    L.geoJSON(base.district, { pane: outlinePane, className: "atlas-outline", interactive: false, style: base.styles.outline }).addTo(map);
  }
  var labels = base.labels.map(function (l) {
    return L.marker([l[0], l[1]], {
      pane: labelPane, interactive: false, keyboard: false,
      icon: L.divIcon({ className: l[3] ? "atlas-label atlas-label--focus" : "atlas-label", html: l[2], iconSize: null })
    }).addTo(map);
  });
  function inside(unit, x, y) {
    var hits = document.elementsFromPoint(x, y);
    for (var i = 0; i < hits.length; i++) {
      var own = hits[i].getAttribute && hits[i].getAttribute("data-unit");
      if (own) { return own === unit; }
    }
    return false;
  }
  // Where a name may stand: on its place, else just above, below, right, left of it or diagonally, then farther off.
  var shifts = %(shifts)s;
  function boxes(selector, root) {
    return Array.prototype.slice.call(root.querySelectorAll(selector)).map(function (el) {
      var r = el.getBoundingClientRect();
      return { left: r.left - 1, right: r.right + 1, top: r.top - 1, bottom: r.bottom + 1, width: r.width };
    }).filter(function (b) { return b.width > 0; });
  }
  function free(box, frame, taken) {
    return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom &&
      taken.every(function (o) { return box.right <= o.left || box.left >= o.right || box.bottom <= o.top || box.top >= o.bottom; });
  }
  function declutter() {
    var frame = map.getContainer().getBoundingClientRect();
    // never over the legend, the consent box, a control, a place's square or triangle, or another name;
    // over a seat's circle only where no other place is left
    var hard = boxes(".atlas-legend-box, .atlas-tiles, .leaflet-control", document).concat(boxes(".leaflet-marker-icon", map.getPane("markerPane")));
    var soft = boxes(".atlas-point", map.getContainer());
    var todo = labels.map(function (marker, n) {
      var el = marker.getElement();
      var text = el && el.firstChild;
      if (!text) { return null; }
      text.style.visibility = "";
      text.style.marginLeft = text.style.marginTop = "0px";
      return { text: text, rect: text.getBoundingClientRect(), unit: base.labels[n][4], placed: false };
    }).filter(Boolean);
    // first every name that fits on its own place, then the others moved; each pass in the names' order
    [[1, true], [1, false], [shifts.length, true], [shifts.length, false]].forEach(function (pass) {
      todo.forEach(function (l) {
        if (l.placed) { return; }
        var taken = pass[1] ? hard.concat(soft) : hard, r = l.rect;
        for (var i = 0; i < pass[0] && !l.placed; i++) {
          var dx = shifts[i][0] * (r.width / 2 + 10), dy = shifts[i][1] * (r.height / 2 + 10);
          var box = { left: r.left + dx - 3, right: r.right + dx + 3, top: r.top + dy - 2, bottom: r.bottom + dy + 2 };
          if (free(box, frame, taken) && (i === 0 || inside(l.unit, (box.left + box.right) / 2, (box.top + box.bottom) / 2))) {
            l.placed = true;
            l.text.style.marginLeft = dx + "px";
            l.text.style.marginTop = dy + "px";
            hard.push(box);
          }
        }
      });
    });
    todo.forEach(function (l) { l.text.style.visibility = l.placed ? "" : "hidden"; });
  }
  map.on("zoomend moveend resize", declutter);
  var legendBox = document.querySelector(".atlas-legend-box");
  if (legendBox) { legendBox.addEventListener("toggle", declutter); }  // names move out from under an opened legend
  declutter();
  window.addEventListener("load", declutter);  // again once the fonts are there: names may have grown
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(declutter); }
})(%(map)s, %(data)s);"""

_STYLE = """<style>
.atlas-label { width: 0 !important; height: 0 !important; background: none; border: 0; }
.atlas-label > span { position: absolute; left: 0; top: 0; transform: translate(-50%, -50%); display: block;
  width: max-content; max-width: 8.5em; text-align: center; font-size: 12px; line-height: 1.15; font-weight: 600;
  color: LABEL_TEXT; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 1px 1px 0 #fff, -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff; }
.atlas-label--focus > span { font-size: 13px; font-weight: 700; }
@media (max-width: 480px) { .atlas-label > span { font-size: 11px; } .atlas-label--focus > span { font-size: 12px; } }
.atlas-tiles--shown ~ .folium-map path.atlas-area--plain { fill-opacity: 0.15; }
</style>
""".replace("LABEL_TEXT", LABEL_TEXT)


def style() -> str:
    """CSS for the names (in the map document's head)."""
    return _STYLE


def script(base: Base, map_var: str) -> str:
    """The `<script>` that draws `base` into the Leaflet map `map_var` (after the map is created)."""
    areas = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"label": _tooltip(name), "focus": unit_id in base.focus, "unit": unit_id,
                                               **({"style": base.styles[unit_id]} if unit_id in base.styles else {})}, "geometry": geometry}
            for unit_id, name, geometry in base.areas
        ],
    }
    data = {
        "plain": not base.styles,
        "areas": areas,
        "district": {"type": "Feature", "properties": {}, "geometry": base.district} if base.district else None,
        "labels": [[label.lat, label.lon, f"<span>{html.escape(clean_text(label.name), quote=True)}</span>", label.focus, label.unit]
                   for label in base.labels],
        "styles": {
            "area": {"color": AREA_LINE, "weight": 1, "fillColor": AREA_FILL, "fillOpacity": 0.75},
            "focus": {"color": FOCUS_LINE, "weight": 2.5, "fillColor": FOCUS_FILL, "fillOpacity": 0.85},
            "outline": {"color": OUTLINE, "weight": 2.5, "fill": False},
        },
    }
    return "<script>\n" + _SCRIPT % {"map": map_var, "data": _json(data), "shifts": _json([list(s) for s in SHIFTS])} + "\n</script>\n"


def _tooltip(text: str) -> str:
    return html.escape(clean_text(text), quote=True)


# --------------------------------------------------------------------------------------------- static


def label_width(name: str, size: float) -> float:
    """Estimated width of a name in px (semibold sans-serif): narrow and wide letters roughly counted."""
    narrow = sum(1 for c in name if c in "iljtfrI.,:;()/ ")
    wide = sum(1 for c in name if c in "mwMWÖÄÜOQGDHNU")
    return size * (0.58 * (len(name) - narrow - wide) + 0.33 * narrow + 0.82 * wide)
