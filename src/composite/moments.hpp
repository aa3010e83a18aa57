#pragma once
// central_moments() and shape_of() in parts (statistics.cpp), for the outlier treatment, whose
// rounds of winsorising know a column's scale and sum before its moments pass. Private to the
// compiled library.
#include "zhibiao/composite/statistics.hpp"

#include <vector>

namespace zhibiao::composite::detail {

/// central_moments() after its first two passes: `exponent` (scale_exponent of x), `sum` (of the
/// values present scaled by 2^−exponent, in order) and `n` (their count) known, one pass left.
/// Same bits as central_moments(x).
moments central_moments(const Eigen::Ref<const Eigen::VectorXd>& x, int exponent, double sum, double n);

/// scale_exponent() from the largest |value| present (0 for none, for 0 and for infinity).
int exponent_of_largest(double largest);

/// The skewness and kurtosis of these moments (shape_of(x) is this of central_moments(x)).
shape shape_of(const moments& m);

/// shape_of(x.col(j)) of every column, the same bits: four columns at a time, so that each
/// pass's chains of dependent additions (one per column, in row order as central_moments adds)
/// overlap instead of waiting on each other.
std::vector<shape> column_shapes(const Eigen::Ref<const Eigen::MatrixXd>& x);

}  // namespace zhibiao::composite::detail
