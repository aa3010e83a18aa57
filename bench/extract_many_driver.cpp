// Many short reports read in C++ (issue 13, speed; bench/NOTES.md, round 24): each file given,
// `copies` times, read by one extract_tables call on one thread ("batch": the lexicon's indexes
// built once) or by one extract_table call each ("alone": built per text). Instructions, which load
// does not change, are a run with copies = N less a run with copies = 0 (the lexicon's own build):
//
//   g++ -O2 -g -std=c++17 -Iinclude -Ibuild/test/include -Isrc bench/extract_many_driver.cpp
//       build/test/libzhibiao.a -lpthread -o build/extract_many_driver   (one command)
//   valgrind --tool=callgrind build/extract_many_driver batch 10 tests/data/reports/*.txt
//   valgrind --tool=callgrind build/extract_many_driver batch 0 tests/data/reports/*.txt
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "zhibiao/extract.hpp"

int main(int argc, char** argv) {
    if (argc < 4 || (std::strcmp(argv[1], "batch") != 0 && std::strcmp(argv[1], "alone") != 0)) {
        std::fprintf(stderr, "usage: %s batch|alone copies report.txt...\n", argv[0]);
        return 2;
    }
    const bool batch = std::strcmp(argv[1], "batch") == 0;
    const int copies = std::atoi(argv[2]);
    std::vector<std::string> texts;
    for (int a = 3; a < argc; ++a) {
        std::ifstream in(argv[a], std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        texts.push_back(buffer.str());
    }
    std::vector<std::string_view> views;
    std::size_t bytes = 0;
    for (int c = 0; c < copies; ++c)
        for (const std::string& t : texts) views.push_back(t), bytes += t.size();
    const zhibiao::lexicon& words = zhibiao::builtin_lexicon();
    std::vector<zhibiao::table_extraction> tables;
    if (batch) {
        tables = zhibiao::extract_tables(views, words, {}, 1);
    } else {
        for (const std::string_view v : views) tables.push_back(zhibiao::extract_table(v, words));
    }
    std::size_t facts = 0;
    for (const zhibiao::table_extraction& t : tables) facts += t.facts.size();
    std::printf("%s: %zu texts, %zu bytes, %zu facts\n", batch ? "batch" : "alone", views.size(), bytes, facts);
}
