"""Cells that look like numbers but are refused say why; codes as a spreadsheet writes them are
refused naming the code meant (found in the round-17 new-user trial)."""

import io

import pytest

import zhibiao as zb

HEADER = "region,period,gdp[亿元],rd_expenditure[万元]\n"


@pytest.mark.parametrize(
    "cell, said",
    [
        ("1e400", "beyond the range of a double"),
        ("-inf", "an infinity, which is no figure"),
        ("1e-400", "below the smallest double, never read as 0"),
        ("5.", "ending in its decimal point"),
        ("12.%", "ending in its decimal point"),  # round 18: the percent sign after the lost digits
        ("-3.‰", "ending in its decimal point"),
        ("12.5%", "a percentage in a column of unit '亿元'"),
        ("1000亿元", "a number with its unit '亿元' in the cell: put the unit in the header"),
        ("12 件", "with its unit '件'"),
        ("#DIV/0!", "a spreadsheet's error value"),
        ("'300", "text mark (')"),
        ("abc", "not a number"),
    ],
)
def test_a_refused_cell_says_why(cell, said):
    with pytest.raises(zb.ParseError, match=r"2:3 \(variable gdp\)") as caught:
        zb.read_csv(io.StringIO(HEADER + f"320102,2024,{cell},3000\n"))
    assert said in str(caught.value)


def test_a_refused_cell_read_leniently_is_missing_with_its_explanation_in_the_report():
    panel = zb.read_csv(io.StringIO(HEADER + "320102,2024,1e-400,3000\n"), lenient=True)
    assert panel.to_pandas()["gdp"].isna().all()  # never 0, which would be a zero denominator
    assert "below the smallest double" in panel.report["issues"][0]["problem"]


def test_small_and_zero_numbers_still_read():
    panel = zb.read_csv(io.StringIO(HEADER + "320102,2024,0,1e-5\n320104,2024,0.0e5,2.5e-300\n"))
    assert panel.to_pandas()["gdp"].tolist() == [0.0, 0.0]
    assert panel.to_pandas()["rd_expenditure"].tolist() == [1e-5, 2.5e-300]


@pytest.mark.parametrize("written", ["'320102", "320102.0", '"=""320102"""'])
def test_a_code_as_a_spreadsheet_wrote_it_is_refused_naming_the_code(written):
    # each was an entity of its own beside 320102: ranked twice, rolled up with nothing
    text = HEADER + f"{written},2024,1,3000\n320104,2024,1,2\n"
    with pytest.raises(zb.ParseError, match=r":2:1: entity code .* is the code '320102'"):
        zb.read_csv(io.StringIO(text))


def test_codes_and_names_with_points_are_kept_as_written():
    text = HEADER + "320102.5,2024,1,3000\nv1.0,2024,1,2\n甲公司,2024,1,2\n"
    assert sorted(zb.read_csv(io.StringIO(text)).entities["code"]) == sorted(["320102.5", "v1.0", "甲公司"])
