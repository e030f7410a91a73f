"""What a published atlas needs beyond valid data: `atlas check` and `atlas build` warn, `--publish` fails.

Today one thing: the public address `site_url` of atlas.yaml. Without it the open data catalogue
(daten/katalog.rdf, DCAT-AP.de) can only name its datasets and files relative to itself, which portals such as
GovData cannot harvest; the exports and the vCards then also carry no page addresses. A preview or a test
build needs no address, so a missing one is a warning; `atlas check --publish` and `atlas build --publish`
(the build that is put online) report it as an error with exit code 1.
"""

from __future__ import annotations

from pathlib import Path

from ..core.problems import Problem, display_path
from ..load.files import load_yaml
from ..model.schema import CONFIG_FILE

SITE_URL_MISSING = (
    "site_url fehlt – ohne die Adresse der Website kann der Datenkatalog (daten/katalog.rdf) nicht veröffentlicht werden: "
    "Datenportale wie GovData brauchen vollständige Adressen der Datensätze und Dateien. "
    "Bitte die öffentliche Adresse eintragen, z. B. „site_url: https://atlas.example.org/“"
)


def publish_problems(data_dir: Path) -> list[Problem]:
    """`data/atlas.yaml:LINE: site_url fehlt …` when atlas.yaml has no site_url (nothing if the file is unreadable:
    the validation reports that). LINE is that of an empty `site_url:`, else 1."""
    path = Path(data_dir) / CONFIG_FILE
    if not path.is_file():
        return []
    doc, problems = load_yaml(path, display_path(path))
    if problems or not isinstance(doc.data, dict) or doc.data.get("site_url"):
        return []
    return [Problem(doc.display, doc.line(("site_url",)) if "site_url" in doc.data else 1, SITE_URL_MISSING)]


__all__ = ["publish_problems", "SITE_URL_MISSING"]
