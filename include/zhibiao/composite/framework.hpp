#pragma once
// The framework of a composite index: a tree index → (sub-indices) → pillars → indicators, with
// a weight and a direction at every node (the shape of COINr's iMeta).
//
// Weights are relative within a group: a group's weights are normalised to sum to one when the
// index is aggregated, so 1, 1, 2 and 0.25, 0.25, 0.5 mean the same. A negative weight, a group
// whose weights sum to zero, an unknown parent and a cycle are errors naming the node.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "zhibiao/direction.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

struct node {
    std::string code;
    std::string parent;  ///< empty for the root
    double weight = 1;
    zhibiao::direction direction =
        zhibiao::direction::higher_is_better;  ///< of an indicator (benchmark is not a composite direction)
    int level = 1;                             ///< 1 = indicator, increasing towards the root

    node() = default;
    node(std::string code_, std::string parent_, double weight_ = 1,
         zhibiao::direction direction_ = zhibiao::direction::higher_is_better, int level_ = 1)
        : code(std::move(code_)), parent(std::move(parent_)), weight(weight_), direction(direction_), level(level_) {}
    /// The direction as a sign, +1 or −1, as frameworks were written before zhibiao::direction
    /// (COINr's iMeta does the same): kept so that such code still builds and means the same.
    node(std::string code_, std::string parent_, double weight_, int sign, int level_ = 1)
        : node(std::move(code_), std::move(parent_), weight_, direction_of_sign(sign), level_) {}

private:
    static zhibiao::direction direction_of_sign(int sign) {
        if (sign != 1 && sign != -1)
            throw argument_error("framework node: direction " + std::to_string(sign) + " (1 or -1)");
        return sign > 0 ? zhibiao::direction::higher_is_better : zhibiao::direction::lower_is_better;
    }
};

class framework {
public:
    /// Deeper trees are refused: real indices have 3 to 5 levels, and the aggregation plans one
    /// entry per level.
    static constexpr int max_level = 32;

    framework() = default;
    explicit framework(std::vector<node> nodes) : nodes_(std::move(nodes)) {
        for (std::size_t k = 0; k < nodes_.size(); ++k) {
            if (!index_.emplace(nodes_[k].code, static_cast<int>(k)).second)
                throw error("framework: node '" + nodes_[k].code + "' appears twice");
            if (nodes_[k].weight != nodes_[k].weight)
                throw error("framework: node '" + nodes_[k].code + "' has a missing (NaN) weight");
            if (!std::isfinite(nodes_[k].weight))
                throw error("framework: node '" + nodes_[k].code + "' has an infinite weight");
            if (nodes_[k].weight < 0) throw error("framework: node '" + nodes_[k].code + "' has a negative weight");
            if (nodes_[k].level < 1 || nodes_[k].level > max_level)
                throw error("framework: node '" + nodes_[k].code + "' has level " + std::to_string(nodes_[k].level) +
                            " (1 to " + std::to_string(max_level) + "; indicators are level 1)");
            if (nodes_[k].direction != direction::higher_is_better && nodes_[k].direction != direction::lower_is_better)
                throw error("framework: node '" + nodes_[k].code + "' has direction " +
                            std::to_string(sign_of(nodes_[k].direction)) + " (+1 or -1)");
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
                throw error("framework: node '" + n.code + "' has an unknown parent '" + n.parent + "'");
            if (nodes_[static_cast<std::size_t>(p->second)].level <= n.level)
                throw error("framework: parent '" + n.parent + "' of '" + n.code + "' must be at a higher level");
            children_[static_cast<std::size_t>(p->second)].push_back(static_cast<int>(k));
        }
        if (roots_.empty()) throw error("framework: no root (a node without a parent)");
        for (std::size_t k = 0; k < nodes_.size(); ++k) {
            if (children_[k].empty()) {
                if (nodes_[k].level != 1) throw error("framework: aggregate '" + nodes_[k].code + "' has no children");
                indicators_.push_back(static_cast<int>(k));
                continue;
            }
            double sum = 0;
            for (int c : children_[k]) sum += nodes_[static_cast<std::size_t>(c)].weight;
            if (!(sum > 0))
                throw error("framework: the weights of the children of '" + nodes_[k].code + "' sum to zero");
        }
    }

    // Copies on a temporary framework, never references into it.
    const std::vector<node>& nodes() const& { return nodes_; }
    std::vector<node> nodes() && { return std::move(nodes_); }
    const node& at(int k) const& { return nodes_[static_cast<std::size_t>(k)]; }
    node at(int k) && { return nodes_[static_cast<std::size_t>(k)]; }
    int find(const std::string& code) const {
        auto it = index_.find(code);
        return it == index_.end() ? -1 : it->second;
    }
    const std::vector<int>& children(int k) const& { return children_[static_cast<std::size_t>(k)]; }
    std::vector<int> children(int k) && { return children_[static_cast<std::size_t>(k)]; }
    /// The indicators (level-1 leaves), in framework order.
    const std::vector<int>& indicators() const& { return indicators_; }
    std::vector<int> indicators() && { return std::move(indicators_); }
    int top_level() const {
        int top = 1;
        for (const auto& n : nodes_) top = std::max(top, n.level);
        return top;
    }

    /// Each node's weight in the whole index: the product, down the tree, of its weight
    /// normalised within its group (COINr's effective weights).
    Eigen::VectorXd effective_weights() const {
        Eigen::VectorXd w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(nodes_.size()));
        for (int r : roots_) fill(r, 1.0 / static_cast<double>(roots_.size()), w);
        return w;
    }

private:
    void fill(int k, double weight, Eigen::VectorXd& w) const {
        w(k) = weight;
        double sum = 0;
        for (int c : children(k)) sum += at(c).weight;
        for (int c : children(k)) fill(c, weight * at(c).weight / sum, w);
    }

    std::vector<node> nodes_;
    std::unordered_map<std::string, int> index_;
    std::vector<std::vector<int>> children_;
    std::vector<int> roots_;
    std::vector<int> indicators_;
};

}  // namespace zhibiao::composite
