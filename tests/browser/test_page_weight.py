"""The page-weight benchmark (benchmarks/page_weight.py) runs on the mini atlas: every page type is
measured, nothing comes from another host, and the budgets written in the benchmark hold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "page_weight.py"


def load_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("page_weight", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


page_weight = load_benchmark()


@pytest.mark.heavy
@pytest.mark.browser
def test_benchmark_measures_every_page_type_within_budget(mini_site: Path, browser: Any) -> None:
    pages = page_weight.pick_pages(mini_site)
    assert [name for name in page_weight.REQUIRED if pages[name] is None] == []
    assert pages["sozialraum"].startswith("sozialraeume/") and pages["angebot"] in ("angebote/krabbelgruppe/", "angebote/seniorentreff/", "angebote/sprechstunde/")
    with page_weight.serve(mini_site) as base_url:
        report = page_weight.measure(browser, base_url, pages)
    by_type = {weight.page_type: weight for weight in report}
    assert set(page_weight.REQUIRED) <= set(by_type)
    for weight in report:
        assert weight.foreign == [], weight.foreign
        assert weight.full["html"] > 0 and weight.full["css"] > 0 and weight.full["js"] > 0, weight
        assert weight.search == [], "no search index on a first visit (issue 18)"
        assert weight.full["font"] == 0, "system fonts only"
        assert weight.decoded > weight.total, "text is served gzip-compressed"
    assert by_type["sozialraum"].full["image"] > 0  # the profile's charts
    assert page_weight.violations(report) == []
    table = page_weight.table(report)
    assert all(name in table for name in page_weight.REQUIRED)


def test_budgets_and_foreign_hosts_are_reported() -> None:
    weight = page_weight.PageWeight("start", "", full={**dict.fromkeys(page_weight.CATEGORIES, 0), "html": 5000, "font": 20_000},
                                    decoded=25_000, foreign=["https://fonts.googleapis.com/css?family=Roboto"])
    problems = page_weight.violations([weight])
    assert problems == [
        "start (/): font 20,000 B > budget 0 B",
        "start (/): request to a foreign host: https://fonts.googleapis.com/css?family=Roboto",
    ]
    searched = page_weight.PageWeight("start", "", full=dict.fromkeys(page_weight.CATEGORIES, 0), search=["http://127.0.0.1:1/pagefind/pagefind.js"])
    assert page_weight.violations([searched], {}) == ["start (/): search file loaded before any search: http://127.0.0.1:1/pagefind/pagefind.js"]
    assert page_weight.is_search_file("http://127.0.0.1:1/search/search_index.json")
    assert page_weight.violations([weight], {"total": 10_000}) == [
        "start (/): total 25,000 B > budget 10,000 B",
        "start (/): request to a foreign host: https://fonts.googleapis.com/css?family=Roboto",
    ]
