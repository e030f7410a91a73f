"""One cause, one message (issue 23, point 6): when a record file cannot be loaded, what only follows from its
absence – every indicator row of the unit, of the indicator, of the district – is folded into one line per
CSV file that names the failed file, and the real cause comes first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the example data (data/)."""
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".schema"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def check(capsys: pytest.CaptureFixture) -> tuple[int, list[str]]:
    code = main(["check", "--data", "data"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return code, out.err.splitlines()


def rows_of(data: Path, column: int, value: str) -> int:
    return sum(
        1 for csv in (data / "indicators").glob("*.csv") for line in csv.read_text(encoding="utf-8").splitlines()[1:] if line.split(",")[column] == value
    )


def test_broken_unit_file_gives_its_cause_first_and_few_lines(data, capsys):
    unit = data / "municipalities" / "teltow.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("\nname: ", "\nname: [nicht geschlossen ", 1), encoding="utf-8")
    assert rows_of(data, 0, "teltow") > 40  # without folding: one line per row
    code, lines = check(capsys)
    assert code == 1
    assert lines[0].startswith("data/municipalities/teltow.yaml:") and "YAML-Syntaxfehler" in lines[0], lines
    assert len(lines) < 10, lines
    folded = [line for line in lines if "Gebiet „teltow“" in line]
    assert folded and all("die Datei data/municipalities/teltow.yaml konnte nicht geladen werden" in line for line in folded), lines
    assert any("weitere Zeilen für dieses Gebiet" in line for line in folded)
    assert not any("Unbekanntes Gebiet" in line for line in lines), lines
    assert lines[-1] == f"{len(lines) - 1} Probleme gefunden. Die Website wurde nicht verändert."


def test_counts_add_up_to_the_rows_of_the_unit(data, capsys):
    unit = data / "municipalities" / "teltow.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "area_km2_falsch: 1\n", encoding="utf-8")  # a schema error
    code, lines = check(capsys)
    assert code == 1 and lines[0].startswith("data/municipalities/teltow.yaml:") and "Unbekanntes Feld" in lines[0], lines
    counted = 0
    for line in lines:
        if "Gebiet „teltow“" in line:
            more = line.split("diese Zeile und ", 1)[1].split(" weitere", 1)[0] if "weitere Zeilen" in line else "0"
            counted += 1 + int(more.replace(".", ""))
    assert counted == rows_of(data, 0, "teltow")


def test_broken_indicator_file_folds_its_rows(data, capsys):
    (data / "indicators" / "einwohner.yaml").write_text("id: einwohner\n\tname: Einwohner\n", encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    assert lines[0] == "data/indicators/einwohner.yaml:2: Tabulatorzeichen sind nicht erlaubt; bitte mit Leerzeichen einrücken", lines
    assert len(lines) < 10, lines
    assert any("Kennzahl „einwohner“: die Datei data/indicators/einwohner.yaml konnte nicht geladen werden" in line
               and "weitere Zeilen für diese Kennzahl" in line for line in lines), lines
    assert not any("Unbekannte Kennzahl" in line for line in lines), lines


def test_broken_district_file_folds_the_district_rows(data, capsys):
    district = data / "district.yaml"
    district.write_text(district.read_text(encoding="utf-8").replace("\nname: ", "\nname:\n  - ", 1), encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    assert lines[0].startswith("data/district.yaml:"), lines
    assert len(lines) < 10, lines
    assert not any("Unbekanntes Gebiet" in line for line in lines), lines


def test_unknown_area_without_a_failed_file_is_still_reported_per_row(data, capsys):
    """Folding is for follow-ups only: a typo in the CSV stays a problem of its own line."""
    values = data / "indicators" / "values.csv"
    text = values.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    values.write_text(text + first.replace(first.split(",")[0], "teltov", 1) + "\n", encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    assert lines[0].startswith(f"data/indicators/values.csv:{text.count(chr(10)) + 1}: Unbekanntes Gebiet „teltov“"), lines
