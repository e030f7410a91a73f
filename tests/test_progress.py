"""Progress display of `atlas build` (generator/build/progress.py): plain lines in CI, an updating line in a terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import MINI, REPO

from generator.build.pipeline import build
from generator.cli import main
from generator.core.paths import Paths
from generator.build.progress import Progress

STAGES = ["Daten laden und prüfen", "Seiten erzeugen", "Seiten schreiben", "Website bauen (MkDocs)", "Suchindex erstellen (Pagefind)",
          "Veröffentlichen"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_build_without_terminal_prints_one_plain_line_per_stage(tmp_path: Path) -> None:
    out = io.StringIO()
    paths = Paths.create(REPO, MINI, tmp_path / "site", tmp_path / "build")
    assert build(paths, Progress(out)) == []
    text = out.getvalue()
    assert "\r" not in text and "\x1b" not in text
    lines = text.splitlines()
    assert [line.split(":")[0] for line in lines] == STAGES
    assert re.fullmatch(r"Daten laden und prüfen: fertig in \d+,\d s", lines[0])
    files = int(re.fullmatch(r"Seiten erzeugen: (\d+) Dateien in \d+,\d s", lines[1]).group(1))
    assert files > 50
    written = re.fullmatch(r"Seiten schreiben: (\d+) Dateien in \d+,\d s \((\d+) geändert, 0 entfernt\)", lines[2])
    assert written.group(1) == written.group(2)  # a fresh staging folder: every file is new
    pages = int(re.fullmatch(r"Website bauen \(MkDocs\): (\d+) Seiten in \d+,\d s", lines[3]).group(1))
    assert pages == len(list((tmp_path / "build" / "docs").rglob("*.md")))  # counted by the plugin, page by page
    indexed = int(re.fullmatch(r"Suchindex erstellen \(Pagefind\): (\d+) Seiten in \d+,\d s", lines[4]).group(1))
    assert 0 < indexed < pages  # editors' pages and long lists are not searched
    assert re.fullmatch(r"Veröffentlichen: fertig in \d+,\d s", lines[5])


def test_terminal_gets_carriage_return_updates_and_german_numbers() -> None:
    out = FakeTerminal()
    clock = Clock()
    progress = Progress(out, clock=clock, interval=0)
    with progress.stage("Seiten erzeugen") as stage:
        for done in range(1, 1235):
            stage.update(done, 1234)
        clock.now = 3.24
    text = out.getvalue()
    assert text.startswith("\rSeiten erzeugen …")
    assert "\rSeiten erzeugen: 617/1.234 Seiten (50 %)\x1b[K" in text
    assert text.count("\r") > 1000  # one update per page (interval 0)
    assert text.endswith("\rSeiten erzeugen: 1.234 Seiten in 3,2 s\x1b[K\n")


def test_terminal_updates_are_throttled_and_a_failed_stage_ends_its_line() -> None:
    out = FakeTerminal()
    clock = Clock()
    progress = Progress(out, clock=clock, interval=100)
    try:
        with progress.stage("Website bauen (MkDocs)") as stage:
            for done in range(1, 50):
                clock.now = done  # 49 s: only the first update is drawn
                stage.update(done, 100)
            raise RuntimeError("kaputt")
    except RuntimeError:
        pass
    text = out.getvalue()
    assert text.count("\r") == 2  # the start line and one update: further ones come at most every 100 s
    assert text.endswith("\n") and "in " not in text  # no duration for a stage that failed


def test_quiet_prints_nothing(tmp_path: Path, capsys) -> None:
    code = main(["build", "--quiet", "--project", str(REPO), "--data", str(MINI), "--site", str(tmp_path / "site"), "--build-dir", str(tmp_path / "build")])
    assert code == 0
    captured = capsys.readouterr()
    assert not any(stage in captured.err for stage in STAGES)
    assert "Website gebaut" in captured.out


def test_a_failed_stage_prints_no_last_line() -> None:
    plain, terminal = io.StringIO(), FakeTerminal()
    for out in (plain, terminal):
        with Progress(out).stage("Daten laden und prüfen") as stage:
            stage.failed = True  # data problems: only the problems are printed
    assert plain.getvalue() == ""
    assert terminal.getvalue() == "\rDaten laden und prüfen …\x1b[K\r\x1b[K"
