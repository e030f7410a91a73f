"""How the suite spreads over the machine (tests/conftest.py, issue 16: under 5 minutes on 2 cores): the number of
xdist workers for `-n auto`, the long tests first, the garbage collector of a worker, and what
benchmarks/suite_time.py reads from the timeline. The wall and CPU time themselves are measured by
benchmarks/suite_time.py, not here."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from conftest import GC_THRESHOLDS, pytest_collection_modifyitems, pytest_xdist_auto_num_workers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import suite_time  # noqa: E402


@pytest.mark.parametrize("cores, workers", [(1, 1), (2, 3), (4, 6), (None, 1)])
def test_three_workers_per_two_cores(cores, workers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATLAS_TEST_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    assert pytest_xdist_auto_num_workers(None) == workers


def test_the_environment_sets_the_number_of_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setenv("ATLAS_TEST_WORKERS", "5")
    assert pytest_xdist_auto_num_workers(None) == 5
    monkeypatch.setenv("ATLAS_TEST_WORKERS", "viele")  # not a number: the default
    assert pytest_xdist_auto_num_workers(None) == 3


class Item:
    def __init__(self, name: str, heavy: bool) -> None:
        self.name, self.heavy = name, heavy

    def get_closest_marker(self, name: str) -> object | None:
        return object() if name == "heavy" and self.heavy else None


def test_heavy_tests_come_first_each_group_in_its_order() -> None:
    items = [Item("a", False), Item("b", True), Item("c", False), Item("d", True)]
    pytest_collection_modifyitems(items)
    assert [i.name for i in items] == ["b", "d", "a", "c"]


def test_a_worker_collects_garbage_less_often_than_pythons_default() -> None:
    # this process is a worker (or the only process with -n 0): it read tests/conftest.py
    assert gc.get_threshold() == GC_THRESHOLDS
    young, middle, old = GC_THRESHOLDS
    assert young > 700 and middle >= 10 and old > 10  # Python's defaults: (700, 10, 10)


def test_suite_time_reports_garbage_collection_and_peak_memory_per_worker(tmp_path: Path) -> None:
    timeline = tmp_path / "timeline.tsv"
    timeline.write_text(
        "gw0\tsetup\t100.000\t101.000\ttests/test_a.py::test_one\t0.90\t0.250\t310\n"
        "gw0\tcall\t101.000\t103.000\ttests/test_a.py::test_one\t1.80\t0.500\t420\n"
        "gw1\tcall\t100.000\t104.000\ttests/test_b.py::test_two\t3.50\t1.125\t275\n"
        "gw2\tcall\t100.000\t102.000\ttests/test_c.py::test_three\t1.00\n",  # a timeline of an older conftest
        encoding="utf-8",
    )
    report = suite_time.analyse(timeline, wall=10.0, cpu=7.2, cores=2, started=99.0)
    assert "  gw0: busy 3 s, done 1 s before the last worker; collecting garbage 0.8 s, peak memory 420 MB" in report
    assert "  gw1: busy 4 s, done 0 s before the last worker; collecting garbage 1.1 s, peak memory 275 MB" in report
    assert "  gw2: busy 2 s, done 2 s before the last worker\n" in report
    assert "7 s in all" in report  # the CPU column is read as before: 0,9 + 1,8 + 3,5 + 1,0
