"""Language of parts on every page in another language (issue 22, WCAG 2.1 SC 3.1.2): texts from the data stay
German and must sit inside an element with lang="de" – in the text, the table of contents, the header's title, link
texts and tables alike.

One scan of the shared build of the example atlas (`example_site`): every HTML page under a language folder (`en/`,
`uk/`, `ar/`) is read with Python's HTML parser, and its text outside lang="de" (and outside `<head>`, whose `<title>`
cannot mark a part, and outside script, style and template) must not hold a German function word. The words are
ones that are not English words too (not „die“, „am“, „an“, „in“), in lower case only, so a place name such as
„Frankfurt (Oder)“ does not count; „von“ is left out for names such as „Bertha von Suttner“.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import ui_text

from generator.core import i18n

GERMAN_WORDS = ("und", "für", "oder", "bei", "mit", "zur", "zum", "der", "das", "den", "dem", "des", "eine", "einer",
                "einem", "eines", "nicht", "vom", "sind", "wird", "werden", "auch", "über", "alle")
WORD = re.compile(r"(?<!\w)(?:" + "|".join(GERMAN_WORDS) + r")(?!\w)")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
SKIPPED = frozenset({"head", "script", "style", "template"})


class GermanOutsideMarkup(HTMLParser):
    """Texts of a page with a German function word that no element with lang="de" encloses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # per open element: (tag, inside lang="de" or a skipped element)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        lang = dict(attrs).get("lang") or ""
        outside = bool(self.open and self.open[-1][1]) or tag in SKIPPED or lang.split("-")[0] == "de"
        self.open.append((tag, outside))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1][1]) and WORD.search(data):
            self.found.append(" ".join(data.split()))


def german_outside(html: str) -> list[str]:
    parser = GermanOutsideMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_scan_finds_unmarked_german_and_passes_marked_german() -> None:
    """The scan itself: German outside lang="de" is found (also in a TOC entry), marked German, English, the title
    in <head> and a script are not."""
    page = ('<html lang="en"><head><title>Beratung für Schwangere</title><script>var t = "und";</script></head><body>'
            '<nav><a href="#x"><span class="md-ellipsis">Beratung für Schwangere</span></a></nav>'
            '<p>page „<span lang="de" dir="ltr">Bildung und Teilhabe</span>“<br>Die the die in Frankfurt (Oder)</p>'
            '<div lang="de-DE"><p>Hilfe zur Pflege</p></div><p>Familienzentrum „Philantow“ und mehr</p></body></html>')
    assert german_outside(page) == ["Beratung für Schwangere", "Familienzentrum „Philantow“ und mehr"]


def test_no_unmarked_german_on_pages_in_other_languages(example_site: Path) -> None:
    languages = [d.name for d in sorted(example_site.iterdir()) if d.is_dir() and d.name in i18n.known() and d.name != i18n.DEFAULT]
    pages = [f for lang in languages for f in sorted((example_site / lang).rglob("*.html"))]
    assert len(languages) >= 3 and len(pages) > 100, (languages, len(pages))  # the example atlas has en, uk, ar
    left = [f"{f.relative_to(example_site)}: {text}" for f in pages for text in german_outside(f.read_text(encoding="utf-8"))]
    assert not left, f"{len(left)} German texts outside lang=\"de\":\n" + "\n".join(left[:60])


def test_german_headings_keep_their_marking_in_contents_and_header(example_site: Path) -> None:
    """The table of contents and the header's title carry the heading's lang="de" (build/heading_languages.py); the
    German page stays plain text there. The permalinks' title is in the page's language (build/theme_texts.py)."""
    # a situation without a Ukrainian name (data/lebenslagen/ein-kind-kommt.yaml): German, marked, in a Ukrainian title
    mixed = (example_site / "uk/lebenslagen/fragen/wo/ein-kind-kommt/index.html").read_text(encoding="utf-8")
    topic = mixed.split('data-md-component="header-topic"', 1)[1].split("</div>", 1)[0]
    assert '<span lang="de" dir="ltr">' in topic and "</span>: " in topic, topic
    situation = (example_site / "en/lebenslagen/ein-kind-kommt/index.html").read_text(encoding="utf-8")
    contents = situation.split('md-nav--secondary', 1)[1].split("</nav>\n</div>", 1)[0]
    assert re.search(r'<span class="md-ellipsis">\s*<span lang="de" dir="ltr">[^<]+</span>\s*</span>', contents), contents[:2000]
    german = (example_site / "lebenslagen/ein-kind-kommt/index.html").read_text(encoding="utf-8")
    assert 'lang="de" dir="ltr"' not in german.split('md-nav--secondary', 1)[1]
    # the permalink ¶ after each heading has its title (mkdocs.yml toc.permalink_title) in the page's language
    assert set(re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', situation)) == {ui_text(situation, "Link zu diesem Abschnitt")} != {"Link zu diesem Abschnitt"}
    assert set(re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', german)) == {"Link zu diesem Abschnitt"}


def test_the_atlas_name_in_the_header_is_marked_german_on_translated_pages(example_site: Path) -> None:
    """The atlas' name (atlas.yaml `title`, German data) in the header: lang="de" dir="ltr" on pages in other languages,
    so that an Arabic page keeps its start when it is too long for a phone (atlas.css aligns it right there)."""
    name = re.compile(r'<div class="md-header__topic">\s*<span class="md-ellipsis"([^>]*)>\s*Sozialraumatlas Potsdam-Mittelmark\s*</span>')
    for path, marked in [("ar/index.html", True), ("en/angebote/finder/index.html", True), ("index.html", False),
                         ("angebote/finder/index.html", False), ("sozialraeume/teltow/index.html", False)]:
        found = name.search((example_site / path).read_text(encoding="utf-8"))
        assert found and found.group(1) == (' lang="de" dir="ltr"' if marked else ""), (path, found and found.group(1))


def test_names_in_translated_link_texts_are_marked(example_site: Path) -> None:
    """`lt.fill` (pages/lotse_texts.py): a benefit's German name inside a translated link text is marked, the message's
    own words and spaces around it stay as the catalogue has them; the start page's family centres are marked and
    lead to their pages in the same language."""
    situation = (example_site / "en/lebenslagen/ein-kind-kommt/index.html").read_text(encoding="utf-8")
    assert '">page „<span lang="de" dir="ltr">Beratung für Schwangere</span>“</a>' in situation
    benefit = (example_site / "en/leistungen/bafoeg/index.html").read_text(encoding="utf-8")
    assert '">Online service for <span lang="de" dir="ltr">BAföG</span></a>' in benefit
    start = (example_site / "en/index.html").read_text(encoding="utf-8")
    assert re.search(r'<td><span lang="de" dir="ltr"><a href="familienzentren/[^"]+/">[^<]+</a></span>', start)
