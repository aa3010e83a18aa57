#pragma once
// Scoring methods that look at all units of a group at once (units × criteria, every value
// present): TOPSIS, VIKOR, Copeland's outranking, Mazziotta–Pareto and benefit of the doubt.
// `types` gives +1 for a benefit and −1 for a cost criterion (empty: all benefits — inside a
// framework the directions were applied at normalisation).
//
// | method   | result                                   | reference variant |
// |----------|------------------------------------------|-------------------|
// | topsis   | C = d⁻/(d⁺ + d⁻) in [0, 1], higher better | pymcdm (min-max inside), vector, or none (the textbook form)
// | | vikor    | Q in [0, 1], LOWER is better; S and R; the compromise set | pymcdm (no normalisation), v = 0.5;
// Opricovic & Tzeng 2004 | | copeland | wins − losses of the weighted outranking  | COINr a_copeland / outrankMatrix |
// | waspas   | λ·Σ w·n + (1 − λ)·Π n^w, higher better    | pymcdm (x/max inside), pyDecision (1 + min-max) |
// | mean_min | M − α(√((M − min)² + β²) − β)             | Casadio Tarabusi & Guarini 2013 (Compind ci_mean_min) |
// | mpi      | M_z ∓ S_z·cv_z of z = 100 ± 10·std. score | Mazziotta & Pareto (Compind ci_mpi) |
// | bod      | max_w w·x_u s.t. w·x_k ≤ 1 ∀k, w ≥ 0      | Compind ci_bod (DEA, CCR, unit input) |
//
// Compiled in src/composite/mcdm.cpp.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <string>
#include <vector>

#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

/// TOPSIS's own normalisation of each criterion: min-max (pymcdm's default), vector (x/‖x‖,
/// pyDecision) or none (the textbook form on a matrix the caller normalised; a cost
/// criterion's ideal is then its minimum).
enum class topsis_normalisation { minmax, vector, none };

/// TOPSIS closeness C_i = d⁻/(d⁺ + d⁻) (Hwang & Yoon 1981). C does not change when every
/// weight is multiplied by the same factor, so the weights are used as shares (no overflow).
Eigen::VectorXd topsis(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types = {},
                       topsis_normalisation inner = topsis_normalisation::minmax);

struct vikor_result {
    Eigen::VectorXd s, r, q;  ///< group utility, individual regret, compromise index (lower = better)
    /// The compromise solution (Opricovic & Tzeng 2004): units ordered by Q (ties by row),
    /// a(1) the best. C1, acceptable advantage: Q(a(2)) − Q(a(1)) ≥ DQ = 1/(m − 1). C2,
    /// acceptable stability: a(1) — every unit tied at the least Q — is also best (or tied best)
    /// by S or by R. Both hold: the compromise is {a(1)}; only C2 fails: {a(1), a(2)} with every
    /// unit tied at a(2)'s Q; C1 fails: a(1) … a(M), the units with Q(a(k)) − Q(a(1)) < DQ. Units
    /// tied for the least Q: see vikor_best_tie.
    Eigen::VectorXd ranking;               ///< rank by Q, 1 = best, ties share the lowest rank
    std::vector<Eigen::Index> compromise;  ///< rows of the compromise set, best first
    bool acceptable_advantage = false;     ///< C1
    bool acceptable_stability = false;     ///< C2
    double dq = missing_value;             ///< DQ = 1/(m − 1)
};

/// How vikor_ranking() ranks the units: by Q with ties sharing the lowest rank (`min`, as
/// vikor_result::ranking), by dense ranks of Q (`dense`: scikit-criteria's
/// VIKOR(use_compromise_set=False)), or the compromise set first (`compromise_first`: every unit
/// of the set rank 1, the others the dense rank of Q counted on from the set's last;
/// scikit-criteria's default, use_compromise_set=True), or with tied units sharing the mean of
/// their ranks (`average`: pymcdm's VIKOR.rank, helpers.rankdata).
enum class vikor_ranks { min, dense, compromise_first, average };

/// Units tied for the least Q. `literal` (Opricovic & Tzeng 2004 as written): a(2) is the second
/// unit of the tie, so Q(a(2)) − Q(a(1)) = 0 < DQ and C1 fails; the set is every unit within DQ.
/// `grouped` (scikit-criteria 0.9, skcriteria/agg/vikor.py): the tied units together are a(1);
/// C1 holds when no other unit is within DQ of them, C2 when each of them is best by S or by R,
/// and when only C2 fails the units at the next value of Q join the set. Without a tie the two
/// agree.
enum class vikor_best_tie { literal, grouped };

/// The ranks of `r`'s units as `how` says (1 = best).
Eigen::VectorXd vikor_ranking(const vikor_result& r, vikor_ranks how);

/// VIKOR (Opricovic 1998) with weight v of the group utility; a constant criterion is an error.
/// If every unit has the same S (or R), that term of Q is 0 for all (no unit is worse).
vikor_result vikor(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types = {},
                   double v = 0.5, vikor_best_tie best_tie = vikor_best_tie::literal);

/// WASPAS's own normalisation of each criterion: `linear` x/max, cost min/x (pymcdm's
/// linear_normalization, its WASPAS default; every value positive), `shifted_minmax`
/// 1 + (x − min)/(max − min), cost 1 + (max − x)/(max − min) (pyDecision's waspas_method; a
/// constant criterion is refused), or `none` (the caller's values, all positive; no cost criterion).
enum class waspas_normalisation { linear, shifted_minmax, none };

struct waspas_result {
    Eigen::VectorXd wsm;    ///< Σ_j w_j·n_ij, the weighted sum
    Eigen::VectorXd wpm;    ///< Π_j n_ij^w_j, the weighted product
    Eigen::VectorXd score;  ///< λ·wsm + (1 − λ)·wpm, higher is better
};

/// WASPAS (Zavadskas et al. 2012) with λ = `wsm_share`: the weights are used as given, as pymcdm
/// and pyDecision use them (weights that do not sum to one scale the WSM linearly and the WPM
/// as a power); λ = 1 is WSM, λ = 0 is WPM.
waspas_result waspas(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types = {},
                     double wsm_share = 0.5, waspas_normalisation inner = waspas_normalisation::linear);

/// Mean-min function (Casadio Tarabusi & Guarini 2013; Compind ci_mean_min): per unit
/// M − α·(√((M − m)² + β²) − β), M the mean and m the least of the unit's values, 0 ≤ α ≤ 1 the
/// penalty of unbalance, β ≥ 0 the complementarity (α = 0: the mean; α = 1, β = 0: the minimum).
/// With `standardise`, each criterion is first taken to 100 + 10·(x − mean)/sd with the sample
/// sd, the standardisation Compind's ci_mean_min means (a constant criterion is then refused).
/// Compind 3.4 subtracts the column means as one vector that R recycles down the columns, so its
/// scores agree only where the columns share one mean and sd; that defect is not copied. Unweighted.
Eigen::VectorXd mean_min(const Eigen::MatrixXd& x, double alpha, double beta, bool standardise = false);

/// The largest number of units for which outranking_matrix() builds its n × n matrix (2 GiB of
/// doubles); copeland() needs no matrix and has no such limit.
inline constexpr Eigen::Index max_outranking_units = 16384;

/// COINr's outranking matrix: orm(i, j) = Σ w over criteria where i beats j, plus half the
/// weight where they tie; the diagonal is 0. Weights are normalised to sum to one.
Eigen::MatrixXd outranking_matrix(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);

/// Copeland score: the number of units a unit outranks (orm > ½) minus those that outrank it.
/// Pair by pair, without the n × n matrix (3·10⁴ regions would need 7 GB): O(n²·criteria)
/// time, O(n) memory, the same scores as from outranking_matrix().
Eigen::VectorXd copeland(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);

/// Mazziotta–Pareto index: each criterion standardised to z = 100 + 10·(x − mean)/sd (population
/// sd), then per unit M_z − S_z·cv_z (`penalty` = +1, for a phenomenon where higher is better)
/// or M_z + S_z·cv_z (−1); S_z the population sd of the unit's z values. Unweighted by design.
Eigen::VectorXd mazziotta_pareto(const Eigen::MatrixXd& x, int penalty = 1);

struct bod_result {
    Eigen::VectorXd score;    ///< in [0, 1]; 1 = on the frontier
    Eigen::MatrixXd weights;  ///< units × criteria: each unit's own most favourable weights
};

/// Benefit of the doubt: each unit chooses the non-negative weights that maximise its score,
/// under the constraint that no unit scores above 1 with them (a DEA with one unit input).
/// Scores must be non-negative; a criterion on which every unit scores 0 is an error.
bod_result benefit_of_the_doubt(const Eigen::MatrixXd& x);

}  // namespace zhibiao::composite
