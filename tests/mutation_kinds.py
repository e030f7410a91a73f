"""The kinds of mutations of tests/mutations.py: what each breaks in a copy of the example's `data/` and what
`atlas check` must answer (issue 23, point 7).

Longer than 400 lines because it is a catalogue: some 45 small, independent functions, one per kind, each
registered with `@kind(name, expect)`, and the few helpers that find files, fields, dates and CSV rows to
change. A kind gets a random generator and the data folder, changes one value, line or file there and
returns the changed file and what it did. Files are replaced, never written into (`write`): the copy shares
the unchanged files with the original as hard links.

Expectations: ERROR (exit code 1 and a message naming the changed file), VALID (exit code 0: the change is
legitimate, e.g. Windows line endings, a byte order mark, a comment) or EITHER (the change may or may not leave
valid data, e.g. a file cut after a complete line; exit code 1 needs a message naming the file). `isolate`:
`atlas check` runs in a subprocess with a timeout and a memory limit (deep nesting, alias bombs).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
if str(REPO) not in sys.path:  # `python tests/mutations.py`
    sys.path.insert(0, str(REPO))

from generator.model.schema import KINDS as RECORD_KINDS

ERROR, VALID, EITHER = "error", "valid", "either"


@dataclass(frozen=True)
class Kind:
    name: str
    expect: str
    change: Callable[[random.Random, Path], tuple[Path, str]]  # (rng, data) → (changed file, what was done)
    isolate: bool  # run `atlas check` in a subprocess with a timeout and a memory limit (could hang or eat memory)


KINDS: dict[str, Kind] = {}


def kind(name: str, expect: str = ERROR, isolate: bool = False) -> Callable:
    def register(change: Callable[[random.Random, Path], tuple[Path, str]]) -> Callable:
        KINDS[name] = Kind(name, expect, change, isolate)
        return change

    return register


# ------------------------------------------------------------------------------------------------ files
TOP_FILES = ("atlas.yaml", "district.yaml", "vocabularies.yaml")


def record_files(data: Path) -> list[Path]:
    return sorted(p for spec in RECORD_KINDS.values() for p in (data / spec.folder).glob("*.yaml"))


def yaml_files(data: Path) -> list[Path]:
    return [data / name for name in TOP_FILES] + record_files(data)


def csv_files(data: Path) -> list[Path]:
    return sorted((data / "indicators").glob("*.csv"))


def all_files(data: Path) -> list[Path]:
    return yaml_files(data) + csv_files(data) + [data / "boundaries.geojson"]


def model_of(path: Path):
    folder = path.parent.name
    return next(spec.model for spec in RECORD_KINDS.values() if spec.folder == folder)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write(path: Path, data: str | bytes) -> None:
    """Replace a file (a new file, never writing into the old one: the copy may share it with the original)."""
    if path.is_symlink() or path.exists():
        path.unlink()
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def lines_of(path: Path) -> list[str]:
    return read(path).splitlines(keepends=True)


TOP_KEY = re.compile(r"^([a-z_]+):[ \t]*(.*?)\s*$")


def top_keys(lines: list[str]) -> list[tuple[int, str, str]]:
    """(line index, key, value on the same line) of every top-level key."""
    found = []
    for i, line in enumerate(lines):
        m = TOP_KEY.match(line)
        if m:
            found.append((i, m.group(1), m.group(2)))
    return found


def block_end(lines: list[str], start: int) -> int:
    """Index after the block of the top-level key at `start` (its indented lines and `- ` items)."""
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t", "-", "\n", "\r") or not lines[end].strip()):
        end += 1
    return end


def single_line(lines: list[str], index: int, value: str) -> bool:
    """The key's value is complete on its line (no block scalar, no indented continuation)."""
    return bool(value) and value[0] not in "|>&*!" and block_end(lines, index) == index + 1


def choose(rng: random.Random, items: list, what: str):
    if not items:
        raise LookupError(f"no {what} in the example data")
    return rng.choice(items)


def yaml_fields(rng: random.Random, data: Path, want: Callable[[Path, list[str], int, str, str], bool], what: str) -> tuple[Path, list[str], int, str, str]:
    """A random (file, lines, index, key, value) of a top-level record field for which `want` is true."""
    options = []
    for path in record_files(data):
        lines = lines_of(path)
        options += [(path, lines, i, key, value) for i, key, value in top_keys(lines) if want(path, lines, i, key, value)]
    return choose(rng, options, what)


def field_info(path: Path, key: str):
    return model_of(path).model_fields.get(key)


def extra(info) -> dict:
    return info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}


def csv_rows(rng: random.Random, data: Path, want: Callable[[list[str], list[str]], bool] = lambda header, row: True) -> tuple[Path, list[str], int, list[str], list[str]]:
    """A random data row of an indicator CSV: (file, lines, index, header, cells). The example's rows need no quotes
    except in the note column, which is last but one or last; cells are split on commas outside quotes."""
    options = []
    for path in csv_files(data):
        lines = lines_of(path)
        header = lines[0].strip().split(",")
        for i, line in enumerate(lines[1:], 1):
            cells = next(iter(csv.reader([line])))
            if len(cells) == len(header) and want(header, cells):
                options.append((path, lines, i, header, cells))
    return choose(rng, options, "CSV rows")


def csv_line(cells: list[str]) -> str:
    out = StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def replace_line(path: Path, lines: list[str], index: int, new: str | list[str]) -> None:
    lines = list(lines)
    lines[index : index + 1] = [new] if isinstance(new, str) else new
    write(path, "".join(lines))


NUMBER_FIELD = re.compile(r"\b(lat|lon|area_km2|value): *(-?\d+(?:\.\d+)?)\b")


def number_places(data: Path) -> list[tuple[Path, str, re.Match]]:
    """Numbers in YAML records (coordinates, areas, population values) and the value column of the CSV files."""
    found = []
    for path in record_files(data):
        if path.parent.name not in ("municipalities", "family_centres", "offers", "regions"):
            continue
        text = read(path)
        found += [(path, text, m) for m in NUMBER_FIELD.finditer(text)]
    return found


def change_number(rng: random.Random, data: Path, make: Callable[[str], str], what: str) -> tuple[Path, str]:
    if rng.random() < 0.5:
        path, lines, i, header, cells = csv_rows(rng, data, lambda h, c: bool(re.fullmatch(r"-?\d+(\.\d+)?", c[h.index("value")])))
        col = header.index("value")
        old, cells[col] = cells[col], make(cells[col])
        replace_line(path, lines, i, csv_line(cells))
        return path, f"line {i + 1}: value {old} → {cells[col]} ({what})"
    path, text, m = choose(rng, number_places(data), "numbers")
    new = make(m.group(2))
    write(path, text[: m.start(2)] + new + text[m.end(2) :])
    return path, f"line {text[: m.start()].count(chr(10)) + 1}: {m.group(1)} {m.group(2)} → {new[:40]} ({what})"


# ------------------------------------------------------------------------------------------------ kinds: YAML values
@kind("delete-required-field")
def _delete_required(rng, data):
    path, lines, i, key, _ = yaml_fields(rng, data, lambda p, ls, i, k, v: (info := field_info(p, k)) is not None and info.is_required(), "required fields")
    del lines[i : block_end(lines, i)]
    write(path, "".join(lines))
    return path, f"deleted field {key} (line {i + 1})"


def _plain_str(path: Path, key: str) -> bool:
    info = field_info(path, key)
    return info is not None and info.annotation is str


@kind("str-to-list")
def _str_to_list(rng, data):
    path, lines, i, key, value = yaml_fields(rng, data, lambda p, ls, i, k, v: _plain_str(p, k) and single_line(ls, i, v), "text fields")
    replace_line(path, lines, i, f"{key}: [{value}, noch ein Wert]\n")
    return path, f"line {i + 1}: {key} is a list"


@kind("str-to-mapping")
def _str_to_mapping(rng, data):
    path, lines, i, key, value = yaml_fields(rng, data, lambda p, ls, i, k, v: _plain_str(p, k) and single_line(ls, i, v), "text fields")
    replace_line(path, lines, i, f"{key}:\n  text: {value}\n")
    return path, f"line {i + 1}: {key} is a mapping"


@kind("field-wrong-shape")
def _wrong_shape(rng, data):
    """Any field (also lists, mappings, nested records such as opening hours or members) in another shape: a
    collection as one text, a single value as a nested list or mapping – the checks that read the raw data too
    (references, keys, hours, coordinates) must not trip over it."""
    path, lines, i, key, value = yaml_fields(rng, data, lambda p, ls, i, k, v: k != "id", "fields")
    following = lines[i + 1] if i + 1 < len(lines) else ""
    nested = following[:1] in (" ", "-") and (following.lstrip().startswith("- ") or bool(re.match(r"\s+[a-z_]+:", following)))
    collection = value[:1] in ("[", "{") or not value and nested
    new = rng.choice(["nur ein Text", "42"]) if collection else rng.choice(["[{a: 1}]", "{a: [1, 2]}", "[[x]]", "{}", "[]"])
    lines[i : block_end(lines, i)] = [f"{key}: {new}\n"]
    write(path, "".join(lines))
    return path, f"line {i + 1}: {key} → {new}"


@kind("number-to-text")
def _number_to_text(rng, data):
    path, text, m = choose(rng, number_places(data), "numbers")
    new = rng.choice(["ungefähr zwölf", "viel", "52,4", "1.234,5", "ca. 40"])
    write(path, text[: m.start(2)] + new + text[m.end(2) :])
    return path, f"line {text[: m.start()].count(chr(10)) + 1}: {m.group(1)} {m.group(2)} → {new}"


@kind("unknown-field")
def _unknown_field(rng, data):
    path = choose(rng, record_files(data), "records")
    fields = model_of(path).model_fields
    key = rng.choice(sorted(fields))
    pos = rng.randrange(len(key))
    typo = key[:pos] + key[pos + 1 :] if len(key) > 3 else key + "x"
    if typo in fields or not re.fullmatch(r"[a-z_]+", typo):
        typo = "emial"
    write(path, read(path) + f"{typo}: Wert\n")
    return path, f"appended unknown field {typo}"


@kind("duplicate-key")
def _duplicate_key(rng, data):
    path = choose(rng, yaml_files(data), "YAML files")
    lines = lines_of(path)
    options = [(i, key) for i, key, value in top_keys(lines) if single_line(lines, i, value)]
    i, key = choose(rng, options, "single-line fields")
    text = "".join(lines)
    write(path, text + ("" if text.endswith("\n") else "\n") + lines[i])
    return path, f"field {key} (line {i + 1}) again at the end"


@kind("broken-reference")
def _broken_reference(rng, data):
    path, lines, i, key, value = yaml_fields(rng, data, lambda p, ls, i, k, v: "ref" in extra(field_info(p, k)) and single_line(ls, i, v) and not v.startswith("["), "references")
    replace_line(path, lines, i, f"{key}: {value}-gibt-es-nicht\n")
    return path, f"line {i + 1}: {key} {value} → {value}-gibt-es-nicht"


@kind("unknown-vocabulary-term")
def _unknown_term(rng, data):
    path, lines, i, key, value = yaml_fields(rng, data, lambda p, ls, i, k, v: "vocab" in extra(field_info(p, k)), "vocabulary fields")
    if value and not value.startswith("["):
        replace_line(path, lines, i, f"{key}: {value}x\n")
        return path, f"line {i + 1}: {key} {value} → {value}x"
    items = [j for j in range(i + 1, block_end(lines, i)) if lines[j].lstrip().startswith("- ")]
    if not items:
        replace_line(path, lines, i, f"{key}: [gibt-es-nicht]\n")
        return path, f"line {i + 1}: {key} → [gibt-es-nicht]"
    j = rng.choice(items)
    replace_line(path, lines, j, lines[j].rstrip("\n") + "-gibt-es-nicht\n")
    return path, f"line {j + 1}: item of {key} changed"


@kind("id-not-file-name")
def _id_mismatch(rng, data):
    path, lines, i, key, value = yaml_fields(rng, data, lambda p, ls, i, k, v: k == "id", "ids")
    replace_line(path, lines, i, f"id: {value}-anders\n")
    return path, f"line {i + 1}: id {value} → {value}-anders"


@kind("reserved-name")
def _reserved_name(rng, data):
    """An id or former id that would collide with a generated page or folder (`index`, `alter`): issue 23, point 3.
    Only kinds with pages of their own have reserved names (conferences and targets may be called `index`)."""
    from generator.model.pagenames import RESERVED, id_folders

    options = []
    for path in record_files(data):
        kind_name = next(k for k, spec in RECORD_KINDS.items() if spec.folder == path.parent.name)
        names = sorted({name for folder in id_folders(kind_name) for name in RESERVED.get(folder, {})})
        options += [(path, name) for name in names]
    path, name = choose(rng, options, "records with pages")
    lines = lines_of(path)
    if rng.random() < 0.5 and not path.with_name(f"{name}.yaml").exists():
        i = next(i for i, key, _ in top_keys(lines) if key == "id")
        target = path.with_name(f"{name}.yaml")
        lines[i] = f"id: {name}\n"
        path.unlink()
        write(target, "".join(lines))
        return target, f"renamed {path.name} to {target.name}, id: {name}"
    keys = {key: (i, value) for i, key, value in top_keys(lines)}
    if "former_ids" in keys:
        i, value = keys["former_ids"]
        lines[i] = "former_ids:\n" + (f"- {value.strip('[]')}\n" if value.strip("[]") else "")
        lines.insert(i + 1, f"- {name}\n")
    else:
        lines.append(f"former_ids: [{name}]\n")
    write(path, "".join(lines))
    return path, f"former id {name}"


def _date_places(data: Path) -> list[tuple[Path, str, re.Match]]:
    found = []
    for path in yaml_files(data):
        text = read(path)
        found += [(path, text, m) for m in re.finditer(r"^( *[a-z_]+): (\d{4})-(\d\d)-(\d\d)$", text, re.M)]
    return found


def _change_date(rng, data, make: Callable[[dt.date], str], what: str):
    path, text, m = choose(rng, _date_places(data), "dates")
    day = dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
    new = make(day)
    write(path, text[: m.start(2)] + new + text[m.end(4) :])
    return path, f"line {text[: m.start()].count(chr(10)) + 1}:{m.group(1)} {day} → {new} ({what})"


@kind("date-unix-timestamp")
def _date_timestamp(rng, data):
    return _change_date(rng, data, lambda d: str(int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp())), "Unix timestamp")


@kind("date-other-number")
def _date_number(rng, data):
    style = rng.choice(["excel", "compact"])
    if style == "excel":
        return _change_date(rng, data, lambda d: str((d - dt.date(1899, 12, 30)).days), "Excel serial date")
    return _change_date(rng, data, lambda d: d.strftime("%Y%m%d"), "YYYYMMDD")


@kind("date-not-in-calendar")
def _date_invalid(rng, data):
    bad = rng.choice(["2023-02-30", "2024-13-01", "2025-04-31", "2023-00-10"])
    return _change_date(rng, data, lambda d: bad, "no such day")


@kind("date-with-time")
def _date_time(rng, data):
    return _change_date(rng, data, lambda d: f"{d.isoformat()}T12:30:00", "date-time")


@kind("huge-number")
def _huge_number(rng, data):
    digits = rng.choice([400, 5000, 100_000])
    return change_number(rng, data, lambda old: "9" * digits, f"{digits} digits")


@kind("nan-or-inf")
def _nan_inf(rng, data):
    word = rng.choice(["nan", "NaN", ".nan", "inf", "-inf", ".inf", "Infinity", "1e400"])
    return change_number(rng, data, lambda old: word, word)


@kind("negative-population")
def _negative_population(rng, data):
    # Only the population of a unit: an indicator's value may be below zero (a migration balance in persons).
    path = choose(rng, sorted((data / "municipalities").glob("*.yaml")), "municipalities")
    text = read(path)
    m = re.search(r"^population:\n  value: (\d+)", text, re.M)
    write(path, text[: m.start(1)] + "-" + text[m.start(1) :])
    return path, f"population.value {m.group(1)} → -{m.group(1)}"


# ------------------------------------------------------------------------------------------------ kinds: YAML syntax
@kind("yaml-syntax-error")
def _syntax_error(rng, data):
    path = choose(rng, yaml_files(data), "YAML files")
    lines = lines_of(path)
    i = rng.choice([i for i, _, _ in top_keys(lines)] + [len(lines)])
    # at the start of a top-level line: inside a block scalar (`description: >-`) an indented line would be text
    bad = rng.choice(["kaputt: [nicht geschlossen\n", "kaputt: \"nicht geschlossen\n", "kaputt: 'nicht geschlossen\n", "kaputt: {a: 1\n", "- mitten: drin\n"])
    lines.insert(i, bad)
    write(path, "".join(lines))
    return path, f"line {i + 1}: inserted {bad.strip()!r}"


@kind("tab-indentation")
def _tab(rng, data):
    options = [(p, ls, i) for p in yaml_files(data) for ls in [lines_of(p)] for i, line in enumerate(ls) if line.startswith("  ") and line.strip()]
    path, lines, i = choose(rng, options, "indented lines")
    replace_line(path, lines, i, "\t" + lines[i][2:])
    return path, f"line {i + 1}: tab instead of two spaces"


@kind("control-character")
def _control(rng, data):
    options = [(p, ls, i) for p in yaml_files(data) for ls in [lines_of(p)] for i, line in enumerate(ls) if re.search(r": .*[A-Za-zäöü]", line)]
    path, lines, i = choose(rng, options, "text values")
    char = rng.choice(["\x1b", "\x00", "\x07", "\x08", "\x0b", "\x7f", "\x1a"])
    line = lines[i].rstrip("\n")
    pos = rng.randrange(line.index(": ") + 2, len(line) + 1)
    replace_line(path, lines, i, line[:pos] + char + line[pos:] + "\n")
    return path, f"line {i + 1}: control character {char!r}"


@kind("not-a-mapping")
def _not_mapping(rng, data):
    path = choose(rng, yaml_files(data), "YAML files")
    content = rng.choice(["- eine\n- Liste\n", "nur ein Satz ohne Feld\n", "42\n", "[id, name]\n"])
    write(path, content)
    return path, f"content {content!r}"


@kind("empty-document")
def _empty_document(rng, data):
    """A file with a YAML document that has no content (only the document marker, or null): as empty as an empty file."""
    path = choose(rng, yaml_files(data), "YAML files")
    content = rng.choice(["---\n", "---\n...\n", "~\n", "null\n", "# nur ein Kommentar\n"])
    write(path, content)
    return path, f"content {content!r}"


@kind("deep-nesting", isolate=True)
def _deep(rng, data):
    path, lines, i, key, _ = yaml_fields(rng, data, lambda p, ls, i, k, v: k not in ("id",), "fields")
    depth = rng.choice([1000, 5000, 100_000])
    if rng.random() < 0.5:
        new = f"{key}: " + "[" * depth + "]" * depth + "\n"
    else:
        depth = min(depth, 2000)  # block style: the indentation grows with the square of the depth
        new = f"{key}:\n" + "".join("  " * level + "a:\n" for level in range(1, depth)) + "  " * depth + "a: 1\n"
    lines[i : block_end(lines, i)] = [new]
    write(path, "".join(lines))
    return path, f"line {i + 1}: {key} nested {depth} levels"


@kind("alias-bomb", isolate=True)
def _alias_bomb(rng, data):
    path, lines, i, key, _ = yaml_fields(rng, data, lambda p, ls, i, k, v: k in ("sources", "topics", "villages", "languages"), "list fields")
    levels = rng.choice([4, 5, 6])
    parts = ["&a0 [" + ", ".join(["lol"] * 9) + "]"] + [f"&a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    lines[i : block_end(lines, i)] = [f"{key}: [{', '.join(parts)}]\n"]
    write(path, "".join(lines))
    return path, f"line {i + 1}: {key} as an alias bomb of 9^{levels} items"


# ------------------------------------------------------------------------------------------------ kinds: whole files
@kind("truncated", EITHER)
def _truncate(rng, data):
    path = choose(rng, all_files(data), "files")
    text = read(path)
    cut = rng.randrange(len(text) // 5, len(text) * 4 // 5)
    write(path, text[:cut])
    return path, f"cut after {cut} of {len(text)} characters"


@kind("empty-file")
def _empty(rng, data):
    path = choose(rng, all_files(data), "files")
    write(path, rng.choice(["", "\n", "   \n\n"]))
    return path, "emptied"


@kind("latin-1")
def _latin1(rng, data):
    path = choose(rng, [p for p in all_files(data) if re.search("[äöüßÄÖÜé]", read(p))], "files with umlauts")
    write(path, read(path).encode("latin-1", errors="replace"))
    return path, "saved as Latin-1"


@kind("utf-16")
def _utf16(rng, data):
    path = choose(rng, all_files(data), "files")
    write(path, read(path).encode(rng.choice(["utf-16", "utf-16-le"])))
    return path, "saved as UTF-16"


@kind("binary-garbage")
def _garbage(rng, data):
    path = choose(rng, all_files(data), "files")
    write(path, rng.randbytes(rng.choice([16, 2000])))
    return path, "random bytes"


@kind("symlink-to-itself")
def _symlink_loop(rng, data):
    path = choose(rng, all_files(data), "files")
    path.unlink()
    path.symlink_to(path.name)
    return path, "symbolic link to itself"


@kind("directory-instead-of-file")
def _directory(rng, data):
    path = choose(rng, all_files(data), "files")
    path.unlink()
    path.mkdir()
    if rng.random() < 0.5:
        (path / "inhalt.yaml").write_text("id: x\n", encoding="utf-8")
    return path, "a folder of the same name"


@kind("missing-top-file")
def _missing(rng, data):
    path = data / rng.choice(TOP_FILES)
    path.unlink()
    return path, "deleted"


@kind("yml-extension")
def _yml(rng, data):
    path = choose(rng, record_files(data), "records")
    target = path.with_suffix(rng.choice([".yml", ".YAML", ".txt"]))
    path.rename(target)
    return target, f"renamed to {target.name}"


@kind("crlf-line-endings", VALID)
def _crlf(rng, data):
    path = choose(rng, yaml_files(data) + csv_files(data), "files")
    write(path, read(path).replace("\n", "\r\n"))
    return path, "Windows line endings"


@kind("utf-8-bom", VALID)
def _bom(rng, data):
    path = choose(rng, yaml_files(data) + csv_files(data), "files")
    write(path, "\ufeff" + read(path))
    return path, "byte order mark"


@kind("comment-line", VALID)
def _comment(rng, data):
    path = choose(rng, yaml_files(data), "YAML files")
    lines = lines_of(path)
    i = rng.choice([i for i, _, _ in top_keys(lines)] + [len(lines)])
    lines.insert(i, "# Anmerkung: geprüft, siehe Protokoll\n")
    write(path, "".join(lines))
    return path, f"line {i + 1}: comment"


# ------------------------------------------------------------------------------------------------ kinds: CSV
@kind("csv-unterminated-quote")
def _csv_quote(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    col = rng.randrange(len(cells))
    line = lines[i]
    starts = [0] + [m.end() for m in re.finditer(",", line)]
    pos = starts[min(col, len(starts) - 1)]
    replace_line(path, lines, i, line[:pos] + '"' + line[pos:])
    return path, f"line {i + 1}: quote opened in column {header[col]}"


@kind("csv-column-count")
def _csv_columns(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    if rng.random() < 0.5:
        cells.append("zu viel")
    else:
        cells.pop(rng.randrange(len(cells)))
    replace_line(path, lines, i, csv_line(cells))
    return path, f"line {i + 1}: {len(cells)} columns"


@kind("csv-non-numeric-value")
def _csv_text_value(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    cells[header.index("value")] = rng.choice(["viel", "1.234,5", "12 %", "ca. 40", "zwölf"])
    replace_line(path, lines, i, csv_line(cells))
    return path, f"line {i + 1}: value {cells[header.index('value')]}"


@kind("csv-unknown-area")
def _csv_area(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    col = header.index("area")
    cells[col] = rng.choice([cells[col] + "-nord", "nirgendwo", cells[col].upper()])
    replace_line(path, lines, i, csv_line(cells))
    return path, f"line {i + 1}: area {cells[col]}"


@kind("csv-unknown-indicator")
def _csv_indicator(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    cells[header.index("indicator")] += "-alt"
    replace_line(path, lines, i, csv_line(cells))
    return path, f"line {i + 1}: indicator {cells[header.index('indicator')]}"


@kind("csv-bad-year")
def _csv_year(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    cells[header.index("year")] = rng.choice(["23", "2023.0", "zweitausend", "1699920000", "-2023"])
    replace_line(path, lines, i, csv_line(cells))
    return path, f"line {i + 1}: year {cells[header.index('year')]}"


@kind("csv-duplicate-row")
def _csv_duplicate(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    lines.append(lines[i] if lines[-1].endswith("\n") else "\n" + lines[i])
    write(path, "".join(lines))
    return path, f"line {i + 1} again at the end"


@kind("csv-control-character")
def _csv_control(rng, data):
    path, lines, i, header, cells = csv_rows(rng, data)
    col = header.index(rng.choice(["area", "indicator", "value"]))
    cells[col] = cells[col][:1] + rng.choice(["\x1b", "\x00", "\x07"]) + cells[col][1:]
    replace_line(path, lines, i, csv_line(cells))
    return path, f"line {i + 1}: control character in {header[col]}"


# ------------------------------------------------------------------------------------------------ kinds: boundaries
def _features(data: Path) -> tuple[Path, list[str], list[int]]:
    path = data / "boundaries.geojson"
    lines = lines_of(path)
    return path, lines, [i for i, line in enumerate(lines) if line.startswith('{"type":"Feature"')]


@kind("geojson-unknown-area")
def _geo_area(rng, data):
    path, lines, features = _features(data)
    i = choose(rng, [i for i in features if '"id":"' in lines[i] and '"kind"' not in lines[i]], "unit features")
    replace_line(path, lines, i, re.sub(r'"id":"([^"]+)"', r'"id":"\1-nord"', lines[i], count=1))
    return path, f"line {i + 1}: unknown unit id"


@kind("geojson-nan-coordinate")
def _geo_nan(rng, data):
    path, lines, features = _features(data)
    i = rng.choice(features)
    numbers = list(re.finditer(r"-?\d+\.\d+", lines[i]))
    m = rng.choice(numbers)
    word = rng.choice(["NaN", "Infinity", "1e400"])
    replace_line(path, lines, i, lines[i][: m.start()] + word + lines[i][m.end() :])
    return path, f"line {i + 1}: coordinate {m.group()} → {word}"
