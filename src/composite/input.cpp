// The composite's input from a panel or a computed indicator table (input.hpp).
#include "zhibiao/composite/input.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>

#include "core/nearest_periods.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao::composite {
namespace {

// Which panel rows hold `when` (one per region, in row order) and, per region, its rows of
// earlier periods, latest first.
struct period_rows {
    std::vector<std::size_t> rows;
    std::vector<std::vector<std::size_t>> earlier;
};

std::int32_t period_index(const panel& p, const period& when) {
    const auto& periods = p.periods();
    const auto it = std::find(periods.begin(), periods.end(), when);
    if (it != periods.end()) return static_cast<std::int32_t>(it - periods.begin());
    std::string have;
    for (const auto& q : periods) have += (have.empty() ? "" : ", ") + q.to_string();
    // An argument (build's period=) outside the panel's periods: argument_error, as Python's
    // uncertainty() says it (a bare lookup_error reached Python as the untyped zb.Error).
    throw argument_error("the panel has no period " + when.to_string() +
                         zhibiao::detail::nearest_periods(when, periods) +
                         " (periods: " + (have.empty() ? "none" : have) + ")");
}

period_rows rows_of(const panel& p, const period& when) {
    const std::int32_t target = period_index(p, when);
    period_rows out;
    std::vector<std::int64_t> slot(p.entities().size(), -1);  // entity → its region number
    for (std::size_t r = 0; r < p.rows(); ++r)
        if (p.period_of_row()[r] == target)
            slot[static_cast<std::size_t>(p.entity_of_row()[r])] = static_cast<std::int64_t>(out.rows.size()),
            out.rows.push_back(r);
    out.earlier.resize(out.rows.size());
    for (std::size_t r = 0; r < p.rows(); ++r) {
        const std::int64_t k = slot[static_cast<std::size_t>(p.entity_of_row()[r])];
        if (k >= 0 && p.period_at(r) < when) out.earlier[static_cast<std::size_t>(k)].push_back(r);
    }
    for (auto& rows : out.earlier)
        std::sort(rows.begin(), rows.end(),
                  [&p](std::size_t a, std::size_t b) { return p.period_at(b) < p.period_at(a); });
    return out;
}

// A column's cells at `rows`, and their reasons when any is missing. With `stored_reasons` (a panel's
// column), a present value with a reason beside it — a partial roll-up sum, zhibiao/rollup.hpp — is
// the gap it stands for, as compute() reads it: never scored as a complete total.
void add_column(table& t, const std::string& name, const double* values, const period_rows& at,
                const std::function<reason(std::size_t)>& reason_at, bool stored_reasons = false) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(at.rows.size()));
    std::vector<reason> why(at.rows.size(), reason::none);
    bool missing = false;
    for (std::size_t k = 0; k < at.rows.size(); ++k) {
        const double x = values[at.rows[k]];
        const reason partial = stored_reasons && x == x ? reason_at(at.rows[k]) : reason::none;
        v(static_cast<Eigen::Index>(k)) = partial == reason::none ? x : missing_value;
        if (x != x || partial != reason::none) why[k] = x != x ? reason_at(at.rows[k]) : partial, missing = true;
    }
    t.numbers[name] = std::move(v);
    if (missing)
        t.reasons[name] = std::move(why);
    else
        t.reasons.erase(name);
    if (at.earlier.empty() ||
        std::all_of(at.earlier.begin(), at.earlier.end(), [](const auto& e) { return e.empty(); }))
        return;
    Eigen::VectorXd previous = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(at.rows.size()), missing_value);
    for (std::size_t k = 0; k < at.rows.size(); ++k)
        for (std::size_t r : at.earlier[k])
            if (values[r] == values[r] && !(stored_reasons && reason_at(r) != reason::none)) {
                previous(static_cast<Eigen::Index>(k)) = values[r];
                break;
            }
    t.previous[name] = std::move(previous);
}

void add_labels(table& t, const panel& p, const period_rows& at) {
    std::vector<std::string> parent, name;
    for (std::size_t r : at.rows) {
        t.regions.push_back(p.entity_at(r).code);
        parent.push_back(p.entity_at(r).parent), name.push_back(p.entity_at(r).name);
    }
    const auto given = [](const std::vector<std::string>& v) {
        return std::any_of(v.begin(), v.end(), [](const std::string& s) { return !s.empty(); });
    };
    if (given(parent)) t.labels["parent"] = std::move(parent);
    if (given(name)) t.labels["name"] = std::move(name);
}

table from_rows(const panel& p, const period_rows& at) {
    table t;
    add_labels(t, p, at);
    for (const auto& c : p.columns()) {
        add_column(
            t, c.name(), c.data(), at, [&c](std::size_t r) { return c.reason_at(r); }, true);
        if (c.unit_given()) t.units[c.name()] = c.unit().symbol();
    }
    return t;
}

}  // namespace

table table_from_panel(const panel& p, const period& when) { return from_rows(p, rows_of(p, when)); }

table table_from_indicators(const indicator_table& indicators, const panel& p, const period& when) {
    const period_rows at = rows_of(p, when);
    table t = from_rows(p, at);
    for (const auto& c : indicators) {
        if (c.size() != p.rows())
            throw argument_error("table_from_indicators: indicator '" + c.id() + "' has " +
                                 zhibiao::detail::counted(c.size(), "value") + " for the panel's " +
                                 zhibiao::detail::counted(p.rows(), "row") + " (compute it on this panel)");
        add_column(t, c.id(), c.values().data(), at, [&c](std::size_t r) {
            return c.reasons()[r] != reason::none ? c.reasons()[r] : reason::missing_input;
        });
        t.units[c.id()] = c.unit().symbol();
    }
    return t;
}

void to_model_units(table& t, const model& m) {
    for (const auto& [code, wanted] : m.units) {
        const auto said = t.units.find(code);
        const auto column = t.numbers.find(code);
        if (said == t.units.end() || said->second.empty() || said->second == wanted || column == t.numbers.end())
            continue;
        conversion change;
        try {
            change = unit::parse(said->second).to(unit::parse(wanted));
        } catch (const unit_error& e) {
            location w;
            w.variable = code;
            throw incompatible_units_error("indicator '" + code + "' is in '" + said->second +
                                               "' in the data, but the model writes its values (standard, goalposts) "
                                               "in '" +
                                               wanted + "': " + e.message(),
                                           w);
        }
        for (double& x : column->second) x = change.apply(x);
        if (const auto earlier = t.previous.find(code); earlier != t.previous.end())
            for (double& x : earlier->second) x = change.apply(x);
        said->second = wanted;
    }
}

period only_period(const panel& p) {
    if (p.periods().size() == 1) return p.periods().front();
    // An empty panel has no period to choose (round 37: "the panel has periods none: choose one").
    if (p.periods().empty()) throw argument_error("the panel has no periods (no rows): there is nothing to score");
    std::string have;
    for (const auto& q : p.periods()) have += (have.empty() ? "" : ", ") + q.to_string();
    throw argument_error("the panel has periods " + have +
                         ": choose one with period= (in C++, give it to table_from_panel or "
                         "table_from_indicators, e.g. period::parse(\"" +
                         p.periods().back().to_string() + "\"))");
}

// ------------------------------------------------------------------ the regions' notes
namespace {

/// "320601 (崇川区)": a region with its name where it has one other than its code.
std::string shown_region(const std::vector<std::string>& regions, const std::vector<std::string>* names,
                         std::size_t k) {
    const std::string& name = names ? (*names)[k] : std::string();
    return name.empty() || name == regions[k] ? regions[k] : regions[k] + " (" + name + ")";
}

/// The sentence of `n`: the totals rows and the nested regions, then the nation (at most one,
/// said as compute() says it: a row to compare with, no sum of the others but of the provinces).
std::string notes_text(const region_notes& n, const std::vector<std::string>& regions,
                       const std::vector<std::string>* names, const std::string& what) {
    std::vector<std::string> totals, nations;
    for (std::size_t k : n.totals) {
        const bool nation = is_nation(regions[k]) || (names && is_nation((*names)[k]));
        (nation ? nations : totals).push_back(shown_region(regions, names, k));
    }
    std::vector<std::string> said;
    if (!totals.empty()) {
        std::string listed;
        for (std::size_t k = 0; k < totals.size() && k < 5; ++k) listed += (k ? ", " : "") + totals[k];
        said.push_back(listed + (totals.size() > 5 ? " …" : "") + (totals.size() == 1 ? " looks" : " look") +
                       " like a totals row");
    }
    if (!n.nested.empty()) {
        std::map<std::string, std::size_t> at;  // a region's row, for its name
        for (std::size_t k = 0; k < regions.size(); ++k) at.emplace(regions[k], k);
        const auto named = [&](const std::string& code) {
            const auto it = at.find(code);
            return it == at.end() ? code : shown_region(regions, names, it->second);
        };
        std::string listed;
        for (std::size_t k = 0; k < n.nested.size() && k < 5; ++k)
            listed += (k ? ", " : "") + named(n.nested[k].first) + " in " + named(n.nested[k].second);
        if (n.nested.size() > 5) listed += " and " + std::to_string(n.nested.size() - 5) + " more";
        said.push_back("regions beside regions inside them (" + listed + ")");
    }
    std::string text;
    if (!said.empty())
        text = "ranking a total among its parts: " + said.front() + (said.size() > 1 ? "; " + said.back() : "") +
               " — leave out the totals' rows (or their parts') before building, so that the index ranks regions "
               "of one level";
    if (!nations.empty())
        text += (text.empty() ? "" : "\n") + what + ": entity " + nations.front() +
                " is the nation, a row to compare with, not a region of the panel: no sum of the others unless they "
                "are the provinces, but a ranking or a sum over the entities takes it as one of them; compare with it "
                "outside the panel (validate: totals_row)";
    return text;
}

}  // namespace

region_notes note_regions(const std::vector<std::string>& regions, const std::vector<std::string>* names,
                          const std::string& what) {
    if (names && names->size() != regions.size())
        throw argument_error("note_regions: " + zhibiao::detail::counted(names->size(), "name") + " for " +
                             zhibiao::detail::counted(regions.size(), "region"));
    region_notes n;
    std::size_t admin = 0;
    for (std::size_t k = 0; k < regions.size(); ++k) {
        const std::string& code = regions[k];
        if (looks_like_totals_row(code) || (names && looks_like_totals_row((*names)[k]))) n.totals.push_back(k);
        admin += (code.size() == 6 || code.size() == 9 || code.size() == 12) && zhibiao::detail::all_digits(code);
    }
    if (admin >= 2) n.nested = nested_regions(regions);
    if (!n.empty()) n.said = notes_text(n, regions, names, what);
    return n;
}

region_notes note_regions(const table& t) {
    const auto named = t.labels.find("name");
    return note_regions(t.regions,
                        named != t.labels.end() && named->second.size() == t.regions.size() ? &named->second : nullptr);
}

framework flat_framework(const std::vector<std::string>& ids, const catalogue& cat, const std::string& root) {
    std::vector<node> nodes{{root, "", 1, direction::higher_is_better, 2}};
    for (const auto& id : ids) {
        const indicator& ind = cat.at(id);
        if (ind.direction == direction::benchmark) {
            location w;
            w.variable = id;
            throw argument_error("flat_framework: '" + id +
                                     "' is a benchmark indicator (best at a target): give the framework its direction",
                                 w);
        }
        nodes.push_back({id, root, 1, ind.direction, 1});
    }
    return framework(std::move(nodes));
}

framework flat_framework(const std::vector<std::string>& ids) { return flat_framework(ids, catalogue::builtin()); }

}  // namespace zhibiao::composite
