// The outlier treatment of zhibiao/composite/treat.hpp, compiled once.
#include "zhibiao/composite/treat.hpp"
#include "zhibiao/composite/options.hpp"

#include "moments.hpp"
#include "steps_into.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace zhibiao::composite {
namespace detail {

bool passes(const shape& s, const treat_options& o) {
    return !(std::abs(s.skew) >= o.skew_limit) || !(s.kurt >= o.kurt_limit);  // NaN statistics pass: nothing to treat
}

namespace {

/// The two largest and the two smallest distinct values present, as the passes of the rule find
/// them (std::max/std::min over the values, then over those not equal to the extreme): first
/// found among equals, so the same bits. `see` is inlined into plain loops over locals (held in a
/// struct across a lambda, they went through memory on every value).
struct ends {
    double top = -INFINITY, below_top = -INFINITY, bottom = INFINITY, above_bottom = INFINITY;
};

/// Written as selects, not branches: with branches the compiler kept two of the four ends on
/// the stack, a store and a load in every value's chain (42 % of the rule's time).
inline void see(double e, double& top, double& below_top, double& bottom, double& above_bottom) {
    // if (top < e) below_top = top, top = e; else if (e != top) below_top = std::max(below_top, e);
    const double below = std::max(below_top, e != top ? e : -INFINITY);  // max(b, −∞) is b, the same bits
    below_top = top < e ? top : below;
    top = top < e ? e : top;
    // if (e < bottom) above_bottom = bottom, bottom = e; else if (e != bottom) above_bottom = std::min(above_bottom,
    // e);
    const double above = std::min(above_bottom, e != bottom ? e : INFINITY);
    above_bottom = e < bottom ? bottom : above;
    bottom = e < bottom ? e : bottom;
}

// The passes over a column are leaf functions (no call inside, not inlined into the rule): in
// the rule's body, around its calls, the compiler kept ends and sums on the stack.
[[gnu::noinline]] ends ends_of(const Eigen::VectorXd& x) {
    double top = -INFINITY, below_top = -INFINITY, bottom = INFINITY, above_bottom = INFINITY;
    const double* v = x.data();
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (present(v[i])) see(v[i], top, below_top, bottom, above_bottom);
    return {top, below_top, bottom, above_bottom};
}

/// What one round's replacement pass found: the sum of the new values on their scale, their
/// count, the cells newly marked, and their ends.
struct replaced {
    double sum = 0;
    long count = 0;  // a whole number of values: exact as a double too
    int changed = 0;
    ends now;
};

/// A round's replacement pass: every present value equal to `extreme` becomes `next` (marked
/// `how`), and the new values are summed (each down(e), in order) and their ends found.
template <class Down>
[[gnu::noinline]] replaced replace(double* v, std::uint8_t* mk, Eigen::Index size, double extreme, double next,
                                   std::uint8_t how, Down down) {
    double sum = 0;
    long count = 0;
    int changed = 0;
    double top = -INFINITY, below_top = -INFINITY, bottom = INFINITY, above_bottom = INFINITY;
    for (Eigen::Index i = 0; i < size; ++i) {
        double e = v[i];
        if (!present(e)) continue;
        if (e == extreme) {
            v[i] = e = next;
            changed += mk[i] == 0;
            mk[i] = how;
        }
        sum += down(e), ++count;
        see(e, top, below_top, bottom, above_bottom);
    }
    return {sum, count, changed, {top, below_top, bottom, above_bottom}};
}

}  // namespace

void treat_coinr(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o) {
    treat_coinr(x, marks, r, o, shape_of(x));
}

namespace {

/// COINr's f2 on the original values of an indicator the winsorisation could not treat (the
/// kinds are at the top of treat.hpp); the action names it as COINr's Treated_Points do.
void fall_back(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, treat_fallback how, const std::string& name) {
    double lo = INFINITY, hi = -INFINITY;
    each_present(x, [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e); });
    const double margin = 0.01 * (hi - lo);
    const bool mirrored = how == treat_fallback::log_ct_plus && !(r.skew_before > 0);  // a long low tail
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (!present(x(i))) continue;
        if (how == treat_fallback::log && !(x(i) > 0))
            throw method_error(
                "the outlier treatment's fallback 'log' (COINr's f2 = \"log\") needs positive values, "
                "and " +
                    (name.empty() ? std::string("the indicator") : "indicator '" + name + "'") + " has " +
                    format_number(x(i)) + " for unit " + std::to_string(i) +
                    "; fallback 'log_CT' shifts the values first",
                location{"", 0, 0, "", "", name});
        x(i) = how == treat_fallback::log           ? std::log(x(i))
               : how == treat_fallback::log_ct_orig ? std::log(x(i) - lo + 1)
               : mirrored                           ? -std::log(hi + margin - x(i))
                                                    : std::log(x(i) - lo + margin);
        marks(i) = static_cast<std::uint8_t>(mark::log_transformed);
    }
    r.winsorised = 0;
    r.action = how == treat_fallback::log           ? "log"
               : how == treat_fallback::log_ct_orig ? "log_CT_orig"
               : mirrored                           ? "log_CT_neg"
                                                    : "log_CT";
}

}  // namespace

void treat_coinr(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o, const shape& before,
                 const std::string& name) {
    r.skew_before = before.skew, r.kurt_before = before.kurt;
    r.passed_before = passes(before, o);
    r.skew_after = r.skew_before, r.kurt_after = r.kurt_before, r.passed_after = r.passed_before;
    if (r.passed_before) return;
    // Each round of winsorising was six passes over the column (the extreme, the next value, the
    // replacement, and shape_of's three); it is two: the replacement, which also sums the new
    // values and finds their ends, and the moments. The new values' largest magnitude is at one
    // of their ends, known before the pass, so their scale (and the sum on it) is too.
    Eigen::VectorXd w = x;
    mark_vector m = mark_vector::Zero(x.size());
    int changed = 0;
    shape now = before;
    ends now_ends = ends_of(w);
    while (changed < o.winmax) {
        const bool high = now.skew >= 0;
        const double extreme = high ? now_ends.top : now_ends.bottom;
        const double next = high ? now_ends.below_top : now_ends.above_bottom;
        if (!std::isfinite(next)) break;  // every value equal: nothing left to winsorise
        // After the replacement the largest value is `next` (high) or still the top, the smallest
        // still the bottom (high) or `next`: some value differs from the extreme.
        const double largest = high ? std::max(std::abs(next), std::abs(now_ends.bottom))
                                    : std::max(std::abs(now_ends.top), std::abs(next));
        const int exponent = exponent_of_largest(largest);
        const power_of_two scale(exponent);
        const auto how = static_cast<std::uint8_t>(high ? mark::winsorised_high : mark::winsorised_low);
        const double factor = scale.factor();
        const replaced p = scale.plain() ? replace(w.data(), m.data(), w.size(), extreme, next, how,
                                                   [factor](double e) { return e * factor; })
                                         : replace(w.data(), m.data(), w.size(), extreme, next, how,
                                                   [scale](double e) { return scale.down(e); });
        changed += p.changed;
        now_ends = p.now;
        // Every value equal: no skewness or kurtosis to check (COINr's check_SkewKurt gives NA and
        // its loop stops), so neither a pass nor a failure. Refused, never reported as passed.
        if (now_ends.top == now_ends.bottom)
            throw method_error(
                (name.empty() ? std::string("the indicator") : "indicator '" + name + "'") +
                    ": the outlier treatment (Treat step) made it constant (no spread, every value " +
                    format_number(now_ends.top) + ") — the JRC/COINr rule winsorised " + std::to_string(changed) +
                    " point" + (changed == 1 ? "" : "s") +
                    "; its skewness and kurtosis are then undefined (COINr's check_SkewKurt gives NA), so the rule "
                    "cannot check it. Lower its winmax (winmaxes=), or leave it untreated (methods={'" +
                    name + "': 'none'})",
                location{"", 0, 0, "", "", name});
        now = shape_of(central_moments(w, exponent, p.sum, static_cast<double>(p.count)));
        if (!o.force_win && passes(now, o)) break;  // COINr's force_win goes on to winmax points
    }
    r.winsorised = changed;
    if (passes(now, o) || o.fallback == treat_fallback::none) {
        if (changed > 0) x = w, marks = m, r.action = "winsorised";
    } else {
        fall_back(x, marks, r, o.fallback, name);
        now = shape_of(x);
    }
    r.skew_after = now.skew, r.kurt_after = now.kurt, r.passed_after = passes(now, o);
}

void treat_eis(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o,
               const std::string& name) {
    const shape before = shape_of(x);
    r.skew_before = before.skew, r.kurt_before = before.kurt;
    if (o.eis_outliers) {
        const double m = detail::mean(x), s = sd(x);
        const double lo_bound = m - o.eis_sd * s, hi_bound = m + o.eis_sd * s;
        double lo = INFINITY, hi = -INFINITY;  // extremes within the bounds
        each_present(x, [&](double e) {
            if (e >= lo_bound && e <= hi_bound) lo = std::min(lo, e), hi = std::max(hi, e);
        });
        for (Eigen::Index i = 0; i < x.size(); ++i) {
            if (x(i) > hi_bound) x(i) = hi, marks(i) = static_cast<std::uint8_t>(mark::outlier_high), ++r.winsorised;
            if (x(i) < lo_bound) x(i) = lo, marks(i) = static_cast<std::uint8_t>(mark::outlier_low), ++r.winsorised;
        }
        if (r.winsorised) r.action = "outliers";
    }
    if (shape_of(x).skew > o.eis_skew) {
        for (Eigen::Index i = 0; i < x.size(); ++i) {
            if (x(i) < 0)
                throw method_error("the EIS square-root transform needs non-negative values, and indicator '" + name +
                                   "' has " + detail::format_number(x(i)));
            if (present(x(i))) x(i) = std::sqrt(x(i)), marks(i) = static_cast<std::uint8_t>(mark::sqrt_transformed);
        }
        r.action = r.action.empty() ? "sqrt" : r.action + "+sqrt";
    }
    r.passed_before = r.action.empty(), r.passed_after = true;
    const shape after = shape_of(x);
    r.skew_after = after.skew, r.kurt_after = after.kurt;
}

}  // namespace detail

treated treat(const Eigen::Ref<const Eigen::MatrixXd>& x, const treat_options& o,
              const std::vector<std::string>& names) {
    Eigen::MatrixXd values(x.rows(), x.cols());
    treated out = detail::treat_into(x, o, names, values);
    out.values = std::move(values);
    return out;
}

namespace {

/// A NaN limit passed every indicator untreated (|skew| ≥ NaN is false) and an EIS band of
/// ±0·sd or less made every value an outlier: neither is a limit.
void check_limits(const treat_options& o) {
    const auto refuse = [](const char* name, double v, const char* rule) {
        throw argument_error(std::string("outlier treatment: ") + name + " is " + detail::format_number(v) + " (" +
                             rule + ")");
    };
    if (!std::isfinite(o.skew_limit)) refuse("skew_limit", o.skew_limit, "a finite number");
    if (!std::isfinite(o.kurt_limit)) refuse("kurt_limit", o.kurt_limit, "a finite number");
    if (!std::isfinite(o.eis_skew)) refuse("eis_skew", o.eis_skew, "a finite number");
    if (!(o.eis_sd > 0) || std::isinf(o.eis_sd)) refuse("eis_sd", o.eis_sd, "a finite number of sds above 0");
}

}  // namespace

treated detail::treat_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const treat_options& o,
                           const std::vector<std::string>& names, Eigen::Ref<Eigen::MatrixXd> values) {
    check_limits(o);
    treated out{Eigen::MatrixXd(), mark_matrix::Zero(x.rows(), x.cols()),
                std::vector<treat_record>(static_cast<std::size_t>(x.cols()))};
    // The skewness and kurtosis of every column first, several columns at a time (the rule and
    // "none" start from them; EIS finds its own).
    const std::vector<detail::shape> shapes =
        o.method == treatment::eis ? std::vector<detail::shape>() : detail::column_shapes(x);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        auto& r = out.log[static_cast<std::size_t>(j)];
        mark_vector m = out.marks.col(j);
        Eigen::VectorXd c = x.col(j);
        const std::string name =
            j < static_cast<Eigen::Index>(names.size()) ? names[static_cast<std::size_t>(j)] : std::to_string(j);
        if (o.method == treatment::coinr) detail::treat_coinr(c, m, r, o, shapes[static_cast<std::size_t>(j)], name);
        if (o.method == treatment::eis) detail::treat_eis(c, m, r, o, name);
        if (o.method == treatment::none) {
            const detail::shape& sh = shapes[static_cast<std::size_t>(j)];
            r.skew_before = r.skew_after = sh.skew, r.kurt_before = r.kurt_after = sh.kurt;
        }
        values.col(j) = c;
        out.marks.col(j) = m;
    }
    return out;
}

}  // namespace zhibiao::composite
