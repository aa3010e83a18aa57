#pragma once
// Text helpers shared by the parsers in src/: trimming, full-width normalisation, UTF-8 checks.
// Private to the compiled library.
#include <cstdint>
#include <string>
#include <string_view>

namespace zhibiao::detail {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

/// Trims ASCII white space and U+3000 (ideographic space) at both ends.
inline std::string_view trim(std::string_view s) {
    constexpr std::string_view ideographic_space = "\xE3\x80\x80";
    for (bool changed = true; changed;) {
        changed = false;
        while (!s.empty() && is_space(s.front())) s.remove_prefix(1), changed = true;
        while (!s.empty() && is_space(s.back())) s.remove_suffix(1), changed = true;
        if (s.substr(0, 3) == ideographic_space) s.remove_prefix(3), changed = true;
        if (s.size() >= 3 && s.substr(s.size() - 3) == ideographic_space) s.remove_suffix(3), changed = true;
    }
    return s;
}

/// True when every byte is < 0x80.
inline bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

/// Maps full-width ASCII forms (U+FF01–U+FF5E: ０–９ ． ， ％ ＋ － …) to ASCII, U+3000 to a
/// space and U+2212 MINUS SIGN to '-'. The NFKC mapping for exactly these characters; other
/// text is copied unchanged.
inline std::string normalize_fullwidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
        if (i + 2 < s.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD)) {
            unsigned cp = 0xF000u | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
                i += 3;
                continue;
            }
        }
        if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
            out.push_back(' ');
            i += 3;
            continue;
        }
        if (i + 2 < s.size() && b(0) == 0xE2 && b(1) == 0x88 && b(2) == 0x92) {
            out.push_back('-');
            i += 3;
            continue;
        }
        out.push_back(s[i]);
        ++i;
    }
    return out;
}

/// Length of the valid UTF-8 prefix of `s` (== s.size() when all of it is valid).
inline std::size_t valid_utf8_prefix(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        // Skip ASCII eight bytes at a time: the common case for numeric CSV.
        while (i + 8 <= n) {
            std::uint64_t w;
            __builtin_memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned c = p[i];
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (!len || i + len > n) return i;
        if (len == 2 && c < 0xC2) return i;  // overlong
        for (std::size_t k = 1; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        if (len == 3) {
            unsigned cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        }
        if (len == 4) {
            unsigned cp = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
            if (cp < 0x10000 || cp > 0x10FFFF) return i;
        }
        i += len;
    }
    return n;
}

}  // namespace zhibiao::detail

#include "zhibiao/error.hpp"

namespace zhibiao::detail {

/// Checks TOML text before toml++ sees it. toml++ 3.3 (Debian 12) reaches an "unreachable"
/// branch — undefined behaviour — on malformed UTF-8 and on a non-ASCII character after a
/// line-ending backslash (upstream issues #190 and #295, fixed after 3.3): both are refused
/// here with a parse_error instead.
inline void check_toml_text(std::string_view text, const std::string& source) {
    auto line_at = [&](std::size_t pos) {
        std::size_t line = 1;
        for (std::size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
        return line;
    };
    const std::size_t valid = valid_utf8_prefix(text);
    if (valid != text.size()) {
        location w;
        w.file = source;
        w.line = line_at(valid);
        throw parse_error("invalid UTF-8 byte sequence", w);
    }
    for (std::size_t i = text.find('\\'); i != std::string_view::npos; i = text.find('\\', i + 1)) {
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j >= text.size() || (text[j] != '\n' && text[j] != '\r')) continue;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) ++j;
        if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) {
            location w;
            w.file = source;
            w.line = line_at(j);
            throw parse_error("a non-ASCII character right after a line-ending backslash (not supported by this TOML reader)", w);
        }
    }
}

}  // namespace zhibiao::detail
