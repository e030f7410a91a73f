"""German word forms of a kind named by a noun with its article: „die Samtgemeinde“, „des Landkreises“, „zur Stadt“.

`Noun` is a base of the kinds of units (unit_types.py) and of the atlas' own area (area_kinds.py), so that a
form has one name and one rule everywhere: `of_the` is always the genitive, `to_the` the dative, `towards`
„zum/zur“. A subclass declares the fields `label`, `article` and `genitive` (irregular genitive, or None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

INDEFINITE = {"der": "ein", "die": "eine", "das": "ein"}
EVERY = {"der": "jeder", "die": "jede", "das": "jedes"}
DATIVE = {"der": "dem", "die": "der", "das": "dem"}


def genitive(article: str, noun: str) -> str:
    """`des Kreises`, `der Stadt`, `des Landes`, `des Stadtteils` (a plain rule; kinds name irregular forms)."""
    if article == "die":
        return f"der {noun}"
    return f"des {noun}{'es' if noun.endswith(('s', 'z', 'x')) else 's'}"


class Noun:
    """Mixin of the word forms (no fields of its own, so the schema's field order stays the subclass's)."""

    if TYPE_CHECKING:
        label: str
        article: str
        genitive: str | None

    @property
    def the(self) -> str:
        """`der Landkreis`, `die Samtgemeinde`."""
        return f"{self.article} {self.label}"

    @property
    def The(self) -> str:  # noqa: N802 – capitalised form for the start of a sentence
        return self.the[:1].upper() + self.the[1:]

    @property
    def a(self) -> str:
        """`ein Amt`, `eine Samtgemeinde`."""
        return f"{INDEFINITE[self.article]} {self.label}"

    @property
    def every(self) -> str:
        """`jedes Amt`, `jede Samtgemeinde`."""
        return f"{EVERY[self.article]} {self.label}"

    @property
    def of_the(self) -> str:
        """Genitive: `des Amtes`, `der Samtgemeinde`, `des Landkreises`."""
        return self.genitive or genitive(self.article, self.label)

    @property
    def to_the(self) -> str:
        """Dative: `dem Landkreis`, `der Stadt` („im Vergleich mit dem Landkreis“)."""
        return f"{DATIVE[self.article]} {self.label}"

    @property
    def towards(self) -> str:
        """`zum Amt`, `zur Samtgemeinde`, `zum Landkreis`."""
        return f"{'zur' if self.article == 'die' else 'zum'} {self.label}"

    @property
    def in_the(self) -> str:
        """`im Landkreis`, `in der Stadt`."""
        return f"{'in der' if self.article == 'die' else 'im'} {self.label}"

    def in_named(self, name: str) -> str:
        """`im Amt Brück`, `in der Samtgemeinde Sittensen` (the kind is put before a name without it)."""
        named = name if name.startswith(f"{self.label} ") else f"{self.label} {name}"
        return f"{'in der' if self.article == 'die' else 'im'} {named}"
