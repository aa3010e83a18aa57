#pragma once
// Aggregation level by level: each aggregate's score is the weighted mean of its children's
// scores, the children's weights normalised within the group. Missing children are left out and
// the remaining weights renormalised (COINr's na.rm = TRUE).
//
// Arithmetic means are fully compensatory; geometric and harmonic means penalise unbalanced
// profiles and need strictly positive scores (normalise to [1, 100] first): a zero or negative
// score under them is an error naming the node, not a silent NaN.

#include <Eigen/Core>
#include <cmath>
#include <limits>

#include "zhibiao/composite/framework.hpp"

namespace zhibiao::composite {

enum class aggregation { arithmetic, geometric, harmonic };

/// Scores of every node (columns in framework order) for every unit (rows), from the
/// normalised indicator matrix (columns in `fw.indicators()` order).
inline Eigen::MatrixXd aggregate(const framework& fw, const Eigen::MatrixXd& normalised, aggregation method = aggregation::arithmetic) {
    const auto units = normalised.rows();
    const auto n_nodes = static_cast<Eigen::Index>(fw.nodes().size());
    Eigen::MatrixXd s = Eigen::MatrixXd::Constant(units, n_nodes, std::numeric_limits<double>::quiet_NaN());
    const auto& leaves = fw.indicators();
    if (normalised.cols() != static_cast<Eigen::Index>(leaves.size()))
        throw error("aggregate: " + std::to_string(normalised.cols()) + " columns for " + std::to_string(leaves.size()) + " indicators");
    for (std::size_t k = 0; k < leaves.size(); ++k) s.col(leaves[k]) = normalised.col(static_cast<Eigen::Index>(k));
    for (int level = 2; level <= fw.top_level(); ++level)
        for (int k = 0; k < n_nodes; ++k) {
            if (fw.at(k).level != level || fw.children(k).empty()) continue;
            for (Eigen::Index u = 0; u < units; ++u) {
                double num = 0, den = 0;
                for (int c : fw.children(k)) {
                    const double x = s(u, c), w = fw.at(c).weight;
                    if (x != x || w == 0) continue;
                    if (method != aggregation::arithmetic && !(x > 0))
                        throw error("aggregate: a " + std::string(method == aggregation::geometric ? "geometric" : "harmonic") +
                                    " mean needs positive scores, and '" + fw.at(c).code + "' has " + std::to_string(x) +
                                    " (normalise to [1, 100] first)");
                    num += method == aggregation::arithmetic ? w * x : method == aggregation::geometric ? w * std::log(x) : w / x;
                    den += w;
                }
                if (den == 0) continue;  // every child missing: the aggregate is missing too
                s(u, k) = method == aggregation::arithmetic ? num / den : method == aggregation::geometric ? std::exp(num / den) : den / num;
            }
        }
    return s;
}

/// Ranks of one score column, 1 = best; ties share the best rank (R's "min"); NaN stays NaN.
inline Eigen::VectorXd rank_scores(const Eigen::Ref<const Eigen::VectorXd>& scores) {
    Eigen::VectorXd r(scores.size());
    for (Eigen::Index i = 0; i < scores.size(); ++i) {
        if (scores(i) != scores(i)) {
            r(i) = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        double above = 1;
        for (Eigen::Index j = 0; j < scores.size(); ++j) above += scores(j) == scores(j) && scores(j) > scores(i);
        r(i) = above;
    }
    return r;
}

}  // namespace zhibiao::composite
