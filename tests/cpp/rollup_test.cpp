#include "zhibiao/rollup.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"

using namespace zhibiao;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(rollups)

// Three counties of one prefecture with very different populations.
const char* counties =
    "region,period,valid_invention_patents,population[万人],rd_expenditure[万元],gdp[亿元]\n"
    "320602,2023,9000,100,50000,1000\n"
    "320612,2023,100,10,1000,50\n"
    "320623,2023,10,1,10,2\n";

BOOST_AUTO_TEST_CASE(ratio_of_sums_not_mean_of_ratios) {
    panel p = parse_csv(counties);
    rollup_result up = rollup(p, admin_parents(p));
    BOOST_TEST(up.parents.rows() == 1u);
    BOOST_TEST(up.parents.entities()[0].code == "320600");
    double city = compute(up.parents, {"invention_patents_per_10k"}).at("invention_patents_per_10k").values(0);
    BOOST_TEST(city == (9000.0 + 100 + 10) / (100.0 + 10 + 1), tt::tolerance(1e-14));  // 82.07
    auto county_values = compute(p, {"invention_patents_per_10k"}).at("invention_patents_per_10k").values;
    BOOST_TEST(std::abs(city - county_values.mean()) > 1.0);  // the mean of ratios is 36.7
    // Rates are not summed; they are recomputed from the sums.
    BOOST_TEST(compute(up.parents, {"rd_intensity"}).at("rd_intensity").values(0) == 51010.0 / 1052 / 100, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(to_the_province_and_coverage) {
    panel p = parse_csv("region,period,population[万人],x_rate[%]\n320602,2023,10,5\n320612,2023,,6\n321002,2023,7,1\n");
    rollup_result up = rollup(p, admin_parents(p, admin_level::province));
    BOOST_TEST(up.parents.rows() == 1u);
    BOOST_TEST(up.parents.entities()[0].code == "320000");
    BOOST_TEST((up.not_summed == std::vector<std::string>{"x_rate"}));
    // One child of three has no population: the parent is flagged, not under-counted.
    BOOST_TEST(std::isnan(up.parents.at("population").values()(0)));
    BOOST_TEST((up.parents.at("population").reason_at(0) == reason::incomplete_rollup));
    BOOST_TEST(up.coverage.size() == 1u);
    BOOST_TEST(up.coverage[0].children == 3u);
    BOOST_TEST(up.coverage[0].with_data == 2u);
    rollup_options partial;
    partial.partial_sums = true;
    BOOST_TEST(rollup(p, admin_parents(p, admin_level::province), partial).parents.at("population").values()(0) == 17.0);
}

BOOST_AUTO_TEST_CASE(bad_maps_are_named) {
    panel p = parse_csv("region,period,population[万人]\na,2023,1\nb,2023,2\nc,2023,3\n");
    try {
        rollup(p, {{"a", "x"}});
        BOOST_FAIL("expected error");
    } catch (const error& e) {
        BOOST_TEST(std::string(e.what()).find("no parent in the map: b, c") != std::string::npos);
    }
    try {
        rollup(p, {{"a", "b"}, {"b", "c"}, {"c", "a"}});
        BOOST_FAIL("expected error");
    } catch (const error& e) {
        BOOST_TEST(std::string(e.what()).find("cycle") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
