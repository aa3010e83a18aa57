// Round 31: programs written as C++ users write them, from the README and the headers alone,
// built against the installed package under the flags users use (-O0 -g, -O3 -march=native,
// C++20/23, _GLIBCXX_ASSERTIONS, -ffast-math, ASan+UBSan, clang++, -Werror in their own code).
//  - write_csv(…, reasons = true) then read_csv of that file: the header said read_csv reads the
//    `<column>_reason` columns back, which only Python's read_csv does. The C++ loader read such a
//    column as a variable and failed on its first reason ("not a number: 'zero_denominator'"), or,
//    when no value was missing, loaded a column of nothing beside the variable. A strict load now
//    refuses the column at the header, naming it and csv_options::ignore; a lenient load goes on.
//    (Round 32: read_csv reads such a column back as the reasons of its variable's cells.)
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>

#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/write_csv.hpp"

using namespace zhibiao;

namespace {

// Two districts, the second with no GDP: its R&D intensity is missing with zero_denominator.
std::string indicators_with_reasons(bool unit_header) {
    const auto p = parse_csv(
        "region,name,period,rd_expenditure[万元],gdp[亿元]\n"
        "320102,玄武区,2024,52000,1200\n"
        "320104,秦淮区,2024,30000,0\n");
    std::ostringstream out;
    write_csv_options o;
    o.reasons = true;
    o.unit_header = unit_header;
    write_csv(p, compute(p, {"rd_intensity"}), out, o);
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(user_programs_round31)

BOOST_AUTO_TEST_CASE(a_reason_column_written_is_read_back_as_the_reasons) {
    // Round 32: read back rather than refused (test_reason_columns_round32.cpp).
    for (const bool unit_header : {false, true}) {
        const std::string text = indicators_with_reasons(unit_header);
        BOOST_TEST(text.find("rd_intensity_reason") != std::string::npos);
        const auto p = parse_csv(text);
        BOOST_TEST(p.columns().size() == 1u);
        BOOST_TEST((p.at("rd_intensity").reason_at(1) == reason::zero_denominator));
    }
}

BOOST_AUTO_TEST_CASE(a_reason_column_with_no_reason_is_no_variable) {
    // A panel with no missing value: the reasons column is blank, and was loaded as a variable.
    const auto p = parse_csv("entity,period,gdp[亿元],gdp_reason\n320102,2024,1200,\n");
    BOOST_TEST(p.columns().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_reason_column_left_out_or_read_leniently_loads) {
    const std::string text = indicators_with_reasons(true);
    csv_options leave_out;
    leave_out.ignore = {"rd_intensity_reason"};
    const auto p = parse_csv(text, leave_out);
    BOOST_TEST(p.columns().size() == 1u);
    BOOST_TEST(p.at("rd_intensity").values()(0) == 0.43);
    BOOST_TEST((p.at("rd_intensity").reason_at(1) == reason::missing_input));
    BOOST_TEST(p.report().ignored_columns.size() == 1u);
    csv_options lenient;
    lenient.lenient = true;
    const auto q = parse_csv(text, lenient);
    BOOST_TEST(q.report().cells_unparseable == 0u);
    BOOST_TEST((q.at("rd_intensity").reason_at(1) == reason::zero_denominator));
}

BOOST_AUTO_TEST_CASE(a_variable_whose_name_ends_in_reason_alone_is_a_variable) {
    // No column `award` beside it: `award_reason` is a variable of the user's (a count of reasons).
    const auto p = parse_csv("entity,period,award_reason,gdp[亿元]\n320102,2024,3,1200\n");
    BOOST_TEST(p.at("award_reason").values()(0) == 3.0);
}

BOOST_AUTO_TEST_SUITE_END()
