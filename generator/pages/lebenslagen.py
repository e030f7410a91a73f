"""Lebenslagen-Lotse: from a life situation to its benefits, the responsible office and the help nearby.

`lebenslagen_pages(site, common)` adds to a render run (`site.Site`), when the atlas has life situations or benefits:
`lebenslagen/index.md` („Was ist passiert?“), one page per situation `lebenslagen/<id>.md` and per benefit
`leistungen/<id>.md`, and the list `leistungen/index.md`. A situation page shows each benefit with what, who,
where and how (legal basis, responsible bodies with address, opening hours and contact), then the matching
offers and family centres by Sozialraum as a plain list (anchors `#ort-<unit id>`, no JavaScript), contact
persons and related situations. No page calculates an entitlement: each says that the responsible office decides.

Matching is by the situation's topics and target groups (vocabularies topics, target_groups): an offer fits
when it shares a topic and, if the situation names target groups, one of them or the group „alle“.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..core.formatting import join_words
from ..model import hours
from ..model.atlas import Atlas
from ..model.schema import FamilyCentre, LegalBasis, LifeSituation, Municipality, Offer, Organisation
from .links import record_path

OVERVIEW = "lebenslagen/index.md"
BENEFITS = "leistungen/index.md"
OVERVIEW_TITLE = "Was ist passiert?"
EVERYONE = "alle"  # the target group that fits every situation (vocabulary target_groups)
DECIDES = ("Ob und in welcher Höhe Sie eine Leistung bekommen, entscheidet allein die zuständige Stelle. "
           "Diese Seite berechnet keinen Anspruch und verspricht keine Leistung; sie zeigt, wo Sie fragen und beantragen können.")


@dataclass(frozen=True)
class Nearby:
    """One Sozialraum on a situation page: its family centres and the offers that fit the situation."""

    unit: Municipality
    centres: list[FamilyCentre]
    offers: list[Offer]

    @property
    def anchor(self) -> str:
        return unit_anchor(self.unit.id)

    @property
    def heading_id(self) -> Markup:
        """`{#ort-teltow}` after the heading (attr_list): the anchor of the unit's section."""
        return heading_id(self.anchor)


def unit_anchor(unit_id: str) -> str:
    """Anchor of a Sozialraum's section on every situation page (`lebenslagen/ein-kind-kommt.md#ort-teltow`)."""
    return f"ort-{unit_id}"


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


def nearby(atlas: Atlas, situation: LifeSituation) -> list[Nearby]:
    """Every Sozialraum (in the atlas' order) with its active family centres and the active offers that fit."""
    return [Nearby(unit, atlas.centres_in(unit.id), [o for o in atlas.offers_in(unit.id) if fits(o, situation)])
            for unit in atlas.municipalities.values()]


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
    """The overview, the situation and benefit pages (nothing when the atlas has neither situations nor benefits)."""
    a = site.atlas
    if not a.lebenslagen and not a.leistungen:
        return
    tools = dict(legal_text=legal_text, hours_lines=hours_lines, address_text=address_text, decides=DECIDES,
                 unit_anchor=unit_anchor, situations_of=situations_of, heading_id=heading_id)
    site.page(OVERVIEW, "lebenslagen.md.j2", OVERVIEW_TITLE, **tools, **common)
    site.page(BENEFITS, "leistungen.md.j2", "Leistungen von A bis Z", **tools, **common)
    for situation in a.lebenslagen.values():
        benefits = [a.leistungen[b] for b in dict.fromkeys(situation.benefits) if b in a.leistungen]
        related = [a.lebenslagen[r] for r in dict.fromkeys(situation.related) if r in a.lebenslagen and r != situation.id]
        contacts = [c for c in (a.contact(c) for c in dict.fromkeys(situation.contacts)) if c is not None]
        site.page(record_path(situation), "lebenslage.md.j2", situation.name, situation=situation, benefits=benefits,
                  related=related, contacts=contacts, places=nearby(a, situation), **tools, **common)
    for benefit in a.leistungen.values():
        site.page(record_path(benefit), "leistung.md.j2", benefit.name, benefit=benefit, **tools, **common)
