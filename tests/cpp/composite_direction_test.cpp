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
    BOOST_TEST(one == "cannot normalise indicator 'a': it is constant (no spread)");
    const Eigen::MatrixXd none = column({na, na, na});
    for (int m = 0; m <= static_cast<int>(normalisation::sum); ++m) {
        normalise_options p;
        p.method = static_cast<normalisation>(m);
        p.goal_low = {0}, p.goal_high = {10}, p.standard = {1}, p.reference = 0;
        p.band_edges = {1}, p.band_scores = {0, 1};
        const std::string why = message_of([&] { normalise(none, {1}, p, {"a"}); });
        BOOST_TEST(why == "cannot normalise indicator 'a': it has no values (missing for every unit)",
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
    BOOST_TEST(has(message_of([&] { normalise(x, {1, 1}, goalposts); }), "1 low goalposts for 2 indicators"));
    normalise_options standard;
    standard.method = normalisation::standard;
    BOOST_TEST(has(message_of([&] { normalise(x, {}, standard); }), "0 standard values for 2 indicators"));
    standard.standard = {2, 4};
    BOOST_TEST(normalise(x, {}, standard)(0, 1) == 100.0);  // min(5 / 4 × 100, cap 100)
}

BOOST_AUTO_TEST_SUITE_END()
