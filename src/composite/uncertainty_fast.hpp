#pragma once
// The dedicated replication path of an uncertainty analysis (uncertainty.hpp): what it
// precomputes, its per-thread working memory, and the ranking it shares with the runner.
#include <cstdint>
#include <utility>
#include <vector>

#include "zhibiao/composite/uncertainty.hpp"

namespace zhibiao::composite {

struct uncertainty_model::fast_layout {
    struct group {
        int node = 0;
        std::size_t column = 0;  ///< in aggregates_ order
        std::vector<int> kids;
    };
    /// Per precomputed layer: per indicator column, whether no value is missing and whether
    /// every value present is positive; and the logarithms (when a geometric mean may be drawn).
    struct layer_extra {
        std::vector<char> complete, positive;
        Eigen::MatrixXd logs;
        bool every_row = false;  ///< row i of the layer is unit i, for every unit
    };
    std::vector<std::vector<group>> levels;  ///< [level − 2]: the groups scored there, framework order
    std::vector<int> leaf_column;            ///< per node: its column in a layer, −1 for an aggregate
    std::vector<int> aggregate_column;       ///< per node: its column in aggregates_, −1 for an indicator
    /// [weighting choice + 1][level − 2] the scheme; [weighting choice + 1][node] the weight a
    /// drawn weight replaces (NaN where the scheme computes weights from the data).
    std::vector<std::vector<weighting>> schemes;
    std::vector<std::vector<double>> base;
    /// [aggregation choice + 1][level − 2]: the power of the mean (1, 0, −1), NaN if not covered.
    std::vector<std::vector<double>> powers;
    std::vector<layer_extra> layers;
    bool every_aggregate_scored = false;  ///< each aggregate column is some group's: no fill needed
};

/// The present scores of a column as the ranking needs them: how many, the lowest, the highest.
struct score_range {
    std::size_t present = 0;
    double low = 0, high = 0;
};

struct uncertainty_model::fast_scratch {
    struct column_ref {
        const double* x = nullptr;  ///< values, or their logarithms for a geometric mean
        bool complete = false;
        const double* value = nullptr;  ///< the values themselves (x's antilogarithms)
    };
    Eigen::MatrixXd aggregated, logs;  ///< layer rows × aggregates
    std::vector<char> complete;        ///< per aggregate column: no unit missing
    Eigen::VectorXd num, den, low, high;
    std::vector<column_ref> kids;
    std::vector<std::pair<double, const double*>> terms;  ///< a complete group's weighted children
    std::vector<std::uint64_t> keys, spare;               ///< ranking: upper half of a score's order key, its unit
    std::vector<std::uint32_t> keys32, spare32;           ///< bucket ranking of ≤ 4,096 scores: bucket, unit
    /// Per column of the matrix fast_scores() last handed out, its range (taken as the column
    /// was written, while in L1); present > n where not known (columns placed row by row).
    std::vector<score_range> ranges;
};

/// Ranks (1 = highest, ties share the lowest rank, NaN stays NaN) of x[0, n) into r (n < 2³²):
/// the ranks rank_scores() gives, without a comparison sort of the whole column: each score
/// goes to one of 2²² buckets (2²⁰ − 1 for n ≤ 4,096: 32-bit elements) by (x − min)·scale
/// (monotone: a > b puts a in a bucket at least b's), two radix passes of 11 (10) bits order
/// the buckets, and only the few buckets holding
/// several scores are sorted on the whole key. Columns too short, or whose spread overflows,
/// go to rank_descending_radix.
void rank_descending(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, double* r);

/// The same ranks as integers, 0 for a missing score (n ≤ 65,535 for uint16: a rank batch's).
/// `known`: x's range if already taken (fast_scratch::ranges), which saves a pass over x.
void rank_descending(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, std::uint16_t* r,
                     const score_range* known = nullptr);
void rank_descending(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, std::uint32_t* r,
                     const score_range* known = nullptr);

/// The same ranks from a radix sort of 8-byte elements (the upper half of a score's order key,
/// its unit) whose rare ties on that half are then sorted on the whole key.
void rank_descending_radix(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, double* r);

}  // namespace zhibiao::composite
