#pragma once
// The pipeline's steps writing straight into their layer's slot of the build's block
// (pipeline.cpp): normalise(), treat() and impute() are these with a matrix of their own. `out` must not
// overlap `x`.
#include <string>
#include <vector>

#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/prepare.hpp"
#include "zhibiao/composite/treat.hpp"

namespace zhibiao::composite::detail {

/// normalise() into `out` (x's shape).
void normalise_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<int>& direction,
                    const normalise_options& o, const std::vector<std::string>& names, Eigen::Ref<Eigen::MatrixXd> out);

/// treat() with its values into `values` (x's shape); the marks and the log are returned.
treated treat_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const treat_options& o,
                   const std::vector<std::string>& names, Eigen::Ref<Eigen::MatrixXd> values);

/// impute() with its values into `values` (x's shape); the marks are returned.
mark_matrix impute_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const impute_options& o,
                        Eigen::Ref<Eigen::MatrixXd> values);

}  // namespace zhibiao::composite::detail
