"""zhibiao.plot: each plot's content checked on hand-made tables (bars, lines, labels), the
period axis, the time-elapsed line, zh/en labels, and the CJK font lookup."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import zhibiao as zb  # noqa: E402
from zhibiao import _lang, plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _values():
    index = pd.MultiIndex.from_tuples(
        [("a", "2023"), ("a", "2024"), ("b", "2024"), ("c", "2024"), ("d", "2024"), ("a", "2024H1")],
        names=["entity", "period"],
    )
    values = pd.DataFrame({"invention_patents_per_10k": [1.0, 4.0, 9.0, 2.0, np.nan, 3.0]}, index=index)
    values.attrs["units"] = {"invention_patents_per_10k": "件/万人"}
    values.attrs["names"] = {"a": "甲县", "b": "乙县", "c": "丙县", "d": "丁县"}
    return values


def test_by_region_sorts_bars_draws_the_median_and_names_regions():
    ax = plot.by_region(_values(), "invention_patents_per_10k")  # the latest period: 2024
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == [9.0, 4.0, 2.0]  # best first; d has no value
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙县", "甲县", "丙县"]
    median = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    assert median.get_xdata()[0] == 4.0  # median of 9, 4, 2
    assert "1 缺失" in ax.get_title() and "2024" in ax.get_title()
    assert "件/万人" in ax.get_xlabel()


def test_by_region_in_english_has_no_chinese_unit_and_top_limits_bars():
    ax = plot.by_region(_values(), "invention_patents_per_10k", period="2024", top=2, lang="en")
    assert len(ax.patches) == 2
    with pytest.raises(zb.ArgumentError, match="top must be a whole number ≥ 1, not 0"):
        plot.by_region(_values(), "invention_patents_per_10k", top=0)
    assert "items/10k persons" in ax.get_xlabel() and not _lang.has_chinese(ax.get_xlabel())
    assert "median" in ax.get_legend().get_texts()[0].get_text()


def test_unknown_period_language_or_column_is_an_error():
    with pytest.raises(zb.ArgumentError, match="no period '2030'"):
        plot.by_region(_values(), "invention_patents_per_10k", period="2030")
    with pytest.raises(zb.ArgumentError, match="lang"):
        plot.by_region(_values(), "invention_patents_per_10k", lang="fr")
    with pytest.raises(zb.MissingVariableError):
        plot.by_region(_values(), "rd_intensity")


def test_period_positions_put_half_years_and_years_on_one_axis():
    assert plot.period_position("2024") == 2024.5
    assert plot.period_position("2024H1") == 2024.25
    assert plot.period_position("2024H2") == 2024.75
    assert plot.period_position("2024Q4") == 2024.875
    assert plot.period_position("2024-03") == pytest.approx(2024 + 2.5 / 12)
    with pytest.raises(zb.ParseError):
        plot.period_position("2024年")


def test_over_time_draws_a_line_per_region_and_kind_of_period_at_period_middles():
    ax = plot.over_time(_values(), "invention_patents_per_10k", regions=["a", "b"])
    a_year, a_half, b_year = ax.get_lines()  # an annual value is not joined to the H1 value
    assert list(a_year.get_xdata()) == [2023.5, 2024.5] and list(a_year.get_ydata()) == [1.0, 4.0]
    assert list(a_half.get_xdata()) == [2024.25] and list(a_half.get_ydata()) == [3.0]
    assert a_year.get_color() == a_half.get_color() != b_year.get_color()
    assert a_year.get_marker() != a_half.get_marker()
    assert list(b_year.get_xdata()) == [2024.5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["甲县 · 年度", "甲县 · 半年", "乙县 · 年度"]
    annual = _values().drop(("a", "2024H1"))
    ax = plot.over_time(annual, "invention_patents_per_10k", regions=["a", "b"], lang="en")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["甲县", "乙县"]  # one kind: no suffix
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023", "2024"]
    with pytest.raises(zb.ArgumentError, match="not in the table: z"):
        plot.over_time(_values(), "invention_patents_per_10k", regions=["z"])


def test_elapsed_share_is_the_share_of_the_year_gone():
    assert plot.elapsed_share("2025H1") == 50.0
    assert plot.elapsed_share("2025Q3") == 75.0
    assert plot.elapsed_share("2025-06") == 50.0
    assert plot.elapsed_share("2025") == 100.0
    assert plot.elapsed_share("2025H1", basis="day") == pytest.approx(100 * 181 / 365)


def test_progress_colours_regions_ahead_and_behind_the_time_line():
    index = pd.MultiIndex.from_tuples([("x", "2025H1"), ("y", "2025H1")], names=["entity", "period"])
    values = pd.DataFrame({"target_completion_rate": [56.0, 40.0]}, index=index)
    ax = plot.progress(values)
    ahead, behind = ax.patches
    assert ahead.get_width() == 56.0 and behind.get_width() == 40.0
    assert matplotlib.colors.to_hex(ahead.get_facecolor()) == "#4c9a2a"
    assert matplotlib.colors.to_hex(behind.get_facecolor()) == "#d9534f"
    line = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    assert line.get_xdata()[0] == 50.0
    assert any("+6.0" in t.get_text() for t in ax.texts) and any("-10.0" in t.get_text() for t in ax.texts)


def test_progress_on_the_sample_city_report(sample_dir):
    city = zb.read_csv(sample_dir / "city_report.csv")
    ax = plot.progress(city.compute(["target_completion_rate"]), lang="en")
    assert ax.patches[0].get_width() == pytest.approx(56.0)
    assert "time elapsed 50.0%" in ax.get_legend().get_texts()[0].get_text()


def test_contributions_stack_pillars_to_the_score():
    from zhibiao import composite

    data = pd.DataFrame(
        {"x1": [1.0, 2.0, 3.0, 4.0], "x2": [4.0, 1.0, 2.0, 3.0], "x3": [2.0, 2.5, 1.0, 4.0]},
        index=pd.Index(["a", "b", "c", "d"], name="unit"),
    )
    meta = pd.DataFrame(
        {
            "code": ["idx", "p1", "p2", "x1", "x2", "x3"],
            "parent": ["", "idx", "idx", "p1", "p1", "p2"],
            "level": [3, 2, 2, 1, 1, 1],
            "weight": [1.0] * 6,
            "direction": [1] * 6,
        }
    )
    result = composite.build(
        data, composite.Framework.from_pandas(meta), [composite.Normalise("minmax"), composite.Aggregate("arithmetic")]
    )
    ax = plot.contributions(result, names={"d": "丁"})
    bars = ax.patches
    n = len(data)
    totals = [bars[k].get_width() + bars[n + k].get_width() for k in range(n)]
    expected = result.scores["idx"].sort_values(ascending=False)
    assert totals == pytest.approx(list(expected))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["p1", "p2"]
    assert ax.get_yticklabels()[0].get_text() == "丁"  # d scores highest
    assert "top" not in ax.get_title() and "前" not in ax.get_title()  # nothing cut
    # a cut to the best few is said in the title (it silently showed 20 of 30 units)
    assert plot.contributions(result, top=2, lang="en").get_title() == "idx: contribution to the index (top 2 of 4)"
    assert "(4 个中的前 3 个)" in plot.contributions(result, top=3).get_title()
    # top=0 drew an empty plot, and top=-1 every unit but the last (round 12)
    for top in (0, -1, 1.5):
        with pytest.raises(zb.ArgumentError, match="top must be a whole number ≥ 1"):
            plot.contributions(result, top=top)
    assert len(plot.contributions(result, top=2).get_yticklabels()) == 2


def test_scorecard_counts_statuses_and_failing_conditions():
    result = pd.DataFrame(
        {
            "status": pd.Categorical(
                ["passed", "failed", "failed", "ineligible"],
                categories=["passed", "direct", "failed", "ineligible", "invalid input"],
            ),
            "valid": [True, True, True, True],
            "passed": [True, False, False, False],
            "gate_rd_share": [True, False, False, True],
            "gate_staff": [True, True, False, True],
        }
    )
    result.attrs["pack"] = "hnte-2016"
    gaps = pd.DataFrame({"blocked_by": [None, None, "gate_staff, pass", None]})
    ax = plot.scorecard(result, gaps, lang="en")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    counts = [bar.get_width() for bar in ax.patches]
    assert labels[:5] == ["passed", "direct", "failed", "ineligible", "invalid input"]
    assert counts[:5] == [1, 0, 2, 1, 0]
    assert labels[5:] == [
        "condition not met: rd_share",
        "condition not met: staff",
        "blocked by: gate_staff",
        "blocked by: total below the pass mark",
    ]
    assert counts[5:] == [2, 1, 1, 1]
    assert ax.get_title() == "hnte-2016: 4 firms"
    zh = plot.scorecard(result)
    assert zh.get_yticklabels()[0].get_text() == "通过"
    assert zh.get_title() == "hnte-2016：4 家企业"  # was "hnte-2016: 4 企业数" ("4 number of firms")


def test_a_cjk_font_is_found_and_a_missing_one_warns(monkeypatch):
    from matplotlib import font_manager

    monkeypatch.setattr(plot, "_font_checked", [])
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    with pytest.warns(plot.CJKFontWarning, match="fonts-noto-cjk"):
        assert plot.cjk_font() is None
    monkeypatch.undo()
    plot._font_checked.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error", plot.CJKFontWarning)
        family = plot.cjk_font()  # fonts-noto-cjk is installed by make bootstrap
    assert family in plot.CJK_FAMILIES
    assert matplotlib.rcParams["font.sans-serif"][0] == family


def test_unit_text_in_english_has_no_chinese():
    assert _lang.unit_text("件/万人", "en") == "items/10k persons"
    assert _lang.unit_text("亿元", "en") == "100m yuan"
    assert _lang.unit_text("百分点", "en") == "pp"
    assert _lang.unit_text("万元/项", "en") == "10k yuan/items"
    assert _lang.unit_text("件/万人", "zh") == "件/万人"
    for unit in zb.catalogue()["unit"]:
        assert not _lang.has_chinese(_lang.unit_text(unit, "en")), unit
