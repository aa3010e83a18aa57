#pragma once
// What a pipeline step did to a cell: one code per (region, indicator), so an analyst can list
// every imputed value and every treated outlier.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cstdint>

#include "zhibiao/reason.hpp"

namespace zhibiao::composite {

enum class mark : std::uint8_t {
    none,
    imputed_mean,          ///< mean of the indicator over all regions
    imputed_median,        ///< median over all regions
    imputed_group_mean,    ///< mean over the region's group (e.g. its prefecture)
    imputed_group_median,  ///< median over the region's group
    imputed_latest,        ///< the region's latest earlier value
    imputed_regression,    ///< regression on the most correlated indicator present for the region
    not_imputable,         ///< still missing: no value to impute from
    winsorised_high,       ///< set to the next highest value (COINr "winhi")
    winsorised_low,        ///< set to the next lowest value (COINr "winlo")
    log_transformed,       ///< COINr's log_CT (or another f2 fallback, treat.hpp) on the whole indicator
    sqrt_transformed,      ///< EIS: square root of a skewed indicator
    outlier_high,          ///< EIS: above mean + k·sd, replaced by the highest value within
    outlier_low,           ///< EIS: below mean − k·sd, replaced by the lowest value within
    not_imputed,           ///< still missing: the imputation step's method is "none" (last: codes stay stable)
};

inline constexpr const char* mark_names[] = {"",
                                             "imputed_mean",
                                             "imputed_median",
                                             "imputed_group_mean",
                                             "imputed_group_median",
                                             "imputed_latest",
                                             "imputed_regression",
                                             "not_imputable",
                                             "winsorised_high",
                                             "winsorised_low",
                                             "log_transformed",
                                             "sqrt_transformed",
                                             "outlier_high",
                                             "outlier_low",
                                             "not_imputed"};

inline const char* name_of(mark m) { return mark_names[static_cast<std::size_t>(m)]; }

/// Regions × indicators codes of `mark`.
using mark_matrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
using mark_vector = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, 1>;
/// Regions × indicators codes of zhibiao::reason: why a cell was missing when a step met it,
/// beside the mark of what the step did with it (imputation marks are a mark and a reason).
using reason_matrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

inline reason reason_of(std::uint8_t code) { return static_cast<reason>(code); }

}  // namespace zhibiao::composite
