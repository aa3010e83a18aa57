// Abandoning long calls (issue 17: "long-running C++ calls respond to Ctrl-C"): the loops poll
// the thread's interrupt_scope between blocks, and what the check throws reaches the caller.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/interrupt.hpp"

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

BOOST_AUTO_TEST_SUITE_END()
