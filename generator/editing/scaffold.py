"""`atlas new KIND "Name"`: a new record file with its id, every required field and German comments.

The file is a form to fill in: required fields stand there with a `# Pflicht:` comment and an empty
value (except id, the name and what was given on the command line), so `atlas check` names every field
still to be filled, with its line; optional fields are commented out with their help text. The first
line points VS Code to the JSON Schema (`atlas schema`). Nothing is ever overwritten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from ..check.messages import submodel
from ..core.names import slug
from ..core.problems import display_path
from ..load.files import load_yaml
from ..model.pagenames import reserved_name
from ..model.schema import KINDS, Record, merged_unit_types
from .jsonschema import SCHEMA_DIR, read_vocabularies

# German words editors may type → kind (the folder names work as well)
ALIASES = {
    "region": "regions", "planungsregion": "regions",
    "sozialraum": "municipalities", "gemeinde": "municipalities", "amt": "municipalities", "stadt": "municipalities",
    "organisation": "organisations", "traeger": "organisations", "träger": "organisations",
    "kontakt": "contacts", "ansprechperson": "contacts",
    "familienzentrum": "family_centres",
    "angebot": "offers",
    "netzwerk": "networks", "gremium": "networks",
    "kennzahl": "indicators",
    "ziel": "targets",
    "konferenz": "conferences", "sozialraumkonferenz": "conferences",
    "lebenslage": "lebenslagen", "leistung": "leistungen",
    "termin": "events", "veranstaltung": "events", "events": "events",
}
# every built-in kind of unit works as well: `atlas new samtgemeinde …`
ALIASES.update({t.id.replace("-", "_"): "municipalities" for t in merged_unit_types([]) if t.id.replace("-", "_") not in ALIASES})
NAME_FIELDS = ("name", "title", "role", "label")  # the field that takes "Name": the first required one, in this order


class ScaffoldError(Exception):
    """German message; nothing was written."""


def resolve_kind(word: str) -> str:
    key = word.strip().lower().replace("-", "_")
    if key in KINDS:
        return key
    if key in ALIASES:
        return ALIASES[key]
    raise ScaffoldError(f"Unbekannte Art „{word}“; möglich sind: {kind_list()}")


def kind_list() -> str:
    by_kind: dict[str, list[str]] = {}
    for alias, kind in ALIASES.items():
        if alias.isascii():
            by_kind.setdefault(kind, []).append(alias)
    return "; ".join(f"{KINDS[k].label}: {', '.join(by_kind.get(k, [])[:2] + [k])}" for k in KINDS)


def name_field(model: type[Record]) -> str:
    """The field the NAME of `atlas new` goes into: a required one, so a contact's NAME is its role (`role`),
    never the optional name of a person, which needs the person's consent."""
    fields = model.model_fields
    required = [f for f in NAME_FIELDS if f in fields and fields[f].is_required()]
    return required[0] if required else next(f for f in NAME_FIELDS if f in fields)


# --------------------------------------------------------------------------------------------- text


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in get_args(annotation) if a is not type(None))


def _allowed(info: Any, vocab: dict[str, list[tuple[str, str]]]) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if "vocab" in extra and vocab.get(extra["vocab"]):
        return " Erlaubt: " + ", ".join(i for i, _ in vocab[extra["vocab"]])
    return ""


def _fields(model: type[BaseModel], filled: dict[str, Any], vocab: dict, indent: str = "") -> list[str]:
    lines: list[str] = []
    fields = model.model_fields
    order = sorted(fields, key=lambda f: (f not in filled and not fields[f].is_required(), f not in ("id", *NAME_FIELDS)))
    for name in order:
        info = fields[name]
        required = info.is_required()
        help_text = f"{info.title}: {info.description}{_allowed(info, vocab)}"
        sub = submodel(info.annotation)
        many = _is_list(info.annotation)
        if name in filled:
            lines.append(f"{indent}# {'Pflicht – ' if required else ''}{help_text}")
            value = _scalar(filled[name])
            lines.append(f"{indent}{name}: [{value}]" if many else f"{indent}{name}: {value}")
            continue
        if required:
            lines.append(f"{indent}# Pflicht – {help_text}")
            if sub is not None and not many:
                lines.append(f"{indent}{name}:")
                lines += _fields(sub, {}, vocab, indent + "  ")
            else:
                lines.append(f"{indent}{name}:")
            continue
        if sub is not None:
            parts = ", ".join(sub.model_fields)
            help_text += f" ({'Liste; je Eintrag' if many else 'Unterfelder'}: {parts})"
        elif many:
            help_text += " (Liste: [eintrag-1, eintrag-2])"
        lines.append(f"{indent}# {help_text}")
        lines.append(f"{indent}# {name}:")
    return lines


def scaffold_text(kind: str, record_id: str, name: str, data_dir: Path | None = None, municipality: str | None = None) -> str:
    """The text of a new record file of `kind` (vocabulary ids from data_dir, if given)."""
    spec = KINDS[kind]
    vocab = read_vocabularies(data_dir)[0] if data_dir is not None else {}
    filled: dict[str, Any] = {"id": record_id, name_field(spec.model): name}
    if municipality:
        for field in ("municipality", "municipalities"):
            if field in spec.model.model_fields:
                filled[field] = municipality
    head = [
        f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{kind}.schema.json",
        f"# {spec.label} – angelegt mit „atlas new“.",
        "# Felder mit „Pflicht“ ausfüllen (Wert hinter den Doppelpunkt); `atlas check` meldet, was noch fehlt.",
        "# Optionale Felder: „# “ vor dem Feldnamen entfernen und ausfüllen, sonst stehen lassen oder löschen.",
        "",
    ]
    required_first = _fields(spec.model, filled, vocab)
    return "\n".join(head + required_first) + "\n"


# --------------------------------------------------------------------------------------------- command


def used_ids(folder: Path) -> dict[str, Path]:
    """Ids in use in one record folder: file names, `id` values and `former_ids` (if a record has them)."""
    used: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        used.setdefault(path.stem, path)
        doc, _ = load_yaml(path, display_path(path))
        if isinstance(doc.data, dict):
            values = [doc.data.get("id")] + (doc.data.get("former_ids") if isinstance(doc.data.get("former_ids"), list) else [])
            for value in values:
                if isinstance(value, str):
                    used.setdefault(value, path)
    return used


def new_record(data_dir: Path, kind_word: str, name: str, municipality: str | None = None, record_id: str | None = None) -> Path:
    """Write data/<folder>/<id>.yaml; raises ScaffoldError (German) and writes nothing when that is not possible."""
    kind = resolve_kind(kind_word)
    if not Path(data_dir).is_dir():
        raise ScaffoldError(f"Datenordner {display_path(Path(data_dir))} nicht gefunden")
    if not name.strip():
        raise ScaffoldError("Der Name darf nicht leer sein")
    new_id = record_id or slug(name)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", new_id):
        raise ScaffoldError(f"Aus „{name}“ lässt sich keine Kennung bilden; bitte mit --id angeben (Kleinbuchstaben, Ziffern, Bindestriche)")
    if municipality and not (Path(data_dir) / "municipalities" / f"{municipality}.yaml").exists():
        raise ScaffoldError(f"Sozialraum „{municipality}“ gibt es nicht (keine Datei municipalities/{municipality}.yaml)")
    folder = Path(data_dir) / KINDS[kind].folder
    path = folder / f"{new_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{display_path(path)} gibt es schon; es wurde nichts überschrieben. Bitte die Datei bearbeiten oder einen anderen Namen bzw. --id wählen")
    clash = reserved_name(kind, new_id)
    if clash is not None:
        raise ScaffoldError(f"„{new_id}“ ist ein reservierter Name (unter {clash[0]}/ steht „{clash[1]}“); es wurde nichts geschrieben. Bitte mit --id eine andere Kennung wählen")
    owner = used_ids(folder).get(new_id)
    if owner is not None:
        raise ScaffoldError(f"Die Kennung „{new_id}“ ist schon vergeben in {display_path(owner)}; es wurde nichts geschrieben. Bitte mit --id eine andere wählen")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(scaffold_text(kind, new_id, name.strip(), data_dir, municipality))
    return path


def run_new(data_dir: Path, kind_word: str, name: str, municipality: str | None, record_id: str | None) -> int:
    """`atlas new`: print what was written and what to do next, or the reason why not (exit 1)."""
    import sys

    try:
        path = new_record(data_dir, kind_word, name, municipality, record_id)
    except ScaffoldError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"Neu angelegt: {shown}")
    print(f"Nächste Schritte: die Pflichtfelder in {shown} ausfüllen, dann `atlas check` – es nennt jedes Feld, das noch fehlt.")
    return 0
