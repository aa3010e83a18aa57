#pragma once
// The audit of a built index: contributions of indicators to a score, what-if removal of any
// element, correlations of each element with its parent, and Cronbach's alpha per group.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cmath>
#include <string>
#include <vector>

#include "zhibiao/composite/pipeline.hpp"

namespace zhibiao::composite {

namespace detail {

int node_of(const framework& fw, const std::string& code);

void contribute(const framework& fw, const result& r, const Eigen::MatrixXd& s, Eigen::Index u, int node, double factor,
                const std::vector<int>& leaf_column, Eigen::MatrixXd& out);

}  // namespace detail

/// How much each indicator adds to `node`'s score, per region (rows of the aggregated layer ×
/// indicators): the indicator's normalised value times its weight within each group down the
/// path, the weights renormalised over the children present for that region. The row sums are
/// the node's scores; a region without a score for `node` gets a missing row (NaN), not zeros.
/// Needs arithmetic aggregation at every level below `node`.
Eigen::MatrixXd contributions(const framework& fw, const result& r, const std::string& code);

/// The index recomputed with the elements `codes` left out (their groups' other weights
/// renormalised), from the same normalised layer and plans.
aggregation_result what_if(const framework& fw, const result& r, const std::vector<std::string>& codes);

/// Pearson correlation of every node with its parent over the regions (NaN for roots).
Eigen::VectorXd parent_correlations(const framework& fw, const result& r);

/// Cronbach's alpha of each aggregate's children, k/(k − 1)·(1 − Σ var_i / var(Σ x_i)) over
/// the regions with every child present (NaN for indicators and single-child groups).
Eigen::VectorXd cronbach_alpha(const framework& fw, const result& r);

struct removal_impact {
    Eigen::VectorXd mean_shift, max_shift;  ///< per node: mean and largest |rank change| of `target`
};

/// For every non-root node, the rank shifts of `target` (default: the first root) when that
/// node alone is removed — COINr's remove_elements over all levels.
removal_impact removal_impacts(const framework& fw, const result& r, std::string target = "");

}  // namespace zhibiao::composite
