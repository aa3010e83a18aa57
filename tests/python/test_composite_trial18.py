"""What a new user's trial (round 18) found in the composite index: a group column of codes that
are not the unit's own ancestors scored as an indicator on the command line, a column of numbers
stored as text silently left out, and a region scored from 1 of 6 indicators ranked first without
a word."""

import io
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite
STEPS = [C.Normalise("minmax"), C.Aggregate("arithmetic")]


def _regions() -> pd.DataFrame:
    rng = np.random.default_rng(18)
    codes = [f"5108{k:02d}" for k in range(1, 13)]
    df = pd.DataFrame(rng.uniform(1, 10, size=(12, 5)), index=pd.Index(codes, name="region"), columns=list("abcde"))
    # a re-districting: the last six counties belong to another prefecture than their code says
    df["city"] = ["510800"] * 6 + ["510900"] * 6
    return df


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def test_a_column_of_higher_level_codes_of_the_province_is_a_label_on_the_command_line(tmp_path):
    df = _regions()
    df.iloc[3, :5] = np.nan  # no data at all: must stay unscored, not ranked on the city column
    path = tmp_path / "regions.csv"
    df.to_csv(path)
    result = _cli("composite", str(path), "--model", "eis")
    assert result.returncode == 0, result.stderr
    assert "column city holds each unit's parent administrative code" in result.stderr
    assert "5 indicators" in result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), dtype={"region": str}).set_index("region")
    # a label written beside the code (trial23a F21), before the index: not scored
    assert list(table.columns[:2]) == ["city", "Index"] and np.isnan(table.loc["510804", "Index"])


def test_codes_of_another_province_or_of_a_lower_level_are_not_taken_for_parents(tmp_path):
    df = _regions()
    df["city"] = ["520800"] * 6 + ["520900"] * 6  # another province: not a parent, a number column as before
    path = tmp_path / "regions.csv"
    df.to_csv(path)
    result = _cli("composite", str(path))
    assert result.returncode == 0 and "6 indicators" in result.stderr and "parent administrative" not in result.stderr


def test_decimals_stored_as_text_are_refused_without_a_framework():
    df = _regions().drop(columns="city")
    df["a"] = df["a"].astype(str)  # as pd.read_csv(dtype=str) leaves them
    df.iloc[2, 0] = "nan"
    with pytest.raises(zb.Error, match="a holds numbers stored as text .* pd.to_numeric"):
        C.build(df, None, STEPS)


def test_whole_numbers_as_text_warn_and_codes_as_text_stay_quiet_labels():
    df = _regions()
    df["firms"] = ["55", "12", "", "60", "7", "8", "9", "10", "11", "13", "14", "15"]
    with pytest.warns(C.TextNumbersAsLabelsWarning, match="firms holds whole numbers stored as text"):
        result = C.build(df, None, STEPS)
    assert "firms" not in result.framework.indicators and "city" not in result.framework.indicators
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        C.build(df.drop(columns="firms"), None, STEPS)  # city: six-digit codes, a label without a word


def test_a_region_scored_from_fewer_than_half_of_its_indicators_is_named_in_the_summary():
    df = _regions().drop(columns="city")
    df.iloc[0, 1:] = np.nan  # 1 of 5
    df.iloc[1, 2:] = np.nan  # 2 of 5
    df.iloc[2, 3:] = np.nan  # 3 of 5: half or more, not named
    result = C.build(df, None, STEPS)
    rank = result.ranks["Index"]["510801"]
    note = [line for line in result.summary().splitlines() if "fewer than half" in line]
    assert note == [
        f"Note: 2 regions are scored from fewer than half of the indicators: 510801 (1 of 5, rank {rank}), "
        f"510802 (2 of 5, rank {result.ranks['Index']['510802']}); Screen(min_availability=0.5) leaves such "
        "regions out."
    ]
    screened = C.build(df, None, [C.Screen(min_availability=0.5), *STEPS])
    assert "fewer than half" not in screened.summary()


PANEL = (
    "region,period,gdp[亿元],rd_expenditure[万元],valid_invention_patents[件],population[万人]\n"
    "320102,2024,100,25000,500,10\n320104,2024,50,10000,300,20\n320105,2024,70,,200,5\n"
)


def test_compute_s_output_pipes_into_composite_its_period_and_reasons_left_out():
    # the constant period column was scored as an indicator and stopped the build ("constant")
    computed = _cli("compute", "-", "--ids", "rd_intensity", "invention_patents_per_10k", "-q", input=PANEL)
    result = _cli("composite", "-", input=computed.stdout)
    assert result.returncode == 0, result.stderr
    assert "column period holds one period (2024): read as the period, not an indicator" in result.stderr
    assert "2 indicators" in result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), dtype={"entity": str}).set_index("entity")
    assert list(table.columns) == ["Index", "rd_intensity", "invention_patents_per_10k", "rank"]


def test_a_year_column_of_several_years_is_refused_not_ranked():
    # one unit a row over two years: the year was an indicator, a free point for the later year
    table = "region,年份,a,b\n320102,2024,1,2\n320104,2023,2,3\n320105,2024,3,1\n"
    result = _cli("composite", "-", input=table)
    assert result.returncode == 2
    assert "column 年份 holds 2 periods (2023, 2024)" in result.stderr and "--period 2024" in result.stderr
    years_as_values = "region,a,b\n320102,2024,2\n320104,2023,3\n320105,2024,1\n"  # not headed as a period
    assert "2 indicators" in _cli("composite", "-", input=years_as_values).stderr
