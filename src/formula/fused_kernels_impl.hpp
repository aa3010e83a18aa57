#pragma once
// The bodies of the fused compute() block kernels (fused_kernels.hpp), included by exactly one
// translation unit per instruction set after it defines ZHIBIAO_FUSED_BLOCK_TABLE. Everything
// here has internal linkage and uses builtins only, so the copies compiled for different
// instruction sets never meet at link time. The loops are branch-free (both sides computed, one
// selected; reasons as byte lanes selected alongside the values) so that they vectorise.
#include <cstddef>
#include <cstdint>

#include "formula/fused_kernels.hpp"
#include "formula/scaled_quotient.hpp"
#include "formula/valid_range.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao::detail {
namespace {

constexpr double lane_nan = __builtin_nan("");
constexpr double lane_largest = __DBL_MAX__;
constexpr std::uint64_t code(reason r) { return static_cast<std::uint8_t>(r); }
constexpr std::uint64_t missing_code = code(reason::missing_input), invalid_code = code(reason::invalid_input),
                        negative_code = code(reason::negative_input), out_of_range_code = code(reason::out_of_range);

// std::isfinite, in a form that vectorises.
inline bool finite_lane(double y) { return __builtin_fabs(y) <= lane_largest; }

// Reason codes inside a kernel are 64-bit lanes, as wide as the values, so that every condition
// is one mask width, and are narrowed to a byte once, at the store: with bytes, GCC leaves
// chains of selects as branches or finds no vector type for loops that mix the two widths.
using lane = std::uint64_t;
#if defined(ZHIBIAO_FUSED_BLOCK_SCALAR)
// Where the loops do not vectorise (SSE2 has no conversions between doubles and bytes that GCC
// uses), branches on the rare gaps cost less than computing both sides.
inline lane pick(bool c, lane a, lane b) { return c ? a : b; }
#else
// c ? a : b as bit operations (GCC does not if-convert chains of selects).
inline lane pick(bool c, lane a, lane b) { return b ^ ((a ^ b) & (lane{0} - static_cast<lane>(c))); }
#endif

inline double converted(double x, const fused_conversion& c) {
    const double y = c.divide ? x / c.power : x * c.power;
    return c.scaled ? y * c.factor : y;
}

// evaluator::leaf: ±inf invalid; below the variable's minimum, negative_input; missing_input for
// a NaN.
void leaf_rows(const fused_leaf& s, std::size_t begin, std::size_t n, fused_lanes out) {
    const double* __restrict x = s.x + begin;
    double* __restrict y = out.x;
    std::uint8_t* __restrict why = out.r;
    const double min = s.min;
    // The next block of this column, a cache line at a time: the leaves of a block read many
    // columns one after another, each for 8 KB only, too short for the hardware prefetcher.
    for (std::size_t i = 0; i < n; i += 8) __builtin_prefetch(x + n + i);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        const lane bad = pick(__builtin_fabs(v) > lane_largest, invalid_code, pick(v < min, negative_code, 0));
        y[i] = bad ? lane_nan : v;
        why[i] = static_cast<std::uint8_t>(pick(bad != 0, bad, pick(v == v, 0, missing_code)));
    }
}

// invalid_for_computation's rule for counts: a present value not a whole number of its base
// unit (within 1e-9) is invalid_input. |b − round(b)| is computed as |a − rint(a)| with a = |b|
// (exact below 2^52, and a number above 2^52 is whole). A second pass over the block (in cache),
// the conversion to the base unit chosen outside the loop: in the leaf's loop, or with the
// conversion's selects inside, GCC finds no vector type for it.
template <bool Convert>
void whole_rows(const fused_conversion& to_base, std::size_t n, fused_lanes out) {
    double* __restrict y = out.x;
    std::uint8_t* __restrict why = out.r;
    const fused_conversion c = to_base;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = __builtin_fabs(Convert ? converted(y[i], c) : y[i]);
        const double nearest = (a + 0x1p52) - 0x1p52;
        const double off = a < 0x1p52 ? __builtin_fabs(a - nearest) : 0.0;
        // (a NaN — a gap or an invalid value — gives off = 0: only present values are judged)
        const bool fractional = off > 1e-9 * (1.0 < a ? a : 1.0);
        const lane r = why[i];
        y[i] = fractional ? lane_nan : y[i];
        why[i] = static_cast<std::uint8_t>(pick(fractional, invalid_code, r));
    }
}

void leaf(const fused_leaf& s, std::size_t begin, std::size_t n, fused_lanes out) {
    leaf_rows(s, begin, n, out);
    if (s.stored)  // the column's own reasons: stored only on NaN cells (the planner checked)
        for (std::size_t i = 0; i < n; ++i)
            if (s.stored[begin + i] != 0 && out.r[i] == missing_code) out.r[i] = s.stored[begin + i];
    const bool identity = !s.to_base.divide && !s.to_base.scaled && s.to_base.power == 1;
    if (s.count && identity) whole_rows<false>(s.to_base, n, out);  // x · 1 is x: the same bits
    if (s.count && !identity) whole_rows<true>(s.to_base, n, out);
}

// evaluator::binary_op, `/`: the first gap, else zero_denominator, negative_denominator, or
// out_of_range for an overflow. Scaled: an indicator's quotient, its values given in the
// indicator's unit, the power of ten folded into the division (evaluator::quotient).
template <bool Scaled, bool Divide>
void divide_rows(std::size_t n, fused_lanes a, fused_lanes b, fused_lanes out, double power) {
    const double* __restrict ax = a.x;
    const double* __restrict bx = b.x;
    const std::uint8_t* __restrict ar = a.r;
    const std::uint8_t* __restrict br = b.r;
    double* __restrict y = out.x;
    std::uint8_t* __restrict why = out.r;
    constexpr lane zero = code(reason::zero_denominator), negative = code(reason::negative_denominator);
    for (std::size_t i = 0; i < n; ++i) {
        const double x = ax[i], z = bx[i], q = x / z;
        const lane left = ar[i], right = br[i];  // both loaded: no branch around a load
        const lane failed = pick(z == 0, zero, pick(z < 0, negative, pick(finite_lane(q), 0, out_of_range_code)));
        const lane r = pick(left != 0, left, pick(right != 0, right, failed));
        y[i] = r ? lane_nan : Scaled ? scaled_quotient<Divide>(x, z, q, power) : q;
        why[i] = static_cast<std::uint8_t>(r);
    }
}

void divide(std::size_t n, fused_lanes a, fused_lanes b, fused_lanes out, fused_conversion to_unit) {
    if (to_unit.power == 1) return divide_rows<false, false>(n, a, b, out, 1);
    if (to_unit.divide) return divide_rows<true, true>(n, a, b, out, to_unit.power);
    divide_rows<true, false>(n, a, b, out, to_unit.power);
}

// evaluator::binary_op, `+` and `-`: the second operand converted to the first's unit.
void add(std::size_t n, fused_lanes a, fused_lanes b, fused_lanes out, fused_conversion to_a, bool subtract) {
    const double* __restrict ax = a.x;
    const double* __restrict bx = b.x;
    const std::uint8_t* __restrict ar = a.r;
    const std::uint8_t* __restrict br = b.r;
    double* __restrict y = out.x;
    std::uint8_t* __restrict why = out.r;
    for (std::size_t i = 0; i < n; ++i) {
        const double z = converted(bx[i], to_a);
        const double sum = subtract ? ax[i] - z : ax[i] + z;
        const lane left = ar[i], right = br[i];
        const lane r = pick(left != 0, left, pick(right != 0, right, pick(finite_lane(sum), 0, out_of_range_code)));
        y[i] = r ? lane_nan : sum;
        why[i] = static_cast<std::uint8_t>(r);
    }
}

// evaluator::indicator_column: into the indicator's unit, then its valid range.
void to_indicator(std::size_t n, fused_lanes a, fused_lanes out, fused_conversion to_unit, double lo, double hi) {
    const double* __restrict ax = a.x;
    const std::uint8_t* __restrict ar = a.r;
    double* __restrict y = out.x;
    std::uint8_t* __restrict why = out.r;
    const valid_range range(lo, hi);
    for (std::size_t i = 0; i < n; ++i) {
        double v = converted(ax[i], to_unit);
        const lane left = ar[i];
        const bool admitted = range.admit(v);
        const lane r = pick(left != 0, left, pick(admitted && finite_lane(v), 0, out_of_range_code));
        y[i] = r ? lane_nan : v;
        why[i] = static_cast<std::uint8_t>(r);
    }
}

}  // namespace

extern const fused_block_kernels ZHIBIAO_FUSED_BLOCK_TABLE;
const fused_block_kernels ZHIBIAO_FUSED_BLOCK_TABLE = {ZHIBIAO_FUSED_BLOCK_ISA, leaf, divide, add, to_indicator};

}  // namespace zhibiao::detail
