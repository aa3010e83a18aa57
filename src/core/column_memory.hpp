#pragma once
// Memory for large output columns. A column written once by a parser is bound by first-touch
// page faults (the kernel zeroes and maps every 4 KiB page, and under a hypervisor each fault is
// an exit): a 160 MB panel is 40,000 faults. Asking for transparent huge pages (2 MiB, one fault
// each) where the kernel offers them on request ("madvise" mode) removes nearly all of them.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "core/thread_pool.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
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

#if defined(__linux__) && defined(MADV_HUGEPAGE)
/// Bytes a mapping of `bytes` takes: whole pages (what munmap must be given back).
inline std::size_t whole_pages(std::size_t bytes) {
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return (bytes + page - 1) / page * page;
}

/// Fresh zeroed memory for `bytes`, starting on a 2 MiB boundary and advised into huge pages, so
/// that each whole 2 MiB of it is one fault; free it with munmap(p, whole_pages(bytes)).
inline void* map_huge_page_aligned(std::size_t bytes) {
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    // Mapped a huge page longer, then trimmed to a 2 MiB-aligned start (munmap takes whole pages).
    const std::size_t mapped = whole_pages(bytes);
    void* p = ::mmap(nullptr, mapped + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    char* raw = static_cast<char*>(p);
    char* start = raw + (huge_page - reinterpret_cast<std::uintptr_t>(raw) % huge_page) % huge_page;
    if (start > raw) ::munmap(raw, static_cast<std::size_t>(start - raw));
    const auto tail = static_cast<std::size_t>(raw + huge_page - start);
    if (tail > 0) ::munmap(start + mapped, tail);
    ::madvise(start, mapped, MADV_HUGEPAGE);  // advice only: without huge pages it still works
    return start;
}
#endif

/// Advises the whole 2 MiB pages inside [p, p + bytes) into huge pages, for a block from the heap
/// that is not touched yet (a large malloc is a fresh mapping on 4 KiB pages: one fault each when
/// first written). Advice only; nothing outside the block is affected.
inline void advise_huge_pages_within(const void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t first = (begin + huge_page - 1) / huge_page * huge_page;
    const std::uintptr_t last = (begin + bytes) / huge_page * huge_page;
    if (p != nullptr && last > first)
        ::madvise(reinterpret_cast<void*>(first), static_cast<std::size_t>(last - first), MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

/// Faults in the whole 2 MiB pages inside [p, p + bytes) from `parts` threads, each its share, for
/// a heap block about to be written by one thread (a vector's resize, a serial merge): the kernel
/// then zeroes the fresh pages on all threads rather than under that one write (5·10⁶ firms' entity
/// offsets and row indices were ~0.3 s of one thread). Contents are unchanged (pages already there
/// stay as they are). Without MADV_POPULATE_WRITE (Linux < 5.14) the write faults them in as before.
inline void populate_in_parts(const void* p, std::size_t bytes, std::size_t parts) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t first = (begin + huge_page - 1) / huge_page * huge_page;
    const std::uintptr_t last = (begin + bytes) / huge_page * huge_page;
    if (p == nullptr || last <= first) return;
    const std::uintptr_t pages = (last - first) / huge_page;
    parts = static_cast<std::size_t>(std::max<std::uintptr_t>(1, std::min<std::uintptr_t>(parts, pages)));
    run_in_threads(parts, [&](std::size_t i) {
        const std::uintptr_t from = first + pages * i / parts * huge_page,
                             to = first + pages * (i + 1) / parts * huge_page;
        if (to > from)
            ::madvise(reinterpret_cast<void*>(from), static_cast<std::size_t>(to - from), MADV_POPULATE_WRITE);
    });
#else
    (void)p;
    (void)bytes;
    (void)parts;
#endif
}

/// An allocator for large vectors written once per row (a parser's per-row indices, an interner's
/// views): a block of 2 MiB or more is fresh memory on huge pages (map_huge_page_aligned), so that
/// it costs one fault per 2 MiB rather than per 4 KiB page; smaller ones come from operator new.
/// A 5·10⁶-row firm table kept ~330 MB of such vectors on 4 KiB pages: ~80,000 faults a call.
template <class T>
struct huge_page_allocator {
    using value_type = T;
    huge_page_allocator() = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}  // NOLINT: rebinding is implicit
    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (n * sizeof(T) >= (std::size_t{2} << 20)) return static_cast<T*>(map_huge_page_aligned(n * sizeof(T)));
#endif
        return static_cast<T*>(::operator new(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (n * sizeof(T) >= (std::size_t{2} << 20)) {
            ::munmap(p, whole_pages(n * sizeof(T)));
            return;
        }
#endif
        ::operator delete(p);
    }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept {
        return true;
    }
    template <class U>
    bool operator!=(const huge_page_allocator<U>&) const noexcept {
        return false;
    }
};

/// A vector whose large buffers are on huge pages (huge_page_allocator).
template <class T>
using huge_page_vector = std::vector<T, huge_page_allocator<T>>;

/// `n` objects of a trivial type T, all bytes zero, for tables written at random places (a hash
/// table's slots): large ones are fresh pages from the kernel, zero already, so nothing is written
/// before use and only the pages touched are faulted in, on huge pages where the kernel offers them
/// (4 KiB pages made every probe of a 64 MB table a TLB miss as well as a cache miss).
template <class T>
class zeroed_array {
public:
    zeroed_array() = default;
    explicit zeroed_array(std::size_t n) : size_(n) {
        if (n == 0) return;
        const std::size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (bytes >= (std::size_t{2} << 20)) {
            data_ = static_cast<T*>(map_huge_page_aligned(bytes));
            mapped_bytes_ = whole_pages(bytes);
            return;
        }
#endif
        data_ = static_cast<T*>(std::calloc(n, sizeof(T)));
        if (!data_) throw std::bad_alloc();
    }
    zeroed_array(zeroed_array&& o) noexcept { swap(o); }
    zeroed_array& operator=(zeroed_array&& o) noexcept {
        zeroed_array(std::move(o)).swap(*this);
        return *this;
    }
    zeroed_array(const zeroed_array&) = delete;
    zeroed_array& operator=(const zeroed_array&) = delete;
    ~zeroed_array() {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (mapped_bytes_ > 0) {
            ::munmap(data_, mapped_bytes_);
            return;
        }
#endif
        std::free(data_);
    }

    void swap(zeroed_array& o) noexcept {
        std::swap(data_, o.data_);
        std::swap(size_, o.size_);
        std::swap(mapped_bytes_, o.mapped_bytes_);
    }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    /// The first element; null when empty.
    T* data() { return data_; }
    const T* data() const { return data_; }

private:
    T* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t mapped_bytes_ = 0;  // 0: from calloc
};

}  // namespace zhibiao::detail
