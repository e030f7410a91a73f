"""Benchmark: how long the test suite takes, and where the time goes. Run from the repository root:

    python benchmarks/suite_time.py [pytest arguments ...]

Runs `python -m pytest -q` (the README's test command, with the arguments given) once, with
ATLAS_TEST_TIMELINE set so that tests/conftest.py records when each test ran on which worker. Prints the
wall time, the CPU time of the run (exact where the machine has cgroup v1 CPU accounting and the run may make a
group, as root: every process the suite starts is counted, nothing else; otherwise the whole machine's busy time
from /proc/stat while the suite ran: then run it on an otherwise idle machine; the rusage of pytest's children
misses Chromium), the load of the machine before it, and from the timeline: how busy each worker was, how long
it spent collecting garbage and its peak memory, how long the workers waited at the end for the last one (the
tail), the slowest tests, and the test files and tests that used the most CPU (tests/conftest.py reads each
worker's own cgroup where it can make one, else its process tree, its browser included, at every phase).
The target of issue 16 is a wall time under 5 minutes on 2 cores: CPU time / cores is the floor no scheduling
can beat, and the ratio wall / (CPU / cores) shows how well the run keeps the cores busy (1,0 = perfectly).
"""

from __future__ import annotations

import collections
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine_cpu() -> tuple[float, float]:
    """(busy, idle) seconds of all cores since boot, from /proc/stat (Linux); (0, 0) elsewhere."""
    try:
        fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except OSError:
        return 0.0, 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / ticks, idle / ticks


CPUACCT = Path("/sys/fs/cgroup/cpuacct")  # cgroup v1 CPU accounting, where the machine offers it (root)


def accounting_group() -> Path | None:
    """A fresh cpuacct cgroup for the run, or None where there is none or it cannot be made: every process the suite
    starts (workers, builds, Chromium's renderers) stays in it, so its counter is the suite's exact CPU time, whatever
    the other tenants of a shared machine do."""
    group = CPUACCT / f"atlas-suite-{os.getpid()}"
    try:
        group.mkdir()
        (group / "cpuacct.usage").write_text("0")
    except OSError:
        return None
    return group


def run(args: list[str]) -> tuple[float, float, int, Path, float]:
    timeline = Path(tempfile.mkdtemp(prefix="atlas-suite-")) / "timeline.tsv"
    env = {**os.environ, "ATLAS_TEST_TIMELINE": str(timeline)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before, idle_before = machine_cpu()
    group = accounting_group() if CPUACCT.is_dir() else None
    start, started = time.monotonic(), time.time()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    join = (lambda: (group / "cgroup.procs").write_text(str(os.getpid()))) if group else None
    code = subprocess.run(command, cwd=ROOT, env=env, preexec_fn=join).returncode
    wall = time.monotonic() - start
    exact = 0.0
    if group:
        exact = int((group / "cpuacct.usage").read_text()) / 1e9
        print(f"\nCPU of the suite and everything it started (cgroup {group.name}): {exact:.0f} s")
        for below in [*sorted(g for g in group.iterdir() if g.is_dir()), group]:  # the workers' groups (tests/conftest.py)
            try:
                below.rmdir()
            except OSError:
                pass
    busy_after, idle_after = machine_cpu()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    busy, idle = busy_after - busy_before, idle_after - idle_before
    print(f"\nCPU of pytest and the processes it waited for: {own:.0f} s (Chromium's processes are reaped by "
          f"Playwright's driver and mostly missing here); the whole machine: {busy:.0f} s busy, {idle:.0f} s idle")
    return wall, exact or busy or own, code, timeline, started


def analyse(timeline: Path, wall: float, cpu: float, cores: int, started: float) -> str:
    rows = [line.split("\t") for line in timeline.read_text(encoding="utf-8").splitlines()] if timeline.exists() else []
    per_test: dict[tuple[str, str], list[float]] = {}
    cpu_of: dict[str, float] = collections.defaultdict(float)
    collecting: dict[str, float] = collections.defaultdict(float)  # per worker: garbage collection, s
    peak: dict[str, float] = collections.defaultdict(float)  # per worker: its peak memory (max RSS), MB
    for worker, _when, start, stop, nodeid, *measured in rows:
        cpu_of[nodeid] += float(measured[0]) if measured else 0.0
        if len(measured) >= 3:
            collecting[worker] += float(measured[1])
            peak[worker] = max(peak[worker], float(measured[2]))
        span = per_test.setdefault((worker, nodeid), [float(start), float(stop)])
        span[0], span[1] = min(span[0], float(start)), max(span[1], float(stop))
    busy: dict[str, float] = collections.defaultdict(float)
    last: dict[str, float] = collections.defaultdict(float)
    first = min((s for s, _ in per_test.values()), default=0.0)
    for (worker, _), (s, e) in per_test.items():
        busy[worker] += e - s
        last[worker] = max(last[worker], e)
    end = max(last.values(), default=first)
    lines = [
        f"wall {wall:.0f} s ({wall / 60:.1f} min), CPU {cpu:.0f} s on {cores} cores: floor CPU/cores = {cpu / cores:.0f} s, "
        f"wall / floor = {wall / (cpu / cores):.2f}" if cpu else f"wall {wall:.0f} s",
        f"tests: {len(per_test)}; the first began {first - started:.0f} s after the start (collection, workers)",
    ]
    for worker in sorted(busy):
        lines.append(f"  {worker}: busy {busy[worker]:.0f} s, done {end - last[worker]:.0f} s before the last worker"
                     + (f"; collecting garbage {collecting[worker]:.1f} s, peak memory {peak[worker]:.0f} MB" if worker in peak else ""))
    lines.append("slowest tests (setup + call + teardown, s):")
    for (worker, nodeid), (s, e) in sorted(per_test.items(), key=lambda kv: kv[1][0] - kv[1][1])[:15]:
        lines.append(f"  {e - s:6.1f}  started at {s - first:5.0f} s  {worker}  {nodeid}")
    if any(cpu_of.values()):
        by_file: dict[str, float] = collections.defaultdict(float)
        for nodeid, spent in cpu_of.items():
            by_file[nodeid.split("::")[0]] += spent
        lines.append(f"CPU of the workers (each worker, its browser and what they started; its cgroup, else Linux /proc): "
                     f"{sum(cpu_of.values()):.0f} s in all")
        lines.append("  most CPU per test file (s):")
        lines += [f"  {spent:7.1f}  {name}" for name, spent in sorted(by_file.items(), key=lambda kv: -kv[1])[:25]]
        lines.append("  most CPU per test (s):")
        lines += [f"  {spent:7.1f}  {name}" for name, spent in sorted(cpu_of.items(), key=lambda kv: -kv[1])[:25]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    load = os.getloadavg()[0]
    wall, cpu, code, timeline, started = run(argv)
    print(f"\nload before the run: {load:.1f}")
    print(analyse(timeline, wall, cpu, os.cpu_count() or 1, started))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
