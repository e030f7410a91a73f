"""Issue 19, "Done when": three atlases built from an empty folder with `atlas init`.

1. Potsdam-Mittelmark from the official BKG VG5000 layers (`--boundaries`): the 19 units of the example atlas.
2. A Niedersachsen district (Landkreis Göttingen, 03159) with Samtgemeinden and Einheitsgemeinden; its units and
   records are invented and marked as example data (`example: true`), written with `atlas new` and filled in.
3. A kreisfreie Stadt (invented, example) whose Sozialräume group Stadtteile without AGS keys.

Each atlas is built once per test run (`shared_build`). Atlases 2 and 3 must show every page type and no word of
Brandenburg, Potsdam-Mittelmark or its Ämter anywhere in their HTML: their data says none of it.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, build_site, page, shared_build

from generator.cli import main

_CANDIDATES = [REPO.parent / "shared" / "reference" / "boundaries", Path("/work/shared/reference/boundaries")]
REFERENCE = next((p for p in _CANDIDATES if p.is_dir()), None)
needs_reference = pytest.mark.skipif(REFERENCE is None, reason="BKG-Referenzgrenzen (shared/reference/boundaries/) liegen nicht neben dem Repository")

# Words of another district that must not show in an atlas whose data does not say them. Word boundaries: „Amt“
# is no match inside „Amtlicher Gemeindeschlüssel“ or „Jugendamt“; the data below uses neither „Amt“ nor „Jugendamt“.
# Ids in lowercase (`amt` in a list of allowed values) are no German text; the Brandenburg terms for units of and
# beside an Amt („amtsfreie Gemeinde“, „amtsangehörige Gemeinden“, „Amtsverwaltung“) are.
FORBIDDEN = re.compile(r"Brandenburg|Potsdam|Mittelmark|\b(Amt|Amtes|Ämter|Ämtern)\b|\b[Aa]mtsfrei|\b[Aa]mtsangehörig|\bAmtsverwaltung|\bAmtsdirektor")


def run(*args: str) -> tuple[int, str]:
    """`atlas ARGS`, its exit code and what it printed (stdout and stderr)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


def new(data: Path, kind: str, name: str, record_id: str, **fields: Any) -> dict:
    """`atlas new KIND NAME --id ID`, then fill in the form as an editor would: the given fields replace the
    empty ones, fields left empty are dropped. Returns the record written."""
    code, out = run("new", kind, name, "--id", record_id, "--data", str(data))
    assert code == 0, out
    [path] = [p for p in data.glob(f"*/{record_id}.yaml")]
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(fields)
    record = {key: value for key, value in record.items() if value is not None}
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return record


def html_pages(site: Path) -> dict[str, str]:
    """Every built HTML page (the search index and exports are no page) by its path, e.g. `sozialraeume/x/index.html`."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def site_texts(site: Path) -> dict[str, str]:
    """Every page and every other text file the site serves: maps, charts, open data, vCards, scripts."""
    suffixes = {".html", ".svg", ".json", ".geojson", ".csv", ".js", ".vcf", ".xml"}
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if p.suffix in suffixes}


def forbidden_words(pages: dict[str, str]) -> dict[str, list[str]]:
    """Page → the forbidden words it contains, each with a little context (visible text and attributes alike)."""
    found: dict[str, list[str]] = {}
    for path, text in pages.items():
        hits = [text[max(m.start() - 40, 0):m.end() + 40].replace("\n", " ") for m in FORBIDDEN.finditer(text)]
        if hits:
            found[path] = hits[:3]
    return found


def page_types(units: list[str]) -> set[str]:
    """The pages every atlas with units, offers, a family centre, a network, a contact, an organisation, an
    indicator, a target, a region and a conference has: one of each page type (templates in generator/pages)."""
    pages = {
        "index.html", "landkreis/index.html", "ueber/index.html", "suche/index.html",
        "sozialraeume/index.html", "regionen/index.html", "regionen/region-nord/index.html",
        "familienzentren/index.html", "angebote/index.html", "angebote/finder/index.html", "angebote/naehe/index.html",
        "angebote/orte/index.html", "angebote/zielgruppen/index.html", "angebote/alter/index.html",
        "netzwerke/index.html", "organisationen/index.html", "organisationen/wer-mit-wem/index.html",
        "ansprechpersonen/index.html", "ansprechpersonen/orte/index.html", "ansprechpersonen/netzwerke/index.html",
        "kennzahlen/index.html", "ziele/index.html", "daten/index.html", "datenmodell/index.html",
        "leichte-sprache/index.html", "impressum/index.html", "datenschutz/index.html", "barrierefreiheit/index.html",
    }
    for unit in units:
        pages |= {f"sozialraeume/{unit}/index.html", f"leichte-sprache/{unit}/index.html", f"angebote/orte/{unit}/index.html",
                  f"ziele/sozialraeume/{unit}/index.html"}
    return pages


# ============================================================================ 1. Potsdam-Mittelmark from VG5000
PM = ["--district-key", "12069", "--district-name", "Landkreis Potsdam-Mittelmark", "--land", "Brandenburg"]


def unit_facts(folder: Path) -> dict[str, tuple]:
    """id → (name, type, key, members as (name, AGS, type)) of every unit file in `folder`."""
    facts = {}
    for path in sorted(folder.glob("*.yaml")):
        unit = yaml.safe_load(path.read_text(encoding="utf-8"))
        members = tuple((m["name"], m["ags"], m.get("type", "gemeinde")) for m in unit.get("members") or [])
        facts[path.stem] = (unit["name"], unit["type"], unit["key"], members)
    return facts


@pytest.fixture(scope="module")
def pm_atlas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PM atlas from `atlas init --boundaries` (Gemeinden and Verwaltungsgemeinschaften of VG5000), built."""
    assert REFERENCE is not None

    def make(folder: Path) -> Path:
        data = folder / "data"
        code, out = run("init", str(data), *PM, "--boundaries", str(REFERENCE / "pm_gemeinden_vg5000.geojson"),
                        "--boundaries", str(REFERENCE / "pm_verwaltungseinheiten_vg5000.geojson"))
        assert code == 0, out
        assert "19 Sozialräume aus pm_gemeinden_vg5000.geojson angelegt" in out
        code, out = run("check", "--data", str(data))
        assert code == 0 and "Keine Probleme gefunden." in out, out
        return build_site(data, folder)

    return shared_build(tmp_path_factory, "three-atlases-pm", make)


@needs_reference
def test_pm_from_boundaries_has_the_units_of_the_example(pm_atlas: Path) -> None:
    data = pm_atlas.parent / "data"
    made, example = unit_facts(data / "municipalities"), unit_facts(REPO / "data" / "municipalities")
    assert len(made) == 19
    assert made == example  # names, kinds (stadt, amtsfreie-gemeinde, amt), keys and members with AGS and kind
    assert sum(1 for name, kind, key, members in made.values() if kind == "amt" and len(key) == 9 and members) == 5


@needs_reference
def test_pm_from_boundaries_builds_every_unit_page(pm_atlas: Path) -> None:
    pages = html_pages(pm_atlas)
    for unit in unit_facts(REPO / "data" / "municipalities"):
        assert f"sozialraeume/{unit}/index.html" in pages and f"leichte-sprache/{unit}/index.html" in pages
    brueck = page(pm_atlas, "sozialraeume/amt-brueck/")
    assert "Amt Brück" in brueck and "Borkheide" in brueck and "Planebruch" in brueck
    assert "Landkreis Potsdam-Mittelmark" in page(pm_atlas, "landkreis/")
    # the words of the finder follow the kind of unit: here Ämter (atlas 2 says Samtgemeinde, atlas 3 Sozialraum)
    assert "Angebote des ganzen Amtes werden gezeigt" in page(pm_atlas, "angebote/finder/")
    assert "Borkheide (Amt Brück) – Entfernung ab Verwaltungssitz des Amtes" in page(pm_atlas, "angebote/naehe/")


# ============================================================================ 2. Niedersachsen: Samtgemeinden
GOETTINGEN = ["--district-key", "03159", "--district-name", "Landkreis Göttingen", "--land", "Niedersachsen",
              "--seat", "Göttingen", "--area", "1755.4"]
NI_UNITS = ["musterhausen", "neudorf", "samtgemeinde-heideland", "samtgemeinde-musterland"]
POPULATION = {"date": "2022-05-15", "source": "Beispielzahl (erfunden)"}


def member(name: str, ags: str, kind: str = "gemeinde", people: int | None = None) -> dict:
    return {"name": name, "ags": ags, "type": kind, **({"population": people} if people else {})}


def fill_records(data: Path, units: dict[str, str], district_id: str) -> None:
    """Everything but the units: region, organisations, contact, family centre, offers, network, indicators with a
    CSV, a target and a conference – all invented, marked as example. `units`: the two unit ids records refer to."""
    home, other = units["home"], units["other"]
    new(data, "organisation", "Familienverein Beispiel e. V.", "familienverein", type="traeger", example=True,
        email="info@familienverein.example.org", municipalities=[home, other])
    new(data, "organisation", "Kreisverwaltung, Fachdienst Familie", "fachdienst-familie", type="kreisverwaltung", example=True)
    new(data, "kontakt", "Koordination Frühe Hilfen", "koordination-fruehe-hilfen", organisation="fachdienst-familie",
        publish=True, email="fruehe-hilfen@example.org", phone="0551 000-11", topics=["fruehe-hilfen"],
        municipalities=[home], example=True)
    new(data, "familienzentrum", "Familienzentrum Beispiel", "familienzentrum-beispiel", municipality=home,
        address={"street": "Marktplatz 1", "postal_code": "37000", "city": "Beispielort"}, location=units["centre"],
        operator="familienverein", contact="koordination-fruehe-hilfen", languages=["de", "en"], ages={"min": 0},
        opening_hours=[{"days": ["mo", "di"], "opens": "09:00", "closes": "16:00"}], example=True)
    new(data, "angebot", "Krabbelgruppe", "krabbelgruppe", description="Treffen für Eltern mit Kindern bis drei Jahre.",
        provider="familienverein", municipality=home, family_centre="familienzentrum-beispiel", topics=["fruehe-hilfen"],
        target_groups=["familien-kinder-unter-3"], ages={"min": 0, "max": 3}, schedule="dienstags 9:30 bis 11:00 Uhr",
        cost="kostenfrei", free_of_charge=True, contact="koordination-fruehe-hilfen", example=True)
    new(data, "angebot", "Seniorentreff", "seniorentreff", description="Kaffee, Gespräche und Ausflüge für Ältere.",
        provider="familienverein", municipality=other, place="Gemeindehaus", location=units["offer"],
        topics=["begegnung-freizeit"], target_groups=["seniorinnen-senioren"], example=True)
    new(data, "netzwerk", "Netzwerk Frühe Hilfen Beispiel", "netzwerk-fruehe-hilfen", type="netzwerk-fruehe-hilfen-kinderschutz",
        scope="municipality", municipalities=[home, other], coordinator="koordination-fruehe-hilfen",
        members=["familienverein", "fachdienst-familie"], meeting_rhythm="viermal im Jahr", topics=["fruehe-hilfen"], example=True)
    new(data, "kennzahl", "Einwohner", "einwohner", unit="Personen", description="Zahl der Einwohnerinnen und Einwohner.",
        source="Beispielzahlen (erfunden)", licence="dl-de/by-2-0", decimals=0, aggregation="sum", example=True)
    new(data, "kennzahl", "Altenquotient", "altenquotient", unit="%", description="Personen ab 65 je 100 Personen von 20 bis unter 65.",
        source="Beispielzahlen (erfunden)", licence="dl-de/by-2-0", higher_is_better=None, topic="pflege-alter", example=True)
    rows = ["area,indicator,year,value,forecast,example,note"]
    for year, factor in ((2020, 1.0), (2022, 1.02)):
        for n, unit in enumerate(units["all"]):
            rows.append(f"{unit},einwohner,{year},{round((5000 + 1500 * n) * factor)},,true,")
            rows.append(f"{unit},altenquotient,{year},{30 + 2.5 * n + (year - 2020):.1f},,true,")
        rows.append(f"{district_id},altenquotient,{year},{33.5 + (year - 2020):.1f},,true,")
    (data / "indicators" / "werte.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    new(data, "ziel", "Der Altenquotient steigt nicht über 40", "altenquotient-hoechstens-40", field="hilfe-zur-pflege",
        perspective="gemeinwesen", indicator="altenquotient", direction="at_most", target_value=40, target_year=2030,
        scope="all_municipalities", responsible="Fachdienst Familie", example=True)
    new(data, "konferenz", "Sozialraumkonferenz Frühjahr 2026", "konferenz-2026", municipality=home, date="2026-03-18",
        participants="Kitas, Schule, Vereine und Kreisverwaltung", example=True,
        swot={"strengths": ["Engagierte Vereine"], "weaknesses": ["Wenige Busverbindungen"], "opportunities": ["Zuzug junger Familien"],
              "risks": ["Befristete Finanzierung"]},
        needs=[{"id": "treffpunkte", "title": "Treffpunkte für Familien", "topic": "begegnung-freizeit"}],
        measures=[{"title": "Elterncafé im Familienzentrum", "need": "treffpunkte", "responsible": "Familienverein", "status": "geplant"}])


def init_fill_build(folder: Path, options: list[str], add_units: Any, places: dict, district_id: str) -> Path:
    """`atlas init` with `options`, the units and one record of every kind, `atlas check` clean, then the build."""
    data = folder / "data"
    code, out = run("init", str(data), *options)
    assert code == 0, out
    add_units(data)
    fill_records(data, places, district_id)
    code, out = run("check", "--data", str(data))
    assert code == 0 and "Keine Probleme gefunden." in out, out
    return build_site(data, folder)


def ni_units(data: Path) -> None:
    """Two Samtgemeinden with member Gemeinden, a Stadt and an Einheitsgemeinde (invented names and keys)."""
    common = {"region": "region-nord", "example": True}
    new(data, "region", "Region Nord", "region-nord", example=True)
    new(data, "samtgemeinde", "Samtgemeinde Musterland", "samtgemeinde-musterland", **common, type="samtgemeinde", key="031595901",
        seat="Adorf", location={"lat": 51.62, "lon": 10.05}, population={"value": 9000, **POPULATION}, area_km2=140.2,
        members=[member("Adorf", "03159901", people=4000), member("Bestadt", "03159902", "stadt", 3000),
                 member("Cedorf", "03159903", people=2000)])
    new(data, "samtgemeinde", "Samtgemeinde Heideland", "samtgemeinde-heideland", **{**common, "region": None}, type="samtgemeinde",
        key="031595902", seat="Dorfheim", location={"lat": 51.42, "lon": 9.85}, population={"value": 7000, **POPULATION},
        area_km2=98.7, members=[member("Dorfheim", "03159904"), member("Feldhausen", "03159905")])
    new(data, "sozialraum", "Musterhausen", "musterhausen", **common, type="stadt", key="03159906", seat="Musterhausen",
        location={"lat": 51.53, "lon": 9.93}, population={"value": 25000, **POPULATION}, area_km2=75.3)
    new(data, "sozialraum", "Neudorf", "neudorf", **{**common, "region": None}, type="einheitsgemeinde", key="03159907",
        seat="Neudorf", location={"lat": 51.48, "lon": 10.15}, population={"value": 6000, **POPULATION}, area_km2=88.0,
        villages=["Oberneudorf", "Unterneudorf"])


@pytest.fixture(scope="module")
def ni_atlas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    places = {"home": "samtgemeinde-musterland", "other": "neudorf", "all": NI_UNITS,
              "centre": {"lat": 51.621, "lon": 10.051}, "offer": {"lat": 51.481, "lon": 10.151}}
    return shared_build(tmp_path_factory, "three-atlases-ni",
                        lambda folder: init_fill_build(folder, GOETTINGEN, ni_units, places, "landkreis-goettingen"))


def test_niedersachsen_district_has_every_page_type(ni_atlas: Path) -> None:
    missing = sorted(page_types(NI_UNITS) - set(html_pages(ni_atlas)))
    assert not missing, f"Seitentypen fehlen: {missing}"
    assert "Sozialraumkonferenz Frühjahr 2026" in page(ni_atlas, "sozialraeume/samtgemeinde-musterland/")  # conference
    assert "Der Altenquotient steigt nicht über 40" in page(ni_atlas, "ziele/felder/hilfe-zur-pflege/")
    for record in ("familienzentren/familienzentrum-beispiel", "angebote/krabbelgruppe", "angebote/seniorentreff",
                   "netzwerke/netzwerk-fruehe-hilfen", "ansprechpersonen/koordination-fruehe-hilfen",
                   "organisationen/familienverein", "kennzahlen/altenquotient", "kennzahlen/einwohner"):
        assert (ni_atlas / record / "index.html").is_file(), record


def test_niedersachsen_district_speaks_of_samtgemeinden(ni_atlas: Path) -> None:
    profile = page(ni_atlas, "sozialraeume/samtgemeinde-musterland/")
    assert "Samtgemeinde Musterland" in profile and "Bestadt" in profile and "031595901" in profile
    assert "Samtgemeinde" in page(ni_atlas, "sozialraeume/") and "Einheitsgemeinde" in page(ni_atlas, "sozialraeume/")
    assert "Samtgemeinde" in page(ni_atlas, "leichte-sprache/samtgemeinde-musterland/")
    assert "Landkreis Göttingen" in page(ni_atlas, "landkreis/")
    assert "Angebote der ganzen Samtgemeinde werden gezeigt" in page(ni_atlas, "angebote/finder/")
    assert "Bestadt (Samtgemeinde Musterland) – Entfernung ab Verwaltungssitz der Samtgemeinde" in page(ni_atlas, "angebote/naehe/")
    model = page(ni_atlas, "datenmodell/")  # the kinds of this atlas; the others are named by `atlas check`
    assert "samtgemeinde (Samtgemeinde)" in model and "einheitsgemeinde (Einheitsgemeinde)" in model
    assert "verbandsgemeinde (Verbandsgemeinde)" not in model


def test_niedersachsen_district_shows_nothing_of_brandenburg(ni_atlas: Path) -> None:
    found = forbidden_words(site_texts(ni_atlas))
    assert not found, "\n".join(f"{path}: {hits}" for path, hits in found.items())


# ============================================================================ 3. kreisfreie Stadt with Stadtteile
STADT = ["--district-key", "05199", "--district-name", "Stadt Musterstadt", "--land", "Nordrhein-Westfalen",
         "--seat", "Musterstadt", "--area", "88.4"]
CITY_UNITS = ["innenstadt", "nordstadt", "suedstadt"]


def quarter(name: str, people: int, key: str | None = None) -> dict:
    """A member without AGS: a Stadtteil is no municipality (its own key is optional)."""
    return {"name": name, "type": "stadtteil", "population": people, **({"key": key} if key else {})}


def city_units(data: Path) -> None:
    common = {"example": True}
    new(data, "region", "Region Nord", "region-nord", example=True)
    for n, (unit_id, name, quarters, lat) in enumerate((
            ("innenstadt", "Innenstadt", [("Altstadt", 6000, "011"), ("Bahnhofsviertel", 4000, "012")], 51.50),
            ("nordstadt", "Nordstadt", [("Nordfeld", 8000, None), ("Am Hang", 3000, None), ("Kolonie", 2500, None)], 51.53),
            ("suedstadt", "Südstadt", [("Südpark", 7000, None), ("Gartenstadt", 5500, None)], 51.47)), 1):
        new(data, "sozialraum", name, unit_id, **common, type="sozialraum", key=f"0519900{n}", seat="Rathaus Musterstadt",
            region="region-nord" if n < 3 else None, location={"lat": lat, "lon": 7.45 + n / 100},
            population={"value": sum(p for _, p, _ in quarters), **POPULATION}, area_km2=20.0 + n,
            members=[quarter(*q) for q in quarters])


@pytest.fixture(scope="module")
def city_atlas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    places = {"home": "innenstadt", "other": "suedstadt", "all": CITY_UNITS,
              "centre": {"lat": 51.501, "lon": 7.461}, "offer": {"lat": 51.471, "lon": 7.481}}
    return shared_build(tmp_path_factory, "three-atlases-city",
                        lambda folder: init_fill_build(folder, STADT, city_units, places, "stadt-musterstadt"))


def test_city_has_every_page_type(city_atlas: Path) -> None:
    missing = sorted(page_types(CITY_UNITS) - set(html_pages(city_atlas)))
    assert not missing, f"Seitentypen fehlen: {missing}"


def test_city_speaks_of_sozialraeume_and_stadtteile(city_atlas: Path) -> None:
    profile = page(city_atlas, "sozialraeume/nordstadt/")
    assert "Nordfeld" in profile and "Kolonie" in profile and "Stadtteil" in profile
    units = yaml.safe_load((city_atlas.parent / "data" / "municipalities" / "innenstadt.yaml").read_text(encoding="utf-8"))
    assert [("ags" in m, m.get("key")) for m in units["members"]] == [(False, "011"), (False, "012")]
    assert "Zum Sozialraum gehören diese 3 Stadtteile" in page(city_atlas, "leichte-sprache/nordstadt/")
    assert "Angebote des ganzen Sozialraums werden gezeigt" in page(city_atlas, "angebote/finder/")
    assert "Stadt Musterstadt" in page(city_atlas, "landkreis/")
    overview = page(city_atlas, "sozialraeume/")
    assert "Jeder Sozialraum in der Stadt Musterstadt hat ein eigenes Sozialraumprofil" in overview
    assert "ist ein Sozialraum mit" not in overview  # not „Jeder Sozialraum … ist ein Sozialraum“


def test_city_shows_nothing_of_brandenburg(city_atlas: Path) -> None:
    found = forbidden_words(site_texts(city_atlas))
    assert not found, "\n".join(f"{path}: {hits}" for path, hits in found.items())
