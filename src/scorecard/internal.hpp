#pragma once
// What the parts of the scorecard implementation (load, compile, evaluate, explain, gap) share.
// Private to src/.

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

#include "zhibiao/scorecard.hpp"

namespace zhibiao::detail {

inline constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

/// The "mid" policy's points in a band [lo, hi]: its middle in whole points, 四舍五入 — lo plus half
/// the width rounded half up (9–10 → 10, 19–24 → 22): each sub-item is scored in whole points
/// (工作指引, indicators.md §6a). The fused kernels' choose (fused/simd.hpp) computes the same.
inline double mid_points(double lo, double hi) { return lo + std::round(0.5 * (hi - lo)); }

/// Shapes `out` for `rows` firms of `s`, with point ranges when `ranges` (keeping its storage when it already fits).
void shape_result(const scorecard& s, std::size_t rows, bool ranges, scorecard_result& out);

/// Rows [begin, end) of `out` that were not scored — confirmed directly, or invalid input — get
/// no alternative (-1), and a direct one NaN points and totals.
void clear_unscored(scorecard_result& out, std::size_t begin, std::size_t end);

/// A number as explanations and messages print it: at most two decimals, no trailing zeros; "—" for NaN.
std::string format_number(double v);

}  // namespace zhibiao::detail
