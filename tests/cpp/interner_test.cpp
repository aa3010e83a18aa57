// The string interner shared by the CSV reader and the patents factorisation (src/core/interner.hpp),
// and the memory of CSV output columns.
#include "core/interner.hpp"

#include "core/column_memory.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using zhibiao::detail::interner;

BOOST_AUTO_TEST_SUITE(interner_suite)

BOOST_AUTO_TEST_CASE(indices_in_first_seen_order) {
    interner codes;
    BOOST_TEST(codes.find("a") == -1);  // an empty table finds nothing
    BOOST_TEST((codes.intern("b") == std::pair<std::int32_t, bool>{0, true}));
    BOOST_TEST((codes.intern("a") == std::pair<std::int32_t, bool>{1, true}));
    BOOST_TEST((codes.intern("b") == std::pair<std::int32_t, bool>{0, false}));
    BOOST_TEST(codes.size() == 2u);
    BOOST_TEST(codes.text(1) == "a");
    BOOST_TEST(codes.find("a") == 1);
    BOOST_TEST(codes.find("c") == -1);
}

BOOST_AUTO_TEST_CASE(empty_string_is_a_text_like_any_other) {
    interner codes;
    BOOST_TEST((codes.intern("") == std::pair<std::int32_t, bool>{0, true}));
    BOOST_TEST((codes.intern("x") == std::pair<std::int32_t, bool>{1, true}));
    BOOST_TEST((codes.intern("") == std::pair<std::int32_t, bool>{0, false}));
    BOOST_TEST(codes.text(0).empty());
    BOOST_TEST(codes.find("") == 0);
}

BOOST_AUTO_TEST_CASE(short_and_long_codes_around_the_word_size) {
    // Lengths on both sides of the 8-byte words the hash reads, of std::string's 15-byte inline
    // buffer, of an 18-character credit code, and longer than a 1 MiB storage block.
    interner codes;
    std::vector<std::string> texts;
    for (std::size_t n : {1, 7, 8, 9, 15, 16, 17, 18, 64, 1000, (1 << 20) + 3, 5}) texts.push_back(std::string(n, 'z'));
    texts.push_back(std::string("ab\0", 3));  // differs from "ab" only by a trailing NUL
    texts.push_back("ab");
    texts.push_back("91320000MA00000001");
    texts.push_back("91320000MA00000002");  // the same first 16 bytes
    for (std::size_t i = 0; i < texts.size(); ++i) BOOST_TEST(codes.intern(texts[i]).first == std::int32_t(i));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        BOOST_TEST(codes.text(i) == texts[i]);
        BOOST_TEST(codes.find(texts[i]) == std::int32_t(i));
    }
}

BOOST_AUTO_TEST_CASE(every_text_equal_under_one_hash_is_told_apart) {
    // Texts forced to the same hash: the table must compare the texts themselves.
    interner codes;
    for (int i = 0; i < 300; ++i) BOOST_TEST(codes.intern("code" + std::to_string(i), 42).first == i);
    for (int i = 0; i < 300; ++i) {
        BOOST_TEST((codes.intern("code" + std::to_string(i), 42) == std::pair<std::int32_t, bool>{i, false}));
        BOOST_TEST(codes.find("code" + std::to_string(i), 42) == i);
    }
    BOOST_TEST(codes.find("code300", 42) == -1);
    BOOST_TEST(codes.find("code1", 43) == -1);  // another hash: another chain
}

BOOST_AUTO_TEST_CASE(growth_keeps_indices_and_views) {
    interner codes;
    std::vector<std::string_view> views;
    constexpr int n = 200000;  // many table doublings and several storage blocks
    for (int i = 0; i < n; ++i) {
        const std::string code = "9132" + std::to_string(i * 7919) + "MA";
        const auto [id, inserted] = codes.intern(code);
        BOOST_REQUIRE(inserted);
        BOOST_REQUIRE(id == i);
        views.push_back(codes.text(static_cast<std::size_t>(id)));
    }
    interner moved = std::move(codes);  // the texts do not move with the interner
    for (int i = 0; i < n; ++i) {
        const std::string code = "9132" + std::to_string(i * 7919) + "MA";
        BOOST_REQUIRE(views[static_cast<std::size_t>(i)] == code);
        BOOST_REQUIRE((moved.intern(code) == std::pair<std::int32_t, bool>{i, false}));
    }
    BOOST_TEST(moved.size() == std::size_t(n));
}

BOOST_AUTO_TEST_CASE(reserve_changes_nothing_but_room) {
    interner codes;
    codes.intern("a");
    codes.reserve(1000);
    BOOST_TEST(codes.find("a") == 0);
    BOOST_TEST(codes.intern("b").first == 1);
}

BOOST_AUTO_TEST_SUITE_END()

// The memory of large CSV output columns (src/core/column_memory.hpp).
BOOST_AUTO_TEST_SUITE(column_memory_suite)

BOOST_AUTO_TEST_CASE(columns_small_and_large_are_whole_and_writable) {
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{1000}, (std::size_t{2} << 20) / 8,
                          (std::size_t{5} << 20) / 8 + 3}) {
        std::shared_ptr<double[]> column = zhibiao::detail::column_memory(n);
        BOOST_REQUIRE(column);
        for (std::size_t i = 0; i < n; ++i) column[i] = static_cast<double>(i);
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += column[i];
        BOOST_TEST(sum == static_cast<double>(n) * (static_cast<double>(n) - 1) / 2);
        if (n * sizeof(double) >= (std::size_t{2} << 20))  // whole 2 MiB pages can be huge pages
            BOOST_TEST(reinterpret_cast<std::uintptr_t>(column.get()) % (std::size_t{2} << 20) == 0u);
    }
}

// The interner's slots (issue 16 item 2): fresh zero memory, mapped on huge pages from 2 MiB, so
// that a table of millions of slots is not written once per doubling before use.
BOOST_AUTO_TEST_CASE(zeroed_arrays_are_zero_writable_and_move) {
    using zhibiao::detail::zeroed_array;
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{4097}, (std::size_t{2} << 20) / 8,
                          (std::size_t{5} << 20) / 8 + 3}) {
        zeroed_array<std::uint64_t> a(n);
        BOOST_TEST(a.size() == n);
        bool zero = true;
        for (std::size_t i = 0; i < n; ++i) zero = zero && a[i] == 0;
        BOOST_TEST(zero);
        for (std::size_t i = 0; i < n; ++i) a[i] = i + 1;
        zeroed_array<std::uint64_t> moved(std::move(a));
        BOOST_TEST(a.empty());
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += moved[i];
        BOOST_TEST(sum == std::uint64_t(n) * (n + 1) / 2);
        if (n * 8 >= (std::size_t{2} << 20))
            BOOST_TEST(reinterpret_cast<std::uintptr_t>(&moved[0]) % (std::size_t{2} << 20) == 0u);
        a = std::move(moved);  // assigned back: the old (empty) storage freed, no double free
        BOOST_TEST(a.size() == n);
    }
}

BOOST_AUTO_TEST_CASE(a_reserved_table_of_many_codes_finds_each_once) {
    interner codes;
    constexpr int n = 300000;  // a table of 2^19 slots (4 MiB): mapped memory
    codes.reserve(n);
    for (int i = 0; i < n; ++i) BOOST_REQUIRE(codes.intern("91320000MA" + std::to_string(10000000 + i)).first == i);
    for (int i = 0; i < n; ++i) {
        const std::string code = "91320000MA" + std::to_string(10000000 + i);
        BOOST_REQUIRE(codes.find(code) == i);
        BOOST_REQUIRE((codes.intern(code) == std::pair<std::int32_t, bool>{i, false}));
    }
    BOOST_TEST(codes.find("91320000MA00000000") == -1);
}

BOOST_AUTO_TEST_SUITE_END()
