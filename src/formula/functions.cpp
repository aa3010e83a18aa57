// The table of formula functions and operators (functions.hpp) and the checks of a call that
// every engine shares: a known name, usable in this engine, with the right arguments.
#include "formula/functions.hpp"

#include <algorithm>
#include <cmath>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao::detail {
namespace {

constexpr std::string_view propagates = "missing argument → missing result (its reason)";

using u = unit_rule;
using l = literal_rule;
using e = engines;
using r = reason;

}  // namespace

const std::vector<function_spec>& functions() {
    static const std::vector<function_spec> table = {
        {"if", 3, 3, u::choice, l::none, e::both, r::none,
         "missing condition → missing; else the chosen branch as it is", "select_op({0}, {1}, {2})"},
        {"min", 1, 64, u::common, l::none, e::both, r::none, propagates, "min_op({0}, {1})"},
        {"max", 1, 64, u::common, l::none, e::both, r::none, propagates, "max_op({0}, {1})"},
        {"abs", 1, 1, u::same_as_first, l::none, e::both, r::none, propagates, "vabs({0})"},
        {"round", 1, 2, u::same_as_first, l::digits, e::both, r::none, propagates,
         "sel(vabs({0} * splat({k})) < splat(0x1p52), vround({0} * splat({k})) / splat({k}), {0})"},
        {"printed_tolerance", 1, 1, u::same_as_first, l::none, e::panel, r::none, propagates, ""},
        {"printed_round", 2, 2, u::same_as_first, l::none, e::panel, r::none, propagates, ""},
        {"missing", 1, 1, u::flag, l::none, e::both, r::none, "1 where the argument is missing, else 0; never missing",
         "missing_op({0})"},
        {"sqrt", 1, 1, u::dimensionless, l::none, e::panel, r::out_of_range, propagates, ""},
        {"log", 1, 1, u::dimensionless, l::none, e::panel, r::out_of_range, propagates, ""},
        {"exp", 1, 1, u::dimensionless, l::none, e::panel, r::out_of_range, propagates, ""},
        {"lag", 1, 2, u::same_as_first, l::count_from_0, e::panel, r::no_such_period, propagates, ""},
        {"lead", 1, 2, u::same_as_first, l::count_from_0, e::panel, r::no_such_period, propagates, ""},
        {"yoy", 1, 1, u::same_as_first, l::none, e::panel, r::no_such_period, propagates, ""},
        {"growth", 1, 1, u::ratio, l::none, e::panel, r::nonpositive_base, propagates, ""},
        {"cagr", 2, 2, u::ratio, l::count_from_1, e::panel, r::nonpositive_base, propagates, ""},
        {"ytd", 1, 1, u::same_as_first, l::none, e::panel, r::no_such_period, propagates, ""},
        {"single_month", 1, 1, u::same_as_first, l::none, e::panel, r::no_such_period, propagates, ""},
        {"single_quarter", 1, 1, u::same_as_first, l::none, e::panel, r::no_such_period, propagates, ""},
        {"last_year_end", 1, 1, u::same_as_first, l::none, e::panel, r::no_such_period, propagates, ""},
        {"year_end", 1, 1, u::same_as_first, l::none, e::panel, r::none, propagates, ""},
        {"target", 1, 1, u::same_as_first, l::none, e::panel, r::no_such_period, propagates, ""},
        {"cumulable", 1, 1, u::same_as_first, l::none, e::panel, r::none, propagates, ""},
        {"elapsed", 0, 0, u::fraction, l::none, e::panel, r::none, "takes no argument", ""},
        {"published", 1, 1, u::published, l::none, e::panel, r::none, "the column as given, its gaps included", ""},
    };
    return table;
}

const std::vector<function_spec>& operators() {
    static const std::string_view kleene = "three-valued: a present 0 (and) or 1 (or) decides; else missing";
    static const std::vector<function_spec> table = {
        {"neg", 1, 1, u::same_as_first, l::none, e::both, r::none, propagates, "-{0}"},
        {"not", 1, 1, u::flag, l::none, e::both, r::none, propagates, "not_op({0})"},
        {"+", 2, 2, u::common, l::none, e::both, r::none, propagates, "{0} + {1}"},
        {"-", 2, 2, u::common, l::none, e::both, r::none, propagates, "{0} - {1}"},
        {"*", 2, 2, u::product, l::none, e::both, r::none, propagates, "{0} * {1}"},
        {"/", 2, 2, u::product, l::none, e::both, r::zero_denominator, propagates,
         "sel({1} > splat(0.0), {0} / {1}, splat(__builtin_nan(\"\")))"},
        {"<", 2, 2, u::flag, l::none, e::both, r::none, propagates, "lt_op({0}, {1}, {k})"},
        {"<=", 2, 2, u::flag, l::none, e::both, r::none, propagates, "le_op({0}, {1}, {k})"},
        {">", 2, 2, u::flag, l::none, e::both, r::none, propagates, "gt_op({0}, {1}, {k})"},
        {">=", 2, 2, u::flag, l::none, e::both, r::none, propagates, "ge_op({0}, {1}, {k})"},
        {"==", 2, 2, u::flag, l::none, e::both, r::none, propagates, "eq_op({0}, {1}, {k})"},
        {"!=", 2, 2, u::flag, l::none, e::both, r::none, propagates, "ne_op({0}, {1}, {k})"},
        {"and", 2, 2, u::flag, l::none, e::both, r::none, kleene,
         "sel(({0} == splat(0.0)) | ({1} == splat(0.0)), splat(0.0), sel(isnan({0}) | isnan({1}), "
         "splat(__builtin_nan(\"\")), splat(1.0)))"},
        {"or", 2, 2, u::flag, l::none, e::both, r::none, kleene,
         "sel(((({0} != splat(0.0)) & ({0} == {0})) | (({1} != splat(0.0)) & ({1} == {1}))), splat(1.0), "
         "sel(isnan({0}) | isnan({1}), splat(__builtin_nan(\"\")), splat(0.0)))"},
    };
    return table;
}

const function_spec* find_function(std::string_view name) {
    for (const auto& spec : functions())
        if (spec.name == name) return &spec;
    return nullptr;
}

const function_spec& find_operator(std::string_view symbol) {
    for (const auto& spec : operators())
        if (spec.name == symbol) return spec;
    throw std::logic_error("an operator the function registry does not know: " + std::string(symbol));
}

std::vector<std::string> function_names(engines where) {
    std::vector<std::string> names;
    for (const auto& spec : functions())
        if ((static_cast<unsigned>(spec.where) & static_cast<unsigned>(where)) == static_cast<unsigned>(where))
            names.emplace_back(spec.name);
    return names;
}

namespace {

[[noreturn]] void fail(const formula& f, const std::string& message, text_span where) {
    throw parse_error(f.describe(message, where));
}

// A constant number written in the formula, a leading minus included (round(x, -2)).
bool constant_number(const formula_node& n, double& value) {
    if (n.kind == node_kind::number) return value = n.number, true;
    if (n.kind == node_kind::unary_minus && n.args[0]->kind == node_kind::number)
        return value = -n.args[0]->number, true;
    return false;
}

void check_literal(const formula& f, const formula_node& arg, literal_rule rule, const std::string& fn) {
    double v = 0;
    const bool constant = constant_number(arg, v);
    if (rule == literal_rule::digits) {
        if (!constant) fail(f, fn + "() takes a constant number of digits, not an expression", arg.span);
        if (!(std::abs(v) <= max_round_digits) || v != std::floor(v))
            fail(f,
                 fn + "() takes a whole number of digits from -" + std::to_string(max_round_digits) + " to " +
                     std::to_string(max_round_digits),
                 arg.span);
        return;
    }
    const int min = rule == literal_rule::count_from_1 ? 1 : 0;
    if (!constant || v != std::floor(v) || v < min || v > 1000)
        fail(f, "expected a whole number" + std::string(min > 0 ? " ≥ 1" : " ≥ 0") + " here", arg.span);
}

}  // namespace

const function_spec& checked_call(const formula& f, const formula_node& n, engines where) {
    const std::string& fn = n.name;
    const function_spec* spec = find_function(fn);
    const text_span name_span{n.span.begin, n.span.begin + fn.size()};
    if (!spec)
        fail(f,
             "unknown function '" + fn + "'" + (where == engines::both ? " in a scorecard" : "") +
                 suggestion(fn, function_names(where), [](const std::string& s) -> std::string_view { return s; }),
             name_span);
    if (where == engines::both && spec->where != engines::both)
        fail(f,
             fn + "() is not available in a scorecard (a scorecard reads one period of each firm; it works in panel "
                  "indicators)",
             name_span);
    const auto count = static_cast<int>(n.args.size());
    if (count < spec->min_args || count > spec->max_args) {
        const std::string expected = spec->min_args == spec->max_args
                                         ? std::to_string(spec->min_args)
                                         : std::to_string(spec->min_args) + "–" + std::to_string(spec->max_args);
        fail(f,
             fn + "() takes " + expected + " argument" + (spec->max_args == 1 ? "" : "s") + ", not " +
                 std::to_string(count),
             n.span);
    }
    if (spec->literal != literal_rule::none && count == spec->max_args)
        check_literal(f, *n.args.back(), spec->literal, fn);
    return *spec;
}

int literal_argument(const formula_node& n, const function_spec& spec, int fallback) {
    if (spec.literal == literal_rule::none || static_cast<int>(n.args.size()) < spec.max_args) return fallback;
    double v = 0;
    constant_number(*n.args.back(), v);
    return static_cast<int>(v);
}

}  // namespace zhibiao::detail
