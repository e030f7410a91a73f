"""Benchmark: from saving one record to the rebuilt page in `atlas serve` (issue 7, point 5). From the repository root:

    python benchmarks/serve_rebuild.py                       # the example atlas (data/, Potsdam-Mittelmark)
    python benchmarks/serve_rebuild.py --data DIR --name BB  # any data folder, e.g. a synthetic Brandenburg
    python benchmarks/serve_rebuild.py --data data --data /tmp/bb --name PM --name BB   # several, one table

Per data folder: copies it into a temporary folder, starts `atlas serve` on a free loopback port, waits
until the page of one offer (the first in offers/, or `--offer ID`) is served, then saves that offer's YAML
with a new title and measures the time until the served page contains the new title (polled every 50 ms
with urllib), and until the open-data export `daten/angebote.csv` has it too (then every page has been
rendered again: in a big atlas the preview shows the edited record's own pages first, generator/build/serve.py).
Repeated `--repeats` times (default 3); the table shows the median, minimum and maximum of both.
The time includes the file watcher's polling (MkDocs' live-reload server looks every 0,5 s), validating
all data, rendering, writing the changed files and MkDocs' dirty build of those.

`measure(data, offer=None, repeats=3)` is the function that `benchmarks/run.py` calls for its `serve` stage:
it returns the seconds until the preview first served the page (`ready`: the first full build) and, per run,
the seconds until the page and until everything shows the change (`runs`).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
POLL = 0.05
START_TIMEOUT = 1800.0  # the first full build of a large atlas
REBUILD_TIMEOUT = 900.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, timeout: float, process: subprocess.Popen) -> float | None:
    """Seconds until `url` serves a page containing `text` (None: timed out or server ended)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in _fetch(url):
            return time.monotonic() - start
        if process.poll() is not None:
            return None
        time.sleep(POLL)
    return None


def _offer_file(data: Path, offer: str | None) -> Path:
    if offer:
        return data / "offers" / f"{offer}.yaml"
    files = sorted((data / "offers").glob("*.yaml"))
    if not files:
        raise SystemExit(f"{data}/offers/ enthält keine Angebote")
    return files[0]


def _set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"^title:.*$", "title: " + json.dumps(title, ensure_ascii=False), text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit(f"{path}: keine Zeile „title:“")
    path.write_text(new, encoding="utf-8")


def measure(data: Path, offer: str | None = None, repeats: int = 3, log=None) -> dict:
    """Seconds from saving a new title of one offer to the served page showing it and to the offers' CSV
    export showing it (all pages rebuilt), `repeats` times: {"ready": s, "runs": [(page s, all s), …]}."""
    with tempfile.TemporaryDirectory(prefix="serve-rebuild-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        record = _offer_file(copy, offer)
        meta = yaml.safe_load(record.read_text(encoding="utf-8"))
        atlas = yaml.safe_load((copy / "atlas.yaml").read_text(encoding="utf-8")) or {}
        mount = urlsplit(atlas.get("site_url") or "/").path.rstrip("/") + "/"
        port = _free_port()
        url = f"http://127.0.0.1:{port}{mount}angebote/{meta['id']}/"
        export = f"http://127.0.0.1:{port}{mount}daten/angebote.csv"
        output = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--project", str(REPO), "--data", str(copy),
             "--build-dir", str(Path(tmp) / "build"), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
        )
        try:
            started = _wait_for(url, html.escape(str(meta["title"]), quote=False), START_TIMEOUT, process)
            if started is None:
                output.seek(0)
                raise SystemExit(f"Vorschau startete nicht:\n{output.read()[-3000:]}")
            if log:
                log(f"{data}: Vorschau bereit nach {started:.1f} s")
            times = []
            for run in range(1, repeats + 1):
                title = f"{meta['title']} Messung {run}"
                _set_title(record, title)
                saved = time.monotonic()
                seconds = _wait_for(url, html.escape(title, quote=False), REBUILD_TIMEOUT, process)
                everything = _wait_for(export, title, REBUILD_TIMEOUT, process) if seconds is not None else None
                if seconds is None or everything is None:
                    output.seek(0)
                    raise SystemExit(f"Seite nicht neu gebaut:\n{output.read()[-3000:]}")
                times.append((seconds, time.monotonic() - saved))
                if log:
                    log(f"  Lauf {run}: Seite {seconds:.2f} s, alles {times[-1][1]:.2f} s")
                time.sleep(1.0)  # let the server settle (browsers reload, watcher idle)
            return {"ready": started, "runs": times}
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
            output.close()


def _secs(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="Datenordner (mehrfach möglich; Standard: data/)")
    parser.add_argument("--name", action="append", help="Name je Datenordner in der Tabelle (Standard: Ordnername)")
    parser.add_argument("--offer", help="Kennung des Angebots, dessen Titel geändert wird (Standard: das erste)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    folders = args.data or [REPO / "data"]
    names = args.name or []
    rows = []
    for n, folder in enumerate(folders):
        name = names[n] if n < len(names) else folder.name
        offers = len(list((folder / "offers").glob("*.yaml")))
        times = measure(folder, args.offer, args.repeats, log=lambda text: print(text, file=sys.stderr, flush=True))
        rows.append((name, offers, times["runs"]))
    print(f"{'Atlas':<12} {'Angebote':>8} {'Seite: Median':>14} {'Min':>9} {'Max':>9} {'alles: Median':>14} {'Min':>9} {'Max':>9}  Läufe")
    for name, offers, times in rows:
        page, every = [t[0] for t in times], [t[1] for t in times]
        print(f"{name:<12} {offers:>8} {_secs(statistics.median(page)):>14} {_secs(min(page)):>9} {_secs(max(page)):>9} "
              f"{_secs(statistics.median(every)):>14} {_secs(min(every)):>9} {_secs(max(every)):>9}  {len(times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
