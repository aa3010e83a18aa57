#pragma once
#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
// Which way an indicator is better: the one direction type of the catalogue and the composite
// framework (whose nodes take higher_is_better or lower_is_better only).

namespace zhibiao {

enum class direction : int { lower_is_better = -1, benchmark = 0, higher_is_better = 1 };

/// +1 or −1 (0 for benchmark): the factor a normalisation multiplies by.
inline constexpr int sign_of(direction d) { return static_cast<int>(d); }

}  // namespace zhibiao
