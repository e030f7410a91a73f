"""The Angebotsfinder in every language of the example atlas (issue 22), on the built HTML: the form's labels, options
and counts through the catalogue, vocabulary terms by their `labels.<lang>` (else German, marked), languages by their
own names, result links to the offer in the same language, the scripts' texts as JSON (#atlas-texts), no German
interface text left; the German finder unchanged (no script texts, German labels, and the same Markdown as in a
German-only atlas but for the front matter). „In meiner Nähe“ the same way (pages/finder_nearby.py): its page in each
language, the place choice and the entries' kinds in it, names German and marked, links to the same language's pages.

Reads the shared build of the example atlas (`example_site`); builds nothing of its own.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import page, ui_text
from i18n_checks import german_left, site_in_languages

from generator.pages.finder_texts import TranslatedFinder


EXTRA = ["en", "uk", "ar"]
FINDER = "angebote/finder/"
NEARBY = "angebote/naehe/"
LABELS = ["Ort, Gemeinde oder Ortsteil", "Thema", "Für wen", "Alter in Jahren", "Sprache", "nur kostenfreie Angebote"]
TEXTS = ["Wo und was?", "Für wen und wie?", "Angebote anzeigen", "Filter zurücksetzen"]


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


@pytest.mark.parametrize("lang", EXTRA)
def test_finder_in_each_language(example_site: Path, example_atlas, lang: str) -> None:
    raw = page(example_site, f"{lang}/{FINDER}")
    html = BeautifulSoup(raw, "html.parser")
    root = html.find("html")
    assert root["lang"] == lang and root["dir"] == ("rtl" if lang == "ar" else "ltr")
    form = html.select_one("form#atlas-finder")
    assert form["aria-label"] == ui_text(raw, "Angebote filtern") != "Angebote filtern"
    labels = [label.get_text(strip=True) for label in form.select("label")]
    for german in LABELS:
        assert ui_text(raw, german) in labels and ui_text(raw, german) != german, (german, labels)
    shown = [e.get_text(strip=True) for e in form.select("legend, button, a")]
    assert shown == [ui_text(raw, german) for german in TEXTS] and not set(shown) & set(TEXTS), shown
    # vocabulary terms in the page's language; languages by their own names (with the page's name for them)
    topics = {o["value"]: o.get_text() for o in form.select("#atlas-finder-thema option")}
    assert topics[""] == ui_text(raw, "alle") != "alle"
    assert topics["beratung"] == next(t.labels[lang] for t in example_atlas.vocabularies.topics if t.id == "beratung")
    spoken = {o["value"]: o.get_text() for o in form.select("#atlas-finder-sprache option") if o["value"]}
    assert spoken["uk"].startswith("Українська") and spoken["ar"].startswith("العربية") and spoken["de"].startswith("Deutsch"), spoken
    assert spoken[lang] == {"en": "English", "uk": "Українська", "ar": "العربية"}[lang]  # its own name, once
    # count, results: links to the offer in the same language, titles from the data marked German
    count = html.select_one("#atlas-finder-anzahl").get_text(strip=True)
    total = len(html.select("#atlas-finder-liste li"))
    assert count == ui_text(raw, "Angebote: %(count)s") % {"count": total}, count
    links = html.select("#atlas-finder-liste li > a")
    assert len(links) == total and all(a["href"].startswith(f"../../../{lang}/angebote/") and a["lang"] == "de" for a in links)
    target = example_site / links[0]["href"].replace("../../../", "") / "index.html"
    assert target.is_file(), target
    massage = next(a.find_parent("li") for a in links if a["href"].endswith("/babymassage-werder-havel/"))
    meta = massage.select_one(".atlas-finder__meta")  # places and the cost from the data German, ages in the language
    assert [s.get_text() for s in meta.select('span[lang="de"]')] == ["Familienzentrum Werder (Havel), Werder (Havel)", "25 € für 5 Termine, Ermäßigung möglich"]
    assert ui_text(raw, "%(low)s bis %(high)s Jahre") % {"low": 0, "high": 1} in meta.get_text()
    assert html.select_one("#atlas-finder-ohne-js").get_text() == ui_text(raw, "Ohne JavaScript filtert das Formular nicht. Unten stehen alle Angebote; kürzere Listen finden Sie unter „Listen nach Ort, Thema und Zielgruppe“.")
    # the scripts' texts in the page's language
    texts = json.loads(html.select_one("script#atlas-texts").string)
    assert set(texts) == {"finder", "search"}
    assert texts["finder"]["found_many"] == ui_text(raw, "Angebote gefunden: %(count)s") != "Angebote gefunden: %(count)s"
    assert texts["search"]["running"] == ui_text(raw, "Suche läuft …") != "Suche läuft …"
    assert german_left(html, lang) == []


def test_german_finder_unchanged(example_site: Path) -> None:
    html = soup(example_site, FINDER)
    assert html.select_one("script#atlas-texts") is None  # the scripts keep their German texts
    form = html.select_one("form#atlas-finder")
    assert [label.get_text(strip=True) for label in form.select("label")][:3] == ["Ort, Gemeinde oder Ortsteil", "Thema", "Für wen"]
    assert form.select_one("#atlas-finder-sprache option[value=uk]").get_text() == "Українська (Ukrainisch)"
    assert html.select_one("#atlas-finder-liste li > a")["href"].startswith("../") and not html.select("#atlas-finder-liste a[lang]")
    switcher = {a["lang"]: a["href"] for a in html.select("header .atlas-lang a")}
    assert switcher["ar"] == "../../ar/" + FINDER  # the language switcher leads to the finder in Arabic


def test_german_finder_markdown_is_that_of_a_german_only_atlas(example_atlas) -> None:
    """With four languages the German finder's Markdown gains only the front matter line `translations:`."""
    from generator.pages.finder_pages import finder_pages

    def finder(languages: list[str]) -> dict[str, str]:
        site = site_in_languages(example_atlas, languages)
        finder_pages(site, {"district_name": example_atlas.district.name})
        return {path: text for path, text in site.files.items() if path.endswith(("angebote/finder.md", "angebote/naehe.md"))}

    alone, four = finder(["de"]), finder(["de", "en", "uk", "ar"])
    assert sorted(four) == [f"{lang}angebote/{name}.md" for lang in ["", "ar/", "en/", "uk/"] for name in ["finder", "naehe"]]
    for path, title in [("angebote/finder.md", "Angebotsfinder"), ("angebote/naehe.md", "In meiner Nähe")]:  # the nearby page, too
        title = f'title: "{title}"\n'
        assert alone[path].startswith("---\n" + title)
        assert four[path] == alone[path].replace(title, title + 'translations: ["de", "en", "uk", "ar"]\n', 1)
    for english in four["en/angebote/finder.md"], four["en/angebote/naehe.md"]:
        assert "\nlang: en\n" in english and "\nsearch_index: false\n" in english  # out of the search, as the German pages


def test_term_without_label_in_the_language_is_german_marked_in_the_finder(example_atlas) -> None:
    finder = TranslatedFinder(example_atlas, "uk/angebote/finder.md", "uk")
    term = SimpleNamespace(id="stufenlos", label="Stufenloser Zugang", labels={"en": "Step-free access"}, endonym=None)
    assert finder._option("accessibility", term) == '<option value="stufenlos" lang="de" dir="ltr">Stufenloser Zugang</option>'
    language = SimpleNamespace(id="fa", label="Persisch", labels={}, endonym="فارسی")
    assert finder._option("languages", language) == '<option value="fa">فارسی</option>'  # its own name alone


@pytest.mark.parametrize("lang", EXTRA)
def test_nearby_page_in_each_language(example_site: Path, lang: str) -> None:
    raw = page(example_site, f"{lang}/{NEARBY}")
    html = BeautifulSoup(raw, "html.parser")
    root = html.find("html")
    assert root["lang"] == lang and root["dir"] == ("rtl" if lang == "ar" else "ltr")
    box = html.select_one("#atlas-naehe")
    german = ["Ort, Gemeinde oder Familienzentrum", "Umkreis", "Ort und Umkreis wählen", "Noch kein Ort gewählt."]
    shown = [e.get_text(strip=True) for e in box.select("label")] + [box.select_one("form")["aria-label"],
                                                                      box.select_one("#atlas-naehe-status").get_text()]
    assert shown == [ui_text(raw, g) for g in german] and not set(shown) & set(german), shown
    groups = [g["label"] for g in box.select("#atlas-naehe-ort optgroup")]
    assert groups[0] == ui_text(raw, "Gebiete (Verwaltungssitz)") != "Gebiete (Verwaltungssitz)" and ui_text(raw, "Familienzentren") in groups
    # options that show only names from the data are German, marked; where a distance is measured from in the language
    unit = box.select_one('#atlas-naehe-ort option[value^="sr-"]')
    assert unit["lang"] == "de" and "Verwaltungssitz" not in unit.get_text()
    # each German option also left to right: in an Arabic select a long name then shows from its start, not its end
    marked = box.select('#atlas-naehe-ort option[lang="de"]')
    assert len(marked) > 60 and all(o.get("dir") == "ltr" for o in marked)
    notes = [o["data-note"] for o in box.select("#atlas-naehe-ort option[data-note]")]
    assert notes and not [n for n in notes if "Entfernung" in n or "Ortspunkt" in n], notes
    # entries: kinds in the language, names German and marked, links to the same language's pages that exist
    items = box.select("#atlas-naehe-liste li")
    kinds = {li.select_one(".atlas-naehe__kind").get_text() for li in items}
    assert kinds == {ui_text(raw, "Familienzentrum") + ":", ui_text(raw, "Angebot") + ":"}, kinds
    links = [li.select_one("a") for li in items]
    assert all(re.match(rf"\.\./\.\./\.\./{lang}/(angebote|familienzentren)/[^/]+/$", a["href"]) and a["lang"] == "de" for a in links)
    assert all((example_site / a["href"].replace("../../../", "") / "index.html").is_file() for a in links)
    approximate = [li for li in items if "Teltow" in li.select_one(".atlas-finder__meta").get_text() and "Verwaltungssitz" in str(li)]
    assert approximate == []  # „Lage ungefähr: Verwaltungssitz …“ in the language
    # the script's messages; the finder in the same language leads here; no German interface text left
    texts = json.loads(html.select_one("script#atlas-texts").string)
    assert set(texts) == {"nearby", "search"}
    assert texts["nearby"]["area_many"] == ui_text(raw, "Einträge im Umkreis von %(km)s: %(count)s, sortiert nach Entfernung von %(place)s.")
    assert texts["nearby"]["more"] != "Mehr anzeigen (%(count)s weitere von %(rest)s)"
    finder = soup(example_site, f"{lang}/{FINDER}")
    targets = [posixpath.normpath(f"{lang}/{FINDER}{a['href']}") for a in finder.select("article a") if a["href"].endswith("/naehe/")]
    assert targets == [f"{lang}/angebote/naehe"], targets
    assert german_left(html, lang) == []


def test_german_nearby_page_unchanged(example_site: Path) -> None:
    html = soup(example_site, NEARBY)
    assert html.select_one("script#atlas-texts") is None  # the script keeps its German texts
    assert [label.get_text(strip=True) for label in html.select("#atlas-naehe label")] == ["Ort, Gemeinde oder Familienzentrum", "Umkreis"]
    assert html.select_one('#atlas-naehe-ort option[value^="sr-"]').get_text().endswith(")") and "(Verwaltungssitz " in str(html.select_one("#atlas-naehe-ort"))
    links = html.select("#atlas-naehe-liste li > a")
    assert links and all(a["href"].startswith("../../") and not a["href"].startswith("../../en/") for a in links) and not html.select("#atlas-naehe [lang]")
    assert html.select_one(".atlas-naehe__kind").get_text() in ("Angebot:", "Familienzentrum:")
    switcher = {a["lang"]: a["href"] for a in html.select("header .atlas-lang a")}
    assert switcher["uk"] == "../../uk/" + NEARBY  # the language switcher leads to the page in Ukrainian
