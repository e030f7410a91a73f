"""Shared pieces of the SVG charts: data classes, German cell and label texts, the empty chart, series styles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ...core.formatting import fmt_number
from ...core.markup import html_attr
from .. import svg as s

ZERO_SHARE = 0.6
FLAG = "unsicher"
FLAG_LEGEND = "unsicher (wenige Fälle)"
EMPTY = "Keine Werte vorhanden"
NO_VALUE = "kein Wert"
DENSE = 60  # above this many units, the ranking strip becomes a small histogram
NARROW_MEDIA = "screen and (max-width: 44.9375em)"  # Material's breakpoint; above it the column is ≥ 672 px
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
    narrow: str = ""  # the same chart drawn `svg.NARROW` wide for phones (same texts, larger in proportion)


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


def label_with_unit(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit else label


def value_cell(value: float | None, decimals: int, flagged: bool = False, forecast: bool = False) -> str:
    text = fmt_number(value, decimals)
    if value is not None and forecast:
        text += " (Prognose)"
    if value is not None and flagged:
        text += f" ({FLAG})"
    return text


def rounded_to(value: float, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def empty_chart(title: str, kind: str, ident: str, head: list[str]) -> Chart:
    height = 80
    summary = f"{EMPTY}."
    svg, narrow = (s.document(narrow_ident(ident, width), width, height, title, summary, [s.text(width / 2, 45, EMPTY, "middle", fill=s.MUTED)])
                   for width in (s.WIDTH, s.NARROW))
    return Chart(title, svg, summary, head, [], f"{kind}: {title} – keine Werte vorhanden", narrow=narrow)


def narrow_path(path: str) -> str:
    """Where the phone drawing of the chart at `path` (`….svg`) is written: `…-schmal.svg`."""
    return path.removesuffix(".svg") + "-schmal.svg"


_SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"')


def size_attributes(svg: str) -> str:
    """` width="640" height="305"` from a drawing's root element (empty when it has none): the browser reserves the
    chart's box before the image has loaded, so the page is laid out once and does not jump while charts arrive."""
    found = _SVG_SIZE.match(svg.lstrip())
    return f' width="{found.group(1)}" height="{found.group(2)}"' if found else ""


def picture(src: str, narrow_src: str, alt: str, svg: str = "", narrow_svg: str = "") -> str:
    """The chart as image (URLs relative to the page): the phone drawing on screens up to 719 px (where the
    content column is narrower than the wide drawing), the wide one elsewhere and in print; not scaled up.
    `svg` and `narrow_svg` (the drawings) give each its width and height."""
    img = f'<img src="{html_attr(src)}" alt="{html_attr(alt)}"{size_attributes(svg)} loading="lazy">'
    if not narrow_src:
        return img
    source = f'<source media="{NARROW_MEDIA}" srcset="{html_attr(narrow_src)}"{size_attributes(narrow_svg)}>'
    return f'<picture class="atlas-chart__picture">{source}{img}</picture>'


def narrow_ident(ident: str, width: float) -> str:
    """The id prefix of a drawing: the chart's own, `-schmal` added for the narrow one."""
    return ident if width == s.WIDTH else f"{ident}-schmal"


def axis_title(x: float, y: float, content: str, anchor: str = "start") -> str:
    """The title of an axis or strip (what its numbers are), marked for tests and tools."""
    return s.text(x, y, content, anchor, fill=s.MUTED, data_kind="axis-title")


def series_styles(series: list[Series]) -> list[s.Style]:
    """Role styles; a role used twice, or an unknown role, takes the next unused style of the other pool."""
    styles: list[s.Style] = []
    for item in series:
        style = s.ROLE_STYLES.get(item.role)
        if style is None or style in styles:
            free = [st for st in s.OTHER_STYLES if st not in styles]
            style = free[0] if free else s.OTHER_STYLES[len(styles) % len(s.OTHER_STYLES)]
        styles.append(style)
    return styles
