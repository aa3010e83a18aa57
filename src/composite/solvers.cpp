// The heavy solvers of the composite stage, compiled once rather than inline in every
// translation unit that includes a composite header: the principal component (PCA weights),
// the principal eigenvector of an AHP matrix (both Eigen/Eigenvalues) and the simplex of the
// benefit of the doubt.
#include "zhibiao/composite/weights.hpp"  // first: zhibiao/config.hpp before any Eigen header

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>
#include <limits>
#include <string>
#include <vector>

#include "zhibiao/composite/detail/simplex.hpp"

#include "composite/column_checks.hpp"

namespace zhibiao::composite {

pca_weights_result pca_weights(const Eigen::MatrixXd& x, const std::string& group,
                               const std::vector<std::string>& names) {
    const auto indicator = [&](Eigen::Index j) {
        return names.size() == static_cast<std::size_t>(x.cols()) ? "'" + names[static_cast<std::size_t>(j)] + "'"
                                                                  : std::to_string(j);
    };
    const std::string what = "PCA weights" + (group.empty() ? std::string() : " of '" + group + "'");
    check_columns(x, what);
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        if (!x.row(i).hasNaN()) rows.push_back(i);
    if (rows.size() < 3) throw method_error(what + ": fewer than three units with every indicator present");
    Eigen::MatrixXd c(static_cast<Eigen::Index>(rows.size()), x.cols());
    for (std::size_t k = 0; k < rows.size(); ++k) c.row(static_cast<Eigen::Index>(k)) = x.row(rows[k]);
    for (Eigen::Index j = 0; j < c.cols(); ++j) c.col(j) = scaled_column(c.col(j));  // correlations do not change
    c.rowwise() -= c.colwise().mean();
    const Eigen::VectorXd norms = c.colwise().norm();
    for (Eigen::Index j = 0; j < c.cols(); ++j) {
        if (!(norms(j) > 0))
            throw method_error(what + ": indicator " + indicator(j) +
                               " is constant, so the correlation matrix is singular");
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
        if (out.loadings(j) < 0)
            out.note +=
                (out.note.empty() ? what + ": indicators loading against the others (weighted by |loading|): " : ", ") +
                indicator(j);
    out.weights = detail::to_shares(out.loadings.cwiseAbs(), what);
    out.explained = values(n - 1) / values.sum();
    return out;
}

double random_index_of(Eigen::Index n, random_index table) {
    // n = 1 … 15.
    static const double tummala_ling[] = {0,      0,      0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952,
                                          1.4537, 1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831};
    static const double saaty[] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
    if (n < 1 || n > 15)
        throw method_error("AHP: the random index is tabulated for 1 to 15 elements, not " + std::to_string(n));
    return (table == random_index::saaty ? saaty : tummala_ling)[n - 1];
}

namespace {

/// Beyond the tabulated random indices (n > 15) a consistent matrix still has CR = 0 (CI / RI is
/// 0 for any RI); any other CR is undefined (NaN). "Consistent" allows what ahp_weights accepts as
/// reciprocal (a_ij · a_ji within 1e-6: judgements typed to 6–8 decimals): such a pair moves
/// λmax − n by up to ~1e-7, so |CI| ≤ 1e-6 — still 1e-5 of the CI ≈ 0.16 of the usual CR limit 0.1
/// (review23 F2: 1e-9 refused consistent matrices typed to 8 decimals).
double consistency_beyond_the_table(double ci) {
    constexpr double consistent_up_to_rounding = 1e-6;
    return std::abs(ci) <= consistent_up_to_rounding ? 0.0 : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

namespace {

/// pyDecision's approximations (ahp_method, wd = 'm' and 'g'): the weights and λmax = mean((A·w)_i / w_i).
std::pair<Eigen::VectorXd, double> approximate_priority(const Eigen::MatrixXd& a, ahp_priority priority,
                                                        const std::string& what) {
    const Eigen::Index n = a.rows();
    Eigen::VectorXd w(n);
    if (priority == ahp_priority::mean) {
        const Eigen::RowVectorXd sums = a.colwise().sum();
        for (Eigen::Index i = 0; i < n; ++i) w(i) = (a.row(i).array() / sums.array()).mean();
    } else {
        for (Eigen::Index i = 0; i < n; ++i) w(i) = std::exp(a.row(i).array().log().mean());
    }
    w = detail::to_shares(w, what);
    return {w, ((a * w).array() / w.array()).mean()};
}

}  // namespace

ahp_result ahp_weights(const Eigen::MatrixXd& a, random_index table, double max_cr, bool accept_inconsistent,
                       const std::string& group, ahp_priority priority) {
    const std::string what = "AHP" + (group.empty() ? std::string() : " for '" + group + "'");
    // A NaN limit let every matrix through (CR > NaN is false); a negative one refused every one.
    if (!(max_cr >= 0) || std::isinf(max_cr))
        throw argument_error(what + ": max_cr is " + quoted(max_cr) +
                             " (the largest consistency ratio accepted: finite and ≥ 0; to accept any, "
                             "set accept_inconsistent)");
    const Eigen::Index n = a.rows();
    if (n == 0 || a.cols() != n) throw method_error(what + ": the comparison matrix must be square");
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            if (!(a(i, j) > 0) || !std::isfinite(a(i, j)))
                throw method_error(what + ": entry (" + std::to_string(i) + ", " + std::to_string(j) +
                                   ") must be positive (rows and columns count from 0, as every position zhibiao "
                                   "names)");
            if (std::abs(a(i, j) * a(j, i) - 1) > 1e-6)
                throw method_error(what + ": the matrix is not reciprocal at (" + std::to_string(i) + ", " +
                                   std::to_string(j) +
                                   ") (counting from 0): a_ij · a_ji = " + std::to_string(a(i, j) * a(j, i)));
        }
    ahp_result out;
    if (priority != ahp_priority::eigenvector) {
        std::tie(out.weights, out.lambda_max) = approximate_priority(a, priority, what);
    } else {
        Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
        if (solver.info() != Eigen::Success) throw method_error(what + ": the eigen decomposition did not converge");
        Eigen::Index best = 0;
        for (Eigen::Index k = 1; k < n; ++k)
            if (solver.eigenvalues()(k).real() > solver.eigenvalues()(best).real()) best = k;
        out.lambda_max = solver.eigenvalues()(best).real();
        out.weights = detail::to_shares(solver.eigenvectors().col(best).real().cwiseAbs(), what);
    }
    if (n > 2) {
        out.ci = (out.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1);
        out.cr = n <= 15 ? out.ci / random_index_of(n, table) : consistency_beyond_the_table(out.ci);
    }
    if (std::isnan(out.cr) && !accept_inconsistent)
        throw method_error(what +
                           ": the random index is tabulated for 3 to 15 elements (Tummala & Ling 1998; Saaty), "
                           "so the consistency ratio of " +
                           std::to_string(n) +
                           " elements is undefined, and this matrix is not consistent (CI = " + quoted(out.ci) +
                           "): compare at most 15 elements per group (split the group), or accept the "
                           "inconsistency explicitly (CR is then NaN)");
    if (out.cr > max_cr && !accept_inconsistent)
        throw method_error(what + ": consistency ratio " + std::to_string(out.cr) + " exceeds " +
                           std::to_string(max_cr) + " (revise the judgements, or accept the inconsistency explicitly)");
    return out;
}

namespace detail {

lp_solution maximise(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& c) {
    const Eigen::Index m = a.rows(), n = a.cols();
    constexpr double eps = 1e-12;
    Eigen::MatrixXd t(m + 1, n + 1);
    t.topLeftCorner(m, n) = a;
    t.topRightCorner(m, 1) = b;
    t.bottomLeftCorner(1, n) = -c.transpose();
    t(m, n) = 0;
    // Variable labels: 0 … n−1 the weights, n … n+m−1 the slacks.
    std::vector<Eigen::Index> basic(static_cast<std::size_t>(m)), nonbasic(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < m; ++i) basic[static_cast<std::size_t>(i)] = n + i;
    for (Eigen::Index j = 0; j < n; ++j) nonbasic[static_cast<std::size_t>(j)] = j;
    for (int iteration = 0;; ++iteration) {
        if (iteration > 50 * (m + n) + 1000) throw error("benefit of the doubt: the simplex did not finish");
        Eigen::Index q = -1;
        for (Eigen::Index j = 0; j < n; ++j)
            if (t(m, j) < -eps &&
                (q < 0 || nonbasic[static_cast<std::size_t>(j)] < nonbasic[static_cast<std::size_t>(q)]))
                q = j;
        if (q < 0) break;  // optimal
        double best = std::numeric_limits<double>::infinity();
        for (Eigen::Index i = 0; i < m; ++i)
            if (t(i, q) > eps) best = std::min(best, t(i, n) / t(i, q));
        Eigen::Index p = -1;  // Bland: among the rows at the minimum ratio, the lowest label
        for (Eigen::Index i = 0; i < m; ++i)
            if (t(i, q) > eps && t(i, n) / t(i, q) <= best + eps &&
                (p < 0 || basic[static_cast<std::size_t>(i)] < basic[static_cast<std::size_t>(p)]))
                p = i;
        if (p < 0)
            throw error(
                "benefit of the doubt: the problem is unbounded (a unit has no positive score on some indicator)");
        const double pivot = t(p, q);
        for (Eigen::Index i = 0; i <= m; ++i) {
            if (i == p || t(i, q) == 0) continue;
            const double f = t(i, q) / pivot;
            for (Eigen::Index j = 0; j <= n; ++j)
                if (j != q) t(i, j) -= f * t(p, j);
            t(i, q) = -f;
        }
        for (Eigen::Index j = 0; j <= n; ++j)
            if (j != q) t(p, j) /= pivot;
        t(p, q) = 1 / pivot;
        std::swap(basic[static_cast<std::size_t>(p)], nonbasic[static_cast<std::size_t>(q)]);
    }
    lp_solution s;
    s.value = t(m, n);
    s.w = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < m; ++i)
        if (basic[static_cast<std::size_t>(i)] < n) s.w(basic[static_cast<std::size_t>(i)]) = t(i, n);
    return s;
}

}  // namespace detail
}  // namespace zhibiao::composite
