#pragma once
// x · 10^k / z rounded once, for an indicator whose formula is a quotient and whose unit differs
// from the quotient's by a power of ten (45 件 / 500 千人 in 件/万人). Dividing first and scaling
// after rounds twice: 45 / 500 is the double nearest 0.09, and that times 10 is
// 0.8999999999999999, where the exact quotient 45 / 50 rounds to 0.9. Here the product (or the
// scaled denominator) is kept exactly as a sum of two doubles (Dekker's product, no fused
// multiply-add needed, so every instruction set gives the same bits) and the quotient is
// corrected by its remainder: the result is the double nearest x · 10^k / z for the doubles x
// and z, as if the scale had been one exact division, except for a quotient within about 2^-100
// of a halfway point between two doubles.
//
// Included by the evaluator and by the fused block kernels, which are compiled once per
// instruction set: everything here is static (internal linkage) and uses no library, so no
// copy compiled with AVX flags can be picked by the linker for another translation unit. The
// files including it are compiled with -ffp-contract=off: a contraction into a fused
// multiply-add would break the exact splitting.

namespace zhibiao::detail {

// a = hi + lo exactly, each half with at most 26 significant bits (Veltkamp's split).
static inline void split_halves(double a, double& hi, double& lo) {
    const double c = 134217729.0 * a;  // 2^27 + 1
    hi = c - (c - a);
    lo = a - hi;
}

// a · b = p + e exactly (Dekker), for products far from overflow and underflow.
static inline void exact_product(double a, double b, double& p, double& e) {
    double ah, al, bh, bl;
    split_halves(a, ah, al);
    split_halves(b, bh, bl);
    p = a * b;
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

// Far from overflow and from the subnormals, where every partial product above is exact (a
// NaN or a zero is not).
static inline bool moderate(double v) {
    const double a = __builtin_fabs(v);
    return a >= 0x1p-900 && a <= 0x1p900;
}

// The double nearest x · power / z (divide = false) or x / (z · power) (divide = true), power an
// exact power of ten (10^0 … 10^22). Beyond moderate magnitudes, or for a zero (its sign kept),
// the two-step result (x / z, then × or ÷ power) is kept: it is then the same bits.
static inline double scaled_quotient(double x, double z, double power, bool divide) {
    const double two_step = divide ? (x / z) / power : (x / z) * power;
    double result;
    if (!divide) {
        double nh, nl, ph, pl;
        exact_product(x, power, nh, nl);  // x · power = nh + nl
        const double q = nh / z;
        exact_product(q, z, ph, pl);  // q · z = ph + pl; nh − ph is exact (q is within an ulp)
        const double correction = (((nh - ph) - pl) + nl) / z;
        result = correction == 0 ? q : q + correction;
    } else {
        double dh, dl, ph, pl;
        exact_product(z, power, dh, dl);  // z · power = dh + dl
        const double q = x / dh;
        exact_product(q, dh, ph, pl);
        const double correction = (((x - ph) - pl) - q * dl) / dh;
        result = correction == 0 ? q : q + correction;
    }
    const bool usable = moderate(x) && moderate(z) && moderate(two_step) && __builtin_fabs(result) <= 0x1p900;
    return usable ? result : two_step;
}

}  // namespace zhibiao::detail
