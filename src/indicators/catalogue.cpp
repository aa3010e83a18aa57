// Catalogue loading (toml++, header-only mode, private to this file) and formula language v1.
#include "io/toml.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <unordered_map>

#include "core/error_context.hpp"
#include "formula/functions.hpp"
#include "formula/typing.hpp"
#include "zhibiao/catalogue.hpp"

namespace zhibiao {

extern const char* const builtin_catalogue_toml;  // generated from data/indicators.toml

namespace {}  // namespace

std::optional<unit> catalogue::declared_unit(const std::string& name) const {
    if (const indicator* i = find(name)) return i->unit;
    const variable_spec* v = variable(name);
    if (!v) return std::nullopt;
    if (!v->default_unit.empty()) return unit::parse(v->default_unit);
    if (v->dimension_name == "currency") return unit(dimension::of(base_quantity::currency), 0, "元");
    if (v->dimension_name == "person") return unit(dimension::of(base_quantity::person), 0, "人");
    if (v->dimension_name == "count") return unit(dimension::of(base_quantity::count), 0, "件");
    return std::nullopt;
}

namespace {

// The factor `* 100` an analyst used to writing "share × 100" in a spreadsheet puts into a
// formula whose unit is already '%' (or `* 10000` with '件/万人'): the result is converted into the
// declared unit, so the literal would scale it a second time — a silent 100-fold error. So does a
// divisor that multiplies the result: `x / y / 0.01`, `x / (y / 100)`, `patents / (population /
// 10000)` (people counted in 万 twice). Looks at every constant factor of the result: through
// parentheses, unary minus, both sides of `*` and `/` (a factor of a denominator divides the
// result), each term of a sum, and the arguments whose unit the result takes (abs, round, min,
// max, if's branches, lag…); not into comparisons nor growth(), sqrt(), log() … whose results are
// rates or plain numbers. A plain number (no unit written) whose effect on the result is a power
// of ten ≥ 100 equal to what the unit's scale does is refused; `/ 100` (an index over its base 100),
// `/ 2`, `* 0.5`, `1 - x` and a literal with its unit (100[%]) are not such. The other side, a
// factor ≤ 1/100 (`gdp / 10000` in '万元', `gdp / population / 10000` in '万元/人': 元 made 万元 by
// hand, then again by the unit, 10⁴ too small), where the formula's unit (the catalogue's) is known
// and of the indicator's dimension, so the library converts it: not on a column whose unit is not
// known (`x / 10000` on a column of 元 without a unit is the conversion itself).
struct scale_check {
    double unit_scale;  // the indicator's unit's scale: 0.01 for '%', 10⁴ for '万元'
    bool small_side;    // also a factor ≤ 1/100 (the formula's unit known, of the unit's dimension)
};
struct scaling_factor {
    const detail::formula_node* literal = nullptr;
    const detail::formula_node* parent = nullptr;  // the * or / it is an operand of
    bool in_denominator = false;                   // the parent divides the result
    double factor = 1;                             // what it multiplies the result by
};

scaling_factor double_scaling_factor(const detail::formula_node& n, const scale_check& unit_scale,
                                     bool inverted = false, const detail::formula_node* parent = nullptr,
                                     bool parent_inverted = false) {
    using detail::node_kind;
    if (n.kind == node_kind::number) {
        if (!parent || n.number_unit.symbol() != "1" || n.number == 0) return {};
        const double factor = std::abs(inverted ? 1 / n.number : n.number);
        const bool power = factor >= 100 || (unit_scale.small_side && factor <= 0.01);
        if (power && std::abs(factor * unit_scale.unit_scale - 1) < 1e-9) return {&n, parent, parent_inverted, factor};
        return {};
    }
    if (n.kind == node_kind::unary_minus)
        return double_scaling_factor(*n.args[0], unit_scale, inverted, parent, parent_inverted);
    if (n.kind == node_kind::binary && (n.op == "*" || n.op == "/")) {
        if (scaling_factor found = double_scaling_factor(*n.args[0], unit_scale, inverted, &n, inverted); found.literal)
            return found;
        return double_scaling_factor(*n.args[1], unit_scale, inverted != (n.op == "/"), &n, inverted);
    }
    if (n.kind == node_kind::binary && (n.op == "+" || n.op == "-")) {
        for (const auto& term : n.args)
            if (scaling_factor found = double_scaling_factor(*term, unit_scale, inverted); found.literal) return found;
        return {};
    }
    if (n.kind != node_kind::call) return {};
    const detail::function_spec* spec = detail::find_function(n.name);
    if (!spec || n.args.empty()) return {};
    std::size_t first = 0, last = 0;  // the arguments whose unit the result takes
    if (spec->units == detail::unit_rule::same_as_first) last = 1;
    if (spec->units == detail::unit_rule::common) last = n.args.size();
    if (spec->units == detail::unit_rule::choice) first = 1, last = n.args.size();
    for (std::size_t k = first; k < last; ++k)
        if (scaling_factor found = double_scaling_factor(*n.args[k], unit_scale, inverted); found.literal) return found;
    return {};
}

// 100, 10000, or for a factor below 1 its inverse (1/10000 → "10000").
std::string rounded_factor(double factor) {
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", std::round(factor < 1 ? 1 / factor : factor));
    return text;
}

// What the refused factor does, as the analyst wrote it: "multiplies by 100", "divides by 0.01,
// which multiplies the result by 100", "divides the denominator by 10000, which …".
std::string scaling_words(const scaling_factor& s, const std::string& written) {
    const bool divides = s.parent->op == "/" && s.parent->args[1].get() == s.literal;
    std::string out = std::string(divides ? "divides " : "multiplies ") + (s.in_denominator ? "the denominator " : "") +
                      "by " + written;
    if (!divides && !s.in_denominator) return out;
    if (divides && !s.in_denominator && s.factor < 1) return out;  // "divides by 10000": says it all
    return out + ", which " + (s.factor < 1 ? "divides the result by " : "multiplies the result by ") +
           rounded_factor(s.factor) + ",";
}

// Parses the formula (if not yet parsed) and checks its units against what the catalogue declares.
// Errors keep their class (a unit clash is an incompatible_units_error on every path); the
// caller adds which indicator and where.
// An indicator made in C++ states its unit in unit_text (where the TOML key `unit` goes) or in
// unit, or both: the one given is taken for the other, and two that disagree are refused. Only
// `unit` was read before, so unit_text = "万元/人" was checked as the default "1".
void settle_unit(indicator& i) {
    if (i.unit_text.empty()) {
        i.unit_text = i.unit.symbol();
        return;
    }
    const unit written = unit::parse(i.unit_text);
    if (i.unit.symbol() == "1" && i.unit.same_scale_as(unit{})) {
        i.unit = written;
        return;
    }
    if (!i.unit.same_scale_as(written))
        throw argument_error("unit_text '" + i.unit_text + "' and unit '" + i.unit.symbol() +
                             "' differ: give the unit once (unit_text, or unit)");
}

void check_indicator(const catalogue& cat, indicator& i) {
    settle_unit(i);
    if (i.parsed.empty() || i.parsed.text() != i.formula) i.parsed = formula::parse(i.formula);
    // Counts in different measure words are checked where a panel gives the units its columns were
    // loaded in (compute, evaluate), not with the catalogue's: typing.hpp unit_resolver.
    const detail::unit_resolver resolve([&cat](const std::string& name) { return cat.declared_unit(name); }, false);
    const detail::typed t = detail::infer(i.parsed, detail::root_of(i.parsed), resolve);
    if (t.known && !t.u.convertible_to(i.unit))
        throw incompatible_units_error(i.parsed.describe("the formula gives " + t.u.dim().to_string() +
                                                             ", which cannot convert to '" + i.unit.symbol() + "' (" +
                                                             i.unit.dim().to_string() + ")",
                                                         {0, i.formula.size()}));
    const scale_check scale{i.unit.scale(), t.known && !t.u.dimensionless() && t.u.dim() == i.unit.dim()};
    if (const scaling_factor s = double_scaling_factor(detail::root_of(i.parsed), scale); s.literal) {
        const std::string written =
            i.formula.substr(s.literal->span.begin, s.literal->span.end - s.literal->span.begin);
        const std::string example =
            s.factor < 1 ? "(the formula's '" + t.u.symbol() + "' is converted into it as it is computed)"
                         : "(a ratio of 0.25 is written 25 in '%')";
        throw incompatible_units_error(i.parsed.describe(
            scaling_words(s, written) + " while the unit '" + i.unit.symbol() + "' already scales the result " +
                example + ": the value would be " + rounded_factor(s.factor) + " times too " +
                (s.factor < 1 ? "small" : "large") + "; drop the factor, or give the unit the formula means without it",
            s.literal->span));
    }
    detail::refuse_percent_for_points(i.parsed, i.unit, resolve);
}

}  // namespace

void catalogue::check_cycles() const {
    // Depth-first search over "uses indicator" edges, with the path kept in a vector rather than
    // on the call stack (a chain of many thousand indicators must not exhaust it); the path
    // names the cycle.
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t k = 0; k < indicators_.size(); ++k) index.emplace(indicators_[k].id, k);
    std::vector<int> state(indicators_.size(), 0);  // 0 new, 1 on the path, 2 done
    struct step {
        std::size_t k;
        std::vector<std::string> inputs;
        std::size_t next = 0;
    };
    std::vector<step> path;
    for (std::size_t root = 0; root < indicators_.size(); ++root) {
        if (state[root] != 0) continue;
        state[root] = 1;
        path.push_back({root, indicators_[root].inputs()});
        while (!path.empty()) {
            step& top = path.back();
            if (top.next == top.inputs.size()) {
                state[top.k] = 2;
                path.pop_back();
                continue;
            }
            auto used = index.find(top.inputs[top.next++]);
            if (used == index.end()) continue;
            const std::size_t j = used->second;
            if (state[j] == 1) {
                std::string cycle;
                auto from = std::find_if(path.begin(), path.end(), [j](const step& s) { return s.k == j; });
                for (auto it = from; it != path.end(); ++it) cycle += indicators_[it->k].id + " → ";
                throw parse_error("indicators form a cycle: " + cycle + indicators_[j].id);
            }
            if (state[j] == 0) {
                state[j] = 1;
                path.push_back({j, indicators_[j].inputs()});
            }
        }
    }
}

void catalogue::add(indicator i) {
    try {
        check_indicator(*this, i);
    } catch (const error& e) {
        detail::rethrow_within(e, "indicator '" + i.id + "': ");
    }
    for (auto& existing : indicators_)
        if (existing.id == i.id) {
            existing = std::move(i);
            return;
        }
    indicators_.push_back(std::move(i));
}

void catalogue::add(variable_spec v) {
    for (auto& existing : variables_)
        if (existing.id == v.id) {
            existing = std::move(v);
            return;
        }
    variables_.push_back(std::move(v));
}

void catalogue::merge(const catalogue& other) {
    for (const auto& v : other.variables_) add(v);
    for (const auto& i : other.indicators_) add(i);
}

namespace {
// A header names one variable: a name given to two (an other_names entry that is another
// variable's id or Chinese name) would make the column's meaning depend on the file's order.
void refuse_a_name_twice(const variable_spec& v, std::unordered_map<std::string, std::string>& seen,
                         const detail::toml_reader& where) {
    std::vector<std::pair<const char*, std::string>> names = {{"id", v.id}};
    if (!v.name_zh.empty()) names.emplace_back("name_zh", v.name_zh);
    for (const auto& other : v.other_names) names.emplace_back("other_names", other);
    for (const auto& [key, name] : names) {
        const auto [it, fresh] = seen.emplace(name, v.id);
        if (!fresh && it->second != v.id) where.fail(key, "'" + name + "' already names variable '" + it->second + "'");
    }
}

// An indicator's other name read as a heading (万人有效发明专利拥有量) must name nothing else: a
// variable, or another indicator.
void refuse_an_indicator_name_twice(const indicator& i, std::unordered_map<std::string, std::string>& seen,
                                    const detail::toml_reader& where) {
    for (const auto& name : i.other_names) {
        const auto [it, fresh] = seen.emplace(name, "indicator '" + i.id + "'");
        if (!fresh && it->second != "indicator '" + i.id + "'") {
            const bool variable = it->second.rfind("indicator '", 0) != 0;
            where.fail("other_names",
                       "'" + name + "' already names " + (variable ? "variable '" + it->second + "'" : it->second));
        }
    }
}
}  // namespace

catalogue catalogue::from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    const toml::table& root = doc.root();
    catalogue result;
    std::unordered_map<std::string, std::size_t> formula_line;  // indicator id → line of its formula
    std::unordered_map<std::string, std::string> seen_names;    // a variable's names → its id
    detail::allow_only_keys(root, {"catalogue_version", "variable", "indicator"}, source, "the catalogue");
    detail::each_toml_table(root, "variable", source, [&](const detail::toml_reader& r) {
        variable_spec v;
        v.id = r.text("id", true);
        const detail::toml_reader named = r.as("variable '" + v.id + "'");
        named.allow_only({"id", "name_zh", "name_en", "other_names", "dimension", "unit", "min", "positive",
                          "aggregation", "cumulative"});
        v.name_zh = named.text("name_zh");
        v.name_en = named.text("name_en");
        v.other_names = named.texts("other_names");
        refuse_a_name_twice(v, seen_names, named);
        v.dimension_name = named.text("dimension");
        v.default_unit = named.text("unit");
        if (!v.default_unit.empty()) {
            try {
                (void)unit::parse(v.default_unit);
            } catch (const unit_error& e) {
                detail::rethrow_at_key(named, "variable '" + v.id + "'", "unit", e);
            }
        }
        v.min = named.number("min", v.min);
        v.positive = named.flag("positive");
        v.cumulative = named.flag("cumulative");
        v.aggregation = named.text("aggregation");
        if (v.aggregation.empty()) v.aggregation = "sum";
        if (v.aggregation != "sum" && v.aggregation != "none") named.fail("aggregation", "must be 'sum' or 'none'");
        result.add(std::move(v));
    });
    detail::each_toml_table(root, "indicator", source, [&](const detail::toml_reader& r) {
        indicator i;
        i.id = r.text("id", true);
        const detail::toml_reader named = r.as("indicator '" + i.id + "'");
        named.allow_only({"id", "name_zh", "name_en", "other_names", "formula", "unit", "direction", "decimals",
                          "valid_min", "valid_max", "scope", "source"});
        i.name_zh = named.text("name_zh");
        i.name_en = named.text("name_en");
        i.other_names = named.texts("other_names");
        refuse_an_indicator_name_twice(i, seen_names, named);
        i.formula = named.text("formula", true);
        i.unit_text = named.text("unit", true);
        try {
            i.unit = unit::parse(i.unit_text);
        } catch (const unit_error& e) {
            detail::rethrow_at_key(named, "indicator '" + i.id + "'", "unit", e);
        }
        std::string dir = named.text("direction");
        if (dir.empty() || dir == "higher")
            i.direction = direction::higher_is_better;
        else if (dir == "lower")
            i.direction = direction::lower_is_better;
        else if (dir == "benchmark")
            i.direction = direction::benchmark;
        else
            named.fail("direction",
                       "must be 'higher', 'lower' or 'benchmark', not '" + dir + "'" +
                           detail::suggestion(dir, std::vector<std::string>{"higher", "lower", "benchmark"},
                                              detail::as_written));
        double decimals = named.number("decimals", 2);
        if (decimals < 0 || decimals > 15 || decimals != std::floor(decimals))
            named.fail("decimals", "must be a whole number 0..15");
        i.decimals = static_cast<int>(decimals);
        i.valid_min = named.number("valid_min", i.valid_min);
        i.valid_max = named.number("valid_max", i.valid_max);
        if (!(i.valid_min <= i.valid_max)) named.fail("valid_max", "is below valid_min");
        i.scope = named.text("scope");
        i.source = named.text("source");
        try {
            check_indicator(result, i);
        } catch (const error& e) {
            detail::rethrow_at_key(named, "indicator '" + i.id + "'", "formula", e);
        }
        formula_line[i.id] = static_cast<std::size_t>(named.table()["formula"].node()->source().begin.line);
        result.add(std::move(i));
    });
    // Indicators may use indicators defined further down: check again with all of them known.
    for (auto& i : result.indicators_) {
        try {
            check_indicator(result, i);
        } catch (const error& e) {
            location w;
            w.file = source;
            w.line = formula_line[i.id];
            detail::rethrow_within(e, "indicator '" + i.id + "': key 'formula': ", w);
        }
    }
    try {
        result.check_cycles();
    } catch (const parse_error& e) {
        location w;
        w.file = source;
        throw parse_error(e.message(), w);
    }
    return result;
}

catalogue catalogue::load(const std::string& path) { return from_toml(detail::read_text_file(path), path); }

const catalogue& catalogue::builtin() {
    // Parsed once, on first use; C++11 guarantees thread-safe initialisation.
    static const catalogue instance = from_toml(builtin_catalogue_toml, "data/indicators.toml (built in)");
    return instance;
}

}  // namespace zhibiao
