// The normalisations of zhibiao/composite/normalise.hpp, compiled once.
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/detail/counted.hpp"

#include "moments.hpp"
#include "steps_into.hpp"

#include <algorithm>
#include <functional>
#include <cmath>
#include <string>
#include <vector>

namespace zhibiao::composite {
namespace {

/// Methods whose result is the same for x and c·x (c > 0).
bool scale_free(normalisation m) {
    return m == normalisation::minmax || m == normalisation::zscore || m == normalisation::dist_to_max ||
           m == normalisation::frac_of_max || m == normalisation::ratio_to_mean || m == normalisation::vector ||
           m == normalisation::sum;
}

bool ratio_method(normalisation m) {
    return m == normalisation::frac_of_max || m == normalisation::vector || m == normalisation::sum;
}

void check_options(const normalise_options& o) {
    if (o.method == normalisation::minmax &&
        !(std::isfinite(o.low) && std::isfinite(o.high) && std::isfinite(o.high - o.low) && o.low < o.high))
        throw argument_error("normalise: the min-max range must be finite with low < high, not [" +
                             detail::format_number(o.low) + ", " + detail::format_number(o.high) + "]");
    if (o.method == normalisation::zscore &&
        !(std::isfinite(o.target_mean) && std::isfinite(o.target_sd) && o.target_sd > 0))
        throw argument_error(
            "normalise: the z-score target (m_sd) must be a finite mean and a positive finite sd, not (" +
            detail::format_number(o.target_mean) + ", " + detail::format_number(o.target_sd) + ")");
    if (o.method == normalisation::goalposts && !(o.goal_scale > 0 && std::isfinite(o.goal_scale)))
        throw argument_error("normalise: goal_scale must be a finite positive number, not " +
                             detail::format_number(o.goal_scale));
    if (o.method == normalisation::standard && !std::isfinite(o.cap))
        throw argument_error("normalise: cap must be finite, not " + detail::format_number(o.cap));
    // dist_to_ref takes the inverse only: x_ref/x; 1 − x/x_ref has no bound and no meaning.
    if (o.method == normalisation::dist_to_ref && o.ref_form == reference_form::from_min && o.cost != cost_form::negate)
        throw argument_error(
            "normalise: dist_to_ref with reference_form = 'from_min' (COINr's n_dist2ref) negates "
            "a lower-is-better indicator; cost = 'inverse' is for the ratio form");
    if (o.cost != cost_form::negate && !detail::reads_cost_form(o.method, o.cost))
        throw argument_error(
            "normalise: cost = '" + std::string(o.cost == cost_form::inverse ? "inverse" : "complement") +
            "' applies to frac_of_max, vector and sum" + (o.cost == cost_form::inverse ? " (and dist_to_ref)" : "") +
            " only (the other methods negate a lower-is-better indicator)");
}

/// "unit 3" (a position, counting from 0) or, in a build that names its regions, "region 'q'".
std::string unit_text(Eigen::Index i, const detail::row_regions& regions) {
    if (const std::string* r = regions.at(i)) return "region '" + *r + "'";
    return "unit " + std::to_string(i);
}

/// The location of cell (i, indicator): the variable, and the region where a build names it.
location cell_at(const std::string& name, Eigen::Index i, const detail::row_regions& regions) {
    location w;
    w.variable = name;
    if (const std::string* r = regions.at(i)) w.entity = *r;
    return w;
}

location variable_at(const std::string& name) {
    location w;
    w.variable = name;
    return w;
}

/// The directions (+1 or −1) and the per-indicator values the method reads, one per column:
/// goalposts finite with low < high (reversed posts would turn the indicator round behind its
/// direction's back, and a NaN post would empty the column, leaving the index to the others),
/// standard values finite and positive (an infinite one scores every unit 0).
void check_per_indicator(const std::vector<int>& direction, const normalise_options& o, std::size_t columns,
                         const std::vector<std::string>& names) {
    const auto name_of = [&names](std::size_t j) { return j < names.size() ? names[j] : std::to_string(j); };
    const auto count = [columns](std::size_t given, const char* what) {
        if (given != columns)
            throw argument_error("normalise: " + zhibiao::detail::counted(given, what) + " for " +
                                 zhibiao::detail::counted(columns, "indicator"));
    };
    if (!direction.empty()) count(direction.size(), "direction");
    for (std::size_t j = 0; j < direction.size(); ++j)
        if (direction[j] != 1 && direction[j] != -1)
            throw argument_error("normalise: the direction of indicator " + std::to_string(j) + " is " +
                                 std::to_string(direction[j]) + "; it must be 1 or -1");
    if (o.method == normalisation::goalposts) {
        count(o.goal_low.size(), "low goalpost");
        count(o.goal_high.size(), "high goalpost");
        for (std::size_t j = 0; j < columns; ++j)
            if (std::string problem = detail::goalposts_problem(o.goal_low[j], o.goal_high[j]); !problem.empty())
                throw argument_error("normalise: the goalposts of indicator '" + name_of(j) + "' " + problem,
                                     variable_at(name_of(j)));
    }
    if (o.method == normalisation::standard) {
        count(o.standard.size(), "standard value");
        for (std::size_t j = 0; j < columns; ++j)
            if (std::string problem = detail::standard_problem(o.standard[j]); !problem.empty())
                throw argument_error("normalise: the standard value of indicator '" + name_of(j) + "' " + problem,
                                     variable_at(name_of(j)));
    }
    if (o.method == normalisation::bands)
        for (const auto* list : {&o.band_edges, &o.band_scores})
            for (double e : *list)
                if (!std::isfinite(e))
                    throw argument_error(std::string("normalise: ") +
                                         (list == &o.band_edges ? "band_edges" : "band_scores") +
                                         " must be finite numbers, not " + std::to_string(e));
}

/// The column as the method sees it: a cost indicator negated, inverted (1/x) or, for the
/// complement, as it is (the result is turned round afterwards).
Eigen::VectorXd oriented(const Eigen::VectorXd& raw, double d, const normalise_options& o, const std::string& name,
                         const detail::row_regions& regions) {
    if (d > 0 || o.cost == cost_form::complement) return raw;
    if (o.cost == cost_form::negate) return -raw;
    // 1/(x·2^−e) = 2^e/x: the same ratios, and no overflow for large values.
    const detail::power_of_two scale(detail::scale_exponent(raw));
    Eigen::VectorXd c(raw.size());
    for (Eigen::Index i = 0; i < raw.size(); ++i) {
        if (!detail::present(raw(i))) {
            c(i) = missing_value;
            continue;
        }
        c(i) = 1 / scale.down(raw(i));
        if (!(raw(i) > 0) || std::isinf(c(i)))
            throw method_error("cannot normalise lower-is-better indicator '" + name + "' as 1/x (cost = 'inverse'): " +
                                   unit_text(i, regions) + " has " + std::to_string(raw(i)) +
                                   (raw(i) > 0 ? ", too close to zero" : "; the inverse needs positive values"),
                               cell_at(name, i, regions));
    }
    return c;
}

[[noreturn]] void no_spread(const std::vector<double>& v, const std::string& name) {
    if (v.empty())
        throw method_error("cannot normalise indicator '" + name + "': it has no values (missing for every unit)",
                           variable_at(name));
    if (v.size() == 1)  // the cause is the data's coverage, not the indicator: say so
        throw method_error("cannot normalise indicator '" + name +
                               "': only one region has a value (a spread needs two or more regions)",
                           variable_at(name));
    // Round 37: "it is constant (no spread)" left an analyst with a column of 80s asking what to do.
    // (The value is not said: v is the oriented column, scaled by a power of two, and perhaps treated.)
    throw method_error("cannot normalise indicator '" + name +
                           "': it is constant (every region with a value has the same one), so it cannot tell the "
                           "regions apart: leave it out of the framework (or, without one, out of the data)",
                       variable_at(name));
}

/// What a negated cost indicator needs instead, said where a ratio method fails on it.
std::string cost_hint(double d, const normalise_options& o) {
    return d < 0 && o.cost == cost_form::negate
               ? " (a lower-is-better indicator needs cost = 'inverse' or 'complement' with this method)"
               : "";
}

Eigen::VectorXd zscore_column(const Eigen::VectorXd& c, const std::vector<double>& v, const normalise_options& o,
                              const std::string& name) {
    const auto n = static_cast<double>(v.size());
    double mean = 0, ss = 0;
    for (double e : v) mean += e;
    mean /= n;
    for (double e : v) ss += (e - mean) * (e - mean);
    const double sd = std::sqrt(ss / (n - 1));
    if (!(sd > 0)) no_spread(v, name);
    return (o.target_mean + o.target_sd * (c.array() - mean) / sd).matrix();
}

/// The ratio-scale methods: x/max, x/‖x‖, x/Σx.
Eigen::VectorXd ratio_column(const Eigen::VectorXd& c, const std::vector<double>& v, double d,
                             const normalise_options& o, const std::string& name) {
    if (v.empty()) no_spread(v, name);
    if (o.method == normalisation::frac_of_max) {
        const double hi = *std::max_element(v.begin(), v.end());
        if (!(hi > 0))
            throw method_error("cannot normalise indicator '" + name + "' by its maximum: the maximum is not positive" +
                                   cost_hint(d, o),
                               variable_at(name));
        return c / hi;
    }
    double total = 0;
    for (double e : v) total += o.method == normalisation::vector ? e * e : e;  // |e| ≤ 1 (scaled): no overflow
    if (o.method == normalisation::vector) {
        if (!(total > 0))
            throw method_error("cannot normalise indicator '" + name + "' by its norm: every value is zero",
                               variable_at(name));
        return c / std::sqrt(total);
    }
    if (!(total > 0))
        throw method_error(
            "cannot normalise indicator '" + name + "' by its sum: the sum is not positive" + cost_hint(d, o),
            variable_at(name));
    // A positive sum over values of both signs would give shares below 0 and above 1 (−1, 1, 2:
    // −50 %); pymcdm's sum_normalization refuses them too.
    if (std::any_of(v.begin(), v.end(), [](double e) { return e < 0; }))
        throw method_error("cannot normalise indicator '" + name +
                               "' by its sum: it has negative values, and shares of a sum need values ≥ 0" +
                               cost_hint(d, o),
                           variable_at(name));
    return c / total;
}

/// Bands of the raw value: the edges are in the indicator's own units, and the scores already
/// say which band is better, so the direction does not reorder them.
Eigen::VectorXd bands_column(const Eigen::VectorXd& c, const normalise_options& o) {
    if (o.band_scores.size() != o.band_edges.size() + 1 ||
        std::adjacent_find(o.band_edges.begin(), o.band_edges.end(), std::greater_equal<>()) != o.band_edges.end())
        throw error("bands need strictly ascending edges and one score more than edges");
    Eigen::VectorXd out(c.size());
    for (Eigen::Index i = 0; i < c.size(); ++i) {
        if (!detail::present(c(i))) {
            out(i) = missing_value;
            continue;
        }
        const auto band = std::upper_bound(o.band_edges.begin(), o.band_edges.end(), c(i)) - o.band_edges.begin();
        out(i) = o.band_scores[static_cast<std::size_t>(band)];
    }
    return out;
}

/// The reference-based methods: goalposts, a standard value, a reference unit.
Eigen::VectorXd reference_column(const Eigen::VectorXd& c, const Eigen::VectorXd& raw, double d, Eigen::Index j,
                                 const normalise_options& o, const std::string& name) {
    Eigen::VectorXd out(c.size());
    const auto at = static_cast<std::size_t>(j);
    if (o.method == normalisation::goalposts) {
        // COINr's n_goalposts on the raw value: (x − lo)/(hi − lo) for direction 1, (x − hi)/(lo − hi)
        // for −1 (negating x and both posts would cancel out).
        const double lo = o.goal_low.at(at), hi = o.goal_high.at(at);
        if (!(hi != lo)) throw error("goalposts of indicator '" + name + "' are equal");
        const double from = d > 0 ? lo : hi, to = d > 0 ? hi : lo;
        for (Eigen::Index i = 0; i < c.size(); ++i)  // a loop, not Eigen's max/min: NaN must stay NaN
            // + 0.0: the post itself scores 0, not −0 ((10 − 10)/(0 − 10) is −0 in IEEE arithmetic).
            out(i) = raw(i) != raw(i)  ? missing_value
                     : o.goal_truncate ? (std::clamp((raw(i) - from) / (to - from), 0.0, 1.0) + 0.0) * o.goal_scale
                                       : ((raw(i) - from) / (to - from) + 0.0) * o.goal_scale;
    } else if (o.method == normalisation::standard) {
        const double s = o.standard.at(at);
        if (!(s > 0)) throw error("the standard value of indicator '" + name + "' must be positive");
        // Lower-is-better indicators: standard ÷ x (the inverse ratio), so beating the standard
        // still scores 100.
        for (Eigen::Index i = 0; i < c.size(); ++i) {
            const double x = raw(i);
            out(i) = x != x  ? missing_value
                     : d > 0 ? std::min(x / s * 100, o.cap)
                             : (x > 0 ? std::min(s / x * 100, o.cap) : o.cap);
        }
    } else if (o.ref_form == reference_form::from_min) {  // dist_to_ref as COINr's n_dist2ref
        if (o.reference < 0 || o.reference >= c.size()) throw error("dist_to_ref needs the row of a reference unit");
        // COINr's formula as written, on the column times 2^−e (exact): x_ref − min cannot overflow.
        const detail::power_of_two scale(detail::scale_exponent(c));
        const Eigen::VectorXd s = c.unaryExpr([&scale](double a) { return scale.down(a); });
        const double ref = s(o.reference);
        double lo = ref;
        detail::each_present(s, [&lo](double e) { lo = std::min(lo, e); });
        if (ref != ref)
            throw method_error("cannot normalise indicator '" + name + "' by the reference unit: its value is missing");
        if (!(ref > lo))
            throw method_error("cannot normalise indicator '" + name +
                               "' as a distance to the reference unit (reference_form = 'from_min'): the reference "
                               "has the lowest value, so x_ref − min is 0");
        for (Eigen::Index i = 0; i < c.size(); ++i) {
            const double y = 1 - (ref - s(i)) / (ref - lo);
            out(i) = o.cap_at_reference && y > 1 ? 1.0 : y;
        }
    } else {  // dist_to_ref
        if (o.reference < 0 || o.reference >= c.size()) throw error("dist_to_ref needs the row of a reference unit");
        // −x/−x_ref = x/x_ref: negating does not turn a ratio round (the worst unit would score highest).
        if (d < 0 && o.cost == cost_form::negate)
            throw method_error("cannot normalise lower-is-better indicator '" + name +
                               "' by the reference unit with cost = 'negate' (−x/−x_ref = x/x_ref scores the "
                               "worst unit highest): use cost = 'inverse' (x_ref/x)");
        const double ref = c(o.reference);
        if (!(ref > 0) && !(ref < 0))
            throw method_error("cannot normalise indicator '" + name + "' by the reference unit: its value is " +
                               (ref == ref ? "zero" : "missing"));
        for (Eigen::Index i = 0; i < c.size(); ++i) out(i) = o.cap_at_reference && c(i) / ref > 1 ? 1.0 : c(i) / ref;
    }
    return out;
}

/// One column by the method of `o`, from the oriented column c (scaled for scale-free methods).
Eigen::VectorXd normalised_column(const Eigen::VectorXd& c, const Eigen::VectorXd& raw, double d, Eigen::Index j,
                                  const normalise_options& o, const std::string& name) {
    const std::vector<double> v = detail::values_present(c);
    const double lo = v.empty() ? 0 : *std::min_element(v.begin(), v.end());
    const double hi = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    const auto n = static_cast<double>(v.size());
    if (v.empty()) no_spread(v, name);  // every method: an indicator missing for every unit is refused
    switch (o.method) {
        case normalisation::minmax:
            if (hi == lo) no_spread(v, name);
            return ((c.array() - lo) / (hi - lo) * (o.high - o.low) + o.low).matrix();
        case normalisation::zscore:
            return zscore_column(c, v, o, name);
        case normalisation::rank:
            return rank(c, false, o.rank_ties);
        case normalisation::borda:
            return (rank(c, false, o.rank_ties).array() - 1).matrix();
        case normalisation::percentile: {
            if (v.size() < 2) no_spread(v, name);  // (rank − 1)/(n − 1) = 0/0 for one value
            const Eigen::VectorXd r = rank(c, false, o.rank_ties);
            // Dense ranks run 1 … d (d distinct values), not 1 … n: over n − 1 the top would be
            // (d − 1)/(n − 1) < 1, so the scale's end would depend on how many ties the column has.
            // Over d − 1 the dense percentile spans 0 to 1 as the others do without ties.
            double top = n;
            if (o.rank_ties == ties::dense) {
                top = 0;
                for (Eigen::Index i = 0; i < r.size(); ++i)
                    if (detail::present(r(i))) top = std::max(top, r(i));
            }
            if (o.rank_ties == ties::dense && !(top > 1)) no_spread(v, name);
            return ((r.array() - 1) / (top - 1)).matrix();
        }
        case normalisation::dist_to_max:
            if (hi == lo) no_spread(v, name);
            return (1 - (hi - c.array()) / (hi - lo)).matrix();
        case normalisation::frac_of_max:
        case normalisation::vector:
        case normalisation::sum:
            return ratio_column(c, v, d, o, name);
        case normalisation::ratio_to_mean: {
            const double mean = detail::mean(c);
            if (!(mean > 0) && d < 0)  // the data may be all positive: the negation is the cause
                throw method_error("cannot normalise lower-is-better indicator '" + name +
                                       "' by its mean: ratio_to_mean negates it first, and the mean of the negated "
                                       "values (−x) is not positive; give it a method that takes lower-is-better "
                                       "indicators, such as methods={'" +
                                       name +
                                       "': 'minmax'} (or zscore, rank, "
                                       "percentile)",
                                   variable_at(name));
            if (!(mean > 0))
                throw method_error("cannot normalise indicator '" + name + "' by its mean: the mean is not positive",
                                   variable_at(name));
            return (c.array() / mean * 100).matrix();
        }
        case normalisation::goalposts:
        case normalisation::standard:
        case normalisation::dist_to_ref:
            return reference_column(c, raw, d, j, o, name);
        case normalisation::bands:
            return bands_column(raw, o);
    }
    throw error("normalise: unknown method");
}

/// Min-max of one column straight into `out` in three passes and no allocation (the general path
/// below copies the column four times): the scale, the oriented scaled values with their least
/// and greatest, the result. The same operations in the same order, so the same bits. False,
/// `out` unspecified, for what it leaves to the general path: other methods, and no spread.
bool minmax_into(const Eigen::Ref<const Eigen::VectorXd>& raw, double d, const normalise_options& o,
                 const std::string& name, Eigen::Ref<Eigen::VectorXd> out, const detail::row_regions& regions) {
    if (o.method != normalisation::minmax || (d < 0 && o.cost != cost_form::negate)) return false;
    // The largest |value| present, four at a time: max(b, NaN) is b (the comparison fails), so a
    // missing value changes nothing without a test; every |value| is ≥ +0, so the order of the
    // maxima does not matter, not even for zeros.
    double big[4] = {0, 0, 0, 0};
    const double* r = raw.data();
    const Eigen::Index n = raw.size(), whole = n - n % 4;
    for (Eigen::Index i = 0; i < whole; i += 4)
        for (int k = 0; k < 4; ++k) big[k] = std::max(big[k], std::abs(r[i + k]));
    for (Eigen::Index i = whole; i < n; ++i) big[0] = std::max(big[0], std::abs(r[i]));
    const detail::power_of_two scale(
        detail::exponent_of_largest(std::max(std::max(big[0], big[1]), std::max(big[2], big[3]))));
    double lo = 0, hi = 0;
    bool any = false;
    for (Eigen::Index i = 0; i < raw.size(); ++i) {
        const double e = scale.down(d > 0 ? raw(i) : -raw(i));
        out(i) = e;
        if (!detail::present(e)) continue;
        if (!any)
            lo = hi = e, any = true;
        else {
            if (e < lo) lo = e;  // the first of the least, as std::min_element
            if (hi < e) hi = e;  // the first of the greatest, as std::max_element
        }
    }
    if (hi == lo) return false;  // no spread: the general path names the problem
    const double spread = hi - lo, range = o.high - o.low, low = o.low;
    double* v = out.data();
    bool overflow = false;  // looked for after the pass, which then vectorises
    for (Eigen::Index i = 0; i < n; ++i) {
        v[i] = (v[i] - lo) / spread * range + low;
        overflow |= std::abs(v[i]) == INFINITY;
    }
    if (!overflow) return true;
    for (Eigen::Index i = 0; i < out.size(); ++i) {
        if (std::isinf(out(i)))
            throw method_error("normalising indicator '" + name + "' overflows to infinity at " +
                                   unit_text(i, regions) + " (a reference or standard value too close to zero?)",
                               cell_at(name, i, regions));
    }
    return true;
}

}  // namespace

namespace {
/// 10 → "10", 0.5 → "0.5", NaN → "nan": numbers in messages as a reader writes them.
std::string number_text(double v) {
    std::string s = std::to_string(v);
    if (s.find('.') != std::string::npos)
        while (s.back() == '0' || s.back() == '.') {
            const bool dot = s.back() == '.';
            s.pop_back();
            if (dot) break;
        }
    return s;
}
}  // namespace

bool detail::reads_cost_form(normalisation method, cost_form cost) {
    if (cost == cost_form::negate) return true;
    return ratio_method(method) || (method == normalisation::dist_to_ref && cost == cost_form::inverse);
}

std::string detail::goalposts_problem(double low, double high) {
    const std::string given = "(" + number_text(low) + ", " + number_text(high) + ")";
    if (!std::isfinite(low) || !std::isfinite(high)) return "must be finite numbers, not " + given;
    if (!(low < high))
        return "must be (low, high) with low < high, not " + given +
               ": the indicator's direction says which post is the best, not their order";
    return "";
}

std::string detail::standard_problem(double value) {
    return std::isfinite(value) && value > 0 ? "" : "must be a finite positive number, not " + number_text(value);
}

Eigen::MatrixXd normalise(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<int>& direction,
                          const normalise_options& o, const std::vector<std::string>& names) {
    // A build refuses infinities where it reads the table; a matrix handed in here has not been
    // read: an infinity made a min-max column 0 but for its own NaN, and ranked first (round 31).
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (std::isinf(x(i, j))) {
                const std::string name = j < static_cast<Eigen::Index>(names.size())
                                             ? names[static_cast<std::size_t>(j)]
                                             : std::to_string(j);
                throw argument_error("cannot normalise indicator '" + name + "': " + unit_text(i, {}) +
                                         " is infinite (infinities are not data)",
                                     cell_at(name, i, {}));
            }
    Eigen::MatrixXd out(x.rows(), x.cols());
    detail::normalise_into(x, direction, o, names, out);
    return out;
}

void detail::normalise_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<int>& direction,
                            const normalise_options& o, const std::vector<std::string>& names,
                            Eigen::Ref<Eigen::MatrixXd> out, const row_regions& regions) {
    check_options(o);
    check_per_indicator(direction, o, static_cast<std::size_t>(x.cols()), names);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const std::string name =
            j < static_cast<Eigen::Index>(names.size()) ? names[static_cast<std::size_t>(j)] : std::to_string(j);
        const double d = direction.empty() ? 1.0 : direction[static_cast<std::size_t>(j)];
        if (minmax_into(x.col(j), d, o, name, out.col(j), regions)) continue;
        Eigen::VectorXd c = oriented(x.col(j), d, o, name, regions);
        // Methods that do not depend on the unit of x work on x·2^−e (statistics.hpp): exact, and
        // neither data near 1e160 nor denormals lose their spread.
        if (scale_free(o.method)) {
            const detail::power_of_two scale(detail::scale_exponent(c));
            for (Eigen::Index i = 0; i < c.size(); ++i) c(i) = scale.down(c(i));
        }
        out.col(j) = normalised_column(c, x.col(j), d, j, o, name);
        if (d < 0 && o.cost == cost_form::complement) out.col(j) = (1 - out.col(j).array()).matrix();
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            if (std::isinf(out(i, j)))
                throw method_error("normalising indicator '" + name + "' overflows to infinity at " +
                                       unit_text(i, regions) + " (a reference or standard value too close to zero?)",
                                   cell_at(name, i, regions));
    }
}

}  // namespace zhibiao::composite
