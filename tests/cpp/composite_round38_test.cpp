// Round 38: what a user is told matches what was done, for a C++ program as users write it.
// A totals row (合计) ranked among its regions was said only in Python (NestedRegionsWarning, found
// in the bindings); build() now notes it in result::region_notes and says it in result::warnings.
// A Weigh("fixed") step for one level said "fixed weights" for every level, also one that kept the
// framework's. A scorecard explanation under the mid policy quoted the low policy's total.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/scorecard.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// Index → P1 (a, b), P2 (c): framework weights 1, 3 for the pillars, 1, 2 for a and b.
framework two_pillars() {
    return framework({{"Index", "", 1, direction::higher_is_better, 3},
                      {"P1", "Index", 1, direction::higher_is_better, 2},
                      {"P2", "Index", 3, direction::higher_is_better, 2},
                      {"a", "P1", 1, direction::higher_is_better, 1},
                      {"b", "P1", 2, direction::higher_is_better, 1},
                      {"c", "P2", 1, direction::higher_is_better, 1}});
}

table districts(std::vector<std::string> regions, std::vector<std::string> names = {}) {
    table t;
    t.regions = std::move(regions);
    const auto n = static_cast<Eigen::Index>(t.regions.size());
    t.numbers["a"] = Eigen::VectorXd::LinSpaced(n, 1, static_cast<double>(n));
    t.numbers["b"] = Eigen::VectorXd::LinSpaced(n, static_cast<double>(n), 1);
    t.numbers["c"] = Eigen::VectorXd::LinSpaced(n, 2, 2 * static_cast<double>(n));
    if (!names.empty()) t.labels["name"] = std::move(names);
    return t;
}

std::vector<step> minmax_then(std::vector<step> more = {}) {
    normalise_step n;
    n.options.method = normalisation::minmax;
    std::vector<step> steps{n};
    for (auto& s : more) steps.push_back(std::move(s));
    return steps;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_round38)

// 南通市's districts and their 合计 row (the statistical yearbook's layout): the row is a total
// ranked among its own parts, said in the result's warnings and noted by row.
BOOST_AUTO_TEST_CASE(a_totals_row_among_the_regions_is_said_in_the_warnings) {
    const result r = build(districts({"320602", "320611", "320612", "合计"}), two_pillars(), minmax_then());
    BOOST_TEST(r.region_notes.totals == std::vector<std::size_t>{3});
    BOOST_TEST(r.region_notes.nested.empty());
    BOOST_TEST_REQUIRE(!r.warnings.empty());
    BOOST_TEST(r.warnings.front() == r.region_notes.said);
    BOOST_TEST(has(r.warnings.front(), "ranking a total among its parts: 合计 looks like a totals row"));
    BOOST_TEST(has(r.warnings.front(), "leave out the totals' rows"));
}

BOOST_AUTO_TEST_CASE(a_totals_name_and_a_city_beside_its_districts_are_said_with_their_names) {
    const result r = build(districts({"320600", "320602", "320611", "x1"}, {"南通市", "崇川区", "港闸区", "全市"}),
                           two_pillars(), minmax_then());
    BOOST_TEST(r.region_notes.totals == std::vector<std::size_t>{3});
    BOOST_TEST(r.region_notes.nested.size() == 2u);
    const std::string said = joined(r.warnings);
    BOOST_TEST_INFO(said);
    BOOST_TEST(has(said,
                   "x1 (全市) looks like a totals row; regions beside regions inside them (320602 (崇川区) in "
                   "320600 (南通市), 320611 (港闸区) in 320600 (南通市))"));
}

BOOST_AUTO_TEST_CASE(the_nation_is_said_as_the_nation) {
    const result r =
        build(districts({"360102", "360103", "100000"}, {"东湖区", "西湖区", "全国"}), two_pillars(), minmax_then());
    BOOST_TEST_REQUIRE(r.warnings.size() == 1u);
    BOOST_TEST(has(r.warnings.front(), "build: entity 100000 (全国) is the nation, a row to compare with"));
    BOOST_TEST(!has(r.warnings.front(), "looks like a totals row"));
}

BOOST_AUTO_TEST_CASE(regions_of_one_level_give_no_warning) {
    const result r = build(districts({"320602", "320611", "320612"}), two_pillars(), minmax_then());
    BOOST_TEST(r.region_notes.empty());
    BOOST_TEST(r.region_notes.said.empty());
    BOOST_TEST(r.warnings.empty());
    const region_notes asked = note_regions({"a", "合计"}, nullptr);
    BOOST_TEST(asked.totals == std::vector<std::size_t>{1});
    const std::vector<std::string> two{"x", "y"};
    BOOST_CHECK_THROW(note_regions({"a"}, &two), argument_error);
}

// Weigh("fixed", fixed={a: 3}) sets both levels: level 2 weighs a fixed and b, c by the framework
// (a : b = 3 : 2, c alone); level 3 has no fixed weight, P1 : P2 = 1 : 3 as the framework says.
BOOST_AUTO_TEST_CASE(a_level_the_fixed_weights_do_not_name_is_said_to_keep_the_frameworks) {
    weigh_step w;
    w.options.scheme = weighting::fixed;
    w.options.fixed = {{"a", 3}};
    const result r = build(districts({"u1", "u2", "u3"}), two_pillars(), minmax_then({w}));
    const std::string method = joined(r.method);
    BOOST_TEST_INFO(method);
    BOOST_TEST(has(method, "level 2: arithmetic, fixed weights for 'a', the framework's for the other 2 nodes;"));
    BOOST_TEST(has(method,
                   "level 3: arithmetic, framework weights (the fixed weights name none of this level's "
                   "nodes);"));
    const framework fw = two_pillars();
    BOOST_TEST(r.aggregation.weights(fw.find("a")) == 0.6, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(r.aggregation.weights(fw.find("P2")) == 0.75, boost::test_tools::tolerance(1e-12));
    w.options.fixed = {{"a", 3}, {"b", 1}, {"c", 1}, {"P1", 1}, {"P2", 1}};
    const std::string all = joined(build(districts({"u1", "u2", "u3"}), two_pillars(), minmax_then({w})).method);
    BOOST_TEST(has(all, "level 2: arithmetic, fixed weights;"));
    BOOST_TEST(has(all, "level 3: arithmetic, fixed weights;"));
}

// One item of points 9–10 (a range, HNTE's expert discretion, §6a): mid gives 10 (9 + 0.5 rounded
// half up), and the pass rule's message quotes the total the result holds under each policy.
BOOST_AUTO_TEST_CASE(an_explanation_quotes_the_total_of_the_policy_scored) {
    const scorecard card = scorecard::from_toml(
        "id = \"x\"\n[[input]]\nid = \"a\"\n[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"a\"\n"
        "bands = [{min = 1, points = [9, 10]}, {points = 0}]\n"
        "[pass]\nrule = \"total >= 11\"\nmessage_en = \"score {total}; 11 needed\"\n");
    std::vector<double> a{1};
    const scorecard_columns in{1, {a.data()}};
    for (const auto& [policy, total] : std::vector<std::pair<points_policy, std::string>>{
             {points_policy::low, "9"}, {points_policy::mid, "10"}, {points_policy::high, "10"}}) {
        const scorecard_result r = card.evaluate(in, policy);
        BOOST_TEST((r.policy == policy));
        const std::string why = card.explain(in, r, {0}, "en").front();
        BOOST_TEST(why == "fails: total " + total + "; score " + total + "; 11 needed");
    }
}

BOOST_AUTO_TEST_SUITE_END()
