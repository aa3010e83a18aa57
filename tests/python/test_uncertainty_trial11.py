"""Findings of the analyst's trial of round 11 (3 December 2026, /work/scratch-ana11: 40 counties
with Chinese names, 12 indicators in 3 pillars, missing values and an outlier): the uncertainty
plots drew Chinese names as boxes unless a zb.plot function had run first, the Sobol plot's axis
label ran off a saved figure, plot_ranks(regions=...) with a name the analysis lacks drew an empty
plot, an empty table was blamed on its first column, and a region without a single value was
ranked from imputed values alone without a word."""

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def chinese():
    """Four counties, two pillars of two indicators, Chinese names throughout."""
    rng = np.random.default_rng(11)
    names = ["东山县", "西河县", "南湖县", "北海县", "中山县", "上河县"]
    inds = ["指标甲", "指标乙", "指标丙", "指标丁"]
    df = pd.DataFrame(rng.uniform(1, 10, (6, 4)), columns=inds, index=pd.Index(names, name="region"))
    meta = pd.DataFrame(
        [("创新指数", "", 1, 1, 3), ("创新投入", "创新指数", 1, 1, 2), ("创新产出", "创新指数", 1, 1, 2)]
        + [(i, "创新投入" if k < 2 else "创新产出", 1, 1, 1) for k, i in enumerate(inds)],
        columns=["code", "parent", "weight", "direction", "level"],
    )
    steps = [C.Normalise("minmax", range=(1, 100)), C.Aggregate()]
    return df, C.Framework.from_pandas(meta), steps


@pytest.fixture
def fresh_fonts():
    """matplotlib as a new session has it: default fonts, zb.plot's font not yet looked for."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    if zb.plot.cjk_font() is None:
        pytest.skip("no CJK font installed")
    saved = list(zb.plot._font_checked)
    with matplotlib.rc_context():
        for key in ("font.sans-serif", "font.family", "axes.unicode_minus"):
            matplotlib.rcParams[key] = matplotlib.rcParamsDefault[key]
        zb.plot._font_checked.clear()
        yield matplotlib
    zb.plot._font_checked[:] = saved


def missing_glyphs(fig):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_uncertainty_plots_draw_chinese_names_in_a_fresh_session(fresh_fonts):
    df, fw, steps = chinese()
    u = C.uncertainty(df, fw, steps, n=40, weights_noise={1: 0.3}, sobol=16, bootstrap=0)
    # Before: DejaVu Sans drew 东山县 and 创新指数 as boxes ("Glyph 19996 missing from current font")
    assert missing_glyphs(u.plot_ranks().figure) == []
    assert missing_glyphs(u.plot_sobol(output="东山县").figure) == []
    fresh_fonts.pyplot.close("all")


def test_the_sobol_plot_s_axis_label_fits_a_saved_figure(fresh_fonts):
    df, fw, steps = chinese()
    u = C.uncertainty(df, fw, steps, n=0, sobol=16, bootstrap=0, weights_noise={1: 0.3})
    ax = u.plot_sobol()
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # "Sobol index (mean_abs_rank_shift)" beside a 3-inch axis was 2.6 inches high: its top was
    # cut off the PNG. The output is now the title, the axis says "Sobol index".
    box = ax.yaxis.label.get_window_extent(renderer)
    assert 0 <= box.y0 and box.y1 <= fig.bbox.height
    assert ax.get_title() == "创新指数 平均绝对排名变动"  # round 35: in the plot's language
    fresh_fonts.pyplot.close("all")


def test_plot_ranks_refuses_regions_the_analysis_lacks_and_a_top_below_one(fresh_fonts):
    df, fw, steps = chinese()
    u = C.uncertainty(df, fw, steps, n=20, weights_noise={1: 0.3})
    # Before: an empty plot, silently
    with pytest.raises(zb.ArgumentError, match=r"regions not in the analysis: 东山 \(did you mean '东山县'\?\)"):
        u.plot_ranks(regions=["东山"])
    with pytest.raises(zb.ArgumentError, match=r"regions not in the analysis: 西湖县"):
        u.plot_ranks(regions=["东山县", "西湖县"])
    with pytest.raises(zb.ArgumentError, match=r"top must be a whole number ≥ 1, not 0"):
        u.plot_ranks(top=0)
    ax = u.plot_ranks(regions=["南湖县", "东山县"])
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["东山县", "南湖县"]
    fresh_fonts.pyplot.close("all")


def test_an_empty_table_is_refused_as_empty():
    df, fw, steps = chinese()
    # Before: "cannot normalise indicator '指标甲': it has no values (missing for every unit)"
    with pytest.raises(zb.Error, match=r"^the data have no rows \(regions\): there is nothing to score"):
        C.build(df.iloc[:0], fw, steps)
    with pytest.raises(zb.Error, match=r"^the data have no rows \(regions\)"):
        C.uncertainty(df.iloc[:0], fw, steps, n=10)
    # Before: "framework: aggregate 'Index' has no children"; now build()'s words
    text_only = pd.DataFrame({"name": ["东山县", "西河县"]})
    with pytest.raises(zb.Error, match=r"uses the numeric columns as indicators, and the data have none"):
        C.uncertainty(text_only, n=10)


def flat_with_a_blank_region():
    # a = 1, 2, 3, NaN and b = 1, 2, 6, NaN: mean imputation gives r3 a = 2, b = 3. Min-max to
    # [0, 100]: a 0, 50, 100, 50; b 0, 20, 100, 40; arithmetic: 0, 35, 100, 45 → r3 ranks 2nd.
    df = pd.DataFrame({"a": [1, 2, 3, np.nan], "b": [1, 2, 6, np.nan]}, index=["r0", "r1", "r2", "r3"])
    return df, C.Framework.flat(["a", "b"], root="idx")


def test_a_region_scored_from_imputed_values_alone_is_named_in_the_summaries():
    df, fw = flat_with_a_blank_region()
    steps = [C.Impute("mean"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()]
    built = C.build(df, fw, steps)
    assert built.scores["idx"].tolist() == pytest.approx([0, 35, 100, 45])
    note = (
        "Note: 1 region without a value of any indicator is scored from imputed values alone: r3 (rank 2); "
        'leave such regions out, or use Impute("none") to leave them unscored.'
    )
    assert built.summary().splitlines()[-1] == note  # before: no word of it
    u = C.uncertainty(df, fw, steps, n=20, weights_noise={1: 0.2})
    assert note in u.summary().splitlines()
    # Left unscored, there is nothing to warn of
    unscored = [C.Impute("none"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()]
    assert "imputed values alone" not in C.build(df, fw, unscored).summary()
    assert "imputed values alone" not in C.uncertainty(df, fw, unscored, n=20, weights_noise={1: 0.2}).summary()
    # A region with one value left is not named
    some = df.copy()
    some.loc["r3", "a"] = 2.0
    assert "imputed values alone" not in C.build(some, fw, steps).summary()


def test_the_dask_analysis_names_a_region_scored_from_imputed_values_alone():
    dask = pytest.importorskip("dask")
    pytest.importorskip("zhibiao.dask")
    import zhibiao.dask

    df, fw = flat_with_a_blank_region()
    steps = [C.Impute("mean"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()]
    with dask.config.set(scheduler="synchronous"):
        u = zhibiao.dask.uncertainty(df, fw, steps, n=256, block=256, weights_noise={1: 0.2})
    assert "scored from imputed values alone: r3 (rank 2)" in u.summary()


def test_plot_ranks_labels_regions_by_name_as_zb_plot_does(fresh_fonts):
    df, fw, steps = chinese()
    # counties: 900100 beside them would be their total (NestedRegionsWarning)
    names = dict(zip([f"9001{i:02d}" for i in range(1, 7)], df.index))
    coded = df.set_axis(list(names), axis=0)
    coded.attrs["names"] = names  # as a table of Panel.compute() carries them
    u = C.uncertainty(coded, fw, steps, n=20, weights_noise={1: 0.3})
    # Before: the codes 900101…900106, where zb.plot.by_region shows the names
    assert sorted(t.get_text() for t in u.plot_ranks().get_yticklabels()) == sorted(df.index)
    ax = u.plot_ranks(regions=["900103"], names={"900103": "北海"})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["北海"]
    # A "name" column (a Panel's entities, or the user's) names them too; without either, codes
    labelled = coded.assign(name=list(df.index))
    labelled.attrs = {}
    u = C.uncertainty(labelled, fw, steps, n=20, weights_noise={1: 0.3})
    assert sorted(t.get_text() for t in u.plot_ranks().get_yticklabels()) == sorted(df.index)
    bare = coded.copy()
    bare.attrs = {}
    u = C.uncertainty(bare, fw, steps, n=20, weights_noise={1: 0.3})
    assert sorted(t.get_text() for t in u.plot_ranks().get_yticklabels()) == sorted(names)
    fresh_fonts.pyplot.close("all")


def test_an_analysis_of_the_sobol_indices_alone_has_no_rank_plot_and_no_table_of_nans(fresh_fonts):
    df, fw, steps = chinese()
    u = C.uncertainty(df, fw, steps, n=0, sobol=16, bootstrap=0, weights_noise={1: 0.3})
    # Before: empty axes (and "converting a masked element to nan"); a table of NaN medians
    with pytest.raises(zb.ArgumentError, match=r"no replications \(n = 0.*plot_sobol\(\)"):
        u.plot_ranks()
    html = u._repr_html_()
    assert "<table" not in html and "Sobol indices of the mean absolute rank shift" in html


def test_an_analysis_with_nothing_uncertain_says_so():
    df, fw, steps = chinese()
    u = C.uncertainty(df, fw, steps, n=10)  # weights_noise= forgotten
    assert repr(u) == "UncertaintyResult(10 replications, 6 regions, inputs: none)"  # "inputs: )" before
    assert "Note: no assumption varies (give weights_noise, " in u.summary()  # before: widths 0, no word
    assert "no assumption varies" not in C.uncertainty(df, fw, steps, n=10, weights_noise={1: 0.3}).summary()


def test_the_html_of_an_analysis_shows_the_region_names():
    df, fw, steps = chinese()
    names = dict(zip([f"9001{i:02d}" for i in range(1, 7)], df.index))
    coded = df.set_axis(list(names), axis=0)
    coded.attrs["names"] = names
    html = C.uncertainty(coded, fw, steps, n=10, weights_noise={1: 0.3})._repr_html_()
    assert "<th>name</th>" in html and all(name in html for name in df.index)


def test_zb_plot_by_region_suggests_the_column_meant(fresh_fonts):
    df, fw, steps = chinese()
    scores = C.build(df, fw, steps).scores
    # Before: "no column '创新投人' in the table (columns: …)", no suggestion
    with pytest.raises(zb.MissingVariableError, match=r"no column '创新投人' in the table \(did you mean '创新投入'\?\)"):
        zb.plot.by_region(scores, "创新投人")
    with pytest.raises(zb.MissingVariableError, match=r"no column 'zzz' in the table; columns: 创新指数, "):
        zb.plot.by_region(scores, "zzz")


def test_plot_ranks_and_plot_sobol_speak_the_language_asked(fresh_fonts):
    # Round 12: their axes and legends were English only, beside zb.plot's Chinese by default.
    df, fw, steps = chinese()
    u = C.uncertainty(df, fw, steps, n=50, sobol=16, bootstrap=0, weights_noise={1: 0.3})
    zh = u.plot_ranks()
    assert [t.get_text() for t in zh.get_legend().get_texts()] == ["5%–95% 区间", "中位数", "名义排名"]
    assert zh.get_xlabel().endswith("排名")
    en = u.plot_ranks(lang="en")
    assert [t.get_text() for t in en.get_legend().get_texts()] == ["5–95%", "median", "nominal"]
    assert en.get_xlabel().startswith("rank of ")
    assert u.plot_sobol().get_ylabel() == "Sobol 指数" and u.plot_sobol(lang="en").get_ylabel() == "Sobol index"
    assert missing_glyphs(zh.figure) == []
    with pytest.raises(zb.ArgumentError, match="lang must be 'zh' or 'en'"):
        u.plot_ranks(lang="fr")
    fresh_fonts.pyplot.close("all")
