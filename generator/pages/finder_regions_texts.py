"""The finder and „In meiner Nähe“ of a big atlas, split per planning region (finder_regions.py), in another language
than German (issue 22).

For each language of the atlas besides German: the short pages `<lang>/angebote/finder.md` and `<lang>/angebote/naehe.md`
(the region table and the place field, template angebote_finder_regionen_uebersetzt.md.j2) and per region
`<lang>/angebote/regionen/<region>/finder.md` and `…/naehe.md` (finder_texts.TranslatedFinder, finder_nearby.TranslatedNearby
with the templates of the whole finder and nearby page in other languages). Interface texts come from the catalogue
(msgids: templates/_finder_texte.md.j2, `region_words`); region and place names stay German, marked `lang="de"`; the
region pages, the static lists and the region profiles they link are German. The script's messages of the place field:
the page's JSON texts (group "region", script_texts.py). Out of the search, like the German pages.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core import i18n
from ..core.names import fold
from ..model.atlas import Atlas
from ..model.schema import FamilyCentre, Offer, Region
from . import search_marks
from .finder import FINDER_PAGE, NEARBY_PAGE, attr, unit_list_path, url
from .finder_nearby import TranslatedNearby
from .finder_texts import GERMAN, TranslatedFinder
from .links import record_path


class RegionTexts:
    """The short pages' table and place field in `lang`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.gettext = i18n.translations(lang).gettext

    def _(self, text: str) -> str:
        return attr(self.gettext(text))

    def table(self, page: str, rows: list[tuple[Region, int, str]], nearby: bool) -> Markup:
        """As lists.region_table: region (link to its page in `lang`), count, link to the region's profile (German)."""
        _ = self._
        caption = _("In meiner Nähe je Planungsregion" if nearby else "Angebotsfinder je Planungsregion")
        count = _("Angebote und Familienzentren" if nearby else "Angebote")
        lines = ['<div class="atlas-table" markdown="0">', "<table>", f"<caption>{caption}</caption>",
                 f'<thead>\n<tr><th scope="col">{_("Planungsregion")}</th><th scope="col">{count}</th>'
                 f'<th scope="col">{_("Über die Region")}</th></tr>\n</thead>', "<tbody>"]
        for region, number, target in rows:
            lines.append(f'<tr><th scope="row"><a href="{url(page, target)}" {GERMAN}>{attr(region.name)}</a></th>'
                         f'<td>{attr(i18n.fmt_number(number, lang=self.lang))}</td>'
                         f'<td><a href="{url(page, record_path(region))}" hreflang="de" {GERMAN}>{attr(region.name)}</a></td></tr>')
        lines += ["</tbody>", "</table>", "</div>"]
        return Markup("\n".join(lines))

    def form(self, page: str, target: str, index: dict[str, set[str]], nearby: bool) -> Markup:
        """As finder_regions.place_form, in `lang`; `target`: the region pages' path with `{region}`."""
        _ = self._
        options = "".join(f'<option value="{attr(name)}" data-regions="{attr(" ".join(sorted(regions)))}"></option>'
                          for name, regions in sorted(index.items(), key=lambda item: (fold(item[0]), item[0])))
        label = _("Ort, Gemeinde, Ortsteil oder Familienzentrum" if nearby else "Ort, Gemeinde oder Ortsteil")
        return Markup(
            f'<form class="atlas-finder" id="atlas-region-wahl" method="get" role="search" aria-label="{_("Ort suchen")}" '
            f'data-region-url="{url(page, target)}" hidden>\n'
            f'<fieldset><legend>{_("Ihr Ort")}</legend><div class="atlas-finder__field">'
            f'<label for="atlas-region-ort">{label}</label>'
            '<input id="atlas-region-ort" name="ort" type="text" list="atlas-region-orte" autocomplete="off" '
            'aria-describedby="atlas-region-ort-hilfe">'
            f'<small id="atlas-region-ort-hilfe">{_("Die Seite der Planungsregion dieses Ortes öffnet sich")}</small>'
            f'<datalist id="atlas-region-orte">{options}</datalist></div></fieldset>\n'
            f'<div class="atlas-finder__actions"><button type="submit" class="md-button md-button--primary">{_("Zur Planungsregion")}</button></div>\n'
            '</form>\n'
            '<p class="atlas-finder__count" id="atlas-region-status" role="status" aria-live="polite"></p>'
        )


def translated_region_pages(site: Any, common: dict[str, Any], lang: str, split: dict[str, Any]) -> None:
    """The short pages and the region pages in `lang`. `split`: what finder_regions.region_finder_pages worked out
    (offers, centres, regions, by_region, units_of, centres_of, index: place index per kind, path: region page path)."""
    atlas: Atlas = site.atlas
    texts = RegionTexts(lang)
    path_of = split["path"]
    by_region: dict[str, list[Offer]] = split["by_region"]
    centres_of: dict[str, list[FamilyCentre]] = split["centres_of"]
    gettext = texts.gettext

    def page(path: str, template: str, title: str, **context: Any) -> None:
        target = f"{lang}/{path}"
        site.later(target, search_marks.unindexed)  # like the German pages (search_marks.UNINDEXED, UNINDEXED_FOLDERS)
        site.page(target, template, title, lang=lang, translated=True, **context)

    for nearby, path, title in ((False, FINDER_PAGE, "Angebotsfinder"), (True, NEARBY_PAGE, "In meiner Nähe")):
        short = f"{lang}/{path}"
        rows = [(r, len(by_region[r.id]) + (len(centres_of[r.id]) if nearby else 0), f"{lang}/{path_of(r, nearby)}")
                for r in split["regions"]]
        page(path, "angebote_finder_regionen_uebersetzt.md.j2", gettext(title), nearby=nearby, offers=split["offers"],
             centres=split["centres"], regions=split["regions"], table=texts.table(short, rows, nearby),
             form=texts.form(short, f"{lang}/{path_of('{region}', nearby)}", split["index"][nearby], nearby), **common)
    for region in split["regions"]:
        own, units = by_region[region.id], split["units_of"][region.id]
        finder_path, nearby_path = path_of(region), path_of(region, True)
        links = dict(split["links"](region), finder=finder_path, nearby=nearby_path)
        finder = TranslatedFinder(atlas, f"{lang}/{finder_path}", lang)
        page(finder_path, "angebote_finder_uebersetzt.md.j2", f"{gettext('Angebotsfinder')}: {region.name}", units=units,
             offers=own, form=finder.form(own, units), count=finder.count(len(own)), items=finder.offer_list(own),
             unit_list_path=unit_list_path, links=links, region=region, overview=FINDER_PAGE, **common)
        nearby = TranslatedNearby(atlas, f"{lang}/{nearby_path}", lang)
        page(nearby_path, "angebote_naehe_uebersetzt.md.j2", f"{gettext('In meiner Nähe')}: {region.name}", units=units,
             options=nearby.place_select(units, centres_of[region.id]), items=nearby.nearby_items(own, centres_of[region.id]),
             unit_list_path=unit_list_path, links=links, region=region, overview=NEARBY_PAGE, **common)


__all__ = ["RegionTexts", "translated_region_pages"]
