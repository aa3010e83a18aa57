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
#include <optional>
#include <string>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao {

struct compute_options {
    elapsed_basis basis = elapsed_basis::month;  ///< for elapsed(): month (H1 = 0.5) or day
    bool strict = true;
    /// Evaluate the indicators that allow it together, block of rows by block of rows (every
    /// input read once, no temporary columns); false: one whole column at a time, each
    /// operation over the whole panel. Both give the same bits; the second is the reference
    /// the first is tested against. Time operators always run a column at a time.
    bool fused = true;
    /// Threads of the fused path (0: one per core); the results are the same bits for any count.
    unsigned threads = 0;
};

/// One computed column: values in `unit`, a reason per row (reason::none where present).
struct indicator_values {
    std::string id;
    zhibiao::unit unit;
    Eigen::ArrayXd values;
    std::vector<reason> reasons;
    /// Set when the whole column is missing (lenient mode): what was wrong.
    std::string column_problem;
};

/// Results for the rows of the panel they were computed on, in the panel's row order.
struct indicator_table {
    std::vector<indicator_values> columns;
    const indicator_values& at(const std::string& id) const& {
        for (const auto& c : columns)
            if (c.id == id) return c;
        throw unknown_indicator_error("no indicator '" + id + "' in this result", id);
    }
    /// On a temporary (`compute(p, ids).at(id)`) the column itself, moved out: a reference
    /// into the table would dangle once the statement ends.
    indicator_values at(const std::string& id) && {
        for (auto& c : columns)
            if (c.id == id) return std::move(c);
        throw unknown_indicator_error("no indicator '" + id + "' in this result", id);
    }
};

/// Computes one indicator.
indicator_values compute_indicator(const panel& p, const indicator& ind, const compute_options& options = {},
                                   const catalogue& cat = catalogue::builtin());

/// Computes indicators by id (throws unknown_indicator_error for an id not in `cat`).
indicator_table compute(const panel& p, const std::vector<std::string>& ids, const compute_options& options = {},
                        const catalogue& cat = catalogue::builtin());

/// Every indicator of the catalogue.
inline indicator_table compute_all(const panel& p, const catalogue& cat = catalogue::builtin(),
                                   compute_options options = {}) {
    std::vector<std::string> ids;
    for (const auto& i : cat.indicators()) ids.push_back(i.id);
    return compute(p, ids, options, cat);
}

/// Evaluates any formula over the panel: in `out` when given (throws if it cannot convert),
/// else in the formula's own unit. Validation rules and ad-hoc expressions use this.
indicator_values evaluate(const panel& p, const formula& f, const std::optional<unit>& out = std::nullopt,
                          const compute_options& options = {}, const catalogue& cat = catalogue::builtin());

}  // namespace zhibiao
