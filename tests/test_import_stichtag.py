"""`atlas import-indicators` and the Stichtag: Zensus (15.05.) and year-end (31.12.) figures of one year stay apart.

The mini atlas (Kreis 99001, Teststadt 99001001, Amt Testheide 990015901) is copied for every test; its
values.csv holds Einwohner 2022 without a date (year only, taken as 31.12.2022).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, page
from generator.cli import main

ZENSUS = (
    "Zensus 2022: Bevölkerung am Zensusstichtag\n"
    "AGS;Gemeinde;Stichtag;Einwohner\n"
    "99001000;Landkreis Testkreis;15.05.2022;29.800\n"
    "99001001;Teststadt;15.05.2022;19.900\n"
    "990015901;Amt Testheide;15.05.2022;9.900\n"
)
YEAR_END = "AGS;Gemeinde;31.12.2022\n99001000;Landkreis Testkreis;30.100\n99001001;Teststadt;20.050\n990015901;Amt Testheide;10.050\n"
HEADER = "area,indicator,year,value,forecast,example,note,date\n"


@pytest.fixture
def work(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(mini_data.parent)
    return mini_data.parent


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(["import-indicators", *argv, "--data", "data"])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def keep_values(work: Path, *areas: str) -> Path:
    """values.csv with the Einwohner 2022 rows of `areas` only (the other rows unchanged)."""
    values = work / "data" / "indicators" / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines(keepends=True)
    values.write_text("".join(line for line in lines if ",einwohner,2022," not in line or line.split(",")[0] in areas), encoding="utf-8")
    return values


def test_zensus_date_is_kept_written_checked_and_shown(work: Path, capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    keep_values(work)
    (work / "zensus.csv").write_text(ZENSUS, encoding="utf-8")
    code, out, err = run(capsys, "zensus.csv", "--indicator", "einwohner")
    assert (code, err) == (0, [])
    assert out == [  # the table gives the full date: no assumption in the summary
        "3 Zeilen gelesen: 3 zu Gebieten des Atlas, 0 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 3 Werte übernommen, 0 Angaben nicht übernommen.",
        "data/indicators/einwohner.csv: 3 neu, 0 ersetzt, 0 unverändert.",
    ]
    written = work / "data" / "indicators" / "einwohner.csv"
    assert written.read_text(encoding="utf-8") == HEADER + (
        "amt-testheide,einwohner,2022,9900,,,aus zensus.csv,2022-05-15\n"
        "testkreis,einwohner,2022,29800,,,aus zensus.csv,2022-05-15\n"
        "teststadt,einwohner,2022,19900,,,aus zensus.csv,2022-05-15\n"
    )
    assert main(["check", "--data", "data"]) == 0
    capsys.readouterr()
    site = build_site(work / "data", tmp_path / "out")
    capsys.readouterr()
    profile = page(site, "sozialraeume/teststadt/")
    assert "2022 (Stichtag 15.05.2022)" in profile  # the profile's table of indicators: the date, because it is not 31.12.
    indicator = page(site, "kennzahlen/einwohner/")
    assert "<th>2022 (Stichtag 15.05.2022)</th>" in indicator or ">2022 (Stichtag 15.05.2022)<" in indicator
    # the year-end figures of the same year: reported with both dates, nothing written
    before = written.read_bytes()
    (work / "fortschreibung.csv").write_text(YEAR_END, encoding="utf-8")
    code, out, err = run(capsys, "fortschreibung.csv", "--indicator", "einwohner")
    assert code == 1
    assert out[0] == (
        "fortschreibung.csv:2: Fehler: testkreis 2022: neuer Wert 30100 zum Stichtag 31.12.2022, in data/indicators/einwohner.csv:3 "
        "steht 29800 zum Stichtag 15.05.2022; mit --replace ersetzen"
    )
    assert len([line for line in out if "Fehler:" in line]) == 3
    assert err == ["3 Fehler – es wurde nichts geschrieben; bitte die Fehler beheben und erneut einlesen."]
    assert written.read_bytes() == before
    # replacing all of them is the editor's explicit choice: then the year holds one Stichtag again
    code, out, err = run(capsys, "fortschreibung.csv", "--indicator", "einwohner", "--replace")
    assert (code, err) == (0, [])
    assert out[-1] == "data/indicators/einwohner.csv: 0 neu, 3 ersetzt, 0 unverändert."
    assert written.read_text(encoding="utf-8").count(",2022-12-31\n") == 3


def test_other_date_in_another_area_of_the_same_year_is_reported(work: Path, capsys: pytest.CaptureFixture) -> None:
    """values.csv keeps the district's year-only figure (31.12.2022); Zensus figures of the units would mix two dates in 2022."""
    values = keep_values(work, "testkreis")
    before = values.read_bytes()
    (work / "zensus.csv").write_text(ZENSUS.replace("99001000;Landkreis Testkreis;15.05.2022;29.800\n", ""), encoding="utf-8")
    code, out, err = run(capsys, "zensus.csv", "--indicator", "einwohner")
    assert code == 1
    assert out[0] == (
        "zensus.csv:3: Fehler: teststadt 2022: Stichtag 15.05.2022, aber data/indicators/values.csv:2 nennt für testkreis 2022 den "
        "Stichtag 31.12.2022 (nur das Jahr angegeben); Werte verschiedener Stichtage (etwa Zensus am 15.05. und Fortschreibung am 31.12.) "
        "gehören nicht in dasselbe Jahr einer Kennzahl: die anderen Werte ersetzen oder löschen oder für die einen eine eigene Kennzahl anlegen"
    )
    assert out[1].startswith("zensus.csv:4: Fehler: amt-testheide 2022: Stichtag 15.05.2022, aber data/indicators/values.csv:2")
    assert err[-1].startswith("2 Fehler – es wurde nichts geschrieben")
    assert not (work / "data" / "indicators" / "einwohner.csv").exists() and values.read_bytes() == before


def test_year_only_table_takes_stichtag_option_or_says_what_it_assumed(work: Path, capsys: pytest.CaptureFixture) -> None:
    keep_values(work)
    (work / "jahr.csv").write_text("AGS;2022\n99001001;19.900\n990015901;9.900\n", encoding="utf-8")
    code, out, err = run(capsys, "jahr.csv", "--indicator", "einwohner", "--dry-run")
    assert (code, err) == (0, [])
    assert out[-2] == (
        "Stichtag: Die Tabelle nennt nur das Jahr (2 Werte); angenommen: Stand zum 31.12.2022 (Jahresende). Gilt ein anderer Stichtag, "
        "etwa beim Zensus der 15.05., bitte erneut mit --stichtag 15.05.2022 einlesen (mit --replace, wenn schon geschrieben)."
    )
    code, out, err = run(capsys, "jahr.csv", "--indicator", "einwohner", "--stichtag", "15.05.2022")
    assert (code, err) == (0, [])
    assert not [line for line in out if line.startswith("Stichtag:")]
    assert (work / "data" / "indicators" / "einwohner.csv").read_text(encoding="utf-8") == HEADER + (
        "amt-testheide,einwohner,2022,9900,,,aus jahr.csv,2022-05-15\nteststadt,einwohner,2022,19900,,,aus jahr.csv,2022-05-15\n"
    )
    for argv, message in (
        (("--stichtag", "31.02.2022"), "Fehler: --stichtag „31.02.2022“ ist kein Datum; bitte als TT.MM.JJJJ angeben, z. B. --stichtag 31.12.2022"),
        (("--stichtag", "15.05.2022", "--year", "2021"), "Fehler: --stichtag 15.05.2022 liegt nicht im Jahr 2021 (--year); bitte nur eines angeben oder beide passend"),
    ):
        assert run(capsys, "jahr.csv", "--indicator", "einwohner", *argv) == (1, [], [message])


def test_two_dates_of_one_area_in_one_table(work: Path, capsys: pytest.CaptureFixture) -> None:
    keep_values(work)
    (work / "beide.csv").write_text("AGS;Stichtag;Einwohner\n99001001;15.05.2022;19.900\n99001001;31.12.2022;20.050\n", encoding="utf-8")
    code, out, err = run(capsys, "beide.csv", "--indicator", "einwohner")
    assert code == 1
    assert out[0] == (
        "beide.csv:3: Fehler: Teststadt 2022: Zeile 2 nennt einen Wert zum Stichtag 15.05.2022, diese Zeile zum Stichtag 31.12.2022; "
        "bitte mit --stichtag TT.MM.JJJJ einen Stichtag wählen"
    )
    code, out, err = run(capsys, "beide.csv", "--indicator", "einwohner", "--stichtag", "31.12.2022")
    assert (code, err) == (0, [])
    assert out[0] == (
        "2 Zeilen gelesen: 2 zu Gebieten des Atlas, 0 übersprungen (andere Gebiete oder Summenzeilen). "
        "Ergebnis: 1 Wert übernommen, 0 Angaben nicht übernommen, 1 Angabe anderer Stichtage nicht gewählt (--stichtag)."
    )
    assert (work / "data" / "indicators" / "einwohner.csv").read_text(encoding="utf-8") == HEADER + "teststadt,einwohner,2022,20050,,,aus beide.csv,2022-12-31\n"


def test_check_reads_the_date_column(work: Path, capsys: pytest.CaptureFixture) -> None:
    """Existing files without `date` stay valid (the mini atlas); a wrong date is a German error with file and line."""
    assert main(["check", "--data", "data"]) == 0
    capsys.readouterr()
    (work / "data" / "indicators" / "stichtage.csv").write_text(
        "area,indicator,year,value,date\nteststadt,altenquotient,2021,30.5,2021-13-01\nteststadt,altenquotient,2020,30.1,15.05.2021\n"
        "amt-testheide,altenquotient,2020,40.1,15.05.2020\n", encoding="utf-8")
    assert main(["check", "--data", "data"]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "data/indicators/stichtage.csv:2: Stichtag „2021-13-01“ in Spalte date ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)" in text
    assert "data/indicators/stichtage.csv:3: Stichtag „15.05.2021“ in Spalte date liegt nicht im Jahr 2020 (Spalte year)" in text
    assert "stichtage.csv:4" not in text
    # one Stichtag per indicator and year, across files and areas (an empty date is 31.12.)
    (work / "data" / "indicators" / "stichtage.csv").write_text("area,indicator,year,value,date\nteststadt,einwohner,2023,19900,15.05.2023\n", encoding="utf-8")
    with (work / "data" / "indicators" / "values.csv").open("a", encoding="utf-8") as f:
        f.write("amt-testheide,einwohner,2023,9900,,,\n")
    assert main(["check", "--data", "data"]) == 1
    out = capsys.readouterr()
    assert (
        "data/indicators/values.csv:10: Stichtag 31.12.2023 für einwohner 2023, aber data/indicators/stichtage.csv:2 nennt den 15.05.2023; "
        "Werte verschiedener Stichtage (etwa Zensus am 15.05. und Fortschreibung am 31.12.) gehören nicht in dasselbe Jahr einer Kennzahl "
        "(leere Spalte date: 31.12.)"
    ) in out.out + out.err
