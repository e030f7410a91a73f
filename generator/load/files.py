"""Load stage: read YAML and CSV files, keep the line of every value, report what cannot be read.

YAML is read so that nothing changes behind the editor's back: PyYAML's YAML 1.1 rules would turn
`no`/`on` into booleans, `0331 123` style numbers with a leading zero into octal numbers, `09:00`
into 540 and `2024-05-01` into a date object. Here every scalar stays the text the editor wrote
(only an empty value, `~` and `null` mean "no value"); the schema then converts text to numbers,
booleans and dates where a field asks for them, and reports it when that is not possible.
Duplicate keys in a mapping are reported, not silently resolved.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.problems import Problem

Loc = tuple[Any, ...]


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that resolves no implicit types except null."""

    yaml_implicit_resolvers: dict = {}


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


def _syntax_problem(display: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(exc, "problem", None) or str(exc)
    hints = {
        "found character '\\t' that cannot start any token": "Tabulatorzeichen sind nicht erlaubt; bitte mit Leerzeichen einrücken",
        "mapping values are not allowed here": "Doppelpunkt an unerwarteter Stelle; steht Text mit „: “ ohne Anführungszeichen da?",
    }
    text = hints.get(
        what,
        "YAML-Syntaxfehler: die Datei ist hier nicht lesbar (oft: falsche Einrückung, fehlendes Anführungszeichen "
        f"oder „: “ im Text ohne Anführungszeichen; technisch: {what})",
    )
    if "could not find expected ':'" in what:
        text = "YAML-Syntaxfehler: hier fehlt ein Doppelpunkt nach dem Feldnamen oder eine Einrückung stimmt nicht"
    elif "could not determine a constructor for the tag" in what:
        tag = what.rsplit("tag", 1)[-1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        text = f"YAML-Syntaxfehler: die Markierung „{tag}“ ist nicht erlaubt"
    return Problem(display, line, text)


def load_yaml(path: Path, display: str) -> tuple[Document, list[Problem]]:
    """Read one YAML file. Returns the document (data None if unreadable) and the problems found."""
    doc = Document(path=path, display=display)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return doc, [Problem(display, 1, "Datei ist nicht in UTF-8 gespeichert; bitte als UTF-8 speichern")]
    except OSError as exc:
        return doc, [Problem(display, 1, f"Datei kann nicht gelesen werden: {exc.strerror}")]
    try:
        return _compose(_FastTextLoader, text, doc)
    except yaml.YAMLError:
        doc = Document(path=path, display=display)
        return _compose(_TextLoader, text, doc)  # the pure-Python parser words the problem (hints in _syntax_problem)


def _compose(loader_class: type, text: str, doc: Document) -> tuple[Document, list[Problem]]:
    """Parse `text` with `loader_class`; a YAML error is raised by the fast loader and reported by _TextLoader."""
    problems: list[Problem] = []
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc, [Problem(doc.display, 1, "Datei ist leer")]
        doc.lines[()] = node.start_mark.line + 1
        _walk(loader, node, (), doc, problems)
        doc.data = loader.construct_document(node)
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
    line: int
    values: dict[str, str]


def load_csv(path: Path, display: str) -> tuple[list[str], list[CsvRow], list[Problem]]:
    """Read a comma-separated UTF-8 file: header, rows with their line numbers, problems."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [], [Problem(display, 1, "CSV-Datei ist nicht in UTF-8 gespeichert; bitte als UTF-8 speichern")]
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    header: list[str] = []
    rows: list[CsvRow] = []
    try:
        for record in reader:
            line = reader.line_num
            if not header:
                if not any(cell.strip() for cell in record):
                    continue
                header = [cell.strip() for cell in record]
                continue
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(display, line, f"Zeile hat {len(record)} Spalten, die Kopfzeile aber {len(header)}; Trennzeichen ist das Komma")
                )
                continue
            rows.append(CsvRow(line, {h: c.strip() for h, c in zip(header, record)}))
    except csv.Error as exc:
        problems.append(Problem(display, reader.line_num, f"CSV-Datei nicht lesbar: {exc}"))
    if not header:
        problems.append(Problem(display, 1, "CSV-Datei ist leer; erwartet wird eine Kopfzeile"))
    return header, rows, problems
