"""`atlas init DIR --district-key KEY --district-name NAME --land LAND`: a new, complete data folder.

Writes district.yaml, atlas.yaml (site settings and every legal field with a visible placeholder),
vocabularies.yaml (neutral defaults any German district can start with), the empty record folders (.gitkeep) and a
German README.md for editors. The folder passes `atlas check` and builds. Each placeholder contains
PLACEHOLDER („bitte ausfüllen“); `placeholder_notes(data_dir)` lists them with file and line so that
`atlas check` and `atlas build` can remind the operator without failing. Nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.laender import LAENDER
from ..core.names import slug
from ..core.problems import display_path
from ..model.schema import area_kind, derived_kind, merged_area_kinds

PLACEHOLDER = "bitte ausfüllen"
PLACEHOLDER_MAIL = "bitte-ausfuellen@example.org"
PLACEHOLDER_WEB = "https://bitte-ausfuellen.example.org/"
MARKERS = (PLACEHOLDER, "bitte-ausfuellen")
FILES_WITH_PLACEHOLDERS = ("atlas.yaml", "district.yaml")

FOLDERS = {
    "municipalities": "Sozialräume (Planungseinheiten): eine Datei je Sozialraum, anlegen mit `atlas new sozialraum \"Name\"`.",
    "regions": "Planungsregionen (freiwillig): eine Datei je Region, anlegen mit `atlas new region \"Name\"`.",
    "offers": "Angebote: eine Datei je Angebot, anlegen mit `atlas new angebot \"Name\"`.",
    "family_centres": "Familienzentren: eine Datei je Familienzentrum, anlegen mit `atlas new familienzentrum \"Name\"`.",
    "networks": "Netzwerke und Gremien: eine Datei je Netzwerk, anlegen mit `atlas new netzwerk \"Name\"`.",
    "contacts": "Ansprechpersonen: eine Datei je Kontakt, anlegen mit `atlas new kontakt \"Name\"`.",
    "organisations": "Träger und Verwaltungen: eine Datei je Organisation, anlegen mit `atlas new organisation \"Name\"`.",
    "indicators": "Kennzahlen: je Kennzahl eine Beschreibung KENNZAHL.yaml und Werte KENNZAHL.csv (`atlas import-indicators`).",
    "targets": "Ziele der Sozialplanung (freiwillig), anlegen mit `atlas new ziel \"Name\"`.",
    "conferences": "Sozialraumkonferenzen (freiwillig), anlegen mit `atlas new konferenz \"Name\"`.",
}


class InitError(Exception):
    """German message; nothing was written."""


def check_key(key: str) -> str:
    key = key.strip()
    if not re.fullmatch(r"[0-9]{2}([0-9]{3})?", key):
        raise InitError(f"Schlüssel „{key}“ ist ungültig: erwartet wird der fünfstellige Kreisschlüssel (z. B. 03159) "
                        "oder für ein ganzes Land der zweistellige Landesschlüssel (z. B. 03).")
    if key[:2] not in LAENDER:
        raise InitError(f"Schlüssel „{key}“ ist ungültig: die ersten zwei Ziffern ({key[:2]}) sind kein Landesschlüssel (01 bis 16).")
    return key


def check_land(land: str, key: str) -> str:
    names = {name.casefold(): name for name in LAENDER.values()}
    name = names.get(land.strip().casefold())
    if name is None:
        raise InitError(f"Land „{land}“ ist unbekannt; möglich sind: {', '.join(sorted(LAENDER.values()))}.")
    if LAENDER[key[:2]] != name:
        raise InitError(f"Schlüssel „{key}“ gehört zu {LAENDER[key[:2]]} (Landesschlüssel {key[:2]}), nicht zu {name}.")
    return name


def short_name(name: str) -> str:
    kind_words = [entry.partition(" ")[2] + " " for kind in merged_area_kinds([]) for entry in kind.names]  # Stadt, Hansestadt …
    for prefix in ("Landkreis ", "Kreis ", "Regionalverband ", "Region ", "Stadtkreis ", "Freistaat ", "Land ", *kind_words):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return name


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def district_yaml(key: str, name: str, land: str, seat: str | None = None, area: float | None = None) -> str:
    seat_line = f"seat: {q(seat)}" if seat else f'seat: "{PLACEHOLDER}: Sitz der Verwaltung"'
    area_line = f"area_km2: {area:g}" if area else "# area_km2: 1234.5  # Fläche in km² (freiwillig); ohne Angabe zeigt die Website keine Fläche"
    level = "Landesschlüssel" if len(key) == 2 else "Kreisschlüssel"
    kinds = merged_area_kinds([])
    kind = derived_kind(kinds, name, key)
    return f"""# Der Kreis, die Stadt oder das Land, für das der Atlas gilt. Land: {land}
id: {slug(name)}
name: {q(name)}
short_name: {q(short_name(name))}
kind: {kind}  # Art des Gebiets: {", ".join(k.id for k in kinds)} – bestimmt die Wörter der Website („Profil {area_kind(kinds, kind, name, key).of_the}“)
key: "{key}"  # {level}
{seat_line}
{area_line}
# population: {{value: 100000, date: 2022-05-15, source: "Zensus 2022"}}
# address: {{street: "…", postal_code: "…", city: "…"}}
description: >-
  {short_name(name)} ({land}): Angebote, Netzwerke und Kennzahlen der Sozialplanung.
"""


def atlas_yaml(name: str, land: str, today: dt.date) -> str:
    p, mail, web = PLACEHOLDER, PLACEHOLDER_MAIL, PLACEHOLDER_WEB
    address = f'{{street: "{p}: Straße", postal_code: "00000", city: "{p}: Ort"}}'
    return f"""# Einstellungen der Website. Alle Angaben mit „{p}“ bitte ersetzen; `atlas check` nennt jede Stelle.
title: {q(f"Sozialraumatlas {short_name(name)}")}
description: {q(f"Angebote, Netzwerke und Kennzahlen der Sozialräume – {name}.")}
intro: {q(f"Der Sozialraumatlas zeigt Angebote, Netzwerke und Kennzahlen in {short_name(name)}.")}
publisher: {q(name)}
data_date: {today.isoformat()}
unit_label: Sozialraum
# site_url: https://atlas.example.org/
# report_url: mailto:sozialplanung@example.org
map:
  bounds: {{south: 47.2, west: 5.8, north: 55.1, east: 15.1}}  # {p}: Rechteck um das Gebiet (zunächst ganz Deutschland)
  # tiles: Hintergrundkarte, erst nach Absprache mit dem Datenschutz (siehe docs/operators.md)
legal:
  example: true  # auf false setzen, sobald alle Angaben stimmen
  provider:
    name: {q(name)}
    legal_form: Körperschaft des öffentlichen Rechts
    represented_by: "{p}: z. B. die Landrätin oder der Landrat"
    address: {address}
    email: {mail}
    # phone: "01234 567-0"
  responsible:
    function: "{p}: z. B. Leitung der Sozialplanung"
    name: "{p}: Name"
  supervisory_authority:
    name: "{p}: Kommunalaufsicht ({land})"
  privacy:
    officer: {{name: "{p}: Behördliche Datenschutzbeauftragte", email: {mail}}}
    authority:
      name: "{p}: Landesbeauftragte für den Datenschutz ({land})"
      address: {address}
      website: {web}
    hosting: "{p}: Rechenzentrum, das die Website betreibt"
    log_days: 7  # {p}: Speicherdauer der Server-Protokolle in Tagen
    legal_basis: "{p}: Landesdatenschutzgesetz ({land})"
  accessibility:
    status: teilweise
    law: "{p}: Behindertengleichstellungsgesetz und Verordnung über barrierefreie IT ({land})"
    date: {today.isoformat()}
    feedback: {{name: "{p}: Stelle für Rückmeldungen zu Barrieren", email: {mail}}}
    enforcement:
      name: "{p}: Durchsetzungs- oder Schlichtungsstelle ({land})"
      website: {web}
"""


def vocabularies_yaml() -> str:
    def block(key: str, terms: list[tuple[str, str]], government: tuple[str, ...] = ()) -> str:
        return f"{key}:\n" + "".join(f"- id: {i}\n  label: {label}\n" + ("  government: true\n" if i in government else "") for i, label in terms)

    return "# Begriffe für Themen, Zielgruppen und Arten; ergänzen oder ändern, Kennungen (id) nur in Kleinbuchstaben.\n" + "".join((
        block("topics", [("beratung", "Beratung"), ("familienbildung", "Familienbildung"), ("begegnung-freizeit", "Begegnung und Freizeit"),
                         ("fruehe-hilfen", "Frühe Hilfen"), ("kinderschutz", "Kinderschutz"), ("kinderbetreuung", "Kinderbetreuung"),
                         ("jugendarbeit", "Jugendarbeit"), ("schule-lernen", "Schule und Lernen"), ("gesundheit", "Gesundheit"),
                         ("pflege-alter", "Pflege und Alter"), ("eingliederungshilfe-teilhabe", "Eingliederungshilfe und Teilhabe"),
                         ("sprache-integration", "Sprache und Integration"), ("arbeit-beschaeftigung", "Arbeit und Beschäftigung"),
                         ("wohnen", "Wohnen"), ("ehrenamt", "Ehrenamt")]),
        block("target_groups", [("schwangere-werdende-eltern", "Schwangere und werdende Eltern"),
                                ("familien-kinder-unter-3", "Familien mit Kindern unter 3 Jahren"), ("kinder-3-6", "Kinder von 3 bis 6 Jahren"),
                                ("schulkinder", "Schulkinder"), ("jugendliche", "Jugendliche"), ("junge-erwachsene", "Junge Erwachsene"),
                                ("eltern", "Eltern"), ("alleinerziehende", "Alleinerziehende"), ("seniorinnen-senioren", "Seniorinnen und Senioren"),
                                ("pflegende-angehoerige", "Pflegende Angehörige"), ("menschen-mit-behinderung", "Menschen mit Behinderung"),
                                ("zugewanderte", "Zugewanderte"), ("alle", "Alle")]),
        block("network_types", [("sozialraumkonferenz", "Sozialraumkonferenz"), ("arbeitskreis", "Arbeitskreis"),
                                ("netzwerk-fruehe-hilfen-kinderschutz", "Netzwerk Frühe Hilfen und Kinderschutz"),
                                ("pflegekonferenz", "Pflegekonferenz"), ("runder-tisch", "Runder Tisch")]),
        block("organisation_types", [("traeger", "Freier Träger"), ("kreisverwaltung", "Kreisverwaltung"),
                                     ("kommunalverwaltung", "Kommunalverwaltung"), ("jobcenter", "Jobcenter"), ("schule", "Schule"),
                                     ("kita", "Kita"), ("gesundheit", "Gesundheitswesen"), ("verein", "Verein"), ("kirche", "Kirchengemeinde")],
              government=("kreisverwaltung", "kommunalverwaltung", "jobcenter")),
        block("accessibility", [("stufenlos", "Stufenloser Zugang"), ("rollstuhl-wc", "Rollstuhlgerechtes WC"), ("aufzug", "Aufzug"),
                                ("hoeranlage", "Induktive Höranlage"), ("leichte-sprache", "Informationen in Leichter Sprache")]),
        block("languages", [("de", "Deutsch"), ("en", "Englisch"), ("ar", "Arabisch"), ("pl", "Polnisch"), ("ru", "Russisch"),
                            ("tr", "Türkisch"), ("uk", "Ukrainisch"), ("dgs", "Deutsche Gebärdensprache")]),
        block("target_fields", [("kinder-jugendhilfe", "Kinder- und Jugendhilfe"), ("eingliederungshilfe", "Eingliederungshilfe"),
                                ("hilfe-zur-pflege", "Hilfe zur Pflege")]),
        block("target_perspectives", [("betroffene", "Betroffene"), ("angehoerige", "Angehörige"), ("gemeinwesen", "Gemeinwesen"),
                                      ("fachkraefte", "Fachkräfte")]),
    ))


def readme(name: str, land: str, key: str = "") -> str:
    kinds = merged_area_kinds([])
    area = area_kind(kinds, None, name, key)  # the kind district_yaml writes: „die Stadt: Name, Art, Kreisschlüssel, Sitz der Verwaltung …“
    folders = "\n".join(f"- `{folder}/` – {text}" for folder, text in FOLDERS.items())
    return f"""# Daten des Sozialraumatlas {short_name(name)}

Dieser Ordner enthält alle Angaben des Atlas für {name} ({land}) als YAML-Dateien. Die Website wird
daraus gebaut; nichts wird von Hand auf der Website geändert.

## Was wo steht

- `atlas.yaml` – Einstellungen der Website: Titel, Datenstand, Karten und die rechtlichen Angaben
  (Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit).
- `district.yaml` – {area.the}: Name, Art (`kind`), {area.key_label}, {area.seat_label}, Fläche, Einwohnerzahl.
- `vocabularies.yaml` – Begriffe für Themen, Zielgruppen, Arten von Netzwerken und Organisationen,
  Barrierefreiheit und Sprachen.
{folders}

## Zuerst ausfüllen

Alle Stellen mit „{PLACEHOLDER}“ (und die Adressen `{PLACEHOLDER_MAIL}`, `{PLACEHOLDER_WEB}`)
sind Platzhalter. `atlas check` nennt jede mit Datei und Zeile. Solange `legal: example: true` gilt, tragen
Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit den Hinweis „Mustertext“; erst wenn alle
Angaben stimmen, `example: false` setzen.

## Den ersten Sozialraum anlegen

    atlas new sozialraum "Musterstadt" --data DIESER_ORDNER

legt `municipalities/musterstadt.yaml` mit allen Pflichtfeldern an; die leeren Felder ausfüllen.
Danach Angebote, Familienzentren, Netzwerke und Kontakte ebenso mit `atlas new angebot "Name"` usw.
Amtliche Grenzen für die Karten liest `atlas import-boundaries DATEI` ein.

## Prüfen und bauen

    atlas check --data DIESER_ORDNER
    atlas build --data DIESER_ORDNER

`atlas check` meldet jedes Problem mit Datei und Zeile; `atlas build` schreibt die Website nach `site/`,
`atlas serve` zeigt eine Vorschau im Browser.
"""


def files(key: str, name: str, land: str, today: dt.date, seat: str | None = None, area: float | None = None) -> dict[str, str]:
    out = {"district.yaml": district_yaml(key, name, land, seat, area), "atlas.yaml": atlas_yaml(name, land, today),
           "vocabularies.yaml": vocabularies_yaml(), "README.md": readme(name, land, key)}
    for folder in FOLDERS:
        out[f"{folder}/.gitkeep"] = ""  # keeps the empty folder in Git; what goes here: README.md
    return out


def init_folder(target: Path, key: str, name: str, land: str, today: dt.date | None = None,
                seat: str | None = None, area: float | None = None) -> list[str]:
    """Write the data folder; returns the relative paths written. Raises InitError (nothing written)."""
    key = check_key(key)
    land = check_land(land, key)
    name = name.strip()
    if not name:
        raise InitError("Der Name des Kreises (--district-name) ist leer.")
    if area is not None and not area > 0:
        raise InitError(f"Fläche {area:g} ist ungültig: --area muss größer als 0 sein, z. B. 1117.3.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"Der Ordner {target} ist nicht leer; „atlas init“ schreibt nur in einen neuen oder leeren Ordner.")
    written = files(key, name, land, today or dt.date.today(), (seat or "").strip() or None, area)
    for rel, text in written.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(written)


def placeholder_notes(data_dir: Path) -> list[str]:
    """`path:line: Platzhalter „bitte ausfüllen“ …` for each line of atlas.yaml/district.yaml still holding a placeholder."""
    notes = []
    for name in FILES_WITH_PLACEHOLDERS:
        path = Path(data_dir) / name
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(marker in line for marker in MARKERS) and not line.lstrip().startswith("#"):
                field = line.split(":", 1)[0].strip().lstrip("- ")
                notes.append(f"{display_path(path)}:{number}: Platzhalter „{PLACEHOLDER}“ bei „{field}“ – Angabe noch eintragen")
    return notes


PROMPTS = (("key", "--district-key", "Kreisschlüssel (5 Ziffern) oder Landesschlüssel (2 Ziffern)"),
           ("name", "--district-name", "Name, z. B. „Landkreis Musterkreis“"),
           ("land", "--land", "Land, z. B. Niedersachsen"))


def run_init(target: Path, key: str | None, name: str | None, land: str | None,
             ask: Callable[[str], str] | None = None, interactive: bool | None = None,
             seat: str | None = None, area: float | None = None) -> int:
    """CLI entry: prompts for missing options in a terminal, else names them; 0 or 1."""
    values = {"key": key, "name": name, "land": land}
    interactive = sys.stdin.isatty() if interactive is None else interactive
    missing = [(field, option, label) for field, option, label in PROMPTS if not values[field]]
    if missing and not interactive:
        for _, option, label in missing:
            print(f"Fehler: {option} fehlt ({label}).", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    try:
        for field, _, label in missing:
            values[field] = (ask or input)(f"{label}: ").strip()
        written = init_folder(target, values["key"] or "", values["name"] or "", values["land"] or "", seat=seat, area=area)
    except InitError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nAbgebrochen. Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    print(f"Datenordner angelegt: {target} ({len(written)} Dateien)")
    print(f"Nächste Schritte: Platzhalter „{PLACEHOLDER}“ in {target}/atlas.yaml und district.yaml ersetzen, "
          f"dann „atlas new sozialraum \"Name\" --data {target}“, „atlas check --data {target}“, „atlas build --data {target}“.")
    return 0


__all__ = ["PLACEHOLDER", "InitError", "init_folder", "placeholder_notes", "run_init"]
