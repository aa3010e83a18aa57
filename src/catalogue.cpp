// Catalogue loading (toml++, header-only mode, private to this file) and formula language v1.
#include "toml.hpp"

#include "text.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <fstream>
#include <sstream>

#include "typing.hpp"
#include "zhibiao/catalogue.hpp"

namespace zhibiao {

extern const char* const builtin_catalogue_toml;  // generated from data/indicators.toml

namespace {

}  // namespace

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
void check_indicator(const catalogue& cat, indicator& i) {
    if (i.parsed.empty() || i.parsed.text() != i.formula) {
        try {
            i.parsed = formula::parse(i.formula);
        } catch (const parse_error& e) {
            throw parse_error("indicator '" + i.id + "': " + e.message());
        }
    }
    auto resolve = [&cat](const std::string& name) { return cat.declared_unit(name); };
    detail::typed t;
    try {
        t = detail::infer(i.parsed, i.parsed.root(), resolve);
    } catch (const error& e) {
        throw parse_error("indicator '" + i.id + "': " + e.message());
    }
    if (t.known && !t.u.convertible_to(i.unit))
        throw parse_error("indicator '" + i.id + "': " +
                          i.parsed.describe("the formula gives " + t.u.dim().to_string() + ", which cannot convert to '" +
                                                i.unit.symbol() + "' (" + i.unit.dim().to_string() + ")",
                                            {0, i.formula.size()}));
}

}  // namespace

void catalogue::check_cycles() const {
    // Depth-first search over "uses indicator" edges; the path on the stack names the cycle.
    std::vector<int> state(indicators_.size(), 0);  // 0 new, 1 on the path, 2 done
    std::vector<std::string> path;
    std::function<void(std::size_t)> visit = [&](std::size_t k) {
        state[k] = 1;
        path.push_back(indicators_[k].id);
        for (const auto& name : indicators_[k].inputs()) {
            for (std::size_t j = 0; j < indicators_.size(); ++j) {
                if (indicators_[j].id != name) continue;
                if (state[j] == 1) {
                    std::string cycle;
                    auto from = std::find(path.begin(), path.end(), name);
                    for (auto it = from; it != path.end(); ++it) cycle += *it + " → ";
                    throw parse_error("indicators form a cycle: " + cycle + name);
                }
                if (state[j] == 0) visit(j);
            }
        }
        path.pop_back();
        state[k] = 2;
    };
    for (std::size_t k = 0; k < indicators_.size(); ++k)
        if (state[k] == 0) visit(k);
}

void catalogue::add(indicator i) {
    check_indicator(*this, i);
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
    detail::each_toml_table(root, "variable", source, [&](const detail::toml_reader& r) {
        variable_spec v;
        v.id = r.text("id", true);
        const detail::toml_reader named = r.as("variable '" + v.id + "'");
        v.name_zh = named.text("name_zh");
        v.name_en = named.text("name_en");
        v.dimension_name = named.text("dimension");
        v.default_unit = named.text("unit");
        if (!v.default_unit.empty()) {
            try {
                (void)unit::parse(v.default_unit);
            } catch (const unit_error& e) {
                named.fail("unit", e.message());
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
        i.name_zh = named.text("name_zh");
        i.name_en = named.text("name_en");
        i.formula = named.text("formula", true);
        i.unit_text = named.text("unit", true);
        try {
            i.unit = unit::parse(i.unit_text);
        } catch (const unit_error& e) {
            named.fail("unit", e.message());
        }
        std::string dir = named.text("direction");
        if (dir.empty() || dir == "higher") i.direction = direction::higher_is_better;
        else if (dir == "lower") i.direction = direction::lower_is_better;
        else if (dir == "benchmark") i.direction = direction::benchmark;
        else named.fail("direction", "must be 'higher', 'lower' or 'benchmark'");
        double decimals = named.number("decimals", 2);
        if (decimals < 0 || decimals > 15 || decimals != std::floor(decimals)) named.fail("decimals", "must be a whole number 0..15");
        i.decimals = static_cast<int>(decimals);
        i.valid_min = named.number("valid_min", i.valid_min);
        i.valid_max = named.number("valid_max", i.valid_max);
        if (!(i.valid_min <= i.valid_max)) named.fail("valid_max", "is below valid_min");
        i.scope = named.text("scope");
        i.source = named.text("source");
        try {
            result.add(std::move(i));
        } catch (const parse_error& e) {
            named.fail("formula", e.message());
        }
    });
    // Indicators may use indicators defined further down: check again with all of them known.
    for (auto& i : result.indicators_) {
        try {
            check_indicator(result, i);
        } catch (const parse_error& e) {
            location w;
            w.file = source;
            throw parse_error(e.message(), w);
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
