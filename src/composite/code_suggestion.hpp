#pragma once
// "did you mean" among a framework's codes (or a table's columns): the library's rule
// (zhibiao/detail/edit_distance.hpp), with candidates equally close decided by the longest start
// they share with the wanted name, not by their order in the framework: "Sustain" → 'Sust', not
// 'SusEcFin' of another group; "Conect" → 'Conn', not 'Forest' (COINr's ASEM codes).
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao::composite::detail {

/// How many characters `a` and `b` share at their start, compared as suggestions compare them.
inline std::size_t shared_start(std::string_view a, std::string_view b) {
    const std::u32string x = zhibiao::detail::code_points(zhibiao::detail::suggestion_key(a));
    const std::u32string y = zhibiao::detail::code_points(zhibiao::detail::suggestion_key(b));
    std::size_t n = 0;
    while (n < x.size() && n < y.size() && x[n] == y[n]) ++n;
    return n;
}

/// " (did you mean 'x'?)" for `wanted` among `codes`, or "".
template <class Range, class Name>
std::string code_suggestion(std::string_view wanted, const Range& candidates, Name name_of) {
    std::vector<std::string> codes;
    for (const auto& c : candidates) codes.emplace_back(name_of(c));
    std::vector<std::size_t> shared(codes.size());
    for (std::size_t k = 0; k < codes.size(); ++k) shared[k] = shared_start(wanted, codes[k]);
    std::vector<std::size_t> order(codes.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    // closest_name keeps the first of equally close candidates: the longest shared start first.
    std::stable_sort(order.begin(), order.end(),
                     [&shared](std::size_t a, std::size_t b) { return shared[a] > shared[b]; });
    std::vector<std::string> ranked;
    ranked.reserve(codes.size());
    for (std::size_t k : order) ranked.push_back(codes[k]);
    return zhibiao::detail::suggestion(wanted, ranked, zhibiao::detail::as_written);
}

inline std::string code_suggestion(std::string_view wanted, const std::vector<std::string>& codes) {
    return code_suggestion(wanted, codes, zhibiao::detail::as_written);
}

}  // namespace zhibiao::composite::detail
