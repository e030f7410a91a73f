"""Trim the theme's stylesheets to the rules the built site can use (issue 18, point 2: a first visit ≤ 100 kB).

Material's `assets/stylesheets/main.*.min.css` (137 kB, 23 kB gzip-compressed) styles every component of the
theme: its search, tooltips, code annotations, version picker, repository facts, tabs, blog and more. The atlas
uses few of them, yet every first visit loaded them all. After MkDocs has written the site, this step reads the
class names of every page (and of the site's own scripts, which add a few at run time) and drops each selector
that needs a class no page has: such a selector can never match. A rule keeps the selectors that can; a rule,
`@media` or `@supports` block left empty goes. Everything else (custom properties, `@keyframes`, `@font-face`,
element and attribute selectors) stays as it is.

The reading is conservative: a class inside `:not(…)` does not count (`a:not(.x)` matches without `.x`), and a
selector with `:is(…)`, `:where(…)` or `:has(…)` is kept whole. Only the theme's own stylesheets are trimmed;
the atlas' CSS (assets/atlas*.css) is written for the atlas. The output depends only on the site's files, so two
builds of the same data give the same bytes. `atlas serve` leaves the preview's CSS whole: it rebuilds pages one
by one, and a page edited later may need a rule that an earlier trim removed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2.serializer import serialize_identifier

THEME_CSS = "assets/stylesheets"
# Class attributes of the HTML; class names the site's scripts set (`classList.add("…")`, "md-nav__link--active").
_CLASS_ATTRIBUTE = re.compile(rb'\bclass\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_KEEP_WHOLE = re.compile(r":(?:is|where|has|matches|-webkit-any|-moz-any)\(", re.I)
_SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/\s*$")


@dataclass(frozen=True)
class TrimReport:
    files: int
    before: int  # bytes of the theme's stylesheets before and after
    after: int


def used_classes(site: Path) -> set[str]:
    """Every class name in the site's HTML files, and every word of its own scripts (a superset of the class
    names they set)."""
    found: set[bytes] = set()
    for path in site.rglob("*.html"):
        for match in _CLASS_ATTRIBUTE.finditer(path.read_bytes()):
            found.update((match.group(1) or match.group(2) or b"").split())
    names = {name.decode("utf-8", "replace") for name in found}
    for script in (site / "assets").glob("atlas*.js"):
        names.update(_SCRIPT_WORD.findall(script.read_text(encoding="utf-8")))
    return names


def _without_not(selector: str) -> str:
    """The selector with every `:not(…)` removed (nested parentheses included)."""
    out, i = [], 0
    lower = selector.lower()
    while i < len(selector):
        if lower.startswith(":not(", i):
            depth, i = 1, i + 5
            while i < len(selector) and depth:
                depth += {"(": 1, ")": -1}.get(selector[i], 0)
                i += 1
            continue
        out.append(selector[i])
        i += 1
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def can_match(selector: str, used: set[str]) -> bool:
    required = _required(selector)
    return required is None or required <= used


def _required(selector: str) -> frozenset[str] | None:
    """The class names a selector needs to match anything (None: kept whole, see the module text)."""
    if _KEEP_WHOLE.search(selector):
        return None
    return frozenset(_CLASS_IN_SELECTOR.findall(_without_not(selector)))


# A stylesheet is read once per process (`_parsed`, keyed by its text) into these items, each with what its trim
# needs: a rule's selectors with the classes each requires and its serialized body, a `@media` / `@supports`
# block's head and items, and everything else as its text. Trimming is then set tests and string joins, so a
# second build in the same process (`atlas serve`, a test run, the benchmark) does not parse the theme's CSS again.
@dataclass(frozen=True)
class _Rule:
    selectors: tuple[tuple[str, frozenset[str] | None], ...]
    body: str  # "{…}"


@dataclass(frozen=True)
class _Block:
    head: str  # "@media …"
    items: tuple


def _items(rules: list) -> tuple:
    items: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tuple((s, _required(s)) for s in _split_selectors(tinycss2.serialize(rule.prelude)))
            items.append(_Rule(selectors, "{" + tinycss2.serialize(rule.content) + "}"))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            head = "@" + serialize_identifier(rule.at_keyword) + tinycss2.serialize(rule.prelude)
            items.append(_Block(head, _items(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))))
        elif rule.type not in ("whitespace", "comment"):
            items.append(tinycss2.serialize([rule]))
    return tuple(items)


@functools.lru_cache(maxsize=8)
def _parsed(text: str) -> tuple:
    return _items(tinycss2.parse_stylesheet(_SOURCE_MAP.sub("", text), skip_comments=True, skip_whitespace=True))


@functools.lru_cache(maxsize=None)
def _prelude(selectors: str) -> str:
    """A kept selector list as tinycss2 writes it (parsed again, as the trimmed rule's new prelude)."""
    return tinycss2.serialize(tinycss2.parse_component_value_list(selectors))


def _trimmed(items: tuple, used: set[str]) -> str:
    out = []
    for item in items:
        if isinstance(item, _Rule):
            kept = [s.strip() for s, required in item.selectors if required is None or required <= used]
            if kept:
                out.append(_prelude(",".join(kept)) + item.body)
        elif isinstance(item, _Block):
            inner = _trimmed(item.items, used)
            if inner:
                out.append(item.head + "{" + inner + "}")
        else:
            out.append(item)
    return "".join(out)


def trim_css(text: str, used: set[str]) -> str:
    """`text` (a stylesheet) without the selectors that need a class outside `used`."""
    return _trimmed(_parsed(text), used)


def trim_theme_css(site: Path) -> TrimReport:
    """Trim each of the theme's stylesheets in the built `site` in place."""
    sheets = sorted((site / THEME_CSS).glob("*.css"))
    if not sheets:
        return TrimReport(0, 0, 0)
    used = used_classes(site)
    before = after = 0
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        trimmed = trim_css(text, used)
        sheet.write_text(trimmed, encoding="utf-8")
        before, after = before + len(text.encode()), after + len(trimmed.encode())
    return TrimReport(len(sheets), before, after)
