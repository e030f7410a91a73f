"""Contacts for agencies and "Wer mit wem?": contact pages, vCards, the organisation × network matrix,
organisation pages, and that unpublished contacts and internal networks appear in no file of the site.

Built sites: the mini atlas plus the records in tests/fixtures/people (`people_site`), and the example atlas
(`example_site` from tests/conftest.py), each once per test run.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
import vobject
import yaml
from bs4 import BeautifulSoup
from conftest import MINI, REPO, build_site, page, shared_build
from pagefind_index import text as search_text

from generator.exports import vcard as vc
from generator.pages.people import chunks

PEOPLE = Path(__file__).parent / "fixtures" / "people"


def _people(root: Path) -> Path:
    shutil.copytree(MINI, root / "data")
    shutil.copytree(PEOPLE, root / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return build_site(root / "data", root)


@pytest.fixture(scope="module")
def people_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, "people", _people)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def article(site: Path, path: str) -> BeautifulSoup:
    return soup(site, path).select_one("article")


def text(node: BeautifulSoup) -> str:
    """Visible text, whitespace collapsed, without heading permalinks (¶) and example badges."""
    for badge in node.select(".atlas-example, .headerlink"):
        badge.decompose()
    return " ".join(node.get_text(" ").split()).replace(" )", ")").replace("( ", "(").replace(" ,", ",").replace(" :", ":").replace(" ;", ";")


def target(site: Path, path: str, href: str) -> Path:
    """The file a relative link on the served page `path` (a folder, e.g. "ansprechpersonen/") points to."""
    resolved = posixpath.normpath(posixpath.join(path, href.split("#")[0]))
    file = site / resolved
    return file / "index.html" if file.is_dir() else file


def parse(card: str) -> vobject.base.Component:
    return vobject.readOne(card)


# --------------------------------------------------------------------------------------------- vCard format


def test_vcard_escapes_text_and_keeps_structure() -> None:
    card = vc.vcard(role="Beratung; Pflege, Wohnen \\ Hilfe", name="Erika Beispielfrau", organisation="Rat; Tat, e.V.",
                    email="a@example.org", phone="03001 000-21", address=("Weg 1", "", "Testheide", "99998"),
                    url="https://atlas.example.org/ansprechpersonen/x/", categories=["Pflege, Alter", "Beratung"],
                    note="Zeile eins\nZeile zwei")
    assert "TITLE:Beratung\\; Pflege\\, Wohnen \\\\ Hilfe\r\n" in card
    assert "ORG:Rat\\; Tat\\, e.V.\r\n" in card
    assert "N:Beispielfrau;Erika;;;\r\n" in card
    assert "ADR;TYPE=WORK:;;Weg 1;Testheide;;99998;\r\n" in card
    assert "CATEGORIES:Pflege\\, Alter,Beratung\r\n" in card
    assert "NOTE:Zeile eins\\nZeile zwei\r\n" in card
    parsed = parse(card)
    assert parsed.version.value == "3.0"
    assert parsed.fn.value == "Erika Beispielfrau"
    assert parsed.title.value == "Beratung; Pflege, Wohnen \\ Hilfe"
    assert parsed.org.value == ["Rat; Tat, e.V."]
    assert parsed.email.value == "a@example.org" and parsed.tel.value == "03001 000-21"
    assert parsed.adr.value.street == "Weg 1" and parsed.adr.value.code == "99998" and parsed.adr.value.city == "Testheide"
    assert parsed.note.value == "Zeile eins\nZeile zwei"
    assert parsed.categories.value == ["Pflege, Alter", "Beratung"]


def test_vcard_lines_are_crlf_and_folded_at_75_octets_without_splitting_characters() -> None:
    role = "Fachberatung für Übergänge, Förderung und Teilhabe älterer Menschen – " * 4
    card = vc.vcard(role=role.strip(), email="lang@example.org")
    assert card.endswith("END:VCARD\r\n") and card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "\n" not in card.replace("\r\n", "")
    physical = card.encode("utf-8").split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) == 75, "the long role must be folded right at the limit"
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # no character cut in half
    assert sum(1 for line in physical if line.startswith(b" ")) >= 4
    assert parse(card).fn.value == role.strip()


def test_vcard_without_name_is_the_role() -> None:
    card = vc.vcard(role="Funktionspostfach Kinderschutz", phone="+49 3381 000")
    parsed = parse(card)
    assert parsed.fn.value == "Funktionspostfach Kinderschutz"
    assert "TITLE" not in card and "EMAIL" not in card
    assert parsed.tel.value == "+49 3381 000"


def test_chunks_split_evenly() -> None:
    assert [len(c) for c in chunks(list(range(14)), 4)] == [4, 4, 3, 3]
    assert [len(c) for c in chunks(list(range(9)), 4)] == [3, 3, 3]
    assert [len(c) for c in chunks(list(range(6)), 6)] == [6]
    assert chunks([], 6) == []


# --------------------------------------------------------------------------------------------- privacy


def _secrets(data: Path) -> list[str]:
    """Every e-mail, phone number (as written and as tel: digits), name and role of unpublished contacts, and
    the names of internal networks, read straight from the YAML files."""
    found: list[str] = []
    for file in sorted((data / "contacts").glob("*.yaml")):
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        if record.get("publish") is False:
            found += [record["email"], record["role"]] if record.get("email") else [record["role"]]
            if record.get("phone"):
                found += [record["phone"], re.sub(r"[^0-9]", "", record["phone"])]
            if record.get("name"):
                found.append(record["name"])
    for file in sorted((data / "networks").glob("*.yaml")):
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        if record.get("public") is False:
            found += [record["name"], f"netzwerke/{record['id']}"]
    return found


def _leaks(site: Path, secrets: list[str]) -> list[str]:
    leaks = []
    files = [p for p in sorted(site.rglob("*")) if p.is_file()]
    assert any(p.suffix == ".vcf" for p in files) and (site / "pagefind" / "pagefind-entry.json").is_file()
    for file in files:
        content = file.read_bytes().decode("utf-8", errors="ignore")
        unescaped = content.replace("\\/", "/")  # JSON may escape slashes
        leaks += [f"{file.relative_to(site)}: {s}" for s in secrets if s in content or s in unescaped]
    index = search_text(site)  # the search's fragments are compressed: read them unpacked
    leaks += [f"pagefind: {s}" for s in secrets if s in index]
    return leaks


def test_unpublished_contacts_and_internal_networks_appear_in_no_file(people_site: Path) -> None:
    secrets = _secrets(PEOPLE) + _secrets(MINI)
    assert {"Hannelore Verborgen", "verborgen-intern@example.org", "03009 876-54", "0300987654", "Geheimrunde Nordlicht",
            "geheim-intern@example.org"} <= set(secrets)
    assert _leaks(people_site, secrets) == []
    assert not (people_site / "ansprechpersonen" / "intern-zwei").exists()
    assert not (people_site / "ansprechpersonen" / "vcard" / "intern-zwei.vcf").exists()


def test_example_atlas_shows_no_unpublished_contact(example_site: Path) -> None:
    secrets = _secrets(REPO / "data")
    assert len([s for s in secrets if "@" in s]) >= 3 and "Interne Fallberatung Kinderschutz Teltow, Kleinmachnow, Stahnsdorf" in secrets
    assert _leaks(example_site, secrets) == []


# --------------------------------------------------------------------------------------------- contact pages and vCards


def test_every_published_contact_has_a_page_and_a_vcard_linked_from_the_topic_page(people_site: Path) -> None:
    html = article(people_site, "ansprechpersonen/")
    links = {a["href"]: a for a in html.select('a[href$=".vcf"]')}
    cards = sorted((people_site / "ansprechpersonen" / "vcard").glob("*.vcf"))
    assert [c.stem for c in cards] == ["koordination-fh", "kreis-beratung", "pflegeberatung-sued"]
    for card in cards:
        href = f"vcard/{card.name}"
        assert href in links, href
        assert links[href]["download"] == card.name and links[href]["type"] == "text/vcard"
        assert target(people_site, "ansprechpersonen/", href) == card
        assert (people_site / "ansprechpersonen" / card.stem / "index.html").is_file()
    parsed = parse(cards[2].read_text(encoding="utf-8"))
    assert parsed.fn.value == "Erika Beispielfrau"
    assert parsed.title.value.startswith("Pflegeberatung, Wohnberatung; Hilfsmittel \\ Anträge")
    assert parsed.org.value == ["Verein Süd; Hilfe, Rat & Tat e.V."]
    assert parsed.email.value == "pflege-sued@example.org" and parsed.tel.value == "03001 000-21"
    assert parsed.adr.value.street == "Lindenweg 3"
    assert parsed.note.value == "Zuständig für: Amt Testheide"
    assert cards[2].read_bytes().count(b"\r\n") == cards[2].read_bytes().count(b"\n")


def test_vcard_link_works_from_pages_at_every_depth(people_site: Path) -> None:
    for path in ["ansprechpersonen/", "ansprechpersonen/pflegeberatung-sued/", "organisationen/verein-sued/", "netzwerke/pflegekonferenz-nord/"]:
        hrefs = [a["href"] for a in article(people_site, path).select('a[href$="pflegeberatung-sued.vcf"]')]
        assert hrefs, path
        for href in hrefs:
            assert target(people_site, path, href).is_file(), (path, href)


def test_topic_page_entry_has_role_name_organisation_mail_phone_responsibility(people_site: Path) -> None:
    # issue 17: a compact entry per topic group; the vCard and the coordinated networks are on the contact's page
    html = article(people_site, "ansprechpersonen/")
    section = html.select_one("h2#pflege-alter")
    assert section is not None and section.get_text().startswith("Pflege und Alter")
    group = section.find_parent("details")
    assert group is not None and not group.has_attr("open")
    items = group.select("ul > li")
    entry = next(li for li in items if "Erika Beispielfrau" in li.get_text())
    assert entry.select_one('a[href="pflegeberatung-sued/"]').get_text().startswith("Pflegeberatung")
    assert entry.select_one('a[href="mailto:pflege-sued@example.org"]') is not None
    assert entry.select_one('a[href="tel:0300100021"]') is not None
    assert entry.select_one('a[href="../organisationen/verein-sued/"]') is not None
    assert "Zuständig für: Amt Testheide" in text(entry)
    assert entry["data-topics"].split() == ["pflege-alter"] and entry["data-units"] == "amt-testheide"
    assert "pflegekonferenz-nord" in entry["data-networks"].split() and "pflegekonferenz nord" in entry["data-text"]
    district_wide = next(li for li in items if "Sozialberatung des Kreises" in li.get_text())
    assert "Zuständig für: ganzer Landkreis" in text(district_wide) and district_wide["data-units"] == ""
    assert "Beispiel" in entry.get_text()
    person = article(people_site, "ansprechpersonen/pflegeberatung-sued/")
    assert "Pflegekonferenz Nord" in text(person) and person.select_one('a[href$="pflegeberatung-sued.vcf"]') is not None


def test_contact_page_names_everything_and_links_topics(people_site: Path) -> None:
    html = article(people_site, "ansprechpersonen/pflegeberatung-sued/")
    content = text(html)
    for part in ["Erika Beispielfrau", "Verein Süd; Hilfe, Rat & Tat e.V.", "Amt Testheide", "Pflegekonferenz Nord", "Lindenweg 3", "99998 Testheide"]:
        assert part in content, part
    topic = html.select_one('a[href="../#pflege-alter"]')
    assert topic is not None and topic.get_text() == "Pflege und Alter"


def test_units_page_separates_unit_contacts_from_district_wide_ones(people_site: Path) -> None:
    # issue 17: each unit (and „Kreisweit zuständig“) is a closed group whose summary holds the heading
    html = article(people_site, "ansprechpersonen/orte/")
    sections: dict[str, str] = {}
    for h2 in html.select("h2"):
        group = h2.find_parent("details")
        assert group is not None and not group.has_attr("open"), h2["id"]
        sections[h2["id"]] = text(group)
    assert "Sozialberatung des Kreises" in sections["kreisweit"]
    assert "Pflegeberatung" not in sections["kreisweit"]
    assert "Pflegeberatung" in sections["amt-testheide"] and "Sozialberatung des Kreises" not in sections["amt-testheide"]
    assert "Netzwerkkoordination Frühe Hilfen" in sections["teststadt"] and "Pflegeberatung" not in sections["teststadt"]
    assert "Außerdem für Amt Testheide zuständig: 1 Stelle kreisweit" in sections["amt-testheide"]
    assert html.select_one('h2#amt-testheide').find_parent("details").select_one('a[href="./#kreisweit"]') is not None


def test_network_page_lists_coordination_and_fitting_member_contacts(people_site: Path) -> None:
    # issue 17: each network is a closed group whose summary holds the heading and the number of contacts
    html = article(people_site, "ansprechpersonen/netzwerke/")
    sections = {h2["id"]: h2 for h2 in html.select("h2")}
    assert set(sections) == {"fruehe-hilfen-teststadt", "pflegekonferenz-nord", "konferenz-testheide"}

    def part(ident: str) -> str:
        group = sections[ident].find_parent("details")
        assert group is not None and not group.has_attr("open")
        return text(group)

    nord = part("pflegekonferenz-nord")
    assert nord.startswith("Pflegekonferenz Nord (2)")
    assert "Koordination: Pflegeberatung, Wohnberatung; Hilfsmittel \\ Anträge für pflegende Angehörige in der Region Nord – Erika Beispielfrau" in nord
    assert "Ansprechpersonen aus beteiligten Organisationen: Sozialberatung des Kreises" in nord  # shares the topic
    assert "Sozialberatung" not in part("fruehe-hilfen-teststadt")  # no shared topic
    assert "Kreisverwaltung Testkreis" in part("konferenz-testheide")  # coordinating organisation, no contact


# --------------------------------------------------------------------------------------------- organisations


def test_organisation_page_lists_networks_units_offers_and_contacts(people_site: Path) -> None:
    html = article(people_site, "organisationen/verein-sued/")
    networks = text(html.select_one("h2#netzwerke").find_next("ul"))
    assert "Pflegekonferenz Nord: koordiniert (Sozialraumkonferenz; Planungsregion: Region Nord)" in networks
    assert "Sozialraumkonferenz Testheide: Mitglied (Sozialraumkonferenz; Amt Testheide)" in networks
    assert "Geheimrunde" not in text(html)
    units = html.select_one("h2#sozialraeume").find_next("ul")
    assert text(units) == "Amt Testheide (eingetragen)"
    contacts = html.select_one("h2#ansprechpersonen").find_next("ul")
    assert "Erika Beispielfrau" in text(contacts) and "Hannelore" not in text(html)

    traeger = article(people_site, "organisationen/traeger-a/")
    units = text(traeger.select_one("h2#sozialraeume").find_next("ul"))
    assert "Teststadt (1 Angebot, Familienzentrum)" in units and "Amt Testheide (2 Angebote)" in units
    offers = text(traeger.select_one("h2#angebote").find_next("ul"))
    assert "Krabbelgruppe" in offers and "Seniorentreff" in offers
    assert "Mitglied" in text(traeger.select_one("h2#netzwerke").find_next("ul"))

    alone = article(people_site, "organisationen/pflegedienst-ost/")
    assert "In keinem öffentlichen Netzwerk eingetragen." in text(alone)


def _matrix_cells(table: BeautifulSoup) -> tuple[list[str], dict[tuple[str, str], str]]:
    columns = [th.get_text(strip=True) for th in table.select("thead th")]
    cells = {}
    for row in table.select("tbody tr"):
        head = row.select_one('th[scope="row"]')
        if head is None:
            continue
        for column, td in zip(columns[1:], row.select("td")):
            cells[(head.get_text(strip=True), column)] = td.get_text(strip=True)
    return columns, cells


def test_matrix_is_a_table_with_scoped_headers_and_words_in_cells(people_site: Path) -> None:
    html = article(people_site, "organisationen/wer-mit-wem/")
    tables = html.select("table")
    assert len(tables) == 1 and tables[0].caption.get_text() == "Organisationen und Netzwerke"
    table = tables[0]
    heads = table.select("thead th")
    assert all(th["scope"] == "col" for th in heads)
    columns, cells = _matrix_cells(table)
    assert set(columns) == {"Organisation", "Netzwerk Frühe Hilfen Teststadt", "Pflegekonferenz Nord", "Sozialraumkonferenz Testheide"}
    assert cells[("Verein Süd; Hilfe, Rat & Tat e.V.", "Pflegekonferenz Nord")] == "koordiniert"
    assert cells[("Verein Süd; Hilfe, Rat & Tat e.V.", "Sozialraumkonferenz Testheide")] == "Mitglied"
    assert cells[("Verein Süd; Hilfe, Rat & Tat e.V.", "Netzwerk Frühe Hilfen Teststadt")] == ""
    assert cells[("Kreisverwaltung Testkreis", "Sozialraumkonferenz Testheide")] == "koordiniert"
    assert set(cells.values()) <= {"", "Mitglied", "koordiniert"}
    rows = [th.get_text(strip=True) for th in table.select('tbody th[scope="row"]')]
    assert "Pflegedienst Ost" not in rows, "only organisations in a public network"
    groups = [th.get_text(strip=True) for th in table.select('tbody th[scope="rowgroup"]')]
    assert groups == ["Freier Träger", "Verwaltung"]
    for link in table.select("a"):
        assert target(people_site, "organisationen/wer-mit-wem/", link["href"]).is_file(), link["href"]
    lists = text(html)
    assert ("Pflegekonferenz Nord (Sozialraumkonferenz; Planungsregion: Region Nord): koordiniert von Verein Süd; Hilfe, Rat & Tat e.V.; "
            "Mitglieder: Kreisverwaltung Testkreis, Familienverein Test e.V.") in lists
    assert "Netzwerk Frühe Hilfen Teststadt (Netzwerk Frühe Hilfen und Kinderschutz; Teststadt): Mitglieder: Familienverein Test e.V., Kreisverwaltung Testkreis" in lists
    assert "Verein Süd; Hilfe, Rat & Tat e.V.: Pflegekonferenz Nord (koordiniert); Sozialraumkonferenz Testheide (Mitglied)" in lists
    assert "In keinem öffentlichen Netzwerk eingetragen: Pflegedienst Ost" in lists
    assert "Geheimrunde" not in lists


def test_example_matrix_splits_networks_and_matches_the_data(example_site: Path, example_atlas) -> None:
    atlas = example_atlas
    html = article(example_site, "organisationen/wer-mit-wem/")
    tables = html.select("table")
    assert len(tables) == 4 and all(len(t.select("thead th")) <= 5 for t in tables)
    seen: dict[tuple[str, str], str] = {}
    for table in tables:
        seen.update(_matrix_cells(table)[1])
    names = {o.name: o.id for o in atlas.organisations.values()}
    expected = 0
    for network in atlas.networks.values():
        for org_name, org_id in names.items():
            role = "koordiniert" if network.coordinating_organisation == org_id else "Mitglied" if org_id in network.members else ""
            if role:
                expected += 1
                assert seen[(org_name, network.name)] == role, (org_name, network.name)
    assert sum(1 for v in seen.values() if v) == expected
    assert {n for (_, n) in seen} == {n.name for n in atlas.networks.values()}


def test_nav_reaches_contacts_and_matrix(people_site: Path) -> None:
    nav = {a.get_text(strip=True) for a in soup(people_site, "").select("nav a")}
    assert {"Nach Thema", "Nach Sozialraum", "Nach Netzwerk", "Wer mit wem?"} <= nav
