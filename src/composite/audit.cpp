// The audit of a built index (zhibiao/composite/audit.hpp), compiled once.
#include "zhibiao/composite/audit.hpp"

#include "zhibiao/detail/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace zhibiao::composite {
namespace detail {

int node_of(const framework& fw, const std::string& code) {
    const int k = fw.find(code);
    if (k >= 0) return k;
    // Case folded: node codes are often capitalised ("Conn"), and "A" for "a" is the likely slip.
    const auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    const std::string best = zhibiao::detail::closest_name(
        code, fw.nodes(), [](const node& n) -> std::string_view { return n.code; }, lower);
    throw unknown_indicator_error(
        "no node '" + code + "' in the framework" + (best.empty() ? "" : " (did you mean '" + best + "'?)"), code);
}

void contribute(const framework& fw, const result& r, const Eigen::MatrixXd& s, Eigen::Index u, int node, double factor,
                const std::vector<int>& leaf_column, Eigen::MatrixXd& out) {
    if (fw.children(node).empty()) {
        out(u, leaf_column[static_cast<std::size_t>(node)]) = factor * s(u, node);
        return;
    }
    double den = 0;
    for (int c : fw.children(node))
        if (present(s(u, c))) den += r.aggregation.weights(c);
    for (int c : fw.children(node))
        if (present(s(u, c)) && den > 0)
            contribute(fw, r, s, u, c, factor * r.aggregation.weights(c) / den, leaf_column, out);
}

}  // namespace detail

Eigen::MatrixXd contributions(const framework& fw, const result& r, const std::string& code) {
    const int node = detail::node_of(fw, code);
    for (int level = 2; level <= fw.at(node).level; ++level)
        if (r.plans[static_cast<std::size_t>(level - 2)].aggregate.method != aggregation::arithmetic)
            throw method_error(
                "contributions need arithmetic aggregation, and level " + std::to_string(level) + " uses " +
                aggregation_names[static_cast<int>(r.plans[static_cast<std::size_t>(level - 2)].aggregate.method)] +
                ": a mean other than the arithmetic has no parts that add up to the score; see what an indicator "
                "does with what_if (the index without it, each region's rank change), or rebuild with arithmetic "
                "aggregation");
    const auto& leaves = fw.indicators();
    std::vector<int> leaf_column(fw.nodes().size(), -1);
    for (std::size_t k = 0; k < leaves.size(); ++k)
        leaf_column[static_cast<std::size_t>(leaves[k])] = static_cast<int>(k);
    const Eigen::MatrixXd& s = r.aggregation.scores;
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(s.rows(), static_cast<Eigen::Index>(leaves.size()));
    for (Eigen::Index u = 0; u < s.rows(); ++u) {
        if (!detail::present(s(u, node))) {  // no score, nothing to split: missing, not zeros that sum to 0
            out.row(u).setConstant(missing_value);
            continue;
        }
        detail::contribute(fw, r, s, u, node, 1.0, leaf_column, out);
    }
    return out;
}

namespace {
// True when nothing under node k is left: k removed, or every child of it empty.
bool emptied(const framework& fw, int k, const std::vector<bool>& excluded) {
    if (excluded[static_cast<std::size_t>(k)]) return true;
    const auto& kids = fw.children(k);
    return !kids.empty() && std::all_of(kids.begin(), kids.end(), [&](int c) { return emptied(fw, c, excluded); });
}
}  // namespace

aggregation_result what_if(const framework& fw, const result& r, const std::vector<std::string>& codes) {
    std::vector<bool> excluded(fw.nodes().size(), false);
    for (const auto& code : codes) {
        const int k = detail::node_of(fw, code);
        // Without its root the index has nothing left to score: every result would be missing.
        if (fw.at(k).parent.empty())
            throw argument_error("what_if cannot remove '" + code +
                                 "': it is the index itself (no parent); remove some of its children instead");
        excluded[static_cast<std::size_t>(k)] = true;
    }
    for (int k = 0; k < static_cast<int>(fw.nodes().size()); ++k)
        if (fw.at(k).parent.empty() && emptied(fw, k, excluded))
            throw argument_error("what_if: removing every element under '" + fw.at(k).code +
                                 "' leaves the index nothing to score");
    return aggregate(fw, r.at("normalised").values, r.plans, excluded);
}

Eigen::VectorXd parent_correlations(const framework& fw, const result& r) {
    const Eigen::MatrixXd& s = r.aggregation.scores;
    Eigen::VectorXd out = Eigen::VectorXd::Constant(s.cols(), missing_value);
    for (int k = 0; k < static_cast<int>(fw.nodes().size()); ++k)
        if (!fw.at(k).parent.empty()) out(k) = detail::correlation(s.col(k), s.col(fw.find(fw.at(k).parent)));
    return out;
}

Eigen::VectorXd cronbach_alpha(const framework& fw, const result& r) {
    const Eigen::MatrixXd& s = r.aggregation.scores;
    Eigen::VectorXd out = Eigen::VectorXd::Constant(s.cols(), missing_value);
    for (int g = 0; g < static_cast<int>(fw.nodes().size()); ++g) {
        const auto& kids = fw.children(g);
        if (kids.size() < 2) continue;
        const Eigen::MatrixXd x = detail::children_matrix(s, kids);
        std::vector<Eigen::Index> rows;
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (!x.row(i).hasNaN()) rows.push_back(i);
        if (rows.size() < 2) continue;
        Eigen::MatrixXd c(static_cast<Eigen::Index>(rows.size()), x.cols());
        for (std::size_t i = 0; i < rows.size(); ++i) c.row(static_cast<Eigen::Index>(i)) = x.row(rows[i]);
        double item_var = 0;
        for (Eigen::Index j = 0; j < c.cols(); ++j) item_var += std::pow(detail::sd(c.col(j)), 2);
        const double total_var = std::pow(detail::sd(c.rowwise().sum()), 2);
        const double k = static_cast<double>(kids.size());
        out(g) = total_var > 0 ? k / (k - 1) * (1 - item_var / total_var) : missing_value;
    }
    return out;
}

removal_impact removal_impacts(const framework& fw, const result& r, std::string target) {
    if (target.empty())
        for (const auto& n : fw.nodes())
            if (n.parent.empty()) {
                target = n.code;
                break;
            }
    const int t = detail::node_of(fw, target);
    const Eigen::VectorXd base = rank_scores(r.aggregation.scores.col(t));
    removal_impact out{Eigen::VectorXd::Constant(static_cast<Eigen::Index>(fw.nodes().size()), missing_value),
                       Eigen::VectorXd::Constant(static_cast<Eigen::Index>(fw.nodes().size()), missing_value)};
    for (int k = 0; k < static_cast<int>(fw.nodes().size()); ++k) {
        if (fw.at(k).parent.empty() || fw.at(k).level >= fw.at(t).level) continue;
        std::vector<bool> excluded(fw.nodes().size(), false);
        excluded[static_cast<std::size_t>(k)] = true;  // an only child: the shifts stay missing
        const aggregation_result alt = aggregate(fw, r.at("normalised").values, r.plans, excluded);
        const Eigen::VectorXd shift = (rank_scores(alt.scores.col(t)) - base).cwiseAbs();
        double sum = 0, n = 0, mx = 0;
        detail::each_present(shift, [&](double e) { sum += e, ++n, mx = std::max(mx, e); });
        out.mean_shift(k) = n ? sum / n : missing_value;
        out.max_shift(k) = n ? mx : missing_value;
    }
    return out;
}

}  // namespace zhibiao::composite
