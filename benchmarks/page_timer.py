"""MkDocs hooks for the benchmark's plain `mkdocs build` (benchmarks/run.py): time spent per page.

Per page: Markdown → HTML (on_page_markdown … on_page_content) plus the theme template
(on_page_context … on_post_page). Written as JSON to the file named by ATLAS_PAGE_TIMES:
{src_uri: [seconds, has_map]}. A page "has a map" when its Markdown embeds an atlas map block.
"""

from __future__ import annotations

import json
import os
import time

_started: dict[str, float] = {}
_spent: dict[str, float] = {}
_maps: dict[str, bool] = {}


def on_page_markdown(markdown, page, **kwargs):
    _maps[page.file.src_uri] = 'class="atlas-map"' in markdown
    _started[page.file.src_uri] = time.perf_counter()
    return markdown


def on_page_content(html, page, **kwargs):
    src = page.file.src_uri
    _spent[src] = _spent.get(src, 0.0) + time.perf_counter() - _started.pop(src, time.perf_counter())
    return html


def on_page_context(context, page, **kwargs):
    _started[page.file.src_uri] = time.perf_counter()
    return context


def on_post_page(output, page, **kwargs):
    src = page.file.src_uri
    _spent[src] = _spent.get(src, 0.0) + time.perf_counter() - _started.pop(src, time.perf_counter())
    return output


def on_post_build(config, **kwargs):
    target = os.environ.get("ATLAS_PAGE_TIMES")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump({src: [round(s, 6), _maps.get(src, False)] for src, s in sorted(_spent.items())}, handle)
