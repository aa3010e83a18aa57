#include "scorecard/machine.hpp"

#include <algorithm>
#include <cmath>

#include "formula/functions.hpp"
#include "formula/typing.hpp"
#include "zhibiao/catalogue.hpp"

namespace zhibiao::detail {

int program::converted(const formula& f, const value& v, const unit& to, const char* verb, text_span where) {
    if (v.any_unit) return v.reg;
    if (!v.u.convertible_to(to))
        throw incompatible_units_error(f.describe(std::string("cannot ") + verb + " '" + to.symbol() + "' (" +
                                                      to.dim().to_string() + ") and '" + v.u.symbol() + "' (" +
                                                      v.u.dim().to_string() + ")",
                                                  where));
    conversion c = v.u.to(to);
    if (c.identity()) return v.reg;
    int dst = new_register();
    emit({opcode::scale, dst, v.reg, -1, -1, c.factor, c.exponent});
    return dst;
}

int program::compile(const formula& f, const resolver& names, const std::optional<unit>& out) {
    value v = node(f, root_of(f), names);
    if (!out) return v.reg;
    if (v.any_unit) return v.reg;
    refuse_bare_number(f, v, value{v.reg, *out});
    if (!v.u.convertible_to(*out))
        throw incompatible_units_error(f.describe("the formula gives '" + v.u.symbol() + "' (" + v.u.dim().to_string() +
                                                      "), which cannot convert to '" + out->symbol() + "'",
                                                  {0, f.text().size()}));
    return converted(f, v, *out, "convert", {0, f.text().size()});
}

namespace {
// A long chain of products of quantities with units would wrap the dimension's small exponents
// (and the power of ten) round to a wrong unit: refuse it instead.
void check_unit_power(const formula& f, const unit& a, const unit& b, int sign, text_span where) {
    bool too_large = std::abs(a.exponent() + sign * b.exponent()) > 240;
    for (std::size_t q = 0; q < base_quantity_count; ++q) {
        const auto quantity = static_cast<base_quantity>(q);
        too_large = too_large || std::abs(a.dim().exponent(quantity) + sign * b.dim().exponent(quantity)) > 100;
    }
    if (too_large) throw limit_error(f.describe("a product of units raised to a power too large to track", where));
}
}  // namespace

void program::refuse_bare_number(const formula& f, const value& a, const value& b) {
    for (const auto& [number, other] : {std::pair<const value*, const value*>{&a, &b}, {&b, &a}})
        if (number->bare && !other->bare && !other->any_unit && scaled_ratio(other->u))
            throw_bare_number(f, number->span, other->u);
}

program::value program::binary_op(const formula& f, const formula_node& n, value a, value b) {
    const std::string& o = n.op;
    if (o == "*" || o == "/") check_unit_power(f, a.u, b.u, o == "*" ? 1 : -1, n.span);
    int dst = new_register();
    if (o == "*") return emit({opcode::mul, dst, a.reg, b.reg}), value{dst, a.u * b.u};
    if (o == "/") return emit({opcode::div, dst, a.reg, b.reg}), value{dst, a.u / b.u};
    if (o == "and") return emit({opcode::logical_and, dst, a.reg, b.reg}), value{dst, unit{}};
    if (o == "or") return emit({opcode::logical_or, dst, a.reg, b.reg}), value{dst, unit{}};
    refuse_bare_number(f, a, b);
    if (a.any_unit) a.u = b.u;
    int rb = converted(f, b, a.u, o == "+" ? "add" : o == "-" ? "subtract" : "compare", n.span);
    if (o == "+") return emit({opcode::add, dst, a.reg, rb}), value{dst, a.u};
    if (o == "-") return emit({opcode::sub, dst, a.reg, rb}), value{dst, a.u};
    opcode code = o == "<"    ? opcode::lt
                  : o == "<=" ? opcode::le
                  : o == ">"  ? opcode::gt
                  : o == ">=" ? opcode::ge
                  : o == "==" ? opcode::eq
                              : opcode::ne;
    comparisons_.emplace_back(a.reg, rb);
    emit({code, dst, a.reg, rb, -1, inverse_grid_});
    return {dst, unit{}};
}

// A chain a + b + c … (or `and`, `*`) parses as a left-deep tree as long as the chain: its left
// spine is walked in a loop, so only the nesting the parser bounds (brackets, calls, `not`)
// recurses. The operations come out in the order the recursion gave.
program::value program::binary_chain(const formula& f, const formula_node& n, const resolver& names) {
    std::vector<const formula_node*> spine;
    const formula_node* at = &n;
    for (; at->kind == node_kind::binary; at = at->args[0].get()) spine.push_back(at);
    value acc = node(f, *at, names);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        value b = node(f, *(*it)->args[1], names);
        acc = binary_op(f, **it, acc, b);
    }
    return acc;
}

program::value program::node(const formula& f, const formula_node& n, const resolver& names) {
    // The parser bounds nesting; this bounds the recursion here whatever built the tree.
    struct depth_guard {
        int& depth;
        depth_guard(int& d, const formula& f, text_span where) : depth(d) {
            if (++depth > max_compile_depth)
                throw limit_error(
                    f.describe("formula nested deeper than " + std::to_string(max_compile_depth) + " levels", where));
        }
        ~depth_guard() { --depth; }
    } guard(depth_, f, n.span);
    auto fail = [&](const std::string& message, text_span where) -> value {
        throw parse_error(f.describe(message, where));
    };
    switch (n.kind) {
        case node_kind::number: {
            int dst = new_register();
            emit({opcode::constant, dst, -1, -1, -1, n.number, 0});
            const bool plain = n.number_unit.symbol() == "1";
            const std::string_view text = std::string_view(f.text()).substr(n.span.begin, n.span.end - n.span.begin);
            return {dst, n.number_unit, n.number == 0 && plain,
                    n.number != 0 && plain && text.find('[') == std::string_view::npos, n.span};
        }
        case node_kind::name: {
            auto b = names(n.name);
            if (!b) {
                location where;
                where.variable = n.name;
                const std::string hint = suggest_ ? suggest_(n.name) : std::string();
                throw missing_variable_error(f.describe("unknown name '" + n.name + "'" + hint, n.span), n.name, where);
            }
            return {b->reg, b->u};
        }
        case node_kind::unary_minus: {
            value a = node(f, *n.args[0], names);
            int dst = new_register();
            emit({opcode::neg, dst, a.reg});
            return {dst, a.u, false, a.bare, a.bare ? text_span{n.span.begin, a.span.end} : a.span};
        }
        case node_kind::logical_not: {
            value a = node(f, *n.args[0], names);
            int dst = new_register();
            emit({opcode::logical_not, dst, a.reg});
            return {dst, unit{}};
        }
        case node_kind::binary:
            return binary_chain(f, n, names);
        case node_kind::call:
            return call(f, n, names);
    }
    return fail("unknown kind of formula node", n.span);
}

// A call, after the registry (formula/functions.hpp) has checked the name, that scorecards
// can run it, and its arguments; the unit of the result follows the function's unit rule.
program::value program::call(const formula& f, const formula_node& n, const resolver& names) {
    const function_spec& spec = checked_call(f, n, engines::both);
    const std::string& fn = n.name;
    if (spec.units == unit_rule::choice) {
        value c = node(f, *n.args[0], names), a = node(f, *n.args[1], names), b = node(f, *n.args[2], names);
        refuse_bare_number(f, a, b);
        if (a.any_unit) a.u = b.u;
        int rb = converted(f, b, a.u, "choose between", n.span);
        int dst = new_register();
        emit({opcode::select, dst, c.reg, a.reg, rb});
        return {dst, a.u};
    }
    if (spec.units == unit_rule::common) {
        value acc = node(f, *n.args[0], names);
        for (std::size_t k = 1; k < n.args.size(); ++k) {
            value b = node(f, *n.args[k], names);
            refuse_bare_number(f, acc, b);
            if (acc.any_unit) acc.u = b.u, acc.any_unit = false;
            int rb = converted(f, b, acc.u, "compare", n.span);
            int dst = new_register();
            emit({fn == "min" ? opcode::min : opcode::max, dst, acc.reg, rb});
            acc = {dst, acc.u};
        }
        return acc;
    }
    value a = node(f, *n.args[0], names);
    int dst = new_register();
    if (fn == "round") {
        emit({opcode::round, dst, a.reg, -1, -1, std::pow(10.0, literal_argument(n, spec, 0))});
        return {dst, a.u};
    }
    emit({fn == "abs" ? opcode::abs : opcode::missing, dst, a.reg});
    return {dst, spec.units == unit_rule::flag ? unit{} : a.u};
}

const function_spec& spec_of(opcode code) {
    switch (code) {
        case opcode::select:
            return *find_function("if");
        case opcode::min:
            return *find_function("min");
        case opcode::max:
            return *find_function("max");
        case opcode::abs:
            return *find_function("abs");
        case opcode::round:
            return *find_function("round");
        case opcode::missing:
            return *find_function("missing");
        case opcode::neg:
            return find_operator("neg");
        case opcode::logical_not:
            return find_operator("not");
        case opcode::add:
            return find_operator("+");
        case opcode::sub:
            return find_operator("-");
        case opcode::mul:
            return find_operator("*");
        case opcode::div:
            return find_operator("/");
        case opcode::lt:
            return find_operator("<");
        case opcode::le:
            return find_operator("<=");
        case opcode::gt:
            return find_operator(">");
        case opcode::ge:
            return find_operator(">=");
        case opcode::eq:
            return find_operator("==");
        case opcode::ne:
            return find_operator("!=");
        case opcode::logical_and:
            return find_operator("and");
        case opcode::logical_or:
            return find_operator("or");
        case opcode::constant:
        case opcode::scale:
        case opcode::copy:
            break;
    }
    throw std::logic_error("an opcode outside the formula vocabulary");
}

namespace {
// Loops over one chunk with non-aliasing arguments, so that the compiler vectorises them.
template <class F>
void unary(double* __restrict y, const double* __restrict a, std::size_t n, F f) {
    for (std::size_t i = 0; i < n; ++i) y[i] = f(a[i]);
}
template <class F>
void binary(double* __restrict y, const double* __restrict a, const double* __restrict b, std::size_t n, F f) {
    for (std::size_t i = 0; i < n; ++i) y[i] = f(a[i], b[i]);
}
void ternary_select(double* __restrict y, const double* __restrict c, const double* __restrict a,
                    const double* __restrict b, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const double chosen = c[i] != 0 ? a[i] : b[i];
        y[i] = c[i] != c[i] ? c[i] : chosen;  // a missing condition stays missing
    }
}

// Comparisons on the decimal grid; a missing operand makes the comparison missing (NaN), which a
// gate reads as "does not hold" and a validity check as "cannot tell".
void compare(opcode code, double* y, const double* a, const double* b, std::size_t n, double g) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    switch (code) {
        case opcode::lt:
            return binary(y, a, b, n, [g, nan](double x, double z) {
                const double r = on_grid(x, g) < on_grid(z, g) ? 1.0 : 0.0;
                return x != x || z != z ? nan : r;
            });
        case opcode::le:
            return binary(y, a, b, n, [g, nan](double x, double z) {
                const double r = on_grid(x, g) <= on_grid(z, g) ? 1.0 : 0.0;
                return x != x || z != z ? nan : r;
            });
        case opcode::gt:
            return binary(y, a, b, n, [g, nan](double x, double z) {
                const double r = on_grid(x, g) > on_grid(z, g) ? 1.0 : 0.0;
                return x != x || z != z ? nan : r;
            });
        case opcode::ge:
            return binary(y, a, b, n, [g, nan](double x, double z) {
                const double r = on_grid(x, g) >= on_grid(z, g) ? 1.0 : 0.0;
                return x != x || z != z ? nan : r;
            });
        case opcode::eq:
            return binary(y, a, b, n, [g, nan](double x, double z) {
                const double r = on_grid(x, g) == on_grid(z, g) ? 1.0 : 0.0;
                return x != x || z != z ? nan : r;
            });
        case opcode::ne:
            return binary(y, a, b, n, [g, nan](double x, double z) {
                const double r = on_grid(x, g) != on_grid(z, g) ? 1.0 : 0.0;
                return x != x || z != z ? nan : r;
            });
        default:
            return;
    }
}
}  // namespace

void program::run(double* regs, std::size_t n, std::size_t first, std::size_t last) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t index = first; index < last; ++index) {
        const op& o = ops_[index];
        double* y = regs + static_cast<std::size_t>(o.dst) * chunk;
        const double* a = o.a >= 0 ? regs + static_cast<std::size_t>(o.a) * chunk : nullptr;
        const double* b = o.b >= 0 ? regs + static_cast<std::size_t>(o.b) * chunk : nullptr;
        const double* c = o.c >= 0 ? regs + static_cast<std::size_t>(o.c) * chunk : nullptr;
        const double g = o.k;
        switch (o.code) {
            case opcode::constant:
                std::fill(y, y + n, o.k);
                break;
            case opcode::copy:
                std::copy(a, a + n, y);
                break;
            case opcode::scale: {
                const conversion conv{o.e, o.k};
                const double factor = conv.factor, power = detail::exact_power_of_ten(o.e < 0 ? -o.e : o.e);
                if (o.e >= 0)
                    unary(y, a, n, [=](double x) { return x * power * factor; });
                else
                    unary(y, a, n, [=](double x) { return x / power * factor; });
                break;
            }
            case opcode::neg:
                unary(y, a, n, [](double x) { return -x; });
                break;
            case opcode::logical_not:
                unary(y, a, n, [nan](double x) {
                    const double r = x == 0 ? 1.0 : 0.0;
                    return x != x ? nan : r;
                });
                break;
            case opcode::abs:
                unary(y, a, n, [](double x) { return std::fabs(x); });
                break;
            case opcode::missing:
                unary(y, a, n, [](double x) { return x != x ? 1.0 : 0.0; });
                break;
            case opcode::add:
                binary(y, a, b, n, [](double x, double z) { return x + z; });
                break;
            case opcode::sub:
                binary(y, a, b, n, [](double x, double z) { return x - z; });
                break;
            case opcode::mul:
                binary(y, a, b, n, [](double x, double z) { return x * z; });
                break;
            case opcode::div:
                binary(y, a, b, n, [](double x, double z) { return row::divide_lane(x, z); });
                break;
            case opcode::lt:
            case opcode::le:
            case opcode::gt:
            case opcode::ge:
            case opcode::eq:
            case opcode::ne:
                compare(o.code, y, a, b, n, g);
                break;
            case opcode::logical_and:
                binary(y, a, b, n, [](double x, double z) { return row::and_lane(x, z); });
                break;
            case opcode::logical_or:
                binary(y, a, b, n, [](double x, double z) { return row::or_lane(x, z); });
                break;
            case opcode::select:
                ternary_select(y, a, b, c, n);
                break;
            case opcode::min:
                binary(y, a, b, n, [](double x, double z) {
                    const double m = x < z ? x : z;
                    return x + z != x + z ? x + z : m;
                });
                break;
            case opcode::max:
                binary(y, a, b, n, [](double x, double z) {
                    const double m = x > z ? x : z;
                    return x + z != x + z ? x + z : m;
                });
                break;
            case opcode::round:
                unary(y, a, n, [g](double x) { return row::round_scaled(x, g); });
                break;
        }
    }
}

}  // namespace zhibiao::detail
