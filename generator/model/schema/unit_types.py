"""Kinds of units (Sozialräume) as data: names, article, members and key of each kind.

The built-in kinds for all of Germany (after VG250's `BEZ`: Stadt, Gemeinde, Markt, Amt, Samtgemeinde,
Verbandsgemeinde, Verwaltungsgemeinschaft, Gemeindeverwaltungsverband …, plus Sozialraum and Stadtteil)
live in `unit_types.yaml` beside this file and are read once. An atlas adds kinds or overrides built-in
ones under `unit_types:` in its vocabularies.yaml; every page text about a kind of unit comes from here.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field

from .base import Id, Model, Text, merged_by_id
from .nouns import INDEFINITE, Noun

DEFAULTS_FILE = Path(__file__).with_name("unit_types.yaml")
THIS = {"der": "dieser", "die": "diese", "das": "dieses"}
KEY_LABELS = {8: "Amtlicher Gemeindeschlüssel (AGS)", 9: "Schlüssel des Gemeindeverbands", None: "Schlüssel"}


class UnitType(Noun, Model):
    id: Id = Field(title="Kennung", description="Kennung der Art, wie sie in municipalities/*.yaml unter type steht, z. B. samtgemeinde.")
    label: Text = Field(title="Bezeichnung", description="Die Art in der Einzahl, wie sie auf der Website steht, z. B. „Samtgemeinde“.")
    plural: Text = Field(title="Mehrzahl", description="Die Art in der Mehrzahl, z. B. „Samtgemeinden“.")
    article: Literal["der", "die", "das"] = Field(title="Artikel", description="der, die oder das – für Sätze wie „ist eine Samtgemeinde“ oder „ist ein Markt“.")
    members: bool = Field(False, title="Mit Mitgliedsgemeinden", description="true, wenn Sozialräume dieser Art aus mehreren Gemeinden bestehen (members).")
    members_label: Text | None = Field(
        None, title="Name der Mitgliedsgemeinden", description="z. B. „Ortsgemeinden“; leer: Mitgliedsgemeinden."
    )
    key_digits: int | None = Field(
        None, ge=8, le=9, title="Stellen des Schlüssels",
        description="8: Amtlicher Gemeindeschlüssel einer Gemeinde; 9: Schlüssel eines Gemeindeverbands; leer: ein eigener Schlüssel ohne amtliche Form.",
    )
    key_label: Text | None = Field(None, title="Name des Schlüssels", description="Wie der Schlüssel im Profil heißt; leer: nach Zahl der Stellen.")
    easy_label: Text | None = Field(None, title="Wort in Leichter Sprache", description="Einfacheres Wort für Seiten in Leichter Sprache, z. B. „Gemeinde“; leer: die Bezeichnung.")
    genitive: Text | None = Field(None, title="Zweiter Fall", description="z. B. „des Marktes“; leer: „der Samtgemeinde“, „des Verbands“ nach dem Artikel.")
    description: Text | None = Field(None, title="Erläuterung", description="Ein Satz, was ein Sozialraum dieser Art ist (auch in Leichter Sprache).")
    bez: list[Text] = Field(
        default_factory=list, title="Bezeichnungen in amtlichen Grenzen",
        description="Weitere Werte der Spalte BEZ der BKG-Grenzen (VG250), die diese Art bedeuten, z. B. „Hansestadt“ für stadt; die Bezeichnung selbst gilt immer.",
    )

    @property
    def municipal(self) -> bool:
        """A municipality with an AGS (Stadt, Gemeinde, Markt …), not a quarter of a city nor an association."""
        return self.key_digits == 8

    @property
    def easy(self) -> str:
        """`eine Gemeinde` (Leichte Sprache)."""
        return f"{INDEFINITE[self.article]} {self.easy_label or self.label}"

    @property
    def key_name(self) -> str:
        return self.key_label or KEY_LABELS[self.key_digits]


@functools.cache
def default_unit_types() -> tuple[UnitType, ...]:
    """The built-in kinds (unit_types.yaml), read once."""
    return tuple(UnitType.model_validate(entry) for entry in yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")))


def merged_unit_types(own: list[UnitType]) -> list[UnitType]:
    """Built-in kinds, each replaced by the atlas's own of the same id, then the atlas's new kinds."""
    return merged_by_id(default_unit_types(), own)


def unit_type(types: list[UnitType], type_id: str) -> UnitType:
    """The kind `type_id` (a plain fallback for an unknown id, which `atlas check` reports)."""
    for t in types:
        if t.id == type_id:
            return t
    return UnitType(id="unbekannt", label=type_id, plural=type_id, article="die")


def join(parts: list[str], last: str) -> str:
    """„A, B und C“ (each part once)."""
    parts = list(dict.fromkeys(parts))
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {last} {parts[-1]}" if parts else ""


def member_words(types: list[UnitType], unit_types: set[str], member_types: set[str]) -> dict[str, str]:
    """Words for the members of units of the kinds `unit_types` whose members are of the kinds `member_types`:
    `heading` „Amtsangehörige Gemeinden“, „Mitgliedsgemeinden“, „Stadtteile“, „Gemeinden und Ortsteile“;
    `plural` the same in running text („diese 3 Stadtteile“); `name` the first column of the members' table
    („Gemeinde“, „Stadtteil“, „Name“); `key` the key column („AGS“ or „Schlüssel“); in Leichter Sprache `this`
    („diese Gemeinde“, „dieser Stadtteil“, „dieser Teil“) and `these` („Gemeinden“, „Stadtteile“, „Teile“).
    Members of municipal kinds (AGS) are named as the unit's kind says."""
    members = [unit_type(types, i) for i in sorted(member_types, key=lambda i: ([t.id for t in types] + [i]).index(i))]
    quarters = [t for t in members if not t.municipal]
    if not quarters:
        labels = list(dict.fromkeys(t.members_label or "Mitgliedsgemeinden" for t in types if t.id in unit_types and t.members))
        plural = labels[0] if len(labels) == 1 else "Mitgliedsgemeinden"
        name, key, this, these = "Gemeinde", "AGS", "diese Gemeinde", "Gemeinden"
    else:
        plural = join((["Gemeinden"] if len(quarters) < len(members) else []) + [t.plural for t in quarters], "und")
        only = quarters[0] if len(members) == 1 else None
        name = only.label if only else "Name"
        this = f"{THIS[only.article]} {only.easy_label or only.label}" if only else "dieser Teil"
        these = only.plural if only else "Teile"
        key = "Schlüssel"
    return {"heading": plural[:1].upper() + plural[1:], "plural": plural, "name": name, "key": key, "this": this, "these": these}


def unit_type_words(types: list[UnitType], used: set[str], member_types: set[str] | None = None) -> dict[str, str]:
    """Phrases for pages about all units of an atlas, from the kinds it uses (in vocabulary order):
    `every` „jede Stadt, jede amtsfreie Gemeinde und jedes Amt“ (`Every` capitalised, `for_every` after „für“),
    `plurals` „Städte, Gemeinden und Ämter“ (nouns only, for any case), `plurals_list` „Städte, Gemeinden, Ämter“,
    `one_of` „eine Stadt, eine Gemeinde oder ein Amt“ (Leichte Sprache), `members` the heading over the members
    of all units (from the kinds of units and of their members, see `member_words`)."""
    kinds = [t for t in types if t.id in used]

    every = join([t.every for t in kinds], "und")
    nouns = list(dict.fromkeys(t.plural.split()[-1] for t in kinds))
    return {
        "every": every,
        "Every": every[:1].upper() + every[1:],
        "for_every": join([("jeden " + t.label) if t.article == "der" else t.every for t in kinds], "und"),
        "plurals": join(nouns, "und"),
        "plurals_list": ", ".join(nouns),
        "one_of": join([t.easy for t in kinds], "oder"),
        "members": member_words(types, used, member_types or set())["heading"],
    }
