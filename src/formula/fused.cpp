// The fused path of compute() (fused.hpp): a planner that turns the indicators' formula trees
// into one list of steps over block buffers, and a runner that executes it block by block.
#include "formula/fused.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "formula/functions.hpp"
#include "formula/typing.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao::detail {
namespace {

// Rows per block: the buffers of a whole catalogue's steps stay in the first cache levels.
constexpr std::size_t block_rows = 1024;
constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

enum class op : std::uint8_t {
    leaf,
    elapsed,
    neg,
    logical_not,
    abs,
    round,
    sqrt,
    log,
    exp,
    missing,
    add,
    sub,
    mul,
    div,
    min,
    max,
    less,
    less_equal,
    greater,
    greater_equal,
    equal,
    not_equal,
    logical_and,
    logical_or,
    choose,
    to_indicator,
};

// A panel column read as a leaf (the evaluator's `leaf`, not `raw`).
struct leaf_source {
    const double* x = nullptr;
    const reason* stored = nullptr;  // the column's own reasons, null when it has none
    bool judged = false;             // the catalogue has the variable: its minimum and count rule apply
    bool count = false;
    double min = -std::numeric_limits<double>::infinity();
    conversion to_base;  // for the whole-number rule of counts
};

struct step {
    op kind = op::leaf;
    int out = -1, a = -1, b = -1, c = -1;
    conversion conv;        // of the second operand (add … max, choose), or of the result (to_indicator, sqrt …)
    double lo = 0, hi = 0;  // to_indicator: the valid range; round: the scale
    int leaf = -1;
};

// What the planner knows of a node's value: its slot and its unit.
struct planned {
    int slot = -1;
    unit u;
    bool any_unit = false;  // the literal 0
};

struct not_fusable {};

struct program {
    std::vector<leaf_source> leaves;
    std::vector<step> steps;
    std::vector<double> constants;  // per slot: NaN unless the slot is a constant
    std::vector<bool> is_constant;
    std::vector<double> elapsed_by_period;
    const std::int32_t* period_of_row = nullptr;
    int slots() const { return static_cast<int>(is_constant.size()); }
};

const unit dimensionless{};

class planner {
public:
    planner(const panel& p, const catalogue& cat, const compute_options& options)
        : p_(p), cat_(cat), options_(options) {}

    // The slot of the indicator's checked, converted values; -1 when it cannot be fused (the
    // program is then as it was before).
    int add(const indicator& ind) {
        const std::size_t steps = prog_.steps.size(), leaves = prog_.leaves.size();
        const int slots = prog_.slots();
        try {
            return indicator_value(ind).slot;
        } catch (const not_fusable&) {
        } catch (const error&) {}
        prog_.steps.resize(steps);
        prog_.leaves.resize(leaves);
        prog_.is_constant.resize(static_cast<std::size_t>(slots));
        prog_.constants.resize(static_cast<std::size_t>(slots));
        for (auto it = memo_.begin(); it != memo_.end();) it = it->second.slot >= slots ? memo_.erase(it) : ++it;
        for (auto it = leaf_of_.begin(); it != leaf_of_.end();)
            it = it->second.slot >= slots ? leaf_of_.erase(it) : ++it;
        stack_.clear();
        nesting_ = 0;
        return -1;
    }

    program& result() { return prog_; }

private:
    static constexpr std::size_t max_indicator_depth = 100;      // the evaluator's limits: beyond them
    static constexpr int max_nesting = 2 * formula::max_height;  // it raises, so it is left to it

    int new_slot(double constant = nan_value, bool is_constant = false) {
        prog_.constants.push_back(constant);
        prog_.is_constant.push_back(is_constant);
        return prog_.slots() - 1;
    }

    planned emit(op kind, unit u, int a, int b = -1, conversion conv = {}, double lo = 0, double hi = 0) {
        step s;
        s.kind = kind, s.out = new_slot(), s.a = a, s.b = b, s.conv = conv, s.lo = lo, s.hi = hi;
        prog_.steps.push_back(s);
        return {s.out, std::move(u), false};
    }

    planned indicator_value(const indicator& ind) {
        auto found = memo_.find(ind.id);
        if (found != memo_.end()) return found->second;
        if (std::find(stack_.begin(), stack_.end(), ind.id) != stack_.end() || stack_.size() >= max_indicator_depth)
            throw not_fusable();
        stack_.push_back(ind.id);
        formula f = ind.parsed.empty() ? formula::parse(ind.formula) : ind.parsed;
        const planned raw = eval(f, root_of(f));
        if (!raw.u.convertible_to(ind.unit)) throw not_fusable();
        planned out = emit(op::to_indicator, ind.unit, raw.slot, -1, raw.u.to(ind.unit), ind.valid_min, ind.valid_max);
        stack_.pop_back();
        memo_.emplace(ind.id, out);
        return out;
    }

    planned eval(const formula& f, const formula_node& n) {
        if (++nesting_ > max_nesting) throw not_fusable();
        struct leave {
            int& depth;
            ~leave() { --depth; }
        } on_exit{nesting_};
        return eval_node(f, n);
    }

    planned eval_node(const formula& f, const formula_node& n) {
        switch (n.kind) {
            case node_kind::number:
                return number(n);
            case node_kind::name:
                if (const indicator* ind = cat_.find(n.name)) return indicator_value(*ind);
                if (const column* c = p_.find(n.name)) return leaf(*c);
                throw not_fusable();
            case node_kind::unary_minus:
                return negated(f, n);
            case node_kind::logical_not:
                return negated(f, n);
            case node_kind::binary:
                return binary(f, n);
            case node_kind::call:
                return call(f, n);
        }
        throw not_fusable();
    }

    [[gnu::noinline]] planned number(const formula_node& n) {
        return {new_slot(n.number, true), n.number_unit, n.number == 0 && n.number_unit.symbol() == "1"};
    }

    // -x, or `not x`.
    [[gnu::noinline]] planned negated(const formula& f, const formula_node& n) {
        std::unique_ptr<planned> a(new planned(eval(f, *n.args[0])));
        if (n.kind == node_kind::logical_not) return emit(op::logical_not, dimensionless, a->slot);
        return emit(op::neg, a->u, a->slot);
    }

    conversion converting(const planned& from, const unit& to) const {
        if (from.any_unit) return {};
        if (!from.u.convertible_to(to)) throw not_fusable();
        return from.u.to(to);
    }

    static unit product(const unit& a, const unit& b, bool divide) { return divide ? a / b : a * b; }

    // Out of line, operands on the heap: the planner recurses once per level of the tree (as
    // the evaluator does, up to its nesting limit), so its frames stay small.
    [[gnu::noinline]] planned binary(const formula& f, const formula_node& n) {
        std::unique_ptr<planned> left(new planned(eval(f, *n.args[0])));
        std::unique_ptr<planned> right(new planned(eval(f, *n.args[1])));
        return binary_op(n, *left, *right);
    }

    planned binary_op(const formula_node& n, planned& a, const planned& b) {
        const std::string& symbol = n.op;
        if (symbol == "*") return emit(op::mul, product(a.u, b.u, false), a.slot, b.slot);
        if (symbol == "/") return emit(op::div, product(a.u, b.u, true), a.slot, b.slot);
        if (symbol == "and" || symbol == "or")
            return emit(symbol == "and" ? op::logical_and : op::logical_or, dimensionless, a.slot, b.slot);
        if (a.any_unit) a.u = b.u;
        const conversion c = converting(b, a.u);
        if (symbol == "+") return emit(op::add, a.u, a.slot, b.slot, c);
        if (symbol == "-") return emit(op::sub, a.u, a.slot, b.slot, c);
        const op kind = symbol == "<"    ? op::less
                        : symbol == "<=" ? op::less_equal
                        : symbol == ">"  ? op::greater
                        : symbol == ">=" ? op::greater_equal
                        : symbol == "==" ? op::equal
                                         : op::not_equal;
        return emit(kind, dimensionless, a.slot, b.slot, c);
    }

    [[gnu::noinline]] planned call(const formula& f, const formula_node& n);
    [[gnu::noinline]] planned leaf(const column& c);
    static unit effective_unit(const column& c, const variable_spec* spec);

    const panel& p_;
    const catalogue& cat_;
    compute_options options_;
    program prog_;
    std::unordered_map<std::string, planned> memo_;     // indicators planned
    std::unordered_map<std::string, planned> leaf_of_;  // columns read
    std::vector<std::string> stack_;
    int nesting_ = 0;
};

planned planner::call(const formula& f, const formula_node& n) {
    infer(f, n, [this](const std::string& name) { return unit_of_name(cat_, p_, name); });
    const function_spec& spec = *find_function(n.name);
    const std::string& fn = n.name;
    auto arg = [&](std::size_t k) { return eval(f, *n.args[k]); };
    if (fn == "if") {
        planned c = arg(0), a = arg(1), b = arg(2);
        planned out = emit(op::choose, a.u, a.slot, b.slot, converting(b, a.u));
        prog_.steps.back().c = c.slot;
        return out;
    }
    if (fn == "min" || fn == "max") {
        planned acc = arg(0);
        for (std::size_t k = 1; k < n.args.size(); ++k) {
            planned b = arg(k);
            acc = emit(fn == "min" ? op::min : op::max, acc.u, acc.slot, b.slot, converting(b, acc.u));
        }
        return acc;
    }
    if (fn == "abs" || fn == "round") {
        planned x = arg(0);
        const double scale = fn == "abs" ? 0 : std::pow(10.0, literal_argument(n, spec, 0));
        return emit(fn == "abs" ? op::abs : op::round, x.u, x.slot, -1, {}, scale);
    }
    if (fn == "missing") return emit(op::missing, dimensionless, arg(0).slot);
    if (fn == "sqrt" || fn == "log" || fn == "exp") {
        planned x = arg(0);
        const op kind = fn == "sqrt" ? op::sqrt : fn == "log" ? op::log : op::exp;
        return emit(kind, dimensionless, x.slot, -1, x.u.to(unit{}));
    }
    if (fn == "elapsed") {
        if (prog_.elapsed_by_period.empty())
            for (const auto& q : p_.periods()) prog_.elapsed_by_period.push_back(q.fraction_elapsed(options_.basis));
        prog_.period_of_row = p_.period_of_row().data();
        return emit(op::elapsed, dimensionless, -1);
    }
    throw not_fusable();  // time operators and published(): other rows, or the column as given
}

// A column is read once per block whatever the number of formulas that use it. Its reasons
// are those of the evaluator's leaf: the rule below gives them row by row, which holds when a
// stored reason only ever marks a NaN (the evaluator reads the stored reasons of a present value
// only when the column has a gap elsewhere): columns that break this are left to it.
planned planner::leaf(const column& c) {
    auto found = leaf_of_.find(c.name());
    if (found != leaf_of_.end()) return found->second;
    const variable_spec* spec = cat_.variable(c.name());
    leaf_source s;
    const unit u = effective_unit(c, spec);
    s.x = c.data();
    if (!c.reasons().empty()) {
        for (std::size_t i = 0; i < p_.rows(); ++i)
            if (c.reasons()[i] != reason::none && s.x[i] == s.x[i]) throw not_fusable();
        s.stored = c.reasons().data();
    }
    s.judged = spec != nullptr;
    s.count = spec && spec->dimension_name == "count";
    s.min = spec ? spec->min : -std::numeric_limits<double>::infinity();
    s.to_base = conversion{u.exponent(), u.factor()};
    prog_.leaves.push_back(s);
    step st;
    st.out = new_slot();
    st.leaf = static_cast<int>(prog_.leaves.size()) - 1;
    prog_.steps.push_back(st);
    planned v{st.out, u, false};
    leaf_of_.emplace(c.name(), v);
    return v;
}

unit planner::effective_unit(const column& c, const variable_spec* spec) {
    if (const std::optional<unit> u = stated_unit(c, spec)) return *u;
    throw not_fusable();
}

// ------------------------------------------------------------------------------- running
// Each kernel gives, row by row, the value and reason the evaluator's operation gives (the
// comment names it); written without branches so that the loops vectorise.

inline reason first_of(reason a, reason b) { return a != reason::none ? a : b; }
inline reason finite(double y) { return std::isfinite(y) ? reason::none : reason::out_of_range; }

struct buffers {
    double* x;
    reason* r;
};

// A conversion as the evaluator applies it (units.hpp: × or ÷ 10^k, then × factor), with its
// branches taken once per block: both sides are computed and one is selected, so loops vectorise.
struct converter {
    double power;
    double factor;
    bool divide, scaled;
    explicit converter(conversion c)
        : power(exact_power_of_ten(c.exponent >= 0 ? c.exponent : -c.exponent)),
          factor(c.factor),
          divide(c.exponent < 0),
          scaled(c.factor != 1.0) {}
    double operator()(double x) const {
        const double y = divide ? x / power : x * power;
        return scaled ? y * factor : y;
    }
};

constexpr double largest = std::numeric_limits<double>::max();
inline bool is_finite(double y) { return std::fabs(y) <= largest; }  // std::isfinite, in a form that vectorises

void check_whole(const leaf_source& s, std::size_t n, buffers out);

// evaluator::leaf: ±inf invalid; below the variable's minimum, negative_input; the column's reason
// (or missing_input) for a NaN.
void run_leaf(const leaf_source& s, std::size_t begin, std::size_t n, buffers out) {
    const double* x = s.x + begin;
    const double min = s.min;
    // The next block of this column, a cache line at a time: the leaves of a block read many
    // columns one after another, each for 8 KB only, too short for the hardware prefetcher.
    for (std::size_t i = 0; i < n; i += 8) __builtin_prefetch(x + block_rows + i);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        const bool inf = std::fabs(v) > largest && v == v;
        const bool below = v < min;
        const reason why = inf ? reason::invalid_input : below ? reason::negative_input : reason::none;
        const reason gap = v == v ? reason::none : reason::missing_input;
        out.x[i] = why == reason::none ? v : nan_value;
        out.r[i] = why == reason::none ? gap : why;
    }
    if (s.stored)  // the column's own reasons: stored only on NaN cells (the planner checked)
        for (std::size_t i = 0; i < n; ++i)
            if (s.stored[begin + i] != reason::none && out.r[i] == reason::missing_input)
                out.r[i] = s.stored[begin + i];
    if (s.count) check_whole(s, n, out);
}

// invalid_for_computation's rule for counts: a present value not a whole number of its base
// unit (within 1e-9) is invalid_input. |b − round(b)| is computed as |a − rint(a)| with a = |b|
// (the distance to the nearest whole number, whichever way ties go; exact below 2^52, and a
// number above 2^52 is whole).
void check_whole(const leaf_source& s, std::size_t n, buffers out) {
    const converter to_base(s.to_base);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = std::fabs(to_base(out.x[i]));
        const double nearest = (a + 0x1p52) - 0x1p52;
        const double off = a < 0x1p52 ? std::fabs(a - nearest) : 0.0;
        const bool fractional = off > 1e-9 * std::max(1.0, a) && out.r[i] == reason::none;
        out.x[i] = fractional ? nan_value : out.x[i];
        out.r[i] = fractional ? reason::invalid_input : out.r[i];
    }
}

// evaluator::binary_op, `/`: the first gap, else zero_denominator, negative_denominator, or
// out_of_range for an overflow.
void run_divide(std::size_t n, buffers a, buffers b, buffers out) {
    const double* __restrict ax = a.x;
    const double* __restrict bx = b.x;
    const auto* __restrict ar = reinterpret_cast<const std::uint8_t*>(a.r);
    const auto* __restrict br = reinterpret_cast<const std::uint8_t*>(b.r);
    double* __restrict y = out.x;
    auto* __restrict why = reinterpret_cast<std::uint8_t*>(out.r);
    constexpr auto zero = static_cast<std::uint8_t>(reason::zero_denominator),
                   negative = static_cast<std::uint8_t>(reason::negative_denominator),
                   overflow = static_cast<std::uint8_t>(reason::out_of_range);
    for (std::size_t i = 0; i < n; ++i) {  // reasons as bytes, both sides selected: the loop vectorises
        const double x = ax[i], z = bx[i], q = x / z;
        const std::uint8_t failed = z == 0 ? zero : z < 0 ? negative : is_finite(q) ? 0 : overflow;
        const std::uint8_t r = ar[i] ? ar[i] : br[i] ? br[i] : failed;
        y[i] = r ? nan_value : q;
        why[i] = r;
    }
}

// evaluator::binary_op, `+` and `-`: the second operand converted to the first's unit.
void run_add(std::size_t n, buffers a, buffers b, buffers out, conversion c, bool subtract) {
    const converter to_a(c);
    for (std::size_t i = 0; i < n; ++i) {
        const double z = to_a(b.x[i]);
        const double y = subtract ? a.x[i] - z : a.x[i] + z;
        const reason r = a.r[i] != reason::none   ? a.r[i]
                         : b.r[i] != reason::none ? b.r[i]
                         : is_finite(y)           ? reason::none
                                                  : reason::out_of_range;
        out.x[i] = r == reason::none ? y : nan_value;
        out.r[i] = r;
    }
}

// evaluator::indicator_column: into the indicator's unit, then its valid range.
void run_to_indicator(std::size_t n, buffers a, buffers out, conversion c, double lo, double hi) {
    const converter to_unit(c);
    for (std::size_t i = 0; i < n; ++i) {
        const double y = to_unit(a.x[i]);
        const reason checked = (y >= lo && y <= hi && is_finite(y)) ? reason::none : reason::out_of_range;
        const reason r = a.r[i] != reason::none ? a.r[i] : checked;
        out.x[i] = r == reason::none ? y : nan_value;
        out.r[i] = r;
    }
}

// evaluator::map: the operand's gap, else f's reason; NaN wherever there is a reason.
template <class F>
void run_map(std::size_t n, buffers a, buffers out, F f) {
    for (std::size_t i = 0; i < n; ++i) {
        double y = nan_value;
        reason r = a.r[i];
        if (r == reason::none) r = f(a.x[i], y);
        out.x[i] = r == reason::none ? y : nan_value;
        out.r[i] = r;
    }
}

// evaluator::zip: the first gap (left before right), else f's reason.
template <class F>
void run_zip(std::size_t n, buffers a, buffers b, buffers out, F f) {
    for (std::size_t i = 0; i < n; ++i) {
        double y = nan_value;
        reason r = first_of(a.r[i], b.r[i]);
        if (r == reason::none) r = f(a.x[i], b.x[i], y);
        out.x[i] = r == reason::none ? y : nan_value;
        out.r[i] = r;
    }
}

template <class Cmp>
void run_compare(std::size_t n, buffers a, buffers b, buffers out, conversion c, Cmp cmp) {
    run_zip(n, a, b, out,
            [c, cmp](double x, double z, double& y) { return y = cmp(x, c.apply(z)) ? 1.0 : 0.0, reason::none; });
}

// evaluator::kleene
void run_kleene(std::size_t n, buffers a, buffers b, buffers out, bool is_and) {
    for (std::size_t i = 0; i < n; ++i) {
        const double x = a.r[i] == reason::none ? a.x[i] : nan_value, z = b.r[i] == reason::none ? b.x[i] : nan_value;
        const double y = is_and ? row::and_lane(x, z) : row::or_lane(x, z);
        out.x[i] = y;
        out.r[i] = y != y ? first_of(a.r[i], b.r[i]) : reason::none;
    }
}

// evaluator::call, if()
void run_choose(std::size_t n, buffers c, buffers a, buffers b, buffers out, conversion conv) {
    for (std::size_t i = 0; i < n; ++i) {
        reason r = c.r[i];
        double y = nan_value;
        if (r == reason::none) {
            const bool take_a = c.x[i] != 0;
            r = take_a ? a.r[i] : b.r[i];
            if (r == reason::none) y = take_a ? a.x[i] : conv.apply(b.x[i]);
            if (r == reason::none) r = finite(y);
            if (r != reason::none) y = nan_value;
        }
        out.x[i] = y;
        out.r[i] = r;
    }
}

class runner {
public:
    explicit runner(const program& prog)
        : prog_(prog),
          x_(new double[static_cast<std::size_t>(prog.slots()) * block_rows]()),
          r_(new reason[static_cast<std::size_t>(prog.slots()) * block_rows]()) {
        for (int s = 0; s < prog.slots(); ++s)
            if (prog.is_constant[static_cast<std::size_t>(s)])
                std::fill_n(slot(s).x, block_rows, prog.constants[static_cast<std::size_t>(s)]);
    }

    buffers slot(int s) {
        const std::size_t at = static_cast<std::size_t>(s) * block_rows;
        return {x_.get() + at, r_.get() + at};
    }

    void run(std::size_t begin, std::size_t n) {
        for (const step& s : prog_.steps) run_step(s, begin, n);
    }

private:
    void run_step(const step& s, std::size_t begin, std::size_t n);
    void run_binary(const step& s, std::size_t n);

    const program& prog_;
    std::unique_ptr<double[]> x_;  // not std::vector: GCC 12 sees a free of a non-heap pointer in it
    std::unique_ptr<reason[]> r_;
};

void runner::run_step(const step& s, std::size_t begin, std::size_t n) {
    const buffers out = slot(s.out), a = s.a >= 0 ? slot(s.a) : out;
    const conversion c = s.conv;
    switch (s.kind) {
        case op::leaf:
            return run_leaf(prog_.leaves[static_cast<std::size_t>(s.leaf)], begin, n, out);
        case op::elapsed:
            for (std::size_t i = 0; i < n; ++i)
                out.x[i] = prog_.elapsed_by_period[static_cast<std::size_t>(prog_.period_of_row[begin + i])],
                out.r[i] = reason::none;
            return;
        case op::neg:
            return run_map(n, a, out, [](double x, double& y) { return y = -x, reason::none; });
        case op::logical_not:
            return run_map(n, a, out, [](double x, double& y) { return y = x == 0 ? 1.0 : 0.0, reason::none; });
        case op::abs:
            return run_map(n, a, out, [](double x, double& y) { return y = std::abs(x), reason::none; });
        case op::round:
            return run_map(n, a, out, [scale = s.lo](double x, double& y) {
                return y = row::round_scaled(x, scale), reason::none;
            });
        case op::sqrt:
            return run_map(n, a, out, [c](double v, double& y) {
                v = c.apply(v);
                return v < 0 ? reason::out_of_range : (y = std::sqrt(v), reason::none);
            });
        case op::log:
            return run_map(n, a, out, [c](double v, double& y) {
                v = c.apply(v);
                return v <= 0 ? reason::out_of_range : (y = std::log(v), reason::none);
            });
        case op::exp:
            return run_map(n, a, out, [c](double v, double& y) { return y = std::exp(c.apply(v)), finite(y); });
        case op::missing:
            for (std::size_t i = 0; i < n; ++i) out.x[i] = a.r[i] == reason::none ? 0.0 : 1.0, out.r[i] = reason::none;
            return;
        case op::choose:
            return run_choose(n, slot(s.c), a, slot(s.b), out, c);
        case op::to_indicator:
            return run_to_indicator(n, a, out, c, s.lo, s.hi);
        default:
            return run_binary(s, n);
    }
}

void runner::run_binary(const step& s, std::size_t n) {
    const buffers out = slot(s.out), a = slot(s.a), b = slot(s.b);
    const conversion c = s.conv;
    switch (s.kind) {
        case op::add:
        case op::sub:
            return run_add(n, a, b, out, c, s.kind == op::sub);
        case op::mul:
            return run_zip(n, a, b, out, [](double x, double z, double& y) { return y = x * z, finite(y); });
        case op::div:
            return run_divide(n, a, b, out);
        case op::min:
        case op::max:
            return run_zip(n, a, b, out, [c, is_min = s.kind == op::min](double x, double z, double& y) {
                z = c.apply(z);
                return y = is_min ? std::min(x, z) : std::max(x, z), finite(z);
            });
        case op::less:
            return run_compare(n, a, b, out, c, std::less<double>());
        case op::less_equal:
            return run_compare(n, a, b, out, c, std::less_equal<double>());
        case op::greater:
            return run_compare(n, a, b, out, c, std::greater<double>());
        case op::greater_equal:
            return run_compare(n, a, b, out, c, std::greater_equal<double>());
        case op::equal:
            return run_compare(n, a, b, out, c, std::equal_to<double>());
        case op::not_equal:
            return run_compare(n, a, b, out, c, std::not_equal_to<double>());
        case op::logical_and:
        case op::logical_or:
            return run_kleene(n, a, b, out, s.kind == op::logical_and);
        default:
            return;
    }
}

// Asks for 2 MB pages for the whole 2 MB stretches of a fresh result column, before its first
// touch: on a virtual machine each 4 KB page fault costs more than computing the page's values.
// Advice only (as the scorecard's result columns, scorecard/evaluate.cpp).
void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    const auto first = reinterpret_cast<std::uintptr_t>(data);
    if (!data || bytes < 2 * huge) return;
    const std::uintptr_t begin = (first + huge - 1) & ~(huge - 1), end = (first + bytes) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data, (void)bytes;
#endif
}

// Rows [first, last) block by block, each result into its column. `stop` ends the loop early
// (another thread failed); only the calling thread polls for Ctrl-C.
void run_range(const program& prog, const std::vector<int>& slot_of, std::size_t first, std::size_t last,
               indicator_table& table, std::atomic<bool>& stop) {
    runner run(prog);
    for (std::size_t begin = first; begin < last && !stop.load(std::memory_order_relaxed); begin += block_rows) {
        if ((begin - first) % (256 * block_rows) == 0) poll_interrupt();
        const std::size_t n = std::min(block_rows, last - begin);
        run.run(begin, n);
        for (std::size_t k = 0; k < slot_of.size(); ++k) {
            if (slot_of[k] < 0) continue;
            const buffers result = run.slot(slot_of[k]);
            std::memcpy(table.columns[k].values.data() + begin, result.x, n * sizeof(double));
            std::memcpy(table.columns[k].reasons.data() + begin, result.r, n * sizeof(reason));
        }
    }
}

unsigned thread_count(unsigned asked, std::size_t rows) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const auto useful = static_cast<unsigned>(std::max<std::size_t>(1, rows / (4 * block_rows)));
    return std::min(asked ? asked : cores, useful);
}

// The rows split at whole blocks over `threads`: every row's value depends on that row alone,
// so any split gives the same bits.
void run_blocks(const program& prog, const std::vector<int>& slot_of, std::size_t rows, unsigned threads,
                indicator_table& table) {
    const std::size_t blocks = (rows + block_rows - 1) / block_rows;
    auto bound = [&](unsigned t) { return std::min(rows, blocks * t / threads * block_rows); };
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t)
        workers.emplace_back([&, t] { run_range(prog, slot_of, bound(t), bound(t + 1), table, stop); });
    try {
        run_range(prog, slot_of, 0, bound(1), table, stop);
    } catch (...) {
        stop = true;  // Ctrl-C: the others stop at their next block, then the exception goes on
        for (auto& w : workers) w.join();
        throw;
    }
    for (auto& w : workers) w.join();
}

}  // namespace

std::vector<bool> compute_fused(const panel& p, const std::vector<const indicator*>& wanted,
                                const compute_options& options, const catalogue& cat, indicator_table& table) {
    planner plan(p, cat, options);
    std::vector<int> slot_of(wanted.size(), -1);
    std::vector<bool> done(wanted.size(), false);
    for (std::size_t k = 0; k < wanted.size(); ++k) slot_of[k] = plan.add(*wanted[k]);
    const program& prog = plan.result();
    const std::size_t rows = p.rows();
    for (std::size_t k = 0; k < wanted.size(); ++k)
        if (slot_of[k] >= 0) {
            done[k] = true;
            indicator_values& column = table.columns[k];
            column.values.resize(static_cast<Eigen::Index>(rows));
            advise_huge_pages(column.values.data(), rows * sizeof(double));
            column.reasons.reserve(rows);
            advise_huge_pages(column.reasons.data(), rows * sizeof(reason));
            column.reasons.resize(rows);
        }
    if (prog.steps.empty()) return done;
    run_blocks(prog, slot_of, rows, thread_count(options.threads, rows), table);
    return done;
}

}  // namespace zhibiao::detail
