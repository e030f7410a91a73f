"""Render stage: the `Atlas` → Markdown pages and map documents, one module per page type.

`site.Site` is the shared object every page module writes through; `render.render_site` and
`render.site_parts` list the parts. Templates (`templates/`) and the browser assets (`assets/`) live here.
May import: `core`, `load`, `model`, `check`, `visuals`, `exports`, `editing`. Never `build`, `importers`,
`reports` or the CLI.
"""

from pathlib import Path

TEMPLATES_DIR = Path(__file__).parent / "templates"
ASSETS_DIR = Path(__file__).parent / "assets"
