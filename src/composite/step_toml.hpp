#pragma once
// The reader of one step's parameters from a TOML table (config.cpp), shared by the model's
// [[step]] tables and the alternatives of its [uncertainty] section. Private to src/.
#include <string_view>

#include "io/toml.hpp"
#include "zhibiao/composite/pipeline.hpp"

namespace zhibiao::composite::detail {

/// The step of `kind` (a known kind) whose parameters the table holds, each checked against the
/// option vocabulary (options.hpp); a key that is no parameter is the caller's to refuse.
step read_step_parameters(const zhibiao::detail::toml_reader& r, std::string_view kind);

/// Refuses a key the table gives that the step's method does not read, at that key, even when
/// its value is the default (unused_option, options.hpp, cannot see that one).
void refuse_given_unread_options(const zhibiao::detail::toml_reader& r, const step& s);

}  // namespace zhibiao::composite::detail
