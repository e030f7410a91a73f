"""`atlas init … --boundaries FILE`: the units of a new atlas from official BKG boundaries (VG250/VG5000).

Reads the Gemeinden layer (GEM: 12-digit ARS, 8-digit AGS, `GEN`, `BEZ`) and, if given, the
Verwaltungsgemeinschaften layer (VWG: 9-digit ARS, `BEZ` such as Amt, Samtgemeinde, Verbandsgemeinde,
Verwaltungsgemeinschaft, Amtsfreie Gemeinde, Einheitsgemeinde) – as several files or one ZIP holding both.
Inside the district's key it makes one unit per association (kind from its `BEZ`, members = its
Gemeinden with name and AGS, key = the 9-digit ARS) and one per Gemeinde that belongs to none (kind from
the Gemeinde's `BEZ`; a „Gemeinde“ whose VWG is an amtsfreie Gemeinde or Einheitsgemeinde gets that kind).
Names, keys, kinds and members come from the file only. Fields the file does not hold are filled so that
the folder passes `atlas check`, and say so: seat = the seat municipality (`SDV_ARS`), location = a point
inside its area (with a note), area = computed from the geometry, population = `EWZ` if the file has it,
else 0 with „bitte ausfüllen“. Afterwards `import_boundaries` writes data/boundaries.geojson from the
Gemeinden layer, with the credit the file carries.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..core.names import slug
from ..editing.init import PLACEHOLDER, InitError, q, run_init
from ..model.schema.unit_types import default_unit_types
from .boundaries import import_boundaries
from .boundary_keys import ImportFailed, normalise
from .geofile import GeoFile, GeoFileError, SourceFeature, read_geofile

POPULATION_COLUMNS = ("EWZ", "EWZ_ZENSUS_2022")


@dataclass
class Unit:
    id: str
    name: str
    type: str
    key: str
    seat: Any  # the GEM feature of the seat municipality
    areas: list[SourceFeature]
    members: list[tuple[str, str, str, int | None]] = field(default_factory=list)  # name, ags, kind (gemeinde, stadt …), population


def layers(path: Path) -> list[tuple[Path, str | None]]:
    """(file, layer) pairs to read: a ZIP with several shapefiles gives its GEM and VWG layers."""
    if path.suffix.lower() != ".zip" or not path.is_file():
        return [(path, None)]
    try:
        with zipfile.ZipFile(path) as archive:
            stems = sorted({PurePosixPath(n).stem for n in archive.namelist() if n.lower().endswith(".shp")})
    except zipfile.BadZipFile:
        return [(path, None)]
    if len(stems) <= 1:
        return [(path, None)]
    wanted = [s for s in stems if s.upper().endswith(("_GEM", "_VWG"))]
    return [(path, s) for s in wanted] or [(path, None)]


def text(props: dict, name: str) -> str:
    value = props.get(name)
    return str(value).strip() if value is not None else ""


def population(props: dict) -> int | None:
    column = population_column(props)
    return int(props[column]) if column else None


def population_column(props: dict) -> str | None:
    for column in POPULATION_COLUMNS:
        value = props.get(column)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return column
    return None


def bez_kinds() -> dict[str, Any]:
    """VG250 `BEZ` value (case-folded) → built-in kind: each kind's label and its further `bez` values."""
    kinds: dict[str, Any] = {}
    for t in default_unit_types():
        for name in (t.label, *t.bez):
            kinds.setdefault(" ".join(name.split()).casefold(), t)
    return kinds


def type_of(bez: str, where: str, unknown: list[str] | None = None) -> Any:
    """The kind a `BEZ` value means. An unknown value is noted in `unknown` (all are reported together) and gives
    the plain kind gemeinde meanwhile; without `unknown` it raises InitError at once."""
    found = bez_kinds().get(" ".join(bez.split()).casefold())
    if found is not None:
        return found
    message = f"{where}: die Art (BEZ) „{bez}“ ist unbekannt" if bez else f"{where}: die Spalte BEZ (Art) ist leer"
    if unknown is None:
        raise InitError(f"{message}; {known_bez()}.")
    unknown.append(message)
    return next(t for t in default_unit_types() if t.id == "gemeinde")


def known_bez() -> str:
    return "bekannt sind: " + ", ".join(f"„{name}“" for t in default_unit_types() for name in (t.label, *t.bez) if t.key_digits)


def derive_units(sources: list[Path], district_key: str) -> tuple[list[Unit], tuple[Path, str | None], GeoFile]:
    """Units from the files; raises InitError with a German message."""
    gem: list[SourceFeature] = []
    vwg: list[SourceFeature] = []
    gem_source: tuple[Path, str | None] | None = None
    gem_file: GeoFile | None = None
    for source in sources:
        for path, layer in layers(Path(source)):
            try:
                geo = read_geofile(path, layer)
            except GeoFileError as exc:
                raise InitError(str(exc)) from None
            for feature in geo.features:
                key = normalise(feature.properties.get("ARS"))
                if not key or not key.startswith(district_key):
                    continue
                if len(key) == 12:
                    gem.append(feature)
                    if gem_source is None:
                        gem_source, gem_file = (path, layer), geo
                elif len(key) == 9:
                    vwg.append(feature)
    if not gem or gem_source is None or gem_file is None:
        raise InitError(f"Keine Gemeinden (Ebene GEM, zwölfstelliger ARS) mit dem Schlüssel {district_key} in "
                        f"{', '.join(str(s) for s in sources)}; --boundaries braucht die Gemeinden-Ebene von VG250 oder VG5000.")
    by_ars = {normalise(f.properties.get("ARS")): f for f in gem}

    def ags(f: SourceFeature) -> str:
        own = normalise(f.properties.get("AGS"))
        ars = normalise(f.properties.get("ARS")) or ""
        return own if own and len(own) == 8 else ars[:5] + ars[9:]

    def where(f: SourceFeature) -> str:
        return f"{gem_file.name if f in gem else 'VWG'} ({text(f.properties, 'GEN')}, ARS {normalise(f.properties.get('ARS'))})"

    units: list[Unit] = []
    done: set[str] = set()
    unknown: list[str] = []
    for assoc in sorted(vwg, key=lambda f: normalise(f.properties.get("ARS")) or ""):
        key = normalise(assoc.properties.get("ARS")) or ""
        kind = type_of(text(assoc.properties, "BEZ"), where(assoc), unknown)
        parts = sorted((f for f in gem if (normalise(f.properties.get("ARS")) or "").startswith(key)), key=ags)
        if not parts:
            continue
        seat = by_ars.get(normalise(assoc.properties.get("SDV_ARS"))) or parts[0]
        if kind.members:
            name = f"{text(assoc.properties, 'BEZ')} {text(assoc.properties, 'GEN')}"
            members = [(text(f.properties, "GEN"), ags(f), type_of(text(f.properties, "BEZ"), where(f), unknown).id,
                        population(f.properties)) for f in parts]
            units.append(Unit(slug(name), name, kind.id, key, seat, parts, members))
        else:
            for f in parts:
                own = type_of(text(f.properties, "BEZ"), where(f), unknown)
                kind_id = kind.id if own.id == "gemeinde" else own.id
                units.append(Unit(slug(text(f.properties, "GEN")), text(f.properties, "GEN"), kind_id, ags(f), f, [f]))
        done.update(id(f) for f in parts)
    for f in sorted((f for f in gem if id(f) not in done), key=ags):
        own = type_of(text(f.properties, "BEZ"), where(f), unknown)
        units.append(Unit(slug(text(f.properties, "GEN")), text(f.properties, "GEN"), own.id, ags(f), f, [f]))
    if unknown:
        raise InitError("\n".join(unknown) + f"\nFür diese Werte der Spalte BEZ gibt es keine Art; {known_bez()}. "
                        "Bitte die Datei prüfen oder die Art melden, damit sie eingebaut wird.")
    ids = [u.id for u in units]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise InitError(f"Mehrere Einheiten erhielten dieselbe Kennung: {', '.join(twice)}; bitte die Datei prüfen.")
    return sorted(units, key=lambda u: u.id), gem_source, gem_file


def unit_yaml(unit: Unit, geo: GeoFile, source_name: str) -> str:
    import numpy as np
    import shapely
    from pyproj import CRS, Geod, Transformer

    to_wgs84 = Transformer.from_crs(geo.crs, CRS.from_epsg(4326), always_xy=True)

    def transform(geometry: Any) -> Any:
        return shapely.transform(geometry, lambda c: np.column_stack(to_wgs84.transform(c[:, 0], c[:, 1])))

    area = shapely.union_all([f.geometry for f in unit.areas])
    wgs = transform(area)
    km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(wgs)[0]) / 1e6
    point = transform(unit.seat.geometry.representative_point())
    seat_name = text(unit.seat.properties, "GEN")
    people = [m[3] for m in unit.members] if unit.members else [population(unit.seat.properties)]
    lines = [f"id: {unit.id}", f"name: {q(unit.name)}", f"type: {unit.type}", f'key: "{unit.key}"', f"seat: {q(seat_name)}",
             f"location: {{lat: {point.y:.4f}, lon: {point.x:.4f}}}",
             f"location_note: {q(f'Ein Punkt im Gebiet der Gemeinde {seat_name}, aus den amtlichen Grenzen berechnet – nicht der Verwaltungssitz.')}"]
    if people and all(p is not None for p in people):
        lines += ["population:", f"  value: {sum(p for p in people if p is not None)}", f"  source: {q(f'Spalte {population_column(unit.seat.properties)} in {geo.name}')}"]
    else:
        lines += ["population:", "  value: 0", f"  source: {q(f'{PLACEHOLDER}: Einwohnerzahl mit Stichtag und Quelle, die Grenzdatei enthält keine')}"]
    lines.append(f"area_km2: {km2:.2f}")
    if unit.members:
        lines.append("members:")
        for name, ags, kind, _ in unit.members:
            lines += [f"- name: {q(name)}", f'  ags: "{ags}"', f"  type: {kind}"]
    lines += ["sources:", f"- {q(f'Name, Schlüssel, Art, Mitglieder und Fläche (berechnet): {source_name}')}"]
    return "# Angelegt mit „atlas init --boundaries“ aus den amtlichen Grenzen; Verwaltungssitz, Lage und Einwohnerzahl bitte prüfen.\n" + "\n".join(lines) + "\n"


def run_init_boundaries(target: Path, key: str | None, name: str | None, land: str | None, sources: list[Path],
                        seat: str | None = None, area: float | None = None) -> int:
    """`atlas init … --boundaries FILE …`: 0 or 1; German messages on stderr."""
    import sys

    if not key:
        print("Fehler: --district-key fehlt (mit --boundaries nötig). Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    try:
        units, (gem_path, gem_layer), geo = derive_units(sources, key.strip())
    except InitError as exc:
        for line in str(exc).splitlines():
            print(f"Fehler: {line}", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    source_name = geo.attribution or geo.name
    texts = {unit.id: unit_yaml(unit, geo, source_name) for unit in units}
    code = run_init(target, key, name, land, seat=seat, area=area)
    if code:
        return code
    for unit_id, unit_text in texts.items():
        (target / "municipalities" / f"{unit_id}.yaml").write_text(unit_text, encoding="utf-8")
    print(f"{len(units)} Sozialräume aus {geo.name} angelegt: {', '.join(u.name for u in units)}.")
    try:
        report = import_boundaries(gem_path, target, layer=gem_layer)
    except ImportFailed as exc:
        for message in exc.messages:
            print(f"Fehler: {message}", file=sys.stderr)
        print("Die Sozialräume wurden angelegt, die Grenzen nicht; bitte „atlas import-boundaries“ ausführen.", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    return 0


__all__ = ["derive_units", "run_init_boundaries"]
