"""`atlas serve`: preview in the browser; regenerates pages when YAML, CSV or content/ files change.

MkDocs' own development server renders the staging folder and reloads the browser; a small polling
thread here watches data/ and content/, validates again and rewrites only changed pages. While the
data have problems, they are printed and the last good pages stay in the preview.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from .build import Paths, extra_values, generate, mkdocs_overrides
from .problems import Problem
from .validate import validate

WATCHED_SUFFIXES = {".yaml", ".yml", ".csv", ".md", ".geojson"}


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of all watched files below `folders`."""
    return {
        path: path.stat().st_mtime
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.suffix in WATCHED_SUFFIXES and path.is_file()
    }


def regenerate(paths: Paths, on_problems: Callable[[list[Problem]], None]) -> bool:
    atlas, problems = validate(paths.data)
    if atlas is None:
        on_problems(problems)
        return False
    generate(atlas, paths)
    return True


def watch(paths: Paths, on_problems: Callable[[list[Problem]], None], stop: threading.Event, interval: float = 1.0) -> None:
    folders = [paths.data, paths.content]
    before = snapshot(folders)
    while not stop.wait(interval):
        now = snapshot(folders)
        if now != before:
            before = now
            if regenerate(paths, on_problems):
                print("Daten geändert: Seiten neu erzeugt.", flush=True)


def serve(paths: Paths, dev_addr: str, on_problems: Callable[[list[Problem]], None]) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config

    atlas, problems = validate(paths.data)
    if atlas is None:
        on_problems(problems)
        return 1
    generate(atlas, paths)
    overrides = mkdocs_overrides(atlas, paths, paths.build / "serve-site")
    overrides.pop("site_dir")
    config_file = overrides.pop("config_file")
    extra = dict(load_config(config_file=config_file, docs_dir=overrides["docs_dir"]).extra)
    extra.update(extra_values(atlas))
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(paths, on_problems, stop), daemon=True)
    watcher.start()
    print(f"Vorschau unter http://{dev_addr}/ – beenden mit Strg+C. Änderungen in {paths.data} werden übernommen.", flush=True)
    try:
        mkdocs_serve(config_file=config_file, livereload=True, dev_addr=dev_addr, extra=extra, **overrides)
    finally:
        stop.set()
    return 0
