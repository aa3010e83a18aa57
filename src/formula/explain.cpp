// explain(): the evaluator run with a trace over one entity's rows, then the tree of the
// indicator's formula walked down the rows each step read.
#include "zhibiao/explain.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/conversion.hpp"
#include "core/error_context.hpp"
#include "core/nearest_periods.hpp"
#include "core/text.hpp"
#include "formula/functions.hpp"
#include "formula/trace.hpp"
#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao {
namespace {

using detail::formula_node;
using detail::node_kind;

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

std::size_t entity_index(const panel& p, const std::string& code) {
    std::vector<std::string> codes;
    for (std::size_t e = 0; e < p.entity_count(); ++e) {
        if (p.entity_code(e) == code) return e;
        codes.emplace_back(p.entity_code(e));
    }
    throw argument_error("explain: the panel has no entity " + detail::quoted(code) +
                         detail::suggestion(code, codes, detail::as_written));
}

// The panel of entity `e` alone, all of its rows: every operation of a formula reads the row
// itself or rows of the same entity, so each of its values is the one the whole panel gives.
panel entity_rows(const panel& p, std::size_t e) {
    std::vector<std::size_t> rows;
    std::vector<std::int32_t> period_of_row;
    for (std::size_t r = 0; r < p.rows(); ++r)
        if (static_cast<std::size_t>(p.entity_of_row()[r]) == e)
            rows.push_back(r), period_of_row.push_back(p.period_of_row()[r]);
    panel one({p.entities()[e]}, p.periods(), std::vector<std::int32_t>(rows.size(), 0), period_of_row);
    for (const column& c : p.columns()) {
        Eigen::ArrayXd values(static_cast<Eigen::Index>(rows.size()));
        std::vector<reason> reasons;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            values(static_cast<Eigen::Index>(k)) = c.data()[rows[k]];
            if (!c.reasons().empty()) reasons.push_back(c.reasons()[rows[k]]);
        }
        one.add(column(c.name(), c.unit(), std::move(values), std::move(reasons), c.unit_given()));
    }
    return one;
}

std::size_t row_of(const panel& one, const period& at, const std::string& code) {
    std::vector<std::string> seen;
    std::vector<period> seen_periods;
    for (std::size_t r = 0; r < one.rows(); ++r) {
        if (one.period_at(r) == at) return r;
        seen.push_back(one.period_at(r).to_string());
        seen_periods.push_back(one.period_at(r));
    }
    throw argument_error("explain: the panel has no row of " + detail::quoted(code) + " at " + at.to_string() +
                         detail::nearest_periods(at, seen_periods) + " (its periods: " +
                         [&] {
                             std::string all;
                             for (const auto& s : seen) all += (all.empty() ? "" : ", ") + s;
                             return all;
                         }() +
                         ")");
}

bool time_operator(const std::string& fn) {
    for (const char* t : {"lag", "lead", "yoy", "growth", "cagr", "ytd", "single_month", "single_quarter",
                          "last_year_end", "year_end", "target"})
        if (fn == t) return true;
    return false;
}

class explainer {
public:
    explainer(const panel& one, const catalogue& cat, const detail::eval_trace& trace, explanation& out)
        : one_(one), cat_(cat), trace_(trace), out_(out) {}

    // The terms `n` reads for `row`; `used`: the unit its value is converted into (null: its own).
    void walk(const formula& f, const formula_node& n, std::size_t row, const std::string& read_by, int depth,
              const std::string& through, const unit* used) {
        switch (n.kind) {
            case node_kind::number:
                return;
            case node_kind::name:
                return name(n, row, read_by, depth, through, used);
            case node_kind::unary_minus:
            case node_kind::logical_not:
                return walk(f, *n.args[0], row, read_by, depth, through,
                            n.kind == node_kind::unary_minus ? used : nullptr);
            case node_kind::binary: {
                const bool converts = n.op != "*" && n.op != "/" && n.op != "and" && n.op != "or";
                const unit* left = converts ? unit_of(*n.args[0]) : nullptr;
                walk(f, *n.args[0], row, read_by, depth, through, n.op == "+" || n.op == "-" ? used : nullptr);
                if (left && zero_literal(*n.args[0])) left = nullptr;  // 0 takes the other side's unit
                return walk(f, *n.args[1], row, read_by, depth, through,
                            (n.op == "+" || n.op == "-") && used ? used : left);
            }
            case node_kind::call:
                return call(f, n, row, read_by, depth, through, used);
        }
    }

private:
    const unit* unit_of(const formula_node& n) const {
        auto found = trace_.nodes.find(&n);
        return found == trace_.nodes.end() ? nullptr : &found->second.u;
    }
    static bool zero_literal(const formula_node& n) {
        return n.kind == node_kind::number && n.number == 0 && n.number_unit.symbol() == "1";
    }

    void add(explained_term t, const unit* used) {
        t.used_unit = used ? *used : t.stored_unit;
        t.used = nan_value;
        if (t.why == reason::none) {
            t.used = t.stored;
            if (t.stored_unit.convertible_to(t.used_unit))
                t.used = detail::convert_exactly(t.stored_unit.to(t.used_unit), t.stored);
            else
                t.used_unit = t.stored_unit;
        }
        out_.terms.push_back(std::move(t));
    }

    explained_term term(const std::string& name, std::size_t row, const std::string& read_by, int depth,
                        const std::string& through) const {
        explained_term t;
        t.name = name, t.read_by = read_by, t.depth = depth, t.through = through;
        t.entity = out_.entity;
        t.period = one_.period_at(row);
        return t;
    }

    void name(const formula_node& n, std::size_t row, const std::string& read_by, int depth, const std::string& through,
              const unit* used) {
        explained_term t = term(n.name, row, read_by, depth, through);
        auto ind = trace_.indicators.find(n.name);
        if (cat_.find(n.name) && ind != trace_.indicators.end()) {
            t.indicator = true;
            t.stored = ind->second.value.values[row];
            t.stored_unit = ind->second.value.u;
            t.why = ind->second.value.reasons[row];
            add(std::move(t), used);
            const formula& inner = ind->second.f;
            return walk(inner, detail::root_of(inner), row, n.name, depth + 1, "", nullptr);
        }
        column_read(std::move(t), n, row, used);
    }

    // A panel column read at `row`: the cell as stored; the reason the formula saw.
    void column_read(explained_term t, const formula_node& n, std::size_t row, const unit* used) {
        const column* c = one_.find(t.name);
        const detail::traced_values* seen = nullptr;
        if (auto found = trace_.nodes.find(&n); found != trace_.nodes.end()) seen = &found->second;
        t.stored = c ? c->data()[row] : nan_value;
        t.stored_unit = seen ? seen->u : c ? c->unit() : unit{};
        t.why = seen ? seen->reasons[row] : c ? c->reason_at(row) : reason::missing_variable;
        // A partial roll-up sum (rollup_options::partial_sums) keeps its reason beside its value; the
        // evaluation reads the value as it is, so the trace has none: the term read as a plain sum.
        if (t.why == reason::none && c && !std::isnan(t.stored)) t.why = c->reason_at(row);
        add(std::move(t), used);
    }

    void call(const formula& f, const formula_node& n, std::size_t row, const std::string& read_by, int depth,
              const std::string& through, const unit* used) {
        const std::string& fn = n.name;
        const std::string via = through.empty() ? fn : through + ", " + fn;
        if (fn == "published") {
            explained_term t = term(n.args[0]->name, row, read_by, depth, via);
            const column* c = one_.find(n.args[0]->name);
            t.stored = c ? c->data()[row] : nan_value;
            t.stored_unit = c ? c->unit() : unit{};
            t.why = c ? c->reason_at(row) : reason::missing_variable;
            return add(std::move(t), used);
        }
        if (fn == "elapsed") {
            explained_term t = term("elapsed()", row, read_by, depth, through);
            if (const auto* seen = unit_of(n)) t.stored_unit = *seen;
            t.stored = trace_.nodes.at(&n).values[row];
            return add(std::move(t), nullptr);
        }
        if (time_operator(fn)) return time_call(f, n, row, read_by, depth, through, used);
        if (fn == "if") {
            walk(f, *n.args[0], row, read_by, depth, through, nullptr);
            const auto& condition = trace_.nodes.at(n.args[0].get());
            if (condition.reasons[row] != reason::none) return;
            const bool first = condition.values[row] != 0;
            return walk(f, *n.args[first ? 1 : 2], row, read_by, depth, through,
                        first ? used : (used ? used : unit_of(*n.args[1])));
        }
        const bool common = fn == "min" || fn == "max";
        for (std::size_t k = 0; k < n.args.size(); ++k) {
            const bool same_unit =
                common || (k == 0 && detail::find_function(fn)->units == detail::unit_rule::same_as_first);
            const unit* into = same_unit && used ? used : (common && k > 0 ? unit_of(*n.args[0]) : nullptr);
            if (n.args[k]->kind == node_kind::number && k > 0 && !common) continue;  // a constant argument
            walk(f, *n.args[k], row, read_by, depth, through, into);
        }
    }

    // A time operator: its argument at the rows it read for `row`.
    void time_call(const formula& f, const formula_node& n, std::size_t row, const std::string& read_by, int depth,
                   const std::string& through, const unit* used) {
        const std::string via = through.empty() ? n.name : through + ", " + n.name;
        const formula_node& arg = *n.args[0];
        const bool rate = n.name == "growth" || n.name == "cagr";
        if (rate) walk(f, arg, row, read_by, depth, through, nullptr);  // the value now
        if ((n.name == "yoy" || n.name == "growth") && arg.kind == node_kind::name) {
            // An explicit same-scope prior value (<x>_prior) wins where it is given; a cell that is
            // not blank but gives no valid value (unparseable, a partial roll-up sum) is the gap.
            const column* prior = one_.find(arg.name + "_prior");
            if (prior && !detail::prior_left_blank(prior->reason_at(row))) {
                explained_term t = term(prior->name(), row, read_by, depth, via);
                t.stored = prior->data()[row];
                t.stored_unit = prior->unit();
                t.why = prior->reason_at(row);
                return add(std::move(t), rate ? nullptr : used ? used : unit_of(arg));
            }
        }
        auto reads = trace_.reads.find(&n);
        if (reads == trace_.reads.end()) return;
        for (const detail::traced_read& r : reads->second[row]) {
            if (r.row >= 0) {
                walk(f, arg, static_cast<std::size_t>(r.row), read_by, depth, via, rate ? nullptr : used);
                continue;
            }
            explained_term t =
                term(f.text().substr(arg.span.begin, arg.span.end - arg.span.begin), row, read_by, depth, via);
            t.period = r.sought;
            if (n.name == "year_end" || n.name == "last_year_end")
                t.period = period::year(one_.period_at(row).year_number() - 1);
            t.row_found = false;
            t.why = reason::no_such_period;
            t.note = r.note;
            t.stored = nan_value;
            if (const unit* u = unit_of(arg)) t.stored_unit = *u;
            add(std::move(t), nullptr);
        }
    }

    const panel& one_;
    const catalogue& cat_;
    const detail::eval_trace& trace_;
    explanation& out_;
};

std::string number_text(double x) {
    if (std::isnan(x)) return "NaN";
    char text[64];
    const auto written = std::to_chars(text, text + sizeof text, x);
    return std::string(text, written.ptr);
}

std::string with_unit(double x, const unit& u) {
    const std::string s = u.symbol();
    return number_text(x) + (s.empty() || s == "1" ? "" : " " + s);
}

}  // namespace

namespace {
/// Where an error met while explaining one value is: that value's entity and period.
location explained_cell(const std::string& entity, const period& at) {
    location where;
    where.entity = entity;
    where.period = at.to_string();
    return where;
}
}  // namespace

explanation explain(const panel& p, const std::string& indicator_id, const std::string& entity, const period& at,
                    const compute_options& options, const catalogue& cat) {
    const indicator& ind = cat.at(indicator_id);
    const panel one = entity_rows(p, entity_index(p, entity));
    const std::size_t row = row_of(one, at, entity);
    explanation out;
    out.indicator = ind.id, out.formula = ind.formula, out.entity = entity, out.period = at;
    out.unit = ind.unit, out.valid_min = ind.valid_min, out.valid_max = ind.valid_max;
    out.value = out.raw = nan_value;
    detail::eval_trace trace;
    try {
        detail::traced_indicator(one, ind, options, cat, trace);
    } catch (const missing_variable_error& e) {
        if (options.strict) detail::rethrow_within(e, "", explained_cell(entity, at));
        out.why = reason::missing_variable, out.problem = e.message();
        return out;
    } catch (const incompatible_units_error& e) {
        if (options.strict) detail::rethrow_within(e, "", explained_cell(entity, at));
        out.why = reason::unit_mismatch, out.problem = e.message();
        return out;
    }
    const auto& traced = trace.indicators.at(ind.id);
    out.value = traced.value.values[row];
    out.why = traced.value.reasons[row];
    out.raw = traced.raw.values[row];
    out.raw_unit = traced.raw.u;
    out.converted = traced.raw.u.to(ind.unit);
    explainer(one, cat, trace, out).walk(traced.f, detail::root_of(traced.f), row, ind.id, 0, "", nullptr);
    return out;
}

namespace {
/// A reason as the account says it: beside a value, a roll-up's reason marks a partial sum (or a
/// value computed from one) — not every part was summed —, any other a value kept but flagged.
std::string reason_said(reason why, bool has_value, const char* missing) {
    const std::string name(zhibiao::to_string(why));
    if (!has_value) return missing + name;
    if (why == reason::incomplete_rollup || why == reason::invalid_child)
        return "partial: a roll-up sum without every part, " + name;
    return "flagged: " + name;
}
}  // namespace

std::string explanation::to_string() const {
    std::string s = indicator + " of " + entity + " at " + period.to_string() + " = " + with_unit(value, unit);
    // A value beside a reason is computed from a partial roll-up sum (rollup_options::partial_sums):
    // said as partial, not as missing (it said "= 0.4 % (missing: incomplete_rollup)").
    if (why != reason::none) s += " (" + reason_said(why, !std::isnan(value), "missing: ") + ")";
    s += "\n  formula: " + formula;
    if (!std::isnan(raw) && !converted.identity())
        s += "\n  computed: " + with_unit(raw, raw_unit) + ", in " + unit.symbol() + ": " + with_unit(value, unit);
    if (std::isfinite(valid_min) && std::isfinite(valid_max))
        s += "\n  valid range: " + number_text(valid_min) + " to " + number_text(valid_max);
    else if (std::isfinite(valid_min) || std::isfinite(valid_max))  // no "inf" in a reader's text
        s += "\n  valid range: " +
             (std::isfinite(valid_min) ? ">= " + number_text(valid_min) : "<= " + number_text(valid_max));
    if (!problem.empty()) s += "\n  problem: " + problem;
    for (const explained_term& t : terms) {
        s += "\n  " + std::string(2 * static_cast<std::size_t>(t.depth), ' ') + t.name;
        if (!t.through.empty()) s += " via " + t.through;
        s += " [" + t.entity + " " + t.period.to_string() + "] ";
        if (!t.row_found)
            s += "no such row";
        else
            s += with_unit(t.stored, t.stored_unit);
        if (t.why == reason::none && t.used_unit.symbol() != t.stored_unit.symbol())
            s += " = " + with_unit(t.used, t.used_unit);
        if (t.why != reason::none) s += " (" + reason_said(t.why, t.row_found && !std::isnan(t.stored), "") + ")";
        if (!t.note.empty()) s += ": " + t.note;
    }
    const bool partial = std::any_of(terms.begin(), terms.end(), [](const explained_term& t) {
        return (t.why == reason::incomplete_rollup || t.why == reason::invalid_child) && t.row_found &&
               !std::isnan(t.stored);
    });
    if (partial)
        s += "\n  note: read from partial roll-up sums (not every child summed): compute() reads each as the gap it "
             "stands for (NaN with its reason); compute_rolled_up() computes the value over the matched children";
    return s;
}

}  // namespace zhibiao
