"""`atlas report` (freshness report), `reviewed` on the pages, and `former_ids` (redirects, renamed references)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.reports.linkcheck import text_findings, url_findings
from generator.reports.care_cli import parse_as_of
from generator.check.validate import validate

from conftest import MINI, build_site, page, shared_build
from pagefind_index import text as search_text

OVERLAY = Path(__file__).parent / "fixtures" / "report"


def _data(root: Path) -> Path:
    shutil.copytree(MINI, root / "data")
    shutil.copytree(OVERLAY, root / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return root / "data"


@pytest.fixture
def report_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # paths in the report relative to the working directory: data/…
    return _data(tmp_path)


@pytest.fixture(scope="module")
def report_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test run (tests/conftest.py: shared_build); the tests only read it."""
    return shared_build(tmp_path_factory, "report", lambda root: build_site(_data(root), root))


EXPECTED = """\
Pflegebericht: Sozialraumatlas Testkreis
Stichtag 15.01.2026 (Datenstand), Prüfintervall 12 Monate; 19 Einträge gelesen.

1. Länger als 12 Monate nicht geprüft (12)
   Feld „reviewed“ fehlt oder liegt vor dem 15.01.2025; nie geprüfte zuerst, dann die ältesten.
data/contacts/geheim.yaml:1: Kontakt „Interne Fallkoordination Geheimrolle“: noch nie geprüft (Feld „reviewed“ fehlt)
data/contacts/koordination-fh.yaml:1: Kontakt „Netzwerkkoordination Frühe Hilfen“: noch nie geprüft (Feld „reviewed“ fehlt)
data/family_centres/fz-teststadt.yaml:1: Familienzentrum „Familienzentrum Teststadt“: noch nie geprüft (Feld „reviewed“ fehlt)
data/municipalities/amt-testheide.yaml:1: Sozialraum „Amt Testheide“: noch nie geprüft (Feld „reviewed“ fehlt)
data/municipalities/teststadt.yaml:1: Sozialraum „Teststadt“: noch nie geprüft (Feld „reviewed“ fehlt)
data/networks/fruehe-hilfen-teststadt.yaml:1: Netzwerk „Netzwerk Frühe Hilfen Teststadt“: noch nie geprüft (Feld „reviewed“ fehlt)
data/offers/krabbelgruppe.yaml:1: Angebot „Krabbelgruppe“: noch nie geprüft (Feld „reviewed“ fehlt)
data/offers/seniorentreff.yaml:1: Angebot „Seniorentreff“: noch nie geprüft (Feld „reviewed“ fehlt)
data/organisations/kreis.yaml:1: Organisation „Kreisverwaltung Testkreis“: noch nie geprüft (Feld „reviewed“ fehlt)
data/organisations/traeger-a.yaml:1: Organisation „Familienverein Test e.V.“: noch nie geprüft (Feld „reviewed“ fehlt)
data/offers/sprechstunde.yaml:31: Angebot „Familiensprechstunde“: zuletzt geprüft am 01.06.2024, vor 19 Monaten
data/family_centres/fz-neu.yaml:13: Familienzentrum „Familienzentrum Neustadt“: zuletzt geprüft am 01.12.2024, vor 13 Monaten

2. Angebote ohne Ansprechperson (3)
   Aktive Angebote ohne veröffentlichten Kontakt (Feld „contact“).
data/offers/ohne-kontakt.yaml:1: Angebot „Elterncafé“: kein Kontakt (contact); auch der Anbieter hat weder E-Mail noch Telefon – die Seite nennt niemanden
data/offers/seniorentreff.yaml:1: Angebot „Seniorentreff“: kein Kontakt (contact); die Seite nennt ersatzweise E-Mail oder Telefon des Anbieters
data/offers/sprechstunde.yaml:1: Angebot „Familiensprechstunde“: kein Kontakt (contact); die Seite nennt ersatzweise E-Mail oder Telefon des Anbieters

3. Familienzentren ohne Öffnungszeiten (1)
   Aktive Familienzentren ohne Einträge unter „opening_hours“.
data/family_centres/fz-neu.yaml:1: Familienzentrum „Familienzentrum Neustadt“: keine Öffnungszeiten (opening_hours); nur der Hinweis „nach Vereinbarung“

4. Kontakte, auf die kein Eintrag verweist (1)
   Kein Familienzentrum, Angebot, Netzwerk oder anderer Eintrag nennt den Kontakt.
data/contacts/verwaist.yaml:1: Kontakt „Beratung ohne Verweis“: kein Familienzentrum, Angebot oder Netzwerk verweist darauf

5. Fehlerhafte Adressen (5)
   Webadressen, E-Mail, Telefon und Adressen in den Quellen, nur nach ihrer Schreibweise geprüft (ohne Abruf).
data/family_centres/fz-neu.yaml:9: Feld „website“: „http://fz-neu.example.org/“ – unverschlüsselt (http://) – gibt es die Seite unter https://?
data/family_centres/fz-neu.yaml:12: Feld „sources[2]“: „info@fz-neu“ – E-Mail-Adresse ohne gültige Domainendung oder mit unerlaubten Zeichen
data/family_centres/fz-neu.yaml:12: Feld „sources[2]“: „www.fz-neu.example.org“ – ohne „https://“ am Anfang
data/organisations/stiller-verein.yaml:4: Feld „website“: „https://verein..example.org/“ – Rechnername „verein..example.org“ ist fehlerhaft (leere Teile, Unterstrich oder Bindestrich am Rand)
data/organisations/stiller-verein.yaml:7: Feld „links[1].url“: „https://example.org/satzung(2.pdf“ – Klammern sind nicht ausgeglichen

Zusammenfassung: 12 länger nicht geprüft, 3 Angebote ohne Ansprechperson, 1 Familienzentrum ohne Öffnungszeiten, 1 Kontakt ohne Verweis, 5 fehlerhafte Adressen
"""


def test_report_lists_every_finding_with_file_and_line(report_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--data", "data"]) == 0
    assert capsys.readouterr().out == EXPECTED


def test_report_period_and_reference_date_are_options(report_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--data", "data", "--months", "6", "--as-of", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert "Stichtag 01.06.2026 (gewählter Stichtag), Prüfintervall 6 Monate" in out
    assert "1. Länger als 6 Monate nicht geprüft (14)" in out
    assert "data/offers/ohne-kontakt.yaml:9: Angebot „Elterncafé“: zuletzt geprüft am 30.06.2025, vor 11 Monaten\n" in out
    assert "data/organisations/stiller-verein.yaml:8: Organisation „Stiller Verein“: zuletzt geprüft am 20.11.2025, vor 6 Monaten\n" in out
    assert "verwaist.yaml:6" not in out  # reviewed 01.12.2025: exactly six months, still fine


def test_as_of_today_and_bad_dates(report_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_as_of("heute", today=dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    assert parse_as_of(None) is None
    assert main(["report", "--data", "data", "--as-of", "1.3.2027"]) == 1
    assert "--as-of „1.3.2027“ ist kein Datum im Format JJJJ-MM-TT" in capsys.readouterr().err


def test_report_refuses_data_with_problems(report_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (report_data / "offers" / "ohne-kontakt.yaml").write_text("id: ohne-kontakt\ntitle: x\n", encoding="utf-8")
    assert main(["report", "--data", "data"]) == 1
    err = capsys.readouterr().err
    assert "data/offers/ohne-kontakt.yaml:1:" in err and "Der Bericht braucht Daten ohne Fehler" in err


def test_report_as_internal_html_page(report_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = report_data.parent / "intern" / "bericht.html"
    assert main(["report", "--data", "data", "--output", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith('<!doctype html>\n<html lang="de">')
    assert '<meta name="robots" content="noindex, nofollow">' in text
    assert "<script" not in text and "http-equiv" not in text and "<link" not in text  # nothing loaded
    assert '<th scope="col">Datei und Zeile</th>' in text
    assert "<tr><td><code>data/contacts/verwaist.yaml:1</code></td><td>Kontakt „Beratung ohne Verweis“: kein Familienzentrum, Angebot oder Netzwerk verweist darauf</td></tr>" in text
    assert '<tr><td>Kontakte ohne Verweis</td><td class="num">1</td></tr>' in text
    markdown = report_data.parent / "bericht.md"
    assert main(["report", "--data", "data", "--output", str(markdown)]) == 0
    assert "| `data/organisations/stiller-verein.yaml:7` | Feld „links[1].url“: „https://example.org/satzung(2.pdf“ – Klammern sind nicht ausgeglichen |" in markdown.read_text(encoding="utf-8")


def test_report_is_not_part_of_the_public_site_or_its_search(report_site: Path) -> None:
    index = search_text(report_site)
    assert index and "Pflegebericht" not in index and "Kontakte, auf die kein Eintrag verweist" not in index
    for path in report_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".md", ".txt"):
            assert "Pflegebericht" not in path.read_text(encoding="utf-8", errors="replace"), path


# --------------------------------------------------------------------------------------------- reviewed on the pages


def test_contact_and_unit_pages_show_the_last_check(report_site: Path) -> None:
    assert "Zuletzt geprüft: 01.12.2025" in page(report_site, "ansprechpersonen/verwaist/")
    unit = page(report_site, "sozialraeume/teststadt/")
    assert "Noch nicht geprüft" in unit and "Einzelne Angaben können inzwischen veraltet sein." in unit
    centre = page(report_site, "familienzentren/fz-neu/")
    assert "Länger nicht geprüft" in centre and "Zuletzt geprüft: 01.12.2024" in centre


# --------------------------------------------------------------------------------------------- former_ids


def test_former_id_gets_a_redirect_page_outside_search_and_sitemap(report_site: Path) -> None:
    text = (report_site / "familienzentren" / "fz-alt" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in text
    assert '<meta http-equiv="refresh" content="0; url=../fz-neu/">' in text
    assert '<meta name="robots" content="noindex">' in text
    assert '<link rel="canonical" href="../fz-neu/">' in text
    assert '<p>Diese Seite ist umgezogen: <a href="../fz-neu/">Familienzentrum Neustadt</a></p>' in text
    assert (report_site / "familienzentren" / "fz-neu" / "index.html").is_file()  # the target exists
    assert "fz-alt" not in (report_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "fz-alt" not in search_text(report_site) and "umgezogen" not in search_text(report_site)


def _write(data: Path, relative: str, text: str) -> None:
    (data / relative).write_text(text, encoding="utf-8")


def test_reference_to_a_former_id_names_the_new_id(report_data: Path) -> None:
    offer = (report_data / "offers" / "ohne-kontakt.yaml").read_text(encoding="utf-8").replace("family_centre: fz-neu", "family_centre: fz-alt")
    _write(report_data, "offers/ohne-kontakt.yaml", offer)
    _, problems = validate(report_data)
    assert [str(p) for p in problems] == [
        "data/offers/ohne-kontakt.yaml:6: Feld „family_centre“ (Familienzentrum): „fz-alt“ ist die frühere Kennung von „fz-neu“ – bitte die neue Kennung eintragen"
    ]


def test_former_ids_that_clash_are_reported_with_lines(report_data: Path) -> None:
    orgs = report_data / "organisations"
    _write(report_data, "organisations/stiller-verein.yaml", (orgs / "stiller-verein.yaml").read_text(encoding="utf-8") + "former_ids:\n  - kreis\n  - alter-verein\n  - stiller-verein\n")
    _write(report_data, "organisations/traeger-a.yaml", (orgs / "traeger-a.yaml").read_text(encoding="utf-8") + "former_ids: [alter-verein, Alt_Verein]\n")
    _, problems = validate(report_data)
    assert [str(p) for p in problems] == [
        "data/organisations/stiller-verein.yaml:11: Feld „former_ids“ (Frühere Kennungen): „kreis“ ist die Kennung eines anderen Eintrags "
        "(data/organisations/kreis.yaml:1); eine frühere Kennung darf nicht wieder vergeben werden, sonst wäre die alte Adresse doppelt belegt",
        "data/organisations/stiller-verein.yaml:13: Feld „former_ids“ (Frühere Kennungen): „stiller-verein“ ist die aktuelle Kennung dieses Eintrags, keine frühere",
        next(str(p) for p in problems if p.path.endswith("traeger-a.yaml")),
    ]
    pattern = next(p for p in problems if p.path.endswith("traeger-a.yaml"))
    assert pattern.line == 6 and "„Alt_Verein“" in pattern.message


def test_same_former_id_on_two_records(report_data: Path) -> None:
    orgs = report_data / "organisations"
    _write(report_data, "organisations/stiller-verein.yaml", (orgs / "stiller-verein.yaml").read_text(encoding="utf-8") + "former_ids: [alter-verein]\n")
    _write(report_data, "organisations/traeger-a.yaml", (orgs / "traeger-a.yaml").read_text(encoding="utf-8") + "former_ids: [alter-verein]\n")
    _, problems = validate(report_data)
    assert [str(p) for p in problems] == [
        "data/organisations/traeger-a.yaml:6: Feld „former_ids“ (Frühere Kennungen): „alter-verein“ steht schon bei "
        "data/organisations/stiller-verein.yaml:10; eine alte Adresse kann nur auf einen Eintrag weiterleiten"
    ]


# --------------------------------------------------------------------------------------------- link syntax


@pytest.mark.parametrize(("url", "finding"), [
    ("https://www.example.org/seite.", "endet mit „.“"),
    ("https://example.org:80a/", "Portangabe"),
    ("https://-example.org/", "ist fehlerhaft"),
    ("https://example.1/", "„.1“ ist keine gültige Domainendung"),
    ("https://localhost/", "hat keine Domainendung"),
    ("http:/example.org", "beginnt nicht mit „https://“"),
    ("tel:0331 ABC", "Buchstaben"),
    ("mailto:info@example", "ohne gültige Domainendung"),
    ("https://example.org/a b", "Leerzeichen"),
])
def test_malformed_addresses(url: str, finding: str) -> None:
    assert any(finding in f for f in url_findings(url)), url_findings(url)


def test_good_addresses_and_sentence_punctuation_pass() -> None:
    assert url_findings("https://www.example.org/a_(b)/?x=1#top") == []
    assert url_findings("https://bürgerbüro.example.de/") == []
    assert text_findings("Flyer (siehe https://example.org/flyer.pdf). Mail: info@example.org.") == []
    assert text_findings("Mehr: http://example.org/x;") == [("http://example.org/x", ["unverschlüsselt (http://) – gibt es die Seite unter https://?"])]
