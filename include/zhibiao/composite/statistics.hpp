#pragma once
// Column statistics over the values that are present (NaN = missing is skipped), and ranks.
//
// The sample moments are the forms the reference tools use, named so a reader can check them:
// sd with n − 1 (R's sd), COINr's skewness and excess kurtosis (e1071 type 2), Pearson
// correlation over the pairs where both values are present (R's use = "pairwise.complete.obs").

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "zhibiao/detail/float_bits.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

/// A missing value (NaN). Not called `nan`: that name clashed with std::nan under
/// `using namespace std; using namespace zhibiao::composite;`.
inline constexpr double missing_value = std::numeric_limits<double>::quiet_NaN();

/// How tied scores share ranks, as R's rank(ties.method = …) and dplyr's dense_rank() give them
/// (scores 9, 8, 8, 7 ranked from the best): "min" (1, 2, 2, 4: COINr's default, competition
/// ranking), "dense" (1, 2, 2, 3), "average" (1, 2.5, 2.5, 4: R's default, the mid-rank), "max"
/// (1, 3, 3, 4), "first" (1, 2, 3, 4: equal values in their order of appearance) and "last"
/// (1, 3, 2, 4: the reverse order). R's "random" is not offered: its order comes from R's random
/// number stream, which no seed here could reproduce, and a rank that depends on a draw is not a
/// fact of the data; "first" breaks ties by a documented rule instead.
/// The order appended here is the one the options' vocabulary lists (ties_choices).
enum class ties { min, dense, average, max, first, last };

namespace detail {

inline bool present(double x) { return !zhibiao::detail::is_nan(x); }

template <class F>
void each_present(const Eigen::Ref<const Eigen::VectorXd>& x, F&& f) {
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (present(x(i))) f(x(i));
}

std::vector<double> values_present(const Eigen::Ref<const Eigen::VectorXd>& x);

/// The binary exponent of the largest |value| present (0 when there is none, or it is 0 or
/// infinite). Spreads are computed on x·2^−e, whose values lie within ±1: squares of data near
/// 1e160 no longer overflow, and squares of denormals no longer underflow to 0. Scaling by a
/// power of two is exact, so ordinary data give the same bits as an unscaled computation.
int scale_exponent(const Eigen::Ref<const Eigen::VectorXd>& x);

/// x·2^−e, exactly: a multiplication while 2^−e is a normal number (cheap in the loops of the
/// outlier treatment), std::ldexp beyond.
class power_of_two {
public:
    explicit power_of_two(int exponent)
        : e_(exponent), factor_(exponent >= -1000 && exponent <= 1000 ? std::ldexp(1.0, -exponent) : 0) {}
    double down(double x) const { return plain() ? x * factor_ : std::ldexp(x, -e_); }
    double up(double x) const { return std::ldexp(x, e_); }
    /// Whether down(x) is x * factor() (else std::ldexp, for an exponent beyond ±1000).
    bool plain() const { return !zhibiao::detail::exactly_equal(factor_, 0); }
    double factor() const { return factor_; }

private:
    int e_;
    double factor_;
};

struct moments {
    double n = 0, mean = missing_value;  ///< count of the values present, their mean
    /// Central moments divided by n, of the values scaled by 2^−exponent (see scale_exponent),
    /// and the sum of squared deviations on the same scale.
    double m2 = missing_value, m3 = missing_value, m4 = missing_value, ss = missing_value;
    int exponent = 0;
};

moments central_moments(const Eigen::Ref<const Eigen::VectorXd>& x);

double mean(const Eigen::Ref<const Eigen::VectorXd>& x);

/// Standard deviation with `ddof` (1: sample, R's sd; 0: population).
double sd(const Eigen::Ref<const Eigen::VectorXd>& x, int ddof = 1);

struct shape {
    double skew = missing_value;  ///< COINr's skewness: √(n(n−1))/(n−2) · m3/m2^1.5 (n ≥ 3, some spread)
    double kurt = missing_value;  ///< COINr's excess kurtosis: ((n+1)(m4/m2² − 3) + 6)(n−1)/((n−2)(n−3)) (n ≥ 4)
};

/// Skewness and kurtosis from one pass over the moments (outlier treatment re-tests often).
shape shape_of(const Eigen::Ref<const Eigen::VectorXd>& x);

double median(std::vector<double> v);

/// Pearson correlation over the rows where both are present; NaN if either has no spread.
/// Each variable is scaled by a power of two first (scale_exponent): r does not change, and
/// the sums of squares neither overflow nor underflow.
double correlation(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y);

}  // namespace detail

/// Ranks of `x` with 1 for the smallest (`descending` = false) or the largest value; NaN stays
/// NaN and takes no rank. O(n log n).
namespace detail {

/// An unsigned key with the order of the double (−0 and +0 equal); NaN is never passed in.
std::uint64_t order_key(double v);

/// LSD radix sort of (key, row) pairs, 11 bits a pass, skipping passes where all keys agree:
/// ranking every node of a 3,000-unit index is a few such sorts per column, several times
/// faster than a comparison sort.
void radix_sort(std::vector<std::pair<std::uint64_t, Eigen::Index>>& a);

}  // namespace detail

Eigen::VectorXd rank(const Eigen::Ref<const Eigen::VectorXd>& x, bool descending, ties rule = ties::min);

/// Ranks of scores, 1 = best (highest), within each group when `group` labels are given
/// (e.g. counties within their prefecture; an empty vector = one group).
template <class Label>
Eigen::VectorXd rank_within(const Eigen::Ref<const Eigen::VectorXd>& scores, const std::vector<Label>& group,
                            ties rule = ties::min) {
    if (group.empty()) return rank(scores, true, rule);
    if (group.size() != static_cast<std::size_t>(scores.size())) {
        location w;
        w.variable = "within";
        throw argument_error("rank within groups: " + std::to_string(group.size()) + " group labels for " +
                                 std::to_string(scores.size()) + " scores (one label per unit is needed)",
                             w);
    }
    std::vector<Eigen::Index> order(static_cast<std::size_t>(scores.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return group[static_cast<std::size_t>(a)] < group[static_cast<std::size_t>(b)];
    });
    Eigen::VectorXd out(scores.size());
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start;
        while (end < order.size() &&
               group[static_cast<std::size_t>(order[end])] == group[static_cast<std::size_t>(order[start])])
            ++end;
        Eigen::VectorXd part(static_cast<Eigen::Index>(end - start));
        for (std::size_t k = start; k < end; ++k) part(static_cast<Eigen::Index>(k - start)) = scores(order[k]);
        const Eigen::VectorXd r = rank(part, true, rule);
        for (std::size_t k = start; k < end; ++k) out(order[k]) = r(static_cast<Eigen::Index>(k - start));
        start = end;
    }
    return out;
}

}  // namespace zhibiao::composite
