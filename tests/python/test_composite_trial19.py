"""What a new user's trial (round 19) found in the composite index and its uncertainty analysis."""

import io
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite
STEPS = [C.Normalise("minmax"), C.Aggregate("arithmetic")]


def _panel(parents: bool = False) -> "zb.Panel":
    rng = np.random.default_rng(19)
    codes = [f"3206{k:02d}" for k in range(1, 9)]
    rows = []
    for year in ("2022", "2023", "2024"):
        for code in codes:
            rows.append({"entity": code, "period": year, "a": rng.uniform(1, 10), "b": rng.uniform(1, 10)})
    df = pd.DataFrame(rows)
    df.loc[(df["entity"] == "320601") & (df["period"] == "2024"), "a"] = np.nan
    df.loc[(df["entity"] == "320602") & (df["period"].isin(["2023", "2024"])), "b"] = np.nan
    if parents:
        df["city"] = np.where(df["entity"] < "320605", "320600", "320700")
        return zb.Panel.from_pandas(df, parent="city")
    return zb.Panel.from_pandas(df)


def _nominal(result) -> pd.Series:
    ranks = result.ranks
    return ranks[ranks["node"] == result.root].set_index("region")["nominal_score"]


@pytest.mark.parametrize("impute", [C.Impute("group_mean", group="parent")])
def test_uncertainty_on_a_panel_refuses_a_group_column_the_panel_lacks_as_build_does(impute):
    panel = _panel()
    steps = [impute, C.Normalise("minmax"), C.Aggregate("arithmetic")]
    with pytest.raises(zb.MissingVariableError, match="group column 'parent'") as built:
        C.build(panel, None, steps, period="2024")
    with pytest.raises(zb.MissingVariableError, match="group column 'parent'") as analysed:
        C.uncertainty(panel, None, steps, n=5, period="2024")
    assert str(built.value) == str(analysed.value)


@pytest.mark.parametrize("method", ["latest", "group_mean"])
def test_the_nominal_index_of_the_uncertainty_analysis_of_a_panel_is_the_built_index(method):
    panel = _panel(parents=True)
    impute = C.Impute(method, group="parent") if method == "group_mean" else C.Impute(method)
    steps = [impute, C.Normalise("minmax"), C.Aggregate("arithmetic")]
    built = C.build(panel, None, steps, period="2024")
    result = C.uncertainty(panel, None, steps, n=5, period="2024")
    nominal = _nominal(result).reindex(built.scores.index)
    assert np.allclose(nominal.to_numpy(), built.scores[built.root].to_numpy(), rtol=0, atol=1e-12, equal_nan=True)
    assert not np.isnan(nominal.loc["320601"])  # imputed, as build imputes it


def test_the_uncertainty_command_refuses_what_the_composite_command_refuses(tmp_path):
    panel = _panel()
    data = tmp_path / "panel.csv"
    panel.to_pandas().reset_index().to_csv(data, index=False)
    model = tmp_path / "m.toml"
    model.write_text(
        '[[node]]\ncode = "i"\nlevel = 2\n[[node]]\ncode = "a"\nparent = "i"\n[[node]]\ncode = "b"\nparent = "i"\n'
        '[[step]]\nkind = "impute"\nmethod = "group_mean"\ngroup = "parent"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n[[step]]\nkind = "aggregate"\nmethod = "arithmetic"\n'
        "[uncertainty]\nreplications = 10\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    built = _cli("composite", str(data), "--model", str(model), "--period", "2024")
    analysed = _cli("uncertainty", str(model), str(data), "--period", "2024")
    assert built.returncode == analysed.returncode == 2
    assert "the data lack the group column 'parent'" in analysed.stderr
    assert built.stderr.splitlines()[-1] == analysed.stderr.splitlines()[-1]


def test_previous_is_refused_with_a_panel_as_build_refuses_it():
    panel = _panel()
    earlier = pd.DataFrame({"a": [1.0]}, index=["320601"])
    with pytest.raises(zb.Error, match="previous= is for a DataFrame"):
        C.build(panel, None, [C.Impute("latest"), C.Normalise(), C.Aggregate()], period="2024", previous=earlier)
    with pytest.raises(zb.Error, match="previous= is for a DataFrame"):
        C.uncertainty(
            panel, None, [C.Impute("latest"), C.Normalise(), C.Aggregate()], n=5, period="2024", previous=earlier
        )


# ---------------------------------------------------------------- text columns without a framework


def _with(column) -> pd.DataFrame:
    return pd.DataFrame({"a": column, "b": [4.0, 3, 2, 10]}, index=list("PQRS"))


@pytest.mark.parametrize(
    "column",
    [["1.5", "2.5", "-", "4.5"], ["1.5%", "2.5%", "3%", "4%"], ["1,234.5", "2,000", "3,000", "4,000"]],
)
def test_numbers_written_as_text_with_dashes_percent_or_grouping_are_refused_not_dropped(column):
    with pytest.raises(zb.Error, match="a holds numbers stored as text"):
        C.score(_with(column), "entropy-topsis")
    with pytest.raises(zb.Error, match="a holds numbers stored as text"):
        C.uncertainty(_with(column), None, "entropy-topsis", n=5)  # as build refuses it


def test_a_column_of_numbers_with_a_text_among_them_is_refused_naming_the_cell():
    with pytest.raises(zb.Error, match=r"column a, row 3 \(region R\): not a number: 'x'"):
        C.score(_with(["1", "2", "x", "4"]), "entropy-topsis")


def test_a_true_false_column_is_a_label_said_in_a_warning_and_names_stay_quiet():
    with pytest.warns(C.TextNumbersAsLabelsWarning, match="a holds True/False"):
        result = C.score(_with([True, False, True, True]), "entropy-topsis")
    assert result.framework.indicators == ["b"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        C.score(_with(["北京", "上海", "x", None]), "entropy-topsis")  # names: a label, as before


# ---------------------------------------------------------------- totals among their parts


def test_a_city_beside_its_districts_is_named_in_a_warning_by_the_rollups_rule():
    df = pd.DataFrame(
        {"name": ["南通市", "崇川区", "港闸区", "海安市"], "x": [1.0, 3.0, 2.0, 4.0]},
        index=["320600", "320601", "320602", "320685"],
    )
    with pytest.warns(C.NestedRegionsWarning, match=r"320601 \(崇川区\) in 320600 \(南通市\)"):
        C.build(df, None, STEPS)
    with pytest.warns(C.NestedRegionsWarning, match="320600"):
        C.uncertainty(df, None, STEPS, n=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        C.build(df.drop(index="320600"), None, STEPS)  # one level: no word
    with pytest.raises(zb.Error, match="regions together with regions inside them"):  # the rule reused
        zb.Panel.from_pandas(df.reset_index(names="entity").assign(period="2024"), name="name").rollup("admin")


def test_a_totals_row_is_named_in_a_warning_from_a_frame_and_a_panel():
    df = pd.DataFrame({"x": [1.0, 3.0, 2.0, 6.0]}, index=["320601", "320602", "320603", "合计"])
    with pytest.warns(C.NestedRegionsWarning, match="合计 looks like a totals row"):
        C.build(df, None, STEPS)
    named = pd.DataFrame({"name": ["a", "b", "全 市"], "x": [1.0, 2.0, 3.0]}, index=["p", "q", "r"])
    with pytest.warns(C.NestedRegionsWarning, match=r"r \(全 市\) looks like a totals row"):
        C.build(named, None, STEPS)
    panel = zb.Panel.from_pandas(df.reset_index(names="entity").assign(period="2024"))
    with pytest.warns(C.NestedRegionsWarning, match="合计"):
        C.build(panel, None, STEPS)


# ---------------------------------------------------------------- the command line


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def _tie(tmp_path):
    path = tmp_path / "tie.csv"
    path.write_text(
        "region,year,gdp[亿元],rd_expenditure[万元]\n320601,2024,100,29140\n320602,2024,100,29060\n"
        "320603,2024,100,10000\n",
        encoding="utf-8",
    )
    return path


def test_compute_piped_into_composite_at_full_precision_ranks_without_the_false_tie(tmp_path):
    path = _tie(tmp_path)
    for precision in ([], ["--full-precision"]):
        computed = _cli("compute", str(path), "--ids", "rd_intensity", "--no-reasons", "-q", *precision)
        ranked = _cli("composite", "-", "--model", "entropy-topsis", input=computed.stdout)
        assert ranked.returncode == 0, ranked.stderr
        table = pd.read_csv(io.StringIO(ranked.stdout), dtype={"entity": str}).set_index("entity")
        rounded = "rounded to the catalogue's decimals" in ranked.stderr
        if precision:  # 2.914 % and 2.906 %: ranks 1 and 2, no word of rounding
            assert table["rank"].tolist() == [1, 2, 3] and not rounded
        else:  # both 2.91: the tie the rounding makes, said
            assert table["rank"].tolist() == [1, 1, 3] and rounded and "--full-precision" in ranked.stderr


def test_the_pipe_of_the_documentation_passes_full_precision():
    text = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8").replace("\\\n", " ")
    pipes = [line for line in text.splitlines() if "zhibiao compute" in line and "| zhibiao composite -" in line]
    assert pipes and all("--full-precision" in line for line in pipes)


def test_a_binary_input_is_named_by_its_file_not_report(tmp_path):
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00\x00\x00\x01\x02\x00\x00\x3e\x00" * 60)  # as an executable
    model = _model_file(tmp_path)
    for args in (["composite", str(path)], ["uncertainty", str(model), str(path)]):
        result = _cli(*args)
        assert (
            result.returncode == 2 and f"{path}: not a text file" in result.stderr and "<report>" not in result.stderr
        )
    result = _cli("composite", "-", input="\x7fELF" + "\x00\x00\x01\x02\x00\x3e" * 60)
    assert result.returncode == 2 and "<stdin>: not a text file" in result.stderr


def _model_file(tmp_path):
    path = tmp_path / "unc.toml"
    path.write_text(
        '[[node]]\ncode = "i"\nlevel = 2\n[[node]]\ncode = "x"\nparent = "i"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n[[step]]\nkind = "aggregate"\nmethod = "arithmetic"\n'
        "[uncertainty]\nreplications = 10\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------- plots


def test_over_time_breaks_its_line_at_a_period_absent_from_the_table():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    index = pd.MultiIndex.from_tuples(
        [("a", "2021"), ("a", "2023"), ("a", "2024"), ("a", "2024H1"), ("a", "2025H1")], names=["entity", "period"]
    )
    values = pd.DataFrame({"rd_intensity": [1.0, 3.0, 4.0, 2.0, 5.0]}, index=index)
    try:
        year, half = zb.plot.over_time(values, "rd_intensity").get_lines()
        ys = list(year.get_ydata())
        assert [x for x, y in zip(year.get_xdata(), ys) if not np.isnan(y)] == [2021.5, 2023.5, 2024.5]
        assert np.isnan(ys[1]) and ys[0] == 1.0 and ys[2:] == [3.0, 4.0]  # 2021 not joined to 2023
        assert np.isnan(list(half.get_ydata())).sum() == 1  # 2024H1 to 2025H1: H2 absent
    finally:
        plt.close("all")


def test_the_rank_axis_of_plot_ranks_has_whole_number_ticks():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(3)
    df = pd.DataFrame(rng.uniform(1, 10, size=(20, 3)), index=[f"r{k}" for k in range(20)], columns=list("abc"))
    try:
        ax = C.uncertainty(df, None, STEPS, n=50, weights_noise={1: 0.5}).plot_ranks()
        ax.figure.canvas.draw()
        ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
    finally:
        plt.close("all")
