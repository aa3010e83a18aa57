#pragma once
// The indicator catalogue: input variables and the indicators computed from them.
//
// The built-in catalogue is data/indicators.toml, embedded into the library at build time, so
// a C++ program needs no file. User catalogues use the same TOML shape and the same loader.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/detail/edit_distance.hpp"  // kept for the files that reach detail::suggestion through here
#include "zhibiao/detail/float_bits.hpp"
#include "zhibiao/direction.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {

/// An input variable the catalogue knows.
struct variable_spec {
    std::string id;
    std::string name_zh;
    std::string name_en;
    /// Other names statistical tables head the variable's column with (有效发明专利, 常住人口):
    /// a CSV header or a long file's variable cell that is one of them is read as the variable.
    std::vector<std::string> other_names;
    std::string dimension_name;  ///< "currency", "person", "count", "any"
    /// The unit assumed when the data give none (counts only); empty: a unit is required.
    std::string default_unit;
    double min = -std::numeric_limits<double>::infinity();
    /// 0 is no value it can take (a region's population, its GDP; TOML `positive = true`): a 0
    /// there is an error in the data, which a roll-up does not sum (invalid_child), as it does not
    /// a negative count. Computing a ratio over it still says zero_denominator.
    bool positive = false;
    std::string aggregation = "sum";  ///< "sum" or "none"
    /// Every row holds the figure from January to the end of its period (TOML `cumulative = true`;
    /// 累计完成值: a 2024Q2 row holds January to June): single_month()/single_quarter() subtract
    /// the row ending a month or quarter earlier, ytd() is the row itself.
    bool cumulative = false;
};

/// Why a value of variable `v`, given in unit `u`, may not be computed with — summed over
/// periods or regions, divided, scored: reason::negative_input below the variable's minimum,
/// reason::invalid_input for a count (dimension "count") that is not a whole number of its base
/// unit (3.5 件; 0.35 万件 is 3500 件, whole); reason::invalid_input for ±inf, which is never a
/// measured value (the loaders turn it into NaN, reason unparseable, as read_csv does 1e400).
/// reason::none when it may. NaN is not judged here.
inline reason invalid_for_computation(const variable_spec& v, double value, const unit& u) {
    if (detail::is_nan(value)) return reason::none;  // first: under -ffast-math NaN < min may hold
    if (detail::is_infinite(value)) return reason::invalid_input;
    if (value < v.min) return reason::negative_input;
    if (v.dimension_name == "count" && detail::is_finite(value)) {
        const double base = conversion{u.exponent(), u.factor()}.apply(value);
        // Tolerance for the inexact decimal scales (0.35 万件 is 3500.0000000000005 件).
        if (std::abs(base - std::round(base)) > 1e-9 * std::max(1.0, std::abs(base))) return reason::invalid_input;
    }
    return reason::none;
}

/// One indicator: its formula (text and parsed tree), output unit and metadata.
struct indicator {
    std::string id;
    std::string name_zh;
    std::string name_en;
    /// Other headings reports print it under (万人有效发明专利拥有量): read_csv reads such a column as it.
    std::vector<std::string> other_names;
    std::string formula;
    std::string unit_text;
    zhibiao::unit unit;
    zhibiao::direction direction = direction::higher_is_better;
    int decimals = 2;
    double valid_min = -std::numeric_limits<double>::infinity();
    double valid_max = std::numeric_limits<double>::infinity();
    std::string scope;
    std::string source;

    zhibiao::formula parsed;

    /// The names the formula reads: variables and other indicators.
    std::vector<std::string> inputs() const { return parsed.names(); }
};

class catalogue {
public:
    /// The catalogue shipped with the library (data/indicators.toml).
    static const catalogue& builtin();
    /// Parses TOML text; throws parse_error naming `source`, the entry and the key.
    static catalogue from_toml(std::string_view text, const std::string& source = "<catalogue>");
    /// Reads a TOML file.
    static catalogue load(const std::string& path);

    // On a temporary catalogue (`catalogue::load(path).at(id)`) accessors return copies and
    // pointers are refused: no reference outlives the catalogue it points into.
    const std::vector<indicator>& indicators() const& { return indicators_; }
    std::vector<indicator> indicators() && { return std::move(indicators_); }
    const std::vector<variable_spec>& variables() const& { return variables_; }
    std::vector<variable_spec> variables() && { return std::move(variables_); }

    const indicator* find(std::string_view id) && = delete;
    const indicator* find(std::string_view id) const& {
        for (const auto& i : indicators_)
            if (i.id == id) return &i;
        return nullptr;
    }
    /// Throws unknown_indicator_error, suggesting the nearest known id.
    const indicator& at(std::string_view id) const&;
    indicator at(std::string_view id) && { return at(id); }
    const variable_spec* variable(std::string_view id) && = delete;
    const variable_spec* variable(std::string_view id) const& {
        for (const auto& v : variables_)
            if (v.id == id) return &v;
        return nullptr;
    }

    /// Adds or replaces an indicator after parsing its formula and checking its units against
    /// the declared dimensions of the variables and indicators it uses.
    void add(indicator i);
    /// Adds the indicators and variables of `other`, replacing those with the same id.
    void merge(const catalogue& other);
    void add(variable_spec v);

    /// The unit a name has by declaration: an indicator's output unit, a variable's default unit
    /// or the base unit of its dimension; nullopt when unknown until data arrive.
    std::optional<zhibiao::unit> declared_unit(const std::string& name) const;

    /// Throws parse_error naming the first cycle among the indicators ("a → b → a").
    void check_cycles() const;

private:
    std::vector<indicator> indicators_;
    std::vector<variable_spec> variables_;
};

namespace detail {
/// An id between quotes, cut after 40 bytes (at a UTF-8 boundary): a formula text passed as an
/// id does not end up whole in the message (src/text.hpp's quoted, for this public header).
/// Appends only: `"'" + std::string(id)` here made g++ 12 -O3 -std=c++20 warn -Wrestrict (its
/// false positive PR105329) in every program calling catalogue::at, an error under -Werror.
inline std::string quoted_id(std::string_view id) {
    constexpr std::size_t max_bytes = 40;
    std::string out(1, '\'');
    if (id.size() <= max_bytes) {
        out += id;
        out += '\'';
        return out;
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80) --cut;
    out += id.substr(0, cut);
    out += "…(";
    out += std::to_string(id.size());
    out += " bytes)'";
    return out;
}
}  // namespace detail

}  // namespace zhibiao
