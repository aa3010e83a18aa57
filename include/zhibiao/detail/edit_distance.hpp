#pragma once
// Levenshtein distance on bytes, for the "did you mean" of every vocabulary (catalogue names,
// composite options), and the suggestion built on it. An implementation detail, not part of the API.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zhibiao::detail {

inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// " (did you mean 'x'?)" for the closest candidate within a third of the name's length, else "".
template <class Range, class Name>
std::string suggestion(std::string_view wanted, const Range& candidates, Name name_of) {
    std::string best;
    std::size_t best_distance = wanted.size() / 3 + 2;
    for (const auto& c : candidates) {
        std::string_view n = name_of(c);
        std::size_t d = edit_distance(wanted, n);
        if (d < best_distance) best_distance = d, best = std::string(n);
    }
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

}  // namespace zhibiao::detail
