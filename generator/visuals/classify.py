"""Classes for thematic maps: class breaks (quantiles or Fisher–Jenks natural breaks) and German legend labels.

Breaks are a list `[b0, b1, …, bk]` of k + 1 ascending numbers: `b0` is the smallest value, `bk` the
largest. Class i holds the values v with `b[i] <= v < b[i+1]`; the last class also holds `bk`
(`class_of`). Legends read accordingly: „12,0 bis unter 18,5“, …, „18,5 bis 30,2“ for the last class.

* quantiles: about the same number of units in every class; the lower limit of class i is the value
  at rank ⌊i·n/k⌋ of the sorted values (the next larger value where equal values would repeat a limit).
* jenks: Fisher's exact optimal partition of the sorted values into k groups with the smallest sum
  of squared deviations from the group means (dynamic programming, O(k·n²)). Above `JENKS_LIMIT`
  values the method falls back to quantiles (documented in `classify`); a district has far fewer units.

k is reduced when there are fewer distinct values than classes, and breaks never repeat, so no class is
empty. Everything is deterministic and independent of the input order.
"""

from __future__ import annotations

from typing import Literal

from ..core.formatting import fmt_number

Method = Literal["quantiles", "jenks"]
METHODS: dict[str, str] = {
    "quantiles": "Quantile (etwa gleich viele Gebiete je Klasse)",
    "jenks": "natürliche Klassengrenzen (Fisher-Jenks)",
}
JENKS_LIMIT = 500  # values; above this the O(k·n²) search is too slow in pure Python → quantiles
NO_DATA = "keine Daten"


def classify(values: list[float], method: Method = "quantiles", k: int = 5) -> list[float]:
    """Class breaks `[min, …, max]` for the values (None values are ignored); [] without values.

    With a single distinct value the result is `[v, v]` (one class). `jenks` with more than
    `JENKS_LIMIT` values uses quantiles instead.
    """
    data = sorted(float(v) for v in values if v is not None)
    if not data:
        return []
    if method not in METHODS:
        raise ValueError(f"unknown classification method {method!r}")
    distinct = sorted(set(data))
    k = max(1, min(int(k), len(distinct)))
    if k == 1:
        return [data[0], data[-1]]
    if method == "jenks" and len(data) <= JENKS_LIMIT:
        lowers = _jenks_lowers(data, k)
    else:
        lowers = _quantile_lowers(data, distinct, k)
    inner = sorted({b for b in lowers if data[0] < b})
    return [data[0], *inner, data[-1]]


def _quantile_lowers(data: list[float], distinct: list[float], k: int) -> list[float]:
    """Lower limits of classes 2..k: the value at rank ⌊i·n/k⌋, moved up to the next distinct value on ties."""
    lowers: list[float] = []
    previous = data[0]
    for i in range(1, k):
        value = data[(i * len(data)) // k]
        if value <= previous:
            value = next((d for d in distinct if d > previous), previous)
        if value > previous:
            lowers.append(value)
            previous = value
    return lowers


def _jenks_lowers(data: list[float], k: int) -> list[float]:
    """Lower limits of classes 2..k of the optimal partition of sorted `data` into k groups."""
    n = len(data)
    # prefix sums for the sum of squared deviations of data[i:j]
    s1 = [0.0] * (n + 1)
    s2 = [0.0] * (n + 1)
    for i, x in enumerate(data):
        s1[i + 1] = s1[i] + x
        s2[i + 1] = s2[i] + x * x

    def ssd(i: int, j: int) -> float:  # data[i:j], j > i
        total = s1[j] - s1[i]
        return max(0.0, (s2[j] - s2[i]) - total * total / (j - i))

    inf = float("inf")
    # cost[c][j]: best cost of splitting data[:j] into c + 1 groups; start[c][j]: index where the last group begins
    cost = [[inf] * (n + 1) for _ in range(k)]
    start = [[0] * (n + 1) for _ in range(k)]
    for j in range(1, n + 1):
        cost[0][j] = ssd(0, j)
    for c in range(1, k):
        for j in range(c + 1, n + 1):
            best, best_i = inf, c
            for i in range(c, j):  # last group data[i:j]
                value = cost[c - 1][i] + ssd(i, j)
                if value < best - 1e-12:
                    best, best_i = value, i
            cost[c][j], start[c][j] = best, best_i
    lowers = []
    j = n
    for c in range(k - 1, 0, -1):
        i = start[c][j]
        lowers.append(data[i])
        j = i
    return sorted(lowers)


def class_of(value: float | None, breaks: list[float]) -> int | None:
    """Index of the class of `value` (0 = lowest); None for no value or no breaks. Values outside go to the end classes."""
    if value is None or len(breaks) < 2:
        return None
    for i in range(len(breaks) - 2, 0, -1):
        if value >= breaks[i]:
            return i
    return 0


def labels(breaks: list[float], decimals: int = 0, unit: str | None = None) -> list[str]:
    """German legend labels: `12,0 bis unter 18,5`, …, `18,5 bis 30,2` (last class closed), unit after the last."""
    if len(breaks) < 2:
        return []
    suffix = f"\u00a0{unit}" if unit else ""
    count = len(breaks) - 1
    if breaks[0] == breaks[-1]:
        return [fmt_number(breaks[0], decimals) + suffix]
    result = []
    for i in range(count):
        low, high = fmt_number(breaks[i], decimals), fmt_number(breaks[i + 1], decimals)
        if breaks[i] == breaks[i + 1]:  # a last class of one value
            result.append(low + suffix)
        else:
            result.append(f"{low} bis {'' if i == count - 1 else 'unter '}{high}{suffix}")
    return result
