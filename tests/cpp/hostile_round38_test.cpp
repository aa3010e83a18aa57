// Round 38: characters that print as nothing (U+200B, U+00AD, U+FEFF, U+2060, NUL, VT, FF, DEL: Word
// and PDF copies, files joined with cat leave them) never make a silent number or a phantom entity.
// Before: "研发经费支出12.\u200b5亿元" was a bare 12 and a confident 5亿元; a code "360102\u200b" was
// a second entity printing as 360102 (the duplicate-row check passed); a second file's byte order
// mark hid its repeated header; a long file's unknown unit was reported at the header's line.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "zhibiao/zhibiao.hpp"

using namespace zhibiao;
using namespace std::string_literals;

namespace {

// The invisible characters the trial found, as UTF-8.
const std::vector<std::string> invisibles = {"\u200B", "\u00AD", "\uFEFF", "\u2060", "\0"s, "\v", "\f", "\x7F"};

extraction read(const std::string& text) {
    extract_options options;
    options.guess = true;
    return extract(text, builtin_lexicon(), options);
}

// The message and location of the parse_error read_csv throws on `text`, "" when none.
std::string refusal(const std::string& text, location& where) {
    try {
        (void)parse_csv(text, {}, "t.csv");
    } catch (const parse_error& e) {
        where = e.where();
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_round38)

// A blank in the same place is split_digits (docs/reports.md); an invisible character is too, with
// the digits joined as the guess, after a word or not (it never parts a table's cells).
BOOST_AUTO_TEST_CASE(an_invisible_character_inside_a_figure_is_split_digits) {
    struct sample {
        std::string before, after;
        double guess;
    };
    const std::vector<sample> samples = {{"研发经费支出12.", "5亿元", 12.5},
                                         {"地区生产总值1", "234.5亿元", 1234.5},
                                         {"专利授权量12", "5件", 125},
                                         {"研发经费支出12.5", "6亿元", 12.56}};
    for (const std::string& c : invisibles)
        for (const sample& s : samples) {
            const extraction x = read(s.before + c + s.after);
            BOOST_TEST_CONTEXT(s.before << "|" << s.after << " with code point " << static_cast<int>(c[0])) {
                BOOST_TEST_REQUIRE(x.facts.size() == 1u);
                BOOST_TEST(std::isnan(x.facts[0].amount.value));
                BOOST_TEST(x.facts[0].damage == "split_digits");
                BOOST_TEST(x.facts[0].guess == s.guess, boost::test_tools::tolerance(1e-12));
            }
        }
    // the same figures without the character are read as before
    BOOST_TEST(read("研发经费支出12.5亿元").facts.at(0).amount.value == 12.5);
    BOOST_TEST(read("地区生产总值1234.5亿元").facts.at(0).amount.value == 1234.5);
}

BOOST_AUTO_TEST_CASE(an_invisible_character_in_a_code_is_refused_at_its_cell) {
    struct sample {
        std::string text, name;
        std::size_t line;
    };
    const std::vector<sample> samples = {
        {"region,year,gdp[亿元]\n360102\u200B,2024,1\n360102,2024,2\n", "U+200B ZERO WIDTH SPACE", 2},
        // two files with a byte order mark joined with cat: the second's first row starts with it
        {"region,year,gdp[亿元]\n360102,2024,1\n\uFEFF360103,2024,2\n", "U+FEFF", 3},
        {"region,year,gdp[亿元]\n360102,2024,1\n3601\u00AD03,2024,2\n", "U+00AD SOFT HYPHEN", 3},
        {"region,year,gdp[亿元]\n360102,2024,1\n360103\0,2024,2\n"s, "U+0000 NUL", 3},
        {"region,year,gdp[亿元]\n36\u206001,2024,1\n", "U+2060 WORD JOINER", 2},
    };
    for (const sample& s : samples) {
        location where;
        const std::string message = refusal(s.text, where);
        BOOST_TEST_CONTEXT(message) {
            BOOST_TEST(message.find(s.name) != std::string::npos);
            BOOST_TEST(message.find("entity code") != std::string::npos);
            BOOST_TEST(where.line == s.line);
            BOOST_TEST(where.column == 1u);
        }
    }
    // the codes without it stay one entity each (the duplicate row is refused as a duplicate)
    BOOST_CHECK_THROW(parse_csv("region,year,gdp[亿元]\n360102,2024,1\n360102,2024,2\n"), duplicate_row_error);
}

BOOST_AUTO_TEST_CASE(an_invisible_character_in_a_name_is_refused) {
    location where;
    const std::string message =
        refusal("region,name,year,gdp[亿元]\n360102,东\0湖区,2024,1\n360103,西湖区,2024,2\n"s, where);
    BOOST_TEST(message.find("U+0000 NUL") != std::string::npos, message);
    BOOST_TEST(where.line == 2u);
    BOOST_TEST(where.column == 2u);
    const panel p = parse_csv("region,name,year,gdp[亿元]\n360102,东湖区,2024,1\n");
    BOOST_TEST(p.entity_name(0) == "东湖区");
}

// Two UTF-8 files with a byte order mark joined with cat: the second's header is a repeated header.
BOOST_AUTO_TEST_CASE(a_repeated_header_behind_a_byte_order_mark_is_found) {
    const std::string file = "\uFEFFregion,name,year,gdp[亿元]\n360102,东湖区,2024,1\n";
    location where;
    const std::string message = refusal(file + file, where);
    BOOST_TEST(message.find("line 3 repeats the header") != std::string::npos, message);
    BOOST_TEST(where.line == 3u);
}

BOOST_AUTO_TEST_CASE(a_long_files_unknown_unit_is_reported_at_its_record) {
    location where;
    try {
        (void)parse_csv(
            "entity,period,variable,value,unit\nA,2024,gdp,1,亿元\nB,2024,gdp,1,亿元\nA,2024,rd_expenditure,5,万园\n",
            {}, "l.csv");
        BOOST_FAIL("no error");
    } catch (const unknown_unit_error& e) {
        where = e.where();
    }
    BOOST_TEST(where.line == 4u);
    BOOST_TEST(where.column == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
