// Round 38 (序时进度 as /work/shared/spec/indicators.md §5 says): the quarter basis, progress on
// ratio targets refused (cumulable), a divisor that undoes a large unit's scale by hand, and what
// an unknown indicator id says.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <utility>

#include "indicator_fixture.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"

using namespace zhibiao;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(formula_round38)

const auto make = testing::make_indicator;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

// 序时进度 by quarter (spec §5: the basis is one of {month, day, quarter}): the quarters over at the
// end of the period. §5's worked case: 56 of a target of 100 at June is 56 %, 2 of 4 quarters = 50 %,
// +6.0 百分点 (as on the month basis); January–May (1-5月) 40 of 100 is one quarter over, 40 − 25 =
// +15.0 (month basis: 40 − 5/12 · 100 = −1.67); Q3 70 is 70 − 75 = −5.0.
BOOST_AUTO_TEST_CASE(time_progress_by_quarter) {
    const panel p = parse_csv("region,period,target,actual\nA,2024H1,100,56\nA,2024YTD05,100,40\nA,2024Q3,100,70\n");
    for (bool fused : {true, false}) {
        BOOST_TEST_CONTEXT("fused " << fused) {
            compute_options o;
            o.basis = elapsed_basis::quarter;
            o.fused = fused;
            const indicator_table t = compute(p, {"progress_vs_time"}, o);
            const auto& v = t.at("progress_vs_time").values();
            BOOST_TEST(v(0) == 6.0, tt::tolerance(1e-12));
            BOOST_TEST(v(1) == 15.0, tt::tolerance(1e-12));
            BOOST_TEST(v(2) == -5.0, tt::tolerance(1e-12));
        }
    }
    BOOST_TEST(period::parse("2024-02").fraction_elapsed(elapsed_basis::quarter) == 0.0);  // no quarter over yet
    BOOST_TEST(period::parse("2024").fraction_elapsed(elapsed_basis::quarter) == 1.0);
}

// Spec §5: "For ratio targets (e.g. share ≥ 13%), progress is not time-proportional. Report actual
// vs. target level, not ×50%." A share of 12 % against a target of 13 % at June gave 12/13 − 50 % =
// +42.3 百分点; per-capita and intensity targets alike. Amounts and counts as before: 56 of 100 at
// June is +6.0 (§5's test case).
BOOST_AUTO_TEST_CASE(progress_on_a_ratio_target_is_refused_saying_to_compare_the_levels) {
    for (const char* u : {"%", "件/万人", "元/人", "吨标准煤/万元", "‰"}) {
        const std::string text = std::string("region,period,target[") + u + "],actual[" + u + "]\nA,2024H1,13,12\n";
        const panel p = parse_csv(text);
        for (bool fused : {true, false}) {
            BOOST_TEST_CONTEXT(u << " fused " << fused) {
                compute_options o;
                o.fused = fused;
                try {
                    compute(p, {"progress_vs_time"}, o);
                    BOOST_ERROR("expected incompatible_units_error");
                } catch (const incompatible_units_error& e) {
                    BOOST_TEST(contains(e.what(), "compare the level with the target"), e.what());
                    BOOST_TEST(contains(e.what(), "cumulable()"), e.what());
                }
                o.strict = false;
                const indicator_table t = compute(p, {"progress_vs_time", "target_completion_rate"}, o);
                const indicator_values& v = t.at("progress_vs_time");
                BOOST_TEST(std::isnan(v.values()(0)));
                BOOST_TEST(v.reasons()[0] == reason::unit_mismatch);
                BOOST_TEST(contains(v.column_problem(), "compare the level with the target"), v.column_problem());
                // The level against the target stays: 12 / 13 = 92.3 %.
                BOOST_TEST(t.at("target_completion_rate").values()(0) == 1200.0 / 13, tt::tolerance(1e-12));
            }
        }
    }
    for (const char* u : {"万元", "件", "项", ""}) {
        const std::string heading = *u ? std::string("[") + u + "]" : std::string();
        const panel p = parse_csv("region,period,target" + heading + ",actual" + heading + "\nA,2024H1,100,56\n");
        for (bool fused : {true, false}) {
            BOOST_TEST_CONTEXT(u << " fused " << fused) {
                compute_options o;
                o.fused = fused;
                BOOST_TEST(compute(p, {"progress_vs_time"}, o).at("progress_vs_time").values()(0) == 6.0,
                           tt::tolerance(1e-12));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(cumulable_refuses_a_rate_of_change_and_passes_an_amount_through) {
    const panel p = parse_csv("region,period,x[万元]\nA,2023,100\nA,2024,120\n");
    BOOST_CHECK_THROW(compute_indicator(p, make("g", "cumulable(growth(x))", "%")), incompatible_units_error);
    for (bool fused : {true, false}) {
        compute_options o;
        o.fused = fused;
        const indicator_values v = compute_indicator(p, make("c", "cumulable(x)", "亿元"), o);
        BOOST_TEST(v.values()(1) == 0.012, tt::tolerance(1e-12));  // 120 万元 = 0.012 亿元
    }
}

// Round 37 refused a plain number that scales a ratio the unit already scales (`* 100` in %), on
// the ≥ 100 side only. A divisor that makes 元 into 万元 by hand in a unit of 万元 is the same slip
// the other way: gdp 120000000 元 / 10000 = 12000 元 = 1.2 万元, not 12000 万元 (10⁴ too small).
BOOST_AUTO_TEST_CASE(a_divisor_that_undoes_a_large_units_scale_by_hand_is_refused) {
    catalogue c = catalogue::builtin();
    for (const auto& [formula, unit_symbol] :
         {std::pair{"gdp / 10000", "万元"}, std::pair{"gdp * 0.0001", "万元"}, std::pair{"gdp / 100000000", "亿元"},
          std::pair{"gdp / population / 10000", "万元/人"}, std::pair{"round(gdp / 10000, 1)", "万元"},
          std::pair{"population / 10000", "万人"}}) {
        BOOST_TEST_CONTEXT(formula) {
            try {
                c.add(make("x", formula, unit_symbol));
                BOOST_ERROR("expected incompatible_units_error");
            } catch (const incompatible_units_error& e) {
                BOOST_TEST(contains(e.what(), "already scales the result"), e.what());
                BOOST_TEST(contains(e.what(), "times too small"), e.what());
            }
        }
    }
    try {
        c.add(make("x", "gdp / 10000", "万元"));
    } catch (const incompatible_units_error& e) {
        BOOST_TEST(contains(e.what(),
                            "divides by 10000 while the unit '万元' already scales the result (the formula's "
                            "'元' is converted into it as it is computed): the value would be 10000 times "
                            "too small"),
                   e.what());
    }
    // The ≥ 100 side as before; not refused: halves, weights, a divisor the unit does not undo, a
    // constant with its unit, and a conversion written on a column whose unit is not known.
    BOOST_CHECK_THROW(c.add(make("x", "rd_expenditure / gdp * 100", "%")), incompatible_units_error);
    for (const auto& [formula, unit_symbol] :
         {std::pair{"gdp / 2", "万元"}, std::pair{"gdp * 0.5", "万元"}, std::pair{"gdp / 100", "万元"},
          std::pair{"gdp / 10000", "元"}, std::pair{"1 - rd_expenditure / gdp", "%"},
          std::pair{"gdp - 10000[元]", "万元"}, std::pair{"sales_in_yuan / 10000", "万元"},
          std::pair{"rd_expenditure / gdp / 100", "%"}})
        BOOST_TEST_CONTEXT(formula) { BOOST_CHECK_NO_THROW(c.add(make("y", formula, unit_symbol))); }
}

// `zhibiao compute --ids gdp_growth` said only "unknown indicator 'gdp_growth'": no id is near it,
// so it says where the ids are listed and how a formula of one's own is given. A near id keeps its
// "did you mean" alone (tests/python/test_cli_outputs.py pins it).
BOOST_AUTO_TEST_CASE(an_unknown_id_with_no_close_one_says_where_ids_are_and_how_to_give_a_formula) {
    try {
        catalogue::builtin().at("gdp_growth");
        BOOST_FAIL("expected unknown_indicator_error");
    } catch (const unknown_indicator_error& e) {
        const std::string what = e.what();
        BOOST_TEST(contains(what, "unknown indicator 'gdp_growth': the catalogue has no such id"), what);
        BOOST_TEST(contains(what, "`zhibiao catalogue` lists them"), what);
        BOOST_TEST(contains(what, "zhibiao.Indicator('gdp_growth', formula, unit=...)"), what);
        BOOST_TEST(!contains(what, "did you mean"), what);
    }
    try {
        catalogue::builtin().at("rd_intensit");
        BOOST_FAIL("expected unknown_indicator_error");
    } catch (const unknown_indicator_error& e) {
        BOOST_TEST(std::string(e.what()) == "unknown indicator 'rd_intensit' (did you mean 'rd_intensity'?)");
    }
}

BOOST_AUTO_TEST_SUITE_END()
