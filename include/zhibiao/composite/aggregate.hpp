#pragma once
// Aggregation level by level: each aggregate's score comes from its children's scores, with
// its own method and weights per level (COINr issue #42: per-level aggregators and weights).
//
// Weighted means (arithmetic, geometric, harmonic, generalised): a missing child is left out
// and the remaining weights renormalised for that unit (COINr's na.rm = TRUE); a unit with no
// child present gets a missing score. Geometric, harmonic and generalised means with p ≤ 0 need
// strictly positive scores (normalise to [1, 100] first): a zero or negative score under them is
// a method_error naming the node, not a silent NaN or −inf.
//
// Group methods (Mazziotta–Pareto, benefit of the doubt, Copeland, TOPSIS, VIKOR, WASPAS and the
// mean-min function; mcdm.hpp) look at all units at once, or at a unit's whole row, and need every
// child present. VIKOR's Q is lower-is-better, so inside the
// tree the score is 1 − Q, keeping "higher is better" at every level.
//
// Weights of a group's children: the framework's, equal, or computed from the children's scores
// (entropy, CRITIC, sd, variance, PCA, VIC, MEREC, Gini) or from an AHP comparison matrix —
// weights.hpp. Compiled in src/composite/aggregate.cpp. Inside the tree every child is higher-is-better (directions
// were applied at normalisation), so MEREC treats every child as a benefit.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/composite/weights.hpp"

namespace zhibiao::composite {

enum class aggregation {
    arithmetic,
    geometric,
    harmonic,
    generalised,
    mpi,
    bod,
    copeland,
    topsis,
    vikor,
    waspas,
    mean_min
};
enum class weighting { framework, equal, fixed, entropy, critic, sd, variance, pca, ahp, vic, merec, gini };

inline constexpr const char* aggregation_names[] = {"arithmetic", "geometric", "harmonic", "generalised",
                                                    "mpi",        "bod",       "copeland", "topsis",
                                                    "vikor",      "waspas",    "mean_min"};
inline constexpr const char* weighting_names[] = {"framework", "equal", "fixed", "entropy", "critic", "sd",
                                                  "variance",  "pca",   "ahp",   "vic",     "merec",  "gini"};

struct weight_options {
    weighting scheme = weighting::framework;
    int ddof = 1;                                                ///< sd, variance, CRITIC
    entropy_zeros zeros = entropy_zeros::skip;                   ///< entropy
    correlation_kind correlation = correlation_kind::automatic;  ///< CRITIC and VIC (which refuses pearson)
    std::map<std::string, double> fixed;              ///< fixed: node → weight (others keep the framework's)
    std::map<std::string, Eigen::MatrixXd> pairwise;  ///< ahp: group → comparison matrix, children in framework order
    random_index ri = random_index::tummala_ling;     ///< ahp
    double max_cr = 0.1;                              ///< ahp
    bool accept_inconsistent = false;                 ///< ahp
    ahp_priority priority = ahp_priority::eigenvector;  ///< ahp: how the weights are read from the matrix
};

struct aggregate_options {
    aggregation method = aggregation::arithmetic;
    double power = 1;     ///< generalised mean exponent (0 = geometric)
    int mpi_penalty = 1;  ///< +1: M − S·cv; −1: M + S·cv
    topsis_normalisation topsis_inner = topsis_normalisation::minmax;
    double vikor_v = 0.5;
    /// WASPAS (mcdm.hpp): λ, the weighted sum's share (pymcdm's l, pyDecision's lambda_value,
    /// both 0.5 by default), and how each child is scaled inside.
    double wsm_share = 0.5;
    waspas_normalisation waspas_inner = waspas_normalisation::linear;
    /// Mean-min (mcdm.hpp): the penalty of unbalance α in [0, 1] and the complementarity β ≥ 0;
    /// the defaults are Compind's documented example (ci_mean_min(…, alpha = 0.5, beta = 1)), whose β
    /// is in units of 100 + 10·z: β is in the children's units (normalise with zscore, m_sd (100, 10)).
    double mm_alpha = 0.5, mm_beta = 1;
    /// COINr's dat_thresh (Aggregate): a unit whose share of present children in a group, counted
    /// over all the group's children whatever their weight, is below this gets no score for that
    /// group (missing). 0 = any present child gives a score (COINr's default, no threshold).
    double min_availability = 0;
};

/// What one level does: how its groups are scored and how their children are weighted.
struct level_plan {
    aggregate_options aggregate;
    weight_options weights;
};

struct aggregation_result {
    Eigen::MatrixXd scores;                 ///< units × nodes (framework order); indicator columns = the input
    Eigen::VectorXd weights;                ///< each node's weight within its group, the group summing to 1
    Eigen::VectorXd effective;              ///< each node's weight in the whole index
    std::map<std::string, ahp_result> ahp;  ///< consistency of every AHP group
    std::vector<std::string> notes;         ///< what the methods reported (PCA sign notes, unweighted methods)
};

namespace detail {

Eigen::MatrixXd children_matrix(const Eigen::MatrixXd& s, const std::vector<int>& kids);

}  // namespace detail

/// Scores of every node (columns in framework order) for every unit (rows), from the
/// normalised indicator matrix (columns in `fw.indicators()` order). `plans[L − 2]` says what
/// level L does (missing entries: weighted arithmetic mean with the framework's weights);
/// `excluded` nodes are left out as if absent (what-if analysis).
aggregation_result aggregate(const framework& fw, const Eigen::Ref<const Eigen::MatrixXd>& normalised,
                             const std::vector<level_plan>& plans = {}, const std::vector<bool>& excluded = {});

/// Scores of one level's nodes ranked, 1 = best; see statistics.hpp for ties.
Eigen::VectorXd rank_scores(const Eigen::Ref<const Eigen::VectorXd>& scores, ties rule = ties::min);

}  // namespace zhibiao::composite
