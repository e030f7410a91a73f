"""Render stage, planners' part: Sozialraumprofile, Indikatorenblätter, target reports, charts.

Called by render.render_site. Builds the page contexts from the indicator engine (indicators.py),
the profile rows and hints (profile.py) and the target statuses (targets.py), writes the SVG charts
(charts.py) as files `diagramme/*.svg`, and adds the pages:

* `sozialraeume/<id>.md` – the profile (template sozialraum.md.j2),
* `kennzahlen/<id>.md` – the Indikatorenblatt with all areas and years (kennzahl.md.j2),
* `ziele/index.md`, `ziele/felder/<field>.md`, `ziele/sozialraeume/<unit>.md` – the target reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.formatting import fmt_number, fmt_value
from ..core.markup import asset_url, html_attr
from ..model import profile, targets
from ..model.indicators import (
    SOURCE_LABELS,
    Statistics,
    Value,
    formula_text,
    period_label,
)
from ..model.schema import Indicator, Municipality
from ..visuals import charts
from .links import record_path

if TYPE_CHECKING:
    from .site import Site
    from .tools import PageTools

CHART_DIR = "diagramme"


@dataclass
class Figure:
    """A chart as placed on a page: the SVG file, caption, summary and data table."""

    path: str
    chart: charts.Chart


def _points(values: list[Value]) -> tuple[charts.Point, ...]:
    return tuple(charts.Point(v.year, v.value if v.shown else None, v.forecast, v.flagged) for v in values)


class ChartWriter:
    """Writes chart SVGs into the site and remembers them for the page."""

    def __init__(self, site: "Site") -> None:
        self.site = site

    def add(self, name: str, chart: charts.Chart) -> Figure:
        path = f"{CHART_DIR}/{name}.svg"
        self.site.add(path, chart.svg)
        if chart.narrow:  # the phone drawing beside it (issue 17: charts legible on a phone)
            self.site.add(charts.narrow_path(path), chart.narrow)
        return Figure(path, chart)


def figure_html(page: str, fig: Figure) -> Markup:
    """One raw-HTML block: `<figure>` with its caption first (HTML allows a figcaption only as the first or last
    child), the SVG as image and German summary, then the chart's data as a table in a `<details>` element (open in
    print). Raw HTML is passed through by Python-Markdown
    without inline processing, which keeps big profiles cheap to build; the figure (summary and table) is excluded
    from search: its facts would only crowd out the pages a search is for."""
    chart = fig.chart
    narrow = asset_url(page, charts.narrow_path(fig.path)) if chart.narrow else ""
    num = ' class="num"'
    note = f'<p class="atlas-chart__note">{html_attr(chart.note)}</p>\n' if chart.note else ""
    head = "".join(f'<th scope="col"{num if i else ""}>{html_attr(h)}</th>' for i, h in enumerate(chart.head))
    body = "".join(
        "<tr>" + "".join((f'<th scope="row">{html_attr(c)}</th>' if i == 0 else f'<td class="num">{html_attr(c)}</td>') for i, c in enumerate(row)) + "</tr>"
        for row in chart.rows
    )
    return Markup(
        f'<figure class="atlas-chart" data-pagefind-ignore>\n<figcaption>{html_attr(chart.title)}</figcaption>\n'
        f'{charts.picture(asset_url(page, fig.path), narrow, chart.alt, chart.svg, chart.narrow)}\n<p class="atlas-chart__summary">{html_attr(chart.summary)}</p>\n'
        f'<details class="atlas-chart__data" data-pagefind-ignore>\n<summary>Daten des Diagramms als Tabelle</summary>\n'
        f'<table>\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>\n{note}</details>\n</figure>'
    )


def value_text(p: "PageTools", ind: Indicator, v: Value | None, unit: bool = True) -> Markup:
    """A value as shown in tables: number (with unit), „unsicher“, „nicht gezeigt“, example badge."""
    if v is None:
        return Markup("–")
    if not v.shown:
        return Markup("nicht gezeigt¹")
    text = fmt_value(v.value, ind.decimals, ind.unit) if unit else fmt_number(v.value, ind.decimals)
    out = Markup(p.text(text))
    if v.flagged:
        out += Markup(" (unsicher²)")
    return out + p.badge(v.example, "Beispielwert")


# --------------------------------------------------------------------------------------------- profile


def without_toc(text: str) -> str:
    """Front matter `hide: [toc]`: a profile has its own „Auf dieser Seite“ under the title (sozialraum.md.j2), and
    its wide comparison table needs the width of Material's table of contents beside it (issue 17)."""
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\nhide:\n  - toc{sep}{rest}" if sep else text


def unit_context(site: "Site", unit: Municipality) -> dict[str, Any]:
    atlas = site.atlas
    site.later(record_path(unit), without_toc)
    stats: Statistics = atlas.stats
    writer = ChartWriter(site)
    rows = profile.rows(stats, atlas.indicators, unit)
    district_label = _district_label(atlas)
    bars = [
        charts.Bar(f"{r.indicator.label} ({r.value.year})", r.value.value, r.district.value if r.district and r.district.year == r.value.year else None,
                   r.indicator.unit, r.indicator.decimals, r.value.flagged)
        for r in rows if r.value is not None and r.value.shown and r.indicator.aggregation != "sum"
    ]
    overview = writer.add(f"{unit.id}-vergleich", charts.comparison_bars(
        f"{unit.name} im Vergleich mit {atlas.area.with_name(district_label)['dat']}", bars, unit.name, district_label, ident=f"{unit.id}-vergleich")) if bars else None
    details = []
    for r in rows:
        ind = r.indicator
        series = [charts.Series(unit.name, _points(stats.series(ind.id, unit.id)), "unit"),
                  charts.Series(district_label, _points(stats.series(ind.id, stats.district_id)), "district")]
        timeline = writer.add(f"{unit.id}-{ind.id}-verlauf", charts.time_series(f"{ind.label}: {unit.name} und {district_label}", series, ind.unit, ind.decimals, ident=f"{unit.id}-{ind.id}-verlauf"))
        ranking = None
        if r.value is not None:
            base, index, items, reference = _rank_base(site, ind, r)
            ranking = writer.add(f"{unit.id}-{ind.id}-rang", charts.ranking(
                f"{ind.label} {r.value.year}: Rangfolge der Sozialräume", items, ind.unit, ind.decimals,
                reference=reference, reference_label=district_label, ident=f"{unit.id}-{ind.id}-rang",
                table_rows=atlas.config.profiles.rank_table_rows, base=base, focus=index.get(unit.id)))
        details.append((r, timeline, ranking))
    target_rows = _statuses_by_area(site).get(unit.id, [])
    return dict(rows=rows, overview=overview, details=details, hints=profile.hints(atlas, unit, rows),
                target_rows=target_rows, conferences=atlas.conferences_in(unit.id), district_label=district_label,
                district_named=atlas.area.with_name(district_label),
                settings=atlas.config.profiles)


def _statuses_by_area(site: "Site") -> dict[str, list[targets.TargetStatus]]:
    """Area id → statuses of its targets (in the order of `targets.statuses`), computed once per render."""
    if "target_statuses" not in site.cache:
        by_area: dict[str, list[targets.TargetStatus]] = {}
        for status in targets.statuses(site.atlas.targets, site.atlas.stats):
            by_area.setdefault(status.area, []).append(status)
        site.cache["target_statuses"] = by_area
    return site.cache["target_statuses"]


def _rank_base(site: "Site", ind: Indicator, r: Any) -> tuple[charts.RankBase | None, dict[str, int], list[charts.RankItem], float | None]:
    """The ranking of all units for one indicator and year, computed once per render and shared by every profile."""
    key = ("rank", ind.id, r.value.key)
    if key not in site.cache:
        atlas = site.atlas
        values = atlas.stats.unit_values(ind.id, r.value.key)
        items = [charts.RankItem(atlas.municipalities[u].name, v.value if v.shown else None, False, v.flagged) for u, v in values.items()]
        comparable = ind.aggregation != "sum"  # a district total is no mark beside its units' values (it would squeeze them)
        reference = r.district.value if comparable and r.district is not None and r.district.year == r.value.year and r.district.shown else None
        base = charts.rank_base(items, ind.unit, ind.decimals, reference=reference)
        site.cache[key] = (base, {u: i for i, u in enumerate(values)}, items, reference)
    return site.cache[key]


def _district_label(atlas) -> str:
    """`Landkreis Potsdam-Mittelmark`, `Stadt Musterstadt`: the short name with the area's kind before it."""
    return atlas.area.named(atlas.district.short_name or atlas.district.name)


# --------------------------------------------------------------------------------------------- indicator page


def _column_header(key: tuple[int, bool], cells: list[Value | None]) -> str:
    """„2022“, „2022 (Stichtag 15.05.2022)“ when not as of 31.12., „2025 (Prognose)“; values of different dates are marked."""
    year, forecast = key
    dates = {v.date for v in cells if v is not None}
    label = period_label(year, next(iter(dates), None)) if len(dates) <= 1 else f"{year} (verschiedene Stichtage)"
    return f"{label} (Prognose)" if forecast else label


def indicator_context(site: "Site", ind: Indicator) -> dict[str, Any]:
    atlas = site.atlas
    stats: Statistics = atlas.stats
    writer = ChartWriter(site)
    columns = stats.columns(ind.id)
    areas = [(stats.district_id, atlas.district.name, None)]
    areas += [(r.id, r.name, r) for r in sorted(atlas.regions.values(), key=lambda r: (r.name.casefold(), r.id))]
    areas += [(m.id, m.name, m) for m in atlas.municipalities.values()]
    matrix = [(area_id, name, record, [stats.get(ind.id, area_id, y, f) for y, f in columns]) for area_id, name, record in areas]
    observed = [c for c in columns if not c[1]]
    latest_key = observed[-1] if observed else None
    ranking = None
    if latest_key is not None:
        values = stats.unit_values(ind.id, latest_key)
        district = stats.get(ind.id, stats.district_id, *latest_key)
        if values:
            items = [charts.RankItem(atlas.municipalities[u].name, v.value if v.shown else None, False, v.flagged) for u, v in values.items()]
            ranking = writer.add(f"kennzahl-{ind.id}-rang", charts.ranking(
                f"{ind.label} {latest_key[0]}: alle Sozialräume", items, ind.unit, ind.decimals,
                reference=district.value if ind.aggregation != "sum" and district is not None and district.shown else None,
                reference_label=_district_label(atlas), ident=f"kennzahl-{ind.id}-rang"))
    sources = sorted({SOURCE_LABELS[v.source] for area in stats.table.get(ind.id, {}).values() for v in area.values()})
    uses = [i for i in atlas.indicators.values() if i.formula and ind.id in i.formula.numerator + i.formula.denominator]
    flagged = any(v.flagged for row in matrix for v in row[3] if v is not None)
    hidden = any(v is not None and not v.shown for row in matrix for v in row[3])
    headers = [_column_header(key, [row[3][i] for row in matrix]) for i, key in enumerate(columns)]
    return dict(columns=columns, headers=headers, matrix=matrix, ranking=ranking,
                formula=formula_text(ind, atlas.indicators), value_sources=sources, used_by=uses, flagged=flagged, hidden=hidden,
                settings=atlas.config.profiles, latest_key=latest_key, hint_rule=profile.hint_rule(ind, atlas.config.profiles))


# --------------------------------------------------------------------------------------------- targets


def target_pages(site: "Site", common: dict[str, Any]) -> None:
    atlas = site.atlas
    if not atlas.targets:
        return
    all_status = targets.statuses(atlas.targets, atlas.stats)
    fields = [f for f in atlas.vocabularies.target_fields if any(t.field == f.id for t in atlas.targets.values())]
    ctx = dict(all_status=all_status, by_area=_statuses_by_area(site), fields=fields, labels=targets.STATUS_LABELS,
               order=targets.STATUS_ORDER, **common)
    site.page("ziele/index.md", "ziele.md.j2", "Ziele in vier Perspektiven", **ctx)
    for f in fields:
        site.page(f"ziele/felder/{f.id}.md", "ziele_feld.md.j2", f"Ziele: {f.label}", field=f,
                  rows=[s for s in all_status if s.target.field == f.id], **ctx)
    by_area = _statuses_by_area(site)
    for unit in atlas.municipalities.values():
        site.page(f"ziele/sozialraeume/{unit.id}.md", "ziele_sozialraum.md.j2", f"Ziele: {unit.name}", unit=unit,
                  rows=by_area.get(unit.id, []), **ctx)
