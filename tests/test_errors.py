"""Editors' mistakes: every bad input gives `path:line: message` in German, exit code 1, no traceback,
all problems in one run, and the previously built site stays untouched."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small test data in tmp_path/data and a previously built site with a marker file."""
    shutil.copytree(MINI, tmp_path / "data")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working directory
    return tmp_path


def append(path: Path, text: str) -> int:
    """Append lines to a file; returns the line number of the first appended line."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def replace(path: Path, old: str, new: str) -> int:
    """Replace text in a file; returns the line number where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def check(project: Path, capsys: pytest.CaptureFixture, command: str = "check") -> tuple[int, str]:
    code = main([command, "--data", "data", "--site", "site", "--build-dir", str(project / "build")])
    out = capsys.readouterr()
    return code, out.err


def assert_site_untouched(project: Path) -> None:
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]


def mutate(case: str, data: Path) -> str:
    """Make one typical mistake in the test data; returns the expected `path:line: message` start."""
    fc = data / "family_centres" / "fz-teststadt.yaml"
    offer = data / "offers" / "krabbelgruppe.yaml"
    if case == "yaml-syntax":
        line = append(fc, "description: [nicht geschlossen\n")
        return f"data/family_centres/fz-teststadt.yaml:{line + 1}: YAML-Syntaxfehler"
    if case == "duplicate-key":
        line = append(fc, "name: Noch ein Name\n")
        return f"data/family_centres/fz-teststadt.yaml:{line}: Feld „name“ steht doppelt (zuerst in Zeile 2)"
    if case == "wrong-type":
        line = replace(data / "municipalities" / "teststadt.yaml", "area_km2: 100.5", "area_km2: groß")
        return f"data/municipalities/teststadt.yaml:{line}: Feld „area_km2“ (Fläche in km²): erwartet eine Zahl"
    if case == "wrong-type-list":
        line = replace(offer, "target_groups: [eltern]", "target_groups:\n  leer: ja")
        return f"data/offers/krabbelgruppe.yaml:{line}: Feld „target_groups“ (Zielgruppen): erwartet eine Liste"
    if case == "missing-field":
        replace(offer, "provider: traeger-a\n", "")
        return "data/offers/krabbelgruppe.yaml:1: Pflichtfeld „provider“ (Anbieter) fehlt"
    if case == "unknown-field":
        line = append(fc, "emial: info@example.org\n")
        return f"data/family_centres/fz-teststadt.yaml:{line}: Unbekanntes Feld „emial“ – meinten Sie „email“?"
    if case == "duplicate-id":
        shutil.copy(offer, data / "offers" / "krabbelgruppe-kopie.yaml")
        return "data/offers/krabbelgruppe-kopie.yaml:1: Die Kennung „krabbelgruppe“ ist schon vergeben in data/offers/krabbelgruppe.yaml:1"
    if case == "broken-reference":
        line = replace(offer, "provider: traeger-a", "provider: traeger-x")
        return f"data/offers/krabbelgruppe.yaml:{line}: Feld „provider“ (Anbieter): „traeger-x“ ist unbekannt – es gibt keine Datei organisations/traeger-x.yaml"
    if case == "unknown-vocabulary":
        line = replace(offer, "topics: [fruehe-hilfen]", "topics: [fruehehilfen]")
        return f"data/offers/krabbelgruppe.yaml:{line}: Feld „topics“ (Themen): „fruehehilfen“ steht nicht im Vokabular „topics“"
    if case == "coordinates-outside":
        line = replace(fc, "location: {lat: 50.51, lon: 10.51}", "location: {lat: 10.51, lon: 50.51}")
        return f"data/family_centres/fz-teststadt.yaml:{line}: Die Koordinaten 10.51, 50.51 liegen außerhalb des Gebiets"
    if case == "bad-email":
        line = append(fc, "email: info(at)example.org\n")
        return f"data/family_centres/fz-teststadt.yaml:{line}: Feld „email“ (E-Mail-Adresse): „info(at)example.org“ ist keine gültige E-Mail-Adresse"
    if case == "bad-url":
        line = append(fc, "website: www example org\n")
        return f"data/family_centres/fz-teststadt.yaml:{line}: Feld „website“ (Webseite): Link „www example org“: erlaubt sind nur Adressen mit http:, https:"
    if case == "bad-link-scheme":
        line = append(fc, "links:\n  - label: Klick\n    url: javascript:alert(1)\n")
        return f"data/family_centres/fz-teststadt.yaml:{line + 2}: Feld „links[1].url“ (Adresse): Link „javascript:alert(1)“: erlaubt sind nur Adressen mit http:, https:, mailto:, tel:"
    if case == "csv-unknown-area":
        line = append(data / "indicators" / "values.csv", "nirgendwo,einwohner,2022,5,,,\n")
        return f"data/indicators/values.csv:{line}: Unbekanntes Gebiet „nirgendwo“ in Spalte area"
    if case == "csv-unknown-indicator":
        line = append(data / "indicators" / "values.csv", "teststadt,einwohnr,2022,5,,,\n")
        return f"data/indicators/values.csv:{line}: Unbekannte Kennzahl „einwohnr“ in Spalte indicator"
    if case == "csv-not-a-number":
        line = append(data / "indicators" / "values.csv", "teststadt,altenquotient,2023,\"31,5\",,,\n")
        return f"data/indicators/values.csv:{line}: Wert „31,5“ ist keine Zahl (Dezimalpunkt statt Komma verwenden"
    if case == "yaml11-boolean":
        line = replace(data / "contacts" / "geheim.yaml", "publish: false", "publish: vielleicht")
        return f"data/contacts/geheim.yaml:{line}: Feld „publish“ (Veröffentlichen): erwartet true oder false, gefunden „vielleicht“"
    raise AssertionError(case)


CASES = [
    "yaml-syntax", "duplicate-key", "wrong-type", "wrong-type-list", "missing-field", "unknown-field",
    "duplicate-id", "broken-reference", "unknown-vocabulary", "coordinates-outside", "bad-email", "bad-url",
    "bad-link-scheme", "csv-unknown-area", "csv-unknown-indicator", "csv-not-a-number", "yaml11-boolean",
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_input_is_reported_with_file_and_line(project: Path, capsys: pytest.CaptureFixture, case: str, command: str) -> None:
    expected = mutate(case, project / "data")
    code, err = check(project, capsys, command)
    assert code == 1
    assert expected in err, err
    assert "Traceback" not in err
    assert err.rstrip().endswith("Die Website wurde nicht verändert.")
    assert_site_untouched(project)


def test_all_problems_in_one_run(project: Path, capsys: pytest.CaptureFixture) -> None:
    cases = ["duplicate-key", "missing-field", "unknown-vocabulary", "csv-unknown-area", "wrong-type"]
    expected = [mutate(case, project / "data") for case in cases]
    code, err = check(project, capsys, "build")
    assert code == 1
    for text in expected:
        assert text in err
    assert f"{len(err.strip().splitlines()) - 1} Probleme gefunden" in err
    assert_site_untouched(project)


def test_yaml_11_values_are_kept_as_written(project: Path) -> None:
    """A phone with a leading zero, `no`, `on` and an unquoted date stay the editor's text."""
    from generator.check.validate import validate

    data = project / "data"
    append(data / "organisations" / "kreis.yaml", "phone: 033841 00011\nshort_name: no\ndescription: on\n")
    replace(data / "networks" / "fruehe-hilfen-teststadt.yaml", "meeting_rhythm: viermal im Jahr", "meeting_rhythm: 2026-03-01")
    atlas, problems = validate(data)
    assert problems == []
    org = atlas.organisations["kreis"]
    assert (org.phone, org.short_name, org.description) == ("033841 00011", "no", "on")
    assert atlas.networks["fruehe-hilfen-teststadt"].meeting_rhythm == "2026-03-01"


def test_times_stay_times(project: Path) -> None:
    """`opens: 09:00` unquoted is YAML 1.1's number 540; the atlas keeps it as 09:00."""
    from generator.check.validate import validate

    replace(project / "data" / "family_centres" / "fz-teststadt.yaml", 'opens: "09:00"', "opens: 09:00")
    atlas, problems = validate(project / "data")
    assert problems == []
    assert atlas.family_centres["fz-teststadt"].opening_hours[0].opens == "09:00"


def test_cli_subprocess_has_no_traceback(project: Path) -> None:
    mutate("broken-reference", project / "data")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", "data"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "data/offers/krabbelgruppe.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_github_format_annotates_file_and_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    mutate("broken-reference", project / "data")
    code = main(["check", "--data", "data", "--format", "github"])
    err = capsys.readouterr().err
    assert code == 1
    assert "::error file=data/offers/krabbelgruppe.yaml,line=4,title=Datenfehler::Feld „provider“" in err


def test_valid_data_passes(project: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["check", "--data", "data"])
    assert code == 0
    assert "Keine Probleme gefunden." in capsys.readouterr().out
