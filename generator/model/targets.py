"""Targets (Ziele in 4 Perspektiven): the status of every target in every area it applies to.

The status rule, documented on the target pages:

* **keine Daten** – the area has no shown (observed) value of the indicator.
* **erreicht** – the latest observed value meets the target (at least / at most the target value).
* **auf Kurs** – not yet met, the target year has not passed, and the latest value is at least as far
  as the straight line from the baseline value (value in the baseline year, else the earliest value)
  to the target value in the target year would have it in the latest year; or a forecast for the
  target year meets the target.
* **gefährdet** – otherwise: behind that line, or the target year has passed without reaching it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .indicators import Statistics, Value
from .schema import Target

Status = Literal["erreicht", "auf-kurs", "gefaehrdet", "keine-daten"]
STATUS_LABELS: dict[str, str] = {"erreicht": "erreicht", "auf-kurs": "auf Kurs", "gefaehrdet": "gefährdet", "keine-daten": "keine Daten"}
STATUS_ORDER = ("gefaehrdet", "auf-kurs", "erreicht", "keine-daten")


@dataclass(frozen=True)
class TargetStatus:
    target: Target
    area: str
    status: Status
    latest: Value | None
    baseline: Value | None
    expected: float | None  # where the straight path would be in the latest year
    reason: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def areas_of(target: Target, stats: Statistics) -> list[str]:
    """The areas a target applies to, in a stable order."""
    if target.scope == "district":
        return [stats.district_id]
    if target.scope == "all_municipalities":
        return list(stats.unit_ids)
    if target.scope == "municipalities":
        return [u for u in stats.unit_ids if u in target.municipalities]
    return [r for r in stats.region_members if r in target.regions]


def _meets(target: Target, value: float) -> bool:
    return value >= target.target_value if target.direction == "at_least" else value <= target.target_value


def status(target: Target, area: str, stats: Statistics) -> TargetStatus:
    observed = [v for v in stats.series(target.indicator, area, forecast=False) if v.shown]
    if not observed:
        hidden = any(not v.shown for v in stats.series(target.indicator, area, forecast=False))
        reason = "Werte beruhen auf zu wenigen Fällen und werden nicht gezeigt" if hidden else "kein Wert der Kennzahl für dieses Gebiet"
        return TargetStatus(target, area, "keine-daten", None, None, None, reason)
    latest = observed[-1]
    baseline = next((v for v in observed if v.year == target.baseline_year), observed[0])
    if _meets(target, latest.value):
        return TargetStatus(target, area, "erreicht", latest, baseline, None, "der letzte Wert erfüllt das Ziel")
    if latest.year >= target.target_year:
        return TargetStatus(target, area, "gefaehrdet", latest, baseline, None, "das Zieljahr ist erreicht, der Zielwert nicht")
    forecast = stats.get(target.indicator, area, target.target_year, forecast=True)
    if forecast is not None and forecast.shown and _meets(target, forecast.value):
        return TargetStatus(target, area, "auf-kurs", latest, baseline, None, f"die Prognose für {target.target_year} erfüllt das Ziel")
    span = target.target_year - baseline.year
    expected = baseline.value + (target.target_value - baseline.value) * (latest.year - baseline.year) / span if span > 0 else None
    if expected is not None:
        on_path = latest.value >= expected if target.direction == "at_least" else latest.value <= expected
        if on_path:
            return TargetStatus(target, area, "auf-kurs", latest, baseline, expected, "der letzte Wert liegt auf dem Weg zum Zielwert")
        return TargetStatus(target, area, "gefaehrdet", latest, baseline, expected, "der letzte Wert liegt hinter dem Weg zum Zielwert")
    return TargetStatus(target, area, "gefaehrdet", latest, baseline, None, "der Ausgangswert liegt nicht vor dem Zieljahr")


def statuses(targets: dict[str, Target], stats: Statistics) -> list[TargetStatus]:
    """Status of every target in every area it applies to (targets by id, areas in scope order)."""
    return [status(t, area, stats) for t in targets.values() for area in areas_of(t, stats)]
