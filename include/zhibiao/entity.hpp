#pragma once
// Entities are regions (or firms): a code, a display name and the code of the parent.
//
// Chinese administrative division codes (GB/T 2260) nest by digits: province 2 digits
// ("32" or "320000"), prefecture 4 ("3206" or "320600"), county 6 ("320602"); a township is
// its county's 6 digits, 3 of its own and "000" (the 12-digit 统计用区划代码, "110101001000").
// `admin_level` and `admin_parent` read that nesting; they do not validate the code against
// the official list, which changes every year. A short code and its 6 digits are one region:
// `admin_code` gives the 6 digits, the form every parent is given in.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <string>
#include <string_view>

namespace zhibiao {

/// `entity{"320602"}` is a region by its code alone: the optional members have default member
/// initialisers, so -Wextra's missing-field-initializers says nothing (trial23b F7).
struct entity {
    std::string code;
    std::string name{};    ///< optional
    std::string parent{};  ///< optional parent code
};

enum class admin_level { unknown, national, province, prefecture, county, township };

namespace detail {
inline bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}
}  // namespace detail

/// The level an administrative code denotes, or `unknown` when it is not one.
inline admin_level admin_level_of(std::string_view code) {
    if (!detail::all_digits(code)) return admin_level::unknown;
    if (code.size() == 2) return admin_level::province;
    if (code.size() == 4) return admin_level::prefecture;
    // 12 digits: a township (乡镇, 街道) when its own three are not "000" and the village's are.
    // A 12-digit village (…001001) or county (…000000) is not read: unknown.
    if (code.size() == 12)
        return code.substr(6, 3) != "000" && code.substr(9) == "000" ? admin_level::township : admin_level::unknown;
    if (code.size() != 6) return admin_level::unknown;
    if (code == "100000" || code == "000000") return admin_level::national;
    if (code.substr(2) == "0000") return admin_level::province;
    if (code.substr(4) == "00") return admin_level::prefecture;
    return admin_level::county;
}

/// The canonical form of an administrative code, its 6 digits: "32" → "320000", "3206" →
/// "320600" (the same regions); a 6- or 12-digit code, or a code that is none, as it is.
inline std::string admin_code(std::string_view code) {
    if (detail::all_digits(code) && (code.size() == 2 || code.size() == 4))
        return std::string(code) + std::string(6 - code.size(), '0');
    return std::string(code);
}

/// The parent's code in its canonical 6 digits, whatever width the child is written in
/// ("320602" → "320600" → "320000"; "3206" → "320000", the parent of "320600" too), a
/// township's its county's 6 digits ("110101001000" → "110101"); empty for a province, the
/// national code or a code that is not one.
inline std::string admin_parent(std::string_view code) {
    switch (admin_level_of(code)) {
        case admin_level::township:
            return std::string(code.substr(0, 6));
        case admin_level::county:
            return std::string(code.substr(0, 4)) + "00";
        case admin_level::prefecture:
            return std::string(code.substr(0, 2)) + "0000";
        case admin_level::unknown:
        case admin_level::national:
        case admin_level::province:
            break;
    }
    return {};
}

}  // namespace zhibiao
