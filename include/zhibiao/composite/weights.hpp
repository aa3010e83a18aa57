#pragma once
// Weights of the children of one group, from their scores (units × children) or from a
// pairwise comparison matrix. Every function returns weights that sum to one.
//
// The variants that change numbers are parameters, named after the tool they reproduce
// (see docs/composite.md):
// - entropy: p = x/Σx per column over the units present, e = −Σ p ln p / ln m. A zero
//   proportion counts as 0·ln 0 = 0 (`zeros::skip`, SciPy, the Chinese literature's usual
//   form) or, as pymcdm up to 1.3.1 does, makes the whole column's entropy 0 (`zeros::pymcdm`;
//   pymcdm 1.4.0 refuses a zero instead: its sum_normalization raises "requires all positive
//   values"). A column of equal values has entropy 1 and weight exactly 0 in both.
// - sd / variance / CRITIC: ddof is a parameter (pymcdm: 1); variance and CRITIC min-max the
//   columns first (as pymcdm), sd does not.
// - PCA: first principal component of the correlation matrix (R's prcomp(scale = TRUE), as
//   COINr's get_PCA); the weights are the absolute loadings, which is what COINr stores up to
//   sign; an indicator loading against the others is reported in `note`.
// - AHP: principal eigenvector; CR = CI / RI with the random index of Tummala & Ling (1998,
//   pymcdm) or Saaty (pyDecision); CR above `max_cr` is an error unless accepted. Both tables
//   stop at 15 elements: beyond, a consistent matrix (CI = 0 up to rounding) has CR = 0 and any
//   other is an error unless accepted (CR then NaN: undefined). pymcdm 1.4.0 fails there too
//   (an IndexError in AHP.get_cr; its ValueError for a matrix too big is made but not raised).
// - CRITIC and VIC: the correlation between criteria is Pearson's r, |r| or the distance
//   correlation (akestoridis/mcdm's "Pearson", "AbsPearson", "dCor"); VIC = sd_j / Σ_k r_jk
//   (population sd, on min-maxed columns) refuses the signed r, which can sum to zero.
// - MEREC (Keshavarz-Ghorabaee 2021, pymcdm) on strictly positive values; Gini (pymcdm)
//   on non-negative values with a positive mean.
//
// The eigen-solvers (PCA, AHP) and the other weight functions are compiled in
// src/composite/weights.cpp: including this header costs no Eigen/Eigenvalues.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cmath>
#include <string>
#include <vector>

#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

enum class weighting;  // aggregate.hpp
enum class entropy_zeros { skip, pymcdm };
/// How CRITIC and VIC measure the dependence of two criteria; `automatic` is each method's own
/// (CRITIC: Pearson's r, as Diakoulaki 1995; VIC: the distance correlation, as akestoridis/mcdm).
enum class correlation_kind { pearson, absolute, distance, automatic, spearman };
enum class random_index { tummala_ling, saaty };

namespace detail {

/// w / Σw, refusing a sum that is not positive and finite. Compiled in the library, not inline:
/// the uncertainty engine repeats its exact operation order, which a copy compiled with other
/// flags (-ffast-math reassociates the sum) in a program's own code must not replace.
Eigen::VectorXd to_shares(Eigen::VectorXd w, const std::string& what);

}  // namespace detail

Eigen::VectorXd equal_weights(Eigen::Index n);
Eigen::VectorXd entropy_weights(const Eigen::MatrixXd& x, entropy_zeros zeros = entropy_zeros::skip);
/// sd_j / Σ sd; the ddof cancels.
Eigen::VectorXd sd_weights(const Eigen::MatrixXd& x, int ddof = 1);
/// Variance of the min-maxed columns (pymcdm's variance_weights).
Eigen::VectorXd variance_weights(const Eigen::MatrixXd& x, int ddof = 1);
/// CRITIC (Diakoulaki 1995): C_j = sd_j · Σ_k (1 − r_jk) on the min-maxed columns.
Eigen::VectorXd critic_weights(const Eigen::MatrixXd& x, int ddof = 1,
                               correlation_kind r = correlation_kind::automatic);
/// VIC (Akestoridis & Papapetrou 2019): sd_j / Σ_k r_jk on the min-maxed columns, r = |Pearson|
/// or the distance correlation (automatic; the signed r is refused); every value must be present.
Eigen::VectorXd vic_weights(const Eigen::MatrixXd& x, correlation_kind r = correlation_kind::automatic);
/// The correlation `scheme` uses when asked for `r` (automatic: the method's own).
correlation_kind correlation_for(weighting scheme, correlation_kind r);
/// MEREC: the removal effect of each criterion on a log-measure of performance; `types` +1
/// benefit / −1 cost (empty: all benefits); every value present and positive.
Eigen::VectorXd merec_weights(const Eigen::MatrixXd& x, const std::vector<int>& types = {});
/// Gini coefficient of each column (over the values present) as its weight.
Eigen::VectorXd gini_weights(const Eigen::MatrixXd& x);

struct pca_weights_result {
    Eigen::VectorXd loadings;          ///< first principal component, oriented so that most load positively
    Eigen::VectorXd weights;           ///< |loadings| / Σ|loadings|
    double explained = missing_value;  ///< share of the variance the first component explains
    std::string note;                  ///< set when an indicator loads against the others
};

/// PCA on the correlation matrix of the complete rows (a row with any NaN is left out). `names`
/// (one per column, or empty) are the indicators' codes, for the note and errors to name them
/// rather than say a column's position.
pca_weights_result pca_weights(const Eigen::MatrixXd& x, const std::string& group = "",
                               const std::vector<std::string>& names = {});

struct ahp_result {
    Eigen::VectorXd weights;
    double lambda_max = missing_value, ci = 0, cr = 0;
};

double random_index_of(Eigen::Index n, random_index table);

/// How the priority vector is read from the matrix: the principal eigenvector (Saaty; pymcdm),
/// the mean of the column-normalised matrix's rows or the normalised row geometric means
/// (pyDecision's ahp_method wd = 'm', its default, and 'g'), whose λmax is mean((A·w)_i / w_i).
enum class ahp_priority { eigenvector, mean, geometric };

/// Priority vector of a pairwise comparison matrix a (a_ij = importance of i over j).
ahp_result ahp_weights(const Eigen::MatrixXd& a, random_index table = random_index::tummala_ling, double max_cr = 0.1,
                       bool accept_inconsistent = false, const std::string& group = "",
                       ahp_priority priority = ahp_priority::eigenvector);

}  // namespace zhibiao::composite
