// Formula parser and evaluator: any text parses or raises a typed error; evaluation over a
// small panel gives finite values or NaN with a reason, never inf, never a crash.
#include <cmath>
#include <cstdint>
#include <string>

#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"

namespace {
const zhibiao::panel& sample() {
    static const zhibiao::panel p = zhibiao::parse_csv(
        "entity,period,x[万元],y[亿元],n[件],pop[万人],gdp[亿元],rd_expenditure[万元]\n"
        "a,2022,1,2,3,4,5,6\na,2023,0,-1,2,0,7,8\na,2023H1,3,,1,2,3,4\nb,2023,-5,1e6,0,1,,2\n");
    return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        zhibiao::formula f = zhibiao::formula::parse(text);
        zhibiao::compute_options o;
        o.strict = false;
        zhibiao::indicator_values v = zhibiao::evaluate(sample(), f, std::nullopt, o);
        for (Eigen::Index i = 0; i < v.values().size(); ++i) {
            const double x = v.values()(i);
            if (std::isinf(x)) __builtin_trap();
            if ((x != x) != (v.reasons()[static_cast<std::size_t>(i)] != zhibiao::reason::none)) __builtin_trap();
        }
    } catch (const zhibiao::error&) {}
    return 0;
}
