"""`atlas init DIR`: a new data folder for any German district or Land that passes `atlas check` and builds (issue 19)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import build_site, page

from generator.cli import main
from generator.editing.init import run_init

GOETTINGEN = ["--district-key", "03159", "--district-name", "Landkreis Göttingen", "--land", "Niedersachsen"]
# Every page, the data-model page with the schema's examples included, must come from the data or be neutral.
SCHEMA_PAGES: set[str] = set()


def init(target: Path, *options: str) -> int:
    return main(["init", str(target), *options])


def site_text(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] not in SCHEMA_PAGES}


@pytest.mark.parametrize("key, name", [("03159", "Landkreis Göttingen"), ("03", "Land Niedersachsen")])
def test_init_writes_a_folder_that_checks_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture, key: str, name: str) -> None:
    data = tmp_path / "data"
    assert init(data, "--district-key", key, "--district-name", name, "--land", "niedersachsen") == 0
    assert "Datenordner angelegt" in capsys.readouterr().out
    district = yaml.safe_load((data / "district.yaml").read_text(encoding="utf-8"))
    assert (district["key"], district["name"]) == (key, name)
    atlas = yaml.safe_load((data / "atlas.yaml").read_text(encoding="utf-8"))
    assert atlas["title"] == f"Sozialraumatlas {name.split(' ', 1)[1]}"
    assert "tiles" not in atlas["map"] and atlas["legal"]["example"] is True
    for folder in ("offers", "family_centres", "networks", "contacts", "municipalities", "organisations", "indicators"):
        assert (data / folder).is_dir() and [p.name for p in (data / folder).iterdir()] == [".gitkeep"]
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert "atlas new sozialraum" in readme and "atlas check" in readme and "Niedersachsen" in readme

    written = "".join(p.read_text(encoding="utf-8") for p in data.rglob("*") if p.is_file())
    assert not re.search("Brandenburg|Potsdam|Mittelmark|Teltow|Belzig", written)

    assert main(["check", "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert "Keine Probleme gefunden." in out
    notes = [line for line in err.splitlines() if line.startswith("Hinweis: ")]
    assert any(re.match(r"Hinweis: .*atlas\.yaml:\d+: Platzhalter „bitte ausfüllen“ bei „represented_by“", n) for n in notes)
    assert any("district.yaml" in n and "„seat“" in n for n in notes)

    site = build_site(data, tmp_path / "out")
    texts = site_text(site)
    assert "impressum/index.html" in texts and "landkreis/index.html" in texts
    for path, text in texts.items():
        assert not re.search("Brandenburg|Potsdam-Mittelmark", text), path
    impressum = page(site, "impressum/")
    assert "Mustertext" in impressum
    assert impressum.count("bitte ausfüllen") >= 3 and "bitte-ausfuellen@example.org" in impressum
    assert "bitte ausfüllen" in page(site, "barrierefreiheit/")
    assert name in page(site, "landkreis/")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "notiz.txt").write_text("x", encoding="utf-8")
    assert init(tmp_path, *GOETTINGEN) == 1
    err = capsys.readouterr().err
    assert "ist nicht leer" in err and "Es wurde nichts geschrieben." in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notiz.txt"]


def test_init_writes_into_an_empty_folder(tmp_path: Path) -> None:
    assert init(tmp_path, *GOETTINGEN) == 0
    assert (tmp_path / "district.yaml").is_file()


@pytest.mark.parametrize("options, message", [
    (["--district-key", "3159", "--district-name", "X", "--land", "Niedersachsen"], "Schlüssel „3159“ ist ungültig"),
    (["--district-key", "17001", "--district-name", "X", "--land", "Niedersachsen"], "kein Landesschlüssel"),
    (["--district-key", "03159", "--district-name", "X", "--land", "Preußen"], "Land „Preußen“ ist unbekannt; möglich sind: Baden-Württemberg"),
    (["--district-key", "12069", "--district-name", "X", "--land", "Niedersachsen"], "gehört zu Brandenburg (Landesschlüssel 12), nicht zu Niedersachsen"),
    (["--district-key", "03159", "--land", "Niedersachsen"], "--district-name fehlt"),
])
def test_bad_or_missing_options_fail_in_german(tmp_path: Path, capsys: pytest.CaptureFixture, options: list[str], message: str) -> None:
    target = tmp_path / "neu"
    assert init(target, *options) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not target.exists()


def test_missing_options_are_asked_in_a_terminal(tmp_path: Path) -> None:
    answers = iter(["03159", "Landkreis Göttingen"])
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    assert run_init(tmp_path / "neu", None, None, "Niedersachsen", ask=ask, interactive=True) == 0
    assert len(questions) == 2 and questions[0].startswith("Kreisschlüssel")
    assert yaml.safe_load((tmp_path / "neu" / "district.yaml").read_text(encoding="utf-8"))["key"] == "03159"


def test_seat_and_area_replace_their_placeholders(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "data"
    assert init(data, *GOETTINGEN, "--seat", "Göttingen", "--area", "1117.3") == 0
    district = yaml.safe_load((data / "district.yaml").read_text(encoding="utf-8"))
    assert (district["seat"], district["area_km2"]) == ("Göttingen", 1117.3)
    capsys.readouterr()
    assert main(["check", "--data", str(data)]) == 0
    err = capsys.readouterr().err
    assert "atlas.yaml" in err and "district.yaml" not in err
    assert init(tmp_path / "neu", *GOETTINGEN, "--area", "0") == 1
    assert "--area muss größer als 0 sein" in capsys.readouterr().err
