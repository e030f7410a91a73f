"""MkDocs hooks for the benchmark's plain `mkdocs build` (benchmarks/run.py): the theme's texts plugin.

The project's theme overrides (overrides/) call template globals that generator/build/theme_texts.py provides:
`_` in the page's language, the navigation's titles and links, the footer's legal pages (issue 22). That plugin
belongs to the theme, not to the generator's own stages, so the plain build runs it too; without it the theme's
templates cannot render.
"""

from __future__ import annotations

from generator.build.theme_texts import ThemeTexts

_texts = ThemeTexts()


def on_files(files, config, **kwargs):
    return _texts.on_files(files, config=config)


def on_env(env, config, files, **kwargs):
    return _texts.on_env(env, config=config, files=files)


def on_page_content(html, page, config, files, **kwargs):
    return _texts.on_page_content(html, page=page, config=config, files=files)


def on_post_page(output, page, config, **kwargs):
    return _texts.on_post_page(output, page=page, config=config)
