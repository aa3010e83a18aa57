"""Scorecards from Python: the spec's cases, bad input, units, properties, the gap, the CLI."""

import subprocess
from pathlib import Path
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhibiao as zb


def sme_firms(**overrides):
    base = {
        "employees": [40],
        "st_staff": [12],
        "sales": [1000.0],
        "assets": [500.0],
        "rd_expense": [45.0],
        "total_cost": [45 / 0.22],
        "ip_class1": [0],
        "ip_class2": [2],
    }
    base.update({k: [v] for k, v in overrides.items()})
    return pd.DataFrame(base)


def test_describe_lists_the_inputs_with_units():
    d = zb.scorecards.describe("tech-sme-2017").set_index("id")
    assert {
        "employees",
        "st_staff",
        "sales",
        "assets",
        "rd_expense",
        "total_cost",
        "ip_class1",
        "ip_class2",
        "hnte_certified",
    } <= set(d.index)
    assert d.loc["sales", "unit"] == "万元" and d.loc["hnte_certified", "optional"]


def test_tech_sme_cases():
    # indicators.md §6b: 20 + 30 + 12 = 62 → pass; S&T score 0 → fail; R&D by measure (2); 510 staff.
    r = zb.scorecards.evaluate(sme_firms(), "tech-sme-2017")
    assert r.loc[0, "total"] == 62 and r.loc[0, "status"] == "passed"
    assert (r.loc[0, ["st_staff_points", "rd_points", "ip_points"]] == [20, 30, 12]).all()
    r = zb.scorecards.evaluate(sme_firms(st_staff=3, rd_expense=60, ip_class1=1), "tech-sme-2017")
    assert r.loc[0, "total"] == 80 and r.loc[0, "status"] == "failed"
    assert "科技人员得分不为0" in r.loc[0, "explanation_zh"]
    r = zb.scorecards.evaluate(sme_firms(rd_expense=19, total_cost=19 / 0.30), "tech-sme-2017")
    assert r.loc[0, "rd_points"] == 50 and r.loc[0, "rd_points_by"] == "rd_cost_ratio"
    assert (
        zb.scorecards.evaluate(sme_firms(employees=510, st_staff=100), "tech-sme-2017").loc[0, "status"] == "ineligible"
    )
    direct = zb.scorecards.evaluate(sme_firms(st_staff=0).assign(hnte_certified=1), "tech-sme-2017")
    assert direct.loc[0, "status"] == "direct" and direct.loc[0, "route"] == "hnte"


def test_bad_input_marks_the_firm_and_the_batch_goes_on():
    firms = pd.concat(
        [sme_firms(), sme_firms(employees=-3), sme_firms(st_staff=50), sme_firms(sales="abc")], ignore_index=True
    )
    r = zb.scorecards.evaluate(firms, "tech-sme-2017")
    assert r["status"].tolist() == ["passed", "invalid input", "invalid input", "invalid input"]
    assert "employees" in r.loc[1, "explanation_en"]
    assert "exceed the total staff" in r.loc[2, "explanation_en"]
    assert "'abc'" in r.loc[3, "explanation_en"]
    assert zb.scorecards.summary(r).counts["invalid input"] == 3
    with pytest.raises(zb.MissingVariableError, match="sales"):
        zb.scorecards.evaluate(sme_firms().drop(columns="sales"), "tech-sme-2017")


def test_units_of_the_firm_table():
    in_yuan = sme_firms(sales=1000 * 1e4, assets=500 * 1e4, rd_expense=45 * 1e4, total_cost=45 / 0.22 * 1e4)
    r = zb.scorecards.evaluate(
        in_yuan, "tech-sme-2017", units={c: "元" for c in ("sales", "assets", "rd_expense", "total_cost")}
    )
    assert r.loc[0, "total"] == 62


def test_hnte_growth_band_edge_and_ranges():
    # 100, 115, 132.25 is exactly 15% growth → C (5–6); a float bug would give D (§6a).
    firms = pd.DataFrame(
        {
            "registered_days": [800],
            "in_supported_field": [1],
            "employees": [100],
            "st_staff": [20],
            "sales_y1": [100.0],
            "sales_y2": [115.0],
            "sales_y3": [132.25],
            "rd_y1": [6.0],
            "rd_y2": [7.0],
            "rd_y3": [8.0],
            "rd_domestic": [21.0],
            "hitech_income": [100.0],
            "total_income": [132.25],
            "ip_class1": [1],
            "ip_class2": [0],
            "conversions_3y": [15],
            "years_operating": [3],
            "net_assets_y1": [1000.0],
            "net_assets_y2": [1300.0],
            "net_assets_y3": [1800.0],
            "tech_advancement": [7],
            "core_support": [7],
            "ip_acquisition": [6],
            "standards_bonus": [2],
            "rd_organisation": [5],
            "rd_platform": [5],
            "transfer_system": [3],
            "talent_system": [3],
        }
    )
    low = zb.scorecards.evaluate(firms, "hnte-2016", policy="low")
    high = zb.scorecards.evaluate(firms, "hnte-2016", policy="high")
    assert low.loc[0, "sales_growth_points"] == 5 and high.loc[0, "sales_growth_points"] == 6
    assert low.loc[0, "total_lo"] == low.loc[0, "total"] and low.loc[0, "total_hi"] == high.loc[0, "total"]
    # IP: 7 + 7 + 7 (class I: 7–8) + 6 + 2 = 29 ≤ 30; with the high policy 30 (the cap).
    assert high.loc[0, "status"] == "passed"


sme_strategy = st.fixed_dictionaries(
    {
        "employees": st.integers(1, 600),
        "share": st.floats(0, 1),
        "sales": st.floats(0, 30000),
        "assets": st.floats(0, 30000),
        "rd": st.floats(0, 3000),
        "cost": st.floats(1, 30000),
        "ip_class1": st.integers(0, 2),
        "ip_class2": st.integers(0, 6),
    }
)


def firm_of(d, extra_rd=0.0):
    return pd.DataFrame(
        {
            "employees": [d["employees"]],
            "st_staff": [int(d["employees"] * d["share"])],
            "sales": [d["sales"]],
            "assets": [d["assets"]],
            "rd_expense": [d["rd"] + extra_rd],
            "total_cost": [d["rd"] + d["cost"] + extra_rd],  # R&D is part of the total costs
            "ip_class1": [d["ip_class1"]],
            "ip_class2": [d["ip_class2"]],
        }
    )


@settings(max_examples=60, deadline=None)
@given(sme_strategy, st.floats(0, 5000))
def test_raising_rd_spend_never_lowers_points(d, extra):
    before = zb.scorecards.evaluate(firm_of(d), "tech-sme-2017", explain=False)
    after = zb.scorecards.evaluate(firm_of(d, extra), "tech-sme-2017", explain=False)
    assert after.loc[0, "rd_points"] >= before.loc[0, "rd_points"]
    assert after.loc[0, "total"] >= before.loc[0, "total"]


@settings(max_examples=40, deadline=None)
@given(sme_strategy)
def test_the_gap_applied_makes_the_firm_pass(d):
    firm = firm_of(d)
    g = zb.scorecards.gap(firm, "tech-sme-2017")
    if g.loc[0, "status"] != "failed":
        return
    for c in zb.scorecards._pack("tech-sme-2017").controllables:
        more = g.loc[0, f"more_{c['input']}"]
        if np.isnan(more):
            continue
        changed = firm.copy()
        for column in [c["input"], *c["also_adds"]]:
            changed[column] = changed[column].astype(float) + more
        assert zb.scorecards.evaluate(changed, "tech-sme-2017", explain=False).loc[0, "passed"], c["input"]


def test_cli_scores_a_csv_with_a_summary(tmp_path):
    firms = pd.concat([sme_firms(), sme_firms(st_staff=3), sme_firms(employees="n/a")], ignore_index=True)
    path = tmp_path / "firms.csv"
    firms.to_csv(path, index=False)
    out = tmp_path / "scored.csv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "zhibiao",
            "scorecard",
            str(path),
            "--pack",
            "tech-sme-2017",
            "--gap",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "passed 1" in result.stderr and "invalid input 1" in result.stderr  # the summary is a message
    scored = pd.read_csv(out)
    assert scored["status"].tolist() == ["passed", "failed", "invalid input"]
    assert scored.loc[1, "gap_cheapest"] in {"st_staff", "rd_expense", "ip_class1", "ip_class2"}


def test_malformed_pack_names_file_item_and_key(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        'id = "mine"\n[[input]]\nid = "a"\n[[item]]\nid = "i"\nmax = 5\nmeasure = "a"\n'
        'bands = [{min = 1, points = 9}, {points = 0}]\n[pass]\nrule = "total >= 1"\n',
        encoding="utf-8",
    )
    with pytest.raises(zb.ParseError, match=r"mine\.toml.*item 'i': key 'bands'"):
        zb.scorecards.evaluate(pd.DataFrame({"a": [1]}), pack)


def test_builtin_packs_run_on_their_generated_kernels_and_a_changed_pack_on_the_machine(tmp_path):
    # The kernel is tied to the compiled rules: a threshold changed in a copy of the pack falls
    # back to the vector machine, and both score the same firms the same where the rules agree.
    from zhibiao import _core

    for pack in _core.Scorecard.builtin_ids():
        assert _core.Scorecard.builtin(pack).engine.startswith("fused kernel (")
    text = (Path(__file__).parents[2] / "data" / "scorecards" / "tech-sme-2017.toml").read_text(encoding="utf-8")
    assert _core.Scorecard.from_toml(text).engine == _core.Scorecard.builtin("tech-sme-2017").engine
    changed = _core.Scorecard.from_toml(text.replace("{ min = 30, points = 20", "{ min = 35, points = 20"))
    assert changed.engine == "vector machine"
    rng = np.random.default_rng(3)
    n = 10_001
    employees = rng.integers(1, 600, n).astype(float)
    rd = np.round(rng.uniform(0, 2000, n), 2)
    firms = pd.DataFrame(
        {
            "employees": employees,
            "st_staff": np.floor(employees * rng.uniform(0, 0.6, n)),
            "sales": np.round(rng.uniform(0, 30000, n), 2),
            "assets": np.round(rng.uniform(0, 30000, n), 2),
            "rd_expense": rd,
            "total_cost": rd + np.round(rng.uniform(1, 20000, n), 2),  # R&D is part of the total costs
            "ip_class1": rng.integers(0, 2, n).astype(float),
            "ip_class2": rng.integers(0, 6, n).astype(float),
        }
    )
    fused = zb.scorecards.evaluate(firms, "tech-sme-2017", explain=False)
    machine = zb.scorecards.evaluate(firms, changed, explain=False)
    share = firms.st_staff / firms.employees
    same_rule = (share < 0.25) | (share >= 0.35)  # where the changed band does not matter
    pd.testing.assert_frame_equal(fused[same_rule.to_numpy()], machine[same_rule.to_numpy()])
    assert (fused.st_staff_points[~same_rule & (share >= 0.30)] == 20).all()
    assert (machine.st_staff_points[~same_rule & (share >= 0.30)] == 16).all()


def test_result_arrays_are_read_only_views_that_keep_the_result_alive():
    from zhibiao import _core

    card = _core.Scorecard.builtin("tech-sme-2017")
    firms = sme_firms()
    columns = [firms[s["id"]].to_numpy(dtype=float) if s["id"] in firms else None for s in card.inputs]
    arrays = _core.scorecard_evaluate(card, columns).arrays()  # the result itself is dropped here
    assert arrays["total"][0] == 62 and list(arrays["points"][0]) == [20, 30, 12]
    assert not arrays["total"].flags.writeable
    with pytest.raises(ValueError):
        arrays["total"][0] = 1


def test_scoring_into_a_reused_result_and_a_wrong_shape_refused():
    from zhibiao import _core

    card = _core.Scorecard.builtin("tech-sme-2017")
    a, b = sme_firms(), sme_firms(st_staff=3)
    cols = lambda f: [f[s["id"]].to_numpy(dtype=float) if s["id"] in f else None for s in card.inputs]  # noqa: E731
    result = _core.scorecard_evaluate(card, cols(a))
    view = result.arrays()["total"]
    assert _core.scorecard_evaluate(card, cols(b), out=result) is result
    assert view[0] == 42  # 0 + 30 + 12: the view shows the new block, as NumPy's out= does
    with pytest.raises(ValueError, match="another shape"):
        _core.scorecard_evaluate(card, cols(pd.concat([a, b])), out=result)
