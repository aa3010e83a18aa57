#pragma once
// What the uncertainty tests share (uncertainty_test.cpp, uncertainty_fast_test.cpp,
// uncertainty_config_test.cpp): a small index, its data and nominal steps, and bit equality.
#include <cstring>
#include <string>
#include <vector>

#include "zhibiao/composite/pipeline.hpp"

namespace zhibiao::composite::testing {

// 8 units, 4 indicators in 2 pillars under one index; pillar weights 1 and 3.
inline framework small_framework() {
    return framework({{"Index", "", 1, 1, 3},
                      {"P1", "Index", 1, 1, 2},
                      {"P2", "Index", 3, 1, 2},
                      {"a", "P1", 1, 1, 1},
                      {"b", "P1", 2, 1, 1},
                      {"c", "P2", 1, -1, 1},
                      {"d", "P2", 1, 1, 1}});
}

inline table small_table() {
    table t;
    for (int i = 0; i < 8; ++i) t.regions.push_back("u" + std::to_string(i));
    t.numbers["a"] = (Eigen::VectorXd(8) << 1, 2, 3, 4, 5, 6, 7, 30).finished();
    t.numbers["b"] = (Eigen::VectorXd(8) << 8, 3, 5, 1, 9, 2, 4, 6).finished();
    t.numbers["c"] = (Eigen::VectorXd(8) << 2, 7, 1, 8, 3, 6, 4, 5).finished();
    t.numbers["d"] = (Eigen::VectorXd(8) << 5, 5, 2, 9, 1, 7, 3, 8).finished();
    return t;
}

// COINr's outlier rule, min-max to [1, 100], arithmetic means.
inline std::vector<step> nominal_steps() {
    normalise_step n;
    n.options.low = 1, n.options.high = 100;
    return {treat_step{}, n, aggregate_step{}};
}

inline bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

}  // namespace zhibiao::composite::testing
