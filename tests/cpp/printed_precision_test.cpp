// A published ratio is checked at the precision it was printed with (spec §7.1,
// /work/shared/spec/indicators.md): the loader keeps the decimals a cell was written with where they
// are more than its value's shortest form shows (column::written_decimals), so a published "2.00"
// is checked at 2 decimals, not as the 2 it holds (±0.5 pp before round 35).
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "zhibiao/csv.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/validate.hpp"

using namespace zhibiao;

namespace {

bool found(const validation_report& r, const std::string& entity, const std::string& rule_id) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const finding& f) { return f.entity == entity && f.rule == rule_id; });
}

// 21000 万元 ÷ 120.5 亿元 = 2.1 亿元 / 120.5 亿元 = 1.742739… % (by hand: 2.1 / 120.5 × 100).
const std::string header = "region,period,gdp[亿元],rd_expenditure[万元],rd_intensity[%]\n";

std::vector<std::uint8_t> decimals_of(const panel& p, const std::string& name) { return p.at(name).written_decimals(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(printed_precision)

BOOST_AUTO_TEST_CASE(a_published_ratio_is_checked_at_the_decimals_it_was_written_with) {
    const panel p = parse_csv(header +
                              "A,2024,120.5,21000,2.00\n"   // 2.00 vs 1.74 at 2 decimals: off by 0.26
                              "D,2024,120.5,21000,1.70\n"   // 1.70 vs 1.74 at 2 decimals: off by 0.04
                              "E,2024,120.5,21000,1.7\n"    // 1.7 vs 1.7 at 1 decimal: right
                              "F,2024,120.5,21000,2\n"      // 2 vs 2 at 0 decimals: right
                              "G,2024,120.5,21000,1.74\n"   // right at 2 decimals
                              "H,2024,120.5,21000,1.740\n"  // 1.740 vs 1.743 at 3 decimals: off
                              "I,2024,120.5,21000,3\n");    // 3 vs 2 at 0 decimals: off
    const validation_report r = validate(p);
    const std::string rule = "published_rd_intensity_matches";
    BOOST_TEST(found(r, "A", rule));
    BOOST_TEST(found(r, "D", rule));
    BOOST_TEST(!found(r, "E", rule));
    BOOST_TEST(!found(r, "F", rule));
    BOOST_TEST(!found(r, "G", rule));
    BOOST_TEST(found(r, "H", rule));
    BOOST_TEST(found(r, "I", rule));
}

BOOST_AUTO_TEST_CASE(the_loader_keeps_the_decimals_the_shortest_form_drops) {
    const panel p = parse_csv(header +
                              "A,2024,120.5,21000,2.00\n"
                              "D,2024,120.5,21000,1.70\n"
                              "E,2024,120.5,21000,1.7\n"
                              "F,2024,120.5,21000,2\n"
                              "G,2024,120.50,1200,\n");
    BOOST_TEST(decimals_of(p, "rd_intensity") == (std::vector<std::uint8_t>{2, 2, 0, 0, 0}),
               boost::test_tools::per_element());
    BOOST_TEST(decimals_of(p, "gdp") == (std::vector<std::uint8_t>{0, 0, 0, 0, 2}), boost::test_tools::per_element());
    // 1200: no point, nothing the value does not show; one 0 per row all the same (read from text, round 37)
    BOOST_TEST(decimals_of(p, "rd_expenditure") == std::vector<std::uint8_t>(5, 0), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_path_of_the_reader_keeps_them) {
    // The tokenizer's path (a quoted cell on the row), a percentage in a column of no stated unit
    // (read in %: its decimals are the value's), and a ‰ read in % (its value is not its digits).
    const panel tokenized = parse_csv(header + "A,2024,120.5,21000,\"2.00\"\nB,2024,120.5,21000,1.7\n");
    BOOST_TEST(decimals_of(tokenized, "rd_intensity") == (std::vector<std::uint8_t>{2, 0}),
               boost::test_tools::per_element());
    const panel percent = parse_csv("region,period,share\nA,2024,60.0%\nB,2024,5.50%\nC,2024,7%\n");
    BOOST_TEST(decimals_of(percent, "share") == (std::vector<std::uint8_t>{1, 2, 0}), boost::test_tools::per_element());
    const panel permille = parse_csv("region,period,share[%]\nA,2024,5.0‰\nB,2024,1.50\n");
    BOOST_TEST(decimals_of(permille, "share") == (std::vector<std::uint8_t>{0, 2}), boost::test_tools::per_element());
    // Many chunks, read on several threads: the rows' decimals in file order.
    std::string text = header;
    std::vector<std::uint8_t> expected;
    for (int i = 0; i < 4000; ++i) {
        const bool zero = i % 7 == 3;
        text += "r" + std::to_string(i) + ",2024,120.5,21000," + (zero ? "1.70" : "1.74") + "\n";
        expected.push_back(zero ? 2 : 0);
    }
    csv_options chunked;
    chunked.threads = 4;
    chunked.min_chunk_bytes = 4096;
    BOOST_TEST(decimals_of(parse_csv(text, chunked), "rd_intensity") == expected, boost::test_tools::per_element());
    // A row the fast path leaves after noting a cell (a quoted cell later on; a row of the wrong
    // width, skipped): read again, and the skipped row's note never lands on the row after it.
    const panel requoted = parse_csv(header + "A,2024,120.50,\"21000\",1.7\n");
    BOOST_TEST(decimals_of(requoted, "gdp") == (std::vector<std::uint8_t>{2}), boost::test_tools::per_element());
    csv_options lenient;
    lenient.lenient = true;
    const panel skipped = parse_csv("region,period,rd_intensity[%]\nA,2024,1.74\nX,2024,1.70,9\nB,2024,1.7\n", lenient);
    BOOST_TEST(skipped.rows() == 2u);
    const std::vector<std::uint8_t> after_skip = decimals_of(skipped, "rd_intensity");
    BOOST_TEST(std::all_of(after_skip.begin(), after_skip.end(), [](std::uint8_t d) { return d == 0; }));
    // A decimal comma: "2,00" is 2 written with 2 decimals.
    csv_options comma;
    comma.separator = ';';
    comma.decimal = ',';
    const panel european = parse_csv("region;period;rd_intensity[%]\nA;2024;2,00\nB;2024;1,7\n", comma);
    BOOST_TEST(decimals_of(european, "rd_intensity") == (std::vector<std::uint8_t>{2, 0}),
               boost::test_tools::per_element());
    // The long layout: a record converted from its own unit has the decimals of no text.
    const panel long_form =
        parse_csv("region,period,variable,value,unit\nA,2024,gdp,120.50,亿元\nB,2024,gdp,21000.0,万元\n");
    BOOST_TEST(decimals_of(long_form, "gdp") == (std::vector<std::uint8_t>{2, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(printed_tolerance_reads_the_written_decimals) {
    const panel p = parse_csv("region,period,x[%],y[%]\nA,2024,2.00,2.004\nB,2024,2,2.4\n");
    const std::vector<rule> rules = rules_from_toml(
        "[[rule]]\nid = \"band\"\nvariable = \"y\"\ncheck = \"abs(y - x) <= printed_tolerance(x)\"\n"
        "message = \"y is not x at x's printed precision\"\n");
    const validation_report r = validate(p, rules);
    BOOST_TEST(!found(r, "A", "band"));  // |2.004 - 2.00| ≤ 0.005
    BOOST_TEST(!found(r, "B", "band"));  // |2.4 - 2| ≤ 0.5
    const panel q = parse_csv("region,period,x[%],y[%]\nA,2024,2.00,2.4\n");
    BOOST_TEST(found(validate(q, rules), "A", "band"));  // 0.4 > 0.005 (passed as 2, ±0.5, before)
}

BOOST_AUTO_TEST_CASE(written_decimals_are_one_per_row_or_none) {
    column c("x", unit(), Eigen::ArrayXd::Constant(3, 1.0));
    BOOST_CHECK_THROW(c.set_written_decimals({1, 2}), argument_error);
    c.set_written_decimals({1, 2, 0});
    BOOST_TEST(c.written_decimals().size() == 3u);
    c.set_written_decimals({});
    BOOST_TEST(c.written_decimals().empty());
    // On a temporary, a copy (no reference into it).
    const std::vector<std::uint8_t> kept = [] {
        column t("x", unit(), Eigen::ArrayXd::Constant(2, 1.0));
        t.set_written_decimals({2, 0});
        return std::move(t).written_decimals();
    }();
    BOOST_TEST(kept.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
