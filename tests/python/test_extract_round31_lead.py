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


# The review of round 31: rules that reached too far.


def _row(text, figure):
    f = zb.extract(text)
    rows = f[f["text"] == figure]
    assert len(rows) == 1, (text, list(f["text"]))
    return rows.iloc[0]


def test_a_stated_unit_is_the_unit_of_the_table_right_under_it_only():
    text = (
        "单位：万元\n指标 2024年 2025年\n财政科技支出 300 350\n\n"
        "全县有效发明专利320件，技术合同成交额5亿元。研发经费见下表。\n"
        "指标 2024年 2025年\n研发经费投入 1.2 1.5\n"
    )
    assert _row(text, "300")["unit"] == "万元"
    assert _row(text, "1.2")["unit"] != "万元"  # the later table states none: not the first table's
    captioned = "表1 科技经费（单位：万元）\n指标 2024年 2025年\n财政科技支出 300 350\n"
    assert _row(captioned, "350")["unit"] == "万元"


def test_a_narrowing_stated_with_wei_keeps_the_sign_of_the_rate():
    text = "2025年规上工业增加值降幅收窄为1.2%，增幅收窄为3.1%。"
    assert _row(text, "1.2%")["value"] == -1.2
    assert _row(text, "3.1%")["value"] == 3.1
    assert _row("2025年规上工业增加值降幅收窄2.3个百分点。", "2.3个百分点")["value"] == 2.3


def test_next_year_inside_a_clause_plans_nothing_after_it():
    row = _row("2025年，全县新增高新技术企业52家，为明年工作奠定了坚实基础，研发投入强度达到2.6%。", "2.6%")
    assert row["period"] == "2025" and not row["flag_target"]
    row = _row("2025年全省科技工作总结。明年，全省研发投入强度达到2.45%。", "2.45%")
    assert row["period"] == "2026" and row["flag_target"]


def test_yao_da_dao_plans_its_clause_and_gongzuo_yaodian_only_after_a_year():
    text = "2025年，研发投入强度要达到2.5%的目标已经实现，实际研发投入强度2.6%。"
    assert _row(text, "2.5%")["flag_target"] and not _row(text, "2.6%")["flag_target"]
    assert not _row("2025年，全县落实工作要点：新增高新技术企业12家。", "12家")["flag_target"]
    planned = "2026年全省科技工作要点：研发投入强度达到2.45%，新增高新技术企业30家。"
    assert _row(planned, "2.45%")["flag_target"] and _row(planned, "30家")["flag_target"]


def _panel(text, entity="青石县"):
    records = zb.read_report(text, entity=entity).to_pandas().to_dict("records")
    return records[0] if records else {}


def test_a_whole_named_inside_the_clause_is_not_whose_the_figure_is():
    # 全省/全市 after 获, 在, 高于 name where the county stood, not whose the figure is
    assert _panel("2025年，获全省科技进步奖3项。") == {"sci_tech_awards": 3.0}
    assert _panel("2025年，在全市率先新增高新技术企业12家。") == {"hnte_recognised": 12.0}
    assert _panel("2025年，研发投入强度高于全市平均水平达到2.8%。") == {"rd_intensity": 2.8}
    # opening the clause it still is: the city's 80 is not the county's
    assert _panel("2025年上半年，全市新增高新技术企业80家，我县新增8家。") == {"hnte_recognised": 8.0}
    assert _panel("2025年上半年，全市新增高新技术企业80家。") == {}


def test_a_clause_opening_with_a_verb_names_no_part():
    assert _panel("2025年，新增特色小镇2个，新增高新技术企业5家。") == {"hnte_recognised": 5.0}
    assert _panel("2025年，青石镇新增高新技术企业3家；全县新增高新技术企业8家。") == {"hnte_recognised": 8.0}


def test_a_list_number_before_the_items_own_figure_is_no_figure():
    # "1. 30家…": the list's 1 is no figure whose decimals were lost (it made the 30 a damaged 1. 30家)
    f = zb.extract("一、总体情况\n1. 30家企业通过高新技术企业认定。\n2. 新增科技型中小企业46家。\n")
    assert list(f["text"]) == ["30家", "46家"]
    assert list(f["value"]) == [30.0, 46.0] and f["damage"].eq("").all()
    # inside a line the point and blank are still a figure that lost its decimals
    assert _row("研发经费投入168. 5亿元。", "168. 5亿元")["damage"] != ""


def test_another_wholes_figure_first_never_costs_the_entity_its_own():
    # The province's 1200 first, the city's own 58 (naming no area) after: the city's panel kept the
    # first sound figure, 1200, then left it out as another area's — and had no value at all.
    for own in ["新增高新技术企业58家", "全市新增高新技术企业58家"]:
        assert _panel(f"2025年，全省新增高新技术企业1200家；{own}。", entity="云岭市") == {"hnte_recognised": 58.0}
