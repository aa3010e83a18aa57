#pragma once
// Where a decimal's binary rounding must not decide an answer: an indicator's valid range and a
// comparison of figures in different units. The evaluator (evaluate.cpp) and the fused paths
// (fused.cpp, fused_kernels_impl.hpp) both go through these, so they give the same bits.

namespace zhibiao::detail {

// How far (relative) a figure may be off by the binary rounding of decimals and one conversion.
constexpr double rounding_slack = 8 * __DBL_EPSILON__;

// Inputs are decimals held in binary: 1.36 (亿元) is 1.3600000000000001, so 1.36亿元 paid of
// 13600万元 due is 100.00000000000001 %, where the written figures say exactly 100 %. A value a
// few units in the last place beyond a bound is that bound; anything further is out of range as
// before. A bound of 0 gets no slack: a negative share is never a rounding.
struct valid_range {
    double lo, hi, lo_slack, hi_slack;

    valid_range(double low, double high) : lo(low), hi(high), lo_slack(widened(low, -1)), hi_slack(widened(high, 1)) {}

    // `y` within the range (a bound if it was within the slack beyond it): true; NaN, or beyond
    // the range and its slack: false, `y` unchanged. An infinite y inside an infinite bound is
    // admitted: the callers test finiteness themselves.
    bool admit(double& y) const {
        const double z = y > hi && y <= hi_slack ? hi : y < lo && y >= lo_slack ? lo : y;
        y = z;
        return z >= lo && z <= hi;
    }

private:
    // The bound moved outwards by its slack; a bound near the largest double stays as it is, so that
    // an infinite value is never admitted as the largest one.
    static double widened(double bound, int outwards) {
        const double w = bound + outwards * rounding_slack * (bound < 0 ? -bound : bound);
        return __builtin_isfinite(w) ? w : bound;
    }
};

// `z`, a figure converted into the unit of `x` (13600万元 as 亿元, 1.36亿元 as 万元), compared with x:
// within a few units in the last place of x it is x, so that 1.36亿元 <= 13600万元 and == hold.
// Only for a conversion that changed the number: figures in one unit compare as they are.
inline double converted_for_comparison(double z, double x, bool converted) {
    const double scale = x < 0 ? -x : x, gap = z > x ? z - x : x - z;
    return converted && gap <= rounding_slack * scale ? x : z;
}

}  // namespace zhibiao::detail
