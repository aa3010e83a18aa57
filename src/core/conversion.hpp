#pragma once
// conversion::apply for the library's own loops, inline where they are compiled (with the
// library's flags): the public conversion::apply is out of line for programs built with other
// flags (units.hpp), and calling it per element would cost a call in every hot loop.
#include "zhibiao/units.hpp"

namespace zhibiao::detail {

inline double convert_exactly(const conversion& c, double x) {
    const double y = c.exponent >= 0 ? x * exact_power_of_ten(c.exponent) : x / exact_power_of_ten(-c.exponent);
    return c.factor == 1.0 ? y : y * c.factor;
}

}  // namespace zhibiao::detail
