#pragma once
// Checks and column transforms shared by the compiled weight functions (weights.cpp,
// solvers.cpp). Internal: not installed.
#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {
/// The column times 2^−e (statistics.hpp): the same proportions, correlations and ratios.
inline Eigen::VectorXd scaled_column(const Eigen::Ref<const Eigen::VectorXd>& c) {
    const detail::power_of_two scale(detail::scale_exponent(c));
    return c.unaryExpr([&scale](double a) { return scale.down(a); });
}

/// The lowest value present in the user's column (NaN when none is), for messages: errors quote
/// the user's numbers, never the scaled ones.
inline double lowest_present(const Eigen::Ref<const Eigen::VectorXd>& c) {
    double lo = NAN;
    detail::each_present(c, [&lo](double e) { lo = lo <= e ? lo : e; });
    return lo;
}

/// A number as a message quotes it: up to 10 significant digits ("-2000", "1e-310").
inline std::string quoted(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

inline Eigen::VectorXd minmax01(const Eigen::Ref<const Eigen::VectorXd>& raw, const std::string& what) {
    const Eigen::VectorXd c = scaled_column(raw);  // exact; hi − lo cannot overflow
    double lo = INFINITY, hi = -INFINITY;
    detail::each_present(c, [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e); });
    if (!(hi > lo)) throw method_error(what + ": a column is constant (no spread)");
    return ((c.array() - lo) / (hi - lo)).matrix();
}

/// At least one column and one row, no infinity: checked where the caller hands the matrix over.
inline void check_columns(const Eigen::MatrixXd& x, const std::string& what) {
    location w;
    w.variable = "x";
    if (x.cols() == 0) throw argument_error(what + ": x has no columns (criteria)", w);
    if (x.rows() == 0) throw argument_error(what + ": x has no rows (units)", w);
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (std::isinf(x(i, j)))
                throw argument_error(what + ": unit " + std::to_string(i) + ", column " + std::to_string(j) +
                                         " is infinite (infinities are not data)",
                                     w);
}

/// Methods that compare whole rows need every value: a missing one is for imputation.
inline void require_present(const Eigen::MatrixXd& x, const std::string& what) {
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (!detail::present(x(i, j)))
                throw method_error(what + " needs every value: unit " + std::to_string(i) + ", column " +
                                   std::to_string(j) + " is missing (impute first)");
}

}  // namespace zhibiao::composite
