"""The Lebenslagen-Lotse and the legal pages in other languages than German (issue 22): links, texts from the data
and the parts that Python code writes into these pages.

The templates (lebenslage*.md.j2, lebenslagen*.md.j2, leistung*.md.j2, _zustaendig.md.j2, the legal pages) get
`lt = LotseTexts(lang)` and call it for every link and every text from the data. For German (`lang == "de"`) each
method gives exactly what the templates wrote before (`p.link`, `p.to`, the text itself), so the German pages
stay byte for byte as they were; for another language:

* Links go to the page in the same language where the page exists in every language (`in_every_language`: the
  start page, the Lotse, the benefits, the legal pages, family centres and offers), else to the German page with
  `hreflang="de"` on the link and its German name marked lang="de".
* Texts from the data (`I18nText`, model/schema/base.py: `{de: …, en: …}`) show in the page's language when the
  record gives it, else in German marked lang="de"; legal bases, addresses and names of places stay German, marked.
* Weekday names come from Babel; the words are msgids of templates/_lotse_woerter.md.j2 (so that `pybabel extract`
  finds them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from babel.dates import get_day_names
from markupsafe import Markup

from ..core import formatting, i18n
from ..core.markup import html_attr, md_href, md_paragraphs, md_text
from ..model import hours
from ..model.schema import Benefit, FamilyCentre, LifeSituation, Offer
from .languages import GERMAN, german
from .links import record_path
from .record_texts import Texts

PAGES_IN_EVERY_LANGUAGE = frozenset({"index.md", "impressum.md", "datenschutz.md", "barrierefreiheit.md"})
FOLDERS_IN_EVERY_LANGUAGE = ("lebenslagen/", "leistungen/")
ARABIC_PUNCTUATION = frozenset({"ar"})  # languages written with the Arabic semicolon and comma
OWN_PAGES = (LifeSituation, Benefit)  # records whose pages this module's page types make in every language
_PAGE_LINK = re.compile(r"\]\(((?:\.\./)*(?!(?:en|uk|ar)/)[^)\s]+\.md(?:#[^)\s]*)?)\)(?!\{)")  # a Markdown link to a German page
_DAY_INDEX = {day: index for index, day in enumerate(hours.DAYS)}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def in_every_language(target: str) -> bool:
    """Whether the generated page `target` (docs path, maybe with `#fragment`) exists in every language of the atlas."""
    path = target.partition("#")[0]
    return path in PAGES_IN_EVERY_LANGUAGE or path.startswith(FOLDERS_IN_EVERY_LANGUAGE)


def _words(part: str, inside: bool) -> str:
    """A message's words around a placeholder, escaped, with the spaces at their ends kept (`md_text` strips them).
    `inside`: after a placeholder, not at the start of a line, so its first character needs no entity (`md_text`
    writes `&#8220;` for a `“` that starts a line): escaped behind a letter that is then taken off."""
    core = md_text("x" + part)[1:] if inside else md_text(part)
    return (" " if part[:1].isspace() and not inside else "") + core + (" " if part[-1:].isspace() and part.strip() else "")


class LotseTexts:
    """The Lotse's and legal pages' links and data texts in one language (German: as the templates always wrote them)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.german = lang == i18n.DEFAULT
        self.gettext = i18n.translations(lang).gettext
        self.records = None if self.german else Texts(lang)

    @property
    def semi(self) -> Markup:
        """`; ` between parts of a line (Arabic: its own semicolon `؛ `)."""
        return Markup("؛ " if self.lang in ARABIC_PUNCTUATION else "; ")

    @property
    def comma(self) -> Markup:
        return Markup("، " if self.lang in ARABIC_PUNCTUATION else ", ")

    def join(self, p: Any, items: Iterable[Any]) -> Markup:
        """Parts of a line joined by `semi` (German: `p.join(items, "; ")`)."""
        return p.join(items, "; ") if self.german else Markup(str(self.semi).join(md_text(i) for i in items))

    def parens(self, value: Any) -> Markup:
        """` (note)`: a German note in parentheses, the parentheses inside the German run (right-to-left pages keep
        them around it)."""
        return Markup(f"({md_text(value)})") if self.german else german(f"({value})")

    def _(self, text: str, **values: Any) -> str:
        return self.gettext(text) % values if values else self.gettext(text)

    def path(self, target: str) -> str:
        """The docs path of `target` in this language (`en/lebenslagen/index.md`), or `target` if it exists only in German."""
        return target if self.german or not in_every_language(target) else f"{self.lang}/{target}"

    # links ----------------------------------------------------------------------------------
    def to(self, p: Any, target: str, label: Any) -> Markup:
        """Link to a generated page by its docs path: the page in this language, else the German one (`hreflang="de"`)."""
        if self.german or in_every_language(target):
            return p.to(self.path(target), label)
        return Markup(f'{p.to(target, label)}{{ hreflang="de" }}')

    def _to(self, p: Any, target: str, label: Markup) -> Markup:
        """`[label](href)` to the page in this language (label already escaped), hreflang="de" if German only."""
        link = Markup(f"[{label}]({md_href(p.page, self.path(target))})")
        return link if in_every_language(target) else link + Markup('{ hreflang="de" }')

    def to_named(self, p: Any, target: str, value: Any) -> Markup:
        """Link labelled with a text from the data (in this language if given, else German marked)."""
        return p.to(target, value) if self.german else self._to(p, target, self.text(value))

    def to_term(self, p: Any, target: str, term: Any) -> Markup:
        """Link labelled with a vocabulary term (its label in this language, else German marked)."""
        return p.to(target, term.label) if self.german else self._to(p, target, self.term(term))

    def to_place(self, p: Any, target: str, name: Any) -> Markup:
        """Link labelled with the name of a place (German, marked)."""
        return p.to(target, name) if self.german else self._to(p, target, german(name))

    def to_german(self, p: Any, target: str, label: Any) -> Markup:
        """Link with a German label to a German page (Leichte Sprache): marked lang="de" and hreflang="de"."""
        return p.to(target, label) if self.german else self._to(p, target, german(label))

    def links(self, p: Any, records: Iterable[Any]) -> Markup:
        """Links to several records, comma-separated (German: `p.links`)."""
        return p.links(records) if self.german else Markup(", ").join(self.link(p, r) for r in records if r is not None)

    def phone(self, p: Any, number: Any) -> Markup:
        """A phone link, kept left to right inside right-to-left text."""
        return p.phone(number) if self.german else self.records.ltr(p.phone(number))

    def link(self, p: Any, record: Any, label: Any = None, badge: bool = True) -> Markup:
        """Link to a record's page: situations and benefits in this language (their names translated when the data
        give them), family centres and offers in this language (record_texts.py), others German with hreflang."""
        if self.german or record is None:
            return p.link(record, label, badge=badge)
        if isinstance(record, OWN_PAGES):
            text = self.text(record.name) if label is None else Markup(md_text(label))
            link = Markup(f"[{text}]({md_href(p.page, self.path(record_path(record)))})")
            return link + p.badge(record) if badge else link
        if isinstance(record, (FamilyCentre, Offer)):
            return self.records.link(p, record, badge=badge)
        link = p.link(record, label, badge=False)
        if link.endswith(")") and link.startswith("["):
            link = Markup(f"{link}{{ hreflang=\"de\" }}")
        shown = Markup(f"<span {GERMAN}>{link}</span>") if label is None else link
        return shown + p.badge(record) if badge else shown

    # texts from the data ----------------------------------------------------------------------
    def own(self, value: Any) -> str | None:
        """The text in this language if the data give it (`{de: …, en: …}`), else None."""
        return getattr(value, "translations", {}).get(self.lang) if value is not None else None

    def text(self, value: Any) -> Any:
        """A one-line text from the data: as it is (German pages), in this language, or German marked lang="de"."""
        if self.german:
            return value
        own = self.own(value)
        return Markup(md_text(own)) if own else german(value)

    def attr(self, value: Any) -> Markup:
        """The same inside raw HTML (a `<summary>`)."""
        if self.german:
            return html_attr(value)
        own = self.own(value)
        return html_attr(own) if own else Markup(f"<span {GERMAN}>{html_attr(value)}</span>")

    def paragraphs(self, value: Any) -> Markup:
        """A text of several paragraphs from the data (German pages: `|paragraphs`)."""
        own = None if self.german else self.own(value)
        if self.german or own:
            return md_paragraphs(own or value)
        return Markup(f"<div {GERMAN} markdown>\n\n{md_paragraphs(value)}\n\n</div>")

    def de(self, value: Any) -> Any:
        """A text that stays German (legal basis, address, names of places): marked lang="de" on other pages."""
        return value if self.german else german(value)

    def de_block(self, value: Markup) -> Markup:
        """Markup that stays German (an address with line breaks): in a span lang="de" on other pages."""
        return value if self.german or not value else Markup(f"<span {GERMAN}>{value}</span>")

    def fill(self, message: str, **values: Any) -> Markup:
        """A translated message whose `%(name)s` are texts from the data: each in this language or German marked
        (`text`), the message's own words escaped. The template gets the message with its placeholders kept:
        `_("Seite „%(name)s“", name="%(name)s")`."""
        parts = _PLACEHOLDER.split(message)
        return Markup("".join(_words(part, i > 0) if i % 2 == 0 else md_text(self.text(values[part])) for i, part in enumerate(parts)))

    def words(self, items: Iterable[Any], sep: str = "; ") -> Any:
        """Several texts from the data (documents), each in this language or German marked."""
        items = list(items)
        if self.german:
            return sep.join(items)
        return (self.semi if sep == "; " else Markup(sep)).join(self.text(i) for i in items)

    def term(self, term: Any) -> Any:
        """A vocabulary term's label: its `labels.<lang>`, else German marked."""
        if self.german:
            return term.label
        own = (term.labels or {}).get(self.lang)
        return Markup(md_text(own)) if own else german(term.label)

    # generated parts ----------------------------------------------------------------------------
    def hours_lines(self, org: Any, german_lines: Any) -> list[Any]:
        """`Monday to Friday: 08:00–12:00`: runs of days with the same times (German: lebenslagen.hours_lines)."""
        if self.german:
            return german_lines(org)
        table = hours.intervals_by_day(org.opening_hours) if org is not None else {}
        names = get_day_names("wide", locale=self.lang)
        runs: list[tuple[list[str], Any]] = []
        previous = None
        for day in hours.DAYS:
            times = tuple(table.get(day, ()))
            if times and times == previous:
                runs[-1][0].append(day)
            elif times:
                runs.append(([day], times))
            previous = times
        lines = []
        for days, times in runs:
            first, last = names[_DAY_INDEX[days[0]]], names[_DAY_INDEX[days[-1]]]
            span = first if len(days) == 1 else self._("%(first)s und %(last)s" if len(days) == 2 else "%(first)s bis %(last)s", first=first, last=last)
            lines.append(Markup(md_text(span)) + Markup(": ") + Markup(md_text(self.records.times(times))))
        return lines

    def address(self, org: Any, german_text: Any) -> Any:
        text = german_text(org) if org is not None else ""
        return text if self.german else (Markup(f'<span {GERMAN}>{md_text(text)}</span>') if text else "")

    def channels(self, p: Any, record: Any) -> list[Markup]:
        return p.channels(record) if self.german else self.records.channels(p, record)

    def contact(self, p: Any, contact: Any) -> Markup:
        """A contact person's entry (record_texts.py); its links to pages that exist only in German get hreflang="de"."""
        if self.german:
            return p.contact(contact)
        return Markup(_PAGE_LINK.sub(r'](\1){ hreflang="de" }', str(self.records.contact(p, contact))))

    def offer_line(self, p: Any, offer: Offer) -> Markup:
        """`Title (link) – place, Sozialraum; ages`."""
        if self.german:
            return p.offer_line(offer)
        centre = p.atlas.family_centres.get(offer.family_centre or "")
        unit = p.atlas.municipalities.get(offer.municipality)
        place = [self.records.link(p, centre, badge=False) if centre else Markup(md_text(offer.place)) if offer.place else None,
                 Markup(md_text(unit.name)) if unit else None]
        where = Markup(", ").join(x for x in place if x)  # one German run: its comma stays in place in right-to-left text
        return (self.records.link(p, offer) + Markup(" – ") + (Markup(f"<span {GERMAN}>{where}</span>") if where else where) + Markup("; ")
                + Markup(md_text(self.records.ages(offer.ages))))

    def counts(self, centres: int, offers: int, p: Any) -> Any:
        """`(2 Familienzentren, 3 passende Angebote)` after a place's name (raw HTML)."""
        if self.german:
            return p.join([formatting.counted(centres, "Familienzentrum", "Familienzentren", "kein Familienzentrum"),
                           formatting.counted(offers, "passendes Angebot", "passende Angebote", "kein passendes Angebot")])
        return Markup(md_text(self._("Familienzentren: %(centres)s, passende Angebote: %(offers)s", centres=centres, offers=offers)))

    def distance(self, near: Any) -> str:
        """`3.2 km`, `about 12.0 km` (German: `Near.distance`)."""
        if self.german:
            return near.distance
        value = i18n.fmt_value(near.km, 1, "km", self.lang)
        return self._("etwa %(distance)s", distance=value) if near.rough else value


__all__ = ["LotseTexts", "in_every_language", "german", "PAGES_IN_EVERY_LANGUAGE", "FOLDERS_IN_EVERY_LANGUAGE"]
