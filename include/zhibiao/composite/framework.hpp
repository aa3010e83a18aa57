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
    static zhibiao::direction direction_of_sign(int sign);
};

class framework {
public:
    /// Deeper trees are refused: real indices have 3 to 5 levels, and the aggregation plans one
    /// entry per level.
    static constexpr int max_level = 32;

    framework() = default;
    explicit framework(std::vector<node> nodes);

    // Copies on a temporary framework, never references into it.
    const std::vector<node>& nodes() const& { return nodes_; }
    std::vector<node> nodes() && { return std::move(nodes_); }
    /// Node k; k outside [0, size) (find's -1 among them) is an argument_error naming k and the size.
    const node& at(int k) const& { return nodes_[checked(k)]; }
    node at(int k) && { return nodes_[checked(k)]; }
    /// The position of the node `code`, or -1 when there is none (test before using it as an
    /// index: `scores.col(find(code))` with -1 reads out of bounds). index_of() throws instead.
    int find(const std::string& code) const;
    /// The position of the node `code`; an unknown code is an unknown_indicator_error with
    /// "did you mean" (the one to use for a column of the aggregation's scores).
    int index_of(const std::string& code) const;
    /// The children of node k (checked as at()).
    const std::vector<int>& children(int k) const& { return children_[checked(k)]; }
    std::vector<int> children(int k) && { return children_[checked(k)]; }
    std::size_t size() const { return nodes_.size(); }
    /// The indicators (level-1 leaves), in framework order.
    const std::vector<int>& indicators() const& { return indicators_; }
    std::vector<int> indicators() && { return std::move(indicators_); }
    int top_level() const;

    /// Each node's weight in the whole index: the product, down the tree, of its weight
    /// normalised within its group (COINr's effective weights).
    Eigen::VectorXd effective_weights() const;

private:
    void fill(int k, double weight, Eigen::VectorXd& w) const;
    std::size_t checked(int k) const {
        if (k < 0 || static_cast<std::size_t>(k) >= nodes_.size())
            throw argument_error("framework: no node " + std::to_string(k) + " (the framework has " +
                                 std::to_string(nodes_.size()) + " nodes, 0 to size − 1)");
        return static_cast<std::size_t>(k);
    }

    std::vector<node> nodes_;
    std::unordered_map<std::string, int> index_;
    std::vector<std::vector<int>> children_;
    std::vector<int> roots_;
    std::vector<int> indicators_;
};

}  // namespace zhibiao::composite
