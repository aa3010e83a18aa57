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

/// An uninitialised array of `n` doubles (at least one), on huge pages when it spans at least one
/// and the system has them; the shared_ptr frees it.
inline std::shared_ptr<double[]> column_memory(std::size_t n) {
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    const std::size_t bytes = std::max<std::size_t>(n, 1) * sizeof(double);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge_page) {
        // Aligned, so that every whole 2 MiB of the column can be one huge page; the tail past
        // the last whole one gets ordinary pages (no memory spent on rounding up).
        void* p = nullptr;
        if (::posix_memalign(&p, huge_page, bytes) != 0) throw std::bad_alloc();
        ::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: without huge pages it still works
        return std::shared_ptr<double[]>(static_cast<double*>(p), [](double* q) { std::free(q); });
    }
#endif
    return std::shared_ptr<double[]>(new double[bytes / sizeof(double)]);
}

}  // namespace zhibiao::detail
