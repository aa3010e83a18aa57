"""Round 35, an analyst's notebook trial (trialC35): what the figures say beyond their bars —
imputed segments, regions without a value, gate names, the cheapest fix, tall figures, the
Sobol plot's words. Checked on the figures' artists and texts, not on pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import zhibiao as zb  # noqa: E402
from zhibiao import plot  # noqa: E402

C = zb.composite
STEPS = [C.Impute("mean"), C.Normalise("minmax", range=(1, 100)), C.Weigh("equal"), C.Aggregate("arithmetic")]
NAMES = {"330201": "东湖区", "330202": "西山区", "330203": "南城区", "330204": "北塘区", "330205": "青石县"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _districts() -> pd.DataFrame:
    """Five districts, two indicators; 南城区 has no R&D figure, 北塘区 no patents."""
    df = pd.DataFrame(
        {
            "rd_intensity": [2.0, 0.5, np.nan, 3.5, 2.5],
            "invention_patents_per_10k": [23.0, 9.0, 25.0, np.nan, 16.0],
        },
        index=pd.Index(list(NAMES), name="entity"),
    )
    df.attrs["names"] = dict(NAMES)
    return df


def test_contributions_hatch_the_imputed_part_and_count_it():
    r = C.build(_districts(), None, STEPS)
    ax = plot.contributions(r)
    hatched = [p for p in ax.patches if p.get_hatch()]
    # two imputed cells (330203's R&D, 330204's patents): two hatched segments of non-zero width
    assert len([p for p in hatched if p.get_width() > 0]) == 2
    # 330203's hatched segment is its whole R&D contribution (mean imputation: rd = 2.125)
    row = list(r.scores["Index"].sort_values(ascending=False).index).index("330203")
    at_row = [p for p in hatched if abs(p.get_y() + p.get_height() / 2 - row) < 1e-9 and p.get_width() > 0]
    assert len(at_row) == 1
    assert at_row[0].get_width() == pytest.approx(r.contributions.loc["330203", "rd_intensity"])
    assert "插补" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert "2 个插补值" in ax.get_title()
    en = plot.contributions(r, lang="en")
    assert "2 imputed values" in en.get_title()
    assert "imputed" in [t.get_text() for t in en.get_legend().get_texts()]


def test_contributions_without_imputation_draw_no_hatch_and_keep_the_plain_title():
    df = _districts().fillna(1.0)
    r = C.build(df, None, STEPS[1:])
    ax = plot.contributions(r)
    assert not [p for p in ax.patches if p.get_hatch()]
    assert "插补" not in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_title() == "Index: 对总指数的贡献"


def test_contributions_count_and_name_the_units_without_a_score():
    df = _districts()
    df.loc[["330203", "330204"]] = np.nan  # no imputation, no figure: 南城区 and 北塘区 have no score
    r = C.build(df, None, STEPS[1:])
    ax = plot.contributions(r)
    assert len(ax.get_yticklabels()) == 3
    # before: no word of the two regions left out ("3 个中的前 3 个" at most)
    assert ax.get_title() == "Index: 对总指数的贡献 (3 地区, 2 缺失：南城区、北塘区)"
    ax = plot.contributions(r, top=2, lang="en")
    assert ax.get_title() == "Index: contribution to the index (top 2 of 3, 2 missing: 南城区, 北塘区)"


def test_contributions_on_a_geometric_index_say_what_to_do():
    r = C.build(_districts(), None, STEPS[:3] + [C.Aggregate("geometric")])
    # before: "contributions need arithmetic aggregation, and level 2 uses geometric", no way on
    with pytest.raises(zb.MethodError, match=r"uses geometric: .*what_if.*rebuild with arithmetic aggregation"):
        plot.contributions(r)


def _long(values: dict[str, list[float]], periods=("2023", "2024")) -> pd.DataFrame:
    rows = [(e, p) for e in values for p in periods]
    index = pd.MultiIndex.from_tuples(rows, names=["entity", "period"])
    frame = pd.DataFrame({"rd_intensity": [v for vs in values.values() for v in vs]}, index=index)
    frame.attrs["names"] = dict(NAMES)
    return frame


def test_by_region_names_a_few_missing_regions_and_counts_many():
    few = _long({"330201": [1.0, 2.0], "330202": [1.0, np.nan], "330203": [np.nan, np.nan]})
    ax = plot.by_region(few, "rd_intensity", period="2024")
    assert ax.get_title() == "R&D经费投入强度, 2024 (1 地区, 2 缺失：西山区、南城区)"
    codes = {f"R{k:03d}": [1.0, 1.0 if k < 3 else np.nan] for k in range(10)}
    many = _long(codes)
    ax = plot.by_region(many, "rd_intensity", period="2024", lang="en")
    assert ax.get_title().endswith("(3 regions, 7 missing)")  # seven: counted, not listed


def _scale_on_top(ax) -> bool:
    ax.figure.canvas.draw()
    return any(t.label2.get_visible() for t in ax.xaxis.get_major_ticks())


def test_tall_bar_charts_have_no_empty_rows_and_a_scale_at_the_top():
    codes = {f"R{k:03d}": [float(k), float(k)] for k in range(120)}
    values = _long(codes)
    ax = plot.by_region(values, "rd_intensity", period="2024")
    assert ax.get_ylim() == (119.5, -0.5)  # matplotlib's 5 % margin: ~6 empty rows each side
    assert _scale_on_top(ax)
    small = plot.by_region(_long({"330201": [1.0, 2.0], "330202": [1.0, 3.0]}), "rd_intensity")
    assert small.get_ylim() == (1.5, -0.5)
    assert not _scale_on_top(small)
    df = pd.DataFrame({"a": np.arange(60.0), "b": np.arange(60.0)[::-1] ** 1.5}, index=[f"r{k}" for k in range(60)])
    r = C.build(df, None, STEPS[1:])
    ax = plot.contributions(r, top=None)
    assert ax.get_ylim() == (59.5, -0.5)
    assert _scale_on_top(ax)


def test_plot_ranks_of_many_regions_has_no_empty_rows_and_a_scale_at_the_top():
    rng = np.random.default_rng(5)
    df = pd.DataFrame(rng.uniform(1, 10, (60, 2)), columns=["a", "b"], index=[f"R{k:03d}" for k in range(60)])
    u = C.uncertainty(df, None, STEPS[1:], n=20, seed=1, weights_noise={1: 0.3})
    ax = u.plot_ranks()
    assert ax.get_ylim() == (59.5, -0.5)
    assert _scale_on_top(ax)


def test_over_time_says_a_region_without_data_in_its_legend():
    values = _long({"330201": [1.0, 2.0], "330203": [np.nan, np.nan]})
    ax = plot.over_time(values, "rd_intensity", regions=["330201", "330203"])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["东湖区", "南城区: 无数据"]
    assert [len(line.get_xdata()) for line in ax.get_lines()] == [2, 0]  # no line drawn for 南城区
    en = plot.over_time(values, "rd_intensity", regions=["330201", "330203"], lang="en")
    assert [t.get_text() for t in en.get_legend().get_texts()][1] == "南城区: no data"


def _firms() -> pd.DataFrame:
    # tech-sme-2017: 乙 passes the gates but scores 42 (st_staff_points 0): 13 more S&T staff make
    # it pass (gap's cheapest fix); 戊 has 600 employees, over the 500 of the staff_limit gate.
    return pd.DataFrame(
        {
            "firm": ["甲公司", "乙公司", "戊公司"],
            "employees": [40, 40, 600],
            "st_staff": [12, 3, 100],
            "sales": [1000, 1000, 1000],
            "assets": [500, 500, 500],
            "rd_expense": [45, 45, 45],
            "total_cost": [204.5, 204.5, 204.5],
            "ip_class1": [0, 0, 0],
            "ip_class2": [2, 2, 2],
        }
    ).set_index("firm")


def test_scorecard_names_gates_shows_the_cheapest_fix_and_counts_whole_firms():
    firms = _firms()
    scored = zb.scorecards.evaluate(firms, "tech-sme-2017")
    gaps = zb.scorecards.gap(firms, "tech-sme-2017")
    assert gaps.loc["乙公司", "cheapest"] == "st_staff" and gaps.loc["乙公司", "more_st_staff"] == 13
    ax = plot.scorecard(scored, gaps)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "未满足条件: 职工总数超过500人" in labels  # was "未满足条件: staff_limit"
    assert not [label for label in labels if "staff_limit" in label]
    assert "最省改进: 科技人员数 +13人" in labels
    fix = labels.index("最省改进: 科技人员数 +13人")
    assert ax.texts[fix].get_text() == " 1 (乙公司)"
    ticks = ax.get_xticks()
    assert all(float(t).is_integer() for t in ticks)  # was 0, 0.25, 0.5 …
    en = plot.scorecard(scored, gaps, lang="en")
    en_labels = [t.get_text() for t in en.get_yticklabels()]
    assert "condition not met: staff above 500 persons" in en_labels
    assert "cheapest fix: Science and technology personnel +13 persons" in en_labels


def _uncertainty(**more):
    rng = np.random.default_rng(35)
    codes = list(NAMES)
    df = pd.DataFrame(rng.uniform(1, 10, (5, 2)), columns=["a", "b"], index=pd.Index(codes, name="entity"))
    df.attrs["names"] = dict(NAMES)
    return C.uncertainty(df, None, STEPS[1:], seed=3, weights_noise={1: 0.3}, **more)


def test_plot_ranks_takes_a_region_by_its_name_and_hints_code_and_name():
    u = _uncertainty(n=50)
    ax = u.plot_ranks(regions=["东湖区", "330202"])
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(["东湖区", "西山区"])
    with pytest.raises(zb.ArgumentError, match=r"did you mean '330201' \(东湖区\)\?"):
        u.plot_ranks(regions=["东胡区"])


def test_plot_ranks_refuses_a_name_two_regions_carry():
    u = _uncertainty(n=20)
    with pytest.raises(zb.ArgumentError, match=r"'鼓楼区' is the name of 330201, 330202: give the code"):
        u.plot_ranks(regions=["鼓楼区"], names={"330201": "鼓楼区", "330202": "鼓楼区"})


def test_plot_sobol_speaks_chinese_and_names_the_region():
    u = _uncertainty(n=0, sobol=16, bootstrap=0, aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")])
    ax = u.plot_sobol()
    assert ax.get_title() == "Index 平均绝对排名变动"  # was "mean_abs_rank_shift"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["权重扰动（第 1 层）", "加总方法"]
    assert u.plot_sobol(output="330201").get_title() == "东湖区 (330201) 的 Index 排名"  # was "330201"
    en = u.plot_sobol(output="330201", lang="en")
    assert en.get_title() == "rank of 东湖区 (330201) in Index"
    assert [t.get_text() for t in en.get_xticklabels()] == ["weights noise level 1", "aggregation"]


def test_a_negative_first_order_index_is_noted_not_clipped():
    from zhibiao.uncertainty import _negative_first_order_note

    table = pd.DataFrame(
        {"output": ["x", "x", "330201"], "input": ["a", "b", "a"], "S": [0.5, -0.04, -0.01], "ST": [0.6, 0.1, 0.2]}
    )
    (note,) = _negative_first_order_note(table)
    assert note.startswith("Note: 2 first-order indices below zero (lowest S=-0.040, b for x)")
    assert "estimator noise" in note
    assert _negative_first_order_note(table[table["S"] >= 0]) == []
    u = _uncertainty(n=0, sobol=16, bootstrap=0)
    s = u.sobol
    assert ("first-order ind" in u.summary()) == bool((s["S"] < 0).any())


def test_ranks_say_which_option_fills_the_score_percentiles():
    u = _uncertainty(n=20)
    assert u.ranks["score_p05"].isna().all()
    assert "score_percentiles=True" in u.ranks.attrs["score_percentiles"]
    assert "score_percentiles" not in _uncertainty(n=20, score_percentiles=True).ranks.attrs
