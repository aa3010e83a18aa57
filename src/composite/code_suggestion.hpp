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

/// The only code that begins with `wanted`, compared as suggestions compare ("Soc" → 'Social',
/// which the edit distance would not find before 'CO2'); "" when none or several do, when
/// `wanted` has fewer than two characters, or when a code is `wanted` but for case (that one).
inline std::string only_code_begun(std::string_view wanted, const std::vector<std::string>& codes) {
    const std::string key = zhibiao::detail::suggestion_key(wanted);
    if (zhibiao::detail::code_points(key).size() < 2) return {};
    std::string found;
    for (const std::string& code : codes) {
        const std::string other = zhibiao::detail::suggestion_key(code);
        if (other == key) return {};
        if (other.size() <= key.size() || other.compare(0, key.size(), key) != 0 || found == code) continue;
        if (!found.empty()) return {};
        found = code;
    }
    return found;
}

/// The code suggested for `wanted` among `codes`, or "": the only one it begins, else the
/// library's closest name with ties to the longest shared start. Python's framework messages
/// call this through the binding, so both languages suggest alike.
inline std::string closest_code(std::string_view wanted, const std::vector<std::string>& codes) {
    if (std::string begun = only_code_begun(wanted, codes); !begun.empty()) return begun;
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
    return zhibiao::detail::closest_name(wanted, ranked, zhibiao::detail::as_written, zhibiao::detail::as_written);
}

/// " (did you mean 'x'?)" for `wanted` among `codes`, or "".
template <class Range, class Name>
std::string code_suggestion(std::string_view wanted, const Range& candidates, Name name_of) {
    std::vector<std::string> codes;
    for (const auto& c : candidates) codes.emplace_back(name_of(c));
    const std::string best = closest_code(wanted, codes);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

inline std::string code_suggestion(std::string_view wanted, const std::vector<std::string>& codes) {
    return code_suggestion(wanted, codes, zhibiao::detail::as_written);
}

}  // namespace zhibiao::composite::detail
