// The outlier treatment of zhibiao/composite/treat.hpp, compiled once.
#include "zhibiao/composite/treat.hpp"

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

void treat_coinr(Eigen::VectorXd& x, mark_vector& marks, treat_record& r, const treat_options& o) {
    const shape before = shape_of(x);
    r.skew_before = before.skew, r.kurt_before = before.kurt;
    r.passed_before = passes(before, o);
    r.skew_after = r.skew_before, r.kurt_after = r.kurt_before, r.passed_after = r.passed_before;
    if (r.passed_before) return;
    Eigen::VectorXd w = x;
    mark_vector m = mark_vector::Zero(x.size());
    int changed = 0;
    shape now = before;
    while (changed < o.winmax) {
        const bool high = now.skew >= 0;
        double extreme = high ? -INFINITY : INFINITY;
        each_present(w, [&](double e) { extreme = high ? std::max(extreme, e) : std::min(extreme, e); });
        double next = high ? -INFINITY : INFINITY;
        each_present(w, [&](double e) {
            if (e != extreme) next = high ? std::max(next, e) : std::min(next, e);
        });
        if (!std::isfinite(next)) break;  // every value equal: nothing left to winsorise
        for (Eigen::Index i = 0; i < w.size(); ++i)
            if (w(i) == extreme) {
                w(i) = next;
                if (!m(i)) ++changed;
                m(i) = static_cast<std::uint8_t>(high ? mark::winsorised_high : mark::winsorised_low);
            }
        now = shape_of(w);
        if (passes(now, o)) break;
    }
    r.winsorised = changed;
    if (passes(now, o)) {
        x = w;
        marks = m;
        r.action = "winsorised";
    } else {
        double lo = INFINITY, hi = -INFINITY;
        each_present(x, [&](double e) { lo = std::min(lo, e), hi = std::max(hi, e); });
        for (Eigen::Index i = 0; i < x.size(); ++i)
            if (present(x(i)))
                x(i) = std::log(x(i) - lo + 0.01 * (hi - lo)),
                marks(i) = static_cast<std::uint8_t>(mark::log_transformed);
        r.winsorised = 0;
        r.action = "log_CT";
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
                                   "' has " + std::to_string(x(i)));
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

treated detail::treat_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const treat_options& o,
                           const std::vector<std::string>& names, Eigen::Ref<Eigen::MatrixXd> values) {
    treated out{Eigen::MatrixXd(), mark_matrix::Zero(x.rows(), x.cols()),
                std::vector<treat_record>(static_cast<std::size_t>(x.cols()))};
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        auto& r = out.log[static_cast<std::size_t>(j)];
        mark_vector m = out.marks.col(j);
        Eigen::VectorXd c = x.col(j);
        if (o.method == treatment::coinr) detail::treat_coinr(c, m, r, o);
        if (o.method == treatment::eis)
            detail::treat_eis(
                c, m, r, o,
                j < static_cast<Eigen::Index>(names.size()) ? names[static_cast<std::size_t>(j)] : std::to_string(j));
        if (o.method == treatment::none) {
            const detail::shape sh = detail::shape_of(c);
            r.skew_before = r.skew_after = sh.skew, r.kurt_before = r.kurt_after = sh.kurt;
        }
        values.col(j) = c;
        out.marks.col(j) = m;
    }
    return out;
}

}  // namespace zhibiao::composite
