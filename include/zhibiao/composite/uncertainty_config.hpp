#pragma once
// The [uncertainty] section of a composite model's TOML: the assumptions of an uncertainty
// analysis beside the model they vary, so that the analysis is a reviewed file too.
//
//   [uncertainty]
//   replications = 10000                  # settings: replications, seed
//   seed = 1
//   winmax = [1, 5]                       # the outlier rule's winmax, uniform on [low, high]
//   weights_noise = { 2 = 0.25, 3 = 0.25 }   # level → ±fraction (COINr's noise)
//   weights_dirichlet = { 2 = 50 }        # level → concentration
//   exclude_indicator = false
//   [[uncertainty.normalisation]]         # also weighting, aggregation, imputation: one table
//   method = "minmax"                     # per alternative, the step's parameters (options.hpp)
//   range = [1, 100]                      # plus an optional label and probability
//   probability = 0.5
//
// Every error is a parse_error naming the file, line, column and key, with "did you mean" for
// an unknown key or method. The reader walks the same option vocabulary as the model's [[step]]
// tables (options.hpp), so it holds no option of its own.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "zhibiao/composite/uncertainty.hpp"

namespace zhibiao::composite {

/// The [uncertainty] section: the assumptions and the run's settings.
struct uncertainty_config {
    uncertainty_spec spec;
    std::size_t replications = 1000;
    std::uint64_t seed = 1;
    bool present = false;  ///< whether the text has an [uncertainty] section

    /// Options for uncertainty_model::run with these replications and seed.
    uncertainty_options options() const {
        uncertainty_options o;
        o.replications = replications;
        o.seed = seed;
        return o;
    }
};

/// The [uncertainty] section of a model's TOML text (empty assumptions when it has none);
/// `source` names the text in errors.
uncertainty_config parse_uncertainty(std::string_view text, const std::string& source = "<string>");
/// The [uncertainty] section of a model TOML file.
uncertainty_config read_uncertainty(const std::string& path);

/// The analysis a model file declares, from the file alone: its [[node]] framework, its
/// [[step]] pipeline, its [uncertainty] assumptions and settings. `threads` as in
/// uncertainty_options. A model without nodes is refused (give the framework to uncertainty()).
uncertainty_result uncertainty_from_file(const table& data, const std::string& model_path, unsigned threads = 0);

}  // namespace zhibiao::composite
