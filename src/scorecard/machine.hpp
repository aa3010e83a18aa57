#pragma once
// A small vector machine for scorecards: formulas compiled to operations over chunks of rows
// held in registers (arrays of `chunk` doubles that stay in cache). Compared with the panel
// evaluator it has no per-row reasons (NaN marks a gap) and allocates nothing per chunk, which
// is what scoring millions of firms per second needs. Comparisons round both sides to a fixed
// decimal grid first, so band edges do not depend on floating-point noise. Private to src/.

#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "formula/node.hpp"

namespace zhibiao::detail {

inline constexpr std::size_t chunk = 256;

enum class opcode : std::uint8_t {
    constant,
    scale,
    neg,
    logical_not,
    abs,
    add,
    sub,
    mul,
    div,
    lt,
    le,
    gt,
    ge,
    eq,
    ne,
    logical_and,
    logical_or,
    select,
    min,
    max,
    round,
    missing,
    copy
};

struct op {
    opcode code;
    int dst = 0, a = -1, b = -1, c = -1;
    double k = 0;  // constant, scale factor, or round's scale
    int e = 0;     // scale: power of ten
};

/// Rounds x to a multiple of `grid` and returns the multiple (an integer-valued double), so
/// that comparisons of rounded values are exact. |x|/grid beyond 2^51 is left as is.
inline double on_grid(double x, double inverse_grid) {
    const double q = x * inverse_grid;
    constexpr double magic = 6755399441055744.0;  // 1.5 · 2^52: adding it rounds to an integer
    // Both computed, then selected: without a branch the compiler vectorises the loops.
    const double rounded = (q + magic) - magic;
    return std::fabs(q) < 2251799813685248.0 ? rounded : q;
}

/// x is a whole number (|x| < 2^51), without a libm call.
inline bool whole(double x) {
    constexpr double magic = 6755399441055744.0;
    return ((x + magic) - magic) == x;
}

struct function_spec;
/// The registry entry (formula/functions.hpp) an opcode evaluates; constant, scale and copy
/// are the machine's own and have none (std::logic_error).
const function_spec& spec_of(opcode code);

class program {
public:
    /// How names resolve while compiling: a register and the unit its value is in.
    struct binding {
        int reg;
        zhibiao::unit u;
    };
    using resolver = std::function<std::optional<binding>(const std::string&)>;
    /// " (did you mean 'x'?)" for a name the resolver does not know, or "".
    using suggester = std::function<std::string(const std::string&)>;

    explicit program(double comparison_grid = 1e-9) : inverse_grid_(1.0 / comparison_grid) {}

    int new_register() { return registers_++; }
    /// 1 / comparison_grid: the constant of every comparison op.
    double comparison_inverse_grid() const { return inverse_grid_; }
    int registers() const { return registers_; }

    /// Compiles `f` so its value lands in a new register, converted to `out` when given
    /// (throws incompatible_units_error / parse_error with a caret). Returns the register.
    int compile(const formula& f, const resolver& names, const std::optional<unit>& out = std::nullopt);
    /// What an unknown name's error suggests while compiling (the caller clears it after: it may
    /// refer to the caller's table of names).
    void suggest_names_with(suggester s) { suggest_ = std::move(s); }

    /// Register of the value of a compiled comparison's operands, for gap analysis: every
    /// comparison compiled so far as (lhs register, rhs register).
    const std::vector<std::pair<int, int>>& comparisons() const { return comparisons_; }

    void emit(op o) { ops_.push_back(o); }

    /// Runs ops [first, last) over `n` (≤ chunk) rows of `regs` (registers × chunk doubles).
    void run(double* regs, std::size_t n, std::size_t first, std::size_t last) const;
    std::size_t size() const { return ops_.size(); }
    const std::vector<op>& ops() const { return ops_; }

private:
    struct value {
        int reg;
        unit u;
        bool any_unit = false;
        /// A number written without a unit (10, -3), not 0: ambiguous beside a value in %, ‰ or 百分点.
        bool bare = false;
        text_span span{};
    };
    /// A bare number beside a value in a scaled dimensionless unit (st_share >= 10 read 10 as 1000 %):
    /// an incompatible_units_error saying how to write it, as a number without a unit beside 万元 is.
    static void refuse_bare_number(const formula& f, const value& a, const value& b);
    value node(const formula& f, const formula_node& n, const resolver& names);
    value binary_chain(const formula& f, const formula_node& n, const resolver& names);
    /// A call of if, min, max, abs, missing or round.
    value call(const formula& f, const formula_node& n, const resolver& names);
    value binary_op(const formula& f, const formula_node& n, value a, value b);
    static constexpr int max_compile_depth = 4 * formula::max_depth + 64;
    int depth_ = 0;
    int converted(const formula& f, const value& v, const unit& to, const char* verb, text_span where);

    std::vector<op> ops_;
    suggester suggest_;
    std::vector<std::pair<int, int>> comparisons_;
    int registers_ = 0;
    double inverse_grid_;
};

}  // namespace zhibiao::detail
