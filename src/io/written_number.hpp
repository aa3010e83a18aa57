#pragma once
// The decimals a number was written with, read from its text and written back: one home for
// read_csv's cells (column::written_decimals), the extraction's figures (zb.extract's `decimals`
// column, computed in python/bindings/register_extract.cpp) and write_csv's cells. Private to src/
// and the bindings.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zhibiao::detail {

// The size in bytes of the digit ending text[0, end) (0-9, or full-width ０-９: EF BC 90-99), 0
// when none ends there; `zero` says whether it is a 0.
inline std::size_t digit_ending(std::string_view text, std::size_t end, bool& zero) {
    if (end >= 1 && text[end - 1] >= '0' && text[end - 1] <= '9') {
        zero = text[end - 1] == '0';
        return 1;
    }
    if (end >= 3 && text[end - 3] == '\xEF' && text[end - 2] == '\xBC' &&
        static_cast<unsigned char>(text[end - 1]) >= 0x90 && static_cast<unsigned char>(text[end - 1]) <= 0x99) {
        zero = text[end - 1] == '\x90';
        return 3;
    }
    return 0;
}

// The decimals of the number that ends `text` (its last digit the text's last) where they are more
// than the shortest form of its value shows: a fraction ending in 0 ("2.00" → 2, "1.70" → 2), its
// point `point` ('.' or ','; the full-width ． or ， too); 0 for any other ending ("1.7", "2", "1,200",
// "2.50e3": the shortest form shows all its decimals, or the value is not the text's digits). Up to
// 15 significant digits a fraction without a final 0 is its value's shortest form; a final 0 is the
// one digit that form drops. At most 255.
inline std::uint8_t decimals_ending(std::string_view text, char point) {
    bool zero = false;
    std::size_t end = text.size();
    std::size_t n = digit_ending(text, end, zero);
    if (n == 0 || !zero) return 0;
    std::size_t digits = 0;
    for (bool ignored = false; n != 0; n = digit_ending(text, end, ignored)) end -= n, ++digits;
    const std::string_view wide_point = point == ',' ? "\xEF\xBC\x8C" : "\xEF\xBC\x8E";  // ， or ．
    const bool after_point =
        (end >= 1 && text[end - 1] == point) || (end >= 3 && text.substr(end - 3, 3) == wide_point);
    return after_point ? static_cast<std::uint8_t>(std::min<std::size_t>(digits, 255)) : 0;
}

// A cell's written decimals (read_csv): decimals_ending of its text without the blanks after it
// and one percent sign (%, ％, ‰): "2.00%" → 2, "60.0 " → 1, "1.7" → 0.
inline std::uint8_t written_decimals(std::string_view text, char point) {
    static constexpr std::string_view ends[] = {"\xE3\x80\x80", "\xC2\xA0", "%", "\xEF\xBC\x85", "\xE2\x80\xB0"};
    bool sign = false;
    for (bool changed = true; changed && !text.empty();) {
        const char last = text.back();
        changed = last == ' ' || last == '\t' || last == '\r' || last == '\n' || last == '\v' || last == '\f';
        if (changed) text.remove_suffix(1);
        for (std::size_t i = 0; i < std::size(ends) && !changed; ++i) {
            const bool is_sign = i >= 2;
            if (text.size() <= ends[i].size() || text.substr(text.size() - ends[i].size()) != ends[i] ||
                (is_sign && sign))
                continue;
            text.remove_suffix(ends[i].size());
            sign = sign || is_sign;
            changed = true;
        }
    }
    return decimals_ending(text, point);
}

// A figure's written decimals (zb.extract's `decimals`): decimals_ending of the last number in
// the figure as written, whatever follows it ("2.00%" → 2, "1.20万亿元" → 2: the decimals of the
// value in the figure's unit; a range's last end, "3.0-5.0%" → 1); 0 for a figure with no such
// fraction: a Chinese numeral (一千二百件), "1.2万", a masked "13.x", a whole "139项".
inline std::uint8_t figure_decimals(std::string_view figure) {
    bool ignored = false;
    std::size_t end = figure.size();
    while (end > 0 && digit_ending(figure, end, ignored) == 0) --end;
    return end == 0 ? 0 : decimals_ending(figure.substr(0, end), '.');
}

// How append_shortest writes a value below 1e-4 or from 1e16 on: in scientific notation as Python's
// repr writes it (1.5e-05, 1e+16), or positional as any other.
enum class far_values { scientific, positional };

// `x` (finite) in the shortest digits that read back as x, positional, padded with 0s to at least
// `min_decimals` after the point (never rounded: 1.2345 with 2 is "1.2345"); a value below 1e-4 or
// from 1e16 on as `far` says. -0.0 is written as 0. The one home of write_csv's numbers: pandas'
// layout (min_decimals 1, far scientific: 3.0, 1.5e-05, 1e+16, as repr writes a float) and a cell
// as written (append_as_written). Compiled in the library (src/io/write_csv.cpp).
void append_shortest(std::string& out, double x, unsigned min_decimals, far_values far);

// `x` (finite) as written with `decimals` decimals where those are more than its shortest form
// shows ("1.7" with 2: "1.70"; 2 with 2: "2.00"; 2 with 0: "2", not "2.0"; 1.2345 with 2:
// "1.2345", never rounded). With 0 decimals a value below 1e-4 or from 1e16 on is written as
// Python's repr writes it (1.5e-05, 1e+16); with decimals it is positional (its decimals are its
// text's). read_csv reads the text back to x, with `decimals` as its written decimals.
inline void append_as_written(std::string& out, double x, unsigned decimals) {
    append_shortest(out, x, decimals, decimals == 0 ? far_values::scientific : far_values::positional);
}

}  // namespace zhibiao::detail
