#include "zhibiao/entity.hpp"

#include <boost/test/unit_test.hpp>

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(entities)

BOOST_AUTO_TEST_CASE(administrative_levels) {
    BOOST_TEST((admin_level_of("320602") == admin_level::county));
    BOOST_TEST((admin_level_of("320600") == admin_level::prefecture));
    BOOST_TEST((admin_level_of("320000") == admin_level::province));
    BOOST_TEST((admin_level_of("3206") == admin_level::prefecture));
    BOOST_TEST((admin_level_of("32") == admin_level::province));
    BOOST_TEST((admin_level_of("100000") == admin_level::national));
    BOOST_TEST((admin_level_of("32a602") == admin_level::unknown));
    BOOST_TEST((admin_level_of("Nantong") == admin_level::unknown));
    // 12 digits (统计用区划代码): 东城区 110101, its 东华门街道 001, village digits 000.
    BOOST_TEST((admin_level_of("110101001000") == admin_level::township));
    BOOST_TEST((admin_level_of("110101001001") == admin_level::unknown));  // a village (社区) is not read
    BOOST_TEST((admin_level_of("110101000000") == admin_level::unknown));  // a county written in 12 digits neither
}

BOOST_AUTO_TEST_CASE(parents_follow_the_digits) {
    BOOST_TEST(admin_parent("320602") == "320600");
    BOOST_TEST(admin_parent("320600") == "320000");
    // One canonical form for a parent, the 6 digits, whatever width the child is written in:
    // "3206" and "320600" are one prefecture, so their province is one code (round 14: "32"
    // beside "320000" split Jiangsu in two).
    BOOST_TEST(admin_parent("3206") == "320000");
    BOOST_TEST(admin_parent("32") == "");
    BOOST_TEST(admin_parent("320000") == "");
    BOOST_TEST(admin_parent("x") == "");
    // A township → its county, the first 6 digits (before: "", so a roll-up named it an orphan).
    BOOST_TEST(admin_parent("110101001000") == "110101");
}

BOOST_AUTO_TEST_CASE(short_codes_have_one_canonical_form) {
    BOOST_TEST(admin_code("32") == "320000");
    BOOST_TEST(admin_code("3206") == "320600");
    BOOST_TEST(admin_code("320600") == "320600");
    BOOST_TEST(admin_code("320602") == "320602");
    BOOST_TEST(admin_code("110101001000") == "110101001000");
    BOOST_TEST(admin_code("Nantong") == "Nantong");  // not an administrative code: as it is
}

BOOST_AUTO_TEST_SUITE_END()
