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

import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2

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
    if _KEEP_WHOLE.search(selector):
        return True
    return all(name in used for name in _CLASS_IN_SELECTOR.findall(_without_not(selector)))


def _trim_rules(rules: list, used: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(tinycss2.serialize(rule.prelude)) if can_match(s, used)]
            if not selectors:
                continue
            rule.prelude = tinycss2.parse_component_value_list(",".join(s.strip() for s in selectors))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if not inner:
                continue
            rule.content = inner
        elif rule.type in ("whitespace", "comment"):
            continue
        kept.append(rule)
    return kept


def trim_css(text: str, used: set[str]) -> str:
    """`text` (a stylesheet) without the selectors that need a class outside `used`."""
    rules = tinycss2.parse_stylesheet(_SOURCE_MAP.sub("", text), skip_comments=True, skip_whitespace=True)
    return tinycss2.serialize(_trim_rules(rules, used))


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
