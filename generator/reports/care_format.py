"""Output of the data care report (care.py): terminal text, Markdown, or one standalone HTML page.

The HTML page is for internal use: it is written only where `atlas report --output FILE.html` says
(never into the site or its docs folder), has its own small inline style sheet, loads nothing, and
asks search engines not to index it. All data are escaped.
"""

from __future__ import annotations

import html

from ..core.formatting import plural
from .care import Report

SHORT = ("länger nicht geprüft", "Angebote ohne Ansprechperson", "Familienzentren ohne Öffnungszeiten", "Kontakte ohne Verweis", "fehlerhafte Adressen")
SHORT_ONE = ("länger nicht geprüft", "Angebot ohne Ansprechperson", "Familienzentrum ohne Öffnungszeiten", "Kontakt ohne Verweis", "fehlerhafte Adresse")


def _heading(report: Report) -> tuple[str, str]:
    basis = "Datenstand" if report.as_of_is_data_date else "gewählter Stichtag"
    return (
        f"Pflegebericht: {report.atlas_title}",
        f"Stichtag {report.as_of:%d.%m.%Y} ({basis}), Prüfintervall {plural(report.months, 'Monat', 'Monate')}; {plural(report.checked, 'Eintrag', 'Einträge')} gelesen.",
    )


def summary(report: Report) -> list[tuple[str, int]]:
    return [(name, len(section.entries)) for name, section in zip(SHORT, report.sections)]


def as_text(report: Report) -> str:
    title, sub = _heading(report)
    lines = [title, sub, ""]
    for number, section in enumerate(report.sections, 1):
        lines.append(f"{number}. {section.title} ({len(section.entries)})")
        lines.append(f"   {section.explanation}")
        lines += [str(entry) for entry in section.entries] or ["   keine"]
        lines.append("")
    lines.append("Zusammenfassung: " + ", ".join(plural(count, one, name) for (name, count), one in zip(summary(report), SHORT_ONE)))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def as_markdown(report: Report) -> str:
    title, sub = _heading(report)
    lines = [f"# {_md(title)}", "", _md(sub), ""]
    for number, section in enumerate(report.sections, 1):
        lines += [f"## {number}. {_md(section.title)} ({len(section.entries)})", "", _md(section.explanation), ""]
        if section.entries:
            lines += ["| Datei | Befund |", "|---|---|"]
            lines += [f"| `{e.path}:{e.line}` | {_md(e.text)} |" for e in section.entries]
        else:
            lines.append("keine")
        lines.append("")
    lines += ["## Zusammenfassung", "", "| Befund | Anzahl |", "|---|--:|"]
    lines += [f"| {name} | {count} |" for name, count in summary(report)]
    return "\n".join(lines) + "\n"


_STYLE = """
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#e8eef5}
td.num{text-align:right}code{font-size:.9em;word-break:break-all}.note{background:#fff4ce;padding:.5rem;border-left:4px solid #8a6d00}
"""


def as_html(report: Report) -> str:
    e = html.escape
    title, sub = _heading(report)
    out = [
        "<!doctype html>", '<html lang="de">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="robots" content="noindex, nofollow">',
        f"<title>{e(title)}</title>", f"<style>{_STYLE.strip()}</style>", "</head>", "<body>", "<main>",
        f"<h1>{e(title)}</h1>", f"<p>{e(sub)}</p>",
        '<p class="note">Interne Seite für die Datenpflege – nicht Teil der öffentlichen Website.</p>',
        "<h2>Zusammenfassung</h2>",
        "<table><caption>Befunde je Abschnitt</caption><thead><tr><th scope=\"col\">Befund</th><th scope=\"col\">Anzahl</th></tr></thead><tbody>",
    ]
    out += [f'<tr><td>{e(name)}</td><td class="num">{count}</td></tr>' for name, count in summary(report)]
    out.append("</tbody></table>")
    for number, section in enumerate(report.sections, 1):
        out += [f"<h2>{number}. {e(section.title)} ({len(section.entries)})</h2>", f"<p>{e(section.explanation)}</p>"]
        if not section.entries:
            out.append("<p>keine</p>")
            continue
        out.append(f'<table><caption>{e(section.title)}</caption><thead><tr><th scope="col">Datei und Zeile</th><th scope="col">Befund</th></tr></thead><tbody>')
        out += [f"<tr><td><code>{e(entry.path)}:{entry.line}</code></td><td>{e(entry.text)}</td></tr>" for entry in section.entries]
        out.append("</tbody></table>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(report: Report, kind: str) -> str:
    """`kind`: text, markdown or html."""
    return {"text": as_text, "markdown": as_markdown, "html": as_html}[kind](report)


def kind_for(path: str | None) -> str:
    """Output kind from the file name: .html/.htm → html, .md → markdown, anything else (or stdout) → text."""
    if path is None:
        return "text"
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    return {"html": "html", "htm": "html", "md": "markdown"}.get(suffix, "text")
