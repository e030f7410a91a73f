"""Leichte Sprache for the Lebenslagen-Lotse: „Was ist passiert?“ and one page per life situation in Leichter Sprache.

`easy_lebenslagen_pages(site, common)` adds to a render run (`site.Site`), when at least one situation has a text in
Leichter Sprache (field `easy`): `leichte-sprache/lebenslagen/index.md` (the overview) and
`leichte-sprache/lebenslagen/<id>.md` for each such situation. A situation without `easy` gets no page and no link.

The texts (title and a few short sentences, one statement per line) are written by editors in the records of the
situation and of each benefit (`easy.name`, `easy.text`); the generator never makes them. What comes from the
records is phrased here in Leichter Sprache: where to ask (the responsible bodies with address, phone, e-mail and
opening hours as easy.py writes them), the online application, the documents usually needed. Each page says that
the office decides, who helps nearby (the family centres, by the unit pages in Leichter Sprache) and links to the
page in standard language. Benefits without a text in Leichter Sprache are only named with a link to their page.
Like easy.py's pages, these stay in the site search with a lower weight (`search_weight: 0.5`).
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..core.formatting import WEEKDAYS
from ..core.markup import html_attr
from ..model.atlas import Atlas
from ..model.schema import Benefit, LifeSituation, Organisation
from . import easy
from .lebenslagen import address_text

FOLDER = f"{easy.FOLDER}/lebenslagen"
OVERVIEW = f"{FOLDER}/index.md"
OVERVIEW_TITLE = "Was ist passiert?"
# the office decides: the same statements on every page (Leichte Sprache: one statement per line)
DECIDES = ("Bekommen Sie die Hilfe?", "Das Amt entscheidet.", "Diese Seite kann das nicht sagen.")


def easy_situation_path(situation: LifeSituation) -> str:
    """`leichte-sprache/lebenslagen/<id>.md`."""
    return f"{FOLDER}/{situation.id}.md"


def easy_lines(text: str) -> list[str]:
    """The editor's text in Leichter Sprache as its lines (one statement each), empty lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def with_easy_text(atlas: Atlas) -> list[LifeSituation]:
    """The situations that have a text in Leichter Sprache, in the atlas' order."""
    return [s for s in atlas.lebenslagen.values() if s.easy is not None]


def offices(atlas: Atlas, benefit: Benefit) -> list[Organisation]:
    """The responsible bodies of a benefit, each once, in the record's order."""
    found = [atlas.organisations.get(r.organisation) for r in benefit.responsible]
    return list({o.id: o for o in found if o is not None}.values())


def office_hours(org: Organisation) -> list[str]:
    """easy.py's lines for family centres (`Am Dienstag: von 9 Uhr bis 12 Uhr und von 13 Uhr bis 18 Uhr.`), with 3 or more
    days in a row as a span: `Montag bis Freitag: von 8 Uhr bis 16 Uhr.` instead of `Am Montag, Dienstag, … und Freitag: …`."""
    names = list(WEEKDAYS.values())
    lines = []
    for line in easy.easy_hours(org):  # type: ignore[arg-type]  # reads only `opening_hours`, which organisations have too
        head, sep, rest = line.partition(": ")
        days = re.split(r", | und ", head.removeprefix("Am "))
        if sep and len(days) >= 3 and all(d in names for d in days):
            at = [names.index(d) for d in days]
            if at == list(range(at[0], at[0] + len(at))):
                line = f"{days[0]} bis {days[-1]}: {rest}"
        lines.append(line)
    return lines


def benefit_anchor(benefit: Benefit) -> Markup:
    """Anchor of a benefit's section on a situation page in Leichter Sprache (`#leistung-elterngeld`; ids need no escaping)."""
    return Markup(f"leistung-{benefit.id}")


def benefit_heading(benefit: Benefit) -> Markup:
    """`{ #leistung-elterngeld data-toc-label="Eltern-Geld" }` after the heading (attr_list): a fixed anchor for the
    list at the top of the page, and the plain title in the table of contents (without the example badge)."""
    label = benefit.easy.name if benefit.easy is not None else benefit.name
    return Markup(f'{{ #{benefit_anchor(benefit)} data-toc-label="{html_attr(label)}" }}')


def easy_lebenslagen_pages(site: Any, common: dict[str, Any]) -> None:
    """The overview and one page per situation with a text in Leichter Sprache (nothing when no situation has one)."""
    a = site.atlas
    situations = with_easy_text(a)
    if not situations:
        return
    units = list(a.municipalities.values())
    tools = dict(easy_path=easy.easy_path, easy_situation_path=easy_situation_path, easy_lines=easy_lines, decides=DECIDES,
                 offices=lambda b: offices(a, b), office_hours=office_hours, address_text=address_text,
                 benefit_anchor=benefit_anchor, benefit_heading=benefit_heading)
    pages = [(OVERVIEW, "leichte_sprache_lebenslagen.md.j2", f"{OVERVIEW_TITLE} In Leichter Sprache", dict(situations=situations))]
    for situation in situations:
        benefits = [a.leistungen[b] for b in dict.fromkeys(situation.benefits) if b in a.leistungen]
        pages.append((easy_situation_path(situation), "leichte_sprache_lebenslage.md.j2", situation.easy.name,
                      dict(situation=situation, easy_benefits=[b for b in benefits if b.easy is not None],
                           other_benefits=[b for b in benefits if b.easy is None], units=units)))
    for path, template, title, context in pages:
        site.later(path, easy.with_search_weight)
        site.page(path, template, title, **tools, **context, **common)


__all__ = ["easy_lebenslagen_pages", "easy_situation_path", "easy_lines", "with_easy_text", "DECIDES", "OVERVIEW"]
