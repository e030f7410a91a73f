"""Model stage: validated records → one `Atlas` object with resolved references and queries.

Privacy is enforced here, once: contacts with `publish: false` and networks with `public: false`
are not part of the Atlas at all, so no later stage can show them by mistake. A reference to such a
contact resolves to None.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .indicators import Statistics, compute
from .schema import (
    AreaKind,
    AtlasConfig,
    Benefit,
    Conference,
    Contact,
    District,
    Event,
    FamilyCentre,
    Indicator,
    LifeSituation,
    Municipality,
    Network,
    Offer,
    Organisation,
    Record,
    Region,
    Target,
    UnitType,
    Vocabularies,
    area_kind,
    member_words,
    unit_type,
    unit_type_words,
)


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One row of an indicator CSV."""

    area: str
    indicator: str
    year: int
    value: float
    forecast: bool = False
    example: bool = False
    note: str | None = None
    date: dt.date | None = None  # Stichtag (column `date`); None: only the year, taken as 31 December


def is_active(record: Record) -> bool:
    """False for family centres and offers with status „beendet“: their pages stay, lists, maps and finders leave them out."""
    return getattr(record, "status", "aktiv") != "beendet"


@dataclass
class Atlas:
    """Everything the render stage needs; all dicts are ordered by id (deterministic output)."""

    config: AtlasConfig
    vocabularies: Vocabularies
    district: District
    regions: dict[str, Region] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)  # published only
    family_centres: dict[str, FamilyCentre] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    networks: dict[str, Network] = field(default_factory=dict)  # public only
    indicators: dict[str, Indicator] = field(default_factory=dict)
    values: list[IndicatorValue] = field(default_factory=list)
    targets: dict[str, Target] = field(default_factory=dict)
    conferences: dict[str, Conference] = field(default_factory=dict)
    lebenslagen: dict[str, LifeSituation] = field(default_factory=dict)  # life situations, ordered by name
    leistungen: dict[str, Benefit] = field(default_factory=dict)  # benefits, ordered by name
    events: dict[str, Event] = field(default_factory=dict)  # Termine (model/events.py expands them); not those of internal networks
    stats: Statistics | None = None  # every indicator in every area (indicators.compute)
    boundaries: dict | None = None  # unit id → GeoJSON geometry (generator/model/boundaries.py), if data/boundaries.geojson exists
    # lookups by unit, centre, organisation, region: built once per dict (rebuilt if its size changes),
    # so that asking for every unit's offers is not O(units × offers) – issue 7, a Land or all of Germany
    _indexes: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, name: str, records: dict[str, Any], build: Callable[[], Any]) -> Any:
        """`build()` once per name, again only when `records` changed in size (the model is built once, then read)."""
        cached = self._indexes.get(name)
        if cached is None or cached[0] != len(records):
            cached = (len(records), build())
            self._indexes[name] = cached
        return cached[1]

    def _grouped(self, name: str, records: dict[str, Any], keys: Callable[[Any], Iterable[str]]) -> dict[str, list[Any]]:
        def build() -> dict[str, list[Any]]:
            groups: dict[str, list[Any]] = {}
            for record in records.values():
                for key in keys(record):
                    groups.setdefault(key, []).append(record)
            return groups

        return self.memo(name, records, build)

    # --- vocabularies -------------------------------------------------------------------
    def label(self, vocabulary: str, term_id: str) -> str:
        """German label of a vocabulary entry (the id itself if unknown)."""
        for term in getattr(self.vocabularies, vocabulary):
            if term.id == term_id:
                return term.label
        return term_id

    def labels(self, vocabulary: str, term_ids: list[str]) -> list[str]:
        return [self.label(vocabulary, t) for t in term_ids]

    def unit_type(self, type_id: str) -> UnitType:
        """The kind of unit `type_id` (vocabulary unit_types: built-in kinds and the atlas's own)."""
        return unit_type(self.vocabularies.unit_types, type_id)

    def unit_words(self) -> dict[str, str]:
        """Phrases about all units by the kinds in use: `every`, `plurals`, `one_of` (schema/unit_types.py)."""
        return self.memo("unit_words", self.municipalities, lambda: unit_type_words(
            self.vocabularies.unit_types, {u.type for u in self.municipalities.values()}, {m.type for u in self.municipalities.values() for m in u.members}))

    def member_words(self, unit: Municipality) -> dict[str, str]:
        """Heading, table columns and plain words for the members of `unit` (Gemeinden, Stadtteile …; schema/unit_types.py)."""
        return member_words(self.vocabularies.unit_types, {unit.type}, {m.type for m in unit.members})

    @property
    def area(self) -> AreaKind:
        """The kind of the atlas' own area (district.yaml `kind`, else from its name and key): its words on every page."""
        return area_kind(self.vocabularies.area_kinds, self.district.kind, self.district.name, self.district.key)

    # --- places ---------------------------------------------------------------------------
    def area_name(self, area_id: str) -> str:
        """Name of a municipality, region or the district."""
        if area_id == self.district.id:
            return self.district.name
        for table in (self.municipalities, self.regions):
            if area_id in table:
                return table[area_id].name
        return area_id

    def municipalities_of_region(self, region_id: str) -> list[Municipality]:
        return list(self._grouped("region", self.municipalities, lambda m: [m.region] if m.region else []).get(region_id, []))

    def networks_of_region(self, region_id: str) -> list[Network]:
        """Networks whose scope is the planning region `region_id` (among others), in the atlas' order."""
        groups = self._grouped("networks_of_region", self.networks, lambda n: list(dict.fromkeys(n.regions)) if n.scope == "region" else [])
        return list(groups.get(region_id, []))

    # The queries below leave out ended (status „beendet“) centres and offers; the dicts keep them.
    def centres_in(self, municipality_id: str) -> list[FamilyCentre]:
        groups = self._grouped("centres_in", self.family_centres, lambda c: [c.municipality] if is_active(c) else [])
        return list(groups.get(municipality_id, []))

    def offers_in(self, municipality_id: str) -> list[Offer]:
        return list(self._grouped("offers_in", self.offers, lambda o: [o.municipality] if is_active(o) else []).get(municipality_id, []))

    def offers_at(self, centre_id: str) -> list[Offer]:
        groups = self._grouped("offers_at", self.offers, lambda o: [o.family_centre] if o.family_centre and is_active(o) else [])
        return list(groups.get(centre_id, []))

    def networks_in(self, municipality_id: str) -> list[Network]:
        """Networks working in a unit: its own, those of its region, and district-wide ones (in id order)."""
        region = self.municipalities[municipality_id].region
        groups = self._grouped("networks_in", self.networks, lambda n: (["*"] if n.scope == "district" else [])
                               + [f"m:{m}" for m in n.municipalities] + [f"r:{r}" for r in n.regions])
        found = {n.id: n for key in ("*", f"m:{municipality_id}", f"r:{region}" if region is not None else "")
                 for n in groups.get(key, [])}
        return sorted(found.values(), key=lambda n: n.id)  # the dict's order: build_atlas orders every dict by id

    def contacts_in(self, municipality_id: str) -> list[Contact]:
        """Published contacts responsible for a unit (explicitly, not district-wide ones)."""
        return list(self._grouped("contacts_in", self.contacts, lambda c: list(dict.fromkeys(c.municipalities))).get(municipality_id, []))

    # --- actors ---------------------------------------------------------------------------
    def contact(self, contact_id: str | None) -> Contact | None:
        """A published contact, or None (missing reference or no consent to publish)."""
        return self.contacts.get(contact_id) if contact_id else None

    def offers_of(self, organisation_id: str) -> list[Offer]:
        return list(self._grouped("offers_of", self.offers, lambda o: [o.provider] if o.provider and is_active(o) else []).get(organisation_id, []))

    def centres_of(self, organisation_id: str) -> list[FamilyCentre]:
        groups = self._grouped("centres_of", self.family_centres, lambda c: [c.operator] if c.operator and is_active(c) else [])
        return list(groups.get(organisation_id, []))

    def networks_of(self, organisation_id: str) -> list[Network]:
        groups = self._grouped("networks_of", self.networks, lambda n: list(dict.fromkeys(
            [*n.members, *([n.coordinating_organisation] if n.coordinating_organisation else [])])))
        return list(groups.get(organisation_id, []))

    def contacts_of(self, organisation_id: str) -> list[Contact]:
        return list(self._grouped("contacts_of", self.contacts, lambda c: [c.organisation] if c.organisation else []).get(organisation_id, []))

    def networks_coordinated_by(self, contact_id: str) -> list[Network]:
        return list(self._grouped("coordinated_by", self.networks, lambda n: [n.coordinator] if n.coordinator else []).get(contact_id, []))

    def position(self, kind: str) -> dict[str, int]:
        """Record id → its place in the dict `kind` (e.g. "municipalities", ordered by name), for sorting subsets."""
        records = getattr(self, kind)
        return self.memo(f"position:{kind}", records, lambda: {record_id: n for n, record_id in enumerate(records)})

    # --- indicators -----------------------------------------------------------------------
    def values_of(self, indicator_id: str) -> dict[str, list[IndicatorValue]]:
        """area id → values of one indicator, sorted by year (forecasts last within a year)."""
        table: dict[str, list[IndicatorValue]] = defaultdict(list)
        for v in self.values:
            if v.indicator == indicator_id:
                table[v.area].append(v)
        return {area: sorted(vals, key=lambda v: (v.year, v.forecast)) for area, vals in sorted(table.items())}

    def latest(self, indicator_id: str, area_id: str, forecast: bool = False) -> IndicatorValue | None:
        """Most recent observed value (or the latest forecast with forecast=True)."""
        vals = [v for v in self.values_of(indicator_id).get(area_id, []) if v.forecast == forecast]
        return vals[-1] if vals else None

    def conferences_in(self, municipality_id: str) -> list[Conference]:
        """Results of the unit's Sozialraumkonferenzen, newest first."""
        groups = self._grouped("conferences_in", self.conferences, lambda c: [c.municipality])
        return sorted(groups.get(municipality_id, []), key=lambda c: c.date, reverse=True)

    @property
    def has_example_data(self) -> bool:
        records: list[Record] = [
            *self.municipalities.values(), *self.organisations.values(), *self.contacts.values(),
            *self.family_centres.values(), *self.offers.values(), *self.networks.values(),
            *self.regions.values(), *self.targets.values(), *self.conferences.values(),
            *self.lebenslagen.values(), *self.leistungen.values(), *self.events.values(),
        ]
        return any(r.example for r in records) or any(v.example for v in self.values)


def build_atlas(
    config: AtlasConfig,
    vocabularies: Vocabularies,
    district: District,
    records: dict[str, dict[str, Record]],
    values: list[IndicatorValue],
) -> Atlas:
    """Assemble the Atlas from validated records (kind → id → record); drops what must not be public."""

    def ordered(kind: str) -> dict:
        return dict(sorted(records.get(kind, {}).items()))

    atlas = Atlas(
        config=config,
        vocabularies=vocabularies,
        district=district,
        regions=ordered("regions"),
        municipalities=dict(sorted(records.get("municipalities", {}).items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        organisations=ordered("organisations"),
        contacts={k: c for k, c in ordered("contacts").items() if c.publish},
        family_centres=ordered("family_centres"),
        offers=ordered("offers"),
        networks={k: n for k, n in ordered("networks").items() if n.public},
        indicators=ordered("indicators"),
        values=sorted(values, key=lambda v: (v.indicator, v.area, v.year, v.forecast)),
        targets=ordered("targets"),
        conferences=dict(sorted(records.get("conferences", {}).items(), key=lambda kv: (kv[1].municipality, kv[1].date, kv[0]))),
        lebenslagen=dict(sorted(records.get("lebenslagen", {}).items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        leistungen=dict(sorted(records.get("leistungen", {}).items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        events={k: e for k, e in ordered("events").items() if e.network is None or e.network in records.get("networks", {}) and records["networks"][e.network].public},
    )
    atlas.stats = compute(atlas.indicators, atlas.values, atlas.municipalities, atlas.regions, district.id, config.profiles)
    return atlas
