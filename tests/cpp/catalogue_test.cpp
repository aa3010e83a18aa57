#include "zhibiao/catalogue.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(catalogues)

BOOST_AUTO_TEST_CASE(builtin_has_the_stable_ids) {
    const catalogue& c = catalogue::builtin();
    for (const char* id : {"invention_patents_per_10k", "hitech_va_share_gdp", "rd_intensity",
                           "tech_contract_share_gdp", "tech_contract_per_10k", "tech_contract_avg_value",
                           "project_approval_rate", "funds_in_place_rate", "budget_execution_rate",
                           "reward_payout_rate", "funds_secured_rate", "target_completion_rate", "progress_vs_time"}) {
        const indicator& i = c.at(id);
        BOOST_TEST(!i.name_zh.empty(), id);
        BOOST_TEST(!i.name_en.empty(), id);
        BOOST_TEST(!i.source.empty(), id);
        for (const auto& input : i.inputs())
            BOOST_TEST((c.variable(input) != nullptr || c.find(input) != nullptr), id << " reads " << input);
    }
    BOOST_TEST((c.at("progress_vs_time").inputs() == std::vector<std::string>{"actual", "target"}));
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

// Round 12: `zhibiao compute --ids gdp` said only "unknown indicator 'gdp'", no word that gdp is an
// input, nor which indicators to ask for.
BOOST_AUTO_TEST_CASE(an_input_variable_asked_for_as_an_indicator_says_what_reads_it) {
    try {
        catalogue::builtin().at("gdp");
        BOOST_FAIL("expected unknown_indicator_error");
    } catch (const unknown_indicator_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("an input variable of the catalogue, not an indicator") != std::string::npos);
        BOOST_TEST(what.find("rd_intensity") != std::string::npos);
        BOOST_TEST(what.find("hitech_va_share_gdp") != std::string::npos);
        BOOST_TEST(what.find("did you mean") == std::string::npos);
    }
}

// Round 13: "tech_contract_valu" is one letter from the input variable tech_contract_value and
// five from the indicator tech_contract_avg_value; only indicators were candidates, so it suggested
// the farther indicator. Now the closest name of either kind, a variable named as one.
BOOST_AUTO_TEST_CASE(did_you_mean_considers_input_variables_and_says_which_kind) {
    try {
        catalogue::builtin().at("tech_contract_valu");
        BOOST_FAIL("expected unknown_indicator_error");
    } catch (const unknown_indicator_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("did you mean the input variable 'tech_contract_value'? It is no indicator; indicators "
                             "that read it: ") != std::string::npos,
                   what);
        BOOST_TEST(what.find("tech_contract_avg_value") != std::string::npos, what);  // among its readers
        BOOST_TEST(e.name() == "tech_contract_valu");
    }
    try {  // an indicator that is closest is suggested as before
        catalogue::builtin().at("rd_intensty");
        BOOST_FAIL("expected unknown_indicator_error");
    } catch (const unknown_indicator_error& e) {
        BOOST_TEST(std::string(e.what()).find("(did you mean 'rd_intensity'?)") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(other_names_read_a_heading_as_the_variable_and_belong_to_one_variable) {
    // Statistical tables head R&D expenditure "R&D经费内部支出" (the NBS term) and GDP "GDP":
    // read as the built-in variables, with the rename reported.
    const catalogue& builtin = catalogue::builtin();
    const variable_spec* rd = builtin.variable("rd_expenditure");
    BOOST_REQUIRE(rd);
    BOOST_TEST((std::find(rd->other_names.begin(), rd->other_names.end(), "R&D经费内部支出") != rd->other_names.end()));
    // a name two variables share is refused at the entry that repeats it
    const std::string clash =
        "[[variable]]\nid = \"a\"\nname_zh = \"甲\"\ndimension = \"count\"\n"
        "[[variable]]\nid = \"b\"\nother_names = [\"乙\", \"甲\"]\ndimension = \"count\"\n";
    try {
        (void)catalogue::from_toml(clash, "mine.toml");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("mine.toml:7") != std::string::npos, what);
        BOOST_TEST(what.find("'甲' already names variable 'a'") != std::string::npos, what);
    }
    BOOST_CHECK_THROW(catalogue::from_toml("[[variable]]\nid = \"a\"\nother_names = \"甲\"\n"), parse_error);
    const catalogue own = catalogue::from_toml(
        "[[variable]]\nid = \"a\"\nname_zh = \"甲\"\nother_names = [\"甲乙\"]\ndimension = \"count\"\n");
    BOOST_TEST(own.variable("a")->other_names == std::vector<std::string>{"甲乙"});
}

BOOST_AUTO_TEST_CASE(user_catalogue_and_errors) {
    catalogue c = catalogue::from_toml(R"(
[[indicator]]
id = "staff_per_firm"
formula = "staff / firms"
unit = "人/家"
)");
    BOOST_TEST((c.at("staff_per_firm").inputs() == std::vector<std::string>{"staff", "firms"}));
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a +\"\nunit = \"%\"\n"),
                      parse_error);
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a / b\"\nunit = \"美元\"\n"),
                      unknown_unit_error);
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]]\nid = \"x\"\nunit = \"%\"\n"), parse_error);
    BOOST_CHECK_THROW(catalogue::from_toml("[[indicator]\n"), parse_error);
    try {
        catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a + * b\"\nunit = \"%\"\n", "mine.toml");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        std::string what = e.what();
        BOOST_TEST(what.find("mine.toml") != std::string::npos);
        BOOST_TEST(what.find("indicator 'x'") != std::string::npos);
        BOOST_TEST(what.find("formula") != std::string::npos);
        BOOST_TEST(what.find("a + * b\n      ^") != std::string::npos);  // caret under the '*'
    }
}

BOOST_AUTO_TEST_CASE(units_are_checked_when_the_catalogue_loads) {
    const std::string bad =
        "[[variable]]\nid = \"gdp\"\ndimension = \"currency\"\n"
        "[[variable]]\nid = \"pop\"\ndimension = \"person\"\n"
        "[[indicator]]\nid = \"nonsense\"\nformula = \"gdp + pop\"\nunit = \"元\"\n";
    try {
        catalogue::from_toml(bad, "bad.toml");
        BOOST_FAIL("expected incompatible_units_error");
    } catch (const incompatible_units_error& e) {  // a unit error, as from evaluate(), with where it is
        std::string what = e.what();
        BOOST_TEST(what.find("bad.toml:9: indicator 'nonsense': key 'formula': cannot add") == 0u);
        BOOST_TEST(what.find("gdp + pop\n  ^~~~~~~~") != std::string::npos);
        BOOST_TEST(e.where().file == "bad.toml");
        BOOST_TEST(e.where().line == 9u);
    }
    // A result that cannot become the declared unit is refused too, checked again once every
    // indicator is known (`y` uses `z`, defined below it).
    BOOST_CHECK_THROW(catalogue::from_toml("[[variable]]\nid = \"gdp\"\ndimension = \"currency\"\n"
                                           "[[indicator]]\nid = \"x\"\nformula = \"gdp\"\nunit = \"%\"\n"),
                      incompatible_units_error);
    try {
        catalogue::from_toml(
            "[[indicator]]\nid = \"y\"\nformula = \"z\"\nunit = \"%\"\n"
            "[[indicator]]\nid = \"z\"\nformula = \"gdp\"\nunit = \"元\"\n"
            "[[variable]]\nid = \"gdp\"\ndimension = \"currency\"\n",
            "late.toml");
        BOOST_FAIL("expected incompatible_units_error");
    } catch (const incompatible_units_error& e) {
        BOOST_TEST(e.where().file == "late.toml");
        BOOST_TEST(e.where().line == 3u);
        BOOST_TEST(e.message().find("indicator 'y': key 'formula': ") == 0u);
    }
    // An unknown unit keeps its class and its text.
    try {
        catalogue::from_toml("[[variable]]\nid = \"v\"\nunit = \"斤\"\n", "u.toml");
        BOOST_FAIL("expected unknown_unit_error");
    } catch (const unknown_unit_error& e) {
        BOOST_TEST(e.unit_text() == "斤");
        BOOST_TEST(e.where().line == 3u);
        BOOST_TEST(e.message().find("variable 'v': key 'unit': unknown unit") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(cycles_are_named) {
    try {
        catalogue::from_toml(
            "[[indicator]]\nid = \"a\"\nformula = \"b + 1\"\nunit = \"1\"\n"
            "[[indicator]]\nid = \"b\"\nformula = \"c * 2\"\nunit = \"1\"\n"
            "[[indicator]]\nid = \"c\"\nformula = \"a\"\nunit = \"1\"\n");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("a → b → c → a") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(catalogue_regressions)

// Found by fuzzing: toml++ 3.3 reaches undefined behaviour on malformed UTF-8 and on a non-ASCII
// character after a line-ending backslash; such text is refused before it gets there.
BOOST_AUTO_TEST_CASE(text_that_toml_plus_plus_cannot_take_is_refused) {
    BOOST_CHECK_THROW(catalogue::from_toml("# \xe9\xab\x98\x8a\n", "bad.toml"), parse_error);
    BOOST_CHECK_THROW(catalogue::from_toml("s = \"\"\"\\\n\xc2\xa7\"\"\"\n", "bad.toml"), parse_error);
    BOOST_CHECK_NO_THROW(catalogue::from_toml("# 高新技术\n"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(catalogue_regressions_2)

// Found by fuzzing: any of U+00A1–U+0499 (×, §, Cyrillic …) where toml++ 3.3 checks for
// whitespace reached undefined behaviour; such characters now pass through intact.
BOOST_AUTO_TEST_CASE(characters_toml_plus_plus_mishandles_round_trip) {
    catalogue c = catalogue::from_toml(
        "[[indicator]]\nid = \"x\"\nname_en = \"a × b § c Ж\"\nformula = \"a / b\"\nunit = \"1\"\n");
    BOOST_TEST(c.at("x").name_en == "a × b § c Ж");
    BOOST_CHECK_THROW(catalogue::from_toml("[ × ]\n"), parse_error);  // non-ASCII outside strings (TOML 1.0)
    BOOST_CHECK_NO_THROW(catalogue::from_toml("\xEF\xBB\xBF# BOM and 注释\n"));
    BOOST_CHECK_THROW(catalogue::from_toml("[)"), parse_error);                           // toml++ 3.3 asserts on it
    BOOST_CHECK_NO_THROW(catalogue::from_toml("catalogue_version = [\n  [1, 2],\n]\n"));  // an array line is no header
    BOOST_CHECK_THROW(catalogue::from_toml("s = \"\xee\x80\x80\"\n"), parse_error);       // private use: refused
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(catalogue_keys)

// A misspelt key was ignored: `decimal = 3` printed 2 decimals, `[[indicators]]` added nothing.
BOOST_AUTO_TEST_CASE(a_key_or_table_the_catalogue_does_not_know_is_refused_at_its_line) {
    const std::pair<const char*, const char*> cases[] = {
        {"[[indicator]]\nid = \"x\"\nformula = \"gdp\"\nunit = \"亿元\"\ndecimal = 3\n",
         "'decimal' is not a key (did you mean 'decimals'?)"},
        {"[[indicators]]\nid = \"x\"\nformula = \"gdp\"\nunit = \"亿元\"\n",
         "'indicators' is not a key (did you mean 'indicator'?)"},
        {"[[variable]]\nid = \"gdp\"\ndimention = \"currency\"\n",
         "'dimention' is not a key (did you mean 'dimension'?)"},
    };
    for (const auto& c : cases) {
        try {
            (void)catalogue::from_toml(c.first, "mine.toml");
            BOOST_FAIL("expected parse_error for " << c.first);
        } catch (const parse_error& e) {
            BOOST_TEST(std::string(e.what()).find(c.second) != std::string::npos, e.what());
            BOOST_TEST(e.where().file == "mine.toml");
            BOOST_TEST(e.where().line > 0u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(catalogue_limits)

BOOST_AUTO_TEST_CASE(a_long_chain_in_a_catalogue_is_a_limit_error_at_its_key) {
    std::string chain = "a";
    for (int k = 1; k < 20000; ++k) chain += " * a";
    try {
        catalogue::from_toml("[[indicator]]\nid = \"x\"\nunit = \"1\"\nformula = \"" + chain + "\"\n", "long.toml");
        BOOST_FAIL("expected limit_error");
    } catch (const limit_error& e) {
        BOOST_TEST(e.where().file == "long.toml");
        BOOST_TEST(e.where().line == 4u);
        BOOST_TEST(e.message().find("indicator 'x': key 'formula': formula more than 1000 levels deep") == 0u);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(an_added_indicator_takes_its_unit_from_unit_text_or_unit) {
    // trial23b F4: add() read only `unit` (default "1"), so an indicator given unit_text = "万元/人"
    // was refused: "the formula gives currency/person, which cannot convert to '1' (1)".
    catalogue c = catalogue::builtin();
    indicator by_text;
    by_text.id = "gdp_per_person";
    by_text.formula = "gdp / population";
    by_text.unit_text = "万元/人";
    c.add(by_text);
    BOOST_TEST(c.at("gdp_per_person").unit.symbol() == "万元/人");
    BOOST_TEST(c.declared_unit("gdp_per_person")->symbol() == "万元/人");

    indicator by_unit;
    by_unit.id = "gdp_per_10k";
    by_unit.formula = "gdp / population";
    by_unit.unit = unit::parse("亿元/万人");
    c.add(by_unit);
    BOOST_TEST(c.at("gdp_per_10k").unit_text == "亿元/万人");

    indicator agreeing = by_text;
    agreeing.unit = unit::parse("万元/人");
    c.add(agreeing);
    indicator differing = by_text;
    differing.unit = unit::parse("元/人");  // 10⁴ apart from unit_text
    try {
        c.add(differing);
        BOOST_ERROR("unit_text 万元/人 and unit 元/人 were both taken");
    } catch (const argument_error& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "indicator 'gdp_per_person': unit_text '万元/人' and unit '元/人' differ: give the unit once "
                   "(unit_text, or unit)");
    }
}
