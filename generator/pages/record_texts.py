"""Family-centre and offer pages in other languages than German (issue 22): the parts that Python code writes.

The templates call these as globals (`week_rows`, `closure_lines`, `terms`, `channels`, `contact`, `data_text`, `link`,
`record_links`: the start page's family centres) and
filters (`ages`, `age_span`); `install` puts the German versions (unchanged, so the German pages stay byte for byte
as before) or the language's versions into a template environment. Their words are msgids of
templates/_uebersetzung.md.j2 (so that `pybabel extract` finds them), translated with the language's catalogue.

* Weekday names come from Babel's CLDR data (`Monday`, `понеділок`, `الاثنين`); times stay as in the data.
* A vocabulary term shows its `labels.<lang>` (data/vocabularies.yaml), else its German label marked lang="de";
  a language term shows its `endonym` (its name in its own script, `lang` = the term's id).
* Multilingual free text (`description: {de: …, en: …}`, model/schema/base.py `I18nText`): the text in the page's
  language when the record gives it, else the German text marked lang="de".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from babel.dates import get_day_names
from jinja2 import Environment
from markupsafe import Markup

from ..core import formatting, i18n
from ..core.markup import html_attr, md_paragraphs, md_text, page_link
from ..model import hours
from ..model.schema import Closure, Contact, FamilyCentre, Offer, OpeningHours
from .languages import GERMAN, german
from .links import FOLDERS, record_name, record_path
from .people import contact_entry, contact_path, vcard_link

TRANSLATED = (FamilyCentre, Offer)  # record kinds whose pages exist in every language (render.py: site.translated)
_DAY_INDEX = {day: index for index, day in enumerate(hours.DAYS)}  # mo=0 … so=6, as Babel counts


class Texts:
    """The language's versions of the record pages' generated texts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.gettext = i18n.translations(lang).gettext

    def _(self, text: str, **values: Any) -> str:
        return self.gettext(text) % values if values else self.gettext(text)

    # links ----------------------------------------------------------------------------------
    def link(self, p: Any, record: Any, badge: bool = True) -> Markup:
        """Link to a record's page in this language if it has one (else the German page), its German name marked."""
        if record is None:
            return Markup("")
        target = record_path(record)
        if isinstance(record, TRANSLATED):
            target = f"{self.lang}/{target}"
        name = record_name(record)
        text = page_link(p.page, target, name) if type(record) in FOLDERS else Markup(md_text(name))
        return Markup(f"<span {GERMAN}>{text}</span>") + (p.badge(record) if badge else Markup(""))

    def links(self, p: Any, records: Iterable[Any]) -> Markup:
        """Links to several records, comma-separated, each as `link` makes it (German: `p.links`)."""
        return Markup(", ").join(self.link(p, r) for r in records if r is not None)

    # hours ----------------------------------------------------------------------------------
    def today_box(self, record: Any, noun: str) -> Markup:
        """The box atlas-hours.js fills, in the page's language (its messages: pages/script_texts.py); the status
        sentence of an entry that is not active as the status notice says it (_status.md.j2)."""
        if not getattr(record, "opening_hours", None):
            return Markup("")
        data = hours.hours_data(record, noun)
        status = data["status"]
        if status != "aktiv":
            data["statusText"] = self._("%(noun)s ist beendet." if status == "beendet" else "%(noun)s ist vorübergehend geschlossen.", noun=noun)
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return Markup(f'<p class="atlas-today" role="status" data-atlas-hours="{html_attr(text)}" hidden></p>')

    def week_rows(self, entries: Iterable[OpeningHours]) -> list[tuple[str, str | Markup]]:
        table = hours.intervals_by_day(entries)
        if not table:
            return []
        names = get_day_names("wide", locale=self.lang)
        closed = self._("geschlossen")
        return [(names[_DAY_INDEX[day]], self.times(table[day]) if day in table else closed) for day in hours.DAYS]

    def times(self, intervals: Iterable[tuple[str, str]]) -> str | Markup:
        text = ", ".join(f"{o}{formatting.DASH}{c}" for o, c in intervals)
        return self.ltr(Markup(md_text(text))) if i18n.direction(self.lang) == "rtl" else text  # `09:00–16:00`, not `16:00–09:00`

    def closure_lines(self, closures: Iterable[Closure], since: Any) -> list[Markup]:
        current = sorted((c for c in closures if (c.end or c.start) >= since), key=lambda c: (c.start, c.end or c.start))
        lines = []
        for c in current:
            text = i18n.fmt_date(c.start, self.lang)
            if c.end is not None and c.end != c.start:
                text = self._("%(start)s bis %(end)s", start=text, end=i18n.fmt_date(c.end, self.lang))
            line = Markup(md_text(text))
            lines.append(line + Markup(" (") + german(c.note) + Markup(")") if c.note else line)
        return lines

    # ages -----------------------------------------------------------------------------------
    def ages(self, ages: Any) -> str:
        top = formatting.OPEN_END_AGE
        if ages is None or (ages.min == 0 and (ages.max is None or ages.max >= top)):
            return self._("alle Altersgruppen")
        if ages.max is None or ages.max >= top:
            return self._("ab %(age)s Jahren", age=ages.min)
        if ages.min == ages.max:
            return self._("%(age)s Jahre", age=ages.min)
        return self._("%(low)s bis %(high)s Jahre", low=ages.min, high=ages.max)

    def age_span(self, ages: Any) -> str:
        top = formatting.OPEN_END_AGE
        low = 0 if ages is None else ages.min
        high = f"{top}+" if ages is None or ages.max is None or ages.max >= top else str(ages.max)
        return self._("%(low)s bis %(high)s", low=low, high=high)

    # vocabularies -----------------------------------------------------------------------------
    def terms(self, atlas: Any, vocabulary: str, ids: Iterable[str]) -> Markup:
        found = {t.id: t for t in getattr(atlas.vocabularies, vocabulary)}
        shown = []
        for term_id in ids:
            term = found.get(term_id)
            if term is None:
                shown.append(Markup(md_text(term_id)))
            elif vocabulary == "languages" and term.endonym:
                shown.append(Markup(f'<span lang="{html_attr(term.id)}" dir="auto">{md_text(term.endonym)}</span>'))
            elif term.labels.get(self.lang):
                shown.append(Markup(md_text(term.labels[self.lang])))
            else:
                shown.append(german(term.label))
        return Markup(", ").join(shown)

    # free text --------------------------------------------------------------------------------
    def data_text(self, record: Any, field: str = "description", paragraphs: bool = True) -> Markup:
        """The record's text in the page's language when given (`{de: …, en: …}` in the data), else the German text
        marked lang="de"."""
        german = getattr(record, field, None)
        own = getattr(german, "translations", {}).get(self.lang)
        if own:
            return md_paragraphs(own) if paragraphs else Markup(md_text(own))
        if not german:
            return Markup("")
        if paragraphs:
            return Markup(f'<div {GERMAN} markdown>\n\n{md_paragraphs(german)}\n\n</div>')
        return german(german)

    # contact ----------------------------------------------------------------------------------
    def ltr(self, text: Markup) -> Markup:
        """Addresses and numbers keep their order inside right-to-left text (`033204 000-41`, not `41-000 033204`)."""
        return Markup(f'<span dir="ltr">{text}</span>') if i18n.direction(self.lang) == "rtl" else text

    def channels(self, p: Any, record: Any) -> list[Markup]:
        result = []
        if getattr(record, "email", None):
            result.append(Markup(md_text(self._("E-Mail:"))) + Markup(" ") + self.ltr(p.email(record.email)))
        if getattr(record, "phone", None):
            result.append(Markup(md_text(self._("Telefon:"))) + Markup(" ") + self.ltr(p.phone(record.phone)))
        if getattr(record, "website", None):
            result.append(Markup(md_text(self._("Webseite:"))) + Markup(" ") + p.web(record.website, self._("Webseite")))
        return result

    def contact(self, p: Any, contact: Contact | None) -> Markup:
        if contact is None:
            return Markup("")
        head = p.to(contact_path(contact), contact.role)
        if contact.name:
            head += Markup(" – ") + p.text(contact.name)
        org = p.atlas.organisations.get(contact.organisation)
        reach = ([self.link(p, org)] if org else []) + self.channels(p, contact)
        area = p.units(contact.municipalities)
        vcard = vcard_link(p.page, contact).replace("[vCard herunterladen]", f"[{md_text(self._('vCard herunterladen'))}]")
        tail = [Markup(md_text(self._("Zuständig für:"))) + Markup(" ") + Markup(f"<span {GERMAN}>{area}</span>"), Markup(vcard)]
        return Markup("<br>").join([Markup(f"<span {GERMAN}>{head}</span>") + p.badge(contact), p.join(reach), p.join(tail, "; ")])


def _german_week_rows(entries: Iterable[OpeningHours]) -> list[tuple[str, str]]:
    return hours.week_rows(entries)


def _german_data_text(record: Any, field: str = "description", paragraphs: bool = True) -> Markup:
    value = getattr(record, field, None)
    return md_paragraphs(value) if paragraphs else Markup(md_text(value))


def install(env: Environment, lang: str) -> None:
    """The record pages' generated texts in `lang` (German: the functions the German pages always used)."""
    if lang == i18n.DEFAULT:
        env.globals.update(
            week_rows=_german_week_rows, closure_lines=hours.closure_lines, channels=lambda p, r: p.channels(r),
            terms=lambda atlas, vocabulary, ids: ", ".join(atlas.label(vocabulary, i) for i in ids),
            contact=lambda p, c: contact_entry(p, c), data_text=_german_data_text,
            link=lambda p, r, badge=True: p.link(r, badge=badge), today_box=hours.today_box,
            record_links=lambda p, records: p.links(records),
        )
        return
    texts = Texts(lang)
    env.globals.update(week_rows=texts.week_rows, closure_lines=texts.closure_lines, channels=texts.channels, terms=texts.terms,
                       contact=texts.contact, data_text=texts.data_text, link=texts.link, today_box=texts.today_box,
                       record_links=texts.links)
    env.filters["ages"] = texts.ages
    env.filters["age_span"] = texts.age_span


__all__ = ["Texts", "install"]
