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


def key_problems(district: District | None, district_doc: Document | None, docs: list[tuple[str, Document]]) -> list[Problem]:
    """Unit keys (`key`) and member keys (`members[].ags`) that do not begin with the district's key."""
    if district is None:
        return []  # a broken district.yaml is reported by the schema check
    prefix = district.key
    origin = f"{district_doc.display}:{district_doc.line(('key',))}" if district_doc is not None else DISTRICT_FILE
    area = f"dem {area_key_name(prefix)} „{prefix}“ ({origin})"
    problems: list[Problem] = []

    def check(doc: Document, loc: tuple, field: str, title: str | None, value: object) -> None:
        if isinstance(value, str) and value.isdigit() and not value.startswith(prefix):
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
        check(doc, ("key",), "key", unit_title, doc.data.get("key"))
        members = doc.data.get("members")
        for index, member in enumerate(members if isinstance(members, list) else []):
            if isinstance(member, dict):
                check(doc, ("members", index, "ags"), f"members[{index + 1}].ags", member_title, member.get("ags"))
    return problems


def unit_type_problems(vocabularies: Vocabularies | None, docs: list[tuple[str, Document]]) -> list[Problem]:
    """Key length and member municipalities of each unit as its type (vocabulary `unit_types`) says.

    Unknown types are reported by the vocabulary check; a broken vocabularies.yaml by the schema check."""
    if vocabularies is None:
        return []
    types = {t.id: t for t in vocabularies.unit_types}
    with_members = ", ".join(t.plural for t in vocabularies.unit_types if t.members)
    problems: list[Problem] = []
    for kind, doc in docs:
        if kind != UNIT_KIND or not isinstance(doc.data, dict) or doc.data.get("type") not in types:
            continue
        kind_of = types[doc.data["type"]]
        key, members = doc.data.get("key"), doc.data.get("members")
        a = kind_of.a[0].upper() + kind_of.a[1:]  # „Eine Samtgemeinde“, „Ein Amt“
        if kind_of.members and not members:
            their = "ihrer" if kind_of.article == "die" else "seiner"
            problems.append(Problem(doc.display, doc.line(("type",)), f"{a} braucht die Liste {their} Gemeinden (members)"))
        if not kind_of.members and members:
            problems.append(Problem(
                doc.display, doc.line(("members",)),
                f"Feld „members“: {a} hat keine Mitgliedsgemeinden; members gibt es nur bei Arten mit Mitgliedsgemeinden ({with_members})",
            ))
        digits = kind_of.key_digits
        if digits is not None and isinstance(key, str) and not (key.isdigit() and len(key) == digits):
            wanted = "achtstelligen Amtlichen Gemeindeschlüssel (AGS)" if digits == 8 else "neunstelligen Schlüssel"
            problems.append(Problem(doc.display, doc.line(("key",)), f"Feld „key“: {a} ({doc.data['type']}) hat einen {wanted}, nicht „{key}“"))
    return problems
