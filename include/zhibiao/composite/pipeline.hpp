#pragma once
// The composite pipeline: a table with one row per region, a framework, and steps in the order
// the analyst chooses. Each step is a small value type with its parameters and an apply() that
// reads and writes only the stage it is given; build() applies them in order and keeps every
// intermediate layer (raw, denominated, imputed, screened, treated, normalised, aggregated),
// the marks of imputed and treated cells, the weights used, and a plain-text account of the
// method for the methodology annex.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/marks.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/prepare.hpp"
#include "zhibiao/composite/treat.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao::composite {

/// The input: regions, numeric columns (indicators, denominators) and label columns (groups).
struct table {
    std::vector<std::string> regions;
    std::map<std::string, Eigen::VectorXd> numbers;
    std::map<std::string, std::vector<std::string>> labels;
    std::map<std::string, Eigen::VectorXd>
        previous;  ///< indicator → each region's latest earlier value (imputation "latest")
    /// Column → why each of its missing cells is missing (reason::none where present); a column
    /// without an entry has plain missing values (missing_input). Imputation marks carry them.
    std::map<std::string, std::vector<reason>> reasons;
    /// Column → its unit symbol, where the source said it (table_from_panel fills it); a model
    /// with node units converts such columns to its own (to_model_units, input.hpp).
    std::map<std::string, std::string> units;

    /// The reason of cell `row` of `column` (missing_input for a NaN without one).
    reason reason_at(const std::string& column, std::size_t row, double value) const {
        return reason_in(reasons_of(column), row, value);
    }
    /// The reasons of `column`, null when it has none (for a pass over a whole column). Refused on a
    /// temporary table (`table_from_panel(p).reasons_of("x")`): the pointer would go with it.
    const std::vector<reason>* reasons_of(const std::string& column) const&;
    const std::vector<reason>* reasons_of(const std::string& column) const&& = delete;
    /// The reason of cell `row` in a column whose reasons are `why` (reasons_of).
    static reason reason_in(const std::vector<reason>* why, std::size_t row, double value) {
        if (why && row < why->size() && (*why)[row] != reason::none) return (*why)[row];
        return zhibiao::detail::is_nan(value) ? reason::missing_input : reason::none;
    }
};

struct stage;

struct denominate_step {
    static constexpr const char* kind = "denominate";
    std::map<std::string, std::string> by;  ///< indicator → denominator column
    std::map<std::string, double> scale;    ///< indicator → scale factor (default 1)

    void apply(stage& s) const;
};
struct screen_step {
    static constexpr const char* kind = "screen";
    screen_options options;

    void apply(stage& s) const;
};
struct impute_step {
    static constexpr const char* kind = "impute";
    imputation method = imputation::group_mean;
    std::string group;  ///< label column for group methods
    bool clip = true;   ///< regression: predictions kept within the indicator's observed range

    void apply(stage& s) const;
};
struct treat_step {
    static constexpr const char* kind = "treat";
    treat_options options;
    // Per indicator, as COINr's Treat(indiv_specs = …): an indicator named here is treated with its
    // own method ("none": left untreated, COINr's `x1 = "none"`), winsorisation limit (f1_para
    // winmax) or fallback (f2); every other one with `options`. The limits (skew, kurtosis) are shared.
    std::map<std::string, std::string> methods;    ///< indicator → its own method ("none")
    std::map<std::string, double> winmaxes;        ///< coinr: indicator → its winmax (a whole number ≥ 0)
    std::map<std::string, std::string> fallbacks;  ///< coinr: indicator → its fallback ("log")

    /// The options indicator `name` is treated with: `options` with its own entries.
    treat_options options_for(const std::string& name) const;
    /// Whether any indicator has an entry of its own.
    bool per_indicator() const { return !methods.empty() || !winmaxes.empty() || !fallbacks.empty(); }
    void apply(stage& s) const;
};
struct normalise_step {
    static constexpr const char* kind = "normalise";
    normalise_options options;                                   ///< method and range
    std::map<std::string, std::pair<double, double>> goalposts;  ///< goalposts: indicator → (low, high)
    std::map<std::string, double> standard;                      ///< standard: indicator → value
    std::string reference;                                       ///< dist_to_ref: the reference region
    // Per indicator, as COINr's Normalise(indiv_specs = …) and its iMeta columns (minmax_lower/upper,
    // zscore_mean/sd, goalpost_scale): an indicator named here is normalised by its own method and
    // parameters, every other one by `options`. The other parameters (cap, ties, cost…) are shared.
    std::map<std::string, std::string> methods;               ///< indicator → its own method ("borda")
    std::map<std::string, std::pair<double, double>> ranges;  ///< minmax: indicator → its (low, high)
    std::map<std::string, std::pair<double, double>> m_sds;   ///< zscore: indicator → its (mean, sd)
    std::map<std::string, double> goal_scales;                ///< goalposts: indicator → its scale

    void apply(stage& s) const;
    /// The method and parameters indicator `name` is normalised with (its goalposts and standard
    /// value, where its method reads them, as the one entry of goal_low/goal_high/standard).
    normalise_options options_for(const std::string& name) const;
    /// The indicators with a method or parameter of their own: the keys of the four maps above,
    /// the one list of them.
    std::vector<std::string> own_indicators() const;
    /// Whether some indicator has a method or parameter of its own.
    bool per_indicator() const { return !own_indicators().empty(); }
    /// The same step without the four per-indicator maps.
    void clear_own() {
        methods.clear();
        ranges.clear();
        m_sds.clear();
        goal_scales.clear();
    }
};
struct weigh_step {
    static constexpr const char* kind = "weigh";
    weight_options options;
    std::vector<int> levels;  ///< levels whose groups are weighted this way (empty: all)

    void apply(stage& s) const;
};
struct aggregate_step {
    static constexpr const char* kind = "aggregate";
    aggregate_options options;
    std::vector<int> levels;  ///< levels aggregated this way (empty: all)

    void apply(stage& s) const;
};

/// One step of the pipeline, applied in the order given.
using step =
    std::variant<denominate_step, screen_step, impute_step, treat_step, normalise_step, weigh_step, aggregate_step>;

/// A layer's values: read and written as an Eigen::MatrixXd is (it is an Eigen::Map of its rows ×
/// columns), converts to one where a function takes a `const Eigen::MatrixXd&`, and `.matrix()`
/// gives one. build() makes all layers of one build in one block of memory (on huge pages where
/// the system has them: a fresh 4 KiB page costs a fault, and a build's layers are thousands of
/// them), which the layers share; when the last one goes the block is kept for the next build (one
/// block of at most 64 MB per process, never one a layer still uses). A copy owns new storage, as
/// a copy of a MatrixXd did; assigning a matrix of another shape gives the layer new storage of
/// that shape.
/// A read-only view of a layer's values that keeps their block alive: what shared() gives on a
/// const layer_matrix (a const result stays unchanged). Assigning it to a layer_matrix copies.
class layer_view : public Eigen::Map<const Eigen::MatrixXd> {
    using base = Eigen::Map<const Eigen::MatrixXd>;

public:
    layer_view() : base(nullptr, 0, 0) {}
    layer_view(std::shared_ptr<double[]> storage, const double* data, Eigen::Index rows, Eigen::Index cols)
        : base(data, rows, cols), storage_(std::move(storage)) {}
    layer_view(const layer_view& o) : base(o.data(), o.rows(), o.cols()), storage_(o.storage_) {}
    layer_view& operator=(const layer_view& o);
    ~layer_view() = default;

    /// The values as a matrix of their own.
    Eigen::MatrixXd matrix() const;
    /// The block that holds the values; on a temporary view a copy of the pointer, never a
    /// reference into the view.
    const std::shared_ptr<double[]>& storage() const& { return storage_; }
    std::shared_ptr<double[]> storage() const&& { return storage_; }

private:
    std::shared_ptr<double[]> storage_;
};

class layer_matrix : public Eigen::Map<Eigen::MatrixXd> {
    using base = Eigen::Map<Eigen::MatrixXd>;

public:
    layer_matrix() : base(nullptr, 0, 0) {}
    /// `rows` × `cols` doubles at `data`, inside `storage` (which keeps them alive).
    layer_matrix(std::shared_ptr<double[]> storage, double* data, Eigen::Index rows, Eigen::Index cols)
        : base(data, rows, cols), storage_(std::move(storage)) {}
    template <class Derived>
    layer_matrix(const Eigen::MatrixBase<Derived>& m) : base(nullptr, 0, 0) {  // NOLINT: converts as MatrixXd does
        assign(m);
    }
    layer_matrix(const layer_matrix& o);
    layer_matrix(layer_matrix&& o) noexcept : base(o.data(), o.rows(), o.cols()), storage_(std::move(o.storage_)) {
        o.rebind(nullptr, 0, 0);
    }
    layer_matrix& operator=(const layer_matrix& o);
    layer_matrix& operator=(layer_matrix&& o) noexcept {
        if (this == &o) return *this;
        storage_ = std::move(o.storage_);
        rebind(o.data(), o.rows(), o.cols());
        o.rebind(nullptr, 0, 0);
        return *this;
    }
    template <class Derived>
    layer_matrix& operator=(const Eigen::MatrixBase<Derived>& m) {
        assign(m);
        return *this;
    }

    /// A layer keeps its shape (Map's resize would only assert): assign a new matrix instead.
    void resize(Eigen::Index, Eigen::Index) = delete;
    void conservativeResize(Eigen::Index, Eigen::Index) = delete;

    /// The values as a matrix of their own.
    Eigen::MatrixXd matrix() const;
    /// The block that holds the values (shared with the other layers of the build). On a temporary
    /// (`build(...).at("treated").values.storage()`) a copy of the pointer, which keeps the block
    /// alive, never a reference into the layer that goes with the statement.
    const std::shared_ptr<double[]>& storage() const& { return storage_; }
    std::shared_ptr<double[]> storage() const&& { return storage_; }
    /// Another layer_matrix over the same values (no copy): writes through one show in the other.
    layer_matrix shared() { return layer_matrix(storage_, data(), rows(), cols()); }
    /// On a const layer (a const result's), a read-only view over the same values.
    layer_view shared() const { return layer_view(storage_, data(), rows(), cols()); }

private:
    void rebind(double* data, Eigen::Index rows, Eigen::Index cols) {
        new (static_cast<base*>(this)) base(data, rows, cols);
    }
    template <class Derived>
    void assign(const Eigen::MatrixBase<Derived>& m) {
        if (m.rows() != rows() || m.cols() != cols() || !storage_ || storage_.use_count() > 1) {
            // Evaluated first: `m` may read the values this layer is about to let go of.
            Eigen::MatrixXd evaluated = m;
            auto fresh = std::shared_ptr<double[]>(
                new double[static_cast<std::size_t>(std::max<Eigen::Index>(evaluated.size(), 1))]);
            rebind(fresh.get(), evaluated.rows(), evaluated.cols());
            storage_ = std::move(fresh);
            base::operator=(evaluated);
            return;
        }
        base::operator=(m.eval());
    }

    std::shared_ptr<double[]> storage_;
};

struct layer {
    std::string name;
    std::vector<Eigen::Index> rows;  ///< the input regions this layer keeps (screening drops some)
    layer_matrix values;             ///< rows × indicators (or × nodes for "aggregated")
};

/// What the regions of a table say about themselves: the rows whose code or "name" label is a
/// totals row's (合计, 总计, 全市, 全国…: validate.hpp's looks_like_totals_row) and the regions beside
/// regions inside them by their administrative codes (rollup.hpp's nested_regions). Ranked among
/// its own parts, a total counts their figures twice and moves every rank: build() notes it in
/// result::region_notes and says it in result::warnings (Python's NestedRegionsWarning).
struct region_notes {
    std::vector<std::size_t> totals;                          ///< rows that look like a totals row
    std::vector<std::pair<std::string, std::string>> nested;  ///< (region, the region it lies in)
    /// The sentence that says them ("" when there is nothing to say), as build() adds it to the
    /// warnings: the totals rows and the nested regions on one line, the nation (全国, a row to
    /// compare with, no sum of the others) on the next.
    std::string said;

    bool empty() const { return totals.empty() && nested.empty(); }
};

/// The notes on `regions`, with their names where `names` is not null (one per region, "" for
/// none). Nesting is looked for only among two administrative codes of 6, 9 or 12 digits at
/// least: without them there is nothing to nest, and codes of another kind (firm numbers) are not
/// read as regions. `what` begins the nation's sentence ("build: entity 全国 is the nation, …").
/// An argument_error when `names` and `regions` differ in length.
region_notes note_regions(const std::vector<std::string>& regions, const std::vector<std::string>* names = nullptr,
                          const std::string& what = "build");
/// The notes on a table's regions and its "name" label (where it has one of the regions' length).
region_notes note_regions(const table& t);

struct result {
    std::vector<std::string> regions;  ///< every input region
    /// The input regions that are totals, or beside regions inside them (region_notes); their
    /// sentence is also the first of `warnings`.
    composite::region_notes region_notes;
    std::vector<layer> layers;
    mark_matrix imputed_marks, treated_marks;  ///< over the rows of the imputed / treated layers
    /// Why each cell the imputation step met missing was missing (a `reason` code; none where
    /// present), over the rows of the imputed layer: a computed indicator's zero denominator,
    /// an invalid input or a denominator missing reach the imputation marks this way.
    reason_matrix imputed_reasons;
    std::vector<treat_record> treatment;  ///< per indicator, when a treat step ran
    screening screened;                   ///< when a screen step ran
    std::vector<level_plan> plans;        ///< per level from 2, as used
    aggregation_result aggregation;       ///< scores (over the rows of the last layer), weights
    /// The ranks of `aggregation.scores` as build() left them, node by node: 1 = best, equal scores
    /// share the lowest rank, NaN where the score is missing (`rank_scores` with ties::min). build()
    /// ranks the indicators on a second thread while it aggregates. Whoever replaces `aggregation`
    /// afterwards must rank again (`rank_scores`) or empty this.
    layer_matrix ranks;
    std::vector<std::string> method;  ///< the account of the method, one sentence per step
    /// What calls for attention, each a sentence of its own: a totals row or a region beside its
    /// parts among the regions (region_notes.said, first), regression predictions outside the
    /// indicator's observed range, a normalisation MPI undoes. What Python turns into warnings.
    std::vector<std::string> warnings;

    /// On a temporary result (`build(...).at("treated")`) the layer itself, moved out.
    layer at(const std::string& name) &&;
    /// The layer `name`; an unknown name is a lookup_error with "did you mean" and the layers.
    const layer& at(const std::string& name) const&;
};

namespace detail {

/// The memory of all the layers of one build, one block handed out in order (each layer's values
/// start on a 64-byte boundary). A layer that does not fit gets storage of its own.
class layer_block {
public:
    layer_block() = default;
    explicit layer_block(std::size_t doubles);
    /// `rows` × `cols` values, uninitialised.
    layer_matrix take(Eigen::Index rows, Eigen::Index cols);

private:
    std::shared_ptr<double[]> storage_;
    std::size_t used_ = 0, capacity_ = 0;
};

}  // namespace detail

/// What the steps work on: the indicator matrix of the rows still in play, and the result that
/// collects the layers, marks and the account of the method. A step's apply() reads and writes
/// only this: no global state, so the same steps on the same table give the same result.
struct stage {
    const table& data;
    const framework& fw;
    std::vector<std::string> names;  ///< the indicators, in framework order
    std::vector<int> direction;      ///< their directions (+1 or −1)
    std::vector<Eigen::Index> rows;  ///< the input regions still in play
    layer_matrix x;                  ///< rows × indicators, as the last step left it (its layer's values)
    reason_matrix reasons;           ///< rows × indicators: why a missing cell of x is missing
    bool normalised = false;
    std::vector<normalise_options> normalisations;  ///< how Normalise scaled each indicator, as `names`
    result& out;
    detail::layer_block memory;  ///< where the layers' values go

    /// Keeps `values` as the layer `name` over the rows in play, and as x for the next step.
    template <class Derived>
    void keep(const char* name, const Eigen::MatrixBase<Derived>& values) {
        layer_matrix kept = memory.take(values.rows(), values.cols());
        static_cast<Eigen::Map<Eigen::MatrixXd>&>(kept) = values;  // into the block, not new storage
        x = kept.shared();
        out.layers.push_back({name, rows, std::move(kept)});
    }

    Eigen::Index indicators() const { return static_cast<Eigen::Index>(names.size()); }
    Eigen::Index regions() const { return static_cast<Eigen::Index>(data.regions.size()); }
    [[deprecated("the composite's rows are regions: use regions()")]] Eigen::Index units() const { return regions(); }
};

namespace detail {

inline std::string format(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

inline bool applies(const std::vector<int>& chosen, int level) {
    return chosen.empty() || std::find(chosen.begin(), chosen.end(), level) != chosen.end();
}

/// A step's `levels` must be aggregation levels of the framework (2 to its top), or the step
/// would silently apply to nothing.
void check_levels(const std::vector<int>& chosen, const framework& fw, const char* step);

/// Ranks `r.aggregation.scores`' nodes into `r.ranks` (sized by build()): what an uncertainty
/// replication rebuilt with other plans does after replacing the aggregation.
void rank_aggregates(const framework& fw, result& r);

/// The closing lines of a result's method: one sentence per aggregation level saying what
/// `plans` did, the aggregation's notes, the rank convention. build() ends the method with them;
/// an uncertainty replication rebuilt with other plans replaces them.
std::vector<std::string> aggregation_account(const framework& fw, const std::vector<level_plan>& plans,
                                             const aggregation_result& aggregated);

/// build() without checking the steps' names against `fw`: for a model whose names were checked
/// against its own nodes when it was made (a preset serving a framework of some of its indicators
/// keeps its values for the others), and for the replications of an uncertainty analysis.
result build_steps(const table& data, const framework& fw, const std::vector<step>& steps);

}  // namespace detail

/// Applies `steps` in order. Normalisation must come before aggregation; weigh and aggregate
/// steps set the plan of their levels, and the index is aggregated once all steps have run.
/// Steps that would silently undo each other, refused with an argument_error naming them: two
/// Denominate steps (the second would divide again), two Weigh (or Aggregate) steps setting the
/// same level. A Weigh or Aggregate step without levels sets every level, or, given last of its
/// kind after steps with levels, the levels they leave. `top_level`: the framework's (0: not
/// known, the levels left unchecked); `labels`: the steps' names in messages (their kinds if empty).
void check_steps(const std::vector<step>& steps, int top_level, const std::vector<std::string>& labels = {});

result build(const table& data, const framework& fw, const std::vector<step>& steps);

}  // namespace zhibiao::composite
