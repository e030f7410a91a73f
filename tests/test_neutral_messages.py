"""No „Amt“ where there is none (issue 19, point 2): the record kind, the key hint and the import messages speak of
Gemeindeverbände in general; `atlas init` without `--area` leaves the area unknown instead of showing „1,00 km²“."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import build_site, page

from generator.cli import main
from generator.model.schema import KINDS

AMT = re.compile(r"\bAmt\b|\bÄmter\b|Amtsschlüssel|amtsangehörig", re.IGNORECASE)
GOETTINGEN = ["--district-key", "03159", "--district-name", "Landkreis Göttingen", "--land", "Niedersachsen"]


def test_record_kind_of_units_is_neutral() -> None:
    assert KINDS["municipalities"].label == "Sozialraum"


def test_key_hint_names_no_amt(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    unit = mini_data / "municipalities" / "teststadt.yaml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace('key: "99001001"', 'key: "99 001"'), encoding="utf-8")
    line = text.splitlines().index('key: "99001001"') + 1
    assert main(["check", "--data", str(mini_data)]) == 1
    message = next(m for m in capsys.readouterr().err.splitlines() if f"teststadt.yaml:{line}:" in m)
    assert "„99 001“ hat nicht die erwartete Form" in message
    assert "Schlüssel eines Gemeindeverbands 9-stellig" in message and "eigene Schlüssel" in message
    assert not AMT.search(message), message


def test_init_without_area_shows_no_area(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "data"
    assert main(["init", str(data), *GOETTINGEN]) == 0
    district = yaml.safe_load((data / "district.yaml").read_text(encoding="utf-8"))
    assert "area_km2" not in district  # unknown, not a made-up 1 km²
    capsys.readouterr()
    assert main(["check", "--data", str(data)]) == 0, capsys.readouterr().err
    site = build_site(data, tmp_path / "out")
    landkreis = " ".join(re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", page(site, "landkreis/"), flags=re.DOTALL).split())
    assert "Kreisschlüssel: 03159" in landkreis or "03159" in landkreis  # the facts list is there
    assert "Fläche:" not in landkreis and "1,00 km²" not in landkreis and "Bevölkerungsdichte" not in landkreis


def test_init_with_area_shows_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["init", str(data), *GOETTINGEN, "--area", "1117.3"]) == 0
    assert yaml.safe_load((data / "district.yaml").read_text(encoding="utf-8"))["area_km2"] == 1117.3
