"""Nothing lost: a build that fails or is interrupted at any stage leaves the previous site/ byte for byte
as it was (same files, same bytes, same modification times) and no half-built folder; a successful build
swaps the new site in at once (generator/build/pipeline.py, generator/build/publish.py, generator/build/failures.py)."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINI, REPO

from generator.build import publish as publish_module
from generator.cli import main
from generator.build.publish import old_dir, publish, staging_dir

State = dict[str, tuple[str, int]]


def tree_state(root: Path) -> State:
    """Every file and folder below `root`: sha256 (or "dir") and modification time in ns."""
    state: State = {".": ("dir", root.stat().st_mtime_ns)}
    for path in sorted(root.rglob("*")):
        digest = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        state[path.relative_to(root).as_posix()] = (digest, path.stat().st_mtime_ns)
    return state


@pytest.fixture
def project(tmp_path: Path, mini_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project files (mkdocs.yml, content/, overrides/), the mini data, and a real previous site."""
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(MINI, tmp_path / "data")
    shutil.copytree(mini_site, tmp_path / "site")  # copy2: keeps the modification times
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(project: Path) -> int:
    # --quiet: no progress lines, so that the error output is only the error (tests/test_progress.py covers them)
    return main(["build", "--quiet", "--project", str(project), "--data", "data", "--site", "site", "--build-dir", "build"])


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def assert_failed_untouched(project: Path, before: State, capsys: pytest.CaptureFixture, code: int) -> str:
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.rstrip().endswith("Die Website wurde nicht verändert."), err
    assert tree_state(project / "site") == before
    assert leftovers(project) == []
    return err


def test_bad_data_leaves_the_site_byte_for_byte(project: Path, capsys: pytest.CaptureFixture) -> None:
    before = tree_state(project / "site")
    offer = project / "data" / "offers" / "krabbelgruppe.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("provider: traeger-a", "provider: traeger-x"), encoding="utf-8")
    err = assert_failed_untouched(project, before, capsys, build(project))
    assert "data/offers/krabbelgruppe.yaml:" in err


def test_an_internal_error_is_one_german_line_and_a_report(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(atlas: object, sink: object = None) -> dict[str, str]:
        raise RuntimeError("Vorlage kaputt")

    monkeypatch.setattr("generator.build.pipeline.render_site", broken)
    before = tree_state(project / "site")
    err = assert_failed_untouched(project, before, capsys, build(project))
    first = err.strip().splitlines()[0]
    assert first.startswith("Fehler: Interner Fehler beim Bauen der Website (RuntimeError: Vorlage kaputt).")
    report = project / "build" / "fehlerbericht.txt"
    assert str(report) in first
    assert "Traceback" in report.read_text(encoding="utf-8") and "Vorlage kaputt" in report.read_text(encoding="utf-8")


def test_a_broken_theme_template_leaves_the_site(project: Path, capsys: pytest.CaptureFixture) -> None:
    main_html = project / "overrides" / "main.html"
    main_html.write_text(main_html.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    before = tree_state(project / "site")
    err = assert_failed_untouched(project, before, capsys, build(project))
    assert "Interner Fehler beim Bauen der Website (TemplateSyntaxError" in err


def test_a_mkdocs_warning_in_strict_mode_leaves_the_site(project: Path, capsys: pytest.CaptureFixture) -> None:
    about = project / "content" / "ueber.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[Kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    before = tree_state(project / "site")
    err = assert_failed_untouched(project, before, capsys, build(project))
    assert "MkDocs-Build fehlgeschlagen" in err and "gibt-es-nicht.md" in err


def no_space(path: str) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


def test_full_disk_while_mkdocs_writes(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.utils

    real = mkdocs.utils.write_file
    written: list[str] = []

    def fill_up(content: bytes, output_path: str) -> None:
        if len(written) == 5:
            raise no_space(output_path)
        real(content, output_path)
        written.append(output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", fill_up)
    before = tree_state(project / "site")
    err = assert_failed_untouched(project, before, capsys, build(project))
    assert err.startswith("Fehler: Kein Speicherplatz mehr auf dem Datenträger (")
    assert all(".site.new" in path for path in written)  # MkDocs never writes into site/ itself


def test_full_disk_while_writing_the_pages(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, data: bytes) -> int:
        raise no_space(str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    before = tree_state(project / "site")
    err = assert_failed_untouched(project, before, capsys, build(project))
    assert "Kein Speicherplatz mehr auf dem Datenträger" in err


def test_full_disk_during_the_swap(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(a: Path, b: Path) -> bool:
        raise no_space(str(b))

    monkeypatch.setattr(publish_module, "exchange", fail)
    before = tree_state(project / "site")
    err = assert_failed_untouched(project, before, capsys, build(project))
    assert "Kein Speicherplatz" in err


def test_fallback_swap_is_undone_when_its_second_rename_fails(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without renameat2: site/ → .site.old succeeds, .site.new → site/ fails; site/ comes back."""
    monkeypatch.setattr(publish_module, "exchange", lambda a, b: False)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name == ".site.new":
            raise no_space(str(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    before = tree_state(project / "site")
    assert_failed_untouched(project, before, capsys, build(project))


def test_a_build_killed_between_the_fallback_renames_is_recovered(project: Path, capsys: pytest.CaptureFixture) -> None:
    """The state a kill between site/ → .site.old and .site.new → site/ leaves: the next run restores
    site/ first – even when that run fails on bad data."""
    before = tree_state(project / "site")
    (project / "site").rename(old_dir(project / "site"))
    staging_dir(project / "site").mkdir()
    (staging_dir(project / "site") / "index.html").write_text("halb", encoding="utf-8")
    (project / "data" / "offers" / "krabbelgruppe.yaml").write_text("id: [kaputt\n", encoding="utf-8")
    assert_failed_untouched(project, before, capsys, build(project))


def test_publish_swaps_in_the_new_site_and_removes_the_old(tmp_path: Path) -> None:
    site, built = tmp_path / "site", tmp_path / ".site.new"
    built.mkdir()
    (built / "index.html").write_text("neu", encoding="utf-8")
    publish(built, site)  # site/ does not exist yet
    assert (site / "index.html").read_text(encoding="utf-8") == "neu" and not built.exists()
    built.mkdir()
    (built / "index.html").write_text("neuer", encoding="utf-8")
    inode = built.stat().st_ino
    publish(built, site)
    assert site.stat().st_ino == inode  # the built folder itself became site/: renamed, not copied
    assert (site / "index.html").read_text(encoding="utf-8") == "neuer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_swaps_atomically_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With renameat2 the swap is one call: site/ is never missing, there is no second rename."""
    if publish_module._renameat2 is None:
        pytest.skip("renameat2 fehlt (kein Linux)")
    site, built = tmp_path / "site", tmp_path / ".site.new"
    site.mkdir()
    (site / "index.html").write_text("alt", encoding="utf-8")
    built.mkdir()
    (built / "index.html").write_text("neu", encoding="utf-8")

    def no_rename(self: Path, target: Path) -> Path:
        raise AssertionError("publish should not rename when it can exchange")

    monkeypatch.setattr(Path, "rename", no_rename)
    publish(built, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "neu"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# A build in a subprocess that stops after MkDocs wrote a few pages into .site.new and tells the test so.
SLOW_BUILD = """
import pathlib, signal, sys, time
import mkdocs.utils
from generator.cli import main

# Strg+C as in a terminal, also when the tests run in a background job (which starts with SIGINT ignored)
signal.signal(signal.SIGINT, signal.default_int_handler)

ready, real, written = pathlib.Path(sys.argv[1]), mkdocs.utils.write_file, []

def write_and_wait(content, output_path):
    real(content, output_path)
    written.append(output_path)
    if len(written) == 3:
        ready.write_text("\\n".join(written), encoding="utf-8")
        time.sleep(600)

mkdocs.utils.write_file = write_and_wait
sys.exit(main(sys.argv[2:]))
"""


def start_slow_build(project: Path) -> tuple[subprocess.Popen, Path]:
    ready = project / "ready.txt"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(ready), "build", "--project", str(project), "--data", "data", "--site", "site", "--build-dir", "build"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.monotonic() + 120
    while not ready.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"build did not reach MkDocs: {process.communicate()}")
        time.sleep(0.1)
    assert staging_dir(project / "site").is_dir()  # mid-build: a half-written site exists beside site/
    return process, ready


@pytest.mark.heavy
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_the_old_site_and_cleans_up(project: Path, signum: int) -> None:
    before = tree_state(project / "site")
    process, _ = start_slow_build(project)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Abgebrochen." in err and "Traceback" not in err
    assert tree_state(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.heavy
def test_a_killed_build_is_cleaned_up_by_the_next_run(project: Path, capsys: pytest.CaptureFixture) -> None:
    before = tree_state(project / "site")
    process, _ = start_slow_build(project)
    process.kill()  # SIGKILL: no clean-up possible
    process.communicate(timeout=60)
    assert tree_state(project / "site") == before
    assert leftovers(project) == [".site.new"]
    (project / "ready.txt").unlink()
    assert build(project) == 0
    assert leftovers(project) == []
    assert tree_state(project / "site") != before
    assert (project / "site" / "index.html").is_file()
