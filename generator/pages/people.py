"""People and who works with whom: contact pages, vCards and the organisation × network overview.

Pages and files (all from the Atlas, which holds published contacts and public networks only, so an
unpublished contact or an internal committee cannot reach any of them):

  ansprechpersonen/index.md          contacts by topic (closed groups, filterable), and all contacts A–Z
  ansprechpersonen/orte.md           by unit: responsible for the unit, separated from district-wide ones
  ansprechpersonen/netzwerke.md      by network: coordination and contacts of member organisations
                                     (the groups, compact entries and filter: contact_groups.py)
  ansprechpersonen/<id>.md           one page per contact (a stable address other pages link to)
  ansprechpersonen/vcard/<id>.vcf    one vCard per contact (generator/exports/vcard.py)
  organisationen/wer-mit-wem.md      matrix organisations × networks, and the same as lists

Templates reach the helpers as `people(p)` (a jinja global), e.g. `{% set pp = people(p) %}`.
`people_pages(site, common)` writes everything above; `contact_entry(p, contact)` is the one way a
contact is shown anywhere (PageTools.contact calls it).
"""

from __future__ import annotations

import math
import re
from typing import Any

from markupsafe import Markup

from ..core.formatting import counted
from ..core.markup import html_attr, md_href, root_prefix, served_dir
from ..exports.vcard import vcard
from ..model.schema import Contact, Municipality, Network, Organisation
from . import contact_groups as groups
from . import lists
from .links import CONTACTS_FOLDER, record_path

FOLDER = CONTACTS_FOLDER
MATRIX_PAGE = "organisationen/wer-mit-wem.md"
MAX_MATRIX_COLUMNS = 4  # networks per matrix table: with the organisation column, whole words fit an A4 portrait page
COORDINATES = "koordiniert"
MEMBER = "Mitglied"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def contact_path(contact: Contact) -> str:
    return f"{FOLDER}/{contact.id}.md"


def vcard_path(contact: Contact) -> str:
    return f"{FOLDER}/vcard/{contact.id}.vcf"


# --------------------------------------------------------------------------------------------- queries


def in_area(atlas: Any, contact: Contact, network: Network) -> bool:
    """Whether a contact is responsible where a network works (district-wide contacts everywhere)."""
    if not contact.municipalities or network.scope == "district":
        return True
    units = set(network.municipalities)
    for region in network.regions:
        units |= {m.id for m in atlas.municipalities_of_region(region)}
    return bool(units & set(contact.municipalities))


def member_contacts(atlas: Any, network: Network) -> list[Contact]:
    """Published contacts of the network's organisations who fit it: a shared topic (if the network has
    topics) and responsible where the network works. The coordinator is not repeated."""
    orgs = set(network.members) | ({network.coordinating_organisation} if network.coordinating_organisation else set())
    candidates = {c.id: c for org in orgs for c in atlas.contacts_of(org)}  # not every contact of the atlas
    position = atlas.position("contacts")
    return [
        c for c in sorted(candidates.values(), key=lambda c: position[c.id])
        if c.id != network.coordinator
        and (not network.topics or set(c.topics) & set(network.topics)) and in_area(atlas, c, network)
    ]


def role_in(network: Network, organisation_id: str) -> str | None:
    """`koordiniert`, `Mitglied` or None: how an organisation takes part in a network."""
    if network.coordinating_organisation == organisation_id:
        return COORDINATES
    if organisation_id in network.members:
        return MEMBER
    return None


def ordered_networks(atlas: Any) -> list[Network]:
    """Public networks by type (vocabulary order), then name."""
    order = {t.id: n for n, t in enumerate(atlas.vocabularies.network_types)}
    return sorted(atlas.networks.values(), key=lambda n: (order.get(n.type, len(order)), n.name.casefold(), n.id))


def contact_networks(atlas: Any) -> dict[str, list[Network]]:
    """Contact id → the public networks it coordinates or is a fitting member contact of (`member_contacts`)."""

    def build() -> dict[str, list[Network]]:
        found: dict[str, list[Network]] = {}
        for network in ordered_networks(atlas):
            coordinator = [network.coordinator] if atlas.contact(network.coordinator) else []
            for contact_id in dict.fromkeys(coordinator + [c.id for c in member_contacts(atlas, network)]):
                found.setdefault(contact_id, []).append(network)
        return found

    return atlas.memo("contact_networks", atlas.networks, build)


def _network_rank(atlas: Any) -> dict[str, int]:
    """Network id → place in `ordered_networks` (computed once per atlas)."""
    return atlas.memo("network_rank", atlas.networks, lambda: {n.id: i for i, n in enumerate(ordered_networks(atlas))})


def organisations_by_type(atlas: Any, organisations: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
    """(type label, organisations sorted by name) in vocabulary order; unknown types last."""
    order = {t.id: n for n, t in enumerate(atlas.vocabularies.organisation_types)}
    groups: dict[str, list[Organisation]] = {}
    for org in sorted(organisations, key=lambda o: (order.get(o.type, len(order)), o.type, o.name.casefold(), o.id)):
        groups.setdefault(org.type, []).append(org)
    return [(atlas.label("organisation_types", t), orgs) for t, orgs in groups.items()]


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """`items` in as few parts of at most `size` as possible, nearly equal (14 networks, 4 → 4, 4, 3, 3)."""
    if not items:
        return []
    parts = math.ceil(len(items) / size)
    small, extra = divmod(len(items), parts)
    result, start = [], 0
    for n in range(parts):
        end = start + small + (1 if n < extra else 0)
        result.append(items[start:end])
        start = end
    return result


def contact_vcard(atlas: Any, contact: Contact) -> str:
    org = atlas.organisations.get(contact.organisation)
    address = None
    if org is not None and org.address is not None:
        a = org.address
        address = (a.street or "", a.locality or "", a.city, a.postal_code or "")
    site_url = atlas.config.site_url
    url = f"{site_url.rstrip('/')}/{served_dir(contact_path(contact))}" if site_url else (org.website if org else None)
    units = [atlas.municipalities[m].name for m in contact.municipalities if m in atlas.municipalities]
    note = f"Zuständig für: {', '.join(units)}" if units else f"Zuständig für: {atlas.district.name} ({atlas.area.wide})"
    return vcard(
        role=contact.role, name=contact.name, organisation=org.name if org else None, email=contact.email,
        phone=contact.phone, address=address, url=url, categories=atlas.labels("topics", contact.topics), note=note,
    )


# --------------------------------------------------------------------------------------------- markup


def contact_entry(p: Any, contact: Contact | None, networks: bool = False) -> Markup:
    """A contact in a list: role (link to its page), name if given, organisation, e-mail and phone links,
    responsibility and the vCard link; lines separated by `<br>`."""
    if contact is None:
        return Markup("")
    head = p.to(contact_path(contact), contact.role)
    if contact.name:
        head += Markup(" – ") + p.text(contact.name)
    head += p.badge(contact)
    org = p.atlas.organisations.get(contact.organisation)
    reach = ([p.link(org)] if org else []) + p.channels(contact)
    tail = [Markup("Zuständig für: ") + p.units(contact.municipalities)]
    if networks and (coordinated := p.atlas.networks_coordinated_by(contact.id)):
        tail.append(Markup("koordiniert: ") + p.links(coordinated))
    tail.append(vcard_link(p.page, contact))
    return Markup("<br>").join([head, p.join(reach), p.join(tail, "; ")])


def vcard_link(page: str, contact: Contact) -> Markup:
    """Markdown link to the contact's vCard (MkDocs checks and rewrites it like a page link)."""
    return Markup(f'[vCard herunterladen]({md_href(page, vcard_path(contact))}){{download="{contact.id}.vcf" type="text/vcard"}}')


def _url(page: str, target: str) -> str:
    """URL of a generated page as served, relative to the served page (for raw HTML, which MkDocs leaves alone)."""
    return html_attr(root_prefix(page) + served_dir(target))


def matrix_html(p: Any, networks: list[Network], organisations: list[Organisation], part: int, parts: int) -> Markup:
    """One matrix table: organisations (rows, grouped by type) × networks (columns), cells as words."""

    caption = "Organisationen und Netzwerke" + (f", Teil {part} von {parts}" if parts > 1 else "")
    rows = [f"<table>\n<caption>{html_attr(caption)}</caption>", "<thead>\n<tr>", '<th scope="col">Organisation</th>']
    rows += [f'<th scope="col"><a href="{_url(p.page, record_path(n))}">{html_attr(n.name)}</a></th>' for n in networks]
    rows.append("</tr>\n</thead>")
    for label, orgs in organisations_by_type(p.atlas, organisations):
        rows.append(f'<tbody>\n<tr><th scope="rowgroup" colspan="{len(networks) + 1}">{html_attr(label)}</th></tr>')
        for org in orgs:
            cells = [f'<th scope="row"><a href="{_url(p.page, record_path(org))}">{html_attr(org.name)}</a></th>']
            cells += [f"<td>{html_attr(role_in(n, org.id) or '')}</td>" for n in networks]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        rows.append("</tbody>")
    rows.append("</table>")
    return Markup('<div class="atlas-matrix">\n' + "\n".join(rows) + "\n</div>")


class PeopleTools:
    """What the templates call as `people(p).…`."""

    def __init__(self, p: Any) -> None:
        self.p = p
        self.atlas = p.atlas

    def entry(self, contact: Contact | None, networks: bool = False) -> Markup:
        return contact_entry(self.p, contact, networks)

    def anchor(self, ident: str) -> Markup:
        """`{#id}` after a heading (attr_list): a stable anchor for links from other pages."""
        if not ID.match(ident):
            raise ValueError(f"no anchor id: {ident!r}")
        return Markup(f"{{#{ident}}}")

    def vcard(self, contact: Contact) -> Markup:
        return vcard_link(self.p.page, contact)

    def link(self, contact: Contact) -> Markup:
        return self.p.to(contact_path(contact), contact.role) + self.p.badge(contact)

    def topic_links(self, contact: Contact) -> Markup:
        return self.p.join([self.p.to(lists.contact_topic_target(self.atlas, contact, t), self.atlas.label("topics", t)) for t in contact.topics])

    def grouped(self) -> groups.GroupTools:
        """Grouped, compact and filterable contact lists (contact_groups.py): `{% set gg = pp.grouped() %}`."""
        return groups.GroupTools(self.p, contact_networks(self.atlas), ordered_networks(self.atlas))

    def member_contacts(self, network: Network) -> list[Contact]:
        return member_contacts(self.atlas, network)

    def role_in(self, network: Network, organisation_id: str) -> str | None:
        return role_in(network, organisation_id)

    def networks(self) -> list[Network]:
        return ordered_networks(self.atlas)

    def networks_of(self, organisation_id: str) -> list[Network]:
        """Public networks an organisation coordinates or is a member of, in the order of the matrix."""
        rank = _network_rank(self.atlas)
        return sorted((n for n in self.atlas.networks_of(organisation_id) if role_in(n, organisation_id)), key=lambda n: rank[n.id])

    def membership(self, network: Network, organisation_id: str) -> Markup:
        """`Netzwerk (koordiniert)` / `Netzwerk (Mitglied)` with the network linked."""
        return self.p.link(network) + Markup(" ") + self.p.text(f"({role_in(network, organisation_id)})")

    def networked(self) -> list[Organisation]:
        """Organisations in at least one public network."""
        return [o for o in self.atlas.organisations.values() if self.atlas.networks_of(o.id)]  # indexed lookup

    def by_type(self, organisations: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
        return organisations_by_type(self.atlas, organisations)

    def matrices(self) -> list[Markup]:
        """The matrix in tables of at most MAX_MATRIX_COLUMNS networks; each lists only its organisations."""
        parts = chunks(ordered_networks(self.atlas), MAX_MATRIX_COLUMNS)
        result = []
        position = self.atlas.position("organisations")
        for n, networks in enumerate(parts, 1):
            ids = {o for x in networks for o in [*x.members, *([x.coordinating_organisation] if x.coordinating_organisation else [])]}
            orgs = sorted((self.atlas.organisations[o] for o in ids if o in self.atlas.organisations), key=lambda o: position[o.id])
            result.append(matrix_html(self.p, networks, orgs, n, len(parts)))
        return result

    def units_of(self, org: Organisation) -> list[tuple[Municipality, list[str]]]:
        """Units an organisation works in, each with why: entered, offers, family centres."""
        a = self.atlas
        reasons: dict[str, list[str]] = {}
        for m in org.municipalities:
            reasons.setdefault(m, []).append("eingetragen")
        offers: dict[str, int] = {}
        for offer in a.offers_of(org.id):
            offers[offer.municipality] = offers.get(offer.municipality, 0) + 1
        for m, count in offers.items():
            reasons.setdefault(m, []).append(counted(count, "Angebot", "Angebote"))
        centres: dict[str, int] = {}
        for centre in a.centres_of(org.id):
            centres[centre.municipality] = centres.get(centre.municipality, 0) + 1
        for m, count in centres.items():
            reasons.setdefault(m, []).append("Familienzentrum" if count == 1 else counted(count, "Familienzentrum", "Familienzentren"))
        position = a.position("municipalities")
        return [(a.municipalities[m], reasons[m]) for m in sorted((m for m in reasons if m in a.municipalities), key=lambda m: position[m])]


# --------------------------------------------------------------------------------------------- pages


def people_pages(site: Any, common: dict[str, Any]) -> None:
    """Contact pages, vCards and the „Wer mit wem?“ overview (see the module docstring)."""
    a = site.atlas
    units = list(a.municipalities.values())
    contacts = sorted(a.contacts.values(), key=lambda c: (c.role.casefold(), (c.name or "").casefold(), c.id))
    lists.contact_lists(site, common, contacts, units)  # by topic and by unit; per region in a large atlas
    site.page(f"{FOLDER}/netzwerke.md", "ansprechpersonen_netzwerke.md.j2", "Ansprechpersonen nach Netzwerk", **common)
    for contact in a.contacts.values():
        site.page(contact_path(contact), "ansprechperson.md.j2", contact.role, contact=contact, **common)
        site.add(vcard_path(contact), contact_vcard(a, contact))
    site.page(MATRIX_PAGE, "wer_mit_wem.md.j2", "Wer mit wem?", **common)


__all__ = ["PeopleTools", "contact_entry", "contact_path", "contact_vcard", "member_contacts", "people_pages", "vcard_path"]
