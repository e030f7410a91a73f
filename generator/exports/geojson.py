"""Open data, places: family centres, offer places and unit seats as GeoJSON (RFC 7946).

Each file is a FeatureCollection of Points in WGS84 with coordinates in [longitude, latitude] order,
rounded to 6 decimals (about 0,1 m). Licence, data date and attribution are foreign members at the
top level (RFC 7946, section 6.1), the same as in the JSON files. Only places the site shows on its
maps are exported; an offer at a family centre without a place of its own is in the centres' file.
Unit boundaries, when data/boundaries.geojson exists, are exported as Polygons/MultiPolygons.
"""

from __future__ import annotations

from typing import Any

from ..model.atlas import Atlas
from ..model.schema import Location
from .tables import Meta, to_json

PRECISION = 6


def point(location: Location) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(location.lon, PRECISION), round(location.lat, PRECISION)]}


def _rounded(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), PRECISION)
    return [_rounded(c) for c in coords]


def collection(meta: Meta, title: str, description: str, features: list[dict[str, Any]]) -> str:
    return to_json({"type": "FeatureCollection", **meta.header(title, description), "features": features})


def feature(ident: str, geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": ident, "geometry": geometry, "properties": properties}


def geo_files(atlas: Atlas, meta: Meta) -> dict[str, tuple[str, str, str]]:
    """daten/<name>.geojson → (title, description, content)."""
    files: dict[str, tuple[str, str, str]] = {}
    units = sorted(atlas.municipalities.values(), key=lambda u: u.id)
    seats = [
        feature(u.id, point(u.location), {
            "name": u.name, "type": u.type, "key": u.key, "seat": u.seat, "seat_address": u.seat_address,
            "population": u.population.value, "area_km2": u.area_km2, "example": u.example,
            "page": meta.page_url(f"sozialraeume/{u.id}.md"),
        })
        for u in units
    ]
    title, text = "Verwaltungssitze der Sozialräume", "Lage der Verwaltungssitze der Sozialräume mit Einwohnerzahl und Fläche."
    files["sozialraeume.geojson"] = (title, text, collection(meta, title, text, seats))

    centres = [
        feature(c.id, point(c.location), {
            "name": c.name, "municipality": c.municipality, "street": c.address.street, "postal_code": c.address.postal_code,
            "city": c.address.city, "locality": c.address.locality, "operator": c.operator, "status": c.status,
            "mobile": c.mobile, "email": c.email, "phone": c.phone, "website": c.website, "example": c.example,
            "page": meta.page_url(f"familienzentren/{c.id}.md"),
        })
        for c in sorted(atlas.family_centres.values(), key=lambda c: c.id)
    ]
    if centres:
        title, text = "Familienzentren", "Lage der Familienzentren mit Anschrift, Träger und Status."
        files["familienzentren.geojson"] = (title, text, collection(meta, title, text, centres))

    offers = [
        feature(o.id, point(o.location), {
            "title": o.title, "place": o.place, "municipality": o.municipality, "family_centre": o.family_centre,
            "provider": o.provider, "topics": o.topics, "status": o.status, "example": o.example,
            "page": meta.page_url(f"angebote/{o.id}.md"),
        })
        for o in sorted(atlas.offers.values(), key=lambda o: o.id)
        if o.location is not None
    ]
    if offers:
        title, text = "Angebotsorte", "Orte der Angebote, die nicht in einem Familienzentrum stattfinden."
        files["angebote.geojson"] = (title, text, collection(meta, title, text, offers))

    if atlas.boundaries:
        areas = [
            feature(u.id, {"type": atlas.boundaries[u.id]["type"], "coordinates": _rounded(atlas.boundaries[u.id]["coordinates"])},
                    {"name": u.name, "key": u.key, "example": u.example, "page": meta.page_url(f"sozialraeume/{u.id}.md")})
            for u in units
            if u.id in atlas.boundaries
        ]
        credit = getattr(atlas.boundaries, "credit", "")
        title, text = "Grenzen der Sozialräume", "Flächen der Sozialräume, wie sie die Karten zeigen." + (f" {credit}." if credit else "")
        files["sozialraeume-grenzen.geojson"] = (title, text, collection(meta, title, text, areas))
    return files
