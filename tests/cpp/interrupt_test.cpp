// Abandoning long calls (issue 17: "long-running C++ calls respond to Ctrl-C"): the loops poll
// the thread's interrupt_scope between blocks, and what the check throws reaches the caller.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/interrupt.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/units.hpp"
#include "zhibiao/validate.hpp"

using namespace zhibiao;

namespace {
struct stop_request : std::runtime_error {
    stop_request() : std::runtime_error("stop") {}
};

// A check that throws on its `at`-th call, counting calls.
struct stop_at {
    int at, calls = 0;
    void operator()() {
        if (++calls == at) throw stop_request();
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(interrupts)

BOOST_AUTO_TEST_CASE(scopes_nest_and_end) {
    poll_interrupt();  // no scope: nothing happens
    int outer = 0, inner = 0;
    {
        interrupt_scope a([&outer] { ++outer; });
        poll_interrupt();
        {
            interrupt_scope b([&inner] { ++inner; });
            poll_interrupt();
        }
        poll_interrupt();
    }
    poll_interrupt();
    BOOST_TEST(outer == 2);
    BOOST_TEST(inner == 1);
}

BOOST_AUTO_TEST_CASE(scopes_end_in_any_order) {
    // trial23b F2: a scope ended while a later one was in force made the thread's scope the one
    // before it — here `a` in place of `c`, and, with `a` ended first, a freed scope, whose check
    // the next poll called (AddressSanitizer: heap-use-after-free in scorecard::gap).
    int a_calls = 0, b_calls = 0, c_calls = 0;
    auto a = std::make_unique<interrupt_scope>([&a_calls] { ++a_calls; });
    auto b = std::make_unique<interrupt_scope>([&b_calls] { ++b_calls; });
    auto c = std::make_unique<interrupt_scope>([&c_calls] { ++c_calls; });
    b.reset();  // the middle one first
    poll_interrupt();
    BOOST_TEST(c_calls == 1);
    BOOST_TEST(a_calls == 0);
    c.reset();
    poll_interrupt();
    BOOST_TEST(a_calls == 1);
    BOOST_TEST(b_calls == 0);
    a.reset();
    poll_interrupt();
    BOOST_TEST(a_calls == 1);

    int outer_calls = 0, inner_calls = 0;
    auto outer = std::make_unique<interrupt_scope>([&outer_calls] { ++outer_calls; });
    auto inner = std::make_unique<interrupt_scope>([&inner_calls] { ++inner_calls; });
    outer.reset();  // the outer one first
    poll_interrupt();
    BOOST_TEST(inner_calls == 1);
    inner.reset();
    poll_interrupt();  // no scope in force
    BOOST_TEST(outer_calls == 0);
    BOOST_TEST(inner_calls == 1);
}

BOOST_AUTO_TEST_CASE(pair_loops_poll_between_rows_and_unwind) {
    const Eigen::MatrixXd x = Eigen::MatrixXd::Random(60, 3);
    const Eigen::VectorXd w = Eigen::VectorXd::Ones(3);
    const Eigen::VectorXd whole = composite::copeland(x, w);  // no scope: runs to the end
    stop_at check{10};
    {
        interrupt_scope scope([&check] { check(); });
        BOOST_CHECK_THROW(composite::copeland(x, w), stop_request);
        BOOST_TEST(check.calls == 10);  // stopped at the 10th of 60 rows, not after the last
        check.calls = 0;
        BOOST_CHECK_THROW(composite::outranking_matrix(x, w), stop_request);
    }
    BOOST_TEST((composite::copeland(x, w) == whole));  // the scope has ended: nothing polls
}

// 12 MB of rows: three chunks of at least 4 MiB, parsed on three threads; the calling thread's
// check stops its own chunk and, through it, the others.
BOOST_AUTO_TEST_CASE(csv_reading_stops_between_blocks_of_rows_on_every_thread) {
    std::string text = "region,period,population,gdp\n";
    for (int i = 0; text.size() < (std::size_t{12} << 20); ++i)
        text += "r" + std::to_string(i) + ",2023,123.25,4567.5\n";
    csv_options o;
    o.threads = 3;
    const std::size_t rows = parse_csv(text, o).rows();  // no scope: every row
    BOOST_TEST(rows > 100000u);
    stop_at check{3};
    interrupt_scope scope([&check] { check(); });
    BOOST_CHECK_THROW(parse_csv(text, o), stop_request);
    BOOST_TEST(check.calls == 3);  // after two blocks of 4096 rows, not at the end
}

BOOST_AUTO_TEST_CASE(compute_polls_between_indicators) {
    const panel p = parse_csv("region,period,population[万人],valid_invention_patents[件]\na,2023,10,9\n");
    stop_at check{2};
    interrupt_scope scope([&check] { check(); });
    const std::vector<std::string> ids = {"invention_patents_per_10k", "invention_patents_per_10k"};
    BOOST_CHECK_THROW(compute(p, ids), stop_request);
    BOOST_TEST(check.calls == 2);
}

// G6 (round 25): the fused path polled every 256 blocks of 1024 rows, so a panel of 200 blocks
// was polled only before it and after it (two calls for one indicator). It polls within: a check
// throwing on its third call stops the call, on every thread count; the values are unchanged.
BOOST_AUTO_TEST_CASE(compute_polls_within_the_panel_on_the_fused_path) {
    const std::size_t rows = 200 * 1024;
    std::vector<entity> entities;
    std::vector<std::int32_t> of_row(rows), period_of_row(rows, 0);
    for (std::size_t r = 0; r < rows; ++r) {
        entities.push_back({"e" + std::to_string(r), "", ""});
        of_row[r] = static_cast<std::int32_t>(r);
    }
    panel p(entities, {period::year(2023)}, of_row, period_of_row);
    p.add(column("population", unit::parse("万人"), Eigen::ArrayXd::LinSpaced(static_cast<Eigen::Index>(rows), 1, 90)));
    p.add(column("valid_invention_patents", unit::parse("件"),
                 Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(rows), 9)));
    const std::vector<std::string> ids = {"invention_patents_per_10k"};
    const Eigen::ArrayXd expected = compute(p, ids).at(ids[0]).values();
    for (unsigned threads : {1u, 2u, 4u}) {
        BOOST_TEST_CONTEXT("threads " << threads) {
            compute_options o;
            o.threads = threads;
            stop_at check{3};
            {
                interrupt_scope scope([&check] { check(); });
                BOOST_CHECK_THROW(compute(p, ids, o), stop_request);
            }
            BOOST_TEST(check.calls == 3);
            stop_at never{0};
            interrupt_scope scope([&never] { never(); });
            const Eigen::ArrayXd values = compute(p, ids, o).at(ids[0]).values();
            BOOST_TEST(never.calls > 4);  // 200 blocks: more than one poll per part
            BOOST_TEST((values == expected).all());
        }
    }
}

// Trial c26: a fresh result block of the fused path was faulted in whole before the first poll (200
// columns of 400,000 rows: seconds in the kernel, Ctrl-C unanswered). It is faulted in the steps
// the polls take, a column at a time, so between two polls (and before the first) the program's
// resident memory grows by a small part of the 72 MiB block: at most a 2 MiB page a column and
// array (transparent huge pages), never most of it.
namespace {
std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096;
}
}  // namespace

BOOST_AUTO_TEST_CASE(compute_polls_while_it_faults_in_the_result_block) {
    if (resident_bytes() == 0) return;  // no /proc/self/statm: nothing to measure
    const int side = 1024;              // 1024 regions × 1024 years: 1,048,576 rows
    std::vector<entity> entities;
    std::vector<period> years;
    for (int k = 0; k < side; ++k) {
        entities.push_back({"e" + std::to_string(k), "", ""});
        years.push_back(period::year(1001 + k));
    }
    const std::size_t rows = std::size_t{side} * side;
    std::vector<std::int32_t> of_row(rows), period_of_row(rows);
    for (std::size_t r = 0; r < rows; ++r)
        of_row[r] = static_cast<std::int32_t>(r / side), period_of_row[r] = static_cast<std::int32_t>(r % side);
    panel p(entities, years, of_row, period_of_row);
    p.add(column("population", unit::parse("万人"), Eigen::ArrayXd::LinSpaced(static_cast<Eigen::Index>(rows), 1, 90)));
    p.add(column("valid_invention_patents", unit::parse("件"),
                 Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(rows), 9)));
    const std::vector<std::string> ids(8, "invention_patents_per_10k");
    const std::size_t block = ids.size() * rows * (sizeof(double) + sizeof(reason));
    compute_options one_thread;
    one_thread.threads = 1;
    std::size_t last = resident_bytes(), largest_step = 0;
    {
        interrupt_scope scope([&last, &largest_step] {
            const std::size_t now = resident_bytes();
            largest_step = std::max(largest_step, now > last ? now - last : 0);
            last = now;
        });
        const indicator_table t = compute(p, ids, one_thread);
        BOOST_TEST(t[7].values()(0) == 9.0);  // 9 件 / 1 万人
    }
    BOOST_TEST_MESSAGE("largest growth between polls " << largest_step << " bytes of a block of " << block);
    BOOST_TEST(largest_step < block / 4);
}

BOOST_AUTO_TEST_CASE(compute_reports_progress_indicator_by_indicator) {
    const panel p = parse_csv("region,period,population[万人],valid_invention_patents[件]\na,2023,10,9\n");
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    {
        interrupt_scope scope({}, [&seen](std::size_t done, std::size_t total) { seen.emplace_back(done, total); });
        const std::vector<std::string> ids(3, "invention_patents_per_10k");
        compute(p, ids);
        poll_interrupt();  // a scope with progress only: polling does nothing
    }
    const std::vector<std::pair<std::size_t, std::size_t>> expected = {{0, 3}, {1, 3}, {2, 3}, {3, 3}};
    BOOST_TEST((seen == expected));
    report_progress(1, 2);  // no scope: nothing happens
    BOOST_TEST(seen.size() == 4u);
}

// c27: explain and gap reported 0 … n−1 of n firms, so a progress bar stopped a firm short.
BOOST_AUTO_TEST_CASE(scorecard_explanations_and_gaps_end_their_progress_full) {
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    const std::vector<double> blank(3, std::numeric_limits<double>::quiet_NaN());
    scorecard_columns in{3, std::vector<const double*>(card.inputs().size(), blank.data())};
    const scorecard_result result = card.evaluate(in);
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    interrupt_scope scope({}, [&seen](std::size_t done, std::size_t total) { seen.emplace_back(done, total); });
    card.explain(in, result, {0, 1, 2}, "en");
    BOOST_TEST_REQUIRE(!seen.empty());
    BOOST_TEST((seen.back() == std::pair<std::size_t, std::size_t>{3, 3}));
    seen.clear();
    card.gap(in, {0, 2});
    BOOST_TEST_REQUIRE(!seen.empty());
    BOOST_TEST((seen.back() == std::pair<std::size_t, std::size_t>{2, 2}));
}

BOOST_AUTO_TEST_CASE(a_progress_function_that_throws_stops_the_call) {
    const panel p = parse_csv("region,period,population[万人],valid_invention_patents[件]\na,2023,10,9\n");
    interrupt_scope scope({}, [](std::size_t done, std::size_t) {
        if (done == 1) throw stop_request();
    });
    BOOST_CHECK_THROW(compute(p, std::vector<std::string>(3, "invention_patents_per_10k")), stop_request);
}

// trial24c: validate() of 400,000 county-years ran 3 s (its 26 built-in rules, 20-700 ms each)
// without a poll: no deadline or Ctrl-C stopped it. It polls and reports progress rule by rule.
BOOST_AUTO_TEST_CASE(validate_polls_and_reports_progress_rule_by_rule) {
    const panel p = parse_csv("region,period,projects_applied,projects_approved\na,2023,10,12\nb,2023,10,4\n");
    const std::vector<rule>& rules = builtin_rules();
    BOOST_TEST(rules.size() > 2u);
    stop_at check{2};
    std::vector<std::size_t> totals;
    {
        interrupt_scope scope([&check] { check(); },
                              [&totals](std::size_t, std::size_t total) { totals.push_back(total); });
        BOOST_CHECK_THROW(validate(p, rules), stop_request);
    }
    BOOST_TEST(check.calls == 2);  // after the first rule, not at the end
    BOOST_TEST_REQUIRE(totals.size() == 1u);
    BOOST_TEST(totals.front() == rules.size());
    BOOST_TEST(validate(p, rules).findings.size() == 1u);  // no scope: every rule (approved > applied in a)
    std::pair<std::size_t, std::size_t> last{0, 0};
    {
        interrupt_scope scope({}, [&last](std::size_t done, std::size_t total) { last = {done, total}; });
        validate(p, rules);
    }
    BOOST_TEST((last == std::pair<std::size_t, std::size_t>{rules.size(), rules.size()}));  // ends full (c27)
}

BOOST_AUTO_TEST_CASE(extraction_polls_between_blocks_of_figures) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "申请专利28件，";
    stop_at check{3};
    interrupt_scope scope([&check] { check(); });
    BOOST_CHECK_THROW(extract(text), stop_request);
    BOOST_TEST(check.calls == 3);  // after 512 of the 2000 figures
}

BOOST_AUTO_TEST_SUITE_END()
