"""Round 26's analyst day (helper an26): a county table from Excel with a name column, an
uncertainty analysis read as a table (names beside codes), and the figures an analyst looks at."""

import errno
import io
import os
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import cli

C = zb.composite


@pytest.fixture
def pyplot():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def coded_counties():
    """Six made-up counties 9101xx with Chinese names, two pillars of two indicators."""
    rng = np.random.default_rng(26)
    codes = [f"9101{i:02d}" for i in range(1, 7)]
    names = ["东山县", "西河县", "南湖县", "北海县", "中山县", "上河县"]
    inds = ["指标甲", "指标乙", "指标丙", "指标丁"]
    df = pd.DataFrame(rng.uniform(1, 10, (6, 4)), columns=inds, index=pd.Index(codes, name="region"))
    meta = pd.DataFrame(
        [("创新指数", "", 1, 1, 3), ("创新投入", "创新指数", 1, 1, 2), ("创新产出", "创新指数", 1, 1, 2)]
        + [(i, "创新投入" if k < 2 else "创新产出", 1, 1, 1) for k, i in enumerate(inds)],
        columns=["code", "parent", "weight", "direction", "level"],
    )
    steps = [C.Normalise("minmax", range=(1, 100)), C.Aggregate()]
    return df, dict(zip(codes, names)), C.Framework.from_pandas(meta), steps


def test_the_rank_tables_of_an_uncertainty_analysis_name_the_regions():
    df, names, fw, steps = coded_counties()
    df.attrs["names"] = names  # as a table of Panel.compute() carries them
    u = C.uncertainty(df, fw, steps, n=40, weights_noise={1: 0.3})
    # Before: the names reached the plot only; the tables an analyst reads held bare codes
    r = u.node_ranks()
    assert r.index.name == "region" and list(r.index) == list(names)  # still indexed by code
    assert r.columns[0] == "name" and r["name"].to_dict() == names
    assert r.loc["910103", "name"] == "南湖县"
    ranks = u.ranks
    assert list(ranks.columns[:3]) == ["region", "node", "name"]
    assert (ranks["name"] == ranks["region"].map(names)).all()
    assert len(ranks) == len(names) * 3  # every aggregate node, the names repeated per node


def test_an_analysis_without_names_keeps_its_columns():
    df, _, fw, steps = coded_counties()
    u = C.uncertainty(df, fw, steps, n=10, weights_noise={1: 0.3})
    assert "name" not in u.ranks.columns and "name" not in u.node_ranks().columns


def test_the_cli_rank_table_of_a_panel_names_its_counties(sample_dir, tmp_path):
    """`zhibiao uncertainty --period` of a panel CSV writes the counties' names after their codes,
    as `zhibiao composite --period` does (it wrote the codes alone)."""
    model = tmp_path / "m.toml"
    model.write_text(
        (sample_dir / "county_index.toml").read_text(encoding="utf-8")
        + "\n[uncertainty]\nreplications = 16\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    data, out = sample_dir / "counties_synthetic.csv", tmp_path / "r.csv"
    assert cli.main(["uncertainty", str(model), str(data), "--period", "2024", "--out", str(out), "-q"]) == 0
    table = pd.read_csv(out, index_col=0, dtype={0: str})
    names = zb.read_csv(data).entities.set_index("code")["name"]
    assert table.columns[0] == "name"
    assert (table["name"] == names.reindex(table.index)).all()
    # without replications (-n 0 beside --sobol) the nominal table keeps the names too (review 26b)
    nominal = tmp_path / "n.csv"
    args = ["uncertainty", str(model), str(data), "--period", "2024", "-n", "0", "--sobol", "8"]
    args += ["--sobol-out", str(tmp_path / "s.csv")]
    assert cli.main([*args, "--out", str(nominal), "-q"]) == 0
    assert list(pd.read_csv(nominal, index_col=0).columns) == ["name", "nominal_rank", "nominal_score"]


def test_a_sheet_read_with_pandas_keeps_its_name_column_as_read_csv_does(tmp_path):
    """pd.read_excel of a county sheet (地区代码, 地区名称, 年份, …): from_pandas ignored 地区名称 as a
    column of texts, where read_csv of the same table takes it as the names; the plots and rank
    tables then showed bare codes."""
    sheet = pd.DataFrame(
        {
            "地区代码": ["910101", "910101", "910102"],
            "地区名称": ["东山县", "东山县", "西河县"],
            "年份": [2023, 2024, 2024],
            "地区生产总值（亿元）": [120.5, 130.25, 88.0],
        }
    )
    panel = zb.Panel.from_pandas(sheet, "地区代码", "年份")
    assert panel.entities.set_index("code")["name"].to_dict() == {"910101": "东山县", "910102": "西河县"}
    assert "地区名称" not in panel.report["ignored_columns"]
    path = tmp_path / "sheet.csv"
    sheet.to_csv(path, index=False)
    assert panel.entities.equals(zb.read_csv(path).entities)  # the same names as read_csv's
    gdp = zb.Indicator("gdp_level", "gdp", unit="亿元")
    assert panel.compute([gdp]).attrs["names"] == {"910101": "东山县", "910102": "西河县"}
    # name= still wins, and a frame whose names come in attrs keeps those
    other = sheet.assign(简称=["东", "东", "西"])
    assert zb.Panel.from_pandas(other, "地区代码", "年份", name="简称").entities["name"].tolist() == ["东", "西"]
    carried = sheet.drop(columns="地区名称")
    carried.attrs["names"] = {"910101": "甲", "910102": "乙"}
    assert zb.Panel.from_pandas(carried, "地区代码", "年份").entities["name"].tolist() == ["甲", "乙"]


def test_a_name_heading_of_numbers_is_no_name_column():
    numbers = pd.DataFrame({"region": ["A", "B"], "period": ["2024", "2024"], "name": [1.0, 2.0]})
    panel = zb.Panel.from_pandas(numbers, "region")
    assert panel.entities["name"].tolist() == ["", ""] and "name" in panel.variables


def test_a_found_name_column_that_names_a_code_twice_is_left_out_and_said():
    sheet = pd.DataFrame(
        {"entity": ["360102", "360103", "360102"], "period": [2022, 2022, 2023], "名称": ["东湖区", "西湖区", "西湖区"]}
    ).assign(x=[1.0, 2.0, 3.0])
    panel = zb.Panel.from_pandas(sheet)  # not asked for: no error, as before
    assert panel.entities["name"].tolist() == ["", ""]
    assert "名称" in panel.report["ignored_columns"]
    assert "'360102' is named '西湖区' in row 2 and '东湖区' in row 0" in panel.report["ignored_reasons"]["名称"]
    with pytest.raises(zb.ParseError, match="is named"):
        zb.Panel.from_pandas(sheet, name="名称")  # asked for: refused, as before


def test_by_region_counts_a_region_without_a_row_in_the_period_as_missing(pyplot):
    """A county whose 2023 row is absent from the sheet (not NaN: no row) vanished from the 2023
    bars, and the title said "2 地区" with no word of the third."""
    df = pd.DataFrame(
        {
            "region": ["910101", "910101", "910102", "910102", "910103"],
            "period": ["2022", "2023", "2022", "2023", "2022"],
            "gdp": [100.0, 105.0, 200.0, 210.0, 50.0],
        }
    )
    panel = zb.Panel.from_pandas(df, "region", units={"gdp": "亿元"})
    growth = panel.compute([zb.Indicator("gdp_growth", "growth(gdp)", unit="%")])
    ax = zb.plot.by_region(growth, "gdp_growth", period="2023")
    assert ax.get_title() == "gdp_growth, 2023 (2 地区, 1 缺失：910103)"  # round 35: names the few missing
    assert len(ax.patches) == 2
    pyplot.close("all")


def test_progress_says_how_many_regions_have_no_rate(pyplot):
    index = pd.MultiIndex.from_tuples([("A", "2025H1"), ("B", "2025H1"), ("C", "2025H1")], names=["entity", "period"])
    rates = pd.DataFrame({"target_completion_rate": [60.0, np.nan, 40.0]}, index=index)
    ax = zb.plot.progress(rates)
    assert ax.get_title().endswith("(1 地区 缺失)") and len(ax.patches) == 2
    pyplot.close("all")


def test_validate_shares_one_str_per_distinct_key_across_its_findings():
    """A 100 MB panel gave 1.3 million findings, each cell a str of its own (and the C++ report
    copied once more): 2.0 GB peak RSS for `zhibiao validate`, 1.1 GB now (bench: see the report of
    round 26). The entity, period, variable, rule and severity of the findings are one Python
    object per distinct text; the table reads as before (object columns, same values)."""
    rows = [
        (f"9101{k:02d}", str(year), 100.0 * (1 + k % 3) ** (year - 2020))
        for k in range(1, 7)
        for year in (2020, 2021, 2022)
    ]
    df = pd.DataFrame(rows, columns=["region", "period", "valid_invention_patents"]).assign(population=10.0)
    panel = zb.Panel.from_pandas(df, "region", units={"population": "万人"})
    findings = panel.validate()
    assert len(findings) >= 4 and list(findings.columns) == [
        "entity",
        "period",
        "variable",
        "rule",
        "severity",
        "message",
    ]
    assert (findings.dtypes == object).all()
    for column in ["entity", "period", "variable", "rule", "severity"]:
        for text, group in findings.groupby(column)[column]:
            assert all(cell is group.iloc[0] for cell in group), column
    assert set(findings["entity"]) <= set(df["region"]) and findings["message"].map(type).eq(str).all()
    empty = zb.Panel.from_pandas(df.head(1), "region", units={"population": "万人"}).validate()
    assert len(empty) == 0 and list(empty.columns) == list(findings.columns)


def test_from_pandas_says_a_keyless_row_is_the_sheets_totals_row():
    """pd.read_excel of a county sheet with its 合计 row (no code): the error said "no entity code
    … (index 2)", and the analyst searched the sheet for what row 2 was."""
    sheet = pd.DataFrame(
        {
            "地区代码": ["910101", "910102", None],
            "地区名称": ["东山县", "西河县", "合计"],
            "年份": [2024, 2024, 2024],
            "地区生产总值（亿元）": [100.0, 200.0, 300.0],
        }
    )
    with pytest.raises(zb.ParseError) as caught:
        zb.Panel.from_pandas(sheet, "地区代码", "年份")
    said = str(caught.value)
    assert "no entity code in column '地区代码', 1 row (index 2)" in said
    assert "index 2 is a totals row ('合计' in column '地区名称')" in said
    assert said.endswith("lenient=True skips such rows (report['rows_skipped'])")


def test_plot_ranks_says_when_top_leaves_regions_out(pyplot):
    df, names, fw, steps = coded_counties()
    u = C.uncertainty(df, fw, steps, n=20, weights_noise={1: 0.3})
    # Before: no title; 3 of 6 counties drawn read as the whole ranking
    assert u.plot_ranks(top=3).get_title() == "6 个地区中的前 3 个"
    assert u.plot_ranks(top=3, lang="en").get_title() == "top 3 of 6 regions"
    assert u.plot_ranks().get_title() == "" and u.plot_ranks(top=6).get_title() == ""
    pyplot.close("all")


class _FullDisk(io.StringIO):
    def write(self, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_is_said_with_the_place_written(sample_dir, capsys, monkeypatch):
    """A batch script's log read "zhibiao: No space left on device": which output, the --out file
    or standard output, went unsaid. Status 2, as for any other file that cannot be written."""
    data = str(sample_dir / "counties_synthetic.csv")
    monkeypatch.setattr(cli._Parser, "lang", cli._Parser.lang)  # --lang zh below: restored after
    if os.path.exists("/dev/full"):
        assert cli.main(["compute", data, "--ids", "rd_intensity", "--out", "/dev/full", "-q"]) == 2
        assert "zhibiao: /dev/full: No space left on device" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    assert cli.main(["compute", data, "--ids", "rd_intensity", "-q"]) == 2
    assert "zhibiao: standard output: No space left on device" in capsys.readouterr().err
    assert cli.main(["--lang", "zh", "validate", data, "-q"]) == 2
    assert "标准输出: No space left on device" in capsys.readouterr().err


def test_uncertainty_of_a_panel_reads_the_period_as_build_does():
    """period="2024年" (a form read_csv reads, and build() takes) was refused by uncertainty()."""
    panel = zb.read_csv(
        io.StringIO(
            "region,period,rd_expenditure[万元],gdp[亿元]\n"
            + "".join(f"9101{k:02d},{y},{10 * k + y - 2020},{k + 1}\n" for k in range(1, 5) for y in (2022, 2023, 2024))
        )
    )
    meta = pd.DataFrame(
        {"code": ["idx", "rd_intensity"], "parent": ["", "idx"], "weight": [1, 1], "direction": [1, 1], "level": [2, 1]}
    )
    fw, steps = C.Framework.from_pandas(meta), [C.Normalise("minmax", range=(0, 100)), C.Aggregate()]
    plain = C.uncertainty(panel, fw, steps, period="2024", n=4, weights_noise={1: 0.1})
    chinese = C.uncertainty(panel, fw, steps, period="2024年", n=4, weights_noise={1: 0.1})
    pd.testing.assert_frame_equal(plain.ranks, chinese.ranks)
    built = C.build(panel, fw, steps, period="2024年")
    assert (chinese.node_ranks()["nominal_rank"] == built.ranks["idx"]).all()
    with pytest.raises(
        zb.ArgumentError,
        match=r"^the panel has no period 2204 \(did you mean '2024'\?\) \(periods: 2022, 2023, 2024\)$",
    ):
        C.uncertainty(panel, fw, steps, period="2204", n=4)
