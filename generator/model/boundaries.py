"""Boundaries of the units for thematic maps: `data/boundaries.geojson`, read and checked.

The file is optional. `atlas import-boundaries` writes it from official data (generator/importers/boundaries.py):
a GeoJSON FeatureCollection in WGS84 with one feature per line: one per unit with properties `id` (unit id),
`key` and `name`, and one for the outline of the district with `"kind": "district"` (and the district's
`id`, `key`, `name`). Optional top-level members say where the areas come from (the Impressum and every
map name them): `source` (the credit the licence asks for, e.g. „© GeoBasis-DE / BKG 2021 (Daten
verändert)“), `licence` (e.g. `dl-de/by-2-0`; without `licence_url` the address of the atlas' own licence
when it is the same), `licence_url` and `dataset` (body and data set, e.g. „Bundesamt für Kartographie und
Geodäsie (BKG), Verwaltungsgebiete 1 : 5 000 000 (VG5000), Stand 01.01.2021“). A file without the
district feature gets the outline as the union of the unit areas. Without the file the maps show the
seats only and the indicator maps show proportional circles there.

`load_boundaries(data_dir, atlas)` returns (unit id → GeoJSON geometry, problems). Problems name the
file and line (German): invalid JSON, unknown unit ids, keys that do not match the unit, geometries
that are not (valid) polygons or lie outside the map area, units without a geometry, duplicates.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from ..core.problems import Problem, display_path
from .atlas import Atlas

BOUNDARIES_FILE = "boundaries.geojson"
POLYGONAL = ("Polygon", "MultiPolygon")
_HINT = "; die Datei wird mit „atlas import-boundaries DATEI“ aus amtlichen Grenzen erzeugt"


DISTRICT_KIND = "district"  # `properties.kind` of the district's outline


class Boundaries(dict):
    """unit id → GeoJSON geometry (Polygon/MultiPolygon in WGS84), plus the district's outline and the credit of the source."""

    def __init__(
        self,
        geometries: dict[str, dict],
        source: str | None = None,
        licence: str | None = None,
        *,
        district: dict | None = None,
        licence_url: str | None = None,
        dataset: str | None = None,
    ) -> None:
        super().__init__(sorted(geometries.items()))
        self.source = source
        self.licence = licence
        self.licence_url = licence_url
        self.dataset = dataset
        self.district = district if district is not None else outline_of(list(self.values()))
        self._labels: dict[str, tuple[float, float]] | None = None

    @property
    def credit(self) -> str:
        """`Grenzen: © GeoBasis-DE / BKG (2021), dl-de/by-2-0` or empty."""
        parts = [p for p in (self.source, self.licence) if p]
        return "Grenzen: " + ", ".join(parts) if parts else ""

    def label_points(self) -> dict[str, tuple[float, float]]:
        """unit id → (lat, lon) of the place for its name: deep inside its largest part (computed once)."""
        if self._labels is None:
            self._labels = {unit_id: label_point(geometry) for unit_id, geometry in self.items()}
        return self._labels

    def area_order(self) -> list[str]:
        """Unit ids, largest area first (names of big areas are placed first, small ones where room is left)."""
        import shapely.geometry

        sizes = {unit_id: shapely.geometry.shape(g).area for unit_id, g in self.items()}
        return sorted(sizes, key=lambda unit_id: (-round(sizes[unit_id], 9), unit_id))


def load_boundaries(data_dir: Path, atlas: Atlas) -> tuple[Boundaries | None, list[Problem]]:
    """Read `data_dir/boundaries.geojson`; (None, []) when the file does not exist."""
    path = Path(data_dir) / BOUNDARIES_FILE
    if not path.is_file():
        return None, []
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 1, f"Die Datei kann nicht gelesen werden (kein UTF-8-Text?): {exc.__class__.__name__}{_HINT}")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(shown, exc.lineno, f"Kein gültiges JSON: {_json_reason(exc.msg)} (Spalte {exc.colno}){_HINT}")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return None, [Problem(shown, 1, "Die Datei muss eine GeoJSON-FeatureCollection mit einer Liste „features“ sein" + _HINT)]
    lines = _feature_lines(text)
    problems: list[Problem] = []
    units = atlas.municipalities
    bounds = atlas.config.map.bounds
    geometries: dict[str, dict] = {}
    first_line: dict[str, int] = {}
    district: dict | None = None
    for number, feature in enumerate(data["features"], start=1):
        line = lines[number - 1] if number - 1 < len(lines) else 1
        props = feature.get("properties") if isinstance(feature, dict) else None
        unit_id = props.get("id") if isinstance(props, dict) else None
        where = f"Gebiet Nr. {number}"
        if isinstance(props, dict) and props.get("kind") == DISTRICT_KIND:
            reason = _district_problem(feature, atlas, district is not None, bounds)
            if reason is not None:
                problems.append(Problem(shown, line, f"{where} (Umriss des Kreises): {reason}"))
            else:
                district = feature["geometry"]
            continue
        if not isinstance(unit_id, str) or not unit_id:
            problems.append(Problem(shown, line, f"{where}: Eigenschaft „id“ (Kennung des Sozialraums) fehlt"))
            continue
        unit = units.get(unit_id)
        if unit is None:
            known = ", ".join(sorted(units)) or "keine"
            problems.append(Problem(shown, line, f"{where}: unbekannter Sozialraum „{unit_id}“ – es gibt keine Datei municipalities/{unit_id}.yaml (bekannt: {known})"))
            continue
        if unit_id in first_line:
            problems.append(Problem(shown, line, f"{where}: Sozialraum „{unit_id}“ hat schon eine Fläche in Zeile {first_line[unit_id]}"))
            continue
        first_line[unit_id] = line
        key = props.get("key")
        if key is not None and str(key) != unit.key:
            problems.append(Problem(shown, line, f"{where} ({unit.name}): Schlüssel „{key}“ passt nicht zum Schlüssel „{unit.key}“ in municipalities/{unit_id}.yaml"))
        geometry = feature.get("geometry")
        reason = _geometry_problem(geometry)
        if reason is None and not _inside(geometry, bounds):
            reason = (f"liegt nicht im Kartenausschnitt (Breite {bounds.south} bis {bounds.north}, Länge {bounds.west} bis {bounds.east}); "
                      "sind die Koordinaten nicht in WGS84 (Länge, Breite)?")
        if reason is not None:
            problems.append(Problem(shown, line, f"{where} ({unit.name}): {reason}"))
            continue
        geometries[unit_id] = geometry
    for unit_id, unit in units.items():
        if unit_id not in first_line:
            problems.append(Problem(shown, 1, f"Für den Sozialraum „{unit.name}“ ({unit_id}, Schlüssel {unit.key}) fehlt eine Fläche{_HINT}"))
    if problems:
        return None, sorted(set(problems))

    def text(name: str) -> str | None:
        value = data.get(name)
        return value if isinstance(value, str) and value.strip() else None

    licence, licence_url = text("licence"), text("licence_url")
    own = atlas.config.licence  # the atlas' own licence (atlas.yaml) gives the address when the file names the same one
    if licence_url is None and licence is not None and licence in (own.id, own.name):
        licence_url = own.url
    return Boundaries(geometries, text("source"), licence, district=district, licence_url=licence_url, dataset=text("dataset")), []


def _district_problem(feature: dict, atlas: Atlas, seen: bool, bounds: Any) -> str | None:
    """Why the district's outline feature is not usable, or None."""
    if seen:
        return "der Kreis hat schon einen Umriss; die Datei darf nur einen enthalten"
    key = feature["properties"].get("key")
    if key is not None and str(key) != atlas.district.key:
        return f"Schlüssel „{key}“ passt nicht zum Kreisschlüssel „{atlas.district.key}“ in district.yaml"
    geometry = feature.get("geometry")
    reason = _geometry_problem(geometry)
    if reason is None and not _inside(geometry, bounds):
        reason = "liegt nicht im Kartenausschnitt; sind die Koordinaten nicht in WGS84 (Länge, Breite)?"
    return reason


def outline_of(geometries: list[dict]) -> dict | None:
    """The outline of areas as a GeoJSON geometry (their union, 5 decimals), or None without areas."""
    if not geometries:
        return None
    import shapely
    import shapely.geometry

    union = shapely.union_all([shapely.geometry.shape(g) for g in geometries])
    union = shapely.make_valid(shapely.set_precision(union, 1e-5))
    polygons = [p for p in getattr(union, "geoms", [union]) if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        return None

    def ring(coords: Any) -> list[list[float]]:
        return [[round(x, 5), round(y, 5)] for x, y, *_ in coords]

    shapes = sorted(polygons, key=lambda p: (-p.area, p.bounds))
    rings = [[ring(p.exterior.coords)] + [ring(r.coords) for r in p.interiors] for p in shapes]
    return {"type": "Polygon", "coordinates": rings[0]} if len(rings) == 1 else {"type": "MultiPolygon", "coordinates": rings}


def label_point(geometry: dict) -> tuple[float, float]:
    """(lat, lon) of a point deep inside the largest polygon of a geometry (pole of inaccessibility), 5 decimals."""
    import shapely.geometry
    from shapely.ops import polylabel

    polygons = polygons_of(geometry)
    lat0 = sum(p[1] for p in polygons[0][0]) / len(polygons[0][0])
    k = math.cos(math.radians(lat0))  # longitude degrees → lengths comparable to latitude degrees

    def scaled(polygon: list) -> Any:
        return shapely.geometry.Polygon([(x * k, y) for x, y, *_ in polygon[0]], [[(x * k, y) for x, y, *_ in r] for r in polygon[1:]])

    largest = max((scaled(p) for p in polygons), key=lambda p: p.area)
    point = polylabel(largest.buffer(0) if not largest.is_valid else largest, tolerance=0.001)
    return round(point.y, 5), round(point.x / k, 5)


def _json_reason(msg: str) -> str:
    known = {
        "Expecting value": "Wert erwartet",
        "Expecting ',' delimiter": "Komma erwartet",
        "Expecting property name enclosed in double quotes": "Name in doppelten Anführungszeichen erwartet",
        "Extra data": "zusätzlicher Text nach dem Ende",
        "Unterminated string starting at": "Zeichenkette ohne Ende",
    }
    return known.get(msg, msg)


_FEATURE = re.compile(r'"type"\s*:\s*"Feature"')


def _feature_lines(text: str) -> list[int]:
    """Line number of every feature, in order (the file has one feature per line; hand-edited files may differ)."""
    return [number for number, line in enumerate(text.splitlines(), start=1) for _ in _FEATURE.finditer(line)]


def _geometry_problem(geometry: Any) -> str | None:
    """Why a geometry is not a usable polygon, or None."""
    if not isinstance(geometry, dict) or "type" not in geometry:
        return "Geometrie fehlt"
    kind = geometry["type"]
    if kind not in POLYGONAL:
        return f"die Geometrie ist keine Fläche (Polygon oder MultiPolygon), sondern {kind}"
    polygons = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        return "die Geometrie hat keine Koordinaten"
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "ein Polygon hat keine Ringe"
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return "ein Ring hat weniger als vier Punkte"
            for point in ring:
                if not (isinstance(point, list) and len(point) >= 2 and all(_number(c) for c in point[:2])):
                    return f"ungültiger Punkt {json.dumps(point)[:40]}"
            if ring[0][:2] != ring[-1][:2]:
                return "ein Ring ist nicht geschlossen (erster und letzter Punkt verschieden)"
    try:
        import shapely.geometry

        shape = shapely.geometry.shape(geometry)
        if not shape.is_valid:
            import shapely.validation

            return f"die Fläche ist ungültig ({shapely.validation.explain_validity(shape)}); bitte neu importieren"
    except Exception as exc:  # noqa: BLE001 – any failure of the geometry library is a data problem here
        return f"die Fläche ist ungültig ({exc})"
    return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _inside(geometry: dict, bounds: Any) -> bool:
    """Whether the geometry's points lie in the map area (with a margin of a quarter of its size)."""
    pad_lat = (bounds.north - bounds.south) * 0.25
    pad_lon = (bounds.east - bounds.west) * 0.25
    for lon, lat in iter_points(geometry):
        if not (bounds.south - pad_lat <= lat <= bounds.north + pad_lat and bounds.west - pad_lon <= lon <= bounds.east + pad_lon):
            return False
    return True


def iter_points(geometry: dict):
    """(lon, lat) of every position of a Polygon/MultiPolygon geometry."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            for point in ring:
                yield point[0], point[1]


def polygons_of(geometry: dict) -> list[list[list[list[float]]]]:
    """The polygons (lists of rings) of a Polygon/MultiPolygon geometry."""
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
