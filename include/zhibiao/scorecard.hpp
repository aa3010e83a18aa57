#pragma once
// Firm scorecards: qualification rules (HNTE 高新技术企业, tech-SME 科技型中小企业) as data.
//
// A scorecard (a TOML rule pack, data/scorecards/) declares
//  - inputs with units, bounds and whether they are optional; values that break them make a
//    firm "invalid input" with the reasons, and the batch goes on;
//  - validity checks between inputs (S&T staff ≤ staff);
//  - measures: named formulas over the inputs (st_staff / employees, three-year R&D ratios,
//    growth rates with their special cases), with if, min, max, abs, missing and round(x, d),
//    whose d is a constant whole number of digits from -15 to 15 (else a parse_error);
//  - gates: conditions that must all hold (eligibility);
//  - items: points from a band table over a measure (lower bound inclusive, as "（含）" reads,
//    or exclusive with `above`), possibly the better of several alternatives (recording which),
//    or expert-scored integers clipped to a maximum; a band may give a range of points (9–10),
//    resolved by a policy (low, high, mid) while the range is kept;
//  - caps on groups of items, a pass rule over the points, and direct-qualification routes.
//
// Band edges are exact: every comparison rounds both sides to a decimal grid (`precision`,
// 1e-9 in the unit of the comparison, by default) before comparing, so ½(115/100 + 132.25/115)
// − 1, which IEEE doubles give as 0.14999999999999991, lands in the 15% band as it should.
//
// Evaluation is columnar and multi-threaded over chunks of firms that stay in cache; the
// explanations are produced afterwards, only for the firms asked about.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "zhibiao/detail/reset_on_move.hpp"
#include "zhibiao/detail/text_copy.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {

namespace detail {
struct scorer;
struct compiled_scorecard;

/// Memory of result columns (compiled in the library). A column of 2 MiB or more is a mapping of
/// its own, 2 MiB aligned and advised into huge pages before its first touch: writing a new
/// result is mostly faulting in fresh pages, and malloc's placement left up to 4 MiB of each
/// column's ends on 4 KiB pages (a fault each). Smaller ones come from operator new.
void* allocate_result_bytes(std::size_t bytes);
void free_result_bytes(void* p, std::size_t bytes) noexcept;

/// std::allocator whose resize() leaves new elements uninitialised: the scorer writes every
/// result, so millions of them are not zeroed first (by one thread, touching every page) only
/// to be overwritten.
template <class T>
struct uninitialised_allocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = uninitialised_allocator<U>;
    };
    uninitialised_allocator() noexcept = default;
    template <class U>
    uninitialised_allocator(const uninitialised_allocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        return static_cast<T*>(allocate_result_bytes(n * sizeof(T)));
    }
    T* allocate(std::size_t n, const void*) { return allocate(n); }  // never std::allocator's (hint)
    void deallocate(T* p, std::size_t n) noexcept { free_result_bytes(p, n * sizeof(T)); }
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};
}  // namespace detail

/// A column of per-firm results.
template <class T>
using result_column = std::vector<T, detail::uninitialised_allocator<T>>;

/// Which points of a band's range (HNTE's 9–10) an item gets: its lowest, its highest, or its
/// middle in whole points, 四舍五入 (lo plus half the width rounded half up: 9–10 → 10, 19–24 → 22),
/// as each sub-item is scored in whole points (indicators.md §6a).
enum class points_policy { low, high, mid };

struct scorecard_input {
    std::string id, name_zh, name_en;
    /// Other headings a firm table gives the column (营业收入 for 销售收入), read as the input
    /// like its Chinese name (scorecard::input_columns).
    std::vector<std::string> other_names;
    zhibiao::unit unit;
    std::string unit_text;
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool integer = false;
    bool optional = false;  ///< may be missing (NaN) without making the firm invalid
};

struct band {
    double bound = -std::numeric_limits<double>::infinity();  ///< -inf: the bottom band
    bool inclusive = true;                                    ///< `min` (≥) or `above` (>)
    double points_lo = 0, points_hi = 0;
    std::string label;
};

struct scorecard_alternative {
    std::string measure;
    std::vector<band> bands;  ///< highest bound first
};

struct scorecard_item {
    std::string id, name_zh, name_en;
    double max = 0;
    std::vector<scorecard_alternative> alternatives;
    std::string expert_input;  ///< set for expert-scored items: the input, clipped to [0, max]
};

struct scorecard_condition {
    std::string id, condition, message_zh, message_en;
    zhibiao::formula parsed;
};

struct scorecard_cap {
    std::string id;
    std::vector<std::string> items;
    double max = 0;
};

struct scorecard_controllable {
    std::string input;
    double step = 1;                     ///< the smallest change (1 person, 0.01 万元)
    std::vector<std::string> also_adds;  ///< inputs that grow with it (hiring S&T staff adds to staff)
    double cost = 1;                     ///< cost per unit in 万元, to rank routes (an assumption)
    std::string label_zh, label_en;
};

struct scorecard_measure {
    std::string id, formula_text, unit_text;
    zhibiao::formula parsed;
    zhibiao::unit unit;
};

/// A firm's outcome, in the one vocabulary evaluate() (through Python) and gap() share.
enum class firm_status : std::uint8_t { passed, direct, failed, ineligible, invalid_input };
/// "passed", "direct", "failed", "ineligible", "invalid input".
const char* status_name(firm_status status);
inline std::ostream& operator<<(std::ostream& os, firm_status status) { return os << status_name(status); }

/// Points of every firm, column-major (rows × columns). Stored as float when every value the
/// pack can give — each band's points, the mid policy's, caps, and every sum of them — is
/// exactly a float (the built-in packs: whole points; scorecard::narrow_points()),
/// else as double. Either way operator() gives the same double the scorer computed.
class points_array {
public:
    points_array() = default;
    /// An array a result names in its errors: operator()'s call as `name` ("scorecard_result::total")
    /// and its columns as `columns_counted` ("items"; null: one column), its rows as firms.
    points_array(const char* name, const char* columns_counted) : name_(name), columns_counted_(columns_counted) {}
    Eigen::Index rows() const { return static_cast<Eigen::Index>(rows_); }
    Eigen::Index cols() const { return static_cast<Eigen::Index>(cols_); }
    Eigen::Index size() const { return static_cast<Eigen::Index>(rows_ * cols_); }
    bool narrow() const { return narrow_; }
    /// The value at (row, col); a row or column past the end (or negative) is an argument_error
    /// naming it and the size. floats() and doubles() are the unchecked paths for whole columns.
    double operator()(Eigen::Index row, Eigen::Index col = 0) const {
        if (name_ && (row < 0 || row >= rows() || col < 0 || col >= cols())) throw_outside(row, col);
        const std::size_t i = checked_index(row, col, "points_array::operator()");
        return narrow_ ? static_cast<double>(floats_[i]) : doubles_[i];
    }
    void set(Eigen::Index row, Eigen::Index col, double v) {
        const std::size_t i = checked_index(row, col, "points_array::set");
        if (narrow_)
            floats_[i] = static_cast<float>(v);
        else
            doubles_[i] = v;
    }
    /// The storage (null for the type not in use): the unchecked path for whole columns. Refused
    /// on a temporary (`card.evaluate(in).total.floats()`): the storage goes with it.
    float* floats() & { return narrow_ ? floats_.data() : nullptr; }
    const float* floats() const& { return narrow_ ? floats_.data() : nullptr; }
    const float* floats() const&& = delete;
    double* doubles() & { return narrow_ ? nullptr : doubles_.data(); }
    const double* doubles() const& { return narrow_ ? nullptr : doubles_.data(); }
    const double* doubles() const&& = delete;
    /// Keeps the storage when the shape and type already fit (its contents are then stale).
    void resize(std::size_t rows, std::size_t cols, bool narrow);

private:
    std::size_t checked_index(Eigen::Index row, Eigen::Index col, const char* call) const {
        if (row < 0 || row >= rows() || col < 0 || col >= cols())
            throw argument_error(std::string(call) + "(" + std::to_string(row) + ", " + std::to_string(col) +
                                 "): the array has " + std::to_string(rows()) + " rows and " + std::to_string(cols()) +
                                 " columns");
        return static_cast<std::size_t>(row) + static_cast<std::size_t>(col) * rows_;
    }
    // Said as the result's accessor, in firms and items ("scorecard_result::total(99): there are
    // 3 firms"), not as the array's internals (its operator(), "1 columns").
    [[noreturn]] void throw_outside(Eigen::Index row, Eigen::Index col) const {
        const bool one_column = columns_counted_ == nullptr;
        std::string said = std::string(name_) + "(" + std::to_string(row) +
                           (one_column && col == 0 ? std::string() : ", " + std::to_string(col)) + "): there are " +
                           std::to_string(rows()) + " firms";
        if (!one_column)
            said += " and " + std::to_string(cols()) + " " + columns_counted_;
        else if (col != 0)
            said += " (" + std::string(name_) + " has one column, 0)";
        throw argument_error(said);
    }

    // A move takes the storage and leaves 0 × 0: a moved-from array is empty, not a shape over
    // vectors it no longer has.
    detail::reset_on_move<std::size_t> rows_, cols_;
    bool narrow_ = true;
    const char* name_ = nullptr;             // a static text: copied and moved as it is
    const char* columns_counted_ = nullptr;  // likewise
    result_column<float> floats_;
    result_column<double> doubles_;
};

/// Per-firm results, columnar (rows = firms in input order; each item or gate one contiguous
/// column). The layout is lean, since writing (and first touching) the result is most of the
/// cost of scoring: one status byte per firm rather than valid/eligible/passed flags, points
/// as float where that is exact (points_array), and point ranges only for the items that have
/// them (scorecard::ranged_items()).
/// `rows` (a std::size_t, from the base) is 0 after the result is moved from, as its columns are
/// then empty.
struct scorecard_result : detail::rows_reset_on_move {
    result_column<std::uint8_t> status;  ///< a firm_status per firm
    result_column<std::int8_t> route;    ///< index of the direct route taken, -1 when none
    /// rows × 1, under the points policy; NaN for invalid input, a firm confirmed directly, and
    /// one with an item left blank (docs/scorecards.md).
    points_array total{"scorecard_result::total", nullptr};
    /// The range of totals when bands give ranges of points (empty for packs without ranges).
    points_array total_lo{"scorecard_result::total_lo", nullptr}, total_hi{"scorecard_result::total_hi", nullptr};
    /// rows × items: points under the policy; NaN for invalid input, a firm confirmed directly, and
    /// an item whose inputs the firm left blank (its measure missing, an optional input it reads blank).
    points_array points{"scorecard_result::points", "items"};
    /// rows × ranged items: the band's range of points of each item of scorecard::ranged_items()
    /// (empty for packs without ranges; an item without ranges has points = low = high).
    points_array points_lo{"scorecard_result::points_lo", "ranged items"},
        points_hi{"scorecard_result::points_hi", "ranged items"};
    Eigen::Array<std::int8_t, Eigen::Dynamic, Eigen::Dynamic> alternative;  ///< which measure scored; -1: none
    /// rows × gates: 1 = holds. A gate of an invalid-input firm that reads one of its invalid inputs
    /// (problems & inputs_read(gate.parsed)) was not judged: its 0 is no "fails" (Python gives NA).
    Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> gates;
    result_column<std::uint64_t> problems;  ///< bit k: input k invalid; bit inputs+j: validity check j failed
    /// The policy the points and totals were scored under (evaluate() sets it): explain() states
    /// the points, totals and scores of this policy, as the result holds them.
    points_policy policy = points_policy::low;

    // The per-firm accessors refuse a row past the end with an argument_error naming it and the
    // number of firms; the `status` column itself is the unchecked path for a pass over every firm.
    firm_status status_of(std::size_t row) const {
        return static_cast<firm_status>(status_byte(row, "scorecard_result::status_of"));
    }
    /// No input invalid (status is not invalid_input).
    bool valid(std::size_t row) const {
        return status_byte(row, "scorecard_result::valid") != static_cast<std::uint8_t>(firm_status::invalid_input);
    }
    /// Valid and every gate holds (passed, direct or failed).
    bool eligible(std::size_t row) const {
        return status_byte(row, "scorecard_result::eligible") <= static_cast<std::uint8_t>(firm_status::failed);
    }
    /// Passes, on points or by a direct route.
    bool passed(std::size_t row) const {
        return status_byte(row, "scorecard_result::passed") <= static_cast<std::uint8_t>(firm_status::direct);
    }

private:
    std::uint8_t status_byte(std::size_t row, const char* call) const {
        if (row >= status.size()) detail::throw_index_error(call, row, status.size(), "firms");
        return status[row];
    }
};

/// Columnar inputs in the pack's units: one pointer per scorecard input (in `inputs()` order),
/// already in the input's unit — nothing here converts (a panel's sales in 亿元 read as 万元
/// score wrongly: take a panel through scorecard::evaluate(panel) or inputs_from). The raw entry
/// for speed; a null pointer means the column is absent (all missing).
/// `rows` (a std::size_t, from the base; `scorecard_columns in{n, {}}` sets it) is 0 after a move,
/// as `columns` is then empty (and a scorecard_inputs moved from has no rows).
struct scorecard_columns : detail::rows_reset_on_move {
    std::vector<const double*> columns;
};

/// For one firm: the smallest change of each controllable input that makes it pass alone.
struct gap_entry {
    std::string input;
    double change = std::numeric_limits<double>::quiet_NaN();  ///< NaN: cannot pass this way
    double cost = std::numeric_limits<double>::quiet_NaN();
    bool closed_form = true;  ///< false when found by search (a rule with no closed form)
};

struct firm_gap {
    bool already_passes = false;  ///< status is passed or direct
    bool invalid = false;         ///< status is invalid_input
    firm_status status = firm_status::failed;
    std::vector<gap_entry> routes;
    int cheapest = -1;  ///< index into routes, -1 when no single input suffices
    /// When no single input suffices: the rules (gate ids, validity check ids, "pass") that
    /// still fail with each controllable input raised to the end of the search — what blocks.
    std::vector<std::string> blocked_by;
};

/// Input columns taken from a panel by name (one row a firm) and converted to the pack's units:
/// the one place that maps a panel onto a pack, for C++ and Python alike. It keeps alive what
/// its columns point to (converted copies, or the panel's own storage), so it may outlive the
/// panel.
class scorecard_inputs {
public:
    /// One pointer per pack input, in the pack's units (null: absent optional input).
    const scorecard_columns& columns() const& { return columns_; }
    /// Refused on a temporary (card.inputs_from(p).columns()): the columns point into converted
    /// copies the temporary owns. Keep the scorecard_inputs in a variable while scoring.
    const scorecard_columns& columns() && = delete;
    std::size_t rows() const { return columns_.rows; }
    /// Per firm, bit k: input k held a cell invalid for computing — text the loader could not
    /// read, a negative count, an invalid part of a roll-up: any reason but one that means
    /// "no value" (reason_means_absent). Such a firm is invalid input, never scored as if the
    /// input were merely missing. Empty when no cell was invalid.
    const std::vector<std::uint64_t>& unreadable() const& { return unreadable_; }
    /// On a temporary (`card.inputs_from(p).unreadable()`) a copy, never a reference into it.
    std::vector<std::uint64_t> unreadable() && { return std::move(unreadable_); }
    /// The reason of input k's cell of firm `row` (reason::none when unreadable() has no bit there).
    /// A row or input past the end is an argument_error naming it and the size.
    reason invalid_reason(std::size_t row, std::size_t k) const {
        if (row >= rows()) detail::throw_index_error("scorecard_inputs::invalid_reason", row, rows(), "rows");
        const std::size_t inputs = columns_.columns.size();
        if (k >= inputs) detail::throw_index_error("scorecard_inputs::invalid_reason", k, inputs, "inputs");
        return invalid_reasons_.empty() ? reason::none : invalid_reasons_[row * inputs + k];
    }
    /// Every cell's reason, row-major (rows × inputs; reason::none where the cell is fine); empty when
    /// unreadable() is. What explain() of scorecard_columns takes to name them.
    const std::vector<reason>& invalid_reasons() const& { return invalid_reasons_; }
    /// On a temporary (`card.inputs_from(p).invalid_reasons()`) a copy, never a reference into it.
    std::vector<reason> invalid_reasons() && { return std::move(invalid_reasons_); }
    /// (column heading, input id) of each input read from a column headed with a Chinese name
    /// rather than its id (scorecard::input_columns), in inputs() order.
    const std::vector<std::pair<std::string, std::string>>& renamed() const& { return renamed_; }
    /// On a temporary (`card.inputs_from(p).renamed()`) a copy, never a reference into it.
    std::vector<std::pair<std::string, std::string>> renamed() && { return std::move(renamed_); }

private:
    friend class scorecard;
    scorecard_columns columns_;
    std::vector<std::uint64_t> unreadable_;
    std::vector<reason> invalid_reasons_;  ///< row-major, rows × inputs; empty when unreadable_ is
    std::vector<std::shared_ptr<const void>> owners_;
    std::vector<std::pair<std::string, std::string>> renamed_;
};

class scorecard {
public:
    static scorecard from_toml(std::string_view text, const std::string& source = "<scorecard>");
    static scorecard load(const std::string& path);
    /// The packs shipped with the library: "tech-sme-2017", "hnte-2016", "hnte-2008".
    static const scorecard& builtin(const std::string& id);
    static std::vector<std::string> builtin_ids();

    // Copies on a temporary scorecard (`scorecard::load(path).inputs()`), never dangling references.
    const std::string& id() const& { return id_; }
    text_copy id() && { return text_copy(std::move(id_)); }
    const std::string& name_zh() const& { return name_zh_; }
    text_copy name_zh() && { return text_copy(std::move(name_zh_)); }
    const std::string& name_en() const& { return name_en_; }
    text_copy name_en() && { return text_copy(std::move(name_en_)); }
    const std::string& source() const& { return source_; }
    text_copy source() && { return text_copy(std::move(source_)); }
    const std::vector<scorecard_input>& inputs() const& { return inputs_; }
    std::vector<scorecard_input> inputs() && { return std::move(inputs_); }
    const std::vector<scorecard_item>& items() const& { return items_; }
    std::vector<scorecard_item> items() && { return std::move(items_); }
    const std::vector<scorecard_condition>& gates() const& { return gates_; }
    std::vector<scorecard_condition> gates() && { return std::move(gates_); }
    const std::vector<scorecard_condition>& validity() const& { return validity_; }
    std::vector<scorecard_condition> validity() && { return std::move(validity_); }
    /// Notes an explanation adds when a measure is nonzero ([[note]] id, when = a measure's id,
    /// messages): what the rules leave undefined and the pack decided (a first-year net asset
    /// ≤ 0 takes growth over the last two years), said to the analyst. `condition` holds `when`.
    const std::vector<scorecard_condition>& notes() const& { return notes_; }
    std::vector<scorecard_condition> notes() && { return std::move(notes_); }
    const std::vector<scorecard_condition>& routes() const& { return routes_; }
    std::vector<scorecard_condition> routes() && { return std::move(routes_); }
    const std::vector<scorecard_controllable>& controllables() const& { return controllables_; }
    std::vector<scorecard_controllable> controllables() && { return std::move(controllables_); }
    const std::vector<scorecard_measure>& measures() const& { return measures_; }
    std::vector<scorecard_measure> measures() && { return std::move(measures_); }
    const std::vector<scorecard_cap>& caps() const& { return caps_; }
    std::vector<scorecard_cap> caps() && { return std::move(caps_); }
    const scorecard_condition& pass_rule() const& { return pass_; }
    scorecard_condition pass_rule() && { return std::move(pass_); }
    double precision() const { return precision_; }
    /// Index of an input by id, or -1.
    int input_index(std::string_view id) const;

    /// Scores every firm; `threads` = 0 uses every core. The result is the same for any count.
    scorecard_result evaluate(const scorecard_columns& in, points_policy policy = points_policy::low,
                              unsigned threads = 0) const;
    /// The same into `out`, reusing its storage when the sizes match (batch servers scoring
    /// one block of firms after another allocate once).
    void evaluate_into(const scorecard_columns& in, scorecard_result& out, points_policy policy = points_policy::low,
                       unsigned threads = 0) const;
    /// How this pack is scored: "fused kernel (avx512)" for a built-in pack (or one whose rules
    /// compile to the same program), a kernel generated at build time; "vector machine" otherwise.
    /// Both give the same bits.
    std::string engine() const;
    /// True when some band gives a range of points (9–10) rather than a number.
    bool has_ranges() const;
    /// The items some of whose bands give a range of points, in order: the columns of a
    /// result's points_lo and points_hi.
    std::vector<std::size_t> ranged_items() const;
    /// True when every value of points and totals is exactly a float (results store them so).
    bool narrow_points() const;

    /// One line per firm explaining the outcome ("R&D ratio 3.2% < 4% required ..."), in "zh"
    /// or "en", for the rows asked about.
    std::vector<std::string> explain(const scorecard_columns& in, const scorecard_result& result,
                                     const std::vector<std::size_t>& rows, const std::string& language) const;
    /// The same, naming the cells the loader could not use: `cell_reasons` holds a reason per cell,
    /// row-major (in.rows × inputs; reason::none where the cell is fine), as
    /// scorecard_inputs::invalid_reasons() gives them. Such a cell is NaN in the columns, which the
    /// overload above can only call "missing"; here it is "unparseable, see the load report", and its firm
    /// is invalid input. Empty: none known (the overload above). Another size is an argument_error.
    std::vector<std::string> explain(const scorecard_columns& in, const scorecard_result& result,
                                     const std::vector<std::size_t>& rows, const std::string& language,
                                     const std::vector<reason>& cell_reasons) const;

    /// Gap to qualify for the rows asked about; `costs` overrides the packs' cost per unit
    /// (pairs of input id and 万元 per unit).
    std::vector<firm_gap> gap(const scorecard_columns& in, const std::vector<std::size_t>& rows,
                              const std::vector<std::pair<std::string, double>>& costs = {},
                              points_policy policy = points_policy::low) const;

    // From a panel: inputs found by name and converted to the pack's units. The entries above
    // that take scorecard_columns stay for speed and take raw columns in the pack's units and order.

    /// The pack's inputs from `p`, each from the column input_columns finds (its id or a Chinese
    /// heading; renamed() lists the latter): a required input the panel lacks is a
    /// missing_variable_error naming it; `units` (input id or column → unit text) overrides a column's unit, or gives
    /// one where the panel has none (then the pack's unit is assumed); incompatible units throw.
    scorecard_inputs inputs_from(const panel& p,
                                 const std::vector<std::pair<std::string, std::string>>& units = {}) const;
    /// The heading of the column that holds each input (in inputs() order; empty: no column),
    /// among a table's `headings`: the input's id, else a Chinese heading of it — its `name_zh`,
    /// the short form before a bracket (科技人员数 of 科技人员数（累计工作183天以上）) when no other
    /// input shares it, or one of its `other_names` (营业收入 for sales). Never guessed: a
    /// lookup_error names the columns when two give one input (its id and 研发费用, or 营业收入 and
    /// 销售收入), and a heading that is the short form of several inputs of which one has no
    /// column by id (销售收入 beside HNTE's sales_y1, sales_y2, sales_y3).
    std::vector<std::string> input_columns(const std::vector<std::string>& headings) const;
    /// A heading among `headings` that names no input but reads as a misspelling of input k:
    /// one or two letters from its id (rd_expens), another ending of its long stem
    /// (hnte_certificate), or one character from a Chinese heading of it of 4 characters or more
    /// (营业收人 for 营业收入, 研发费 for 研发费用; 总资产 is no 净资产) — never a heading that
    /// only extends a name (rd_expense_2023,
    /// 研发费用合计). Returns (that heading, the name it misspells), or two empty strings.
    std::pair<std::string, std::string> misspelt_heading(const std::vector<std::string>& headings, std::size_t k) const;
    /// What is wrong when input k has no column among `headings`, or "" when nothing: a required
    /// input is missing (and a misspelt heading of it is named: "did you mean"); an optional one
    /// is refused only when a heading misspells it, which would leave it blank for every firm.
    /// The one message of inputs_from and of Python's DataFrame path.
    std::string absent_input_problem(const std::vector<std::string>& headings, std::size_t k) const;
    /// `n` values of input k given in `from`, in the pack's unit (incompatible_units_error when they
    /// cannot convert), as inputs_from converts a panel's column. A whole number of an integer input
    /// as written stays whole: 0.0012 万人 is 12 人, although 0.0012 × 1e4 is 11.999999999999998 in
    /// doubles. A converted value within 2^-50 of its size of a whole number is decided on its shortest
    /// decimal form (the digits as written) moved by the conversion's power of ten: whole there, the
    /// whole number; else the product as is (0.00115 万人 stays 11.5 人, refused as before).
    void convert_input(std::size_t k, const unit& from, const double* values, double* out, std::size_t n) const;
    /// The inputs `f` (a formula of this pack: a gate's, a check's, a measure's) reads, directly or
    /// through the measures it names: bit k for input k (the bits of scorecard_result::problems).
    std::uint64_t inputs_read(const formula& f) const;
    /// Every key of `units` names an input of the pack (its id, or a Chinese heading input_columns reads), else a
    /// lookup_error with "did you mean" (inputs_from's check; the DataFrame path of Python makes it too).
    void check_units(const std::vector<std::pair<std::string, std::string>>& units) const;
    /// Scores the firms of `in`; a firm with a cell invalid for computing (see unreadable()) is invalid input.
    scorecard_result evaluate(const scorecard_inputs& in, points_policy policy = points_policy::low,
                              unsigned threads = 0) const;
    scorecard_result evaluate(const panel& p, points_policy policy = points_policy::low, unsigned threads = 0) const;
    /// explain() of the columns with the reasons of the cells the loader could not use (invalid_reasons()).
    std::vector<std::string> explain(const scorecard_inputs& in, const scorecard_result& result,
                                     const std::vector<std::size_t>& rows, const std::string& language) const;
    std::vector<firm_gap> gap(const scorecard_inputs& in, const std::vector<std::size_t>& rows,
                              const std::vector<std::pair<std::string, double>>& costs = {},
                              points_policy policy = points_policy::low) const;

    scorecard();
    scorecard(const scorecard&);
    scorecard(scorecard&&) noexcept;
    scorecard& operator=(const scorecard&);
    scorecard& operator=(scorecard&&) noexcept;
    ~scorecard();

private:
    friend struct detail::scorer;
    void compile();
    /// Every id of `costs` names a controllable input (else lookup_error, did you mean), every cost finite ≥ 0.
    void check_gap_costs(const std::vector<std::pair<std::string, double>>& costs) const;

    std::string id_, name_zh_, name_en_, source_;
    double precision_ = 1e-9;
    std::vector<scorecard_input> inputs_;
    std::vector<scorecard_condition> validity_, gates_, routes_, notes_;
    std::vector<scorecard_measure> measures_;
    std::vector<scorecard_item> items_;
    std::vector<scorecard_cap> caps_;
    scorecard_condition pass_;
    std::vector<scorecard_controllable> controllables_;
    std::shared_ptr<const detail::compiled_scorecard> compiled_;
};

}  // namespace zhibiao
