// Eigen objects across the boundary: made by mathlib.cpp (no zhibiao header), freed by zhibiao,
// and made by zhibiao, freed by mathlib.cpp. Prints the scores; any mismatch of allocators is a
// crash in free() or (ASan) a bad-free report.
#include <zhibiao/zhibiao.hpp>

#include <cmath>
#include <iostream>
#include <utility>

Eigen::VectorXd load_indicator(int n, bool rising);
double grow_and_sum(Eigen::MatrixXd scores);

int main() {
    namespace zc = zhibiao::composite;
    for (int round = 0; round < 3; ++round) {
        zc::table t;
        t.regions = {"A", "B", "C", "D"};
        t.numbers["x"] = load_indicator(4, true);
        t.numbers["y"] = load_indicator(4, false);
        t.numbers["x"].resize(4);  // no-op resize of a foreign block
        const zc::framework fw({{"x", "Index", 1, 1, 1}, {"y", "Index", 1, 1, 1}, {"Index", "", 1, 1, 2}});
        auto r = zc::build(t, fw, {zc::normalise_step{}, zc::aggregate_step{}});
        t.numbers.erase("x");  // zhibiao's map frees the foreign block
        const Eigen::Index k = fw.index_of("Index");
        const Eigen::VectorXd index = r.aggregation.scores.col(k);
        const double sum = grow_and_sum(std::move(r.aggregation.scores));
        if (round == 0) {
            std::cout << "index " << index.transpose() << "\n";
            std::cout << "sum " << sum << "\n";
        }
        if (!std::isfinite(sum)) return 1;
    }
    return 0;
}
