"""Build-speed benchmark (issue 7). Run from the repository root:

    python benchmarks/run.py --sizes pm,bb,de [--work DIR] [--json FILE]

Sizes: pm (1 district), bb (14 districts, Brandenburg), de (400 districts, Germany), or NAME:N for N
districts (e.g. de40:40). For every size it writes synthetic data (benchmarks/synth.py) and runs each
stage group in its own process, so that the peak memory (ru_maxrss) belongs to that stage:

* validate  – load + validate + model (the model part is timed separately, build_atlas),
* generate  – render Markdown, maps and charts (render_site) + write the docs folder (build.generate),
* mkdocs    – the generator's MkDocs build (build.run_mkdocs, strict; above 2.000 pages in shards, as
              many processes at a time as the machine has cores – generator/build/shards.py),
* search    – the site search: Pagefind indexes the built site (generator/build/search_index.py; after the
              mkdocs stage), then the start page is opened in Chromium and queries are typed into the search
              box (benchmarks/search_weight.py): bytes one query loads, start and query apart. Indexing speed is
              given as a ratio to the MkDocs stage of the same run (seconds per page, index/MkDocs).
* plain     – plain MkDocs on the same generated docs folder, with the same mkdocs.yml (INHERIT),
              nav and theme values and the theme's texts (benchmarks/plain_theme.py), plus hooks that time every
              page (benchmarks/page_timer.py).
* serve     – `atlas serve` on a copy of the same data (benchmarks/serve_rebuild.py): the time until the
              preview first serves a page (its full build), then, `--serve-repeats` times, from saving one
              offer with a new title to the served page showing it and to every page (the offers' CSV
              export) showing it. By default only for the sizes pm and bb (`--serve-sizes`): the first
              preview build at Germany size alone takes as long as a full build.

Each child process also loads and validates the data first (not timed) where it needs the atlas; its
peak memory includes that atlas. Peak memory is sampled over the stage's process and its children together
(the MkDocs shards), so it is what the machine needs for that stage. Reported per size: wall time per stage, the CPU
seconds of each stage's process and all it started (`process_cpu`: not inflated by a busy machine), peak RSS per stage, pages
written, pages per second, size of site/ and of the search index (Pagefind bundle on disk, indexing time and
bytes one query loads), the generator's own
stages as a share of the plain MkDocs build, the MkDocs time per page with and without a map, and the
preview's times (serve). Output: a Markdown table on stdout and JSON (--json), and after each stage the size's
measurements so far in <work>/<size>/stages.json (a run of hours that is stopped keeps them). Nothing here asserts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
SIZES = {"pm": 1, "bb": 14, "de": 400}
CHILD_STAGES = ("validate", "generate", "mkdocs", "search", "plain")  # each in its own process (run_child)
STAGES = (*CHILD_STAGES, "serve")
SERVE_SIZES = ("pm", "bb")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class TreeMemory:
    """Samples the resident memory of this process *and its children* (render workers and MkDocs shards
    run in child processes, several at a time) every 0,2 s (less often when sampling is slow: at most 5 % of a core);
    `peak_mb` is the highest sum seen (with
    children: of the proportional set sizes, so that pages shared after a fork count once). Linux /proc only."""

    def __init__(self) -> None:
        import threading

        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_kib / 1024

    def _run(self) -> None:
        pause = 0.2
        while not self._stop.wait(pause):
            begin = time.perf_counter()
            self.peak_kib = max(self.peak_kib, self._tree_rss())
            # reading the PSS of several GB-sized processes takes the kernel tens of milliseconds each: keep the
            # sampler under 5 % of one core so that it does not slow down what it measures
            pause = max(0.2, 20 * (time.perf_counter() - begin))

    @staticmethod
    def _tree_rss() -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                rss[int(entry.name)] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
            except (OSError, IndexError, ValueError):
                continue
        mine = {os.getpid()}
        grew = True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in mine and pid not in mine:
                    mine.add(pid)
                    grew = True
        if len(mine) == 1:
            return rss.get(os.getpid(), 0)
        # several processes: forked render workers share the parent's pages (copy-on-write), which RSS
        # would count once per process; the proportional set size (PSS) counts a shared page once in all
        return sum(TreeMemory._pss(pid, rss.get(pid, 0)) for pid in mine)

    @staticmethod
    def _pss(pid: int, fallback: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return fallback


def _paths(data: Path, work: Path):
    from generator.core.paths import Paths

    return Paths.create(ROOT, data, work / "site", work / "build")


def _timed(function, total: list[float], note=None):
    """`function`, adding the seconds of every call to total[0] (and calling note(args) after each)."""

    def timed(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            total[0] += time.perf_counter() - begin
            if note is not None:
                note(args)

    return timed


def child(stage: str, data: Path, work: Path) -> dict:
    """Run one stage group in this process; returns its measurements."""
    import generator.check.validate as validate_mod

    model_time = [0.0]
    validate_mod.build_atlas = _timed(validate_mod.build_atlas, model_time)
    paths = _paths(data, work)
    memory = TreeMemory().__enter__()
    start = time.perf_counter()
    atlas, problems = validate_mod.validate(paths.data)
    t_validate = time.perf_counter() - start
    if atlas is None:
        raise SystemExit("\n".join(map(str, problems[:20])))
    result: dict = {}
    if stage == "validate":
        result = {"load_validate": t_validate - model_time[0], "model": model_time[0]}
    elif stage == "generate":
        import generator.build.pipeline as build_mod

        render_time = [0.0]  # in one process (render_site) or in several (render_in_processes)
        build_mod.render_site = _timed(build_mod.render_site, render_time)
        build_mod.parallel.render_in_processes = _timed(build_mod.parallel.render_in_processes, render_time,
                                                           lambda args: result.update(render_processes=args[2]))
        begin = time.perf_counter()
        build_mod.generate(atlas, paths)
        total = time.perf_counter() - begin
        # the render stage streams every page into the docs folder as it is made: "render" includes
        # writing the pages; "write" is the rest (content/, assets, removing stale files)
        result.update(render=render_time[0], write=total - render_time[0])
        _write_plain_config(atlas, paths, work)
    elif stage == "mkdocs":
        from generator.build.pipeline import build_date, run_mkdocs

        site = work / "site"
        begin = time.perf_counter()
        with build_date(atlas):
            run_mkdocs(atlas, paths, site)
        result = {"mkdocs": time.perf_counter() - begin}
    elif stage == "search":
        from generator.build.search_index import build_index

        begin = time.perf_counter()
        index = build_index(work / "site")
        result = {"index_s": time.perf_counter() - begin, "indexed_pages": index.pages, "bundle_bytes": index.bytes,
                  "bundle_files": index.files}
    elif stage == "plain":
        os.environ["ATLAS_PAGE_TIMES"] = str(work / "page_times.json")
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        begin = time.perf_counter()
        mkdocs_build(load_config(str(work / "plain-mkdocs.yml"), strict=True))
        result = {"plain": time.perf_counter() - begin}
    memory.__exit__()
    result["peak_mb"] = max(_peak_mb(), memory.peak_mb)  # this process and its children together (shards)
    return result


def _write_plain_config(atlas, paths, work: Path) -> None:
    """mkdocs.yml for the plain build: the project's file (INHERIT) with the generator's values filled in."""
    import yaml

    from generator.build.pipeline import extra_values, mkdocs_overrides, navigation

    project = yaml.safe_load(paths.config_file.read_text(encoding="utf-8"))
    overrides = mkdocs_overrides(atlas, paths, work / "site-plain")
    overrides.pop("config_file")
    theme = dict(project["theme"])
    theme["custom_dir"] = str((paths.config_file.parent / theme["custom_dir"]).resolve())
    config = {
        "INHERIT": str(paths.config_file.resolve()), **overrides, "theme": theme,
        "extra": {**(project.get("extra") or {}), **extra_values(atlas)},
        "nav": navigation(project.get("nav"), atlas),
        # the theme's texts (plain_theme.py: the overrides need its template globals), then the timer of every page
        "hooks": [str(Path(__file__).with_name("plain_theme.py")), str(Path(__file__).with_name("page_timer.py"))],
    }
    (work / "plain-mkdocs.yml").write_text(yaml.safe_dump(_plain(config), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plain(value: Any) -> Any:
    """The config with str subclasses (the escaped Markup of site_name …) as plain str, which safe_dump accepts."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPUACCT = Path("/sys/fs/cgroup/cpuacct")  # cgroup v1 CPU accounting, where the machine offers it (root)
_GROUPS = itertools.count(1)


def _cpu_group() -> Path | None:
    """A new cpuacct cgroup below this process's own, or None where there is none or it cannot be made. Below its own:
    the group's CPU still counts in an enclosing measured group (benchmarks/suite_time.py when the suite runs this)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
        own = next(line.split(":", 2)[2] for line in lines if "cpuacct" in line.split(":", 2)[1].split(","))
        group = CPUACCT / own.lstrip("/") / f"atlas-bench-{os.getpid()}-{next(_GROUPS)}"
        group.mkdir()
        (group / "cpuacct.usage").write_text("0")
    except (OSError, StopIteration, IndexError):
        return None
    return group


def _stage_cpu(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run a stage's process; returns it and the CPU seconds of everything it started. Exact in a cgroup of its own:
    the MkDocs shards run under a forkserver that the stage never waits for, so its rusage misses them; where
    there is no cgroup, the rusage of the processes it waited for."""
    group, before = _cpu_group(), _children_cpu()
    join = (lambda: (group / "cgroup.procs").write_text(str(os.getpid()))) if group else None
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, preexec_fn=join)
    if group is None:
        return proc, _children_cpu() - before
    cpu = int((group / "cpuacct.usage").read_text()) / 1e9
    for _ in range(10):  # the forkserver ends a moment after the stage's process
        try:
            group.rmdir()
            break
        except OSError:
            time.sleep(0.2)
    return proc, cpu


def run_child(stage: str, data: Path, work: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__)), "--child", stage, "--data", str(data), "--work", str(work)]
    start = time.perf_counter()
    proc, cpu = _stage_cpu(cmd)
    if proc.returncode != 0:
        raise SystemExit(f"stage {stage} failed:\n{proc.stderr[-4000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - start
    # CPU seconds of the stage's process and all it started (the MkDocs shards, the render workers, Pagefind):
    # unlike the wall time, it does not grow when the shared machine is busy
    result["process_cpu"] = cpu
    return result


def serve_stage(data: Path, repeats: int) -> dict:
    """Save → page in `atlas serve` (benchmarks/serve_rebuild.py), on a copy of `data` in its own build folder."""
    import statistics

    from serve_rebuild import measure as serve_measure

    times = serve_measure(data, repeats=repeats, log=lambda text: print(text, file=sys.stderr, flush=True))
    page, every = [run[0] for run in times["runs"]], [run[1] for run in times["runs"]]
    return {"ready": times["ready"], "page": page, "all": every,
            "page_median": statistics.median(page), "all_median": statistics.median(every)}


def _dir_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_index(site: Path) -> dict:
    """The Pagefind bundle on disk and the bytes of a first search in Chromium (benchmarks/search_weight.py).

    In a thread of its own: Playwright's sync API refuses to start in a thread that already runs an event loop
    (a test process whose browser fixture is open)."""
    from concurrent.futures import ThreadPoolExecutor

    from search_weight import summary

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(summary, site).result()


def page_costs(times_file: Path) -> dict:
    """MkDocs time per page (Markdown + template), for pages with and without a map."""
    if not times_file.is_file():
        return {}
    times = json.loads(times_file.read_text(encoding="utf-8"))
    with_map = [s for s, m in times.values() if m]
    without = [s for s, m in times.values() if not m]
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    sections: dict[str, list[float]] = {}
    for src, (seconds, has_map) in times.items():
        sections.setdefault(src.split("/")[0] + (" [Karte]" if has_map else ""), []).append(seconds)
    by_section = {k: [len(v), round(1000 * mean(v), 2)] for k, v in sorted(sections.items())}
    centre = by_section.get("familienzentren [Karte]", [0, 0.0])[1]
    offer = by_section.get("angebote", [0, 0.0])[1]
    # profiles carry a map *and* 29 charts with data tables: without them the comparison is about the map
    maps_no_profile = [s for src, (s, m) in times.items() if m and not src.startswith("sozialraeume/")]
    return {"map_pages": len(with_map), "other_pages": len(without), "ms_per_map_page": 1000 * mean(with_map),
            "ms_per_other_page": 1000 * mean(without), "map_ratio": mean(with_map) / mean(without) if without and with_map else 0.0,
            "map_ratio_without_profiles": mean(maps_no_profile) / mean(without) if without and maps_no_profile else 0.0,
            "centre_vs_offer": centre / offer if offer else 0.0, "by_section": by_section}


def _count_records(data: Path) -> dict[str, int]:
    """Record counts of an existing synthetic data folder (as synth.generate returns them)."""
    kinds = ["units", "family_centres", "offers", "networks", "contacts", "organisations"]
    folders = {"units": "municipalities"}
    counts = {k: sum(1 for _ in (data / folders.get(k, k)).glob("*.yaml")) for k in kinds}
    counts["districts"] = sum(1 for _ in (data / "regions").glob("*.yaml"))
    return counts


def measure(name: str, districts: int, work: Path, stages=STAGES, reuse: bool = False, serve_repeats: int = 3,
            **shape) -> dict:
    """Synthetic data for `districts` (`shape`: further arguments of synth.generate), then every stage in its own process.

    `reuse`: take the data folder of an earlier run of the same size if there is one (Germany size takes
    minutes to write). `serve_repeats`: edits measured in the serve stage."""
    from synth import generate as synth

    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    start = time.perf_counter()
    counts = _count_records(data) if reuse and (data / "atlas.yaml").is_file() else synth(data, districts, **shape)
    result: dict = {"size": name, "districts": districts, "counts": counts, "synth_s": time.perf_counter() - start, "cpus": os.cpu_count()}
    for stage in stages:
        key = "search_stage" if stage == "search" else stage  # result["search"]: the measured index (below)
        result[key] = serve_stage(data, serve_repeats) if stage == "serve" else run_child(stage, data, work)
        # each stage as it ends: a run at Germany size takes hours, and what was measured stays if it is stopped
        (work / "stages.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    docs = work / "build" / "docs"
    site = work / "site"
    result["pages"] = sum(1 for _ in docs.rglob("*.md"))
    result["docs_files"] = sum(1 for p in docs.rglob("*") if p.is_file())
    result["site_bytes"] = _dir_bytes(site) if site.is_dir() else 0
    result["search"] = search_index(site) if "search" in stages else {}
    result["page_costs"] = page_costs(work / "page_times.json")
    return summarise(result)


def summarise(r: dict) -> dict:
    """Derived figures: totals, pages per second, the generator's share of MkDocs."""
    v, g, m = r.get("validate", {}), r.get("generate", {}), r.get("mkdocs", {})
    own = v.get("load_validate", 0) + v.get("model", 0) + g.get("render", 0) + g.get("write", 0)
    r["own_s"] = own
    r["total_s"] = own + m.get("mkdocs", 0)
    r["peak_mb"] = max((r.get(s, {}).get("peak_mb", 0) for s in ("validate", "generate", "mkdocs")), default=0)
    r["pages_per_s"] = r["pages"] / r["total_s"] if r["total_s"] else 0
    if "mkdocs" not in r:
        r["total_s"] = 0  # not measured
    plain = r.get("plain", {}).get("plain", 0)
    r["own_vs_plain"] = own / plain if plain else 0
    r["plain_pages_per_s"] = r["pages"] / plain if plain else 0
    return r


def _areas_cell(r: dict) -> str:
    """A search split by planning region (search_weight.areas): regions, the largest one's pages and what a first
    search on one of its pages loads, and what widening to the whole atlas adds."""
    a = r["search"].get("areas")
    return f"{a['areas']}, {a['largest_pages']}, {a['max_start'] / 1e3:.0f} + {a['max_query'] / 1e3:.0f}, + {a['max_wide'] / 1e3:.0f}" if a else "–"


COLUMNS = [
    ("size", lambda r: f"{r['size']} ({r['districts']} Kr., {r['counts']['units']} SR)"),
    ("pages", lambda r: str(r["pages"])),
    ("load+validate s", lambda r: f"{r['validate']['load_validate']:.1f} / {r['validate']['peak_mb']:.0f} MB"),
    ("model s", lambda r: f"{r['validate']['model']:.2f}"),
    ("render+write s", lambda r: f"{r['generate']['render'] + r['generate']['write']:.1f} / {r['generate']['peak_mb']:.0f} MB"),
    ("MkDocs s", lambda r: f"{r['mkdocs']['mkdocs']:.1f} / {r['mkdocs']['peak_mb']:.0f} MB"),
    ("total s", lambda r: f"{r['total_s']:.1f}"),
    ("CPU s: validate, generate, MkDocs", lambda r: ", ".join(f"{r[s]['process_cpu']:.0f}" for s in ("validate", "generate", "mkdocs"))),
    ("peak MB", lambda r: f"{r['peak_mb']:.0f}"),
    ("pages/s", lambda r: f"{r['pages_per_s']:.0f}"),
    ("plain MkDocs s (pages/s)", lambda r: f"{r['plain']['plain']:.1f} ({r['plain_pages_per_s']:.0f})"),
    ("own/plain", lambda r: f"{r['own_vs_plain']:.2f}"),
    ("map page/other: all, without profiles, centre/offer", lambda r: f"{r['page_costs']['map_ratio']:.2f}, "
     f"{r['page_costs']['map_ratio_without_profiles']:.2f}, {r['page_costs']['centre_vs_offer']:.2f}"),
    ("site MB", lambda r: f"{r['site_bytes'] / 1e6:.1f}"),
    ("search index s (× MkDocs s/page)", lambda r: f"{r['search_stage']['index_s']:.1f} "
     f"({(r['search_stage']['index_s'] / r['search_stage']['indexed_pages']) / (r['mkdocs']['mkdocs'] / r['pages']):.2f})"),
    ("search bundle MB (files)", lambda r: f"{r['search']['disk']['bytes'] / 1e6:.1f} ({r['search']['disk']['files']})"),
    ("first search kB: before, start + query (max)", lambda r: f"{r['search']['before'] / 1e3:.0f}, "
     f"{r['search']['queries'][0]['start'] / 1e3:.0f} + {r['search']['max_query'] / 1e3:.0f}"),
    ("search by region: areas, largest (pages), first search there kB start + query, whole atlas + kB", lambda r: _areas_cell(r)),
    ("preview s: first build; save → page, → all (median of n)", lambda r: f"{r['serve']['ready']:.1f}; "
     f"{r['serve']['page_median']:.1f}, {r['serve']['all_median']:.1f} (n={len(r['serve']['page'])})"),
]


def _cell(fn, r: dict) -> str:
    try:
        return fn(r)
    except (KeyError, ZeroDivisionError):
        return "–"  # stage not run (--stages)


def report(results: list[dict]) -> str:
    """Markdown table, one row per size (times in s; `x / y MB` = time / peak memory of that stage)."""
    cpus = results[0]["cpus"] if results else os.cpu_count()
    lines = [f"Machine: {cpus} cores, Python {sys.version.split()[0]}", "",
             "| " + " | ".join(c for c, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_cell(fn, r) for _, fn in COLUMNS) + " |" for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="pm,bb", help="pm, bb, de or NAME:DISTRICTS, comma-separated")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--json", type=Path, help="write all measurements as JSON")
    parser.add_argument("--stages", default=",".join(STAGES), help="stage groups to run (default: all): " + ", ".join(STAGES))
    parser.add_argument("--reuse-data", action="store_true", help="use the data folder of an earlier run of the same size in --work")
    parser.add_argument("--serve-sizes", default=",".join(SERVE_SIZES),
                        help="sizes whose serve stage runs (default: pm,bb; 'all' for every size)")
    parser.add_argument("--serve-repeats", type=int, default=3, help="edits measured in the serve stage (default: 3)")
    parser.add_argument("--languages", help="the site's languages, variants separated by '/': each size is measured once per "
                        "variant, e.g. de/de,en,uk,ar (default: those of the example atlas)")
    parser.add_argument("--child", choices=CHILD_STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.data, args.work)))
        return 0
    stages = tuple(args.stages.split(","))
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(unknown)} (known: {', '.join(STAGES)})")
    serve_sizes = set(args.serve_sizes.split(","))
    results = []
    variants = [v.split(",") for v in args.languages.split("/")] if args.languages else [None]
    for spec in args.sizes.split(","):
        name, _, n = spec.partition(":")
        size_stages = tuple(s for s in stages if s != "serve" or "all" in serve_sizes or name in serve_sizes)
        for languages in variants:
            label = f"{name}-{'+'.join(languages)}" if languages else name
            shape = {"languages": languages} if languages else {}
            results.append(measure(label, int(n) if n else SIZES[name], args.work / label, size_stages, args.reuse_data,
                                   args.serve_repeats, **shape))
            print(report(results[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
            if args.json:
                args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
