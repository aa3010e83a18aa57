"""Round 31: the R&D of one sector of performance (企业, 高校/高等学校, 研究机构/科研院所) is a part
of the whole's R&D, never the total rd_expenditure whose phrases it ends with. Before, a provincial
summary's "全省高校R&D经费支出98.2亿元" alone put 98.2亿元 in the panel as the province's R&D
(13 times too small for its intensity), and beside the true total made the total a duplicate."""

import pytest

import zhibiao as zb

SECTORS = {
    "企业R&D经费支出1012.3亿元": "rd_expenditure_enterprises",
    "企业研发经费投入1012.3亿元": "rd_expenditure_enterprises",
    "高校R&D经费支出98.2亿元": "rd_expenditure_higher_education",
    "政府属研究机构R&D经费支出76.5亿元": "rd_expenditure_research_institutes",
    "科研院所研发经费76.5亿元": "rd_expenditure_research_institutes",
    "研究与开发机构R&D经费76.5亿元": "rd_expenditure_research_institutes",
}


@pytest.mark.parametrize(("phrase", "variable"), SECTORS.items())
def test_a_sector_r_and_d_is_its_own_variable_never_the_total(phrase, variable):
    text = f"2025年，全省{phrase}，同比增长6.1%。"
    facts = zb.extract(text)
    assert facts["variable"].iloc[0] == variable
    panel = zb.read_report(text, entity="甲省")
    assert "rd_expenditure" not in panel.variables


def test_industrial_firms_keep_their_variable_over_the_enterprise_sector():
    # 规上工业企业… ends where 企业… does: the longer phrase still wins
    facts = zb.extract("2025年，全省规上工业企业R&D经费支出860.1亿元。")
    assert facts["variable"].tolist() == ["rd_expenditure_industrial"]


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全省企业R&D经费支出1012.3亿元。全省R&D经费支出1286.4亿元。",
        "2025年，全省R&D经费支出1286.4亿元，其中企业R&D经费支出1012.3亿元，高校R&D经费支出98.2亿元。",
    ],
)
def test_the_total_beside_its_sectors_is_the_total_in_either_order(text):
    panel = zb.read_report(text, entity="甲省")
    assert panel.values("rd_expenditure").tolist() == [12864000.0]  # 万元
    assert panel.values("rd_expenditure_enterprises").tolist() == [10123000.0]
    assert "duplicate_figure" not in panel.findings["kind"].tolist()


def test_a_sector_share_after_the_total_is_no_amount():
    facts = zb.extract("2025年，全省R&D经费支出1286.4亿元，其中企业R&D经费支出1012.3亿元，占比78.7%。")
    assert facts["variable"].tolist()[:2] == ["rd_expenditure", "rd_expenditure_enterprises"]
    assert facts["variable"].iloc[2] != "rd_expenditure_enterprises"


def test_higher_education_written_in_full_is_never_the_total():
    # 高等学校… is read as a named school's (no variable) before any phrase binds: not the total either
    for text in ("2025年，全省高等学校R&D经费支出98.2亿元。", "2025年，全省高等学校研究与试验发展（R&D）经费支出98.2亿元。"):
        assert zb.extract(text)["variable"].iloc[0] != "rd_expenditure"
        assert "rd_expenditure" not in zb.read_report(text, entity="甲省").variables
