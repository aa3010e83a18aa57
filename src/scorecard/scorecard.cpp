// Scorecards: loading rule packs, compiling them to the vector machine, scoring, explaining and
// the gap to qualify.
#include "io/toml.hpp"

#include "core/text.hpp"

#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <typeinfo>

#include "core/error_context.hpp"
#include "scorecard/machine.hpp"
#include "scorecard/compiled.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {

using detail::chunk;

extern const char* const builtin_scorecard_tech_sme_2017;
extern const char* const builtin_scorecard_hnte_2016;
extern const char* const builtin_scorecard_hnte_2008;

// ---------------------------------------------------------------------------------- loading
namespace {

const double nan_value = std::numeric_limits<double>::quiet_NaN();

std::vector<band> read_bands(const detail::toml_reader& r, const std::string& item_id) {
    std::vector<band> bands;
    auto node = r.table()["bands"];
    const toml::array* a = node.as_array();
    if (!a || a->empty()) r.fail("bands", "must be a non-empty array of {min = ..., points = ...}");
    for (const auto& e : *a) {
        const toml::table* t = e.as_table();
        if (!t) r.fail("bands", "must hold tables");
        detail::toml_reader b(*t, r.source(), "item '" + item_id + "' band");
        band x;
        const bool has_min = static_cast<bool>((*t)["min"]), has_above = static_cast<bool>((*t)["above"]);
        if (has_min && has_above) b.fail("min", "and 'above' cannot both be given");
        if (has_min) x.bound = b.number("min", 0);
        if (has_above) x.bound = b.number("above", 0), x.inclusive = false;
        auto points = (*t)["points"];
        if (points.is_number()) {
            x.points_lo = x.points_hi = *points.value<double>();
        } else if (const toml::array* range = points.as_array(); range && range->size() == 2 && (*range)[0].is_number() &&
                                                                 (*range)[1].is_number()) {
            x.points_lo = *(*range)[0].value<double>();
            x.points_hi = *(*range)[1].value<double>();
            if (x.points_lo > x.points_hi) b.fail("points", "range must be [low, high]");
        } else {
            b.fail("points", "must be a number or [low, high]");
        }
        x.label = b.text("label");
        bands.push_back(x);
    }
    for (std::size_t k = 1; k < bands.size(); ++k)
        if (!(bands[k].bound < bands[k - 1].bound || (bands[k].bound == bands[k - 1].bound && bands[k - 1].inclusive == false && bands[k].inclusive)))
            r.fail("bands", "must be ordered from the highest bound down, without overlaps");
    if (bands.back().bound != -std::numeric_limits<double>::infinity())
        r.fail("bands", "must end with a bottom band without 'min' (what every other value scores)");
    for (std::size_t k = 1; k < bands.size(); ++k)
        if (bands[k].points_lo > bands[k - 1].points_lo || bands[k].points_hi > bands[k - 1].points_hi)
            r.fail("bands", "must not give more points to a lower band (a higher value never scores less)");
    return bands;
}

}  // namespace

scorecard::scorecard() = default;
scorecard::scorecard(const scorecard&) = default;
scorecard::scorecard(scorecard&&) noexcept = default;
scorecard& scorecard::operator=(const scorecard&) = default;
scorecard& scorecard::operator=(scorecard&&) noexcept = default;
scorecard::~scorecard() = default;

int scorecard::input_index(std::string_view id) const {
    for (std::size_t k = 0; k < inputs_.size(); ++k)
        if (inputs_[k].id == id) return static_cast<int>(k);
    return -1;
}

scorecard scorecard::from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    const toml::table& root = doc.root();
    scorecard s;
    detail::toml_reader top(root, source, "scorecard");
    s.id_ = top.text("id", true);
    s.name_zh_ = top.text("name_zh");
    s.name_en_ = top.text("name_en");
    s.source_ = top.text("source");
    s.precision_ = top.number("precision", 1e-9);
    if (!(s.precision_ > 0)) top.fail("precision", "must be positive");

    detail::each_toml_table(root, "input", source, [&](const detail::toml_reader& r) {
        scorecard_input in;
        in.id = r.text("id", true);
        const detail::toml_reader named = r.as("input '" + in.id + "'");
        in.name_zh = named.text("name_zh");
        in.name_en = named.text("name_en");
        in.unit_text = named.text("unit");
        if (in.unit_text.empty()) in.unit_text = "1";
        try {
            in.unit = unit::parse(in.unit_text);
        } catch (const unit_error& e) {
            detail::rethrow_at_key(named, "input '" + in.id + "'", "unit", e);
        }
        in.min = named.number("min", in.min);
        in.max = named.number("max", in.max);
        in.integer = named.flag("integer");
        in.optional = named.flag("optional");
        if (s.input_index(in.id) >= 0) named.fail("id", "repeats an earlier input");
        s.inputs_.push_back(std::move(in));
    });
    auto conditions = [&](const char* key, const char* formula_key, std::vector<scorecard_condition>& out) {
        detail::each_toml_table(root, key, source, [&](const detail::toml_reader& r) {
            scorecard_condition c;
            c.id = r.text("id", true);
            const detail::toml_reader named = r.as(std::string(key) + " '" + c.id + "'");
            c.condition = named.text(formula_key, true);
            c.message_zh = named.text("message_zh");
            c.message_en = named.text("message_en");
            try {
                c.parsed = formula::parse(c.condition);
            } catch (const error& e) {
                detail::rethrow_at_key(named, std::string(key) + " '" + c.id + "'", formula_key, e);
            }
            out.push_back(std::move(c));
        });
    };
    conditions("validity", "check", s.validity_);
    conditions("gate", "condition", s.gates_);
    conditions("route", "condition", s.routes_);
    detail::each_toml_table(root, "measure", source, [&](const detail::toml_reader& r) {
        scorecard_measure m;
        m.id = r.text("id", true);
        const detail::toml_reader named = r.as("measure '" + m.id + "'");
        m.formula_text = named.text("formula", true);
        m.unit_text = named.text("unit");
        if (m.unit_text.empty()) m.unit_text = "1";
        try {
            m.unit = unit::parse(m.unit_text);
            m.parsed = formula::parse(m.formula_text);
        } catch (const error& e) {
            detail::rethrow_at_key(named, "measure '" + m.id + "'", m.unit.symbol() == m.unit_text ? "formula" : "unit", e);
        }
        s.measures_.push_back(std::move(m));
    });
    detail::each_toml_table(root, "item", source, [&](const detail::toml_reader& r) {
        scorecard_item it;
        it.id = r.text("id", true);
        const detail::toml_reader named = r.as("item '" + it.id + "'");
        it.name_zh = named.text("name_zh");
        it.name_en = named.text("name_en");
        it.max = named.number("max", 0, true);
        it.expert_input = named.text("expert");
        if (!it.expert_input.empty()) {
            if (s.input_index(it.expert_input) < 0) named.fail("expert", "names no input");
        } else if (r.table()["alternatives"]) {
            const toml::array* alts = r.table()["alternatives"].as_array();
            if (!alts) named.fail("alternatives", "must be an array of tables");
            for (const auto& a : *alts) {
                const toml::table* at = a.as_table();
                if (!at) named.fail("alternatives", "must be an array of tables");
                detail::toml_reader ar(*at, source, "item '" + it.id + "' alternative");
                it.alternatives.push_back({ar.text("measure", true), read_bands(ar, it.id)});
            }
        } else {
            it.alternatives.push_back({named.text("measure", true), read_bands(named, it.id)});
        }
        for (const auto& alt : it.alternatives)
            for (const auto& b : alt.bands)
                if (b.points_hi > it.max) named.fail("bands", "give more points than the item's max");
        s.items_.push_back(std::move(it));
    });
    detail::each_toml_table(root, "cap", source, [&](const detail::toml_reader& r) {
        scorecard_cap c{r.text("id", true), r.texts("items"), r.number("max", 0, true)};
        for (const auto& i : c.items)
            if (std::none_of(s.items_.begin(), s.items_.end(), [&](const scorecard_item& it) { return it.id == i; }))
                r.fail("items", "names no item '" + i + "'");
        s.caps_.push_back(std::move(c));
    });
    if (const toml::table* pass = root["pass"].as_table()) {
        detail::toml_reader r(*pass, source, "pass");
        s.pass_.id = "pass";
        s.pass_.condition = r.text("rule", true);
        s.pass_.message_zh = r.text("message_zh");
        s.pass_.message_en = r.text("message_en");
        try {
            s.pass_.parsed = formula::parse(s.pass_.condition);
        } catch (const error& e) {
            detail::rethrow_at_key(r, "pass", "rule", e);
        }
    } else {
        location w;
        w.file = source;
        throw parse_error("scorecard: a [pass] table with a rule is required", w);
    }
    detail::each_toml_table(root, "controllable", source, [&](const detail::toml_reader& r) {
        scorecard_controllable c;
        c.input = r.text("input", true);
        const detail::toml_reader named = r.as("controllable '" + c.input + "'");
        if (s.input_index(c.input) < 0) named.fail("input", "names no input");
        c.step = named.number("step", 1);
        if (!(c.step > 0)) named.fail("step", "must be positive");
        c.also_adds = named.texts("also_adds");
        for (const auto& a : c.also_adds)
            if (s.input_index(a) < 0) named.fail("also_adds", "names no input '" + a + "'");
        c.cost = named.number("cost", 1);
        c.label_zh = named.text("label_zh");
        c.label_en = named.text("label_en");
        s.controllables_.push_back(std::move(c));
    });
    if (s.inputs_.size() + s.validity_.size() > 64) top.fail("input", "more than 64 inputs and validity checks");
    try {
        s.compile();
    } catch (const error& e) {
        location w;
        w.file = source;
        // A plain error of the compiler (an unknown measure, a rule's arity) is a fault of the
        // file's content: a ParseError naming it. A unit or limit error keeps its class.
        if (typeid(e) == typeid(error)) throw parse_error("scorecard '" + s.id_ + "': " + e.message(), w);
        detail::rethrow_within(e, "scorecard '" + s.id_ + "': ", w);
    }
    return s;
}

scorecard scorecard::load(const std::string& path) { return from_toml(detail::read_text_file(path), path); }

std::vector<std::string> scorecard::builtin_ids() { return {"tech-sme-2017", "hnte-2016", "hnte-2008"}; }

const scorecard& scorecard::builtin(const std::string& id) {
    static const std::vector<scorecard> packs = {
        from_toml(builtin_scorecard_tech_sme_2017, "data/scorecards/tech-sme-2017.toml (built in)"),
        from_toml(builtin_scorecard_hnte_2016, "data/scorecards/hnte-2016.toml (built in)"),
        from_toml(builtin_scorecard_hnte_2008, "data/scorecards/hnte-2008.toml (built in)"),
    };
    for (const auto& p : packs)
        if (p.id() == id) return p;
    auto ids = builtin_ids();
    throw lookup_error("no scorecard '" + id + "' (built in: tech-sme-2017, hnte-2016, hnte-2008)" +
                           detail::suggestion(id, ids, [](const std::string& x) -> std::string_view { return x; }),
                       id);
}

// ---------------------------------------------------------------------------------- compiling
void scorecard::compile() {
    auto c = std::make_shared<detail::compiled_scorecard>(precision_);
    detail::program& p = c->prog;
    for (std::size_t k = 0; k < inputs_.size(); ++k) c->input_reg.push_back(p.new_register());
    std::map<std::string, detail::program::binding> names;
    for (std::size_t k = 0; k < inputs_.size(); ++k) names[inputs_[k].id] = {c->input_reg[k], inputs_[k].unit};
    auto resolve = [&names](const std::string& n) -> std::optional<detail::program::binding> {
        auto it = names.find(n);
        if (it == names.end()) return std::nullopt;
        return it->second;
    };
    for (const auto& m : measures_) {
        if (names.count(m.id)) throw parse_error("measure '" + m.id + "' repeats a name");
        int reg = p.compile(m.parsed, resolve, m.unit);
        c->measure_reg.push_back(reg);
        c->measure_unit.push_back(m.unit);
        names[m.id] = {reg, m.unit};
    }
    const unit one{};
    for (const auto& v : validity_) c->validity_reg.push_back(p.compile(v.parsed, resolve));
    for (const auto& g : gates_) c->gate_reg.push_back(p.compile(g.parsed, resolve));
    for (const auto& r : routes_) c->route_reg.push_back(p.compile(r.parsed, resolve));
    c->main_ops = p.size();
    // Items and caps are filled by the scorer; the pass rule is compiled after them.
    c->item_cap.assign(items_.size(), -1);
    for (std::size_t k = 0; k < items_.size(); ++k) {
        const auto& it = items_[k];
        c->item_reg.push_back(p.new_register());
        c->item_lo_reg.push_back(p.new_register());
        c->item_hi_reg.push_back(p.new_register());
        if (names.count(it.id)) throw parse_error("item '" + it.id + "' repeats a name");
        names[it.id] = {c->item_reg.back(), one};
        std::vector<detail::compiled_scorecard::alt> alts;
        for (const auto& a : it.alternatives) {
            auto m = names.find(a.measure);
            if (m == names.end()) throw parse_error("item '" + it.id + "': no measure or input '" + a.measure + "'");
            detail::compiled_scorecard::alt x{m->second.reg, {}, {}, {}, {}, {}, {}, {}, 0, 0};
            for (const auto& b : a.bands) {
                x.grid_bounds.push_back(std::isfinite(b.bound) ? detail::on_grid(b.bound, c->inverse_grid) : b.bound);
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
            alts.push_back(std::move(x));
        }
        c->items.push_back(std::move(alts));
        c->expert_reg.push_back(it.expert_input.empty() ? -1 : c->input_reg[static_cast<std::size_t>(input_index(it.expert_input))]);
    }
    for (std::size_t g = 0; g < caps_.size(); ++g) {
        c->cap_reg.push_back(p.new_register());
        names[caps_[g].id] = {c->cap_reg.back(), one};
        std::vector<int> members;
        for (const auto& i : caps_[g].items)
            for (std::size_t k = 0; k < items_.size(); ++k)
                if (items_[k].id == i) {
                    if (c->item_cap[k] >= 0) throw parse_error("item '" + i + "' is in two caps");
                    c->item_cap[k] = static_cast<int>(g);
                    members.push_back(static_cast<int>(k));
                }
        c->cap_members.push_back(std::move(members));
    }
    c->total_reg = p.new_register();
    c->eligible_reg = p.new_register();
    for (int& r : c->scratch_reg) r = p.new_register();
    names["total"] = {c->total_reg, one};
    names["eligible"] = {c->eligible_reg, one};
    c->pass_reg = p.compile(pass_.parsed, resolve);
    c->fused = detail::find_fused_kernels(detail::kernel_fingerprint(*this, *c));
    compiled_ = std::move(c);
}

// ---------------------------------------------------------------------------------- scoring
namespace {

// Points of every row for one alternative: no branches, one pass over the chunk.
template <class Table>
void band_lookup(const double* __restrict x, double* __restrict lo, double* __restrict hi, std::size_t n, const Table& t,
                 double inverse_grid, double* __restrict q) {
    for (std::size_t i = 0; i < n; ++i) {
        q[i] = detail::on_grid(x[i], inverse_grid);  // NaN reaches no band
        lo[i] = t.bottom_lo;
        hi[i] = t.bottom_hi;
    }
    for (std::size_t b = 0; b < t.at_least.size(); ++b) {  // each band reached adds its step
        const double at_least = t.at_least[b], step_lo = t.step_lo[b], step_hi = t.step_hi[b];
        for (std::size_t i = 0; i < n; ++i) {
            const double reached = q[i] >= at_least ? 1.0 : 0.0;
            lo[i] += reached * step_lo;
            hi[i] += reached * step_hi;
        }
    }
}

inline double choose(double lo, double hi, points_policy policy) {
    return policy == points_policy::low ? lo : policy == points_policy::high ? hi : 0.5 * (lo + hi);
}

}  // namespace

void detail::scorer::run_chunk(const scorecard& s, const detail::compiled_scorecard& c, const scorecard_columns& in, std::size_t begin,
                               std::size_t n, double* regs, points_policy policy, scorecard_result& out) {
    auto reg = [regs](int r) { return regs + static_cast<std::size_t>(r) * chunk; };
    const auto& inputs = s.inputs();
    const bool ranges = out.points_lo.size() > 0;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        double* y = reg(c.input_reg[k]);
        if (in.columns[k]) std::copy(in.columns[k] + begin, in.columns[k] + begin + n, y);
        else std::fill(y, y + n, nan_value);
    }
    c.prog.run(regs, n, 0, c.main_ops);
    // Validity: the bounds of the inputs, then the checks.
    std::uint64_t* problems = out.problems.data() + begin;
    std::fill(problems, problems + n, 0);
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        const scorecard_input& spec = inputs[k];
        const double* x = reg(c.input_reg[k]);
        const double lo = spec.min, hi = spec.max;
        const std::uint64_t bit = std::uint64_t{1} << k;
        const bool optional = spec.optional, integer = spec.integer;
        const std::uint64_t missing_bit = optional ? 0 : bit;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = x[i];
            // ±inf is no quantity a firm reports: invalid whatever the bounds (v - v is 0 only when finite).
            const bool out_of_bounds = v < lo || v > hi || (integer && !detail::whole(v)) || v - v != 0;
            const std::uint64_t flagged = out_of_bounds ? bit : 0;
            problems[i] |= v != v ? missing_bit : flagged;
        }
    }
    for (std::size_t j = 0; j < c.validity_reg.size(); ++j) {
        const double* x = reg(c.validity_reg[j]);
        const std::uint64_t bit = std::uint64_t{1} << (inputs.size() + j);
        for (std::size_t i = 0; i < n; ++i) problems[i] |= x[i] == 0 ? bit : 0;
    }
    // Items: a band table is a sum of steps, so a monotone table needs no branches.
    double* total = reg(c.total_reg);
    double* total_lo = reg(c.scratch_reg[0]);
    double* total_hi = reg(c.scratch_reg[1]);
    std::fill(total, total + n, 0.0);
    if (ranges) std::fill(total_lo, total_lo + n, 0.0), std::fill(total_hi, total_hi + n, 0.0);
    const std::size_t n_items = s.items().size();
    for (std::size_t k = 0; k < n_items; ++k) {
        double* pts = reg(c.item_reg[k]);
        double* lo = reg(c.item_lo_reg[k]);
        double* hi = reg(c.item_hi_reg[k]);
        std::int8_t* which = out.alternative.data() + static_cast<std::size_t>(k) * out.rows + begin;
        if (c.expert_reg[k] >= 0) {
            const double* x = reg(c.expert_reg[k]);
            const double max = s.items()[k].max;
            for (std::size_t i = 0; i < n; ++i) lo[i] = hi[i] = pts[i] = x[i] != x[i] ? 0 : std::clamp(std::round(x[i]), 0.0, max);
            std::fill(which, which + n, 0);
        } else {
            double* alt_lo = reg(c.scratch_reg[2]);
            double* alt_hi = reg(c.scratch_reg[3]);
            for (std::size_t a = 0; a < c.items[k].size(); ++a) {
                const auto& alt = c.items[k][a];
                band_lookup(reg(alt.reg), a == 0 ? lo : alt_lo, a == 0 ? hi : alt_hi, n, alt, c.inverse_grid, reg(c.scratch_reg[4]));
                if (a == 0) {
                    for (std::size_t i = 0; i < n; ++i) pts[i] = choose(lo[i], hi[i], policy);
                    std::fill(which, which + n, 0);
                    continue;
                }
                const auto id = static_cast<std::int8_t>(a);
                for (std::size_t i = 0; i < n; ++i) {
                    const double v = choose(alt_lo[i], alt_hi[i], policy);
                    const bool better = v > pts[i];
                    pts[i] = better ? v : pts[i];
                    lo[i] = better ? alt_lo[i] : lo[i];
                    hi[i] = better ? alt_hi[i] : hi[i];
                    which[i] = better ? id : which[i];
                }
            }
        }
        if (c.item_cap[k] >= 0) continue;
        for (std::size_t i = 0; i < n; ++i) total[i] += pts[i];
        if (ranges)
            for (std::size_t i = 0; i < n; ++i) total_lo[i] += lo[i], total_hi[i] += hi[i];
    }
    for (std::size_t g = 0; g < c.cap_reg.size(); ++g) {
        double* sum = reg(c.cap_reg[g]);
        const double max = s.caps()[g].max;
        std::fill(sum, sum + n, 0.0);
        for (int k : c.cap_members[g]) {
            const double* pts = reg(c.item_reg[static_cast<std::size_t>(k)]);
            for (std::size_t i = 0; i < n; ++i) sum[i] += pts[i];
        }
        for (std::size_t i = 0; i < n; ++i) sum[i] = std::min(sum[i], max), total[i] += sum[i];
        if (ranges)
            for (std::size_t i = 0; i < n; ++i) {
                double l = 0, h = 0;
                for (int k : c.cap_members[g]) l += reg(c.item_lo_reg[static_cast<std::size_t>(k)])[i], h += reg(c.item_hi_reg[static_cast<std::size_t>(k)])[i];
                total_lo[i] += std::min(l, max);
                total_hi[i] += std::min(h, max);
            }
    }
    // Gates and eligibility, then the pass rule (which may read `eligible`).
    double* eligible = reg(c.eligible_reg);
    for (std::size_t i = 0; i < n; ++i) eligible[i] = problems[i] == 0;
    for (std::size_t g = 0; g < c.gate_reg.size(); ++g) {
        const double* x = reg(c.gate_reg[g]);
        std::uint8_t* holds = out.gates.data() + static_cast<std::size_t>(g) * out.rows + begin;
        for (std::size_t i = 0; i < n; ++i) {
            const bool h = x[i] != 0 && x[i] == x[i];
            holds[i] = h;
            eligible[i] = h ? eligible[i] : 0.0;
        }
    }
    c.prog.run(regs, n, c.main_ops, c.prog.size());
    const double* pass = reg(c.pass_reg);
    std::int8_t* route = out.route.data() + begin;
    std::fill(route, route + n, -1);
    for (std::size_t r = c.route_reg.size(); r-- > 0;) {  // the first route that holds wins
        const double* x = reg(c.route_reg[r]);
        for (std::size_t i = 0; i < n; ++i) route[i] = x[i] != 0 && x[i] == x[i] ? static_cast<std::int8_t>(r) : route[i];
    }
    const double nan = nan_value;
    for (std::size_t i = 0; i < n; ++i) {
        const bool valid = problems[i] == 0, ok = valid && eligible[i] != 0;
        route[i] = ok ? route[i] : -1;
        out.valid[begin + i] = valid;
        out.eligible[begin + i] = eligible[i] != 0;
        out.passed[begin + i] = ok && (route[i] >= 0 || (pass[i] != 0 && pass[i] == pass[i]));
        out.total(static_cast<Eigen::Index>(begin + i)) = valid ? total[i] : nan;
    }
    if (ranges)
        for (std::size_t i = 0; i < n; ++i) {
            const bool valid = problems[i] == 0;
            out.total_lo(static_cast<Eigen::Index>(begin + i)) = valid ? total_lo[i] : nan;
            out.total_hi(static_cast<Eigen::Index>(begin + i)) = valid ? total_hi[i] : nan;
        }
    for (std::size_t k = 0; k < n_items; ++k) {
        auto column = [&](Eigen::ArrayXXd& a, int r) {
            double* y = a.data() + static_cast<std::size_t>(k) * out.rows + begin;
            const double* x = reg(r);
            for (std::size_t i = 0; i < n; ++i) y[i] = problems[i] == 0 ? x[i] : nan;
        };
        column(out.points, c.item_reg[k]);
        if (ranges) column(out.points_lo, c.item_lo_reg[k]), column(out.points_hi, c.item_hi_reg[k]);
    }
}

bool scorecard::has_ranges() const {
    for (const auto& it : items_)
        for (const auto& a : it.alternatives)
            for (const auto& b : a.bands)
                if (b.points_lo != b.points_hi) return true;
    return false;
}

namespace {
// Shapes `out` for `rows` firms (keeping its storage when it already fits).
void shape_result(const scorecard& s, std::size_t rows, bool ranges, scorecard_result& out) {
    const auto n = static_cast<Eigen::Index>(rows), items = static_cast<Eigen::Index>(s.items().size());
    out.rows = rows;
    out.valid.resize(rows);
    out.eligible.resize(rows);
    out.passed.resize(rows);
    out.route.resize(rows);
    out.problems.resize(rows);
    out.total.resize(n);
    out.points.resize(n, items);
    out.alternative.resize(n, items);
    out.gates.resize(n, static_cast<Eigen::Index>(s.gates().size()));
    out.total_lo.resize(ranges ? n : 0);
    out.total_hi.resize(ranges ? n : 0);
    out.points_lo.resize(ranges ? n : 0, ranges ? items : 0);
    out.points_hi.resize(ranges ? n : 0, ranges ? items : 0);
}
}  // namespace

scorecard_result scorecard::evaluate(const scorecard_columns& in, points_policy policy, unsigned threads) const {
    scorecard_result out;
    evaluate_into(in, out, policy, threads);
    return out;
}

void scorecard::evaluate_into(const scorecard_columns& in, scorecard_result& out, points_policy policy, unsigned threads) const {
    detail::scorer::evaluate(*this, in, out, policy, threads, compiled_->fused);
}

std::string scorecard::engine() const {
    const auto* k = compiled_->fused;
    return k ? std::string("fused kernel (") + k->isa + ")" : "vector machine";
}

namespace {
// Firms a thread scores at a time with a fused kernel: a multiple of every vector width.
constexpr std::size_t fused_block = 2048;
const std::vector<double>& missing_block() {
    static const std::vector<double> nan(fused_block, nan_value);
    return nan;
}
}  // namespace

void detail::scorer::evaluate(const scorecard& s, const scorecard_columns& in, scorecard_result& out, points_policy policy,
                              unsigned threads, const fused_kernels* kernels) {
    const auto& inputs = s.inputs();
    if (in.columns.size() != inputs.size())
        throw error("scorecard '" + s.id() + "' takes " + std::to_string(inputs.size()) + " input columns, not " +
                    std::to_string(in.columns.size()));
    const std::size_t n = in.rows;
    const bool ranges = s.has_ranges();
    shape_result(s, n, ranges, out);
    unsigned n_threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n_threads = static_cast<unsigned>(std::min<std::size_t>(n_threads, std::max<std::size_t>(1, n / (16 * chunk))));
    const compiled_scorecard& c = *s.compiled_;
    const std::size_t items = s.items().size(), gates = s.gates().size();
    const fused_kernel kernel = kernels ? kernels->by_policy[static_cast<int>(policy)] : nullptr;
    auto work = [&](unsigned t) {
        std::vector<double> regs(static_cast<std::size_t>(c.prog.registers()) * chunk);
        // Each firm's result depends on its inputs alone, so any split gives the same bits;
        // splitting at whole blocks keeps the kernels on full blocks.
        const std::size_t first = (n * t / n_threads) / fused_block * fused_block;
        const std::size_t last = t + 1 == n_threads ? n : (n * (t + 1) / n_threads) / fused_block * fused_block;
        std::size_t begin = first;
        if (kernel) {
            std::vector<const double*> column(inputs.size());
            std::vector<double*> points(items), points_lo(items), points_hi(items);
            std::vector<std::int8_t*> alternative(items);
            std::vector<std::uint8_t*> holds(gates);
            fused_io at{};
            at.inputs = column.data();
            at.points = points.data();
            at.points_lo = ranges ? points_lo.data() : nullptr;
            at.points_hi = ranges ? points_hi.data() : nullptr;
            at.alternative = alternative.data();
            at.gates = holds.data();
            for (; begin + kernels->width <= last; begin += fused_block) {
                const std::size_t rows = std::min(fused_block, (last - begin) / kernels->width * kernels->width);
                for (std::size_t k = 0; k < inputs.size(); ++k) column[k] = in.columns[k] ? in.columns[k] + begin : missing_block().data();
                at.problems = out.problems.data() + begin;
                at.valid = out.valid.data() + begin;
                at.eligible = out.eligible.data() + begin;
                at.passed = out.passed.data() + begin;
                at.route = out.route.data() + begin;
                at.total = out.total.data() + begin;
                if (ranges) at.total_lo = out.total_lo.data() + begin, at.total_hi = out.total_hi.data() + begin;
                for (std::size_t k = 0; k < items; ++k) {
                    const std::size_t offset = k * n + begin;
                    points[k] = out.points.data() + offset;
                    if (ranges) points_lo[k] = out.points_lo.data() + offset, points_hi[k] = out.points_hi.data() + offset;
                    alternative[k] = out.alternative.data() + offset;
                }
                for (std::size_t g = 0; g < gates; ++g) holds[g] = out.gates.data() + g * n + begin;
                kernel(at, rows);
                if (rows < fused_block) {
                    begin += rows;
                    break;
                }
            }
        }
        // What is left — everything without a kernel, the last few firms with one.
        for (; begin < last; begin += chunk) run_chunk(s, c, in, begin, std::min(chunk, last - begin), regs.data(), policy, out);
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < n_threads; ++t) workers.emplace_back(work, t);
    work(0);
    for (auto& w : workers) w.join();
}

// ---------------------------------------------------------------------------------- explaining
namespace {

std::string format_number(double v) {
    if (v != v) return "—";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    std::string s = buffer;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string format_value(double v, const unit& u) {
    std::string number = format_number(v);
    const std::string& sym = u.symbol();
    if (v != v || sym == "1") return number;
    return number + sym;
}

}  // namespace

namespace {
std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}
}  // namespace

std::vector<std::string> scorecard::explain(const scorecard_columns& in, const scorecard_result& result,
                                            const std::vector<std::size_t>& rows, const std::string& language) const {
    const bool zh = language == "zh";
    if (!zh && language != "en") throw error("language must be 'zh' or 'en'");
    const detail::compiled_scorecard& c = *compiled_;
    std::vector<std::string> lines;
    std::vector<double> regs(static_cast<std::size_t>(c.prog.registers()) * chunk);
    scorecard_result one;
    one.rows = 1;
    for (std::size_t row : rows) {
        poll_interrupt();  // firm by firm: Ctrl-C between firms
        report_progress(lines.size(), rows.size());
        if (row >= in.rows) throw error("row " + std::to_string(row) + " out of range");
        scorecard_columns single{1, {}};
        for (const double* col : in.columns) single.columns.push_back(col ? col + row : nullptr);
        shape_result(*this, 1, has_ranges(), one);
        detail::scorer::run_chunk(*this, c, single, 0, 1, regs.data(), points_policy::low, one);
        // Values by name for the message templates.
        auto value_of = [&](const std::string& name, std::string& text) {
            auto at = [&](int r) { return regs[static_cast<std::size_t>(r) * chunk]; };
            for (std::size_t k = 0; k < inputs_.size(); ++k)
                if (inputs_[k].id == name) return text = format_value(at(c.input_reg[k]), inputs_[k].unit), true;
            for (std::size_t k = 0; k < measures_.size(); ++k)
                if (measures_[k].id == name) return text = format_value(at(c.measure_reg[k]), measures_[k].unit), true;
            for (std::size_t k = 0; k < items_.size(); ++k)
                if (items_[k].id == name) return text = format_number(at(c.item_reg[k])), true;
            if (name == "total") return text = format_number(at(c.total_reg)), true;
            return false;
        };
        auto fill = [&](const std::string& pattern) {
            std::string out;
            for (std::size_t i = 0; i < pattern.size(); ++i) {
                if (pattern[i] == '{') {
                    std::size_t close = pattern.find('}', i);
                    std::string text;
                    if (close != std::string::npos && value_of(pattern.substr(i + 1, close - i - 1), text)) {
                        out += text;
                        i = close;
                        continue;
                    }
                }
                out += pattern[i];
            }
            return out;
        };
        auto message = [&](const scorecard_condition& cond) {
            const std::string& m = zh ? cond.message_zh : cond.message_en;
            return m.empty() ? cond.id + ": " + cond.condition : fill(m);
        };
        std::vector<std::string> parts;
        if (!result.valid[row]) {
            for (std::size_t k = 0; k < inputs_.size(); ++k)
                if (result.problems[row] >> k & 1u) {
                    double v = in.columns[k] ? in.columns[k][row] : nan_value;
                    std::string what = v != v ? (zh ? "缺失" : "missing") : format_value(v, inputs_[k].unit);
                    parts.push_back((zh ? "输入" : "input ") + inputs_[k].id + (zh ? "无效（" : " invalid (") + what + (zh ? "）" : ")"));
                }
            for (std::size_t j = 0; j < validity_.size(); ++j)
                if (result.problems[row] >> (inputs_.size() + j) & 1u) parts.push_back(message(validity_[j]));
            lines.push_back((zh ? "输入无效：" : "invalid input: ") + join(parts));
            continue;
        }
        for (std::size_t g = 0; g < gates_.size(); ++g)
            if (!result.gates(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(g))) parts.push_back(message(gates_[g]));
        if (!parts.empty()) {
            lines.push_back((zh ? "不符合条件：" : "not eligible: ") + join(parts));
            continue;
        }
        if (result.route[row] >= 0) {
            lines.push_back((zh ? "直接认定：" : "qualifies directly: ") + message(routes_[static_cast<std::size_t>(result.route[row])]));
            continue;
        }
        const std::string score = (zh ? "总分 " : "total ") + format_number(result.total(static_cast<Eigen::Index>(row)));
        lines.push_back((result.passed[row] ? (zh ? "通过：" : "passes: ") : (zh ? "未通过：" : "fails: ")) + score +
                        (result.passed[row] ? "" : "; " + message(pass_)));
    }
    return lines;
}


// ---------------------------------------------------------------------------------- gap to qualify

namespace {

// Scores variants of one firm (each a full input row) on the vector machine, a chunk at a time;
// the registers and `last()` keep what the last chunk gave.
class variant_runner {
public:
    variant_runner(const scorecard& s, points_policy policy)
        : s_(s), c_(detail::scorer::compiled(s)), policy_(policy), regs_(static_cast<std::size_t>(c_.prog.registers()) * chunk) {}

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
            for (std::size_t v = 0; v < len; ++v) passed[begin + v] = last_.passed[v];
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

firm_status status_of(const scorecard_result& r, std::size_t i) {
    if (!r.valid[i]) return firm_status::invalid_input;
    if (r.route[i] >= 0) return firm_status::direct;
    if (r.passed[i]) return firm_status::passed;
    return r.eligible[i] ? firm_status::failed : firm_status::ineligible;
}

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

    controllable_search(const scorecard& s, const scorecard_controllable& c, const std::vector<double>& b) : ctl(c), base(b) {
        moved.push_back(s.input_index(ctl.input));
        for (const auto& a : ctl.also_adds) moved.push_back(s.input_index(a));
        base_value = base[static_cast<std::size_t>(moved[0])];
        if (base_value != base_value) base_value = 0;
        limit = std::min(1e7 * (std::abs(base_value) + 1), std::numeric_limits<double>::max() / 8);
        // The probe for what blocks the firm stays within every moved input's `max` (on the
        // input's grid): past it the input's own bound check would be reported as the blocker.
        probe = limit;
        for (int k : moved) {
            const double x = base[static_cast<std::size_t>(k)], room = s.inputs()[static_cast<std::size_t>(k)].max - (x != x ? 0 : x);
            if (room < probe) probe = std::max(0.0, ctl.step > 0 ? std::floor(room / ctl.step + 1e-9) * ctl.step : room);
        }
    }
    std::vector<double> variant(double d) const {
        std::vector<double> v = base;
        for (int k : moved) {
            double& x = v[static_cast<std::size_t>(k)];
            x = (x != x ? 0 : x) + d;
        }
        return v;
    }

    /// Candidates from solving every comparison's share-like shape for its threshold; false in
    /// `all_closed` when some rule has no such closed form.
    std::vector<double> closed_form_candidates(variant_runner& runner, bool& all_closed) const;
    /// Doubling, then bisection on the input's grid: every loop bounded by a count.
    double search(variant_runner& runner) const;
};

std::vector<double> controllable_search::closed_form_candidates(variant_runner& runner, bool& all_closed) const {
    const detail::compiled_scorecard& c = runner.compiled();
    const double h = std::max(ctl.step, std::abs(base_value) * 0.5 + ctl.step);
    std::vector<std::uint8_t> passed;
    runner.run({variant(0), variant(h), variant(2 * h), variant(3 * h)}, passed);  // one chunk: registers keep the probes
    auto values = [&](int reg) { return std::vector<double>{runner.reg(reg, 0), runner.reg(reg, 1), runner.reg(reg, 2), runner.reg(reg, 3)}; };
    auto moves = [](const std::vector<double>& f) { return !(f[0] == f[1] && f[1] == f[2] && f[2] == f[3]); };
    std::vector<double> candidates;
    all_closed = true;
    auto solve_site = [&](const std::vector<double>& f, const std::vector<double>& thresholds) {
        if (!moves(f)) return;  // does not move with d
        double a, b, cc;
        if (!(std::isfinite(f[0]) && std::isfinite(f[1]) && std::isfinite(f[2]) && std::isfinite(f[3])) || !fit_moebius(f[0], f[1], f[2], h, a, b, cc) ||
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
        if (moves(lv) && moves(rv)) all_closed = false;
        else if (moves(lv)) solve_site(lv, {rv[0]});
        else if (moves(rv)) solve_site(rv, {lv[0]});
    }
    return candidates;
}

double controllable_search::search(variant_runner& runner) const {
    // 2100 doublings take the smallest positive step past the largest double: the count bounds
    // the loop even where rounding would not.
    double hi = ctl.step;
    bool found = false;
    for (int k = 0; k < 2100 && hi <= limit; ++k, hi *= 2)
        if (runner.passes(variant(hi))) {
            found = true;
            break;
        }
    if (!found) return nan_value;
    double lo = 0;  // does not pass (the firm fails as it is)
    for (int k = 0; k < 2100; ++k) {
        const double mid = std::floor((lo + hi) / 2 / ctl.step) * ctl.step;
        if (!(mid > lo && mid < hi)) break;
        (runner.passes(variant(mid)) ? hi : lo) = mid;
    }
    return hi;
}

gap_entry gap_for(const scorecard& s, variant_runner& runner, const scorecard_controllable& ctl, const std::vector<double>& base,
                  double unit_cost) {
    gap_entry e;
    e.input = ctl.input;
    const controllable_search search(s, ctl, base);
    bool all_closed = true;
    const std::vector<double> candidates = search.closed_form_candidates(runner, all_closed);
    // Each candidate on the input's grid, and one step above (the edge itself may round).
    std::vector<double> grid;
    for (double d : candidates) {
        const double up = std::ceil(d / ctl.step - 1e-9) * ctl.step;
        if (!(up <= search.limit)) continue;
        grid.push_back(up);
        grid.push_back(up + ctl.step);
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
    if (e.change != e.change && !all_closed) {
        e.closed_form = false;
        e.change = search.search(runner);
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
        if (first) common = failing;
        else
            common.erase(std::remove_if(common.begin(), common.end(),
                                        [&](const std::string& r) { return std::find(failing.begin(), failing.end(), r) == failing.end(); }),
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
        const bool known = std::any_of(controllables_.begin(), controllables_.end(), [&](const scorecard_controllable& c) { return c.input == name; });
        location where;
        where.variable = name;
        if (!known)
            throw lookup_error("costs: '" + name + "' is no controllable input of scorecard '" + id_ + "'" +
                                   detail::suggestion(name, controllables_, [](const scorecard_controllable& c) -> std::string_view { return c.input; }),
                               name, where);
        if (!std::isfinite(cost) || cost < 0) throw error("costs: the cost of '" + name + "' must be a finite number ≥ 0, not " + format_number(cost), where);
    }
}

std::vector<firm_gap> scorecard::gap(const scorecard_columns& in, const std::vector<std::size_t>& rows,
                                     const std::vector<std::pair<std::string, double>>& costs, points_policy policy) const {
    if (in.columns.size() != inputs_.size())
        throw error("scorecard '" + id_ + "' takes " + std::to_string(inputs_.size()) + " input columns, not " + std::to_string(in.columns.size()));
    check_gap_costs(costs);
    variant_runner runner(*this, policy);
    std::vector<firm_gap> out;
    std::vector<std::uint8_t> passed;
    for (std::size_t row : rows) {
        poll_interrupt();  // firm by firm: Ctrl-C between firms
        report_progress(out.size(), rows.size());
        if (row >= in.rows) throw error("row " + std::to_string(row) + " out of range");
        firm_gap g;
        std::vector<double> base(inputs_.size());
        for (std::size_t k = 0; k < inputs_.size(); ++k) base[k] = in.columns[k] ? in.columns[k][row] : nan_value;
        runner.run({base}, passed);
        g.status = status_of(runner.last(), 0);
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
            if (g.routes[k].cost == g.routes[k].cost && (g.cheapest < 0 || g.routes[k].cost < g.routes[static_cast<std::size_t>(g.cheapest)].cost))
                g.cheapest = static_cast<int>(k);
        if (g.cheapest < 0) g.blocked_by = blocking_rules(*this, runner, base);
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace zhibiao

// ---------------------------------------------------------------------------------- from a panel
namespace zhibiao {

const char* status_name(firm_status status) {
    switch (status) {
        case firm_status::passed: return "passed";
        case firm_status::direct: return "direct";
        case firm_status::failed: return "failed";
        case firm_status::ineligible: return "ineligible";
        case firm_status::invalid_input: return "invalid input";
    }
    return "invalid input";
}

namespace {

std::string input_suggestion(const std::string& name, const std::vector<scorecard_input>& inputs) {
    return detail::suggestion(name, inputs, [](const scorecard_input& i) -> std::string_view { return i.id; });
}

// The unit a panel column's values are in: the caller's override, the panel's own, or none
// (then the pack's unit is assumed).
std::optional<unit> source_unit(const column& col, const std::vector<std::pair<std::string, std::string>>& units) {
    for (const auto& [name, text] : units)
        if (name == col.name()) {
            try {
                return unit::parse(text);
            } catch (const unit_error& e) {
                location where;
                where.variable = name;
                throw unknown_unit_error(text, where);
            }
        }
    if (col.unit_given()) return col.unit();
    return std::nullopt;
}

}  // namespace

void scorecard::check_units(const std::vector<std::pair<std::string, std::string>>& units) const {
    for (const auto& entry : units)
        if (input_index(entry.first) < 0) {
            location where;
            where.variable = entry.first;
            throw lookup_error("units: scorecard '" + id_ + "' has no input '" + entry.first + "'" + input_suggestion(entry.first, inputs_),
                               entry.first, where);
        }
}

scorecard_inputs scorecard::inputs_from(const panel& p, const std::vector<std::pair<std::string, std::string>>& units) const {
    check_units(units);
    scorecard_inputs out;
    out.columns_.rows = p.rows();
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
        const scorecard_input& spec = inputs_[k];
        const column* col = p.find(spec.id);
        location where;
        where.variable = spec.id;
        if (!col) {
            if (!spec.optional)
                throw missing_variable_error("scorecard '" + id_ + "' needs column '" + spec.id + "' (" + spec.name_zh + ", " + spec.unit_text + ")",
                                             spec.id, where);
            out.columns_.columns.push_back(nullptr);
            continue;
        }
        const std::optional<unit> from = source_unit(*col, units);
        if (from && !from->convertible_to(spec.unit))
            throw incompatible_units_error("column '" + spec.id + "' is in '" + from->symbol() + "' (" + from->dim().to_string() +
                                               "), which cannot convert to the pack's '" + spec.unit_text + "' (" +
                                               spec.unit.dim().to_string() + ")",
                                           where);
        const conversion conv = from ? from->to(spec.unit) : conversion{};
        if (conv.identity()) {
            out.owners_.push_back(col->storage_owner());
            out.columns_.columns.push_back(col->data());
        } else {
            auto converted = std::make_shared<std::vector<double>>(col->size());
            for (std::size_t r = 0; r < col->size(); ++r) (*converted)[r] = conv.apply(col->data()[r]);
            out.columns_.columns.push_back(converted->data());
            out.owners_.push_back(std::move(converted));
        }
        // A value that was there but is invalid for computing (unreadable, negative, an invalid
        // part) makes the firm invalid input; only a reason meaning "no value" reads as missing.
        const auto& reasons = col->reasons();
        for (std::size_t r = 0; r < reasons.size(); ++r)
            if (!reason_means_absent(reasons[r])) {
                if (out.unreadable_.empty()) {
                    out.unreadable_.assign(p.rows(), 0);
                    out.invalid_reasons_.assign(p.rows() * inputs_.size(), reason::none);
                }
                out.unreadable_[r] |= std::uint64_t{1} << k;
                out.invalid_reasons_[r * inputs_.size() + k] = reasons[r];
            }
    }
    return out;
}

scorecard_result scorecard::evaluate(const scorecard_inputs& in, points_policy policy, unsigned threads) const {
    scorecard_result out = evaluate(in.columns(), policy, threads);
    if (in.unreadable().empty()) return out;
    // A firm with a cell invalid for computing is invalid input, as a firm with a value out of bounds is.
    const double nan = nan_value;
    for (std::size_t row = 0; row < out.rows; ++row) {
        if (!in.unreadable()[row]) continue;
        const auto i = static_cast<Eigen::Index>(row);
        out.problems[row] |= in.unreadable()[row];
        out.valid[row] = out.eligible[row] = out.passed[row] = 0;
        out.route[row] = -1;
        out.total(i) = nan;
        if (out.total_lo.size()) out.total_lo(i) = out.total_hi(i) = nan;
        out.points.row(i) = nan;
        if (out.points_lo.size()) out.points_lo.row(i) = nan, out.points_hi.row(i) = nan;
    }
    return out;
}

scorecard_result scorecard::evaluate(const panel& p, points_policy policy, unsigned threads) const {
    return evaluate(inputs_from(p), policy, threads);
}

std::vector<std::string> scorecard::explain(const scorecard_inputs& in, const scorecard_result& result, const std::vector<std::size_t>& rows,
                                            const std::string& language) const {
    std::vector<std::string> lines = explain(in.columns(), result, rows, language);
    if (in.unreadable().empty()) return lines;
    const bool zh = language == "zh";
    for (std::size_t j = 0; j < rows.size(); ++j) {
        const std::uint64_t bits = in.unreadable()[rows[j]];
        if (!bits) continue;
        std::string cells;
        for (std::size_t k = 0; k < inputs_.size(); ++k)
            if (bits >> k & 1u)
                cells += (cells.empty() ? "" : ", ") + inputs_[k].id + " (" + std::string(to_string(in.invalid_reason(rows[j], k))) + ")";
        lines[j] = zh ? "输入无效：" + cells + " 的值不能用于计算（见加载报告）"
                      : "invalid input: " + cells + " invalid for computing (see the load report)";
    }
    return lines;
}

std::vector<firm_gap> scorecard::gap(const scorecard_inputs& in, const std::vector<std::size_t>& rows,
                                     const std::vector<std::pair<std::string, double>>& costs, points_policy policy) const {
    std::vector<firm_gap> out = gap(in.columns(), rows, costs, policy);
    if (in.unreadable().empty()) return out;
    for (std::size_t j = 0; j < rows.size(); ++j)
        if (in.unreadable()[rows[j]]) out[j] = firm_gap{}, out[j].invalid = true, out[j].status = firm_status::invalid_input;
    return out;
}

}  // namespace zhibiao
