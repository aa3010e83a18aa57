// The decoder's paths (src/extract/decode.hpp) against each other: the scalar path, the SSSE3
// blocks of four 3-byte characters and the AVX2 blocks of eight give the same code points, byte
// offsets, classes and count of invalid bytes on any text and any [from, to). On an AVX2 machine
// the reader only ever runs the AVX2 path, so without this test the SSSE3 one would go untested
// there (the review of round 30). Texts are drawn from pieces around every edge the blocks test:
// the leads E0/ED (refused by the blocks), full-width forms and U+3000/U+2212 (folded), 2- and
// 4-byte characters, stray continuation bytes, a sequence cut short; the input sits in a heap
// buffer of its exact size, so that a read past it shows under AddressSanitizer.
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

// decode.hpp's functions have internal linkage, written for the reader's translation unit: the ones
// this test does not call are unused here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "extract/decode.hpp"
#pragma GCC diagnostic pop

namespace zhibiao {
namespace {
// decode.hpp's two hooks, defined by the reader's own translation unit elsewhere: a class table
// with a different byte for most code points (so that a class read for the wrong point shows).
const std::uint8_t* char_classes() {
    static const std::vector<std::uint8_t> table = [] {
        std::vector<std::uint8_t> t(0x10000);
        for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 24);
        return t;
    }();
    return table.data();
}
bool page_line(std::string_view) { return false; }

struct decoded {
    std::vector<code_point> points;
    std::vector<std::uint8_t> classes;
    std::size_t invalid = 0;
};

template <class Decode>
decoded run(std::size_t from, std::size_t to, Decode decode) {
    decoded d;
    d.points.resize(to - from + 1), d.classes.resize(to - from + 9);
    code_point* out = d.points.data();
    std::uint8_t* cls = d.classes.data();
    decode(out, cls, d.invalid);
    d.points.resize(static_cast<std::size_t>(out - d.points.data()));
    d.classes.resize(d.points.size());
    return d;
}

bool same(const decoded& a, const decoded& b) {
    if (a.points.size() != b.points.size() || a.invalid != b.invalid || a.classes != b.classes) return false;
    for (std::size_t k = 0; k < a.points.size(); ++k)
        if (a.points[k].c != b.points[k].c || a.points[k].begin != b.points[k].begin) return false;
    return true;
}
}  // namespace
}  // namespace zhibiao

using namespace zhibiao;

BOOST_AUTO_TEST_CASE(every_decoder_path_reads_every_text_alike) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    const char* pieces[] = {"\xE4\xB8\x80",
                            "\xE5\xB9\xB4",
                            "\xEF\xBC\x91",
                            "\xE3\x80\x80",
                            "\xE2\x88\x92",
                            "\xED\x9F\xBF",
                            "\xED\xA0\x80",
                            "\xE0\xA0\x80",
                            "\xE0\x80\x80",
                            "\xEF\xBF\xBD",
                            "a",
                            "\n",
                            "\xC3\xA9",
                            "\xF0\x9F\x98\x80",
                            "\x80",
                            "\xE4\xB8",
                            "\xEF\xBD\x9E",
                            "\xEF\xBD\x9F",
                            "\xEF\xBC\x80",
                            "\xE1\x80\x80"};
    std::mt19937_64 random(30);
    const std::uint8_t* table = char_classes();
    int compared = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        for (int n = static_cast<int>(random() % 90); n > 0; --n)  // mostly runs of CJK, the blocks' case
            text += random() % 100 < 70 ? pieces[random() % 2] : pieces[random() % 20];
        const std::unique_ptr<unsigned char[]> exact(new unsigned char[text.size()]);
        std::memcpy(exact.get(), text.data(), text.size());
        const unsigned char* p = exact.get();
        const std::size_t size = text.size();
        std::size_t from = size ? random() % (size + 1) : 0, to = size;
        if (random() % 2 && to > from) to = from + random() % (to - from + 1);
        const decoded scalar = run(from, to, [&](code_point*& out, std::uint8_t*& cls, std::size_t& invalid) {
            decode_scalar(p, from, to, out, cls, table, invalid);
        });
        if (has_ssse3()) {
            const decoded ssse3 = run(from, to, [&](code_point*& out, std::uint8_t*& cls, std::size_t& invalid) {
                decode_ssse3(p, size, from, to, out, cls, table, invalid);
            });
            BOOST_TEST_REQUIRE(same(scalar, ssse3), "SSSE3, round " << round << ", [" << from << ", " << to << ")");
            ++compared;
        }
        if (has_avx2()) {
            const decoded avx2 = run(from, to, [&](code_point*& out, std::uint8_t*& cls, std::size_t& invalid) {
                decode_avx2(p, size, from, to, out, cls, table, invalid);
            });
            BOOST_TEST_REQUIRE(same(scalar, avx2), "AVX2, round " << round << ", [" << from << ", " << to << ")");
            ++compared;
        }
    }
    BOOST_TEST_MESSAGE(compared << " texts compared with the scalar path");
#else
    BOOST_TEST_MESSAGE("no SIMD decoder on this platform: the scalar path is the reader's only one");
#endif
}

// A chunk's words are matched at the first question its figures ask of the indexes (pending_chunk,
// lexicon.hpp): chunks of prose with no figure between chunks with figures are never matched, and the
// chunks after them must still find their own phrases — not the words of an earlier chunk, nor none.
BOOST_AUTO_TEST_CASE(a_chunk_after_chunks_asked_nothing_finds_its_own_phrases) {
    const std::string prose = "区科技局主动对接高校院所创新资源，紧紧围绕党委政府中心工作，各项工作稳步推进。";
    const std::string text = prose + prose + "全年新认定高新技术企业43家。\n" + prose + prose + prose +
                             "全年登记技术合同214项。\n" + prose + "新认定高新技术企业12家。" + prose;
    extract_options chunked, whole;
    chunked.chunk_bytes = 64;  // a chunk a sentence
    whole.chunk_bytes = std::numeric_limits<std::size_t>::max();
    const table_extraction a = extract_table(text, builtin_lexicon(), chunked);
    const table_extraction b = extract_table(text, builtin_lexicon(), whole);
    BOOST_TEST_REQUIRE(a.facts.size() == 3u);
    BOOST_TEST_REQUIRE(b.facts.size() == 3u);
    const char* variables[] = {"hnte_recognised", "", "hnte_recognised"};
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(a.facts.text_of(a.facts.variable[i]) == b.facts.text_of(b.facts.variable[i]), "fact " << i);
        BOOST_TEST(a.facts.text_of(a.facts.phrase[i]) == b.facts.text_of(b.facts.phrase[i]), "fact " << i);
        BOOST_TEST(!a.facts.text_of(a.facts.phrase[i]).empty(), "fact " << i);
        if (*variables[i]) BOOST_TEST(a.facts.text_of(a.facts.variable[i]) == variables[i], "fact " << i);
    }
}
