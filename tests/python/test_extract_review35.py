"""Seams the review of round 35 found in the reader's new rules (each failed before its fix)."""

import pytest

import zhibiao as zb

TITLE = "某市2025年科技工作总结\n"


def _rows(text):
    return [tuple(r) for r in zb.extract(text)[["text", "variable", "value", "period"]].itertuples(index=False)]


@pytest.mark.parametrize(("share", "value"), [("三成五", 35.0), ("一成半", 15.0), ("三成半", 35.0), ("两成", 20.0)])
def test_a_share_in_cheng_reads_its_points_after_it(share, value):
    # 三成五 = 35 % (it read 30); 一成半 = 15 % (no row at all)
    row = zb.extract(f"{TITLE}高校研发经费占全社会研发投入的{share}。").iloc[0]
    assert (row["text"], row["value"], row["unit"], row["qualifier"]) == (share, value, "%", "approximate")


def test_things_joined_by_yu_before_respectively_are_no_years_to_pair():
    # 研发经费与技术合同成交额分别为…: the two figures are two quantities of 2025, not 2024's and 2025's
    rows = _rows(TITLE + "2024年、2025年，全市研发经费与技术合同成交额分别为50亿元和150亿元。")
    assert all(period != "2024" for _, _, _, period in rows), rows


@pytest.mark.parametrize(
    ("title", "expected"),
    [("2025年5月科技统计月报\n", "2025YTD05"), ("2025年第二季度科技统计季报\n", "2025H1")],
)
def test_since_the_year_began_in_a_bulletin_is_january_to_its_end(title, expected):
    # docs/reports.md: 今年以来 of a month's or a quarter's bulletin is January to its end (it was the month alone)
    rows = _rows(title + "今年以来，全市技术合同成交额50亿元。")
    assert rows[0][3] == expected


def test_a_page_number_before_prose_is_no_wrapped_cell():
    # 乙县's row lacks its last cell; the "7" under it is the page's number, prose follows: not 7 亿元 of 乙县
    text = "某省2025年统计公报\n地区 专利授权量（件） 技术合同成交额（亿元）\n甲县 120 30\n乙县 150\n7\n全省科技工作稳步推进。"
    facts = zb.extract(text)
    assert ("7", "乙县") not in set(zip(facts["text"], facts["entity"]))
    assert "table_row" in set(facts.attrs["findings"]["kind"])


@pytest.mark.parametrize("verb", ["递减至", "递减到", "递增至", "减至"])
def test_a_verb_reaching_a_level_states_the_level(verb):
    row = zb.extract(f"{TITLE}全市研发人员{verb}3200人。").iloc[0]
    assert (row["value"], bool(row["flag_change"])) == (3200, False)


def _periods_and_findings(text):
    facts = zb.extract(TITLE + text)
    return list(zip(facts["text"], facts["period"])), list(facts.attrs["findings"]["kind"])


def test_a_part_of_a_year_after_the_years_listed_pairs_nothing():
    rows, findings = _periods_and_findings("2024年、2025年一季度全市技术合同成交额分别为30亿元和40亿元。")
    assert rows == [("30亿元", ""), ("40亿元", "")] and findings == ["respectively"]


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ("一百二十亿元和一百五十亿元", [("一百二十亿元", "2024"), ("一百五十亿元", "2025")]),
        ("120-130亿元和150亿元", [("2024", "2024"), ("150亿元", "2025")]),
        ("120亿元和150亿元（见表1）", [("120亿元", "2024"), ("150亿元", "2025")]),
    ],
)
def test_the_figures_after_respectively_are_counted_as_the_reader_reads_them(figures, expected):
    rows, findings = _periods_and_findings(f"2024年、2025年全市技术合同成交额分别为{figures}。")
    periods = [period for _, period in rows if _ != "1"]
    assert periods[: len(expected)] == [p for _, p in expected], rows
    assert "respectively" not in findings
