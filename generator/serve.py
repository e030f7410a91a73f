"""`atlas serve`: preview in the browser; rebuilds when YAML, CSV, content/ or theme files change.

MkDocs' live-reload server (mkdocs.livereload) serves a temporary site folder and reloads the browser.
It watches data/, content/, overrides/ and mkdocs.yml; on a change `Preview.rebuild` runs:

1. validate the data again – while they have problems, these are printed and the last good pages stay;
2. generate the pages into the staging folder; only files whose bytes changed are written, the others
   keep their modification time (write.py);
3. MkDocs builds. When no file was added or removed and mkdocs.yml / overrides/ are unchanged, this is a
   *dirty* build: MkDocs renders only the Markdown pages and copies only the files whose source is newer
   than their output – after editing one offer: its page, the lists and profiles that show it, the finder
   and the exports, not the other few hundred pages.

Trade-off of the dirty build (preview only; `atlas build` always builds everything): pages that did not
change are not rendered again, so what they take from *other* pages stays as it was – the navigation
(fixed in mkdocs.yml here, so only the „Ziele“ entry can change) and the links to pages that were added or
removed. That is why an added or removed file, a changed nav or a theme change triggers a full build.
Material's search index is carried over between dirty builds; its merge expects one changed page, so after
an edit the preview's search can list a changed page twice until the next full build.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from .build import Paths, generate, mkdocs_config, sigterm_interrupts
from .paths import BuildError
from .problems import Problem
from .progress import fmt_seconds
from .validate import validate

DIRTY_WARNING = "A 'dirty' build is being performed"


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of all files below `folders` (or of the files given)."""
    result: dict[Path, float] = {}
    for folder in folders:
        if folder.is_file():
            result[folder] = folder.stat().st_mtime
        elif folder.is_dir():
            result.update((p, p.stat().st_mtime) for p in sorted(folder.rglob("*")) if p.is_file())
    return result


class _HideDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate; serve.py handles that itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class Preview:
    """Builds the preview site into `site_dir`: full the first time, then dirty where that is safe."""

    def __init__(
        self,
        paths: Paths,
        site_dir: Path,
        on_problems: Callable[[list[Problem]], None],
        serve_url: str | None = None,
        say: Callable[[str], None] = lambda text: print(text, flush=True),
    ) -> None:
        self.paths = paths
        self.site_dir = Path(site_dir)
        self.on_problems = on_problems
        self.serve_url = serve_url
        self.say = say
        self._theme: dict[Path, float] | None = None
        self._nav: object = None
        self._started = False
        self.built = False  # a complete site is in site_dir

    def theme_files(self) -> list[Path]:
        return [self.paths.config_file, self.paths.project / "overrides"]

    def rebuild(self) -> str:
        """Regenerate and build. Returns "full", "dirty", "unchanged" or "problems" (site left as it was)."""
        from mkdocs.commands.build import build as mkdocs_build

        atlas, problems = validate(self.paths.data)
        if atlas is None:
            self.on_problems(problems)
            return "problems"
        report = generate(atlas, self.paths)
        config = mkdocs_config(atlas, self.paths, self.site_dir, strict=False)
        if self.serve_url:
            config.site_url = self.serve_url
        theme = snapshot(self.theme_files())
        full = not self.built or report.files_changed or theme != self._theme or config["nav"] != self._nav
        if not full and not report.written:
            return "unchanged"
        if not self._started:
            config.plugins.on_startup(command="serve", dirty=True)  # Material's search keeps its index between builds
            self._started = True
        logger = logging.getLogger("mkdocs")
        hide = _HideDirtyWarning()
        logger.addFilter(hide)
        for handler in logger.handlers:
            handler.addFilter(hide)
        try:
            mkdocs_build(config, serve_url=self.serve_url, dirty=not full)
        finally:
            logger.removeFilter(hide)
            for handler in logger.handlers:
                handler.removeFilter(hide)
        self.built, self._theme, self._nav = True, theme, config["nav"]
        return "full" if full else "dirty"

    def close(self) -> None:
        """Forget the state MkDocs' plugins keep for dirty builds (their instances live as long as the process)."""
        from mkdocs.config.defaults import MkDocsConfig

        for plugin in MkDocsConfig.plugins.plugin_cache.values():
            if hasattr(plugin, "search_index_prev"):  # Material's search: else a later build in this process merges it
                plugin.search_index_prev = None
            if hasattr(plugin, "is_dirty"):
                plugin.is_dirty = False

    def builder(self) -> None:
        """The live-reload server's callback: rebuild and say what happened, never a traceback for bad data."""
        start = time.monotonic()
        try:
            result = self.rebuild()
        except BuildError as exc:
            self.say(f"Fehler: {exc}")
            raise
        if result in ("full", "dirty"):
            what = "alle Seiten" if result == "full" else "geänderte Seiten"
            self.say(f"Vorschau neu gebaut ({what}) in {fmt_seconds(time.monotonic() - start)}.")


def serve(paths: Paths, dev_addr: str, on_problems: Callable[[list[Problem]], None]) -> int:
    from mkdocs.livereload import LiveReloadServer, _serve_url

    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    site_dir = Path(tempfile.mkdtemp(prefix="atlas-serve-"))
    try:
        atlas, problems = validate(paths.data)
        if atlas is None:
            on_problems(problems)
            return 1
        mount_path = urlsplit(atlas.config.site_url or "/").path
        preview = Preview(paths, site_dir, on_problems, _serve_url(host, int(port), mount_path))
        preview.rebuild()
        server = LiveReloadServer(builder=preview.builder, host=host, port=int(port), root=str(site_dir), mount_path=mount_path)
        server.error_handler = lambda code: (site_dir / f"{code}.html").read_bytes() if (site_dir / f"{code}.html").is_file() else None
        for folder in (paths.data, paths.content, *preview.theme_files()):
            if folder.exists():
                server.watch(str(folder))
        print(f"Vorschau unter {preview.serve_url} – beenden mit Strg+C. Änderungen in {paths.data} werden übernommen.", flush=True)
        try:
            with sigterm_interrupts():  # a stopped job or `kill` ends the preview like Strg+C: clean-up runs
                server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            preview.close()
        return 0
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
