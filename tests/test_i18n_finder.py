"""The Angebotsfinder in every language of the example atlas (issue 22), on the built HTML: the form's labels, options
and counts through the catalogue, vocabulary terms by their `labels.<lang>` (else German, marked), languages by their
own names, result links to the offer in the same language, the scripts' texts as JSON (#atlas-texts), no German
interface text left; the German finder unchanged (no script texts, German labels, and the same Markdown as in a
German-only atlas but for the front matter).

Reads the shared build of the example atlas (`example_site`); builds nothing of its own.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import page, ui_text
from i18n_checks import german_left

from generator.pages.finder_texts import TranslatedFinder


EXTRA = ["en", "uk", "ar"]
FINDER = "angebote/finder/"
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
    from generator.pages.site import Site

    def finder(languages: list[str]) -> dict[str, str]:
        atlas = copy.copy(example_atlas)
        atlas.config = example_atlas.config.model_copy(update={"languages": languages})
        site = Site(atlas)
        finder_pages(site, {"district_name": atlas.district.name})
        return {path: text for path, text in site.files.items() if path.endswith("angebote/finder.md")}

    alone, four = finder(["de"]), finder(["de", "en", "uk", "ar"])
    assert sorted(four) == ["angebote/finder.md", "ar/angebote/finder.md", "en/angebote/finder.md", "uk/angebote/finder.md"]
    title = 'title: "Angebotsfinder"\n'
    assert alone["angebote/finder.md"].startswith("---\n" + title)
    assert four["angebote/finder.md"] == alone["angebote/finder.md"].replace(title, title + 'translations: ["de", "en", "uk", "ar"]\n', 1)
    english = four["en/angebote/finder.md"]
    assert "\nlang: en\n" in english and "\nsearch_index: false\n" in english  # out of the search, as the German finder


def test_term_without_label_in_the_language_is_german_marked_in_the_finder(example_atlas) -> None:
    finder = TranslatedFinder(example_atlas, "uk/angebote/finder.md", "uk")
    term = SimpleNamespace(id="stufenlos", label="Stufenloser Zugang", labels={"en": "Step-free access"}, endonym=None)
    assert finder._option("accessibility", term) == '<option value="stufenlos" lang="de">Stufenloser Zugang</option>'
    language = SimpleNamespace(id="fa", label="Persisch", labels={}, endonym="فارسی")
    assert finder._option("languages", language) == '<option value="fa">فارسی</option>'  # its own name alone
