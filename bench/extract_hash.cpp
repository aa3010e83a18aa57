// Every column and finding of extract_table hashed, for a before/after check of a change to the
// extractor at several chunk sizes (bench/NOTES.md, report extraction): for each file, guess off and
// on, chunks of 7, 100, 5,000 and 32,768 bytes and one chunk (the two small sizes skipped above 3 MB),
// one line of FNV-1a over the strings, every column (doubles by bit pattern), the figures as written
// and the findings. Build it against two libraries and compare the outputs:
//
//   g++ -O2 -std=c++17 -Iinclude -Ibuild/test/include -Isrc bench/extract_hash.cpp \
//       build/test/libzhibiao.a -lpthread -o build/extract_hash
//   build/extract_hash report1.txt report2.txt … > after.txt   # and the same with the old library
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "zhibiao/extract.hpp"

namespace {

unsigned long long h = 0;
void mix(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ULL;
}
template <class T>
void column(const std::vector<T>& v) {
    const std::size_t n = v.size();
    mix(&n, sizeof n);
    if (n) mix(v.data(), n * sizeof(T));
}
void text(const std::string& s) {
    const std::size_t n = s.size();
    mix(&n, sizeof n);
    mix(s.data(), n);
}

void hash_table(const zhibiao::table_extraction& x) {
    const zhibiao::fact_table& t = x.facts;
    for (const std::string& s : t.strings) text(s);
    for (const auto* c : {&t.variable, &t.phrase, &t.unit, &t.period, &t.damage, &t.status, &t.stage, &t.scope,
                          &t.level, &t.flags, &t.begin, &t.end, &t.clause_begin, &t.clause_end, &t.char_begin,
                          &t.char_end, &t.clause_char_begin, &t.clause_char_end})
        column(*c);
    column(t.value), column(t.high), column(t.guess), column(t.qual), column(t.text_end), text(t.quoted);
    for (const zhibiao::report_finding& f : x.findings) {
        text(f.kind), text(f.text), text(f.message);
        for (const std::size_t v : {f.begin, f.end, f.char_begin, f.char_end}) mix(&v, sizeof v);
    }
    mix(&x.invalid_bytes, sizeof x.invalid_bytes);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t chunks[] = {7, 100, 5000, 32768, std::size_t{1} << 40};
    for (int a = 1; a < argc; ++a) {
        std::ifstream in(argv[a], std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        const std::string report = buffer.str();
        for (const bool guess : {false, true})
            for (const std::size_t chunk : chunks) {
                if (report.size() > 3000000 && chunk < 5000) continue;
                zhibiao::extract_options options;
                options.guess = guess, options.chunk_bytes = chunk;
                h = 1469598103934665603ULL;
                try {
                    const auto x = zhibiao::extract_table(report, zhibiao::builtin_lexicon(), options);
                    hash_table(x);
                    std::printf("%s guess=%d chunk=%zu %016llx facts=%zu findings=%zu\n", argv[a], guess, chunk, h,
                                x.facts.size(), x.findings.size());
                } catch (const std::exception& e) {
                    std::printf("%s guess=%d chunk=%zu error: %s\n", argv[a], guess, chunk, e.what());
                }
            }
    }
}
