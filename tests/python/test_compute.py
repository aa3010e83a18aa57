import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

STABLE_IDS = [
    "invention_patents_per_10k",
    "hitech_va_share_gdp",
    "rd_intensity",
    "tech_contract_share_gdp",
    "tech_contract_per_10k",
    "tech_contract_avg_value",
    "project_approval_rate",
    "funds_in_place_rate",
    "budget_execution_rate",
    "reward_payout_rate",
    "funds_secured_rate",
    "target_completion_rate",
    "progress_vs_time",
]


def panel_from(text: str, **options) -> zb.Panel:
    return zb.read_csv(io.BytesIO(text.encode()), **options)


def test_catalogue_frame_has_the_documented_columns_and_ids():
    cat = zb.catalogue()
    assert {"id", "name_zh", "name_en", "formula", "unit", "direction", "source"} <= set(cat.columns)
    assert set(STABLE_IDS) <= set(cat["id"])
    assert cat.set_index("id").loc["rd_intensity", "formula"] == "rd_expenditure / gdp"
    assert cat["source"].str.len().min() > 10


def test_worked_cases_of_the_specification(sample_dir):
    # ../shared/spec/indicators.md: 45 patents / 50.0万 people = 0.90 件/万人 (§1.5); 11 of 28
    # projects = 39.3% (§4.1); target 100, 56 done at June = 56% vs 50% time, +6.0 pp (§5).
    values = zb.read_csv(sample_dir / "city_report.csv").compute()
    row = values.iloc[0]
    assert row["invention_patents_per_10k"] == pytest.approx(0.90, abs=1e-12)
    assert round(row["project_approval_rate"], 1) == 39.3
    assert row["target_completion_rate"] == pytest.approx(56.0)
    assert row["progress_vs_time"] == pytest.approx(6.0)
    assert round(row["hitech_va_share_gdp"], 1) == 13.5  # illustrative figures (data/sample/README.md)
    assert row["reward_payout_rate"] == 0.0  # "payout in progress"
    assert round(row["tech_contract_avg_value"], 2) == 3.02  # 241.8万元 / 80项 (§7.1)


def test_national_figures():
    # 401.5万 patents / 140967万 people = 28.48; 221.3万 / 140005万 = 15.81 → "15.8" (§1.5);
    # 42673 patents / 773.34万 = 55.18 (Nantong, §1.4).
    panel = panel_from(
        "entity,period,valid_invention_patents[万件],population[万人]\nCN,2023,401.5,140967\nCN,2020,221.3,140005\n"
        "Nantong,2023-10,4.2673,773.34\n"
    )
    v = panel.compute("invention_patents_per_10k")["invention_patents_per_10k"]
    assert round(v[("CN", "2023")], 2) == 28.48
    assert round(v[("CN", "2020")], 2) == 15.81
    assert round(v[("Nantong", "2023-10")], 2) == 55.18


def test_unit_slips_cannot_happen():
    in_wan = panel_from("entity,period,rd_expenditure[万元],gdp[亿元]\nA,2023,333571000,1260582\n")
    in_yi = panel_from("entity,period,rd_expenditure[亿元],gdp[亿元]\nA,2023,33357.1,1260582\n")
    a = in_wan.compute("rd_intensity").iloc[0, 0]
    b = in_yi.compute("rd_intensity").iloc[0, 0]
    assert round(a, 2) == 2.65 and a == pytest.approx(b, rel=1e-14)  # 2023 bulletin: 2.65% (§3.1)


def test_reasons_for_every_gap():
    panel = panel_from(
        "entity,period,projects_applied,projects_approved,valid_invention_patents,population[万人],target,actual\n"
        "a,2023,0,0,5,-1,0,1\nb,2023,10,12,-3,10,-5,1\nc,2023,,3,4,0,100,50\n"
    )
    values, reasons = panel.compute(
        ["project_approval_rate", "invention_patents_per_10k", "target_completion_rate"], reasons=True
    )
    assert reasons["project_approval_rate"].tolist() == ["zero_denominator", "out_of_range", "missing_input"]
    assert reasons["invention_patents_per_10k"].tolist() == ["negative_input", "negative_input", "zero_denominator"]
    assert reasons["target_completion_rate"].tolist()[:2] == ["zero_denominator", "negative_denominator"]
    assert not np.isinf(values.to_numpy()).any()
    assert (values.isna() == reasons.notna()).all().all()
    assert set(reasons.stack().unique()) <= set(zb.REASONS)


def test_strict_by_default_for_named_ids_lenient_for_the_catalogue():
    panel = panel_from("entity,period,gdp[亿元],population[人]\na,2023,1,2\n")
    with pytest.raises(zb.MissingVariableError) as info:
        panel.compute(["rd_intensity"])
    assert info.value.name == "rd_expenditure" and isinstance(info.value, KeyError)
    assert "rd_expenditure" in str(info.value) and not str(info.value).startswith("'")
    with pytest.raises(zb.UnknownIndicatorError, match="did you mean 'rd_intensity'"):
        panel.compute(["rd_intensty"])
    values, reasons = panel.compute(reasons=True)
    assert list(values.columns) == list(zb.catalogue()["id"])
    assert reasons.loc[("a", "2023"), "rd_intensity"] == "missing_variable"
    assert "rd_expenditure" in values.attrs["problems"]["rd_intensity"]


def test_units_that_cannot_convert():
    wrong = panel_from("entity,period,tech_contract_value[人],gdp[亿元]\na,2023,1,2\n")
    with pytest.raises(zb.IncompatibleUnitsError, match="tech_contract_share_gdp"):
        wrong.compute(["tech_contract_share_gdp"])
    _, reasons = wrong.compute(["tech_contract_share_gdp"], strict=False, reasons=True)
    assert reasons.iloc[0, 0] == "unit_mismatch"
    no_unit = panel_from("entity,period,rd_expenditure,gdp[亿元]\na,2023,1,2\n")
    with pytest.raises(zb.IncompatibleUnitsError, match="has no unit"):
        no_unit.compute(["rd_intensity"])


def test_day_basis():
    panel = panel_from("entity,period,target,actual\na,2024H1,100,56\n")
    # 2024 is a leap year: 182 of 366 days by June 30 (§5).
    assert panel.compute("progress_vs_time", basis="day").iloc[0, 0] == pytest.approx(56 - 18200 / 366)


def test_progress_reads_actual_as_the_cumulative_value_and_ytd_accumulates_own_figures():
    # §5: 目标完成率 = 累计完成值 ÷ 年度目标值; `actual` is that cumulative value (catalogue: 累计完成值),
    # so a 2024Q2 row's 50 is January to June against 50% of the year: on schedule.
    panel = panel_from(
        "entity,period,target,actual,done\na,2024Q1,100,20,20\na,2024Q2,100,50,30\n"
        "b,2024Q2,100,30,30\nc,2024-01,120,10,10\nc,2024-02,120,20,10\nc,2024-03,120,32,12\n"
    )
    values = panel.compute(["target_completion_rate", "progress_vs_time"])
    assert values["target_completion_rate"]["a", "2024Q2"] == pytest.approx(50.0)
    assert values["progress_vs_time"]["a", "2024Q2"] == pytest.approx(0.0)
    assert values["progress_vs_time"]["c", "2024-03"] == pytest.approx(3200 / 120 - 25.0)
    # Figures of each period alone (`done`): ytd() accumulates them, the docs' recipe.
    own = zb.Indicator("own_progress", "ytd(done) / target - elapsed()", unit="百分点")
    mine, why = panel.compute([own], reasons=True, strict=False)
    assert mine["own_progress"]["a", "2024Q1"] == pytest.approx(-5.0)
    assert mine["own_progress"]["a", "2024Q2"] == pytest.approx(0.0)  # 20 + 30 of 100 at mid-year
    assert mine["own_progress"]["c", "2024-03"] == pytest.approx(3200 / 120 - 25.0)
    assert np.isnan(mine["own_progress"]["b", "2024Q2"]) and why["own_progress"]["b", "2024Q2"] == "no_such_period"


def test_user_catalogue(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[indicator]]\nid = "gdp_per_capita"\nname_zh = "人均GDP"\nformula = "gdp / population"\n' 'unit = "元/人"\n',
        encoding="utf-8",
    )
    cat = zb.load_catalogue(path)
    assert "gdp_per_capita" in cat and "rd_intensity" in cat
    panel = panel_from("entity,period,gdp[亿元],population[万人]\na,2023,100,50\n")
    assert panel.compute(["gdp_per_capita"], catalogue=cat).iloc[0, 0] == pytest.approx(20000.0)  # 100亿元 / 50万人
    path.write_text('[[indicator]]\nid = "x"\nformula = "gdp +"\nunit = "%"\n', encoding="utf-8")
    with pytest.raises(zb.ParseError, match="mine.toml"):
        zb.load_catalogue(path)


def test_rd_intensity_reproduces_published_provincial_figures(shared):
    # china-provincial-sti/panel.csv: R&D (亿元) over GDP (亿元) against the NBS bulletins'
    # published intensity. PROVENANCE.md: 2019–2023 agree within ±0.05 pp for nearly all
    # provinces; 2011–2018 do not (GDP revised after the 2018 economic census).
    df = pd.read_csv(shared / "data/china-provincial-sti/panel.csv", dtype={"adcode": str})
    df = df.rename(columns={"rd_expenditure_100m_yuan": "rd_expenditure", "gdp_100m_yuan": "gdp"})
    panel = zb.Panel.from_pandas(
        df,
        entity="adcode",
        period="year",
        name="province_zh",
        variables=["rd_expenditure", "gdp"],
        units={"rd_expenditure": "亿元", "gdp": "亿元"},
    )
    # 100000 全国 is the provinces' total beside them: compute says so (round 27; as the nation since
    # round 28, whose words allow its being their sum), and computes it
    with pytest.warns(zb.composite.NestedRegionsWarning, match=r"100000 \(全国\) is the nation"):
        mine = panel.compute("rd_intensity")["rd_intensity"].to_numpy()
    published = df["rd_intensity_pct_published"].to_numpy()
    recent = df["year"].between(2019, 2023).to_numpy() & ~np.isnan(mine) & ~np.isnan(published)
    close = np.abs(mine[recent] - published[recent]) <= 0.05
    assert recent.sum() >= 150 and close.mean() >= 0.95
    older = df["year"].between(2011, 2018).to_numpy() & ~np.isnan(mine) & ~np.isnan(published)
    assert (np.abs(mine[older] - published[older]) > 0.05).mean() > (~close).mean()


def test_patent_density_matches_cnipa(shared):
    # cnipa-valid-invention-density: CNIPA's density per million people, with the population in
    # millions (百万人). Our per-10k figure × 100 agrees within 1.5% (PROVENANCE.md: one-decimal
    # population rounding; Tibet is the worst case).
    df = pd.read_csv(shared / "data/cnipa-valid-invention-density/valid_inventions_density.csv")
    df = df[df["region_type"] == "province"].rename(
        columns={"valid_inventions": "valid_invention_patents", "population_million": "population"}
    )
    panel = zb.Panel.from_pandas(
        df,
        entity="region",
        period="period",
        variables=["valid_invention_patents", "population"],
        units={"valid_invention_patents": "件", "population": "百万人"},
    )
    per_10k = panel.compute("invention_patents_per_10k")["invention_patents_per_10k"].to_numpy()
    np.testing.assert_allclose(per_10k * 100, df["density_per_million_published"].to_numpy(), rtol=0.015)


def test_the_result_columns_of_one_call_are_one_block_that_any_column_keeps_alive():
    # 30,000 rows: 2 indicators × 9 B a row is past 512 KB; the values of each column, then the
    # reasons, 64-byte aligned back to back. Before, 4 separate allocations with gaps between.
    n = 30_000
    rng = np.random.default_rng(7)
    df = pd.DataFrame(
        {
            "entity": [f"e{i}" for i in range(n)],
            "period": 2023,
            "rd_expenditure": rng.uniform(0, 100, n),
            "gdp": rng.uniform(-1, 1000, n),
            "tech_contract_value": rng.uniform(0, 50, n),
        }
    )
    panel = zb.Panel.from_pandas(df, units={"rd_expenditure": "亿元", "gdp": "亿元", "tech_contract_value": "亿元"})
    ids = ["rd_intensity", "tech_contract_share_gdp"]
    expected = panel.compute(ids)
    results = zb._core.compute(panel._core, ids)
    arrays = [r[2] for r in results] + [r[3] for r in results]
    starts = [a.__array_interface__["data"][0] for a in arrays]
    ends = [s + a.nbytes for s, a in zip(starts, arrays)]
    padded = 2 * (-(-n * 8 // 64) * 64 + -(-n // 64) * 64)
    assert max(ends) - min(starts) <= padded
    assert all(s % 64 == 0 for s in starts)
    assert not any(np.shares_memory(a, b) for i, a in enumerate(arrays) for b in arrays[i + 1 :])
    kept = results[1][2]
    del results, arrays
    churn = [np.ones(n) for _ in range(50)]  # would reuse the block's memory had it been freed
    np.testing.assert_array_equal(kept, expected["tech_contract_share_gdp"].to_numpy())
    kept[0] = -1.0  # writable, and ours alone
    assert expected["tech_contract_share_gdp"].to_numpy()[0] != -1.0 and len(churn) == 50


def test_a_spreadsheet_times_100_on_a_percent_indicator_is_refused():
    """rd_expenditure / gdp is 0.249 % for 3000 万元 over 120.5 亿元; "* 100" with unit '%' would
    have given 24.9 — the unit already scales the ratio."""
    panel = zb.read_csv(io.StringIO("region,period,rd_expenditure[万元],gdp[亿元]\nA,2023,3000,120.5\n"))
    doubled = zb.Indicator("rd_share", "rd_expenditure / gdp * 100", unit="%")
    with pytest.raises(zb.IncompatibleUnitsError, match="indicator 'rd_share': multiplies by 100") as caught:
        panel.compute([doubled])
    assert isinstance(caught.value, ValueError)
    share = zb.Indicator("rd_share", "rd_expenditure / gdp", unit="%")
    assert panel.compute([share])["rd_share"].iloc[0] == pytest.approx(3000 / 1_205_000 * 100, rel=1e-12)


def test_read_csv_refuses_a_unit_or_ignore_that_names_no_column():
    text = "region,period,rd_expenditure[万元],note\nA,2023,3000,x\n"
    with pytest.raises(zb.MissingVariableError, match="did you mean 'rd_expenditure'"):
        zb.read_csv(io.StringIO(text), units={"rd_expenditur": "亿元"}, ignore=["note"])
    with pytest.raises(KeyError, match="did you mean 'note'"):
        zb.read_csv(io.StringIO(text), ignore=["notes"])
    panel = zb.read_csv(io.StringIO(text), units={"rd_expenditure": "亿元"}, ignore=["note"])
    assert zb.units(panel.to_pandas())["rd_expenditure"] == "亿元"


def test_rollup_refuses_an_also_sum_name_that_is_no_variable():
    panel = zb.read_csv(io.StringIO("region,period,gdp[亿元],x\n320602,2023,1,2\n320612,2023,3,4\n"))
    with pytest.raises(zb.MissingVariableError, match="did you mean 'x'"):
        panel.rollup("admin", also_sum=["xx"])
    assert panel.rollup("admin", also_sum=["x"]).to_pandas()["x"].tolist() == [6.0]


def test_a_reason_column_after_a_blank_in_the_header_is_still_carried():
    """read_csv trims header cells; the <variable>_reason column found in the raw header must be
    ignored under its trimmed name (it was refused as an ignore naming no column)."""
    panel = zb.read_csv(io.StringIO("region,year,gdp[亿元], gdp_reason\n110000,2020,1,\n"))
    assert panel.to_pandas()["gdp"].tolist() == [1.0]
