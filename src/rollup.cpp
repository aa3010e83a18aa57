// Roll-up: sums per (parent, period) with coverage counts.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "zhibiao/rollup.hpp"

namespace zhibiao {

std::unordered_map<std::string, std::string> admin_parents(const panel& p, admin_level level) {
    std::unordered_map<std::string, std::string> map;
    for (const auto& e : p.entities()) {
        std::string parent = admin_parent(e.code);
        if (level != admin_level::unknown)
            while (!parent.empty() && admin_level_of(parent) != level) parent = admin_parent(parent);
        if (!parent.empty()) map[e.code] = parent;
    }
    return map;
}

namespace {

void check_map(const panel& p, const std::unordered_map<std::string, std::string>& parent_of) {
    std::vector<std::string> orphans;
    for (const auto& e : p.entities())
        if (!parent_of.count(e.code)) orphans.push_back(e.code);
    if (!orphans.empty()) {
        std::string list;
        for (std::size_t k = 0; k < orphans.size() && k < 10; ++k) list += (k ? ", " : "") + orphans[k];
        if (orphans.size() > 10) list += " and " + std::to_string(orphans.size() - 10) + " more";
        throw error(std::to_string(orphans.size()) + " entit" + (orphans.size() == 1 ? "y has" : "ies have") +
                    " no parent in the map: " + list);
    }
    // A cycle: following parents from any code comes back to it.
    for (const auto& [child, first_parent] : parent_of) {
        std::vector<std::string> path = {child};
        std::string at = first_parent;
        while (true) {
            auto seen = std::find(path.begin(), path.end(), at);
            if (seen != path.end()) {
                std::string cycle;
                for (auto it = seen; it != path.end(); ++it) cycle += *it + " → ";
                throw error("the parent map has a cycle: " + cycle + at);
            }
            path.push_back(at);
            auto next = parent_of.find(at);
            if (next == parent_of.end() || path.size() > parent_of.size() + 1) break;
            at = next->second;
        }
    }
}

}  // namespace

rollup_result rollup(const panel& p, const std::unordered_map<std::string, std::string>& parent_of,
                     const rollup_options& options, const catalogue& cat) {
    check_map(p, parent_of);
    rollup_result result;
    // Parents in order of first appearance of their children; children per parent.
    std::vector<entity> parents;
    std::unordered_map<std::string, std::int32_t> parent_index;
    std::vector<std::int32_t> parent_of_entity(p.entities().size());
    for (std::size_t e = 0; e < p.entities().size(); ++e) {
        const std::string& parent = parent_of.at(p.entities()[e].code);
        auto [it, inserted] = parent_index.emplace(parent, static_cast<std::int32_t>(parents.size()));
        if (inserted) {
            auto grand = parent_of.find(parent);
            parents.push_back({parent, "", grand != parent_of.end() ? grand->second : admin_parent(parent)});
        }
        parent_of_entity[e] = it->second;
    }
    std::vector<std::size_t> children(parents.size(), 0);
    for (auto idx : parent_of_entity) ++children[static_cast<std::size_t>(idx)];

    // Output rows: (parent, period) pairs that occur, in order of first occurrence.
    const std::size_t n_periods = p.periods().size();
    std::unordered_map<std::int64_t, std::int32_t> out_row;
    std::vector<std::int32_t> out_parent, out_period, row_target(p.rows());
    for (std::size_t r = 0; r < p.rows(); ++r) {
        const std::int64_t parent = parent_of_entity[static_cast<std::size_t>(p.entity_of_row()[r])];
        const std::int64_t key = parent * static_cast<std::int64_t>(n_periods) + p.period_of_row()[r];
        auto [it, inserted] = out_row.emplace(key, static_cast<std::int32_t>(out_parent.size()));
        if (inserted) {
            out_parent.push_back(static_cast<std::int32_t>(parent));
            out_period.push_back(p.period_of_row()[r]);
        }
        row_target[r] = it->second;
    }
    const std::size_t n_out = out_parent.size();
    result.parents = panel(parents, p.periods(), out_parent, out_period);

    for (const auto& c : p.columns()) {
        const variable_spec* spec = cat.variable(c.name());
        const bool forced = std::find(options.also_sum.begin(), options.also_sum.end(), c.name()) != options.also_sum.end();
        if (!forced && (!spec || spec->aggregation != "sum")) {
            result.not_summed.push_back(c.name());
            continue;
        }
        Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(n_out));
        std::vector<std::size_t> with_data(n_out, 0);
        for (std::size_t r = 0; r < p.rows(); ++r) {
            const double x = c.data()[r];
            if (x != x) continue;
            const auto t = static_cast<std::size_t>(row_target[r]);
            sum(static_cast<Eigen::Index>(t)) += x;  // rows in input order: the same sum for any run
            ++with_data[t];
        }
        std::vector<reason> reasons(n_out, reason::none);
        bool any_gap = false;
        for (std::size_t t = 0; t < n_out; ++t) {
            const std::size_t expected = children[static_cast<std::size_t>(out_parent[t])];
            result.coverage.push_back({parents[static_cast<std::size_t>(out_parent[t])].code,
                                       p.periods()[static_cast<std::size_t>(out_period[t])].to_string(), c.name(), expected,
                                       with_data[t]});
            if (with_data[t] == expected) continue;
            if (with_data[t] == 0 || !options.partial_sums) {
                sum(static_cast<Eigen::Index>(t)) = std::numeric_limits<double>::quiet_NaN();
                reasons[t] = with_data[t] == 0 ? reason::missing_input : reason::incomplete_rollup;
                any_gap = true;
            }
        }
        if (!any_gap) reasons.clear();
        result.parents.add(column(c.name(), c.unit(), std::move(sum), std::move(reasons), c.unit_given()));
    }
    return result;
}

}  // namespace zhibiao
