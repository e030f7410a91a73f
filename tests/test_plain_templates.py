"""branca's second Jinja pass over folium's rendered scripts is skipped for plain text
(generator/visuals/plain_templates.py): the same text as Jinja renders, and used while a map is made."""

from __future__ import annotations

import branca.element
import folium
import jinja2
import pytest

from generator.visuals.maps import deterministic_ids
from generator.visuals.plain_templates import PlainText, plain_template

SOURCES = [
    "",
    "\n",
    "text",
    "text\n",
    "text\n\n",  # only one trailing newline goes
    "a\r\nb\rc\n",  # Windows and old Mac line ends become \n
    "a\r\n",
    '\n            var map_1 = L.map(\n                "map_1",\n                {center: [52.3, 12.7]}\n            );\n        ',
    "{ one brace } and {}",  # braces alone are no Jinja syntax
    "  leading and trailing blanks  ",
    "ä ö ü ß € – „Zitat“",
]
WITH_SYNTAX = ["{{ this }}", "{% raw %}{{% endraw %}x", "a {# comment #} b", '{"a": {{ 1 }}}']


@pytest.mark.parametrize("source", SOURCES)
def test_plain_text_renders_what_jinja_renders(source: str) -> None:
    found = plain_template(source)
    assert isinstance(found, PlainText)
    assert found.render(this=object(), kwargs={}) == jinja2.Template(source).render(this=object(), kwargs={})


@pytest.mark.parametrize("source", WITH_SYNTAX)
def test_text_with_jinja_syntax_still_goes_through_jinja(source: str) -> None:
    assert isinstance(plain_template(source), jinja2.Template)


def test_a_map_made_within_deterministic_ids_skips_the_compiler_and_nothing_else_does() -> None:
    original = branca.element.Template
    with deterministic_ids("probe"):
        inside = branca.element.Element("<div>plain</div>\n")
        raw = branca.element.Element("{% raw %}{{% endraw %}")
        figure = folium.Map(location=[52.3, 12.7], tiles=None).get_root()
        html = figure.render()
    assert isinstance(inside._template, PlainText) and inside.render() == "<div>plain</div>"
    assert isinstance(raw._template, jinja2.Template) and raw.render() == "{"
    assert "L.map(" in html
    assert branca.element.Template is original  # restored after the block
    assert isinstance(branca.element.Element("<p>x</p>")._template, jinja2.Template)
