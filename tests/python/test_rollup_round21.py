"""Roll-ups that never under- or over-count silently (trial 21a: F2, F3, F4, F8, F19, F20)."""
import io
import subprocess
import sys

import numpy as np
import pytest

import zhibiao as zb


def panel(text):
    return zb.read_csv(io.StringIO(text))


# ---------------------------------------------------------------- F2: a numerator over a 0


SHARES = (
    "region,period,projects_applied,projects_approved,tech_contract_value[万元],tech_contract_count\n"
    "360102,2024H1,10,4,100,10\n"
    "360103,2024H1,0,3,50,0\n"
)


def test_a_numerator_over_a_zero_denominator_is_an_invalid_child():
    # Before: (4 + 3) / (10 + 0) = 70 % and (100 + 50) / 10 = 15 万元/项, no reason, coverage complete.
    up = panel(SHARES).rollup("admin")
    values, reasons = up.compute(["project_approval_rate", "tech_contract_avg_value"], reasons=True)
    assert np.isnan(values.to_numpy()).all()
    assert reasons.iloc[0].tolist() == ["invalid_child", "invalid_child"]
    cov = up.coverage.set_index("variable")
    assert cov.loc["projects_approved", "valid"] == 1 and not cov.loc["projects_approved", "complete"]
    assert cov.loc["tech_contract_count", "valid"] == 1
    # With partial sums: over 360102 alone, 4 / 10 and 100 万元 / 10.
    values, reasons = (
        panel(SHARES)
        .rollup("admin", partial_sums=True)
        .compute(["project_approval_rate", "tech_contract_avg_value"], reasons=True)
    )
    assert values.iloc[0].tolist() == [40.0, 10.0]
    assert reasons.iloc[0].tolist() == ["invalid_child", "invalid_child"]


def test_zero_over_zero_still_counts():
    # Nothing applied and nothing approved contradicts nothing and adds nothing: (4 + 0) / (10 + 0).
    p = panel("region,period,projects_applied,projects_approved\n360102,2024,10,4\n360103,2024,0,0\n")
    values, reasons = p.rollup("admin").compute("project_approval_rate", reasons=True)
    assert values.iloc[0, 0] == 40.0
    assert reasons.iloc[0].isna().all()


def test_a_population_or_gdp_of_zero_under_a_numerator_is_an_invalid_child():
    p = panel(
        "region,period,population[万人],valid_invention_patents,gdp[亿元],rd_expenditure[万元]\n"
        "360102,2022,50,100,100,20000\n"
        "360103,2022,0,80,0,5000\n"
    )
    values, reasons = p.rollup("admin").compute(["invention_patents_per_10k", "rd_intensity"], reasons=True)
    # Before: 180 / 50 = 3.6 件/万人 and 2.5亿 / 100亿 = 2.5 %, no reason.
    assert np.isnan(values.to_numpy()).all()
    assert reasons.iloc[0].tolist() == ["invalid_child", "invalid_child"]
    values, reasons = p.rollup("admin", partial_sums=True).compute(
        ["invention_patents_per_10k", "rd_intensity"], reasons=True
    )
    assert values.iloc[0].tolist() == [2.0, 2.0]  # 100 / 50万人; 2亿 / 100亿
    assert reasons.iloc[0].tolist() == ["invalid_child", "invalid_child"]


def test_a_zero_population_up_to_the_province_and_with_partial_sums():
    # The trial's case in small: 360222's 2022 population typed as 0 beside two counties.
    p = panel(
        "region,period,population[万人],valid_invention_patents\n"
        "360202,2022,30,50\n360203,2022,33,50\n360222,2022,0,80\n"
    )
    v, r = p.rollup("admin", to="province").compute("invention_patents_per_10k", reasons=True)
    assert np.isnan(v.iloc[0, 0]) and r.iloc[0, 0] == "invalid_child"
    v, r = p.rollup("admin", partial_sums=True).compute("invention_patents_per_10k", reasons=True)
    assert v.iloc[0, 0] == pytest.approx(100 / 63) and r.iloc[0, 0] == "invalid_child"


# ---------------------------------------------------------------- F3: a map child with no rows


def test_a_map_child_without_rows_counts_as_missing():
    p = panel("region,period,gdp[亿元]\n360102,2024,100\n360103,2024,200\n")
    mapping = {"360102": "360100", "360103": "360100", "360104": "360100"}
    up = p.rollup(mapping)
    v, r = up.compute([zb.Indicator("g", "gdp", unit="亿元")], reasons=True)
    # Before: 300, complete, no reason: 360104 was not counted.
    assert np.isnan(v.iloc[0, 0]) and r.iloc[0, 0] == "incomplete_rollup"
    cov = up.coverage.set_index("variable").loc["gdp"]
    assert (cov["children"], cov["with_data"], cov["valid"], bool(cov["complete"])) == (3, 2, 2, False)
    partial = p.rollup(mapping, partial_sums=True)
    assert partial.values("gdp").tolist() == [300.0]
    # The same as the child present with a blank row.
    blank = panel("region,period,gdp[亿元]\n360102,2024,100\n360103,2024,200\n360104,2024,\n").rollup(mapping)
    assert blank.coverage.drop(columns=[]).equals(up.coverage)


def test_a_map_child_that_is_a_parent_of_the_rollup_is_not_missing():
    # A map whose chains nest (county → prefecture → province): 360100 is the parent of the
    # rows, not a child without data of 360000.
    p = panel("region,period,gdp[亿元]\n360102,2024,100\n360103,2024,200\n")
    up = p.rollup({"360102": "360100", "360103": "360100", "360100": "360000"})
    assert up.values("gdp").tolist() == [300.0]
    assert up.coverage["complete"].all()


def test_cli_parents_file_counts_a_child_without_rows(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("region,period,gdp[亿元]\n360102,2024,100\n360103,2024,200\n", encoding="utf-8")
    mapping = tmp_path / "map.csv"
    mapping.write_text("child,parent\n360102,360100\n360103,360100\n360104,360100\n", encoding="utf-8")
    cov = tmp_path / "cov.csv"
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "rollup", str(data), "--parents", str(mapping), "--coverage", str(cov), "-q"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "360100,2024,,incomplete_rollup" in run.stdout.replace("\r", "")
    assert "360100,2024,gdp,3,2,2,False" in cov.read_text(encoding="utf-8")


# ---------------------------------------------------------------- F19: x_prior sums with x


PRIOR = (
    "region,period,gdp[亿元],gdp_prior[亿元]\n"
    "360102,2023,100,\n360102,2024,120,105\n360103,2023,200,\n360103,2024,210,190\n"
)


def test_a_prior_column_of_a_summed_variable_is_summed_with_it():
    g = zb.Indicator("gdp_growth", "growth(gdp)", unit="%")
    up = panel(PRIOR).rollup("admin")
    assert "gdp_prior" not in up.not_summed
    assert up.values("gdp_prior")[1] == 295.0
    v = up.compute([g]).loc[("360100", "2024"), "gdp_growth"]
    # 同口径: 330 / 295 − 1 = 11.86 %, not 330 / 300 − 1 = 10.0 % from the published levels.
    assert v == pytest.approx((330 / 295 - 1) * 100)


def test_a_prior_column_of_an_unsummed_name_is_left_out():
    p = panel("region,period,gdp[亿元],mood_prior\n360102,2024,1,2\n360103,2024,1,3\n")
    assert "mood_prior" in p.rollup("admin").not_summed


# ---------------------------------------------------------------- F20: never a ratio column


def test_target_and_actual_in_percent_are_not_summed():
    p = panel("region,period,target[%],actual[%],gdp[亿元]\n360102,2024,2.5,2.0,1\n360103,2024,3.0,2.4,1\n")
    up = p.rollup("admin")
    # Before: target 5.5 %, actual 4.4 %.
    assert {"target", "actual"} <= set(up.not_summed)
    assert "target" not in up.variables and "actual" not in up.variables


def test_target_and_actual_in_an_amount_are_still_summed():
    p = panel("region,period,target[万元],actual[万元]\n360102,2024,100,80\n360103,2024,50,40\n")
    up = p.rollup("admin")
    assert up.values("target").tolist() == [150.0] and up.values("actual").tolist() == [120.0]


# ---------------------------------------------------------------- F4: totals rows


def test_a_totals_row_with_a_code_of_its_own_is_refused():
    p = panel("region,name,period,gdp[亿元]\n360102,东湖区,2024,100\n360103,西湖区,2024,200\n" "360199,南昌市合计,2024,300\n")
    assert not p.validate().query("rule == 'totals_row'").empty  # the same rule says so
    with pytest.raises(zb.Error, match=r"360199 \(南昌市合计\).*totals row|totals row.*360199 \(南昌市合计\)"):
        p.rollup("admin")  # before: 600, counted twice, no word
    with pytest.raises(zb.Error, match="totals row"):
        p.rollup({"360102": "360100", "360103": "360100", "360199": "360100"})


def test_a_totals_code_is_refused_before_it_is_an_orphan():
    p = panel("region,period,gdp[亿元]\n360102,2024,100\n全市,2024,100\n")
    with pytest.raises(zb.Error, match="totals row"):
        p.rollup("admin")


# ---------------------------------------------------------------- F8: a partial roll-up says so


def test_the_display_of_a_partial_rollup_says_it_is_partial():
    p = panel("region,period,gdp[亿元]\n360102,2024,100\n360103,2024,\n360202,2024,5\n360203,2024,6\n")
    pp = p.rollup("admin", partial_sums=True)
    text, page = repr(pp), pp._repr_html_()
    assert "partial roll-up" in text and "incomplete_rollup 1" in text
    assert "partial" in page and "incomplete_rollup 1" in page
    # The partial sum is not counted as present.
    assert (
        "<td style='text-align:right'>1</td><td style='text-align:right'>0</td><td style='text-align:right'>1</td>"
        in page
    )
    whole = p.rollup("admin")
    assert "partial" not in repr(whole)
    # Read back from the CSV a partial roll-up writes (`<var>_reason` columns), it still says so.
    back = panel("region,period,gdp[亿元],gdp_reason\n360100,2024,100,incomplete_rollup\n")
    assert "partial roll-up" in repr(back) and "incomplete_rollup 1" in back._repr_html_()


def test_a_zero_population_is_never_summed_even_under_no_numerator():
    # 0 people is no region's figure (catalogue: population positive): the prefecture's population
    # would be under-counted, its per-head ratios too high. 0 patents over it does not make it valid.
    p = panel("region,period,population[万人],valid_invention_patents\n360102,2022,50,100\n360103,2022,0,0\n")
    up = p.rollup("admin")
    v, r = up.compute("invention_patents_per_10k", reasons=True)
    assert np.isnan(v.iloc[0, 0]) and r.iloc[0, 0] == "invalid_child"
    assert up.coverage.set_index("variable").loc["population", "valid"] == 1
    v, r = p.rollup("admin", partial_sums=True).compute("invention_patents_per_10k", reasons=True)
    assert v.iloc[0, 0] == 2.0 and r.iloc[0, 0] == "invalid_child"
    assert zb.Catalogue.builtin().variables().set_index("id").loc["population", "positive"]


# ---------------------------------------------------------------- F22: two parents from the file


def test_a_parent_column_giving_one_code_two_parents_is_refused():
    text = (
        "region,上级代码,period,gdp[亿元]\n360102,360100,2023,10\n360102,360200,2024,11\n"
        "360103,360100,2023,20\n360103,360100,2024,21\n"
    )
    # Before: 360102 kept 360100 only, and 2024's 360200 was dropped without a word.
    with pytest.raises(zb.ParseError, match=r"360102 the parent 360200 here and 360100 on line 2") as e:
        zb.read_csv(io.StringIO(text))
    assert ":3:" in str(e.value)  # the second row's line


def test_a_parent_column_in_either_width_and_blank_parents_are_one_parent():
    p = zb.read_csv(
        io.StringIO("region,parent,period,gdp[亿元]\n360102,360100,2023,10\n360102,3601,2024,11\n360102,,2022,9\n")
    )
    assert p.entities["parent"].tolist() == ["360100"]


def test_a_long_file_giving_one_code_two_parents_is_refused():
    text = "region,parent,period,variable,value,unit\n360102,360100,2023,gdp,10,亿元\n" "360102,360200,2024,gdp,11,亿元\n"
    with pytest.raises(zb.ParseError, match="360102 the parent 360200 here and 360100"):
        zb.read_csv(io.StringIO(text))
