"""Build stage: validated Atlas → generated Markdown in the staging folder → MkDocs → site/.

`site/` is replaced only when every step succeeded: MkDocs builds into a temporary folder beside it,
which is swapped in at the end (publish.py). A failed check or build – bad data, a template or plugin
error, a MkDocs warning, a full disk, Strg+C or SIGTERM – leaves the previous site byte for byte as it
was and removes the half-built folder. Failures other than bad data become a `BuildError` with a German
one-line message (failures.py). The same data give the same bytes: MkDocs' build date (sitemap
`lastmod`, the header of sitemap.xml.gz) is SOURCE_DATE_EPOCH if set, else the atlas' `data_date`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# Material and mkdocs-get-deps print banners about MkDocs 2.0 on every run; they are not warnings
# about this site, so silence them before mkdocs is imported.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

from ..check.validate import validate  # noqa: E402
from ..core import formatting, i18n  # noqa: E402
from ..core.markup import html_attr  # noqa: E402
from ..core.paths import BuildError, Paths  # noqa: E402
from ..core.problems import Problem  # noqa: E402
from ..model.atlas import Atlas  # noqa: E402
from ..pages.privacy_notice import with_third_party_section  # noqa: E402
from ..pages import search_marks  # noqa: E402
from ..pages.render import render_site  # noqa: E402
from ..pages.site import DEFAULT_EXAMPLE_NOTICE  # noqa: E402
from . import parallel, search_index, shards, theme_css  # noqa: E402
from .failures import disk_error, internal_error  # noqa: E402
from .progress import LOAD, MKDOCS, PUBLISH, RENDER, SEARCH, WRITE, Progress, or_quiet  # noqa: E402
from .publish import publish, recover, remove, staging_dir  # noqa: E402
from .shard_config import ShardConfig, with_atlas_additions  # noqa: E402
from .write import DocsSync, WriteReport  # noqa: E402


def generate(atlas: Atlas, paths: Paths, progress: Progress | None = None, *, jobs: int | None = None) -> WriteReport:
    """Render every page and write it (with content/ and assets) into the staging folder.

    Pages go to the docs folder as they are rendered (DocsSync), so memory does not grow with the number
    of pages. Only files whose bytes changed are written (write.py); the report says which (serve.py uses it).
    A big atlas renders in `jobs` processes (default: the machine's cores; parallel.py).
    """
    progress = or_quiet(progress)
    tiles = atlas.config.map.tiles
    with progress.stage(RENDER, unit="Dateien") as stage:
        sync = DocsSync(
            paths.content, paths.docs,
            rewrite=lambda name, data: with_third_party_section(name, data, tiles),  # Datenschutz: map tiles
            on_file=lambda done, _total: stage.update(done, None),
        )
        workers = parallel.processes(atlas, jobs)
        if workers > 1:
            parallel.render_in_processes(atlas, sync, workers, on_part=lambda done: stage.update(done, None))
        else:
            render_site(atlas, sink=sync.write)
        stage.update(len(sync.generated), len(sync.generated))
    with progress.stage(WRITE, unit="Dateien") as stage:
        report = sync.finish()
        stage.update(report.total, report.total)
        stage.note = f"{fmt_count(len(report.written), 'geändert', 'geändert')}, {fmt_count(len(report.removed), 'entfernt', 'entfernt')}"
    if report.collisions:
        raise BuildError(
            "Handgeschriebene Seiten in content/ haben denselben Pfad wie erzeugte Seiten: " + ", ".join(report.collisions)
        )
    return report


def fmt_count(count: int, one: str, many: str) -> str:
    return f"{formatting.fmt_number(count)} {one if count == 1 else many}"


def mkdocs_overrides(atlas: Atlas, paths: Paths, site_dir: Path) -> dict:
    """Values from data/atlas.yaml that replace the placeholders in mkdocs.yml."""
    cfg = atlas.config
    return dict(
        config_file=str(paths.config_file),
        docs_dir=str(paths.docs),
        site_dir=str(site_dir),
        # The theme prints these unescaped (also inside attributes): escaped here, as Markup so that
        # the places that do escape (`| e`) leave them alone.
        site_name=html_attr(cfg.title),
        site_description=html_attr(cfg.description),
        site_url=cfg.site_url or "",
        copyright=html_attr(f"{cfg.publisher} · Daten: {cfg.licence.id}"),
    )


def extra_values(atlas: Atlas) -> dict[str, str]:
    """Texts the theme overrides read from `config.extra`."""
    return {
        "example_notice": (atlas.config.example_notice or DEFAULT_EXAMPLE_NOTICE) if atlas.has_example_data else "",
        "data_date_text": formatting.fmt_date(atlas.config.data_date),
        "report_url": atlas.config.report_url or "",
        "search_ranking": search_marks.ranking_json(),  # the search box's ranking (issue 18)
        "search_areas": "yes" if search_marks.split_search(atlas) else "",  # one search index per planning region (issue 18)
        "languages": i18n.switcher(atlas.config.languages),  # the language switcher (issue 22); none for a German-only atlas
    }


DISTRICT_PAGE = "landkreis/index.md"  # the path stays for every kind of area (stable URLs)
LEBENSLAGEN_PAGE = "lebenslagen/index.md"  # „Was ist passiert?“ (generator/pages/lebenslagen.py)
TERMINE_PAGE = "termine/index.md"  # Termine (generator/pages/termine.py, issue 21)


def navigation(nav: list | None, atlas: Atlas) -> list | None:
    """The fixed nav of mkdocs.yml, plus „Ziele“ after „Kennzahlen“ when the atlas has targets; the entry
    „Landkreis“ of the district's page is named after the area's kind („Stadt“, „Region“, „Land“)."""
    if nav:
        area = atlas.area.label
        nav = [{area: DISTRICT_PAGE} if isinstance(i, dict) and i == {"Landkreis": DISTRICT_PAGE} else i for i in nav]
    if nav and atlas.lebenslagen and not any(isinstance(i, dict) and LEBENSLAGEN_PAGE in i.values() for i in nav):
        # „Was ist passiert?“ (issue 20) before „Angebote“, only when the atlas has life situations
        at = next((n for n, item in enumerate(nav) if isinstance(item, dict) and "Angebote" in item), len(nav))
        nav = [*nav[:at], {"Was ist passiert?": LEBENSLAGEN_PAGE}, *nav[at:]]
    if nav and atlas.events and not any(isinstance(i, dict) and TERMINE_PAGE in i.values() for i in nav):
        at = next((n + 1 for n, item in enumerate(nav) if isinstance(item, dict) and "Netzwerke" in item), len(nav))  # after „Netzwerke“
        nav = [*nav[:at], {"Termine": TERMINE_PAGE}, *nav[at:]]
    if not nav or not atlas.targets or any(isinstance(i, dict) and "ziele/index.md" in i.values() for i in nav):
        return nav
    entries = list(nav)
    position = next((n + 1 for n, item in enumerate(entries) if isinstance(item, dict) and "kennzahlen/index.md" in item.values()), len(entries))
    entries.insert(position, {"Ziele": "ziele/index.md"})
    return entries


class _CountPages:
    """A MkDocs plugin (added at run time) that reports each built page to a progress stage."""

    def __init__(self, stage) -> None:
        self.stage = stage
        self.done = 0
        self.total: int | None = None

    def on_files(self, files, *, config):
        self.total = len(files.documentation_pages())
        self.stage.update(0, self.total)
        return files

    def on_post_page(self, output, *, page, config):
        self.done += 1
        self.stage.update(self.done, self.total)
        return output


def mkdocs_config(atlas: Atlas, paths: Paths, site_dir: Path, *, strict: bool = True):
    """The MkDocs config of `atlas build` (placeholders of mkdocs.yml filled in, nav with „Ziele“)."""
    from mkdocs.config import load_config

    config = load_config(strict=strict, **mkdocs_overrides(atlas, paths, site_dir))
    config.extra.update(extra_values(atlas))
    config["nav"] = navigation(config["nav"], atlas)
    with_atlas_additions(config)
    return config


def shard_config(atlas: Atlas, paths: Paths, config) -> ShardConfig:
    """The values of `config` a shard process needs (shard_config.py), made here where the atlas is loaded."""
    overrides = mkdocs_overrides(atlas, paths, Path(config["site_dir"]))
    return ShardConfig({k: str(v) if isinstance(v, str) else v for k, v in overrides.items()}, extra_values(atlas), config["nav"])


def count_pages(config, stage) -> None:
    """Let `stage` count the pages MkDocs builds with `config` (MkDocs calls the plugin's event methods)."""
    config.plugins["atlas-progress"] = _CountPages(stage)


def run_mkdocs(atlas: Atlas, paths: Paths, site_dir: Path, progress: Progress | None = None, *,
               jobs: int | None = None, pages_per_shard: int | None = None) -> None:
    """Build with MkDocs in strict mode: any warning fails the build (and is reported).

    Above `pages_per_shard` pages the build runs in shards, up to `jobs` processes at a time (shards.py).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    collector = shards.WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        with or_quiet(progress).stage(MKDOCS) as stage:
            config = mkdocs_config(atlas, paths, site_dir)
            shard_plan = shards.plan(config, pages_per_shard, jobs)
            if shard_plan is None:
                count_pages(config, stage)
                mkdocs_build(config)
            else:
                sizes = [len(pages) for pages in shard_plan.shards]
                stage.update(0, sum(sizes))
                problems = shards.build(shard_config(atlas, paths, config), shard_plan, site_dir, jobs,
                                        on_shard=lambda done, _count: stage.update(sum(sizes[:done]), sum(sizes)))
                if problems:
                    raise BuildError(f"MkDocs-Build fehlgeschlagen: {'; '.join(problems)}")
    except MkDocsException as exc:
        details = "; ".join(collector.messages) or str(exc)
        raise BuildError(f"MkDocs-Build fehlgeschlagen: {details}") from None
    finally:
        logger.removeHandler(collector)


@contextmanager
def build_date(atlas: Atlas) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for MkDocs while it builds: the caller's value, else `data_date` 00:00 UTC.

    Set only for the build and restored afterwards, so that a second atlas built in the same process
    gets its own date.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        if not given.strip().isdigit():
            raise BuildError(f"SOURCE_DATE_EPOCH muss eine ganze Zahl (Sekunden seit 1970) sein, nicht „{given}“")
        yield
        return
    midnight = dt.datetime.combine(atlas.config.data_date, dt.time(), dt.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a stopped CI job, `kill`) ends the build like Strg+C, so its clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def build(paths: Paths, progress: Progress | None = None, *, jobs: int | None = None,
          pages_per_shard: int | None = None) -> list[Problem]:
    """Validate, generate and build. Returns data problems (site untouched) or [] on success.

    Raises BuildError (German message) for every other failure, KeyboardInterrupt when interrupted;
    in both cases site/ is unchanged and no half-built folder is left. `progress` shows the stages
    (progress.py); None shows nothing.
    """
    progress = or_quiet(progress)
    with sigterm_interrupts():
        try:
            recover(paths.site)
            with progress.stage(LOAD) as stage:
                atlas, problems = validate(paths.data)
                stage.failed = atlas is None
            if atlas is None:
                return problems
            generate(atlas, paths, progress, jobs=jobs)
            paths.site.parent.mkdir(parents=True, exist_ok=True)
            staging = staging_dir(paths.site)
            try:
                with build_date(atlas):
                    run_mkdocs(atlas, paths, staging, progress, jobs=jobs,
                               pages_per_shard=pages_per_shard)
                theme_css.trim_theme_css(staging)  # the theme's CSS without rules for components no page has
                with progress.stage(SEARCH, unit="Seiten") as stage:  # the last step: Pagefind reads the built HTML
                    index = search_index.build_index(staging)
                    stage.update(index.pages, index.pages)
                with progress.stage(PUBLISH):
                    publish(staging, paths.site)
            finally:
                remove(staging)
        except BuildError:
            raise
        except OSError as exc:
            raise disk_error(exc) from None
        except Exception as exc:
            raise internal_error(exc, paths.build) from None
    return []
