"""Round 13 (analyst seams): a firm table headed as Chinese analysts head it (研发费用, 营业收入,
职工总数…) is scored, the headings read as the pack's inputs and reported; a heading that could be
two inputs, or two columns for one input, is refused (/work/shared/spec/indicators.md §6a, §6b)."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from test_scorecard_years_and_inputs import hnte

# tech-sme-2017 headed with ids, and the same table as a bureau's sheet heads it.
IDS = ["employees", "st_staff", "sales", "assets", "rd_expense", "ip_class1", "ip_class2", "hnte_certified"]
CHINESE = ["职工总数", "科技人员数", "营业收入", "资产总额", "研发费用", "Ⅰ类知识产权数", "Ⅱ类知识产权数", "有效期内高新技术企业资格"]
ROWS = {"甲公司": [50, 10, 1000, 2000, 60, 1, 3, 0], "乙公司": [80, 2, 3000, 4000, 20, 0, 0, 1]}


def _table(headings):
    return pd.DataFrame(list(ROWS.values()), index=list(ROWS), columns=headings)


def test_chinese_headings_are_read_as_the_inputs_and_reported():
    # Refused before ("… is not in the data, but column '职工总数' is: its Chinese name (rename the
    # column 'employees')"). 营业收入 is an other name of sales (销售收入 = 主营业务收入 + 其他业务收入,
    # 国科发政〔2017〕115号 指标说明); 有效期内高新技术企业资格 the full name of hnte_certified before
    # its bracket "（1 是）".
    by_ids = zb.scorecards.evaluate(_table(IDS), "tech-sme-2017")
    by_names = zb.scorecards.evaluate(_table(CHINESE), "tech-sme-2017")
    pd.testing.assert_frame_equal(by_names, by_ids, check_like=False)
    # 第八条: 乙公司 holds a valid HNTE certificate — confirmed directly, not scored (its 2 S&T staff
    # of 80, 2.5% < 10%, would fail 第六条 (三) otherwise)
    assert by_names.loc["乙公司", "status"] == "direct"
    assert by_names.loc["甲公司", "status"] == "passed"
    assert by_names.attrs["renamed_columns"] == dict(zip(CHINESE, IDS))
    assert by_ids.attrs["renamed_columns"] == {}
    # a Panel read from a CSV: the C++ path reads the same headings
    text = "firm,year," + ",".join(CHINESE) + "\n"
    text += "".join(f"{firm},2024," + ",".join(map(str, row)) + "\n" for firm, row in ROWS.items())
    panel = zb.read_csv(__import__("io").StringIO(text))
    result = zb.scorecards.evaluate(panel, "tech-sme-2017")
    assert result["status"].tolist() == ["passed", "direct"]
    assert result["total"].tolist()[0] == by_ids["total"].tolist()[0]
    assert result.attrs["renamed_columns"] == dict(zip(CHINESE, IDS))


def test_an_ambiguous_heading_is_refused_never_guessed():
    # two columns for one input: its id and its Chinese name, or 营业收入 beside 销售收入
    for extra in ({"rd_expense": [1, 2]}, {"销售收入": [1, 2]}):
        with pytest.raises(zb.Error, match="is given by 2 columns"):
            zb.scorecards.evaluate(_table(CHINESE).assign(**extra), "tech-sme-2017")
    # 销售收入 is the short form of HNTE's sales_y1, sales_y2 and sales_y3: which year cannot be told
    sales = hnte(x={}).drop(columns=["rd_staff", "sales_y1"]).assign(销售收入=3000.0)
    with pytest.raises(zb.Error, match="'销售收入' could be any of the inputs 'sales_y1', 'sales_y2', 'sales_y3'"):
        zb.scorecards.evaluate(sales, "hnte-2016")
    # the short form of one input only: 科技人员数 for st_staff (科技人员数（累计工作183天以上）)
    staff = hnte(x={}).drop(columns="rd_staff").rename(columns={"st_staff": "科技人员数"})
    read = zb.scorecards.evaluate(staff, "hnte-2016")
    assert read.loc["x", "status"] == "passed" and read.attrs["renamed_columns"] == {"科技人员数": "st_staff"}


def test_the_command_line_reads_gb18030_chinese_headings_from_a_pipe_and_says_so():
    # A sheet saved from Excel in a Chinese locale (GB18030 bytes) piped in; 营业收入 in 元 in its header.
    header = ",".join(CHINESE).replace("营业收入", "营业收入[元]")
    text = "firm," + header + "\n"
    text += "".join(
        f"{firm}," + ",".join(map(str, [*row[:2], row[2] * 10000, *row[3:]])) + "\n" for firm, row in ROWS.items()
    )
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "--lang", "en", "scorecard", "-", "--pack", "tech-sme-2017"],
        input=text.encode("gb18030"),
        capture_output=True,
    )
    stderr = run.stderr.decode("utf-8")
    assert run.returncode == 0, stderr
    out = pd.read_csv(__import__("io").StringIO(run.stdout.decode("utf-8")), index_col=0)
    assert out["status"].tolist() == ["passed", "direct"]
    expected = zb.scorecards.evaluate(_table(IDS), "tech-sme-2017")
    assert out["total"].tolist()[0] == expected["total"].tolist()[0]
    assert "columns read as inputs: 职工总数 → employees" in stderr and "营业收入 → sales" in stderr


def test_units_may_be_keyed_by_a_chinese_heading_and_reach_the_input_whatever_its_column():
    # 营业收入 given in 元: 1000 万元 = 10,000,000 元. A key naming the input by a heading the table
    # does not use still converts its column (it must never be ignored: sales read as 万元 would be
    # 10,000 times too large).
    in_yuan = _table(CHINESE).assign(营业收入=lambda t: t["营业收入"] * 10000)
    expected = zb.scorecards.evaluate(_table(IDS), "tech-sme-2017")["total"]
    for key in ("营业收入", "sales", "销售收入"):
        got = zb.scorecards.evaluate(in_yuan, "tech-sme-2017", units={key: "元"})["total"]
        pd.testing.assert_series_equal(got, expected)
    text = "firm,year," + ",".join(CHINESE) + "\n"
    text += "".join(
        f"{firm},2024," + ",".join(map(str, [*row[:2], row[2] * 10000, *row[3:]])) + "\n" for firm, row in ROWS.items()
    )
    panel = zb.read_csv(__import__("io").StringIO(text))
    for key in ("营业收入", "sales", "销售收入"):
        got = zb.scorecards.evaluate(panel, "tech-sme-2017", units={key: "元"})["total"]
        np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())  # NaN: the firm confirmed directly
    with pytest.raises(zb.Error, match="has no input '营收'"):
        zb.scorecards.evaluate(in_yuan, "tech-sme-2017", units={"营收": "元"})


def test_a_dataframe_heading_with_a_unit_is_read_as_read_csv_reads_it():
    # pd.read_excel of a sheet headed 营业收入（元）, sales[亿元]: the input was "needed" (sales) or, for
    # an optional one (rd_expense[万元]), left blank. Now the heading's unit converts the column:
    # 10,000,000 元 = 0.1 亿元 = 1000 万元, scored as 1000 万元.
    expected = zb.scorecards.evaluate(_table(IDS), "tech-sme-2017")
    for heading, scale in (("营业收入（元）", 10000), ("sales[亿元]", 0.0001), ("sales[万元]", 1)):
        table = _table(IDS).rename(columns={"sales": heading})
        table[heading] = table[heading] * scale
        got = zb.scorecards.evaluate(table, "tech-sme-2017")
        np.testing.assert_array_equal(got["total"].to_numpy(), expected["total"].to_numpy())
        assert got.attrs["renamed_columns"] == {heading: "sales"}
    optional = _table(IDS).rename(columns={"rd_expense": "rd_expense[万元]"})
    assert zb.scorecards.evaluate(optional, "tech-sme-2017")["status"].tolist() == ["passed", "direct"]
    with pytest.raises(zb.IncompatibleUnitsError):
        zb.scorecards.evaluate(_table(IDS).rename(columns={"sales": "sales[人]"}), "tech-sme-2017")
    with pytest.raises(zb.Error, match=r"given by 2 columns, 'sales', 'sales\[元\]'"):
        zb.scorecards.evaluate(_table(IDS).assign(**{"sales[元]": 1.0}), "tech-sme-2017")


def test_a_firm_failing_only_its_pass_rule_is_counted_among_the_failing_conditions():
    # firm a passes every gate but scores 0 < 60 (tech-SME 2017: st_staff 1 of 50 = 2 % < 10 %
    # gives 0 points, rd 1/1000 = 0.1 % gives 0, no IP): the summary said "failing conditions:
    # none" beside "failed 1"; firm c fails the staff gate (900 > 500)
    firms = pd.DataFrame(
        {
            "firm": ["a", "b", "c"],
            "employees": [50, 50, 900],
            "st_staff": [1, 5, 5],
            "sales": [1000, 1000, 1000],
            "assets": [1000, 1000, 1000],
            "rd_expense": [1, 60, 60],
            "total_cost": [900, 900, 900],
            "ip_class1": [0, 0, 0],
            "ip_class2": [0, 3, 3],
        }
    ).set_index(
        "firm"
    )  # a firm column beside a 0, 1, … index warns (round 20)
    result = zb.scorecards.evaluate(firms, "tech-sme-2017")
    assert result["status"].tolist() == ["failed", "passed", "ineligible"]
    summary = zb.scorecards.summary(result)
    rule = "pass rule (total >= 60 and st_staff_points > 0)"
    assert summary.failing[rule] == 1 and summary.failing["staff_limit"] == 1
    assert f"{rule} 1" in repr(summary) and "none" not in repr(summary)
    dask_dataframe = pytest.importorskip("dask.dataframe")
    from zhibiao import dask as zd

    partitioned = zd.evaluate_scorecards(dask_dataframe.from_pandas(firms, npartitions=2), "tech-sme-2017")
    assert zd.scorecard_summary(partitioned).failing.to_dict() == summary.failing.to_dict()


def test_the_command_lines_summary_names_the_pass_rule_in_its_language():
    table = (
        "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\na,50,1,1000,1000,1,900,0,0\n"
    )
    for lang, said in [("zh", "未满足的条件：通过规则（total >= 60 and st_staff_points > 0） 1"), ("en", "pass rule (total >= 60")]:
        run = subprocess.run(
            [sys.executable, "-m", "zhibiao", "--lang", lang, "scorecard", "-", "--pack", "tech-sme-2017"],
            input=table,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0 and said in run.stderr, run.stderr


def test_the_summary_holds_its_pass_rule_as_data_and_the_command_line_translates_that():
    # round 14: the command line found the pass rule's entry by parsing "pass rule (…)" back out
    # of the summary's key; the summary now holds the rule's text and the key, and a summary made
    # from counts without the rule keeps its entries as given (nothing read back from a string)
    from zhibiao import cli

    table = pd.DataFrame(
        {
            "employees": [50],
            "st_staff": [1],
            "sales": [1000],
            "assets": [1000],
            "rd_expense": [1],
            "total_cost": [900],
            "ip_class1": [0],
            "ip_class2": [0],
        }
    )
    summary = zb.scorecards.summary(zb.scorecards.evaluate(table, "tech-sme-2017"))
    assert summary.pass_rule == "total >= 60 and st_staff_points > 0"
    assert summary.pass_rule_key == "pass rule (total >= 60 and st_staff_points > 0)"
    assert summary.failing[summary.pass_rule_key] == 1
    bare = zb.scorecards.Summary.from_counts(
        pack="p", firms=1, counts=summary.counts, failing=summary.failing, mean_total=0.0
    )
    assert bare.pass_rule is None and bare.pass_rule_key is None
    assert cli._condition_name("pass rule (x > 1)", bare) == "pass rule (x > 1)"
    assert cli._condition_name("staff_limit", summary) == "staff_limit"
    dask_dataframe = pytest.importorskip("dask.dataframe")
    from zhibiao import dask as zd

    partitioned = zd.evaluate_scorecards(dask_dataframe.from_pandas(table, npartitions=1), "tech-sme-2017")
    assert zd.scorecard_summary(partitioned).pass_rule == summary.pass_rule


def test_two_units_for_one_input_are_refused_and_a_unit_error_names_the_column():
    # units={"sales": "万元", "营业收入": "元"} on a column 营业收入 = 30000: the Panel path took the
    # first key (万元: ineligible, sales above 2亿) and the DataFrame path the last (元: passed)
    firms = pd.DataFrame(
        {
            "firm": ["a"],
            "employees": [50],
            "st_staff": [10],
            "营业收入": [30000],
            "assets": [1000],
            "rd_expense": [60],
            "total_cost": [900],
            "ip_class1": [1],
            "ip_class2": [3],
        }
    ).set_index("firm")
    panel = zb.Panel.from_pandas(firms.reset_index().assign(period="2024"), entity="firm")
    for units in ({"sales": "万元", "营业收入": "元"}, {"营业收入": "元", "sales": "万元"}):
        for source in (firms, panel):
            with pytest.raises(zb.ArgumentError, match="both name input 'sales'"):
                zb.scorecards.evaluate(source, "tech-sme-2017", units=units)
    for source, heading in ((firms, "营业收入"), (firms.rename(columns={"营业收入": "营业收入（%）"}), "营业收入（%）")):
        units = {"营业收入": "%"} if heading == "营业收入" else None
        with pytest.raises(zb.IncompatibleUnitsError, match=f"column '{heading}' \\(input 'sales'\\)"):
            zb.scorecards.evaluate(source, "tech-sme-2017", units=units)
