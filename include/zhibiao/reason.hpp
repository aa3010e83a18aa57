#pragma once
// Why a value is missing. A result cell is either a finite number with reason::none, or NaN with
// one of the other reasons: zhibiao never returns ±inf and never a NaN without a reason.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <array>
#include <cstdint>
#include <ostream>
#include <string_view>

#include "zhibiao/detail/float_bits.hpp"

namespace zhibiao {

enum class reason : std::uint8_t {
    none = 0,              ///< a value is present
    missing_input,         ///< an input cell was empty (or NaN)
    unparseable,           ///< an input cell had text that is not a number (lenient loading)
    zero_denominator,      ///< division by zero
    negative_denominator,  ///< division by a negative quantity that makes the ratio undefined
    negative_input,        ///< a count or amount that cannot be negative was negative
    out_of_range,          ///< the result is outside the indicator's valid range (a share > 100)
    unit_mismatch,         ///< an input's unit cannot convert to what the indicator needs
    missing_variable,      ///< the panel has no column for an input (lenient compute)
    nonpositive_base,      ///< a growth rate over a base ≤ 0 (扭亏): undefined
    no_such_period,        ///< a time operator needs a period the panel does not have
    incomplete_rollup,     ///< a roll-up parent where some children had no value
    invalid_child,         ///< a sum (roll-up parent) over a part whose value is invalid for computing
    invalid_input,         ///< an input the catalogue's rules exclude from computing (a count that is not whole)
    damaged_source,        ///< the source text had a figure whose digits were lost (extract.hpp): invalid, not absent
    suspect_source,        ///< the source text's figure is probably damaged (an implausible 0, a part above its total)
};
inline constexpr std::size_t reason_count = 16;

/// Stable snake_case names, as Python and CSV output show them.
inline constexpr std::array<std::string_view, reason_count> reason_names = {
    "",
    "missing_input",
    "unparseable",
    "zero_denominator",
    "negative_denominator",
    "negative_input",
    "out_of_range",
    "unit_mismatch",
    "missing_variable",
    "nonpositive_base",
    "no_such_period",
    "incomplete_rollup",
    "invalid_child",
    "invalid_input",
    "damaged_source",
    "suspect_source",
};

namespace detail {
/// "reason(17)" for a code that names no reason: the text of a value cast from a number that
/// is not one (reason(17), read from a file's byte), spelt out rather than read past the names.
struct reason_label {
    char text[12] = {};
    std::size_t size = 0;
};
constexpr std::array<reason_label, 256> make_reason_labels() {
    std::array<reason_label, 256> out{};
    for (std::size_t code = 0; code < out.size(); ++code) {
        reason_label& l = out[code];
        for (char c : std::string_view("reason(")) l.text[l.size++] = c;
        if (code >= 100) l.text[l.size++] = static_cast<char>('0' + code / 100);
        if (code >= 10) l.text[l.size++] = static_cast<char>('0' + code / 10 % 10);
        l.text[l.size++] = static_cast<char>('0' + code % 10);
        l.text[l.size++] = ')';
    }
    return out;
}
inline constexpr std::array<reason_label, 256> reason_labels = make_reason_labels();
}  // namespace detail

/// The reason's name; "reason(17)" for a value that is none of the enumerators (a cast from a
/// number the caller made), never a read past the table.
inline constexpr std::string_view to_string(reason r) {
    const auto code = static_cast<std::size_t>(r);
    if (code < reason_count) return reason_names[code];
    return {detail::reason_labels[code].text, detail::reason_labels[code].size};
}
/// The name, as firm_status, unit and period print theirs (`std::cout << values.reasons()[i]`: it
/// did not compile, and an enum cast to a number names nothing).
inline std::ostream& operator<<(std::ostream& os, reason r) { return os << to_string(r); }

/// True for a missing value (NaN) in zhibiao's results, read on the bits of the double: right in
/// a program built with -ffast-math too, where std::isnan(x) and x != x may fold to false (clang
/// does) and a missing value would read as present.
inline bool is_missing(double x) noexcept { return detail::is_nan(x); }

/// True when a missing cell's reason says only that no value is there (nothing given, no such
/// column or period, a roll-up over absent parts); false when a value was there but is invalid
/// for computing (unparseable, negative, not whole, an invalid part) — such a cell must never be
/// treated as merely missing: not skipped in a sum, not scored as an absent optional input.
inline constexpr bool reason_means_absent(reason r) {
    return r == reason::none || r == reason::missing_input || r == reason::missing_variable ||
           r == reason::no_such_period || r == reason::incomplete_rollup;
}

}  // namespace zhibiao
