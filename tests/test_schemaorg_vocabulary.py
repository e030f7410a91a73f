"""schema.org structured data checked against the vocabulary of a named release (issue 25, point 5).

The vocabulary is schema.org release 30.0 (`schemaorg-all-https.jsonld`, tests/fixtures/standards/schemaorg/,
see SOURCE.md there): every class and property with its place in the hierarchy, `domainIncludes`,
`rangeIncludes`, and whether it is part of the core or only of `pending`/`attic`.

What `problems(block)` checks, for every JSON-LD block on every page of a built site:

* `@context` is `https://schema.org`;
* every `@type` is a class of the vocabulary;
* every property is a property of the vocabulary, and its `domainIncludes` names the object's type or one of
  its superclasses (what the schema.org validator calls „not a known valid target type“);
* every value fits the property's `rangeIncludes`: a nested object by its `@type` (or a superclass of it);
  a literal loosely by its form: any string where the range has `Text`, otherwise an absolute address for
  `URL`, the address of an enumeration member for an enumeration (`https://schema.org/Monday` for
  `DayOfWeek`), an ISO date or time for `Date`/`DateTime`/`Time`, a number (or numeric string) for
  `Number`/`Integer`, true/false for `Boolean`;
* no class or property that is only in `pending` or `attic`, and none that is superseded.

Literal values are not checked further (a `Text` is any string; e-mail or phone syntax is not schema.org's).
"""

from __future__ import annotations

import copy
import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import build_site, shared_build
from test_opendata import copy_data

VOCABULARY = Path(__file__).parent / "fixtures" / "standards" / "schemaorg" / "schemaorg-all-https.jsonld.gz"
SCHEMA = "https://schema.org/"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?([+-]\d{2}:\d{2}|Z)?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER = re.compile(r"^-?\d+$")
ABSOLUTE = re.compile(r"^https?://[^\s/]+\S*$")
# Pending terms the atlas uses knowingly. `provider` (of a Service) has been in schema.org's core since the
# first releases; release 30.0 tags it `isPartOf pending.schema.org` only because two pending proposals
# (issues 2289, 2927) added domains to it. The development version after 30.0 lists it without the tag
# (schemaorg commit b3a81380, „promote pending terms to GA“). Every other pending term is reported.
ACCEPTED_PENDING = frozenset({"provider"})


@dataclass
class Vocabulary:
    """The parts of a schema.org release that the checks need (ids without the `schema:` prefix)."""

    parents: dict[str, set[str]] = field(default_factory=dict)  # class → direct superclasses
    domains: dict[str, set[str]] = field(default_factory=dict)  # property → domainIncludes
    ranges: dict[str, set[str]] = field(default_factory=dict)  # property → rangeIncludes
    members: dict[str, set[str]] = field(default_factory=dict)  # enumeration member → its types
    section: dict[str, str] = field(default_factory=dict)  # term → "pending" / "attic" (core terms are absent)
    superseded: set[str] = field(default_factory=set)
    datatypes: set[str] = field(default_factory=set)  # Text, Number, Date, … (URL and Integer through their parents)

    def is_datatype(self, cls: str) -> bool:
        return bool(self.ancestors(cls) & self.datatypes)

    def ancestors(self, cls: str) -> set[str]:
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.parents.get(c, ()))
        return seen


def _ids(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return {i["@id"].removeprefix("schema:") for i in items if isinstance(i, dict) and i.get("@id", "").startswith("schema:")}


@cache
def vocabulary() -> Vocabulary:
    graph = json.loads(gzip.decompress(VOCABULARY.read_bytes()))["@graph"]
    voc = Vocabulary()
    for node in graph:
        term = node["@id"].removeprefix("schema:")
        kinds = set(node["@type"] if isinstance(node["@type"], list) else [node["@type"]])
        if "rdfs:Class" in kinds:
            voc.parents[term] = _ids(node.get("rdfs:subClassOf"))
            if "schema:DataType" in kinds:
                voc.datatypes.add(term)
        elif "rdf:Property" in kinds:
            voc.domains[term] = _ids(node.get("schema:domainIncludes"))
            voc.ranges[term] = _ids(node.get("schema:rangeIncludes"))
        else:  # an enumeration member, e.g. schema:Monday of type schema:DayOfWeek
            voc.members[term] = {k.removeprefix("schema:") for k in kinds}
        part = node.get("schema:isPartOf", {}).get("@id", "")
        if "pending" in part or "attic" in part:
            voc.section[term] = "pending" if "pending" in part else "attic"
        if node.get("schema:supersededBy"):
            voc.superseded.add(term)
    return voc


def _literal_fits(voc: Vocabulary, value: Any, ranges: set[str]) -> bool:
    """A literal against the range, loosely by its form (see the module docstring)."""
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, (int, float)):
        return bool(ranges & {"Number", "Integer", "Float"})
    if not isinstance(value, str):
        return False
    if "Text" in ranges:
        return True
    member = value.removeprefix(SCHEMA)
    if value.startswith(SCHEMA) and member in voc.members:
        return any(voc.ancestors(t) & ranges for t in voc.members[member])
    if ABSOLUTE.match(value) and ("URL" in ranges or any(not voc.is_datatype(r) for r in ranges)):
        return True  # a URL, or the address of an entity where an entity is expected
    checks = {"Date": DATE, "DateTime": DATETIME, "Time": TIME, "Number": NUMBER, "Integer": INTEGER}
    return any(pattern.match(value) for name, pattern in checks.items() if name in ranges)


def problems(block: Any, where: str = "", accepted_pending: frozenset[str] = ACCEPTED_PENDING) -> list[str]:
    """Every mismatch of one JSON-LD block against the vocabulary, as `where: message` lines; a pending term
    is one unless it is in `accepted_pending`."""
    voc = vocabulary()
    found: list[str] = []
    if isinstance(block, dict) and block.get("@context") != "https://schema.org":
        found.append(f"{where}: @context {block.get('@context')!r} is not https://schema.org")

    def term_state(term: str, at: str) -> None:
        if term in voc.section and (voc.section[term] == "attic" or term not in accepted_pending):
            found.append(f"{at}: {term} is only in schema.org's {voc.section[term]} section")
        if term in voc.superseded:
            found.append(f"{at}: {term} is superseded")

    def walk(node: dict[str, Any], at: str) -> None:
        kind = node.get("@type")
        if not isinstance(kind, str) or kind not in voc.parents:
            found.append(f"{at}: unknown type {kind!r}")
            return
        term_state(kind, at)
        lineage = voc.ancestors(kind)
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            here = f"{at}/{prop}"
            if prop not in voc.domains:
                found.append(f"{here}: unknown property {prop}")
                continue
            term_state(prop, here)
            if not voc.domains[prop] & lineage:
                found.append(f"{here}: {prop} is not a property of {kind} (domain: {', '.join(sorted(voc.domains[prop]))})")
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                spot = f"{here}[{i}]" if isinstance(value, list) else here
                if isinstance(item, dict):
                    walk(item, spot)
                    inner = item.get("@type")
                    if isinstance(inner, str) and inner in voc.parents and not voc.ancestors(inner) & voc.ranges[prop]:
                        found.append(f"{spot}: {inner} is not in the range of {prop} ({', '.join(sorted(voc.ranges[prop]))})")
                elif not _literal_fits(voc, item, voc.ranges[prop]):
                    found.append(f"{spot}: {item!r} does not fit the range of {prop} ({', '.join(sorted(voc.ranges[prop]))})")

    if isinstance(block, dict):
        walk(block, where)
    else:
        found.append(f"{where}: a JSON-LD block must be one object")
    return found


def blocks(site: Path) -> dict[str, list[Any]]:
    """Every JSON-LD block of every HTML file of a built site, by file (relative path)."""
    found: dict[str, list[Any]] = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "application/ld+json" not in text:
            continue
        scripts = SCRIPT.findall(text)
        assert len(scripts) == text.count("application/ld+json"), f"{path}: a JSON-LD script in another form"
        found[str(path.relative_to(site))] = [json.loads(s) for s in scripts]
    return found


def all_problems(site: Path) -> list[str]:
    return [p for name, items in blocks(site).items() for i, block in enumerate(items) for p in problems(block, f"{name}#{i}")]


@pytest.fixture(scope="module")
def opendata_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared „opendata“ build of tests/test_opendata.py (same name and maker: built once per run)."""
    return shared_build(tmp_path_factory, "opendata", lambda root: build_site(copy_data(root / "data"), root))


# --------------------------------------------------------------------------------------------- tests


def test_vocabulary_is_the_named_release_with_its_sections() -> None:
    voc = vocabulary()
    assert {"LocalBusiness", "Service", "GovernmentOrganization", "ContactPoint", "ServiceChannel"} <= set(voc.parents)
    assert voc.domains["availableLanguage"] >= {"ContactPoint", "ServiceChannel"}
    assert "Service" not in voc.domains["availableLanguage"]
    assert voc.members["Monday"] == {"DayOfWeek"}
    assert "pending" in voc.section.values() and "attic" in voc.section.values()
    assert {t: voc.section.get(t) for t in ACCEPTED_PENDING} == {"provider": "pending"}  # drop it when a release fixes the tag


@pytest.mark.parametrize("which", ["example", "opendata"])
def test_every_json_ld_block_fits_the_schema_org_vocabulary(which: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue("example_site" if which == "example" else "opendata_site")
    found = blocks(site)
    kinds = {b["@type"] for items in found.values() for b in items}
    assert {"LocalBusiness", "Service", "Organization"} <= kinds, kinds
    if which == "example":  # organisation_types with `government: true` in data/vocabularies.yaml
        assert "GovernmentOrganization" in kinds
    assert all_problems(site) == []


def test_languages_are_given_where_schema_org_allows_them(example_site: Path) -> None:
    found = [b for items in blocks(example_site).values() for b in items]
    assert not any("availableLanguage" in b for b in found)
    offers = [b for b in found if b["@type"] == "Service" and "availableLanguage" in b.get("availableChannel", {})]
    centres = [b for b in found if b["@type"] == "LocalBusiness" and any("availableLanguage" in cp for cp in _list(b.get("contactPoint")))]
    assert offers and centres
    assert all(isinstance(x, str) and x for b in offers for x in b["availableChannel"]["availableLanguage"])


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def test_the_checker_reports_every_kind_of_mismatch(example_site: Path) -> None:
    """Broken copies of real blocks: each change is reported, so the test above can fail."""
    real = {b["@type"]: b for items in blocks(example_site).values() for b in items}
    service, centre = real["Service"], real["LocalBusiness"]
    cases = {
        "is not a property of Service": lambda b: b.update(availableLanguage=["Deutsch"]),
        "unknown property": lambda b: b.update(openingTimes="Mo"),
        "unknown type 'Servise'": lambda b: b.update({"@type": "Servise"}),
        "is not in the range of provider": lambda b: b.update(provider={"@type": "PostalAddress", "streetAddress": "X"}),
        "does not fit the range of dayOfWeek": lambda b: b.update(hoursAvailable=[{"@type": "OpeningHoursSpecification", "dayOfWeek": "Montag"}]),
        "termsOfService is only in schema.org's pending section": lambda b: b.update(termsOfService="https://example.org/agb"),
        "hasProductReturnPolicy is only in schema.org's attic section": lambda b: b["provider"].update(hasProductReturnPolicy={"@type": "ProductReturnPolicy"}),
        "@context": lambda b: b.update({"@context": "http://example.org"}),
    }
    for message, change in cases.items():
        broken = copy.deepcopy(service)
        change(broken)
        assert any(message in p for p in problems(broken, "x")), (message, problems(broken, "x"))
    assert problems(copy.deepcopy(service)) == [] and problems(copy.deepcopy(centre)) == []
    assert "x/provider: provider is only in schema.org's pending section" in problems(service, "x", accepted_pending=frozenset())
    broken = copy.deepcopy(centre)
    broken["availableLanguage"] = ["Deutsch"]
    assert problems(broken, "fz") == [("fz/availableLanguage: availableLanguage is not a property of LocalBusiness "
                                       "(domain: ContactPoint, Course, LodgingBusiness, ServiceChannel, TouristAttraction)")]


def test_government_organisations_are_marked_in_the_vocabulary_not_in_code(mini_data: Path) -> None:
    """`government: true` on an organisation_types entry makes GovernmentOrganization; nothing else does."""
    from generator.check.validate import validate
    from generator.exports import jsonld

    atlas, _ = validate(mini_data)
    assert jsonld.org_type(atlas, atlas.organisations["kreis"]) == "GovernmentOrganization"  # verwaltung: government: true
    assert jsonld.org_type(atlas, atlas.organisations["traeger-a"]) == "Organization"
    vocabularies = mini_data / "vocabularies.yaml"
    text = vocabularies.read_text(encoding="utf-8")
    text = text.replace("{id: verwaltung, label: Verwaltung, government: true}", "{id: verwaltung, label: Verwaltung}")
    vocabularies.write_text(text.replace("{id: traeger, label: Freier Träger}", "{id: traeger, label: Freier Träger, government: true}"), encoding="utf-8")
    atlas, problems_found = validate(mini_data)
    assert not problems_found
    assert jsonld.org_type(atlas, atlas.organisations["kreis"]) == "Organization"
    assert jsonld.org_type(atlas, atlas.organisations["traeger-a"]) == "GovernmentOrganization"
    assert problems(jsonld.describe(atlas, "organisationen/traeger-a.md", atlas.organisations["traeger-a"])) == []
