"""Round 34 (helper fixB34): what a new user's trial found in the core, seen from Python — one region
written in two code widths passed validate, a grouped number with an exponent was read, and the
matched value of a partial roll-up must survive compute()'s reading partial sums as gaps."""

import io
import math

import pytest

import zhibiao as zb


def test_one_region_in_two_code_widths_is_a_hard_finding_naming_both():
    panel = zb.read_csv(io.StringIO("region,year,gdp[亿元]\n3201,2023,10\n320100,2024,11\n"))
    findings = panel.validate()
    said = findings[findings["rule"] == "one_region_two_widths"]  # was: no finding at all
    assert len(said) == 1
    row = said.iloc[0]
    assert row["entity"] == "320100" and row["severity"] == "hard"
    assert "'3201' (rows of 2023)" in row["message"] and "'320100' (rows of 2024)" in row["message"]


def test_two_regions_in_two_widths_are_no_such_finding():
    panel = zb.read_csv(io.StringIO("region,year,gdp[亿元]\n3201,2023,10\n320200,2024,11\n"))
    assert "one_region_two_widths" not in set(panel.validate()["rule"])


@pytest.mark.parametrize("cell", ['"1,234e3"', '"1,234E3"', '"1,234.5e3"'])
def test_grouping_commas_with_an_exponent_are_refused(cell):
    text = "region,period,gdp[亿元]\n320601,2023," + cell + "\n"
    with pytest.raises(zb.ParseError):  # was read as 1234000
        zb.read_csv(io.StringIO(text))
    panel = zb.read_csv(io.StringIO(text), lenient=True)
    assert math.isnan(panel.to_pandas()["gdp"].iloc[0])
    assert "unparseable" in set(panel.validate()["rule"])


def test_grouping_commas_and_exponents_apart_read_as_before():
    panel = zb.read_csv(io.StringIO('region,period,gdp[亿元],population[万人]\n320601,2023,"1,234",1.5e2\n'))
    assert panel.to_pandas()["gdp"].tolist() == [1234.0]
    assert panel.to_pandas()["population"].tolist() == [150.0]


def test_the_matched_value_of_a_partial_rollup_is_kept():
    # docs/rollup.md's example: 0.8亿 / (100 + 100)亿 = 0.4 %, invalid_child.
    trial = zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n"
            "320601,2023,100,3000\n320602,2023,100,\n320603,2023,100,xyz\n320604,2023,100,5000\n"
        ),
        lenient=True,
    )
    values, reasons = trial.rollup("admin", partial_sums=True).compute("rd_intensity", reasons=True)
    assert values.iloc[0, 0] == pytest.approx(0.4, rel=1e-12)
    assert reasons.iloc[0, 0] == "invalid_child"


def test_firms_numbered_like_two_code_widths_are_no_region():
    # review 34: firm ids 1001 and 100100 (no province opens with 10) were "one region"
    p = zb.read_csv(io.StringIO("firm,period,employees\n1001,2024,100\n100100,2024,50\n"))
    assert not any(f == "one_region_two_widths" for f in p.validate()["rule"])


def test_two_code_widths_in_a_firm_table_with_region_like_codes_are_not_asked():
    # most entities are no region's code: a firm register, not a panel of regions
    rows = "".join(f"91{k:016d},2024,{k}\n" for k in range(5))
    p = zb.read_csv(io.StringIO("firm,period,employees\n3201,2024,1\n320100,2024,2\n" + rows))
    assert not any(f == "one_region_two_widths" for f in p.validate()["rule"])
