"""A map on a page: its static image and „Interaktive Karte öffnen“ (issue 18: a first visit loads no map code).

`embed` writes the map facade that generator/pages/tools.py puts into pages; the map documents themselves
(`karten/<name>.html`) and their static SVG versions (`karten/<name>.svg`) are written by maps.py.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from ..core.markup import asset_url
from .maps import map_path, svg_path

OPEN_TEXT = "Interaktive Karte öffnen"
STATIC_WIDTH, STATIC_HEIGHT = 640, 420  # the box on a wide screen (atlas.css); the image is fitted into it


def embed(page: str, name: str, title: str) -> Markup:
    """The map facade: `<div class="atlas-map" data-atlas-map="…html" data-atlas-map-title="Karte: …">` around the
    static SVG `<img class="atlas-map__static">` (on screen and in print) and the link „Interaktive Karte öffnen“
    to the map document. `assets/atlas-maps.js` makes the link a button that puts `<iframe src="…html">` into
    the box, hides the image on screen and focuses the map; a first visit loads no Leaflet, no map document.
    """
    src = html.escape(asset_url(page, map_path(name)), quote=True)
    static = html.escape(asset_url(page, svg_path(name)), quote=True)
    label = html.escape(f"Karte: {title}", quote=True)
    return Markup(
        f'<div class="atlas-map" data-atlas-map="{src}" data-atlas-map-title="{label}">\n'
        f'<img class="atlas-map__static" src="{static}" alt="{label}" width="{STATIC_WIDTH}" height="{STATIC_HEIGHT}">\n'
        f'<a class="atlas-map__open" href="{src}" data-pagefind-ignore>{OPEN_TEXT}</a>\n</div>'
    )
