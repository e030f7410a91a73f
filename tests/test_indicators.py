"""Indicator engine on the profile fixture: computed, aggregated and given values, small numbers, ranks,
and the validation errors of formulas, conferences, area ids and target scopes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.check.validate import validate

PROFILE = Path(__file__).parent / "fixtures" / "profile"


@pytest.fixture(scope="module")
def stats():
    atlas, problems = validate(PROFILE)
    assert problems == []
    return atlas.stats


def test_quotient_is_computed_from_parts_in_every_unit(stats):
    assert stats.get("altenquotient", "stadt-a", 2023).value == pytest.approx(30.0)
    assert stats.get("altenquotient", "dorf-b", 2023).value == pytest.approx(41.2)
    assert stats.get("altenquotient", "amt-c", 2023).value == pytest.approx(30.0)
    assert stats.get("altenquotient", "dorf-d", 2023).value == pytest.approx(25.0)
    v = stats.get("altenquotient", "dorf-b", 2023)
    assert (v.source, v.cases, v.base) == ("computed", 206, 500)


def test_region_quotient_is_ratio_of_sums_not_mean_of_ratios(stats):
    nord = stats.get("altenquotient", "nord", 2023)
    # (1500+300 + 150+56 + 500+100) / (6000+500+2000) × 100; the mean of the three quotients would be 33,7
    assert nord.value == pytest.approx(2606 / 8500 * 100)
    assert nord.value != pytest.approx((30.0 + 41.2 + 30.0) / 3, abs=0.5)
    assert nord.source == "computed"
    assert stats.get("altenquotient", "sued", 2023).value == pytest.approx(25.0)


def test_counts_are_summed_to_regions_and_district(stats):
    assert stats.get("ew-20-64", "nord", 2023).value == 8500
    assert stats.get("ew-20-64", "sued", 2023).value == 1000
    total = stats.get("ew-20-64", "testkreis", 2023)
    assert (total.value, total.source) == (9500, "aggregated")


def test_given_district_value_wins_over_computed(stats):
    given = stats.get("altenquotient", "testkreis", 2023)
    assert (given.value, given.source) == (pytest.approx(34.0), "given")  # computed would be 2856/9500 = 30,06
    computed = stats.get("altenquotient", "testkreis", 2013)  # no given value: computed from the sums
    assert (computed.value, computed.source) == (pytest.approx(24.3), "computed")


def test_forecast_computed_for_unit_and_given_for_district(stats):
    unit = stats.get("altenquotient", "dorf-b", 2040, forecast=True)
    assert unit.value == pytest.approx(75.0) and unit.forecast
    assert stats.get("altenquotient", "testkreis", 2040, forecast=True).value == pytest.approx(52.0)
    # only dorf-b has forecast counts: no region sum for the forecast
    assert stats.get("ew-20-64", "nord", 2040, forecast=True) is None


def test_example_data_propagates_to_computed_and_summed_values(stats):
    assert stats.get("ew-80", "dorf-d", 2023).example
    assert stats.get("altenquotient", "dorf-d", 2023).example
    assert stats.get("altenquotient", "sued", 2023).example
    assert stats.get("ew-80", "testkreis", 2023).example
    assert not stats.get("altenquotient", "nord", 2023).example
    assert not stats.get("altenquotient", "dorf-d", 2013).example
    assert not stats.get("altenquotient", "testkreis", 2023).example  # the given value is not example data


def test_aggregation_none_has_no_region_value(stats):
    assert stats.get("arbeitslosenquote", "dorf-b", 2023).value == pytest.approx(9.0)
    assert stats.get("arbeitslosenquote", "nord", 2023) is None
    assert stats.get("arbeitslosenquote", "testkreis", 2023).source == "given"


def test_incomplete_aggregation_leaves_region_and_district_without_value(stats):
    # geburten 2020: dorf-d (Region Süd) has no value
    assert stats.get("geburten", "nord", 2020).value == 620
    assert stats.get("geburten", "sued", 2020) is None
    assert stats.get("geburten", "testkreis", 2020) is None
    assert stats.get("geburten", "testkreis", 2023).value == 640


def test_small_numbers_flag_suppress_and_secondary_suppression(stats):
    assert stats.get("geburten", "dorf-b", 2023).reliability == "suppressed"  # 37 < 50
    secondary = stats.get("geburten", "amt-c", 2023)  # next smallest unit of Region Nord (123)
    assert secondary.reliability == "suppressed" and not secondary.shown
    assert secondary.note == "zum Schutz einer kleinen Fallzahl nicht gezeigt"
    assert stats.get("geburten", "stadt-a", 2023).reliability == "ok"
    assert stats.get("geburten", "dorf-d", 2023).reliability == "flagged"  # 68 < 100
    assert stats.get("geburten", "dorf-b", 2020).reliability == "flagged"  # 60: shown, flagged
    assert stats.get("geburten", "nord", 2023).shown
    # the derived quotient rests on enough cases everywhere
    assert all(v.reliability == "ok" for v in stats.series("altenquotient", "dorf-b"))


def test_ranks_with_ties_and_without_hidden_values(stats):
    key = (2023, False)
    assert stats.rank("arbeitslosenquote", "dorf-b", key) == (1, 3)
    assert stats.rank("arbeitslosenquote", "stadt-a", key) == (2, 3)
    assert stats.rank("arbeitslosenquote", "amt-c", key) == (2, 3)
    assert stats.rank("arbeitslosenquote", "dorf-d", key) is None
    assert stats.rank("altenquotient", "dorf-b", key) == (1, 4)
    assert stats.rank("altenquotient", "stadt-a", key) == stats.rank("altenquotient", "amt-c", key) == (2, 4)
    assert stats.rank("altenquotient", "dorf-d", key) == (4, 4)
    # suppressed values are neither ranked nor counted
    assert stats.rank("geburten", "dorf-b", key) is None
    assert stats.rank("geburten", "stadt-a", key) == (1, 2)
    assert stats.rank("geburten", "dorf-d", key) == (2, 2)


# ----------------------------------------------------------------------------------- validation errors


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(PROFILE, tmp_path / "data")
    return tmp_path / "data"


def check(data: Path, capsys) -> list[str]:
    code = main(["check", "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    return err.splitlines()


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_unknown_indicator_in_formula(data: Path, capsys):
    path = data / "indicators" / "altenquotient.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("numerator: [ew-65-79, ew-80]", "numerator: [ew-65-79, ew-80plus]"), encoding="utf-8")
    lines = check(data, capsys)
    expected = f"indicators/altenquotient.yaml:{line_of(path, 'numerator')}: Feld „numerator“ (Zähler): „ew-80plus“ ist unbekannt"
    assert any(expected in line for line in lines), lines
    assert any("meinten Sie „ew-80“?" in line for line in lines)


def test_formula_cycle(data: Path, capsys):
    (data / "indicators" / "quote-a.yaml").write_text(
        "id: quote-a\nlabel: Quote A\nunit: \"%\"\ndescription: A.\nsource: Test\nlicence: dl-de/by-2-0\n"
        "formula:\n  numerator: [quote-b]\n  denominator: [ew-20-64]\n", encoding="utf-8")
    (data / "indicators" / "quote-b.yaml").write_text(
        "id: quote-b\nlabel: Quote B\nunit: \"%\"\ndescription: B.\nsource: Test\nlicence: dl-de/by-2-0\n"
        "formula:\n  numerator: [quote-a]\n", encoding="utf-8")
    lines = check(data, capsys)
    for name in ("quote-a", "quote-b"):
        assert any(f"indicators/{name}.yaml:7: Die Berechnung (formula) ist zirkulär: quote-a → quote-b hängen voneinander ab" in line for line in lines), lines
    assert any("quote-a → quote-b" in line or "quote-b → quote-a" in line for line in lines)


def test_measure_with_unknown_need(data: Path, capsys):
    path = data / "conferences" / "dorf-b-2025-10.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    need: pflege-naehe", "    need: pflege-fern"), encoding="utf-8")
    lines = check(data, capsys)
    assert any("conferences/dorf-b-2025-10.yaml:" in line and "Maßnahme „Besuchsdienst aufbauen“: Handlungsbedarf „pflege-fern“ steht nicht unter needs in dieser Datei" in line
               for line in lines), lines


def test_region_id_equal_to_unit_id(data: Path, capsys):
    (data / "regions" / "stadt-a.yaml").write_text("id: stadt-a\nname: Region Alpha\n", encoding="utf-8")
    lines = check(data, capsys)
    assert any("regions/stadt-a.yaml:1: Die Kennung „stadt-a“ ist schon für" in line and "municipalities/stadt-a.yaml vergeben" in line for line in lines), lines


def test_target_scope_municipalities_without_list(data: Path, capsys):
    path = data / "targets" / "ziel-erreicht.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("municipalities: [stadt-a]\n", ""), encoding="utf-8")
    lines = check(data, capsys)
    assert any("targets/ziel-erreicht.yaml:" in line and "Bei scope „municipalities“ fehlt die Liste municipalities" in line for line in lines), lines
    assert lines[-1].endswith("Die Website wurde nicht verändert.")
