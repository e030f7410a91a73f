"""German messages for schema errors: pydantic's error types → text an editor understands.

Each message names the field as written in the file and its German title from schema.py, says what
was expected and what was found.
"""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core.core_schema import ErrorType

PYDANTIC_TYPES = frozenset(get_args(ErrorType))  # pydantic's own error types (English messages)


def submodel(annotation: Any) -> type[BaseModel] | None:
    """The pydantic class inside an annotation such as `list[Link]` or `Address | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = submodel(arg)
        if found is not None:
            return found
    return None


def field_info(model: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], str | None, str | None]:
    """Walk `loc` through nested models: (innermost model, field name, German title)."""
    current, name, title = model, None, None
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return current, str(part), None
        name, title = str(part), info.title
        current = submodel(info.annotation) or current
    return current, name, title


def _path(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "mehrere Unterfelder"
    if isinstance(value, list):
        return "eine Liste"
    if value is None:
        return "nichts (leer)"
    return f"„{value}“"


def translate(model: type[BaseModel], err: dict) -> str:
    """One pydantic error as a German sentence, prefixed with the field it concerns."""
    kind, loc, ctx, value = err["type"], tuple(err["loc"]), err.get("ctx") or {}, err.get("input")
    owner, name, title = field_info(model, loc)
    where = f"Feld „{_path(loc)}“" + (f" ({title})" if title else "") if loc else ""

    if kind == "extra_forbidden":
        parent, _, _ = field_info(model, loc[:-1])
        allowed = list(parent.model_fields)
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        text = f"Unbekanntes Feld „{_path(loc)}“"
        return text + (f" – meinten Sie „{hint[0]}“?" if hint else f"; erlaubt sind: {', '.join(allowed)}")
    if kind == "missing":
        return f"Pflichtfeld „{_path(loc)}“" + (f" ({title})" if title else "") + " fehlt"

    expected = {
        "string_type": "erwartet Text",
        "int_parsing": "erwartet eine ganze Zahl",
        "int_type": "erwartet eine ganze Zahl",
        "int_from_float": "erwartet eine ganze Zahl ohne Nachkommastellen",
        "float_parsing": "erwartet eine Zahl mit Punkt als Dezimaltrennzeichen (z. B. 52.14)",
        "float_type": "erwartet eine Zahl mit Punkt als Dezimaltrennzeichen (z. B. 52.14)",
        "bool_parsing": "erwartet true oder false",
        "bool_type": "erwartet true oder false",
        "date_from_datetime_parsing": "erwartet ein Datum im Format JJJJ-MM-TT",
        "date_from_datetime_inexact": "erwartet nur ein Datum ohne Uhrzeit im Format JJJJ-MM-TT",
        "date_future": "erwartet ein Datum in der Zukunft",
        "date_past": "erwartet ein Datum in der Vergangenheit",
        "datetime_parsing": "erwartet Datum und Uhrzeit im Format JJJJ-MM-TT HH:MM",
        "datetime_type": "erwartet Datum und Uhrzeit im Format JJJJ-MM-TT HH:MM",
        "time_parsing": "erwartet eine Uhrzeit im Format HH:MM",
        "time_type": "erwartet eine Uhrzeit im Format HH:MM",
        "url_parsing": "erwartet eine Webadresse (z. B. https://www.example.org/)",
        "url_type": "erwartet eine Webadresse (z. B. https://www.example.org/)",
        "url_scheme": "erwartet eine Webadresse mit https:// oder http://",
        "value_error": "ungültiger Wert",
        "enum": "ist keiner der erlaubten Werte",
        "bytes_type": "erwartet Text",
        "string_unicode": "erwartet Text",
        "finite_number": "erwartet eine endliche Zahl",
        "set_type": "erwartet eine Liste (jeder Eintrag in einer eigenen Zeile mit „- “)",
        "tuple_type": "erwartet eine Liste (jeder Eintrag in einer eigenen Zeile mit „- “)",
        "iterable_type": "erwartet eine Liste (jeder Eintrag in einer eigenen Zeile mit „- “)",
        "none_required": "muss leer bleiben",
        "date_parsing": "erwartet ein Datum im Format JJJJ-MM-TT",
        "date_type": "erwartet ein Datum im Format JJJJ-MM-TT",
        "list_type": "erwartet eine Liste (jeder Eintrag in einer eigenen Zeile mit „- “)",
        "model_type": "erwartet Unterfelder (eingerückte Zeilen „feld: wert“)",
        "model_attributes_type": "erwartet Unterfelder (eingerückte Zeilen „feld: wert“)",
        "dict_type": "erwartet Unterfelder (eingerückte Zeilen „feld: wert“)",
    }
    if kind in expected:
        return f"{where}: {expected[kind]}, gefunden {_shown(value)}"
    if kind == "literal_error":
        return f"{where}: {_shown(value)} ist nicht erlaubt; erlaubt: {ctx.get('expected', '').replace(chr(39), '').replace(' or ', ', ')}"
    if kind == "string_pattern_mismatch":
        hints = {
            "id": "nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, ohne Umlaute (z. B. amt-brueck)",
            "key": "in Anführungszeichen; amtliche Schlüssel nur aus Ziffern (AGS 8-stellig, Schlüssel eines Gemeindeverbands 9-stellig, Kreisschlüssel 5-stellig, Landesschlüssel 2-stellig), eigene Schlüssel aus Buchstaben, Ziffern, Punkt und Bindestrich",
            "ags": "genau 8 Ziffern, in Anführungszeichen",
            "postal_code": "genau 5 Ziffern, in Anführungszeichen",
        }
        return f"{where}: {_shown(value)} hat nicht die erwartete Form: " + hints.get(name or "", "bitte die Beschreibung des Feldes beachten")
    if kind in ("string_too_short", "too_short"):
        if isinstance(value, str) or kind == "string_too_short":
            return f"{where}: darf nicht leer sein"
        return f"{where}: braucht mindestens {ctx.get('min_length', 1)} Eintrag/Einträge"
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length", "")
        unit = "Zeichen" if kind == "string_too_long" else "Einträge"
        return f"{where}: ist zu lang; erlaubt sind höchstens {limit} {unit}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than", "multiple_of"):
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ctx.get("multiple_of")))))
        if kind == "multiple_of":
            return f"{where}: {_shown(value)} ist kein Vielfaches von {_number(bound)}"
        words = {"greater_than_equal": "mindestens", "greater_than": "größer als", "less_than_equal": "höchstens", "less_than": "kleiner als"}
        return f"{where}: {_shown(value)} ist zu {'klein' if kind.startswith('greater') else 'groß'}; erlaubt ist {words[kind]} {_number(bound)}"
    if kind in PYDANTIC_TYPES or kind.startswith(("value_error", "assertion_error")):
        # a pydantic check without a German sentence above: never its English text
        return f"{where}: {_shown(value)} ist hier nicht erlaubt (ungültiger Wert)" if where else "ungültiger Wert"
    # custom errors from the schema modules already carry a German message
    message = err.get("msg", "ungültiger Wert")
    return f"{where}: {message}" if where else message


def _number(value: Any) -> str:
    """A bound as editors write numbers in German text: 0, 0,5, -90."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")
