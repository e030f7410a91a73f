"""Load stage: read YAML and CSV files, keep the line of every value, report what cannot be read.

YAML is read so that nothing changes behind the editor's back: PyYAML's YAML 1.1 rules would turn
`no`/`on` into booleans, `0331 123` style numbers with a leading zero into octal numbers, `09:00`
into 540 and `2024-05-01` into a date object. Here every scalar stays the text the editor wrote
(only an empty value, `~` and `null` mean "no value"); the schema then converts text to numbers,
booleans and dates where a field asks for them, and reports it when that is not possible.
Duplicate keys in a mapping are reported, not silently resolved.

Whatever is on disk becomes a German problem, never a traceback (issue 23): reading.py opens and decodes
files (directories, links to themselves, permissions, encodings, control characters), limits.py holds
the caps on size, nesting depth, alias expansion and CSV rows, yaml_limits.py checks a composed document
against them before anything walks it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import yaml

from ..core.formatting import fmt_number
from ..core.problems import Problem
from .limits import Limits, MB, cap_hint, current_limits
from .reading import control_character_problem, decode, not_utf8, open_data_file, os_error_text, read_bytes, utf16_problem
from .yaml_cache import parsed
from .yaml_limits import LimitExceeded, depth_message, graph_problem

Loc = tuple[Any, ...]


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that resolves no implicit types except null; stops composing deeper than `max_depth` (no RecursionError)."""

    yaml_implicit_resolvers: dict = {}
    max_depth = Limits.yaml_depth
    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise LimitExceeded(self.peek_event().start_mark.line + 1, depth_message(self.max_depth))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_TextLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _FastTextLoader(getattr(yaml, "CSafeLoader", _TextLoader)):  # libyaml's parser: several times faster (issue 7)
    """The same rules as _TextLoader on libyaml's parser; syntax errors are re-read by _TextLoader for its messages."""

    yaml_implicit_resolvers = _TextLoader.yaml_implicit_resolvers


@dataclass
class Document:
    """One YAML file: its data and the line of every mapping key and list item (1-based)."""

    path: Path
    display: str
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """Line of the value at `loc`, or of its nearest enclosing mapping (for missing fields)."""
        loc = tuple(loc)
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


def _walk(loader: _TextLoader, node: yaml.Node, loc: Loc, doc: Document, problems: list[Problem]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.append(Problem(doc.display, line, f"Feldname „{key}“ ist kein Text"))
                continue
            if key in seen:
                problems.append(
                    Problem(doc.display, line, f"Feld „{key}“ steht doppelt (zuerst in Zeile {seen[key]}); jedes Feld darf nur einmal vorkommen")
                )
                continue
            seen[key] = line
            doc.lines[loc + (key,)] = line
            _walk(loader, value_node, loc + (key,), doc, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[loc + (index,)] = item.start_mark.line + 1
            _walk(loader, item, loc + (index,), doc, problems)


# PyYAML's English problem texts (their beginnings) → what an editor reads instead (issue 23: German only).
_YAML_REASONS = (
    ("found undefined alias", "ein Verweis (*name) nennt einen Anker (&name), den es in der Datei nicht gibt"),
    ("found duplicate anchor", "ein Anker (&name) steht zweimal in der Datei"),
    ("found unexpected end of stream", "die Datei endet mitten in einem Wert; fehlt ein schließendes Anführungszeichen?"),
    ("found unknown escape character", "unbekannte Zeichenfolge mit „\\“ in Text mit doppelten Anführungszeichen; "
                                       "einfache Anführungszeichen verwenden oder „\\\\“ schreiben"),
    ("expected ',' or ']'", "in einer Liste [ … ] fehlt ein Komma oder die schließende Klammer"),
    ("expected ',' or '}'", "in einer Angabe { … } fehlt ein Komma oder die schließende Klammer"),
    ("expected <block end>", "die Einrückung stimmt hier nicht: gleich tief eingerückte Zeilen gehören zusammen"),
    ("did not find expected key", "die Einrückung stimmt hier nicht, oder einem Feldnamen fehlt der Doppelpunkt"),
    ("did not find expected '-' indicator", "ein Listeneintrag ist anders eingerückt als die anderen (jeder beginnt mit „- “)"),
    ("expected a comment or a line break", "nach dem Wert steht in derselben Zeile noch etwas; Text mit Anführungszeichen "
                                          "ganz in Anführungszeichen setzen"),
    ("found character", "dieses Zeichen darf einen Wert nicht beginnen (etwa @ oder `); "
                                                     "den Text in Anführungszeichen setzen"),
    ("expected the node content", "hier fehlt ein Wert"),
    ("expected alphabetic or numeric character", "nach & oder * muss ein Name folgen; ist der Text gemeint, ihn in Anführungszeichen setzen"),
)


def _syntax_problem(display: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(exc, "problem", None) or str(exc)
    hints = {
        "found character '\\t' that cannot start any token": "Tabulatorzeichen sind nicht erlaubt; bitte mit Leerzeichen einrücken",
        "mapping values are not allowed here": "Doppelpunkt an unerwarteter Stelle; steht Text mit „: “ ohne Anführungszeichen da?",
    }
    reason = next((german for start, german in _YAML_REASONS if what.startswith(start)), None)
    text = hints.get(what, "YAML-Syntaxfehler: " + (reason or "die Datei ist hier nicht lesbar (oft: falsche Einrückung, fehlendes "
                                                              "Anführungszeichen oder „: “ im Text ohne Anführungszeichen)"))
    if "could not find expected ':'" in what:
        text = "YAML-Syntaxfehler: hier fehlt ein Doppelpunkt nach dem Feldnamen oder eine Einrückung stimmt nicht"
    elif "could not determine a constructor for the tag" in what:
        tag = what.rsplit("tag", 1)[-1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        text = f"YAML-Syntaxfehler: die Markierung „{tag}“ ist nicht erlaubt"
    return Problem(display, line, text)


def load_yaml(path: Path, display: str) -> tuple[Document, list[Problem]]:
    """Read one YAML file. Returns the document (data None if unreadable) and the problems found. A text read
    before under the same display path and limits is not parsed again (yaml_cache.py)."""
    doc = Document(path=path, display=display)
    limits = current_limits()
    data, problem = read_bytes(path, display, limits.yaml_mb * MB, "yaml_mb")
    text, problem = decode(data, display, "Datei") if data is not None else (None, problem)
    problem = problem or control_character_problem(text or "", display)
    if text is None or problem is not None:
        return doc, [problem] if problem else []
    key = parsed.key(display, text, limits)
    kept = parsed.get(key)
    if kept is not None:
        doc.data, doc.lines, problems = kept
        return doc, problems
    doc, problems, final = _parse(doc, text, limits)
    if final:
        parsed.put(key, doc.data, doc.lines, problems)
    return doc, problems


def _parse(doc: Document, text: str, limits: Limits) -> tuple[Document, list[Problem], bool]:
    """The document and its problems, and whether the same text always gives them (not so after running out of
    stack or an unexpected error)."""
    path, display = doc.path, doc.display
    try:
        try:
            return (*_compose(_FastTextLoader, text, doc, limits), True)
        except yaml.YAMLError:
            doc = Document(path=path, display=display)
            return (*_compose(_TextLoader, text, doc, limits), True)  # the pure-Python parser words the problem (hints in _syntax_problem)
    except LimitExceeded as exc:
        return Document(path=path, display=display), [Problem(display, exc.line, exc.message)], True
    except RecursionError:
        return Document(path=path, display=display), [Problem(display, 1, depth_message(limits.yaml_depth))], False
    except Exception as exc:  # noqa: BLE001 - last line of defence: whatever a file does, the editor gets a message
        return Document(path=path, display=display), [
            Problem(display, 1, f"Die Datei kann nicht gelesen werden (unerwarteter Fehler {type(exc).__name__}); bitte die Datei prüfen")
        ], False


def _compose(loader_class: type, text: str, doc: Document, limits: Limits) -> tuple[Document, list[Problem]]:
    """Parse `text` with `loader_class`; a YAML error is raised by the fast loader and reported by _TextLoader."""
    problems: list[Problem] = []
    loader = loader_class(text)
    loader.max_depth = limits.yaml_depth
    try:
        node = loader.get_single_node()
        if node is None:
            return doc, [Problem(doc.display, 1, "Datei ist leer")]
        too_much = graph_problem(node, limits)  # before _walk and the constructor repeat shared (aliased) nodes
        if too_much is not None:
            raise too_much
        doc.lines[()] = node.start_mark.line + 1
        _walk(loader, node, (), doc, problems)
        doc.data = loader.construct_document(node)
        if doc.data is None:  # „---“, „~“, „null“: a document, but no fields
            problems.append(Problem(doc.display, 1, "Die Datei enthält keine Felder (nur ein leeres YAML-Dokument)"))
    except yaml.YAMLError as exc:
        if loader_class is not _TextLoader:
            raise
        doc.data = None
        problems.append(_syntax_problem(doc.display, exc))
    finally:
        loader.dispose()
    return doc, problems


@dataclass(slots=True)
class CsvRow:
    """One data row: its line and cells; `values` by column (built when asked: a million dicts would not fit in 1 GiB)."""

    line: int
    cells: list[str]
    header: list[str]

    @property
    def values(self) -> dict[str, str]:
        return dict(zip(self.header, map(str.strip, self.cells)))


MAX_LINE = 1 << 20  # characters in one CSV line; longer is no table (a field may have csv.field_size_limit(), 131.072)
_CSV_ERRORS = {
    "',' expected after '\"'": "nach einem schließenden Anführungszeichen muss ein Komma oder das Zeilenende folgen; ein Anführungszeichen im Text wird verdoppelt (\"\")",
    "line contains NUL": "die Zeile enthält ein Nullzeichen (NUL); ist das wirklich eine Textdatei?",
    "field larger than field limit": f"ein Feld ist länger als {fmt_number(csv.field_size_limit())} Zeichen; fehlt ein schließendes Anführungszeichen?",
}


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The lines of a CSV text, none longer than MAX_LINE (a file without line breaks is not read into memory whole)."""
    number = 0
    while line := text.readline(MAX_LINE):
        number += 1
        if len(line) == MAX_LINE and not line.endswith("\n"):
            raise LimitExceeded(number, f"Zeile {number} ist länger als {fmt_number(MAX_LINE)} Zeichen; ist das wirklich eine CSV-Datei?")
        yield line


def _newlines(handle: BinaryIO) -> int:
    count = 0
    while chunk := handle.read(1 << 20):
        count += chunk.count(b"\n")
    return count


def _too_many_rows(handle: BinaryIO, cap: int) -> int | None:
    """Line at which the file has more than `cap` data rows, else None; keeps nothing in memory."""
    many = _newlines(handle) > cap  # every data row ends with a line break, or is the last one after the header's
    handle.seek(0)
    if not many:
        return None
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(_lines(text))
    try:
        for count, _ in enumerate(reader):
            if count > cap:  # the first record is the header
                return reader.line_num
    except csv.Error:
        return None  # reported by the reading pass
    finally:
        text.detach()  # else collecting the wrapper would close the file
        handle.seek(0)
    return None


def load_csv(path: Path, display: str, limits: Limits | None = None) -> tuple[list[str], list[CsvRow], list[Problem]]:
    """Read a comma-separated UTF-8 file: header, rows with their line numbers, problems.

    The file is streamed; above the caps (size, rows: limits.py) nothing is kept and one problem names the cap."""
    limits = limits or current_limits()
    handle, problem = open_data_file(path, display, limits.csv_mb * MB, "csv_mb")
    if handle is None:
        return [], [], [problem] if problem else []
    with handle:
        try:
            problem = utf16_problem(handle.read(2), display, "CSV-Datei")
            if problem is not None:
                return [], [], [problem]
            handle.seek(0)
            line = _too_many_rows(handle, limits.csv_rows)
            if line is not None:
                return [], [], [Problem(display, line, (
                    f"Die Datei hat mehr als {fmt_number(limits.csv_rows)} Datenzeilen; das Lesen wurde hier beendet "
                    f"({cap_hint('csv_rows')}); bitte auf mehrere Dateien aufteilen"
                ))]
            text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")  # kept here: collecting it would close the file
            return _read_csv(text, display)
        except UnicodeDecodeError:
            handle.seek(0)
            for number, raw in enumerate(handle, 1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    return [], [], [not_utf8(display, "CSV-Datei", number, raw[exc.start])]
            return [], [], [not_utf8(display, "CSV-Datei", 1, 0xFF)]  # not reached: the error lies in some line
        except LimitExceeded as exc:
            return [], [], [Problem(display, exc.line, exc.message)]
        except OSError as exc:
            return [], [], [Problem(display, 1, os_error_text(exc, path))]


def _read_csv(text: io.TextIOWrapper, display: str) -> tuple[list[str], list[CsvRow], list[Problem]]:
    reader = csv.reader(_lines(text), strict=True)  # strict: an unterminated quote is an error, not the rest of the file as one field
    line = 0  # last line of the previous record: a record that fails began on the next one (issue 23)
    problems: list[Problem] = []
    header: list[str] = []
    rows: list[CsvRow] = []
    try:
        for record in reader:
            line = reader.line_num
            if not "".join(record).strip():  # blank line
                continue
            if not header:
                header = [cell.strip() for cell in record]
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(display, line, f"Zeile hat {len(record)} Spalten, die Kopfzeile aber {len(header)}; Trennzeichen ist das Komma")
                )
                continue
            rows.append(CsvRow(line, record, header))
    except csv.Error as exc:
        if str(exc).startswith("unexpected end of data"):  # issue 23: report the line where the quote opened
            problems.append(Problem(display, line + 1, (
                "Ein Anführungszeichen in dieser Zeile wird bis zum Ende der Datei nicht geschlossen; bitte das schließende "
                "Anführungszeichen ergänzen (ein Anführungszeichen im Text wird verdoppelt: \"\")")))
            return header, rows, problems
        reason = next((german for key, german in _CSV_ERRORS.items() if str(exc).startswith(key)), "die Zeile passt nicht zum CSV-Format (Anführungszeichen und Kommas prüfen)")
        problems.append(Problem(display, reader.line_num, f"CSV-Datei nicht lesbar: {reason}"))
    if not header:
        problems.append(Problem(display, 1, "CSV-Datei ist leer; erwartet wird eine Kopfzeile"))
    return header, rows, problems
