"""What the indicator import advises when member municipalities cannot be added up into their Amt.

Counts add up (`aggregation: sum`); shares and rates (%, ‰, „je 1.000 Einwohner“, Quote, Anteil, Dichte)
never do: the rate of an Amt is not the sum (nor the mean) of its municipalities' rates but its own
numerator divided by its own denominator. So for a rate the advice is never `aggregation: sum`, but to
import the Amt's own value or to compute the rate from counts (`formula` with numerator and denominator).
"""

from __future__ import annotations

import re
from typing import Any

from ..model.schema import Indicator

RATE_UNIT = re.compile(r"%|‰|\b(?:je|pro|prozent|promille|anteil|quote)\b", re.IGNORECASE)
RATE_NAME = re.compile(r"quote|quotient|anteil|rate\b|dichte", re.IGNORECASE)


def is_rate(ind: Indicator) -> bool:
    """A share or rate by its unit („%“, „je 1.000 Einwohner“) or its name (…quote, Anteil …, …dichte), or a formula with a denominator."""
    return bool(RATE_UNIT.search(ind.unit) or RATE_NAME.search(ind.label) or RATE_NAME.search(ind.id)
                or (ind.formula is not None and ind.formula.denominator))


def counts_for(ind: Indicator, indicators: dict[str, Indicator]) -> list[str]:
    """Counts of the atlas that may be the rate's numerator: indicators that are no rate and whose id begins its id (arbeitslose → arbeitslosenquote)."""
    stem = ind.id.split("-")[0]
    return [i.id for i in indicators.values() if i.id != ind.id and not is_rate(i) and i.formula is None and stem.startswith(i.id.split("-")[0])]


def not_additive(ind: Indicator, indicators: dict[str, Indicator], kind: Any) -> str:
    """Why the members' values are not added up into the unit (`kind`: its UnitType), with what to do instead (German)."""
    if ind.formula is not None:
        parts = ", ".join(f"„{i}“" for i in ind.formula.numerator + ind.formula.denominator)
        return (f"„{ind.label}“ wird aus Zähler und Nenner berechnet (formula), nicht addiert; bitte die Anzahlen {parts} einlesen, "
                f"dann wird der Wert {kind.of_the} daraus berechnet")
    if is_rate(ind):
        counts = counts_for(ind, indicators)
        example = f", z. B. mit „{counts[0]}“ im Zähler" if counts else ""
        told = f"; „aggregation: sum“ in indicators/{ind.id}.yaml ist dafür falsch" if ind.aggregation == "sum" else ""
        return (f"„{ind.label}“ ist ein Anteil oder eine Quote (Einheit „{ind.unit}“), die sich nicht {kind.towards} addieren lässt{told}; "
                f"bitte den Wert {kind.of_the} selbst einlesen oder die Kennzahl in indicators/{ind.id}.yaml aus Zähler und Nenner "
                f"berechnen lassen (formula: numerator, denominator{example})")
    return (f"die Werte von „{ind.id}“ lassen sich nicht {kind.towards} addieren: in indicators/{ind.id}.yaml fehlt „aggregation: sum“; "
            f"das bitte nur eintragen, wenn die Kennzahl eine Anzahl ist (Einheit „{ind.unit}“)")
