#pragma once
// "1 row", "3 rows": a count and the English word agreeing with it, for messages (the Python
// side: zhibiao._lang.counted). An implementation detail, not part of the API.
#include <string>
#include <string_view>

namespace zhibiao::detail {

/// `count` and `singular`, or `plural` (default: `singular` + "s") unless `count` is 1.
template <class Count>
std::string counted(Count count, std::string_view singular, std::string_view plural = {}) {
    std::string out = std::to_string(count) + " ";
    if (count == 1) return out.append(singular);
    return plural.empty() ? out.append(singular).append("s") : out.append(plural);
}

}  // namespace zhibiao::detail
