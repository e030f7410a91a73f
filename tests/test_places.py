"""Opening hours, status, getting there, last check, „Fehler melden“ and schema.org data (issue 4, points 3, 6, 8)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import MINI, page

from generator.exports import jsonld
from generator.model.hours import closure_lines, week_rows
from generator.model.review import months_before, report_href, review_state
from generator.model.schema import Closure, OpeningHours
from generator.check.validate import validate

HOSTILE = '</script><script>alert("x")</script><!-- & \u2028'


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def main_text(site: Path, path: str) -> str:
    article = soup(site, path).select_one("article")
    return " ".join(article.get_text(" ").split())


def json_ld_blocks(site: Path, path: str) -> list[dict]:
    return [json.loads(s.string) for s in soup(site, path).find_all("script", type="application/ld+json")]


# --------------------------------------------------------------------------------------------- hours


def test_week_rows_list_every_day_with_several_intervals_or_closed() -> None:
    rows = week_rows([
        OpeningHours(days=["mo", "mi"], opens="09:00", closes="12:00"),
        OpeningHours(days=["mo"], opens="13:00", closes="16:00"),
        OpeningHours(days=["so"], opens="20:00", closes="24:00"),
    ])
    assert rows == [
        ("Montag", "09:00–12:00 und 13:00–16:00 Uhr"), ("Dienstag", "geschlossen"), ("Mittwoch", "09:00–12:00 Uhr"),
        ("Donnerstag", "geschlossen"), ("Freitag", "geschlossen"), ("Samstag", "geschlossen"), ("Sonntag", "20:00–24:00 Uhr"),
    ]
    assert week_rows([]) == []


def test_closures_before_the_data_date_are_left_out() -> None:
    closures = [
        Closure(start=dt.date(2026, 12, 22), end=dt.date(2027, 1, 2), note="Weihnachtsferien"),
        Closure(start=dt.date(2026, 10, 3), note="Feiertag"),
        Closure(start=dt.date(2026, 11, 1)),
    ]
    assert closure_lines(closures, dt.date(2026, 11, 1)) == ["01.11.2026", "22.12.2026 bis 02.01.2027 (Weihnachtsferien)"]


@pytest.mark.parametrize(
    ("hours", "offset", "expected"),
    [
        ('  - days: [mi]\n    opens: "17:00"\n    closes: "19:00"\n', 0,
         "Feld „opening_hours[4]“: Die Zeiten am Mittwoch überschneiden sich: 14:00–18:00 (Zeile {l3}) und 17:00–19:00 (Zeile {l4})"),
        ('  - days: [mi]\n    opens: "14:00"\n    closes: "18:00"\n', 0,
         "Feld „opening_hours[4]“: Mittwoch 14:00–18:00 steht schon in Zeile {l3}; jeder Tag mit denselben Zeiten nur einmal"),
        ('  - days: [fr, fr]\n    opens: "09:00"\n    closes: "10:00"\n', 0, "Feld „opening_hours[4]“: Der Wochentag „fr“ steht doppelt in days"),
        ('  - days: [sa]\n    opens: "24:00"\n    closes: "24:30"\n', 1,
         "Feld „opening_hours[4]“: „24:00“ ist als Öffnungszeit nicht möglich; „24:00“ ist nur als Schließzeit (closes) erlaubt"),
        ('  - days: [sa]\n    opens: "20:00"\n    closes: "24:30"\n', 2, "Feld „opening_hours[4]“: „24:30“ ist keine Uhrzeit; spätestens „24:00“ (Mitternacht)"),
    ],
)
def test_conflicting_hours_are_reported_in_german_with_file_and_line(mini_data: Path, hours: str, offset: int, expected: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_data.parent)
    path = mini_data / "offers" / "sprechstunde.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("closures:\n", hours + "closures:\n"), encoding="utf-8")
    entries = [n + 1 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if line.startswith("  - days:")]
    atlas, problems = validate(mini_data)
    assert atlas is None
    want = f"data/offers/sprechstunde.yaml:{entries[3] + offset}: " + expected.format(l3=entries[2], l4=entries[3])
    assert any(str(p).startswith(want) for p in problems), [str(p) for p in problems]


def test_touching_intervals_are_fine(mini_data: Path) -> None:
    atlas, problems = validate(mini_data)  # sprechstunde: Montag 09:00–12:00 und 13:00–16:00
    assert problems == [] and atlas is not None


# --------------------------------------------------------------------------------------------- review, report link


def test_months_before_keeps_the_day_or_takes_the_month_end() -> None:
    assert months_before(dt.date(2026, 11, 1), 12) == dt.date(2025, 11, 1)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_review_state_uses_the_data_date_not_today() -> None:
    atlas, _ = validate(MINI)  # data_date 2026-01-15, review_months 12
    old = atlas.offers["sprechstunde"]  # reviewed 2024-06-01
    fresh = atlas.offers["altes-angebot"]  # reviewed 2026-01-10
    assert review_state(atlas.config, old).stale and not review_state(atlas.config, fresh).stale
    assert review_state(atlas.config, atlas.family_centres["fz-teststadt"]).never
    edge = fresh.model_copy(update={"reviewed": dt.date(2025, 1, 15)})
    assert not review_state(atlas.config, edge).stale  # exactly 12 months: still fine


def test_report_link_is_prefilled_and_percent_encoded() -> None:
    atlas, _ = validate(MINI)
    config = atlas.config.model_copy(update={"site_url": "https://atlas.example.org/"})
    href = report_href(config, "Eltern & Kinder: 100 % „Spaß“?", "angebote/sprechstunde.md", "sprechstunde")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "fehler@example.org"
    assert " " not in href and "&" not in parts.query.replace("&body=", "")  # the title's & is encoded
    query = parse_qs(parts.query)
    assert query["subject"] == ["Fehler im Sozialraumatlas Testkreis: Eltern & Kinder: 100 % „Spaß“?"]
    body = query["body"][0]
    assert "Adresse: https://atlas.example.org/angebote/sprechstunde/" in body and "Kennung: sprechstunde" in body
    form = config.model_copy(update={"report_url": "https://formular.example.org/melden?seite={url}&titel={title}&id={id}"})
    href = report_href(form, "A&B", "angebote/sprechstunde.md", "sprechstunde")
    assert href == "https://formular.example.org/melden?seite=https%3A%2F%2Fatlas.example.org%2Fangebote%2Fsprechstunde%2F&titel=A%26B&id=sprechstunde"
    assert report_href(config.model_copy(update={"report_url": None}), "x", "angebote/x.md", "x") is None


# --------------------------------------------------------------------------------------------- built pages


def test_offer_page_shows_week_closures_transport_villages_and_review(mini_site: Path) -> None:
    text = main_text(mini_site, "angebote/sprechstunde/")
    assert "Montag 09:00–12:00 und 13:00–16:00 Uhr Dienstag geschlossen Mittwoch 14:00–18:00 Uhr" in text
    assert "Sonntag geschlossen" in text
    assert "Geschlossen: 21.12.2026 bis 01.01.2027 (Weihnachtsferien)" in text
    assert "Winterpause 2025" not in text  # ended before the data date
    assert "Mit Bus und Bahn: Bus 123 bis Haltestelle Dorfplatz" in text
    assert "fährt nach: Unterheide und Borkdorf" in text
    assert "Zuletzt geprüft: 01.06.2024" in text and "Länger nicht geprüft" in text
    assert "mehr als 12 Monate vor dem Datenstand des Atlas (15.01.2026)" in text
    box = soup(mini_site, "angebote/sprechstunde/").select_one("[data-atlas-hours]")
    assert box["role"] == "status" and box.has_attr("hidden") and box.get_text() == ""
    assert json.loads(box["data-atlas-hours"])["hours"]["mo"] == [["09:00", "12:00"], ["13:00", "16:00"]]


def test_report_link_on_every_record_page(mini_site: Path) -> None:
    for path, record_id in [("angebote/sprechstunde/", "sprechstunde"), ("familienzentren/fz-teststadt/", "fz-teststadt"),
                            ("organisationen/traeger-a/", "traeger-a"), ("netzwerke/fruehe-hilfen-teststadt/", "fruehe-hilfen-teststadt")]:
        link = soup(mini_site, path).find("a", string="Fehler melden")
        assert link is not None, path
        href = link["href"]
        assert href.startswith("mailto:fehler@example.org?subject=") and " " not in href
        assert f"Kennung: {record_id}" in unquote(href), path
    text = main_text(mini_site, "familienzentren/fz-teststadt/")
    assert "Noch nicht geprüft" in text


def test_ended_offer_keeps_its_page_with_a_notice_but_leaves_the_lists(mini_site: Path) -> None:
    html = soup(mini_site, "angebote/altes-angebot/")
    assert html.select_one("h1 .atlas-state").get_text() == "beendet"
    text = main_text(mini_site, "angebote/altes-angebot/")
    assert "Dieses Angebot ist beendet. Die Förderung endete im Dezember 2025." in text
    assert "Montag" not in text  # no table that suggests it is open
    assert json_ld_blocks(mini_site, "angebote/altes-angebot/") == []
    for path in ["angebote/", "angebote/zielgruppen/", "angebote/orte/", "angebote/alter/", "familienzentren/fz-teststadt/",
                 "sozialraeume/teststadt/", "organisationen/traeger-a/"]:
        assert "Abgeschlossenes Projekt" not in main_text(mini_site, path), path
    assert "Familiensprechstunde" in main_text(mini_site, "angebote/")


# --------------------------------------------------------------------------------------------- JSON-LD


def test_every_json_ld_block_parses_and_has_its_properties(mini_site: Path) -> None:
    found = {}
    for folder in ("familienzentren", "angebote", "organisationen"):
        for index in sorted((mini_site / folder).glob("*/index.html")):
            path = f"{folder}/{index.parent.name}/"
            blocks = json_ld_blocks(mini_site, path)
            assert len(blocks) <= 1, path
            for block in blocks:
                assert block["@context"] == "https://schema.org" and block["name"], path
                found[path] = block
    centre = found["familienzentren/fz-teststadt/"]
    assert centre["@type"] == "LocalBusiness"
    assert centre["address"] == {"@type": "PostalAddress", "streetAddress": "Marktplatz 1", "postalCode": "99999", "addressLocality": "Teststadt", "addressCountry": "DE"}
    assert centre["geo"] == {"@type": "GeoCoordinates", "latitude": 50.51, "longitude": 10.51}
    assert centre["openingHoursSpecification"] == [{"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"], "opens": "09:00", "closes": "16:00"}]
    assert centre["parentOrganization"]["name"] == "Familienverein Test e.V."
    offer = found["angebote/sprechstunde/"]
    assert offer["@type"] == "Service" and offer["provider"]["name"] == "Familienverein Test e.V."
    assert [a["name"] for a in offer["areaServed"]] == ["Unterheide", "Borkdorf"]
    assert offer["audience"]["suggestedMinAge"] == 0 and offer["audience"]["suggestedMaxAge"] == 17
    assert len(offer["hoursAvailable"]) == 3 and offer["offers"]["price"] == "0"
    assert found["angebote/krabbelgruppe/"]["availableChannel"]["servicePhone"]["email"] == "fruehe-hilfen@example.org"
    assert found["organisationen/kreis/"]["@type"] == "GovernmentOrganization"  # type verwaltung
    assert found["organisationen/traeger-a/"]["@type"] == "Organization"
    assert "angebote/altes-angebot/" not in found


def test_unpublished_contacts_never_reach_json_ld(mini_site: Path) -> None:
    # fz-teststadt names the unpublished contact „geheim“ as its contact; the Kreis employs it
    for path in ["familienzentren/fz-teststadt/", "organisationen/kreis/"]:
        raw = json.dumps(json_ld_blocks(mini_site, path), ensure_ascii=False)
        assert "geheim" not in raw.lower() and "Geheimrolle" not in raw, path


def test_hostile_text_cannot_leave_the_script_element() -> None:
    atlas, _ = validate(MINI)
    centre = atlas.family_centres["fz-teststadt"].model_copy(update={"name": HOSTILE, "description": HOSTILE})
    html = str(jsonld.jsonld(atlas, "familienzentren/fz-teststadt.md", centre))
    assert html.count("<") == 2 and html.count(">") == 2 and "&" not in html  # only the element's own tags
    scripts = BeautifulSoup(f"<body>{html}</body>", "html.parser").find_all("script")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["name"] == HOSTILE and data["description"] == HOSTILE
