#pragma once
// Aggregation level by level: each aggregate's score comes from its children's scores, with
// its own method and weights per level (COINr issue #42: per-level aggregators and weights).
//
// Weighted means (arithmetic, geometric, harmonic, generalised): a missing child is left out
// and the remaining weights renormalised for that unit (COINr's na.rm = TRUE); a unit with no
// child present gets a missing score. Geometric, harmonic and generalised means with p ≤ 0 need
// strictly positive scores (normalise to [1, 100] first): a zero or negative score under them is
// a method_error naming the node, not a silent NaN or −inf.
//
// Group methods (Mazziotta–Pareto, benefit of the doubt, Copeland, TOPSIS, VIKOR; mcdm.hpp) look
// at all units at once and need every child present. VIKOR's Q is lower-is-better, so inside the
// tree the score is 1 − Q, keeping "higher is better" at every level.
//
// Weights of a group's children: the framework's, equal, or computed from the children's scores
// (entropy, CRITIC, sd, variance, PCA, VIC, MEREC, Gini) or from an AHP comparison matrix —
// weights.hpp. Inside the tree every child is higher-is-better (directions were applied at
// normalisation), so MEREC treats every child as a benefit.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/composite/weights.hpp"

namespace zhibiao::composite {

enum class aggregation { arithmetic, geometric, harmonic, generalised, mpi, bod, copeland, topsis, vikor };
enum class weighting { framework, equal, fixed, entropy, critic, sd, variance, pca, ahp, vic, merec, gini };

inline constexpr const char* aggregation_names[] = {"arithmetic", "geometric", "harmonic", "generalised", "mpi",
                                                    "bod",        "copeland",  "topsis",   "vikor"};
inline constexpr const char* weighting_names[] = {"framework", "equal", "fixed", "entropy", "critic", "sd", "variance", "pca", "ahp", "vic", "merec", "gini"};

struct weight_options {
    weighting scheme = weighting::framework;
    int ddof = 1;                                     ///< sd, variance, CRITIC
    entropy_zeros zeros = entropy_zeros::skip;        ///< entropy
    correlation_kind correlation = correlation_kind::pearson;  ///< CRITIC and VIC (which refuses pearson)
    std::map<std::string, double> fixed;              ///< fixed: node → weight (others keep the framework's)
    std::map<std::string, Eigen::MatrixXd> pairwise;  ///< ahp: group → comparison matrix, children in framework order
    random_index ri = random_index::tummala_ling;     ///< ahp
    double max_cr = 0.1;                              ///< ahp
    bool accept_inconsistent = false;                 ///< ahp
};

struct aggregate_options {
    aggregation method = aggregation::arithmetic;
    double power = 1;                                          ///< generalised mean exponent (0 = geometric)
    int mpi_penalty = 1;                                       ///< +1: M − S·cv; −1: M + S·cv
    topsis_normalisation topsis_inner = topsis_normalisation::minmax;
    double vikor_v = 0.5;
};

/// What one level does: how its groups are scored and how their children are weighted.
struct level_plan {
    aggregate_options aggregate;
    weight_options weights;
};

struct aggregation_result {
    Eigen::MatrixXd scores;              ///< units × nodes (framework order); indicator columns = the input
    Eigen::VectorXd weights;             ///< each node's weight within its group, the group summing to 1
    Eigen::VectorXd effective;           ///< each node's weight in the whole index
    std::map<std::string, ahp_result> ahp;  ///< consistency of every AHP group
    std::vector<std::string> notes;      ///< what the methods reported (PCA sign notes, unweighted methods)
};

namespace detail {

inline Eigen::MatrixXd children_matrix(const Eigen::MatrixXd& s, const std::vector<int>& kids) {
    Eigen::MatrixXd x(s.rows(), static_cast<Eigen::Index>(kids.size()));
    for (std::size_t c = 0; c < kids.size(); ++c) x.col(static_cast<Eigen::Index>(c)) = s.col(kids[c]);
    return x;
}

inline Eigen::VectorXd group_weights_of(const framework& fw, int group, const std::vector<int>& kids, const Eigen::MatrixXd& x,
                                        const weight_options& o, aggregation_result& out);

/// The weights of a group's children; a method's complaint names the group and its children
/// (the weight functions only know column numbers).
inline Eigen::VectorXd group_weights(const framework& fw, int group, const std::vector<int>& kids, const Eigen::MatrixXd& x,
                                     const weight_options& o, aggregation_result& out) {
    try {
        return group_weights_of(fw, group, kids, x, o, out);
    } catch (const method_error& e) {
        if (e.message().find("'" + fw.at(group).code + "'") != std::string::npos) throw;
        std::string children;
        for (std::size_t c = 0; c < kids.size(); ++c) children += (c ? ", " : "") + std::to_string(c) + " = " + fw.at(kids[c]).code;
        throw method_error("weighting the children of '" + fw.at(group).code + "' (columns " + children + "): " + e.message());
    }
}

inline Eigen::VectorXd group_weights_of(const framework& fw, int group, const std::vector<int>& kids, const Eigen::MatrixXd& x,
                                        const weight_options& o, aggregation_result& out) {
    const std::string& code = fw.at(group).code;
    const auto k = static_cast<Eigen::Index>(kids.size());
    Eigen::VectorXd w(k);
    switch (o.scheme) {
        case weighting::framework:
        case weighting::fixed:
            for (Eigen::Index c = 0; c < k; ++c) {
                const std::string& child = fw.at(kids[static_cast<std::size_t>(c)]).code;
                const auto f = o.fixed.find(child);
                w(c) = o.scheme == weighting::fixed && f != o.fixed.end() ? f->second : fw.at(kids[static_cast<std::size_t>(c)]).weight;
                if (!(w(c) >= 0) || !std::isfinite(w(c)))
                    throw error("the weight of '" + child + "' is " + std::to_string(w(c)) + "; it must be finite and non-negative");
            }
            return to_shares(w, "the weights of the children of '" + code + "'");
        case weighting::equal: return equal_weights(k);
        case weighting::entropy: return entropy_weights(x, o.zeros);
        case weighting::critic: return critic_weights(x, o.ddof, o.correlation);
        case weighting::vic: return vic_weights(x, o.correlation);
        case weighting::merec: return merec_weights(x);
        case weighting::gini: return gini_weights(x);
        case weighting::sd: return sd_weights(x, o.ddof);
        case weighting::variance: return variance_weights(x, o.ddof);
        case weighting::pca: {
            pca_weights_result p = pca_weights(x, code);
            if (!p.note.empty()) out.notes.push_back(p.note);
            return p.weights;
        }
        case weighting::ahp: {
            const auto m = o.pairwise.find(code);
            if (m == o.pairwise.end()) throw missing_variable_error("AHP weights: no comparison matrix for group '" + code + "'", code);
            if (m->second.rows() != k)
                throw method_error("AHP for '" + code + "': the comparison matrix has " + std::to_string(m->second.rows()) + " rows for " +
                                   std::to_string(k) + " children");
            ahp_result a = ahp_weights(m->second, o.ri, o.max_cr, o.accept_inconsistent, code);
            out.ahp[code] = a;
            return a.weights;
        }
    }
    return w;
}

inline void weighted_means(const framework& fw, int group, const std::vector<int>& kids, const Eigen::VectorXd& w,
                           const aggregate_options& o, Eigen::MatrixXd& s) {
    const double p = o.method == aggregation::arithmetic ? 1 : o.method == aggregation::geometric ? 0 : o.method == aggregation::harmonic ? -1 : o.power;
    if (!std::isfinite(p)) throw argument_error("aggregating '" + fw.at(group).code + "': the power of the generalised mean must be finite");
    const bool other_power = p != 1 && p != 0 && p != -1;
    for (Eigen::Index u = 0; u < s.rows(); ++u) {
        double num = 0, den = 0;
        // Other powers: x^p of x/ref, ref the largest (p > 0) or smallest (p < 0) child, so
        // that x^p cannot overflow (p = 1000 on scores of 100); M = ref · M(x/ref).
        double ref = other_power ? (p > 0 ? 0.0 : INFINITY) : 1.0;
        for (std::size_t c = 0; c < kids.size(); ++c) {
            const double x = s(u, kids[c]), wc = w(static_cast<Eigen::Index>(c));
            if (!present(x) || wc == 0) continue;
            if (p <= 0 ? !(x > 0) : !(x >= 0 || p == 1))
                throw method_error("aggregating '" + fw.at(group).code + "': a " + aggregation_names[static_cast<int>(o.method)] +
                                   " mean (p = " + std::to_string(p) + ") needs " + (p <= 0 ? "positive" : "non-negative") + " scores, and '" +
                                   fw.at(kids[c]).code + "' has " + std::to_string(x) + " (normalise to [1, 100] first)");
            if (other_power) ref = p > 0 ? std::max(ref, x) : std::min(ref, x);
        }
        if (other_power && !(ref > 0 && std::isfinite(ref))) ref = 1;  // all zero, or none present
        for (std::size_t c = 0; c < kids.size(); ++c) {
            const double x = s(u, kids[c]), wc = w(static_cast<Eigen::Index>(c));
            if (!present(x) || wc == 0) continue;
            num += p == 1 ? wc * x : p == 0 ? wc * std::log(x) : p == -1 ? wc / x : wc * std::pow(x / ref, p);
            den += wc;
        }
        if (den == 0) continue;  // every child missing: the aggregate is missing too
        s(u, group) = p == 1 ? num / den : p == 0 ? std::exp(num / den) : p == -1 ? den / num : ref * std::pow(num / den, 1 / p);
    }
}

}  // namespace detail

/// Scores of every node (columns in framework order) for every unit (rows), from the
/// normalised indicator matrix (columns in `fw.indicators()` order). `plans[L − 2]` says what
/// level L does (missing entries: weighted arithmetic mean with the framework's weights);
/// `excluded` nodes are left out as if absent (what-if analysis).
inline aggregation_result aggregate(const framework& fw, const Eigen::MatrixXd& normalised, const std::vector<level_plan>& plans = {},
                                    const std::vector<bool>& excluded = {}) {
    const auto units = normalised.rows();
    const auto n_nodes = static_cast<Eigen::Index>(fw.nodes().size());
    const auto& leaves = fw.indicators();
    if (normalised.cols() != static_cast<Eigen::Index>(leaves.size()))
        throw error("aggregate: " + std::to_string(normalised.cols()) + " columns for " + std::to_string(leaves.size()) + " indicators");
    aggregation_result out;
    out.scores = Eigen::MatrixXd::Constant(units, n_nodes, missing_value);
    out.weights = Eigen::VectorXd::Zero(n_nodes);
    for (std::size_t k = 0; k < leaves.size(); ++k) out.scores.col(leaves[k]) = normalised.col(static_cast<Eigen::Index>(k));
    auto is_excluded = [&](int k) { return static_cast<std::size_t>(k) < excluded.size() && excluded[static_cast<std::size_t>(k)]; };
    for (int level = 2; level <= fw.top_level(); ++level) {
        const level_plan plan = static_cast<std::size_t>(level - 2) < plans.size() ? plans[static_cast<std::size_t>(level - 2)] : level_plan{};
        const aggregate_options& o = plan.aggregate;
        for (int g = 0; g < n_nodes; ++g) {
            if (fw.at(g).level != level || fw.children(g).empty() || is_excluded(g)) continue;
            std::vector<int> kids;
            for (int c : fw.children(g))
                if (!is_excluded(c)) kids.push_back(c);
            if (kids.empty()) continue;
            const Eigen::MatrixXd x = detail::children_matrix(out.scores, kids);
            const Eigen::VectorXd w = detail::group_weights(fw, g, kids, x, plan.weights, out);
            for (std::size_t c = 0; c < kids.size(); ++c) out.weights(kids[c]) = w(static_cast<Eigen::Index>(c));
            switch (o.method) {
                case aggregation::arithmetic:
                case aggregation::geometric:
                case aggregation::harmonic:
                case aggregation::generalised: detail::weighted_means(fw, g, kids, w, o, out.scores); break;
                case aggregation::mpi: out.scores.col(g) = mazziotta_pareto(x, o.mpi_penalty); break;
                case aggregation::bod: out.scores.col(g) = benefit_of_the_doubt(x).score; break;
                case aggregation::copeland: out.scores.col(g) = copeland(x, w); break;
                case aggregation::topsis: out.scores.col(g) = topsis(x, w, {}, o.topsis_inner); break;
                case aggregation::vikor: out.scores.col(g) = (1 - vikor(x, w, {}, o.vikor_v).q.array()).matrix(); break;
            }
        }
        if (o.method == aggregation::mpi || o.method == aggregation::bod)
            out.notes.push_back("level " + std::to_string(level) + ": " + aggregation_names[static_cast<int>(o.method)] +
                                " ignores the weights (the children count equally, or each unit chooses its own)");
    }
    out.effective = Eigen::VectorXd::Zero(n_nodes);
    std::vector<int> stack;
    int roots = 0;
    for (int k = 0; k < n_nodes; ++k)
        if (fw.at(k).parent.empty() && !is_excluded(k)) ++roots;
    for (int k = 0; k < n_nodes; ++k)
        if (fw.at(k).parent.empty() && !is_excluded(k)) out.weights(k) = 1.0 / roots, stack.push_back(k);
    while (!stack.empty()) {
        const int k = stack.back();
        stack.pop_back();
        out.effective(k) = fw.at(k).parent.empty() ? out.weights(k) : out.effective(fw.find(fw.at(k).parent)) * out.weights(k);
        for (int c : fw.children(k))
            if (!is_excluded(c)) stack.push_back(c);
    }
    return out;
}

/// Scores of one level's nodes ranked, 1 = best; see statistics.hpp for ties.
inline Eigen::VectorXd rank_scores(const Eigen::Ref<const Eigen::VectorXd>& scores, ties rule = ties::min) { return rank(scores, true, rule); }

}  // namespace zhibiao::composite
