// The report extractor timed in C++ (issue 13, speed; bench/NOTES.md): extract_table on a report
// text file, CPU time of the process, best of `repeat`, with the chunk size given (0: the
// default; a huge one reads the text as one chunk, as before chunking), the peak RSS and the
// allocations (operator new) of a call. For instruction counts, which load does not change:
//   valgrind --tool=callgrind --toggle-collect='zhibiao::extract_table*' build/extract_driver report1.txt 1
//
//   .venv/bin/python -c "import sys; sys.path.insert(0, 'bench'); from workload_extract import \
//       report_text; open('/tmp/report8.txt', 'w').write(report_text(8))"
//   cmake --build build/test --target zhibiao
//   g++ -O2 -g -std=c++17 -Iinclude -Ibuild/test/include -Isrc bench/extract_driver.cpp \
//       build/test/libzhibiao.a -lpthread -o build/extract_driver
//   build/extract_driver /tmp/report8.txt [repeat=5] [chunk_bytes=0]
//   perf record -g build/extract_driver /tmp/report8.txt 5 && perf report
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <new>
#include <sstream>
#include <string>

#include "zhibiao/extract.hpp"

// Every operator new of the process counted (a counting allocator: allocations per figure).
static std::size_t allocations = 0;
void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s report.txt [repeat] [chunk_bytes]\n", argv[0]);
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const int repeat = argc > 2 ? std::atoi(argv[2]) : 5;
    zhibiao::extract_options options;
#ifndef EXTRACT_DRIVER_BEFORE_CHUNKS  // defined to build against a library from before chunk_bytes
    if (argc > 3 && std::strtoull(argv[3], nullptr, 10) > 0) options.chunk_bytes = std::strtoull(argv[3], nullptr, 10);
#endif
    double best = 1e300;
    std::size_t facts = 0, findings = 0, allocated = 0;
    (void)zhibiao::builtin_lexicon();
    for (int r = 0; r < repeat; ++r) {
        const std::size_t allocated_before = allocations;
        const std::clock_t start = std::clock();
        const zhibiao::table_extraction x = zhibiao::extract_table(text, zhibiao::builtin_lexicon(), options);
        best = std::min(best, double(std::clock() - start) / CLOCKS_PER_SEC);
        allocated = allocations - allocated_before;  // the table freed after: counted in the next call's
        facts = x.facts.size(), findings = x.findings.size();
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double mb = double(text.size()) / 1e6;
    std::printf(
        "%.1f MB, %zu facts, %zu findings: best %.3f s CPU = %.1f MB per CPU-second, %.0f ns a fact; peak RSS %.1f MB; "
        "%zu allocations a call (%.2f a fact)\n",
        mb, facts, findings, best, mb / best, best * 1e9 / double(facts ? facts : 1), double(usage.ru_maxrss) / 1024,
        allocated, double(allocated) / double(facts ? facts : 1));
}
