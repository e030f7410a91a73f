"""Search marks: what the site search (Pagefind, generator/build/search_index.py) finds a page by, and how high.

Pagefind indexes the built HTML. The theme (overrides/main.html) wraps a page's content in
`data-pagefind-body` unless its front matter says `search_index: false`; pages without that wrapper are not
in the search at all. This module decides, per page of a render run:

* **which pages stay out** (`UNINDEXED`, `unindexed`): the editors' data model, and the overview lists of
  offers and contacts (whole and per planning region), which only repeat records that have a page of their own
  – as results they would push the records down and make every query load their long text;
* **the marks of record pages** (`page_marks`, `marks_html`): a hidden block at the end of the page with
  - filters `Seitentyp` (Ort, Familienzentrum, Angebot, Netzwerk, Ansprechperson, Organisation, Kennzahl,
    Lebenslage, Leistung, Termin),
    `Gemeinde` (the Sozialraum's name) and `Zielgruppe` (labels of the target groups), which the search box
    offers as filter controls;
  - metadata fields that Pagefind searches and weights (`META_WEIGHTS`, sent to Pagefind by
    assets/atlas-search.js): `ort` (the Sozialraum, its member municipalities and villages – a village finds
    its unit), `thema` (topic labels and keywords), `zielgruppe` (labels and keywords of the target groups),
    `organisation` (provider, operator, employer, responsible body, organiser) and `schreibweisen` (all of these spelt without umlauts and
    ß: "Brueck", "Bruck", "Strasse", so a visitor without German keyboard finds them too).
  Metadata are not page text: they never appear in the excerpt under a result.

The block is plain HTML (attribute values escaped) in the Markdown page, so the marks live in the built HTML
whatever engine renders it. Deterministic: records and words in data order, each word once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..core.markup import html_attr
from ..model.atlas import Atlas
from ..model.events import event_unit
from ..model.schema import Record
from .searchwords import add_meta, place_names, spellings

SEARCH_PAGE = "suche.md"  # where the search box leads without JavaScript: the lists of all records
# Pages that are not searched: editors' pages, the search page, and the overview lists, finders and the matrix
# „Wer mit wem?“ (which repeat records with pages of their own).
UNINDEXED = (
    "datenmodell.md",
    SEARCH_PAGE,
    "angebote/index.md",
    "angebote/alter.md",
    "angebote/zielgruppen.md",
    "angebote/orte.md",
    "ansprechpersonen/index.md",
    "ansprechpersonen/orte.md",
    "ansprechpersonen/netzwerke.md",
    "angebote/finder.md",
    "angebote/naehe.md",
    "organisationen/wer-mit-wem.md",
)
# Folders of lists per unit or planning region (offers, contacts): out of the search like the whole lists.
UNINDEXED_FOLDERS = ("angebote/orte/", "angebote/regionen/", "ansprechpersonen/regionen/",
                     "lebenslagen/fragen/")  # the question path of the Lebenslagen-Lotse repeats the situations
FRONT_MATTER_KEY = "search_index"

# Pagefind's ranking (`pagefind.options({ranking})`): `atlas build` hands it to the theme (config.extra.search_ranking),
# whose search box gives it to assets/atlas-search.js. Words a page is about are weighted in its content (below);
# the metadata fields count little (a title that names all query words would otherwise beat the records that are
# about them), and long pages (profiles) are not pushed down much for their length. Term frequency 0,5 and saturation
# 2,0 (Pagefind: 0,3 and 1,4) let the weighted words count more before they saturate: the offers of a place and topic
# stay ahead of the place's profile, which names the topic in its goals and conference notes.
META_WEIGHTS = {"title": 0.5, "ort": 1.0, "thema": 1.0, "zielgruppe": 1.0, "organisation": 1.0, "schreibweisen": 1.0,
                "typ": 0.0, "image": 0.0, "image_alt": 0.0}
RANKING = {"termFrequency": 0.5, "termSaturation": 2.0, "pageLength": 0.45, "metaWeights": META_WEIGHTS}

# Content weights (data-pagefind-weight, 0–10, quadratic: 10 counts a hundred times, a page's h1 counts 7² = 49 times)
# of the words a record is about, in a hidden line under its title. Place names count most on the place's own
# profile (with its member municipalities and villages), so that a place name finds the profile before the
# centres and offers named after the place; an
# offer's topic and place count more than words in the title of a network or contact page, so that
# „Frühe Hilfen Teltow“ lists Teltow's offers on early help first; a family centre's kind counts like a topic. An offer's
# place counts 8, one more than the title (h1: 7) of a network named after topic and place („Netzwerk Frühe Hilfen …
# Teltow …“): with 7 that network came first once the overview tables left the search and „Teltow“ grew rarer.
WEIGHT_OWN_PLACE = 9.0
WEIGHT_KIND = 10.0
WEIGHT_TOPIC = 9.0
WEIGHT_PLACE = 8.0
WEIGHT_GROUP = 5.0

PAGE_TYPES = {
    "municipalities": "Ort",
    "family_centres": "Familienzentrum",
    "offers": "Angebot",
    "networks": "Netzwerk",
    "contacts": "Ansprechperson",
    "organisations": "Organisation",
    "indicators": "Kennzahl",
    "lebenslagen": "Lebenslage",
    "leistungen": "Leistung",
    "events": "Termin",
}


@dataclass
class Marks:
    """The search marks of one page."""

    page_type: str
    units: list[str] = field(default_factory=list)  # filter Gemeinde
    groups: list[str] = field(default_factory=list)  # filter Zielgruppe
    places: list[str] = field(default_factory=list)  # meta ort
    topics: list[str] = field(default_factory=list)  # meta thema
    group_words: list[str] = field(default_factory=list)  # meta zielgruppe
    organisations: list[str] = field(default_factory=list)  # meta organisation
    head: list[tuple[float, list[str]]] = field(default_factory=list)  # weighted words: (data-pagefind-weight, words)
    area: tuple[str, str] | None = None  # (id, name) of the page's search area in split mode (`search_areas`)


def unindexed(content: str) -> str:
    """A page's Markdown with `search_index: false` in its front matter: the theme leaves it out of the search."""
    return add_meta(content, {FRONT_MATTER_KEY: False})


def _unique(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(item.strip() for item in items if item and item.strip()))


def _vocabulary(atlas: Atlas, vocabulary: str, ids: Iterable[str], keywords: bool = True) -> list[str]:
    wanted = set(ids)
    words: list[str] = []
    for term in getattr(atlas.vocabularies, vocabulary):
        if term.id in wanted:
            words += [term.label, *(term.keywords if keywords else [])]
    return _unique(words)


def page_marks(atlas: Atlas, record_path: Callable[[Record], str]) -> dict[str, Marks]:
    """Docs path → marks, for every record page of the atlas (pages that are not rendered are simply not used)."""
    units = atlas.municipalities

    def unit_of(unit_id: str | None) -> list[str]:
        unit = units.get(unit_id) if unit_id else None
        return [unit.name] if unit is not None else []

    def org_name(org_id: str | None) -> list[str]:
        org = atlas.organisations.get(org_id) if org_id else None
        return [org.name] if org is not None else []

    marks: dict[str, Marks] = {}
    for unit in units.values():
        marks[record_path(unit)] = Marks(PAGE_TYPES["municipalities"], [unit.name], places=[unit.name, *place_names(unit)],
                                         head=[(WEIGHT_OWN_PLACE, [unit.name, *place_names(unit)])])
    for centre in atlas.family_centres.values():
        names = unit_of(centre.municipality)
        marks[record_path(centre)] = Marks(PAGE_TYPES["family_centres"], names,
                                           places=_unique([*names, centre.address.locality, *centre.villages_served]),
                                           organisations=org_name(centre.operator),
                                           head=[(WEIGHT_KIND, [PAGE_TYPES["family_centres"]])])
    for offer in atlas.offers.values():
        names = unit_of(offer.municipality)
        marks[record_path(offer)] = Marks(
            PAGE_TYPES["offers"], names, groups=_vocabulary(atlas, "target_groups", offer.target_groups, keywords=False),
            places=_unique([*names, offer.place, *offer.villages_served]),
            topics=_vocabulary(atlas, "topics", offer.topics),
            group_words=_vocabulary(atlas, "target_groups", offer.target_groups), organisations=org_name(offer.provider),
            head=[(WEIGHT_TOPIC, _vocabulary(atlas, "topics", offer.topics, keywords=False)), (WEIGHT_PLACE, names),
                  (WEIGHT_GROUP, _vocabulary(atlas, "target_groups", offer.target_groups, keywords=False))])
    for network in atlas.networks.values():
        names = [units[m].name for m in network.municipalities if m in units]
        marks[record_path(network)] = Marks(PAGE_TYPES["networks"], names,
                                            organisations=org_name(network.coordinating_organisation))
    for contact in atlas.contacts.values():
        names = [units[m].name for m in contact.municipalities if m in units]
        marks[record_path(contact)] = Marks(PAGE_TYPES["contacts"], names, organisations=org_name(contact.organisation))
    for org in atlas.organisations.values():
        marks[record_path(org)] = Marks(PAGE_TYPES["organisations"], organisations=[org.name])
    for indicator in atlas.indicators.values():
        marks[record_path(indicator)] = Marks(PAGE_TYPES["indicators"])
    marks.update(_situation_marks(atlas, record_path))
    if split_search(atlas):
        _set_areas(atlas, marks, record_path)
    return marks


# Search areas (issue 18): a large atlas is indexed in one Pagefind bundle per planning region plus a common one
# (generator/build/search_index.py), so that a query loads only the visitor's region. Records counted: the pages
# that carry marks; above `search.split_above` of atlas.yaml (and only with planning regions) the marks name the area.
RECORD_TABLES = ("municipalities", "family_centres", "offers", "networks", "contacts", "organisations", "indicators",
                 "lebenslagen", "leistungen", "events")


def split_search(atlas: Atlas) -> bool:
    """Whether the site search is split into one bundle per planning region (a large atlas with regions)."""
    records = sum(len(getattr(atlas, table)) for table in RECORD_TABLES)
    return bool(atlas.regions) and records > atlas.config.search.split_above


# Pages of one Sozialraum or region without record marks: they get only the area mark (page type "").
AREA_ONLY = ("leichte-sprache/{unit}.md", "ziele/sozialraeume/{unit}.md")


def _organisation_areas(atlas: Atlas, marks: dict[str, Marks], record_path: Callable[[Record], str]) -> None:
    """An organisation's area: the one region of all its offers, centres and contacts (and of its Sozialräume)."""
    areas: dict[str, set] = {}
    for table, field_name in (("offers", "provider"), ("family_centres", "operator"), ("contacts", "organisation")):
        for record in getattr(atlas, table).values():
            mark = marks.get(record_path(record))
            if getattr(record, field_name, None) and mark is not None:
                areas.setdefault(getattr(record, field_name), set()).add(mark.area)
    for org in atlas.organisations.values():
        found = areas.get(org.id, set()) | {(u.region, atlas.regions[u.region].name) if u.region in atlas.regions else None
                                             for u in (atlas.municipalities.get(m) for m in getattr(org, "municipalities", [])) if u}
        mark = marks.get(record_path(org))
        if len(found) == 1 and None not in found and mark is not None:
            mark.area = found.pop()


def _set_areas(atlas: Atlas, marks: dict[str, Marks], record_path: Callable[[Record], str]) -> None:
    """The area of each page: the planning region of its Sozialräume when they all lie in one (else: common bundle);
    also of the Sozialraum's pages in Leichter Sprache and of its targets, and of the region's own page."""
    by_name: dict[str, str | None] = {}
    for unit in atlas.municipalities.values():
        region = unit.region if unit.region in atlas.regions else None
        by_name[unit.name] = region if by_name.get(unit.name, region) == region else None  # a name in two regions: none
    for mark in marks.values():
        regions = {by_name.get(name) for name in mark.units}
        if len(regions) == 1 and None not in regions:
            region = atlas.regions[regions.pop()]
            mark.area = (region.id, region.name)
    _organisation_areas(atlas, marks, record_path)
    for unit in atlas.municipalities.values():
        if unit.region in atlas.regions:
            for path in AREA_ONLY:
                marks.setdefault(path.format(unit=unit.id), Marks("", area=(unit.region, atlas.regions[unit.region].name)))
    for region in atlas.regions.values():
        marks.setdefault(record_path(region), Marks("", area=(region.id, region.name)))


def _situation_marks(atlas: Atlas, record_path: Callable[[Record], str]) -> dict[str, Marks]:
    """Life situations, benefits and Termine (issue 20, 21). A situation and a benefit concern the whole district (no
    Gemeinde filter; a benefit gets the Sozialräume of a responsible body that works only in some); a benefit takes
    the topics and target groups of the situations that list it. Organisation: the responsible bodies, the organiser."""
    units, orgs = atlas.municipalities, atlas.organisations
    marks: dict[str, Marks] = {}
    situations_of: dict[str, list] = {}
    for situation in atlas.lebenslagen.values():
        for benefit_id in situation.benefits:
            situations_of.setdefault(benefit_id, []).append(situation)

    def bodies(benefit_ids: Iterable[str]) -> list[str]:
        found = [atlas.leistungen[b] for b in benefit_ids if b in atlas.leistungen]
        return _unique(orgs[r.organisation].name for b in found for r in b.responsible if r.organisation in orgs)

    for situation in atlas.lebenslagen.values():
        marks[record_path(situation)] = Marks(
            PAGE_TYPES["lebenslagen"], groups=_vocabulary(atlas, "target_groups", situation.target_groups, keywords=False),
            topics=_vocabulary(atlas, "topics", situation.topics), group_words=_vocabulary(atlas, "target_groups", situation.target_groups),
            organisations=bodies(situation.benefits))
    for benefit in atlas.leistungen.values():
        listed = situations_of.get(benefit.id, [])
        topics = [t for s in listed for t in s.topics]
        groups = [g for s in listed for g in s.target_groups]
        local = [u for r in benefit.responsible if r.organisation in orgs
                 for u in orgs[r.organisation].municipalities if 0 < len(orgs[r.organisation].municipalities) < len(units)]
        names = _unique(units[u].name for u in local if u in units)
        marks[record_path(benefit)] = Marks(
            PAGE_TYPES["leistungen"], names, groups=_vocabulary(atlas, "target_groups", groups, keywords=False),
            places=names, topics=_vocabulary(atlas, "topics", topics), group_words=_vocabulary(atlas, "target_groups", groups),
            organisations=bodies([benefit.id]))
    for event in atlas.events.values():
        names = _unique(units[u].name for u in event_unit(event, atlas.family_centres, orgs) if u in units)
        where = event.place.address.city if event.place.address is not None else None
        marks[record_path(event)] = Marks(
            PAGE_TYPES["events"], names, groups=_vocabulary(atlas, "target_groups", event.target_groups, keywords=False),
            places=_unique([*names, where]), topics=_vocabulary(atlas, "topics", event.topics),
            group_words=_vocabulary(atlas, "target_groups", event.target_groups),
            organisations=[orgs[event.organiser].name] if event.organiser in orgs else [])
    return marks


def _span(attribute: str, key: str, value: str) -> str:
    return f'<span {attribute}="{html_attr(f"{key}:{value}")}"></span>'


def marks_html(marks: Marks) -> str:
    """The hidden block of one page: filters and searchable metadata, no visible or indexed text."""
    folded = _unique(s for word in [*marks.places, *marks.topics, *marks.group_words, *marks.organisations]
                     for s in spellings(word)[1:])
    parts = [_span("data-pagefind-filter", "Seitentyp", marks.page_type), _span("data-pagefind-meta", "typ", marks.page_type)]
    if marks.area:  # the search box names the region of a result (not searched: weight 0 in split mode)
        parts.append(_span("data-pagefind-meta", "gebiet", marks.area[1]))
    parts += [_span("data-pagefind-filter", "Gemeinde", name) for name in _unique(marks.units)]
    parts += [_span("data-pagefind-filter", "Zielgruppe", name) for name in _unique(marks.groups)]
    for key, words in (("ort", marks.places), ("thema", marks.topics), ("zielgruppe", marks.group_words),
                       ("organisation", marks.organisations), ("schreibweisen", folded)):
        if _unique(words):
            parts.append(_span("data-pagefind-meta", key, ", ".join(_unique(words))))
    area = f' data-atlas-area="{html_attr(marks.area[0])}" data-atlas-area-name="{html_attr(marks.area[1])}"' if marks.area else ""
    return f'<div class="atlas-search-marks"{area} hidden>' + "".join(parts) + "</div>\n"


def head_html(marks: Marks) -> str:
    """The hidden, weighted line under a record's title: the words the page is about (empty: no line)."""
    parts = [f'<span data-pagefind-weight="{weight:g}">{html_attr(", ".join(_unique(words)))}.</span> '
             for weight, words in marks.head if _unique(words)]
    return '<p class="atlas-search-head" hidden>' + "".join(parts).rstrip() + "</p>\n" if parts else ""


def _after_title(content: str, html: str) -> str:
    """`html` as its own block after the page's `# ` title line (at the end when there is none)."""
    at = content.find("\n# ")
    if not html or at < 0:
        return content
    end = content.find("\n", at + 1)
    end = len(content) if end < 0 else end
    return content[:end] + "\n\n" + html + content[end:]


def mark_page(path: str, content: str, marks: dict[str, Marks]) -> str:
    """The page as it goes to MkDocs: left out of the search, or with its marks appended (other pages unchanged)."""
    if not path.endswith(".md"):
        return content
    if path in UNINDEXED or path.startswith(UNINDEXED_FOLDERS):
        return unindexed(content)
    if path in marks and not marks[path].page_type:  # a page of an area without record marks
        area = marks[path].area or ("", "")
        return content.rstrip("\n") + f'\n\n<div class="atlas-search-marks" data-atlas-area="{html_attr(area[0])}" ' \
            f'data-atlas-area-name="{html_attr(area[1])}" hidden></div>\n'
    if path in marks:
        content = _after_title(content, head_html(marks[path]))
        return content.rstrip("\n") + "\n\n" + marks_html(marks[path])
    return content


def ranking_json() -> str:
    """Pagefind's ranking options as JSON, for the search box's `data-ranking` attribute."""
    return json.dumps(RANKING, sort_keys=True, separators=(",", ":"))


__all__ = [
    "FRONT_MATTER_KEY",
    "META_WEIGHTS",
    "PAGE_TYPES",
    "RANKING",
    "SEARCH_PAGE",
    "UNINDEXED",
    "Marks",
    "head_html",
    "mark_page",
    "marks_html",
    "page_marks",
    "ranking_json",
    "split_search",
    "unindexed",
]
