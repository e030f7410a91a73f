"""Family-centre and offer pages in every language of the example atlas (issue 22): interface texts, weekday names,
vocabulary terms (labels per language, languages by their own names), free text given in several languages
(`description: {de: …, en: …}`), German data text marked lang="de", the language switcher, German pages unchanged,
and the validation of multilingual texts and term labels (German messages with file and line).

Reads the shared build of the example atlas (`example_site`); builds nothing of its own.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import page, ui_text
from i18n_checks import german_left, site_in_languages

from generator.check.validate import validate
from generator.pages.record_texts import Texts

EXTRA = ["en", "uk", "ar"]
CENTRE = "familienzentren/familienzentrum-beelitz/"  # example record with an English description, languages de and pl
OFFER = "angebote/babymassage-werder-havel/"  # example record with an English description, ages 0 to 1
MONDAY = {"en": "Monday", "uk": "понеділок", "ar": "الاثنين"}


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def article_text(html: BeautifulSoup) -> str:
    return " ".join(html.select_one("article").get_text(" ").split())


# ------------------------------------------------------------------ the pages in each language


@pytest.mark.parametrize("lang", EXTRA)
def test_family_centre_page_in_each_language(example_site: Path, lang: str) -> None:
    html = soup(example_site, f"{lang}/{CENTRE}")
    root = html.find("html")
    assert root["lang"] == lang and root["dir"] == ("rtl" if lang == "ar" else "ltr")
    raw = page(example_site, f"{lang}/{CENTRE}")
    headings = [h.get_text(" ", strip=True).replace("¶", "").strip() for h in html.select("article h2")]
    for german in ("Anschrift und Anfahrt", "Öffnungszeiten", "Für wen und wie", "Kontakt", "Angebote im Familienzentrum"):
        assert ui_text(raw, german) in headings and ui_text(raw, german) != german, (german, headings)
    days = [tr.select("td")[0].get_text(strip=True) for tr in html.select("article table")[0].select("tr")[1:]]
    assert days[0] == MONDAY[lang] and len(days) == 7, days
    monday = html.select("article table")[0].select("tr")[1].select("td")[1]
    assert monday.get_text(strip=True) == "09:00–16:00"  # times as in the data, without „Uhr“
    assert (monday.select_one('span[dir="ltr"]') is not None) == (lang == "ar")  # kept in order inside right-to-left text
    phone = html.select_one('article a[href="tel:03320400011"]')
    assert (phone.find_parent("span", attrs={"dir": "ltr"}) is not None) == (lang == "ar")
    # languages spoken, each by its own name and in its own language
    spoken = {span["lang"]: span.get_text() for span in html.select("article li span[dir=auto]")}
    assert spoken == {"de": "Deutsch", "pl": "Polski"}
    # accessibility: the term's label in the page's language (data/vocabularies.yaml labels)
    assert {"en": "Step-free access", "uk": "Вхід без сходинок", "ar": "مدخل بدون درج"}[lang] in article_text(html)
    assert german_left(html, lang) == []


@pytest.mark.parametrize("lang", EXTRA)
def test_offer_page_in_each_language(example_site: Path, lang: str) -> None:
    html = soup(example_site, f"{lang}/{OFFER}")
    raw = page(example_site, f"{lang}/{OFFER}")
    assert html.find("html")["lang"] == lang
    text = article_text(html)
    assert ui_text(raw, "Auf einen Blick") in text and ui_text(raw, "Zielgruppen:") in text
    assert {"en": "ages 0 to 1", "uk": "від 0 до 1 років", "ar": "من 0 إلى 1 سنة"}[lang] in text
    assert german_left(html, lang) == []


def test_german_data_text_is_marked_and_links_stay_in_the_language(example_site: Path) -> None:
    html = soup(example_site, f"en/{CENTRE}")
    marked = [m.get_text(" ", strip=True) for m in html.select('article [lang="de"]')]
    assert "Familienzentrum Beelitz" in marked  # the heading: the record's name
    assert "Dreiseitiger Vertrag: Landkreis, Stadt, Träger" in marked  # funding: free text without translation
    offer_links = [a["href"] for a in html.select('article table a[href*="angebote/"]')]
    assert offer_links and all(urljoin(f"/en/{CENTRE}", href).startswith("/en/angebote/") for href in offer_links), offer_links


def test_description_in_the_page_language_else_german_marked(example_site: Path) -> None:
    english = soup(example_site, f"en/{CENTRE}")
    first = english.select_one("article h1 ~ p:not(.atlas-translation-note)")
    assert first.get_text().startswith("Family centre in Beelitz") and first.find_parent(attrs={"lang": "de"}) is None
    ukrainian = soup(example_site, f"uk/{CENTRE}")
    block = ukrainian.select_one('article div[lang="de"]')
    assert block is not None and block.get_text(" ", strip=True).startswith("Familienzentrum in Beelitz")
    assert "Family centre in Beelitz" not in article_text(ukrainian)
    german = soup(example_site, CENTRE)
    assert "Familienzentrum in Beelitz" in article_text(german) and "Family centre" not in article_text(german)
    assert "Course for parents with babies" in article_text(soup(example_site, f"en/{OFFER}"))


def test_switcher_of_a_german_family_centre_leads_to_its_translations(example_site: Path) -> None:
    html = soup(example_site, CENTRE)
    switcher = {a["lang"]: a["href"] for a in html.select("header .atlas-lang a")}
    assert switcher == {"de": "./", "en": "../../en/" + CENTRE, "uk": "../../uk/" + CENTRE, "ar": "../../ar/" + CENTRE}
    links = {a["hreflang"] for a in html.select('head link[rel="alternate"][hreflang]')}
    assert links == {"de", "en", "uk", "ar", "x-default"}


def test_german_record_pages_unchanged_but_for_the_front_matter(example_atlas) -> None:
    """The German Markdown of a family centre and an offer with four languages is that of a German-only atlas plus
    the line `translations:`."""
    def pages(languages: list[str]) -> dict[str, str]:
        site = site_in_languages(example_atlas, languages)
        atlas = site.atlas
        site.translated("familienzentren/familienzentrum-beelitz.md", "familienzentrum.md.j2", "Familienzentrum Beelitz",
                        centre=atlas.family_centres["familienzentrum-beelitz"])
        site.translated("angebote/babymassage-werder-havel.md", "angebot.md.j2", "Babymassage-Kurs",
                        offer=atlas.offers["babymassage-werder-havel"])
        return site.files

    alone, four = pages(["de"]), pages(["de", "en", "uk", "ar"])
    assert sorted(alone) == ["angebote/babymassage-werder-havel.md", "familienzentren/familienzentrum-beelitz.md"]
    for path, text in alone.items():
        end = text.index("\n---\n", 3)  # the end of the front matter
        assert four[path] == text[:end] + '\ntranslations: ["de", "en", "uk", "ar"]' + text[end:]
    assert "en/familienzentren/familienzentrum-beelitz.md" in four and "ar/angebote/babymassage-werder-havel.md" in four


# ------------------------------------------------------------------ vocabulary terms


def test_term_without_label_in_the_language_shows_german_marked() -> None:
    term = SimpleNamespace(id="stufenlos", label="Stufenloser Zugang", labels={"en": "Step-free access"}, endonym=None)
    lang_term = SimpleNamespace(id="uk", label="Ukrainisch", labels={}, endonym="Українська")
    atlas = SimpleNamespace(vocabularies=SimpleNamespace(accessibility=[term], languages=[lang_term]))
    assert str(Texts("en").terms(atlas, "accessibility", ["stufenlos"])) == "Step\\-free access"
    assert str(Texts("uk").terms(atlas, "accessibility", ["stufenlos"])) == '<span lang="de" dir="ltr">Stufenloser Zugang</span>'
    assert str(Texts("ar").terms(atlas, "languages", ["uk"])) == '<span lang="uk" dir="auto">Українська</span>'


def test_term_label_in_an_unknown_language_is_named_with_file_and_line(mini_data: Path) -> None:
    vocab = mini_data / "vocabularies.yaml"
    text = vocab.read_text(encoding="utf-8")
    broken = text.replace("  - {id: en, label: Englisch}", "  - {id: en, label: Englisch, labels: {fr: Anglais}}")
    assert broken != text
    vocab.write_text(broken, encoding="utf-8")
    _, problems = validate(mini_data)
    assert len(problems) == 1, problems
    assert problems[0].path.endswith("vocabularies.yaml") and problems[0].line == 18, problems
    assert "„fr“ ist nicht erlaubt; erlaubt: en, uk, ar" in problems[0].message, problems


# ------------------------------------------------------------------ multilingual free text in the data


@pytest.mark.parametrize(
    "description, message",
    [
        ("{de: Treffen., fr: Rencontre.}", "Sprache „fr“ gibt es nicht; möglich sind: de, en, uk, ar"),
        ("{en: Meeting.}", "Der deutsche Text (de) fehlt"),
        ("{de: '', en: Meeting.}", "der Text für „de“ darf nicht leer sein"),
    ],
)
def test_multilingual_description_errors_name_file_and_line(mini_data: Path, description: str, message: str) -> None:
    offer = mini_data / "offers" / "krabbelgruppe.yaml"
    text = offer.read_text(encoding="utf-8")
    old = "description: Treffen für Eltern mit Kindern bis drei Jahre."
    assert old in text
    offer.write_text(text.replace(old, f"description: {description}"), encoding="utf-8")
    line = text.splitlines().index(old) + 1
    _, problems = validate(mini_data)
    assert len(problems) == 1, problems
    assert problems[0].path.endswith("offers/krabbelgruppe.yaml") and problems[0].line == line, problems
    assert message in problems[0].message, problems


def test_multilingual_description_is_german_for_everything_else(mini_data: Path) -> None:
    offer = mini_data / "offers" / "krabbelgruppe.yaml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(text.replace("description: Treffen für Eltern mit Kindern bis drei Jahre.",
                                  "description:\n  de: Treffen für Eltern.\n  en: Meeting for parents.\n"), encoding="utf-8")
    atlas, problems = validate(mini_data)
    assert problems == [] and atlas is not None
    description = atlas.offers["krabbelgruppe"].description
    assert description == "Treffen für Eltern." and description.translations == {"en": "Meeting for parents."}
    assert str(Texts("en").data_text(atlas.offers["krabbelgruppe"])).strip() == "Meeting for parents\\."
    assert 'lang="de"' in str(Texts("uk").data_text(atlas.offers["krabbelgruppe"]))


# ------------------------------------------------------------------ the finder


def test_finder_names_each_language_also_in_its_own_script(example_site: Path) -> None:
    html = soup(example_site, "angebote/finder/")
    options = {o["value"]: o.get_text() for o in html.select("#atlas-finder-sprache option") if o["value"]}
    assert options["de"] == "Deutsch" and options["pl"] == "Polski (Polnisch)", options
    assert all(text.endswith(")") for code, text in options.items() if code != "de"), options
