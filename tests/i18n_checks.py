"""What the language tests (tests/test_i18n*.py) check on a built page in another language, and a render site for the
example atlas with other languages (to compare its German pages with those of a German-only atlas)."""

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup

from generator.core import i18n


def german_left(html: BeautifulSoup, lang: str) -> list[str]:
    """German interface texts (msgids of the catalogue) shown on a page in `lang`, outside lang="de" (texts from
    the data; in the main navigation a title without translation, build/theme_texts.py)."""
    html = copy.copy(html)
    for element in html.select('[lang="de"], script, style'):
        element.decompose()
    text = " ".join(html.body.get_text(" ").split())
    left = []
    for message in i18n.catalogue(lang):
        if not message.id or message.string == message.id:
            continue
        for fragment in re.split(r"%\(\w+\)s", message.id):
            fragment = fragment.strip(" :")
            if len(fragment) > 4 and fragment not in message.string and re.search(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)", text):
                left.append(fragment)
    return left


def site_in_languages(atlas: object, languages: list[str]) -> object:
    """A render site (pages/site.py `Site`) for a copy of `atlas` with atlas.yaml's `languages` set to `languages`."""
    from generator.pages.site import Site

    copied = copy.copy(atlas)
    copied.config = atlas.config.model_copy(update={"languages": languages})
    return Site(copied)
