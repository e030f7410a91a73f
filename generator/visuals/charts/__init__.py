"""Static SVG charts for the profile pages, rendered at build time: readable without any script.

Three kinds, each returned as a `Chart` with title, German summary, data table and alt text:

- `time_series`: lines over years; forecast years dashed with hollow markers under a "Prognose" band.
- `comparison_bars`: per indicator a pair of bars, the unit (solid) against the district (hatched).
- `ranking`: a compact strip of all units' values with the profile's unit marked and its rank.

Colour is never the only carrier of meaning: series differ in marker shape and line width, reference
bars are hatched, forecasts are dashed and hollow, every chart has a legend in words. All colours reach
4,5:1 against white (generator/visuals/svg.py). Numbers are German (generator/core/formatting.py).

Axis rules: bars always start at 0. A time series' value axis starts at 0 unless all values lie on one
side of 0 and the smallest is more than `ZERO_SHARE` (60 %) of the largest (then a 0-based axis would
squeeze the lines into the top strip, and the axis starts at a 1-2-5 tick below the smallest value).
A ranking strip shows positions, not lengths, so its axis covers the values' range only.
Ranks: 1 = highest value; values equal at the shown precision share a rank (1, 2, 2, 4).

Modules: common.py (data classes, shared texts and styles), series_chart.py, bar_chart.py, rank_chart.py;
this package exports the public interface.
"""

from __future__ import annotations

from .bar_chart import comparison_bars
from .common import DENSE, EMPTY, FLAG, FLAG_LEGEND, NO_VALUE, ZERO_SHARE, Bar, Chart, Point, RankItem, Series
from .rank_chart import RankBase, rank_base, ranking, ranks
from .series_chart import time_series

__all__ = [
    "Bar", "Chart", "DENSE", "EMPTY", "FLAG", "FLAG_LEGEND", "NO_VALUE", "Point", "RankBase", "RankItem", "Series",
    "ZERO_SHARE", "comparison_bars", "rank_base", "ranking", "ranks", "time_series",
]
