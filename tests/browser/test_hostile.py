"""Hostile data in a real browser: nothing from the data executes, and no live link is made from it.

The hostile atlas (tests/hostile_atlas.py) is the mini atlas with every free-text field of every record
kind, of atlas.yaml, district.yaml, the vocabularies and the indicator notes replaced by one of
HOSTILE (script tags, event-handler attributes, javascript:/data: links, Markdown links and images,
HTML comments, Jinja syntax, a 5.000-character word, bidi controls, vCard and CSV injections …).
Every page of the built site and every map document is opened; each document and frame is checked
(CHECK below) after hovering and focusing every element, after opening every tooltip or popup of every
Leaflet layer and after loading the background tiles (whose attribution is hostile too).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

from hostile_atlas import HOSTILE

from .conftest import serve
from .test_accessibility import MAP_DOCUMENTS, PAGE_TYPES, load_frames

pytestmark = pytest.mark.browser

# One document: what came from the data must be text. Returns a list of findings (empty = inert).
CHECK = r"""(isMap) => {
  const bad = [];
  const ok = ["http:", "https:", "mailto:", "tel:"];
  const here = location.origin;
  const bidi = /[\u202a-\u202e\u2066-\u2069]/;
  if (window.__pwned !== undefined) bad.push("window.__pwned ist gesetzt: ein Skript aus den Daten lief");
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`Ereignis-Attribut ${a.name} an <${el.localName}>`);
      if (["href", "xlink:href", "src", "action", "formaction", "srcdoc", "data", "poster"].includes(a.name)) {
        let url;
        try { url = new URL(a.value, document.baseURI); } catch (e) { bad.push(`unlesbare Adresse ${a.name}="${a.value}"`); continue; }
        if (!ok.includes(url.protocol)) bad.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">: Schema ${url.protocol}`);
        if (a.name !== "href" && a.name !== "xlink:href" && url.origin !== here && !el.classList.contains("leaflet-tile")) bad.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}"> lädt von fremdem Host`);
        if (a.name === "src" && /\/x$/.test(url.pathname)) bad.push(`<${el.localName} src=x> aus den Daten`);
      }
    }
  }
  for (const s of document.scripts) {
    if (s.src) continue;  // same origin, checked above
    if (s.type === "application/ld+json") {
      try { JSON.parse(s.textContent); } catch (e) { bad.push("JSON-LD ist kein JSON mehr (Ausbruch?)"); }
    } else if (s.textContent.trim() === "window.__pwned=1") bad.push("<script> aus den Daten im DOM");
  }
  for (const s of document.querySelectorAll("style")) if (s.textContent.includes("body{display:none}")) bad.push("<style> aus den Daten");
  for (const f of document.querySelectorAll("iframe")) if (new URL(f.src, document.baseURI).origin !== here) bad.push(`<iframe src=${f.src}>`);
  const text = (document.body ? document.body.innerText : "") + document.title;
  if (bidi.test(text)) bad.push("Steuerzeichen für Schreibrichtung (U+202A–U+202E, U+2066–U+2069) im Text");
  if (text.includes("<class '")) bad.push("Jinja-Ausdruck {{ config.__class__ }} wurde ausgewertet");
  if (!isMap && document.documentElement.scrollWidth > window.innerWidth + 1)
    bad.push(`waagerechtes Überlaufen: ${document.documentElement.scrollWidth}px breit bei ${window.innerWidth}px Fenster`);
  return bad;
}"""

# Hover and focus every element (a data attribute like onmouseover would fire now).
HOVER = """() => { for (const el of document.querySelectorAll("body *")) {
  const box = el.getBoundingClientRect();
  const at = {clientX: box.left + box.width / 2, clientY: box.top + box.height / 2};
  el.dispatchEvent(new MouseEvent("mouseover", {bubbles: true, ...at}));
  el.dispatchEvent(new MouseEvent("mouseenter", at));
  el.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
  if (el.tabIndex >= 0 && el.focus) el.focus({preventScroll: true});
} return true; }"""

# Open every tooltip and popup of every layer of the Leaflet map; each one checked when open.
OPEN_LAYERS = r"""() => {
  const box = document.querySelector(".folium-map");
  const map = box && window[box.id];
  const found = {opened: 0, bad: [], texts: []};
  if (!map) return found;
  const inspect = (el, what) => {
    if (!el) return;
    for (const child of el.querySelectorAll("*")) {
      if (!["div", "span", "br", "b", "strong"].includes(child.localName)) found.bad.push(`${what}: <${child.localName}> aus den Daten`);
      for (const a of child.attributes) if (a.name !== "class" && a.name !== "style") found.bad.push(`${what}: Attribut ${a.name}`);
    }
    found.texts.push(el.textContent);
  };
  const layers = [];
  map.eachLayer(l => layers.push(l));
  for (const l of layers) {
    if (l.getTooltip && l.getTooltip()) {
      l.openTooltip(); found.opened++;
      inspect(l.getTooltip().getElement(), "Tooltip");
      l.closeTooltip();
    }
    if (l.getPopup && l.getPopup()) {
      l.openPopup(); found.opened++;
      inspect(l.getPopup().getElement(), "Popup");
      l.closePopup();
    }
    if (l.options && l.options.title) found.texts.push(l.options.title);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site as its address path, map documents last."""
    pages = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    pages = ["" if p == "./" else p for p in pages]
    return pages + sorted(str(p.relative_to(site)) for p in (site / "karten").glob("*.html"))


def check_frames(page: Any, where: str, is_map: bool) -> list[str]:
    problems = []
    for frame in page.frames:
        frame_is_map = is_map or frame != page.main_frame
        frame.evaluate(HOVER)
        problems += [f"{where} ({frame.url.rsplit('/', 1)[-1] or 'Seite'}): {p}" for p in frame.evaluate(CHECK, frame_is_map)]
    return problems


@dataclass
class Tour:
    """What one walk through every page and map document of the hostile atlas found (see `hostile_tour`)."""

    pages: list[str]
    problems: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    frames: int = 0
    tooltips: int = 0
    texts: list[str] = field(default_factory=list)  # of the tooltips, popups and marker titles
    shown: dict[str, str] = field(default_factory=dict)  # page type path → the page's text as it loaded


@pytest.fixture(scope="module")
def hostile_tour(browser: Any, hostile_url: str, hostile_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Tour:
    """Every page of the hostile atlas and every map document, opened one after the other in one browser page
    (German, 1280×900, requests to other hosts aborted, as the `page` fixture). Each page's text is kept as it
    loaded; then every map frame is loaded, every element hovered and focused and every document and frame
    checked (CHECK); in a map document every tooltip and popup is opened, and after „Karte laden“ the hostile
    tile attribution is checked too. Both tests of this module read this one walk, made once per test run
    (tests/conftest.py: shared_value)."""
    from conftest import shared_value  # tests/conftest.py

    return Tour(**shared_value(tmp_path_factory, "hostile-tour", lambda: dataclasses.asdict(walk(browser, hostile_url, hostile_site))))


def walk(browser: Any, hostile_url: str, hostile_site: Path) -> Tour:
    tour = Tour(site_pages(hostile_site))
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: tour.page_errors.append(str(error)))
        page_types = {t.path for t in PAGE_TYPES}
        for path in tour.pages:
            response = page.goto(hostile_url + path, wait_until="load")
            assert response is not None and response.ok, path
            if path in page_types:
                tour.shown[path] = page.evaluate("document.body.innerText")
            is_map = path.startswith("karten/")
            if not is_map:
                load_frames(page)
            tour.frames += len(page.frames)
            tour.problems += check_frames(page, path or "Startseite", is_map)
            if is_map:
                opened = page.evaluate(OPEN_LAYERS)
                tour.tooltips += opened["opened"]
                tour.texts += opened["texts"]
                tour.problems += [f"{path}: {p}" for p in opened["bad"]]
                consent = page.locator("#atlas-tiles button")
                if consent.count():
                    consent.click()  # tiles (aborted: foreign host) and the hostile attribution appear
                    page.wait_for_selector(".leaflet-control-attribution a[href*='tiles.example.org']")
                    tour.problems += check_frames(page, path + " (mit Hintergrundkarte)", True)
    finally:
        context.close()
    return tour


@pytest.mark.heavy
def test_hostile_data_stays_inert_on_every_page_and_map(hostile_tour: Tour) -> None:
    tour = hostile_tour
    for page_type in PAGE_TYPES + MAP_DOCUMENTS:  # every page type of the accessibility run is among them
        assert page_type.path in tour.pages, f"{page_type.name}: {page_type.path} fehlt im feindlichen Atlas"
    assert not tour.problems, "\n".join(tour.problems[:40])
    assert not tour.page_errors, tour.page_errors[:5]
    # the tooltips show the data as text: the Jinja example literally, never evaluated
    assert tour.tooltips >= 10
    assert any("{{ 7*7 }}" in t for t in tour.texts), "Jinja-Beispiel fehlt in den Tooltips"
    assert any(h in t for h in HOSTILE if "<" in h for t in tour.texts), "kein HTML-Beispiel als Text in den Tooltips"
    print(f"\nfeindliche Zeichenketten: {len(HOSTILE)}; Seiten: {len(tour.pages)} (davon Karten: "
          f"{sum(p.startswith('karten/') for p in tour.pages)}); Dokumente und Frames geprüft: {tour.frames}; "
          f"Tooltips/Popups geöffnet: {tour.tooltips}")


@pytest.mark.heavy
def test_hostile_text_is_shown_literally(hostile_tour: Tour) -> None:
    """Shown, not interpreted: the Jinja, HTML and Markdown examples appear as the characters typed."""
    seen = {s: 0 for s in ("{{ 7*7 }}{% raw %}", "<script>window.__pwned=1</script>", "[klick](javascript:window.__pwned=1)", "<!-- kommentar -->")}
    assert set(hostile_tour.shown) == {t.path for t in PAGE_TYPES}
    for path, text in hostile_tour.shown.items():
        for s in seen:
            seen[s] += s in text
        assert "{% raw %}" not in text.replace("{{ 7*7 }}{% raw %}", ""), f"{path}: Jinja-Beispiel verändert"
    assert all(seen.values()), seen
