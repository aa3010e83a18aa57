#include "zhibiao/validate.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "zhibiao/csv.hpp"

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(validation)

bool has(const validation_report& r, const std::string& entity, const std::string& rule_id) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const finding& f) { return f.entity == entity && f.rule == rule_id; });
}

BOOST_AUTO_TEST_CASE(builtin_rules_find_the_problems_of_section_7) {
    panel p = parse_csv(
        "region,period,projects_applied,projects_approved,reward_due[万元],reward_paid[万元],valid_invention_patents,"
        "population[万人],rd_expenditure[亿元],gdp[亿元],rd_intensity[%]\n"
        "ok,2022,10,5,100,50,100,50,2,100,2.00\n"
        "ok,2023,10,5,100,50,110,50,2,100,2.00\n"
        "bad,2022,10,12,100,150,-3,50,2,100,2.10\n"
        "bad,2023,10,5,100,50,2.5,50,20,10,2.00\n"
        "jump,2022,1,1,1,1,100,50,1,100,1\n"
        "jump,2023,1,1,1,1,200,50,1,100,1\n");
    validation_report r = validate(p);
    BOOST_TEST(!has(r, "ok", "approved_not_above_applied"));
    BOOST_TEST(has(r, "bad", "approved_not_above_applied"));
    BOOST_TEST(has(r, "bad", "paid_not_above_due"));
    BOOST_TEST(has(r, "bad", "patents_whole_and_non_negative"));  // -3 and 2.5
    BOOST_TEST(has(r, "bad", "rd_not_above_gdp"));
    BOOST_TEST(has(r, "bad", "published_rd_intensity_matches"));  // 2.10 published, 2.00 computed
    BOOST_TEST(!has(r, "ok", "published_rd_intensity_matches"));
    BOOST_TEST(has(r, "jump", "patents_per_10k_jump"));
    BOOST_TEST(!has(r, "ok", "patents_per_10k_jump"));
    std::size_t bad_patents = std::count_if(r.findings.begin(), r.findings.end(), [](const finding& f) {
        return f.entity == "bad" && f.rule == "patents_whole_and_non_negative";
    });
    BOOST_TEST(bad_patents == 2u);
    // Rules whose inputs are absent do not apply, and say so.
    BOOST_TEST(std::any_of(r.skipped.begin(), r.skipped.end(), [](const std::string& s) {
        return s.find("invention_grants_cumulative") != std::string::npos;
    }));
}

// Round 13: "1.2.3" read leniently is missing to every rule, so none checked its row and the file
// validated clean. The cell is a finding of its own, whatever the rules (none here).
BOOST_AUTO_TEST_CASE(a_cell_the_loader_could_not_read_is_a_finding) {
    csv_options lenient;
    lenient.lenient = true;
    panel p = parse_csv("region,period,gdp[亿元]\nok,2023,100\nbad,2023,1.2.3\n", lenient);
    const validation_report r = validate(p, {});
    BOOST_TEST(r.findings.size() == 1u);
    BOOST_TEST(has(r, "bad", "unparseable"));
    BOOST_TEST(r.findings[0].variable == "gdp");
    BOOST_TEST(r.findings[0].severity == "hard");
}

// Round 19 (trial19 F4): a lenient load that skipped whole lines (the wrong number of fields) left
// no cell to flag, so the file validated clean. Each skipped line is a hard finding naming it.
BOOST_AUTO_TEST_CASE(a_line_a_lenient_load_skipped_is_a_finding_naming_it) {
    csv_options lenient;
    lenient.lenient = true;
    panel p = parse_csv(
        "region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n320602,2023,100\n"
        "320603,2023,100,3000,,\n",
        lenient);
    const validation_report r = validate(p, {});
    BOOST_TEST_REQUIRE(r.findings.size() == 2u);
    for (const finding& f : r.findings) {
        BOOST_TEST(f.rule == "skipped_row");
        BOOST_TEST(f.severity == "hard");
    }
    BOOST_TEST(r.findings[0].message.find("3: the line was skipped (row has 3 fields") != std::string::npos);
    BOOST_TEST(r.findings[1].message.find("4: the line was skipped (row has 6 fields") != std::string::npos);
}

// Round 19 (trial19 F5): a city beside its districts, and a 合计 row, were ranked among them with
// no finding; roll-up refuses the first (nested_regions, the same rule), validate reports both.
BOOST_AUTO_TEST_CASE(a_region_beside_regions_inside_it_and_a_totals_row_are_findings) {
    panel p = parse_csv(
        "region,period,gdp[亿元]\n3206,2023,300\n320601,2023,100\n320602,2023,200\n321001,2023,5\n"
        "合计,2023,605\n");
    const validation_report r = validate(p, {});
    BOOST_TEST(has(r, "3206", "nested_region"));
    BOOST_TEST(std::count_if(r.findings.begin(), r.findings.end(),
                             [](const finding& f) { return f.rule == "nested_region"; }) == 2);  // 320601, 320602
    BOOST_TEST(!has(r, "321001", "nested_region"));
    BOOST_TEST(has(r, "合计", "totals_row"));
    BOOST_TEST(r.findings.size() == 3u);
    // counties of one prefecture, no total: clean
    BOOST_TEST(validate(parse_csv("region,period,gdp[亿元]\n320601,2023,100\n320602,2023,200\n"), {}).findings.empty());
}

// Round 19 (trial19 F14): "the published … disagrees" gave no numbers; the finding states them.
BOOST_AUTO_TEST_CASE(a_published_ratio_finding_states_the_published_and_recomputed_numbers) {
    panel p = parse_csv("region,period,rd_expenditure[亿元],gdp[亿元],rd_intensity[%]\na,2023,2,100,2.10\n");
    const validation_report r = validate(p);
    const auto f = std::find_if(r.findings.begin(), r.findings.end(),
                                [](const finding& x) { return x.rule == "published_rd_intensity_matches"; });
    BOOST_TEST_REQUIRE((f != r.findings.end()));
    // Round 36: the published cell as written ("2.10", kept by read_csv), not its shortest form "2.1".
    BOOST_TEST(f->message.find("rd_intensity: published 2.10 %, recomputed 2 %") != std::string::npos, f->message);
}

// Round 36: a cell written without a final 0 is said in its shortest form, as before.
BOOST_AUTO_TEST_CASE(a_finding_says_a_published_cell_without_a_final_zero_as_written) {
    panel p = parse_csv("region,period,rd_expenditure[亿元],gdp[亿元],rd_intensity[%]\na,2023,2,100,2.1\n");
    const validation_report r = validate(p);
    const auto f = std::find_if(r.findings.begin(), r.findings.end(),
                                [](const finding& x) { return x.rule == "published_rd_intensity_matches"; });
    BOOST_TEST_REQUIRE((f != r.findings.end()));
    BOOST_TEST(f->message.find("rd_intensity: published 2.1 %, recomputed 2 %") != std::string::npos, f->message);
}

// trial24c: a count column headed without a unit (projects_approved, as a bureau table heads it)
// is read in the catalogue's 项, but the finding showed "projects_approved 14 1; projects_applied
// 10 1": the dimensionless "1" that stands in for no unit, as if it were one.
BOOST_AUTO_TEST_CASE(a_finding_shows_the_unit_a_count_is_read_in_not_the_stand_in_1) {
    panel p = parse_csv("region,period,projects_applied,projects_approved\na,2023,10,14\n");
    const validation_report r = validate(p);
    const auto f = std::find_if(r.findings.begin(), r.findings.end(),
                                [](const finding& x) { return x.rule == "approved_not_above_applied"; });
    BOOST_TEST_REQUIRE((f != r.findings.end()));
    BOOST_TEST(f->message.find("projects_approved 14 项; projects_applied 10 项") != std::string::npos, f->message);
}

// Round 15: a negative R&D expenditure (an amount the catalogue bounds at 0, which compute()
// refuses with negative_input) passed validate() clean: rd_not_above_gdp reads it as missing and
// only gdp's amount has a built-in rule. It is a finding of its own, whatever the rules; a cell a
// hard rule already named (gdp = -1: amounts_non_negative) is not reported twice.
BOOST_AUTO_TEST_CASE(a_value_the_catalogue_excludes_from_computing_is_a_finding) {
    panel p = parse_csv("region,period,gdp[亿元],rd_expenditure[万元]\nok,2023,100,5\nbad,2023,-1,-5\n");
    const validation_report mine = validate(p, {});
    BOOST_TEST_REQUIRE(mine.findings.size() == 2u);
    BOOST_TEST(mine.findings[0].variable == "gdp");
    BOOST_TEST(mine.findings[1].variable == "rd_expenditure");
    BOOST_TEST(mine.findings[1].rule == "invalid_value");
    BOOST_TEST(mine.findings[1].severity == "hard");
    const validation_report built_in = validate(p);
    BOOST_TEST(has(built_in, "bad", "amounts_non_negative"));
    const auto on = [&](const std::string& variable) {
        return std::count_if(built_in.findings.begin(), built_in.findings.end(), [&](const finding& f) {
            return f.entity == "bad" && f.variable == variable && f.rule == "invalid_value";
        });
    };
    BOOST_TEST(on("gdp") == 0);
    BOOST_TEST(on("rd_expenditure") == 1);
    BOOST_TEST(!has(built_in, "ok", "invalid_value"));
}

BOOST_AUTO_TEST_CASE(user_rules_in_the_same_language) {
    std::vector<rule> rules = rules_from_toml(R"(
[[rule]]
id = "staff_not_above_employees"
variable = "st_staff"
check = "st_staff <= employees"
message = "more S&T staff than employees"
)");
    panel p = parse_csv("region,period,st_staff[人],employees[人]\na,2023,5,10\nb,2023,12,10\n");
    validation_report r = validate(p, rules);
    BOOST_TEST(r.findings.size() == 1u);
    BOOST_TEST(r.findings[0].entity == "b");
    BOOST_CHECK_THROW(rules_from_toml("[[rule]]\nid = \"x\"\ncheck = \"a <\"\n"), parse_error);
    BOOST_CHECK_THROW(rules_from_toml("[[rule]]\nid = \"x\"\n"), parse_error);
    BOOST_CHECK_THROW(rules_from_toml("[[rule]]\nid = \"x\"\ncheck = \"1\"\nseverity = \"meh\"\n"), parse_error);
}

// Round 10: a catalogue variable in a unit of another quantity (gdp[万人], a header slip) passed
// validate() clean — the rules read it through published() and bare bounds, which take any
// unit — though compute() refuses it. validate() now refuses it, naming the variable.
BOOST_AUTO_TEST_CASE(a_catalogue_variable_in_a_unit_of_another_quantity_is_refused) {
    for (const char* header : {"gdp[万人]", "population[亿元]", "rd_intensity[万元]"}) {
        panel p = parse_csv(std::string("region,period,") + header + "\nA,2023,1\n");
        try {
            validate(p);
            BOOST_FAIL("expected incompatible_units_error");
        } catch (const incompatible_units_error& e) {
            BOOST_TEST(e.message().find("is the unit in the header right?") != std::string::npos);
            BOOST_TEST(!e.where().variable.empty());
        }
    }
    // Another unit of the same quantity is fine, and so is a variable the catalogue does not know.
    panel ok = parse_csv("region,period,gdp[万元],population[人],staff[万人]\nA,2023,1,2,3\n");
    BOOST_TEST(validate(ok).findings.empty());
}

// Round 10: a rules file with a misspelt key or table was read as if the key were absent — a
// `[[rules]]` file checked nothing and reported no findings (a clean bill for bad data), and a
// rule without its message, or with two ids alike, or a check that is a number ("gdp - 50[亿元]",
// true wherever not 0, so it never fired), or a `variable` the check does not read (the finding
// names another cell) passed too. Each is a parse_error naming the file, line and key.
BOOST_AUTO_TEST_CASE(rules_files_refuse_what_would_check_nothing_or_the_wrong_thing) {
    auto message_of = [](const std::string& text) -> std::string {
        try {
            rules_from_toml(text, "r.toml");
        } catch (const parse_error& e) {
            BOOST_TEST(e.where().file == "r.toml");
            return e.what();
        }
        BOOST_FAIL("expected parse_error for " + text);
        return {};
    };
    const std::string good = "id = \"x\"\nvariable = \"gdp\"\ncheck = \"gdp > 50[亿元]\"\n";
    BOOST_TEST(rules_from_toml("[[rule]]\n" + good).size() == 1u);
    BOOST_TEST(message_of("[[rules]]\n" + good).find("'rules' is not a key (did you mean 'rule'?)") !=
               std::string::npos);
    BOOST_TEST(message_of("").find("no [[rule]] tables") != std::string::npos);
    BOOST_TEST(message_of("[[rule]]\n" + good + "mesage = \"m\"\n")
                   .find("r.toml:5: rule 'x': 'mesage' is not a key (did you mean 'message'?)") != std::string::npos);
    BOOST_TEST(message_of("[[rule]]\n" + good + "[[rule]]\n" + good).find("is used twice (first on line 1)") !=
               std::string::npos);
    BOOST_TEST(message_of("[[rule]]\nid = \"x\"\ncheck = \"gdp - 50[亿元]\"\n").find("must be a condition") !=
               std::string::npos);
    BOOST_TEST(message_of("[[rule]]\nid = \"x\"\nvariable = \"gdpp\"\ncheck = \"gdp > 50[亿元]\"\n")
                   .find("is not read by the check, so findings would name the wrong cell (did you mean 'gdp'?)") !=
               std::string::npos);
    // Conditions of every shape are accepted: not, and/or, missing(), if() between conditions.
    for (const char* check : {"not (gdp > 1[亿元])", "gdp > 1[亿元] or missing(gdp)", "missing(gdp)",
                              "if(gdp > 1[亿元], gdp < 9[亿元], gdp == 0)"})
        BOOST_TEST(rules_from_toml(std::string("[[rule]]\nid = \"x\"\ncheck = \"") + check + "\"\n").size() == 1u);
}

BOOST_AUTO_TEST_CASE(every_builtin_rule_checks_its_units) {
    // With every catalogue variable present, a rule may only be skipped for a column the panel
    // lacks — never for a unit mistake in the rule itself.
    std::string header = "region,period", row = "a,2023";
    for (const auto& v : catalogue::builtin().variables()) {
        std::string u = v.dimension_name == "currency" ? "万元"
                        : v.dimension_name == "person" ? "万人"
                        : v.dimension_name == "count"  ? "件"
                                                       : "项";
        header += "," + v.id + "[" + u + "]";
        row += ",1";
    }
    validation_report r = validate(parse_csv(header + "\n" + row + "\n"));
    for (const auto& s : r.skipped) BOOST_TEST(s.find("the panel has no") != std::string::npos, s);
    BOOST_TEST(r.rules_applied + r.skipped.size() == builtin_rules().size());
}

BOOST_AUTO_TEST_CASE(a_unitless_column_is_one_finding_and_a_published_ratio_takes_the_catalogues_unit) {
    // gdp without a unit: the rules reading it cannot run (one finding), the others still do;
    // invention_patents_per_10k without a unit is read in 件/万人 (it aborted validate before).
    panel p = parse_csv(
        "region,period,gdp,rd_expenditure[万元],population[万人],valid_invention_patents,invention_patents_per_10k\n"
        "A,2023,100,125,50,45,0.90\nB,2023,100,125,0,46,0.95\n");
    validation_report r = validate(p);
    const auto unitless = std::count_if(r.findings.begin(), r.findings.end(), [](const finding& f) {
        return f.rule == "unit_missing" && f.variable == "gdp" && f.message.find("gdp[万元]") != std::string::npos;
    });
    BOOST_TEST(unitless == 1);
    BOOST_TEST(has(r, "B", "population_positive"));
    BOOST_TEST(!has(r, "A", "published_patents_per_10k_matches"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(validation_errors)

BOOST_AUTO_TEST_CASE(rule_errors_keep_their_class) {
    std::string chain = "a > 0";
    for (int k = 1; k < 20000; ++k) chain += " and a > 0";
    try {
        rules_from_toml("[[rule]]\nid = \"long\"\ncheck = \"" + chain + "\"\n", "rules.toml");
        BOOST_FAIL("expected limit_error");
    } catch (const limit_error& e) {
        BOOST_TEST(e.where().file == "rules.toml");
        BOOST_TEST(e.where().line == 3u);
        BOOST_TEST(e.message().find("rule 'long': key 'check': formula more than") == 0u);
    }
    // A unit mistake in a rule: the rule is named, the class kept.
    std::vector<rule> rules = rules_from_toml("[[rule]]\nid = \"tiny\"\ncheck = \"staff + gdp > 0\"\n");
    panel p = parse_csv("region,period,staff[人],gdp[万元]\na,2023,1,2\n");
    try {
        validate(p, rules);
        BOOST_FAIL("expected incompatible_units_error");
    } catch (const incompatible_units_error& e) {
        BOOST_TEST(e.message().find("rule 'tiny': cannot add") == 0u);
    }
}

// Round 27: names used as the entity (no codes), 西湖 and 西湖区 are two entities of one region:
// a soft finding naming both, on the full name; not for codes, nor for two places (南昌县, 南昌市).
BOOST_AUTO_TEST_CASE(two_name_entities_differing_only_by_a_suffix_are_a_finding) {
    const validation_report r =
        validate(parse_csv("region,period,gdp[亿元]\n西湖,2024,1\n西湖区,2025,2\n南昌县,2024,3\n南昌市,2024,4\n"), {});
    BOOST_TEST_REQUIRE(r.findings.size() == 1u);
    BOOST_TEST(r.findings[0].entity == "西湖区");
    BOOST_TEST(r.findings[0].rule == "one_region_two_names");
    BOOST_TEST(r.findings[0].severity == "soft");
    BOOST_TEST(r.findings[0].message.find("'西湖' and '西湖区'") != std::string::npos, r.findings[0].message);
    BOOST_TEST(validate(parse_csv("region,name,period,gdp[亿元]\n360103,西湖,2024,1\n360104,西湖区,2024,2\n"), {})
                   .findings.empty());
}

// Round 28: 全国 beside a city's districts is no sum of them; its finding says it is the nation.
BOOST_AUTO_TEST_CASE(the_nation_is_said_as_the_nation_not_as_the_others_sum) {
    const validation_report r = validate(
        parse_csv("region,name,period,gdp[亿元]\n360102,东湖区,2024,1\n360103,西湖区,2024,2\n100000,全国,2024,9\n"),
        {});
    BOOST_TEST_REQUIRE(r.findings.size() == 1u);
    BOOST_TEST(r.findings[0].rule == "totals_row");
    BOOST_TEST(r.findings[0].message.find("is the nation") != std::string::npos, r.findings[0].message);
    BOOST_TEST(r.findings[0].message.find("others' sum") == std::string::npos, r.findings[0].message);
}

// One rule for a totals row's code or name, whoever asks (validate, read_csv, the composite).
BOOST_AUTO_TEST_CASE(what_a_totals_row_looks_like) {
    for (const char* total : {"合计", "全市合计", " 总 计", "小计（工业）", "共计", "全 市", "全国", "TOTAL", "Sum",
                              "全国平均", "中国", "全国（不含港澳台）", "全国 "})
        BOOST_TEST(zhibiao::looks_like_totals_row(total), total);
    for (const char* region : {"320601", "崇川区", "全市第一中学", "合肥市", "totals of X", "", "summit"})
        BOOST_TEST(!zhibiao::looks_like_totals_row(region), region);
}

// The nation, said apart from the others' sums (python/zhibiao/_panel.py asks this through the binding).
BOOST_AUTO_TEST_CASE(the_nation_as_tables_write_it) {
    for (const char* nation :
         {"全国", " 全国 ", "全国\u3000", "全国平均", "中国", "全国（不含港澳台）", "全国(不含港澳台)"})
        BOOST_TEST(zhibiao::is_nation(nation), nation);
    for (const char* other : {"全市", "合计", "中国科学院", "全国合计", ""})
        BOOST_TEST(!zhibiao::is_nation(other), other);
}

BOOST_AUTO_TEST_SUITE_END()
