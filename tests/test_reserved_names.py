"""Ids and former ids that collide with a page or folder the generator writes itself (issue 23, point 3).

generator/model/pagenames.py is the one list: `atlas check` rejects its names (check/reserved.py), docs/editors.md
shows exactly these names, and every path the renderer writes into a record folder is a record's own page or
one of these names (so the list cannot fall behind the page modules).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.model.pagenames import ID_FOLDERS, PAGE_FOLDERS, RESERVED, id_folders
from generator.model.schema import KINDS

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working directory
    return tmp_path / "data"


def check(capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["check", "--data", "data"])
    return code, capsys.readouterr().err


def copy_as(data: Path, kind: str, source: str, new_id: str) -> Path:
    """A copy of `source` in the folder of `kind` whose id and file name are `new_id`."""
    folder = data / KINDS[kind].folder
    text = (folder / f"{source}.yaml").read_text(encoding="utf-8")
    assert f"id: {source}\n" in text
    target = folder / f"{new_id}.yaml"
    target.write_text(text.replace(f"id: {source}\n", f"id: {new_id}\n", 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("kind", "source", "name", "what"),
    [
        ("offers", "krabbelgruppe", "alter", "Angebote nach Alter"),
        ("offers", "krabbelgruppe", "naehe", "In meiner Nähe"),
        ("offers", "krabbelgruppe", "index", "Angebote nach Thema"),
        ("contacts", "koordination-fh", "vcard", "Ordner der Visitenkarten (vCard)"),
        ("organisations", "traeger-a", "wer-mit-wem", "Wer mit wem?"),
        ("municipalities", "teststadt", "index", "Übersichtsseite des Ordners"),
    ],
)
def test_reserved_id_is_rejected_with_the_page_it_would_overwrite(data, capsys, kind, source, name, what):
    copy_as(data, kind, source, name)
    code, err = check(capsys)
    assert code == 1
    folder = PAGE_FOLDERS[kind]
    lines = [line for line in err.splitlines() if "reservierter Name" in line]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"data/{KINDS[kind].folder}/{name}.yaml:1: Kennung (id): „{name}“ ist ein reservierter Name"), lines[0]
    assert f"„{what}“" in lines[0] and f"reserviert in {folder}/:" in lines[0] and "docs/editors.md" in lines[0]
    assert "Traceback" not in err


def test_reserved_former_id_is_rejected_at_its_line(data, capsys):
    offer = data / "offers" / "krabbelgruppe.yaml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(text + "former_ids:\n  - alte-krabbelgruppe\n  - orte\n", encoding="utf-8")
    line = text.count("\n") + 3
    code, err = check(capsys)
    assert code == 1
    assert f"data/offers/krabbelgruppe.yaml:{line}: Frühere Kennung (former_ids): „orte“ ist ein reservierter Name" in err, err
    assert "alte-krabbelgruppe" not in err


def test_ordinary_ids_and_names_reserved_elsewhere_pass(data, capsys):
    """`alter` is reserved among offers only; a network may be called so (netzwerke/alter.md is free)."""
    copy_as(data, "networks", "fruehe-hilfen-teststadt", "alter")
    copy_as(data, "offers", "krabbelgruppe", "krabbelgruppe-zwei")
    _, err = check(capsys)
    assert "reservierter Name" not in err, err


def test_atlas_new_refuses_a_reserved_id(data, capsys):
    code = main(["new", "angebot", "Finder", "--data", "data"])
    err = capsys.readouterr().err
    assert code == 1
    assert "„finder“ ist ein reservierter Name (unter angebote/ steht „Angebotsfinder“)" in err, err
    assert not (data / "offers" / "finder.yaml").exists()


# ------------------------------------------------------------------ the list in docs/editors.md


def documented() -> dict[str, set[str]]:
    text = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text.split("### Reservierte Kennungen", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)/` \| [^|]+ \| (.+) \|$", section, re.M)
    assert rows, "docs/editors.md: no table of reserved names"
    return {folder: set(re.findall(r"`([a-z0-9-]+)`", names)) for folder, names in rows}


def test_editors_guide_lists_exactly_the_reserved_names():
    assert documented() == {folder: set(names) for folder, names in RESERVED.items()}


# ------------------------------------------------------------------ the list against what the renderer writes


def _written_names(pages: dict[str, str], atlas) -> dict[str, set[str]]:
    """folder → names (first part after the folder, without extension) the renderer wrote there that are not
    the id or former id of a record whose pages live there."""
    found: dict[str, set[str]] = {}
    for kind in KINDS:
        for folder in id_folders(kind):
            found.setdefault(folder, set())
    for folder, names in found.items():
        owners = [kind for kind in KINDS if folder in id_folders(kind)]
        ids = {rid for kind in owners for rid in getattr(atlas, kind)}
        ids |= {old for kind in owners for record in getattr(atlas, kind).values() for old in record.former_ids}
        for path in pages:
            if path.startswith(folder + "/"):
                name = path[len(folder) + 1:].split("/", 1)[0].split(".", 1)[0]
                if name not in ids:
                    names.add(name)
    return {folder: names for folder, names in found.items() if names}


@pytest.fixture(scope="module")
def split_pages(tmp_path_factory):
    """A synthetic regional atlas whose offer and contact lists are split per planning region."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import synth

    from generator.check.validate import validate
    from generator.pages.render import render_site

    data = tmp_path_factory.mktemp("reserved") / "data"
    synth.generate(data, 3, seed=11, units_per_district=2, offers_per_centre=(2, 3))
    config = data / "atlas.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlists:\n  split_by_region_above: 3\n  split_contacts_by_region_above: 1\n", encoding="utf-8")
    atlas, problems = validate(data)
    assert atlas is not None, problems
    return atlas, render_site(atlas)


def test_every_generated_name_beside_record_pages_is_reserved(example_pages, split_pages):
    from generator.check.validate import validate

    example, _ = validate(REPO / "data")
    written: dict[str, set[str]] = {}
    for atlas, pages in ((example, example_pages), split_pages):
        for folder, names in _written_names(pages, atlas).items():
            written.setdefault(folder, set()).update(names)
    unreserved = {folder: sorted(names - set(RESERVED.get(folder, {}))) for folder, names in written.items()}
    assert not any(unreserved.values()), f"pages written beside record pages but not in model/pagenames.py RESERVED: {unreserved}"
    # and the list holds nothing the renderer never writes
    stale = {folder: sorted(set(names) - written.get(folder, set())) for folder, names in RESERVED.items()}
    assert not any(stale.values()), f"reserved in model/pagenames.py but never written: {stale}"
    assert set(ID_FOLDERS) <= set(KINDS)
