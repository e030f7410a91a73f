"""Lebenslagen-Lotse: from a life situation to its benefits, the responsible office and the help nearby.

`lebenslagen_pages(site, common)` adds to a render run (`site.Site`), when the atlas has life situations or benefits:
`lebenslagen/index.md` („Was ist passiert?“), one page per situation `lebenslagen/<id>.md` and per benefit
`leistungen/<id>.md`, the list `leistungen/index.md`, and the question path (lebenslagen_path.py). A situation page
shows each benefit with what, legal basis and responsible bodies at a glance, and who, where and how (address,
opening hours, contact, documents) in a collapsed block; then „Hilfe in der Nähe“: one collapsed block per
Sozialraum (`<details id="ort-<unit id>">`, so a link `…#ort-<unit id>` opens it without JavaScript) with its
family centres and the offers that fit – and, where fewer than `FEW` fit, the nearest fitting offers of other
Sozialräume with their straight-line distance from the unit's seat. assets/atlas-lotse.js shows only the place in
the address' fragment, with „Alle Orte zeigen“; the fragment never leaves the browser. Then contact persons and
related situations. No page calculates an entitlement: each says that the responsible office decides.

Matching is by the situation's topics and target groups (vocabularies topics, target_groups): an offer fits
when it shares a topic and, if the situation names target groups, one of them or the group „alle“. An offer
belongs to a Sozialraum when it is there or (mobile) serves one of its villages (finder.offers_by_unit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..core.formatting import fmt_value, join_words
from ..model import hours
from ..model.atlas import Atlas
from ..model.schema import FamilyCentre, LegalBasis, LifeSituation, Location, Municipality, Offer, Organisation
from . import lebenslagen_path
from .lebenslagen_path import unit_anchor
from .finder import current_offers, offer_location, offers_by_unit
from .links import record_path
from .lotse_texts import LotseTexts

OVERVIEW = "lebenslagen/index.md"
BENEFITS = "leistungen/index.md"
OVERVIEW_TITLE = "Was ist passiert?"
BENEFITS_TITLE = "Leistungen von A bis Z"
EVERYONE = "alle"  # the target group that fits every situation (vocabulary target_groups)
FEW = 3  # a Sozialraum with fewer fitting offers also shows the nearest fitting offers of others, up to this many in all
EARTH_RADIUS_KM = 6371.0088  # mean radius, as assets/atlas-finder.js uses for „In meiner Nähe“
DECIDES = ("Ob und in welcher Höhe Sie eine Leistung bekommen, entscheidet allein die zuständige Stelle. "
           "Diese Seite berechnet keinen Anspruch und verspricht keine Leistung; sie zeigt, wo Sie fragen und beantragen können.")


@dataclass(frozen=True)
class Near:
    """A fitting offer of another Sozialraum and its straight-line distance from the unit's seat."""

    offer: Offer
    km: float
    rough: bool  # the offer has no point of its own: distance to its unit's seat

    @property
    def distance(self) -> str:
        """`3,2 km` (German number format, no-break space), `etwa 12,0 km` when the offer's place is only its unit's seat."""
        return ("etwa " if self.rough else "") + fmt_value(self.km, 1, "km")


@dataclass(frozen=True)
class Nearby:
    """One Sozialraum on a situation page: its family centres, the offers that fit, and (when they are few) the
    nearest fitting offers of other Sozialräume."""

    unit: Municipality
    centres: list[FamilyCentre]
    offers: list[Offer]
    nearest: list[Near] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """`ort-teltow`: the id of the unit's block (lebenslagen_path.unit_anchor)."""
        return unit_anchor(self.unit.id)


def heading_id(anchor: str) -> Markup:
    """`{#anchor}` after a heading (Markdown attr_list): a fixed id for links to the section."""
    return Markup(f"{{#{anchor}}}")


def fits(offer: Offer, situation: LifeSituation) -> bool:
    """Whether an offer matches a situation: a shared topic and, when the situation names target groups, a shared one (or „alle“)."""
    if not situation.topics and not situation.target_groups:
        return False
    if situation.topics and not set(offer.topics) & set(situation.topics):
        return False
    return not situation.target_groups or bool(set(offer.target_groups) & {*situation.target_groups, EVERYONE})


def distance_km(a: Location, b: Location) -> float:
    """Straight-line (great-circle) distance in km, by the haversine formula."""
    dlat, dlon = math.radians(b.lat - a.lat), math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearby(atlas: Atlas, situation: LifeSituation) -> list[Nearby]:
    """Every Sozialraum (in the atlas' order) with its active family centres and the current offers that fit (its own
    and mobile ones serving its villages, by title); with fewer than `FEW`, the nearest fitting offers elsewhere."""
    fitting = [o for o in current_offers(atlas) if fits(o, situation)]
    by_unit = offers_by_unit(atlas, fitting)
    located = [(o, *offer_location(atlas, o)) for o in fitting]
    places = []
    for unit in atlas.municipalities.values():
        own = by_unit[unit.id]
        own_ids = {o.id for o in own}
        nearest: list[Near] = []
        if len(own) < FEW:
            others = sorted((round(distance_km(unit.location, point), 3), o.title.casefold(), o.id, o, bool(note))
                            for o, point, note in located if point is not None and o.id not in own_ids)
            nearest = [Near(o, km, rough) for km, _, _, o, rough in others[:FEW - len(own)]]
        places.append(Nearby(unit, atlas.centres_in(unit.id), own, nearest))
    return places


def legal_text(basis: list[LegalBasis]) -> str:
    """`§§ 1 ff. BEEG`, `§ 62 EStG und § 1 BKGG` (paragraph before the law, as German citations do)."""
    return join_words([f"{b.section} {b.law}" for b in basis])


def hours_lines(org: Organisation) -> list[str]:
    """`Montag bis Freitag: 08:00–12:00 Uhr`, `Dienstag: 09:00–12:00 und 13:00–18:00 Uhr`: runs of days with the same
    times in one line, closed days left out."""
    runs: list[tuple[list[str], str]] = []
    previous = None
    for day, times in hours.week_rows(org.opening_hours):
        if times != "geschlossen" and times == previous:
            runs[-1][0].append(day)
        elif times != "geschlossen":
            runs.append(([day], times))
        previous = times
    return [f"{days[0]}{'' if len(days) == 1 else (' und ' if len(days) == 2 else ' bis ') + days[-1]}: {times}" for days, times in runs]


def address_text(org: Organisation) -> str:
    """`Niemöllerstraße 1, 14806 Bad Belzig` (empty without an address)."""
    a = org.address
    if a is None:
        return ""
    return ", ".join(part for part in (a.street, a.locality, " ".join(p for p in (a.postal_code, a.city) if p)) if part)


def situations_of(atlas: Atlas, benefit_id: str) -> list[LifeSituation]:
    """The situations that list a benefit, in the atlas' order."""
    return [s for s in atlas.lebenslagen.values() if benefit_id in s.benefits]


def lebenslagen_pages(site: Any, common: dict[str, Any]) -> None:
    """The overview, the situation and benefit pages (nothing when the atlas has neither situations nor benefits), in
    every language of the atlas (issue 22): German at `lebenslagen/…`, each other language at `<lang>/lebenslagen/…`."""
    a = site.atlas
    if not a.lebenslagen and not a.leistungen:
        return
    places = {situation.id: nearby(a, situation) for situation in a.lebenslagen.values()}
    for lang in a.config.languages:
        lt = LotseTexts(lang)
        tools = dict(legal_text=legal_text, hours_lines=hours_lines, address_text=address_text, decides=lt._(DECIDES),
                     unit_anchor=unit_anchor, situations_of=situations_of, heading_id=heading_id, lt=lt, translated=True)
        start = lebenslagen_path.START if a.lebenslagen else None
        site.page(lt.path(OVERVIEW), "lebenslagen.md.j2", lt._(OVERVIEW_TITLE), lang=lang, path_start=start, **tools, **common)
        site.page(lt.path(BENEFITS), "leistungen.md.j2", lt._(BENEFITS_TITLE), lang=lang, **tools, **common)
        for situation in a.lebenslagen.values():
            benefits = [a.leistungen[b] for b in dict.fromkeys(situation.benefits) if b in a.leistungen]
            related = [a.lebenslagen[r] for r in dict.fromkeys(situation.related) if r in a.lebenslagen and r != situation.id]
            contacts = [c for c in (a.contact(c) for c in dict.fromkeys(situation.contacts)) if c is not None]
            site.page(lt.path(record_path(situation)), "lebenslage.md.j2", lt.own(situation.name) or situation.name, lang=lang,
                      situation=situation, benefits=benefits, related=related, contacts=contacts, places=places[situation.id],
                      where=lebenslagen_path.where_path(situation), few=FEW, **tools, **common)
        for benefit in a.leistungen.values():
            site.page(lt.path(record_path(benefit)), "leistung.md.j2", lt.own(benefit.name) or benefit.name, lang=lang, benefit=benefit,
                      **tools, **common)
        lebenslagen_path.path_pages(site, common, lt)
