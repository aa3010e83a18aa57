#pragma once
// A value rounded as statistical tables and Excel's ROUND print it (四舍五入): halves away from
// zero, the half decided on the decimal value meant (12 significant digits, where those reach
// below the decimals: 50.05 - 50 = 0.04999999999999449 is the 0.05 it stands for), so a value and
// its negative round to mirrored figures. The writer (src/io/write_csv.cpp) and the formula function
// printed_round (src/formula/evaluate.cpp) both call it; python/zhibiao/_tables.py round_half_away
// rounds alike. Private to src/.
#include <algorithm>
#include <cmath>

namespace zhibiao::detail {

inline double printed_round(double v, int decimals) {
    if (!std::isfinite(v) || decimals > 22) return v;
    if (v != 0) {
        const double magnitude = std::floor(std::log10(std::fabs(v)));
        if (magnitude - 11 <= -(decimals + 1)) {
            const double step = std::pow(10.0, 11 - magnitude);
            const double meant = std::nearbyint(v * step) / step;
            if (std::isfinite(meant)) v = meant;
        }
    }
    const double scale = std::pow(10.0, decimals);
    const double scaled = std::fabs(v * scale);
    if (!(scaled < 0x1p52)) return v;
    const double whole = std::floor(scaled);
    // A fraction within 8 ulps below a half is the half (a ratio of parsed decimals, ×100, carries
    // 1–2), never more than 2^-20 below it: a large value's whole part never moves.
    const bool up = scaled - whole >= 0.5 - std::min(scaled * 0x1p-49, 0x1p-20);
    return std::copysign(whole + (up ? 1.0 : 0.0), v) / scale + 0.0;
}

}  // namespace zhibiao::detail
