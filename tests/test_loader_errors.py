"""Issue 23, point 1: whatever is on disk, `atlas check` and `atlas build` answer with German problems
(`path:line: message`), all in one run, exit code 1, no traceback, and the previous site stays untouched.

Covers what tracebacked before: YAML nested 1.000 levels deep (RecursionError), a control character
pasted into a value (PyYAML's ReaderError), a symbolic link to itself ("Symlink loop"); and what is
easily produced by accident: files in Latin-1 or UTF-16, empty files, directories, pipes and
unreadable files where a file is expected, links to nowhere, an anchor that contains its own reference.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import reading

MINI = Path(__file__).parent / "fixtures" / "mini"
OFFER = "data/offers/krabbelgruppe.yaml"
CSV = "data/indicators/values.csv"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small test data in tmp_path/data and a previously built site with a marker file."""
    shutil.copytree(MINI, tmp_path / "data")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("previous build", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(project: Path, capsys: pytest.CaptureFixture, command: str = "check") -> tuple[int, list[str]]:
    code = main([command, "--data", "data", "--site", "site", "--build-dir", str(project / "build")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def problems(lines: list[str]) -> list[str]:
    """The problem lines, without the closing count."""
    return [line for line in lines if not line.endswith("Die Website wurde nicht verändert.")]


def relink(path: Path, target: str) -> None:
    path.unlink()
    path.symlink_to(target)


UNREADABLE = "Datei kann nicht gelesen werden: "
LOOP = UNREADABLE + "die Datei ist ein symbolischer Link, der (über Umwege) auf sich selbst zeigt; bitte durch die echte Datei ersetzen"
NOT_UTF8 = "ist nicht in UTF-8 gespeichert (Zeichen „{}“ als Byte 0x{}, vermutlich Windows-1252/Latin-1); bitte als UTF-8 speichern"
UTF16 = "ist als UTF-16 gespeichert (z. B. von Excel als „Unicode-Text“); bitte als UTF-8 speichern"
DEPTH = "Die Daten sind tiefer als 50 Ebenen verschachtelt (Grenze ATLAS_MAX_YAML_DEPTH, siehe docs/operators.md); stimmen die Einrückung und die Klammern [ ] { }?"


def _deep_flow(data: Path) -> None:
    (data / "offers" / "krabbelgruppe.yaml").write_text("id: krabbelgruppe\nnote: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")


def _deep_block(data: Path) -> None:
    (data / "offers" / "krabbelgruppe.yaml").write_text("id: krabbelgruppe\n" + "".join(" " * i + "a:\n" for i in range(1000)) + " " * 1000 + "b: 1\n", encoding="utf-8")


def _escape(data: Path) -> None:
    path = data / "offers" / "krabbelgruppe.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Krabbelgruppe", "title: Krabbel\x1b[0mgruppe"), encoding="utf-8")


def _latin1(data: Path) -> None:
    path = data / "offers" / "krabbelgruppe.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))


def _latin1_csv(data: Path) -> None:
    path = data / "indicators" / "values.csv"
    path.write_bytes(path.read_bytes() + "teststadt,einwohner,2023,1,,,Schätzung\n".encode("latin-1"))


def _utf16(data: Path, name: str) -> None:
    path = data / name
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))  # with BOM


CASES = {
    "nested 1.000 levels in brackets": (_deep_flow, f"{OFFER}:2: {DEPTH}"),
    "nested 1.000 levels by indentation": (_deep_block, f"{OFFER}:51: {DEPTH}"),
    "ESC pasted into a value": (
        _escape,
        f"{OFFER}:2: Unsichtbares Steuerzeichen U+001B (ESC) in Spalte 15: es ist in YAML nicht erlaubt und stammt meist aus einem "
        "kopierten Text; bitte das Zeichen löschen (im Editor oft als Kästchen oder ^[ zu sehen)",
    ),
    "NUL in a value": (
        lambda d: (d / "offers" / "krabbelgruppe.yaml").write_bytes(b"id: krabbelgruppe\ntitle: a\x00b\ncost: \x00\n"),
        f"{OFFER}:2: Unsichtbares Steuerzeichen U+0000 (NUL) in Spalte 9; dazu 1 weitere in der Datei: es ist in YAML nicht erlaubt "
        "und stammt meist aus einem kopierten Text; bitte das Zeichen löschen (im Editor oft als Kästchen oder ^[ zu sehen)",
    ),
    "YAML link to itself": (lambda d: relink(d / "offers" / "krabbelgruppe.yaml", "krabbelgruppe.yaml"), f"{OFFER}:1: {LOOP}"),
    "CSV link to itself": (lambda d: relink(d / "indicators" / "values.csv", "values.csv"), f"{CSV}:1: {LOOP}"),
    "atlas.yaml link to itself": (lambda d: relink(d / "atlas.yaml", "atlas.yaml"), f"data/atlas.yaml:1: {LOOP}"),
    "link to nowhere": (
        lambda d: relink(d / "offers" / "krabbelgruppe.yaml", "verschoben.yaml"),
        f"{OFFER}:1: {UNREADABLE}sie ist ein symbolischer Link auf eine Datei, die es nicht gibt",
    ),
    "YAML in Latin-1": (_latin1, f"{OFFER}:3: Datei {NOT_UTF8.format('ü', 'FC')}"),
    "CSV in Latin-1": (_latin1_csv, f"{CSV}:10: CSV-Datei {NOT_UTF8.format('ä', 'E4')}"),
    "YAML in UTF-16": (lambda d: _utf16(d, "offers/krabbelgruppe.yaml"), f"{OFFER}:1: Datei {UTF16}"),
    "CSV in UTF-16": (lambda d: _utf16(d, "indicators/values.csv"), f"{CSV}:1: CSV-Datei {UTF16}"),
    "empty YAML": (lambda d: (d / "offers" / "krabbelgruppe.yaml").write_bytes(b""), f"{OFFER}:1: Datei ist leer"),
    "empty CSV": (lambda d: (d / "indicators" / "values.csv").write_bytes(b""), f"{CSV}:1: CSV-Datei ist leer; erwartet wird eine Kopfzeile"),
    "directory as atlas.yaml": (
        lambda d: ((d / "atlas.yaml").unlink(), (d / "atlas.yaml").mkdir()),
        f"data/atlas.yaml:1: {UNREADABLE}das ist ein Ordner, keine Datei",
    ),
    "directory named like a record": (
        lambda d: (d / "offers" / "ordner.yaml").mkdir(), f"data/offers/ordner.yaml:1: {UNREADABLE}das ist ein Ordner, keine Datei"
    ),
    "directory named like a CSV": (
        lambda d: ((d / "indicators" / "values.csv").unlink(), (d / "indicators" / "values.csv").mkdir()),
        f"{CSV}:1: {UNREADABLE}das ist ein Ordner, keine Datei",
    ),
    "pipe named like a record": (
        lambda d: os.mkfifo(d / "offers" / "rohr.yaml"),
        f"data/offers/rohr.yaml:1: {UNREADABLE}das ist keine gewöhnliche Datei (sondern z. B. ein Gerät oder eine Pipe)",
    ),
    "anchor containing its own reference": (
        lambda d: (d / "offers" / "krabbelgruppe.yaml").write_text("id: krabbelgruppe\nnote: &a [1, *a]\n", encoding="utf-8"),
        f"{OFFER}:2: Ein Anker-Verweis (*name) steht in dem Eintrag, auf den er verweist; das ergäbe eine endlose Wiederholung",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_file_gives_one_german_problem(project: Path, capsys: pytest.CaptureFixture, case: str) -> None:
    breaks, expected = CASES[case]
    breaks(project / "data")
    code, lines = run(project, capsys)
    assert code == 1
    assert problems(lines) == [expected]


def test_all_broken_files_in_one_run_and_build_keeps_the_site(project: Path, capsys: pytest.CaptureFixture) -> None:
    cases = ("CSV link to itself", "nested 1.000 levels in brackets", "directory named like a record", "pipe named like a record")
    for case in cases:
        CASES[case][0](project / "data")
    for command in ("check", "build"):
        code, lines = run(project, capsys, command)
        assert code == 1
        assert lines == [CASES[case][1] for case in cases] + ["4 Probleme gefunden. Die Website wurde nicht verändert."]
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"


def test_unreadable_file(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Missing read permission (simulated: the tests may run as root, who may read anything)."""
    real_open = os.open

    def deny(path: os.PathLike, flags: int, *args: int) -> int:
        if Path(path).name in ("krabbelgruppe.yaml", "values.csv"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(reading.os, "open", deny)
    code, lines = run(project, capsys)
    denied = "keine Leseberechtigung (Zugriff verweigert); bitte die Dateirechte prüfen"
    assert code == 1
    assert problems(lines) == [f"{CSV}:1: {UNREADABLE}{denied}", f"{OFFER}:1: {UNREADABLE}{denied}"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may read files without read permission")
def test_unreadable_file_for_real(project: Path, capsys: pytest.CaptureFixture) -> None:
    (project / OFFER).chmod(0)
    code, lines = run(project, capsys)
    assert code == 1
    assert problems(lines) == [f"{OFFER}:1: {UNREADABLE}keine Leseberechtigung (Zugriff verweigert); bitte die Dateirechte prüfen"]


@pytest.mark.parametrize("case", ["nested 1.000 levels by indentation", "YAML link to itself", "ESC pasted into a value"])
def test_command_line_prints_no_traceback(project: Path, case: str) -> None:
    """`python -m generator check --data DIR` as editors run it."""
    CASES[case][0](project / "data")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--data", "data"], cwd=project, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.splitlines() == [CASES[case][1], "1 Problem gefunden. Die Website wurde nicht verändert."]


@pytest.mark.parametrize("text", ["---\n", "---\n...\n", "~\n", "null\n"])
def test_an_empty_yaml_document_is_reported_not_dropped(project: Path, capsys: pytest.CaptureFixture, text: str) -> None:
    """Found by tests/test_mutations.py: the record (or atlas.yaml) used to vanish without a word."""
    for name in (OFFER, "data/atlas.yaml"):
        original = (project / name).read_text(encoding="utf-8")
        (project / name).write_text(text, encoding="utf-8")
        code, lines = run(project, capsys)
        assert code == 1
        assert f"{name}:1: Die Datei enthält keine Felder (nur ein leeres YAML-Dokument)" in lines
        (project / name).write_text(original, encoding="utf-8")


@pytest.mark.parametrize("value", ["[stadt, gemeinde]", "{art: stadt}"])
def test_a_list_or_mapping_as_unit_type_is_a_message(project: Path, capsys: pytest.CaptureFixture, value: str) -> None:
    """Found by tests/test_mutations.py: `unhashable type` in the unit-type check."""
    path = project / "data/municipalities/teststadt.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntype: stadt\n", f"\ntype: {value}\n", 1), encoding="utf-8")
    code, lines = run(project, capsys)
    assert code == 1
    assert any(line.startswith("data/municipalities/teststadt.yaml:") and "„type“" in line for line in lines), lines


def test_a_negative_population_is_a_message(project: Path, capsys: pytest.CaptureFixture) -> None:
    path = project / "data/municipalities/teststadt.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("population: {value: ", "population: {value: -", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    code, lines = run(project, capsys)
    assert code == 1
    assert any(line.startswith("data/municipalities/teststadt.yaml:") and "value" in line for line in lines), lines


@pytest.mark.parametrize("text, reason", [
    ("name: *anker\n", "ein Verweis (*name) nennt einen Anker (&name), den es in der Datei nicht gibt"),
    ("name: [eins, zwei\nid: x\n", "in einer Liste [ … ] fehlt ein Komma oder die schließende Klammer"),
    ("name: \"Treff\\q\"\n", "unbekannte Zeichenfolge mit „\\“ in Text mit doppelten Anführungszeichen"),
    ("name: @treff\n", "dieses Zeichen darf einen Wert nicht beginnen"),
    ("name: \"Treff\n", "die Datei endet mitten in einem Wert; fehlt ein schließendes Anführungszeichen?"),
    ("name:\n  de: x\n en: y\n", "die Einrückung stimmt hier nicht"),
])
def test_yaml_syntax_errors_are_explained_in_german(project: Path, capsys: pytest.CaptureFixture, text: str, reason: str) -> None:
    """PyYAML's English problem text („found undefined alias“ …) never reaches the editor (point 5)."""
    (project / OFFER).write_text(text, encoding="utf-8")
    code, lines = run(project, capsys)
    assert code == 1
    [line] = [line for line in problems(lines) if line.startswith(OFFER + ":")]
    assert "YAML-Syntaxfehler: " + reason in line
    assert not re.search(r"\b(found|expected|while|scanning|technisch)\b", line), line


def test_a_folder_that_cannot_be_listed_is_a_message(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record folder without read permission (as root only simulated: root may list any folder)."""
    offers = project / "data" / "offers"
    listing = Path.iterdir

    def refuse(self: Path):  # noqa: ANN202 - the signature of Path.iterdir
        if self == offers or self == Path("data/offers"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    code, lines = run(project, capsys)
    assert code == 1
    assert "data/offers:1: Ordner kann nicht gelesen werden: keine Leseberechtigung (Zugriff verweigert); bitte die Dateirechte prüfen" in lines
