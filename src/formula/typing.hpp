#pragma once
// Unit inference over a formula tree, shared by the catalogue (declared dimensions) and the
// evaluator (the panel's units). Private to src/.
#include <functional>
#include <type_traits>
#include <optional>

#include "formula/node.hpp"

namespace zhibiao {
class catalogue;
class column;
class panel;
struct variable_spec;
}  // namespace zhibiao

namespace zhibiao::detail {

/// A node's unit, or "not known yet" (a variable of any dimension, before data arrive).
struct typed {
    unit u;
    bool known = true;
};

/// Resolves a name to its unit; nullopt = unknown (checks involving it are deferred).
/// `counts_checked` false: the units are the catalogue's declared ones, not those the panel loaded the
/// columns in, so their measure words say nothing (a table may count contracts in 件 where the catalogue
/// says 项, and patents[件] + contracts[件] add): 件 + 项 is refused where a panel's units are known.
struct unit_resolver {
    template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, unit_resolver>>>
    unit_resolver(F&& f, bool check_counts = true)  // NOLINT(google-explicit-constructor): a lambda is one
        : unit_of(std::forward<F>(f)), counts_checked(check_counts) {}
    std::optional<unit> operator()(const std::string& name) const { return unit_of(name); }

    std::function<std::optional<unit>(const std::string& name)> unit_of;
    bool counts_checked = true;
};

/// The unit of `n`; throws incompatible_units_error or parse_error (unknown function, wrong
/// arguments) described with the formula text and a caret.
typed infer(const formula& f, const formula_node& n, const unit_resolver& resolve);

/// An incompatible_units_error at `where` when a and b count different things (件 and 项, units.hpp
/// counted_things), saying the way out; `verb` is "add", "compare"…
void refuse_different_counts(const formula& f, const unit& a, const unit& b, const std::string& verb, text_span where);

/// An incompatible_units_error when `f`, on the units the panel loaded (`loaded`), counts other things
/// than the unit `asked` (unit='项' on a[件]), unless the catalogue's declared units vouch for it.
void refuse_other_count(const formula& f, const unit& asked, const catalogue& cat, const unit_resolver& loaded);

/// 百分点 and % swapped by an indicator's unit `out` (spec §5): a change of a rate (one rate less
/// another) labelled %, or a rate of change (growth(), cagr(), x / yoy(x) - 1, (x - q) / q) labelled
/// 百分点, seen through unary minus, abs, round, * or / by a constant and the branches of if/min/max.
/// An incompatible_units_error pointing at the formula; nothing where the form cannot be told
/// (operand units unknown or the bare 1, a constant or a sum of shares on one side).
void refuse_percent_for_points(const formula& f, const unit& out, const unit_resolver& resolve);

/// `n` is known to be a ratio: dimensionless in a unit other than the bare 1, or a rate of change.
bool is_rate(const formula& f, const formula_node& n, const unit_resolver& resolve);

/// A number written without a unit (10, -3; a bare 0 is zero of any unit) beside a value in a
/// scaled dimensionless unit (%, ‰, 百分点): in `share >= 10` the 10 would be 1000 %, in `share + 1`
/// the 1 would be 100 %. An incompatible_units_error pointing at the number, saying how to write
/// either meaning; nothing when `number` is no bare number or `other` no scaled ratio.
void refuse_bare_number(const formula& f, const formula_node& number, const unit& other);

/// The message of that refusal, for the scorecard compiler, which tracks bare numbers itself.
[[noreturn]] void throw_bare_number(const formula& f, text_span number, const unit& other);

/// A dimensionless unit that scales its numbers: %, ‰, 百分点 (not the plain ratio 1).
inline bool scaled_ratio(const unit& u) { return u.dim().dimensionless() && u.scale() != 1.0; }

/// The unit a panel column is computed in: its own when given, else its variable's default
/// unit, else (a variable of any dimension) its own; nullopt when its dimension needs a unit the
/// column lacks. Both engines (the evaluator and the fused plan) read units through it.
std::optional<unit> stated_unit(const column& c, const variable_spec* spec);

/// A name's unit as the data have it, for checking a call's arguments before evaluating: an
/// indicator's declared unit, a column's stated unit; nullopt when not known.
std::optional<unit> unit_of_name(const catalogue& cat, const panel& p, const std::string& name);

}  // namespace zhibiao::detail
