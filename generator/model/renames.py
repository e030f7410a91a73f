"""Renamed records: `former_ids` keep old addresses working and old references visible.

When an editor changes a record's id (and its file name), the old id goes into `former_ids`:

* `former_id_problems(records, docs)` checks the list (German `path:line` problems): a former id that is
  still a current id of the same kind, the same former id on two records of one kind.
* `former_map(records)` → kind → {old id: new id}; check/validate.py uses it to say
  „„alt“ ist die frühere Kennung von „neu“ – bitte die neue Kennung eintragen“ for references to an old id.
* `redirect_files(atlas, record_path, pages)` → {docs path: HTML}: for every former id of a record with a
  page, a small German page at the old address (`angebote/alt/index.html`) that forwards to the new one
  (meta refresh, visible link, `noindex`, canonical address). MkDocs copies .html files from the docs
  folder unchanged; they are no pages, so they stay out of the search index, the sitemap and the nav.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Collection
from typing import Any, Callable

from ..core.paths import BuildError
from ..core.problems import Problem
from .review import page_address


def former_map(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """kind → {former id: current id}; with the same former id on two records the first (by id) wins."""
    result: dict[str, dict[str, str]] = {}
    for kind, table in records.items():
        found: dict[str, str] = {}
        for rid in sorted(table):
            for old in getattr(table[rid], "former_ids", None) or []:
                found.setdefault(old, rid)
        result[kind] = found
    return result


def former_id_problems(records: dict[str, dict[str, Any]], docs: dict[tuple[str, str], Any]) -> list[Problem]:
    """Former ids that clash with a current id of the same kind or appear on two records."""
    problems: list[Problem] = []
    for kind, table in records.items():
        owners: dict[str, str] = {}
        for rid in sorted(table, key=lambda r: docs[(kind, r)].display):
            doc = docs[(kind, rid)]
            for index, old in enumerate(getattr(table[rid], "former_ids", None) or []):
                line = doc.line(("former_ids", index))
                if old == rid:
                    problems.append(Problem(doc.display, line, f"Feld „former_ids“ (Frühere Kennungen): „{old}“ ist die aktuelle Kennung dieses Eintrags, keine frühere"))
                elif old in table:
                    other = docs[(kind, old)]
                    problems.append(Problem(
                        doc.display, line,
                        f"Feld „former_ids“ (Frühere Kennungen): „{old}“ ist die Kennung eines anderen Eintrags ({other.display}:{other.line(('id',))}); "
                        "eine frühere Kennung darf nicht wieder vergeben werden, sonst wäre die alte Adresse doppelt belegt",
                    ))
                elif old in owners:
                    first = docs[(kind, owners[old])]
                    problems.append(Problem(
                        doc.display, line,
                        f"Feld „former_ids“ (Frühere Kennungen): „{old}“ steht schon bei {first.display}:{first.line(('former_ids',))}; "
                        "eine alte Adresse kann nur auf einen Eintrag weiterleiten",
                    ))
                else:
                    owners[old] = rid
    return problems


def renamed_text(name: str, title: str | None, old: str, new: str) -> str:
    """The message for a reference that still uses a former id."""
    return f"Feld „{name}“ ({title}): „{old}“ ist die frühere Kennung von „{new}“ – bitte die neue Kennung eintragen"


def redirect_html(title: str, target: str, canonical: str) -> str:
    """A German forwarding page: meta refresh to `target` (relative), visible link, not indexed."""
    t, href, canon = html.escape(title), html.escape(target, quote=True), html.escape(canonical, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="de">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{canon}">\n'
        f"<title>Seite umgezogen: {t}</title>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        "<h1>Diese Seite ist umgezogen</h1>\n"
        f'<p>Diese Seite ist umgezogen: <a href="{href}">{t}</a></p>\n'
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def redirect_files(atlas: Any, record_path: Callable[[Any], str], record_name: Callable[[Any], str],
                   pages: Collection[str], folders: dict[type, str]) -> dict[str, str]:
    """Forwarding pages for the former ids of every record that has a page (`folders`: record class → folder)."""
    files: dict[str, str] = {}
    for kind in ("regions", "municipalities", "organisations", "contacts", "family_centres", "offers", "networks", "indicators", "lebenslagen", "leistungen"):
        for record in getattr(atlas, kind).values():
            if type(record) not in folders:
                continue
            new_page = record_path(record)  # e.g. angebote/neu.md → served at angebote/neu/
            folder = posixpath.dirname(new_page)
            for old in record.former_ids:
                if f"{folder}/{old}.md" in pages:
                    raise BuildError(
                        f"Die frühere Kennung „{old}“ von „{record.id}“ belegt die Adresse der Seite {folder}/{old}.md; bitte aus former_ids streichen"
                    )
                canonical = page_address(atlas.config, new_page) or f"../{record.id}/"
                files[f"{folder}/{old}/index.html"] = redirect_html(getattr(record, "role", None) or record_name(record), f"../{record.id}/", canonical)
    return dict(sorted(files.items()))
