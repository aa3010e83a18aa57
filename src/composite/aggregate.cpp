// Aggregation level by level (zhibiao/composite/aggregate.hpp), compiled once.
#include "zhibiao/composite/aggregate.hpp"
#include "code_suggestion.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/composite/options.hpp"
#include "composite/position_labels.hpp"

#include "zhibiao/detail/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace zhibiao::composite {
namespace detail {

namespace {
/// A whole-matrix method knows its children as criteria by column number: its complaint is said
/// again naming the group and the child ("criterion 1" becomes "child 'b'"), the child as the
/// error's variable.
template <class Method>
Eigen::VectorXd naming_child(const framework& fw, int group, const std::vector<int>& kids, Method&& method) {
    try {
        return method();
    } catch (const method_error& e) {
        position_labels children;
        for (int kid : kids) children.labels.push_back(fw.at(kid).code);
        children.word = "child";
        const labelled_text said = label_positions(e.message(), {}, children);
        location where = e.where();
        if (said.criterion) where.variable = *said.criterion;
        const std::string& text = said.text;
        throw method_error("aggregating '" + fw.at(group).code + "': " + text, where);
    }
}
}  // namespace

Eigen::MatrixXd children_matrix(const Eigen::MatrixXd& s, const std::vector<int>& kids) {
    Eigen::MatrixXd x(s.rows(), static_cast<Eigen::Index>(kids.size()));
    for (std::size_t c = 0; c < kids.size(); ++c) x.col(static_cast<Eigen::Index>(c)) = s.col(kids[c]);
    return x;
}

Eigen::VectorXd group_weights_of(const framework& fw, int group, const std::vector<int>& kids, const Eigen::MatrixXd& x,
                                 const weight_options& o, aggregation_result& out);

/// The weights of a group's children; a method's complaint names the group and its children
/// (the weight functions only know column numbers).
Eigen::VectorXd group_weights(const framework& fw, int group, const std::vector<int>& kids, const Eigen::MatrixXd& x,
                              const weight_options& o, aggregation_result& out) {
    try {
        return group_weights_of(fw, group, kids, x, o, out);
    } catch (const method_error& e) {
        if (e.message().find("'" + fw.at(group).code + "'") != std::string::npos) throw;
        std::string children;
        for (std::size_t c = 0; c < kids.size(); ++c)
            children += (c ? ", " : "") + std::to_string(c) + " = " + fw.at(kids[c]).code;
        throw method_error("weighting the children of '" + fw.at(group).code + "' (columns " + children +
                           "): " + e.message());
    }
}

Eigen::VectorXd group_weights_of(const framework& fw, int group, const std::vector<int>& kids, const Eigen::MatrixXd& x,
                                 const weight_options& o, aggregation_result& out) {
    const std::string& code = fw.at(group).code;
    const auto k = static_cast<Eigen::Index>(kids.size());
    Eigen::VectorXd w(k);
    // Entropy, CRITIC, SD, variance, PCA and Gini are computed from the values present (column by
    // column, correlations over the units both columns have); MEREC and VIC need whole rows and
    // refuse. Computing from fewer units is said, with how many cells were left out.
    const char* from_present = o.scheme == weighting::entropy    ? "entropy"
                               : o.scheme == weighting::critic   ? "CRITIC"
                               : o.scheme == weighting::sd       ? "standard-deviation"
                               : o.scheme == weighting::variance ? "variance"
                               : o.scheme == weighting::gini     ? "Gini"
                                                                 : nullptr;
    if (o.scheme == weighting::pca) {  // PCA: the regions with every value (COINr's get_PCA, na.omit)
        const auto cells = (x.array() != x.array()).count();
        const auto rows = (x.array() != x.array()).rowwise().any().count();
        if (rows > 0)
            out.notes.push_back("PCA weights of the children of '" + code +
                                "' computed from the regions with every value (complete cases, as COINr's "
                                "get_PCA): " +
                                zhibiao::detail::counted(rows, "region") + " of " + std::to_string(x.rows()) +
                                " left out for " + zhibiao::detail::counted(cells, "missing cell") +
                                " (impute first to weigh every region alike)");
    }
    if (from_present) {
        const auto missing = (x.array() != x.array()).count();
        if (missing > 0)
            out.notes.push_back(std::string(from_present) + " weights of the children of '" + code +
                                "' computed from the values present: " + std::to_string(missing) + " of " +
                                std::to_string(x.size()) +
                                " cells missing, left out (impute first to weigh every "
                                "region alike)");
    }
    switch (o.scheme) {
        case weighting::framework:
        case weighting::fixed:
            for (Eigen::Index c = 0; c < k; ++c) {
                const std::string& child = fw.at(kids[static_cast<std::size_t>(c)]).code;
                const auto f = o.fixed.find(child);
                w(c) = o.scheme == weighting::fixed && f != o.fixed.end()
                           ? f->second
                           : fw.at(kids[static_cast<std::size_t>(c)]).weight;
                if (!(w(c) >= 0) || !std::isfinite(w(c))) {
                    location where;
                    where.variable = child;
                    throw argument_error("the weight of '" + child + "' is " + detail::format_number(w(c)) +
                                             "; it must be finite and non-negative",
                                         where);
                }
            }
            return to_shares(w, "the weights of the children of '" + code + "'");
        case weighting::equal:
            return equal_weights(k);
        case weighting::entropy:
            return entropy_weights(x, o.zeros);
        case weighting::critic:
            return critic_weights(x, o.ddof, o.correlation);
        case weighting::vic:
            return vic_weights(x, o.correlation);
        case weighting::merec:
            return merec_weights(x);
        case weighting::gini:
            return gini_weights(x);
        case weighting::sd:
            return sd_weights(x, o.ddof);
        case weighting::variance:
            return variance_weights(x, o.ddof);
        case weighting::pca: {
            std::vector<std::string> names;
            for (const int kid : kids) names.push_back(fw.at(kid).code);
            pca_weights_result p = pca_weights(x, code, names);
            if (!p.note.empty()) out.notes.push_back(p.note);
            return p.weights;
        }
        case weighting::ahp: {
            const auto m = o.pairwise.find(code);
            if (m == o.pairwise.end()) {
                // A matrix given under a misspelt group is the likely cause: name it.
                std::string given;
                for (const auto& entry : o.pairwise) given += (given.empty() ? "" : ", ") + entry.first;
                const std::string hint = zhibiao::detail::closest_name(
                    code, o.pairwise, [](const auto& entry) -> std::string_view { return entry.first; },
                    zhibiao::detail::as_written);
                throw missing_variable_error(
                    "AHP weights: no comparison matrix for group '" + code + "'" +
                        (given.empty() ? "" : " (matrices given for: " + given + ")") +
                        (hint.empty() ? "" : "; is '" + hint + "' meant to be '" + code + "'?"),
                    code);
            }
            if (m->second.rows() != k)
                throw method_error("AHP for '" + code + "': the comparison matrix has " +
                                   zhibiao::detail::counted(m->second.rows(), "row") + " for " +
                                   zhibiao::detail::counted(k, "child", "children"));
            ahp_result a = ahp_weights(m->second, o.ri, o.max_cr, o.accept_inconsistent, code, o.priority);
            out.ahp[code] = a;
            return a.weights;
        }
    }
    return w;
}

/// Whether the power mean of order p of children in [lo, hi] (all > 0) is their geometric mean to
/// within rounding: M_p = G·exp(p/2·Var(log x) + O(p²)), and Var(log x) ≤ log(hi/lo)²/4, so the
/// relative difference is at most |p|·log(hi/lo)²/8 — below DBL_EPSILON/2 it is lost in rounding.
/// (Far smaller p would also make p·log(x/ref) subnormal, and the general form imprecise.)
bool near_geometric(double p, double lo, double hi) {
    if (!(lo > 0)) return false;
    const double spread = std::log(hi / lo);
    return std::abs(p) * spread * spread / 8 <= std::numeric_limits<double>::epsilon() / 2;
}

void weighted_means(const framework& fw, int group, const std::vector<int>& kids, const Eigen::VectorXd& w,
                    const aggregate_options& o, Eigen::MatrixXd& s) {
    const double p = o.method == aggregation::arithmetic  ? 1
                     : o.method == aggregation::geometric ? 0
                     : o.method == aggregation::harmonic  ? -1
                                                          : o.power;
    if (!std::isfinite(p))
        throw argument_error("aggregating '" + fw.at(group).code +
                             "': the power of the generalised mean must be finite");
    const bool other_power = p != 1 && p != 0 && p != -1;
    if (p == 1) {
        // The arithmetic mean child by child down the columns (the rows below walk across columns
        // of a column-major matrix): each row's sums take the same terms in the same order.
        Eigen::VectorXd num = Eigen::VectorXd::Zero(s.rows()), den = Eigen::VectorXd::Zero(s.rows());
        for (std::size_t c = 0; c < kids.size(); ++c) {
            const double wc = w(static_cast<Eigen::Index>(c));
            if (wc == 0) continue;
            const auto x = s.col(kids[c]);
            for (Eigen::Index u = 0; u < s.rows(); ++u)
                if (present(x(u))) num(u) += wc * x(u), den(u) += wc;
        }
        for (Eigen::Index u = 0; u < s.rows(); ++u)
            if (den(u) != 0) s(u, group) = num(u) / den(u);  // every child missing: the aggregate is missing too
        return;
    }
    for (Eigen::Index u = 0; u < s.rows(); ++u) {
        double num = 0, den = 0;
        // Other powers: x^p of x/ref, ref the largest (p > 0) or smallest (p < 0) child, so
        // that x^p cannot overflow (p = 1000 on scores of 100); M = ref · M(x/ref).
        double ref = other_power ? (p > 0 ? 0.0 : INFINITY) : 1.0;
        double lo = INFINITY, hi = -INFINITY;
        for (std::size_t c = 0; c < kids.size(); ++c) {
            const double x = s(u, kids[c]), wc = w(static_cast<Eigen::Index>(c));
            if (!present(x) || wc == 0) continue;
            lo = std::min(lo, x), hi = std::max(hi, x);
            if (p <= 0 ? !(x > 0) : !(x >= 0 || p == 1))
                throw method_error("aggregating '" + fw.at(group).code + "' for unit " + std::to_string(u) + ": a " +
                                   aggregation_names[static_cast<int>(o.method)] + " mean" +
                                   (o.method == aggregation::generalised ? " (p = " + format_number(p) + ")" : "") +
                                   " needs " + (p <= 0 ? "positive" : "non-negative") + " scores, and '" +
                                   fw.at(kids[c]).code + "' has " + format_number(x) +
                                   " (normalise to [1, 100] first)");
            if (other_power) ref = p > 0 ? std::max(ref, x) : std::min(ref, x);
        }
        if (other_power && !(ref > 0 && std::isfinite(ref))) ref = 1;  // all zero, or none present
        // A power this close to 0 is the geometric mean to within rounding (see near_geometric).
        const bool as_geometric = p == 0 || (other_power && near_geometric(p, lo, hi));
        const double q = as_geometric ? 0 : p;
        for (std::size_t c = 0; c < kids.size(); ++c) {
            const double x = s(u, kids[c]), wc = w(static_cast<Eigen::Index>(c));
            if (!present(x) || wc == 0) continue;
            // Other powers as Σ w·expm1(p·log(x/ref)): (x/ref)^p - 1 kept to full precision, which
            // pow(x/ref, p) loses when p is near 0 (sums of 1 + tiny, then raised to 1/p).
            num += q == 1    ? wc * x
                   : q == 0  ? wc * std::log(x)
                   : q == -1 ? wc / x
                             : wc * std::expm1(q * std::log(x / ref));
            den += wc;
        }
        if (den == 0) continue;  // every child missing: the aggregate is missing too
        // Every power mean lies between its smallest and largest child; exp(Σ w·log x / Σ w) of
        // scores all 100 gives 100.00000000000004 by rounding, above the normalised range, so the
        // mean is held to [smallest, largest] child (what it is in exact arithmetic). The
        // arithmetic mean above takes no log or power and is left as COINr computes it (the
        // anchors); uncertainty_fast.cpp holds its means alike, bit for bit.
        s(u, group) = std::clamp(q == 1    ? num / den
                                 : q == 0  ? std::exp(num / den)
                                 : q == -1 ? den / num
                                           : ref * std::exp(std::log1p(num / den) / q),
                                 lo, hi);
    }
}

/// COINr's dat_thresh: the score of group `g` made missing for each unit whose share of present
/// children, sum(!is.na(x))/length(x) over all of `kids` (R/aggregate.R, Aggregate.data.frame),
/// is below `threshold`.
void below_availability(Eigen::MatrixXd& s, int g, const std::vector<int>& kids, double threshold) {
    const auto n = static_cast<double>(kids.size());
    for (Eigen::Index u = 0; u < s.rows(); ++u) {
        double present_children = 0;
        for (int c : kids) present_children += present(s(u, c)) ? 1 : 0;
        if (present_children / n < threshold) s(u, g) = missing_value;
    }
}

/// A fixed weight for a name that is no node would be silently unused (a typo, or "A1" for
/// "a1"): refused, naming the nearest node.
void check_fixed_names(const framework& fw, const std::vector<level_plan>& plans) {
    for (const level_plan& plan : plans)
        for (const auto& [code, weight] : plan.weights.fixed)
            if (fw.find(code) < 0)
                throw unknown_indicator_error(
                    "fixed weight for '" + code + "': no node of that code in the framework" +
                        detail::code_suggestion(code, fw.nodes(),
                                                [](const node& n) { return std::string_view(n.code); }),
                    code);
}

}  // namespace detail

/// Scores of every node (columns in framework order) for every unit (rows), from the
/// normalised indicator matrix (columns in `fw.indicators()` order). `plans[L − 2]` says what
/// level L does (missing entries: weighted arithmetic mean with the framework's weights);
/// `excluded` nodes are left out as if absent (what-if analysis).
aggregation_result aggregate(const framework& fw, const Eigen::Ref<const Eigen::MatrixXd>& normalised,
                             const std::vector<level_plan>& plans, const std::vector<bool>& excluded) {
    const auto units = normalised.rows();
    const auto n_nodes = static_cast<Eigen::Index>(fw.nodes().size());
    const auto& leaves = fw.indicators();
    if (normalised.cols() != static_cast<Eigen::Index>(leaves.size()))
        throw argument_error("aggregate: " + zhibiao::detail::counted(normalised.cols(), "column") + " for " +
                             zhibiao::detail::counted(leaves.size(), "indicator") +
                             " (one column per indicator expected)");
    detail::check_fixed_names(fw, plans);
    aggregation_result out;
    out.scores = Eigen::MatrixXd::Constant(units, n_nodes, missing_value);
    out.weights = Eigen::VectorXd::Zero(n_nodes);
    for (std::size_t k = 0; k < leaves.size(); ++k)
        out.scores.col(leaves[k]) = normalised.col(static_cast<Eigen::Index>(k));
    auto is_excluded = [&](int k) {
        return static_cast<std::size_t>(k) < excluded.size() && excluded[static_cast<std::size_t>(k)];
    };
    for (int level = 2; level <= fw.top_level(); ++level) {
        const level_plan plan = static_cast<std::size_t>(level - 2) < plans.size()
                                    ? plans[static_cast<std::size_t>(level - 2)]
                                    : level_plan{};
        const aggregate_options& o = plan.aggregate;
        for (int g = 0; g < n_nodes; ++g) {
            if (fw.at(g).level != level || fw.children(g).empty() || is_excluded(g)) continue;
            std::vector<int> kids;
            for (int c : fw.children(g))
                if (!is_excluded(c)) kids.push_back(c);
            if (kids.empty()) continue;
            // The children's matrix for the methods that read it (data-driven weights, whole-matrix
            // aggregations); weighted means with given weights read the scores in place.
            const bool given_weights = plan.weights.scheme == weighting::framework ||
                                       plan.weights.scheme == weighting::fixed ||
                                       plan.weights.scheme == weighting::equal || plan.weights.scheme == weighting::ahp;
            const bool means = o.method == aggregation::arithmetic || o.method == aggregation::geometric ||
                               o.method == aggregation::harmonic || o.method == aggregation::generalised;
            const Eigen::MatrixXd x =
                given_weights && means ? Eigen::MatrixXd() : detail::children_matrix(out.scores, kids);
            const Eigen::VectorXd w = detail::group_weights(fw, g, kids, x, plan.weights, out);
            for (std::size_t c = 0; c < kids.size(); ++c) out.weights(kids[c]) = w(static_cast<Eigen::Index>(c));
            switch (o.method) {
                case aggregation::arithmetic:
                case aggregation::geometric:
                case aggregation::harmonic:
                case aggregation::generalised:
                    detail::weighted_means(fw, g, kids, w, o, out.scores);
                    break;
                case aggregation::mpi:
                    out.scores.col(g) =
                        detail::naming_child(fw, g, kids, [&] { return mazziotta_pareto(x, o.mpi_penalty); });
                    break;
                case aggregation::bod:
                    out.scores.col(g) =
                        detail::naming_child(fw, g, kids, [&] { return benefit_of_the_doubt(x).score; });
                    break;
                case aggregation::copeland:
                    out.scores.col(g) = detail::naming_child(fw, g, kids, [&] { return copeland(x, w); });
                    break;
                case aggregation::topsis:
                    out.scores.col(g) =
                        detail::naming_child(fw, g, kids, [&] { return topsis(x, w, {}, o.topsis_inner); });
                    break;
                case aggregation::vikor:
                    out.scores.col(g) = detail::naming_child(
                        fw, g, kids, [&] { return Eigen::VectorXd(1 - vikor(x, w, {}, o.vikor_v).q.array()); });
                    break;
                case aggregation::waspas:
                    out.scores.col(g) = detail::naming_child(
                        fw, g, kids, [&] { return waspas(x, w, {}, o.wsm_share, o.waspas_inner).score; });
                    break;
                case aggregation::mean_min:
                    out.scores.col(g) =
                        detail::naming_child(fw, g, kids, [&] { return mean_min(x, o.mm_alpha, o.mm_beta); });
                    break;
            }
            if (o.min_availability > 0) detail::below_availability(out.scores, g, kids, o.min_availability);
        }
        if (o.method == aggregation::mpi || o.method == aggregation::bod || o.method == aggregation::mean_min)
            out.notes.push_back("level " + std::to_string(level) + ": " +
                                aggregation_names[static_cast<int>(o.method)] +
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
        out.effective(k) =
            fw.at(k).parent.empty() ? out.weights(k) : out.effective(fw.find(fw.at(k).parent)) * out.weights(k);
        for (int c : fw.children(k))
            if (!is_excluded(c)) stack.push_back(c);
    }
    return out;
}

Eigen::VectorXd rank_scores(const Eigen::Ref<const Eigen::VectorXd>& scores, ties rule) {
    return rank(scores, true, rule);
}

}  // namespace zhibiao::composite
