"""Round 33's review of read_report and the CLI's panel (issue 13): sentences of our own.

A part of the year (上半年, 前三季度, 1-9月) with no year number governs a figure only from the
figure's own clause, or opening its sentence with no 全年/年末/年底 between it and the figure;
全国/全球 is another whole only before the fact's own phrase (or 共, 平均, 范围内, …的), not as the
name of a national programme the area's figure is of; extract --panel counts entities and periods
apart."""

from pathlib import Path

import pytest

import zhibiao as zb


def _panel(text: str, entity: str = "青山县") -> tuple[dict[str, dict[str, float]], list[str]]:
    report = zb.read_report(text, entity=entity, period="2025")
    frame = report.to_pandas()
    values = {p: frame.loc[(entity, p)].dropna().to_dict() for _, p in frame.index}
    return values, report.findings.message.tolist()


def _flat(values: dict[str, dict[str, float]]) -> dict[tuple[str, str], float]:
    return {(period, variable): v for period, row in values.items() for variable, v in row.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上半年各项工作有序推进，全年新增高新技术企业50家。", {"2025": {"hnte_recognised": 50}}),
        ("前三季度经济平稳，全年累计新增高新技术企业50家。", {"2025": {"hnte_recognised": 50}}),
        ("上半年各项工作有序推进，年末全县高新技术企业达到50家。", {"2025": {"hnte_total": 50}}),
        (
            "今年上半年，全县新增高新技术企业20家；全年新增高新技术企业50家。",
            {"2025H1": {"hnte_recognised": 20}, "2025": {"hnte_recognised": 50}},
        ),
        (
            "上半年，全县新增高新技术企业20家，年底全县高新技术企业总数达到80家。",
            {"2025H1": {"hnte_recognised": 20}, "2025": {"hnte_total": 80}},
        ),
        (
            "1-9月，全县技术合同成交额3亿元，全年技术合同成交额5亿元。",
            {"2025YTD09": {"tech_contract_value": 3e4}, "2025": {"tech_contract_value": 5e4}},
        ),
    ],
)
def test_the_whole_year_named_after_a_part_of_it_is_the_years(text: str, expected: dict) -> None:
    values, messages = _panel(text)
    assert _flat(values) == pytest.approx(_flat(expected)), messages
    assert not any("stated twice" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # opening the sentence, it governs each clause after it
        (
            "今年前三季度，全县新增高新技术企业20家，技术合同成交额3亿元。",
            {"2025YTD09": {"hnte_recognised": 20, "tech_contract_value": 3e4}},
        ),
        # in the figure's own clause, or a clause of the date alone just before it
        ("全县经济平稳运行，上半年新增高新技术企业20家。", {"2025H1": {"hnte_recognised": 20}}),
        ("全县经济平稳运行，上半年，新增高新技术企业20家。", {"2025H1": {"hnte_recognised": 20}}),
    ],
)
def test_a_part_of_the_year_still_governs_its_own_clause_and_after_opening_the_sentence(
    text: str, expected: dict
) -> None:
    values, messages = _panel(text)
    assert _flat(values) == pytest.approx(_flat(expected)), messages


@pytest.mark.parametrize(
    ("text", "variable", "value"),
    [
        ("2025年，全国科技型中小企业评价入库企业达到120家，全县新增高新技术企业15家。", "tech_sme_registered", 120),
        ("全国科技型中小企业服务平台评价入库企业86家。", "tech_sme_registered", 86),
        ("全国技术合同网上登记系统登记技术合同成交额2.3亿元。", "tech_contract_value", 2.3e4),
        ("全国重点实验室达到5家。", "key_laboratories", 5),
    ],
)
def test_a_national_programme_names_the_areas_own_figure(text: str, variable: str, value: float) -> None:
    values, messages = _panel(text)
    assert values["2025"][variable] == pytest.approx(value), messages
    assert not any("全国" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "variable", "own"),
    [
        ("全国共有高新技术企业46万家，全县高新技术企业80家。", "hnte_total", 80),
        ("全国高新技术企业数量达到46万家，全县高新技术企业80家。", "hnte_total", 80),
        ("全国平均研发投入强度2.68%，全县研发投入强度1.4%。", "rd_intensity", 1.4),
        ("全国范围内技术合同成交额6.8万亿元，全县技术合同成交额3亿元。", "tech_contract_value", 3e4),
        ("全国规模以上工业企业的研发投入强度1.5%，全县研发投入强度1.4%。", "rd_intensity", 1.4),
        ("全国的研发投入强度为2.68%，全县研发投入强度1.4%。", "rd_intensity", 1.4),
        ("2025年，全国研发投入强度达到2.68%，全县研发投入强度1.4%。", "rd_intensity", 1.4),
    ],
)
def test_the_nations_own_figure_stays_another_wholes(text: str, variable: str, own: float) -> None:
    values, messages = _panel(text)
    assert values["2025"][variable] == pytest.approx(own), messages
    assert any("stated for 全国" in m for m in messages), messages


def test_the_cli_panel_counts_entities_and_periods_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from zhibiao import cli

    path = tmp_path / "areas.txt"
    path.write_text(
        "2025年青山市科技统计公报\n表2 2025年各县（市、区）研发投入情况\n县（市、区） 研发经费（亿元） 研发投入强度（%）\n" "青山区 3.5 2.8\n绿水区 2.1 2.2\n白云县 1.0 1.2\n",
        encoding="utf-8",
    )
    cli.main(["--lang", "en", "extract", "--panel", "--entity", "青山市", "--period", "2025", str(path)])
    said = capsys.readouterr().err
    assert "3 entities × 1 period, 2 variables" in said, said
