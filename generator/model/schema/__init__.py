"""The data model: one pydantic class per record kind, every field with a German title and help text.

The titles and descriptions are what editors read: error messages quote them (``Feld „email“
(E-Mail-Adresse) …``) and the JSON Schema for editors is generated from them. References between
records are declared in ``json_schema_extra``: ``{"ref": KIND}`` points to another record kind,
``{"vocab": NAME}`` to a list in ``vocabularies.yaml``. check/validate.py walks these declarations; nothing
about a particular district lives here.

One module per group of record kinds (base, places, actors, offers, networks, indicators, planning,
config); this package exports them all and lists the record kinds in `KINDS`.
"""

from __future__ import annotations

from .actors import (
    Contact,
    Organisation,
)
from .base import (
    EMAIL_PATTERN,
    ID_PATTERN,
    LINK_SCHEMES,
    PHONE_PATTERN,
    TIME_PATTERN,
    WEB_SCHEMES,
    WEEKDAYS,
    Address,
    ContactChannels,
    Date,
    Id,
    Link,
    Location,
    Model,
    Population,
    Quantity,
    Record,
    Text,
    check_date,
    check_email,
    check_phone,
    check_url,
    date_message,
    ref,
    vocab,
)
from .config import (
    AccessibilityLimitation,
    AccessibilitySettings,
    AtlasConfig,
    Bounds,
    LegalBody,
    LegalProvider,
    LegalResponsible,
    LegalSettings,
    LegalTexts,
    Licence,
    ListSettings,
    MapSettings,
    OrganisationType,
    PrivacySettings,
    ProfileSettings,
    Term,
    Tiles,
    Vocabularies,
)
from .indicators import (
    Formula,
    HintRule,
    Indicator,
    SmallNumbers,
)
from .networks import (
    Network,
)
from .events import EVENT_TIME, Change, Event, EventPlace, Registration
from .benefits import Benefit, LegalBasis, LifeSituation, Responsibility
from .area_kinds import AreaKind, area_kind, default_area_kinds, derived_kind, merged_area_kinds
from .unit_types import UnitType, member_words, merged_unit_types, unit_type, unit_type_words
from .offers import (
    STATUSES,
    AgeRange,
    Availability,
    Closure,
    FamilyCentre,
    Offer,
    OpeningHours,
)
from .places import (
    District,
    KeyFigure,
    MemberMunicipality,
    Municipality,
    Region,
)
from .planning import (
    MEASURE_STATUSES,
    Conference,
    Measure,
    Need,
    Swot,
    Target,
)

# ---------------------------------------------------------------------------------------------
# The record kinds: folder in data/, class, German name (for messages and pages)


class Kind:
    def __init__(self, name: str, folder: str, model: type[Record], label: str) -> None:
        self.name, self.folder, self.model, self.label = name, folder, model, label


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("regions", "regions", Region, "Planungsregion"),
        Kind("municipalities", "municipalities", Municipality, "Sozialraum"),
        Kind("organisations", "organisations", Organisation, "Organisation"),
        Kind("contacts", "contacts", Contact, "Kontakt"),
        Kind("family_centres", "family_centres", FamilyCentre, "Familienzentrum"),
        Kind("offers", "offers", Offer, "Angebot"),
        Kind("networks", "networks", Network, "Netzwerk"),
        Kind("indicators", "indicators", Indicator, "Kennzahl"),
        Kind("targets", "targets", Target, "Ziel"),
        Kind("conferences", "conferences", Conference, "Ergebnisse einer Sozialraumkonferenz"),
        Kind("lebenslagen", "lebenslagen", LifeSituation, "Lebenslage"),
        Kind("leistungen", "leistungen", Benefit, "Leistung"),
        Kind("events", "termine", Event, "Termin"),
    )
}
DISTRICT_FILE = "district.yaml"
CONFIG_FILE = "atlas.yaml"
VOCABULARIES_FILE = "vocabularies.yaml"
INDICATOR_VALUES_GLOB = "indicators/*.csv"

# Re-exported: every stage imports the record kinds from `model.schema`, whichever module defines them.
__all__ = [
    "AccessibilityLimitation", "AccessibilitySettings", "Address", "AgeRange", "AreaKind", "AtlasConfig", "Availability",
    "Benefit", "Bounds", "CONFIG_FILE", "Change", "Closure", "Conference", "Contact", "ContactChannels", "DISTRICT_FILE", "Date",
    "District", "EMAIL_PATTERN", "EVENT_TIME", "Event", "EventPlace", "FamilyCentre", "Formula", "HintRule", "ID_PATTERN", "INDICATOR_VALUES_GLOB",
    "Id", "Indicator", "KINDS", "KeyFigure", "Kind", "LINK_SCHEMES", "LegalBody", "LegalProvider",
    "LegalBasis", "LegalResponsible", "LegalSettings", "LegalTexts", "Licence", "LifeSituation", "Link", "ListSettings", "Location",
    "MEASURE_STATUSES", "MapSettings", "Measure", "MemberMunicipality", "Model", "Municipality", "Need",
    "Network", "Offer", "OpeningHours", "Organisation", "OrganisationType", "PHONE_PATTERN", "PrivacySettings", "ProfileSettings",
    "Population", "Quantity", "Record", "Region", "Registration", "Responsibility", "STATUSES", "SmallNumbers", "Swot", "TIME_PATTERN",
    "Target", "Term", "Text", "Tiles", "UnitType", "VOCABULARIES_FILE", "Vocabularies", "WEB_SCHEMES", "WEEKDAYS",
    "area_kind", "check_date", "check_email", "default_area_kinds", "derived_kind", "check_phone", "check_url", "date_message", "merged_area_kinds", "member_words", "merged_unit_types", "ref", "unit_type", "unit_type_words", "vocab",
]
