"""Legal pages (Impressum, Datenschutz, Barrierefreiheit) from atlas.yaml `legal`, footer links on every
page, Leichte-Sprache pages per unit, and `atlas check` reporting a missing legal section."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_site, page

from generator.cli import main
from generator.pages.render import render_site
from generator.check.validate import validate


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def text_of(site: Path, path: str) -> str:
    html = soup(site, path)
    article = html.select_one("article") or html
    return " ".join(article.get_text(" ").split())


def hrefs(site: Path, path: str, scope: str = "article") -> set[str]:
    return {a["href"] for a in soup(site, path).select(f"{scope} a[href]")}


def remove_legal(atlas_yaml: Path) -> None:
    text = atlas_yaml.read_text(encoding="utf-8")
    atlas_yaml.write_text(text[: text.index("legal:")], encoding="utf-8")


# --------------------------------------------------------------------------------------------- legal pages


def test_impressum_has_ddg_and_mstv_details(mini_site: Path) -> None:
    text = text_of(mini_site, "impressum/")
    for expected in (
        "§ 5 Digitale-Dienste-Gesetz", "Landkreis Testkreis", "Kreisstraße 1", "99999 Teststadt",
        "Körperschaft des öffentlichen Rechts, vertreten durch die Landrätin", "DE999999999",
        "§ 18 Absatz 2 Medienstaatsvertrag", "Erika Test, Leitung der Sozialplanung", "Anschrift wie beim Anbieter",
        "Testministerium des Innern", "Zusatztext im Impressum.", "dl-de/by-2-0",
    ):
        assert expected in text, expected
    links = hrefs(mini_site, "impressum/")
    assert "mailto:kreis@example.org" in links and "tel:099991000" in links
    assert "Mustertext" not in text and "Angaben fehlen" not in text


def test_datenschutz_names_controller_officer_authority_and_maps(mini_site: Path) -> None:
    text = text_of(mini_site, "datenschutz/")
    for expected in (
        "keine Cookies", "Landkreis Testkreis Kreisstraße 1", "Datenschutzbeauftragte des Testkreises",
        "Server-Protokolle", "IP-Adresse", "nach 14 Tagen gelöscht", "Testrechenzentrum",
        "Landesbeauftragte für den Datenschutz Testland Aufsichtsweg 7 99998 Aufsichtsdorf",
        "keine Hintergrundkarte eines anderen Anbieters",
    ):
        assert expected in text, expected
    links = hrefs(mini_site, "datenschutz/")
    assert {"mailto:dsb@example.org", "https://datenschutz.example.org/", "mailto:kreis@example.org"} <= links
    assert soup(mini_site, "datenschutz/").select_one("article h2#karten-und-inhalte-anderer-anbieter") is not None


def test_barrierefreiheit_has_status_feedback_and_enforcement(mini_site: Path) -> None:
    text = text_of(mini_site, "barrierefreiheit/")
    for expected in (
        "teilweise vereinbar", "WCAG", "Karten sind nur eingeschränkt bedienbar", "Alle Angaben stehen auch als Tabelle",
        "am 10. Januar 2026 erstellt und zuletzt am 12. Januar 2026 überprüft", "Selbstbewertung",
        "Barrierefreiheit im Testkreis", "Durchsetzungsstelle Testland",
    ):
        assert expected in text, expected
    html = soup(mini_site, "barrierefreiheit/")
    links = hrefs(mini_site, "barrierefreiheit/")
    assert "mailto:barrieren@example.org" in links  # feedback channel
    assert {"https://durchsetzung.example.org/", "mailto:durchsetzung@example.org"} <= links  # enforcement body
    section = " ".join(html.find("h2", id="durchsetzungsverfahren").find_next("p").find_next("p").get_text(" ").split())
    assert section.startswith("Durchsetzungsstelle Testland")
    assert "../leichte-sprache/" in links


@pytest.mark.parametrize("path", ["", "sozialraeume/teststadt/", "angebote/krabbelgruppe/", "familienzentren/fz-teststadt/",
                                  "kennzahlen/altenquotient/", "leichte-sprache/amt-testheide/", "impressum/", "ueber/"])
def test_footer_links_on_every_page_kind(mini_site: Path, path: str) -> None:
    nav = soup(mini_site, path).select_one("footer nav.atlas-footer__nav")
    assert nav is not None, path
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a[href]")}
    assert set(links) == {"Impressum", "Datenschutz", "Barrierefreiheit", "Leichte Sprache", "Fehler melden"}
    assert links["Fehler melden"] == "mailto:fehler@example.org"
    for label, target in (("Impressum", "impressum"), ("Datenschutz", "datenschutz"), ("Barrierefreiheit", "barrierefreiheit"),
                          ("Leichte Sprache", "leichte-sprache")):
        resolved = posixpath.normpath(posixpath.join(path or ".", links[label]))
        assert resolved == target, (path, label, links[label])
        assert (mini_site / resolved / "index.html").is_file()


# --------------------------------------------------------------------------------------------- Leichte Sprache


def test_leichte_sprache_page_for_every_unit(mini_site: Path) -> None:
    atlas, _ = validate(REPO / "tests" / "fixtures" / "mini")
    index_links = hrefs(mini_site, "leichte-sprache/")
    for unit in atlas.municipalities.values():
        html = soup(mini_site, f"leichte-sprache/{unit.id}/")
        assert html.html["lang"] == "de"
        assert f"{unit.id}/" in index_links
        assert f"../../leichte-sprache/{unit.id}/" in hrefs(mini_site, f"sozialraeume/{unit.id}/")  # link from the profile


def test_leichte_sprache_unit_with_family_centre(mini_site: Path) -> None:
    text = text_of(mini_site, "leichte-sprache/teststadt/")
    for expected in (
        "In Teststadt wohnen 20.000 Menschen.", "Teststadt ist eine Stadt.", "In Teststadt gibt es 1 Familien-Zentrum.",
        "Das Familien-Zentrum heißt: Familienzentrum Teststadt.", "Die Adresse ist: Marktplatz 1, 99999 Teststadt",
        "Am Montag und Dienstag: von 9 Uhr bis 16 Uhr.",
        "Dann fragen Sie: Landkreis Testkreis.", "Sie können anrufen: 09999 100-0",
    ):
        assert expected in text, expected
    assert "%" not in text
    assert "../../familienzentren/fz-teststadt/" in hrefs(mini_site, "leichte-sprache/teststadt/")
    # example data: the banner says it in Leichte Sprache (issue 17), the page names its offers with links
    banner = soup(mini_site, "leichte-sprache/teststadt/").select_one(".md-banner .atlas-notice")
    assert " ".join(banner.get_text(" ").split()) == "Achtung: Manche Angaben sind nur ein Beispiel. Sie stimmen nicht."
    assert "Diese Angebote gibt es:" in text and "../../angebote/krabbelgruppe/" in hrefs(mini_site, "leichte-sprache/teststadt/")


def test_leichte_sprache_unit_without_family_centre(mini_site: Path) -> None:
    text = text_of(mini_site, "leichte-sprache/amt-testheide/")
    assert "Im Amt Testheide wohnen 10.000 Menschen." in text
    assert "Das Amt Testheide ist ein Amt." in text
    assert "Zum Amt gehören diese 2 Gemeinden: Testheide Borkdorf" in text
    assert "Im Amt Testheide gibt es kein Familien-Zentrum." in text
    # Seniorentreff (60+) and Familiensprechstunde (parents, 0–17 years) are the Amt's offers
    assert "Im Amt Testheide gibt es 2 Angebote." in text and "Für ältere Menschen gibt es 1 Angebot." in text
    assert "Für Kinder gibt es 1 Angebot." in text and "Für Familien gibt es 1 Angebot." in text
    assert "../../familienzentren/" in hrefs(mini_site, "leichte-sprache/amt-testheide/")


def test_start_page_links_to_leichte_sprache(mini_site: Path) -> None:
    assert "leichte-sprache/" in hrefs(mini_site, "")
    text = text_of(mini_site, "leichte-sprache/")
    assert "Was ist der Sozial-Atlas?" in text and "Der Sozial-Atlas ist eine Internet-Seite." in text
    assert "Amt Testheide : Testheide und Borkdorf" in text or "Amt Testheide: Testheide und Borkdorf" in text


# --------------------------------------------------------------------------------------------- missing / example


def test_check_reports_missing_legal_section_in_german(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    remove_legal(mini_data / "atlas.yaml")
    assert main(["check", "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"atlas\.yaml:1: Abschnitt „legal“ \(Rechtliche Angaben\) fehlt: Impressum \(§ 5 DDG", err), err


def test_build_without_legal_section_says_angaben_fehlen(mini_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    remove_legal(mini_data / "atlas.yaml")
    site = build_site(mini_data, tmp_path)
    assert "Hinweis: " in capsys.readouterr().err
    for path in ("impressum/", "datenschutz/", "barrierefreiheit/"):
        assert "Angaben fehlen" in text_of(site, path), path
    assert "Testkreis (Testdaten)" in text_of(site, "impressum/")  # the publisher is still named


def test_invalid_legal_value_is_reported_with_line(mini_data: Path, capsys: pytest.CaptureFixture) -> None:
    path = mini_data / "atlas.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("status: teilweise")].count("\n") + 1
    path.write_text(text.replace("status: teilweise", "status: halb"), encoding="utf-8")
    assert main(["check", "--data", str(mini_data)]) == 1
    assert f"atlas.yaml:{line}: " in capsys.readouterr().err


def render(data: Path) -> dict[str, str]:
    atlas, problems = validate(data)
    assert problems == [], problems
    return render_site(atlas)


def test_example_flag_tiles_and_escaping(mini_data: Path) -> None:
    path = mini_data / "atlas.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("legal:\n", "legal:\n  example: true\n").replace("hosting: Testrechenzentrum", "hosting: <script>x</script>")
    text = text.replace("map:\n", "map:\n  tiles: {url: \"https://tiles.example.org/{z}/{x}/{y}.png\", attribution: Test, provider: Kachelfirma Test}\n")
    path.write_text(text, encoding="utf-8")
    pages = render(mini_data)
    for name in ("impressum.md", "datenschutz.md", "barrierefreiheit.md"):
        assert '!!! warning "Mustertext"' in pages[name], name
    assert "**Kachelfirma Test** (Server https://tiles.example.org/)" in pages["datenschutz.md"].replace("\\", "")
    assert "Einwilligung" in pages["datenschutz.md"] and "<script>" not in pages["datenschutz.md"]


def test_example_atlas_legal_pages_and_beelitz(example_pages: dict[str, str]) -> None:
    pages = example_pages
    assert '!!! warning "Mustertext"' in pages["impressum.md"]
    assert "Stahnsdorfer Damm 77" in pages["datenschutz.md"]
    assert "https://msgiv.brandenburg.de/msgiv/de/beauftragte/landesbehindertenbeauftragte/durchsetzungsstelle" in pages["barrierefreiheit.md"]
    beelitz = pages["leichte-sprache/beelitz.md"].replace("\\", "")
    assert "In Beelitz wohnen 12.892 Menschen." in beelitz and "Familienzentrum Beelitz" in beelitz
    assert sum(1 for p in pages if p.startswith("leichte-sprache/") and not p.startswith("leichte-sprache/lebenslagen/")) == 20  # index + 19 units
