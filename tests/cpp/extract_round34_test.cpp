// Round 34 (issue 13): a doubling stated with no figure (翻一番) is a finding, an average annual
// change (年均增长) is scoped apart from the year's change, and a table by area reads a row whose
// name a PDF conversion wrapped onto two lines, and the report's administrative units as areas.
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
std::size_t row_of(const fact_table& t, const std::string& figure) {
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.figure(i) == figure) return i;
    BOOST_FAIL("no figure " << figure);
    return 0;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_round34)

BOOST_AUTO_TEST_CASE(a_doubling_without_a_figure_is_a_finding_for_any_chunk_size) {
    const std::string text = "2025年，专利授权量326件。\n研发经费投入比2020年翻一番。\n技术合同成交额翻两番。\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST(x.facts.size() == 1u);
        BOOST_TEST(count_kind(x, "doubling") == 2u);
        const auto first = std::find_if(x.findings.begin(), x.findings.end(),
                                        [](const report_finding& f) { return f.kind == "doubling"; });
        BOOST_TEST(first->text == "研发经费投入比2020年翻一番");
        BOOST_TEST(first->message.find("×2") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(an_average_annual_growth_is_scoped_annual_average) {
    const table_extraction x = extract_table("2025年，研发经费投入增长8%，近三年年均增长12%。");
    const fact_table& t = x.facts;
    BOOST_TEST(t.text_of(t.scope[row_of(t, "12%")]) == "annual_average");
    BOOST_TEST(t.text_of(t.scope[row_of(t, "8%")]) != "annual_average");
    BOOST_TEST(t.has(row_of(t, "12%"), fact_flag::change));
}

BOOST_AUTO_TEST_CASE(a_wrapped_area_name_and_administrative_units_are_rows_of_areas) {
    const std::string text =
        "2025年统计公报\n县（市、区） 专利授权量（件） 高新技术企业（家）\n青山县 326 45\n锡林郭勒盟东乌珠穆沁\n旗 120 "
        "30\n市本级 70 9\n高新区管委会 60 20\n合计 576 104\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        const fact_table& t = x.facts;
        BOOST_TEST(count_kind(x, "table_row") == 0u);
        BOOST_TEST(t.text_of(t.entity[row_of(t, "120")]) == "锡林郭勒盟东乌珠穆沁旗");
        BOOST_TEST(t.text_of(t.variable[row_of(t, "30")]) == "hnte_total");
        BOOST_TEST(t.text_of(t.entity[row_of(t, "70")]) == "市本级");
        BOOST_TEST(t.text_of(t.entity[row_of(t, "60")]) == "高新区");
        BOOST_TEST(t.text_of(t.entity[row_of(t, "576")]) == "");
    }
}

BOOST_AUTO_TEST_SUITE_END()
