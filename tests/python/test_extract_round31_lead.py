"""A masked figure with decimals and no unit after it ("18x.3" in a PDF table cell, a new-user trial of round
31) is a figure, masked and without a value, never dropped without a word; a placeholder or a name with no
unit (x家 is one with its unit, 5G, 3D, "3x3") stays no figure."""

import math

import zhibiao as zb


def _texts(text):
    return list(zb.extract(text)["text"])


def test_a_masked_cell_with_decimals_is_a_masked_figure():
    f = zb.extract("地区\t成交额（亿元）\n东湖市\t18x.3\n南州市\t12.5\n")
    cell = f[f["text"] == "18x.3"]
    assert len(cell) == 1
    assert math.isnan(cell["value"].iloc[0]) and bool(cell["flag_masked"].iloc[0])
    assert 12.5 in list(f["value"])


def test_masked_decimals_in_prose_without_a_unit():
    for text, figure in [("技术合同成交额18x.3，", "18x.3"), ("东湖市 18x.3 20.1\n", "18x.3"), ("增幅为21.x，", "21.x")]:
        f = zb.extract(text)
        rows = f[f["text"] == figure]
        assert len(rows) == 1, (text, list(f["text"]))
        assert math.isnan(rows["value"].iloc[0]) and bool(rows["flag_masked"].iloc[0])


def test_names_and_placeholders_without_decimals_stay_no_figure():
    for text in ["建成5G基站，", "推广3D打印技术。", "规格3x3的方阵，", "x.5版本"]:
        assert not any("x" in t or "G" in t or "D" in t for t in _texts(text)), (text, _texts(text))
