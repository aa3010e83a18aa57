"""Round 26: periods in reports their head dates (a work report, a meeting, a press conference, an
issue date), a year after a lead-in clause, and 将新增… targets — each with the cases it must not fire on
(review 25c reverted rd25b's broader rules for 在去年基础上, 将…纳入, 会议指出，2025年… over 上半年)."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(row) for row in facts[list(columns)].itertuples(index=False)]


WORK_REPORT = "某市2026年政府工作报告\n\n"
SPEECH_HEAD = "政府工作报告\n——2026年1月12日在某市第十七届人民代表大会第五次会议上\n\n"


# ---- 去年 after its subject in a dated report -------------------------------------------------


@pytest.mark.parametrize("head", [WORK_REPORT, SPEECH_HEAD, "东湖区召开2026年全区科技创新大会\n\n"])
@pytest.mark.parametrize("subject", ["我们", "全市", "全区"])
def test_last_year_after_its_subject_is_the_year_before_the_reports_date(head, subject):
    # was the year in force (2026): 去年 inside a clause was read as no period at all
    text = head + f"{subject}去年新增高新技术企业150家，技术合同成交额120亿元。"
    assert _rows(text, "text", "period") == [("150家", "2025"), ("120亿元", "2025")]


@pytest.mark.parametrize(
    "sentence",
    [
        "今年，在去年基础上新增高新技术企业200家。",
        "今年全市技术合同成交额达到去年的两倍，新增高新技术企业200家。",
        "今年全市新增高新技术企业200家，比去年增长10%。",
        "全市今年新增高新技术企业200家，较去年同期多30家。",
    ],
)
def test_last_year_as_a_base_of_comparison_names_no_period(sentence):
    periods = {p for _, p in _rows(WORK_REPORT + sentence, "text", "period")}
    assert periods == {"2026"}


def test_last_year_under_a_review_of_the_year_is_still_the_year_before_the_date():
    # 一、2025年工作回顾 of a report given in January 2026: 去年 is 2025, not 2024
    text = SPEECH_HEAD + "一、2025年工作回顾\n\n去年，全市新增高新技术企业150家。"
    assert _rows(text, "text", "period") == [("150家", "2025")]


def test_last_year_in_a_summary_without_a_date_keeps_its_reading():
    text = "某市2025年科技工作总结\n\n去年，全市新增高新技术企业120家。"
    assert _rows(text, "text", "period") == [("120家", "2024")]


def test_last_year_after_a_subject_in_an_undated_summary_is_the_year_before_its_title():
    # review 26a, finding 2: a summary's 去年 is the year before its title's, after a subject as at
    # a clause's start (比去年增长… in the same text means 2024)
    text = "某市2025年科技工作总结\n\n我们去年新增高新技术企业120家。"
    assert _rows(text, "text", "period") == [("120家", "2024")]


# ---- meetings and press conferences -------------------------------------------------------------


def test_the_past_year_at_a_meeting_held_in_its_year_is_the_one_before():
    # was 2026: only a government work report's title dated its 过去一年
    text = "东湖区召开2026年全区科技创新大会\n\n区委书记指出：“过去一年，全区新增高新技术企业四十二家。”"
    assert _rows(text, "text", "period") == [("四十二家", "2025")]


def test_a_summary_meeting_gives_its_figures_the_year_it_reports_on():
    text = (
        "某市召开2025年科技工作总结大会\n\n2026年1月15日，某市召开2025年科技工作总结大会。" "会议通报，全市新增高新技术企业150家。过去一年，技术合同成交额120亿元。今年，力争新增高新技术企业180家。"
    )
    assert _rows(text, "text", "period", "flag_target") == [
        ("150家", "2025", False),
        ("120亿元", "2025", False),
        ("180家", "2026", True),
    ]


def test_a_press_conference_held_after_the_year_it_reports_on():
    # 2025年…新闻发布会 held on 20 January 2026: its figures are 2025's, its 去年 is 2025 (was 2024)
    text = "某市2025年科技创新工作新闻发布会\n\n2026年1月20日，市政府新闻办举行新闻发布会。" "全市新增高新技术企业150家。去年，全市技术合同成交额120亿元。今年，力争技术合同成交额达到150亿元。"
    assert _rows(text, "text", "period", "flag_prior_year") == [
        ("150家", "2025", False),
        ("120亿元", "2025", False),
        ("150亿元", "2026", False),
    ]


def test_a_meeting_named_in_a_later_paragraph_dates_nothing():
    # a 2024 meeting recalled in a 2025 summary is no date of the report: 今年 stays 2025
    text = "某市2025年科技工作总结\n\n2024年全市科技大会提出新目标。今年，全市新增高新技术企业150家。"
    assert _rows(text, "text", "period") == [("150家", "2025")]


# ---- an issue date -------------------------------------------------------------------------------


def test_an_issue_date_gives_this_year_and_last_year_their_years():
    text = "科技工作简报\n\n某市科学技术局    2026年3月10日\n\n" "2025年全市新增高新技术企业150家。今年1-2月，全市技术合同成交额12亿元。去年，全市专利授权量3260件。"
    assert _rows(text, "text", "period") == [("150家", "2025"), ("12亿元", "2026YTD02"), ("3260件", "2025")]


def test_this_year_in_a_bulletin_dated_by_its_issue():
    # was no period: the issue date named no title year for 今年
    text = "科技工作简报\n\n某市科学技术局    2026年3月10日\n\n今年，全市新增高新技术企业15家。"
    assert _rows(text, "text", "period") == [("15家", "2026")]


# ---- a year after a lead-in clause ----------------------------------------------------------------

H1_SUMMARY = "某县2026年上半年科技工作总结\n\n"


@pytest.mark.parametrize("lead_in", ["会议指出，", "记者从会上获悉，", "据统计，"])
def test_a_year_after_a_lead_in_governs_its_sentence(lead_in):
    # was 2026H1 after the first clause; the ； splits what the sentence lists, the full stop ends it
    text = H1_SUMMARY + lead_in + "2025年全县研发经费投入18.6亿元，研发投入强度2.9%；专利授权量3260件。上半年技术合同成交额1.2亿元。"
    assert _rows(text, "text", "period") == [
        ("18.6亿元", "2025"),
        ("2.9%", "2025"),
        ("3260件", "2025"),
        ("1.2亿元", "2026H1"),
    ]


@pytest.mark.parametrize("nearer", ["上半年", "1-6月"])
def test_a_period_stated_nearer_the_figure_wins_over_the_lead_ins_year(nearer):
    text = H1_SUMMARY + f"会议指出，2025年全县研发经费投入18.6亿元，{nearer}技术合同成交额1.2亿元，新增企业5家。"
    # 1-6月 in a report of the first half is its half
    assert _rows(text, "text", "period") == [("18.6亿元", "2025"), ("1.2亿元", "2026H1"), ("5家", "2026H1")]


def test_a_year_after_a_clause_with_a_figure_holds_to_its_clause():
    text = H1_SUMMARY + "新增企业5家，2025年同期为3家，技术合同成交额1.2亿元。"
    assert _rows(text, "text", "period")[-1] == ("1.2亿元", "2026H1")


def test_a_year_after_a_clause_with_a_period_holds_to_its_clause():
    text = H1_SUMMARY + "上半年，受2025年政策调整影响，技术合同成交额1.2亿元。"
    assert _rows(text, "text", "period") == [("1.2亿元", "2026H1")]


# ---- 将 before a verb of a result -----------------------------------------------------------------


@pytest.mark.parametrize("verb", ["新增", "新建", "达到", "突破"])
def test_what_a_year_will_see_is_a_target(verb):
    text = WORK_REPORT + f"今年，全市将{verb}高新技术企业200家，新建众创空间5个。"
    assert _rows(text, "text", "period", "flag_target") == [("200家", "2026", True), ("5个", "2026", True)]


def test_next_years_will_is_a_target_of_next_year():
    text = "某市科技局2025年工作总结\n\n全市新增高新技术企业150家。明年，全市将新增高新技术企业180家。"
    assert _rows(text, "text", "period", "flag_target") == [("150家", "2025", False), ("180家", "2026", True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "全市将达到条件的企业80家纳入培育库。",  # 将 as a preposition
        "即将建成的孵化器3个已完成主体工程。",  # 即将 in a relative clause
        "将新建的孵化器3个投入使用。",  # a relative clause after 将
        "全市将科技型企业120家列入重点支持名单。",
    ],
)
def test_jiang_as_a_preposition_or_in_a_relative_clause_makes_no_target(sentence):
    assert not zb.extract(WORK_REPORT + sentence)["flag_target"].any()


# ---- stocks ---------------------------------------------------------------------------------------

SUMMARY = "某县科学技术局2025年工作总结\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "截至目前，全市共有45个众创空间获批备案。",  # was new: 截至目前 lies before the comma
        "目前，全市共有45个众创空间获批备案。",
    ],
)
def test_how_many_there_are_up_to_now_is_the_stock(sentence):
    assert _rows(SUMMARY + sentence, "text", "variable") == [("45个", "makerspaces")]


@pytest.mark.parametrize(
    "sentence",
    [
        "今年共有12个众创空间获批备案。",  # of this period: a flow, whatever 共有 says
        "全市新增众创空间12个。",
    ],
)
def test_a_flow_stays_a_flow_up_to_now(sentence):
    assert _rows(SUMMARY + sentence, "text", "variable") == [("12个", "makerspaces_new")]


def test_a_part_after_a_change_keeps_the_stock_of_its_total():
    text = SUMMARY + "全县众创空间总数达到9个，比上年增加2个，其中，国家级众创空间3个。"
    assert _rows(text, "text", "variable") == [("9个", "makerspaces"), ("2个", "makerspaces"), ("3个", "makerspaces")]


@pytest.mark.parametrize(
    "sentence",
    ["预计全年将实现技术合同成交额25亿元。", "预计全年技术合同成交额将达到25亿元。", "预计全年，全县将新增高新技术企业30家。"],
)
def test_what_is_expected_to_be_achieved_stays_an_estimate(sentence):
    # 将 after 预计 is the future of the estimate, no target word of its own (was a target)
    facts = zb.extract("某县科学技术局2025年工作总结\n\n" + sentence)
    assert facts[["flag_target", "flag_estimate"]].values.tolist() == [[False, True]]


def test_a_later_date_named_in_a_sentence_dates_nothing():
    text = "某市2025年科技创新工作新闻发布会\n\n发布会介绍了2026年1月5日起施行的新办法。今年，全市新增高新技术企业150家。"
    assert _rows(text, "text", "period") == [("150家", "2025")]


@pytest.mark.parametrize(
    ("head", "words", "year"),
    [
        (WORK_REPORT, "截至去年底", "2025"),
        (WORK_REPORT, "截至上年末", "2025"),
        (SPEECH_HEAD + "一、2025年工作回顾\n\n", "截至去年底", "2025"),  # the date's year before
        (SPEECH_HEAD + "一、2025年工作回顾\n\n", "截至上年末", "2024"),  # the section's year before
        ("某市2025年科技工作总结\n\n", "截至去年底", "2024"),
    ],
)
def test_a_stock_at_the_end_of_last_year(head, words, year):
    # was the year in force: 去年底 after 截至 was read as no period
    text = head + f"{words}，全市高新技术企业1500家。"
    assert _rows(text, "text", "period") == [("1500家", year)]


@pytest.mark.parametrize(
    "sentence",
    [
        "今年全区技术合同成交额增速高于全市去年水平，新增高新技术企业200家。",
        "今年全区新增高新技术企业200家，与全市去年相比多30家。",
        "今年新增高新技术企业数为全区去年的1.2倍，达到200家。",
    ],
)
def test_last_year_after_a_subject_compared_with_names_no_period(sentence):
    periods = {p for _, p in _rows(WORK_REPORT + sentence, "text", "period")}
    assert periods == {"2026"}


# ---- review 26a ------------------------------------------------------------------------------------

SIGNED_SUMMARY = "某县科学技术局2025年工作总结\n"
SUMMARY_BODY = "今年全县技术合同成交额18.2亿元。去年，全县技术合同成交额12亿元。截至去年底，全县有众创空间8个。"


@pytest.mark.parametrize("date_line", ["（2026年1月8日）", "2026年1月8日", "2026年1月5日，县科技局召开全县科技工作会议。"])
def test_a_later_date_under_a_summarys_title_keeps_the_titles_years(date_line):
    # finding 1: the day a summary of 2025 was signed (or a meeting its first line names) is not the
    # year of its 今年 and 去年 (rd26: 2026, 2025, 2025)
    text = SIGNED_SUMMARY + date_line + "\n\n" + SUMMARY_BODY
    assert _rows(text, "text", "period") == [("18.2亿元", "2025"), ("12亿元", "2024"), ("8个", "2024")]


@pytest.mark.parametrize(
    "date_line",
    [
        "发布时间：2026年1月22日",
        "（2026年1月20日）",
        "2026年1月20日，发布会在市政府新闻发布厅举行。",
        # review 26c: the time of day, a label after the date
        "2026年1月20日上午，市政府新闻办举行新闻发布会。",
        "2026年1月20日  来源：某市人民政府新闻办公室",
        "发布时间：2026年1月20日 10:30",
    ],
)
def test_a_later_date_under_an_events_title_is_the_day_it_was_held(date_line):
    text = "某市2025年科技创新工作新闻发布会\n\n" + date_line + "\n去年，全市新增高新技术企业150家。"
    # (a time of day, 10:30, is still read as two figures without a variable: not this test's matter)
    assert [row for row in _rows(text, "text", "period") if row[0] == "150家"] == [("150家", "2025")]


@pytest.mark.parametrize(
    "sentence",
    [
        "2026年1月1日起施行的《某市科技创新条例》明确了支持政策。",
        "2026年1月5日印发的《实施意见》提出了新的措施。",
        "2026年1月10日，市政府印发《关于加快科技创新的若干措施》。",
    ],
)
def test_a_date_a_sentence_names_dates_no_event(sentence):
    # finding 3: only a date standing alone or saying when the event was held (举行/召开) dates it
    text = "某市2025年科技创新工作新闻发布会\n\n" + sentence + "今年，全市新增高新技术企业150家。"
    assert _rows(text, "text", "period") == [("150家", "2025")]


@pytest.mark.parametrize("part", ["上半年", "第三季度", "1-6月"])
def test_a_part_year_meeting_is_held_in_its_year(part):
    # finding 4: no year + 1 for a meeting on part of a year (rd26: 2026, a target, the estimate lost)
    text = f"全县2025年{part}科技工作总结会议召开\n\n会议指出，今年全县技术合同成交额预计达到5亿元。"
    rows = _rows(text, "text", "period", "flag_target", "flag_estimate")
    assert rows[0][0] == "5亿元" and rows[0][1].startswith("2025") and rows[0][2:] == (False, True)


def test_a_meeting_named_in_the_body_dates_nothing():
    # finding 5: the meeting is read in the title only (rd26: 2024)
    text = "某县科技局2025年工作总结\n\n2月，全县召开2025年全县科技工作会议，部署全年工作。过去一年，全县新增高新技术企业30家。"
    assert _rows(text, "text", "period") == [("30家", "2025")]


@pytest.mark.parametrize("title", ["全县2025年度科技创新表彰大会召开", "某县2025年科技工作总结大会召开", "全市2025年度科技奖励颁奖大会"])
def test_a_meeting_honouring_or_summing_up_a_year_is_held_the_next(title):
    # finding 5: 年度 with 表彰/颁奖, or 总结: the year after (rd26 made the first 2024)
    text = title + "\n\n2026年1月15日，大会召开。过去一年，全县新增高新技术企业40家。"
    assert _rows(text, "text", "period") == [("40家", "2025")]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年已将培育库企业32家推荐申报高新技术企业，新认定高新技术企业20家。",
        "我局将引进人才12名全部安排到企业一线，全年引进高层次人才12名。",
        "县科技局将完成验收项目15项报送省科技厅备案。",
        "全县曾将新建孵化器2个移交园区管理。",
        "全年共将建成区内企业18家纳入监测。",
    ],
)
def test_jiang_of_take_and_do_makes_no_target(sentence):
    # finding 6: 已将/曾将/共将, a second verb after the object, a verb forming a noun (培育库, 建成区)
    assert not zb.extract("某县科学技术局2025年工作总结\n\n" + sentence)["flag_target"].any()


def test_jiang_before_a_result_is_still_a_target_after_a_done_sentence():
    text = WORK_REPORT + "去年已将企业32家推荐申报。今年，全市将新增高新技术企业200家。"
    assert _rows(text, "text", "flag_target")[-1] == ("200家", True)


@pytest.mark.parametrize(
    ("sentence", "variable"),
    [
        ("上半年，全县已有5个众创空间获批备案。", "makerspaces_new"),
        ("1-9月，全县已有6个众创空间获批备案。", "makerspaces_new"),
        ("全县已有12家企业通过高新技术企业认定。", "hnte_recognised"),
    ],
)
def test_already_having_does_not_make_a_flow_a_stock(sentence, variable):
    # finding 7: 已有 with a verb of the period keeps the flow (rd26: makerspaces, or no variable)
    text = "某县科学技术局2025年上半年工作总结\n\n" + sentence
    assert [v for _, v in _rows(text, "text", "variable")] == [variable]


H1_2026 = "某市2026年上半年科技工作总结\n\n"


@pytest.mark.parametrize("heading", ["（二）平台建设", "二、平台建设", "2.平台建设"])
def test_a_lead_in_year_without_its_full_stop_ends_at_a_heading(heading):
    # finding 8 (rd26: 3个 and 2个 were 2025)
    text = H1_2026 + "（一）企业培育\n据统计，2025年全市新增高新技术企业260家\n" + heading + "\n全市新建众创空间3个，新增孵化器2个。"
    assert _rows(text, "text", "period") == [("260家", "2025"), ("3个", "2026H1"), ("2个", "2026H1")]


def test_a_lead_in_year_runs_over_a_line_break_inside_its_sentence():
    text = H1_2026 + "会议指出，2025年全市新增高新技术企业260家，\n技术合同成交额12亿元。"
    assert _rows(text, "text", "period") == [("260家", "2025"), ("12亿元", "2025")]


def test_the_present_state_of_things_does_not_end_a_lead_in_year():
    # review 26c: 当前形势下 is no "now" of a figure; the lead-in year runs on to the full stop
    text = H1_2026 + "会议指出，2025年全市研发投入35亿元，当前形势下仍实现增长8%，新增高新技术企业260家。"
    assert [p for _, p in _rows(text, "text", "period")] == ["2025", "2025", "2025"]


@pytest.mark.parametrize(
    "sentence",
    [
        "今年，全区将新建区级众创空间5个，将新增区级研发平台10个。",
        "今年将建成区域科技创新中心2个。",
        "今年将新增财政科技投入5000万元用于支持企业研发。",
        "全年共将新增高新技术企业300家，共将建成众创空间10个。",
    ],
)
def test_jiang_before_a_result_stays_a_target(sentence):
    # review 26c: 区级/区域 are no nouns of the verb, 用于 names a purpose, 共将 is "in all, will"
    facts = zb.extract(WORK_REPORT + sentence)
    assert len(facts) and facts["flag_target"].all()


@pytest.mark.parametrize("now", ["目前", "截至目前"])
def test_up_to_now_ends_a_lead_in_year(now):
    # finding 9 (rd26: 860家 was 2025)
    text = H1_2026 + f"据了解，2025年全市共认定高新技术企业120家，{now}全市有效高新技术企业达到860家。"
    assert _rows(text, "text", "period") == [("120家", "2025"), ("860家", "2026H1")]


@pytest.mark.parametrize(
    "head",
    ["发布时间：2026年1月20日 10:30", "2026年1月20日上午9:30，发布会在市政府新闻发布厅举行。", "（2026年1月20日 15:00:05）"],
)
def test_a_time_of_day_is_no_figure(head):
    # a press release's head printed 10:30 as figures 10 and 30 (no variable, but rows of the table)
    text = "某市2025年科技创新工作新闻发布会\n\n" + head + "\n去年，全市新增高新技术企业150家。"
    assert _rows(text, "text", "period") == [("150家", "2025")]


def test_a_ratio_is_no_time_of_day():
    # one digit after the colon, or no blank/date/上午 before it: not a clock
    facts = zb.extract("某县2025年科技工作总结\n\n市县两级按1:1比例配套资金500万元。")
    assert "500万元" in list(facts["text"])


@pytest.mark.parametrize(
    "title",
    ["某县2025年科技创新推进会工作总结", "关于贯彻落实2025年全市科技工作会议精神情况的报告"],
)
def test_a_report_about_an_event_is_no_event(title):
    # review 26c: an event word anywhere in the title made a signed summary an event's day
    text = title + "\n（2026年1月8日）\n今年全县新增高新技术企业46家。去年全县技术合同成交额12亿元。"
    assert _rows(text, "text", "period") == [("46家", "2025"), ("12亿元", "2024")]
