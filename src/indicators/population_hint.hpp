#pragma once
// The resident population (常住人口) is the denominator of per-10,000-people indicators; some
// county tables give the registered one (户籍人口) instead (spec/indicators.md §1.4). A panel
// holding only the registered one is told so, never offered it as what 'population' meant.
// Private to src/.
#include <string>
#include <vector>

namespace zhibiao::detail {

inline bool names_registered_population(const std::string& column) {
    return column == "registered_population" || column.find("户籍") != std::string::npos ||
           column.find("registered") != std::string::npos;
}

/// The panel's column of registered population, when `wanted` is the resident one; "" otherwise.
inline std::string registered_instead_of_resident(const std::string& wanted, const std::vector<std::string>& columns) {
    if (wanted != "population") return {};
    for (const std::string& c : columns)
        if (names_registered_population(c)) return c;
    return {};
}

/// What a missing 'population' beside `registered` (a column's name) says.
inline std::string registered_population_note(const std::string& registered) {
    return " ('" + registered +
           "' is the registered population, 户籍人口, not the resident population, 常住人口, that "
           "per-10,000-people indicators divide by: load the resident figures as 'population', or divide by '" +
           registered + "' on purpose in an indicator of your own)";
}

}  // namespace zhibiao::detail
