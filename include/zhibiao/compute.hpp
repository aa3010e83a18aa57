#pragma once
// Computing indicators over a panel.
//
// Every indicator — built-in or the user's — is a formula (formula.hpp) evaluated a whole
// column at a time. Inputs convert into the indicator's output unit with exact power-of-ten
// steps (a 亿元 numerator over a 万元 denominator is never off by 10⁴). Every result cell is a
// finite number or NaN with a reason: an input missing or unparseable, a denominator zero or
// negative, an input below its variable's minimum (a negative count), a growth base ≤ 0, a
// period a time operator needs but the panel lacks, or a result outside the indicator's valid
// range (a share above 100). No ±inf ever leaves these functions.
//
// Strict mode (the default) throws missing_variable_error when the panel lacks an input and
// incompatible_units_error when a unit cannot convert; lenient mode turns these into whole
// columns of NaN with reason missing_variable / unit_mismatch, so a whole catalogue can be run
// over a panel that has only some of its inputs. Indicators may use other indicators; a cycle
// is an error naming it.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "zhibiao/detail/text_copy.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao {

struct compute_options {
    /// For elapsed() (序时进度, spec §5): month (H1 = 0.5), day (181/365) or quarter (whole quarters
    /// over: H1 = 0.5, 1-5月 = 0.25).
    elapsed_basis basis = elapsed_basis::month;
    /// An indicator whose variables the panel lacks, or whose units do not convert, throws
    /// (missing_variable_error, incompatible_units_error); false: a column of NaN with reason
    /// missing_variable (unit_mismatch). compute_all(p, cat) without options is not strict.
    bool strict = true;
    /// Evaluate the indicators that allow it together, block of rows by block of rows (every
    /// input read once, no temporary columns); false: one whole column at a time, each
    /// operation over the whole panel. Both give the same bits; the second is the reference
    /// the first is tested against. Time operators always run a column at a time.
    bool fused = true;
    /// Threads of the fused path (0: one per core); the results are the same bits for any count.
    unsigned threads = 0;
};

/// The reason codes of a computed column, read-only: a view into the storage of the
/// indicator_values it came from, which it keeps alive (a view taken from a table that is gone
/// since, `[&] { indicator_table t = compute(p, ids); return t[0].reasons(); }()`, stays valid).
class reason_view {
public:
    reason_view() = default;
    /// Views `size` reasons at `data`, kept alive by `owner` (none: valid while the caller keeps them).
    reason_view(const reason* data, std::size_t size, std::shared_ptr<const void> owner = {})
        : owner_(std::move(owner)), data_(data), size_(size) {}
    const reason* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    reason operator[](std::size_t row) const { return data_[row]; }
    reason at(std::size_t row) const {
        if (row >= size_)
            throw argument_error("reason_view::at: row " + std::to_string(row) + " out of range (" +
                                 std::to_string(size_) + " rows)");
        return data_[row];
    }
    const reason* begin() const { return data_; }
    const reason* end() const { return data_ + size_; }
    std::vector<reason> to_vector() const;
    friend bool operator==(reason_view a, reason_view b) {
        return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
    }
    friend bool operator==(reason_view a, const std::vector<reason>& b) {
        return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }
    friend bool operator==(const std::vector<reason>& a, reason_view b) { return b == a; }
    friend bool operator!=(reason_view a, reason_view b) { return !(a == b); }
    friend bool operator!=(reason_view a, const std::vector<reason>& b) { return !(a == b); }
    friend bool operator!=(const std::vector<reason>& a, reason_view b) { return !(b == a); }

private:
    std::shared_ptr<const void> owner_;
    const reason* data_ = nullptr;
    std::size_t size_ = 0;
};

/// One computed column: values in `unit`, a reason per row (reason::none where present).
/// Read-only and cheap to copy: copies share the storage, which compute() takes for all its
/// columns from one block of memory. As with a panel's column, the accessors called on a
/// temporary return copies, never a view into it.
struct indicator_values {
public:
    indicator_values() = default;
    /// Owns `values` and `reasons` (one per value; empty: reason::none everywhere).
    indicator_values(std::string id, zhibiao::unit u, Eigen::ArrayXd values, std::vector<reason> reasons = {},
                     std::string column_problem = {}, std::string missing_variable = {});
    /// Views `rows` values and reasons at `values` and `reasons`, kept alive by `owner`.
    indicator_values(std::string id, zhibiao::unit u, const double* values, const reason* reasons, std::size_t rows,
                     std::shared_ptr<const void> owner, std::string column_problem = {})
        : id_(std::move(id)),
          unit_(std::move(u)),
          column_problem_(std::move(column_problem)),
          owner_(std::move(owner)),
          values_(values),
          reasons_(reasons),
          rows_(rows) {}

    const std::string& id() const& { return id_; }
    text_copy id() && { return text_copy(std::move(id_)); }
    const zhibiao::unit& unit() const& { return unit_; }
    zhibiao::unit unit() && { return std::move(unit_); }
    std::size_t size() const { return rows_; }
    /// A map that keeps the storage alive (column_values); on a temporary, a copy.
    column_values values() const& { return {values_, rows_, owner_}; }
    Eigen::ArrayXd values() &&;
    /// A view that keeps the storage alive; on a temporary, a copy.
    reason_view reasons() const& { return {reasons_, rows_, owner_}; }
    std::vector<reason> reasons() &&;
    /// Set when the whole column is missing (lenient mode): what was wrong.
    const std::string& column_problem() const& { return column_problem_; }
    text_copy column_problem() && { return text_copy(std::move(column_problem_)); }
    /// The variable the panel lacks when that is why the whole column is missing (lenient mode;
    /// column_problem says it in words), else empty.
    const std::string& missing_variable() const& { return missing_variable_; }
    text_copy missing_variable() && { return text_copy(std::move(missing_variable_)); }
    /// What keeps the storage alive. For bindings only (a NumPy view of the column holds it);
    /// not a stable interface.
    const std::shared_ptr<const void>& storage_owner() const& { return owner_; }
    std::shared_ptr<const void> storage_owner() && { return std::move(owner_); }

private:
    std::string id_;
    zhibiao::unit unit_;
    std::string column_problem_;
    std::string missing_variable_;
    std::shared_ptr<const void> owner_;
    // A move leaves these null and 0 with the owner: moved-from values are empty (size 0).
    detail::reset_on_move<const double*> values_;
    detail::reset_on_move<const reason*> reasons_;
    detail::reset_on_move<std::size_t> rows_;
};

struct indicator_table;
namespace detail {
/// The unknown_indicator_error of indicator_table::at for an id the table lacks, with the closest
/// id it has as "did you mean" (compiled in the library: the edit distance need not be in every file).
[[noreturn]] void throw_no_indicator(const indicator_table& table, const std::string& id);
}  // namespace detail

/// Results for the rows of the panel they were computed on, in the panel's row order.
struct indicator_table {
public:
    indicator_table() = default;
    explicit indicator_table(std::vector<indicator_values> columns) : columns_(std::move(columns)) {}

    std::size_t size() const { return columns_.size(); }
    bool empty() const { return columns_.empty(); }
    const std::vector<indicator_values>& columns() const& { return columns_; }
    /// Refused on a temporary: `compute(p, ids).columns()[0]` would be a reference into it.
    /// Take `compute(p, ids)[0]` or `.at(id)` (copies), or name the table first.
    const std::vector<indicator_values>& columns() && = delete;
    /// k past the end: an argument_error naming k and the size.
    const indicator_values& operator[](std::size_t k) const& { return columns_[checked(k)]; }
    indicator_values operator[](std::size_t k) && { return std::move(columns_[checked(k)]); }
    const indicator_values* begin() const& { return columns_.data(); }
    const indicator_values* end() const& { return columns_.data() + columns_.size(); }
    const indicator_values* begin() && = delete;
    const indicator_values* end() && = delete;

    /// An id the table lacks: an unknown_indicator_error with the closest id it has ("did you mean").
    const indicator_values& at(const std::string& id) const& {
        for (const auto& c : columns_)
            if (c.id() == id) return c;
        detail::throw_no_indicator(*this, id);
    }
    /// On a temporary (`compute(p, ids).at(id)`) the column itself, moved out: a reference
    /// into the table would dangle once the statement ends.
    indicator_values at(const std::string& id) && {
        for (auto& c : columns_)
            if (c.id() == id) return std::move(c);
        detail::throw_no_indicator(*this, id);
    }

private:
    std::size_t checked(std::size_t k) const {
        if (k >= columns_.size())
            throw argument_error("indicator_table[" + std::to_string(k) + "]: the table has " +
                                 std::to_string(columns_.size()) + " indicators");
        return k;
    }
    std::vector<indicator_values> columns_;
};

/// Computes one indicator.
indicator_values compute_indicator(const panel& p, const indicator& ind, const compute_options& options = {},
                                   const catalogue& cat = catalogue::builtin());

/// Computes indicators by id (throws unknown_indicator_error for an id not in `cat`).
indicator_table compute(const panel& p, const std::vector<std::string>& ids, const compute_options& options = {},
                        const catalogue& cat = catalogue::builtin());

/// Every indicator of the catalogue. A panel rarely holds every variable of a catalogue, so, as
/// Python's compute() of the whole catalogue, an indicator whose variables the panel lacks (or
/// whose units do not convert) is a column of NaN with reason missing_variable (unit_mismatch),
/// never an exception. (It threw the first missing_variable_error, as compute() of ids does.)
indicator_table compute_all(const panel& p, const catalogue& cat = catalogue::builtin());
/// The same with `options` as given: with `strict` (its default) the first such indicator throws.
indicator_table compute_all(const panel& p, const catalogue& cat, compute_options options);

/// Evaluates any formula over the panel: in `out` when given (throws if it cannot convert),
/// else in the formula's own unit. Validation rules and ad-hoc expressions use this.
indicator_values evaluate(const panel& p, const formula& f, const std::optional<unit>& out = std::nullopt,
                          const compute_options& options = {}, const catalogue& cat = catalogue::builtin());

}  // namespace zhibiao
