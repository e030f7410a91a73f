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
After every full or dirty build Pagefind indexes the preview folder again (search_index.py, a few seconds for
a district), so the search box of the preview finds what the editor just saved; the quick first step of a big
atlas leaves the index to its second round.

Big atlases (from `QUICK_RECORDS` records, e.g. a Land) take half a minute and more to render. There an
edit of records that have pages of their own (units, centres, offers, networks, organisations,
indicators) is shown in two steps: first only *their* pages and maps are rendered, written and built
(a few seconds – the page the editor looks at), then `request_rebuild` asks the live-reload server for
a second round, which renders everything as above, so that lists, profiles, finder and exports follow.
Anything else – a new, renamed or removed record, other files, a second round – takes the normal way.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..check.validate import validate
from ..core.paths import BuildError
from ..core.problems import Problem
from ..model.atlas import Atlas
from ..model.schema import Record
from ..pages.links import record_path
from ..pages.render import site_parts
from ..pages.site import Site
from .parallel import record_count
from . import search_index
from .pipeline import Paths, generate, mkdocs_config, sigterm_interrupts
from .progress import fmt_seconds
from .write import docs_path, write_if_changed

DIRTY_WARNING = "A 'dirty' build is being performed"
QUICK_RECORDS = 2000  # from this many records an edit is shown in two steps (own pages first)
PAGE_KINDS = ("municipalities", "family_centres", "offers", "networks", "organisations", "indicators")


def changed_records(old: Atlas, new: Atlas) -> list[Record] | None:
    """The records with pages of their own that differ between two loads of the data; None when a record
    was added or removed (or another kind of record changed): then only a full render is right."""
    changed: list[Record] = []
    for kind in ("regions", "contacts", *PAGE_KINDS):
        before, after = getattr(old, kind), getattr(new, kind)
        if before.keys() != after.keys():
            return None
        differ = [record for key, record in after.items() if before[key] != record]
        if differ and kind not in PAGE_KINDS:
            return None
        changed += differ
    return changed


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
        request_rebuild: Callable[[], None] | None = None,
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
        self.request_rebuild = request_rebuild  # None: never in two steps
        self.quick_records = QUICK_RECORDS
        self._atlas: Atlas | None = None  # the data of the last complete render
        self._pending = False  # a quick step was shown; the full one is still to come
        self._quick_data: tuple[dict[Path, float], Atlas] | None = None  # data files and atlas of that step
        self.quick_pages: list[str] = []  # pages the last quick step wrote

    def theme_files(self) -> list[Path]:
        return [self.paths.config_file, self.paths.project / "overrides"]

    def rebuild(self) -> str:
        """Regenerate and build. Returns "full", "dirty", "quick" (first of two steps), "unchanged" or
        "problems" (site left as it was)."""
        data = snapshot([self.paths.data])
        if self._pending and self._quick_data is not None and self._quick_data[0] == data:
            atlas = self._quick_data[1]  # the second round of an unchanged edit: validated a moment ago
        else:
            atlas, problems = validate(self.paths.data)
            if atlas is None:
                self.on_problems(problems)
                return "problems"
        self._quick_data = None
        if self._quick(atlas, data):
            return "quick"
        self._pending = False
        report = generate(atlas, self.paths)
        self._atlas = atlas
        config = self._config(atlas)
        theme = snapshot(self.theme_files())
        full = not self.built or report.files_changed or theme != self._theme or config["nav"] != self._nav
        if not full and not report.written:
            return "unchanged"
        self._mkdocs(config, dirty=not full, pages=report.written)
        search_index.build_index(self.site_dir)  # the search box of the preview (issue 18)
        self.built, self._theme, self._nav = True, theme, config["nav"]
        return "full" if full else "dirty"

    def _quick(self, atlas: Atlas, data: dict[Path, float]) -> bool:
        """First step of two for a big atlas: only the changed records' own pages (see the module text)."""
        if (self.request_rebuild is None or not self.built or self._pending or self._atlas is None
                or record_count(atlas) < self.quick_records):
            return False
        changed = changed_records(self._atlas, atlas)
        if not changed or snapshot(self.theme_files()) != self._theme:
            return False
        docs = self.paths.docs
        if not all(docs_path(docs, record_path(record)).is_file() for record in changed):
            return False
        written: list[str] = []

        def write(path: str, content: str) -> None:
            target = docs_path(docs, path)
            if not target.is_file():  # a new file needs the full build (file list, links)
                raise _NewFile(path)
            if write_if_changed(target, content.encode("utf-8")):
                written.append(path)

        site = Site(atlas, write)
        try:
            for part in site_parts(site, changed):
                part()
        except _NewFile:
            return False  # the full render follows at once (and writes only what still differs)
        self._pending, self._quick_data = True, (data, atlas)
        self.request_rebuild()
        if written:
            self._mkdocs(self._config(atlas), dirty=True, pages=written)
        self.quick_pages = sorted(written)
        return True

    def _config(self, atlas: Atlas):
        config = mkdocs_config(atlas, self.paths, self.site_dir, strict=False)
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def _mkdocs(self, config, dirty: bool, pages: list[str] = ()) -> None:
        """MkDocs into the preview folder; `pages`: docs paths written since the last build (dirty builds)."""
        from mkdocs.commands.build import build as mkdocs_build

        if not self._started:
            config.plugins.on_startup(command="serve", dirty=True)
            self._started = True
        logger = logging.getLogger("mkdocs")
        hide = _HideDirtyWarning()
        logger.addFilter(hide)
        for handler in logger.handlers:
            handler.addFilter(hide)
        try:
            mkdocs_build(config, serve_url=self.serve_url, dirty=dirty)
        finally:
            logger.removeFilter(hide)
            for handler in logger.handlers:
                handler.removeFilter(hide)

    def close(self) -> None:
        """Forget the state MkDocs' plugins keep for dirty builds (their instances live as long as the process)."""
        from mkdocs.config.defaults import MkDocsConfig

        for plugin in MkDocsConfig.plugins.plugin_cache.values():
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
        elif result == "quick":
            pages = ", ".join(self.quick_pages[:3]) + (" …" if len(self.quick_pages) > 3 else "")
            self.say(f"Vorschau: geänderte Einträge in {fmt_seconds(time.monotonic() - start)} neu gebaut ({pages or 'keine Seite geändert'}); "
                     "Listen, Profile und Suche folgen.")


class _NewFile(Exception):
    """A quick step would add a file: not quick after all."""


def serve(paths: Paths, dev_addr: str, on_problems: Callable[[list[Problem]], None], quick_first: str = "auto") -> int:
    from mkdocs.livereload import LiveReloadServer, _serve_url

    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    site_dir = Path(tempfile.mkdtemp(prefix="atlas-serve-"))
    control_dir = Path(tempfile.mkdtemp(prefix="atlas-serve-control-"))
    try:
        atlas, problems = validate(paths.data)
        if atlas is None:
            on_problems(problems)
            return 1
        mount_path = urlsplit(atlas.config.site_url or "/").path
        # a file the preview touches to ask the server for a second round (quick step first, then all pages)
        follow_up = control_dir / "weiter"
        follow_up.write_text("0", encoding="ascii")
        preview = Preview(paths, site_dir, on_problems, _serve_url(host, int(port), mount_path),
                          request_rebuild=None if quick_first == "never" else lambda: follow_up.write_text(str(time.time_ns()), encoding="ascii"))
        if quick_first == "always":
            preview.quick_records = 0
        preview.rebuild()
        server = LiveReloadServer(builder=preview.builder, host=host, port=int(port), root=str(site_dir), mount_path=mount_path)
        server.error_handler = lambda code: (site_dir / f"{code}.html").read_bytes() if (site_dir / f"{code}.html").is_file() else None
        for folder in (paths.data, paths.content, *preview.theme_files(), control_dir):
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
        shutil.rmtree(control_dir, ignore_errors=True)
