"""Search words: place names of a unit and spellings without umlauts, for the search marks and the templates.

* `place_names(unit)`: member municipalities and villages of a unit; the search marks (search_marks.py) make a
  village find its unit, and the template filter `places` prints them after a unit's name:
  "Sozialraum: Amt Brück (Borkheide, Borkwalde, …)".
* `spellings(word)`: the word and its spellings without umlauts and ß ("Brück" → "Brueck", "Bruck"), searchable
  metadata of a page (Pagefind folds "ü" to "u" itself, but not "ue", and the German stemmer does not either).
* `add_meta(content, meta)`: lines added to a page's front matter (e.g. `search_index: false`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from markupsafe import Markup

from ..core.markup import md_text
from ..model.schema import Municipality

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


def add_meta(content: str, meta: dict[str, object]) -> str:
    """Insert YAML lines (JSON values are valid YAML) before the closing `---` of a page's front matter."""
    if not content.startswith("---\n"):
        return content
    end = content.index("\n---\n", 3)
    lines = "".join(f"\n{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return content[:end] + lines + content[end:]


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)


__all__ = ["add_meta", "place_names", "places", "spellings"]
