// Round 35: what a trial against COINr, pymcdm and SALib found in the pipeline (trialA35). Each
// case failed on main f2d6d0e: two Normalise steps flipped a lower-is-better indicator twice, a
// later Aggregate step silently replaced an earlier one's level, and a second Denominate divided
// again. Figures by hand: min-max to [1, 100] of 1, 2, 3, 4 is 1, 34, 67, 100.
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cmath>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

namespace {

table four_regions() {
    table t;
    t.regions = {"W", "X", "Y", "Z"};
    Eigen::VectorXd up(4), down(4), c(4), pop(4);
    up << 1, 2, 3, 4;
    down << 4, 1, 3, 2;
    c << 2, 3, 1, 9;
    pop << 1, 2, 4, 8;
    t.numbers = {{"a", up}, {"b", down}, {"c", c}, {"pop", pop}};
    return t;
}

// I (level 3) → P1 (a, b), P2 (c)
framework tree() {
    return framework({{"I", "", 1, direction::higher_is_better, 3},
                      {"P1", "I", 1, direction::higher_is_better, 2},
                      {"P2", "I", 1, direction::higher_is_better, 2},
                      {"a", "P1"},
                      {"b", "P1"},
                      {"c", "P2"}});
}

normalise_step minmax(double low = 0, double high = 100) {
    normalise_step n;
    n.options.method = normalisation::minmax;
    n.options.low = low, n.options.high = high;
    return n;
}

aggregate_step aggregate(aggregation method, std::vector<int> levels = {}) {
    aggregate_step a;
    a.options.method = method;
    a.levels = std::move(levels);
    return a;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_round35)

BOOST_AUTO_TEST_CASE(a_second_normalise_step_keeps_the_directions_the_first_applied) {
    const framework fw({{"I", "", 1, direction::higher_is_better, 2}, {"a", "I", 1, direction::lower_is_better}});
    normalise_step rank;
    rank.options.method = normalisation::rank;
    const result r = build(four_regions(), fw, {minmax(), rank, aggregate(aggregation::arithmetic)});
    const Eigen::Index a = fw.find("a");
    for (Eigen::Index i = 0; i < 4; ++i) BOOST_TEST(r.ranks(i, a) == static_cast<double>(i + 1));  // 1 is the best
}

BOOST_AUTO_TEST_CASE(a_trailing_aggregate_step_without_levels_sets_the_levels_left) {
    const framework fw = tree();
    const result r =
        build(four_regions(), fw,
              {minmax(1, 100), aggregate(aggregation::geometric, {2}), aggregate(aggregation::arithmetic)});
    BOOST_TEST((r.plans.at(0).aggregate.method == aggregation::geometric));
    BOOST_TEST((r.plans.at(1).aggregate.method == aggregation::arithmetic));
    BOOST_TEST(std::abs(r.aggregation.scores(0, fw.find("P1")) - 10.0) < 1e-12);  // √(1 · 100)
}

BOOST_AUTO_TEST_CASE(steps_that_would_undo_each_other_are_refused_naming_them) {
    const framework fw = tree();
    weigh_step entropy, equal;
    entropy.options.scheme = weighting::entropy;
    equal.options.scheme = weighting::equal;
    const std::vector<step> twice = {minmax(), entropy, equal, aggregate(aggregation::arithmetic)};
    BOOST_CHECK_THROW(build(four_regions(), fw, twice), argument_error);
    BOOST_TEST(
        has(message_of([&] { build(four_regions(), fw, twice); }), "step 2 (Weigh) and step 3 (Weigh) have no levels"));
    const std::vector<step> overlap = {minmax(), aggregate(aggregation::geometric, {2}),
                                       aggregate(aggregation::harmonic, {2, 3})};
    BOOST_TEST(has(message_of([&] { check_steps(overlap, 3); }),
                   "step 2 (Aggregate) and step 3 (Aggregate) both set the aggregation of level 2"));
    BOOST_TEST(has(message_of([&] {
                       check_steps({aggregate(aggregation::geometric, {2, 3}), aggregate(aggregation::arithmetic)}, 3);
                   }),
                   "it would set nothing"));
    BOOST_CHECK_NO_THROW(
        check_steps({aggregate(aggregation::geometric, {2, 3}), aggregate(aggregation::arithmetic)}, 0));
    denominate_step by_pop;
    by_pop.by = {{"a", "pop"}};
    BOOST_TEST(has(message_of([&] {
                       build(four_regions(), fw, {by_pop, by_pop, minmax()});
                   }),
                   "step 1 (Denominate) and step 2 (Denominate) both denominate"));
}

BOOST_AUTO_TEST_SUITE_END()
