#include "zhibiao/formula.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cmath>
#include <random>

#include "formula/node.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "indicator_fixture.hpp"

using namespace zhibiao;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(formulas)

const auto make = testing::make_indicator;

BOOST_AUTO_TEST_CASE(syntax_errors_show_a_caret) {
    try {
        formula::parse("gdp / (population + 1");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()) == "expected ')'\n  gdp / (population + 1\n                       ^");
    }
    for (const char* bad :
         {"", "1 +", "a b", "(a", "a)", "f(a,", "1[美元]", "a < b < c", "[人]", "a ^ b", "and", "1e999"})
        BOOST_CHECK_THROW(formula::parse(bad), parse_error);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_without_exhausting_the_stack) {
    std::string deep = std::string(100000, '(') + "1" + std::string(100000, ')');
    BOOST_CHECK_THROW(formula::parse(deep), limit_error);
    std::string minus(100000, '-');
    BOOST_CHECK_THROW(formula::parse(minus + "1"), limit_error);
    BOOST_TEST(formula::parse(std::string(50, '(') + "1" + std::string(50, ')')).names().empty());
}

BOOST_AUTO_TEST_CASE(units_are_checked_with_a_caret) {
    panel p = parse_csv("entity,period,rd_personnel[人],employed[万人],gdp[万元]\na,2023,10,2,5\n");
    try {
        compute_indicator(p, make("x", "rd_personnel / employed + gdp", "人/万人"));
        BOOST_FAIL("expected incompatible_units_error");
    } catch (const incompatible_units_error& e) {
        std::string what = e.what();
        BOOST_TEST(what.find("cannot add") != std::string::npos);
        BOOST_TEST(what.find("\n  rd_personnel / employed + gdp\n  ^~~~") != std::string::npos);
    }
    // 人 over 万人 becomes 人/万人 whichever scale the employed come in.
    panel q = parse_csv("entity,period,rd_personnel[人],employed[人]\na,2023,10,20000\n");
    BOOST_TEST(compute_indicator(p, make("x", "rd_personnel / employed", "人/万人")).values()(0) == 5.0);
    BOOST_TEST(compute_indicator(q, make("x", "rd_personnel / employed", "人/万人")).values()(0) == 5.0);
    // Literals carry units: 10000[人] is 1万人.
    BOOST_TEST(compute_indicator(q, make("x", "rd_personnel / (employed / 10000[人])", "人")).values()(0) == 5.0);
}

BOOST_AUTO_TEST_CASE(a_factor_that_repeats_the_units_scaling_is_refused) {
    // R&D 3000 万元 over GDP 120.5 亿元 is 0.249 % (indicators.md §1.1: the ratio, in %). A spreadsheet's
    // "× 100" on top of the unit '%' gave 24.9 "%"; and "× 10000" on top of '件/万人' likewise.
    catalogue c = catalogue::builtin();
    for (const auto& [formula, unit_symbol] :
         {std::pair{"rd_expenditure / gdp * 100", "%"}, std::pair{"100 * rd_expenditure / gdp", "%"},
          std::pair{"-(rd_expenditure / gdp - 1) * 100", "百分点"},
          std::pair{"valid_invention_patents / population * 10000", "件/万人"}}) {
        try {
            c.add(make("x", formula, unit_symbol));
            BOOST_FAIL("expected incompatible_units_error for " << formula);
        } catch (const incompatible_units_error& e) {
            BOOST_TEST(std::string(e.what()).find("already scales the result") != std::string::npos);
            BOOST_TEST(std::string(e.what()).find("indicator 'x'") != std::string::npos);
        }
    }
    // Not a repetition: the unit alone scales, a divisor of 100 (an index over its base 100), a
    // factor the unit does not repeat, a literal with its unit.
    for (const auto& [formula, unit_symbol] :
         {std::pair{"rd_expenditure / gdp", "%"}, std::pair{"(rd_expenditure - 100[万元]) / gdp / 100", "%"},
          std::pair{"rd_expenditure / gdp * 100", "1"}, std::pair{"rd_expenditure / gdp * 1000", "%"},
          std::pair{"rd_expenditure * 100[%] / gdp", "%"}})
        BOOST_CHECK_NO_THROW(c.add(make("y", formula, unit_symbol)));
    panel p = parse_csv("entity,period,rd_expenditure[万元],gdp[亿元]\na,2023,3000,120.5\n");
    BOOST_TEST(compute_indicator(p, make("x", "rd_expenditure / gdp", "%")).values()(0) == 3000.0 / 1205000 * 100,
               tt::tolerance(1e-12));
}

// `share >= 10` over a share in % compared with 10 = 1000 % and was false for every row; `share + 1`
// added 100 %. A number written without a unit beside a value in %, ‰ or 百分点 is refused on every
// path (the evaluator, the fused plan, a catalogue's declared units), as scorecard packs refuse it.
BOOST_AUTO_TEST_CASE(a_bare_number_beside_a_share_in_percent_is_refused_on_every_path) {
    panel p = parse_csv("entity,period,share[%],rd_expenditure[亿元],gdp[亿元]\na,2024,12,3,100\nb,2024,8,1,100\n");
    for (const char* text : {"share >= 10", "10 < share", "share + 1", "share - -2", "if(share > 10[%], share, 5)",
                             "max(share, 5)", "min(3, share)"}) {
        BOOST_TEST_CONTEXT(text) {
            BOOST_CHECK_THROW(evaluate(p, formula::parse(text)), incompatible_units_error);
            for (bool fused : {true, false}) {
                compute_options o;
                o.fused = fused;
                catalogue c = catalogue::builtin();
                c.add(make("x", text, "1"));  // share is no catalogue variable: its unit comes with the data
                BOOST_CHECK_THROW(compute(p, {"x"}, o, c), incompatible_units_error);
            }
        }
    }
    try {
        evaluate(p, formula::parse("share >= 10"));
    } catch (const incompatible_units_error& e) {
        BOOST_TEST(std::string(e.what()).find("write 10[%] for 10 %, or 0.1[1] for the fraction 0.1\n"
                                              "  share >= 10\n           ^~") != std::string::npos);
    }
    // The catalogue knows rd_intensity is in %: refused when the indicator is added.
    catalogue c = catalogue::builtin();
    BOOST_CHECK_THROW(c.add(make("y", "if(rd_intensity >= 2, 1, 0)", "1")), incompatible_units_error);
    BOOST_CHECK_THROW(evaluate(p, formula::parse("rd_intensity >= 2")), incompatible_units_error);
    // Said with a unit, 0, a product or a ratio of plain numbers: read as written.
    BOOST_TEST(evaluate(p, formula::parse("share >= 10[%]")).values()(0) == 1.0);
    BOOST_TEST(evaluate(p, formula::parse("share >= 0.1[1]")).values()(1) == 0.0);
    BOOST_TEST(evaluate(p, formula::parse("share > 0")).values()(1) == 1.0);
    BOOST_TEST(evaluate(p, formula::parse("rd_expenditure / gdp >= 0.02")).values()(0) == 1.0);
    const auto doubled = evaluate(p, formula::parse("share * 2"));
    BOOST_TEST(doubled.unit().symbol() == "%");                     // not "%·1"
    BOOST_TEST(doubled.values()(0) == 24.0, tt::tolerance(1e-12));  // 2 × 12 %
}

BOOST_AUTO_TEST_CASE(unknown_names_suggest_the_nearest) {
    panel p = parse_csv("entity,period,population[万人]\na,2023,10\n");
    try {
        compute_indicator(p, make("x", "populaton * 2", "万人"));
        BOOST_FAIL("expected missing_variable_error");
    } catch (const missing_variable_error& e) {
        BOOST_TEST(std::string(e.what()).find("did you mean 'population'") != std::string::npos);
        BOOST_TEST(e.name() == "populaton");
    }
    try {
        compute_indicator(p, make("x", "sqr(population)", "万人"));
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("did you mean 'sqrt'") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(arithmetic_functions_and_logic) {
    panel p = parse_csv("entity,period,a,b\nx,2023,4,9\ny,2023,-1,0\n");
    auto value = [&](const std::string& f, std::size_t row = 0) {
        return evaluate(p, formula::parse(f)).values()(static_cast<Eigen::Index>(row));
    };
    BOOST_TEST(value("a + b * 2") == 22.0);
    BOOST_TEST(value("-(a - b)") == 5.0);
    BOOST_TEST(value("if(a > b, a, b)") == 9.0);
    BOOST_TEST(value("min(a, b, 3)") == 3.0);
    BOOST_TEST(value("max(a, b)") == 9.0);
    BOOST_TEST(value("abs(a)", 1) == 1.0);
    BOOST_TEST(value("sqrt(b)") == 3.0);
    BOOST_TEST(value("round(b / a, 1)") == 2.3);
    BOOST_TEST(value("a < b and not (b == 0)") == 1.0);
    BOOST_TEST(value("a > b or b != 9") == 0.0);
    BOOST_TEST(value("exp(log(b))") == 9.0, tt::tolerance(1e-12));
    // Gaps have reasons, never inf.
    indicator_values v = evaluate(p, formula::parse("a / b"));
    BOOST_TEST((v.reasons()[1] == reason::zero_denominator));
    BOOST_TEST((evaluate(p, formula::parse("sqrt(a)")).reasons()[1] == reason::out_of_range));
    BOOST_TEST((evaluate(p, formula::parse("log(b)")).reasons()[1] == reason::out_of_range));
    BOOST_TEST((evaluate(p, formula::parse("exp(1000 * b)")).reasons()[0] == reason::out_of_range));
}

BOOST_AUTO_TEST_CASE(indicators_use_indicators_and_cycles_are_named) {
    panel p = parse_csv("entity,period,rd_expenditure[亿元],gdp[亿元]\na,2023,2,100\n");
    catalogue c = catalogue::builtin();
    c.add(make("rd_intensity_doubled", "rd_intensity * 2", "%"));
    BOOST_TEST(compute(p, {"rd_intensity_doubled"}, {}, c).at("rd_intensity_doubled").values()(0) == 4.0);
    c.add(make("loop_a", "loop_b + 1", "1"));
    c.add(make("loop_b", "loop_a + 1", "1"));
    try {
        compute(p, {"loop_a"}, {}, c);
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("loop_a → loop_b → loop_a") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(time_operators) {
    panel p = parse_csv(
        "entity,period,x[万元],pop[万人]\n"
        "a,2022H1,64,10\n"
        "a,2022H2,70,10\n"
        "a,2022,134,10\n"
        "a,2023H1,80,\n"
        "a,2023H2,90,11\n"
        "b,2022H1,0,5\n"
        "b,2023H1,10,5\n");
    auto eval = [&](const std::string& f) { return evaluate(p, formula::parse(f)); };
    // Same period last year, H1 vs H1: 80 vs 64 = +25.0% (indicators.md §5).
    indicator_values g = eval("growth(x)");
    BOOST_TEST(g.values()(3) == 0.25);
    BOOST_TEST((g.reasons()[0] == reason::no_such_period));
    BOOST_TEST((g.reasons()[6] == reason::nonpositive_base));  // base 0 (扭亏)
    BOOST_TEST(eval("yoy(x)").values()(4) == 70.0);
    BOOST_TEST(eval("lag(x)").values()(4) == 80.0);  // the previous half
    BOOST_TEST(eval("lag(x, 2)").values()(4) == 70.0);
    BOOST_TEST(eval("lead(x)").values()(0) == 70.0);
    BOOST_TEST(eval("ytd(x)").values()(4) == 170.0);  // H1 + H2
    BOOST_TEST(eval("last_year_end(pop)").values()(3) == 10.0);
    BOOST_TEST(eval("target(x)").values()(1) == 134.0);  // the annual row of the same year
    BOOST_TEST(eval("elapsed()").values()(3) == 0.5);
    BOOST_TEST((eval("x / pop").reasons()[3] == reason::missing_input));
}

BOOST_AUTO_TEST_CASE(explicit_same_scope_prior_overrides) {
    // NBS growth compares with the prior year re-reported on this year's scope (上年同期同口径).
    panel p = parse_csv("entity,period,x[亿元],x_prior[亿元]\na,2022,100,\na,2023,120,110\na,2024,132,\n");
    indicator_values g = evaluate(p, formula::parse("growth(x)"));
    BOOST_TEST(g.values()(1) == 120.0 / 110.0 - 1);  // the explicit 110, not the published 100
    BOOST_TEST(g.values()(2) == 132.0 / 120.0 - 1);  // no explicit value: recomputed
}

BOOST_AUTO_TEST_CASE(cagr_and_monthly_ytd) {
    panel p =
        parse_csv("entity,period,x\na,2018,100\na,2023,161.051\nb,2024-01,1\nb,2024-02,2\nb,2024-03,3\nb,2024-05,5\n");
    BOOST_TEST(evaluate(p, formula::parse("cagr(x, 5)")).values()(1) == 0.10, tt::tolerance(1e-9));
    indicator_values ytd = evaluate(p, formula::parse("ytd(x)"));
    BOOST_TEST(ytd.values()(4) == 6.0);
    BOOST_TEST((ytd.reasons()[5] == reason::no_such_period));  // April is missing
}

BOOST_AUTO_TEST_CASE(intra_year_per_10k_holds_last_year_end_population) {
    // Nantong Jan–Oct 2023: 42673 patents over the 2022 year-end population 773.34万 = 55.18
    // (indicators.md §1.4).
    panel p = parse_csv(
        "entity,period,valid_invention_patents,population[万人]\n"
        "Nantong,2022,37964,773.34\nNantong,2023YTD10,42673,\n");
    catalogue c = catalogue::builtin();
    c.add(make("patents_per_10k_intra_year", "valid_invention_patents / last_year_end(population)", "件/万人"));
    BOOST_TEST(
        std::round(compute(p, {"patents_per_10k_intra_year"}, {}, c).at("patents_per_10k_intra_year").values()(1) *
                   100) /
            100 ==
        55.18);
}

BOOST_AUTO_TEST_CASE(year_end_denominator_of_intra_year_periods) {
    // indicators.md §1.4: a half-year report divides by the previous year-end population; with no
    // such row it divides by the population the report itself states. 44 / 50 = 0.88 (not 44 / 52);
    // H1-only entity b: 44 / 52; an annual row keeps its own year end: 40 / 50 = 0.8.
    panel p = parse_csv(
        "entity,period,valid_invention_patents,population[万人]\n"
        "a,2022,40,50.0\na,2023H1,44,52.0\nb,2023H1,44,52.0\n");
    indicator_values v = evaluate(p, formula::parse("valid_invention_patents / year_end(population)"));
    BOOST_TEST(v.values()(0) == 0.8, tt::tolerance(1e-12));
    BOOST_TEST(v.values()(1) == 0.88, tt::tolerance(1e-12));
    BOOST_TEST(v.values()(2) == 44.0 / 52.0, tt::tolerance(1e-12));
    // The built-in per-10k indicators use it.
    BOOST_TEST(compute(p, {"invention_patents_per_10k"}).at("invention_patents_per_10k").values()(1) == 0.88,
               tt::tolerance(1e-12));
}

// The catalogue before formulas (v1): out = convert(num / den) [- elapsed], with the same reasons.
// One deliberate difference: when both inputs are bad, v1 reported a missing input before a
// negative one; formulas report the first bad input in reading order (numerator first).
indicator_values reference_ratio(const panel& p, const indicator& ind) {
    std::string f = ind.formula;
    std::size_t slash = f.find(" / "), minus = f.find(" - elapsed()");
    std::string num = f.substr(0, slash),
                den = f.substr(slash + 3, minus == std::string::npos ? std::string::npos : minus - slash - 3);
    if (den.rfind("year_end(", 0) == 0) den = den.substr(9, den.size() - 10);  // one period a year: its own
    for (std::string* side : {&num, &den})  // cumulable(x) is x (its unit checked): progress_vs_time
        if (side->rfind("cumulable(", 0) == 0) *side = side->substr(10, side->size() - 11);
    const catalogue& c = catalogue::builtin();
    const column& a = p.at(num);
    const column& b = p.at(den);
    conversion convert = (a.unit() / b.unit()).to(ind.unit);
    Eigen::ArrayXd values(static_cast<Eigen::Index>(p.rows()));
    std::vector<reason> reasons(p.rows(), reason::none);
    for (std::size_t r = 0; r < p.rows(); ++r) {
        double x = a.data()[r], d = b.data()[r];
        reason why = reason::none;
        if (x != x)
            why = a.reason_at(r);
        else if (x < c.variable(num)->min)
            why = reason::negative_input;
        else if (d != d)
            why = b.reason_at(r);
        else if (d < c.variable(den)->min)
            why = reason::negative_input;
        else if (d == 0)
            why = reason::zero_denominator;
        else if (d < 0)
            why = reason::negative_denominator;
        double v = why == reason::none ? convert.apply(x / d) : std::nan("");
        if (why == reason::none && minus != std::string::npos) v -= 100 * p.period_at(r).fraction_elapsed();
        if (why == reason::none && !(v >= ind.valid_min && v <= ind.valid_max)) why = reason::out_of_range;
        values(static_cast<Eigen::Index>(r)) = why == reason::none ? v : std::nan("");
        reasons[r] = why;
    }
    return indicator_values(ind.id, ind.unit, std::move(values), std::move(reasons));
}

BOOST_AUTO_TEST_CASE(builtin_catalogue_unchanged_by_the_move_to_formulas) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> value(-5, 500);
    std::string text = "entity,period";
    const auto& variables = catalogue::builtin().variables();
    const char* units[] = {"件", "万人", "亿元", "万元", "项"};
    for (std::size_t k = 0; k < variables.size(); ++k) {
        std::string u = variables[k].dimension_name == "person"     ? "万人"
                        : variables[k].dimension_name == "currency" ? units[2 + k % 2]
                        : variables[k].dimension_name == "count"    ? units[4 * (k % 2)]
                                                                    : "项";
        text += "," + variables[k].id + "[" + u + "]";
    }
    text += "\n";
    const char* periods[] = {"2023", "2023H1", "2023Q3", "2023-05"};
    for (int r = 0; r < 2000; ++r) {
        text += "e" + std::to_string(r / 4) + "," + periods[r % 4];
        for (std::size_t k = 0; k < variables.size(); ++k) {
            double x = value(rng);
            if (variables[k].dimension_name == "count") x = std::round(x);  // a count that is not whole is no input
            text += "," + (r % 37 == static_cast<int>(k) ? std::string()
                           : x < 0 && r % 3              ? std::string("0")
                                                         : std::to_string(x));
        }
        text += "\n";
    }
    panel p = parse_csv(text);
    for (const auto& ind : catalogue::builtin().indicators()) {
        indicator_values now = compute(p, {ind.id}).at(ind.id);
        indicator_values before = reference_ratio(p, ind);
        for (std::size_t r = 0; r < p.rows(); ++r) {
            BOOST_TEST((now.reasons()[r] == before.reasons()[r]), ind.id << " row " << r);
            // Relative to 100 at least: progress_vs_time subtracts 100 × the elapsed share, and a
            // difference of two values near 50 keeps their rounding (1 ulp of 50 is 7e-15), not its own.
            const double a = now.values()(static_cast<Eigen::Index>(r)),
                         b = before.values()(static_cast<Eigen::Index>(r));
            if (now.reasons()[r] == reason::none)
                BOOST_TEST(std::abs(a - b) <= 1e-13 * std::max(std::abs(b), 100.0),
                           ind.id << " row " << r << ": " << a << " vs " << b);
        }
    }
}

// Counts in different measure words are checked in the units the panel loaded them in (review 28b):
// contracts a table counts in 件 add to patents (10件 + 20件 = 30件) though the catalogue says 项;
// loaded in 项 they are refused, and so is an indicator whose unit counts another thing than its
// formula (unit 项 on patents in 件), unless the catalogue's own units vouch for it.
BOOST_AUTO_TEST_CASE(counts_are_checked_in_the_units_the_panel_loaded) {
    const indicator sum = make("s", "valid_invention_patents + tech_contract_count", "件");
    catalogue c = catalogue::builtin();
    c.add(sum);  // the catalogue's 件 + 项 says nothing of the panel's columns
    panel same = parse_csv("entity,period,valid_invention_patents[件],tech_contract_count[件]\na,2024,10,20\n");
    BOOST_TEST(compute_indicator(same, sum).values()(0) == 30.0);
    panel other = parse_csv("entity,period,valid_invention_patents[件],tech_contract_count[项]\na,2024,10,20\n");
    BOOST_CHECK_THROW(compute_indicator(other, sum), incompatible_units_error);
    panel own = parse_csv("entity,period,a[件]\na,2024,120\n");
    BOOST_CHECK_THROW(compute_indicator(own, make("i", "a", "项")), incompatible_units_error);
    panel contracts = parse_csv("entity,period,tech_contract_value[万元],tech_contract_count[件]\na,2024,2350,47\n");
    BOOST_TEST(compute_indicator(contracts, catalogue::builtin().at("tech_contract_avg_value")).values()(0) == 50.0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(formula_limits)

std::string chain(const std::string& term, const std::string& op, int terms) {
    std::string out = term;
    for (int k = 1; k < terms; ++k) out += op + term;
    return out;
}

BOOST_AUTO_TEST_CASE(long_chains_and_runs_of_prefix_operators_are_refused) {
    // Each of these overflowed the stack (in the parser, a walk over the tree or its destructor).
    for (const std::string& text :
         {chain("gdp", "+", 7000), std::string(50000, '+') + "gdp", chain("a", " and ", 20000), chain("a", "*", 20000),
          chain("not a", " or ", 20000), chain("-a", "-", 100000)}) {
        try {
            formula::parse(text);
            BOOST_FAIL("expected limit_error");
        } catch (const limit_error& e) {
            const bool names_the_limit = e.message().find(std::to_string(formula::max_height)) != std::string::npos ||
                                         e.message().find(std::to_string(formula::max_depth)) != std::string::npos;
            BOOST_TEST(names_the_limit, e.message().substr(0, 60));
        }
    }
    // The limit itself: a chain of max_height - 1 operators has max_height levels.
    BOOST_CHECK_THROW(formula::parse(chain("x", "+", formula::max_height + 1)), limit_error);
    BOOST_CHECK_THROW(formula::parse("min(1, " + chain("x", "+", formula::max_height) + ")"), limit_error);
    try {
        formula::parse(chain("x", "+", formula::max_height + 1));
    } catch (const limit_error& e) {
        BOOST_TEST(e.message().find("more than 1000 levels deep") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_tallest_tree_allowed_is_typed_evaluated_and_named) {
    formula f = formula::parse(chain("x", "+", formula::max_height));
    BOOST_TEST(detail::root_of(f).height == formula::max_height);
    BOOST_TEST((f.names() == std::vector<std::string>{"x"}));
    panel p = parse_csv("entity,period,x[万元]\na,2023,2\n");
    indicator_values v = evaluate(p, f, unit::parse("万元"));
    BOOST_TEST(v.values()(0) == 2.0 * formula::max_height);
    // Height, not length: a balanced sum of many terms is fine.
    std::string wide = "x";
    for (int k = 0; k < 8; ++k) wide = "(" + wide + ") + (" + wide + ")";
    BOOST_TEST(evaluate(p, formula::parse(wide)).values()(0) == 512.0);
}

BOOST_AUTO_TEST_SUITE_END()
