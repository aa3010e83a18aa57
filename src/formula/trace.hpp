#pragma once
// What the column evaluator saw while computing one indicator, for explain(): the value of every
// node over the rows, the rows each time operator read for each row, and the formula and result
// of every indicator evaluated on the way. explain() runs the evaluator itself with a trace, so
// the value it explains is the one compute() gives, not a second engine's. Private to src/.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "formula/node.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao::detail {

/// A node's value over the rows (a constant repeated), in its unit.
struct traced_values {
    unit u;
    std::vector<double> values;
    std::vector<reason> reasons;
};

/// One row a time operator read for a row: the row (-1: the panel has none) and the period it
/// asked for last.
struct traced_read {
    std::int64_t row = -1;
    period sought;
    std::string note;  ///< where row < 0 for a reason the period alone does not say
};

struct eval_trace {
    struct indicator_trace {
        formula f;            // kept: its nodes are the keys of `nodes`
        traced_values raw;    // the formula's value in its own unit
        traced_values value;  // in the indicator's unit, range-checked
    };
    std::unordered_map<const formula_node*, traced_values> nodes;
    /// A time operator's call node → for each row, the rows it read (ytd: one per part).
    std::unordered_map<const formula_node*, std::vector<std::vector<traced_read>>> reads;
    std::unordered_map<std::string, indicator_trace> indicators;
    /// The reads of the time operator being evaluated, until its node closes.
    std::vector<std::vector<traced_read>> pending;
};

/// Evaluates `ind` over `p` column by column (compute()'s reference path) with every step
/// recorded in `trace`. Throws as compute() in strict mode.
void traced_indicator(const panel& p, const indicator& ind, const compute_options& options, const catalogue& cat,
                      eval_trace& trace);

}  // namespace zhibiao::detail
