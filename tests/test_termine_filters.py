"""Termine (issue 21, point 2): what the browser's script reads, in the built example atlas.

Every date listed as upcoming carries its end (`data-atlas-end`, ISO 8601 with the offset of Europe/Berlin) with
a notice before its list, so that assets/atlas-termine.js can hide the dates past since the data date; on
termine/ the dates also carry their places, topics and audience for the filter, whose options come from the
vocabularies. Without JavaScript the form stays hidden and the page lists, by Sozialraum, every record with its
page and the unit's calendar. The browser's side: tests/browser/test_termine_browser.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import page

from generator.pages import termine_filter

BERLIN = ZoneInfo("Europe/Berlin")
DAY = re.compile(r"\b(?:Mo|Di|Mi|Do|Fr|Sa|So), (\d{2})\.(\d{2})\.(\d{4})\b")  # „Di, 10.11.2026“: the date of an entry
TIMES = re.compile(r"(\d{2}:\d{2})–(\d{2}:\d{2}) Uhr")


def article(site: Path, path: str) -> Tag:
    found = BeautifulSoup(page(site, path), "html.parser").select_one("article")
    assert found is not None, path
    return found


def date_problems(part: Tag) -> list[str]:
    """What is wrong with the dates of a page part: each date entry (li/span with a date at its start) needs its end
    as an ISO timestamp with offset that matches its day and end time in Europe/Berlin, and a notice for the script
    (empty: nothing)."""
    problems = []
    entries = [e for e in part.find_all(["li", "span"]) if e.has_attr("data-atlas-end") or (e.name == "li" and DAY.match(e.get_text(strip=True)))]
    if not entries:
        return ["no date"]
    if not part.select("[data-atlas-vorbei][hidden]"):
        problems.append("no hidden notice")
    for entry in entries:
        text = entry.get_text(" ", strip=True)
        end = entry.get("data-atlas-end")
        if end is None:
            problems.append(f"no end: {text[:40]}")
            continue
        try:
            moment = dt.datetime.fromisoformat(end)
        except ValueError:
            problems.append(f"not ISO: {end}")
            continue
        if moment.tzinfo is None or moment.utcoffset() != moment.astimezone(BERLIN).utcoffset():
            problems.append(f"offset not Europe/Berlin: {end}")
            continue
        day, month, year = (int(x) for x in DAY.search(text).groups())
        times = TIMES.search(text)
        if times:
            expected = dt.datetime.combine(dt.date(year, month, day), dt.time.fromisoformat(times.group(2)), tzinfo=BERLIN)
            if moment != expected:
                problems.append(f"end {end} ≠ {expected.isoformat()}: {text[:40]}")
        elif moment.date() <= dt.date(year, month, day):
            problems.append(f"end {end} not after the day: {text[:40]}")
    return problems


def test_every_date_on_the_termine_page_carries_its_end(example_site: Path) -> None:
    part = article(example_site, "termine/")
    items = part.select("li[data-atlas-end]")
    assert len(items) > 50
    assert date_problems(part) == []
    group = [li for li in items if li.get_text().startswith("Di, 03.11.2026") and "Krabbelkäfer" in li.get_text()]
    assert len(group) == 1
    assert group[0]["data-atlas-end"] == "2026-11-03T11:00:00+01:00"  # 09:30–11:00, winter time
    assert group[0]["data-places"] == "werder-havel" and group[0]["data-audience"] == "oeffentlich"
    assert group[0]["data-topics"].split() == ["familienbildung", "begegnung-freizeit"]
    summer = [li["data-atlas-end"] for li in items if li["data-atlas-end"] >= "2027-04"]
    assert summer and all(end.endswith("+02:00") for end in summer)  # after the change to summer time
    team = next(li for li in items if li.get_text().startswith("Di, 10.11.2026") and "Fachkräfteteam" in li.get_text())
    assert team["data-places"] == "teltow" and team["data-audience"] == "mitglieder"
    wide = [li for li in items if li["data-places"] == ""]  # no Sozialraum: district-wide or no fixed place
    assert wide and all(re.search("Fortbildung|Pflegekonferenz|Kreisentwicklungsforum", li.get_text()) for li in wide)
    # the week headings the script hides when all their dates are past or filtered out
    weeks = part.select("h2.atlas-woche")
    assert len(weeks) >= 20 and all(h.find_next_sibling().name == "ul" for h in weeks)


@pytest.mark.parametrize("path", [
    "termine/eltern-kind-gruppe-werder/",  # a record's page
    "netzwerke/fachkraefteteam-kinder-jugendhilfe-teltow/",  # a network
    "familienzentren/familienzentrum-werder-havel/",  # a family centre
    "sozialraeume/teltow/",  # a profile: the dates in one paragraph
])
def test_next_dates_elsewhere_carry_their_end_too(example_site: Path, path: str) -> None:
    part = article(example_site, path)
    assert date_problems(part) == []
    assert not part.select("[data-places]")  # the filter's attributes only on termine/


def test_network_next_meeting_is_hidden_when_past_but_not_counted(example_site: Path) -> None:
    part = article(example_site, "netzwerke/fachkraefteteam-kinder-jugendhilfe-teltow/")
    meeting = part.find("li", string=re.compile("^Nächstes Treffen"))
    assert meeting is not None and meeting["data-atlas-end"] == "2026-11-10T12:00:00+01:00" and meeting["data-atlas-uncounted"] == "1"
    listed = part.select("li[data-atlas-end]:not([data-atlas-uncounted])")
    assert listed[0]["data-atlas-end"] == meeting["data-atlas-end"]  # the same date heads the list


def test_profile_dates_are_spans_with_separators_and_a_notice(example_site: Path) -> None:
    part = article(example_site, "sozialraeume/teltow/")
    paragraph = part.find("strong", string="Nächste Termine:").parent
    spans = paragraph.select("span[data-atlas-end]")
    assert len(spans) == 3 and len(paragraph.select("span[data-atlas-sep]")) == 2
    assert [s.get_text() for s in paragraph.select("span[data-atlas-sep]")] == ["; ", "; "]
    assert paragraph.select_one("span[data-atlas-vorbei][hidden]") is not None


def test_the_date_check_finds_broken_copies(example_site: Path) -> None:
    html = page(example_site, "termine/")

    def broken(old: str, new: str, count: int = 1) -> list[str]:
        assert old in html
        return date_problems(BeautifulSoup(html.replace(old, new, count), "html.parser").select_one("article"))

    assert any(p.startswith("no end") for p in broken('data-atlas-end="2026-11-03T11:00:00+01:00"', 'data-atlas-ende="2026-11-03T11:00:00+01:00"'))
    assert any(p.startswith("offset") for p in broken('data-atlas-end="2026-11-03T11:00:00+01:00"', 'data-atlas-end="2026-11-03T11:00:00"'))
    assert any(p.startswith("end 2026-11-03T09:30") for p in broken('data-atlas-end="2026-11-03T11:00:00+01:00"', 'data-atlas-end="2026-11-03T09:30:00+01:00"'))
    assert "no hidden notice" in broken("data-atlas-vorbei hidden", "data-atlas-vorbei")


def test_filter_options_come_from_the_vocabularies_and_the_listed_dates(example_site: Path, example_atlas) -> None:
    part = article(example_site, "termine/")
    form = part.select_one("form#atlas-termine-filter")
    assert form is not None and form.has_attr("hidden")  # shown by the script only
    assert not form.has_attr("action") and not form.has_attr("method")  # nothing is sent anywhere
    status = part.select_one("#atlas-termine-anzahl")
    assert status["role"] == "status" and status.has_attr("hidden")
    items = part.select("li[data-atlas-end]")
    options = {name: [(o["value"], o.get_text()) for o in form.select(f"select[name={name}] option")] for name in ("ort", "thema", "fuer")}
    labels = {s["id"]: part.select_one(f'label[for="{s["id"]}"]').get_text() for s in form.select("select")}
    assert sorted(labels.values()) == ["Für wen", "Sozialraum", "Thema"]
    assert all(values[0] == ("", "alle") for values in options.values())
    topics = {t.id: t.label for t in example_atlas.vocabularies.topics}
    used_topics = {t for li in items for t in li["data-topics"].split()}
    assert options["thema"][1:] == [(t, topics[t]) for t in topics if t in used_topics]  # vocabulary order and labels
    audiences = {a.id: example_atlas.label("event_audiences", a.id) for a in example_atlas.vocabularies.event_audiences}
    assert options["fuer"][1:] == [(a, audiences[a]) for a in audiences if a in {li["data-audience"] for li in items}]
    assert ("fachkraefte", "für Fachkräfte") in options["fuer"]
    units = {u for li in items for u in li["data-places"].split()}
    names = [(u, example_atlas.municipalities[u].name) for u in units]
    assert options["ort"][1:-1] == sorted(names, key=lambda n: n[1].casefold())
    assert options["ort"][-1] == ("ohne", "kreisweit oder ohne festen Sozialraum")  # the area's own word (AreaKind.wide)


def test_without_javascript_the_records_by_sozialraum_give_the_same_reach(example_site: Path, example_atlas) -> None:
    part = article(example_site, "termine/")
    heading = next((h for h in part.find_all("h2") if h.get_text().startswith("Alle Termine und Reihen nach Sozialraum")), None)
    assert heading is not None and heading["id"] == "nach-sozialraum"
    assert part.find("a", href="#nach-sozialraum", string="Termine und Kalender nach Sozialraum") is not None  # from the top of the page
    entries = heading.find_next_sibling("ul").find_all("li", recursive=False)
    listed_records = set()
    for entry in entries:
        links = entry.find_all("a")
        feed = [a for a in links if a["href"].endswith(".ics")]
        records = [a["href"] for a in links if not a["href"].endswith(".ics") and "sozialraeume" not in a["href"]]
        listed_records |= {h.strip("/").rsplit("/", 1)[-1] for h in records}
        if entry.get_text().startswith("Kreisweit"):
            assert not feed
            continue
        profile = links[0]["href"]
        unit = profile.strip("/").rsplit("/", 1)[-1]
        assert profile == f"../sozialraeume/{unit}/" and unit in example_atlas.municipalities
        assert feed and feed[0]["href"] == f"kalender/sozialraum-{unit}.ics" and feed[0].get("download")
        assert (example_site / "termine" / feed[0]["href"]).is_file()
        assert f"Kalender {example_atlas.municipalities[unit].name} (.ics)" == feed[0].get_text()
    assert listed_records == set(example_atlas.events)  # every record, with its own page
    assert "(für Fachkräfte)" in heading.find_next_sibling("ul").get_text()  # the audience of each record


def test_end_moment_of_all_day_start_only_and_multi_day_dates(example_atlas) -> None:
    from generator.model import events as dates

    event = next(iter(example_atlas.events.values()))
    day = dt.date(2027, 3, 27)  # the night to summer time follows
    assert termine_filter.end_moment(dates.Occurrence(event, day, day, None, None, day)) == "2027-03-28T00:00:00+01:00"
    assert termine_filter.end_moment(dates.Occurrence(event, day, day, "17:00", None, day)) == "2027-03-28T00:00:00+01:00"
    assert termine_filter.end_moment(dates.Occurrence(event, day, day, "09:00", "15:30", day + dt.timedelta(days=2))) == "2027-03-29T15:30:00+02:00"
