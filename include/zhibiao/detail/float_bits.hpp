#pragma once
// NaN and infinity tested on the bits of the double, not with x != x or std::isnan.
//
// zhibiao marks a missing value as NaN, and some of its inline functions test for it in the
// program's own translation units. A program compiled with -ffast-math (-ffinite-math-only)
// lets the compiler assume no NaN or infinity exists: x == x folds to true and std::isinf to
// false, so a missing value would be taken as present there — and, the functions being inline,
// the linker may even pick that copy for the library's own calls. Integer tests on the bits
// hold whatever the flags. An implementation detail, not part of the API.
#include <cstdint>
#include <cstring>

namespace zhibiao::detail {

inline constexpr std::uint64_t float_magnitude_mask = 0x7fff'ffff'ffff'ffffULL;
inline constexpr std::uint64_t float_infinity_bits = 0x7ff0'0000'0000'0000ULL;

inline std::uint64_t magnitude_bits(double x) noexcept {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return bits & float_magnitude_mask;
}

inline bool is_nan(double x) noexcept { return magnitude_bits(x) > float_infinity_bits; }
inline bool is_infinite(double x) noexcept { return magnitude_bits(x) == float_infinity_bits; }
inline bool is_finite(double x) noexcept { return magnitude_bits(x) < float_infinity_bits; }

// a == b where exact equality is meant (unit factors, a power of two's factor against 0): said
// once here, so that a program compiled with -Wfloat-equal -Werror compiles the headers.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wfloat-equal"
#endif
inline bool exactly_equal(double a, double b) noexcept { return a == b; }
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

}  // namespace zhibiao::detail
