#pragma once
// Where one value comes from: the audit trail of one indicator for one entity and period.
//
// explain() runs the column evaluator of compute() over the entity's rows with every step
// recorded, so the value it explains is compute()'s, bit for bit. It lists every term the
// formula read — each variable and each indicator, and, one level deeper, the terms of the
// indicators it uses — with the (entity, period) actually read (a time operator's choice:
// year_end() taking the previous year end's population, yoy() the same half a year earlier),
// the value as stored and its unit, the value in the unit the formula uses it in, and the reason
// when it has none. The value itself comes with the formula's result in its own unit, the
// conversion into the indicator's unit and the catalogue's valid range.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <string>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {

/// One value a formula read.
struct explained_term {
    std::string name;        ///< the variable or indicator read
    bool indicator = false;  ///< an indicator (its own terms follow it, one level deeper)
    std::string read_by;     ///< the indicator whose formula reads it
    int depth = 0;           ///< 0: read by the explained indicator; 1: by an indicator it uses …
    std::string through;     ///< the time operators it was read through, outermost first ("yoy"); empty: none
    std::string entity;      ///< the entity code read
    zhibiao::period period;  ///< the period read (sought, when the panel has no such row)
    bool row_found = true;   ///< false: the panel has no row for (entity, period)
    double stored = 0;       ///< as stored: a panel cell in its column's unit, an indicator in its unit
    zhibiao::unit stored_unit;
    double used = 0;  ///< in the unit the formula uses it in (converted where an operation converts it)
    zhibiao::unit used_unit;
    reason why = reason::none;  ///< why it gives no value to the formula (none: it does)
    std::string note;           ///< why there is no row where the period alone does not say; else empty
};

/// The audit trail of one indicator value (explain()).
struct explanation {
    std::string indicator;  ///< the indicator's id
    std::string formula;    ///< its formula, as written in the catalogue
    std::string entity;
    zhibiao::period period;
    double value = 0;  ///< compute()'s value, bit for bit (NaN when missing)
    zhibiao::unit unit;
    reason why = reason::none;  ///< why it is missing (none: it is not)
    double raw = 0;             ///< the formula's result in its own unit, before conversion
    zhibiao::unit raw_unit;
    conversion converted;  ///< raw_unit → unit
    double valid_min = 0, valid_max = 0;
    std::string problem;  ///< lenient mode: why the whole column is missing (a missing variable …)
    std::vector<explained_term> terms;

    /// A readable account, one term a line.
    std::string to_string() const;
};

/// The audit trail of indicator `indicator_id` for `entity` at `at`. Throws
/// unknown_indicator_error for an id not in `cat` and argument_error (with "did you mean") for
/// an entity or period the panel lacks; missing inputs throw as in compute() when
/// `options.strict`, else give a NaN value with the problem said.
explanation explain(const panel& p, const std::string& indicator_id, const std::string& entity, const period& at,
                    const compute_options& options = {}, const catalogue& cat = catalogue::builtin());

}  // namespace zhibiao
