"""Numbers for the pages: key figures of a unit beside the district's, indicator tables, sums.

Pure functions on the Atlas that return small records; the templates only format and lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .formatting import fmt_date, fmt_number, fmt_value
from .model import Atlas, IndicatorValue
from .schema import Indicator, Municipality, Region

POPULATION_LABEL = "Einwohnerinnen und Einwohner"
AREA_LABEL = "Fläche"
DENSITY_LABEL = "Bevölkerungsdichte"
AREA_UNIT = "km²"
DENSITY_UNIT = "Einwohner je km²"


def density(population: float | None, area: float | None) -> float | None:
    if population is None or not area:
        return None
    return population / area


@dataclass
class Figure:
    """One number as shown: formatted text plus what a reader must know about it."""

    text: str
    example: bool = False
    forecast: bool = False
    note: str | None = None  # e.g. a different year of the district value

    @property
    def missing(self) -> bool:
        return self.text == fmt_number(None)


MISSING = Figure(fmt_number(None))


@dataclass
class ComparisonRow:
    """Kennzahl | unit value | district value | year/reference."""

    label: str
    unit: Figure
    district: Figure
    reference: str
    indicator: Indicator | None = None
    forecast: bool = False


def _value_figure(v: IndicatorValue | None, ind: Indicator, note: str | None = None) -> Figure:
    if v is None:
        return MISSING
    return Figure(fmt_value(v.value, ind.decimals, ind.unit), example=v.example, forecast=v.forecast, note=note)


def _district_value(atlas: Atlas, ind: Indicator, v: IndicatorValue) -> Figure:
    """The district's value of the same year and kind, else its latest of the same kind with the year noted."""
    values = [d for d in atlas.values_of(ind.id).get(atlas.district.id, []) if d.forecast == v.forecast]
    same = [d for d in values if d.year == v.year]
    if same:
        return _value_figure(same[-1], ind)
    if values:
        other = values[-1]
        return _value_figure(other, ind, note=f"{'Prognose ' if other.forecast else ''}{other.year}")
    return MISSING


def comparison(atlas: Atlas, unit: Municipality) -> list[ComparisonRow]:
    """Key figures of a unit beside the district's: population, area, density, then every indicator.

    For each indicator: the latest observed value and the latest forecast of the unit, each beside the
    district's value of the same year (or the district's latest, with its year noted). An indicator
    row that only repeats population, area or density (same number, same year) is left out; the base
    row then links to the indicator page instead.
    """
    district = atlas.district
    pop, dpop = unit.population, district.population
    pop_year = pop.date.year if pop.date else None
    unit_density = density(pop.value, unit.area_km2)
    district_density = density(dpop.value, district.area_km2) if dpop else None
    # (row, value, year or None) – the value and year are compared with indicator values below
    base: list[tuple[ComparisonRow, float | None, int | None]] = [
        (ComparisonRow(POPULATION_LABEL, Figure(fmt_number(pop.value)),
                       Figure(fmt_number(dpop.value), note=_date_note(dpop.date, pop.date)) if dpop else MISSING,
                       f"Stichtag {fmt_date(pop.date)}" if pop.date else ""), pop.value, pop_year),
        (ComparisonRow(AREA_LABEL, Figure(fmt_value(unit.area_km2, 2, AREA_UNIT)), Figure(fmt_value(district.area_km2, 2, AREA_UNIT)), ""),
         unit.area_km2, None),
        (ComparisonRow(DENSITY_LABEL, Figure(fmt_value(unit_density, 1, DENSITY_UNIT)),
                       Figure(fmt_value(district_density, 1, DENSITY_UNIT)) if district_density is not None else MISSING,
                       "berechnet aus Einwohnerzahl und Fläche"), unit_density, pop_year),
    ]
    rows = [row for row, _, _ in base]
    for ind in atlas.indicators.values():
        observed = atlas.latest(ind.id, unit.id)
        forecast = atlas.latest(ind.id, unit.id, forecast=True)
        if observed is not None:
            repeated = next(
                (row for row, value, year in base
                 if row.indicator is None and value is not None and not observed.example
                 and fmt_number(value, ind.decimals) == fmt_number(observed.value, ind.decimals)
                 and (year is None or year == observed.year)),
                None,
            )
            if repeated is not None:
                repeated.indicator = ind
            else:
                rows.append(ComparisonRow(ind.label, _value_figure(observed, ind), _district_value(atlas, ind, observed), str(observed.year), ind))
        if forecast is not None:
            rows.append(
                ComparisonRow(ind.label, _value_figure(forecast, ind), _district_value(atlas, ind, forecast), f"Prognose {forecast.year}", ind, forecast=True)
            )
    return rows


def _date_note(district_date, unit_date) -> str | None:
    if district_date and district_date != unit_date:
        return f"Stichtag {fmt_date(district_date)}"
    return None


# --------------------------------------------------------------------------------------------- indicators


@dataclass
class MatrixRow:
    area_id: str
    name: str
    record: Municipality | Region | None  # None: the district
    cells: list[Figure] = field(default_factory=list)
    all_example: bool = False


@dataclass
class Matrix:
    columns: list[tuple[int, bool]]  # (year, forecast)
    rows: list[MatrixRow]
    notes: list[str]

    @property
    def headers(self) -> list[str]:
        return [f"{year} (Prognose)" if forecast else str(year) for year, forecast in self.columns]


def matrix(atlas: Atlas, ind: Indicator) -> Matrix:
    """All areas (district first, regions with values, then every unit) × all years of an indicator."""
    table = atlas.values_of(ind.id)
    columns = sorted({(v.year, v.forecast) for vals in table.values() for v in vals})
    areas: list[tuple[str, str, Municipality | Region | None]] = [(atlas.district.id, atlas.district.name, None)]
    areas += [(r.id, r.name, r) for r in sorted(atlas.regions.values(), key=lambda r: (r.name.casefold(), r.id)) if r.id in table]
    areas += [(m.id, m.name, m) for m in atlas.municipalities.values()]
    rows = []
    for area_id, name, record in areas:
        by_column = {(v.year, v.forecast): v for v in table.get(area_id, [])}
        present = list(by_column.values())
        row = MatrixRow(area_id, name, record, all_example=bool(present) and all(v.example for v in present))
        for column in columns:
            v = by_column.get(column)
            row.cells.append(MISSING if v is None else Figure(fmt_number(v.value, ind.decimals), example=v.example and not row.all_example, forecast=v.forecast))
        rows.append(row)
    notes = sorted({v.note for vals in table.values() for v in vals if v.note})
    return Matrix(columns, rows, notes)


@dataclass
class MapValue:
    unit: Municipality
    value: IndicatorValue
    text: str


def latest_per_unit(atlas: Atlas, ind: Indicator) -> list[MapValue]:
    """The latest observed value of every unit that has one (for the proportional-circle map)."""
    result = []
    for unit in atlas.municipalities.values():
        v = atlas.latest(ind.id, unit.id)
        if v is not None:
            result.append(MapValue(unit, v, fmt_value(v.value, ind.decimals, ind.unit)))
    return result


@dataclass
class DistrictValue:
    indicator: Indicator
    value: IndicatorValue
    text: str


def district_values(atlas: Atlas) -> list[DistrictValue]:
    """Every value of the district itself, by indicator and year (forecasts after observations)."""
    result = []
    for ind in atlas.indicators.values():
        for v in atlas.values_of(ind.id).get(atlas.district.id, []):
            result.append(DistrictValue(ind, v, fmt_value(v.value, ind.decimals, ind.unit)))
    return result


# --------------------------------------------------------------------------------------------- sums


@dataclass
class Totals:
    population: float
    area: float

    @property
    def density(self) -> float | None:
        return density(self.population, self.area)


def totals(units: list[Municipality]) -> Totals:
    return Totals(sum(u.population.value for u in units), sum(u.area_km2 for u in units))
