#pragma once
// An indicator from its id, formula text and unit, for tests that build one by hand.
#include <string>

#include "zhibiao/catalogue.hpp"

namespace zhibiao::testing {

inline indicator make_indicator(const std::string& id, const std::string& text, const std::string& u) {
    indicator i;
    i.id = id;
    i.formula = text;
    i.unit_text = u;
    i.unit = unit::parse(u);
    return i;
}

}  // namespace zhibiao::testing
