#pragma once
// The steps before outlier treatment: denomination, region screening and imputation.
//
// Denomination divides an indicator by a size column (GDP, population, area) times a scale
// factor: the per-10k idea of the catalogue, for a table with one row per region. A zero or
// missing denominator gives a missing value, never inf.
//
// Screening keeps the regions whose share of present indicator values reaches a threshold (and
// optionally whose share of zeros stays below one), and lists the others.
//
// Imputation fills missing cells and marks each filled cell with its method; a cell that has
// nothing to be filled from stays missing and is marked not_imputable; with method "none" every
// missing cell stays missing and is marked not_imputed.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "zhibiao/composite/marks.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

/// x(:, j) / denominator(:, j) · scale(j); `denominator` columns of NaN mean "not denominated".
Eigen::MatrixXd denominate(const Eigen::MatrixXd& x, const Eigen::MatrixXd& denominator, const Eigen::VectorXd& scale);

namespace detail {
/// One column of denominate(): out = x / denominator · scale (missing where the denominator is zero,
/// negative or missing); a missing scale leaves out as it is. `out` may be `x` itself.
void denominate_column(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& denominator,
                       double scale, Eigen::Ref<Eigen::VectorXd> out);
}  // namespace detail

struct screen_options {
    double min_availability = 0;  ///< keep regions with at least this share of indicators present
    double max_zero_share = 1;    ///< … and at most this share of zeros among its values present (COINr's byNZ)
};

struct screening {
    std::vector<Eigen::Index> kept, dropped;   ///< row numbers
    Eigen::VectorXd availability, zero_share;  ///< per input row (zero_share of the values present)
};

screening screen(const Eigen::Ref<const Eigen::MatrixXd>& x, const screen_options& o);

enum class imputation { none, mean, median, group_mean, group_median, latest, regression };

struct impute_options {
    imputation method = imputation::none;
    std::vector<std::string> group;  ///< group_mean / group_median: a label per row ("": in no group, not imputed)
    Eigen::MatrixXd previous;        ///< latest: each region's latest earlier value, same shape as x
    /// regression: a prediction outside the indicator's observed range (a negative count per head
    /// from a line run past the data) is set to the nearest end of that range.
    bool clip = true;
};

/// A regression-imputed cell whose prediction fell outside its indicator's observed range.
struct out_of_range {
    Eigen::Index row, col;
    double predicted, low, high;  ///< the prediction and the observed range
};

struct imputed {
    Eigen::MatrixXd values;
    mark_matrix marks;
};

namespace detail {

// Least squares y = a + b·x over the rows where both are present.
std::pair<double, double> simple_regression(const Eigen::Ref<const Eigen::VectorXd>& x,
                                            const Eigen::Ref<const Eigen::VectorXd>& y);

/// Fills `out` by regression; predictions outside the column's observed range are listed in
/// `outside` (when given) and set to the nearest end of it when `clip`.
void impute_by_regression(const Eigen::Ref<const Eigen::MatrixXd>& x, imputed& out, bool clip = true,
                          std::vector<out_of_range>* outside = nullptr);

}  // namespace detail

imputed impute(const Eigen::Ref<const Eigen::MatrixXd>& x, const impute_options& o);

}  // namespace zhibiao::composite
