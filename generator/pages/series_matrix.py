"""Time series as one matrix (issue 17, point 9): rows × years, forecast years set apart.

The district page (landkreis.md.j2) showed the district's values as one row per indicator and year, about a
hundred rows. Here they are one table: a row per indicator (with its unit), a column per year; the forecast
years follow in a column group of their own, headed „Prognose“ (a second header row names the years), drawn
apart by a rule and a tint (atlas.css, block "issue 17: profiles"), and every forecast header cell also says
„Prognose“ to a screen reader. Numbers are German (`fmt_number`); a dash means: no value that year.

Invented values stay marked without a badge in every cell: a row whose shown values are all invented gets
one badge in its header („Beispielwerte“, or the indicator's own „Beispiel“), a mixed row marks its invented
cells. Notes of single values (source, reference date) become numbered notes under the table.

Raw HTML (MkDocs passes it unchanged), so links are served URLs relative to the page; table_regions.py puts
the table in its labelled scroll region (the label is the caption). Templates call it as
`p.district_series(caption)` (tools.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..core.formatting import fmt_number
from ..core.markup import html_attr, root_prefix, served_dir
from ..model.atlas import Atlas
from ..model.indicators import Key, Value
from ..model.schema import Indicator
from .links import record_path

FORECAST = "Prognose"
OBSERVED = "Ist-Werte"


@dataclass
class SeriesRow:
    indicator: Indicator
    cells: list[Value | None]  # one per column; None: no value that year


@dataclass
class SeriesMatrix:
    columns: list[Key]  # (year, forecast): observed years first, then forecast years
    rows: list[SeriesRow] = field(default_factory=list)

    @property
    def observed(self) -> list[Key]:
        return [c for c in self.columns if not c[1]]

    @property
    def forecast(self) -> list[Key]:
        return [c for c in self.columns if c[1]]


def district_matrix(atlas: Atlas) -> SeriesMatrix:
    """The district's own values: a row per indicator with a shown value, a column per year that has one."""
    stats = atlas.stats
    series = {ind.id: {v.key: v for v in stats.series(ind.id, atlas.district.id)} for ind in atlas.indicators.values()}
    keys = {k for values in series.values() for k, v in values.items() if v.shown}
    columns = sorted(keys, key=lambda k: (k[1], k[0]))
    matrix = SeriesMatrix(columns)
    for ind in atlas.indicators.values():
        values = series[ind.id]
        if any(v.shown for v in values.values()):
            matrix.rows.append(SeriesRow(ind, [values.get(k) for k in columns]))
    return matrix


def year_header(key: Key, first_forecast: bool) -> str:
    year, forecast = key
    if not forecast:
        return f'<th scope="col" class="num">{year}</th>'
    start = " atlas-series__start" if first_forecast else ""
    return (f'<th scope="col" class="num atlas-series__forecast{start}">{year}'
            f'<span class="atlas-visually-hidden"> ({FORECAST})</span></th>')


def matrix_html(p: Any, matrix: SeriesMatrix, caption: str, row_label: str = "Kennzahl") -> Markup:
    """The matrix as an HTML table with its notes (raw HTML block for a Markdown page)."""
    notes: list[str] = []
    observed, forecast = matrix.observed, matrix.forecast
    first_forecast = len(observed)
    head_top = f'<th scope="col" rowspan="2">{html_attr(row_label)}</th><th scope="col" rowspan="2">Einheit</th>'
    if observed:
        head_top += f'<th scope="colgroup" colspan="{len(observed)}">{OBSERVED}</th>'
    if forecast:
        head_top += f'<th scope="colgroup" colspan="{len(forecast)}" class="atlas-series__forecast atlas-series__start">{FORECAST}</th>'
    head_years = "".join(year_header(k, i == first_forecast) for i, k in enumerate(matrix.columns))
    groups = '<colgroup span="2"></colgroup>'
    if observed:
        groups += f'<colgroup span="{len(observed)}"></colgroup>'
    if forecast:
        groups += f'<colgroup span="{len(forecast)}" class="atlas-series__forecast"></colgroup>'
    body = []
    for row in matrix.rows:
        shown = [v for v in row.cells if v is not None and v.shown]
        all_example = bool(shown) and all(v.example for v in shown)
        head = f'<a href="{href(p.page, row.indicator)}">{html_attr(row.indicator.label)}</a>'
        if row.indicator.example:
            head += str(p.badge(row.indicator))
        elif all_example:
            head += str(p.badge(True, "Beispielwerte"))
        cells = []
        for i, value in enumerate(row.cells):
            classes = "num"
            if matrix.columns[i][1]:
                classes += " atlas-series__forecast" + (" atlas-series__start" if i == first_forecast else "")
            cells.append(f'<td class="{classes}">{cell_html(p, row.indicator, value, notes, not all_example)}</td>')
        unit = html_attr(row.indicator.unit) if row.indicator.unit else "–"
        body.append(f'<tr><th scope="row">{head}</th><td>{unit}</td>{"".join(cells)}</tr>')
    table = (f'<table>\n<caption>{html_attr(caption)}</caption>\n{groups}\n'
             f'<thead>\n<tr>{head_top}</tr>\n<tr>{head_years}</tr>\n</thead>\n<tbody>\n' + "\n".join(body) + "\n</tbody>\n</table>")
    listed = ""
    if notes:
        items = "".join(f'<li id="zeitreihe-hinweis-{i}">{html_attr(n)}</li>' for i, n in enumerate(notes, 1))
        listed = f'\n<p class="atlas-series__notes-title">Hinweise zu einzelnen Werten:</p>\n<ol class="atlas-series__notes">{items}</ol>'
    return Markup(f'<div class="atlas-series">\n{table}{listed}\n</div>')


def cell_html(p: Any, ind: Indicator, value: Value | None, notes: list[str], mark_example: bool) -> str:
    """One value: German number, „unsicher“, „nicht gezeigt“, its example badge, a link to its note."""
    if value is None:
        return "–"
    if not value.shown:
        return "nicht gezeigt"
    text = str(html_attr(fmt_number(value.value, ind.decimals)))
    if value.flagged:
        text += " (unsicher)"
    if value.example and mark_example:
        text += str(p.badge(True, "Beispielwert"))
    if value.note:
        if value.note not in notes:
            notes.append(value.note)
        number = notes.index(value.note) + 1
        text += f'<sup><a href="#zeitreihe-hinweis-{number}" aria-label="Hinweis {number}">{number}</a></sup>'
    return text


def href(page: str, record: Any) -> Markup:
    """Served URL of a record's page, relative to the served `page` (raw HTML: MkDocs rewrites no links)."""
    return html_attr(root_prefix(page) + served_dir(record_path(record)))
