"""`atlas diff` as German Markdown for a pull-request comment or a CI job summary.

Every value from the data is escaped (a `|`, `*`, `<` or `@` in a field must not change the comment),
shortened, and quoted „so“. Records that are not published appear only as a count.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..model.schema import KINDS
from .diff import Diff, FieldChange, RecordChange

MAX_ITEMS = 25  # per list; the rest is counted („und 40 weitere“)
MAX_VALUE = 80  # characters of a value before it is shortened with „…“
PRIVATE_LABELS = {
    "contacts": ("nicht veröffentlichter Kontakt", "nicht veröffentlichte Kontakte"),
    "networks": ("internes Netzwerk", "interne Netzwerke"),
}
_PUNCT = re.compile(r"([\\`*_\[\]<>#|~@&])")  # the rest of ASCII punctuation is harmless mid-line


def escape(text: str) -> str:
    """Plain text safe inside a Markdown line: every punctuation that Markdown or HTML could read is escaped."""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def code(text: str) -> str:
    """An id, path or address as inline code (escaped text when it holds a backtick or line break)."""
    return escape(text) if ("`" in text or "\n" in text or not text.strip()) else f"`{text}`"


def short(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(leer)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split())
    if len(text) > MAX_VALUE:
        text = text[: MAX_VALUE - 1].rstrip() + "…"
    return f"„{escape(text)}“"


def field_label(kind: str, key: str) -> str:
    top, _, rest = key.partition(".")
    model = KINDS[kind].model if kind in KINDS else None
    info = model.model_fields.get(top) if model is not None else None
    label = f"{info.title} ({top})" if info is not None and info.title else escape(top)  # titles: our own German text
    return f"{label} › {escape(rest)}" if rest else label


def field_line(kind: str, change: FieldChange) -> str:
    label = field_label(kind, change.key)
    if change.added or change.removed:
        parts = [f"+ {short(v)}" for v in change.added] + [f"− {short(v)}" for v in change.removed]
        return f"  - {label}: {', '.join(parts)}"
    return f"  - {label}: {short(change.old)} → {short(change.new)}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def capped(lines: list[str], more: str = "weitere") -> list[str]:
    if len(lines) <= MAX_ITEMS:
        return lines
    return lines[:MAX_ITEMS] + [f"- … und {len(lines) - MAX_ITEMS} {more}"]


def summary(diff: Diff) -> str:
    if diff.empty:
        return "Keine Änderungen für die Öffentlichkeit."
    records = diff.records
    count = {s: sum(1 for r in records if r.status == s) for s in ("neu", "entfernt", "geändert", "umbenannt")}
    hidden = sum(diff.private.values())
    parts = []
    if diff.pages_note:
        parts.append("Seiten nicht verglichen")
    else:
        parts.append(f"{plural(len(diff.pages_added), 'Seite', 'Seiten')} neu, {len(diff.pages_removed)} entfernt, {len(diff.pages_changed)} geändert")
    rec = f"{plural(count['neu'], 'Datensatz', 'Datensätze')} neu, {count['entfernt']} entfernt, {count['geändert']} geändert"
    if count["umbenannt"]:
        rec += f", {count['umbenannt']} umbenannt"
    if hidden:
        rec += f" (dazu {hidden} nicht öffentlich)"
    parts.append(rec)
    return "; ".join(parts)


def _record_block(change: RecordChange) -> list[str]:
    name = f"{escape(change.name)} ({code(change.id)})" if change.name else code(change.id)
    if change.status == "umbenannt":
        head = f"- umbenannt: {code(change.old_id)} → {name}"
    else:
        head = f"- {change.status}: {name}"
    return [head] + [field_line(change.kind, f) for f in change.fields[:MAX_ITEMS]] + (
        [f"  - … und {len(change.fields) - MAX_ITEMS} weitere Felder"] if len(change.fields) > MAX_ITEMS else []
    )


def _records_section(diff: Diff) -> list[str]:
    lines: list[str] = []
    for kind, spec in KINDS.items():
        changes = [r for r in diff.records if r.kind == kind]
        hidden = {status: n for (k, status), n in sorted(diff.private.items()) if k == kind}
        if not changes and not hidden:
            continue
        lines += ["", f"**{escape(spec.label)}** (`{spec.folder}/`)", ""]
        order = {"neu": 0, "umbenannt": 1, "geändert": 2, "entfernt": 3}
        blocks = [_record_block(c) for c in sorted(changes, key=lambda c: (order[c.status], c.id))]
        shown = blocks[:MAX_ITEMS]
        lines += [line for block in shown for line in block]
        if len(blocks) > MAX_ITEMS:
            lines.append(f"- … und {len(blocks) - MAX_ITEMS} weitere")
        one, many = PRIVATE_LABELS.get(kind, ("nicht öffentlicher Datensatz", "nicht öffentliche Datensätze"))
        for status, n in hidden.items():
            lines.append(f"- {plural(n, one, many)} {status} (Inhalt wird hier nicht gezeigt)")
    for change in diff.settings:
        lines += ["", f"**{escape(change.name)}** ({code(change.id)})", ""]
        fields = [field_line("", f) for f in change.fields]
        lines += capped(fields) if fields else ["- geändert"]
    if diff.values:
        lines += ["", "**Kennzahl-Werte**", ""]
        lines += capped([f"- {code(name)}: {plural(added, 'Zeile', 'Zeilen')} neu, {removed} entfernt" for name, added, removed in diff.values])
    return lines


def _pages_section(diff: Diff) -> list[str]:
    if diff.pages_note:
        return ["", diff.pages_note]
    lines: list[str] = []
    for title, urls in (("Neue Seiten", diff.pages_added), ("Entfernte Seiten", diff.pages_removed), ("Geänderte Seiten", diff.pages_changed)):
        if urls:
            lines += ["", f"**{title}** ({len(urls)})", ""] + capped([f"- {code(url)}" for url in urls])
    if diff.other_files_changed:
        lines += ["", f"Außerdem {plural(diff.other_files_changed, 'weitere Datei', 'weitere Dateien')} (Karten, Downloads, vCards) neu, entfernt oder geändert."]
    return lines


def markdown(diff: Diff, title: str = "Was sich für die Öffentlichkeit ändert") -> str:
    """The whole report; ends with a newline."""
    lines = [f"## {title}", "", summary(diff)]
    if diff.new_problems:
        lines += ["", f"⚠️ Der neue Stand hat {plural(diff.new_problems, 'Problem', 'Probleme')}; `atlas check` zeigt sie mit Datei und Zeile."]
    if not diff.empty:
        records = _records_section(diff)
        if records:
            lines += ["", "### Datensätze"] + records
        lines += ["", "### Seiten"] + (_pages_section(diff) or ["", "Keine Seite ändert sich."])
    return "\n".join(lines) + "\n"
