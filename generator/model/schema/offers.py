"""Offers for residents: family centres and offers, with opening hours, closures, status and ages."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import TIME_PATTERN, Address, ContactChannels, Date, I18nText, Id, Location, Model, Record, Text, WebUrl, ref, vocab


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
    start: Date = Field(title="Von", description="Erster geschlossener Tag (JJJJ-MM-TT).")
    end: Date | None = Field(None, title="Bis", description="Letzter geschlossener Tag; leer: nur der Tag „Von“.")
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
    municipality: Id = Field(title="Sozialraum", description="Kennung des Sozialraums.", json_schema_extra=ref("municipalities"))
    address: Address = Field(title="Anschrift", description="Besuchsanschrift.")
    location: Location = Field(title="Lage", description="Koordinaten des Eingangs (lat, lon).")
    operator: Id = Field(title="Träger", description="Kennung der Organisation, die das Zentrum betreibt.", json_schema_extra=ref("organisations"))
    contact: Id | None = Field(None, title="Ansprechperson", description="Kennung des Kontakts.", json_schema_extra=ref("contacts"))
    description: I18nText | None = Field(
        None, title="Beschreibung", description="Was das Zentrum ausmacht, in einfachen Worten. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw."
    )
    accessibility: list[str] = Field(default_factory=list, title="Barrierefreiheit", description="Merkmale aus dem Vokabular accessibility.", json_schema_extra=vocab("accessibility"))
    languages: list[str] = Field(default_factory=list, title="Sprachen", description="Sprachen aus dem Vokabular languages.", json_schema_extra=vocab("languages"))
    ages: AgeRange = Field(default_factory=AgeRange, title="Altersgruppe", description="Für welches Alter das Zentrum da ist (min, max).")
    funding: Text | None = Field(None, title="Finanzierung", description="Wer das Zentrum finanziert, z. B. „dreiseitiger Vertrag Landkreis, Gemeinde, Träger“.")


class Offer(Record, Availability):
    title: Text = Field(title="Titel", description="Kurzer, verständlicher Titel des Angebots.")
    description: I18nText = Field(
        title="Beschreibung", description="Was das Angebot ist und wem es hilft. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw."
    )
    provider: Id = Field(title="Anbieter", description="Kennung der Organisation, die das Angebot macht.", json_schema_extra=ref("organisations"))
    municipality: Id = Field(title="Sozialraum", description="Kennung des Sozialraums.", json_schema_extra=ref("municipalities"))
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
    website: WebUrl | None = Field(None, title="Webseite", description="Webseite des Angebots.")

