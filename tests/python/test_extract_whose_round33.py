"""Round 33: whose figure, and of which period (issue 13, trial33).

Sentences of our own: a year ahead reached by 到<year>年 is a plan, not that year's actual figure
(a year past stays an actual); 公司/集团 opening a clause of a firm's own report is the firm itself,
not another firm named before the phrase."""

import pytest

import zhibiao as zb


FIRM_HEAD = "江南精密机械股份有限公司2025年度科技创新工作报告\n"


def _facts(text: str) -> list[tuple[str, float, str, bool]]:
    facts = zb.extract(text)
    return [(str(r.variable), r.value, str(r.period), bool(r.flag_target)) for r in facts.itertuples(index=False)]


@pytest.mark.parametrize(
    "text",
    [
        "2025年全市科技工作总结\n" "2025年，全市技术合同成交额86亿元。到2028年，全市技术合同成交额突破120亿元。",
        "2025年全市科技工作总结\n全市有效发明专利5200件。至2030年底，全市有效发明专利达到9000件。",
        "2025年全市科技工作总结\n" "2025年，全区科技型中小企业420家，到2027年科技型中小企业超过600家。",
        "2025年全市科技工作总结\n" "2025年，全县研发投入强度1.9%。全县研发投入强度到2027年达2.3%。",
        "2025年全市科技工作总结\n" "2025年，全市研发投入强度2.4%。2026年，力争新认定高新技术企业60家。到2030年，高新技术企业总数突破900家。",
        "2025年全市科技工作总结\n" "2025年，全市研发投入强度2.4%。到2030年，研发投入强度达到3%，高新技术企业超过1800家。",
    ],
)
def test_a_year_ahead_reached_by_dao_is_a_plan(text: str) -> None:
    later = [row for row in _facts(text) if row[2] > "2025"]
    assert later and all(row[0] and row[3] for row in later), _facts(text)
    assert not any(row[3] for row in _facts(text) if row[2] == "2025")


def test_a_plan_of_a_year_ahead_stays_out_of_the_panel() -> None:
    text = "2025年全市科技工作总结\n2025年，全市高新技术企业820家。到2027年，全市高新技术企业达到1000家。"
    panel = zb.read_report(text, entity="南江市", period="2025")
    assert list(panel.to_pandas().index) == [("南江市", "2025")]
    assert "target" in panel.findings.kind.tolist()


@pytest.mark.parametrize(
    "text",
    [
        # a year past or the report's own: what was reached
        "2025年全市科技工作总结\n到2024年底，全市高新技术企业已达到760家。",
        "2025年，全市技术合同成交额86亿元，到2025年底全市高新技术企业达到820家。",
        # a span from a year, and a level reached already
        "2025年，全市高新技术企业820家。2020年至2027年，全市高新技术企业达到1000家。",
        "2025年，全市高新技术企业820家。到2027年，全市高新技术企业已达到1000家。",
        # a change's end (由…提高到<year>年的…), in a report whose title states its year
        "2024年全市科技工作总结\n研发投入强度由2020年的1.86%提高到2025年的2.52%。",
        "2025年，全市高新技术企业由2020年的186家增加到2027年的412家。",
        # no verb of reaching in the figure's clause
        "2025年，全市高新技术企业820家。到2027年，全市高新技术企业1000家。",
    ],
)
def test_a_year_past_or_a_span_keeps_its_reading(text: str) -> None:
    assert not any(row[3] for row in _facts(text)), _facts(text)


@pytest.mark.parametrize(
    ("text", "variable", "value"),
    [
        # bare 公司/集团: the report's own when its head names the firm (review 33, f1)
        (FIRM_HEAD + "2025年，公司有效发明专利拥有量达到48件，专利授权量22件。", "valid_invention_patents", 48.0),
        ("天启集团2025年研发情况\n2025年，集团研发经费投入2.6亿元，同比增长12%。", "rd_expenditure", 2.6),
        ("本公司有效发明专利拥有量61件。", "valid_invention_patents", 61.0),
        ("2025年上半年，我集团有效发明专利拥有量73件。", "valid_invention_patents", 73.0),
    ],
)
def test_the_firm_of_a_firms_report_keeps_its_variable(text: str, variable: str, value: float) -> None:
    rows = _facts(text)
    assert (variable, value) in [(row[0], row[1]) for row in rows], rows
    panel = zb.read_report(text, entity="江南精密机械股份有限公司", period="2025").to_pandas()
    assert panel[variable].iloc[0] > 0


@pytest.mark.parametrize(
    "text",
    [
        "1.华芯微电子股份有限公司：上半年研发费用投入1.36亿元。",
        "2025年，天启集团研发经费投入1.2亿元。",
        "2025年，天启集团有效发明专利拥有量80件。",
    ],
)
def test_a_named_firm_still_heads_its_figures(text: str) -> None:
    assert all(not row[0] for row in _facts(text)), _facts(text)
