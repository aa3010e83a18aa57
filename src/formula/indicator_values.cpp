// Members of zhibiao/compute.hpp compiled once rather than inline: the copies a temporary's
// accessors return (an Eigen array from a map, a vector of reasons) and compute_all were
// instantiated in every file that includes the header (its compile time: bench/NOTES.md,
// "Header compile time").
#include "zhibiao/compute.hpp"

#include "zhibiao/detail/edit_distance.hpp"

#include <string>
#include <vector>

namespace zhibiao {

std::vector<reason> reason_view::to_vector() const { return {begin(), end()}; }

Eigen::ArrayXd indicator_values::values() && {
    return Eigen::Map<const Eigen::ArrayXd>(values_, static_cast<Eigen::Index>(rows_));
}

std::vector<reason> indicator_values::reasons() && { return {reasons_.get(), reasons_.get() + rows_.get()}; }

void detail::throw_no_indicator(const indicator_table& table, const std::string& id) {
    // A misspelt id (compute(p, ids).at("rd_intensty")) said only "no indicator ... in this result",
    // where panel::at and catalogue::at name the closest: now the one among the table's ids.
    throw unknown_indicator_error(
        "no indicator " + detail::quoted_id(id) + " in this result" +
            detail::suggestion(id, table.columns(),
                               [](const indicator_values& c) -> std::string_view { return c.id(); }),
        id);
}

indicator_table compute_all(const panel& p, const catalogue& cat) {
    compute_options whole_catalogue;
    whole_catalogue.strict = false;
    return compute_all(p, cat, whole_catalogue);
}

indicator_table compute_all(const panel& p, const catalogue& cat, compute_options options) {
    std::vector<std::string> ids;
    for (const auto& i : cat.indicators()) ids.push_back(i.id);
    return compute(p, ids, options, cat);
}

}  // namespace zhibiao
