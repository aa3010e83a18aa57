#pragma once
// A small dense simplex for max cᵀw subject to A w ≤ b, w ≥ 0, with b ≥ 0 (so the slack basis
// is feasible and no phase one is needed) — the shape of every benefit-of-the-doubt problem.
// Compact (Tucker) tableau of (m + 1) × (n + 1) and Bland's rule, which cannot cycle; compiled
// in src/composite/solvers.cpp.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>

namespace zhibiao::composite::detail {

struct lp_solution {
    double value = 0;
    Eigen::VectorXd w;
};

lp_solution maximise(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& c);

}  // namespace zhibiao::composite::detail
