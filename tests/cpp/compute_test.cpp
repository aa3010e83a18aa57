#include "zhibiao/compute.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>

#include "indicator_fixture.hpp"
#include "zhibiao/csv.hpp"

using namespace zhibiao;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(computation)

// The figures of the example county report and the worked cases of ../shared/spec/indicators.md.
const char* county_report =
    "entity,period,valid_invention_patents,population[万人],projects_applied,projects_approved,target,actual,"
    "hitech_value_added[亿元],gdp[亿元],rd_expenditure[万元]\n"
    "county,2023H1,45,50.0,28,11,100,56,11414.5,50012.85,\n";

BOOST_AUTO_TEST_CASE(worked_cases_of_the_specification) {
    panel p = parse_csv(county_report);
    indicator_table t = compute(p, {"invention_patents_per_10k", "project_approval_rate", "target_completion_rate",
                                    "progress_vs_time", "hitech_va_share_gdp"});
    // 45 patents / 50.0万 people = 0.90 件/万人 (indicators.md §1.5).
    BOOST_TEST(t.at("invention_patents_per_10k").values()(0) == 0.9, tt::tolerance(1e-12));
    // 11 of 28 projects = 39.3% (§4.1).
    BOOST_TEST(std::round(t.at("project_approval_rate").values()(0) * 10) / 10 == 39.3);
    // target 100, 56 done by June: 56% complete, 50% of the time, +6.0 percentage points (§5).
    BOOST_TEST(t.at("target_completion_rate").values()(0) == 56.0, tt::tolerance(1e-12));
    BOOST_TEST(t.at("progress_vs_time").values()(0) == 6.0, tt::tolerance(1e-12));
    BOOST_TEST(t.at("progress_vs_time").unit().symbol() == "百分点");
    // Hunan 2023: 11414.5亿 / 50012.85亿 = 22.8% (§2).
    BOOST_TEST(std::round(t.at("hitech_va_share_gdp").values()(0) * 10) / 10 == 22.8);
}

BOOST_AUTO_TEST_CASE(day_basis_for_time_progress) {
    panel p = parse_csv(county_report);
    compute_options o;
    o.basis = elapsed_basis::day;
    // 2023 is not a leap year: 181/365 of the year by June 30.
    BOOST_TEST(
        compute_indicator(p, catalogue::builtin().at("progress_vs_time"), o).values()(0) == 56.0 - 18100.0 / 365.0,
        tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(units_convert_and_never_slip_by_ten_thousand) {
    // R&D 33357.1亿元 over GDP 1260582亿元 = 2.65% (2023 bulletin, §3.1); the same with R&D in 万元.
    panel a = parse_csv("entity,period,rd_expenditure[亿元],gdp[亿元]\nCN,2023,33357.1,1260582\n");
    panel b = parse_csv("entity,period,rd_expenditure[万元],gdp[亿元]\nCN,2023,333571000,1260582\n");
    double ia = compute(a, {"rd_intensity"}).at("rd_intensity").values()(0);
    double ib = compute(b, {"rd_intensity"}).at("rd_intensity").values()(0);
    BOOST_TEST(std::round(ia * 100) / 100 == 2.65);
    BOOST_TEST(ia == ib, tt::tolerance(1e-14));
    // Technology contracts 2013: 7469.1亿元 over 29.5万项 = 253.2万元 per contract (§3.2).
    panel c = parse_csv("entity,period,tech_contract_value[亿元],tech_contract_count[万项]\nCN,2013,7469.1,29.5\n");
    BOOST_TEST(compute(c, {"tech_contract_avg_value"}).at("tech_contract_avg_value").values()(0) == 253.19,
               tt::tolerance(1e-4));
}

BOOST_AUTO_TEST_CASE(every_missing_value_has_a_reason) {
    panel p = parse_csv(
        "entity,period,projects_applied,projects_approved,valid_invention_patents,population[万人],target,actual\n"
        "a,2023,0,0,5,-1,0,1\n"
        "b,2023,10,12,-3,10,-5,1\n"
        "c,2023,,3,4,0,100,50\n");
    indicator_table t = compute(p, {"project_approval_rate", "invention_patents_per_10k", "target_completion_rate"});
    const auto& approval = t.at("project_approval_rate");
    BOOST_TEST((approval.reasons()[0] == reason::zero_denominator));
    BOOST_TEST((approval.reasons()[1] == reason::out_of_range));  // 12 of 10 is above 100%
    BOOST_TEST((approval.reasons()[2] == reason::missing_input));
    const auto& per_10k = t.at("invention_patents_per_10k");
    BOOST_TEST((per_10k.reasons()[0] == reason::negative_input));  // a population of -1
    BOOST_TEST((per_10k.reasons()[1] == reason::negative_input));  // -3 patents
    BOOST_TEST((per_10k.reasons()[2] == reason::zero_denominator));
    const auto& completion = t.at("target_completion_rate");
    BOOST_TEST((completion.reasons()[0] == reason::zero_denominator));
    BOOST_TEST((completion.reasons()[1] == reason::negative_denominator));
    BOOST_TEST(completion.values()(2) == 50.0);
    for (const auto& col : t.columns())
        for (Eigen::Index r = 0; r < col.values().size(); ++r) {
            BOOST_TEST(!std::isinf(col.values()(r)));
            BOOST_TEST(std::isnan(col.values()(r)) == (col.reasons()[static_cast<std::size_t>(r)] != reason::none));
        }
}

BOOST_AUTO_TEST_CASE(unparseable_inputs_keep_their_reason) {
    csv_options o;
    o.lenient = true;
    panel p = parse_csv("entity,period,projects_applied,projects_approved\na,2023,abc,1\n", o);
    BOOST_TEST((compute(p, {"project_approval_rate"}).at("project_approval_rate").reasons()[0] == reason::unparseable));
}

// The error of a missing input names the indicator that needs it (and, for one read through
// another indicator, the path to it): with several ids asked, or compute_all, the formula alone
// left the user matching formulas by eye (trial23b F6, trial24c).
BOOST_AUTO_TEST_CASE(a_missing_input_names_the_indicator_that_needs_it) {
    const panel p = parse_csv("entity,period,gdp[亿元],population[万人]\na,2023,1,2\n");
    const auto message_of = [&p](const std::vector<std::string>& ids, const catalogue& cat) {
        try {
            compute(p, ids, {}, cat);
        } catch (const missing_variable_error& e) {
            BOOST_TEST(e.where().variable == e.name());
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string one = message_of({"hitech_va_share_gdp", "rd_intensity"}, catalogue::builtin());
    BOOST_TEST(one.find("indicator 'hitech_va_share_gdp': the panel has no variable 'hitech_value_added'") !=
                   std::string::npos,
               one);
    catalogue c = catalogue::builtin();
    indicator twice;
    twice.id = "rd_intensity_twice";
    twice.formula = "2 * rd_intensity";
    twice.unit_text = "%";
    c.add(twice);
    const std::string through = message_of({"rd_intensity_twice"}, c);
    BOOST_TEST(through.find("indicator 'rd_intensity_twice' (through 'rd_intensity'): the panel has no variable "
                            "'rd_expenditure'") != std::string::npos,
               through);
    // An ad-hoc formula is no indicator: its message is as before.
    try {
        evaluate(p, formula::parse("gdp / rnd"));
        BOOST_FAIL("no error");
    } catch (const missing_variable_error& e) {
        BOOST_TEST(std::string(e.what()).find("indicator") == std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(strict_and_lenient_about_missing_variables_and_units) {
    panel p = parse_csv("entity,period,gdp[亿元],population[人]\na,2023,1,2\n");
    BOOST_CHECK_THROW(compute(p, {"rd_intensity"}), missing_variable_error);
    BOOST_CHECK_THROW(compute(p, {"no_such_indicator"}), unknown_indicator_error);
    panel wrong = parse_csv("entity,period,tech_contract_value[人],gdp[亿元]\na,2023,1,2\n");
    BOOST_CHECK_THROW(compute(wrong, {"tech_contract_share_gdp"}), incompatible_units_error);
    panel no_unit = parse_csv("entity,period,rd_expenditure,gdp[亿元]\na,2023,1,2\n");
    BOOST_CHECK_THROW(compute(no_unit, {"rd_intensity"}), incompatible_units_error);

    compute_options lenient;
    lenient.strict = false;
    indicator_table t = compute_all(p, catalogue::builtin(), lenient);
    BOOST_TEST((t.at("rd_intensity").reasons()[0] == reason::missing_variable));
    BOOST_TEST(!t.at("rd_intensity").column_problem().empty());
    BOOST_TEST((compute(wrong, {"tech_contract_share_gdp"}, lenient).at("tech_contract_share_gdp").reasons()[0] ==
                reason::unit_mismatch));
}

// Trial c26: compute_all(p) of a panel without every variable of the catalogue (any panel a
// bureau has) threw the first missing_variable_error; Python's compute() of the whole catalogue
// gives such indicators as NaN with their reason, and so does compute_all without options now.
// 0.9 件/万人: 45 件 over 50 万人 (indicators.md §1.5).
BOOST_AUTO_TEST_CASE(compute_all_without_options_keeps_indicators_it_cannot_compute_as_missing) {
    const panel p = parse_csv("region,period,valid_invention_patents,population[万人]\ncounty,2023,45,50.0\n");
    const indicator_table t = compute_all(p);
    BOOST_TEST(t.size() == catalogue::builtin().indicators().size());
    BOOST_TEST(t.at("invention_patents_per_10k").values()(0) == 0.9);
    BOOST_TEST((t.at("rd_intensity").reasons()[0] == reason::missing_variable));
    BOOST_TEST(t.at("rd_intensity").missing_variable() == "rd_expenditure");
    BOOST_CHECK_THROW(compute_all(p, catalogue::builtin(), compute_options{}), missing_variable_error);
}

struct shared_data_present {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        return std::ifstream(ZHIBIAO_SHARED_DIR "/data/china-provincial-sti/panel.csv").good();
    }
};

BOOST_AUTO_TEST_CASE(provincial_rd_intensity_matches_the_published_figures,
                     *boost::unit_test::precondition(shared_data_present())) {
    // ../shared/data/china-provincial-sti/panel.csv (NBS bulletins via huhuaping/techme; GDP from
    // NBS via PyPSA-China-PIK): R&D 亿元 over GDP 亿元 reproduces the published intensity within
    // ±0.05 percentage points for nearly all provinces in 2019–2023 (PROVENANCE.md; 2011–2018 do
    // not, the GDP series was revised after the 2018 economic census).
    csv_options o;
    o.entity = "adcode";
    o.name = "province_zh";
    o.ignore = {"province_en"};
    o.units = {{"rd_expenditure_100m_yuan", "亿元"}, {"gdp_100m_yuan", "亿元"}};  // the header gives none
    std::string text;
    {
        panel raw = read_csv(ZHIBIAO_SHARED_DIR "/data/china-provincial-sti/panel.csv", o);
        // Rename the source's columns to catalogue variables through a new panel over the same rows.
        panel p(raw.entities(), raw.periods(), raw.entity_of_row(), raw.period_of_row());
        const column& rd = raw.at("rd_expenditure_100m_yuan");
        const column& gdp = raw.at("gdp_100m_yuan");
        p.add(column("rd_expenditure", unit::parse("亿元"), rd.values()));
        p.add(column("gdp", unit::parse("亿元"), gdp.values()));
        const indicator_table table = compute(p, {"rd_intensity"});
        const auto& intensity = table.at("rd_intensity");
        const column& published = raw.at("rd_intensity_pct_published");
        std::size_t compared = 0, agree = 0;
        for (std::size_t r = 0; r < p.rows(); ++r) {
            int year = p.period_at(r).year_number();
            double mine = intensity.values()(static_cast<Eigen::Index>(r)),
                   theirs = published.values()(static_cast<Eigen::Index>(r));
            if (year < 2019 || year > 2023 || std::isnan(mine) || std::isnan(theirs)) continue;
            ++compared;
            if (std::abs(mine - theirs) <= 0.05) ++agree;
        }
        BOOST_TEST(compared >= 150u);  // 31 provinces × 5 years, less gaps
        BOOST_TEST(static_cast<double>(agree) >= 0.95 * static_cast<double>(compared));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(computation_errors_and_gaps)

using testing::make_indicator;

BOOST_AUTO_TEST_CASE(a_unit_clash_is_a_unit_error_on_every_path) {
    // gdp (currency) + population (person): the same mistake through evaluate, compute_indicator
    // and catalogue::add is an incompatible_units_error each time, with where it was found.
    panel p = parse_csv("entity,period,gdp[亿元],population[万人]\na,2023,1,2\n");
    BOOST_CHECK_THROW(evaluate(p, formula::parse("gdp + population")), incompatible_units_error);
    BOOST_CHECK_THROW(compute_indicator(p, make_indicator("x", "gdp + population", "亿元")), incompatible_units_error);
    catalogue c = catalogue::builtin();
    try {
        c.add(make_indicator("x", "gdp + population", "亿元"));
        BOOST_FAIL("expected incompatible_units_error");
    } catch (const unit_error& e) {
        BOOST_TEST(dynamic_cast<const incompatible_units_error*>(&e) != nullptr);
        BOOST_TEST(e.message().find("indicator 'x': cannot add") == 0u);
        BOOST_TEST(e.message().find("gdp + population\n  ^~~~~~~~~~~~~~~~") != std::string::npos);
    }
    // A formula that cannot give the declared unit: the same class.
    BOOST_CHECK_THROW(c.add(make_indicator("y", "gdp", "人")), incompatible_units_error);
    // Syntax stays a parse_error, a limit a limit_error.
    BOOST_CHECK_THROW(c.add(make_indicator("z", "gdp +", "亿元")), parse_error);
    BOOST_CHECK_THROW(c.add(make_indicator("z", std::string(300, '(') + "gdp" + std::string(300, ')'), "亿元")),
                      limit_error);
}

BOOST_AUTO_TEST_CASE(ytd_never_sums_a_value_the_catalogue_excludes) {
    // valid_invention_patents is a count (件, min 0): 2.5 件 and -1 件 are no values to add.
    panel p = parse_csv(
        "entity,period,valid_invention_patents\n"
        "a,2024-01,1\na,2024-02,2.5\na,2024-03,3\n"
        "b,2024-01,1\nb,2024-02,-1\nb,2024-03,3\n"
        "c,2024-01,1\nc,2024-02,2\nc,2024-03,3\n");
    indicator_values ytd = evaluate(p, formula::parse("ytd(valid_invention_patents)"));
    BOOST_TEST(std::isnan(ytd.values()(2)));
    BOOST_TEST((ytd.reasons()[2] == reason::invalid_input));
    BOOST_TEST(ytd.values()(0) == 1.0);  // January alone is whole
    BOOST_TEST((ytd.reasons()[5] == reason::negative_input));
    BOOST_TEST(ytd.values()(8) == 6.0);
    // Whole in the base unit is what counts: 0.0003 万件 = 3 件, 0.00035 万件 = 3.5 件.
    panel scaled = parse_csv(
        "entity,period,valid_invention_patents[万件]\na,2024-01,0.0001\na,2024-02,0.0003\n"
        "b,2024-01,0.0001\nb,2024-02,0.00035\n");
    indicator_values s = evaluate(scaled, formula::parse("ytd(valid_invention_patents)"), unit::parse("件"));
    BOOST_TEST(s.values()(1) == 4.0, tt::tolerance(1e-9));
    BOOST_TEST((s.reasons()[3] == reason::invalid_input));
    // published() reads the value as given, for the rules that report it.
    BOOST_TEST(evaluate(p, formula::parse("published(valid_invention_patents)")).values()(1) == 2.5);
}

BOOST_AUTO_TEST_CASE(a_change_of_a_share_is_in_points_and_a_rate_of_change_in_percent) {
    // indicators.md §5: 2.65% − 2.56% = 0.09个百分点 (a change of a share); 同比增长率 in %. Both units
    // are 10⁻² to the unit algebra: the label alone told them apart, and a swapped one was taken.
    catalogue c = catalogue::builtin();
    BOOST_CHECK_THROW(c.add(make_indicator("d", "rd_intensity - yoy(rd_intensity)", "%")), incompatible_units_error);
    BOOST_CHECK_NO_THROW(c.add(make_indicator("d", "rd_intensity - yoy(rd_intensity)", "百分点")));
    BOOST_CHECK_NO_THROW(c.add(make_indicator("gap", "rd_intensity - 2.5[%]", "个百分点")));
    BOOST_CHECK_THROW(c.add(make_indicator("g", "growth(gdp)", "百分点")), incompatible_units_error);
    BOOST_CHECK_THROW(c.add(make_indicator("g", "gdp / yoy(gdp) - 1", "pp")), incompatible_units_error);
    BOOST_CHECK_NO_THROW(c.add(make_indicator("g", "gdp / yoy(gdp) - 1", "%")));
    BOOST_CHECK_NO_THROW(c.add(make_indicator("unpaid", "1 - reward_paid / reward_due", "%")));
}

BOOST_AUTO_TEST_CASE(single_months_and_quarters_from_cumulative_figures) {
    // Cumulative from January as bureaus publish monthly statistics (indicators.md §7.3: 1-10月 =
    // cumulative to October). By hand: January 8; 1-2月 15 → February 7; 1-3月 24 → March 9;
    // 1-5月 41 with no 1-4月 → no May (41 − 24 would be April and May together).
    panel p = parse_csv(
        "entity,period,x\n"
        "a,2023年1-5月,38\na,2024年1月,8\na,2024年1-2月,15\na,2024年1-3月,24\na,2024年1-5月,41\n"
        "a,2024年1-6月,50\na,2024年1-9月,70\na,2024年,95\n");
    indicator_values month = evaluate(p, formula::parse("single_month(x)"));
    BOOST_TEST(month.values()(1) == 8.0);
    BOOST_TEST(month.values()(2) == 7.0);
    BOOST_TEST(month.values()(3) == 9.0);
    BOOST_TEST((month.reasons()[4] == reason::no_such_period));
    // Quarters: 1-3月 24, 1-6月 50 → 26, 1-9月 70 → 20, the year 95 → 25; 1-5月 ends inside one.
    indicator_values quarter = evaluate(p, formula::parse("single_quarter(x)"));
    BOOST_TEST(quarter.values()(3) == 24.0);
    BOOST_TEST(quarter.values()(5) == 26.0);
    BOOST_TEST(quarter.values()(6) == 20.0);
    BOOST_TEST(quarter.values()(7) == 25.0);
    BOOST_TEST((quarter.reasons()[4] == reason::no_such_period));
    // lag() of a cumulative span read the same span a year earlier: 41 − 38 passed for May alone.
    // It is the span a month shorter: 1-2月 15 − 1月 8 = February 7; 1-5月 has no 1-4月 here.
    indicator_values since = evaluate(p, formula::parse("x - lag(x, 1)"));
    BOOST_TEST(since.values()(2) == 7.0);
    BOOST_TEST(std::isnan(since.values()(4)));
    BOOST_TEST((since.reasons()[4] == reason::no_such_period));
    BOOST_TEST(evaluate(p, formula::parse("yoy(x)")).values()(4) == 38.0);
}

BOOST_AUTO_TEST_CASE(the_points_check_reads_values_and_sees_through_wrappers) {
    // indicators.md §5 as in the case above; review 27a findings 4 and 5.
    catalogue c = catalogue::builtin();
    for (const char* legit : {"100[%] - rd_intensity", "1000[‰] - rd_intensity", "1[1] - rd_intensity - rd_intensity",
                              "rd_intensity + rd_intensity - rd_intensity"})
        BOOST_CHECK_NO_THROW(c.add(make_indicator("ok", legit, "%")));
    for (const char* change : {"abs(rd_intensity - yoy(rd_intensity))", "-(rd_intensity - yoy(rd_intensity))",
                               "rd_intensity + (-yoy(rd_intensity))", "growth(gdp) - growth(population)"})
        BOOST_CHECK_THROW(c.add(make_indicator("d", change, "%")), incompatible_units_error);
    for (const char* rate : {"(gdp - yoy(gdp)) / yoy(gdp)", "gdp / yoy(gdp) - 100[%]", "max(growth(gdp), 0)"})
        BOOST_CHECK_THROW(c.add(make_indicator("g", rate, "百分点")), incompatible_units_error);
    BOOST_TEST(unit::parse("个百分点").is_points());
    BOOST_TEST(unit::parse("pp").is_points());
    BOOST_TEST(!unit::parse("%").is_points());
}

BOOST_AUTO_TEST_CASE(no_inf_leaks_through_sums_and_conversions) {
    panel p = parse_csv("entity,period,x[亿元],y[元]\na,2024-01,1e300,1\na,2024-02,1e300,1\n");
    // Two months near the largest double sum past it.
    indicator_values ytd = evaluate(p, formula::parse("ytd(x * 1e8)"));
    BOOST_TEST((ytd.reasons()[1] == reason::out_of_range));
    BOOST_TEST(std::isnan(ytd.values()(1)));
    // 1e300 亿元 is 1e308 元 (finite); 1e305 亿元 is no finite number of 元.
    panel big = parse_csv("entity,period,x[亿元],y[元]\na,2023,1e305,1\n");
    for (const char* text : {"if(1, y, x)", "if(0, y, x)", "max(y, x)", "min(y, x)"}) {
        indicator_values v = evaluate(big, formula::parse(text));
        const bool gap = std::isnan(v.values()(0));
        BOOST_TEST((gap == (v.reasons()[0] != reason::none)), text);
        BOOST_TEST(!std::isinf(v.values()(0)), text);
    }
    BOOST_TEST((evaluate(big, formula::parse("if(0, y, x)")).reasons()[0] == reason::out_of_range));
    indicator_values in_yuan = evaluate(big, formula::parse("x"), unit::parse("元"));
    BOOST_TEST((in_yuan.reasons()[0] == reason::out_of_range));
    BOOST_TEST(std::isnan(in_yuan.values()(0)));
    // round() of a value with no fractional digits left, or to more digits than a double has.
    BOOST_TEST(evaluate(big, formula::parse("round(x, 10)")).values()(0) == 1e305);
    BOOST_TEST(evaluate(big, formula::parse("round(y, 15)")).values()(0) == 1.0);
    BOOST_TEST(evaluate(big, formula::parse("round(y * 0, 15)")).values()(0) == 0.0);
    // More digits than a double has is refused by name, as in scorecards (one registry).
    BOOST_CHECK_THROW(evaluate(big, formula::parse("round(y, 400)")), parse_error);
    // An explicit same-scope prior value converts into the variable's unit: the same check.
    panel prior = parse_csv("entity,period,x[元],x_prior[亿元]\na,2023,1,1e305\n");
    BOOST_TEST((evaluate(prior, formula::parse("yoy(x)")).reasons()[0] == reason::out_of_range));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(indicators_using_indicators)

indicator chained(const std::string& id, const std::string& text) {
    indicator i;
    i.id = id;
    i.formula = text;
    i.unit_text = "1";
    i.unit = unit::parse("1");
    return i;
}

BOOST_AUTO_TEST_CASE(a_lenient_failure_leaves_no_false_cycle_behind) {
    // a uses b; b's input is missing. Computing a fails (lenient: a column of NaN), and b after
    // it must fail the same way — not as "a cycle b → b" left over from a's attempt.
    catalogue c;
    c.add(chained("b", "missing_input_variable + 1"));
    c.add(chained("a", "b * 2"));
    panel p = parse_csv("entity,period,x\ne,2023,1\n");
    compute_options lenient;
    lenient.strict = false;
    indicator_table t = compute(p, {"a", "b"}, lenient, c);
    BOOST_TEST((t.at("a").reasons()[0] == reason::missing_variable));
    BOOST_TEST((t.at("b").reasons()[0] == reason::missing_variable));
}

BOOST_AUTO_TEST_CASE(a_long_chain_of_indicators_is_a_limit_error_not_a_crash) {
    catalogue c;
    const int n = 6000;
    c.add(chained("i" + std::to_string(n), "x"));
    for (int k = n - 1; k >= 0; --k) c.add(chained("i" + std::to_string(k), "i" + std::to_string(k + 1) + " + 1"));
    c.check_cycles();  // walks the 6000-long chain without recursing
    panel p = parse_csv("entity,period,x\ne,2023,1\n");
    BOOST_CHECK_THROW(compute(p, {"i0"}, {}, c), limit_error);
    BOOST_TEST(compute(p, {"i" + std::to_string(n - 99)}, {}, c)[0].values()(0) == 100.0);  // 100 deep: allowed
    BOOST_CHECK_THROW(compute(p, {"i" + std::to_string(n - 100)}, {}, c), limit_error);
}

BOOST_AUTO_TEST_CASE(formulas_nested_through_indicators_are_bounded_as_a_whole) {
    // Each formula is as tall as allowed, with the next indicator at its deepest leaf: three of
    // them nest 3000 levels on one stack.
    auto tall = [](const std::string& leaf) {
        std::string text = leaf;
        for (int k = 1; k < formula::max_height; ++k) text += " + 1";
        return text;
    };
    catalogue c;
    c.add(chained("t2", "x"));
    c.add(chained("t1", tall("t2")));
    c.add(chained("t0", tall("t1")));
    panel p = parse_csv("entity,period,x\ne,2023,1\n");
    BOOST_TEST(compute(p, {"t1"}, {}, c)[0].values()(0) == formula::max_height);
    BOOST_CHECK_THROW(compute(p, {"t0"}, {}, c), limit_error);
}

BOOST_AUTO_TEST_SUITE_END()
