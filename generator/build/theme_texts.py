"""The theme's own texts in the page's language (issue 22).

The overrides (overrides/*.html: search box, footer, example notice) mark their German texts with `_()`, as the
page templates do; `install(config)` adds a small MkDocs plugin that gives the theme's Jinja environment that
`_`: it reads the page's language from its front matter (`lang`, generator/pages/languages.py) and looks the
text up in that language's catalogue (generator/locales/). German pages – and every page of a German-only
atlas – get the German text unchanged. Material's own texts (skip link, menu, table of contents) come from
Material's language files (overrides/partials/language.html).

The scroll regions around tables (pages/table_regions.py) are made by a Markdown extension, which does not know
the page: their fixed German texts are put into the page's language here, after Markdown (`on_page_content`); so
are the names of the colour scheme toggles from mkdocs.yml (`on_post_page`). Their msgids are listed in
pages/templates/_uebersetzung.md.j2.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin

from ..core import i18n
from ..pages.table_regions import HINT_TEXT


def page_language(page: Any) -> str:
    """The language of a MkDocs page: its front matter `lang`, else German."""
    meta = getattr(page, "meta", None) or {}
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if isinstance(lang, str) and lang in i18n.known() else i18n.DEFAULT


@jinja2.pass_context
def gettext(context: Any, text: str, **variables: Any) -> Markup:
    """`_("…")` in the theme: the text in the page's language, escaped for HTML (also inside attributes)."""
    lang = page_language(context.get("page"))
    result = text if lang == i18n.DEFAULT else i18n.translations(lang).gettext(text)
    return escape(result % variables if variables else result)


class ThemeTexts(BasePlugin):
    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Any) -> jinja2.Environment:
        env.globals["_"] = gettext
        return env

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        lang = page_language(page)
        if lang == i18n.DEFAULT:
            return html
        t = i18n.translations(lang).gettext
        html = html.replace(f">{HINT_TEXT}</p>", f">{escape(t(HINT_TEXT))}</p>")
        return html.replace('aria-label="Tabelle: ', f'aria-label="{escape(t("Tabelle:"))} ')


    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        """The names of the colour scheme toggles (mkdocs.yml `theme.palette`, printed by Material's palette partial)."""
        lang = page_language(page)
        if lang == i18n.DEFAULT:
            return output
        t = i18n.translations(lang).gettext
        for scheme in config["theme"]["palette"] or []:
            name = (scheme.get("toggle") or {}).get("name") if isinstance(scheme, dict) else None
            if name:
                output = output.replace(f'"{escape(name)}"', f'"{escape(t(name))}"')
        return output


def install(config: Any) -> None:
    """The theme's `_` in the MkDocs build of `config`."""
    config.plugins["atlas-theme-texts"] = ThemeTexts()


__all__ = ["install", "gettext", "page_language"]
