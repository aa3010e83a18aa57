#pragma once
// One rule for "this cell of a sheet is a unit" (亿元, （万元）, (%)), shared by read_csv's units row
// (a second header row read as data) and Panel.from_pandas (a units row, a header level of units):
// two copies had already drifted apart (brackets stripped in one only, review27b F7).

#include <optional>
#include <string_view>

#include "zhibiao/csv.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao::detail {

/// `cell` without the brackets around it: 亿元 of （亿元） or (亿元), a unit as sheets bracket it.
inline std::string_view without_brackets(std::string_view cell) {
    for (const std::string_view open : {"(", "（"})
        if (cell.substr(0, open.size()) == open) cell.remove_prefix(open.size());
    for (const std::string_view close : {")", "）"})
        if (cell.size() >= close.size() && cell.substr(cell.size() - close.size()) == close)
            cell.remove_suffix(close.size());
    return cell;
}

/// The unit a header or units-row cell states, its brackets ( （ ) ） taken off: "亿元" of
/// "（亿元）"; nullopt for a blank, a number (1 is also the unit of a ratio, but a cell holding it
/// is a figure) or a text that is no unit. `cell` is trimmed by the caller.
inline std::optional<std::string_view> unit_cell(std::string_view cell, char decimal = 0) {
    cell = without_brackets(cell);
    if (cell.empty()) return std::nullopt;
    double value = 0;
    int percent = 0;
    if (parse_number(cell, value, percent, decimal)) return std::nullopt;
    try {
        (void)unit::parse(cell);
    } catch (const error&) {
        return std::nullopt;
    }
    return cell;
}

}  // namespace zhibiao::detail
