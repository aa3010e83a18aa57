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

/// The region of each row of a step's matrix: the build's regions and the rows in play (no copy;
/// looked up only when a message names one).
struct row_regions {
    const std::vector<std::string>* regions = nullptr;
    const std::vector<Eigen::Index>* rows = nullptr;
    /// The region of row i, or null.
    const std::string* at(Eigen::Index i) const {
        if (!regions || !rows || i < 0 || static_cast<std::size_t>(i) >= rows->size()) return nullptr;
        const auto r = static_cast<std::size_t>((*rows)[static_cast<std::size_t>(i)]);
        return r < regions->size() ? &(*regions)[r] : nullptr;
    }
};

/// normalise() into `out` (x's shape); `regions`, where given, name the row of a value the
/// method refuses ("region 'q'", not "unit 1").
void normalise_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<int>& direction,
                    const normalise_options& o, const std::vector<std::string>& names, Eigen::Ref<Eigen::MatrixXd> out,
                    const row_regions& regions = {});

/// treat() with its values into `values` (x's shape); the marks and the log are returned.
treated treat_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const treat_options& o,
                   const std::vector<std::string>& names, Eigen::Ref<Eigen::MatrixXd> values);

/// impute() with its values into `values` (x's shape); the marks are returned, and the
/// regression's predictions outside the observed range listed in `outside` when given.
mark_matrix impute_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const impute_options& o,
                        Eigen::Ref<Eigen::MatrixXd> values, std::vector<out_of_range>* outside = nullptr);

}  // namespace zhibiao::composite::detail
