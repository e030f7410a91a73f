"""Class breaks for thematic maps: quantiles, Fisher–Jenks natural breaks, German legend labels."""

from __future__ import annotations

import itertools

import pytest

from generator.visuals.classify import JENKS_LIMIT, class_of, classify, labels


def _groups(values: list[float], breaks: list[float]) -> list[list[float]]:
    groups: list[list[float]] = [[] for _ in range(len(breaks) - 1)]
    for v in sorted(values):
        groups[class_of(v, breaks)].append(v)
    return groups


def _ssd(groups: list[list[float]]) -> float:
    return sum(sum((x - sum(g) / len(g)) ** 2 for x in g) for g in groups if g)


def test_quantiles_put_equal_numbers_in_each_class() -> None:
    values = [float(v) for v in range(1, 11)]  # 1..10
    breaks = classify(values, "quantiles", 5)
    assert breaks == [1.0, 3.0, 5.0, 7.0, 9.0, 10.0]
    assert [len(g) for g in _groups(values, breaks)] == [2, 2, 2, 2, 2]


def test_order_of_input_does_not_matter() -> None:
    values = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0]
    assert classify(values, "quantiles", 3) == classify(sorted(values), "quantiles", 3)
    assert classify(values, "jenks", 3) == classify(sorted(values), "jenks", 3)


def test_jenks_textbook_example() -> None:
    # the usual example for natural breaks: three clear groups
    values = [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]
    breaks = classify(values, "jenks", 3)
    assert breaks == [1.2, 3.9, 7.1, 7.8]
    assert _groups(values, breaks) == [[1.2, 1.3, 2.3], [3.9, 4.1, 4.3, 4.3, 5.0], [7.1, 7.3, 7.3, 7.8]]


@pytest.mark.parametrize("values", [
    [4.0, 5.0, 9.0, 10.0, 11.0, 30.0, 31.0, 2.0],
    [12.0, 18.5, 30.2, 19.0, 25.0, 26.5, 13.1, 40.0, 41.0],
])
def test_jenks_is_the_optimal_partition(values: list[float]) -> None:
    """Compare with every possible split of the sorted values into 3 groups."""
    data = sorted(values)
    best = min(
        _ssd([data[:i], data[i:j], data[j:]])
        for i, j in itertools.combinations(range(1, len(data)), 2)
    )
    assert _ssd(_groups(values, classify(values, "jenks", 3))) == pytest.approx(best)


def test_fewer_distinct_values_than_classes_reduce_k() -> None:
    assert classify([2.0, 2.0, 5.0], "quantiles", 5) == [2.0, 5.0, 5.0]
    assert classify([2.0, 2.0, 5.0], "jenks", 5) == [2.0, 5.0, 5.0]
    assert classify([3.0, 3.0], "jenks", 5) == [3.0, 3.0]
    assert classify([], "quantiles") == []
    assert class_of(None, [1.0, 2.0]) is None


def test_jenks_falls_back_to_quantiles_above_the_limit() -> None:
    values = [float(i % 97) for i in range(JENKS_LIMIT + 1)]
    assert classify(values, "jenks", 4) == classify(values, "quantiles", 4)


def test_class_of_uses_lower_limits_and_closes_the_last_class() -> None:
    breaks = [12.0, 18.5, 30.2]
    assert [class_of(v, breaks) for v in (12.0, 18.49, 18.5, 30.2, 99.0, 1.0)] == [0, 0, 1, 1, 1, 0]


def test_labels_in_german_format() -> None:
    assert labels([12.0, 18.5, 30.2], 1) == ["12,0 bis unter 18,5", "18,5 bis 30,2"]
    assert labels([1200.0, 15000.0, 20000.0], 0, "Personen") == ["1.200 bis unter 15.000\u00a0Personen", "15.000 bis 20.000\u00a0Personen"]
    assert labels([5.0, 5.0], 1, "%") == ["5,0\u00a0%"]
    assert labels([1.0, 2.0, 2.0], 0) == ["1 bis unter 2", "2"]
