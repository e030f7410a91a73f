"""Build stage for big atlases: MkDocs in shards, several at a time, merged into one site (issue 7).

MkDocs reads and converts *every* page before it writes the first one, so its memory grows with the atlas
(1,3 GB at Brandenburg size, 9.103 pages) and it uses one core. Above `pages_per_shard` pages the build
is split:

* The pages MkDocs would build (in its own order) are dealt round-robin into shards of at most
  `pages_per_shard` pages. Round-robin spreads expensive pages (profiles) evenly. A nav entry whose page
  another shard builds is still a full nav entry (MkDocs keeps excluded pages in the nav with the title
  and URL from mkdocs.yml), so every page has the same nav as in one build.
* Each shard is a full MkDocs build in its own process with the same config; a small plugin marks every
  page of other shards as excluded (MkDocs still resolves links to them, at level INFO) and, in shards
  after the first, every static file (theme assets, maps, downloads are copied once, by shard 0).
  Up to `jobs` shards run at the same time (default: the machine's cores).
* Merge: the page folders of shards 1… move into shard 0's site; the sitemaps are joined in MkDocs' page
  order (each page from the shard that owns it, no duplicates; the site search indexes the merged site), and
  `sitemap.xml.gz` is written again with MkDocs' build timestamp (SOURCE_DATE_EPOCH).

The merged site has the same bytes as one MkDocs build of the same docs (tests/test_shards.py builds an
atlas both ways and compares every file). What a shard cannot check: anchors (`page/#abschnitt`) of links
into pages of another shard; links to missing pages fail in every shard as before (strict mode).
"""

from __future__ import annotations

import gzip
import html
import logging
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable

PAGES_PER_SHARD = 2000
_URL_BLOCK = re.compile(r"\n    <url>\n.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>")


@dataclass(frozen=True)
class Plan:
    order: list[str]  # src_uri of every page, MkDocs' order
    shards: list[list[str]]  # pages per shard
    urls: dict[str, str]  # src_uri → page url (directory URL, e.g. "angebote/x/")
    dests: dict[str, str]  # src_uri → output file (e.g. "angebote/x/index.html")
    site_url: str  # config site_url with a final "/" ("" without): sitemap <loc> = site_url + page url


def shard_size(pages: int, jobs: int) -> int:
    """Pages per shard when none is given: at least PAGES_PER_SHARD, and no more than 4 shards per process.

    Each shard pays a fixed price that grows with the whole site (MkDocs lists and checks every file of the
    docs folder, ~600.000 at Germany size), so a very big site gets fewer, larger shards."""
    return max(PAGES_PER_SHARD, -(-pages // (4 * max(jobs, 1))))


def plan(config: Any, pages_per_shard: int | None = None, jobs: int | None = None) -> Plan | None:
    """The shards for this MkDocs config, or None when one build is enough (`pages_per_shard` 0: never split;
    None: `shard_size` for `jobs` processes)."""
    from mkdocs.structure.files import get_files

    files = get_files(config)
    pages = [f for f in files.documentation_pages()]
    if pages_per_shard is None:
        pages_per_shard = shard_size(len(pages), jobs or os.cpu_count() or 1)
    if pages_per_shard <= 0 or len(pages) <= pages_per_shard:
        return None
    order = [f.src_uri for f in pages]
    count = -(-len(pages) // pages_per_shard)
    return Plan(
        order=order, shards=[order[k::count] for k in range(count)],
        urls={f.src_uri: "" if f.url == "./" else f.url for f in pages},  # the start page: "" as in search and sitemap
        dests={f.src_uri: f.dest_uri for f in pages},
        site_url=(config["site_url"] or "").rstrip("/") + "/" if config["site_url"] else "",
    )


class _OnlyShard:
    """MkDocs plugin (added at run time): exclude pages of other shards, and static files after shard 0."""

    def __init__(self, own: set[str], static: bool) -> None:
        self.own = own
        self.static = static

    def on_files(self, files, *, config):
        from mkdocs.structure.files import InclusionLevel

        for file in files:
            if file.is_documentation_page():
                if file.src_uri not in self.own:
                    file.inclusion = InclusionLevel.EXCLUDED
            elif not self.static:
                file.inclusion = InclusionLevel.EXCLUDED
        return files


class WarningCollector(logging.Handler):
    """Keeps the text of every warning MkDocs logs (a strict build fails on them; pipeline.py reports them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build_one(make_config: Callable[[Path], Any], target: Path, own: list[str], static: bool) -> tuple[list[str], str]:
    """Shard process: build the pages `own` into `target`. Returns (warnings, error)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    collector = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = make_config(target)
        config.plugins["atlas-shard"] = _OnlyShard(set(own), static=static)
        mkdocs_build(config)
        return collector.messages, ""
    except MkDocsException as exc:
        return collector.messages, str(exc) or "MkDocs-Fehler"
    finally:
        logger.removeHandler(collector)


def build(make_config: Callable[[Path], Any], shard_plan: Plan, site_dir: Path, jobs: int | None = None,
          on_shard: Callable[[int, int], None] | None = None) -> list[str]:
    """Build all shards (up to `jobs` at a time) and merge them into `site_dir`.

    `make_config(site_dir)` returns a fresh strict MkDocs config writing to that folder; it is sent to the
    shard processes, which start fresh (forkserver: they do not inherit the caller's memory, e.g. the
    loaded atlas), so it must be picklable (shard_config.ShardConfig). Returns the
    warnings and errors of all shards ([] = success); on failure `site_dir` may hold a partial site (the
    caller builds into a staging folder anyway).
    """
    site_dir = Path(site_dir)
    count = len(shard_plan.shards)
    targets = [site_dir] + [site_dir.parent / f".{site_dir.name}.shard-{k}" for k in range(1, count)]
    for target in targets[1:]:
        shutil.rmtree(target, ignore_errors=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, count))
    problems: list[str] = []
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver")) as pool:
            futures = [pool.submit(_build_one, make_config, targets[k], shard_plan.shards[k], k == 0) for k in range(count)]
            for future in futures:
                warnings, error = future.result()
                problems += warnings + ([error] if error else [])
                done += 1
                if on_shard is not None:
                    on_shard(done, count)
        if not problems:
            merge(shard_plan, targets)
    finally:
        for target in targets[1:]:
            shutil.rmtree(target, ignore_errors=True)
    return problems


def merge(shard_plan: Plan, targets: list[Path]) -> None:
    """Move the pages of shards 1… into shard 0's site and join their sitemaps (the search indexes the joined site)."""
    site = targets[0]
    owner: dict[str, int] = {}
    for k, pages in enumerate(shard_plan.shards):
        owner.update(dict.fromkeys(pages, k))
    for k, target in enumerate(targets[1:], start=1):
        for src in shard_plan.shards[k]:
            source = target / shard_plan.dests[src]
            if source.exists():
                destination = site / shard_plan.dests[src]
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, destination)
    _merge_sitemap(shard_plan, targets, owner)


def _merge_sitemap(shard_plan: Plan, targets: list[Path], owner: dict[str, int]) -> None:
    from mkdocs import utils

    sitemap = targets[0] / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    blocks: list[tuple[int, str]] = []
    position = {src: n for n, src in enumerate(shard_plan.order)}
    by_loc = {html.escape(shard_plan.site_url + url): src for src, url in shard_plan.urls.items()}
    for k, target in enumerate(targets):
        part = text if k == 0 else (target / "sitemap.xml").read_text(encoding="utf-8")
        for block in _URL_BLOCK.findall(part):
            loc = _LOC.search(block)
            src = by_loc.get(loc.group(1)) if loc else None
            if src is not None and owner.get(src) == k:
                blocks.append((position[src], block))
    blocks.sort(key=lambda b: b[0])
    first = _URL_BLOCK.search(text)
    head = text[: first.start()] if first else text[: text.rindex("</urlset>")].rstrip("\n")
    tail = text[text.rindex("\n</urlset>"):] if "\n</urlset>" in text else "\n</urlset>"
    merged = head + "".join(b for _, b in blocks) + tail
    sitemap.write_text(merged, encoding="utf-8")
    with open(f"{sitemap}.gz", "wb") as handle:
        with gzip.GzipFile(fileobj=handle, filename=f"{sitemap}.gz", mode="wb", mtime=utils.get_build_timestamp()) as gz:
            gz.write(merged.encode("utf-8"))

