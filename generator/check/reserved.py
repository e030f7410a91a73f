"""Ids and former ids that would collide with a page, file or folder the generator writes itself.

`reserved_problems(records, docs)` reports, per record, an `id` or entry of `former_ids` that is one of the
names model/pagenames.py reserves in a folder where ids of its kind name pages (`angebote/alter.md` is the
list by age, so no offer may be called `alter`).
"""

from __future__ import annotations

from typing import Any

from ..core.problems import Problem
from ..model.pagenames import RESERVED, reserved_name


def _text(field: str, name: str, folder: str, what: str, kind_label: str) -> str:
    target = f"{folder}/{name}/" if name != "index" else f"{folder}/"
    others = ", ".join(sorted(RESERVED[folder]))
    return (
        f"{field}: „{name}“ ist ein reservierter Name – unter {target} erzeugt der Atlas selbst „{what}“; "
        f"{kind_label} mit dieser Kennung würde diese Seite überschreiben. Bitte eine andere Kennung wählen "
        f"(reserviert in {folder}/: {others}; Liste in docs/editors.md)"
    )


def reserved_problems(records: dict[str, dict[str, Any]], docs: dict[tuple[str, str], Any], labels: dict[str, str]) -> list[Problem]:
    """`records`: kind → id → record; `docs`: (kind, id) → document; `labels`: kind → German name („Angebot“)."""
    problems: list[Problem] = []
    for kind, table in records.items():
        label = f"ein Eintrag der Art {labels.get(kind, kind)}"
        for rid, record in table.items():
            doc = docs[(kind, rid)]
            clash = reserved_name(kind, rid)
            if clash is not None:
                problems.append(Problem(doc.display, doc.line(("id",)), _text("Kennung (id)", rid, *clash, label)))
            for index, old in enumerate(getattr(record, "former_ids", None) or []):
                clash = reserved_name(kind, old)
                if clash is not None:
                    problems.append(Problem(doc.display, doc.line(("former_ids", index)), _text("Frühere Kennung (former_ids)", old, *clash, label)))
    return problems
