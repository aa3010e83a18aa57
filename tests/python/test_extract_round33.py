"""Round 33 (reader integrity, issue 13): figures bound to the wrong quantity or period. A 分别 after
listed groups with a noun of its own (研发经费投入分别增长15%和8%) states the groups' quantity, not the
region's nor a change of a firm count; 任务/任务数/年度任务 plan as 计划 and 目标 do; 当月/当季 are read as
本月/本季度, 本年 of a month's bulletin is January to its month, and 本月 holds to the end of its sentence
(or to a clause of 累计); a sentence of the bureau's own budget (部门预算/决算, 基本支出, 三公经费…) gives
the region no figure."""

import math

import zhibiao as zb

HEAD = "青山县2025年科技工作总结\n"
MONTHLY = "青山县2025年1—5月科技统计月报\n"


def _facts(text):
    f = zb.extract(text + "\n")
    rows = {}
    for t, v, p, c, g in zip(f.text, f.variable, f.period, f.flag_change, f.flag_target):
        rows.setdefault(t, (str(v) if isinstance(v, str) else "", str(p), bool(c), bool(g)))
    return f, rows


def _kinds(f):
    return list(f.attrs["findings"].kind) if len(f.attrs["findings"]) else []


# 1. 分别 after listed groups, with a noun of its own: the groups' quantity


def test_groups_quantity_after_respectively_has_no_variable():
    for sentence in [
        "全县高新技术企业230家、科技型中小企业1560家，研发经费投入分别增长15%和8%。",
        "全县高新技术企业230家、科技型中小企业1560家，营业收入分别增长15%和8%。",
        "全县有高新技术企业230家和科技型中小企业1560家，研发投入分别同比增长15%、8%。",
        "全县高新技术企业230家、科技型中小企业1560家，研发费用分别为12.5亿元和3.2亿元。",
    ]:
        f, rows = _facts(HEAD + sentence)
        first, second = [t for t in f.text if t not in ("230家", "1560家")]
        assert rows[first][0] == "" and rows[second][0] == "", (sentence, rows)
        assert rows["230家"][0] == "hnte_total" and rows["1560家"][0].startswith("tech_sme"), (sentence, rows)
        assert _kinds(f) == ["respective_of_groups"], (sentence, _kinds(f))  # once for the list


def test_changes_of_the_listed_counts_still_pair():
    # only comparison words before 分别: the counts' own changes (round 32), untouched
    for sentence in [
        "全县新认定高新技术企业23家、科技型中小企业156家，分别比上年增加5家和31家。",
        "全县新认定高新技术企业23家、科技型中小企业156家，同比分别增长12%和8%。",
    ]:
        f, rows = _facts(HEAD + sentence)
        assert rows[f.text[2]][0] == "hnte_recognised" and rows[f.text[2]][2], (sentence, rows)
        assert "respective_of_groups" not in _kinds(f)


def test_a_respective_list_of_its_own_after_levels_names_its_quantities():
    _, rows = _facts(HEAD + "全县新认定高新技术企业23家、科技型中小企业156家，专利申请量和授权量分别为500件和326件。")
    assert rows["500件"][0] == "patent_applications" and rows["326件"][0] == "patents_granted", rows


# 2. 任务 as a plan word


def test_task_words_plan_and_the_done_clause_is_the_actual():
    for sentence, plan, done in [
        ("全年任务新增高新技术企业10家，上半年完成6家。", "10家", "6家"),
        ("年度任务新增高新技术企业12家，已完成7家。", "12家", "7家"),
        ("市下达任务新增科技型中小企业80家，实际完成95家。", "80家", "95家"),
    ]:
        _, rows = _facts(HEAD + sentence)
        assert rows[plan][3] is True and rows[plan][0], (sentence, rows)
        assert rows[done][3] is False and rows[done][0] == rows[plan][0], (sentence, rows)


def test_task_count_is_a_target_and_the_completion_rate_no_count():
    f, rows = _facts(HEAD + "高新技术企业认定任务数10家，完成率60%。")
    assert rows["10家"][0] == "hnte_recognised" and rows["10家"][3] is True, rows
    assert rows["60%"][0] == "" and rows["60%"][3] is False, rows
    _, rows = _facts(HEAD + "年度任务完成率56.8%。")
    assert rows["56.8%"][3] is False, rows


def test_tasks_counted_or_done_are_no_plan():
    for sentence, figure in [
        ("全年新增高新技术企业15家，完成任务的120%。", "15家"),
        ("全年任务完成新增高新技术企业6家。", "6家"),
        ("承担国家科技任务5项，新增高新技术企业15家。", "15家"),
    ]:
        _, rows = _facts(HEAD + sentence)
        assert rows[figure][3] is False, (sentence, rows)


# 3. periods of monthly bulletins


def test_this_month_words_of_a_bulletin():
    for word in ["本月", "当月"]:
        _, rows = _facts(MONTHLY + word + "新增高新技术企业3家，本年累计新增12家，上年同期为9家。")
        assert rows["3家"][1] == "2025-05", (word, rows)
        assert rows["12家"][1] == "2025YTD05", (word, rows)
    _, rows = _facts("青山县2025年5月科技统计月报\n本年累计新增高新技术企业12家。")
    assert rows["12家"][1] == "2025YTD05", rows


def test_this_quarter_word():
    _, rows = _facts(MONTHLY + "当季新增科技型中小企业20家。")
    assert rows["20家"][1] == "2025Q2", rows


def test_this_month_holds_to_its_sentence_or_a_cumulative_clause():
    for text in [
        "本月新增高新技术企业3家；1—5月累计新增高新技术企业12家。",
        "本月新增高新技术企业3家；全县新增高新技术企业12家。",
        "本月新增高新技术企业3家。全县新增高新技术企业12家。",
        "本月新增高新技术企业3家，累计新增高新技术企业12家。",
    ]:
        _, rows = _facts(MONTHLY + text)
        assert rows["3家"][1] == "2025-05", (text, rows)
        assert rows["12家"][1] == "2025YTD05", (text, rows)


def test_this_month_governs_its_own_sentence():
    _, rows = _facts(MONTHLY + "本月，全县新增高新技术企业3家，科技型中小企业入库20家。")
    assert rows["3家"][1] == "2025-05" and rows["20家"][1] == "2025-05", rows


def test_a_year_summary_keeps_its_year():
    _, rows = _facts(HEAD + "本年新增高新技术企业12家。")
    assert rows["12家"][1] == "2025", rows


# 4. the bureau's own budget


def test_own_budget_lines_are_no_regional_indicator():
    for sentence in [
        "本部门2024年财政拨款支出3250万元，其中财政科技支出2800万元，基本支出1200万元。",
        "2024年部门预算收入合计3250万元，财政科技投入2800万元。",
        "2024年度部门决算中，财政科技支出2800万元，“三公”经费12万元。",
    ]:
        f, rows = _facts(HEAD + sentence)
        assert all(v == "" for v, *_ in rows.values()), (sentence, rows)
        assert "own_budget" in _kinds(f), (sentence, _kinds(f))


def test_the_regions_fiscal_spending_stands():
    for sentence in [
        "全县财政科技支出2800万元，同比增长12%。",
        "2024年部门预算编制完成。全县财政科技支出2800万元。",
        "2024年部门预算中，全县财政科技支出2800万元。",
        "财政科技支出2800万元，其中科技项目支出1200万元。",
    ]:
        f, rows = _facts(HEAD + sentence)
        assert rows["2800万元"][0] == "fiscal_st_expenditure", (sentence, rows)
        assert "own_budget" not in _kinds(f)
        assert not math.isnan(f[f.text == "2800万元"].value.iloc[0])
