#pragma once
// Unit inference over a formula tree, shared by the catalogue (declared dimensions) and the
// evaluator (the panel's units). Private to src/.
#include <functional>
#include <optional>

#include "formula/node.hpp"

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

}  // namespace zhibiao::detail
