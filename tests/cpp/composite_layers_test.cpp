// The layers of a composite build share one block of memory (composite::layer_matrix): each
// keeps its own values, outlives the result it came from, and copies as a matrix does.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"

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
    layer_matrix view;
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

BOOST_AUTO_TEST_SUITE_END()
