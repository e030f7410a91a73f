"""Names made comparable and made into ids: one rule for the finder's place matching (the same rule as
assets/atlas-finder.js), the keys of its place choices and the ids `atlas new` derives from a name."""

from __future__ import annotations

import functools
import re
import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)  # the same place names are folded again and again
def fold(text: str) -> str:
    """Comparable form of a name: `Brück` → `brueck`, `Görzke ` → `goerzke`, `Café` → `cafe`."""
    value = _SPACES.sub(" ", text.lower().translate(_FOLD)).strip()
    return "".join(ch for ch in unicodedata.normalize("NFD", value) if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """Id or URL key of a name: `Rabenstein/Fläming` → `rabenstein-flaeming`, `Groß Kreutz (Havel)` → `gross-kreutz-havel`."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")
