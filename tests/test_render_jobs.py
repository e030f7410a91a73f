"""Rendering in several processes (generator/build/parallel.py): the same files as in one process; errors
still stop the build with a German message and leave the site as it was.

The threshold is set to 0 so that the small test atlases render in two forked processes, as a Land-size
atlas would."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import MINI, REPO
from generator.build import parallel as render_jobs
from generator.pages import profiles as render_profiles
from generator.build.pipeline import generate
from generator.cli import main
from generator.core.paths import BuildError, Paths
from generator.check.validate import validate


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_jobs, "PARALLEL_RECORDS", 0)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _generate(data: Path, out: Path, jobs: int):
    atlas, problems = validate(data)
    assert atlas is not None, problems
    report = generate(atlas, Paths.create(REPO, data, out / "site", out / "build"), jobs=jobs)
    return report, out / "build" / "docs"


def _renamed_mini(tmp_path: Path) -> Path:
    """The mini atlas with one renamed offer (former_ids: a redirect page that needs every other path)."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    offer = data / "offers" / "seniorentreff.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("id: seniorentreff", "id: seniorentreff-neu\nformer_ids: [seniorentreff]"),
                     encoding="utf-8")
    offer.rename(data / "offers" / "seniorentreff-neu.yaml")
    return data


def test_two_processes_write_the_same_files_as_one(tmp_path: Path, forked: None) -> None:
    data = _renamed_mini(tmp_path)
    one_report, one = _generate(data, tmp_path / "one", jobs=1)
    two_report, two = _generate(data, tmp_path / "two", jobs=2)
    files_one, files_two = _files(one), _files(two)
    assert len(files_one) > 100
    assert "angebote/seniorentreff/index.html" in files_two  # the redirect, written by the parent after the workers
    assert "angebote/seniorentreff-neu.md" in files_two and "karten/sozialraum-teststadt.html" in files_two
    assert sorted(files_two) == sorted(files_one)
    assert [p for p in files_one if files_one[p] != files_two[p]] == []
    assert two_report.written == one_report.written == two_report.added
    assert two_report.total == one_report.total

    again = _generate(data, tmp_path / "two", jobs=2)[0]  # unchanged data: nothing rewritten
    assert again.written == [] and again.removed == [] and again.total == two_report.total

    offer = data / "offers" / "krabbelgruppe.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("title: ", "title: Neue ", 1), encoding="utf-8")
    changed = _generate(data, tmp_path / "two", jobs=2)[0]
    assert "angebote/krabbelgruppe.md" in changed.written and changed.removed == []
    assert len(changed.written) < len(files_one) / 4


def test_small_atlas_stays_in_one_process() -> None:
    atlas, _ = validate(MINI)
    assert render_jobs.record_count(atlas) < render_jobs.PARALLEL_RECORDS
    assert render_jobs.processes(atlas, 4) == 1
    assert render_jobs.processes(atlas, 4, above=0) == 4
    assert render_jobs.processes(atlas, 1, above=0) == 1


@pytest.mark.heavy
def test_a_district_with_all_its_offers_renders_in_several_processes(tmp_path: Path) -> None:
    # the benchmark's one-district size (issue 7: the generator's own stages under a quarter of MkDocs there too)
    sys.path.insert(0, str(REPO / "benchmarks"))
    import synth

    synth.generate(tmp_path / "pm", 1)
    atlas, problems = validate(tmp_path / "pm")
    assert atlas is not None, problems
    assert render_jobs.processes(atlas, 2) == 2
    assert render_jobs.processes(atlas, 1) == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_made_twice_stops_the_build_in_german(tmp_path: Path, forked: None, jobs: int) -> None:
    # an offer with the id of the overview „nach Alter“: the offer pages and the lists both make angebote/alter.md.
    # `atlas check` rejects the reserved id (tests/test_reserved_names.py); the renderer still stops on it.
    atlas, problems = validate(MINI)
    assert atlas is not None, problems
    atlas.offers["alter"] = atlas.offers["sprechstunde"].model_copy(update={"id": "alter"})
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=r"^Die Seite angebote/alter\.md würde zweimal erzeugt; .*Bitte die Kennung ändern\.$"):
        generate(atlas, Paths.create(REPO, MINI, out / "site", out / "build"), jobs=jobs)


def test_an_unexpected_error_in_a_worker_is_reported_in_german(tmp_path: Path, forked: None, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    args = ["build", "--quiet", "--jobs", "2", "--project", str(REPO), "--data", str(MINI), "--site", str(out / "site"),
            "--build-dir", str(out / "build")]
    assert main(args) == 0
    before = _files(out / "site")

    def broken(site, common):  # inherited by the forked workers
        raise ZeroDivisionError("kaputt im Test")

    monkeypatch.setattr(render_profiles, "target_pages", broken)
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Interner Fehler beim Bauen der Website (RenderWorkerError: ZeroDivisionError: kaputt im Test)" in err
    assert "Traceback" not in err
    report = (out / "build" / "fehlerbericht.txt").read_text(encoding="utf-8")
    assert "Im Render-Prozess:" in report and "ZeroDivisionError: kaputt im Test" in report and "in broken" in report
    assert _files(out / "site") == before  # the previous site is untouched


def test_a_full_disk_in_a_worker_keeps_its_german_message(tmp_path: Path, forked: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full(site, common):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.md"))

    monkeypatch.setattr(render_profiles, "target_pages", full)
    atlas, _ = validate(MINI)
    with pytest.raises(OSError) as caught:
        generate(atlas, Paths.create(REPO, MINI, tmp_path / "site", tmp_path / "build"), jobs=2)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(tmp_path / "x.md")


def test_a_worker_that_dies_stops_the_build_instead_of_hanging(tmp_path: Path, forked: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    def killed(site, common):  # as if the kernel ended the process for lack of memory
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(render_profiles, "target_pages", killed)
    atlas, _ = validate(MINI)
    with pytest.raises(BuildError, match=r"^Ein Prozess zum Erzeugen der Seiten wurde unerwartet beendet, oft aus Mangel an Arbeitsspeicher\. "
                                         r"Mit --jobs 1 braucht der Bau weniger Speicher"):
        generate(atlas, Paths.create(REPO, MINI, tmp_path / "site", tmp_path / "build"), jobs=2)
