"""Offer overview lists, whole or split per planning region (issue 7: from one district to a Land).

`offer_lists(site, common, offers, units)` writes the four overview lists of offers – by topic
(`angebote/index.md`), target group (`angebote/zielgruppen.md`), place (`angebote/orte.md`) and age
(`angebote/alter.md`). In a district atlas each page lists every current offer, as before.

When the atlas has planning regions and more current offers than `lists.split_by_region_above`
(atlas.yaml), each of those four paths becomes a short page – what it lists and a table „Planungsregion →
number of offers → link“ – and every region gets the same four lists for its offers:

  angebote/regionen/<region>/index.md        by topic
  angebote/regionen/<region>/zielgruppen.md  by target group
  angebote/regionen/<region>/orte.md         by place (the region's units)
  angebote/regionen/<region>/alter.md        by age

An offer belongs to the region of its unit and to every region one of whose places it serves
(`villages_served`, see finder.serves_unit), so a mobile offer is listed wherever it is offered.
The contact lists by topic (`ansprechpersonen/index.md`) and by unit (`ansprechpersonen/orte.md`) are
split the same way above `lists.split_contacts_by_region_above` published contacts, into
`ansprechpersonen/regionen/<region>/index.md` and `…/orte.md`; a contact is listed in every region one of
its units belongs to, district-wide contacts (no units) stay once on `ansprechpersonen/orte.md#kreisweit`.

No page of the split set grows with the number of regions except the short tables (one row per region).
The region lists stay out of the search like the whole lists (search_marks.unindexed).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core.formatting import fmt_number
from ..core.markup import html_attr, root_prefix, served_dir
from ..core.names import fold
from ..model.atlas import Atlas
from ..model.schema import Contact, Offer, Region
from .finder import unit_place_names, villages_served
from .links import record_path
from .search_marks import unindexed

REGION_DIR = "angebote/regionen"
# grouping, page of the whole list, file name inside a region's folder, title
VIEWS = [
    ("topics", "angebote/index.md", "index.md", "Angebote nach Thema"),
    ("target_groups", "angebote/zielgruppen.md", "zielgruppen.md", "Angebote nach Zielgruppe"),
    ("places", "angebote/orte.md", "orte.md", "Angebote nach Ort"),
    ("ages", "angebote/alter.md", "alter.md", "Angebote nach Alter"),
]


def region_list_path(region: Region | str, grouping: str = "topics") -> str:
    """Docs path of a region's offer list, e.g. `angebote/regionen/havelland/alter.md`."""
    region_id = region if isinstance(region, str) else region.id
    name = next(v[2] for v in VIEWS if v[0] == grouping)
    return f"{REGION_DIR}/{region_id}/{name}"


def split_offers(atlas: Atlas, offers: list[Offer]) -> bool:
    """Whether the offer lists are split per planning region (regions exist and the lists are long)."""
    return bool(atlas.regions) and len(offers) > atlas.config.lists.split_by_region_above


def offers_by_region(atlas: Atlas, offers: list[Offer]) -> dict[str, list[Offer]]:
    """Region id → the offers it lists (own unit in the region, or serving one of its places), in the given order."""
    region_of = {u.id: u.region for u in atlas.municipalities.values()}
    places: dict[str, set[str]] = {}  # folded place name → regions with a unit of that name, member or village
    for unit in atlas.municipalities.values():
        if unit.region:
            for name in unit_place_names(unit):
                places.setdefault(fold(name), set()).add(unit.region)
    result: dict[str, list[Offer]] = {r: [] for r in atlas.regions}
    for offer in offers:
        regions = {region_of.get(offer.municipality)}
        for village in villages_served(atlas, offer):
            regions |= places.get(fold(village), set())
        for region in sorted(r for r in regions if r in result):
            result[region].append(offer)
    return result


def region_table(page: str, rows: list[tuple[Region, int, str]], caption: str, count_label: str) -> Markup:
    """HTML table: region (link to its list, row header), count in German format, link to the region's profile."""

    def url(target: str) -> str:
        return html_attr(root_prefix(page) + served_dir(target))

    lines = [
        '<div class="atlas-table" markdown="0">', "<table>", f"<caption>{html_attr(caption)}</caption>",
        '<thead>\n<tr><th scope="col">Planungsregion</th>'
        f'<th scope="col">{html_attr(count_label)}</th><th scope="col">Über die Region</th></tr>\n</thead>',
        "<tbody>",
    ]
    for region, count, target in rows:
        lines.append(
            f'<tr><th scope="row"><a href="{url(target)}">{html_attr(region.name)}</a></th>'
            f'<td>{html_attr(fmt_number(count))}</td>'
            f'<td><a href="{url(record_path(region))}">Planungsregion {html_attr(region.name)}</a></td></tr>'
        )
    lines += ["</tbody>", "</table>", "</div>"]
    return Markup("\n".join(lines))


def offer_lists(site: Any, common: dict[str, Any], offers: list[Offer], units: list[Any]) -> None:
    """The four overview lists of offers, whole or split per planning region (see the module docstring)."""
    atlas: Atlas = site.atlas
    if not split_offers(atlas, offers):
        for grouping, path, _, title in VIEWS:
            extra = {"units": units} if grouping == "places" else {}
            site.page(path, "angebote.md.j2", title, offers=offers, grouping=grouping, **extra, **common)
        return
    by_region = offers_by_region(atlas, offers)
    regions = list(atlas.regions.values())
    views = [(g, path, title) for g, path, _, title in VIEWS]
    for grouping, path, _, title in VIEWS:
        rows = [(r, len(by_region[r.id]), region_list_path(r, grouping)) for r in regions]
        table = region_table(path, rows, f"{title} je Planungsregion", "Angebote")
        site.page(path, "angebote_regionen.md.j2", title, offers=offers, grouping=grouping, views=views, table=table,
                  regions=regions, **common)
    for region in regions:
        members = atlas.municipalities_of_region(region.id)
        own = by_region[region.id]
        region_views = [(g, region_list_path(region, g), title) for g, _, _, title in VIEWS]
        for grouping, path, _, title in VIEWS:
            target = region_list_path(region, grouping)
            site.later(target, unindexed)  # like the whole lists (search_marks.UNINDEXED)
            site.page(target, "angebote_region.md.j2", f"{title}: {region.name}", offers=own, grouping=grouping,
                      units=members, region=region, overview=path, overview_title=title, views=region_views, **common)


# --------------------------------------------------------------------------------------------- contacts

CONTACT_DIR = "ansprechpersonen/regionen"
CONTACT_TOPICS = "ansprechpersonen/index.md"
CONTACT_PLACES = "ansprechpersonen/orte.md"


def contact_region_path(region: Region | str, places: bool = False) -> str:
    """`ansprechpersonen/regionen/<region>/index.md` (by topic, A–Z) or `…/orte.md` (by unit)."""
    region_id = region if isinstance(region, str) else region.id
    return f"{CONTACT_DIR}/{region_id}/{'orte' if places else 'index'}.md"


def split_contacts(atlas: Atlas) -> bool:
    """Whether the contact lists by topic and by unit are split per planning region."""
    return bool(atlas.regions) and len(atlas.contacts) > atlas.config.lists.split_contacts_by_region_above


def contact_regions(atlas: Atlas, contact: Contact) -> list[str]:
    """Planning regions of the units a contact is responsible for (none: district-wide), sorted."""
    found = {atlas.municipalities[m].region for m in contact.municipalities if m in atlas.municipalities}
    return sorted(r for r in found if r in atlas.regions)


def contact_topic_target(atlas: Atlas, contact: Contact, topic: str) -> str:
    """Where a contact's topic links to: the topic on the whole list, or on the list of its (first) region."""
    if not split_contacts(atlas):
        return f"{CONTACT_TOPICS}#{topic}"
    regions = contact_regions(atlas, contact)
    return f"{contact_region_path(regions[0])}#{topic}" if regions else f"{CONTACT_PLACES}#kreisweit"


def contact_lists(site: Any, common: dict[str, Any], contacts: list[Contact], units: list[Any]) -> None:
    """Contacts by topic (and A–Z) and by unit: whole, or split per planning region (see split_contacts)."""
    atlas: Atlas = site.atlas
    if not split_contacts(atlas):
        site.page(CONTACT_TOPICS, "ansprechpersonen.md.j2", "Ansprechpersonen", contacts=contacts, **common)
        site.page(CONTACT_PLACES, "ansprechpersonen_orte.md.j2", "Ansprechpersonen nach Sozialraum", units=units, **common)
        return
    regions = list(atlas.regions.values())
    by_region: dict[str, list[Contact]] = {r.id: [] for r in regions}
    for contact in contacts:
        for region in contact_regions(atlas, contact):
            by_region[region].append(contact)
    district_wide = sum(1 for c in contacts if not c.municipalities)
    for path, places, title in ((CONTACT_TOPICS, False, "Ansprechpersonen"), (CONTACT_PLACES, True, "Ansprechpersonen nach Sozialraum")):
        rows = [(r, len(by_region[r.id]), contact_region_path(r, places)) for r in regions]
        table = region_table(path, rows, f"{title} je Planungsregion", "Ansprechpersonen")
        template = "ansprechpersonen_orte.md.j2" if places else "ansprechpersonen.md.j2"
        site.page(path, template, title, contacts=contacts, units=units, table=table, table_regions=len(regions),
                  district_wide=district_wide, **common)
    for region in regions:
        topics, places = contact_region_path(region), contact_region_path(region, True)
        for target in (topics, places):
            site.later(target, unindexed)  # like the whole lists (search_marks.UNINDEXED)
        site.page(topics, "ansprechpersonen.md.j2", f"Ansprechpersonen: {region.name}", contacts=by_region[region.id],
                  region=region, region_places=places, **common)
        site.page(places, "ansprechpersonen_orte.md.j2", f"Ansprechpersonen nach Sozialraum: {region.name}",
                  units=atlas.municipalities_of_region(region.id), region=region, region_topics=topics, **common)


__all__ = [
    "VIEWS", "contact_lists", "contact_region_path", "contact_topic_target", "offer_lists", "offers_by_region",
    "region_list_path", "region_table", "split_contacts", "split_offers",
]
