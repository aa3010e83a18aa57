#pragma once
// The edit distance behind the "did you mean" of every vocabulary (catalogue names, composite
// options, columns), and the suggestion built on it. python/zhibiao/_suggest.py holds the same
// rule, so a wrong name gets the same suggestion from Python as from C++. An implementation
// detail, not part of the API.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zhibiao::detail {

/// The characters (Unicode code points) of UTF-8 text, as Python counts them; a byte that starts
/// no valid sequence is a character of its own.
inline std::u32string code_points(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80         ? 1
                                   : (lead >> 5) == 6  ? 2
                                   : (lead >> 4) == 14 ? 3
                                   : (lead >> 3) == 30 ? 4
                                                       : 0;
        char32_t c = length == 1 ? lead : length == 2 ? lead & 0x1Fu : length == 3 ? lead & 0x0Fu : lead & 0x07u;
        bool valid = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next >> 6) == 2;
            c = (c << 6) | (next & 0x3Fu);
        }
        out.push_back(valid ? c : lead);
        i += valid ? length : 1;
    }
    return out;
}

/// Optimal string alignment distance between the characters of `a` and `b`: insertions,
/// deletions, substitutions and swaps of two neighbours ("totla" → "total", "gpd" → "gdp") each
/// count 1, no character being edited twice.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::u32string x = code_points(a), y = code_points(b);
    const std::size_t width = y.size() + 1;
    // Three rows: the one two characters of `x` back is where a swap is counted from.
    std::vector<std::size_t> before(width), previous(width), row(width);
    for (std::size_t j = 0; j < width; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j < width; ++j) {
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[y.size()];
}

/// `text` with ASCII capitals in lower case ("HIGH" → "high"); other characters as they are.
inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// `text` as suggestions compare it: full-width ASCII forms (U+FF01–U+FF5E, typed with a Chinese
/// input method left in full-width mode: "ｍｅａｎ", "ＧＤＰ") as their ASCII letters, then ASCII
/// capitals in lower case. One character stays one character, so lengths in characters agree.
inline std::string suggestion_key(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 == 0xEF && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
            const unsigned cp = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if ((b1 == 0xBC || b1 == 0xBD) && (b2 >> 6) == 2 && cp >= 0xFF01 && cp <= 0xFF5E) {
                const char c = static_cast<char>(cp - 0xFF01 + 0x21);
                out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
                i += 2;
                continue;
            }
        }
        const char c = text[i];
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

/// The candidate a wrong name most likely means: the closest by edit distance, capitals counting
/// as small letters ("HIGH" → "high") and full-width letters as ASCII ("ｍｅａｎ" → "mean"), within a third of the
/// name's length in characters (+1), the distance as written deciding a tie; else, for a name of two or more
/// characters, the only candidate that starts with it ("abs" → "absolute"), else the only one that contains it
/// ("olute" → "absolute"); "" when none fits or several do. `fold` maps names before they are
/// compared.
template <class Range, class Name, class Fold>
std::string closest_name(std::string_view wanted, const Range& candidates, Name name_of, Fold fold) {
    const std::string written(fold(wanted));
    const std::string key = suggestion_key(written);
    const std::size_t characters = code_points(key).size();
    std::string best, prefixed, containing;
    std::pair<std::size_t, std::size_t> best_distance{characters / 3 + 2, 0};
    std::size_t prefixes = 0, containers = 0;
    for (const auto& c : candidates) {
        const std::string_view name = name_of(c);
        const std::string other_written(fold(name));
        const std::string other = suggestion_key(other_written);
        const std::pair<std::size_t, std::size_t> d{edit_distance(key, other), edit_distance(written, other_written)};
        if (d < best_distance) {
            best_distance = d;
            best = std::string(name);
        }
        if (characters < 2 || other.size() <= key.size()) continue;
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
