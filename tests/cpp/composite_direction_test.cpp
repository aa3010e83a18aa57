// Normalisation of lower-is-better indicators method by method, indicators with no values or one,
// and what a build says where it cannot score: contributions of a unit without a score, a column
// the outlier treatment made constant, the missing-value rule of each aggregation. Expected
// numbers are worked by hand from the formulas quoted next to them.
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "zhibiao/composite/audit.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/composite/pipeline.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

namespace {

const double na = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd column(std::initializer_list<double> values) {
    Eigen::MatrixXd x(static_cast<Eigen::Index>(values.size()), 1);
    Eigen::Index i = 0;
    for (double v : values) x(i++, 0) = v;
    return x;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_direction)

BOOST_AUTO_TEST_CASE(goalposts_turn_a_lower_is_better_indicator_round) {
    // COINr n_goalposts(x, gposts = c(lo, hi, scale), direction): (x − lo)/(hi − lo) for
    // direction 1, (x − hi)/(lo − hi) for −1, truncated to [0, 1], × scale (bluefoxr/COINr
    // R/normalise.R, v1.1.14; its example n_goalposts(1, gposts = c(0, 10, 1), direction = -1)
    // is 0.9). Posts (0, 10), scale 100: x = 1, 3, 9 → 10, 30, 90 (higher is better) and
    // (10 − x)/10·100 = 90, 70, 10 (lower is better); 12 → 100 and 0 after truncation.
    normalise_options o;
    o.method = normalisation::goalposts;
    o.goal_low = {0};
    o.goal_high = {10};
    const Eigen::MatrixXd x = column({1, 3, 9, 12});
    const Eigen::MatrixXd up = normalise(x, {1}, o), down = normalise(x, {-1}, o);
    const double want_up[] = {10, 30, 90, 100}, want_down[] = {90, 70, 10, 0};
    for (Eigen::Index i = 0; i < 4; ++i) {
        BOOST_TEST(up(i, 0) == want_up[i], boost::test_tools::tolerance(1e-12));
        BOOST_TEST(down(i, 0) == want_down[i], boost::test_tools::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(bands_compare_the_raw_value_whatever_the_direction) {
    // Edges 3 and 6 in the indicator's units, scores 100, 50, 0 (x < 3, 3 ≤ x < 6, x ≥ 6): the
    // scores already say which band is better, so x = 1, 4, 9 → 100, 50, 0 for either direction
    // (the negated column put every unit in the first band).
    normalise_options o;
    o.method = normalisation::bands;
    o.band_edges = {3, 6};
    o.band_scores = {100, 50, 0};
    const Eigen::MatrixXd x = column({1, 4, 9, na});
    for (int d : {1, -1}) {
        const Eigen::MatrixXd b = normalise(x, {d}, o);
        BOOST_TEST(b(0, 0) == 100.0);
        BOOST_TEST(b(1, 0) == 50.0);
        BOOST_TEST(b(2, 0) == 0.0);
        BOOST_TEST(std::isnan(b(3, 0)));
    }
}

BOOST_AUTO_TEST_CASE(dist_to_ref_of_a_lower_is_better_indicator_needs_the_inverse) {
    // Reference unit B (x = 3): higher is better x/3 = 1/3, 1, 3; lower is better with
    // cost = 'inverse' 3/x = 3, 1, 1/3. Negated, −x/−3 = x/3 would score the worst unit highest:
    // refused, as frac_of_max and sum refuse a negated cost indicator, pointing to the inverse.
    normalise_options o;
    o.method = normalisation::dist_to_ref;
    o.reference = 1;
    const Eigen::MatrixXd x = column({1, 3, 9});
    const Eigen::MatrixXd up = normalise(x, {1}, o);
    BOOST_TEST(up(0, 0) == 1.0 / 3, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(up(2, 0) == 3.0, boost::test_tools::tolerance(1e-12));
    const std::string refused = message_of([&] { normalise(x, {-1}, o, {"energy_per_gdp"}); });
    BOOST_TEST(has(refused, "'energy_per_gdp'"), refused);
    BOOST_TEST(has(refused, "cost = 'inverse'"), refused);
    o.cost = cost_form::inverse;
    const Eigen::MatrixXd down = normalise(x, {-1}, o);
    BOOST_TEST(down(0, 0) == 3.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(down(1, 0) == 1.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(down(2, 0) == 1.0 / 3, boost::test_tools::tolerance(1e-12));
    o.cost = cost_form::complement;  // 1 − x/x_ref: no bound, no meaning
    BOOST_CHECK_THROW(normalise(x, {-1}, o), argument_error);
}

BOOST_AUTO_TEST_CASE(no_values_and_one_value_are_refused_alike) {
    // Percentile (rank − 1)/(n − 1) with one value present is 0/0: refused as min-max refuses a
    // constant column. An indicator missing for every unit is refused by every method.
    normalise_options o;
    o.method = normalisation::percentile;
    const std::string one = message_of([&] { normalise(column({na, 5, na}), {1}, o, {"a"}); });
    BOOST_TEST(one ==
               "(variable a): cannot normalise indicator 'a': only one region has a value (a spread needs two or "
               "more regions)");
    const Eigen::MatrixXd none = column({na, na, na});
    for (int m = 0; m <= static_cast<int>(normalisation::sum); ++m) {
        normalise_options p;
        p.method = static_cast<normalisation>(m);
        p.goal_low = {0}, p.goal_high = {10}, p.standard = {1}, p.reference = 0;
        p.band_edges = {1}, p.band_scores = {0, 1};
        const std::string why = message_of([&] { normalise(none, {1}, p, {"a"}); });
        // the indicator is the error's variable too (review 28c: normalise() names a DataFrame's column)
        BOOST_TEST(why == "(variable a): cannot normalise indicator 'a': it has no values (missing for every unit)",
                   "method " << m << ": " << why);
    }
}

BOOST_AUTO_TEST_CASE(contributions_of_a_unit_without_a_score_are_missing) {
    // a, b min-max normalised (0–100), equal weights: P = 0/2 + 100/2, so contributions 0 and 50,
    // summing to the score 50; T has neither value, no score, so no contributions (NaN, not 0, 0).
    table t;
    t.regions = {"P", "Q", "R", "T"};
    t.numbers["a"] = (Eigen::VectorXd(4) << 0, 50, 100, na).finished();
    t.numbers["b"] = (Eigen::VectorXd(4) << 100, 50, 0, na).finished();
    const framework fw({{"I", "", 1, direction::higher_is_better, 2}, {"a", "I"}, {"b", "I"}});
    const result r = build(t, fw, {normalise_step{}, aggregate_step{}});
    const Eigen::MatrixXd c = contributions(fw, r, "I");
    BOOST_TEST(c(0, 0) == 0.0);
    BOOST_TEST(c(0, 1) == 50.0);
    BOOST_TEST(std::isnan(c(3, 0)));
    BOOST_TEST(std::isnan(c(3, 1)));
}

BOOST_AUTO_TEST_CASE(a_column_the_treatment_made_constant_is_blamed_on_the_treatment) {
    // a = 0 for eleven units and 50 for one: skewness √12 ≈ 3.46 and kurtosis 12 fail the JRC rule
    // (|skew| ≥ 2 and kurt ≥ 3.5); winsorising the one point at the maximum sets it to the next
    // value, 0, and the column is constant.
    table t;
    t.regions.clear();
    Eigen::VectorXd a = Eigen::VectorXd::Zero(12), b(12);
    a(11) = 50;
    for (int i = 0; i < 12; ++i) t.regions.push_back("u" + std::to_string(i)), b(i) = i;
    t.numbers["a"] = a;
    t.numbers["b"] = b;
    const framework fw({{"I", "", 1, direction::higher_is_better, 2}, {"a", "I"}, {"b", "I"}});
    const std::string why = message_of([&] { build(t, fw, {treat_step{}, normalise_step{}, aggregate_step{}}); });
    BOOST_TEST(has(why, "indicator 'a'"), why);
    BOOST_TEST(has(why, "the outlier treatment (Treat step) made it constant"), why);
    BOOST_TEST(has(why, "winsorised 1 point;"), why);
    // Without the treatment the same column normalises (it has spread).
    BOOST_CHECK_NO_THROW(build(t, fw, {normalise_step{}, aggregate_step{}}));
}

BOOST_AUTO_TEST_CASE(the_method_account_says_how_each_aggregation_treats_missing_children) {
    table t;
    t.regions = {"P", "Q", "R"};
    t.numbers["a"] = (Eigen::VectorXd(3) << 1, 2, 3).finished();
    t.numbers["b"] = (Eigen::VectorXd(3) << 3, 1, 2).finished();
    const framework fw({{"I", "", 1, direction::higher_is_better, 2}, {"a", "I"}, {"b", "I"}});
    auto account = [&](aggregation m) {
        aggregate_step agg;
        agg.options.method = m;
        normalise_step norm;
        norm.options.low = 1;  // geometric and harmonic means need positive scores
        std::string all;
        for (const auto& line : build(t, fw, {norm, agg}).method) all += line + "\n";
        return all;
    };
    for (aggregation m : {aggregation::arithmetic, aggregation::geometric, aggregation::harmonic}) {
        const std::string text = account(m);
        BOOST_TEST(has(text, "a missing child is left out and the other weights renormalised"), text);
    }
    for (aggregation m :
         {aggregation::mpi, aggregation::bod, aggregation::copeland, aggregation::topsis, aggregation::vikor}) {
        const std::string text = account(m);
        BOOST_TEST(!has(text, "renormalised"), text);
        BOOST_TEST(has(text, "every child must be present"), text);
    }
}

// A C++ user's trial: direction 0 was taken as −1 and flipped the column; goalposts or standard
// values missing for an indicator threw std::out_of_range from vector::at, naming nothing.
BOOST_AUTO_TEST_CASE(directions_and_per_indicator_values_are_checked_before_normalising) {
    const Eigen::MatrixXd x = (Eigen::MatrixXd(3, 2) << 1, 5, 2, 3, 3, 4).finished();
    BOOST_TEST(has(message_of([&] { normalise(x, {1, 0}, {}); }), "direction of indicator 1 is 0"));
    BOOST_CHECK_THROW(normalise(x, {1, 0}, {}), argument_error);
    normalise_options goalposts;
    goalposts.method = normalisation::goalposts;
    goalposts.goal_low = {0}, goalposts.goal_high = {10};
    BOOST_TEST(has(message_of([&] { normalise(x, {1, 1}, goalposts); }), "1 low goalpost for 2 indicators"));
    normalise_options standard;
    standard.method = normalisation::standard;
    BOOST_TEST(has(message_of([&] { normalise(x, {}, standard); }), "0 standard values for 2 indicators"));
    standard.standard = {2, 4};
    BOOST_TEST(normalise(x, {}, standard)(0, 1) == 100.0);  // min(5 / 4 × 100, cap 100)
}

// Round-10 trial: goalposts (NaN, 10) emptied the column — the index then rested on the other
// indicators, silently; (10, 0) turned the indicator round behind its direction; a standard value
// of +inf scored every unit 0. Each is refused, naming the indicator.
BOOST_AUTO_TEST_CASE(goalposts_and_standard_values_must_be_finite_and_in_order) {
    const Eigen::MatrixXd x = (Eigen::MatrixXd(3, 2) << 1, 5, 2, 3, 3, 4).finished();
    normalise_options g;
    g.method = normalisation::goalposts;
    g.goal_low = {na, 0}, g.goal_high = {10, 10};
    const std::string nan_post = message_of([&] { normalise(x, {1, 1}, g, {"rd", "patents"}); });
    BOOST_TEST(has(nan_post, "goalposts of indicator 'rd' must be finite numbers, not (nan, 10)"), nan_post);
    BOOST_CHECK_THROW(normalise(x, {1, 1}, g), argument_error);
    g.goal_low = {0, 10}, g.goal_high = {10, 0};
    const std::string reversed = message_of([&] { normalise(x, {1, -1}, g, {"rd", "energy"}); });
    BOOST_TEST(has(reversed, "goalposts of indicator 'energy' must be (low, high) with low < high, not (10, 0)"),
               reversed);
    // In order, the direction does the turning: x = 3 with posts (0, 10) and direction −1 scores
    // (10 − 3)/(10 − 0) × 100 = 70 (COINr n_goalposts(direction = -1)); a post scores +0, not −0.
    g.goal_low = {0, 0}, g.goal_high = {10, 10};
    const Eigen::MatrixXd y = (Eigen::MatrixXd(2, 2) << 3, 10, 1, 0).finished();
    const Eigen::MatrixXd n = normalise(y, {1, -1}, g);
    BOOST_TEST(n(0, 1) == 0.0);
    BOOST_TEST(!std::signbit(n(0, 1)));
    BOOST_TEST(n(0, 0) == 30.0);
    const Eigen::MatrixXd flipped = normalise((Eigen::MatrixXd(1, 1) << 3).finished(), {-1}, [] {
        normalise_options o;
        o.method = normalisation::goalposts, o.goal_low = {0}, o.goal_high = {10};
        return o;
    }());
    BOOST_TEST(flipped(0, 0) == 70.0);
    normalise_options s;
    s.method = normalisation::standard;
    s.standard = {2, std::numeric_limits<double>::infinity()};
    const std::string infinite = message_of([&] { normalise(x, {1, 1}, s, {"rd", "patents"}); });
    BOOST_TEST(has(infinite, "standard value of indicator 'patents' must be a finite positive number, not inf"),
               infinite);
}

// Round-10 trial: regions without a group label were pooled as one group "" and filled from
// one another; a numeric group column (province codes) was "lacking"; a negative population
// made a negative ratio; a regression predictor sharing two regions with the target (|r| = 1 on
// any two points) filled 26 into a column ranging over 0…10.
BOOST_AUTO_TEST_CASE(imputation_groups_denominators_and_regression_by_hand) {
    const framework fw({{"Index", "", 1, direction::higher_is_better, 2}, {"x", "Index"}, {"y", "Index"}});
    table t;
    t.regions = {"p", "q", "r", "s", "u"};
    t.numbers["x"] = (Eigen::VectorXd(5) << 1, na, 4, 6, na).finished();
    t.numbers["y"] = (Eigen::VectorXd(5) << 10, 20, 30, 40, 50).finished();
    t.numbers["code"] = (Eigen::VectorXd(5) << 11, 11, na, 32, 32).finished();
    t.labels["g"] = {"A", "A", "", "B", ""};
    impute_step by_group;
    by_group.method = imputation::group_mean, by_group.group = "g";
    const result labelled = build(t, fw, {by_group, normalise_step{}});
    // q is in A with p only: 1. u has no label: left missing, r's 4 fills nothing.
    BOOST_TEST(labelled.at("imputed").values(1, 0) == 1.0);
    BOOST_TEST(std::isnan(labelled.at("imputed").values(4, 0)));
    BOOST_TEST(labelled.imputed_marks(4, 0) == static_cast<std::uint8_t>(mark::not_imputable));
    by_group.group = "code";  // numeric codes: q with p (11) → 1, u with s (32) → 6
    const result coded = build(t, fw, {by_group, normalise_step{}});
    BOOST_TEST(coded.at("imputed").values(1, 0) == 1.0);
    BOOST_TEST(coded.at("imputed").values(4, 0) == 6.0);

    denominate_step per_head;
    per_head.by["y"] = "pop";
    t.numbers["pop"] = (Eigen::VectorXd(5) << 1, 4, -5, 2, 0).finished();
    impute_step none;
    none.method = imputation::none;
    const result ratios = build(t, fw, {per_head, none, normalise_step{}});
    BOOST_TEST(ratios.at("denominated").values(1, 1) == 5.0);  // 20 / 4
    BOOST_TEST(std::isnan(ratios.at("denominated").values(2, 1)));
    BOOST_TEST(ratios.imputed_reasons(2, 1) == static_cast<std::uint8_t>(reason::negative_denominator));
    BOOST_TEST(ratios.imputed_reasons(4, 1) == static_cast<std::uint8_t>(reason::zero_denominator));

    // Regression: z shares two regions (p, s) with x, y shares three (p, r, s). x on y over
    // (10, 1), (30, 4), (40, 6): slope = Sxy/Sxx = (230/3)/(1400/3) = 23/140, intercept
    // 11/3 − 23/140 · 80/3 = −5/7; q (y = 20) gets −5/7 + 23/7 = 18/7 (z, through p and s,
    // would have given 1 + (3 − 100)(6 − 1)/(7 − 100) ≈ 6.2).
    t.numbers["z"] = (Eigen::VectorXd(5) << 100, 3, na, 7, na).finished();
    const framework three(
        {{"Index", "", 1, direction::higher_is_better, 2}, {"x", "Index"}, {"y", "Index"}, {"z", "Index"}});
    impute_step regression;
    regression.method = imputation::regression;
    const result fitted = build(t, three, {regression, normalise_step{}});
    BOOST_TEST(std::abs(fitted.at("imputed").values(1, 0) - 18.0 / 7) < 1e-12);
}

// Round-20 trial: where() was empty for a missing indicator column and a negative fixed weight
// (the neighbouring errors name the variable); a regression line run past the data filled a
// negative count; a geometric mean of scores all 100 came out 100.00000000000004.
BOOST_AUTO_TEST_CASE(round20_where_clipping_and_means_within_their_children) {
    const framework fw({{"Index", "", 1, direction::higher_is_better, 2}, {"x", "Index"}, {"y", "Index"}});
    table t;
    t.regions = {"p", "q", "r", "s", "u"};
    t.numbers["y"] = (Eigen::VectorXd(5) << 10, 20, 30, 40, 5).finished();
    try {
        build(t, fw, {normalise_step{}});
        BOOST_FAIL("a missing indicator column was accepted");
    } catch (const missing_variable_error& e) {
        BOOST_TEST(e.where().variable == "x");
    }
    t.numbers["x"] = (Eigen::VectorXd(5) << 2, 3, 5, 6, na).finished();
    aggregate_step by_fixed;
    weigh_step fixed;
    fixed.options.scheme = weighting::fixed, fixed.options.fixed["x"] = -1;
    try {
        build(t, fw, {normalise_step{}, fixed, by_fixed});
        BOOST_FAIL("a negative fixed weight was accepted");
    } catch (const argument_error& e) {
        BOOST_TEST(e.where().variable == "x");
    }

    // x on y over p…s: slope 0.14, intercept 0.5: u (y = 5) would be 1.2, below the least x, 2.
    impute_step regression;
    regression.method = imputation::regression;
    const result clipped = build(t, fw, {regression, normalise_step{}});
    BOOST_TEST(clipped.at("imputed").values(4, 0) == 2.0);
    BOOST_TEST(has(clipped.method[0], "region 'u' x 1.2 (observed 2 to 6)"), clipped.method[0]);
    regression.clip = false;
    const result kept = build(t, fw, {regression, normalise_step{}});
    BOOST_TEST(std::abs(kept.at("imputed").values(4, 0) - 1.2) < 1e-12);
    BOOST_TEST(has(kept.method[0], "kept as predicted"), kept.method[0]);

    // Three children all 100 under weights 0.1, 0.3, 0.6: exp(Σ w·log 100) rounds above 100.
    const framework three({{"Index", "", 1, direction::higher_is_better, 2},
                           {"a", "Index", 0.1},
                           {"b", "Index", 0.3},
                           {"c", "Index", 0.6}});
    table hundred;
    hundred.regions = {"p", "q", "r"};
    hundred.numbers["a"] = (Eigen::VectorXd(3) << 1, 2, 3).finished();
    hundred.numbers["b"] = (Eigen::VectorXd(3) << 7, 2, 9).finished();
    hundred.numbers["c"] = (Eigen::VectorXd(3) << 4, 5, 6).finished();
    normalise_step to100;
    to100.options.low = 1, to100.options.high = 100;
    for (const aggregation method : {aggregation::geometric, aggregation::harmonic, aggregation::generalised}) {
        aggregate_step mean;
        mean.options.method = method, mean.options.power = 3;
        const result r = build(hundred, three, {to100, mean});
        BOOST_TEST(r.aggregation.scores(2, 0) == 100.0);  // r is the best on a, b and c
        for (Eigen::Index u = 0; u < 3; ++u) BOOST_TEST(r.aggregation.scores(u, 0) <= 100.0);
    }
}

BOOST_AUTO_TEST_CASE(each_indicator_its_own_normalisation_and_waspas_on_top) {
    // COINr's Normalise(indiv_specs = list(a = n_minmax l_u c(1, 10), b = n_borda)) (test-normalise.R
    // "norm_df"): a = 2, 4, 6 → 1, 5.5, 10; b = 30, 10, 20 → Borda 2, 0, 1. WASPAS with x/max
    // inside refuses Q's Borda score 0 (x/max needs x > 0, as pymcdm's linear normalisation).
    table t;
    t.regions = {"P", "Q", "R"};
    t.numbers["a"] = (Eigen::VectorXd(3) << 2, 4, 6).finished();
    t.numbers["b"] = (Eigen::VectorXd(3) << 30, 10, 20).finished();
    const framework fw({{"I", "", 1, direction::higher_is_better, 2}, {"a", "I"}, {"b", "I"}});
    normalise_step n;
    n.methods = {{"b", "borda"}};
    n.ranges = {{"a", {1, 10}}};
    const result r = build(t, fw, {n, aggregate_step{}});
    BOOST_TEST(r.layers.at(1).name == "normalised");
    const Eigen::MatrixXd x = r.layers.at(1).values.matrix();
    const double want_a[] = {1, 5.5, 10}, want_b[] = {2, 0, 1};
    for (Eigen::Index i = 0; i < 3; ++i) {
        BOOST_TEST(x(i, 0) == want_a[i], boost::test_tools::tolerance(1e-12));
        BOOST_TEST(x(i, 1) == want_b[i]);
    }
    aggregate_step w;
    w.options.method = aggregation::waspas;
    BOOST_TEST(has(message_of([&] { build(t, fw, {n, w}); }), "positive"));
    n.methods = {{"b", "goalposts"}};
    n.goalposts = {{"b", {0, 40}}};
    n.goal_scales = {{"b", 1}};
    // b's goalposts (0, 40), scale 1 → 0.75, 0.25, 0.5; inside WASPAS x/max: a → 0.1, 0.55, 1 and
    // b → 1, 1/3, 2/3, so P = ½(½·0.1 + ½·1) + ½·√(0.1·1) = 0.43311.
    const result v = build(t, fw, {n, w});
    BOOST_TEST(v.aggregation.scores(0, 0) == 0.5 * (0.05 + 0.5) + 0.5 * std::sqrt(0.1),
               boost::test_tools::tolerance(1e-14));
    n.ranges = {{"b", {1, 10}}};  // b's own method is goalposts: a range for it is unused
    BOOST_TEST(has(step_problem(n).second, "is unused"));
}

BOOST_AUTO_TEST_CASE(each_indicator_its_own_treatment) {
    // COINr's Treat(indiv_specs = list(a = "none", b = list(f1_para = list(winmax = 0)))): b = 1, 1,
    // 1, 1, 1, 1, 1, 1, 1, 30 fails the rule (skew 3.16, kurtosis 10) and goes straight to log_CT,
    // log(x − min + 0.01·(max − min)) = log(0.29) and log(29.29); a, the same values, is left as it is.
    table t;
    for (int i = 0; i < 10; ++i) t.regions.push_back("r" + std::to_string(i));
    Eigen::VectorXd v = Eigen::VectorXd::Ones(10);
    v(9) = 30;
    t.numbers["a"] = v, t.numbers["b"] = v;
    const framework fw({{"I", "", 1, direction::higher_is_better, 2}, {"a", "I"}, {"b", "I"}});
    treat_step tr;
    tr.methods = {{"a", "none"}};
    tr.winmaxes = {{"b", 0}};
    normalise_step n;
    const result r = build(t, fw, {tr, n, aggregate_step{}});
    const Eigen::MatrixXd x = r.layers.at(1).values.matrix();
    BOOST_TEST(r.layers.at(1).name == "treated");
    BOOST_TEST(x(0, 0) == 1.0);
    BOOST_TEST(x(9, 0) == 30.0);
    BOOST_TEST(x(0, 1) == std::log(0.29), boost::test_tools::tolerance(1e-14));
    BOOST_TEST(x(9, 1) == std::log(29.29), boost::test_tools::tolerance(1e-14));
    BOOST_TEST(r.treatment.at(1).action == "log_CT");
    BOOST_TEST(r.treatment.at(0).action.empty());
    tr.winmaxes = {{"a", 2}};  // a is "none": its winmax would be unused
    BOOST_TEST(has(step_problem(tr).second, "is unused"));
}

BOOST_AUTO_TEST_CASE(a_goalpost_scale_must_be_positive) {
    normalise_options o;
    o.method = normalisation::goalposts;
    o.goal_low = {0}, o.goal_high = {10};
    const Eigen::MatrixXd x = column({1, 5, 9});
    for (double scale : {0.0, -100.0, na}) {
        o.goal_scale = scale;
        BOOST_TEST(has(message_of([&] { normalise(x, {1}, o); }), "finite positive"));
    }
}

BOOST_AUTO_TEST_SUITE_END()
