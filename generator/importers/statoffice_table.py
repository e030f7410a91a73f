"""Read a table as statistical offices publish it, without knowing the atlas.

Handles what such files look like: Latin-1/Windows-1252, UTF-8 (with or without BOM) or UTF-16;
semicolon, tab or comma between fields; title lines above the table and footnotes below it; header
rows spread over several lines; German numbers (`12.892`, `29,1`, `1.234,5`) and the markers of the
official statistics ("–", ".", "x", "…", "/", "(12)", "12 p").

`read_table` returns the rows from the first row with an official key onwards and the column names
taken from the header rows right above it. Which column holds the key and which the values is
decided by import_indicators, which knows the atlas.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path


class TableError(Exception):
    """The file as a whole cannot be read as a table; German message with the line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Column:
    index: int
    parts: list[str]  # non-empty header cells of this column, top to bottom

    @property
    def name(self) -> str:
        return " ".join(self.parts) or f"Spalte {self.index + 1}"

    def matches(self, wanted: str) -> bool:
        """True if `wanted` is the column's name or one of its header cells (case and spaces ignored)."""
        want = _fold(wanted)
        return want in {_fold(self.name), *(_fold(p) for p in self.parts)}


@dataclass
class Row:
    line: int
    cells: list[str]


@dataclass
class Table:
    encoding: str
    delimiter: str
    header_line: int  # first header row (or the first data row when there is no header)
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # the title lines above the header (they may name the Stichtag)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- file level -------------------------------------------------------------------------------
def decode(raw: bytes) -> tuple[str, str]:
    """Text and the name of its encoding: BOM first, then UTF-8, else Windows-1252 (a superset of Latin-1)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 mit BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252/Latin-1"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        records.append((start, cells))
        start = reader.line_num + 1
    return records


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits most rows into the same number (≥ 2) of fields; ties: ; before tab before ,."""
    best, best_score = ";", -1
    for delimiter in (";", "\t", ","):
        try:
            counts = [len(cells) for _, cells in _records(text, delimiter) if len(cells) >= 2]
        except csv.Error:
            continue
        score = max((counts.count(n) for n in set(counts)), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --- cells --------------------------------------------------------------------------------------
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
KEY_LENGTHS = {4, 5, 7, 8, 9, 11, 12}


def key_digits(cell: str) -> str | None:
    """The digits of a cell that consists of digits only (spaces between them allowed; Excel's ="…" removed)."""
    text = cell.strip()
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    text = _SPACES.sub("", text)
    return text if text.isdigit() and text.isascii() else None


def looks_like_key(cell: str) -> bool:
    """Digits of an official key (possibly without its leading zero), not a four-digit year."""
    digits = key_digits(cell)
    if digits is None or len(digits) not in KEY_LENGTHS:
        return False
    return not (len(digits) == 4 and 1800 <= int(digits) <= 2200)


_FOOTNOTE = r"(?:\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰*]+|\(\d+\)|\d\)))?"
_YEAR = re.compile(r"^(?:(?P<dm>\d{1,2}\.\d{1,2}\.)(?P<y1>\d{4})|(?P<y2>\d{4})(?P<md>-\d{2}-\d{2})?)" + _FOOTNOTE + "$")


def parse_year(cell: str) -> tuple[int, str | None] | None:
    """A year ("2022") or a date ("31.12.2022", "2022-12-31") → (year, the date or None)."""
    match = _YEAR.match(cell.strip())
    if not match:
        return None
    year = int(match["y1"] or match["y2"])
    if not 1800 <= year <= 2200:
        return None
    if match["dm"]:
        return year, match["dm"] + match["y1"]
    return year, (match["y2"] + match["md"]) if match["md"] else None


def is_date(cell: str) -> bool:
    parsed = parse_year(cell)
    return parsed is not None and parsed[1] is not None


# Markers of the official statistics (Zeichenerklärung). A tuple (value, note) is taken as that value
# with the note; a plain string is not taken, the string is the reason. „–“ (nichts vorhanden) means exactly
# zero for a count, but for a rate or share it means that nobody was counted: parse_value takes it as 0 only
# when asked (`nothing_is_zero`, for indicators that add up), never for a rate.
NO_VALUE = "„–“ = nichts vorhanden; kein Wert übernommen (nicht als 0)"
NOTHING = ("-", "–", "—")
NOTHING_ZERO = (Decimal(0), "„–“ = nichts vorhanden (genau null)")
MARKERS: dict[str, tuple[Decimal, str] | str] = {
    "-": NO_VALUE,
    "–": NO_VALUE,
    "—": NO_VALUE,
    ".": "Zahlenwert unbekannt oder geheim gehalten (.)",
    "•": "Zahlenwert unbekannt oder geheim gehalten (•)",
    "·": "Zahlenwert unbekannt oder geheim gehalten (·)",
    "x": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll (x)",
    "X": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll (x)",
    "…": "Angabe fällt später an (…)",
    "...": "Angabe fällt später an (…)",
    "/": "keine Angabe, da Zahlenwert nicht sicher genug (/)",
    "k. A.": "keine Angabe (k. A.)",
    "k.A.": "keine Angabe (k. A.)",
    "": "leeres Feld",
}
# letters after a number (Destatis): the value is taken, the letter becomes a note
SUFFIXES = {"p": "vorläufige Zahl (p)", "r": "berichtigte Zahl (r)", "s": "geschätzte Zahl (s)"}
LIMITED = "Aussagewert eingeschränkt, da statistisch relativ unsicher (Wert in Klammern)"

_GERMAN = (re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"), re.compile(r"[+-]?\d+(?:,\d+)?"))
_POINT = (re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"), re.compile(r"[+-]?\d+(?:\.\d+)?"))
_GERMAN_EVIDENCE = re.compile(r"\d,(?:\d{1,2}|\d{4,})$|\.\d{3},\d")
_POINT_EVIDENCE = re.compile(r"\d\.(?:\d{1,2}|\d{4,})$|,\d{3}\.\d")


def _core(cell: str) -> str:
    text = cell.strip().replace("−", "-")
    if text[:1] in "-–" and len(text) > 1 and (text[1:2].isdigit() or text[1:2] == " "):
        text = "-" + text[1:].lstrip()
    return text


def decimal_style(cells: list[str]) -> str:
    """"komma" (German, the default) or "punkt" when no cell has a decimal comma and some cell a decimal point."""
    cores = [_core(c).strip("()").split(" ")[0] for c in cells]
    if any(_GERMAN_EVIDENCE.search(c) for c in cores):
        return "komma"
    return "punkt" if any(_POINT_EVIDENCE.search(c) for c in cores) else "komma"


@dataclass(frozen=True)
class Cell:
    """A parsed value cell: value with notes, or no value with the reason (error=True: unreadable)."""

    value: Decimal | None
    notes: tuple[str, ...] = ()
    reason: str | None = None
    error: bool = False


def parse_value(cell: str, style: str = "komma", nothing_is_zero: bool = False) -> Cell:
    """A value cell of the table; `nothing_is_zero`: „–“ is the count 0 (see NOTHING), else no value."""
    text = _core(cell)
    if nothing_is_zero and text in NOTHING:
        return Cell(NOTHING_ZERO[0], (NOTHING_ZERO[1],))
    if text in MARKERS:
        marker = MARKERS[text]
        return Cell(marker[0], (marker[1],)) if isinstance(marker, tuple) else Cell(None, reason=marker)
    notes: list[str] = []
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":
        text = text[1:-1].strip()
        notes.append(LIMITED)
    match = re.fullmatch(r"(.*\d)\s*([prs])", text)
    if match:
        text = match.group(1)
        notes.append(SUFFIXES[match.group(2)])
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))", "", text)  # 12 892 → 12892
    patterns, thousands, point = (_GERMAN, ".", ",") if style == "komma" else (_POINT, ",", ".")
    if not any(p.fullmatch(text) for p in patterns):
        hint = " (erwartet z. B. 12.892 oder 29,1)" if style == "komma" else " (erwartet z. B. 12892 oder 29.1)"
        return Cell(None, reason=f"„{cell.strip()}“ ist keine Zahl{hint}", error=True)
    try:
        number = Decimal(text.replace(thousands, "").replace(point, "."))
    except InvalidOperation:  # pragma: no cover - the patterns above admit only valid numbers
        return Cell(None, reason=f"„{cell.strip()}“ ist keine Zahl", error=True)
    return Cell(number, tuple(notes))


def format_decimal(number: Decimal) -> str:
    """Decimal point, no exponent, no trailing zeros: 12892, 29.1, 0."""
    text = format(number.normalize(), "f")
    return "0" if text in {"-0", "0"} else text


# --- the table ------------------------------------------------------------------------------------
def _is_title(cells: list[str]) -> bool:
    filled = [i for i, c in enumerate(cells) if c.strip()]
    return not filled or filled == [0]


def read_table(path: Path) -> Table:
    """Read the table of a statistical-office file; TableError when the file holds none."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TableError(1, f"Datei kann nicht gelesen werden: {exc.strerror or exc}") from None
    if not raw.strip():
        raise TableError(1, "Die Datei ist leer")
    text, encoding = decode(raw)
    delimiter = sniff_delimiter(text)
    try:
        records = _records(text, delimiter)
    except csv.Error as exc:
        raise TableError(1, f"Datei ist als Tabelle nicht lesbar: {exc}") from None
    first = next(
        (i for i, (_, cells) in enumerate(records) if sum(1 for c in cells if c.strip()) >= 2 and any(looks_like_key(c) for c in cells)),
        None,
    )
    if first is None:
        raise TableError(
            1,
            "Keine Tabelle mit amtlichen Schlüsseln gefunden: keine Zeile enthält einen Kreis-, Gemeinde-, Amts- "
            "oder Regionalschlüssel (5, 8, 9 oder 12 Ziffern) und weitere Angaben",
        )
    top = first
    while top > 0 and not _is_title(records[top - 1][1]):
        top -= 1
    header = [cells for _, cells in records[top:first]]
    body = [Row(line, cells) for line, cells in records[first:] if any(c.strip() for c in cells)]
    width = max(len(cells) for cells in header + [r.cells for r in body])
    for row in body:
        row.cells = [c.strip() for c in row.cells] + [""] * (width - len(row.cells))
    columns = [Column(i, [cells[i].strip() for cells in header if i < len(cells) and cells[i].strip()]) for i in range(width)]
    titles = [" ".join(c.strip() for c in cells if c.strip()) for _, cells in records[:top]]
    return Table(encoding, delimiter, records[top][0], columns, body, [t for t in titles if t])
