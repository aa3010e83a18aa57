// Round 35 (trialB35): multipliers stacked out of the order numerals take them (亿万元, 万万元) are
// no unit: spec §7.2 (/work/shared/spec/indicators.md) lists 万亿 = 10¹², never 亿万; before, 亿万元
// read as 10¹² yuan and 万万元 as 10⁸, with no word.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "core/try_parse_unit.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/units.hpp"

using zhibiao::unit;

BOOST_AUTO_TEST_SUITE(round35_units)

BOOST_AUTO_TEST_CASE(stacked_multipliers_are_refused_with_the_units_meant) {
    for (const char* slip : {"亿万元", "万万元", "亿亿元", "千百元", "万十元"}) {
        BOOST_TEST(!zhibiao::detail::try_parse_unit(slip).has_value(), slip);
        BOOST_CHECK_THROW((void)unit::parse(slip), zhibiao::unknown_unit_error);
    }
    try {
        (void)unit::parse("亿万元");
        BOOST_FAIL("亿万元 read as a unit");
    } catch (const zhibiao::unknown_unit_error& e) {
        const std::string said = e.what();
        BOOST_TEST(said.find("did you mean '亿元' or '万元'?") != std::string::npos, said);
    }
    BOOST_TEST((zhibiao::detail::stacked_multiplier_readings("万万元") == std::vector<std::string>{"万元", "亿元"}));
    BOOST_TEST((zhibiao::detail::stacked_multiplier_readings("亿万元") == std::vector<std::string>{"亿元", "万元"}));
    BOOST_TEST(zhibiao::detail::stacked_multiplier_readings("万亿元").empty());  // a unit
    BOOST_TEST(zhibiao::detail::stacked_multiplier_readings("万美元").empty());  // no stack
}

BOOST_AUTO_TEST_CASE(multipliers_in_the_order_of_numerals_still_read) {
    BOOST_TEST(unit::parse("万亿元").exponent() == 12);
    BOOST_TEST(unit::parse("百万元").exponent() == 6);
    BOOST_TEST(unit::parse("千万元").exponent() == 7);
    BOOST_TEST(unit::parse("十万人").exponent() == 5);
    BOOST_TEST(unit::parse("千亿元").exponent() == 11);
    BOOST_TEST(unit::parse("千万亿元").exponent() == 15);
    BOOST_TEST(unit::parse("万元/万人").exponent() == 0);
    BOOST_TEST(unit::parse("万").exponent() == 4);
}

BOOST_AUTO_TEST_SUITE_END()
