"""Life situations and benefits: what happened to a resident, which benefits may help, who decides and where to apply.

Responsibility differs by Land and district, so it is data: a benefit names its responsible bodies per level as
references to organisation records (with address and opening hours there), never as code.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import I18nText, Id, Model, Record, Text, WebUrl, ref, vocab

LEIKA_PATTERN = r"^[0-9]{14}$"  # key of the federal service catalogue (Leistungskatalog, LeiKa): 14 digits


class LegalBasis(Model):
    law: Text = Field(title="Gesetz", description="Abkürzung oder Name des Gesetzes, z. B. „BEEG“, „SGB VIII“, „EStG“.")
    section: Text = Field(title="Paragraf", description="Paragraf oder Artikel, z. B. „§ 24“ oder „§§ 1 ff.“.")


class Responsibility(Model):
    level: Text = Field(title="Ebene", description="Wer auf welcher Ebene zuständig ist, z. B. „Landkreis“, „Gemeinde“, „Bund“, „Pflegekasse“.")
    organisation: Id = Field(
        title="Zuständige Stelle", description="Kennung der Organisation (mit Anschrift und Öffnungszeiten dort).", json_schema_extra=ref("organisations")
    )
    note: Text | None = Field(None, title="Hinweis", description="Wofür genau diese Stelle zuständig ist, z. B. „für Kinder unter 6 Jahren“.")


class EasyText(Model):
    """A title and a few short sentences in Leichte Sprache, written by editors (never made by the generator)."""

    name: Text = Field(title="Titel in Leichter Sprache", description="Kurzer Titel in Leichter Sprache, z. B. „Sie bekommen ein Baby“ oder „Eltern-Geld“.")
    text: Text = Field(
        title="Text in Leichter Sprache",
        description="Wenige kurze Sätze, jeder in einer eigenen Zeile (nach „text: |“). Zahlen als Ziffern, keine Abkürzungen, "
        "kein „§“ und kein Prozent; lange Wörter mit Binde-Strich. Adresse, Telefon und Zeiten ergänzt der Atlas selbst.",
    )


class Benefit(Record):
    name: I18nText = Field(title="Name", description="Name der Leistung in einfachem Deutsch, z. B. „Elterngeld“. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw.")
    summary: I18nText = Field(title="Was ist das?", description="Was die Leistung ist, in ein oder zwei einfachen Sätzen. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw.")
    legal_basis: list[LegalBasis] = Field(
        title="Rechtsgrundlage", description="Gesetz (law) und Paragraf (section), mindestens eine Angabe.", min_length=1
    )
    who: I18nText = Field(
        title="Wer kann sie bekommen?", description="Wer die Leistung bekommen kann, in ein oder zwei Sätzen – ohne Berechnung und ohne Versprechen. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw."
    )
    responsible: list[Responsibility] = Field(
        title="Zuständige Stellen", description="Zuständige Stellen je Ebene (level, organisation, note), mindestens eine.", min_length=1
    )
    how_to_apply: I18nText = Field(
        title="Wie beantragen?", description="Wie und wo man die Leistung beantragt, z. B. „schriftlich oder persönlich beim Jugendamt“. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw."
    )
    in_person: bool = Field(True, title="Persönlich", description="true, wenn man den Antrag persönlich bei der zuständigen Stelle stellen kann.")
    online_service: WebUrl | None = Field(None, title="Online-Antrag", description="Adresse des Online-Antrags oder -Dienstes, beginnend mit https:// oder http://.")
    documents: list[Text] = Field(default_factory=list, title="Unterlagen", description="Unterlagen, die man meistens braucht, z. B. „Geburtsurkunde des Kindes“.")
    leika: list[Annotated[str, StringConstraints(pattern=LEIKA_PATTERN)]] = Field(
        default_factory=list, title="LeiKa-Schlüssel", description="Schlüssel im Leistungskatalog (LeiKa), je 14 Ziffern in Anführungszeichen."
    )
    easy: EasyText | None = Field(
        None, title="Leichte Sprache", description="Titel (name) und Text (text) in Leichter Sprache: was die Leistung ist und wer sie bekommen kann."
    )


class LifeSituation(Record):
    name: I18nText = Field(title="Name", description="Die Lebenslage in einfachem Deutsch, z. B. „Ein Kind kommt“. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw.")
    summary: I18nText = Field(title="Kurztext", description="Ein oder zwei Sätze: für wen die Seite ist und wobei sie hilft. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw.")
    description: I18nText | None = Field(None, title="Beschreibung", description="Weitere Hinweise in einfachen Worten. Auch in weiteren Sprachen: je Sprache eine Zeile „de: …“ (Pflicht), „en: …“ usw.")
    easy: EasyText | None = Field(
        None, title="Leichte Sprache",
        description="Titel (name) und Text (text) in Leichter Sprache; nur Lebenslagen mit diesem Feld haben eine Seite in Leichter Sprache.",
    )
    benefits: list[Id] = Field(default_factory=list, title="Leistungen", description="Kennungen der passenden Leistungen.", json_schema_extra=ref("leistungen"))
    related: list[Id] = Field(default_factory=list, title="Verwandte Lebenslagen", description="Kennungen anderer Lebenslagen.", json_schema_extra=ref("lebenslagen"))
    topics: list[str] = Field(
        default_factory=list, title="Themen", description="Themen aus dem Vokabular topics: passende Angebote in der Nähe.", json_schema_extra=vocab("topics")
    )
    target_groups: list[str] = Field(
        default_factory=list, title="Zielgruppen", description="Zielgruppen aus dem Vokabular target_groups: passende Angebote in der Nähe.",
        json_schema_extra=vocab("target_groups"),
    )
    for_whom: list[str] = Field(
        default_factory=list, title="Für wen",
        description="Antworten auf die Frage „Für wen suchen Sie Hilfe?“ aus dem Vokabular help_for, unter denen die Lebenslage erscheint; "
        "leer: unter jeder Antwort.",
        json_schema_extra=vocab("help_for"),
    )
    contacts: list[Id] = Field(
        default_factory=list, title="Ansprechpersonen", description="Kennungen von Kontakten, die in dieser Lebenslage weiterhelfen.", json_schema_extra=ref("contacts")
    )
