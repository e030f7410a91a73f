"""Indicators: definitions (label, unit, source, formula, hints, small-number rules); values live in CSV."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ...core.formatting import counts_persons
from .base import Date, Id, Model, Record, Text, WebUrl, ref, vocab


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
    source: Text = Field(title="Quelle", description="Datenquelle, z. B. das Statistische Landesamt oder die Bundesagentur für Arbeit.")
    source_url: WebUrl | None = Field(None, title="Link zur Quelle", description="Webadresse der Quelle.")
    licence: Text = Field(title="Lizenz", description="Lizenz der Daten, z. B. „dl-de/by-2-0“.")
    updated: Date | None = Field(None, title="Stand", description="Datum, an dem die Werte zuletzt aus der Quelle übernommen wurden (JJJJ-MM-TT).")
    higher_is_better: bool | None = Field(
        None, title="Höher ist besser", description="true, false oder leer lassen, wenn ein höherer Wert weder besser noch schlechter ist."
    )
    decimals: int | None = Field(  # an int once validated (_derived)
        None, title="Nachkommastellen",
        description="Anzahl der angezeigten Nachkommastellen; leer: 1. Anzahlen von Personen (Einheit „Personen“, „Einwohner“, „Kinder“ …) stehen immer als ganze Zahl.",
        ge=0, le=4,
    )
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


    @model_validator(mode="after")
    def _derived(self) -> "Indicator":
        if counts_persons(self.unit):
            self.decimals = 0  # people are whole: „117.800 Personen“, never „117.800,0“
        elif self.decimals is None:
            self.decimals = 1
        if self.formula is not None and self.aggregation != "none":
            raise PydanticCustomError(
                "formula_aggregation", "Eine berechnete Kennzahl (formula) wird immer aus Zähler und Nenner neu berechnet; bitte aggregation weglassen", {}
            )
        if self.formula is not None and self.id in self.formula.numerator + self.formula.denominator:
            raise PydanticCustomError("formula_self", "Die Berechnung (formula) darf die Kennzahl nicht selbst enthalten", {})
        return self
