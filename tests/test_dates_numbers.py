"""Date fields take calendar dates only; numbers that look like dates get a message with the date they probably
mean; an unterminated quote in an indicator CSV is reported where it opened (issue 23, point 4)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.check import messages
from generator.cli import main
from generator.model.schema import Network

MINI = Path(__file__).parent / "fixtures" / "mini"
HOW = "bitte als JJJJ-MM-TT schreiben, z. B. "


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def check(capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["check", "--data", "data"])
    return code, capsys.readouterr().err


def set_reviewed(data: Path, value: str) -> int:
    """Write `reviewed: <value>` into an offer; returns its line."""
    offer = data / "offers" / "krabbelgruppe.yaml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(text + f"reviewed: {value}\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("value", "why", "meant"),
    [
        ("1699920000", "ein Unix-Zeitstempel in Sekunden?", "2023-11-14"),
        ("1699920000000", "ein Unix-Zeitstempel in Millisekunden?", "2023-11-14"),
        ("45292", "eine Datumszahl aus Excel?", "2024-01-01"),
        ("20230101", "ein Datum ohne Bindestriche?", "2023-01-01"),
        ("14.11.2023", "ist nicht in der Schreibweise JJJJ-MM-TT", "2023-11-14"),
        ("2023-11-14T10:30", "enthält eine Uhrzeit", "2023-11-14"),
        ("2023-11-14 00:00", "enthält eine Uhrzeit", "2023-11-14"),
    ],
)
def test_number_or_date_time_as_date_says_how_to_write_it(data, capsys, value, why, meant):
    line = set_reviewed(data, value)
    code, err = check(capsys)
    assert code == 1
    expected = f"data/offers/krabbelgruppe.yaml:{line}: Feld „reviewed“ (Zuletzt geprüft): „{value}“ "
    hit = [row for row in err.splitlines() if row.startswith(expected)]
    assert len(hit) == 1, err
    assert why in hit[0] and hit[0].endswith(HOW + meant), hit[0]
    assert "Datetimes" not in err and "should" not in err


def test_impossible_calendar_day_is_rejected(data, capsys):
    line = set_reviewed(data, "2023-02-30")
    code, err = check(capsys)
    assert code == 1
    assert f"data/offers/krabbelgruppe.yaml:{line}: Feld „reviewed“ (Zuletzt geprüft): „2023-02-30“ ist kein Kalenderdatum" in err, err


@pytest.mark.parametrize("value", ["2023-11-14", "'2023-11-14'"])
def test_calendar_date_passes(data, capsys, value):
    set_reviewed(data, value)
    code, err = check(capsys)
    assert code == 0, err


def test_datetime_objects_with_a_time_get_german_text():
    """A web editor or script may hand over a datetime: no pydantic English („Datetimes provided to dates …“)."""
    base = {"id": "n", "name": "N", "description": "d", "type": "t", "scope": "district"}
    assert Network.model_validate({**base, "next_meeting": dt.datetime(2024, 3, 1)}).next_meeting == dt.date(2024, 3, 1)
    with pytest.raises(ValidationError) as info:
        Network.model_validate({**base, "next_meeting": dt.datetime(2024, 3, 1, 18, 30)})
    (err,) = info.value.errors()
    text = messages.translate(Network, err)
    assert text == "Feld „next_meeting“ (Nächstes Treffen): „2024-03-01 18:30:00“ enthält eine Uhrzeit; gemeint ist nur der Tag; " + HOW + "2024-03-01"


def test_pydantic_date_from_datetime_message_is_german():
    err = {"type": "date_from_datetime_inexact", "loc": ("next_meeting",), "msg": "Datetimes provided to dates should have zero time - e.g. be exact dates", "input": "x"}
    text = messages.translate(Network, err)
    assert "Datetimes" not in text and "JJJJ-MM-TT" in text


def test_number_in_the_date_column_of_an_indicator_csv(data, capsys):
    (data / "indicators" / "extra.csv").write_text("area,indicator,year,value,date\nteststadt,einwohner,2023,20000,1699920000\n", encoding="utf-8")
    code, err = check(capsys)
    assert code == 1
    assert "data/indicators/extra.csv:2: Stichtag „1699920000“ in Spalte date ist eine Zahl, kein Datum (ein Unix-Zeitstempel in Sekunden?); " + HOW + "2023-11-14" in err, err


def test_unterminated_quote_is_reported_where_it_opened(data, capsys):
    rows = ["area,indicator,year,value,forecast,example,note", "teststadt,einwohner,2021,20000,,,",
            'teststadt,einwohner,2020,19000,,,"Schätzung', "teststadt,einwohner,2019,18000,,,", "teststadt,einwohner,2018,17000,,,"]
    (data / "indicators" / "extra.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, err = check(capsys)
    assert code == 1
    assert "data/indicators/extra.csv:3: Ein Anführungszeichen in dieser Zeile wird bis zum Ende der Datei nicht geschlossen" in err, err
    assert "extra.csv:5:" not in err


def test_unterminated_quote_in_the_last_line(data, capsys):
    (data / "indicators" / "extra.csv").write_text('area,indicator,year,value\nteststadt,einwohner,2019,"18000\n', encoding="utf-8")
    code, err = check(capsys)
    assert code == 1
    assert "data/indicators/extra.csv:2: Ein Anführungszeichen in dieser Zeile wird bis zum Ende der Datei nicht geschlossen" in err, err


def test_text_after_a_closing_quote_is_reported_in_german(data, capsys):
    (data / "indicators" / "extra.csv").write_text('area,indicator,year,value\nteststadt,"einwohner"x,2019,18000\n', encoding="utf-8")
    code, err = check(capsys)
    assert code == 1
    assert "data/indicators/extra.csv:2: CSV-Datei nicht lesbar: nach einem schließenden Anführungszeichen muss ein Komma" in err, err
    assert "expected" not in err


def test_quoted_multiline_note_still_passes(data, capsys):
    (data / "indicators" / "extra.csv").write_text(
        'area,indicator,year,value,note\nteststadt,einwohner,2019,18000,"erste Zeile\nzweite Zeile"\n', encoding="utf-8"
    )
    code, err = check(capsys)
    assert code == 0, err
