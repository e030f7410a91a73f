"""`atlas import-boundaries FILE`: official boundaries → `data/boundaries.geojson` for the thematic maps.

Reads GeoJSON or a Shapefile (generator/importers/geofile.py), e.g. the BKG layers VG250/VG5000 `VWG`
(Verwaltungsgemeinschaften: Ämter and amtsfreie Gemeinden, keyed by a 9-digit ARS) or `GEM`
(Gemeinden, 12-digit ARS and 8-digit AGS), and matches the features to the atlas units:

* a Stadt or amtsfreie Gemeinde (8-digit AGS) ← the feature with that AGS, or with a 12-digit ARS
  whose AGS part (`ARS[0:5] + ARS[9:12]`) matches, or with a 9-digit ARS of a verbandsfreie Gemeinde
  (`ARS[5] == "0"`, AGS = `ARS[0:5] + ARS[6:9]`);
* an Amt (9-digit key) ← the feature with that ARS, or the union of its member Gemeinden (`members[].ags`)
  when the file is a Gemeinde layer.

The key column is found by its values (the column that matches most units; ties in the order of
`KEY_PREFERENCE`), or given with `--key`. Geometries are made valid, joined, simplified in metres
(`shapely.coverage_simplify` keeps shared borders shared; plain topology-preserving simplification
where the areas do not form a clean coverage), reprojected to WGS84, rounded to 5 decimals (≈ 1 m)
and oriented as RFC 7946 asks. The outline of the district is the union of the simplified unit areas
(so that it follows their shared borders exactly), written as one more feature with `"kind":
"district"`: one command gives a new district every boundary its maps draw. The output has one
feature per line, the units sorted by id, the district last, and is written atomically; its head
carries the credit (`--source`), the licence (`--licence`, `--licence-url`) and the data set
(`--dataset`). Any mismatch raises `ImportFailed` with German messages; nothing is written then.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.formatting import fmt_number
from ..model.boundaries import BOUNDARIES_FILE, DISTRICT_KIND
from .geofile import GeoFile, GeoFileError, SourceFeature, read_geofile

DEFAULT_TOLERANCE = 100.0  # metres: well below what a district map at zoom 9–11 can show
PRECISION = 5  # decimals of longitude/latitude (≈ 1 m)
KEY_PREFERENCE = ("ARS", "AGS", "RS", "ARS_0", "AGS_0", "RS_0", "GKZ", "GEM_SCHL", "SCHLUESSEL", "SDV_ARS", "SDV_RS")
WATER = {"1", "2"}  # VG250 `GF`: 1/2 = water areas (sea, Bodensee), 3/4 = land


class ImportFailed(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


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
        out = [f"{self.units} Sozialräume zugeordnet (Schlüsselspalte {self.key})."]
        if self.joined:
            out.append(f"{len(self.joined)} Ämter aus ihren Gemeinden zusammengesetzt: {', '.join(self.joined)}.")
        if self.outside:
            out.append(f"{fmt_number(self.outside)} Gebiete außerhalb des Atlas übersprungen.")
        if self.water:
            out.append(f"{fmt_number(self.water)} Wasserflächen (GF 1 oder 2) übersprungen.")
        if self.unassigned:
            out.append(f"{len(self.unassigned)} Gebiete im Kreis gehören zu keinem Sozialraum: {', '.join(self.unassigned)}.")
        out.append(f"Vereinfacht ({self.method}): {fmt_number(self.vertices_before)} → {fmt_number(self.vertices)} Punkte.")
        out.append(f"Umriss des Kreises aus den Sozialräumen: {fmt_number(self.outline_vertices)} Punkte.")
        out += self.notes
        out.append(f"Geschrieben: {self.output} ({fmt_number(self.size / 1024, 1)} kB).")
        return out


# --------------------------------------------------------------------------------------------- keys


def normalise(value: Any) -> str | None:
    """A key as digits (integers get back their leading zero), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text.isdigit():
        return None
    if len(text) in (7, 11):  # Länder 01–09 written as numbers
        text = "0" + text
    return text if len(text) in (8, 9, 12) else None


def derived(key: str) -> tuple[str | None, str | None]:
    """(8-digit AGS, 9-digit Verband ARS) a key stands for, as far as it tells."""
    if len(key) == 8:
        return key, None
    if len(key) == 12:
        return key[:5] + key[9:], None
    return (key[:5] + key[6:] if key[5] == "0" else None), key


@dataclass
class Matching:
    prop: str
    units: dict[str, list[SourceFeature]]
    joined: list[str]
    missing: list[str]
    outside: int
    unassigned: list[SourceFeature]


def match(atlas: Any, features: list[SourceFeature], prop: str) -> Matching:
    district = atlas.district.key
    by_ags: dict[str, list[SourceFeature]] = defaultdict(list)
    by_verband: dict[str, list[SourceFeature]] = defaultdict(list)
    outside = 0
    inside: list[SourceFeature] = []
    for feature in features:
        key = normalise(feature.properties.get(prop))
        if key is None or not key.startswith(district):
            outside += 1
            continue
        inside.append(feature)
        ags, verband = derived(key)
        if ags:
            by_ags[ags].append(feature)
        if verband:
            by_verband[verband].append(feature)
    units: dict[str, list[SourceFeature]] = {}
    joined: list[str] = []
    missing: list[str] = []
    for unit in atlas.municipalities.values():
        if len(unit.key) == 9 and unit.key in by_verband:
            units[unit.id] = by_verband[unit.key]
        elif len(unit.key) == 8 and unit.key in by_ags:
            units[unit.id] = by_ags[unit.key]
        elif unit.members and any(m.ags in by_ags for m in unit.members):
            gaps = [m for m in unit.members if m.ags not in by_ags]
            for m in gaps:
                missing.append(f"{unit.name} ({unit.key}): die amtsangehörige Gemeinde „{m.name}“ (AGS {m.ags}) fehlt in der Datei")
            if not gaps:
                units[unit.id] = [f for m in unit.members for f in by_ags[m.ags]]
                joined.append(unit.name)
        else:
            missing.append(f"Für den Sozialraum „{unit.name}“ ({unit.id}, Schlüssel {unit.key}) gibt es kein Gebiet in der Datei")
    used = {id(f) for feats in units.values() for f in feats}
    unassigned = [f for f in inside if id(f) not in used]
    return Matching(prop, units, joined, missing, outside, unassigned)


def candidates(features: list[SourceFeature]) -> list[str]:
    """Properties whose values look like official keys in most features, preferred ones first."""
    counts: dict[str, int] = defaultdict(int)
    for feature in features:
        for name, value in feature.properties.items():
            if normalise(value) is not None:
                counts[name] += 1
    found = [name for name, n in counts.items() if n * 2 >= len(features)]
    order = {name: i for i, name in enumerate(KEY_PREFERENCE)}
    return sorted(found, key=lambda n: (order.get(n.upper(), len(order)), n))


def choose(atlas: Any, geo: GeoFile, key: str | None) -> Matching:
    features = geo.features
    if key:
        if not any(key in f.properties for f in features):
            names = sorted({n for f in features for n in f.properties})
            raise ImportFailed([f"{geo.name}: keine Eigenschaft „{key}“; vorhanden: {', '.join(names)}"])
        props = [key]
    else:
        props = candidates(features)
        if not props:
            names = sorted({n for f in features for n in f.properties})
            raise ImportFailed([f"{geo.name}: keine Eigenschaft mit amtlichen Schlüsseln (AGS mit 8, ARS mit 9 oder 12 Ziffern) gefunden; vorhanden: {', '.join(names) or 'keine'}"])
    results = [match(atlas, features, p) for p in props]
    best = max(results, key=lambda m: len(m.units))  # first of the best: preference order
    total = len(atlas.municipalities)
    if len(best.units) == total:
        return best
    district = atlas.district
    if all(m.outside == len(features) for m in results):
        shown_props = [p for p in props if p.upper() in KEY_PREFERENCE] or props
        prefixes = sorted({k[:5] for f in features for p in shown_props if (k := normalise(f.properties.get(p)))})
        shown = ", ".join(prefixes[:5]) + (" …" if len(prefixes) > 5 else "")
        raise ImportFailed([
            f"{geo.name}: die Datei enthält keine Gebiete des {district.name} (Kreisschlüssel {district.key}); "
            f"ihre Schlüssel beginnen mit {shown or '–'}. Passt die Datei zum Atlas in diesem Datenordner?"
        ])
    messages = list(best.missing)
    if len(props) > 1:
        tried = ", ".join(f"{m.prop} ({len(m.units)} von {total})" for m in results)
        messages.append(f"{geo.name}: geprüfte Schlüsselspalten: {tried}; mit --key SPALTE lässt sich eine festlegen")
    raise ImportFailed(messages)


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
) -> ImportReport:
    """Import `source` for the atlas in `data_dir`; raises ImportFailed (nothing written) on any problem."""
    import shapely
    from pyproj import CRS

    from ..check.validate import validate

    atlas, problems = validate(data_dir, with_boundaries=False)
    if atlas is None:
        raise ImportFailed(["Die Daten des Atlas enthalten Fehler; bitte zuerst „atlas check“ ausführen und sie beheben:"] + [str(p) for p in problems])
    if tolerance < 0:
        raise ImportFailed(["Die Toleranz (--tolerance) darf nicht negativ sein"])
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
    target = Path(output) if output else Path(data_dir) / BOUNDARIES_FILE
    _write_atomic(target, text.encode("utf-8"))
    notes = []
    if not credit:
        notes.append("Hinweis: die Datei nennt keine Quelle; bitte mit --source angeben, z. B. „© GeoBasis-DE / BKG (2024)“ (Pflicht bei dl-de/by-2-0).")
    return ImportReport(
        output=target, key=matching.prop, units=len(ids), joined=sorted(matching.joined), outside=matching.outside,
        unassigned=sorted(_name(f) for f in matching.unassigned), water=water, vertices_before=before,
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


def _name(feature: SourceFeature) -> str:
    for key in ("GEN", "NAME", "name"):
        if feature.properties.get(key):
            return str(feature.properties[key])
    return f"Nr. {feature.number}"


def _write_atomic(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
