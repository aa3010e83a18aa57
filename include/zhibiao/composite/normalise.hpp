#pragma once
// Normalisation of an indicator matrix (units × indicators), column by column, ignoring missing
// values (NaN stays NaN). Direction −1 indicators are multiplied by −1 first, once, for every
// method (as COINr does), so higher always means better afterwards.
//
// | method        | result                                   | scale/rank preserving |
// |---------------|------------------------------------------|-----------------------|
// | minmax(a, b)  | a + (x − min)/(max − min)·(b − a)        | interval scale        |
// | zscore        | (x − mean)/sd, sample sd (n − 1)         | interval scale        |
// | rank          | rank, ties get the lowest (1 = worst)    | ranks only            |
// | borda         | rank − 1                                 | ranks only            |
// | percentile    | (rank − 1)/(n − 1)                       | ranks only            |
// | dist_to_max   | 1 − (max − x)/(max − min)                | interval scale        |
// | frac_of_max   | x / max                                  | ratio scale           |
// | goalposts     | (x − lo)/(hi − lo)·scale, clipped        | fixed, comparable over time |
// | standard      | x / standard · 100, capped at 100        | the MOST monitoring method |
// | ratio_to_mean | x / mean · 100                           | ratio scale           |
// | dist_to_ref   | x / x(reference unit), optionally capped | ratio scale           |
// | bands         | score of the band x falls in             | categorical           |
//
// A constant column has no spread: min-max, z-score and dist_to_max throw error naming the
// column rather than dividing by zero; frac_of_max needs a positive maximum (after the
// direction flip), where COINr would return Inf.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

enum class normalisation { minmax, zscore, rank, borda, percentile, dist_to_max, frac_of_max, goalposts, standard, ratio_to_mean, dist_to_ref, bands };

struct normalise_options {
    normalisation method = normalisation::minmax;
    double low = 0, high = 100;              ///< minmax target range
    std::vector<double> goal_low, goal_high;  ///< goalposts per indicator
    double goal_scale = 100;
    std::vector<double> standard;             ///< standard values per indicator
    double cap = 100;
    Eigen::Index reference = -1;              ///< dist_to_ref: the row of the reference unit
    bool cap_at_reference = false;            ///< dist_to_ref: scores above the reference become 1
    std::vector<double> band_edges;           ///< bands: ascending edges e1 < e2 < …, after the direction flip
    std::vector<double> band_scores;          ///< bands: one score more than edges (x < e1, e1 ≤ x < e2, …)
};


namespace detail {

/// Methods whose result is the same for x and c·x (c > 0).
inline bool scale_free(normalisation m) {
    return m == normalisation::minmax || m == normalisation::zscore || m == normalisation::dist_to_max || m == normalisation::frac_of_max ||
           m == normalisation::ratio_to_mean;
}

inline void check_options(const normalise_options& o) {
    if (o.method == normalisation::minmax && !(std::isfinite(o.low) && std::isfinite(o.high) && std::isfinite(o.high - o.low) && o.low < o.high))
        throw argument_error("normalise: the min-max range must be finite with low < high, not [" + std::to_string(o.low) + ", " +
                             std::to_string(o.high) + "]");
    if (o.method == normalisation::goalposts && !std::isfinite(o.goal_scale))
        throw argument_error("normalise: goal_scale must be finite, not " + std::to_string(o.goal_scale));
    if (o.method == normalisation::standard && !std::isfinite(o.cap)) throw argument_error("normalise: cap must be finite, not " + std::to_string(o.cap));
}

}  // namespace detail

/// Normalises each column of `x` (units × indicators); `direction[j]` is +1 or −1; `names`
/// name the columns in errors.
inline Eigen::MatrixXd normalise(const Eigen::MatrixXd& x, const std::vector<int>& direction, const normalise_options& o,
                                 const std::vector<std::string>& names = {}) {
    detail::check_options(o);
    if (!direction.empty() && direction.size() != static_cast<std::size_t>(x.cols()))
        throw argument_error("normalise: " + std::to_string(direction.size()) + " directions for " + std::to_string(x.cols()) + " indicators");
    Eigen::MatrixXd out(x.rows(), x.cols());
    auto name = [&](Eigen::Index j) { return j < static_cast<Eigen::Index>(names.size()) ? names[static_cast<std::size_t>(j)] : std::to_string(j); };
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double d = direction.empty() ? 1.0 : direction[static_cast<std::size_t>(j)];
        Eigen::VectorXd c = x.col(j) * d;
        // Methods that do not depend on the unit of x work on x·2^−e (statistics.hpp): exact, and
        // neither data near 1e160 nor denormals lose their spread.
        if (detail::scale_free(o.method)) {
            const detail::power_of_two scale(detail::scale_exponent(c));
            for (Eigen::Index i = 0; i < c.size(); ++i) c(i) = scale.down(c(i));
        }
        std::vector<double> v = detail::values_present(c);
        const double lo = v.empty() ? 0 : *std::min_element(v.begin(), v.end());
        const double hi = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
        const auto n = static_cast<double>(v.size());
        auto constant = [&] {
            if (v.empty()) throw method_error("cannot normalise indicator '" + name(j) + "': it has no values (missing for every unit)");
            throw method_error("cannot normalise indicator '" + name(j) + "': it is constant (no spread)");
        };
        switch (o.method) {
            case normalisation::minmax:
                if (hi == lo) constant();
                out.col(j) = ((c.array() - lo) / (hi - lo) * (o.high - o.low) + o.low).matrix();
                break;
            case normalisation::zscore: {
                double mean = 0, ss = 0;
                for (double e : v) mean += e;
                mean /= n;
                for (double e : v) ss += (e - mean) * (e - mean);
                const double sd = std::sqrt(ss / (n - 1));
                if (!(sd > 0)) constant();
                out.col(j) = ((c.array() - mean) / sd).matrix();
                break;
            }
            case normalisation::rank: out.col(j) = rank(c, false, ties::min); break;
            case normalisation::borda: out.col(j) = (rank(c, false, ties::min).array() - 1).matrix(); break;
            case normalisation::percentile: out.col(j) = ((rank(c, false, ties::min).array() - 1) / (n - 1)).matrix(); break;
            case normalisation::dist_to_max:
                if (hi == lo) constant();
                out.col(j) = (1 - (hi - c.array()) / (hi - lo)).matrix();
                break;
            case normalisation::frac_of_max:
                if (!(hi > 0)) throw method_error("cannot normalise indicator '" + name(j) + "' by its maximum: the maximum is not positive");
                out.col(j) = (c.array() / hi).matrix();
                break;
            case normalisation::goalposts: {
                const double g_lo = o.goal_low.at(static_cast<std::size_t>(j)) * d, g_hi = o.goal_high.at(static_cast<std::size_t>(j)) * d;
                if (!(g_hi != g_lo)) throw error("goalposts of indicator '" + name(j) + "' are equal");
                for (Eigen::Index i = 0; i < c.size(); ++i)  // a loop, not Eigen's max/min: NaN must stay NaN
                    out(i, j) = c(i) != c(i) ? missing_value : std::clamp((c(i) - g_lo) / (g_hi - g_lo), 0.0, 1.0) * o.goal_scale;
                break;
            }
            case normalisation::standard: {
                const double s = o.standard.at(static_cast<std::size_t>(j));
                if (!(s > 0)) throw error("the standard value of indicator '" + name(j) + "' must be positive");
                // Lower-is-better indicators: standard ÷ x (the inverse ratio), so beating the
                // standard still scores 100.
                for (Eigen::Index i = 0; i < c.size(); ++i) {
                    const double raw = x(i, j);
                    out(i, j) = raw != raw ? missing_value : d > 0 ? std::min(raw / s * 100, o.cap) : (raw > 0 ? std::min(s / raw * 100, o.cap) : o.cap);
                }
                break;
            }
            case normalisation::ratio_to_mean: {
                const double mean = detail::mean(c);
                if (!(mean > 0)) throw method_error("cannot normalise indicator '" + name(j) + "' by its mean: the mean is not positive");
                out.col(j) = (c.array() / mean * 100).matrix();
                break;
            }
            case normalisation::dist_to_ref: {
                if (o.reference < 0 || o.reference >= x.rows()) throw error("dist_to_ref needs the row of a reference unit");
                const double ref = c(o.reference);
                if (!(ref > 0) && !(ref < 0))
                    throw method_error("cannot normalise indicator '" + name(j) + "' by the reference unit: its value is " +
                                       (ref == ref ? "zero" : "missing"));
                for (Eigen::Index i = 0; i < c.size(); ++i) out(i, j) = o.cap_at_reference && c(i) / ref > 1 ? 1.0 : c(i) / ref;
                break;
            }
            case normalisation::bands: {
                if (o.band_scores.size() != o.band_edges.size() + 1 || !std::is_sorted(o.band_edges.begin(), o.band_edges.end()))
                    throw error("bands need ascending edges and one score more than edges");
                for (Eigen::Index i = 0; i < c.size(); ++i) {
                    if (c(i) != c(i)) {
                        out(i, j) = missing_value;
                        continue;
                    }
                    const auto band = std::upper_bound(o.band_edges.begin(), o.band_edges.end(), c(i)) - o.band_edges.begin();
                    out(i, j) = o.band_scores[static_cast<std::size_t>(band)];
                }
                break;
            }
        }
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            if (std::isinf(out(i, j)))
                throw method_error("normalising indicator '" + name(j) + "' overflows to infinity at unit " + std::to_string(i) +
                                   " (a reference or standard value too close to zero?)");
    }
    return out;
}

}  // namespace zhibiao::composite
