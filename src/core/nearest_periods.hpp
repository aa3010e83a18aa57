// "Did you mean" for a period: the periods there are nearest the one asked for in time, not in
// spelling (by spelling 2205 was 2015). explain() and build()/uncertainty() share it.
#pragma once

#include <string>
#include <vector>

#include "zhibiao/period.hpp"

namespace zhibiao::detail {

/// " (did you mean 'A'?)" (or 'A' or 'B' when two are as near) with the periods of `seen` nearest
/// `at` in time, those of its kind first; empty when `seen` is empty.
std::string nearest_periods(const period& at, const std::vector<period>& seen);

}  // namespace zhibiao::detail
