"""Shared helpers: build an atlas from a data folder into a temp dir and read the HTML it wrote.

Sites that several tests only read are built once per test run (`shared_build`): with pytest-xdist
(`-n auto` in pyproject.toml) the first worker that needs a site builds it into the run's temp folder under
a file lock, the other workers wait for it and read the same files. A test that changes a site copies it.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from generator.cli import main

# Python's byte-code cache for the run (issue 16, point 6: the suite's time). Where PYTHONDONTWRITEBYTECODE is set
# (the project's machines set it), every xdist worker rewrote the asserts of every test module again (collection
# 5,7 s instead of 3,0 s per worker) and every `atlas` process a test starts compiled the generator's modules again
# (0,4 s each). This file is read before the workers start, so they and the processes they start inherit it.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Python's cyclic garbage collector, tuned for a long-lived test worker (issue 16, point 6). A worker runs for the
# whole suite and leaves much cyclic garbage (BeautifulSoup's, Markdown's and MkDocs' trees of every build and
# page it reads): with Python's defaults (700, 10, 10) each full collection walked millions of objects. Measured
# by benchmarks/suite_time.py in the same hour: the three workers collected for 25,6 s with the defaults and for
# 10,2 s with these (young objects after 2.000 allocations instead of 700, a full collection after 100 collections
# of the middle generation instead of 10); the suite took 521 s of CPU instead of 539 s; a worker's peak memory
# 392–517 MB instead of 389–401 MB. Each worker reads this file, and so sets it for itself.
GC_THRESHOLDS = (2000, 10, 100)
gc.set_threshold(*GC_THRESHOLDS)


def pytest_configure(config: pytest.Config) -> None:
    """Compiled templates (generator/core/template_cache.py) in a folder of this run, empty at its start: every
    process of the run (workers, the `atlas` processes they start, shard processes) shares it, and no run reads what
    an earlier one left in the user's cache folder (unless ATLAS_CACHE_DIR is set: then that folder, on purpose).
    Set before the xdist workers start, which inherit it."""
    if os.environ.get("ATLAS_TEST_TIMELINE"):
        _phase_cpu()  # a worker's own CPU group, before it collects the tests
        gc.callbacks.append(_time_collections)
    if not os.environ.get("PYTEST_XDIST_WORKER") and not os.environ.get("ATLAS_CACHE_DIR"):
        folder = tempfile.mkdtemp(prefix="atlas-test-cache-")
        os.environ["ATLAS_CACHE_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"


def build_site(data: Path, out: Path) -> Path:
    """Run `atlas build` for `data` with the repository's mkdocs.yml, content/ and overrides/."""
    code = main(["build", "--project", str(REPO), "--data", str(data), "--site", str(out / "site"), "--build-dir", str(out / "build")])
    assert code == 0, "atlas build failed"
    return out / "site"


def page(site: Path, path: str) -> str:
    """Text of a built page, e.g. page(site, "sozialraeume/teststadt/")."""
    return (site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") else (site / path).read_text(encoding="utf-8")


# ------------------------------------------------------------------ workers
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def page_language(html: str) -> str:
    """The language of a built page, from `<html lang>` (issue 22: the example atlas also has en/, uk/, ar/)."""
    found = HTML_LANG.search(html)
    return found.group(1) if found else "de"


def ui_text(html: str, german: str) -> str:
    """An interface text as a built page in its language shows it: the German msgid through that language's
    catalogue (generator/locales/), unchanged on German pages."""
    from generator.core.i18n import translations

    return translations(page_language(html)).gettext(german)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: three workers per two cores (1 → 1, 2 → 3, 4 → 6). Many tests wait (a browser loading a page, a
    server answering, a build of another worker under the lock), so one worker per core leaves cores idle; two per
    core cost more than they gain: each worker collects, starts a browser and makes its per-worker fixtures again.
    Measured on 2 cores (benchmarks/suite_time.py, CPU of everything the suite started): 2 workers 527 s CPU and
    5:14 wall (cores idle), 3 workers 530–557 s and 4:38–5:00, 4 workers 576–611 s and 5:08–5:21.
    ATLAS_TEST_WORKERS overrides."""
    wanted = os.environ.get("ATLAS_TEST_WORKERS", "")
    if wanted.isdigit():
        return int(wanted)
    cores = os.cpu_count() or 1
    return cores + cores // 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `heavy` first (each group in its usual order): with one test at a time per worker (pyproject:
    --maxschedchunk 1) the long tests run side by side from the start instead of last on one worker."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


_SEEN: dict[tuple[int, str], tuple[float, tuple[int, str]]] = {}  # (pid, start) → (own CPU when last seen, its child of the worker)


def _tree_cpu() -> float:
    """CPU seconds so far of this process, the processes it reaped, and every process ever seen below it
    (Playwright's driver, Chromium's processes, servers), from Linux's /proc; 0 elsewhere. Each xdist worker has its
    own browser, so the growth of this figure over a test phase is that phase's CPU, whatever the other workers do.
    A process below the worker counts with its own time when last seen: Chromium's zygote does not wait for the
    renderers it started, so their time never reaches a parent's count of reaped children. What the worker
    reaped counts too, less the processes already seen below its ended children (builds in a subprocess)."""
    try:
        entries = [int(e) for e in os.listdir("/proc") if e.isdigit()]
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, ValueError):
        return 0.0
    stats: dict[int, list[str]] = {}
    children: dict[int, list[int]] = {}
    for pid in entries:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        stats[pid] = fields
        children.setdefault(int(fields[1]), []).append(pid)
    me = os.getpid()
    for child in children.get(me, []):
        top = (child, stats[child][19])
        todo = [child]
        while todo:
            pid = todo.pop()
            fields = stats[pid]
            _SEEN[(pid, fields[19])] = ((int(fields[11]) + int(fields[12])) / ticks, top)
            todo.extend(children.get(pid, []))
    own = stats.get(me)
    if not own:
        return 0.0
    alive = {(pid, fields[19]) for pid, fields in stats.items()}
    # what the worker reaped, less the processes below its ended children that were seen (and are counted) already
    reaped = sum(int(x) for x in own[13:15]) / ticks
    reaped -= sum(cpu for key, (cpu, top) in _SEEN.items() if top not in alive and key not in alive)
    return (int(own[11]) + int(own[12])) / ticks + max(reaped, 0.0) + sum(cpu for cpu, _ in _SEEN.values())


def _worker_group() -> Path | None:
    """With ATLAS_TEST_TIMELINE, where the machine has cgroup v1 CPU accounting and lets us (root): a cpuacct group
    of this xdist worker below the one it runs in (benchmarks/suite_time.py makes one for the run), with the worker
    moved into it. Everything the worker starts from then on is counted there, Chromium's renderers that live and
    end within one test included, which _tree_cpu never sees. None elsewhere: then _tree_cpu."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return None
    try:
        line = next(x for x in Path("/proc/self/cgroup").read_text().splitlines() if "cpuacct" in x.split(":")[1].split(","))
        group = Path("/sys/fs/cgroup/cpuacct") / line.split(":", 2)[2].lstrip("/") / f"atlas-{worker}-{os.getpid()}"
        group.mkdir()
        (group / "cgroup.procs").write_text(str(os.getpid()))
        (group / "cpuacct.usage").read_text()
    except (OSError, StopIteration, IndexError):
        return None
    return group


_CPU_MARK = [0.0]
_GROUP: list[Path | None] = []
_GC = {"spent": 0.0, "start": 0.0, "mark": 0.0}  # with ATLAS_TEST_TIMELINE: seconds this worker spent collecting garbage


def _time_collections(phase: str, info: dict[str, int]) -> None:
    """gc.callbacks: the time of each collection, on the thread that triggered it (the collector holds the GIL)."""
    if phase == "start":
        _GC["start"] = time.thread_time()
    else:
        _GC["spent"] += time.thread_time() - _GC["start"]


def _phase_cpu() -> float:
    """CPU seconds so far of this worker and everything it started: its cgroup where it has one, else _tree_cpu."""
    if not _GROUP:
        _GROUP.append(_worker_group())
    if _GROUP[0] is not None:
        try:
            return int((_GROUP[0] / "cpuacct.usage").read_text()) / 1e9
        except (OSError, ValueError):
            _GROUP[0] = None
    return _tree_cpu()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """With ATLAS_TEST_TIMELINE: the CPU of the phase just ended (and of anything since the last phase) on the
    report, for pytest_runtest_logreport in the controlling process."""
    outcome = yield
    if os.environ.get("ATLAS_TEST_TIMELINE"):
        now = _phase_cpu()
        report = outcome.get_result()
        report.user_properties.append(("cpu", now - _CPU_MARK[0]))  # the first: with the collection
        report.user_properties.append(("gc", _GC["spent"] - _GC["mark"]))
        report.user_properties.append(("peak_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
        _CPU_MARK[0], _GC["mark"] = now, _GC["spent"]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """With ATLAS_TEST_TIMELINE=<file>: one line per test phase (worker, phase, start, stop, test, CPU s, of it
    collecting garbage s, the worker's peak memory so far MB) for benchmarks/suite_time.py, written by the
    controlling process (with xdist the reports come from the workers)."""
    target = os.environ.get("ATLAS_TEST_TIMELINE")
    if target and not os.environ.get("PYTEST_XDIST_WORKER"):
        worker = getattr(getattr(report, "node", None), "gateway", None)
        measured = dict(report.user_properties)
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{worker.id if worker else 'main'}\t{report.when}\t{report.start:.3f}\t{report.stop:.3f}\t{report.nodeid}"
                      f"\t{measured.get('cpu', 0.0):.2f}\t{measured.get('gc', 0.0):.3f}\t{measured.get('peak_mb', 0.0):.0f}\n")


# ------------------------------------------------------------------ built once per test run
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every xdist worker sees (the workers' temp folders are popen-gw0, … in it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed, also if the build fails
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """`make(folder)` once per test run for all workers; returns what it returned (a path in `folder`).

    `make` writes only into the empty `folder` it is given (data/, site/, build/ as the tests had them before).
    A build that fails is not remembered: the next worker that asks tries again and fails the same way.
    """
    root = run_folder(tmp_path_factory) / "shared"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.done"
    with _locked(root / f"{name}.lock"):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            result = make(folder)
            done.write_text(str(result.relative_to(folder)), encoding="utf-8")
    return folder / done.read_text(encoding="utf-8")


def shared_value(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[], Any]) -> Any:
    """`make()` once per test run for all workers (as `shared_build`); its result must be JSON. For figures that
    take long to read, e.g. a browser's walk through every page type that several tests check."""
    def write(folder: Path) -> Path:
        target = folder / "value.json"
        target.write_text(json.dumps(make(), ensure_ascii=False), encoding="utf-8")
        return target

    return json.loads(shared_build(tmp_path_factory, name, write).read_text(encoding="utf-8"))


@contextlib.contextmanager
def without_source_date_epoch() -> Iterator[None]:
    """The build date from the atlas' data_date, whatever the shell exported (as tests/test_reproducible.py builds)."""
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test atlas, built once per test run (read only: copy it to change it)."""
    return shared_build(tmp_path_factory, "mini", lambda root: build_site(MINI, root))


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A writable copy of the small test data."""
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example atlas (data/), built once per test run without SOURCE_DATE_EPOCH (read only)."""

    def make(root: Path) -> Path:
        with without_source_date_epoch():
            return build_site(REPO / "data", root)

    return shared_build(tmp_path_factory, "example", make)


@pytest.fixture(scope="session")
def example_atlas():
    """The example atlas (data/) validated once per worker, without problems (read only)."""
    from generator.check.validate import validate

    atlas, problems = validate(REPO / "data")
    assert atlas is not None and problems == [], problems
    return atlas


@pytest.fixture(scope="session")
def example_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every file the generator writes for the example atlas (path → text), rendered once per test run for all
    workers (shared_value: 4 s each, 16 MB of JSON read in a tenth of that; read only)."""
    def render() -> dict[str, str]:
        from generator.check.validate import validate
        from generator.pages.render import render_site

        atlas, problems = validate(REPO / "data")
        assert atlas is not None and problems == [], problems
        return render_site(atlas)

    return shared_value(tmp_path_factory, "example-pages", render)


@pytest.fixture(scope="session")
def example_pages_unsplit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every file the generator writes for the example atlas with `lists: split_by_region_above: 1000000` (a
    threshold it never reaches), rendered once per test run for all workers: the split tests compare it with
    `example_pages` (tests/test_split_lists.py, tests/test_split_finder.py; read only)."""
    def render() -> dict[str, str]:
        from generator.check.validate import validate
        from generator.pages.render import render_site

        data = tmp_path_factory.mktemp("unsplit") / "data"
        shutil.copytree(REPO / "data", data)
        with (data / "atlas.yaml").open("a", encoding="utf-8") as config:
            config.write("\nlists:\n  split_by_region_above: 1000000\n")
        atlas, problems = validate(data)
        assert atlas is not None and atlas.config.lists.split_by_region_above == 1000000, problems
        return render_site(atlas)

    return shared_value(tmp_path_factory, "example-pages-unsplit", render)


PROFILE = Path(__file__).parent / "fixtures" / "profile"


@pytest.fixture(scope="session")
def profile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/profile (small numbers, forecasts, targets), built once per test run (read only)."""
    return shared_build(tmp_path_factory, "profile", lambda root: build_site(PROFILE, root))


FINDER_OVERLAY = Path(__file__).parent / "fixtures" / "finder"


def _finder(root: Path) -> Path:
    shutil.copytree(MINI, root / "data")
    shutil.copytree(FINDER_OVERLAY, root / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    # the finder tests count exact result lists; the mini atlas's opening-hours offer (mobile, serving
    # the finder's villages) belongs to the hours tests. Its ended offer stays: the finder must skip it.
    (root / "data" / "offers" / "sprechstunde.yaml").unlink()
    return build_site(root / "data", root)


@pytest.fixture(scope="session")
def finder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini atlas plus tests/fixtures/finder (members with coordinates, offers for every finder filter), built once."""
    return shared_build(tmp_path_factory, "finder", _finder)


def _hostile(root: Path) -> Path:
    from hostile_atlas import make_hostile_data

    make_hostile_data(root / "data")
    return build_site(root / "data", root)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini atlas with every free-text field hostile (tests/hostile_atlas.py), built once."""
    return shared_build(tmp_path_factory, "hostile", _hostile)
