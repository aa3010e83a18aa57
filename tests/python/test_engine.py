"""The indicator engine from Python: user indicators, time operators, roll-up, validation,
patents in force."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def panel_from(text: str, **options) -> zb.Panel:
    return zb.read_csv(io.BytesIO(text.encode()), **options)


def test_user_indicator_with_units_in_either_scale():
    rd = zb.Indicator("rd_per_10k_employed", "rd_personnel / employed", unit="人/万人")
    in_wan = panel_from("entity,period,rd_personnel[人],employed[万人]\na,2023,500,2\n")
    in_ren = panel_from("entity,period,rd_personnel[人],employed[人]\na,2023,500,20000\n")
    assert in_wan.compute([rd]).iloc[0, 0] == 250.0
    assert in_ren.compute([rd, "rd_per_10k_employed"][:1]).iloc[0, 0] == 250.0
    both = in_wan.compute([rd, zb.Indicator("twice", "rd_per_10k_employed * 2", "人/万人")])
    assert both.loc[("a", "2023"), "twice"] == 500.0


def test_formula_errors_carry_a_caret_and_suggestions():
    with pytest.raises(zb.ParseError) as info:
        zb.Indicator("x", "gdp / (population", unit="元/人")
    assert "^" in str(info.value)
    p = panel_from("entity,period,rd_personnel[人],employed[万人],gdp[万元]\na,2023,1,2,3\n")
    with pytest.raises(zb.IncompatibleUnitsError, match="cannot add"):
        p.compute([zb.Indicator("x", "rd_personnel / employed + gdp", unit="人/万人")])
    with pytest.raises(zb.MissingVariableError, match="did you mean 'employed'"):
        p.compute([zb.Indicator("x", "rd_personnel / employd", unit="人/万人")])
    with pytest.raises(zb.ParseError, match="did you mean 'growth'"):
        p.compute([zb.Indicator("x", "grwth(gdp)", unit="%")])
    with pytest.raises(zb.UnknownUnitError):
        zb.Indicator("x", "gdp", unit="美元")


def test_time_operators_and_nantong():
    # Nantong Jan–Oct 2023: 42673 patents over the 2022 year-end population 773.34万 → 55.18 (§1.4).
    p = panel_from(
        "entity,period,valid_invention_patents,population[万人]\nNantong,2022,37964,773.34\n"
        "Nantong,2023年1-10月,42673,\n"
    )
    intra = zb.Indicator("per_10k", "valid_invention_patents / last_year_end(population)", unit="件/万人")
    assert round(p.compute([intra]).loc[("Nantong", "2023YTD10"), "per_10k"], 2) == 55.18
    growth = panel_from("entity,period,x[万元]\na,2022H1,64\na,2023H1,80\nb,2022H1,0\nb,2023H1,5\n")
    values, reasons = growth.compute([zb.Indicator("g", "growth(x)", unit="%")], reasons=True)
    assert values.loc[("a", "2023H1"), "g"] == pytest.approx(25.0)  # 80 vs 64 = +25.0% (§5)
    assert reasons.loc[("b", "2023H1"), "g"] == "nonpositive_base"
    assert reasons.loc[("a", "2022H1"), "g"] == "no_such_period"


def test_rollup_is_a_ratio_of_sums():
    counties = panel_from(
        "region,period,valid_invention_patents,population[万人],share[%]\n"
        "320602,2023,9000,100,1\n320612,2023,100,10,2\n320623,2023,10,1,3\n"
    )
    city = counties.rollup("admin")
    assert city.entities["code"].tolist() == ["320600"]
    value = city.compute("invention_patents_per_10k").iloc[0, 0]
    assert value == pytest.approx(9110 / 111)
    assert abs(value - counties.compute("invention_patents_per_10k").iloc[:, 0].mean()) > 1
    assert city.not_summed == ["share"]
    assert city.coverage["complete"].all()
    province = counties.rollup("admin", to="province")
    assert province.entities["code"].tolist() == ["320000"]
    with pytest.raises(zb.Error, match="no parent in the map"):
        counties.rollup({"320602": "A"})


def test_rollup_flags_missing_children():
    counties = panel_from("region,period,population[万人]\n320602,2023,10\n320612,2023,\n320612,2024,5\n")
    city = counties.rollup("admin")
    values, reasons = city.compute([zb.Indicator("pop", "population", unit="万人")], reasons=True)
    assert reasons.loc[("320600", "2023"), "pop"] == "incomplete_rollup"
    cov = city.coverage.set_index("period")
    assert cov.loc["2023", "with_data"] == 1 and cov.loc["2023", "children"] == 2
    assert city.coverage["complete"].tolist() == [False, False]  # 2024: one child has no row


def test_validate_returns_a_table_of_findings(tmp_path):
    p = panel_from(
        "region,period,projects_applied,projects_approved,reward_due[万元],reward_paid[万元]\n"
        "a,2023,10,5,100,50\nb,2023,10,12,100,150\n"
    )
    findings = p.validate()
    assert list(findings.columns) == ["entity", "period", "variable", "rule", "severity", "message"]
    assert set(findings["rule"]) == {"approved_not_above_applied", "paid_not_above_due"}
    assert (findings["entity"] == "b").all()
    assert findings.attrs["rules_applied"] >= 2 and findings.attrs["skipped"]
    rules = tmp_path / "mine.toml"
    rules.write_text(
        '[[rule]]\nid = "tiny"\nseverity = "soft"\nvariable = "projects_applied"\n'
        'check = "projects_applied >= 20[项]"\nmessage = "few projects"\n',
        encoding="utf-8",
    )
    mine = p.validate(rules)
    assert mine["rule"].tolist() == ["tiny", "tiny"] and (mine["severity"] == "soft").all()
    rules.write_text(rules.read_text(encoding="utf-8").replace("20[项]", "20"), encoding="utf-8")
    with pytest.raises(zb.IncompatibleUnitsError, match="rule 'tiny'"):
        p.validate(rules)


def test_patents_in_force_with_findings():
    records = pd.DataFrame(
        {
            "region": ["A", "A", "B", "B", "B"],
            "kind": ["invention", "invention", "invention", "utility", "invention"],
            "filing_date": ["2000-05-01", "2015-01-01", "2018-01-01", "2018-01-01", "2019-01-01"],
            "grant_date": ["2004-01-01", "2017-01-01", "2017-01-01", "2019-01-01", "2021-01-01"],
            "end_date": [None, None, None, None, "2022-01-01"],
        }
    )
    counts, found = zb.patents_in_force(records, ["2019-12-31", "2021-06-30"], findings=True)
    assert counts.loc["A"].tolist() == [2, 1]  # the 2000 filing expires 2020-05-01
    assert counts.loc["B"].tolist() == [0, 1]  # the 2018 invention was "granted" before filing
    assert found.set_index("problem").loc["grant_before_filing", "records"] == 1
    assert found.attrs["not_selected"] == 1 and found.attrs["counted"] == 3
    bad = records.assign(grant_date=["2004-01-01", "soon", "2017-01-01", "2019-01-01", "2021-01-01"])
    with pytest.raises(zb.ParseError, match="grant_date"):
        zb.patents_in_force(bad, ["2020-01-01"])


def test_patents_in_force_agrees_with_a_numpy_count():
    rng = np.random.default_rng(3)
    n = 200_000
    filing = np.datetime64("1996-01-01") + rng.integers(0, 9000, n).astype("timedelta64[D]")
    grant = filing + rng.integers(300, 1500, n).astype("timedelta64[D]")
    lapse = np.where(
        rng.random(n) < 0.3, grant + rng.integers(0, 4000, n).astype("timedelta64[D]"), np.datetime64("NaT")
    )
    lapse = np.where(lapse > np.datetime64("2025-01-01"), np.datetime64("NaT"), lapse)
    records = pd.DataFrame(
        {
            "region": rng.integers(0, 30, n).astype(str),
            "kind": "invention",
            "filing_date": filing,
            "grant_date": grant,
            "end_date": lapse,
        }
    )
    dates = pd.to_datetime(["2010-12-31", "2020-06-30", "2024-12-31"])
    counts = zb.patents_in_force(records, dates)
    expiry = (pd.to_datetime(records["filing_date"]) + pd.DateOffset(years=20)).to_numpy()
    stop = np.where(pd.isna(records["end_date"]), expiry, np.minimum(expiry, records["end_date"].to_numpy()))
    for date in dates:
        valid = (records["grant_date"].to_numpy() <= date.to_datetime64()) & (date.to_datetime64() < stop)
        brute = pd.Series(valid).groupby(records["region"]).sum()
        np.testing.assert_array_equal(counts[date].to_numpy(), brute.reindex(counts.index).to_numpy())


def test_published_ratios_are_checked_at_their_printed_precision():
    """A ratio printed with k decimals matches when the recomputed value rounds half up (四舍五入)
    to it: 1234万元 / 10亿元 = 1.234% printed 1.2 or 1.23 is right, 1.65% printed 1.7 is right,
    1.234% printed 1.3 or 1.24 is not; the high-tech share and patents per 10,000 alike."""
    p = zb.read_csv(
        io.StringIO(
            "region,period,rd_expenditure[万元],gdp[亿元],rd_intensity[%]\n"
            "A,2024,1234,10,1.23\nE,2024,1234,10,1.2\nB,2024,1650,10,1.7\n"
            "C,2024,1234,10,1.3\nD,2024,1234,10,1.24\nF,2024,1234,10,1\nG,2024,1234,10,2\n"
        )
    )
    f = p.validate()
    flagged = set(f[f.rule == "published_rd_intensity_matches"].entity)
    assert flagged == {"C", "D", "G"}
    h = zb.read_csv(
        io.StringIO(
            "region,period,hitech_value_added[亿元],gdp[亿元],hitech_va_share_gdp[%]\n"
            "A,2024,1.355,10,13.55\nB,2024,1.355,10,13.6\nC,2024,1.355,10,14\nD,2024,1.355,10,13.7\n"
        )
    )
    f = h.validate()
    assert set(f[f.rule == "published_hitech_share_matches"].entity) == {"D"}


def test_printed_tolerance_is_half_a_unit_of_the_last_decimal():
    p = zb.read_csv(io.StringIO("region,period,x[%]\nA,2024,1.2\nB,2024,1.23\nC,2024,2\nD,2024,1234.5\n"))
    got = p.compute([zb.Indicator("t", "printed_tolerance(x)", unit="%")])["t"].to_numpy()
    np.testing.assert_allclose(got, [0.05, 0.005, 0.5, 0.05], rtol=2e-6)
    assert (got >= [0.05, 0.005, 0.5, 0.05]).all()  # never below the half unit


def test_a_published_ratio_matches_when_the_recomputed_value_rounds_half_up_to_it():
    # 四舍五入 (docs/validation.md): 1250万元 / 10亿元 = 1.25 % rounds to 1.3, so a published 1.2 is a
    # finding and 1.3 is not; 1.35 % rounds to 1.4 (1.3 flagged). 1.15 % rounds to 1.2 (matches).
    p = zb.read_csv(
        io.StringIO(
            "region,period,rd_expenditure[万元],gdp[亿元],rd_intensity[%]\n"
            "A,2024,1250,10,1.2\nB,2024,1250,10,1.3\nC,2024,1350,10,1.3\nD,2024,1350,10,1.4\n"
            "E,2024,1150,10,1.2\nF,2024,1150,10,1.1\n"
        )
    )
    f = p.validate()
    assert set(f[f.rule == "published_rd_intensity_matches"].entity) == {"A", "C", "F"}


def test_printed_round_rounds_half_away_to_the_decimals_of_the_printed_figure():
    p = zb.read_csv(
        io.StringIO("region,period,x[%],p[%]\nA,2024,1.25,1.2\nB,2024,-1.25,-1.2\nC,2024,2.675,2.68\nD,2024,7.5,3\n")
    )
    got = p.compute([zb.Indicator("r", "printed_round(x, p)", unit="%")])["r"].tolist()
    assert got == [1.3, -1.3, 2.68, 8.0]
