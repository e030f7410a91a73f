"""Termine (issue 21): calendar feeds, the Termine page, next dates on profiles, and editors' mistakes in date records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from conftest import page

from generator.cli import main
from generator.core.markup import safe_url, webcal_url
from generator.model import events as dates
from generator.model.schema import Event
from generator.pages import termine
from generator.pages.site import Site

DATA_DATE = dt.date(2026, 11, 1)  # data/atlas.yaml data_date: the build date of the example
DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")


def feeds(site: Path) -> list[Path]:
    found = sorted((site / "termine" / "kalender").glob("*.ics"))
    assert len(found) > 20, found  # all, per unit, network, centre and one per record
    return found


def expand(path: Path, days: int = 366) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return recurring_ical_events.of(cal).between(DATA_DATE, DATA_DATE + dt.timedelta(days=days))


def starts(items: list[icalendar.Event]) -> dict[dt.date, str]:
    return {item.start.date() if isinstance(item.start, dt.datetime) else item.start: str(item.get("status")) for item in items}


def feed_problems(raw: bytes) -> list[str]:
    """What is wrong with one .ics file: line ends, parsing, time zone, UIDs, DTSTAMP, expansion (empty: nothing)."""
    problems = []
    if raw.count(b"\n") != raw.count(b"\r\n") or b"VERSION:2.0" not in raw:
        problems.append("line ends or version")  # CRLF line ends (RFC 5545 3.1)
    try:
        cal = icalendar.Calendar.from_ical(raw)
        expanded = recurring_ical_events.of(cal).between(DATA_DATE, DATA_DATE + dt.timedelta(days=366 * 2))
    except Exception as exc:  # noqa: BLE001 - any failure to read or expand is a problem of the feed
        return problems + [f"unreadable: {exc}"]
    if [tz["TZID"] for tz in cal.walk("VTIMEZONE")] != ["Europe/Berlin"]:
        problems.append("VTIMEZONE Europe/Berlin missing")
    for item in cal.walk("VEVENT"):
        if not re.fullmatch(r"12069-[a-z0-9-]+@sozialraumatlas", str(item.get("UID"))):
            problems.append(f"UID {item.get('UID')}")
        if item.get("DTSTAMP") is None or item["DTSTAMP"].dt != dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc):
            problems.append("DTSTAMP not the data date")
        start = item["DTSTART"].dt
        if isinstance(start, dt.datetime) and item["DTSTART"].params.get("TZID") != "Europe/Berlin":
            problems.append("DTSTART without TZID")
    if not cal.walk("VEVENT") or not expanded:
        problems.append("no date in the next two years")
    return problems


def test_every_feed_parses_expands_and_names_its_time_zone(example_site: Path) -> None:
    names = [p.name for p in feeds(example_site)]
    for kind in ("alle.ics", "sozialraum-teltow.ics", "netzwerk-sozialraumkonferenz-teltow.ics",
                 "familienzentrum-familienzentrum-werder-havel.ics", "termin-eltern-kind-gruppe-werder.ics"):
        assert kind in names
    for path in feeds(example_site):
        assert feed_problems(path.read_bytes()) == [], path.name


def test_the_feed_check_finds_broken_copies(example_site: Path) -> None:
    raw = (example_site / "termine" / "kalender" / "termin-fachkraefteteam-teltow.ics").read_bytes()
    assert feed_problems(raw) == []
    zone = raw[raw.index(b"BEGIN:VTIMEZONE"):raw.index(b"END:VTIMEZONE\r\n") + len(b"END:VTIMEZONE\r\n")]
    assert "VTIMEZONE Europe/Berlin missing" in feed_problems(raw.replace(zone, b""))
    assert "line ends or version" in feed_problems(raw.replace(b"\r\n", b"\n"))
    assert any(p.startswith("UID") for p in feed_problems(raw.replace(b"UID:12069-", b"UID:4f1c-", 1)))
    assert any(p.startswith("unreadable") for p in feed_problems(raw.replace(b"RRULE:FREQ=MONTHLY", b"RRULE:FREQ=SOMETIMES")))
    assert "DTSTAMP not the data date" in feed_problems(raw.replace(b"DTSTAMP:20261101T000000Z", b"DTSTAMP:20261207T044012Z", 1))


def test_rules_exceptions_and_changes_survive_in_the_feed(example_site: Path) -> None:
    kalender = example_site / "termine" / "kalender"
    group = starts(expand(kalender / "termin-eltern-kind-gruppe-werder.ics"))
    assert group[dt.date(2026, 11, 24)] == "CANCELLED"  # cancelled: an override with STATUS:CANCELLED, still there
    assert group[dt.date(2026, 11, 17)] == "CONFIRMED"
    assert dt.date(2026, 12, 29) not in group and dt.date(2027, 7, 6) not in group  # exdates
    text = (kalender / "termin-eltern-kind-gruppe-werder.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in text and "RECURRENCE-ID;TZID=Europe/Berlin:20261124T093000" in text
    team = starts(expand(kalender / "termin-fachkraefteteam-teltow.ics"))
    assert dt.date(2027, 3, 16) in team and dt.date(2027, 3, 9) not in team  # moved by a week
    consult = starts(expand(kalender / "termin-offene-sprechstunde-bad-belzig.ics"))
    assert dt.date(2027, 5, 6) not in consult  # Christi Himmelfahrt, a holiday: skip_holidays
    assert dt.date(2027, 5, 13) in consult and dt.date(2027, 4, 29) in consult


def test_feeds_are_the_same_bytes_for_the_same_data(example_atlas, example_site: Path) -> None:
    def render() -> dict[str, str]:
        site = Site(example_atlas)
        termine.termine_pages(site, {})
        return {path: text for path, text in site.files.items() if path.endswith(".ics")}

    first, second = render(), render()
    assert first == second and len(first) > 20
    built = (example_site / "termine" / "kalender" / "alle.ics").read_bytes()
    assert built == first["termine/kalender/alle.ics"].encode("utf-8")  # the build wrote the same bytes


def test_termine_page_lists_nothing_before_the_build_date(example_site: Path) -> None:
    html = page(example_site, "termine/")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert "Stand der Daten: 01.11.2026" in article.get_text(" ")
    weeks = [h for h in article.find_all("h2") if h.get_text().startswith("Woche vom")]
    assert len(weeks) >= 20
    listed = []
    for heading in weeks:
        for item in heading.find_next_sibling("ul").find_all("li", recursive=False):
            day, month, year = (int(x) for x in DATE.search(item.get_text()).groups())
            listed.append(dt.date(year, month, day))
    assert listed and min(listed) >= DATA_DATE, min(listed)
    assert listed == sorted(listed)
    # the weekly group started in September and the consultation hour in October: their past dates are not upcoming
    assert "29.10.2026" not in article.get_text() and "27.10.2026" not in article.get_text()
    cancelled = [li for li in article.select("li") if "24.11.2026" in li.get_text() and "Krabbelkäfer" in li.get_text()]
    assert cancelled and cancelled[0].find("del") and "abgesagt" in cancelled[0].get_text()
    assert article.select("li .atlas-example"), "example records carry the „Beispiel“ badge"
    link = article.find("a", string=re.compile("Kalender herunterladen"))
    assert link["href"].endswith("kalender/alle.ics") and link.get("download") == "alle.ics"
    assert not soup.select('a[href^="webcal:"]')  # no site_url in the example: no subscription link


def test_next_dates_on_network_centre_and_profile(example_site: Path) -> None:
    network = BeautifulSoup(page(example_site, "netzwerke/fachkraefteteam-kinder-jugendhilfe-teltow/"), "html.parser").select_one("article")
    text = network.get_text(" ", strip=True)
    assert "Nächstes Treffen (Stand der Daten 01.11.2026): Di, 10.11.2026, 09:30–12:00 Uhr" in text  # from the records
    assert "Nächste Termine" in text and "16.03.2027" in text and "verlegt vom 09.03.2027" in text
    centre = BeautifulSoup(page(example_site, "familienzentren/familienzentrum-werder-havel/"), "html.parser").select_one("article").get_text(" ")
    assert "Nächste Termine" in centre and "03.11.2026" in centre and "Krabbelkäfer" in centre
    profile = BeautifulSoup(page(example_site, "sozialraeume/teltow/"), "html.parser").select_one("article").get_text(" ")
    assert "Nächste Termine" in profile and "10.11.2026" in profile
    for text in (centre, profile):
        assert not any(dt.date(int(y), int(m), int(d)) < DATA_DATE for d, m, y in DATE.findall(text.split("Nächste Termine")[1].split("Stand der Daten")[0]))
    series = page(example_site, "termine/eltern-kind-gruppe-werder/")
    assert "Regelmäßig: jeden Dienstag, nicht an Feiertagen" in series
    assert "atlas-example" in series and "In meinen Kalender" in series and "termin-eltern-kind-gruppe-werder.ics" in series


def test_network_without_records_keeps_its_own_next_meeting(example_site: Path) -> None:
    text = BeautifulSoup(page(example_site, "netzwerke/regionalteam-kinder-jugendhilfe-bad-belzig/"), "html.parser").get_text(" ", strip=True)
    assert "Nächstes Treffen : 09.12.2026" in text and "Nächste Termine" not in text


def test_holidays_come_from_the_land_of_the_district_key() -> None:
    assert dates.land_code("12069") == "BB" and dates.land_code("09162") == "BY" and dates.land_code("99001") is None
    event = Event.model_validate({"id": "t", "title": "Gruppe", "start_date": "2028-10-03", "start_time": "10:00", "rrule": "FREQ=WEEKLY;BYDAY=TU",
                                  "skip_holidays": True, "place": {"online": True}, "organiser": "o", "audience": "oeffentlich"})
    window = (dt.date(2028, 10, 1), dt.date(2028, 11, 1))
    brandenburg = {o.day for o in dates.occurrences(event, "12069", *window)}
    bavaria = {o.day for o in dates.occurrences(event, "09162", *window)}
    assert dt.date(2028, 10, 3) not in brandenburg | bavaria  # Tag der Deutschen Einheit: everywhere
    assert dt.date(2028, 10, 31) not in brandenburg and dt.date(2028, 10, 31) in bavaria  # Reformationstag: Brandenburg only


def test_webcal_only_from_the_sites_own_address() -> None:
    assert webcal_url("https://atlas.example.org/", "termine/kalender/alle.ics") == "webcal://atlas.example.org/termine/kalender/alle.ics"
    assert webcal_url(None, "termine/kalender/alle.ics") is None
    assert safe_url("webcal://atlas.example.org/x.ics") is None  # data links never become webcal links
    links = termine.feed_links("termine/index.md", "termine/kalender/alle.ics", "https://atlas.example.org/")
    assert 'href="webcal://atlas.example.org/termine/kalender/alle.ics"' in links and "kalender/alle.ics" in links
    assert "webcal" not in termine.feed_links("termine/index.md", "termine/kalender/alle.ics", None)


EVENT = """id: {id}
title: Testtermin
start_date: 2027-03-10
start_time: "10:00"
end_time: "12:00"
place:
  family_centre: fz-teststadt
organiser: traeger-a
audience: oeffentlich
"""


def write_event(data: Path, ident: str, old: str = "", new: str = "") -> tuple[Path, int]:
    text = EVENT.format(id=ident)
    line = text[: text.index(old)].count("\n") + 1 if old else 1
    path = data / "termine" / f"{ident}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return path, line


CASES = {
    "end-before-start": ('end_time: "12:00"', 'end_time: "09:00"', "Das Ende 09:00 liegt nicht nach dem Beginn 10:00"),
    "end-day-before-start": ('end_time: "12:00"', "end_date: 2027-03-09", "Der letzte Tag 2027-03-09 liegt vor dem Datum 2027-03-10"),
    "impossible-date": ("start_date: 2027-03-10", "start_date: 2027-02-30", "„2027-02-30“ ist kein Kalenderdatum (diesen Tag gibt es nicht)"),
    "bad-rule": ('end_time: "12:00"', 'end_time: "12:00"\nrrule: FREQ=MONTHLY;BYDAY=2XX', "Die Regel „FREQ=MONTHLY;BYDAY=2XX“ ist keine gültige Wiederholung nach RFC 5545 (ungültiger Wert „2XX“ bei BYDAY)"),
    "unknown-rule-part": ('end_time: "12:00"', 'end_time: "12:00"\nrrule: FREQ=WEEKLY;BYTAG=TU', "unbekannter Teil „BYTAG“"),
    "unknown-place": ("family_centre: fz-teststadt", "family_centre: fz-nirgendwo",
                      "Feld „family_centre“ (Familienzentrum): „fz-nirgendwo“ ist unknown"),
    "unknown-organiser": ("organiser: traeger-a", "organiser: traeger-x", "Feld „organiser“ (Veranstalter): „traeger-x“ ist unbekannt"),
    "change-off-rule": ('end_time: "12:00"', 'end_time: "12:00"\nchanges:\n- date: 2027-03-11\n  status: abgesagt',
                        "Feld „changes“: Am 11.03.2027 ist kein Termin des Termins (start_date 10.03.2027)"),
}
CASES["unknown-place"] = (*CASES["unknown-place"][:2], "Feld „family_centre“ (Familienzentrum): „fz-nirgendwo“ ist unbekannt")


def test_bad_date_records_give_german_messages_with_file_and_line(mini_data: Path, capsys: pytest.CaptureFixture,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    vocab = mini_data / "vocabularies.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + "event_audiences:\n- id: oeffentlich\n  label: öffentlich\n", encoding="utf-8")
    write_event(mini_data, "in-ordnung")
    expected = []
    for ident, (old, new, message) in CASES.items():
        _, line = write_event(mini_data, ident, old, new)
        line += {"bad-rule": 1, "unknown-rule-part": 1, "change-off-rule": 2}.get(ident, 0)  # a line added after `old`; the date inside changes
        expected.append(f"data/termine/{ident}.yaml:{line}: ")
        expected[-1] = (expected[-1], message)
    monkeypatch.chdir(mini_data.parent)
    code = main(["check", "--data", "data"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    for where, message in expected:
        found = [line for line in err.splitlines() if line.startswith(where)]
        assert found and message in found[0], (where, message, err)
    assert "in-ordnung.yaml" not in err


def test_rules_in_words() -> None:
    assert termine.rule_text("FREQ=WEEKLY;BYDAY=TU") == "jeden Dienstag"
    assert termine.rule_text("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;UNTIL=20271031") == "alle 2 Monate am 2. Dienstag, bis 31.10.2027"
    assert termine.rule_text("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4") == "jeden Monat am letzten Freitag, 4-mal"
    assert termine.rule_text("FREQ=MONTHLY;BYDAY=2TU,4TU") == "jeden Monat am 2. Dienstag und 4. Dienstag"
    assert termine.rule_text("FREQ=YEARLY;BYWEEKNO=20") == "nach der Regel „FREQ=YEARLY;BYWEEKNO=20“"  # no words: the rule itself


def test_hostile_text_in_a_date_record_stays_text(mini_data: Path) -> None:
    from generator.check.validate import validate

    vocab = mini_data / "vocabularies.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + "event_audiences:\n- id: oeffentlich\n  label: öffentlich\n", encoding="utf-8")
    path, _ = write_event(mini_data, "boese", "title: Testtermin", 'title: "<script>alert(1)</script> [x](javascript:alert(2))"\n'
                          'description: "<img src=x onerror=alert(3)>"\ncost: "]]> ; BEGIN:VEVENT"')
    atlas, problems = validate(mini_data, with_boundaries=False)
    assert problems == [] and atlas is not None
    site = Site(atlas)
    termine.termine_pages(site, {})
    for name in ("termine/index.md", "termine/boese.md"):
        text = site.files[name].split("\n---\n", 1)[1]  # the body (the front matter's title is a quoted YAML string)
        assert "<script>" not in text and "<img" not in text and "](javascript:" not in text
    ics = site.files["termine/kalender/termin-boese.ics"]
    assert ics.count("\r\nBEGIN:VEVENT\r\n") == 1 and "Kosten: ]]> \\; BEGIN:VEVENT" in ics.replace("\r\n ", "")
    assert len(icalendar.Calendar.from_ical(ics).walk("VEVENT")) == 1
