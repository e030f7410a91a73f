"""Sozialraumprofil: each indicator of a unit beside the district, and the Hinweise für die Bedarfsanalyse.

For every unit and indicator (with `profile: true`): the latest shown observed value, the district's
value of the same year, the difference, the rank among the units, the change since the earliest year
and the latest forecast with the district's forecast of the same year.

Hints (rule per indicator, default in atlas.yaml `profiles`):

* `ratio` (default, threshold 1,2): the unit's value is at least threshold × the district's value or at
  most district ÷ threshold;
* `difference`: the unit's value differs from the district's by at least the threshold (in the unit of
  the indicator, e.g. percentage points);
* `none`: no hints (counts, areas).

A hint is phrased neutrally, always with the figures behind it, never for a suppressed value, and with
a caution for a value that rests on few cases. Beside each hint the unit's offers, networks and the
needs of its Sozialraumkonferenz in the same field (topics) are listed, so that a gap is visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.formatting import fmt_number, fmt_value
from .indicators import Statistics, Value
from .schema import AreaKind, Indicator, Municipality, Need, Network, Offer, ProfileSettings, area_kind, default_area_kinds

PERCENT_UNITS = ("%", "Prozent")


@dataclass
class Row:
    """One indicator of one unit beside the district."""

    indicator: Indicator
    value: Value | None  # latest observed value of the unit (may be suppressed)
    district: Value | None  # district value of the same year (else its latest observed)
    rank: tuple[int, int] | None
    first: Value | None  # earliest shown observed value of the unit, when older than `value`
    forecast: Value | None
    district_forecast: Value | None

    @property
    def difference(self) -> float | None:
        if self.value is None or self.district is None or not self.value.shown or self.value.year != self.district.year:
            return None
        return self.value.value - self.district.value

    @property
    def ratio(self) -> float | None:
        if self.difference is None or not self.district or self.district.value == 0:
            return None
        return self.value.value / self.district.value  # type: ignore[union-attr]

    @property
    def change(self) -> float | None:
        if self.first is None or self.value is None or not self.value.shown:
            return None
        return self.value.value - self.first.value

    def fmt(self, v: Value | None, unit: bool = True) -> str:
        """A value as shown: German number, „unsicher“ marks are added by the template."""
        if v is None:
            return "–"
        if not v.shown:
            return "nicht gezeigt (zu wenige Fälle)"
        ind = self.indicator
        return fmt_value(v.value, ind.decimals, ind.unit) if unit else fmt_number(v.value, ind.decimals)

    def fmt_difference(self, number: float | None) -> str:
        if number is None:
            return "–"
        ind = self.indicator
        sign = "+" if number > 0 else ("−" if number < 0 else "±")
        unit = "Prozentpunkte" if ind.unit in PERCENT_UNITS else ind.unit
        return f"{sign}{fmt_number(abs(number), ind.decimals)}\u00a0{unit}"


def rows(stats: Statistics, indicators: dict[str, Indicator], unit: Municipality) -> list[Row]:
    result = []
    for ind in indicators.values():
        if not ind.profile:
            continue
        value = stats.latest(ind.id, unit.id)
        forecast = stats.latest(ind.id, unit.id, forecast=True)
        if value is None and forecast is None:
            continue
        district = None
        if value is not None:
            district = stats.get(ind.id, stats.district_id, value.year) or stats.latest(ind.id, stats.district_id)
        shown = [v for v in stats.series(ind.id, unit.id, forecast=False) if v.shown]
        first = shown[0] if shown and value is not None and shown[0].year < value.year else None
        district_forecast = stats.get(ind.id, stats.district_id, forecast.year, forecast=True) if forecast else None
        rank = stats.rank(ind.id, unit.id, value.key) if value is not None else None
        result.append(Row(ind, value, district, rank, first, forecast, district_forecast))
    return result


# --------------------------------------------------------------------------------------------- hints


@dataclass
class Hint:
    row: Row
    text: str
    topics: list[str]
    offers: list[Offer] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    needs: list[tuple[str, Need]] = field(default_factory=list)  # (conference title, need)


def subject(ind: Indicator) -> str:
    return f"{ind.article.capitalize()} {ind.label}" if ind.article else f"Der Wert „{ind.label}“"


def _times(ratio: float) -> str:
    return fmt_number(ratio, 1)


def hint_text(row: Row, rule: str, district_name: str, area: AreaKind | None = None) -> str:
    """The sentence of a hint: comparison with the district, change, forecast, reliability.

    `area`: the kind of the atlas' area (its words: „im Landkreis …“, „in der Stadt …“); by default derived from the name."""
    area = area or area_kind(list(default_area_kinds()), None, district_name, "")
    in_district = area.with_name(district_name)["in"]
    ind, v, d = row.indicator, row.value, row.district
    assert v is not None and d is not None
    own, other = fmt_number(v.value, ind.decimals), fmt_number(d.value, ind.decimals)
    ratio = row.ratio or 0
    if rule == "difference":
        where = "über" if v.value > d.value else "unter"
        text = f"{subject(ind)} liegt mit {own} um {row.fmt_difference(abs(row.difference or 0)).lstrip('+')} {where} dem Wert {in_district} ({other}; {v.year})."
    elif ratio >= 1:
        text = f"{subject(ind)} liegt mit {own} etwa {_times(ratio)}-mal so hoch wie {in_district} ({other}; {v.year})."
    else:
        below = round((1 - ratio) * 100)
        text = f"{subject(ind)} liegt mit {own} etwa {below} % unter dem Wert {in_district} ({other}; {v.year})."
    if row.first is not None and row.change is not None:
        direction = "gestiegen" if row.change > 0 else ("gesunken" if row.change < 0 else "gleich geblieben")
        pronoun = {"die": "sie", "das": "es"}.get(ind.article or "", "er")
        text += f" Seit {row.first.year} ist {pronoun} von {fmt_number(row.first.value, ind.decimals)} auf {own} {direction}."
    if row.forecast is not None and row.forecast.shown:
        text += f" Prognose {row.forecast.year}: {fmt_number(row.forecast.value, ind.decimals)}"
        if row.district_forecast is not None and row.district_forecast.shown:
            text += f" ({area.label}: {fmt_number(row.district_forecast.value, ind.decimals)})"
        text += "."
    if v.flagged and v.cases is not None:
        text += f" Der Wert beruht auf nur {fmt_number(v.cases)} Fällen und ist daher unsicher."
    return text


def hint_rule(ind: Indicator, settings: ProfileSettings) -> str:
    """The indicator's own rule; else `none` for counts (`aggregation: sum`): a unit's count is always a small part of
    the district's total, so „liegt etwa 95 % unter dem Wert im Landkreis“ would say nothing; else the atlas' rule."""
    return ind.hints.rule or ("none" if ind.aggregation == "sum" else settings.hint_rule)


def notable(row: Row, settings: ProfileSettings) -> str | None:
    """The rule that makes the row notable (`ratio` or `difference`), or None."""
    rule = hint_rule(row.indicator, settings)
    threshold = row.indicator.hints.threshold or settings.hint_threshold
    if rule == "none" or row.value is None or not row.value.shown or row.difference is None:
        return None
    if rule == "difference":
        return rule if abs(row.difference) >= threshold else None
    ratio = row.ratio
    if ratio is None or ratio <= 0:
        return None
    return rule if ratio >= threshold or ratio <= 1 / threshold else None


def hints(atlas, unit: Municipality, unit_rows: list[Row]) -> list[Hint]:
    """The Hinweise für die Bedarfsanalyse of one unit, with offers, networks and needs in the same field."""
    settings = atlas.config.profiles
    district_name = atlas.area.named(atlas.district.short_name or atlas.district.name)  # „Landkreis Testkreis“, „Stadt Musterstadt“
    conferences = atlas.conferences_in(unit.id)
    result = []
    for row in unit_rows:
        rule = notable(row, settings)
        if rule is None:
            continue
        topics = row.indicator.hints.topics or ([row.indicator.topic] if row.indicator.topic else [])
        hint = Hint(row, hint_text(row, rule, district_name, atlas.area), topics)
        hint.offers = [o for o in atlas.offers_in(unit.id) if set(o.topics) & set(topics)]
        hint.networks = [n for n in atlas.networks_in(unit.id) if set(n.topics) & set(topics)]
        hint.needs = [(c, need) for c in conferences[:1] for need in c.needs if need.topic in topics]
        result.append(hint)
    return result
