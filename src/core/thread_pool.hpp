#pragma once
// Running `count` pieces of work on threads, as every parallel loop of the library does.
//
// A thread may fail to start (std::thread throws std::system_error: a process or container
// thread limit, no memory for a stack). A vector of started threads destroyed while they are
// still joinable calls std::terminate, and an exception leaving a worker does too. So here: the
// threads that can start run their pieces, the calling thread runs piece 0 and every piece
// whose thread did not start, everything is joined, and then the first exception (in piece
// order) is rethrown. The pieces are the caller's split, whatever number of threads started:
// the results are the same bits as with all of them.
#include <cstddef>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace zhibiao::detail {

/// Test hook: called before starting the thread of piece `index` (1 ≤ index < count); one
/// that throws std::system_error stands for a thread that cannot start. Null in normal use.
inline void (*before_thread_start)(std::size_t index) = nullptr;

/// Runs work(i) for every i in [0, count), piece 0 and the pieces whose threads could not start
/// on the calling thread; returns when all have ended. `on_failure()` (which must not throw) is
/// called on the thread where a piece throws, as soon as it does: to tell the others to stop
/// early (a Ctrl-C, say). The first exception in piece order is then rethrown.
template <class Work, class OnFailure>
void run_in_threads(std::size_t count, const Work& work, const OnFailure& on_failure) {
    if (count == 0) return;
    std::vector<std::exception_ptr> failures(count);
    auto guarded = [&work, &on_failure, &failures](std::size_t i) {
        try {
            work(i);
        } catch (...) {
            failures[i] = std::current_exception();
            on_failure();
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(count - 1);  // so that only a thread that cannot start throws below
    std::size_t started = 1;
    try {
        for (; started < count; ++started) {
            if (before_thread_start) before_thread_start(started);
            workers.emplace_back(guarded, started);
        }
    } catch (const std::system_error&) {  // no more threads to be had: the rest on this one
    }
    guarded(0);
    for (std::size_t i = started; i < count; ++i) guarded(i);
    for (std::thread& w : workers) w.join();
    for (const std::exception_ptr& f : failures)
        if (f) std::rethrow_exception(f);
}

template <class Work>
void run_in_threads(std::size_t count, const Work& work) {
    run_in_threads(count, work, [] {});
}

}  // namespace zhibiao::detail
