"""The theme's own texts in the page's language (issue 22).

The overrides (overrides/*.html: search box, footer, example notice) mark their German texts with `_()`, as the
page templates do; `install(config)` adds a small MkDocs plugin that gives the theme's Jinja environment that
`_`: it reads the page's language from its front matter (`lang`, generator/pages/languages.py) and looks the
text up in that language's catalogue (generator/locales/). German pages – and every page of a German-only
atlas – get the German text unchanged. Material's own texts (skip link, menu, table of contents) come from
Material's language files (overrides/partials/language.html).

The scroll regions around tables (pages/table_regions.py) are made by a Markdown extension, which does not know
the page: their fixed German texts are put into the page's language here, after Markdown (`on_page_content`); so
are the names of the colour scheme toggles from mkdocs.yml (`on_post_page`) and the title of the permalink `¶` after each
heading (mkdocs.yml `toc.permalink_title`). Their msgids are listed in
pages/templates/_uebersetzung.md.j2.
German parts of headings keep their lang="de" in the table of contents and in the header's title (`page_topic` in
overrides/partials/header.html): build/heading_languages.py, after Markdown as well.

The main navigation (overrides/partials/nav-item.html) and the footer's links (overrides/partials/copyright.html) follow
the page's language too: `nav_title` shows a title of mkdocs.yml's nav in the page's language when the catalogue has
it (the titles are msgids of pages/templates/_uebersetzung_nav.md.j2), else the German title marked lang="de" – so an
atlas with other titles gets German for those; `nav_url` and `page_url` lead to the page in the same language where
the build has one (`<lang>/<path>`), else to the German page (`nav_hreflang`: `hreflang="de"` on such a link).
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin

from ..core import i18n
from ..core.markup import served_dir
from ..pages.table_regions import HINT_TEXT
from .heading_languages import mark_toc, marked_title


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


def translated_title(title: str, lang: str) -> str | None:
    """A nav title in `lang` if the catalogue translates it (not fuzzy), else None."""
    message = i18n.catalogue(lang).get(title)
    return message.string if message is not None and message.string and not message.fuzzy and isinstance(message.string, str) else None


class ThemeTexts(BasePlugin):
    def __init__(self) -> None:
        self.sources: set[str] = set()  # docs paths of the pages of this build
        self.topics: dict[str, Markup] = {}  # docs path → the title in the header with its German parts marked

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        # every page, also those another shard builds (build/shards.py marks them excluded): the same nav in every shard
        self.sources = {f.src_uri for f in files.documentation_pages(inclusion=lambda _level: True)}
        return files

    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Any) -> jinja2.Environment:
        env.globals["_"] = gettext
        env.globals["nav_title"] = self.nav_title
        env.globals["nav_url"] = self.nav_url
        env.globals["nav_hreflang"] = self.nav_hreflang
        env.globals["page_url"] = self.page_url
        env.globals["page_topic"] = self.page_topic
        return env

    def _own(self, src: str | None, lang: str) -> str | None:
        """The docs path of `src` in `lang` if the build has that page."""
        if not src or lang == i18n.DEFAULT:
            return None
        own = f"{lang}/{src}"
        return own if own in self.sources else None

    @staticmethod
    @jinja2.pass_context
    def nav_title(context: Any, title: Any) -> Any:
        """A nav title in the page's language (German pages: unchanged)."""
        lang = page_language(context.get("page"))
        if lang == i18n.DEFAULT or not isinstance(title, str):
            return title
        own = translated_title(title, lang)
        return escape(own) if own else Markup(f'<span lang="de" dir="ltr">{escape(title)}</span>')

    @jinja2.pass_context
    def nav_url(self, context: Any, item: Any) -> str:
        """The URL of a nav entry's page in the page's language where it exists, else the German page's."""
        own = self._own(getattr(getattr(item, "file", None), "src_uri", None), page_language(context.get("page")))
        return served_dir(own) if own else item.url

    @jinja2.pass_context
    def nav_hreflang(self, context: Any, item: Any) -> Markup:
        """` hreflang="de"` on a link from a page in another language to a page that exists only in German."""
        lang = page_language(context.get("page"))
        if lang == i18n.DEFAULT or self._own(getattr(getattr(item, "file", None), "src_uri", None), lang):
            return Markup("")
        return Markup(' hreflang="de"')

    @jinja2.pass_context
    def page_url(self, context: Any, src: str) -> str:
        """The served path of the generated page `src` (`impressum.md` → `impressum/`) in the page's language if the
        build has it, else of the German page."""
        own = self._own(src, page_language(context.get("page")))
        return served_dir(own or src)

    @jinja2.pass_context
    def page_topic(self, context: Any, title: Any) -> Any:
        """The page's title in the header: on a page in another language with the German parts of its heading marked
        lang="de" (on_page_content), else `title` unchanged."""
        page = context.get("page")
        return self.topics.get(getattr(getattr(page, "file", None), "src_uri", ""), title)

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        lang = page_language(page)
        if lang == i18n.DEFAULT:
            return html
        mark_toc(page.toc, html)  # German parts of headings stay marked lang="de" in the contents (heading_languages.py)
        topic = marked_title(html, (page.meta or {}).get("title") or page.title)
        self.topics.pop(page.file.src_uri, None)
        if topic:
            self.topics[page.file.src_uri] = topic
        t = i18n.translations(lang).gettext
        html = html.replace(f">{HINT_TEXT}</p>", f">{escape(t(HINT_TEXT))}</p>")
        permalink = (config["mdx_configs"].get("toc") or {}).get("permalink_title")
        if isinstance(permalink, str) and permalink:  # the title of the ¶ after each heading
            html = html.replace(f' title="{escape(permalink)}">', f' title="{escape(t(permalink))}">')
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
