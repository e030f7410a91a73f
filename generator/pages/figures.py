"""Numbers for the pages: key figures of a unit beside the district's, indicator tables, sums.

Pure functions on the Atlas that return small records; the templates only format and lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.formatting import fmt_number, fmt_value
from ..model.atlas import Atlas
from ..model.indicators import Value
from ..model.schema import Indicator, Municipality

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
class MapValue:
    unit: Municipality
    value: Value
    text: str


def latest_per_unit(atlas: Atlas, ind: Indicator) -> list[MapValue]:
    """The latest observed value of every unit that has one (for the proportional-circle map)."""
    result = []
    for unit in atlas.municipalities.values():
        v = atlas.stats.latest(ind.id, unit.id)
        if v is not None and v.shown:
            result.append(MapValue(unit, v, fmt_value(v.value, ind.decimals, ind.unit)))
    return result


@dataclass
class DistrictValue:
    indicator: Indicator
    value: Value
    text: str


def district_values(atlas: Atlas) -> list[DistrictValue]:
    """Every value of the district itself, by indicator and year (forecasts after observations)."""
    result = []
    for ind in atlas.indicators.values():
        for v in atlas.stats.series(ind.id, atlas.district.id):
            if v.shown:
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
