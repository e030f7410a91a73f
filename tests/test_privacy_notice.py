"""The Datenschutz section „Karten und Inhalte anderer Anbieter“ written from atlas.yaml (generator/pages/privacy_notice.py)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page
from generator.pages.privacy_notice import MARKER, insert_third_party_section, third_party_section
from generator.model.schema import Tiles

TILES = Tiles(url="https://kacheln.example.org/{z}/{x}/{y}.png", attribution="© Beispiel", provider="Kachel-Amt <Test>")


def section_text(site: Path) -> str:
    soup = BeautifulSoup(page(site, "datenschutz/"), "html.parser")
    heading = soup.find("h2", id="karten-und-inhalte-anderer-anbieter")
    assert heading is not None
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling.get_text(" "))
    return " ".join(" ".join(parts).split())


def test_built_privacy_page_without_tiles_says_nothing_is_loaded_from_elsewhere(mini_site: Path) -> None:
    text = section_text(mini_site)
    assert "keine Inhalte von anderen Servern" in text
    assert "keine Hintergrundkarte eines anderen Anbieters" in text
    assert MARKER not in page(mini_site, "datenschutz/")


def test_section_names_provider_host_consent_and_storage_key() -> None:
    text = third_party_section(TILES)
    assert text.startswith("## Karten und Inhalte anderer Anbieter\n")
    assert "**Kachel-Amt &lt;Test&gt;** (Server https://kacheln.example.org/)" in text  # escaped, host of map.tiles.url
    assert "„Karte laden“" in text and "Artikel 6 Absatz 1 Buchstabe a" in text
    assert "`atlas-tiles-consent:https://kacheln.example.org/{z}/{x}/{y}.png`" in text and "sessionStorage" in text


def test_marker_is_replaced_only_where_it_stands(tmp_path: Path) -> None:
    (tmp_path / "datenschutz.md").write_text(f"# Datenschutz\n\n{MARKER}\n\n## Rechte\n", encoding="utf-8")
    (tmp_path / "impressum.md").write_text("# Impressum\n", encoding="utf-8")
    assert insert_third_party_section(tmp_path, ["impressum.md", "datenschutz.md", "fehlt.md"], TILES) == ["datenschutz.md"]
    text = (tmp_path / "datenschutz.md").read_text(encoding="utf-8")
    assert MARKER not in text and "Kachel-Amt" in text and text.endswith("\n\n## Rechte\n")
    assert (tmp_path / "impressum.md").read_text(encoding="utf-8") == "# Impressum\n"
