"""Maps open on request (issue 18, first visit ≤ 100 KB): every page with a map shows the map's static SVG and
„Interaktive Karte öffnen“, a link to the map document (generator/visuals/maps.py `embed`); no page embeds an
iframe, so a first visit loads neither Leaflet nor a map document. assets/atlas-maps.js turns the link into a
button (tests/browser/test_map_facade.py)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ui_text

MAP_PAGES = ["", "sozialraeume/teltow/", "familienzentren/", "kennzahlen/jugendquotient/", "sozialraeume/"]


def pages(site: Path) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


def test_every_page_with_a_map_has_the_facade(example_site: Path) -> None:
    with_maps = []
    for path, text in pages(example_site).items():
        assert "<iframe" not in text, path
        # parsed only where a box can be: the page's <article> of a page that names the class (fast on 300 pages)
        article = text[text.find("<article"):text.find("</article>")] if 'class="atlas-map' in text else ""
        boxes = BeautifulSoup(article, "html.parser").select(".atlas-map") if article else []
        assert ("data-atlas-map=" in text) == bool(boxes), path  # the marker the page's asset loader looks for
        if not boxes:
            continue
        with_maps.append(path.relative_to(example_site).parent.as_posix())
        for box in boxes:
            document, title = box["data-atlas-map"], box["data-atlas-map-title"]
            image = box.select_one("img.atlas-map__static")
            link = box.select_one("a.atlas-map__open")
            assert link is not None and link.get_text() == ui_text(text, "Interaktive Karte öffnen") and link["href"] == document, path
            assert image is not None and image["alt"] == title and title.startswith(ui_text(text, "Karte:") + " "), path
            assert image.get("width") and image.get("height"), path  # the box does not jump while the image loads
            for target, suffix in ((document, ".html"), (image["src"], ".svg")):
                assert not re.match(r"^([a-z]+:)?/", target), f"{path}: {target} is not relative"
                resolved = (path.parent / target).resolve()
                assert resolved.is_file() and resolved.suffix == suffix and resolved.parent.name == "karten", f"{path}: {target}"
            assert image["src"][: -len(".svg")] == document[: -len(".html")], path  # the same map
            # the text alternative on the page stays: right after the box
            assert box.find_next_sibling() is not None, path
        assert re.search(r'<script src="[^"]*assets/atlas-maps\.js">', text), f"{path}: atlas-maps.js missing"
    assert len(with_maps) >= 60, with_maps
    for expected in MAP_PAGES:
        assert (expected.rstrip("/") or ".") in with_maps, expected


def test_pages_without_a_map_do_not_load_the_map_script(example_site: Path) -> None:
    for path in ("impressum", "angebote", "datenschutz"):
        text = (example_site / path / "index.html").read_text(encoding="utf-8")
        assert "data-atlas-map=" not in text and "atlas-maps.js" not in text, path


def test_map_script_stores_nothing_and_leaves_consent_to_the_map_document(example_site: Path) -> None:
    script = (example_site / "assets" / "atlas-maps.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)  # comments may name what is not done
    for store in ("sessionStorage", "localStorage", "document.cookie", "indexedDB"):
        assert store not in code, store
    assert 'createElement("iframe")' in code and 'createElement("button")' in code and "focus()" in code
