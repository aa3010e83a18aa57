#pragma once
// The report reader's unit parse: unit::parse without its error. A text that is no unit makes
// unit::parse throw unknown_unit_error, whose message carries a "did you mean" (edit distances to
// every unit there is, ~600,000 instructions); the reader asks about many texts that are no unit
// (measure words, the characters after a figure) and reads no message. Defined with the unit
// grammar (src/core/units.cpp). Private to the compiled library.
#include <optional>
#include <string_view>

#include "zhibiao/units.hpp"

namespace zhibiao::detail {

/// unit::parse(text), or nothing where unit::parse throws unknown_unit_error; any other error of
/// unit::parse is thrown as it is.
std::optional<unit> try_parse_unit(std::string_view text);

}  // namespace zhibiao::detail
