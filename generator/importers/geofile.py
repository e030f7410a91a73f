"""Reading official boundary files: GeoJSON or ESRI Shapefile (also zipped), with their coordinate system.

`read_geofile(path, layer=None)` returns a `GeoFile`: features (properties + shapely geometry in the
file's own coordinates), the coordinate system (pyproj CRS) and any credit the file carries. Every
failure raises `GeoFileError` with a German message saying what is wrong and what to do.

* GeoJSON (`.geojson`, `.json`): RFC 7946 (WGS84 longitude/latitude) or an old-style `crs` member
  (`urn:ogc:def:crs:EPSG::25832`, `EPSG:31467`, …).
* Shapefile (`.shp` with `.dbf`, `.shx` and `.prj` beside it) or a `.zip` holding them; a zip with
  several layers (e.g. BKG VG250: VG250_GEM, VG250_VWG, VG250_KRS, …) needs `layer`. The text
  encoding comes from the `.cpg` file, else UTF-8, else Latin-1.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

GEOJSON_SUFFIXES = (".geojson", ".json")


class GeoFileError(Exception):
    """The file cannot be used; the message is German."""


@dataclass
class SourceFeature:
    number: int  # 1-based position in the file
    properties: dict[str, Any]
    geometry: Any  # shapely geometry in the file's CRS (Polygon or MultiPolygon)


@dataclass
class GeoFile:
    name: str
    crs: Any  # pyproj.CRS
    features: list[SourceFeature] = field(default_factory=list)
    attribution: str | None = None
    licence: str | None = None


def read_geofile(path: Path, layer: str | None = None) -> GeoFile:
    path = Path(path)
    if not path.is_file():
        raise GeoFileError(f"Datei nicht gefunden: {path}")
    suffix = path.suffix.lower()
    if suffix in GEOJSON_SUFFIXES:
        return _read_geojson(path)
    if suffix == ".shp":
        return _read_shapefile_dir(path)
    if suffix == ".zip":
        return _read_zip(path, layer)
    raise GeoFileError(
        f"Unbekanntes Dateiformat „{path.suffix or path.name}“: erwartet wird GeoJSON (.geojson, .json), "
        "ein Shapefile (.shp mit .dbf, .shx und .prj daneben) oder ein ZIP-Archiv mit einem Shapefile"
    )


# --------------------------------------------------------------------------------------------- GeoJSON


def _read_geojson(path: Path) -> GeoFile:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise GeoFileError(f"{path.name}: die Datei ist kein UTF-8-Text (GeoJSON muss UTF-8 sein)") from None
    except json.JSONDecodeError as exc:
        raise GeoFileError(f"{path.name}:{exc.lineno}: kein gültiges JSON ({exc.msg}, Spalte {exc.colno})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise GeoFileError(f"{path.name}: keine GeoJSON-FeatureCollection (erwartet: {{\"type\": \"FeatureCollection\", \"features\": [...]}})")
    crs = _geojson_crs(path.name, data.get("crs"))
    result = GeoFile(path.name, crs, attribution=_text(data, "attribution", "source"), licence=_text(data, "licence", "license"))
    for number, feature in enumerate(data["features"], start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise GeoFileError(f"{path.name}: Element Nr. {number} von „features“ ist kein GeoJSON-Feature")
        props = feature.get("properties") or {}
        result.features.append(SourceFeature(number, dict(props), _shape(path.name, number, props, feature.get("geometry"))))
    return result


def _text(data: dict, *names: str) -> str | None:
    for name in names:
        if isinstance(data.get(name), str) and data[name].strip():
            return data[name].strip()
    return None


def _geojson_crs(name: str, member: Any) -> Any:
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    if member is None:
        return CRS.from_epsg(4326)
    text = member.get("properties", {}).get("name") if isinstance(member, dict) and isinstance(member.get("properties"), dict) else None
    if not isinstance(text, str):
        raise GeoFileError(f"{name}: die Angabe „crs“ ist unverständlich: {json.dumps(member)[:80]}")
    if text.upper().replace(":", "").endswith("CRS84"):
        return CRS.from_epsg(4326)
    try:
        return CRS.from_user_input(text)
    except CRSError:
        raise GeoFileError(f"{name}: unbekanntes Koordinatensystem „{text}“ (erwartet z. B. EPSG:25832, EPSG:31467 oder EPSG:4326)") from None


# --------------------------------------------------------------------------------------------- Shapefile


def _read_shapefile_dir(path: Path) -> GeoFile:
    parts: dict[str, Path] = {}
    for sibling in path.parent.iterdir():
        if sibling.stem == path.stem and sibling.is_file():
            parts[sibling.suffix.lower()] = sibling
    opened = {suffix: io.BytesIO(p.read_bytes()) for suffix, p in parts.items()}
    return _read_shapefile(path.name, opened)


def _read_zip(path: Path, layer: str | None) -> GeoFile:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise GeoFileError(f"{path.name}: kein gültiges ZIP-Archiv") from None
    with archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        layers = sorted({PurePosixPath(n).with_suffix("").as_posix() for n in names if n.lower().endswith(".shp")})
        geojson = sorted(n for n in names if n.lower().endswith(GEOJSON_SUFFIXES))
        if not layers:
            extra = f" (es enthält GeoJSON: {', '.join(geojson)} – bitte entpacken und die Datei angeben)" if geojson else ""
            raise GeoFileError(f"{path.name}: das ZIP-Archiv enthält kein Shapefile (.shp){extra}")
        if layer:
            chosen = [stem for stem in layers if PurePosixPath(stem).name.lower() == layer.lower() or stem.lower() == layer.lower()]
            if not chosen:
                raise GeoFileError(f"{path.name}: keine Ebene „{layer}“; das Archiv enthält: {', '.join(PurePosixPath(s).name for s in layers)}")
        elif len(layers) > 1:
            raise GeoFileError(
                f"{path.name}: das ZIP-Archiv enthält mehrere Ebenen: {', '.join(PurePosixPath(s).name for s in layers)}; "
                "bitte mit --layer eine wählen (z. B. die Verwaltungsgemeinschaften …_VWG oder die Gemeinden …_GEM)"
            )
        else:
            chosen = layers
        stem = chosen[0]
        opened = {}
        for member in names:
            p = PurePosixPath(member)
            if p.with_suffix("").as_posix().lower() == stem.lower():
                opened[p.suffix.lower()] = io.BytesIO(archive.read(member))
        return _read_shapefile(f"{path.name}/{PurePosixPath(stem).name}.shp", opened)


def _read_shapefile(name: str, parts: dict[str, BinaryIO]) -> GeoFile:
    import shapefile
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    for suffix, what in ((".dbf", "die Sachdaten (.dbf) mit den Schlüsseln"), (".shx", "der Index (.shx)"),
                         (".prj", "die Projektionsdatei (.prj), die das Koordinatensystem angibt")):
        if suffix not in parts:
            raise GeoFileError(f"{name}: es fehlt {what}; alle Teile des Shapefiles müssen nebeneinander liegen")
    wkt = parts[".prj"].read().decode("latin-1").strip()
    try:
        crs = CRS.from_wkt(wkt)
    except CRSError:
        raise GeoFileError(f"{name}: das Koordinatensystem in der .prj-Datei ist unbekannt: {wkt[:60]}…") from None
    encodings = [parts[".cpg"].read().decode("ascii", "replace").strip()] if ".cpg" in parts else []
    encodings += ["utf-8", "latin-1"]
    result = GeoFile(name, crs)
    last_error: Exception | None = None
    for encoding in encodings:
        for part in parts.values():
            part.seek(0)
        try:
            reader = shapefile.Reader(shp=parts[".shp"] if ".shp" in parts else None, shx=parts[".shx"], dbf=parts[".dbf"], encoding=_encoding(encoding))
            with reader:
                fields = [f[0] for f in reader.fields[1:]]
                result.features = []
                for number, item in enumerate(reader.iterShapeRecords(), start=1):
                    props = dict(zip(fields, item.record))
                    result.features.append(SourceFeature(number, props, _shape(name, number, props, item.shape.__geo_interface__)))
            return result
        except UnicodeDecodeError as exc:
            last_error = exc
        except shapefile.ShapefileException as exc:
            raise GeoFileError(f"{name}: das Shapefile ist beschädigt oder unvollständig ({exc})") from None
        except GeoFileError:
            raise
        except (ValueError, OSError, KeyError, IndexError, AttributeError) as exc:
            raise GeoFileError(f"{name}: das Shapefile kann nicht gelesen werden ({exc.__class__.__name__}: {exc})") from None
    raise GeoFileError(f"{name}: die Sachdaten (.dbf) haben eine unbekannte Zeichenkodierung ({last_error})")


def _encoding(name: str) -> str:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


# --------------------------------------------------------------------------------------------- geometry


def _shape(name: str, number: int, props: dict, geometry: Any) -> Any:
    import shapely.geometry
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon

    label = _label(props)
    if not geometry:
        raise GeoFileError(f"{name}: Gebiet Nr. {number}{label} hat keine Geometrie")
    try:
        shape = shapely.geometry.shape(geometry)
    except Exception as exc:  # noqa: BLE001 – shapely raises several types for malformed input
        raise GeoFileError(f"{name}: Gebiet Nr. {number}{label} hat eine ungültige Geometrie ({exc})") from None
    if isinstance(shape, GeometryCollection):
        polygons = [g for g in shape.geoms if isinstance(g, (Polygon, MultiPolygon))]
        if polygons:
            shape = shapely.union_all(polygons)
    if not isinstance(shape, (Polygon, MultiPolygon)):
        raise GeoFileError(
            f"{name}: Gebiet Nr. {number}{label} ist keine Fläche, sondern {shape.geom_type}; "
            "gebraucht werden Flächen (Polygone) der Gemeinden oder Verwaltungsgemeinschaften, keine Punkte oder Linien"
        )
    return shape


def _label(props: dict) -> str:
    for key in ("GEN", "NAME", "name", "Name", "GEMEINDE"):
        if props.get(key):
            return f" („{props[key]}“)"
    return ""
