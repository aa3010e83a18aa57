#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(scorecards)

// Firms given as name → values; absent inputs are missing.
struct firms {
    const scorecard& card;
    std::map<std::string, std::vector<double>> data;
    std::size_t rows = 0;
    firms(const scorecard& c, std::map<std::string, std::vector<double>> d) : card(c), data(std::move(d)) {
        rows = data.begin()->second.size();
    }
    scorecard_columns columns() const {
        scorecard_columns in{rows, {}};
        for (const auto& input : card.inputs()) {
            auto it = data.find(input.id);
            in.columns.push_back(it == data.end() ? nullptr : it->second.data());
        }
        return in;
    }
};

int item(const scorecard& c, const std::string& id) {
    for (std::size_t k = 0; k < c.items().size(); ++k)
        if (c.items()[k].id == id) return static_cast<int>(k);
    throw std::runtime_error("no item " + id);
}

const scorecard& sme() { return scorecard::builtin("tech-sme-2017"); }
const scorecard& hnte() { return scorecard::builtin("hnte-2016"); }

BOOST_AUTO_TEST_CASE(tech_sme_cases_of_section_6b) {
    // indicators.md §6b tests, one firm per column:
    //  0: staff 40, S&T 12 (30%); R&D/sales 4.5% (R&D/cost 22%); 2 class II → 20 + 30 + 12 = 62, pass
    //  1: S&T 3 of 40 (7.5%) with R&D 6% and class I IP (50 + 30 = 80) → fails on the S&T score 0
    //  2: R&D/sales 1.9%, R&D/cost 30% → 50 points by measure (2)
    //  3: 510 employees → ineligible
    //  4: a valid HNTE certificate → passes without scoring
    firms f(sme(), {{"employees", {40, 40, 40, 510, 40}},
                    {"st_staff", {12, 3, 12, 100, 0}},
                    {"sales", {1000, 1000, 1000, 1000, 1000}},
                    {"assets", {500, 500, 500, 500, 500}},
                    {"rd_expense", {45, 60, 19, 45, 0}},
                    {"total_cost", {45 / 0.22, 600, 19 / 0.30, 500, 500}},
                    {"ip_class1", {0, 1, 0, 0, 0}},
                    {"ip_class2", {2, 0, 0, 0, 0}},
                    {"hnte_certified", {0, 0, 0, 0, 1}}});
    scorecard_result r = sme().evaluate(f.columns());
    BOOST_TEST(r.total(0) == 62.0);
    BOOST_TEST(r.passed(0) == 1);
    BOOST_TEST(r.points(0, item(sme(), "st_staff_points")) == 20.0);
    BOOST_TEST(r.points(0, item(sme(), "rd_points")) == 30.0);
    BOOST_TEST(r.points(0, item(sme(), "ip_points")) == 12.0);
    BOOST_TEST(r.total(1) == 80.0);
    BOOST_TEST(r.passed(1) == 0);
    BOOST_TEST(r.points(2, item(sme(), "rd_points")) == 50.0);
    BOOST_TEST(r.alternative(2, item(sme(), "rd_points")) == 1);
    BOOST_TEST(r.eligible(3) == 0);
    BOOST_TEST(r.passed(3) == 0);
    BOOST_TEST(r.passed(4) == 1);
    BOOST_TEST(r.route[4] == 0);
    auto why = sme().explain(f.columns(), r, {1, 3, 4}, "en");
    BOOST_TEST(why[0].find("non-zero S&T staff score") != std::string::npos);
    BOOST_TEST(why[1].find("staff 510 persons above 500") != std::string::npos);
    BOOST_TEST(why[2].find("HNTE certificate") != std::string::npos);
    BOOST_TEST(sme().explain(f.columns(), r, {3}, "zh")[0].find("职工总数510人超过500人") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(band_edges_are_exact) {
    // S&T share exactly 25% is band B ("25%（含）–30%"), just under is C; R&D 6% exactly is A.
    firms f(sme(), {{"employees", {100, 100000, 100}},
                    {"st_staff", {25, 24999, 10}},
                    {"sales", {100, 100, 3}},
                    {"assets", {1, 1, 1}},
                    {"rd_expense", {6, 0, 0.18}},
                    {"total_cost", {100, 100, 100}},
                    {"ip_class1", {0, 0, 0}},
                    {"ip_class2", {0, 0, 0}}});
    scorecard_result r = sme().evaluate(f.columns());
    BOOST_TEST(r.points(0, item(sme(), "st_staff_points")) == 16.0);
    BOOST_TEST(r.points(1, item(sme(), "st_staff_points")) == 12.0);
    BOOST_TEST(r.points(0, item(sme(), "rd_points")) == 50.0);
    BOOST_TEST(r.points(2, item(sme(), "rd_points")) == 50.0);  // 0.18 / 3 = 0.06 in doubles: 0.059999999999999998
    BOOST_TEST(r.points(2, item(sme(), "st_staff_points")) == 4.0);
}

BOOST_AUTO_TEST_CASE(bad_input_is_reported_and_the_batch_goes_on) {
    firms f(sme(), {{"employees", {10, -1, 10, 10}},
                    {"st_staff", {2, 0, 12, std::nan("")}},
                    {"sales", {1, 1, 1, 1}},
                    {"assets", {1, 1, 1, 1}},
                    {"rd_expense", {1, 1, 1, 1}},
                    {"total_cost", {1, 1, 1, 1}},
                    {"ip_class1", {0, 0, 0, 0}},
                    {"ip_class2", {0, 0, 0, 0}}});
    scorecard_result r = sme().evaluate(f.columns());
    BOOST_TEST(r.valid(0) == 1);
    BOOST_TEST(r.valid(1) == 0);
    BOOST_TEST(r.valid(2) == 0);  // more S&T staff than staff
    BOOST_TEST(r.valid(3) == 0);  // missing
    BOOST_TEST(std::isnan(r.total(1)));
    auto why = sme().explain(f.columns(), r, {1, 2, 3}, "en");
    // The rule broken is named beside the figure, in the same unit (round 26: "(-1 persons)" alone).
    BOOST_TEST(why[0].find("input employees invalid (-1 persons, below the minimum 1 persons)") != std::string::npos,
               why[0]);
    BOOST_TEST(sme().explain(f.columns(), r, {1}, "zh")[0].find("输入employees无效（-1人，低于下限1人）") !=
               std::string::npos);
    BOOST_TEST(why[1].find("S&T staff 12 persons exceed the total staff 10 persons") != std::string::npos);
    // st_staff is needed only to score (indicators.md §6b 第八条: a direct firm need not give it)
    BOOST_TEST(why[2].find("S&T staff (st_staff) left blank") != std::string::npos);
}

// A complete HNTE applicant; tests change one thing at a time.
std::map<std::string, std::vector<double>> hnte_firm() {
    return {{"registered_days", {800}}, {"in_supported_field", {1}},
            {"employees", {100}},       {"st_staff", {20}},
            {"sales_y1", {4000}},       {"sales_y2", {4500}},
            {"sales_y3", {5000}},       {"rd_y1", {200}},
            {"rd_y2", {225}},           {"rd_y3", {250}},
            {"rd_domestic", {675}},     {"hitech_income", {4000}},
            {"total_income", {5000}},   {"ip_class1", {0}},
            {"ip_class2", {3}},         {"conversions_3y", {12}},
            {"years_operating", {3}},   {"net_assets_y1", {1000}},
            {"net_assets_y2", {1300}},  {"net_assets_y3", {1800}},
            {"tech_advancement", {7}},  {"core_support", {6}},
            {"ip_acquisition", {3}},    {"standards_bonus", {0}},
            {"rd_organisation", {5}},   {"rd_platform", {4}},
            {"transfer_system", {3}},   {"talent_system", {2}}};
}

BOOST_AUTO_TEST_CASE(hnte_growth_cases_of_section_6a) {
    // (years 1, 2, 3) → band: 1000,1300,1800 → g = 0.342308 → B; 2000×3 → 0 → F; 0,500,700 → 0.40 → A;
    // 100,0,200 → 0 points; 100,115,132.25 → exactly 15% → C (a float bug gives D);
    // 100,105,110.25 → 5% → D; 1,1.35,1.8225 → 35% → A.
    const std::vector<std::array<double, 3>> cases = {{1000, 1300, 1800}, {2000, 2000, 2000}, {0, 500, 700},
                                                      {100, 0, 200},      {100, 115, 132.25}, {100, 105, 110.25},
                                                      {1, 1.35, 1.8225}};
    const std::vector<double> low = {7, 0, 9, 0, 5, 3, 9}, high = {8, 0, 10, 0, 6, 4, 10};
    auto base = hnte_firm();
    std::map<std::string, std::vector<double>> data;
    for (auto& [k, v] : base) data[k] = std::vector<double>(cases.size(), v[0]);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        data["sales_y1"][i] = cases[i][0];
        data["sales_y2"][i] = cases[i][1];
        data["sales_y3"][i] = cases[i][2];
    }
    firms f(hnte(), data);
    scorecard_result r = hnte().evaluate(f.columns(), points_policy::low);
    // points_lo and points_hi hold the items with ranges (ranged_items()), in order.
    auto ranged = [](const std::string& id) {
        const auto items = hnte().ranged_items();
        return static_cast<int>(std::find(items.begin(), items.end(), static_cast<std::size_t>(item(hnte(), id))) -
                                items.begin());
    };
    const int k = ranged("sales_growth_points");
    for (std::size_t i = 0; i < cases.size(); ++i) {
        BOOST_TEST(r.points_lo(static_cast<Eigen::Index>(i), k) == low[i], "case " << i);
        BOOST_TEST(r.points_hi(static_cast<Eigen::Index>(i), k) == high[i], "case " << i);
    }
    // Net assets 1000, 1300, 1800 → B as well.
    BOOST_TEST(r.points_lo(0, ranged("net_asset_growth_points")) == 7.0);
}

BOOST_AUTO_TEST_CASE(hnte_total_70_fails_71_passes) {
    // IP 20 (7 + 6 + 4 + 3) + transfer 24 (average 4 → B, high) + management 14 + growth 12 = 70.
    auto data = hnte_firm();
    data["sales_y1"] = {4000};
    data["sales_y2"] = {4200};
    data["sales_y3"] = {4410};  // +5% a year → D (3–4)
    data["rd_y3"] = {250};
    data["rd_domestic"] = {675};
    firms f(hnte(), data);
    scorecard_result r = hnte().evaluate(f.columns(), points_policy::high);
    BOOST_TEST(r.eligible(0) == 1);
    BOOST_TEST(r.total(0) == 70.0);
    BOOST_TEST(r.passed(0) == 0);
    data["talent_system"] = {3};
    firms g(hnte(), data);
    scorecard_result s = hnte().evaluate(g.columns(), points_policy::high);
    BOOST_TEST(s.total(0) == 71.0);
    BOOST_TEST(s.passed(0) == 1);
    // With no qualifying IP the firm is ineligible whatever its score (condition 2).
    data["ip_class2"] = {0};
    firms h(hnte(), data);
    scorecard_result t = hnte().evaluate(h.columns(), points_policy::high);
    BOOST_TEST(t.eligible(0) == 0);
    BOOST_TEST(hnte().explain(h.columns(), t, {0}, "en")[0].find("owns no intellectual property") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_ratio_without_value_says_what_it_is_computed_from) {
    // No sales in the three years: the R&D ratio has no value (0 ÷ 0 is no ratio, §6a condition 5).
    // It read "R&D ratio — < 5% required", as if the ratio were low; now the zero sales are named.
    auto data = hnte_firm();
    data["sales_y1"] = {0};
    data["sales_y2"] = {0};
    data["sales_y3"] = {0};
    firms f(hnte(), data);
    const scorecard_result r = hnte().evaluate(f.columns());
    BOOST_TEST(r.eligible(0) == 0);
    const std::string en = hnte().explain(f.columns(), r, {0}, "en")[0];
    BOOST_TEST(en.find("R&D ratio — (rd_sum / sales_sum has no value: rd_sum 675 10k yuan, sales_sum 0 10k yuan)") !=
                   std::string::npos,
               en);
    const std::string zh = hnte().explain(f.columns(), r, {0}, "zh")[0];
    BOOST_TEST(zh.find("比例—（rd_sum / sales_sum 无法计算：rd_sum为675万元，sales_sum为0万元）") != std::string::npos,
               zh);
}

BOOST_AUTO_TEST_CASE(hnte_rd_ratio_sales_bands) {
    // Latest-year sales 4,800 / 5,000 → 5%; 5,000.01 / 20,000 → 4%; 20,000.01 → 3% (§6a boundary tests).
    // Each firm's three-year R&D ratio is exactly the next band's requirement, so it passes only
    // where the requirement is that lower one; at 5,000 exactly 5.00% passes ("不低于").
    const std::vector<double> sales = {4800, 5000, 5000.01, 20000, 20000.01};
    const std::vector<double> required = {5, 5, 4, 4, 3};
    auto base = hnte_firm();
    std::map<std::string, std::vector<double>> data;
    for (auto& [k, v] : base) data[k] = std::vector<double>(2 * sales.size(), v[0]);
    for (std::size_t i = 0; i < sales.size(); ++i)
        for (int below : {0, 1}) {
            const std::size_t row = 2 * i + static_cast<std::size_t>(below);
            data["sales_y1"][row] = data["sales_y2"][row] = data["sales_y3"][row] = sales[i];
            const double ratio = required[i] / 100 - (below ? 0.0001 : 0);
            data["rd_y1"][row] = data["rd_y2"][row] = data["rd_y3"][row] = sales[i] * ratio;
            data["rd_domestic"][row] = 3 * sales[i] * ratio;
            data["hitech_income"][row] = 0.8 * sales[i];
            data["total_income"][row] = sales[i];
        }
    firms f(hnte(), data);
    scorecard_result r = hnte().evaluate(f.columns());
    int gate = -1;
    for (std::size_t g = 0; g < hnte().gates().size(); ++g)
        if (hnte().gates()[g].id == "rd_ratio") gate = static_cast<int>(g);
    for (std::size_t i = 0; i < sales.size(); ++i) {
        BOOST_TEST(r.gates(static_cast<Eigen::Index>(2 * i), gate) == 1, "sales " << sales[i] << " at the requirement");
        BOOST_TEST(r.gates(static_cast<Eigen::Index>(2 * i + 1), gate) == 0, "sales " << sales[i] << " just below");
    }
    // The legacy 2008 pack: below 5,000万 needs 6%.
    firms old(scorecard::builtin("hnte-2008"), [&] {
        auto d = data;
        d["rd_staff"] = std::vector<double>(2 * sales.size(), 15);
        d["st_staff"] = std::vector<double>(2 * sales.size(), 35);
        return d;
    }());
    scorecard_result o = scorecard::builtin("hnte-2008").evaluate(old.columns());
    int old_gate = -1;  // the 2008 pack's own index: its gates are not the 2016 ones
    for (std::size_t g = 0; g < scorecard::builtin("hnte-2008").gates().size(); ++g)
        if (scorecard::builtin("hnte-2008").gates()[g].id == "rd_ratio") old_gate = static_cast<int>(g);
    BOOST_TEST_REQUIRE(old_gate >= 0);
    BOOST_TEST(o.gates(0, old_gate) == 0);  // 4,800 at 5%: 2008 wanted 6%
    BOOST_TEST(o.gates(2, old_gate) == 1);  // 5,000 at 5%: 2008 wanted 4% from 5,000
}

BOOST_AUTO_TEST_CASE(gap_to_qualify_makes_the_firm_pass_and_is_minimal) {
    // R&D 2.5% of sales, 8% of cost, S&T 20%, one class II item: 12 + 10 + 6 = 28 points.
    firms f(sme(), {{"employees", {50}},
                    {"st_staff", {10}},
                    {"sales", {2000}},
                    {"assets", {800}},
                    {"rd_expense", {50}},
                    {"total_cost", {625}},
                    {"ip_class1", {0}},
                    {"ip_class2", {1}}});
    scorecard_columns in = f.columns();
    BOOST_TEST(sme().evaluate(in).passed(0) == 0);
    auto gaps = sme().gap(in, {0});
    BOOST_TEST(!gaps[0].already_passes);
    for (const auto& e : gaps[0].routes) {
        if (e.change != e.change) continue;
        const scorecard_controllable* ctl = nullptr;
        for (const auto& c : sme().controllables())
            if (c.input == e.input) ctl = &c;
        for (double delta : {e.change, e.change - ctl->step}) {
            auto data = f.data;
            data[e.input][0] += delta;
            for (const auto& a : ctl->also_adds) data[a][0] += delta;
            firms g(sme(), data);
            BOOST_TEST(sme().evaluate(g.columns()).passed(0) == (delta == e.change), e.input << " + " << delta);
        }
    }
    // R&D alone: 6% of sales = 120万元, so +70万元 reaches 50 points → 12 + 50 + 6 = 68.
    BOOST_TEST(gaps[0].routes[0].input == "rd_expense");
    BOOST_TEST(gaps[0].routes[0].change == 70.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(gaps[0].routes[0].closed_form);
    BOOST_TEST(gaps[0].cheapest >= 0);
}

BOOST_AUTO_TEST_CASE(malformed_packs_name_file_item_and_key) {
    const std::string good =
        "id = \"x\"\n[[input]]\nid = \"a\"\n[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"a\"\n"
        "bands = [{min = 5, points = 10}, {points = 0}]\n[pass]\nrule = \"total >= 5\"\n";
    BOOST_CHECK_NO_THROW(scorecard::from_toml(good));
    auto fails = [](const std::string& text, const std::string& expect) {
        try {
            scorecard::from_toml(text, "pack.toml");
            BOOST_FAIL("expected parse_error for " << expect);
        } catch (const parse_error& e) {
            BOOST_TEST(std::string(e.what()).find(expect) != std::string::npos, e.what());
            BOOST_TEST(std::string(e.what()).find("pack.toml") != std::string::npos);
        }
    };
    std::string overlapping = good;
    overlapping.replace(overlapping.find("{points = 0}"), 12, "{min = 7, points = 0}, {points = 0}");
    fails(overlapping, "item 'i': key 'bands' must be ordered");
    std::string gapped = good;
    gapped.replace(gapped.find("{points = 0}"), 12, "{min = 1, points = 0}");
    fails(gapped, "must end with a bottom band");
    std::string too_many = good;
    too_many.replace(too_many.find("points = 10"), 11, "points = 12");
    fails(too_many, "more points than the item's max");
    fails(good + "[[gate]]\nid = \"g\"\ncondition = \"a +\"\n", "gate 'g': key 'condition'");
    fails("id = \"x\"\n", "[pass]");
    // A misspelt key was ignored: `optinal` left the input required, `abov` made the band inclusive.
    std::string misspelt = good;
    misspelt.replace(misspelt.find("id = \"a\"\n"), 9, "id = \"a\"\noptinal = true\n");
    fails(misspelt, "input 'a': 'optinal' is not a key (did you mean 'optional'?)");
    std::string band = good;
    band.replace(band.find("min = 5"), 7, "abov = 5");
    fails(band, "band: 'abov' is not a key (did you mean 'above'?)");
    fails(good + "[[gates]]\nid = \"g\"\ncondition = \"a > 1\"\n", "'gates' is not a key (did you mean 'gate'?)");
    fails(good + "[[item]]\nid = \"e\"\nmax = 5\nexpert = \"a\"\nbands = [{points = 0}]\n",
          "item 'e': 'bands' is not a key");
    // a note names the measure that calls for it
    const std::string measured = good + "[[measure]]\nid = \"a_low\"\nformula = \"if(a < 5, 1, 0)\"\n";
    const std::string note = "[[note]]\nid = \"n\"\nmessage_zh = \"低\"\nmessage_en = \"low a {a}\"\nwhen = ";
    BOOST_CHECK_NO_THROW(scorecard::from_toml(measured + note + "\"a_low\"\n"));
    fails(measured + note + "\"a_lo\"\n", "did you mean 'a_low'");
}

BOOST_AUTO_TEST_CASE(pack_notes_join_the_explanation_when_their_measure_is_nonzero) {
    const scorecard card = scorecard::from_toml(
        "id = \"x\"\n[[input]]\nid = \"a\"\n[[measure]]\nid = \"a_low\"\nformula = \"if(a < 5, 1, 0)\"\n"
        "[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"a\"\nbands = [{min = 5, points = 10}, {points = 0}]\n"
        "[[note]]\nid = \"n\"\nwhen = \"a_low\"\nmessage_zh = \"a为{a}\"\nmessage_en = \"a is only {a}\"\n"
        "[pass]\nrule = \"total >= 0\"\n");
    BOOST_TEST(card.notes().size() == 1u);
    std::vector<double> a{3, 7};
    const scorecard_columns in{2, {a.data()}};
    const scorecard_result result = card.evaluate(in);
    const auto lines = card.explain(in, result, {0, 1}, "en");
    BOOST_TEST(lines[0].find("Note: a is only 3") != std::string::npos, lines[0]);
    BOOST_TEST(lines[1].find("Note") == std::string::npos, lines[1]);
}

// ---- the C++ boundary: panels by name and unit, non-finite input, the gap's vocabulary and bounds

namespace {

// Case 0 of §6b (62 points) as a panel of `rows` firms, with sales in 亿元 as a statistics
// table gives them; `drop` leaves a column out.
panel sme_panel(std::size_t rows = 1, const std::string& drop = "") {
    std::vector<entity> entities;
    std::vector<std::int32_t> of_row, period_of_row;
    for (std::size_t r = 0; r < rows; ++r) {
        entities.push_back({"firm" + std::to_string(r), "", ""});
        of_row.push_back(static_cast<std::int32_t>(r));
        period_of_row.push_back(0);
    }
    panel p(entities, {period::year(2024)}, of_row, period_of_row);
    auto add = [&](const std::string& name, const char* u, double v) {
        if (name != drop)
            p.add(column(name, unit::parse(u), Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(rows), v)));
    };
    add("employees", "人", 40);
    add("st_staff", "人", 12);
    add("sales", "亿元", 0.1);
    add("assets", "万元", 500);
    add("rd_expense", "万元", 45);
    add("total_cost", "万元", 45 / 0.22);
    add("ip_class1", "件", 0);
    add("ip_class2", "件", 2);
    return p;
}

template <class E>
std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "(no exception)";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_panel_is_scored_by_input_name_in_the_packs_units) {
    const panel p = sme_panel();
    // The panel's own columns in the pack's order, unconverted: sales 0.1 read as 万元 → 82.
    scorecard_columns raw{1, {}};
    for (const auto& input : sme().inputs())
        raw.columns.push_back(p.find(input.id) ? p.find(input.id)->data() : nullptr);
    BOOST_TEST(sme().evaluate(raw).total(0) == 82.0);
    // By name and unit: 0.1亿元 = 1000万元 → 62, as the Python path gives.
    const scorecard_result r = sme().evaluate(p);
    BOOST_TEST(r.total(0) == 62.0);
    BOOST_TEST(r.passed(0) == 1);
    const scorecard_inputs in = sme().inputs_from(p);
    BOOST_TEST(in.columns().columns[static_cast<std::size_t>(sme().input_index("sales"))][0] == 1000.0);
    BOOST_TEST(sme().explain(in, r, {0}, "en")[0] == sme().explain(in.columns(), r, {0}, "en")[0]);
    BOOST_TEST(sme().gap(in, {0})[0].status == firm_status::passed);
}

BOOST_AUTO_TEST_CASE(panel_inputs_refuse_missing_columns_unknown_names_and_wrong_units) {
    // sales, not rd_expense: a firm confirmed directly (indicators.md §6b 第八条) need not give its R&D
    const std::string missing = message_of<missing_variable_error>([] { sme().evaluate(sme_panel(1, "sales")); });
    BOOST_TEST(has(missing, "'sales'"), missing);
    const std::string typo = message_of<lookup_error>([] { sme().inputs_from(sme_panel(), {{"sale", "亿元"}}); });
    BOOST_TEST(has(typo, "did you mean 'sales'"), typo);
    panel people = sme_panel();
    people.add(column("sales", unit::parse("人"), Eigen::ArrayXd::Constant(1, 3)));
    const std::string wrong = message_of<incompatible_units_error>([&] { sme().evaluate(people); });
    BOOST_TEST(has(wrong, "sales"), wrong);
    // A column without a unit is taken in the pack's unit unless `units` says otherwise.
    panel bare = sme_panel();
    bare.add(column("sales", unit{}, Eigen::ArrayXd::Constant(1, 0.1), {}, false));
    BOOST_TEST(sme().evaluate(sme().inputs_from(bare, {{"sales", "亿元"}})).total(0) == 62.0);
}

BOOST_AUTO_TEST_CASE(a_misspelt_chinese_heading_is_named) {
    // Round 14: sales headed 营业收人 (人 for 入) was "needs column 'sales' (销售收入, 万元)" with no
    // word of the column beside it; rd_expense headed 研发费 (用 left out) was ignored, the optional
    // input blank for every firm (the firm invalid input: no R&D), the column never named.
    panel typo = sme_panel(1, "sales");
    typo.add(column("营业收人", unit::parse("亿元"), Eigen::ArrayXd::Constant(1, 0.1)));
    const std::string required = message_of<missing_variable_error>([&] { sme().evaluate(typo); });
    BOOST_TEST(has(required,
                   "needs column 'sales' (销售收入, 万元); column '营业收人' is no input of the pack: "
                   "a misspelt header? (did you mean '营业收入'?)"),
               required);
    panel short_form = sme_panel(1, "rd_expense");
    short_form.add(column("研发费", unit::parse("万元"), Eigen::ArrayXd::Constant(1, 45)));
    const std::string optional = message_of<missing_variable_error>([&] { sme().evaluate(short_form); });
    BOOST_TEST(has(optional,
                   "input 'rd_expense' (研发费用) is not in the data, but column '研发费' is: a misspelt "
                   "header? (rename it '研发费用')"),
               optional);
    // Not misspellings: a heading extending a name (研发费用合计 beside rd_expense), a figure one
    // character from a 3-character name (总资产, 净资产), and the required id spelt out (sales).
    const auto k = static_cast<std::size_t>(sme().input_index("rd_expense"));
    BOOST_TEST(sme().misspelt_heading({"研发费用合计", "rd_expense"}, k).first.empty());
    BOOST_TEST(hnte()
                   .misspelt_heading({"总资产"}, static_cast<std::size_t>(hnte().input_index("net_assets_y1")))
                   .first.empty());
    BOOST_TEST(sme().absent_input_problem({"sales"}, k).empty());
    BOOST_TEST(sme().misspelt_heading({"rd_expens"}, k).second == "rd_expense");
}

BOOST_AUTO_TEST_CASE(a_heading_differing_from_an_input_in_capitals_width_or_blanks_is_named) {
    // Round 32: ip_class2 headed IP_CLASS2 was neither read nor named (ip_clas1 was): the optional
    // input blank, every firm "invalid input: ip_class2 left blank" with the figures in the table.
    panel capitals = sme_panel(1, "ip_class2");
    capitals.add(column("IP_CLASS2", unit::parse("件"), Eigen::ArrayXd::Constant(1, 2)));
    const std::string optional = message_of<missing_variable_error>([&] { sme().evaluate(capitals); });
    BOOST_TEST(has(optional,
                   "input 'ip_class2' (Ⅱ类知识产权数) is not in the data, but column 'IP_CLASS2' is: a "
                   "misspelt header? (rename it 'ip_class2': headings are read as written"),
               optional);
    panel full_width = sme_panel(1, "sales");
    full_width.add(column("ｓａｌｅｓ", unit::parse("亿元"), Eigen::ArrayXd::Constant(1, 0.1)));
    const std::string required = message_of<missing_variable_error>([&] { sme().evaluate(full_width); });
    BOOST_TEST(has(required, "column 'ｓａｌｅｓ' is no input of the pack: a misspelt header? (did you mean 'sales'?"),
               required);
    const auto sales = static_cast<std::size_t>(sme().input_index("sales"));
    BOOST_TEST(sme().misspelt_heading({"Sales"}, sales).second == "sales");
    BOOST_TEST(sme().misspelt_heading({"rd expense"}, sales).first.empty());  // rd_expense's, not sales'
    const auto rd = static_cast<std::size_t>(sme().input_index("rd_expense"));
    BOOST_TEST(sme().misspelt_heading({"RD_Expense "}, rd).second == "rd_expense");
    // IP_CLASS2 is ip_class2's column: never offered as a misspelt ip_class1.
    const auto class1 = static_cast<std::size_t>(sme().input_index("ip_class1"));
    BOOST_TEST(sme().misspelt_heading({"IP_CLASS2"}, class1).first.empty());
}

BOOST_AUTO_TEST_CASE(a_column_headed_with_an_inputs_chinese_name_is_read_as_the_input) {
    // 第八条 (indicators.md §6b): an HNTE certificate confirms a firm directly. Headed with the
    // pack's Chinese name of hnte_certified, the column was ignored (the firm scored: 62, passed),
    // then refused (round 11, "rename the column"); now it is the input, the rename reported.
    panel p = sme_panel();
    p.add(column("有效期内高新技术企业资格", unit::parse("1"), Eigen::ArrayXd::Constant(1, 1)));
    const scorecard_inputs flagged = sme().inputs_from(p);
    BOOST_TEST((sme().evaluate(flagged).status_of(0) == firm_status::direct));
    BOOST_TEST(flagged.renamed().size() == 1u);
    BOOST_TEST(flagged.renamed()[0].first == "有效期内高新技术企业资格");
    BOOST_TEST(flagged.renamed()[0].second == "hnte_certified");
    // 营业收入 (an other name of sales: 主营业务收入 + 其他业务收入) and 职工总数, in their units:
    // 0.1 亿元 = 1000 万元 as before, the same 62 points as the panel headed with ids.
    panel headed = sme_panel(1, "sales");
    headed.add(column("营业收入", unit::parse("亿元"), Eigen::ArrayXd::Constant(1, 0.1)));
    BOOST_TEST(sme().evaluate(headed).total(0) == sme().evaluate(sme_panel()).total(0));
    BOOST_TEST(sme().evaluate(headed).total(0) == 62.0);
    // `units` keyed by any heading of the input reaches its column (never ignored: 0.1 read as 万元)
    panel bare = sme_panel(1, "sales");
    bare.add(column("营业收入", unit{}, Eigen::ArrayXd::Constant(1, 0.1), {}, false));
    for (const char* key : {"销售收入", "营业收入", "sales"})
        BOOST_TEST(sme().evaluate(sme().inputs_from(bare, {{key, "亿元"}})).total(0) == 62.0, key);
    // Never guessed: two columns for one input (its id and its Chinese name, or two names) ...
    panel twice = sme_panel();
    twice.add(column("销售收入", unit::parse("万元"), Eigen::ArrayXd::Constant(1, 900)));
    const std::string two = message_of<lookup_error>([&] { sme().evaluate(twice); });
    BOOST_TEST(has(two, "input 'sales' (销售收入) is given by 2 columns, 'sales', '销售收入'"), two);
    // ... and a short form several inputs share (销售收入 of HNTE's sales_y1, sales_y2, sales_y3)
    const std::vector<std::string> shared = {"销售收入", "sales_y1", "sales_y2"};
    const std::string which = message_of<lookup_error>([&] { (void)hnte().input_columns(shared); });
    BOOST_TEST(has(which, "column '销售收入' could be any of the inputs 'sales_y1', 'sales_y2', 'sales_y3'"), which);
    // every input it could be has a column by its id: the heading is another column, left alone
    const std::vector<std::string> all = {"销售收入", "sales_y1", "sales_y2", "sales_y3"};
    BOOST_TEST(hnte().input_columns(all)[static_cast<std::size_t>(hnte().input_index("sales_y3"))] == "sales_y3");
}

BOOST_AUTO_TEST_CASE(a_panel_cell_the_loader_could_not_read_makes_the_firm_invalid) {
    panel p = sme_panel(2);
    Eigen::ArrayXd ip2(2);
    ip2 << 2, std::numeric_limits<double>::quiet_NaN();
    p.add(column("ip_class2", unit::parse("件"), ip2, {reason::none, reason::unparseable}));
    const scorecard_inputs in = sme().inputs_from(p);
    const scorecard_result r = sme().evaluate(in);
    BOOST_TEST(r.valid(0) == 1);
    BOOST_TEST(r.valid(1) == 0);
    BOOST_TEST(r.passed(1) == 0);
    BOOST_TEST(std::isnan(r.total(1)));
    BOOST_TEST((r.problems[1] >> sme().input_index("ip_class2") & 1u) == 1u);
    BOOST_TEST(has(sme().explain(in, r, {1}, "en")[0], "ip_class2 (unparseable)"));
    BOOST_TEST(sme().gap(in, {1})[0].status == firm_status::invalid_input);
}

// G7 (round 25): explain() of the columns called a cell the loader could not read "missing" (it is
// NaN there, as a blank is), and explain() of the panel's inputs said only the unreadable cells,
// dropping the firm's other problems (a required input left blank). The reasons reach the
// explanation through the columns overload too, beside every other problem of the firm.
BOOST_AUTO_TEST_CASE(an_unreadable_cell_is_explained_with_its_reason_beside_the_other_problems) {
    panel p = sme_panel(2, "rd_expense");
    Eigen::ArrayXd ip2(2), rd(2);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    ip2 << 2, nan;
    rd << 45, nan;  // firm1 left its R&D blank: invalid input on its own (a validity check)
    p.add(column("ip_class2", unit::parse("件"), ip2, {reason::none, reason::unparseable}));
    p.add(column("rd_expense", unit::parse("万元"), rd));
    const scorecard_inputs in = sme().inputs_from(p);
    const scorecard_result r = sme().evaluate(in);
    BOOST_TEST(r.valid(1) == 0);
    BOOST_TEST(in.invalid_reasons().size() == 2 * sme().inputs().size());
    for (const std::string& line :
         {sme().explain(in, r, {1}, "en")[0], sme().explain(in.columns(), r, {1}, "en", in.invalid_reasons())[0]}) {
        BOOST_TEST(has(line, "ip_class2 (unparseable) invalid for computing (see the load report)"), line);
        BOOST_TEST(!has(line, "missing"), line);
        BOOST_TEST(has(line, "rd_expense"), line);  // the blank R&D is said too
    }
    const std::string zh = sme().explain(in.columns(), r, {1}, "zh", in.invalid_reasons())[0];
    BOOST_TEST(has(zh, "ip_class2 (unparseable) 的值不能用于计算（见加载报告）"), zh);
    // without the reasons the columns cannot tell; the firm with no unreadable cell is unchanged
    BOOST_TEST(has(sme().explain(in.columns(), r, {1}, "en")[0], "input ip_class2 invalid (missing)"));
    BOOST_TEST(sme().explain(in, r, {0}, "en")[0] == sme().explain(in.columns(), r, {0}, "en")[0]);
    // evaluated from the bare columns (the cell read as a blank), the reasons still make it invalid input
    const scorecard_result bare = sme().evaluate(in.columns());
    BOOST_TEST(has(sme().explain(in, bare, {1}, "en")[0], "invalid input: ip_class2 (unparseable)"));
    const std::string size = message_of<argument_error>(
        [&] { (void)sme().explain(in.columns(), r, {1}, "en", std::vector<reason>(3, reason::none)); });
    BOOST_TEST(has(size, "a reason per cell (2 rows × 13 inputs) or none; 3 reasons given"), size);
}

BOOST_AUTO_TEST_CASE(a_panel_cell_invalid_for_computing_is_invalid_input_not_missing) {
    // hnte_certified is optional: a cell with no value leaves the firm scored (62, passed); a
    // value there but invalid for computing (an invalid part of a roll-up, a negative count, a
    // count that is not whole) makes it invalid input, as unreadable text does. It used to
    // score "passed" for every reason but unparseable.
    for (const reason why :
         {reason::missing_input, reason::missing_variable, reason::no_such_period, reason::incomplete_rollup,
          reason::invalid_child, reason::negative_input, reason::invalid_input, reason::unparseable}) {
        BOOST_TEST_CONTEXT("reason " << to_string(why)) {
            panel p = sme_panel();
            p.add(column("hnte_certified", unit{},
                         Eigen::ArrayXd::Constant(1, std::numeric_limits<double>::quiet_NaN()), {why}));
            const scorecard_inputs in = sme().inputs_from(p);
            const scorecard_result r = sme().evaluate(in);
            const firm_status status = sme().gap(in, {0})[0].status;
            if (reason_means_absent(why)) {
                BOOST_TEST(r.passed(0) == 1);
                BOOST_TEST(r.total(0) == 62.0);
                BOOST_TEST(status == firm_status::passed);
            } else {
                BOOST_TEST(r.valid(0) == 0);
                BOOST_TEST(r.passed(0) == 0);
                BOOST_TEST(std::isnan(r.total(0)));
                BOOST_TEST(status == firm_status::invalid_input);
                const std::string line = sme().explain(in, r, {0}, "en")[0];
                BOOST_TEST(has(line, "hnte_certified (" + std::string(to_string(why)) + ")"), line);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(what_blocks_a_firm_is_probed_within_the_inputs_max) {
    // x is controllable with max 100; only the gate on y (no controllable input moves it)
    // blocks. Raising x to the end of the search (10^7) used to report "input x" as a blocker.
    const std::string text =
        "id = \"x\"\n[[input]]\nid = \"x\"\nmin = 0\nmax = 100\n[[input]]\nid = \"y\"\n"
        "[[gate]]\nid = \"g\"\ncondition = \"y >= 1\"\n[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"x\"\n"
        "bands = [{min = 50, points = 10}, {points = 0}]\n[pass]\nrule = \"total >= 5\"\n"
        "[[controllable]]\ninput = \"x\"\nstep = 1\ncost = 1\n";
    const scorecard card = scorecard::from_toml(text);
    std::vector<double> x{0, 99.5}, y{0, 0};
    const auto g = card.gap({2, {x.data(), y.data()}}, {0, 1});
    for (std::size_t i = 0; i < g.size(); ++i) BOOST_TEST_CONTEXT("firm " << i) {
            BOOST_TEST(g[i].cheapest == -1);
            BOOST_TEST(g[i].blocked_by == std::vector<std::string>{"g"}, boost::test_tools::per_element());
        }
}

BOOST_AUTO_TEST_CASE(a_pack_naming_an_unknown_or_repeated_measure_is_a_parse_error) {
    // Since packs keep an error's class these were plain errors (ValueError, not ParseError).
    const std::string head = "id = \"x\"\n[[input]]\nid = \"a\"\n[[measure]]\nid = \"s\"\nformula = \"a\"\n";
    const std::string tail = "[pass]\nrule = \"total >= 5\"\n";
    auto item = [](const std::string& id, const std::string& measure) {
        return "[[item]]\nid = \"" + id + "\"\nmax = 10\nmeasure = \"" + measure +
               "\"\nbands = [{min = 5, points = 10}, {points = 0}]\n";
    };
    BOOST_TEST(has(message_of<parse_error>([&] { scorecard::from_toml(head + item("i", "nothing") + tail); }),
                   "no measure or input 'nothing'"));
    BOOST_TEST(
        has(message_of<parse_error>([&] { scorecard::from_toml(head + item("s", "a") + tail); }), "repeats a name"));
}

BOOST_AUTO_TEST_CASE(round_takes_a_constant_whole_number_of_digits_within_15) {
    auto pack = [](const std::string& formula) {
        return "id = \"x\"\n[[input]]\nid = \"a\"\n[[measure]]\nid = \"s\"\nformula = \"" + formula +
               "\"\n"
               "[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"s\"\nbands = [{min = 100, points = 10}, {points = 0}]\n"
               "[pass]\nrule = \"total >= 5\"\n";
    };
    // 10^±400 made round() NaN with no reason: refused when the pack is compiled, by name.
    for (const std::string bad :
         {"round(a, 400)", "round(a, -400)", "round(a, 16)", "round(a, 1.5)", "round(a, a)", "round(a, 1 + 1)"})
        BOOST_TEST_CONTEXT(bad) {
            const std::string message = message_of<parse_error>([&] { scorecard::from_toml(pack(bad)); });
            BOOST_TEST(has(message, "round() takes a"), message);
            BOOST_TEST(has(message, "number of digits"), message);
        }
    // Within the range, negative digits included: 149 → 100 (10 points), 49 → 0; 99.96 → 100.0.
    std::vector<double> a{149, 49};
    const scorecard_result tens = scorecard::from_toml(pack("round(a, -2)")).evaluate({2, {a.data()}});
    BOOST_TEST(tens.total(0) == 10.0);
    BOOST_TEST(tens.total(1) == 0.0);
    std::vector<double> b{99.96};
    BOOST_TEST(scorecard::from_toml(pack("round(a, 1)")).evaluate({1, {b.data()}}).total(0) == 10.0);
    BOOST_TEST(scorecard::from_toml(pack("round(a, 15)")).evaluate({1, {b.data()}}).total(0) == 0.0);
}

BOOST_AUTO_TEST_CASE(non_finite_inputs_are_invalid_input) {
    const double inf = std::numeric_limits<double>::infinity();
    // Case 0 of §6b with one input infinite: R&D (was "passed", 82), staff (was "ineligible"),
    // an optional flag, and −inf.
    firms f(sme(), {{"employees", {40, inf, 40, 40, 40}},
                    {"st_staff", {12, 12, 12, 12, 12}},
                    {"sales", {1000, 1000, 1000, 1000, 1000}},
                    {"assets", {500, 500, 500, 500, 500}},
                    {"rd_expense", {inf, 45, 45, -inf, 45}},
                    {"total_cost", {45 / 0.22, 45 / 0.22, 45 / 0.22, 45 / 0.22, 45 / 0.22}},
                    {"ip_class1", {0, 0, 0, 0, 0}},
                    {"ip_class2", {2, 2, 2, 2, 2}},
                    {"hnte_certified", {0, 0, inf, 0, 0}}});
    const scorecard_result r = sme().evaluate(f.columns());
    for (std::size_t i : {0u, 1u, 2u, 3u}) {
        BOOST_TEST_CONTEXT("firm " << i) {
            BOOST_TEST(r.valid(i) == 0);
            BOOST_TEST(r.passed(i) == 0);
            BOOST_TEST(std::isnan(r.total(static_cast<Eigen::Index>(i))));
        }
    }
    BOOST_TEST(r.valid(4) == 1);
    BOOST_TEST(r.total(4) == 62.0);
    BOOST_TEST((r.problems[0] >> sme().input_index("rd_expense") & 1u) == 1u);
    BOOST_TEST(has(sme().explain(f.columns(), r, {1}, "en")[0], "invalid input: input employees invalid"));
    // The gap refuses them too (it used to search for ever with rd_expense = inf).
    for (const auto& g : sme().gap(f.columns(), {0, 1, 2, 3})) BOOST_TEST(g.status == firm_status::invalid_input);
}

BOOST_AUTO_TEST_CASE(gap_costs_must_name_controllable_inputs) {
    // 0 + 30 + 12 points: 15 more S&T staff (17 of 55, 30.9%: 20 points) make 62.
    firms f(sme(), {{"employees", {40}},
                    {"st_staff", {2}},
                    {"sales", {1000}},
                    {"assets", {500}},
                    {"rd_expense", {45}},
                    {"total_cost", {500}},
                    {"ip_class1", {0}},
                    {"ip_class2", {2}}});
    const std::string typo = message_of<lookup_error>([&] { sme().gap(f.columns(), {0}, {{"st_staf", 1}}); });
    BOOST_TEST(has(typo, "did you mean 'st_staff'"), typo);
    BOOST_TEST(has(message_of<error>([&] { sme().gap(f.columns(), {0}, {{"sales", 1}}); }), "no controllable input"));
    // A negative or NaN cost is a bad argument, as a row past the end is (cpp.md): argument_error,
    // NaN said as NaN (not the explanations' "—").
    BOOST_TEST(has(message_of<argument_error>([&] {
                       sme().gap(f.columns(), {0}, {{"st_staff", -1}});
                   }),
                   "finite number ≥ 0, not -1"));
    const std::string nan_cost = message_of<argument_error>([&] {
        sme().gap(f.columns(), {0}, {{"st_staff", std::nan("")}});
    });
    BOOST_TEST(has(nan_cost, "finite number ≥ 0, not NaN"), nan_cost);
    BOOST_TEST(sme().gap(f.columns(), {0})[0].routes[1].cost == 15.0 * 20);  // the pack's 20万元 a person
    const auto g = sme().gap(f.columns(), {0}, {{"st_staff", 1}});
    BOOST_TEST(g[0].routes[1].change == 15.0);
    BOOST_TEST(g[0].routes[1].cost == 15.0);
}

BOOST_AUTO_TEST_CASE(gap_status_is_evaluates_and_a_blocked_firm_names_the_rule) {
    // 0 fails on points; 1 has 510 staff (ineligible: nothing a controllable input does lowers
    // staff); 2 holds an HNTE certificate (direct); 3 passes on points.
    firms f(sme(), {{"employees", {40, 510, 40, 40}},
                    {"st_staff", {12, 100, 0, 12}},
                    {"sales", {1000, 1000, 1000, 1000}},
                    {"assets", {500, 500, 500, 500}},
                    {"rd_expense", {5, 45, 0, 45}},
                    {"total_cost", {500, 500, 500, 45 / 0.22}},
                    {"ip_class1", {0, 0, 0, 0}},
                    {"ip_class2", {0, 0, 0, 2}},
                    {"hnte_certified", {0, 0, 1, 0}}});
    const auto g = sme().gap(f.columns(), {0, 1, 2, 3});
    BOOST_TEST(std::string(status_name(g[0].status)) == "failed");
    BOOST_TEST(g[0].cheapest >= 0);
    BOOST_TEST(g[0].blocked_by.empty());
    BOOST_TEST(std::string(status_name(g[1].status)) == "ineligible");
    BOOST_TEST(g[1].cheapest == -1);
    BOOST_TEST_REQUIRE(g[1].blocked_by.size() == 1u);
    BOOST_TEST(g[1].blocked_by[0] == "staff_limit");
    BOOST_TEST(std::string(status_name(g[2].status)) == "direct");
    BOOST_TEST(g[2].already_passes);
    BOOST_TEST(std::string(status_name(g[3].status)) == "passed");
}

BOOST_AUTO_TEST_CASE(gap_searches_below_the_candidates_where_a_share_has_a_zero_base) {
    // Round 15: total costs of 0 and no R&D: R&D ÷ total cost is 0/0 (missing), R&D ÷ sales 0%,
    // 20 + 0 + 12 = 32 points. More R&D adds to the total cost too, so 0.01 万元 makes the share
    // 0.01/0.01 = 100%: 50 points, 82, passed. The gap was 20 万元, the candidate of R&D ÷ sales
    // ≥ 2% (the share without a closed form at 0 was never searched below it). With total costs
    // of 10: x / (10 + x) ≥ 20% (30 points, 62) needs x = 2.5, as before.
    firms f(sme(), {{"employees", {40, 40}},
                    {"st_staff", {12, 12}},
                    {"sales", {1000, 1000}},
                    {"assets", {500, 500}},
                    {"rd_expense", {0, 0}},
                    {"total_cost", {0, 10}},
                    {"ip_class1", {0, 0}},
                    {"ip_class2", {2, 2}}});
    const auto g = sme().gap(f.columns(), {0, 1});
    BOOST_TEST_REQUIRE(g[0].cheapest == 0);
    BOOST_TEST(g[0].routes[0].input == "rd_expense");
    BOOST_TEST(g[0].routes[0].change == 0.01);
    BOOST_TEST(!g[0].routes[0].closed_form);
    BOOST_TEST_REQUIRE(g[1].cheapest == 0);
    BOOST_TEST(g[1].routes[0].change == 2.5);
}

BOOST_AUTO_TEST_CASE(gap_ends_for_huge_finite_inputs) {
    // R&D of 1e307 and 1e300 万元 with sales of 1000: the search bounds once went to inf and
    // looped for ever. Every firm gets an answer: a route, or the rule that blocks it.
    firms f(sme(), {{"employees", {40, 40, 1e300, 40}},
                    {"st_staff", {2, 2, 2, 2}},
                    {"sales", {1000, 1e307, 1000, 1000}},
                    {"assets", {500, 500, 500, 500}},
                    {"rd_expense", {1e307, 1e300, 45, 1e300}},
                    {"total_cost", {1.5e307, 2e300, 500, 1e307}},  // R&D within total costs
                    {"ip_class1", {0, 0, 0, 0}},
                    {"ip_class2", {0, 0, 0, 0}}});
    const auto g = sme().gap(f.columns(), {0, 1, 2, 3});
    for (std::size_t i = 0; i < g.size(); ++i) BOOST_TEST_CONTEXT("firm " << i) {
            BOOST_TEST((g[i].already_passes || g[i].cheapest >= 0 || !g[i].blocked_by.empty()));
        }
    // Firm 0 scores 50 on R&D and 0 on S&T staff (2 of 40); it needs 10 more points: 20% S&T
    // staff (12 points, 62) with (2 + d) / (40 + d) ≥ 20% → d = 8 (10 of 48, 20.8%); 7 give
    // 9 of 47 = 19.1% (8 points, 58).
    BOOST_TEST_REQUIRE(g[0].cheapest == 1);
    BOOST_TEST(g[0].routes[1].input == "st_staff");
    BOOST_TEST(g[0].routes[1].change == 8.0);
    // Firm 1: sales of 1e307 are above 2亿元 (R&D/cost gives 50 points, S&T staff would give the
    // rest: only the sales gate blocks); firm 2: 1e300 staff above 500.
    BOOST_TEST(g[1].status == firm_status::ineligible);
    BOOST_TEST(g[1].blocked_by == std::vector<std::string>{"sales_limit"}, boost::test_tools::per_element());
    BOOST_TEST(g[2].status == firm_status::ineligible);
}

BOOST_AUTO_TEST_CASE(long_chains_in_a_pack_compile_without_deep_recursion) {
    // A 20,000-term `and` chain and a 20,000-term sum: each a left-deep tree as long as the
    // chain, which the compiler used to recurse down (SIGSEGV).
    const std::size_t terms = 20000;
    std::string chain = "a >= 0", sum = "a";
    for (std::size_t k = 1; k < terms; ++k) chain += " and a >= 0", sum += " + a";
    const std::string text = "id = \"x\"\n[[input]]\nid = \"a\"\n[[measure]]\nid = \"s\"\nformula = \"" + sum + "\"\n" +
                             "[[gate]]\nid = \"g\"\ncondition = \"" + chain +
                             "\"\n[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"s\"\n"
                             "bands = [{min = 5, points = 10}, {points = 0}]\n[pass]\nrule = \"total >= 5\"\n";
    try {
        const scorecard card = scorecard::from_toml(text);
        std::vector<double> a{1, -1, 0.0001};
        const scorecard_result r = card.evaluate({3, {a.data()}});
        BOOST_TEST(r.passed(0) == 1);  // 20,000 ≥ 5
        BOOST_TEST(r.eligible(1) == 0);
        BOOST_TEST(r.passed(2) == 0);  // sum 2 < 5
    } catch (const error& e) {
        // The formula parser may refuse a formula this long: a clean error then, never a crash.
        BOOST_TEST(has(e.what(), "formula"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_product_of_units_too_large_to_track_is_refused) {
    // 200 × 万元 would wrap the dimension's exponent round to a wrong unit.
    std::string product = "a";
    for (int k = 1; k < 200; ++k) product += " * a";
    const std::string text =
        "id = \"x\"\n[[input]]\nid = \"a\"\nunit = \"万元\"\n[[gate]]\nid = \"g\"\ncondition = \"" + product +
        " > 0\"\n[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"a\"\nbands = [{min = 5, points = 10}, {points = 0}]\n"
        "[pass]\nrule = \"total >= 5\"\n";
    const std::string message = message_of<error>([&] { scorecard::from_toml(text); });
    BOOST_TEST(has(message, "power too large"), message);
}

BOOST_AUTO_TEST_CASE(english_explanations_name_units_in_english) {
    // "35人" in an English line was the zh symbol; Chinese lines keep it.
    firms f(sme(), {{"employees", {510}},
                    {"st_staff", {100}},
                    {"sales", {30000}},
                    {"assets", {500}},
                    {"rd_expense", {45}},
                    {"total_cost", {500}},
                    {"ip_class1", {0}},
                    {"ip_class2", {0}}});
    const scorecard_result r = sme().evaluate(f.columns());
    const std::string en = sme().explain(f.columns(), r, {0}, "en")[0];
    BOOST_TEST(has(en, "staff 510 persons above 500 persons"), en);
    BOOST_TEST(has(en, "sales 30000 10k yuan above 20000 10k yuan (200 million yuan)"), en);
    for (const char* zh_unit : {"人", "万元", "亿元"}) BOOST_TEST(!has(en, zh_unit), en);
    const std::string zh = sme().explain(f.columns(), r, {0}, "zh")[0];
    BOOST_TEST(has(zh, "职工总数510人超过500人"), zh);
    BOOST_TEST(has(zh, "年销售收入30000万元超过20000万元（2亿元）"), zh);
}

BOOST_AUTO_TEST_CASE(the_result_layout_is_lean) {
    // One status byte a firm, points as float where exact, ranges only for items that have them.
    BOOST_TEST(sme().narrow_points());
    BOOST_TEST(hnte().narrow_points());
    BOOST_TEST(sme().ranged_items().empty());
    // HNTE-2016: IP quantity, conversions, net asset and sales growth give ranges (9–10); the
    // eight expert items do not.
    std::vector<std::string> ranged;
    for (std::size_t k : hnte().ranged_items()) ranged.push_back(hnte().items()[k].id);
    const std::vector<std::string> expected = {"ip_quantity_points", "transfer_points", "net_asset_growth_points",
                                               "sales_growth_points"};
    BOOST_TEST(ranged == expected, boost::test_tools::per_element());
    std::vector<double> none(3, std::numeric_limits<double>::quiet_NaN());
    scorecard_columns in{3, std::vector<const double*>(hnte().inputs().size(), none.data())};
    const scorecard_result r = hnte().evaluate(in);
    BOOST_TEST(r.points.narrow());
    BOOST_TEST(r.points.cols() == static_cast<Eigen::Index>(hnte().items().size()));
    BOOST_TEST(r.points_lo.cols() == 4);
    BOOST_TEST(r.points_hi.cols() == 4);
    BOOST_TEST(r.status.size() == 3u);
    BOOST_TEST(r.status_of(0) == firm_status::invalid_input);
    BOOST_TEST(!r.valid(0));
    BOOST_TEST(std::isnan(r.total(0)));
}

BOOST_AUTO_TEST_CASE(points_not_exact_in_float_are_stored_as_double) {
    // 0.1 point, or whole points past 2^24 in total, are no floats: such a pack keeps doubles,
    // and the values are those the scorer computed.
    auto pack = [](const std::string& points, const std::string& max) {
        return "id = \"x\"\n[[input]]\nid = \"a\"\n[[item]]\nid = \"i\"\nmax = " + max +
               "\nmeasure = \"a\"\nbands = [{min = 1, points = " + points +
               "}, {points = 0}]\n[[item]]\nid = \"j\"\nmax = " + max +
               "\nmeasure = \"a\"\nbands = [{min = 1, points = " + points +
               "}, {points = 0}]\n[pass]\nrule = \"total >= 0\"\n";
    };
    std::vector<double> a{1, 0};
    const scorecard tenth = scorecard::from_toml(pack("0.1", "1"));
    BOOST_TEST(!tenth.narrow_points());
    const scorecard_result r = tenth.evaluate({2, {a.data()}});
    BOOST_TEST(!r.points.narrow());
    BOOST_TEST(r.points(0, 0) == 0.1);
    BOOST_TEST(r.total(0) == 0.1 + 0.1);
    BOOST_TEST(r.total(1) == 0.0);
    const scorecard big = scorecard::from_toml(pack("16777216", "16777216"));  // 2^24 + 2^24 in total
    BOOST_TEST(!big.narrow_points());
    BOOST_TEST(big.evaluate({2, {a.data()}}).total(0) == 33554432.0);
    BOOST_TEST(scorecard::from_toml(pack("0.25", "1")).narrow_points());
    BOOST_TEST(scorecard::from_toml(pack("8388608", "8388608")).narrow_points());  // 2^23 + 2^23 = 2^24
}

BOOST_AUTO_TEST_CASE(explain_refuses_a_result_of_other_firms) {
    // A result shorter than the columns was read past its end.
    firms f(sme(), {{"employees", {40, 40}}, {"st_staff", {12, 12}}});
    firms one(sme(), {{"employees", {40}}, {"st_staff", {12}}});
    const scorecard_result r = sme().evaluate(one.columns());
    BOOST_CHECK_THROW(sme().explain(f.columns(), r, {1}, "en"), error);
}

BOOST_AUTO_TEST_CASE(explain_refuses_the_result_of_another_pack) {
    // trial23b F1: tech-sme-2017's result (4 gates, 3 items) explained by hnte-2016 (8 gates,
    // 12 items) was read past its end — "not eligible: R&D ratio 100% < 5% …" from bytes beyond
    // the gates — and a direct route was looked up among another pack's routes.
    // indicators.md §6b: an HNTE certificate passes directly (route 0); 62 points pass.
    firms in_sme(sme(), {{"employees", {40, 40}},
                         {"st_staff", {0, 12}},
                         {"sales", {1000, 1000}},
                         {"assets", {500, 500}},
                         {"rd_expense", {0, 45}},
                         {"total_cost", {500, 45 / 0.22}},
                         {"ip_class1", {0, 0}},
                         {"ip_class2", {0, 2}},
                         {"hnte_certified", {1, 0}}});
    firms in_hnte(hnte(), {{"employees", {40, 40}}, {"st_staff", {12, 12}}});
    const scorecard_result r = sme().evaluate(in_sme.columns());
    BOOST_TEST(r.route[0] == 0);
    BOOST_TEST(r.passed(1));
    const std::string m = message_of<argument_error>([&] { hnte().explain(in_hnte.columns(), r, {1}, "en"); });
    BOOST_TEST(m.find("explain takes a result of this pack (8 gates, 12 items)") != std::string::npos, m);
    BOOST_TEST(m.find("this one has 4 gates and 3 items") != std::string::npos, m);
    // A route number the pack does not have (a result of the same shape, changed) was an index
    // past the pack's 4 routes.
    scorecard_result changed = r;
    changed.route[0] = 7;
    const std::string route = message_of<argument_error>([&] { sme().explain(in_sme.columns(), changed, {0}, "en"); });
    BOOST_TEST(route.find("firm 0 took direct route 7 of a pack with 4 routes") != std::string::npos, route);
    // The right result still explains.
    BOOST_TEST(sme().explain(in_sme.columns(), r, {0, 1}, "en").size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_large_result_is_on_whole_huge_pages_and_scores_as_a_small_one) {
    // 300,000 firms: the points (3.6 MB) and problems (2.4 MB) columns are mappings of their own,
    // 2 MiB aligned so that all of each can be huge pages (malloc left up to 4 MiB of each
    // column's ends on 4 KiB pages). Growing, shrinking and copying the result keep the scores.
    const std::vector<double> employees{40, 40, 40, 510, 40}, st{12, 3, 12, 100, 0}, rd{45, 60, 19, 45, 0},
        cost{45 / 0.22, 600, 19 / 0.30, 500, 500}, ip1{0, 1, 0, 0, 0}, ip2{2, 0, 0, 0, 0}, hnte_cert{0, 0, 0, 0, 1};
    const std::size_t n = 300000;
    std::map<std::string, std::vector<double>> data;
    auto repeat = [&](const std::string& id, const std::vector<double>& five) {
        auto& column = data[id];
        for (std::size_t i = 0; i < n; ++i) column.push_back(five[i % 5]);
    };
    repeat("employees", employees), repeat("st_staff", st), repeat("rd_expense", rd), repeat("total_cost", cost);
    repeat("ip_class1", ip1), repeat("ip_class2", ip2), repeat("hnte_certified", hnte_cert);
    repeat("sales", {1000, 1000, 1000, 1000, 1000}), repeat("assets", {500, 500, 500, 500, 500});
    const firms big(sme(), data);
    scorecard_result r = sme().evaluate(firms(sme(), {{"employees", {40}}, {"st_staff", {12}}}).columns());
    sme().evaluate_into(big.columns(), r, points_policy::low, 2);  // grows from one firm
#if defined(__linux__)
    const auto misalignment = [](const void* p) {
        return reinterpret_cast<std::uintptr_t>(p) % (std::size_t{2} << 20);
    };
    BOOST_TEST(misalignment(r.points.floats()) == 0u);
    BOOST_TEST(misalignment(r.problems.data()) == 0u);
#endif
    const scorecard_result copy = r;
    firms five(sme(), {{"employees", employees},
                       {"st_staff", st},
                       {"rd_expense", rd},
                       {"total_cost", cost},
                       {"ip_class1", ip1},
                       {"ip_class2", ip2},
                       {"hnte_certified", hnte_cert},
                       {"sales", {1000, 1000, 1000, 1000, 1000}},
                       {"assets", {500, 500, 500, 500, 500}}});
    const scorecard_result small = sme().evaluate(five.columns());
    BOOST_TEST(small.total(0) == 62.0);  // the cases of section 6b
    BOOST_TEST(small.total(1) == 80.0);
    // a firm confirmed directly is not scored (第八条): no points, no total, no measure that scored
    std::size_t direct = 0;
    for (std::size_t i = 0; i < 5; ++i)
        if (small.status_of(i) == firm_status::direct) {
            ++direct;
            const auto row = static_cast<Eigen::Index>(i);
            BOOST_TEST(std::isnan(small.total(row)));
            for (Eigen::Index k = 0; k < small.points.cols(); ++k) {
                BOOST_TEST(std::isnan(small.points(row, k)));
                BOOST_TEST(small.alternative(row, k) == -1);
            }
        }
    BOOST_TEST(direct > 0u);
    auto same_firm = [&](const scorecard_result& a, std::size_t i) {
        const auto row = static_cast<Eigen::Index>(i), model = static_cast<Eigen::Index>(i % 5);
        BOOST_TEST(a.status[i] == small.status[i % 5]);
        BOOST_TEST(a.problems[i] == small.problems[i % 5]);
        // NaN alike too: a firm confirmed directly is not scored
        auto same = [](double x, double y) { return x == y || (x != x && y != y); };
        for (Eigen::Index k = 0; k < a.points.cols(); ++k) BOOST_TEST(same(a.points(row, k), small.points(model, k)));
        BOOST_TEST(same(a.total(row), small.total(model)));
    };
    for (std::size_t i = 0; i < n; i += 997) same_firm(r, i), same_firm(copy, i);
    same_firm(r, n - 1), same_firm(copy, n - 1);
    sme().evaluate_into(five.columns(), r);  // shrinks into the same storage
    BOOST_TEST(r.status.size() == 5u);
    for (std::size_t i = 0; i < 5; ++i) same_firm(r, i);
}

BOOST_AUTO_TEST_CASE(a_whole_number_of_persons_as_written_is_whole_after_conversion) {
    // Round 20: 0.0012 万人 × 1e4 is 11.999999999999998: the firm was invalid input ("not a whole number").
    const std::size_t k = static_cast<std::size_t>(sme().input_index("st_staff"));
    const unit wan = unit::parse("万人");
    std::vector<double> given, expect;
    for (int n = 0; n < 20000; ++n) {
        given.push_back(std::strtod((std::to_string(n / 10000) + "." +
                                     std::string(4 - std::to_string(n % 10000).size(), '0') + std::to_string(n % 10000))
                                        .c_str(),
                                    nullptr));
        expect.push_back(n);
    }
    std::vector<double> out(given.size());
    sme().convert_input(k, wan, given.data(), out.data(), given.size());
    BOOST_TEST(out == expect);
    // 11.5 persons as written stay 11.5 (invalid), as does a value with digits beyond the whole
    const std::vector<double> odd = {0.00115, 0.00120000000000001};
    std::vector<double> odd_out(2);
    sme().convert_input(k, wan, odd.data(), odd_out.data(), 2);
    BOOST_TEST(odd_out[0] == 11.5);
    BOOST_TEST(odd_out[1] == 0.00120000000000001 * 1e4);
    // a panel in 万人 scores as one in 人: spec §6b's first case, 62
    panel p = sme_panel(1, "st_staff");
    p.add(column("st_staff", wan, Eigen::ArrayXd::Constant(1, 0.0012)));
    const scorecard_result r = sme().evaluate(p);
    BOOST_TEST(r.total(0) == 62.0);
    BOOST_TEST(r.passed(0) == 1);
}

BOOST_AUTO_TEST_CASE(a_bare_number_beside_a_percent_measure_is_refused) {
    // Round 20: `st_share >= 10` compared with 1000 %, silently (a pack of one's own).
    const std::string pack =
        "id = \"x\"\n[[input]]\nid = \"a\"\n[[input]]\nid = \"b\"\n[[measure]]\nid = \"share\"\n"
        "formula = \"a / b\"\nunit = \"%\"\n[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"share\"\n"
        "bands = [{min = 30, points = 10}, {points = 0}]\n[pass]\nrule = \"total >= 5\"\n[[gate]]\nid = \"g\"\n";
    const std::string refused =
        message_of<incompatible_units_error>([&] { scorecard::from_toml(pack + "condition = \"share >= 10\"\n"); });
    BOOST_TEST(has(refused, "the number 10 has no unit, beside a value in '%': write 10[%] for 10 %, or 0.1[1]"),
               refused);
    const std::string permille = message_of<incompatible_units_error>(
        [&] { scorecard::from_toml(pack + "condition = \"share * 1[‰] / 1[%] > 3\"\n"); });
    BOOST_TEST(has(permille, "the number 3 has no unit"), permille);
    const scorecard card = scorecard::from_toml(pack + "condition = \"share >= 10[%]\"\n");
    const scorecard fraction = scorecard::from_toml(pack + "condition = \"share >= 0.1[1]\"\n");
    const std::vector<double> a = {12, 3}, b = {40, 40};
    const scorecard_columns in{2, {a.data(), b.data()}};
    const scorecard_result r = card.evaluate(in), f = fraction.evaluate(in);
    BOOST_TEST(r.gates(0, 0) == 1);
    BOOST_TEST(r.gates(1, 0) == 0);
    BOOST_TEST(f.gates(0, 0) == 1);
    BOOST_TEST(f.gates(1, 0) == 0);
    BOOST_CHECK_NO_THROW(scorecard::from_toml(pack + "condition = \"share > 0 and a >= 2\"\n"));
}

BOOST_AUTO_TEST_CASE(inputs_read_goes_through_measures) {
    const scorecard& h = hnte();
    for (const auto& g : h.gates())
        if (g.id == "st_staff_share") {
            const std::uint64_t bits = h.inputs_read(g.parsed);
            BOOST_TEST((bits >> h.input_index("st_staff") & 1u) == 1u);
            BOOST_TEST((bits >> h.input_index("employees") & 1u) == 1u);
            BOOST_TEST((bits >> h.input_index("sales_y3") & 1u) == 0u);
        }
}

BOOST_AUTO_TEST_SUITE_END()
