// zhibiao pulled in with add_subdirectory: its options default OFF (no tests, no install). The
// project compiles with -ffast-math (tests/consumers/CMakeLists.txt), which then reaches
// zhibiao's own sources too: their NaN and overflow tests must still hold (trial24c: compiled so,
// src/formula/evaluate.cpp let 1e300 件 per 1e-300 万人 out as inf with no reason, and gave a
// missing input's NaN no reason or another one).
#include <zhibiao/zhibiao.hpp>

#include <cstdio>
#include <string>

namespace {
bool expect(const zhibiao::indicator_values& v, std::size_t row, bool missing, zhibiao::reason why) {
    const double x = v.values()(static_cast<Eigen::Index>(row));
    const bool ok = zhibiao::is_missing(x) == missing && v.reasons()[row] == why;
    if (!ok)
        std::printf("%s row %zu: %g (%s), expected %s (%s)\n", v.id().c_str(), row, x,
                    std::string(zhibiao::to_string(v.reasons()[row])).c_str(), missing ? "missing" : "a value",
                    std::string(zhibiao::to_string(why)).c_str());
    return ok;
}
}  // namespace

int main() {
    using zhibiao::reason;
    bool ok = zhibiao::catalogue::builtin().at("rd_intensity").unit.symbol() == "%";
    // a: no patents given; b: a ratio past the largest double; c: no population; d: 7 / 2.
    const zhibiao::panel p = zhibiao::parse_csv(
        "region,year,valid_invention_patents,population[万人]\n"
        "a,2023,,5\nb,2023,1e300,1e-300\nc,2023,3,0\nd,2023,7,2\n");
    for (bool fused : {true, false}) {
        zhibiao::compute_options options;
        options.fused = fused;
        const zhibiao::indicator_values v = zhibiao::compute(p, {"invention_patents_per_10k"}, options)[0];
        ok = expect(v, 0, true, reason::missing_input) && ok;
        ok = expect(v, 1, true, reason::out_of_range) && ok;
        ok = expect(v, 2, true, reason::zero_denominator) && ok;
        ok = expect(v, 3, false, reason::none) && v.values()(3) == 3.5 && ok;
    }
    const zhibiao::indicator_values in_yuan =
        zhibiao::evaluate(p, zhibiao::formula::parse("valid_invention_patents * 1e10"), zhibiao::unit::parse("件"));
    ok = expect(in_yuan, 0, true, reason::missing_input) && ok;
    ok = expect(in_yuan, 1, true, reason::out_of_range) && ok;
    std::printf("%s\n", ok ? "missing values and overflows as without -ffast-math" : "WRONG");
    return ok ? 0 : 1;
}
