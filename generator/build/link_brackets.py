"""Markdown links found in linear time: a Python-Markdown extension that `atlas build` gives MkDocs (shard_config.py).

Python-Markdown (3.11) finds the `]` that closes a link's text with a table of the closing bracket of every
position of the text, computed in one pass over the whole text (a guard against quadratic work on brackets that
never close) and kept while the text stays the same string. Each link it replaces makes a new string, so a text
with n links (a paragraph, list item or table cell) is scanned n times from its start to its end. The generated
pages put many links into one text: a translated Lebenslage page lists a link per benefit, office and contact.
On the example atlas these scans were about a fifth of MkDocs' Markdown time.

Here the six link and reference patterns look for the closing bracket from the opening one forward, at most
WINDOW characters far; only a bracket still open after that falls back to the library's table. The brackets
counted, the matches and the HTML are the same (tests/test_link_brackets.py compares both ways, also on pages of
the example atlas); the work per link is the length of its own text.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import LinkInlineProcessor

# How far to look for the closing bracket before handing over to the library's table: far beyond a link text of
# the generated pages (names of a few dozen characters), and short enough that text whose brackets never close
# (an editor's „[“ is escaped, but hand-written pages may have one) costs at most WINDOW characters per bracket.
WINDOW = 2000
_BRACKET = re.compile(r"[\[\]]")
# Python-Markdown's inline patterns that read a link text with LinkInlineProcessor.getText.
PATTERNS = ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref")


class ForwardScan:
    """Mixin before a LinkInlineProcessor class: getText scans forward from the opening bracket."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 (Python-Markdown's name)
        """The text of the bracket opened just before `index`, the index after its `]`, and whether it closes."""
        depth = 1
        for found in _BRACKET.finditer(data, index, index + WINDOW):
            if found.group() == "[":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return data[index:found.start()], found.end(), True
        return super().getText(data, index)  # type: ignore[misc] - LinkInlineProcessor's, after this mixin


_classes: dict[type, type] = {}


def forward_scanning(cls: type) -> type:
    """`cls` with ForwardScan's getText (one subclass per class, made once)."""
    if cls not in _classes:
        _classes[cls] = type(f"ForwardScan{cls.__name__}", (ForwardScan, cls), {})
    return _classes[cls]


class LinkBrackets(Extension):
    """`markdown.Markdown(extensions=[LinkBrackets()])`: the link patterns find a link text's end in linear time."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # The registered processors get the subclass in place: their pattern, priority and state stay as the
        # library (and any extension before this one) made them; only the method that finds the `]` changes.
        for name in PATTERNS:
            if name in md.inlinePatterns:
                processor: Any = md.inlinePatterns[name]
                if isinstance(processor, LinkInlineProcessor) and not isinstance(processor, ForwardScan):
                    processor.__class__ = forward_scanning(type(processor))


def makeExtension(**kwargs) -> LinkBrackets:  # noqa: N802 (Python-Markdown looks this name up)
    return LinkBrackets(**kwargs)
