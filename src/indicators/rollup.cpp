// Roll-up: sums per (parent, period) with coverage counts.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

#include "zhibiao/interrupt.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/validate.hpp"
#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao {

namespace {

// "320600 (南通市)" when the panel names the entity, else its code.
std::string labelled(const panel& p, const std::unordered_map<std::string_view, std::size_t>& index,
                     const std::string& code) {
    auto it = index.find(code);
    if (it == index.end() || p.entities()[it->second].name.empty()) return code;
    return code + " (" + p.entities()[it->second].name + ")";
}

std::unordered_map<std::string_view, std::size_t> entity_index(const panel& p) {
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(p.entities().size() * 2);
    for (std::size_t e = 0; e < p.entities().size(); ++e) index.emplace(p.entities()[e].code, e);
    return index;
}

// Entities of the panel inside another entity of it (child → the nearest ancestor in the panel):
// a file with a prefecture's total beside its counties. Summing both counts the counties twice
// (in the total's own row and again as children), so the roll-up refuses, naming a few pairs.
void refuse_nested(const panel& p, const std::unordered_map<std::string_view, std::size_t>& index,
                   const std::vector<std::pair<std::string, std::string>>& nested) {
    if (nested.empty()) return;
    std::string list;
    for (std::size_t k = 0; k < nested.size() && k < 5; ++k)
        list += (k ? ", " : "") + labelled(p, index, nested[k].first) + " in " + labelled(p, index, nested[k].second);
    if (nested.size() > 5) list += " and " + std::to_string(nested.size() - 5) + " more";
    throw error("the panel holds regions together with regions inside them (" + list +
                "): rolling up would count the inner ones twice, in the outer region's own figures and again in "
                "the sum; keep one level (drop the rows of the totals, or of their parts) before rolling up");
}

// Rows whose code or name is a totals row's (南昌市合计, 全市; validate.hpp's looks_like_totals_row,
// the one rule validate's `totals_row` and the composite's warning ask): its figures are its
// region's sum, so summed beside that region's parts they would count twice — whatever its code
// says (a stray 360199 escapes the nested-code check). Refused, naming them.
void refuse_totals(const panel& p) {
    std::vector<std::string> totals;
    for (const auto& e : p.entities())
        if (looks_like_totals_row(e.code) || looks_like_totals_row(e.name)) totals.push_back(e.code);
    if (totals.empty()) return;
    const auto index = entity_index(p);  // for the message only
    std::string list;
    for (std::size_t k = 0; k < totals.size() && k < 5; ++k) list += (k ? ", " : "") + labelled(p, index, totals[k]);
    if (totals.size() > 5) list += " and " + std::to_string(totals.size() - 5) + " more";
    throw error("the panel holds " + std::to_string(totals.size()) + " totals row" + (totals.size() == 1 ? "" : "s") +
                " (" + list +
                "; 合计/总计/小计/全市…): rolled up, its figures would be summed beside the regions they already add "
                "up, counting them twice; leave totals rows out before rolling up");
}

const char* level_name(admin_level level) {
    switch (level) {
        case admin_level::province:
            return "province";
        case admin_level::prefecture:
            return "prefecture";
        case admin_level::county:
            return "county";
        case admin_level::township:
            return "township";
        case admin_level::national:
            return "country";
        default:
            return "region";
    }
}

// Immediate parents at different levels (counties beside a prefecture without its counties): the
// parents' table would hold a prefecture beside a province. Refused, naming one child of each.
void refuse_mixed_levels(const panel& p, const std::unordered_map<std::string_view, std::size_t>& index,
                         const std::unordered_map<std::string, std::string>& map) {
    const entity* first = nullptr;
    for (const auto& e : p.entities()) {  // in the panel's order: the same message in every run
        auto it = map.find(e.code);
        if (it == map.end()) continue;
        if (!first) {
            first = &e;
            continue;
        }
        const std::string& first_parent = map.at(first->code);
        const admin_level a = admin_level_of(first_parent), b = admin_level_of(it->second);
        if (a == b) continue;
        const admin_level top = std::min(a, b);
        throw error("the panel's regions have immediate parents at different levels: " +
                    labelled(p, index, first->code) + " rolls up to the " + level_name(a) + " " + first_parent + ", " +
                    labelled(p, index, e.code) + " to the " + level_name(b) + " " + it->second +
                    "; roll up to one level (to='" + level_name(top) + "'), or keep regions of one level");
    }
}

// The codes on the way from `code` to `level` (or to its immediate parent when unknown), that
// one included, must not be in the panel themselves (a prefecture's row beside its counties), in
// either width: the first that is goes to `nested` beside `code`. Returns the last code walked
// (the parent at `level`, or the immediate one), empty for a code that is no region's.
std::string ancestor_in(const std::unordered_map<std::string, std::string_view>& by_code, const std::string& code,
                        admin_level level, std::vector<std::pair<std::string, std::string>>& nested) {
    std::string parent = admin_parent(code);
    while (!parent.empty()) {
        if (auto found = by_code.find(parent); found != by_code.end()) {
            nested.emplace_back(code, std::string(found->second));
            break;
        }
        if (level == admin_level::unknown || admin_level_of(parent) == level) break;
        parent = admin_parent(parent);
    }
    return parent;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> nested_regions(const std::vector<std::string>& codes) {
    std::unordered_map<std::string, std::string_view> by_code;
    by_code.reserve(codes.size() * 2);
    for (const auto& code : codes) by_code.emplace(admin_code(code), code);
    std::vector<std::pair<std::string, std::string>> nested;
    for (const auto& code : codes) ancestor_in(by_code, code, admin_level::province, nested);
    return nested;
}

std::vector<std::pair<std::string, std::string>> nested_regions(const panel& p) {
    std::vector<std::string> codes;
    codes.reserve(p.entity_count());
    for (const auto& e : p.entities()) codes.push_back(e.code);
    return nested_regions(codes);
}

std::unordered_map<std::string, std::string> admin_parents(const panel& p, admin_level level) {
    std::unordered_map<std::string, std::string> map;
    const auto index = entity_index(p);
    // Entities by their canonical code (admin_code: "3206" is "320600"), the form parents come in:
    // a parent in the panel is found whichever width the panel writes it in.
    std::unordered_map<std::string, std::string_view> by_code;
    by_code.reserve(p.entities().size() * 2);
    for (const auto& e : p.entities()) {
        auto [it, fresh] = by_code.emplace(admin_code(e.code), e.code);
        if (!fresh)
            throw error("the panel holds " + labelled(p, index, std::string(it->second)) + " and " +
                        labelled(p, index, e.code) + ", the same region (" + it->first +
                        ") written in two widths: rolling up would count it twice; write each code once");
    }
    std::vector<std::pair<std::string, std::string>> nested;
    for (const auto& e : p.entities()) {
        std::string parent = ancestor_in(by_code, e.code, level, nested);
        if (!parent.empty()) map[e.code] = parent;
    }
    // A total above the level rolled to (the province's row 43 beside its counties, rolled to
    // their prefectures) is nested too, not a region "with no parent in the map".
    if (nested.empty() && level != admin_level::province)
        for (const auto& e : p.entities()) ancestor_in(by_code, e.code, admin_level::province, nested);
    refuse_nested(p, index, nested);
    if (level == admin_level::unknown) refuse_mixed_levels(p, index, map);
    return map;
}

namespace {

// Once every `every` ticks: options.check_interrupt when given, else the thread's
// interrupt_scope (zhibiao/interrupt.hpp), as every other long call polls.
class interrupt_ticker {
public:
    explicit interrupt_ticker(const std::function<void()>& check, std::size_t every = 4096)
        : check_(check), every_(every) {}
    void operator()(std::size_t steps = 1) {
        count_ += steps;
        if (count_ < every_) return;
        count_ = 0;
        if (check_)
            check_();
        else
            poll_interrupt();
    }

private:
    const std::function<void()>& check_;
    std::size_t every_;
    std::size_t count_ = 0;
};

void check_orphans(const panel& p, const std::unordered_map<std::string, std::string>& parent_of) {
    std::vector<std::string> orphans;
    for (const auto& e : p.entities()) {
        auto it = parent_of.find(e.code);
        if (it == parent_of.end() || it->second.empty()) orphans.push_back(e.code);  // "": a blank parent cell
    }
    if (orphans.empty()) return;
    std::string list;
    for (std::size_t k = 0; k < orphans.size() && k < 10; ++k) list += (k ? ", " : "") + orphans[k];
    if (orphans.size() > 10) list += " and " + std::to_string(orphans.size() - 10) + " more";
    throw argument_error(std::to_string(orphans.size()) + " entit" + (orphans.size() == 1 ? "y has" : "ies have") +
                         " no parent in the map: " + list);
}

// A cycle: following parents from some code comes back to it. Every code is walked over once
// (linear in the map): a walk stops at a code whose chain is already known to end, or at a code
// of the walk itself, which closes a cycle. Walks start from the codes in sorted order, so the
// cycle named is the same in every run.
void check_cycles(const std::unordered_map<std::string, std::string>& parent_of, interrupt_ticker& tick) {
    enum : std::uint8_t { on_walk = 1, finished = 2 };
    std::unordered_map<std::string_view, std::uint8_t> state;
    state.reserve(parent_of.size() * 2);
    std::vector<std::string_view> starts;
    starts.reserve(parent_of.size());
    for (const auto& entry : parent_of) starts.push_back(entry.first);
    std::sort(starts.begin(), starts.end());
    std::vector<std::string_view> walk;
    for (std::string_view start : starts) {
        walk.clear();
        for (std::string_view at = start;;) {
            tick();
            auto [it, fresh] = state.emplace(at, on_walk);
            if (!fresh && it->second == finished) break;
            if (!fresh) {
                std::string cycle;
                for (auto k = std::find(walk.begin(), walk.end(), at); k != walk.end(); ++k)
                    cycle += std::string(*k) + " → ";
                throw argument_error("the parent map has a cycle: " + cycle + std::string(at));
            }
            walk.push_back(at);
            auto next = parent_of.find(std::string(at));
            if (next == parent_of.end()) break;
            at = next->second;
        }
        for (std::string_view code : walk) state[code] = finished;
    }
}

// A child whose chain of parents in the map reaches another entity of the panel: the map's
// own nesting (a dict giving county → prefecture → province, with a prefecture row in the panel).
// Chains end (check_cycles ran first); each code's answer is kept, so the walk is linear.
void check_nested(const panel& p, const std::unordered_map<std::string, std::string>& parent_of,
                  interrupt_ticker& tick) {
    const auto index = entity_index(p);
    std::unordered_map<std::string_view, std::string_view> inside;  // code → nearest ancestor in the panel, or ""
    std::vector<std::string_view> walk;
    std::vector<std::pair<std::string, std::string>> nested;
    for (const auto& e : p.entities()) {
        walk.clear();
        std::string_view found;
        for (auto next = parent_of.find(e.code); next != parent_of.end(); next = parent_of.find(next->second)) {
            tick();
            const std::string_view parent = next->second;
            if (index.count(parent)) {
                found = parent;
                break;
            }
            if (auto known = inside.find(parent); known != inside.end()) {
                found = known->second;
                break;
            }
            walk.push_back(parent);
        }
        for (std::string_view code : walk) inside.emplace(code, found);
        if (!found.empty()) nested.emplace_back(e.code, std::string(found));
    }
    refuse_nested(p, index, nested);
}

// A child's value as a sum may take it: NaN for a partial sum of a partial roll-up (a value kept
// with the reason of its gap, incomplete_rollup or invalid_child), which is no complete figure.
double summable(const column& c, std::size_t row) {
    const double x = c.data()[row];
    return c.reasons().empty() || c.reasons()[row] == reason::none ? x : std::numeric_limits<double>::quiet_NaN();
}

// True when a child's value is there but invalid for computing (rollup.hpp says which). An absent
// value (NaN whose reason says "no value") is not invalid: the coverage counts it as missing. A
// partial sum is what its reason says: missing children (absent) or an invalid one (invalid).
bool invalid_for_sum(const column& c, std::size_t row, const variable_spec* spec, const unit& u) {
    const double x = summable(c, row);
    if (x != x) return !reason_means_absent(c.reason_at(row));  // unparseable, invalid_child, ...: a bad value
    if (std::isinf(x)) return true;  // never a measured value, with or without a catalogue entry
    // The catalogue's one rule, as ytd and every formula input apply it; and a 0 where 0 cannot be
    // (a population of 0: catalogue.hpp's `positive`), an error in the data, not a region of none.
    return spec && (invalid_for_computation(*spec, x, u) != reason::none || (spec->positive && x == 0));
}

// The unit a column's values are in: as given, else the variable's default.
unit unit_of(const column& c, const variable_spec* spec) {
    if (c.unit_given() || !spec || spec->default_unit.empty()) return c.unit();
    return unit::parse(spec->default_unit);
}

// A unit of a ratio: per something (万元/万人, 件/万人) or a dimensionless scale (%, ‰, 百分点).
bool is_ratio(const unit& u) {
    for (std::size_t q = 0; q < base_quantity_count; ++q)
        if (u.dim().exponent(static_cast<base_quantity>(q)) < 0) return true;
    return u.dimensionless() && u.scale() != 1.0;
}

// Who sums into what: the parents in order of first appearance of their children, the number
// of children of each, and the output row ((parent, period) pair) of every input row.
struct parent_rows {
    std::vector<entity> parents;
    std::vector<std::size_t> children;
    std::vector<std::int32_t> out_parent, out_period, row_target;
};

/// The output rows parent by parent (in the order of their first child), each parent's periods in
/// time order (the panel's period table is in time order), not as the rows first met them: a file
/// whose first region lacks 2022 gave 2021, 2023, 2024H1, 2022.
void in_parent_then_time_order(parent_rows& g) {
    const std::size_t n = g.out_parent.size();
    std::vector<std::int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&g](std::int32_t a, std::int32_t b) {
        const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
        return std::pair(g.out_parent[i], g.out_period[i]) < std::pair(g.out_parent[j], g.out_period[j]);
    });
    std::vector<std::int32_t> rank(n), parent(n), period(n);
    for (std::size_t k = 0; k < n; ++k) {
        const auto was = static_cast<std::size_t>(order[k]);
        rank[was] = static_cast<std::int32_t>(k);
        parent[k] = g.out_parent[was];
        period[k] = g.out_period[was];
    }
    g.out_parent = std::move(parent);
    g.out_period = std::move(period);
    for (auto& t : g.row_target) t = rank[static_cast<std::size_t>(t)];
}

parent_rows group_by_parent(const panel& p, const std::unordered_map<std::string, std::string>& parent_of,
                            interrupt_ticker& tick) {
    parent_rows g;
    std::unordered_map<std::string, std::int32_t> parent_index;
    std::vector<std::int32_t> parent_of_entity(p.entities().size());
    for (std::size_t e = 0; e < p.entities().size(); ++e) {
        tick();
        const std::string& parent = parent_of.at(p.entities()[e].code);
        auto [it, inserted] = parent_index.emplace(parent, static_cast<std::int32_t>(g.parents.size()));
        if (inserted) {
            auto grand = parent_of.find(parent);
            g.parents.push_back({parent, "", grand != parent_of.end() ? grand->second : admin_parent(parent)});
        }
        parent_of_entity[e] = it->second;
    }
    g.children.assign(g.parents.size(), 0);
    for (auto idx : parent_of_entity) ++g.children[static_cast<std::size_t>(idx)];
    // A child the map names that has no row in the panel is a child without data, as a blank row
    // is (docs/rollup.md): the map states who the children are, so its parent is no complete sum.
    // Not a code that is itself one of this roll-up's parents (a map whose chains nest).
    const auto index = entity_index(p);
    for (const auto& [child, parent] : parent_of) {
        tick();
        if (index.count(child) || parent_index.count(child)) continue;
        if (auto it = parent_index.find(parent); it != parent_index.end())
            ++g.children[static_cast<std::size_t>(it->second)];
    }
    // Output rows: (parent, period) pairs that occur, numbered as first met, then ordered.
    const std::size_t n_periods = p.periods().size();
    std::unordered_map<std::int64_t, std::int32_t> out_row;
    g.row_target.resize(p.rows());
    for (std::size_t r = 0; r < p.rows(); ++r) {
        tick();
        const std::int64_t parent = parent_of_entity[static_cast<std::size_t>(p.entity_of_row()[r])];
        const std::int64_t key = parent * static_cast<std::int64_t>(n_periods) + p.period_of_row()[r];
        auto [it, inserted] = out_row.emplace(key, static_cast<std::int32_t>(g.out_parent.size()));
        if (inserted) {
            g.out_parent.push_back(static_cast<std::int32_t>(parent));
            g.out_period.push_back(p.period_of_row()[r]);
        }
        g.row_target[r] = it->second;
    }
    in_parent_then_time_order(g);
    return g;
}

// The sum of one column per output row, with its coverage and a reason where a sum is missing.
void sum_column(const panel& p, const column& c, const variable_spec* spec, const parent_rows& g,
                const rollup_options& options, const std::vector<bool>* inconsistent, interrupt_ticker& tick,
                rollup_result& result) {
    const std::size_t n_out = g.out_parent.size();
    const unit values_unit = unit_of(c, spec);
    Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(n_out));
    std::vector<std::size_t> with_data(n_out, 0), valid(n_out, 0);
    for (std::size_t r = 0; r < p.rows(); ++r) {
        tick();
        const auto t = static_cast<std::size_t>(g.row_target[r]);
        const bool invalid = invalid_for_sum(c, r, spec, values_unit) || (inconsistent && (*inconsistent)[r]);
        const double x = summable(c, r);
        if (x != x && !invalid) continue;
        ++with_data[t];  // present, valid or not
        if (invalid) continue;
        sum(static_cast<Eigen::Index>(t)) += x;  // rows in input order: the same sum for any run
        ++valid[t];
    }
    std::vector<reason> reasons(n_out, reason::none);
    bool any_gap = false;
    for (std::size_t t = 0; t < n_out; ++t) {
        const std::size_t expected = g.children[static_cast<std::size_t>(g.out_parent[t])];
        result.coverage.push_back({g.parents[static_cast<std::size_t>(g.out_parent[t])].code,
                                   p.periods()[static_cast<std::size_t>(g.out_period[t])].to_string(), c.name(),
                                   expected, with_data[t], valid[t]});
        if (!std::isfinite(sum(static_cast<Eigen::Index>(t)))) {  // finite children, a sum beyond doubles
            sum(static_cast<Eigen::Index>(t)) = std::numeric_limits<double>::quiet_NaN();
            reasons[t] = reason::out_of_range;
            any_gap = true;
            continue;
        }
        if (valid[t] == expected) continue;
        const bool any_invalid = valid[t] < with_data[t];
        reasons[t] = any_invalid         ? reason::invalid_child
                     : with_data[t] == 0 ? reason::missing_input
                                         : reason::incomplete_rollup;
        any_gap = true;
        // Without partial sums the parent is missing; with them a partial sum keeps its value and
        // the reason (rollup.hpp): rolled up again, it is the gap it stands for.
        if (valid[t] == 0 || !options.partial_sums)
            sum(static_cast<Eigen::Index>(t)) = std::numeric_limits<double>::quiet_NaN();
    }
    if (!any_gap) reasons.clear();
    result.parents.add(column(c.name(), c.unit(), std::move(sum), std::move(reasons), c.unit_given()));
}

// The rows where a share's numerator exceeds its denominator (15 projects approved of 10 applied):
// for each catalogue indicator that is one summed variable over another (`a / b`, or
// `a / year_end(b)` for a stock per head) with a valid range, the children whose own value is
// out_of_range — or whose denominator is 0 under a numerator that is not (3 approved of 0
// applied, 50万元 over 0 contracts: a share above any whole, an amount per nothing), or is 0 where
// 0 cannot be (a population, a GDP: catalogue.hpp's `positive`). Both of its inputs are invalid
// there — which one is wrong the row does not say — and are not summed, as a negative count is
// not. 0 over 0 where 0 can be (nothing applied, nothing approved) says nothing wrong and adds
// nothing: it still counts.
std::unordered_map<std::string, std::vector<bool>> inconsistent_shares(
    const panel& p, const catalogue& cat, const std::function<bool(const std::string&)>& summed) {
    std::unordered_map<std::string, std::vector<bool>> rows;
    for (const auto& ind : cat.indicators()) {
        if (!std::isfinite(ind.valid_max) && !std::isfinite(ind.valid_min)) continue;
        const std::vector<std::string> in = ind.inputs();
        if (in.size() != 2 || !p.has(in[0]) || !p.has(in[1]) || !summed(in[0]) || !summed(in[1])) continue;
        std::string text;
        for (char ch : ind.formula)
            if (ch != ' ' && ch != '\t') text += ch;
        if (text != in[0] + "/" + in[1] && text != in[0] + "/year_end(" + in[1] + ")") continue;
        const indicator_values own = compute(p, {ind.id}, {}, cat)[0];
        if (!own.reasons().begin()) continue;
        const column& numerator = p.at(in[0]);
        const variable_spec* whole = cat.variable(in[1]);
        const bool zero_impossible = whole && whole->positive;
        for (std::size_t r = 0; r < own.size(); ++r) {
            const reason why = own.reasons()[r];
            const double a = numerator.data()[r];
            const bool over_nothing = why == reason::zero_denominator && (zero_impossible || (a == a && a != 0));
            if (why != reason::out_of_range && !over_nothing) continue;
            for (const auto& name : in) {
                auto& flags = rows[name];
                flags.resize(p.rows(), false);
                flags[r] = true;
            }
        }
    }
    return rows;
}

// The catalogue variable a column's values are judged by: its own, or for a same-scope prior
// value (`gdp_prior`, 上年同期同口径: spec §5) the variable it is the prior of.
const variable_spec* spec_of(const catalogue& cat, const std::string& name) {
    if (const variable_spec* own = cat.variable(name)) return own;
    constexpr std::string_view suffix = "_prior";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        return cat.variable(std::string_view(name).substr(0, name.size() - suffix.size()));
    return nullptr;
}

// Whether a column is summed: a variable the catalogue sums or also_sum names, or the prior value
// of one (growth on the parent reads the summed prior, never its published levels) — but never a
// column in a ratio's unit, whatever made it summable (target[%] 2.5 and 3.0 are not 5.5%).
std::function<bool(const std::string&)> summed_columns(const panel& p, const catalogue& cat,
                                                       const rollup_options& options) {
    return [&p, &cat, &options](const std::string& name) {
        const auto listed = [&options](const std::string& n) {
            return std::find(options.also_sum.begin(), options.also_sum.end(), n) != options.also_sum.end();
        };
        const variable_spec* spec = spec_of(cat, name);
        const bool base_summed =
            (spec && spec->aggregation == "sum") || listed(name) || (spec && spec->id != name && listed(spec->id));
        return base_summed && p.has(name) && !is_ratio(unit_of(p.at(name), spec));
    };
}

}  // namespace

rollup_result rollup(const panel& p, const std::unordered_map<std::string, std::string>& parent_of,
                     const rollup_options& options, const catalogue& cat) {
    interrupt_ticker tick(options.check_interrupt);
    // A name in also_sum that is no column did nothing: the column meant was left out unsummed.
    for (const auto& name : options.also_sum)
        if (!p.has(name))
            throw missing_variable_error(
                "rollup: also_sum names '" + name + "', no variable of the panel" +
                    detail::suggestion(name, p.columns(), [](const column& c) -> std::string_view { return c.name(); }),
                name);
    for (const auto& name : options.also_sum) {
        const column& c = p.at(name);
        if (is_ratio(unit_of(c, cat.variable(name))))
            throw argument_error("rollup: also_sum names '" + name + "', in " +
                                 unit_of(c, cat.variable(name)).symbol() +
                                 ", a ratio: summing the children's ratios gives no ratio of the parent (3% and 5% "
                                 "are not 8%); sum its numerator and denominator and compute the ratio on the parents");
    }
    refuse_totals(p);
    check_orphans(p, parent_of);
    check_cycles(parent_of, tick);
    check_nested(p, parent_of, tick);
    const parent_rows g = group_by_parent(p, parent_of, tick);
    rollup_result result;
    result.parents = panel(g.parents, p.periods(), g.out_parent, g.out_period);
    const auto summed = summed_columns(p, cat, options);
    const auto inconsistent = inconsistent_shares(p, cat, summed);
    for (const auto& c : p.columns()) {
        if (!summed(c.name())) {
            result.not_summed.push_back(c.name());
            continue;
        }
        const auto bad = inconsistent.find(c.name());
        sum_column(p, c, spec_of(cat, c.name()), g, options, bad != inconsistent.end() ? &bad->second : nullptr, tick,
                   result);
    }
    return result;
}

namespace {

// Reasons a child's indicator value can have with every input valid: the operation itself failed.
// Such a child still counts among the matched children (Python's _OPERATION_REASONS), unless its
// inputs do not fit together (a numerator over a denominator of 0: inconsistent_shares).
bool operation_failed(reason r) {
    // Not out_of_range (round 14): a value beyond its valid range (15 approved of 10 applied) has
    // inputs that do not fit together; the roll-up leaves a share's out of its sums, so they are
    // no matched child either.
    return r == reason::zero_denominator || r == reason::negative_denominator || r == reason::nonpositive_base;
}

// The parent of a child left out of a matched roll-up: a code no map gives.
std::string excluded(const std::string& parent) { return parent + std::string(1, '\0') + "not matched"; }

}  // namespace

indicator_table compute_rolled_up(const panel& children, const std::unordered_map<std::string, std::string>& parent_of,
                                  const std::vector<std::string>& ids, const rollup_options& options,
                                  const compute_options& compute_with, const catalogue& cat) {
    return compute_rolled_up(children, parent_of, ids, options, compute_with, cat, cat);
}

indicator_table compute_rolled_up(const panel& children, const std::unordered_map<std::string, std::string>& parent_of,
                                  const std::vector<std::string>& ids, const rollup_options& options,
                                  const compute_options& compute_with, const catalogue& rolled_with,
                                  const catalogue& computed_with) {
    const rollup_result partial = rollup(children, parent_of, options, rolled_with);
    indicator_table values = compute(partial.parents, ids, compute_with, computed_with);
    if (!options.partial_sums) return values;
    rollup_options whole = options;
    whole.partial_sums = false;
    // The same parents and rows (grouping does not depend on partial_sums), without partial sums.
    const indicator_table complete =
        compute(rollup(children, parent_of, whole, rolled_with).parents, ids, compute_with, computed_with);
    const panel& parents = partial.parents;
    // Children whose inputs do not fit together (rollup's inconsistent_shares: a numerator over a
    // denominator of 0) fail "in the operation" too, but are no matched child: they are not summed.
    const auto inconsistent =
        inconsistent_shares(children, rolled_with, summed_columns(children, rolled_with, options));
    std::vector<indicator_values> out;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        const indicator_values& mine = values[k];
        const indicator_values& full = complete[k];
        std::vector<std::size_t> flagged;  // rows whose value draws on a partial sum
        // compute() reads a partial sum as the gap it stands for, with its reason (round 34):
        // such a row is NaN there too, with incomplete_rollup or invalid_child.
        const auto mine_values = mine.values();
        const reason_view mine_reasons = mine.reasons();
        for (std::size_t r = 0; r < mine.size(); ++r) {
            const reason why_mine = mine_reasons.data() ? mine_reasons[r] : reason::none;
            const bool partial_sum = why_mine == reason::incomplete_rollup || why_mine == reason::invalid_child;
            if ((!std::isnan(mine_values(static_cast<Eigen::Index>(r))) || partial_sum) &&
                std::isnan(full.values()(static_cast<Eigen::Index>(r))))
                flagged.push_back(r);
        }
        if (flagged.empty()) {
            out.push_back(mine);
            continue;
        }
        Eigen::ArrayXd v = mine.values();
        std::vector<reason> why(mine.size(), reason::none);
        if (mine.reasons().begin()) why = mine.reasons().to_vector();
        // Each child's own value of the indicator: usable when computed, or failing only in the operation.
        const indicator_values own = compute(children, {ids[k]}, compute_with, computed_with)[0];
        std::vector<const std::vector<bool>*> own_flags;  // of the indicator's inputs
        if (const indicator* ind = computed_with.find(ids[k]))
            for (const auto& name : ind->inputs())
                if (auto it = inconsistent.find(name); it != inconsistent.end()) own_flags.push_back(&it->second);
        const auto does_not_fit = [&own_flags](std::size_t row) {
            return std::any_of(own_flags.begin(), own_flags.end(), [row](const auto* f) { return (*f)[row]; });
        };
        std::vector<std::int32_t> periods;  // the periods of the flagged rows
        for (auto r : flagged) {
            why[r] = full.reasons().begin() ? full.reasons()[r] : reason::none;
            v(static_cast<Eigen::Index>(r)) = std::numeric_limits<double>::quiet_NaN();
            periods.push_back(parents.period_of_row()[r]);
        }
        std::sort(periods.begin(), periods.end());
        periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
        for (const std::int32_t period_index : periods) {
            const std::string label = parents.periods()[static_cast<std::size_t>(period_index)].to_string();
            std::unordered_map<std::string, bool> matched;
            for (std::size_t r = 0; r < children.rows(); ++r) {
                const auto pr = static_cast<std::size_t>(children.period_of_row()[r]);
                if (children.periods()[pr].to_string() != label) continue;
                const double x = own.values()(static_cast<Eigen::Index>(r));
                const reason why_not = own.reasons().begin() ? own.reasons()[r] : reason::none;
                if (!std::isnan(x) || (operation_failed(why_not) && !does_not_fit(r)))
                    matched[children.entities()[static_cast<std::size_t>(children.entity_of_row()[r])].code] = true;
            }
            std::unordered_map<std::string, std::string> parent_if_matched;
            for (const auto& [child, parent] : parent_of)
                parent_if_matched.emplace(child, matched.count(child) ? parent : excluded(parent));
            const panel matched_parents = rollup(children, parent_if_matched, whole, rolled_with).parents;
            const indicator_values over_matched = compute(matched_parents, {ids[k]}, compute_with, computed_with)[0];
            std::unordered_map<std::string, std::size_t> row_of;  // parent code → its row in this period
            for (std::size_t r = 0; r < matched_parents.rows(); ++r)
                if (matched_parents.periods()[static_cast<std::size_t>(matched_parents.period_of_row()[r])]
                        .to_string() == label)
                    row_of.emplace(
                        matched_parents.entities()[static_cast<std::size_t>(matched_parents.entity_of_row()[r])].code,
                        r);
            for (auto r : flagged) {
                if (parents.period_of_row()[r] != period_index) continue;
                const auto it =
                    row_of.find(parents.entities()[static_cast<std::size_t>(parents.entity_of_row()[r])].code);
                if (it != row_of.end())
                    v(static_cast<Eigen::Index>(r)) = over_matched.values()(static_cast<Eigen::Index>(it->second));
            }
        }
        out.emplace_back(mine.id(), mine.unit(), std::move(v), std::move(why), mine.column_problem(),
                         mine.missing_variable());
    }
    return indicator_table(std::move(out));
}

}  // namespace zhibiao
