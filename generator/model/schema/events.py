"""Dates (Termine): meetings of networks, conferences, training days, family-centre groups and consultation hours.

One record per date or series of dates (data/termine/<id>.yaml). A series repeats by an RFC 5545 rule
(`rrule`, e.g. `FREQ=MONTHLY;BYDAY=2TU` for „jeden 2. Dienstag“) with exceptions (`exdates`), and single
dates may be cancelled or moved (`changes`): they stay visible as such on the pages and in the feeds.
Times are local times of the atlas (Europe/Berlin); model/events.py expands the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from dateutil.rrule import rrulestr
from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Address, Date, Id, Model, Record, Text, WebUrl, ref, vocab

EVENT_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"  # 00:00 … 23:59; an event ends at the latest at 23:59
Time = Annotated[str, StringConstraints(pattern=EVENT_TIME)]
RRULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "WKST")
MAX_YEARS = 5  # a rule without COUNT or UNTIL is expanded at most this far (pages and feeds show the next months anyway)


class EventPlace(Model):
    family_centre: Id | None = Field(None, title="Familienzentrum", description="Kennung des Familienzentrums, in dem der Termin stattfindet.",
                                     json_schema_extra=ref("family_centres"))
    organisation: Id | None = Field(None, title="Organisation", description="Kennung der Organisation, in deren Räumen der Termin stattfindet.",
                                    json_schema_extra=ref("organisations"))
    address: Address | None = Field(None, title="Anschrift", description="Anschrift eines anderen Ortes (street, postal_code, city).")
    name: Text | None = Field(None, title="Ort", description="Name des Ortes oder Raums, z. B. „Rathaus, Sitzungssaal“.")
    municipality: Id | None = Field(None, title="Sozialraum", description="Kennung des Sozialraums; nötig bei einer Anschrift, sonst aus dem Familienzentrum.",
                                    json_schema_extra=ref("municipalities"))
    online: bool = Field(False, title="Online", description="true, wenn man auch online teilnehmen kann.")

    @model_validator(mode="after")
    def _one_place(self) -> "EventPlace":
        given = [f for f in ("family_centre", "organisation", "address") if getattr(self, f) is not None]
        if len(given) != 1 and not (self.online and not given):
            raise PydanticCustomError("event_place", "Der Ort braucht genau eine Angabe: family_centre, organisation oder address (oder nur online: true)", {})
        if self.address is not None and self.municipality is None:
            raise PydanticCustomError("event_place", "Bei einer Anschrift (address) fehlt municipality: die Kennung des Sozialraums, in dem der Ort liegt", {})
        return self


class Registration(Model):
    required: bool = Field(True, title="Anmeldung nötig", description="true, wenn man sich anmelden muss.")
    deadline: Date | None = Field(None, title="Anmeldeschluss", description="Letzter Tag der Anmeldung (JJJJ-MM-TT).")
    how: Text | None = Field(None, title="Wie anmelden", description="z. B. „per E-Mail an info@example.org“.")
    url: WebUrl | None = Field(None, title="Anmeldeseite", description="Adresse der Anmeldung, beginnend mit https:// oder http://.")


class Change(Model):
    date: Date = Field(title="Datum", description="Der betroffene Termin der Reihe (JJJJ-MM-TT), so wie er nach der Regel wäre.")
    status: Literal["abgesagt", "verlegt"] = Field(title="Änderung", description="abgesagt oder verlegt.")
    new_date: Date | None = Field(None, title="Neues Datum", description="Bei verlegt: der neue Tag (JJJJ-MM-TT).")
    new_start_time: Time | None = Field(None, title="Neuer Beginn", description="Bei verlegt: neue Anfangszeit (HH:MM).")
    new_end_time: Time | None = Field(None, title="Neues Ende", description="Bei verlegt: neue Endzeit (HH:MM).")
    note: Text | None = Field(None, title="Hinweis", description="z. B. „wegen Krankheit“ oder „im Rathaus statt im Familienzentrum“.")

    @model_validator(mode="after")
    def _moved(self) -> "Change":
        if self.status == "verlegt" and not (self.new_date or self.new_start_time):
            raise PydanticCustomError("event_moved", "Bei status „verlegt“ fehlt new_date oder new_start_time", {})
        if self.status == "verlegt" and self.new_start_time and self.new_end_time and self.new_end_time <= self.new_start_time:
            raise PydanticCustomError("event_end", "Das neue Ende {end} liegt nicht nach dem neuen Beginn {start}",
                                      {"end": self.new_end_time, "start": self.new_start_time})
        return self


def _field_error(name: str, text: str, **values: str) -> PydanticCustomError:
    return PydanticCustomError(name, text, values)


class Event(Record):
    title: Text = Field(title="Titel", description="Titel des Termins, z. B. „Sozialraumkonferenz Teltow“ oder „Eltern-Kind-Gruppe“.")
    description: Text | None = Field(None, title="Beschreibung", description="Worum es geht, in einfachen Worten.")
    start_date: Date = Field(title="Datum", description="Tag (der ersten Sitzung), JJJJ-MM-TT.")
    start_time: Time | None = Field(None, title="Beginn", description="Anfangszeit HH:MM in Anführungszeichen, z. B. \"17:00\"; leer: ganztägig.")
    end_date: Date | None = Field(None, title="Letzter Tag", description="Nur bei mehrtägigen Terminen: letzter Tag (JJJJ-MM-TT).")
    end_time: Time | None = Field(None, title="Ende", description="Endzeit HH:MM in Anführungszeichen, z. B. \"19:00\".")
    place: EventPlace = Field(title="Ort", description="Wo: family_centre, organisation oder address (mit municipality); dazu name (Raum) und online.")
    organiser: Id = Field(title="Veranstalter", description="Kennung der Organisation, die einlädt.", json_schema_extra=ref("organisations"))
    network: Id | None = Field(None, title="Netzwerk", description="Kennung des Netzwerks, wenn es eine Sitzung eines Netzwerks oder Gremiums ist.",
                               json_schema_extra=ref("networks"))
    audience: str = Field(title="Für wen offen", description="Eintrag aus dem Vokabular event_audiences, z. B. oeffentlich, fachkraefte, mitglieder.",
                          json_schema_extra=vocab("event_audiences"))
    topics: list[str] = Field(default_factory=list, title="Themen", description="Themen aus dem Vokabular topics.", json_schema_extra=vocab("topics"))
    target_groups: list[str] = Field(default_factory=list, title="Zielgruppen", description="Zielgruppen aus dem Vokabular target_groups.",
                                     json_schema_extra=vocab("target_groups"))
    registration: Registration | None = Field(None, title="Anmeldung", description="Ob und wie man sich anmeldet (required, deadline, how, url).")
    cost: Text | None = Field(None, title="Kosten", description="z. B. „kostenfrei“ oder „5 € pro Termin“.")
    accessibility: list[str] = Field(default_factory=list, title="Barrierefreiheit", description="Merkmale aus dem Vokabular accessibility.",
                                     json_schema_extra=vocab("accessibility"))
    languages: list[str] = Field(default_factory=list, title="Sprachen", description="Sprachen aus dem Vokabular languages.", json_schema_extra=vocab("languages"))
    rrule: str | None = Field(None, title="Wiederholung", description="Regel nach RFC 5545, z. B. \"FREQ=WEEKLY;BYDAY=TU\" (jeden Dienstag) oder "
                              "\"FREQ=MONTHLY;BYDAY=2TU\" (jeden 2. Dienstag); leer: ein einzelner Termin.")
    exdates: list[Date] = Field(default_factory=list, title="Ausnahmen", description="Tage (JJJJ-MM-TT), an denen ein Termin der Reihe ausfällt, ohne Hinweis.")
    skip_holidays: bool = Field(False, title="Feiertage auslassen", description="true: Termine an gesetzlichen Feiertagen des Landes fallen aus.")
    changes: list[Change] = Field(default_factory=list, title="Absagen und Verlegungen",
                                  description="Einzelne Termine, die abgesagt oder verlegt sind (date, status, new_date, new_start_time, note); sie bleiben sichtbar.")

    @field_validator("end_date")
    @classmethod
    def _end_date(cls, v: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start_date")
        if v is not None and start is not None and v < start:
            raise _field_error("event_end", "Der letzte Tag {end} liegt vor dem Datum {start} (start_date)", end=v.isoformat(), start=start.isoformat())
        return v

    @field_validator("end_time")
    @classmethod
    def _end_time(cls, v: str | None, info: ValidationInfo) -> str | None:
        start, same_day = info.data.get("start_time"), info.data.get("end_date") in (None, info.data.get("start_date"))
        if v is not None and start is None:
            raise _field_error("event_end", "Ein Ende ({end}) ohne Beginn (start_time) geht nicht; bitte start_time ergänzen", end=v)
        if v is not None and start is not None and same_day and v <= start:
            raise _field_error("event_end", "Das Ende {end} liegt nicht nach dem Beginn {start} (start_time); endet der Termin am nächsten Tag, "
                               "bitte end_date angeben", end=v, start=start)
        return v

    @field_validator("rrule")
    @classmethod
    def _rrule(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is None:
            return None
        text = re.sub(r"^RRULE:", "", v.strip(), flags=re.IGNORECASE).upper()
        parts = [p.split("=", 1)[0] for p in text.split(";") if p]
        unknown = [p for p in parts if p not in RRULE_PARTS]
        if unknown or "FREQ" not in parts:
            why = f"unbekannter Teil „{unknown[0]}“" if unknown else "FREQ fehlt"
            raise _field_error("rrule", "Die Regel „{rule}“ ist keine gültige Wiederholung nach RFC 5545 ({why}); Beispiel: FREQ=MONTHLY;BYDAY=2TU", rule=v, why=why)
        if "FREQ=" in text and re.search(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", text):
            raise _field_error("rrule", "Die Regel „{rule}“ wiederholt öfter als täglich; erlaubt sind DAILY, WEEKLY, MONTHLY, YEARLY", rule=v)
        start = info.data.get("start_date") or dt.date(2000, 1, 1)
        try:
            rule = rrulestr(text, dtstart=dt.datetime.combine(start, dt.time()))
            rule[0]  # noqa: B018 - a rule may parse but never occur (BYMONTHDAY=31;BYMONTH=2)
        except (ValueError, TypeError, IndexError) as exc:
            bad = re.search(r"'(\w+)': (\S+)", str(exc))  # dateutil: "invalid 'BYDAY': 2XX"
            why = f"ungültiger Wert „{bad.group(2)}“ bei {bad.group(1)}" if bad else "sie ergibt keinen Termin" if isinstance(exc, IndexError) else "ein Wert ist ungültig"
            raise _field_error("rrule", "Die Regel „{rule}“ ist keine gültige Wiederholung nach RFC 5545 ({why}); Beispiel: FREQ=MONTHLY;BYDAY=2TU",
                               rule=v, why=why) from None
        return text
