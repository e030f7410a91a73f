"""Boundaries of the units for thematic maps: `data/boundaries.geojson`, read and checked.

The file is optional. `atlas import-boundaries` writes it from official data (generator/importers/boundaries.py):
a GeoJSON FeatureCollection in WGS84 with one feature per line, properties `id` (unit id), `key` and
`name`, and optional top-level `source` and `licence` (credit for the map legend and the page).
Without the file the indicator maps show proportional circles at the seats.

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


class Boundaries(dict):
    """unit id → GeoJSON geometry (Polygon/MultiPolygon in WGS84), plus the credit of the source."""

    def __init__(self, geometries: dict[str, dict], source: str | None = None, licence: str | None = None) -> None:
        super().__init__(sorted(geometries.items()))
        self.source = source
        self.licence = licence

    @property
    def credit(self) -> str:
        """`Grenzen: © GeoBasis-DE / BKG (2021), dl-de/by-2-0` or empty."""
        parts = [p for p in (self.source, self.licence) if p]
        return "Grenzen: " + ", ".join(parts) if parts else ""


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
    for number, feature in enumerate(data["features"], start=1):
        line = lines[number - 1] if number - 1 < len(lines) else 1
        props = feature.get("properties") if isinstance(feature, dict) else None
        unit_id = props.get("id") if isinstance(props, dict) else None
        where = f"Gebiet Nr. {number}"
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
    source, licence = data.get("source"), data.get("licence")
    return Boundaries(geometries, source if isinstance(source, str) else None, licence if isinstance(licence, str) else None), []


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
