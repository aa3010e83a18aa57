"""Round 38: 序时进度 (time progress) as /work/shared/spec/indicators.md §5 says — the quarter
basis, progress on ratio targets refused (cumulable), a divisor that undoes a large unit's scale by
hand, and what an unknown indicator id says."""

import io
import math
import subprocess
import sys

import pytest

import zhibiao as zb
from zhibiao import plot


def R(text, **kw):
    return zb.read_csv(io.StringIO(text), **kw)


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


# ------------------------------------------------------------ 序时进度 by quarter (spec §5)


def test_time_progress_by_quarter():
    # §5: target 100, 56 done at June: 56 % − 2/4 = +6.0 百分点; 1-5月 40: one quarter over, 40 − 25 =
    # +15.0 (month basis −1.67); Q3 70: 70 − 75 = −5.0.
    p = R("region,period,target,actual\nA,2024年1-6月,100,56\nA,2024年1-5月,100,40\nA,2024Q3,100,70\n")
    v = p.compute(["progress_vs_time"], basis="quarter")["progress_vs_time"]
    assert v.loc[("A", "2024H1")] == pytest.approx(6.0)
    assert v.loc[("A", "2024YTD05")] == pytest.approx(15.0)
    assert v.loc[("A", "2024Q3")] == pytest.approx(-5.0)
    month = p.compute(["progress_vs_time"], basis="month")["progress_vs_time"]
    assert month.loc[("A", "2024YTD05")] == pytest.approx(40 - 500 / 12)
    assert p.explain("progress_vs_time", "A", "2024YTD05", basis="quarter").value == pytest.approx(15.0)
    assert p.evaluate("elapsed()", basis="quarter").loc[("A", "2024YTD05")] == 0.25
    with pytest.raises(zb.ArgumentError, match="did you mean 'quarter'"):
        p.compute(["progress_vs_time"], basis="quartr")


def test_the_cli_takes_basis_quarter(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("region,period,target,actual\nA,2024年1-5月,100,40\n", encoding="utf-8")
    run = _run("compute", str(f), "--ids", "progress_vs_time", "--basis", "quarter")
    assert run.returncode == 0, run.stderr
    assert ",15.0," in run.stdout or ",15," in run.stdout, run.stdout
    assert "quarter" in _run("explain", "--help").stdout


@pytest.mark.parametrize("period", ["2024H1", "2024YTD05", "2024-02", "2024Q3", "2023-06", "2024"])
@pytest.mark.parametrize("basis", ["month", "day", "quarter"])
def test_the_plots_time_line_is_the_cores_elapsed(period, basis):
    # one home: plot.progress's line is what elapsed() gives in a formula (it computed its own,
    # month and day only)
    assert plot.elapsed_share(period, basis) == 100 * zb._core.Period(period).fraction_elapsed(basis)


def test_the_plots_time_line_by_quarter_and_its_errors():
    assert plot.elapsed_share("2024YTD05", basis="quarter") == 25.0
    with pytest.raises(zb.ArgumentError, match="did you mean 'quarter'"):
        plot.elapsed_share("2024H1", basis="quater")


# ------------------------------------------------------------ progress on ratio targets (spec §5)

RATIO = "region,period,target[{u}],actual[{u}]\nA,2024H1,13,12\n"


@pytest.mark.parametrize("u", ["%", "‰", "件/万人", "元/人", "吨标准煤/万元", "万元/项"])
def test_progress_on_a_ratio_target_is_refused_saying_to_compare_the_levels(u):
    # §5: "For ratio targets (share ≥ 13%), progress is not time-proportional. Report actual vs.
    # target level, not ×50%". 12 % against 13 % at June was 12/13 − 50 % = +42.3 百分点.
    p = R(RATIO.format(u=u))
    with pytest.raises(zb.IncompatibleUnitsError, match="compare the level with the target"):
        p.compute(["progress_vs_time"])
    values, why = p.compute(["progress_vs_time", "target_completion_rate"], strict=False, reasons=True)
    assert math.isnan(values["progress_vs_time"].iloc[0])
    assert why["progress_vs_time"].iloc[0] == "unit_mismatch"
    assert "compare the level with the target" in values.attrs["problems"]["progress_vs_time"]
    assert values["target_completion_rate"].iloc[0] == pytest.approx(1200 / 13)  # the level: 92.3 %


def test_the_whole_catalogue_gives_progress_on_a_ratio_target_as_missing_with_its_reason():
    values, why = R(RATIO.format(u="%")).compute(reasons=True)
    assert math.isnan(values["progress_vs_time"].iloc[0])
    assert why["progress_vs_time"].iloc[0] == "unit_mismatch"


@pytest.mark.parametrize("u", ["万元", "件", "项", None])
def test_progress_on_amounts_and_counts_is_as_before(u):
    # §5's test case: target 100, 56 at June: 56 % − 50 % = +6.0 个百分点
    heading = f"[{u}]" if u else ""
    p = R(f"region,period,target{heading},actual{heading}\nA,2024H1,100,56\n")
    assert p.compute(["progress_vs_time"])["progress_vs_time"].iloc[0] == pytest.approx(6.0)


def test_cumulable_in_a_formula_of_ones_own():
    p = R("region,period,x[万元],s[%]\nA,2023,100,10\nA,2024,120,12\n")
    assert p.evaluate("cumulable(x)", "万元").iloc[1] == 120
    with pytest.raises(zb.IncompatibleUnitsError, match=r"cumulable\(\) takes an amount or a count"):
        p.evaluate("cumulable(s)")
    with pytest.raises(zb.IncompatibleUnitsError, match="rate of change"):
        p.evaluate("cumulable(growth(x))")


# ------------------------------------------------------------ a divisor that undoes a large unit


@pytest.mark.parametrize(
    "formula, unit",
    [("gdp / 10000", "万元"), ("gdp * 0.0001", "万元"), ("gdp / population / 10000", "万元/人"), ("population / 10000", "万人")],
)
def test_a_divisor_that_makes_yuan_into_wan_yuan_by_hand_is_refused(formula, unit):
    # gdp 120000000 元 / 10000 = 12000 元 = 1.2 万元, where 12000 万元 was meant: 10⁴ too small
    p = R("region,period,gdp[元],population[人]\nA,2023,120000000,500000\n")
    with pytest.raises(zb.IncompatibleUnitsError, match="10000 times too small"):
        p.compute([zb.Indicator("r", formula, unit=unit)])
    assert p.compute([zb.Indicator("r", "gdp", unit="万元")])["r"].iloc[0] == 12000  # the way: the unit converts


@pytest.mark.parametrize(
    "formula, unit, expected",
    [
        ("gdp / 2", "万元", 6000),  # a half
        ("gdp * 0.5", "万元", 6000),  # a weight
        ("gdp / 100", "万元", 120),  # a divisor the unit does not undo
        ("gdp / 10000", "元", 12000),
        ("gdp - 10000[元]", "万元", 11999),  # a constant with its unit
        ("x / 10000", "1", 12000),  # a column without a unit: the conversion is the analyst's
        ("1 - y / gdp", "%", 75.0),  # a complement
    ],
)
def test_legitimate_constants_beside_a_large_unit_still_work(formula, unit, expected):
    p = R("region,period,gdp[元],x,y[元]\nA,2023,120000000,120000000,30000000\n")
    assert p.compute([zb.Indicator("r", formula, unit=unit)])["r"].iloc[0] == pytest.approx(expected)


# ------------------------------------------------------------ an unknown indicator id


def test_an_unknown_id_says_where_the_ids_are_and_how_to_give_a_formula(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("region,period,gdp[亿元]\nA,2023,100\nA,2024,110\n", encoding="utf-8")
    run = _run("compute", str(f), "--ids", "gdp_growth")
    assert run.returncode != 0
    assert "unknown indicator 'gdp_growth': the catalogue has no such id" in run.stderr, run.stderr
    assert "`zhibiao catalogue` lists them" in run.stderr
    assert "zhibiao.Indicator('gdp_growth', formula, unit=...)" in run.stderr
    with pytest.raises(zb.UnknownIndicatorError, match="did you mean 'rd_intensity'") as near:
        R("region,period,gdp[亿元]\nA,2023,100\n").compute(["rd_intensit"])
    assert "zhibiao catalogue" not in str(near.value)
