"""Low-level pieces for the static SVG charts (generator/visuals/charts.py): escaping, coordinates, axes, markers.

Everything returns plain text and is deterministic: coordinates are rounded to one decimal,
no ids are generated except from the caller's `ident`, no fonts or styles are loaded from anywhere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ..core.markup import clean_text

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 13  # px in viewBox units; the charts are 640 wide, so this is 13 px at natural size
SMALL_SIZE = 12  # the smallest text of a chart (notes); charts are never shown scaled below natural size…
WIDTH = 640  # …on wide screens (a content column of at least 640 px)…
NARROW = 340  # …and on phones, which get a second drawing this wide (≥ 11 px even in a 312 px column)
LINE = 17  # line height of wrapped text

TEXT = "#222222"  # 15,9:1 on white
MUTED = "#555555"  # 7,5:1 on white: axis labels, reference series
GRID = "#D9D9D9"  # hairlines only; never carries meaning
BAND = "#EFEFEF"  # forecast band; the word "Prognose" says the same
MARK = "#767676"  # 4,5:1: the small marks of the ranking strip

FORECAST_DASH = "6 4"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Style:
    """How one series is drawn; colour is never the only difference (marker shape and line width differ too)."""

    colour: str
    marker: str  # circle, square, diamond, triangle, triangle-down
    width: float  # line width
    size: float  # marker radius


# Okabe–Ito hues, darkened where needed so that lines and marks reach 4,5:1 against white.
UNIT_STYLE = Style("#0072B2", "circle", 3, 5)
DISTRICT_STYLE = Style(MUTED, "square", 2, 4.5)
REGION_STYLE = Style("#B84E00", "diamond", 2, 5.5)
OTHER_STYLES = (
    Style("#00785A", "triangle", 2, 5.5),
    Style("#A8507F", "triangle-down", 2, 5.5),
    Style("#946300", "diamond", 2, 5.5),
    Style("#9A4A78", "square", 2, 4.5),
)
ROLE_STYLES = {"unit": UNIT_STYLE, "district": DISTRICT_STYLE, "region": REGION_STYLE}


def contrast(colour: str) -> float:
    """WCAG contrast ratio of `#RRGGBB` against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def esc(text: object) -> str:
    """Text for SVG content and attribute values: markup characters escaped, XML-illegal characters, other control
    characters and bidi overrides removed (markup.clean_text)."""
    value = _CONTROL.sub("", clean_text(str(text)))
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")
    )


def slug(ident: str) -> str:
    """A safe id prefix: lower-case letters, digits and hyphens, starting with a letter."""
    value = re.sub(r"[^a-z0-9-]+", "-", ident.lower()).strip("-") or "chart"
    return value if value[0].isalpha() else f"c-{value}"


def num(value: float) -> str:
    """A coordinate: rounded to one decimal, without a trailing `.0` (`12`, `12.5`, `-3.2`)."""
    rounded = round(value + 0.0, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


# Advance widths in em, per character, of DejaVu Sans (the widest common sans-serif: Linux desktops and the test
# browser); Roboto, Segoe UI, San Francisco, Helvetica and Arial are narrower, so text laid out with these fits
# everywhere. Characters not listed: 0,65 em (digits and most lower-case letters).
_ADVANCE = {ch: em for em, chars in (
    (0.3, " ,.'IJijl\u201a\u2018\u2019\u00b7\u00a0\u202f"), (0.35, "-/:;\\f|"), (0.4, "!()[]rt\u00b2\u00b3"), (0.45, '"'),
    (0.5, "*_`sz\u2013\u201e\u201c\u00b0"), (0.55, "?Lc"), (0.6, "FPTYaekovxy\u00e4\u00f6\u00ab\u00bb"), (0.7, "ABCRVXZ\u00c4"),
    (0.75, "DGHNU\u00dc"), (0.8, "&OQw\u00d6"), (0.85, "#+<=>M^~\u00d7"), (0.95, "%m"), (1.0, "@W\u2014\u2026"),
) for ch in chars}
BOLD = 1.12  # bold text is up to this much wider


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The width of `text` at `size` px in DejaVu Sans (generous for other fonts): enough to lay out labels
    without overlap and inside the chart."""
    return size * sum(_ADVANCE.get(ch, 0.65) for ch in text) * (BOLD if bold else 1.0)


def wrap(text: str, available: float, size: float = FONT_SIZE, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `available` (broken at spaces; a single over-long word stands alone)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= available:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def text_lines(x: float, y: float, lines: list[str], anchor: str = "start", **attrs: object) -> str:
    """Lines of text from baseline `y`, `LINE` apart (one `<text>` per line)."""
    return "\n".join(text(x, y + i * LINE, line, anchor, **attrs) for i, line in enumerate(lines))


def nice_step(span: float, target: int = 5) -> Decimal:
    """The 1-2-5 step that cuts `span` into about `target` intervals."""
    rough = max(span, 1e-9) / target
    exponent = math.floor(math.log10(rough))
    fraction = rough / 10**exponent
    base = 1 if fraction < 1.5 else 2 if fraction < 3.5 else 5 if fraction < 7.5 else 10
    return Decimal(base).scaleb(exponent)


def nice_ticks(low: float, high: float, target: int = 5) -> tuple[list[float], int]:
    """Tick values covering [low, high] in 1-2-5 steps, and the decimals their labels need."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = (low - pad, high + pad) if low != 0 else (0.0, 1.0)
    step = nice_step(high - low, target)
    first = math.floor(Decimal(repr(low)) / step)
    last = math.ceil(Decimal(repr(high)) / step)
    ticks = [float(step * i) for i in range(first, last + 1)]
    decimals = max(0, -step.normalize().as_tuple().exponent)
    return ticks, decimals


class Scale:
    """A linear map from data values to pixels."""

    def __init__(self, low: float, high: float, start: float, end: float) -> None:
        self.low, self.high, self.start, self.end = low, high, start, end

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return (self.start + self.end) / 2
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


def document(ident: str, width: float, height: float, title: str, desc: str, body: list[str], defs: str = "") -> str:
    """A complete standalone SVG (no XML declaration, so it can also be inlined into HTML)."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{esc(FONT)}" font-size="{FONT_SIZE}" fill="{TEXT}">'
    )
    parts = [head, f'<title id="{ident}-title">{esc(title)}</title>', f'<desc id="{ident}-desc">{esc(desc)}</desc>']
    if defs:
        parts.append(f"<defs>{defs}</defs>")
    parts.append(f'<rect width="{num(width)}" height="{num(height)}" fill="#FFFFFF"/>')
    parts.extend(body)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def text(x: float, y: float, content: str, anchor: str = "start", **attrs: object) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{esc(value)}"' for key, value in attrs.items())
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{num(x)}" y="{num(y)}"{anchor_attr}{extra}>{esc(content)}</text>'


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str = "") -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{stroke}" stroke-width="{num(width)}"{dash_attr}/>'
    )


def marker(style: Style, x: float, y: float, hollow: bool = False, scale: float = 1.0) -> str:
    """A data point: filled, or hollow (white inside) for forecasts."""
    fill = "#FFFFFF" if hollow else style.colour
    paint = f'fill="{fill}" stroke="{style.colour}" stroke-width="{num(2 if hollow else 1)}"'
    r = style.size * scale
    if style.marker == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {paint}/>'
    if style.marker == "square":
        return f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" height="{num(2 * r)}" {paint}/>'
    if style.marker == "diamond":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif style.marker == "triangle":
        points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    else:
        points = [(x, y + r), (x + r, y - r * 0.8), (x - r, y - r * 0.8)]
    d = "M" + "L".join(f"{num(px)} {num(py)}" for px, py in points) + "Z"
    return f'<path d="{d}" {paint}/>'


def polyline(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points)


def wrap_items(widths: list[float], available: float, gap: float) -> list[list[int]]:
    """Indices of legend items per row so that no row is wider than `available`."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, width in enumerate(widths):
        if rows[-1] and used + gap + width > available:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0) + width
        rows[-1].append(index)
    return rows


def sample(kind: str, x: float, y: float, style: Style | None, ident: str) -> str:
    """The little picture in front of a legend entry (26 px wide, centred on y)."""
    if kind in ("line", "forecast") and style is not None:
        dash = FORECAST_DASH if kind == "forecast" else ""
        return line(x, y, x + 26, y, style.colour, style.width, dash) + marker(style, x + 13, y, kind == "forecast")
    if kind == "flag":
        return flag_ring(x + 13, y)
    if kind == "solid":
        return f'<rect x="{num(x)}" y="{num(y - 7)}" width="26" height="14" fill="{UNIT_STYLE.colour}"/>'
    if kind == "hatch":
        return (
            f'<rect x="{num(x)}" y="{num(y - 7)}" width="26" height="14" fill="url(#{ident}-hatch)" '
            f'stroke="{MUTED}" stroke-width="1"/>'
        )
    if kind == "tick":
        return line(x + 13, y - 8, x + 13, y + 8, MARK, 1.5)
    if kind == "reference":
        return line(x + 13, y - 9, x + 13, y + 9, MUTED, 1.5, "4 3")
    return marker(UNIT_STYLE, x + 13, y, scale=1.4)  # highlighted unit


def legend(entries: list[tuple[str, Style | None, str]], top: float, ident: str, width: float = WIDTH) -> tuple[list[str], float]:
    """Legend rows from `top` in a chart `width` wide (a label too long for one row wraps); returns the drawing
    and the height used."""
    available = width - 32
    labels = [wrap(label, available - 34) for _, _, label in entries]
    widths = [34 + max(text_width(line) for line in lines) for lines in labels]
    rows = wrap_items(widths, available, 22)
    parts: list[str] = []
    y = top + 11
    for indices in rows:
        x = 16.0
        for i in indices:
            kind, style, _ = entries[i]
            parts.append(sample(kind, x, y, style, ident))
            parts.append(text_lines(x + 34, y + 4.5, labels[i]))
            x += widths[i] + 22
        y += 22 + LINE * (max(len(labels[i]) for i in indices) - 1)
    return parts, y - top - 11


def flag_ring(x: float, y: float) -> str:
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="9" fill="none" stroke="{TEXT}" stroke-width="1.2" stroke-dasharray="2 2"/>'
