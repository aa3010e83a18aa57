// The dedicated replication path of an uncertainty analysis (src/composite/uncertainty_fast.cpp):
// bit for bit the scores of the general path (aggregate()) on every draw it covers, the general
// path on the others, the nominal index when every assumption is off, the same bits for any
// thread count and split into blocks, and its ranking equal to rank_scores().
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "composite/uncertainty_fast.hpp"
#include "uncertainty_fixture.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using namespace zhibiao::composite::testing;

namespace {

// 4 levels: Index ← S1 ← {P1 ← a, b; P2 ← c, d}, Index ← S2 ← P3 ← {e, f}.
framework deep_framework() {
    return framework({{"Index", "", 1, 1, 4},
                      {"S1", "Index", 2, 1, 3},
                      {"S2", "Index", 1, 1, 3},
                      {"P1", "S1", 1, 1, 2},
                      {"P2", "S1", 3, 1, 2},
                      {"P3", "S2", 1, 1, 2},
                      {"a", "P1", 1, 1, 1},
                      {"b", "P1", 2, 1, 1},
                      {"c", "P2", 1, -1, 1},
                      {"d", "P2", 1, 1, 1},
                      {"e", "P3", 1, 1, 1},
                      {"f", "P3", 3, 1, 1}});
}

// 100 units (enough for the radix sort of the ranking); a missing value, a unit missing a whole
// pillar, and two identical units (tied ranks).
table deep_table() {
    table t;
    const int n = 100;
    for (int i = 0; i < n; ++i) t.regions.push_back("u" + std::to_string(i));
    const char* codes[] = {"a", "b", "c", "d", "e", "f"};
    for (int j = 0; j < 6; ++j) {
        Eigen::VectorXd v(n);
        for (int i = 0; i < n; ++i) v(i) = std::fmod(37.0 * i * (j + 1) + 11.0 * j * j + 0.25 * i, 101.0) + 1;
        v(11) = v(10);
        t.numbers[codes[j]] = v;
    }
    t.numbers["a"](5) = missing_value;
    t.numbers["c"](7) = t.numbers["d"](7) = missing_value;
    return t;
}

// Everything the fast path covers: noise, Dirichlet, equal vs framework weights, three means,
// two normalisations, winmax.
uncertainty_spec covered_spec() {
    uncertainty_spec s;
    s.noise.push_back({2, 0.25});
    s.noise.push_back({3, 0.4});
    s.dirichlet.push_back({1, 20});
    weight_options equal;
    equal.scheme = weighting::equal;
    s.weighting.options = {weight_options{}, equal};
    s.weighting_levels = {2, 4};
    const normalise_step nominal = std::get<normalise_step>(nominal_steps()[1]);
    s.normalisation.options = {nominal, nominal};
    s.normalisation.options[1].options.low = 2;
    aggregate_options geo, harmonic;
    geo.method = aggregation::geometric;
    harmonic.method = aggregation::harmonic;
    s.aggregation.options = {aggregate_options{}, geo, harmonic};
    s.winmax_low = 0, s.winmax_high = 2;
    return s;
}

std::shared_ptr<const uncertainty_model> covered_model() {
    return uncertainty_model::make(deep_table(), deep_framework(), nominal_steps(), covered_spec());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_uncertainty_fast)

BOOST_AUTO_TEST_CASE(fast_path_gives_the_general_scores_bit_for_bit) {
    const auto model = covered_model();
    std::vector<double> u(model->dimensions());
    int geometric = 0, equal = 0;
    for (std::uint64_t r = 0; r < 400; ++r) {
        for (std::size_t j = 0; j < u.size(); ++j) u[j] = stream_uniform(7, r, j);
        const replication_draw d = model->decode(u.data());
        BOOST_TEST_REQUIRE(model->fast_path_covers(d));
        const Eigen::MatrixXd fast = model->scores(d), general = model->general_scores(d);
        BOOST_TEST(same_bits(fast, general), "replication " << r);
        geometric += d.aggregation == 1, equal += d.weighting == 1;
    }
    BOOST_TEST(geometric > 50);  // every variant is met
    BOOST_TEST(equal > 100);
    const Eigen::MatrixXd nominal = model->nominal_scores();
    BOOST_TEST(std::isnan(nominal(7, 4)));   // u7 misses pillar P2 (aggregate column 4)…
    BOOST_TEST(!std::isnan(nominal(7, 1)));  // … but not S1
    BOOST_TEST(nominal(10, 0) == nominal(11, 0));
}

BOOST_AUTO_TEST_CASE(draws_it_does_not_cover_take_the_general_path) {
    uncertainty_spec s = covered_spec();
    s.exclude_indicator = true;
    weight_options entropy;
    entropy.scheme = weighting::entropy;
    s.weighting.options.push_back(entropy);
    s.noise.clear(), s.dirichlet.clear();
    const auto model = uncertainty_model::make(deep_table(), deep_framework(), nominal_steps(), s);
    std::vector<double> u(model->dimensions());
    int covered = 0, not_covered = 0;
    for (std::uint64_t r = 0; r < 200; ++r) {
        for (std::size_t j = 0; j < u.size(); ++j) u[j] = stream_uniform(3, r, j);
        const replication_draw d = model->decode(u.data());
        const bool fast = model->fast_path_covers(d);
        BOOST_TEST(fast == (d.excluded < 0 && d.weighting != 2), "replication " << r);
        (fast ? covered : not_covered) += 1;
        BOOST_TEST(same_bits(model->scores(d), model->general_scores(d)), "replication " << r);
    }
    BOOST_TEST(covered > 10);
    BOOST_TEST(not_covered > 10);
}

BOOST_AUTO_TEST_CASE(fast_path_with_assumptions_off_is_the_nominal_index) {
    const table t = deep_table();
    const framework fw = deep_framework();
    const result nominal = build(t, fw, nominal_steps());
    uncertainty_spec off;
    off.noise.push_back({2, 0.0});
    off.aggregation.options = {aggregate_options{}};
    uncertainty_options o;
    o.replications = 30;
    const auto model = uncertainty_model::make(t, fw, nominal_steps(), off);
    const uncertainty_result r = model->run(o);
    std::vector<double> u(model->dimensions(), 0.3);
    BOOST_TEST(model->fast_path_covers(model->decode(u.data())));
    for (std::size_t k = 0; k < r.nodes.size(); ++k) {
        const auto kk = static_cast<Eigen::Index>(k);
        const int node = fw.find(r.nodes[k]);
        BOOST_TEST(same_bits(r.nominal_score.col(kk), nominal.aggregation.scores.col(node)));
        BOOST_TEST(same_bits(r.rank_p05.col(kk), r.nominal_rank.col(kk)));
        BOOST_TEST(same_bits(r.rank_p95.col(kk), r.nominal_rank.col(kk)));
    }
}

BOOST_AUTO_TEST_CASE(fast_path_gives_the_same_bits_for_any_threads_and_blocks) {
    const auto model = covered_model();
    uncertainty_options o;
    o.replications = 900, o.threads = 1, o.keep_ranks = true;
    const uncertainty_result one = model->run(o);
    o.threads = 2;
    const uncertainty_result two = model->run(o);
    std::vector<uncertainty_block> blocks;
    blocks.push_back(model->run_block(768, 132, o));
    blocks.push_back(model->run_block(0, 256, o));
    blocks.push_back(model->run_block(256, 512, o));
    const uncertainty_result split = model->merge(std::move(blocks), o);
    for (const uncertainty_result* r : {&two, &split}) {
        BOOST_TEST(same_bits(r->mean_score, one.mean_score));
        BOOST_TEST(same_bits(r->mean_rank, one.mean_rank));
        BOOST_TEST(same_bits(r->median_rank, one.median_rank));
        BOOST_TEST(same_bits(r->rank_p05, one.rank_p05));
        BOOST_TEST(same_bits(r->rank_p95, one.rank_p95));
        BOOST_TEST(same_bits(r->top_k_share, one.top_k_share));
        BOOST_TEST((r->ranks.size() == one.ranks.size() &&
                    std::memcmp(r->ranks.data(), one.ranks.data(), sizeof(float) * one.ranks.size()) == 0));
    }
    BOOST_TEST((one.rank_p95 - one.rank_p05).maxCoeff() > 0);
    // the kept ranks are rank_scores() of the general path's scores
    const auto units = one.regions.size(), nodes = one.nodes.size();
    for (std::size_t k : {0u, 5u, 899u}) {
        const Eigen::RowVectorXd u = one.uniforms.row(static_cast<Eigen::Index>(k));
        const Eigen::MatrixXd s = model->general_scores(model->decode(u.data()));
        for (std::size_t node = 0; node < nodes; ++node) {
            const Eigen::VectorXd rank = rank_scores(s.col(static_cast<Eigen::Index>(node)));
            for (std::size_t i = 0; i < units; ++i) {
                const float kept = one.ranks[(k * nodes + node) * units + i];
                const auto expected = static_cast<float>(rank(static_cast<Eigen::Index>(i)));
                BOOST_TEST((kept == expected || (std::isnan(kept) && std::isnan(expected))));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(score_percentiles_are_exact_without_the_full_matrix) {
    const auto model = covered_model();
    uncertainty_options o;
    o.replications = 300, o.threads = 2, o.score_percentiles = true;
    const uncertainty_result r = model->run(o);
    o.threads = 1;
    const uncertainty_result one = model->run(o);
    BOOST_TEST(same_bits(r.score_p05, one.score_p05));
    BOOST_TEST(same_bits(r.score_p95, one.score_p95));
    // the reference: every replication's scores in double, sorted, type-7 quantiles
    const auto units = static_cast<Eigen::Index>(r.regions.size()), nodes = static_cast<Eigen::Index>(r.nodes.size());
    std::vector<Eigen::MatrixXd> all;
    for (Eigen::Index k = 0; k < r.uniforms.rows(); ++k) {
        const Eigen::RowVectorXd u = r.uniforms.row(k);
        all.push_back(model->general_scores(model->decode(u.data())));
    }
    auto quantile = [](std::vector<double> v, double p) {
        std::sort(v.begin(), v.end());
        const double h = static_cast<double>(v.size() - 1) * p;
        const auto lo = static_cast<std::size_t>(std::floor(h));
        const std::size_t hi = std::min(lo + 1, v.size() - 1);
        return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
    };
    int checked = 0;
    for (Eigen::Index k = 0; k < nodes; ++k)
        for (Eigen::Index i = 0; i < units; ++i) {
            std::vector<double> v;
            for (const auto& s : all)
                if (!std::isnan(s(i, k))) v.push_back(s(i, k));
            if (v.empty()) {
                BOOST_TEST((std::isnan(r.score_p05(i, k)) && std::isnan(r.score_p95(i, k))));
                continue;
            }
            BOOST_TEST(r.score_p05(i, k) == quantile(v, 0.05));
            BOOST_TEST(r.score_p95(i, k) == quantile(v, 0.95));
            checked += r.score_p05(i, k) < r.score_p95(i, k);
        }
    BOOST_TEST(checked > 500);
    BOOST_TEST(std::isnan(r.score_p05(7, 4)));  // u7 has no P2 score in any replication
}

BOOST_AUTO_TEST_CASE(radix_ranking_equals_rank_scores) {
    uncertainty_model::fast_scratch s;
    for (int n : {5, 64, 300}) {
        Eigen::VectorXd x(n), r(n);
        for (int i = 0; i < n; ++i) x(i) = std::fmod(7.3 * i, 13.0) - 6;  // many ties
        x(1) = missing_value, x(2) = -0.0, x(3) = 0.0;
        x(n - 1) = 1.0, x(n - 2) = std::nextafter(1.0, 2.0);  // equal upper 32 bits of the key
        rank_descending(x.data(), static_cast<std::size_t>(n), s, r.data());
        BOOST_TEST(same_bits(r, rank_scores(x)), "n = " << n);
    }
    // every radix pass at work: signs, exponents and mantissas vary; runs tying on the upper
    // half of the key (values a few ulps apart) and exact ties, −0 tying +0
    const int n = 5000;
    Eigen::VectorXd x(n), r(n);
    for (int i = 0; i < n; ++i) x(i) = std::ldexp(std::fmod(0.618034 * i, 1.0) - 0.5, i % 40 - 20);
    for (int i = 0; i < 300; i += 3) x(i + 1) = std::nextafter(x(i), 1.0), x(i + 2) = x(i);
    x(400) = -0.0, x(401) = 0.0, x(402) = missing_value;
    rank_descending(x.data(), static_cast<std::size_t>(n), s, r.data());
    BOOST_TEST(same_bits(r, rank_scores(x)));
    BOOST_TEST(r(400) == r(401));
}

// The bucket ranking against rank_scores() (the general path's ranking, ties::min) on the
// columns that stress it: random; many exact ties; constant; clustered (one far outlier puts
// every other score in one bucket; a few ulps apart inside a bucket); signed zeros; missing
// values, a column with fewer than 64 present; a spread that overflows (±1e308: radix path).
// 3,000 scores take the 32-bit elements (≤ 4,096: 20-bit buckets, 12-bit unit), 5,000 the
// 64-bit ones.
BOOST_AUTO_TEST_CASE(bucket_ranking_equals_rank_scores) {
    for (const int n : {3000, 5000}) {
        Eigen::VectorXd random(n), tied(n), constant = Eigen::VectorXd::Constant(n, 2.5), outlier(n), ulps(n);
        Eigen::VectorXd missing(n), few = Eigen::VectorXd::Constant(n, missing_value), huge(n), zeros(n);
        std::uint64_t state = 12345;
        auto next = [&] {
            state = state * 6364136223846793005u + 1442695040888963407u;
            return static_cast<double>(state >> 11) * 0x1p-53;
        };
        for (int i = 0; i < n; ++i) {
            random(i) = std::ldexp(next() - 0.3, static_cast<int>(next() * 8) - 4);
            tied(i) = std::floor(next() * 40) / 4 - 3;
            outlier(i) = 1 + next() * 1e-9;
            ulps(i) = std::nextafter(1.0, 1.0 + static_cast<double>(i % 7)) + (i % 3 == 0 ? 0 : 1e-300 * i);
            missing(i) = i % 5 == 0 ? missing_value : next() * 10;
            huge(i) = (next() - 0.5) * 3 * 1e308;
            zeros(i) = i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : next() - 0.5;
        }
        outlier(17) = 1e6;
        ulps(5) = 1e3, ulps(6) = -1e3;
        for (int i = 0; i < 50; ++i) few(i * 7) = next();
        missing(1) = missing(2) = missing(3);
        huge(0) = 1.5e308, huge(1) = -1.5e308;
        const std::vector<std::pair<std::string, Eigen::VectorXd>> columns = {
            {"random", random},   {"tied", tied}, {"constant", constant}, {"outlier", outlier}, {"ulps", ulps},
            {"missing", missing}, {"few", few},   {"huge", huge},         {"zeros", zeros}};
        for (const auto& [name, x] : columns) {
            uncertainty_model::fast_scratch s;
            Eigen::VectorXd r(n), radix(n);
            rank_descending(x.data(), static_cast<std::size_t>(n), s, r.data());
            rank_descending_radix(x.data(), static_cast<std::size_t>(n), s, radix.data());
            BOOST_TEST(same_bits(r, rank_scores(x)), name << ", n = " << n);
            BOOST_TEST(same_bits(radix, rank_scores(x)), name << ", n = " << n);
            // the integer ranks the runner writes straight into its rank batch: the same, 0 if missing
            std::vector<std::uint16_t> narrow(n, 7);
            std::vector<std::uint32_t> wide(n, 7);
            rank_descending(x.data(), static_cast<std::size_t>(n), s, narrow.data());
            rank_descending(x.data(), static_cast<std::size_t>(n), s, wide.data());
            const Eigen::VectorXd expected = rank_scores(x);
            int wrong = 0;
            for (int i = 0; i < n; ++i) {
                const double want = std::isnan(expected(i)) ? 0 : expected(i);
                wrong += narrow[static_cast<std::size_t>(i)] != want || wide[static_cast<std::size_t>(i)] != want;
            }
            BOOST_TEST(wrong == 0, name << ", n = " << n);
        }
    }
}

// The bucket ranking places each score and writes its rank in one pass, then finds the runs
// sharing a bucket by a scan of the sorted elements (four at a time). One scratch for many
// columns of both element widths (≤ 4,096 scores: 32-bit elements; 4,097: 64-bit), so stale
// elements of the previous columns sit beyond the present ones; runs of equal scores at the top
// and the bottom of the order (a run starting at place 0, one ending at the last place), runs
// side by side, pairs and long runs — every rank against rank_scores().
BOOST_AUTO_TEST_CASE(bucket_ranking_with_one_scratch_for_many_columns) {
    std::uint64_t state = 777;
    auto next = [&] {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return static_cast<double>(state >> 11) * 0x1p-53;
    };
    uncertainty_model::fast_scratch s;
    int wrong = 0, columns = 0;
    for (int n : {64, 65, 100, 517, 3000, 2999, 64, 4096, 4097, 300, 3000, 4097}) {
        for (int repeat = 0; repeat < 6; ++repeat, ++columns) {
            Eigen::VectorXd x(n);
            for (int i = 0; i < n; ++i) x(i) = std::exp(next() * 4 * (repeat % 3 + 1));  // skewed: clustered buckets
            const int copies = 1 + repeat * 3;  // the highest and the lowest score repeated
            for (int c = 1; c <= copies && 2 * c < n; ++c) x(c) = x(0), x(n - c) = x(n - 1);
            x(0) = 1e9, x(n - 1) = -1;
            for (int c = 1; c <= copies && 2 * c < n; ++c) x(c) = 1e9, x(n - c) = -1;
            for (int i = copies + 1; i + 3 < n - copies; i += 7 + repeat)  // pairs and triples side by side
                x(i + 1) = x(i), x(i + 2) = repeat % 2 ? std::nextafter(x(i), 0.0) : x(i);
            const Eigen::VectorXd expected = rank_scores(x);
            Eigen::VectorXd r(n);
            std::vector<std::uint16_t> narrow(static_cast<std::size_t>(n), 9);
            rank_descending(x.data(), static_cast<std::size_t>(n), s, r.data());
            rank_descending(x.data(), static_cast<std::size_t>(n), s, narrow.data());
            wrong += !same_bits(r, expected);
            for (int i = 0; i < n; ++i) wrong += narrow[static_cast<std::size_t>(i)] != expected(i);
        }
    }
    BOOST_TEST(columns == 72);
    BOOST_TEST(wrong == 0);
}

// fast_scores() takes each column's range (present scores, lowest, highest) as it writes the
// column and the runner hands it to the ranking instead of a pass over the column: each range
// handed out is the column's (counted here by hand) or marked unknown (present > units), and
// ranking with it gives the ranks ranking without it gives. The deep fixture's u7 misses a
// pillar (a column with a missing score) and its draws vary layers, weights and means.
BOOST_AUTO_TEST_CASE(column_ranges_from_the_weighted_means_are_the_columns_ranges) {
    const auto model = covered_model();
    std::vector<double> u(model->dimensions());
    uncertainty_model::fast_scratch s;
    Eigen::MatrixXd out;
    int known = 0, with_missing = 0, wrong = 0;
    for (std::uint64_t r = 0; r < 200; ++r) {
        for (std::size_t j = 0; j < u.size(); ++j) u[j] = stream_uniform(11, r, j);
        BOOST_TEST_REQUIRE(model->fast_scores(model->decode(u.data()), s, out));
        const auto n = static_cast<std::size_t>(out.rows());
        BOOST_TEST_REQUIRE(s.ranges.size() == static_cast<std::size_t>(out.cols()));
        for (Eigen::Index k = 0; k < out.cols(); ++k) {
            const score_range& got = s.ranges[static_cast<std::size_t>(k)];
            const double* x = out.col(k).data();
            std::size_t present = 0;
            double low = std::numeric_limits<double>::infinity(), high = -low;
            for (std::size_t i = 0; i < n; ++i)
                if (!std::isnan(x[i])) ++present, low = std::min(low, x[i]), high = std::max(high, x[i]);
            if (got.present <= n) {
                ++known, with_missing += present < n;
                wrong += got.present != present || got.low != low || got.high != high;
            }
            std::vector<std::uint16_t> with(n, 9), without(n, 9);
            rank_descending(x, n, s, with.data(), &got);
            rank_descending(x, n, s, without.data());
            wrong += with != without;
        }
    }
    BOOST_TEST(wrong == 0);
    BOOST_TEST(known > 400);
    BOOST_TEST(with_missing > 0);
}

BOOST_AUTO_TEST_SUITE_END()
