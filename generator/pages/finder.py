"""Angebotsfinder, „In meiner Nähe“ and the static offer lists per unit (issue 4, points 1 and 2).

`finder_pages(site, common)` adds three kinds of pages to a render run (through `site.Site`; the list of pages is in finder_pages.py):

* `angebote/finder.md` – a GET form (place, topic, target group, age, language, access, cost) and below it
  *every* current offer as server-rendered HTML. Each `<li>` carries what the filter needs as `data-*`
  attributes; `assets/atlas-finder.js` filters in place, keeps the filter in the URL query and announces
  the count. Without JavaScript the list is complete and the static lists below are linked.
* `angebote/naehe.md` – a choice of places (units with their seat, member municipalities and villages,
  family centres, each with coordinates in `data-lat`/`data-lon`) and a list of offers and family centres
  with coordinates; the script sorts it by straight-line distance. No request leaves the page.
* `angebote/orte/<unit>.md` – the offers and family centres of one unit, plus mobile offers of other
  units that name one of its villages in `villages_served`; the page names all member municipalities and
  villages, so the site search finds the unit by a village name.

Offers and centres with status `beendet` appear on none of these pages; `voruebergehend-geschlossen`
ones appear with a visible mark. Place names are compared „folded“ (`fold`: lower case, ä→ae, ö→oe,
ü→ue, ß→ss, accents dropped); the script folds the visitor's input the same way.
Everything is sorted, so the same data give the same bytes. The finder in other languages: finder_texts.py (issue 22).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup

from ..core.formatting import counted, fmt_ages
from ..core.markup import clean_text, root_prefix, served_dir
from ..core.names import fold, slug
from ..model.atlas import Atlas
from ..model.schema import FamilyCentre, Location, Municipality, Offer

FINDER_PAGE = "angebote/finder.md"
NEARBY_PAGE = "angebote/naehe.md"
UNIT_LIST_DIR = "angebote/orte"
ENDED = "beendet"
CLOSED = "voruebergehend-geschlossen"
CLOSED_LABEL = "vorübergehend geschlossen"
SEAT_NOTE = "Entfernung ab Verwaltungssitz"  # + the unit's kind in the genitive: „des Amtes“, „der Samtgemeinde“


def seat_note(atlas: Atlas, unit: Municipality) -> str:
    """`Entfernung ab Verwaltungssitz der Samtgemeinde`: the note of a member or village without a point of its own."""
    return f"{SEAT_NOTE} {atlas.unit_type(unit.type).of_the}"


def whole_unit(atlas: Atlas) -> str:
    """`des ganzen Amtes`, `der ganzen Samtgemeinde` (the one kind with members in use), else `des ganzen Sozialraums`."""
    kinds = {atlas.unit_type(u.type).of_the for u in atlas.municipalities.values() if u.members}
    article, noun = (kinds.pop() if len(kinds) == 1 else f"des {atlas.config.unit_label}s").split(" ", 1)
    return f"{article} ganzen {noun}"

def unit_list_path(unit: Municipality) -> str:
    return f"{UNIT_LIST_DIR}/{unit.id}.md"


def attr(value: object) -> str:
    """Escaped for raw HTML, without control characters and bidi overrides (markup.clean_text)."""
    return html.escape(clean_text(str(value)), quote=True)


def url(page: str, target: str) -> str:
    """Link from a page to another page in raw HTML (MkDocs rewrites only Markdown links)."""
    return attr(root_prefix(page) + served_dir(target))


def _by_name(items: Iterable[Any], name: str) -> list[Any]:
    return sorted(items, key=lambda r: (getattr(r, name).casefold(), r.id))


# --------------------------------------------------------------------------------------------- places


def unit_place_names(unit: Municipality) -> list[str]:
    """The unit's name, its member municipalities and all villages (as written in the data)."""
    names = [unit.name, *unit.villages]
    for member in unit.members:
        names += [member.name, *member.villages]
    return names


def current_offers(atlas: Atlas) -> list[Offer]:
    """Offers that are not `beendet`, by title."""
    return _by_name((o for o in atlas.offers.values() if o.status != ENDED), "title")


def current_centres(atlas: Atlas) -> list[FamilyCentre]:
    return _by_name((c for c in atlas.family_centres.values() if c.status != ENDED), "name")


def villages_served(atlas: Atlas, offer: Offer) -> list[str]:
    """Villages the offer serves: its own list, and its family centre's when it meets there."""
    centre = atlas.family_centres.get(offer.family_centre or "")
    return list(offer.villages_served) + (list(centre.villages_served) if centre else [])


def _owner_index(atlas: Atlas) -> dict[str, list[str]]:
    """Folded place name → names of the units and member municipalities it belongs to (in unit order)."""
    index: dict[str, list[str]] = {}
    for unit in atlas.municipalities.values():
        for key in {fold(v) for v in unit.villages} | {fold(unit.name)}:
            index.setdefault(key, []).append(unit.name)
        for member in unit.members:
            for key in {fold(member.name)} | {fold(v) for v in member.villages}:
                index.setdefault(key, []).extend([unit.name, member.name])
    return index


def _owners(atlas: Atlas, village: str) -> list[str]:
    """Names of the units and member municipalities a village (or member) belongs to (in unit order)."""
    return list(atlas.memo("village_owners", atlas.municipalities, lambda: _owner_index(atlas)).get(fold(village), []))


def offer_place_names(atlas: Atlas, offer: Offer) -> list[str]:
    """Every name under which the offer is found: its unit's places, its place text, the villages it serves
    and the member municipality and unit each of them belongs to (a mobile offer is found from there, too)."""
    unit = atlas.municipalities.get(offer.municipality)
    names = unit_place_names(unit) if unit else []
    if offer.place:
        names.append(offer.place)
    for village in villages_served(atlas, offer):
        names += [village, *_owners(atlas, village)]
    return names


def serves_unit(atlas: Atlas, offer: Offer, unit: Municipality) -> bool:
    """Whether an offer belongs to the unit or (mobile) serves one of its villages."""
    if offer.municipality == unit.id:
        return True
    own = {fold(n) for n in unit_place_names(unit)}
    return any(fold(v) in own for v in villages_served(atlas, offer))


def offers_by_unit(atlas: Atlas, offers: list[Offer]) -> dict[str, list[Offer]]:
    """`serves_unit` for all units at once (order of `offers` kept): one pass over the offers instead of
    units × offers comparisons, which at the size of a Land took minutes."""
    owners: dict[str, set[str]] = {}
    for unit in atlas.municipalities.values():
        for name in unit_place_names(unit):
            owners.setdefault(fold(name), set()).add(unit.id)
    found: dict[str, list[Offer]] = {unit_id: [] for unit_id in atlas.municipalities}
    for offer in offers:
        units = {offer.municipality} if offer.municipality in found else set()
        for village in villages_served(atlas, offer):
            units |= owners.get(fold(village), set())
        for unit_id in units:
            found[unit_id].append(offer)
    return found


def offer_location(atlas: Atlas, offer: Offer) -> tuple[Location | None, str]:
    """Where an offer is for distances: own place, else its family centre, else the unit's seat (with a note)."""
    if offer.location is not None:
        return offer.location, ""
    centre = atlas.family_centres.get(offer.family_centre or "")
    if centre is not None:
        return centre.location, ""
    unit = atlas.municipalities.get(offer.municipality)
    if unit is not None:
        return unit.location, f"Lage ungefähr: Verwaltungssitz {unit.seat}"
    return None, ""


def offer_access(atlas: Atlas, offer: Offer) -> list[str]:
    """Accessibility features: the offer's own, else its family centre's when it meets there."""
    if offer.accessibility or offer.location is not None:
        return list(offer.accessibility)
    centre = atlas.family_centres.get(offer.family_centre or "")
    return list(centre.accessibility) if centre else []


@dataclass(frozen=True)
class PlaceChoice:
    """One entry of the „In meiner Nähe“ select."""

    key: str
    label: str
    group: str
    location: Location
    note: str = ""
    seat: bool = False  # the point is the seat of the unit: the note is part of the label


def place_choices(atlas: Atlas, units_of: Iterable[Municipality] | None = None,
                  centres_of: Iterable[FamilyCentre] | None = None) -> list[PlaceChoice]:
    """Units (seat), member municipalities (own point or the seat of their Amt, Samtgemeinde …), villages, family centres
    (of the given units and centres; default: all of the atlas, centres that are not ended)."""
    units: list[PlaceChoice] = []
    members: list[PlaceChoice] = []
    villages: list[PlaceChoice] = []
    for unit in atlas.municipalities.values() if units_of is None else units_of:
        units.append(PlaceChoice(f"sr-{unit.id}", f"{unit.name} (Verwaltungssitz {unit.seat})", "units", unit.location))
        for name in unit.villages:
            villages.append(PlaceChoice(f"ot-{unit.id}-{slug(name)}", f"{name} ({unit.name})", "villages", unit.location,
                                        f"Entfernung ab Verwaltungssitz {unit.seat}"))
        for member in unit.members:
            point, note = (member.location, "") if member.location else (unit.location, seat_note(atlas, unit))
            members.append(PlaceChoice(f"gm-{unit.id}-{slug(member.name)}", f"{member.name} ({unit.name})", "members", point, note,
                                       seat=member.location is None))
            for name in member.villages:
                village_note = f"Entfernung ab Ortspunkt {atlas.unit_type(member.type).of_the} {member.name}" if member.location else seat_note(atlas, unit)
                villages.append(PlaceChoice(f"ot-{unit.id}-{slug(name)}", f"{name} ({member.name}, {unit.name})", "villages", point, village_note,
                                            seat=member.location is None))
    centres = [PlaceChoice(f"fz-{c.id}", c.name, "centres", c.location) for c in (current_centres(atlas) if centres_of is None else centres_of)]
    order = lambda c: (fold(c.label), c.key)  # noqa: E731
    seen: set[str] = set()
    result = []
    for choice in sorted(units, key=order) + sorted(members, key=order) + sorted(villages, key=order) + centres:
        if choice.key not in seen:  # a village named twice in one unit keeps its first entry
            seen.add(choice.key)
            result.append(choice)
    return result


# --------------------------------------------------------------------------------------------- HTML pieces


class FinderHtml:
    """Raw HTML blocks of the finder and nearby pages for one page path (links are relative to it).

    German; finder_texts.TranslatedFinder makes the finder in another language (issue 22) by replacing the hooks
    `_` (an interface text, escaped), `_data`, `_page_link`, `_option`, `_meta`, `_located`, `_place_help` and `count`."""

    def __init__(self, atlas: Atlas, page: str) -> None:
        self.atlas = atlas
        self.page = page

    def _(self, text: str, **values: object) -> str:
        """An interface text, escaped for raw HTML (German: the text itself; the msgids: templates/_finder_texte.md.j2)."""
        return attr(text % values if values else text)

    def _labels(self, vocabulary: str, ids: Iterable[str]) -> str:
        return ", ".join(self.atlas.label(vocabulary, i) for i in ids)

    def _data(self, text: str) -> str:  # free text from the data, escaped (TranslatedFinder: German and marked)
        return attr(text)

    def _page_link(self, target: str, name: str) -> str:
        """A link to the page `target` (German docs path) named `name` (TranslatedFinder: same language, name marked)."""
        return f'<a href="{url(self.page, target)}">{attr(name)}</a>'

    def _marks(self, record: Offer | FamilyCentre) -> str:
        marks = ""
        if record.status == CLOSED:
            note = f": {self._data(record.status_note)}" if record.status_note else ""
            marks += f' <strong class="atlas-finder__closed">{self._(CLOSED_LABEL)}{note}</strong>'
        if record.mobile:
            marks += f' <span class="atlas-finder__mobile">{self._("mobil")}</span>'
        if record.example:
            marks += ' <span class="atlas-example">Beispiel</span>'  # in the page's language: languages.localize
        return marks

    def _where(self, offer: Offer) -> str:
        centre = self.atlas.family_centres.get(offer.family_centre or "")
        unit = self.atlas.municipalities.get(offer.municipality)
        parts = [centre.name if centre else (offer.place or "")]
        if unit is not None:
            parts.append(unit.name)
        served = villages_served(self.atlas, offer)
        if served:
            parts.append("für " + ", ".join(served))
        return ", ".join(p for p in parts if p)

    def offer_item(self, offer: Offer) -> str:
        """`<li>` of the finder with the data the filter reads."""
        a = self.atlas
        ages = offer.ages
        free = "" if offer.free_of_charge is None else ("1" if offer.free_of_charge else "0")
        places = "|".join(sorted({fold(n) for n in offer_place_names(a, offer)}))
        data = {
            "unit": offer.municipality,
            "places": places,
            "topics": " ".join(offer.topics),
            "groups": " ".join(offer.target_groups),
            "min": ages.min if ages else "",
            "max": "" if ages is None or ages.max is None else ages.max,
            "languages": " ".join(offer.languages),
            "access": " ".join(offer_access(a, offer)),
            "free": free,
            "status": offer.status,
        }
        attrs = " ".join(f'data-{k}="{attr(v)}"' for k, v in data.items())
        return (
            f'<li class="atlas-finder__item" {attrs}>{self._link(offer)}'
            f'{self._marks(offer)}<br><span class="atlas-finder__meta">{self._meta(offer)}</span></li>'
        )

    def _link(self, offer: Offer) -> str:
        return self._page_link(f"angebote/{offer.id}.md", offer.title)

    def _meta(self, offer: Offer) -> str:
        """Where, ages, topics, cost: `Familienzentrum Beelitz, Beelitz · 0 bis 1 Jahre · Familienbildung · kostenfrei`."""
        cost = (offer.cost or "") if offer.free_of_charge is None else ("kostenfrei" if offer.free_of_charge else offer.cost or "kostenpflichtig")
        meta = [self._where(offer), fmt_ages(offer.ages), self._labels("topics", offer.topics), cost]
        return attr(" · ".join(m for m in meta if m))

    def offer_list(self, offers: list[Offer]) -> Markup:
        items = "\n".join(self.offer_item(o) for o in offers)
        return Markup(f'<ul class="atlas-finder__list" id="atlas-finder-liste">\n{items}\n</ul>')

    def _select(self, name: str, label: str, vocabulary: str, used: set[str]) -> str:
        terms = [t for t in getattr(self.atlas.vocabularies, vocabulary) if t.id in used]
        options = "".join(self._option(vocabulary, t) for t in terms)
        return (f'<div class="atlas-finder__field"><label for="atlas-finder-{name}">{self._(label)}</label>'
                f'<select id="atlas-finder-{name}" name="{name}"><option value="">{self._("alle")}</option>{options}</select></div>')

    def _option(self, vocabulary: str, term: Any) -> str:
        # a language also by its own name, for those who read it (issue 22): „Українська (Ukrainisch)“
        shown = f"{term.endonym} ({term.label})" if vocabulary == "languages" and term.endonym and term.endonym != term.label else term.label
        return f'<option value="{attr(term.id)}">{attr(shown)}</option>'

    def _place_help(self) -> str:
        return f'z. B. den Namen Ihres Dorfes; Angebote {attr(whole_unit(self.atlas))} werden gezeigt'

    def form(self, offers: list[Offer], units: Iterable[Municipality] | None = None) -> Markup:
        """The filter form: GET to this page, so it is harmless without JavaScript. The place suggestions are the
        places of `units` (default: all) and the villages the offers serve."""
        a = self.atlas
        names: set[str] = set()
        for unit in a.municipalities.values() if units is None else units:
            names.update(unit_place_names(unit))
        for offer in offers:
            names.update(offer.villages_served)
        datalist = "".join(f'<option value="{attr(n)}"></option>' for n in sorted(names, key=lambda n: (fold(n), n)))
        used = lambda attr: {i for o in offers for i in getattr(o, attr)}  # noqa: E731
        access = {i for o in offers for i in offer_access(a, o)}
        _ = self._
        fields = [
            f'<div class="atlas-finder__field"><label for="atlas-finder-ort">{_("Ort, Gemeinde oder Ortsteil")}</label>'
            '<input id="atlas-finder-ort" name="ort" type="text" list="atlas-finder-orte" autocomplete="off" '
            'aria-describedby="atlas-finder-ort-hilfe">'
            f'<small id="atlas-finder-ort-hilfe">{self._place_help()}</small>'
            f'<datalist id="atlas-finder-orte">{datalist}</datalist></div>',
            self._select("thema", "Thema", "topics", used("topics")),
            self._select("zielgruppe", "Für wen", "target_groups", used("target_groups")),
            f'<div class="atlas-finder__field"><label for="atlas-finder-alter">{_("Alter in Jahren")}</label>'
            '<input id="atlas-finder-alter" name="alter" type="number" min="0" max="120" step="1" inputmode="numeric" '
            'aria-describedby="atlas-finder-alter-hilfe">'
            f'<small id="atlas-finder-alter-hilfe">{_("Angebote ohne Altersangabe passen zu jedem Alter")}</small></div>',
            self._select("sprache", "Sprache", "languages", used("languages")),
            self._select("zugang", "Barrierefreiheit", "accessibility", access),
            '<div class="atlas-finder__field atlas-finder__check"><input id="atlas-finder-kostenfrei" name="kostenfrei" '
            f'type="checkbox" value="1"><label for="atlas-finder-kostenfrei">{_("nur kostenfreie Angebote")}</label></div>',
        ]
        return Markup(
            f'<form class="atlas-finder" id="atlas-finder" method="get" role="search" aria-label="{_("Angebote filtern")}">\n'
            f'<fieldset><legend>{_("Wo und was?")}</legend>' + "".join(fields[:3]) + "</fieldset>\n"
            f'<fieldset><legend>{_("Für wen und wie?")}</legend>' + "".join(fields[3:]) + "</fieldset>\n"
            f'<div class="atlas-finder__actions"><button type="submit" class="md-button md-button--primary">{_("Angebote anzeigen")}</button> '
            f'<a class="md-button" href="{url(self.page, self.page)}">{_("Filter zurücksetzen")}</a></div>\n'
            "</form>"
        )

    def count(self, total: int) -> Markup:
        return Markup(f'<p class="atlas-finder__count" id="atlas-finder-anzahl" role="status" aria-live="polite">'
                      f'{counted(total, "Angebot", "Angebote", zero="Keine Angebote")}</p>')

    # nearby -----------------------------------------------------------------------------------
    def place_select(self, units: Iterable[Municipality] | None = None, centres: Iterable[FamilyCentre] | None = None) -> Markup:
        choices = place_choices(self.atlas, units, centres)
        parts = [f'<option value="">{self._("bitte wählen")}</option>']
        for group, title in self._place_groups().items():
            options = [c for c in choices if c.group == group]
            if options:
                parts += [f'<optgroup label="{attr(title)}">', *(self._place_option(c) for c in options), "</optgroup>"]
        return Markup("".join(parts))

    def _place_groups(self) -> dict[str, str]:
        words = self.atlas.unit_words()
        return {"units": f"{words['plurals']} (Verwaltungssitz)", "members": words["members"], "villages": "Ortsteile", "centres": "Familienzentren"}

    def _place_option(self, c: PlaceChoice) -> str:
        note = f' data-note="{attr(c.note)}"' if c.note else ""
        label = f"{c.label} – {c.note}" if c.seat else c.label
        return f'<option value="{attr(c.key)}" data-lat="{c.location.lat}" data-lon="{c.location.lon}"{note}>{attr(label)}</option>'

    def nearby_items(self, offers: list[Offer] | None = None, centres: list[FamilyCentre] | None = None) -> Markup:
        """Family centres and offers with coordinates (default: all current ones), by name."""
        a = self.atlas
        rows: list[tuple[str, str]] = []
        for centre in current_centres(a) if centres is None else centres:
            unit = a.municipalities.get(centre.municipality)
            where = ", ".join(p for p in [centre.address.street or "", centre.address.city, unit.name if unit else ""] if p)
            rows.append((fold(centre.name), self._nearby_item(self._("Familienzentrum"), centre.name, f"familienzentren/{centre.id}.md",
                                                              centre, centre.location, self._data(where))))
        for offer in current_offers(a) if offers is None else offers:
            point, note = offer_location(a, offer)
            if point is None:
                continue
            rows.append((fold(offer.title), self._nearby_item(self._("Angebot"), offer.title, f"angebote/{offer.id}.md", offer, point,
                                                              self._located(offer, note))))
        items = "\n".join(r[1] for r in sorted(rows))
        return Markup(f'<ol class="atlas-naehe__list" id="atlas-naehe-liste">\n{items}\n</ol>')

    def _located(self, offer: Offer, note: str) -> str:  # where the offer is, with the note on its point, as HTML
        return attr(self._where(offer) + (f" ({note})" if note else ""))

    def _nearby_item(self, kind: str, name: str, target: str, record: Offer | FamilyCentre, point: Location, where: str) -> str:
        return (  # `kind` and `where` are HTML already
            f'<li class="atlas-naehe__item" data-lat="{point.lat}" data-lon="{point.lon}">'
            f'<span class="atlas-naehe__distance"></span> <span class="atlas-naehe__kind">{kind}:</span> '
            f'{self._page_link(target, name)}{self._marks(record)}'
            f'<br><span class="atlas-finder__meta">{where}</span></li>'
        )


__all__ = ["fold", "offer_place_names", "offers_by_unit", "place_choices", "serves_unit", "unit_place_names"]
