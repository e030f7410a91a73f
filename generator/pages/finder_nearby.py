"""„In meiner Nähe“ in another language than German (issue 22): the hooks of finder.FinderHtml's nearby part in the
page's language, for the page `<lang>/angebote/naehe.md` (template angebote_naehe_uebersetzt.md.j2).

The group titles of the place choice („Areas (administrative seat)“, its options „Beelitz (Beelitz)“), the notes on
where a distance is measured from, the kind of an entry and the marks are interface texts (msgids: templates/
_finder_texte.md.j2, `nearby_words`). Names from the data stay German: an option that shows only names is marked
`lang="de"`, in the list the names and places are German spans. Links lead to the offer's and the family centre's
page in the same language. The script's messages come from the page's JSON texts (group "nearby", script_texts.py).
"""

from __future__ import annotations

import functools


from ..model.schema import Offer
from .finder import PlaceChoice, attr, seat_note
from .finder_texts import GERMAN, TranslatedFinder, german


class TranslatedNearby(TranslatedFinder):
    """The nearby page's place choice and list in `lang`."""

    def _say(self, text: str, **values: object) -> str:
        """An interface text, not escaped (it goes through `attr` with the names in it)."""
        shown = self.gettext(text)
        return shown % values if values else shown

    def _notes(self) -> dict[str, str]:
        """The German note of a place choice (finder.place_choices) → the note in the page's language."""
        a = self.atlas
        notes: dict[str, str] = {}
        for unit in a.municipalities.values():
            notes[f"Entfernung ab Verwaltungssitz {unit.seat}"] = self._say("Entfernung ab Verwaltungssitz %(place)s", place=unit.seat)
            notes[seat_note(a, unit)] = self._say("Entfernung ab dem Verwaltungssitz")
            for member in unit.members:
                german_note = f"Entfernung ab Ortspunkt {a.unit_type(member.type).of_the} {member.name}"
                notes[german_note] = self._say("Entfernung ab dem Ortspunkt von %(place)s", place=member.name)
        return notes

    def _place_groups(self) -> dict[str, str]:
        return {"units": self._say("Gebiete (Verwaltungssitz)"), "members": self._say("Gemeinden"),
                "villages": self._say("Ortsteile"), "centres": self._say("Familienzentren")}

    @functools.cached_property
    def _note_texts(self) -> dict[str, str]:
        return self._notes()

    def _place_option(self, c: PlaceChoice) -> str:
        note = self._note_texts.get(c.note, c.note)
        # dir="ltr": an RTL page's select then shows a long German name from its start, not its end
        label, lang = c.label, f" {GERMAN}"
        if c.group == "units":  # „Beelitz (Beelitz)“: the group's title says that the seat is in brackets
            unit = self.atlas.municipalities[c.key.removeprefix("sr-")]
            label = f"{unit.name} ({unit.seat})"
        if c.seat:
            label, lang = f"{label} – {note}", ""
        data_note = f' data-note="{attr(note)}"' if note else ""
        return (f'<option value="{attr(c.key)}" data-lat="{c.location.lat}" data-lon="{c.location.lon}"'
                f'{data_note}{lang}>{attr(label)}</option>')

    def _located(self, offer: Offer, note: str) -> str:
        """Where the offer is (TranslatedFinder._where_marked), with the note on the point."""
        shown = self._where_marked(offer)
        unit = self.atlas.municipalities.get(offer.municipality)
        if note and unit is not None:
            seat = self._("Lage ungefähr: Verwaltungssitz %(place)s", place="@SEAT@").replace("@SEAT@", german(unit.seat))
            shown += f" ({seat})"
        return shown


__all__ = ["TranslatedNearby"]
