"""Scorecards at the boundary: panels by name and unit, one status vocabulary for evaluate and gap,
the options' vocabularies, non-finite and huge inputs, column dtypes (issues 11 and 17)."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def sme_firms(rows=1, **overrides):
    base = {
        "employees": 40,
        "st_staff": 12,
        "sales": 1000.0,
        "assets": 500.0,
        "rd_expense": 45.0,
        "total_cost": 45 / 0.22,
        "ip_class1": 0,
        "ip_class2": 2,
    }
    base.update(overrides)
    return pd.DataFrame({k: v if isinstance(v, list) else [v] * rows for k, v in base.items()})


def sme_panel(**units):
    df = sme_firms(sales=0.1).assign(entity="f1", period=2024)
    return zb.Panel.from_pandas(
        df,
        units={
            "sales": "亿元",
            "assets": "万元",
            "rd_expense": "万元",
            "total_cost": "万元",
            "employees": "人",
            "st_staff": "人",
            **units,
        },
    )


def test_a_panel_is_read_by_name_and_converted_from_its_units():
    r = zb.scorecards.evaluate(sme_panel(), "tech-sme-2017")
    assert r["total"].tolist() == [62.0] and r["status"].tolist() == ["passed"]
    g = zb.scorecards.gap(sme_panel(), "tech-sme-2017")
    assert g["status"].tolist() == ["passed"]


def test_units_must_name_inputs_of_the_pack():
    for firms in (sme_firms(), sme_panel()):
        with pytest.raises(zb.Error, match="did you mean 'sales'"):
            zb.scorecards.evaluate(firms, "tech-sme-2017", units={"sale": "亿元"})
        with pytest.raises(zb.Error, match="did you mean 'sales'"):
            zb.scorecards.gap(firms, "tech-sme-2017", units={"sale": "亿元"})


def test_gap_costs_must_name_controllable_inputs():
    with pytest.raises(zb.Error, match="did you mean 'st_staff'"):
        zb.scorecards.gap(sme_firms(st_staff=2), "tech-sme-2017", costs={"st_staf": 1})
    with pytest.raises(zb.Error, match="finite number"):
        zb.scorecards.gap(sme_firms(st_staff=2), "tech-sme-2017", costs={"st_staff": float("inf")})
    # Checked even when no firm fails.
    with pytest.raises(zb.Error, match="no controllable input"):
        zb.scorecards.gap(sme_firms(), "tech-sme-2017", costs={"sales": 1})


def test_policy_and_pack_names_suggest_the_right_one():
    with pytest.raises(zb.Error, match="did you mean 'high'"):
        zb.scorecards.evaluate(sme_firms(), "tech-sme-2017", policy="hihg")
    with pytest.raises(KeyError, match="did you mean 'tech-sme-2017'"):
        zb.scorecards.evaluate(sme_firms(), "tech-sme-2071")


def test_scorecard_suggestions_match_the_command_line():
    """Prefix or part of a name, as zhibiao._suggest (and the C++ closest_name) find it; no guess
    when two names fit alike (difflib named one of them)."""
    with pytest.raises(KeyError, match="did you mean 'tech-sme-2017'"):
        zb.scorecards.evaluate(sme_firms(), "sme")
    with pytest.raises(KeyError, match="did you mean 'hnte-2016'"):
        zb.scorecards.evaluate(sme_firms(), "hnte-2016x")
    with pytest.raises(KeyError) as ambiguous:
        zb.scorecards.evaluate(sme_firms(), "hnte")
    assert "did you mean" not in str(ambiguous.value) and "built in are" in str(ambiguous.value)


def test_gap_speaks_evaluates_status_words_and_names_what_blocks():
    # passed; failed on points (20 + 0 + 12: more R&D reaches 60); ineligible (510 staff); direct
    # (HNTE certificate); invalid (S&T > staff); failed with 12 points and an S&T score of 0, which
    # no single input mends (R&D to the top gives 62 with S&T 0; S&T staff to 30% gives 32).
    firms = sme_firms(
        6,
        employees=[40, 40, 510, 40, 10, 40],
        st_staff=[12, 12, 100, 0, 12, 2],
        rd_expense=[45, 5, 45, 0, 45, 5],
        hnte_certified=[0, 0, 0, 1, 0, 0],
    )
    r = zb.scorecards.evaluate(firms, "tech-sme-2017", explain=False)
    g = zb.scorecards.gap(firms, "tech-sme-2017")
    assert (
        g["status"].tolist()
        == r["status"].tolist()
        == ["passed", "failed", "ineligible", "direct", "invalid input", "failed"]
    )
    assert g["status"].dtype == r["status"].dtype  # the same categories
    assert g.loc[1, "cheapest"] == "rd_expense" and g.loc[1, "blocked_by"] is None
    assert g.loc[2, "blocked_by"] == "staff_limit" and np.isnan(g.loc[2, "cheapest_cost"])
    assert g.loc[5, "cheapest"] is None and g.loc[5, "blocked_by"] == "pass"


def plausible_hnte_firms(n, seed=11):
    """n firms as a bureau's HNTE applicants look: a few hundred staff, sales of a few thousand 万元,
    R&D of 2–8% of sales, most of it domestic, some IP, expert scores across their ranges."""
    rng = np.random.default_rng(seed)
    employees = rng.integers(20, 400, n)
    sales_y3 = np.round(rng.lognormal(8, 1, n), 2)
    sales_y2 = np.round(sales_y3 / rng.uniform(0.9, 1.6, n), 2)
    sales_y1 = np.round(sales_y2 / rng.uniform(0.9, 1.6, n), 2)
    rd_share = rng.uniform(0.03, 0.09, n)
    rd = [np.round(s * rd_share, 2) for s in (sales_y1, sales_y2, sales_y3)]
    net_y1 = np.round(rng.uniform(500, 3000, n), 2)
    card = zb.scorecards._pack("hnte-2016")
    firms = pd.DataFrame(
        {
            "registered_days": rng.integers(200, 4000, n),
            "in_supported_field": (rng.uniform(size=n) < 0.9).astype(int),
            "employees": employees,
            "st_staff": np.round(employees * rng.uniform(0.05, 0.4, n)).astype(int),
            "rd_staff": np.round(employees * 0.05).astype(int),
            "sales_y1": sales_y1,
            "sales_y2": sales_y2,
            "sales_y3": sales_y3,
            "rd_y1": rd[0],
            "rd_y2": rd[1],
            "rd_y3": rd[2],
            "rd_domestic": np.round((rd[0] + rd[1] + rd[2]) * rng.uniform(0.5, 1, n), 2),
            "total_income": np.round(sales_y3 * 1.05, 2),
            "hitech_income": np.round(sales_y3 * rng.uniform(0.5, 1.05, n), 2),
            "ip_class1": rng.integers(0, 3, n),
            "ip_class2": rng.integers(0, 8, n),
            "conversions_3y": rng.integers(0, 20, n),
            "years_operating": rng.integers(1, 10, n),
            "net_assets_y1": net_y1,
            "net_assets_y2": np.round(net_y1 * rng.uniform(0.9, 1.5, n), 2),
            "net_assets_y3": np.round(net_y1 * rng.uniform(0.9, 2, n), 2),
        }
    )
    for spec in card.inputs:  # expert scores: mostly in the upper half of their range, as applicants' are
        if spec["id"] not in firms and not spec["optional"]:
            firms[spec["id"]] = rng.integers(int(spec["max"]) // 2, int(spec["max"]) + 1, n)
    return firms


def test_hnte_every_firm_without_a_route_says_which_rule_blocks_it():
    firms = plausible_hnte_firms(1000)
    r = zb.scorecards.evaluate(firms, "hnte-2016", explain=False)
    g = zb.scorecards.gap(firms, "hnte-2016")
    assert (g["status"] == r["status"]).all()
    counts = g["status"].value_counts()
    assert counts["failed"] > 50 and counts["passed"] > 50 and counts["ineligible"] > 50  # all outcomes reached
    stuck = g["status"].isin(["failed", "ineligible"]) & g["cheapest"].isna()
    assert g.loc[stuck, "blocked_by"].notna().all()
    assert g.loc[~stuck, "blocked_by"].isna().all()
    # The search is right, not the rules too strict for it: the controllable inputs (R&D, S&T staff,
    # IP counts) score only through the IP-count item (≤ 7 under the "low" policy) under the IP cap (≤ 30), so a firm
    # meeting every gate has a route exactly when that headroom lifts its total to 71; without
    # one, it is the pass rule that blocks.
    ip_items = [
        "tech_advancement_points",
        "core_support_points",
        "ip_quantity_points",
        "ip_acquisition_points",
        "standards_bonus_points",
    ]
    headroom = np.minimum(7 - r["ip_quantity_points"], 30 - np.minimum(30, r[ip_items].sum(axis=1)))
    failed = g["status"] == "failed"
    assert (g.loc[failed, "cheapest"].notna() == (r.loc[failed, "total"] + headroom[failed] >= 71)).all()
    assert (g.loc[failed & stuck, "blocked_by"] == "pass").all()
    assert g.loc[failed, "cheapest"].notna().sum() > 5 and g["cheapest"].notna().sum() > 20  # routes are found too
    # What blocks is what the firm fails as it is — its gates, or the pass rule (total < 71) —
    # and what each single input leaves failing; a firm failing only gates no input moves is
    # blocked by exactly those.
    gates = [c for c in r.columns if c.startswith("gate_")]
    uncontrollable = {"registered_one_year", "supported_field", "hitech_income", "compliance"}
    for row in np.flatnonzero(stuck):
        failing = {c[5:] for c in gates if not r.iloc[row][c]} | ({"pass"} if r.iloc[row]["total"] < 71 else set())
        blocked = set(g.iloc[row]["blocked_by"].split(", "))
        assert blocked and blocked <= failing, row
        if failing <= uncontrollable:
            assert blocked == failing, row
    # Every route found, applied, makes the firm pass.
    card = zb.scorecards._pack("hnte-2016")
    for row in np.flatnonzero(g["cheapest"].notna())[:40]:
        c = next(c for c in card.controllables if c["input"] == g.iloc[row]["cheapest"])
        changed = firms.iloc[[row]].copy()
        for column in [c["input"], *c["also_adds"]]:
            changed[column] = changed[column].astype(float) + g.iloc[row][f"more_{c['input']}"]
        assert zb.scorecards.evaluate(changed, "hnte-2016", explain=False)["passed"].iloc[0], row


@pytest.mark.parametrize("column", ["rd_expense", "employees", "sales", "hnte_certified"])
@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_non_finite_input_is_invalid_input(column, value):
    firms = sme_firms(hnte_certified=0)
    firms[column] = firms[column].astype(float)
    firms.loc[0, column] = value
    r = zb.scorecards.evaluate(firms, "tech-sme-2017")
    assert r.loc[0, "status"] == "invalid input" and np.isnan(r.loc[0, "total"])
    assert f"input {column} invalid" in r.loc[0, "explanation_en"]
    assert zb.scorecards.gap(firms, "tech-sme-2017").loc[0, "status"] == "invalid input"


@pytest.mark.parametrize("value", [1e307, 1e300, 1e200])
def test_gap_ends_for_huge_finite_inputs(value):
    firms = sme_firms(
        2, st_staff=2, ip_class2=0, rd_expense=value, total_cost=value * 1.5, sales=[1000.0, value]
    )  # total costs above R&D: R&D above them is invalid input (rd_within_total_cost)
    g = zb.scorecards.gap(firms, "tech-sme-2017")
    # Firm 0: R&D at the top band, S&T staff 5% → 8 more S&T staff reach 20% (62 points).
    assert g.loc[0, "status"] == "failed" and g.loc[0, "cheapest"] == "st_staff" and g.loc[0, "more_st_staff"] == 8
    # Firm 1: sales above 2亿元, which nothing controllable lowers.
    assert g.loc[1, "status"] == "ineligible" and g.loc[1, "blocked_by"] == "sales_limit"


def test_cli_gap_with_inf_and_huge_values_ends(tmp_path):
    firms = sme_firms(3, st_staff=2, rd_expense=[float("inf"), 1e307, 45.0], total_cost=[500.0, 1.5e307, 500.0])
    path = tmp_path / "firms.csv"
    firms.to_csv(path, index=False)
    out = tmp_path / "scored.csv"
    subprocess.run(
        [sys.executable, "-m", "zhibiao", "scorecard", str(path), "--gap", "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    scored = pd.read_csv(out)
    assert scored["status"].tolist() == ["invalid input", "failed", "failed"]
    assert scored.loc[1, "gap_cheapest"] == "st_staff"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: pd.Series(pd.to_datetime(["2024-01-01"] * n)),
        lambda n: pd.Series(pd.to_timedelta([3] * n, unit="D")),
        lambda n: pd.Series([1 + 2j] * n),
        lambda n: pd.Series([True] * n),
        lambda n: pd.Series([True] * n, dtype="boolean"),
        lambda n: pd.Series([True] * n, dtype=object),
        lambda n: pd.Series([1000.0] * (n - 1) + [True], dtype=object),
        lambda n: pd.Series([pd.Timestamp("2024-01-01")] * n, dtype=object),
    ],
)
def test_columns_of_dates_durations_complex_or_booleans_are_refused_by_name(make):
    firms = sme_firms(2)
    firms["sales"] = make(2)
    with pytest.raises(zb.Error, match="column 'sales'"):
        zb.scorecards.evaluate(firms, "tech-sme-2017")
    with pytest.raises(zb.Error, match="column 'sales'"):
        zb.scorecards.gap(firms, "tech-sme-2017")


def test_booleans_are_read_where_the_input_is_a_declared_flag():
    firms = sme_firms(st_staff=0).assign(hnte_certified=[True])
    assert zb.scorecards.evaluate(firms, "tech-sme-2017").loc[0, "status"] == "direct"
    firms = sme_firms(st_staff=0).assign(hnte_certified=pd.array([pd.NA], dtype="boolean"))
    assert zb.scorecards.evaluate(firms, "tech-sme-2017").loc[0, "status"] == "failed"


def test_evaluate_options_are_checked():
    with pytest.raises(zb.Error, match="threads"):
        zb.scorecards.evaluate(sme_firms(), "tech-sme-2017", threads=-1)
    with pytest.raises(zb.Error, match="explain"):
        zb.scorecards.evaluate(sme_firms(), "tech-sme-2017", explain="no")


def test_object_columns_of_flags_read_true_as_one():
    firms = sme_firms(2, st_staff=0).assign(hnte_certified=pd.Series([True, 0], dtype=object))
    assert zb.scorecards.evaluate(firms, "tech-sme-2017")["status"].tolist() == ["direct", "failed"]
