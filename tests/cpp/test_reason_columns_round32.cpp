// Round 32: read_csv reads back the `<variable>_reason` columns write_csv(reasons = true) and
// `zhibiao rollup` write, as the reasons of the variable's cells (round 31 refused them at the
// header). A written panel read back keeps why each cell is missing, and a partial roll-up sum
// keeps its value with the reason of its gap; an unknown reason, or a reason beside a value that
// is no partial sum's, is a parse_error at its cell.
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>

#include "error_message.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/write_csv.hpp"

using namespace zhibiao;
using testing::has;
using testing::message_of;

namespace {

std::string written(const panel& p, bool unit_header = true) {
    std::ostringstream out;
    write_csv_options o;
    o.reasons = true;
    o.unit_header = unit_header;
    write_csv(p, out, o);
    return out.str();
}

// Every cell of `read` as in `p`: the same rows, values (NaN where missing) and reasons.
void check_same_cells(const panel& p, const panel& read) {
    BOOST_TEST_REQUIRE(read.rows() == p.rows());
    BOOST_TEST_REQUIRE(read.columns().size() == p.columns().size());
    for (std::size_t row = 0; row < p.rows(); ++row) {
        BOOST_TEST(read.entity_code(static_cast<std::size_t>(read.entity_of_row()[row])) ==
                   p.entity_code(static_cast<std::size_t>(p.entity_of_row()[row])));
        BOOST_TEST(read.period_at(row).to_string() == p.period_at(row).to_string());
    }
    for (const auto& c : p.columns()) {
        const column& back = read.at(c.name());
        for (std::size_t row = 0; row < p.rows(); ++row) {
            const double x = c.values()(static_cast<Eigen::Index>(row));
            const double y = back.values()(static_cast<Eigen::Index>(row));
            BOOST_TEST((is_missing(x) ? is_missing(y) : x == y), c.name() << " row " << row);
            BOOST_TEST(to_string(back.reason_at(row)) == to_string(c.reason_at(row)), c.name() << " row " << row);
        }
    }
}

// Four districts of 南京, one without R&D: its sum is a gap (incomplete_rollup).
const char* districts =
    "region,period,rd_expenditure[万元],gdp[亿元]\n"
    "320102,2024,52000,1200\n"
    "320104,2024,,900\n"
    "320202,2024,41000,1500\n"
    "320205,2024,39000,1100\n";

panel rolled(bool partial_sums) {
    const panel p = parse_csv(districts);
    rollup_options o;
    o.partial_sums = partial_sums;
    return rollup(p, admin_parents(p, admin_level::prefecture), o).parents;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reason_columns_round32)

BOOST_AUTO_TEST_CASE(indicators_written_with_reasons_read_back_with_them) {
    const panel p = parse_csv(
        "region,name,period,rd_expenditure[万元],gdp[亿元]\n"
        "320102,玄武区,2024,52000,1200\n"
        "320104,秦淮区,2024,30000,0\n"
        "320105,建邺区,2024,,900\n");
    const indicator_table values = compute(p, {"rd_intensity"});
    for (const bool unit_header : {false, true}) {
        std::ostringstream out;
        write_csv_options o;
        o.reasons = true;
        o.unit_header = unit_header;
        write_csv(p, values, out, o);
        const panel back = parse_csv(out.str());
        BOOST_TEST(back.columns().size() == 1u);  // rd_intensity, its reasons not a variable
        const column& c = back.at("rd_intensity");
        BOOST_TEST(c.values()(0) == 0.43);
        BOOST_TEST((c.reason_at(0) == reason::none));
        BOOST_TEST((c.reason_at(1) == reason::zero_denominator));
        BOOST_TEST((c.reason_at(2) == values.at("rd_intensity").reasons()[2]));
    }
}

BOOST_AUTO_TEST_CASE(a_rolled_up_panel_reads_back_whole) {
    for (const bool partial_sums : {false, true}) {
        const panel up = rolled(partial_sums);
        const column& rd = up.at("rd_expenditure");
        BOOST_TEST_REQUIRE(up.rows() == 2u);
        BOOST_TEST((rd.reason_at(0) == reason::incomplete_rollup));  // 南京, one district without
        BOOST_TEST(is_missing(rd.values()(0)) == !partial_sums);
        const std::string text = written(up);
        BOOST_TEST(has(text, "rd_expenditure_reason"), text);
        check_same_cells(up, parse_csv(text));
        check_same_cells(up, parse_csv(written(up, false)));
    }
}

BOOST_AUTO_TEST_CASE(reasons_read_on_every_chunk_and_on_both_paths) {
    // Many rows over several threads: most rows take the fast path (blank reason), every 7th a
    // reason (the tokenizer's path), a partial sum every 11th.
    std::string text = "region,period,x[万元],x_reason,y[万元]\n";
    for (int i = 0; i < 3000; ++i) {
        const std::string code = std::to_string(100000 + i);
        if (i % 7 == 0)
            text += code + ",2024,,zero_denominator," + std::to_string(i) + "\n";
        else if (i % 11 == 0)
            text += code + ",2024," + std::to_string(i) + ",invalid_child,1\n";
        else
            text += code + ",2024," + std::to_string(i) + ",,2\n";
    }
    csv_options o;
    o.threads = 4;
    o.min_chunk_bytes = 4096;
    const panel p = parse_csv(text, o);
    BOOST_TEST_REQUIRE(p.rows() == 3000u);
    BOOST_TEST(p.columns().size() == 2u);
    const column& x = p.at("x");
    for (std::size_t i = 0; i < 3000; ++i) {
        const reason expected = i % 7 == 0    ? reason::zero_denominator
                                : i % 11 == 0 ? reason::invalid_child
                                              : reason::none;
        BOOST_TEST((x.reason_at(i) == expected), "row " << i);
        BOOST_TEST(is_missing(x.values()(static_cast<Eigen::Index>(i))) == (i % 7 == 0), "row " << i);
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_reason_is_refused_at_its_cell) {
    const std::string text = "entity,period,gdp[亿元],gdp_reason\n320102,2024,1200,\n320104,2024,,zero_denominatr\n";
    try {
        (void)parse_csv(text);
        BOOST_FAIL("read");
    } catch (const parse_error& e) {
        BOOST_TEST(e.where().line == 3u);
        BOOST_TEST(e.where().column == 4u);
        const std::string message = e.what();
        BOOST_TEST(has(message, "'zero_denominatr'"), message);
        BOOST_TEST(has(message, "did you mean 'zero_denominator'"), message);
    }
    // Lenient: listed in the report, and the cell keeps the reason its value gives it.
    csv_options lenient;
    lenient.lenient = true;
    const panel p = parse_csv(text, lenient);
    BOOST_TEST((p.at("gdp").reason_at(1) == reason::missing_input));
    BOOST_TEST_REQUIRE(p.report().issues.size() == 1u);
    BOOST_TEST(p.report().issues[0].text == "zero_denominatr");
    BOOST_TEST(p.report().issues[0].line == 3u);
}

BOOST_AUTO_TEST_CASE(a_reason_beside_a_value_only_for_a_partial_sum) {
    const std::string text = "entity,period,gdp[亿元],gdp_reason\n320102,2024,1200,missing_input\n";
    try {
        (void)parse_csv(text);
        BOOST_FAIL("read");
    } catch (const parse_error& e) {
        BOOST_TEST(e.where().line == 2u);
        BOOST_TEST(e.where().column == 4u);
        BOOST_TEST(has(e.what(), "has a value and the reason 'missing_input'"), e.what());
    }
    const panel p = parse_csv("entity,period,gdp[亿元],gdp_reason\n320102,2024,1200,incomplete_rollup\n");
    BOOST_TEST(p.at("gdp").values()(0) == 1200.0);
    BOOST_TEST((p.at("gdp").reason_at(0) == reason::incomplete_rollup));
}

BOOST_AUTO_TEST_CASE(an_unreadable_value_keeps_its_own_reason) {
    csv_options lenient;
    lenient.lenient = true;
    const panel p = parse_csv("entity,period,gdp[亿元],gdp_reason\n320102,2024,abc,zero_denominator\n", lenient);
    BOOST_TEST((p.at("gdp").reason_at(0) == reason::unparseable));
}

BOOST_AUTO_TEST_CASE(a_blank_reason_column_is_no_variable) {
    const panel p = parse_csv("entity,period,gdp（亿元）,gdp_reason\n320102,2024,1200,\n");
    BOOST_TEST(p.columns().size() == 1u);
    BOOST_TEST((p.at("gdp").reason_at(0) == reason::none));
    // Still left out by csv_options::ignore; without a variable beside it, a variable as before.
    csv_options o;
    o.ignore = {"gdp_reason"};
    BOOST_TEST((parse_csv("entity,period,gdp,gdp_reason\n320102,2024,,zero_denominator\n", o).at("gdp").reason_at(0) ==
                reason::missing_input));
    BOOST_TEST(parse_csv("entity,period,award_reason\n320102,2024,3\n").at("award_reason").values()(0) == 3.0);
}

BOOST_AUTO_TEST_CASE(a_long_file_with_a_reason_column_is_refused) {
    const std::string text = "entity,period,variable,value,value_reason\n320102,2024,gdp,,zero_denominator\n";
    const std::string message = message_of([&] { (void)parse_csv(text); });
    BOOST_TEST(has(message, "'value_reason'"), message);
    BOOST_TEST(has(message, "wide file only"), message);
}

BOOST_AUTO_TEST_SUITE_END()
