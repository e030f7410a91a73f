"""The theme's CSS trimmed to what the built pages can use (generator/build/theme_css.py, issue 18 point 2)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import tinycss2

from generator.build import theme_css

MATERIAL_CSS = Path(__import__("material").__file__).parent / "templates" / "assets" / "stylesheets"


def test_a_selector_needing_an_unused_class_goes_and_the_rest_stays() -> None:
    css = (".a,.zzz{color:red}.zzz .a{margin:0}a:not(.zzz){color:blue}:is(.zzz,.a) b{top:0}"
           "@media screen{.zzz{left:0}}@media print{.a{right:0}.zzz{left:1px}}"
           "@keyframes spin{0%{opacity:0}}:root{--x:1}/*# sourceMappingURL=main.css.map*/")
    assert theme_css.trim_css(css, {"a"}) == (
        ".a{color:red}a:not(.zzz){color:blue}:is(.zzz,.a) b{top:0}@media print{.a{right:0}}"
        "@keyframes spin{0%{opacity:0}}:root{--x:1}")


def test_selector_lists_are_split_at_top_level_commas_only() -> None:
    assert theme_css.trim_css("[data-x='a,b'] .zzz,.a:not(.b,.c){top:0}", {"a"}) == ".a:not(.b,.c){top:0}"
    assert theme_css.can_match(".a.b > .c::before", {"a", "b", "c"})
    assert not theme_css.can_match(".a.b > .c::before", {"a", "c"})


def test_the_built_example_links_a_trimmed_theme_css_that_keeps_what_pages_use(example_site: Path) -> None:
    sheets = sorted((example_site / "assets" / "stylesheets").glob("*.css"))
    assert [s.name.split(".")[0] for s in sheets] == ["main", "palette"]
    used = theme_css.used_classes(example_site)
    assert {"md-header", "md-nav__link", "md-typeset", "md-nav__link--active", "focus-visible"} <= used
    for sheet in sheets:
        original = (MATERIAL_CSS / sheet.name).read_bytes()
        trimmed = sheet.read_bytes()
        if sheet.name.startswith("main"):
            assert len(gzip.compress(trimmed)) < 0.6 * len(gzip.compress(original))  # 22,6 kB → about 11 kB
        text = trimmed.decode()
        assert ".md-search__" not in text and ".md-tooltip" not in text and ".md-annotation" not in text  # unused components
        assert ".md-header{" in text.replace(" ", "") or ".md-header," in text  # the frame every page has
        # no selector left that needs a class no page has
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        stack = list(rules)
        while stack:
            rule = stack.pop()
            if rule.type == "qualified-rule":
                for selector in tinycss2.serialize(rule.prelude).split(","):
                    if not re.search(r":(is|where|has|not)\(", selector):
                        assert theme_css.can_match(selector, used), selector
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                stack.extend(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
