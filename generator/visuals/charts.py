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
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import svg as s
from ..core.formatting import DASH, fmt_number, fmt_value, join_words

ZERO_SHARE = 0.6
FLAG = "unsicher"
FLAG_LEGEND = "unsicher (wenige Fälle)"
EMPTY = "Keine Werte vorhanden"
NO_VALUE = "kein Wert"
DENSE = 60  # above this many units, the ranking strip becomes a small histogram
ROLE_ORDER = {"unit": 0, "district": 1, "region": 2, "other": 3}


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None
    forecast: bool = False
    flagged: bool = False


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]
    role: str = "unit"  # unit, district, region, other


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    summary: str
    head: list[str]
    rows: list[list[str]]
    alt: str
    note: str = ""  # shown under the data table, e.g. that the table is an excerpt


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    reference: float | None
    unit: str
    decimals: int
    flagged: bool = False


@dataclass(frozen=True)
class RankItem:
    label: str
    value: float | None
    highlight: bool = False
    flagged: bool = False


# ---------------------------------------------------------------- shared pieces


def _with_unit(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit else label


def _cell(value: float | None, decimals: int, flagged: bool = False, forecast: bool = False) -> str:
    text = fmt_number(value, decimals)
    if value is not None and forecast:
        text += " (Prognose)"
    if value is not None and flagged:
        text += f" ({FLAG})"
    return text


def _rounded(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _empty(title: str, kind: str, ident: str, head: list[str]) -> Chart:
    height = 80
    body = [s.text(s.WIDTH / 2, 45, EMPTY, "middle", fill=s.MUTED)]
    summary = f"{EMPTY}."
    svg = s.document(ident, s.WIDTH, height, title, summary, body)
    return Chart(title, svg, summary, head, [], f"{kind}: {title} – keine Werte vorhanden")


def _styles(series: list[Series]) -> list[s.Style]:
    """Role styles; a role used twice, or an unknown role, takes the next unused style of the other pool."""
    styles: list[s.Style] = []
    for item in series:
        style = s.ROLE_STYLES.get(item.role)
        if style is None or style in styles:
            free = [st for st in s.OTHER_STYLES if st not in styles]
            style = free[0] if free else s.OTHER_STYLES[len(styles) % len(s.OTHER_STYLES)]
        styles.append(style)
    return styles


# ---------------------------------------------------------------- time series


def _value_domain(values: list[float]) -> tuple[list[float], int]:
    low, high = min(values), max(values)
    if low >= 0 and not (low > ZERO_SHARE * high):
        low = 0.0
    elif high <= 0 and not (high < ZERO_SHARE * low):
        high = 0.0
    return s.nice_ticks(low, high)


def _year_ticks(years: list[int], px_per_year: float) -> list[int]:
    """All data years if their labels fit, else round years in steps of 1, 2, 5, 10, … years."""
    gaps = [b - a for a, b in zip(years, years[1:])]
    if not gaps or min(gaps) * px_per_year >= 40:
        return years
    step = next((n for n in (1, 2, 5, 10, 20, 25, 50, 100) if n * px_per_year >= 44), 100)
    first = -(-years[0] // step) * step
    return list(range(first, years[-1] + 1, step))


def _segments(points: list[Point]) -> list[tuple[bool, list[Point]]]:
    """Runs of connected points as (dashed, points); a line into a forecast point is dashed, None breaks the line."""
    runs: list[tuple[bool, list[Point]]] = []
    for a, b in zip(points, points[1:]):
        if a.value is None or b.value is None:
            continue
        dashed = a.forecast or b.forecast
        if runs and runs[-1][0] == dashed and runs[-1][1][-1] is a:
            runs[-1][1].append(b)
        else:
            runs.append((dashed, [a, b]))
    return runs


def _forecast_start(series: list[Series]) -> int:
    """Where the "Prognose" band begins: the last observed year before the first forecast (the base year)."""
    starts = []
    for item in series:
        valued = [p for p in item.points if p.value is not None]
        forecast = [p.year for p in valued if p.forecast]
        if forecast:
            observed = [p.year for p in valued if not p.forecast and p.year < min(forecast)]
            starts.append(max(observed) if observed else min(forecast))
    return min(starts)


def _difference(first: Point, last: Point, decimals: int, unit: str) -> str:
    diff = _rounded(last.value, decimals) - _rounded(first.value, decimals)  # type: ignore[arg-type]
    sign = "+" if diff > 0 else ""
    unit_text = "Prozentpunkte" if unit == "%" else unit
    return f"{sign}{fmt_value(float(diff), decimals, unit_text)} seit {first.year}"


def _series_summary(series: list[Series], unit: str, decimals: int) -> str:
    """Per series the latest observed value (the unit's also the first and the change) and the last forecast."""
    short = len(unit) <= 3  # "%", "km²": after every number; longer units are named once
    shown = unit if short else ""

    def value(p: Point) -> str:
        return fmt_value(p.value, decimals, shown)

    sentences = [] if short or not unit else [f"Angaben {unit}." if unit.startswith(("je ", "in ", "pro ")) else f"Einheit: {unit}."]
    for _, item in sorted(enumerate(series), key=lambda e: (ROLE_ORDER.get(e[1].role, 3), e[0])):
        points = [p for p in item.points if p.value is not None]
        observed = [p for p in points if not p.forecast]
        forecast = [p for p in points if p.forecast]
        clauses = []
        if observed:
            first, last = observed[0], observed[-1]
            if item.role == "unit" and first is not last:
                clauses.append(f"{value(first)} ({first.year}), zuletzt {value(last)} ({last.year}, "
                               f"{_difference(first, last, decimals, shown)})")
            else:
                clauses.append(f"{value(last)} ({last.year})")
        if forecast:
            clauses.append(f"Prognose für {forecast[-1].year}: {value(forecast[-1])}")
        sentences.append(f"{item.label}: {'; '.join(clauses) if clauses else NO_VALUE}.")
    flagged = [f"{item.label} {p.year}" for item in series for p in item.points if p.flagged and p.value is not None]
    if flagged:
        sentences.append(f"Unsicher, da auf wenigen Fällen beruhend: {join_words(flagged)}.")
    return " ".join(sentences)


def _series_rows(series: list[Series], years: list[int], decimals: int) -> list[list[str]]:
    rows = []
    for year in years:
        cells = [next((p for p in item.points if p.year == year), None) for item in series]
        present = [p for p in cells if p is not None and p.value is not None]
        whole_year = bool(present) and all(p.forecast for p in present)
        row = [f"{year} (Prognose)" if whole_year else str(year)]
        for p in cells:
            if p is None:
                row.append(DASH)
            else:
                row.append(_cell(p.value, decimals, p.flagged, p.forecast and not whole_year))
        rows.append(row)
    return rows


def time_series(title: str, series: list[Series], unit: str, decimals: int, *, ident: str) -> Chart:
    """Line chart over years; the unit emphasised, forecasts dashed and hollow under a "Prognose" band."""
    ident = s.slug(ident)
    series = [Series(x.label, tuple(sorted(x.points, key=lambda p: p.year)), x.role) for x in series]
    head = ["Jahr"] + [_with_unit(x.label, unit) for x in series]
    values = [p.value for x in series for p in x.points if p.value is not None]
    kind = "Liniendiagramm"
    if not values:
        return _empty(title, kind, ident, head)
    years = sorted({p.year for x in series for p in x.points})
    data_years = sorted({p.year for x in series for p in x.points if p.value is not None})
    styles = _styles(series)
    has_forecast = any(p.forecast and p.value is not None for x in series for p in x.points)
    has_flag = any(p.flagged and p.value is not None for x in series for p in x.points)

    entries: list[tuple[str, s.Style | None, str]] = [("line", st, x.label) for x, st in zip(series, styles)]
    if has_forecast:
        entries.append(("forecast", s.Style(s.MUTED, "circle", 2, 4.5), "Prognose"))
    if has_flag:
        entries.append(("flag", None, FLAG_LEGEND))
    body, legend_height = s.legend(entries, 8, ident)

    ticks, tick_decimals = _value_domain(values)
    labels = [fmt_number(t, tick_decimals) for t in ticks]
    left = 16 + max(s.text_width(t) for t in labels) + 10
    right = s.WIDTH - 24
    top = 8 + legend_height + 34
    bottom = top + 230
    height = bottom + 34
    y = s.Scale(ticks[0], ticks[-1], bottom, top)
    x = s.Scale(data_years[0], data_years[-1], left + 18, right - 18)
    px_per_year = (right - left - 36) / max(1, data_years[-1] - data_years[0])

    if has_forecast:
        start_year = _forecast_start(series)
        band_x = x(start_year)
        body.append(f'<rect x="{s.num(band_x)}" y="{s.num(top)}" width="{s.num(right - band_x)}" '
                    f'height="{s.num(bottom - top)}" fill="{s.BAND}"/>')
        label_x, anchor = (band_x + 6, "start") if band_x + 80 < right else (right, "end")
        body.append(s.text(label_x, top - 8, "Prognose", anchor, font_weight="bold", fill=s.MUTED))
    if unit:
        body.append(s.text(16, top - 8, unit if len(unit) > 3 else f"in {unit}", fill=s.MUTED))
    for tick, label in zip(ticks, labels):
        body.append(s.line(left, y(tick), right, y(tick), s.GRID if tick != 0 else s.TEXT, 1))
        body.append(s.text(left - 8, y(tick) + 4.5, label, "end", fill=s.MUTED))
    body.append(s.line(left, bottom, right, bottom, s.TEXT, 1))
    for year in _year_ticks(data_years, px_per_year):
        body.append(s.line(x(year), bottom, x(year), bottom + 5, s.TEXT, 1))
        body.append(s.text(x(year), bottom + 20, str(year), "middle", fill=s.MUTED))

    order = sorted(range(len(series)), key=lambda i: (-ROLE_ORDER.get(series[i].role, 3), -i))
    for i in order:  # references first, the unit last (on top)
        style, points = styles[i], list(series[i].points)
        for dashed, run in _segments(points):
            dash = f' stroke-dasharray="{s.FORECAST_DASH}"' if dashed else ""
            d = s.polyline([(x(p.year), y(p.value)) for p in run])  # type: ignore[arg-type]
            body.append(f'<path d="{d}" fill="none" stroke="{style.colour}" stroke-width="{s.num(style.width)}" '
                        f'stroke-linejoin="round"{dash}/>')
        for p in points:
            if p.value is not None:
                body.append(s.marker(style, x(p.year), y(p.value), hollow=p.forecast))
                if p.flagged:
                    body.append(s.flag_ring(x(p.year), y(p.value)))

    summary = _series_summary(series, unit, decimals)
    span = f"{data_years[0]}{DASH}{data_years[-1]}" if len(data_years) > 1 else str(data_years[0])
    alt_title = title if span in title else f"{title} {span}"
    alt = f"{kind}: {alt_title}, {join_words([x.label for x in series])}"
    svg = s.document(ident, s.WIDTH, height, title, summary, body)
    return Chart(title, svg, summary, head, _series_rows(series, years, decimals), alt)


# ---------------------------------------------------------------- comparison bars


def _bar_label(value: float | None, decimals: int, unit: str, flagged: bool = False) -> str:
    if value is None:
        return NO_VALUE
    return fmt_value(value, decimals, unit) + (f" ({FLAG})" if flagged else "")


def comparison_bars(title: str, bars: list[Bar], subject: str, reference: str, *, ident: str) -> Chart:
    """Per indicator a pair of horizontal bars (subject solid above, reference hatched below), each pair on its own scale."""
    ident = s.slug(ident)
    head = ["Kennzahl", subject, reference]
    kind = "Balkendiagramm"
    if not any(b.value is not None or b.reference is not None for b in bars):
        return _empty(title, kind, ident, head)
    hatch = (
        f'<pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFFFFF"/>'
        f'<line x1="1.5" y1="0" x2="1.5" y2="6" stroke="{s.MUTED}" stroke-width="2"/></pattern>'
    )
    entries = [("solid", None, f"{subject} (oberer Balken)"), ("hatch", None, f"{reference} (unterer Balken)")]
    body, legend_height = s.legend(entries, 8, ident)
    value_labels = [_bar_label(b.value, b.decimals, b.unit, b.flagged) for b in bars]
    value_labels += [_bar_label(b.reference, b.decimals, b.unit) for b in bars]
    x0 = 16.0
    length = max(240.0, s.WIDTH - 16 - x0 - 10 - max(s.text_width(t) for t in value_labels))
    top = 8 + legend_height + 14
    row_height, bar_height = 66, 16
    for index, bar in enumerate(bars):
        y0 = top + index * row_height
        body.append(s.text(x0, y0 + 13, bar.label, font_weight="bold"))
        present = [v for v in (bar.value, bar.reference) if v is not None]
        low, high = min([0.0, *present]), max([0.0, *present])
        scale = s.Scale(low, high if high > low else 1.0, x0, x0 + length)
        zero = scale(0)
        pair = ((bar.value, bar.flagged, 0), (bar.reference, False, 1))
        for value, flagged, slot in pair:
            by = y0 + 22 + slot * (bar_height + 4)
            if value is None:
                body.append(s.text(zero + 4, by + 12.5, NO_VALUE, fill=s.MUTED, font_style="italic"))
                continue
            a, b = sorted((zero, scale(value)))
            fill = f'fill="{s.UNIT_STYLE.colour}"' if slot == 0 else f'fill="url(#{ident}-hatch)" stroke="{s.MUTED}" stroke-width="1"'
            body.append(f'<rect x="{s.num(a)}" y="{s.num(by)}" width="{s.num(max(b - a, 0.5))}" height="{bar_height}" {fill}/>')
            label = _bar_label(value, bar.decimals, bar.unit, flagged)
            body.append(s.text(max(b, zero) + 6, by + 12.5, label, fill=s.TEXT))
        body.append(s.line(zero, y0 + 19, zero, y0 + 25 + 2 * bar_height + 4, s.TEXT, 1))
    note_y = top + len(bars) * row_height + 6
    body.append(s.text(x0, note_y, "Jede Kennzahl hat ihre eigene Skala: Balkenlängen nur innerhalb einer Kennzahl vergleichen.",
                       fill=s.MUTED, font_size="12"))
    clauses = [
        f"{b.label}: {subject} {_bar_label(b.value, b.decimals, b.unit, b.flagged)}, "
        f"{reference} {_bar_label(b.reference, b.decimals, b.unit)}"
        for b in bars
    ]
    summary = "; ".join(clauses) + "."
    rows = [[b.label, _bar_label(b.value, b.decimals, b.unit, b.flagged).replace(NO_VALUE, DASH),
             _bar_label(b.reference, b.decimals, b.unit).replace(NO_VALUE, DASH)] for b in bars]
    svg = s.document(ident, s.WIDTH, note_y + 12, title, summary, body, hatch)
    return Chart(title, svg, summary, head, rows, f"{kind}: {title}, {subject} und {reference}")


# ---------------------------------------------------------------- ranking


def ranks(items: list[RankItem], decimals: int) -> dict[int, int]:
    """Index → rank (1 = highest value at the shown precision; equal values share a rank)."""
    rounded = {i: _rounded(item.value, decimals) for i, item in enumerate(items) if item.value is not None}
    ordered = sorted(rounded.values(), reverse=True)
    first_position = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return {i: first_position[v] for i, v in rounded.items()}


def _names(labels: list[str]) -> str:
    return join_words(labels) if len(labels) <= 2 else f"{labels[0]} und {len(labels) - 1} weiteren"


def _strip(positions: list[float]) -> str:
    """One mark per unit; with many units a small histogram (5 px bins, height by count) instead of a grey block."""
    if len(positions) <= DENSE:
        marks = "".join(f"M{s.num(p)} 34v22" for p in sorted(positions))
        return f'<path d="{marks}" stroke="{s.MARK}" stroke-width="1.5" fill="none"/>'
    bins: dict[int, int] = {}
    for p in positions:
        bins[round(p / 5)] = bins.get(round(p / 5), 0) + 1
    most = max(bins.values())
    marks = "".join(f"M{s.num(b * 5)} 56v-{s.num(4 + 18 * n / most)}" for b, n in sorted(bins.items()))
    return f'<path d="{marks}" stroke="{s.MARK}" stroke-width="4" fill="none"/>'


@dataclass
class RankBase:
    """What a ranking chart of one indicator and year has in common for every unit: computed once
    (`rank_base`) and shared by all profiles, so that n profiles cost O(n) and not O(n²)."""

    items: list[RankItem]
    decimals: int
    unit: str
    among: str
    rank: dict[int, int]
    valued: list[int]  # indices with a value, by rank
    order: list[int]  # valued, then those without value by name
    rows: list[list[str]]  # table rows in `order`, without the highlight note
    position: dict[int, int]  # item index → row
    tied: dict[int, list[int]]  # rank → item indices
    span: str
    ticks: list[float]
    tick_decimals: int
    strip: str  # the marks of all units, for the given reference
    reference: float | None


def rank_base(items: list[RankItem], unit: str, decimals: int, *, reference: float | None,
              among: str = "Sozialräumen") -> RankBase | None:
    rank = ranks(items, decimals)
    if not rank:
        return None
    valued = sorted(rank, key=lambda i: (rank[i], items[i].label.casefold(), items[i].label))
    order = valued + sorted((i for i in range(len(items)) if i not in rank), key=lambda i: items[i].label.casefold())
    rows = [[str(rank[i]) if i in rank else DASH, items[i].label, _cell(items[i].value, decimals, items[i].flagged)] for i in order]
    tied: dict[int, list[int]] = {}
    for i in valued:
        tied.setdefault(rank[i], []).append(i)
    count = len(rank)
    highest = [items[i].label for i in tied[1]]
    lowest = [items[i].label for i in tied[rank[valued[-1]]]]
    span = (f"Werte von {fmt_number(count)} {among}: {fmt_value(items[valued[-1]].value, decimals, unit)} "
            f"({_names(lowest)}) bis {fmt_value(items[valued[0]].value, decimals, unit)} ({_names(highest)}).")
    values = [items[i].value for i in valued] + ([reference] if reference is not None else [])
    ticks, tick_decimals = s.nice_ticks(min(values), max(values), 6)  # type: ignore[type-var]
    x = s.Scale(ticks[0], ticks[-1], 24.0, s.WIDTH - 24.0)
    strip = _strip([x(items[i].value) for i in valued])  # type: ignore[arg-type]
    return RankBase(items, decimals, unit, among, rank, valued, order, rows, {i: n for n, i in enumerate(order)}, tied,
                    span, ticks, tick_decimals, strip, reference)


def ranking(title: str, items: list[RankItem], unit: str, decimals: int, *, reference: float | None,
            reference_label: str, ident: str, among: str = "Sozialräumen",
            highlight_note: str = "dieser Sozialraum", table_rows: int | None = None,
            base: RankBase | None = None, focus: int | None = None) -> Chart:
    """A compact strip: every unit a small mark on one value axis, the highlighted unit large with its rank.

    `among` is the dative plural in "Rang 3 von 19 Sozialräumen"; `highlight_note` marks the unit in the table.
    `table_rows`: with a highlighted unit and more areas than this, the data table is an excerpt (the first
    three, the highlighted unit with three neighbours on each side, the last three), so that a profile stays
    the same size however many units the atlas has; the full ranking belongs on the indicator page.
    `base` (from `rank_base` with the same items, unit, decimals, reference and among) and `focus` (the
    index of the highlighted item) let many profiles share the work; without them the highlighted item is
    the one with `highlight` set.
    """
    ident = s.slug(ident)
    head = ["Rang", "Gebiet", _with_unit("Wert", unit)]
    kind = "Rangdiagramm"
    if base is None:
        base = rank_base(items, unit, decimals, reference=reference, among=among)
        focus = next((i for i, item in enumerate(items) if item.highlight), None)
    if base is None:
        return _empty(title, kind, ident, head)
    items, rank, valued = base.items, base.rank, base.valued
    count = len(rank)
    note = ""
    at = base.position[focus] if focus is not None else None
    if at is not None and table_rows is not None and len(base.rows) > table_rows:
        rows, note, at = _excerpt(base.rows, at, among)
    else:
        rows = [list(row) for row in base.rows]
    if at is not None:
        rows[at] = [rows[at][0], f"{items[focus].label} ({highlight_note})", rows[at][2]]  # type: ignore[index]
    sentences = []
    headline = None
    if focus is not None and focus in rank:
        item = items[focus]
        value = fmt_value(item.value, decimals, unit) + (f" ({FLAG})" if item.flagged else "")
        tied = [items[i].label for i in base.tied[rank[focus]] if i != focus]
        tie = f", gleichauf mit {_names(tied)}" if tied else ""
        sentences.append(f"{item.label} liegt mit {value} auf Rang {rank[focus]} von {fmt_number(count)} {among}"
                         f"{tie} (Rang 1 = höchster Wert).")
        headline = f"{item.label}: {value} – Rang {rank[focus]} von {fmt_number(count)}"
    elif focus is not None:
        sentences.append(f"{items[focus].label}: {NO_VALUE}.")
        headline = f"{items[focus].label}: {NO_VALUE}"
    if reference is not None:
        sentences.append(f"{reference_label}: {fmt_value(reference, decimals, unit)}.")
    sentences.append(base.span)
    summary = " ".join(sentences)

    ticks, tick_decimals = base.ticks, base.tick_decimals
    left, right = 24.0, s.WIDTH - 24.0
    x = s.Scale(ticks[0], ticks[-1], left, right)
    axis_y = 64.0
    body: list[str] = []
    for tick in ticks:
        body.append(s.line(x(tick), axis_y, x(tick), axis_y + 4, s.TEXT, 1))
        body.append(s.text(x(tick), axis_y + 18, fmt_number(tick, tick_decimals), "middle", fill=s.MUTED))
    body.append(s.line(left, axis_y, right, axis_y, s.TEXT, 1))
    body.append(base.strip)
    if reference is not None:
        body.append(s.line(x(reference), 26, x(reference), axis_y, s.MUTED, 1.5, "4 3"))
    if focus is not None and focus in rank:
        fx = x(items[focus].value)  # type: ignore[arg-type]
        body.append(f'<circle cx="{s.num(fx)}" cy="45" r="9.5" fill="#FFFFFF"/>')
        body.append(s.marker(s.UNIT_STYLE, fx, 45, scale=1.4))
        if items[focus].flagged:
            body.append(s.flag_ring(fx, 45).replace('r="9"', 'r="11"'))
    if headline:
        centre = x(items[focus].value) if focus in rank else left  # type: ignore[arg-type]
        width = s.text_width(headline)
        start = min(max(centre - width / 2, 8), s.WIDTH - 8 - width)
        body.append(s.text(start, 18, headline, font_weight="bold"))
    entries: list[tuple[str, s.Style | None, str]] = [("tick", None, f"alle Werte ({fmt_number(count)})")]
    if focus is not None and focus in rank:
        entries.append(("highlight", None, items[focus].label))
    if reference is not None:
        entries.append(("reference", None, f"{reference_label}: {fmt_value(reference, decimals, unit)}"))
    legend, legend_height = s.legend(entries, axis_y + 30, ident)
    body.extend(legend)
    svg = s.document(ident, s.WIDTH, axis_y + 30 + legend_height + 6, title, summary, body)
    subject = f" – {headline}" if headline else ""
    return Chart(title, svg, summary, head, rows, f"{kind}: {title}{subject}", note)


def _excerpt(rows: list[list[str]], focus: int, among: str) -> tuple[list[list[str]], str, int]:
    """The first three rows, the focus row ± 3, the last three; each gap becomes one row saying how many are
    left out. Also returns where the focus row is in the excerpt."""
    keep = sorted(set(range(3)) | set(range(max(focus - 3, 0), min(focus + 4, len(rows)))) | set(range(len(rows) - 3, len(rows))))
    out: list[list[str]] = []
    at = 0
    previous = -1
    for i in keep:
        if i - previous > 1:
            out.append([DASH, f"… {fmt_number(i - previous - 1)} weitere", ""])
        if i == focus:
            at = len(out)
        out.append(list(rows[i]))
        previous = i
    note = (f"Auszug aus der Rangfolge von {fmt_number(len(rows))} {among}: die ersten drei, die Nachbarn und die letzten drei. "
            "Die vollständige Rangfolge steht im Indikatorenblatt der Kennzahl.")
    return out, note, at
