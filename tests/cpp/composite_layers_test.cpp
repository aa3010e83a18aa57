// The layers of a composite build share one block of memory (composite::layer_matrix): each
// keeps its own values, outlives the result it came from, and copies as a matrix does.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"

#include "composite/steps_into.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;

namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();

table small_table() {
    table t;
    t.regions = {"a", "b", "c", "d"};
    t.numbers["x"] = (Eigen::VectorXd(4) << 1, 2, nan, 4).finished();
    t.numbers["y"] = (Eigen::VectorXd(4) << 10, 30, 30, 40).finished();
    t.numbers["pop"] = (Eigen::VectorXd(4) << 1, 2, 0, 4).finished();
    return t;
}

framework small_framework() {
    return framework({{"Index", "", 1, direction::higher_is_better, 2}, {"x", "Index"}, {"y", "Index"}});
}

std::vector<step> small_steps() {
    denominate_step per_head;
    per_head.by["y"] = "pop";
    impute_step mean;
    mean.method = imputation::mean;
    return {per_head, mean, normalise_step{}, aggregate_step{}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_layers)

BOOST_AUTO_TEST_CASE(every_layer_keeps_its_own_values_in_one_block) {
    const result r = build(small_table(), small_framework(), small_steps());
    const layer& raw = r.at("raw");
    const layer& denominated = r.at("denominated");
    const layer& imputed = r.at("imputed");
    // By hand: y per head is 10, 15, missing (c's population is 0), 10; the mean fills c's x
    // with (1 + 2 + 4) / 3 and its y with (10 + 15 + 10) / 3. Later steps leave the earlier
    // layers as they were.
    BOOST_TEST(raw.values(2, 1) == 30.0);
    BOOST_TEST(std::isnan(raw.values(2, 0)));
    BOOST_TEST(denominated.values(0, 1) == 10.0);
    BOOST_TEST(std::isnan(denominated.values(2, 1)));
    BOOST_TEST(denominated.values(3, 0) == 4.0);
    BOOST_TEST(std::abs(imputed.values(2, 0) - 7.0 / 3) < 1e-12);
    BOOST_TEST(denominated.values(1, 1) == 15.0);
    BOOST_TEST(std::abs(imputed.values(2, 1) - 35.0 / 3) < 1e-12);
    BOOST_TEST((r.at("aggregated").values == r.aggregation.scores));
    for (const layer& l : r.layers) {
        BOOST_TEST(l.values.storage().get() == raw.values.storage().get(), l.name);
        BOOST_TEST(l.values.data() != nullptr, l.name);
    }
    BOOST_TEST(imputed.values.data() != denominated.values.data());
}

BOOST_AUTO_TEST_CASE(a_layer_outlives_its_result_and_copies_own_their_values) {
    const layer kept = build(small_table(), small_framework(), small_steps()).at("imputed");  // a copy
    BOOST_TEST(std::abs(kept.values(2, 0) - 7.0 / 3) < 1e-12);
    BOOST_TEST(kept.values.rows() == 4);
    // A view of the block (shared()) and a layer moved out keep the block alive after the result
    // and every other layer are gone (ASan in make test-sanitize reads freed memory otherwise).
    layer_view view;
    layer moved_out;
    {
        result gone = build(small_table(), small_framework(), small_steps());
        view = gone.at("imputed").values.shared();
        for (layer& l : gone.layers)
            if (l.name == "denominated") moved_out = std::move(l);
    }
    BOOST_TEST(std::abs(view(2, 1) - 35.0 / 3) < 1e-12);
    BOOST_TEST(moved_out.values(0, 1) == 10.0);
    BOOST_TEST(view.storage().get() == moved_out.values.storage().get());
    result r = build(small_table(), small_framework(), small_steps());
    layer copy = r.at("raw");
    copy.values(0, 0) = 99;
    BOOST_TEST(r.at("raw").values(0, 0) == 1.0);
    BOOST_TEST(copy.values.storage().get() != r.at("raw").values.storage().get());
    r.layers.front().values = Eigen::MatrixXd::Constant(1, 1, 5.0);  // another shape: new storage
    BOOST_TEST(r.layers.front().values.rows() == 1);
    BOOST_TEST(r.at("denominated").values(0, 1) == 10.0);
    const Eigen::MatrixXd plain = r.at("imputed").values.matrix();
    BOOST_TEST(std::abs(plain(2, 1) - 35.0 / 3) < 1e-12);
    const result moved = std::move(r);
    BOOST_TEST(std::abs(moved.at("imputed").values(2, 0) - 7.0 / 3) < 1e-12);
}

// build() ranks every node with the aggregation (the indicators on a second thread when the matrix
// is large): the ranks rank_scores gives, bit for bit.
BOOST_AUTO_TEST_CASE(the_build_ranks_every_node) {
    const result r = build(small_table(), small_framework(), small_steps());
    // By hand: min-max x of a..d = 0, 33.3, 44.4, 100 (c imputed 7/3); y per head 10, 15, 35/3, 10
    // → 0, 100, 33.3, 0; the index, their mean: 0, 66.7, 38.9, 50.
    const Eigen::MatrixXd expected = (Eigen::MatrixXd(4, 3) << 4, 4, 3,  // a: y tied with d
                                      1, 3, 1,                           // b
                                      3, 2, 2,                           // c
                                      2, 1, 3)                           // d
                                         .finished();
    BOOST_TEST((r.ranks == expected));
}

BOOST_AUTO_TEST_CASE(the_build_ranks_as_rank_scores_with_ties_and_missing_scores) {
    // 300 regions × 80 indicators (enough for the second thread), values on a coarse grid (ties),
    // a few cells missing (no imputation: the indicators' ranks skip them, the index does not).
    const int regions = 300, indicators = 80;
    table t;
    std::vector<node> nodes{{"Index", "", 1, direction::higher_is_better, 3}};
    for (int g = 0; g < 4; ++g) nodes.push_back({"G" + std::to_string(g), "Index", 1, direction::higher_is_better, 2});
    for (int j = 0; j < indicators; ++j) {
        const std::string code = "i" + std::to_string(j);
        nodes.push_back({code, "G" + std::to_string(j % 4), 1,
                         j % 3 ? direction::higher_is_better : direction::lower_is_better, 1});
        Eigen::VectorXd v(regions);
        for (int i = 0; i < regions; ++i)
            v(i) = (i + j) % 37 == 0 ? std::numeric_limits<double>::quiet_NaN()
                                     : static_cast<double>((i * 7919 + j * 104729) % 41);
        t.numbers[code] = v;
    }
    for (int i = 0; i < regions; ++i) t.regions.push_back("r" + std::to_string(i));
    const result r = build(t, framework(nodes), {normalise_step{}, aggregate_step{}});
    BOOST_TEST(r.ranks.rows() == regions);
    BOOST_TEST(r.ranks.cols() == static_cast<Eigen::Index>(nodes.size()));
    for (Eigen::Index k = 0; k < r.ranks.cols(); ++k) {
        const Eigen::VectorXd want = rank_scores(r.aggregation.scores.col(k));
        for (Eigen::Index i = 0; i < regions; ++i)
            BOOST_TEST((std::isnan(want(i)) ? std::isnan(r.ranks(i, k)) : r.ranks(i, k) == want(i)),
                       "node " << k << ", region " << i);
    }
    BOOST_TEST(r.ranks.col(5).array().isNaN().any());  // i0: a few missing scores
    BOOST_TEST(r.ranks.col(0).maxCoeff() == regions);  // every region has an index score
}

// The block of a build whose layers are all gone serves the next build (no fresh pages); one still
// held by a layer is never handed out again.
BOOST_AUTO_TEST_CASE(a_finished_builds_block_serves_the_next_build_only_when_free) {
    const int regions = 500, indicators = 80;  // a block above 1 MiB: kept for reuse
    table first, second;
    std::vector<node> nodes{{"Index", "", 1, direction::higher_is_better, 2}};
    for (int j = 0; j < indicators; ++j) nodes.push_back({"i" + std::to_string(j), "Index"});
    for (int i = 0; i < regions; ++i) first.regions.push_back("r" + std::to_string(i));
    second.regions = first.regions;
    for (int j = 0; j < indicators; ++j) {
        Eigen::VectorXd v(regions);
        for (int i = 0; i < regions; ++i) v(i) = static_cast<double>((i * 7919 + j * 104729) % 97);
        first.numbers["i" + std::to_string(j)] = v;
        second.numbers["i" + std::to_string(j)] = -v;
    }
    const framework fw(nodes);
    const std::vector<step> steps{normalise_step{}, aggregate_step{}};
    const result held = build(first, fw, steps);
    const Eigen::MatrixXd expected = build(second, fw, steps).aggregation.scores;  // its block freed after
    const double* reused = nullptr;
    {
        const result again = build(second, fw, steps);  // gets that block
        BOOST_TEST(again.at("raw").values.storage().get() != held.at("raw").values.storage().get());
        BOOST_TEST((again.aggregation.scores == expected));
        BOOST_TEST((again.at("aggregated").values == expected));
        BOOST_TEST((again.at("raw").values == -held.at("raw").values.matrix()));
        BOOST_TEST((held.at("raw").values.col(3) == first.numbers.at("i3")));  // untouched by the later builds
        reused = again.at("raw").values.data();
    }
    const result third = build(first, fw, steps);
    BOOST_TEST(third.at("raw").values.data() == reused);
    BOOST_TEST((third.aggregation.scores == held.aggregation.scores));
    BOOST_TEST((third.ranks == held.ranks));
}

// The normalised and treated layers are written straight into their slot of the block: the
// in-place steps give normalise()'s and treat()'s values, marks and log bit for bit, and leave
// the input as it was.
BOOST_AUTO_TEST_CASE(steps_into_a_slot_give_what_the_steps_return) {
    Eigen::MatrixXd x(40, 3);
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        x(i, 0) = static_cast<double>(i % 7), x(i, 1) = std::exp(0.3 * static_cast<double>(i)), x(i, 2) = -1.5 * i;
    x(4, 2) = std::numeric_limits<double>::quiet_NaN();
    const Eigen::MatrixXd before = x;
    const std::vector<int> direction{1, 1, -1};
    const std::vector<std::string> names{"a", "b", "c"};
    for (const normalisation method : {normalisation::minmax, normalisation::zscore, normalisation::rank}) {
        normalise_options o;
        o.method = method;
        std::vector<double> block(static_cast<std::size_t>(x.size()), -7.0);
        Eigen::Map<Eigen::MatrixXd> slot(block.data(), x.rows(), x.cols());
        composite::detail::normalise_into(x, direction, o, names, slot);
        const Eigen::MatrixXd returned = normalise(x, direction, o, names);
        BOOST_TEST((slot.array().isNaN() == returned.array().isNaN()).all());
        BOOST_TEST((slot.array().isNaN() || slot.array() == returned.array()).all());
    }
    treat_options o;  // COINr's rule: b (exponential) is skewed and winsorised or logged
    std::vector<double> block(static_cast<std::size_t>(x.size()), -7.0);
    Eigen::Map<Eigen::MatrixXd> slot(block.data(), x.rows(), x.cols());
    const treated in_place = composite::detail::treat_into(x, o, names, slot);
    const treated returned = treat(x, o, names);
    BOOST_TEST((slot.array().isNaN() == returned.values.array().isNaN()).all());
    BOOST_TEST((slot.array().isNaN() || slot.array() == returned.values.array()).all());
    BOOST_TEST((in_place.marks == returned.marks));
    BOOST_TEST(in_place.log.size() == returned.log.size());
    for (std::size_t j = 0; j < in_place.log.size(); ++j) BOOST_TEST(in_place.log[j].action == returned.log[j].action);
    BOOST_TEST(!returned.log[1].action.empty());  // the skewed column was treated
    BOOST_TEST(((x.array() == before.array()) || x.array().isNaN()).all());
}

BOOST_AUTO_TEST_SUITE_END()
