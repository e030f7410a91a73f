"""Every message that reaches an editor is German (issue 23, point 5).

The validators of every record kind and of atlas.yaml, district.yaml and vocabularies.yaml run with bad values
for each field, chosen by the field's type (text, whole and decimal numbers, true/false, dates, lists, nested
parts, fixed choices, patterns, links, e-mail, phone, times) and nested parts are walked down to their own
fields. Each error goes through check/messages.py as in `atlas check`; the test fails on English words.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from generator.check import messages
from generator.check.validate import parse
from generator.load.files import Document
from generator.model.schema import KINDS, AtlasConfig, District, Vocabularies

ENGLISH = re.compile(
    r"\b(should|must|input|inputs|valid|invalid|required|provided|expected|least|most|characters?|items?|unable|parse|parsing|"
    r"greater|less|than|equal|string|integer|dictionary|instance|error|please|the|be|is|of|value|values|date|datetime|dates|"
    r"not|permitted|extra|allowed|match|pattern|type|list|number|url|email|zero|time|exact|field|missing)\b",
    re.I,
)


def english(message: str) -> list[str]:
    """English words in a message, ignoring what it quotes: values and field names „…“, `code`, the list of
    allowed field names or choices after „erlaubt sind:“/„erlaubt:“ (identifiers, e.g. value, district)."""
    text = re.sub(r"„[^“]*“|`[^`]*`|\"[^\"]*\"", " ", message)
    text = re.sub(r"erlaubt( sind)?( nur Adressen mit)?: [^;]*", " ", text)
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text)
    return ENGLISH.findall(text)


def roots() -> list[type[BaseModel]]:
    return [kind.model for kind in KINDS.values()] + [AtlasConfig, District, Vocabularies]


def leaves(annotation: Any) -> list[Any]:
    """The plain types inside an annotation: `list[Link] | None` → [list[Link]]; `Annotated[...]` stays whole."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [leaf for arg in get_args(annotation) if arg is not type(None) for leaf in leaves(arg)]
    return [annotation]


TEXT_BAD = ["", "Ä Ü!", ["eine", "Liste"], {"unter": "feld"}, "ftp://example.org", "kein@", "12", "x" * 3]
DATE_BAD = ["gestern", "1699920000", "45292", "20230101", "2023-11-14T10:30", "2023-02-30", "14.11.2023", ["x"], {"a": 1}, "-1"]
NUMBER_BAD = ["viel", "1,5", "1e999", "nan", "-1", "99999999999", "1.5", ["x"], {"a": 1}, "true"]
BOOL_BAD = ["vielleicht", "2", ["x"], {"a": 1}]


def bad_values(annotation: Any) -> list[Any]:
    """Bad values for a field, by its type (the loader hands every scalar over as text)."""
    found: list[Any] = []
    for leaf in leaves(annotation):
        base = get_args(leaf)[0] if get_origin(leaf) is not None and get_origin(leaf) not in (list, dict, Literal) and get_args(leaf) else leaf
        origin = get_origin(base)
        if base is bool:
            found += BOOL_BAD
        elif base in (int, float):
            found += NUMBER_BAD
        elif base is dt.date or "date" in str(leaf).lower():
            found += DATE_BAD
        elif origin is Literal:
            found += ["gibt-es-nicht", ["x"], "1"]
        elif origin is list:
            found += ["kein Listeneintrag", {"a": 1}]
            found += [[bad] for bad in bad_values(get_args(base)[0])[:6]]
        elif origin is dict:
            found += ["keine Unterfelder", ["x"], {"": ["x"]}]
        elif isinstance(base, type) and issubclass(base, BaseModel):
            found += ["kein Unterfeld", ["x"], {"gibt_es_nicht": "x"}]
        else:
            found += TEXT_BAD
    return found or TEXT_BAD


def model_cases() -> list[tuple[type[BaseModel], str, Any]]:
    """(root model, field, raw data) for every field of every model, nested parts inside their parent."""
    cases: list[tuple[type[BaseModel], str, Any]] = []

    def walk(root: type[BaseModel], model: type[BaseModel], wrap, seen: set[type]) -> None:
        for name, info in model.model_fields.items():
            for bad in bad_values(info.annotation):
                cases.append((root, f"{model.__name__}.{name}", wrap({name: bad})))
            sub = messages.submodel(info.annotation)
            if sub is not None and sub not in seen:
                is_list = any(get_origin(leaf) is list for leaf in leaves(info.annotation))
                walk(root, sub, (lambda inner, n=name, w=wrap, lst=is_list: w({n: [inner] if lst else inner})), seen | {sub})

    for root in roots():
        walk(root, root, lambda data: data, {root})
    return cases


CASES = model_cases()


def test_enough_cases():
    fields = {(root, field) for root, field, _ in CASES}
    assert len(roots()) == len(KINDS) + 3 and len(fields) > 300 and len(CASES) > 2000, (len(fields), len(CASES))


def test_every_validator_message_is_german():
    leaks: dict[str, str] = {}
    produced = 0
    for root, field, data in CASES:
        _, problems = parse(Document(path=Path("x.yaml"), display="x.yaml", data=data), root)
        produced += len(problems)
        for problem in problems:
            words = english(problem.message)
            if words:
                leaks.setdefault(f"{root.__name__}/{field}", f"{problem.message}  ← {words}")
    assert produced > len(CASES), "the bad values should produce problems"
    assert not leaks, "English in messages:\n" + "\n".join(f"{k}: {v}" for k, v in sorted(leaks.items())[:40])


@pytest.mark.parametrize("kind", sorted(messages.PYDANTIC_TYPES))
def test_every_pydantic_error_type_gets_german_text(kind):
    """Whatever pydantic reports – also error types no field produces today – the English text never shows."""
    err = {"type": kind, "loc": ("name",), "msg": "Input should be a valid value, the field is required", "input": "x",
           "ctx": {"expected": "'a' or 'b'", "ge": 1, "gt": 1, "le": 1, "lt": 1, "multiple_of": 2, "min_length": 1, "max_length": 2,
                   "pattern": "^x$", "error": "boom", "class_name": "X", "reason": "bad"}}
    text = messages.translate(KINDS["offers"].model, err)
    assert text and not english(text), text
    assert "Input should" not in text


def test_detector_finds_english():
    """The check above would fail on pydantic's own texts."""
    assert english("Feld „reviewed“ (Zuletzt geprüft): Datetimes provided to dates should have zero time")
    assert english("Input should be a valid integer")
    assert english("Field required")
    assert not english("Feld „reviewed“ (Zuletzt geprüft): „1699920000“ ist eine Zahl, kein Datum; bitte als JJJJ-MM-TT schreiben")


def test_bounds_are_written_as_german_numbers():
    model = KINDS["municipalities"].model
    err = {"type": "greater_than", "loc": ("area_km2",), "msg": "Input should be greater than 0", "input": "-1", "ctx": {"gt": 0.0}}
    assert messages.translate(model, err).endswith("erlaubt ist größer als 0")
    err = {"type": "less_than_equal", "loc": ("area_km2",), "msg": "", "input": "9", "ctx": {"le": 2.5}}
    assert messages.translate(model, err).endswith("erlaubt ist höchstens 2,5")
