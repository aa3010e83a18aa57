// The weight functions of zhibiao/composite/weights.hpp computed from a matrix alone, compiled
// once (the eigen-solvers of PCA and AHP are in solvers.cpp).
#include "zhibiao/composite/weights.hpp"
#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/detail/counted.hpp"

#include "composite/column_checks.hpp"

#include <limits>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace zhibiao::composite {

Eigen::VectorXd detail::to_shares(Eigen::VectorXd w, const std::string& what) {
    const double sum = w.sum();
    if (!(sum > 0) || !zhibiao::detail::is_finite(sum))
        throw method_error(what + ": the weights sum to " + std::to_string(sum) + ", so they cannot be normalised");
    return w / sum;
}
namespace {

/// Each column on [0, 1]; a column without values, or with one value repeated, refused naming
/// it (minmax01 said "a column is constant", of a column with no values too).
Eigen::MatrixXd minmax_columns(const Eigen::MatrixXd& x, const std::string& what) {
    Eigen::MatrixXd y(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        Eigen::Index m = 0;
        double lo = INFINITY, hi = -INFINITY;
        detail::each_present(x.col(j), [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e), ++m; });
        if (m == 0)
            throw method_error(what + ": column " + std::to_string(j) +
                               " has no values (missing for every unit): impute it or leave it out");
        if (!(hi > lo))
            throw method_error(what + ": column " + std::to_string(j) + " is constant (every value " + quoted(lo) +
                               "): no spread, so no contrast to weigh");
        y.col(j) = minmax01(x.col(j), what);
    }
    return y;
}

/// The double-centred distance matrix of one column (Székely, Rizzo & Bakirov 2007).
Eigen::MatrixXd centred_distances(const Eigen::VectorXd& c) {
    const Eigen::Index n = c.size();
    Eigen::MatrixXd a(n, n);
    for (Eigen::Index k = 0; k < n; ++k)
        for (Eigen::Index i = 0; i < n; ++i) a(i, k) = std::abs(c(i) - c(k));
    const Eigen::VectorXd row_mean = a.rowwise().mean();
    const double grand = row_mean.mean();
    for (Eigen::Index k = 0; k < n; ++k)
        for (Eigen::Index i = 0; i < n; ++i)
            a(i, k) += grand - row_mean(i) - row_mean(k);  // symmetric: column mean = row mean
    return a;
}

/// The largest number of units for the distance correlation: two n × n matrices per pair.
constexpr Eigen::Index max_distance_units = 8192;

/// Distance correlations of the columns of y (every value present); the diagonal is 1, and a
/// pair with a constant column 0 (as akestoridis/mcdm).
Eigen::MatrixXd distance_correlations(const Eigen::MatrixXd& y, const std::string& what) {
    if (y.rows() > max_distance_units)
        throw limit_error(what + ": the distance correlation of " + std::to_string(y.rows()) + " units needs two " +
                          std::to_string(y.rows()) + " × " + std::to_string(y.rows()) + " matrices; the limit is " +
                          std::to_string(max_distance_units) + " units (use correlation = 'absolute')");
    const Eigen::Index p = y.cols();
    const double n2 = static_cast<double>(y.rows()) * static_cast<double>(y.rows());
    Eigen::MatrixXd r = Eigen::MatrixXd::Identity(p, p);
    std::vector<double> dvar(static_cast<std::size_t>(p));
    for (Eigen::Index j = 0; j < p; ++j) {
        const Eigen::MatrixXd a = centred_distances(y.col(j));
        dvar[static_cast<std::size_t>(j)] = a.cwiseProduct(a).sum() / n2;
    }
    for (Eigen::Index j = 0; j < p; ++j) {
        const Eigen::MatrixXd a = centred_distances(y.col(j));
        for (Eigen::Index k = j + 1; k < p; ++k) {
            const double vj = dvar[static_cast<std::size_t>(j)], vk = dvar[static_cast<std::size_t>(k)];
            if (!(vj * vk > 0)) continue;  // a constant column: independent
            const double dcov2 =
                std::max(0.0, a.cwiseProduct(centred_distances(y.col(k))).sum() / n2);  // ≥ 0 up to rounding
            r(j, k) = r(k, j) = std::sqrt(dcov2 / std::sqrt(vj * vk));
        }
    }
    return r;
}

/// Spearman's ρ of two columns over the units both have: Pearson's r of their ranks among those
/// units, ties at the mean of their positions (pandas' corr(method = "spearman"), which
/// scikit-criteria's CRITIC calls).
double rank_correlation(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b) {
    std::vector<double> x, y;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        if (detail::present(a(i)) && detail::present(b(i))) x.push_back(a(i)), y.push_back(b(i));
    auto ranks = [](const std::vector<double>& v) {
        std::vector<std::size_t> order(v.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&v](std::size_t p, std::size_t q) { return v[p] < v[q]; });
        Eigen::VectorXd r(static_cast<Eigen::Index>(v.size()));
        for (std::size_t i = 0; i < order.size();) {
            std::size_t k = i;
            while (k + 1 < order.size() && v[order[k + 1]] == v[order[i]]) ++k;
            for (std::size_t t = i; t <= k; ++t) r(static_cast<Eigen::Index>(order[t])) = (i + k) / 2.0 + 1;
            i = k + 1;
        }
        return r;
    };
    return detail::correlation(ranks(x), ranks(y));
}

/// The correlation matrix of the columns of y as CRITIC and VIC use it.
Eigen::MatrixXd correlations(const Eigen::MatrixXd& y, correlation_kind kind, const std::string& what) {
    if (kind == correlation_kind::distance) {
        require_present(y, what + " with distance correlations");
        return distance_correlations(y, what);
    }
    Eigen::MatrixXd r = Eigen::MatrixXd::Identity(y.cols(), y.cols());
    for (Eigen::Index j = 0; j < y.cols(); ++j)
        for (Eigen::Index k = j + 1; k < y.cols(); ++k) {
            const double c = kind == correlation_kind::spearman ? rank_correlation(y.col(j), y.col(k))
                                                                : detail::correlation(y.col(j), y.col(k));
            if (!detail::present(c))
                throw method_error(what + ": columns " + std::to_string(j) + " and " + std::to_string(k) +
                                   " have fewer than two units in common");
            r(j, k) = r(k, j) = kind == correlation_kind::absolute ? std::abs(c) : c;
        }
    return r;
}

}  // namespace

Eigen::VectorXd equal_weights(Eigen::Index n) {
    if (n < 1) throw argument_error("equal weights: no columns (criteria) to weigh");
    return Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
}

Eigen::VectorXd entropy_weights(const Eigen::MatrixXd& x, entropy_zeros zeros) {
    check_columns(x, "entropy weights");
    Eigen::VectorXd d(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        double sum = 0, m = 0, least = 0, most = 0;
        bool any_zero = false;
        if (const double lo = lowest_present(x.col(j)); lo < 0)  // the user's value, not the scaled one
            throw method_error("entropy weights need non-negative values (normalise first); column " +
                               std::to_string(j) + " has " + quoted(lo));
        const Eigen::VectorXd col = scaled_column(x.col(j));  // the sum cannot overflow
        detail::each_present(col, [&](double e) {
            least = m == 0 ? e : std::min(least, e), most = m == 0 ? e : std::max(most, e);
            sum += e, ++m, any_zero |= e == 0;
        });
        if (m < 2 || !(sum > 0))
            throw method_error("entropy weights: column " + std::to_string(j) +
                               " has fewer than two values or sums to zero");
        // Equal values are spread evenly: entropy 1, no information, weight exactly 0 — the sum
        // of the p·ln p, each e/Σe rounded, left 1 − e at 2.8e-15 (trial F9).
        if (least == most) {
            d(j) = 0;
            continue;
        }
        double h = 0;
        detail::each_present(col, [&](double e) {
            const double p = e / sum;
            if (p > 0) h -= p * std::log(p);
        });
        const double entropy = zeros == entropy_zeros::pymcdm && any_zero ? 0.0 : h / std::log(m);
        // A divergence within the rounding of the entropy's sum of m terms (each p·ln p off by a few
        // ulps) is no information: values equal but for their last bits (0.1 + 0.2 beside 0.3) gave
        // −3e-15, and two such columns the weights [2, −1] (review23 F1).
        const double rounding = 4 * (m + 3) * std::numeric_limits<double>::epsilon();
        d(j) = 1 - entropy > rounding ? 1 - entropy : 0.0;
    }
    return detail::to_shares(d, "entropy weights (every column is spread evenly)");
}

namespace {

/// Whether the values present in column j are all equal; fewer than two present are refused, as
/// one unit has no spread (sd weights of one unit said "the weights sum to nan", cx24 F6).
bool constant_column(const Eigen::Ref<const Eigen::VectorXd>& c, Eigen::Index j, const std::string& what) {
    Eigen::Index m = 0;
    double lo = INFINITY, hi = -INFINITY;
    detail::each_present(c, [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e), ++m; });
    if (m < 2)
        throw method_error(what + ": column " + std::to_string(j) + " has " + zhibiao::detail::counted(m, "value") +
                           "; a spread needs two values or more");
    return lo == hi;
}

}  // namespace

Eigen::VectorXd sd_weights(const Eigen::MatrixXd& x, int ddof) {
    check_columns(x, "standard-deviation weights");
    Eigen::VectorXd s(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        constant_column(x.col(j), j, "standard-deviation weights");
        s(j) = detail::sd(x.col(j), ddof);
    }
    return detail::to_shares(s, "standard-deviation weights");
}

Eigen::VectorXd variance_weights(const Eigen::MatrixXd& x, int ddof) {
    check_columns(x, "variance weights");
    Eigen::VectorXd v(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        // A constant column spreads nothing: weight 0, as sd weights give it and pymcdm's
        // variance_weights do (its min-max makes the column ones); it was refused (cx24 F5).
        if (constant_column(x.col(j), j, "variance weights")) {
            v(j) = 0;
            continue;
        }
        const double s = detail::sd(minmax01(x.col(j), "variance weights"), ddof);
        v(j) = s * s;
    }
    return detail::to_shares(v, "variance weights (every column is constant)");
}

correlation_kind correlation_for(weighting scheme, correlation_kind r) {
    if (r != correlation_kind::automatic) return r;
    return scheme == weighting::vic ? correlation_kind::distance : correlation_kind::pearson;
}

Eigen::VectorXd critic_weights(const Eigen::MatrixXd& x, int ddof, correlation_kind kind) {
    kind = correlation_for(weighting::critic, kind);
    check_columns(x, "CRITIC weights");
    const Eigen::MatrixXd y = minmax_columns(x, "CRITIC weights");
    const Eigen::MatrixXd r = correlations(y, kind, "CRITIC weights");
    Eigen::VectorXd c(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) c(j) = detail::sd(y.col(j), ddof) * (1 - r.row(j).array()).sum();
    return detail::to_shares(c, "CRITIC weights");
}

Eigen::VectorXd vic_weights(const Eigen::MatrixXd& x, correlation_kind kind) {
    kind = correlation_for(weighting::vic, kind);
    if (kind == correlation_kind::pearson || kind == correlation_kind::spearman) {
        location w;
        w.variable = "correlation";
        throw argument_error(std::string("VIC weights: correlation = '") +
                                 (kind == correlation_kind::pearson ? "pearson" : "spearman") +
                                 "' is refused (signed correlations can sum to zero); choose 'distance' "
                                 "(akestoridis/mcdm's default) or 'absolute'",
                             w);
    }
    check_columns(x, "VIC weights");
    require_present(x, "VIC weights");
    const Eigen::MatrixXd y = minmax_columns(x, "VIC weights");
    const Eigen::MatrixXd r = correlations(y, kind, "VIC weights");
    Eigen::VectorXd v(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) v(j) = detail::sd(y.col(j), 0) / r.row(j).sum();  // Σ_k r_jk ≥ r_jj = 1
    return detail::to_shares(v, "VIC weights");
}

Eigen::VectorXd merec_weights(const Eigen::MatrixXd& x, const std::vector<int>& types) {
    check_columns(x, "MEREC weights");
    require_present(x, "MEREC weights");
    if (!types.empty() && types.size() != static_cast<std::size_t>(x.cols()))
        throw argument_error("MEREC weights: " + zhibiao::detail::counted(types.size(), "type") + " for " +
                             zhibiao::detail::counted(x.cols(), "criterion", "criteria"));
    const Eigen::Index m = x.cols();
    Eigen::MatrixXd logs(x.rows(), m);  // |ln n_ij|, n = min/x (benefit) or x/max (cost)
    for (Eigen::Index j = 0; j < m; ++j) {
        const int type = types.empty() ? 1 : types[static_cast<std::size_t>(j)];
        if (type != 1 && type != -1)
            throw argument_error("MEREC weights: type " + std::to_string(j) + " is " + std::to_string(type) +
                                 " (+1 or -1)");
        if (!(x.col(j).minCoeff() > 0))
            throw method_error("MEREC weights need positive values (logarithms and ratios): column " +
                               std::to_string(j) + " has " + quoted(x.col(j).minCoeff()) +
                               " (normalise to [1, 100] first)");
        const Eigen::VectorXd c = scaled_column(x.col(j));  // ratios unchanged
        const double ref = type > 0 ? c.minCoeff() : c.maxCoeff();
        for (Eigen::Index i = 0; i < x.rows(); ++i) logs(i, j) = std::abs(std::log(type > 0 ? ref / c(i) : c(i) / ref));
    }
    const auto md = static_cast<double>(m);
    const Eigen::VectorXd total = logs.rowwise().sum();
    Eigen::VectorXd effect(m);
    for (Eigen::Index j = 0; j < m; ++j) {
        double e = 0;
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            e += std::abs(std::log1p((total(i) - logs(i, j)) / md) - std::log1p(total(i) / md));
        effect(j) = e;
    }
    return detail::to_shares(effect, "MEREC weights (no criterion changes any unit's performance)");
}

Eigen::VectorXd gini_weights(const Eigen::MatrixXd& x) {
    check_columns(x, "Gini weights");
    Eigen::VectorXd g(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        std::vector<double> v = detail::values_present(scaled_column(x.col(j)));  // the ratio is unchanged
        if (v.size() < 2)
            throw method_error("Gini weights: column " + std::to_string(j) + " has fewer than two values");
        std::sort(v.begin(), v.end());
        if (v.front() < 0)  // quoted as the user gave it, not as scaled
            throw method_error("Gini weights need non-negative values: column " + std::to_string(j) + " has " +
                               quoted(lowest_present(x.col(j))));
        // Σ_i Σ_k |x_i − x_k| = 2 Σ_i (2i − n + 1)·x_(i) over the sorted values.
        const auto n = static_cast<double>(v.size());
        double pairs = 0, sum = 0;
        for (std::size_t i = 0; i < v.size(); ++i)
            pairs += 2 * (2 * static_cast<double>(i) - n + 1) * v[i], sum += v[i];
        if (!(sum > 0))
            throw method_error("Gini weights: column " + std::to_string(j) +
                               " sums to zero (the Gini coefficient divides by the mean)");
        g(j) = pairs / (2 * n * sum);  // Σ|x_i − x_k| / (2 n² mean)
    }
    return detail::to_shares(g, "Gini weights (every column is constant)");
}

}  // namespace zhibiao::composite
