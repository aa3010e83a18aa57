"""Round 33: whose figure in read_report (trial33 13, 10, 07): with the _extract.py change of fixB33.

全国 is another whole than any area's report; a zone's report calls itself 园区/本园区/高新区, and
another whole's figure is set aside before duplicates are chosen; a part of a year with no year
number takes the report's year and keeps its part."""

import pytest

import zhibiao as zb


def _panel(text: str, entity: str, period: str = "2025") -> tuple[dict, list[str]]:
    report = zb.read_report(text, entity=entity, period=period)
    frame = report.to_pandas()
    return {p: frame.loc[(entity, p)].to_dict() for _, p in frame.index}, report.findings.message.tolist()


@pytest.mark.parametrize(
    ("text", "entity", "variable", "own"),
    [
        ("2025年，全国技术合同成交额6.8万亿元，全省技术合同成交额3100亿元。", "江西省", "tech_contract_value", 3.1e7),
        ("全国研发投入强度2.7%。本省研发投入强度2.2%。", "江西省", "rd_intensity", 2.2),
        ("2025年，全国有效发明专利500万件；我市有效发明专利2.1万件。", "南江市", "valid_invention_patents", 21000),
        ("全球研发投入强度2.6%，全县研发投入强度1.4%。", "青石县", "rd_intensity", 1.4),
    ],
)
def test_the_nations_figure_is_another_wholes(text: str, entity: str, variable: str, own: float) -> None:
    values, messages = _panel(text, entity)
    assert values["2025"][variable] == pytest.approx(own), messages
    assert any("全国" in m or "全球" in m for m in messages)


def test_the_nations_figure_alone_stays_out() -> None:
    values, messages = _panel("2025年，全国研发投入强度2.68%。", "江西省")
    assert not values or "rd_intensity" not in values["2025"]
    assert any("stated for 全国" in m for m in messages)


@pytest.mark.parametrize("text", ["全国重点实验室达到5家。", "2025年，全国科技进步示范县建设中，全县研发投入强度1.4%。"])
def test_a_national_kind_of_the_areas_own_keeps_its_figure(text: str) -> None:
    values, messages = _panel(text, "青石县")
    assert values and values["2025"], messages


@pytest.mark.parametrize("own_word", ["园区", "本园区", "高新区"])
def test_a_zones_report_keeps_its_own_figure_over_the_citys(own_word: str) -> None:
    text = f"2025年，{own_word}科技型中小企业260家，全市科技型中小企业1900家。"
    values, messages = _panel(text, "青山高新区")
    assert values["2025"]["tech_sme_registered"] == 260, messages
    # the city's figure is set aside as another whole's, and said so: never kept over the zone's
    assert any("'1900家' is stated for 全市" in m and "left out" in m for m in messages), messages
    assert not any("kept '1900家'" in m for m in messages), messages


def test_a_zones_figure_in_a_countys_report_stays_a_part() -> None:
    values, _ = _panel("2025年，高新区科技型中小企业260家，全县科技型中小企业900家。", "青石县")
    assert values["2025"]["tech_sme_registered"] == 900


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("今年上半年，全市技术合同成交额4.2亿元，去年同期为3.6亿元。", {"2025H1": 4.2e4, "2024H1": 3.6e4}),
        ("今年前三季度，全市技术合同成交额6.1亿元。", {"2025YTD09": 6.1e4}),
        ("1-10月，全市技术合同成交额7.3亿元。", {"2025YTD10": 7.3e4}),
        ("全市技术合同成交额9.9亿元。", {"2025": 9.9e4}),
    ],
)
def test_a_part_of_a_year_with_no_year_keeps_its_part(text: str, periods: dict) -> None:
    values, _ = _panel(text, "南江市")
    assert {p: v["tech_contract_value"] for p, v in values.items()} == pytest.approx(periods)
