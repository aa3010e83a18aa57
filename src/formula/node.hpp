#pragma once
// The parsed tree of a formula: what the parser builds and the typing, the evaluator and the
// scorecard compiler walk. Private to src/ (the public formula class holds it opaquely).
#include <memory>
#include <string>
#include <vector>

#include "zhibiao/formula.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao::detail {

enum class node_kind { number, name, unary_minus, logical_not, binary, call };

struct formula_node {
    node_kind kind = node_kind::number;
    text_span span;
    double number = 0;  // number
    unit number_unit;   // number (dimensionless unless written as 10000[人])
    std::string name;   // name or function name
    std::string op;     // binary: + - * / < <= > >= == != and or
    std::vector<std::shared_ptr<const formula_node>> args;
    int height = 1;  // levels of the tree under and including this node (≤ formula::max_height)
};

}  // namespace zhibiao::detail
