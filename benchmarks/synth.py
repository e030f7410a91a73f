"""Synthetic atlas data of any size, for the benchmarks (issue 7). Run from the repository root:

    python benchmarks/synth.py --districts N --out DIR [--seed S] [--units-per-district U]

Writes a data folder that passes `atlas check`. The model knows one district per data folder
(one `district.yaml`), so N > 1 districts become a "Land" atlas: one `district.yaml` for the Land,
one planning region (`regions/`) per district, and every district's units (Städte, amtsfreie
Gemeinden, Ämter with members) under it. Shape per district (defaults follow Potsdam-Mittelmark and
Brandenburg: 14 districts ≈ 270 units, ≈ 410 municipalities): about 19 units, a third of them Ämter
with 2–6 member municipalities; 1–3 family centres per unit, 5–20 offers per centre, a
Sozialraumkonferenz per unit and a Netzwerk Frühe Hilfen per district, organisations and contacts for
all of them, one conference per fifth unit; the 27 indicator definitions of the example atlas (17 with
values, 10 computed) with values for 15 years (2009–2023) and forecasts (2030, 2035, 2040).

Names are generated German-sounding place names; every record is `example: true`. The same seed
gives the same bytes. atlas.yaml (legal texts), vocabularies and indicator definitions are taken
from the example atlas in data/ (they are not district-specific).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"

PREFIXES = ["", "", "", "", "Alt ", "Neu ", "Groß ", "Klein ", "Ober", "Nieder", "Hohen", "Bad "]
STEMS = [
    "Bran", "Wen", "Lieb", "Stein", "Wald", "Rosen", "Linden", "Birk", "Eich", "Kirch", "Mühl", "Bux",
    "Gör", "Treb", "Zie", "Wuster", "Pritz", "Lück", "Falken", "Hasel", "Buchen", "Erlen", "Wies", "Sonnen",
    "Kalt", "Roth", "Schön", "Weißen", "Mar", "Lan", "Fried", "Hein", "Ulm", "Bern", "Wolfs", "Fisch",
    "Hirsch", "Kron", "Len", "Dahl", "Wern", "Oster", "Wester", "Brand", "Tann", "Holz", "Bruch", "Sand",
]
SUFFIXES = [
    "dorf", "hausen", "feld", "berg", "au", "walde", "witz", "ow", "hagen", "heim", "stedt", "burg",
    "bach", "rode", "thal", "see", "brück", "ingen", "leben", "kirchen",
]
RIVERS = ["Havel", "Elster", "Oder", "Spree", "Saale", "Mulde", "Werra", "Lahn", "Ilm", "Aller", "Ems", "Nahe"]
OFFER_KINDS = [
    ("Krabbelgruppe", ["begegnung-freizeit", "fruehe-hilfen"], ["familien-kinder-unter-3", "eltern"], (0, 3)),
    ("Elterncafé", ["familienbildung", "begegnung-freizeit"], ["eltern"], None),
    ("Hausaufgabenhilfe", ["schule-lernen"], ["schulkinder"], (6, 14)),
    ("Erziehungsberatung", ["beratung"], ["eltern", "alleinerziehende"], None),
    ("Sprachcafé", ["sprache-integration"], ["zugewanderte"], None),
    ("Seniorentreff", ["pflege-alter", "begegnung-freizeit"], ["seniorinnen-senioren"], (65, 99)),
    ("Jugendtreff", ["jugendarbeit"], ["jugendliche"], (12, 21)),
    ("Beratung für pflegende Angehörige", ["pflege-alter", "beratung"], ["pflegende-angehoerige"], None),
    ("Familienfrühstück", ["begegnung-freizeit"], ["alle"], None),
    ("Bewerbungstraining", ["arbeit-beschaeftigung"], ["junge-erwachsene"], (16, 27)),
    ("Hebammensprechstunde", ["gesundheit", "fruehe-hilfen"], ["schwangere-werdende-eltern"], None),
    ("Inklusiver Sporttreff", ["eingliederungshilfe-teilhabe", "gesundheit"], ["menschen-mit-behinderung"], None),
]
WEEKDAYS = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags"]
YEARS = list(range(2009, 2024))
FORECASTS = [2030, 2035, 2040]


def slug(text: str) -> str:
    out = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e")):
        out = out.replace(a, b)
    return "-".join("".join(c if c.isalnum() else " " for c in out).split())


class Names:
    """Unique German-sounding place names (unique by id across the whole atlas)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def raw(self) -> str:
        r = self.rng
        prefix = r.choice(PREFIXES)
        stem = r.choice(STEMS)
        suffix = r.choice(SUFFIXES)
        name = prefix + (stem.lower() if prefix and not prefix.endswith(" ") else stem) + suffix
        return name

    def unique(self) -> str:
        for attempt in range(200):
            name = self.raw()
            if attempt > 20:
                name += f" an der {self.rng.choice(RIVERS)}"
            if attempt > 60:
                name += f" {self.rng.randint(2, 99)}"
            if slug(name) not in self.used:
                self.used.add(slug(name))
                return name
        raise RuntimeError("no unique name found")


def dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


def grid_centres(n: int, south: float, west: float, north: float, east: float) -> list[tuple[float, float]]:
    """District centres on a grid inside the box (row by row)."""
    cols = max(1, round((n * (east - west) / (north - south)) ** 0.5))
    rows = (n + cols - 1) // cols
    out = []
    for i in range(n):
        r, c = divmod(i, cols)
        out.append((south + (r + 0.5) * (north - south) / rows, west + (c + 0.5) * (east - west) / cols))
    return out


def _phone(rng: random.Random) -> str:
    return f"0{rng.randint(3000, 3999)} {rng.randint(100, 999)}-{rng.randint(10, 99)}"


def _hours(rng: random.Random) -> list[dict]:
    days = ["mo", "di", "mi", "do", "fr"]
    rng.shuffle(days)
    first = sorted(days[:3], key=["mo", "di", "mi", "do", "fr"].index)
    rest = sorted(days[3:], key=["mo", "di", "mi", "do", "fr"].index)
    return [
        {"days": first, "opens": "09:00", "closes": f"{rng.randint(13, 16)}:00"},
        {"days": rest, "opens": "13:00", "closes": "18:00"},
    ]


def generate(out: Path, districts: int, seed: int = 1, units_per_district: int = 19, offers_per_centre: tuple[int, int] = (5, 20),
             languages: list[str] | None = None) -> dict[str, int]:
    """Write the data folder `out` (replaced if it exists). Returns record counts. `languages`: the site's languages
    (atlas.yaml `languages`); None keeps the example atlas' list."""
    rng = random.Random(seed)
    names = Names(rng)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    counts = dict.fromkeys(["districts", "units", "municipalities", "family_centres", "offers", "networks", "contacts", "organisations", "values"], 0)
    counts["districts"] = districts
    box = (51.4, 11.3, 53.5, 14.7) if districts <= 20 else (47.4, 6.0, 54.9, 15.0)
    centres = grid_centres(districts, *box)
    spread_lat = (box[2] - box[0]) / (districts ** 0.5) / 2.2
    spread_lon = (box[3] - box[1]) / (districts ** 0.5) / 2.2
    land_name = "Landkreis Mustermark" if districts == 1 else f"Musterland ({districts} Kreise)"
    area_ids: list[str] = []
    values = io.StringIO()
    writer = csv.writer(values, lineterminator="\n")
    writer.writerow(["area", "indicator", "year", "value", "forecast", "example", "note"])
    lats: list[float] = []
    lons: list[float] = []
    total_population = 0

    for d in range(districts):
        kreis = names.unique()
        # every key lies inside the atlas' key (atlas check): districts of one invented Land 12, up to 999
        dkey = f"12{d + 1:03d}" if districts > 1 else "12099"
        region_id = f"region-{slug(kreis)}"
        dump(out / "regions" / f"{region_id}.yaml", {
            "id": region_id, "name": f"Landkreis {kreis}" if districts > 1 else f"Region {kreis}",
            "description": f"Erfundener Kreis {kreis} für Lasttests des Sozialraumatlas.", "example": True,
        })
        clat, clon = centres[d]
        org_jugendamt = f"jugendamt-{slug(kreis)}"
        org_jobcenter = f"jobcenter-{slug(kreis)}"
        org_traeger = [f"{t}-{slug(kreis)}" for t in ("familienwerk", "sozialwerk", "jugendhilfe")]
        for oid, name, typ in (
            (org_jugendamt, f"Jugendamt {kreis}", "kreisverwaltung"),
            (org_jobcenter, f"Jobcenter {kreis}", "jobcenter"),
            (org_traeger[0], f"Familienwerk {kreis} e. V.", "traeger"),
            (org_traeger[1], f"Sozialwerk {kreis} gGmbH", "traeger"),
            (org_traeger[2], f"Kinder- und Jugendhilfe {kreis} e. V.", "traeger"),
        ):
            dump(out / "organisations" / f"{oid}.yaml", {
                "id": oid, "name": name, "type": typ, "email": f"{oid}@example.org", "phone": _phone(rng), "example": True,
            })
            counts["organisations"] += 1
        coord = f"netzwerkkoordination-{slug(kreis)}"
        dump(out / "contacts" / f"{coord}.yaml", {
            "id": coord, "role": f"Netzwerkkoordination Frühe Hilfen {kreis}", "organisation": org_jugendamt,
            "email": f"{coord}@example.org", "topics": ["fruehe-hilfen", "kinderschutz"], "publish": True, "example": True,
        })
        counts["contacts"] += 1
        unit_ids: list[str] = []
        for u in range(max(1, round(units_per_district * rng.uniform(0.7, 1.3)))):
            seat = names.unique()
            kind = rng.choices(["stadt", "amtsfreie-gemeinde", "amt"], [3, 4, 3])[0]
            uid = slug(("Amt " if kind == "amt" else "") + seat)
            lat = round(clat + rng.uniform(-spread_lat, spread_lat), 4)
            lon = round(clon + rng.uniform(-spread_lon, spread_lon), 4)
            lats.append(lat)
            lons.append(lon)
            population = rng.randint(2500, 40000)
            total_population += population
            record: dict = {
                "id": uid, "name": ("Amt " if kind == "amt" else "") + seat, "type": kind,
                "key": f"{dkey}{u + 1:03d}" + ("0" if kind == "amt" else ""),
                "region": region_id, "seat": seat, "location": {"lat": lat, "lon": lon},
                "population": {"value": population, "date": "2022-05-15", "source": "Erfundener Wert"},
                "area_km2": round(rng.uniform(20, 400), 2),
            }
            if kind == "amt":
                members = []
                for m in range(rng.randint(2, 6)):
                    mname = seat if m == 0 else names.raw()
                    members.append({
                        "name": mname, "ags": f"{dkey}{500 + u * 8 + m:03d}", "type": "gemeinde",
                        "population": population // 4,
                        "location": {"lat": round(lat + rng.uniform(-0.05, 0.05), 4), "lon": round(lon + rng.uniform(-0.05, 0.05), 4)},
                    })
                record["members"] = members
                counts["municipalities"] += len(members)
            else:
                counts["municipalities"] += 1
                record["villages"] = sorted({names.raw() for _ in range(rng.randint(0, 6))})
            record["description"] = f"Erfundener Sozialraum im Landkreis {kreis}."
            record["example"] = True
            dump(out / "municipalities" / f"{uid}.yaml", record)
            counts["units"] += 1
            unit_ids.append(uid)
            admin = f"verwaltung-{uid}"
            dump(out / "organisations" / f"{admin}.yaml", {
                "id": admin, "name": f"Verwaltung {record['name']}", "type": "kommunalverwaltung",
                "email": f"{admin}@example.org", "municipalities": [uid], "example": True,
            })
            counts["organisations"] += 1
            centre_ids = []
            for c in range(rng.randint(1, 3)):
                cid = f"familienzentrum-{uid}" + (f"-{c + 1}" if c else "")
                contact = f"koordination-{cid}"
                dump(out / "contacts" / f"{contact}.yaml", {
                    "id": contact, "role": f"Koordination Familienzentrum {seat}" + (f" {c + 1}" if c else ""),
                    "organisation": org_traeger[c % 3], "email": f"{contact}@example.org", "phone": _phone(rng),
                    "topics": ["familienbildung"], "municipalities": [uid], "publish": True, "example": True,
                })
                counts["contacts"] += 1
                dump(out / "family_centres" / f"{cid}.yaml", {
                    "id": cid, "name": f"Familienzentrum {seat}" + (f" {['', 'Nord', 'Süd'][c]}" if c else ""),
                    "municipality": uid, "address": {"street": f"{rng.choice(['Markt', 'Schulstraße', 'Lindenweg', 'Dorfstraße'])} {rng.randint(1, 40)}", "postal_code": f"{rng.randint(10000, 99999)}", "city": seat},
                    "location": {"lat": round(lat + rng.uniform(-0.02, 0.02), 4), "lon": round(lon + rng.uniform(-0.02, 0.02), 4)},
                    "operator": org_traeger[c % 3], "contact": contact,
                    "description": f"Familienzentrum in {seat}: Treffpunkt, Beratung und Bildung für alle Generationen.",
                    "opening_hours": _hours(rng), "accessibility": ["stufenlos"], "languages": ["de"],
                    "ages": {"min": 0, "max": 99}, "email": f"{cid}@example.org", "phone": _phone(rng),
                    "example": True, "reviewed": "2026-06-01",
                })
                counts["family_centres"] += 1
                centre_ids.append(cid)
                for o in range(rng.randint(*offers_per_centre)):
                    title, topics, groups, ages = OFFER_KINDS[(o + c) % len(OFFER_KINDS)]
                    oid = f"{slug(title)}-{cid}" + (f"-{o}" if o >= len(OFFER_KINDS) else "")
                    offer: dict = {
                        "id": oid, "title": title + (f" {o // len(OFFER_KINDS) + 1}" if o >= len(OFFER_KINDS) else ""),
                        "description": f"{title} im Familienzentrum {seat}; offen für alle aus dem Sozialraum.",
                        "provider": org_traeger[c % 3], "municipality": uid, "family_centre": cid,
                        "topics": topics, "target_groups": groups,
                    }
                    if ages:
                        offer["ages"] = {"min": ages[0], "max": ages[1]}
                    offer.update({
                        "schedule": f"{rng.choice(WEEKDAYS)} {rng.randint(9, 17)}:00 Uhr", "cost": "kostenfrei",
                        "free_of_charge": True, "registration": "ohne Anmeldung", "contact": contact,
                        "example": True, "reviewed": "2026-05-01",
                    })
                    dump(out / "offers" / f"{oid}.yaml", offer)
                    counts["offers"] += 1
            net = f"sozialraumkonferenz-{uid}"
            dump(out / "networks" / f"{net}.yaml", {
                "id": net, "name": f"Sozialraumkonferenz {record['name']}", "type": "sozialraumkonferenz",
                "scope": "municipality", "municipalities": [uid],
                "description": f"Fachkräfte, Verwaltung und Zivilgesellschaft in {seat} planen gemeinsam.",
                "coordinator": f"koordination-{centre_ids[0]}", "coordinating_organisation": admin,
                "members": sorted({admin, org_jugendamt, org_traeger[0], org_jobcenter}),
                "meeting_rhythm": "zweimal im Jahr", "topics": ["begegnung-freizeit", "fruehe-hilfen"], "example": True,
            })
            counts["networks"] += 1
            if u % 5 == 0:
                dump(out / "conferences" / f"{uid}-2026-03.yaml", {
                    "id": f"{uid}-2026-03", "municipality": uid, "network": net, "date": "2026-03-10",
                    "title": f"Sozialraumkonferenz {seat}, Frühjahr 2026", "participants": "Rund 20 Teilnehmende",
                    "swot": {"strengths": ["Aktive Vereine"], "weaknesses": ["Weite Wege"], "opportunities": ["Zuzug von Familien"], "risks": ["Fachkräftemangel"]},
                    "needs": [{"id": "wege", "title": "Mobile Angebote für die Ortsteile", "topic": "mobilitaet"}],
                    "measures": [{"title": "Bürgerbus zum Familienzentrum erproben", "need": "wege", "responsible": f"Verwaltung {record['name']}", "status": "geplant", "due": "2026-12-31"}],
                    "example": True,
                })
            _unit_values(writer, rng, uid, population, record["area_km2"], counts)
        net = f"netzwerk-fruehe-hilfen-{slug(kreis)}"
        dump(out / "networks" / f"{net}.yaml", {
            "id": net, "name": f"Netzwerk Frühe Hilfen {kreis}", "type": "netzwerk-fruehe-hilfen-kinderschutz",
            "scope": "region", "regions": [region_id], "description": f"Netzwerk Frühe Hilfen und Kinderschutz im Landkreis {kreis}.",
            "coordinator": coord, "coordinating_organisation": org_jugendamt,
            "members": sorted({org_jugendamt, *org_traeger}), "meeting_rhythm": "viermal im Jahr",
            "topics": ["fruehe-hilfen", "kinderschutz"], "example": True,
        })
        counts["networks"] += 1
        area_ids.extend(unit_ids)

    district_id = slug(land_name)
    dump(out / "district.yaml", {
        "id": district_id, "name": land_name, "short_name": land_name.split(" (")[0], "key": "12" if districts > 1 else "12099",
        "seat": "Musterstadt", "area_km2": 1000.0 * districts,
        "population": {"value": total_population, "date": "2022-05-15", "source": "Summe der erfundenen Sozialräume"},
        "description": f"Erfundene Daten für Lasttests: {districts} Kreis(e), {counts['units']} Sozialräume.",
        "example": True,
    })
    for kind in ("vocabularies.yaml",):
        shutil.copy(EXAMPLE / kind, out / kind)
    config = yaml.safe_load((EXAMPLE / "atlas.yaml").read_text(encoding="utf-8"))
    config.update({
        "title": f"Sozialraumatlas {land_name} (Lasttest)", "publisher": f"{land_name} (erfundene Daten)",
        "description": f"Erfundene Daten für Lasttests: {counts['units']} Sozialräume.", "intro": "Erfundene Daten für Lasttests.",
        "map": {"bounds": {"south": round(min(lats) - 0.1, 2), "west": round(min(lons) - 0.1, 2), "north": round(max(lats) + 0.1, 2), "east": round(max(lons) + 0.1, 2)}},
    })
    config["data_date"] = str(config["data_date"])
    if languages is not None:
        config["languages"] = list(languages)
    config["legal"]["accessibility"]["date"] = str(config["legal"]["accessibility"]["date"])
    dump(out / "atlas.yaml", config)
    (out / "indicators").mkdir()
    for path in sorted((EXAMPLE / "indicators").glob("*.yaml")):
        shutil.copy(path, out / "indicators" / path.name)
    for unemployment_area in [district_id]:
        for year in YEARS:
            writer.writerow([unemployment_area, "arbeitslosenquote", year, round(rng.uniform(3, 9), 1), "", "true", ""])
    _write_values(out / "indicators", values.getvalue())
    for target in sorted((EXAMPLE / "targets").glob("*.yaml")):
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        if data.get("scope") in ("district", "all_municipalities"):
            dump(out / "targets" / target.name, {k: (str(v) if k in ("reviewed",) else v) for k, v in data.items()})
    return counts


VALUES_PER_FILE = 500_000  # data rows per CSV file: well under the loader's limit (ATLAS_MAX_CSV_ROWS, 1.000.000)


def _write_values(folder: Path, text: str) -> None:
    """The indicator values as `values.csv`, above VALUES_PER_FILE rows split into `values.csv`, `values-2.csv`, …
    (the loader reads every indicators/*.csv), as an office would split a Germany-size table."""
    header, *rows = text.splitlines(keepends=True)
    for number, start in enumerate(range(0, max(len(rows), 1), VALUES_PER_FILE), start=1):
        name = "values.csv" if number == 1 else f"values-{number}.csv"
        (folder / name).write_text(header + "".join(rows[start:start + VALUES_PER_FILE]), encoding="utf-8")


def _unit_values(writer, rng: random.Random, uid: str, population: int, area: float, counts: dict[str, int]) -> None:
    """17 given indicators × 15 years for one unit, population groups also as forecasts."""
    shares = {"einwohner-unter-6": 0.05, "einwohner-6-bis-17": 0.11, "einwohner-18-bis-19": 0.02,
              "einwohner-20-bis-64": 0.58, "einwohner-65-bis-79": 0.16, "einwohner-ab-80": 0.08}
    trend = rng.uniform(-0.012, 0.012)
    for year in YEARS + FORECASTS:
        forecast = year in FORECASTS
        pop = population * (1 + trend) ** (year - 2022)
        rows = {"einwohner": pop, **{k: pop * s * rng.uniform(0.9, 1.1) for k, s in shares.items()}}
        if not forecast:
            under18 = pop * 0.16
            rows.update({
                "flaeche": area, "arbeitslosenquote": rng.uniform(2.5, 11),
                "hilfen-zur-erziehung": under18 * rng.uniform(0.01, 0.04), "inobhutnahmen": under18 * rng.uniform(0.001, 0.004),
                "fz-teilnahmen": pop * rng.uniform(0.05, 0.3), "fachkraefteteam-sitzungen": rng.randint(2, 8),
                "pflegebeduerftige": pop * rng.uniform(0.04, 0.07), "pflegebeduerftige-zu-hause": pop * rng.uniform(0.03, 0.05),
                "egh-wohnen-ambulant": pop * rng.uniform(0.001, 0.003), "egh-wohnen-besondere-wohnform": pop * rng.uniform(0.001, 0.002),
            })
        for indicator, value in rows.items():
            shown = round(value, 2) if indicator == "flaeche" else round(value, 1) if indicator == "arbeitslosenquote" else round(value)
            writer.writerow([uid, indicator, year, shown, "true" if forecast else "", "true", "Prognose" if forecast else ""])
            counts["values"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units-per-district", type=int, default=19)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.districts, args.seed, args.units_per_district)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
