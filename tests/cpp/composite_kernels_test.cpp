// The composite kernels rewritten for speed (fewer passes, column order) give the bits of the
// passes they replace: each is checked against that earlier code, kept here as the reference, on
// columns with ties, signed zeros, missing values, negative, huge and denormal values.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/prepare.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/composite/treat.hpp"

#include "composite/moments.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
namespace cd = zhibiao::composite::detail;

namespace {

const double missing = std::numeric_limits<double>::quiet_NaN();

std::uint64_t bits(double v) {
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        if (bits(a.data()[i]) != bits(b.data()[i]) && !(std::isnan(a.data()[i]) && std::isnan(b.data()[i])))
            return false;
    return true;
}

bool same_bits(double a, double b) { return bits(a) == bits(b) || (std::isnan(a) && std::isnan(b)); }

/// The outlier rule as it was: the extreme and the next value in two passes, shape_of each round.
void reference_coinr(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o) {
    using namespace zhibiao::composite::detail;
    const shape before = shape_of(x);
    r.skew_before = before.skew, r.kurt_before = before.kurt;
    r.passed_before = passes(before, o);
    r.skew_after = r.skew_before, r.kurt_after = r.kurt_before, r.passed_after = r.passed_before;
    if (r.passed_before) return;
    Eigen::VectorXd w = x;
    mark_vector m = mark_vector::Zero(x.size());
    int changed = 0;
    shape now = before;
    while (changed < o.winmax) {
        const bool high = now.skew >= 0;
        double extreme = high ? -INFINITY : INFINITY;
        each_present(w, [&](double e) { extreme = high ? std::max(extreme, e) : std::min(extreme, e); });
        double next = high ? -INFINITY : INFINITY;
        each_present(w, [&](double e) {
            if (e != extreme) next = high ? std::max(next, e) : std::min(next, e);
        });
        if (!std::isfinite(next)) break;
        for (Eigen::Index i = 0; i < w.size(); ++i)
            if (w(i) == extreme) {
                w(i) = next;
                if (!m(i)) ++changed;
                m(i) = static_cast<std::uint8_t>(high ? mark::winsorised_high : mark::winsorised_low);
            }
        now = shape_of(w);
        if (passes(now, o)) break;
    }
    r.winsorised = changed;
    if (passes(now, o)) {
        x = w;
        marks = m;
        r.action = "winsorised";
    } else {
        double lo = INFINITY, hi = -INFINITY;
        each_present(x, [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e); });
        for (Eigen::Index i = 0; i < x.size(); ++i)
            if (present(x(i)))
                x(i) = std::log(x(i) - lo + 0.01 * (hi - lo)),
                marks(i) = static_cast<std::uint8_t>(mark::log_transformed);
        r.winsorised = 0;
        r.action = "log_CT";
        now = shape_of(x);
    }
    r.skew_after = now.skew, r.kurt_after = now.kurt, r.passed_after = passes(now, o);
}

/// Min-max as it was: the oriented column scaled, its least and greatest, one Eigen expression.
Eigen::VectorXd reference_minmax(const Eigen::VectorXd& raw, double d, double low, double high) {
    Eigen::VectorXd c = d > 0 ? raw : Eigen::VectorXd(-raw);
    const cd::power_of_two scale(cd::scale_exponent(c));
    for (Eigen::Index i = 0; i < c.size(); ++i) c(i) = scale.down(c(i));
    const std::vector<double> v = cd::values_present(c);
    const double lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
    return ((c.array() - lo) / (hi - lo) * (high - low) + low).matrix();
}

/// Columns of every awkward kind: skewed (most winsorised or logged), ties at the extremes,
/// signed zeros, missing values, negative, huge and denormal values.
std::vector<Eigen::VectorXd> awkward_columns() {
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> skewed(2, 1.3);
    std::normal_distribution<double> normal(0, 1);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<Eigen::VectorXd> out;
    for (int k = 0; k < 240; ++k) {
        const int n = k % 7 == 0 ? 5 : 40 + 37 * (k % 11);
        Eigen::VectorXd c(n);
        const double scale = k % 5 == 0 ? 1e150 : k % 5 == 1 ? 1e-310 : k % 5 == 2 ? 1.0 : k % 5 == 3 ? -3.0 : 1e-3;
        for (Eigen::Index i = 0; i < n; ++i) {
            double v = (k % 3 == 0 ? normal(rng) : skewed(rng)) * scale;
            if (k % 4 == 0) v = std::round(v / scale * 2) / 2 * scale;  // ties
            if (unit(rng) < 0.05) v = missing;
            if (unit(rng) < 0.03) v = unit(rng) < 0.5 ? 0.0 : -0.0;
            c(i) = v;
        }
        if (k % 6 == 0 && n > 4) c(0) = c(1) = c(2) = 50 * scale;  // a tied extreme
        out.push_back(c);
    }
    out.push_back((Eigen::VectorXd(5) << 1, 1, 1, 1, 1).finished());
    out.push_back((Eigen::VectorXd(6) << 0, -0.0, 0, 1, missing, 100).finished());
    out.push_back((Eigen::VectorXd(3) << missing, missing, missing).finished());
    return out;
}

/// The awkward columns of at least `n` rows, their first `n` rows side by side.
Eigen::MatrixXd awkward_matrix(Eigen::Index n) {
    std::vector<Eigen::VectorXd> pool;
    for (const Eigen::VectorXd& c : awkward_columns())
        if (c.size() >= n) pool.push_back(c.head(n));
    Eigen::MatrixXd x(n, static_cast<Eigen::Index>(pool.size()));
    for (std::size_t j = 0; j < pool.size(); ++j) x.col(static_cast<Eigen::Index>(j)) = pool[j];
    return x;
}

/// Group imputation as it was: the matrix indexed cell by cell, then every cell still missing marked.
imputed reference_group_impute(const Eigen::MatrixXd& x, const impute_options& o) {
    imputed out{x, mark_matrix::Zero(x.rows(), x.cols())};
    std::vector<int> g(o.group.size());
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < o.group.size(); ++i) {
        if (o.group[i].empty()) {
            g[i] = -1;
            continue;
        }
        const auto at = std::find(seen.begin(), seen.end(), o.group[i]);
        g[i] = static_cast<int>(at - seen.begin());
        if (at == seen.end()) seen.push_back(o.group[i]);
    }
    const bool by_median = o.method == imputation::group_median;
    const mark m = by_median ? mark::imputed_group_median : mark::imputed_group_mean;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        std::vector<double> sum(seen.size()), count(seen.size()), fill(seen.size());
        std::vector<std::vector<double>> members(seen.size());
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (!std::isnan(x(i, j)) && g[static_cast<std::size_t>(i)] >= 0) {
                const auto k = static_cast<std::size_t>(g[static_cast<std::size_t>(i)]);
                sum[k] += x(i, j), ++count[k];
                members[k].push_back(x(i, j));
            }
        for (std::size_t k = 0; k < seen.size(); ++k)
            fill[k] = by_median ? cd::median(members[k]) : (count[k] ? sum[k] / count[k] : missing);
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (std::isnan(x(i, j)) && g[static_cast<std::size_t>(i)] >= 0)
                out.values(i, j) = fill[static_cast<std::size_t>(g[static_cast<std::size_t>(i)])],
                              out.marks(i, j) = static_cast<std::uint8_t>(m);
    }
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (std::isnan(out.values.data()[i])) out.marks.data()[i] = static_cast<std::uint8_t>(mark::not_imputable);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_kernels)

BOOST_AUTO_TEST_CASE(central_moments_from_a_known_sum_give_its_bits) {
    for (const Eigen::VectorXd& c : awkward_columns()) {
        const cd::moments a = cd::central_moments(c);
        const int e = cd::scale_exponent(c);
        const cd::power_of_two scale(e);
        double sum = 0, n = 0;
        cd::each_present(c, [&](double v) { sum += scale.down(v), ++n; });
        const cd::moments b = cd::central_moments(c, e, sum, n);
        BOOST_TEST(same_bits(a.mean, b.mean));
        BOOST_TEST(same_bits(a.m2, b.m2));
        BOOST_TEST(same_bits(a.m3, b.m3));
        BOOST_TEST(same_bits(a.m4, b.m4));
        BOOST_TEST(same_bits(a.ss, b.ss));
        BOOST_TEST(a.n == b.n);
        BOOST_TEST(a.exponent == b.exponent);
    }
}

BOOST_AUTO_TEST_CASE(column_shapes_four_at_a_time_give_the_bits_of_shape_of_each_column) {
    // Matrices of 1 to 9 columns (a block of four and what remains), columns of the awkward kinds,
    // plus an infinite value, a column at the largest scale and one of denormals only.
    const std::vector<Eigen::VectorXd> cols = awkward_columns();
    const Eigen::Index n = 40;
    std::vector<Eigen::VectorXd> pool;
    for (const Eigen::VectorXd& c : cols)
        if (c.size() >= n) pool.push_back(c.head(n));
    Eigen::VectorXd special = pool[3];
    special(7) = INFINITY;
    pool.insert(pool.begin() + 5, special);
    pool.insert(pool.begin() + 2, Eigen::VectorXd::Constant(n, std::numeric_limits<double>::max()));
    pool.insert(pool.begin() + 9, Eigen::VectorXd::Constant(n, 4.9e-324));
    pool.insert(pool.begin() + 1, Eigen::VectorXd::Constant(n, missing));
    int checked = 0;
    for (Eigen::Index width = 1; width <= 9; ++width)
        for (std::size_t first = 0; first + static_cast<std::size_t>(width) <= pool.size(); first += 3) {
            Eigen::MatrixXd x(n, width);
            for (Eigen::Index j = 0; j < width; ++j) x.col(j) = pool[first + static_cast<std::size_t>(j)];
            const std::vector<cd::shape> got = cd::column_shapes(x);
            BOOST_REQUIRE(got.size() == static_cast<std::size_t>(width));
            for (Eigen::Index j = 0; j < width; ++j) {
                const cd::shape want = cd::shape_of(x.col(j));
                BOOST_TEST(same_bits(got[static_cast<std::size_t>(j)].skew, want.skew));
                BOOST_TEST(same_bits(got[static_cast<std::size_t>(j)].kurt, want.kurt));
                ++checked;
            }
        }
    BOOST_TEST(checked > 1000);
}

BOOST_AUTO_TEST_CASE(the_outlier_rule_gives_the_bits_of_its_six_pass_rounds) {
    int winsorised = 0, logged = 0;
    for (const int winmax : {1, 5, 20}) {
        treat_options o;
        o.winmax = winmax;
        for (const Eigen::VectorXd& c : awkward_columns()) {
            Eigen::VectorXd x = c, y = c;
            mark_vector mx = mark_vector::Zero(c.size()), my = mark_vector::Zero(c.size());
            treat_record rx, ry;
            cd::treat_coinr(x, mx, rx, o);
            reference_coinr(y, my, ry, o);
            BOOST_TEST(same_bits(x, y));
            BOOST_TEST((mx == my));
            BOOST_TEST(rx.action == ry.action);
            BOOST_TEST(rx.winsorised == ry.winsorised);
            BOOST_TEST(same_bits(rx.skew_before, ry.skew_before));
            BOOST_TEST(same_bits(rx.kurt_before, ry.kurt_before));
            BOOST_TEST(same_bits(rx.skew_after, ry.skew_after));
            BOOST_TEST(same_bits(rx.kurt_after, ry.kurt_after));
            BOOST_TEST(rx.passed_before == ry.passed_before);
            BOOST_TEST(rx.passed_after == ry.passed_after);
            winsorised += rx.action == "winsorised", logged += rx.action == "log_CT";
        }
    }
    BOOST_TEST(winsorised > 10);  // both outcomes are exercised
    BOOST_TEST(logged > 10);
}

BOOST_AUTO_TEST_CASE(the_outlier_rules_fallbacks_and_force_win_as_coinr_test_treat) {
    // COINr 1.1.14 tests/testthat/test-treat.R "treat_num": x = 1..20, 100, 200, winmax 1 fails.
    Eigen::VectorXd x(22);
    for (Eigen::Index i = 0; i < 20; ++i) x(i) = static_cast<double>(i + 1);
    x(20) = 100, x(21) = 200;
    const auto run = [&x](treat_options o) {
        Eigen::VectorXd y = x;
        mark_vector m = mark_vector::Zero(x.size());
        treat_record r;
        cd::treat_coinr(y, m, r, o, cd::shape_of(x), "x");
        return std::make_pair(y, r);
    };
    treat_options o;
    o.winmax = 1, o.fallback = treat_fallback::log;  // f2 = "log": log(x) of the originals
    auto [logged, r] = run(o);
    for (Eigen::Index i = 0; i < x.size(); ++i) BOOST_TEST(same_bits(logged(i), std::log(x(i))));
    BOOST_TEST(r.action == "log");
    o.fallback = treat_fallback::none;  // f2 = NULL: 200 → 100 stays, still failing
    auto [kept, r2] = run(o);
    BOOST_TEST(kept(21) == 100);
    BOOST_TEST(kept.head(21) == x.head(21));
    BOOST_TEST((r2.action == "winsorised" && r2.winsorised == 1 && !r2.passed_after));
    // force_win, winmax 3 ("3 treated points"): 200 → 100, both 100s → 20; then the skew is
    // negative and 1 → 2 (by hand from R/treat.R winsorise).
    o = treat_options{}, o.winmax = 3, o.force_win = true;
    auto [forced, r3] = run(o);
    BOOST_TEST(r3.winsorised == 3);
    BOOST_TEST((forced(0) == 2 && forced(1) == 2 && forced(19) == 20 && forced(20) == 20 && forced(21) == 20));
    // log of a value ≤ 0 is refused, naming the indicator.
    x(0) = 0;
    o = treat_options{}, o.winmax = 1, o.fallback = treat_fallback::log;
    BOOST_CHECK_EXCEPTION(run(o), method_error, [](const method_error& e) { return e.where().variable == "x"; });
}

BOOST_AUTO_TEST_CASE(treat_of_a_matrix_gives_the_bits_of_the_rule_column_by_column) {
    // treat() finds every column's starting shape four columns at a time (column_shapes).
    const Eigen::Index n = 40;
    const Eigen::MatrixXd x = awkward_matrix(n);
    int logged = 0, winsorised = 0;
    for (const int winmax : {1, 5}) {
        treat_options o;
        o.winmax = winmax;
        const treated got = treat(x, o, {});
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            Eigen::VectorXd y = x.col(j);
            mark_vector my = mark_vector::Zero(n);
            treat_record ry;
            reference_coinr(y, my, ry, o);
            const treat_record& rx = got.log[static_cast<std::size_t>(j)];
            BOOST_TEST(same_bits(Eigen::MatrixXd(got.values.col(j)), Eigen::MatrixXd(y)));
            BOOST_TEST((got.marks.col(j) == my));
            BOOST_TEST(rx.action == ry.action);
            BOOST_TEST(same_bits(rx.skew_before, ry.skew_before));
            BOOST_TEST(same_bits(rx.kurt_before, ry.kurt_before));
            BOOST_TEST(same_bits(rx.skew_after, ry.skew_after));
            logged += rx.action == "log_CT", winsorised += rx.action == "winsorised";
        }
    }
    BOOST_TEST(logged > 5);  // both outcomes are exercised
    BOOST_TEST(winsorised > 5);
}

BOOST_AUTO_TEST_CASE(group_imputation_gives_the_bits_of_the_cell_by_cell_loops) {
    // 40 regions in groups "a".."e" and unlabelled ones; columns with missing values, signed zeros,
    // huge, negative and denormal values; a group with no value present in some columns.
    const Eigen::Index n = 40;
    Eigen::MatrixXd x = awkward_matrix(n);
    impute_options o;
    for (Eigen::Index i = 0; i < n; ++i)
        o.group.push_back(i % 9 == 4 ? "" : std::string(1, static_cast<char>('a' + i % 5)));
    for (Eigen::Index i = 0; i < n; i += 5) x(i, 3) = missing;  // group "a" has nothing in column 3
    int filled = 0, left = 0;
    for (const imputation method : {imputation::group_mean, imputation::group_median}) {
        o.method = method;
        const imputed got = impute(x, o);
        const imputed want = reference_group_impute(x, o);
        BOOST_TEST(same_bits(got.values, want.values));
        BOOST_TEST((got.marks == want.marks));
        for (Eigen::Index i = 0; i < got.marks.size(); ++i)
            filled += got.marks.data()[i] == static_cast<std::uint8_t>(mark::imputed_group_mean) ||
                      got.marks.data()[i] == static_cast<std::uint8_t>(mark::imputed_group_median),
                left += got.marks.data()[i] == static_cast<std::uint8_t>(mark::not_imputable);
    }
    BOOST_TEST(filled > 50);  // both kinds of cell are there
    BOOST_TEST(left > 10);
    o.method = imputation::none;  // every missing cell marked not_imputed, the values as they were
    const imputed none = impute(x, o);
    BOOST_TEST(same_bits(none.values, x));
    for (Eigen::Index i = 0; i < x.size(); ++i)
        BOOST_TEST(none.marks.data()[i] ==
                   static_cast<std::uint8_t>(std::isnan(x.data()[i]) ? mark::not_imputed : mark::none));
}

BOOST_AUTO_TEST_CASE(minmax_gives_the_bits_of_the_general_path) {
    for (const double d : {1.0, -1.0})
        for (const Eigen::VectorXd& c : awkward_columns()) {
            const std::vector<double> v = cd::values_present(c);
            if (v.empty() || *std::min_element(v.begin(), v.end()) == *std::max_element(v.begin(), v.end())) continue;
            normalise_options o;
            o.method = normalisation::minmax;
            o.low = -3, o.high = 100;
            const Eigen::MatrixXd got = normalise(c, {static_cast<int>(d)}, o, {"x"});
            BOOST_TEST(same_bits(got, reference_minmax(c, d, o.low, o.high)));
        }
}

BOOST_AUTO_TEST_CASE(arithmetic_means_by_column_give_the_bits_of_row_sums) {
    // Three children with weights, a zero weight, missing children and a row with none present.
    const direction up = direction::higher_is_better;
    const framework fw({{"I", "", 1, up, 2},
                        {"a", "I", 0.3, up, 1},
                        {"b", "I", 1.7, up, 1},
                        {"z", "I", 0, up, 1},
                        {"c", "I", 2.9, up, 1}});
    BOOST_REQUIRE(fw.indicators() == (std::vector<int>{1, 2, 3, 4}));
    const std::vector<Eigen::VectorXd> cols = awkward_columns();
    const Eigen::Index n = 40;
    Eigen::MatrixXd x(n, 4);
    for (Eigen::Index j = 0; j < 4; ++j) x.col(j) = cols[static_cast<std::size_t>(2 + j)].head(n) * 1e-3;
    x.row(5).setConstant(missing);
    const aggregation_result r = aggregate(fw, x, {});
    const Eigen::VectorXd w = r.weights.segment(1, 4);
    for (Eigen::Index u = 0; u < n; ++u) {
        double num = 0, den = 0;
        for (Eigen::Index c = 0; c < 4; ++c)
            if (!std::isnan(x(u, c)) && w(c) != 0) num += w(c) * x(u, c), den += w(c);
        BOOST_TEST(same_bits(r.scores(u, 0), den == 0 ? missing : num / den));
    }
    BOOST_TEST(std::isnan(r.scores(5, 0)));
}

BOOST_AUTO_TEST_SUITE_END()
