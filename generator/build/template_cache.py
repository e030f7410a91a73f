"""Compiled Jinja templates of MkDocs' theme kept between builds (generator/core/template_cache.py).

MkDocs makes a new Jinja environment for every build and compiles the theme's templates (Material's base
and its partials, the overrides) anew: in the `atlas serve` preview, which rebuilds on every saved file, in
the shard processes of a big build and in a process that builds several atlases, that is a large part of each
build. `install(config)` adds a small MkDocs plugin that gives each new environment the shared bytecode cache
(in memory for the process, on disk for the next one). Jinja checks each template's source against the cached
code, so an edited template is compiled again; the pages written are the same bytes as without the cache.
"""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin

from ..core.template_cache import cache


class TemplateCache(BasePlugin):
    """Sets the shared bytecode cache on the theme's environment before MkDocs renders the first page."""

    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Any) -> jinja2.Environment:
        env.bytecode_cache = cache("mkdocs")
        return env


def install(config: Any) -> None:
    """Use the shared template cache in the MkDocs build of `config`."""
    config.plugins["atlas-template-cache"] = TemplateCache()
