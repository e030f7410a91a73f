"""Settings of one atlas (`atlas.yaml`): maps and tiles, licence, profiles, lists, legal pages; vocabularies."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from ...core import i18n
from .area_kinds import AreaKind, merged_area_kinds
from .base import Address, ContactChannels, Date, I18nText, Id, Model, Text, WebUrl, check_url
from .unit_types import UnitType, merged_unit_types


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
    url: WebUrl = Field(title="Adresse", description="Link zum Lizenztext.")


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


class SearchSettings(Model):
    """When the site search is split into one index per planning region (issue 18)."""

    split_above: int = Field(
        8000, title="Suche je Planungsregion ab", ge=0,
        description="Hat der Atlas Planungsregionen und mehr Einträge (Sozialräume, Angebote, Ansprechpersonen, Einrichtungen …) "
                    "als diese Zahl, bekommt jede Planungsregion einen eigenen Suchindex: Eine Suche lädt nur die Daten der "
                    "Planungsregion der Seite (und der Seiten ohne Region); „Im ganzen Atlas suchen“ lädt die übrigen nach.",
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
    law: Text | None = Field(None, title="Rechtsgrundlage", description="z. B. das Behindertengleichstellungsgesetz des Landes und seine Verordnung über barrierefreie Informationstechnik.")
    limitations: list[AccessibilityLimitation] = Field(default_factory=list, title="Nicht barrierefreie Inhalte", description="Bekannte Einschränkungen.")
    date: Date = Field(title="Erstellt am", description="Datum der Erklärung (JJJJ-MM-TT).")
    reviewed: Date | None = Field(None, title="Zuletzt überprüft", description="Datum der letzten Überprüfung (JJJJ-MM-TT).")
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


def _language(code: str) -> str:
    """A language of the site: German or a language with a catalogue in generator/locales/."""
    if code not in i18n.known():
        raise PydanticCustomError(
            "language", "Sprache „{value}“ gibt es nicht; möglich sind: {allowed}", {"value": code, "allowed": ", ".join(i18n.known())}
        )
    return code


def _languages_order(v: list[str]) -> list[str]:
    """German first (the source language of every text), no language twice."""
    if v[0] != i18n.DEFAULT:
        raise PydanticCustomError("language_first", "Die erste Sprache muss Deutsch (de) sein: die Texte der Website entstehen auf Deutsch", {})
    if len(set(v)) < len(v):
        raise PydanticCustomError("language_twice", "Jede Sprache darf nur einmal genannt sein", {})
    return v


class AtlasConfig(Model):
    title: Text = Field(title="Titel", description="Titel der Website, z. B. „Sozialraumatlas Musterkreis“.")
    description: Text = Field(title="Beschreibung", description="Ein Satz, was der Atlas ist (für Suchmaschinen und die Startseite).")
    intro: Text | None = Field(None, title="Einleitung", description="Text auf der Startseite.")
    publisher: Text = Field(title="Herausgeber", description="Wer den Atlas herausgibt.")
    site_url: WebUrl | None = Field(None, title="Adresse der Website", description="Öffentliche Adresse, z. B. https://atlas.example.org/.")
    dcat_contributor_id: WebUrl | None = Field(
        None, title="GovData-Datenbereitsteller-ID",
        description="Kennung, die GovData einem registrierten Datenbereitsteller vergibt (Liste: https://www.dcat-ap.de/def/contributors/), "
        "z. B. http://dcat-ap.de/def/contributors/…; steht als dcatde:contributorID an jedem Datensatz des Datenkatalogs. Leer: keine Angabe.",
    )
    data_date: Date = Field(title="Datenstand", description="Datum des Datenstands (JJJJ-MM-TT).")
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
    lists: ListSettings = Field(
        default_factory=lambda: ListSettings(), title="Übersichtslisten",
        description="Ab welcher Größe die Übersichten der Angebote und Ansprechpersonen je Planungsregion geteilt werden.",
    )
    search: SearchSettings = Field(
        default_factory=lambda: SearchSettings(), title="Suche",
        description="Ab welcher Größe die Suche je Planungsregion geteilt wird.",
    )
    languages: Annotated[list[Annotated[str, AfterValidator(_language)]], AfterValidator(_languages_order)] = Field(
        default_factory=lambda: [i18n.DEFAULT], title="Sprachen der Website", min_length=1,
        description="Sprachkürzel, in denen die Website erscheint; das erste ist Deutsch (de), z. B. [de, en, uk, ar]. Übersetzt sind die "
                    "Bedienelemente und bisher die Startseite; die übrigen Seiten bleiben deutsch. Leer: nur Deutsch.",
    )

    @field_validator("report_url")
    @classmethod
    def _report(cls, v: str | None) -> str | None:
        return None if v is None else check_url(v, ("https", "mailto"))


TranslationLanguage = Literal[tuple(code for code in i18n.NAMES if code != i18n.DEFAULT)]  # type: ignore[valid-type]


class Term(Model):
    id: Id = Field(title="Kennung", description="Kennung des Begriffs in Kleinbuchstaben.")
    label: Text = Field(title="Bezeichnung", description="Wie der Begriff auf der Website heißt.")
    description: I18nText | None = Field(
        None, title="Erläuterung",
        description="Kurze Erläuterung; auch in den weiteren Sprachen der Website, je Sprache eine Zeile („de: …“, „en: …“).",
    )
    keywords: list[Text] = Field(
        default_factory=list, title="Suchwörter",
        description="Weitere Wörter, unter denen die Suche Angebote mit dieser Zielgruppe oder diesem Thema findet, z. B. „Senioren“, „Kinder unter 3“.",
    )
    labels: dict[TranslationLanguage, Text] = Field(
        default_factory=dict, title="Bezeichnung in anderen Sprachen",
        description="Die Bezeichnung in den weiteren Sprachen der Website, je Sprache eine Zeile, z. B. „en: Parents“; "
        "fehlt eine Sprache, zeigt die Seite die deutsche Bezeichnung.",
    )
    endonym: Text | None = Field(
        None, title="Eigenname", description="Nur im Vokabular languages: der Name der Sprache in ihrer eigenen Schrift, z. B. „Українська“, "
        "„العربية“; die Seiten in anderen Sprachen als Deutsch nennen die Sprache so.",
    )


class OrganisationType(Term):
    government: bool = Field(
        False, title="Öffentliche Verwaltung",
        description="true für Verwaltungen, Behörden und Jobcenter: ihre Seiten nennen sie für Suchmaschinen „GovernmentOrganization“ (schema.org), "
        "alle anderen „Organization“.",
    )


class Vocabularies(Model):
    topics: list[Term] = Field(title="Themen", description="Themen der Angebote, Netzwerke und Kontakte.", min_length=1)
    target_groups: list[Term] = Field(title="Zielgruppen", description="Für wen Angebote da sind.", min_length=1)
    network_types: list[Term] = Field(title="Arten von Netzwerken", description="Arten von Netzwerken und Gremien.", min_length=1)
    organisation_types: list[OrganisationType] = Field(title="Arten von Organisationen", description="Arten von Organisationen.", min_length=1)
    accessibility: list[Term] = Field(title="Barrierefreiheit", description="Merkmale der Barrierefreiheit.", min_length=1)
    languages: list[Term] = Field(title="Sprachen", description="Sprachen, in denen Angebote stattfinden.", min_length=1)
    event_audiences: list[Term] = Field(
        default_factory=list, title="Für wen Termine offen sind", description="z. B. öffentlich, Fachkräfte, Mitglieder (Feld audience der Termine)."
    )
    target_fields: list[Term] = Field(default_factory=list, title="Handlungsfelder der Ziele", description="z. B. Kinder- und Jugendhilfe, Eingliederungshilfe, Hilfe zur Pflege.")
    target_perspectives: list[Term] = Field(
        default_factory=list, title="Perspektiven der Ziele", description="z. B. Betroffene, Angehörige, Gemeinwesen, Fachkräfte."
    )
    help_for: list[Term] = Field(
        default_factory=list, title="Für wen Hilfe gesucht wird",
        description="Antworten auf die erste Frage des Lebenslagen-Lotsen „Für wen suchen Sie Hilfe?“, z. B. für mich, für mein Kind oder unsere Familie, "
        "für einen Angehörigen (Feld for_whom der Lebenslagen).",
    )
    unit_types: list[UnitType] = Field(
        default_factory=list, validate_default=True, title="Arten von Sozialräumen",
        description="Eigene oder geänderte Arten von Sozialräumen (Stadt, Gemeinde, Samtgemeinde, Stadtteil …); eingebaut sind alle deutschen Arten, "
        "ein Eintrag mit gleicher Kennung ersetzt die eingebaute Art.",
    )

    area_kinds: list[AreaKind] = Field(
        default_factory=list, validate_default=True, title="Arten des Gebiets",
        description="Eigene oder geänderte Arten des Gebiets in district.yaml (Landkreis, Kreis, kreisfreie Stadt, Stadtkreis, Region, Land); "
        "ein Eintrag mit gleicher Kennung ersetzt die eingebaute Art.",
    )

    @field_validator("area_kinds")
    @classmethod
    def _with_builtin_area_kinds(cls, v: list[AreaKind]) -> list[AreaKind]:
        return merged_area_kinds(v)

    @field_validator("unit_types")
    @classmethod
    def _with_builtin_unit_types(cls, v: list[UnitType]) -> list[UnitType]:
        return merged_unit_types(v)
