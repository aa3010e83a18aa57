// The extractor reads a text a chunk at a time (extract_options::chunk_bytes, ending at a line
// break or 。): the facts and findings must be those of the text read whole, whatever the size of
// the chunks — offsets, the period stated lines before, the title, 其中 parts, lost list numbers,
// a clause that only states a change, bytes that are not UTF-8.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "zhibiao/extract.hpp"

using namespace zhibiao;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    BOOST_TEST_REQUIRE(in.good(), path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Every field of every fact and finding of `text` read in chunks of `chunk_bytes` equals the text
// read as one chunk.
void check_chunks(const std::string& text, std::size_t chunk_bytes, const std::string& what) {
    extract_options whole, chunked;
    whole.guess = chunked.guess = true;
    whole.chunk_bytes = std::numeric_limits<std::size_t>::max();
    chunked.chunk_bytes = chunk_bytes;
    const table_extraction a = extract_table(text, builtin_lexicon(), whole);
    const table_extraction b = extract_table(text, builtin_lexicon(), chunked);
    const std::string label = what + ", chunks of " + std::to_string(chunk_bytes) + " bytes";
    BOOST_TEST(a.invalid_bytes == b.invalid_bytes, label);
    BOOST_TEST_REQUIRE(a.facts.size() == b.facts.size(), label);
    for (std::size_t i = 0; i < a.facts.size(); ++i) {
        const fact x = fact_at(a.facts, i), y = fact_at(b.facts, i);
        const std::string row = label + ", fact " + std::to_string(i) + " " + x.text;
        BOOST_TEST((x.variable == y.variable && x.phrase == y.phrase && x.period == y.period && x.text == y.text &&
                    x.damage == y.damage && x.status == y.status && x.stage == y.stage && x.scope == y.scope &&
                    x.flags == y.flags && x.amount.unit == y.amount.unit && x.amount.qual == y.amount.qual),
                   row);
        BOOST_TEST((same_number(x.amount.value, y.amount.value) && same_number(x.amount.high, y.amount.high) &&
                    same_number(x.guess, y.guess)),
                   row);
        BOOST_TEST(
            (x.amount.begin == y.amount.begin && x.amount.end == y.amount.end && x.clause_begin == y.clause_begin &&
             x.clause_end == y.clause_end && x.char_begin == y.char_begin && x.char_end == y.char_end &&
             x.clause_char_begin == y.clause_char_begin && x.clause_char_end == y.clause_char_end),
            row);
    }
    BOOST_TEST_REQUIRE(a.findings.size() == b.findings.size(), label);
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        const report_finding &x = a.findings[i], &y = b.findings[i];
        BOOST_TEST((x.kind == y.kind && x.begin == y.begin && x.end == y.end && x.char_begin == y.char_begin &&
                    x.char_end == y.char_end && x.text == y.text && x.message == y.message),
                   label + ", finding " + std::to_string(i) + " " + x.kind);
    }
}

// What a chunk boundary could cut: a title with 年度 and a local 年度 later, a period stated lines
// before its figures, 其中 parts (one larger than its total), a lost list number, a clause that
// only states a change, a damaged figure, an empty slot, a document number, CRLF, a long line of
// sentences, and bytes that are not UTF-8 (one at a chunk's end, before its line break).
const char* const carried_across_lines =
    "某县科技局2024年度工作总结\n"
    "2024年上半年，全县获批立项11项，其中重点项目3项、一般项目12项。\n"
    "争取上级资金227.4万元，\n同比增长12.5%。\r\n"
    "、组织申报科技项目28项；兑现2017年度奖补资金50万元，共收集企业难题项。\n"
    "科发〔20〕19号。占比达到21.%。派出0名专家。1-10月，专利授权量1,234件，技术合同成交额约3.5亿元。"
    "一季度，新增高新技术企业5家，累计培育科技型中小企业120家以上。\xE4\xB8\n"
    "\xFF全年争取资金二十八万元，选派科技特派员XX人，落实研发费用加计扣除、首台套奖励等扶持政策15项。\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_in_chunks)

BOOST_AUTO_TEST_CASE(chunks_give_the_facts_of_the_whole_text) {
    const std::string text = carried_across_lines;
    const table_extraction whole = extract_table(text);
    BOOST_TEST_REQUIRE(whole.facts.size() >= 15u);  // the text has figures on every line
    BOOST_TEST(whole.findings.size() >= 6u);
    for (std::size_t chunk_bytes : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{40},
                                    std::size_t{100}, std::size_t{1} << 15})
        check_chunks(text, chunk_bytes, "the carried text");
}

BOOST_AUTO_TEST_CASE(a_figure_broken_across_lines_is_read_whole_in_chunks) {
    // A report converted from PDF: figures broken by a line break, by a page's footer between
    // blank lines, and footers between sentences. No chunk ends inside such a figure (chunk_end),
    // so chunks of any size read what the whole text reads: five damaged figures and no page number.
    const std::string text =
        "2025年工作总结\n全县专利授权量2\n41件，获批立项1\n\n— 5 —\n\n7项，技术合同成交额12.\n3亿元。\n"
        "第 6 页 共 12 页\n争取上级资金5\n80万元，走访企业36家\n2.人才工作：引进人才1\n- 7 -\n2人。\n";
    const table_extraction whole = extract_table(text);
    std::size_t damaged = 0;
    for (std::size_t i = 0; i < whole.facts.size(); ++i) damaged += whole.facts.has(i, fact_flag::damaged);
    BOOST_TEST(whole.facts.size() == 6u);  // 2⏎41件, 1⏎…7项, 12.⏎3亿元, 5⏎80万元, 36家, 1⏎…2人
    BOOST_TEST(damaged == 5u);
    for (std::size_t chunk_bytes :
         {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{20}, std::size_t{64}})
        check_chunks(text, chunk_bytes, "the broken figures");
}

BOOST_AUTO_TEST_CASE(a_running_header_beside_a_page_number_inside_a_figure_in_chunks) {
    // The bureau's name over (or under) the page number, between a figure's parts: "2" was a
    // confident bare figure and "41件" one without a variable. Skipped as the page line is, in any
    // chunks; a change word's link to its figure (同比增长⏎header⏎— 2 —⏎21.1%) too.
    const std::string text =
        "2025年工作总结\n全县专利授权量2\n南坪县科学技术局\n— 5 —\n41件，获批立项1\n— 6 —\n南坪县科学技术局\n7项，"
        "评价入库科技型中小企业213家，同比增长\n南坪县科学技术局\n— 7 —\n21.1%。\n";
    const table_extraction whole = extract_table(text);
    BOOST_TEST_REQUIRE(whole.facts.size() == 4u);
    for (std::size_t i : {std::size_t{0}, std::size_t{1}}) {
        BOOST_TEST(whole.facts.has(i, fact_flag::damaged));
        BOOST_TEST(fact_at(whole.facts, i).damage == "split_digits");
    }
    for (std::size_t chunk_bytes :
         {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{20}, std::size_t{64}})
        check_chunks(text, chunk_bytes, "running headers");
}

BOOST_AUTO_TEST_CASE(a_report_wrapped_as_from_pdf_reads_as_unbroken_with_offsets_in_the_text_given) {
    // Every line broken at about 12 characters, inside phrases (高新技术⏎企业, 技术合同⏎成交额) and a
    // unit (万⏎元), with CRLF and a byte that is not UTF-8: the facts of the unbroken text, each at
    // its offsets in the text given (before: 高新技术 ended a clause and 7家 had no variable).
    const std::string wrapped =
        "2025年上半年，全县新认定高新技术\r\n企业7家，累计达到63家；技术合同\n成交额1.26亿元，同比增长15.2%\n"
        "，争取上级科技资金312万\n元；研发投入0.7亿元，专利授\n权量241件，科技\xFF特派员38名。\n";
    const std::string unbroken =
        "2025年上半年，全县新认定高新技术企业7家，累计达到63家；技术合同成交额1.26亿元，同比增长15.2%，"
        "争取上级科技资金312万元；研发投入0.7亿元，专利授权量241件，科技\xFF特派员38名。\n";
    const extraction a = extract(wrapped), b = extract(unbroken);
    BOOST_TEST_REQUIRE(a.facts.size() == b.facts.size());
    BOOST_TEST_REQUIRE(a.facts.size() == 8u);
    for (std::size_t i = 0; i < a.facts.size(); ++i) {
        const fact &x = a.facts[i], &y = b.facts[i];
        BOOST_TEST(x.variable == y.variable, x.text);
        BOOST_TEST(same_number(x.amount.value, y.amount.value), x.text);
        BOOST_TEST(x.amount.unit == y.amount.unit, x.text);
        BOOST_TEST(x.period == y.period, x.text);
        BOOST_TEST(wrapped.substr(x.amount.begin, x.amount.end - x.amount.begin) == x.text);
        BOOST_TEST(x.clause_begin <= x.amount.begin);
        BOOST_TEST(x.amount.end <= x.clause_end);
        // code point offsets: the figure's code points are those of its bytes
        std::size_t chars = 0, at = 0;
        for (; at < x.amount.begin; ++at) chars += (static_cast<unsigned char>(wrapped[at]) & 0xC0) != 0x80;
        BOOST_TEST(x.char_begin == chars, x.text);
    }
    BOOST_TEST(a.facts[0].variable == "hnte_recognised");
    BOOST_TEST(a.facts[3].flags == b.facts[3].flags);  // 15.2%: a change of 1.26亿元
    BOOST_TEST(a.facts[4].text == "312万\n元");
    BOOST_TEST(a.facts[4].variable == "funds_secured");
    for (std::size_t chunk_bytes : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{64}})
        check_chunks(wrapped + wrapped + wrapped, chunk_bytes, "the wrapped report");
}

BOOST_AUTO_TEST_CASE(chunk_offsets_are_offsets_in_the_text) {
    // Hand-checked: "争取资金227.4万元" on the second line, read in chunks of one line each.
    const std::string text = "2024年上半年，获批立项11项。\n争取资金227.4万元。";
    extract_options options;
    options.chunk_bytes = 1;
    const table_extraction x = extract_table(text, builtin_lexicon(), options);
    BOOST_TEST_REQUIRE(x.facts.size() == 2u);
    const fact f = fact_at(x.facts, 1);
    BOOST_TEST(f.text == "227.4万元");
    // "2024年上半年，获批立项11项。\n" is 18 code points (the line break at 17), then 争取资金.
    BOOST_TEST(f.char_begin == 22u);
    BOOST_TEST(f.amount.begin == text.find("227.4"));
    BOOST_TEST(f.clause_char_begin == 18u);
    BOOST_TEST(f.period == "2024H1");  // stated on the line before
    BOOST_TEST(f.variable == fact_at(extract_table(text).facts, 1).variable);
}

// A running header between blank lines inside a figure ("累计达1⏎— 1 —⏎⏎某县…总结⏎9家") and a 。
// the conversion put for a decimal point ("12。5亿元"): a chunk ended after the blank line or at the
// 。 and read two confident figures where the whole text reads one damaged figure (round 32).
BOOST_AUTO_TEST_CASE(a_page_break_with_blank_lines_and_a_stop_for_a_point_in_any_chunks) {
    const std::string text =
        "某县科学技术局2026年上半年科技工作总结\n新认定省级工程技术研究中心3家，累计达1\n— 1 —\n\n"
        "某县科学技术局2026年上半年科技工作总结\n9家。培训农民2,16\n— 2 —\n\n某县科学技术局2026年上半年科技工作总结\n"
        "0人次。\n2025年，高新技术产品产值12。5亿元；高新技术产业产值达到1026亿元。\n";
    const table_extraction whole = extract_table(text);
    std::size_t damaged = 0;
    for (std::size_t i = 0; i < whole.facts.size(); ++i) damaged += whole.facts.has(i, fact_flag::damaged);
    BOOST_TEST(damaged >= 2u);  // 1⏎…9家 and 12。5亿元 at least
    for (std::size_t chunk_bytes :
         {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{40}, std::size_t{100}, std::size_t{1} << 15})
        check_chunks(text, chunk_bytes, "page breaks with blank lines");
}

BOOST_AUTO_TEST_CASE(sample_reports_in_chunks) {
    const std::string root = ZHIBIAO_SOURCE_DIR;
    for (const char* file : {"/tests/data/reports/city_annual_2024.txt", "/tests/data/reports/county_h1_damaged.txt",
                             "/tests/data/reports/province_h1_damaged.txt", "/data/sample/city_report_h1.txt"}) {
        const std::string text = read_file(root + file);
        std::string all = text;
        for (int k = 0; k < 4; ++k) all += "\n" + text;
        for (std::size_t chunk_bytes : {std::size_t{1}, std::size_t{64}, std::size_t{1000}, std::size_t{1} << 15})
            check_chunks(all, chunk_bytes, file);
    }
}

// A sentence about the year before ends where it ends, whatever the chunks: the period in force
// before it comes back after it (and a chunk ends a sentence).
BOOST_AUTO_TEST_CASE(a_sentence_about_the_year_before_ends_in_any_chunks) {
    const std::string text =
        "2024年上半年，技术合同成交额1.2亿元。上年同期，技术合同成交额1.5亿元，同比下降20%；登记技术合同80项。\n"
        "上年同期，登记技术合同70项\n登记技术合同85项，较上年提高0.3个百分点，达到2.1%。";
    const table_extraction whole = extract_table(text);
    BOOST_TEST_REQUIRE(whole.facts.size() == 8u);  // 1.2亿元 1.5亿元 20% 80项 70项 85项 0.3个百分点 2.1%
    const char* const periods[] = {"2024H1", "2023H1", "2024H1", "2024H1", "2023H1", "2024H1", "2024H1", "2024H1"};
    for (std::size_t i = 0; i < 8; ++i) BOOST_TEST(fact_at(whole.facts, i).period == periods[i], i);
    BOOST_TEST(whole.facts.has(1, fact_flag::prior_year));
    BOOST_TEST(!whole.facts.has(2, fact_flag::prior_year));  // a change: this period's
    BOOST_TEST(whole.facts.value[2] == -20.0);
    BOOST_TEST(!whole.facts.has(3, fact_flag::prior_year));
    BOOST_TEST(whole.facts.has(4, fact_flag::prior_year));
    BOOST_TEST(!whole.facts.has(5, fact_flag::prior_year));
    BOOST_TEST(!whole.facts.has(7, fact_flag::change));  // 达到2.1%: the level after the change
    for (std::size_t chunk_bytes : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{60}})
        check_chunks(text, chunk_bytes, "the year before");
}

// A target's sentence, a table turned into lines and a period after them read the same in any
// chunks: the table's columns and the period before a target carry from one chunk to the next.
BOOST_AUTO_TEST_CASE(targets_and_tables_in_any_chunks) {
    const std::string text =
        "2023年上半年，登记技术合同40项。到2025年，力争登记技术合同达到100项。新增众创空间2个。\n"
        "指标 单位 2023年 2022年 增长%\n技术合同成交额 万元 5200 4100 26.8\n专利授权量 件 980 870 -\n"
        "专利授权量 980 870 12.6\n\n于5月20日召开大会，新建研发平台3个。";
    const table_extraction whole = extract_table(text);
    BOOST_TEST_REQUIRE(whole.facts.size() == 12u);
    const char* const periods[] = {"2023H1", "2025", "2023H1", "2023",   "2022",   "2023",
                                   "2023",   "2022", "2023H1", "2023H1", "2023H1", "2023H1"};
    for (std::size_t i = 0; i < 12; ++i) BOOST_TEST(fact_at(whole.facts, i).period == periods[i], i);
    BOOST_TEST(whole.facts.has(1, fact_flag::target));
    BOOST_TEST(!whole.facts.has(2, fact_flag::target));
    BOOST_TEST(fact_at(whole.facts, 3).amount.unit == "万元");
    BOOST_TEST(whole.facts.has(5, fact_flag::change));
    BOOST_TEST(fact_at(whole.facts, 6).variable == "patents_granted");  // the empty cell (-) is no figure
    BOOST_TEST(fact_at(whole.facts, 8).variable.empty());               // a row short of its unit: not read
    BOOST_TEST_REQUIRE(whole.findings.size() == 1u);
    BOOST_TEST(whole.findings[0].kind == "table_row");
    for (std::size_t chunk_bytes : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{60}})
        check_chunks(text, chunk_bytes, "targets and tables");
}

BOOST_AUTO_TEST_SUITE_END()

// A section of plans (round 12) reads the same in any chunks: a heading alone in its chunk opens
// it (its period, 2026, and the target flag), the next heading of its level ends it (2025 again).
BOOST_AUTO_TEST_CASE(a_section_of_plans_in_any_chunks) {
    const std::string text =
        "柳河县科学技术局2025年工作总结\n一、主要工作完成情况\n全年新认定高新技术企业7家。\n"
        "二、2026年工作打算\n（一）新认定高新技术企业10家。\n（二）新建省级以上创新平台2个。\n"
        "三、存在的问题\n全县有效发明专利仅310件。\n";
    const table_extraction whole = extract_table(text);
    BOOST_TEST_REQUIRE(whole.facts.size() == 4u);  // 7家 10家 2个 310件
    const char* const periods[] = {"2025", "2026", "2026", "2025"};
    const bool targets[] = {false, true, true, false};
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST(fact_at(whole.facts, i).period == periods[i], i);
        BOOST_TEST(whole.facts.has(i, fact_flag::target) == targets[i], i);
    }
    for (std::size_t chunk_bytes : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{60}})
        check_chunks(text, chunk_bytes, "plans");
}
