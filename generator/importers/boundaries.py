"""`atlas import-boundaries FILE`: official boundaries → `data/boundaries.geojson` for the thematic maps.

Reads GeoJSON or a Shapefile (generator/importers/geofile.py), e.g. the BKG layers VG250/VG5000 `VWG`
(Verwaltungsgemeinschaften: Ämter and amtsfreie Gemeinden, keyed by a 9-digit ARS) or `GEM`
(Gemeinden, 12-digit ARS and 8-digit AGS), and matches the features to the atlas units by their own
keys (generator/importers/boundary_keys.py: never by the seat key `SDV_ARS`; a Kreis-level file is refused
with a message that names the key column, the keys found and the unit keys expected).

Geometries are made valid, joined, simplified in metres
(`shapely.coverage_simplify` keeps shared borders shared; plain topology-preserving simplification
where the areas do not form a clean coverage), reprojected to WGS84, rounded to 5 decimals (≈ 1 m)
and oriented as RFC 7946 asks. The outline of the district is the union of the simplified unit areas
(so that it follows their shared borders exactly), written as one more feature with `"kind":
"district"`: one command gives a new district every boundary its maps draw. The output has one
feature per line, the units sorted by id, the district last, and is written atomically; its head
carries the credit (`--source`), the licence (`--licence`, `--licence-url`) and the data set
(`--dataset`). Any mismatch raises `ImportFailed` with German messages; nothing is written then. An
existing output file is replaced only with `replace=True` (`--replace`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.atomic import write_atomic
from ..core.formatting import fmt_number, plural
from ..core.problems import display_path
from ..model.boundaries import BOUNDARIES_FILE, DISTRICT_KIND
from .boundary_keys import ImportFailed, choose, feature_name
from .geofile import GeoFileError, read_geofile

DEFAULT_TOLERANCE = 100.0  # metres: well below what a district map at zoom 9–11 can show
PRECISION = 5  # decimals of longitude/latitude (≈ 1 m)
WATER = {"1", "2"}  # VG250 `GF`: 1/2 = water areas (sea, Bodensee), 3/4 = land


@dataclass
class ImportReport:
    output: Path
    key: str
    units: int
    joined: list[str]  # names of Ämter put together from their Gemeinden
    outside: int
    unassigned: list[str]
    water: int
    vertices_before: int
    vertices: int
    size: int
    method: str
    outline_vertices: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{plural(self.units, 'Sozialraum', 'Sozialräume')} zugeordnet (Schlüsselspalte {self.key})."]
        if self.joined:
            out.append(f"{plural(len(self.joined), 'Sozialraum', 'Sozialräume')} aus den Flächen der Mitgliedsgemeinden zusammengesetzt: {', '.join(self.joined)}.")
        if self.outside:
            out.append(f"{plural(self.outside, 'Gebiet', 'Gebiete')} außerhalb des Atlas übersprungen.")
        if self.water:
            out.append(f"{plural(self.water, 'Wasserfläche', 'Wasserflächen')} (GF 1 oder 2) übersprungen.")
        if self.unassigned:
            one = len(self.unassigned) == 1
            out.append(f"{plural(len(self.unassigned), 'Gebiet', 'Gebiete')} im Atlasgebiet {'passt' if one else 'passen'} über {'seinen' if one else 'ihre'} "
                       f"Schlüssel zu keinem Sozialraum und {'wurde' if one else 'wurden'} nicht übernommen: {', '.join(self.unassigned)}.")
        out.append(f"Vereinfacht ({self.method}): {fmt_number(self.vertices_before)} → {fmt_number(self.vertices)} Punkte.")
        out.append(f"Umriss des Kreises aus den Sozialräumen: {fmt_number(self.outline_vertices)} Punkte.")
        out += self.notes
        out.append(f"Geschrieben: {self.output} ({fmt_number(self.size / 1024, 1)} kB).")
        return out


# --------------------------------------------------------------------------------------------- geometry


def _transformer(source: Any, target: Any) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def _apply(transformer: Any, geometry: Any) -> Any:
    import numpy as np
    import shapely

    def move(coords: Any) -> Any:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, move)


def _polygonal(geometry: Any) -> Any:
    import shapely
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon

    geometry = shapely.make_valid(geometry)
    if isinstance(geometry, GeometryCollection):
        parts = [g for g in geometry.geoms if isinstance(g, (Polygon, MultiPolygon))]
        geometry = shapely.union_all(parts) if parts else Polygon()
    return geometry


def simplify(geometries: list[Any], tolerance: float) -> tuple[list[Any], str]:
    """Simplify a coverage of areas in metres; (geometries, description of the method)."""
    import shapely

    if tolerance <= 0:
        return geometries, "ohne Vereinfachung"
    if hasattr(shapely, "coverage_simplify") and shapely.coverage_is_valid(geometries):
        simplified = list(shapely.coverage_simplify(geometries, tolerance))
        return [_polygonal(g) for g in simplified], f"Toleranz {fmt_number(tolerance)} m, gemeinsame Grenzen bleiben gemeinsam"
    simplified = [_polygonal(g.simplify(tolerance, preserve_topology=True)) for g in geometries]
    return simplified, f"Toleranz {fmt_number(tolerance)} m, jede Fläche für sich"


def _finish(geometry: Any) -> Any:
    """WGS84 geometry → rounded to the output precision, valid, exterior rings counter-clockwise."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    geometry = _polygonal(shapely.set_precision(geometry, 10 ** -PRECISION))
    polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    polygons = [orient(p, 1.0) for p in polygons if isinstance(p, Polygon) and not p.is_empty]
    polygons.sort(key=lambda p: (-p.area, p.bounds))
    return MultiPolygon(polygons) if len(polygons) != 1 else polygons[0]


def _coords(ring: Any) -> list[list[float]]:
    return [[round(x, PRECISION), round(y, PRECISION)] for x, y in ring.coords]


def geojson_geometry(geometry: Any) -> dict:
    from shapely.geometry import Polygon

    def rings(p: Any) -> list:
        return [_coords(p.exterior)] + [_coords(r) for r in p.interiors]

    if isinstance(geometry, Polygon):
        return {"type": "Polygon", "coordinates": rings(geometry)}
    return {"type": "MultiPolygon", "coordinates": [rings(p) for p in geometry.geoms]}


# --------------------------------------------------------------------------------------------- main


def import_boundaries(
    source: Path,
    data_dir: Path,
    output: Path | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    layer: str | None = None,
    key: str | None = None,
    credit: str | None = None,
    licence: str | None = None,
    licence_url: str | None = None,
    dataset: str | None = None,
    replace: bool = False,
) -> ImportReport:
    """Import `source` for the atlas in `data_dir`; raises ImportFailed (nothing written) on any problem.

    An existing output file is kept unless `replace` (`--replace`): boundaries imported before are not lost by accident.
    """
    import shapely
    from pyproj import CRS

    from ..check.validate import validate

    atlas, problems = validate(data_dir, with_boundaries=False)
    if atlas is None:
        raise ImportFailed(["Die Daten des Atlas enthalten Fehler; bitte zuerst „atlas check“ ausführen und sie beheben:"] + [str(p) for p in problems])
    if tolerance < 0:
        raise ImportFailed(["Die Toleranz (--tolerance) darf nicht negativ sein"])
    target = Path(output) if output else Path(data_dir) / BOUNDARIES_FILE
    if target.exists() and not replace:
        raise ImportFailed([f"{display_path(target)} gibt es schon; die vorhandenen Grenzen werden nur mit --replace ersetzt "
                            "(oder mit --output DATEI in eine andere Datei schreiben)"])
    try:
        geo = read_geofile(Path(source), layer)
    except GeoFileError as exc:
        raise ImportFailed([str(exc)]) from None
    if not geo.features:
        raise ImportFailed([f"{geo.name}: die Datei enthält keine Gebiete"])
    water = 0
    if any("GF" in f.properties for f in geo.features):
        land = [f for f in geo.features if str(f.properties.get("GF", "")).strip() not in WATER]
        water = len(geo.features) - len(land)
        geo.features = land
    matching = choose(atlas, geo, key)

    # work in metres around the district's centre (azimuthal equidistant: no zone to choose)
    used = [f.geometry for feats in matching.units.values() for f in feats]
    minx, miny, maxx, maxy = shapely.total_bounds(used)
    lon, lat = _transformer(geo.crs, CRS.from_epsg(4326)).transform((minx + maxx) / 2, (miny + maxy) / 2)
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat:.4f} +lon_0={lon:.4f} +datum=WGS84 +units=m +no_defs")
    to_metres = _transformer(geo.crs, local)
    to_wgs84 = _transformer(local, CRS.from_epsg(4326))
    ids = sorted(matching.units)
    areas = [_polygonal(shapely.union_all([_polygonal(_apply(to_metres, f.geometry)) for f in matching.units[i]])) for i in ids]
    before = int(sum(shapely.get_num_coordinates(areas)))
    simplified, method = simplify(areas, tolerance)
    finished = [_finish(_apply(to_wgs84, g)) for g in simplified]
    empty = [atlas.municipalities[i].name for i, g in zip(ids, finished) if g.is_empty]
    if empty:
        raise ImportFailed([f"Nach der Vereinfachung bleibt von {', '.join(empty)} keine Fläche übrig; bitte eine kleinere --tolerance wählen"])
    outline = _finish(_apply(to_wgs84, _outline(simplified)))

    head: dict[str, Any] = {"type": "FeatureCollection"}
    credit = credit or geo.attribution
    licence = licence or geo.licence
    for name, value in (("source", credit), ("licence", licence), ("licence_url", licence_url), ("dataset", dataset)):
        if value and value.strip():
            head[name] = value.strip()
    district = atlas.district
    features = [{"type": "Feature", "properties": {"id": unit_id, "key": atlas.municipalities[unit_id].key, "name": atlas.municipalities[unit_id].name},
                 "geometry": geojson_geometry(geometry)} for unit_id, geometry in zip(ids, finished)]
    features.append({"type": "Feature", "properties": {"id": district.id, "key": district.key, "name": district.name, "kind": DISTRICT_KIND},
                     "geometry": geojson_geometry(outline)})
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [']
    for n, feature in enumerate(features):
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + ("," if n < len(features) - 1 else ""))
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    write_atomic(target, text.encode("utf-8"))
    notes = []
    if not credit:
        notes.append("Hinweis: die Datei nennt keine Quelle; bitte mit --source angeben, z. B. „© GeoBasis-DE / BKG (2024)“ (Pflicht bei dl-de/by-2-0).")
    return ImportReport(
        output=target, key=matching.prop, units=len(ids), joined=sorted(matching.joined), outside=matching.outside,
        unassigned=sorted(feature_name(f) for f in matching.unassigned), water=water, vertices_before=before,
        vertices=int(sum(shapely.get_num_coordinates(finished))), size=len(text.encode("utf-8")), method=method,
        outline_vertices=int(shapely.get_num_coordinates(outline)), notes=notes,
    )


def _outline(areas: list[Any]) -> Any:
    """The district's outline in metres: the union of the unit areas, without slivers and pinholes between them.

    Areas that do not quite touch (a layer that is no clean coverage) would leave hairline gaps in the
    union; closing by 1 m and back removes them without moving the outer border.
    """
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    union = _polygonal(shapely.union_all(areas))
    closed = _polygonal(union.buffer(1.0, join_style="mitre").buffer(-1.0, join_style="mitre"))
    polygons = list(closed.geoms) if isinstance(closed, MultiPolygon) else [closed]
    kept = [Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area > 10_000]) for p in polygons if p.area > 10_000]  # < 1 ha: noise
    return _polygonal(shapely.union_all(kept)) if kept else union
