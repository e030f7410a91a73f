"""Every table of a page in a labelled, focusable scroll region (issue 17, point 2; generator/pages/table_regions.py).

The extension on its own (Python-Markdown with the extensions of mkdocs.yml), and the built example atlas:
every `<table>` of every generated page sits in a region with a German name and a hint; the tables residents
read on a phone are stacked by design (each row a card, every cell named after its column). How the regions look and behave in a browser: tests/browser/test_first_sight_tables.py.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ui_text

from generator.pages.table_regions import HINT_CLASS, HINT_TEXT, REGION_CLASS, STACKED_CLASS, TableRegions, wrap_tables


def convert(text: str) -> BeautifulSoup:
    md = markdown.Markdown(extensions=["tables", "md_in_html", "attr_list", "toc", TableRegions()],
                           extension_configs={"toc": {"permalink": True}})
    return BeautifulSoup(md.convert(text), "html.parser")


def regions(soup: BeautifulSoup) -> list:
    return soup.select(f"div.{REGION_CLASS}")


TABLE = "| Tag | Uhrzeit |\n|---|---|\n| Montag | 9–12 Uhr |\n"


def test_a_markdown_table_gets_a_focusable_region_named_after_its_heading():
    soup = convert(f"## Termine & Zeiten <span class=\"atlas-example\">Beispiel</span>\n\n{TABLE}")
    [region] = regions(soup)
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-label"] == "Tabelle: Termine & Zeiten"  # no permalink „¶“, no example badge
    hint = region.find(class_=HINT_CLASS)
    assert hint.get_text() == HINT_TEXT and hint["aria-hidden"] == "true" and hint.has_attr("data-pagefind-ignore")
    assert region.find("table").find("td").get_text() == "Montag"
    assert region.contents.index(hint) < region.contents.index(region.find("table"))


def test_caption_and_figure_caption_name_raw_html_tables():
    soup = convert(
        "## Abschnitt\n\n"
        '<div class="atlas-table" markdown="0">\n<table>\n<caption>Angebote &amp; Orte</caption>\n'
        "<tr><td>x</td></tr>\n</table>\n</div>\n\n"
        "<figure><figcaption>Altenquotient 2013–2023</figcaption><details><summary>Daten des Diagramms als Tabelle</summary>"
        "<table><tr><td>1</td></tr></table></details></figure>\n\n"
        "<figure><figcaption>Ein Bild</figcaption></figure>\n\n" + TABLE
    )
    assert [r["aria-label"] for r in regions(soup)] == [
        "Tabelle: Angebote & Orte", "Tabelle: Altenquotient 2013–2023", "Tabelle: Abschnitt"]  # a closed figure names nothing


def test_repeated_names_are_numbered_and_a_table_without_heading_is_still_named():
    soup = convert(f"{TABLE}\n## Ort\n\n{TABLE}\n{TABLE}")
    assert [r["aria-label"] for r in regions(soup)] == ["Tabelle", "Tabelle: Ort", "Tabelle: Ort (2)"]


def test_the_name_is_escaped():
    soup = convert(f'## Zeichen "&lt;b&gt;" & \'x\'\n\n{TABLE}')  # as md_text escapes data
    assert regions(soup)[0]["aria-label"] == "Tabelle: Zeichen \"<b>\" & 'x'"
    assert "<b>" not in str(soup).split("aria-label=", 1)[1].split(">", 1)[0]


def test_only_top_level_tables_are_wrapped_and_wrapping_twice_changes_nothing():
    html = "<h2>A</h2>\n<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table>\n<p>Text</p>"
    once = wrap_tables(html)
    assert once.count(f'class="{REGION_CLASS}"') == 1
    assert wrap_tables(once) == once
    assert wrap_tables("<p>keine Tabelle</p>") == "<p>keine Tabelle</p>"


def test_escaped_markup_is_left_alone():
    html = "<h2>A</h2><pre><code>&lt;table&gt;&lt;/table&gt;</code></pre>"
    assert wrap_tables(html) == html


def test_a_stacked_table_names_the_column_on_every_body_cell_without_aria_roles():
    soup = convert(
        "## Angebote\n\n"
        f'<div class="{STACKED_CLASS}" markdown="1">\n\n'
        "| Angebot | Zielgruppen & Eltern | Alter |\n|---|---|--:|\n| [A](a.md) <span>Beispiel</span> | Eltern | 0 bis 3 |\n| B |  | 4 |\n\n"
        "</div>\n\n" + TABLE
    )
    first, second = regions(soup)
    table = first.find("table")
    assert first.parent["class"] == [STACKED_CLASS] and first["aria-label"] == "Tabelle: Angebote"
    # a native table keeps its semantics; HTML forbids roles on its rows and cells (W3C Nu checker)
    assert not table.find_all(attrs={"role": True}) and not table.has_attr("role")
    assert not table.find("thead").find(attrs={"data-label": True})
    rows = table.find("tbody").find_all("tr")
    assert [td["data-label"] for td in rows[0].find_all("td")] == ["Angebot", "Zielgruppen & Eltern", "Alter"]
    assert rows[0].find("td").find("a").get_text() == "A" and len(rows[1].find_all("td")) == 3
    assert not second.find(attrs={"data-label": True}) and not second.find("table").has_attr("role")  # only stacked ones


# ------------------------------------------------------------------ the built example atlas
def generated_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "<table" in p.read_text(encoding="utf-8"))


@pytest.mark.heavy
def article_html(html: str) -> str:
    """The page's <article> only (the tables' place): the site navigation around it is most of a page's bytes."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end + len("</article>")] if 0 <= start < end else html


def test_every_table_of_the_example_atlas_sits_in_a_labelled_region(example_site):
    pages = generated_pages(example_site)
    assert len(pages) >= 30, "zu wenige Seiten mit Tabellen: prüft der Test die richtige Website?"
    problems: list[str] = []
    tables = stacked = 0
    for path in pages:
        source = path.read_text(encoding="utf-8")
        word = ui_text(source, "Tabelle:").removesuffix(":")  # „Tabelle“, on the translated pages „Table“, …
        soup = BeautifulSoup(article_html(source), "html.parser")
        article = soup.select_one("article") or soup
        labels: Counter[str] = Counter()
        for table in article.find_all("table"):
            if table.find_parent("table"):
                continue
            tables += 1
            region = table.parent
            stacked += STACKED_CLASS in (region.parent.get("class") or [])
            where = f"{path.relative_to(example_site)}: {table.get_text(' ', strip=True)[:50]}"
            if STACKED_CLASS in (region.parent.get("class") or []) and any(
                    not td.has_attr("data-label") for td in table.select("tbody td")):
                problems.append(f"{where}: gestapelte Tabelle ohne Spaltennamen an den Zellen")
            if region.name != "div" or REGION_CLASS not in (region.get("class") or []):
                problems.append(f"{where}: nicht in einem Bereich .{REGION_CLASS}")
                continue
            label = region.get("aria-label", "")
            if region.get("role") != "region" or region.get("tabindex") != "0" or not re.fullmatch(rf"{re.escape(word)}(: .+)?", label):
                problems.append(f"{where}: Bereich ohne role/tabindex/Name ({region.attrs})")
            if region.find(class_=HINT_CLASS, recursive=False) is None:
                problems.append(f"{where}: kein Hinweis „{HINT_TEXT}“")
            labels[label] += 1
            caption = table.find("caption")
            figure = table.find_parent("figure")
            named = caption or (figure.find("figcaption") if figure else None)
            if named and label != f"{word}: {named.get_text(' ', strip=True)}":
                problems.append(f"{where}: Name „{label}“ statt der Beschriftung „{named.get_text(' ', strip=True)}“")
        problems += [f"{path.relative_to(example_site)}: Name „{name}“ {count}-mal" for name, count in labels.items() if count > 1]
    assert tables >= 200 and stacked >= 5, (tables, stacked)
    assert not problems, "\n".join(problems[:30])
