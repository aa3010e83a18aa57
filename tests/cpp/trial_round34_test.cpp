// A new user's trial of the C++ core (round 34): each case below was wrong on main.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/validate.hpp"

using namespace zhibiao;

namespace {

// Four counties of 320600: R&D 3000 万元, blank, "xyz", 5000 万元; GDP 100 亿元 each (docs/rollup.md).
panel four_counties() {
    csv_options lenient;
    lenient.lenient = true;
    return parse_csv(
        "region,period,gdp[亿元],rd_expenditure[万元]\n"
        "320601,2023,100,3000\n320602,2023,100,\n320603,2023,100,xyz\n320604,2023,100,5000\n",
        lenient);
}

rollup_options partial_sums() {
    rollup_options o;
    o.partial_sums = true;
    return o;
}

compute_options column_at_a_time() {
    compute_options o;
    o.fused = false;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trial_round34)

// compute() on the parents of a partial rollup() divided the R&D of two counties (8000 万元) by the
// GDP of four (400 亿元): 0.2 with reason none. A partial sum is the gap it stands for there.
BOOST_AUTO_TEST_CASE(an_indicator_over_a_partial_sum_is_missing_with_its_reason) {
    const panel counties = four_counties();
    const rollup_result r = rollup(counties, admin_parents(counties), partial_sums());
    BOOST_TEST(r.parents.at("rd_expenditure").values()(0) == 8000.0);  // the partial sum itself stays
    for (const compute_options& o : {compute_options{}, column_at_a_time()}) {
        const indicator_table t = compute(r.parents, {"rd_intensity"}, o);
        BOOST_TEST(std::isnan(t[0].values()(0)));                  // was 0.2
        BOOST_TEST((t[0].reasons()[0] == reason::invalid_child));  // was none ("xyz" is invalid)
        const indicator_values sum = evaluate(r.parents, formula::parse("rd_expenditure + 0[万元]"));
        BOOST_TEST(std::isnan(sum.values()(0)));
        BOOST_TEST((sum.reasons()[0] == reason::invalid_child));
    }
    // A parent with only blank children is incomplete_rollup.
    const panel blank =
        parse_csv("region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n320602,2023,100,\n");
    const indicator_table b = compute(rollup(blank, admin_parents(blank), partial_sums()).parents, {"rd_intensity"});
    BOOST_TEST(std::isnan(b[0].values()(0)));
    BOOST_TEST((b[0].reasons()[0] == reason::incomplete_rollup));
    // The matched value is compute_rolled_up's: 0.8 亿元 / (100 + 100) 亿元 = 0.4 %, invalid_child
    // (docs/rollup.md's example, by hand).
    const indicator_table matched =
        compute_rolled_up(counties, admin_parents(counties), {"rd_intensity"}, partial_sums());
    BOOST_TEST(matched[0].values()(0) == 0.4, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((matched[0].reasons()[0] == reason::invalid_child));
}

// 3201 and 320100 are one region (admin_code; rollup refuses the panel), but validate said nothing.
BOOST_AUTO_TEST_CASE(one_region_in_two_code_widths_is_a_finding) {
    const panel p = parse_csv("region,year,gdp[亿元]\n3201,2023,10\n320100,2024,11\n");
    const validation_report report = validate(p);
    std::vector<finding> said;
    for (const auto& f : report.findings)
        if (f.rule == "one_region_two_widths") said.push_back(f);
    BOOST_TEST_REQUIRE(said.size() == 1u);
    BOOST_TEST(said[0].entity == "320100");
    BOOST_TEST(said[0].severity == "hard");
    for (const char* part : {"'3201' (rows of 2023)", "'320100' (rows of 2024)"})
        BOOST_TEST(said[0].message.find(part) != std::string::npos, said[0].message);
    BOOST_CHECK_THROW(rollup(p, admin_parents(p)), error);  // what the finding says rollup does
    // Two regions, or one region in one width: no such finding.
    for (const char* csv : {"region,year,gdp[亿元]\n3201,2023,10\n320200,2024,11\n",
                            "region,year,gdp[亿元]\n3201,2023,10\n3201,2024,11\n"})
        for (const auto& f : validate(parse_csv(csv)).findings) BOOST_TEST(f.rule != "one_region_two_widths");
}

// `auto v = [&] { indicator_table t = compute(p, ids); return t[0].values(); }();` kept a map into the
// table's freed block (ASan: heap-use-after-free). The values and reasons keep the block alive now.
BOOST_AUTO_TEST_CASE(values_taken_from_a_table_that_is_gone_keep_their_storage) {
    const panel county = parse_csv(
        "region,period,valid_invention_patents,population[万人]\n"
        "county,2023年上半年,45,50.0\n");
    std::weak_ptr<const void> block;
    const auto values = [&] {
        const indicator_table t = compute(county, {"invention_patents_per_10k"});
        block = t[0].storage_owner();
        return t[0].values();
    }();
    const auto reasons = [&] {
        const indicator_table t = compute(county, {"invention_patents_per_10k"});
        return t[0].reasons();
    }();
    std::vector<std::string> churn(64, std::string(200, 'x'));  // reuse the freed heap, if any
    BOOST_TEST(!block.expired());                               // was expired: the map owned nothing
    BOOST_TEST(values.size() == 1);
    BOOST_TEST(values(0) == 0.9);  // 45 件 / 50.0 万人
    BOOST_TEST(reasons.size() == 1u);
    BOOST_TEST((reasons[0] == reason::none));
}

// The same of a panel's column: `p.at("gdp").values()` kept after the panel was a map into freed memory.
BOOST_AUTO_TEST_CASE(values_taken_from_a_panel_that_is_gone_keep_their_storage) {
    std::weak_ptr<const void> block;
    const auto values = [&] {
        const panel p = parse_csv("region,period,gdp[亿元]\n320601,2023,12.5\n320602,2023,7.5\n");
        block = p.at("gdp").storage_owner();
        return p.at("gdp").values();
    }();
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(!block.expired());  // was expired: the map owned nothing
    BOOST_TEST(values.size() == 2);
    BOOST_TEST(values.sum() == 20.0);
}

// A quoted "1,234e3" in a ',' file was read as 1234000: grouping marks with an exponent are
// refused, as "1,2345" is.
BOOST_AUTO_TEST_CASE(thousands_separators_with_an_exponent_are_refused) {
    for (const char* cell : {"\"1,234e3\"", "\"1,234E3\"", "\"1,234.5e3\"", "\"1,2345\""}) {
        const std::string csv = std::string("region,period,gdp[亿元]\n320601,2023,") + cell + "\n";
        BOOST_CHECK_THROW(parse_csv(csv), parse_error);
        csv_options lenient;
        lenient.lenient = true;
        const panel p = parse_csv(csv, lenient);
        BOOST_TEST(std::isnan(p.at("gdp").values()(0)), cell);
        BOOST_TEST((p.at("gdp").reason_at(0) == reason::unparseable));
    }
    BOOST_TEST(parse_csv("region,period,gdp[亿元]\n320601,2023,\"1,234\"\n").at("gdp").values()(0) == 1234.0);
    BOOST_TEST(parse_csv("region,period,gdp[亿元]\n320601,2023,1.234e3\n").at("gdp").values()(0) == 1234.0);
}

BOOST_AUTO_TEST_SUITE_END()
