// The composite functions behind zb.composite's single-purpose calls (weights, ahp, topsis,
// vikor, copeland, outranking, mazziotta_pareto, benefit_of_the_doubt, rank within groups) on
// fuzzed shapes and values: any number of rows and columns (zero included), weight and type
// vectors of any length, values from a palette of the awkward (0, negatives, ties, NaN, ±inf,
// 1e160, 1e308, denormals, 1e300 weights) and option names that may be misspelt. Every outcome
// must be numbers or a zhibiao::error — never a crash, a read past a buffer, or an infinity.
//
// Input: byte 0 → rows (0–9), byte 1 → columns (0–5), byte 2 → weights count (0–7), byte 3 →
// types count (0–7), byte 4 → option selector; then one byte per value (palette index or a
// small integer), weights, types.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/composite/weights.hpp"

namespace cp = zhibiao::composite;

namespace {

class bytes {
public:
    bytes(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
    std::uint8_t next() { return k_ < n_ ? d_[k_++] : 0; }

private:
    const std::uint8_t* d_;
    std::size_t n_, k_ = 0;
};

double value_of(std::uint8_t b) {
    static const double palette[] = {0,
                                     -1,
                                     -3.5,
                                     1e160,
                                     1e308,
                                     -1e308,
                                     4.9e-324,
                                     1e-310,
                                     1e300,
                                     std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     0.5,
                                     1,
                                     1,
                                     2};
    return b < 16 ? palette[b] : static_cast<double>(b % 32);  // many small integers: ties
}

void check(const Eigen::MatrixXd& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i)
        if (std::isinf(m.data()[i])) std::abort();  // an infinity leaked out
}

template <class F>
void attempt(F&& f) {
    try {
        f();
    } catch (const zhibiao::error&) {}
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bytes in(data, size);
    const Eigen::Index rows = in.next() % 10, cols = in.next() % 6, nw = in.next() % 8, nt = in.next() % 8;
    const std::uint8_t option = in.next();
    Eigen::MatrixXd x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = value_of(in.next());
    Eigen::VectorXd w(nw);
    for (Eigen::Index i = 0; i < nw; ++i) w(i) = value_of(in.next());
    std::vector<int> types;
    for (Eigen::Index i = 0; i < nt; ++i) types.push_back(static_cast<int>(in.next() % 4) - 1);  // −1, 0, 1, 2
    static const char* inner[] = {"minmax", "vector", "Vector", "none"};
    static const char* zeros[] = {"skip", "pymcdm", "PyMCDM", ""};
    static const char* methods[] = {"entropy", "critic", "sd", "variance", "pca", "equal", "entorpy", "ahp"};

    attempt(
        [&] { check(cp::topsis(x, w, types, cp::choose(cp::topsis_choices, inner[option % 4], "topsis", "inner"))); });
    attempt([&] {
        const cp::vikor_result r = cp::vikor(x, w, types, (option % 5) / 4.0);
        check(r.s), check(r.r), check(r.q);
    });
    attempt([&] { check(cp::copeland(x, w)); });
    attempt([&] { check(cp::outranking_matrix(x, w)); });
    attempt([&] { check(cp::mazziotta_pareto(x, option % 3 - 1)); });
    if (rows <= 6) attempt([&] { check(cp::benefit_of_the_doubt(x).score); });
    attempt([&] {
        const cp::entropy_zeros z = cp::choose(cp::entropy_zeros_choices, zeros[(option >> 2) % 4], "weights", "zeros");
        switch (cp::choose(cp::column_weighting_choices, methods[(option >> 4) % 8], "weights", "method")) {
            case cp::weighting::entropy:
                check(cp::entropy_weights(x, z));
                break;
            case cp::weighting::critic:
                check(cp::critic_weights(x, option & 1));
                break;
            case cp::weighting::sd:
                check(cp::sd_weights(x, option & 1));
                break;
            case cp::weighting::variance:
                check(cp::variance_weights(x, option & 1));
                break;
            case cp::weighting::pca:
                check(cp::pca_weights(x).weights);
                break;
            default:
                check(cp::equal_weights(x.cols()));
                break;
        }
    });
    attempt([&] {
        check(cp::ahp_weights(x, option & 1 ? cp::random_index::saaty : cp::random_index::tummala_ling, 0.1, true)
                  .weights);
    });
    if (cols > 0)
        attempt([&] {
            std::vector<std::string> groups;
            for (Eigen::Index i = 0; i < nw; ++i) groups.push_back(w(i) > 1 ? "high" : "low");  // NaN: "low"
            check(cp::rank_within(x.col(0), groups, cp::ties::average));
        });
    return 0;
}
