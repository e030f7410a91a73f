"""Ranking: a compact strip of all units' values with the profile's unit marked and its rank."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.formatting import DASH, counted, fmt_number, fmt_value, join_words
from .. import svg as s
from .common import (
    DENSE,
    FLAG,
    NO_VALUE,
    Chart,
    RankItem,
    axis_title,
    empty_chart,
    label_with_unit,
    narrow_ident,
    rounded_to,
    value_cell,
)


def ranks(items: list[RankItem], decimals: int) -> dict[int, int]:
    """Index → rank (1 = highest value at the shown precision; equal values share a rank)."""
    rounded = {i: rounded_to(item.value, decimals) for i, item in enumerate(items) if item.value is not None}
    ordered = sorted(rounded.values(), reverse=True)
    first_position = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return {i: first_position[v] for i, v in rounded.items()}


def _names(labels: list[str]) -> str:
    return join_words(labels) if len(labels) <= 2 else f"{labels[0]} und {len(labels) - 1} weiteren"


def _strip(positions: list[float], dense: bool) -> str:
    """One mark per unit; with many units a small histogram (5 px bins, height by count) instead of a grey block."""
    if not dense:
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
    reference: float | None
    layouts: dict[float, Axis] = field(default_factory=dict)  # chart width → axis and marks, made once

    def axis(self, width: float) -> Axis:
        """The value axis and the marks of all units in a chart `width` wide (computed once per width)."""
        if width not in self.layouts:
            values = [self.items[i].value for i in self.valued]
            self.layouts[width] = _axis(values, self.reference, width, len(values) > DENSE)  # type: ignore[arg-type]
        return self.layouts[width]


@dataclass
class Axis:
    ticks: list[float]
    decimals: int
    left: float
    right: float
    strip: str = ""

    def __call__(self, value: float) -> float:
        return s.Scale(self.ticks[0], self.ticks[-1], self.left, self.right)(value)


def _axis(values: list[float], reference: float | None, width: float, dense: bool) -> Axis:
    """1-2-5 ticks over the values, as many as fit without their labels touching (6 at most), and margins so
    that the outer labels stay inside the chart; the strip of marks on that axis."""
    domain = values + ([reference] if reference is not None else [])
    for target in (6, 5, 4, 3, 2):
        ticks, decimals = s.nice_ticks(min(domain), max(domain), target)
        labels = [s.text_width(fmt_number(t, decimals)) for t in ticks]
        left, right = max(24.0, labels[0] / 2 + 6), width - max(24.0, labels[-1] / 2 + 6)
        gap = (right - left) / max(1, len(ticks) - 1)
        if len(ticks) <= 2 or gap >= max(labels) + 12:
            break
    axis = Axis(ticks, decimals, left, right)
    axis.strip = _strip([axis(v) for v in values], dense)
    return axis


def rank_base(items: list[RankItem], unit: str, decimals: int, *, reference: float | None,
              among: str = "Sozialräumen", one: str = "Sozialraum") -> RankBase | None:
    rank = ranks(items, decimals)
    if not rank:
        return None
    valued = sorted(rank, key=lambda i: (rank[i], items[i].label.casefold(), items[i].label))
    order = valued + sorted((i for i in range(len(items)) if i not in rank), key=lambda i: items[i].label.casefold())
    rows = [[str(rank[i]) if i in rank else DASH, items[i].label, value_cell(items[i].value, decimals, items[i].flagged)] for i in order]
    tied: dict[int, list[int]] = {}
    for i in valued:
        tied.setdefault(rank[i], []).append(i)
    count = len(rank)
    highest = [items[i].label for i in tied[1]]
    lowest = [items[i].label for i in tied[rank[valued[-1]]]]
    span = (f"Werte von {fmt_number(count)} {among}: {fmt_value(items[valued[-1]].value, decimals, unit)} "
            f"({_names(lowest)}) bis {fmt_value(items[valued[0]].value, decimals, unit)} ({_names(highest)}).") if count > 1 else (
            f"Nur 1 {one} hat einen Wert: {fmt_value(items[valued[0]].value, decimals, unit)} ({_names(highest)}).")
    return RankBase(items, decimals, unit, among, rank, valued, order, rows, {i: n for n, i in enumerate(order)}, tied,
                    span, reference)


def ranking(title: str, items: list[RankItem], unit: str, decimals: int, *, reference: float | None,
            reference_label: str, ident: str, among: str = "Sozialräumen",
            highlight_note: str = "dieser Sozialraum", table_rows: int | None = None,
            base: RankBase | None = None, focus: int | None = None, one: str = "Sozialraum") -> Chart:
    """A compact strip: every unit a small mark on one value axis, the highlighted unit large with its rank.

    `among` is the dative plural in "Rang 3 von 19 Sozialräumen", `one` the singular in "ein Strich je Sozialraum";
    `highlight_note` marks the unit in the table.
    `table_rows`: with a highlighted unit and more areas than this, the data table is an excerpt (the first
    three, the highlighted unit with three neighbours on each side, the last three), so that a profile stays
    the same size however many units the atlas has; the full ranking belongs on the indicator page.
    `base` (from `rank_base` with the same items, unit, decimals, reference and among) and `focus` (the
    index of the highlighted item) let many profiles share the work; without them the highlighted item is
    the one with `highlight` set.
    """
    ident = s.slug(ident)
    head = ["Rang", "Gebiet", label_with_unit("Wert", unit)]
    kind = "Rangdiagramm"
    if base is None:
        base = rank_base(items, unit, decimals, reference=reference, among=among, one=one)
        focus = next((i for i, item in enumerate(items) if item.highlight), None)
    if base is None:
        return empty_chart(title, kind, ident, head)
    items, rank = base.items, base.rank
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
        sentences.append(f"{item.label} liegt mit {value} auf Rang {rank[focus]} von {counted(count, one, among)}"
                         f"{tie} (Rang 1 = höchster Wert).")
        headline = f"{item.label}: {value} – Rang {rank[focus]} von {fmt_number(count)}"
    elif focus is not None:
        sentences.append(f"{items[focus].label}: {NO_VALUE}.")
        headline = f"{items[focus].label}: {NO_VALUE}"
    if reference is not None:
        sentences.append(f"{reference_label}: {fmt_value(reference, decimals, unit)}.")
    sentences.append(base.span)
    summary = " ".join(sentences)

    svg, narrow = (_draw(base, focus, headline, reference_label, one, width, narrow_ident(ident, width), title, summary)
                   for width in (s.WIDTH, s.NARROW))
    subject = f" – {headline}" if headline else ""
    return Chart(title, svg, summary, head, rows, f"{kind}: {title}{subject}", note, narrow)


def _draw(base: RankBase, focus: int | None, headline: str | None, reference_label: str, one: str,
          width: float, ident: str, title: str, summary: str) -> str:
    """The strip `width` wide: the headline above (too long for one line: the rank on a line of its own), the
    value axis with its title below."""
    items, rank, reference, unit, decimals = base.items, base.rank, base.reference, base.unit, base.decimals
    x = base.axis(width)
    lines = [] if not headline else [headline] if s.text_width(headline, bold=True) <= width - 16 else [
        line for part in headline.split(" – ") for line in s.wrap(part, width - 16, bold=True)]  # „Rang …“ on its own line
    dy = s.LINE * max(len(lines) - 1, 0)  # the strip moves down by the headline's extra lines
    axis_y = 64.0 + dy
    body: list[str] = []
    for tick in x.ticks:
        body.append(s.line(x(tick), axis_y, x(tick), axis_y + 4, s.TEXT, 1))
        body.append(s.text(x(tick), axis_y + 18, fmt_number(tick, x.decimals), "middle", fill=s.MUTED))
    body.append(s.line(x.left, axis_y, x.right, axis_y, s.TEXT, 1))
    body.append(f'<g transform="translate(0 {s.num(dy)})">{x.strip}</g>' if dy else x.strip)
    if reference is not None:
        body.append(s.line(x(reference), 26 + dy, x(reference), axis_y, s.MUTED, 1.5, "4 3"))
    if focus is not None and focus in rank:
        fx = x(items[focus].value)  # type: ignore[arg-type]
        body.append(f'<circle cx="{s.num(fx)}" cy="{s.num(45 + dy)}" r="9.5" fill="#FFFFFF"/>')
        body.append(s.marker(s.UNIT_STYLE, fx, 45 + dy, scale=1.4))
        if items[focus].flagged:
            body.append(s.flag_ring(fx, 45 + dy).replace('r="9"', 'r="11"'))
    if len(lines) == 1:
        centre = x(items[focus].value) if focus in rank else x.left  # type: ignore[arg-type]
        line_width = s.text_width(lines[0], bold=True)
        start = min(max(centre - line_width / 2, 8), width - 8 - line_width)
        body.append(s.text(start, 18, lines[0], font_weight="bold"))
    elif lines:
        body.append(s.text_lines(8, 18, lines, font_weight="bold"))
    count = len(rank)
    marks = f"ein Strich je {one}" if count <= DENSE else "Höhe der Striche: Zahl der Gebiete"
    title_lines = s.wrap(f"{label_with_unit('Wert', unit)} – {marks}, Rang 1 = höchster Wert", width - 32)
    body.extend(axis_title(16, axis_y + 36 + n * s.LINE, line) for n, line in enumerate(title_lines))
    entries: list[tuple[str, s.Style | None, str]] = [("tick", None, f"alle Werte ({fmt_number(count)})")]
    if focus is not None and focus in rank:
        entries.append(("highlight", None, items[focus].label))
    if reference is not None:
        entries.append(("reference", None, f"{reference_label}: {fmt_value(reference, decimals, unit)}"))
    legend_top = axis_y + 41 + s.LINE * (len(title_lines) - 1)
    legend, legend_height = s.legend(entries, legend_top, ident, width)
    body.extend(legend)
    return s.document(ident, width, legend_top + legend_height + 6, title, summary, body)


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
