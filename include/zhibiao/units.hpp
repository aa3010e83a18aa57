#pragma once
// Units of S&T statistics: a dimension (currency, persons, counts, ...) and a decimal scale.
//
// Chinese statistics mix scales freely — 万元 (1e4 yuan), 亿元 (1e8 yuan), 万人, % — and the
// commonest analyst error is dividing a 万元 figure by a 亿元 one. A `unit` therefore carries
// its scale as a power of ten, so every conversion is one correctly rounded multiplication or
// division by an exact power of ten: 1 亿元 → 万元 is exactly ×1e4, never ×9999.999….
//
// Percent is a scale, not a dimension: 13.5% and 0.135 are the same dimensionless quantity,
// and 件/万人 is count·person⁻¹ at scale 1e-4. 百分点 (percentage point) is dimensionless at
// scale 1e-2, like %, but keeps its own symbol so differences of shares print as such.
//
// Parsing (`unit::parse`) lives in src/units.cpp; everything else is inline.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <array>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "zhibiao/detail/float_bits.hpp"
#include "zhibiao/detail/text_copy.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao {

/// The base quantities that S&T statistics use.
enum class base_quantity : std::uint8_t {
    currency,     ///< 元
    person,       ///< 人
    count,        ///< 件, 项, 家, 个, 人次: counted items
    person_year,  ///< 人年: full-time-equivalent labour
    energy,       ///< 吨标准煤: tonnes of coal equivalent
    area,         ///< 平方公里
};
inline constexpr std::size_t base_quantity_count = 6;

/// Exponents of the base quantities: 件/万人 is {count: 1, person: -1}.
class dimension {
public:
    constexpr dimension() = default;
    static constexpr dimension of(base_quantity q) {
        dimension d;
        d.exponents_[static_cast<std::size_t>(q)] = 1;
        return d;
    }
    constexpr int exponent(base_quantity q) const { return exponents_[static_cast<std::size_t>(q)]; }
    constexpr bool dimensionless() const {
        for (auto e : exponents_)
            if (e) return false;
        return true;
    }
    /// The largest |exponent| of a base quantity a product may reach (currency^100): far above
    /// any real indicator, and well inside the int8 storage, which would otherwise wrap around.
    static constexpr int max_exponent = 100;
    /// Throw limit_error naming the quantity when a product or quotient goes beyond max_exponent.
    friend dimension operator*(dimension a, const dimension& b) { return combine(a, b, 1); }
    friend dimension operator/(dimension a, const dimension& b) { return combine(a, b, -1); }
    friend constexpr bool operator==(const dimension& a, const dimension& b) {
        for (std::size_t i = 0; i < base_quantity_count; ++i)
            if (a.exponents_[i] != b.exponents_[i]) return false;
        return true;
    }
    friend constexpr bool operator!=(const dimension& a, const dimension& b) { return !(a == b); }
    friend std::ostream& operator<<(std::ostream& os, const dimension& d) { return os << d.to_string(); }

    /// "currency", "count/person", "1" — for messages.
    /// Appends only: `"^" + std::to_string(...)` here made g++ 12 -O3 -std=c++20 warn -Wrestrict
    /// (its false positive PR105329) in every program converting units, an error under -Werror.
    std::string to_string() const {
        static constexpr const char* names[] = {"currency", "person", "count", "person_year", "energy", "area"};
        std::string num, den;
        for (std::size_t i = 0; i < base_quantity_count; ++i) {
            int e = exponents_[i];
            if (!e) continue;
            std::string& side = e > 0 ? num : den;
            if (!side.empty()) side += "·";
            side += names[i];
            if (std::abs(e) > 1) {
                side += '^';
                side += std::to_string(std::abs(e));
            }
        }
        if (num.empty()) num.push_back('1');
        if (!den.empty()) {
            num += '/';
            num += den;
        }
        return num;
    }

private:
    static dimension combine(dimension a, const dimension& b, int sign) {
        static constexpr const char* names[] = {"currency", "person", "count", "person_year", "energy", "area"};
        for (std::size_t i = 0; i < base_quantity_count; ++i) {
            const int e = a.exponents_[i] + sign * b.exponents_[i];
            if (std::abs(e) > max_exponent)
                throw limit_error("a product of units raises " + std::string(names[i]) + " to the power " +
                                  std::to_string(e) + ", beyond ±" + std::to_string(max_exponent) +
                                  " (a unit zhibiao cannot track)");
            a.exponents_[i] = static_cast<std::int8_t>(e);
        }
        return a;
    }

    std::array<std::int8_t, base_quantity_count> exponents_{};
};

namespace detail {
/// 10^|k|: exact in double for |k| <= 22; beyond (a product of many scaled units) the nearest
/// double std::pow gives — never a read past the table.
inline double exact_power_of_ten(int k) {
    static constexpr double table[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const int magnitude = k < 0 ? -k : k;
    return magnitude <= 22 ? table[magnitude] : std::pow(10.0, magnitude);
}
}  // namespace detail

/// How to turn a number in one unit into the same quantity in another: multiply by 10^exponent
/// (as one exact multiplication or division) and then by `factor` (1 for every decimal unit).
struct conversion {
    int exponent = 0;
    double factor = 1.0;

    /// x in the other unit. Compiled in the library, not inline: a program built with -ffast-math
    /// would turn an inline division by 10^k into a multiplication by 10^-k (one ulp off: 3 / 1e4
    /// is not 3 × 1e-4) and, the linker keeping one copy, possibly the library's calls with it.
    /// A result too large for a double (1e305 亿元 in 元), or an infinite x, gives NaN, never
    /// ±inf: compute() makes such a result NaN with reason out_of_range; a bare number has no
    /// reason to carry, so a finite x with a NaN result means overflow.
    double apply(double x) const;
    bool identity() const { return exponent == 0 && detail::exactly_equal(factor, 1.0); }
};

/// A unit: dimension × 10^exponent × factor, with the symbol it was written as.
class unit {
public:
    /// The dimensionless unit "1".
    unit() = default;
    unit(dimension dim, int exponent, std::string symbol, double factor = 1.0)
        : dim_(dim), exponent_(exponent), factor_(factor), symbol_(std::move(symbol)) {}

    /// Parse "万元", "件/万人", "%", "吨标准煤/万元" ... Throws unknown_unit_error.
    static unit parse(std::string_view text);

    const dimension& dim() const& { return dim_; }
    dimension dim() && { return dim_; }  // a copy on a temporary unit, never a dangling reference
    int exponent() const { return exponent_; }
    double factor() const { return factor_; }
    /// The scale relative to the base unit: 万元 → 1e4, % → 0.01.
    double scale() const { return std::pow(10.0, exponent_) * factor_; }
    const std::string& symbol() const& { return symbol_; }
    text_copy symbol() && { return text_copy(std::move(symbol_)); }
    bool dimensionless() const { return dim_.dimensionless(); }

    bool convertible_to(const unit& other) const { return dim_ == other.dim_; }

    /// The conversion from this unit to `target`; throws incompatible_units_error naming both.
    conversion to(const unit& target) const {
        if (!convertible_to(target))
            throw incompatible_units_error("cannot convert '" + symbol_ + "' (" + dim_.to_string() + ") to '" +
                                           target.symbol_ + "' (" + target.dim_.to_string() + ")");
        return {exponent_ - target.exponent_, factor_ / target.factor_};
    }

    /// The largest |power of ten| a product may reach (亿元^30 is 10^240): beyond it a scale is
    /// no longer a double (10^309 is inf).
    static constexpr int max_exponent = 240;

    /// Products and quotients; the symbol is composed ("万元/万人"). Throw limit_error when a
    /// dimension's exponent (dimension::max_exponent) or the power of ten goes beyond its limit,
    /// instead of wrapping around into a wrong unit.
    friend unit operator*(const unit& a, const unit& b) {
        if (b.is_plain_one()) return a;  // share * 2 is in %, not "%·1"
        if (a.is_plain_one()) return b;
        return {a.dim_ * b.dim_, checked_exponent(a.exponent_ + b.exponent_), a.symbol_ + "·" + b.symbol_,
                a.factor_ * b.factor_};
    }
    friend unit operator/(const unit& a, const unit& b) {
        if (b.is_plain_one()) return a;
        return {a.dim_ / b.dim_, checked_exponent(a.exponent_ - b.exponent_), a.symbol_ + "/" + b.symbol_,
                a.factor_ / b.factor_};
    }
    /// Same dimension and scale, whatever the symbols ("%" and "百分点" are).
    bool same_scale_as(const unit& other) const {
        return dim_ == other.dim_ && exponent_ == other.exponent_ && detail::exactly_equal(factor_, other.factor_);
    }

    friend std::ostream& operator<<(std::ostream& os, const unit& u) { return os << u.symbol(); }

    /// The bare number unit "1" (no symbol, scale 1): a column given without a unit.
    bool is_plain_one() const {
        return symbol_ == "1" && dim_ == dimension{} && exponent_ == 0 && detail::exactly_equal(factor_, 1.0);
    }
    /// Written as percentage points (百分点, 个百分点, pp): a change of a share, the same scale as %.
    bool is_points() const;

private:
    static int checked_exponent(int exponent) {
        if (std::abs(exponent) > max_exponent)
            throw limit_error("a product of units has scale 10^" + std::to_string(exponent) + ", beyond 10^±" +
                              std::to_string(max_exponent) + " (a unit zhibiao cannot track)");
        return exponent;
    }

    dimension dim_{};
    int exponent_ = 0;
    double factor_ = 1.0;
    std::string symbol_ = "1";
};

/// The measure words a unit counts in, with their powers, in one order: "件" for 万件, "件/人" for
/// 件/万人, "件" for 项·件/项. 件, 项, 家 and 个 are one dimension (count) to the unit algebra, but a
/// count of patents and one of projects are no sum. Empty when the unit counts nothing, when a term
/// counts without saying what (count, items, pieces), or when the symbol does not give the unit's
/// dimension (a quotient composed inside a quotient).
std::string counted_things(const unit& u);

/// Both units count, in different measure words (件 and 项; 家 and 个): what 件 + 项 refuses.
bool counts_different_things(const unit& a, const unit& b);

}  // namespace zhibiao
