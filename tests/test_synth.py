"""Synthetic atlas data (benchmarks/synth.py) and the benchmark harness (benchmarks/run.py), at a tiny size."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import run  # noqa: E402
import synth  # noqa: E402
from generator.cli import main  # noqa: E402

TINY = dict(units_per_district=2, offers_per_centre=(1, 2))

def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

def test_tiny_synthetic_atlas_passes_check_and_is_deterministic(tmp_path, capsys):
    counts = synth.generate(tmp_path / "a", 2, seed=7, **TINY)
    synth.generate(tmp_path / "b", 2, seed=7, **TINY)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert main(["check", "--data", str(tmp_path / "a")]) == 0
    assert "Keine Probleme gefunden." in capsys.readouterr().out
    assert counts["districts"] == 2 and counts["units"] >= 2 and counts["offers"] >= counts["family_centres"]
    regions = sorted((tmp_path / "a" / "regions").glob("*.yaml"))
    assert len(regions) == 2  # one planning region per district in the "Land" atlas
    values = (tmp_path / "a" / "indicators" / "values.csv").read_text(encoding="utf-8").splitlines()
    assert values[0] == "area,indicator,year,value,forecast,example,note"
    years = {line.split(",")[2] for line in values[1:]}
    assert {str(y) for y in range(2009, 2024)} | {"2030", "2040"} <= years
    for path in (tmp_path / "a").rglob("*.yaml"):
        if path.parent.name in ("municipalities", "offers", "family_centres", "networks", "contacts", "organisations"):
            assert "example: true" in path.read_text(encoding="utf-8"), path

def test_large_value_tables_are_split_below_the_loaders_row_limit(tmp_path, monkeypatch, capsys):
    # at Germany size the values are 2,4 million rows; one file would stop at ATLAS_MAX_CSV_ROWS (the benchmark failed so)
    whole = tmp_path / "whole"
    synth.generate(whole, 1, seed=3, **TINY)
    monkeypatch.setattr(synth, "VALUES_PER_FILE", 250)
    counts = synth.generate(tmp_path / "split", 1, seed=3, **TINY)
    folder = tmp_path / "split" / "indicators"
    files = sorted(folder.glob("*.csv"), key=lambda f: int(f.stem.partition("-")[2] or 1))
    rows = [f.read_text(encoding="utf-8").splitlines() for f in files]
    assert len(files) >= 3 and [f.name for f in files[:2]] == ["values.csv", "values-2.csv"]
    assert all(r[0] == "area,indicator,year,value,forecast,example,note" and 1 < len(r) <= 251 for r in rows)
    whole_rows = (whole / "indicators" / "values.csv").read_text(encoding="utf-8").splitlines()
    assert [line for r in rows for line in r[1:]] == whole_rows[1:] and len(whole_rows) - 1 > counts["values"] > 0
    assert main(["check", "--data", str(tmp_path / "split")]) == 0
    assert "Keine Probleme gefunden." in capsys.readouterr().out


def test_other_seed_gives_other_names(tmp_path):
    synth.generate(tmp_path / "a", 1, seed=1, **TINY)
    synth.generate(tmp_path / "b", 1, seed=2, **TINY)
    assert sorted(p.name for p in (tmp_path / "a" / "municipalities").iterdir()) != sorted(
        p.name for p in (tmp_path / "b" / "municipalities").iterdir()
    )

@pytest.mark.heavy
def test_harness_builds_tiny_atlas_and_reports_every_column(tmp_path):
    # German only: the columns are what this test reads; the translated pages' cost has its own variant (below)
    result = run.measure("tiny", 1, tmp_path, serve_repeats=1, languages=["de"], **TINY)
    assert (tmp_path / "site" / "index.html").is_file()
    # the serve stage: a real `atlas serve` on a copy of the data, one saved offer measured up to its page and the CSV
    serve = result["serve"]
    assert serve["ready"] > 0 and len(serve["page"]) == len(serve["all"]) == 1
    assert 0 < serve["page"][0] <= serve["all"][0]
    assert (tmp_path / "site-plain" / "index.html").is_file()  # the plain MkDocs build of the same pages
    assert result["pages"] > 20 and result["search_stage"]["indexed_pages"] > 10 and result["search"]["disk"]["bytes"] > 0
    assert "error" not in result["search"], result["search"]["error"]  # the browser part of the search stage failed
    assert result["search"]["before"] == 0 and 0 < result["search"]["max_query"] < result["search"]["max_total"]
    assert result["page_costs"]["map_pages"] > 0 and result["page_costs"]["other_pages"] > 0
    # CPU per stage (robust against a busy machine), and every stage saved as it ends (a long run may be stopped)
    saved = json.loads((tmp_path / "stages.json").read_text(encoding="utf-8"))
    assert all(saved[stage]["process_cpu"] > 0 for stage in ("validate", "generate", "mkdocs", "plain"))
    table = run.report([result]).splitlines()
    header = [cell.strip() for cell in table[2].strip("|").split("|")]
    row = [cell.strip() for cell in table[4].strip("|").split("|")]
    assert header == [name for name, _ in run.COLUMNS]
    assert len(row) == len(header) and all(row)
    assert table[0].startswith(f"Machine: {result['cpus']} cores")
    assert row[-1].endswith("(n=1)") and row[-1] != "–"


def test_harness_runs_the_serve_stage_only_for_the_sizes_asked(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(run, "measure", lambda name, districts, work, stages, *rest: calls.append((name, stages)) or {
        "size": name, "districts": districts, "counts": {"units": 1}, "cpus": 2, "pages": 0})
    assert run.main(["--sizes", "pm,bb,de", "--work", str(tmp_path)]) == 0
    assert calls == [("pm", run.STAGES), ("bb", run.STAGES), ("de", run.CHILD_STAGES)]
    calls.clear()
    run.main(["--sizes", "de", "--serve-sizes", "all", "--stages", "validate,serve", "--work", str(tmp_path)])
    assert calls == [("de", ("validate", "serve"))]
    with pytest.raises(SystemExit):
        run.main(["--stages", "validate,serv", "--work", str(tmp_path)])
    assert "unknown stage(s): serv" in capsys.readouterr().err


def test_harness_measures_each_language_variant_of_each_size(tmp_path, monkeypatch):
    # issue 22, point 6: the build's cost of the translated pages, one row per variant of the site's languages
    calls = []
    monkeypatch.setattr(run, "measure", lambda name, districts, work, stages, *rest, **shape: calls.append((name, work.name, shape)) or {
        "size": name, "districts": districts, "counts": {"units": 1}, "cpus": 2, "pages": 0})
    assert run.main(["--sizes", "pm", "--languages", "de/de,en,uk,ar", "--stages", "validate", "--work", str(tmp_path)]) == 0
    assert calls == [("pm-de", "pm-de", {"languages": ["de"]}), ("pm-de+en+uk+ar", "pm-de+en+uk+ar", {"languages": ["de", "en", "uk", "ar"]})]
    synth.generate(tmp_path / "de", 1, seed=5, languages=["de"], **TINY)
    synth.generate(tmp_path / "all", 1, seed=5, **TINY)
    assert "languages:\n- de\n" in (tmp_path / "de" / "atlas.yaml").read_text(encoding="utf-8")
    assert "- ar\n" in (tmp_path / "all" / "atlas.yaml").read_text(encoding="utf-8")  # the example atlas' languages


def _largest_profile(data: Path) -> int:
    """Bytes of the largest Sozialraumprofil (Markdown) that the generator renders for this data folder (only
    the units' own pages are rendered: the render parts of build/parallel.py and the preview)."""
    from generator.check.validate import validate
    from generator.pages.render import site_parts
    from generator.pages.site import Site

    atlas, problems = validate(data)
    assert atlas is not None, problems
    site = Site(atlas)
    units = list(atlas.municipalities.values())
    for part in site_parts(site, only=units):
        part()
    ids = {unit.id for unit in units}
    profiles = [len(text.encode()) for path, text in site.files.items()
                if path.startswith("sozialraeume/") and path.endswith(".md") and path[13:-3] in ids]
    assert len(profiles) == len(ids), sorted(site.files)[:20]
    return max(profiles)


def test_a_profile_does_not_grow_with_the_number_of_units(tmp_path):
    """Rank tables in a profile are an excerpt above profiles.rank_table_rows: 12 or 40 units, about the same page.
    (Before, every profile listed every unit for every indicator: 480 kB per profile at Brandenburg size.)"""
    sizes = {}
    for units in (6, 20):
        data = tmp_path / f"u{units}"
        synth.generate(data, 2, seed=3, units_per_district=units, offers_per_centre=(1, 1))
        config = data / "atlas.yaml"
        text = config.read_text(encoding="utf-8")
        assert "rank_table_rows" not in text
        config.write_text(text + "\nprofiles:\n  rank_table_rows: 10\n" if "\nprofiles:" not in text else
                          text.replace("\nprofiles:\n", "\nprofiles:\n  rank_table_rows: 10\n", 1), encoding="utf-8")
        sizes[units] = _largest_profile(data)
    assert sizes[20] < sizes[6] * 1.15, sizes
