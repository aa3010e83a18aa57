#include "zhibiao/catalogue.hpp"

#include <boost/test/unit_test.hpp>

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(catalogues)

BOOST_AUTO_TEST_CASE(builtin_has_the_stable_ids) {
    const catalogue& c = catalogue::builtin();
    for (const char* id : {"invention_patents_per_10k", "hitech_va_share_gdp", "rd_intensity", "tech_contract_share_gdp",
                           "tech_contract_per_10k", "tech_contract_avg_value", "project_approval_rate", "funds_in_place_rate",
                           "budget_execution_rate", "reward_payout_rate", "funds_secured_rate", "target_completion_rate",
                           "progress_vs_time"}) {
        const indicator& i = c.at(id);
        BOOST_TEST(!i.name_zh.empty(), id);
        BOOST_TEST(!i.name_en.empty(), id);
        BOOST_TEST(!i.source.empty(), id);
        BOOST_TEST(c.variable(i.numerator) != nullptr, id);
        BOOST_TEST(c.variable(i.denominator) != nullptr, id);
    }
    BOOST_TEST(c.at("progress_vs_time").minus_elapsed);
    BOOST_TEST(c.at("invention_patents_per_10k").unit.exponent() == -4);
}

BOOST_AUTO_TEST_CASE(scopes_are_recorded) {
    const catalogue& c = catalogue::builtin();
    BOOST_TEST(!c.at("hitech_va_share_gdp").scope.empty());
    BOOST_TEST(c.at("hitech_va_share_gdp").scope != c.at("hitech_va_share_industry").scope);
}

BOOST_AUTO_TEST_CASE(unknown_ids_suggest_the_nearest) {
    try {
        (void)catalogue::builtin().at("rd_intensty");
        BOOST_FAIL("expected unknown_indicator_error");
    } catch (const unknown_indicator_error& e) {
        BOOST_TEST(e.name() == "rd_intensty");
        BOOST_TEST(std::string(e.what()).find("did you mean 'rd_intensity'") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(user_catalogue_and_errors) {
    catalogue c = catalogue::from_toml(R"(
[[indicator]]
id = "staff_per_firm"
formula = "staff / firms"
unit = "人/家"
)");
    BOOST_TEST(c.at("staff_per_firm").numerator == "staff");
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a + b\"\nunit = \"%\"\n"), parse_error);
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a / b\"\nunit = \"美元\"\n"), parse_error);
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]]\nid = \"x\"\nunit = \"%\"\n"), parse_error);
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]\n"), parse_error);
    try {
        catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a + b\"\nunit = \"%\"\n", "mine.toml");
    } catch (const parse_error& e) {
        std::string what = e.what();
        BOOST_TEST(what.find("mine.toml") != std::string::npos);
        BOOST_TEST(what.find("indicator 'x'") != std::string::npos);
        BOOST_TEST(what.find("formula") != std::string::npos);
        BOOST_TEST(what.find("  ^") != std::string::npos);  // caret under the '+'
    }
}

BOOST_AUTO_TEST_SUITE_END()
