"""Hostile data in the files beside the pages: vCards, JSON-LD, and hostile link schemes rejected by `atlas check`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from generator.cli import main


def test_vcards_have_no_injected_lines(hostile_site: Path) -> None:
    cards = sorted(hostile_site.rglob("*.vcf"))
    assert cards
    for card in cards:
        lines = card.read_bytes().decode("utf-8").split("\r\n")
        assert sum(line == "BEGIN:VCARD" for line in lines) == 1, card
        assert not any(line.startswith("FN:Eingeschleust") for line in lines), card


def test_json_ld_cannot_be_left(hostile_site: Path) -> None:
    blocks = 0
    for path in hostile_site.rglob("index.html"):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script", type="application/ld+json"):
            json.loads(script.string)
            assert "<" not in script.string, path
            blocks += 1
    assert blocks >= 3


def test_javascript_website_is_rejected_in_german(mini_data: Path, capsys) -> None:
    offer = mini_data / "offers" / "krabbelgruppe.yaml"
    offer.write_text(offer.read_text(encoding="utf-8") + "website: javascript:alert(1)\n", encoding="utf-8")
    assert main(["check", "--data", str(mini_data)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert re.search(r"krabbelgruppe\.yaml:\d+: .*javascript:alert\(1\).*erlaubt sind nur", text), text


def test_csv_cells_from_the_data_cannot_become_spreadsheet_formulas(hostile_site: Path) -> None:
    import csv
    import io

    from generator.exports.tables import text_cell

    # the hostile atlas puts =HYPERLINK(…), +…, -…, @… into text fields; in the CSV they start with '
    cells = 0
    for path in sorted((hostile_site / "daten").glob("*.csv")):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"):
            for cell in row:
                if cell[:1] in ("=", "+", "@"):
                    raise AssertionError(f"{path.name}: {cell[:60]}")
                cells += cell.startswith("'=")
    assert cells > 0  # the formula strings were there and were defused
    assert text_cell("-12,5") == "-12,5" and text_cell("-x") == "'-x" and text_cell("Teltow") == "Teltow"
