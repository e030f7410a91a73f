"""Angebotsfinder and „In meiner Nähe“ per planning region in a big atlas (issue 7: from one district to a Land).

In a district atlas `angebote/finder.md` and `angebote/naehe.md` hold every current offer (finder.py).
When the offer lists are split per planning region (lists.split_offers: regions exist and more
current offers than `lists.split_by_region_above`), the finder and the nearby page are split the same way:

  angebote/regionen/<region>/finder.md   the finder with the region's offers (form, count, list as before)
  angebote/regionen/<region>/naehe.md    „In meiner Nähe“ with the region's places, family centres and offers

A region holds the offers located in its units and those serving one of its places (the rule of
lists.offers_by_region); the nearby page holds the places of its units and its current family centres.
`angebote/finder.md` and `angebote/naehe.md` keep their paths and become short pages: a text, the region
table (count and link per region; the way in without JavaScript) and a place field. Its suggestions are
the place index: every place name (unit, member municipality, village, a village an offer serves; on the
nearby page also family centres) with the regions it lies in, `<option value="Borkheide"
data-regions="region-a">` – names and region ids only, no offers. assets/atlas-finder.js folds the typed
name like the finder, finds its region and opens the region page with the query (`?ort=Borkheide&alter=4`);
a name found in several regions gives a choice of links. A bookmark of the old page with `?ort=` is
forwarded the same way. The same pages in the atlas' other languages: finder_regions_texts.py (issue 22).
"""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup

from ..core import i18n
from ..core.names import fold
from ..model.atlas import Atlas
from ..model.schema import FamilyCentre, Offer
from .finder import FINDER_PAGE, NEARBY_PAGE, FinderHtml, attr, unit_list_path, unit_place_names, url, villages_served
from .finder_regions_texts import translated_region_pages
from .lists import REGION_DIR, offers_by_region, region_list_path, region_table, split_offers

REGION_PLACEHOLDER = "{region}"


def region_finder_path(region: Any, nearby: bool = False) -> str:
    """`angebote/regionen/<region>/finder.md`, or `…/naehe.md` with `nearby`."""
    region_id = region if isinstance(region, str) else region.id
    return f"{REGION_DIR}/{region_id}/{'naehe' if nearby else 'finder'}.md"


def split_finder(atlas: Atlas, offers: list[Offer]) -> bool:
    """Same condition as the overview lists: regions exist and more current offers than lists.split_by_region_above."""
    return split_offers(atlas, offers)


def place_index(atlas: Atlas, by_region: dict[str, list[Offer]], centres: Iterable[FamilyCentre] = ()) -> dict[str, set[str]]:
    """Place name (as written) → ids of the regions it lies in: the places of every unit with a region, the villages
    the offers serve that no unit names (→ the regions listing the offer) and the names of `centres`."""
    index: dict[str, set[str]] = {}
    for unit in atlas.municipalities.values():
        if unit.region in by_region:
            for name in unit_place_names(unit):
                index.setdefault(name, set()).add(unit.region)
    known = {fold(n) for n in index}
    for region, offers in by_region.items():
        for offer in offers:
            for village in villages_served(atlas, offer):
                if fold(village) not in known:
                    index.setdefault(village, set()).add(region)
    for centre in centres:
        unit = atlas.municipalities.get(centre.municipality)
        if unit is not None and unit.region in by_region:
            index.setdefault(centre.name, set()).add(unit.region)
    return index


def place_form(page: str, index: dict[str, set[str]], nearby: bool) -> Markup:
    """Place field of a short page (shown by the script); its datalist is the place index."""
    target = url(page, region_finder_path(REGION_PLACEHOLDER, nearby))
    options = "".join(f'<option value="{attr(name)}" data-regions="{attr(" ".join(sorted(regions)))}"></option>'
                      for name, regions in sorted(index.items(), key=lambda item: (fold(item[0]), item[0])))
    label = "Ort, Gemeinde, Ortsteil oder Familienzentrum" if nearby else "Ort, Gemeinde oder Ortsteil"
    return Markup(
        f'<form class="atlas-finder" id="atlas-region-wahl" method="get" role="search" aria-label="Ort suchen" '
        f'data-region-url="{target}" hidden>\n'
        '<fieldset><legend>Ihr Ort</legend><div class="atlas-finder__field">'
        f'<label for="atlas-region-ort">{label}</label>'
        '<input id="atlas-region-ort" name="ort" type="text" list="atlas-region-orte" autocomplete="off" '
        'aria-describedby="atlas-region-ort-hilfe">'
        '<small id="atlas-region-ort-hilfe">Die Seite der Planungsregion dieses Ortes öffnet sich</small>'
        f'<datalist id="atlas-region-orte">{options}</datalist></div></fieldset>\n'
        '<div class="atlas-finder__actions"><button type="submit" class="md-button md-button--primary">Zur Planungsregion</button></div>\n'
        '</form>\n'
        '<p class="atlas-finder__count" id="atlas-region-status" role="status" aria-live="polite"></p>'
    )


def region_finder_pages(site: Any, common: dict[str, Any], offers: list[Offer], centres: list[FamilyCentre]) -> None:
    """The short finder and nearby pages and one finder and nearby page per planning region (see the module docstring)."""
    atlas: Atlas = site.atlas
    regions = list(atlas.regions.values())
    by_region = offers_by_region(atlas, offers)
    units_of = {r.id: atlas.municipalities_of_region(r.id) for r in regions}
    region_of = {u.id: u.region for u in atlas.municipalities.values()}
    centres_of: dict[str, list[FamilyCentre]] = {r.id: [] for r in regions}
    for centre in centres:  # one pass, in the given order
        if region_of.get(centre.municipality) in centres_of:
            centres_of[region_of[centre.municipality]].append(centre)
    indexes = {}
    for nearby, path, title in ((False, FINDER_PAGE, "Angebotsfinder"), (True, NEARBY_PAGE, "In meiner Nähe")):
        rows = [(r, len(by_region[r.id]) + (len(centres_of[r.id]) if nearby else 0), region_finder_path(r, nearby)) for r in regions]
        count_label = "Angebote und Familienzentren" if nearby else "Angebote"
        table = region_table(path, rows, f"{title} je Planungsregion", count_label)
        index = indexes[nearby] = place_index(atlas, by_region, centres if nearby else ())
        site.page(path, "angebote_finder_regionen.md.j2", title, translated=True, nearby=nearby, offers=offers, centres=centres,
                  regions=regions, table=table, form=place_form(path, index, nearby), **common)
    for region in regions:
        own, units = by_region[region.id], units_of[region.id]
        finder_path, nearby_path = region_finder_path(region), region_finder_path(region, True)
        links = dict(static_links(region), finder=finder_path, nearby=nearby_path)
        finder = FinderHtml(atlas, finder_path)
        site.page(finder_path, "angebote_finder.md.j2", f"Angebotsfinder: {region.name}", translated=True, units=units, offers=own,
                  form=finder.form(own, units), count=finder.count(len(own)), items=finder.offer_list(own),
                  unit_list_path=unit_list_path, links=links, region=region, overview=FINDER_PAGE, **common)
        nearby = FinderHtml(atlas, nearby_path)
        site.page(nearby_path, "angebote_naehe.md.j2", f"In meiner Nähe: {region.name}", translated=True, units=units,
                  options=nearby.place_select(units, centres_of[region.id]),
                  items=nearby.nearby_items(own, centres_of[region.id]), unit_list_path=unit_list_path, links=links,
                  region=region, overview=NEARBY_PAGE, **common)
    split = {"offers": offers, "centres": centres, "regions": regions, "by_region": by_region, "units_of": units_of,
             "centres_of": centres_of, "index": indexes, "path": region_finder_path, "links": static_links}
    for lang in atlas.config.languages:  # the same pages in the atlas' other languages (issue 22)
        if lang != i18n.DEFAULT:
            translated_region_pages(site, common, lang, split)


def static_links(region: Any) -> dict[str, str]:
    """The region's static offer lists (German pages)."""
    return {kind: region_list_path(region, kind) for kind in ("topics", "target_groups", "ages", "places")}


__all__ = ["place_form", "place_index", "region_finder_pages", "region_finder_path", "split_finder"]
