#pragma once
// Weights of the children of one group, from their scores (units × children) or from a
// pairwise comparison matrix. Every function returns weights that sum to one.
//
// The variants that change numbers are parameters, named after the tool they reproduce
// (see ../shared/spec/composite-anchors.md):
// - entropy: p = x/Σx per column over the units present, e = −Σ p ln p / ln m. A zero
//   proportion counts as 0·ln 0 = 0 (`zeros::skip`, SciPy, the Chinese literature's usual
//   form) or, as pymcdm does, makes the whole column's entropy 0 (`zeros::pymcdm`).
// - sd / variance / CRITIC: ddof is a parameter (pymcdm: 1); variance and CRITIC min-max the
//   columns first (as pymcdm), sd does not.
// - PCA: first principal component of the correlation matrix (R's prcomp(scale = TRUE), as
//   COINr's get_PCA); the weights are the absolute loadings, which is what COINr stores up to
//   sign; an indicator loading against the others is reported in `note`.
// - AHP: principal eigenvector; CR = CI / RI with the random index of Tummala & Ling (1998,
//   pymcdm) or Saaty (pyDecision); CR above `max_cr` is an error unless accepted.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>
#include <vector>

#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

enum class entropy_zeros { skip, pymcdm };

namespace detail {

inline Eigen::VectorXd to_shares(Eigen::VectorXd w, const std::string& what) {
    const double sum = w.sum();
    if (!(sum > 0) || !std::isfinite(sum)) throw method_error(what + ": the weights sum to " + std::to_string(sum) + ", so they cannot be normalised");
    return w / sum;
}

inline Eigen::VectorXd scaled_column(const Eigen::Ref<const Eigen::VectorXd>& c);

inline Eigen::VectorXd minmax01(const Eigen::Ref<const Eigen::VectorXd>& raw, const std::string& what) {
    const Eigen::VectorXd c = scaled_column(raw);  // exact; hi − lo cannot overflow
    double lo = INFINITY, hi = -INFINITY;
    each_present(c, [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e); });
    if (!(hi > lo)) throw method_error(what + ": a column is constant (no spread)");
    return ((c.array() - lo) / (hi - lo)).matrix();
}

/// At least one column and one row, no infinity: checked where the caller hands the matrix over.
inline void check_columns(const Eigen::MatrixXd& x, const std::string& what) {
    location w;
    w.variable = "x";
    if (x.cols() == 0) throw argument_error(what + ": x has no columns (criteria)", w);
    if (x.rows() == 0) throw argument_error(what + ": x has no rows (units)", w);
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (std::isinf(x(i, j)))
                throw argument_error(what + ": unit " + std::to_string(i) + ", column " + std::to_string(j) + " is infinite (infinities are not data)", w);
}

/// The column times 2^−e (statistics.hpp): the same proportions, correlations and ratios.
inline Eigen::VectorXd scaled_column(const Eigen::Ref<const Eigen::VectorXd>& c) {
    const power_of_two scale(scale_exponent(c));
    return c.unaryExpr([&scale](double a) { return scale.down(a); });
}

}  // namespace detail

inline Eigen::VectorXd equal_weights(Eigen::Index n) {
    if (n < 1) throw argument_error("equal weights: no columns (criteria) to weigh");
    return Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
}

inline Eigen::VectorXd entropy_weights(const Eigen::MatrixXd& x, entropy_zeros zeros = entropy_zeros::skip) {
    detail::check_columns(x, "entropy weights");
    Eigen::VectorXd d(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        double sum = 0, m = 0;
        bool any_zero = false;
        const Eigen::VectorXd col = detail::scaled_column(x.col(j));  // the sum cannot overflow
        detail::each_present(col, [&](double e) {
            if (e < 0) throw method_error("entropy weights need non-negative values (normalise first); column " + std::to_string(j) + " has " + std::to_string(e));
            sum += e, ++m, any_zero |= e == 0;
        });
        if (m < 2 || !(sum > 0)) throw method_error("entropy weights: column " + std::to_string(j) + " has fewer than two values or sums to zero");
        double h = 0;
        detail::each_present(col, [&](double e) {
            const double p = e / sum;
            if (p > 0) h -= p * std::log(p);
        });
        const double entropy = zeros == entropy_zeros::pymcdm && any_zero ? 0.0 : h / std::log(m);
        d(j) = 1 - entropy;
    }
    return detail::to_shares(d, "entropy weights (every column is spread evenly)");
}

/// sd_j / Σ sd; the ddof cancels.
inline Eigen::VectorXd sd_weights(const Eigen::MatrixXd& x, int ddof = 1) {
    detail::check_columns(x, "standard-deviation weights");
    Eigen::VectorXd s(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) s(j) = detail::sd(x.col(j), ddof);
    return detail::to_shares(s, "standard-deviation weights");
}

/// Variance of the min-maxed columns (pymcdm's variance_weights).
inline Eigen::VectorXd variance_weights(const Eigen::MatrixXd& x, int ddof = 1) {
    detail::check_columns(x, "variance weights");
    Eigen::VectorXd v(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double s = detail::sd(detail::minmax01(x.col(j), "variance weights"), ddof);
        v(j) = s * s;
    }
    return detail::to_shares(v, "variance weights");
}

/// CRITIC (Diakoulaki 1995): C_j = sd_j · Σ_k (1 − r_jk) on the min-maxed columns.
inline Eigen::VectorXd critic_weights(const Eigen::MatrixXd& x, int ddof = 1) {
    detail::check_columns(x, "CRITIC weights");
    Eigen::MatrixXd y(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) y.col(j) = detail::minmax01(x.col(j), "CRITIC weights");
    Eigen::VectorXd c(x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        double conflict = 0;
        for (Eigen::Index k = 0; k < x.cols(); ++k) conflict += 1 - (k == j ? 1.0 : detail::correlation(y.col(j), y.col(k)));
        c(j) = detail::sd(y.col(j), ddof) * conflict;
    }
    return detail::to_shares(c, "CRITIC weights");
}

struct pca_weights_result {
    Eigen::VectorXd loadings;  ///< first principal component, oriented so that most load positively
    Eigen::VectorXd weights;   ///< |loadings| / Σ|loadings|
    double explained = missing_value;    ///< share of the variance the first component explains
    std::string note;          ///< set when an indicator loads against the others
};

/// PCA on the correlation matrix of the complete rows (a row with any NaN is left out).
inline pca_weights_result pca_weights(const Eigen::MatrixXd& x, const std::string& group = "") {
    const std::string what = "PCA weights" + (group.empty() ? std::string() : " of '" + group + "'");
    detail::check_columns(x, what);
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        if (!x.row(i).hasNaN()) rows.push_back(i);
    if (rows.size() < 3) throw method_error(what + ": fewer than three units with every indicator present");
    Eigen::MatrixXd c(static_cast<Eigen::Index>(rows.size()), x.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) c.row(static_cast<Eigen::Index>(k)) = x.row(rows[k]);
    for (Eigen::Index j = 0; j < c.cols(); ++j) c.col(j) = detail::scaled_column(c.col(j));  // correlations do not change
    c.rowwise() -= c.colwise().mean();
    const Eigen::VectorXd norms = c.colwise().norm();
    for (Eigen::Index j = 0; j < c.cols(); ++j) {
        if (!(norms(j) > 0)) throw method_error(what + ": indicator " + std::to_string(j) + " is constant, so the correlation matrix is singular");
        c.col(j) /= norms(j);
    }
    const Eigen::MatrixXd r = c.transpose() * c;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(r);
    if (solver.info() != Eigen::Success) throw method_error(what + ": the eigen decomposition did not converge");
    const Eigen::Index n = r.rows();
    const Eigen::VectorXd& values = solver.eigenvalues();  // ascending
    if (n > 1 && !(values(n - 1) - values(n - 2) > 1e-10 * values(n - 1)))
        throw method_error(what + ": the first principal component is not unique (equal leading eigenvalues)");
    pca_weights_result out;
    out.loadings = solver.eigenvectors().col(n - 1);
    if (out.loadings.sum() < 0) out.loadings = -out.loadings;
    for (Eigen::Index j = 0; j < n; ++j)
        if (out.loadings(j) < 0) out.note += (out.note.empty() ? what + ": indicators loading against the others (weighted by |loading|): " : ", ") + std::to_string(j);
    out.weights = detail::to_shares(out.loadings.cwiseAbs(), what);
    out.explained = values(n - 1) / values.sum();
    return out;
}

enum class random_index { tummala_ling, saaty };

struct ahp_result {
    Eigen::VectorXd weights;
    double lambda_max = missing_value, ci = 0, cr = 0;
};

inline double random_index_of(Eigen::Index n, random_index table) {
    // n = 1 … 15.
    static const double tummala_ling[] = {0, 0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831};
    static const double saaty[] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
    if (n < 1 || n > 15) throw method_error("AHP: the random index is tabulated for 1 to 15 elements, not " + std::to_string(n));
    return (table == random_index::saaty ? saaty : tummala_ling)[n - 1];
}

/// Priority vector of a pairwise comparison matrix a (a_ij = importance of i over j).
inline ahp_result ahp_weights(const Eigen::MatrixXd& a, random_index table = random_index::tummala_ling, double max_cr = 0.1,
                              bool accept_inconsistent = false, const std::string& group = "") {
    const std::string what = "AHP" + (group.empty() ? std::string() : " for '" + group + "'");
    const Eigen::Index n = a.rows();
    if (n == 0 || a.cols() != n) throw method_error(what + ": the comparison matrix must be square");
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            if (!(a(i, j) > 0) || !std::isfinite(a(i, j)))
                throw method_error(what + ": entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ") must be positive");
            if (std::abs(a(i, j) * a(j, i) - 1) > 1e-6)
                throw method_error(what + ": the matrix is not reciprocal at (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) +
                                   "): a_ij · a_ji = " + std::to_string(a(i, j) * a(j, i)));
        }
    Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
    if (solver.info() != Eigen::Success) throw method_error(what + ": the eigen decomposition did not converge");
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < n; ++k)
        if (solver.eigenvalues()(k).real() > solver.eigenvalues()(best).real()) best = k;
    ahp_result out;
    out.lambda_max = solver.eigenvalues()(best).real();
    out.weights = detail::to_shares(solver.eigenvectors().col(best).real().cwiseAbs(), what);
    if (n > 2) {
        out.ci = (out.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1);
        out.cr = out.ci / random_index_of(n, table);
    }
    if (out.cr > max_cr && !accept_inconsistent)
        throw method_error(what + ": consistency ratio " + std::to_string(out.cr) + " exceeds " + std::to_string(max_cr) +
                           " (revise the judgements, or accept the inconsistency explicitly)");
    return out;
}

}  // namespace zhibiao::composite
