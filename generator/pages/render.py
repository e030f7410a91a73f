"""Render stage: Atlas → Markdown pages and map documents for the docs dir.

`render_site(atlas)` returns `{relative path: file content}`: the Markdown pages (templates in
templates/) and the map documents `karten/*.html` (visuals/maps.py). `site_parts(site)` lists the same
run as independent parts, which build/parallel.py runs in several processes. Each part calls the page
module that makes its pages; they all render through one `site.Site`.
Paths and texts are German and fixed; the mkdocs.yml nav points at the index pages. Links between pages
are relative `.md` links, which MkDocs checks. Determinism: records are ordered by the Atlas, every other
list is sorted; no timestamps. A record whose id would produce the path of an overview page (e.g. an
offer `orte` → `angebote/orte.md`) raises `BuildError` with a German message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from ..core.formatting import fmt_number
from ..model import renames
from ..model.atlas import Atlas, is_active
from ..model.schema import FamilyCentre, Indicator, Municipality, Network, Offer, Organisation, Record
from ..visuals import maps
from . import datamodel, easy, easy_lebenslagen, figures, finder_pages, lebenslagen, legal, lists, opendata, people, profiles, search_marks, termine
from .links import FOLDERS, record_name, record_path
from .site import CENTRES_MAP, DISTRICT_MAP, UNITS_MAP, Site

# --------------------------------------------------------------------------------------------- points


def _unit_points(atlas: Atlas, units: Iterable[Municipality], sized: bool = True) -> list[maps.Point]:
    """Seats of units: sized by population (maps comparing units) or all alike (orientation)."""
    largest = max((u.population.value for u in atlas.municipalities.values()), default=1) or 1
    if not sized:
        return [maps.Point(u.location.lat, u.location.lon, f"Verwaltungssitz {u.name}: {u.seat}", "seat") for u in units]
    return [
        maps.Point(u.location.lat, u.location.lon, f"{u.name}: {fmt_number(u.population.value)} Einwohner", "unit", u.population.value / largest)
        for u in units
    ]


def _centre_points(centres: Iterable[FamilyCentre]) -> list[maps.Point]:
    return [
        maps.Point(c.location.lat, c.location.lon, c.name + (" (mobil)" if c.mobile else "") + (" (Beispiel)" if c.example else ""), "centre")
        for c in centres
    ]


def _offer_points(offers: Iterable[Offer]) -> list[maps.Point]:
    return [
        maps.Point(o.location.lat, o.location.lon, f"{o.title} ({o.place})" if o.place else o.title, "offer")
        for o in offers
        if o.location is not None  # an offer at a family centre has a location only when it meets elsewhere
    ]


# --------------------------------------------------------------------------------------------- site


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def site_parts(site: Site, only: Iterable[Record] | None = None) -> list[Callable[[], None]]:
    """The render run as independent parts, in a fixed order; each part adds its own pages to `site`.

    No part needs another part's pages: a page's bytes depend only on the atlas (work shared within a run
    sits in `site.cache` and on the atlas, computed on first use). So the parts may run in any order and in
    several processes (build/parallel.py). Records are dealt into chunks so that a big atlas gives parts of a
    similar size; the biggest single parts come first. A part registers its `later` changes itself, before
    its own pages. The redirect pages of renamed records are not a part: they need every path (`redirects`).
    `only`: just the parts that make the own pages (and maps) of these records – units, centres, offers,
    networks, organisations, indicators; other records have none of their own.
    """
    a = site.atlas
    units = list(a.municipalities.values())
    centres = list(a.family_centres.values())
    listed_centres = [c for c in centres if is_active(c)]  # ended ones keep their page but leave lists and maps
    offers = list(a.offers.values())
    listed_offers = [o for o in offers if is_active(o)]
    district_name = a.district.short_name or a.district.name
    common = dict(district_name=district_name, district_map=DISTRICT_MAP, units_map=UNITS_MAP, centres_map=CENTRES_MAP)

    def overview_maps() -> None:
        site.map(DISTRICT_MAP, f"Sozialräume und Familienzentren {a.area.in_named(a.district.name)}", _unit_points(a, units) + _centre_points(listed_centres))
        site.map(UNITS_MAP, f"Sozialräume {a.area.in_named(a.district.name)} nach Einwohnerzahl", _unit_points(a, units))
        site.map(CENTRES_MAP, f"Familienzentren {a.area.in_named(a.district.name)}", _unit_points(a, units, sized=False) + _centre_points(listed_centres))
        for region in a.regions.values():
            members = a.municipalities_of_region(region.id)
            ids = {m.id for m in members}
            site.map(f"region-{region.id}", f"{region.name}: Sozialräume und Familienzentren",
                     _unit_points(a, members) + _centre_points(c for c in listed_centres if c.municipality in ids), focus=tuple(sorted(ids)))

    def unit_maps(chunk: list[Municipality]) -> None:
        for unit in chunk:
            site.map(f"sozialraum-{unit.id}", f"{unit.name}: Verwaltungssitz, Familienzentren und Angebotsorte",
                     _unit_points(a, [unit], sized=False) + _centre_points(a.centres_in(unit.id)) + _offer_points(a.offers_in(unit.id)),
                     focus=(unit.id,))

    def centre_maps(chunk: list[FamilyCentre]) -> None:
        for centre in chunk:
            home = [a.municipalities[centre.municipality]] if centre.municipality in a.municipalities else []
            site.map(f"familienzentrum-{centre.id}", f"Lage von {centre.name}",
                     _unit_points(a, home, sized=False) + _centre_points([centre]) + _offer_points(a.offers_at(centre.id)),
                     focus=tuple(u.id for u in home))

    def indicator(ind: Indicator) -> None:
        latest = figures.latest_per_unit(a, ind)
        theme = site.thematic(f"kennzahl-{ind.id}", f"{ind.label}, letzter Wert je Sozialraum", ind, latest)
        site.page(record_path(ind), "kennzahl.md.j2", ind.label, ind=ind, latest=latest, theme=theme,
                  **profiles.indicator_context(site, ind), **common)

    def overview_pages() -> None:
        site.translated("index.md", "index.md.j2", a.config.title, units=units, centres=centres, **common)  # every language (issue 22)
        site.later("landkreis/index.md", profiles.without_toc)  # own „Auf dieser Seite“, wide matrix (issue 17)
        site.page("landkreis/index.md", "landkreis.md.j2", a.district.name, units=units, totals=figures.totals(units),
                  district_values=figures.district_values(a), **common)
        if a.regions:
            site.page("regionen/index.md", "regionen.md.j2", "Planungsregionen", **common)
            for region in a.regions.values():
                members = a.municipalities_of_region(region.id)
                site.page(record_path(region), "region.md.j2", region.name, region=region, members=members,
                          totals=figures.totals(members), **common)
        site.page("sozialraeume/index.md", "sozialraeume.md.j2", "Sozialräume", units=units, **common)
        site.page("familienzentren/index.md", "familienzentren.md.j2", "Familienzentren", units=units, **common)
        site.page("netzwerke/index.md", "netzwerke.md.j2", "Netzwerke und Gremien", **common)
        site.page("organisationen/index.md", "organisationen.md.j2", "Organisationen", **common)
        site.page("kennzahlen/index.md", "kennzahlen.md.j2", "Kennzahlen", **common)
        site.page(search_marks.SEARCH_PAGE, "suche.md.j2", "Suche", example_place=units[0].name if units else "", **common)
        legal.legal_pages(site, common)  # impressum.md, datenschutz.md, barrierefreiheit.md
        datamodel.datamodel_page(site)  # datenmodell.md: fields, types and forms for editors

    def unit_pages(chunk: list[Municipality]) -> None:
        for unit in chunk:
            site.page(record_path(unit), "sozialraum.md.j2", unit.name, unit=unit, **profiles.unit_context(site, unit), **common)

    def record_pages(template: str, key: str, title: Callable[[Any], str], chunk: list[Any], every_language: bool = False) -> None:
        make = site.translated if every_language else site.page  # family centres and offers in every language (issue 22)
        for record in chunk:
            make(record_path(record), template, title(record), **{key: record}, **common)

    centre_page = functools.partial(record_pages, "familienzentrum.md.j2", "centre", lambda r: r.name, every_language=True)
    offer_page = functools.partial(record_pages, "angebot.md.j2", "offer", lambda r: r.title, every_language=True)
    network_page = functools.partial(record_pages, "netzwerk.md.j2", "network", lambda r: r.name)
    org_page = functools.partial(record_pages, "organisation.md.j2", "org", lambda r: r.name)
    if only is not None:  # the pages of these records alone (build/serve.py's quick preview)
        own: dict[type, list[Callable[[list[Any]], None]]] = {
            Municipality: [unit_pages, unit_maps], FamilyCentre: [centre_page, centre_maps], Offer: [offer_page],
            Network: [network_page], Organisation: [org_page], Indicator: [lambda c: [indicator(i) for i in c]],
        }
        return [functools.partial(make, [record]) for record in only for make in own.get(type(record), [])]
    parts: list[Callable[[], None]] = [
        lambda: opendata.add_open_data(site),  # daten/: exports, catalogue, page „Offene Daten“; sozialraeume/<id>.csv|json
        lambda: finder_pages.finder_pages(site, common),  # Angebotsfinder, „In meiner Nähe“, lists per unit
        lambda: lists.offer_lists(site, common, listed_offers, units),  # by topic, target group, place, age
        lambda: people.people_pages(site, common),  # ansprechpersonen/…, vCards, organisationen/wer-mit-wem.md
        lambda: profiles.target_pages(site, common),
        lambda: easy.easy_pages(site, common),  # leichte-sprache/
        lambda: easy_lebenslagen.easy_lebenslagen_pages(site, common),  # leichte-sprache/lebenslagen/: situations in Leichter Sprache
        lambda: lebenslagen.lebenslagen_pages(site, common),  # lebenslagen/, leistungen/: „Was ist passiert?“ (issue 20)
        lambda: termine.termine_pages(site, common),  # termine/: dates by week, one page per series, calendar feeds (issue 21)
        overview_maps,
        overview_pages,
    ]
    parts += [lambda ind=ind: indicator(ind) for ind in a.indicators.values()]
    parts += [lambda c=c: unit_pages(c) for c in _chunks(units, 10)]
    parts += [lambda c=c: unit_maps(c) for c in _chunks(units, 50)]
    parts += [lambda c=c: centre_maps(c) for c in _chunks(centres, 100)]
    parts += [lambda c=c: centre_page(c) for c in _chunks(centres, 100)]
    parts += [lambda c=c: offer_page(c) for c in _chunks(offers, 250)]
    parts += [lambda c=c: network_page(c) for c in _chunks(list(a.networks.values()), 200)]
    parts += [lambda c=c: org_page(c) for c in _chunks(list(a.organisations.values()), 200)]
    return parts


def redirects(site: Site, paths: set[str]) -> None:
    """Pages at the old addresses of renamed records (`former_ids`); `paths`: every other page of the run."""
    for path, content in renames.redirect_files(site.atlas, record_path, record_name, paths, FOLDERS).items():
        site.add(path, content)


def render_site(atlas: Atlas, sink: Callable[[str, str], None] | None = None) -> dict[str, str]:
    """Every generated file: docs-relative path → content (Markdown pages and map documents), in one process.

    With `sink`, each file goes to `sink(path, content)` as soon as it is final and is not kept (a Land
    or all of Germany does not fit in memory at once); the returned dict is then empty. build/parallel.py
    runs the same parts in several processes.
    """
    site = Site(atlas, sink)
    for part in site_parts(site):
        part()
    redirects(site, set(site.paths))
    return dict(sorted(site.files.items()))


__all__ = ["render_site", "site_parts", "redirects"]
