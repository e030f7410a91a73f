"""Issue 23, point 2: caps on file size, YAML nesting depth, alias expansion and CSV rows, enforced while
reading, with a message naming the cap and the file. The caps are lowered through their environment
variables (generator/load/limits.py, docs/operators.md) so that the tests stay small and fast; the
full-size cases (alias bomb, 10 million CSV rows) are measured by benchmarks/broken_files.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.load.files import MAX_LINE, load_csv
from generator.load.limits import ENV, Limits

MINI = Path(__file__).parent / "fixtures" / "mini"
OFFER = "data/offers/krabbelgruppe.yaml"
CSV = "data/indicators/values.csv"
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([""] + list("abcdefgh"), "abcdefghi")
)  # "billion laughs": 9^9 values from nine lines


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for name in ENV.values():
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "data"


def check(capsys: pytest.CaptureFixture) -> tuple[int, list[str]]:
    code = main(["check", "--data", "data"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    # the example data have no site_url: `atlas check` warns about publishing (tests/test_dcat_shacl.py), not about limits
    return code, [line for line in captured.err.splitlines()
                  if not line.endswith("Die Website wurde nicht verändert.") and not line.startswith("Warnung: ")]


def offer(data: Path) -> Path:
    return data / "offers" / "krabbelgruppe.yaml"


def test_defaults_are_generous_and_documented() -> None:
    assert Limits() == Limits(yaml_mb=1, yaml_depth=50, yaml_alias_values=10_000, csv_mb=512, csv_rows=1_000_000, geojson_mb=200)
    operators = (Path(__file__).parent.parent / "docs" / "operators.md").read_text(encoding="utf-8")
    for name in ENV.values():
        assert f"| `{name}` |" in operators


def test_yaml_file_size(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    offer(data).write_text(offer(data).read_text(encoding="utf-8") + "# " + "x" * 2_000 + "\n", encoding="utf-8")
    size = offer(data).stat().st_size
    monkeypatch.setenv("ATLAS_MAX_YAML_MB", "0,002")  # 2 KB; the other files are smaller
    code, lines = check(capsys)
    assert code == 1
    assert lines == [f"{OFFER}:1: Die Datei ist mit {str(round(size / 1000, 1)).replace('.', ',')} KB größer als erlaubt (höchstens 2,0 KB; "
                     "Grenze ATLAS_MAX_YAML_MB, siehe docs/operators.md)"]
    monkeypatch.setenv("ATLAS_MAX_YAML_MB", "0,003")
    assert check(capsys) == (0, [])


def test_csv_file_size(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_MAX_CSV_MB", "0.0001")  # 100 bytes
    code, lines = check(capsys)
    assert code == 1
    size = (data / "indicators" / "values.csv").stat().st_size
    shown = f"{size / 1000:.1f}".replace(".", ",")
    assert lines == [f"{CSV}:1: Die Datei ist mit {shown} KB größer als erlaubt (höchstens 0,1 KB; Grenze ATLAS_MAX_CSV_MB, siehe docs/operators.md)"]


def test_boundaries_file_size(tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """boundaries.geojson is read whole by model/boundaries.py: its size is checked before (the example's: 19 KB)."""
    shutil.copytree(Path(__file__).parent.parent / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for name in ENV.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ATLAS_MAX_GEOJSON_MB", "0,01")  # 10 KB
    code, lines = check(capsys)
    size = (tmp_path / "data" / "boundaries.geojson").stat().st_size
    assert code == 1
    assert lines == [f"data/boundaries.geojson:1: Die Datei ist mit {round(size / 1000)} KB größer als erlaubt (höchstens 10 KB; "
                     "Grenze ATLAS_MAX_GEOJSON_MB, siehe docs/operators.md)"]
    monkeypatch.setenv("ATLAS_MAX_GEOJSON_MB", "0,1")
    assert check(capsys) == (0, [])


@pytest.mark.parametrize("depth, fails", [(8, False), (9, True)])
def test_yaml_depth(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, depth: int, fails: bool) -> None:
    # the record is level 1, the field `note` level 2, each list one more: depth - 2 lists
    offer(data).write_text(offer(data).read_text(encoding="utf-8") + "note: " + "[" * (depth - 2) + "x" + "]" * (depth - 2) + "\n", encoding="utf-8")
    monkeypatch.setenv("ATLAS_MAX_YAML_DEPTH", "8")
    code, lines = check(capsys)
    depth_problem = (f"{OFFER}:14: Die Daten sind tiefer als 8 Ebenen verschachtelt (Grenze ATLAS_MAX_YAML_DEPTH, siehe docs/operators.md); "
                     "stimmen die Einrückung und die Klammern [ ] { }?")
    assert code == 1  # `note` must be text: the schema check reports the lists when the depth is allowed
    assert (depth_problem in lines) == fails
    assert len(lines) == 1


def test_yaml_depth_through_aliases(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reference to a deep anchor deeper down counts with the anchor's depth."""
    offer(data).write_text(offer(data).read_text(encoding="utf-8") + "x: &deep [[[[1]]]]\ny: [[[[*deep]]]]\n", encoding="utf-8")
    monkeypatch.setenv("ATLAS_MAX_YAML_DEPTH", "8")
    code, lines = check(capsys)
    assert code == 1
    assert lines == [f"{OFFER}:15: Die Daten sind tiefer als 8 Ebenen verschachtelt (Grenze ATLAS_MAX_YAML_DEPTH, siehe docs/operators.md); "
                     "stimmen die Einrückung und die Klammern [ ] { }?"]


ALIAS_PROBLEM = ("Die Anker-Verweise (*name) dieser Datei wiederholen mehr als {} Werte (Grenze ATLAS_MAX_YAML_ALIAS_VALUES, siehe "
                 "docs/operators.md); bitte die Werte ausschreiben statt Verweise auf Verweise zu verschachteln")


def test_alias_bomb_fails_fast_with_the_default_cap(data: Path, capsys: pytest.CaptureFixture) -> None:
    offer(data).write_text(offer(data).read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    assert lines == [f"{OFFER}:18: " + ALIAS_PROBLEM.format("10.000")]  # lines 14 to 17: 9 + 81 + 729 + 6.561 values, 18: 59.049


def test_alias_cap_counts_repeated_values(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_MAX_YAML_ALIAS_VALUES", "20")
    path = offer(data)
    base = path.read_text(encoding="utf-8")
    path.write_text(base.replace("target_groups: [eltern]", "target_groups: &groups [eltern]") + "x: &x [1, 2, 3]\ny: [*x, *x, *x, *x, *x]\n",
                    encoding="utf-8")  # 5 × 4 values = 20: allowed; the unknown fields x and y are reported by the schema
    code, lines = check(capsys)
    assert code == 1 and not any("Anker-Verweise" in line for line in lines)
    path.write_text(base + "x: &x [1, 2, 3]\ny: [*x, *x, *x, *x, *x, *x]\n", encoding="utf-8")  # 24
    code, lines = check(capsys)
    assert code == 1
    assert lines == [f"{OFFER}:15: " + ALIAS_PROBLEM.format("20")]


def test_ordinary_anchors_pass(data: Path, capsys: pytest.CaptureFixture) -> None:
    path = offer(data)
    text = path.read_text(encoding="utf-8").replace("title: Krabbelgruppe", "title: &t Krabbelgruppe")
    path.write_text(text.replace("description: Treffen für Eltern mit Kindern bis drei Jahre.", "description: *t"), encoding="utf-8")
    assert check(capsys) == (0, [])


def test_schema_problems_of_one_file_are_capped(data: Path, capsys: pytest.CaptureFixture) -> None:
    """A generated or garbled record with 150 unknown fields: the first 100 are worded, the rest counted in one line."""
    offer(data).write_text(offer(data).read_text(encoding="utf-8") + "".join(f"feld{i}: x\n" for i in range(150)), encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    assert len(lines) == 101
    assert lines[0].startswith(f"{OFFER}:14: Unbekanntes Feld „feld0“")
    assert lines[99].startswith(f"{OFFER}:113: Unbekanntes Feld „feld99“")
    assert lines[100] == f"{OFFER}:114: … und 50 weitere Probleme in dieser Datei (gezeigt werden die ersten 100)"


def test_csv_problems_of_one_file_are_capped(data: Path, capsys: pytest.CaptureFixture) -> None:
    """A CSV of another district: every row an unknown area; the check of the file stops after 1.000 problems."""
    with (data / "indicators" / "values.csv").open("a", encoding="utf-8") as out:
        out.writelines(f"fremd-{i},einwohner,{1900 + i % 300},{i},,,\n" for i in range(1_005))
    code, lines = check(capsys)
    assert code == 1
    assert len(lines) == 1_001
    assert lines[0] == f"{CSV}:10: Unbekanntes Gebiet „fremd-0“ in Spalte area"
    assert lines[999] == f"{CSV}:1009: Unbekanntes Gebiet „fremd-999“ in Spalte area"
    assert lines[1000] == f"{CSV}:1010: Nach 1.000 Problemen wurde die Prüfung dieser Datei hier beendet; die Zeilen ab hier wurden nicht geprüft"


def rows_csv(data: Path, rows: int) -> None:
    lines = ["area,indicator,year,value"] + [f"teststadt,einwohner,{1900 + i},{i}" for i in range(rows)]
    (data / "indicators" / "values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("rows", [5, 6])
def test_csv_rows(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    rows_csv(data, rows)
    monkeypatch.setenv("ATLAS_MAX_CSV_ROWS", "5")
    code, lines = check(capsys)
    cap = (f"{CSV}:7: Die Datei hat mehr als 5 Datenzeilen; das Lesen wurde hier beendet (Grenze ATLAS_MAX_CSV_ROWS, siehe "
           "docs/operators.md); bitte auf mehrere Dateien aufteilen")
    assert (cap in lines) == (rows > 5)
    if rows > 5:
        assert code == 1 and lines == [cap]  # nothing of the file is read on: no follow-up problems


def test_csv_row_cap_stops_reading(tmp_path: Path) -> None:
    """Rows are counted before any is kept: the reader stops at the cap and returns nothing of the file."""
    path = tmp_path / "values.csv"
    path.write_text("area,indicator,year,value\n" + "a,b,2020,1\n" * 50 + "kaputt\n" * 50, encoding="utf-8")
    header, rows, problems = load_csv(path, "values.csv", Limits(csv_rows=10))
    assert (header, rows) == ([], [])
    assert [(p.line, p.message[:40]) for p in problems] == [(12, "Die Datei hat mehr als 10 Datenzeilen; d")]
    header, rows, problems = load_csv(path, "values.csv", Limits(csv_rows=100))  # a multi-line count that stays below the cap
    assert len(rows) == 50 and len(problems) == 50


def test_csv_line_without_line_breaks(data: Path, capsys: pytest.CaptureFixture) -> None:
    (data / "indicators" / "values.csv").write_text("area,indicator,year,value\n" + "x" * (MAX_LINE + 10), encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    assert lines == [f"{CSV}:2: Zeile 2 ist länger als 1.048.576 Zeichen; ist das wirklich eine CSV-Datei?"]


def test_bad_cap_setting(data: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_MAX_CSV_ROWS", "viele")
    assert main(["check", "--data", "data"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[0] == ("Fehler: Die Umgebungsvariable ATLAS_MAX_CSV_ROWS='viele' ist keine positive Zahl "
                                   "(siehe docs/operators.md)")
