"""Compiled Jinja templates kept for the life of the process, so a second build does not compile them again.

MkDocs makes a new Jinja environment for every build and compiles the theme's templates (Material's base
and its partials, the overrides) anew: in the `atlas serve` preview, which rebuilds on every saved file, and
in a process that builds several atlases, that is a large part of each build. `install(config)` adds a small
MkDocs plugin that gives each new environment one shared in-memory bytecode cache. Jinja checks each
template's source against the cached code (name and checksum of the source), so an edited template is
compiled again; the pages written are the same bytes as without the cache.
"""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled code by template (key and source checksum are Jinja's own), in this process only."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja when the template's source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


PROCESS_CACHE = MemoryBytecodeCache()


class TemplateCache(BasePlugin):
    """Sets the shared bytecode cache on the theme's environment before MkDocs renders the first page."""

    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Any) -> jinja2.Environment:
        env.bytecode_cache = PROCESS_CACHE
        return env


def install(config: Any) -> None:
    """Use the process's template cache in the MkDocs build of `config`."""
    config.plugins["atlas-template-cache"] = TemplateCache()
