"""Report extraction after the tenth trial (reports of a provincial department, a city's technology
market, a district's monthly brief, a high-tech zone and one converted from PDF): a figure broken
by a line break or a page's footer is damaged, not its first digits; a table's 上年同期 column is
the span of the column it compares with; the year after 由 of "由2024年的86家增加到104家" governs
the starting figure only; subsets of R&D and of the technology market whose phrases end with the
whole's are their own variables."""

import math

import zhibiao as zb


def _row(facts, text):
    rows = facts[facts.text == text]
    assert len(rows) == 1, (text, list(facts.text))
    return rows.iloc[0]


# ---- #1: a figure broken across lines (conversion from PDF) ---------------------------------


def test_a_figure_broken_by_a_line_break_is_damaged_not_its_first_digits():
    # "2⏎41件" could be 241, 2 and 41, or digits lost at the break: never 2 (which entered a panel
    # as 2 patents) nor 41 without a variable.
    text = "2025年，全市专利授权量2\n41件，争取上级资金5\n80万元，技术合同成交额12.\n3亿元，立项率33.3%。"
    facts = zb.extract(text, guess=True)
    assert list(facts.text) == ["2\n41件", "5\n80万元", "12.\n3亿元", "33.3%"]
    broken = facts.iloc[:3]
    assert list(broken.variable) == ["patents_granted", "funds_secured", "tech_contract_value"]
    assert broken.value.isna().all() and broken.flag_damaged.all()
    assert set(broken.damage) == {"split_digits"}
    assert list(broken.guess) == [241, 580, 12.3]  # the fragments joined, in guess only
    assert _row(facts, "33.3%").value == 33.3
    panel = facts.to_panel("某市")
    assert math.isnan(panel.values("patents_granted")[0])
    assert "line break" in facts.attrs["findings"].message[0]


def test_a_page_footer_inside_a_figure_is_skipped_and_no_figure_of_its_own():
    # A page break of a PDF between "立项1" and "7项": the footer "— 5 —" (or "第 5 页 共 12 页")
    # sits inside the figure; its page number is no figure, and not a digit of the guess (17).
    for footer in ["— 5 —", "- 5 -", "第 5 页 共 12 页", "5"]:
        text = f"2025年，全县获批立项1\n{footer}\n7项，专利授权量326件。"
        facts = zb.extract(text, guess=True)
        assert list(facts.variable) == ["projects_approved", "patents_granted"], footer
        assert math.isnan(facts.value[0]) and facts.damage[0] == "split_digits" and facts.guess[0] == 17
        assert facts.value[1] == 326


def test_a_page_footer_between_sentences_is_no_figure():
    text = "2025年，全县专利授权量326件。\n— 3 —\n第4页\n新认定高新技术企业12家。\n"
    facts = zb.extract(text)
    assert list(facts.text) == ["326件", "12家"]
    assert list(facts.variable) == ["patents_granted", "hnte_recognised"]


def test_line_ends_that_are_not_a_broken_figure_stay_as_they_were():
    # A figure with its unit at a line's end, a list number opening the next line, a table's cells
    # (after blanks) and a year opening the next line are not one figure across the break.
    text = (
        "2025年，全县走访企业36家\n2.人才工作：引进人才12人，培训农民1200\n2026年计划培训1500人次。\n"
        "指标 单位 2025年 2024年\n专利授权量 件 326 301\n发明专利授权量 件 41 38\n"
    )
    facts = zb.extract(text)
    assert not facts.flag_damaged.any()
    assert list(facts.text) == ["36家", "12人", "1200", "1500人次", "326", "301", "41", "38"]
    assert list(facts.value) == [36, 12, 1200, 1500, 326, 301, 41, 38]


# ---- #2: 上年同期 in a table under a monthly title ---------------------------------------------


def test_a_prior_column_is_the_span_of_the_column_it_compares_with():
    # A monthly brief (title 2025年8月) with a cumulative table: 1-8月 is 2025YTD08, so 上年同期 is
    # January to August 2024 (2024YTD08), not August 2024 (2024-08, the month in force a year back).
    text = (
        "某区科技局2025年8月工作简报\n"
        "指标 单位 1-8月 上年同期 增长%\n"
        "专利授权量 件 412 380 8.4\n"
        "技术合同成交额 万元 6,520 5,830 11.8\n"
        "\n8月，全区新认定高新技术企业3家。\n"
    )
    facts = zb.extract(text)
    assert list(facts.period) == ["2025YTD08", "2024YTD08", "2025YTD08"] * 2 + ["2025-08"]
    assert list(facts.flag_prior_year) == [False, True, False] * 2 + [False]
    frame = facts.to_panel("某区").to_pandas()
    assert frame.loc[("某区", "2024YTD08"), "patents_granted"] == 380


def test_a_prior_column_after_a_done_column_keeps_the_period_in_force():
    text = "某区科技局2025年8月工作简报\n指标 单位 本期 上年同期 增长%\n专利授权量 件 52 47 10.6\n"
    facts = zb.extract(text)
    assert list(facts.period) == ["2025-08", "2024-08", "2025-08"]


# ---- #3: 由<period>的 is the start of a change ---------------------------------------------------


def test_a_year_after_you_governs_the_starting_figure_only():
    # "由2024年的86家增加到104家": 86 is of 2024, 104 of the report's year (it was 2024 too, and
    # the panel kept 86 as 2024's and lost 104 as a duplicate).
    facts = zb.extract("2025年，全区有效高新技术企业由2024年的86家增加到104家，专利授权量326件。")
    assert list(facts.period) == ["2024", "2025", "2025"]
    assert list(facts.value) == [86, 104, 326]
    panel = facts.to_panel("某区")
    frame = panel.to_pandas()
    assert frame.loc[("某区", "2025"), "hnte_total"] == 104
    assert frame.loc[("某区", "2024"), "hnte_total"] == 86
    assert len(panel.findings) == 0  # was a duplicate_figure: 104 lost


def test_the_prior_year_after_you_and_a_year_end_start():
    facts = zb.extract("2025年，技术合同成交额由上年的1.2亿元提高到1.5亿元；科技贷款从2024年底的2.1亿元增至2.6亿元。")
    assert list(facts.period) == ["2024", "2025", "2024", "2025"]
    assert list(facts.flag_prior_year) == [True, False, False, False]
    assert list(facts.variable) == ["tech_contract_value"] * 2 + ["tech_loans"] * 2


def test_from_without_de_is_no_start_point():
    # 从2025年1月起 opens a span; no 的, no start of a change: the period as before.
    facts = zb.extract("2025年上半年，从2025年1月起，全区新增科技型中小企业56家。")
    assert list(facts.period) == ["2025-01"]


# ---- #4: subsets whose phrases end with the whole's -----------------------------------------


def test_industrial_rd_phrases_with_the_verb_of_the_whole():
    facts = zb.extract("2025年，园区规上工业企业研发经费投入3.2亿元，规模以上工业企业研发经费投入强度1.8%，全社会研发经费投入5.1亿元，" "研发经费投入强度2.6%。")
    assert list(facts.variable) == [
        "rd_expenditure_industrial",
        "rd_intensity_industrial",
        "rd_expenditure",
        "rd_intensity",
    ]


def test_exported_and_imported_contract_values_are_not_the_contract_value():
    facts = zb.extract("2025年，全市吸纳技术合同成交额30.2亿元，输出技术合同成交额25.1亿元，技术合同成交额48.6亿元。")
    assert list(facts.variable) == [
        "tech_contract_value_imported",
        "tech_contract_value_exported",
        "tech_contract_value",
    ]
    panel = facts.to_panel("某市")
    assert panel.values("tech_contract_value")[0] == 486000  # 万元


def test_the_share_of_above_scale_industry_is_its_indicator_not_nothing():
    # data/indicators.toml: hitech_va_share_industry = hitech_value_added / industrial_value_added.
    # 1260 / 2600 = 48.46 %; the bulletin states 48.3 % (rounded from its own unrounded figures).
    facts = zb.extract(
        "2024年，全省高新技术产业增加值1260亿元，规上工业增加值2600亿元，" "高新技术产业增加值占规模以上工业增加值比重为48.3%；高新技术产业增加值占规上工业增加值的比重同比提高1.2个百分点。"
    )
    assert list(facts.variable) == ["hitech_value_added", "industrial_value_added"] + ["hitech_va_share_industry"] * 2
    assert list(facts.flag_change) == [False, False, False, True]
    panel = facts.to_panel("某省")
    assert panel.to_pandas().loc[("某省", "2024"), "hitech_va_share_industry"] == 48.3
    assert round(float(panel.compute(["hitech_va_share_industry"]).iloc[0, 0]), 2) == 48.46


# ---- #5: the level after a bound ---------------------------------------------------------------


def test_the_level_reached_after_a_bound_is_the_bound_quantity():
    # "突破1200亿元，达到1263.7亿元": the bound is left out of panels (not_a_level) and the level had no
    # variable, so the panel had no contract value at all.
    facts = zb.extract("2024年，全省技术合同成交额突破1200亿元，达到1263.7亿元，增长21.4%；引进高层次人才超过600人，达到628人。")
    assert list(facts.variable) == ["tech_contract_value"] * 3 + ["talents_introduced"] * 2
    assert list(facts.qualifier) == ["lower_bound", "exact", "exact", "lower_bound", "exact"]
    frame = facts.to_panel("某省").to_pandas()
    assert frame.loc[("某省", "2024"), "tech_contract_value"] == 12637000  # 万元
    assert frame.loc[("某省", "2024"), "talents_introduced"] == 628


def test_a_level_in_another_kind_of_unit_after_a_bound_is_not_the_bound_quantity():
    facts = zb.extract("2024年，全省科技型中小企业超过3000家，达到12.6%。")
    assert list(facts.flag_no_variable) == [False, True]


# ---- #6: 成交额 after a count of contracts -----------------------------------------------------


def test_a_bare_amount_word_after_a_count_of_contracts_is_their_value():
    # A technology market's bulletin: "登记技术合同312项，成交额5.8亿元" (the value had no variable);
    # after a kind of contract the lexicon does not know (技术开发合同) 成交额 names nothing, and after
    # the imported contracts it is their value, not the market's.
    text = (
        "2025年10月，全市登记技术合同312项，同比减少4.6%，成交额5.8亿元，环比下降8.1%。"
        "其中，技术开发合同121项，成交额2.4亿元；吸纳技术合同96项，成交金额1.1亿元。专利授权量326件，交易额3亿元。"
    )
    facts = zb.extract(text)
    assert list(facts.variable) == [
        "tech_contract_count",
        "tech_contract_count",
        "tech_contract_value",
        "tech_contract_value",
        "",
        "",
        "tech_market_contracts_imported",
        "tech_contract_value_imported",
        "patents_granted",
        "",
    ]
    assert list(facts.value[:4]) == [312, -4.6, 5.8, -8.1]
    assert _row(facts, "5.8亿元").flag_phrase_shared
    assert facts.to_panel("某市").to_pandas().loc[("某市", "2025-10"), "tech_contract_value"] == 58000  # 万元


def test_follows_in_a_user_lexicon_is_checked(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(
        '[[variable]]\nid = "visits"\nphrases = ["走访企业"]\nunit = "家"\n\n'
        '[[variable]]\nid = "problems"\nphrases = ["企业难题"]\nunit = "项"\nfollows = "visits"\nfollow_phrases = ["收集难题"]\n',
        encoding="utf-8",
    )
    facts = zb.extract("2025年，走访企业36家，收集难题12项。", lexicon=good)
    assert list(facts.variable) == ["visits", "problems"]
    bad = tmp_path / "bad.toml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace('follows = "visits"', 'follows = "visit"'), encoding="utf-8"
    )
    try:
        zb.extract("走访企业36家", lexicon=bad)
    except zb.Error as e:
        assert "bad.toml" in str(e) and "follows" in str(e) and "did you mean 'visits'" in str(e)
    else:
        raise AssertionError("an unknown id in follows was accepted")
    half = tmp_path / "half.toml"
    half.write_text(good.read_text(encoding="utf-8").replace('follow_phrases = ["收集难题"]\n', ""), encoding="utf-8")
    try:
        zb.extract("走访企业36家", lexicon=half)
    except zb.Error as e:
        assert "half.toml" in str(e) and "follow_phrases" in str(e)
    else:
        raise AssertionError("follows without follow_phrases was accepted")
