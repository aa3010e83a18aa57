// Fixes from an analyst's trial, for C++ callers: periods written two ways are one period of a
// panel, a fixed weight for no node is refused by name, a misspelt node key in a model TOML is
// named as a node key with the key it most likely means.
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/audit.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/panel.hpp"

using namespace zhibiao;

namespace {
using testing::has;
using testing::message_of;

// An index I of two indicators a and b, equally weighted.
composite::framework index_of_a_and_b() {
    return composite::framework({{"I", "", 1, direction::higher_is_better, 2},
                                 {"a", "I", 1, direction::higher_is_better, 1},
                                 {"b", "I", 1, direction::higher_is_better, 1}});
}

// Three regions with a = 1, 2, 3 and b = 3, 1, 2.
composite::table a_and_b_of(std::vector<std::string> regions) {
    composite::table t;
    t.regions = std::move(regions);
    t.numbers["a"] = Eigen::Vector3d(1, 2, 3);
    t.numbers["b"] = Eigen::Vector3d(3, 1, 2);
    return t;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(trial_fixes)

BOOST_AUTO_TEST_CASE(equal_periods_are_one_period_of_the_panel) {
    const std::vector<entity> two{{"320601", "", ""}, {"320602", "", ""}};
    // "2023" and "2023年" for different entities: one period, both rows in it
    panel p(two, {period::parse("2023"), period::parse("2023年"), period::year(2022)}, {0, 1, 0}, {0, 1, 2});
    BOOST_TEST(p.periods().size() == 2u);
    BOOST_TEST(p.period_at(1).to_string() == "2023");
    BOOST_TEST(p.period_at(2).to_string() == "2022");
    // January and "January to date" (1月, 1-1月) are one figure and one period (review 28b: two
    // counties writing January each way roll up together); the same entity in both is a duplicate row
    panel months(two, {period::month(2023, 1), period::year_to_date(2023, 1)}, {0, 1}, {0, 1});
    BOOST_TEST(months.periods().size() == 1u);
    BOOST_CHECK_THROW(panel(two, {period::month(2023, 1), period::year_to_date(2023, 1)}, {0, 0}, {0, 1}),
                      duplicate_row_error);
    // the same entity in both spellings: a duplicate row naming the entity and the period
    try {
        panel twice(two, {period::parse("2023"), period::parse("2023年")}, {0, 0}, {0, 1});
        BOOST_FAIL("no duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "320601");
        BOOST_TEST(e.where().period == "2023");
    }
}

BOOST_AUTO_TEST_CASE(fixed_weight_for_no_node_is_refused) {
    using namespace zhibiao::composite;
    const framework fw({{"i", "", 1, direction::higher_is_better, 2},
                        {"a1", "i", 1, direction::higher_is_better, 1},
                        {"a2", "i", 1, direction::higher_is_better, 1}});
    Eigen::MatrixXd x(2, 2);
    x << 1, 2, 3, 4;
    level_plan plan;
    plan.weights.scheme = weighting::fixed;
    plan.weights.fixed = {{"a22", 3.0}};
    const std::string message = message_of([&] { aggregate(fw, x, {plan}); });
    BOOST_TEST(has(message, "fixed weight for 'a22'"), message);
    BOOST_TEST(has(message, "did you mean 'a2'"), message);
    BOOST_CHECK_THROW(aggregate(fw, x, {plan}), unknown_indicator_error);
    plan.weights.fixed = {{"a1", 3.0}};
    BOOST_TEST(aggregate(fw, x, {plan}).weights(1) == 0.75);
}

BOOST_AUTO_TEST_CASE(misspelt_node_key_names_the_node_and_the_key_meant) {
    const std::string node_typo = message_of([] {
        composite::parse_model(
            "[[node]]\ncode = \"i\"\nlevel = 2\n[[node]]\ncode = \"a\"\nparent = \"i\"\n"
            "directon = -1\n",
            "m.toml");
    });
    BOOST_TEST(has(node_typo, "node 'a': key 'directon' is not a key of a node (did you mean 'direction'?)"),
               node_typo);
    const std::string step_typo =
        message_of([] { composite::parse_model("[[step]]\nkind = \"normalise\"\nrnage = [1, 100]\n", "m.toml"); });
    BOOST_TEST(has(step_typo, "is not a parameter of this step (did you mean 'range'?)"), step_typo);
}

BOOST_AUTO_TEST_CASE(what_if_refuses_to_remove_the_index_or_all_it_holds) {
    // It returned all-missing scores (second analyst trial, 2 December 2026).
    using namespace zhibiao::composite;
    const framework fw = index_of_a_and_b();
    const result r = build(a_and_b_of({"w", "x", "y"}), fw, {normalise_step{}, aggregate_step{}});
    const std::string root = message_of([&] { what_if(fw, r, {"I"}); });
    BOOST_TEST(has(root, "cannot remove 'I': it is the index itself"), root);
    const std::string all = message_of([&] { what_if(fw, r, {"a", "b"}); });
    BOOST_TEST(has(all, "leaves the index nothing to score"), all);
    const std::string typo = message_of([&] { what_if(fw, r, {"A"}); });
    BOOST_TEST(has(typo, "did you mean 'a'"), typo);
    BOOST_CHECK_THROW(what_if(fw, r, {"I"}), argument_error);
    // Without a, the index is b's normalised score: y (2 of 1–3) → 50 on min-max 0–100.
    BOOST_TEST(what_if(fw, r, {"a"}).scores(2, fw.find("I")) == 50.0);
}

BOOST_AUTO_TEST_CASE(a_region_given_twice_is_refused_by_name) {
    // It was scored and ranked as two units (second analyst trial, 2 December 2026).
    using namespace zhibiao::composite;
    try {
        build(a_and_b_of({"x", "y", "x"}), index_of_a_and_b(), {normalise_step{}, aggregate_step{}});
        BOOST_FAIL("no duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "x");
        BOOST_TEST(has(e.what(), "rows 0 and 2 of the table, counting from 0"), e.what());
    }
}

// Bad input that escaped as std::out_of_range (vector::_M_range_check), naming nothing: now a
// zhibiao::argument_error naming the column, the index and the size.
BOOST_AUTO_TEST_CASE(short_group_labels_and_indices_past_the_end_are_argument_errors) {
    using namespace zhibiao::composite;
    const framework fw({{"a", "I", 1, 1, 1}, {"b", "I", 1, 1, 1}, {"I", "", 1, 1, 2}});
    table d;
    d.regions = {"A", "B", "C"};
    d.numbers["a"] = (Eigen::VectorXd(3) << 1, missing_value, 3).finished();
    d.numbers["b"] = (Eigen::VectorXd(3) << 1, 2, 4).finished();
    d.labels["prefecture"] = {"x"};
    try {
        (void)build(d, fw, {impute_step{imputation::group_mean, "prefecture"}, normalise_step{}, aggregate_step{}});
        BOOST_FAIL("no error");
    } catch (const argument_error& e) {
        BOOST_TEST(has(e.what(), "'prefecture' has 1 label for 3 regions"), e.what());
    }

    const indicator_table t;
    try {
        (void)t[9];
        BOOST_FAIL("no error");
    } catch (const argument_error& e) {
        BOOST_TEST(has(e.what(), "indicator_table[9]: the table has 0 indicators"), e.what());
    }

    fact_table facts;
    try {
        (void)facts.figure(5);
        BOOST_FAIL("no error");
    } catch (const argument_error& e) {
        BOOST_TEST(has(e.what(), "fact_table::figure(5): the table has 0 facts"), e.what());
    }
}

// A two-row header (a row naming groups of columns, Excel's merged cells, above the names): the
// message says that the next line looks like the header, and which line to delete (trial19 F10).
BOOST_AUTO_TEST_CASE(a_two_row_header_is_named) {
    const std::string two_rows =
        "基本情况,,,科技投入,\n地区代码,年份,地区生产总值[亿元],R&D经费支出[万元],年末常住人口[万人]\n"
        "320601,2023,100,3000,50\n";
    const std::string said = message_of([&] { parse_csv(two_rows); });
    BOOST_TEST(has(said, "line 2 looks like the header"), said);
    BOOST_TEST(has(said, "delete line 1"), said);
    // after blank lines the lines are counted as they are in the file
    const std::string later = message_of([&] {
        parse_csv("\n" + two_rows.substr(0, two_rows.find('\n') + 1) + "\n" + two_rows.substr(two_rows.find('\n') + 1));
    });
    BOOST_TEST(has(later, "line 2 has empty column names and line 4 looks like the header"), later);
    // an empty name above a data row is an empty name, no two-row header
    const std::string plain = message_of([] { parse_csv("region,,gdp[亿元]\n320601,2023,100\n"); });
    BOOST_TEST(has(plain, "empty column name in the header"), plain);
    BOOST_TEST(!has(plain, "looks like the header"), plain);
}

// trial21b F3: a default impute_step{} (group_mean, no group) said "the data lack the group column
// '' (did you mean 'a'?)": a lookup of an empty name. It says what the method needs and how to
// give it; every other default step builds.
BOOST_AUTO_TEST_CASE(a_default_impute_step_says_it_needs_a_group) {
    using namespace zhibiao::composite;
    composite::table d = a_and_b_of({"x", "y", "z"});
    d.numbers["a"](1) = missing_value;
    const framework fw = index_of_a_and_b();
    const std::string m = message_of([&] { (void)build(d, fw, {impute_step{}, normalise_step{}, aggregate_step{}}); });
    BOOST_TEST(has(m, "impute: group_mean needs a group: name the label column with impute_step::group"), m);
    BOOST_TEST(!has(m, "''"), m);
    BOOST_CHECK_THROW(build(d, fw, {impute_step{}, normalise_step{}, aggregate_step{}}), argument_error);
    impute_step median;
    median.method = imputation::group_median;
    const std::string mm = message_of([&] { (void)build(d, fw, {median, normalise_step{}, aggregate_step{}}); });
    BOOST_TEST(has(mm, "impute: group_median needs a group"), mm);
    // A group that is named but absent keeps its own words and suggestion.
    const std::string named = message_of([&] {
        (void)build(d, fw, {impute_step{imputation::group_mean, "A"}, aggregate_step{}});
    });
    BOOST_TEST(has(named, "the data lack the group column 'A' (did you mean 'a'?)"), named);
    const result r =
        build(a_and_b_of({"x", "y", "z"}), fw,
              {denominate_step{}, screen_step{}, treat_step{}, normalise_step{}, weigh_step{}, aggregate_step{}});
    BOOST_TEST(r.aggregation.scores.rows() == 3);
}

// trial21b F4: a cell holding a NUL byte was quoted raw, and what() (a C string) ended at the NUL:
// "not a number: '1". Control characters in quoted input are escaped.
BOOST_AUTO_TEST_CASE(control_characters_in_a_quoted_cell_are_escaped) {
    std::string text("region,period,gdp[亿元]\n320602,2024,1");
    text += '\0';
    text += "2\n";
    const std::string nul = message_of([&] { (void)parse_csv(text, {}, "nul.csv"); });
    BOOST_TEST(has(nul, "nul.csv:2:3"), nul);
    BOOST_TEST(has(nul, "'1\\02'"), nul);
    const std::string tab = message_of([&] { (void)parse_csv("region,period,gdp[亿元]\n320602,2024,\"1\x1b[2J\"\n"); });
    BOOST_TEST(has(tab, "'1\\x1b[2J'"), tab);
}

// trial21b F2: a header-only file of N columns took time quadratic in N (panel::add looked each
// name up among those before it; 20,000 columns: 1.7 s, 100,000 about 40 s). What it loads, and
// the duplicate it refuses, are unchanged.
BOOST_AUTO_TEST_CASE(a_header_of_many_columns_loads_every_column_in_order) {
    const std::size_t n = 100000 - 3;  // with the keys and a duplicate: the default max_columns
    std::string wide = "region,period";
    for (std::size_t i = 0; i < n; ++i) wide += ",v" + std::to_string(i);
    const panel p = parse_csv(wide + "\n320602,2024" + std::string(n, ',') + "\n");
    BOOST_TEST(p.columns().size() == n);
    BOOST_TEST(p.columns()[0].name() == "v0");
    BOOST_TEST(p.columns()[n - 1].name() == "v" + std::to_string(n - 1));
    BOOST_TEST(p.at("v5000").size() == 1U);
    const std::string dup = message_of([&] { (void)parse_csv(wide + ",v77\n", {}, "wide.csv"); });
    BOOST_TEST(has(dup, "wide.csv:1:" + std::to_string(n + 3)), dup);
    BOOST_TEST(has(dup, "duplicate column 'v77' in the header"), dup);
}

// trial21b F5: 1e305 亿元 in 元 was +inf, handed to the caller. No inf leaves the library: NaN, as
// compute() gives NaN (out_of_range) for a result past the largest double.
BOOST_AUTO_TEST_CASE(a_conversion_past_the_largest_double_is_nan) {
    const conversion c = unit::parse("亿元").to(unit::parse("元"));
    BOOST_TEST(std::isnan(c.apply(1e305)));
    BOOST_TEST(std::isnan(c.apply(-1e305)));
    BOOST_TEST(c.apply(3.0) == 3e8);
    BOOST_TEST(unit::parse("元").to(unit::parse("亿元")).apply(1e305) == 1e305 / 1e8);  // one division, as written
}

BOOST_AUTO_TEST_SUITE_END()
