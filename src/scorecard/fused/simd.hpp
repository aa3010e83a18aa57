#pragma once
// The operations of the vector machine (src/program.cpp) on GCC/Clang vector types, lane by lane
// the same IEEE arithmetic in the same order, so a generated kernel is bit-identical to the
// interpreter. Included by exactly one translation unit per instruction set, after it defines
// ZHIBIAO_FUSED_WIDTH; everything here has internal linkage, so the copies compiled for
// different instruction sets never meet at link time (hence builtins, not std::numeric_limits).

#include <cstddef>
#include <cstdint>
#include <cstring>

// Every helper inlined into the kernel: a call passes 512-bit vectors through memory.
#define ZHIBIAO_FUSED_INLINE inline __attribute__((always_inline))

namespace {

constexpr std::size_t W = ZHIBIAO_FUSED_WIDTH;
typedef double V __attribute__((vector_size(W * sizeof(double))));
typedef std::int64_t M __attribute__((vector_size(W * sizeof(double))));  // lanes -1 (true) or 0
typedef std::uint64_t U __attribute__((vector_size(W * sizeof(double))));
typedef std::int8_t B __attribute__((vector_size(W)));
typedef float F __attribute__((vector_size(W * sizeof(float))));

ZHIBIAO_FUSED_INLINE V splat(double x) {
    V v;
    for (std::size_t k = 0; k < W; ++k) v[k] = x;  // not V{} + x, which turns -0.0 into 0.0
    return v;
}
ZHIBIAO_FUSED_INLINE M splat_m(std::int64_t x) {
    M v;
    for (std::size_t k = 0; k < W; ++k) v[k] = x;
    return v;
}
ZHIBIAO_FUSED_INLINE V load(const double* p) {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
ZHIBIAO_FUSED_INLINE void store(double* p, V v) { std::memcpy(p, &v, sizeof v); }
/// Stores points as floats (exact: kernels exist only for packs whose points are).
ZHIBIAO_FUSED_INLINE void store(float* p, V v) {
    const F f = __builtin_convertvector(v, F);
    std::memcpy(p, &f, sizeof f);
}
ZHIBIAO_FUSED_INLINE void store(std::uint64_t* p, U v) { std::memcpy(p, &v, sizeof v); }
/// Stores small integer lanes (0/1, an alternative's index, a route) as bytes.
template <class Byte>
ZHIBIAO_FUSED_INLINE void store_bytes(Byte* p, M v) {
    const B b = __builtin_convertvector(v, B);
    std::memcpy(p, &b, sizeof b);
}

ZHIBIAO_FUSED_INLINE V sel(M m, V a, V b) { return m ? a : b; }
ZHIBIAO_FUSED_INLINE M sel(M m, M a, M b) { return m ? a : b; }
ZHIBIAO_FUSED_INLINE V as01(M m) { return m ? splat(1.0) : splat(0.0); }
ZHIBIAO_FUSED_INLINE M isnan(V x) { return x != x; }
/// Neither ±inf nor NaN (x - x is 0 only for a finite x).
ZHIBIAO_FUSED_INLINE M finite(V x) { return (x - x) == splat(0.0); }
// Vector casts between types of one size reinterpret the bits (GCC and Clang vector extensions).
/// `problems` with `bit` set where `ok` does not hold: a select, no `~` (GCC 12 moves an AVX-512
/// mask through a general register to negate it).
ZHIBIAO_FUSED_INLINE U unless(U problems, M ok, std::uint64_t bit) { return ok ? problems : (problems | bit); }

/// Every lane of m holds. Per instruction set, as the lanes' sign bits: a loop over the lanes
/// moved them into general registers one by one (~20 instructions for 8 lanes).
ZHIBIAO_FUSED_INLINE bool all_lanes(M m) {
#if ZHIBIAO_FUSED_WIDTH == 8 && defined(__AVX512DQ__)
    typedef long long L __attribute__((vector_size(64)));
    return __builtin_ia32_cvtq2mask512((L)m) == 0xFF;
#elif ZHIBIAO_FUSED_WIDTH == 4 && defined(__AVX__)
    typedef double D __attribute__((vector_size(32)));
    return __builtin_ia32_movmskpd256((D)m) == 0xF;
#elif ZHIBIAO_FUSED_WIDTH == 2 && defined(__SSE2__)
    typedef double D __attribute__((vector_size(16)));
    return __builtin_ia32_movmskpd((D)m) == 0x3;
#else
    std::int64_t all = -1;
    for (std::size_t k = 0; k < W; ++k) all &= m[k];
    return all != 0;
#endif
}

constexpr double magic = 6755399441055744.0;  // 1.5 · 2^52: adding it rounds to an integer

/// detail::on_grid: x on the comparison grid as a whole multiple (|x|/grid beyond 2^51 as is).
ZHIBIAO_FUSED_INLINE V on_grid(V x, double inverse_grid) {
    const V q = x * splat(inverse_grid);
    const V rounded = (q + splat(magic)) - splat(magic);
    const M small = (q < splat(2251799813685248.0)) & (q > splat(-2251799813685248.0));
    return sel(small, rounded, q);
}
/// detail::whole.
ZHIBIAO_FUSED_INLINE M whole(V x) { return ((x + splat(magic)) - splat(magic)) == x; }

ZHIBIAO_FUSED_INLINE V vabs(V x) { return (V)((U)x & ~(std::uint64_t{1} << 63)); }

/// std::round (halves away from zero), exactly: the whole part of |x| (exact), one more when
/// the exact remainder is at least a half, the sign of x put back (so -0.4 gives -0.0).
ZHIBIAO_FUSED_INLINE V vround(V x) {
    const V a = vabs(x);
    const V two52 = splat(4503599627370496.0);
    V nearest = (a + two52) - two52;  // round-to-even of a, for a < 2^52
    const V floor_a = sel(nearest > a, nearest - splat(1.0), nearest);
    const V away = sel(a - floor_a >= splat(0.5), floor_a + splat(1.0), floor_a);
    const V r = sel(a < two52, away, a);  // beyond 2^52 (and inf, NaN) x is already whole
    return (V)(((U)r & ~(std::uint64_t{1} << 63)) | ((U)x & (std::uint64_t{1} << 63)));
}

// The opcodes whose lane function is more than one operator, as program::run computes them.
ZHIBIAO_FUSED_INLINE V div_op(V a, V b) { return sel(b == splat(0.0), splat(__builtin_nan("")), a / b); }
ZHIBIAO_FUSED_INLINE V missing_if(V a, V b, V r) { return sel(isnan(a) | isnan(b), splat(__builtin_nan("")), r); }
ZHIBIAO_FUSED_INLINE V lt_op(V a, V b, double g) { return missing_if(a, b, as01(on_grid(a, g) < on_grid(b, g))); }
ZHIBIAO_FUSED_INLINE V le_op(V a, V b, double g) { return missing_if(a, b, as01(on_grid(a, g) <= on_grid(b, g))); }
ZHIBIAO_FUSED_INLINE V gt_op(V a, V b, double g) { return missing_if(a, b, as01(on_grid(a, g) > on_grid(b, g))); }
ZHIBIAO_FUSED_INLINE V ge_op(V a, V b, double g) { return missing_if(a, b, as01(on_grid(a, g) >= on_grid(b, g))); }
ZHIBIAO_FUSED_INLINE V eq_op(V a, V b, double g) { return missing_if(a, b, as01(on_grid(a, g) == on_grid(b, g))); }
ZHIBIAO_FUSED_INLINE V ne_op(V a, V b, double g) { return missing_if(a, b, as01(on_grid(a, g) != on_grid(b, g))); }
ZHIBIAO_FUSED_INLINE V not_op(V a) { return sel(isnan(a), splat(__builtin_nan("")), as01(a == splat(0.0))); }
ZHIBIAO_FUSED_INLINE V missing_op(V a) { return as01(isnan(a)); }
ZHIBIAO_FUSED_INLINE V and_op(V a, V b) { return as01((a != splat(0.0)) & (b != splat(0.0)) & (a == a) & (b == b)); }
ZHIBIAO_FUSED_INLINE V or_op(V a, V b) { return as01(((a != splat(0.0)) & (a == a)) | ((b != splat(0.0)) & (b == b))); }
ZHIBIAO_FUSED_INLINE V select_op(V c, V a, V b) { return sel(isnan(c), c, sel(c != splat(0.0), a, b)); }
ZHIBIAO_FUSED_INLINE V min_op(V a, V b) {
    const V s = a + b;
    return sel(isnan(s), s, sel(a < b, a, b));
}
ZHIBIAO_FUSED_INLINE V max_op(V a, V b) {
    const V s = a + b;
    return sel(isnan(s), s, sel(a > b, a, b));
}
/// x != 0 and not NaN, as one comparison: (x != 0) & (x == x) made GCC move the two AVX-512
/// masks into vectors lane by lane (~180 of the HNTE kernel's 1,745 instructions).
ZHIBIAO_FUSED_INLINE M holds(V x) { return vabs(x) > splat(0.0); }
template <int Policy>
ZHIBIAO_FUSED_INLINE V choose(V lo, V hi) {
    if constexpr (Policy == 0)
        return lo;
    else if constexpr (Policy == 1)
        return hi;
    else
        return lo + vround(splat(0.5) * (hi - lo));  // detail::mid_points: whole points (§6a)
}

}  // namespace
