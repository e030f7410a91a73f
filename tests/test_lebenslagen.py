"""Lebenslagen-Lotse (issue 20, first part): life situations and benefits as records, their pages, the overview
„Was ist passiert?“ and the German messages for bad records."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.check.validate import validate
from generator.cli import main
from generator.core.formatting import fmt_number
from generator.model.schema import Location
from generator.pages.finder import offer_location
from generator.pages.lebenslagen import FEW, distance_km, fits, legal_text, lebenslagen_pages
from generator.pages.lebenslagen_path import situations_for
from generator.pages.site import Site

from conftest import page

DECIDES = "entscheidet allein die zuständige Stelle"


def text_of(markup: str) -> str:
    """The visible text of a piece of HTML: tags removed, entities resolved, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def section(markup: str, anchor: str, levels: str = "23") -> str:
    """The HTML from the heading with id `anchor` to the next heading of one of `levels` (default: 2 or 3)."""
    start = markup.index(f'id="{anchor}"')
    end = re.compile(rf"<h[{levels}][ >]").search(markup, start)
    return markup[start:end.start() if end else len(markup)]


def main_text(markup: str) -> str:
    """Text of the page's article (without navigation and footer)."""
    return text_of(markup[markup.index("<article"):markup.index("</article>")])


# --------------------------------------------------------------------------------------------- pages of the example


def test_every_situation_has_its_page_with_benefits_legal_basis_and_responsible_body(example_site: Path, example_atlas):
    a = example_atlas
    assert len(a.lebenslagen) >= 6 and len(a.leistungen) >= 15
    for situation in a.lebenslagen.values():
        markup = page(example_site, f"lebenslagen/{situation.id}/")
        text = main_text(markup)
        assert situation.name in text and DECIDES in text, situation.id
        assert situation.benefits, situation.id
        benefits = text_of(section(markup, "leistungen", "2"))
        for benefit_id in situation.benefits:
            benefit = a.leistungen[benefit_id]
            assert benefit.name in benefits and f"Rechtsgrundlage: {legal_text(benefit.legal_basis)}" in benefits, (situation.id, benefit_id)
            assert f'href="../../leistungen/{benefit_id}/"' in markup
            for r in benefit.responsible:
                org = a.organisations[r.organisation]
                assert f"{r.level}: {org.name}" in benefits, (situation.id, benefit_id, r.organisation)
                assert f'href="../../organisationen/{org.id}/"' in markup
                if org.address is not None:
                    assert f"{org.address.postal_code} {org.address.city}" in benefits
                if org.phone:
                    assert org.phone in benefits
                if org.opening_hours:
                    assert "Sprechzeiten:" in benefits
        assert 'class="atlas-example">Beispiel' in markup  # example records carry the badge


def test_legal_bases_and_bodies_are_the_true_ones(example_atlas):
    bases = {b.id: legal_text(b.legal_basis) for b in example_atlas.leistungen.values()}
    assert bases["elterngeld"] == "§§ 1 ff. BEEG"
    assert bases["kindergeld"] == "§ 62 EStG und § 1 BKGG"
    assert bases["kinderzuschlag"] == "§ 6a BKGG"
    assert bases["unterhaltsvorschuss"] == "§ 1 UVG"
    assert bases["buergergeld"] == "§ 19 SGB II"
    assert bases["hilfe-zur-erziehung"] == "§ 27 SGB VIII"
    assert bases["kindertagesbetreuung"] == "§ 24 SGB VIII"
    assert bases["fruehfoerderung"] == "§ 46 SGB IX"
    assert bases["pflegegeld"] == "§ 37 SGB XI"
    assert bases["hilfe-zur-pflege"] == "§ 61 SGB XII"
    assert bases["grundsicherung-im-alter"] == "§ 41 SGB XII"
    assert bases["asylbewerberleistungen"] == "§ 3 AsylbLG"
    invented = [o for o in example_atlas.organisations.values() if o.id.endswith("-beispiel")]
    assert invented and all(o.example for o in invented)


def place_block(markup: str, unit_id: str) -> str:
    """The collapsed block of one Sozialraum under „Hilfe in der Nähe“: the <details> that holds `id="ort-<unit>"`."""
    at = markup.index(f'id="ort-{unit_id}"')
    return markup[markup.rindex("<details", 0, at):markup.index("</details>", at)]


PLACES = ("teltow", "werder-havel", "amt-beetzsee")  # many offers, several, none for most situations


def test_every_situation_shows_offers_and_family_centres_for_each_place(example_site: Path, example_atlas):
    """For every situation and two (three) different places: that place's family centres and exactly its fitting
    offers; with fewer than three, the nearest fitting offers of other places with their distance in km."""
    a = example_atlas
    seen_nearest = 0
    for situation in a.lebenslagen.values():
        markup = page(example_site, f"lebenslagen/{situation.id}/")
        assert markup.count('class="atlas-profile-details atlas-lotse__ort"') == len(a.municipalities), situation.id
        for unit_id in PLACES:
            block = place_block(markup, unit_id)
            unit = a.municipalities[unit_id]
            assert re.search(rf"<summary>{re.escape(html.escape(unit.name, quote=False))} ", block), (situation.id, unit_id)
            own = [o for o in a.offers_in(unit_id) if fits(o, situation)]
            for offer in own:
                assert f'href="../../angebote/{offer.id}/"' in block, (situation.id, unit_id, offer.id)
            for other in (o for o in a.offers_in(unit_id) if not fits(o, situation)):
                assert f'href="../../angebote/{other.id}/"' not in block, (situation.id, unit_id, other.id)
            for centre in a.centres_in(unit_id):
                assert f'href="../../familienzentren/{centre.id}/"' in block
            assert f'href="../../angebote/orte/{unit_id}/"' in block
            near = text_of(block)
            if len(own) < FEW and any(fits(o, situation) for o in a.offers.values() if o.municipality != unit_id):
                assert "In anderen Orten in der Nähe (Luftlinie ab dem Verwaltungssitz):" in near, (situation.id, unit_id)
                distances = [float(d.replace(",", ".")) for d in re.findall(r"(\d+,\d) km:", near)]  # text_of: no-break space → space
                assert distances and distances == sorted(distances) and len(own) + len(distances) <= FEW, (situation.id, unit_id, distances)
                seen_nearest += 1
            else:
                assert "Luftlinie" not in near, (situation.id, unit_id)
    assert seen_nearest >= 3


def test_place_blocks_of_one_page_differ_and_nearest_offers_are_the_closest(example_site: Path, example_atlas):
    a = example_atlas
    markup = page(example_site, "lebenslagen/ein-kind-kommt/")
    teltow, werder, beetzsee = (place_block(markup, u) for u in PLACES)
    assert "eltern-baby-treff-teltow" in teltow and "eltern-baby-treff-teltow" not in werder
    assert "babymassage-werder-havel" in werder and "seniorentreff-werder-havel" not in werder
    # Amt Beetzsee has no fitting offer: the three nearest fitting offers, checked against the distance formula
    situation, unit = a.lebenslagen["ein-kind-kommt"], a.municipalities["amt-beetzsee"]
    others = sorted((distance_km(unit.location, offer_location(a, o)[0]), o.id) for o in a.offers.values()
                    if fits(o, situation) and o.status != "beendet" and o.municipality != unit.id)
    found = re.findall(r'(\d+,\d)\xa0km: <a href="\.\./\.\./angebote/([^/"]+)/"', beetzsee)
    assert [i for _, i in found] == [i for _, i in others[:FEW]]
    assert [d for d, _ in found] == [fmt_number(km, 1) for km, _ in others[:FEW]]
    assert "<script" not in markup[markup.index('id="hilfe-in-der-naehe"'):markup.index("</article>")]
    assert 'data-atlas-lotse' in markup and "assets/atlas-lotse.js" in markup


def test_distance_is_the_great_circle_in_km():
    assert distance_km(Location(lat=52.0, lon=13.0), Location(lat=53.0, lon=13.0)) == pytest.approx(111.195, abs=0.01)
    assert distance_km(Location(lat=52.4, lon=13.1), Location(lat=52.4, lon=13.1)) == 0


# --------------------------------------------------------------------------------------------- the question path


def test_question_path_leads_from_who_and_what_to_the_place_on_the_situation_page(example_site: Path, example_atlas):
    a = example_atlas
    start = page(example_site, "lebenslagen/fragen/")
    text = main_text(start)
    assert "Für wen suchen Sie Hilfe?" in text and "Schritt 1 von 3" in text
    answers = [t for t in a.vocabularies.help_for if situations_for(a, t.id)]
    assert [t.id for t in answers] == ["mich", "familie", "angehoerige"]
    for term in answers:
        assert f'<a href="fuer-{term.id}/">{html.escape(term.label, quote=False)}</a>' in start
        step2 = page(example_site, f"lebenslagen/fragen/fuer-{term.id}/")
        assert "Schritt 2 von 3" in main_text(step2) and "Was ist passiert?" in main_text(step2)
        listed = re.findall(r'<a href="\.\./wo/([^/"]+)/">', step2)
        assert listed == [s.id for s in a.lebenslagen.values() if term.id in s.for_whom], term.id
        assert 'href="../"' in step2  # back to the first question
    care = page(example_site, "lebenslagen/fragen/fuer-angehoerige/")
    assert "angehoeriger-braucht-pflege" in care and "ein-kind-kommt" not in care
    for situation in a.lebenslagen.values():
        step3 = page(example_site, f"lebenslagen/fragen/wo/{situation.id}/")
        assert "Schritt 3 von 3" in main_text(step3) and "Wo wohnen Sie?" in main_text(step3)
        for unit in a.municipalities.values():
            target = f'href="../../../{situation.id}/#ort-{unit.id}"'
            assert step3.count(target) == 1 + len(unit.members), (situation.id, unit.id)  # the unit and each member
        for village in (v for u in a.municipalities.values() for v in u.villages):
            assert html.escape(village, quote=False) in step3
        landing = page(example_site, f"lebenslagen/{situation.id}/")
        assert all(f'id="ort-{u}"' in landing for u in a.municipalities)
        assert f'href="../fragen/wo/{situation.id}/"' in landing  # „Wo wohnen Sie?“ from the situation page
    brueck = page(example_site, "lebenslagen/fragen/wo/ein-kind-kommt/")
    assert re.search(r'<a href="\.\./\.\./\.\./ein-kind-kommt/#ort-amt-brueck">Borkheide</a>', brueck)
    assert "search_index" not in start and "data-pagefind-body" not in start  # the path stays out of the search
    assert 'href="fragen/"' in page(example_site, "lebenslagen/")


def test_without_answers_the_path_starts_with_what_happened(mini_data: Path):
    """An atlas without the vocabulary help_for: the first page asks „Was ist passiert?“ (two steps)."""
    _write(mini_data)
    atlas, problems = validate(mini_data)
    assert atlas is not None and not problems, problems
    site = Site(atlas)
    lebenslagen_pages(site, {})
    start = site.files["lebenslagen/fragen/index.md"]
    assert "# Was ist passiert?" in start and "Schritt 1 von 2" in start and "(wo/ein-kind-kommt.md)" in start
    where = site.files["lebenslagen/fragen/wo/ein-kind-kommt.md"]
    assert "Schritt 2 von 2" in where and "(../../ein-kind-kommt.md#ort-teststadt)" in where
    assert not [p for p in site.files if "/fuer-" in p]


def test_the_table_of_contents_names_benefits_without_the_example_badge(example_site: Path):
    """A heading shows the „Beispiel“ badge; the page's table of contents lists the plain name (data-toc-label)."""
    text = page(example_site, "lebenslagen/ein-kind-kommt/")
    toc = text[text.index('md-nav--secondary'):]
    toc = toc[: toc.index("</nav>")]
    labels = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", m))).strip() for m in re.findall(r'<a [^>]*class="md-nav__link"[^>]*>(.*?)</a>', toc, re.S)]
    assert "Elterngeld" in labels and not [label for label in labels if "Beispiel" in label], labels
    assert re.search(r'<h3 id="[^"]+">Elterngeld <span class="atlas-example">Beispiel</span>', text)


def test_offers_fit_a_situation_by_topic_and_target_group(example_atlas):
    a = example_atlas
    care, child = a.lebenslagen["angehoeriger-braucht-pflege"], a.lebenslagen["ein-kind-kommt"]
    assert fits(a.offers["beratung-pflegende-angehoerige-werder-havel"], care)
    assert not fits(a.offers["beratung-pflegende-angehoerige-werder-havel"], child)
    assert fits(a.offers["eltern-baby-treff-teltow"], child) and not fits(a.offers["eltern-baby-treff-teltow"], care)


def test_benefit_page_names_what_who_where_how(example_site: Path, example_atlas):
    text = main_text(page(example_site, "leistungen/pflegegeld/"))
    assert "Rechtsgrundlage: § 37 SGB XI" in text and DECIDES in text
    org = example_atlas.organisations["kranken-und-pflegekasse-beispiel"]
    assert f"Pflegekasse: {org.name}" in text and "Beispielring 6, 14469 Potsdam" in text
    assert "Sprechzeiten: Montag bis Freitag: 08:00–16:00 Uhr" in text
    assert "Wer kann sie bekommen?" in text and "Wie beantragen?" in text and "Ein Angehöriger braucht Pflege" in text
    bafoeg = page(example_site, "leistungen/bafoeg/")
    assert '<a href="https://www.bafoeg-digital.de/">Online-Dienst für BAföG</a>' in bafoeg
    listing = main_text(page(example_site, "leistungen/"))
    assert "§ 41 SGB XII" in listing and "Grundsicherung im Alter" in listing
    hours = main_text(page(example_site, "organisationen/sozialamt-beispiel/"))
    assert "Öffnungszeiten" in hours and "Dienstag 09:00–12:00 und 13:00–18:00 Uhr" in hours


def test_overview_is_linked_from_start_finder_profile_and_navigation(example_site: Path, example_atlas):
    overview = page(example_site, "lebenslagen/")
    text = main_text(overview)
    assert "Was ist passiert?" in text and DECIDES in text
    for situation in example_atlas.lebenslagen.values():
        assert f'href="{situation.id}/"' in overview
    assert 'href="lebenslagen/"' in page(example_site, "")
    assert 'href="../../lebenslagen/"' in page(example_site, "angebote/finder/")
    assert 'href="../lebenslagen/"' in page(example_site, "landkreis/")  # the district's profile too
    profile = page(example_site, "sozialraeume/teltow/")
    assert 'href="../../lebenslagen/"' in profile and 'href="../../lebenslagen/ein-kind-kommt/#ort-teltow"' in profile
    assert re.search(r'<a[^>]*href="\.\./lebenslagen/" class="md-nav__link">(\s|<[^>]+>)*Was ist passiert\?', page(example_site, "netzwerke/")), "in the navigation"


def test_an_atlas_without_situations_has_no_such_pages_or_links(mini_site: Path):
    assert not (mini_site / "lebenslagen").exists()
    assert "lebenslagen/" not in page(mini_site, "") and "lebenslagen/" not in page(mini_site, "sozialraeume/teststadt/")


# --------------------------------------------------------------------------------------------- bad records

BENEFIT = """\
id: elterngeld
name: Elterngeld
summary: Geld für Eltern, die ihr Kind betreuen.
legal_basis:
- law: BEEG
  section: §§ 1 ff.
who: Eltern kleiner Kinder.
responsible:
- level: Landkreis
  organisation: kreis
how_to_apply: Schriftlich beim Landkreis.
online_service: https://www.example.org/elterngeld
leika: ["99000000000000"]
"""
SITUATION = """\
id: ein-kind-kommt
name: Ein Kind kommt
summary: Sie bekommen ein Kind.
benefits: [elterngeld]
topics: [fruehe-hilfen]
"""


def _write(data: Path, benefit: str = BENEFIT, situation: str = SITUATION) -> tuple[Path, Path]:
    (data / "leistungen").mkdir()
    (data / "lebenslagen").mkdir()
    b, s = data / "leistungen" / "elterngeld.yaml", data / "lebenslagen" / "ein-kind-kommt.yaml"
    b.write_text(benefit, encoding="utf-8")
    s.write_text(situation, encoding="utf-8")
    return b, s


def _check(data: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["check", "--data", str(data)])
    return code, capsys.readouterr().err


def test_good_records_pass_the_check(mini_data: Path, capsys):
    _write(mini_data)
    code, err = _check(mini_data, capsys)
    assert code == 0, err


@pytest.mark.parametrize("old,new,line,words", [
    ("organisation: kreis", "organisation: elterngeldstelle", 10,
     "Feld „organisation“ (Zuständige Stelle): „elterngeldstelle“ ist unbekannt – es gibt keine Datei organisations/elterngeldstelle.yaml (Organisation)"),
    ("https://www.example.org/elterngeld", "ftp://example.org/elterngeld", 12, "Link „ftp://example.org/elterngeld“: erlaubt sind nur Adressen mit http:, https:"),
    ("https://www.example.org/elterngeld", "javascript:alert(1)", 12, "erlaubt sind nur Adressen mit http:, https:"),
    ("legal_basis:\n- law: BEEG\n  section: §§ 1 ff.\n", "", 1, "Pflichtfeld „legal_basis“ (Rechtsgrundlage) fehlt"),
    ("  section: §§ 1 ff.\n", "", 5, "Pflichtfeld „legal_basis[1].section“ (Paragraf) fehlt"),
    ("who: Eltern kleiner Kinder.\n", "who: Eltern kleiner Kinder.\nfarbe: blau\n", 8, "Unbekanntes Feld „farbe“"),
    ('leika: ["99000000000000"]', 'leika: ["9900"]', 13, "leika"),
])
def test_bad_benefit_gives_a_german_message_with_file_and_line(mini_data: Path, capsys, monkeypatch, old, new, line, words):
    assert old in BENEFIT
    _write(mini_data, BENEFIT.replace(old, new, 1))
    monkeypatch.chdir(mini_data.parent)
    code, err = _check(Path("data"), capsys)
    assert code == 1 and "Traceback" not in err
    found = [m for m in err.splitlines() if m.startswith(f"data/leistungen/elterngeld.yaml:{line}: ")]
    assert any(words in m for m in found), err


def test_bad_situation_references_give_german_messages_with_file_and_line(mini_data: Path, capsys, monkeypatch):
    _write(mini_data, situation=SITUATION.replace("[elterngeld]", "[elterngeld, kindergeld]") + "related: [trennung]\ntarget_groups: [rentner]\n")
    monkeypatch.chdir(mini_data.parent)
    code, err = _check(Path("data"), capsys)
    assert code == 1
    assert ("data/lebenslagen/ein-kind-kommt.yaml:4: Feld „benefits“ (Leistungen): „kindergeld“ ist unbekannt – "
            "es gibt keine Datei leistungen/kindergeld.yaml (Leistung)") in err
    assert "data/lebenslagen/ein-kind-kommt.yaml:6: Feld „related“ (Verwandte Lebenslagen): „trennung“ ist unbekannt" in err
    assert "data/lebenslagen/ein-kind-kommt.yaml:7: Feld „target_groups“ (Zielgruppen): „rentner“ steht nicht im Vokabular „target_groups“" in err
    assert "3 Probleme gefunden" in err


def test_unknown_answer_of_the_question_path_gives_a_german_message_with_file_and_line(mini_data: Path, capsys, monkeypatch):
    vocabularies = mini_data / "vocabularies.yaml"
    vocabularies.write_text(vocabularies.read_text(encoding="utf-8").rstrip("\n") + "\nhelp_for:\n- id: mich\n  label: Für mich\n"
                            "- id: familie\n  label: Für mein Kind oder unsere Familie\n", encoding="utf-8")
    _write(mini_data, situation=SITUATION + "for_whom: [familie, mihc]\n")
    monkeypatch.chdir(mini_data.parent)
    code, err = _check(Path("data"), capsys)
    assert code == 1 and "Traceback" not in err
    assert ("data/lebenslagen/ein-kind-kommt.yaml:6: Feld „for_whom“ (Für wen): „mihc“ steht nicht im Vokabular „help_for“") in err, err
    assert "meinten Sie „mich“?" in err and "1 Problem gefunden" in err


def test_atlas_new_writes_a_benefit_form_that_check_reads(mini_data: Path, capsys):
    assert main(["new", "leistung", "Wohngeld", "--data", str(mini_data)]) == 0
    text = (mini_data / "leistungen" / "wohngeld.yaml").read_text(encoding="utf-8")
    assert "# Pflicht – Rechtsgrundlage" in text and "# Pflicht – Zuständige Stellen" in text
    capsys.readouterr()
    code, err = _check(mini_data, capsys)
    assert code == 1 and "data/leistungen/wohngeld.yaml:" in err.replace(str(mini_data), "data") and "legal_basis" in err
