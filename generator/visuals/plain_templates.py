"""Text that branca would compile as a Jinja template, kept as text (used by maps.deterministic_ids).

folium renders each map element's script, then branca wraps the result in a new element and compiles it as a
Jinja template once more, only to render the same text: 996 compilations for the maps of the example atlas,
about a tenth of its render time. `plain_template` stands in for branca's `Template` while a map is made: text
without Jinja syntax becomes `PlainText`, which renders what Jinja would; any other text still goes through
Jinja (the `{% raw %}` of maps._option_text, braces from a template).
"""

from __future__ import annotations

import re

import jinja2

JINJA_SYNTAX = ("{{", "{%", "{#")  # Jinja's default delimiters; branca's templates use no line statements
NEWLINE = re.compile(r"\r\n|\r|\n")


class PlainText:
    """What `jinja2.Template(source)` renders for a source without Jinja syntax: the text with its newlines made
    `\n` and one trailing newline dropped (Jinja's defaults), whatever the arguments."""

    __slots__ = ("text",)

    def __init__(self, source: str) -> None:
        lines = NEWLINE.split(source)
        if lines[-1] == "":
            del lines[-1]
        self.text = "\n".join(lines)

    def render(self, *args: object, **kwargs: object) -> str:
        return self.text


def plain_template(source: str) -> jinja2.Template | PlainText:
    """`jinja2.Template(source)`, or `PlainText(source)` where the source has no Jinja syntax."""
    if any(mark in source for mark in JINJA_SYNTAX):
        return jinja2.Template(source)
    return PlainText(source)


__all__ = ["plain_template", "PlainText", "JINJA_SYNTAX"]
