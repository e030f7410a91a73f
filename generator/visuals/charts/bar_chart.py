"""Comparison bars: per indicator a pair of bars, the unit (solid) against the district (hatched)."""

from __future__ import annotations

from ...core.formatting import DASH, fmt_value
from .. import svg as s
from .common import FLAG, NO_VALUE, Bar, Chart, empty_chart


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
