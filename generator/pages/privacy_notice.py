"""The section „Karten und Inhalte anderer Anbieter“ of the privacy page, written from data/atlas.yaml.

A hand-written page in content/ (the Datenschutzerklärung) holds the line `MARKER`; the build replaces it
with `third_party_section(tiles)`: that the pages load nothing from other hosts, which provider serves the
background tiles (`map.tiles.provider`, host of `map.tiles.url`) and only after "Karte laden", and what the
browser stores (the consent key of assets/atlas-map.js in sessionStorage, only when the visitor asks).
Without `map.tiles` the section says that no map loads anything from elsewhere. Pages without the marker
stay as they are.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from ..model.schema import Tiles

MARKER = "<!-- atlas:karten-und-inhalte-anderer-anbieter -->"
CONSENT_KEY_PREFIX = "atlas-tiles-consent:"  # as in assets/atlas-map.js
HEADING = "## Karten und Inhalte anderer Anbieter"

_OWN = (
    "Beim Aufruf einer Seite lädt Ihr Browser keine Inhalte von anderen Servern: Schriften, Skripte, "
    "Stilvorlagen, die Kartenbibliothek Leaflet und alle Karten mit ihren Punkten, Flächen und Legenden kommen "
    "vom Server des Atlas. Alle Angaben einer Karte stehen auch als Text oder Tabelle auf der Seite."
)


def third_party_section(tiles: Tiles | None) -> str:
    """Markdown of the section (heading included)."""
    if tiles is None:
        return (
            f"{HEADING}\n\n{_OWN}\n\nDie Karten haben keine Hintergrundkarte eines anderen Anbieters. Für die Karten "
            "speichert Ihr Browser nichts.\n"
        )
    provider = html.escape(tiles.provider, quote=False)
    origin = html.escape(f"https://{urlsplit(tiles.url).hostname}/", quote=False)
    key = f"{CONSENT_KEY_PREFIX}{tiles.url}"
    return (
        f"{HEADING}\n\n{_OWN}\n\n"
        f"**Hintergrundkarte:** Die Karten zeigen zunächst keine Hintergrundkarte. Erst wenn Sie im Kartenfenster "
        f"auf „Karte laden“ klicken, lädt Ihr Browser die Kartenkacheln von **{provider}** (Server {origin}). "
        f"Dabei erhält {provider} Ihre IP-Adresse, die Adressen der angefragten Kacheln sowie Browser und "
        "Betriebssystem (User-Agent). Rechtsgrundlage ist Ihre Einwilligung (Artikel 6 Absatz 1 Buchstabe a "
        "DSGVO). Sie können sie jederzeit im Kartenfenster mit „Hintergrundkarte ausblenden (Einwilligung "
        "widerrufen)“ widerrufen; dann lädt der Browser keine weiteren Kacheln.\n\n"
        "**Gespeichert in Ihrem Browser:** Nur wenn Sie „Für diesen Besuch merken“ ankreuzen, merkt sich Ihr "
        f"Browser die Einwilligung im Sitzungsspeicher (sessionStorage) unter dem Schlüssel `{key}` mit dem "
        "Wert „ja“. Dann laden die anderen Karten des Atlas ihre Hintergrundkarte ohne erneute Nachfrage. Der "
        "Browser löscht den Eintrag, wenn Sie das Fenster oder den Tab schließen, und sofort beim Widerruf. Der "
        "Eintrag wird nicht übertragen; Cookies setzt der Atlas nicht.\n"
    )


def insert_third_party_section(docs_dir: Path, pages: list[str], tiles: Tiles | None) -> list[str]:
    """Replace `MARKER` in the given Markdown pages of `docs_dir` (paths relative to it); returns those changed."""
    changed = []
    section = third_party_section(tiles)
    for name in sorted(pages):
        path = Path(docs_dir) / name
        if not name.endswith(".md") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if MARKER in text:
            path.write_text(text.replace(MARKER, section.rstrip("\n")), encoding="utf-8")
            changed.append(name)
    return changed


def with_third_party_section(name: str, data: bytes, tiles: Tiles | None) -> bytes:
    """`data` of the hand-written file `name` with `MARKER` replaced (Markdown pages only); for write.sync_docs."""
    if not name.endswith(".md") or MARKER.encode("utf-8") not in data:
        return data
    text = data.decode("utf-8")
    return text.replace(MARKER, third_party_section(tiles).rstrip("\n")).encode("utf-8")
