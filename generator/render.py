"""Render stage: Atlas → Markdown pages and map documents for the docs dir.

One public function, `render_site(atlas)`, returns `{relative path: file content}`: the Markdown pages
(jinja2 templates in generator/templates/) and the map documents `karten/*.html` (generator/maps.py).
Paths and texts are German and fixed; the mkdocs.yml nav points at the index pages.

Safety: every value a template prints is escaped for Markdown and HTML by the environment's
`finalize` (generator/markup.py); only `Markup` built by the helpers here (links, tables, badges,
maps) passes unchanged. Links between pages are relative `.md` links, which MkDocs checks.
Determinism: records are ordered by the Atlas, every other list is sorted here; no timestamps.
A record whose id would produce the path of an overview page (e.g. an offer `orte` →
`angebote/orte.md`) raises `BuildError` with a German message.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import figures
from . import hours
from . import jsonld
from . import maps
from . import opendata
from . import render_datamodel
from . import render_easy
from . import render_finder
from . import render_legal
from . import render_lists
from . import render_people
from . import render_profiles
from . import review
from . import renames
from . import searchwords
from . import search_compact
from . import search_scope
from . import thematic
from .formatting import FILTERS, fmt_ages, fmt_number
from .markup import email_link, front_matter, html_attr, md_paragraphs, md_text, page_link, phone_link, web_link
from .model import Atlas, is_active
from .paths import BuildError
from .targets import STATUS_LABELS
from .schema import MEASURE_STATUSES, Contact, FamilyCentre, Indicator, Municipality, Network, Offer, Organisation, Record, Region

_BLANK_LINES = re.compile(r"\n{3,}")
DEFAULT_EXAMPLE_NOTICE = "Dieser Atlas enthält Beispieldaten. Erfundene Einträge sind mit „Beispiel“ gekennzeichnet."
EXAMPLE_MARK = 'class="atlas-example"'

UNIT_TYPES = {"stadt": "Stadt", "amtsfreie-gemeinde": "amtsfreie Gemeinde", "amt": "Amt"}
MEMBER_TYPES = {"stadt": "Stadt", "gemeinde": "Gemeinde"}

# record class → folder of its detail pages
FOLDERS: dict[type, str] = {
    Region: "regionen",
    Municipality: "sozialraeume",
    FamilyCentre: "familienzentren",
    Offer: "angebote",
    Network: "netzwerke",
    Organisation: "organisationen",
    Indicator: "kennzahlen",
    Contact: render_people.FOLDER,
}

DISTRICT_MAP = "landkreis"  # units (by population) and family centres
UNITS_MAP = "sozialraeume"  # units by population
CENTRES_MAP = "familienzentren"  # family centres, unit seats for orientation

# Age bands of the "Angebote nach Alter" page: (label, min, max)
AGE_BANDS = [
    ("Babys und Kleinkinder (unter 3 Jahren)", 0, 2),
    ("Kinder von 3 bis 5 Jahren", 3, 5),
    ("Schulkinder (6 bis 11 Jahre)", 6, 11),
    ("Jugendliche (12 bis 17 Jahre)", 12, 17),
    ("Junge Erwachsene (18 bis 26 Jahre)", 18, 26),
    ("Erwachsene (27 bis 59 Jahre)", 27, 59),
    ("Ältere Menschen (ab 60 Jahren)", 60, 200),
]


def record_path(record: Record) -> str:
    """Docs path of a record's detail page, e.g. `sozialraeume/teltow.md`."""
    return f"{FOLDERS[type(record)]}/{record.id}.md"


def record_name(record: Record) -> str:
    for attr in ("name", "title", "label"):
        value = getattr(record, attr, None)
        if value:
            return value
    return record.id


def _environment() -> Environment:
    env = Environment(
        extensions=["jinja2.ext.do"],
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=False,  # escaping for Markdown+HTML happens in finalize (md_text)
        finalize=md_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["paragraphs"] = md_paragraphs
    env.filters["attr"] = html_attr
    env.filters["to_set"] = set  # for `in` tests against many ids (a list would make them O(n) each)
    env.filters["places"] = searchwords.places  # " (Borkheide, Borkwalde, …)" after a unit name
    env.globals.update(unit_type=UNIT_TYPES, member_type=MEMBER_TYPES, age_bands=AGE_BANDS, measure_status=MEASURE_STATUSES)
    env.filters["cell"] = lambda v, p, ind: p.value(ind, v, unit=False)
    env.filters["count_status"] = lambda status, rows: sum(1 for r in rows if r.status == status)
    env.filters["status_label"] = lambda status: STATUS_LABELS[status]
    env.filters["status_phrase"] = lambda status, rows: (f"{n} {STATUS_LABELS[status]}" if (n := sum(1 for r in rows if r.status == status)) else "")
    env.globals["people"] = render_people.PeopleTools  # `{% set pp = people(p) %}`: contacts, vCards, matrix
    env.tests["contains"] = lambda seq, item: item in (seq or ())
    env.tests["active"] = is_active  # not „beendet“
    env.globals.update(hours=hours, review=review, jsonld=jsonld.jsonld)  # opening hours, status, last check, structured data
    env.tests["for_ages"] = _for_ages
    return env


def _for_ages(offer: Offer, low: int, high: int) -> bool:
    """Whether an offer's age range overlaps [low, high] (no range: every age)."""
    if offer.ages is None:
        return True
    return offer.ages.min <= high and (offer.ages.max is None or offer.ages.max >= low)


class PageTools:
    """Helpers a template calls as `p.…`; they know the current page for relative links."""

    def __init__(self, atlas: Atlas, page: str) -> None:
        self.atlas = atlas
        self.page = page

    # links ------------------------------------------------------------------------------------
    def link(self, record: Record | None, label: str | None = None, badge: bool = True) -> Markup:
        """Link to a record's page (text only for records without a page), with its example badge."""
        if record is None:
            return Markup("")
        text = label if label is not None else record_name(record)
        link = page_link(self.page, record_path(record), text) if type(record) in FOLDERS else Markup(md_text(text))
        return link + self.badge(record) if badge else link

    def to(self, target: str, label: str) -> Markup:
        """Link to a generated or hand-written page, by its docs path (`angebote/index.md`)."""
        return page_link(self.page, target, label)

    def web(self, url: str | None, label: str | None = None) -> Markup:
        return web_link(url, label)

    def email(self, address: str | None) -> Markup:
        return email_link(address)

    def phone(self, number: str | None) -> Markup:
        return phone_link(number)

    def map(self, name: str, title: str) -> Markup:
        return maps.embed(self.page, name, title)

    # text -------------------------------------------------------------------------------------
    def badge(self, item: Any = True, text: str = "Beispiel") -> Markup:
        """`<span class="atlas-example">Beispiel</span>` when the record/value/flag is example data."""
        flag = getattr(item, "example", item)
        return Markup(f' <span class="atlas-example">{html_attr(text)}</span>') if flag else Markup("")

    def join(self, items: Iterable[Any], sep: str = ", ") -> Markup:
        """Join escaped texts and Markup (links) with a literal separator."""
        return Markup(sep.join(md_text(i) for i in items))

    def labels(self, vocabulary: str, ids: Iterable[str]) -> str:
        return ", ".join(self.atlas.label(vocabulary, i) for i in ids)

    def links(self, records: Iterable[Record | None], sep: str = ", ") -> Markup:
        """Links to the records' pages, each with its example badge."""
        return self.join([self.link(r) for r in records if r is not None], sep)

    def table(self, head: list[Any], rows: Iterable[Iterable[Any]], numeric: Iterable[int] = ()) -> Markup:
        """A Markdown table with a header row; `numeric` column indices are right-aligned."""
        right = set(numeric)

        def cell(value: Any) -> str:
            return md_text(value).replace("\n", " ") or " "

        lines = [
            "| " + " | ".join(cell(h) for h in head) + " |",
            "| " + " | ".join("---:" if i in right else "---" for i in range(len(head))) + " |",
        ]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        return Markup("\n".join(lines))

    def figure(self, fig: figures.Figure, badge: str = "Beispielwert") -> Markup:
        """A formatted number with its example badge and a note in parentheses."""
        text = md_text(fig.text)
        if fig.note:
            text += f" ({md_text(fig.note)})"
        return Markup(text) + self.badge(fig.example, badge)

    def figure_cells(self, cells: Iterable[figures.Figure]) -> list[Markup]:
        return [self.figure(c) for c in cells]

    def contact(self, contact: Contact | None) -> Markup:
        """Role (link to its page), name, organisation, e-mail, phone, responsibility, vCard (render_people)."""
        return render_people.contact_entry(self, contact)

    def channels(self, record: Any) -> list[Markup]:
        """`E-Mail: …`, `Telefon: …`, `Webseite: …` of a record that has them."""
        result = []
        if getattr(record, "email", None):
            result.append(Markup("E-Mail: ") + self.email(record.email))
        if getattr(record, "phone", None):
            result.append(Markup("Telefon: ") + self.phone(record.phone))
        if getattr(record, "website", None):
            result.append(Markup("Webseite: ") + self.web(record.website, f"Webseite von {record_name(record)}"))
        return result

    def offer_line(self, offer: Offer) -> Markup:
        """`Titel (link) – Ort, Sozialraum; Alter` for lists of offers."""
        return self.link(offer) + Markup(" – ") + self.place(offer) + Markup("; ") + Markup(md_text(fmt_ages(offer.ages)))

    def text(self, value: Any) -> Markup:
        return Markup(md_text(value))

    def value(self, indicator: Indicator, value: Any, unit: bool = True) -> Markup:
        """An indicator value as shown: number, „unsicher²“, „nicht gezeigt¹“, example badge."""
        return render_profiles.value_text(self, indicator, value, unit)

    def figure_block(self, fig: render_profiles.Figure) -> Markup:
        """A chart: image, caption, German summary and its data table (raw HTML: cheap for MkDocs, kept out of search)."""
        return render_profiles.figure_html(self.page, fig)

    def status(self, status: Any) -> Markup:
        """Target status as a labelled badge (the word itself carries the meaning, the colour only repeats it)."""
        return Markup(f'<span class="atlas-status atlas-status--{html_attr(status.status)}">{html_attr(status.label)}</span>')

    def orgs(self, ids: Iterable[str]) -> list[Organisation]:
        return [self.atlas.organisations[i] for i in ids if i in self.atlas.organisations]

    def units(self, ids: Iterable[str], empty: str = "ganzer Landkreis") -> Markup:
        """Links to the units with these ids; no ids means the whole district."""
        found = [self.atlas.municipalities[i] for i in ids if i in self.atlas.municipalities]
        return self.links(found) if found else self.text(empty)

    def scope(self, network: Network) -> Markup:
        if network.scope == "district":
            return self.text("kreisweit")
        if network.scope == "region":
            regions = [self.atlas.regions[r] for r in network.regions if r in self.atlas.regions]
            return Markup("Planungsregion: ") + self.links(regions)
        return self.units(network.municipalities, "–")

    def coordination(self, network: Network) -> Markup:
        """Who coordinates: the published contact's role and organisation, else the organisation only."""
        contact = self.atlas.contact(network.coordinator)
        org = self.atlas.organisations.get(network.coordinating_organisation or (contact.organisation if contact else ""))
        parts: list[Any] = [contact.role] if contact else []
        if org is not None:
            parts.append(self.link(org))
        return self.join(parts) if parts else self.text("–")

    def coordinates(self, contact: Contact) -> Markup:
        """`; koordiniert: Netzwerk A, Netzwerk B` for a contact (empty if none)."""
        networks = self.atlas.networks_coordinated_by(contact.id)
        return Markup("; koordiniert: ") + self.links(networks) if networks else Markup("")

    def place(self, offer: Offer) -> Markup:
        """Where an offer takes place: the family centre (linked) or the place text, and the unit."""
        centre = self.atlas.family_centres.get(offer.family_centre or "")
        unit = self.atlas.municipalities.get(offer.municipality)
        parts = [self.link(centre) if centre else (offer.place or "")]
        if unit is not None:
            parts.append(unit.name)
        return self.join([p for p in parts if p], ", ")


def duplicate_page_message(path: str) -> str:
    return (f"Die Seite {path} würde zweimal erzeugt; eine Kennung ist vermutlich für eine Übersichtsseite "
            "reserviert (z. B. „index“, „orte“, „zielgruppen“, „alter“). Bitte die Kennung ändern.")


class _Site:
    """Collects the files of one render run."""

    def __init__(self, atlas: Atlas, sink: Callable[[str, str], None] | None = None) -> None:
        self.atlas = atlas
        self.files: dict[str, str] = {}  # the rendered files, unless a sink takes them
        self.paths: set[str] = set()
        self.sink = sink
        self.notice = atlas.config.example_notice or DEFAULT_EXAMPLE_NOTICE
        # per-page changes registered by the page makers (`later`), applied when a page is added
        self.finishers: dict[str, Callable[[str], str]] = {}
        self.cache: dict[Any, Any] = {}  # work the page makers share within one render (e.g. rankings)

    # made on first use: a _Site that only lists the parts (render_jobs.py) or writes redirects needs neither
    @functools.cached_property
    def env(self) -> Environment:
        return _environment()

    @functools.cached_property
    def meta(self) -> dict[str, Any]:
        """Search boost and search words for the front matter of each page (searchwords.py)."""
        return searchwords.page_meta(self.atlas, record_path, search_compact.is_compact(self.atlas))

    def later(self, path: str, finish: Callable[[str], str]) -> None:
        """Change the page `path` when it is added (e.g. a search boost in its front matter)."""
        self.finishers[path] = finish

    def add(self, path: str, content: str) -> None:
        if path in self.paths:
            raise BuildError(duplicate_page_message(path))
        self.paths.add(path)
        if path in self.finishers:
            content = self.finishers.pop(path)(content)
        if path.endswith(".md") and path in self.meta:
            content = searchwords.add_meta(content, self.meta[path])
        content = search_scope.limit_page(path, content)  # lists and indicator value tables out of the search index
        if self.sink is not None:
            self.sink(path, content)
        else:
            self.files[path] = content

    def page(self, path: str, template: str, title: str, **context: Any) -> None:
        tools = PageTools(self.atlas, path)
        body = self.env.get_template(template).render(atlas=self.atlas, p=tools, title=title, figures=figures, **context)
        body = "\n".join(line.rstrip() for line in body.strip().splitlines()) + "\n"
        body = _BLANK_LINES.sub("\n\n", body)
        if EXAMPLE_MARK in body:
            heading, _, rest = body.partition("\n")
            # the same notice on hundreds of pages would be a tenth of the search index and the snippet of
            # every result: it stays visible but out of the index
            notice = f'<div class="atlas-notice" data-search-exclude markdown>\n\n!!! info "Beispieldaten"\n\n    {md_text(self.notice)}\n\n</div>\n'
            body = f"{heading}\n\n{notice}\n{rest.lstrip()}"
        self.add(path, front_matter(title) + body)

    def map(self, name: str, title: str, points: list[maps.Point]) -> None:
        config = self.atlas.config.map
        self.add(maps.map_path(name), maps.render_map(name, title, points, config.bounds, config.tiles))
        self.add(maps.svg_path(name), maps.render_static(title, points, config.bounds))

    def thematic(self, name: str, title: str, ind: Indicator, values: list[figures.MapValue]) -> thematic.ThematicMap:
        """Indicator map: areas by class with boundaries (data/boundaries.geojson), else circles; every unit, also without value."""
        config = self.atlas.config.map
        found = {v.unit.id: v for v in values}
        areas = [
            thematic.AreaValue(u.id, u.name, u.location.lat, u.location.lon, found[u.id].value.value if u.id in found else None,
                               found[u.id].text if u.id in found else "", u.id in found and found[u.id].value.example)
            for u in self.atlas.municipalities.values()
        ]
        result = thematic.render_thematic(name, title, areas, config.bounds, config.tiles, boundaries=self.atlas.boundaries,
                                          unit=ind.unit, decimals=ind.decimals, method=ind.classification, k=ind.classes)
        self.add(maps.map_path(name), result.html)
        self.add(maps.svg_path(name), result.svg)
        return result


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


def site_parts(site: _Site, only: Iterable[Record] | None = None) -> list[Callable[[], None]]:
    """The render run as independent parts, in a fixed order; each part adds its own pages to `site`.

    No part needs another part's pages: a page's bytes depend only on the atlas (work shared within a run
    sits in `site.cache` and on the atlas, computed on first use). So the parts may run in any order and in
    several processes (render_jobs.py). Records are dealt into chunks so that a big atlas gives parts of a
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
        site.map(DISTRICT_MAP, f"Sozialräume und Familienzentren im {a.district.name}", _unit_points(a, units) + _centre_points(listed_centres))
        site.map(UNITS_MAP, f"Sozialräume im {a.district.name} nach Einwohnerzahl", _unit_points(a, units))
        site.map(CENTRES_MAP, f"Familienzentren im {a.district.name}", _unit_points(a, units, sized=False) + _centre_points(listed_centres))
        for region in a.regions.values():
            members = a.municipalities_of_region(region.id)
            ids = {m.id for m in members}
            site.map(f"region-{region.id}", f"{region.name}: Sozialräume und Familienzentren",
                     _unit_points(a, members) + _centre_points(c for c in listed_centres if c.municipality in ids))

    def unit_maps(chunk: list[Municipality]) -> None:
        for unit in chunk:
            site.map(f"sozialraum-{unit.id}", f"{unit.name}: Verwaltungssitz, Familienzentren und Angebotsorte",
                     _unit_points(a, [unit], sized=False) + _centre_points(a.centres_in(unit.id)) + _offer_points(a.offers_in(unit.id)))

    def centre_maps(chunk: list[FamilyCentre]) -> None:
        for centre in chunk:
            home = [a.municipalities[centre.municipality]] if centre.municipality in a.municipalities else []
            site.map(f"familienzentrum-{centre.id}", f"Lage von {centre.name}",
                     _unit_points(a, home, sized=False) + _centre_points([centre]) + _offer_points(a.offers_at(centre.id)))

    def indicator(ind: Indicator) -> None:
        latest = figures.latest_per_unit(a, ind)
        theme = site.thematic(f"kennzahl-{ind.id}", f"{ind.label}, letzter Wert je Sozialraum", ind, latest)
        site.page(record_path(ind), "kennzahl.md.j2", ind.label, ind=ind, latest=latest, theme=theme,
                  **render_profiles.indicator_context(site, ind), **common)

    def overview_pages() -> None:
        site.page("index.md", "index.md.j2", a.config.title, units=units, centres=centres, **common)
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
        render_legal.legal_pages(site, common)  # impressum.md, datenschutz.md, barrierefreiheit.md
        render_datamodel.datamodel_page(site)  # datenmodell.md: fields, types and forms for editors

    def unit_pages(chunk: list[Municipality]) -> None:
        for unit in chunk:
            site.page(record_path(unit), "sozialraum.md.j2", unit.name, unit=unit, **render_profiles.unit_context(site, unit), **common)

    def record_pages(template: str, key: str, title: Callable[[Any], str], chunk: list[Any]) -> None:
        for record in chunk:
            site.page(record_path(record), template, title(record), **{key: record}, **common)

    centre_page = functools.partial(record_pages, "familienzentrum.md.j2", "centre", lambda r: r.name)
    offer_page = functools.partial(record_pages, "angebot.md.j2", "offer", lambda r: r.title)
    network_page = functools.partial(record_pages, "netzwerk.md.j2", "network", lambda r: r.name)
    org_page = functools.partial(record_pages, "organisation.md.j2", "org", lambda r: r.name)
    if only is not None:  # the pages of these records alone (serve.py's quick preview)
        own: dict[type, list[Callable[[list[Any]], None]]] = {
            Municipality: [unit_pages, unit_maps], FamilyCentre: [centre_page, centre_maps], Offer: [offer_page],
            Network: [network_page], Organisation: [org_page], Indicator: [lambda c: [indicator(i) for i in c]],
        }
        return [functools.partial(make, [record]) for record in only for make in own.get(type(record), [])]
    parts: list[Callable[[], None]] = [
        lambda: opendata.add_open_data(site),  # daten/: exports, catalogue, page „Offene Daten“; sozialraeume/<id>.csv|json
        lambda: render_finder.finder_pages(site, common),  # Angebotsfinder, „In meiner Nähe“, lists per unit
        lambda: render_lists.offer_lists(site, common, listed_offers, units),  # by topic, target group, place, age
        lambda: render_people.people_pages(site, common),  # ansprechpersonen/…, vCards, organisationen/wer-mit-wem.md
        lambda: render_profiles.target_pages(site, common),
        lambda: render_easy.easy_pages(site, common),  # leichte-sprache/
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


def redirects(site: _Site, paths: set[str]) -> None:
    """Pages at the old addresses of renamed records (`former_ids`); `paths`: every other page of the run."""
    for path, content in renames.redirect_files(site.atlas, record_path, record_name, paths, FOLDERS).items():
        site.add(path, content)


def render_site(atlas: Atlas, sink: Callable[[str, str], None] | None = None) -> dict[str, str]:
    """Every generated file: docs-relative path → content (Markdown pages and map documents), in one process.

    With `sink`, each file goes to `sink(path, content)` as soon as it is final and is not kept (a Land
    or all of Germany does not fit in memory at once); the returned dict is then empty. render_jobs.py
    runs the same parts in several processes.
    """
    site = _Site(atlas, sink)
    for part in site_parts(site):
        part()
    redirects(site, set(site.paths))
    return dict(sorted(site.files.items()))


__all__ = ["render_site", "site_parts", "redirects"]
