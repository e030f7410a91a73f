"""Planning: targets in four perspectives and the results of Sozialraumkonferenzen (SWOT, needs, measures)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Date, Id, Model, Record, Text, ref, vocab


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
    responsible: Text = Field(title="Verantwortlich", description="Wer die Maßnahme in eigener Zuständigkeit umsetzt, z. B. „Stadt Musterstadt, Fachbereich Soziales“.")
    organisation: Id | None = Field(None, title="Organisation", description="Kennung der verantwortlichen Organisation, falls sie im Atlas steht.", json_schema_extra=ref("organisations"))
    status: Literal["geplant", "in-umsetzung", "umgesetzt", "zurueckgestellt"] = Field(
        title="Stand", description="geplant, in-umsetzung, umgesetzt oder zurueckgestellt."
    )
    due: Date | None = Field(None, title="Bis", description="Bis wann (JJJJ-MM-TT).")
    note: Text | None = Field(None, title="Hinweis", description="Stand oder Erläuterung.")


class Conference(Record):
    """Results of one Sozialraumkonferenz: SWOT, Handlungsbedarfe, Maßnahmen in eigener Zuständigkeit."""

    municipality: Id = Field(title="Sozialraum", description="Kennung des Sozialraums.", json_schema_extra=ref("municipalities"))
    network: Id | None = Field(None, title="Gremium", description="Kennung des Netzwerks (der Sozialraumkonferenz), falls eingetragen.", json_schema_extra=ref("networks"))
    date: Date = Field(title="Datum", description="Datum der Konferenz (JJJJ-MM-TT).")
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
