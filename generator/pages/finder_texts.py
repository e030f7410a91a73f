"""The Angebotsfinder in another language than German (issue 22): the hooks of finder.FinderHtml in the page's language.

The form's labels, buttons, counts and the marks of the results are interface texts: their msgids are listed in
templates/_finder_texte.md.j2 (so that `pybabel extract` finds them) and come from the language's catalogue. What
comes from the data stays German and is marked `lang="de"`: offer titles, places, costs written in the data, and a
vocabulary term without `labels.<lang>` (data/vocabularies.yaml). A language of the language filter is named in its
own script, with its name in the page's language when the vocabulary gives it („Українська (Ukrainian)“). Result
links lead to the offer's page in the same language (offer pages exist in every language, render.py).
"""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup

from ..core import i18n
from ..model.atlas import Atlas
from ..model.schema import Offer
from .finder import FinderHtml, attr, url, villages_served
from .languages import GERMAN
from .record_texts import Texts


def german(text: str) -> str:
    """Text from the data inside a page in another language: kept German, marked (escaped for raw HTML)."""
    return f"<span {GERMAN}>{attr(text)}</span>" if text else ""


class TranslatedFinder(FinderHtml):
    """The finder's HTML in `lang` for the page `<lang>/angebote/finder.md`."""

    def __init__(self, atlas: Atlas, page: str, lang: str) -> None:
        super().__init__(atlas, page)
        self.lang = lang
        self.texts = Texts(lang)
        self.gettext = i18n.translations(lang).gettext

    def _(self, text: str, **values: object) -> str:
        shown = self.gettext(text)
        return attr(shown % values if values else shown)

    def _option(self, vocabulary: str, term: Any) -> str:
        own = term.labels.get(self.lang)
        if vocabulary == "languages" and term.endonym:  # in its own script; the page's name for it beside
            shown = term.endonym if not own or own == term.endonym else f"{term.endonym} ({own})"
            return f'<option value="{attr(term.id)}">{attr(shown)}</option>'
        if own:
            return f'<option value="{attr(term.id)}">{attr(own)}</option>'
        return f'<option value="{attr(term.id)}" {GERMAN}>{attr(term.label)}</option>'

    def _place_help(self) -> str:
        return self._("z. B. den Namen Ihres Dorfes; gezeigt werden die Angebote des ganzen Gebiets, zu dem es gehört")

    def _data(self, text: str) -> str:
        return german(text)

    def _page_link(self, target: str, name: str) -> str:
        return f'<a href="{url(self.page, f"{self.lang}/{target}")}" {GERMAN}>{attr(name)}</a>'

    def _terms(self, vocabulary: str, ids: Iterable[str]) -> str:
        found = {t.id: t for t in getattr(self.atlas.vocabularies, vocabulary)}
        shown = []
        for term_id in ids:
            term = found.get(term_id)
            own = term.labels.get(self.lang) if term is not None else None
            shown.append(attr(own) if own else german(term.label if term is not None else term_id))
        return ("، " if self.lang == "ar" else ", ").join(shown)  # the Arabic comma between Arabic words

    def _where_marked(self, offer: Offer) -> str:
        """Where an offer takes place, as HTML: `<span lang="de">Familienzentrum Werder (Havel), Werder (Havel)</span>`,
        and the villages it serves („für …“) in the page's language (the German pages: FinderHtml._where)."""
        centre = self.atlas.family_centres.get(offer.family_centre or "")
        unit = self.atlas.municipalities.get(offer.municipality)
        where = ", ".join(n for n in [centre.name if centre else (offer.place or ""), unit.name if unit else ""] if n)
        parts = [german(where)] if where else []
        served = villages_served(self.atlas, offer)
        if served:
            parts.append(self._("für %(places)s", places="@PLACES@").replace("@PLACES@", german(", ".join(served))))
        return ", ".join(parts)

    def _meta(self, offer: Offer) -> str:
        meta = [self._where_marked(offer), attr(self.texts.ages(offer.ages)), self._terms("topics", offer.topics)]
        if offer.free_of_charge:
            meta.append(self._("kostenfrei"))
        elif offer.cost:
            meta.append(german(offer.cost))
        elif offer.free_of_charge is not None:
            meta.append(self._("kostenpflichtig"))
        return " · ".join(m for m in meta if m)

    def count(self, total: int) -> Markup:
        if total == 0:
            text = self._("Keine Angebote")
        elif total == 1:
            text = self._("1 Angebot")
        else:
            text = self._("Angebote: %(count)s", count=i18n.fmt_number(total, lang=self.lang))
        return Markup(f'<p class="atlas-finder__count" id="atlas-finder-anzahl" role="status" aria-live="polite">{text}</p>')


__all__ = ["TranslatedFinder", "german"]
