"""Issue 17, points 4, 5 and 10 on the built example atlas (no browser): one example notice per page and no
„(Beispiel) Beispiel“, key figures of the start page with date and source, past meetings not shown as the next
one, German values on the Daten page, Leichte Sprache that names a unit's offers under a banner in Leichte
Sprache, and documented web servers that listen on loopback only.

The browser side (first screen, notice height) is tests/browser/test_first_sight_start.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import page
from generator.check.validate import validate
from generator.pages.easy import OFFER_LIMIT
from generator.pages.render import site_parts
from generator.pages.site import Site

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
EXAMPLE_PAGES = ["", "sozialraeume/werder-havel/", "familienzentren/familienzentrum-beelitz/", "angebote/orte/bad-belzig/",
                 "netzwerke/sozialraumkonferenz-werder-havel/", "ansprechpersonen/", "organisationen/", "daten/", "impressum/"]


@pytest.fixture(scope="module")
def atlas():
    found, problems = validate(DATA)
    assert not problems, problems[:3]
    return found


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


# --------------------------------------------------------------------------------------------- point 4 / 10 b


@pytest.mark.parametrize("path", EXAMPLE_PAGES)
def test_one_example_notice_and_no_repeated_word(example_site: Path, path: str) -> None:
    html = soup(example_site, path)
    notices = html.select(".atlas-notice")
    assert len(notices) == 1, [str(n)[:120] for n in notices]
    assert notices[0].find_parent(class_="md-banner") is not None, "the notice belongs in the banner, not in the page"
    assert not [t for t in html.select(".admonition-title") if "Beispieldaten" in t.get_text()], "second notice in the page"
    # the banner opens to the full text; its first line stays short
    summary = notices[0].select_one("summary")
    assert summary is not None and len(words(summary)) <= 90, words(notices[0])
    assert "Erfundene Einträge" in words(notices[0])
    assert not re.search(r"\(Beispiel\)\s*Beispiel", words(html.body)), path


def test_invented_records_keep_one_mark_each(example_site: Path, atlas) -> None:
    centre = next(c for c in atlas.family_centres.values() if c.example)
    html = soup(example_site, f"familienzentren/{centre.id}/")
    heading = html.select_one("article h1")
    assert [b.get_text() for b in heading.select(".atlas-example")] == ["Beispiel"]
    assert "(Beispiel)" not in words(html.select_one("article")), "data texts repeat the mark"
    # a list marks each record once
    listing = soup(example_site, "familienzentren/")
    for link in listing.select(f'article a[href$="{centre.id}/"]'):
        after = link.find_next_sibling()
        assert after is not None and "atlas-example" in after.get("class", []), str(link.parent)[:200]


# --------------------------------------------------------------------------------------------- point 5


def test_start_page_key_figures_have_date_and_source(example_site: Path, atlas) -> None:
    html = soup(example_site, "")
    cards = html.select("article dl.atlas-figures > div")
    labels = [kf.label for kf in atlas.district.key_figures] + (["Einwohnerinnen und Einwohner"] if atlas.district.population else [])
    # one term per label (issue 25: the same term twice in a list), each figure a value of it
    assert sorted(c.select_one("dt").get_text() for c in cards) == sorted(set(labels))
    assert sum(len(c.select("dd.atlas-figure__value")) for c in cards) == len(labels)
    assert len(html.select("article dl.atlas-figures dt")) == len(cards)
    sources = {li["id"]: words(li) for li in html.select("article ol.atlas-sources > li")}
    figures = []
    for card in cards:
        for value in card.select("dd.atlas-figure__value"):
            note = value.find_next_sibling("dd")
            assert note is not None and "atlas-figure__source" in note["class"], words(card)
            link = note.select_one('a[href^="#quelle-"]')
            assert link is not None and link["href"][1:] in sources, words(card)
            assert re.search(r"\d{4}", note.get_text()), f"no date: {words(card)}"
            figures.append((card.select_one("dt").get_text(), words(value), words(note), sources[link["href"][1:]]))
    # the census population and the presentation's rounded figure are told apart by date and source
    population = [f for f in figures if f[0] == "Einwohnerinnen und Einwohner"]
    census = f"{atlas.district.population.value:,.0f}".replace(",", ".")
    assert any(census in value and atlas.district.population.date.strftime("%d.%m.%Y") in note for _l, value, note, _s in population)
    for _label, value, _note, source in population:
        assert ("Zensus" in source) == (census in value), (value, source)


def test_start_page_leads_with_finder_and_nearby(example_site: Path) -> None:
    article = soup(example_site, "").select_one("article")
    first = article.select_one(".atlas-start")
    assert first is not None and first.find_previous_sibling() is article.select_one("h1")
    targets = [a["href"] for a in first.select("a.md-button")]
    assert targets == ["angebote/finder/", "angebote/naehe/"], targets
    assert [words(a) for a in first.select("a.md-button")] == ["Angebot finden", "In meiner Nähe"]


# --------------------------------------------------------------------------------------------- point 10 a


def test_meetings_are_labelled_by_the_data_date(example_site: Path, atlas) -> None:
    checked = 0
    with_dates = {e.network for e in atlas.events.values() if e.network}  # their next meeting comes from the Termine
    for network in (n for n in atlas.networks.values() if n.next_meeting):
        path = example_site / "netzwerke" / network.id / "index.html"
        if not path.is_file():  # internal networks have no page
            continue
        item = next(li for li in soup(example_site, f"netzwerke/{network.id}/").select("article li") if "Treffen" in li.get_text())
        if words(item).startswith("Nächstes Treffen (Stand"):
            assert network.id in with_dates, words(item)  # the first date of its Termine on or after the data date, said so
            stand = atlas.config.data_date.strftime("%d.%m.%Y")
            assert words(item).startswith(f"Nächstes Treffen (Stand der Daten {stand}):"), words(item)
            shown = re.search(r"\d\d\.\d\d\.\d{4}", words(item).split(":", 1)[1])
            assert shown and dt.datetime.strptime(shown.group(), "%d.%m.%Y").date() >= atlas.config.data_date, words(item)
            checked += 1
            continue
        shown = network.next_meeting.strftime("%d.%m.%Y")
        assert shown in words(item)
        if network.next_meeting < atlas.config.data_date:
            assert words(item).startswith("Letztes Treffen:"), words(item)
        else:
            label = item.select_one("span[data-atlas-after]")
            assert label is not None and label.get_text() == "Nächstes Treffen", str(item)
            assert label["data-atlas-after"] == network.next_meeting.isoformat() and label["data-atlas-past"] == "Letztes Treffen"
        checked += 1
    assert checked >= 3


def test_meeting_before_the_data_date_is_the_last_one(atlas) -> None:
    with_dates = {e.network for e in atlas.events.values() if e.network}
    network = next(n for n in atlas.networks.values() if n.next_meeting and n.id not in with_dates)
    network.next_meeting = atlas.config.data_date - dt.timedelta(days=1)
    site = Site(atlas)
    for part in site_parts(site, only=[network]):
        part()
    text = next(content for path, content in site.files.items() if path.endswith(f"netzwerke/{network.id}.md")).replace("\\", "")
    assert f"- Letztes Treffen: {network.next_meeting.strftime('%d.%m.%Y')}" in text
    assert "Nächstes Treffen" not in text


# --------------------------------------------------------------------------------------------- point 10 c

ENGLISH_VALUES = re.compile(r"\b(given|aggregated|computed|flagged|suppressed|true|false|monthly|yearly|records)\b")


def test_daten_page_shows_german_labels(example_site: Path) -> None:
    article = soup(example_site, "daten/").select_one("article")
    for code in article.select("code, pre"):  # file fields, named as they are in the files, may stay English
        code.decompose()
    text = words(article)
    assert ENGLISH_VALUES.findall(text) == [], ENGLISH_VALUES.findall(text)
    legend = soup(example_site, "daten/").select_one("#kennzeichen-in-den-dateien").find_next("table")
    rows = {(words(r.select("td")[0]), words(r.select("td")[1])): words(r.select("td")[2]) for r in legend.select("tbody tr")}
    assert rows[("reliability", "suppressed")] == "zum Schutz kleiner Fallzahlen ohne Wert"
    assert rows[("source", "computed")] and rows[("example", "true")].startswith("Beispieldaten")


# --------------------------------------------------------------------------------------------- point 10 d


def test_leichte_sprache_banner_and_offers(example_site: Path, atlas) -> None:
    for path in ("leichte-sprache/", "leichte-sprache/bad-belzig/"):
        banner = soup(example_site, path).select_one(".md-banner .atlas-notice")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", words(banner)) if s]
        assert sentences and all(len(s.split()) <= 8 for s in sentences), sentences
        assert "Beispiel" in words(banner) and "Erfundene Einträge" not in words(banner)
    unit = atlas.municipalities["bad-belzig"]
    offers = sorted(atlas.offers_in(unit.id), key=lambda o: o.title)
    assert offers, "the example's unit has offers"
    article = soup(example_site, f"leichte-sprache/{unit.id}/").select_one("article")
    links = {a.get_text(strip=True): a["href"] for a in article.select("li a[href]")}
    for offer in offers[:OFFER_LIMIT]:
        assert links.get(offer.title) == f"../../angebote/{offer.id}/", offer.title
    assert "Manche Angaben auf dieser Seite sind nur ein Beispiel" not in words(article)  # the banner says it once


def test_standard_pages_keep_the_standard_banner(example_site: Path) -> None:
    banner = soup(example_site, "sozialraeume/bad-belzig/").select_one(".md-banner .atlas-notice")
    assert banner.name == "details" and "Leichte" not in words(banner)


# --------------------------------------------------------------------------------------------- point 10 e


def test_documented_web_servers_listen_on_loopback_only() -> None:
    docs = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    found = []
    for doc in docs:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if "http.server" in line:
                found.append(doc.name)
                assert "--bind 127.0.0.1" in line, f"{doc.name}:{number}: {line.strip()}"
            assert "0.0.0.0" not in line, f"{doc.name}:{number}: {line.strip()}"
    assert "README.md" in found
