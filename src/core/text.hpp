#pragma once
// Text helpers shared by the parsers in src/: trimming, full-width normalisation, UTF-8 checks.
// Private to the compiled library.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

namespace zhibiao::detail {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

/// Trims ASCII white space, U+3000 (ideographic space) and U+00A0 (no-break space, which Excel and
/// web pages leave after a heading or a code) at both ends, as Python's str.strip does.
inline std::string_view trim(std::string_view s) {
    constexpr std::string_view ideographic_space = "\xE3\x80\x80", no_break_space = "\xC2\xA0";
    for (bool changed = true; changed;) {
        changed = false;
        while (!s.empty() && is_space(s.front())) s.remove_prefix(1), changed = true;
        while (!s.empty() && is_space(s.back())) s.remove_suffix(1), changed = true;
        for (const std::string_view space : {ideographic_space, no_break_space}) {
            if (s.substr(0, space.size()) == space) s.remove_prefix(space.size()), changed = true;
            if (s.size() >= space.size() && s.substr(s.size() - space.size()) == space)
                s.remove_suffix(space.size()), changed = true;
        }
    }
    return s;
}

/// True when every byte is < 0x80.
inline bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

/// The first full-width form of an ASCII character (U+FF01–U+FF5E: ３, Ａ, －) in `s`, as its
/// three bytes; empty when there is none.
inline std::string_view first_fullwidth_ascii(std::string_view s) {
    for (std::size_t i = s.find('\xEF'); i != std::string_view::npos && i + 2 < s.size(); i = s.find('\xEF', i + 1)) {
        const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
        const unsigned cp = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        if ((b1 == 0xBC || b1 == 0xBD) && cp >= 0xFF01 && cp <= 0xFF5E) return s.substr(i, 3);
    }
    return {};
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

/// A totals row's code or name (zhibiao::looks_like_totals_row, validate.hpp, says which): 合计, 总计,
/// 小计, 共计 in it; 全市, 全省, 全县, 全区, 全国, 总体, total, sum as the whole text, blanks aside.
inline bool looks_like_total(std::string_view text) {
    std::string squeezed;
    for (char c : text)
        if (!is_space(c)) squeezed += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::string_view word : {"合计", "总计", "小计", "共计"})
        if (squeezed.find(word) != std::string::npos) return true;
    for (std::string_view word : {"全市", "全省", "全县", "全区", "全国", "总体", "total", "sum"})
        if (squeezed == word) return true;
    return false;
}

/// `full` is `name` plus an administrative suffix (西湖区 of 西湖, 南昌县 of 南昌): one region, as a
/// sheet writes it on one year's rows and drops the suffix on another's.
inline bool admin_suffix_of(std::string_view name, std::string_view full) {
    if (name.empty() || full.size() <= name.size() || full.substr(0, name.size()) != name) return false;
    const std::string_view suffix = full.substr(name.size());
    return suffix == "市" || suffix == "县" || suffix == "区" || suffix == "旗";
}

/// Two names given to one code that cannot be one region's: both given, and neither the other or
/// the other plus an administrative suffix (南昌县 and 南昌市, 东湖区 and 西湖区). A blank states
/// nothing. Where they can be, the region's name is the longer one (its full name).
inline bool two_places(std::string_view a, std::string_view b) {
    return !a.empty() && !b.empty() && a != b && !admin_suffix_of(a, b) && !admin_suffix_of(b, a);
}

/// A character that prints as nothing, or as nothing a reader sees in a figure or a code: a control
/// other than tab, line feed and carriage return (NUL, VT, FF, DEL, C1), the soft hyphen, the zero-width
/// and direction marks (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+180E) and
/// U+FEFF (a byte order mark inside a text: two files joined). Word and PDF copies leave them; one
/// inside a figure or a code is damage, never a separator. The one table the reader and read_csv share.
inline bool invisible_character(char32_t c) {
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
    if (c < 0x7F) return false;
    if (c < 0xA0) return true;  // DEL and the C1 controls
    if (c < 0x2000) return c == 0xAD || c == 0x180E;
    if (c <= 0x2069)
        return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c != 0x2065);
    return c == 0xFEFF;
}

/// The name of an invisible_character for a message: "U+200B ZERO WIDTH SPACE".
inline std::string invisible_character_name(char32_t c) {
    const char* name = c == 0                       ? "NUL"
                       : c == 0x0B                  ? "LINE TABULATION"
                       : c == 0x0C                  ? "FORM FEED"
                       : c == 0x7F                  ? "DELETE"
                       : c == 0xAD                  ? "SOFT HYPHEN"
                       : c == 0x180E                ? "MONGOLIAN VOWEL SEPARATOR"
                       : c == 0x200B                ? "ZERO WIDTH SPACE"
                       : c == 0x200C                ? "ZERO WIDTH NON-JOINER"
                       : c == 0x200D                ? "ZERO WIDTH JOINER"
                       : c == 0x200E                ? "LEFT-TO-RIGHT MARK"
                       : c == 0x200F                ? "RIGHT-TO-LEFT MARK"
                       : c == 0x2060                ? "WORD JOINER"
                       : c == 0xFEFF                ? "ZERO WIDTH NO-BREAK SPACE (a byte order mark)"
                       : c >= 0x202A && c <= 0x2069 ? "a direction or invisible format mark"
                                                    : "a control character";
    constexpr char hex[] = "0123456789ABCDEF";
    std::string s = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) s += hex[(c >> shift) & 0xF];
    return s + " " + name;
}

/// The first invisible_character in UTF-8 text `s` and its byte offset (npos when there is none).
/// Only the bytes that can open one are decoded: ASCII controls, C2 (U+0080–U+00BF), E1 (U+180E),
/// E2 (U+2000–U+2FFF) and EF (U+FEFF).
inline std::size_t first_invisible_character(std::string_view s, char32_t& found) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        char32_t c = 0xFFFF;
        if (b < 0x80)
            c = b;
        else if (b == 0xC2 && i + 1 < s.size())
            c = static_cast<char32_t>(static_cast<unsigned char>(s[i + 1]) & 0x3F) | 0x80;
        else if ((b == 0xE1 || b == 0xE2 || b == 0xEF) && i + 2 < s.size())
            c = static_cast<char32_t>(((b & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                                      (static_cast<unsigned char>(s[i + 2]) & 0x3F));
        if (invisible_character(c)) {
            found = c;
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace zhibiao::detail

#include <algorithm>
#include <vector>

#include "zhibiao/error.hpp"

namespace zhibiao::detail {

/// Code points on which toml++ 3.3's is_non_ascii_horizontal_whitespace() reaches its
/// "unreachable" default (undefined behaviour; upstream issues #190 and #295, fixed after 3.3):
/// the same arithmetic as that generated function, listing the sub-ranges it has no case for.
inline bool toml_unsafe_code_point(char32_t c) {
    if (c <= 0xA0 || c >= 0xFEFF || c == 0x3000) return false;
    const unsigned long long child = (static_cast<unsigned long long>(c) - 0xA0ull) / 0x3FAull;
    if ((1ull << child) & 0x7FFFFFFFFFFFF75Eull) return false;
    return child != 0x05 && child != 0x07;
}

/// TOML text made safe for toml++ 3.3: malformed UTF-8 and a non-ASCII character after a
/// line-ending backslash are refused (parse_error); code points that would reach the unsafe
/// branch are swapped for private-use code points while toml++ parses, and `restore` swaps them
/// back in the strings read from the result.
class toml_text {
public:
    toml_text(std::string_view text, const std::string& source) {
        auto line_at = [&](std::size_t pos) {
            std::size_t line = 1;
            for (std::size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
            return line;
        };
        auto fail = [&](std::size_t pos, const std::string& what) {
            location w;
            w.file = source;
            w.line = line_at(pos);
            throw parse_error(what, w);
        };
        const std::size_t valid = valid_utf8_prefix(text);
        if (valid != text.size()) fail(valid, "invalid UTF-8 byte sequence");
        // TOML 1.0 allows non-ASCII text only in strings and comments; toml++ 3.3 reaches undefined
        // behaviour on some of it elsewhere (a key position), so it is refused here.
        // It also asserts (UB without assertions) on a table header that does not start with a key
        // ("[)"): a header's first character is checked here. `depth` tells a header from an
        // array that continues on a new line.
        int depth = 0;
        bool line_start = true;
        for (std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; i < text.size();) {  // past a BOM
            const char c = text[i];
            if (static_cast<unsigned char>(c) >= 0x80) fail(i, "a non-ASCII character outside a string or a comment");
            if (c == '\n')
                line_start = true;
            else if (c != ' ' && c != '\t' && c != '\r') {
                if (c == '[' && line_start && depth == 0) {
                    std::size_t j = i + 1;
                    if (j < text.size() && text[j] == '[') ++j;
                    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
                    const char k = j < text.size() ? text[j] : '\n';
                    if (!(std::isalnum(static_cast<unsigned char>(k)) || k == '_' || k == '-' || k == '"' || k == '\''))
                        fail(j, "a table header must start with a key");
                }
                line_start = false;
                if (c == '[') ++depth;
                if (c == ']' && depth > 0) --depth;
            }
            if (c == '#') {
                while (i < text.size() && text[i] != '\n') ++i;
            } else if (c == '"' || c == '\'') {
                const bool multi = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
                const std::string_view close = multi ? text.substr(i, 3) : text.substr(i, 1);
                i += close.size();
                while (i < text.size()) {
                    if (c == '"' && text[i] == '\\') {
                        i += 2;
                        continue;
                    }
                    if (!multi && text[i] == '\n') break;  // an unterminated string: toml++ reports it
                    if (text.substr(i, close.size()) == close) {
                        i += close.size();
                        break;
                    }
                    ++i;
                }
            } else {
                ++i;
            }
        }
        for (std::size_t i = text.find('\\'); i != std::string_view::npos; i = text.find('\\', i + 1)) {
            std::size_t j = i + 1;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
            if (j >= text.size() || (text[j] != '\n' && text[j] != '\r')) continue;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) ++j;
            if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80)
                fail(j,
                     "a non-ASCII character right after a line-ending backslash (not supported by this TOML reader)");
        }
        safe_.reserve(text.size());
        for (std::size_t i = 0; i < text.size();) {
            const auto b = static_cast<unsigned char>(text[i]);
            const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            char32_t c = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
            for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
            if (c >= 0xE000 && c <= 0xF8FF) fail(i, "private-use characters (U+E000–U+F8FF) are not supported here");
            if (toml_unsafe_code_point(c)) {
                auto it = std::find(swapped_.begin(), swapped_.end(), c);
                std::size_t k = static_cast<std::size_t>(it - swapped_.begin());
                if (it == swapped_.end()) swapped_.push_back(c);
                append_utf8(safe_, static_cast<char32_t>(0xE000 + k));
            } else {
                safe_.append(text.substr(i, len));
            }
            i += len;
        }
    }
    /// The text to give toml++.
    std::string_view text() const { return safe_; }
    /// A string read from the parsed result, with the swapped code points put back.
    std::string restore(std::string s) const {
        if (swapped_.empty()) return s;
        std::string out;
        for (std::size_t i = 0; i < s.size();) {
            const auto b = static_cast<unsigned char>(s[i]);
            if (b == 0xEE || b == 0xEF) {  // U+E000–U+FFFF start with EE/EF
                char32_t c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                             (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
                if (c >= 0xE000 && c < 0xE000 + swapped_.size()) {
                    append_utf8(out, swapped_[c - 0xE000]);
                    i += 3;
                    continue;
                }
            }
            out.push_back(s[i]);
            ++i;
        }
        return out;
    }

private:
    static void append_utf8(std::string& out, char32_t c) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    std::string safe_;
    std::vector<char32_t> swapped_;
};

/// The toml_text being read on this thread, so that the loaders' string readers can restore
/// what it swapped without threading it through every helper.
inline const toml_text*& active_toml_text() {
    thread_local const toml_text* active = nullptr;
    return active;
}

class toml_text_scope {
public:
    explicit toml_text_scope(const toml_text& t) : previous_(active_toml_text()) { active_toml_text() = &t; }
    ~toml_text_scope() { active_toml_text() = previous_; }
    toml_text_scope(const toml_text_scope&) = delete;
    toml_text_scope& operator=(const toml_text_scope&) = delete;

private:
    const toml_text* previous_;
};

/// A string read from TOML, with swapped code points restored.
inline std::string restored(std::string s) {
    const toml_text* t = active_toml_text();
    return t ? t->restore(std::move(s)) : s;
}

}  // namespace zhibiao::detail

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "zhibiao/detail/counted.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao::detail {

/// At most `max_bytes` of `text`, cut at a character boundary, with "…" and the full length when
/// cut: '12345678901234567890…' (200000000 bytes). Input text quoted in an error message or a load
/// report goes through here, so that neither grows with the input.
inline std::string shortened(std::string_view text, std::size_t max_bytes = 40) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    return std::string(text.substr(0, cut)) + "…(" + std::to_string(text.size()) + " bytes)";
}

/// `text` with each ASCII control character written as an escape (\0, \t, \n, \r, \x1b…): a NUL
/// copied into a message cut what() (a C string) there, and a raw newline or escape sequence
/// hides where the quoted text ends.
inline std::string escaped_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x20 && b != 0x7F) {
            out += c;
            continue;
        }
        switch (b) {
            case 0:
                out += "\\0";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[b >> 4];
                out += hex[b & 0xF];
            }
        }
    }
    return out;
}

/// shortened(text) between single quotes, its control characters escaped: how error messages
/// quote input (every message quoting a cell, a heading or a name goes through here).
/// Appends only: `"'" + std::string` here made g++ 12 -O2 -std=c++20 -Wall warn -Wrestrict (its false
/// positive PR105329) in every file quoting input, an error for a project adding zhibiao with
/// add_subdirectory and -Werror.
inline std::string quoted(std::string_view text, std::size_t max_bytes = 40) {
    std::string out(1, '\'');
    out += escaped_controls(shortened(text, max_bytes));
    out += '\'';
    return out;
}

/// The largest definition file (catalogue, rules, scorecard pack, composite model, lexicon) that
/// read_text_file accepts: 64 MiB, far above any real one, so that a wrong path (a device, a
/// data dump) fails at once with limit_error instead of exhausting memory.
inline constexpr std::size_t max_definition_file_bytes = std::size_t{64} << 20;

#if defined(__unix__) || defined(__APPLE__)
/// The bytes of an open file read until end of file, at most max_bytes (limit_error beyond).
inline std::string read_to_end(int fd, std::size_t max_bytes, const char* limit_name, const location& where) {
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw file_error(std::string("cannot read file: ") + std::strerror(errno), where);
        if (n == 0) return bytes;
        bytes.append(buffer, static_cast<std::size_t>(n));
        if (bytes.size() > max_bytes)
            throw limit_error(
                "the file is larger than the limit of " + std::to_string(max_bytes) + " bytes (" + limit_name + ")",
                where);
    }
}

/// A pipe's bytes up to its end (EOF), the descriptor left not blocking. Waits for data in slices
/// of 100 ms, polling for Ctrl-C between them (poll_interrupt): a FIFO nobody writes to, or a writer
/// that stalls, must not hold the caller forever. A FIFO whose writer has not opened it yet reads
/// as ended at once, so the wait is poll's, which returns only once a writer has come.
inline std::string read_stream(int fd, std::size_t max_bytes, const char* limit_name, const location& where) {
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        pollfd ready{fd, POLLIN, 0};
        const int events = ::poll(&ready, 1, 100);
        if (events < 0 && errno != EINTR)
            throw file_error(std::string("cannot read file: ") + std::strerror(errno), where);
        if (events <= 0) {
            poll_interrupt();
            continue;
        }
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) throw file_error(std::string("cannot read file: ") + std::strerror(errno), where);
        if (n == 0) return bytes;  // poll saw the writer close: the end
        bytes.append(buffer, static_cast<std::size_t>(n));
        if (bytes.size() > max_bytes)
            throw limit_error(
                "the file is larger than the limit of " + std::to_string(max_bytes) + " bytes (" + limit_name + ")",
                where);
    }
}

/// Reads the `size` bytes fstat gave into `dest`. A file that then ends early or has more is
/// being written by another program: its content is no one version of the file (parse_error).
inline void read_exactly(int fd, char* dest, std::size_t size, const location& where) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, dest + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw file_error(std::string("cannot read file: ") + std::strerror(errno), where);
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    char probe;
    ssize_t extra;
    do extra = ::read(fd, &probe, 1);
    while (extra < 0 && errno == EINTR);
    if (done != size || extra > 0)
        throw parse_error("the file changed size while it was read (" + counted(size, "byte") + " when opened" +
                              (extra > 0 ? ", more when read)" : ", " + std::to_string(done) + " read)") +
                              ": another program is writing it",
                          where);
}
#endif

#if defined(__unix__) || defined(__APPLE__)
/// A file opened for reading once, with what fstat said of it. Every check and every read of one
/// load goes through this one descriptor: opening a FIFO wakes a writer waiting for a reader, who
/// may write, close and be gone before a second open, which would then wait for a writer that
/// never comes (the hang of an empty FIFO under load, round 16). O_NONBLOCK: opening a FIFO
/// without a writer must not hang before fstat can classify it.
class opened_file {
public:
    explicit opened_file(const std::string& path) {
        where_.file = path;
        fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd_ < 0) refuse("cannot open file", errno);
        if (::fstat(fd_, &info_) != 0) {
            const int code = errno;
            ::close(fd_);
            refuse("cannot read file", code);
        }
    }
    opened_file(const opened_file&) = delete;
    opened_file& operator=(const opened_file&) = delete;
    ~opened_file() { ::close(fd_); }

    int fd() const { return fd_; }
    const struct stat& info() const { return info_; }
    const location& where() const { return where_; }
    bool nonempty_regular() const { return S_ISREG(info_.st_mode) && info_.st_size > 0; }

private:
    [[noreturn]] void refuse(const char* doing, int code) const {
        if (code == ENOENT || code == ENOTDIR) throw file_not_found_error("no such file", where_);
        throw file_error(std::string(doing) + ": " + std::strerror(code), where_);
    }

    int fd_ = -1;
    struct stat info_ {};
    location where_;
};

/// The bytes of an opened file, as read_file_bytes describes.
inline std::string read_opened_file(const opened_file& file, std::size_t max_bytes, const char* limit_name) {
    const struct stat& info = file.info();
    const location& where = file.where();
    if (S_ISDIR(info.st_mode)) throw file_error("is a directory, not a file", where);
    // A pipe (`<(cat f.csv)`, a FIFO) is a stream, read to its end as `-` is.
    if (S_ISFIFO(info.st_mode)) return read_stream(file.fd(), max_bytes, limit_name, where);
    // A device is refused, /dev/null too: /dev/zero or a terminal would never end.
    if (!S_ISREG(info.st_mode)) throw file_error("not a regular file (a device or a socket)", where);
    const auto size = static_cast<std::size_t>(info.st_size);
    // A regular file of size 0 may still have content (/proc, /sys): read it to its end instead.
    if (size == 0) return read_to_end(file.fd(), max_bytes, limit_name, where);
    if (size > max_bytes)
        throw limit_error("the file has " + std::to_string(size) + " bytes, more than the limit of " +
                              std::to_string(max_bytes) + " (" + limit_name + ")",
                          where);
    std::string bytes(size, '\0');
    read_exactly(file.fd(), bytes.data(), size, where);
    return bytes;
}
#endif

/// The bytes of a regular file, read (never memory-mapped: a file truncated by another process
/// while it is mapped kills the reader with SIGBUS). Throws file_not_found_error when the path
/// does not exist, file_error when it is not a regular file (a directory, /dev/zero) or cannot be
/// read, parse_error when it changes size while it is read (its content is then no one version
/// of the file), and limit_error when it is larger than `max_bytes`. A pipe or FIFO is read to its
/// end (read_stream).
inline std::string read_file_bytes(const std::string& path, std::size_t max_bytes, const char* limit_name) {
#if defined(__unix__) || defined(__APPLE__)
    return read_opened_file(opened_file(path), max_bytes, limit_name);
#else
    location where;
    where.file = path;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR) throw file_not_found_error("no such file", where);
        throw file_error(std::string("cannot open file: ") + std::strerror(errno), where);
    }
    std::string bytes;
    char buffer[1 << 16];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) {
        bytes.append(buffer, n);
        if (bytes.size() > max_bytes) {
            std::fclose(f);
            throw limit_error(
                "the file is larger than the limit of " + std::to_string(max_bytes) + " bytes (" + limit_name + ")",
                where);
        }
    }
    std::fclose(f);
    return bytes;
#endif
}

/// The whole of a definition file (catalogue, rules, scorecard pack, composite model, lexicon):
/// read_file_bytes with the limit max_definition_file_bytes.
inline std::string read_text_file(const std::string& path) {
    return read_file_bytes(path, max_definition_file_bytes, "definition files, 64 MiB");
}

}  // namespace zhibiao::detail
