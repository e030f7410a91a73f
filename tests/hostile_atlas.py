"""A hostile atlas: the mini atlas with every free-text field replaced by a hostile string.

`make_hostile_data(target)` copies tests/fixtures/mini (plus the target and conference of
tests/fixtures/hostile) to `target` and rewrites every YAML file: each free-text field of every
record kind, of atlas.yaml, district.yaml and vocabularies.yaml gets the next string of HOSTILE
(rotating, so every kind and field sees several of them); free-text fields the record leaves out
are added. The note column of the indicator values gets them too, and atlas.yaml gets background
tiles whose attribution is hostile.

Which fields are free text is read from the pydantic models in generator/model/schema.py, never listed
here: a `str` (e.g. `Text`) without a pattern, without a validator (a field validator: e-mail, phone, time; or one in its type: `WebUrl`, a language code)
and without a reference or vocabulary. Ids, enums, dates, numbers, URLs and references stay as they
were, so the hostile atlas passes `atlas check`. A new text field is covered as soon as it exists.
"""

from __future__ import annotations

import csv
import io
import shutil
import types
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, PlainValidator, WrapValidator

from generator.model import schema

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
OVERLAY = FIXTURES / "hostile"

LONG = ("Überlanger Text ohne Umbruch " + "x" * 120 + " ") * 33
LONG = LONG[:5000]

# Every payload that sets a flag when executed sets window.__pwned.
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "javascript:window.__pwned=1",
    "[klick](javascript:window.__pwned=1)",
    "![bild](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,x">x</a>',
    "<!-- kommentar -->",
    "{{ 7*7 }}{% raw %}",
    "{{ config.__class__ }}",
    "</script><script>window.__pwned=1</script>",
    "\u202egnp.exe",
    LONG,
    "&lt;b&gt;",
    "*fett* _k_ `code`",
    "| a | b |\n|---|---|\n| c | d |",
    '!!! note "x"\n    Hinweis',
    "<style>body{display:none}</style>",
    '<iframe src="https://example.org">',
    "' onmouseover='window.__pwned=1",
    "Zeile\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Eingeschleust",
    "=HYPERLINK(\"https://example.org\",\"x\")",
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\u2066Isolat\u2069 und \u202bEinbettung\u202c",
]
# Substrings by which an element made from data would be recognised in the DOM.
MARKERS = ("__pwned", "display:none}", "example.org\">", "data:text/html")

_DATA_FILES = {
    schema.CONFIG_FILE: schema.AtlasConfig,
    schema.DISTRICT_FILE: schema.District,
    schema.VOCABULARIES_FILE: schema.Vocabularies,
}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, is a list) of `X`, `X | None`, `list[X]`, `list[X] | None`."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None, False
            annotation = args[0]
        elif origin is list:
            is_list = True
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Annotated:
            # a pattern or other constraint inside Annotated[...]
            inner, *meta = typing.get_args(annotation)
            if any(getattr(m, "pattern", None) or _is_validator(m) for m in meta):
                return None, False
            annotation = inner
        else:
            return annotation, is_list


def _is_validator(meta: Any) -> bool:
    """A validator inside Annotated[...] (pydantic's AfterValidator and its kin: `WebUrl`, a language code)."""
    return isinstance(meta, (AfterValidator, BeforeValidator, PlainValidator, WrapValidator))


def _validated_fields(model: type[BaseModel]) -> set[str]:
    fields: set[str] = set()
    for decorator in model.__pydantic_decorators__.field_validators.values():
        fields.update(decorator.info.fields)
    return fields


def text_fields(model: type[BaseModel]) -> dict[str, bool]:
    """Free-text fields of `model`: name → whether it is a list of texts."""
    validated = _validated_fields(model)
    found: dict[str, bool] = {}
    for name, info in model.model_fields.items():
        if name in validated or info.json_schema_extra or any(getattr(m, "pattern", None) or _is_validator(m) for m in info.metadata):
            continue
        inner, is_list = _unwrap(info.annotation)
        if inner is str:
            found[name] = is_list
    return found


def nested_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    found = {}
    for name, info in model.model_fields.items():
        inner, _ = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found[name] = inner
    return found


class Rotation:
    """Hands out HOSTILE in turn and counts which field got how many."""

    def __init__(self) -> None:
        self.index = 0
        self.fields: Counter[str] = Counter()
        self.used: set[int] = set()

    def next(self, where: str) -> str:
        value = HOSTILE[self.index % len(HOSTILE)]
        self.used.add(self.index % len(HOSTILE))
        self.index += 1
        self.fields[where] += 1
        return value


def poison(data: Any, model: type[BaseModel], rotation: Rotation, where: str) -> Any:
    """Replace (or add) every free-text field of `data` (a dict or list of dicts for `model`)."""
    if isinstance(data, list):
        return [poison(item, model, rotation, where) for item in data]
    if not isinstance(data, dict):
        return data
    for name, is_list in sorted(text_fields(model).items()):
        key = f"{where}.{name}"
        if is_list:
            count = max(2, len(data.get(name) or []))
            data[name] = [rotation.next(key) for _ in range(count)]
        else:
            data[name] = rotation.next(key)
    for name, sub in sorted(nested_models(model).items()):
        if name in data and data[name] is not None:
            data[name] = poison(data[name], sub, rotation, f"{where}.{name}")
    return data


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


TILES = {
    "url": "https://tiles.example.org/{z}/{x}/{y}.png",
    "provider": "Testkachel-Dienst",
    # the attribution is HTML for Leaflet by design: only plain links may survive
    "attribution": '© <a href="https://tiles.example.org/lizenz">Testkacheln</a> <img src=x onerror="window.__pwned=1">'
    ' <a href="javascript:window.__pwned=1">klick</a> <script>window.__pwned=1</script>',
}


def make_hostile_data(target: Path) -> Rotation:
    """Write the hostile atlas's data folder to `target`; returns the rotation (figures)."""
    shutil.copytree(MINI, target)
    shutil.copytree(OVERLAY, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    rotation = Rotation()
    vocab = _load(target / schema.VOCABULARIES_FILE)
    vocab.setdefault("target_fields", [{"id": "hilfe-zur-pflege", "label": "Hilfe zur Pflege"}])
    vocab.setdefault("target_perspectives", [{"id": "betroffene", "label": "Betroffene"}])
    _dump(target / schema.VOCABULARIES_FILE, vocab)
    config = _load(target / schema.CONFIG_FILE)
    config["map"]["tiles"] = dict(TILES)
    _dump(target / schema.CONFIG_FILE, config)
    for name, model in _DATA_FILES.items():
        path = target / name
        data = poison(_load(path), model, rotation, name.removesuffix(".yaml"))
        if name == schema.CONFIG_FILE:
            data["map"]["tiles"]["attribution"] = TILES["attribution"]
        _dump(path, data)
    for kind in sorted(schema.KINDS.values(), key=lambda k: k.name):
        for path in sorted((target / kind.folder).glob("*.yaml")) if (target / kind.folder).is_dir() else []:
            _dump(path, poison(_load(path), kind.model, rotation, kind.name))
    # The maps' tooltips show the names of units and family centres. Which hostile text a field gets shifts
    # whenever a model gains a field, so these names are set here: an HTML and the Jinja example on every run.
    for folder, names in (("municipalities", (HOSTILE[0], HOSTILE[8])), ("family_centres", (HOSTILE[1],))):
        for path, name in zip(sorted((target / folder).glob("*.yaml")), names):
            data = _load(path)
            data["name"] = name
            _dump(path, data)
    for path in sorted(target.glob(schema.INDICATOR_VALUES_GLOB)):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        if rows and "note" in rows[0]:
            for row in rows:
                row["note"] = rotation.next("values.csv.note")
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
    return rotation
