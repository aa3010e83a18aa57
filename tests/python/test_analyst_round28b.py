"""Review 28a of round 28's loading changes (helper an28b): headings renamed onto a column already
there, units= and ignore= by the heading as written, zhibiao.dask's totals warning (caller's line,
trimmed names, laziness), the "may be" hint, the nation's names, R&D's written forms."""

import warnings

import pandas as pd
import pytest

import zhibiao as zb
from zhibiao.composite import NestedRegionsWarning

HEADER_TWO_RD = [
    "code,period,研发经费支出[万元],研发经费内部支出[万元],gdp[亿元]",  # 研发经费支出: a catalogue name
    "code,period,rd_expenditure[万元],研发经费内部支出[万元],gdp[亿元]",
]


# Review 28a, 1: an28 renamed 研发经费内部支出 onto rd_expenditure, a column already there: ParseError.
@pytest.mark.parametrize("header", HEADER_TWO_RD)
def test_a_heading_read_by_its_meaning_stays_as_written_beside_the_variable(tmp_path, header):
    path = tmp_path / "two.csv"
    path.write_text(header + "\n110000,2024,1,2,3\n", encoding="utf-8")
    assert list(zb.read_csv(path).variables) == ["rd_expenditure", "研发经费内部支出", "gdp"]
    df = pd.read_csv(path, dtype={"code": str})
    assert set(zb.Panel.from_pandas(df, "code", "period").variables) == {"rd_expenditure", "研发经费内部支出", "gdp"}


def test_ignore_leaves_one_of_two_same_named_columns_out_before_the_duplicate_check(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("code,period,rd_expenditure[万元],R&D经费支出[万元]\n110000,2024,1,2\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match=r"leave one out with ignore=\[\.\.\.\]"):
        zb.read_csv(path)
    panel = zb.read_csv(path, ignore=["R&D经费支出"])  # by its heading as written
    assert list(panel.variables) == ["rd_expenditure"] and panel.values("rd_expenditure").tolist() == [1.0]


def test_ignore_none_is_none_and_a_str_is_one_name(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("code,period,研发经费内部支出,备注\n110000,2024,1,2\n", encoding="utf-8")
    assert list(zb.read_csv(path, ignore=None).variables) == ["rd_expenditure", "备注"]
    assert list(zb.read_csv(path, ignore="备注").variables) == ["rd_expenditure"]


# Review 28a, 2: units= keyed by the heading as written (before an28 the heading was the variable).
def test_units_keyed_by_the_written_heading_reach_the_renamed_column(tmp_path):
    df = pd.DataFrame({"code": ["a"], "period": ["2024"], "研发经费内部支出[万元]": [1.0]})
    assert zb.Panel.from_pandas(df, "code", "period", units={"研发经费内部支出": "亿元"}).units == {"rd_expenditure": "亿元"}
    path = tmp_path / "bare.csv"
    path.write_text("code,period,研发经费内部支出\n110000,2024,1\n", encoding="utf-8")
    assert zb.read_csv(path, units={"研发经费内部支出": "万元"}).units["rd_expenditure"] == "万元"


def test_units_naming_one_column_twice_with_two_units_are_refused():
    # the final review of round 28: from_pandas took 亿元 without a word (a factor of 10,000), where
    # read_csv refuses the same units=
    df = pd.DataFrame({"code": ["a"], "period": ["2024"], "研发经费内部支出": [1.0]})
    with pytest.raises(zb.ArgumentError, match="two units"):
        zb.Panel.from_pandas(df, "code", "period", units={"rd_expenditure": "万元", "研发经费内部支出": "亿元"})
    same = {"rd_expenditure": "万元", "研发经费内部支出": "万元"}
    assert zb.Panel.from_pandas(df, "code", "period", units=same).units == {"rd_expenditure": "万元"}


def three_regions(entities: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": entities,
            "period": [2024] * len(entities),
            "rd_expenditure[万元]": [1.0] * len(entities),
            "gdp[亿元]": [1.0] * len(entities),
        }
    )


# Review 28a, 3 and 4: the dask warning pointed into _suggest.py and took "全国 " for a sum.
def test_dask_totals_warning_points_at_the_caller_and_trims_names():
    dd = pytest.importorskip("dask.dataframe")
    import zhibiao.dask

    frame = dd.from_pandas(three_regions(["360102", "360103", "全国 "]), npartitions=2)
    with pytest.warns(NestedRegionsWarning) as said:
        zhibiao.dask.compute(frame, ["rd_intensity"])
    assert said[0].filename == __file__
    assert "is the nation" in str(said[0].message) and "others' sum" not in str(said[0].message)


# Review 28a, 5: with known divisions of an entity index compute() read every partition at call time.
def test_dask_compute_stays_lazy_with_known_divisions_of_an_entity_index():
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    import zhibiao.dask

    loads = []

    def counted(part):
        loads.append(len(part))
        return part

    df = three_regions(["A", "B", "C"]).set_index("entity")
    frame = dd.from_pandas(df, npartitions=3).map_partitions(counted)
    assert frame.known_divisions
    loads.clear()  # map_partitions ran it once on a dummy frame for its meta
    with dask.config.set(scheduler="sync"):
        result = zhibiao.dask.compute(frame, ["rd_intensity"])
        assert loads == []  # nothing read at call time
        assert len(result.compute()) == 3 and len(loads) == frame.npartitions


# Review 28a, 5 (hints): only the same characters in another order; never another variable's heading.
@pytest.mark.parametrize(
    "heading, variable",
    [
        ("研发经费外部支出[万元]", "rd_expenditure"),
        ("经费支出[万元]", "rd_expenditure"),
        ("地区生产总值指数", "gdp"),
        ("规上工业增加值增速[%]", "industrial_value_added"),
        ("技术合同成交额增速[%]", "tech_contract_value"),
        ("研发经费内部支出占比[%]", "rd_expenditure"),
        ("年末常住人口增长", "population"),
    ],
)
def test_the_may_be_hint_never_names_another_variables_heading(heading, variable):
    from zhibiao._panel import _misspelt_heading_hint

    assert "may be" not in _misspelt_heading_hint(variable, [heading], zb._core.Catalogue.builtin())


def test_the_may_be_hint_names_the_same_words_in_another_order():
    from zhibiao._panel import _misspelt_heading_hint

    said = _misspelt_heading_hint("rd_expenditure", ["R&D内部经费支出[万元]"], zb._core.Catalogue.builtin())
    assert "may be rd_expenditure ('R&D经费内部支出')" in said


# Review 28a, older than an28: 全国平均, 中国, 全国（不含港澳台） were no totals row and no nation.
@pytest.mark.parametrize("nation", ["全国平均", "中国", "全国（不含港澳台）", "全国(不含港澳台)"])
def test_the_nations_other_names_are_said_as_the_nation(nation):
    df = three_regions(["360102", "360103", "100000"]).assign(name=["东湖区", "西湖区", nation])
    panel = zb.Panel.from_pandas(df)
    with pytest.warns(NestedRegionsWarning) as said:
        panel.compute(["rd_intensity"])
    assert f"entity 100000 ({nation}) is the nation" in str(said[0].message)
    finding = panel.validate().query("rule == 'totals_row'")
    assert "is the nation" in finding["message"].iloc[0]


def test_composite_build_words_the_nation_as_compute_does():
    values = pd.DataFrame(
        {"x": [1.0, 2.0, 3.0], "y": [3.0, 1.0, 2.0]}, index=pd.Index(["360102", "360103", "全国"], name="entity")
    )
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        zb.composite.build(values)
    nested = [str(w.message) for w in said if issubclass(w.category, NestedRegionsWarning)]
    assert nested and "build: entity 全国 is the nation, a row to compare with" in nested[0]
    assert "looks like a totals row" not in nested[0]


# Review 28a: R&d经费 and 研究与开发（R&D）经费 stayed as written while R＆D经费内部支出 was renamed.
@pytest.mark.parametrize("heading", ["R&d经费", "r&d经费", "研究与开发（R&D）经费", "研究与开发(R&D)经费", "Ｒ＆Ｄ经费内部支出", "研究与试验发展（Ｒ＆Ｄ）经费"])
def test_rd_written_in_any_case_or_width_is_rd(heading):
    assert zb._core.parse_column_header(f"{heading}[万元]")[0] == "rd_expenditure"
