// Scorecards: the smallest change of each controllable input that makes a failing firm pass.
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <cmath>

#include "scorecard/compiled.hpp"
#include "scorecard/internal.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {

using detail::chunk;
using detail::format_number;
using detail::nan_value;
using detail::shape_result;

// ---------------------------------------------------------------------------------- gap to qualify

namespace {

// k steps of `step`, as the decimal a reader writes where 1 / step is a whole number: 25051 × 0.01
// is 250.51000000000002 in doubles, 25051 / 100 the double nearest 250.51 (the gap a firm is told).
double steps(double k, double step) {
    const double per_unit = std::round(1 / step);
    return per_unit >= 1 && per_unit * step == 1 ? k / per_unit : k * step;
}

// Scores variants of one firm (each a full input row) on the vector machine, a chunk at a time;
// the registers and `last()` keep what the last chunk gave.
class variant_runner {
public:
    variant_runner(const scorecard& s, points_policy policy)
        : s_(s),
          c_(detail::scorer::compiled(s)),
          policy_(policy),
          regs_(static_cast<std::size_t>(c_.prog.registers()) * chunk) {}

    void run(const std::vector<std::vector<double>>& variants, std::vector<std::uint8_t>& passed) {
        const std::size_t m = variants.size(), n_inputs = s_.inputs().size();
        std::vector<std::vector<double>> columns(n_inputs, std::vector<double>(m));
        for (std::size_t v = 0; v < m; ++v)
            for (std::size_t k = 0; k < n_inputs; ++k) columns[k][v] = variants[v][k];
        passed.assign(m, 0);
        for (std::size_t begin = 0; begin < m; begin += chunk) {
            const std::size_t len = std::min(chunk, m - begin);
            scorecard_columns part{len, {}};
            for (const auto& col : columns) part.columns.push_back(col.data() + begin);
            shape_result(s_, len, false, last_);
            detail::scorer::run_chunk(s_, c_, part, 0, len, regs_.data(), policy_, last_);
            for (std::size_t v = 0; v < len; ++v) passed[begin + v] = last_.passed(v);
        }
    }
    bool passes(const std::vector<double>& variant) {
        run({variant}, scratch_);
        return scratch_[0] != 0;
    }
    double reg(int r, std::size_t i) const { return regs_[static_cast<std::size_t>(r) * chunk + i]; }
    const scorecard_result& last() const { return last_; }
    const detail::compiled_scorecard& compiled() const { return c_; }

private:
    const scorecard& s_;
    const detail::compiled_scorecard& c_;
    points_policy policy_;
    std::vector<double> regs_;
    scorecard_result last_;
    std::vector<std::uint8_t> scratch_;
};

// The rules the firm in row 0 of the runner's last run fails: input bounds ("input <id>"),
// validity checks, gates, and "pass" when the pass rule does not hold.
std::vector<std::string> failing_rules(const scorecard& s, const variant_runner& runner) {
    const scorecard_result& r = runner.last();
    std::vector<std::string> rules;
    const std::size_t n_inputs = s.inputs().size();
    for (std::size_t k = 0; k < n_inputs; ++k)
        if (r.problems[0] >> k & 1u) rules.push_back("input " + s.inputs()[k].id);
    for (std::size_t j = 0; j < s.validity().size(); ++j)
        if (r.problems[0] >> (n_inputs + j) & 1u) rules.push_back(s.validity()[j].id);
    for (std::size_t g = 0; g < s.gates().size(); ++g)
        if (!r.gates(0, static_cast<Eigen::Index>(g))) rules.push_back(s.gates()[g].id);
    // A firm a direct route confirms is not scored (第八条): the pass rule, on points it need not
    // have (NaN where it left the scoring inputs blank), blocks nothing.
    for (int route : runner.compiled().route_reg)
        if (const double x = runner.reg(route, 0); x != 0 && x == x) return rules;
    const double pass = runner.reg(runner.compiled().pass_reg, 0);
    if (!(pass != 0 && pass == pass)) rules.push_back(s.pass_rule().id);
    return rules;
}

// f(d) = (a + b d) / (1 + c d) through three points at d = 0, h, 2h: the shape of a share
// whose numerator, or numerator and denominator, grow with d. Returns false when the points do
// not fit one (checked at a fourth point by the caller).
bool fit_moebius(double f0, double f1, double f2, double h, double& a, double& b, double& c) {
    a = f0;
    // f1 (1 + c h) = a + b h ;  f2 (1 + 2 c h) = a + 2 b h
    const double m11 = h, m12 = -h * f1, r1 = f1 - a;
    const double m21 = 2 * h, m22 = -2 * h * f2, r2 = f2 - a;
    const double det = m11 * m22 - m12 * m21;
    if (det == 0) {
        if (r1 == 0 && r2 == 0) return b = 0, c = 0, true;  // constant
        return false;
    }
    b = (r1 * m22 - m12 * r2) / det;
    c = (m11 * r2 - r1 * m21) / det;
    return std::isfinite(b) && std::isfinite(c);
}

// One controllable input of one firm: the variants it makes and the search for the smallest
// change that passes.
struct controllable_search {
    const scorecard_controllable& ctl;
    const std::vector<double>& base;
    std::vector<int> moved;
    double base_value = 0;
    /// How far the search goes: 10^7 times the input's size, finite whatever the input.
    double limit = 0;
    /// How far blocking_rules raises the input: `limit`, or less where an input has a `max`.
    double probe = 0;

    controllable_search(const scorecard& s, const scorecard_controllable& c, const std::vector<double>& b)
        : ctl(c), base(b) {
        moved.push_back(s.input_index(ctl.input));
        for (const auto& a : ctl.also_adds) moved.push_back(s.input_index(a));
        base_value = base[static_cast<std::size_t>(moved[0])];
        if (base_value != base_value) base_value = 0;
        limit = std::min(1e7 * (std::abs(base_value) + 1), std::numeric_limits<double>::max() / 8);
        // The probe for what blocks the firm stays within every moved input's `max` (on the
        // input's grid): past it the input's own bound check would be reported as the blocker.
        probe = limit;
        for (int k : moved) {
            const double x = base[static_cast<std::size_t>(k)],
                         room = s.inputs()[static_cast<std::size_t>(k)].max - (x != x ? 0 : x);
            if (room < probe)
                probe = std::max(0.0, ctl.step > 0 ? steps(std::floor(room / ctl.step + 1e-9), ctl.step) : room);
        }
    }
    /// The firm with the input raised by `d`. An input that grows with it (`also_adds`) and was
    /// left blank stays blank: more R&D gives no total cost a firm did not report, and inventing
    /// one (0 + d) would score a ratio the firm never chose (R&D ÷ a total cost of d).
    std::vector<double> variant(double d) const {
        std::vector<double> v = base;
        for (std::size_t j = 0; j < moved.size(); ++j) {
            double& x = v[static_cast<std::size_t>(moved[j])];
            if (x != x && j > 0) continue;
            x = (x != x ? 0 : x) + d;
        }
        return v;
    }

    /// Candidates from solving every comparison's share-like shape for its threshold; false in
    /// `all_closed` when some rule has no such closed form.
    std::vector<double> closed_form_candidates(variant_runner& runner, bool& all_closed) const;
    /// Doubling, then bisection on the input's grid: every loop bounded by a count. `known`, a
    /// change already known to pass (NaN: none), ends the doubling: the result is never above it.
    double search(variant_runner& runner, double known = nan_value) const;
};

std::vector<double> controllable_search::closed_form_candidates(variant_runner& runner, bool& all_closed) const {
    const detail::compiled_scorecard& c = runner.compiled();
    const double h = std::max(ctl.step, std::abs(base_value) * 0.5 + ctl.step);
    std::vector<std::uint8_t> passed;
    runner.run({variant(0), variant(h), variant(2 * h), variant(3 * h)},
               passed);  // one chunk: registers keep the probes
    auto values = [&](int reg) {
        return std::vector<double>{runner.reg(reg, 0), runner.reg(reg, 1), runner.reg(reg, 2), runner.reg(reg, 3)};
    };
    // A value missing at every probe (a ratio over a blank input) does not move either.
    auto same = [](double x, double y) { return x == y || (x != x && y != y); };
    auto moves = [&](const std::vector<double>& f) {
        return !(same(f[0], f[1]) && same(f[1], f[2]) && same(f[2], f[3]));
    };
    std::vector<double> candidates;
    all_closed = true;
    auto solve_site = [&](const std::vector<double>& f, const std::vector<double>& thresholds) {
        if (!moves(f)) return;  // does not move with d
        double a, b, cc;
        if (!(std::isfinite(f[0]) && std::isfinite(f[1]) && std::isfinite(f[2]) && std::isfinite(f[3])) ||
            !fit_moebius(f[0], f[1], f[2], h, a, b, cc) ||
            std::abs((a + b * 3 * h) / (1 + cc * 3 * h) - f[3]) > 1e-7 * (std::abs(f[3]) + 1)) {
            all_closed = false;
            return;
        }
        for (double t : thresholds) {
            if (!std::isfinite(t)) continue;
            const double d = (t - a) / (b - t * cc);
            if (std::isfinite(d) && d > 0) candidates.push_back(d);
        }
    };
    for (const auto& alts : c.items)
        for (const auto& alt : alts) {
            std::vector<double> thresholds;
            for (double gb : alt.grid_bounds) thresholds.push_back(gb / c.inverse_grid);
            solve_site(values(alt.reg), thresholds);
        }
    for (const auto& [lhs, rhs] : c.prog.comparisons()) {
        const auto lv = values(lhs), rv = values(rhs);
        if (moves(lv) && moves(rv))
            all_closed = false;
        else if (moves(lv))
            solve_site(lv, {rv[0]});
        else if (moves(rv))
            solve_site(rv, {lv[0]});
    }
    return candidates;
}

double controllable_search::search(variant_runner& runner, double known) const {
    // 2100 doublings take the smallest positive step past the largest double: the count bounds
    // the loop even where rounding would not.
    // Counted in steps, so that every change tried is a decimal on the input's grid.
    double hi = 1;
    bool found = false;
    for (int k = 0; k < 2100 && steps(hi, ctl.step) <= limit && !(steps(hi, ctl.step) >= known); ++k, hi *= 2)
        if (runner.passes(variant(steps(hi, ctl.step)))) {
            found = true;
            break;
        }
    if (!found) return known;
    double lo = 0;  // does not pass (the firm fails as it is)
    for (int k = 0; k < 2100; ++k) {
        const double mid = std::floor((lo + hi) / 2);
        if (!(mid > lo && mid < hi)) break;
        (runner.passes(variant(steps(mid, ctl.step))) ? hi : lo) = mid;
    }
    return steps(hi, ctl.step);
}

gap_entry gap_for(const scorecard& s, variant_runner& runner, const scorecard_controllable& ctl,
                  const std::vector<double>& base, double unit_cost) {
    gap_entry e;
    e.input = ctl.input;
    const controllable_search search(s, ctl, base);
    bool all_closed = true;
    const std::vector<double> candidates = search.closed_form_candidates(runner, all_closed);
    // Each candidate on the input's grid, and one step above (the edge itself may round).
    std::vector<double> grid;
    for (double d : candidates) {
        const double k = std::ceil(d / ctl.step - 1e-9), up = steps(k, ctl.step);
        if (!(up <= search.limit)) continue;
        grid.push_back(up);
        grid.push_back(steps(k + 1, ctl.step));
    }
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    std::vector<std::vector<double>> variants;
    for (double d : grid) variants.push_back(search.variant(d));
    std::vector<std::uint8_t> passed;
    runner.run(variants, passed);
    for (std::size_t v = 0; v < grid.size(); ++v)
        if (passed[v]) {
            e.change = grid[v];
            break;
        }
    // A rule without a closed form (a share whose base is 0 before the change: R&D over a total
    // cost of 0 is 100% at any extra R&D) may pass below every candidate the others gave: search
    // up to the best of them too.
    if (!all_closed) {
        const double found = search.search(runner, e.change);
        if (!(found == e.change)) e.closed_form = false, e.change = found;
    }
    if (e.change == e.change) e.cost = e.change * unit_cost;
    return e;
}

// What blocks every single-input route: the rules still failing with each controllable input
// raised to the end of its search or to its `max` (those all of them leave failing, else every one any leaves).
std::vector<std::string> blocking_rules(const scorecard& s, variant_runner& runner, const std::vector<double>& base) {
    std::vector<std::string> common, any;
    bool first = true;
    for (const auto& ctl : s.controllables()) {
        const controllable_search search(s, ctl, base);
        runner.passes(search.variant(search.probe));
        std::vector<std::string> failing = failing_rules(s, runner);
        for (const auto& r : failing)
            if (std::find(any.begin(), any.end(), r) == any.end()) any.push_back(r);
        if (first)
            common = failing;
        else
            common.erase(std::remove_if(common.begin(), common.end(),
                                        [&](const std::string& r) {
                                            return std::find(failing.begin(), failing.end(), r) == failing.end();
                                        }),
                         common.end());
        first = false;
    }
    if (first) {  // no controllable input: what fails as the firm is
        runner.passes(base);
        return failing_rules(s, runner);
    }
    return common.empty() ? any : common;
}

}  // namespace

void scorecard::check_gap_costs(const std::vector<std::pair<std::string, double>>& costs) const {
    for (const auto& entry : costs) {
        const std::string& name = entry.first;  // not a structured binding: lambdas capture it (C++17)
        const double cost = entry.second;
        const bool known = std::any_of(controllables_.begin(), controllables_.end(),
                                       [&](const scorecard_controllable& c) { return c.input == name; });
        location where;
        where.variable = name;
        if (!known)
            throw lookup_error(
                "costs: '" + name + "' is no controllable input of scorecard '" + id_ + "'" +
                    detail::suggestion(name, controllables_,
                                       [](const scorecard_controllable& c) -> std::string_view { return c.input; }),
                name, where);
        // A bad argument as an out-of-range row is (cpp.md): argument_error. NaN said as NaN: the
        // explanations' "—" (a value not there) would read as a dash the caller never passed.
        if (!std::isfinite(cost) || cost < 0)
            throw argument_error("costs: the cost of '" + name + "' must be a finite number ≥ 0, not " +
                                     (std::isnan(cost) ? std::string("NaN") : format_number(cost)),
                                 where);
    }
}

std::vector<firm_gap> scorecard::gap(const scorecard_columns& in, const std::vector<std::size_t>& rows,
                                     const std::vector<std::pair<std::string, double>>& costs,
                                     points_policy policy) const {
    if (in.columns.size() != inputs_.size())
        throw argument_error("scorecard '" + id_ + "' takes " + std::to_string(inputs_.size()) +
                             " input columns, not " + std::to_string(in.columns.size()));
    check_gap_costs(costs);
    variant_runner runner(*this, policy);
    std::vector<firm_gap> out;
    std::vector<std::uint8_t> passed;
    for (std::size_t row : rows) {
        poll_interrupt();  // firm by firm: Ctrl-C between firms
        report_progress(out.size(), rows.size());
        if (row >= in.rows)
            throw argument_error("gap: row " + std::to_string(row) + " out of range (" + std::to_string(in.rows) +
                                 " rows)");
        firm_gap g;
        std::vector<double> base(inputs_.size());
        for (std::size_t k = 0; k < inputs_.size(); ++k) base[k] = in.columns[k] ? in.columns[k][row] : nan_value;
        runner.run({base}, passed);
        g.status = runner.last().status_of(0);
        g.already_passes = g.status == firm_status::passed || g.status == firm_status::direct;
        g.invalid = g.status == firm_status::invalid_input;  // its data must be fixed first
        if (g.already_passes || g.invalid) {
            out.push_back(std::move(g));
            continue;
        }
        for (const auto& ctl : controllables_) {
            double unit_cost = ctl.cost;
            for (const auto& [id, v] : costs)
                if (id == ctl.input) unit_cost = v;
            g.routes.push_back(gap_for(*this, runner, ctl, base, unit_cost));
        }
        for (std::size_t k = 0; k < g.routes.size(); ++k)
            if (g.routes[k].cost == g.routes[k].cost &&
                (g.cheapest < 0 || g.routes[k].cost < g.routes[static_cast<std::size_t>(g.cheapest)].cost))
                g.cheapest = static_cast<int>(k);
        if (g.cheapest < 0) g.blocked_by = blocking_rules(*this, runner, base);
        out.push_back(std::move(g));
    }
    report_progress(rows.size(), rows.size());  // a progress bar ends full, not one firm short
    return out;
}

std::vector<firm_gap> scorecard::gap(const scorecard_inputs& in, const std::vector<std::size_t>& rows,
                                     const std::vector<std::pair<std::string, double>>& costs,
                                     points_policy policy) const {
    std::vector<firm_gap> out = gap(in.columns(), rows, costs, policy);
    if (in.unreadable().empty()) return out;
    for (std::size_t j = 0; j < rows.size(); ++j)
        if (in.unreadable()[rows[j]])
            out[j] = firm_gap{}, out[j].invalid = true, out[j].status = firm_status::invalid_input;
    return out;
}

}  // namespace zhibiao
