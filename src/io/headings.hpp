#pragma once
// The column headings read_csv recognises (data/headings.toml, compiled in). Private to src/.
#include <string>
#include <vector>

namespace zhibiao::detail {

struct column_headings {
    std::vector<std::string> entity, period, name, parent, variable, value, unit;
    /// A region's level by its heading, finest first: county, city, province.
    std::vector<std::vector<std::string>> levels;
};

/// The headings of data/headings.toml, read once.
const column_headings& builtin_headings();

/// The headings of a TOML text in the shape of data/headings.toml; parse_error naming `source`
/// for an unknown key ("did you mean"), a missing list or an empty heading.
column_headings headings_from_toml(std::string_view text, const std::string& source);

}  // namespace zhibiao::detail
