// The group scoring methods of zhibiao/composite/mcdm.hpp, compiled once.
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/detail/counted.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "zhibiao/composite/detail/simplex.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao::composite {

namespace {

argument_error bad_shape(const std::string& method, const std::string& parameter, const std::string& problem) {
    location w;
    w.variable = parameter;
    return argument_error(method + ": " + problem, w);
}

/// Every value present and finite: a missing value is for imputation (method_error), an
/// infinity is not data (argument_error); both name the unit and the criterion (0-based).
void require_complete(const Eigen::MatrixXd& x, const std::string& method) {
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            if (!detail::present(x(i, j)))
                throw method_error(method + " needs every value: unit " + std::to_string(i) + ", criterion " +
                                   std::to_string(j) + " is missing (impute first)");
            if (std::isinf(x(i, j)))
                throw bad_shape(method, "x",
                                "unit " + std::to_string(i) + ", criterion " + std::to_string(j) +
                                    " is infinite (infinities are not data)");
        }
}

/// x: at least one unit and one criterion, every value present and finite.
void check_matrix(const Eigen::MatrixXd& x, const std::string& method) {
    if (x.rows() == 0) throw bad_shape(method, "x", "x has no rows (units)");
    if (x.cols() == 0) throw bad_shape(method, "x", "x has no columns (criteria)");
    require_complete(x, method);
}

/// One finite, non-negative weight per criterion, not all zero.
void check_weights(const Eigen::VectorXd& w, Eigen::Index criteria, const std::string& method) {
    if (w.size() != criteria)
        throw bad_shape(method, "weights",
                        zhibiao::detail::counted(w.size(), "weight") + " for " +
                            zhibiao::detail::counted(criteria, "criterion", "criteria") + " (the columns of x)");
    for (Eigen::Index j = 0; j < w.size(); ++j)
        if (!std::isfinite(w(j)) || w(j) < 0)
            throw bad_shape(method, "weights",
                            "weight " + std::to_string(j) + " is " + detail::format_number(w(j)) +
                                " (weights must be finite and non-negative)");
    if (!(w.maxCoeff() > 0)) throw bad_shape(method, "weights", "every weight is zero");
}

/// types: empty (all benefits) or one +1 (benefit) / −1 (cost) per criterion.
void check_types(const std::vector<int>& types, Eigen::Index criteria, const std::string& method) {
    if (!types.empty() && types.size() != static_cast<std::size_t>(criteria))
        throw bad_shape(method, "types",
                        zhibiao::detail::counted(types.size(), "type") + " for " +
                            zhibiao::detail::counted(criteria, "criterion", "criteria") +
                            " (give one +1 or -1 each, or none)");
    for (std::size_t j = 0; j < types.size(); ++j)
        if (types[j] != 1 && types[j] != -1)
            throw bad_shape(
                method, "types",
                "type " + std::to_string(j) + " is " + std::to_string(types[j]) + " (+1 benefit or -1 cost)");
}

/// Weights as shares summing to one, without overflow for huge weights (checked ones).
Eigen::VectorXd weight_shares(const Eigen::VectorXd& w) {
    const double sum = w.sum();
    if (std::isfinite(sum)) return w / sum;
    const Eigen::VectorXd scaled = w / w.maxCoeff();
    return scaled / scaled.sum();
}

int type_of(const std::vector<int>& types, Eigen::Index j) {
    return types.empty() ? 1 : types[static_cast<std::size_t>(j)];
}

/// One criterion as TOPSIS weighs it, oriented so that higher is better.
Eigen::VectorXd topsis_column(const Eigen::VectorXd& raw, bool cost, topsis_normalisation inner, Eigen::Index j) {
    // None: the caller's values; a cost criterion negated, which keeps every distance and
    // makes its minimum the ideal.
    if (inner == topsis_normalisation::none) return cost ? Eigen::VectorXd(-raw) : raw;
    // On x·2^−e (statistics.hpp): the same ratios, and the norm cannot overflow.
    const detail::power_of_two scale(detail::scale_exponent(raw));
    const Eigen::VectorXd col = raw.unaryExpr([&scale](double a) { return scale.down(a); });
    const double lo = col.minCoeff(), hi = col.maxCoeff(), norm = col.norm();
    // A constant criterion tells no unit from another: pymcdm's minmax_normalization gives it ones,
    // so it adds nothing to either distance and the others rank (all constant is refused below).
    if (inner == topsis_normalisation::minmax && !(hi > lo)) return Eigen::VectorXd::Ones(col.size());
    if (inner == topsis_normalisation::vector && !(norm > 0))
        throw method_error("TOPSIS with vector normalisation: criterion " + std::to_string(j) + " is all zero");
    Eigen::VectorXd out(col.size());
    for (Eigen::Index i = 0; i < col.size(); ++i) {
        const double a = col(i);
        out(i) = inner == topsis_normalisation::minmax ? (cost ? (hi - a) / (hi - lo) : (a - lo) / (hi - lo))
                                                       : (cost ? 1 - a / norm : a / norm);
    }
    return out;
}

}  // namespace

Eigen::VectorXd topsis(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types,
                       topsis_normalisation inner) {
    check_matrix(x, "TOPSIS");
    check_weights(w, x.cols(), "TOPSIS");
    check_types(types, x.cols(), "TOPSIS");
    const Eigen::VectorXd share = weight_shares(w);
    Eigen::MatrixXd v(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        v.col(j) = topsis_column(x.col(j), type_of(types, j) < 0, inner, j) * share(j);
    if (inner == topsis_normalisation::none) {
        // One power of two for the whole matrix: the distances keep their ratios, and their
        // squares cannot overflow (values near 1e200) or underflow.
        int e = 0;
        for (Eigen::Index j = 0; j < v.cols(); ++j) e = std::max(e, detail::scale_exponent(v.col(j)));
        const detail::power_of_two scale(e);
        v = v.unaryExpr([&scale](double a) { return scale.down(a); });
    }
    const Eigen::RowVectorXd best = v.colwise().maxCoeff(), worst = v.colwise().minCoeff();
    Eigen::VectorXd c(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double plus = (v.row(i) - best).norm(), minus = (v.row(i) - worst).norm();
        if (!(plus + minus > 0))
            throw method_error("TOPSIS: the ideal and anti-ideal solutions coincide (every criterion constant)");
        c(i) = minus / (plus + minus);
    }
    return c;
}

namespace {

/// Opricovic & Tzeng (2004)'s compromise solution from S, R and Q (see vikor_result). The
/// conditions compare differences of Q computed in floating point with DQ: 1e-12 of slack keeps
/// an advantage of exactly DQ (m = 3: Q = 0 and 0.5) acceptable.
void vikor_compromise(vikor_result& out, vikor_best_tie best_tie) {
    const Eigen::Index m = out.q.size();
    out.ranking = rank(out.q, false, ties::min);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return out.q(a) < out.q(b); });
    const Eigen::Index first = order.front();
    if (m == 1) {  // a single unit is the compromise; DQ = 1/(m − 1) does not exist
        out.compromise = {first}, out.acceptable_advantage = out.acceptable_stability = true;
        return;
    }
    constexpr double slack = 1e-12;
    out.dq = 1.0 / static_cast<double>(m - 1);
    std::size_t tied = 1;
    while (tied < order.size() && out.q(order[tied]) == out.q(first)) ++tied;
    // a(1): the first unit by Q (literal), or every unit tied at the least Q (grouped)
    const std::size_t best = best_tie == vikor_best_tie::grouped ? tied : 1;
    auto is_best_by_s_or_r = [&](Eigen::Index k) {
        return out.s(k) == out.s.minCoeff() || out.r(k) == out.r.minCoeff();
    };
    out.acceptable_advantage = best == order.size() || out.q(order[best]) - out.q(first) >= out.dq - slack;
    // C2 asks it of every unit tied at the least Q: which of them comes first is the rows' order
    out.acceptable_stability =
        std::all_of(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(tied), is_best_by_s_or_r);
    if (out.acceptable_advantage) {
        out.compromise.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(best));
        // a(2) is every unit at the next value of Q: taking the first of tied units by row
        // would make the set depend on the rows' order (scikit-criteria takes them all too)
        for (std::size_t k = best;
             !out.acceptable_stability && k < order.size() && out.q(order[k]) == out.q(order[best]); ++k)
            out.compromise.push_back(order[k]);
        return;
    }
    for (const Eigen::Index k : order)
        if (out.q(k) - out.q(first) < out.dq - slack) out.compromise.push_back(k);
}

}  // namespace

/// VIKOR (Opricovic 1998) with weight v of the group utility; a constant criterion is an error.
/// If every unit has the same S (or R), that term of Q is 0 for all (no unit is worse).
vikor_result vikor(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types, double v,
                   vikor_best_tie best_tie) {
    check_matrix(x, "VIKOR");
    check_weights(w, x.cols(), "VIKOR");
    check_types(types, x.cols(), "VIKOR");
    if (!std::isfinite(w.sum()))
        throw bad_shape("VIKOR", "weights", "the weights sum to infinity (give them on a smaller scale)");
    if (!(v >= 0 && v <= 1))
        throw bad_shape("VIKOR", "v", "v is " + std::to_string(v) + " (the weight of the group utility, 0 to 1)");
    vikor_result out;
    out.s = Eigen::VectorXd::Zero(x.rows()), out.r = Eigen::VectorXd::Zero(x.rows()), out.q = Eigen::VectorXd(x.rows());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const bool cost = type_of(types, j) < 0;
        const detail::power_of_two scale(detail::scale_exponent(x.col(j)));  // exact; best − worst cannot overflow
        const Eigen::VectorXd col = x.col(j).unaryExpr([&scale](double a) { return scale.down(a); });
        const double best = cost ? col.minCoeff() : col.maxCoeff(), worst = cost ? col.maxCoeff() : col.minCoeff();
        if (best == worst) throw method_error("VIKOR: criterion " + std::to_string(j) + " is constant");
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const double d = w(j) * (best - col(i)) / (best - worst);
            out.s(i) += d;
            out.r(i) = std::max(out.r(i), d);
        }
    }
    const double s_lo = out.s.minCoeff(), s_hi = out.s.maxCoeff(), r_lo = out.r.minCoeff(), r_hi = out.r.maxCoeff();
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        out.q(i) = (s_hi > s_lo ? v * (out.s(i) - s_lo) / (s_hi - s_lo) : 0) +
                   (r_hi > r_lo ? (1 - v) * (out.r(i) - r_lo) / (r_hi - r_lo) : 0);
    vikor_compromise(out, best_tie);
    return out;
}

Eigen::VectorXd vikor_ranking(const vikor_result& r, vikor_ranks how) {
    if (how == vikor_ranks::min) return r.ranking;
    if (how == vikor_ranks::average) return rank(r.q, false, ties::average);
    Eigen::VectorXd dense = rank(r.q, false, ties::dense);
    if (how == vikor_ranks::dense || r.compromise.empty()) return dense;
    // scikit-criteria: the set's worst dense rank and every rank above it become 1; the rest
    // move up so that the first unit after the set is 2.
    double last = 1;
    for (const Eigen::Index k : r.compromise) last = std::max(last, dense(k));
    return dense.unaryExpr([last](double d) { return d <= last ? 1.0 : d - last + 1; });
}

namespace {

/// One criterion as WASPAS's `inner` normalises it (see waspas_normalisation); every value it
/// gives is positive, so the weighted product has a logarithm.
Eigen::VectorXd waspas_column(const Eigen::VectorXd& col, bool cost, waspas_normalisation inner, Eigen::Index j) {
    const std::string where = "WASPAS: criterion " + std::to_string(j);
    if (inner == waspas_normalisation::shifted_minmax) {
        const double lo = col.minCoeff(), hi = col.maxCoeff();
        if (!(hi > lo)) throw method_error(where + " is constant (1 + min-max divides by its range)");
        return col.unaryExpr([&](double a) { return 1 + (cost ? (hi - a) / (hi - lo) : (a - lo) / (hi - lo)); });
    }
    for (Eigen::Index i = 0; i < col.size(); ++i)
        if (!(col(i) > 0))
            throw method_error(where + ", unit " + std::to_string(i) + " is " + detail::format_number(col(i)) +
                               (inner == waspas_normalisation::linear
                                    ? " (x/max and min/x need positive values, as pymcdm's linear_normalization)"
                                    : " (the weighted product needs positive values)"));
    if (inner == waspas_normalisation::none) {
        if (cost)
            throw bad_shape("WASPAS", "types",
                            "criterion " + std::to_string(j) +
                                " is a cost, which inner = 'none' cannot turn round (normalise first)");
        return col;
    }
    // On x·2^−e (statistics.hpp): the same ratios, and x/max cannot overflow
    const detail::power_of_two scale(detail::scale_exponent(col));
    const Eigen::VectorXd scaled = col.unaryExpr([&scale](double a) { return scale.down(a); });
    const double lo = scaled.minCoeff(), hi = scaled.maxCoeff();
    return scaled.unaryExpr([&](double a) { return cost ? lo / a : a / hi; });
}

}  // namespace

waspas_result waspas(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types,
                     double wsm_share, waspas_normalisation inner) {
    check_matrix(x, "WASPAS");
    check_weights(w, x.cols(), "WASPAS");
    check_types(types, x.cols(), "WASPAS");
    if (!(wsm_share >= 0 && wsm_share <= 1))
        throw bad_shape(
            "WASPAS", "wsm_share",
            "wsm_share is " + detail::format_number(wsm_share) + " (λ, the share of the weighted sum, 0 to 1)");
    waspas_result out;
    out.wsm = Eigen::VectorXd::Zero(x.rows());
    Eigen::VectorXd log_wpm = Eigen::VectorXd::Zero(x.rows());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const Eigen::VectorXd n = waspas_column(x.col(j), type_of(types, j) < 0, inner, j);
        out.wsm += w(j) * n;
        log_wpm += w(j) * n.array().log().matrix();
    }
    out.wpm = log_wpm.array().exp().matrix();
    out.score = wsm_share * out.wsm + (1 - wsm_share) * out.wpm;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        if (!std::isfinite(out.wsm(i)) || !std::isfinite(out.wpm(i)) || !std::isfinite(out.score(i)))
            throw method_error("WASPAS: unit " + std::to_string(i) +
                               " scores beyond the range of doubles (give the values or weights on a smaller scale)");
    return out;
}

namespace {

// Each criterion as 100 + 10·z (z = (x − mean)/sd, the sd with `ddof`), the standardisation of
// Mazziotta–Pareto and of Compind's mean-min. Each column is first scaled by a power of two, so z
// does not depend on the unit of x (1e160 times the values give the same scores).
Eigen::MatrixXd standard_scores(const Eigen::MatrixXd& x, int ddof, const char* who) {
    Eigen::MatrixXd z(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const detail::power_of_two scale(detail::scale_exponent(x.col(j)));
        const Eigen::VectorXd col = x.col(j).unaryExpr([&scale](double a) { return scale.down(a); });
        const double mean = col.mean(), sd = detail::sd(col, ddof);
        if (!(sd > 0)) throw method_error(std::string(who) + ": criterion " + std::to_string(j) + " is constant");
        z.col(j) = (100 + 10 * (col.array() - mean) / sd).matrix();
    }
    return z;
}

}  // namespace

Eigen::VectorXd mean_min(const Eigen::MatrixXd& x, double alpha, double beta, bool standardise) {
    check_matrix(x, "mean-min");
    if (!(alpha >= 0 && alpha <= 1))
        throw bad_shape("mean-min", "alpha",
                        "alpha is " + detail::format_number(alpha) + " (the penalty of unbalance, 0 to 1)");
    if (!(beta >= 0 && std::isfinite(beta)))
        throw bad_shape("mean-min", "beta",
                        "beta is " + detail::format_number(beta) + " (the complementarity, finite and at least 0)");
    if (standardise && x.rows() < 2)
        throw method_error("mean-min: standardising needs at least two units (a sample sd)");
    const Eigen::MatrixXd z = standardise ? standard_scores(x, 1, "mean-min") : x;
    Eigen::VectorXd out(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double m = z.row(i).mean(), least = z.row(i).minCoeff();
        out(i) = m - alpha * (std::hypot(m - least, beta) - beta);
        if (!std::isfinite(out(i)))
            throw method_error("mean-min: unit " + std::to_string(i) + " has a mean beyond the range of doubles");
    }
    return out;
}

namespace {

/// orm(i, j) and orm(j, i) of one pair, as COINr's outrankMatrix computes them.
std::pair<double, double> outranking_pair(const Eigen::MatrixXd& x, const Eigen::VectorXd& wn, Eigen::Index i,
                                          Eigen::Index j) {
    double wins = 0, ties = 0;
    for (Eigen::Index k = 0; k < x.cols(); ++k) {
        if (x(i, k) > x(j, k))
            wins += wn(k);
        else if (x(i, k) == x(j, k))
            ties += wn(k);
    }
    return {wins + ties / 2, 1 - wins - ties + ties / 2};
}

}  // namespace

/// COINr's outranking matrix: orm(i, j) = Σ w over criteria where i beats j, plus half the
/// weight where they tie; the diagonal is 0. Weights are normalised to sum to one.
Eigen::MatrixXd outranking_matrix(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
    check_matrix(x, "outranking");
    check_weights(w, x.cols(), "outranking");
    const Eigen::Index n = x.rows();
    if (n > max_outranking_units)
        throw limit_error("outranking: the matrix of " + std::to_string(n) + " units would hold " + std::to_string(n) +
                          " × " + std::to_string(n) + " values (" +
                          std::to_string(static_cast<double>(n) * static_cast<double>(n) * 8 / 1e9) +
                          " GB); the limit is " + std::to_string(max_outranking_units) +
                          " units (Copeland scores need no matrix)");
    const Eigen::VectorXd wn = weight_shares(w);
    Eigen::MatrixXd orm = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        poll_interrupt();  // O(n²): Ctrl-C between rows
        for (Eigen::Index j = i + 1; j < n; ++j) std::tie(orm(i, j), orm(j, i)) = outranking_pair(x, wn, i, j);
    }
    return orm;
}

/// Copeland score: the number of units a unit outranks (orm > ½) minus those that outrank it.
/// Pair by pair, without the n × n matrix (3·10⁴ regions would need 7 GB): O(n²·criteria)
/// time, O(n) memory, the same scores as from outranking_matrix().
Eigen::VectorXd copeland(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
    check_matrix(x, "Copeland");
    check_weights(w, x.cols(), "Copeland");
    const Eigen::VectorXd wn = weight_shares(w);
    Eigen::VectorXd score = Eigen::VectorXd::Zero(x.rows());
    constexpr double eps = 1e-12;  // ½ computed from weights that sum to one only up to rounding
    auto vote = [](double o) { return o > 0.5 + eps ? 1.0 : o < 0.5 - eps ? -1.0 : 0.0; };
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        poll_interrupt();  // O(n²·criteria): 10⁴ regions take seconds, Ctrl-C between rows
        for (Eigen::Index j = i + 1; j < x.rows(); ++j) {
            const auto [ij, ji] = outranking_pair(x, wn, i, j);
            score(i) += vote(ij), score(j) += vote(ji);
        }
    }
    return score;
}

/// Mazziotta–Pareto index: each criterion standardised to z = 100 + 10·(x − mean)/sd (population
/// sd), then per unit M_z − S_z·cv_z (`penalty` = +1, for a phenomenon where higher is better)
/// or M_z + S_z·cv_z (−1); S_z the population sd of the unit's z values. Unweighted by design.
Eigen::VectorXd mazziotta_pareto(const Eigen::MatrixXd& x, int penalty) {
    check_matrix(x, "Mazziotta-Pareto");
    if (penalty != 1 && penalty != -1)
        throw bad_shape("Mazziotta-Pareto", "penalty", "penalty is " + std::to_string(penalty) + " (+1 or -1)");
    const Eigen::MatrixXd z = standard_scores(x, 0, "Mazziotta-Pareto");
    Eigen::VectorXd out(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double m = z.row(i).mean(), s = detail::sd(z.row(i).transpose(), 0);
        out(i) = m - penalty * s * (s / m);
    }
    return out;
}

/// Benefit of the doubt: each unit chooses the non-negative weights that maximise its score,
/// under the constraint that no unit scores above 1 with them (a DEA with one unit input).
/// Scores must be non-negative; a criterion on which every unit scores 0 is an error.
bod_result benefit_of_the_doubt(const Eigen::MatrixXd& x) {
    check_matrix(x, "benefit of the doubt");
    if ((x.array() < 0).any())
        throw method_error("benefit of the doubt needs non-negative scores (normalise to [0, 1] or [0, 100] first)");
    // Dominated units add only redundant constraints: keep the others.
    std::vector<Eigen::Index> frontier;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        bool dominated = false;
        for (Eigen::Index k = 0; k < x.rows() && !dominated; ++k)
            dominated = k != i && (x.row(k).array() >= x.row(i).array()).all() &&
                        ((x.row(k).array() > x.row(i).array()).any() || k < i);
        if (!dominated) frontier.push_back(i);
    }
    Eigen::MatrixXd a(static_cast<Eigen::Index>(frontier.size()), x.cols());
    for (std::size_t k = 0; k < frontier.size(); ++k) a.row(static_cast<Eigen::Index>(k)) = x.row(frontier[k]);
    const Eigen::VectorXd b = Eigen::VectorXd::Ones(a.rows());
    bod_result out{Eigen::VectorXd(x.rows()), Eigen::MatrixXd(x.rows(), x.cols())};
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const detail::lp_solution s = detail::maximise(a, b, x.row(i).transpose());
        out.score(i) = std::min(1.0, s.value);
        out.weights.row(i) = s.w.transpose();
    }
    return out;
}

}  // namespace zhibiao::composite
