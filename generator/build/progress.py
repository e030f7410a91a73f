"""Progress display for long builds: one line per stage, with count and duration.

In an interactive terminal (`stream.isatty()`) each stage is a single line that updates in place
(carriage return) with the count so far, the total and the percentage where they are known, and ends
with the stage's duration. Elsewhere (CI, pipes, log files) nothing updates; each stage prints one
plain line when it is done, in German number format:

    Seiten erzeugen: 1.234 Seiten in 3,2 s

`Progress(quiet=True)` prints nothing (`atlas build --quiet`), and so does a stage of `progress=None`
in the stage functions (see `or_quiet`). No dependency: rich or tqdm would add a library (and, for
rich, its own styled output) for one line of text; the stages are few and the counters simple.

Usage:

    progress = Progress()
    with progress.stage("Seiten schreiben", unit="Dateien") as stage:
        for n, page in enumerate(pages, 1):
            ...
            stage.update(n, len(pages))
        stage.note = "12 geändert"
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

from ..core.formatting import fmt_number

CLEAR_LINE = "\x1b[K"  # erase the rest of the line after a carriage return

# The stages of `atlas build`, in order (names shown to the editor).
LOAD = "Daten laden und prüfen"
RENDER = "Seiten erzeugen"
WRITE = "Seiten schreiben"
MKDOCS = "Website bauen (MkDocs)"
SEARCH = "Suchindex erstellen (Pagefind)"
PUBLISH = "Veröffentlichen"


def fmt_seconds(seconds: float) -> str:
    """`3.24` → `3,2 s`; below 0,1 s: `0,0 s`."""
    return f"{fmt_number(max(0.0, seconds), 1)} s"


class Stage:
    """One running stage: `update(done, total)` while it runs; `count`/`unit`/`note` for its last line."""

    def __init__(self, progress: "Progress", name: str, unit: str, total: int | None) -> None:
        self.progress = progress
        self.name = name
        self.unit = unit
        self.total = total
        self.count: int | None = None
        self.note = ""
        self.failed = False  # set by the caller (e.g. data problems): no last line, the problems speak
        self._last_draw = float("-inf")

    def update(self, done: int, total: int | None = None) -> None:
        """`done` of `total` items are finished (total may be given once, earlier or here)."""
        if total is not None:
            self.total = total
        self.count = done
        self.progress._draw(self)

    def status(self) -> str:
        """The text of the updating line: `Seiten schreiben: 120/1.300 Dateien (9 %)`."""
        if self.count is None:
            return f"{self.name} …"
        if self.total:
            percent = int(100 * self.count / self.total)
            return f"{self.name}: {fmt_number(self.count)}/{fmt_number(self.total)} {self.unit} ({percent} %)"
        return f"{self.name}: {fmt_number(self.count)} {self.unit}"

    def summary(self, seconds: float) -> str:
        """The last line: `Seiten erzeugen: 1.234 Seiten in 3,2 s` (`… fertig in 0,8 s` without a count)."""
        done = f"{fmt_number(self.count)} {self.unit} in" if self.count is not None else "fertig in"
        note = f" ({self.note})" if self.note else ""
        return f"{self.name}: {done} {fmt_seconds(seconds)}{note}"


class Progress:
    """Shows the stages of one build on `stream` (default: sys.stderr)."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        quiet: bool = False,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 0.1,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.clock = clock
        self.interval = interval  # at most one redraw per interval (terminal only)
        isatty = getattr(self.stream, "isatty", None)
        self.interactive = bool(isatty and isatty())
        self.durations: dict[str, float] = {}  # stage name → seconds (also for the benchmark harness)

    @contextmanager
    def stage(self, name: str, unit: str = "Seiten", total: int | None = None) -> Iterator[Stage]:
        stage = Stage(self, name, unit, total)
        start = self.clock()
        if self.interactive and not self.quiet:
            self._write(f"\r{stage.status()}{CLEAR_LINE}")
        try:
            yield stage
        except BaseException:
            if self.interactive and not self.quiet:
                self._write("\n")  # the error message starts on its own line
            raise
        seconds = self.clock() - start
        self.durations[name] = seconds
        if self.quiet:
            return
        if stage.failed:
            if self.interactive:
                self._write(f"\r{CLEAR_LINE}")
            return
        if self.interactive:
            self._write(f"\r{stage.summary(seconds)}{CLEAR_LINE}\n")
        else:
            self._write(f"{stage.summary(seconds)}\n")

    def _draw(self, stage: Stage) -> None:
        if self.quiet or not self.interactive:
            return
        now = self.clock()
        finished = stage.total is not None and stage.count == stage.total
        if now - stage._last_draw < self.interval and not finished:
            return
        stage._last_draw = now
        self._write(f"\r{stage.status()}{CLEAR_LINE}")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def or_quiet(progress: Progress | None) -> Progress:
    """`progress`, or a silent one when the caller passed None (tests, the benchmark harness)."""
    return progress if progress is not None else Progress(quiet=True)
