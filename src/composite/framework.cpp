// The framework of zhibiao/composite/framework.hpp, compiled once: its checks and the hash map
// of codes are instantiated here rather than in every file that includes the header.
#include "zhibiao/composite/framework.hpp"
#include "code_suggestion.hpp"

#include "zhibiao/detail/edit_distance.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace zhibiao::composite {

namespace {
/// Where a framework error is: the node, which a model file's reader turns into its line.
location at_node(const std::string& code) {
    location w;
    w.variable = code;
    return w;
}
}  // namespace

zhibiao::direction node::direction_of_sign(int sign) {
    if (sign != 1 && sign != -1)
        throw argument_error("framework node: direction " + std::to_string(sign) + " (1 or -1)");
    return sign > 0 ? zhibiao::direction::higher_is_better : zhibiao::direction::lower_is_better;
}

namespace {
// A code is matched as written (a column, a model's [[node]], a result's column): ' a' would never
// meet the data's 'a' and failed only at build, far from where it was written (Framework.flat).
void refuse_stray_space(const std::string& code, const char* what) {
    const std::string note = lookup_error::stray_space_note(code);
    if (!note.empty())
        throw argument_error(std::string("framework: ") + what + " '" + code +
                             "' has white space at an end, and codes are matched as written (strip it)" + note);
}
}  // namespace

namespace {
/// A parent at the child's level or below: the node itself, a cycle (a → b → a: levels cannot all
/// rise around it, so every cycle meets this), or a parent placed too low; said as which.
[[noreturn]] void refuse_parent_level(const std::vector<node>& nodes, const std::unordered_map<std::string, int>& index,
                                      std::size_t k) {
    const node& n = nodes[k];
    if (n.parent == n.code) throw argument_error("framework: node '" + n.code + "' is its own parent", at_node(n.code));
    std::string path = n.code;
    std::string at = n.parent;
    for (std::size_t step = 0; step <= nodes.size() && !at.empty(); ++step) {
        path += " → " + at;
        if (at == n.code)
            throw argument_error(
                "framework: the parents form a cycle (" + path + "); each node's parent must be at a higher level",
                at_node(n.code));
        auto it = index.find(at);
        if (it == index.end()) break;
        at = nodes[static_cast<std::size_t>(it->second)].parent;
    }
    const node& p = nodes[static_cast<std::size_t>(index.at(n.parent))];
    throw argument_error("framework: parent '" + n.parent + "' (level " + std::to_string(p.level) + ") of '" + n.code +
                             "' (level " + std::to_string(n.level) + ") must be at a higher level",
                         at_node(n.code));
}
}  // namespace

framework::framework(std::vector<node> nodes) : nodes_(std::move(nodes)) {
    for (const node& n : nodes_) {
        refuse_stray_space(n.code, "node");
        refuse_stray_space(n.parent, "the parent");
    }
    for (std::size_t k = 0; k < nodes_.size(); ++k) {
        if (!index_.emplace(nodes_[k].code, static_cast<int>(k)).second)
            throw argument_error("framework: node '" + nodes_[k].code + "' appears twice", at_node(nodes_[k].code));
        if (nodes_[k].weight != nodes_[k].weight)
            throw argument_error("framework: node '" + nodes_[k].code + "' has a missing (NaN) weight",
                                 at_node(nodes_[k].code));
        if (!std::isfinite(nodes_[k].weight))
            throw argument_error("framework: node '" + nodes_[k].code + "' has an infinite weight",
                                 at_node(nodes_[k].code));
        if (nodes_[k].weight < 0)
            throw argument_error("framework: node '" + nodes_[k].code + "' has a negative weight",
                                 at_node(nodes_[k].code));
        if (nodes_[k].level < 1 || nodes_[k].level > max_level)
            throw argument_error("framework: node '" + nodes_[k].code + "' has level " +
                                     std::to_string(nodes_[k].level) + " (1 to " + std::to_string(max_level) +
                                     "; indicators are level 1)",
                                 at_node(nodes_[k].code));
        if (nodes_[k].direction != direction::higher_is_better && nodes_[k].direction != direction::lower_is_better)
            throw argument_error("framework: node '" + nodes_[k].code + "' has direction " +
                                     std::to_string(sign_of(nodes_[k].direction)) + " (+1 or -1)",
                                 at_node(nodes_[k].code));
    }
    children_.assign(nodes_.size(), {});
    for (std::size_t k = 0; k < nodes_.size(); ++k) {
        const node& n = nodes_[k];
        if (n.parent.empty()) {
            roots_.push_back(static_cast<int>(k));
            continue;
        }
        auto p = index_.find(n.parent);
        if (p == index_.end())
            throw lookup_error(
                "framework: node '" + n.code + "' has an unknown parent '" + n.parent + "'" +
                    detail::code_suggestion(n.parent, nodes_, [](const node& x) -> std::string_view { return x.code; }),
                n.parent, at_node(n.code));
        if (nodes_[static_cast<std::size_t>(p->second)].level <= n.level) refuse_parent_level(nodes_, index_, k);
        children_[static_cast<std::size_t>(p->second)].push_back(static_cast<int>(k));
    }
    if (roots_.empty()) throw argument_error("framework: no root (a node without a parent)");
    for (std::size_t k = 0; k < nodes_.size(); ++k) {
        if (children_[k].empty()) {
            if (nodes_[k].level != 1)
                throw argument_error("framework: aggregate '" + nodes_[k].code + "' has no children",
                                     at_node(nodes_[k].code));
            indicators_.push_back(static_cast<int>(k));
            continue;
        }
        double sum = 0;
        for (int c : children_[k]) sum += nodes_[static_cast<std::size_t>(c)].weight;
        if (!(sum > 0))
            throw argument_error("framework: the weights of the children of '" + nodes_[k].code + "' sum to zero",
                                 at_node(nodes_[k].code));
    }
}

int framework::find(const std::string& code) const {
    auto it = index_.find(code);
    return it == index_.end() ? -1 : it->second;
}

int framework::index_of(const std::string& code) const {
    auto it = index_.find(code);
    if (it != index_.end()) return it->second;
    throw unknown_indicator_error(
        "framework: no node '" + code + "'" +
            detail::code_suggestion(code, nodes_, [](const node& n) -> std::string_view { return n.code; }),
        code);
}

int framework::top_level() const {
    int top = 1;
    for (const auto& n : nodes_) top = std::max(top, n.level);
    return top;
}

Eigen::VectorXd framework::effective_weights() const {
    Eigen::VectorXd w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(nodes_.size()));
    for (int r : roots_) fill(r, 1.0 / static_cast<double>(roots_.size()), w);
    return w;
}

void framework::fill(int k, double weight, Eigen::VectorXd& w) const {
    w(k) = weight;
    double sum = 0;
    for (int c : children(k)) sum += at(c).weight;
    for (int c : children(k)) fill(c, weight * at(c).weight / sum, w);
}

}  // namespace zhibiao::composite
