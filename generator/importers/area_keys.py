"""Official keys → areas of the atlas, for importing statistical-office tables.

`AreaIndex(atlas).locate(cell)` reads a key as statistical offices write it (Kreisschlüssel, AGS,
Amt/Verband keys, 12-digit ARS; a leading zero dropped by a spreadsheet restored) and says what it is:
an area of the atlas, a member municipality of an Amt, somewhere else, or no key at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.atlas import Atlas
from .statoffice_table import key_digits


@dataclass(frozen=True)
class Place:
    kind: str  # area | member | other | outside | invalid
    area: str = ""  # atlas id (area) or the Amt's id (member)
    label: str = ""
    member: str = ""  # member AGS


class AreaIndex:
    """Official keys of the atlas: Kreisschlüssel, AGS of towns and municipalities, Amt keys, members' AGS."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self.district = atlas.district
        self.units = {m.key: m for m in atlas.municipalities.values()}
        # members without an AGS (Stadtteile, Ortsteile, Planungsräume) have no official key to match
        self.members = {g.ags: (m, g) for m in atlas.municipalities.values() for g in m.members if g.ags}
        self.zero = atlas.district.key.startswith("0")

    def normalize(self, digits: str) -> str:
        """Restore the leading zero that spreadsheet programs drop (only Länder 01–09 have one)."""
        if len(digits) in (1, 4, 7, 11) or (len(digits) == 8 and self.zero and not digits.startswith("0")):
            return "0" + digits
        return digits

    def locate(self, cell: str) -> Place:
        digits = key_digits(cell)
        if cell.strip().upper() == "DG":
            return Place("other", label="Deutschland")
        if digits is None or len(digits) in (6, 10) or len(digits) > 12:
            return Place("invalid", label=cell.strip())
        key = self.normalize(digits)
        if len(key) == 12:  # ARS: Land, Bezirk, Kreis (5) · Verband (4) · Gemeinde (3)
            key = key[:5] if key[5:] == "0000000" else key[:9] if key[9:] == "000" else key[:5] + key[9:]
        district = self.district
        if len(key) == 2:
            return Place("other", label=f"Land {key}")
        if len(key) == 3:
            return Place("other", label=f"Regierungsbezirk {key}")
        if key == district.key or key == district.key + "000":
            return Place("area", district.id, district.name)
        if key in self.units:
            unit = self.units[key]
            return Place("area", unit.id, unit.name)
        if key in self.members:
            amt, member = self.members[key]
            return Place("member", amt.id, member.name, key)
        if key.startswith(district.key):
            return Place("outside", label=key)
        return Place("other", label=f"Kreis {key[:5]}" if len(key) > 5 else f"Kreis {key}")
