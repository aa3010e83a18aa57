#pragma once
// The formula language of indicators, validation rules and user definitions.
//
//   expr    := or
//   or      := and ('or' and)*            and := not ('and' not)*       not := 'not' not | cmp
//   cmp     := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*  unary := '-' unary | primary
//   primary := number ['[' unit ']'] | name | name '(' [expr (',' expr)*] ')' | '(' expr ')'
//
// Names are panel variables or catalogue indicators (an indicator id wins; `published(x)` reads
// a panel column that shares an indicator's id). Functions: if(c, a, b), min, max, abs,
// missing(x), round(x[, digits −15…15]), sqrt, log, exp, published(x), printed_tolerance(x), printed_round(x, p), and
// the time operators lag(x, k), lead(x, k), yoy(x), growth(x), cagr(x, years), ytd(x),
// single_month(x), single_quarter(x) (a month's or quarter's figure from cumulative ones),
// last_year_end(x), year_end(x), elapsed(), target(x), cumulable(x) (x; refused on a ratio: §5).
// Scorecards use the same language without the time operators and sqrt/log/exp; one registry
// of functions (src/formula/functions.hpp) defines each function's arity, units and what it
// does with a missing value for both. `and`/`or` are three-valued: `0 and missing` is 0,
// `1 or missing` is 1, other combinations with a missing operand are missing.
// round() rounds the double it is given, halves away from zero: 107 / 40 is held as 2.67499…
// and round(·, 2) gives 2.67 (a scorecard's pass or fail must not move on a hair), while the
// printed tables (zb.write_csv, the CLI) count such a hair as the half and print 2.68.
//
// A formula is parsed once into a tree. Units are checked before any row is touched: against
// the catalogue's declared dimensions when a catalogue is loaded, and against the panel's
// actual units when it is evaluated (adding 万元 to 人 is an incompatible_units_error with the
// formula text and a caret under the offending span). Evaluation then runs a whole column at a
// time, converting scales exactly (powers of ten) and carrying a reason for every missing value.
// Semantics chosen for statistics: division by zero or by a negative quantity is missing
// (zero_denominator, negative_denominator); growth over a base ≤ 0 is missing (nonpositive_base).

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "zhibiao/detail/text_copy.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {

class formula;
namespace detail {
struct formula_node;  // the parsed tree: private to the library (src/formula/node.hpp)
const formula_node& root_of(const formula& f);
}  // namespace detail

/// A byte range of the formula text, for messages with a caret.
struct text_span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

class formula {
public:
    formula() = default;
    /// Parses `text`; throws parse_error with the text and a caret, limit_error for nesting
    /// deeper than `max_depth` or a tree taller than `max_height`.
    static formula parse(const std::string& text);

    const std::string& text() const& { return text_; }
    text_copy text() && { return text_copy(std::move(text_)); }  // a copy that will not become a view
    bool empty() const { return !root_; }
    /// The names the formula reads (variables or indicators), in order of first use.
    std::vector<std::string> names() const;

    /// "message\n  <formula>\n  <caret under span>" — the shape of every formula error.
    std::string describe(const std::string& message, text_span where) const;

    /// Brackets, calls and prefix operators (`-`, `+`, `not`) nested inside each other.
    static constexpr int max_depth = 200;
    /// Levels of the parsed tree. A chain `a + b + c + …` is one level per operator, so this
    /// also bounds the length of a chain. Every walk over the tree (typing, evaluation,
    /// compiling, destruction) recurses once per level: this bound keeps them within the stack.
    static constexpr int max_height = 1000;

private:
    friend const detail::formula_node& detail::root_of(const formula& f);
    std::string text_;
    std::shared_ptr<const detail::formula_node> root_;
};

}  // namespace zhibiao
