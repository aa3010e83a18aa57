// What a C++ user trial found in the API (trialcpp8): unchecked framework indices, moved-from and
// default objects that dereferenced null, a reference into a temporary, a const result that could
// be written through, and exceptions outside zhibiao's vocabulary. Run under the ASan preset too.
#include <limits>
#include <algorithm>
#include <cstdio>
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/composite/uncertainty.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/validate.hpp"

using namespace zhibiao;

namespace {
using testing::has;
using testing::message_of;

template <class E, class F>
std::string thrown(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "(no error of this class)";
}

composite::framework x_y_index() {
    return composite::framework({{"x", "Index", 1, 1, 1}, {"y", "Index", 1, 1, 1}, {"Index", "", 1, 1, 2}});
}

composite::table three_regions() {
    composite::table t;
    t.regions = {"A", "B", "C"};
    t.numbers["x"] = (Eigen::VectorXd(3) << 1, 2, 3).finished();
    t.numbers["y"] = (Eigen::VectorXd(3) << 3, 1, 2).finished();
    return t;
}

const char* const firms_csv =
    "firm_id,employees,st_staff,sales[万元],assets[万元],rd_expense[万元],total_cost[万元],ip_class1,ip_class2,"
    "hnte_certified\nF1,40,12,1000,500,45,204,0,2,0\n";

panel firms(const char* text = firms_csv) {
    csv_options o;
    o.period_value = "2024";
    o.lenient = true;
    return parse_csv(text, o);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(cpp_api_trial)

// repro_4: find() gives -1 for an unknown code, and scores.col(-1) read out of bounds.
BOOST_AUTO_TEST_CASE(framework_indices_are_checked_and_index_of_suggests) {
    const composite::framework fw = x_y_index();
    BOOST_TEST(fw.find("index") == -1);  // documented: -1, kept
    BOOST_TEST(fw.index_of("Index") == 2);
    const std::string unknown = thrown<unknown_indicator_error>([&] { (void)fw.index_of("index"); });
    BOOST_TEST(has(unknown, "no node 'index'"), unknown);
    BOOST_TEST(has(unknown, "did you mean 'Index'?"), unknown);
    const std::string at = thrown<argument_error>([&] { (void)fw.at(fw.find("index")); });
    BOOST_TEST(has(at, "no node -1"), at);
    BOOST_TEST(has(at, "3 nodes"), at);
    BOOST_TEST(has(thrown<argument_error>([&] { (void)fw.children(3); }), "no node 3"));
    BOOST_TEST(has(thrown<argument_error>([&] { (void)x_y_index().at(7); }), "no node 7"));
    BOOST_TEST(has(thrown<argument_error>([&] { (void)x_y_index().children(-2); }), "no node -2"));
    BOOST_TEST(fw.children(2).size() == 2U);
    BOOST_TEST(fw.size() == 3U);
}

// trial21b F1: a moved-from column, indicator_values or points_array kept its size and a view into
// storage it no longer owned; once the new owner let go, reading it was a heap-use-after-free
// (the ASan preset reports it). A moved-from one is empty, by construction and by assignment.
BOOST_AUTO_TEST_CASE(a_moved_from_column_is_empty) {
    column a = parse_csv("region,period,gdp[亿元]\n320602,2024,100\n").at("gdp");
    {
        const column b = std::move(a);
        BOOST_TEST(b.size() == 1U);
    }
    BOOST_TEST(a.size() == 0U);  // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(a.values().size() == 0);
    BOOST_TEST(a.data() == nullptr);
    column c("x", unit::parse("亿元"), Eigen::ArrayXd::Constant(3, 1.0));
    column d("y", unit::parse("亿元"), Eigen::ArrayXd::Constant(2, 2.0));
    d = std::move(c);
    BOOST_TEST(d.size() == 3U);
    BOOST_TEST(c.size() == 0U);  // NOLINT(bugprone-use-after-move): what is tested
    const column copy = d;       // a copy keeps the view and shares the owner
    d = column("z", unit::parse("亿元"), Eigen::ArrayXd::Constant(1, 5.0));
    BOOST_TEST(copy.size() == 3U);
    BOOST_TEST(copy.values()(2) == 1.0);
}

BOOST_AUTO_TEST_CASE(moved_from_indicator_values_are_empty) {
    const panel p = parse_csv("region,period,gdp[亿元],rd_expenditure[万元]\n320602,2024,100,15000\n");
    indicator_values a = compute(p, {"rd_intensity"})[0];
    indicator_values b = std::move(a);
    b = indicator_values{};      // the last owner lets the block go
    BOOST_TEST(a.size() == 0U);  // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(a.values().size() == 0);
    BOOST_TEST(a.reasons().size() == 0U);
    for (std::size_t r = 0; r < a.size(); ++r) BOOST_TEST(a.values()(static_cast<Eigen::Index>(r)) >= 0.0);
    indicator_values c = compute(p, {"rd_intensity"})[0];
    indicator_values d;
    d = std::move(c);
    BOOST_TEST(d.size() == 1U);
    BOOST_TEST(c.size() == 0U);  // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(std::move(c).values().size() == 0);
    const indicator_values copy = d;
    d = indicator_values{};
    BOOST_TEST(copy.size() == 1U);
    BOOST_TEST(std::abs(copy.values()(0) - 1.5) < 1e-12);
}

BOOST_AUTO_TEST_CASE(a_moved_from_points_array_is_empty) {
    points_array a;
    a.resize(4, 2, false);
    a.set(3, 1, 7.0);
    points_array b = std::move(a);
    BOOST_TEST(b(3, 1) == 7.0);
    BOOST_TEST(a.rows() == 0);  // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(a.cols() == 0);
    BOOST_TEST(a.size() == 0);
    points_array c;
    c.resize(1, 1, true);
    c = std::move(b);
    BOOST_TEST(c.rows() == 4);
    BOOST_TEST(b.size() == 0);  // NOLINT(bugprone-use-after-move): what is tested
}

// Round 22: a moved-from scorecard_result, scorecard_columns or scorecard_inputs kept its row count
// beside empty columns (rows() said n, columns().columns was empty).
BOOST_AUTO_TEST_CASE(moved_from_scorecard_results_and_inputs_have_no_rows) {
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    const panel two = firms(
        "firm_id,employees,st_staff,sales[万元],assets[万元],rd_expense[万元],total_cost[万元],ip_class1,ip_class2,"
        "hnte_certified\nF1,40,12,1000,500,45,204,0,2,0\nF2,40,3,1000,500,60,600,1,0,0\n");
    scorecard_inputs in = card.inputs_from(two);
    scorecard_result r = card.evaluate(in.columns());
    const scorecard_inputs taken = std::move(in);
    BOOST_TEST(taken.rows() == 2U);
    BOOST_TEST(in.rows() == 0U);               // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(in.columns().columns.empty());  // NOLINT(bugprone-use-after-move)
    scorecard_result kept;
    kept = std::move(r);
    BOOST_TEST(kept.rows == 2U);
    BOOST_TEST(r.rows == 0U);  // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(r.status.empty());
    scorecard_columns columns = taken.columns();
    const scorecard_columns moved = std::move(columns);
    BOOST_TEST(moved.rows == 2U);
    BOOST_TEST(columns.rows == 0U);  // NOLINT(bugprone-use-after-move): what is tested
}

// trial23b F9: `rows` was a wrapper class: printf("%zu", r.rows) printed its bytes as a number
// under g++ (passed through the ellipsis), clang refused it, std::max(r.rows, n) did not compile.
static_assert(std::is_same_v<decltype(scorecard_result::rows), std::size_t>);
static_assert(std::is_same_v<decltype(scorecard_columns::rows), std::size_t>);
static_assert(std::is_aggregate_v<scorecard_columns> && std::is_aggregate_v<scorecard_result>);

BOOST_AUTO_TEST_CASE(a_results_row_count_reads_as_a_size_t_everywhere) {
    std::vector<double> none(3, std::numeric_limits<double>::quiet_NaN());
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    const scorecard_columns in{3, std::vector<const double*>(card.inputs().size(), none.data())};
    const scorecard_result r = card.evaluate(in);
    const std::size_t wider = std::max(r.rows, std::size_t{2});
    BOOST_TEST(wider == 3U);
    char printed[32];
    std::snprintf(printed, sizeof printed, "%zu/%zu", r.rows, in.rows);
    BOOST_TEST(std::string(printed) == "3/3");
}

// trial23b F7: a region by its code alone, as users write it, compiles under -Wextra -Werror (the
// tests' flags): name and parent were missing field initialisers.
BOOST_AUTO_TEST_CASE(an_entity_by_its_code_alone) {
    const entity county{"320602"};
    BOOST_TEST(county.code == "320602");
    BOOST_TEST((county.name.empty() && county.parent.empty()));
}

// repro_1: a moved-from panel held a null entity table.
BOOST_AUTO_TEST_CASE(a_moved_from_panel_is_an_empty_panel) {
    panel p = parse_csv("region,period,gdp[亿元]\n320602,2023,100\n");
    const panel q = std::move(p);
    BOOST_TEST(q.entity_count() == 1U);
    BOOST_TEST(p.entity_count() == 0U);  // NOLINT(bugprone-use-after-move): what is tested
    BOOST_TEST(p.rows() == 0U);
    BOOST_TEST(p.entities().empty());
    const panel copy = p;  // NOLINT(performance-unnecessary-copy-initialization)
    BOOST_TEST(copy.entity_count() == 0U);
    BOOST_TEST(admin_parents(p).empty());
    BOOST_TEST(validate(p).findings.empty());
    panel assigned;
    assigned = std::move(copy);  // NOLINT: a const copy, so a copy
    BOOST_TEST(assigned.entity_count() == 0U);
    panel r = parse_csv("region,period,gdp[亿元]\n320602,2023,100\n");
    panel s;
    s = std::move(r);
    BOOST_TEST(r.entity_count() == 0U);  // NOLINT(bugprone-use-after-move)
    BOOST_TEST(s.entity_code(0) == "320602");
}

// repro_2: a default or moved-from scorecard dereferenced its null program.
BOOST_AUTO_TEST_CASE(an_empty_scorecard_is_an_error_not_a_crash) {
    const scorecard none;
    BOOST_TEST(has(message_of([&] { (void)none.engine(); }), "scorecard: empty"));
    BOOST_TEST(has(message_of([&] { (void)none.evaluate(scorecard_columns{1, {}}); }), "scorecard: empty"));
    scorecard a = scorecard::builtin("hnte-2016");
    const scorecard b = std::move(a);
    BOOST_TEST(!b.engine().empty());
    BOOST_TEST(has(message_of([&] { (void)a.engine(); }), "scorecard: empty"));  // NOLINT(bugprone-use-after-move)
    const panel f = firms();
    BOOST_TEST(has(message_of([&] { (void)none.evaluate(f); }), "empty"));
}

// repro_6: an empty or moved-from formula, a default uncertainty_result.
BOOST_AUTO_TEST_CASE(an_empty_formula_or_uncertainty_result_is_an_error_not_a_crash) {
    const panel p = parse_csv("region,period,gdp[亿元]\n320602,2023,100\n");
    BOOST_TEST(has(message_of([&] { (void)evaluate(p, formula{}); }), "formula: empty"));
    formula f = formula::parse("gdp * 2");
    const formula g = std::move(f);
    BOOST_TEST(evaluate(p, g).values()[0] == 200.0);
    BOOST_TEST(has(message_of([&] { (void)evaluate(p, f); }), "formula: empty"));  // NOLINT(bugprone-use-after-move)
    const composite::uncertainty_result u;
    BOOST_TEST(has(message_of([&] { (void)u.parameters(); }), "uncertainty_result: empty"));
    BOOST_TEST(has(message_of([&] { (void)u.parameter_names(); }), "uncertainty_result: empty"));
    BOOST_TEST(has(thrown<argument_error>([&] { (void)u.replication(0); }), "replication 0 does not exist"));
}

// repro_3: unreadable() on a temporary returned a reference into it.
BOOST_AUTO_TEST_CASE(unreadable_on_a_temporary_is_a_copy) {
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    const panel bad = firms(
        "firm_id,employees,st_staff,sales[万元],assets[万元],rd_expense[万元],total_cost[万元],ip_class1,ip_class2,"
        "hnte_certified\nF1,40,abc,1000,500,45,204,0,2,0\n");
    static_assert(std::is_same<decltype(card.inputs_from(bad).unreadable()), std::vector<std::uint64_t>>::value,
                  "a temporary's unreadable() is a value");
    const auto& bits = card.inputs_from(bad).unreadable();  // lifetime-extended value
    BOOST_REQUIRE(bits.size() == 1U);
    BOOST_TEST(bits[0] != 0U);
    const scorecard_inputs in = card.inputs_from(bad);
    static_assert(std::is_same<decltype(in.unreadable()), const std::vector<std::uint64_t>&>::value,
                  "a named one's is a reference");
    // renamed() too: `for (auto& p : card.inputs_from(panel).renamed())` dangled
    using renaming = std::vector<std::pair<std::string, std::string>>;
    static_assert(std::is_same<decltype(card.inputs_from(bad).renamed()), renaming>::value,
                  "a temporary's renamed() is a value");
    static_assert(std::is_same<decltype(in.renamed()), const renaming&>::value, "a named one's is a reference");
}

// repro_7: shared() on a const layer gave a writable view.
BOOST_AUTO_TEST_CASE(shared_on_a_const_layer_is_read_only) {
    const composite::result r =
        composite::build(three_regions(), x_y_index(), {composite::normalise_step{}, composite::aggregate_step{}});
    static_assert(!std::is_assignable<decltype(r.ranks.shared()(0, 0)), double>::value,
                  "a const layer's view is read-only");
    static_assert(std::is_same<decltype(r.ranks.shared()), composite::layer_view>::value, "a layer_view");
    const double before = r.layers.back().values(0, 0);
    composite::layer_matrix copy = r.layers.back().values.shared();  // a copy of its own
    copy(0, 0) = -42;
    BOOST_TEST(r.layers.back().values(0, 0) == before);
    const composite::layer_view view = r.layers.back().values.shared();
    BOOST_TEST(view.storage().get() == r.layers.back().values.storage().get());
    BOOST_TEST(view(0, 0) == before);
    composite::result w = r;
    composite::layer_matrix writable = w.layers.back().values.shared();  // non-const: writes through
    writable(0, 0) = 5;
    BOOST_TEST(w.layers.back().values(0, 0) == 5.0);
}

// repro_8: out-of-range rows, wrong column counts and a language in the wrong case.
BOOST_AUTO_TEST_CASE(argument_errors_name_the_index_the_size_and_the_expected_count) {
    const panel p = parse_csv("region,period,gdp[亿元],rd_expenditure[万元]\n320602,2023,100,5\n");
    const indicator_table t = compute(p, {"rd_intensity"});
    const std::string reason = thrown<argument_error>([&] { (void)t[0].reasons().at(5); });
    BOOST_TEST(has(reason, "row 5 out of range (1 rows)"), reason);
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    const panel f = firms();
    const scorecard_inputs in = card.inputs_from(f);
    const scorecard_result r = card.evaluate(in);
    const std::string row = thrown<argument_error>([&] { (void)card.explain(in, r, {7}, "en"); });
    BOOST_TEST(has(row, "row 7 out of range (1 rows)"), row);
    const std::string lang = thrown<argument_error>([&] { (void)card.explain(in, r, {0}, "EN"); });
    BOOST_TEST(has(lang, "did you mean 'en'?"), lang);
    BOOST_TEST(has(thrown<argument_error>([&] { (void)card.explain(in, r, {0}, "fr"); }), "not 'fr'"));
    BOOST_TEST(has(thrown<argument_error>([&] { (void)card.gap(in, {3}); }), "row 3 out of range (1 rows)"));
    const std::string columns = thrown<argument_error>([&] { (void)card.evaluate(scorecard_columns{1, {}}); });
    BOOST_TEST(has(columns, "input columns, not 0"), columns);
    const std::string aggregate =
        thrown<argument_error>([&] { (void)composite::aggregate(x_y_index(), Eigen::MatrixXd::Ones(3, 5)); });
    BOOST_TEST(has(aggregate, "5 columns for 2 indicators"), aggregate);
}

// Round-17 trial: a column shorter than the regions was the base error (a caller catching
// argument_error for bad shapes missed it), and a table without rows blamed its first indicator.
BOOST_AUTO_TEST_CASE(composite_shapes_and_an_empty_table_are_argument_errors) {
    const std::vector<composite::step> steps{composite::normalise_step{}, composite::aggregate_step{}};
    composite::table short_column = three_regions();
    short_column.numbers["x"] = Eigen::Vector2d(1, 2);
    const std::string shape = thrown<argument_error>([&] { (void)composite::build(short_column, x_y_index(), steps); });
    BOOST_TEST(has(shape, "column 'x' has 2 values for 3 regions"), shape);
    composite::table empty;
    empty.numbers["x"] = Eigen::VectorXd(0);
    empty.numbers["y"] = Eigen::VectorXd(0);
    const std::string none = thrown<argument_error>([&] { (void)composite::build(empty, x_y_index(), steps); });
    BOOST_TEST(has(none, "the data have no rows"), none);
}

BOOST_AUTO_TEST_SUITE_END()
