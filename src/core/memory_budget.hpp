// What a request may take of the machine's memory. A count typed one digit too long (regions,
// replications, a Sobol sample) must be a limit_error naming the sizes before anything is
// allocated: not a machine that swaps, an allocation the kernel kills the process for, or a
// sanitizer's abort.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <string>

#include "zhibiao/error.hpp"

namespace zhibiao::detail {

/// Half of the machine's physical memory (4 GiB when the system does not say).
inline std::size_t memory_budget() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return std::size_t{1} << 32;
    return static_cast<std::size_t>(pages) / 2 * static_cast<std::size_t>(page);
}

/// The product, or SIZE_MAX when it overflows (0 when a factor is 0).
inline std::size_t saturating_product(std::initializer_list<std::size_t> factors) {
    constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
    std::size_t p = 1;
    for (std::size_t f : factors) {
        if (f == 0) return 0;
        p = p > most / f ? most : p * f;
    }
    return p;
}

/// The sum, or SIZE_MAX when it overflows.
inline std::size_t saturating_sum(std::initializer_list<std::size_t> terms) {
    constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
    std::size_t s = 0;
    for (std::size_t t : terms) s = t > most - s ? most : s + t;
    return s;
}

/// "12.5 GiB", "3.2 PiB", or "more than can be addressed" for SIZE_MAX.
inline std::string gib(std::size_t bytes) {
    if (bytes == std::numeric_limits<std::size_t>::max()) return "more than can be addressed";
    double size = static_cast<double>(bytes) / (1u << 30);
    const char* unit = "GiB";
    for (const char* larger : {"TiB", "PiB", "EiB"}) {
        if (size < 1024) break;
        size /= 1024, unit = larger;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", size, unit);
    return text;
}

/// limit_error "<what> need <bytes>, more than half of this machine's memory (<budget>)<advice>"
/// when `bytes` exceeds the budget.
inline void check_memory(const std::string& what, std::size_t bytes, const std::string& advice = "") {
    const std::size_t budget = memory_budget();
    if (bytes <= budget) return;
    throw limit_error(what + " need " + gib(bytes) + ", more than half of this machine's memory (" + gib(budget) + ")" +
                      advice);
}

}  // namespace zhibiao::detail
