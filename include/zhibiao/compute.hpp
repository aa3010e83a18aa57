#pragma once
// Computing catalogue indicators over a panel.
//
// Each indicator is computed a whole column at a time from its input columns, converting the
// inputs' units into the indicator's output unit with one exact power-of-ten step (a 亿元
// numerator over a 万元 denominator is never off by 10⁴). Every result cell is a finite number
// or NaN with a reason: an input is missing or unparseable, the denominator is zero or
// negative, an input is below its variable's minimum (a negative count), or the result falls
// outside the indicator's valid range (a share above 100). No ±inf ever leaves this function.
//
// Strict mode (the default) throws missing_variable_error when the panel lacks an input and
// incompatible_units_error when a unit cannot convert; lenient mode turns these into whole
// columns of NaN with reason missing_variable / unit_mismatch, so a whole catalogue can be run
// over a panel that has only some of its inputs.

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/reason.hpp"

namespace zhibiao {

struct compute_options {
    elapsed_basis basis = elapsed_basis::month;  ///< for elapsed(): month (H1 = 0.5) or day
    bool strict = true;
};

/// One computed indicator: values in `unit`, a reason per row (reason::none where present).
struct indicator_values {
    std::string id;
    zhibiao::unit unit;
    Eigen::ArrayXd values;
    std::vector<reason> reasons;
    /// Set when the whole column is missing (lenient mode): what was wrong.
    std::string column_problem;
};

/// Results for the rows of the panel they were computed on, in the panel's row order.
struct indicator_table {
    std::vector<indicator_values> columns;
    const indicator_values& at(const std::string& id) const {
        for (const auto& c : columns)
            if (c.id == id) return c;
        throw unknown_indicator_error("no indicator '" + id + "' in this result", id);
    }
};

namespace detail {

/// The unit a panel column stands in: its own, the variable's default, or an error.
inline unit effective_unit(const column& c, const variable_spec* spec) {
    if (c.unit_given()) return c.unit();
    if (spec && !spec->default_unit.empty()) return unit::parse(spec->default_unit);
    if (!spec || spec->dimension_name == "any" || spec->dimension_name.empty()) return c.unit();
    location where;
    where.variable = c.name();
    throw incompatible_units_error("variable '" + c.name() + "' has no unit; a " + spec->dimension_name +
                                       " needs one (give it as " + c.name() + "[unit] or in the units map)",
                                   where);
}

inline void fill_column(indicator_values& out, std::size_t rows, reason why, std::string problem) {
    out.values = Eigen::ArrayXd::Constant(static_cast<Eigen::Index>(rows), std::numeric_limits<double>::quiet_NaN());
    out.reasons.assign(rows, why);
    out.column_problem = std::move(problem);
}

/// The ratio kernel: out = convert(num / den) [- elapsed], with reasons. One pass, no allocation
/// beyond the two output columns.
inline void ratio_kernel(const panel& p, const indicator& ind, const column& num, const column& den, conversion convert,
                         double num_min, double den_min, const compute_options& options, indicator_values& out) {
    const std::size_t n = p.rows();
    out.values.resize(static_cast<Eigen::Index>(n));
    out.reasons.assign(n, reason::none);
    const double* a = num.data();
    const double* b = den.data();
    double* y = out.values.data();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // elapsed() per period, converted once into the output unit.
    std::vector<double> elapsed;
    if (ind.minus_elapsed) {
        const conversion to_out = unit{}.to(ind.unit);
        for (const auto& per : p.periods()) elapsed.push_back(to_out.apply(per.fraction_elapsed(options.basis)));
    }
    const auto* period_of_row = p.period_of_row().data();
    for (std::size_t r = 0; r < n; ++r) {
        const double x = a[r], d = b[r];
        reason why = reason::none;
        if (x != x) why = num.reason_at(r);
        else if (d != d) why = den.reason_at(r);
        else if (x < num_min || d < den_min) why = reason::negative_input;
        else if (d == 0) why = reason::zero_denominator;
        else if (d < 0) why = reason::negative_denominator;
        if (why != reason::none) {
            y[r] = nan;
            out.reasons[r] = why;
            continue;
        }
        double v = convert.apply(x / d);
        if (ind.minus_elapsed) v -= elapsed[static_cast<std::size_t>(period_of_row[r])];
        if (!(v >= ind.valid_min && v <= ind.valid_max) || !std::isfinite(v)) {
            y[r] = nan;
            out.reasons[r] = reason::out_of_range;
            continue;
        }
        y[r] = v;
    }
}

}  // namespace detail

/// Computes one indicator.
inline indicator_values compute_indicator(const panel& p, const indicator& ind, const compute_options& options = {},
                                const catalogue& cat = catalogue::builtin()) {
    indicator_values out;
    out.id = ind.id;
    out.unit = ind.unit;
    const column* num = p.find(ind.numerator);
    const column* den = p.find(ind.denominator);
    for (const column* c : {num, den})
        if (!c) {
            const std::string& missing = c == num ? ind.numerator : ind.denominator;
            if (options.strict) {
                location where;
                where.variable = missing;
                throw missing_variable_error("indicator '" + ind.id + "' needs variable '" + missing + "', which the panel lacks" +
                                                 detail::suggestion(missing, p.columns(), [](const column& col) -> std::string_view { return col.name(); }),
                                             missing, where);
            }
            detail::fill_column(out, p.rows(), reason::missing_variable, "the panel has no variable '" + missing + "'");
            return out;
        }
    const variable_spec* num_spec = cat.variable(ind.numerator);
    const variable_spec* den_spec = cat.variable(ind.denominator);
    conversion convert;
    try {
        unit ratio_unit = detail::effective_unit(*num, num_spec) / detail::effective_unit(*den, den_spec);
        if (!ratio_unit.convertible_to(ind.unit)) {
            location where;
            where.variable = ind.numerator + ", " + ind.denominator;
            throw incompatible_units_error("indicator '" + ind.id + "': " + ind.numerator + " [" + num->unit().symbol() + "] / " +
                                               ind.denominator + " [" + den->unit().symbol() + "] is " +
                                               ratio_unit.dim().to_string() + ", which cannot convert to '" +
                                               ind.unit.symbol() + "' (" + ind.unit.dim().to_string() + ")",
                                           where);
        }
        convert = ratio_unit.to(ind.unit);
    } catch (const incompatible_units_error& e) {
        if (options.strict) throw;
        detail::fill_column(out, p.rows(), reason::unit_mismatch, e.message());
        return out;
    }
    const double lowest = -std::numeric_limits<double>::infinity();
    detail::ratio_kernel(p, ind, *num, *den, convert, num_spec ? num_spec->min : lowest, den_spec ? den_spec->min : lowest,
                         options, out);
    return out;
}

/// Computes indicators by id (throws unknown_indicator_error for an id not in `cat`).
inline indicator_table compute(const panel& p, const std::vector<std::string>& ids, const compute_options& options = {},
                               const catalogue& cat = catalogue::builtin()) {
    indicator_table table;
    table.columns.reserve(ids.size());
    for (const auto& id : ids) table.columns.push_back(compute_indicator(p, cat.at(id), options, cat));
    return table;
}

/// Every indicator of the catalogue (lenient about missing variables unless `options.strict`).
inline indicator_table compute_all(const panel& p, const catalogue& cat = catalogue::builtin(), compute_options options = {}) {
    std::vector<std::string> ids;
    for (const auto& i : cat.indicators()) ids.push_back(i.id);
    return compute(p, ids, options, cat);
}

}  // namespace zhibiao
