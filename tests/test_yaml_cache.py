"""generator/load/yaml_cache.py: a YAML text read again is not parsed again; the result is a copy, an edited file
or other limits are parsed anew, and the cache keeps at most its limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from generator.check.validate import validate
from generator.load import yaml_cache
from generator.load.files import load_yaml
from generator.load.yaml_cache import ParsedYaml, parsed

TEXT = "id: teltow\nname: Teltow\nmembers:\n  - Teltow\n  - Ruhlsdorf\nkey: '12069616'\n"


@pytest.fixture()
def empty() -> ParsedYaml:
    parsed.clear()
    yield parsed
    parsed.clear()


def test_the_same_text_is_parsed_once_and_each_reader_gets_its_own_copy(tmp_path: Path, empty: ParsedYaml) -> None:
    path = tmp_path / "teltow.yaml"
    path.write_text(TEXT, encoding="utf-8")
    first, problems = load_yaml(path, "data/units/teltow.yaml")
    assert problems == [] and empty.info().misses == 1 and empty.info().hits == 0
    first.data["members"].append("Hinzugefügt")
    first.data["name"] = "Geändert"

    second, problems = load_yaml(path, "data/units/teltow.yaml")
    assert empty.info().hits == 1 and problems == []
    assert second.data == {"id": "teltow", "name": "Teltow", "members": ["Teltow", "Ruhlsdorf"], "key": "12069616"}
    assert second.line(("members", 1)) == 5 and second.path == path and second.display == "data/units/teltow.yaml"
    assert second.data is not first.data and second.lines is not first.lines


def test_an_edited_file_is_parsed_again(tmp_path: Path, empty: ParsedYaml) -> None:
    path = tmp_path / "teltow.yaml"
    path.write_text(TEXT, encoding="utf-8")
    load_yaml(path, "teltow.yaml")
    path.write_text(TEXT.replace("name: Teltow", "name: Teltow (Stadt)"), encoding="utf-8")
    doc, _ = load_yaml(path, "teltow.yaml")
    assert doc.data["name"] == "Teltow (Stadt)" and empty.info().misses == 2


def test_problems_name_the_file_they_were_found_in(tmp_path: Path, empty: ParsedYaml) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("name: x\nname: y\n", encoding="utf-8")
    _, one = load_yaml(tmp_path / "a.yaml", "data/a.yaml")
    _, two = load_yaml(tmp_path / "b.yaml", "data/b.yaml")
    assert [str(p) for p in one] and all(str(p).startswith("data/a.yaml:2:") for p in one)
    assert [str(p) for p in two] == [str(p).replace("data/a.yaml", "data/b.yaml") for p in one]
    _, again = load_yaml(tmp_path / "a.yaml", "data/a.yaml")
    assert again == one and empty.info().hits == 1


def test_other_limits_parse_again(tmp_path: Path, empty: ParsedYaml, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tief.yaml"
    path.write_text("a:\n  b:\n    c:\n      d: 1\n", encoding="utf-8")
    assert load_yaml(path, "tief.yaml")[1] == []
    monkeypatch.setenv("ATLAS_MAX_YAML_DEPTH", "3")
    _, problems = load_yaml(path, "tief.yaml")
    assert len(problems) == 1 and "3" in problems[0].message
    monkeypatch.delenv("ATLAS_MAX_YAML_DEPTH")
    assert load_yaml(path, "tief.yaml")[1] == [] and empty.info().hits == 1


def test_the_cache_keeps_at_most_its_limit(tmp_path: Path) -> None:
    small = ParsedYaml(limit=2_000)
    for n in range(40):
        small.put(ParsedYaml.key(f"f{n}.yaml", TEXT + f"n: '{n}'\n", yaml_cache.Limits()), {"n": n}, {(): 1}, [])
    info = small.info()
    assert 0 < info.size <= 2_000 and 0 < info.kept < 40
    assert small.get(ParsedYaml.key("f39.yaml", TEXT + "n: '39'\n", yaml_cache.Limits())) == ({"n": 39}, {(): 1}, [])
    assert small.get(ParsedYaml.key("f0.yaml", TEXT + "n: '0'\n", yaml_cache.Limits())) is None  # the oldest went first


def test_validating_the_example_again_parses_no_file(empty: ParsedYaml) -> None:
    atlas, problems = validate(REPO / "data")
    assert atlas is not None and problems == []
    files = empty.info().misses
    assert files > 200 and empty.info().hits == 0
    again, problems = validate(REPO / "data")
    assert problems == [] and empty.info().misses == files and empty.info().hits == files
    for kind in ("municipalities", "organisations", "contacts", "family_centres", "offers", "networks", "lebenslagen", "events"):
        assert getattr(again, kind) == getattr(atlas, kind) and getattr(atlas, kind), kind
