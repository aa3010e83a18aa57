"""Findings of trial 23a (an analyst's first day with zhibiao), each with the case that showed it."""

import io
import math
import re

import pandas as pd
import pytest

import zhibiao as zb


def _partial_rollup():
    # 320602 has R&D but no GDP: the partial sums are R&D over three counties (3000 + 4000 + 5000
    # = 12000 万元) and GDP over two (100 + 100 = 200 亿元); rd_intensity of 320600 is computed over
    # the two matched counties, (3000 + 5000) 万元 / 200 亿元 = 40 万元/亿元 = 0.4 % (by hand:
    # 8e7 元 / 2e10 元 = 0.004), not 12000 / 200 = 0.6 %.
    counties = zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n"
            "320601,2023,100,3000\n320602,2023,,4000\n320603,2023,100,5000\n"
        )
    )
    return counties.rollup("admin", partial_sums=True)


def test_explain_of_a_partial_rollup_computes_the_value_it_shows():
    e = _partial_rollup().explain("rd_intensity", "320600", "2023")
    assert e.value == pytest.approx(0.4, rel=1e-12)
    assert e.raw == pytest.approx(40.0, rel=1e-12)  # was 60.0: the ratio of the partial sums
    line = next(x for x in e.text().splitlines() if x.strip().startswith("computed"))
    raw, factor, value = (float(n) for n in re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", line)[:3])
    assert raw * factor == pytest.approx(value, rel=1e-12), line


def test_explain_of_a_partial_rollup_missing_value_has_no_computed_line():
    # 320602 has neither: no child is matched for 2023's rd_intensity of the parent of 320602 alone.
    panel = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,\n320602,2023,,4000\n"))
    e = panel.rollup("admin", partial_sums=True).explain("rd_intensity", "320600", "2023")
    assert math.isnan(e.value)
    assert not any(x.strip().startswith("computed") for x in e.text().splitlines())


@pytest.fixture
def values():
    frame = pd.DataFrame({"rd_intensity": [1.5, 2.25]}, index=pd.Index(["A", "B"], name="entity"))
    return zb.with_units(frame, rd_intensity="%")


@pytest.mark.parametrize("name", ["out.xlsx", "out.XLSX", "out.xls", "out.xlsm"])
def test_write_csv_refuses_a_workbook_name(values, tmp_path, name):
    # Before: CSV text in a file named .xlsx, which Excel refuses to open.
    with pytest.raises(zb.ArgumentError, match="to_excel"):
        zb.write_csv(values, tmp_path / name)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["out.csv", "out.txt", "out"])
def test_to_excel_refuses_a_name_it_cannot_write(values, tmp_path, name):
    # Before: pandas' "Invalid extension for engine '<property object at 0x…>': 'csv'".
    with pytest.raises(zb.ArgumentError, match="write_csv|.xlsx"):
        zb.to_excel(values, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_to_excel_and_write_csv_still_write_their_own_files(values, tmp_path):
    zb.write_csv(values, tmp_path / "out.csv")
    zb.to_excel(values, str(tmp_path / "out.xlsx"))
    assert pd.read_excel(tmp_path / "out.xlsx", sheet_name="values")["rd_intensity"].tolist() == [1.5, 2.25]


# ------------------------------------------------------------------ plots that cannot be read


@pytest.fixture
def _agg_backend():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def _many_regions(count):
    codes = [f"R{i:04d}" for i in range(count)]  # no administrative codes: none is a total of others
    index = pd.MultiIndex.from_product([codes, ["2024"]], names=["entity", "period"])
    values = pd.DataFrame({"rd_intensity": [1.0 + i / count for i in range(count)]}, index=index)
    return zb.with_units(values, rd_intensity="%")


def test_by_region_refuses_more_bars_than_a_figure_shows(_agg_backend):
    # 11,000 counties without top= drew for 23 s a figure matplotlib could not save (> 2^16 px).
    many = _many_regions(zb.plot.MAX_BARS + 1)
    with pytest.raises(zb.ArgumentError, match="top="):
        zb.plot.by_region(many, "rd_intensity", period="2024")
    ax = zb.plot.by_region(many, "rd_intensity", period="2024", top=20)
    assert len(ax.patches) == 20
    assert len(zb.plot.by_region(_many_regions(zb.plot.MAX_BARS), "rd_intensity").patches) == zb.plot.MAX_BARS


def test_progress_refuses_more_bars_than_a_figure_shows(_agg_backend):
    many = _many_regions(zb.plot.MAX_BARS + 1).rename(columns={"rd_intensity": "target_completion_rate"})
    with pytest.raises(zb.ArgumentError, match="select the regions"):
        zb.plot.progress(many, period="2024")


def test_progress_with_no_value_says_so(_agg_backend):
    # A table without targets (every completion rate missing_variable) drew the 序时进度 line alone.
    values = zb.read_csv(
        io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\nA,2025H1,100,3000\nB,2025H1,120,4000\n")
    ).compute()
    with pytest.raises(zb.ArgumentError, match="target_completion_rate at 2025H1 has no value"):
        zb.plot.progress(values, period="2025H1")


def test_over_time_with_no_value_says_so(_agg_backend):
    values = zb.read_csv(
        io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\nA,2023,100,\nA,2024,110,\nB,2024,120,4000\n")
    ).compute(["rd_intensity"])
    with pytest.raises(zb.ArgumentError, match="rd_intensity of A has no value"):
        zb.plot.over_time(values, "rd_intensity", regions=["A"])
    drawn = zb.plot.over_time(values, "rd_intensity", regions=["A", "B"])  # B has a value: drawn
    assert [y for line in drawn.lines for y in line.get_ydata() if y == y] == [pytest.approx(1 / 3)]


# ------------------------------------------------------------------ a second output and | head


def _stopped_early(args, cwd):
    """Runs `zhibiao ARGS` with a reader of its standard output that stops after one line (| head -1)."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "zhibiao", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    proc.wait(timeout=300)
    return first


def _counties_csv(path, provinces, prefectures, counties, periods=("2023", "2024")):
    # Enough rows that the output overflows a pipe's buffer (64 KiB) before the command is done.
    lines = ["region,period,gdp[亿元],rd_expenditure[万元],population[万人],valid_invention_patents[件]"]
    for p in range(11, 11 + provinces):
        for c in range(1, prefectures + 1):
            for k in range(1, counties + 1):
                for t, period in enumerate(periods):
                    n = p * 7 + c * 3 + k + t
                    lines.append(
                        f"{p:02d}{c:02d}{k:02d},{period},{100 + n % 37},{2000 + n % 91},{20 + n % 13},{n % 57}"
                    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_rollup_writes_its_coverage_file_when_the_reader_stops_early(tmp_path):
    _counties_csv(
        tmp_path / "c.csv", provinces=30, prefectures=40, counties=2, periods=[str(y) for y in range(2015, 2025)]
    )
    assert _stopped_early(["rollup", "c.csv", "--coverage", "cov.csv", "-q"], tmp_path).startswith(b"entity")
    coverage = pd.read_csv(tmp_path / "cov.csv")  # was never written: the broken pipe ended the command first
    assert len(coverage) == 30 * 40 * 10 * 4  # parents × periods × variables


def test_uncertainty_writes_its_sobol_file_when_the_reader_stops_early(tmp_path):
    _counties_csv(tmp_path / "c.csv", provinces=30, prefectures=40, counties=1)
    (tmp_path / "m.toml").write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n'
        '[[node]]\ncode = "rd_intensity"\nparent = "idx"\n[[node]]\ncode = "invention_patents_per_10k"\nparent = "idx"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n[[step]]\nkind = "aggregate"\nmethod = "arithmetic"\n'
        "[uncertainty]\nreplications = 20\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    args = ["uncertainty", "m.toml", "c.csv", "--period", "2024", "--sobol", "4", "--sobol-out", "s.csv", "-q"]
    assert _stopped_early(args, tmp_path).startswith(b"region")
    sobol = pd.read_csv(tmp_path / "s.csv")  # was never written
    assert set(sobol["input"]) == {"weights noise level 1"}


def test_the_command_line_says_how_to_impute_on_the_command_line(tmp_path, capsys):
    from zhibiao import cli

    (tmp_path / "t.csv").write_text("region,rd,pat\nA,1.5,3\nB,2.5,\nC,0.5,7\n", encoding="utf-8")
    assert cli.main(["composite", str(tmp_path / "t.csv"), "--model", "entropy-topsis", "-q"]) == 2
    err = capsys.readouterr().err
    assert "'pat' is missing for region 'B'" in err
    assert "an Impute step" not in err  # a Python step, which the command line cannot add
    assert '--model FILE, with a [[step]] of kind = "impute"' in err


@pytest.mark.parametrize("name", ["gbk", "GBK", "gb2312", "cp936"])
def test_write_csv_points_a_gbk_name_to_gb18030(values, tmp_path, name):
    # read_csv takes these names as GB18030; write_csv refused them with no suggestion
    with pytest.raises(zb.ArgumentError, match="did you mean 'gb18030'"):
        zb.write_csv(values, tmp_path / "out.csv", encoding=name)


def test_the_gap_hires_staff_into_the_staff_as_the_guide_says():
    # scorecards.md: 19 S&T staff of 237 need 6 more, (19 + 6) / (237 + 6) = 10.3 % ≥ 10 %, not 5:
    # (19 + 5) / (237 + 5) = 9.9 %. (Pins the documented reading; the code did this before.)
    firm = pd.DataFrame(
        {
            "employees": [237],
            "st_staff": [19],
            "sales": [3159.4],
            "assets": [16395.0],
            "rd_expense": [517.4],
            "total_cost": [2074.1],
            "ip_class1": [1],
            "ip_class2": [5],
        }
    )
    gap = zb.scorecards.gap(firm, "tech-sme-2017")
    assert gap["more_st_staff"].iloc[0] == 6
    hired = firm.assign(st_staff=25, employees=243)
    assert zb.scorecards.evaluate(hired, "tech-sme-2017")["status"].iloc[0] == "passed"
    assert (
        zb.scorecards.evaluate(firm.assign(st_staff=24, employees=242), "tech-sme-2017")["status"].iloc[0] == "failed"
    )


# ------------------------------------------------------------------ contributions named as by_region names


def _county_values():
    panel = zb.read_csv(
        io.StringIO(
            "region,name,period,gdp[亿元],rd_expenditure[万元],population[万人],valid_invention_patents[件]\n"
            "360101,东湖区,2024,100,3000,50,40\n360102,西湖区,2024,120,1000,40,90\n"
            "360103,青云谱区,2024,80,2000,30,20\n"
        )
    )
    return panel, panel.compute(["rd_intensity", "invention_patents_per_10k"]).xs("2024", level="period")


@pytest.mark.parametrize("source", ["table", "panel"])
def test_contributions_names_regions_and_catalogue_indicators(_agg_backend, source):
    # Before: legend 'rd_intensity', regions '360101' — while by_region and plot_ranks show names.
    C = zb.composite
    panel, year = _county_values()
    fw = C.Framework.flat(["rd_intensity", "invention_patents_per_10k"], root="sti")
    steps = [C.Normalise("minmax", range=(0, 100)), C.Aggregate("arithmetic")]
    result = C.build(year, fw, steps) if source == "table" else C.build(panel, fw, steps, period="2024")
    ax = zb.plot.contributions(result)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["R&D经费投入强度", "每万人口发明专利拥有量"]
    # 东湖区 3000/100 = 30 万元/亿元, 西湖区 1000/120 = 8.3, 青云谱区 2000/80 = 25 (R&D: 东湖 best);
    # patents per 10k 0.8, 2.25, 0.67 (西湖 best); min-max: 东湖 (100 + 8.4) / 2 = 54.2 > 西湖
    # (0 + 100) / 2 = 50 > 青云谱 (76.9 + 0) / 2 = 38.5
    assert [t.get_text() for t in ax.get_yticklabels()] == ["东湖区", "西湖区", "青云谱区"]
    en = zb.plot.contributions(result, lang="en", names={"360101": "Donghu"})
    assert [t.get_text() for t in en.get_legend().get_texts()][0] == "R&D expenditure intensity"
    assert en.get_yticklabels()[0].get_text() == "Donghu"


def test_a_framework_less_build_names_every_empty_column_at_once():
    # The whole catalogue computed on a panel has ten columns missing for every county
    # (missing_variable); the build named one per run ("cannot normalise indicator
    # 'hitech_va_share_industry': it has no values"), so clearing them took ten runs.
    C = zb.composite
    _, year = _county_values()
    year = year.assign(tech_contract_share_gdp=float("nan"), funds_in_place_rate=float("nan"))
    steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
    for run in (lambda: C.build(year, None, steps), lambda: C.uncertainty(year, None, steps, n=10)):
        with pytest.raises(
            zb.MethodError, match=r"2 of the 4 have no value .*: tech_contract_share_gdp, funds_in_place_rate; leave"
        ):
            run()
    assert C.build(year.dropna(axis=1, how="all"), None, steps).scores.shape == (3, 3)


def test_a_framework_indicator_with_a_damaged_cell_is_named_at_its_cell():
    # composite.md: a column of mostly numbers with a text among them is refused naming the cell;
    # with a framework the message was only "indicator columns must be numeric: rd_intensity".
    C = zb.composite
    _, year = _county_values()
    damaged = year.astype({"rd_intensity": object})
    damaged.loc["360102", "rd_intensity"] = "21.%"
    fw = C.Framework.flat(["rd_intensity", "invention_patents_per_10k"], root="sti")
    steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
    cell = r"column rd_intensity, row 2 \(region 360102\): .*'21\.%'"
    for run in (lambda: C.build(damaged, fw, steps), lambda: C.uncertainty(damaged, fw, steps, n=10)):
        with pytest.raises(zb.Error, match=cell):
            run()


def test_over_time_takes_a_code_given_as_a_number(_agg_backend):
    # Before: "regions not in the table: 360101 (did you mean '360101'?)"
    panel = zb.read_csv(
        io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\n360101,2023,100,3000\n360101,2024,110,3300\n")
    )
    ax = zb.plot.over_time(panel.compute(["rd_intensity"]), "rd_intensity", regions=[360101])
    assert [y for line in ax.lines for y in line.get_ydata()] == [pytest.approx(0.3), pytest.approx(0.3)]


def test_plot_ranks_refuses_more_rows_than_a_figure_shows(_agg_backend):
    C = zb.composite
    many = (
        _many_regions(zb.plot.MAX_BARS + 1)
        .xs("2024", level="period")
        .assign(other=lambda d: d["rd_intensity"].to_numpy()[::-1])
    )
    fw = C.Framework.flat(["rd_intensity", "other"], root="sti")
    u = C.uncertainty(many, fw, [C.Normalise("minmax"), C.Aggregate("arithmetic")], n=4, weights_noise={1: 0.2})
    with pytest.raises(zb.ArgumentError, match="plot_ranks: 501 bars.*top=N"):
        u.plot_ranks()
    assert len(u.plot_ranks(top=10).get_yticklabels()) == 10


def test_write_csv_prints_composite_scores_as_they_are(tmp_path):
    # Before: the index column in full (54.2…) and the normalised scores under the indicator ids
    # rounded to the indicators' decimals (rd_intensity 2, invention_patents_per_10k 2): 76.92, 8.42.
    C = zb.composite
    _, year = _county_values()
    result = C.build(year, C.Framework.flat(list(year.columns), root="sti"), [C.Normalise("minmax"), C.Aggregate()])
    for table in (result.scores, result.contributions, result.layer("normalised")):
        zb.write_csv(table, tmp_path / "s.csv")
        back = pd.read_csv(tmp_path / "s.csv", index_col="entity")
        for column in ("rd_intensity", "invention_patents_per_10k"):
            assert back[column].tolist() == table[column].tolist()  # every digit, as the index column
    # 青云谱区's normalised R&D intensity: (25 − 8.33) / (30 − 8.33) × 100 = 76.923… (by hand)
    assert result.layer("normalised").loc["360103", "rd_intensity"] == pytest.approx(1000 / 13, rel=1e-12)
    # an indicator table is rounded as before
    zb.write_csv(year, tmp_path / "v.csv")
    assert pd.read_csv(tmp_path / "v.csv")["rd_intensity"].tolist() == [0.3, 0.08, 0.25]


@pytest.mark.parametrize(
    "text, keywords, said",
    [
        ("code;period;gdp[亿元]\n1;2024;3\n", {}, "read it with sep=';'"),
        ("code,period,gdp[亿元]\n1,2024,3\n", {"units": {"gpd": "亿元"}}, "units= names 'gpd'"),
        ("code,period,gdp[亿元]\n1,2024,3\n", {"ignore": ["gpd"]}, "ignore= names 'gpd'"),
        ("a,b\n1,2\n", {"decimal": ","}, "decimal=',' needs another separator"),
        ("a,b\n1,2\n", {"sep": '"'}, "sep='\"' cannot separate fields"),
    ],
)
def test_read_csvs_messages_name_its_keywords_not_the_cpp_options(text, keywords, said):
    # F10: "read it with sep=';' (csv_options::separator)", "csv_options::units names 'gpd'"
    with pytest.raises(zb.Error) as raised:
        zb.read_csv(io.BytesIO(text.encode()), **keywords)
    assert said in str(raised.value) and "csv_options" not in str(raised.value)


def test_a_misspelt_chinese_heading_is_named_beside_the_missing_variable():
    # F11: 地区生产总直[亿元] (值 typed as 直) got "no variable 'gdp'" and no hint, where gpd got one
    panel = zb.read_csv(io.BytesIO("code,period,rd_expenditure[亿元],地区生产总直[亿元]\n1,2024,3,100\n".encode()))
    with pytest.raises(zb.MissingVariableError) as raised:
        panel.compute(["rd_intensity"])
    said = str(raised.value)
    assert "column '地区生产总直' differs by 1 character from '地区生产总值', a heading of gdp" in said
    assert raised.value.variable == "gdp"
    far = zb.read_csv(io.BytesIO("code,period,rd_expenditure[亿元],人口[万人]\n1,2024,3,100\n".encode()))
    with pytest.raises(zb.MissingVariableError) as raised:
        far.compute(["rd_intensity"])
    assert "differs by" not in str(raised.value)
