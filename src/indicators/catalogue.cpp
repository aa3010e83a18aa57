// Catalogue loading (toml++, header-only mode, private to this file) and formula language v1.
#include "io/toml.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <unordered_map>

#include "core/error_context.hpp"
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

// Parses the formula (if not yet parsed) and checks its units against what the catalogue declares.
// Errors keep their class (a unit clash is an incompatible_units_error on every path); the
// caller adds which indicator and where.
void check_indicator(const catalogue& cat, indicator& i) {
    if (i.parsed.empty() || i.parsed.text() != i.formula) i.parsed = formula::parse(i.formula);
    auto resolve = [&cat](const std::string& name) { return cat.declared_unit(name); };
    const detail::typed t = detail::infer(i.parsed, detail::root_of(i.parsed), resolve);
    if (t.known && !t.u.convertible_to(i.unit))
        throw incompatible_units_error(i.parsed.describe("the formula gives " + t.u.dim().to_string() +
                                                             ", which cannot convert to '" + i.unit.symbol() + "' (" +
                                                             i.unit.dim().to_string() + ")",
                                                         {0, i.formula.size()}));
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

catalogue catalogue::from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    const toml::table& root = doc.root();
    catalogue result;
    std::unordered_map<std::string, std::size_t> formula_line;  // indicator id → line of its formula
    // A misspelt key is an error, never a default in silence ([[indicatr]] defined nothing;
    // valid_mx = 100 let a share above 100 through as a number).
    detail::toml_reader(root, source, "the catalogue").allow_only({"catalogue_version", "variable", "indicator"});
    detail::each_toml_table(root, "variable", source, [&](const detail::toml_reader& r) {
        variable_spec v;
        v.id = r.text("id", true);
        const detail::toml_reader named = r.as("variable '" + v.id + "'");
        named.allow_only({"id", "name_zh", "name_en", "dimension", "unit", "min", "aggregation"});
        v.name_zh = named.text("name_zh");
        v.name_en = named.text("name_en");
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
        v.aggregation = named.text("aggregation");
        if (v.aggregation.empty()) v.aggregation = "sum";
        if (v.aggregation != "sum" && v.aggregation != "none") named.fail("aggregation", "must be 'sum' or 'none'");
        result.add(std::move(v));
    });
    detail::each_toml_table(root, "indicator", source, [&](const detail::toml_reader& r) {
        indicator i;
        i.id = r.text("id", true);
        const detail::toml_reader named = r.as("indicator '" + i.id + "'");
        named.allow_only({"id", "name_zh", "name_en", "formula", "unit", "direction", "decimals", "valid_min",
                          "valid_max", "scope", "source"});
        i.name_zh = named.text("name_zh");
        i.name_en = named.text("name_en");
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
            named.fail("direction", "must be 'higher', 'lower' or 'benchmark'");
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
