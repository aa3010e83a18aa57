#pragma once
// Scoring methods that look at all units of a group at once (units × criteria, every value
// present): TOPSIS, VIKOR, Copeland's outranking, Mazziotta–Pareto and benefit of the doubt.
// `types` gives +1 for a benefit and −1 for a cost criterion (empty: all benefits — inside a
// framework the directions were applied at normalisation).
//
// | method   | result                                   | reference variant |
// |----------|------------------------------------------|-------------------|
// | topsis   | C = d⁻/(d⁺ + d⁻) in [0, 1], higher better | pymcdm (min-max inside) or vector normalisation, stated |
// | vikor    | Q in [0, 1], LOWER is better; S and R     | pymcdm (no normalisation), v = 0.5 |
// | copeland | wins − losses of the weighted outranking  | COINr a_copeland / outrankMatrix |
// | mpi      | M_z ∓ S_z·cv_z of z = 100 ± 10·std. score | Mazziotta & Pareto (Compind ci_mpi) |
// | bod      | max_w w·x_u s.t. w·x_k ≤ 1 ∀k, w ≥ 0      | Compind ci_bod (DEA, CCR, unit input) |

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "zhibiao/composite/detail/simplex.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao::composite {

enum class topsis_normalisation { minmax, vector };

namespace detail {

inline argument_error bad_shape(const std::string& method, const std::string& parameter, const std::string& problem) {
    location w;
    w.variable = parameter;
    return argument_error(method + ": " + problem, w);
}

/// Every value present and finite: a missing value is for imputation (method_error), an
/// infinity is not data (argument_error); both name the unit and the criterion (0-based).
inline void require_complete(const Eigen::MatrixXd& x, const std::string& method) {
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            if (!present(x(i, j)))
                throw method_error(method + " needs every value: unit " + std::to_string(i) + ", criterion " + std::to_string(j) +
                                   " is missing (impute first)");
            if (std::isinf(x(i, j)))
                throw bad_shape(method, "x", "unit " + std::to_string(i) + ", criterion " + std::to_string(j) + " is infinite (infinities are not data)");
        }
}

/// x: at least one unit and one criterion, every value present and finite.
inline void check_matrix(const Eigen::MatrixXd& x, const std::string& method) {
    if (x.rows() == 0) throw bad_shape(method, "x", "x has no rows (units)");
    if (x.cols() == 0) throw bad_shape(method, "x", "x has no columns (criteria)");
    require_complete(x, method);
}

/// One finite, non-negative weight per criterion, not all zero.
inline void check_weights(const Eigen::VectorXd& w, Eigen::Index criteria, const std::string& method) {
    if (w.size() != criteria)
        throw bad_shape(method, "weights", std::to_string(w.size()) + " weights for " + std::to_string(criteria) + " criteria (the columns of x)");
    for (Eigen::Index j = 0; j < w.size(); ++j)
        if (!std::isfinite(w(j)) || w(j) < 0)
            throw bad_shape(method, "weights", "weight " + std::to_string(j) + " is " + std::to_string(w(j)) + " (weights must be finite and non-negative)");
    if (!(w.maxCoeff() > 0)) throw bad_shape(method, "weights", "every weight is zero");
}

/// types: empty (all benefits) or one +1 (benefit) / −1 (cost) per criterion.
inline void check_types(const std::vector<int>& types, Eigen::Index criteria, const std::string& method) {
    if (!types.empty() && types.size() != static_cast<std::size_t>(criteria))
        throw bad_shape(method, "types", std::to_string(types.size()) + " types for " + std::to_string(criteria) + " criteria (give one +1 or -1 each, or none)");
    for (std::size_t j = 0; j < types.size(); ++j)
        if (types[j] != 1 && types[j] != -1)
            throw bad_shape(method, "types", "type " + std::to_string(j) + " is " + std::to_string(types[j]) + " (+1 benefit or -1 cost)");
}

/// Weights as shares summing to one, without overflow for huge weights (checked ones).
inline Eigen::VectorXd weight_shares(const Eigen::VectorXd& w) {
    const double sum = w.sum();
    if (std::isfinite(sum)) return w / sum;
    const Eigen::VectorXd scaled = w / w.maxCoeff();
    return scaled / scaled.sum();
}

inline int type_of(const std::vector<int>& types, Eigen::Index j) { return types.empty() ? 1 : types[static_cast<std::size_t>(j)]; }

}  // namespace detail

/// TOPSIS closeness C_i = d⁻/(d⁺ + d⁻) (Hwang & Yoon 1981). C does not change when every
/// weight is multiplied by the same factor, so the weights are used as shares (no overflow).
inline Eigen::VectorXd topsis(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types = {},
                              topsis_normalisation inner = topsis_normalisation::minmax) {
    detail::check_matrix(x, "TOPSIS");
    detail::check_weights(w, x.cols(), "TOPSIS");
    detail::check_types(types, x.cols(), "TOPSIS");
    const Eigen::VectorXd share = detail::weight_shares(w);
    Eigen::MatrixXd v(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const bool cost = detail::type_of(types, j) < 0;
        // On x·2^−e (statistics.hpp): the same ratios, and the norm cannot overflow.
        const detail::power_of_two scale(detail::scale_exponent(x.col(j)));
        const Eigen::VectorXd col = x.col(j).unaryExpr([&scale](double a) { return scale.down(a); });
        const double lo = col.minCoeff(), hi = col.maxCoeff(), norm = col.norm();
        if (inner == topsis_normalisation::minmax && !(hi > lo))
            throw method_error("TOPSIS with min-max normalisation: criterion " + std::to_string(j) + " is constant");
        if (inner == topsis_normalisation::vector && !(norm > 0))
            throw method_error("TOPSIS with vector normalisation: criterion " + std::to_string(j) + " is all zero");
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const double a = col(i);
            v(i, j) = inner == topsis_normalisation::minmax ? (cost ? (hi - a) / (hi - lo) : (a - lo) / (hi - lo)) : (cost ? 1 - a / norm : a / norm);
        }
        v.col(j) *= share(j);
    }
    const Eigen::RowVectorXd best = v.colwise().maxCoeff(), worst = v.colwise().minCoeff();
    Eigen::VectorXd c(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double plus = (v.row(i) - best).norm(), minus = (v.row(i) - worst).norm();
        if (!(plus + minus > 0)) throw method_error("TOPSIS: the ideal and anti-ideal solutions coincide (every criterion constant)");
        c(i) = minus / (plus + minus);
    }
    return c;
}

struct vikor_result {
    Eigen::VectorXd s, r, q;  ///< group utility, individual regret, compromise index (lower = better)
};

/// VIKOR (Opricovic 1998) with weight v of the group utility; a constant criterion is an error.
/// If every unit has the same S (or R), that term of Q is 0 for all (no unit is worse).
inline vikor_result vikor(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types = {}, double v = 0.5) {
    detail::check_matrix(x, "VIKOR");
    detail::check_weights(w, x.cols(), "VIKOR");
    detail::check_types(types, x.cols(), "VIKOR");
    if (!std::isfinite(w.sum())) throw detail::bad_shape("VIKOR", "weights", "the weights sum to infinity (give them on a smaller scale)");
    if (!(v >= 0 && v <= 1)) throw detail::bad_shape("VIKOR", "v", "v is " + std::to_string(v) + " (the weight of the group utility, 0 to 1)");
    vikor_result out{Eigen::VectorXd::Zero(x.rows()), Eigen::VectorXd::Zero(x.rows()), Eigen::VectorXd(x.rows())};
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const bool cost = detail::type_of(types, j) < 0;
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
        out.q(i) = (s_hi > s_lo ? v * (out.s(i) - s_lo) / (s_hi - s_lo) : 0) + (r_hi > r_lo ? (1 - v) * (out.r(i) - r_lo) / (r_hi - r_lo) : 0);
    return out;
}

namespace detail {

/// orm(i, j) and orm(j, i) of one pair, as COINr's outrankMatrix computes them.
inline std::pair<double, double> outranking_pair(const Eigen::MatrixXd& x, const Eigen::VectorXd& wn, Eigen::Index i, Eigen::Index j) {
    double wins = 0, ties = 0;
    for (Eigen::Index k = 0; k < x.cols(); ++k) {
        if (x(i, k) > x(j, k)) wins += wn(k);
        else if (x(i, k) == x(j, k)) ties += wn(k);
    }
    return {wins + ties / 2, 1 - wins - ties + ties / 2};
}

}  // namespace detail

/// The largest number of units for which outranking_matrix() builds its n × n matrix (2 GiB of
/// doubles); copeland() needs no matrix and has no such limit.
inline constexpr Eigen::Index max_outranking_units = 16384;

/// COINr's outranking matrix: orm(i, j) = Σ w over criteria where i beats j, plus half the
/// weight where they tie; the diagonal is 0. Weights are normalised to sum to one.
inline Eigen::MatrixXd outranking_matrix(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
    detail::check_matrix(x, "outranking");
    detail::check_weights(w, x.cols(), "outranking");
    const Eigen::Index n = x.rows();
    if (n > max_outranking_units)
        throw limit_error("outranking: the matrix of " + std::to_string(n) + " units would hold " + std::to_string(n) + " × " + std::to_string(n) +
                          " values (" + std::to_string(static_cast<double>(n) * static_cast<double>(n) * 8 / 1e9) + " GB); the limit is " +
                          std::to_string(max_outranking_units) + " units (Copeland scores need no matrix)");
    const Eigen::VectorXd wn = detail::weight_shares(w);
    Eigen::MatrixXd orm = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        poll_interrupt();  // O(n²): Ctrl-C between rows
        for (Eigen::Index j = i + 1; j < n; ++j) std::tie(orm(i, j), orm(j, i)) = detail::outranking_pair(x, wn, i, j);
    }
    return orm;
}

/// Copeland score: the number of units a unit outranks (orm > ½) minus those that outrank it.
/// Pair by pair, without the n × n matrix (3·10⁴ regions would need 7 GB): O(n²·criteria)
/// time, O(n) memory, the same scores as from outranking_matrix().
inline Eigen::VectorXd copeland(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
    detail::check_matrix(x, "Copeland");
    detail::check_weights(w, x.cols(), "Copeland");
    const Eigen::VectorXd wn = detail::weight_shares(w);
    Eigen::VectorXd score = Eigen::VectorXd::Zero(x.rows());
    constexpr double eps = 1e-12;  // ½ computed from weights that sum to one only up to rounding
    auto vote = [](double o) { return o > 0.5 + eps ? 1.0 : o < 0.5 - eps ? -1.0 : 0.0; };
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        poll_interrupt();  // O(n²·criteria): 10⁴ regions take seconds, Ctrl-C between rows
        for (Eigen::Index j = i + 1; j < x.rows(); ++j) {
            const auto [ij, ji] = detail::outranking_pair(x, wn, i, j);
            score(i) += vote(ij), score(j) += vote(ji);
        }
    }
    return score;
}

/// Mazziotta–Pareto index: each criterion standardised to z = 100 + 10·(x − mean)/sd (population
/// sd), then per unit M_z − S_z·cv_z (`penalty` = +1, for a phenomenon where higher is better)
/// or M_z + S_z·cv_z (−1); S_z the population sd of the unit's z values. Unweighted by design.
inline Eigen::VectorXd mazziotta_pareto(const Eigen::MatrixXd& x, int penalty = 1) {
    detail::check_matrix(x, "Mazziotta-Pareto");
    if (penalty != 1 && penalty != -1) throw detail::bad_shape("Mazziotta-Pareto", "penalty", "penalty is " + std::to_string(penalty) + " (+1 or -1)");
    Eigen::MatrixXd z(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const detail::power_of_two scale(detail::scale_exponent(x.col(j)));  // z does not depend on the unit of x
        const Eigen::VectorXd col = x.col(j).unaryExpr([&scale](double a) { return scale.down(a); });
        const double mean = col.mean(), sd = detail::sd(col, 0);
        if (!(sd > 0)) throw method_error("Mazziotta-Pareto: criterion " + std::to_string(j) + " is constant");
        z.col(j) = (100 + 10 * (col.array() - mean) / sd).matrix();
    }
    Eigen::VectorXd out(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double m = z.row(i).mean(), s = detail::sd(z.row(i).transpose(), 0);
        out(i) = m - penalty * s * (s / m);
    }
    return out;
}

struct bod_result {
    Eigen::VectorXd score;    ///< in [0, 1]; 1 = on the frontier
    Eigen::MatrixXd weights;  ///< units × criteria: each unit's own most favourable weights
};

/// Benefit of the doubt: each unit chooses the non-negative weights that maximise its score,
/// under the constraint that no unit scores above 1 with them (a DEA with one unit input).
/// Scores must be non-negative; a criterion on which every unit scores 0 is an error.
inline bod_result benefit_of_the_doubt(const Eigen::MatrixXd& x) {
    detail::check_matrix(x, "benefit of the doubt");
    if ((x.array() < 0).any()) throw method_error("benefit of the doubt needs non-negative scores (normalise to [0, 1] or [0, 100] first)");
    // Dominated units add only redundant constraints: keep the others.
    std::vector<Eigen::Index> frontier;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        bool dominated = false;
        for (Eigen::Index k = 0; k < x.rows() && !dominated; ++k)
            dominated = k != i && (x.row(k).array() >= x.row(i).array()).all() && ((x.row(k).array() > x.row(i).array()).any() || k < i);
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
