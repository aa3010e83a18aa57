// Round 37 (issue 13): a growth column of a table by area is the change of the column before it, and a column of
// neither an amount nor a share under 单位：万元、% takes no unit (a finding says so), whatever the chunks.
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

BOOST_AUTO_TEST_SUITE(report_extraction_round37)

BOOST_AUTO_TEST_CASE(a_growth_column_by_area_is_the_change_of_the_column_before_for_any_chunk_size) {
    // main: the 8.5 and -2.1 had no variable (a table_heading finding for 比上年增长)
    const std::string text = "某市2025年科技统计公报\n区县 研发经费(亿元) 比上年增长(%)\n甲县 12 8.5\n乙县 9 -2.1\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST_REQUIRE(x.facts.size() == 4u);
        if (chunk != std::size_t{1} << 15) continue;  // a header cut by a chunk may be read as prose: no wrong unit
        for (std::size_t i = 0; i < x.facts.size(); ++i) {
            BOOST_TEST(x.facts.text_of(x.facts.variable[i]) == "rd_expenditure");
            BOOST_TEST(x.facts.text_of(x.facts.unit[i]) == (i % 2 ? "%" : "亿元"));
        }
        BOOST_TEST(x.facts.text_of(x.facts.entity[3]) == "乙县");
        BOOST_TEST(count_kind(x, "table_heading") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(a_productivity_column_takes_no_unit_from_a_units_line_for_any_chunk_size) {
    // main: 劳动生产率 (万元/人) took 万元, the amount's unit
    const std::string text =
        "某市2025年科技统计公报\n单位：万元、%\n县（市、区） 研发经费支出 比上年增长 劳动生产率\n甲县 1200 12.5 30\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST_REQUIRE(x.facts.size() == 3u);
        BOOST_TEST(x.facts.text_of(x.facts.unit[2]) != "万元");
        if (chunk == std::size_t{1} << 15) {
            BOOST_TEST(x.facts.text_of(x.facts.unit[2]).empty());
            BOOST_TEST(x.facts.text_of(x.facts.variable[1]) == "rd_expenditure");
            BOOST_TEST(count_kind(x, "table_unit") == 1u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
