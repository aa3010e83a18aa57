#pragma once
// Layer 1 of the report reader (extract.cpp): bytes → code points. Takes a chunk of UTF-8 text and
// gives code_points, an array of code points with their byte offsets and a class byte each (which
// walks stop there), plus chunk_end (where a chunk may end) and char_set. The later layers walk
// this array and reach the bytes only through its offsets, so the decoding and its fast paths
// live here alone.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"

namespace zhibiao {
namespace {

// 8 bytes a code point (offsets as 32 bits: a report is at most 4 GiB); where it ends is where
// the next one begins. The array is as long as the text: its size is what reading it costs.
struct code_point {
    char32_t c;
    std::uint32_t begin;
};

// The code points of a text or of a chunk of it, with one more entry after the last that begins
// where the chunk ends. Byte offsets (code_point::begin) are offsets in the whole text; index k
// is code point base() + k of the whole text.
class code_points {
public:
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::size_t base() const { return base_; }
    const code_point& operator[](std::size_t k) const { return points_[k]; }
    std::uint32_t end_of(std::size_t k) const { return points_[k + 1].begin; }  // the byte after code point k
    std::uint32_t byte_at(std::size_t k) const { return points_[k].begin; }     // k == size(): where it ends
    const code_point* begin() const { return points_.get(); }
    const code_point* end() const { return points_.get() + size_; }
    // Room for the code points of `bytes` bytes (at most one a byte, and the entry after the last),
    // starting at code point `base` of the text; the storage is kept for the next chunk.
    code_point* reset(std::size_t bytes, std::size_t base) {
        if (capacity_ < bytes + 1) {
            points_.reset(new code_point[bytes + 1]), capacity_ = bytes + 1;
            classes_.reset(new std::uint8_t[bytes + 1 + 8]);  // 8 more: read a word at a time
        }
        base_ = base, size_ = 0;
        return points_.get();
    }
    std::uint8_t* classes() { return classes_.get(); }
    void resize(std::size_t size) { size_ = size; }
    // The class of code point k (char_class bits; 0 past the Basic Multilingual Plane).
    std::uint8_t class_of(std::size_t k) const { return classes_[k]; }
    // The class bytes, size() of them and 8 zeros after (decode_into): read 8 at a time.
    const std::uint8_t* class_bytes() const { return classes_.get(); }
    // The first code point in [k, to) whose class has one of `bits`, `to` if none (k if k >= to; to <= size()):
    // 8 classes a step, so that the walks that stop at a few characters do not test every code
    // point. The 8 classes from size() on are 0 (decode_into), so a step may read past `to`.
    std::size_t next_with(std::size_t k, std::size_t to, std::uint8_t bits) const {
        if (k >= to) return k;
        const std::uint8_t* const cls = classes_.get();
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        const std::uint64_t mask = std::uint64_t{bits} * 0x0101010101010101ULL;
        for (; k < to; k += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, cls + k, 8);
            if (const std::uint64_t hit = w & mask)
                return std::min(to, k + static_cast<std::size_t>(__builtin_ctzll(hit)) / 8);
        }
        return to;
#else
        while (k < to && !(cls[k] & bits)) ++k;
        return k;
#endif
    }
    // The last code point in [from, to) whose class has one of `bits`, `to` if none: 8 classes a step
    // back from `to` (a walk forward from `from` stopped at each such code point on the way).
    std::size_t last_with(std::size_t from, std::size_t to, std::uint8_t bits) const {
        const std::uint8_t* const cls = classes_.get();
        std::size_t end = to;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        const std::uint64_t mask = std::uint64_t{bits} * 0x0101010101010101ULL;
        for (; end >= from + 8; end -= 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, cls + end - 8, 8);
            if (const std::uint64_t hit = w & mask)
                return end - 8 + static_cast<std::size_t>(63 - __builtin_clzll(hit)) / 8;
        }
#endif
        while (end > from)
            if (cls[--end] & bits) return end;
        return to;
    }

private:
    std::unique_ptr<code_point[]> points_;
    std::unique_ptr<std::uint8_t[]> classes_;
    std::size_t size_ = 0, capacity_ = 0, base_ = 0;
};

// What the walks over a chunk stop at, one bit each, looked up once a code point while decoding
// (char_classes()): scan's starts of interest, the clause marks, target_before()'s stops.
enum char_class : std::uint8_t {
    cc_interest = 1,
    cc_clause_end = 2,
    cc_target_stop = 4,
    cc_distinction = 8,  // where a word of stated_distinctions() may start
    cc_line_stop = 16,   // what line_tokens() stops at: a blank, a cell rule, a clause or list mark
    cc_word_first = 32,  // the first character of a word the chunk's matcher looks for (its own table)
    cc_word_open = 64,   // a first character whose words the matcher tries at every position (a one-character word…)
    cc_denial = 128,     // where a word of denies_or_narrows() may start (未, 平均, 失效…)
};
const std::uint8_t* char_classes();

// The code point of a well-formed UTF-8 sequence of n bytes at p, or 0 if it is not one (the
// checks of detail::valid_utf8_prefix, inline: this runs once a character).
char32_t utf8_code_point(const unsigned char* p, std::size_t n) {
    const unsigned c = p[0];
    if (n == 2 && c < 0xC2) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((p[k] & 0xC0) != 0x80) return 0;
    char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (p[k] & 0x3F);
    if (n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return cp;
}

void check_size(std::string_view s) {
    if (s.size() >= std::numeric_limits<std::uint32_t>::max())
        throw limit_error("a report of more than 4 GiB is not read");
}

// One code point at byte i < to of p (any byte: the general path), its class from `table`; the
// byte after it. Full-width ASCII forms, the ideographic space and U+2212 are read as their ASCII
// twins (NFKC for these characters); a byte that is not UTF-8 becomes U+FFFD and is counted.
inline std::size_t decode_one(const unsigned char* p, std::size_t i, std::size_t to, code_point*& out,
                              std::uint8_t*& cls, const std::uint8_t* table, std::size_t& invalid) {
    const unsigned c = p[i];
    const auto at = static_cast<std::uint32_t>(i);
    if (c < 0x80) {
        *out++ = {c, at};
        *cls++ = table[c];
        return i + 1;
    }
    // Three bytes: every Chinese character, checked in line. Lead bytes E1-EC, EE, EF are never
    // an overlong form or a surrogate (those start with E0 and ED: the general path below), and
    // only E2, E3 and EF lead to a character read as another (U+2212, U+3000, U+FF01-FF5E).
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= to) {
        const unsigned c1 = p[i + 1], c2 = p[i + 2];
        if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
            char32_t cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
            if (c == 0xE2 || c == 0xE3 || c == 0xEF) {
                if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
                if (cp == 0x3000) cp = ' ';
                if (cp == 0x2212) cp = '-';
            }
            *out++ = {cp, at};
            *cls++ = table[cp];
            return i + 3;
        }
    }
    const std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    char32_t cp = n == 0 || i + n > to ? 0 : utf8_code_point(p + i, n);
    if (cp == 0) {
        *out++ = {0xFFFD, at};
        *cls++ = table[0xFFFD];
        ++invalid;
        return i + 1;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == 0x3000) cp = ' ';
    if (cp == 0x2212) cp = '-';
    *out++ = {cp, at};
    *cls++ = cp < 0x10000 ? table[cp] : 0;
    return i + n;
}

// Bytes [from, to) of p one code point at a time, ASCII and the CJK ideographs of lead bytes E4-E9
// (U+4000-9FFF: most of a report, nothing to fold, never overlong) first.
inline void decode_scalar(const unsigned char* p, std::size_t from, std::size_t to, code_point*& out,
                          std::uint8_t*& cls, const std::uint8_t* table, std::size_t& invalid) {
    for (std::size_t i = from; i < to;) {
        const unsigned c = p[i];
        if (c < 0x80) {
            *out++ = {c, static_cast<std::uint32_t>(i)};
            *cls++ = table[c];
            ++i;
            continue;
        }
        if (c - 0xE4 < 6 && i + 3 <= to) {
            const unsigned c1 = p[i + 1], c2 = p[i + 2];
            if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
                const char32_t cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
                *out++ = {cp, static_cast<std::uint32_t>(i)};
                *cls++ = table[cp];
                i += 3;
                continue;
            }
        }
        i = decode_one(p, i, to, out, cls, table, invalid);
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ZHIBIAO_DECODE_SSSE3 1
// SSSE3 (not in the x86-64 baseline: chosen at run time, decode_into): four characters of three
// bytes decoded at once from a 16-byte load, their 12 bytes checked in one comparison, folded as
// decode_one() folds them. Lead bytes E1-EC, EE, EF: E0 and ED (overlong forms, surrogates) go the
// scalar way. The characters before the first other byte are kept; that one goes the scalar way.
// Reads up to 16 bytes from i, never past `size`.
__attribute__((target("ssse3"))) void decode_ssse3(const unsigned char* p, std::size_t size, std::size_t from,
                                                   std::size_t to, code_point*& out, std::uint8_t*& cls,
                                                   const std::uint8_t* table, std::size_t& invalid) {
    // byte - low <= span (unsigned): a lead byte E1-EF, then two continuation bytes, four times;
    // the last 4 bytes are the next block's, anything. A lead byte ED is refused apart.
    const __m128i low =
        _mm_setr_epi8(char(0xE1), char(0x80), char(0x80), char(0xE1), char(0x80), char(0x80), char(0xE1), char(0x80),
                      char(0x80), char(0xE1), char(0x80), char(0x80), 0, 0, 0, 0);
    const __m128i span = _mm_setr_epi8(0x0E, 0x3F, 0x3F, 0x0E, 0x3F, 0x3F, 0x0E, 0x3F, 0x3F, 0x0E, 0x3F, 0x3F,
                                       char(0xFF), char(0xFF), char(0xFF), char(0xFF));
    const __m128i surrogate_lead =
        _mm_setr_epi8(char(0xED), 0, 0, char(0xED), 0, 0, char(0xED), 0, 0, char(0xED), 0, 0, 0, 0, 0, 0);
    // each character's bytes b0 b1 b2 into a 32-bit lane as b2 | b1 << 8 | b0 << 16
    const __m128i lanes = _mm_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1);
    const __m128i steps = _mm_setr_epi32(0, 3, 6, 9);
    for (std::size_t i = from; i < to;) {
        const unsigned c = p[i];
        if (c < 0x80) {
            *out++ = {c, static_cast<std::uint32_t>(i)};
            *cls++ = table[c];
            ++i;
            continue;
        }
        if (c - 0xE1 < 0x0F && i + 16 <= size && i + 12 <= to) {
            // blocks chained while each holds four: the loop's top (ASCII, the lead byte) skipped between them
            std::size_t good = 0;
            do {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
                const __m128i d = _mm_sub_epi8(v, low);
                const __m128i fits =
                    _mm_andnot_si128(_mm_cmpeq_epi8(v, surrogate_lead), _mm_cmpeq_epi8(_mm_min_epu8(d, span), d));
                const __m128i b = _mm_shuffle_epi8(v, lanes);
                __m128i cp = _mm_or_si128(_mm_or_si128(_mm_and_si128(b, _mm_set1_epi32(0x3F)),
                                                       _mm_and_si128(_mm_srli_epi32(b, 2), _mm_set1_epi32(0xFC0))),
                                          _mm_and_si128(_mm_srli_epi32(b, 4), _mm_set1_epi32(0xF000)));
                // U+FF01-FF5E as U+0021-007E, U+3000 as ' ', U+2212 as '-'
                const __m128i full_width = _mm_and_si128(_mm_cmpgt_epi32(cp, _mm_set1_epi32(0xFF00)),
                                                         _mm_cmplt_epi32(cp, _mm_set1_epi32(0xFF5F)));
                cp = _mm_sub_epi32(cp, _mm_and_si128(full_width, _mm_set1_epi32(0xFF01 - 0x21)));
                cp = _mm_xor_si128(
                    cp, _mm_and_si128(_mm_cmpeq_epi32(cp, _mm_set1_epi32(0x3000)), _mm_set1_epi32(0x3000 ^ ' ')));
                cp = _mm_xor_si128(
                    cp, _mm_and_si128(_mm_cmpeq_epi32(cp, _mm_set1_epi32(0x2212)), _mm_set1_epi32(0x2212 ^ '-')));
                const __m128i at = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(i)), steps);
                // all four written (out and cls have room: 12 bytes are left before `to`), the good ones kept
                _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_unpacklo_epi32(cp, at));
                _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 2), _mm_unpackhi_epi32(cp, at));
                cls[0] = table[_mm_extract_epi16(cp, 0)], cls[1] = table[_mm_extract_epi16(cp, 2)];
                cls[2] = table[_mm_extract_epi16(cp, 4)], cls[3] = table[_mm_extract_epi16(cp, 6)];
                const auto bad = ~static_cast<unsigned>(_mm_movemask_epi8(fits)) & 0xFFFu;
                good = bad ? static_cast<std::size_t>(__builtin_ctz(bad)) / 3 : 4;
                out += good, cls += good, i += 3 * good;
            } while (good == 4 && p[i] - 0xE1u < 0x0F && i + 16 <= size && i + 12 <= to);
            if (good) continue;
        }
        i = decode_one(p, i, to, out, cls, table, invalid);
    }
}

// AVX2 (chosen at run time, decode_into): decode_ssse3()'s blocks eight characters at a time, the
// two halves of a 256-bit register loaded 12 bytes apart (pshufb stays within a half), the eight
// class bytes looked up in `table` (a class table covers the whole plane: 0x10000 bytes).
// Reads up to 28 bytes from i, never past `size`; the same code points, classes and refusals.
__attribute__((target("avx2"))) void decode_avx2(const unsigned char* p, std::size_t size, std::size_t from,
                                                 std::size_t to, code_point*& out_, std::uint8_t*& cls_,
                                                 const std::uint8_t* table, std::size_t& invalid) {
    // local copies: stores through `out` could change the pointers for all the compiler knows, which
    // would keep them in memory
    code_point* out = out_;
    std::uint8_t* cls = cls_;
    // as in decode_ssse3, in each half
    const __m256i low = _mm256_broadcastsi128_si256(
        _mm_setr_epi8(char(0xE1), char(0x80), char(0x80), char(0xE1), char(0x80), char(0x80), char(0xE1), char(0x80),
                      char(0x80), char(0xE1), char(0x80), char(0x80), 0, 0, 0, 0));
    const __m256i span =
        _mm256_broadcastsi128_si256(_mm_setr_epi8(0x0E, 0x3F, 0x3F, 0x0E, 0x3F, 0x3F, 0x0E, 0x3F, 0x3F, 0x0E, 0x3F,
                                                  0x3F, char(0xFF), char(0xFF), char(0xFF), char(0xFF)));
    const __m256i surrogate_lead = _mm256_broadcastsi128_si256(
        _mm_setr_epi8(char(0xED), 0, 0, char(0xED), 0, 0, char(0xED), 0, 0, char(0xED), 0, 0, 0, 0, 0, 0));
    const __m256i lanes =
        _mm256_broadcastsi128_si256(_mm_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1));
    const __m256i steps = _mm256_setr_epi32(0, 3, 6, 9, 12, 15, 18, 21);
    for (std::size_t i = from; i < to;) {
        const unsigned c = p[i];
        if (c < 0x80) {
            *out++ = {c, static_cast<std::uint32_t>(i)};
            *cls++ = table[c];
            ++i;
            continue;
        }
        if (c - 0xE1 < 0x0F && i + 28 <= size && i + 24 <= to) {
            // the last i a block may start at: 28 bytes read, 24 decoded
            const std::size_t last_block = std::min(size - 28, to - 24);
            __m256i at = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(i)), steps);
            std::size_t good = 0;
            do {
                const __m256i v = _mm256_inserti128_si256(
                    _mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))),
                    _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 12)), 1);
                const __m256i d = _mm256_sub_epi8(v, low);
                const __m256i fits = _mm256_andnot_si256(_mm256_cmpeq_epi8(v, surrogate_lead),
                                                         _mm256_cmpeq_epi8(_mm256_min_epu8(d, span), d));
                const __m256i b = _mm256_shuffle_epi8(v, lanes);
                __m256i cp = _mm256_or_si256(
                    _mm256_or_si256(_mm256_and_si256(b, _mm256_set1_epi32(0x3F)),
                                    _mm256_and_si256(_mm256_srli_epi32(b, 2), _mm256_set1_epi32(0xFC0))),
                    _mm256_and_si256(_mm256_srli_epi32(b, 4), _mm256_set1_epi32(0xF000)));
                const __m256i full_width = _mm256_and_si256(_mm256_cmpgt_epi32(cp, _mm256_set1_epi32(0xFF00)),
                                                            _mm256_cmpgt_epi32(_mm256_set1_epi32(0xFF5F), cp));
                cp = _mm256_sub_epi32(cp, _mm256_and_si256(full_width, _mm256_set1_epi32(0xFF01 - 0x21)));
                cp = _mm256_xor_si256(cp, _mm256_and_si256(_mm256_cmpeq_epi32(cp, _mm256_set1_epi32(0x3000)),
                                                           _mm256_set1_epi32(0x3000 ^ ' ')));
                cp = _mm256_xor_si256(cp, _mm256_and_si256(_mm256_cmpeq_epi32(cp, _mm256_set1_epi32(0x2212)),
                                                           _mm256_set1_epi32(0x2212 ^ '-')));
                const __m256i pairs_low = _mm256_unpacklo_epi32(cp, at), pairs_high = _mm256_unpackhi_epi32(cp, at);
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(out),
                                    _mm256_permute2x128_si256(pairs_low, pairs_high, 0x20));
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 4),
                                    _mm256_permute2x128_si256(pairs_low, pairs_high, 0x31));
                // the classes read one by one: a vpgatherdd is no faster here and several times slower on
                // Intel CPUs with the Gather Data Sampling mitigation
                alignas(32) std::uint32_t points[8];
                _mm256_store_si256(reinterpret_cast<__m256i*>(points), cp);
                for (int k = 0; k < 8; ++k) cls[k] = table[points[k]];
                // all eight written (12 bytes a half, 24 left before `to`), the good ones kept
                const auto fit_bits = static_cast<unsigned>(_mm256_movemask_epi8(fits));
                const unsigned bad = ~((fit_bits & 0xFFFu) | ((fit_bits >> 4) & 0xFFF000u)) & 0xFFFFFFu;
                good = bad ? static_cast<std::size_t>(__builtin_ctz(bad)) / 3 : 8;
                out += good, cls += good, i += 3 * good;
                at = _mm256_add_epi32(at, _mm256_set1_epi32(24));
            } while (good == 8 && p[i] - 0xE1u < 0x0F && i <= last_block);
            if (good) continue;
        }
        i = decode_one(p, i, to, out, cls, table, invalid);
    }
    out_ = out, cls_ = cls;
}

bool has_avx2() {
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0;
    }();
    return has;
}

bool has_ssse3() {
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("ssse3") != 0;
    }();
    return has;
}
#endif

// Bytes [from, to) of `s` into `into`: `from` starts a code point of the whole text's decoding and
// `to` ends one (a chunk), or they are the whole text. Each code point as decode_one() reads it.
// `classes`: the class of each code point of the plane (char_classes(), or a matcher's with its
// first characters marked).
void decode_into(std::string_view s, std::size_t from, std::size_t to, std::size_t base, code_points& into,
                 std::size_t& invalid, const std::uint8_t* classes = nullptr) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    code_point* const points = into.reset(to - from, base);
    code_point* out = points;
    std::uint8_t* cls = into.classes();
    const std::uint8_t* const table = classes ? classes : char_classes();
#if defined(ZHIBIAO_DECODE_SSSE3)
    if (has_avx2())
        decode_avx2(p, s.size(), from, to, out, cls, table, invalid);
    else if (has_ssse3())
        decode_ssse3(p, s.size(), from, to, out, cls, table, invalid);
    else
#endif
        decode_scalar(p, from, to, out, cls, table, invalid);
    *out = {0, static_cast<std::uint32_t>(to)};
    std::memset(cls, 0, 9);  // code_points::next_with() reads up to 8 past the last
    into.resize(static_cast<std::size_t>(out - points));
}

code_points decode(std::string_view s, std::size_t& invalid) {
    check_size(s);
    code_points cps;
    decode_into(s, 0, s.size(), 0, cps, invalid);
    return cps;
}

// Where the chunk that starts at byte `from` ends: after the first line break or 。 at least
// `min_bytes` further on (the end of the text if there is none). Both are a code point of their
// own in any decoding (0x0A and 0xE3 are never continuation bytes), end every clause and
// sentence, and no word the rules look for spans one.
bool page_line(std::string_view line);

std::size_t chunk_end(std::string_view text, std::size_t from, std::size_t min_bytes) {
    min_bytes = std::max<std::size_t>(min_bytes, 1);
    if (text.size() - from <= min_bytes) return text.size();
    // A line break with a digit just before it or at the start of the next line may run through a
    // figure a conversion broke ("专利授权量1\n26件", "立项1\n— 3 —\n2项"): never a chunk's end.
    // Past `give_up` (a text of table rows that open or end with digits) any line break ends a chunk.
    const std::size_t give_up = from + std::max<std::size_t>(4 * min_bytes, std::size_t{1} << 16);
    const auto blank = [](char c) { return c == ' ' || c == '\r' || c == '\n'; };
    // a digit or a point, in ASCII or full width (１２．: EF BC 90-99, EF BC 8E), ends at byte e / starts at a
    const auto full_width_figure = [&](std::size_t b) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        return b + 3 <= text.size() && byte(b) == 0xEF && byte(b + 1) == 0xBC &&
               ((byte(b + 2) >= 0x90 && byte(b + 2) <= 0x99) || byte(b + 2) == 0x8E);
    };
    // A page's number line on either side ("局\n— 5 —\n41件"): the reader skips it and a running
    // header beside it between a figure's parts (next_line_of_figure), and a change word's link to
    // its figure runs through both. Such lines are short: a long one is never decoded here. Blank
    // lines between are passed over ("累计达1\n— 1 —\n\n某县…总结\n9家"): a chunk ending after the
    // blank line split the figure, which one chunk read as one damaged figure.
    const auto beside_page_line = [&](std::size_t b, std::size_t a) {  // the non-blank bytes around a break
        constexpr std::size_t longest = 48;
        const std::size_t before = b > from ? text.rfind('\n', b - 1) : std::string_view::npos;
        const std::size_t start = before == std::string_view::npos || before < from ? from : before + 1;
        const std::size_t after = std::min(text.find('\n', a), text.size());
        return (b > start && b - start <= longest && page_line(text.substr(start, b - start))) ||
               (after > a && after - a <= longest && page_line(text.substr(a, after - a)));
    };
    const auto inside_figure = [&](std::size_t line) {
        if (line >= give_up) return false;
        std::size_t b = line;
        while (b > from && blank(text[b - 1])) --b;
        std::size_t a = line + 1;
        while (a < text.size() && blank(text[a])) ++a;
        return (b > from && ((text[b - 1] >= '0' && text[b - 1] <= '9') || text[b - 1] == '.')) ||
               (a < text.size() && ((text[a] >= '0' && text[a] <= '9') || text[a] == '.')) ||
               (b >= from + 3 && full_width_figure(b - 3)) || full_width_figure(a) || beside_page_line(b, a);
    };
    // "产值12。5亿元": a 。 between digits is a decimal point the conversion changed, read as one damaged figure.
    const auto digit_around = [&](std::size_t at, std::size_t size) {
        const auto digit = [](char c) { return c >= '0' && c <= '9'; };
        return at > from && at + size < text.size() && digit(text[at - 1]) && digit(text[at + size]);
    };
    // A window at a time, so that a text with neither costs one pass, not one a chunk.
    for (std::size_t window = from + min_bytes; window < text.size();) {
        const std::string_view w = text.substr(window, min_bytes + 2);  // a 。 across the window's end
        const std::size_t line = w.find('\n'), stop = w.find("\xE3\x80\x82");
        const std::size_t end = std::min(line == std::string_view::npos ? line : line + 1,
                                         stop == std::string_view::npos ? stop : stop + 3);
        if (end == std::string_view::npos) {
            window += min_bytes;
        } else if (end == line + 1 ? inside_figure(window + line) : digit_around(window + stop, 3)) {
            window += end;
        } else {
            return window + end;
        }
    }
    return text.size();
}

// A set of code points as a bitmap over the Basic Multilingual Plane (where every character
// the extractor looks for lies): one test a character instead of a search.
class char_set {
public:
    char_set() = default;
    explicit char_set(std::u32string_view chars) {
        for (char32_t c : chars) add(c);
    }
    void add(char32_t c) {
        if (c < 0x10000) bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
    bool has(char32_t c) const { return c < 0x10000 && (bits_[c >> 6] >> (c & 63)) & 1; }

private:
    std::array<std::uint64_t, 1024> bits_{};
};

}  // namespace
}  // namespace zhibiao
