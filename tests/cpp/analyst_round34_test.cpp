// Round 34, the analyst's seams: reason names of codes that name none, typed framework errors with
// where the bad node is, top_k beyond the regions ranked, and a partial roll-up sum said as partial
// by explain().
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <sstream>
#include <string>

#include "uncertainty_fixture.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/uncertainty.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/explain.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/rollup.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using namespace zhibiao::composite::testing;

namespace {
bool says(const std::string& what, const std::string& part) { return what.find(part) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_SUITE(analyst_round34)

// to_string(reason(17)) read reason_names[17], past the table's 16 entries: garbage or a crash.
BOOST_AUTO_TEST_CASE(a_reason_code_that_names_none_has_a_defined_name) {
    static_assert(to_string(static_cast<reason>(17)) == "reason(17)");
    BOOST_TEST(to_string(static_cast<reason>(16)) == "reason(16)");
    BOOST_TEST(to_string(static_cast<reason>(200)) == "reason(200)");
    BOOST_TEST(to_string(static_cast<reason>(255)) == "reason(255)");
    BOOST_TEST(to_string(reason::suspect_source) == "suspect_source");  // the names are unchanged
    BOOST_TEST(to_string(reason::none).empty());
    std::ostringstream out;
    out << static_cast<reason>(99);
    BOOST_TEST(out.str() == "reason(99)");
}

// A framework's errors were a plain zhibiao::error (Python: the base Error): now an unknown parent
// is a lookup_error (a KeyError) naming the parent, the others argument_error, each at the node.
BOOST_AUTO_TEST_CASE(framework_errors_are_typed_and_name_the_node) {
    using v = std::vector<node>;
    const auto node_at = [](const std::string& code, const std::string& part) {
        return [code, part](const error& e) { return e.where().variable == code && says(e.what(), part); };
    };
    BOOST_CHECK_EXCEPTION(
        framework(v{{"idx", "", 1, 1, 2}, {"a", "idx"}, {"b", "idxx"}}), lookup_error,
        [&](const lookup_error& e) { return e.name() == "idxx" && node_at("b", "did you mean 'idx'")(e); });
    // a cycle: idx → b → a → idx (a parent at its child's level or below is how it shows)
    BOOST_CHECK_EXCEPTION(framework(v{{"idx", "b", 1, 1, 2}, {"a", "idx"}, {"b", "a"}}), argument_error,
                          node_at("idx", "cycle (idx → b → a → idx)"));
    BOOST_CHECK_EXCEPTION(framework(v{{"idx", "", 1, 1, 2}, {"a", "a"}, {"b", "idx"}}), argument_error,
                          node_at("a", "its own parent"));
    BOOST_CHECK_EXCEPTION(framework(v{{"idx", "", 1, 1, 2}, {"a", "idx", 1, 1, 0}, {"b", "idx"}}), argument_error,
                          node_at("a", "level 0 (1 to 32"));
    BOOST_CHECK_EXCEPTION(framework(v{{"idx", "", 1, 1, 2}, {"p", "idx", 1, 1, 2}, {"b", "p"}}), argument_error,
                          node_at("p", "parent 'idx' (level 2) of 'p' (level 2) must be at a higher level"));
    BOOST_CHECK_EXCEPTION(framework(v{{"idx", "", 1, 1, 2}, {"a", "idx"}, {"a", "idx"}}), argument_error,
                          node_at("a", "appears twice"));
}

// From a model file a framework's error is a parse_error at the line of the node's [[node]] table,
// a cycle said as one (it was "parent 'a' of 'idx' must be at a higher level").
BOOST_AUTO_TEST_CASE(a_model_file_s_cycle_is_a_parse_error_at_its_line) {
    const std::string cycle =
        "[[node]]\ncode = \"idx\"\nlevel = 2\nparent = \"a\"\n\n[[node]]\ncode = \"a\"\n"
        "parent = \"idx\"\nlevel = 1\n";
    BOOST_CHECK_EXCEPTION(parse_model(cycle, "c.toml"), parse_error, [](const parse_error& e) {
        return e.where().file == "c.toml" && e.where().line == 1 && says(e.what(), "cycle (idx → a → idx)");
    });
}

// top_k beyond the regions gave P(rank ≤ top_k) = 1 for every region, as if certain.
BOOST_AUTO_TEST_CASE(top_k_beyond_the_regions_is_an_argument_error_naming_both) {
    uncertainty_spec spec;
    spec.noise.push_back({2, 0.1});
    const auto model = uncertainty_model::make(small_table(), small_framework(), nominal_steps(), spec);
    uncertainty_options o;
    o.replications = 20;
    o.top_k = 9;  // of 8 regions
    BOOST_CHECK_EXCEPTION(model->run(o), argument_error, [](const argument_error& e) {
        return says(e.what(), "top_k = 9 is more than the 8 regions ranked (top_k must be from 1 to 8)");
    });
    BOOST_CHECK_EXCEPTION(model->merge({model->run_block(0, 20, o)}, o), argument_error,
                          [](const argument_error& e) { return says(e.what(), "top_k = 9"); });
    o.top_k = -1;
    BOOST_CHECK_EXCEPTION(model->run(o), argument_error,
                          [](const argument_error& e) { return says(e.what(), "top_k = -1 is not a rank"); });
    o.top_k = 8;
    BOOST_TEST(model->run(o).top_k == 8);
    o.top_k = 0;  // the default: 10, whatever the number of regions, as before
    BOOST_TEST(uncertainty_options{}.top_k == 0);
    const uncertainty_result r = model->run(o);
    BOOST_TEST(r.top_k == 10);
    BOOST_TEST((r.top_k_share.array() == 1.0).all());
}

// The partial sum 8000 (two of three counties) read as a plain figure, without its reason, and the
// value (8000 / 300, sums over different children: compute()'s before round 34) said nothing of it.
BOOST_AUTO_TEST_CASE(explain_says_a_partial_roll_up_sum_is_partial) {
    const panel counties = parse_csv(
        "region,period,rd_expenditure[万元],gdp[亿元]\n320602,2023,3000,100\n320612,2023,,100\n"
        "320623,2023,5000,100\n");
    rollup_options partial;
    partial.partial_sums = true;
    const rollup_result up = rollup(counties, admin_parents(counties), partial);
    const explanation e = explain(up.parents, "rd_intensity", "320600", period::parse("2023"));
    const std::string text = e.to_string();
    BOOST_TEST_INFO(text);
    // compute() reads a partial sum as the gap it stands for (round 34, fixB34): the value is NaN with its reason
    BOOST_TEST(says(text, "rd_intensity of 320600 at 2023 = NaN % (missing: incomplete_rollup)"));
    BOOST_TEST(says(text, "gdp [320600 2023] 300 亿元\n"));  // complete: no reason
    BOOST_TEST(says(text, "note: read from partial roll-up sums (not every child summed)"));
    BOOST_TEST(says(text,
                    "rd_expenditure [320600 2023] 8000 万元 (partial: a roll-up sum without every part, "
                    "incomplete_rollup)"));
    // A value that is missing is still said as missing.
    explanation gone = e;
    gone.value = std::nan(""), gone.why = reason::incomplete_rollup;
    BOOST_TEST(says(gone.to_string(), "(missing: "));
}

BOOST_AUTO_TEST_SUITE_END()
