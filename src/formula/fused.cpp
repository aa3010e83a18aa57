// The fused path of compute() (fused.hpp): a planner that turns the indicators' formula trees
// into one list of steps over block buffers, and a runner that executes it block by block.
#include "core/conversion.hpp"
#include "formula/fused.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "formula/functions.hpp"
#include "formula/fused_kernels.hpp"
#include "formula/typing.hpp"
#include "formula/valid_range.hpp"
#include "zhibiao/interrupt.hpp"
#include "core/thread_pool.hpp"

namespace zhibiao::detail {

extern const fused_block_kernels fused_block_kernels_baseline;
#if defined(ZHIBIAO_FUSED_BLOCK_AVX2)
extern const fused_block_kernels fused_block_kernels_avx2;
#endif
#if defined(ZHIBIAO_FUSED_BLOCK_AVX512)
extern const fused_block_kernels fused_block_kernels_avx512;
#endif

namespace {

static_assert(sizeof(reason) == 1, "reasons are byte lanes in the block kernels");

// Rows per block: the buffers of a whole catalogue's steps stay in the first cache levels.
constexpr std::size_t block_rows = 1024;
constexpr std::size_t poll_blocks = 16;  // blocks between polls for Ctrl-C (run_range)
constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr std::align_val_t column_alignment{64};  // each column starts on its own cache line

fused_conversion lanes_conversion(conversion c) {
    fused_conversion out;
    out.power = exact_power_of_ten(c.exponent >= 0 ? c.exponent : -c.exponent);
    out.factor = c.factor;
    out.divide = c.exponent < 0;
    out.scaled = c.factor != 1.0;
    return out;
}

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
    std::vector<fused_leaf> leaves;  // panel columns read as the evaluator's leaf
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
        conversion to_unit = raw.u.to(ind.unit);
        if (folds_scale(root_of(f), raw.slot, to_unit)) prog_.steps.back().conv = std::exchange(to_unit, conversion{});
        planned out = emit(op::to_indicator, ind.unit, raw.slot, -1, to_unit, ind.valid_min, ind.valid_max);
        stack_.pop_back();
        memo_.emplace(ind.id, out);
        return out;
    }

    // An indicator's formula a / b whose unit differs from the indicator's by a power of ten
    // only: the division step gives the indicator's unit, rounded once (evaluator::quotient).
    bool folds_scale(const formula_node& root, int slot, const conversion& c) const {
        if (root.kind != node_kind::binary || root.op != "/" || prog_.steps.empty()) return false;
        const step& last = prog_.steps.back();
        return last.kind == op::div && last.out == slot && c.factor == 1.0 && c.exponent != 0 && c.exponent >= -22 &&
               c.exponent <= 22;
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
        if (!from.u.convertible_to(to) || counts_different_things(from.u, to)) throw not_fusable();
        return from.u.to(to);
    }

    static unit product(const unit& a, const unit& b, bool divide) { return divide ? a / b : a * b; }

    // Out of line, operands on the heap: the planner recurses once per level of the tree (as
    // the evaluator does, up to its nesting limit), so its frames stay small.
    [[gnu::noinline]] planned binary(const formula& f, const formula_node& n) {
        std::unique_ptr<planned> left(new planned(eval(f, *n.args[0])));
        std::unique_ptr<planned> right(new planned(eval(f, *n.args[1])));
        if (n.op != "*" && n.op != "/" && n.op != "and" && n.op != "or") {
            refuse_bare_number(f, *n.args[0], right->u);
            refuse_bare_number(f, *n.args[1], left->u);
        }
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
    std::unordered_map<std::string, planned> memo_;  // indicators planned
    bool every_period_ends_the_year() const;
    bool every_period_starts_the_year() const;

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
    if (fn == "cumulable") return arg(0);  // its unit checked by infer above; the value as it is
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
    // Where every period ends in December each row is its own year end: year_end(x) is x, as the
    // evaluator gives it (an annual panel's per-10k indicators stay fused).
    if (fn == "year_end" && every_period_ends_the_year()) return arg(0);
    // Where every period starts in January (years, halves H1, YTD spans …) ytd(x) is x.
    if (fn == "ytd" && every_period_starts_the_year()) return arg(0);
    throw not_fusable();  // time operators and published(): other rows, or the column as given
}

bool planner::every_period_ends_the_year() const {
    const auto& periods = p_.periods();
    return std::all_of(periods.begin(), periods.end(), [](const period& q) { return q.last_month() == 12; });
}

bool planner::every_period_starts_the_year() const {
    const auto& periods = p_.periods();
    return std::all_of(periods.begin(), periods.end(), [](const period& q) { return q.first_month() == 1; });
}

// A column is read once per block whatever the number of formulas that use it. Its reasons
// are those of the evaluator's leaf: the rule below gives them row by row, which holds when a
// stored reason only ever marks a NaN (the evaluator reads the stored reasons of a present value
// only when the column has a gap elsewhere): columns that break this are left to it.
planned planner::leaf(const column& c) {
    auto found = leaf_of_.find(c.name());
    if (found != leaf_of_.end()) return found->second;
    const variable_spec* spec = cat_.variable(c.name());
    fused_leaf s;
    const unit u = effective_unit(c, spec);
    s.x = c.data();
    if (!c.reasons().empty()) {
        for (std::size_t i = 0; i < p_.rows(); ++i)
            if (c.reasons()[i] != reason::none && s.x[i] == s.x[i]) throw not_fusable();
        s.stored = reinterpret_cast<const std::uint8_t*>(c.reasons().data());
    }
    s.count = spec && spec->dimension_name == "count";
    s.min = spec ? spec->min : -std::numeric_limits<double>::infinity();
    s.to_base = lanes_conversion(conversion{u.exponent(), u.factor()});
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
// comment names it). The hot ones (leaves, division, sums, the conversion into the indicator)
// are compiled once per instruction set (fused_kernels_impl.hpp); these are the rest.

inline reason first_of(reason a, reason b) { return a != reason::none ? a : b; }
inline reason finite(double y) { return std::isfinite(y) ? reason::none : reason::out_of_range; }

struct buffers {
    double* x;
    reason* r;
};

fused_lanes lanes(buffers b) { return {b.x, reinterpret_cast<std::uint8_t*>(b.r)}; }

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
    const bool converts = c.exponent != 0 || c.factor != 1.0;
    run_zip(n, a, b, out, [c, cmp, converts](double x, double z, double& y) {
        const double w = detail::converted_for_comparison(detail::convert_exactly(c, z), x, converts);
        return y = cmp(x, w) ? 1.0 : 0.0, reason::none;
    });
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
            if (r == reason::none) y = take_a ? a.x[i] : detail::convert_exactly(conv, b.x[i]);
            if (r == reason::none) r = finite(y);
            if (r != reason::none) y = nan_value;
        }
        out.x[i] = y;
        out.r[i] = r;
    }
}

// Runs the program on one block of rows at a time. An indicator's result slot is its result
// column itself (at the block's rows): the to_indicator step writes there, no copy.
class runner {
public:
    runner(const program& prog, const fused_block_kernels& kernels, const std::vector<buffers>& direct)
        : prog_(prog),
          kernels_(kernels),
          direct_(direct),
          x_(new double[static_cast<std::size_t>(prog.slots()) * block_rows]()),
          r_(new reason[static_cast<std::size_t>(prog.slots()) * block_rows]()) {
        for (int s = 0; s < prog.slots(); ++s)
            if (prog.is_constant[static_cast<std::size_t>(s)])
                std::fill_n(slot(s).x, block_rows, prog.constants[static_cast<std::size_t>(s)]);
    }

    buffers slot(int s) {
        const buffers column = direct_[static_cast<std::size_t>(s)];
        if (column.x) return {column.x + begin_, column.r + begin_};
        const std::size_t at = static_cast<std::size_t>(s) * block_rows;
        return {x_.get() + at, r_.get() + at};
    }

    void run(std::size_t begin, std::size_t n) {
        begin_ = begin;
        for (const step& s : prog_.steps) run_step(s, begin, n);
    }

private:
    void run_step(const step& s, std::size_t begin, std::size_t n);
    void run_binary(const step& s, std::size_t n);

    const program& prog_;
    const fused_block_kernels& kernels_;
    const std::vector<buffers>& direct_;  // per slot: the result column it is, or nulls
    std::size_t begin_ = 0;
    std::unique_ptr<double[]> x_;  // not std::vector: GCC 12 sees a free of a non-heap pointer in it
    std::unique_ptr<reason[]> r_;
};

void runner::run_step(const step& s, std::size_t begin, std::size_t n) {
    const buffers out = slot(s.out), a = s.a >= 0 ? slot(s.a) : out;
    const conversion c = s.conv;
    switch (s.kind) {
        case op::leaf:
            return kernels_.leaf(prog_.leaves[static_cast<std::size_t>(s.leaf)], begin, n, lanes(out));
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
                v = detail::convert_exactly(c, v);
                return v < 0 ? reason::out_of_range : (y = std::sqrt(v), reason::none);
            });
        case op::log:
            return run_map(n, a, out, [c](double v, double& y) {
                v = detail::convert_exactly(c, v);
                return v <= 0 ? reason::out_of_range : (y = std::log(v), reason::none);
            });
        case op::exp:
            return run_map(n, a, out,
                           [c](double v, double& y) { return y = std::exp(detail::convert_exactly(c, v)), finite(y); });
        case op::missing:
            for (std::size_t i = 0; i < n; ++i) out.x[i] = a.r[i] == reason::none ? 0.0 : 1.0, out.r[i] = reason::none;
            return;
        case op::choose:
            return run_choose(n, slot(s.c), a, slot(s.b), out, c);
        case op::to_indicator:
            return kernels_.to_indicator(n, lanes(a), lanes(out), lanes_conversion(c), s.lo, s.hi);
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
            return kernels_.add(n, lanes(a), lanes(b), lanes(out), lanes_conversion(c), s.kind == op::sub);
        case op::mul:
            return run_zip(n, a, b, out, [](double x, double z, double& y) { return y = x * z, finite(y); });
        case op::div:
            return kernels_.divide(n, lanes(a), lanes(b), lanes(out), lanes_conversion(c));
        case op::min:
        case op::max:
            return run_zip(n, a, b, out, [c, is_min = s.kind == op::min](double x, double z, double& y) {
                z = detail::convert_exactly(c, z);
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

// One anonymous mapping for all the result columns of a call, 2 MiB aligned and advised into
// huge pages before the first touch. On a virtual machine each 4 KB page fault costs more than
// computing the page's values, and 28 separate allocations (14 values, 14 reasons) each had
// edges outside the advice and came back from the heap warm or fresh by chance. Small results
// (tests, a few regions) take ordinary zeroed memory. `mapped` says which one it is.
std::shared_ptr<unsigned char> result_block(std::size_t bytes, bool& mapped) {
    constexpr std::size_t huge = std::size_t{2} << 20;
    mapped = false;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge) {
        const std::size_t length = (bytes + 4095) & ~std::size_t{4095}, reserved = length + huge;
        void* p = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        const auto first = reinterpret_cast<std::uintptr_t>(p), begin = (first + huge - 1) & ~(huge - 1);
        if (begin > first) munmap(p, begin - first);  // the part before the first 2 MiB boundary
        if (reserved - (begin - first) > length)
            munmap(reinterpret_cast<void*>(begin + length), reserved - (begin - first) - length);
        madvise(reinterpret_cast<void*>(begin), length, MADV_HUGEPAGE);  // advice only
        mapped = true;
        return std::shared_ptr<unsigned char>(reinterpret_cast<unsigned char*>(begin),
                                              [length](unsigned char* q) { munmap(q, length); });
    }
#endif
    auto* small = static_cast<unsigned char*>(::operator new(std::max<std::size_t>(bytes, 1), column_alignment));
    std::memset(small, 0, std::max<std::size_t>(bytes, 1));
    return std::shared_ptr<unsigned char>(small, [](unsigned char* q) { ::operator delete(q, column_alignment); });
}

// Faults in the pages of [data, data + bytes) of a fresh mapping in one system call, on the
// thread that will write them (its pages, its core's memory), instead of one fault per page
// inside the kernels. Without MADV_POPULATE_WRITE (Linux < 5.14) the kernels fault them in.
void prefault(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    const auto first = reinterpret_cast<std::uintptr_t>(data) & ~std::uintptr_t{4095};
    const auto last = (reinterpret_cast<std::uintptr_t>(data) + bytes + 4095) & ~std::uintptr_t{4095};
    if (bytes > 0) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
    (void)data, (void)bytes;
#endif
}

// One call's program and where its results go.
struct fused_job {
    const program& prog;
    const fused_block_kernels& kernels;
    std::vector<int> slot_of;      // per wanted indicator: its slot, or -1 (not fused)
    std::vector<buffers> direct;   // per slot: the result column that is its buffer, or nulls
    std::vector<buffers> columns;  // per wanted indicator: its result column, or nulls
    bool prefault = false;         // the result block is a fresh mapping: fault it in first
};

// Faults in rows [first, last) of every result column (see prefault), polling before each: with
// transparent huge pages the first rows of a column fault a whole 2 MiB page, so the first step
// alone faults most of a block of 200 columns (seconds unanswered without these polls).
void prefault_rows(const fused_job& job, std::size_t first, std::size_t last) {
    for (const buffers& column : job.columns)
        if (column.x) {
            poll_interrupt();
            prefault(column.x + first, (last - first) * sizeof(double));
            prefault(column.r + first, (last - first) * sizeof(reason));
        }
}

// Rows [first, last) block by block, each result into its column (an indicator asked for twice:
// copied into the second). `stop` ends the loop early (another thread failed); only the calling
// thread polls for Ctrl-C (the interrupt_scope is its own), every poll_blocks blocks of its part:
// 16 × 1024 rows take well under a millisecond, a poll a thread-local load and the check. It
// polled every 256 blocks, which a part under 262,144 rows (any county-year panel) never reached:
// only before the panel and after it (G6). A fresh result block is faulted in the same steps,
// after each poll: faulted whole before the first poll, 200 columns of 400,000 rows took the
// calling thread seconds in the kernel with Ctrl-C unanswered (trial c26).
void run_range(const fused_job& job, std::size_t first, std::size_t last, std::atomic<bool>& stop) {
    runner run(job.prog, job.kernels, job.direct);
    for (std::size_t begin = first; begin < last && !stop.load(std::memory_order_relaxed); begin += block_rows) {
        if ((begin - first) % (poll_blocks * block_rows) == 0) {
            poll_interrupt();
            if (job.prefault) prefault_rows(job, begin, std::min(begin + poll_blocks * block_rows, last));
        }
        const std::size_t n = std::min(block_rows, last - begin);
        run.run(begin, n);
        for (std::size_t k = 0; k < job.slot_of.size(); ++k) {
            const int s = job.slot_of[k];
            if (s < 0 || job.direct[static_cast<std::size_t>(s)].x == job.columns[k].x) continue;
            const buffers result = run.slot(s);
            std::memcpy(job.columns[k].x + begin, result.x, n * sizeof(double));
            std::memcpy(job.columns[k].r + begin, result.r, n * sizeof(reason));
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
void run_blocks(const fused_job& job, std::size_t rows, unsigned threads) {
    const std::size_t blocks = (rows + block_rows - 1) / block_rows;
    auto bound = [&](unsigned t) { return std::min(rows, blocks * t / threads * block_rows); };
    std::atomic<bool> stop{false};
    // Ctrl-C (or any exception) in one part: the others stop at their next block, then it goes on.
    zhibiao::detail::run_in_threads(
        threads,
        [&](std::size_t t) {
            const auto u = static_cast<unsigned>(t);
            run_range(job, bound(u), bound(u + 1), stop);
        },
        [&stop] { stop = true; });
}

// The result columns of the fused indicators, all in one block: the values of each 64-byte
// aligned, then the reasons. Each becomes columns[k], a view kept alive by the block; the
// first column of each slot is that slot's buffer.
void result_columns(const std::vector<const indicator*>& wanted, std::size_t rows, fused_job& job,
                    std::vector<indicator_values>& columns) {
    const auto aligned = [](std::size_t bytes) { return (bytes + 63) & ~std::size_t{63}; };
    const std::size_t fused =
        static_cast<std::size_t>(std::count_if(job.slot_of.begin(), job.slot_of.end(), [](int s) { return s >= 0; }));
    const std::size_t value_bytes = aligned(rows * sizeof(double)), reason_bytes = aligned(rows * sizeof(reason));
    const std::shared_ptr<unsigned char> block = result_block(fused * (value_bytes + reason_bytes), job.prefault);
    job.columns.assign(wanted.size(), buffers{nullptr, nullptr});
    std::size_t next = 0;
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        if (job.slot_of[k] < 0) continue;
        auto* x = reinterpret_cast<double*>(block.get() + next * value_bytes);
        auto* r = reinterpret_cast<reason*>(block.get() + fused * value_bytes + next * reason_bytes);
        ++next;
        job.columns[k] = {x, r};
        columns[k] = indicator_values(wanted[k]->id, wanted[k]->unit, x, r, rows, block);
        buffers& owner = job.direct[static_cast<std::size_t>(job.slot_of[k])];
        if (!owner.x) owner = job.columns[k];
    }
}

// The tables of the block kernels this build has, best first, and whether this CPU runs them.
struct isa_kernels {
    const fused_block_kernels* kernels;
    bool runs;
};

const std::vector<isa_kernels>& block_kernel_tables() {
    static const std::vector<isa_kernels> all = [] {
        std::vector<isa_kernels> t;
#if defined(ZHIBIAO_FUSED_BLOCK_AVX512)
        __builtin_cpu_init();
        t.push_back(
            {&fused_block_kernels_avx512, __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                                              __builtin_cpu_supports("avx512vl") &&
                                              __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("fma")});
#endif
#if defined(ZHIBIAO_FUSED_BLOCK_AVX2)
        __builtin_cpu_init();
        t.push_back({&fused_block_kernels_avx2, __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")});
#endif
        t.push_back({&fused_block_kernels_baseline, true});
        return t;
    }();
    return all;
}

const fused_block_kernels* find_fused_block_kernels(const std::string& isa) {
    for (const isa_kernels& t : block_kernel_tables())
        if (t.runs && (isa.empty() || isa == t.kernels->isa)) return t.kernels;
    return nullptr;
}

}  // namespace

std::vector<std::string> fused_block_isas() {
    std::vector<std::string> out;
    for (const isa_kernels& t : block_kernel_tables())
        if (t.runs) out.push_back(t.kernels->isa);
    return out;
}

std::vector<bool> compute_fused(const panel& p, const std::vector<const indicator*>& wanted,
                                const compute_options& options, const catalogue& cat,
                                std::vector<indicator_values>& columns, const std::string& isa) {
    const fused_block_kernels* kernels = find_fused_block_kernels(isa);
    if (!kernels) throw std::invalid_argument("no fused block kernels for instruction set '" + isa + "' here");
    planner plan(p, cat, options);
    std::vector<int> slot_of(wanted.size(), -1);
    std::vector<bool> done(wanted.size(), false);
    for (std::size_t k = 0; k < wanted.size(); ++k) done[k] = (slot_of[k] = plan.add(*wanted[k])) >= 0;
    const program& prog = plan.result();
    const std::size_t rows = p.rows();
    fused_job job{prog,
                  *kernels,
                  std::move(slot_of),
                  std::vector<buffers>(static_cast<std::size_t>(prog.slots()), buffers{nullptr, nullptr}),
                  {},
                  false};
    result_columns(wanted, rows, job, columns);
    if (prog.steps.empty()) return done;
    run_blocks(job, rows, thread_count(options.threads, rows));
    return done;
}

}  // namespace zhibiao::detail
