"""Kinds of the atlas' own area (district.yaml) as data: Landkreis, Kreis, kreisfreie Stadt, Region, Land.

Every page text about the area as a whole – „Profil des Landkreises“, „kreisweit zuständig“, „Kreisstadt“,
„Kreisschlüssel“ – comes from its kind, so that an atlas for a city reads „Profil der Stadt“, „stadtweit“ and
„Sitz der Verwaltung“. The built-in kinds live in `area_kinds.yaml` beside this file; an atlas adds kinds or
overrides built-in ones under `area_kinds:` in its vocabularies.yaml (like `unit_types:`). district.yaml
picks one with `kind:`; without it the kind follows from the name's first word and the key's length.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field

from .base import Id, Model, Text, merged_by_id
from .nouns import Noun, genitive

DEFAULTS_FILE = Path(__file__).with_name("area_kinds.yaml")
DEFAULT_KIND = "landkreis"
LAND_KIND = "land"  # an atlas whose key has 2 digits covers a whole Land
ARTICLES = ("der", "die", "das")


class AreaKind(Noun, Model):
    id: Id = Field(title="Kennung", description="Kennung der Art, wie sie in district.yaml unter kind steht, z. B. kreisfreie-stadt.")
    label: Text = Field(title="Bezeichnung", description="Die Art, wie sie auf der Website steht, z. B. „Landkreis“, „Stadt“, „Land“.")
    article: Literal["der", "die", "das"] = Field(title="Artikel", description="der, die oder das – für „Profil des Landkreises“, „Profil der Stadt“.")
    genitive: Text | None = Field(None, title="Zweiter Fall", description="z. B. „des Landkreises“; leer: nach dem Artikel gebildet.")
    short: Text | None = Field(None, title="Kurzwort", description="Kurzes Wort für das Gebiet, z. B. „Kreis“ für einen Landkreis; leer: die Bezeichnung.")
    short_genitive: Text | None = Field(None, title="Kurzwort im zweiten Fall", description="z. B. „des Kreises“; leer: nach dem Artikel gebildet.")
    stem: Text = Field(title="Wortstamm", description="Erster Teil zusammengesetzter Wörter, z. B. „Kreis“ (Kreiswert, Kreisgrenze), „Stadt“, „Landes“.")
    wide: Text = Field(title="Für das ganze Gebiet", description="z. B. „kreisweit“, „stadtweit“, „landesweit“, „regionsweit“.")
    key_label: Text = Field(title="Name des Schlüssels", description="z. B. „Kreisschlüssel“, „Landesschlüssel“.")
    seat_label: Text = Field(title="Name des Sitzes", description="z. B. „Kreisstadt“, „Sitz der Verwaltung“, „Landeshauptstadt“.")
    administration: Text = Field(title="Verwaltung", description="z. B. „Kreisverwaltung“, „Stadtverwaltung“, „Landesverwaltung“.")
    council: Text | None = Field(None, title="Gewählte Vertretung", description="z. B. „Kreistag“, „Rat der Stadt“, „Landtag“; leer: keine.")
    council_dative: Text | None = Field(None, title="Vertretung im dritten Fall", description="z. B. „dem Kreistag“; leer: „dem“ und die Vertretung.")
    easy_label: Text | None = Field(None, title="Wort in Leichter Sprache", description="z. B. „Land-Kreis“; leer: die Bezeichnung.")
    names: list[Text] = Field(
        default_factory=list, title="Namensanfänge",
        description="Wörter mit Artikel, mit denen ein Name dieser Art beginnt, z. B. „der Landkreis“, „die Hansestadt“; "
        "daran wird die Art erkannt, wenn district.yaml kein kind nennt.",
    )

    # --- word forms (templates: atlas.area.of_the …) ----------------------------------------
    @property
    def accusative(self) -> str:
        """`den Landkreis`, `die Stadt`, `das Land` (`für den Landkreis`)."""
        return f"{ {'der': 'den', 'die': 'die', 'das': 'das'}[self.article]} {self.label}"

    @property
    def from_the(self) -> str:
        """`vom Landkreis`, `von der Stadt`, `vom Land`."""
        return f"von der {self.label}" if self.article == "die" else f"vom {self.label}"

    @property
    def whole(self) -> str:
        """`ganzer Landkreis`, `ganze Stadt`, `ganzes Land` (without article, as in „Zuständig für: ganzer Landkreis“)."""
        return f"{ {'der': 'ganzer', 'die': 'ganze', 'das': 'ganzes'}[self.article]} {self.label}"

    @property
    def the_whole(self) -> str:
        """Accusative: `den ganzen Landkreis`, `die ganze Stadt`, `das ganze Land`."""
        return f"{ {'der': 'den ganzen', 'die': 'die ganze', 'das': 'das ganze'}[self.article]} {self.label}"

    @property
    def in_the_whole(self) -> str:
        """`im ganzen Landkreis`, `in der ganzen Stadt`, `im ganzen Land`."""
        return f"in der ganzen {self.label}" if self.article == "die" else f"im ganzen {self.label}"

    @property
    def short_word(self) -> str:
        """`Kreis`, `Stadt`, `Land`."""
        return self.short or self.label

    @property
    def short_of_the(self) -> str:
        """`des Kreises`, `der Stadt`."""
        if self.short_genitive:
            return self.short_genitive
        return self.of_the if self.short is None else genitive(self.article, self.short)

    @property
    def Wide(self) -> str:  # noqa: N802
        """`Kreisweit`, `Stadtweit` (start of a heading)."""
        return self.wide[:1].upper() + self.wide[1:]

    @property
    def value_word(self) -> str:
        """`Kreiswert`, `Stadtwert`, `Landeswert`."""
        return f"{self.stem}wert"

    @property
    def border(self) -> str:
        """`Kreisgrenze`, `Stadtgrenze`, `Landesgrenze`."""
        return f"{self.stem}grenze"

    @property
    def easy(self) -> str:
        """Leichte Sprache: `Land-Kreis`, `Stadt`."""
        return self.easy_label or self.label

    @property
    def to_council(self) -> str | None:
        """`dem Kreistag`, `dem Rat der Stadt`, `dem Landtag`; None without an elected body."""
        return (self.council_dative or f"dem {self.council}") if self.council else None

    def article_of(self, name: str) -> str:
        """The article that goes with `name`: that of its first word (names), else the kind's."""
        for entry in self.names:
            article, _, word = entry.partition(" ")
            if name.startswith(word + " ") and article in ARTICLES:
                return article
        return self.article

    def named(self, name: str) -> str:
        """`name` with the kind before it, unless it begins with a word of the kind (`Stadt Braunschweig`)."""
        words = [entry.partition(" ")[2] for entry in self.names] + [self.label]
        return name if any(name.startswith(w + " ") for w in words) else f"{self.label} {name}"

    def with_name(self, name: str) -> dict[str, str]:
        """Phrases with a name as written (`Land-Kreis Testkreis`, `Stadt Musterstadt`), by the article that goes with it:
        `the` „der Land-Kreis …“, `The`, `from` „vom …“ / „von der …“, `in` „im …“ / „in der …“, `to` „zum …“ / „zur …“, `of` „des …“ / „der …“ (the name is not inflected),
        `dat` „dem …“ / „der …“."""
        fem = self.article_of(name) == "die"
        the = f"{'die' if fem else self.article_of(name)} {name}"
        return {
            "the": the, "The": the[:1].upper() + the[1:], "from": f"von der {name}" if fem else f"vom {name}",
            "in": f"in der {name}" if fem else f"im {name}", "to": f"zur {name}" if fem else f"zum {name}",
            "of": f"der {name}" if fem else f"des {name}", "dat": f"der {name}" if fem else f"dem {name}",
        }

    def in_named(self, name: str) -> str:
        """`im Landkreis Potsdam-Mittelmark`, `in der Stadt Musterstadt`, `im Freistaat Sachsen`."""
        named = self.named(name)
        return f"in der {named}" if self.article_of(named) == "die" else f"im {named}"


@functools.cache
def default_area_kinds() -> tuple[AreaKind, ...]:
    """The built-in kinds (area_kinds.yaml), read once."""
    return tuple(AreaKind.model_validate(entry) for entry in yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")))


def merged_area_kinds(own: list[AreaKind]) -> list[AreaKind]:
    """Built-in kinds, each replaced by the atlas's own of the same id, then the atlas's new kinds."""
    return merged_by_id(default_area_kinds(), own)


def derived_kind(kinds: list[AreaKind], name: str, key: str) -> str:
    """The kind of an area without `kind:`: by the first word of its name, else `land` for a 2-digit key, else `landkreis`."""
    for kind in kinds:
        for entry in kind.names:
            if name.startswith(entry.partition(" ")[2] + " "):
                return kind.id
    return LAND_KIND if len(key) == 2 else DEFAULT_KIND


def area_kind(kinds: list[AreaKind], kind_id: str | None, name: str, key: str) -> AreaKind:
    """The kind `kind_id` (or the derived one); an unknown id, which `atlas check` reports, falls back to the default."""
    wanted = kind_id or derived_kind(kinds, name, key)
    by_id = {k.id: k for k in kinds}
    return by_id.get(wanted) or by_id.get(DEFAULT_KIND) or default_area_kinds()[0]
