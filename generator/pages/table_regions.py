"""Every table of a page in its own scroll region (issue 17: no hidden columns).

A Python-Markdown extension that `atlas build` adds to MkDocs (build/pipeline.py). After Markdown is done –
Markdown tables, raw-HTML tables of the templates (lists.py, people.py, profiles.py) and hand-written pages
alike – it wraps each top-level `<table>` in

    <div class="atlas-scroll" role="region" tabindex="0" aria-label="Tabelle: …">
    <p class="atlas-scroll__hint" aria-hidden="true" data-pagefind-ignore>Tabelle seitlich scrollbar</p>
    <table>…</table>
    </div>

so a table wider than the page scrolls inside a box that a keyboard reaches (tabindex) and a screen reader
names (role and label), instead of being cut by the page frame. The label is the table's caption, else the
caption of the figure it sits in, else the nearest heading before it ("Tabelle" if there is none); labels
repeated on a page are numbered. atlas.css (block "issue 17: tables") shows the hint and an edge shadow only
while the table is wider than its box, without JavaScript, and neutralises Material's own JavaScript table
wrapper inside the region, so the region stays the one box that scrolls.

A table written right inside `<div class="atlas-stacked">` (`p.table(…, stacked=True)`: lists residents read
on a phone) also gets the name of its column on every body cell (`data-label`): on a phone atlas.css shows each
row as a card of „Spalte: Wert“ lines; on a wide screen it is a table. No explicit ARIA table roles: HTML
forbids a role on the rows and cells of a native table (W3C Nu checker, issue 25), and current browsers keep a
table's semantics under `display: block` (tests/browser/test_table_regions.py checks Chromium's tree).

The markup is written at build time, so it works without JavaScript.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import Counter

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

REGION_CLASS = "atlas-scroll"
HINT_CLASS = "atlas-scroll__hint"
HINT_TEXT = "Tabelle seitlich scrollbar"
STACKED_CLASS = "atlas-stacked"  # on the <div> right around a table: rows as cards on a phone

_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.IGNORECASE | re.DOTALL)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
_HEADERLINK = re.compile(r"<a\b[^>]*class=\"headerlink\"[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
_BADGE = re.compile(r"<span\b[^>]*class=\"atlas-example\"[^>]*>.*?</span>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_STACKED_OPEN = re.compile(r"<div\b[^>]*class=\"" + STACKED_CLASS + r"\"[^>]*>\s*$")
_ROW = re.compile(r"<tr\b.*?</tr>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
_OPEN_REGION = re.compile(r"<div\b[^>]*class=\"" + REGION_CLASS + r"\"[^>]*>\s*(?:<p\b[^>]*>[^<]*</p>\s*)?$")


def plain(fragment: str) -> str:
    """The visible text of an HTML fragment: no tags, permalink or example badge; entities resolved."""
    text = _TAGS.sub("", _BADGE.sub("", _HEADERLINK.sub("", fragment)))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def table_name(before: str, table: str, headings: list[tuple[int, str]]) -> str:
    """What a table is about: its caption, the caption of the open figure around it, or the last heading.

    `before` is the page up to the table, `headings` the (end, inner HTML) of every heading of the page.
    """
    head = table[: table.find("<tr")] if "<tr" in table else table
    caption = _CAPTION.search(head)
    if caption and plain(caption.group(1)):
        return plain(caption.group(1))
    figure = before.rfind("<figure")
    if figure > before.rfind("</figure>"):
        found = _FIGCAPTION.findall(before[figure:])
        if found and plain(found[-1]):
            return plain(found[-1])
    index = bisect.bisect_right(headings, len(before), key=lambda h: h[0]) - 1
    return plain(headings[index][1]) if index >= 0 else ""


def top_level_tables(text: str) -> list[tuple[int, int]]:
    """(start, end) of every `<table>…</table>` that is not inside another table."""
    spans, depth, start = [], 0, 0
    for match in _TAG.finditer(text):
        if not match.group(1):
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, match.end()))
    return spans


def stacked(table: str) -> str:
    """`table` with the name of its column on every body cell (`data-label`)."""
    head_end = table.find("</thead>")
    if head_end < 0:
        return table
    names = [plain(cell[2]) for cell in _CELL.findall(table[:head_end])]

    def row(match: re.Match) -> str:
        column = itertools.count()

        def cell(found: re.Match) -> str:
            tag, attrs, inner = found.groups()
            index = next(column)
            label = f' data-label="{html.escape(names[index], quote=True)}"' if index < len(names) else ""
            return f"<{tag}{attrs}{label}>{inner}</{tag}>"

        return _CELL.sub(cell, match.group(0))

    return table[:head_end] + _ROW.sub(row, table[head_end:])


def wrap_tables(text: str) -> str:
    """`text` (a page's HTML) with each top-level table in a labelled, focusable scroll region."""
    spans = top_level_tables(text)
    if not spans:
        return text
    headings = [(m.end(), m.group(1)) for m in _HEADING.finditer(text)]
    seen: Counter[str] = Counter()
    out, last = [], 0
    for start, end in spans:
        table = text[start:end]
        if _OPEN_REGION.search(text[max(0, start - 400):start]):
            continue
        if _STACKED_OPEN.search(text[max(0, start - 200):start]):
            table = stacked(table)
        name = table_name(text[:start], table, headings)
        label = f"Tabelle: {name}" if name else "Tabelle"
        seen[label] += 1
        if seen[label] > 1:
            label += f" ({seen[label]})"
        out.append(text[last:start])
        out.append(
            f'<div class="{REGION_CLASS}" role="region" tabindex="0" aria-label="{html.escape(label, quote=True)}">\n'
            f'<p class="{HINT_CLASS}" aria-hidden="true" data-pagefind-ignore>{HINT_TEXT}</p>\n{table}\n</div>'
        )
        last = end
    out.append(text[last:])
    return "".join(out)


class TableRegionsPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return wrap_tables(text)


class TableRegions(Extension):
    """`markdown.Markdown(extensions=[TableRegions()])`: every table in a labelled, focusable scroll region."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the raw HTML is put back (priority 30) and `&` is substituted (20): sees every table of the page.
        md.postprocessors.register(TableRegionsPostprocessor(md), "atlas_table_regions", 5)


def makeExtension(**kwargs) -> TableRegions:  # noqa: N802 (Python-Markdown looks this name up)
    return TableRegions(**kwargs)
