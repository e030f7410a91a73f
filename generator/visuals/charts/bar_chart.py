"""Comparison bars: per indicator a pair of bars, the unit (solid) against the district (hatched)."""

from __future__ import annotations

from ...core.formatting import DASH, fmt_value
from .. import svg as s
from .common import FLAG, NO_VALUE, Bar, Chart, empty_chart, narrow_ident


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
        return empty_chart(title, kind, ident, head)
    clauses = [
        f"{b.label}: {subject} {_bar_label(b.value, b.decimals, b.unit, b.flagged)}, "
        f"{reference} {_bar_label(b.reference, b.decimals, b.unit)}"
        for b in bars
    ]
    summary = "; ".join(clauses) + "."
    rows = [[b.label, _bar_label(b.value, b.decimals, b.unit, b.flagged).replace(NO_VALUE, DASH),
             _bar_label(b.reference, b.decimals, b.unit).replace(NO_VALUE, DASH)] for b in bars]
    svg, narrow = (_draw(bars, subject, reference, width, ident, title, summary) for width in (s.WIDTH, s.NARROW))
    return Chart(title, svg, summary, head, rows, f"{kind}: {title}, {subject} und {reference}", narrow=narrow)


def _draw(bars: list[Bar], subject: str, reference: str, width: float, ident: str, title: str, summary: str) -> str:
    """The chart `width` wide. Values stand after their bars where that leaves the bars room (at least 40 % of
    the width), else each on its own line above its bar."""
    ident = narrow_ident(ident, width)
    hatch = (
        f'<pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFFFFF"/>'
        f'<line x1="1.5" y1="0" x2="1.5" y2="6" stroke="{s.MUTED}" stroke-width="2"/></pattern>'
    )
    entries = [("solid", None, f"{subject} (oberer Balken)"), ("hatch", None, f"{reference} (unterer Balken)")]
    body, legend_height = s.legend(entries, 8, ident, width)
    value_labels = [_bar_label(b.value, b.decimals, b.unit, b.flagged) for b in bars]
    value_labels += [_bar_label(b.reference, b.decimals, b.unit) for b in bars]
    x0 = 16.0
    length = width - 16 - x0 - 10 - max(s.text_width(t) for t in value_labels)
    inline = length >= min(240.0, 0.4 * width)
    length = max(240.0, length) if inline else width - 16 - x0 - 10
    bar_height = 16
    slot_height = bar_height + 4 if inline else s.LINE + bar_height + 6
    y0 = 8 + legend_height + 14
    for bar in bars:
        label = s.wrap(bar.label, width - 2 * x0, bold=True)
        body.append(s.text_lines(x0, y0 + 13, label, font_weight="bold"))
        top = y0 + 22 + s.LINE * (len(label) - 1)
        present = [v for v in (bar.value, bar.reference) if v is not None]
        low, high = min([0.0, *present]), max([0.0, *present])
        scale = s.Scale(low, high if high > low else 1.0, x0, x0 + length)
        zero = scale(0)
        pair = ((bar.value, bar.flagged, 0), (bar.reference, False, 1))
        for value, flagged, slot in pair:
            by = top + slot * slot_height + (0 if inline else s.LINE)
            if value is None:
                body.append(s.text(zero + 4 if inline else x0, by + 12.5, NO_VALUE, fill=s.MUTED, font_style="italic"))
                continue
            a, b = sorted((zero, scale(value)))
            fill = f'fill="{s.UNIT_STYLE.colour}"' if slot == 0 else f'fill="url(#{ident}-hatch)" stroke="{s.MUTED}" stroke-width="1"'
            body.append(f'<rect x="{s.num(a)}" y="{s.num(by)}" width="{s.num(max(b - a, 0.5))}" height="{bar_height}" {fill}/>')
            label_text = _bar_label(value, bar.decimals, bar.unit, flagged)
            if inline:
                body.append(s.text(max(b, zero) + 6, by + 12.5, label_text, fill=s.TEXT))
            else:
                body.append(s.text(x0, by - 5, label_text, fill=s.TEXT))
                body.append(s.line(zero, by - 2, zero, by + bar_height + 2, s.TEXT, 1))
        if inline:
            body.append(s.line(zero, top - 3, zero, top + 3 + 2 * bar_height + 4, s.TEXT, 1))
        y0 = top + 2 * slot_height + (4 if inline else 6)
    note = s.wrap("Jede Kennzahl hat ihre eigene Skala: Balkenlängen nur innerhalb einer Kennzahl vergleichen.",
                  width - 2 * x0, s.SMALL_SIZE)
    body.append(s.text_lines(x0, y0 + 14, note, fill=s.MUTED, font_size=str(s.SMALL_SIZE)))
    return s.document(ident, width, y0 + 22 + s.LINE * (len(note) - 1), title, summary, body, hatch)
