"""Report extraction, round 12: the texts are our own, in the style of county, city and province S&T
bureau work reports (工作总结, 上半年工作情况及下半年工作计划); every expected figure is checked by
hand against the sentence quoted beside it."""

import zhibiao as zb


def _row(facts, text):
    rows = facts[facts.text == text]
    assert len(rows) == 1, (text, list(facts.text))
    return rows.iloc[0]


# ---- a title that reports one half-year and plans the next ---------------------------------


def test_a_title_reporting_the_first_half_and_planning_the_second_gives_the_first_half():
    # "2026年上半年工作情况及下半年工作计划": the report is of 2026H1; the plan word belongs to the
    # later 下半年, so the title's period is no plan's period (it was: no period at all). 83家 and
    # 312家 are stated under it, 1-6月 and 截至6月底 both 2026H1.
    for title in (
        "东江市科技局2026年上半年工作情况及下半年工作计划",
        "东江市科技局2026年上半年工作总结暨下半年工作打算",
        "东江市科技局2026年上半年工作情况和下半年工作思路",
        "东江市科技局2026年上半年工作总结和下半年工作安排",
    ):
        text = title + "\n一、上半年工作情况\n全市共有83家企业申报国家高新技术企业。截至6月底，科技型中小企业评价入库312家。\n"
        facts = zb.extract(text)
        assert _row(facts, "83家").period == "2026H1", title
        assert _row(facts, "312家").period == "2026H1", title
        assert not facts.flag_target.any(), title


def test_a_period_with_a_plan_word_after_it_is_still_a_plans_period():
    # unchanged: "2025年，力争…" and "下半年工作打算" state a plan's period for their sentence only
    facts = zb.extract("2024年上半年工作总结\n专利授权量326件。2025年，力争新增高新技术企业20家。\n二、下半年工作打算\n")
    assert _row(facts, "326件").period == "2024H1"
    row = _row(facts, "20家")
    assert row.period == "2025" and row.flag_target
