"""zb.extract: figures from report text (the example city's report, data/sample/city_report_h1.txt,
whose figures are those of indicators.md §1.5, §2, §3.2 and §4.1)."""

import numpy as np
import pytest

import zhibiao as zb


def test_the_example_report(sample_dir):
    facts = zb.extract((sample_dir / "city_report_h1.txt").read_text(encoding="utf-8"))
    by = facts.set_index("variable")
    assert by.loc["invention_patents_per_10k", "value"] == 0.9
    assert by.loc["invention_patents_per_10k", "flag_unit_implied"]  # "0.9件" means 件/万人
    assert np.isnan(by.loc["hitech_va_share_gdp", "value"]) and by.loc["hitech_va_share_gdp", "flag_masked"]
    assert (by.loc["projects_applied", "value"], by.loc["projects_approved", "value"]) == (28, 11)
    assert (by.loc["funds_secured", "value"], by.loc["funds_secured", "unit"]) == (227.4, "万元")
    assert (by.loc["hnte_applied", "value"], by.loc["tech_sme_registered", "value"]) == (22, 48)
    assert (by.loc["tech_contract_count", "value"], by.loc["tech_contract_value", "value"]) == (80, 241.8)
    assert set(facts["period"]) == {"2025H1"}
    assert len(facts) == 9 and facts.attrs["invalid_bytes"] == 0
    # The figures agree with the hand-typed sample panel of the same report.
    panel = zb.read_csv(sample_dir / "city_report.csv").to_pandas()
    for variable in ("projects_applied", "projects_approved", "tech_contract_count", "tech_contract_value"):
        assert panel[variable].iloc[0] == pytest.approx(by.loc[variable, "value"])


@pytest.mark.parametrize(
    "text, value",
    [
        ("二十八", 28),
        ("十一", 11),
        ("一百零五", 105),
        ("三千五百万", 35_000_000),
        ("两亿", 200_000_000),
        ("一万零二十", 10_020),
        ("贰佰贰拾柒点肆万", 2_274_000),
    ],
)
def test_chinese_numerals_of_the_spec(text, value):
    # indicators.md §7.3 parse tests.
    assert zb.parse_chinese_number(text) == value


def test_qualifiers_ranges_and_periods():
    facts = zb.extract("2024年1-10月，专利授权量约1,234件；获批立项超过30项，争取资金227万余元，" "高新技术企业5—8家。一季度，研发经费投入强度提高0.3个百分点，研发经费同比增长12%。")
    assert list(facts["qualifier"][:3]) == ["approximate", "lower_bound", "lower_bound"]
    assert list(facts["period"]) == ["2024YTD10"] * 4 + ["2024Q1"] * 2
    hnte = facts.iloc[3]
    assert (hnte["value"], hnte["high"], hnte["flag_range"]) == (5, 8, True)
    assert facts.iloc[2]["unit"] == "万元"
    assert facts["flag_change"][4:].all()
    assert not facts.iloc[5]["flag_unit_mismatch"]  # a growth rate in % of a 万元 variable


def test_own_lexicon(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('[[variable]]\nid = "visits"\nphrases = ["走访企业"]\nunit = "家"\n', encoding="utf-8")
    facts = zb.extract("本季度走访企业120家，获批11项。", lexicon=path)
    assert list(facts["variable"]) == ["visits", ""]
    assert facts.iloc[1]["flag_no_variable"]
    path.write_text('[[variable]]\nid = "x"\nphrases = []\n', encoding="utf-8")
    with pytest.raises(zb.ParseError, match="at least one phrase"):
        zb.extract("1项", lexicon=path)


def test_own_lexicon_phrase_split_by_a_modifier(tmp_path):
    # 争取…补助 joined across 省级科技特派员 (people, closest to 95万元): the verb's phrase is the own
    # lexicon's, ending in a character no built-in phrase of a sum verb ends in (bench/NOTES.md,
    # round 26: split_by_modifier reads only after the last characters of the lexicon in use)
    path = tmp_path / "words.toml"
    path.write_text(
        '[[variable]]\nid = "specialists"\nphrases = ["科技特派员"]\nunit = "人"\n\n'
        '[[variable]]\nid = "grants"\nphrases = ["争取补助"]\nunit = "万元"\n',
        encoding="utf-8",
    )
    facts = zb.extract("争取省级科技特派员补助95万元。", lexicon=path)
    assert facts["variable"].tolist() == ["grants"]


def test_a_number_beyond_a_double_is_flagged_not_kept():
    facts = zb.extract("争取资金" + "9" * 400 + "万元")
    assert np.isnan(facts.loc[0, "value"]) and facts.loc[0, "flag_out_of_range"]


def test_the_columns_outlive_the_frame_and_writing_one_changes_no_other():
    # The numeric, offset, code and flag columns are views of a few blocks (one per dtype): each
    # must stay valid after the frame is gone, and be a column of its own.
    import gc

    text = "共组织申报科技项目28项，获批立项11项，争取资金227.4万元。"
    facts = zb.extract(text)
    begin, end, byte_begin = (facts[c].to_numpy() for c in ("begin", "end", "byte_begin"))
    value, guess = facts["value"].to_numpy(), facts["guess"].to_numpy()
    no_variable, damaged = facts["flag_no_variable"].to_numpy(), facts["flag_damaged"].to_numpy()
    unit = facts["unit"]
    del facts
    gc.collect()
    assert begin.dtype == np.int64 and value.dtype == np.float64 and no_variable.dtype == np.bool_
    assert begin.tolist() == [9, 17, 25] and end.tolist() == [12, 20, 32]
    assert byte_begin.tolist() == [27, 47, 67]
    assert value.tolist() == [28, 11, 227.4] and np.isnan(guess).all()
    assert list(unit) == ["项", "项", "万元"]
    begin[:] = -1
    value[:] = -1
    no_variable[:] = True
    assert end.tolist() == [12, 20, 32] and byte_begin.tolist() == [27, 47, 67]
    assert np.isnan(guess).all() and not damaged.any()
    assert list(unit) == ["项", "项", "万元"]


def test_the_text_column_is_each_figure_as_written_when_figures_repeat_and_collide():
    # The binding shares one str among rows of the same figure text (a table that starts at 4,096
    # slots and grows): with 6,000 distinct figures, each written three times, rows whose texts
    # share a slot must still each get their own figure.
    figures = [f"{n}项" for n in range(6000)]
    report = "，".join(f"获批立项{f}" for f in figures * 3) + "。"
    facts = zb.extract(report)
    assert facts["text"].dtype == object and len(facts) == 18000
    assert facts["text"].tolist() == figures * 3
    assert all(report[b:e] == t for b, e, t in zip(facts["begin"], facts["end"], facts["text"]))
    assert all(type(t) is str for t in facts["text"])


def test_the_text_column_holds_one_str_per_distinct_figure_text():
    # 1,500 distinct figures written in turn ten times: every row of a text shares one str object
    # (1,500 objects for 15,000 rows). A cache that evicted a text when another took its slot made
    # a new str each time two texts of one slot alternated (about 300 of these 1,500 collide in
    # 4,096 slots, so several thousand objects).
    figures = [f"{n}项" for n in range(1500)]
    report = "，".join(f"获批立项{f}" for f in figures * 10) + "。"
    facts = zb.extract(report)
    assert facts["text"].tolist() == figures * 10
    assert len({id(t) for t in facts["text"]}) == 1500


def test_label_codes_come_in_the_dtype_pandas_keeps_and_share_the_block_of_the_numbers():
    # The binding writes the offsets, flags and category codes into one block; codes in
    # the dtype pandas would coerce them to (int8 below 127 texts, int16 below 32,767) are kept by
    # Categorical.from_codes without a copy.
    facts = zb.extract("共组织申报科技项目28项，获批立项11项，争取资金227.4万元。")
    codes = facts["variable"].values.codes
    assert codes.dtype == np.int8 and codes.tolist() == [1, 2, 0]  # sorted: funds_, projects_a…, projects_approved
    assert codes.base is not None and codes.base is facts["begin"].to_numpy().base
    years = range(1900, 2100)  # 200 periods: int16 codes
    report = "\n".join(f"{y}年，获批立项{y - 1890}项。" for y in years)
    many = zb.extract(report)
    period = many["period"]
    assert period.values.codes.dtype == np.int16 and len(period.cat.categories) == 200
    assert period.astype(str).tolist() == [str(y) for y in years]
    assert many["value"].tolist() == [float(y - 1890) for y in years]
