"""JSON Schema files for editors: completion and German help while typing YAML in VS Code.

`atlas schema` writes one JSON Schema (draft-07, the draft the VS Code YAML extension supports best)
per record kind, plus atlas.yaml, district.yaml and vocabularies.yaml, into `data/.schema/`, and a
`.vscode/settings.json` that maps each schema to its files. The schemas are per atlas: the allowed
values of vocabulary fields (topics, target groups …) come from that atlas's vocabularies.yaml, and
references to Sozialräume and regions suggest the ids that exist (as `examples`, not enforced). Other
record ids are not listed, so the schemas change only when vocabularies or Sozialräume change.

The schemas are generated from the pydantic models in schema.py (titles and descriptions are German
there) and post-processed here. Rule: the schema may be looser than `atlas check`, never stricter:

* Scalars: `atlas check` reads every YAML value as the text the editor wrote (load/files.py); VS Code reads
  YAML 1.2, where `key: 12069017` is a number. So text fields also accept numbers and true/false,
  number fields also accept numeric text, yes/no fields also accept the words pydantic accepts.
* Not expressed (only `atlas check` finds them): id equal to the file name, unique ids, references to
  existing records, rules between fields (a Kontakt needs email or phone, an Amt needs members and a
  nine-digit key, scope and lists, closing after opening time, overlapping hours), whitespace-only text.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..check.messages import submodel
from ..core.problems import Problem, display_path
from ..load.files import load_yaml
from ..model.schema import (
    CONFIG_FILE,
    DISTRICT_FILE,
    EMAIL_PATTERN,
    EVENT_TIME,
    KINDS,
    PHONE_PATTERN,
    TIME_PATTERN,
    VOCABULARIES_FILE,
    AtlasConfig,
    District,
    Municipality,
    Vocabularies,
    merged_unit_types,
)

STABLE_KINDS = ("municipalities", "regions")  # their ids are offered as completions
SCHEMA_DIR = ".schema"  # inside the data folder
DRAFT = "http://json-schema.org/draft-07/schema#"
# files that are not records: file name → (schema name, model, German label)
SINGLE_FILES = {
    CONFIG_FILE: ("atlas", AtlasConfig, "Einstellungen des Atlas"),
    DISTRICT_FILE: ("district", District, "Gebiet des Atlas (Kreis, Stadt oder Land)"),
    VOCABULARIES_FILE: ("vocabularies", Vocabularies, "Vokabulare"),
}


def _ci(word: str) -> str:
    """Case-insensitive regex for a word (JSON Schema regexes have no flags)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def _body(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


EMAIL = _body(EMAIL_PATTERN.pattern)
PHONE = _body(PHONE_PATTERN.pattern)
WEB = rf"{_ci('http')}[sS]?://[^/?# ]*\.[^ ]*"  # validator: http(s), a dot in the host, no space
# field formats that schema.py checks in field validators: (model name or "*", field) → regex
PATTERNS: dict[tuple[str, str], str] = {
    ("*", "email"): f"^{EMAIL}$",
    ("*", "phone"): f"^{PHONE}$",
    ("*", "website"): f"^{WEB}$",
    ("Indicator", "source_url"): f"^{WEB}$",
    ("AtlasConfig", "site_url"): f"^{WEB}$",
    ("AtlasConfig", "dcat_contributor_id"): f"^{WEB}$",
    ("Licence", "url"): f"^{WEB}$",
    ("Tiles", "url"): rf"^{_ci('https')}://[^/?# ]*\.[^ ]*$",
    ("AtlasConfig", "report_url"): rf"^({_ci('https')}://[^/?# ]*\.[^ ]*|{_ci('mailto')}:{EMAIL}(\?.*)?)$",
    ("Link", "url"): rf"^({WEB}|{_ci('mailto')}:{EMAIL}(\?.*)?|{_ci('tel')}:{PHONE})$",
    ("Benefit", "online_service"): f"^{WEB}$",
    ("Registration", "url"): f"^{WEB}$",
    # Termine (schema/events.py): the schema checks the form; the order of start and end and the rule's values only `atlas check`
    ("Event", "end_date"): r"^[0-9]{4}-[0-9]{2}-[0-9]{2}",
    ("Event", "end_time"): EVENT_TIME,
    ("Event", "rrule"): r"^([rR][rR][uU][lL][eE]:)?[A-Za-z]+=[^;]+(;[A-Za-z]+=[^;]+)*;?$",
    ("OpeningHours", "opens"): TIME_PATTERN.pattern,
    ("OpeningHours", "closes"): TIME_PATTERN.pattern,
}
FORMAT_NAMES = {"email": "E-Mail-Adresse", "phone": "Telefonnummer"}
NUMBER_TEXT = r"^\s*[-+]?([0-9][0-9_]*\.?[0-9_]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
INTEGER_TEXT = r"^\s*[-+]?[0-9][0-9_]*(\.0*)?\s*$"
BOOL_TEXT = "^(" + "|".join(_ci(w) for w in ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "0", "1")) + ")$"
DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"


def pattern_for(model: type[BaseModel], field: str) -> str | None:
    return PATTERNS.get((model.__name__, field)) or PATTERNS.get(("*", field))


def models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Class name → class of `model` and every model nested in it."""
    found: dict[str, type[BaseModel]] = {}
    todo = [model]
    while todo:
        current = todo.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        todo += [sub for info in current.model_fields.values() if (sub := submodel(info.annotation)) is not None]
    return found


# --------------------------------------------------------------------------------------------- vocabularies


def read_vocabularies(data_dir: Path) -> tuple[dict[str, list[tuple[str, str]]], list[Problem]]:
    """Vocabulary name → [(id, label)] from data/vocabularies.yaml (empty with problems when unreadable)."""
    path = Path(data_dir) / VOCABULARIES_FILE
    if not path.exists():
        return {}, [Problem(display_path(path), 1, f"Datei fehlt; jeder Atlas braucht {VOCABULARIES_FILE}")]
    doc, problems = load_yaml(path, display_path(path))
    if problems or not isinstance(doc.data, dict):
        return {}, problems or [Problem(doc.display, 1, "Die Datei muss aus Feldern der Form „feld: wert“ bestehen")]
    try:
        vocabularies = Vocabularies.model_validate(doc.data)
    except Exception:  # noqa: BLE001 – `atlas check` explains the details
        return {}, [Problem(doc.display, 1, "vocabularies.yaml ist fehlerhaft; bitte zuerst `atlas check` ausführen")]
    return {name: [(t.id, t.label) for t in getattr(vocabularies, name)] for name in Vocabularies.model_fields}, []


def unit_key_rules(data_dir: Path) -> list[dict]:
    """JSON Schema conditions for units: the key has as many digits as the unit's type says (unit_types;
    the built-in types when vocabularies.yaml cannot be read), so the editor marks „12-345“ for a Stadt."""
    types = merged_unit_types([])
    path = Path(data_dir) / VOCABULARIES_FILE
    doc, problems = load_yaml(path, display_path(path)) if path.exists() else (None, [])
    if doc is not None and not problems and isinstance(doc.data, dict):
        try:
            types = Vocabularies.model_validate(doc.data).unit_types
        except Exception:  # noqa: BLE001 – `atlas check` explains the details
            pass
    rules = []
    for digits in (8, 9):
        ids = [t.id for t in types if t.key_digits == digits]
        if ids:
            rules.append({"if": {"properties": {"type": {"enum": ids}}, "required": ["type"]},
                          "then": {"properties": {"key": {"pattern": f"^[0-9]{{{digits}}}$"}}}})
    return rules


def record_ids(data_dir: Path) -> dict[str, list[str]]:
    """Kind → ids of its record files (file names), sorted."""
    out: dict[str, list[str]] = {}
    for kind, spec in KINDS.items():
        folder = Path(data_dir) / spec.folder
        out[kind] = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() and kind in STABLE_KINDS else []
    return out


# --------------------------------------------------------------------------------------------- schema


def _branches(node: dict) -> list[dict]:
    """The alternatives of a property (anyOf members, else the node itself), with list items unwrapped."""
    nodes = node.get("anyOf", [node])
    out = []
    for n in nodes:
        out.append(n["items"] if n.get("type") == "array" and "items" in n else n)
    return out


def _help(title: str, description: str, required: bool, values: list[tuple[str, str]] | None, ref_label: str | None) -> str:
    text = f"**{title}**" + (" (Pflichtfeld)" if required else "") + f"\n\n{description}"
    if ref_label:
        text += f"\n\nKennung eines Eintrags der Art „{ref_label}“."
    if values:
        text += "\n\nErlaubte Werte:\n\n" + "\n".join(f"- `{i}` – {label}" for i, label in values)
    return text


def _decorate(model: type[BaseModel], node: dict, vocab: dict[str, list[tuple[str, str]]], ids: dict[str, list[str]]) -> None:
    """German help, patterns, vocabulary enums and reference examples on the properties of one model."""
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        info = model.model_fields[name]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        prop.pop("ref", None)
        prop.pop("vocab", None)
        values, plain = None, False
        if "vocab" in extra:
            values = vocab.get(extra["vocab"])
            if values:
                for branch in _branches(prop):
                    if branch.get("type") == "string":
                        branch["enum"] = [i for i, _ in values]
                        branch["enumDescriptions"] = [label for _, label in values]
        elif any("enum" in b for b in _branches(prop)):
            values, plain = [(v, v) for b in _branches(prop) for v in b.get("enum", [])], True
        pattern = pattern_for(model, name)
        if pattern:
            for branch in _branches(prop):
                if branch.get("type") == "string":
                    branch["pattern"] = pattern
        ref_label = None
        if "ref" in extra:
            ref_label = KINDS[extra["ref"]].label
            if extra["ref"] in STABLE_KINDS and ids.get(extra["ref"]):
                for branch in _branches(prop):
                    if branch.get("type") == "string":
                        branch["examples"] = ids[extra["ref"]]
        prop["markdownDescription"] = _help(info.title or name, info.description or "", name in required, None if plain else values, ref_label)
        if plain:
            prop["markdownDescription"] += "\n\nErlaubte Werte: " + ", ".join(f"`{i}`" for i, _ in values)


def _loosen(node: Any) -> Any:
    """Accept what `atlas check` accepts although YAML 1.2 types it differently (see module docstring)."""
    if isinstance(node, list):
        return [_loosen(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _loosen(v) if k not in ("enum", "examples", "default", "required", "enumDescriptions") else v for k, v in node.items()}
    kind = node.get("type")
    if kind == "string" and "enum" not in node:
        node["type"] = ["string", "number", "boolean"]
        if node.get("format") == "date":
            node["pattern"] = DATE_TEXT
    elif kind == "number":
        node.update(type=["number", "string"], pattern=NUMBER_TEXT)
    elif kind == "integer":
        node.update(type=["integer", "string"], pattern=INTEGER_TEXT)
    elif kind == "boolean":
        node.update(type=["boolean", "string", "integer"], pattern=BOOL_TEXT)
        node.setdefault("minimum", 0)
        node.setdefault("maximum", 1)
    return node


def _draft7(node: Any) -> Any:
    """$defs → definitions; `$ref` never with siblings (draft-07 ignores them)."""
    if isinstance(node, list):
        return [_draft7(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {("definitions" if k == "$defs" else k): _draft7(v) for k, v in node.items()}
    if "$ref" in node:
        node["$ref"] = node["$ref"].replace("#/$defs/", "#/definitions/")
        if len(node) > 1:
            node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    return node


def model_schema(model: type[BaseModel], label: str, vocab: dict[str, list[tuple[str, str]]], ids: dict[str, list[str]]) -> dict:
    """The JSON Schema of one record kind or configuration file."""
    schema = copy.deepcopy(model.model_json_schema())
    classes = models_in(model)
    _decorate(model, schema, vocab, ids)
    for name, sub in schema.get("$defs", {}).items():
        if name in classes:
            _decorate(classes[name], sub, vocab, ids)
    schema = _draft7(_loosen(schema))
    doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    return {"$schema": DRAFT, "title": label, "description": doc or label,
            "markdownDescription": f"**{label}** – Hilfe zu jedem Feld erscheint beim Zeigen auf den Feldnamen.", **schema}


def schema_files(data_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """File name in data/.schema/ → JSON text, for every record kind and configuration file."""
    vocab, problems = read_vocabularies(data_dir)
    ids = record_ids(data_dir)
    out: dict[str, str] = {}
    for kind, spec in KINDS.items():
        schema = model_schema(spec.model, spec.label, vocab, ids)
        if spec.model is Municipality:
            schema["allOf"] = unit_key_rules(data_dir)
        out[f"{kind}.schema.json"] = _dump(schema)
    for name, model, label in SINGLE_FILES.values():
        out[f"{name}.schema.json"] = _dump(model_schema(model, label, vocab, ids))
    return dict(sorted(out.items())), problems


def _dump(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def globs(project: Path, data_dir: Path) -> dict[str, str]:
    """Schema path → file glob, both relative to the project folder (the VS Code workspace)."""
    try:
        rel = Path(data_dir).resolve().relative_to(Path(project).resolve()).as_posix()
    except ValueError:
        rel = Path(data_dir).resolve().as_posix()
    out = {f"{rel}/{SCHEMA_DIR}/{kind}.schema.json": f"{rel}/{spec.folder}/*.yaml" for kind, spec in KINDS.items()}
    for file, (name, _, _) in SINGLE_FILES.items():
        out[f"{rel}/{SCHEMA_DIR}/{name}.schema.json"] = f"{rel}/{file}"
    return dict(sorted(out.items()))


def vscode_files(project: Path, data_dir: Path) -> dict[str, str]:
    """.vscode/settings.json (merged with existing settings) and .vscode/extensions.json."""
    folder = Path(project) / ".vscode"
    out = {}
    for name, key, value in (
        ("settings.json", "yaml.schemas", globs(project, data_dir)),
        ("extensions.json", "recommendations", ["redhat.vscode-yaml"]),
    ):
        current: dict = {}
        try:
            current = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            current = {}
        if not isinstance(current, dict):
            current = {}
        if key == "recommendations":
            value = sorted(set(current.get(key, [])) | set(value))
        current[key] = value
        out[f".vscode/{name}"] = json.dumps(current, ensure_ascii=False, indent=2) + "\n"
    return out


def run_schema(project: Path, data_dir: Path, check: bool = False) -> int:
    """`atlas schema [--check]`: write (or compare) data/.schema/*.json and .vscode settings."""
    files, problems = schema_files(data_dir)
    for problem in problems:
        print(f"Hinweis: {problem} – die erlaubten Werte der Vokabulare fehlen in den Schemas", flush=True)
    targets = {Path(data_dir) / SCHEMA_DIR / name: text for name, text in files.items()}
    targets.update({Path(project) / name: text for name, text in vscode_files(project, data_dir).items()})
    stale = [p for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    schema_dir = Path(data_dir) / SCHEMA_DIR
    extra = sorted(p for p in schema_dir.glob("*.json") if p not in targets) if schema_dir.is_dir() else []
    if check:
        for path in stale + extra:
            print(f"{display_path(path)}:1: Schema-Datei ist nicht aktuell; bitte `atlas schema` ausführen und die Änderung mit einreichen")
        return 1 if stale or extra else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(targets[path], encoding="utf-8")
    for path in extra:
        path.unlink()
    print(f"{len(stale) + len(extra)} Datei(en) geschrieben, {len(targets) - len(stale)} unverändert: {display_path(schema_dir)}/ und .vscode/")
    print("In VS Code mit der Erweiterung „YAML“ (redhat.vscode-yaml) erscheinen jetzt Vorschläge und Hilfe beim Tippen.")
    return 0
