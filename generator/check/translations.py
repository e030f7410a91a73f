"""Warnings of `atlas check` about the translations of the interface (issue 22).

For each language of data/atlas.yaml (`languages`) other than German, the catalogue
generator/locales/<code>/LC_MESSAGES/atlas.po is compared with the template atlas.pot (every text the page
templates use): a text without translation, a translation marked fuzzy (outdated after the German text
changed: `pybabel update` marks it so), and a translation whose German text no template uses any more. These
are warnings, not errors: the pages then show the German text, marked lang="de". Each names the .po file and the
line of the entry (line 1 for a text that has no entry yet).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from ..core import i18n
from ..core.problems import Problem, display_path
from ..load.files import load_yaml
from ..model.schema import CONFIG_FILE


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def catalogue_warnings(lang: str, path: Path | None = None, template: Path | None = None) -> list[Problem]:
    """The warnings for one language's catalogue (`path`, `template`: other files, for tests)."""
    path = path or i18n.catalogue_path(lang)
    shown = display_path(path)
    with (template or i18n.TEMPLATE).open("rb") as f:
        wanted = [m.id for m in read_po(f) if m.id and isinstance(m.id, str)]
    if not path.is_file():
        return [Problem(shown, 1, f"Übersetzungskatalog für „{lang}“ fehlt – die Seiten in dieser Sprache zeigen die deutschen Texte")]
    with path.open("rb") as f:
        catalogue = read_po(f, locale=lang)
    problems = []
    for msgid in wanted:
        entry = catalogue.get(msgid)
        if entry is None or not entry.string:
            line = entry.lineno if entry is not None and entry.lineno else 1
            problems.append(Problem(shown, line, f"Übersetzung fehlt: „{_short(msgid)}“ – die Seite zeigt den deutschen Text"))
        elif entry.fuzzy:
            problems.append(Problem(shown, entry.lineno or 1, f"Übersetzung veraltet (fuzzy): „{_short(msgid)}“ – bitte prüfen und "
                                                              "die Markierung „#, fuzzy“ entfernen; bis dahin zeigt die Seite den deutschen Text"))
    known = set(wanted)
    for entry in catalogue:
        if entry.id and isinstance(entry.id, str) and entry.id not in known:
            problems.append(Problem(shown, entry.lineno or 1, f"Übersetzung wird nicht mehr gebraucht: „{_short(entry.id)}“ "
                                                              "– kein Text der Vorlagen; mit `pybabel update` entfernen"))
    return problems


def translation_warnings(data_dir: Path) -> list[Problem]:
    """Warnings for every language of the atlas in `data_dir` except German, sorted."""
    config = Path(data_dir) / CONFIG_FILE
    doc, problems = load_yaml(config, display_path(config))
    languages = doc.data.get("languages") if isinstance(doc.data, dict) else None
    if problems or not isinstance(languages, list):
        return []  # unreadable or German only: validation reports the file's problems
    found: list[Problem] = []
    for lang in languages:
        if isinstance(lang, str) and lang != i18n.DEFAULT and lang in i18n.known():
            found += catalogue_warnings(lang)
    return sorted(set(found))


__all__ = ["translation_warnings", "catalogue_warnings"]
