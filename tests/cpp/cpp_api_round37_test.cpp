// Round 37: what a trial of the installed C++ package, programs written as users write them
// (tcpp37), found. Each case failed on main b5f2a4e4: the Eigen allocator zhibiao forced was not
// Eigen's own under the default flags (a column made without zhibiao's headers crashed in free()),
// an uncertainty result had no checked column lookup, build() ignored step entries under a
// misspelt name, extract_tables called a throwing interrupt check again and passed on the second
// exception, and only_period of an empty panel said "periods none".
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/composite/input.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/composite/uncertainty.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/interrupt.hpp"
#include "zhibiao/panel.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

namespace {

table three_regions() {
    table t;
    t.regions = {"r1", "r2", "r3"};
    Eigen::VectorXd a(3), b(3);
    a << 1, 2, 10;
    b << 3, 1, 2;
    t.numbers = {{"a", a}, {"b", b}};
    return t;
}

framework flat_ab() { return framework({{"a", "Index", 1, 1, 1}, {"b", "Index", 1, 1, 1}, {"Index", "", 1, 1, 2}}); }

}  // namespace

BOOST_AUTO_TEST_SUITE(cpp_api_round37)

// Eigen's own choice on glibc 64-bit (plain malloc, 16-byte aligned) is zhibiao's: a block Eigen
// allocates in a zhibiao unit is one std::free takes, as a unit without zhibiao's headers frees it.
// (Before: EIGEN_MALLOC_ALREADY_ALIGNED 0, a hand-made block whose pointer malloc never returned.)
BOOST_AUTO_TEST_CASE(eigen_allocates_with_plain_malloc_where_malloc_is_aligned) {
    BOOST_TEST(EIGEN_MALLOC_ALREADY_ALIGNED == ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED);
#if defined(__GLIBC__) && defined(__LP64__)
    BOOST_TEST(ZHIBIAO_EIGEN_MALLOC_ALREADY_ALIGNED == 1);
    void* p = std::malloc(48);
    Eigen::internal::aligned_free(p);  // a hand-made free would read the byte before the block
    void* q = Eigen::internal::aligned_malloc(48);
    BOOST_TEST(reinterpret_cast<std::uintptr_t>(q) % 16 == 0u);
    std::free(q);
#endif
}

// Misspelt keys of a normalise step: refused by build() with "did you mean", as check_step_names
// and parse_model refuse them (before: silently unused, the scores those without the entry).
BOOST_AUTO_TEST_CASE(build_refuses_step_entries_under_unknown_names) {
    const table t = three_regions();
    const framework fw = flat_ab();
    std::vector<normalise_step> bad(5);
    bad[0].methods["aa"] = "rank";
    bad[1].ranges["aa"] = {0, 10};
    bad[2].m_sds["aa"] = {1, 2};
    bad[3].goal_scales["aa"] = 10;
    bad[4].goalposts["aa"] = {0, 10};
    for (const normalise_step& n : bad) {
        const std::string said = message_of([&] { build(t, fw, {n, aggregate_step{}}); });
        BOOST_TEST(has(said, "'aa'"), said);
        BOOST_TEST(has(said, "did you mean 'a'?"), said);
    }
    BOOST_CHECK_THROW(build(t, fw, {bad[0], aggregate_step{}}), unknown_indicator_error);
    normalise_step good;
    good.methods["a"] = "rank";
    BOOST_CHECK_NO_THROW(build(t, fw, {good, aggregate_step{}}));
}

// The statistics' columns are the aggregates only: "Index" is column 2 of build()'s scores but
// column 0 of an uncertainty result here. column_of gives it, and refuses an indicator or a typo.
BOOST_AUTO_TEST_CASE(uncertainty_columns_by_node_name) {
    const framework fw({{"rd", "Input", 1, 1, 1},
                        {"patents", "Output", 1, 1, 1},
                        {"Input", "Index", 1, 1, 2},
                        {"Output", "Index", 1, 1, 2},
                        {"Index", "", 1, 1, 3}});
    table data;
    data.regions = {"A", "B", "C"};
    data.numbers["rd"] = (Eigen::VectorXd(3) << 3, 1, 2).finished();
    data.numbers["patents"] = (Eigen::VectorXd(3) << 1, 3, 2).finished();
    uncertainty_spec spec;
    spec.noise = {weight_noise{2, 0.25}};
    uncertainty_options o;
    o.replications = 20;
    o.seed = 1;
    const uncertainty_result u = uncertainty(data, fw, {normalise_step{}, aggregate_step{}}, spec, o);
    BOOST_TEST_REQUIRE(u.nodes.size() == 3u);
    const Eigen::Index k = u.column_of("Index");
    BOOST_TEST(u.nodes[static_cast<std::size_t>(k)] == "Index");
    BOOST_TEST(k < u.rank_p95.cols());
    BOOST_TEST(fw.index_of("Index") >= u.rank_p95.cols());  // the trap the header warns of
    const std::string typo = message_of([&] { u.column_of("Indx"); });
    BOOST_TEST(has(typo, "did you mean 'Index'?"), typo);
    BOOST_CHECK_THROW(u.column_of("rd"), argument_error);
    BOOST_TEST(has(message_of([&] { u.column_of("rd"); }), "aggregate"));
}

// A check that throws from its 5th call on (a deadline passed stays passed): the caller receives
// the 5th call's exception, and the check is not called again (before: the 6th, from the final poll).
BOOST_AUTO_TEST_CASE(extract_tables_passes_on_the_first_interrupt_and_polls_no_more) {
    struct deadline {
        int call;
    };
    const std::vector<std::string> texts(10, "没有数字。");
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    for (unsigned threads : {1u, 2u}) {
        int calls = 0;
        try {
            const interrupt_scope scope([&calls] {
                if (++calls >= 5) throw deadline{calls};
            });
            extract_tables(views, builtin_lexicon(), {}, threads);
            if (threads == 1) BOOST_FAIL("no interrupt");
        } catch (const deadline& d) {
            BOOST_TEST(d.call == calls, "threads " << threads << ": caught call " << d.call << " of " << calls);
            if (threads == 1) BOOST_TEST(d.call == 5);
        }
    }
}

BOOST_AUTO_TEST_CASE(only_period_of_an_empty_panel_says_so) {
    const std::string said = message_of([] { only_period(panel{}); });
    BOOST_TEST(has(said, "no periods"), said);
    BOOST_TEST(!has(said, "none"), said);
    const panel two = parse_csv("region,period,x\nA,2022,1\nA,2023,2\n");
    const std::string several = message_of([&] { only_period(two); });
    BOOST_TEST(has(several, "2022, 2023: choose one with period="), several);
    BOOST_TEST(has(several, "table_from_panel"), several);
}

BOOST_AUTO_TEST_SUITE_END()
