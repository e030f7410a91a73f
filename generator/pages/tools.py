"""`PageTools`: the helpers a template calls as `p.…` (links, badges, tables, figures, contacts, places).

One instance per page: it knows the current page, so every link it makes is relative to it. Only the
`Markup` built here passes the environment's escaping unchanged (see site.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..core.formatting import fmt_ages
from ..core.markup import email_link, html_attr, md_text, page_link, phone_link, web_link
from ..model.atlas import Atlas
from ..model.schema import Contact, Indicator, Network, Offer, Organisation, Record
from ..visuals import map_embed
from . import figures, people, profiles, series_matrix
from .links import FOLDERS, record_name, record_path
from .table_regions import STACKED_CLASS


class PageTools:
    """Helpers a template calls as `p.…`; they know the current page for relative links."""

    def __init__(self, atlas: Atlas, page: str) -> None:
        self.atlas = atlas
        self.page = page

    # links ------------------------------------------------------------------------------------
    def link(self, record: Record | None, label: str | None = None, badge: bool = True) -> Markup:
        """Link to a record's page (text only for records without a page), with its example badge."""
        if record is None:
            return Markup("")
        text = label if label is not None else record_name(record)
        link = page_link(self.page, record_path(record), text) if type(record) in FOLDERS else Markup(md_text(text))
        return link + self.badge(record) if badge else link

    def to(self, target: str, label: str) -> Markup:
        """Link to a generated or hand-written page, by its docs path (`angebote/index.md`)."""
        return page_link(self.page, target, label)

    def web(self, url: str | None, label: str | None = None) -> Markup:
        return web_link(url, label)

    def email(self, address: str | None) -> Markup:
        return email_link(address)

    def phone(self, number: str | None) -> Markup:
        return phone_link(number)

    def map(self, name: str, title: str) -> Markup:
        return map_embed.embed(self.page, name, title)

    # text -------------------------------------------------------------------------------------
    def badge(self, item: Any = True, text: str = "Beispiel") -> Markup:
        """`<span class="atlas-example">Beispiel</span>` when the record/value/flag is example data."""
        flag = getattr(item, "example", item)
        return Markup(f' <span class="atlas-example">{html_attr(text)}</span>') if flag else Markup("")

    def heading_badge(self, item: Any, label: str) -> Markup:
        """The badge at the end of a heading line, with the plain `label` for the table of contents (attr_list
        `data-toc-label`), so that the contents list „Elterngeld“, not „Elterngeld Beispiel“."""
        badge = self.badge(item)
        if not badge:
            return badge
        return badge + Markup(f' {{ data-toc-label="{html_attr(label)}" }}')

    def join(self, items: Iterable[Any], sep: str = ", ") -> Markup:
        """Join escaped texts and Markup (links) with a literal separator."""
        return Markup(sep.join(md_text(i) for i in items))

    def labels(self, vocabulary: str, ids: Iterable[str]) -> str:
        return ", ".join(self.atlas.label(vocabulary, i) for i in ids)

    def links(self, records: Iterable[Record | None], sep: str = ", ") -> Markup:
        """Links to the records' pages, each with its example badge."""
        return self.join([self.link(r) for r in records if r is not None], sep)

    def table(self, head: list[Any], rows: Iterable[Iterable[Any]], numeric: Iterable[int] = (), stacked: bool = False,
              search: bool = True) -> Markup:
        """A Markdown table with a header row; `numeric` column indices are right-aligned. `stacked`: on a phone
        each row shows as a card of „Spalte: Wert“ lines (table_regions.py), for lists residents read there.
        `search=False` keeps the table out of the search text (`data-pagefind-ignore`): an overview of records
        that have pages of their own (every Sozialraum, every network), whose rows would make each record's name
        find this page too and make its excerpt file grow with the atlas (issue 18: 490 kB at Germany size)."""
        right = set(numeric)

        def cell(value: Any) -> str:
            return md_text(value).replace("\n", " ") or " "

        lines = [
            "| " + " | ".join(cell(h) for h in head) + " |",
            "| " + " | ".join("---:" if i in right else "---" for i in range(len(head))) + " |",
        ]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        ignore = "" if search else " data-pagefind-ignore"
        if stacked:
            lines = [f'<div class="{STACKED_CLASS}" markdown="1"{ignore}>', "", *lines, "", "</div>"]
        elif ignore:
            lines = [f'<div markdown="1"{ignore}>', "", *lines, "", "</div>"]
        return Markup("\n".join(lines))

    def figure(self, fig: figures.Figure, badge: str = "Beispielwert") -> Markup:
        """A formatted number with its example badge and a note in parentheses."""
        text = md_text(fig.text)
        if fig.note:
            text += f" ({md_text(fig.note)})"
        return Markup(text) + self.badge(fig.example, badge)

    def figure_cells(self, cells: Iterable[figures.Figure]) -> list[Markup]:
        return [self.figure(c) for c in cells]

    def contact(self, contact: Contact | None) -> Markup:
        """Role (link to its page), name, organisation, e-mail, phone, responsibility, vCard (people.py)."""
        return people.contact_entry(self, contact)

    def channels(self, record: Any) -> list[Markup]:
        """`E-Mail: …`, `Telefon: …`, `Webseite: …` of a record that has them."""
        result = []
        if getattr(record, "email", None):
            result.append(Markup("E-Mail: ") + self.email(record.email))
        if getattr(record, "phone", None):
            result.append(Markup("Telefon: ") + self.phone(record.phone))
        if getattr(record, "website", None):
            result.append(Markup("Webseite: ") + self.web(record.website, f"Webseite von {record_name(record)}"))
        return result

    def offer_line(self, offer: Offer) -> Markup:
        """`Titel (link) – Ort, Sozialraum; Alter` for lists of offers."""
        return self.link(offer) + Markup(" – ") + self.place(offer) + Markup("; ") + Markup(md_text(fmt_ages(offer.ages)))

    def text(self, value: Any) -> Markup:
        return Markup(md_text(value))

    def value(self, indicator: Indicator, value: Any, unit: bool = True) -> Markup:
        """An indicator value as shown: number, „unsicher²“, „nicht gezeigt¹“, example badge."""
        return profiles.value_text(self, indicator, value, unit)

    def figure_block(self, fig: profiles.Figure) -> Markup:
        """A chart: image, caption, German summary and its data table (raw HTML: cheap for MkDocs, kept out of search)."""
        return profiles.figure_html(self.page, fig)

    def href(self, record: Record) -> Markup:
        """Served URL of a record's page relative to this page, for raw HTML (where MkDocs rewrites no links)."""
        return series_matrix.href(self.page, record)

    def district_series(self, caption: str) -> Markup:
        """The district's values as one matrix: a row per indicator, a column per year, forecasts apart."""
        return series_matrix.matrix_html(self, series_matrix.district_matrix(self.atlas), caption)

    def status(self, status: Any) -> Markup:
        """Target status as a labelled badge (the word itself carries the meaning, the colour only repeats it)."""
        return Markup(f'<span class="atlas-status atlas-status--{html_attr(status.status)}">{html_attr(status.label)}</span>')

    def orgs(self, ids: Iterable[str]) -> list[Organisation]:
        return [self.atlas.organisations[i] for i in ids if i in self.atlas.organisations]

    def units(self, ids: Iterable[str], empty: str | None = None) -> Markup:
        """Links to the units with these ids; no ids means the whole district (`empty`, default „ganzer Landkreis“ or as its kind says)."""
        found = [self.atlas.municipalities[i] for i in ids if i in self.atlas.municipalities]
        return self.links(found) if found else self.text(self.atlas.area.whole if empty is None else empty)

    def scope(self, network: Network) -> Markup:
        if network.scope == "district":
            return self.text(self.atlas.area.wide)
        if network.scope == "region":
            regions = [self.atlas.regions[r] for r in network.regions if r in self.atlas.regions]
            return Markup("Planungsregion: ") + self.links(regions)
        return self.units(network.municipalities, "–")

    def coordination(self, network: Network) -> Markup:
        """Who coordinates: the published contact's role and organisation, else the organisation only."""
        contact = self.atlas.contact(network.coordinator)
        org = self.atlas.organisations.get(network.coordinating_organisation or (contact.organisation if contact else ""))
        parts: list[Any] = [contact.role] if contact else []
        if org is not None:
            parts.append(self.link(org))
        return self.join(parts) if parts else self.text("–")

    def coordinates(self, contact: Contact) -> Markup:
        """`; koordiniert: Netzwerk A, Netzwerk B` for a contact (empty if none)."""
        networks = self.atlas.networks_coordinated_by(contact.id)
        return Markup("; koordiniert: ") + self.links(networks) if networks else Markup("")

    def place(self, offer: Offer) -> Markup:
        """Where an offer takes place: the family centre (linked) or the place text, and the unit.

        The centre is a detail of the offer: it carries no example badge of its own here (one mark per
        record in a line; its own page and the lists of centres mark it)."""
        centre = self.atlas.family_centres.get(offer.family_centre or "")
        unit = self.atlas.municipalities.get(offer.municipality)
        parts = [self.link(centre, badge=False) if centre else (offer.place or "")]
        if unit is not None:
            parts.append(unit.name)
        return self.join([p for p in parts if p], ", ")
