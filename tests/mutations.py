"""Random single mutations of the example's data folder (issue 23, point 7), for tests/test_mutations.py.

Each kind of mutation (tests/mutation_kinds.py) breaks one value, line or file of a copy of `data/` the way
editors, web editors, scripts and accidents do (a deleted field, a file saved as Latin-1, a link to itself …).
`plan(seed, count)` draws `count` mutations: the kinds in a shuffled round, again and again, each applied to a
randomly chosen file and place, so a run of at least `len(KINDS)` mutations has every kind. `run(mutation,
workdir)` copies the data, applies the mutation, runs `atlas check` (in this process, or in a subprocess with a
timeout and a memory limit for the kinds that could hang or exhaust memory) and `judge`s the answer.

By hand, every mutation of a seed with counts by kind and outcome:
`python tests/mutations.py --seed 23 --count 300`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import traceback
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from mutation_kinds import DATA, EITHER, ERROR, KINDS, REPO, VALID, Kind

__all__ = ["DATA", "EITHER", "ERROR", "KINDS", "VALID", "Mutation", "Outcome", "apply", "copy_data", "judge", "plan", "run"]

TIMEOUT = 30  # seconds; `atlas check` on a single broken file should answer within 10 (issue 23, point 2)
MEMORY = 3 << 30  # address space of a subprocess run, bytes: an alias bomb must not take the machine with it


@dataclass(frozen=True)
class Mutation:
    index: int
    kind: Kind
    seed: int  # of this mutation's own random choices

    @property
    def id(self) -> str:
        return f"{self.index:03d}-{self.kind.name}"


@dataclass
class Outcome:
    mutation: Mutation
    target: str  # the changed file as `atlas check` names it (data/…)
    detail: str
    code: int | None  # None: no answer within TIMEOUT
    output: str
    failure: str | None  # why the answer is wrong, None when right

    @property
    def result(self) -> str:
        if self.failure is None:
            return "ok"
        if self.code is None:
            return "hang"
        if "Traceback" in self.output:
            return "traceback"
        return "wrong-exit-code" if "exit code" in self.failure else "file-not-named"


# ------------------------------------------------------------------------------------------------ planning and running
def plan(seed: int, count: int) -> list[Mutation]:
    """`count` mutations: rounds of all kinds in an order shuffled by `seed`, each with its own seed."""
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        round_ = sorted(KINDS)
        rng.shuffle(round_)
        names += round_
    return [Mutation(index, KINDS[name], rng.randrange(2**32)) for index, name in enumerate(names[:count])]


def copy_data(target: Path) -> Path:
    """A copy of the example data whose files are hard links where possible (mutations replace files, never write into them)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(DATA, target, copy_function=link, ignore=shutil.ignore_patterns(".schema"))
    return target


def apply(mutation: Mutation, data: Path) -> tuple[Path, str]:
    return mutation.kind.change(random.Random(mutation.seed), data)


class Hang(BaseException):
    """Raised by the alarm when `atlas check` takes longer than TIMEOUT (a BaseException: no `except Exception` in the
    code under test swallows it)."""


def check_in_process(project: Path) -> tuple[int | None, str]:
    """`atlas check --data data` in this process, working directory `project`: (exit code, stdout and stderr).
    An exception that escapes is part of the output as a traceback; no answer within TIMEOUT gives None."""
    from generator.cli import main

    out = StringIO()
    cwd = os.getcwd()
    alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM")

    def stop(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, stop) if alarm else None
    if alarm:
        signal.alarm(TIMEOUT)
    try:
        os.chdir(project)
        with redirect_stdout(out), redirect_stderr(out):
            code: int | None = main(["check", "--data", "data"])
    except Hang:
        code = None
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception:
        out.write(traceback.format_exc())
        code = 1
    finally:
        if alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        os.chdir(cwd)
    return code, out.getvalue()


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def check_subprocess(project: Path) -> tuple[int | None, str]:
    """`atlas check` in its own process with a timeout and at most MEMORY bytes of address space."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    try:
        proc = subprocess.run([sys.executable, "-m", "generator", "check", "--data", "data"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limit_memory if os.name == "posix" else None)
    except subprocess.TimeoutExpired as exc:
        return None, f"{exc.stdout or ''}{exc.stderr or ''}"
    return proc.returncode, proc.stdout + proc.stderr


def judge(mutation: Mutation, target: str, code: int | None, output: str) -> str | None:
    """Why the answer of `atlas check` is wrong, or None."""
    if code is None:
        return f"no answer within {TIMEOUT} s"
    if "Traceback" in output:
        return "traceback: " + first_traceback_line(output)
    expect = mutation.kind.expect
    if expect == VALID and code != 0 or expect == ERROR and code != 1 or code not in (0, 1):
        return f"exit code {code}, expected {'0' if expect == VALID else '1' if expect == ERROR else '0 or 1'}"
    if code == 1 and not re.search(rf"(^|\s){re.escape(target)}(:\d+)?:", output, re.M):
        return f"no message names {target}"
    return None


def first_traceback_line(output: str) -> str:
    """The exception line of the last traceback (`RecursionError: maximum recursion depth exceeded …`)."""
    tail = output[output.rindex("Traceback") :].splitlines()
    for line in reversed(tail):
        if line and not line.startswith(" ") and not line.startswith("Traceback"):
            return line[:300]
    return tail[-1][:300] if tail else ""


def run(mutation: Mutation, workdir: Path) -> Outcome:
    """Copy the data to `workdir`/data, apply the mutation and judge `atlas check` there."""
    data = copy_data(workdir / "data")
    path, detail = apply(mutation, data)
    target = path.relative_to(workdir).as_posix()
    check = check_subprocess if mutation.kind.isolate else check_in_process
    code, output = check(workdir)
    return Outcome(mutation, target, detail, code, output, judge(mutation, target, code, output))


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description="Run random single mutations of the example data and count the outcomes.")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--count", type=int, default=len(KINDS))
    parser.add_argument("--verbose", action="store_true", help="print every failure with its output")
    args = parser.parse_args(argv)
    counts: Counter[tuple[str, str]] = Counter()
    failures = []
    for mutation in plan(args.seed, args.count):
        with tempfile.TemporaryDirectory() as tmp:
            outcome = run(mutation, Path(tmp))
        counts[(mutation.kind.name, outcome.result)] += 1
        if outcome.failure:
            failures.append(outcome)
            print(f"{mutation.id}: {outcome.target}: {outcome.detail}: {outcome.failure}", flush=True)
            if args.verbose:
                print("    " + outcome.output.strip().replace("\n", "\n    ")[:3000])
    kinds = sorted({name for name, _ in counts})
    for name in kinds:
        print(f"{name:28} " + ", ".join(f"{result} {n}" for (k, result), n in sorted(counts.items()) if k == name))
    print(f"{args.count} mutations of {len(kinds)} kinds (seed {args.seed}): {args.count - len(failures)} handled, {len(failures)} not")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
