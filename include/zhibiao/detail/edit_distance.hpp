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

/// The candidate a wrong name most likely means: the closest by edit distance within a third of
/// the name's length (+1); else, for a name of two or more characters, the only candidate that
/// starts with it ("abs" → "absolute"), else the only one that contains it ("max" → "minmax");
/// "" when none fits or several do. `fold` maps names before they are compared.
template <class Range, class Name, class Fold>
std::string closest_name(std::string_view wanted, const Range& candidates, Name name_of, Fold fold) {
    const std::string key(fold(wanted));
    std::string best, prefixed, containing;
    std::size_t best_distance = key.size() / 3 + 2, prefixes = 0, containers = 0;
    for (const auto& c : candidates) {
        const std::string_view name = name_of(c);
        const std::string other(fold(name));
        const std::size_t d = edit_distance(key, other);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(name);
        }
        if (key.size() < 2 || other.size() <= key.size()) continue;
        if (other.compare(0, key.size(), key) == 0 && prefixed != name) {
            ++prefixes;
            prefixed = std::string(name);
        } else if (other.find(key) != std::string::npos && containing != name) {
            ++containers;
            containing = std::string(name);
        }
    }
    if (!best.empty()) return best;
    if (prefixes > 0) return prefixes == 1 ? prefixed : std::string();
    return containers == 1 ? containing : std::string();
}

/// Names compared as they are written.
inline std::string_view as_written(std::string_view name) { return name; }

/// " (did you mean 'x'?)" for the closest_name among the candidates, else "".
template <class Range, class Name>
std::string suggestion(std::string_view wanted, const Range& candidates, Name name_of) {
    const std::string best = closest_name(wanted, candidates, name_of, as_written);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

}  // namespace zhibiao::detail
