"""Round 29 seams a new analyst hit (helper py29): a plain C++ lookup_error reaching Python as the
bare zb.Error; a county table keyed by names read by its cities; ignore= not taking a column out of
the key detection; read_csv silent on fractions under a % header; _heading_key a copy of C++'s rule."""

import io
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
import zhibiao.composite as C
from zhibiao import _core
from zhibiao._panel import _heading_key

# ------------------------------------------------------------------ 1. UnknownNameError


def test_unknown_name_error_is_a_key_error_above_the_two_lookup_errors():
    assert issubclass(zb.UnknownNameError, zb.Error) and issubclass(zb.UnknownNameError, KeyError)
    assert issubclass(zb.MissingVariableError, zb.UnknownNameError)
    assert issubclass(zb.UnknownIndicatorError, zb.UnknownNameError)
    assert zb.UnknownNameError.__module__ == "zhibiao" and "UnknownNameError" in zb.__all__


def _raised(call):
    with pytest.raises(zb.UnknownNameError) as caught:
        call()
    error = caught.value
    assert type(error) is zb.UnknownNameError  # the plain lookup_error, not a subclass
    assert isinstance(error, KeyError) and isinstance(error, ValueError)
    assert not str(error).startswith(("'", '"'))  # the sentence as written, not KeyError's repr of it
    return error


def test_an_unknown_composite_preset_is_an_unknown_name_error():
    # src/composite/config.cpp preset_text: it reached Python as the bare zb.Error
    error = _raised(lambda: C.Model.preset("eiss"))
    assert error.name == "eiss"
    assert str(error).startswith("no composite preset 'eiss' (did you mean 'eis'?)")


def test_units_naming_no_input_of_a_scorecard_is_an_unknown_name_error():
    # src/scorecard/panel_inputs.cpp check_units
    frame = pd.DataFrame({"sales": [1000.0]}, index=pd.Index(["A"], name="firm"))
    error = _raised(lambda: zb.scorecards.evaluate(frame, "tech-sme-2017", units={"营收": "元"}))
    assert error.name == "营收"
    assert "has no input '营收'" in str(error)


def test_a_dist_to_ref_reference_no_region_is_an_unknown_name_error():
    # src/composite/pipeline.cpp reference_row
    df = pd.DataFrame({"v": [1.0, 2.0, 4.0]}, index=list("abc"))
    steps = [C.Normalise("dist_to_ref", reference="bb"), C.Aggregate()]
    error = _raised(lambda: C.build(df, C.Framework.flat(["v"]), steps))
    assert error.name == "bb"
    assert "dist_to_ref: no region 'bb'" in str(error)


def test_a_lookup_error_is_caught_as_key_error_by_name():
    try:
        C.Model.preset("most_monitoring")
    except KeyError as e:  # what an analyst catches for "no such name"
        assert e.name == "most_monitoring" and "most-monitoring" in str(e)
    else:
        pytest.fail("no error")


# ------------------------------------------------------------------ 2. a county table's key columns


COUNTIES_BY_NAME = "区县,城市,年份,gdp[亿元]\n鼓楼区,南京市,2023,10\n泉山区,徐州市,2023,5\n"


def test_a_county_table_keyed_by_names_is_read_by_its_counties():
    # 城市 came first in the entity headings: the cities were the entities, one county per city
    # silently, a DuplicateRowError with two counties of one city
    panel = zb.read_csv(io.StringIO(COUNTIES_BY_NAME), ignore=["城市"])
    assert panel.entities["code"].tolist() == ["鼓楼区", "泉山区"]
    assert panel.report["ignored_columns"] == ["城市"]
    two_of_one_city = "区县,城市,年份,gdp[亿元]\n鼓楼区,南京市,2023,10\n玄武区,南京市,2023,11\n"
    assert zb.read_csv(io.StringIO(two_of_one_city), ignore="城市").entities["code"].tolist() == ["鼓楼区", "玄武区"]


def test_the_city_beside_a_county_keyed_by_names_is_never_its_name():
    # Without ignore= the cities were the names of the counties (or the entities): now a column of
    # texts, refused saying how to leave it out
    with pytest.raises(zb.ParseError, match=r"the column '城市' is headed as names are: leave it out with ignore="):
        zb.read_csv(io.StringIO(COUNTIES_BY_NAME))


def test_an_ignored_column_is_out_of_the_names_detection():
    # ignore=['城市'] left the names empty and 地区 a variable of unparseable texts
    text = "区划代码,地区,城市,年份,gdp[亿元]\n320106,鼓楼区,南京市,2023,10\n320302,鼓楼区,徐州市,2023,5\n"
    panel = zb.read_csv(io.StringIO(text), ignore=["城市"])
    assert panel.entities["code"].tolist() == ["320106", "320302"]
    assert panel.entities["name"].tolist() == ["鼓楼区", "鼓楼区"]
    assert list(panel.variables) == ["gdp"]


def test_an_ignored_code_column_leaves_the_names_as_the_entity():
    panel = zb.read_csv(io.StringIO("区划代码,地区,年份,gdp[亿元]\n320106,鼓楼区,2023,10\n"), ignore=["区划代码"])
    assert panel.entities["code"].tolist() == ["鼓楼区"]


# ------------------------------------------------------------------ 3. fractions under a % header


FRACTIONS = "地区代码,年份,强度[%]\n320100,2023,0.023\n320200,2023,0.031\n"


def _warnings(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [w for w in caught if issubclass(w.category, zb.PercentFractionWarning)]


def test_read_csv_warns_of_fractions_under_a_percent_header_as_from_pandas_does():
    said = _warnings(lambda: zb.read_csv(io.StringIO(FRACTIONS)))
    assert len(said) == 1 and said[0].filename == __file__
    message = str(said[0].message)
    assert "its header says %" in message and "0.023, 0.031" in message and "units={'强度': '1'}" in message
    frame = pd.DataFrame(
        {"entity": ["320100", "320200"], "period": ["2023", "2023"], "强度[%]": [0.023, 0.031]}
    ).set_index(["entity", "period"])
    assert len(_warnings(lambda: zb.Panel.from_pandas(frame))) == 1


def test_read_csv_questions_no_unit_given_nor_percentages_nor_integers():
    assert _warnings(lambda: zb.read_csv(io.StringIO(FRACTIONS), units={"强度": "%"})) == []
    assert zb.read_csv(io.StringIO(FRACTIONS), units={"强度": "1"}).values("强度")[0] == 0.023
    written = "地区代码,年份,强度[%]\n320100,2023,0.5%\n320200,2023,0.7%\n"
    assert _warnings(lambda: zb.read_csv(io.StringIO(written))) == []
    whole = "地区代码,年份,强度[%]\n320100,2023,1\n320200,2023,0\n"
    assert _warnings(lambda: zb.read_csv(io.StringIO(whole))) == []
    percents = "地区代码,年份,强度[%]\n320100,2023,2.3\n320200,2023,3.1\n"
    assert _warnings(lambda: zb.read_csv(io.StringIO(percents))) == []


def test_read_csv_warns_of_one_fraction_among_percents(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("地区代码,年份,强度[%]\n320100,2023,2.5\n320200,2023,0.027\n320300,2023,3.1\n", encoding="utf-8")
    said = _warnings(lambda: zb.read_csv(path))
    assert len(said) == 1 and "the number 0.027 among 2.5, 3.1" in str(said[0].message)
    assert "row '320200' (entity 320200, period 2023)" in str(said[0].message)
    with pytest.warns(zb.PercentFractionWarning):
        np.testing.assert_array_equal(zb.read_csv(path).values("强度"), [2.5, 0.027, 3.1])  # loaded as written


# ------------------------------------------------------------------ 4. one heading rule


def _python_rule(text: str) -> str:
    """_heading_key as it was before it called the C++ meaning_key (round 28)."""
    name, _, written = _core.parse_column_header(str(text))
    text = re.sub("[rR]&[dD]", "R&D", (written or name).translate(str.maketrans("ＲｒＤｄ＆（）", "RrDd&()")))
    for longer in ("研究与试验发展(R&D)", "研究与开发(R&D)", "研究与试验发展", "研究与开发", "研发"):
        text = text.replace(longer, "R&D")
    return "".join(c for c in text.replace("R&D", "\0") if not c.isspace() and c not in "()（）[]［］")


HEADINGS = [
    "R&D经费内部支出[万元]",
    "研发经费内部支出",
    "研究与试验发展（Ｒ＆Ｄ）经费",
    "研究与开发(R&D)人员",
    "r&d经费 投入强度[%]",
    "Ｒ＆ｄ经费",
    "R&D内部经费支出",
    "地区生产总值（GDP）[亿元]",
    "gdp",
    "&D研发R&",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_heading_key_reads_headings_by_the_loaders_meaning_key(heading):
    assert _heading_key(heading) == _python_rule(heading)


def test_meaning_key_is_the_loaders_rule():
    assert _core.meaning_key("研究与试验发展（Ｒ＆Ｄ）经费") == "R&D经费"
    assert _core.meaning_key("r&d经费") == "R&D经费"
    assert _core.meaning_key("研发人员") == "R&D人员"
    # the heading read_csv renames by that key is the one the key makes equal
    panel = zb.read_csv(io.StringIO("地区代码,年份,研发经费内部支出[万元]\n1,2023,5\n"))
    assert "rd_expenditure" in panel.variables


def test_two_columns_giving_one_scorecard_input_is_an_unknown_name_error():
    # src/scorecard/panel_inputs.cpp inputs_from: sales and 营业收入 both give the input sales
    panel = zb.read_csv(io.StringIO("firm,year,sales,营业收入\nA,2024,1,2\n"))
    error = _raised(lambda: zb.scorecards.evaluate(panel, "tech-sme-2017"))
    assert error.name == "sales" and error.variable == "sales"
    assert "is given by 2 columns, 'sales', '营业收入'" in str(error)
