// Unit inference and column-at-a-time evaluation of formulas, and the compute() entry points.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/conversion.hpp"
#include "core/printed_round.hpp"
#include "core/text.hpp"
#include "formula/functions.hpp"
#include "formula/fused.hpp"
#include "formula/scaled_quotient.hpp"
#include "formula/trace.hpp"
#include "formula/typing.hpp"
#include "formula/valid_range.hpp"
#include "indicators/population_hint.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {
namespace detail {
namespace {

const unit dimensionless{};

[[noreturn]] void fail_units(const formula& f, const std::string& message, text_span where) {
    throw incompatible_units_error(f.describe(message, where));
}

[[noreturn]] void fail_syntax(const formula& f, const std::string& message, text_span where) {
    throw parse_error(f.describe(message, where));
}

std::string describe_unit(const unit& u) { return "'" + u.symbol() + "' (" + u.dim().to_string() + ")"; }

// a·b or a/b, the limit_error of a unit gone beyond what zhibiao tracks (units.hpp) pointing at
// the operator in the formula.
unit unit_product(const formula& f, const unit& a, const unit& b, bool divide, text_span where) {
    try {
        return divide ? a / b : a * b;
    } catch (const limit_error& e) {
        throw limit_error(f.describe(e.message(), where));
    }
}

typed infer_call(const formula& f, const formula_node& n, const unit_resolver& resolve);

// The measure words of counted_things() text with their powers: "件·件/项" → {件: 2, 项: -1}.
std::map<std::string, int> count_powers(const std::string& things) {
    std::map<std::string, int> out;
    auto add = [&out](std::string_view side, int sign) {
        for (std::size_t start = 0;;) {
            const std::size_t dot = side.find("·", start);
            const std::string_view word = side.substr(start, dot == std::string_view::npos ? dot : dot - start);
            if (!word.empty() && word != "1") out[std::string(word)] += sign;
            if (dot == std::string_view::npos) return;
            start = dot + std::string_view("·").size();
        }
    };
    const std::string_view all(things);
    const std::size_t slash = all.find('/');
    add(all.substr(0, slash), 1);
    if (slash != std::string_view::npos) add(all.substr(slash + 1), -1);
    return out;
}

// The measure words (over, under) of the factor 1[over/under] taking a count in `from`'s words to one
// in `to`'s (件 from 项: 件/项; per 件 from per 项: 项/件); nothing when it is not one word for another.
std::optional<std::pair<std::string, std::string>> count_factor(const std::string& to, const std::string& from) {
    std::map<std::string, int> net = count_powers(to);
    for (const auto& [word, power] : count_powers(from)) net[word] -= power;
    std::vector<std::string> over, under;
    for (const auto& [word, power] : net) {
        if (power == 1) over.push_back(word);
        if (power == -1) under.push_back(word);
        if (power > 1 || power < -1) return std::nullopt;
    }
    if (over.size() != 1 || under.size() != 1) return std::nullopt;
    return std::make_pair(over[0], under[0]);
}

// counted_things() as a message says it: "1/件" is "per 件".
std::string said_things(const std::string& things) {
    return things.rfind("1/", 0) == 0 ? "per " + things.substr(2) : things;
}

// The way out for `what` (a side of a sum, the formula) counting in `from`'s words where `to`'s are
// wanted: the factor 1[项/件] that says one is the other, when there is one, else `otherwise`.
std::string count_way_out(const std::string& to, const std::string& from, const std::string& what,
                          const std::string& otherwise) {
    const auto factor = count_factor(to, from);
    if (!factor) return otherwise;
    return "if one " + factor->second + " is one " + factor->first + " here, multiply " + what + " by 1[" +
           factor->first + "/" + factor->second + "] to say so, or " + otherwise;
}

}  // namespace

void refuse_different_counts(const formula& f, const unit& a, const unit& b, const std::string& verb, text_span where) {
    if (!counts_different_things(a, b)) return;
    const std::string x = counted_things(a), y = counted_things(b);
    fail_units(f,
               "cannot " + verb + " " + describe_unit(a) + " and " + describe_unit(b) + ": " + said_things(x) +
                   " and " + said_things(y) + " count different things; " +
                   count_way_out(x, y, "the side in '" + b.symbol() + "'", "load both columns in one measure word"),
               where);
}

// A formula whose unit on the panel's columns counts other things than the unit asked for (unit='项'
// on a[件]: 120 patents called projects). The catalogue's own case stays allowed: a formula that, on
// the catalogue's declared units, counts what the unit says (tech_contract_avg_value, 万元/项, on
// contracts a table counted in 件) reads the catalogue's variable whatever measure word the table
// wrote, and is computed as the catalogue defines it.
void refuse_other_count(const formula& f, const unit& asked, const catalogue& cat, const unit_resolver& loaded) {
    const typed given = infer(f, root_of(f), loaded);
    if (!given.known || !counts_different_things(given.u, asked)) return;
    const unit_resolver declared([&cat](const std::string& name) { return cat.declared_unit(name); }, false);
    const typed catalogues = infer(f, root_of(f), declared);
    if (catalogues.known && counted_things(catalogues.u) == counted_things(asked)) return;
    const std::string x = counted_things(given.u), y = counted_things(asked);
    fail_units(f,
               "gives '" + given.u.symbol() + "', counting " + said_things(x) + ", but the unit '" + asked.symbol() +
                   "' counts " + said_things(y) + ": they count different things; " +
                   count_way_out(y, x, "the formula", "give the unit '" + given.u.symbol() + "'"),
               {0, f.text().size()});
}

namespace {

// A number written without a unit, under any unary minus (-3): not 0, not 0.1[1].
bool bare_literal(const formula& f, const formula_node& n) {
    const formula_node* at = &n;
    while (at->kind == node_kind::unary_minus) at = at->args[0].get();
    if (at->kind != node_kind::number || at->number_unit.symbol() != "1" || at->number == 0) return false;
    return f.text().find('[', at->span.begin) >= at->span.end;
}

}  // namespace

void throw_bare_number(const formula& f, text_span number, const unit& other) {
    const std::string written = f.text().substr(number.begin, number.end - number.begin);
    char fraction[40];
    std::snprintf(fraction, sizeof fraction, "%.15g", std::strtod(written.c_str(), nullptr) * other.scale());
    throw incompatible_units_error(f.describe("the number " + written + " has no unit, beside a value in '" +
                                                  other.symbol() + "': write " + written + "[" + other.symbol() +
                                                  "] for " + written + " " + other.symbol() + ", or " + fraction +
                                                  "[1] for the fraction " + fraction,
                                              number));
}

void refuse_bare_number(const formula& f, const formula_node& number, const unit& other) {
    if (bare_literal(f, number) && scaled_ratio(other)) throw_bare_number(f, number.span, other);
}

typed infer(const formula& f, const formula_node& n, const unit_resolver& resolve) {
    // Either operand of a sum, difference, comparison or choice, written as a bare number
    // beside the other in %: the order of the operands does not matter.
    auto refuse_bare_pair = [&](const formula_node& parent, const typed& a, const typed& b) {
        if (b.known) refuse_bare_number(f, *parent.args[0], b.u);
        if (a.known) refuse_bare_number(f, *parent.args[1], a.u);
    };
    auto same_dims = [&](const typed& a, const typed& b, const char* verb, text_span where) {
        if (a.known && b.known && !b.u.convertible_to(a.u))
            fail_units(f, std::string("cannot ") + verb + " " + describe_unit(a.u) + " and " + describe_unit(b.u),
                       where);
        if (a.known && b.known && resolve.counts_checked) refuse_different_counts(f, a.u, b.u, verb, where);
    };
    switch (n.kind) {
        case node_kind::number:
            // A bare 0 is zero of any unit: `patents >= 0` needs no `0[件]`.
            if (n.number == 0 && n.number_unit.symbol() == "1") return {dimensionless, false};
            return {n.number_unit, true};
        case node_kind::name: {
            auto u = resolve(n.name);
            return u ? typed{*u, true} : typed{dimensionless, false};
        }
        case node_kind::unary_minus:
            return infer(f, *n.args[0], resolve);
        case node_kind::logical_not:
            infer(f, *n.args[0], resolve);
            return {dimensionless, true};
        case node_kind::binary: {
            typed a = infer(f, *n.args[0], resolve), b = infer(f, *n.args[1], resolve);
            const std::string& op = n.op;
            if (op != "*" && op != "/" && op != "and" && op != "or") refuse_bare_pair(n, a, b);
            if (op == "+" || op == "-") {
                same_dims(a, b, op == "+" ? "add" : "subtract", n.span);
                return {a.u, a.known && b.known};
            }
            if (op == "*" || op == "/") return {unit_product(f, a.u, b.u, op == "/", n.span), a.known && b.known};
            if (op == "and" || op == "or") return {dimensionless, true};
            same_dims(a, b, "compare", n.span);
            return {dimensionless, true};
        }
        case node_kind::call:
            break;
    }
    return infer_call(f, n, resolve);
}

namespace {

// What a value is to the 百分点-vs-% check (spec §5): a change of a rate (one rate less another:
// 2.65% − 2.56% = 0.09个百分点), a rate of change (同比增长率: growth(x), x / yoy(x) - 1,
// (x - yoy(x)) / yoy(x), in %), or neither — which includes every form the walk cannot tell.
enum class rate_form { neither, change_of_rate, rate_of_change };

// One walk over a formula's tree, through what keeps a value's form: unary minus, abs, round,
// * or / by a dimensionless constant, the branches of if/min/max, and a ± of zero.
class rate_forms {
public:
    rate_forms(const formula& f, const unit_resolver& resolve) : f_(f), resolve_(resolve) {}

    rate_form of(const formula_node& n) const {
        switch (n.kind) {
            case node_kind::unary_minus:
                return of(*n.args[0]);
            case node_kind::call:
                return of_call(n);
            case node_kind::binary:
                return of_binary(n);
            default:
                return rate_form::neither;
        }
    }

    // A value known to be a ratio: dimensionless in a unit other than the bare 1 (a column given
    // without a unit may hold a count), or a rate of change.
    bool rate(const formula_node& n) const {
        if (of(n) == rate_form::rate_of_change) return true;
        const typed t = infer(f_, n, resolve_);
        return t.known && t.u.dimensionless() && !t.u.is_plain_one();
    }

private:
    // A dimensionless number under any unary minus: 2, 100[%], -1[1].
    static const formula_node* constant(const formula_node& n) {
        const formula_node* at = &n;
        while (at->kind == node_kind::unary_minus) at = at->args[0].get();
        return at->kind == node_kind::number && at->number_unit.dimensionless() ? at : nullptr;
    }
    // The value, not the spelling: 1 == 100[%] == 1000[‰].
    static bool constant_equal(const formula_node& n, double value) {
        return n.kind == node_kind::number && n.number_unit.dimensionless() &&
               std::abs(n.number * n.number_unit.scale() - value) <= 1e-12;
    }
    static bool sum_or_difference(const formula_node& n) {
        return n.kind == node_kind::binary && (n.op == "+" || n.op == "-");
    }
    std::string written(const formula_node& n) const {
        std::string text;
        for (char c : f_.text().substr(n.span.begin, n.span.end - n.span.begin))
            if (c != ' ' && c != '\t') text += c;
        return text;
    }

    // The form all the branches share, constants aside (max(growth(x), 0) is a rate of change).
    rate_form common(const formula_node& call, std::size_t first) const {
        std::optional<rate_form> shared;
        for (std::size_t k = first; k < call.args.size(); ++k) {
            if (constant(*call.args[k])) continue;
            const rate_form form = of(*call.args[k]);
            if (shared && *shared != form) return rate_form::neither;
            shared = form;
        }
        return shared.value_or(rate_form::neither);
    }

    rate_form of_call(const formula_node& n) const {
        if (n.name == "growth" || n.name == "cagr") return rate_form::rate_of_change;
        if (n.name == "abs" || n.name == "round") return of(*n.args[0]);
        if (n.name == "if") return common(n, 1);
        if (n.name == "min" || n.name == "max") return common(n, 0);
        return rate_form::neither;
    }

    rate_form of_binary(const formula_node& n) const {
        const formula_node &a = *n.args[0], &b = *n.args[1];
        if (n.op == "-") return difference(a, b);
        if (n.op == "+") {  // a + (-b) is a − b
            if (b.kind == node_kind::unary_minus) return difference(a, *b.args[0]);
            if (a.kind == node_kind::unary_minus) return difference(b, *a.args[0]);
            if (constant_equal(b, 0)) return of(a);
            return rate_form::neither;
        }
        if (n.op == "*" || n.op == "/") {
            if (constant(b)) return of(a);
            if (n.op == "*" && constant(a)) return of(b);
            // (x - yoy(x)) / yoy(x): the change over its own base
            if (n.op == "/" && a.kind == node_kind::binary && a.op == "-" && written(*a.args[1]) == written(b))
                return rate_form::rate_of_change;
        }
        return rate_form::neither;
    }

    rate_form difference(const formula_node& a, const formula_node& b) const {
        if (constant_equal(b, 0)) return of(a);
        // x / yoy(x) - 1, - 100[%]: a quotient less one
        if (constant_equal(b, 1) && a.kind == node_kind::binary && a.op == "/") return rate_form::rate_of_change;
        // 100[%] - share (a complement), cpi - 100[%], 1 - a - b (what remains), a + b - c (shares
        // summed): a share or an index level, no change of one rate. share - 2.5[%] is (a gap).
        if (constant_equal(a, 1) || constant_equal(b, 1) || sum_or_difference(a) || sum_or_difference(b))
            return rate_form::neither;
        return rate(a) && rate(b) ? rate_form::change_of_rate : rate_form::neither;
    }

    const formula& f_;
    const unit_resolver& resolve_;
};

}  // namespace

void refuse_percent_for_points(const formula& f, const unit& out, const unit_resolver& resolve) {
    if (!out.dimensionless() || std::abs(out.scale() - 0.01) > 1e-15) return;
    const formula_node& root = root_of(f);
    const rate_form form = rate_forms(f, resolve).of(root);
    const std::string& label = out.symbol();
    if (out.is_points() && form == rate_form::rate_of_change)
        throw incompatible_units_error(
            f.describe("gives a rate of change, which is in %, not in '" + label +
                           "' (百分点 are a change of a share: 2.65% − 2.56% = 0.09个百分点); give unit '%'",
                       root.span));
    if (!out.is_points() && form == rate_form::change_of_rate)
        throw incompatible_units_error(f.describe(
            "subtracts one rate from another: the change of a share is in 百分点, not '" + label +
                "' (2.65% − 2.56% = 0.09个百分点, not 0.09%); give unit '百分点', or growth(x) for the rate of change",
            root.span));
}

bool is_rate(const formula& f, const formula_node& n, const unit_resolver& resolve) {
    return rate_forms(f, resolve).rate(n);
}

namespace {

// The arguments from `first` on of a call that gives one of them (if's branches, min, max): a
// bare number among them beside another in %.
void refuse_bare_among(const formula& f, const formula_node& call, const std::vector<typed>& units, std::size_t first) {
    for (std::size_t k = 0; k < units.size(); ++k)
        for (std::size_t j = 0; j < units.size(); ++j)
            if (j != k && units[j].known) refuse_bare_number(f, *call.args[first + k], units[j].u);
}

// cumulable(x) (序时进度, spec §5): x must be an amount or a count that accrues over the year (万元,
// 件, 项), whose share done can be set against the share of the year gone. A ratio — a share or a
// rate in %/‰, a rate of change, a value per person, per 万元 or per item (件/万人, 元/人, an
// intensity, an average) — does not accrue: half a year of a 13% share is no 6.5%. Refused where
// its unit is known (the panel's columns: a column's unit is one for all its rows), so a lenient
// compute gives the indicator as missing (unit_mismatch) with this message.
void refuse_not_cumulable(const formula& f, const formula_node& call, const unit_resolver& resolve) {
    const formula_node& x = *call.args[0];
    const typed t = infer(f, x, resolve);
    bool per_something = false;
    for (std::size_t q = 0; q < base_quantity_count; ++q)
        per_something = per_something || t.u.dim().exponent(static_cast<base_quantity>(q)) < 0;
    if (!(t.known && per_something) && !is_rate(f, x, resolve)) return;
    const std::string written(f.text().substr(x.span.begin, x.span.end - x.span.begin));
    fail_units(f,
               "cumulable() takes an amount or a count that accrues over the year (万元, 件, 项), not " +
                   (t.known && !t.u.is_plain_one() ? "'" + written + "' in " + describe_unit(t.u)
                                                   : "the rate of change '" + written + "'") +
                   ": a ratio target (a share ≥ 13%, a value per person, an intensity, an average) does not "
                   "grow with the calendar, so its progress is no share of the year gone (indicators.md §5); "
                   "compare the level with the target instead (actual against target: target_completion_rate, "
                   "or actual - target)",
               x.span);
}

// The unit of a call by its function's unit rule (functions.hpp); arity and constants are
// checked by the registry first.
typed infer_call(const formula& f, const formula_node& n, const unit_resolver& resolve) {
    const function_spec& spec = checked_call(f, n, engines::panel);
    const std::string& fn = n.name;
    auto arg = [&](std::size_t k) { return infer(f, *n.args[k], resolve); };
    auto same_dims = [&](const typed& a, const typed& b, const std::string& verb) {
        if (a.known && b.known && !b.u.convertible_to(a.u))
            fail_units(f, "cannot " + verb + " " + describe_unit(a.u) + " and " + describe_unit(b.u), n.span);
        if (a.known && b.known && resolve.counts_checked) refuse_different_counts(f, a.u, b.u, verb, n.span);
    };
    switch (spec.units) {
        case unit_rule::choice: {
            arg(0);
            typed a = arg(1), b = arg(2);
            refuse_bare_among(f, n, {a, b}, 1);
            same_dims(a, b, "choose between");
            return {a.u, a.known && b.known};
        }
        case unit_rule::common: {
            std::vector<typed> all;
            for (std::size_t k = 0; k < n.args.size(); ++k) all.push_back(arg(k));
            refuse_bare_among(f, n, all, 0);
            typed first = all[0];
            bool known = first.known;
            for (std::size_t k = 1; k < n.args.size(); ++k) {
                const typed& other = all[k];
                same_dims(first, other, fn == "min" ? "take the minimum of" : "take the maximum of");
                known = known && other.known;
            }
            return {first.u, known};
        }
        case unit_rule::same_as_first:
            if ((fn == "single_month" || fn == "single_quarter") && is_rate(f, *n.args[0], resolve))
                // 1-5月 R&D intensity less 1-4月 is no May intensity: a month's ratio is the ratio of
                // the month's numerator and denominator.
                fail_units(f,
                           fn + "() of a rate or share subtracts two ratios, which gives no " +
                               (fn == "single_month" ? "month's" : "quarter's") + " ratio: take " + fn +
                               "() of the numerator and of the denominator (" + fn + "(a) / " + fn + "(b))",
                           n.span);
            if (fn == "cumulable") refuse_not_cumulable(f, n, resolve);
            return arg(0);
        case unit_rule::dimensionless: {
            typed a = arg(0);
            if (a.known && !a.u.dimensionless())
                fail_units(f, fn + "() needs a dimensionless argument, not " + describe_unit(a.u), n.args[0]->span);
            return {dimensionless, true};
        }
        case unit_rule::ratio:
        case unit_rule::flag:
            arg(0);
            return {dimensionless, true};
        case unit_rule::fraction:
        case unit_rule::product:
            return {dimensionless, true};
        case unit_rule::published:
            if (n.args[0]->kind != node_kind::name)
                fail_syntax(f, "published() takes a variable name", n.args[0]->span);
            return {dimensionless, false};
    }
    return {dimensionless, false};
}

}  // namespace
std::optional<unit> stated_unit(const column& c, const variable_spec* spec) {
    if (c.unit_given()) return c.unit();
    if (spec && !spec->default_unit.empty()) return unit::parse(spec->default_unit);
    if (!spec || spec->dimension_name == "any" || spec->dimension_name.empty()) return c.unit();
    return std::nullopt;
}

std::optional<unit> unit_of_name(const catalogue& cat, const panel& p, const std::string& name) {
    if (const indicator* ind = cat.find(name)) return ind->unit;
    const column* c = p.find(name);
    if (!c) return std::nullopt;
    try {
        return stated_unit(*c, cat.variable(name));
    } catch (const error&) {  // a default unit that does not parse: checked when evaluated
        return std::nullopt;
    }
}

}  // namespace detail

namespace {

using detail::formula_node;
using detail::node_kind;

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

// A column (or a constant) in a unit, with a reason per row: NaN ⇔ reason ≠ none.
struct column_value {
    unit u;
    bool scalar = false;
    bool any_unit = false;  // the literal 0: converts to any unit
    double scalar_value = 0;
    std::shared_ptr<const void> keep;       // keeps `data` alive
    std::shared_ptr<Eigen::ArrayXd> owned;  // set when this value owns its storage
    const double* data = nullptr;
    std::shared_ptr<std::vector<reason>> reasons;  // null: no gaps
    // A panel column's written decimals (column::written_decimals), its cells as they were read;
    // null for every value computed. The panel outlives the evaluation.
    const std::vector<std::uint8_t>* written = nullptr;

    double at(std::size_t i) const { return scalar ? scalar_value : data[i]; }
    reason why(std::size_t i) const { return reasons ? (*reasons)[i] : reason::none; }
};

column_value constant(double x, unit u) {
    column_value v;
    v.u = std::move(u);
    v.scalar = true;
    v.scalar_value = x;
    return v;
}

// Fresh storage for n rows.
column_value fresh(std::size_t n, unit u) {
    column_value v;
    v.u = std::move(u);
    v.owned = std::make_shared<Eigen::ArrayXd>(static_cast<Eigen::Index>(n));
    v.data = v.owned->data();
    v.keep = v.owned;
    v.reasons = std::make_shared<std::vector<reason>>(n, reason::none);
    return v;
}

class evaluator {
public:
    evaluator(const panel& p, const catalogue& cat, const compute_options& options)
        : p_(p), cat_(cat), options_(options) {}

    // An indicator in its output unit, range-checked; memoised, cycle-checked.
    column_value indicator_column(const indicator& ind) {
        auto found = memo_.find(ind.id);
        if (found != memo_.end()) return found->second;
        if (std::find(stack_.begin(), stack_.end(), ind.id) != stack_.end()) {
            std::string cycle;
            for (auto it = std::find(stack_.begin(), stack_.end(), ind.id); it != stack_.end(); ++it)
                cycle += *it + " → ";
            throw parse_error("indicators form a cycle: " + cycle + ind.id);
        }
        if (stack_.size() >= max_indicator_depth) {
            std::string path;
            for (const auto& id : stack_) path += id + " → ";
            throw limit_error("indicators use indicators more than " + std::to_string(max_indicator_depth) +
                              " deep: " + path + ind.id);
        }
        stack_.push_back(ind.id);
        // Popped on every exit: after a lenient failure (a missing input) the next indicator must
        // not find this one still "on the path" and report a cycle that is not there.
        struct pop_on_exit {
            std::vector<std::string>& path;
            ~pop_on_exit() { path.pop_back(); }
        } pop{stack_};
        formula f = ind.parsed.empty() ? formula::parse(ind.formula) : ind.parsed;
        const formula_node& root = detail::root_of(f);
        std::optional<column_value> scaled;
        column_value raw = folds_scale(root) ? quotient(f, root, ind, scaled) : eval(f, root);
        if (!raw.u.convertible_to(ind.unit)) {
            location where;
            where.variable = ind.id;
            throw incompatible_units_error(
                f.describe("indicator " + detail::quoted(ind.id) + " gives " + describe(raw.u) +
                               ", which cannot convert to " + describe(ind.unit),
                           {0, f.text().size()}),
                where);
        }
        const conversion c = raw.u.to(ind.unit);
        const detail::valid_range range(ind.valid_min, ind.valid_max);
        column_value out = scaled ? std::move(*scaled) : map(raw, ind.unit, [c, range](double x, double& y) {
            y = detail::convert_exactly(c, x);
            return (range.admit(y) && std::isfinite(y)) ? reason::none : reason::out_of_range;
        });
        memo_.emplace(ind.id, out);
        if (trace_) trace_->indicators[ind.id] = {f, snapshot(raw), snapshot(out)};
        return out;
    }

    static bool folds_scale(const formula_node& root) { return root.kind == node_kind::binary && root.op == "/"; }

    // An indicator's formula a / b: its value (as eval gives it) and, when its unit differs from
    // the indicator's by a power of ten only, the indicator's values with the scale folded into
    // the one division (scaled_quotient.hpp) in `scaled`, the valid range checked.
    column_value quotient(const formula& f, const formula_node& root, const indicator& ind,
                          std::optional<column_value>& scaled) {
        const nesting_guard guard(*this, f, root);
        std::unique_ptr<column_value> a(new column_value(eval(f, *root.args[0])));
        std::unique_ptr<column_value> b(new column_value(eval(f, *root.args[1])));
        column_value raw = binary_op(f, root, *a, *b);
        if (trace_) traced(root, raw);
        if (!raw.u.convertible_to(ind.unit)) return raw;
        const conversion c = raw.u.to(ind.unit);
        if (c.factor != 1.0 || c.exponent == 0 || c.exponent > 22 || c.exponent < -22) return raw;
        const double power = detail::exact_power_of_ten(c.exponent);
        const detail::valid_range range(ind.valid_min, ind.valid_max);
        const bool divide = c.exponent < 0;
        scaled = zip(*a, *b, ind.unit, [power, divide, range](double x, double z, double& y) {
            const reason r = detail::row::divide(x, z, y);
            if (r != reason::none) return r;
            if (!std::isfinite(y)) return reason::out_of_range;
            y = divide ? detail::scaled_quotient<true>(x, z, y, power) : detail::scaled_quotient<false>(x, z, y, power);
            return (range.admit(y) && std::isfinite(y)) ? reason::none : reason::out_of_range;
        });
        return raw;
    }

    column_value eval(const formula& f, const formula_node& n) {
        // This recursion runs once per level of the tree (and through the indicators a formula
        // uses), so its frame is kept to a few pointers: operands wait on the heap (initialised
        // in place from the returned value, no temporary here) and every kernel is out of line.
        const nesting_guard guard(*this, f, n);
        column_value v = eval_node(f, n);
        if (trace_) traced(n, v);
        return v;
    }

    void forget() { memo_.clear(); }

    /// Record every step in `trace` (explain()).
    void trace_into(detail::eval_trace* trace) { trace_ = trace; }

    /// The evaluation recurses on one stack through formulas and the indicators they use, so
    /// both are bounded: a chain of indicators (a uses b uses c …; each costs a few kB of stack)
    /// and the levels of formula nested through them (one formula alone has at most
    /// formula::max_height). Together well under 1 MB of stack in a release build.
    static constexpr std::size_t max_indicator_depth = 100;
    static constexpr int max_nesting = 2 * formula::max_height;

private:
    column_value eval_node(const formula& f, const formula_node& n) {
        switch (n.kind) {
            case node_kind::number:
                return number(n);
            case node_kind::name:
                return name(f, n);
            case node_kind::unary_minus:
            case node_kind::logical_not: {
                std::unique_ptr<column_value> a(new column_value(eval(f, *n.args[0])));
                return prefix_op(n, *a);
            }
            case node_kind::binary: {
                std::unique_ptr<column_value> a(new column_value(eval(f, *n.args[0])));
                std::unique_ptr<column_value> b(new column_value(eval(f, *n.args[1])));
                return binary_op(f, n, *a, *b);
            }
            case node_kind::call:
                return call(f, n);  // calls nest at most formula::max_depth deep
        }
        return number(n);
    }

    // ---------------------------------------------------------------- the trace of explain()
    detail::traced_values snapshot(const column_value& v) const {
        detail::traced_values t{v.u, std::vector<double>(rows()), std::vector<reason>(rows())};
        for (std::size_t i = 0; i < rows(); ++i) t.values[i] = v.at(i), t.reasons[i] = v.why(i);
        return t;
    }

    // A node's value recorded; a time operator's node takes the reads its evaluation made.
    [[gnu::noinline]] void traced(const formula_node& n, const column_value& v) {
        trace_->nodes[&n] = snapshot(v);
        if (n.kind == node_kind::call && !trace_->pending.empty()) {
            trace_->reads[&n] = std::move(trace_->pending);
            trace_->pending.clear();
        }
    }

    void trace_reads(std::vector<std::vector<detail::traced_read>> reads) {
        if (trace_) trace_->pending = std::move(reads);
    }

    struct nesting_guard {
        evaluator& e;
        nesting_guard(evaluator& owner, const formula& f, const formula_node& n) : e(owner) {
            if (++e.nesting_ > max_nesting) {
                --e.nesting_;
                std::string path;
                for (const auto& id : e.stack_) path += (path.empty() ? "" : " → ") + id;
                throw limit_error(f.describe("formulas nested more than " + std::to_string(max_nesting) +
                                                 " levels deep through the indicators they use (" + path + ")",
                                             n.span));
            }
        }
        ~nesting_guard() { --e.nesting_; }
        nesting_guard(const nesting_guard&) = delete;
        nesting_guard& operator=(const nesting_guard&) = delete;
    };

    static std::string describe(const unit& u) { return "'" + u.symbol() + "' (" + u.dim().to_string() + ")"; }

    std::size_t rows() const { return p_.rows(); }

    // Elementwise y = f(x) over one value; gaps pass through.
    template <class F>
    column_value map(const column_value& a, unit u, F f) {
        if (a.scalar) {
            double y;
            reason r = f(a.scalar_value, y);
            if (r == reason::none) return constant(y, u);
            column_value out = fresh(rows(), u);
            out.owned->setConstant(nan_value);
            std::fill(out.reasons->begin(), out.reasons->end(), r);
            return out;
        }
        column_value out = fresh(rows(), std::move(u));
        double* y = out.owned->data();
        reason* why = out.reasons->data();
        for (std::size_t i = 0; i < rows(); ++i) {
            reason r = a.why(i);
            if (r == reason::none) r = f(a.data[i], y[i]);
            if (r != reason::none) y[i] = nan_value, why[i] = r;
        }
        return out;
    }

    // Elementwise y = f(a, b); the first gap (left before right) wins.
    template <class F>
    column_value zip(const column_value& a, const column_value& b, unit u, F f) {
        if (a.scalar && b.scalar) {
            double y;
            reason r = f(a.scalar_value, b.scalar_value, y);
            if (r == reason::none) return constant(y, u);
            return map(constant(0, u), u, [r](double, double& z) { return z = nan_value, r; });
        }
        column_value out = fresh(rows(), std::move(u));
        double* y = out.owned->data();
        reason* why = out.reasons->data();
        for (std::size_t i = 0; i < rows(); ++i) {
            reason r = a.why(i);
            if (r == reason::none) r = b.why(i);
            if (r == reason::none) r = f(a.at(i), b.at(i), y[i]);
            if (r != reason::none) y[i] = nan_value, why[i] = r;
        }
        return out;
    }

    // The decimals of v as its shortest round-trip fixed form writes it (1.2 → 1, 2 → 0).
    static int printed_decimals(double v) {
        if (!std::isfinite(v)) return 0;
        char text[512];  // the longest fixed form of a double (5e-324) has 326 characters
        const auto written = std::to_chars(text, text + sizeof text, v, std::chars_format::fixed);
        const std::string_view digits(text, static_cast<std::size_t>(written.ptr - text));
        const std::size_t point = digits.find('.');
        return point == std::string_view::npos ? 0 : static_cast<int>(digits.size() - point - 1);
    }

    // The decimals of each value of p as printed: those its text was written with where the loader
    // kept more than the shortest form shows ("2.00" → 2, "1.70" → 2: column::written_decimals), else
    // those of the shortest form (1.2 → 1, 2 → 0). Gaps pass through.
    column_value printed_decimals_of(const column_value& p) {
        if (!p.written || p.scalar)
            return map(p, unit{}, [](double v, double& y) { return y = printed_decimals(v), reason::none; });
        column_value out = fresh(rows(), unit{});
        for (std::size_t i = 0; i < rows(); ++i) {
            const reason r = p.why(i);
            (*out.reasons)[i] = r;
            (*out.owned)(static_cast<Eigen::Index>(i)) =
                r == reason::none ? std::max(printed_decimals(p.data[i]), int{(*p.written)[i]}) : nan_value;
        }
        return out;
    }

    static reason finite(double y) { return std::isfinite(y) ? reason::none : reason::out_of_range; }

    conversion converting(const formula& f, const column_value& from, const unit& to, const char* verb,
                          text_span where) const {
        if (from.any_unit) return {};
        if (!from.u.convertible_to(to))
            throw incompatible_units_error(
                f.describe(std::string("cannot ") + verb + " " + describe(to) + " and " + describe(from.u), where));
        detail::refuse_different_counts(f, to, from.u, verb, where);
        return from.u.to(to);
    }

    // The kernels of operators are out of line: eval() recurses once per level of the tree, and
    // its frame stays small when their loops (and the temporaries of every instantiation) are
    // not inlined into it.
    [[gnu::noinline]] static column_value number(const formula_node& n) {
        column_value c = constant(n.number, n.number_unit);
        c.any_unit = n.number == 0 && n.number_unit.symbol() == "1";
        return c;
    }

    [[gnu::noinline]] column_value prefix_op(const formula_node& n, const column_value& a) {
        if (n.kind == node_kind::unary_minus)
            return map(a, a.u, [](double x, double& y) { return y = -x, reason::none; });
        return map(a, unit{}, [](double x, double& y) { return y = x == 0 ? 1.0 : 0.0, reason::none; });
    }

    // Three-valued `and`/`or` (functions.hpp): a present operand that decides the result wins
    // over a missing one; otherwise the first missing operand's reason.
    [[gnu::noinline]] column_value kleene(const column_value& a, const column_value& b, bool is_and) {
        column_value out = fresh(rows(), unit{});
        for (std::size_t i = 0; i < rows(); ++i) {
            const double x = a.why(i) == reason::none ? a.at(i) : nan_value,
                         z = b.why(i) == reason::none ? b.at(i) : nan_value;
            const double y = is_and ? detail::row::and_lane(x, z) : detail::row::or_lane(x, z);
            (*out.owned)(static_cast<Eigen::Index>(i)) = y;
            if (y != y) (*out.reasons)[i] = a.why(i) != reason::none ? a.why(i) : b.why(i);
        }
        return out;
    }

    // missing(x): 1 where x has a reason, else 0.
    [[gnu::noinline]] column_value missing_flag(const column_value& x) {
        column_value out = fresh(rows(), unit{});
        for (std::size_t i = 0; i < rows(); ++i)
            (*out.owned)(static_cast<Eigen::Index>(i)) = x.why(i) == reason::none ? 0.0 : 1.0;
        return out;
    }

    [[gnu::noinline]] column_value binary_op(const formula& f, const formula_node& n, column_value& a,
                                             const column_value& b) {
        const std::string& op = n.op;
        if (op == "*")
            return zip(a, b, detail::unit_product(f, a.u, b.u, false, n.span),
                       [](double x, double z, double& y) { return y = x * z, finite(y); });
        if (op == "/")
            return zip(a, b, detail::unit_product(f, a.u, b.u, true, n.span), [](double x, double z, double& y) {
                const reason r = detail::row::divide(x, z, y);
                return r == reason::none ? finite(y) : r;
            });
        if (op == "and" || op == "or") return kleene(a, b, op == "and");
        detail::refuse_bare_number(f, *n.args[0], b.u);
        detail::refuse_bare_number(f, *n.args[1], a.u);
        const char* verb = op == "+" ? "add" : op == "-" ? "subtract" : "compare";
        if (a.any_unit) a.u = b.u;
        const conversion c = converting(f, b, a.u, verb, n.span);
        if (op == "+")
            return zip(a, b, a.u,
                       [c](double x, double z, double& y) { return y = x + detail::convert_exactly(c, z), finite(y); });
        if (op == "-")
            return zip(a, b, a.u,
                       [c](double x, double z, double& y) { return y = x - detail::convert_exactly(c, z), finite(y); });
        auto compare = [&](auto cmp) {
            const bool converts = c.exponent != 0 || c.factor != 1.0;
            return zip(a, b, unit{}, [c, cmp, converts](double x, double z, double& y) {
                const double w = detail::converted_for_comparison(detail::convert_exactly(c, z), x, converts);
                return y = cmp(x, w) ? 1.0 : 0.0, reason::none;
            });
        };
        if (op == "<") return compare(std::less<double>());
        if (op == "<=") return compare(std::less_equal<double>());
        if (op == ">") return compare(std::greater<double>());
        if (op == ">=") return compare(std::greater_equal<double>());
        if (op == "==") return compare(std::equal_to<double>());
        return compare(std::not_equal_to<double>());
    }

    // A panel variable as a leaf: no copy unless a value is one the catalogue's rules exclude
    // from computing (below the variable's minimum, a count that is not whole), which becomes a
    // gap with its reason (invalid_for_computation); `raw` keeps such values, for checks on them.
    // `judged_as`: the catalogue variable whose unit and rules the cells follow (a same-scope prior
    // column x_prior follows x's, as the roll-up sums it); by default the column's own.
    column_value leaf(const column& c, bool raw = false, const variable_spec* judged_as = nullptr) {
        const variable_spec* spec = judged_as ? judged_as : cat_.variable(c.name());
        column_value v;
        v.u = effective_unit(c, spec);
        v.keep = c.storage_owner();
        v.data = c.data();
        if (!c.written_decimals().empty()) v.written = &c.written_decimals();
        const bool judged = spec && !raw;
        const double min = judged ? spec->min : -std::numeric_limits<double>::infinity();
        const bool count = judged && spec->dimension_name == "count";
        const double* x = c.data();
        bool gaps = false, invalid = false;
        for (std::size_t i = 0; i < rows(); ++i) {
            gaps |= x[i] != x[i];
            invalid |=
                std::isinf(x[i]) || x[i] < min || (count && invalid_for_computation(*spec, x[i], v.u) != reason::none);
        }
        // A present value that carries a reason (a partial roll-up sum: incomplete_rollup or
        // invalid_child beside the sum, zhibiao/rollup.hpp) is no complete figure: a formula reads
        // it as the gap it stands for, with that reason (compute() on the parents of a partial
        // rollup() divided R&D of two counties by the GDP of four, 0.2 with no reason). `raw`
        // (published(x)) reads the value as given.
        const std::vector<reason>& stored = c.reasons();
        const auto partial = [&](std::size_t i) {
            return !raw && !stored.empty() && stored[i] != reason::none && !detail::is_nan(x[i]);
        };
        bool partial_sums = false;
        for (std::size_t i = 0; i < stored.size() && !partial_sums; ++i) partial_sums = partial(i);
        if (!gaps && !invalid && !partial_sums) return v;
        v.reasons = std::make_shared<std::vector<reason>>(rows(), reason::none);
        for (std::size_t i = 0; i < rows(); ++i)
            (*v.reasons)[i] = detail::is_nan(x[i]) || partial(i) ? c.reason_at(i) : reason::none;
        if (!invalid && !partial_sums) return v;
        column_value copy = fresh(rows(), v.u);
        copy.written = v.written;  // the same cells, some of them now gaps
        for (std::size_t i = 0; i < rows(); ++i) {
            // ±inf is invalid with or without a catalogue entry, even for `raw` checks.
            const reason why = std::isinf(x[i])         ? reason::invalid_input
                               : partial(i)             ? stored[i]
                               : x[i] == x[i] && judged ? invalid_for_computation(*spec, x[i], v.u)
                                                        : reason::none;
            (*copy.owned)(static_cast<Eigen::Index>(i)) = why == reason::none ? x[i] : nan_value;
            (*copy.reasons)[i] = why == reason::none ? (*v.reasons)[i] : why;
        }
        return copy;
    }

    static unit effective_unit(const column& c, const variable_spec* spec) {
        if (const std::optional<unit> u = detail::stated_unit(c, spec)) return *u;
        location where;
        where.variable = c.name();
        throw incompatible_units_error("variable '" + c.name() + "' has no unit; a " + spec->dimension_name +
                                           " needs one (give it as " + c.name() + "[unit] or in the units map)",
                                       where);
    }

    [[gnu::noinline]] column_value name(const formula& f, const formula_node& n) {
        if (const indicator* ind = cat_.find(n.name)) return indicator_column(*ind);
        if (const column* c = p_.find(n.name)) return leaf(*c);
        throw_missing(f, n);
    }

    [[noreturn]] void throw_missing(const formula& f, const formula_node& n) const {
        // Suggest among the panel's columns: that is where a variable was looked for.
        std::vector<std::string> known;
        for (const auto& c : p_.columns()) known.push_back(c.name());
        location where;
        where.variable = n.name;
        // The nearest name and, beside it, a registered population that is no resident one (never
        // offered as the name meant).
        const std::string registered = detail::registered_instead_of_resident(n.name, p_.columns());
        std::string hint =
            detail::suggestion(n.name, known, [](const std::string& s) -> std::string_view { return s; });
        if (!registered.empty() && hint.find("'" + registered + "'") != std::string::npos) hint.clear();
        if (!registered.empty()) hint += detail::registered_population_note(registered);
        throw missing_variable_error(
            needed_by() + f.describe("the panel has no variable " + detail::quoted(n.name) + hint, n.span), n.name,
            where);
    }

    /// "indicator 'a': " (or "indicator 'a' (through 'b' → 'c'): ") for an input the indicators on
    /// the path need; "" for an ad-hoc formula. With several ids asked (compute_all), the formula
    /// alone left the user to find the indicator by it.
    std::string needed_by() const {
        if (stack_.empty()) return {};
        std::string out = "indicator " + detail::quoted(stack_.front());
        for (std::size_t k = 1; k < stack_.size(); ++k)
            out += (k == 1 ? " (through " : " → ") + detail::quoted(stack_[k]);
        return out + (stack_.size() > 1 ? "): " : ": ");
    }

    // ---------------------------------------------------------------- time operators
    struct time_index {
        std::unordered_map<std::int64_t, std::int32_t> period_of_key;
        std::unordered_map<std::int64_t, std::int32_t> row_of;  // entity * periods + period → row
        std::int64_t periods = 0;
    };

    static std::int64_t key(const period& p) {
        return static_cast<std::int64_t>(p.year_number()) * 64 + static_cast<int>(p.kind()) * 16 + p.index();
    }

    const time_index& index() {
        if (!time_) {
            time_ = std::make_unique<time_index>();
            time_->periods = static_cast<std::int64_t>(p_.periods().size());
            for (std::size_t k = 0; k < p_.periods().size(); ++k)
                time_->period_of_key[key(p_.periods()[k])] = static_cast<std::int32_t>(k);
            time_->row_of.reserve(rows());
            for (std::size_t r = 0; r < rows(); ++r)
                time_->row_of[p_.entity_of_row()[r] * time_->periods + p_.period_of_row()[r]] =
                    static_cast<std::int32_t>(r);
        }
        return *time_;
    }

    // The row of the same entity as `row` in period `q`, or -1.
    std::int64_t row_at(std::size_t row, const period& q) {
        const time_index& t = index();
        auto pk = t.period_of_key.find(key(q));
        if (pk == t.period_of_key.end()) return none_at(q);
        auto r = t.row_of.find(p_.entity_of_row()[row] * t.periods + pk->second);
        return r == t.row_of.end() ? none_at(q) : r->second;
    }

    // No row at `q`: -1, and for explain() the period that was not there.
    std::int64_t none_at(const period& q) {
        if (trace_) sought_ = q, note_.clear();
        return -1;
    }

    static period shifted(const period& p, int steps) {  // steps < 0: earlier
        auto floor_div = [](int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
        switch (p.kind()) {
            case period_kind::half: {
                int i = p.year_number() * 2 + p.index() - 1 + steps;
                return period::half(floor_div(i, 2), i - floor_div(i, 2) * 2 + 1);
            }
            case period_kind::quarter: {
                int i = p.year_number() * 4 + p.index() - 1 + steps;
                return period::quarter(floor_div(i, 4), i - floor_div(i, 4) * 4 + 1);
            }
            case period_kind::month: {
                int i = p.year_number() * 12 + p.index() - 1 + steps;
                return period::month(floor_div(i, 12), i - floor_div(i, 12) * 12 + 1);
            }
            case period_kind::year:
                return period::year(p.year_number() + steps);
            case period_kind::year_to_date:
                break;  // span_steps_away(): spans from January step by a month within their year
        }
        return p;
    }

    // lag()/lead() of a span from January (1-5月, or 截至5月底 for a stock): the span a month
    // shorter or longer in the same year (1-4月, 4月底), so that `x - lag(x)` is May alone and
    // lag(single_month(x)) is April's month (当月环比). It read the same span a year earlier before,
    // which yoy() reads. Before January or after December there is none: the sum starts again.
    std::int64_t span_steps_away(std::size_t row, const period& p, int steps) {
        const int m = p.index() + steps;
        if (m >= 1 && m <= 12) return cumulative_row(row, p.year_number(), m);
        const std::int64_t none = none_at(p);
        if (trace_)
            note_ = "a span from January has none " + std::string(steps < 0 ? "before" : "after") +
                    " it in its year; yoy() reads it a year earlier";
        return none;
    }

    // out[i] = x[source(i)], with reason no_such_period where source(i) < 0.
    template <class Source>
    column_value gather(const column_value& x, Source source) {
        column_value out = fresh(rows(), x.u);
        for (std::size_t i = 0; i < rows(); ++i) {
            std::int64_t s = source(i);
            reason r = s < 0 ? reason::no_such_period : x.why(static_cast<std::size_t>(s));
            if (r == reason::none)
                (*out.owned)(static_cast<Eigen::Index>(i)) = x.at(static_cast<std::size_t>(s));
            else
                (*out.owned)(static_cast<Eigen::Index>(i)) = nan_value, (*out.reasons)[i] = r;
        }
        if (trace_) trace_gather(source);
        return out;
    }

    // For explain(): the rows gather() read, asked again (a second pass, so that the loop above
    // stays what it is when nothing is traced).
    template <class Source>
    [[gnu::noinline]] void trace_gather(Source source) {
        std::vector<std::vector<detail::traced_read>> read(rows());
        for (std::size_t i = 0; i < rows(); ++i) {
            const std::int64_t s = source(i);
            read[i] = {{s, s >= 0 ? p_.period_at(static_cast<std::size_t>(s)) : sought_, s >= 0 ? "" : note_}};
        }
        trace_reads(std::move(read));
    }

    // Same period one year earlier, preferring an explicit same-scope prior value (column
    // "<x>_prior", 上年同期同口径) where the panel has one. A blank prior cell gives none, and the
    // row reads x a year earlier; a prior cell that gives an invalid or incomplete value (text that
    // is no number, a partial roll-up sum) is the base's gap with its reason, never replaced by the
    // published level (spec §5: growth is not recomputed from levels where the scope is given).
    column_value prior_year_value(const formula& f, const formula_node& arg) {
        column_value x = eval(f, arg);
        column_value prior = gather(x, [&](std::size_t i) { return row_at(i, p_.period_at(i).prior_year()); });
        if (arg.kind != node_kind::name) return prior;
        const column* explicit_prior = p_.find(arg.name + "_prior");
        if (!explicit_prior) return prior;
        column_value given = leaf(*explicit_prior, false, cat_.variable(arg.name));
        const conversion c = converting(f, given, x.u, "use as prior value", arg.span);
        for (std::size_t i = 0; i < rows(); ++i) {
            const reason why = given.why(i);
            if (detail::prior_left_blank(why)) continue;
            const double y = why == reason::none ? detail::convert_exactly(c, given.at(i)) : nan_value;
            (*prior.owned)(static_cast<Eigen::Index>(i)) = std::isfinite(y) ? y : nan_value;
            (*prior.reasons)[i] = why == reason::none ? finite(y) : why;
        }
        return prior;
    }

    [[gnu::noinline]] column_value call(const formula& f, const formula_node& n) {
        detail::infer(f, n, [this](const std::string& name) { return detail::unit_of_name(cat_, p_, name); });
        const detail::function_spec& spec = *detail::find_function(n.name);
        const std::string& fn = n.name;
        auto arg = [&](std::size_t k) { return eval(f, *n.args[k]); };
        if (fn == "cumulable") return arg(0);  // a check of its argument's unit (infer), the value as it is
        if (fn == "if") {
            column_value c = arg(0), a = arg(1), b = arg(2);
            const conversion conv = converting(f, b, a.u, "choose between", n.span);
            column_value out = fresh(rows(), a.u);
            for (std::size_t i = 0; i < rows(); ++i) {
                reason r = c.why(i);
                double y = nan_value;
                if (r == reason::none) {
                    const bool take_a = c.at(i) != 0;
                    r = take_a ? a.why(i) : b.why(i);
                    if (r == reason::none) y = take_a ? a.at(i) : detail::convert_exactly(conv, b.at(i));
                    if (r == reason::none) r = finite(y);  // 1e305 亿元 is no finite number of 元
                    if (r != reason::none) y = nan_value;
                }
                (*out.owned)(static_cast<Eigen::Index>(i)) = y;
                (*out.reasons)[i] = r;
            }
            return out;
        }
        if (fn == "min" || fn == "max") {
            column_value acc = arg(0);
            for (std::size_t k = 1; k < n.args.size(); ++k) {
                column_value b = arg(k);
                const conversion c = converting(f, b, acc.u, "compare", n.span);
                const bool is_min = fn == "min";
                acc = zip(acc, b, acc.u, [c, is_min](double x, double z, double& y) {
                    z = detail::convert_exactly(c, z);
                    return y = is_min ? std::min(x, z) : std::max(x, z), finite(z);
                });
            }
            return acc;
        }
        if (fn == "abs") {
            column_value x = arg(0);
            return map(x, x.u, [](double v, double& y) { return y = std::abs(v), reason::none; });
        }
        if (fn == "printed_tolerance") {
            // Half a unit of the last decimal of the value as written (its text's, where a loader kept
            // it: "2.00" → 0.005; else its shortest round-trip form: 1.2 → 0.05, 1.23 → 0.005, 2 → 0.5),
            // plus a millionth of it for the binary fractions.
            column_value x = arg(0);
            return map(printed_decimals_of(x), x.u, [](double d, double& y) {
                y = 0.5 * std::pow(10.0, -d) * (1 + 1e-6);
                return reason::none;
            });
        }
        if (fn == "printed_round") {
            // x rounded half away from zero (四舍五入) to the decimals of p as written, the half decided on
            // x's decimal value meant (12 significant digits), as zb.write_csv rounds: printed_round(1.25, 1.2)
            // is 1.3, and 1.2499999999999998 (a ratio held a hair below 1.25) is 1.3 too.
            // p's decimals are its text's where a loader kept them (a published "2.00" rounds x to 2).
            // p's decimals count in p's unit: a share recomputed in % beside a published 17.4 ‰ is rounded
            // in ‰ (17.4), not in % to one decimal (1.7 % = 17 ‰, a false finding), and given back in x's unit.
            column_value x = arg(0);
            const column_value published = arg(1);
            column_value p = printed_decimals_of(published);
            const bool comparable = !published.any_unit && !published.scalar && x.u.convertible_to(published.u);
            const conversion there = comparable ? x.u.to(published.u) : conversion{};
            const conversion back = comparable ? published.u.to(x.u) : conversion{};
            const bool convert = !there.identity();
            return zip(x, p, x.u, [there, back, convert](double v, double d, double& y) {
                if (!convert) return y = detail::printed_round(v, static_cast<int>(d)), reason::none;
                y = detail::convert_exactly(
                    back, detail::printed_round(detail::convert_exactly(there, v), static_cast<int>(d)));
                return reason::none;
            });
        }
        if (fn == "round") {
            column_value x = arg(0);
            const double scale = std::pow(10.0, detail::literal_argument(n, spec, 0));
            return map(x, x.u,
                       [scale](double v, double& y) { return y = detail::row::round_scaled(v, scale), reason::none; });
        }
        if (fn == "missing") return missing_flag(arg(0));
        if (fn == "sqrt" || fn == "log" || fn == "exp") {
            column_value x = arg(0);
            const conversion c = x.u.to(unit{});
            if (fn == "sqrt")
                return map(x, unit{}, [c](double v, double& y) {
                    v = detail::convert_exactly(c, v);
                    return v < 0 ? reason::out_of_range : (y = std::sqrt(v), reason::none);
                });
            if (fn == "log")
                return map(x, unit{}, [c](double v, double& y) {
                    v = detail::convert_exactly(c, v);
                    return v <= 0 ? reason::out_of_range : (y = std::log(v), reason::none);
                });
            return map(x, unit{},
                       [c](double v, double& y) { return y = std::exp(detail::convert_exactly(c, v)), finite(y); });
        }
        return time_call(f, n, spec);
    }

    // The time operators, elapsed() and published(): values of other rows of the same entity.
    [[gnu::noinline]] column_value time_call(const formula& f, const formula_node& n,
                                             const detail::function_spec& spec) {
        const std::string& fn = n.name;
        auto arg = [&](std::size_t k) { return eval(f, *n.args[k]); };
        if (fn == "lag" || fn == "lead") {
            const int k = detail::literal_argument(n, spec, 1);
            const int steps = fn == "lag" ? -k : k;
            return gather(arg(0), [&](std::size_t i) {
                const period& p = p_.period_at(i);
                if (p.kind() == period_kind::year_to_date) return span_steps_away(i, p, steps);
                const std::int64_t found = row_at(i, shifted(p, steps));
                // January is also the first span of a cumulative column (1-1月, 1-2月…): without
                // the month beside it, its neighbour is the span a month longer (none before it).
                // A column of single months without its December is no such column: its lag is
                // just absent, said as any absent row (not as a span from January).
                const bool january = p.kind() == period_kind::month && p.index() == 1;
                if (found >= 0 || !january) return found;
                if (steps < 0 && !has_span_from_january(i, p.year_number())) return found;
                return span_steps_away(i, p, steps);
            });
        }
        if (fn == "yoy") return prior_year_value(f, *n.args[0]);
        if (fn == "growth") {
            column_value x = arg(0), base = prior_year_value(f, *n.args[0]);
            return zip(x, base, unit{}, [](double v, double b, double& y) {
                return b <= 0 ? reason::nonpositive_base : (y = v / b - 1, finite(y));
            });
        }
        if (fn == "cagr") {
            const int years = detail::literal_argument(n, spec, 1);
            column_value x = arg(0);
            column_value base =
                gather(x, [&](std::size_t i) { return row_at(i, shifted_years(p_.period_at(i), years)); });
            const double inv = 1.0 / years;
            return zip(x, base, unit{}, [inv](double v, double b, double& y) {
                if (b <= 0) return reason::nonpositive_base;
                if (v < 0) return reason::out_of_range;
                return y = std::pow(v / b, inv) - 1, finite(y);
            });
        }
        if (fn == "ytd") return year_to_date(arg(0), reads_cumulative(*n.args[0]));
        if (fn == "single_month" || fn == "single_quarter")
            return since_shorter_span(arg(0), fn == "single_month" ? 1 : 3, reads_cumulative(*n.args[0]));
        if (fn == "last_year_end") {
            column_value x = arg(0);
            return gather(x, [&](std::size_t i) {
                const int y = p_.period_at(i).year_number() - 1;
                for (const period& q :
                     {period::year(y), period::month(y, 12), period::quarter(y, 4), period::half(y, 2)}) {
                    std::int64_t r = row_at(i, q);
                    if (r >= 0 && x.why(static_cast<std::size_t>(r)) == reason::none) return r;
                }
                return row_at(i, period::year(y));
            });
        }
        if (fn == "year_end") return year_end_value(arg(0));
        if (fn == "target") {
            column_value x = arg(0);
            return gather(x, [&](std::size_t i) { return row_at(i, period::year(p_.period_at(i).year_number())); });
        }
        if (fn == "elapsed") {
            column_value out = fresh(rows(), unit{});
            std::vector<double> by_period;
            for (const auto& q : p_.periods()) by_period.push_back(q.fraction_elapsed(options_.basis));
            for (std::size_t i = 0; i < rows(); ++i)
                (*out.owned)(static_cast<Eigen::Index>(i)) = by_period[static_cast<std::size_t>(p_.period_of_row()[i])];
            return out;
        }
        // published(x): the panel column as given, even when an indicator has the same id.
        const formula_node& target_name = *n.args[0];
        if (const column* c = p_.find(target_name.name)) return leaf(*c, true);
        throw_missing(f, target_name);
    }

    // A per-10k denominator (indicators.md §1.4): a period ending in December is its own year end;
    // a period within a year divides by the last year-end value the panel has. Only when the
    // panel has no row of that year end does it divide by the figure the row itself states (what a
    // report prints as its denominator): a year-end row whose value is missing or invalid makes the
    // denominator missing with that cell's reason (a blank 2023 population is no licence to divide
    // 2024H1 by the 2024H1 one; a partial roll-up sum keeps its reason to every value it reaches).
    column_value year_end_value(const column_value& x) {
        return gather(x, [&](std::size_t i) {
            const period& p = p_.period_at(i);
            const auto own = static_cast<std::int64_t>(i);
            if (p.last_month() == 12) return own;
            const int y = p.year_number() - 1;
            std::int64_t first_row = -1;  // the first year-end row there is, with or without a value
            for (const period& q : {period::year(y), period::month(y, 12), period::quarter(y, 4), period::half(y, 2)}) {
                std::int64_t r = row_at(i, q);
                if (r >= 0 && x.why(static_cast<std::size_t>(r)) == reason::none) return r;
                if (first_row < 0) first_row = r;
            }
            return first_row >= 0 ? first_row : own;
        });
    }

    static period shifted_years(const period& p, int years) {
        period q = p;
        for (int k = 0; k < years; ++k) q = q.prior_year();
        return q;
    }

    // Cumulative value from January: the sum of the same entity's flows over the year so far (a
    // variable the catalogue marks cumulative holds it in every row already).
    column_value year_to_date(const column_value& x, bool cumulative_already) {
        column_value out = fresh(rows(), x.u);
        std::vector<std::vector<detail::traced_read>> read(trace_ ? rows() : 0);
        for (std::size_t i = 0; i < rows(); ++i) {
            const period& p = p_.period_at(i);
            std::vector<period> parts;
            const int y = p.year_number();
            switch (cumulative_already ? period_kind::year : p.kind()) {
                case period_kind::month:
                    for (int m = 1; m <= p.index(); ++m) parts.push_back(period::month(y, m));
                    break;
                case period_kind::quarter:
                    for (int q = 1; q <= p.index(); ++q) parts.push_back(period::quarter(y, q));
                    break;
                case period_kind::half:
                    for (int h = 1; h <= p.index(); ++h) parts.push_back(period::half(y, h));
                    break;
                default:
                    parts.push_back(p);
                    break;  // a year or a YTD span is cumulative already
            }
            double sum = 0;
            reason r = reason::none;
            for (const auto& q : parts) {
                std::int64_t s = q == p ? static_cast<std::int64_t>(i) : row_at(i, q);
                if (trace_) read[i].push_back({s, q, {}});
                if (s < 0) {
                    r = reason::no_such_period;
                    break;
                }
                r = x.why(static_cast<std::size_t>(s));
                if (r != reason::none) break;
                sum += x.at(static_cast<std::size_t>(s));
            }
            if (r == reason::none) r = finite(sum);  // months near 1e308 sum to inf
            (*out.owned)(static_cast<Eigen::Index>(i)) = r == reason::none ? sum : nan_value;
            (*out.reasons)[i] = r;
        }
        trace_reads(std::move(read));
        return out;
    }

    // The cumulative span of `y` from January to month `m` as a panel labels it (1-3月 is Q1, 1-6月
    // H1, 1-12月 the year, 1-1月 January itself).
    std::int64_t cumulative_row(std::size_t row, int y, int m) { return row_at(row, period::year_to_date(y, m)); }

    // Whether row's entity has a span from January (1-2月 … 1-12月 written as such) in year y.
    bool has_span_from_january(std::size_t row, int y) {
        for (int m = 2; m <= 12; ++m)
            if (cumulative_row(row, y, m) >= 0) return true;
        return false;
    }

    // For a variable cumulative in every row (catalogue `cumulative`: a 2024Q2 row holds January to
    // June): the row of `p`'s kind ending in month m (Q1 before Q2, April before May), else the
    // span from January labelled as one.
    std::int64_t cumulative_row_like(std::size_t row, const period& p, int m) {
        const int y = p.year_number();
        std::optional<period> same_kind;
        if (p.kind() == period_kind::month) same_kind = period::month(y, m);
        if (p.kind() == period_kind::quarter && m % 3 == 0) same_kind = period::quarter(y, m / 3);
        if (p.kind() == period_kind::half && m == 6) same_kind = period::half(y, 1);
        const std::int64_t found = same_kind ? row_at(row, *same_kind) : -1;
        return found >= 0 ? found : cumulative_row(row, y, m);
    }

    // A name in `n` the catalogue marks cumulative (its every row from January).
    bool reads_cumulative(const formula_node& n) const {
        if (n.kind == node_kind::name) {
            const variable_spec* v = cat_.variable(n.name);
            return v && v->cumulative;
        }
        return std::any_of(n.args.begin(), n.args.end(), [&](const auto& a) { return reads_cumulative(*a); });
    }

    // The figure of a row's last month (step 1) or last quarter (step 3) from figures cumulative
    // from January, as monthly statistics are published (当月 = 1-5月累计 − 1-4月累计): the row's
    // value less that of the span `step` months shorter. A row of one month (one quarter) holds its
    // own figure already, unless the variable is `marked` cumulative in every row. A shorter span the
    // panel lacks (a month left out in the middle: 1-5月 less 1-3月 would be two months), a span not
    // ending on a quarter, or a row of another span (a second half, a quarter asked for its month)
    // gives no_such_period.
    column_value since_shorter_span(const column_value& x, int step, bool marked) {
        column_value out = fresh(rows(), x.u);
        std::vector<std::vector<detail::traced_read>> read(trace_ ? rows() : 0);
        for (std::size_t i = 0; i < rows(); ++i) {
            const period& p = p_.period_at(i);
            const int end = p.last_month();
            const bool cumulative = marked || p.kind() == period_kind::year_to_date || p.first_month() == 1;
            const int span = end - (cumulative ? 1 : p.first_month()) + 1;
            const bool subtracts = cumulative && end > step && end % step == 0;
            std::int64_t shorter = -1;  // the row of the shorter span; -2: the row is the span asked for
            if (subtracts)
                shorter =
                    marked ? cumulative_row_like(i, p, end - step) : cumulative_row(i, p.year_number(), end - step);
            else if (span == step)
                shorter = -2;
            if (trace_ && (shorter == -2 || subtracts)) {
                read[i].push_back({static_cast<std::int64_t>(i), p, {}});
                if (subtracts)
                    read[i].push_back(
                        {shorter, shorter >= 0 ? p_.period_at(static_cast<std::size_t>(shorter)) : sought_, note_});
            }
            reason r = shorter == -1 ? reason::no_such_period : x.why(i);
            if (r == reason::none && shorter >= 0) r = x.why(static_cast<std::size_t>(shorter));
            double y = nan_value;
            if (r == reason::none) y = shorter >= 0 ? x.at(i) - x.at(static_cast<std::size_t>(shorter)) : x.at(i);
            if (r == reason::none) r = finite(y);
            (*out.owned)(static_cast<Eigen::Index>(i)) = r == reason::none ? y : nan_value;
            (*out.reasons)[i] = r;
        }
        trace_reads(std::move(read));
        return out;
    }

    const panel& p_;
    const catalogue& cat_;
    compute_options options_;
    std::unordered_map<std::string, column_value> memo_;
    std::vector<std::string> stack_;
    int nesting_ = 0;
    std::unique_ptr<time_index> time_;
    detail::eval_trace* trace_ = nullptr;
    period sought_;     // the period row_at() last found no row at (traced only)
    std::string note_;  // why there is no row at sought_ where the period alone does not say
};

// A value as the result column `id` of n rows: its storage moved in when the value alone owns
// it, else copied (a result never shares memory with the panel or another result: NumPy views
// of it are written to).
indicator_values result_column(std::string id, column_value v, std::size_t n) {
    Eigen::ArrayXd values;
    if (v.scalar)
        values = Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(n), v.scalar_value);
    else if (v.owned && v.owned.use_count() <= 2)
        values = std::move(*v.owned);  // ours alone (keep + owned)
    else
        values = Eigen::Map<const Eigen::ArrayXd>(v.data, static_cast<Eigen::Index>(n));
    std::vector<reason> why;
    if (v.reasons && v.reasons.use_count() == 1)
        why = std::move(*v.reasons);
    else if (v.reasons)
        why = *v.reasons;
    return indicator_values(std::move(id), std::move(v.u), std::move(values), std::move(why));
}

indicator_values missing_column(const indicator& ind, std::size_t rows, reason why, std::string problem,
                                std::string variable = {}) {
    return indicator_values(ind.id, ind.unit, Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(rows), nan_value),
                            std::vector<reason>(rows, why), std::move(problem), std::move(variable));
}

// The storage of an indicator_values that owns its columns.
struct owned_result {
    Eigen::ArrayXd values;
    std::vector<reason> reasons;
};

}  // namespace

indicator_values::indicator_values(std::string id, zhibiao::unit u, Eigen::ArrayXd values, std::vector<reason> reasons,
                                   std::string column_problem, std::string missing_variable)
    : id_(std::move(id)),
      unit_(std::move(u)),
      column_problem_(std::move(column_problem)),
      missing_variable_(std::move(missing_variable)) {
    const auto rows = static_cast<std::size_t>(values.size());
    if (reasons.empty()) reasons.assign(rows, reason::none);
    if (reasons.size() != rows)
        throw argument_error("indicator_values '" + id_ + "': " + detail::counted(reasons.size(), "reason") + " for " +
                             detail::counted(rows, "value"));
    auto owned = std::make_shared<owned_result>(owned_result{std::move(values), std::move(reasons)});
    values_ = owned->values.data(), reasons_ = owned->reasons.data(), rows_ = rows;
    owner_ = std::move(owned);
}

namespace {

// 百分点 and % swapped (detail::refuse_percent_for_points) where the panel's units show it: columns
// in % that the catalogue does not know (`a[%] - b[%]`) are typed only here. Thrown when strict;
// else the message per indicator ("" where none), for a unit_mismatch column.
std::vector<std::string> percent_for_points(const panel& p, const catalogue& cat,
                                            const std::vector<const indicator*>& wanted,
                                            const compute_options& options) {
    std::vector<std::string> problems(wanted.size());
    const detail::unit_resolver resolve = [&](const std::string& name) { return detail::unit_of_name(cat, p, name); };
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        const indicator& ind = *wanted[k];
        try {
            const formula f = ind.parsed.empty() ? formula::parse(ind.formula) : ind.parsed;
            detail::refuse_percent_for_points(f, ind.unit, resolve);
            detail::refuse_other_count(f, ind.unit, cat, resolve);
        } catch (const incompatible_units_error& e) {
            const std::string message = "indicator " + detail::quoted(ind.id) + ": " + e.message();
            if (options.strict) throw incompatible_units_error(message);
            problems[k] = message;
        } catch (const error&) {
            // any other fault of the formula is the evaluator's to report, in its words
        }
    }
    return problems;
}

}  // namespace

indicator_table compute(const panel& p, const std::vector<std::string>& ids, const compute_options& options,
                        const catalogue& cat) {
    std::vector<const indicator*> wanted;
    for (const auto& id : ids) wanted.push_back(&cat.at(id));
    evaluator ev(p, cat, options);
    std::vector<indicator_values> columns(wanted.size());
    std::vector<column_value> values(wanted.size());
    const std::vector<std::string> mislabelled = percent_for_points(p, cat, wanted, options);
    // The fused path takes what it can plan; the rest, in order, one column at a time.
    const std::vector<bool> fused = options.fused ? detail::compute_fused(p, wanted, options, cat, columns)
                                                  : std::vector<bool>(wanted.size(), false);
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        poll_interrupt();  // a whole column per indicator: Ctrl-C between them
        report_progress(k, wanted.size());
        if (!mislabelled[k].empty()) {
            columns[k] = missing_column(*wanted[k], p.rows(), reason::unit_mismatch, mislabelled[k]);
            continue;
        }
        if (fused[k]) continue;
        try {
            values[k] = ev.indicator_column(*wanted[k]);
        } catch (const missing_variable_error& e) {
            if (options.strict) throw;
            columns[k] = missing_column(*wanted[k], p.rows(), reason::missing_variable, e.message(), e.name());
        } catch (const incompatible_units_error& e) {
            if (options.strict) throw;
            columns[k] = missing_column(*wanted[k], p.rows(), reason::unit_mismatch, e.message());
        }
    }
    report_progress(wanted.size(), wanted.size());  // a progress bar ends full, not one column short
    ev.forget();                                    // drop the memo so results can take their storage without copying
    for (std::size_t k = 0; k < wanted.size(); ++k)
        if (!fused[k] && columns[k].column_problem().empty())
            columns[k] = result_column(wanted[k]->id, std::move(values[k]), p.rows());
    return indicator_table(std::move(columns));
}

void detail::traced_indicator(const panel& p, const indicator& ind, const compute_options& options,
                              const catalogue& cat, eval_trace& trace) {
    // explain() refuses what compute() does: 百分点 and % swapped in the panel's units too.
    refuse_percent_for_points(ind.parsed.empty() ? formula::parse(ind.formula) : ind.parsed, ind.unit,
                              [&](const std::string& name) { return unit_of_name(cat, p, name); });
    evaluator ev(p, cat, options);
    ev.trace_into(&trace);
    ev.indicator_column(ind);
}

indicator_values compute_indicator(const panel& p, const indicator& ind, const compute_options& options,
                                   const catalogue& cat) {
    catalogue with = cat;
    with.add(ind);
    return compute(p, {ind.id}, options, with)[0];
}

indicator_values evaluate(const panel& p, const formula& f, const std::optional<unit>& out,
                          const compute_options& options, const catalogue& cat) {
    if (out)  // as compute() refuses an indicator in that unit
        detail::refuse_percent_for_points(f, *out,
                                          [&](const std::string& name) { return detail::unit_of_name(cat, p, name); });
    evaluator ev(p, cat, options);
    const formula_node& root = detail::root_of(f);
    std::optional<column_value> scaled;  // a quotient in a unit a power of ten away: rounded once, as compute() does
    column_value v = [&] {
        if (!out || !evaluator::folds_scale(root)) return ev.eval(f, root);
        indicator as_asked;  // no valid range: a value out of range only when it is not finite
        as_asked.unit = *out;
        return ev.quotient(f, root, as_asked, scaled);
    }();
    if (out) {
        if (!v.u.convertible_to(*out))
            throw incompatible_units_error(
                f.describe("the formula gives '" + v.u.symbol() + "', which cannot convert to '" + out->symbol() + "'",
                           {0, f.text().size()}));
        detail::refuse_other_count(f, *out, cat,
                                   [&](const std::string& name) { return detail::unit_of_name(cat, p, name); });
        if (scaled) {
            ev.forget();
            return result_column(f.text(), std::move(*scaled), p.rows());
        }
        const conversion c = v.u.to(*out);
        column_value converted = fresh(p.rows(), *out);
        for (std::size_t i = 0; i < p.rows(); ++i) {
            reason r = v.why(i);
            double y = r == reason::none ? detail::convert_exactly(c, v.at(i)) : nan_value;
            if (r == reason::none && !std::isfinite(y)) r = reason::out_of_range, y = nan_value;  // 1e305 亿元 in 元
            (*converted.owned)(static_cast<Eigen::Index>(i)) = y;
            (*converted.reasons)[i] = r;
        }
        v = converted;
    }
    ev.forget();
    return result_column(f.text(), std::move(v), p.rows());
}

}  // namespace zhibiao
