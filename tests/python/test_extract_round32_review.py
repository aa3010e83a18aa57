"""Round 32's review of its own reading rules: where they fired and must not (issue 13).

Sentences of our own, after the review's cases: a plan of listed figures gives its done figure to no
one member; a 分别 with a subject of its own is not paired with the levels listed before it; a sentence
under a table is no row of it; a contact code followed by a blank and its measure word still counts;
a table with a row per area and one indicator column says it was not read."""

import math
from pathlib import Path

import pytest

import zhibiao as zb


def _rows(text: str) -> list[tuple[str, float, bool]]:
    facts = zb.extract(text)
    return [(str(r.variable), r.value, bool(r.flag_change)) for r in facts.itertuples(index=False)]


@pytest.mark.parametrize(
    "text",
    [
        "2024年，全县计划新增高新技术企业10家、科技型中小企业50家，实际完成12家和60家。",
        "2024年，全县计划新增高新技术企业10家和科技型中小企业50家，已完成12家。",
        "2024年，全县计划新增科技型中小企业50家，其中高新技术企业10家，实际完成12家。",
    ],
)
def test_a_done_figure_after_a_plan_of_several_figures_has_no_variable(text: str) -> None:
    done = [row for row in _rows(text) if row[1] in (12.0, 60.0)]
    assert done and all(variable in ("", "nan", "None") for variable, _, _ in done), done
    panel = zb.read_report(text, entity="青山县", period="2024").to_pandas()
    assert 12.0 not in panel.select_dtypes("number").to_numpy().ravel().tolist()


def test_a_done_figure_after_one_plan_figure_is_still_that_plans() -> None:
    rows = _rows("2024年，全县计划新增高新技术企业10家，实际完成12家。")
    assert ("hnte_recognised", 12.0, False) in rows


@pytest.mark.parametrize(
    "text",
    [
        "2024年，全市有高新技术企业230家、科技型中小企业1560家，研发经费投入分别增长15%和8%。",
        "2024年，全市有高新技术企业230家、科技型中小企业1560家，营业收入分别增长15%和8%。",
        "2024年，新认定高新技术企业23家、科技型中小企业156家，其中制造业企业分别增加5家和31家。",
        "2024年，专利授权量386件、发明专利授权量52件，全省分别增长8%和6%。",
    ],
)
def test_a_respective_clause_with_its_own_subject_is_not_paired_with_the_levels_before(text: str) -> None:
    rows = _rows(text)
    levels = [variable for variable, _, change in rows if not change][:2]
    changes = [variable for variable, _, change in rows if change]
    assert changes and changes != levels[: len(changes)], (levels, changes)  # not paired with them in order


@pytest.mark.parametrize("lead", ["分别比上年增加", "比上年分别增加", "同比分别增加", "与上年相比分别增加"])
def test_a_respective_clause_of_comparison_words_only_still_pairs(lead: str) -> None:
    rows = _rows(f"2024年，全县新认定高新技术企业23家、科技型中小企业156家，{lead}5家和31家。")
    assert ("hnte_recognised", 5.0, True) in rows and ("tech_sme_registered", 31.0, True) in rows, rows


def test_a_sentence_under_a_table_without_years_is_read_as_prose() -> None:
    text = "指标  绝对数  比上年增长（%）\n专利授权量（件）  3000  12.0\n研发经费投入 120亿元 增长 8%\n"
    facts = zb.extract(text)
    by_value = {r.value: r for r in facts.itertuples(index=False)}
    assert str(by_value[120.0].variable) == "rd_expenditure" and by_value[120.0].unit == "亿元"
    assert str(by_value[3000.0].variable) == "patents_granted"
    assert not any(f.kind == "table_row" and "120" in f.text for f in facts.attrs["findings"].itertuples())


@pytest.mark.parametrize("text", ["2024年，服务热线 12345 次。", "2024年，受理服务热线12345通，办结率98%。"])
def test_a_contact_label_before_a_count_with_its_measure_word_keeps_the_count(text: str) -> None:
    assert 12345.0 in [value for _, value, _ in _rows(text)]


@pytest.mark.parametrize("text", ["2024年，专利申请服务热线12330。", "2024年，科技特派员服务热线 12345。"])
def test_a_hotline_number_is_still_no_figure(text: str) -> None:
    assert not any(value >= 12330 for _, value, _ in _rows(text) if not math.isnan(value))


def test_a_table_with_a_row_per_area_and_one_indicator_column_is_read_by_area() -> None:
    # round 32 refused its rows (table_row); round 33 reads them: the 全市 row the report's own
    facts = zb.extract("单位：家\n地区  高新技术企业\n全市  230\n青山县  23\n")
    assert facts.attrs["findings"].empty
    assert list(facts.entity) == ["", "青山县"] and set(facts.variable) == {"hnte_total"}


_OWN = "2024年，青山县专利授权量386件。\n"


@pytest.mark.parametrize("form", ["str", "utf-8", "gb18030"])
def test_the_entitys_own_name_opening_a_clause_is_its_own_in_every_reader(form: str) -> None:
    text = _OWN if form == "str" else _OWN.encode(form)
    assert zb.read_report(text, entity="青山县", period="2024").to_pandas().to_dict("records") == [
        {"patents_granted": 386.0}
    ]
    many = zb.read_reports({"青山县": text, "白水县": "2024年，专利授权量12件。"}, period="2024").to_pandas()
    assert many.loc[("青山县", "2024"), "patents_granted"] == 386.0
    assert many.loc[("白水县", "2024"), "patents_granted"] == 12.0


def test_the_cli_panel_reads_the_entitys_own_name_as_read_report_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zhibiao import cli

    path = tmp_path / "own.txt"
    path.write_text(_OWN, encoding="utf-8")
    cli.main(["extract", "--panel", "--entity", "青山县", "--period", "2024", str(path)])
    assert "青山县,2024,386" in capsys.readouterr().out


def test_another_countys_name_opening_a_clause_stays_out() -> None:
    text = "2024年，白水县专利授权量12件；青山县专利授权量386件。"
    panel = zb.read_report(text, entity="青山县", period="2024").to_pandas()
    assert panel.to_dict("records") == [{"patents_granted": 386.0}]
