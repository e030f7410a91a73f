"""Search words: what the site search (Material's built-in lunr search) finds a page by, and how high.

How Material 9 ranks (plugin `search`, worker `search.*.min.js`): every heading section of a page is one
document with the fields title (boost 1000), text (1) and tags (1 000 000), lunr's BM25 without length
normalisation; results are grouped by page in the order of their best section, and a page's first section
(before any `##`) counts up to 2,5-times as much as a later one. A front-matter `search: {boost: n}` multiplies
every section of that page. Front-matter `tags` are added to every section of the page; without the tags
plugin Material does not print them on the page, and the CSS `assets/atlas-search.css` hides their chips in
the result list, so they act as invisible search words.

What this module adds (called once by render.render_site, after all pages are rendered):

* **Sozialraum profiles** (`sozialraeume/<id>.md`): boost 2 and tags with the unit's name, its member
  municipalities and villages, each also spelt without umlauts ("Brueck", "Bruck"). Material's search has no
  umlaut folding of its own. A place name then puts
  the profile first, before pages that only mention it in a title (title ×1000 < tags ×1 000 000), and a
  family centre or offer that names the same place comes after it. The names are visible on the profile
  (table "Amtsangehörige Gemeinden", "Ortsteile"), only the spellings without umlauts are not.
* **Family centres** (`familienzentren/<id>.md`): boost 1.5, so among pages that name a place in their text,
  the centres come before the offers. Their visible line "Sozialraum: Amt Brück (Borkheide, Borkwalde, …)"
  (template filter `places`, below) makes them findable by member municipality and village.
* **Offers** (`angebote/<id>.md`): tags with the labels of their target groups and the `keywords` of their
  target groups and topics (data/vocabularies.yaml), e.g. "Senioren", "Kinder unter 3", so a search for a
  group lists the offers for it first. Labels are visible on the page, keywords are alternative words.

Why tags rather than a visible "Auch gesucht als: …" line: text is weighted 1, titles 1000, so a visible line
could never lift an offer above pages with the word in a heading; German stemming is no help either (Material
puts a wildcard on the typed word, and lunr does not stem wildcard terms: tech notes §4), and umlaut folding
is not configurable in Material. The boosts stay small: with boost 2 a profile's section "Altenquotient"
(2 × 2) still ranks below the indicator page of that name (1 × 5, its first section).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup

from ..core.markup import md_text
from ..model.atlas import Atlas
from ..model.schema import Municipality, Offer, Record

PROFILE_BOOST = 2
CENTRE_BOOST = 1.5

_FOLD_LONG = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_FOLD_SHORT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def spellings(word: str, short: bool = True) -> list[str]:
    """The word and its spellings without umlauts: "Brück" → ["Brück", "Brueck", "Bruck"]; `short=False` leaves
    out the one with plain vowels, which for ordinary words meets other words ("Ältere" → "Altere" ~ "alte")."""
    return _unique([word, word.translate(_FOLD_LONG), word.translate(_FOLD_SHORT) if short else ""])


def place_names(unit: Municipality) -> list[str]:
    """Member municipalities and villages of a unit, in data order, each once (not the unit's own name)."""
    names: list[str] = []
    for member in unit.members:
        names += [member.name, *member.villages]
    return _unique(names + list(unit.villages))


def places(unit: Municipality | None) -> Markup:
    """Template filter: " (Borkheide, Borkwalde, …)" after a unit's name, or "" when it has no members or villages."""
    names = [n for n in place_names(unit) if n != unit.name] if unit is not None else []
    return Markup(" (" + ", ".join(md_text(n) for n in names) + ")") if names else Markup("")


def profile_tags(unit: Municipality) -> list[str]:
    """Search words of a unit's profile: its name and place names, also without umlauts."""
    return _unique(s for name in [unit.name, *place_names(unit)] for s in spellings(name))


def offer_tags(atlas: Atlas, offer: Offer) -> list[str]:
    """Search words of an offer: labels and keywords of its target groups, keywords of its topics."""
    words: list[str] = []
    for vocabulary, ids, with_label in (("target_groups", offer.target_groups, True), ("topics", offer.topics, False)):
        for term in getattr(atlas.vocabularies, vocabulary):
            if term.id in ids:
                words += ([term.label] if with_label else []) + list(term.keywords)
    return _unique(s for word in words for s in spellings(word, short=False))


def page_meta(atlas: Atlas, record_path: Callable[[Record], str], places_as_tags: bool = False) -> dict[str, dict[str, object]]:
    """Front-matter additions per page path: `search: {boost}` and `tags` of profiles, family centres and offers.

    `places_as_tags` (the compact index of big atlases, search_compact.py, which drops the section that names
    them): family centres and offers also get their unit's name and place names as search words.
    """

    def home(record: Any) -> list[str]:
        unit = atlas.municipalities.get(record.municipality) if places_as_tags and record.municipality else None
        return profile_tags(unit) if unit is not None else []

    meta: dict[str, dict[str, object]] = {}
    for unit in atlas.municipalities.values():
        meta[record_path(unit)] = {"search": {"boost": PROFILE_BOOST}, "tags": profile_tags(unit)}
    for centre in atlas.family_centres.values():
        meta[record_path(centre)] = {"search": {"boost": CENTRE_BOOST}, **({"tags": home(centre)} if home(centre) else {})}
    for offer in atlas.offers.values():
        tags = _unique(offer_tags(atlas, offer) + home(offer))
        if tags:
            meta[record_path(offer)] = {"tags": tags}
    return meta


def add_meta(content: str, meta: dict[str, object]) -> str:
    """Insert YAML lines (JSON values are valid YAML) before the closing `---` of a page's front matter."""
    if not content.startswith("---\n"):
        return content
    end = content.index("\n---\n", 3)
    lines = "".join(f"\n{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return content[:end] + lines + content[end:]


def annotate(files: dict[str, str], atlas: Atlas, record_path: Callable[[Record], str], places_as_tags: bool = False) -> None:
    """page_meta applied to a dict of rendered pages (in place)."""
    for path, meta in page_meta(atlas, record_path, places_as_tags).items():
        if path in files:
            files[path] = add_meta(files[path], meta)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)


__all__ = ["add_meta", "annotate", "page_meta", "offer_tags", "place_names", "places", "profile_tags", "spellings"]
