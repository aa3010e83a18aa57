#pragma once
// Unit inference over a formula tree, shared by the catalogue (declared dimensions) and the
// evaluator (the panel's units). Private to src/.
#include <functional>
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
using unit_resolver = std::function<std::optional<unit>(const std::string& name)>;

/// The unit of `n`; throws incompatible_units_error or parse_error (unknown function, wrong
/// arguments) described with the formula text and a caret.
typed infer(const formula& f, const formula_node& n, const unit_resolver& resolve);

/// The unit a panel column is computed in: its own when given, else its variable's default
/// unit, else (a variable of any dimension) its own; nullopt when its dimension needs a unit the
/// column lacks. Both engines (the evaluator and the fused plan) read units through it.
std::optional<unit> stated_unit(const column& c, const variable_spec* spec);

/// A name's unit as the data have it, for checking a call's arguments before evaluating: an
/// indicator's declared unit, a column's stated unit; nullopt when not known.
std::optional<unit> unit_of_name(const catalogue& cat, const panel& p, const std::string& name);

}  // namespace zhibiao::detail
