"""Validate stage: loaded files → validated records, or every problem with file, line and a German message.

`validate(data_dir)` checks, in one run: YAML syntax, duplicate keys, each record against its schema
(types, required and unknown fields, formats of e-mail, phone, links), ids (format, equal to the file
name, unique, no name of a generated page: reserved.py), references between records, vocabulary entries, coordinates inside the configured
area, official keys inside the district's key (keys.py), and the indicator CSV files. It returns the Atlas only when nothing is wrong.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.formatting import fmt_date, fmt_number
from ..core.problems import Problem, display_path
from ..load.files import Document, load_csv, load_yaml
from ..load.reading import list_folder
from ..load.limits import MAX_CSV_PROBLEMS, MAX_SCHEMA_PROBLEMS, capped, check_capped
from ..model.atlas import Atlas, IndicatorValue, build_atlas
from ..model.events import event_problems
from ..model.hours import check_hours
from ..model.indicators import formula_order, parse_date
from ..model.renames import former_id_problems, former_map, renamed_text
from ..model.schema import (
    CONFIG_FILE,
    DISTRICT_FILE,
    KINDS,
    VOCABULARIES_FILE,
    AtlasConfig,
    District,
    Location,
    Record,
    Vocabularies,
    date_message,
)
from . import messages
from .keys import key_problems, unit_type_problems
from .reserved import reserved_problems


def _model_problems(doc: Document, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    errors = exc.errors()  # worded up to the cap (translate looks for similar names), the rest counted in one line
    return capped([Problem(doc.display, doc.line(e["loc"]), messages.translate(model, e) if i <= MAX_SCHEMA_PROBLEMS else "")
                   for i, e in enumerate(errors)], MAX_SCHEMA_PROBLEMS)


def parse(doc: Document, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """Validate one loaded document against a schema class."""
    if doc.data is None:
        return None, []
    if not isinstance(doc.data, dict):
        return None, [Problem(doc.display, 1, "Die Datei muss aus Feldern der Form „feld: wert“ bestehen")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _model_problems(doc, model, exc)


class Validator:
    """Collects problems while reading one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.problems: list[Problem] = []
        self.docs: dict[tuple[str, str], Document] = {}  # (kind, id) → document
        self.records: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
        # ids of files that exist but failed validation: references to them are not reported again
        self.invalid: dict[str, dict[str, Document]] = {kind: {} for kind in KINDS}
        self.district_doc: Document | None = None  # district.yaml, for its vocabulary entries

    def show(self, path: Path) -> str:
        return display_path(path)

    def read(self, path: Path, model: type[BaseModel]) -> tuple[Any, Document | None]:
        if not path.exists() and not path.is_symlink():  # a link to nowhere or to itself: load_yaml says so
            self.problems.append(Problem(self.show(path), 1, f"Datei fehlt; jeder Atlas braucht {path.name}"))
            return None, None
        doc, problems = load_yaml(path, self.show(path))
        self.problems += problems
        obj, problems = parse(doc, model)
        self.problems += problems
        return obj, doc

    # --- records --------------------------------------------------------------------------
    def read_kind(self, kind: str) -> None:
        spec = KINDS[kind]
        folder = self.data_dir / spec.folder
        if not folder.is_dir():
            return
        loaded: list[tuple[Record, Document, Path]] = []
        paths, unlisted = list_folder(folder, self.show(folder))
        self.problems += [unlisted] if unlisted else []
        for path in paths:
            if path.name.startswith(".") or (path.is_dir() and path.suffix != ".yaml") or path.suffix == ".csv":
                continue
            if path.suffix != ".yaml":
                self.problems.append(Problem(self.show(path), 1, "Datensätze müssen auf .yaml enden (nicht .yml oder anderes); die Datei wird sonst nicht gelesen"))
                continue
            record, doc = self.read(path, spec.model)
            if record is None:
                if doc is not None:
                    self.invalid[kind][path.stem] = doc
                    raw_id = doc.data.get("id") if isinstance(doc.data, dict) else None
                    if isinstance(raw_id, str):
                        self.invalid[kind][raw_id] = doc
                continue
            loaded.append((record, doc, path))
        # the file named like the id owns it; copies that kept the id are the duplicates
        loaded.sort(key=lambda item: (item[0].id != item[2].stem, item[1].display))
        for record, doc, path in loaded:
            id_line = doc.line(("id",))
            if record.id != path.stem:
                self.problems.append(
                    Problem(doc.display, id_line, f"Die Kennung „{record.id}“ passt nicht zum Dateinamen „{path.name}“; beide müssen gleich sein")
                )
            owner = self.docs.get((kind, record.id))
            if owner is not None:
                self.problems.append(
                    Problem(doc.display, id_line, f"Die Kennung „{record.id}“ ist schon vergeben in {owner.display}:{owner.line(('id',))}; jeder Datensatz braucht eine eigene Kennung")
                )
                continue
            self.records[kind][record.id] = record
            self.docs[(kind, record.id)] = doc

    # --- references -----------------------------------------------------------------------
    def all_docs(self) -> list[tuple[str, Document]]:
        """(kind, document) of every record file that could be read, valid or not, in file order."""
        found = {id(d): (k, d) for (k, _), d in self.docs.items()}
        found.update({id(d): (k, d) for k, table in self.invalid.items() for d in table.values()})
        return sorted(found.values(), key=lambda kd: kd[1].display)

    def check_references(self, vocabularies: Vocabularies | None) -> None:
        """References and vocabulary entries, read from the files as written (so broken records are checked too).

        Nested parts (a formula's indicators, a measure's organisation) are walked as well.
        """
        terms = {name: {t.id for t in getattr(vocabularies, name)} for name in type(vocabularies).model_fields} if vocabularies else None
        self.former = former_map(self.records)  # renamed records (renames.py): old id → new id
        for kind, doc in self.all_docs():
            if isinstance(doc.data, dict):
                self._walk_refs(doc, KINDS[kind].model, doc.data, (), terms)
        district_doc = self.district_doc
        if district_doc is not None and isinstance(district_doc.data, dict):  # its `kind` (vocabulary area_kinds)
            self._walk_refs(district_doc, District, district_doc.data, (), terms)

    def _walk_refs(self, doc: Document, model: type[BaseModel], data: dict, loc: tuple, terms: dict[str, set[str]] | None) -> None:
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            value = data.get(name)
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            sub = messages.submodel(info.annotation)
            for index, item in items:
                here = loc + ((name,) if index is None else (name, index))
                if sub is not None and isinstance(item, dict):
                    self._walk_refs(doc, sub, item, here, terms)
                if not isinstance(item, str):
                    continue  # missing or of the wrong type: the schema check reports it
                if "ref" in extra:
                    self._check_ref(doc, here, name, info.title, extra["ref"], item)
                elif "vocab" in extra and terms is not None:
                    self._check_term(doc, here, name, info.title, extra["vocab"], item, terms[extra["vocab"]])

    def check_area_ids(self, district: District | None) -> None:
        """Units, regions and the district share one namespace in the indicator files: ids must differ."""
        seen: dict[str, str] = {}
        areas = [("municipalities", i) for i in self.records["municipalities"]] + [("regions", i) for i in self.records["regions"]]
        for kind, area_id in areas:
            if area_id in seen or (district is not None and area_id == district.id):
                doc = self.docs[(kind, area_id)]
                other = seen.get(area_id, DISTRICT_FILE)
                self.problems.append(Problem(doc.display, doc.line(("id",)), f"Die Kennung „{area_id}“ ist schon für {other} vergeben; Sozialräume, Regionen und der Kreis brauchen verschiedene Kennungen"))
            seen.setdefault(area_id, self.docs[(kind, area_id)].display)

    def check_formulas(self) -> None:
        """Derived indicators must not depend on themselves through other formulas."""
        _, cycle = formula_order(self.records["indicators"])
        for ind_id in cycle:
            doc = self.docs[("indicators", ind_id)]
            self.problems.append(
                Problem(doc.display, doc.line(("formula",)), f"Die Berechnung (formula) ist zirkulär: {' → '.join(cycle)} hängen voneinander ab")
            )

    def _check_ref(self, doc: Document, loc: tuple, name: str, title: str | None, target: str, item: str) -> None:
        if item in self.records[target] or item in self.invalid[target]:
            return
        new = self.former[target].get(item)
        if new is not None:
            self.problems.append(Problem(doc.display, doc.line(loc), renamed_text(name, title, item, new)))
            return
        spec = KINDS[target]
        hint = difflib.get_close_matches(item, list(self.records[target]), n=1)
        text = f"Feld „{name}“ ({title}): „{item}“ ist unbekannt – es gibt keine Datei {spec.folder}/{item}.yaml ({spec.label})"
        if hint:
            text += f"; meinten Sie „{hint[0]}“?"
        self.problems.append(Problem(doc.display, doc.line(loc), text))

    def _check_term(self, doc: Document, loc: tuple, name: str, title: str | None, vocab: str, item: str, allowed: set[str]) -> None:
        if item in allowed:
            return
        hint = difflib.get_close_matches(item, sorted(allowed), n=1)
        text = f"Feld „{name}“ ({title}): „{item}“ steht nicht im Vokabular „{vocab}“ in {VOCABULARIES_FILE}"
        text += f"; meinten Sie „{hint[0]}“?" if hint else f"; erlaubt: {', '.join(sorted(allowed))}"
        if hint and len(allowed) <= 20:  # short lists (unit_types …) are named in full
            text += f" Bekannt sind: {', '.join(sorted(allowed))}"
        self.problems.append(Problem(doc.display, doc.line(loc), text))

    # --- places ---------------------------------------------------------------------------
    def check_locations(self, config: AtlasConfig | None) -> None:
        """Coordinates inside the configured area, also in records that failed for other reasons."""
        if config is None:
            return
        b = config.map.bounds
        for _, doc in self.all_docs():
            raw = doc.data.get("location") if isinstance(doc.data, dict) else None
            try:
                location = Location.model_validate(raw) if raw is not None else None
            except ValidationError:
                continue  # already reported by the schema check
            if location is not None and not (b.south <= location.lat <= b.north and b.west <= location.lon <= b.east):
                self.problems.append(
                    Problem(
                        doc.display,
                        doc.line(("location",)),
                        f"Die Koordinaten {location.lat}, {location.lon} liegen außerhalb des Gebiets "
                        f"(Breite {b.south} bis {b.north}, Länge {b.west} bis {b.east} laut {CONFIG_FILE}); "
                        "sind Breite (lat) und Länge (lon) vertauscht?",
                    )
                )

    def check_consistency(self) -> None:
        """Relations the schema alone cannot see."""
        centres = self.records["family_centres"]
        for oid, offer in self.records["offers"].items():
            centre = centres.get(offer.family_centre or "")
            if centre is not None and centre.municipality != offer.municipality:
                doc = self.docs[("offers", oid)]
                self.problems.append(
                    Problem(
                        doc.display,
                        doc.line(("municipality",)),
                        f"Das Angebot findet im Familienzentrum „{centre.name}“ statt, das liegt aber in „{centre.municipality}“, nicht in „{offer.municipality}“",
                    )
                )

    # --- indicator values -----------------------------------------------------------------
    def read_values(self, district: District | None) -> list[IndicatorValue]:
        areas = set(self.records["municipalities"]) | set(self.records["regions"]) | ({district.id} if district else set())
        values: list[IndicatorValue] = []
        folder = self.data_dir / "indicators"
        dates: dict[tuple, tuple[dt.date, str]] = {}  # (indicator, year, forecast) → first Stichtag, where: one per year
        # ids whose file exists but failed to load → that file: their rows are folded into one line (one cause, one message)
        failed = {"Gebiet": {i: d.display for k in ("municipalities", "regions") for i, d in self.invalid[k].items() if i not in areas},
                  "Kennzahl": {i: d.display for i, d in self.invalid["indicators"].items() if i not in self.records["indicators"]}}
        raw_district = self.district_doc.data.get("id") if self.district_doc is not None and isinstance(self.district_doc.data, dict) else None
        if district is None and self.district_doc is not None and isinstance(raw_district, str):
            failed["Gebiet"][raw_district] = self.district_doc.display
        for path in list_folder(folder, "", ".csv")[0] if folder.is_dir() else []:  # unlisted: reported by read_kind
            read, found = check_capped(lambda found, path=path: read_indicator_csv(path, self.show(path), areas, set(self.records["indicators"]),
                                                                                   found, dates, failed), MAX_CSV_PROBLEMS)
            values += read or []
            self.problems += found
        return values


REQUIRED_COLUMNS = ("area", "indicator", "year", "value")
OPTIONAL_COLUMNS = ("forecast", "example", "note", "date")
TRUE_WORDS, FALSE_WORDS = {"true", "ja", "1", "x"}, {"false", "nein", "0", ""}


def read_indicator_csv(
    path: Path, display: str, areas: set[str], indicators: set[str], problems: list[Problem], dates: dict[tuple, tuple[dt.date, str]] | None = None,
    failed: dict[str, dict[str, str]] | None = None,
) -> list[IndicatorValue]:
    """Read one long-format indicator CSV (area,indicator,year,value[,forecast,example,note,date]); `dates` is shared by the
    files of a data folder: one Stichtag per indicator and year. `failed`: {"Gebiet"|"Kennzahl": {id: file that failed to
    load}}; rows naming such an id give one follow-up problem per id and file instead of one per row."""
    dates = {} if dates is None else dates
    held: dict[tuple[str, str], list[int]] = {}  # (what, id) → [first line, rows]
    similar = functools.lru_cache(maxsize=4096)(lambda word, column: difflib.get_close_matches(word, sorted(areas if column == "area" else indicators), n=1))
    header, rows, found = load_csv(path, display)
    problems += found
    if not header:
        return []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        if missing:
            problems.append(Problem(display, 1, f"Spalte(n) {', '.join(missing)} fehlen in der Kopfzeile; erwartet: {','.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}"))
        for column in unknown:
            hint = difflib.get_close_matches(column, REQUIRED_COLUMNS + OPTIONAL_COLUMNS, n=1)
            problems.append(Problem(display, 1, f"Unbekannte Spalte „{column}“" + (f"; meinten Sie „{hint[0]}“?" if hint else "")))
        return []
    values: list[IndicatorValue] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        v = row.values
        before = len(problems)
        cause = next(((what, v[col]) for what, col in (("Gebiet", "area"), ("Kennzahl", "indicator")) if v[col] in (failed or {}).get(what, {})), None)
        if cause is not None:
            held.setdefault(cause, [row.line, 0])[1] += 1
            continue
        if v["area"] not in areas:
            hint = similar(v["area"], "area")  # once per unknown word, not per row (a file of another district: every row)
            problems.append(Problem(display, row.line, f"Unbekanntes Gebiet „{v['area']}“ in Spalte area" + (f"; meinten Sie „{hint[0]}“?" if hint else "")))
        if v["indicator"] not in indicators:
            hint = similar(v["indicator"], "indicator")
            problems.append(
                Problem(display, row.line, f"Unbekannte Kennzahl „{v['indicator']}“ in Spalte indicator; sie braucht eine Datei indicators/{v['indicator']}.yaml" + (f"; meinten Sie „{hint[0]}“?" if hint else ""))
            )
        year = _int(v["year"])
        if year is None or not 1800 <= year <= 2200:
            problems.append(Problem(display, row.line, f"Jahr „{v['year']}“ ist keine Jahreszahl (vierstellig, z. B. 2023)"))
        number = _float(v["value"])
        if number is None:
            hint = " (Dezimalpunkt statt Komma verwenden, ohne Tausenderpunkte)" if any(ch.isdigit() for ch in v["value"]) else ""
            problems.append(Problem(display, row.line, f"Wert „{v['value']}“ ist keine Zahl{hint}"))
        flags = {}
        for column in ("forecast", "example"):
            text = v.get(column, "").casefold()
            if text not in TRUE_WORDS | FALSE_WORDS:
                problems.append(Problem(display, row.line, f"Spalte {column}: „{v[column]}“ ist weder true noch false (leer bedeutet false)"))
            flags[column] = text in TRUE_WORDS
        date = parse_date(v["date"]) if v.get("date") else None
        if v.get("date") and (date is None or year is not None and date.year != year):
            what = "ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)" if date is None else f"liegt nicht im Jahr {v['year']} (Spalte year)"
            if date is None and v["date"].strip().lstrip("+-").isdigit():  # a number: say which date it probably means
                what = date_message(v["date"]).removeprefix(f"„{v['date'].strip()}“ ")
            problems.append(Problem(display, row.line, f"Stichtag „{v['date']}“ in Spalte date {what}"))
        if len(problems) > before:
            continue
        key = (v["area"], v["indicator"], year, flags["forecast"])
        if key in seen:
            problems.append(Problem(display, row.line, f"Doppelter Wert für {v['area']}, {v['indicator']}, {year} (schon in Zeile {seen[key]})"))
            continue
        seen[key] = row.line
        when = date or dt.date(year, 12, 31)  # year only: as of 31 December
        first = dates.setdefault((v["indicator"], year, flags["forecast"]), (when, f"{display}:{row.line}"))
        if first[0] != when:
            problems.append(Problem(display, row.line, (
                f"Stichtag {fmt_date(when)} für {v['indicator']} {year}, aber {first[1]} nennt den {fmt_date(first[0])}; Werte verschiedener "
                "Stichtage (etwa Zensus am 15.05. und Fortschreibung am 31.12.) gehören nicht in dasselbe Jahr einer Kennzahl (leere Spalte date: 31.12.)"
            )))
        values.append(IndicatorValue(v["area"], v["indicator"], year, number, flags["forecast"], flags["example"], v.get("note") or None, date))
    for (what, item), (line, count) in held.items():
        more = f" und {fmt_number(count - 1)} weitere Zeilen" if count > 1 else ""
        this = "dieses Gebiet" if what == "Gebiet" else "diese Kennzahl"
        problems.append(Problem(display, line, (
            f"{what} „{item}“: die Datei {failed[what][item]} konnte nicht geladen werden (siehe die Meldung dort); "
            f"diese Zeile{more} für {this} {'werden' if more else 'wird'} geprüft, sobald die Datei in Ordnung ist"), follow_up=True))
    return values


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _float(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def validate(data_dir: Path, with_boundaries: bool = True) -> tuple[Atlas | None, list[Problem]]:
    """Validate a whole data folder. Returns (atlas, []) or (None, problems).

    `with_boundaries=False` skips data/boundaries.geojson (`atlas import-boundaries` replaces it).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(display_path(data_dir), 1, "Datenordner nicht gefunden")]
    v = Validator(data_dir)
    config, _ = v.read(data_dir / CONFIG_FILE, AtlasConfig)
    vocabularies, _ = v.read(data_dir / VOCABULARIES_FILE, Vocabularies)
    district, district_doc = v.read(data_dir / DISTRICT_FILE, District)
    v.district_doc = district_doc
    for kind in KINDS:
        v.read_kind(kind)
    v.check_references(vocabularies)
    v.problems += former_id_problems(v.records, v.docs)  # former_ids: no clash with current ids, none twice
    v.problems += reserved_problems(v.records, v.docs, {k: s.label for k, s in KINDS.items()})  # ids vs. generated page names
    v.check_locations(config)
    v.check_consistency()
    v.check_formulas()
    v.check_area_ids(district)
    digits = {t.id: t.key_digits for t in vocabularies.unit_types} if vocabularies is not None else None
    v.problems += key_problems(district, district_doc, v.all_docs(), digits)  # unit and member keys inside the district's key
    v.problems += unit_type_problems(vocabularies, v.all_docs())  # key length and members as the unit's type says
    v.problems += check_hours(v.records, v.docs) + event_problems(v.records, v.docs)  # opening hours (overlaps, 24:00); Termine: changes off the rule
    values = v.read_values(district)
    problems = sorted(set(v.problems))
    if problems or config is None or vocabularies is None or district is None:
        return None, problems
    atlas = build_atlas(config, vocabularies, district, v.records, values)
    if with_boundaries:  # optional unit boundaries for thematic maps (generator/model/boundaries.py)
        from ..load.reading import size_problem
        from ..model.boundaries import BOUNDARIES_FILE, load_boundaries

        geojson = Path(data_dir) / BOUNDARIES_FILE
        too_big = size_problem(geojson, display_path(geojson)) if geojson.is_file() else None
        atlas.boundaries, problems = (None, [too_big]) if too_big else load_boundaries(data_dir, atlas)
        if problems:
            return None, problems
    return atlas, []
