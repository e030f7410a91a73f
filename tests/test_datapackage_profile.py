"""daten/datapackage.json against the official Frictionless Data Package profiles (issue 25, point 4).

The profiles are the JSON Schemas of Data Package v1 as published by the specification
(`data-package.json` and `tabular-data-package.json`, tests/fixtures/standards/datapackage/, see SOURCE.md),
checked with JSON Schema draft 4 including the `uri` format (package rfc3986-validator). `frictionless validate`
(tests/test_opendata.py) checks the CSV files against the descriptor; this checks the descriptor itself.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from conftest import build_site, shared_build
from frictionless import validate as frictionless_validate
from test_opendata import copy_data

PROFILES = Path(__file__).parent / "fixtures" / "standards" / "datapackage"


@cache
def profile(name: str) -> jsonschema.Draft4Validator:
    schema = json.loads((PROFILES / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def profile_errors(descriptor: dict) -> list[str]:
    """Every error of the descriptor against both profiles, as `profile: path: message`."""
    errors = []
    for name in ("data-package", "tabular-data-package"):
        for error in sorted(profile(name).iter_errors(descriptor), key=lambda e: list(map(str, e.absolute_path))):
            errors.append(f"{name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return errors


def descriptor(site: Path) -> dict:
    return json.loads((site / "daten" / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def opendata_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared „opendata“ build of tests/test_opendata.py (same name and maker: built once per run)."""
    return shared_build(tmp_path_factory, "opendata", lambda root: build_site(copy_data(root / "data"), root))


def test_the_format_checker_knows_uris() -> None:
    """Without a `uri` checker (rfc3986-validator) draft 4 would accept any string as homepage."""
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    assert "uri" in checker.checkers and not checker.conforms("daten/", "uri") and checker.conforms("https://a.example/daten/", "uri")


def test_opendata_package_is_valid_against_the_official_profiles(opendata_site: Path) -> None:
    package = descriptor(opendata_site)
    assert profile_errors(package) == []
    assert package["homepage"] == "https://atlas.example.org/daten/"  # site_url of the fixture
    assert package["licenses"] == [{"title": "Datenlizenz Deutschland – Namensnennung – Version 2.0", "path": "https://www.govdata.de/dl-de/by-2-0"}]
    # `frictionless validate` of this build: tests/test_opendata.py::test_csv_files_validate_against_the_data_package


def test_example_package_is_valid_against_the_official_profiles(example_site: Path) -> None:
    package = descriptor(example_site)
    assert profile_errors(package) == []
    assert "homepage" not in package  # the example has no site_url: no relative homepage
    assert len(package["resources"]) >= 5 and all(r["profile"] == "tabular-data-resource" for r in package["resources"])
    report = frictionless_validate(str(example_site / "daten" / "datapackage.json"))
    assert report.valid, report.flatten(["title", "fieldName", "note"])[:5]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: p["licenses"][0].update(name="dl-de/by-2-0"), "licenses/0/name: 'dl-de/by-2-0' does not match"),
        (lambda p: p.update(homepage="daten/"), "homepage: 'daten/' is not a 'uri'"),
        (lambda p: p["licenses"][0].pop("path"), "licenses/0: "),
        (lambda p: p["resources"][0].pop("schema"), "tabular-data-package: resources/0: "),  # a tabular resource needs its schema
        (lambda p: p["resources"][0]["schema"]["fields"][0].update(type="zahl"), "resources/0/schema/fields/0"),
        (lambda p: p.update(name="Sozialraumatlas Test"), "name: 'Sozialraumatlas Test' does not match"),
    ],
)
def test_a_broken_copy_fails_the_profiles(opendata_site: Path, change, expected: str) -> None:
    broken = copy.deepcopy(descriptor(opendata_site))
    change(broken)
    errors = profile_errors(broken)
    assert any(expected in e for e in errors), errors
