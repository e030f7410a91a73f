"""German parts of headings in the table of contents and the header of pages in other languages (issue 22, WCAG 2.1
SC 3.1.2 Language of Parts).

A heading on a page in English may hold a text from the data, which stays German and is marked
`<span lang="de" dir="ltr">` (pages/languages.py). MkDocs copies headings into the table of contents
(`page.toc`, shown by Material's partials/toc-item.html in the right sidebar and in the menu on a phone) and the page's
title into the header (overrides/partials/header.html) as plain text, so the marking is lost there.
build/theme_texts.py calls `mark_toc` after Markdown on such pages: each entry whose heading carries language
markup gets the heading's text with that markup (`lang`/`dir` kept as spans, all other tags dropped, without the
permalink `¶`, the example badge and the status badge); `marked_title` does the same for the title in the header. An entry keeps its
plain text when its text differs from the heading's (a `data-toc-label` of its own). German pages are not touched.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_EMPTY = re.compile(r"<span[^>]*>\s*</span>")
_VOID = frozenset({"br", "img", "wbr", "hr", "input"})
LEFT_OUT = frozenset({"headerlink", "atlas-example", "atlas-state"})  # permalink, example and status badges: not in the title
KEPT = ("lang", "dir")  # the attributes a heading's spans keep in the contents


class _Marked(HTMLParser):
    """A heading's inner HTML as text plus its spans with `lang`/`dir`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.text: list[str] = []
        self.open: list[tuple[bool, bool]] = []  # per open element: (left out, kept as span)
        self.marked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        values = dict(attrs)
        left_out = bool(self.open and self.open[-1][0]) or bool(LEFT_OUT & set((values.get("class") or "").split()))
        kept = [(name, values[name]) for name in KEPT if values.get(name)]
        if kept and not left_out:
            self.parts.append("<span" + "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in kept) + ">")
            self.marked = self.marked or "lang" in values
        self.open.append((left_out, bool(kept) and not left_out))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open:
            return
        _left_out, kept = self.open.pop()
        if kept:
            self.parts.append("</span>")

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1][0]):
            self.parts.append(html.escape(data, quote=False))
            self.text.append(data)


def marked(inner: str) -> tuple[str, str] | None:
    """(the heading's text with its language spans, its plain text) if a part of it is marked with `lang`, else None."""
    parser = _Marked()
    parser.feed(inner)
    parser.close()
    if not parser.marked:
        return None
    return _EMPTY.sub("", " ".join("".join(parser.parts).split())).strip(), " ".join("".join(parser.text).split())


def headings(content: str) -> dict[str, tuple[int, str, str]]:
    """The page's headings with language markup: id → (level, marked text, plain text)."""
    found = {}
    for match in _HEADING.finditer(content):
        anchor = _ID.search(match.group(2))
        result = marked(match.group(3)) if anchor else None
        if anchor and result:
            found[anchor.group(1)] = (int(match.group(1)), *result)
    return found


def _plain(title: Any) -> str:
    return " ".join(html.unescape(str(title)).split())


def mark_toc(toc: Any, content: str) -> None:
    """Give the entries of `toc` (MkDocs `page.toc`) the language markup of their headings in `content`."""
    found = headings(content)
    if not found:
        return

    def walk(items: Any) -> None:
        for item in items:
            heading = found.get(getattr(item, "id", ""))
            if heading and _plain(item.title) == heading[2]:
                item.title = Markup(heading[1])
            walk(getattr(item, "children", None) or [])

    walk(toc)


def marked_title(content: str, title: Any) -> Markup | None:
    """The page's title (as the header shows it) with the language markup of its first heading, if that heading has
    some and the same text."""
    for level, text, plain in headings(content).values():
        if level == 1:
            return Markup(text) if plain == _plain(title) else None
    return None


__all__ = ["mark_toc", "marked_title", "headings", "marked", "LEFT_OUT"]
