"""generator/build/link_brackets.py: the link patterns find a link text's end by scanning forward, with the same HTML
as Python-Markdown's own bracket table, and without scanning the whole text again for every link."""

from __future__ import annotations

import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from generator.build import link_brackets
from generator.build.link_brackets import WINDOW, LinkBrackets

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "def_list", "admonition"]


def convert(text: str, forward: bool) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, *([LinkBrackets()] if forward else [])]).convert(text)


CASES = {
    "plain": "Siehe [Familienzentrum](a.md) und [Beratung](b.md#zeiten).",
    "nested": "Ein [Name [mit] Klammern](a.md) und [zwei [tiefe [Klammern]]](b.md) dahinter.",
    "unclosed first": "Eine [offene Klammer und dann [ein Link](a.md) – Ende.",
    "unclosed last": "Ein [Link](a.md) und dann eine [offene Klammer ohne Ende.",
    "only closing": "Text ] mit ] schließenden ] Klammern und [Link](a.md).",
    "image": "![Karte [Teltow]](karte.png) und [![Bild](b.png)](c.md)",
    "references": "[Text][ziel], [ziel][], [ziel] und ![Bild][ziel]\n\n[ziel]: https://example.org/",
    "escaped": r"Ein \[kein Link\](a.md) und [ein Link \] mit Klammer](b.md).",
    "code": "`[kein](link)` und [Link mit `[Code]`](a.md)",
    "attr list": '[vCard herunterladen](a.vcf){download="x.vcf" type="text/vcard"}; [Kalender](b.ics){download="b.ics"}',
    "table": "| Ort | Angebote |\n|---|---|\n| [Teltow](t.md) | [A](a.md); [B](b.md); [C [c]](c.md) |\n| [offen | [D](d.md) |",
    "far closing": "[" + "x" * (WINDOW + 50) + "](weit.md) und [nah](nah.md)",
    "deep beyond the window": "[a [b " + "y" * WINDOW + "] c](tief.md) Ende [z](z.md)",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_same_html_as_the_library(text: str) -> None:
    assert convert(text, forward=True) == convert(text, forward=False)


def test_pages_of_the_example_atlas_give_the_same_html(example_pages: dict[str, str]) -> None:
    # the Arabic Lebenslagen pages (most links per text, right to left), a profile and the list of offers
    chosen = sorted(path for path in example_pages if path.endswith(".md") and (
        path.startswith("ar/lebenslagen/") or path in {"sozialraeume/teltow.md", "angebote/index.md"}))
    assert len(chosen) >= 10
    assert sum(example_pages[path].count("](") for path in chosen) > 1000
    for path in chosen:
        text = example_pages[path]
        assert convert(text, forward=True) == convert(text, forward=False), path


def test_a_text_with_many_links_is_not_scanned_again_for_each_link(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned = []
    library = LinkInlineProcessor._findBracketEnds

    def counting(data: str) -> list:
        scanned.append(len(data))
        return library(data)

    monkeypatch.setattr(LinkInlineProcessor, "_findBracketEnds", staticmethod(counting))
    text = "; ".join(f"[Angebot {n}](angebote/a{n}.md)" for n in range(400))
    html = convert(text, forward=True)
    assert html.count("<a href=") == 400
    assert scanned == []  # every link closes within the window: the library's table is never made
    convert(text, forward=False)
    assert len(scanned) >= 400 and sum(scanned) > 400 * len(text) / 3  # the library scans the rest of the text per link
    scanned.clear()
    convert("[" + "x" * (WINDOW + 10) + "](a.md)", forward=True)
    # a bracket that stays open beyond the window: the library's table, at most once per pattern that tries it
    assert 1 <= len(scanned) <= len(link_brackets.PATTERNS) and set(scanned) == {WINDOW + 18}


def test_every_link_pattern_scans_forward_and_only_once() -> None:
    md = markdown.Markdown(extensions=[LinkBrackets(), LinkBrackets()])
    for name in link_brackets.PATTERNS:
        processor = md.inlinePatterns[name]
        assert isinstance(processor, link_brackets.ForwardScan), name
        assert type(processor).__mro__.count(link_brackets.ForwardScan) == 1, name


def test_the_build_uses_it() -> None:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.build.shard_config import with_atlas_additions

    config = MkDocsConfig()
    config["markdown_extensions"] = []
    config["plugins"] = {}
    with_atlas_additions(config)
    assert any(isinstance(ext, LinkBrackets) for ext in config["markdown_extensions"])
