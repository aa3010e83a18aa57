#pragma once
// The column headings read_csv recognises (data/headings.toml, compiled in). Private to src/.
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/catalogue.hpp"

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

/// The catalogue indicator a column heading names by its official Chinese name (its name_zh:
/// R&D经费投入强度 → rd_intensity, 每万人口发明专利拥有量 → invention_patents_per_10k), as written or
/// by its meaning (研发经费投入强度, 研究与试验发展经费投入强度: meaning_key); null when no indicator,
/// or two, have that name, or the heading is an id already. For parse_column_header, beside the
/// variables' names, so read_csv takes a published indicator under its Chinese heading.
const indicator* indicator_named(const catalogue& cat, std::string_view heading);

}  // namespace zhibiao::detail
