"""Time series chart: lines over years, forecast years dashed with hollow markers under a „Prognose“ band."""

from __future__ import annotations

from ...core.formatting import DASH, fmt_number, fmt_value, join_words
from .. import svg as s
from .common import (
    FLAG_LEGEND,
    NO_VALUE,
    ROLE_ORDER,
    ZERO_SHARE,
    Chart,
    Point,
    Series,
    axis_title,
    empty_chart,
    label_with_unit,
    narrow_ident,
    rounded_to,
    series_styles,
    value_cell,
)


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
    diff = rounded_to(last.value, decimals) - rounded_to(first.value, decimals)  # type: ignore[arg-type]
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
                row.append(value_cell(p.value, decimals, p.flagged, p.forecast and not whole_year))
        rows.append(row)
    return rows


def time_series(title: str, series: list[Series], unit: str, decimals: int, *, ident: str) -> Chart:
    """Line chart over years; the unit emphasised, forecasts dashed and hollow under a "Prognose" band."""
    ident = s.slug(ident)
    series = [Series(x.label, tuple(sorted(x.points, key=lambda p: p.year)), x.role) for x in series]
    head = ["Jahr"] + [label_with_unit(x.label, unit) for x in series]
    values = [p.value for x in series for p in x.points if p.value is not None]
    kind = "Liniendiagramm"
    if not values:
        return empty_chart(title, kind, ident, head)
    years = sorted({p.year for x in series for p in x.points})
    data_years = sorted({p.year for x in series for p in x.points if p.value is not None})
    summary = _series_summary(series, unit, decimals)
    svg, narrow = (_draw(series, unit, width, ident, title, summary) for width in (s.WIDTH, s.NARROW))
    span = f"{data_years[0]}{DASH}{data_years[-1]}" if len(data_years) > 1 else str(data_years[0])
    alt_title = title if span in title else f"{title} {span}"
    alt = f"{kind}: {alt_title}, {join_words([x.label for x in series])}"
    return Chart(title, svg, summary, head, _series_rows(series, years, decimals), alt, narrow=narrow)


def _draw(series: list[Series], unit: str, width: float, ident: str, title: str, summary: str) -> str:
    """The chart `width` wide (svg.WIDTH or svg.NARROW); both axes titled: the value's unit above, „Jahr“ below."""
    values = [p.value for x in series for p in x.points if p.value is not None]
    data_years = sorted({p.year for x in series for p in x.points if p.value is not None})
    styles = series_styles(series)
    has_forecast = any(p.forecast and p.value is not None for x in series for p in x.points)
    has_flag = any(p.flagged and p.value is not None for x in series for p in x.points)

    entries: list[tuple[str, s.Style | None, str]] = [("line", st, x.label) for x, st in zip(series, styles)]
    if has_forecast:
        entries.append(("forecast", s.Style(s.MUTED, "circle", 2, 4.5), "Prognose"))
    if has_flag:
        entries.append(("flag", None, FLAG_LEGEND))
    body, legend_height = s.legend(entries, 8, narrow_ident(ident, width), width)

    ticks, tick_decimals = _value_domain(values)
    labels = [fmt_number(t, tick_decimals) for t in ticks]
    left = 16 + max(s.text_width(t) for t in labels) + 10
    right = width - 24
    x = s.Scale(data_years[0], data_years[-1], left + 18, right - 18)
    px_per_year = (right - left - 36) / max(1, data_years[-1] - data_years[0])
    axis = unit if len(unit) > 3 else f"in {unit}" if unit else "Wert"
    band_x = x(_forecast_start(series)) if has_forecast else right
    label_width = s.text_width("Prognose", bold=True)
    label_x, anchor = (band_x + 6, "start") if band_x + 6 + label_width <= right else (right, "end")
    apart = 16 + s.text_width(axis) + 12 <= (label_x if anchor == "start" else label_x - label_width)
    top = 8 + legend_height + 34 + (0 if apart or not has_forecast else s.LINE)  # „Prognose“ beside the axis title, else below it
    bottom = top + (230 if width == s.WIDTH else 200)
    height = bottom + 52
    y = s.Scale(ticks[0], ticks[-1], bottom, top)

    if has_forecast:
        body.append(f'<rect x="{s.num(band_x)}" y="{s.num(top)}" width="{s.num(right - band_x)}" '
                    f'height="{s.num(bottom - top)}" fill="{s.BAND}"/>')
        body.append(s.text(label_x, top - 8, "Prognose", anchor, font_weight="bold", fill=s.MUTED))
    body.append(axis_title(16, top - 8 - (0 if apart or not has_forecast else s.LINE), axis))
    for tick, label in zip(ticks, labels):
        body.append(s.line(left, y(tick), right, y(tick), s.GRID if tick != 0 else s.TEXT, 1))
        body.append(s.text(left - 8, y(tick) + 4.5, label, "end", fill=s.MUTED))
    body.append(s.line(left, bottom, right, bottom, s.TEXT, 1))
    for year in _year_ticks(data_years, px_per_year):
        body.append(s.line(x(year), bottom, x(year), bottom + 5, s.TEXT, 1))
        body.append(s.text(x(year), bottom + 20, str(year), "middle", fill=s.MUTED))
    body.append(axis_title(right, bottom + 40, "Jahr", "end"))

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
    return s.document(narrow_ident(ident, width), width, height, title, summary, body)
