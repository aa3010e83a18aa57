#pragma once
// A process at its thread limit, for one test: from piece `from` on, run_in_threads
// (src/core/thread_pool.hpp) cannot start a thread. The hook is removed however the test ends.
#include <cstddef>
#include <system_error>

#include "core/thread_pool.hpp"

namespace zhibiao::testing {

class refusing_threads {
public:
    explicit refusing_threads(std::size_t from) {
        refuse_from() = from;
        zhibiao::detail::before_thread_start = refuse;
    }
    ~refusing_threads() { zhibiao::detail::before_thread_start = nullptr; }
    refusing_threads(const refusing_threads&) = delete;
    refusing_threads& operator=(const refusing_threads&) = delete;

private:
    static std::size_t& refuse_from() {
        static std::size_t from = 0;
        return from;
    }
    static void refuse(std::size_t index) {
        if (index >= refuse_from())
            throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
    }
};

}  // namespace zhibiao::testing
