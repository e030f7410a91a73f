"""Kinds of units as data (issue 19): names, articles and members come from the vocabulary unit_types,
so an atlas without an Amt says nothing about Ämter; unknown kinds are editors' errors with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site, page
from generator.cli import main

NO_AMT = re.compile(r"\bAmt\b|\bÄmter\b|amtsfrei|amtsangehörig", re.IGNORECASE)


def visible_text(html: str) -> str:
    """The text a reader sees: scripts, styles and tags removed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"<[^>]+>", " ", html)


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; return the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def samtgemeinde_atlas(data: Path) -> Path:
    """The mini data with its Amt turned into a Samtgemeinde and its other unit into an Einheitsgemeinde and a Stadt."""
    amt = data / "municipalities" / "amt-testheide.yaml"
    edit(amt, "name: Amt Testheide", "name: Samtgemeinde Testheide")
    edit(amt, "type: amt", "type: samtgemeinde")
    stadt = data / "municipalities" / "teststadt.yaml"
    einheit = data / "municipalities" / "einheitsdorf.yaml"
    text = stadt.read_text(encoding="utf-8")
    text = text.replace("id: teststadt", "id: einheitsdorf").replace("name: Teststadt", "name: Einheitsdorf")
    text = text.replace("type: stadt", "type: einheitsgemeinde").replace('key: "99001001"', 'key: "99001004"')
    einheit.write_text(text.replace("location: {lat: 50.5, lon: 10.5}", "location: {lat: 50.4, lon: 10.4}"), encoding="utf-8")
    return data


def test_data_without_amt_has_no_amt_in_the_text(mini_data: Path) -> None:
    # the words the issue forbids occur only where the data put them: check the data first
    assert NO_AMT.search((mini_data / "municipalities" / "amt-testheide.yaml").read_text(encoding="utf-8"))
    data = samtgemeinde_atlas(mini_data)
    for path in data.rglob("*.yaml"):
        if path.name != "vocabularies.yaml":
            assert not NO_AMT.search(path.read_text(encoding="utf-8").replace("amt-testheide", "")), path
    site = build_site(data, data.parent)

    profile = visible_text(page(site, "sozialraeume/amt-testheide/"))
    assert "Art: Samtgemeinde" in profile
    assert "Schlüssel der Samtgemeinde: 990015901" in profile
    assert "Mitgliedsgemeinden" in profile and "Borkdorf" in profile
    units = visible_text(page(site, "sozialraeume/"))
    assert "Samtgemeinde" in units and "Einheitsgemeinde" in units and "Stadt" in units
    assert "Jede Stadt, jede Einheitsgemeinde und jede Samtgemeinde im" in units
    easy = visible_text(page(site, "leichte-sprache/amt-testheide/"))
    assert "Die Samtgemeinde Testheide ist eine Samtgemeinde." in easy
    assert "Zur Samtgemeinde gehören diese 2 Gemeinden" in easy
    assert "Jeder Teil ist eine Stadt, eine Gemeinde oder eine Samtgemeinde." in visible_text(page(site, "leichte-sprache/"))

    # the data model page documents every built-in kind for editors (amt, amtsfreie-gemeinde …): not about this atlas
    pages = sorted(p for p in site.rglob("*.html") if p.parent.name != "datenmodell")
    assert len(pages) > 20
    found = [(p.relative_to(site), m.group(0)) for p in pages for m in [NO_AMT.search(visible_text(p.read_text(encoding="utf-8")))] if m]
    assert found == []


def test_example_wording_for_amt_is_kept(mini_site: Path) -> None:
    """The built-in kind „amt“ says what the pages said before."""
    profile = visible_text(page(mini_site, "sozialraeume/amt-testheide/"))
    assert "Art: Amt" in profile and "Amtsschlüssel: 990015901" in profile and "Amtsangehörige Gemeinden" in profile
    units = visible_text(page(mini_site, "sozialraeume/"))
    assert "Jede Stadt und jedes Amt im" in units
    easy = visible_text(page(mini_site, "leichte-sprache/amt-testheide/"))
    assert "Das Amt Testheide ist ein Amt." in easy and "Zum Amt gehören diese 2 Gemeinden" in easy


def test_unknown_type_is_an_error_with_file_and_line(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    line = edit(mini_data / "municipalities" / "amt-testheide.yaml", "type: amt", "type: samtgemeine")
    code = main(["check", "--data", str(mini_data)])
    err = capsys.readouterr().err
    assert code == 1
    message = next(m for m in err.splitlines() if "samtgemeine" in m)
    known = ("amt, amtsfreie-gemeinde, einheitsgemeinde, flecken, gemeinde, gemeindefreies-gebiet, gemeindeverwaltungsverband, "
             "grosse-kreisstadt, kreisfreie-stadt, markt, ortsgemeinde, ortsteil, planungsraum, samtgemeinde, sozialraum, stadt, "
             "stadtteil, verbandsfreie-gemeinde, verbandsgemeinde, verwaltungsgemeinschaft")
    assert message.endswith(f"amt-testheide.yaml:{line}: Feld „type“ (Art): „samtgemeine“ steht nicht im Vokabular „unit_types“ in "
                            f"vocabularies.yaml; meinten Sie „samtgemeinde“? Bekannt sind: {known}")
    assert "Traceback" not in err


def test_type_rules_follow_the_vocabulary(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    unit = mini_data / "municipalities" / "amt-testheide.yaml"
    edit(unit, "type: amt", "type: stadt")  # a Stadt has an 8-digit AGS and no members
    key_line = unit.read_text(encoding="utf-8").splitlines().index('key: "990015901"') + 1
    code = main(["check", "--data", str(mini_data)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"amt-testheide.yaml:{key_line}: Feld „key“: Eine Stadt (stadt) hat einen achtstelligen Amtlichen Gemeindeschlüssel (AGS), nicht „990015901“" in err
    assert "Feld „members“: Eine Stadt hat keine Mitgliedsgemeinden" in err


def test_atlas_defined_type(mini_data: Path) -> None:
    vocab = mini_data / "vocabularies.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + (
        "unit_types:\n"
        "- id: planungsraum\n  label: Planungsraum\n  plural: Planungsräume\n  article: der\n  members: true\n"
        "  key_label: Nummer des Planungsraums\n  description: Ein Planungsraum fasst mehrere Gemeinden zusammen.\n"
    ), encoding="utf-8")
    unit = mini_data / "municipalities" / "amt-testheide.yaml"
    edit(unit, "name: Amt Testheide", "name: Heideland")
    edit(unit, "type: amt", "type: planungsraum")
    edit(unit, 'key: "990015901"', 'key: "PR-07"')
    site = build_site(mini_data, mini_data.parent)
    profile = visible_text(page(site, "sozialraeume/amt-testheide/"))
    assert "Art: Planungsraum" in profile and "Nummer des Planungsraums: PR-07" in profile
    easy = visible_text(page(site, "leichte-sprache/amt-testheide/"))
    assert "Heideland ist ein Planungsraum." in easy and "Ein Planungsraum fasst mehrere Gemeinden zusammen." in easy
    assert "Zum Planungsraum gehören diese 2 Gemeinden" in easy
    assert "Für jede Stadt und jeden Planungsraum stehen" in visible_text(page(site, "ansprechpersonen/orte/"))
