"""The finder pages of a render run: Angebotsfinder, „In meiner Nähe“ and one static offer list per unit.

Whole for a district; one finder and nearby page per planning region in a big atlas (finder_regions.py).
The HTML of the forms and lists comes from finder.py; in the atlas' other languages (issue 22) from finder_texts.py
(finder) and finder_nearby.py („In meiner Nähe“); the region-split pages of a big atlas: finder_regions_texts.py.
"""

from __future__ import annotations

from typing import Any

from ..core import i18n
from ..model.atlas import Atlas
from ..model.schema import FamilyCentre
from . import finder_regions, search_marks
from .finder import (
    CLOSED,
    CLOSED_LABEL,
    FINDER_PAGE,
    NEARBY_PAGE,
    FinderHtml,
    current_centres,
    current_offers,
    offers_by_unit,
    unit_list_path,
)
from .finder_nearby import TranslatedNearby
from .finder_texts import TranslatedFinder

WHOLE_LINKS = {"topics": "angebote/index.md", "target_groups": "angebote/zielgruppen.md", "ages": "angebote/alter.md",
               "places": "angebote/orte.md", "finder": FINDER_PAGE, "nearby": NEARBY_PAGE}


def finder_pages(site: Any, common: dict[str, Any]) -> None:
    """Add the finder, the nearby page and one static list per unit to a render run (`site.Site`).
    In a big atlas (lists.split_offers) finder and nearby page are one per planning region
    (finder_regions.py)."""
    atlas: Atlas = site.atlas
    offers = current_offers(atlas)
    units = list(atlas.municipalities.values())
    current = current_centres(atlas)
    if finder_regions.split_finder(atlas, offers):
        finder_regions.region_finder_pages(site, common, offers, current)
    else:
        for lang in atlas.config.languages:  # every language of the atlas (issue 22): German at FINDER_PAGE, else <lang>/…
            german = lang == i18n.DEFAULT
            path = FINDER_PAGE if german else f"{lang}/{FINDER_PAGE}"
            finder = FinderHtml(atlas, path) if german else TranslatedFinder(atlas, path, lang)
            title = i18n.translations(lang).gettext("Angebotsfinder")
            if not german:  # like the German finder (search_marks.UNINDEXED): its list repeats every offer
                site.later(path, search_marks.unindexed)
            template = "angebote_finder.md.j2" if german else "angebote_finder_uebersetzt.md.j2"
            site.page(path, template, title, lang=lang, translated=True, units=units, offers=offers, form=finder.form(offers),
                      count=finder.count(len(offers)), items=finder.offer_list(offers), unit_list_path=unit_list_path,
                      links=WHOLE_LINKS, **common)
        for lang in atlas.config.languages:  # „In meiner Nähe“ the same way (finder_nearby.py)
            german = lang == i18n.DEFAULT
            path = NEARBY_PAGE if german else f"{lang}/{NEARBY_PAGE}"
            nearby = FinderHtml(atlas, path) if german else TranslatedNearby(atlas, path, lang)
            template = "angebote_naehe.md.j2" if german else "angebote_naehe_uebersetzt.md.j2"
            if not german:  # out of the search like the German page (search_marks.UNINDEXED)
                site.later(path, search_marks.unindexed)
            site.page(path, template, i18n.translations(lang).gettext("In meiner Nähe"), lang=lang, translated=True, units=units,
                      options=nearby.place_select(), items=nearby.nearby_items(), unit_list_path=unit_list_path,
                      links=WHOLE_LINKS, **common)
    centres: dict[str, list[FamilyCentre]] = {}
    for centre in current:
        centres.setdefault(centre.municipality, []).append(centre)
    served = offers_by_unit(atlas, offers)
    for unit in units:
        site.page(unit_list_path(unit), "angebote_ort.md.j2", f"Angebote in {unit.name}", unit=unit,
                  offers=served[unit.id], centres=centres.get(unit.id, []), closed=CLOSED, closed_label=CLOSED_LABEL, **common)


