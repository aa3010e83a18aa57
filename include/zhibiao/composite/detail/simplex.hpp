#pragma once
// A small dense simplex for max cᵀw subject to A w ≤ b, w ≥ 0, with b ≥ 0 (so the slack basis
// is feasible and no phase one is needed) — the shape of every benefit-of-the-doubt problem.
// Compact (Tucker) tableau of (m + 1) × (n + 1) and Bland's rule, which cannot cycle.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <limits>
#include <vector>

#include "zhibiao/error.hpp"

namespace zhibiao::composite::detail {

struct lp_solution {
    double value = 0;
    Eigen::VectorXd w;
};

inline lp_solution maximise(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& c) {
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
            if (t(m, j) < -eps && (q < 0 || nonbasic[static_cast<std::size_t>(j)] < nonbasic[static_cast<std::size_t>(q)])) q = j;
        if (q < 0) break;  // optimal
        double best = std::numeric_limits<double>::infinity();
        for (Eigen::Index i = 0; i < m; ++i)
            if (t(i, q) > eps) best = std::min(best, t(i, n) / t(i, q));
        Eigen::Index p = -1;  // Bland: among the rows at the minimum ratio, the lowest label
        for (Eigen::Index i = 0; i < m; ++i)
            if (t(i, q) > eps && t(i, n) / t(i, q) <= best + eps &&
                (p < 0 || basic[static_cast<std::size_t>(i)] < basic[static_cast<std::size_t>(p)]))
                p = i;
        if (p < 0) throw error("benefit of the doubt: the problem is unbounded (a unit has no positive score on some indicator)");
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

}  // namespace zhibiao::composite::detail
