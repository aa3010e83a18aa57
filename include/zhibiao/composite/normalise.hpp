#pragma once
// Normalisation of an indicator matrix (units × indicators), column by column, ignoring missing
// values (NaN stays NaN). Direction −1 indicators are multiplied by −1 first, once (as COINr
// does), so higher always means better afterwards — except where a method reads the raw value:
// goalposts use COINr's n_goalposts form (x − hi)/(lo − hi), so a lower-is-better value at lo
// scores the full scale; bands compare the raw value with edges in the indicator's own units and
// give the user's band scores, which already say which band is better (the direction does not
// reorder them); standard is s/x·100; dist_to_ref refuses a negated cost indicator
// (−x/−x_ref = x/x_ref) and takes cost = 'inverse' (x_ref/x).
//
// clang-format off
// | method        | result                                           | scale                 |
// |---------------|--------------------------------------------------|-----------------------|
// | minmax(a, b)  | a + (x − min)/(max − min)·(b − a)                | interval              |
// | zscore        | m + s·(x − mean)/sd, sample sd; m_sd = (m, s)    | interval              |
// | rank          | rank, ties get the lowest (1 = worst)            | ranks only            |
// | borda         | rank − 1                                         | ranks only            |
// | percentile    | (rank − 1)/(n − 1)                               | ranks only            |
// | dist_to_max   | 1 − (max − x)/(max − min)                        | interval              |
// | frac_of_max   | x / max                                          | ratio                 |
// | goalposts     | (x − lo)/(hi − lo)·scale, clipped (1)            | fixed, over time      |
// | standard      | x / standard · 100, capped at 100                | MOST monitoring       |
// | ratio_to_mean | x / mean · 100                                   | ratio                 |
// | dist_to_ref   | x / x(reference unit), optionally capped (2)     | ratio                 |
// |  … from_min   | 1 − (x_ref − x)/(x_ref − min), optionally capped | interval (COINr's n_dist2ref) |
// | bands         | score of the band the raw x falls in             | categorical           |
// | vector        | x / ‖x‖ (‖·‖ over the values present)            | ratio                 |
// | sum           | x / Σx                                           | ratio (shares)        |
// (1) unless !goal_truncate; a cost: (hi − x)/(hi − lo). (2) a cost: x_ref/x (cost = 'inverse').
// clang-format on
//
// A cost (lower-is-better) indicator is negated by default (`cost_form::negate`). For the
// ratio-scale methods frac_of_max, vector and sum, where a negated column has no meaning
// (x/max needs a positive max, Σ−x/−x = x/Σx is not flipped), the forms of the MCDM
// libraries are parameters instead: `inverse` applies the method to 1/x — frac_of_max gives
// min/x (pymcdm's linear normalisation), sum (1/x)/Σ(1/x) (pymcdm's sum) — and needs positive
// values; `complement` gives 1 − (the method on x): 1 − x/max (pymcdm's max), 1 − x/‖x‖
// (pymcdm's vector), 1 − x/Σx.
//
// An indicator missing for every unit is refused by every method ("it has no values"). A
// constant column has no spread: min-max, z-score and dist_to_max throw error naming the
// column rather than dividing by zero, and percentile with one value present (0/0); frac_of_max needs a positive
// maximum (after the direction flip), where COINr would return Inf; vector and sum need a non-zero norm or a positive
// sum. No method returns an infinity: it is an error naming the indicator and unit.
//
// Compiled in src/composite/normalise.cpp.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <string>
#include <vector>

#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

enum class normalisation {
    minmax,
    zscore,
    rank,
    borda,
    percentile,
    dist_to_max,
    frac_of_max,
    goalposts,
    standard,
    ratio_to_mean,
    dist_to_ref,
    bands,
    vector,
    sum
};

/// How a cost (direction −1) indicator is turned round; see the table above.
enum class cost_form { negate, inverse, complement };

/// dist_to_ref's formula: `ratio` x / x_ref (the default), `from_min` COINr's n_dist2ref
/// 1 − (x_ref − x)/(x_ref − min x) — the reference scores 1, the lowest unit 0, and a
/// lower-is-better indicator is negated first as for min-max.
enum class reference_form { ratio, from_min };

struct normalise_options {
    normalisation method = normalisation::minmax;
    double low = 0, high = 100;             ///< minmax target range
    double target_mean = 0, target_sd = 1;  ///< zscore: COINr's m_sd, e.g. (10, 2)
    cost_form cost = cost_form::negate;  ///< cost indicators (frac_of_max, vector, sum: others; dist_to_ref: inverse)
    std::vector<double> goal_low, goal_high;  ///< goalposts per indicator
    double goal_scale = 100;
    bool goal_truncate = true;     ///< goalposts: clip to [0, 1] before scaling (COINr's trunc2posts)
    std::vector<double> standard;  ///< standard values per indicator
    double cap = 100;
    Eigen::Index reference = -1;      ///< dist_to_ref: the row of the reference unit
    bool cap_at_reference = false;    ///< dist_to_ref: scores above the reference become 1
    std::vector<double> band_edges;   ///< bands: ascending edges e1 < e2 < …, in the raw units (no flip)
    std::vector<double> band_scores;  ///< bands: one score more than edges (x < e1, e1 ≤ x < e2, …)
    reference_form ref_form = reference_form::ratio;  ///< dist_to_ref: x/x_ref or COINr's n_dist2ref
    /// rank, borda, percentile: the rank equal values share (COINr's ties.method of n_rank,
    /// n_borda and n_prank, "min" by default as there; "average" = R's rank(ties.method = "average"))
    ties rank_ties = ties::min;
};

namespace detail {
/// What is wrong with goalposts (low, high) — not finite, or not low < high — or "".
std::string goalposts_problem(double low, double high);
/// What is wrong with a standard value — not finite and positive — or "".
std::string standard_problem(double value);
/// Whether `method` reads a cost form other than negate: complement and inverse for frac_of_max,
/// vector and sum, inverse for dist_to_ref. The other methods negate a lower-is-better indicator.
bool reads_cost_form(normalisation method, cost_form cost);
}  // namespace detail

/// Normalises each column of `x` (units × indicators); `direction[j]` is +1 or −1; `names`
/// name the columns in errors.
Eigen::MatrixXd normalise(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<int>& direction,
                          const normalise_options& o, const std::vector<std::string>& names = {});

}  // namespace zhibiao::composite
