// Round 37 (methodology trial): counts judged in their base unit, every published catalogue
// indicator checked against its parts, the scorecards' "mid" policy in whole points.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>

#include "io/headings.hpp"
#include "scorecard/internal.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/validate.hpp"

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(validate_round37)

namespace {
std::size_t count(const validation_report& r, const std::string& entity, const std::string& rule_id) {
    return static_cast<std::size_t>(std::count_if(r.findings.begin(), r.findings.end(), [&](const finding& f) {
        return f.entity == entity && f.rule == rule_id;
    }));
}
}  // namespace

BOOST_AUTO_TEST_CASE(counts_in_wan_are_whole_in_their_base_unit) {
    // indicators.md §1.5: 221.3万件 = 2,213,000 件; §3.2: 29.5万项 = 295,000 项. Both whole.
    // 221.12345万件 = 2,211,234.5 件 is not.
    const panel p = parse_csv(
        "region,period,population[万人],valid_invention_patents[万件],tech_contract_count[万项]\n"
        "CN,2020,140005,221.3,29.5\n"
        "X,2020,140005,221.12345,29.5\n");
    const validation_report r = validate(p);
    BOOST_TEST(count(r, "CN", "patents_whole_and_non_negative") == 0U);
    BOOST_TEST(count(r, "CN", "contracts_whole_and_non_negative") == 0U);
    BOOST_TEST(count(r, "X", "patents_whole_and_non_negative") == 1U);
    BOOST_TEST(count(r, "CN", "invalid_value") == 0U);
}

BOOST_AUTO_TEST_CASE(every_catalogue_indicator_has_a_printed_precision_rule) {
    const std::vector<rule>& rules = builtin_rules();
    for (const indicator& ind : catalogue::builtin().indicators()) {
        const bool checked = std::any_of(rules.begin(), rules.end(), [&](const rule& x) {
            return x.variable == ind.id && x.check.find("printed_round(" + ind.id + ",") != std::string::npos;
        });
        BOOST_TEST(checked, ind.id);
    }
    // rules.toml's three keep their ids, and no indicator is checked twice
    for (const char* id : {"published_rd_intensity_matches", "published_hitech_share_matches",
                           "published_patents_per_10k_matches", "published_project_approval_rate_matches"})
        BOOST_TEST(std::count_if(rules.begin(), rules.end(), [&](const rule& x) { return x.id == id; }) == 1, id);
}

BOOST_AUTO_TEST_CASE(a_published_approval_rate_is_checked_against_its_parts) {
    // indicators.md §4.1: 11 of 28 = 39.3 %. Before: 0 findings for a published 45.0.
    const panel p = parse_csv(
        "region,period,projects_applied,projects_approved,project_approval_rate[%]\n"
        "A,2024,28,11,45.0\n"
        "B,2024,28,11,39.3\n");
    const validation_report r = validate(p);
    BOOST_TEST(count(r, "A", "published_project_approval_rate_matches") == 1U);
    BOOST_TEST(count(r, "B", "published_project_approval_rate_matches") == 0U);
}

BOOST_AUTO_TEST_CASE(mid_points_are_whole) {
    // indicators.md §6a: each sub-item is scored in integers; bands 9–10, 19–24, 1–6, 25–30.
    BOOST_TEST(detail::mid_points(9, 10) == 10.0);
    BOOST_TEST(detail::mid_points(19, 24) == 22.0);
    BOOST_TEST(detail::mid_points(1, 6) == 4.0);
    BOOST_TEST(detail::mid_points(25, 30) == 28.0);
    BOOST_TEST(detail::mid_points(5, 5) == 5.0);
    BOOST_TEST(detail::mid_points(0, 0) == 0.0);
}

BOOST_AUTO_TEST_CASE(indicators_are_named_by_their_official_chinese_names) {
    // indicators.md §0: R&D经费投入强度, 每万人口发明专利拥有量, 项目立项率 head published tables.
    const catalogue& cat = catalogue::builtin();
    const auto id_of = [&](const char* heading) {
        const indicator* ind = detail::indicator_named(cat, heading);
        return ind ? ind->id : std::string("-");
    };
    BOOST_TEST(id_of("R&D经费投入强度") == "rd_intensity");
    BOOST_TEST(id_of("研究与试验发展经费投入强度") == "rd_intensity");  // by its meaning
    BOOST_TEST(id_of("每万人口发明专利拥有量") == "invention_patents_per_10k");
    BOOST_TEST(id_of("项目立项率") == "project_approval_rate");
    BOOST_TEST(id_of("rd_intensity") == "-");  // an id is no heading to rename
    BOOST_TEST(id_of("地区生产总值") == "-");  // a variable's name is the variables'
}

BOOST_AUTO_TEST_SUITE_END()
