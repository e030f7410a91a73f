"""The page „Datenmodell“ for editors: every record kind, its fields, types, allowed values and a form.

`datamodel_page(site)` adds `datenmodell.md` to a render run (`site.Site`). Everything comes
from schema.py (titles, descriptions, required or not, Literal values, references, vocabularies) and
from this atlas: allowed vocabulary values with their labels, and per field an example value taken from
a record that is public anyway (unpublished contacts and internal networks are left out by the Atlas).
The complete example per kind is the form `atlas new` writes (generator/editing/scaffold.py).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..check.messages import submodel
from ..core.markup import clean_text, front_matter, md_text
from ..editing.scaffold import ALIASES, name_field, scaffold_text
from ..model.schema import KINDS, AtlasConfig, District, Vocabularies

PATH = "datenmodell.md"
TITLE = "Datenmodell"
MAX_EXAMPLE = 60


def _inner(annotation: Any) -> Any:
    """The annotation without `| None` and `Annotated`."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is not None and get_origin(annotation) is not list and get_origin(annotation) is not Literal and args:
        return _inner(args[0])
    return annotation


def type_text(model: type[BaseModel], name: str) -> str:
    """German type: Text, Zahl, ganze Zahl, Datum (JJJJ-MM-TT), ja/nein, Liste von …, Kennung eines …"""
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    annotation = _inner(info.annotation)
    if get_origin(annotation) is list:
        return "Liste: " + _single(_inner(get_args(annotation)[0]), extra, name)
    return _single(annotation, extra, name)


def _single(annotation: Any, extra: dict, name: str) -> str:
    if "ref" in extra:
        return f"Kennung: {KINDS[extra['ref']].label}"
    if "vocab" in extra:
        return f"Wert aus dem Vokabular {extra['vocab']}"
    sub = submodel(annotation)
    if sub is not None:
        return f"Unterfelder ({sub.__name__})"
    if get_origin(annotation) is Literal:
        return "einer der erlaubten Werte"
    if annotation is bool:
        return "ja/nein (true oder false)"
    if annotation is int:
        return "ganze Zahl"
    if annotation is float:
        return "Zahl (Dezimalpunkt)"
    if annotation is dt.date:
        return "Datum (JJJJ-MM-TT)"
    special = {"email": "E-Mail-Adresse", "phone": "Telefonnummer", "website": "Webadresse (https://…)", "url": "Webadresse",
               "opens": "Uhrzeit (HH:MM)", "closes": "Uhrzeit (HH:MM)", "id": "Kennung (a-z, 0-9, -)"}
    return special.get(name, "Text")


def allowed_text(model: type[BaseModel], name: str, vocab: Vocabularies) -> str:
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if "vocab" in extra:
        text = "; ".join(f"{t.id} ({t.label})" for t in getattr(vocab, extra["vocab"]))
        if extra["vocab"] == "unit_types":  # the kinds of this atlas only (render_datamodel): no Amt where there is none
            text += ("; " if text else "") + "weitere eingebaute Arten für ganz Deutschland nennt atlas check bei einer unbekannten Art"
        return text
    annotation = _inner(info.annotation)
    if get_origin(annotation) is list:
        annotation = _inner(get_args(annotation)[0])
    if get_origin(annotation) is Literal:
        return ", ".join(str(v) for v in get_args(annotation))
    return ""


def _collect(model: type[BaseModel], obj: BaseModel, found: dict[tuple[str, str], Any]) -> None:
    """First non-default value per (model, field), walking nested parts."""
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                _collect(type(item), item, found)
        if value in (None, [], info.default) or isinstance(value, BaseModel) or (isinstance(value, list) and isinstance(value[0], BaseModel)):
            continue
        found.setdefault((model.__name__, name), value)


def _example(value: Any) -> str:
    if isinstance(value, list):
        text = "[" + ", ".join(_example(v) for v in value) + "]"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dt.date, int, float)):
        text = str(value)
    else:  # one line of a table cell: no control or bidi characters (markup.clean_text), no line breaks
        plain = " ".join(clean_text(str(value)).split())
        text = json.dumps(plain, ensure_ascii=False) if any(c in plain for c in ":#\"'") else plain
    return text if len(text) <= MAX_EXAMPLE else text[: MAX_EXAMPLE - 1] + "…"


def _cell(text: str) -> str:
    return md_text(text).replace("|", "\\|") if text else ""


def _table(model: type[BaseModel], vocab: Vocabularies, examples: dict) -> tuple[list[str], list[type[BaseModel]]]:
    lines = ["| Feld | Bedeutung | Typ | Pflicht | Erlaubte Werte | Beispiel |", "| --- | --- | --- | --- | --- | --- |"]
    nested: list[type[BaseModel]] = []
    for name, info in model.model_fields.items():
        sub = submodel(info.annotation)
        if sub is not None and sub not in nested:
            nested.append(sub)
        example = examples.get((model.__name__, name))
        meaning = f"{info.title}: {info.description}" if info.description else info.title or ""
        row = [f"`{name}`", _cell(meaning), _cell(type_text(model, name)), "ja" if info.is_required() else "nein",
               _cell(allowed_text(model, name, vocab)), f"`{_example(example).replace(chr(96), chr(39))}`".replace("|", "\\|") if example is not None else ""]
        lines.append("| " + " | ".join(row) + " |")
    return lines, nested


def _section(heading: str, intro: list[str], model: type[BaseModel], vocab: Vocabularies, examples: dict, form: str | None) -> list[str]:
    lines = [f"## {heading}", "", *intro, ""]
    table, nested = _table(model, vocab, examples)
    lines += table + [""]
    seen: set[type[BaseModel]] = set()
    while nested:
        sub = nested.pop(0)
        if sub in seen:
            continue
        seen.add(sub)
        users = [n for n, i in model.model_fields.items() if submodel(i.annotation) is sub]
        where = ", ".join(f"`{u}`" for u in users) if users else "eingebettete Felder"
        lines += [f"### Unterfelder {sub.__name__} ({where})", ""]
        sub_table, more = _table(sub, vocab, examples)
        lines += sub_table + [""]
        nested += [m for m in more if m not in seen]
    if form:
        # an indented code block: fenced blocks inside details need pymdownx.superfences, which is not enabled
        lines += ['??? example "Vorlage (wie `atlas new` sie schreibt)"', ""]
        lines += [f"        {line}" if line else "" for line in form.rstrip("\n").splitlines()]
        lines += [""]
    return lines


def render_datamodel(atlas: Any) -> str:
    examples: dict[tuple[str, str], Any] = {}
    groups = [atlas.regions, atlas.municipalities, atlas.organisations, atlas.contacts, atlas.family_centres,
              atlas.offers, atlas.networks, atlas.indicators, atlas.targets, atlas.conferences]
    for group in groups:
        for record in (group.values() if isinstance(group, dict) else group):
            _collect(type(record), record, examples)
    _collect(District, atlas.district, examples)
    used = {u.type for u in atlas.municipalities.values()} | {m.type for u in atlas.municipalities.values() for m in u.members}
    vocab = atlas.vocabularies.model_copy(update={"unit_types": [t for t in atlas.vocabularies.unit_types if t.id in used]})
    aliases: dict[str, list[str]] = {}
    for alias, kind in ALIASES.items():
        if alias.isascii():
            aliases.setdefault(kind, []).append(alias)
    lines = [
        f"# {TITLE}", "",
        "Diese Seite ist für alle, die die Daten des Atlas pflegen. Jeder Eintrag ist eine YAML-Datei im Ordner "
        "`data/`, eine Datei je Eintrag; der Dateiname ist die Kennung (`id`). Pflichtfelder müssen ausgefüllt sein, "
        "alle anderen Felder dürfen fehlen. `atlas check` prüft die Dateien und nennt jeden Fehler mit Zeile.", "",
        "Ein neuer Eintrag entsteht am einfachsten mit `atlas new ART \"Name\"`, z. B. `atlas new angebot \"Krabbelgruppe\"`. "
        "In VS Code mit der Erweiterung „YAML“ (redhat.vscode-yaml) erscheinen beim Tippen Vorschläge und diese Erläuterungen.", "",
        "Typen: „Text“ darf Umlaute enthalten; „Kennung“ ist die `id` eines anderen Eintrags; Listen schreibt man "
        "als `[a, b]` oder als Zeilen mit `- `; Zahlen mit Punkt als Dezimaltrennzeichen; Datum als JJJJ-MM-TT.", "",
    ]
    for kind, spec in KINDS.items():
        intro = [f"Ordner `data/{spec.folder}/`, eine Datei je Eintrag. Anlegen mit "
                 f"`atlas new {(aliases.get(kind) or [kind])[0]} \"…\"` (der Name steht dann in `{name_field(spec.model)}`)."]
        lines += _section(f"{spec.label} ({spec.folder})", intro, spec.model, vocab, examples,
                          scaffold_text(kind, "neuer-eintrag", "Neuer Eintrag"))
    lines += _section(f"{atlas.area.label} (district.yaml)", [f"Die Datei `data/district.yaml` beschreibt {atlas.area.accusative}."], District, vocab, examples, None)
    lines += _section("Einstellungen (atlas.yaml)", ["Die Datei `data/atlas.yaml` enthält Titel, Lizenz, Karten und rechtliche Angaben."],
                      AtlasConfig, vocab, examples, None)
    lines += _section("Vokabulare (vocabularies.yaml)", ["Die Datei `data/vocabularies.yaml` legt fest, welche Themen, Zielgruppen usw. erlaubt sind; "
                      "jeder Eintrag hat `id`, `label` und optional `description` und `keywords`."], Vocabularies, vocab, examples, None)
    return front_matter(TITLE) + "\n".join(lines).rstrip() + "\n"


def datamodel_page(site: Any) -> None:
    """Add datenmodell.md to a render run."""
    site.add(PATH, render_datamodel(site.atlas))
