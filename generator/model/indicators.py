"""Indicator engine (model stage): given values → derived indicators and aggregates for every area.

Input: the indicator definitions and the long-format values of the CSV files. Output: `Statistics`,
one `Value` per (indicator, area, year, forecast) for every unit, region and the district.

Rules (documented for planners on the indicator pages and in the README):

* A value given in a CSV file is used as it is ("angegeben"), also for regions and the district.
* Counts (`aggregation: sum`) are added up from the units to regions and the district for a year only
  when every unit of the area has a value for it; otherwise the area has no value for that year.
  Indicators with `aggregation: none` (rates without their base) are never aggregated.
* Derived indicators (`formula`) are computed in every area from the values of their numerator and
  denominator in that same area and year: a region's Altenquotient is the sum of its older people
  divided by the sum of its people of working age, never an average of the units' quotients.
* A computed value is example data when any value it rests on is example data.
* Stichtag: a given value carries its date (CSV column `date`; empty: only the year, taken as 31 December);
  a sum or a computed value carries the date its parts share. Pages show it beside the year when it is
  not 31 December (`Value.period`: „2022 (Stichtag 15.05.2022)“).
* Small numbers: a derived value whose numerator rests on fewer cases than `flag_below` is flagged
  "unsicher"; below `suppress_below` it is suppressed (not shown anywhere). Thresholds come from the
  indicator (`small_numbers`) or from `profiles` in atlas.yaml; observed counts are checked only when
  the indicator sets `small_numbers`. When exactly one unit of a region or of the district is
  suppressed for a year while the others are shown, the next smallest unit is suppressed too
  (secondary suppression), so the hidden number cannot be recovered by subtraction.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from typing import Iterable, Literal

from .schema import Indicator, Municipality, ProfileSettings

Key = tuple[int, bool]  # (year, forecast)
Source = Literal["given", "aggregated", "computed"]
Reliability = Literal["ok", "flagged", "suppressed"]

SOURCE_LABELS = {"given": "angegeben", "aggregated": "Summe der Sozialräume", "computed": "berechnet"}


@dataclass(frozen=True, slots=True)  # millions of values in a Land-size atlas: no __dict__ each
class Value:
    """One figure of one area. `value` is the true number; show it only when `shown`."""

    indicator: str
    area: str
    year: int
    forecast: bool
    value: float
    example: bool = False
    source: Source = "given"
    cases: float | None = None  # the count a rate rests on (its numerator), or the count itself
    base: float | None = None  # the denominator of a derived value
    reliability: Reliability = "ok"
    note: str | None = None
    date: dt.date | None = None  # Stichtag; None: only the year is known, taken as 31 December

    @property
    def period(self) -> str:
        """„2022“, or „2022 (Stichtag 15.05.2022)“ when the value is not as of the end of the year."""
        return period_label(self.year, self.date)

    @property
    def shown(self) -> bool:
        return self.reliability != "suppressed"

    @property
    def flagged(self) -> bool:
        return self.reliability == "flagged"

    @property
    def key(self) -> Key:
        return (self.year, self.forecast)


@dataclass
class Statistics:
    """All values of all indicators in all areas, with the lookups the pages need."""

    indicators: dict[str, Indicator]
    district_id: str
    unit_ids: list[str]
    region_members: dict[str, list[str]]
    table: dict[str, dict[str, dict[Key, Value]]] = field(default_factory=dict)  # indicator → area → key → value
    # per (indicator, key): the units' values and their shown values sorted, once `compute` has finished
    # (every profile asks for the ranks of every indicator: without the cache O(units²))
    _cache: dict[tuple[str, Key], tuple[dict[str, Value], list[float]]] | None = field(default=None, repr=False, compare=False)

    def series(self, indicator_id: str, area_id: str, forecast: bool | None = None) -> list[Value]:
        """Values of one area, by year (observed before forecast within a year)."""
        found = self.table.get(indicator_id, {}).get(area_id, {})
        return [found[k] for k in sorted(found) if forecast is None or k[1] == forecast]

    def get(self, indicator_id: str, area_id: str, year: int, forecast: bool = False) -> Value | None:
        return self.table.get(indicator_id, {}).get(area_id, {}).get((year, forecast))

    def latest(self, indicator_id: str, area_id: str, forecast: bool = False) -> Value | None:
        values = self.series(indicator_id, area_id, forecast)
        return values[-1] if values else None

    def earliest(self, indicator_id: str, area_id: str) -> Value | None:
        values = self.series(indicator_id, area_id, False)
        return values[0] if values else None

    def columns(self, indicator_id: str) -> list[Key]:
        """Every (year, forecast) with a value in any area."""
        return sorted({k for area in self.table.get(indicator_id, {}).values() for k in area})

    def freeze(self) -> None:
        """No more values will be added or changed: rank lookups may be cached."""
        self._cache = {}

    def _unit_values(self, indicator_id: str, key: Key) -> tuple[dict[str, Value], list[float]]:
        if self._cache is not None and (indicator_id, key) in self._cache:
            return self._cache[(indicator_id, key)]
        by_area = self.table.get(indicator_id, {})
        values = {u: by_area[u][key] for u in self.unit_ids if key in by_area.get(u, {})}
        found = (values, sorted(v.value for v in values.values() if v.shown))
        if self._cache is not None:
            self._cache[(indicator_id, key)] = found
        return found

    def unit_values(self, indicator_id: str, key: Key) -> dict[str, Value]:
        """Values of all units for one indicator and (year, forecast) key (a new dict: callers may change it)."""
        return dict(self._unit_values(indicator_id, key)[0])

    def rank(self, indicator_id: str, area_id: str, key: Key) -> tuple[int, int] | None:
        """(rank, number of ranked units) of a unit; rank 1 = highest value, ties share the rank.

        Only shown values are ranked: a suppressed value has no rank and is not counted.
        """
        values, shown = self._unit_values(indicator_id, key)
        own = values.get(area_id)
        if own is None or not own.shown:
            return None
        return 1 + len(shown) - bisect.bisect_right(shown, own.value), len(shown)

    def dependencies(self, indicator_id: str) -> list[str]:
        ind = self.indicators[indicator_id]
        return list(ind.formula.numerator + ind.formula.denominator) if ind.formula else []


def period_label(year: int, date: dt.date | None) -> str:
    """The year, with the Stichtag when it is not 31 December (Zensus: 15.05.)."""
    if date is None or (date.month, date.day) == (12, 31):
        return str(year)
    return f"{year} (Stichtag {date.day:02d}.{date.month:02d}.{date.year})"


_DATE = re.compile(r"^(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4}))$")


def parse_date(text: str) -> dt.date | None:
    """`2022-05-15` or `15.05.2022` → the date; None when the text is no valid date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match["y"] or match["y2"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"]))
    except ValueError:
        return None


def common_date(values: Iterable["Value"]) -> dt.date | None:
    """The Stichtag all values share, else None (a sum or rate of values of different dates has none)."""
    dates = {v.date for v in values}
    return dates.pop() if len(dates) == 1 else None


def formula_order(indicators: dict[str, Indicator]) -> tuple[list[str], list[str]]:
    """Indicator ids with every formula's inputs before the formula; and the ids in a cycle (if any)."""
    graph = {i: [d for d in (ind.formula.numerator + ind.formula.denominator if ind.formula else []) if d in indicators] for i, ind in indicators.items()}
    try:
        return list(TopologicalSorter(graph).static_order()), []
    except CycleError as exc:
        return [], sorted(set(exc.args[1]))


def compute(
    indicators: dict[str, Indicator],
    given: Iterable,  # model.IndicatorValue rows
    units: dict[str, Municipality],
    region_ids: Iterable[str],
    district_id: str,
    settings: ProfileSettings,
) -> Statistics:
    """Every value of every indicator in every area (see the module docstring for the rules)."""
    members: dict[str, list[str]] = {r: [] for r in sorted(region_ids)}
    for unit in units.values():
        if unit.region in members:
            members[unit.region].append(unit.id)
    stats = Statistics(indicators, district_id, list(units), members)
    aggregates = {**members, district_id: list(units)}
    areas = list(units) + list(members) + [district_id]

    given_by: dict[str, dict[str, dict[Key, Value]]] = defaultdict(lambda: defaultdict(dict))
    for row in given:
        given_by[row.indicator][row.area][(row.year, row.forecast)] = Value(
            row.indicator, row.area, row.year, row.forecast, row.value, row.example, "given", note=row.note, date=row.date
        )

    order, _ = formula_order(indicators)
    for ind_id in order:
        ind = indicators[ind_id]
        table: dict[str, dict[Key, Value]] = {a: dict(given_by[ind_id].get(a, {})) for a in areas}
        if ind.formula is not None:
            for area in areas:
                for key, value in _derive(stats, ind, area).items():
                    table[area].setdefault(key, value)
        elif ind.aggregation == "sum":
            for area, unit_ids in aggregates.items():
                for key, value in _sum(ind_id, area, [table[u] for u in unit_ids]).items():
                    table[area].setdefault(key, value)
        stats.table[ind_id] = {a: vals for a, vals in table.items() if vals}
        _apply_small_numbers(stats, ind, settings, aggregates)
    stats.freeze()
    return stats


def _sum(ind_id: str, area: str, unit_tables: list[dict[Key, Value]]) -> dict[Key, Value]:
    if not unit_tables:
        return {}
    keys = set.intersection(*(set(t) for t in unit_tables))
    result = {}
    for key in sorted(keys):
        parts = [t[key] for t in unit_tables]
        total = sum(p.value for p in parts)
        result[key] = Value(ind_id, area, key[0], key[1], total, any(p.example for p in parts), "aggregated", date=common_date(parts))
    return result


def _derive(stats: Statistics, ind: Indicator, area: str) -> dict[Key, Value]:
    formula = ind.formula
    assert formula is not None
    inputs = formula.numerator + formula.denominator
    tables = [stats.table.get(i, {}).get(area, {}) for i in inputs]
    if not tables or any(not t for t in tables):
        return {}
    result = {}
    for key in sorted(set.intersection(*(set(t) for t in tables))):
        numerator = [stats.table[i][area][key] for i in formula.numerator]
        denominator = [stats.table[i][area][key] for i in formula.denominator]
        top = sum(v.value for v in numerator)
        bottom = sum(v.value for v in denominator) if denominator else None
        if bottom is not None and bottom == 0:
            continue
        number = top / bottom * formula.factor if bottom is not None else top * formula.factor
        parts = numerator + denominator
        cases = top if all(stats.indicators[v.indicator].formula is None for v in numerator) else None
        result[key] = Value(ind.id, area, key[0], key[1], number, any(p.example for p in parts), "computed", cases=cases, base=bottom,
                             date=common_date(parts))
    return result


def _thresholds(ind: Indicator, settings: ProfileSettings) -> tuple[int, int] | None:
    rule = ind.small_numbers
    if rule is None and ind.formula is None:
        return None
    flag = rule.flag_below if rule is not None and rule.flag_below is not None else settings.flag_below
    suppress = rule.suppress_below if rule is not None and rule.suppress_below is not None else settings.suppress_below
    return flag, suppress


def _apply_small_numbers(stats: Statistics, ind: Indicator, settings: ProfileSettings, aggregates: dict[str, list[str]]) -> None:
    limits = _thresholds(ind, settings)
    table = stats.table.get(ind.id, {})
    if limits is None or not table:
        return
    flag_below, suppress_below = limits
    for area, values in table.items():
        for key, v in list(values.items()):
            cases = v.cases if ind.formula is not None else v.value
            if cases is None:
                continue
            reliability: Reliability = "suppressed" if cases < suppress_below else "flagged" if cases < flag_below else "ok"
            values[key] = Value(v.indicator, v.area, v.year, v.forecast, v.value, v.example, v.source, cases, v.base, reliability, v.note, v.date)
    # secondary suppression: never exactly one hidden unit beside a shown total
    changed = True
    while changed:
        changed = False
        for area, unit_ids in aggregates.items():
            for key, total in list(table.get(area, {}).items()):
                if not total.shown:
                    continue
                parts = [table[u][key] for u in unit_ids if key in table.get(u, {})]
                hidden = [p for p in parts if not p.shown]
                visible = sorted((p for p in parts if p.shown), key=lambda p: (p.cases if p.cases is not None else p.value, p.area))
                if len(hidden) == 1 and visible:
                    nxt = visible[0]
                    table[nxt.area][key] = Value(nxt.indicator, nxt.area, nxt.year, nxt.forecast, nxt.value, nxt.example, nxt.source,
                                                 nxt.cases, nxt.base, "suppressed", "zum Schutz einer kleinen Fallzahl nicht gezeigt", nxt.date)
                    changed = True


def formula_text(ind: Indicator, indicators: dict[str, Indicator]) -> str:
    """`(A + B) ÷ C × 100` with the indicators' labels, for the indicator page."""
    formula = ind.formula
    if formula is None:
        return ""

    def part(ids: list[str]) -> str:
        labels = [indicators[i].label if i in indicators else i for i in ids]
        text = " + ".join(labels)
        return f"({text})" if len(labels) > 1 else text

    from ..core.formatting import fmt_number

    text = part(formula.numerator)
    if formula.denominator:
        text += " ÷ " + part(formula.denominator)
    if formula.factor != 1:
        text += " × " + fmt_number(formula.factor, 0 if float(formula.factor).is_integer() else 2)
    return text
