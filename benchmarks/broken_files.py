"""Benchmark: `atlas check` on single broken files that used to exhaust the machine (issue 23). From the repository root:

    python benchmarks/broken_files.py [--rows 10000000] [--work DIR] [--json FILE]

Copies the example data folder (data/) into a temporary folder once per case, breaks one file and runs
`python -m generator check --data DIR` in a child process. Per case it prints the exit code, the wall time,
the peak memory of the child (resource usage from os.wait4: ru_maxrss) and the first problem reported.
Target (issue 23): every case answers with exit code 1 in under 10 s and 1 GiB.

Cases: an alias bomb ("billion laughs", 9^9 values from ten lines of YAML) in one record; a record just under
the YAML size cap with 90.000 unknown fields (schema problems: 100 worded, the rest counted); an indicator
CSV of --rows rows (about 47 bytes each: 10 million rows are about 470 MB, written streaming into the
work folder and deleted afterwards) with the default caps, where the row cap stops reading; the same file
with ATLAS_MAX_CSV_MB=100, where the size cap answers before reading; a CSV of 999.999 rows (one below the
row cap) of areas the atlas does not know, where every row is checked and is a problem (1.000 are worded, the
rest counted); and the unbroken folder for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS, TARGET_BYTES = 10.0, 1 << 30
UNDER_CAP = 999_999  # one row below the default ATLAS_MAX_CSV_ROWS: every row checked, every row a problem

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([""] + list("abcdefgh"), "abcdefghi")
)


def write_rows(target: Path, rows: int, area: str = "gemeinde") -> int:
    """A long-format indicator CSV of `rows` plausible rows, written in chunks (never whole in memory); returns its size."""
    with target.open("w", encoding="utf-8", newline="") as out:
        out.write("area,indicator,year,value\n")
        chunk = 100_000
        for start in range(0, rows, chunk):
            out.write("".join(f"{area}-{i % 977:04d},einwohner-insgesamt,{1900 + i % 300},{i * 7 % 100000}.5\n"
                              for i in range(start, min(rows, start + chunk))))
    return target.stat().st_size


def run_check(data: Path, env: dict[str, str]) -> dict[str, object]:
    """Run `atlas check` in a child process; its own resource usage from wait4 (not that of earlier children)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "generator", "check", "--data", str(data)], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, **env})
        _, status, usage = os.wait4(child.pid, 0)  # reaped here, so the usage is this child's alone
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", errors="replace").splitlines()
    return {"exit": child.returncode, "seconds": round(seconds, 2), "peak_bytes": usage.ru_maxrss * 1024, "first": lines[0] if lines else ""}


def cases(work: Path, rows: int) -> list[tuple[str, Path, dict[str, str]]]:
    base = work / "data"
    shutil.copytree(ROOT / "data", base, ignore=shutil.ignore_patterns(".schema"))
    bomb = work / "bomb"
    shutil.copytree(base, bomb)
    record = sorted((bomb / "offers").glob("*.yaml"))[0]
    record.write_text(record.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    fields = work / "fields"
    shutil.copytree(base, fields)
    record = sorted((fields / "offers").glob("*.yaml"))[0]
    record.write_text(record.read_text(encoding="utf-8") + "".join(f"k{i}: v\n" for i in range(90_000)), encoding="utf-8")
    big = work / "rows"
    shutil.copytree(base, big)
    size = write_rows(big / "indicators" / "gross.csv", rows)
    under = work / "under"
    shutil.copytree(base, under)
    write_rows(under / "indicators" / "fremd.csv", UNDER_CAP, "fremd")
    count = f"{rows:,}".replace(",", ".")
    print(f"{count} rows written: {size / 1e6:.0f} MB", file=sys.stderr)
    return [
        ("unbroken example data (reference)", base, {}),
        ("alias bomb (9^9 values) in one record", bomb, {}),
        (f"record of {record.stat().st_size / 1e6:.1f} MB, 90.000 unknown fields", fields, {}),
        (f"CSV of {count} rows ({size / 1e6:.0f} MB), default caps", big, {}),
        (f"CSV of {count} rows, ATLAS_MAX_CSV_MB=100", big, {"ATLAS_MAX_CSV_MB": "100"}),
        ("CSV of 999.999 rows (under the row cap), all unknown", under, {}),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the big CSV (default 10.000.000)")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary folder, deleted afterwards)")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="broken-files-", dir=args.work))
    results = []
    try:
        for name, data, env in cases(work, args.rows):
            result = {"case": name, **run_check(data, env)}
            results.append(result)
            print(f"… {name}: {result['seconds']} s", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'case':<52} {'exit':>4} {'time':>8} {'peak memory':>12}  ok  first problem")
    failed = False
    for r in results:
        reference = r["case"].startswith("unbroken")
        ok = r["seconds"] < TARGET_SECONDS and r["peak_bytes"] < TARGET_BYTES and (reference or r["exit"] == 1)
        failed |= not ok
        peak = f"{r['peak_bytes'] / (1 << 20):,.0f} MiB"
        print(f"{r['case']:<52} {r['exit']:>4} {r['seconds']:>6.2f} s {peak:>12}  {'ja' if ok else 'NEIN'}  {str(r['first'])[:110]}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
