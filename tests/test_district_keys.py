"""Official keys inside the district (issue 19, point 4): `atlas check` refuses a unit key or member AGS of
another district with `path:line: message` in German that names both keys, and accepts the mini data as is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.keys import key_problems
from generator.cli import main
from generator.load.files import load_yaml
from generator.model.schema import District


def replace(path: Path, old: str, new: str) -> int:
    """Replace text in a file; returns the line number where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def check(data: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["check", "--data", str(data)])
    return code, capsys.readouterr().err


@pytest.fixture
def in_tmp(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini data copy, with the working directory above it (messages show data/… paths)."""
    monkeypatch.chdir(mini_data.parent)
    return mini_data


def test_unchanged_mini_data_passes(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["check", "--data", "data"])
    assert code == 0
    assert "Keine Probleme gefunden." in capsys.readouterr().out


def test_unit_key_of_another_district_is_refused(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    line = replace(in_tmp / "municipalities" / "teststadt.yaml", 'key: "99001001"', 'key: "12069029"')
    district_line = replace(in_tmp / "district.yaml", 'key: "99001"', 'key: "99001"')
    code, err = check(Path("data"), capsys)
    assert code == 1
    assert (
        f"data/municipalities/teststadt.yaml:{line}: Feld „key“ (Amtlicher Schlüssel): Der Schlüssel „12069029“ liegt nicht "
        f"im Gebiet des Atlas – er beginnt mit „12069“, nicht mit dem Kreisschlüssel „99001“ (data/district.yaml:{district_line}); "
        "stammt der Eintrag aus einem anderen Kreis?"
    ) in err.splitlines()
    assert "Traceback" not in err
    assert err.rstrip().endswith("1 Problem gefunden. Die Website wurde nicht verändert.")


def test_member_key_of_another_district_is_refused_with_the_unit_key(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    """Both problems in one run: the Amt's own key and the second member's AGS (line of `ags`, 1-based index)."""
    amt = in_tmp / "municipalities" / "amt-testheide.yaml"
    key_line = replace(amt, 'key: "990015901"', 'key: "031595401"')
    ags_line = replace(amt, 'ags: "99001003"', 'ags: "03159003"')
    code, err = check(Path("data"), capsys)
    assert code == 1
    lines = err.splitlines()
    assert (
        f"data/municipalities/amt-testheide.yaml:{key_line}: Feld „key“ (Amtlicher Schlüssel): Der Schlüssel „031595401“ "
        "liegt nicht im Gebiet des Atlas – er beginnt mit „03159“, nicht mit dem Kreisschlüssel „99001“ (data/district.yaml:4); "
        "stammt der Eintrag aus einem anderen Kreis?"
    ) in lines
    assert (
        f"data/municipalities/amt-testheide.yaml:{ags_line}: Feld „members[2].ags“ (Gemeindeschlüssel (AGS)): Der Schlüssel "
        "„03159003“ liegt nicht im Gebiet des Atlas – er beginnt mit „03159“, nicht mit dem Kreisschlüssel „99001“ "
        "(data/district.yaml:4); stammt der Eintrag aus einem anderen Kreis?"
    ) in lines
    assert not any("99001002" in line for line in lines)  # the first member is inside the district


def test_record_broken_otherwise_is_checked_too(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    """A unit that fails the schema for another reason still gets the key message (all problems in one run)."""
    unit = in_tmp / "municipalities" / "teststadt.yaml"
    replace(unit, "area_km2: 100.5", "area_km2: groß")
    line = replace(unit, 'key: "99001001"', 'key: "12069029"')
    code, err = check(Path("data"), capsys)
    assert code == 1
    assert "Feld „area_km2“ (Fläche in km²): erwartet eine Zahl" in err
    assert f"data/municipalities/teststadt.yaml:{line}: Feld „key“ (Amtlicher Schlüssel): Der Schlüssel „12069029“" in err


def test_land_level_key_works_the_same_way(mini_data: Path) -> None:
    """A 2-digit key (an atlas of a whole Land) is a prefix like a district's 5 digits, named Landesschlüssel."""
    district = District.model_validate({**load_yaml(mini_data / "district.yaml", "district.yaml")[0].data}).model_copy(update={"key": "99"})
    docs = [("municipalities", load_yaml(p, f"municipalities/{p.name}")[0]) for p in sorted((mini_data / "municipalities").glob("*.yaml"))]
    assert key_problems(district, None, docs) == []
    district = district.model_copy(update={"key": "12"})
    problems = key_problems(district, None, docs)
    assert [(p.path, p.line) for p in problems] == [
        ("municipalities/amt-testheide.yaml", 4), ("municipalities/amt-testheide.yaml", 12),
        ("municipalities/amt-testheide.yaml", 16), ("municipalities/teststadt.yaml", 4),
    ]
    assert "er beginnt mit „99“, nicht mit dem Landesschlüssel „12“ (district.yaml)" in problems[-1].message
