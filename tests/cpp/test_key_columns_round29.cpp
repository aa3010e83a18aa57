// Round 29 (helper py29's county tables): which column read_csv takes as the entity and as the
// names when a table carries two levels of region, and that ignore= takes a column out of every
// detection.
#include "zhibiao/csv.hpp"
#include "zhibiao/error.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace zhibiao;

namespace {

std::string entity_codes(const panel& p) {
    std::string out;
    for (std::size_t i = 0; i < p.entity_count(); ++i) out += std::string(p.entity_code(i)) + ";";
    return out;
}

std::string entity_names(const panel& p) {
    std::string out;
    for (std::size_t i = 0; i < p.entity_count(); ++i) out += std::string(p.entity_name(i)) + ";";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_columns_round29)

// 城市 came before 区县 in the entity headings: one county per city loaded as the cities, silently.
BOOST_AUTO_TEST_CASE(a_county_table_keyed_by_names_has_its_counties_as_the_entities) {
    csv_options o;
    o.ignore = {"城市"};
    const panel p = parse_csv("区县,城市,年份,gdp[亿元]\n鼓楼区,南京市,2023,10\n泉山区,徐州市,2023,5\n", o);
    BOOST_TEST(entity_codes(p) == "鼓楼区;泉山区;");
    BOOST_TEST(p.report().ignored_columns == std::vector<std::string>{"城市"});
    csv_options provinces;
    provinces.ignore = {"省份"};
    BOOST_TEST(entity_codes(parse_csv("省份,城市,年份,gdp[亿元]\n江苏省,南京市,2023,10\n", provinces)) == "南京市;");
    csv_options cities;
    cities.ignore = {"地市"};
    BOOST_TEST(entity_codes(parse_csv("地市,县（市、区）,年份,gdp[亿元]\n南京市,鼓楼区,2023,10\n", cities)) ==
               "鼓楼区;");
}

// The city beside a county keyed by names is never the county's name: it is a column of texts,
// refused saying how to leave it out, as beside a code column.
BOOST_AUTO_TEST_CASE(the_coarser_level_is_never_the_names_of_a_finer_entity) {
    try {
        parse_csv("区县,城市,年份,gdp[亿元]\n鼓楼区,南京市,2023,10\n泉山区,徐州市,2023,5\n");
        BOOST_FAIL("the column of cities was read");
    } catch (const parse_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("'南京市'") != std::string::npos, what);
        BOOST_TEST(what.find("ignore") != std::string::npos, what);
    }
}

// ignore= named the column the names detection then took (城市 before 地区), and 地区 stayed a
// variable of texts: an ignored column is out of every detection.
BOOST_AUTO_TEST_CASE(an_ignored_column_is_out_of_every_detection) {
    csv_options o;
    o.ignore = {"城市"};
    const panel p =
        parse_csv("区划代码,地区,城市,年份,gdp[亿元]\n320106,鼓楼区,南京市,2023,10\n320302,鼓楼区,徐州市,2023,5\n", o);
    BOOST_TEST(entity_codes(p) == "320106;320302;");
    BOOST_TEST(entity_names(p) == "鼓楼区;鼓楼区;");
    BOOST_TEST(!p.has("地区"));
    csv_options entity_left_out;
    entity_left_out.ignore = {"区划代码"};
    const panel names = parse_csv("区划代码,地区,年份,gdp[亿元]\n320106,鼓楼区,2023,10\n", entity_left_out);
    BOOST_TEST(entity_codes(names) == "鼓楼区;");
}

BOOST_AUTO_TEST_SUITE_END()
