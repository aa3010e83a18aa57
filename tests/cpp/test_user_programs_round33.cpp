// Round 33: programs written as C++ users write them, from the README, the headers and
// examples/cpp alone, built against the installed package with g++ and clang++ under -O0 -g,
// -O3 -march=native, C++20, _GLIBCXX_ASSERTIONS, ASan+UBSan, -fno-rtti and -Wall -Wextra -Wpedantic.
//  - `std::cout << values.reasons()[i]` did not compile: firm_status, unit and period print
//    their names, a reason had only to_string().
//  - compute(p, ids).at("rd_intensty") said only "no indicator ... in this result", where
//    panel::at and catalogue::at name the closest: now the closest id of the table.
//  - A framework node whose parent is misspelt said "unknown parent" without the node meant.
//  - A firm's sales of 1e308 亿元, converted into the pack's 万元, are infinite: the firm is invalid
//    input, as it should be, but its explanation said "input sales invalid (inf 10k yuan)", as if
//    the firm had written inf. It now says the figure is beyond the range of a double in that unit.
#include <boost/test/unit_test.hpp>
#include <functional>
#include <sstream>
#include <string>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/scorecard.hpp"

using namespace zhibiao;

namespace {

panel two_districts() {
    return parse_csv(
        "region,period,rd_expenditure[万元],gdp[亿元],valid_invention_patents,population[万人]\n"
        "320102,2024,52000,1200,45,50\n"
        "320104,2024,30000,0,60,60\n");
}

std::string message_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(user_programs_round33)

BOOST_AUTO_TEST_CASE(a_reason_prints_its_name) {
    const panel p = two_districts();
    const indicator_table t = compute(p, {"rd_intensity"});
    std::ostringstream out;
    out << t[0].reasons()[1] << "|" << reason::unparseable << "|" << reason::none << "|";
    BOOST_TEST(out.str() == "zero_denominator|unparseable||");
}

BOOST_AUTO_TEST_CASE(a_misspelt_id_of_a_result_names_the_closest) {
    const panel p = two_districts();
    const indicator_table t = compute(p, {"rd_intensity", "invention_patents_per_10k"});
    const std::string named = message_of([&] { (void)t.at("rd_intensty"); });
    BOOST_TEST(named.find("no indicator 'rd_intensty' in this result (did you mean 'rd_intensity'?)") !=
               std::string::npos);
    // On a temporary too, and still the error type a program catches.
    BOOST_CHECK_THROW((void)compute(p, {"rd_intensity"}).at("rd_intensty"), unknown_indicator_error);
    const std::string temporary = message_of([&] { (void)compute(p, {"rd_intensity"}).at("rd_intensty"); });
    BOOST_TEST(temporary.find("did you mean 'rd_intensity'") != std::string::npos);
    // Nothing close: no suggestion, the id as asked.
    const std::string far = message_of([&] { (void)t.at("gdp_growth"); });
    BOOST_TEST(far.find("'gdp_growth'") != std::string::npos);
    BOOST_TEST(far.find("did you mean") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_misspelt_parent_of_a_framework_node_names_the_closest) {
    using composite::framework;
    const std::string m = message_of([] {
        framework({{"x", "Indx", 1, 1, 1}, {"y", "Index", 1, 1, 1}, {"Index", "", 1, 1, 2}});
    });
    BOOST_TEST(m.find("node 'x' has an unknown parent 'Indx' (did you mean 'Index'?)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_figure_too_large_once_converted_is_explained_as_such) {
    csv_options one_year;
    one_year.period_value = "2023";
    const panel firms = parse_csv(
        "firm,employees,st_staff,sales[亿元],assets,rd_expense,total_cost,ip_class1,ip_class2,hnte_certified\n"
        "A,40,12,0.1,500,45,204.5,0,2,0\n"
        "B,40,12,1e308,500,45,204.5,0,2,0\n",
        one_year);
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    const scorecard_inputs in = card.inputs_from(firms);
    const scorecard_result result = card.evaluate(in);
    BOOST_TEST(result.passed(0));
    BOOST_TEST(!result.valid(1));
    const std::vector<std::string> en = card.explain(in, result, {1}, "en");
    BOOST_TEST(en[0].find("input sales invalid (inf 10k yuan, no figure: beyond the range of a double") !=
               std::string::npos);
    const std::vector<std::string> zh = card.explain(in, result, {1}, "zh");
    BOOST_TEST(zh[0].find("超出双精度范围") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
