// Round 35b (issue 13): a note between a table's rows (注：…, 资料来源…, 单位：件, （下转第2页）, a page's
// number, the title repeated, a blank line) does not end the table when a row of its shape follows;
// rows of an ended table's shape after a line that is none of those get a table_row finding (never
// lost unsaid). After 分别 each figure of its list takes the phrase before it; 与地区生产总值之比 and
// 相当于GDP的 after a quantity name the lexicon's share of it (rd_intensity), whatever the chunks.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <string>

#include "zhibiao/extract.hpp"

using namespace zhibiao;

namespace {
const std::string title = "某市2025年科技工作总结\n";
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
std::string variable_of(const fact_table& t, const std::string& figure) {
    return std::string(t.text_of(t.variable[row_of(t, figure)]));
}
table_extraction read(const std::string& text, std::size_t chunk) {
    extract_options options;
    options.chunk_bytes = chunk;
    return extract_table(text, builtin_lexicon(), options);
}
const std::size_t chunks[] = {1, 16, 100, std::size_t{1} << 15};
}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_round35b)

BOOST_AUTO_TEST_CASE(a_note_between_rows_of_a_table_by_area_does_not_end_it) {
    for (const std::string note :
         {"注：含外观设计专利", "资料来源：市统计局", "（下转第2页）", "单位：件", "数据来源于市统计局", "第 3 页",
          "- 3 -", "某市2025年科技工作总结", "", "备注：初步统计数"}) {
        const std::string text = title + "县（市、区） 专利授权量（件） 发明专利授权量（件）\n青山县 320 45\n" + note +
                                 "\n红旗区 410 60\n龙湖区 280 30\n\n全市技术合同成交额52亿元。\n";
        for (const std::size_t chunk : chunks) {
            const table_extraction x = read(text, chunk);
            const fact_table& t = x.facts;
            BOOST_TEST_INFO("note " << note << ", chunk " << chunk);
            BOOST_TEST(variable_of(t, "410") == "patents_granted");
            BOOST_TEST(std::string(t.text_of(t.entity[row_of(t, "410")])) == "红旗区");
            BOOST_TEST(std::string(t.text_of(t.unit[row_of(t, "410")])) == "件");
            BOOST_TEST(variable_of(t, "30") == "invention_patents_granted");
            BOOST_TEST(std::string(t.text_of(t.entity[row_of(t, "30")])) == "龙湖区");
            BOOST_TEST(count_kind(x, "table_row") == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(notes_and_a_page_break_between_rows_of_a_table_of_years) {
    // a page break of a PDF's conversion: blank, the page's number, blank, the title repeated
    const std::string text = title +
                             "指标名称 单位 2024年 2025年\n专利授权量 件 3200 3450\n注：含外观设计专利\n\n- 3 -\n\n"
                             "某市2025年科技工作总结\n技术合同成交额 亿元 52.1 60.3\n";
    for (const std::size_t chunk : chunks) {
        const table_extraction x = read(text, chunk);
        const fact_table& t = x.facts;
        BOOST_TEST(variable_of(t, "52.1") == "tech_contract_value");
        BOOST_TEST(std::string(t.text_of(t.unit[row_of(t, "52.1")])) == "亿元");
        BOOST_TEST(std::string(t.text_of(t.period[row_of(t, "52.1")])) == "2024");  // its column's, not 2025
        BOOST_TEST(std::string(t.text_of(t.period[row_of(t, "60.3")])) == "2025");
        BOOST_TEST(count_kind(x, "table_row") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(rows_after_a_line_that_ended_their_table_are_flagged_not_lost_unsaid) {
    // a sentence between the rows ends the table; a note's numbered lines (1.含…) are no
    // note_line: the table ends there and its row after is flagged
    const std::string prose =
        title +
        "县（市、区） 专利授权量（件） 发明专利授权量（件）\n青山县 320 45\n其中，青山县增长较快。\n"
        "红旗区 410 60\n龙湖区 280 30\n\n二、科技投入\n全市研发经费投入52亿元。\n";
    const std::string long_note = title +
                                  "指标名称 单位 2024年 2025年\n专利授权量 件 3200 3450\n注：\n1.含外观设计专利\n"
                                  "2.快报数\n技术合同成交额 亿元 52.1 60.3\n";
    for (const std::size_t chunk : chunks) {
        const table_extraction x = read(prose, chunk);
        BOOST_TEST(count_kind(x, "table_row") == 2u);  // 红旗区 and 龙湖区, not the prose after
        BOOST_TEST(variable_of(x.facts, "52亿元") == "rd_expenditure");
        BOOST_TEST(count_kind(read(long_note, chunk), "table_row") == 1u);
    }
}

BOOST_AUTO_TEST_CASE(after_respectively_each_figure_of_the_list_takes_the_phrase_and_its_own_period) {
    const std::string text = title +
                             "2023年和2024年全市发明专利授权量分别达到1200件、1500件。\n"
                             "2023年、2024年全市知识产权质押融资额分别为18.6亿元、23.4亿元。\n"
                             "2022年、2023年和2024年全市专利授权量分别为2100件、2400件、2750件。\n";
    for (const std::size_t chunk : chunks) {
        const fact_table t = read(text, chunk).facts;
        BOOST_TEST(variable_of(t, "1500件") == "invention_patents_granted");
        BOOST_TEST(std::string(t.text_of(t.period[row_of(t, "1500件")])) == "2024");
        BOOST_TEST(variable_of(t, "23.4亿元") == "pledge_financing");
        BOOST_TEST(std::string(t.text_of(t.period[row_of(t, "23.4亿元")])) == "2024");
        BOOST_TEST(variable_of(t, "2750件") == "patents_granted");
        BOOST_TEST(std::string(t.text_of(t.period[row_of(t, "2400件")])) == "2023");
    }
    // areas listed before 分别 (no entity in prose): the 、 still keeps the phrase from the second figure
    const fact_table areas = read(title + "青山县和红旗县发明专利授权量分别为1200件、1500件。\n", 0).facts;
    BOOST_TEST(variable_of(areas, "1500件").empty());
}

BOOST_AUTO_TEST_CASE(a_ratio_to_gdp_after_a_quantity_is_the_share_the_lexicon_names) {
    const std::string text = title +
                             "全市研究与试验发展经费支出1286.5亿元，比上年增长9.2%，与地区生产总值之比为2.35%。\n"
                             "全社会研发投入1286.5亿元，相当于GDP的2.36%。\n"
                             "全市R&D经费52亿元，与GDP之比为2.1%。\n"
                             "全市高新技术产业增加值860亿元，与地区生产总值之比为21.5%。\n";
    for (const std::size_t chunk : chunks) {
        const fact_table t = read(text, chunk).facts;
        BOOST_TEST(variable_of(t, "2.35%") == "rd_intensity");
        BOOST_TEST(variable_of(t, "9.2%") == "rd_expenditure");  // the change stays the expenditure's
        BOOST_TEST(variable_of(t, "2.36%") == "rd_intensity");
        BOOST_TEST(variable_of(t, "2.1%") == "rd_intensity");
        BOOST_TEST(variable_of(t, "21.5%") == "hitech_va_share_gdp");
    }
}

BOOST_AUTO_TEST_SUITE_END()
