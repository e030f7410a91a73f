"""`atlas diff`: what a change to the data changes for the public – records, fields and pages.

Two data folders (or the data folder at a git ref and the working tree) are compared twice:
- record by record, from the YAML files as written (so a broken new state can still be compared),
  field by field;
- page by page, by rendering both atlases to Markdown (the render stage, no MkDocs) when both are valid.
Records that never appear on the website (contacts without `publish: true`, networks with
`public: false`) are only counted, never shown: the report is meant for a public pull-request comment.
`generator/reports/diff_markdown.py` writes the result as German Markdown.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..load.files import load_yaml
from ..model.schema import CONFIG_FILE, DISTRICT_FILE, KINDS, VOCABULARIES_FILE

SETTINGS_FILES = {CONFIG_FILE: "Einstellungen der Website", DISTRICT_FILE: "Gebiet des Atlas", VOCABULARIES_FILE: "Wortlisten"}
TRUE_TEXTS = {"true", "yes", "y", "on", "1", "t"}  # what the schema's boolean fields accept as true
FALSE_TEXTS = {"false", "no", "n", "off", "0", "f"}


class DiffError(Exception):
    """The comparison cannot be made; the message is German and says why."""


@dataclass
class FieldChange:
    key: str  # dotted path, e.g. "address.street"
    old: Any = None
    new: Any = None
    added: list[Any] = field(default_factory=list)  # for lists of plain values
    removed: list[Any] = field(default_factory=list)


@dataclass
class RecordChange:
    kind: str
    id: str
    status: str  # "neu", "entfernt", "geändert", "umbenannt"
    name: str = ""
    old_id: str = ""
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Diff:
    records: list[RecordChange] = field(default_factory=list)
    private: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, status) → count
    settings: list[RecordChange] = field(default_factory=list)  # atlas.yaml, district.yaml, vocabularies.yaml
    values: list[tuple[str, int, int]] = field(default_factory=list)  # (csv file, rows added, rows removed)
    pages_added: list[str] = field(default_factory=list)  # site URLs
    pages_removed: list[str] = field(default_factory=list)
    pages_changed: list[str] = field(default_factory=list)
    other_files_changed: int = 0  # maps, downloads, vCards
    pages_note: str = ""  # why pages were not compared
    new_problems: int = 0

    @property
    def empty(self) -> bool:
        return not (self.records or self.private or self.settings or self.values or self.pages_added
                    or self.pages_removed or self.pages_changed or self.other_files_changed)


# --- reading ------------------------------------------------------------------------------------


def read_records(data: Path) -> dict[tuple[str, str], Any]:
    """(kind, file id) → raw YAML data (None when unreadable) of every record file."""
    records: dict[tuple[str, str], Any] = {}
    for kind, spec in KINDS.items():
        folder = data / spec.folder
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            doc, _ = load_yaml(path, path.name)
            records[(kind, path.stem)] = doc.data
    return records


def read_rows(path: Path) -> set[tuple[str, ...]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return set()
    rows = [tuple(cell.strip() for cell in row) for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)]
    return set(rows[1:])


def is_private(kind: str, data: Any) -> bool:
    """True for records the website never shows (and unreadable contacts: unknown consent)."""
    if kind == "contacts":
        return not (isinstance(data, dict) and str(data.get("publish", "")).strip().lower() in TRUE_TEXTS)
    if kind == "networks" and isinstance(data, dict):
        return str(data.get("public", "")).strip().lower() in FALSE_TEXTS
    return False


def record_name(data: Any) -> str:
    if isinstance(data, dict):
        for key in ("name", "title", "label", "role"):
            if isinstance(data.get(key), str) and data[key].strip():
                return data[key].strip()
    return ""


# --- comparing ----------------------------------------------------------------------------------


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        flat: dict[str, Any] = {}
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(_flatten(value, name) if isinstance(value, dict) and value else {name: value})
        return flat
    return {prefix: data}


def _plain(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value)


def field_changes(old: Any, new: Any, skip: tuple[str, ...] = ()) -> list[FieldChange]:
    """Changed fields of one record, in the order of the new file, then fields only the old one had."""
    a, b = _flatten(old if isinstance(old, dict) else {}), _flatten(new if isinstance(new, dict) else {})
    changes = []
    for key in list(b) + [k for k in a if k not in b]:
        if key in skip or a.get(key) == b.get(key):
            continue
        before, after = a.get(key), b.get(key)
        if _plain(before or []) and _plain(after or []) and (isinstance(before, list) or isinstance(after, list)):
            added = [item for item in (after or []) if item not in (before or [])]
            removed = [item for item in (before or []) if item not in (after or [])]
            if added or removed:
                changes.append(FieldChange(key, added=added, removed=removed))
            else:
                changes.append(FieldChange(key, old="Reihenfolge", new="geändert"))
            continue
        changes.append(FieldChange(key, before, after))
    return changes


def _former_ids(data: Any) -> list[str]:
    value = data.get("former_ids") if isinstance(data, dict) else None
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def compare_records(old: dict[tuple[str, str], Any], new: dict[tuple[str, str], Any], diff: Diff) -> None:
    removed = {key for key in old if key not in new}
    added = sorted(key for key in new if key not in old)
    renamed: dict[tuple[str, str], tuple[str, str]] = {}  # new key → old key
    for key in added:
        without_id = {k: v for k, v in new[key].items() if k not in ("id", "former_ids")} if isinstance(new[key], dict) else None
        for gone in sorted(removed):
            if gone[0] != key[0] or gone in renamed.values():
                continue
            same = isinstance(old[gone], dict) and {k: v for k, v in old[gone].items() if k not in ("id", "former_ids")} == without_id
            if gone[1] in _former_ids(new[key]) or same:
                renamed[key] = gone
                break
    removed -= set(renamed.values())
    for key in sorted(set(old) | set(new)):
        kind, rid = key
        if key in renamed.values():
            continue
        before, after = old.get(renamed.get(key, key)), new.get(key)
        if key in renamed:
            status = "umbenannt"
        elif key in removed:
            status = "entfernt"
        elif key not in old:
            status = "neu"
        elif before != after:
            status = "geändert"
        else:
            continue
        if is_private(kind, before) or is_private(kind, after):
            diff.private[(kind, status)] = diff.private.get((kind, status), 0) + 1
            continue
        change = RecordChange(kind, rid, status, record_name(after if after is not None else before))
        if status in ("geändert", "umbenannt"):
            change.old_id = renamed[key][1] if key in renamed else ""
            change.fields = field_changes(before, after, skip=("id", "former_ids") if key in renamed else ())
        diff.records.append(change)


def compare_settings(old: Path, new: Path, diff: Diff) -> None:
    for name, label in SETTINGS_FILES.items():
        before = load_yaml(old / name, name)[0].data if (old / name).is_file() else None
        after = load_yaml(new / name, name)[0].data if (new / name).is_file() else None
        if before != after:
            diff.settings.append(RecordChange("", name, "geändert", label, fields=field_changes(before, after)))
    names = sorted({p.relative_to(folder).as_posix() for folder in (old, new) for p in folder.glob("indicators/*.csv")})
    for name in names:
        a, b = read_rows(old / name), read_rows(new / name)
        if a != b:
            diff.values.append((name, len(b - a), len(a - b)))


# --- pages --------------------------------------------------------------------------------------


def page_url(path: str) -> str:
    """Site address of a docs page (MkDocs with directory URLs): `angebote/x.md` → `/angebote/x/`."""
    stem = path[: -len(".md")]
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"/{stem}/"


def compare_pages(old: Path, new: Path, diff: Diff) -> None:
    from ..check.validate import validate
    from ..pages.render import render_site

    old_atlas, old_problems = validate(old)
    new_atlas, new_problems = validate(new)
    diff.new_problems = len(new_problems)
    if old_atlas is None or new_atlas is None:
        which = "der alte Stand" if old_atlas is None else "der neue Stand"
        if old_atlas is None and new_atlas is None:
            which = "beide Stände"
        diff.pages_note = f"Seiten nicht verglichen: {which} hat Fehler (siehe `atlas check`); verglichen wurden nur die Datensätze."
        return
    before, after = render_site(old_atlas), render_site(new_atlas)
    for path in sorted(set(before) | set(after), key=page_url):
        if before.get(path) == after.get(path):
            continue
        if not path.endswith(".md"):
            diff.other_files_changed += 1
        elif path not in before:
            diff.pages_added.append(page_url(path))
        elif path not in after:
            diff.pages_removed.append(page_url(path))
        else:
            diff.pages_changed.append(page_url(path))


def diff_folders(old: Path, new: Path, pages: bool = True) -> Diff:
    """Compare two data folders. A missing old folder counts as empty (everything is new)."""
    old, new = Path(old), Path(new)
    if not new.is_dir():
        raise DiffError(f"Datenordner {new} nicht gefunden")
    diff = Diff()
    compare_records(read_records(old) if old.is_dir() else {}, read_records(new), diff)
    compare_settings(old, new, diff)
    if pages:
        compare_pages(old, new, diff)
    return diff


# --- git ----------------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(f"git kann nicht ausgeführt werden: {exc.strerror}") from exc


@contextmanager
def data_at_ref(ref: str, data: Path) -> Iterator[Path]:
    """The data folder as it was at git `ref`, extracted into a temporary folder (the work tree is not touched)."""
    data = Path(data).resolve()
    top = _git(["rev-parse", "--show-toplevel"], data)
    if top.returncode != 0:
        raise DiffError(f"{data} liegt nicht in einem git-Repository; vergleichen Sie zwei Ordner mit --data-old und --data-new")
    root = Path(top.stdout.decode().strip()).resolve()
    if ref.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise DiffError(f"Stand „{ref}“ gibt es in diesem git-Repository nicht (erwartet: Zweig, Tag oder Commit, z. B. origin/main)")
    rel = data.relative_to(root).as_posix() if data != root else "."
    with tempfile.TemporaryDirectory(prefix="atlas-diff-") as tmp:
        target = Path(tmp) / "old"
        target.mkdir()
        listed = _git(["ls-tree", "--name-only", ref, "--", rel], root)
        if listed.returncode == 0 and listed.stdout.strip():
            archive = _git(["archive", "--format=tar", ref, "--", rel], root)
            if archive.returncode != 0:
                raise DiffError(f"Der Datenordner am Stand „{ref}“ kann nicht gelesen werden: {archive.stderr.decode(errors='replace').strip()}")
            try:
                with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                    tar.extractall(target, filter="data")
            except (tarfile.TarError, OSError) as exc:
                raise DiffError(f"Der Datenordner am Stand „{ref}“ kann nicht entpackt werden: {exc}") from exc
        yield target / rel
        shutil.rmtree(target, ignore_errors=True)
