"""Help for editors (issue 5, points 1–3): JSON Schemas agree with `atlas check`, `atlas new`, page „Datenmodell“."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.editing.jsonschema import PATTERNS, SCHEMA_DIR, models_in, schema_files
from generator.editing.scaffold import slug
from generator.model.schema import KINDS, AtlasConfig, District
from generator.check.validate import validate

from conftest import MINI, REPO, page
from yaml12 import load12


def _validators(data: Path) -> dict[str, jsonschema.Draft7Validator]:
    files, problems = schema_files(data)
    assert problems == []
    out = {}
    for name, text in files.items():
        schema = json.loads(text)
        jsonschema.Draft7Validator.check_schema(schema)
        out[name.removesuffix(".schema.json")] = jsonschema.Draft7Validator(schema)
    return out


# --------------------------------------------------------------------------------------------- 1. schemas


def test_every_example_record_of_the_repository_matches_its_schema():
    validators = _validators(REPO / "data")
    count = 0
    for kind, spec in KINDS.items():
        for path in sorted((REPO / "data" / spec.folder).glob("*.yaml")):
            errors = [e.message for e in validators[kind].iter_errors(load12(path.read_text(encoding="utf-8")))]
            assert errors == [], f"{path}: {errors}"
            count += 1
    for name in ("atlas", "district", "vocabularies"):
        assert list(validators[name].iter_errors(load12((REPO / "data" / f"{name}.yaml").read_text(encoding="utf-8")))) == []
    assert count > 200
    assert validate(REPO / "data")[1] == []


# (file in the mini atlas, change, words the message of `atlas check` must contain)
INVALID = [
    ("offers/krabbelgruppe.yaml", lambda d: d.pop("title"), "Pflichtfeld „title“"),
    ("offers/krabbelgruppe.yaml", lambda d: d.update(titel="x"), "Unbekanntes Feld „titel“"),
    ("offers/krabbelgruppe.yaml", lambda d: d.update(topics=["gibt-es-nicht"]), "gibt-es-nicht"),
    ("offers/krabbelgruppe.yaml", lambda d: d.update(ages={"min": "drei"}), "ages.min"),
    ("offers/krabbelgruppe.yaml", lambda d: d.update(status="offen"), "status"),
    ("offers/krabbelgruppe.yaml", lambda d: d.update(website="www.example.org"), "website"),
    ("offers/krabbelgruppe.yaml", lambda d: d.update(opening_hours=[{"days": ["mo"], "opens": "9 Uhr", "closes": "11:00"}]), "opens"),
    ("organisations/traeger-a.yaml", lambda d: d.update(email="info(at)example.org"), "E-Mail"),
    ("organisations/traeger-a.yaml", lambda d: d.update(phone="ruf an"), "Telefonnummer"),
    ("organisations/traeger-a.yaml", lambda d: d.update(type="verein-xyz"), "verein-xyz"),
    ("organisations/traeger-a.yaml", lambda d: d.update(links=[{"label": "x", "url": "javascript:alert(1)"}]), "links"),
    ("organisations/traeger-a.yaml", lambda d: d.update(id="Träger_A"), "id"),
    ("contacts/koordination-fh.yaml", lambda d: d.update(publish="vielleicht"), "publish"),
    ("contacts/koordination-fh.yaml", lambda d: d.update(topics=["fruehe-hilfe"]), "fruehe-hilfe"),
    ("family_centres/fz-teststadt.yaml", lambda d: d.update(location={"lat": "nord", "lon": 12.5}), "location.lat"),
    ("family_centres/fz-teststadt.yaml", lambda d: d["address"].update(postal_code="1234"), "postal_code"),
    ("family_centres/fz-teststadt.yaml", lambda d: d.pop("address"), "Pflichtfeld „address“"),
    ("municipalities/teststadt.yaml", lambda d: d.update(key="12-345"), "key"),
    ("networks/fruehe-hilfen-teststadt.yaml", lambda d: d.update(scope="land"), "scope"),
    ("indicators/einwohner.yaml", lambda d: d.update(decimals=9), "decimals"),
    ("regions/nord.yaml", lambda d: d.update(name=["a", "b"]), "name"),
    ("district.yaml", lambda d: d.update(key="1206"), "key"),
    ("atlas.yaml", lambda d: d.update(report_url="ftp://example.org/"), "report_url"),
]


@pytest.mark.parametrize("file,change,words", INVALID, ids=[f"{f}:{w}" for f, _, w in INVALID])
def test_schema_and_check_reject_the_same_mistakes(tmp_path: Path, file: str, change, words: str, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    validators = _validators(data)
    path = data / file
    record = load12(path.read_text(encoding="utf-8"))
    assert list(validators[_schema_name(file)].iter_errors(record)) == [], "the unchanged record must be valid"
    change(record)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    assert list(validators[_schema_name(file)].iter_errors(load12(text))), f"schema accepts {record}"
    assert main(["check", "--data", str(data)]) == 1
    assert words in capsys.readouterr().err


def _schema_name(file: str) -> str:
    folder = file.split("/")[0]
    return next((k for k, s in KINDS.items() if s.folder == folder), folder.removesuffix(".yaml"))


def test_the_schema_accepts_what_check_reads_as_text():
    """An unquoted key or phone number is a number for VS Code but text for `atlas check`: no false alarm."""
    validators = _validators(MINI)
    org = load12("id: traeger-a\nname: Verein\ntype: traeger\nphone: 033841123\npublish: yes\n")
    org.pop("publish")
    assert list(validators["organisations"].iter_errors(org)) == []
    ages = load12("min: '3'\nmax: 6\n")
    offer = load12((MINI / "offers/krabbelgruppe.yaml").read_text(encoding="utf-8")) | {"ages": ages, "free_of_charge": "yes"}
    assert list(validators["offers"].iter_errors(offer)) == []


def test_every_field_check_of_the_data_model_has_a_pattern_in_the_schema():
    models = {}
    for spec in KINDS.values():
        models.update(models_in(spec.model))
    models.update(models_in(AtlasConfig))
    models.update(models_in(District))
    checked = {(m.__name__, f) for m in models.values() for d in m.__pydantic_decorators__.field_validators.values() for f in d.info.fields}
    missing = [(m, f) for m, f in checked if (m, f) not in PATTERNS and ("*", f) not in PATTERNS]
    assert missing == []


def test_schemas_and_vscode_settings_of_the_repository_are_current(capsys):
    assert main(["schema", "--check", "--project", str(REPO)]) == 0, capsys.readouterr().out
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert settings["data/.schema/offers.schema.json"] == "data/offers/*.yaml"
    assert "redhat.vscode-yaml" in json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))["recommendations"]


def test_schema_command_writes_per_atlas_files_and_check_finds_stale_ones(tmp_path: Path, capsys):
    shutil.copytree(MINI, tmp_path / "data")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text('{"editor.tabSize": 2}', encoding="utf-8")
    assert main(["schema", "--project", str(tmp_path)]) == 0
    offers = json.loads((tmp_path / "data" / SCHEMA_DIR / "offers.schema.json").read_text(encoding="utf-8"))
    topics = offers["properties"]["topics"]["items"]["enum"]
    assert "fruehe-hilfen" in topics and "kinderschutz" not in topics  # the mini atlas's own vocabulary
    assert "Pflichtfeld" in offers["properties"]["title"]["markdownDescription"]
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2 and "data/.schema/contacts.schema.json" in settings["yaml.schemas"]
    assert main(["schema", "--check", "--project", str(tmp_path)]) == 0
    vocab = tmp_path / "data/vocabularies.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("fruehe-hilfen", "fruehe-hilfen-neu"), encoding="utf-8")
    assert main(["schema", "--check", "--project", str(tmp_path)]) == 1
    assert "offers.schema.json:1: Schema-Datei ist nicht aktuell" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------- 3. atlas new


@pytest.mark.parametrize("name,expected", [
    ("Familienzentrum Groß Kreutz (Havel)", "familienzentrum-gross-kreutz-havel"),
    ("Mütter- & Väter-Café  Öhna", "muetter-vaeter-cafe-oehna"),
    ("  Élan 2025!  ", "elan-2025"),
])
def test_slug(name: str, expected: str):
    assert slug(name) == expected


def test_new_record_form_check_fill_and_validate(mini_data: Path, capsys):
    assert main(["new", "angebot", "Eltern-Café Groß Teststadt", "--municipality", "teststadt", "--data", str(mini_data)]) == 0
    path = mini_data / "offers/eltern-cafe-gross-teststadt.yaml"
    out = capsys.readouterr().out
    assert "Neu angelegt: " in out and "eltern-cafe-gross-teststadt.yaml" in out and "atlas check" in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.schema/offers.schema.json\n")
    assert 'title: "Eltern-Café Groß Teststadt"' in text and 'municipality: "teststadt"' in text
    assert "# Pflicht – Themen:" in text and "fruehe-hilfen" in text  # allowed values of this atlas in the comment
    assert "# website:" in text  # optional fields commented out
    # the form is not yet a valid record: check names each empty required field with its line
    assert main(["check", "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    lines = text.splitlines()
    for field in ("description", "provider", "topics", "target_groups"):
        number = lines.index(f"{field}:") + 1
        assert f"offers/eltern-cafe-gross-teststadt.yaml:{number}: Feld „{field}“" in err
    filled = (text.replace("\ndescription:\n", "\ndescription: Treffen für Eltern.\n").replace("\nprovider:\n", "\nprovider: traeger-a\n")
              .replace("\ntopics:\n", "\ntopics: [fruehe-hilfen]\n").replace("\ntarget_groups:\n", "\ntarget_groups: [eltern]\n"))
    path.write_text(filled, encoding="utf-8")
    assert main(["check", "--data", str(mini_data)]) == 0
    assert list(_validators(mini_data)["offers"].iter_errors(load12(filled))) == []


@pytest.mark.parametrize("kind", ["region", "sozialraum", "organisation", "kontakt", "familienzentrum", "angebot", "netzwerk",
                                  "kennzahl", "ziel", "konferenz"])
def test_every_kind_has_a_form_whose_only_problems_are_its_empty_required_fields(mini_data: Path, kind: str, capsys):
    assert main(["new", kind, "Neuer Eintrag", "--data", str(mini_data)]) == 0
    written = capsys.readouterr().out.split("Neu angelegt: ")[1].split("\n")[0]
    assert written.endswith("/neuer-eintrag.yaml")
    main(["check", "--data", str(mini_data)])
    for line in capsys.readouterr().err.splitlines()[:-1]:
        if "neuer-eintrag.yaml" in line:
            assert "nichts (leer)" in line or "Pflichtfeld" in line, line


def test_new_contact_puts_the_text_into_the_role_not_the_persons_name(mini_data: Path, capsys):
    """`atlas new kontakt "Netzwerkkoordination …"`: the text is the role; the name of a person (only with consent) stays empty."""
    assert main(["new", "kontakt", "Netzwerkkoordination Frühe Hilfen", "--data", str(mini_data)]) == 0
    text = (mini_data / "contacts/netzwerkkoordination-fruehe-hilfen.yaml").read_text(encoding="utf-8")
    assert 'role: "Netzwerkkoordination Frühe Hilfen"' in text.splitlines()
    assert "# name:" in text.splitlines() and not any(line.startswith("name:") for line in text.splitlines())
    assert text.index("role:") < text.index("organisation:")  # the filled field first, then the required ones


def test_new_refuses_to_overwrite_or_reuse_an_id(mini_data: Path, capsys):
    path = mini_data / "offers/krabbelgruppe.yaml"
    before = path.read_text(encoding="utf-8")
    assert main(["new", "angebot", "Krabbelgruppe", "--data", str(mini_data)]) == 1
    assert "gibt es schon; es wurde nichts überschrieben" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before
    # an id kept by a renamed record (former_ids) or inside a differently named file is taken too
    (mini_data / "offers/seniorentreff.yaml").write_text(
        (mini_data / "offers/seniorentreff.yaml").read_text(encoding="utf-8") + "former_ids: [seniorencafe]\n", encoding="utf-8")
    assert main(["new", "offers", "Seniorencafé", "--data", str(mini_data)]) == 1
    assert "Die Kennung „seniorencafe“ ist schon vergeben in" in capsys.readouterr().err
    assert not (mini_data / "offers/seniorencafe.yaml").exists()
    assert main(["new", "bahnhof", "X", "--data", str(mini_data)]) == 1
    assert "Unbekannte Art „bahnhof“; möglich sind: Planungsregion" in capsys.readouterr().err
    assert main(["new", "angebot", "X", "--municipality", "atlantis", "--data", str(mini_data)]) == 1
    assert "Sozialraum „atlantis“ gibt es nicht" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------- 2. Datenmodell


def test_datenmodell_page_lists_every_kind_field_and_allowed_value(mini_site: Path):
    html = page(mini_site, "datenmodell/")
    for spec in KINDS.values():
        assert f"{spec.label} ({spec.folder})" in html
        for field in spec.model.model_fields:
            assert f"<code>{field}</code>" in html, (spec.folder, field)
    assert "Datum (JJJJ-MM-TT)" in html and "Kennung: Organisation" in html and "Liste: Wert aus dem Vokabular topics" in html
    assert "fruehe-hilfen (Frühe Hilfen)" in html  # vocabulary of this atlas with labels
    assert "Unterfelder OpeningHours" in html and "aktiv, voruebergehend-geschlossen, beendet" in html
    assert "Vorlage (wie <code>atlas new</code> sie schreibt)" in html and "\n# Pflicht – Titel: Kurzer" in html
    assert "Krabbelgruppe" in html  # an example value from a public record
    assert "Geheimrolle" not in html and "geheim-intern" not in html  # never from an unpublished contact
    assert 'href="../datenmodell/"' in page(mini_site, "ueber/")  # in the nav under „Über den Atlas“
