"""Render stage in several processes, from a district with all its offers upwards (issue 7).

Rendering is one core's work: at Brandenburg size (9.000 pages) about 50 s, the same again as MkDocs
needs on two cores. `render_site` runs its parts (render.site_parts) one after the other; here the same
parts run in `jobs` forked worker processes that write their pages straight into the docs folder:

* Fork, not spawn: the workers inherit the validated atlas (copy-on-write, `gc.freeze` keeps the garbage
  collector from touching – and so copying – every object) instead of loading and validating it again.
* The parts are handed out one at a time, biggest first, so that the processes finish together.
* Each worker writes with its own copy of the `DocsSync` and sends back what it wrote (paths, changed,
  added); the parent folds that into its own `DocsSync`, which then finishes the docs folder as after a
  render in one process (assets, content/, stale files). A page generated twice is an error here as in
  one process. The redirect pages of renamed records are written last, by the parent (they need every path).
* The same data give the same bytes: a page depends only on the atlas, never on which process renders it
  or in which order (tests/test_render_jobs.py compares both ways file by file).
* Errors keep their kind: a `BuildError` (German message) or `OSError` (disk full) is raised again in the
  parent; anything else becomes an exception with the worker's traceback attached (pipeline.py turns it into
  the German „Interner Fehler“ with the report file). A worker that dies (e.g. killed for lack of memory)
  stops the build with a German message instead of leaving it waiting. Strg+C and SIGTERM reach the
  parent only, which ends the workers; a worker dies with its parent (Linux: PR_SET_PDEATHSIG).

Small atlases stay in one process (`processes`, below `PARALLEL_RECORDS`): the test fixtures and a first
try-out, where a second process saves little and one process is easier to debug.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, Callable

from ..core.paths import BuildError
from ..model.atlas import Atlas
from ..pages.render import redirects, site_parts
from ..pages.site import Site, duplicate_page_message
from .write import DocsSync

WORKER_DIED = ("Ein Prozess zum Erzeugen der Seiten wurde unerwartet beendet, oft aus Mangel an Arbeitsspeicher. "
               "Mit --jobs 1 braucht der Bau weniger Speicher (und mehr Zeit).")
# records (units, centres, offers, networks, contacts, organisations) from which to fork. Forking is cheap: on 2
# cores a district with 613 records renders in 2,1–2,4 s instead of 3,0–4,1 s, the 191-record example in 1,4–1,5 s
# instead of 2,3–2,5 s. Small atlases (test fixtures, a first try-out) stay in one process, easier to debug.
PARALLEL_RECORDS = 500
_PR_SET_PDEATHSIG = 1

_state: dict[str, Any] = {}  # the parent's atlas and DocsSync, inherited by the forked workers


def record_count(atlas: Atlas) -> int:
    return sum(len(group) for group in (atlas.municipalities, atlas.family_centres, atlas.offers, atlas.networks,
                                        atlas.contacts, atlas.organisations))


def processes(atlas: Atlas, jobs: int | None, above: int | None = None) -> int:
    """How many render processes: 1 for a small atlas or without fork (not Linux/macOS), else `jobs` (default: cores)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or record_count(atlas) < (PARALLEL_RECORDS if above is None else above) or not hasattr(os, "fork"):
        return 1
    return jobs


def render_in_processes(atlas: Atlas, sync: DocsSync, jobs: int, on_part: Callable[[int], None] | None = None) -> None:
    """Render every page of `atlas` into `sync` with `jobs` worker processes (see the module text)."""
    _state.update(atlas=atlas, sync=sync)
    count = len(site_parts(Site(atlas)))
    seen: set[str] = set()
    gc.collect()
    gc.freeze()  # the inherited objects stay out of the workers' collections: fewer pages copied
    executor = ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_worker_start)
    try:
        futures = [executor.submit(_run_part, index) for index in range(count)]  # taken in this order, one at a time
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                raise BuildError(WORKER_DIED) from None
            if result[0] != "ok":
                _raise(result)
            _, paths, written, added, generated = result
            for path in paths:
                if path in seen:
                    raise BuildError(duplicate_page_message(path))
                seen.add(path)
            sync.absorb(written, added, generated)
            if on_part is not None:
                on_part(len(sync.generated))
    except BaseException:
        _stop(executor)  # an error, Strg+C or SIGTERM: the other parts are not needed any more
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _state.clear()
    site = Site(atlas, sync.write)
    site.paths = set(seen)
    redirects(site, seen)


def _stop(executor: ProcessPoolExecutor) -> None:
    """End the workers now, also in the middle of a long part (the executor would wait for it)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()


# --------------------------------------------------------------------------------------------- worker


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Strg+C: the parent stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler turns SIGTERM into KeyboardInterrupt
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool still ends its workers when the parent ends normally
        pass
    sync: DocsSync = _state["sync"]
    sync.on_file = None  # progress is the parent's
    site = Site(_state["atlas"], sync.write)
    _state.update(site=site, parts=site_parts(site))


def _run_part(index: int) -> tuple:
    sync: DocsSync = _state["sync"]
    site: Site = _state["site"]
    sync.report.written, sync.report.added, sync.generated = [], [], set()
    site.paths = set()
    try:
        _state["parts"][index]()
    except BuildError as exc:
        return ("build", str(exc))
    except OSError as exc:
        return ("os", exc.errno, exc.strerror, exc.filename)
    except Exception as exc:
        return ("internal", f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc)))
    return ("ok", sorted(site.paths), sync.report.written, sync.report.added, sorted(sync.generated))


def _raise(result: tuple) -> None:
    kind = result[0]
    if kind == "build":
        raise BuildError(result[1])
    if kind == "os":
        raise OSError(result[1], result[2], result[3])
    error = RenderWorkerError(result[1])
    error.add_note("Im Render-Prozess:\n" + result[2])
    raise error


class RenderWorkerError(RuntimeError):
    """An unexpected error in a render worker; the message names the original exception."""


__all__ = ["processes", "render_in_processes", "record_count", "PARALLEL_RECORDS"]
