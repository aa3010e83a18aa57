#pragma once
// x · 10^k / z rounded once, for an indicator whose formula is a quotient and whose unit differs
// from the quotient's by a power of ten (45 件 / 500 千人 in 件/万人). Dividing first and scaling
// after rounds twice: 45 / 500 is the double nearest 0.09, and that times 10 is
// 0.8999999999999999, where the exact quotient 45 / 50 rounds to 0.9. Here the two-step result
// is corrected by its remainder, computed exactly as sums of two doubles (Dekker's product, or a
// fused multiply-add where the kernels have one: both exact, so every instruction set gives the
// same bits): the result is the double nearest x · 10^k / z for the doubles x and z, as if the
// scale had been one exact division, except for a quotient within about 2^-100 of a halfway
// point between two doubles.
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

// a · b = p + e exactly, for products far from overflow and underflow: e is the one exact error
// of the product, so a fused multiply-add (the kernels built with -mfma) and Dekker's product
// give the same bits.
static inline void exact_product(double a, double b, double& p, double& e) {
    p = a * b;
#if defined(__FMA__)
    e = __builtin_fma(a, b, -p);
#else
    double ah, al, bh, bl;
    split_halves(a, ah, al);
    split_halves(b, bh, bl);
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
}

// Far from overflow and from the subnormals, where every partial product above is exact (a
// NaN or a zero is not).
static inline bool moderate(double v) {
    const double a = __builtin_fabs(v);
    return a >= 0x1p-900 && a <= 0x1p900;
}

// The double nearest x · power / z (Divide = false) or x / (z · power) (Divide = true), power an
// exact power of ten (10^1 … 10^22), given q = x / z. The two-step result (q × or ÷ power) is
// within an ulp or so; its remainder, computed exactly, corrects it, so a two-step result that
// was already the nearest double is kept bit for bit. Beyond moderate magnitudes, or for a zero
// (its sign kept), the two-step result is the answer. A template, so that the vectorised loops
// compute one side only (three divisions a row at most).
template <bool Divide>
static inline double scaled_quotient(double x, double z, double q, double power) {
    const double two_step = Divide ? q / power : q * power;
    double remainder, divisor;
    if (Divide) {
        double dh, dl, ph, pl;
        exact_product(z, power, dh, dl);  // z · power = dh + dl
        exact_product(two_step, dh, ph, pl);
        remainder = ((x - ph) - pl) - two_step * dl;  // x − ph is exact: ph is within a few ulps of x
        divisor = dh;
    } else {
        double nh, nl, ph, pl;
        exact_product(x, power, nh, nl);  // x · power = nh + nl
        exact_product(two_step, z, ph, pl);
        remainder = ((nh - ph) - pl) + nl;
        divisor = z;
    }
    const double result = two_step + remainder / divisor;
    const bool usable = moderate(x) && moderate(z) && moderate(two_step) && __builtin_fabs(result) <= 0x1p900;
    return usable ? result : two_step;
}

}  // namespace zhibiao::detail
