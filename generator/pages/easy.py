"""Leichte Sprache: a short page per municipal unit, generated from its data, and an index page that
explains the atlas (the start page's explanation in Leichte Sprache).

`easy_pages(site, common)` adds `leichte-sprache/index.md` and `leichte-sprache/<unit id>.md` to a render
run (`site.Site`). Rules followed (Netzwerk Leichte Sprache): short sentences, one statement per
line, numbers as digits (German format), no abbreviations, no percent, long words with a hyphen
(Familien-Zentrum, Land-Kreis). Names from the data stay as written.

The pages stay in the site search with a lower weight (front matter `search_weight: 0.5`, which the theme
writes as `data-pagefind-weight` on the page's search body), so a search for a place finds its profile first
and the Leichte-Sprache page after it.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.formatting import WEEKDAYS, counted, join_words
from ..model.schema import FamilyCentre, Municipality, Offer, UnitType

FOLDER = "leichte-sprache"
SEARCH_WEIGHT = "search_weight: 0.5\n"
# (words, lowest age, highest age): an offer counts when its age range overlaps; no range = every age
AGE_GROUPS = (("Kinder", 0, 11), ("Jugendliche", 12, 17), ("ältere Menschen", 60, 200))
# target group labels (data/vocabularies.yaml) that mean families; matched as German words, not ids
FAMILY_WORDS = re.compile(r"famili|eltern|schwanger|alleinerziehend", re.IGNORECASE)
OFFER_LIMIT = 12  # a unit's page names at most this many offers (by title), then says how many more there are


def easy_path(unit: Municipality) -> str:
    return f"{FOLDER}/{unit.id}.md"


def easy_time(text: str) -> str:
    """`09:00` → `9 Uhr`, `09:30` → `9:30 Uhr`."""
    hours, _, minutes = text.partition(":")
    return f"{int(hours)} Uhr" if minutes in ("", "00") else f"{int(hours)}:{minutes} Uhr"


def easy_hours(centre: FamilyCentre) -> list[str]:
    """`Am Montag und Dienstag: von 9 Uhr bis 16 Uhr.` – one line per group of days with the same times."""
    order = list(WEEKDAYS)
    per_day: dict[str, list[tuple[str, str]]] = {}
    for entry in centre.opening_hours:
        for day in entry.days:
            per_day.setdefault(day, []).append((entry.opens, entry.closes))
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for day in sorted(per_day, key=order.index):
        groups.setdefault(tuple(sorted(set(per_day[day]))), []).append(day)
    lines = []
    for times, days in sorted(groups.items(), key=lambda kv: order.index(kv[1][0])):
        spans = join_words([f"von {easy_time(o)} bis {easy_time(c)}" for o, c in times])
        lines.append(f"Am {join_words([WEEKDAYS[d] for d in days])}: {spans}.")
    return lines


def place_words(unit: Municipality, kind: UnitType) -> tuple[str, str]:
    """(`In Beelitz` / `Im Amt Brück` / `In der Samtgemeinde Bruchhausen-Vilsen`, `Beelitz` / `Das Amt Brück`)
    for sentences about the unit: a name that begins with its kind („Amt …“) takes the kind's article."""
    if unit.name.startswith(f"{kind.label} "):
        return ("In der" if kind.article == "die" else "Im") + f" {unit.name}", f"{kind.article.capitalize()} {unit.name}"
    return f"In {unit.name}", unit.name


def count_sentence(count: int, one: str, many: str, start: str) -> str:
    """`Für Kinder gibt es 3 Angebote.` / `… 1 Angebot.` / `… kein Angebot.`"""
    return f"{start} gibt es {counted(count, one, many, zero=f'kein {one}')}."


def _overlaps(offer: Offer, low: int, high: int) -> bool:
    if offer.ages is None:
        return True
    return offer.ages.min <= high and (offer.ages.max is None or offer.ages.max >= low)


def offer_sentences(atlas: Any, offers: list[Offer], place: str) -> list[str]:
    """Number of offers in all (`In Beelitz gibt es 3 Angebote.`) and for children, young people, families, older people."""
    active = [o for o in offers if getattr(o, "status", "aktiv") != "beendet"]
    lines = [count_sentence(len(active), "Angebot", "Angebote", place)]
    if not active:
        return lines
    for words, low, high in AGE_GROUPS[:2]:
        lines.append(count_sentence(sum(1 for o in active if _overlaps(o, low, high)), "Angebot", "Angebote", f"Für {words}"))
    families = sum(1 for o in active if any(FAMILY_WORDS.search(atlas.label("target_groups", g)) for g in o.target_groups))
    lines.append(count_sentence(families, "Angebot", "Angebote", "Für Familien"))
    words, low, high = AGE_GROUPS[2]
    lines.append(count_sentence(sum(1 for o in active if _overlaps(o, low, high)), "Angebot", "Angebote", f"Für {words}"))
    return lines


def easy_pages(site: Any, common: dict[str, Any]) -> None:
    """Render the Leichte-Sprache index and one page per unit into `site` (`site.Site`)."""
    atlas = site.atlas
    units = list(atlas.municipalities.values())
    helpers = dict(easy_path=easy_path, easy_hours=easy_hours, place_words=lambda u: place_words(u, atlas.unit_type(u.type)),
                   count_sentence=count_sentence, offer_sentences=offer_sentences, legal=getattr(atlas.config, "legal", None),
                   easy_offer_limit=OFFER_LIMIT)
    pages = [(f"{FOLDER}/index.md", "leichte_sprache.md.j2", "Der Sozial-Atlas in Leichter Sprache", dict(units=units))]
    for unit in units:
        centres = [c for c in atlas.centres_in(unit.id) if getattr(c, "status", "aktiv") != "beendet"]  # closed for good: not listed
        offers = atlas.offers_in(unit.id)
        example = unit.example or any(c.example for c in centres) or any(o.example for o in offers)
        pages.append((easy_path(unit), "leichte_sprache_einheit.md.j2", f"{unit.name} in Leichter Sprache",
                      dict(unit=unit, centres=centres, offers=offers, example=example)))
    for path, template, title, context in pages:
        site.later(path, _with_search_weight)
        site.page(path, template, title, **helpers, **context, **common)


def _with_search_weight(text: str) -> str:
    """Add `search_weight: 0.5` to the page's front matter (written by markup.front_matter)."""
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\n{SEARCH_WEIGHT.rstrip()}{sep}{rest}" if sep else text


with_search_weight = _with_search_weight  # public: the other Leichte-Sprache pages (easy_lebenslagen.py) are weighted alike


__all__ = ["easy_pages", "easy_path", "easy_hours", "offer_sentences", "with_search_weight"]
