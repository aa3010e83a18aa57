// run_in_threads (src/core/thread_pool.hpp), the one way the library runs work on threads: a
// thread that cannot start (std::thread throws std::system_error) leaves its piece to the
// calling thread instead of ending the program in std::terminate, and an exception in any
// piece reaches the caller once every piece has ended. The failure is injected through the
// helper's test hook, not by lowering a process limit.
#include <boost/test/unit_test.hpp>
#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "core/thread_pool.hpp"
#include "refusing_threads.hpp"

using zhibiao::detail::run_in_threads;

using zhibiao::testing::refusing_threads;

BOOST_AUTO_TEST_SUITE(thread_pool)

BOOST_AUTO_TEST_CASE(every_piece_runs_once_when_threads_cannot_start) {
    for (std::size_t from : {1u, 2u, 3u, 100u}) {
        const refusing_threads guard(from);
        const std::thread::id caller = std::this_thread::get_id();
        std::vector<int> runs(6, 0);
        std::vector<std::thread::id> where(6);
        run_in_threads(runs.size(), [&](std::size_t i) {
            ++runs[i];
            where[i] = std::this_thread::get_id();
        });
        for (std::size_t i = 0; i < runs.size(); ++i) {
            BOOST_TEST(runs[i] == 1, "piece " << i << " with threads refused from " << from);
            // piece 0 and those whose thread was refused ran on the calling thread
            if (i == 0 || i >= from) BOOST_TEST((where[i] == caller), "piece " << i);
            if (i != 0 && i < from) BOOST_TEST((where[i] != caller), "piece " << i);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_first_exception_in_piece_order_reaches_the_caller) {
    for (std::size_t from : {1u, 3u, 100u}) {
        const refusing_threads guard(from);
        std::atomic<int> ended{0}, told{0};
        try {
            run_in_threads(
                5,
                [&](std::size_t i) {
                    ++ended;
                    if (i == 2 || i == 4) throw std::runtime_error("piece " + std::to_string(i));
                },
                [&] { ++told; });
            BOOST_FAIL("no exception");
        } catch (const std::runtime_error& e) {
            BOOST_TEST(std::string(e.what()) == "piece 2");
        }
        BOOST_TEST(ended == 5);  // every piece ran to its end before the rethrow
        BOOST_TEST(told == 2);   // on_failure once per failing piece
    }
}

BOOST_AUTO_TEST_CASE(no_piece_and_one_piece) {
    int runs = 0;
    run_in_threads(0, [&](std::size_t) { ++runs; });
    BOOST_TEST(runs == 0);
    run_in_threads(1, [&](std::size_t) { ++runs; });
    BOOST_TEST(runs == 1);
}

BOOST_AUTO_TEST_SUITE_END()
