"""Networks and committees: Sozialraumkonferenzen, Fachkräfteteams, Runde Tische and others."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Date, Id, Record, Text, ref, vocab


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
    next_meeting: Date | None = Field(None, title="Nächstes Treffen", description="Datum im Format JJJJ-MM-TT.")
    topics: list[str] = Field(default_factory=list, title="Themen", description="Themen aus dem Vokabular topics.", json_schema_extra=vocab("topics"))
    public: bool = Field(True, title="Öffentlich", description="false für interne Gremien: sie erscheinen nicht auf der Website.")

    @model_validator(mode="after")
    def _scope_areas(self) -> "Network":
        if self.scope == "municipality" and not self.municipalities:
            raise PydanticCustomError("scope_areas", "Bei scope „municipality“ fehlt die Liste municipalities", {})
        if self.scope == "region" and not self.regions:
            raise PydanticCustomError("scope_areas", "Bei scope „region“ fehlt die Liste regions", {})
        return self
