"""Pages in several languages (issue 22): the templates' gettext, the page's language in its front matter, the
note on unchecked translations, and the interface fragments that Python code writes into pages.

A page type is translated by marking its template's interface texts with `_()` and making it with
`site.translated(path, …)` instead of `site.page(path, …)`: German at `path`, each other language of
`atlas.yaml` (`languages`) at `<lang>/path`. The templates get `lang` and two filters for texts from the
data, which stay German: `|de` (Markdown) and `|de_attr` (inside HTML) wrap them in `lang="de"` on other
pages and change nothing on German pages. Only an atlas with more than one language gets the front matter
`lang` / `translations` (overrides/base.html: `<html lang dir>`, hreflang links, the language switcher), so
a German-only atlas stays byte for byte as before.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from jinja2 import Environment
from markupsafe import Markup

from ..core import i18n
from ..core.markup import html_attr, md_text
from .script_texts import script_texts

PARTIAL = "_uebersetzung.md.j2"  # the note on unchecked translations and the msgids of generated fragments


def install(env: Environment, lang: str) -> None:
    """`_()` from the language's catalogue, numbers and dates in its format, the `de` filters."""
    catalogue = i18n.translations(lang)
    env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = plain_gettext(catalogue.gettext)
    env.filters.update(i18n.filters(lang))
    source = lang == i18n.DEFAULT
    env.filters["de"] = (lambda value: value) if source else german
    env.filters["de_attr"] = html_attr if source else _de_html


def plain_gettext(gettext: Callable[[str], str]) -> Callable[..., str]:
    """`_()` for the page templates, as Jinja's i18n extension with `newstyle` makes it (the translation, always
    %-formatted with the keyword arguments: `%%` for a percent sign), but called directly. Jinja's own `_` asks the
    template's context for `gettext` and calls it through the context again, to mark the text safe where the
    template escapes (ours never do: escaping happens in `md_text`): three calls instead of one for each of the
    ~60.000 texts of the example atlas, a tenth of its render time (2,7–3,0 s → 2,4–2,6 s, the same files)."""

    def translate(string: str, **variables: Any) -> str:
        return gettext(string) % variables

    return translate


# German inside a page in another language: `dir="ltr"` too, so that on a right-to-left page the German text keeps
# its own direction (punctuation at the end of a sentence stays at its end).
GERMAN = 'lang="de" dir="ltr"'


def german(value: Any) -> Markup:
    """A German text from the data on a page in another language: `<span lang="de" dir="ltr">…</span>` (Markdown-escaped)."""
    text = md_text(value)
    return Markup(f"<span {GERMAN}>{text}</span>") if text else Markup("")


def _de_html(value: Any) -> Markup:
    text = html_attr(value)
    return Markup(f"<span {GERMAN}>{text}</span>") if text else text


def localize(env: Environment, head: str, body: str, lang: str, translations: list[str]) -> tuple[str, str]:
    """Front matter with `lang` (other languages) and `translations` (the languages the page exists in); on a page
    not in German, the note on an unchecked translation after the heading and the generated German fragments
    (example badge, the map's link and label) in the page's language."""
    lines = ([f"lang: {lang}"] if lang != i18n.DEFAULT else []) + ([f"translations: {json.dumps(translations)}"] if translations else [])
    if lines:
        end = head.rindex("---\n")
        head = head[:end] + "".join(line + "\n" for line in lines) + head[end:]
    if lang == i18n.DEFAULT:
        return head, body
    part = env.get_template(PARTIAL).make_module({"lang": lang, "reviewed": i18n.reviewed(lang)})
    note = str(part).strip()
    if note:
        first, _, rest = body.partition("\n")
        body = f"{first}\n\n{note}\n{rest}" if first.startswith("# ") else f"{note}\n\n{body}"
    for german, translated in (
        ('<span class="atlas-example">Beispiel</span>', f'<span class="atlas-example">{html_attr(part.example_badge)}</span>'),
        (">Interaktive Karte öffnen</a>", f">{html_attr(part.open_map)}</a>"),
        ('="Karte: ', f'="{html_attr(part.map_label)} '),
    ):
        body = body.replace(german, translated)
    return head, body.rstrip("\n") + "\n\n" + script_texts(env, body) + "\n"  # the scripts' messages (script_texts.py)


__all__ = ["install", "localize", "german", "PARTIAL", "GERMAN"]
