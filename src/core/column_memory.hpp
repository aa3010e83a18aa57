#pragma once
// Memory for large output columns. A column written once by a parser is bound by first-touch
// page faults (the kernel zeroes and maps every 4 KiB page, and under a hypervisor each fault is
// an exit): a 160 MB panel is 40,000 faults. Asking for transparent huge pages (2 MiB, one fault
// each) where the kernel offers them on request ("madvise" mode) removes nearly all of them.

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace zhibiao::detail {

/// An uninitialised array of `n` doubles (at least one), on huge pages when it is large enough
/// for them to matter and the system has them; the shared_ptr frees it.
inline std::shared_ptr<double[]> column_memory(std::size_t n) {
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    const std::size_t bytes = std::max<std::size_t>(n, 1) * sizeof(double);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= 2 * huge_page) {
        const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
        if (void* p = std::aligned_alloc(huge_page, rounded)) {
            ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without huge pages it still works
            return std::shared_ptr<double[]>(static_cast<double*>(p), [](double* q) { std::free(q); });
        }
        throw std::bad_alloc();
    }
#endif
    return std::shared_ptr<double[]>(new double[bytes / sizeof(double)]);
}

}  // namespace zhibiao::detail
