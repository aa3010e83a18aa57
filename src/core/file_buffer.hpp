#pragma once
// A CSV file's bytes in one buffer on huge pages. Reading a file copies it into memory the
// process has never touched: one page fault per 4 KiB (45,000 for a 182 MB file, each a
// hypervisor exit on a VM), which cost as much as parsing it. The buffer is asked for huge pages
// as the output columns are (column_memory.hpp). The file is still read, not memory-mapped
// (SIGBUS when another program truncates a mapped file), with read_file_bytes' checks.
// Even on huge pages the kernel zeroes every fresh page before the copy lands on it: a large file
// is read in parts, one a thread, each thread `pread`ing (and so faulting in) its own part, so
// neither the zeroing nor the copy waits on one core.

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "core/text.hpp"
#include "core/thread_pool.hpp"
#include "zhibiao/detail/counted.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace zhibiao::detail {

class file_buffer {
public:
    std::string_view view() const { return owned_ ? std::string_view(owned_.get(), size_) : std::string_view(text_); }

    /// The whole file at `path`; the errors of read_file_bytes (no limit on the size). A regular file
    /// of at least two parts' worth is read by up to `threads` threads (0: one per core); below
    /// 16 MiB a part costs a thread more than the faults it takes over.
    static file_buffer read(const std::string& path, unsigned threads = 1,
                            std::size_t min_part_bytes = std::size_t{16} << 20) {
        file_buffer b;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        const opened_file file(path);  // opened once: a FIFO opened twice can lose its writer
        if (file.nonempty_regular())
            b.read_regular(file, threads, min_part_bytes);
        else
            b.text_ = read_opened_file(file, static_cast<std::size_t>(-1), "none");
#else
        b.text_ = read_file_bytes(path, static_cast<std::size_t>(-1), "none");
#endif
        return b;
    }

private:
    struct freer {
        void operator()(char* p) const { std::free(p); }
    };
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    void read_regular(const opened_file& file, unsigned threads, std::size_t min_part_bytes) {
        constexpr std::size_t huge_page = std::size_t{2} << 20;
        size_ = static_cast<std::size_t>(file.info().st_size);
        void* p = nullptr;
        if (::posix_memalign(&p, size_ >= huge_page ? huge_page : 64, size_) != 0) throw std::bad_alloc();
        owned_.reset(static_cast<char*>(p));
        if (size_ >= huge_page) ::madvise(p, size_, MADV_HUGEPAGE);  // advice only
        read_in_parts(file.fd(), part_count(threads, min_part_bytes), file.where());
    }

    std::size_t part_count(unsigned threads, std::size_t min_part_bytes) const {
        const unsigned cores = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
        const std::size_t most = size_ / std::max<std::size_t>(1, min_part_bytes);
        return std::max<std::size_t>(1, std::min<std::size_t>({cores, 16, most}));
    }

    // Each part ends on a 2 MiB boundary (a huge page is faulted in by one thread). The checks of
    // read_exactly: a file that is shorter or longer than fstat said when opened is a parse_error.
    void read_in_parts(int fd, std::size_t parts, const location& where) {
        if (parts == 1) return read_exactly(fd, owned_.get(), size_, where);
        constexpr std::size_t huge_page = std::size_t{2} << 20;
        std::vector<std::size_t> done(parts, 0);
        std::vector<int> failure(parts, 0);
        auto read_part = [&](std::size_t i) {
            const std::size_t begin = i == 0 ? 0 : size_ / parts * i / huge_page * huge_page;
            const std::size_t end = i + 1 == parts ? size_ : size_ / parts * (i + 1) / huge_page * huge_page;
            while (begin + done[i] < end) {
                const std::size_t at = begin + done[i];
                const ssize_t n = ::pread(fd, owned_.get() + at, end - at, static_cast<off_t>(at));
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    failure[i] = n < 0 ? errno : 0;
                    return;
                }
                done[i] += static_cast<std::size_t>(n);
            }
        };
        run_in_threads(parts, read_part);  // a part whose thread cannot start: read on this one
        for (const int code : failure)
            if (code != 0) throw file_error(std::string("cannot read file: ") + std::strerror(code), where);
        std::size_t total = 0;
        for (const std::size_t n : done) total += n;
        char probe;
        ssize_t extra;
        do extra = ::pread(fd, &probe, 1, static_cast<off_t>(size_));
        while (extra < 0 && errno == EINTR);
        if (total != size_ || extra > 0)
            throw parse_error("the file changed size while it was read (" + counted(size_, "byte") + " when opened" +
                                  (extra > 0 ? ", more when read)" : ", " + std::to_string(total) + " read)") +
                                  ": another program is writing it",
                              where);
    }
#endif

    std::unique_ptr<char, freer> owned_;
    std::size_t size_ = 0;
    std::string text_;  // the bytes when read by read_file_bytes
};

}  // namespace zhibiao::detail
