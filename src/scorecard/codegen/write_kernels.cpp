// zhibiao_codegen: writes the fused scoring kernels of the built-in rule packs.
//
// The vector machine interprets a scorecard one operation at a time over chunks of firms; that
// costs a pass over memory per operation. For the packs the library ships, the build compiles
// each pack as the library would (scorecard::builtin), then writes its program out as straight-
// line C++ over SIMD vectors (src/fused/simd.hpp), one operation of the machine to one
// statement, so the compiler keeps every value of a block of firms in registers. The kernel is
// used only for a pack whose compiled program has the same fingerprint; anything else — a pack
// of the user's, a changed threshold — runs on the machine.
//
//   zhibiao_codegen OUTPUT.inc
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "formula/functions.hpp"
#include "scorecard/compiled.hpp"

namespace {

using zhibiao::scorecard;
using zhibiao::detail::compiled_scorecard;
using zhibiao::detail::op;
using zhibiao::detail::opcode;

std::string hex(double x) {
    if (std::isnan(x)) return "__builtin_nan(\"\")";
    if (std::isinf(x)) return x > 0 ? "__builtin_inf()" : "-__builtin_inf()";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%a", x);
    return buffer;
}

std::string r(int reg) { return "r" + std::to_string(reg); }

/// The least double x (-inf to inf) where on_grid(x, inverse_grid) >= c (> c when `strict`). The
/// grid value is monotone in x (a product by a positive constant, then a rounding), so for every x
/// but NaN the comparison with the constant c holds exactly where x >= that bound: one comparison
/// of x in the kernel in place of putting x on the grid (five instructions). Same firms, bit for bit.
double least_on_grid(double c, double inverse_grid, bool strict) {
    using zhibiao::detail::on_grid;
    auto holds = [&](double x) { return strict ? on_grid(x, inverse_grid) > c : on_grid(x, inverse_grid) >= c; };
    // Doubles in order as integers (the two zeros as one: on_grid gives them the same value).
    auto key = [](double x) {
        std::int64_t b;
        std::memcpy(&b, &x, sizeof b);
        return b < 0 ? -(b & INT64_MAX) : b;
    };
    auto value = [](std::int64_t k) {
        const std::uint64_t b =
            k < 0 ? (static_cast<std::uint64_t>(-k) | (std::uint64_t{1} << 63)) : static_cast<std::uint64_t>(k);
        double x;
        std::memcpy(&x, &b, sizeof x);
        return x;
    };
    if (std::isinf(c) && !strict) return c;                // on_grid(x) is ±inf exactly where x is
    std::int64_t lo = key(-INFINITY), hi = key(INFINITY);  // holds(hi); the answer is in (lo, hi]
    if (!std::isfinite(c) || holds(value(lo)) || !holds(value(hi)))
        throw std::logic_error("no threshold for a comparison with " + std::to_string(c));
    // hi - lo exceeds INT64_MAX: the difference in unsigned arithmetic.
    for (std::uint64_t gap; (gap = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo)) > 1;) {
        const std::int64_t mid = lo + static_cast<std::int64_t>(gap / 2);
        (holds(value(mid)) ? hi : lo) = mid;
    }
    const double t = value(hi);
    if (!holds(t) || holds(value(hi - 1))) throw std::logic_error("comparison grid not monotone at " + hex(c));
    return t;
}

/// The registers whose values some result needs: dead operations are not written out.
std::set<int> live_registers(const scorecard& s, const compiled_scorecard& c) {
    std::set<int> live(c.input_reg.begin(), c.input_reg.end());
    live.insert(c.validity_reg.begin(), c.validity_reg.end());
    live.insert(c.gate_reg.begin(), c.gate_reg.end());
    live.insert(c.route_reg.begin(), c.route_reg.end());
    live.insert(c.pass_reg);
    for (std::size_t k = 0; k < s.items().size(); ++k) {
        if (c.expert_reg[k] >= 0) live.insert(c.expert_reg[k]);
        for (const auto& a : c.items[k]) live.insert(a.reg);
    }
    const auto& ops = c.prog.ops();
    for (std::size_t i = ops.size(); i-- > 0;)
        if (live.count(ops[i].dst))
            for (int x : {ops[i].a, ops[i].b, ops[i].c})
                if (x >= 0) live.insert(x);
    return live;
}

// The statement of a registry operation: its kernel text (formula/functions.hpp) with the
// argument registers and the op's constant put in.
std::string from_registry(const op& o) {
    const std::string_view text = zhibiao::detail::spec_of(o.code).kernel;
    const std::string args[] = {r(o.a), r(o.b), r(o.c)};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}') {
            out += text[i + 1] == 'k' ? hex(o.k) : args[text[i + 1] - '0'];
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string expression(const op& o) {
    switch (o.code) {
        case opcode::constant:
            return "splat(" + hex(o.k) + ")";
        case opcode::copy:
            return r(o.a);
        case opcode::scale: {
            const std::string power = hex(zhibiao::detail::exact_power_of_ten(o.e < 0 ? -o.e : o.e));
            return "(" + r(o.a) + (o.e >= 0 ? " * " : " / ") + "splat(" + power + ")) * splat(" + hex(o.k) + ")";
        }
        default:
            return from_registry(o);
    }
}

// Flags: the operations whose value is 1, 0 or missing (comparisons, missing, not, and, or). The
// kernel keeps each as three masks — rN_t (1), rN_n (missing: the registry's NaN) and rN_f (a
// present 0), exactly one of them set in each lane — and its
// value rN = sel(rN_n, NaN, as01(rN_t)) only for the operations that read it as a number (the
// compiler drops the rest). A condition, a validity check, a gate read as masks costs a
// comparison or two; read as numbers (registry texts) every flag was materialised, then
// compared with 0 and with itself again, and GCC moved the masks into vectors lane by lane.
// Same values bit for bit: each mask expression below is the registry's lane function
// (formula/functions.hpp, fused/simd.hpp) taken apart, case by case. The third mask is written
// without `~` (a comparison's is the opposite ordered comparison): GCC 12 negates an AVX-512 mask
// in a general register (kmovb, not, kmovb), and `not`, `and`, `or` and the validity checks read it.
bool is_flag(opcode code) {
    switch (code) {
        case opcode::lt:
        case opcode::le:
        case opcode::gt:
        case opcode::ge:
        case opcode::eq:
        case opcode::ne:
        case opcode::missing:
        case opcode::logical_not:
        case opcode::logical_and:
        case opcode::logical_or:
            return true;
        default:
            return false;
    }
}

struct flags {
    std::set<int> regs;               // registers written by a flag operation
    std::map<int, double> constants;  // registers written by a constant operation: their value

    explicit flags(const compiled_scorecard& c) {
        for (const op& o : c.prog.ops()) {
            if (is_flag(o.code)) regs.insert(o.dst);
            if (o.code == opcode::constant) constants[o.dst] = o.k;
        }
    }
    /// The register's value when a constant operation wrote it and it is finite.
    std::optional<double> constant(int reg) const {
        const auto it = constants.find(reg);
        if (it == constants.end() || !std::isfinite(it->second)) return std::nullopt;
        return it->second;
    }
    bool has(int reg) const { return regs.count(reg) > 0; }
    // Register `reg` read as a condition: where it holds (present, not 0) …
    std::string truth(int reg) const { return has(reg) ? r(reg) + "_t" : "holds(" + r(reg) + ")"; }
    // … where it is missing …
    std::string missing(int reg) const { return has(reg) ? r(reg) + "_n" : "isnan(" + r(reg) + ")"; }
    // … where it is a present 0 …
    std::string falsity(int reg) const { return has(reg) ? r(reg) + "_f" : "(" + r(reg) + " == splat(0.0))"; }
    // … or not (holds or is missing: != is true for NaN) …
    std::string not_false(int reg) const {
        return has(reg) ? "(" + r(reg) + "_t | " + r(reg) + "_n)" : "(" + r(reg) + " != splat(0.0))";
    }
    // … and where it is present (holds or is a present 0).
    std::string present(int reg) const {
        return has(reg) ? "(" + r(reg) + "_t | " + r(reg) + "_f)" : "(" + r(reg) + " == " + r(reg) + ")";
    }
};

// A comparison of a register with a constant as comparisons of the register with the least values
// where its grid value reaches the constant's (least_on_grid); none when neither side is a constant.
struct masks {
    std::string t, n, f;  // holds, missing, a present 0
};

std::optional<masks> constant_comparison(const op& o, const flags& f, std::string s) {
    int x = o.a;
    std::optional<double> k = o.b >= 0 ? f.constant(o.b) : std::nullopt;
    if (!k && f.constant(o.a) && o.b >= 0) {  // k op x is x op' k
        x = o.b, k = f.constant(o.a);
        s = s == "<" ? ">" : s == ">" ? "<" : s == "<=" ? ">=" : s == ">=" ? "<=" : s;
    }
    if (!k || f.constant(x)) return std::nullopt;
    const double c = zhibiao::detail::on_grid(*k, o.k);
    const std::string v = r(x), reaches = "splat(" + hex(least_on_grid(c, o.k, false)) + ")",
                      passes = "splat(" + hex(least_on_grid(c, o.k, true)) + ")";
    // NaN fails every ordered comparison, as it does on the grid (and != is false for it there too).
    // x >= t and x < t: the two sides of a present x, neither for NaN.
    const std::string at_least_r = "(" + v + " >= " + reaches + ")", below_r = "(" + v + " < " + reaches + ")",
                      at_least_p = "(" + v + " >= " + passes + ")", below_p = "(" + v + " < " + passes + ")";
    const std::string n = "isnan(" + v + ")";
    if (s == ">=") return masks{at_least_r, n, below_r};
    if (s == ">") return masks{at_least_p, n, below_p};
    if (s == "<") return masks{below_r, n, at_least_r};
    if (s == "<=") return masks{below_p, n, at_least_p};
    const std::string inside = "(" + at_least_r + " & " + below_p + ")",
                      outside = "(" + below_r + " | " + at_least_p + ")";
    if (s == "==") return masks{inside, n, outside};
    return masks{outside, n, inside};
}

// The masks (1, missing, a present 0) of flag operation `o`.
masks flag_masks(const op& o, const flags& f) {
    const std::string a = r(o.a), b = o.b >= 0 ? r(o.b) : "";
    const std::string either_nan = "(isnan(" + a + ") | isnan(" + b + "))";
    // The comparison and its opposite: each false where either side is NaN (on the grid a NaN stays
    // NaN, which every ordered comparison fails; != is not ordered, so it is and-ed with ==).
    auto compare = [&](std::string symbol, std::string opposite) {
        if (auto against = constant_comparison(o, f, symbol)) return *against;
        auto grid = [&](const std::string& s) {
            return "(on_grid(" + a + ", " + hex(o.k) + ") " + s + " on_grid(" + b + ", " + hex(o.k) + "))";
        };
        auto ordered = [&](const std::string& s) {
            return s == "!=" ? "(" + grid(s) + " & ~" + either_nan + ")" : grid(s);
        };
        return masks{ordered(symbol), either_nan, ordered(opposite)};
    };
    switch (o.code) {
        case opcode::lt:
            return compare("<", ">=");
        case opcode::le:
            return compare("<=", ">");
        case opcode::gt:
            return compare(">", "<=");
        case opcode::ge:
            return compare(">=", "<");
        case opcode::eq:
            return compare("==", "!=");
        case opcode::ne:
            return compare("!=", "==");
        case opcode::missing:  // as01(isnan(a)): never missing itself
            return {f.missing(o.a), "splat_m(0)", f.present(o.a)};
        case opcode::logical_not:  // sel(isnan(a), NaN, as01(a == 0))
            return {f.falsity(o.a), f.missing(o.a), f.truth(o.a)};
        case opcode::logical_and: {  // 0 where either is a present 0, else NaN where either is missing, else 1
            return {"(" + f.truth(o.a) + " & " + f.truth(o.b) + ")",
                    "((" + f.missing(o.a) + " | " + f.missing(o.b) + ") & " + f.not_false(o.a) + " & " +
                        f.not_false(o.b) + ")",
                    "(" + f.falsity(o.a) + " | " + f.falsity(o.b) + ")"};
        }
        case opcode::logical_or: {  // 1 where either holds, else NaN where either is missing, else 0
            // Neither holds: each is missing or a present 0.
            const std::string neither =
                "(" + f.falsity(o.a) + " | " + f.missing(o.a) + ") & (" + f.falsity(o.b) + " | " + f.missing(o.b) + ")";
            return {"(" + f.truth(o.a) + " | " + f.truth(o.b) + ")",
                    "((" + f.missing(o.a) + " | " + f.missing(o.b) + ") & " + neither + ")",
                    "(" + f.falsity(o.a) + " & " + f.falsity(o.b) + ")"};
        }
        default:
            throw std::logic_error("not a flag operation");
    }
}

void write_ops(std::ostream& o, const compiled_scorecard& c, std::size_t first, std::size_t last,
               const std::set<int>& live) {
    const flags f(c);
    const auto& ops = c.prog.ops();
    for (std::size_t i = first; i < last; ++i) {
        const op& x = ops[i];
        if (!live.count(x.dst)) continue;
        const std::string d = r(x.dst);
        if (f.has(x.dst)) {
            const masks m = flag_masks(x, f);
            // Any form may go unread: [[maybe_unused]], the compiler drops what is.
            o << "        [[maybe_unused]] const M " << d << "_t = " << m.t << ";\n        [[maybe_unused]] const M "
              << d << "_n = " << m.n << ";\n        [[maybe_unused]] const M " << d << "_f = " << m.f << ";\n";
            o << "        [[maybe_unused]] const V " << d << " = sel(" << d << "_n, splat(__builtin_nan(\"\")), as01("
              << d << "_t));\n";
        } else if (x.code == opcode::select && f.has(x.a)) {
            // select_op(c, a, b) = sel(isnan(c), c, sel(c != 0, a, b)); a flag's NaN is the registry's NaN.
            o << "        const V " << d << " = sel(" << f.missing(x.a) << ", splat(__builtin_nan(\"\")), sel("
              << f.truth(x.a) << ", " << r(x.b) << ", " << r(x.c) << "));\n";
        } else {
            // A constant compared with a measure is read by no statement (constant_comparison).
            o << (x.code == opcode::constant ? "        [[maybe_unused]] const V " : "        const V ") << d << " = "
              << expression(x) << ";\n";
        }
    }
}

// Validity: each input's bounds, then the checks between inputs.
//
// An input is in order where every one of its conditions holds — at least its minimum, at most
// its ceiling, whole, finite — written as one chain of ordered comparisons (AVX-512: each
// compare masked by the last, no or-ing of masks). The same firms as scorer::run_chunk's
// x < min | x > ceiling | ~whole(x) | not_finite(x): NaN fails every ordered comparison and
// whole(); ±inf fails a finite bound, else x < inf (x > -inf), and only where neither bound is
// finite is finiteness a test of its own.
std::string in_order(const std::string& x, double min, double ceiling, bool integer) {
    std::vector<std::string> holds;
    if (min > -INFINITY) holds.push_back("(" + x + " >= splat(" + hex(min) + "))");
    if (ceiling < INFINITY) holds.push_back("(" + x + " <= splat(" + hex(ceiling) + "))");
    if (integer) holds.push_back("whole(" + x + ")");
    if (min > -INFINITY && ceiling == INFINITY) holds.push_back("(" + x + " < splat(__builtin_inf()))");
    if (min == -INFINITY && ceiling < INFINITY) holds.push_back("(" + x + " > splat(-__builtin_inf()))");
    if (min == -INFINITY && ceiling == INFINITY) holds.push_back("finite(" + x + ")");
    std::string all;
    for (const std::string& h : holds) all += (all.empty() ? "" : " & ") + h;
    return "(" + all + ")";
}

// The conditions a firm's input is in order by, one per bit of `problems`: each input's bounds,
// then the checks between inputs (failed where the check is a present 0).
std::vector<std::string> validity_conditions(const scorecard& s, const compiled_scorecard& c) {
    std::vector<std::string> ok;
    for (std::size_t k = 0; k < s.inputs().size(); ++k) {
        const auto& in = s.inputs()[k];
        const std::string x = r(c.input_reg[k]);
        // An expert score is clipped to its ceiling, not invalid above it (input_ceiling).
        const std::string holds = in_order(x, in.min, c.input_ceiling[k], in.integer);
        // A missing optional input is in order.
        ok.push_back(in.optional ? "(isnan(" + x + ") | " + holds + ")" : holds);
    }
    const flags f(c);
    for (int reg : c.validity_reg) ok.push_back(f.not_false(reg));
    return ok;
}

// Validity: one mask and-ed over every condition, and the bits of
// `problems` only where a vector of firms holds an invalid one. Most vectors hold none (3 % of the
// bench's firms are invalid, a fifth of its vectors of 8 hold one): they skip a select per bit.
// `valid` is where every condition holds, i.e. where no bit is set: the same firms as problems == 0.
void write_validity(std::ostream& o, const scorecard& s, const compiled_scorecard& c) {
    const std::vector<std::string> ok = validity_conditions(s, c);
    std::string all;
    for (const std::string& condition : ok) all += (all.empty() ? "" : "\n            & ") + condition;
    o << "        const M valid = " << (all.empty() ? "splat_m(-1)" : all) << ";\n";
    o << "        U problems = U{};\n";
    o << "        if (__builtin_expect(!all_lanes(valid), 0)) {\n";
    for (std::size_t b = 0; b < ok.size(); ++b)
        o << "            problems = unless(problems, " << ok[b] << ", " << (std::uint64_t{1} << b) << "u);\n";
    o << "        }\n";
}

// Alternative `a` of item `k`: its band table as a sum of steps, kept when it scores better.
void write_alternative(std::ostream& o, const compiled_scorecard& c, std::size_t k, std::size_t a) {
    const std::string n = std::to_string(k);
    const auto& alt = c.items[k][a];
    const std::string lo = a == 0 ? "lo" + n : "alt_lo", hi = a == 0 ? "hi" + n : "alt_hi";
    // A band is reached where the measure's grid value is at least its bound: where the measure is
    // at least least_on_grid of it (no grid value computed).
    const std::string q = r(alt.reg);
    o << "        {\n";
    o << "            V alt_lo = splat(" << hex(alt.bottom_lo) << "), alt_hi = splat(" << hex(alt.bottom_hi) << ");\n";
    // reached · step adds step or a zero; when no sum can be -0.0 (the bottom is not, no step is)
    // and every step is finite, adding that zero changes nothing: the add is then masked instead
    // (AVX-512: one instruction for the two of as01, the product and the add).
    auto plain = [](double x) { return std::isfinite(x) && !(x == 0 && std::signbit(x)); };
    bool masked = plain(alt.bottom_lo) && plain(alt.bottom_hi);
    for (std::size_t b = 0; b < alt.at_least.size(); ++b)
        masked = masked && plain(alt.step_lo[b]) && plain(alt.step_hi[b]);
    for (std::size_t b = 0; b < alt.at_least.size(); ++b) {
        const std::string at = hex(least_on_grid(alt.at_least[b], c.inverse_grid, false)),
                          step_lo = hex(alt.step_lo[b]), step_hi = hex(alt.step_hi[b]);
        if (masked)
            o << "            { const M reached = " << q << " >= splat(" << at
              << "); alt_lo = sel(reached, alt_lo + splat(" << step_lo
              << "), alt_lo); alt_hi = sel(reached, alt_hi + splat(" << step_hi << "), alt_hi); }\n";
        else
            o << "            { const V reached = as01(" << q << " >= splat(" << at << ")); alt_lo += reached * splat("
              << step_lo << "); alt_hi += reached * splat(" << step_hi << "); }\n";
    }
    // Where the firm left the alternative blank (its measure missing, an optional input it reads
    // blank) it does not score: scorer's mark_given, as a mask.
    const bool blank = !alt.blank_inputs.empty();
    if (blank) {
        std::string all_given;
        for (int x : alt.blank_inputs) {
            const std::string in = r(c.input_reg[static_cast<std::size_t>(x)]);
            all_given += (all_given.empty() ? "(" : " & (") + in + " == " + in + ")";
        }
        o << "            const M given = (" << q << " == " << q << ") | (" << all_given << ");\n";
    }
    // pts is NaN where every alternative before was left blank (v never is).
    bool maybe_blank = a > 0;
    for (std::size_t b = 0; b < a; ++b) maybe_blank = maybe_blank && !c.items[k][b].blank_inputs.empty();
    if (a == 0) {
        o << "            " << lo << " = alt_lo; " << hi << " = alt_hi;\n";
        o << "            pts" << n << " = choose<Policy>(lo" << n << ", hi" << n << ");\n";
        if (blank)
            o << "            pts" << n << " = sel(given, pts" << n << ", nan); lo" << n << " = sel(given, lo" << n
              << ", nan); hi" << n << " = sel(given, hi" << n << ", nan);\n            which" << n
              << " = sel(given, splat_m(0), splat_m(-1));\n";
    } else {
        std::string better = "(v > pts" + n + ")";
        if (maybe_blank) better = "(" + better + " | isnan(pts" + n + "))";
        if (blank) better = "(" + better + " & given)";
        o << "            const V v = choose<Policy>(alt_lo, alt_hi);\n            const M better = " << better
          << ";\n";
        o << "            pts" << n << " = sel(better, v, pts" << n << "); lo" << n << " = sel(better, alt_lo, lo" << n
          << "); hi" << n << " = sel(better, alt_hi, hi" << n << ");\n";
        o << "            which" << n << " = sel(better, splat_m(" << a << "), which" << n << ");\n";
    }
    o << "        }\n";
}

// Items: band tables, the better alternative, expert scores; uncapped items add to the totals.
void write_items(std::ostream& o, const scorecard& s, const compiled_scorecard& c, const std::set<int>& live,
                 bool ranges) {
    o << "        V total = splat(0.0), total_lo = splat(0.0), total_hi = splat(0.0);\n        (void)total_lo, "
         "(void)total_hi;\n";
    for (std::size_t k = 0; k < s.items().size(); ++k) {
        const std::string n = std::to_string(k);
        o << "        V pts" << n << ", lo" << n << ", hi" << n << ";\n        M which" << n << " = splat_m(0);\n";
        if (c.expert_reg[k] >= 0) {
            const std::string x = r(c.expert_reg[k]), max = hex(s.items()[k].max);
            // A score that must be whole (every built-in pack's) is, for every valid firm: rounding it
            // changes nothing there, and an invalid firm's points are never stored (NaN). Bit for bit.
            const bool whole = s.inputs()[static_cast<std::size_t>(s.input_index(s.items()[k].expert_input))].integer;
            o << "        {\n            V v = " << (whole ? x : "vround(" + x + ")")
              << ";\n            v = sel(v < splat(0.0), splat(0.0), sel(splat(" << max << ") < v, splat(" << max
              << "), v));\n            pts" << n << " = lo" << n << " = hi" << n << " = sel(isnan(" << x
              << "), splat(0.0), v);\n        }\n";
        } else {
            for (std::size_t a = 0; a < c.items[k].size(); ++a) write_alternative(o, c, k, a);
        }
        if (c.item_cap[k] < 0) {
            o << "        total = total + pts" << n << ";\n";
            if (ranges) o << "        total_lo = total_lo + lo" << n << "; total_hi = total_hi + hi" << n << ";\n";
        }
        if (live.count(c.item_reg[k])) o << "        const V " << r(c.item_reg[k]) << " = pts" << n << ";\n";
    }
}

void write_caps(std::ostream& o, const scorecard& s, const compiled_scorecard& c, const std::set<int>& live,
                bool ranges) {
    for (std::size_t g = 0; g < c.cap_reg.size(); ++g) {
        const std::string max = "splat(" + hex(s.caps()[g].max) + ")";
        o << "        V cap" << g << " = splat(0.0);\n";
        for (int k : c.cap_members[g]) o << "        cap" << g << " = cap" << g << " + pts" << k << ";\n";
        o << "        cap" << g << " = sel(" << max << " < cap" << g << ", " << max << ", cap" << g << ");\n";
        o << "        total = total + cap" << g << ";\n";
        if (ranges) {
            o << "        {\n            V l = splat(0.0), h = splat(0.0);\n";
            for (int k : c.cap_members[g]) o << "            l = l + lo" << k << "; h = h + hi" << k << ";\n";
            o << "            total_lo = total_lo + sel(" << max << " < l, " << max << ", l);\n";
            o << "            total_hi = total_hi + sel(" << max << " < h, " << max << ", h);\n        }\n";
        }
        if (live.count(c.cap_reg[g])) o << "        const V " << r(c.cap_reg[g]) << " = cap" << g << ";\n";
    }
}

// Gates, eligibility, the pass rule and the direct routes, down to the firm's status.
void write_outcome(std::ostream& o, const compiled_scorecard& c, const std::set<int>& live) {
    const flags f(c);
    o << "        V eligible = as01(valid);\n";
    for (std::size_t g = 0; g < c.gate_reg.size(); ++g) {
        o << "        {\n            const M h = " << f.truth(c.gate_reg[g]) << ";\n            store_bytes(io.gates["
          << g << "] + i, h & splat_m(1));\n            eligible = sel(h, eligible, splat(0.0));\n        }\n";
    }
    if (live.count(c.total_reg)) o << "        const V " << r(c.total_reg) << " = total;\n";
    if (live.count(c.eligible_reg)) o << "        const V " << r(c.eligible_reg) << " = eligible;\n";
    write_ops(o, c, c.main_ops, c.prog.size(), live);
    o << "        M route = splat_m(-1);\n";
    for (std::size_t k = c.route_reg.size(); k-- > 0;)
        o << "        route = sel(" << f.truth(c.route_reg[k]) << ", splat_m(" << k << "), route);\n";
    o << "        const M ok = valid & (eligible != splat(0.0));\n";
    o << "        route = sel(ok, route, splat_m(-1));\n";
    // firm_status: passed 0, direct 1, failed 2, ineligible 3, invalid input 4.
    o << "        const M passing = sel(route >= splat_m(0), splat_m(1), sel(" << f.truth(c.pass_reg)
      << ", splat_m(0), splat_m(2)));\n";
    o << "        const M status = sel(valid, sel(ok, passing, splat_m(3)), splat_m(4));\n";
    // What detail::clear_unscored does after the machine, done here at no extra pass: a firm confirmed
    // directly or with invalid input has no points (NaN) and no measure that scored (-1).
    o << "        const M scored = valid & (route < splat_m(0));\n";
}

// The result columns of the block: points as floats (exact for every pack with kernels).
void write_stores(std::ostream& o, const scorecard& s, const compiled_scorecard& c, bool ranges) {
    o << "        store(io.problems + i, problems);\n";
    o << "        store_bytes(io.status + i, status);\n";
    o << "        store_bytes(io.route + i, route);\n";
    o << "        store(io.total + i, sel(scored, total, nan));\n";
    if (ranges)
        o << "        store(io.total_lo + i, sel(scored, total_lo, nan));\n        store(io.total_hi + i, sel(scored, "
             "total_hi, nan));\n";
    for (std::size_t k = 0; k < s.items().size(); ++k) {
        o << "        store(io.points[" << k << "] + i, sel(scored, pts" << k << ", nan));\n";
        if (ranges && c.range_column[k] >= 0)
            o << "        store(io.points_lo[" << c.range_column[k] << "] + i, sel(scored, lo" << k
              << ", nan));\n        store(io.points_hi[" << c.range_column[k] << "] + i, sel(scored, hi" << k
              << ", nan));\n";
        o << "        store_bytes(io.alternative[" << k << "] + i, sel(scored, which" << k << ", splat_m(-1)));\n";
    }
}

/// Copies the pointers the loop body reads from `io` (io.points[3], io.total) into locals
/// before the loop: read through `io` they are loaded again after every store (a store of
/// bytes may alias them), two loads per column and vector of firms.
std::string with_local_pointers(const std::string& body) {
    static const std::regex field(R"(\bio\.(\w+)(\[(\d+)\])?)");
    std::map<std::string, std::string> locals;  // name → io expression
    std::string out;
    auto last = body.cbegin();
    for (std::sregex_iterator m(body.begin(), body.end(), field), end; m != end; ++m) {
        const std::string name = "io_" + (*m)[1].str() + ((*m)[3].matched ? "_" + (*m)[3].str() : "");
        locals.emplace(name, m->str());
        out.append(last, (*m)[0].first).append(name);
        last = (*m)[0].second;
    }
    out.append(last, body.cend());
    std::string declarations;
    for (const auto& [name, expression] : locals) declarations += "    const auto " + name + " = " + expression + ";\n";
    return declarations + out;
}

/// The kernel of pack `p`: program::run and scorer::run_chunk, statement for statement.
void write_pack(std::ostream& o, std::size_t p, const scorecard& s, const compiled_scorecard& c) {
    if (!c.narrow)
        throw std::logic_error("pack '" + s.id() + "' has points not exact in floats: the kernels write floats");
    const std::set<int> live = live_registers(s, c);
    const bool ranges = s.has_ranges();
    // No software prefetch: the hardware of the AMD EPYC (Zen 5) we measure on follows all of HNTE's
    // 29 input and 47 result streams, and prefetching them cost 20 % there (bench/NOTES.md, round 16).
    std::ostringstream body;
    body << "    for (std::size_t i = 0; i < rows; i += W) {\n";
    for (std::size_t k = 0; k < s.inputs().size(); ++k)
        body << "        const V " << r(c.input_reg[k]) << " = load(io.inputs[" << k << "] + i);  // "
             << s.inputs()[k].id << "\n";
    write_ops(body, c, 0, c.main_ops, live);
    write_validity(body, s, c);
    write_items(body, s, c, live, ranges);
    write_caps(body, s, c, live, ranges);
    write_outcome(body, c, live);
    write_stores(body, s, c, ranges);
    body << "    }\n";
    o << "// " << s.id() << ": " << s.name_en() << "\n";
    o << "template <int Policy>\nvoid pack_" << p << "(const fused_io& io, std::size_t rows) {\n";
    o << "    const V nan = splat(__builtin_nan(\"\"));\n";
    o << with_local_pointers(body.str()) << "}\n\n";
}

/// One kernel per operation of the formula vocabulary (formula/functions.hpp) that scorecards
/// use: inputs 0–2 are its arguments, `values` its result (in double), so tests reach every registry
/// operation through the generated code (fingerprint "vocabulary:<name>"). Returns the names.
std::vector<std::string> write_vocabulary(std::ostream& o) {
    std::vector<std::string> names;
    for (int code = 0; code <= static_cast<int>(opcode::copy); ++code) {
        op x{static_cast<opcode>(code), 3, 0, 1, 2, 0, 0};
        if (x.code == opcode::constant || x.code == opcode::scale || x.code == opcode::copy) continue;
        const auto& spec = zhibiao::detail::spec_of(x.code);
        if (x.code == opcode::round) x.k = 100.0;  // round(x, 2), as tests call it
        if (spec.units == zhibiao::detail::unit_rule::flag && spec.min_args == 2 && spec.name != "and" &&
            spec.name != "or")
            x.k = zhibiao::detail::program().comparison_inverse_grid();
        const std::size_t n = names.size();
        o << "// vocabulary: " << spec.name << "\ntemplate <int Policy>\nvoid vocabulary_" << n
          << "(const fused_io& io, std::size_t rows) {\n"
          << "    for (std::size_t i = 0; i < rows; i += W) {\n";
        for (int k = 0; k < 3; ++k) o << "        const V " << r(k) << " = load(io.inputs[" << k << "] + i);\n";
        o << "        (void)r1, (void)r2;\n        store(io.values + i, " << expression(x) << ");\n    }\n}\n\n";
        names.emplace_back(spec.name);
    }
    return names;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: zhibiao_codegen OUTPUT.inc\n";
        return 2;
    }
    try {
        std::ostringstream o;
        o << "// Generated by zhibiao_codegen (src/codegen/write_kernels.cpp) from the built-in rule packs: do not "
             "edit.\n"
             "// Included by src/fused/kernels_*.cpp, once per instruction set, after src/fused/simd.hpp.\n\n"
             "namespace {\n\nusing zhibiao::detail::fused_io;\n\n";
        const auto ids = scorecard::builtin_ids();
        std::vector<std::string> fingerprints;
        for (std::size_t p = 0; p < ids.size(); ++p) {
            const scorecard& s = scorecard::builtin(ids[p]);
            const compiled_scorecard& c = zhibiao::detail::scorer::compiled(s);
            write_pack(o, p, s, c);
            fingerprints.push_back(zhibiao::detail::kernel_fingerprint(s, c));
        }
        const std::vector<std::string> vocabulary = write_vocabulary(o);
        o << "}  // namespace\n\nnamespace zhibiao::detail {\n\n"
             "extern const fused_table_entry ZHIBIAO_FUSED_TABLE[];\n"
             "const fused_table_entry ZHIBIAO_FUSED_TABLE[] = {\n";
        for (std::size_t p = 0; p < ids.size(); ++p)
            o << "    {\"" << fingerprints[p] << "\",\n     {ZHIBIAO_FUSED_ISA_NAME, W, {&pack_" << p << "<0>, &pack_"
              << p << "<1>, &pack_" << p << "<2>}}},\n";
        for (std::size_t v = 0; v < vocabulary.size(); ++v)
            o << "    {\"vocabulary:" << vocabulary[v] << "\",\n     {ZHIBIAO_FUSED_ISA_NAME, W, {&vocabulary_" << v
              << "<0>, &vocabulary_" << v << "<0>, &vocabulary_" << v << "<0>}}},\n";
        o << "    {nullptr, {nullptr, 0, {nullptr, nullptr, nullptr}}},\n};\n\n}  // namespace zhibiao::detail\n";
        // Rewrites the file only when it changes, so a rebuild recompiles the kernels only then.
        std::string old;
        if (std::ifstream in(argv[1]); in) old.assign(std::istreambuf_iterator<char>(in), {});
        if (old != o.str()) std::ofstream(argv[1]) << o.str();
    } catch (const std::exception& e) {
        std::cerr << "zhibiao_codegen: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
