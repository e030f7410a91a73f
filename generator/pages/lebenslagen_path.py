"""The question path of the Lebenslagen-Lotse: three questions as plain pages with links (no form, no script).

1. `lebenslagen/fragen/index.md` „Für wen suchen Sie Hilfe?“ – the answers of the vocabulary help_for that at
   least one situation belongs to (field for_whom; a situation without for_whom belongs to every answer);
2. `lebenslagen/fragen/fuer-<answer>.md` „Was ist passiert?“ – the situations of that answer;
3. `lebenslagen/fragen/wo/<situation>.md` „Wo wohnen Sie?“ – the Sozialräume by name, each with its member
   municipalities and villages, every name a link to the situation page at the place's section (`#ort-<unit id>`,
   lebenslagen.py).

Without answers in help_for the first page asks „Was ist passiert?“ (two steps). Nothing is sent or stored: the
visitor follows links, and the place travels only in the fragment of the last link, which browsers never send to a
server. The pages stay out of the site search (search_marks.UNINDEXED_FOLDERS): they repeat the situations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.names import fold
from ..model.atlas import Atlas
from ..model.schema import LifeSituation, Municipality, Term
from .links import record_path

PATH_DIR = "lebenslagen/fragen"
START = f"{PATH_DIR}/index.md"
WHO_TITLE = "Für wen suchen Sie Hilfe?"
WHAT_TITLE = "Was ist passiert?"
WHERE_TITLE = "Wo wohnen Sie?"
VILLAGES = "Ortsteile"


def unit_anchor(unit_id: str) -> str:
    """Anchor of a Sozialraum's section on every situation page (`lebenslagen/ein-kind-kommt.md#ort-teltow`)."""
    return f"ort-{unit_id}"


def answer_path(answer: Term) -> str:
    """Step 2 for one answer: `lebenslagen/fragen/fuer-familie.md`."""
    return f"{PATH_DIR}/fuer-{answer.id}.md"


def where_path(situation: LifeSituation) -> str:
    """Step 3 for one situation: `lebenslagen/fragen/wo/ein-kind-kommt.md`."""
    return f"{PATH_DIR}/wo/{situation.id}.md"


def place_link(situation: LifeSituation, unit: Municipality) -> str:
    """Docs path of the situation page at the unit's section."""
    return f"{record_path(situation)}#{unit_anchor(unit.id)}"


def situations_for(atlas: Atlas, answer_id: str) -> list[LifeSituation]:
    """The situations under one answer (those without for_whom under every answer), in the atlas' order."""
    return [s for s in atlas.lebenslagen.values() if not s.for_whom or answer_id in s.for_whom]


def answers(atlas: Atlas) -> list[tuple[Term, list[LifeSituation]]]:
    """The answers of help_for with their situations, in the vocabulary's order; answers without situations left out."""
    found = [(term, situations_for(atlas, term.id)) for term in atlas.vocabularies.help_for]
    return [(term, situations) for term, situations in found if situations]


@dataclass(frozen=True)
class Place:
    """A Sozialraum on the page „Wo wohnen Sie?“: its member municipalities (with their villages) and its villages."""

    unit: Municipality
    members: list[tuple[str, list[str]]]
    villages: list[str]
    members_label: str  # „Gemeinden“, „Stadtteile“ … (vocabulary unit_types)


def places(atlas: Atlas) -> list[Place]:
    """Every Sozialraum by name (folded: „Ämter“ beside „Amt“), with the names a resident knows."""
    units = sorted(atlas.municipalities.values(), key=lambda u: (fold(u.name), u.id))
    return [Place(u, [(m.name, list(m.villages)) for m in u.members], list(u.villages), atlas.member_words(u)["these"]) for u in units]


def path_pages(site: Any, common: dict[str, Any], lt: Any) -> None:
    """The pages of the question path in the language of `lt` (lotse_texts.LotseTexts; nothing without situations)."""
    a = site.atlas
    if not a.lebenslagen:
        return
    found = answers(a)
    steps = 3 if found else 2
    lang = lt.lang
    tools = dict(answer_path=answer_path, where_path=where_path, place_link=place_link, steps=steps, lt=lt, translated=True)
    if found:
        site.page(lt.path(START), "lebenslagen_fragen.md.j2", lt._(WHO_TITLE), lang=lang, answers=found, step=1, **tools, **common)
        for term, situations in found:
            label = (term.labels or {}).get(lang) or term.label
            site.page(lt.path(answer_path(term)), "lebenslagen_fragen.md.j2", f"{label}: {lt._(WHAT_TITLE)}", lang=lang, answer=term,
                      situations=situations, step=2, **tools, **common)
    else:
        site.page(lt.path(START), "lebenslagen_fragen.md.j2", lt._(WHAT_TITLE), lang=lang, situations=list(a.lebenslagen.values()), step=1,
                  **tools, **common)
    where = places(a)
    for situation in a.lebenslagen.values():
        name = lt.own(situation.name) or situation.name
        site.page(lt.path(where_path(situation)), "lebenslagen_wo.md.j2", f"{name}: {lt._(WHERE_TITLE)}", lang=lang, situation=situation,
                  places=where, step=steps, villages_label=VILLAGES, **tools, **common)
