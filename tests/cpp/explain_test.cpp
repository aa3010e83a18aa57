#include "zhibiao/explain.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>

#include "indicator_fixture.hpp"
#include "zhibiao/csv.hpp"

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(explaining)

namespace {

// Half-years and years, gaps (a blank population, a missing 2023H1 row of one county), a typed
// zero denominator and inputs in units other than the indicators' (人 under 件/万人, 亿元 under %).
const char* halves =
    "entity,period,valid_invention_patents,population[人],gdp[亿元],rd_expenditure[万元],hitech_value_added[亿元],"
    "projects_applied,projects_approved,target,actual,tech_contract_value[万元],tech_contract_count\n"
    "360202,2023,100,500000,300,60000,50,20,8,100,100,500,10\n"
    "360202,2023H1,90,,140,25000,20,10,3,100,40,200,4\n"
    "360202,2024H1,120,510000,150,30000,,12,5,100,55,300,0\n"
    "360202,2024,130,520000,320,70000,60,24,10,100,,700,12\n"
    "360203,2023,50,,200,10000,30,5,6,80,70,100,2\n"
    "360203,2024H1,60,300000,110,5000,10,0,0,80,30,50,1\n"
    "360203,2024,70,310000,0,12000,40,6,3,80,90,150,3\n";

catalogue with_time_operators() {
    catalogue cat = catalogue::builtin();
    cat.add(testing::make_indicator("patents_yoy", "valid_invention_patents - yoy(valid_invention_patents)", "件"));
    cat.add(testing::make_indicator("patents_growth", "growth(valid_invention_patents)", "%"));
    cat.add(testing::make_indicator("patents_per_10k_twice", "2 * invention_patents_per_10k", "件/万人"));
    cat.add(testing::make_indicator("contracts_ytd", "ytd(tech_contract_value)", "亿元"));
    cat.add(testing::make_indicator("lagged_gdp_gap", "gdp - lag(gdp, 1) + rd_expenditure", "万元"));
    return cat;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

const explained_term& term_named(const explanation& e, const std::string& name) {
    for (const auto& t : e.terms)
        if (t.name == name) return t;
    BOOST_FAIL("no term " + name + " in\n" + e.to_string());
    throw;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_value_explained_is_the_one_compute_gives_bit_for_bit) {
    const panel p = parse_csv(halves);
    const catalogue cat = with_time_operators();
    compute_options lenient;
    lenient.strict = false;
    std::vector<std::string> ids;
    for (const auto& ind : cat.indicators()) ids.push_back(ind.id);
    const indicator_table table = compute(p, ids, lenient, cat);
    std::size_t compared = 0;
    for (const auto& column : table)
        for (std::size_t r = 0; r < p.rows(); ++r) {
            const explanation e =
                explain(p, column.id(), std::string(p.entity_code(p.entity_of_row()[r])), p.period_at(r), lenient, cat);
            BOOST_TEST_INFO(column.id() << " row " << r << "\n" << e.to_string());
            BOOST_TEST(same_bits(e.value, column.values()(static_cast<Eigen::Index>(r))));
            BOOST_TEST(static_cast<int>(e.why) == static_cast<int>(column.reasons()[r]));
            ++compared;
        }
    BOOST_TEST(compared == ids.size() * p.rows());
}

BOOST_AUTO_TEST_CASE(a_per_10k_value_reads_the_previous_year_end_population_converted) {
    const explanation e = explain(parse_csv(halves), "invention_patents_per_10k", "360202", period::half(2024, 1));
    BOOST_TEST(e.value == 120.0 / 50.0, boost::test_tools::tolerance(1e-12));  // 120 件 over 50万人 (2023's)
    const explained_term& patents = term_named(e, "valid_invention_patents");
    BOOST_TEST(patents.period.to_string() == "2024H1");
    BOOST_TEST(patents.stored == 120.0);
    const explained_term& population = term_named(e, "population");
    BOOST_TEST(population.period.to_string() == "2023");
    BOOST_TEST(population.through == "year_end");
    BOOST_TEST(population.stored == 500000.0);
    BOOST_TEST(population.stored_unit.symbol() == "人");
    BOOST_TEST(e.raw_unit.symbol() != "件/万人");  // 件/人, converted by 10⁴
    BOOST_TEST(e.converted.exponent == 4);
}

BOOST_AUTO_TEST_CASE(a_time_operator_says_the_period_it_read_or_lacked) {
    const panel p = parse_csv(halves);
    const catalogue cat = with_time_operators();
    const explanation read = explain(p, "patents_yoy", "360202", period::half(2024, 1), {}, cat);
    BOOST_TEST(read.value == 30.0);
    std::vector<std::string> periods;
    for (const auto& t : read.terms) periods.push_back(t.period.to_string() + " " + t.through);
    BOOST_TEST(periods == (std::vector<std::string>{"2024H1 ", "2023H1 yoy"}));
    const explanation lacked = explain(p, "patents_yoy", "360203", period::half(2024, 1), {}, cat);
    BOOST_TEST(std::isnan(lacked.value));
    BOOST_TEST(to_string(lacked.why) == "no_such_period");
    const explained_term& prior = lacked.terms.back();
    BOOST_TEST(!prior.row_found);
    BOOST_TEST(prior.period.to_string() == "2023H1");
}

BOOST_AUTO_TEST_CASE(a_missing_value_says_which_input_is_missing_and_why) {
    const panel p = parse_csv(halves);
    const explanation e = explain(p, "rd_intensity", "360203", period::year(2024));
    BOOST_TEST(to_string(e.why) == "zero_denominator");
    const explained_term& gdp = term_named(e, "gdp");
    BOOST_TEST(gdp.stored == 0.0);
    const explanation blank = explain(p, "invention_patents_per_10k", "360203", period::half(2024, 1));
    BOOST_TEST(to_string(term_named(blank, "population").why) == "missing_input");  // 2023's is blank
}

BOOST_AUTO_TEST_CASE(an_indicator_used_by_a_formula_shows_its_own_terms_one_level_deeper) {
    const explanation e =
        explain(parse_csv(halves), "patents_per_10k_twice", "360202", period::year(2024), {}, with_time_operators());
    const explained_term& inner = term_named(e, "invention_patents_per_10k");
    BOOST_TEST(inner.indicator);
    BOOST_TEST(inner.depth == 0);
    const explained_term& population = term_named(e, "population");
    BOOST_TEST(population.depth == 1);
    BOOST_TEST(population.read_by == "invention_patents_per_10k");
    BOOST_TEST(population.period.to_string() == "2024");  // December: its own year end
}

BOOST_AUTO_TEST_CASE(an_input_added_to_another_is_shown_in_the_unit_it_is_added_in) {
    const explanation e =
        explain(parse_csv(halves), "lagged_gdp_gap", "360202", period::year(2024), {}, with_time_operators());
    const explained_term& rd = term_named(e, "rd_expenditure");
    BOOST_TEST(rd.stored_unit.symbol() == "万元");
    BOOST_TEST(rd.used_unit.symbol() == "亿元");
    BOOST_TEST(rd.used == 7.0);
    const explanation ytd =
        explain(parse_csv(halves), "contracts_ytd", "360202", period::half(2024, 1), {}, with_time_operators());
    BOOST_TEST(ytd.terms.size() == 1U);  // the first half: itself
}

BOOST_AUTO_TEST_CASE(an_unknown_entity_or_period_is_an_error_with_the_closest) {
    const panel p = parse_csv(halves);
    try {
        explain(p, "rd_intensity", "360204", period::year(2024));
        BOOST_FAIL("no error");
    } catch (const argument_error& e) {
        BOOST_TEST(std::string(e.what()).find("did you mean") != std::string::npos);
    }
    BOOST_CHECK_THROW(explain(p, "rd_intensity", "360202", period::year(2022)), argument_error);
    BOOST_CHECK_THROW(explain(p, "rd_intensty", "360202", period::year(2024)), unknown_indicator_error);
    compute_options lenient;
    lenient.strict = false;
    const explanation missing = explain(p, "funds_in_place_rate", "360202", period::year(2024), lenient);
    BOOST_TEST(to_string(missing.why) == "missing_variable");
    BOOST_TEST(!missing.problem.empty());
    BOOST_CHECK_THROW(explain(p, "funds_in_place_rate", "360202", period::year(2024)), missing_variable_error);
    // The strict error names the indicator, and the entity and period explained (trial24c).
    try {
        explain(p, "funds_in_place_rate", "360202", period::year(2024));
    } catch (const missing_variable_error& e) {
        BOOST_TEST(e.where().entity == "360202");
        BOOST_TEST(e.where().period == "2024");
        BOOST_TEST(std::string(e.what()).find("indicator 'funds_in_place_rate': the panel has no variable") !=
                       std::string::npos,
                   e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
