// Round 33: a table with a row per area and a column per indicator gives a fact a cell, its variable
// from the column's heading, its area (fact_table::entity) from the row's label.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <string>

#include "zhibiao/extract.hpp"

using namespace zhibiao;

namespace {
const char* const county_table =
    "青山市2024年国民经济和社会发展统计公报\n"
    "县（市、区）  专利授权量（件）  高新技术企业（家）  技术合同成交额（亿元）\n"
    "青山县        386              23                  2.15\n"
    "白水县        1,205            41                  5.3\n"
    "全市合计      1,591            64                  7.45\n";

// The row of the table holding the figure written as `figure`.
std::size_t row_of(const fact_table& t, const std::string& figure) {
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.figure(i) == figure) return i;
    BOOST_FAIL("no figure " << figure);
    return 0;
}
std::size_t count_kind(const table_extraction& x, const std::string& kind) {
    return static_cast<std::size_t>(
        std::count_if(x.findings.begin(), x.findings.end(), [&](const report_finding& f) { return f.kind == kind; }));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_area_tables)

BOOST_AUTO_TEST_CASE(each_cell_takes_its_columns_variable_and_its_rows_area) {
    const table_extraction x = extract_table(county_table);
    const fact_table& t = x.facts;
    BOOST_TEST(count_kind(x, "table_row") == 0u);
    const std::size_t patents = row_of(t, "1,205"), contracts = row_of(t, "2.15"), firms = row_of(t, "23");
    BOOST_TEST(t.text_of(t.variable[patents]) == "patents_granted");
    BOOST_TEST(t.text_of(t.entity[patents]) == "白水县");
    BOOST_TEST(t.value[patents] == 1205.0);
    BOOST_TEST(t.text_of(t.unit[patents]) == "件");
    BOOST_TEST(t.text_of(t.period[patents]) == "2024");
    BOOST_TEST(t.text_of(t.entity[contracts]) == "青山县");
    BOOST_TEST(t.text_of(t.unit[contracts]) == "亿元");
    BOOST_TEST(t.text_of(t.variable[firms]) != "");
    BOOST_TEST(t.text_of(t.entity[firms]) == "青山县");
    // the 全市合计 row is the report's own figure, never an area of that name
    const std::size_t total = row_of(t, "1,591");
    BOOST_TEST(t.entity[total] == 0u);
    BOOST_TEST(t.text_of(t.variable[total]) == "patents_granted");
}

// extract() hands each fact its area too: the per-fact struct and the columns agree.
BOOST_AUTO_TEST_CASE(the_fact_struct_carries_the_rows_area) {
    const extraction x = extract(county_table);
    const auto at = [&](const std::string& figure) {
        const auto f = std::find_if(x.facts.begin(), x.facts.end(), [&](const fact& g) { return g.text == figure; });
        BOOST_REQUIRE(f != x.facts.end());
        return *f;
    };
    BOOST_TEST(at("1,205").entity == "白水县");
    BOOST_TEST(at("1,205").variable == "patents_granted");
    BOOST_TEST(at("1,591").entity == "");
}

BOOST_AUTO_TEST_CASE(a_heading_of_no_variable_gives_no_variable_once) {
    const table_extraction x =
        extract_table("2024年各县科技指标\n地区 专利授权量（件） 科普场馆（个）\n青山县 386 5200\n白水县 1205 8100\n");
    const fact_table& t = x.facts;
    const std::size_t area = row_of(t, "5200");
    BOOST_TEST(t.variable[area] == 0u);
    BOOST_TEST(t.has(area, fact_flag::no_variable));
    BOOST_TEST(t.text_of(t.entity[area]) == "青山县");
    BOOST_TEST(count_kind(x, "table_heading") == 1u);
    BOOST_TEST(t.text_of(t.variable[row_of(t, "1205")]) == "patents_granted");
}

BOOST_AUTO_TEST_CASE(a_row_of_other_cells_is_refused) {
    const table_extraction x = extract_table(
        "2024年各县科技指标\n县区 专利授权量（件） 高新技术企业（家）\n青山县 386 23\n白水县 1205 41 17\n");
    const fact_table& t = x.facts;
    BOOST_TEST(count_kind(x, "table_row") == 1u);
    const std::size_t refused = row_of(t, "1205");
    BOOST_TEST(t.variable[refused] == 0u);
    BOOST_TEST(t.entity[refused] == 0u);
    BOOST_TEST(t.text_of(t.entity[row_of(t, "386")]) == "青山县");
}

// A table of years by area is table_header's, read as before: no entity.
BOOST_AUTO_TEST_CASE(a_table_of_years_by_area_has_no_entity) {
    const fact_table t = extract_table("地区 2023年 2024年\n青山县 386 412\n").facts;
    BOOST_TEST_REQUIRE(t.size() == 2u);
    BOOST_TEST(t.entity[0] == 0u);
    BOOST_TEST(t.entity[1] == 0u);
}

// Rows that are no area (a 小计 of some areas, an average, a firm's name) are refused, each finding
// saying which: never an entity of the panel; the areas and the whole around them are read.
BOOST_AUTO_TEST_CASE(rows_that_are_no_area_are_refused_saying_which) {
    const table_extraction x = extract_table(
        "2024年各区县研发投入\n地区 研发经费（亿元） 高新技术企业（家）\n东湖区 4.2 31\n西岭区 1.9 12\n"
        "城区小计 6.1 43\n南屏县 0.8 6\n远航科技有限公司 0.6 1\n各县均值 2.3 14\n总计 6.9 49\n");
    const fact_table& t = x.facts;
    BOOST_TEST(count_kind(x, "table_row") == 3u);
    const auto said = [&](const std::string& words) {
        return std::any_of(x.findings.begin(), x.findings.end(), [&](const report_finding& f) {
            return f.kind == "table_row" && f.message.find(words) != std::string::npos;
        });
    };
    BOOST_TEST(said("subtotal"));
    BOOST_TEST(said("average"));
    BOOST_TEST(said("names no area"));
    for (const char* figure : {"6.1", "0.6", "2.3"}) {
        BOOST_TEST(t.entity[row_of(t, figure)] == 0u);
        BOOST_TEST(t.variable[row_of(t, figure)] == 0u);
    }
    BOOST_TEST(t.text_of(t.entity[row_of(t, "0.8")]) == "南屏县");
    BOOST_TEST(t.entity[row_of(t, "6.9")] == 0u);
    BOOST_TEST(t.text_of(t.variable[row_of(t, "6.9")]) == "rd_expenditure");
}

// "其中：高新区" (a colon after 其中) is a sub-row as "其中 高新区" is: an area of its own, and the
// table goes on after it (its 合计 row the report's own).
BOOST_AUTO_TEST_CASE(a_sub_row_with_a_colon_is_an_area_and_the_table_goes_on) {
    const table_extraction x = extract_table(
        "2024年各县科技指标\n县区 专利授权量（件） 高新技术企业（家）\n青山县 386 23\n其中：经开区 120 9\n"
        "白水县 1205 41\n合计 1591 64\n");
    const fact_table& t = x.facts;
    BOOST_TEST(count_kind(x, "table_row") == 0u);
    BOOST_TEST(t.text_of(t.entity[row_of(t, "120")]) == "经开区");
    BOOST_TEST(t.text_of(t.variable[row_of(t, "120")]) == "patents_granted");
    BOOST_TEST(t.text_of(t.entity[row_of(t, "1205")]) == "白水县");
    BOOST_TEST(t.entity[row_of(t, "1591")] == 0u);
    BOOST_TEST(t.text_of(t.variable[row_of(t, "1591")]) == "patents_granted");
}

BOOST_AUTO_TEST_SUITE_END()
