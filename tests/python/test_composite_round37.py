"""Round 37: an analyst's trial of the composite and its uncertainty (25 regions × 8 indicators in
mixed units, gaps, a constant indicator, a region without a single value; Python and the command
line). Each test failed on main 5b1b8a58:

- the uncertainty summary said "10 normalised layers precomputed (imputation × winmax ×
  normalisation choices)", where an analyst needs the alternatives combined and how many;
- the command line's hint on values at the catalogue's decimals told a user who typed published
  figures to "pipe compute --full-precision";
- the contributions plot counted (and hatched) the cells Impute("none") left missing as imputed;
- a summary said "25 regions" with one of them unscored, and never named it;
- a constant indicator said "it is constant (no spread)" and nothing of what to do;
- the command line's summaries said Impute("none"), .sobol and sobol=, words of the Python API."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def _regions(n=12, seed=37):
    """n regions with names, four indicators in two pillars, one gap; the last region has no value."""
    rng = np.random.default_rng(seed)
    codes = [f"3601{i:02d}" for i in range(1, n + 1)]
    df = pd.DataFrame(
        {
            "name": [f"区{i}" for i in range(1, n + 1)],
            "a": rng.uniform(1, 10, n),
            "b": rng.uniform(100, 900, n),
            "c": rng.uniform(0.2, 1.5, n),
            "d": rng.uniform(5, 50, n),
        },
        index=pd.Index(codes, name="code"),
    )
    df.loc[codes[2], "b"] = np.nan
    df.loc[codes[-1], ["a", "b", "c", "d"]] = np.nan
    meta = pd.DataFrame(
        [("idx", "", 1, 1, 3), ("p1", "idx", 1, 1, 2), ("p2", "idx", 1, 1, 2)]
        + [("a", "p1", 1, 1, 1), ("b", "p1", 1, 1, 1), ("c", "p2", 1, -1, 1), ("d", "p2", 1, 1, 1)],
        columns=["code", "parent", "weight", "direction", "level"],
    )
    return df, C.Framework.from_pandas(meta)


# ---------------------------------------------------------------- the uncertainty note


def test_the_uncertainty_summary_names_the_alternatives_it_combines():
    df, fw = _regions()
    steps = [C.Impute("mean"), C.Treat("coinr"), C.Normalise("minmax", range=(1, 100)), C.Aggregate()]
    u = C.uncertainty(
        df,
        fw,
        steps,
        n=50,
        weights_noise={1: 0.25},
        normalisation=[C.Normalise("minmax", range=(1, 100)), C.Normalise("zscore", m_sd=(50, 10))],
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
        winmax=(1, 5),
    )
    said = u.summary()
    assert "precomputed" not in said
    # 2 × 2 × 5 = 20; uniform data need no winsorising, so every winmax gives the same table
    assert (
        "each replication is one of 20 combinations of the alternatives: 2 aggregations (arithmetic, geometric) × "
        "2 normalisations (minmax, zscore) × 5 winmax values (1 to 5); each weight of level 1 varied by up to "
        "±25 % on top" in said
    )
    assert "winmax changes no rank and only 4 of the combinations differ" in said
    # as the Sobol indices say: winmax moves nothing
    assert (u.parameters["winmax"].nunique() > 1) and "winmax" in u._core_model.inputs


def test_a_winmax_that_changes_the_data_is_not_called_idle():
    df, fw = _regions()
    # one outlier: winmax 0 cannot winsorise it (the log fallback instead), winmax 1 can
    df["a"] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 300, np.nan]
    steps = [C.Impute("none"), C.Treat("coinr"), C.Normalise("minmax", range=(1, 100)), C.Aggregate()]
    u = C.uncertainty(df, fw, steps, n=20, winmax=(0, 1))
    said = u.summary()
    assert "each replication takes one of 2 winmax values (0 to 1)" in said
    assert "changes no rank" not in said
    # the same outlier under winmax 1 to 3: winsorised at once, so the larger winmax add nothing
    said = C.uncertainty(df, fw, steps, n=20, winmax=(1, 3)).summary()
    assert "each replication takes one of 3 winmax values (1 to 3); every winmax value gives the same treated " in said
    assert said.count("winmax changes no rank.") == 1  # alone: no "only 1 of the combinations"


# ---------------------------------------------------------------- the rounding hint


def test_the_rounding_hint_on_typed_figures_advises_compute_only_for_its_output(tmp_path):
    # 2 decimals, as a bulletin prints R&D intensity (and as compute writes it by default)
    path = tmp_path / "typed.csv"
    path.write_text(
        "region,rd_intensity,patents\n360101,2.38,11.5\n360102,3.19,18.3\n360103,2.83,20.1\n", encoding="utf-8"
    )
    for lang, conditional in (("en", "if this file came from zhibiao compute"), ("zh", "如果此文件来自 zhibiao compute")):
        ranked = _cli("--lang", lang, "composite", str(path))
        assert ranked.returncode == 0, ranked.stderr
        assert "rd_intensity" in ranked.stderr and conditional in ranked.stderr and "--full-precision" in ranked.stderr
        assert "pipe compute" not in ranked.stderr and "请用 compute --full-precision 输出" not in ranked.stderr


# ---------------------------------------------------------------- plots


def test_contributions_do_not_count_cells_left_missing_as_imputed():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    df, fw = _regions()
    steps = [C.Impute("none"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()]
    result = C.build(df, fw, steps)
    assert (result.marks("imputed") == "not_imputed").to_numpy().sum() == 5  # 1 gap + a region's 4
    ax = zb.plot.contributions(result)
    title = ax.get_title()
    assert "插补" not in title and "1 缺失" in title
    assert "插补" not in [t.get_text() for t in ax.get_legend().get_texts()]
    # imputed ones still are: the one gap filled by the mean (the empty region is unscored, not drawn)
    filled = C.build(df.iloc[:-1], fw, [C.Impute("mean"), *steps[1:]])
    ax = zb.plot.contributions(filled)
    assert "1 个插补值" in ax.get_title()
    matplotlib.pyplot.close("all")


# ---------------------------------------------------------------- summaries


def test_the_summary_names_the_regions_without_a_score():
    df, fw = _regions()
    result = C.build(df, fw, [C.Impute("none"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()])
    assert result.ranks["idx"].isna().sum() == 1
    assert "Note: 1 region has no score for 'idx' and no rank: 360112 (区12; no value of any indicator)." in (
        result.summary()
    )
    scored = C.build(df.iloc[:-1], fw, [C.Impute("none"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()])
    assert "no score" not in scored.summary()


def test_a_region_scored_from_imputed_values_alone_is_named():
    df, fw = _regions()
    result = C.build(df, fw, [C.Impute("mean"), C.Normalise("minmax", range=(0, 100)), C.Aggregate()])
    rank = result.ranks["idx"]["360112"]
    assert f"scored from imputed values alone: 360112 (区12, rank {rank})" in result.summary()


def test_a_constant_indicator_says_what_to_do(tmp_path):
    df, fw = _regions()
    df["d"] = 80.0
    said = r"'d': it is constant \(every region with a value has the same one\), so it cannot tell the regions"
    with pytest.raises(zb.MethodError, match=said):
        C.build(df, fw, [C.Impute("mean"), C.Normalise("minmax"), C.Aggregate()])
    # on the command line: the option or the file to change, not "the framework"
    path = tmp_path / "regions.csv"
    df.to_csv(path)
    preset = _cli("composite", str(path), "--model", "eis", "-q")
    assert preset.returncode == 2 and "cannot tell the regions apart" in preset.stderr
    assert "--drop d" in preset.stderr and "out of the framework" not in preset.stderr
    model = tmp_path / "m.toml"
    nodes = "".join(f'[[node]]\ncode = "{c}"\nparent = "x"\n' for c in "abcd")
    model.write_text(
        f'[[node]]\ncode = "x"\nlevel = 2\n{nodes}[[step]]\nkind = "impute"\nmethod = "mean"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n[[step]]\nkind = "aggregate"\n'
        "[uncertainty]\nreplications = 10\nweights_noise = { 1 = 0.2 }\n",
        encoding="utf-8",
    )
    for args in (["composite", str(path), "--model", str(model)], ["uncertainty", str(model), str(path)]):
        ran = _cli(*args, "-q")
        assert ran.returncode == 2 and "delete its [[node]] from the model file" in ran.stderr, ran.stderr


def test_the_command_line_summaries_say_the_model_files_words(tmp_path):
    df, _ = _regions()
    df["c"] = df["c"].where(df.index != "360101", 0.01)  # 360101 best on every indicator: its rank never moves
    df.loc["360101", ["a", "b", "d"]] = [100, 9000, 500]
    path = tmp_path / "regions.csv"
    df.to_csv(path)
    model = tmp_path / "m.toml"
    model.write_text(
        '[[node]]\ncode = "x"\nlevel = 2\n'
        + "".join(f'[[node]]\ncode = "{c}"\nparent = "x"\n' for c in "abd")
        + '[[step]]\nkind = "impute"\nmethod = "mean"\n[[step]]\nkind = "normalise"\nmethod = "minmax"\n'
        'range = [1, 100]\n[[step]]\nkind = "aggregate"\n'
        "[uncertainty]\nreplications = 50\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    built = _cli("composite", str(path), "--model", str(model))
    assert built.returncode == 0, built.stderr
    assert 'impute step method = "none"' in built.stderr and 'Impute("none")' not in built.stderr
    out = tmp_path / "sobol.csv"
    run = _cli("uncertainty", str(model), str(path), "--sobol", "64", "--sobol-out", str(out))
    assert run.returncode == 0, run.stderr
    assert 'impute step method = "none"' in run.stderr and 'Impute("none")' not in run.stderr
    assert "constant_output in the column reason of --sobol-out FILE" in run.stderr and ".sobol." not in run.stderr
    assert "sobol=" not in run.stderr
    # the Python summary keeps the Python words
    u = C.uncertainty(df, None, C.Model.from_toml(str(model)), n=50, weights_noise={1: 0.25}, sobol=64)
    assert 'Impute("none")' in u.summary() and "in .sobol." in u.summary()


# ---------------------------------------------------------------- units in the headings


def test_the_command_line_reads_units_in_the_headings(tmp_path):
    from zhibiao import cli

    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,rd[%],spend[万元],tech(亿元),x[abc]\n"
        + "".join(f"36010{i},区{i},{i}.5,{100 * i},{i / 10},{i}\n" for i in range(1, 6)),
        encoding="utf-8",
    )
    table = cli._unit_table(str(path), None)
    assert list(table.columns) == ["name", "rd", "spend", "tech", "x[abc]"]  # abc is no unit: a name as written
    assert table.attrs["units"] == {"rd": "%", "spend": "万元", "tech": "亿元"}
    # a model naming the indicators finds them, and converts tech from 亿元 to its node's 万元
    model = tmp_path / "m.toml"
    model.write_text(
        '[[node]]\ncode = "x"\nlevel = 2\n'
        + "".join(f'[[node]]\ncode = "{c}"\nparent = "x"\n' for c in ("rd", "spend"))
        + '[[node]]\ncode = "tech"\nparent = "x"\nunit = "万元"\nstandard = 2000\n'
        '[[step]]\nkind = "normalise"\nmethod = "standard"\nmethods = { rd = "minmax", spend = "minmax" }\n'
        '[[step]]\nkind = "aggregate"\n',
        encoding="utf-8",
    )
    ran = _cli("composite", str(path), "--model", str(model), "--drop", "x[abc]", "-q")
    assert ran.returncode == 0, ran.stderr
    scores = pd.read_csv(io.StringIO(ran.stdout), dtype={"code": str}).set_index("code")
    # 0.1 亿元 = 1000 万元 against a standard of 2000: 50 (it would be 0.005 unconverted)
    assert scores.loc["360101", "tech"] == pytest.approx(50)
    # amounts scored without a framework are warned of, with --lower too (it silenced the warning)
    for lower in ([], ["--lower", "rd"]):
        ran = _cli("composite", str(path), "--drop", "x[abc]", *lower)
        assert ran.returncode == 0, ran.stderr
        assert "scoring amounts, not ratios: spend[万元], tech[亿元]" in ran.stderr
