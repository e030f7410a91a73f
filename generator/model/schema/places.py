"""Places: the district, planning regions, municipal units (Sozialräume) and their member municipalities."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from ...core.formatting import counts_persons
from .base import Address, Id, Location, Model, Population, Record, Text, WebUrl, ref, vocab


class KeyFigure(Model):
    label: Text = Field(title="Bezeichnung", description="Name der Kennzahl, z. B. „Einpendler“.")
    value: float = Field(title="Wert", description="Die Zahl, mit Punkt als Dezimaltrennzeichen.")
    unit: str | None = Field(None, title="Einheit", description="Einheit, z. B. „%“, „km²“ oder „Personen“.")
    reference: Text | None = Field(None, title="Bezug", description="Jahr oder Stand, z. B. „2013“ oder „Prognose 2040“.")
    decimals: int = Field(0, title="Nachkommastellen", description="Anzahl der angezeigten Nachkommastellen; Anzahlen von Personen stehen immer als ganze Zahl.", ge=0, le=4)
    note: Text | None = Field(None, title="Hinweis", description="Erläuterung zur Kennzahl.")
    source: Text | None = Field(None, title="Quelle", description="Woher die Zahl stammt.")

    @model_validator(mode="after")
    def _whole_persons(self) -> "KeyFigure":
        if counts_persons(self.unit):
            self.decimals = 0  # people are whole: „117.800 Personen“, never „117.800,0“
        return self


class District(Record):
    """The atlas' own area: a Landkreis, Kreis, kreisfreie Stadt, Region or Land (its kind: area_kinds.py)."""

    name: Text = Field(title="Name", description="Amtlicher Name, z. B. „Landkreis Musterkreis“.")
    short_name: Text | None = Field(None, title="Kurzname", description="Kurzer Name für Überschriften und Tabellen.")
    kind: Id | None = Field(
        None, title="Art des Gebiets",
        description="landkreis, kreis, kreisfreie-stadt, stadtkreis, region oder land (Vokabular area_kinds); bestimmt die Wörter der Website "
        "(„Profil der Stadt“, „stadtweit“). Leer: aus dem Namen („Stadt …“, „Region …“, „Land …“) und bei zweistelligem Schlüssel land, sonst landkreis.",
        json_schema_extra=vocab("area_kinds"),
    )
    key: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}([0-9]{3})?$")] = Field(
        title="Amtlicher Schlüssel",
        description="Fünfstelliger amtlicher Kreisschlüssel (auch bei einer kreisfreien Stadt); bei einem Atlas für ein ganzes Land der zweistellige Landesschlüssel. "
        "Alle Schlüssel der Sozialräume und Gemeinden beginnen damit.",
    )
    seat: Text = Field(title="Sitz der Verwaltung", description="Kreisstadt, Sitz der Stadtverwaltung oder Landeshauptstadt.")
    area_km2: float | None = Field(None, title="Fläche in km²", description="Fläche des Gebiets in Quadratkilometern; ohne Angabe zeigt die Website keine Fläche.", gt=0)
    population: Population | None = Field(None, title="Einwohnerzahl", description="Einwohnerzahl mit Stichtag und Quelle.")
    description: Text | None = Field(None, title="Beschreibung", description="Einleitender Text für die Seite des Gebiets (Markdown erlaubt keine HTML-Tags).")
    key_figures: list[KeyFigure] = Field(default_factory=list, title="Kennzahlen", description="Kennzahlen des Gebiets, wie die Verwaltung sie veröffentlicht.")
    key_figures_source: Text | None = Field(None, title="Quelle der Kennzahlen", description="Gemeinsame Quelle der Kennzahlen.")
    address: Address | None = Field(None, title="Anschrift der Verwaltung", description="Postanschrift der Verwaltung.")
    reporting: Text | None = Field(
        None, title="Berichte an die Vertretung",
        description="Wann der gewählten Vertretung (Kreistag, Rat der Stadt, Landtag – nach der Art des Gebiets) über die Ziele berichtet wird, "
        "z. B. „Zum Halbjahr und zum Jahresende“; leer: die Seite der Ziele nennt keine Berichte.",
    )


class Region(Record):
    name: Text = Field(title="Name", description="Name der Planungsregion.")
    description: Text | None = Field(None, title="Beschreibung", description="Kurze Beschreibung der Region.")


class MemberMunicipality(Model):
    """A member of a unit: a municipality with its AGS, or a city quarter (Stadtteil, Ortsteil, Planungsraum) without one."""

    name: Text = Field(title="Name", description="Name der Gemeinde oder des Stadtteils, z. B. „Nordheim“.")
    type: Id = Field(
        "gemeinde", title="Art",
        description="Art aus dem Vokabular unit_types, z. B. gemeinde, stadt, markt, stadtteil, ortsteil oder planungsraum; leer: gemeinde.",
        json_schema_extra=vocab("unit_types"),
    )
    ags: Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")] | None = Field(
        None, title="Gemeindeschlüssel (AGS)",
        description="Achtstelliger Amtlicher Gemeindeschlüssel; nötig bei Gemeinden und Städten, entfällt bei Stadtteilen, Ortsteilen und Planungsräumen.",
    )
    key: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")] | None = Field(
        None, title="Eigener Schlüssel", description="Schlüssel eines Stadtteils, Ortsteils oder Planungsraums ohne AGS, z. B. „03“; in Anführungszeichen."
    )
    population: int | None = Field(None, title="Einwohnerzahl", description="Einwohnerzahl (gleicher Stichtag wie beim Sozialraum).", ge=0)
    villages: list[Text] = Field(default_factory=list, title="Ortsteile", description="Ortsteile und Dörfer der Gemeinde.")
    location: Location | None = Field(None, title="Lage", description="Koordinaten des Ortszentrums (lat, lon), für „In meiner Nähe“.")


class Municipality(Record):
    name: Text = Field(title="Name", description="Amtlicher Name, z. B. „Musterstadt“ oder „Samtgemeinde Musterland“.")
    type: Id = Field(
        title="Art",
        description="Art aus dem Vokabular unit_types, z. B. stadt, gemeinde, samtgemeinde, verbandsgemeinde oder sozialraum.",
        json_schema_extra=vocab("unit_types"),
    )
    key: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")] = Field(
        title="Amtlicher Schlüssel",
        description="AGS (8 Ziffern) einer Stadt oder Gemeinde, 9 Ziffern bei einem Gemeindeverband (Samtgemeinde, Verbandsgemeinde …), "
        "ein eigener Schlüssel bei einem Sozialraum ohne amtlichen Schlüssel; in Anführungszeichen.",
    )
    region: Id | None = Field(None, title="Planungsregion", description="Kennung der Planungsregion, falls es Regionen gibt.", json_schema_extra=ref("regions"))
    seat: Text = Field(title="Verwaltungssitz", description="Ort (und Ortsteil) der Verwaltung.")
    seat_address: Text | None = Field(None, title="Anschrift der Verwaltung", description="Straße und Hausnummer der Verwaltung.")
    location: Location = Field(title="Lage", description="Koordinaten des Verwaltungssitzes (lat, lon).")
    location_note: Text | None = Field(None, title="Hinweis zur Lage", description="Wenn der Punkt nicht genau der Verwaltungssitz ist.")
    population: Population = Field(title="Einwohnerzahl", description="Einwohnerzahl mit Stichtag und Quelle.")
    area_km2: float = Field(title="Fläche in km²", description="Fläche in Quadratkilometern.", gt=0)
    members: list[MemberMunicipality] = Field(
        default_factory=list, title="Mitglieder",
        description="Nur bei Arten mit Mitgliedern (Gemeindeverbände, Sozialräume): die Gemeinden mit AGS oder die Stadtteile, Ortsteile, Planungsräume.",
    )
    villages: list[Text] = Field(default_factory=list, title="Ortsteile", description="Ortsteile und Dörfer (bei Arten mit Mitgliedern unter den Mitgliedern).")
    description: Text | None = Field(None, title="Beschreibung", description="Kurzer Text über den Sozialraum.")
    website: WebUrl | None = Field(None, title="Webseite", description="Webseite der Verwaltung.")

