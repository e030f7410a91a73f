"""Lebenslagen in Leichter Sprache (issue 20): `leichte-sprache/lebenslagen/` from the editors' texts (`easy`) of the
situations and benefits, with the office contact generated from the records; the links to and from the pages;
German messages for a bad `easy` block and the check's warnings (missing texts, long sentences, „§“)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.check.easy_text import easy_text_warnings
from generator.cli import main
from generator.pages.easy_lebenslagen import easy_lines, office_hours
from generator.pages.lebenslagen import address_text

from conftest import REPO, page

MAX_WORDS = 15


def text_of(markup: str) -> str:
    """Visible text of HTML: tags removed, entities resolved, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("¶", " "))  # ¶: the headings' permalinks


def article(markup: str) -> str:
    return markup[markup.index("<article"):markup.index("</article>")]


def rule_breaks(markup: str) -> list[str]:
    """What breaks the rules of Leichte Sprache in a page's article: „§“, „SGB“, percent, sentences of more than 15 words
    (a sentence: the text of one paragraph or list item up to . ! or ?)."""
    body = article(markup)
    found = [sign for sign in ("§", "SGB", "%", "Prozent") if sign in text_of(body)]
    for block in re.findall(r"<(?:p|li|h1|h2|h3)\b[^>]*>(.*?)</(?:p|li|h1|h2|h3)>", body, re.S):
        for sentence in re.split(r"(?<=[.!?])\s+", text_of(block).strip()):
            if len(sentence.split()) > MAX_WORDS:
                found.append(sentence)
    return found


# --------------------------------------------------------------------------------------------- the example atlas


def test_every_situation_with_easy_text_has_its_page_with_office_contact(example_site: Path, example_atlas):
    a = example_atlas
    situations = [s for s in a.lebenslagen.values() if s.easy is not None]
    assert len(situations) == len(a.lebenslagen) == 8
    for s in situations:
        markup = page(example_site, f"leichte-sprache/lebenslagen/{s.id}/")
        text = text_of(article(markup))
        h1 = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S).group(1))
        assert s.easy.name in h1, s.id
        assert all(line in text for line in easy_lines(s.easy.text)), s.id
        assert "Das Amt entscheidet." in text and "Das Familien-Zentrum hilft beim Antrag." in text
        assert rule_breaks(markup) == [], (s.id, rule_breaks(markup))
        for benefit_id in s.benefits:
            b = a.leistungen[benefit_id]
            assert b.easy is not None and b.easy.name in text, (s.id, benefit_id)
            assert f'href="../../../leistungen/{b.id}/"' in markup
            for r in b.responsible:
                org = a.organisations[r.organisation]
                assert f"Hier können Sie fragen: {org.name}" in text, (s.id, b.id, org.id)
                if org.address is not None:
                    assert f"Die Adresse ist: {address_text(org)}" in text
                if org.phone:
                    assert f"Sie können anrufen: {org.phone}" in text
                if org.email:
                    assert f"Sie können eine E-Mail schreiben: {org.email}" in text
                for line in office_hours(org):
                    assert line in text, (org.id, line)
            for document in b.documents:
                assert document in text
        assert f'href="../../../lebenslagen/{s.id}/"' in markup, "link back to the page in standard language"
        assert 'href="../../teltow/"' in markup, "the unit pages in Leichter Sprache name the family centres"
        assert 'data-pagefind-weight="0.5"' in markup
        standard = page(example_site, f"lebenslagen/{s.id}/")
        assert f'href="../../leichte-sprache/lebenslagen/{s.id}/"' in standard
    # structured parts phrased in Leichter Sprache from the records
    baby = text_of(article(page(example_site, "leichte-sprache/lebenslagen/ein-kind-kommt/")))
    assert "Zu diesen Zeiten können Sie hingehen: Am Dienstag: von 9 Uhr bis 12 Uhr und von 13 Uhr bis 18 Uhr. Am Donnerstag: von 9 Uhr bis 12 Uhr." in baby
    assert "Das brauchen Sie meistens für den Antrag: Geburtsurkunde des Kindes" in baby
    assert "Kinder-Geld Beispiel Sie haben ein Kind." in baby and "Montag bis Freitag: von 8 Uhr bis 12 Uhr." in baby
    # an office named again (Familienkasse: Kinder-Geld, then Kinder-Zuschlag) refers to its first place instead of repeating it
    assert "Hier können Sie fragen: Familienkasse Beispiel Adresse, Telefon und Zeiten stehen weiter oben bei: Kinder-Geld" in baby
    assert baby.count("Sie können anrufen: 0331 000-900") == 1
    assert '<a href="#leistung-kindergeld">Kinder-Geld</a>' in page(example_site, "leichte-sprache/lebenslagen/ein-kind-kommt/")
    school = page(example_site, "leichte-sprache/lebenslagen/schule-ausbildung/")
    assert 'Sie können den Antrag auch im Internet stellen: <a href="https://www.bafoeg-digital.de/">Antrag im Internet</a>' in school


def test_overview_lists_the_pages_and_the_easy_index_links_to_it(example_site: Path, example_atlas):
    overview = page(example_site, "leichte-sprache/lebenslagen/")
    text = text_of(article(overview))
    assert "Was ist passiert?" in text and "Das Amt entscheidet." in text and rule_breaks(overview) == []
    for s in example_atlas.lebenslagen.values():
        assert re.search(rf'<a href="{s.id}/">{re.escape(html.escape(s.easy.name, quote=False))}</a>', overview), s.id
    assert 'href="../../lebenslagen/"' in overview
    assert 'href="lebenslagen/"' in page(example_site, "leichte-sprache/")


def test_the_rule_check_finds_a_paragraph_sign_and_a_long_sentence_in_a_broken_copy(example_site: Path):
    """rule_breaks can fail: the real page with a legal citation and a long sentence put in."""
    real = page(example_site, "leichte-sprache/lebenslagen/ein-kind-kommt/")
    long = "Sie bekommen das Geld nur dann, wenn Sie den Antrag rechtzeitig und vollständig mit allen Unterlagen bei der Stelle abgeben."
    broken = real.replace("<p>Das Amt entscheidet.</p>", f"<p>Das steht in § 24 SGB VIII.</p><p>{long}</p>", 1)
    assert broken != real and rule_breaks(real) == []
    assert rule_breaks(broken) == ["§", "SGB", long]


def test_an_atlas_without_easy_texts_has_no_such_pages_or_link(mini_site: Path):
    assert not (mini_site / "leichte-sprache" / "lebenslagen").exists()
    assert "lebenslagen/" not in page(mini_site, "leichte-sprache/")


# --------------------------------------------------------------------------------------------- a situation without easy text

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
easy:
  name: Eltern-Geld
  text: |
    Sie haben ein Baby bekommen.
    Dann bekommen Sie vielleicht Eltern-Geld.
"""
PLAIN_BENEFIT = """\
id: wohngeld
name: Wohngeld
summary: Ein Zuschuss zur Miete.
legal_basis:
- law: WoGG
  section: §§ 1 ff.
who: Menschen mit kleinem Einkommen.
responsible:
- level: Landkreis
  organisation: kreis
how_to_apply: Schriftlich beim Landkreis.
"""
SITUATION = """\
id: ein-kind-kommt
name: Ein Kind kommt
summary: Sie bekommen ein Kind.
benefits: [elterngeld, wohngeld]
topics: [fruehe-hilfen]
easy:
  name: Sie bekommen ein Baby
  text: |
    Sie sind schwanger.
    Dann gibt es Hilfe für Sie.
"""
PLAIN_SITUATION = """\
id: wenig-geld
name: Wenig Geld
summary: Das Geld reicht nicht.
benefits: [wohngeld]
topics: [beratung]
"""


def _write(data: Path, situation: str = SITUATION, benefit: str = BENEFIT) -> tuple[Path, Path]:
    (data / "leistungen").mkdir(exist_ok=True)
    (data / "lebenslagen").mkdir(exist_ok=True)
    (data / "leistungen" / "wohngeld.yaml").write_text(PLAIN_BENEFIT, encoding="utf-8")
    (data / "lebenslagen" / "wenig-geld.yaml").write_text(PLAIN_SITUATION, encoding="utf-8")
    b, s = data / "leistungen" / "elterngeld.yaml", data / "lebenslagen" / "ein-kind-kommt.yaml"
    b.write_text(benefit, encoding="utf-8")
    s.write_text(situation, encoding="utf-8")
    return b, s


def test_a_situation_without_easy_text_gets_neither_page_nor_link(mini_data: Path):
    from generator.check.validate import validate
    from generator.pages.render import render_site

    _write(mini_data)
    atlas, problems = validate(mini_data)
    assert atlas is not None and problems == [], problems
    files = render_site(atlas)
    assert "leichte-sprache/lebenslagen/ein-kind-kommt.md" in files and "leichte-sprache/lebenslagen/index.md" in files
    assert not [p for p in files if p.startswith("leichte-sprache/lebenslagen/wenig-geld")]
    assert "leichte-sprache/lebenslagen/" not in files["lebenslagen/wenig-geld.md"]
    assert "(../leichte-sprache/lebenslagen/ein-kind-kommt.md)" in files["lebenslagen/ein-kind-kommt.md"]
    overview = files["leichte-sprache/lebenslagen/index.md"]
    assert "(ein-kind-kommt.md)" in overview and "wenig-geld" not in overview
    assert "(lebenslagen/index.md)" in files["leichte-sprache/index.md"]
    easy_page = files["leichte-sprache/lebenslagen/ein-kind-kommt.md"]
    assert "### Eltern\\-Geld" in easy_page and "Sie haben ein Baby bekommen\\." in easy_page
    # the benefit without a text in Leichter Sprache: named with a link only
    assert "nur Infos in schwerer Sprache" in easy_page and "[Wohngeld](../../leistungen/wohngeld.md)" in easy_page
    assert "Ein Zuschuss zur Miete" not in easy_page


def test_check_warns_about_missing_texts_but_passes(mini_data: Path, capsys, monkeypatch):
    _write(mini_data)
    monkeypatch.chdir(mini_data.parent)
    code = main(["check", "--data", "data"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Warnung: data/lebenslagen/wenig-geld.yaml:1: Lebenslage „Wenig Geld“ hat keinen Text in Leichter Sprache" in err
    assert ("Warnung: data/leistungen/wohngeld.yaml:1: Leistung „Wohngeld“ hat keinen Text in Leichter Sprache (Feld „easy“ mit name und text) – "
            "die Seiten in Leichter Sprache zu „Ein Kind kommt“ nennen sie nur mit Link") in err
    assert "ein-kind-kommt.yaml" not in err and "elterngeld.yaml" not in err


# --------------------------------------------------------------------------------------------- bad easy blocks


@pytest.mark.parametrize("old,new,file,line,words", [
    ("easy:\n  name: Sie bekommen ein Baby\n  text: |\n    Sie sind schwanger.\n    Dann gibt es Hilfe für Sie.\n", "easy: Sie bekommen ein Baby\n",
     "lebenslagen/ein-kind-kommt.yaml", 6, "Feld „easy“ (Leichte Sprache): erwartet Unterfelder"),
    ("  name: Sie bekommen ein Baby\n", "  name: Sie bekommen ein Baby\n  farbe: blau\n", "lebenslagen/ein-kind-kommt.yaml", 8,
     "Unbekanntes Feld „easy.farbe“; erlaubt sind: name, text"),
    ("  text: |\n    Sie sind schwanger.\n    Dann gibt es Hilfe für Sie.\n", "  text: [Sie sind schwanger.]\n", "lebenslagen/ein-kind-kommt.yaml", 8,
     "Feld „easy.text“ (Text in Leichter Sprache): erwartet Text, gefunden eine Liste"),
    ("  name: Eltern-Geld\n", "", "leistungen/elterngeld.yaml", 12, "Pflichtfeld „easy.name“ (Titel in Leichter Sprache) fehlt"),
])
def test_bad_easy_block_gives_a_german_message_with_file_and_line(mini_data: Path, capsys, monkeypatch, old, new, file, line, words):
    source = SITUATION if file.startswith("lebenslagen") else BENEFIT
    assert old in source
    changed = source.replace(old, new, 1)
    _write(mini_data, **({"situation": changed} if source is SITUATION else {"benefit": changed}))
    monkeypatch.chdir(mini_data.parent)
    code = main(["check", "--data", "data"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"data/{file}:{line}: {words}" in err, err


def test_long_sentences_and_legal_signs_in_a_real_record_are_warned_at_their_line(mini_data: Path, monkeypatch):
    """The example's own record passes; a broken copy (a long sentence, „§“ and „SGB“ put in) is warned at the lines."""
    target = mini_data / "lebenslagen"
    target.mkdir()
    real = (REPO / "data" / "lebenslagen" / "sorgen-um-das-kind.yaml").read_text(encoding="utf-8")
    (target / "sorgen-um-das-kind.yaml").write_text(real, encoding="utf-8")
    monkeypatch.chdir(mini_data.parent)
    assert [w for w in easy_text_warnings(Path("data")) if "Leichte Sprache:" in str(w)] == []
    long = "Sie können sich an das Jugend-Amt wenden, wenn Sie mit der Erziehung von Ihrem Kind allein nicht mehr weiter wissen."
    assert "    Das kostet nichts.\n" in real
    broken = real.replace("    Das kostet nichts.\n", f"    Das kostet nichts.\n    {long}\n    Das steht in § 27 SGB VIII.\n", 1)
    (target / "sorgen-um-das-kind.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index(f"    {long}") + 1
    warnings = [str(w) for w in easy_text_warnings(Path("data"))]
    assert f"data/lebenslagen/sorgen-um-das-kind.yaml:{line}: Leichte Sprache: Satz mit 20 Wörtern („Sie können sich an das" in "\n".join(warnings), warnings
    assert any(w.startswith(f"data/lebenslagen/sorgen-um-das-kind.yaml:{line + 1}: Leichte Sprache: „§“ in „Das steht in § 27 SGB VIII.“") for w in warnings), warnings
    assert any(w.startswith(f"data/lebenslagen/sorgen-um-das-kind.yaml:{line + 1}: Leichte Sprache: „SGB“") for w in warnings), warnings
    assert len([w for w in warnings if "Leichte Sprache:" in w]) == 3


def test_schema_for_editors_knows_the_easy_block():
    schema = (REPO / "data" / ".schema" / "leistungen.schema.json").read_text(encoding="utf-8")
    assert "Text in Leichter Sprache" in schema and "Titel in Leichter Sprache" in schema
