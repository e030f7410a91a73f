"""What assets/atlas-termine.js reads on the Termine pages: each date's end, its place, topics and audience.

Every date listed as upcoming (termine/index.md, a record's page, the next dates of a network, family centre
or unit) carries `data-atlas-end`, the moment it is over as an ISO timestamp with the offset of the atlas's
time zone (`2026-11-10T12:00:00+01:00`). The build never reads the clock; the script hides, in the visitor's
browser, the dates whose end has passed since the data date, hides week headings left empty and fills the
notice before (or, on a profile, after) the list with how many it hid. The statement of the data date stays.

On termine/index.md the items also carry `data-places` (the Sozialräume, empty: district-wide or no fixed
place), `data-topics` and `data-audience` (ids of the vocabularies `topics` and `event_audiences`), and the
page has a filter form (`filter_form`), hidden until the script shows it; the options are the values the
listed dates use, labelled from the vocabularies. Without JavaScript the page lists every date and, by
Sozialraum, every record with its own page and the unit's calendar feed (`by_unit`).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ..core.markup import html_attr
from ..model import events as dates
from ..model.atlas import Atlas
from ..model.schema import Event

FORM_ID = "atlas-termine-filter"
COUNT_ID = "atlas-termine-anzahl"
NO_UNIT = "ohne"  # value of the place filter for dates without a Sozialraum (district-wide or no fixed place)
NOTICE = '<p class="atlas-termine-vorbei" data-atlas-vorbei hidden></p>'  # before a list: filled by the script
INLINE_NOTICE = '<span class="atlas-termine-vorbei" data-atlas-vorbei hidden></span>'  # inside a profile's paragraph


def event_units(atlas: Atlas, event: Event) -> list[str]:
    """Sozialräume of a record: its place's, or those of its network when the network works in named units."""
    units = dates.event_unit(event, atlas.family_centres, atlas.organisations)
    network = atlas.networks.get(event.network or "")
    if network is not None and network.scope == "municipality":
        units += network.municipalities
    return list(dict.fromkeys(units))


def end_moment(occ: dates.Occurrence) -> str:
    """When a date is over, ISO 8601 with the offset: its end time; without one (all day, or a start only) the
    midnight after its last day, so that nothing is hidden while it may still take place."""
    zone = ZoneInfo(dates.TIMEZONE)
    if occ.start and occ.end:
        hour, minute = (int(x) for x in occ.end.split(":"))
        return dt.datetime.combine(occ.end_day, dt.time(hour, minute), tzinfo=zone).isoformat()
    return dt.datetime.combine(occ.end_day + dt.timedelta(days=1), dt.time(), tzinfo=zone).isoformat()


def attributes(atlas: Atlas, occ: dates.Occurrence, filters: bool = False, counted: bool = True) -> str:
    """`data-atlas-end="…"`, with `filters` also `data-places`, `data-topics`, `data-audience`; `counted=False`
    for a date repeated outside its list (a network's „Nächstes Treffen“): hidden when past, not counted."""
    attrs = {"data-atlas-end": end_moment(occ)}
    if filters:
        attrs |= {"data-places": " ".join(event_units(atlas, occ.event)), "data-topics": " ".join(occ.event.topics),
                  "data-audience": occ.event.audience}
    if not counted:
        attrs["data-atlas-uncounted"] = "1"
    return " ".join(f'{name}="{html_attr(value)}"' for name, value in attrs.items())


def list_item(text: Markup, attrs: str) -> Markup:
    """The text of a Markdown list item with its attributes on the `<li>` (attr_list, on a line of its own)."""
    return text + Markup(f"\n  {{: {attrs} }}")


def inline_item(text: Markup, attrs: str) -> Markup:
    """A date inside a paragraph (a profile's „Nächste Termine“): a `<span>` the script can hide."""
    return Markup(f"<span {attrs}>") + text + Markup("</span>")


def inline_join(items: list[Markup]) -> Markup:
    """Dates in a paragraph, separated by „; “ in spans of their own: the script hides the separator of a hidden date."""
    return Markup('<span data-atlas-sep>; </span>').join(items)


def filter_options(atlas: Atlas, occs: list[dates.Occurrence]) -> dict[str, list[tuple[str, str]]]:
    """The values the listed dates use, labelled: places (units by name, then „ohne festen Sozialraum“),
    topics and audiences (vocabulary order)."""
    events = list({o.event.id: o.event for o in occs}.values())
    used_units = {u for e in events for u in event_units(atlas, e)}
    units = sorted((atlas.municipalities[u] for u in used_units if u in atlas.municipalities), key=lambda m: (m.name.casefold(), m.id))
    places = [(m.id, m.name) for m in units]
    if any(not event_units(atlas, e) for e in events):
        places.append((NO_UNIT, f"{atlas.area.wide} oder ohne festen Sozialraum"))
    used_topics = {t for e in events for t in e.topics}
    used_audiences = {e.audience for e in events}
    return {
        "ort": places,
        "thema": [(t.id, t.label) for t in atlas.vocabularies.topics if t.id in used_topics],
        "fuer": [(a.id, atlas.label("event_audiences", a.id)) for a in atlas.vocabularies.event_audiences if a.id in used_audiences],
    }


def filter_form(atlas: Atlas, occs: list[dates.Occurrence]) -> Markup:
    """The filter form and its count (aria-live), both hidden until the script shows them; nothing is sent anywhere."""
    if not occs:
        return Markup("")
    options = filter_options(atlas, occs)
    labels = {"ort": "Sozialraum", "thema": "Thema", "fuer": "Für wen"}
    fields = []
    for name, label in labels.items():
        opts = "".join(f'<option value="{html_attr(v)}">{html_attr(t)}</option>' for v, t in options[name])
        fields.append(f'<div class="atlas-termine-filter__feld"><label for="{FORM_ID}-{name}">{label}</label>'
                      f'<select id="{FORM_ID}-{name}" name="{name}"><option value="">alle</option>{opts}</select></div>')
    return Markup(
        f'<form class="atlas-termine-filter" id="{FORM_ID}" aria-label="Termine filtern" hidden>\n'
        '<fieldset><legend>Termine filtern</legend>' + "".join(fields) + "</fieldset>\n"
        '<button type="reset" class="md-button">Filter zurücksetzen</button>\n'
        "</form>\n"
        f'<p class="atlas-termine-anzahl" id="{COUNT_ID}" role="status" aria-live="polite" hidden></p>'
    )


def by_unit(atlas: Atlas) -> list[tuple[str | None, list[Event]]]:
    """(unit id, its records) for every unit with records, by the unit's name; (None, records without a unit) last."""
    found: dict[str | None, list[Event]] = {}
    for event in sorted(atlas.events.values(), key=lambda e: (e.title.casefold(), e.id)):
        for unit in [u for u in event_units(atlas, event) if u in atlas.municipalities] or [None]:
            found.setdefault(unit, []).append(event)
    named = sorted((u for u in found if u is not None), key=lambda u: (atlas.municipalities[u].name.casefold(), u))
    return [(u, found[u]) for u in named] + ([(None, found[None])] if None in found else [])


__all__ = ["INLINE_NOTICE", "NOTICE", "attributes", "by_unit", "end_moment", "event_units", "filter_form", "filter_options",
           "inline_item", "inline_join", "list_item"]
