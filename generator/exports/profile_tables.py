"""Open data, profile figures: `sozialraeume/<id>.csv|json`, the table „Kennzahlen im Vergleich“ of each
Sozialraumprofil, figure by figure, rounded and flagged like the page (file conventions: tables.py)."""

from __future__ import annotations

from typing import Any, Iterator

from ..model import profile
from ..model.atlas import Atlas
from ..model.indicators import Value
from .tables import Meta, shown, to_csv, to_json_records

PROFILE_COLUMNS = [
    ("indicator", "string"), ("indicator_label", "string"), ("unit", "string"), ("year", "integer"), ("value", "number"),
    ("reliability", "string"), ("example", "boolean"), ("district_year", "integer"), ("district_value", "number"),
    ("district_reliability", "string"), ("difference", "number"), ("share_of_district_percent", "number"), ("rank", "integer"),
    ("ranked_units", "integer"), ("change", "number"), ("change_since", "integer"), ("forecast_year", "integer"),
    ("forecast_value", "number"), ("forecast_reliability", "string"), ("district_forecast_value", "number"),
]


def profile_rows(atlas: Atlas, unit_id: str) -> list[dict[str, Any]]:
    """The table „Kennzahlen im Vergleich mit dem Landkreis“ (or the area's kind) of one profile, figure by figure."""
    result = []
    for r in profile.rows(atlas.stats, atlas.indicators, atlas.municipalities[unit_id]):
        ind = r.indicator
        ind_decimals = ind.decimals

        def number(v: Value | None) -> float | int | None:
            return shown(v.value, ind_decimals) if v is not None and v.shown else None

        is_sum = ind.aggregation == "sum"
        share = r.value.value / r.district.value * 100 if is_sum and r.difference is not None and r.district.value else None
        result.append({
            "indicator": ind.id, "indicator_label": ind.label, "unit": ind.unit,
            "year": r.value.year if r.value else None, "value": number(r.value),
            "reliability": r.value.reliability if r.value else None,
            "example": any(v.example for v in (r.value, r.district, r.forecast, r.district_forecast) if v is not None and v.shown),
            "district_year": r.district.year if r.district else None, "district_value": number(r.district),
            "district_reliability": r.district.reliability if r.district else None,
            "difference": shown(r.difference, ind_decimals) if share is None else None,
            "share_of_district_percent": shown(share, 1),
            "rank": r.rank[0] if r.rank else None, "ranked_units": r.rank[1] if r.rank else None,
            "change": shown(r.change, ind_decimals) if r.first is not None and r.change is not None else None,
            "change_since": r.first.year if r.first is not None and r.change is not None else None,
            "forecast_year": r.forecast.year if r.forecast else None, "forecast_value": number(r.forecast),
            "forecast_reliability": r.forecast.reliability if r.forecast else None,
            "district_forecast_value": number(r.district_forecast),
        })
    return result


def profile_files(atlas: Atlas, meta: Meta) -> Iterator[tuple[str, str]]:
    """`sozialraeume/<id>.csv` and `.json`: the figures of each profile, as (path, content), one unit at a time."""
    columns = [c for c, _ in PROFILE_COLUMNS]
    for unit in sorted(atlas.municipalities.values(), key=lambda u: u.id):
        rows = profile_rows(atlas, unit.id)
        header = meta.header(f"Kennzahlen: {unit.name}", f"Die Kennzahlen des Sozialraumprofils {unit.name} neben {atlas.area.to_the}, wie die Seite sie zeigt.")
        header["page"] = meta.page_url(f"sozialraeume/{unit.id}.md")
        unit_data = {"id": unit.id, "name": unit.name, "type": unit.type, "key": unit.key, "population": unit.population.value,
                     "population_date": unit.population.date.isoformat() if unit.population.date else None,
                     "area_km2": unit.area_km2, "example": unit.example}
        yield f"sozialraeume/{unit.id}.json", to_json_records({**header, "unit": unit_data, "count": len(rows)}, rows)
        yield f"sozialraeume/{unit.id}.csv", to_csv(columns, rows)
