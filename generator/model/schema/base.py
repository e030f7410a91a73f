"""Shared pieces of the record kinds: id, text, link, address and contact fields, validators, `Record`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ...core import i18n

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()/\-]{4,}[0-9]$")
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-4]):[0-5][0-9]$")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
WEB_SCHEMES = ("http", "https")
WEEKDAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Date = Annotated[dt.date, BeforeValidator(lambda value: check_date(value))]  # a calendar date, see check_date
WebUrl = Annotated[str, AfterValidator(lambda value: check_url(value, WEB_SCHEMES))]  # a web address (http, https)


class TranslatedText(str):
    """The German text of a field that may also be given in other languages (issue 22): it is the German `str` for
    every use, and `translations` holds the others (`{en: …, uk: …}`), shown on the pages in those languages."""

    translations: Mapping[str, str] = MappingProxyType({})  # none: set per text by check_translated


def check_translated(value: Any) -> str:
    """`text` or `{de: text, en: text, …}`: German required, the others only languages the generator knows."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("translation_empty", "darf nicht leer sein", {})
        return value.strip()
    if value is None:
        raise PydanticCustomError("translation_type", "erwartet Text, gefunden nichts (leer)", {})
    if not isinstance(value, dict):
        raise PydanticCustomError("translation_type", "erwartet Text oder je Sprache eine Zeile („de: …“, „en: …“)", {})
    others = [code for code in i18n.NAMES if code != i18n.DEFAULT]
    unknown = sorted(str(code) for code in value if code not in i18n.NAMES)
    if unknown:
        raise PydanticCustomError("translation_language", "Sprache „{value}“ gibt es nicht; möglich sind: {allowed}",
                                  {"value": ", ".join(unknown), "allowed": ", ".join([i18n.DEFAULT, *others])})
    if i18n.DEFAULT not in value:
        raise PydanticCustomError("translation_german", "Der deutsche Text (de) fehlt: er ist Pflicht, die anderen Sprachen "
                                  "sind Übersetzungen davon, z. B. „de: …“ und „en: …“ in eigenen Zeilen", {})
    empty = [code for code, text in value.items() if not isinstance(text, str) or not text.strip()]
    if empty:
        raise PydanticCustomError("translation_empty", "der Text für „{code}“ darf nicht leer sein", {"code": ", ".join(map(str, empty))})
    text = TranslatedText(value[i18n.DEFAULT].strip())
    text.translations = {code: value[code].strip() for code in others if code in value}
    return text


_TRANSLATED_SCHEMA = {"anyOf": [
    {"type": "string", "minLength": 1},
    {"type": "object", "required": [i18n.DEFAULT], "additionalProperties": False,
     "properties": {code: {"type": "string", "minLength": 1} for code in i18n.NAMES}},
]}
# a text in German, or in German and other languages (`{de: …, en: …}`); code reads it as the German str
I18nText = Annotated[str, PlainValidator(check_translated), WithJsonSchema(_TRANSLATED_SCHEMA)]


def ref(kind: str) -> dict[str, Any]:
    """Field metadata: the value is the id of a record of `kind`."""
    return {"ref": kind}


def vocab(name: str) -> dict[str, Any]:
    """Field metadata: the value is an entry of the vocabulary `name`."""
    return {"vocab": name}


def check_url(value: str, schemes: tuple[str, ...]) -> str:
    """Accept a link only with one of `schemes` and a plausible target."""
    value = value.strip()
    scheme = urlsplit(value).scheme.lower() if ":" in value else ""
    if scheme not in schemes:
        raise PydanticCustomError(
            "link_scheme",
            "Link „{value}“: erlaubt sind nur Adressen mit {allowed}",
            {"value": value, "allowed": ", ".join(f"{s}:" for s in schemes)},
        )
    parts = urlsplit(value)
    if scheme in WEB_SCHEMES and (not parts.netloc or "." not in parts.netloc or " " in value):
        raise PydanticCustomError("url", "„{value}“ ist keine gültige Webadresse (Beispiel: https://www.example.org/)", {"value": value})
    if scheme == "mailto" and not EMAIL_PATTERN.match(value[7:].split("?")[0]):
        raise PydanticCustomError("email", "„{value}“ enthält keine gültige E-Mail-Adresse", {"value": value})
    if scheme == "tel" and not PHONE_PATTERN.match(value[4:]):
        raise PydanticCustomError("phone", "„{value}“ enthält keine gültige Telefonnummer", {"value": value})
    return value


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_EXAMPLE_DATE = dt.date(2024, 5, 31)


def _date_error(value: Any, why: str, meant: dt.date | None) -> PydanticCustomError:
    example = (meant or _EXAMPLE_DATE).isoformat()
    return PydanticCustomError(
        "date_format", "„{value}“ {why}; bitte als JJJJ-MM-TT schreiben, z. B. {example}", {"value": str(value)[:40] + ("…" if len(str(value)) > 40 else ""), "why": why, "example": example}
    )


def _number_date(number: int) -> tuple[str, dt.date | None]:
    """What a whole number written as a date probably means: (German explanation, date)."""
    text = str(number)
    if len(text) == 8:
        try:
            return "ist eine Zahl, kein Datum (ein Datum ohne Bindestriche?)", dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    if 20000 <= number <= 80000:  # Excel's serial date: days since 30.12.1899 (1954 … 2119)
        return "ist eine Zahl, kein Datum (eine Datumszahl aus Excel?)", dt.date(1899, 12, 30) + dt.timedelta(days=number)
    for scale, unit in ((1, "Sekunden"), (1000, "Millisekunden")):
        if 10**8 * scale <= number < 10**10 * 5 * scale:  # Unix time: seconds (or milliseconds) since 1.1.1970 (1973 … 3554)
            moment = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=number // scale)
            return f"ist eine Zahl, kein Datum (ein Unix-Zeitstempel in {unit}?)", moment.date()
    return "ist eine Zahl, kein Datum", None


def check_date(value: Any) -> Any:
    """Accept only calendar dates: a date object or text `JJJJ-MM-TT`. Numbers (Unix time, Excel serial dates,
    20230101), times of day and `TT.MM.JJJJ` get a German message with the date they probably mean."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date()
        raise _date_error(value, "enthält eine Uhrzeit; gemeint ist nur der Tag", value.date())
    if isinstance(value, (dt.date, list, dict)) or value is None:
        return value  # a date, or the wrong type: pydantic's date_type (translated in check/messages.py)
    if isinstance(value, bool):
        raise _date_error(value, "ist kein Datum", None)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+", text):
        why, meant = _number_date(int(text)) if len(text) <= 20 else ("ist eine Zahl, kein Datum", None)
        raise _date_error(text, why, meant)
    match = _ISO_DATE.match(text) or _GERMAN_DATE.match(text)
    if match is not None:
        year, month, day = (int(g) for g in (match.groups() if match.re is _ISO_DATE else reversed(match.groups())))
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise _date_error(text, "ist kein Kalenderdatum (diesen Tag gibt es nicht)", None) from None
        if match.re is _ISO_DATE and len(text) == 10:
            return date
        raise _date_error(text, "ist nicht in der Schreibweise JJJJ-MM-TT", date)
    match = _DATE_TIME.match(text)
    if match is not None:
        day = _ISO_DATE.match(match.group(1))
        try:
            meant = dt.date(*(int(g) for g in day.groups())) if day else None
        except ValueError:
            meant = None
        raise _date_error(text, "enthält eine Uhrzeit; gemeint ist nur der Tag", meant)
    raise _date_error(text, "ist kein Datum", None)


def date_message(value: Any) -> str:
    """The German message check_date gives for `value` (empty when it is a valid date)."""
    try:
        check_date(value)
    except PydanticCustomError as exc:
        return exc.message()
    return ""


def check_email(value: str) -> str:
    value = value.strip()
    if not EMAIL_PATTERN.match(value):
        raise PydanticCustomError("email", "„{value}“ ist keine gültige E-Mail-Adresse (Beispiel: info@example.org)", {"value": value})
    return value


def check_phone(value: str) -> str:
    value = value.strip()
    if not PHONE_PATTERN.match(value):
        raise PydanticCustomError(
            "phone", "„{value}“ ist keine gültige Telefonnummer (Beispiel: \"033841 123-45\" oder \"+49 33841 12345\")", {"value": value}
        )
    return value


def merged_by_id(builtin: tuple[Any, ...], own: list[Any]) -> list[Any]:
    """Built-in vocabulary entries, each replaced by the atlas's own of the same id, then the atlas's new ones."""
    mine = {entry.id: entry for entry in own}
    return [mine.pop(entry.id, entry) for entry in builtin] + list(mine.values())


class Model(BaseModel):
    """Base of every record and nested part: unknown fields are errors (typos like `emial`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False, allow_inf_nan=False)  # no nan, inf


class ContactChannels(Model):
    """Mixin: e-mail, phone and website, each checked."""

    email: str | None = Field(None, title="E-Mail-Adresse", description="Öffentliche E-Mail-Adresse, am besten ein Funktionspostfach.")
    phone: str | None = Field(None, title="Telefonnummer", description="Öffentliche Telefonnummer mit Vorwahl, in Anführungszeichen.")
    website: WebUrl | None = Field(None, title="Webseite", description="Adresse der Webseite, beginnend mit https:// oder http://.")

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        return None if v is None else check_email(v)

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        return None if v is None else check_phone(v)


class Link(Model):
    label: Text = Field(title="Linktext", description="Sichtbarer Text des Links, z. B. „Satzung (PDF)“.")
    url: str = Field(title="Adresse", description="Ziel des Links: http, https, mailto oder tel.")

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return check_url(v, LINK_SCHEMES)


class Location(Model):
    lat: float = Field(title="Breitengrad", description="Geografische Breite in Dezimalgrad (WGS84), z. B. 52.1422.", ge=-90, le=90)
    lon: float = Field(title="Längengrad", description="Geografische Länge in Dezimalgrad (WGS84), z. B. 12.5956.", ge=-180, le=180)


class Address(Model):
    street: Text | None = Field(None, title="Straße und Hausnummer", description="Straße und Hausnummer, z. B. „Wiesenburger Straße 6“.")
    postal_code: Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")] | None = Field(
        None, title="Postleitzahl", description="Fünfstellige Postleitzahl."
    )
    city: Text = Field(title="Ort", description="Ort, wie er in der Postanschrift steht.")
    locality: Text | None = Field(None, title="Ortsteil", description="Ortsteil oder Dorf, wenn es nicht schon im Ort steht.")


class Quantity(Model):
    value: float = Field(title="Wert", description="Die Zahl selbst, mit Punkt als Dezimaltrennzeichen.")
    date: Date | None = Field(None, title="Stichtag", description="Stichtag der Zahl im Format JJJJ-MM-TT.")
    source: Text | None = Field(None, title="Quelle", description="Woher die Zahl stammt.")


class Population(Quantity):
    """A number of inhabitants: never below zero."""

    value: float = Field(title="Wert", description="Zahl der Einwohnerinnen und Einwohner, mit Punkt als Dezimaltrennzeichen.", ge=0)


class Record(Model):
    """Common fields of every record file."""

    id: Id = Field(
        title="Kennung",
        description="Dauerhafte Kennung in Kleinbuchstaben ohne Umlaute, mit Bindestrichen; gleich dem Dateinamen ohne .yaml. Sie erscheint in der Webadresse.",
    )
    example: bool = Field(
        False,
        title="Beispieldaten",
        description="true, wenn der Datensatz erfunden ist (Beispieldaten). Die Seite zeigt das dann deutlich an.",
    )
    sources: list[Text] = Field(default_factory=list, title="Quellen", description="Belege für die Angaben dieses Datensatzes.")
    links: list[Link] = Field(default_factory=list, title="Weitere Links", description="Weiterführende Links mit Linktext und Adresse.")
    reviewed: Date | None = Field(
        None,
        title="Zuletzt geprüft",
        description="Datum (JJJJ-MM-TT), an dem die zuständige Stelle den Eintrag zuletzt geprüft hat – nicht das Datum der letzten Änderung.",
    )
    former_ids: list[Id] = Field(
        default_factory=list,
        title="Frühere Kennungen",
        description="Kennungen, die der Eintrag früher hatte. Die alten Webadressen leiten auf die neue Seite weiter; Verweise mit einer alten Kennung meldet `atlas check`.",
    )
