"""schema.org structured data of benefit pages (`GovernmentService`, issue 20) and Termin pages (`Event`, issue 21).

The blocks are read from the built example atlas (`example_site`); tests/test_schemaorg_vocabulary.py checks
every block of every page against the schema.org vocabulary, this file checks what the blocks say.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import page
from test_schemaorg_vocabulary import problems

from generator.exports import jsonld

DATA_DATE = dt.date(2026, 11, 1)  # data/atlas.yaml
OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$")


def blocks(site: Path, path: str) -> list[dict]:
    soup = BeautifulSoup(page(site, path), "html.parser")
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_benefit_page_is_a_government_service_with_provider_and_channels(example_site: Path) -> None:
    [service] = blocks(example_site, "leistungen/bafoeg/")
    assert service["@type"] == "GovernmentService" and service["name"] == "BAföG"
    assert "§§ 1 ff. BAföG" in service["description"] and service["serviceType"] == "Leistung nach §§ 1 ff. BAföG"
    assert service["provider"] == [{"@type": "GovernmentOrganization", "name": "Kreisverwaltung Potsdam-Mittelmark", "email": "kreisverwaltung@example.org",
                                    "telephone": "033841 000-0", "sameAs": "https://www.example.org/landkreis"}]
    online = [c for c in service["availableChannel"] if "serviceUrl" in c]
    in_person = [c for c in service["availableChannel"] if "serviceLocation" in c]
    assert [c["serviceUrl"] for c in online] == ["https://www.bafoeg-digital.de/"]
    assert in_person[0]["serviceLocation"]["address"]["postalCode"] == "14806"
    assert service["areaServed"] == {"@type": "AdministrativeArea", "name": "Landkreis Potsdam-Mittelmark"}
    assert problems(service, "bafoeg") == []


def test_every_benefit_page_has_its_service_and_a_broken_copy_is_reported(example_site: Path) -> None:
    pages = sorted((example_site / "leistungen").glob("*/index.html"))
    assert len(pages) >= 15
    services = [b for p in pages for b in blocks(example_site, f"leistungen/{p.parent.name}/")]
    assert len(services) == len(pages) and all(s["@type"] == "GovernmentService" and s["provider"] and s["availableChannel"] for s in services)
    broken = copy.deepcopy(services[0])
    broken["legislationIdentifier"] = "BEEG"  # a property of Legislation (pending), not of GovernmentService
    assert any("legislationIdentifier is not a property of GovernmentService" in p for p in problems(broken, "x"))


def test_event_series_lists_its_next_dates_from_the_data_date_with_offset_and_cancellation(example_site: Path) -> None:
    [event] = blocks(example_site, "termine/eltern-kind-gruppe-werder/")
    assert event["@type"] == "Event" and event["organizer"]["name"] == "Familienverein Havelland e.V."
    subs = event["subEvent"]
    assert 1 <= len(subs) <= 5
    starts = [s["startDate"] for s in subs]
    assert all(OFFSET.match(s) for s in starts + [s["endDate"] for s in subs]), starts
    assert min(dt.date.fromisoformat(s[:10]) for s in starts) >= DATA_DATE and starts == sorted(starts)
    status = {s["startDate"][:10]: s["eventStatus"].removeprefix("https://schema.org/") for s in subs}
    assert status["2026-11-24"] == "EventCancelled"  # „abgesagt, wegen Krankheit“ in the record's changes
    assert status["2026-11-03"] == "EventScheduled"
    assert event["isAccessibleForFree"] is True and event["location"]["address"]["addressLocality"] == "Werder (Havel)"
    assert {a["audienceType"] for a in event["audience"]} >= {"öffentlich", "Eltern"}


def test_every_termin_page_has_no_date_before_the_data_date(example_site: Path) -> None:
    pages = sorted((example_site / "termine").glob("*/index.html"))
    found = [b for p in pages for b in blocks(example_site, f"termine/{p.parent.name}/")]
    assert found and all(b["@type"] == "Event" for b in found)
    dates = [e["startDate"] for b in found for e in [b, *b.get("subEvent", [])]]
    assert all(d[:10] >= DATA_DATE.isoformat() for d in dates), dates


def test_times_carry_the_berlin_offset_of_their_day() -> None:
    assert jsonld.moment(dt.date(2026, 11, 3), "09:30") == "2026-11-03T09:30:00+01:00"
    assert jsonld.moment(dt.date(2027, 7, 6), "09:30") == "2027-07-06T09:30:00+02:00"
    assert jsonld.moment(dt.date(2027, 7, 6), None) == "2027-07-06"


def test_moved_past_and_hostile_events(example_atlas) -> None:
    """A moved date is EventRescheduled with its former start; a record without dates from the data date on has no
    block; data cannot end the script element."""
    event = example_atlas.events["eltern-kind-gruppe-werder"]
    moved = event.model_copy(update={"changes": [event.changes[0].model_copy(update={"status": "verlegt", "new_date": dt.date(2026, 11, 26)})]})
    data = jsonld.describe(example_atlas, "termine/x.md", moved)
    [sub] = [s for s in data["subEvent"] if s["startDate"].startswith("2026-11-26")]
    assert sub["eventStatus"] == "https://schema.org/EventRescheduled" and sub["previousStartDate"] == "2026-11-24T09:30:00+01:00"
    past = event.model_copy(update={"rrule": None, "start_date": dt.date(2026, 10, 1), "changes": [], "exdates": []})
    assert jsonld.describe(example_atlas, "termine/x.md", past) is None and str(jsonld.jsonld(example_atlas, "termine/x.md", past)) == ""
    evil = '</script><script>alert("x")</script><!-- &'
    for record in (event.model_copy(update={"title": evil, "description": evil}),
                   example_atlas.leistungen["bafoeg"].model_copy(update={"name": evil, "summary": evil})):
        html = str(jsonld.jsonld(example_atlas, "x.md", record))
        inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
        assert "<" not in inner and ">" not in inner and "&" not in inner
        assert json.loads(inner)["name"] == evil
