"""Command line: `atlas check|build|serve|diff|import-indicators` (also `python -m generator`). Only wires the stages together."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .core.problems import Problem


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    for parser, default in ((common, argparse.SUPPRESS),):
        parser.add_argument("--data", type=Path, default=default, metavar="DIR", help="Datenordner (Standard: data/)")
        parser.add_argument("--site", type=Path, default=default, metavar="DIR", help="Ausgabeordner der Website (Standard: site/)")
        parser.add_argument("--project", type=Path, default=default, metavar="DIR", help="Projektordner mit mkdocs.yml, content/, overrides/ (Standard: aktueller Ordner)")
        parser.add_argument("--build-dir", type=Path, default=default, metavar="DIR", help="Zwischenordner für erzeugte Seiten (Standard: build/)")
        parser.add_argument(
            "--format", choices=("text", "github", "gitlab"), default=default,
            help="Ausgabe der Probleme: text (pfad:zeile: meldung), github (Anmerkungen im Pull Request; Standard in GitHub Actions) "
            "oder gitlab (Code-Quality-Bericht als JSON, dazu der Text auf stderr)",
        )
    main = argparse.ArgumentParser(prog="atlas", description="Sozialraumatlas: Daten prüfen, Website bauen, Vorschau zeigen.", parents=[common])
    sub = main.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    check = sub.add_parser("check", parents=[common], help="Daten nur prüfen")
    check.add_argument("--report", type=Path, metavar="DATEI", help="mit --format gitlab: Bericht in diese Datei statt auf stdout")
    publish_help = "für die Veröffentlichung: was eine öffentliche Website braucht (site_url in atlas.yaml) ist ein Fehler statt einer Warnung"
    check.add_argument("--publish", action="store_true", help=publish_help)
    build = sub.add_parser("build", parents=[common], help="prüfen, Seiten erzeugen und die Website nach site/ bauen")
    build.add_argument("--quiet", action="store_true", help="keinen Fortschritt der Arbeitsschritte anzeigen")
    build.add_argument("--publish", action="store_true", help=publish_help)
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="große Atlanten: so viele Prozesse gleichzeitig für das Erzeugen der Seiten und für MkDocs "
                            "(Standard: Zahl der Prozessorkerne; 1: alles in einem Prozess)")
    build.add_argument("--pages-per-shard", type=int, default=None, metavar="N",
                       help="große Atlanten: MkDocs baut höchstens so viele Seiten in einem Prozess (Standard: 2000, bei sehr großen "
                            "Atlanten mehr, höchstens vier Teile je Prozess; 0: nie teilen)")
    serve = sub.add_parser("serve", parents=[common], help="Vorschau im Browser; baut bei Änderungen an Daten neu")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="Adresse der Vorschau")
    serve.add_argument("--quick-first", choices=("auto", "always", "never"), default="auto",
                       help="nach einer Änderung zuerst nur die Seiten der geänderten Einträge zeigen, dann alle "
                            "(auto: ab 2.000 Einträgen; Standard: auto)")
    _import_parser(sub, common)
    _boundaries_parser(sub, common)
    _diff_parser(sub, common)
    _editor_parsers(sub, common)
    _report_parser(sub, common)
    return main


def _import_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser(
        "import-indicators", parents=[common], help="Tabelle eines Statistikamts in die Kennzahl-Werte übernehmen",
        description="Liest eine Tabelle, wie Statistikämter sie veröffentlichen (CSV mit Semikolon, Dezimalkomma, "
        "Latin-1 oder UTF-8), und schreibt die Werte nach indicators/KENNZAHL.csv. Jede Zeile, die nicht "
        "übernommen wird, wird mit Zeile und Grund gemeldet.",
    )
    imp.add_argument("file", type=Path, metavar="DATEI", help="die Tabelle des Statistikamts (CSV)")
    imp.add_argument("--indicator", required=True, metavar="KENNZAHL", help="Kennung der Kennzahl (Datei indicators/KENNZAHL.yaml)")
    imp.add_argument("--column", metavar="SPALTE", help="Spalte mit den Werten, wenn die Tabelle mehrere hat (Name aus der Kopfzeile)")
    imp.add_argument("--key-column", metavar="SPALTE", help="Spalte mit den Gebietsschlüsseln, wenn mehrere in Frage kommen")
    imp.add_argument("--year", type=int, metavar="JAHR", help="Jahr der Werte, wenn die Tabelle keines nennt; sonst nur dieses Jahr übernehmen")
    imp.add_argument("--stichtag", metavar="TT.MM.JJJJ",
                     help="Stichtag der Werte, wenn die Tabelle nur das Jahr nennt (sonst gilt der 31.12.), z. B. 15.05.2022 beim Zensus; "
                     "nennt sie Stichtage, nur diesen übernehmen")
    imp.add_argument("--forecast", action="store_true", help="die Werte sind eine Prognose")
    imp.add_argument("--note", metavar="TEXT", help="Anmerkung, die bei jedem Wert gespeichert wird")
    imp.add_argument("--output", type=Path, metavar="DATEI", help="Zieldatei (Standard: indicators/KENNZAHL.csv im Datenordner)")
    imp.add_argument("--replace", action="store_true", help="abweichende vorhandene Werte in der Zieldatei ersetzen")
    imp.add_argument("--dry-run", action="store_true", help="nur prüfen und berichten, nichts schreiben")


def _boundaries_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    from .importers.boundaries import DEFAULT_TOLERANCE

    cmd = sub.add_parser(
        "import-boundaries", parents=[common], help="amtliche Grenzen (GeoJSON oder Shapefile) für die Karten einlesen",
        description="Liest amtliche Grenzen (z. B. BKG VG250/VG5000, Ebene VWG oder GEM) und schreibt data/boundaries.geojson: "
        "die Flächen der Sozialräume und den Umriss des Kreises, den alle Karten zeigen.",
    )
    cmd.add_argument("file", type=Path, metavar="DATEI", help="GeoJSON (.geojson, .json), Shapefile (.shp) oder ZIP-Archiv mit Shapefile")
    cmd.add_argument("--output", type=Path, metavar="DATEI", help="Zieldatei (Standard: boundaries.geojson im Datenordner)")
    cmd.add_argument("--replace", action="store_true", help="eine vorhandene Zieldatei ersetzen (sonst wird sie nicht überschrieben)")
    cmd.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, metavar="METER",
                     help=f"Vereinfachung in Metern; 0 = keine (Standard: {DEFAULT_TOLERANCE:g})")
    cmd.add_argument("--layer", metavar="NAME", help="Ebene in einem ZIP-Archiv mit mehreren Shapefiles, z. B. VG250_VWG")
    cmd.add_argument("--key", metavar="SPALTE", help="Eigenschaft mit dem Schlüssel (Standard: wird erkannt, z. B. ARS oder AGS)")
    cmd.add_argument("--source", metavar="TEXT", help="Quellenvermerk, z. B. „© GeoBasis-DE / BKG (2024)“")
    cmd.add_argument("--licence", metavar="TEXT", help="Lizenz der Grenzen, z. B. dl-de/by-2-0")
    cmd.add_argument("--licence-url", metavar="URL", help="Adresse des Lizenztexts, z. B. https://www.govdata.de/dl-de/by-2-0")
    cmd.add_argument("--dataset", metavar="TEXT",
                     help="Quelle der Grenzen (Stelle und Datensatz) fürs Impressum, z. B. „Bundesamt für Kartographie und Geodäsie (BKG), "
                     "Verwaltungsgebiete 1 : 5 000 000 (VG5000), Stand 01.01.2021“")


def _editor_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """`atlas new` and `atlas schema`: help for editors (generator/editing/scaffold.py, generator/editing/jsonschema.py)."""
    from .editing.scaffold import kind_list

    new = sub.add_parser(
        "new", parents=[common], help="neuen Datensatz mit allen Pflichtfeldern anlegen",
        description=f"Legt eine neue Datei an, z. B. atlas new angebot \"Eltern-Kind-Gruppe Caputh\". Arten: {kind_list()}.",
    )
    new.add_argument("kind", metavar="ART", help="Art des Datensatzes, z. B. angebot, familienzentrum, kontakt, organisation, netzwerk")
    new.add_argument("name", metavar="NAME", help="Name oder Titel; daraus wird die Kennung (Dateiname)")
    new.add_argument("--municipality", metavar="SOZIALRAUM", help="Kennung des Sozialraums, z. B. teltow (wird eingetragen)")
    new.add_argument("--id", dest="record_id", metavar="KENNUNG", help="Kennung selbst wählen statt aus dem Namen bilden")
    schema = sub.add_parser(
        "schema", parents=[common], help="JSON-Schemas für VS Code schreiben (Vorschläge und Hilfe beim Tippen)",
        description="Schreibt data/.schema/*.schema.json und .vscode/settings.json. Nach Änderungen an vocabularies.yaml oder den Sozialräumen erneut ausführen.",
    )
    schema.add_argument("--check", action="store_true", help="nur prüfen, ob die Schemas aktuell sind (für CI)")
    init = sub.add_parser(
        "init", parents=[common], help="neuen, vollständigen Datenordner für einen Kreis oder ein Land anlegen",
        description="Legt DIR mit district.yaml, atlas.yaml (rechtliche Angaben mit Platzhaltern), vocabularies.yaml, leeren "
        "Ordnern und einer README für Redakteure an. Fehlende Angaben werden im Terminal erfragt.",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="neuer oder leerer Ordner")
    init.add_argument("--district-key", metavar="SCHLÜSSEL", help="Kreisschlüssel (5 Ziffern, z. B. 03159) oder Landesschlüssel (2 Ziffern)")
    init.add_argument("--district-name", metavar="NAME", help="amtlicher Name, z. B. „Landkreis Göttingen“")
    init.add_argument("--land", metavar="LAND", help="Land, z. B. Niedersachsen")
    init.add_argument("--seat", metavar="ORT", help="Sitz der Verwaltung (sonst Platzhalter „bitte ausfüllen“)")
    init.add_argument("--area", type=float, metavar="ZAHL", help="Fläche in km², z. B. 1117.3 (sonst Platzhalter)")
    init.add_argument("--boundaries", type=Path, action="append", metavar="DATEI",
                      help="amtliche Grenzen (BKG VG250/VG5000: Gemeinden, dazu Verwaltungsgemeinschaften; GeoJSON, Shapefile oder ZIP, "
                      "wiederholbar): legt die Sozialräume an und liest ihre Grenzen ein")


def _report_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "report", parents=[common], help="Pflegebericht: länger nicht geprüfte Einträge, fehlende Kontakte und Öffnungszeiten, fehlerhafte Adressen",
        description="Listet, was Redakteure prüfen sollten, mit Datei und Zeile. Ausgabe im Terminal oder als Datei "
        "(.html: eigenständige interne Seite, .md: Markdown, sonst Text); nie Teil der Website.",
    )
    cmd.add_argument("--months", type=int, metavar="N", help="Prüfintervall in Monaten (Standard: review_months aus atlas.yaml)")
    cmd.add_argument("--as-of", metavar="DATUM", help="Stichtag JJJJ-MM-TT oder „heute“ (Standard: data_date aus atlas.yaml)")
    cmd.add_argument("--output", type=Path, metavar="DATEI", help="Bericht in diese Datei schreiben statt ins Terminal")


def _run_report(args: argparse.Namespace, data: Path, fmt: str) -> int:
    from .reports.care_cli import run_report

    return run_report(data, args.months, args.as_of, args.output, lambda problems: report(problems, fmt))


def _import_boundaries(args: argparse.Namespace, data: Path) -> int:
    from .importers.boundaries import ImportFailed, import_boundaries

    try:
        result = import_boundaries(args.file, data, args.output, args.tolerance, args.layer, args.key, args.source, args.licence,
                                    args.licence_url, args.dataset, replace=args.replace)
    except ImportFailed as exc:
        for message in exc.messages:
            print(f"Fehler: {message}", file=sys.stderr)
        print("Es wurde nichts geschrieben.", file=sys.stderr)
        return 1
    print("\n".join(result.lines()))
    return 0


# --- pull requests: `atlas diff`, GitLab Code Quality report (generator/reports/diff.py, generator/check/annotations.py) ---


def _diff_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "diff", parents=[common], help="zeigt, was sich für die Öffentlichkeit ändert (Markdown für den Pull Request)",
        description="Vergleicht den Datenordner mit einem früheren Stand (git) oder zwei Datenordner miteinander und "
        "listet neue, entfernte und geänderte Datensätze (mit Feldern) und Seiten. Nicht veröffentlichte Kontakte "
        "werden nur gezählt.",
    )
    cmd.add_argument("ref", nargs="?", metavar="STAND", help="git-Stand zum Vergleich, z. B. origin/main oder HEAD")
    cmd.add_argument("--data-old", type=Path, metavar="DIR", help="alter Datenordner (statt STAND)")
    cmd.add_argument("--data-new", type=Path, metavar="DIR", help="neuer Datenordner (Standard: --data oder data/)")
    cmd.add_argument("--output", type=Path, metavar="DATEI", help="Markdown in diese Datei (Standard: stdout)")


def _diff(args: argparse.Namespace, data: Path) -> int:
    from contextlib import nullcontext

    from .reports.diff import DiffError, data_at_ref, diff_folders
    from .reports.diff_markdown import markdown

    if (args.ref is None) == (args.data_old is None):
        print("Fehler: bitte entweder einen git-Stand (z. B. atlas diff origin/main) oder --data-old DIR angeben", file=sys.stderr)
        return 2
    new = args.data_new or data
    try:
        with (data_at_ref(args.ref, new) if args.ref else nullcontext(args.data_old)) as old:
            text = markdown(diff_folders(old, new))
    except DiffError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _gitlab_report(problems: list[Problem], target: Path | None) -> None:
    from .check.annotations import gitlab_report, workspace

    text = gitlab_report(problems, workspace())
    if target is not None:
        target.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def report(problems: list[Problem], fmt: str) -> None:
    """Every problem on stderr: `path:line: message`, or as GitHub workflow commands (the changed line of a pull request)."""
    from .check.annotations import github_line, workspace  # escaping and paths relative to the repository root

    root = workspace() if fmt == "github" else None
    for problem in problems:
        print(github_line(problem, root) if fmt == "github" else str(problem), file=sys.stderr)
    count = len(problems)
    print(f"{count} Problem{'e' if count != 1 else ''} gefunden. Die Website wurde nicht verändert.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    fmt = getattr(args, "format", None) or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    from .check.validate import validate
    from .core.paths import BuildError, Paths

    paths = Paths.create(getattr(args, "project", None), getattr(args, "data", None), getattr(args, "site", None), getattr(args, "build_dir", None))
    try:
        if args.command == "init":
            from .editing.init import run_init

            if args.boundaries:
                from .importers.init_units import run_init_boundaries

                return run_init_boundaries(args.dir, args.district_key, args.district_name, args.land, args.boundaries,
                                           seat=args.seat, area=args.area)
            return run_init(args.dir, args.district_key, args.district_name, args.land, seat=args.seat, area=args.area)
        if args.command in ("new", "schema"):
            from .editing.jsonschema import run_schema
            from .editing.scaffold import run_new

            if args.command == "new":
                return run_new(paths.data, args.kind, args.name, args.municipality, args.record_id)
            return run_schema(paths.project, paths.data, args.check)
        if args.command == "import-boundaries":
            return _import_boundaries(args, paths.data)
        if args.command == "diff":
            return _diff(args, paths.data)
        if args.command == "report":
            return _run_report(args, paths.data, fmt)
        if args.command == "check":
            from .check.publish import publish_problems
            from .pages.legal import legal_problems

            _, problems = validate(paths.data)
            unpublishable = publish_problems(paths.data)  # site_url: an error with --publish, else a warning
            problems = sorted(set(problems + legal_problems(paths.data) + (unpublishable if args.publish else [])))  # legal duties: reported by check
            if fmt == "gitlab":  # Code Quality report (also when empty), text on stderr
                _gitlab_report(problems, args.report)
            if problems:
                report(problems, fmt)
                return 1
            from .editing.init import placeholder_notes

            for note in placeholder_notes(paths.data):  # placeholders of `atlas init`: a reminder, not an error
                print(f"Hinweis: {note}", file=sys.stderr)
            for problem in unpublishable:
                print(f"Warnung: {problem}", file=sys.stderr)
            from .check.easy_text import easy_text_warnings

            for problem in easy_text_warnings(paths.data):  # Leichte Sprache of life situations: missing texts, long sentences
                print(f"Warnung: {problem}", file=sys.stderr)
            from .check.translations import translation_warnings

            for problem in translation_warnings(paths.data):  # issue 22: missing, fuzzy or unused translations of the interface
                print(f"Warnung: {problem}", file=sys.stderr)
            print("Keine Probleme gefunden.", file=sys.stderr if fmt == "gitlab" and args.report is None else sys.stdout)
            return 0
        if args.command == "import-indicators":
            from .importers.indicators import Options, run_import

            options = Options(args.indicator, args.column, args.key_column, args.year, args.forecast, args.note, args.output, args.replace, args.dry_run,
                              args.stichtag)
            return run_import(args.file, paths.data, options)
        from .build.pipeline import build

        if args.command == "build":
            from .build.progress import Progress
            from .check.publish import publish_problems

            unpublishable = publish_problems(paths.data)
            if args.publish and unpublishable:  # not worth building: the site could not go online
                report(unpublishable, fmt)
                return 1
            problems = build(paths, Progress(quiet=args.quiet), jobs=args.jobs, pages_per_shard=args.pages_per_shard)
            if problems:
                report(problems, fmt)
                return 1
            from .pages.legal import legal_problems

            for problem in legal_problems(paths.data):  # not fatal for a build (previews, tests)
                print(f"Hinweis: {problem}", file=sys.stderr)
            for problem in unpublishable:
                print(f"Warnung: {problem}", file=sys.stderr)
            print(f"Website gebaut: {paths.site}")
            return 0
        from .build.serve import serve

        return serve(paths, args.dev_addr, lambda problems: report(problems, fmt), quick_first=args.quick_first)
    except BuildError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        print("Die Website wurde nicht verändert.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.command == "build":
            print("Abgebrochen. Die Website ist unverändert oder vollständig neu gebaut, nie halb.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
