"""Contacts grouped, compact and filterable (issue 17, point 6): the raw HTML of the contact lists.

The contact pages (ansprechpersonen/ by topic, …/orte/ by unit, …/netzwerke/ by network) list many contacts; a
contact with three topics appears in three groups. So every group shows a *compact* entry (role with a link to
the contact's own page, name, organisation, responsibility, e-mail and phone; the vCard and the networks are on
the contact's page), and every group is a closed `<details>` whose summary holds the `<h2 id>` and a count: the
first state of a page is a short list of groups, and a phone page stays short however many contacts there are.

  GroupTools (`{% set gg = people(p).grouped() %}`)
    topic_groups, filter_form, jump_list, group   the list by topic: jump list, filter, one group per topic
    unit_group, network_group, compact, collapsed  the lists by unit and by network
  entry(p, contact, networks)   one compact `<li>`; with `networks` (a filterable list) it carries the filter's
                                data: data-contact, data-topics, data-units (none: district-wide),
                                data-networks, data-text (folded like core.names.fold)

Without JavaScript every group opens with a click and every anchor (jump list, links from other pages) works;
the filter form stays `hidden` and a note says what JavaScript adds. With JavaScript (assets/atlas-contacts.js)
the form filters the entries in place, opens the groups with hits and hides the others, keeps the filter in the
URL query, announces the count (aria-live) and opens a group when its anchor is the page's target.
Everything is raw HTML (MkDocs passes it unchanged), so links are served URLs relative to the page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..core.formatting import counted, fmt_number
from ..core.markup import html_attr, phone_href, served_dir
from ..core.names import fold
from ..model.schema import Contact, Municipality, Network
from .links import CONTACTS_FOLDER, record_path
from .lists import CONTACT_PLACES

FORM_ID = "atlas-kontakte-filter"
NO_TOPIC = "ohne-thema"
DISTRICT_WIDE = "kreisweit"  # value of the place filter for contacts without units (and the anchor on orte/)


def url(page: str, target: str) -> str:
    """A generated page's served URL, relative to the served page `page` (`x/`, `./`, `../../organisationen/y/`)."""
    relative = posixpath.relpath("/" + served_dir(target), "/" + served_dir(page))
    return html_attr("./" if relative == "." else relative + "/")


def persons(count: int) -> str:
    """`Keine Ansprechpersonen`, `1 Ansprechperson`, `1.234 Ansprechpersonen` (the start of a status line)."""
    return counted(count, "Ansprechperson", "Ansprechpersonen", zero="Keine Ansprechpersonen")


def jump_list(page: str, items: Iterable[tuple[str, str, int | None]], label: str) -> Markup:
    """`<nav>` with links to anchors on this page: (anchor, label, count or None)."""
    links = []
    for ident, text, count in items:
        number = f' <span class="atlas-sprungliste__anzahl">({count})</span>' if count is not None else ""
        links.append(f'<li data-gruppe="{html_attr(ident)}"><a href="#{html_attr(ident)}">{html_attr(text)}</a>{number}</li>')
    if not links:
        return Markup("")
    return Markup(f'<nav class="atlas-sprungliste" aria-label="{html_attr(label)}">\n'
                  f'<p class="atlas-sprungliste__titel" aria-hidden="true">{html_attr(label)}:</p>\n'
                  f'<ul>\n{chr(10).join(links)}\n</ul>\n</nav>')


def entry(p: Any, contact: Contact, networks: list[Network] | None = None) -> str:
    """A compact `<li>`: role (link) – name, organisation · responsibility, e-mail · phone.
    With `networks` (also an empty list) the item carries what the filter reads."""
    a = p.atlas
    org = a.organisations.get(contact.organisation)
    units = [a.municipalities[m] for m in contact.municipalities if m in a.municipalities]
    head = f'<a href="{url(p.page, f"{CONTACTS_FOLDER}/{contact.id}.md")}">{html_attr(contact.role)}</a>'
    if contact.name:
        head += f" – {html_attr(contact.name)}"
    head += str(p.badge(contact))
    meta = [f'<a href="{url(p.page, record_path(org))}">{html_attr(org.name)}</a>'] if org else []
    meta.append("Zuständig für: " + html_attr(", ".join(u.name for u in units) if units else a.area.whole))
    reach = []
    if contact.email:
        reach.append(f'<a href="mailto:{html_attr(contact.email.strip())}">{html_attr(contact.email.strip())}</a>')
    if contact.phone:
        reach.append(f'<a href="{html_attr(phone_href(contact.phone))}">{html_attr(contact.phone)}</a>')
    lines = [head, f'<span class="atlas-kontakt__meta">{" · ".join(meta)}</span>']
    if reach:
        lines.append(f'<span class="atlas-kontakt__meta">{" · ".join(reach)}</span>')
    data = ""
    if networks is not None:
        words = [contact.role, contact.name or "", org.name if org else "", *(u.name for u in units),
                 *(a.label("topics", t) for t in contact.topics), *(n.name for n in networks)]
        values = {
            "contact": contact.id,
            "topics": " ".join(contact.topics),
            "units": " ".join(u.id for u in units),
            "networks": " ".join(n.id for n in networks),
            "text": fold(" ".join(w for w in words if w)),
        }
        data = "".join(f' data-{k}="{html_attr(v)}"' for k, v in values.items())
    return f'<li class="atlas-kontakt"{data}>' + "<br>".join(lines) + "</li>"


def entries(p: Any, contacts: Iterable[Contact], networks_of: dict[str, list[Network]] | None = None) -> Markup:
    """A `<ul>` of compact entries (filterable when `networks_of` is given)."""
    items = [entry(p, c, None if networks_of is None else networks_of.get(c.id, [])) for c in contacts]
    return Markup('<ul class="atlas-kontakte__liste">\n' + "\n".join(items) + "\n</ul>")


def group(ident: str, title: str, count: int, body: Markup, badge: Markup | None = None) -> Markup:
    """A collapsed group: `<details>` whose summary is an `<h2>` with the anchor `ident`, the title and the count."""
    text = f'{html_attr(title)}{badge or ""} <span class="atlas-kontakte__anzahl">({count})</span>'
    return Markup(
        f'<details class="atlas-kontakte__gruppe" data-gruppe="{html_attr(ident)}">\n'
        f'<summary><h2 id="{html_attr(ident)}" class="atlas-kontakte__titel">{text}</h2></summary>\n'
        f"{body}\n</details>"
    )


def filter_form(topics: list[tuple[str, str]], units: list[Municipality], district_wide: bool,
                networks: list[Network], total: int, groups: int, nouns: tuple[str, str] = ("Thema", "Themen"), *, wide: str) -> Markup:
    """The filter (hidden until the script shows it), the note for visitors without JavaScript, the count.
    `wide`: the area's word for the whole atlas („kreisweit“, „stadtweit“: AreaKind.wide)."""

    def select(name: str, label: str, options: list[tuple[str, str]], help_text: str = "") -> str:
        opts = "".join(f'<option value="{html_attr(v)}">{html_attr(t)}</option>' for v, t in options)
        helper = f'<small id="atlas-kontakte-{name}-hilfe">{html_attr(help_text)}</small>' if help_text else ""
        described = f' aria-describedby="atlas-kontakte-{name}-hilfe"' if help_text else ""
        return (f'<div class="atlas-finder__field"><label for="atlas-kontakte-{name}">{html_attr(label)}</label>'
                f'<select id="atlas-kontakte-{name}" name="{name}"{described}><option value="">alle</option>{opts}</select>{helper}</div>')

    places = ([(DISTRICT_WIDE, f"nur {wide} Zuständige")] if district_wide else []) + [(u.id, u.name) for u in units]
    fields = [
        ('<div class="atlas-finder__field"><label for="atlas-kontakte-suche">Suchwort</label>'
         '<input id="atlas-kontakte-suche" name="suche" type="search" autocomplete="off" aria-describedby="atlas-kontakte-suche-hilfe">'
         '<small id="atlas-kontakte-suche-hilfe">Funktion, Name, Organisation oder Ort</small></div>'),
        select("thema", "Thema", topics),
        select("ort", "Zuständig für", places,
               f"bei einem Sozialraum auch die {wide} Zuständigen" if district_wide and units else ""),
        select("netzwerk", "Netzwerk", [(n.id, n.name) for n in networks]),
    ]
    return Markup(
        '<p class="atlas-kontakte__ohne-js" id="atlas-kontakte-ohne-js">Öffnen Sie ein Thema, um seine Ansprechpersonen zu sehen. '
        "Mit JavaScript lässt sich die Liste außerdem nach Thema, Zuständigkeit, Netzwerk und Suchwort filtern.</p>\n"
        f'<form class="atlas-finder atlas-kontakte__filter" id="{FORM_ID}" method="get" role="search" '
        'aria-label="Ansprechpersonen filtern" hidden>\n'
        '<fieldset><legend>Ansprechpersonen filtern</legend>' + "".join(fields) + "</fieldset>\n"
        '<div class="atlas-finder__actions"><button type="reset" class="md-button">Filter zurücksetzen</button></div>\n'
        "</form>\n"
        f'<p class="atlas-finder__count" id="atlas-kontakte-anzahl" role="status" aria-live="polite" '
        f'data-einzahl="{html_attr(nouns[0])}" data-mehrzahl="{html_attr(nouns[1])}">'
        f'{persons(total)}{f" in {fmt_number(groups)} {nouns[0] if groups == 1 else nouns[1]}" if total else ""}</p>\n'
        '<p class="atlas-finder__empty" id="atlas-kontakte-leer" hidden>Keine Ansprechperson passt zu diesem Filter. '
        "Wählen Sie weniger aus oder setzen Sie den Filter zurück.</p>"
    )


class GroupTools:
    """What the contact templates call as `gg.…` (`{% set gg = people(p).grouped() %}`).

    `networks_of`: contact id → networks it coordinates or is a member contact of; `networks`: all public
    networks in display order (both from people.py, which owns the network queries)."""

    def __init__(self, p: Any, networks_of: dict[str, list[Network]], networks: list[Network]) -> None:
        self.p = p
        self.atlas = p.atlas
        self.networks_of = networks_of
        self.networks = networks

    def topic_groups(self, contacts: list[Contact]) -> list[tuple[str, str, list[Contact]]]:
        """(anchor, topic label, contacts) per topic with contacts, vocabulary order; „Ohne Themenangabe“ last."""
        result = [(t.id, t.label, [c for c in contacts if t.id in c.topics]) for t in self.atlas.vocabularies.topics]
        result.append((NO_TOPIC, "Ohne Themenangabe", [c for c in contacts if not c.topics]))
        return [g for g in result if g[2]]

    def empty_topics(self, contacts: list[Contact]) -> list[str]:
        used = {t for c in contacts for t in c.topics}
        return [t.label for t in self.atlas.vocabularies.topics if t.id not in used]

    def filter_form(self, contacts: list[Contact], topic_groups: list[tuple[str, str, list[Contact]]], units: list[Municipality]) -> Markup:
        """The filter of the topic page: the topics, units and networks of these contacts."""
        used = {n.id for c in contacts for n in self.networks_of.get(c.id, [])}
        topics = [(ident, label) for ident, label, _ in topic_groups if ident != NO_TOPIC]
        district_wide = any(not c.municipalities for c in contacts)
        return filter_form(topics, units, district_wide, [n for n in self.networks if n.id in used], len(contacts), len(topic_groups), wide=self.atlas.area.wide)

    def jump_list(self, items: list[tuple[str, str, Any]], label: str) -> Markup:
        """Links to the groups' anchors; the third value of an item is a count or a list (its length is shown)."""
        return jump_list(self.p.page, [(i, t, len(n) if isinstance(n, list) else n) for i, t, n in items], label)

    def group(self, ident: str, title: str, contacts: list[Contact], filterable: bool = False) -> Markup:
        """A collapsed group of compact entries; `filterable` adds the filter's data to each entry."""
        return group(ident, title, len(contacts), entries(self.p, contacts, self.networks_of if filterable else None))

    def compact(self, contacts: list[Contact]) -> Markup:
        return entries(self.p, contacts)

    def unit_group(self, unit: Municipality, district_wide: int) -> Markup:
        """A unit's own contacts, collapsed; then how many district-wide contacts also apply, and its profile."""
        own = self.atlas.contacts_in(unit.id)
        page = self.p.page
        name = html_attr(unit.name)
        body = [str(entries(self.p, own)) if own else f"<p>Für {name} ist keine eigene Ansprechperson veröffentlicht.</p>"]
        wide = self.atlas.area.wide
        places = f"1 Stelle {wide}" if district_wide == 1 else f"{district_wide} Stellen {wide}"
        also = f'<a href="{url(page, CONTACT_PLACES)}#{DISTRICT_WIDE}">{places}</a>'
        profile = f'Sozialraumprofil: <a href="{url(page, record_path(unit))}">{name}</a>'
        body.append(f"<p>Außerdem für {name} zuständig: {also}. {profile}.</p>" if district_wide else f"<p>{profile}.</p>")
        return group(unit.id, unit.name, len(own), Markup("\n".join(body)))

    def network_group(self, network: Network, members: list[Contact]) -> Markup:
        """A network, collapsed: its page, type and scope; who coordinates; the fitting member contacts."""
        a, page = self.atlas, self.p.page
        coordinator = a.contact(network.coordinator)
        org = a.organisations.get(network.coordinating_organisation or "")
        meta = [f'<a href="{url(page, record_path(network))}">Seite des Netzwerks</a>', html_attr(a.label("network_types", network.type)),
                "Wirkungskreis: " + self._scope(network)]
        body = [f"<p>{' · '.join(meta)}</p>", "<p><strong>Koordination:</strong>" + ("</p>" if coordinator else " ")]
        if coordinator:
            body.append(str(entries(self.p, [coordinator])))
        elif org:
            reach = [f'<a href="mailto:{html_attr(org.email)}">{html_attr(org.email)}</a>'] if org.email else []
            reach += [f'<a href="{html_attr(phone_href(org.phone))}">{html_attr(org.phone)}</a>'] if org.phone else []
            body[-1] += f'<a href="{url(page, record_path(org))}">{html_attr(org.name)}</a>' + (": " + ", ".join(reach) if reach else "") + "</p>"
        else:
            body[-1] += "nicht eingetragen.</p>"
        if members:
            body += ["<p><strong>Ansprechpersonen aus beteiligten Organisationen:</strong></p>", str(entries(self.p, members))]
        count = len(members) + (1 if coordinator else 0)
        return group(network.id, network.name, count, Markup("\n".join(body)), self.p.badge(network))

    def _scope(self, network: Network) -> str:
        a, page = self.atlas, self.p.page
        if network.scope == "district":
            return a.area.wide
        if network.scope == "region":
            records: list[Any] = [a.regions[r] for r in network.regions if r in a.regions]
            prefix = "Planungsregion: "
        else:
            records, prefix = [a.municipalities[m] for m in network.municipalities if m in a.municipalities], ""
        names = ", ".join(f'<a href="{url(page, record_path(r))}">{html_attr(r.name)}</a>' for r in records)
        return prefix + names if names else "–"

    def collapsed(self, contacts: list[Contact], summary: str) -> Markup:
        """Compact entries collapsed under a plain summary."""
        return Markup(f'<details class="atlas-kontakte__gruppe atlas-kontakte__gruppe--klein">\n<summary>{html_attr(summary)}</summary>\n'
                      f"{entries(self.p, contacts)}\n</details>")


__all__ = ["DISTRICT_WIDE", "FORM_ID", "GroupTools", "entries", "entry", "filter_form", "group", "jump_list", "persons", "url"]
