"""Round 32 (reader integrity, found by new users in round 31's trial): the changes a 分别 lists after an
enumeration of levels pair with its members in order (before, the first went to the last member and the
second had no variable), and the done figure of a plan's clause (计划新增…10家，实际完成12家) is the plan's
variable as an actual (before, no variable)."""

import zhibiao as zb

HEAD = "青山县2025年科技工作总结\n"


def _rows(sentence):
    f = zb.extract(HEAD + sentence + "\n")
    return f, {t: (str(v), bool(c), bool(g)) for t, v, c, g in zip(f.text, f.variable, f.flag_change, f.flag_target)}


# 1. 分别 changes after an enumeration of levels


def test_respective_changes_pair_with_the_enumerated_levels_in_order():
    for sentence in [
        "2025年，全县新认定高新技术企业23家、科技型中小企业156家，分别比上年增加5家和31家。",
        "全县新认定高新技术企业23家和科技型中小企业156家，分别较上年增加5家、31家。",
        "全年新认定高新技术企业23家、科技型中小企业156家，比上年分别增加5家和31家。",
    ]:
        _, rows = _rows(sentence)
        assert rows["5家"] == ("hnte_recognised", True, False), (sentence, rows)
        assert rows["31家"] == ("tech_sme_registered", True, False), (sentence, rows)
        assert rows["23家"] == ("hnte_recognised", False, False) and rows["156家"][1] is False, (sentence, rows)


def test_respective_rates_pair_with_the_enumerated_levels():
    for sentence in [
        "全县研发经费投入9.36亿元、技术合同成交额12.5亿元，分别增长12.5%和8.3%。",
        "全县研发经费投入9.36亿元、技术合同成交额12.5亿元，同比分别增长12.5%和8.3%。",
    ]:
        _, rows = _rows(sentence)
        assert rows["12.5%"] == ("rd_expenditure", True, False), (sentence, rows)
        assert rows["8.3%"] == ("tech_contract_value", True, False), (sentence, rows)


def test_respective_decline_is_negative():
    f, rows = _rows("全县新认定高新技术企业23家、科技型中小企业156家，分别比上年减少2家和11家。")
    assert rows["2家"] == ("hnte_recognised", True, False) and rows["11家"][:2] == ("tech_sme_registered", True)
    assert list(f[f.text == "11家"].value) == [-11]


def test_respective_changes_not_as_many_as_the_levels_pair_nothing():
    f, rows = _rows("全县新认定高新技术企业23家、科技型中小企业156家，分别比上年增加5家、31家和7家。")
    for figure in ["5家", "31家", "7家"]:
        assert rows[figure][0] in ("", "None", "nan"), (figure, rows)
    assert list(f.attrs["findings"].kind) == ["respective_count"]  # once for the list


def test_a_respective_list_of_its_own_still_names_its_quantities():
    _, rows = _rows("专利申请量和授权量分别为500件和326件。")
    assert rows["500件"][0] == "patent_applications" and rows["326件"][0] == "patents_granted", rows
    _, rows = _rows("全县高新技术企业和科技型中小企业分别达到86家和210家，同比分别增长12.1%和18.4%。")
    assert rows["12.1%"][:2] == ("hnte_total", True) and rows["18.4%"][:2] == (rows["210家"][0], True), rows


def test_levels_in_separate_clauses_are_no_enumeration():
    # 9.36亿元 and 23家 are apart by a clause: the 分别 has no list to pair with (as before)
    f, rows = _rows("全县研发经费投入9.36亿元，新认定高新技术企业23家，分别增长12.5%和8.3%。")
    assert "respective_count" not in set(f.attrs["findings"].kind)
    assert rows["9.36亿元"][0] == "rd_expenditure" and rows["23家"][0] == "hnte_recognised"


# 2. the done figure of a plan's clause


def test_done_figure_after_a_plan_is_the_plans_variable_as_an_actual():
    for sentence in [
        "全县计划新增高新技术企业10家，实际完成12家。",
        "全年目标新增高新技术企业10家，已完成12家。",
        "全年计划新增科技型中小企业10家，已经完成12家。",
        "全县计划新增高新技术企业10家，截至11月底已完成12家。",
    ]:
        _, rows = _rows(sentence)
        assert rows["10家"][2] is True, (sentence, rows)
        planned = rows["10家"][0]
        assert planned != "None" and rows["12家"] == (planned, False, False), (sentence, rows)


def test_done_figure_needs_the_plans_measure_word_and_no_noun_of_its_own():
    _, rows = _rows("全县计划新增高新技术企业10家，实际完成投资12亿元。")
    assert rows["12亿元"][0] != "hnte_recognised", rows
    _, rows = _rows("全县计划新增高新技术企业10家，实际完成12项。")
    assert rows["12项"][0] in ("", "None", "nan"), rows
    # no plan before: nothing to borrow
    _, rows = _rows("全县新增高新技术企业10家，实际完成12家。")
    assert not rows["10家"][2] and rows["12家"][0] in ("", "None", "nan"), rows
