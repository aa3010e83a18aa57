// Round 35 (issue 13): periods listed before 分别 pair with the figures after it, in order, whatever
// the chunks; when the counts differ, a finding and no period — never the last year for all.
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
std::string period_of(const fact_table& t, const std::string& figure) {
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.figure(i) == figure) return std::string(t.text_of(t.period[i]));
    BOOST_FAIL("no figure " << figure);
    return {};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_round35)

BOOST_AUTO_TEST_CASE(periods_listed_before_respectively_pair_with_its_figures_for_any_chunk_size) {
    const std::string text =
        "某市2025年科技工作总结\n2024年、2025年本市技术合同成交额分别为120亿元和150亿元，分别增长8%和12%。\n"
        "2023年、2024年和2025年专利授权量分别为900件和1000件。\n全市发明专利授权量1500件。\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        BOOST_TEST(period_of(x.facts, "120亿元") == "2024");
        BOOST_TEST(period_of(x.facts, "150亿元") == "2025");
        BOOST_TEST(period_of(x.facts, "8%") == "2024");
        BOOST_TEST(period_of(x.facts, "12%") == "2025");
        BOOST_TEST(period_of(x.facts, "900件").empty());  // three years, two figures: no pairing
        BOOST_TEST(period_of(x.facts, "1000件").empty());
        BOOST_TEST(count_kind(x, "respectively") == 1u);
        BOOST_TEST(period_of(x.facts, "1500件") == "2025");  // the period in force again after the list
    }
}

BOOST_AUTO_TEST_CASE(a_row_whose_last_cell_wrapped_is_joined_or_refused_never_shifted_for_any_chunk_size) {
    const std::string text =
        "某市2025年科技统计公报\n县（市、区） 专利授权量（件） 发明专利授权量（件）\n甲县 1200 300\n乙旗 120\n30\n";
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{16}, std::size_t{1} << 15}) {
        extract_options options;
        options.chunk_bytes = chunk;
        const table_extraction x = extract_table(text, builtin_lexicon(), options);
        const bool joined = count_kind(x, "table_row") == 0;
        for (std::size_t i = 0; i < x.facts.size(); ++i) {
            const std::string figure(x.facts.figure(i)), entity(x.facts.text_of(x.facts.entity[i]));
            const std::string variable(x.facts.text_of(x.facts.variable[i]));
            if (figure == "30") BOOST_TEST((joined ? variable == "invention_patents_granted" : variable.empty()));
            if (figure == "120") BOOST_TEST((joined ? entity == "乙旗" : entity.empty()));
        }
        if (chunk == std::size_t{1} << 15) BOOST_TEST(joined);  // the whole text in one chunk
    }
}

BOOST_AUTO_TEST_CASE(a_provinces_table_by_city_is_read_by_area) {
    // a province's 统计公报 heads its by-city table 市 (or 盟市, 旗县): main left every cell without a variable
    for (const std::string label : {"市", "盟市", "各市"}) {
        const std::string text = "某省2025年国民经济和社会发展统计公报\n" + label +
                                 " 专利授权量（件） 发明专利授权量（件）\n甲市 45210 12036\n乙盟 9830 1504\n";
        const table_extraction x = extract_table(text, builtin_lexicon(), extract_options{});
        BOOST_TEST_REQUIRE(x.facts.size() == 4u);
        BOOST_TEST(x.facts.text_of(x.facts.variable[0]) == "patents_granted");
        BOOST_TEST(x.facts.text_of(x.facts.entity[0]) == "甲市");
        BOOST_TEST(x.facts.text_of(x.facts.variable[3]) == "invention_patents_granted");
        BOOST_TEST(x.facts.text_of(x.facts.entity[3]) == "乙盟");
    }
}

BOOST_AUTO_TEST_SUITE_END()
