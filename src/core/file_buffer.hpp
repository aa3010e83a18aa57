#pragma once
// A CSV file's bytes in one buffer on huge pages. Reading a file copies it into memory the
// process has never touched: one page fault per 4 KiB (45,000 for a 182 MB file, each a
// hypervisor exit on a VM), which cost as much as parsing it. The buffer is asked for huge pages
// as the output columns are (column_memory.hpp). The file is still read, not memory-mapped
// (SIGBUS when another program truncates a mapped file), with read_file_bytes' checks.

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/text.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace zhibiao::detail {

class file_buffer {
public:
    std::string_view view() const { return owned_ ? std::string_view(owned_.get(), size_) : std::string_view(text_); }

    /// The whole file at `path`; the errors of read_file_bytes (no limit on the size).
    static file_buffer read(const std::string& path) {
        file_buffer b;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (b.read_regular(path)) return b;
#endif
        b.text_ = read_file_bytes(path, static_cast<std::size_t>(-1), "none");
        return b;
    }

private:
    struct freer {
        void operator()(char* p) const { std::free(p); }
    };
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // False (nothing read) for anything but a non-empty regular file that can be opened: those
    // cases, and their errors, are read_file_bytes'.
    bool read_regular(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) return false;
        struct closer {
            int fd;
            ~closer() { ::close(fd); }
        } guard{fd};
        struct stat info {};
        if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) return false;
        constexpr std::size_t huge_page = std::size_t{2} << 20;
        size_ = static_cast<std::size_t>(info.st_size);
        void* p = nullptr;
        if (::posix_memalign(&p, size_ >= huge_page ? huge_page : 64, size_) != 0) throw std::bad_alloc();
        owned_.reset(static_cast<char*>(p));
        if (size_ >= huge_page) ::madvise(p, size_, MADV_HUGEPAGE);  // advice only
        location where;
        where.file = path;
        read_exactly(fd, owned_.get(), size_, where);
        return true;
    }
#endif

    std::unique_ptr<char, freer> owned_;
    std::size_t size_ = 0;
    std::string text_;  // the bytes when read by read_file_bytes
};

}  // namespace zhibiao::detail
