// The report extractor: Chinese numerals and number forms (indicators.md §7.3), quantities with
// units, qualifiers, ranges and placeholders, and facts from the example report's sentences
// (data/sample/city_report_h1.txt; figures from indicators.md §1.5, §2, §3.2, §4.1).
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/try_parse_unit.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/units.hpp"

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(report_extraction)

BOOST_AUTO_TEST_CASE(chinese_numerals_of_the_spec) {
    // indicators.md §7.3 "Parse tests".
    const std::pair<const char*, double> cases[] = {{"二十八", 28},
                                                    {"十一", 11},
                                                    {"一百零五", 105},
                                                    {"三千五百万", 35e6},
                                                    {"两亿", 2e8},
                                                    {"一万零二十", 10020},
                                                    {"贰佰贰拾柒点肆万", 2274000},
                                                    {"一亿二千万", 1.2e8},
                                                    {"廿三", 23}};
    for (const auto& [text, want] : cases) {
        double v = 0;
        BOOST_TEST_REQUIRE(parse_chinese_number(text, v), text);
        BOOST_TEST(v == want, text);
    }
    double v = 0;
    BOOST_TEST(!parse_chinese_number("万", v));  // a multiplier alone is not a number (每万人)
    BOOST_TEST(!parse_chinese_number("二十八项", v));
    BOOST_TEST(!parse_chinese_number("\xff", v));
}

BOOST_AUTO_TEST_CASE(number_forms) {
    // 28项 and ２８项 → 28 (§7.3); 1.2万件 and 241.8万元 keep their multiplier in the unit.
    for (const char* text : {"28项", "２８项"}) {
        const auto q = find_quantities(text);
        BOOST_TEST_REQUIRE(q.size() == 1u);
        BOOST_TEST(q[0].value == 28.0);
        BOOST_TEST(q[0].unit == "项");
    }
    auto one = [](const char* text) {
        const auto q = find_quantities(text);
        BOOST_TEST_REQUIRE(q.size() == 1u, text);
        return q[0];
    };
    BOOST_TEST(one("1.2万件").unit == "万件");
    BOOST_TEST((one("227万余元").qual == qualifier::lower_bound));
    BOOST_TEST(one("227万余元").unit == "万元");
    const quantity masked = one("占比13.x%");
    BOOST_TEST(masked.masked);
    BOOST_TEST(std::isnan(masked.value));  // a placeholder never becomes a number
    const quantity range = one("增长5%—10%");
    BOOST_TEST(range.range);
    BOOST_TEST(range.value == 5.0);
    BOOST_TEST(range.high == 10.0);
    BOOST_TEST(one("约1,234件").value == 1234.0);
    BOOST_TEST(one("三成以上").value == 30.0);
    BOOST_TEST(one("三成以上").unit == "%");
    BOOST_TEST((one("近两百家").qual == qualifier::upper_bound));
    BOOST_TEST(one("提高0.3个百分点").unit == "个百分点");
    BOOST_TEST((one("超过500人").qual == qualifier::lower_bound));
    // Dates and names are not figures.
    BOOST_TEST(find_quantities("2025年1-10月，5G基站，十四五规划，一季度").empty());
}

BOOST_AUTO_TEST_CASE(facts_of_the_example_report) {
    const char* text =
        "示例市科技局2025年上半年工作总结\n上半年，全市万人有效发明专利拥有量达到0."
        "9件，高新技术产业增加值占GDP的比重达到13.x%。"
        "共组织申报科技项目28项，获批立项11项，共争取科技项目资金227."
        "4万元。申报高新技术企业22家，培育科技型中小企业48家。"
        "登记技术合同交易80项，技术合同交易额241.8万元，同比增长12.5%。";
    const extraction x = extract(text);
    BOOST_TEST_REQUIRE(x.facts.size() == 10u);
    const std::pair<const char*, double> want[] = {{"invention_patents_per_10k", 0.9}, {"hitech_va_share_gdp", NAN},
                                                   {"projects_applied", 28},           {"projects_approved", 11},
                                                   {"funds_secured", 227.4},           {"hnte_applied", 22},
                                                   {"tech_sme_registered", 48},        {"tech_contract_count", 80},
                                                   {"tech_contract_value", 241.8},     {"tech_contract_value", 12.5}};
    for (std::size_t k = 0; k < 10; ++k) {
        BOOST_TEST(x.facts[k].variable == want[k].first, k);
        BOOST_TEST((std::isnan(want[k].second) ? std::isnan(x.facts[k].amount.value)
                                               : x.facts[k].amount.value == want[k].second),
                   k);
        BOOST_TEST(x.facts[k].period == "2025H1", k);
    }
    auto has = [](const fact& f, const char* flag) {
        return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
    };
    BOOST_TEST(has(x.facts[0], "unit_implied"));  // "0.9件" for a 件/万人 indicator
    BOOST_TEST(has(x.facts[1], "masked"));
    BOOST_TEST(has(x.facts[9], "change"));
    BOOST_TEST(x.facts[4].amount.unit == "万元");
    BOOST_TEST(x.invalid_bytes == 0u);
}

BOOST_AUTO_TEST_CASE(bad_bytes_and_lexicons) {
    const extraction x = extract(std::string("获批\xff\xfe") + "11项");
    BOOST_TEST(x.invalid_bytes == 2u);
    BOOST_TEST_REQUIRE(x.facts.size() == 1u);
    BOOST_TEST(x.facts[0].variable == "projects_approved");
    BOOST_CHECK_THROW(lexicon_from_toml("[[variable]]\nid = \"a\"\nphrases = []\n", "l.toml"), parse_error);
    // a misspelt key: the key, a suggestion, the file and the line
    try {
        (void)lexicon_from_toml("[[variable]]\nid = \"a\"\nphrase = [\"x\"]\n", "l.toml");
        BOOST_FAIL("a misspelt key was accepted");
    } catch (const parse_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("did you mean 'phrases'?") != std::string::npos, what);
        BOOST_TEST(what.find("l.toml") != std::string::npos, what);
        BOOST_TEST(what.find('3') != std::string::npos, what);
    }
    // a table named as the user guessed it ([[entry]]): what a lexicon holds, not "is not a key"
    try {
        (void)lexicon_from_toml("[[entry]]\nvariabel = \"x\"\n", "l.toml");
        BOOST_FAIL("a lexicon of [[entry]] tables was accepted");
    } catch (const parse_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("its entries are [[variable]] tables") != std::string::npos, what);
        BOOST_TEST(what.find("l.toml:1") != std::string::npos, what);
    }
    BOOST_CHECK_THROW(lexicon_from_toml("[[variable]]\nid = \"a\"\nphrases = [\"x\"]\nunit = \"名名\"\n", "l.toml"),
                      parse_error);
    const lexicon mine =
        lexicon_from_toml("[[variable]]\nid = \"visits\"\nphrases = [\"走访企业\"]\nunit = \"家\"\n", "l.toml");
    BOOST_TEST(extract("走访企业120家", mine).facts.at(0).variable == "visits");
}

// The decoder reads four 3-byte characters at a time where the CPU can (decode.hpp): full-width
// digits, U+3000 and U+2212 inside a run of ideographs are folded there too, and a surrogate (ED)
// or an overlong form (E0) in a run is bytes that are not UTF-8, at any alignment of the run.
BOOST_AUTO_TEST_CASE(characters_of_three_bytes_are_read_alike_inside_a_run) {
    for (std::size_t shift = 0; shift < 4; ++shift) {
        const std::string blanks(shift, ' ');
        const std::vector<quantity> q =
            find_quantities(blanks +
                            "研发经费投入资金合计１２．５亿元，比上年增长\xE3\x80\x80３．２％，"
                            "减少\xE2\x88\x92０．５个百分点");
        BOOST_TEST_REQUIRE(q.size() == 3u);
        BOOST_TEST(q[0].value == 12.5);
        BOOST_TEST(q[0].unit == "亿元");
        BOOST_TEST(q[0].begin == 30 + shift);
        BOOST_TEST(q[1].value == 3.2);
        BOOST_TEST(q[1].unit == "%");
        BOOST_TEST(q[2].value == -0.5);
        const extraction x = extract(blanks + "研发经费投入\xED\xA0\x80合计\xE0\x80\x80１２．５亿元");
        BOOST_TEST(x.invalid_bytes == 6u);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u);
        BOOST_TEST(x.facts[0].amount.value == 12.5);
    }
}

// With AVX2 the decoder reads eight such characters at once, two halves of a register 12 bytes
// apart: the folds and the refused leads must come out alike wherever in the eight they fall.
BOOST_AUTO_TEST_CASE(characters_of_three_bytes_are_read_alike_at_every_place_of_a_block) {
    for (std::size_t filler = 0; filler < 12; ++filler) {
        for (std::size_t shift = 0; shift < 3; ++shift) {
            std::string before(shift, ' ');
            for (std::size_t k = 0; k < filler; ++k) before += "全";
            const std::vector<quantity> q = find_quantities(
                before +
                "年研发经费投入资金合计１２．５亿元比上年增长\xE3\x80\x80３．２％减少\xE2\x88\x92０．５个百分点");
            BOOST_TEST_REQUIRE(q.size() == 3u, "filler " << filler << " shift " << shift);
            BOOST_TEST(q[0].value == 12.5);
            BOOST_TEST(q[0].begin == before.size() + 33);
            BOOST_TEST(q[1].value == 3.2);
            BOOST_TEST(q[2].value == -0.5);
            const extraction x = extract(before + "研发经费投入\xED\xA0\x80合计\xE0\x80\x80１２．５亿元");
            BOOST_TEST(x.invalid_bytes == 6u, "filler " << filler << " shift " << shift);
            BOOST_TEST_REQUIRE(x.facts.size() == 1u);
            BOOST_TEST(x.facts[0].amount.value == 12.5);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_numeral_beyond_a_double_is_out_of_range_never_inf) {
    std::string text = "一";
    for (int k = 0; k < 40; ++k) text += "亿";
    double v = 0;
    bool out_of_range = false;
    BOOST_TEST_REQUIRE(parse_chinese_number(text, v, out_of_range));
    BOOST_TEST(out_of_range);
    BOOST_TEST(std::isnan(v));
    const extraction x = extract("争取资金" + text + "元");
    BOOST_TEST_REQUIRE(x.facts.size() == 1u);
    BOOST_TEST(std::isnan(x.facts[0].amount.value));
    const auto& flags = x.facts[0].flags;
    BOOST_TEST((std::find(flags.begin(), flags.end(), "out_of_range") != flags.end()));
}

BOOST_AUTO_TEST_CASE(facts_keep_offsets_of_their_clause_not_copies) {
    const std::string text = "获批立项11项，争取资金5万元。";
    const extraction x = extract(text);
    BOOST_TEST_REQUIRE(x.facts.size() == 2u);
    BOOST_TEST(text.substr(x.facts[1].clause_begin, x.facts[1].clause_end - x.facts[1].clause_begin) ==
               "争取资金5万元");
    BOOST_TEST(text.substr(x.facts[1].amount.begin, x.facts[1].amount.end - x.facts[1].amount.begin) == "5万元");
    BOOST_TEST(x.facts[1].char_begin == 12u);  // code points: 获批立项11项，争取资金 = 12
    BOOST_TEST(x.facts[1].char_end == 15u);
}

BOOST_AUTO_TEST_CASE(byte_and_code_point_offsets_on_mixed_text) {
    // a (1 byte) 😀 (4 bytes) 争取资金 (4 × 3 bytes): the figure starts at byte 17, code point 6.
    const std::string text = "a\xF0\x9F\x98\x80争取资金12万元，获批\xFF立项3项";
    const table_extraction x = extract_table(text);
    BOOST_TEST_REQUIRE(x.facts.size() == 2u);
    const fact_table& t = x.facts;
    BOOST_TEST(t.begin[0] == 17u);
    BOOST_TEST(t.end[0] == 25u);  // 12 (2 bytes) 万元 (6 bytes)
    BOOST_TEST(t.char_begin[0] == 6u);
    BOOST_TEST(t.char_end[0] == 10u);
    BOOST_TEST(t.text_of(t.variable[0]) == "funds_secured");
    BOOST_TEST(t.figure(0) == "12万元");
    // ，获批 \xFF 立项: the stray byte counts as one code point (U+FFFD), 1 byte.
    BOOST_TEST(t.begin[1] == 25u + 3 + 6 + 1 + 6);
    BOOST_TEST(t.char_begin[1] == 10u + 1 + 2 + 1 + 2);
    BOOST_TEST(t.figure(1) == "3项");
    BOOST_TEST(x.invalid_bytes == 1u);
}

BOOST_AUTO_TEST_CASE(a_row_past_the_table_is_an_argument_error_naming_it) {
    const table_extraction x = extract_table("共组织申报科技项目28项，获批立项11项");
    BOOST_TEST_REQUIRE(x.facts.size() == 2u);
    BOOST_TEST(fact_at(x.facts, 1).text == "11项");
    try {
        (void)fact_at(x.facts, 2);
        BOOST_FAIL("a row past the end was read");
    } catch (const argument_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("fact_at(2)") != std::string::npos, what);
        BOOST_TEST(what.find("the table has 2 facts") != std::string::npos, what);
    }
    BOOST_CHECK_THROW((void)fact_at(fact_table{}, 0), argument_error);
}

BOOST_AUTO_TEST_CASE(the_table_holds_the_facts_of_extract) {
    const std::string text =
        "示例市科技局2025年上半年工作总结\n共组织申报科技项目28项，获批立项11项，其中重点项目15项；"
        "应拨付补助资金35.万元，派出0名专家。技术合同交易额约241.8万元，同比增长12.5%—13%。"
        "\xFE兑现2017年度奖补资金50万元，占比13.x%，争取资金１．２亿元";
    for (bool guess : {false, true}) {
        extract_options options;
        options.guess = guess;
        const extraction x = extract(text, builtin_lexicon(), options);
        const table_extraction t = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST_REQUIRE(x.facts.size() == t.facts.size());
        BOOST_TEST(x.facts.size() == 10u);
        BOOST_TEST(x.findings.size() == t.findings.size());
        for (std::size_t i = 0; i < x.facts.size(); ++i) {
            const fact &f = x.facts[i], g = fact_at(t.facts, i);
            BOOST_TEST(f.variable == g.variable, i);
            BOOST_TEST(f.text == g.text, i);
            BOOST_TEST(f.text == std::string(t.facts.figure(i)), i);
            BOOST_TEST(f.flags == g.flags, i);
            BOOST_TEST(f.period == g.period, i);
            BOOST_TEST(f.char_begin == t.facts.char_begin[i], i);
            BOOST_TEST((std::isnan(f.amount.value) ? std::isnan(t.facts.value[i]) : f.amount.value == t.facts.value[i]),
                       i);
        }
    }
    const fact_table& t = extract_table(text).facts;
    BOOST_TEST(t.has(2, fact_flag::suspect));  // 其中 15 of 11
    BOOST_TEST(t.text_of(t.damage[3]) == "dangling_point");
    BOOST_TEST(t.has(4, fact_flag::suspect));  // 派出0名专家
    BOOST_TEST(t.text_of(t.period[7]) == "2017");
    BOOST_TEST(t.has(8, fact_flag::masked));
    BOOST_TEST(t.has(6, fact_flag::range));
    BOOST_TEST(t.high[6] == 13.0);
    BOOST_TEST(t.text_of(t.unit[9]) == "亿元");  // １．２亿元: full-width digits
}

BOOST_AUTO_TEST_CASE(report_bytes_are_decoded_as_read_csv_decodes_them) {
    // 获批11项 in GB18030: BB F1 C5 FA 31 31 CF EE.
    const decoded_report gb = decode_report(
        "\xBB\xF1\xC5\xFA"
        "11\xCF\xEE");
    BOOST_TEST(gb.encoding == "gb18030");
    BOOST_TEST(gb.text == "获批11项");
    const decoded_report bom = decode_report("\xEF\xBB\xBF获批11项\xFF");
    BOOST_TEST(bom.encoding == "utf-8-bom");
    BOOST_TEST(bom.invalid_bytes == 1u);
    BOOST_TEST_REQUIRE(bom.invalid_offsets.size() == 1u);
    BOOST_TEST(bom.invalid_offsets[0] == 14u);  // 3 (BOM) + 6 + 2 + 3
    const decoded_report utf16 = decode_report(std::string("\xFF\xFE\xB7\x83\x79\x62\x31\x00\x31\x00\x79\x98", 12));
    BOOST_TEST(utf16.encoding == "utf-16");
    BOOST_TEST(utf16.text == "获批11项");
}

BOOST_AUTO_TEST_CASE(characters_the_decoder_reads_in_line_and_those_it_checks) {
    // Three-byte characters are decoded in line unless their lead byte is E0 or ED: E0 80 AF (an
    // overlong '/') and ED A0 80 (a surrogate) are no characters, each byte one invalid byte and one
    // U+FFFD. Full-width digits (EF BC 91), the ideographic space (E3 80 80) and U+2212 (E2 88 92)
    // read as their ASCII twins. Offsets by hand: 3 U+FFFD, 获批立项 3-6, １１项 7-10, ， 10, 3 U+FFFD
    // 11-13, 专利授权量 14-18 (a phrase longer than the 8 bytes the word matcher compares at once),
    // the space 19, 326件 20-24.
    const std::string text =
        "\xE0\x80\xAF获批立项１１项，\xED\xA0\x80专利授权量\xE3\x80\x80"
        "326件，下降\xE2\x88\x92"
        "5%，技术合同成交额二十八万元。";
    const table_extraction x = extract_table(text);
    BOOST_TEST(x.invalid_bytes == 6u);
    const fact_table& t = x.facts;
    BOOST_TEST_REQUIRE(t.size() == 4u);
    BOOST_TEST(t.text_of(t.variable[0]) == "projects_approved");
    BOOST_TEST(t.value[0] == 11.0);
    BOOST_TEST(t.figure(0) == "１１项");
    BOOST_TEST((t.char_begin[0] == 7u && t.char_end[0] == 10u));
    BOOST_TEST(t.text_of(t.variable[1]) == "patents_granted");
    BOOST_TEST(t.value[1] == 326.0);
    BOOST_TEST((t.char_begin[1] == 20u && t.char_end[1] == 24u));
    BOOST_TEST(t.value[2] == -5.0);  // 下降 then U+2212 then 5%: a decline of 5 %
    BOOST_TEST(t.has(2, fact_flag::change));
    BOOST_TEST(t.text_of(t.variable[3]) == "tech_contract_value");
    BOOST_TEST(t.value[3] == 28.0);  // 二十八万元
    BOOST_TEST(t.text_of(t.unit[3]) == "万元");
}

BOOST_AUTO_TEST_CASE(parts_by_level_and_estimates) {
    // Round 13: "其中国家级项目3项、省级项目12项" are parts of the 45 projects applied (fact::level, flag
    // part; both were no_variable); 预计全年… in a report of the year is an estimate, not a target.
    const extraction parts = extract("2024年，全区申报科技项目45项，其中国家级项目3项、省级项目12项。");
    BOOST_TEST_REQUIRE(parts.facts.size() == 3u);
    const auto has = [](const fact& f, const char* flag) {
        return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
    };
    BOOST_TEST(parts.facts[0].level == "");
    BOOST_TEST(!has(parts.facts[0], "part"));
    for (std::size_t i : {1u, 2u}) {
        BOOST_TEST(parts.facts[i].variable == "projects_applied");
        BOOST_TEST(has(parts.facts[i], "part"));
    }
    BOOST_TEST(parts.facts[1].level == "国家级");
    BOOST_TEST(parts.facts[2].level == "省级");
    const extraction annual = extract("某县2024年科技工作总结\n预计全年完成技术合同成交额5.2亿元。");
    BOOST_TEST_REQUIRE(annual.facts.size() == 1u);
    BOOST_TEST(has(annual.facts[0], "estimate"));
    BOOST_TEST(!has(annual.facts[0], "target"));
}

BOOST_AUTO_TEST_CASE(key_work_done_earlier_years_and_changes_after_parts) {
    // Round 13 trial: "二、重点工作进展" heads work done (its figures were all targets); a year
    // earlier than the title's in a paragraph is that paragraph's (136家 was 2024); a change after a
    // part is no part (12.1% was suspect against the total's 8.2%).
    const auto has = [](const fact& f, const char* flag) {
        return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
    };
    const extraction done =
        extract("某市2026年上半年科技工作总结\n二、重点工作进展\n获批立项41项。\n三、下半年工作打算\n力争立项50项。");
    BOOST_TEST_REQUIRE(done.facts.size() == 2u);
    BOOST_TEST(!has(done.facts[0], "target"));
    BOOST_TEST(has(done.facts[1], "target"));
    const extraction years =
        extract("某市2025年工作总结\n1.2024年全市研发经费投入28.6亿元，增长11.2%。\n2.新认定高新技术企业136家。");
    BOOST_TEST_REQUIRE(years.facts.size() == 3u);
    BOOST_TEST(years.facts[0].period == "2024");
    BOOST_TEST(years.facts[2].period == "2025");
    const extraction parts = extract("专利授权量2135件，同比下降8.2%，其中发明专利授权量356件，同比增长12.1%。");
    BOOST_TEST_REQUIRE(parts.facts.size() == 4u);
    for (const fact& f : parts.facts) BOOST_TEST(!has(f, "suspect"), f.text);
    BOOST_TEST(parts.findings.empty());
}

// Round 19: the reader asked unit::parse about every text after a figure that might be a unit, and
// each one that is none built a "did you mean" nobody read (~90 M instructions in a process's first
// call). try_parse_unit answers as unit::parse does, without the error.
BOOST_AUTO_TEST_CASE(the_readers_unit_parse_answers_as_unit_parse) {
    const std::string texts[] = {"万元",
                                 "亿元",
                                 "件/万人",
                                 "%",
                                 "个百分点",
                                 "万",
                                 "百万元",
                                 "吨标准煤/万元",
                                 "元·人",
                                 "元*人",
                                 "  万元 ",
                                 "万元",
                                 "万 元",
                                 "万仁",
                                 "场次",
                                 "批次",
                                 "",
                                 "   ",
                                 "/人",
                                 "元/",
                                 "件//人",
                                 "%%",
                                 "百分",
                                 "万美元",
                                 std::string(70, 'k'),
                                 std::string(70, ' '),
                                 "元/" + std::string(80, ' '),
                                 "亿亿元",
                                 "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkk*kkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"};
    for (const std::string& text : texts) {
        std::optional<unit> parsed;
        bool unknown = false;
        try {
            parsed = unit::parse(text);
        } catch (const unknown_unit_error&) {
            unknown = true;
        }
        const std::optional<unit> tried = detail::try_parse_unit(text);
        BOOST_TEST(tried.has_value() == !unknown, text);
        if (tried && parsed) {
            BOOST_TEST((tried->dim() == parsed->dim()), text);
            BOOST_TEST(tried->exponent() == parsed->exponent(), text);
            BOOST_TEST(tried->symbol() == parsed->symbol(), text);
            BOOST_TEST(tried->factor() == parsed->factor(), text);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_damage)

BOOST_AUTO_TEST_CASE(damaged_figures_are_missing_with_their_kind) {
    const std::pair<const char*, const char*> cases[] = {
        {"占比达到21.%", "dangling_point"},   {"应拨付资金35.万元", "dangling_point"}, {"申请量000件", "zero_digits"},
        {"共收集企业难题项，", "empty_slot"}, {"推荐名候选人", "empty_slot"},          {"00万元以上企业", "threshold"}};
    for (const auto& [text, kind] : cases) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(std::isnan(x.facts[0].amount.value), text);
        BOOST_TEST(x.facts[0].damage == kind, text);
        BOOST_TEST_REQUIRE(x.findings.size() == 1u, text);
        BOOST_TEST(x.findings[0].kind == kind, text);
    }
    const extraction refs = extract("科发〔20〕19号和[201]9号");
    BOOST_TEST(refs.facts.empty());  // never the number 201
    BOOST_TEST(refs.findings.size() == 2u);
}

BOOST_AUTO_TEST_CASE(more_digits_than_a_double_keeps_exactly_are_out_of_range) {
    // 9007199254740993 would read as …992; 10^19 patents are no figure of a report
    for (const char* text : {"技术合同成交额9007199254740993万元。", "专利授权量12345678901234567890件。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(std::isnan(x.facts[0].amount.value), text);
        const auto& flags = x.facts[0].flags;
        BOOST_TEST((std::find(flags.begin(), flags.end(), "out_of_range") != flags.end()), text);
    }
    BOOST_TEST(extract("研发投入123456789012345元。").facts.at(0).amount.value == 123456789012345.0);
}

BOOST_AUTO_TEST_CASE(split_lost_and_zero_led_digits_are_damage_over_the_whole_span) {
    // Each: one figure, missing, its kind, the text of the whole span (never a fragment as a figure).
    const std::tuple<const char*, const char*, const char*> cases[] = {
        {"本季度受理专利申请2 48件。", "2 48件", "split_digits"},
        {"落实研发补助35 70万元。", "35 70万元", "split_digits"},
        {"实现技术交易额47. 3亿元。", "47. 3亿元", "split_digits"},
        {"新登记技术合同2,6项。", "2,6项", "bad_grouping"},
        {"技术合同成交额12,345 678万元。", "12,345 678万元", "split_digits"},  // a separator lost to a blank
        {"争取上级资金2 ,360万元。", "2 ,360万元", "split_digits"},            // a blank beside a separator
        {"全市专利授权量1, 512件。", "1, 512件", "split_digits"},              // (never a bare 2 or 1)
        {"登记技术合同1.2.3.4项。", "1.2.3.4项", "extra_point"},               // (never 1.2)
        {"全区R&D经费支出.72亿元。", ".72亿元", "leading_point"},
        {"研发投入强度达到.93%。", ".93%", "leading_point"},
        {"实现技术交易额05.8亿元。", "05.8亿元", "leading_zeros"},
        {"通过评审立项项，", "项", "empty_slot"},
        {"新增授权专利 件，", "件", "empty_slot"},
        {"研发投入强度提升个百分点。", "个百分点", "empty_slot"},
        {"实现成交额万元。", "万元", "empty_slot"}};
    for (const auto& [text, figure, kind] : cases) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(std::isnan(x.facts[0].amount.value), text);
        BOOST_TEST(x.facts[0].damage == kind, text);
        BOOST_TEST(x.facts[0].text == figure, text);
        BOOST_TEST_REQUIRE(x.findings.size() == 1u, text);
        BOOST_TEST(x.findings[0].kind == kind, text);
    }
    extract_options guessing;
    guessing.guess = true;
    BOOST_TEST(extract("受理专利申请2 48件。", builtin_lexicon(), guessing).facts[0].guess == 248.0);
}

BOOST_AUTO_TEST_CASE(numbers_that_are_not_figures_and_sound_spaced_numbers) {
    const auto values = [](const char* text) {
        std::vector<double> out;
        for (const fact& f : extract(text).facts) out.push_back(f.amount.value);
        return out;
    };
    // list numbers, a telephone number, a document number in parentheses, ranks
    BOOST_TEST(
        (values("工作回顾。\n5.1-9月，登记技术合同86项。\n7.人才引进：引进博士12人。") == std::vector<double>{86, 12}));
    BOOST_TEST(extract("工作回顾。\n7.人才引进：引进博士12人。").findings.empty());  // no dangling point
    BOOST_TEST((values("咨询电话：0579-82345678，受理咨询40次。") == std::vector<double>{40}));
    BOOST_TEST((values("依据浙科发（2022）7号和(2021)33号，兑现资金80万元。") == std::vector<double>{80}));
    BOOST_TEST((values("发明专利增速位列全省第3位，排名第1-3名。") == std::vector<double>{}));
    // a table's cells, a thousands separator, a clause comma and a year before a blank stay sound
    const extraction table =
        extract("指标 单位 本年 上年 增幅%\n技术交易额 亿元 96.4 80.2 20.2\n授权专利 件 4215 3980 5.9\n");
    for (const fact& f : table.facts) BOOST_TEST(f.damage.empty());
    BOOST_TEST(table.findings.empty());
    BOOST_TEST((values("2023年 新增企业15家，专利授权量1,234件，申报项目12，获批8项。") ==
                std::vector<double>{15, 1234, 12, 8}));
}

BOOST_AUTO_TEST_CASE(a_chinese_zero_counted_for_an_activity_is_suspect) {
    const extraction x = extract("帮助企业解决难题零项。");
    BOOST_TEST_REQUIRE(x.facts.size() == 1u);
    BOOST_TEST(x.facts[0].amount.value == 0.0);
    BOOST_TEST(std::count(x.facts[0].flags.begin(), x.facts[0].flags.end(), "suspect") == 1);
    BOOST_TEST_REQUIRE(x.findings.size() == 1u);
    BOOST_TEST(x.findings[0].kind == "implausible_zero");
}

// The matcher tries a position only if some word starts with its first two code points (or is of
// one code point), the pair read as the decoder reads the text: a phrase whose second character is
// written in full width (Ｒ＆Ｄ: read as R&) and a phrase of one character are still found, in
// chunks of any size.
BOOST_AUTO_TEST_CASE(own_phrases_of_one_character_or_in_full_width_are_found) {
    const lexicon words = lexicon_from_toml(
        "[[variable]]\nid = \"rd_staff\"\nphrases = [\"Ｒ＆Ｄ人员\"]\nunit = \"人\"\n"
        "[[variable]]\nid = \"grants\"\nphrases = [\"丁\"]\nunit = \"件\"\n",
        "l.toml");
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const extraction x = extract("全县Ｒ＆Ｄ人员326人。\n全县丁12件。\n", words, options);
        BOOST_TEST_REQUIRE(x.facts.size() == 2u, "chunks of " << chunk);
        BOOST_TEST(x.facts[0].variable == "rd_staff");
        BOOST_TEST(x.facts[0].amount.value == 326.0);
        BOOST_TEST(x.facts[1].variable == "grants");
        BOOST_TEST(x.facts[1].amount.value == 12.0);
    }
}

// Round 29's reading rules (stars, page counters, blanks before 月, session ordinals, wraps before a
// star) on the cases the review found them wrong on, with the cases each rule was made for.
namespace {
std::vector<std::string> texts_of(const extraction& x) {
    std::vector<std::string> out;
    for (const fact& f : x.facts) out.push_back(f.text);
    return out;
}
bool masked(const fact& f) { return std::count(f.flags.begin(), f.flags.end(), "masked") == 1; }
}  // namespace

BOOST_AUTO_TEST_CASE(emphasis_is_no_mask_and_a_mask_stays_one) {
    for (const auto& [text, figure, value] : {std::tuple{"2023年，全区新增高新技术企业**120**家。", "120**家", 120.0},
                                              std::tuple{"全区研发投入**12.5**亿元。", "12.5**亿元", 12.5},
                                              std::tuple{"全区新认定高新技术企业**120家**。", "120家", 120.0}}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].text == figure, text);
        BOOST_TEST(x.facts[0].amount.value == value, text);
        BOOST_TEST(!masked(x.facts[0]), text);
    }
    for (const char* text : {"**项目管理**取得成效。", "**人才引进**成效明显。", "重点抓好*万人计划*。"})
        BOOST_TEST(extract(text).facts.empty(), text);
    BOOST_TEST((texts_of(extract("*项目*数量达15个。")) == std::vector<std::string>{"15个"}));
    // rd29's masks
    for (const auto& [text, figures] : {std::pair{"全区申报高新技术企业**家（其中新认定**家，复审*家）。",
                                                  std::vector<std::string>{"**家", "**家", "*家"}},
                                        std::pair{"产值占比为**%。", std::vector<std::string>{"**%"}},
                                        std::pair{"技术合同成交额12.**亿元。", std::vector<std::string>{"12.**亿元"}},
                                        std::pair{"召开培训会议＊次。", std::vector<std::string>{"＊次"}}}) {
        const extraction x = extract(text);
        BOOST_TEST((texts_of(x) == figures), text);
        for (const fact& f : x.facts) BOOST_TEST((masked(f) && std::isnan(f.amount.value)), text);
    }
    // a star between digits multiplies: no masked figure, 4个 read as before round 29
    const extraction product = extract("共3*4个项目。");
    for (const fact& f : product.facts) BOOST_TEST(!masked(f));
    BOOST_TEST(texts_of(product).back() == "4个");
}

BOOST_AUTO_TEST_CASE(page_counters_are_bare_digits_and_counts_of_views_are_figures) {
    for (const char* text : {"全年网站浏览量：35万人次。", "平台累计浏览量 120万次。", "全年科普文章阅读量 3000万次。"})
        BOOST_TEST(extract(text).facts.size() == 1u, text);
    for (const char* text : {"浏览量:1", "阅读次数：35 | 来源：市科技局\n", "浏览量 12 发布时间"})
        BOOST_TEST(extract(text).facts.empty(), text);
}

BOOST_AUTO_TEST_CASE(a_month_range_with_blanks_before_its_words_is_a_period) {
    for (const char* text : {"2023 年 1—9 月，全市专利授权1200件。", "2023年1-9\t月，全市专利授权1200件。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].text == "1200件", text);
        BOOST_TEST(x.facts[0].period == "2023YTD09", text);
    }
    BOOST_TEST(extract("2022\t年，全市研发投入强度为3.02%。").facts.at(0).period == "2022");
}

// The walk asks period_at only where the code point after a start can continue a period (a digit run's
// first four digits before 年/月/季度/a blank/a dash, a Chinese digit before 季度/月/a digit, a word
// before its second character): every kind of start still reads its period.
BOOST_AUTO_TEST_CASE(every_start_of_a_period_still_reads_it) {
    const std::string head = "某市2025年科技工作总结\n";
    const std::vector<std::pair<std::string, std::string>> cases = {{"2025年1-9月，", "2025YTD09"},
                                                                    {"一季度，", "2025Q1"},
                                                                    {"三季度，", "2025Q3"},
                                                                    {"十月，", "2025-10"},
                                                                    {"十一月，", "2025-11"},
                                                                    {"上半年，", "2025H1"},
                                                                    {"下半年，", "2025H2"},
                                                                    {"前三季度，", "2025YTD09"},
                                                                    {"1—6月，", "2025H1"},
                                                                    {"6 月，", "2025-06"},
                                                                    {"今年，", "2025"},
                                                                    {"全年，", "2025"},
                                                                    {"2024年，", "2024"}};
    for (const auto& [lead, period] : cases) {
        const extraction x = extract(head + lead + "全市专利授权1200件。");
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, lead);
        BOOST_TEST(x.facts[0].period == period, lead);
    }
    BOOST_TEST(extract(head + "截至9月底，全市高新技术企业达到1200家。").facts.at(0).period == "2025YTD09");
    BOOST_TEST(extract("二〇二五年，全市专利授权1200件。").facts.at(0).period == "2025");
    BOOST_TEST(extract("“十四五”末，全市高新技术企业达到1200家。").facts.at(0).period == "2025");
}

BOOST_AUTO_TEST_CASE(a_session_follows_its_term_and_counts_elsewhere_stay) {
    for (const char* text : {"认真贯彻省委十三届三次、四次全会精神。", "市十七届人大三次会议审议通过了政府工作报告。",
                             "十四届全国人大三次会议胜利召开。"})
        BOOST_TEST(extract(text).facts.empty(), text);
    BOOST_TEST((texts_of(extract("本届以来共召开三次会议。")) == std::vector<std::string>{"三次"}));
    BOOST_TEST((texts_of(extract("连续举办两届，每届三次培训。")) == std::vector<std::string>{"三次"}));
}

BOOST_AUTO_TEST_CASE(a_star_footnote_is_not_joined_to_a_wrapped_line) {
    // a report wrapped at 16 characters (its breaks inside sentences), a full line, then a footnote
    const std::string wrapped =
        "2023年，全市技术合同成交额达\n到120亿元，同比增长18.5%\n，全市申报高新技术企业**家，全\n"
        "市研发投入强度为3.02%，同比\n提高0.2个百分点，全市新增省级\n研发机构12家，全市专利授权量为\n"
        "1200件，全市技术合同成交额全\n";
    const std::string note = "*注：3.5%";
    const std::string text = wrapped + note + "\n";
    const extraction x = extract(text);
    BOOST_TEST_REQUIRE(!x.facts.empty());
    const fact& last = x.facts.back();
    BOOST_TEST(last.text == "3.5%");
    BOOST_TEST(text.substr(last.clause_begin, last.clause_end - last.clause_begin) == note);
    const auto masks = std::count_if(x.facts.begin(), x.facts.end(), [](const fact& f) { return f.text == "**家"; });
    BOOST_TEST(masks == 1);  // rd29's mask in the same report
}

// The reader tests a bound word's last character, a measure word's first and a year span's dash
// before the words themselves (round 30): the figures, units and qualifiers are those of the words.
BOOST_AUTO_TEST_CASE(qualifiers_and_measure_words_are_read_after_their_first_character_tests) {
    struct expected {
        const char* text;
        double value;
        const char* unit;
        qualifier qual;
    };
    const expected cases[] = {{"不超过50万元", 50, "万元", qualifier::upper_bound},
                              {"超过3000家", 3000, "家", qualifier::lower_bound},
                              {"签约12项", 12, "项", qualifier::exact},  // 约 closes 签约: no "about"
                              {"约12项", 12, "项", qualifier::approximate},
                              {"近百家", 100, "家", qualifier::upper_bound},
                              {"培训23场次", 23, "场次", qualifier::exact},
                              {"质押融资4笔", 4, "笔", qualifier::exact},
                              {"1.2万名", 1.2, "万名", qualifier::exact},
                              {"增长1.5倍", 1.5, "倍", qualifier::exact},
                              {"千分之三", 3, "‰", qualifier::exact},
                              {"十二个百分点", 12, "个百分点", qualifier::exact},
                              {"共举办培训班十二期", 12, "期", qualifier::exact},
                              {"走访企业320家次", 320, "家次", qualifier::exact},
                              {"5万人民币", 5, "万元", qualifier::exact},
                              {"举办活动20场左右", 20, "场", qualifier::approximate},
                              {"引进人才50名以上", 50, "名", qualifier::lower_bound},
                              {"2023-2025年共实施120项", 120, "项", qualifier::exact}};
    for (const auto& c : cases) {
        const auto q = find_quantities(c.text);
        BOOST_TEST_REQUIRE(q.size() == 1u, c.text);
        BOOST_TEST(q[0].value == c.value, c.text);
        BOOST_TEST(q[0].unit == c.unit, c.text);
        BOOST_TEST((q[0].qual == c.qual), c.text);
    }
    // a figure after one with a unit and a qualifier starts afresh: no unit, no bound carried over
    const auto two = find_quantities("约12项和5");
    BOOST_TEST_REQUIRE(two.size() == 2u);
    BOOST_TEST(two[1].value == 5.0);
    BOOST_TEST(two[1].unit.empty());
    BOOST_TEST((two[1].qual == qualifier::exact));
    BOOST_TEST(find_quantities("各项工作").empty());                          // 各 before 项: a word, no lost number
    BOOST_TEST(std::isnan(find_quantities("共收集企业难题项").at(0).value));  // a count verb, then 项: a lost number
}

// ---- Round 30: figures a new user found read as confident wrong numbers (issue 13) ----------

namespace {
bool has_fact_flag(const fact& f, const std::string& flag) {
    return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_chinese_amount_with_yi_and_wan_is_read_in_wan) {
    const std::pair<const char*, double> cases[] = {{"2025年，全市财政科技支出五亿四千万元。", 54000},
                                                    {"2025年，全市技术合同成交额二亿七千三百万元。", 27300},
                                                    {"2025年，全市技术合同成交额三亿零八百万元。", 30800}};
    for (const auto& [text, value] : cases) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].amount.unit == "万元", text);
        BOOST_TEST(x.facts[0].amount.value == value, text);
    }
    BOOST_TEST(extract("2025年，全市技术合同成交额二十八亿元。").facts.at(0).amount.value == 28);  // still 亿元
}

BOOST_AUTO_TEST_CASE(a_negated_or_lapsed_phrase_gives_no_variable) {
    for (const char* text : {"2025年，全市尚未拨付科技补助资金85万元。", "2025年，全市应拨未拨科技补助资金85万元。",
                             "2025年，全市暂未兑现奖励资金85万元。", "2025年，全市申报项目40项，未获批项目9项。",
                             "2025年，全市没有到位资金65万元。", "2025年，全市未登记技术合同7项。",
                             "2025年，全市有效发明专利失效15件。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(!x.facts.empty(), text);
        const fact& f = x.facts.back();
        BOOST_TEST(f.variable == "", text);
        BOOST_TEST(has_fact_flag(f, "no_variable"), text);
        BOOST_TEST(!std::isnan(f.amount.value), text);  // kept with its value
    }
    // the words of their own that open with 未/无 leave the binding alone
    BOOST_TEST(extract("未来三年，全市技术合同成交额5.8亿元。").facts.at(0).variable == "tech_contract_value");
    BOOST_TEST(extract("2025年，全市已拨付科技补助资金85万元。").facts.at(0).variable != "");
}

BOOST_AUTO_TEST_CASE(an_amount_in_another_currency_keeps_its_unit_and_no_variable) {
    // the review of round 30 added 万亿, 美金 and a currency with no multiplier
    const std::pair<const char*, const char*> cases[] = {{"2025年，全市技术合同成交额2.4亿美元。", "亿美元"},
                                                         {"2025年，全市研发经费投入860万欧元。", "万欧元"},
                                                         {"2025年，全市技术合同成交额1.2万亿美元。", "万亿美元"},
                                                         {"2025年，全市技术合同成交额5亿美金。", "亿美金"},
                                                         {"2025年，全市技术合同成交额3200美元。", "美元"}};
    for (const auto& [text, unit] : cases) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        const fact& f = x.facts[0];
        BOOST_TEST(f.amount.unit == unit, text);
        BOOST_TEST(f.variable == "", text);
        BOOST_TEST(has_fact_flag(f, "unit_mismatch"), text);
    }
}

BOOST_AUTO_TEST_CASE(an_average_or_one_firms_figure_is_not_the_total) {
    for (const char* text :
         {"2025年，全市平均每家企业研发经费投入45万元。", "2025年，全市研发经费投入最高的企业达1.3亿元。",
          "2025年，全市每项技术合同成交额95万元。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].variable == "", text);
    }
}

// The review of round 30: the denial words are looked for around the phrase, not inside it (a
// lexicon phrase may hold 平均 or 未), 未有/未经 deny nothing, and a ratio or an average is not
// narrowed by 平均 (it is one already).
BOOST_AUTO_TEST_CASE(a_denial_word_inside_the_phrase_or_before_a_ratio_keeps_the_variable) {
    const std::pair<const char*, const char*> bound[] = {
        {"2025年，全市研发投入（未经审计）2.3亿元。", "rd_expenditure"},
        {"2025年，全市平均每万人口发明专利拥有量35.6件。", "invention_patents_per_10k"},
        {"2025年，全市研发经费投入强度平均达到2.8%。", "rd_intensity"}};
    for (const auto& [text, variable] : bound) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].variable == variable, text);
    }
    lexicon lex = builtin_lexicon();
    lexicon_entry average;
    average.variable = "avg_employees", average.phrases = {"年平均从业人员"}, average.unit = "人";
    lexicon_entry unpaid;
    unpaid.variable = "unpaid_balance", unpaid.phrases = {"未偿还贷款余额"}, unpaid.unit = "万元";
    lex.push_back(average), lex.push_back(unpaid);
    const extraction own = extract("2025年，全市规上企业年平均从业人员3.2万人，未偿还贷款余额3200万元。", lex);
    BOOST_TEST_REQUIRE(own.facts.size() == 2u);
    BOOST_TEST(own.facts[0].variable == "avg_employees");
    BOOST_TEST(own.facts[1].variable == "unpaid_balance");
    // still denied: the word before the phrase, and 平均 before an amount
    BOOST_TEST(extract("2025年，全市未拨付科技补助资金85万元。").facts.at(0).variable == "");
    BOOST_TEST(extract("2025年，全市平均每项技术合同成交额95万元。").facts.at(0).variable == "");
}

BOOST_AUTO_TEST_CASE(a_blank_inside_a_half_year_or_a_month_range_keeps_the_period) {
    for (const char* text : {"2025年下半 年，全市专利授权量640件。", "2025年1 -9月，全市专利授权量640件。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].text == "640件", text);
    }
    BOOST_TEST(extract("2025年下半 年，全市专利授权量640件。").facts.at(0).period == "2025H2");
    BOOST_TEST(extract("2025年1 -9月，全市专利授权量640件。").facts.at(0).period == "2025YTD09");
}

BOOST_AUTO_TEST_CASE(a_table_cell_split_by_a_blank_before_a_zero_is_flagged) {
    const extraction x = extract("指标名称 单位 上年同期 本期\n专利授权量 件 2 045 980\n");
    std::vector<std::string> damaged;
    for (const fact& f : x.facts)
        if (f.damage == "split_digits") damaged.push_back(f.text);
    BOOST_TEST((damaged == std::vector<std::string>{"2 045"}));
    for (const fact& f : x.facts) BOOST_TEST(f.text != "2", f.text);  // never a confident 2
}

// Round 30b: 半 after 倍 adds a half (一倍半 = 1.5 times), 多 after it is a lower bound as before a
// unit (1000多家); neither alone is a plain whole number of times.
BOOST_AUTO_TEST_CASE(half_or_more_after_times_is_read) {
    const auto one = [](const char* text) {
        const auto q = find_quantities(text);
        BOOST_TEST_REQUIRE(q.size() == 1u, text);
        return q[0];
    };
    BOOST_TEST(one("专利授权量增长一倍半").value == 1.5);
    BOOST_TEST(one("专利授权量增长2倍半").value == 2.5);
    BOOST_TEST(one("专利授权量增长一倍半").unit == "倍");
    BOOST_TEST((one("专利授权量增长一倍半").qual == qualifier::exact));
    BOOST_TEST(one("研发投入增长了3倍多").value == 3.0);
    BOOST_TEST((one("研发投入增长了3倍多").qual == qualifier::lower_bound));
    BOOST_TEST((one("研发投入增长了3倍").qual == qualifier::exact));
    BOOST_TEST(one("研发投入增长了1.5倍").value == 1.5);
}

// Round 30b: a count whose enumeration is closed by 总数/总量 (A、B总数达到58家) counts all its
// items, as one after 共 or 合计 does: no variable, never the last item's.
BOOST_AUTO_TEST_CASE(a_total_after_an_enumeration_binds_no_item) {
    for (const char* text :
         {"2025年，全区科技型中小企业、高新技术企业总数达到58家。",
          "2025年，全区高新技术企业、科技型中小企业总数为58家。", "2025年，全区科技型中小企业、高新技术企业总量58家。",
          "2025年，全区科技型中小企业和高新技术企业共58家。",
          "2025年，全区高新技术企业与科技型中小企业合计达到58家。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(x.facts[0].variable == "", text);
    }
    // no enumeration: the phrase's own total; 分别 pairs the list in order
    BOOST_TEST(extract("2025年，全区高新技术企业总数达到58家。").facts.at(0).variable == "hnte_total");
    const extraction respectively = extract("2025年，全区高新技术企业和科技型中小企业分别为12家、46家。");
    BOOST_TEST_REQUIRE(respectively.facts.size() == 2u);
    BOOST_TEST(respectively.facts[0].variable == "hnte_total");
    BOOST_TEST(respectively.facts[1].variable != "");
}

BOOST_AUTO_TEST_SUITE_END()

// Round 32: the changes a 分别 lists after an enumeration of levels are its members' in order; as
// many changes as members or none paired (a finding says why).
BOOST_AUTO_TEST_CASE(respective_changes_pair_with_enumerated_levels) {
    const auto has = [](const fact& f, const char* flag) {
        return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
    };
    const extraction x = extract("全县新认定高新技术企业23家、科技型中小企业156家，分别比上年增加5家和31家。");
    BOOST_TEST_REQUIRE(x.facts.size() == 4u);
    BOOST_TEST(x.facts[2].variable == x.facts[0].variable);
    BOOST_TEST(x.facts[3].variable == x.facts[1].variable);
    BOOST_TEST((has(x.facts[2], "change") && has(x.facts[3], "change")));
    BOOST_TEST(x.findings.empty());
    const extraction more = extract("全县新认定高新技术企业23家、科技型中小企业156家，分别比上年增加5家、31家和7家。");
    BOOST_TEST_REQUIRE(more.facts.size() == 5u);
    for (std::size_t k = 2; k < 5; ++k) BOOST_TEST(more.facts[k].variable == "", k);
    BOOST_TEST_REQUIRE(more.findings.size() == 1u);  // once for the list
    BOOST_TEST(more.findings[0].kind == "respective_count");
}

// The matcher skips the candidates that share the first bytes a text differs from (words in byte
// order, round 30): words sharing 3 to 16 bytes, each met in a text that differs from its
// neighbours at a different byte, must each be found — and the longest where one is inside another.
BOOST_AUTO_TEST_CASE(words_sharing_their_first_bytes_are_each_found) {
    const char* const words[] = {"研发费用", "研发费用投入", "研发费用加计", "研发人员",          "研发机构",
                                 "研究经费", "ABCDEFGHIJ1",  "ABCDEFGHIJ2",  "ABCDEFGHIJKLMNOPQ", "ABCDEFGHX"};
    std::string toml;
    for (std::size_t i = 0; i < std::size(words); ++i)
        toml +=
            "[[variable]]\nid = \"v" + std::to_string(i) + "\"\nphrases = [\"" + words[i] + "\"]\nunit = \"万元\"\n";
    const lexicon lex = lexicon_from_toml(toml, "shared_prefixes.toml");
    for (std::size_t i = 0; i < std::size(words); ++i) {
        const std::string text = std::string("今年") + words[i] + "为120万元，比上年有所增长，继续保持稳定。";
        const extraction out = extract(text, lex);
        BOOST_TEST_REQUIRE(out.facts.size() == 1u, words[i]);
        BOOST_TEST(out.facts[0].variable == "v" + std::to_string(i), words[i]);
    }
}

// Round 32 (trial32a): the table of a 统计公报 whose header names a level column and a change
// column but no year ("指标 绝对数 比上年增长（%）" under 单位：件), in the layouts a converter leaves.
BOOST_AUTO_TEST_SUITE(report_tables_round32)

namespace {
const char* const cell_gaps[] = {"    ", " | ", "\t", "\xE3\x80\x80\xE3\x80\x80"};  // blanks, bars, a tab, full-width

bool has_flag(const fact& f, const std::string& flag) {
    return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
}

// The 公报 table "表12" with the header's columns and the row's cells joined by `gap`.
std::string gongbao_table(const std::string& gap, const std::vector<std::string>& header,
                          const std::vector<std::string>& row, const char* unit = "单位：件") {
    std::string t = std::string("表12  2024年专利授权情况\n") + unit + "\n指标";
    for (const std::string& h : header) t += gap + h;
    t += "\n专利授权量";
    for (const std::string& c : row) t += gap + c;
    return t + "\n";
}

std::size_t findings_of(const extraction& x, const std::string& kind) {
    return static_cast<std::size_t>(
        std::count_if(x.findings.begin(), x.findings.end(), [&](const report_finding& f) { return f.kind == kind; }));
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_level_and_a_change_column_without_a_year_are_read_in_either_order) {
    for (const char* gap : cell_gaps) {
        for (const bool level_first : {true, false}) {
            const std::vector<std::string> header = level_first ? std::vector<std::string>{"绝对数", "比上年增长（%）"}
                                                                : std::vector<std::string>{"比上年增长（%）", "绝对数"};
            const std::vector<std::string> row =
                level_first ? std::vector<std::string>{"12845", "3.2"} : std::vector<std::string>{"3.2", "12845"};
            const std::string text = gongbao_table(gap, header, row);
            const extraction x = extract(text);
            BOOST_TEST_REQUIRE(x.facts.size() == 2u, text);
            for (const fact& f : x.facts) {
                BOOST_TEST(f.variable == "patents_granted", text);
                BOOST_TEST(f.period == "2024", text);
                if (f.amount.value == 12845) {
                    BOOST_TEST(!has_flag(f, "change"), text);
                    BOOST_TEST(f.amount.unit == "件", text);
                } else {
                    BOOST_TEST(f.amount.value == 3.2, text);
                    BOOST_TEST(has_flag(f, "change"), text);  // the growth, never a level of 3.2件
                    BOOST_TEST(f.amount.unit == "%", text);
                }
            }
            BOOST_TEST(findings_of(x, "table_row") == 0u, text);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unavailable_level_cell_lets_no_growth_in_as_the_level) {
    for (const char* gap : cell_gaps) {
        const std::string text = gongbao_table(gap, {"绝对数", "比上年增长（%）"}, {"—", "3.2"});
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        BOOST_TEST(has_flag(x.facts[0], "change"), text);
        BOOST_TEST(x.facts[0].amount.unit == "%", text);
    }
}

BOOST_AUTO_TEST_CASE(other_level_labels_and_a_decline_keep_their_meaning) {
    for (const char* level : {"数量", "数值", "总量", "本期", "本年"}) {
        for (const char* change : {"增长%", "增速（%）", "同比（%）", "比上年增长（%）"}) {
            const std::string text = gongbao_table("    ", {level, change}, {"12845", "-3.2"});
            const extraction x = extract(text);
            BOOST_TEST_REQUIRE(x.facts.size() == 2u, text);
            BOOST_TEST(x.facts[0].amount.value == 12845, text);
            BOOST_TEST(!has_flag(x.facts[0], "change"), text);
            BOOST_TEST(x.facts[1].amount.value == -3.2, text);  // the minus kept
            BOOST_TEST(has_flag(x.facts[1], "change"), text);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_change_column_headed_in_points_is_in_points) {
    const std::string text =
        "表3  2024年科技投入\n指标 | 数值 | 比上年增减（个百分点）\n研发经费投入强度（%） | 2.41 | 0.12\n";
    const extraction x = extract(text);
    BOOST_TEST_REQUIRE(x.facts.size() == 2u, text);
    BOOST_TEST(x.facts[0].amount.unit == "%", text);
    BOOST_TEST(!has_flag(x.facts[0], "change"), text);
    BOOST_TEST(x.facts[1].amount.unit == "个百分点", text);
    BOOST_TEST(has_flag(x.facts[1], "change"), text);
}

BOOST_AUTO_TEST_CASE(damaged_cells_of_a_table_without_a_year_are_damaged) {
    for (const char* gap : cell_gaps) {
        const std::pair<const char*, const char*> cases[] = {{"12 845", "split_digits"}, {"12,84", "bad_grouping"}};
        for (const auto& [cell, damage] : cases) {
            const std::string text = gongbao_table(gap, {"绝对数", "比上年增长（%）"}, {cell, "3.2"});
            const extraction x = extract(text);
            std::vector<std::string> damaged;
            for (const fact& f : x.facts) {
                if (f.damage == damage) damaged.push_back(f.text);
                BOOST_TEST(!(f.variable == "patents_granted" && f.amount.value == 12), text);  // never a confident 12
            }
            BOOST_TEST((damaged == std::vector<std::string>{cell}), text);
        }
    }
}

BOOST_AUTO_TEST_CASE(level_words_without_a_change_column_are_no_header_as_before) {
    // "指标 数量 金额" says nothing of periods: not a table's header, its row read as before (prose)
    const extraction x =
        extract("表12  2024年专利授权情况\n单位：件\n指标    数量    金额\n专利授权量    12845    3.2\n");
    BOOST_TEST(findings_of(x, "table_row") == 0u);
    // a year header is read as before, a level column beside it too
    const extraction years = extract("指标 | 2023年 | 2024年 | 增长%\n专利授权量（件） | 11200 | 12845 | 14.7\n");
    BOOST_TEST_REQUIRE(years.facts.size() == 3u);
    BOOST_TEST(years.facts[1].period == "2024");
    BOOST_TEST(years.facts[1].amount.value == 12845);
    BOOST_TEST(has_flag(years.facts[2], "change"));
}

// A table with a row per area ("县（市、区） 专利授权量 高新技术企业 …"): each row refused with a
// table_row finding, no figure of it read as the region's.
BOOST_AUTO_TEST_CASE(a_table_with_a_row_per_area_is_refused_row_by_row) {
    for (const char* gap : cell_gaps) {
        for (const char* area : {"县（市、区）", "县(市、区)", "地区", "乡镇（街道）"}) {
            std::string text = std::string("表10  2024年各县（市、区）科技主要指标\n单位：件、家、亿元\n") + area;
            for (const char* h : {"专利授权量", "高新技术企业", "技术合同成交额"}) text += gap + std::string(h);
            text += std::string("\n临江区") + gap + "3256" + gap + "512" + gap + "48.6\n东湖区" + gap + "2871" + gap +
                    "436" + gap + "39.2\n";
            const extraction x = extract(text);
            BOOST_TEST(x.facts.size() == 6u, text);
            for (const fact& f : x.facts) BOOST_TEST(f.variable == "", text);
            BOOST_TEST(findings_of(x, "table_row") == 2u, text);
            for (const report_finding& f : x.findings)
                BOOST_TEST(f.message.find("a row per area") != std::string::npos, f.message);
        }
    }
    // a table of years by area is read by its columns as before
    const extraction years = extract("单位：件\n地区 2023年 2024年\n临江区 3256 3311\n");
    BOOST_TEST(findings_of(years, "table_row") == 0u);
    BOOST_TEST_REQUIRE(years.facts.size() == 2u);
    BOOST_TEST(years.facts[1].period == "2024");
    BOOST_TEST(years.facts[1].amount.unit == "件");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reader_round33)

using report_tables_round32::findings_of;

// A noun of its own before a 分别 after listed groups (研发经费投入分别增长…): each group's quantity, no
// variable of the whole, one finding for the list; comparison words alone still pair (round 32).
BOOST_AUTO_TEST_CASE(a_groups_quantity_after_respectively_has_no_variable) {
    const extraction x = extract("全县高新技术企业230家、科技型中小企业1560家，营业收入分别增长15%和8%。");
    BOOST_TEST_REQUIRE(x.facts.size() == 4u);
    BOOST_TEST((x.facts[2].variable == "" && x.facts[3].variable == ""));
    BOOST_TEST(findings_of(x, "respective_of_groups") == 1u);
    const extraction paired = extract("全县高新技术企业230家、科技型中小企业1560家，分别增长15%和8%。");
    BOOST_TEST_REQUIRE(paired.facts.size() == 4u);
    BOOST_TEST(paired.facts[2].variable == paired.facts[0].variable);
    BOOST_TEST(findings_of(paired, "respective_of_groups") == 0u);
}

// 当月 is the bulletin's month; 本月 ends with its sentence; 本年 of a month's bulletin is its span.
BOOST_AUTO_TEST_CASE(month_words_of_a_bulletin) {
    const extraction x = extract(
        "2025年1—5月科技统计月报\n当月新增高新技术企业3家；本年累计新增高新技术企业12家。"
        "本月新增科技型中小企业5家。全县新增高新技术企业12家。\n");
    BOOST_TEST_REQUIRE(x.facts.size() == 4u);
    BOOST_TEST(x.facts[0].period == "2025-05");
    BOOST_TEST(x.facts[1].period == "2025YTD05");
    BOOST_TEST(x.facts[2].period == "2025-05");
    BOOST_TEST(x.facts[3].period == "2025YTD05");
}

// A sentence of the bureau's own budget gives the region no fiscal figure; the region's stands.
BOOST_AUTO_TEST_CASE(own_budget_lines_are_no_regional_indicator) {
    const extraction own = extract("2024年部门预算收入合计3250万元，其中财政科技支出2800万元，基本支出1200万元。");
    for (const fact& f : own.facts) BOOST_TEST(f.variable == "");
    BOOST_TEST(findings_of(own, "own_budget") == 1u);
    const extraction region = extract("2024年部门预算中，全县财政科技支出2800万元。");
    BOOST_TEST_REQUIRE(region.facts.size() == 1u);
    BOOST_TEST(region.facts[0].variable == "fiscal_st_expenditure");
    BOOST_TEST(findings_of(region, "own_budget") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
