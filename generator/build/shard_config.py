"""The MkDocs config of a shard process (shards.py), loadable without the atlas and without the generator's stages.

A shard process starts fresh (forkserver) and unpickles the config it is sent; the module that defines its class
is imported then. This one imports only what a MkDocs build needs besides the theme (the table regions, the shared
template cache, the overrides' texts): not the loader, the checks, the page templates, folium or pandas, which
cost every shard process about 2 s before its first page (pipeline.py builds the values in the parent).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..pages.table_regions import TableRegions
from . import template_cache, theme_texts
from .link_brackets import LinkBrackets


def with_atlas_additions(config) -> None:
    """What every MkDocs config of a build gets (also the shards'): every table of every page in a labelled,
    focusable scroll region (issue 17; pages/table_regions.py); the theme's templates compiled once
    (template_cache.py); the overrides' `_()` with texts in the page's language (issue 22); links found in linear
    time (link_brackets.py)."""
    config["markdown_extensions"].append(TableRegions())
    config["markdown_extensions"].append(LinkBrackets())
    template_cache.install(config)
    theme_texts.install(config)


@dataclass(frozen=True)
class ShardConfig:
    """The MkDocs config of `atlas build` as plain values (pipeline.shard_config makes it from the atlas):
    `ShardConfig(...)(site_dir)` gives a fresh config writing to `site_dir`."""

    overrides: dict
    extra: dict
    nav: list | None

    def __call__(self, site_dir: Path):
        from mkdocs.config import load_config

        config = load_config(strict=True, **{**self.overrides, "site_dir": str(site_dir)})
        config.extra.update(self.extra)
        config["nav"] = self.nav
        with_atlas_additions(config)
        return config
