"""Actors: organisations and the contact persons published with their consent."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Address, ContactChannels, Id, Record, Text, ref, vocab
from .offers import OpeningHours


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
    opening_hours: list[OpeningHours] = Field(
        default_factory=list, title="Öffnungszeiten", description="Sprechzeiten je Wochentag (days, opens, closes), z. B. einer Behörde."
    )
    opening_hours_note: Text | None = Field(None, title="Hinweis zu Öffnungszeiten", description="z. B. „und nach Vereinbarung“.")


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
