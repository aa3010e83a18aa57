// HNTE scorecards into a reused result, timed in C++ (issue 16 item 5; bench/NOTES.md): the
// fused kernel on a large batch and on a batch that stays in cache (what the arithmetic alone
// costs), and what bounds it — reading the 29 input columns alone, writing 122 B a firm with
// ordinary and with non-temporal stores. CPU time of the process, best of `repeat`.
//
//   cmake --build build/test --target zhibiao
//   g++ -O2 -std=c++17 -DEIGEN_MAX_ALIGN_BYTES=16 -DEIGEN_MAX_STATIC_ALIGN_BYTES=16 \
//       -DEIGEN_MALLOC_ALREADY_ALIGNED=1 -Iinclude -Ibuild/test/include -Isrc -I/usr/include/eigen3 \
//       bench/scorecard_driver.cpp build/test/libzhibiao.a -lpthread -o build/scorecard_driver
//   build/scorecard_driver [firms=1000000] [repeat=20] [threads=1] [isa: avx512, avx2 or baseline; best]
#include <emmintrin.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "scorecard/compiled.hpp"
#include "zhibiao/scorecard.hpp"

using namespace zhibiao;

namespace {

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct timing {
    double cpu = 1e300, wall = 1e300;
};

void time_once(timing& best, const std::function<void()>& f) {
    const double c0 = cpu_seconds();
    const auto w0 = std::chrono::steady_clock::now();
    f();
    best.cpu = std::min(best.cpu, cpu_seconds() - c0);
    best.wall = std::min(best.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
}

// HNTE applicants about a qualifying firm, as bench/generate.py's generate_hnte_firms (same
// distributions, another random generator): each input scaled at random, the inputs a validity
// check bounds by another within it but for ~1 % of the firms per check (~3 % invalid input).
std::vector<std::vector<double>> hnte_firms(const scorecard& card, std::size_t n) {
    const std::map<std::string, double> typical = {{"registered_days", 800}, {"in_supported_field", 1},
                                                   {"employees", 100},       {"st_staff", 20},
                                                   {"sales_y1", 4000},       {"sales_y2", 4500},
                                                   {"sales_y3", 5000},       {"rd_y1", 200},
                                                   {"rd_y2", 225},           {"rd_y3", 250},
                                                   {"hitech_income", 4000},  {"total_income", 5000},
                                                   {"ip_class1", 0},         {"ip_class2", 3},
                                                   {"conversions_3y", 12},   {"years_operating", 3},
                                                   {"net_assets_y1", 1000},  {"net_assets_y2", 1300},
                                                   {"net_assets_y3", 1800},  {"tech_advancement", 7},
                                                   {"core_support", 6},      {"ip_acquisition", 3},
                                                   {"standards_bonus", 0},   {"rd_organisation", 5},
                                                   {"rd_platform", 4},       {"transfer_system", 3},
                                                   {"talent_system", 2}};
    std::mt19937_64 rng(10);
    std::uniform_real_distribution<double> scale(0.5, 1.5), share(0.55, 0.99);
    auto cents = [](double x) { return std::round(x * 100) / 100; };
    std::map<std::string, std::vector<double>> x;
    for (const auto& input : card.inputs()) {
        auto& column = x[input.id];
        column.resize(n, NAN);
        const auto t = typical.find(input.id);
        if (t == typical.end()) continue;  // rd_domestic below; compliant left empty (yes)
        for (double& v : column) {
            const double scaled = t->second * scale(rng);
            v = input.integer || input.max < INFINITY ? std::min(std::round(scaled), input.max) : cents(scaled);
        }
    }
    std::uniform_int_distribution<int> percent(0, 99);
    for (std::size_t i = 0; i < n; ++i) {
        const double years = x["years_operating"][i];
        const double rd_sum = (years >= 3 ? x["rd_y1"][i] : 0) + (years >= 2 ? x["rd_y2"][i] : 0) + x["rd_y3"][i];
        double &staff = x["st_staff"][i], &hitech = x["hitech_income"][i];
        staff = std::min(staff, x["employees"][i]);
        hitech = std::min(hitech, x["total_income"][i]);
        x["rd_domestic"][i] = cents(rd_sum * share(rng));
        switch (percent(rng)) {  // ~1 % of the firms break each check
            case 0:
                staff = x["employees"][i] + 1;
                break;
            case 1:
                hitech = cents(x["total_income"][i] * 1.05);
                break;
            case 2:
                x["rd_domestic"][i] = cents(rd_sum * 1.1);
                break;
            default:
                break;
        }
    }
    std::vector<std::vector<double>> columns;
    for (const auto& input : card.inputs()) columns.push_back(std::move(x[input.id]));
    return columns;
}

// Writes `bytes` of `source` over `sink` again and again, with non-temporal stores.
void stream_over(std::vector<unsigned char>& sink, const std::vector<unsigned char>& source) {
    for (std::size_t at = 0; at + source.size() <= sink.size(); at += source.size())
        for (std::size_t i = 0; i < source.size(); i += 16)
            _mm_stream_si128(reinterpret_cast<__m128i*>(sink.data() + at + i),
                             _mm_loadu_si128(reinterpret_cast<const __m128i*>(source.data() + i)));
    _mm_sfence();
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t firms = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const int repeat = argc > 2 ? std::atoi(argv[2]) : 20;
    const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 1;
    const scorecard& card = scorecard::builtin("hnte-2016");
    const auto& c = detail::scorer::compiled(card);
    const detail::fused_kernels* kernels =
        detail::find_fused_kernels(detail::kernel_fingerprint(card, c), argc > 4 ? argv[4] : "");
    const std::size_t small = 8192;  // 8192 × (232 + 122) B: 2.9 MB, in L2 + L3
    const auto data = hnte_firms(card, firms);
    scorecard_columns in{firms, {}}, in_cache{small, {}};
    for (const auto& x : data) in.columns.push_back(x.data()), in_cache.columns.push_back(x.data());
    scorecard_result out, out_cache;
    detail::scorer::evaluate(card, in, out, points_policy::low, threads, kernels);
    std::vector<unsigned char> sink(firms * 122 + 64), source(64 * 1024, 1);
    timing t_kernel, t_cache, t_read, t_write, t_stream;
    volatile double keep = 0;
    for (int r = 0; r < repeat; ++r) {
        time_once(t_kernel, [&] { detail::scorer::evaluate(card, in, out, points_policy::low, threads, kernels); });
        time_once(t_cache, [&] {
            for (std::size_t done = 0; done < firms; done += small)
                detail::scorer::evaluate(card, in_cache, out_cache, points_policy::low, 1, kernels);
        });
        time_once(t_read, [&] {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (const auto& x : data)
                for (std::size_t i = 0; i + 4 <= firms; i += 4)
                    s0 += x[i], s1 += x[i + 1], s2 += x[i + 2], s3 += x[i + 3];
            keep = keep + s0 + s1 + s2 + s3;
        });
        time_once(t_write, [&] {
            for (std::size_t at = 0; at + source.size() <= sink.size(); at += source.size())
                std::copy(source.begin(), source.end(), sink.begin() + static_cast<std::ptrdiff_t>(at));
        });
        time_once(t_stream, [&] { stream_over(sink, source); });
    }
    const double n = static_cast<double>(firms);
    auto report = [&](const char* what, const timing& t, double bytes) {
        std::printf("%-46s cpu %8.2f ms  wall %8.2f ms  %7.1f M firms/CPU-s  %5.1f GB/CPU-s\n", what, 1e3 * t.cpu,
                    1e3 * t.wall, n / t.cpu / 1e6, bytes / t.cpu / 1e9);
    };
    std::size_t invalid = 0;
    for (std::size_t i = 0; i < firms; ++i) invalid += !out.valid(i);
    std::printf("hnte-2016, %zu firms (%.1f %% invalid input), %u thread(s), %s kernel, best of %d\n", firms,
                100.0 * static_cast<double>(invalid) / n, threads, kernels->isa, repeat);
    report("kernel into a reused result", t_kernel, n * (232 + 122));
    report("kernel, batches of 8192 firms (in cache)", t_cache, n * (232 + 122));
    report("read the 29 input columns (232 B/firm)", t_read, n * 232);
    report("write 122 B/firm, ordinary stores", t_write, n * 122);
    report("write 122 B/firm, non-temporal stores", t_stream, n * 122);
    return 0;
}
