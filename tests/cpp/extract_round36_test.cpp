// Round 36 (issue 13): a table with a 序号 column goes on past a note between its rows, and a 单位 line inside a
// table gives its rows their unit, whatever the chunks — never a figure in a unit its line did not state.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <string>

#include "zhibiao/extract.hpp"

using namespace zhibiao;

namespace {
std::size_t count_kind(const table_extraction& x, const std::string& kind) {
    return static_cast<std::size_t>(
        std::count_if(x.findings.begin(), x.findings.end(), [&](const report_finding& f) { return f.kind == kind; }));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_round36)

BOOST_AUTO_TEST_CASE(a_numbered_table_goes_on_past_a_note_for_any_chunk_size) {
    // main: the rows after the note had no variable nor area, and no finding
    const std::string text =
        "某市2025年科技统计公报\n表1 各县专利授权情况\n序号 县（市、区） 专利授权量（件） 发明专利授权量（件）\n"
        "1 甲县 1200 300\n注：含外观设计专利。\n2 乙县 800 100\n3 丙县 600 90\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST_REQUIRE(x.facts.size() == 6u);
        for (std::size_t i = 0; i < x.facts.size(); ++i) {
            BOOST_TEST(!x.facts.text_of(x.facts.variable[i]).empty());
            BOOST_TEST(x.facts.text_of(x.facts.unit[i]) == "件");
        }
        BOOST_TEST(x.facts.text_of(x.facts.entity[5]) == "丙县");
        BOOST_TEST(count_kind(x, "table_row") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(a_units_line_inside_a_table_gives_its_rows_that_unit_or_none) {
    const std::string text =
        "某市2025年科技统计公报\n表2 各县研发经费情况\n县（市、区） 研发经费支出 技术合同成交额\n"
        "单位：万元\n甲县 1200 300\n乙县 800 100\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST_REQUIRE(x.facts.size() == 4u);
        for (std::size_t i = 0; i < x.facts.size(); ++i) {
            const std::string unit(x.facts.text_of(x.facts.unit[i]));
            BOOST_TEST((unit == "万元" || (chunk != (std::size_t{1} << 15) && unit.empty())));  // never 万 alone
        }
        if (chunk == std::size_t{1} << 15) {
            BOOST_TEST(x.facts.text_of(x.facts.variable[0]) == "rd_expenditure");
            BOOST_TEST(x.facts.text_of(x.facts.entity[3]) == "乙县");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
