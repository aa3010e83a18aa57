// Scorecards: compiling a pack's formulas and tables to the vector machine.
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "scorecard/compiled.hpp"
#include "scorecard/internal.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao {

namespace {

using name_table = std::map<std::string, detail::program::binding>;

std::string_view name_of_entry(const name_table::value_type& entry) { return entry.first; }

// Measures, validity checks, gates and routes: the formulas that read only inputs and measures.
void compile_formulas(const scorecard& s, detail::compiled_scorecard& c, name_table& names,
                      const detail::program::resolver& resolve) {
    detail::program& p = c.prog;
    for (std::size_t k = 0; k < s.inputs().size(); ++k) c.input_reg.push_back(p.new_register());
    for (std::size_t k = 0; k < s.inputs().size(); ++k) names[s.inputs()[k].id] = {c.input_reg[k], s.inputs()[k].unit};
    for (const auto& m : s.measures()) {
        if (names.count(m.id)) throw parse_error("measure '" + m.id + "' repeats a name");
        int reg = p.compile(m.parsed, resolve, m.unit);
        c.measure_reg.push_back(reg);
        c.measure_unit.push_back(m.unit);
        names[m.id] = {reg, m.unit};
    }
    for (const auto& v : s.validity()) c.validity_reg.push_back(p.compile(v.parsed, resolve));
    for (const auto& g : s.gates()) c.gate_reg.push_back(p.compile(g.parsed, resolve));
    for (const auto& r : s.routes()) c.route_reg.push_back(p.compile(r.parsed, resolve));
    c.main_ops = p.size();
}

// One alternative's band table on the comparison grid, and as steps for the branch-free lookup:
// points = bottom + Σ_b [q ≥ at_least_b] · step_b.
detail::compiled_scorecard::alt band_table(const scorecard_alternative& a, int reg, double inverse_grid) {
    detail::compiled_scorecard::alt x{reg, {}, {}, {}, {}, {}, {}, {}, 0, 0, {}};
    for (const auto& b : a.bands) {
        x.grid_bounds.push_back(std::isfinite(b.bound) ? detail::on_grid(b.bound, inverse_grid) : b.bound);
        x.inclusive.push_back(b.inclusive);
        x.lo.push_back(b.points_lo);
        x.hi.push_back(b.points_hi);
    }
    const std::size_t last = a.bands.size() - 1;
    x.bottom_lo = x.lo[last];
    x.bottom_hi = x.hi[last];
    for (std::size_t b = 0; b < last; ++b) {
        x.at_least.push_back(x.inclusive[b] ? x.grid_bounds[b] : x.grid_bounds[b] + 1);
        x.step_lo.push_back(x.lo[b] - x.lo[b + 1]);
        x.step_hi.push_back(x.hi[b] - x.hi[b + 1]);
    }
    return x;
}

// The optional inputs whose registers register `reg`'s value is computed from. The program writes
// a register before any operation reads it, so one pass backwards finds every source.
std::vector<int> optional_inputs_read(const scorecard& s, const detail::compiled_scorecard& c, int reg) {
    std::vector<char> read(static_cast<std::size_t>(c.prog.registers()), 0);
    read[static_cast<std::size_t>(reg)] = 1;
    const auto& ops = c.prog.ops();
    for (std::size_t i = ops.size(); i-- > 0;)
        if (read[static_cast<std::size_t>(ops[i].dst)])
            for (int x : {ops[i].a, ops[i].b, ops[i].c})
                if (x >= 0) read[static_cast<std::size_t>(x)] = 1;
    std::vector<int> out;
    for (std::size_t k = 0; k < s.inputs().size(); ++k)
        if (s.inputs()[k].optional && read[static_cast<std::size_t>(c.input_reg[k])])
            out.push_back(static_cast<int>(k));
    return out;
}

bool item_has_ranges(const scorecard_item& it) {
    for (const auto& a : it.alternatives)
        for (const auto& b : a.bands)
            if (b.points_lo != b.points_hi) return true;
    return false;
}

// Items: registers for their points (filled by the scorer) and their band tables.
void compile_items(const scorecard& s, detail::compiled_scorecard& c, name_table& names) {
    detail::program& p = c.prog;
    const auto& items = s.items();
    c.item_cap.assign(items.size(), -1);
    for (const auto& it : items) {
        c.item_reg.push_back(p.new_register());
        c.item_lo_reg.push_back(p.new_register());
        c.item_hi_reg.push_back(p.new_register());
        if (names.count(it.id)) throw parse_error("item '" + it.id + "' repeats a name");
        names[it.id] = {c.item_reg.back(), unit{}};
        std::vector<detail::compiled_scorecard::alt> alts;
        for (const auto& a : it.alternatives) {
            auto m = names.find(a.measure);
            if (m == names.end())
                throw parse_error("item '" + it.id + "': no measure or input '" + a.measure + "'" +
                                  detail::suggestion(a.measure, names, name_of_entry));
            alts.push_back(band_table(a, m->second.reg, c.inverse_grid));
            alts.back().blank_inputs = optional_inputs_read(s, c, m->second.reg);
        }
        c.items.push_back(std::move(alts));
        c.expert_reg.push_back(
            it.expert_input.empty() ? -1 : c.input_reg[static_cast<std::size_t>(s.input_index(it.expert_input))]);
        c.range_column.push_back(item_has_ranges(it) ? static_cast<int>(c.ranged_items++) : -1);
    }
    for (const auto& in : s.inputs()) c.input_ceiling.push_back(in.max);
    for (const auto& it : items)
        if (!it.expert_input.empty())
            c.input_ceiling[static_cast<std::size_t>(s.input_index(it.expert_input))] = INFINITY;
}

void compile_caps(const scorecard& s, detail::compiled_scorecard& c, name_table& names) {
    const auto& items = s.items();
    for (std::size_t g = 0; g < s.caps().size(); ++g) {
        c.cap_reg.push_back(c.prog.new_register());
        names[s.caps()[g].id] = {c.cap_reg.back(), unit{}};
        std::vector<int> members;
        for (const auto& i : s.caps()[g].items)
            for (std::size_t k = 0; k < items.size(); ++k)
                if (items[k].id == i) {
                    if (c.item_cap[k] >= 0) throw parse_error("item '" + i + "' is in two caps");
                    c.item_cap[k] = static_cast<int>(g);
                    members.push_back(static_cast<int>(k));
                }
        c.cap_members.push_back(std::move(members));
    }
}

// The number of binary digits after the point `v` needs (v = m / 2^k, m whole), or -1 beyond 30.
int binary_digits(double v) {
    for (int k = 0; k <= 30; ++k)
        if (const double m = std::ldexp(v, k); m == std::floor(m)) return k;
    return -1;
}

// Whether every points value and total the pack gives is exactly a float: all of them, and
// every sum of them, are whole multiples of 2^-K no larger than the sum of the items' largest
// values; a float holds such numbers exactly while that bound times 2^K stays within 2^24.
bool points_fit_float(const scorecard& s) {
    int digits = 0;
    double bound = 0;
    auto take = [&digits](double v) {
        const int k = std::isfinite(v) ? binary_digits(v) : -1;
        digits = k < 0 || digits < 0 ? -1 : std::max(digits, k);
        return std::abs(v);
    };
    for (const auto& it : s.items()) {
        double largest = take(it.max);
        for (const auto& a : it.alternatives)
            for (const auto& b : a.bands)  // the mid policy's points included
                largest = std::max({largest, take(b.points_lo), take(b.points_hi),
                                    take(detail::mid_points(b.points_lo, b.points_hi))});
        bound += largest;
    }
    for (const auto& cap : s.caps()) take(cap.max);
    return digits >= 0 && std::ldexp(bound, digits) <= 16777216.0;
}

// Every {name} of a message names what an explanation can fill in (an input, a measure, an item
// or total): a misspelt one would be printed as written, "{totl}", to every firm.
void check_message_names(const scorecard& s) {
    std::vector<std::string> known{"total"};
    for (const auto& in : s.inputs()) known.push_back(in.id);
    for (const auto& m : s.measures()) known.push_back(m.id);
    for (const auto& it : s.items()) known.push_back(it.id);
    auto check = [&](const std::string& where, const scorecard_condition& c) {
        for (const std::string* m : {&c.message_zh, &c.message_en})
            for (std::size_t open = m->find('{'); open != std::string::npos; open = m->find('{', open + 1)) {
                const std::size_t close = m->find('}', open);
                if (close == std::string::npos) break;
                const std::string name = m->substr(open + 1, close - open - 1);
                if (std::find(known.begin(), known.end(), name) == known.end())
                    throw parse_error(where + ": its message names '{" + name +
                                      "}', which is no input, measure, item or total" +
                                      detail::suggestion(name, known, detail::as_written));
            }
    };
    for (const auto& c : s.validity()) check("validity '" + c.id + "'", c);
    for (const auto& c : s.gates()) check("gate '" + c.id + "'", c);
    for (const auto& c : s.routes()) check("route '" + c.id + "'", c);
    for (const auto& c : s.notes()) check("note '" + c.id + "'", c);
    check("[pass]", s.pass_rule());
}

}  // namespace

void scorecard::compile() {
    auto c = std::make_shared<detail::compiled_scorecard>(precision_);
    name_table names;
    const detail::program::resolver resolve =
        [&names](const std::string& n) -> std::optional<detail::program::binding> {
        auto it = names.find(n);
        if (it == names.end()) return std::nullopt;
        return it->second;
    };
    // An unknown name suggests the nearest one defined so far (inputs, measures, items, total).
    // The program outlives `names`: the suggester is dropped when compiling ends, thrown or not.
    struct forget_names {
        detail::program& p;
        ~forget_names() { p.suggest_names_with(nullptr); }
    } forget{c->prog};
    c->prog.suggest_names_with([&names](const std::string& n) { return detail::suggestion(n, names, name_of_entry); });
    compile_formulas(*this, *c, names, resolve);
    // Items and caps are filled by the scorer; the pass rule is compiled after them.
    compile_items(*this, *c, names);
    compile_caps(*this, *c, names);
    detail::program& p = c->prog;
    c->total_reg = p.new_register();
    c->eligible_reg = p.new_register();
    for (int& r : c->scratch_reg) r = p.new_register();
    names["total"] = {c->total_reg, unit{}};
    names["eligible"] = {c->eligible_reg, unit{}};
    c->pass_reg = p.compile(pass_.parsed, resolve);
    c->narrow = points_fit_float(*this);
    c->fused = detail::find_fused_kernels(detail::kernel_fingerprint(*this, *c));
    check_message_names(*this);
    compiled_ = std::move(c);
}

bool scorecard::has_ranges() const { return std::any_of(items_.begin(), items_.end(), item_has_ranges); }

std::vector<std::size_t> scorecard::ranged_items() const {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < items_.size(); ++k)
        if (item_has_ranges(items_[k])) out.push_back(k);
    return out;
}

bool scorecard::narrow_points() const { return detail::scorer::compiled(*this).narrow; }

std::string scorecard::engine() const {
    const auto* k = detail::scorer::compiled(*this).fused;
    return k ? std::string("fused kernel (") + k->isa + ")" : "vector machine";
}

}  // namespace zhibiao
