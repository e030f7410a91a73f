"""The Lebenslagen-Lotse, the legal pages and the main navigation in every language of the example atlas (issue 22):
the pages exist in en, uk and ar, no German interface text is left (`german_left`), texts from the data and the legal
bases stay German and are marked lang="de", the sentence that the office decides is translated, links lead to pages
in the same language (else to the German page with hreflang="de"), the nav's labels and links follow the page's
language, the footer leads to the legal pages in that language, units of key figures on the start page are translated,
and the German pages are those of a German-only atlas plus the line `translations:`.

Reads the shared build of the example atlas (`example_site`); builds nothing of its own.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import page
from i18n_checks import german_left, site_in_languages

from generator.core import i18n
from generator.pages import lebenslagen

EXTRA = ["en", "uk", "ar"]
SITUATION = "lebenslagen/ein-kind-kommt/"
PAGES = [
    "lebenslagen/", SITUATION, "lebenslagen/fragen/", "lebenslagen/fragen/fuer-familie/", "lebenslagen/fragen/wo/ein-kind-kommt/",
    "leistungen/", "leistungen/elterngeld/", "impressum/", "datenschutz/", "barrierefreiheit/",
]
DECIDES = "Ob und in welcher Höhe Sie eine Leistung bekommen, entscheidet allein die zuständige Stelle."


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def text(html: BeautifulSoup) -> str:
    return " ".join(html.select_one("article").get_text(" ").split())


def served(base: str, href: str) -> str:
    return urljoin("/" + base, href)


@pytest.mark.parametrize("lang", EXTRA)
def test_every_page_exists_in_the_language_without_german_interface_text(example_site: Path, lang: str) -> None:
    for path in PAGES:
        html = soup(example_site, f"{lang}/{path}")
        root = html.find("html")
        assert root["lang"] == lang and root["dir"] == ("rtl" if lang == "ar" else "ltr"), path
        assert german_left(html, lang) == [], (lang, path, german_left(html, lang))


@pytest.mark.parametrize("lang", EXTRA)
def test_situation_page_translates_interface_and_keeps_data_german_marked(example_site: Path, lang: str) -> None:
    html = soup(example_site, f"{lang}/{SITUATION}")
    gettext = i18n.translations(lang).gettext
    words = text(html)
    headings = [h.get_text(" ", strip=True).replace("¶", "").strip() for h in html.select("article h2")]
    assert gettext("Leistungen") in headings and gettext("Hilfe in der Nähe") in headings, headings
    assert gettext(lebenslagen.DECIDES) in words and gettext(lebenslagen.DECIDES) != lebenslagen.DECIDES  # the office decides
    assert DECIDES not in words
    marked = [m.get_text(" ", strip=True) for m in html.select('article [lang="de"]')]
    # the name in the page's language where the record gives it (data/lebenslagen/ein-kind-kommt.yaml: de, en, ar)
    title = html.select_one("article h1").get_text(" ", strip=True)
    assert title.startswith({"en": "A baby is on the way", "uk": "Ein Kind kommt", "ar": "طفل في الطريق"}[lang]), title
    assert ("Ein Kind kommt" in marked) == (lang == "uk"), marked  # else German, marked
    assert html.select_one("title").get_text().startswith(title.split(" ")[0])
    benefit = "Elterngeld" if lang != "en" else "Parental allowance (Elterngeld)"
    assert any(h.get_text(" ", strip=True).startswith({"en": benefit, "uk": "Батьківська допомога", "ar": "إعانة الوالدين"}[lang])
               for h in html.select("article h3"))
    assert "§§ 1 ff. BEEG" in marked  # legal basis: law and paragraph as they are, marked German
    # the JavaScript's button: its text comes from the page
    assert html.select_one(".atlas-lotse__alle button").get_text() == gettext("Alle Orte zeigen")


def test_links_stay_in_the_language_or_say_hreflang_de(example_site: Path) -> None:
    html = soup(example_site, f"en/{SITUATION}")
    base = f"en/{SITUATION}"
    article = html.select_one("article")
    targets = {served(base, a["href"]).split("#")[0]: a.get("hreflang") for a in article.select("a[href]")
               if a["href"].endswith("/") or "/#" in a["href"]}  # pages (not files such as vCards, mail, phone)
    assert "/en/leistungen/elterngeld/" in targets and "/en/lebenslagen/fragen/wo/ein-kind-kommt/" in targets
    assert any(t.startswith("/en/familienzentren/") for t in targets) and any(t.startswith("/en/angebote/") for t in targets)
    german_only = {t: h for t, h in targets.items() if not t.startswith("/en/")}
    assert "/leichte-sprache/lebenslagen/ein-kind-kommt/" in german_only and german_only
    assert all(h == "de" for h in german_only.values()), german_only  # every link to a German-only page says so
    assert all(h is None for t, h in targets.items() if t.startswith("/en/"))


def test_question_path_in_arabic_leads_to_the_situation_at_the_place(example_site: Path) -> None:
    html = soup(example_site, "ar/lebenslagen/fragen/wo/ein-kind-kommt/")
    links = [a["href"] for a in html.select("article li a[href*='#ort-']")]
    assert links and all(served("ar/lebenslagen/fragen/wo/ein-kind-kommt/", h).startswith("/ar/lebenslagen/ein-kind-kommt/#ort-") for h in links)
    assert html.select_one(".atlas-lotse__schritt").get_text() == "الخطوة 3 من 3"


@pytest.mark.parametrize("lang", EXTRA)
def test_first_question_answers_in_the_language_where_the_vocabulary_gives_them(example_site: Path, lang: str) -> None:
    # the answers of „Für wen suchen Sie Hilfe?“ are the vocabulary help_for: labels.<lang> and description {de: …, <lang>: …}
    from generator.check.validate import validate

    atlas, _ = validate(Path(__file__).resolve().parent.parent / "data")
    terms = atlas.vocabularies.help_for
    assert terms and all(t.labels.get(lang) and t.description.translations.get(lang) for t in terms)
    items = [" ".join(li.get_text(" ").split()) for li in soup(example_site, f"{lang}/lebenslagen/fragen/").select("article li")]
    for term in terms:
        assert f"{term.labels[lang]} – {term.description.translations[lang]}" in items, (term.id, items)
    german = [" ".join(li.get_text(" ").split()) for li in soup(example_site, "lebenslagen/fragen/").select("article li")]
    assert f"{terms[0].label} – {terms[0].description}" in german


@pytest.mark.parametrize("lang", EXTRA)
def test_legal_pages_translate_headings_and_keep_the_district_text_german(example_site: Path, lang: str) -> None:
    gettext = i18n.translations(lang).gettext
    for path, heading in (("impressum/", "Anbieter"), ("datenschutz/", "Ihre Rechte"), ("barrierefreiheit/", "Durchsetzungsverfahren")):
        html = soup(example_site, f"{lang}/{path}")
        headings = [h.get_text(" ", strip=True).replace("¶", "").strip() for h in html.select("article h2")]
        assert gettext(heading) in headings and gettext(heading) != heading, (path, headings)
        assert gettext("Rechtlich verbindlich ist die deutsche Fassung dieser Seite.") in text(html)
    impressum = soup(example_site, f"{lang}/impressum/")
    marked = [m.get_text(" ", strip=True) for m in impressum.select('article [lang="de"]')]
    assert "Landkreis Potsdam-Mittelmark" in marked and "Niemöllerstraße 1 14806 Bad Belzig" in marked, marked
    accessibility = soup(example_site, f"{lang}/barrierefreiheit/")
    assert "Karten" in [m.get_text(strip=True) for m in accessibility.select('article dt[lang="de"], article dt [lang="de"]')]


def test_nav_and_footer_follow_the_page_language(example_site: Path) -> None:
    html = soup(example_site, f"en/{SITUATION}")
    base = f"en/{SITUATION}"
    nav = {a.get_text(" ", strip=True): (served(base, a["href"]), a.get("hreflang")) for a in html.select(".md-sidebar--primary a.md-nav__link")}
    assert nav["Home"] == ("/en/", None) and nav["What has happened?"] == ("/en/lebenslagen/", None), nav
    assert nav["Family centres"] == ("/familienzentren/", "de")  # a page only in German: hreflang
    assert "Start" not in nav and "Familienzentren" not in nav
    untranslated = html.select('.md-sidebar--primary [lang="de"]')  # the district's page: its kind of area from the data
    assert [u.get_text(strip=True) for u in untranslated] == ["Landkreis"]
    footer = [(served(base, a["href"]), a.get("hreflang")) for a in html.select(".atlas-footer__links a")][:4]
    assert footer == [("/en/impressum/", None), ("/en/datenschutz/", None), ("/en/barrierefreiheit/", None), ("/leichte-sprache/", "de")]
    assert html.select_one(".atlas-footer__line")["lang"] == "de"  # publisher and licence: German
    german = soup(example_site, SITUATION)
    assert [a["href"] for a in german.select(".atlas-footer__links a")][:4] == ["../../impressum/", "../../datenschutz/", "../../barrierefreiheit/",
                                                                                "../../leichte-sprache/"]
    assert not german.select(".atlas-footer [lang], .atlas-footer [hreflang]")
    assert "Start" in [a.get_text(strip=True) for a in german.select(".md-sidebar--primary a.md-nav__link")]
    assert not german.select('.md-sidebar--primary [lang="de"], .md-sidebar--primary [hreflang]')


def test_start_page_units_of_key_figures_and_links_to_the_lotse_in_the_language(example_site: Path) -> None:
    start = soup(example_site, "ar/")
    lotse = {served("ar/", a["href"]) for a in start.select("article a[href*='lebenslagen']")}
    assert lotse == {"/ar/lebenslagen/"}, lotse
    figures = start.select_one(".atlas-figures")
    values = [dd.get_text(" ", strip=True) for dd in figures.select(".atlas-figure__value")]
    assert "211,000 " + i18n.translations("ar").gettext("Personen") in [v.replace("\xa0", " ") for v in values], values
    assert not any("Personen" in v for v in values)


def test_german_pages_unchanged_but_for_the_front_matter(example_atlas) -> None:
    """The German Markdown of the Lotse's and the legal pages with four languages is that of a German-only atlas plus
    the line `translations:`."""
    from generator.pages import legal

    def pages(languages: list[str]) -> dict[str, str]:
        site = site_in_languages(example_atlas, languages)
        lebenslagen.lebenslagen_pages(site, {})
        legal.legal_pages(site, {})
        return site.files

    alone, four = pages(["de"]), pages(["de", "en", "uk", "ar"])
    assert "lebenslagen/ein-kind-kommt.md" in alone and "impressum.md" in alone and not any(p.startswith("en/") for p in alone)
    for path, content in alone.items():
        assert '\ntranslations: ["de", "en", "uk", "ar"]\n' in four[path], path
        assert four[path].replace('\ntranslations: ["de", "en", "uk", "ar"]', "", 1) == content, path
    assert {f"{lang}/lebenslagen/ein-kind-kommt.md" for lang in EXTRA} <= set(four)
