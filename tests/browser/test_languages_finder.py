"""The Angebotsfinder in every language in a real browser (issue 22): the finder of the example atlas (data/: de, en, uk,
ar) on a phone (390×844) and a wide screen (1366×768), each page loaded once per size and language: the page's
language and direction, translated labels, a filter by topic and one by offer language with the live count in the
page's language (atlas-finder.js reads the texts of #atlas-texts), results linking to the offer in the same language,
no German interface text left (i18n_checks.german_left), no horizontal overflow, no axe-core violation (WCAG 2.1
A/AA). On the English finder, the search box's messages (atlas-search.js) are English; on the English and Arabic family
centre, today's opening hours (atlas-hours.js) are in the page's language.

„In meiner Nähe“ once per language on a phone: language and direction, a place and then all distances chosen, the
status line, the distances and the „more“ button in the page's language (German unchanged), no overflow, no axe-core
violation.

Screenshots of the finder in en and ar at both sizes go to $ATLAS_SHOTS (if set), for looking at them by eye.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from i18n_checks import german_left

from .test_accessibility import describe, run_axe
from .test_languages import LANGUAGES, OVERFLOW, SIZES, context, layout_and_axe, open_in, shot  # noqa: F401 (context: the fixture)

pytestmark = pytest.mark.browser

FINDER = "angebote/finder/"
# legend of the first fieldset, label of the topic and of the language filter, the reset link, the count of all offers
LABELS = {
    "de": ["Wo und was?", "Thema", "Sprache", "Filter zurücksetzen", r"\d+ Angebote"],
    "en": ["Where and what?", "Topic", "Language", "Reset filter", r"Offers: \d+"],
    "uk": ["Де і що?", "Тема", "Мова", "Скинути фільтр", r"Пропозицій: \d+"],
    "ar": ["أين وماذا؟", "الموضوع", "اللغة", "إعادة ضبط التصفية", r"العروض: \d+"],
}
FOUND = {  # the live count after filtering
    "de": r"(\d+ Angebote|1 Angebot) gefunden",
    "en": r"Offers found: \d+|1 offer found",
    "uk": r"Знайдено пропозицій: \d+|Знайдено 1 пропозицію",
    "ar": r"العروض التي عُثر عليها: \d+|عُثر على عرض واحد",
}
TOPIC = {"de": "Beratung", "en": "Counselling", "uk": "Консультування", "ar": "الاستشارة"}  # data/vocabularies.yaml
UKRAINIAN = {"de": "Українська (Ukrainisch)", "en": "Українська (Ukrainian)", "uk": "Українська", "ar": "Українська (الأوكرانية)"}

SHOWN = "() => [...document.querySelectorAll('#atlas-finder-liste li')].filter(li => !li.hidden).length"


def check_finder(page: Any, lang: str, prefix: str) -> None:
    """The loaded finder: labels, the two filters with their live counts, the result links."""
    legend, topic, language, reset, count = LABELS[lang]
    assert page.locator("#atlas-finder legend").first.inner_text().strip() == legend
    assert page.locator('label[for="atlas-finder-thema"]').inner_text().strip() == topic
    assert page.locator('label[for="atlas-finder-sprache"]').inner_text().strip() == language
    assert page.locator(".atlas-finder__actions a").inner_text().strip() == reset
    live = page.locator("#atlas-finder-anzahl")
    assert re.fullmatch(count, live.inner_text().strip()), live.inner_text()
    total = page.evaluate(SHOWN)
    first = page.locator("#atlas-finder-liste li a").first.get_attribute("href")
    assert re.search(rf"^(\.\./)+{prefix}angebote/[^/]+/$", first), first  # the offer in the same language

    page.select_option("#atlas-finder-thema", label=TOPIC[lang])
    shown = page.evaluate(SHOWN)
    assert 0 < shown < total, (shown, total)
    assert re.fullmatch(FOUND[lang], live.inner_text().strip()), live.inner_text()
    number = re.search(r"\d+", live.inner_text()).group()
    assert int(number) == shown and number in page.locator("#atlas-finder button[type=submit]").inner_text()

    page.select_option("#atlas-finder-thema", value="")
    page.select_option("#atlas-finder-sprache", label=UKRAINIAN[lang])
    shown = page.evaluate(SHOWN)
    assert 0 < shown < total, (shown, total)
    languages = page.evaluate("() => [...document.querySelectorAll('#atlas-finder-liste li')].filter(li => !li.hidden)"
                              ".map(li => li.dataset.languages)")
    assert all("uk" in value.split() for value in languages), languages
    assert re.fullmatch(FOUND[lang], live.inner_text().strip()), live.inner_text()
    assert "sprache=uk" in page.url


@pytest.mark.heavy
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_finder_in_each_language(context: Any, example_site_url: str, axe_source: str, size: tuple[int, int]) -> None:  # noqa: F811
    page = context(size)
    problems = []
    for prefix, (lang, direction) in LANGUAGES.items():
        path = prefix + FINDER
        response = page.goto(example_site_url + path, wait_until="load")
        assert response is not None and response.ok, path
        found = page.evaluate("() => [document.documentElement.lang, document.documentElement.getAttribute('dir') || 'ltr']")
        assert found == [lang, direction], (path, found)
        check_finder(page, lang, prefix)
        if lang != "de":
            left = german_left(BeautifulSoup(page.content(), "html.parser"), lang)
            assert left == [], (path, left)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} {size}: {page.evaluate(OVERFLOW)} px zu breit"
        violations = run_axe(page, axe_source)
        if violations:
            problems.append(f"{path} {size}:\n{describe(violations)}")
        shots = os.environ.get("ATLAS_SHOTS")
        if shots and lang in ("en", "ar"):
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"finder-{lang}-{size[0]}.png"), full_page=False)
            page.locator("#atlas-finder-anzahl").scroll_into_view_if_needed()
            page.screenshot(path=str(Path(shots) / f"finder-{lang}-{size[0]}-list.png"), full_page=False)
        if lang == "en" and size[0] > 1000:  # the search box of the English page speaks English
            page.fill("#atlas-search-q", "Babymassage")
            status = page.locator(".atlas-search__status")
            status.wait_for(state="visible")
            page.wait_for_function("() => /Results|result|No results/.test(document.querySelector('.atlas-search__status').textContent)")
            assert re.fullmatch(r"(1 result|Results) for “Babymassage”(: \d+)?", status.inner_text().strip()), status.inner_text()
    assert problems == [], "\n".join(problems)


HOURS = {  # atlas-hours.js: today's state of the family centre, in the page's language
    "en/": r"(Closed today|Open now until|Open today, )[^ä]*",
    "ar/": r"(مغلق اليوم|مفتوح الآن حتى|مفتوح اليوم).*",
}


def test_todays_opening_hours_in_the_page_language(context: Any, example_site_url: str) -> None:  # noqa: F811
    page = context((1366, 768))
    for prefix, pattern in HOURS.items():
        page.goto(example_site_url + prefix + "familienzentren/familienzentrum-beelitz/", wait_until="load")
        box = page.locator(".atlas-today")
        box.wait_for(state="visible")
        text = box.inner_text().strip()
        assert re.fullmatch(pattern, text), (prefix, text)
        assert box.get_attribute("lang") is None  # no longer German text marked as such
        if prefix == "ar/" and re.search(r"\d:\d\d", text):  # a time span reads left to right inside Arabic text
            assert "\u2066" in text and "\u2069" in text, text


NEARBY = "angebote/naehe/"
NEARBY_TEXTS = {  # the status line within 15 km, then with all distances; the „more“ button; a distance
    "de": (r"(\d+ Einträge|1 Eintrag|Kein Eintrag) im Umkreis von 15\u00a0km, sortiert nach Entfernung von .+\.( Die nächsten \d+ werden gezeigt\.)?",
           r"\d+ Einträge, sortiert nach Entfernung von .+\. Die nächsten 20 werden gezeigt\.", r"Mehr anzeigen \(\d+ weitere von \d+\)",
           r"\d+,\d\u00a0km"),
    "en": (r"(Entries within 15\u00a0km: \d+|1 entry within 15\u00a0km|No entries within 15\u00a0km), sorted by distance from .+\.( The nearest \d+ are shown\.)?",
           r"Entries: \d+, sorted by distance from .+\. The nearest 20 are shown\.", r"Show more \(\d+ more of \d+\)", r"\d+\.\d\u00a0km"),
    "uk": (r"(Записи в радіусі 15\u00a0km: \d+|1 запис у радіусі 15\u00a0km|Немає записів у радіусі 15\u00a0km), відсортовано за відстанню від .+\.( Показано найближчі: \d+\.)?",
           r"Записи: \d+, відсортовано за відстанню від .+\. Показано найближчі: 20\.", r"Показати більше \(ще \d+ із \d+\)", r"\d+,\d\u00a0km"),
    "ar": (r"(المدخلات ضمن \u206615\u00a0km\u2069: \d+|مدخل واحد ضمن \u206615\u00a0km\u2069|لا توجد مدخلات ضمن \u206615\u00a0km\u2069)، مرتبة حسب المسافة من \u2068.+\u2069.*\.( تُعرض الأقرب: \d+\.)?",
           r"المدخلات: \d+، مرتبة حسب المسافة من \u2068.+\u2069.*\. تُعرض الأقرب: 20\.", r"عرض المزيد \(\d+ إضافية من \d+\)",
           r"\u2066\d+\.\d\u00a0km\u2069"),  # a distance and the place isolated in right-to-left text
}


def test_nearby_page_in_each_language(context: Any, example_site_url: str, axe_source: str) -> None:  # noqa: F811
    page = context((390, 844))
    problems: list[str] = []
    for prefix, (lang, direction) in LANGUAGES.items():
        path = prefix + NEARBY
        open_in(page, example_site_url, path, lang, direction)
        within, everything, more, distance = NEARBY_TEXTS[lang]
        status = page.locator("#atlas-naehe-status")
        page.select_option("#atlas-naehe-ort", value=page.locator('#atlas-naehe-ort option[value^="sr-"]').first.get_attribute("value"))
        assert re.fullmatch(within, status.inner_text().strip()), (path, status.inner_text())
        page.select_option("#atlas-naehe-umkreis", value="alle")
        assert re.fullmatch(everything, status.inner_text().strip()), (path, status.inner_text())
        assert re.fullmatch(more, page.locator("#atlas-naehe-mehr").inner_text().strip()), page.locator("#atlas-naehe-mehr").inner_text()
        first = page.locator("#atlas-naehe-liste li:not([hidden]) .atlas-naehe__distance").first.inner_text().strip()
        assert re.fullmatch(distance, first), (path, first)
        link = page.locator("#atlas-naehe-liste li a").first.get_attribute("href")
        assert re.search(rf"^(\.\./)+{prefix}(angebote|familienzentren)/[^/]+/$", link), link  # the same language
        if lang != "de":
            assert german_left(BeautifulSoup(page.content(), "html.parser"), lang) == [], path
        layout_and_axe(page, f"{path} 390", axe_source, problems)
        shot(page, f"naehe-{lang}-390")
    assert problems == [], "\n".join(problems)
