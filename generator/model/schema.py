"""The data model: one pydantic class per record kind, every field with a German title and help text.

The titles and descriptions are what editors read: error messages quote them (``Feld „email“
(E-Mail-Adresse) …``) and the JSON Schema for editors is generated from them. References between
records are declared in ``json_schema_extra``: ``{"ref": KIND}`` points to another record kind,
``{"vocab": NAME}`` to a list in ``vocabularies.yaml``. validate.py walks these declarations; nothing
about a particular district lives here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()/\-]{4,}[0-9]$")
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-4]):[0-5][0-9]$")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
WEB_SCHEMES = ("http", "https")
WEEKDAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


class Model(BaseModel):
    """Base of every record and nested part: unknown fields are errors (typos like `emial`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)


class ContactChannels(Model):
    """Mixin: e-mail, phone and website, each checked."""

    email: str | None = Field(None, title="E-Mail-Adresse", description="Öffentliche E-Mail-Adresse, am besten ein Funktionspostfach.")
    phone: str | None = Field(None, title="Telefonnummer", description="Öffentliche Telefonnummer mit Vorwahl, in Anführungszeichen.")
    website: str | None = Field(None, title="Webseite", description="Adresse der Webseite, beginnend mit https:// oder http://.")

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        return None if v is None else check_email(v)

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        return None if v is None else check_phone(v)

    @field_validator("website")
    @classmethod
    def _website(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, WEB_SCHEMES)


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
    date: dt.date | None = Field(None, title="Stichtag", description="Stichtag der Zahl im Format JJJJ-MM-TT.")
    source: Text | None = Field(None, title="Quelle", description="Woher die Zahl stammt.")


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
    reviewed: dt.date | None = Field(
        None,
        title="Zuletzt geprüft",
        description="Datum (JJJJ-MM-TT), an dem die zuständige Stelle den Eintrag zuletzt geprüft hat – nicht das Datum der letzten Änderung.",
    )
    former_ids: list[Id] = Field(
        default_factory=list,
        title="Frühere Kennungen",
        description="Kennungen, die der Eintrag früher hatte. Die alten Webadressen leiten auf die neue Seite weiter; Verweise mit einer alten Kennung meldet `atlas check`.",
    )


# ---------------------------------------------------------------------------------------------
# Places


class KeyFigure(Model):
    label: Text = Field(title="Bezeichnung", description="Name der Kennzahl, z. B. „Einpendler“.")
    value: float = Field(title="Wert", description="Die Zahl, mit Punkt als Dezimaltrennzeichen.")
    unit: str | None = Field(None, title="Einheit", description="Einheit, z. B. „%“, „km²“ oder „Personen“.")
    reference: Text | None = Field(None, title="Bezug", description="Jahr oder Stand, z. B. „2013“ oder „Prognose 2040“.")
    decimals: int = Field(0, title="Nachkommastellen", description="Anzahl der angezeigten Nachkommastellen.", ge=0, le=4)
    note: Text | None = Field(None, title="Hinweis", description="Erläuterung zur Kennzahl.")
    source: Text | None = Field(None, title="Quelle", description="Woher die Zahl stammt.")


class District(Record):
    name: Text = Field(title="Name", description="Amtlicher Name, z. B. „Landkreis Potsdam-Mittelmark“.")
    short_name: Text | None = Field(None, title="Kurzname", description="Kurzer Name für Überschriften und Tabellen.")
    key: Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")] = Field(title="Kreisschlüssel", description="Fünfstelliger amtlicher Kreisschlüssel.")
    seat: Text = Field(title="Kreisstadt", description="Sitz der Kreisverwaltung.")
    area_km2: float = Field(title="Fläche in km²", description="Fläche des Kreises in Quadratkilometern.", gt=0)
    population: Quantity | None = Field(None, title="Einwohnerzahl", description="Einwohnerzahl mit Stichtag und Quelle.")
    description: Text | None = Field(None, title="Beschreibung", description="Einleitender Text für die Kreisseite (Markdown erlaubt keine HTML-Tags).")
    key_figures: list[KeyFigure] = Field(default_factory=list, title="Kennzahlen", description="Kennzahlen des Kreises, wie die Kreisverwaltung sie veröffentlicht.")
    key_figures_source: Text | None = Field(None, title="Quelle der Kennzahlen", description="Gemeinsame Quelle der Kennzahlen.")
    address: Address | None = Field(None, title="Anschrift der Verwaltung", description="Postanschrift der Kreisverwaltung.")


class Region(Record):
    name: Text = Field(title="Name", description="Name der Planungsregion.")
    description: Text | None = Field(None, title="Beschreibung", description="Kurze Beschreibung der Region.")


class MemberMunicipality(Model):
    name: Text = Field(title="Name", description="Name der amtsangehörigen Gemeinde, z. B. „Borkheide“.")
    ags: Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")] = Field(title="Gemeindeschlüssel (AGS)", description="Achtstelliger Amtlicher Gemeindeschlüssel.")
    type: Literal["stadt", "gemeinde"] = Field("gemeinde", title="Art", description="stadt oder gemeinde.")
    population: int | None = Field(None, title="Einwohnerzahl", description="Einwohnerzahl (gleicher Stichtag wie beim Amt).", ge=0)
    villages: list[Text] = Field(default_factory=list, title="Ortsteile", description="Ortsteile und Dörfer der Gemeinde.")
    location: Location | None = Field(None, title="Lage", description="Koordinaten des Gemeindezentrums (lat, lon), für „In meiner Nähe“.")


class Municipality(Record):
    name: Text = Field(title="Name", description="Amtlicher Name, z. B. „Werder (Havel)“ oder „Amt Brück“.")
    type: Literal["stadt", "amtsfreie-gemeinde", "amt"] = Field(
        title="Art", description="stadt, amtsfreie-gemeinde oder amt."
    )
    key: Annotated[str, StringConstraints(pattern=r"^[0-9]{8}([0-9])?$")] = Field(
        title="Amtlicher Schlüssel",
        description="AGS (8 Ziffern) einer Stadt oder Gemeinde, Amtsschlüssel (9 Ziffern) eines Amtes; in Anführungszeichen.",
    )
    region: Id | None = Field(None, title="Planungsregion", description="Kennung der Planungsregion, falls es Regionen gibt.", json_schema_extra=ref("regions"))
    seat: Text = Field(title="Verwaltungssitz", description="Ort (und Ortsteil) der Verwaltung.")
    seat_address: Text | None = Field(None, title="Anschrift der Verwaltung", description="Straße und Hausnummer der Verwaltung.")
    location: Location = Field(title="Lage", description="Koordinaten des Verwaltungssitzes (lat, lon).")
    location_note: Text | None = Field(None, title="Hinweis zur Lage", description="Wenn der Punkt nicht genau der Verwaltungssitz ist.")
    population: Quantity = Field(title="Einwohnerzahl", description="Einwohnerzahl mit Stichtag und Quelle.")
    area_km2: float = Field(title="Fläche in km²", description="Fläche in Quadratkilometern.", gt=0)
    members: list[MemberMunicipality] = Field(
        default_factory=list, title="Amtsangehörige Gemeinden", description="Nur bei Ämtern: die Gemeinden des Amtes mit Schlüssel."
    )
    villages: list[Text] = Field(default_factory=list, title="Ortsteile", description="Ortsteile und Dörfer (bei Ämtern unter den Gemeinden).")
    description: Text | None = Field(None, title="Beschreibung", description="Kurzer Text über den Sozialraum.")
    website: str | None = Field(None, title="Webseite", description="Webseite der Verwaltung.")

    @field_validator("website")
    @classmethod
    def _website(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, WEB_SCHEMES)

    @model_validator(mode="after")
    def _members_match_type(self) -> "Municipality":
        if self.type == "amt" and not self.members:
            raise PydanticCustomError("amt_members", "Ein Amt braucht die Liste seiner Gemeinden (members)", {})
        if self.type == "amt" and len(self.key) != 9:
            raise PydanticCustomError("amt_key", "Ein Amt hat einen neunstelligen Amtsschlüssel (key)", {})
        if self.type != "amt" and len(self.key) != 8:
            raise PydanticCustomError("ags_key", "Eine Stadt oder amtsfreie Gemeinde hat einen achtstelligen AGS (key)", {})
        if self.type != "amt" and self.members:
            raise PydanticCustomError("members_not_amt", "Nur Ämter haben amtsangehörige Gemeinden (members)", {})
        return self


# ---------------------------------------------------------------------------------------------
# Actors


class Organisation(Record, ContactChannels):
    name: Text = Field(title="Name", description="Name der Organisation, z. B. „Jugendamt“ oder ein Trägerverein.")
    short_name: Text | None = Field(None, title="Kurzname", description="Abkürzung oder kurzer Name.")
    type: str = Field(title="Art", description="Art der Organisation aus dem Vokabular organisation_types.", json_schema_extra=vocab("organisation_types"))
    description: Text | None = Field(None, title="Beschreibung", description="Was die Organisation tut.")
    address: Address | None = Field(None, title="Anschrift", description="Postanschrift.")
    municipalities: list[Id] = Field(
        default_factory=list, title="Tätig in", description="Kennungen der Sozialräume, in denen sie arbeitet (leer: ganzer Kreis).",
        json_schema_extra=ref("municipalities"),
    )


class Contact(Record, ContactChannels):
    role: Text = Field(title="Funktion", description="Funktion oder Aufgabe, z. B. „Netzwerkkoordination Frühe Hilfen“.")
    name: Text | None = Field(None, title="Name", description="Name der Person – nur mit ihrer Einwilligung; sonst leer lassen (Funktionspostfach).")
    organisation: Id = Field(title="Organisation", description="Kennung der Organisation, für die die Person arbeitet.", json_schema_extra=ref("organisations"))
    topics: list[str] = Field(default_factory=list, title="Themen", description="Themen aus dem Vokabular topics.", json_schema_extra=vocab("topics"))
    municipalities: list[Id] = Field(
        default_factory=list, title="Zuständig für", description="Kennungen der Sozialräume (leer: ganzer Kreis).", json_schema_extra=ref("municipalities")
    )
    publish: bool = Field(
        title="Veröffentlichen",
        description="true nur, wenn die Person der Veröffentlichung zugestimmt hat. Bei false erscheint der Kontakt nirgends auf der Website.",
    )

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if not self.email and not self.phone:
            raise PydanticCustomError("contact_channel", "Ein Kontakt braucht eine E-Mail-Adresse (email) oder Telefonnummer (phone)", {})
        return self


# ---------------------------------------------------------------------------------------------
# Places to go and things to do


class OpeningHours(Model):
    days: list[Literal["mo", "di", "mi", "do", "fr", "sa", "so"]] = Field(
        title="Wochentage", description="Wochentage als mo, di, mi, do, fr, sa, so.", min_length=1
    )
    opens: str = Field(title="Öffnet", description="Uhrzeit im Format HH:MM, in Anführungszeichen, z. B. \"09:00\".")
    closes: str = Field(title="Schließt", description="Uhrzeit im Format HH:MM, in Anführungszeichen, z. B. \"16:30\".")

    @field_validator("opens", "closes")
    @classmethod
    def _time(cls, v: str) -> str:
        if not TIME_PATTERN.match(v):
            raise PydanticCustomError("time", "„{value}“ ist keine Uhrzeit im Format HH:MM", {"value": v})
        return v

    @model_validator(mode="after")
    def _order(self) -> "OpeningHours":
        if self.closes <= self.opens:
            raise PydanticCustomError("time_order", "Die Schließzeit {closes} liegt nicht nach der Öffnungszeit {opens}", {"opens": self.opens, "closes": self.closes})
        return self


STATUSES = {"aktiv": "aktiv", "voruebergehend-geschlossen": "vorübergehend geschlossen", "beendet": "beendet"}


class Closure(Model):
    start: dt.date = Field(title="Von", description="Erster geschlossener Tag (JJJJ-MM-TT).")
    end: dt.date | None = Field(None, title="Bis", description="Letzter geschlossener Tag; leer: nur der Tag „Von“.")
    note: Text | None = Field(None, title="Hinweis", description="z. B. „Sommerferien“ oder „Feiertag“.")

    @model_validator(mode="after")
    def _order(self) -> "Closure":
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError("closure_order", "Das Ende {end} der Schließzeit liegt vor ihrem Beginn {start}", {"start": str(self.start), "end": str(self.end)})
        return self


class Availability(Model):
    """Mixin: status, opening hours, closures, how to get there; for family centres and offers."""

    status: Literal["aktiv", "voruebergehend-geschlossen", "beendet"] = Field(
        "aktiv", title="Status", description="aktiv, voruebergehend-geschlossen oder beendet. Beendete Einträge erscheinen nicht mehr im Angebotsfinder."
    )
    status_note: Text | None = Field(None, title="Hinweis zum Status", description="z. B. „wegen Umbau bis Ende März geschlossen“.")
    opening_hours: list[OpeningHours] = Field(default_factory=list, title="Öffnungszeiten", description="Regelmäßige Öffnungszeiten je Wochentag (days, opens, closes).")
    opening_hours_note: Text | None = Field(None, title="Hinweis zu Öffnungszeiten", description="z. B. „und nach Vereinbarung“.")
    closures: list[Closure] = Field(default_factory=list, title="Schließzeiten", description="Tage oder Zeiträume, an denen geschlossen ist (start, end, note).")
    mobile: bool = Field(False, title="Mobil", description="true, wenn das Angebot von Ort zu Ort fährt.")
    villages_served: list[Text] = Field(default_factory=list, title="Versorgte Orte", description="Ortsteile und Dörfer, für die es da ist oder die es anfährt.")
    public_transport: Text | None = Field(None, title="Anfahrt", description="Wie man mit Bus und Bahn hinkommt, z. B. „Bus 580, Haltestelle Markt“.")


class AgeRange(Model):
    min: int = Field(0, title="Mindestalter", description="Jüngstes Alter in Jahren (0 für Neugeborene).", ge=0, le=120)
    max: int | None = Field(None, title="Höchstalter", description="Ältestes Alter in Jahren; leer lassen für „ohne Obergrenze“.", ge=0, le=120)

    @model_validator(mode="after")
    def _order(self) -> "AgeRange":
        if self.max is not None and self.max < self.min:
            raise PydanticCustomError("age_order", "Das Höchstalter {max} ist kleiner als das Mindestalter {min}", {"min": self.min, "max": self.max})
        return self


class FamilyCentre(Record, ContactChannels, Availability):
    name: Text = Field(title="Name", description="Name des Familienzentrums.")
    municipality: Id = Field(title="Sozialraum", description="Kennung der Stadt, Gemeinde oder des Amtes.", json_schema_extra=ref("municipalities"))
    address: Address = Field(title="Anschrift", description="Besuchsanschrift.")
    location: Location = Field(title="Lage", description="Koordinaten des Eingangs (lat, lon).")
    operator: Id = Field(title="Träger", description="Kennung der Organisation, die das Zentrum betreibt.", json_schema_extra=ref("organisations"))
    contact: Id | None = Field(None, title="Ansprechperson", description="Kennung des Kontakts.", json_schema_extra=ref("contacts"))
    description: Text | None = Field(None, title="Beschreibung", description="Was das Zentrum ausmacht, in einfachen Worten.")
    accessibility: list[str] = Field(default_factory=list, title="Barrierefreiheit", description="Merkmale aus dem Vokabular accessibility.", json_schema_extra=vocab("accessibility"))
    languages: list[str] = Field(default_factory=list, title="Sprachen", description="Sprachen aus dem Vokabular languages.", json_schema_extra=vocab("languages"))
    ages: AgeRange = Field(default_factory=AgeRange, title="Altersgruppe", description="Für welches Alter das Zentrum da ist (min, max).")
    funding: Text | None = Field(None, title="Finanzierung", description="Wer das Zentrum finanziert, z. B. „dreiseitiger Vertrag Landkreis, Gemeinde, Träger“.")


class Offer(Record, Availability):
    title: Text = Field(title="Titel", description="Kurzer, verständlicher Titel des Angebots.")
    description: Text = Field(title="Beschreibung", description="Was das Angebot ist und wem es hilft.")
    provider: Id = Field(title="Anbieter", description="Kennung der Organisation, die das Angebot macht.", json_schema_extra=ref("organisations"))
    municipality: Id = Field(title="Sozialraum", description="Kennung der Stadt, Gemeinde oder des Amtes.", json_schema_extra=ref("municipalities"))
    family_centre: Id | None = Field(None, title="Familienzentrum", description="Kennung des Familienzentrums, wenn es dort stattfindet.", json_schema_extra=ref("family_centres"))
    place: Text | None = Field(None, title="Ort", description="Wo das Angebot stattfindet, wenn nicht im Familienzentrum.")
    location: Location | None = Field(None, title="Lage", description="Koordinaten des Ortes, wenn nicht im Familienzentrum.")
    topics: list[str] = Field(title="Themen", description="Themen aus dem Vokabular topics (mindestens eines).", min_length=1, json_schema_extra=vocab("topics"))
    target_groups: list[str] = Field(title="Zielgruppen", description="Zielgruppen aus dem Vokabular target_groups.", min_length=1, json_schema_extra=vocab("target_groups"))
    ages: AgeRange | None = Field(None, title="Altersgruppe", description="Für welches Alter (min, max); leer: jedes Alter.")
    schedule: Text | None = Field(None, title="Termine", description="Wann das Angebot stattfindet, z. B. „dienstags 9:30–11:00 Uhr“.")
    cost: Text | None = Field(None, title="Kosten", description="Was es kostet, z. B. „kostenfrei“ oder „3 € pro Termin“.")
    free_of_charge: bool | None = Field(
        None, title="Kostenfrei", description="true, wenn die Teilnahme nichts kostet (auch „Spende erbeten“); false, wenn sie etwas kostet; leer: unbekannt."
    )
    languages: list[str] = Field(default_factory=list, title="Sprachen", description="Sprachen aus dem Vokabular languages.", json_schema_extra=vocab("languages"))
    accessibility: list[str] = Field(default_factory=list, title="Barrierefreiheit", description="Merkmale aus dem Vokabular accessibility.", json_schema_extra=vocab("accessibility"))
    registration: Text | None = Field(None, title="Anmeldung", description="Ob und wie man sich anmeldet.")
    contact: Id | None = Field(None, title="Ansprechperson", description="Kennung des Kontakts.", json_schema_extra=ref("contacts"))
    website: str | None = Field(None, title="Webseite", description="Webseite des Angebots.")

    @field_validator("website")
    @classmethod
    def _website(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, WEB_SCHEMES)


class Network(Record):
    name: Text = Field(title="Name", description="Name des Netzwerks oder Gremiums.")
    type: str = Field(title="Art", description="Art aus dem Vokabular network_types, z. B. sozialraumkonferenz.", json_schema_extra=vocab("network_types"))
    scope: Literal["district", "region", "municipality"] = Field(
        title="Wirkungskreis", description="district (ganzer Kreis), region (Planungsregion) oder municipality (ein oder mehrere Sozialräume)."
    )
    municipalities: list[Id] = Field(default_factory=list, title="Sozialräume", description="Bei scope municipality: Kennungen der Sozialräume.", json_schema_extra=ref("municipalities"))
    regions: list[Id] = Field(default_factory=list, title="Regionen", description="Bei scope region: Kennungen der Planungsregionen.", json_schema_extra=ref("regions"))
    description: Text | None = Field(None, title="Beschreibung", description="Aufgabe und Arbeitsweise.")
    coordinator: Id | None = Field(None, title="Koordination", description="Kennung des Kontakts, der koordiniert.", json_schema_extra=ref("contacts"))
    coordinating_organisation: Id | None = Field(
        None, title="Koordinierende Organisation", description="Kennung der Organisation, die koordiniert.", json_schema_extra=ref("organisations")
    )
    members: list[Id] = Field(default_factory=list, title="Mitglieder", description="Kennungen der beteiligten Organisationen.", json_schema_extra=ref("organisations"))
    meeting_rhythm: Text | None = Field(None, title="Sitzungsrhythmus", description="Wie oft es sich trifft, z. B. „viermal im Jahr“.")
    next_meeting: dt.date | None = Field(None, title="Nächstes Treffen", description="Datum im Format JJJJ-MM-TT.")
    topics: list[str] = Field(default_factory=list, title="Themen", description="Themen aus dem Vokabular topics.", json_schema_extra=vocab("topics"))
    public: bool = Field(True, title="Öffentlich", description="false für interne Gremien: sie erscheinen nicht auf der Website.")

    @model_validator(mode="after")
    def _scope_areas(self) -> "Network":
        if self.scope == "municipality" and not self.municipalities:
            raise PydanticCustomError("scope_areas", "Bei scope „municipality“ fehlt die Liste municipalities", {})
        if self.scope == "region" and not self.regions:
            raise PydanticCustomError("scope_areas", "Bei scope „region“ fehlt die Liste regions", {})
        return self


class Formula(Model):
    """A derived indicator: (sum of numerator indicators) ÷ (sum of denominator indicators) × factor."""

    numerator: list[Id] = Field(
        title="Zähler", description="Kennungen der Kennzahlen, deren Summe im Zähler steht, z. B. [einwohner-65-bis-79, einwohner-ab-80].",
        min_length=1, json_schema_extra=ref("indicators"),
    )
    denominator: list[Id] = Field(
        default_factory=list, title="Nenner",
        description="Kennungen der Kennzahlen, deren Summe im Nenner steht; leer: die Kennzahl ist die Summe des Zählers.",
        json_schema_extra=ref("indicators"),
    )
    factor: float = Field(1, title="Faktor", description="Multiplikator, z. B. 100 für Prozent oder je 100, 1000 für „je 1.000“.", gt=0)


class HintRule(Model):
    """When a unit differs notably from the district (Hinweise für die Bedarfsanalyse)."""

    rule: Literal["ratio", "difference", "none"] | None = Field(
        None, title="Regel",
        description="ratio: Verhältnis zum Kreiswert; difference: Abstand zum Kreiswert in der Einheit der Kennzahl; none: keine Hinweise. Leer: Standard aus atlas.yaml.",
    )
    threshold: float | None = Field(
        None, title="Schwelle",
        description="ratio: ab diesem Verhältnis (z. B. 1.2 = 20 % höher oder entsprechend niedriger); difference: ab diesem Abstand. Leer: Standard aus atlas.yaml.",
        gt=0,
    )
    topics: list[str] = Field(
        default_factory=list, title="Handlungsfelder",
        description="Themen aus dem Vokabular topics, deren Angebote und Netzwerke neben dem Hinweis stehen; leer: das Thema der Kennzahl.",
        json_schema_extra=vocab("topics"),
    )


class SmallNumbers(Model):
    """How values that rest on few cases are treated."""

    flag_below: int | None = Field(
        None, title="Kennzeichnen unter", description="Werte, die auf weniger Fällen beruhen, werden als „unsicher“ gekennzeichnet. Leer: Standard aus atlas.yaml.", ge=0
    )
    suppress_below: int | None = Field(
        None, title="Unterdrücken unter", description="Werte, die auf weniger Fällen beruhen, werden nicht gezeigt. Leer: Standard aus atlas.yaml.", ge=0
    )


class Indicator(Record):
    label: Text = Field(title="Bezeichnung", description="Name der Kennzahl, z. B. „Jugendquotient“.")
    unit: Text = Field(title="Einheit", description="Einheit, z. B. „%“, „Personen“, „km²“ oder „je km²“.")
    description: Text = Field(title="Definition", description="Was die Kennzahl misst, in einem oder zwei Sätzen.")
    source: Text = Field(title="Quelle", description="Datenquelle, z. B. „Amt für Statistik Berlin-Brandenburg“.")
    source_url: str | None = Field(None, title="Link zur Quelle", description="Webadresse der Quelle.")
    licence: Text = Field(title="Lizenz", description="Lizenz der Daten, z. B. „dl-de/by-2-0“.")
    updated: dt.date | None = Field(None, title="Stand", description="Datum, an dem die Werte zuletzt aus der Quelle übernommen wurden (JJJJ-MM-TT).")
    higher_is_better: bool | None = Field(
        None, title="Höher ist besser", description="true, false oder leer lassen, wenn ein höherer Wert weder besser noch schlechter ist."
    )
    decimals: int = Field(1, title="Nachkommastellen", description="Anzahl der angezeigten Nachkommastellen.", ge=0, le=4)
    topic: str | None = Field(None, title="Thema", description="Thema aus dem Vokabular topics.", json_schema_extra=vocab("topics"))
    interpretation: Text | None = Field(None, title="Lesehilfe", description="Wie man die Kennzahl liest.")
    limitations: Text | None = Field(None, title="Grenzen der Aussage", description="Was die Kennzahl nicht aussagen kann.")
    formula: Formula | None = Field(
        None, title="Berechnung",
        description="Nur bei berechneten Kennzahlen: Zähler, Nenner und Faktor. Die Werte werden für jeden Sozialraum, jede Region und den Kreis berechnet.",
    )
    aggregation: Literal["sum", "none"] = Field(
        "none", title="Zusammenfassung",
        description="sum: Werte der Sozialräume werden für Regionen und den Kreis addiert (Anzahlen wie Einwohner); none: nicht zusammenfassbar (Quoten ohne Zähler und Nenner). Berechnete Kennzahlen werden immer aus Zähler und Nenner neu berechnet.",
    )
    hints: HintRule = Field(default_factory=HintRule, title="Hinweise", description="Wann ein Sozialraum als auffällig gilt.")
    small_numbers: SmallNumbers | None = Field(
        None, title="Kleine Fallzahlen",
        description="Schwellen für Werte, die auf wenigen Fällen beruhen. Berechnete Kennzahlen nutzen sonst den Standard aus atlas.yaml; erhobene Anzahlen nur, wenn hier angegeben.",
    )
    profile: bool = Field(
        True, title="Im Sozialraumprofil", description="false: die Kennzahl erscheint nicht in den Tabellen der Sozialraumprofile (z. B. Altersgruppen, aus denen Quoten berechnet werden), aber auf ihrer eigenen Seite."
    )
    article: Literal["der", "die", "das"] | None = Field(
        None, title="Artikel", description="Artikel der Bezeichnung für Sätze wie „Der Altenquotient liegt …“; leer: „Der Wert „…“ liegt …“."
    )
    classification: Literal["quantiles", "jenks"] = Field(
        "quantiles", title="Klassenbildung", description="Wie die Karte Klassen bildet: quantiles (gleich viele Gebiete je Klasse) oder jenks (natürliche Brüche)."
    )
    classes: int = Field(5, title="Anzahl der Klassen", description="Anzahl der Farbklassen der Karte.", ge=2, le=7)

    @field_validator("source_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, WEB_SCHEMES)

    @model_validator(mode="after")
    def _derived(self) -> "Indicator":
        if self.formula is not None and self.aggregation != "none":
            raise PydanticCustomError(
                "formula_aggregation", "Eine berechnete Kennzahl (formula) wird immer aus Zähler und Nenner neu berechnet; bitte aggregation weglassen", {}
            )
        if self.formula is not None and self.id in self.formula.numerator + self.formula.denominator:
            raise PydanticCustomError("formula_self", "Die Berechnung (formula) darf die Kennzahl nicht selbst enthalten", {})
        return self


# ---------------------------------------------------------------------------------------------
# Goals and results of the Sozialraumkonferenzen


class Target(Record):
    """A target (Ziel) in one of the four perspectives, measured by an indicator."""

    title: Text = Field(title="Ziel", description="Das Ziel in einem Satz, z. B. „Mehr Pflegebedürftige werden zu Hause versorgt“.")
    field: str = Field(title="Handlungsfeld", description="Handlungsfeld aus dem Vokabular target_fields, z. B. hilfe-zur-pflege.", json_schema_extra=vocab("target_fields"))
    perspective: str = Field(title="Perspektive", description="Perspektive aus dem Vokabular target_perspectives, z. B. betroffene.", json_schema_extra=vocab("target_perspectives"))
    indicator: Id = Field(title="Kennzahl", description="Kennung der Kennzahl, an der das Ziel gemessen wird.", json_schema_extra=ref("indicators"))
    direction: Literal["at_least", "at_most"] = Field(
        title="Richtung", description="at_least: der Wert soll mindestens den Zielwert erreichen; at_most: höchstens den Zielwert betragen."
    )
    target_value: float = Field(title="Zielwert", description="Der angestrebte Wert, in der Einheit der Kennzahl.")
    target_year: int = Field(title="Zieljahr", description="Bis zu welchem Jahr der Zielwert erreicht sein soll.", ge=1900, le=2200)
    baseline_year: int | None = Field(
        None, title="Ausgangsjahr", description="Jahr des Ausgangswerts für „auf Kurs“; leer: das früheste Jahr mit Wert.", ge=1900, le=2200
    )
    scope: Literal["district", "all_municipalities", "municipalities", "regions"] = Field(
        title="Geltungsbereich",
        description="district: der Landkreis; all_municipalities: jeder Sozialraum einzeln; municipalities: die genannten Sozialräume; regions: die genannten Planungsregionen.",
    )
    municipalities: list[Id] = Field(default_factory=list, title="Sozialräume", description="Bei scope municipalities: Kennungen der Sozialräume.", json_schema_extra=ref("municipalities"))
    regions: list[Id] = Field(default_factory=list, title="Regionen", description="Bei scope regions: Kennungen der Planungsregionen.", json_schema_extra=ref("regions"))
    description: Text | None = Field(None, title="Erläuterung", description="Warum das Ziel gilt und wie es erreicht werden soll.")
    responsible: Text | None = Field(None, title="Verantwortlich", description="Wer für das Ziel verantwortlich ist, z. B. „Fachdienst 51“.")
    decided: Text | None = Field(None, title="Beschlossen", description="Wo und wann das Ziel beschlossen wurde, z. B. „Sozialraumvertrag 2019“.")

    @model_validator(mode="after")
    def _scope_areas(self) -> "Target":
        if self.scope == "municipalities" and not self.municipalities:
            raise PydanticCustomError("scope_areas", "Bei scope „municipalities“ fehlt die Liste municipalities", {})
        if self.scope == "regions" and not self.regions:
            raise PydanticCustomError("scope_areas", "Bei scope „regions“ fehlt die Liste regions", {})
        if self.baseline_year is not None and self.baseline_year >= self.target_year:
            raise PydanticCustomError("target_years", "Das Ausgangsjahr {baseline} muss vor dem Zieljahr {target} liegen", {"baseline": self.baseline_year, "target": self.target_year})
        return self


class Swot(Model):
    strengths: list[Text] = Field(default_factory=list, title="Stärken", description="Stärken des Sozialraums.")
    weaknesses: list[Text] = Field(default_factory=list, title="Schwächen", description="Schwächen des Sozialraums.")
    opportunities: list[Text] = Field(default_factory=list, title="Chancen", description="Chancen für den Sozialraum.")
    risks: list[Text] = Field(default_factory=list, title="Risiken", description="Risiken für den Sozialraum.")


class Need(Model):
    id: Id = Field(title="Kennung", description="Kurze Kennung des Handlungsbedarfs in dieser Datei, z. B. mobilitaet-aeltere.")
    title: Text = Field(title="Handlungsbedarf", description="Der Handlungsbedarf in einem Satz.")
    topic: str | None = Field(None, title="Thema", description="Thema aus dem Vokabular topics.", json_schema_extra=vocab("topics"))
    description: Text | None = Field(None, title="Erläuterung", description="Woraus der Bedarf abgeleitet ist.")


MEASURE_STATUSES = {"geplant": "geplant", "in-umsetzung": "in Umsetzung", "umgesetzt": "umgesetzt", "zurueckgestellt": "zurückgestellt"}


class Measure(Model):
    title: Text = Field(title="Maßnahme", description="Was getan wird.")
    need: Id | None = Field(None, title="Handlungsbedarf", description="Kennung des Handlungsbedarfs (needs) in dieser Datei, auf den die Maßnahme antwortet.")
    responsible: Text = Field(title="Verantwortlich", description="Wer die Maßnahme in eigener Zuständigkeit umsetzt, z. B. „Stadt Teltow, Fachbereich Soziales“.")
    organisation: Id | None = Field(None, title="Organisation", description="Kennung der verantwortlichen Organisation, falls sie im Atlas steht.", json_schema_extra=ref("organisations"))
    status: Literal["geplant", "in-umsetzung", "umgesetzt", "zurueckgestellt"] = Field(
        title="Stand", description="geplant, in-umsetzung, umgesetzt oder zurueckgestellt."
    )
    due: dt.date | None = Field(None, title="Bis", description="Bis wann (JJJJ-MM-TT).")
    note: Text | None = Field(None, title="Hinweis", description="Stand oder Erläuterung.")


class Conference(Record):
    """Results of one Sozialraumkonferenz: SWOT, Handlungsbedarfe, Maßnahmen in eigener Zuständigkeit."""

    municipality: Id = Field(title="Sozialraum", description="Kennung des Sozialraums.", json_schema_extra=ref("municipalities"))
    network: Id | None = Field(None, title="Gremium", description="Kennung des Netzwerks (der Sozialraumkonferenz), falls eingetragen.", json_schema_extra=ref("networks"))
    date: dt.date = Field(title="Datum", description="Datum der Konferenz (JJJJ-MM-TT).")
    title: Text | None = Field(None, title="Titel", description="z. B. „Sozialraumkonferenz Herbst 2025“; leer: aus Sozialraum und Datum.")
    participants: Text | None = Field(None, title="Teilnehmende", description="Wer teilgenommen hat (Gruppen, keine Namen).")
    swot: Swot = Field(default_factory=Swot, title="SWOT-Analyse", description="Stärken, Schwächen, Chancen und Risiken.")
    needs: list[Need] = Field(default_factory=list, title="Handlungsbedarfe", description="Abgeleitete Handlungsbedarfe.")
    measures: list[Measure] = Field(default_factory=list, title="Maßnahmen", description="Vereinbarte Maßnahmen in eigener Zuständigkeit.")

    @model_validator(mode="after")
    def _needs(self) -> "Conference":
        ids = [n.id for n in self.needs]
        for need_id in ids:
            if ids.count(need_id) > 1:
                raise PydanticCustomError("need_unique", "Der Handlungsbedarf „{need}“ steht doppelt in needs", {"need": need_id})
        for measure in self.measures:
            if measure.need is not None and measure.need not in ids:
                raise PydanticCustomError(
                    "need_ref", "Maßnahme „{title}“: Handlungsbedarf „{need}“ steht nicht unter needs in dieser Datei", {"title": measure.title, "need": measure.need}
                )
        return self


# ---------------------------------------------------------------------------------------------
# Configuration of one atlas (data/atlas.yaml) and its vocabularies (data/vocabularies.yaml)


class Tiles(Model):
    url: str = Field(title="Kachel-Adresse", description="URL-Vorlage der Hintergrundkarte mit {z}, {x}, {y}.")
    attribution: Text = Field(title="Quellenvermerk", description="Pflichtangabe der Kartenquelle (HTML-Links erlaubt).")
    provider: Text = Field(title="Anbieter", description="Wer die Kacheln ausliefert; steht im Einwilligungshinweis.")
    max_zoom: int = Field(18, title="Größte Zoomstufe", description="Größte Zoomstufe der Kacheln.", ge=1, le=22)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return check_url(v, ("https",))


class Bounds(Model):
    south: float = Field(title="Süden", description="Südlichster Breitengrad.")
    west: float = Field(title="Westen", description="Westlichster Längengrad.")
    north: float = Field(title="Norden", description="Nördlichster Breitengrad.")
    east: float = Field(title="Osten", description="Östlichster Längengrad.")


class MapSettings(Model):
    bounds: Bounds = Field(title="Kartenausschnitt", description="Rechteck um das Gebiet; Koordinaten außerhalb gelten als Fehler.")
    tiles: Tiles | None = Field(
        None, title="Hintergrundkarte", description="Kachelquelle; leer: keine Hintergrundkarte. Kacheln laden erst nach Einwilligung."
    )


class Licence(Model):
    id: Text = Field(title="Kürzel", description="z. B. „dl-de/by-2-0“ oder „CC-BY-4.0“.")
    name: Text = Field(title="Name", description="Voller Name der Lizenz.")
    url: str = Field(title="Adresse", description="Link zum Lizenztext.")

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return check_url(v, WEB_SCHEMES)


class ProfileSettings(Model):
    """Defaults of the Sozialraumprofile; each indicator may override them."""

    hint_rule: Literal["ratio", "difference", "none"] = Field(
        "ratio", title="Regel für Hinweise", description="ratio (Verhältnis zum Kreiswert), difference (Abstand) oder none."
    )
    hint_threshold: float = Field(
        1.2, title="Schwelle für Hinweise",
        description="Bei ratio: ab welchem Verhältnis ein Wert auffällt (1.2: mindestens 1,2-mal so hoch oder höchstens 1/1,2 so hoch wie im Kreis).", gt=0,
    )
    flag_below: int = Field(20, title="Unsicher unter", description="Berechnete Werte aus weniger Fällen (Zähler) gelten als unsicher.", ge=0)
    suppress_below: int = Field(3, title="Unterdrücken unter", description="Berechnete Werte aus weniger Fällen werden nicht gezeigt (Datenschutz).", ge=0)
    rank_table_rows: int = Field(
        30, title="Rangtabelle im Profil", ge=10,
        description="Bis zu so vielen Sozialräumen zeigt das Profil die ganze Rangfolge als Tabelle, darüber einen Auszug "
                    "(erste drei, Nachbarn, letzte drei); die ganze Rangfolge steht im Indikatorenblatt.",
    )


class SearchSettings(Model):
    """How much the site search indexes (generator/pages/search_compact.py)."""

    index: Literal["auto", "full", "compact"] = Field(
        "auto", title="Suchindex",
        description="full: jeder Abschnitt jeder Seite mit ganzem Text; compact: je Seite Titel, Suchwörter (Orte, Zielgruppen) "
                    "und der Anfang der Einleitung – für sehr große Atlanten (ein Land, ganz Deutschland); auto: compact ab "
                    "compact_above_records Einträgen.",
    )
    compact_above_records: int = Field(
        3000, title="Kompakt ab Einträgen", ge=0,
        description="Bei index: auto wird der Suchindex kompakt, wenn der Atlas mehr Einträge mit eigener Seite hat "
                    "(Sozialräume, Familienzentren, Angebote, Netzwerke, Ansprechpersonen, Organisationen).",
    )
    text_chars: int = Field(
        160, title="Textlänge im kompakten Index", ge=0, le=1000,
        description="Wie viele Zeichen der Einleitung einer Seite der kompakte Index für die Trefferliste behält (0: keine).",
    )


class ListSettings(Model):
    """When the overview lists of offers and contacts are split into one page per planning region (issue 7)."""

    split_by_region_above: int = Field(
        1000, title="Listen je Planungsregion ab", ge=0,
        description="Hat der Atlas Planungsregionen und mehr aktuelle Angebote als diese Zahl, stehen die Übersichten "
                    "„Angebote nach Thema, Zielgruppe, Alter und Ort“, der Angebotsfinder und „In meiner Nähe“ je Planungsregion "
                    "auf eigenen Seiten; die Übersichtsseite nennt dann die Planungsregionen mit der Zahl ihrer Angebote "
                    "(Angebotsfinder und „In meiner Nähe“ mit einem Ortsfeld, das zur Seite der Planungsregion führt).",
    )
    split_contacts_by_region_above: int = Field(
        300, title="Ansprechpersonen je Planungsregion ab", ge=0,
        description="Hat der Atlas Planungsregionen und mehr veröffentlichte Ansprechpersonen als diese Zahl, stehen die Übersichten "
                    "„Ansprechpersonen nach Thema und nach Sozialraum“ je Planungsregion auf eigenen Seiten.",
    )


# --- legal pages: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit (generator/pages/legal.py)


class LegalBody(ContactChannels):
    """An authority or office with postal address and contact channels."""

    name: Text = Field(title="Name", description="Name der Stelle, z. B. „Landkreis Musterkreis“ oder eine Aufsichtsbehörde.")
    address: Address | None = Field(None, title="Anschrift", description="Postanschrift (street, postal_code, city).")


class LegalProvider(LegalBody):
    legal_form: Text | None = Field(None, title="Rechtsform", description="z. B. „Körperschaft des öffentlichen Rechts“.")
    represented_by: Text = Field(
        title="Vertreten durch", description="Wer die Stelle vertritt, mit Funktion, z. B. „die Landrätin oder der Landrat“ (§ 5 DDG)."
    )
    vat_id: Annotated[str, StringConstraints(pattern=r"^DE[0-9]{9}$")] | None = Field(
        None, title="Umsatzsteuer-Identifikationsnummer", description="Nur falls vorhanden, z. B. DE123456789."
    )


class LegalResponsible(Model):
    function: Text = Field(title="Funktion", description="Funktion der verantwortlichen Person, z. B. „Leitung der Sozialplanung“.")
    name: Text | None = Field(None, title="Name", description="Name der verantwortlichen Person (§ 18 Abs. 2 MStV).")
    address: Address | None = Field(None, title="Anschrift", description="Anschrift; leer: wie beim Anbieter.")


class PrivacySettings(Model):
    controller: LegalBody | None = Field(None, title="Verantwortliche Stelle", description="Verantwortlicher nach Art. 4 Nr. 7 DSGVO; leer: der Anbieter.")
    officer: LegalBody = Field(title="Datenschutzbeauftragte", description="Behördliche Datenschutzbeauftragte: Funktion als name, dazu E-Mail oder Anschrift.")
    authority: LegalBody = Field(title="Aufsichtsbehörde für den Datenschutz", description="Zuständige Datenschutz-Aufsichtsbehörde des Landes.")
    hosting: Text | None = Field(None, title="Hosting", description="Wer den Webserver im Auftrag betreibt.")
    log_days: int | None = Field(None, title="Speicherdauer der Server-Protokolle", description="Nach wie vielen Tagen die Protokolle gelöscht werden.", ge=0, le=365)
    legal_basis: Text | None = Field(None, title="Rechtsgrundlage", description="Landesrechtliche Vorschrift zu Art. 6 Abs. 1 Buchst. e DSGVO, z. B. des Landesdatenschutzgesetzes.")


class AccessibilityLimitation(Model):
    title: Text = Field(title="Inhalt", description="Was nicht barrierefrei ist, z. B. „Karten“.")
    description: Text = Field(title="Beschreibung", description="Worin die Barriere besteht.")
    alternative: Text | None = Field(None, title="Alternative", description="Wie man die Inhalte trotzdem erreicht.")


class AccessibilitySettings(Model):
    status: Literal["vollstaendig", "teilweise", "nicht"] = Field(
        title="Stand der Vereinbarkeit", description="vollstaendig, teilweise oder nicht (vereinbar mit den Anforderungen)."
    )
    law: Text | None = Field(None, title="Rechtsgrundlage", description="z. B. „Brandenburgisches Behindertengleichstellungsgesetz (BbgBGG) und BbgBITV“.")
    limitations: list[AccessibilityLimitation] = Field(default_factory=list, title="Nicht barrierefreie Inhalte", description="Bekannte Einschränkungen.")
    date: dt.date = Field(title="Erstellt am", description="Datum der Erklärung (JJJJ-MM-TT).")
    reviewed: dt.date | None = Field(None, title="Zuletzt überprüft", description="Datum der letzten Überprüfung (JJJJ-MM-TT).")
    method: Text = Field(
        "Selbstbewertung und automatische Tests", title="Prüfverfahren", description="z. B. „Selbstbewertung und automatische Tests“ oder eine Prüfstelle."
    )
    feedback: LegalBody = Field(title="Kontakt für Barrieren", description="Wo man Barrieren meldet (Feedback-Mechanismus): name und E-Mail.")
    enforcement: LegalBody = Field(title="Durchsetzungsstelle", description="Zuständige Durchsetzungs- oder Schlichtungsstelle, mit website.")


class LegalTexts(Model):
    impressum: Text | None = Field(None, title="Zusatz Impressum", description="Weiterer Text am Ende des Impressums.")
    datenschutz: Text | None = Field(None, title="Zusatz Datenschutz", description="Weiterer Text am Ende der Datenschutzerklärung.")
    barrierefreiheit: Text | None = Field(None, title="Zusatz Barrierefreiheit", description="Weiterer Text am Ende der Erklärung zur Barrierefreiheit.")


class LegalSettings(Model):
    example: bool = Field(False, title="Mustertext", description="true, solange die Angaben Platzhalter sind: die Seiten tragen dann den Hinweis „Mustertext“.")
    provider: LegalProvider = Field(title="Anbieter", description="Anbieter nach § 5 DDG: Behörde mit Anschrift, Vertretung und Kontakt.")
    responsible: LegalResponsible = Field(title="Verantwortlich für den Inhalt", description="Nach § 18 Abs. 2 MStV.")
    supervisory_authority: LegalBody | None = Field(None, title="Aufsichtsbehörde", description="z. B. die Kommunalaufsicht.")
    privacy: PrivacySettings = Field(title="Datenschutz", description="Angaben für die Datenschutzerklärung.")
    accessibility: AccessibilitySettings = Field(title="Barrierefreiheit", description="Angaben für die Erklärung zur Barrierefreiheit.")
    texts: LegalTexts = Field(default_factory=lambda: LegalTexts(), title="Zusätzliche Texte", description="Freie Zusätze je Seite.")


class AtlasConfig(Model):
    title: Text = Field(title="Titel", description="Titel der Website, z. B. „Sozialraumatlas Potsdam-Mittelmark“.")
    description: Text = Field(title="Beschreibung", description="Ein Satz, was der Atlas ist (für Suchmaschinen und die Startseite).")
    intro: Text | None = Field(None, title="Einleitung", description="Text auf der Startseite.")
    publisher: Text = Field(title="Herausgeber", description="Wer den Atlas herausgibt.")
    site_url: str | None = Field(None, title="Adresse der Website", description="Öffentliche Adresse, z. B. https://atlas.example.org/.")
    data_date: dt.date = Field(title="Datenstand", description="Datum des Datenstands (JJJJ-MM-TT).")
    licence: Licence = Field(
        default_factory=lambda: Licence(
            id="dl-de/by-2-0", name="Datenlizenz Deutschland – Namensnennung – Version 2.0", url="https://www.govdata.de/dl-de/by-2-0"
        ),
        title="Lizenz",
        description="Lizenz der veröffentlichten Daten; leer: Datenlizenz Deutschland – Namensnennung 2.0 (dl-de/by-2-0). Für CC BY 4.0: id CC-BY-4.0.",
    )
    example_notice: Text | None = Field(
        None, title="Hinweis auf Beispieldaten", description="Text des Hinweises auf Seiten mit Beispieldaten; leer: Standardtext."
    )
    unit_label: Text = Field("Sozialraum", title="Bezeichnung der Planungseinheit", description="Wie die Planungseinheit heißt, z. B. „Sozialraum“.")
    map: MapSettings = Field(title="Karten", description="Einstellungen der Karten.")
    legal: LegalSettings | None = Field(None, title="Rechtliche Angaben", description="Impressum, Datenschutz und Barrierefreiheit; fehlt der Abschnitt, meldet `atlas check` es.")
    report_url: str | None = Field(
        None, title="Fehler melden",
        description="mailto:-Adresse oder https-Adresse eines Formulars, an die Leser Fehler melden. In einer https-Adresse werden {title}, {url} und {id} durch Angaben zur Seite ersetzt.",
    )
    review_months: int = Field(
        12, title="Prüfintervall in Monaten", description="Nach wie vielen Monaten ohne Prüfung (reviewed) ein Eintrag als „länger nicht geprüft“ gilt.", ge=1, le=120
    )
    profiles: ProfileSettings = Field(default_factory=lambda: ProfileSettings(), title="Sozialraumprofile", description="Standards für Hinweise und kleine Fallzahlen.")
    search: SearchSettings = Field(default_factory=lambda: SearchSettings(), title="Suche", description="Was die Suche der Website erfasst; für große Atlanten kompakt.")
    lists: ListSettings = Field(
        default_factory=lambda: ListSettings(), title="Übersichtslisten",
        description="Ab welcher Größe die Übersichten der Angebote und Ansprechpersonen je Planungsregion geteilt werden.",
    )

    @field_validator("site_url")
    @classmethod
    def _site(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, WEB_SCHEMES)

    @field_validator("report_url")
    @classmethod
    def _report(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, ("https", "mailto"))


class Term(Model):
    id: Id = Field(title="Kennung", description="Kennung des Begriffs in Kleinbuchstaben.")
    label: Text = Field(title="Bezeichnung", description="Wie der Begriff auf der Website heißt.")
    description: Text | None = Field(None, title="Erläuterung", description="Kurze Erläuterung.")
    keywords: list[Text] = Field(
        default_factory=list, title="Suchwörter",
        description="Weitere Wörter, unter denen die Suche Angebote mit dieser Zielgruppe oder diesem Thema findet, z. B. „Senioren“, „Kinder unter 3“.",
    )


class Vocabularies(Model):
    topics: list[Term] = Field(title="Themen", description="Themen der Angebote, Netzwerke und Kontakte.", min_length=1)
    target_groups: list[Term] = Field(title="Zielgruppen", description="Für wen Angebote da sind.", min_length=1)
    network_types: list[Term] = Field(title="Arten von Netzwerken", description="Arten von Netzwerken und Gremien.", min_length=1)
    organisation_types: list[Term] = Field(title="Arten von Organisationen", description="Arten von Organisationen.", min_length=1)
    accessibility: list[Term] = Field(title="Barrierefreiheit", description="Merkmale der Barrierefreiheit.", min_length=1)
    languages: list[Term] = Field(title="Sprachen", description="Sprachen, in denen Angebote stattfinden.", min_length=1)
    target_fields: list[Term] = Field(default_factory=list, title="Handlungsfelder der Ziele", description="z. B. Kinder- und Jugendhilfe, Eingliederungshilfe, Hilfe zur Pflege.")
    target_perspectives: list[Term] = Field(
        default_factory=list, title="Perspektiven der Ziele", description="z. B. Betroffene, Angehörige, Gemeinwesen, Fachkräfte."
    )


# ---------------------------------------------------------------------------------------------
# The record kinds: folder in data/, class, German name (for messages and pages)


class Kind:
    def __init__(self, name: str, folder: str, model: type[Record], label: str) -> None:
        self.name, self.folder, self.model, self.label = name, folder, model, label


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("regions", "regions", Region, "Planungsregion"),
        Kind("municipalities", "municipalities", Municipality, "Sozialraum (Stadt, Gemeinde, Amt)"),
        Kind("organisations", "organisations", Organisation, "Organisation"),
        Kind("contacts", "contacts", Contact, "Kontakt"),
        Kind("family_centres", "family_centres", FamilyCentre, "Familienzentrum"),
        Kind("offers", "offers", Offer, "Angebot"),
        Kind("networks", "networks", Network, "Netzwerk"),
        Kind("indicators", "indicators", Indicator, "Kennzahl"),
        Kind("targets", "targets", Target, "Ziel"),
        Kind("conferences", "conferences", Conference, "Ergebnisse einer Sozialraumkonferenz"),
    )
}
DISTRICT_FILE = "district.yaml"
CONFIG_FILE = "atlas.yaml"
VOCABULARIES_FILE = "vocabularies.yaml"
INDICATOR_VALUES_GLOB = "indicators/*.csv"
