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

Two drawings of every chart, the same texts and data: `Chart.svg`, `svg.WIDTH` (640) wide, and `Chart.narrow`,
`svg.NARROW` (340) wide with labels wrapped, fewer ticks and values above their bars where needed. The page
shows the narrow one on phones (`picture()`, `NARROW_MEDIA`), each at its natural size, so that no letter is
drawn below 11 CSS px (svg.SMALL_SIZE is 12). Layout widths come from `svg.text_width` (DejaVu Sans, the widest
common sans-serif), so that no label leaves its drawing. Every axis and the ranking strip has a title
(`data-kind="axis-title"`): a time series its unit and „Jahr“, a ranking „Wert (unit) – ein Strich je …“.

Modules: common.py (data classes, shared texts and styles), series_chart.py, bar_chart.py, rank_chart.py;
this package exports the public interface.
"""

from __future__ import annotations

from .bar_chart import comparison_bars
from .common import (
    DENSE, EMPTY, FLAG, FLAG_LEGEND, NARROW_MEDIA, NO_VALUE, ZERO_SHARE, Bar, Chart, Point, RankItem, Series, narrow_path, picture,
)
from .rank_chart import RankBase, rank_base, ranking, ranks
from .series_chart import time_series

__all__ = [
    "DENSE", "EMPTY", "FLAG", "FLAG_LEGEND", "NARROW_MEDIA", "NO_VALUE", "ZERO_SHARE", "Bar", "Chart", "Point", "RankBase",
    "RankItem", "Series", "comparison_bars", "narrow_path", "picture", "rank_base", "ranking", "ranks", "time_series",
]
