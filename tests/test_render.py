"""Render stage: a small Atlas built in Python → Markdown pages and map documents.

The Markdown is rendered with Python-Markdown and the extensions the site uses, so escaping is
checked on the HTML a reader's browser would get.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.core.markup import md_line, root_prefix, served_dir
from generator.model.atlas import Atlas, IndicatorValue, build_atlas
from generator.core.paths import BuildError
from generator.pages.render import render_site
from generator.model.schema import (
    Address,
    AgeRange,
    AtlasConfig,
    Bounds,
    Contact,
    District,
    FamilyCentre,
    Indicator,
    KeyFigure,
    Licence,
    Location,
    MapSettings,
    MemberMunicipality,
    Municipality,
    Network,
    Offer,
    OpeningHours,
    Organisation,
    OrganisationType,
    Population,
    Region,
    Term,
    Tiles,
    Vocabularies,
)

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "toc", "pymdownx.details", "pymdownx.tabbed"]
EVIL_NAME = "<script>alert(1)</script>"
EVIL_LINK = "[x](javascript:alert(1))"
DATE = dt.date(2022, 5, 15)


def terms(*pairs: tuple[str, str]) -> list[Term]:
    return [Term(id=i, label=label) for i, label in pairs]


def make_atlas(*, regions: bool = False, tiles: bool = False, extra_offers: list[Offer] | None = None) -> Atlas:
    config = AtlasConfig(
        title="Sozialraumatlas Musterkreis",
        description="Ein Atlas für Tests.",
        intro="Erster Absatz.\n\nZweiter Absatz mit *Sternchen*.",
        publisher="Musterkreis",
        data_date=dt.date(2026, 1, 15),
        licence=Licence(id="dl-de/by-2-0", name="Datenlizenz Deutschland – Namensnennung – Version 2.0", url="https://www.govdata.de/dl-de/by-2-0"),
        map=MapSettings(
            bounds=Bounds(south=50.0, west=10.0, north=51.0, east=11.0),
            tiles=Tiles(url="https://tiles.example.org/{z}/{x}/{y}.png", attribution="© Beispiel", provider="Kachel-Anbieter") if tiles else None,
        ),
    )
    vocab = Vocabularies(
        topics=terms(("beratung", "Beratung"), ("pflege-alter", "Pflege und Alter")),
        target_groups=terms(("eltern", "Eltern"), ("senioren", "Seniorinnen und Senioren")),
        network_types=terms(("sozialraumkonferenz", "Sozialraumkonferenz"), ("fallkonferenz", "Fallkonferenz")),
        organisation_types=[OrganisationType(id="traeger", label="Freier Träger"), OrganisationType(id="verwaltung", label="Verwaltung", government=True)],
        accessibility=terms(("stufenlos", "Stufenloser Zugang")),
        languages=terms(("de", "Deutsch"), ("uk", "Ukrainisch")),
    )
    district = District(
        id="musterkreis", name="Landkreis Musterkreis", short_name="Musterkreis", key="99001", seat="Musterstadt",
        area_km2=2592.04, population=Population(value=218536, date=DATE, source="Zensus 2022"),
        key_figures=[KeyFigure(label="Jugendquotient", value=29.1, unit="%", reference="2013", decimals=1)],
        key_figures_source="Präsentation des Kreises",
    )
    municipalities = {
        "musterstadt": Municipality(
            id="musterstadt", name="Musterstadt", type="stadt", key="99001001", region="nord" if regions else None, seat="Musterstadt",
            location=Location(lat=50.5, lon=10.5), population=Population(value=12345, date=DATE), area_km2=100.5,
        ),
        "amt-heide": Municipality(
            id="amt-heide", name="Amt Heide", type="amt", key="990015901", region="nord" if regions else None, seat="Heidedorf",
            location=Location(lat=50.3, lon=10.2), population=Population(value=5000, date=DATE), area_km2=200,
            members=[
                MemberMunicipality(name="Heidedorf", ags="99001002", population=3000, villages=["Unterheide"]),
                MemberMunicipality(name="Borkdorf", ags="99001003", population=2000),
            ],
        ),
    }
    organisations = {
        "traeger": Organisation(id="traeger", name="Familienverein e.V.", type="traeger", email="info@example.org"),
        "kreis": Organisation(id="kreis", name="Kreisverwaltung", type="verwaltung"),
    }
    contacts = {
        "offen": Contact(id="offen", role="Netzwerkkoordination", organisation="kreis", email="netz@example.org", phone="03000 000-11",
                         topics=["beratung"], municipalities=["musterstadt"], publish=True),
        "geheim": Contact(id="geheim", role="Geheimrolle", name="Erika Geheim", organisation="kreis", email="geheim@example.org", publish=False),
    }
    centres = {
        "fz-evil": FamilyCentre(
            id="fz-evil", name=EVIL_NAME, municipality="musterstadt", address=Address(street="Marktplatz 1", postal_code="99999", city="Musterstadt"),
            location=Location(lat=50.51, lon=10.51), operator="traeger", contact="geheim",
            description=f"Erste Zeile {EVIL_LINK}\nim selben Absatz.\n\n# Keine Überschrift\n\n<img src=x onerror=alert(3)>",
            opening_hours=[OpeningHours(days=["mo", "di", "mi"], opens="09:00", closes="16:00")],
            languages=["de", "uk"], ages=AgeRange(min=0), mobile=True, villages_served=["Unterheide"], example=True,
        ),
    }
    offers = {
        "krabbelgruppe": Offer(
            id="krabbelgruppe", title="Krabbelgruppe", description="Treffen für Eltern.", provider="traeger", municipality="musterstadt",
            family_centre="fz-evil", topics=["beratung"], target_groups=["eltern"], ages=AgeRange(min=0, max=3), contact="geheim",
        ),
        "seniorentreff": Offer(
            id="seniorentreff", title="Seniorentreff", description="Kaffee.", provider="traeger", municipality="amt-heide",
            place="Dorfhaus Unterheide", location=Location(lat=50.31, lon=10.21), topics=["pflege-alter"], target_groups=["senioren"],
            ages=AgeRange(min=60), contact="offen", website="https://example.org/treff?a=1&b=|2",
        ),
    }
    for offer in extra_offers or []:
        offers[offer.id] = offer
    networks = {
        "konferenz": Network(id="konferenz", name="Sozialraumkonferenz Musterstadt", type="sozialraumkonferenz", scope="municipality",
                             municipalities=["musterstadt"], coordinator="geheim", coordinating_organisation="kreis",
                             members=["traeger", "kreis"], meeting_rhythm="viermal im Jahr", next_meeting=dt.date(2027, 1, 20), example=True),
        "intern": Network(id="intern", name="Interne Fallkonferenz", type="fallkonferenz", scope="district", public=False),
    }
    indicators = {
        "altenquotient": Indicator(id="altenquotient", label="Altenquotient", unit="%", description="Ab 65 je 100 von 20 bis 64.",
                                   source="Statistik", licence="dl-de/by-2-0", decimals=1),
    }
    values = [
        IndicatorValue("musterkreis", "altenquotient", 2013, 33.7),
        IndicatorValue("musterkreis", "altenquotient", 2040, 79.2, forecast=True),
        IndicatorValue("musterstadt", "altenquotient", 2013, 30.2, example=True),
        IndicatorValue("amt-heide", "altenquotient", 2013, 41.25, example=True),
        IndicatorValue("amt-heide", "altenquotient", 2040, 83.0, forecast=True, example=True),
    ]
    records = {
        "regions": {"nord": Region(id="nord", name="Region Nord", example=True)} if regions else {},
        "municipalities": municipalities, "organisations": organisations, "contacts": contacts, "family_centres": centres,
        "offers": offers, "networks": networks, "indicators": indicators,
    }
    return build_atlas(config, vocab, district, records, values)


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return render_site(make_atlas())


def html_of(page: str) -> str:
    return markdown.markdown(page.split("---\n", 2)[-1], extensions=EXTENSIONS)


def text_of(page: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", BeautifulSoup(html_of(page), "html.parser").get_text(" ")).strip()  # keeps U+00A0


# --------------------------------------------------------------------------------------------- pages


def test_every_page_kind_is_rendered(site: dict[str, str]) -> None:
    for path in [
        "index.md", "landkreis/index.md", "sozialraeume/index.md", "sozialraeume/musterstadt.md", "sozialraeume/amt-heide.md",
        "familienzentren/index.md", "familienzentren/fz-evil.md", "angebote/index.md", "angebote/zielgruppen.md",
        "angebote/orte.md", "angebote/krabbelgruppe.md", "netzwerke/index.md", "netzwerke/konferenz.md",
        "ansprechpersonen/index.md", "organisationen/index.md", "organisationen/traeger.md", "kennzahlen/index.md",
        "kennzahlen/altenquotient.md", "karten/landkreis.html", "karten/sozialraum-musterstadt.html",
        "karten/familienzentrum-fz-evil.html", "karten/kennzahl-altenquotient.html",
    ]:
        assert path in site, path
    assert not any(p.startswith("regionen/") for p in site), "no region pages without regions"


def test_region_pages_only_with_regions() -> None:
    pages = render_site(make_atlas(regions=True))
    assert "regionen/index.md" in pages and "regionen/nord.md" in pages
    text = text_of(pages["regionen/nord.md"])
    assert "17.345" in text  # summed population
    assert "Musterstadt" in text and "Amt Heide" in text


def test_every_page_has_one_h1_and_a_title(site: dict[str, str]) -> None:
    for path, content in site.items():
        if path.endswith(".md"):
            assert content.startswith('---\ntitle: "'), path
            soup = BeautifulSoup(html_of(content), "html.parser")
            assert len(soup.find_all("h1")) == 1, path
            levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
            assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{path}: heading levels {levels}"
            for table in soup.find_all("table"):
                assert table.find("thead") and table.find("th"), path


def test_german_numbers_and_district_comparison(site: dict[str, str]) -> None:
    text = text_of(site["sozialraeume/amt-heide.md"])
    assert "5.000" in text and "218.536" in text  # unit beside district
    assert "2.592,04\u00a0km²" in text
    assert "41,3\u00a0%" in text and "33,7\u00a0%" in text  # 41.25 rounded half up; same-year district value
    assert "83,0\u00a0%" in text and "79,2\u00a0%" in text and "Prognose 2040" in text
    assert "Beispielwert" in text
    assert "Borkdorf" in text and "99001003" in text and "Unterheide" in text
    assert "15.05.2022" in text
    landkreis = text_of(site["landkreis/index.md"])
    assert "218.536" in landkreis and "29,1\u00a0%" in landkreis and "Prognose" in landkreis
    assert "17.345" in landkreis  # sum of the units


def test_family_centre_page(site: dict[str, str]) -> None:
    text = text_of(site["familienzentren/fz-evil.md"])
    assert "Mittwoch 09:00–16:00 Uhr Donnerstag geschlossen" in text  # weekly table Montag … Sonntag
    assert "alle Altersgruppen (von 0 bis 100+)" in text
    assert "Deutsch, Ukrainisch" in text
    assert "Krabbelgruppe" in text and "0 bis 3 Jahre" in text
    assert "Familienverein e.V." in text
    assert "Unterheide" in text


def test_network_page_without_published_coordinator_names_the_organisation(site: dict[str, str]) -> None:
    text = text_of(site["netzwerke/konferenz.md"])
    assert "Koordinierende Organisation: Kreisverwaltung" in text
    assert "viermal im Jahr" in text and "20.01.2027" in text
    assert "Familienverein e.V." in text


def test_contact_links(site: dict[str, str]) -> None:
    soup = BeautifulSoup(html_of(site["ansprechpersonen/index.md"]), "html.parser")
    assert soup.select_one('a[href="mailto:netz@example.org"]') is not None
    assert soup.select_one('a[href="tel:0300000011"]') is not None
    offer = BeautifulSoup(html_of(site["angebote/seniorentreff.md"]), "html.parser")
    link = offer.find("a", string=re.compile("Webseite"))
    assert link["href"] == "https://example.org/treff?a=1&b=%7C2"


# --------------------------------------------------------------------------------------------- safety


def test_data_text_is_escaped_everywhere(site: dict[str, str]) -> None:
    shown = 0
    for path, content in site.items():
        if path.endswith(".svg"):  # static maps: data only as escaped text
            assert "<script" not in content and EVIL_NAME not in content, path
            continue
        if not path.endswith(".md"):
            continue
        html = html_of(content)
        soup = BeautifulSoup(html, "html.parser")
        # the only scripts: schema.org data (generator/exports/jsonld.py), where no data can close the element
        assert all(s.get("type") == "application/ld+json" and "<" not in s.string for s in soup.find_all("script")), path
        for img in soup.find_all("img"):  # only the generator's own charts and static maps, never an image from data
            assert re.fullmatch(r"(\.\./)*(diagramme|karten)/[a-z0-9-]+\.svg", img["src"]), (path, img["src"])
        assert 'href="javascript' not in html, path
        assert not soup.select("[onerror]"), path
        if EVIL_NAME in soup.get_text():
            shown += 1
    assert shown >= 4  # the name is shown as text on the centre, unit, offer and overview pages


def test_description_keeps_paragraphs_and_shows_markdown_literally(site: dict[str, str]) -> None:
    soup = BeautifulSoup(html_of(site["familienzentren/fz-evil.md"]), "html.parser")
    paragraphs = [p.get_text() for p in soup.find_all("p")]
    assert f"Erste Zeile {EVIL_LINK} im selben Absatz." in paragraphs
    assert "# Keine Überschrift" in paragraphs
    assert "<img src=x onerror=alert(3)>" in paragraphs
    assert not soup.find("h2", string="Keine Überschrift")


def test_page_title_in_front_matter_is_harmless(site: dict[str, str]) -> None:
    title_line = site["familienzentren/fz-evil.md"].splitlines()[1]
    assert "<" not in title_line and ">" not in title_line
    assert "script" in title_line


@pytest.mark.parametrize("text", [EVIL_NAME, EVIL_LINK, "**fett** _kursiv_ `code`", "1. keine Liste", "- kein Punkt",
                                  "| a | b |", "{: .klasse }", "!!! note", "=== \"Tab\"", "&amp; &lt;", "\\*", ": Definition"])
def test_escaped_text_renders_as_itself(text: str) -> None:
    for wrap in ("{}", "- {}", "# {}", "| Kopf |\n| --- |\n| {} |"):
        html = markdown.markdown(wrap.format(md_line(text)), extensions=EXTENSIONS)
        soup = BeautifulSoup(html, "html.parser")
        assert soup.get_text().strip().endswith(text) or text in soup.get_text(), (wrap, html)
        assert soup.find(["script", "img", "em", "strong", "code", "ol", "a", "dl", "blockquote"]) is None, (wrap, html)


def test_a_text_escaped_again_comes_from_the_cache_and_is_the_same() -> None:
    from markupsafe import Markup

    from generator.core import markup

    text = f"{EVIL_NAME} – nur für diesen Test"
    first = md_line(text)
    before = markup.escaped_line.cache_info()
    assert md_line(text) == first and md_line(Markup(text)) == first and md_line(12.5) == "12\\.5"
    after = markup.escaped_line.cache_info()
    assert after.hits >= before.hits + 2  # the same text, as str or Markup: no second escaping
    assert "&lt;" in first and "<" not in first
    assert md_line(None) == "" and md_line("  ") == ""


def test_unpublished_contacts_and_internal_networks_appear_nowhere(site: dict[str, str]) -> None:
    for path, content in site.items():
        for secret in ("Geheimrolle", "geheim@example.org", "Erika Geheim", "Interne Fallkonferenz"):
            assert secret not in content, f"{secret} in {path}"


def test_links_between_pages_resolve(site: dict[str, str]) -> None:
    for path, content in site.items():
        if not path.endswith(".md"):
            continue
        for target in re.findall(r"\]\(([^)\s]+\.md)\)", content):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in site, f"{path}: {target}"
        assert "<iframe" not in content, path  # maps open on request (assets/atlas-maps.js), see below
        for src in re.findall(r'data-atlas-map="([^"]+)"', content):
            resolved = posixpath.normpath(posixpath.join(served_dir(path), src))
            assert resolved in site and resolved.endswith(".html"), f"{path}: {src}"
            assert re.search(rf'<div class="atlas-map" data-atlas-map="{re.escape(src)}" data-atlas-map-title="Karte: [^"]+">', content)
            assert f'<a class="atlas-map__open" href="{src}" data-pagefind-ignore>Interaktive Karte öffnen</a>' in content
            static = posixpath.normpath(posixpath.join(served_dir(path), src[: -len(".html")] + ".svg"))
            assert static in site, f"{path}: {static}"


def test_relative_paths() -> None:
    assert root_prefix("index.md") == ""
    assert root_prefix("sozialraeume/index.md") == "../"
    assert root_prefix("sozialraeume/teltow.md") == "../../"
    assert root_prefix("karten/x.html") == "../"


def test_reserved_ids_are_refused() -> None:
    clash = Offer(id="orte", title="Orte", description="x", provider="traeger", municipality="musterstadt", topics=["beratung"], target_groups=["eltern"])
    with pytest.raises(BuildError, match="angebote/orte.md"):
        render_site(make_atlas(extra_offers=[clash]))


# --------------------------------------------------------------------------------------------- example data


def test_example_data_is_marked(site: dict[str, str]) -> None:
    for path in ("familienzentren/fz-evil.md", "netzwerke/konferenz.md", "kennzahlen/altenquotient.md", "familienzentren/index.md"):
        page = site[path]
        assert '<span class="atlas-example">' in page, path
        # one notice per page (issue 17): the theme's banner, never a second one in the page itself
        assert "Beispieldaten" not in page and "atlas-notice" not in page, path
    assert "Beispieldaten" not in site["organisationen/index.md"]
    assert "atlas-example" not in site["organisationen/index.md"]


# --------------------------------------------------------------------------------------------- maps


def test_maps_load_nothing_from_other_hosts(site: dict[str, str]) -> None:
    maps = {p: c for p, c in site.items() if p.startswith("karten/") and p.endswith(".html")}
    assert maps
    for path, svg in site.items():
        if path.startswith("karten/") and path.endswith(".svg"):  # static versions: self-contained
            assert "href" not in svg and "<script" not in svg and "<image" not in svg, path
    for path, html in maps.items():
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.find_all(["script", "link", "img", "iframe"]):
            target = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"^(https?:)?//", target), f"{path}: {target}"
        assert [s["src"] for s in soup.find_all("script", src=True)] == ["../assets/leaflet/leaflet.js"]
        assert soup.find("link", rel="stylesheet")["href"] == "../assets/leaflet/leaflet.css"
        for word in ("jquery", "bootstrap", "fontawesome", "cdn.", "bindpopup", "tilelayer"):
            assert word not in html.lower(), f"{path}: {word}"
        assert soup.html["lang"] == "de"
        assert soup.title.get_text().startswith("Karte: ")
        viewport = soup.find("meta", attrs={"name": "viewport"})["content"]
        assert "user-scalable" not in viewport and "maximum-scale" not in viewport
        assert soup.select_one("#atlas-tiles") is None and "atlas-map.js" not in html  # no tiles: no consent button


def test_map_html_escapes_names_in_tooltips(site: dict[str, str]) -> None:
    html = site["karten/familienzentrum-fz-evil.html"]
    assert EVIL_NAME not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Quadrat: Familienzentrum" in html  # legend in words


def test_tiles_only_after_consent() -> None:
    pages = render_site(make_atlas(tiles=True))
    html = pages["karten/landkreis.html"]
    soup = BeautifulSoup(html, "html.parser")
    button = soup.select_one("#atlas-tiles button")
    assert button is not None
    assert button.get_text() == "Karte laden"
    note = soup.select_one("#" + button["aria-describedby"]).get_text()
    assert "Hintergrundkarte von Kachel-Anbieter" in note and "IP-Adresse" in note  # the provider is named before the click
    assert soup.select_one("#atlas-tiles label").get_text(strip=True) == "Für diesen Besuch merken"
    assert soup.select_one("#atlas-tiles input[type=checkbox]").get("checked") is None  # remembering is opt-in
    assert [s["src"] for s in soup.find_all("script", src=True)] == ["../assets/leaflet/leaflet.js", "../assets/atlas-map.js"]
    assert "L.tileLayer" not in html  # the tile layer is created by atlas-map.js after the click
    assert "tiles.example.org" in soup.select_one("#atlas-tiles")["data-tiles"]


def test_same_atlas_same_bytes() -> None:
    first, second = render_site(make_atlas()), render_site(make_atlas())
    assert first == second
    assert list(first) == sorted(first)
    html = first["karten/landkreis.html"]
    ids = set(re.findall(r"\b(?:map|circle_marker|marker|div_icon|tooltip)_([0-9a-f]{32})\b", html))
    assert ids, "folium element ids expected"
    assert all(i.startswith(next(iter(ids))[:16]) for i in ids), "ids derive from the map name, not from chance"


def test_id_patch_is_restored() -> None:
    import branca.element

    before = branca.element.Element.__dict__["_generate_id"]
    render_site(make_atlas())
    assert branca.element.Element.__dict__["_generate_id"] is before
    assert branca.element.Element()._id != branca.element.Element()._id


def test_relative_links_match_posixpath_for_every_pair_of_pages(site: dict[str, str]) -> None:
    """markup.md_href takes a short way for plain paths; it must give what posixpath.relpath gives."""
    from generator.core.markup import md_href

    pages = sorted(site)[::7] + ["index.md", "a/b/c/d.md", "a/b.md", "a/x/y.md", "./a/b.md", "a//b.md", "a/../c.md", "a/b/", "a"]
    for page in pages:
        for target in pages:
            start = posixpath.dirname(posixpath.normpath(page)) or "."
            assert md_href(page, target) == posixpath.relpath(posixpath.normpath(target), start), (page, target)
