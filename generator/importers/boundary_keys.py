"""Matching the features of an official boundary file to the atlas units by their own keys (`atlas import-boundaries`).

A feature matches a unit only through the key of the feature itself, at the unit's level:

* a Stadt or amtsfreie Gemeinde (8-digit AGS) ← the feature with that AGS, or with a 12-digit ARS
  whose AGS part (`ARS[0:5] + ARS[9:12]`) matches, or with a 9-digit ARS of a verbandsfreie Gemeinde
  (`ARS[5] == "0"`, AGS = `ARS[0:5] + ARS[6:9]`);
* an Amt or other Gemeindeverband (9-digit key) ← the feature with that ARS (9 digits, or 12 ending in
  `000`), or the union of its member Gemeinden (`members[].ags`) when the file is a Gemeinde layer.

Seat keys (VG250/VG5000 `SDV_ARS`, `SDV_RS`: the key of the municipality where the administration sits)
never match: the district's polygon would become the unit of its seat. Keys of another level (a Kreis,
a Land) match nothing; when no unit matches, the message names the key column, what it holds (by
level, with examples) and which unit keys were expected. Features inside the district that match no
unit are reported, never assigned.

The key column is found by its values (the column that matches most units; ties in the order of
`KEY_PREFERENCE`), or given with `--key`. Every failure raises `ImportFailed` with German messages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..check.keys import area_key_name
from ..core.formatting import fmt_number, plural
from .geofile import GeoFile, SourceFeature

KEY_PREFERENCE = ("ARS", "AGS", "RS", "ARS_0", "AGS_0", "RS_0", "GKZ", "GEM_SCHL", "SCHLUESSEL")
SEAT_PREFIX = "SDV"  # VG250/VG5000 „Sitz der Verwaltung“: the seat municipality's key, not the area's
# level of a key → its name in messages („3 Schlüssel der Ebene Gemeinde“)
LEVELS = {"land": "Land", "bezirk": "Regierungsbezirk", "kreis": "Kreis", "verband": "Gemeindeverband", "gemeinde": "Gemeinde"}
ABOVE_UNITS = ("land", "bezirk", "kreis")


class ImportFailed(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def is_seat_column(name: str) -> bool:
    return name.upper().startswith(SEAT_PREFIX)


def _digits(value: Any) -> str | None:
    """A key as digits (integers get back the leading zero of Länder 01–09), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text.isdigit():
        return None
    return "0" + text if len(text) in (1, 4, 7, 11) else text


def normalise(value: Any) -> str | None:
    """A key of a Gemeinde or Gemeindeverband (8, 9 or 12 digits), or None."""
    text = _digits(value)
    return text if text is not None and len(text) in (8, 9, 12) else None


def any_key(value: Any) -> str | None:
    """An official key of any level (Land 2, Regierungsbezirk 3, Kreis 5, Gemeinde 8, Verband 9, ARS 12 digits), or None."""
    text = _digits(value)
    return text if text is not None and len(text) in (2, 3, 5, 8, 9, 12) else None


def level(key: str) -> str:
    """The level a key stands for: land, bezirk, kreis, verband or gemeinde."""
    if len(key) == 12 and key[5:] == "0000000":
        key = key[:5]
    elif len(key) == 12 and key[9:] == "000":
        return "verband"
    return {2: "land", 3: "bezirk", 5: "kreis", 9: "verband"}.get(len(key), "gemeinde")


def derived(key: str) -> tuple[str | None, str | None]:
    """(8-digit AGS, 9-digit Verband ARS) a key stands for, as far as it tells."""
    if len(key) == 8:
        return key, None
    if len(key) == 12:
        if key[9:] == "000" and key[5:9] != "0000":  # ARS of a Gemeindeverband, filled up to 12 digits
            return derived(key[:9])
        return key[:5] + key[9:], None
    return (key[:5] + key[6:] if key[5] == "0" else None), key


def feature_name(feature: SourceFeature) -> str:
    for key in ("GEN", "NAME", "name"):
        if feature.properties.get(key):
            return str(feature.properties[key])
    return f"Nr. {feature.number}"


@dataclass
class Matching:
    prop: str
    units: dict[str, list[SourceFeature]]
    joined: list[str]
    missing: list[str]
    outside: int
    unassigned: list[SourceFeature]


def match(atlas: Any, features: list[SourceFeature], prop: str) -> Matching:
    district = atlas.district.key
    by_ags: dict[str, list[SourceFeature]] = defaultdict(list)
    by_verband: dict[str, list[SourceFeature]] = defaultdict(list)
    outside = 0
    inside: list[SourceFeature] = []
    for feature in features:
        key = normalise(feature.properties.get(prop))
        if key is None or not key.startswith(district):
            other = any_key(feature.properties.get(prop))
            if other is not None and other.startswith(district):  # inside, but another level (the district itself)
                inside.append(feature)
            else:
                outside += 1
            continue
        inside.append(feature)
        ags, verband = derived(key)
        if ags:
            by_ags[ags].append(feature)
        if verband:
            by_verband[verband].append(feature)
    units: dict[str, list[SourceFeature]] = {}
    joined: list[str] = []
    missing: list[str] = []
    for unit in atlas.municipalities.values():
        if len(unit.key) == 9 and unit.key in by_verband:
            units[unit.id] = by_verband[unit.key]
        elif len(unit.key) == 8 and unit.key in by_ags:
            units[unit.id] = by_ags[unit.key]
        elif unit.members and any(m.ags in by_ags for m in unit.members):
            gaps = [m for m in unit.members if m.ags not in by_ags]
            for m in gaps:
                missing.append(f"{unit.name} ({unit.key}): die Gemeinde „{m.name}“ (AGS {m.ags}) fehlt in der Datei" if m.ags else
                               f"{unit.name} ({unit.key}): „{m.name}“ hat keinen AGS und passt zu keiner Fläche der Datei")
            if not gaps:
                units[unit.id] = [f for m in unit.members for f in by_ags[m.ags]]
                joined.append(unit.name)
        else:
            missing.append(f"Für den Sozialraum „{unit.name}“ ({unit.id}, Schlüssel {unit.key}) gibt es kein Gebiet in der Datei")
    used = {id(f) for feats in units.values() for f in feats}
    unassigned = [f for f in inside if id(f) not in used]
    return Matching(prop, units, joined, missing, outside, unassigned)


def _columns_with(features: list[SourceFeature], looks_like_key: Callable[[Any], object]) -> list[str]:
    """Properties (no seat keys) whose values pass `looks_like_key` in at least half of the features."""
    counts: dict[str, int] = defaultdict(int)
    for feature in features:
        for name, value in feature.properties.items():
            if not is_seat_column(name) and looks_like_key(value) is not None:
                counts[name] += 1
    return [name for name, n in counts.items() if n * 2 >= len(features)]


def _preferred_first(names: list[str]) -> list[str]:
    order = {name: i for i, name in enumerate(KEY_PREFERENCE)}
    return sorted(names, key=lambda n: (order.get(n.upper(), len(order)), n))


def candidates(features: list[SourceFeature]) -> list[str]:
    """Properties whose values look like keys of Gemeinden or Verbände in most features, preferred ones first (no seat keys)."""
    return _preferred_first(_columns_with(features, normalise))


def key_columns(features: list[SourceFeature]) -> list[str]:
    """Properties (no seat keys) holding official keys of any level in most features, preferred ones first."""
    found = _columns_with(features, any_key)
    known = [n for n in found if n.upper() in KEY_PREFERENCE]  # not codes such as VG250's IBZ when key columns are there
    return _preferred_first(known or found)


def describe(features: list[SourceFeature], prop: str) -> tuple[str, set[str]]:
    """What a column holds, by level with up to three examples, and the levels found."""
    groups: dict[str, list[str]] = defaultdict(list)
    for feature in features:
        key = any_key(feature.properties.get(prop))
        if key is not None:
            groups[level(key)].append(f"{key} („{feature_name(feature)}“)")
    parts = [f"{plural(len(groups[name]), 'Schlüssel', 'Schlüssel')} der Ebene {label}: {examples(sorted(groups[name]))}"
             for name, label in LEVELS.items() if name in groups]
    return (", ".join(parts) if parts else "keine amtlichen Schlüssel"), set(groups)


def examples(items: list[str]) -> str:
    """Up to three items, then how many more: `a, b, c und 16 weitere`."""
    shown = ", ".join(items[:3])
    return shown if len(items) <= 3 else f"{shown} und {fmt_number(len(items) - 3)} weitere"


def expected(atlas: Any) -> str:
    """The unit keys the file should hold: count and the first three."""
    units = sorted(atlas.municipalities.values(), key=lambda u: u.key)
    shown = examples([f"{u.key} („{u.name}“)" for u in units])
    if len(units) == 1:
        return f"erwartet wird der Schlüssel des Sozialraums: {shown}"
    return f"erwartet werden die Schlüssel der {fmt_number(len(units))} Sozialräume (Gemeinden und Gemeindeverbände mit 8 oder 9 Ziffern): {shown}"


def nothing_matches(atlas: Any, geo: GeoFile, props: list[str]) -> str:
    """Message when no feature's own key matches a unit: the columns and what they hold, and what was expected."""
    district = atlas.district
    found, levels = [], set()
    for prop in props:
        text, seen = describe(geo.features, prop)
        found.append(f"Spalte „{prop}“ enthält {text}")
        levels |= seen
    inside = [f for p in props for f in geo.features if (k := any_key(f.properties.get(p))) and k.startswith(district.key)]
    text = (f"{geo.name}: kein Gebiet der Datei passt über seinen eigenen Schlüssel zu einem Sozialraum von „{district.name}“ "
            f"({area_key_name(district.key)} {district.key}). " + "; ".join(found) + f"; {expected(atlas)}.")
    if levels & set(ABOVE_UNITS) and not levels - set(ABOVE_UNITS):
        return text + (" Die Datei enthält Gebiete oberhalb der Gemeinden; bitte die Ebene der Gemeinden (z. B. VG250_GEM) "
                       "oder der Verwaltungsgemeinschaften (z. B. VG250_VWG) einlesen.")
    if not inside:
        return text + f" Kein Schlüssel beginnt mit {district.key} – passt die Datei zum Atlas in diesem Datenordner?"
    return text


def choose(atlas: Any, geo: GeoFile, key: str | None) -> Matching:
    features = geo.features
    names = sorted({n for f in features for n in f.properties})
    if key:
        if not any(key in f.properties for f in features):
            raise ImportFailed([f"{geo.name}: es gibt keine Spalte (Eigenschaft) „{key}“; vorhanden sind: {', '.join(names) or 'keine'}"])
        if is_seat_column(key):
            raise ImportFailed([
                f"{geo.name}: die Spalte „{key}“ enthält den Schlüssel des Verwaltungssitzes (SDV), nicht den des Gebiets; "
                f"ein Gebiet wird nur über seinen eigenen Schlüssel einem Sozialraum zugeordnet (z. B. --key ARS oder --key AGS)"
            ])
        props = [key]
    else:
        props = candidates(features)
        if not props:
            levels = key_columns(features)
            if levels:
                raise ImportFailed([nothing_matches(atlas, geo, levels)])
            raise ImportFailed([f"{geo.name}: keine Spalte mit amtlichen Schlüsseln (AGS mit 8, ARS mit 9 oder 12 Ziffern) gefunden; "
                                f"vorhanden sind: {', '.join(names) or 'keine'}"])
    results = [match(atlas, features, p) for p in props]
    best = max(results, key=lambda m: len(m.units))  # first of the best: preference order
    total = len(atlas.municipalities)
    if len(best.units) == total:
        return best
    if not best.units:
        raise ImportFailed([nothing_matches(atlas, geo, props)])
    messages = list(best.missing)
    if len(props) > 1:
        tried = ", ".join(f"{m.prop} ({len(m.units)} von {total})" for m in results)
        messages.append(f"{geo.name}: geprüfte Schlüsselspalten: {tried}; mit --key SPALTE lässt sich eine festlegen")
    raise ImportFailed(messages)
