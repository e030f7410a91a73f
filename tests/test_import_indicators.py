"""`atlas import-indicators`: statistical-office tables as published → the long-format indicator CSV.

Fixtures in tests/fixtures/statoffice are small tables in the shapes statistical offices publish; the
mini atlas (Kreis 99001, Teststadt 99001001, Amt Testheide 990015901 with 99001002 and 99001003) is
copied for every test, and the tests run inside the copy so messages show short paths.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.importers import indicators as import_indicators
from generator.cli import main
from generator.importers.statoffice_table import parse_value

STAT = Path(__file__).parent / "fixtures" / "statoffice"
HEADER = "area,indicator,year,value,forecast,example,note\n"
INDICATOR = "id: {id}\nlabel: {label}\nunit: \"{unit}\"\ndescription: Testkennzahl.\nsource: Testquelle\nlicence: dl-de/by-2-0\n"


def year_only(count: str, year: int | None, last: int = 2021) -> str:
    """The summary's line on values for which the table gives only the year (taken as 31.12.); year None: several years."""
    when = f"Stand zum 31.12.{year} (Jahresende)" if year else "Stand zum 31.12. des jeweiligen Jahres (Jahresende)"
    again = f"--stichtag 15.05.{year}" if year else f"--year {last} --stichtag 15.05.{last}"
    return (f"Stichtag: Die Tabelle nennt nur das Jahr ({count}); angenommen: {when}. Gilt ein anderer Stichtag, etwa beim Zensus "
            f"der 15.05., bitte erneut mit {again} einlesen (mit --replace, wenn schon geschrieben).")


@pytest.fixture
def work(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp folder with data/ (copy of the mini atlas plus two indicators) and the fixture tables; cwd."""
    folder = mini_data.parent
    for table in STAT.iterdir():
        shutil.copy(table, folder)
    for ident, label, unit in (("arbeitslose", "Arbeitslose", "Personen"), ("arbeitslosenquote", "Arbeitslosenquote", "%")):
        (mini_data / "indicators" / f"{ident}.yaml").write_text(INDICATOR.format(id=ident, label=label, unit=unit), encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(["import-indicators", *argv, "--data", "data"])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def test_latin1_table_with_title_lines_and_keys_without_leading_zero(work: Path, capsys: pytest.CaptureFixture) -> None:
    # the same atlas in a Land whose key starts with 0, so spreadsheet programs drop that zero
    for path in [work / "data" / "district.yaml", *(work / "data" / "municipalities").glob("*.yaml")]:
        path.write_text(path.read_text(encoding="utf-8").replace('"99001', '"09901'), encoding="utf-8")
    code, out, err = run(capsys, "latin1_titles.csv", "--indicator", "einwohner", "--year", "2023", "--column", "Bevölkerung insgesamt")
    assert (code, err) == (0, [])
    assert out == [
        "latin1_titles.csv:8: nicht übernommen: Amt Testheide 2023: Zahlenwert unbekannt oder geheim gehalten (.)",
        "latin1_titles.csv:9: nicht übernommen: Testheide 2023: Angabe fällt später an (…)",
        "latin1_titles.csv:10: nicht übernommen: Borkdorf 2023: Gemeinde im Amt Testheide; der Wert des Amtes steht in Zeile 8",
        "latin1_titles.csv:11: übersprungen: 9902001 (Kreis 09902) gehört nicht zum Atlas",
        "6 Zeilen gelesen: 5 zu Gebieten des Atlas, 1 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 2 Werte übernommen, 3 Angaben nicht übernommen.",
        year_only("2 Werte", 2023).replace("(Jahresende).", "(Jahresende). Die Überschrift der Tabelle nennt 31.12.2023 und 01.01.2024."),
        "data/indicators/einwohner.csv: 2 neu, 0 ersetzt, 0 unverändert.",
    ]
    assert read("data/indicators/einwohner.csv") == HEADER + (
        "testkreis,einwohner,2023,30012,,,aus latin1_titles.csv\n"
        "teststadt,einwohner,2023,20011,,,aus latin1_titles.csv\n"
    )


def test_table_without_year_needs_year_and_column(work: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient", "--column", "Name")
    assert code == 1 and out == []
    assert err[0].startswith("utf8bom_wide.csv:3: Fehler: --column „Name“: keine Jahresspalte heißt so")
    code, out, err = run(capsys, "long_jahr.csv", "--indicator", "arbeitslose")
    assert code == 1 and out == []
    assert err == [
        "long_jahr.csv:1: Fehler: Mehrere Spalten mit Werten: „Arbeitslose“, „Arbeitslosenquote“; bitte mit --column SPALTE angeben, welche übernommen wird",
        "Es wurde nichts geschrieben.",
    ]
    (work / "einwohner.csv").write_text("Einwohner am 31.12.2023\nAGS;Einwohner\n99001001;20.500\n", encoding="utf-8")
    code, out, err = run(capsys, "einwohner.csv", "--indicator", "einwohner")
    assert code == 1 and out == []
    assert err[0] == (
        "einwohner.csv:2: Fehler: Die Tabelle hat weder eine Spalte „Jahr“ oder „Stichtag“ noch Jahreszahlen als Spaltenköpfe; "
        "bitte mit --stichtag TT.MM.JJJJ (oder nur --year JAHR, dann gilt der 31.12.) angeben, wann die Werte gelten; "
        "die Überschrift nennt 31.12.2023"
    )
    assert not (work / "data" / "indicators" / "einwohner.csv").exists()
    assert not (work / "data" / "indicators" / "arbeitslose.csv").exists()


WIDE_CSV = HEADER.replace("note", "note,date") + (  # the date of the column „31.12.2022“ is kept; the years alone have none
    "amt-testheide,altenquotient,2020,45.2,,,aus utf8bom_wide.csv,\n"
    "testkreis,altenquotient,2020,40.8,,,aus utf8bom_wide.csv,\n"
    "testkreis,altenquotient,2021,41.9,,,aus utf8bom_wide.csv,\n"
    "testkreis,altenquotient,2022,43,,,vorläufige Zahl (p); aus utf8bom_wide.csv,2022-12-31\n"
    "teststadt,altenquotient,2020,35.1,,,aus utf8bom_wide.csv,\n"
    'teststadt,altenquotient,2021,36.3,,,"Aussagewert eingeschränkt, da statistisch relativ unsicher (Wert in Klammern); aus utf8bom_wide.csv",\n'
    "teststadt,altenquotient,2022,37.2,,,aus utf8bom_wide.csv,2022-12-31\n"
)


def test_wide_table_with_year_columns_and_markers_passes_check(work: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient")
    assert (code, err) == (0, [])
    assert out == [  # „–“ (nichts vorhanden) of a rate is a missing value, never 0
        "utf8bom_wide.csv:6: nicht übernommen: Amt Testheide 2021: „–“ = nichts vorhanden; kein Wert übernommen (nicht als 0)",
        "utf8bom_wide.csv:6: nicht übernommen: Amt Testheide 2022: Angabe fällt später an (…)",
        "utf8bom_wide.csv:7: übersprungen: 99002001 (Kreis 99002) gehört nicht zum Atlas",
        "utf8bom_wide.csv:8: übersprungen: 12069656 (Kreis 12069) gehört nicht zum Atlas",
        "5 Zeilen gelesen: 3 zu Gebieten des Atlas, 2 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 7 Werte übernommen, 2 Angaben nicht übernommen.",
        year_only("5 Werte", None),
        "data/indicators/altenquotient.csv: 7 neu, 0 ersetzt, 0 unverändert.",
    ]
    assert "amt-testheide,altenquotient,2021" not in read("data/indicators/altenquotient.csv")
    assert read("data/indicators/altenquotient.csv") == WIDE_CSV
    assert main(["check", "--data", "data"]) == 0
    assert capsys.readouterr().out == "Keine Probleme gefunden.\n"
    # --year takes one year column only; the same values again are no change
    code, out, _ = run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient", "--year", "2020")
    assert code == 0 and out[-1] == "data/indicators/altenquotient.csv: 0 neu, 0 ersetzt, 3 unverändert."
    assert read("data/indicators/altenquotient.csv") == WIDE_CSV


def test_conflict_is_reported_and_replaced_only_on_request(work: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient")[0] == 0
    table = work / "utf8bom_wide.csv"
    table.write_bytes(table.read_bytes().replace("41,9".encode(), "42,0".encode()))
    code, out, err = run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient")
    assert code == 1
    assert "utf8bom_wide.csv:4: Fehler: testkreis 2021: neuer Wert 42, in data/indicators/altenquotient.csv:4 steht 41.9; mit --replace ersetzen" in out
    # the counts agree with the closing line: the conflicting value is an error, not a value taken; nothing is written
    assert out[-2] == "5 Zeilen gelesen: 3 zu Gebieten des Atlas, 2 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 6 Werte würden übernommen, 2 Angaben nicht übernommen, 1 Fehler."
    assert err == ["1 Fehler – es wurde nichts geschrieben, auch keiner der 6 fehlerfreien Werte; bitte die Fehler beheben und erneut einlesen."]
    assert read("data/indicators/altenquotient.csv") == WIDE_CSV
    code, out, err = run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient", "--replace")
    assert (code, err) == (0, [])
    assert out[-1] == "data/indicators/altenquotient.csv: 0 neu, 1 ersetzt, 6 unverändert."
    assert read("data/indicators/altenquotient.csv") == WIDE_CSV.replace("2021,41.9", "2021,42")


def test_conflict_with_a_value_in_another_csv_of_the_data_folder(work: Path, capsys: pytest.CaptureFixture) -> None:
    (work / "einwohner.csv").write_text("AGS;Einwohner\n99001001;20.500\n99001000;30.000\n", encoding="utf-8")
    code, out, err = run(capsys, "einwohner.csv", "--indicator", "einwohner", "--year", "2022", "--replace")
    assert code == 1
    assert out == [
        "einwohner.csv:2: Fehler: teststadt 2022: neuer Wert 20500, in data/indicators/values.csv:3 steht 20000; dort ändern oder löschen",
        "2 Zeilen gelesen: 2 zu Gebieten des Atlas, 0 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 1 Wert würde übernommen, 0 Angaben nicht übernommen, 1 Fehler.",
        year_only("2 Werte", 2022),
    ]
    assert err == ["1 Fehler – es wurde nichts geschrieben, auch nicht der eine fehlerfreie Wert; bitte die Fehler beheben und erneut einlesen."]
    assert not (work / "data" / "indicators" / "einwohner.csv").exists()


def test_long_table_with_year_column_and_regional_keys(work: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "long_jahr.csv", "--indicator", "arbeitslosenquote", "--column", "Arbeitslosenquote")
    assert (code, err) == (0, [])
    reason = (  # a rate: never the advice „aggregation: sum“, but the Amt's own value or a formula from the count of the atlas
        "Gemeinde im Amt Testheide; „Arbeitslosenquote“ ist ein Anteil oder eine Quote (Einheit „%“), die sich nicht zum Amt addieren lässt; "
        "bitte den Wert des Amtes selbst einlesen oder die Kennzahl in indicators/arbeitslosenquote.yaml aus Zähler und Nenner berechnen lassen "
        "(formula: numerator, denominator, z. B. mit „arbeitslose“ im Zähler)"
    )
    assert out == [
        f"long_jahr.csv:5: nicht übernommen: Testheide 2023: {reason}",
        f"long_jahr.csv:6: nicht übernommen: Borkdorf 2023: {reason}",
        "long_jahr.csv:7: übersprungen: 990020001001 (Kreis 99002) gehört nicht zum Atlas",
        "6 Zeilen gelesen: 5 zu Gebieten des Atlas, 1 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 3 Werte übernommen, 2 Angaben nicht übernommen.",
        year_only("3 Werte", None, last=2023),
        "data/indicators/arbeitslosenquote.csv: 3 neu, 0 ersetzt, 0 unverändert.",
    ]
    assert read("data/indicators/arbeitslosenquote.csv") == HEADER + (
        "testkreis,arbeitslosenquote,2022,4.6,,,aus long_jahr.csv\n"
        "testkreis,arbeitslosenquote,2023,4.4,,,aus long_jahr.csv\n"
        "teststadt,arbeitslosenquote,2023,5.1,,,aus long_jahr.csv\n"
    )
    assert main(["check", "--data", "data"]) == 0


def test_members_of_an_amt_are_added_up_only_when_all_have_a_value(work: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    # the schema's `aggregation` field comes with another change; until then the lookup is replaced here
    monkeypatch.setattr(import_indicators, "aggregation_of", lambda indicator: "sum" if indicator.id == "arbeitslose" else None)
    code, out, err = run(capsys, "long_jahr.csv", "--indicator", "arbeitslose", "--column", "Arbeitslose", "--forecast", "--note", "Testlauf")
    assert (code, err) == (0, [])
    assert out[-3:] == [
        "6 Zeilen gelesen: 5 zu Gebieten des Atlas, 1 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 4 Werte übernommen, 0 Angaben nicht übernommen.",
        year_only("4 Werte", None, last=2023),
        "data/indicators/arbeitslose.csv: 4 neu, 0 ersetzt, 0 unverändert.",
    ]
    assert read("data/indicators/arbeitslose.csv") == HEADER + (
        'amt-testheide,arbeitslose,2023,450,true,,"Testlauf; Summe der Gemeinden Testheide, Borkdorf; aus long_jahr.csv"\n'
        "testkreis,arbeitslose,2022,1200,true,,Testlauf; aus long_jahr.csv\n"
        "testkreis,arbeitslose,2023,1150,true,,Testlauf; aus long_jahr.csv\n"
        "teststadt,arbeitslose,2023,700,true,,Testlauf; aus long_jahr.csv\n"
    )
    table = work / "long_jahr.csv"
    table.write_text(table.read_text(encoding="utf-8").replace('"140"', '"."'), encoding="utf-8")
    code, out, _ = run(capsys, "long_jahr.csv", "--indicator", "arbeitslose", "--column", "Arbeitslose", "--dry-run")
    assert code == 0
    assert out[:2] == [
        "long_jahr.csv:5: nicht übernommen: Testheide 2023: Gemeinde im Amt Testheide; die Summe für das Amt fehlt, weil Werte fehlen für: Borkdorf",
        "long_jahr.csv:6: nicht übernommen: Borkdorf 2023: Zahlenwert unbekannt oder geheim gehalten (.)",
    ]
    assert out[-1] == "Probelauf: data/indicators/arbeitslose.csv wurde nicht geschrieben (3 neu, 0 ersetzt, 0 unverändert)."


def test_malformed_number_and_key_fail_and_nothing_is_written(work: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "malformed.csv", "--indicator", "altenquotient", "--year", "2023")
    assert code == 1
    assert out == [
        "malformed.csv:4: Fehler: Teststadt 2023: „12,3,4“ ist keine Zahl (erwartet z. B. 12.892 oder 29,1)",
        "malformed.csv:5: Fehler: „99001X02“ ist kein amtlicher Schlüssel (Kreis 5, Gemeinde 8, Gemeindeverband 9 oder Regionalschlüssel 12 Ziffern)",
        "malformed.csv:6: übersprungen: Zeile ohne Gebietsschlüssel (Summen- oder Zwischenzeile?)",
        "4 Zeilen gelesen: 2 zu Gebieten des Atlas, 1 übersprungen (andere Gebiete oder Summenzeilen), 1 mit unlesbarem Schlüssel. "
        "Ergebnis: 1 Wert würde übernommen, 0 Angaben nicht übernommen, 2 Fehler.",
        year_only("1 Wert", 2023),
    ]
    assert err == ["2 Fehler – es wurde nichts geschrieben, auch nicht der eine fehlerfreie Wert; bitte die Fehler beheben und erneut einlesen."]
    assert not (work / "data" / "indicators" / "altenquotient.csv").exists()


def test_utf16_tab_separated_export(work: Path, capsys: pytest.CaptureFixture) -> None:
    text = "Gebiet\tSchlüssel\tStichtag\tAnteil\r\nTeststadt\t99001001\t31.12.2024\t12,5\r\nAmt Testheide\t990015901\t31.12.2024\t1.012,25\r\n"
    (work / "unicode.txt").write_bytes(text.encode("utf-16"))
    code, out, err = run(capsys, "unicode.txt", "--indicator", "altenquotient")
    assert (code, err) == (0, [])
    assert read("data/indicators/altenquotient.csv") == HEADER.replace("note", "note,date") + (  # the Stichtag column's dates are kept
        "amt-testheide,altenquotient,2024,1012.25,,,aus unicode.txt,2024-12-31\n"
        "teststadt,altenquotient,2024,12.5,,,aus unicode.txt,2024-12-31\n"
    )


def test_file_level_errors(work: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "no_table.csv", "--indicator", "einwohner")
    assert code == 1 and out == []
    assert err[0].startswith("no_table.csv:1: Fehler: Keine Tabelle mit amtlichen Schlüsseln gefunden")
    code, out, err = run(capsys, "fehlt.csv", "--indicator", "einwohner")
    assert code == 1 and err[0].startswith("fehlt.csv:1: Fehler: Datei kann nicht gelesen werden")
    code, out, err = run(capsys, "utf8bom_wide.csv", "--indicator", "altenqoutient")
    assert code == 1
    assert err == ["Fehler: Kennzahl „altenqoutient“ unbekannt; sie braucht eine Datei indicators/altenqoutient.yaml; meinten Sie „altenquotient“?"]
    (work / "data" / "municipalities" / "teststadt.yaml").write_text("id: teststadt\nname: Teststadt\n", encoding="utf-8")
    code, out, err = run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient")
    assert code == 1 and out == []
    assert err[-1].endswith("im Datenordner; bitte zuerst beheben (atlas check). Es wurde nichts importiert.")
    assert not (work / "data" / "indicators" / "altenquotient.csv").exists()


@pytest.mark.parametrize(
    ("cell", "value", "note"),
    [
        ("12.892", "12892", None), ("29,1", "29.1", None), ("1.234,5", "1234.5", None), ("12892", "12892", None),
        ("12 892", "12892", None), ("-3,2", "-3.2", None), ("(12)", "12", "Aussagewert eingeschränkt"),
        ("6,0 p", "6.0", "vorläufige Zahl (p)"), ("0", "0", None),
    ],
)
def test_german_numbers(cell: str, value: str, note: str | None) -> None:
    parsed = parse_value(cell)
    assert str(parsed.value) == value
    assert (note is None and parsed.notes == ()) or (note is not None and note in parsed.notes[0])


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("–", "kein Wert übernommen (nicht als 0)"), ("-", "kein Wert übernommen (nicht als 0)"), ("—", "kein Wert übernommen (nicht als 0)"),
     (".", "geheim gehalten (.)"), ("x", "nicht sinnvoll (x)"), ("…", "fällt später an (…)"), ("...", "fällt später an (…)"), ("/", "nicht sicher genug (/)"), ("", "leeres Feld")],
)
def test_markers_are_not_taken(cell: str, reason: str) -> None:
    parsed = parse_value(cell)
    assert parsed.value is None and not parsed.error and parsed.reason.endswith(reason)


def test_table_of_another_district_writes_nothing(work: Path, capsys: pytest.CaptureFixture) -> None:
    (work / "anderer_kreis.csv").write_text("AGS;2023\n99002001;5\n99002002;6\n", encoding="utf-8")
    code, out, err = run(capsys, "anderer_kreis.csv", "--indicator", "einwohner")
    assert (code, err) == (0, [])
    assert out == [
        "anderer_kreis.csv:2: übersprungen: 99002001 (Kreis 99002) gehört nicht zum Atlas",
        "anderer_kreis.csv:3: übersprungen: 99002002 (Kreis 99002) gehört nicht zum Atlas",
        "2 Zeilen gelesen: 0 zu Gebieten des Atlas, 2 übersprungen (andere Gebiete oder Summenzeilen). Ergebnis: 0 Werte übernommen, 0 Angaben nicht übernommen.",
        "Keine Werte für Gebiete des Atlas gefunden – gehört die Tabelle zum Kreis 99001? Es wurde nichts geschrieben.",
    ]
    assert not (work / "data" / "indicators" / "einwohner.csv").exists()


def test_no_value_markers_of_a_rate_are_missing_never_zero(work: Path, capsys: pytest.CaptureFixture) -> None:
    """„–“, „-“ and „.“ in a percentage table: reported as not taken, and no 0 in the written file."""
    (work / "quote.csv").write_text("AGS;Quote\n99001000;4,5\n99001001;–\n990015901;-\n99001002;.\n", encoding="utf-8")
    code, out, err = run(capsys, "quote.csv", "--indicator", "arbeitslosenquote", "--year", "2023")
    assert (code, err) == (0, [])
    assert out[:3] == [
        "quote.csv:3: nicht übernommen: Teststadt 2023: „–“ = nichts vorhanden; kein Wert übernommen (nicht als 0)",
        "quote.csv:4: nicht übernommen: Amt Testheide 2023: „–“ = nichts vorhanden; kein Wert übernommen (nicht als 0)",
        "quote.csv:5: nicht übernommen: Testheide 2023: Zahlenwert unbekannt oder geheim gehalten (.)",
    ]
    assert read("data/indicators/arbeitslosenquote.csv") == HEADER + "testkreis,arbeitslosenquote,2023,4.5,,,aus quote.csv\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_written_csv_has_the_mode_open_would_give(work: Path, capsys: pytest.CaptureFixture, umask: int, mode: int) -> None:
    """Not mkstemp's 0600: a new file gets 0666 minus the umask; a file that exists keeps its mode."""
    import os
    import stat

    before = os.umask(umask)
    try:
        assert run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient", "--year", "2020")[0] == 0
        target = work / "data" / "indicators" / "altenquotient.csv"
        assert stat.S_IMODE(target.stat().st_mode) == mode
        target.chmod(0o604)
        assert run(capsys, "utf8bom_wide.csv", "--indicator", "altenquotient")[0] == 0  # more years: the file is rewritten
        assert stat.S_IMODE(target.stat().st_mode) == 0o604
        assert not [p.name for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary file left
    finally:
        os.umask(before)


def test_nothing_marker_of_a_count_is_zero(work: Path, capsys: pytest.CaptureFixture) -> None:
    """„–“ (nichts vorhanden) in a table of a count that adds up (`aggregation: sum`) is exactly 0, with the note;
    in a rate it is no value (test above). „.“ stays no value in both."""
    assert parse_value("–", nothing_is_zero=True).value == 0 and parse_value(".", nothing_is_zero=True).value is None
    with (work / "data" / "indicators" / "arbeitslose.yaml").open("a", encoding="utf-8") as f:
        f.write("aggregation: sum\n")
    (work / "anzahl.csv").write_text("AGS;2023\n99001000;–\n99001002;.\n", encoding="utf-8")
    code, out, err = run(capsys, "anzahl.csv", "--indicator", "arbeitslose")
    assert (code, err) == (0, [])
    assert "anzahl.csv:3: nicht übernommen: Testheide 2023: Zahlenwert unbekannt oder geheim gehalten (.)" in out
    assert read("data/indicators/arbeitslose.csv") == HEADER + "testkreis,arbeitslose,2023,0,,,„–“ = nichts vorhanden (genau null); aus anzahl.csv\n"


def test_aggregation_advice_follows_the_kind_of_indicator(work: Path, capsys: pytest.CaptureFixture) -> None:
    """Members of an Amt without the Amt's own row: a count is advised `aggregation: sum`, a rate never (even when its
    record says `sum`, its members are not added up), a computed rate is advised its numerator and denominator."""
    (work / "gemeinden.csv").write_text("AGS;2023\n99001002;3,9\n99001003;3,2\n", encoding="utf-8")
    indicators = work / "data" / "indicators"

    def reason(indicator: str) -> str:
        code, out, err = run(capsys, "gemeinden.csv", "--indicator", indicator, "--dry-run")
        assert (code, err) == (0, [])
        assert out[0].startswith("gemeinden.csv:2: nicht übernommen: Testheide 2023: Gemeinde im Amt Testheide; ") and out[1].startswith("gemeinden.csv:3:")
        assert out[2].endswith("Ergebnis: 0 Werte würden übernommen, 2 Angaben nicht übernommen.")
        return out[0].split("Gemeinde im Amt Testheide; ", 1)[1]

    assert reason("arbeitslose") == (
        "die Werte von „arbeitslose“ lassen sich nicht zum Amt addieren: in indicators/arbeitslose.yaml fehlt „aggregation: sum“; "
        "das bitte nur eintragen, wenn die Kennzahl eine Anzahl ist (Einheit „Personen“)"
    )
    with (indicators / "arbeitslosenquote.yaml").open("a", encoding="utf-8") as f:
        f.write("aggregation: sum\n")  # wrong for a rate: the import neither adds up nor repeats that advice
    text = reason("arbeitslosenquote")
    assert text.startswith("„Arbeitslosenquote“ ist ein Anteil oder eine Quote (Einheit „%“), die sich nicht zum Amt addieren lässt; "
                           "„aggregation: sum“ in indicators/arbeitslosenquote.yaml ist dafür falsch; bitte den Wert des Amtes selbst einlesen")
    assert text.endswith("(formula: numerator, denominator, z. B. mit „arbeitslose“ im Zähler)")
    for ident, label in (("einwohner-ab-65", "Einwohner ab 65"), ("einwohner-20-bis-64", "Einwohner 20 bis 64")):
        (indicators / f"{ident}.yaml").write_text(INDICATOR.format(id=ident, label=label, unit="Personen") + "aggregation: sum\n", encoding="utf-8")
    with (indicators / "altenquotient.yaml").open("a", encoding="utf-8") as f:
        f.write("formula: {numerator: [einwohner-ab-65], denominator: [einwohner-20-bis-64], factor: 100}\n")
    assert reason("altenquotient") == (
        "„Altenquotient“ wird aus Zähler und Nenner berechnet (formula), nicht addiert; bitte die Anzahlen „einwohner-ab-65“, "
        "„einwohner-20-bis-64“ einlesen, dann wird der Wert des Amtes daraus berechnet"
    )
