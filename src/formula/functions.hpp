#pragma once
// The one vocabulary of the formula language: every function and operator, its arity, its unit
// rule, what it does with a missing value and the reason it gives when it cannot give a value.
// The panel evaluator (src/formula/evaluate.cpp), the scorecard compiler (src/scorecard/machine.*)
// and the kernel writer (src/scorecard/codegen/write_kernels.cpp) all read this table; the row
// semantics of each operation are the inline functions below, which both engines call, so a
// formula means the same thing wherever it runs. Private to src/.
//
// Missing values (a panel cell with a reason; NaN in a scorecard, which carries no reasons):
//   - Every operation but `missing`, `and`, `or` and `if` is missing where an argument is
//     missing, with the reason of its first missing argument (left before right).
//   - missing(x): 1 where x is missing, else 0; never missing itself.
//   - if(c, a, b): missing where c is missing; otherwise the chosen branch, missing or not (the
//     branch not chosen may be missing).
//   - a and b, a or b: three-valued (Kleene): `0 and missing` is 0, `1 or missing` is 1; any other
//     combination with a missing operand is missing (reason of the first missing operand).
//   - not, comparisons, min, max, abs, round: missing in, missing out.
// Failures of the operation itself (the `on_failure` reason of its entry):
//   - x / z: missing where z = 0 (zero_denominator) or z < 0 (negative_denominator).
//   - sqrt of a negative number, log of a number ≤ 0: out_of_range. growth, cagr over a base
//     ≤ 0: nonpositive_base. Time operators reaching a period the panel lacks: no_such_period.
//   - round(x, d): d a constant whole number −15…15; |x·10^d| ≥ 2^52 is already whole: x as is.
// Differences that stay, by design: the panel evaluator also turns a result of ±inf (an
// overflow) into out_of_range, and compares exactly; a scorecard compares on its decimal grid
// (scorecard comparison_grid) and its inputs are checked finite before any formula runs.

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "formula/node.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao::detail {

/// How a function's result unit follows from its arguments' units.
enum class unit_rule {
    same_as_first,  ///< abs, round, printed_tolerance, lag, lead, yoy, ytd, last_year_end, target, cumulable: the
                    ///< first argument's unit
    choice,         ///< if: the branches convert to the first branch's unit; the condition any
    common,         ///< min, max: every argument converts to the first one's unit
    dimensionless,  ///< sqrt, log, exp: a dimensionless argument, a dimensionless result
    ratio,          ///< growth, cagr: any argument, a dimensionless result (a rate)
    flag,           ///< missing: any argument, a 0/1 result
    fraction,       ///< elapsed: no argument, a dimensionless result
    published,      ///< published(name): the column's own unit, known only from the data
    product,        ///< the operators * and /: the product or quotient of the units
};

/// A constant argument some functions take after the value (lag's k, round's digits …).
enum class literal_rule { none, count_from_0, count_from_1, digits };

/// Where a function can run: scorecards read one period of each firm, so the time operators
/// (and functions the vector machine has no lane operation for) are for panel indicators only.
enum class engines : unsigned { panel = 1, both = 3 };

struct function_spec {
    std::string_view name;
    int min_args, max_args;
    unit_rule units;
    literal_rule literal;  ///< rule for the last argument when a call has max_args of them
    engines where;
    reason on_failure;            ///< reason when the function itself gives no value (none: always gives one)
    std::string_view on_missing;  ///< what a missing argument does, for messages and the docs
    /// The statement the kernel writer emits for this function ({0}, {1}, {2}: argument
    /// registers, {k}: the op's constant); empty for panel-only functions.
    std::string_view kernel;
};

/// Every function, in the order the documentation lists them.
const std::vector<function_spec>& functions();
/// Operators (`/`, `and`, …) in the same shape (arity 1 or 2), for the kernel writer and tests.
const std::vector<function_spec>& operators();
/// nullptr for a name that is not a function.
const function_spec* find_function(std::string_view name);
/// The entry of an operator written as in a formula ("/", "and", "not", "neg" for unary minus).
const function_spec& find_operator(std::string_view symbol);
/// The function names usable in `where` (for "did you mean").
std::vector<std::string> function_names(engines where = engines::panel);

/// The entry for call `n`, after checking the name exists, runs in `where` and has a valid
/// number of arguments and a valid constant argument; parse_error with a caret otherwise.
const function_spec& checked_call(const formula& f, const formula_node& n, engines where);
/// The constant argument of `n` by `spec.literal` (k, years, digits); `fallback` when absent.
int literal_argument(const formula_node& n, const function_spec& spec, int fallback);

inline constexpr int max_round_digits = 15;

/// yoy(x) and growth(x) over a same-scope prior column `x_prior` (上年同期同口径, spec §5): true when
/// the row's prior cell says only that none was given (a blank cell, or no child of a roll-up
/// parent gave one), so the row reads x a year earlier. Any other gap of that cell — text that is
/// no number, a partial roll-up sum (incomplete_rollup), an invalid part — is the base's gap with
/// its reason: the published level a year earlier is another scope and never stands in for it.
inline bool prior_left_blank(reason why) { return why == reason::missing_input; }

// ------------------------------------------------------------------ row semantics, shared
// Each operation with a failure gives its value and reason for one row (`reason_of`) and the
// lane form the scorecard machine vectorises (NaN where the row form gives a reason): the two
// are written side by side so they cannot drift apart.
namespace row {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

inline reason divide(double x, double z, double& y) {
    if (z == 0) return reason::zero_denominator;
    if (z < 0) return reason::negative_denominator;
    y = x / z;
    return reason::none;
}
inline double divide_lane(double x, double z) {
    const double q = x / z;
    return z > 0 ? q : nan;  // both computed, then selected: the loop vectorises
}

/// round(x · scale) / scale, halves away from zero; beyond 2^52 x is whole already (and
/// 1e300 · 10^15 would overflow), so x is returned as is.
inline double round_scaled(double x, double scale) {
    const double scaled = x * scale;
    const double rounded = std::round(scaled) / scale;
    return std::fabs(scaled) < 0x1p52 ? rounded : x;
}

/// Kleene `and` over 0/1/NaN: 0 if either side is a present 0, else NaN if either is missing.
inline double and_lane(double a, double b) {
    const bool false_seen = (a == 0) | (b == 0);
    const bool missing_seen = (a != a) | (b != b);
    const double r = missing_seen ? nan : 1.0;
    return false_seen ? 0.0 : r;
}
/// Kleene `or`: 1 if either side is present and not 0, else NaN if either is missing.
inline double or_lane(double a, double b) {
    const bool true_seen = ((a != 0) & (a == a)) | ((b != 0) & (b == b));
    const bool missing_seen = (a != a) | (b != b);
    const double r = missing_seen ? nan : 0.0;
    return true_seen ? 1.0 : r;
}

}  // namespace row
}  // namespace zhibiao::detail
