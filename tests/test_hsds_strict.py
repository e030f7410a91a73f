"""daten/hsds.json against the official Open Referral HSDS 3.0 JSON Schemas in strict mode.

The schemas are tests/fixtures/standards/hsds/ (tag v3.0 of openreferral/specification, see SOURCE.md).
"Strict mode" is what the specification's own CI does with its examples (validate_examples_json_schema.sh):
`compiletojsonschema --set-additional-properties-false-everywhere` on the schema, then validation with
format checks. Here the same library call (CompileToJsonSchema) and jsonschema with its FormatChecker.

hsds.json is the flat (tabular) form: one array per table. Two checks:

* every object of every array against its table schema (schema/<table>.json, $refs resolved, strict);
* the nested `organization`, `service` and `service_at_location` objects that the HSDS API returns
  (/organizations/{id}, /services/{id}, /service_at_locations/{id}), validated against the compiled
  schemas (schema/compiled/*.json, strict). They are built from the flat arrays the way the API profile
  nests them: the compiled schema names the nested properties, a child array holds the flat objects whose
  `<parent>_id` (attributes: `link_id`) is the parent's id, a single child object is the one named by the
  parent's `<child>_id`. The schema's tree is finite, so the nesting ends where the schema's does.

Both builds are checked: the shared "opendata" build of tests/test_opendata.py and the example atlas.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from compiletojsonschema.compiletojsonschema import CompileToJsonSchema

from conftest import build_site, shared_build
from generator.exports.hsds import schedule_note
from test_opendata import copy_data

SCHEMAS = Path(__file__).parent / "fixtures" / "standards" / "hsds" / "schema"
# hsds.json array → HSDS table (schema/<table>.json)
TABLES = {"organizations": "organization", "services": "service", "locations": "location",
          "service_at_locations": "service_at_location", "addresses": "address", "contacts": "contact", "phones": "phone",
          "schedules": "schedule", "languages": "language", "accessibility": "accessibility", "attributes": "attribute",
          "taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term"}
# nested property → (hsds.json array, singular entity name used in the `<entity>_id` link fields)
NESTED = {"organization": "organizations", "service": "services", "location": "locations", "taxonomy_term": "taxonomy_terms",
          "taxonomy_detail": "taxonomies"}
COMPILED = ("organization", "service", "service_at_location")


@cache
def strict_schema(name: str) -> dict[str, Any]:
    """schema/<name>.json or schema/compiled/<name>.json(.gz), $refs resolved, additionalProperties false everywhere."""
    path = SCHEMAS / f"{name}.json"
    if path.is_file():
        return CompileToJsonSchema(input_filename=str(path), set_additional_properties_false_everywhere=True).get()
    schema = json.loads(gzip.decompress((SCHEMAS / f"{name}.json.gz").read_bytes()))
    return CompileToJsonSchema(input_schema=schema, set_additional_properties_false_everywhere=True).get()


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = strict_schema(name)
    return jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())


Links = dict[tuple[str, str, Any], list[dict[str, Any]]]


def link_index(doc: dict[str, Any]) -> Links:
    """(array, field, value) → the flat objects of `array` whose `field` (id, *_id) has `value`."""
    links: Links = {}
    for array in TABLES:
        for obj in doc.get(array, []):
            for field, value in obj.items():
                if field == "id" or field.endswith("_id"):
                    links.setdefault((array, field, value), []).append(obj)
    return links


def nest(links: Links, obj: dict[str, Any], entity: str, schema: dict[str, Any]) -> dict[str, Any]:
    """`obj` (flat, of table `entity`) with the nested objects that `schema` (compiled, for `entity`) names."""
    out = dict(obj)
    for prop, sub in schema.get("properties", {}).items():
        if sub.get("type") == "array" and isinstance(sub.get("items"), dict) and "properties" in sub["items"]:
            if prop == "attributes":
                children, table = links.get(("attributes", "link_id", obj["id"]), []), "attribute"
            elif prop in TABLES:
                children, table = links.get((prop, f"{entity}_id", obj["id"]), []), TABLES[prop]
            else:
                continue  # a table the export does not write (funding, programs …)
            if children:
                out[prop] = [nest(links, c, table, sub["items"]) for c in children]
        elif prop in NESTED and "properties" in sub:
            array = NESTED[prop]
            key = "taxonomy_id" if prop == "taxonomy_detail" else f"{prop}_id"
            found = links.get((array, "id", obj.get(key)), [])
            if found:
                out[prop] = nest(links, found[0], TABLES[array], sub)
    return out


def strict_errors(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Strict-mode errors per array (flat objects) and per nested API object, as `id: message`."""
    errors: dict[str, list[str]] = {}
    for array, table in TABLES.items():
        v = validator(table)
        errors[array] = [f"{o.get('id')}: {e.message}" for o in doc.get(array, []) for e in v.iter_errors(o)]
    links = link_index(doc)
    for entity in COMPILED:
        v = validator(f"compiled/{entity}")
        array = next(a for a, t in TABLES.items() if t == entity)
        nested = [nest(links, o, entity, strict_schema(f"compiled/{entity}")) for o in doc.get(array, [])]
        errors[f"nested {entity}"] = [f"{o['id']}: {e.message}" for o in nested for e in v.iter_errors(o)]
    return errors


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same shared build as tests/test_opendata.py's `site` (built once per run)."""
    return shared_build(tmp_path_factory, "opendata", lambda root: build_site(copy_data(root / "data"), root))


@pytest.fixture(params=["opendata", "example"])
def hsds(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    """(which build, its hsds.json) for the shared "opendata" build and the example atlas."""
    site_dir = request.getfixturevalue("site" if request.param == "opendata" else "example_site")
    return request.param, load(site_dir / "daten" / "hsds.json")


def test_hsds_is_valid_in_strict_mode(hsds: tuple[str, dict[str, Any]]):
    which, doc = hsds
    assert all(doc[a] for a in ("organizations", "services", "locations", "schedules", "attributes")), "the check has data"
    errors = strict_errors(doc)
    assert {k: v[:5] for k, v in errors.items() if v} == {}
    nested = [nest(link_index(doc), o, "organization", strict_schema("compiled/organization")) for o in doc["organizations"]]
    assert any(s.get("schedules") for o in nested for s in o.get("services", [])), "nesting reaches the schedules"
    assert any(a.get("taxonomy_term", {}).get("taxonomy_detail") for o in nested for a in o["attributes"]), "… and the taxonomy"
    if which == "example":  # invented data: the marking stays visible as an attribute of every service
        example = next(t["id"] for t in doc["taxonomy_terms"] if t["code"] == "example")
        marked = {a["link_id"] for a in doc["attributes"] if a["taxonomy_term_id"] == example and a["value"] == "true"}
        assert {s["id"] for s in doc["services"]} <= marked


def test_hsds_times_carry_the_offset_of_the_data_date(hsds: tuple[str, dict[str, Any]]):
    doc = hsds[1]
    suffix, hours, text = schedule_note(dt.date.fromisoformat(doc["data_date"]))
    timed = [s for s in doc["schedules"] if "opens_at" in s or "closes_at" in s]
    assert timed and suffix in ("+01:00", "+02:00")
    for s in timed:
        assert re.fullmatch(r"[0-2][0-9]:[0-5][0-9]" + re.escape(suffix), s["opens_at"]), s
        assert re.fullmatch(r"[0-2][0-9]:[0-5][0-9]" + re.escape(suffix), s["closes_at"]), s
        assert (s["timezone"], s["description"]) == (hours, text)


def test_strict_validation_reports_a_broken_copy(site: Path):
    doc = load(site / "daten" / "hsds.json")
    broken = copy.deepcopy(doc)
    broken["services"][0]["atlas_id"] = "krabbelgruppe"  # an extension field outside attributes
    del broken["organizations"][0]["name"]  # a required field
    broken["schedules"][0]["freq"] = "DAILY"  # outside the enum
    errors = strict_errors(broken)
    assert any("'atlas_id' was unexpected" in e for e in errors["services"])
    assert any("'name' is a required property" in e for e in errors["organizations"])
    assert any("'DAILY' is not one of" in e for e in errors["schedules"])
    assert any("'atlas_id' was unexpected" in e for e in errors["nested service"])
    assert any("'atlas_id' was unexpected" in e for e in errors["nested organization"]), "nested services are checked"
    assert not any(errors[a] for a in ("locations", "addresses", "phones")), "only what was broken"


def test_schedule_offset_follows_the_data_date_not_the_build_date():
    winter, summer = schedule_note(dt.date(2026, 1, 15)), schedule_note(dt.date(2026, 7, 15))
    assert winter[:2] == ("+01:00", 1) and summer[:2] == ("+02:00", 2)
    assert "Datenstand 15.01.2026; in der Sommerzeit gilt +02:00" in winter[2]
    assert "Datenstand 15.07.2026; in der Winterzeit gilt +01:00" in summer[2]
    assert schedule_note(dt.date(2026, 7, 15), "Asia/Kolkata")[:2] == ("+05:30", 5.5)
