#pragma once
// The resident population (常住人口) is the denominator of per-10,000-people indicators; some
// county tables give the registered one (户籍人口) instead (spec/indicators.md §1.4). A panel
// holding only the registered one is told so, never offered it as what 'population' meant.
// Private to src/.
#include <string>
#include <vector>

#include "zhibiao/panel.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao::detail {

inline bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

/// A column of the registered population: counting people (人, 万人) under a name that says so (户籍人口,
/// the catalogue's registered_population). Not registered_capital[万元], registered_firms[家], a
/// registered_population in 户 (households) or 万元, non_registered_population, nor 农业户籍人口 (a part).
inline bool is_registered_population(const column& c) {
    const std::string& name = c.name();
    if (c.unit().dim() != dimension::of(base_quantity::person)) return false;
    const bool says_registered = contains(name, "户籍") || contains(name, "registered_population");
    const bool a_part = contains(name, "农业") || contains(name, "non_registered") || contains(name, "unregistered");
    return says_registered && !a_part;
}

/// The panel's column of registered population, when `wanted` is the resident one; "" otherwise.
inline std::string registered_instead_of_resident(const std::string& wanted, const std::vector<column>& columns) {
    if (wanted != "population") return {};
    for (const column& c : columns)
        if (is_registered_population(c)) return c.name();
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
