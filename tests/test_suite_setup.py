"""How the suite spreads over the machine (tests/conftest.py, issue 16: under 5 minutes on 2 cores): the number of
xdist workers for `-n auto` and the long tests first. The wall and CPU time themselves are measured by
benchmarks/suite_time.py, not here."""

from __future__ import annotations

import pytest
from conftest import pytest_collection_modifyitems, pytest_xdist_auto_num_workers


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
