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
#include <vector>

#include "zhibiao/composite/detail/simplex.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

enum class topsis_normalisation { minmax, vector };

namespace detail {

inline void require_complete(const Eigen::MatrixXd& x, const std::string& method) {
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.cols(); ++j)
            if (!present(x(i, j)))
                throw method_error(method + " needs every value: unit " + std::to_string(i) + ", criterion " + std::to_string(j) +
                                   " is missing (impute first)");
}

inline int type_of(const std::vector<int>& types, Eigen::Index j) { return types.empty() ? 1 : types[static_cast<std::size_t>(j)]; }

}  // namespace detail

/// TOPSIS closeness C_i = d⁻/(d⁺ + d⁻) (Hwang & Yoon 1981).
inline Eigen::VectorXd topsis(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types = {},
                              topsis_normalisation inner = topsis_normalisation::minmax) {
    detail::require_complete(x, "TOPSIS");
    Eigen::MatrixXd v(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const bool cost = detail::type_of(types, j) < 0;
        const double lo = x.col(j).minCoeff(), hi = x.col(j).maxCoeff(), norm = x.col(j).norm();
        if (inner == topsis_normalisation::minmax && !(hi > lo))
            throw method_error("TOPSIS with min-max normalisation: criterion " + std::to_string(j) + " is constant");
        if (inner == topsis_normalisation::vector && !(norm > 0))
            throw method_error("TOPSIS with vector normalisation: criterion " + std::to_string(j) + " is all zero");
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const double e = x(i, j);
            v(i, j) = inner == topsis_normalisation::minmax ? (cost ? (hi - e) / (hi - lo) : (e - lo) / (hi - lo)) : (cost ? 1 - e / norm : e / norm);
        }
        v.col(j) *= w(j);
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
    detail::require_complete(x, "VIKOR");
    vikor_result out{Eigen::VectorXd::Zero(x.rows()), Eigen::VectorXd::Zero(x.rows()), Eigen::VectorXd(x.rows())};
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const bool cost = detail::type_of(types, j) < 0;
        const double best = cost ? x.col(j).minCoeff() : x.col(j).maxCoeff(), worst = cost ? x.col(j).maxCoeff() : x.col(j).minCoeff();
        if (best == worst) throw method_error("VIKOR: criterion " + std::to_string(j) + " is constant");
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const double d = w(j) * (best - x(i, j)) / (best - worst);
            out.s(i) += d;
            out.r(i) = std::max(out.r(i), d);
        }
    }
    const double s_lo = out.s.minCoeff(), s_hi = out.s.maxCoeff(), r_lo = out.r.minCoeff(), r_hi = out.r.maxCoeff();
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        out.q(i) = (s_hi > s_lo ? v * (out.s(i) - s_lo) / (s_hi - s_lo) : 0) + (r_hi > r_lo ? (1 - v) * (out.r(i) - r_lo) / (r_hi - r_lo) : 0);
    return out;
}

/// COINr's outranking matrix: orm(i, j) = Σ w over criteria where i beats j, plus half the
/// weight where they tie; the diagonal is 0. Weights are normalised to sum to one.
inline Eigen::MatrixXd outranking_matrix(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
    detail::require_complete(x, "Copeland");
    const Eigen::VectorXd wn = w / w.sum();
    const Eigen::Index n = x.rows();
    Eigen::MatrixXd orm = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) {
            double wins = 0, ties = 0;
            for (Eigen::Index k = 0; k < x.cols(); ++k) {
                if (x(i, k) > x(j, k)) wins += wn(k);
                else if (x(i, k) == x(j, k)) ties += wn(k);
            }
            orm(i, j) = wins + ties / 2;
            orm(j, i) = 1 - wins - ties + ties / 2;
        }
    return orm;
}

/// Copeland score: the number of units a unit outranks (orm > ½) minus those that outrank it.
inline Eigen::VectorXd copeland(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
    const Eigen::MatrixXd orm = outranking_matrix(x, w);
    Eigen::VectorXd score = Eigen::VectorXd::Zero(x.rows());
    constexpr double eps = 1e-12;  // ½ computed from weights that sum to one only up to rounding
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.rows(); ++j)
            if (i != j) score(i) += orm(i, j) > 0.5 + eps ? 1 : orm(i, j) < 0.5 - eps ? -1 : 0;
    return score;
}

/// Mazziotta–Pareto index: each criterion standardised to z = 100 + 10·(x − mean)/sd (population
/// sd), then per unit M_z − S_z·cv_z (`penalty` = +1, for a phenomenon where higher is better)
/// or M_z + S_z·cv_z (−1); S_z the population sd of the unit's z values. Unweighted by design.
inline Eigen::VectorXd mazziotta_pareto(const Eigen::MatrixXd& x, int penalty = 1) {
    detail::require_complete(x, "Mazziotta-Pareto");
    Eigen::MatrixXd z(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double mean = x.col(j).mean(), sd = detail::sd(x.col(j), 0);
        if (!(sd > 0)) throw method_error("Mazziotta-Pareto: criterion " + std::to_string(j) + " is constant");
        z.col(j) = (100 + 10 * (x.col(j).array() - mean) / sd).matrix();
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
    detail::require_complete(x, "benefit of the doubt");
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
