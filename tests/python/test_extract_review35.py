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
