"""Official keys inside the atlas' area: every unit key and member AGS begins with the district's key.

A municipality key (AGS, 8 digits), an association key (9 digits) or a regional key (ARS, 12 digits) begins
with the key of its Land (2 digits) and district (5 digits). A unit whose key begins otherwise belongs to
another district – usually a typing error or a record copied from another atlas. The check reads the files
as written, so records that failed the schema for other reasons are checked too; keys that are not digits
are left to the schema check.
"""

from __future__ import annotations

from ..core.problems import Problem
from ..load.files import Document
from ..model.schema import DISTRICT_FILE, District, MemberMunicipality, Municipality, Vocabularies

# length of the area's key → its name (a Land-level atlas has a 2-digit key, a district's is 5 digits)
KEY_NAMES = {2: "Landesschlüssel", 3: "Regierungsbezirksschlüssel", 5: "Kreisschlüssel"}
UNIT_KIND = "municipalities"


def area_key_name(key: str) -> str:
    """German name of the atlas' area key by its length."""
    return KEY_NAMES.get(len(key), "Gebietsschlüssel")


def area_label(key: str) -> str:
    """The atlas' area by its key: `Kreis 12069`, `Land 12`."""
    return {2: "Land", 3: "Regierungsbezirk", 5: "Kreis"}.get(len(key), "Gebiet") + f" {key}"


OFFICIAL_LENGTHS = (8, 9, 12)  # AGS, key of an association of municipalities, ARS


def official(value: object, digits: int | None) -> bool:
    """A key in official form: all digits, and of a kind with an official key or of an official length.
    Own keys of Sozialräume and city quarters („3“, „03“, „1.2“) begin as they like."""
    return isinstance(value, str) and value.isdigit() and (digits is not None or len(value) in OFFICIAL_LENGTHS)


def key_problems(district: District | None, district_doc: Document | None, docs: list[tuple[str, Document]],
                 key_digits: dict[str, int | None] | None = None) -> list[Problem]:
    """Unit keys (`key`) and member keys (`members[].ags`) that do not begin with the district's key.

    `key_digits` (kind id → digits of its key, from the vocabulary unit_types) tells official keys from own keys:
    a unit of a kind without an official key is checked only when its key has an official length."""
    if district is None:
        return []  # a broken district.yaml is reported by the schema check
    prefix = district.key
    origin = f"{district_doc.display}:{district_doc.line(('key',))}" if district_doc is not None else DISTRICT_FILE
    area = f"dem {area_key_name(prefix)} „{prefix}“ ({origin})"
    problems: list[Problem] = []

    def check(doc: Document, loc: tuple, field: str, title: str | None, value: object, digits: int | None = 8) -> None:
        if official(value, digits) and isinstance(value, str) and not value.startswith(prefix):
            problems.append(
                Problem(
                    doc.display,
                    doc.line(loc),
                    f"Feld „{field}“ ({title}): Der Schlüssel „{value}“ liegt nicht im Gebiet des Atlas – er beginnt "
                    f"mit „{value[:len(prefix)]}“, nicht mit {area}; stammt der Eintrag aus einem anderen Kreis?",
                )
            )

    unit_title = Municipality.model_fields["key"].title
    member_title = MemberMunicipality.model_fields["ags"].title
    for kind, doc in docs:
        if kind != UNIT_KIND or not isinstance(doc.data, dict):
            continue
        kind = doc.data.get("type")
        digits = (key_digits or {}).get(kind, 8) if isinstance(kind, str) else 8  # unknown kinds: as official
        check(doc, ("key",), "key", unit_title, doc.data.get("key"), digits)
        members = doc.data.get("members")
        for index, member in enumerate(members if isinstance(members, list) else []):
            if isinstance(member, dict):
                check(doc, ("members", index, "ags"), f"members[{index + 1}].ags", member_title, member.get("ags"))
    return problems


def unit_type_problems(vocabularies: Vocabularies | None, docs: list[tuple[str, Document]]) -> list[Problem]:
    """Key length and members of each unit as its type (vocabulary `unit_types`) says, and each member as its own type
    says: a municipality (Gemeinde, Stadt, Markt …) needs its AGS; a city quarter (Stadtteil, Ortsteil, Planungsraum)
    needs none; an association (Amt, Samtgemeinde …) or a Sozialraum cannot be a member.

    Unknown types are reported by the vocabulary check; a broken vocabularies.yaml by the schema check."""
    if vocabularies is None:
        return []
    types = {t.id: t for t in vocabularies.unit_types}
    with_members = ", ".join(t.plural for t in vocabularies.unit_types if t.members)
    problems: list[Problem] = []
    for kind, doc in docs:
        if kind != UNIT_KIND or not isinstance(doc.data, dict):
            continue
        members = doc.data.get("members")
        problems += member_problems(doc, types, members if isinstance(members, list) else [])
        if not isinstance(doc.data.get("type"), str) or doc.data["type"] not in types:
            continue  # a list or mapping as type is reported by the schema check
        kind_of = types[doc.data["type"]]
        key = doc.data.get("key")
        a = kind_of.a[0].upper() + kind_of.a[1:]  # „Eine Samtgemeinde“, „Ein Amt“
        if kind_of.members and not members:
            their = "ihrer" if kind_of.article == "die" else "seiner"
            parts = "Gemeinden" if kind_of.key_digits else "Gemeinden oder Stadtteile"
            problems.append(Problem(doc.display, doc.line(("type",)), f"{a} braucht die Liste {their} {parts} (members)"))
        if not kind_of.members and members:
            problems.append(Problem(
                doc.display, doc.line(("members",)),
                f"Feld „members“: {a} hat keine Mitgliedsgemeinden; members gibt es nur bei Arten mit Mitgliedern ({with_members})",
            ))
        digits = kind_of.key_digits
        if digits is not None and isinstance(key, str) and not (key.isdigit() and len(key) == digits):
            wanted = "achtstelligen Amtlichen Gemeindeschlüssel (AGS)" if digits == 8 else "neunstelligen Schlüssel"
            problems.append(Problem(doc.display, doc.line(("key",)), f"Feld „key“: {a} ({doc.data['type']}) hat einen {wanted}, nicht „{key}“"))
    return problems


def member_problems(doc: Document, types: dict, members: list) -> list[Problem]:
    """Each member as its type says (default gemeinde); unknown types are left to the vocabulary check."""
    problems: list[Problem] = []
    for index, member in enumerate(members):
        if not isinstance(member, dict):
            continue
        type_id = member.get("type", "gemeinde")
        kind_of = types.get(type_id) if isinstance(type_id, str) else None
        if kind_of is None:
            continue
        where = f"Feld „members[{index + 1}]“ („{member.get('name', '')}“, Art {type_id})"
        if kind_of.members or kind_of.key_digits == 9:
            problems.append(Problem(doc.display, doc.line(("members", index, "type")),
                                    f"{where}: {kind_of.a} kann kein Mitglied sein; Mitglieder sind Gemeinden, Städte oder Stadtteile, Ortsteile, Planungsräume"))
        elif kind_of.municipal and not member.get("ags"):
            problems.append(Problem(doc.display, doc.line(("members", index)),
                                    f"{where}: Der achtstellige Amtliche Gemeindeschlüssel (ags) fehlt; {kind_of.a} braucht ihn. "
                                    "Ist es ein Stadtteil ohne AGS, dann „type: stadtteil“ (oder ortsteil, planungsraum) eintragen"))
    return problems
