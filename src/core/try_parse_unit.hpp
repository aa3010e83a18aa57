#pragma once
// The report reader's unit parse: unit::parse without its error. A text that is no unit makes
// unit::parse throw unknown_unit_error, whose message carries a "did you mean" (edit distances to
// every unit there is, ~600,000 instructions); the reader asks about many texts that are no unit
// (measure words, the characters after a figure) and reads no message. Defined with the unit
// grammar (src/core/units.cpp). Private to the compiled library.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/units.hpp"

namespace zhibiao::detail {

/// unit::parse(text), or nothing where unit::parse throws unknown_unit_error; any other error of
/// unit::parse is thrown as it is.
std::optional<unit> try_parse_unit(std::string_view text);

/// For a term of multipliers stacked out of the order numerals take them and a base (亿万元,
/// 万万元: no unit, a slip), the readings meant, each multiplier alone before the base (亿元,
/// 万元; for 万万元 also 亿元, its product); empty for any other text. For a reader that must flag
/// such a figure rather than read it with a shorter unit.
std::vector<std::string> stacked_multiplier_readings(std::string_view term);

}  // namespace zhibiao::detail
