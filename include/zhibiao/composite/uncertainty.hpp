#pragma once
// Uncertainty and sensitivity analysis of a composite index (the JRC/OECD handbook's step 7).
//
// The assumptions an analyst could have made differently are declared as distributions
// (uncertainty_spec): weights perturbed uniformly by ±x% around nominal (COINr's "noise":
// w·(1 + U(−x, x))) or drawn from a Dirichlet around the nominal shares, alternative weight
// schemes, normalisations, aggregations and imputations, an integer range for the outlier
// rule's winmax, and leaving out one indicator at a time. Each replication is decoded from a
// vector of uniforms in [0, 1): a counter-based stream keyed by (seed, replication) for Monte
// Carlo — so results are bit-identical for any thread count and any split into blocks — or a
// row of Saltelli's design (quasi-random Sobol points) for sensitivity indices.
//
// What does not change between replications is computed once: the normalised layer of every
// imputation × winmax × normalisation choice, with its logarithms and which columns miss
// values. A replication then costs a weighting, an aggregation and a ranking, on a dedicated
// path (src/composite/uncertainty_fast.cpp) that gives bit for bit what composite::aggregate —
// the very function build() uses — gives, so that with every assumption off a replication is
// the nominal index exactly. Draws it does not cover (leaving an indicator out, weights computed
// from the data, aggregations other than weighted arithmetic, geometric and harmonic means) run
// aggregate() itself.
//
// Memory: the rank statistics are exact histograms per (unit, node), so O(units × nodes ×
// spread of a unit's ranks) — up to O(units² × nodes) when the ranks move across the whole
// table; one set per run, shared by the threads. Ranks are not counted as they come: a batch of
// replications' ranks (uint16 when units ≤ 65,535) is buffered, at most
// uncertainty_options::batch_bytes per thread (64 MB), then counted tile by tile over the
// (unit, node) cells, each thread its own cells, so a tile's histograms stay in cache while the
// whole batch is counted into them (one pass over the histograms per batch, not a cache miss
// per rank).
//
// An assumption on a data step the nominal model lacks (an imputation or winmax choice without
// an impute or treat step) is refused: varying a step that is not there is what makes COINr's
// analyses do "not what we think".

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zhibiao/composite/pipeline.hpp"

namespace zhibiao::composite {

/// A discrete choice: options with labels and probabilities (empty: equal).
template <class T>
struct alternatives {
    std::vector<T> options;
    std::vector<std::string> labels;    ///< one per option; empty: "1", "2", …
    std::vector<double> probabilities;  ///< one per option, summing to 1; empty: equal
    bool empty() const { return options.empty(); }
};

/// The weights of the nodes at `level` (1 = indicators) multiplied by 1 + U(−fraction, fraction).
struct weight_noise {
    int level = 2;
    double fraction = 0.25;
};
/// The weights of the nodes at `level` within each parent drawn from Dirichlet(concentration ·
/// nominal shares): mean the nominal shares, spread shrinking as the concentration grows.
struct weight_dirichlet {
    int level = 2;
    double concentration = 50;
};

struct uncertainty_spec {
    std::vector<weight_noise> noise;
    std::vector<weight_dirichlet> dirichlet;
    alternatives<weight_options> weighting;
    std::vector<int> weighting_levels;  ///< aggregation levels whose weight scheme varies (empty: all)
    alternatives<aggregate_options> aggregation;
    std::vector<int> aggregation_levels;  ///< aggregation levels whose method varies (empty: all)
    alternatives<normalise_step> normalisation;
    alternatives<impute_step> imputation;
    int winmax_low = 0, winmax_high = -1;  ///< the outlier rule's winmax, uniform on [low, high]; high < low: fixed
    bool exclude_indicator = false;        ///< leave out none or one indicator, each equally likely

    bool winmax_varies() const { return winmax_high >= winmax_low; }
};

/// One replication's parameters, decoded from its uniforms. −1: nominal.
struct replication_draw {
    int imputation = -1, winmax = -1, normalisation = -1, weighting = -1, aggregation = -1;
    int excluded = -1;            ///< position in framework.indicators()
    std::vector<double> weights;  ///< per node: the raw weight used; NaN where no weight was drawn
    std::size_t layer = 0;        ///< the precomputed normalised layer
};

struct uncertainty_options {
    std::size_t replications = 1000;
    std::uint64_t seed = 1;
    unsigned threads = 0;  ///< 0: every core; the result is the same for any count
    /// Probability of a rank ≤ top_k; 1 to the number of regions (more is an argument_error naming
    /// both). 0: the default, 10, whatever the number of regions (the result's top_k says 10).
    int top_k = 0;
    bool keep_ranks = false;   ///< the full replication × unit × node matrix of ranks
    bool keep_scores = false;  ///< … and of scores (score percentiles of merged blocks need them)
    /// Exact score percentiles from score_tails (memory there), not from the kept matrix: run()
    /// collects them; run_block() collects a block's, sized for `replications` in all, and merge()
    /// joins them exactly (the same bits as run()). Off by default (memory).
    bool score_percentiles = false;
    /// Memory per thread for the ranks waiting to be counted (at least one replication's);
    /// the result does not depend on it.
    std::size_t batch_bytes = std::size_t{64} << 20;
    std::function<void(std::size_t done, std::size_t total)> progress;  ///< called on the calling thread
};

/// The Sobol indices of one output, one entry per input; bounds from a percentile bootstrap.
struct sobol_indices {
    Eigen::VectorXd first, total, first_low, first_high, total_low, total_high;
    double variance = 0;
};

/// Saltelli (2010) first-order and Jansen total-effect estimators on outputs in the layout
/// y = [yA (n), yB (n), yAB_1 (n), …, yAB_d (n)]: Var = var(c(yA, yB)) with n − 1,
/// S_i = mean(yB·(yAB_i − yA)) / Var, ST_i = Σ(yA − yAB_i)² / (2n·Var) — COINr's estimators.
/// Confidence bounds (`level`) from `bootstrap` resamples of the n rows (0: none, bounds NaN).
sobol_indices sobol_estimate(const Eigen::Ref<const Eigen::VectorXd>& y, std::size_t n, std::size_t d,
                             std::size_t bootstrap = 1000, double level = 0.95, std::uint64_t seed = 1);

/// Saltelli's design on [0, 1)^dims: rows A (n), B (n), AB_1 … AB_g (n each), where AB_i is A
/// with the columns of input group i taken from B (`groups[i]` = its first column, groups
/// ascending, the last ending at dims). Quasi-random (Joe & Kuo's Sobol points from (½, …, ½),
/// the all-zero first skipped) unless `random`, then counter-based uniforms keyed by seed.
Eigen::MatrixXd saltelli_design(std::size_t n, std::size_t dims, const std::vector<std::size_t>& groups,
                                bool random = false, std::uint64_t seed = 1);

/// The i-th uniform in (0, 1) of replication `replication`'s stream under `seed`.
double stream_uniform(std::uint64_t seed, std::uint64_t replication, std::uint64_t i);

/// Exact per-(unit, node) histograms of ranks and the partial score sums of each chunk of
/// replications: merged by adding counts and concatenating chunks in order, so a result built
/// from blocks is the one built in one go, bit for bit.
struct rank_histogram {
    int low = 0;                        ///< the rank counted in counts[0]
    std::vector<std::uint32_t> counts;  ///< replications per rank low, low + 1, …
    void add(int rank);
    void add(const rank_histogram& other);
    void widen(int first, int last);  ///< room for the ranks first … last (one allocation, not one per rank)
    std::uint64_t total() const;
    int order_statistic(std::uint64_t k) const;  ///< the k-th smallest rank (from 0)
};

/// The `keep` smallest and `keep` largest scores of each (unit, node): with keep =
/// ⌊0.05·(N − 1)⌋ + 2 they hold every order statistic the 5th and 95th percentiles (type 7)
/// need, so those are exact without the full matrix. Memory: units × nodes × 2·keep doubles
/// (for 3,000 units × 11 nodes and N = 10,000: 265 MB; per thread while running). Merged
/// exactly: the smallest of a union are among the smallest of its parts.
struct score_tails {
    std::size_t keep = 0;                        ///< 0: not collected
    std::vector<std::vector<double>> low, high;  ///< per cell: max-heap of the smallest, min-heap of the largest
    void reset(std::size_t cells, std::size_t replications);
    void add(std::size_t cell, double score);
    void add(const score_tails& other);
    /// The type-7 quantile p ∈ {0.05, 0.95} of a cell that has `present` scores.
    double quantile(std::size_t cell, std::uint64_t present, double p) const;
};

struct uncertainty_block {
    std::size_t first = 0, count = 0;         ///< replications [first, first + count)
    std::vector<rank_histogram> rank_counts;  ///< per (unit + units·node)
    std::vector<std::uint32_t> missing;       ///< per (unit, node): replications with no score
    std::vector<Eigen::MatrixXd> chunk_sums;  ///< per chunk: units × nodes sum of scores
    Eigen::MatrixXd uniforms;                 ///< count × dims: each replication's draws
    std::vector<float> ranks, scores;         ///< kept matrices, replication-major (when asked)
    score_tails tails;                        ///< collected when score_percentiles is asked
};

class uncertainty_model;

struct uncertainty_result {
    std::vector<std::string> regions, nodes;  ///< nodes: the aggregates, framework order
    std::size_t replications = 0;
    int top_k = 10;
    /// units × nodes, one column per entry of `nodes` — the aggregates only, so a column is NOT
    /// the node's number in the framework (`framework::index_of`, as build()'s scores are
    /// indexed): `u.rank_p95(i, fw.index_of("Index"))` reads another node or past the end. Take
    /// the column with column_of("Index"). Every statistic is over the replications that gave the
    /// cell a score (top_k_share too: P(rank ≤ top_k | a score)); no_score counts those that gave none.
    Eigen::MatrixXd nominal_rank, nominal_score, mean_rank, median_rank, rank_p05, rank_p95, top_k_share;
    Eigen::MatrixXd no_score;
    /// Score percentiles: exact (score_tails) from run() with score_percentiles; else from the kept
    /// (float) scores, NaN when they were not kept.
    Eigen::MatrixXd mean_score, score_p05, score_p95;
    Eigen::MatrixXd uniforms;          ///< replications × dims
    std::vector<float> ranks, scores;  ///< replications × nodes × units when kept
    std::vector<std::string> notes;
    std::shared_ptr<const uncertainty_model> model;

    /// The decoded parameters of every replication: column names and a replications × columns
    /// matrix (choices as option numbers from 0, −1 = nominal; weights as drawn).
    std::vector<std::string> parameter_names() const;
    Eigen::MatrixXd parameters() const;
    /// Replication k rebuilt alone, with every layer, as an ordinary composite result.
    result replication(std::size_t k) const;
    /// The column of aggregate node `node` in the statistics above (its place in `nodes`); a name
    /// `nodes` lacks (an indicator, a misspelt code) is an argument_error listing the columns, with
    /// "did you mean".
    Eigen::Index column_of(const std::string& node) const;
};

struct sensitivity_result {
    std::vector<std::string> inputs, outputs;  ///< outputs: each unit's rank, then "mean_abs_rank_shift"
    std::vector<sobol_indices> indices;        ///< one per output
    std::size_t n = 0, runs = 0;
    std::string node;
};

struct sensitivity_options {
    std::size_t n = 1000;  ///< rows of A (runs: n·(inputs + 2))
    bool random = false;   ///< pseudo-random design instead of Sobol points
    std::uint64_t seed = 1;
    unsigned threads = 0;
    std::size_t bootstrap = 1000;  ///< resamples for the intervals (0: none, bounds NaN); Python's bootstrap=
    double level = 0.95;           ///< their confidence level, in (0, 1); Python's confidence=
    std::string node;              ///< whose ranks (empty: the index, the first root)
    std::function<void(std::size_t done, std::size_t total)> progress;
};

class uncertainty_model : public std::enable_shared_from_this<uncertainty_model> {
public:
    /// Checks the assumptions against the model and precomputes every normalised layer.
    static std::shared_ptr<const uncertainty_model> make(table data, framework fw, std::vector<step> steps,
                                                         uncertainty_spec spec);

    // The accessors below return copies, never references: a model is reached through the
    // shared_ptr make() returns, and `for (const auto& n : uncertainty_model::make(...)->inputs())`
    // would otherwise iterate a vector freed with the temporary pointer (a ref-qualifier cannot
    // help: `->` gives an lvalue). They are small, or asked for once.

    /// Uniforms per replication, and the Sobol inputs: names and first columns.
    std::size_t dimensions() const { return dims_; }
    std::vector<std::string> inputs() const { return input_names_; }
    std::vector<std::size_t> input_columns() const { return input_first_; }
    std::vector<std::string> notes() const { return notes_; }
    /// Regions of the data and aggregate nodes: the shape of nominal_scores(), without a copy.
    std::size_t units() const { return data_.regions.size(); }
    std::size_t aggregate_count() const { return aggregates_.size(); }

    replication_draw decode(const double* u) const;
    /// Scores (rows × aggregate nodes, all units, NaN where screened out) under a draw: the
    /// dedicated replication path when it covers the draw (fast_path_covers), else the general one.
    Eigen::MatrixXd scores(const replication_draw& d) const;
    /// The same scores through composite::aggregate(), whatever the draw: the reference.
    Eigen::MatrixXd general_scores(const replication_draw& d) const;
    /// Whether the dedicated path computes this draw (bit for bit what general_scores gives).
    bool fast_path_covers(const replication_draw& d) const;
    result rebuild(const replication_draw& d) const;
    std::vector<std::string> parameter_names() const;
    /// Per parameter column: the option labels of a choice (empty for a number).
    std::vector<std::vector<std::string>> parameter_labels() const;
    Eigen::RowVectorXd parameters(const replication_draw& d) const;
    /// What a draw chose, "normalisation = zscore, aggregation = geometric" (with `weights`, the
    /// drawn weights too); "the nominal model" when it chose nothing.
    std::string draw_text(const replication_draw& d, bool weights = true) const;
    Eigen::MatrixXd nominal_ranks() const { return nominal_ranks_; }
    Eigen::MatrixXd nominal_scores() const { return nominal_scores_; }
    /// Copies of the model's framework and data (see above: the model may die with the pointer).
    framework frame() const { return fw_; }
    table data() const { return data_; }
    std::vector<int> aggregates() const { return aggregates_; }
    /// Ranks (units × aggregate nodes, 1 = best) of a units × aggregate-nodes score matrix.
    static Eigen::MatrixXd ranks_of(const Eigen::MatrixXd& scores);

    uncertainty_result run(const uncertainty_options& o) const;
    /// Replications [first, first + count) as a block; first must be a multiple of chunk.
    uncertainty_block run_block(std::size_t first, std::size_t count, const uncertainty_options& o) const;
    /// Blocks covering [0, N) in any order; the statistics of the whole run.
    uncertainty_result merge(std::vector<uncertainty_block> blocks, const uncertainty_options& o) const;
    sensitivity_result sensitivity(const sensitivity_options& o) const;

    static constexpr std::size_t chunk = 256;  ///< replications per partial score sum

    struct fast_layout;   ///< what the dedicated replication path precomputes (uncertainty_fast.hpp)
    struct fast_scratch;  ///< its per-thread working memory
    /// Scores of a draw into `out` (units × aggregates) by the dedicated path; false when the
    /// draw is not covered (nothing then is written to `out`; the general path must run).
    bool fast_scores(const replication_draw& d, fast_scratch& s, Eigen::MatrixXd& out) const;

    struct layer_data {
        Eigen::MatrixXd values;
        std::vector<Eigen::Index> rows;
    };
    struct input {
        std::string name;
        int kind;  // 0 noise, 1 dirichlet, 2 weighting, 3 aggregation, 4 normalisation, 5 imputation, 6 winmax, 7
                   // exclusion
        int level = 0;
        std::size_t first = 0, dims = 1;
        double parameter = 0;
        std::vector<double> probabilities;
    };

private:
    uncertainty_model(table data, framework fw, std::vector<step> steps, uncertainty_spec spec);
    void declare_inputs();
    void precompute();
    void prepare_fast();
    double base_weight(int node, int weighting_choice) const;
    struct count_source;  ///< where the statistics read each cell's rank counts (uncertainty_run.cpp)
    /// The result of a run whose replications are all in `all`, the rank counts read from `counts`.
    uncertainty_result statistics(uncertainty_block& all, const count_source& counts,
                                  const uncertainty_options& o) const;
    std::vector<step> data_steps(const replication_draw& d) const;
    std::vector<level_plan> plans(const replication_draw& d) const;
    void draw_weights(const input& in, const double* u, replication_draw& d) const;

    table data_;
    framework fw_;
    std::vector<step> steps_;
    uncertainty_spec spec_;
    std::vector<input> inputs_;
    std::vector<std::string> input_names_;
    std::vector<std::size_t> input_first_;
    std::size_t dims_ = 0;
    std::vector<int> winmax_values_;
    std::vector<layer_data> layers_;
    std::vector<level_plan> nominal_plans_;
    std::vector<int> aggregates_;  ///< node numbers of the aggregates
    Eigen::MatrixXd nominal_scores_, nominal_ranks_;
    std::vector<std::string> notes_;
    std::shared_ptr<const fast_layout> fast_;

    friend struct uncertainty_result;
};

/// The Monte Carlo analysis in one call (uncertainty_model::make(...)->run(o)).
uncertainty_result uncertainty(const table& data, const framework& fw, const std::vector<step>& steps,
                               const uncertainty_spec& spec, const uncertainty_options& o = {});

}  // namespace zhibiao::composite
