// Round 37 (a methodology trial recomputing /work/shared/spec/indicators.md): growth() over a
// same-scope prior that is given but invalid, and constants that scale a ratio twice.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <utility>

#include "indicator_fixture.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/explain.hpp"
#include "zhibiao/rollup.hpp"

using namespace zhibiao;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(formula_round37)

const auto make = testing::make_indicator;

namespace {
compute_options lenient() {
    compute_options o;
    o.strict = false;
    return o;
}
}  // namespace

// Spec §5 (同口径): where the same-scope prior (上年同期同口径) is given, growth is not recomputed
// from the published levels. A prior cell with text that is no number gives no prior: growth is
// missing with that reason (it was 220 / 200 − 1 = 10.0 % from the 2023 level, no reason).
BOOST_AUTO_TEST_CASE(an_unparseable_prior_is_never_replaced_by_the_level_a_year_before) {
    csv_options read;
    read.lenient = true;
    const panel p = parse_csv("region,period,gdp[亿元],gdp_prior[亿元]\nA,2023,200,\nA,2024,220,x\n", read);
    const indicator_values g = compute_indicator(p, make("g", "growth(gdp)", "%"), lenient());
    BOOST_TEST(std::isnan(g.values()(1)));
    BOOST_TEST(g.reasons()[1] == reason::unparseable);
    const indicator_values y = compute_indicator(p, make("y", "yoy(gdp)", "亿元"), lenient());
    BOOST_TEST(y.reasons()[1] == reason::unparseable);
    // explain() shows the prior cell with its reason, not the 2023 level.
    catalogue cat = catalogue::builtin();
    cat.add(make("g", "growth(gdp)", "%"));
    const explanation e = explain(p, "g", "A", period::year(2024), lenient(), cat);
    BOOST_TEST(e.why == reason::unparseable);
    bool prior_term = false;
    for (const auto& t : e.terms) {
        if (t.name == "gdp_prior") {
            prior_term = true;
            BOOST_TEST(t.why == reason::unparseable);
        }
        BOOST_TEST(!(t.name == "gdp" && t.period == period::year(2023)));
    }
    BOOST_TEST(prior_term, e.to_string());
}

// Roll-up: 320601 gives its prior (98), 320602 leaves it blank. The parent's prior is no
// same-scope figure (incomplete_rollup): growth on 320600 is missing with that reason, with or
// without partial sums (it was 330 / 300 − 1 = 10.0 % from the levels).
BOOST_AUTO_TEST_CASE(a_partial_prior_after_a_rollup_is_the_gap_it_stands_for) {
    const panel p = parse_csv(
        "region,period,gdp[亿元],gdp_prior[亿元]\n320601,2023,100,\n320602,2023,200,\n320601,2024,110,98\n"
        "320602,2024,220,\n");
    for (bool partial : {false, true}) {
        BOOST_TEST_CONTEXT("partial_sums " << partial) {
            rollup_options o;
            o.partial_sums = partial;
            const panel up = rollup(p, admin_parents(p), o).parents;
            const indicator_values g = compute_indicator(up, make("g", "growth(gdp)", "%"), lenient());
            BOOST_TEST(std::isnan(g.values()(1)));
            BOOST_TEST(g.reasons()[1] == reason::incomplete_rollup);
        }
    }
}

// What stays: a prior column blank in every child (or in the row) gives no prior, and growth reads
// the level a year before, as docs/indicators.md says (330 / 300 − 1 = 10 %); a given prior wins
// (330 / (98 + 197) − 1 = 11.86 %, docs/rollup.md's figure).
BOOST_AUTO_TEST_CASE(a_blank_prior_still_reads_the_level_and_a_given_one_wins) {
    const panel blank = parse_csv(
        "region,period,gdp[亿元],gdp_prior[亿元]\n320601,2023,100,\n320602,2023,200,\n320601,2024,110,\n"
        "320602,2024,220,\n");
    const panel up = rollup(blank, admin_parents(blank)).parents;
    const indicator_values g = compute_indicator(up, make("g", "growth(gdp)", "%"), lenient());
    BOOST_TEST(g.values()(1) == 10.0, tt::tolerance(1e-12));
    const panel given = parse_csv(
        "region,period,gdp[亿元],gdp_prior[亿元]\n320601,2023,100,\n320602,2023,200,\n320601,2024,110,98\n"
        "320602,2024,220,197\n");
    const panel up2 = rollup(given, admin_parents(given)).parents;
    BOOST_TEST(
        compute_indicator(up2, make("g", "growth(gdp)", "%"), lenient()).values()(1) == (330.0 / 295.0 - 1) * 100,
        tt::tolerance(1e-12));
}

// x_prior follows x's rules, as the roll-up sums it (rollup.cpp spec_of): 2.5 patents is no count,
// invalid as the level and as the prior (growth was 10 / 2.5 − 1 = 300 %).
BOOST_AUTO_TEST_CASE(a_prior_follows_the_rules_of_its_variable) {
    const panel p = parse_csv(
        "region,period,valid_invention_patents,valid_invention_patents_prior[件]\nA,2023,8,\nA,2024,10,2.5\n");
    const indicator_values g = compute_indicator(p, make("g", "growth(valid_invention_patents)", "%"), lenient());
    BOOST_TEST(std::isnan(g.values()(1)));
    BOOST_TEST(g.reasons()[1] == reason::invalid_input);
}

// Valid invention patents per 10k people (indicators.md §1.4): 45 over 500000 人 = 50 万人 is
// 0.90 件/万人. The unit converts 人 into 万人 already: `/ (population / 10000)` gave 9000.
BOOST_AUTO_TEST_CASE(a_constant_that_scales_a_ratio_twice_is_refused_wherever_it_is) {
    catalogue c = catalogue::builtin();
    for (const auto& [formula, unit_symbol] :
         {std::pair{"valid_invention_patents / (population / 10000)", "件/万人"},
          std::pair{"rd_expenditure / (gdp / 100)", "%"}, std::pair{"rd_expenditure / gdp / 0.01", "%"},
          std::pair{"rd_expenditure / (gdp * 0.01)", "%"}, std::pair{"rd_expenditure / (0.01 * gdp)", "%"},
          std::pair{"rd_expenditure / (gdp / 1000)", "‰"}, std::pair{"round(rd_expenditure / gdp * 100, 2)", "%"},
          std::pair{"max(rd_expenditure / gdp * 100, 0)", "%"},
          std::pair{"if(gdp > 0, rd_expenditure / gdp * 100, 0)", "%"},
          std::pair{"rd_expenditure / gdp * 100 - 1", "%"}, std::pair{"-(rd_expenditure / (gdp / 100))", "%"}}) {
        BOOST_TEST_CONTEXT(formula) {
            try {
                c.add(make("x", formula, unit_symbol));
                BOOST_FAIL("expected incompatible_units_error");
            } catch (const incompatible_units_error& e) {
                BOOST_TEST(std::string(e.what()).find("already scales the result") != std::string::npos);
                BOOST_TEST(std::string(e.what()).find("indicator 'x'") != std::string::npos);
            }
        }
    }
    try {
        c.add(make("x", "valid_invention_patents / (population / 10000)", "件/万人"));
    } catch (const incompatible_units_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("divides the denominator by 10000, which multiplies the result by 10000, while the "
                             "unit '件/万人'") != std::string::npos,
                   what);
        BOOST_TEST(what.find("10000 times too large") != std::string::npos, what);
        BOOST_TEST(what.find("\n  valid_invention_patents / (population / 10000)\n"
                             "                                          ^~~~~") != std::string::npos,
                   what);
    }
    try {
        c.add(make("x", "rd_expenditure / gdp / 0.01", "%"));
    } catch (const incompatible_units_error& e) {
        BOOST_TEST(std::string(e.what()).find("divides by 0.01, which multiplies the result by 100, while") !=
                       std::string::npos,
                   e.what());
    }
    // Not a repetition: averages, weights, complements, an index over its base 100, a divisor the
    // unit does not repeat, constants with their unit, a flag's threshold.
    for (const auto& [formula, unit_symbol] :
         {std::pair{"rd_expenditure / gdp / 2", "%"}, std::pair{"rd_expenditure * 0.5 / gdp", "%"},
          std::pair{"1 - rd_expenditure / gdp", "%"}, std::pair{"rd_expenditure / gdp / 100", "%"},
          std::pair{"rd_expenditure / (gdp / 100)", "1"}, std::pair{"rd_expenditure / (gdp / 10)", "%"},
          std::pair{"(rd_expenditure + 100[万元]) / gdp", "%"},
          std::pair{"if(rd_expenditure / gdp > 0.01, rd_expenditure / gdp, 0)", "%"},
          std::pair{"valid_invention_patents / (population / 10000[人])", "件"}})
        BOOST_TEST_CONTEXT(formula) { BOOST_CHECK_NO_THROW(c.add(make("y", formula, unit_symbol))); }
    const panel p = parse_csv("region,period,population[人],valid_invention_patents[件]\nA,2023,500000,45\n");
    BOOST_TEST(compute_indicator(p, make("p", "valid_invention_patents / population", "件/万人")).values()(0) == 0.9,
               tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()
