"""Languages (issue 22): catalogues, `languages` in atlas.yaml, `atlas check`'s warnings, the start page in every
language of the example atlas (data/: de, en, uk, ar), hreflang links and the language switcher.

The catalogue tests extract the texts from the templates with Babel's own API at test time (as `pybabel extract`
with generator/locales/babel.cfg does), so that a text marked in a template but missing from a catalogue fails here.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import REPO, page
from i18n_checks import german_left
from generator.check.translations import catalogue_warnings
from generator.check.validate import validate
from generator.cli import main
from generator.core import i18n

EXTRA = ["en", "uk", "ar"]
CFG = REPO / "generator" / "locales" / "babel.cfg"


def extracted() -> set[str]:
    """Every msgid the templates and the theme's overrides use, read with the method map of babel.cfg."""
    jinja = {"extensions": "jinja2.ext.do", "trim_blocks": "true", "lstrip_blocks": "true"}
    found = set()
    for folder, pattern in ((REPO / "generator" / "pages" / "templates", "**.j2"), (REPO / "overrides", "**.html")):
        for _file, _line, message, _comments, _context in extract_from_dir(folder, [(pattern, "jinja2")], {pattern: jinja}):
            found.add(message if isinstance(message, str) else message[0])
    return found


def untranslated(po: Path, wanted: set[str]) -> list[str]:
    """The msgids of `wanted` that the catalogue `po` lacks, leaves empty or marks fuzzy."""
    with po.open("rb") as f:
        catalogue = read_po(f)
    return sorted(m for m in wanted if (e := catalogue.get(m)) is None or not e.string or e.fuzzy)


# ------------------------------------------------------------------ catalogues


def test_babel_config_names_the_folders_the_test_extracts() -> None:
    text = CFG.read_text(encoding="utf-8")
    assert "[jinja2: generator/pages/templates/**.j2]" in text and "[jinja2: overrides/**.html]" in text


def test_template_pot_lists_every_text_the_templates_use() -> None:
    wanted = extracted()
    assert {"Wegweiser", "Angebot finden", "Suche öffnen", "Beispiel"} <= wanted  # index.md.j2, atlas-search.html, partial
    assert i18n.template_ids() == wanted, "generator/locales/atlas.pot ist veraltet: pybabel extract (docs/developers.md)"


@pytest.mark.parametrize("lang", EXTRA)
def test_each_catalogue_translates_every_text_the_templates_use(lang: str) -> None:
    assert untranslated(i18n.catalogue_path(lang), extracted()) == []
    assert catalogue_warnings(lang) == []


def test_a_catalogue_without_a_text_fails(tmp_path: Path) -> None:
    """The completeness check above, fed a copy of the English catalogue with one entry cut out and one made fuzzy."""
    text = i18n.catalogue_path("en").read_text(encoding="utf-8")
    broken = text.replace('msgid "Wegweiser"\nmsgstr "Guide"\n', "").replace('msgid "Kennzahlen"\n', '#, fuzzy\nmsgid "Kennzahlen"\n')
    assert broken != text and broken.count("#, fuzzy") == text.count("#, fuzzy") + 1
    po = tmp_path / "atlas.po"
    po.write_text(broken, encoding="utf-8")
    assert untranslated(po, extracted()) == ["Kennzahlen", "Wegweiser"]


def test_check_warns_about_missing_fuzzy_and_unused_translations(tmp_path: Path) -> None:
    text = i18n.catalogue_path("uk").read_text(encoding="utf-8")
    text = re.sub(r'msgid "Wegweiser"\nmsgstr "[^"]*"\n', "", text)
    text = text.replace('msgid "Kennzahlen"\n', '#, fuzzy\nmsgid "Kennzahlen"\n')
    text += '\nmsgid "Nicht mehr da"\nmsgstr "Більше немає"\n'
    po = tmp_path / "atlas.po"
    po.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    fuzzy_line = lines.index('msgid "Kennzahlen"') + 1
    unused_line = lines.index('msgid "Nicht mehr da"') + 1
    found = sorted(str(p).replace(str(po), "atlas.po") for p in catalogue_warnings("uk", po))  # listed in atlas.pot's order
    assert found == sorted([
        "atlas.po:1: Übersetzung fehlt: „Wegweiser“ – die Seite zeigt den deutschen Text",
        f"atlas.po:{fuzzy_line}: Übersetzung veraltet (fuzzy): „Kennzahlen“ – bitte prüfen und die Markierung „#, fuzzy“ entfernen; "
        "bis dahin zeigt die Seite den deutschen Text",
        f"atlas.po:{unused_line}: Übersetzung wird nicht mehr gebraucht: „Nicht mehr da“ – kein Text der Vorlagen; mit `pybabel update` entfernen",
    ])


def test_atlas_check_prints_the_warnings_of_the_configured_languages(mini_data: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES_DIR, locales)
    po = locales / "en" / "LC_MESSAGES" / "atlas.po"
    po.write_text(re.sub(r'msgid "Wegweiser"\nmsgstr "Guide"', 'msgid "Wegweiser"\nmsgstr ""', po.read_text(encoding="utf-8")), encoding="utf-8")
    line = po.read_text(encoding="utf-8").splitlines().index('msgid "Wegweiser"') + 1
    monkeypatch.setattr(i18n, "LOCALES_DIR", locales)
    monkeypatch.setattr(i18n, "TEMPLATE", locales / "atlas.pot")
    config = mini_data / "atlas.yaml"
    assert main(["check", "--data", str(mini_data)]) == 0
    assert "atlas.po" not in capsys.readouterr().err  # a German-only atlas: no word about catalogues
    config.write_text(config.read_text(encoding="utf-8") + "languages: [de, en]\n", encoding="utf-8")
    assert main(["check", "--data", str(mini_data)]) == 0
    err = capsys.readouterr().err
    assert f"Warnung: {po.as_posix()}:{line}: Übersetzung fehlt: „Wegweiser“" in err or f"/en/LC_MESSAGES/atlas.po:{line}: Übersetzung fehlt: „Wegweiser“" in err
    assert "uk/LC_MESSAGES" not in err  # only the languages of the atlas


# ------------------------------------------------------------------ configuration


def test_languages_default_to_german(mini_data: Path) -> None:
    atlas, problems = validate(mini_data)
    assert problems == [] and atlas is not None and atlas.config.languages == ["de"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("[de, fr]", "Sprache „fr“ gibt es nicht; möglich sind: de, en, uk, ar"),
        ("[en, de]", "Die erste Sprache muss Deutsch (de) sein"),
        ("[de, en, en]", "Jede Sprache darf nur einmal genannt sein"),
    ],
)
def test_unknown_or_misordered_languages_are_named_with_file_and_line(mini_data: Path, value: str, message: str) -> None:
    config = mini_data / "atlas.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + f"languages: {value}\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    _, problems = validate(mini_data)
    assert len(problems) == 1, problems
    assert problems[0].path.endswith("data/atlas.yaml") and problems[0].line == line, problems
    assert message in problems[0].message, problems


# ------------------------------------------------------------------ the start page in every language

HEADINGS = {"en": ["Guide", "For residents"], "uk": ["Путівник", "Для мешканців"], "ar": ["دليل", "للسكان"]}


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


@pytest.mark.parametrize("lang", EXTRA)
def test_start_page_in_each_language(example_site: Path, lang: str) -> None:
    html = soup(example_site, f"{lang}/")
    root = html.find("html")
    assert root["lang"] == lang and root["dir"] == ("rtl" if lang == "ar" else "ltr")
    headings = [h.get_text(" ", strip=True).replace("¶", "").strip() for h in html.select("article h2, article h3")]
    assert headings[:2] == HEADINGS[lang], headings
    assert html.select_one(".md-skip").get_text(strip=True) == {"en": "Skip to content", "uk": "Перейти до змісту", "ar": "انتقل إلى المحتوى"}[lang]
    assert html.select_one("#atlas-search-q")["placeholder"] == i18n.translations(lang).gettext("Ort, Thema, Angebot")
    # the translation is not checked yet: the page says so, in its language
    assert i18n.translations(lang).gettext("Übersetzung") in html.select_one(".atlas-translation-note").get_text()


@pytest.mark.parametrize("lang", EXTRA)
def test_no_german_interface_text_left(example_site: Path, lang: str) -> None:
    """No msgid of the catalogue (a German interface text) shows on the page, except inside lang="de" (texts from
    the data) and the main navigation (its labels come from mkdocs.yml and are not translated yet)."""
    assert german_left(soup(example_site, f"{lang}/"), lang) == []


def test_data_text_stays_german_and_is_marked(example_site: Path) -> None:
    html = soup(example_site, "en/")
    marked = html.select('article [lang="de"]')
    texts = [m.get_text(" ", strip=True) for m in marked]
    assert any(t.startswith("Der Landkreis Potsdam-Mittelmark gliedert sich") for t in texts)  # intro from atlas.yaml
    assert "Stadt" in texts and "Amt" in texts  # unit types (vocabulary) in the table
    assert html.select_one("article h1 [lang=de]").get_text() == "Sozialraumatlas Potsdam-Mittelmark"


def test_numbers_and_dates_per_language(example_site: Path) -> None:
    def row(lang_path: str) -> str:
        cells = [td.get_text(strip=True) for td in soup(example_site, lang_path).select("article table tr")[1].select("td")]
        return cells[2]

    assert [row(p) for p in ("", "en/", "uk/", "ar/")] == ["8.345", "8,345", "8\u00a0345", "8,345"]
    assert "Data as of: Nov 1, 2026" in soup(example_site, "en/").select_one("article").get_text(" ", strip=True)
    assert "Datenstand: 01.11.2026" in soup(example_site, "").select_one("article").get_text(" ", strip=True)


# ------------------------------------------------------------------ hreflang, switcher, German pages unchanged


def test_hreflang_links_of_the_start_page(example_site: Path) -> None:
    links = {a["hreflang"]: a["href"] for a in soup(example_site, "").select('head link[rel="alternate"][hreflang]')}
    assert links == {"de": "./", "en": "en/", "uk": "uk/", "ar": "ar/", "x-default": "./"}
    links = {a["hreflang"]: a["href"] for a in soup(example_site, "ar/").select('head link[rel="alternate"][hreflang]')}
    assert links == {"de": "../", "en": "../en/", "uk": "../uk/", "ar": "./", "x-default": "../"}
    assert not soup(example_site, "familienzentren/").select("head link[hreflang]")  # no translation: no alternates


def test_switcher_leads_to_the_same_page_or_the_start_page(example_site: Path) -> None:
    def switcher(path: str) -> dict[str, str]:
        return {a["lang"]: a["href"] for a in soup(example_site, path).select("header .atlas-lang a")}

    assert switcher("en/") == {"de": "../", "en": "./", "uk": "../uk/", "ar": "../ar/"}
    # a page without translation: its own language leads to itself, the others to their start pages
    assert switcher("familienzentren/") == {"de": "./", "en": "../en/", "uk": "../uk/", "ar": "../ar/"}
    # the 404 page is served at any address: absolute links
    assert [a["href"] for a in soup(example_site, "404.html").select("header .atlas-lang a")] == ["/", "/en/", "/uk/", "/ar/"]
    names = [a.get_text(strip=True) for a in soup(example_site, "ar/").select("header .atlas-lang a")]
    assert names == ["Deutsch", "English", "Українська", "العربية"]
    current = soup(example_site, "ar/").select('header .atlas-lang a[aria-current="page"]')
    assert [a["lang"] for a in current] == ["ar"]


def test_german_page_is_unchanged_but_for_the_front_matter(example_atlas) -> None:
    """The German start page's Markdown with four languages is the one of a German-only atlas plus the line
    `translations:` (the theme adds switcher and hreflang from it); a German-only atlas has neither."""
    from generator.pages.site import Site

    def start(languages: list[str]) -> str:
        atlas = copy.copy(example_atlas)  # a dataclass; only its config differs
        atlas.config = example_atlas.config.model_copy(update={"languages": languages})
        site = Site(atlas)
        site.translated("index.md", "index.md.j2", atlas.config.title, units=list(atlas.municipalities.values()),
                        centres=list(atlas.family_centres.values()), district_map="landkreis")
        return site.files["index.md"]

    alone, four = start(["de"]), start(["de", "en", "uk", "ar"])
    assert four == alone.replace("\n---\n", '\ntranslations: ["de", "en", "uk", "ar"]\n---\n', 1)


def test_german_only_atlas_has_no_switcher_or_hreflang(mini_site: Path) -> None:
    html = page(mini_site, "")
    assert "atlas-lang" not in html and "hreflang" not in html
    assert '<html lang="de" class="no-js">' in html
    assert not (mini_site / "en").exists()


@pytest.mark.parametrize("lang", i18n.known())
def test_templates_translate_as_jinjas_newstyle_gettext_but_in_one_call(lang: str) -> None:
    """`_()` of the page templates (pages/languages.py: plain_gettext) gives what Jinja's i18n extension gives with
    `newstyle` for every text of the catalogue, with and without keyword arguments, and is a plain function (Jinja's
    own `_` passes the template's context and calls `gettext` through it: three calls per text)."""
    from jinja2 import Environment

    from generator.pages.site import environment

    ours = environment(lang).globals["_"]
    assert not hasattr(ours, "jinja_pass_arg")
    jinja = Environment(extensions=["jinja2.ext.i18n"], autoescape=False)
    jinja.install_gettext_translations(i18n.translations(lang), newstyle=True)
    template = jinja.from_string("{{ _(text, **variables) }}")
    texts = sorted(i18n.template_ids() | {"50 %% der Fälle"})
    assert len(texts) > 100

    def outcome(translate: Any, text: str, variables: dict[str, str]) -> tuple[str, str]:
        try:
            return "text", translate(text, variables)
        except (KeyError, TypeError, ValueError) as error:  # a text that is no format string: the same error
            return "error", type(error).__name__

    for text in texts:
        variables = {name: f"<{name}>" for name in re.findall(r"%\((\w+)\)", text)}
        expected = outcome(lambda t, v: template.render(text=t, variables=v), text, variables)
        assert outcome(lambda t, v: ours(t, **v), text, variables) == expected, text
        assert outcome(lambda t, v: ours(t), text, {}) == outcome(lambda t, v: template.render(text=t, variables={}), text, {})
    assert ours("50 %% der Fälle") == "50 % der Fälle"
