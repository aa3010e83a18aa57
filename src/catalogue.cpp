// Catalogue loading (toml++, header-only mode, private to this file) and formula language v1.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "zhibiao/catalogue.hpp"

namespace zhibiao {

extern const char* const builtin_catalogue_toml;  // generated from data/indicators.toml

namespace {

std::string caret_message(const std::string& what, const std::string& formula, std::size_t pos) {
    return what + "\n  " + formula + "\n  " + std::string(pos, ' ') + "^";
}

class entry_reader {
public:
    entry_reader(const toml::table& t, std::string source, std::string what) : t_(t), source_(std::move(source)), what_(std::move(what)) {}

    std::string text(const char* key, bool required = true) const {
        auto node = t_[key];
        if (!node) {
            if (required) fail(key, "is missing");
            return {};
        }
        if (!node.is_string()) fail(key, "must be a string");
        return std::string(*node.value<std::string>());
    }
    double number(const char* key, double fallback) const {
        auto node = t_[key];
        if (!node) return fallback;
        if (!node.is_number()) fail(key, "must be a number");
        return *node.value<double>();
    }
    [[noreturn]] void fail(const char* key, const std::string& problem) const {
        location w;
        w.file = source_;
        auto node = t_[key].node();
        w.line = node ? static_cast<std::size_t>(node->source().begin.line) : static_cast<std::size_t>(t_.source().begin.line);
        throw parse_error(what_ + ": key '" + key + "' " + problem, w);
    }

private:
    const toml::table& t_;
    std::string source_;
    std::string what_;
};

}  // namespace

void catalogue::parse_formula(indicator& i) {
    const std::string& f = i.formula;
    std::size_t p = 0;
    auto skip = [&] {
        while (p < f.size() && std::isspace(static_cast<unsigned char>(f[p]))) ++p;
    };
    auto fail = [&](const std::string& what) {
        throw parse_error(caret_message("indicator '" + i.id + "': " + what +
                                            " (formula language v1 reads 'a / b' and 'a / b - elapsed()')",
                                        f, p));
    };
    auto identifier = [&]() {
        skip();
        std::size_t start = p;
        while (p < f.size() && (std::isalnum(static_cast<unsigned char>(f[p])) || f[p] == '_')) ++p;
        if (p == start || std::isdigit(static_cast<unsigned char>(f[start]))) fail("expected a variable name");
        return f.substr(start, p - start);
    };
    i.numerator = identifier();
    skip();
    if (p >= f.size() || f[p] != '/') fail("expected '/'");
    ++p;
    i.denominator = identifier();
    skip();
    i.minus_elapsed = false;
    if (p < f.size()) {
        if (f[p] != '-') fail("unexpected text");
        ++p;
        skip();
        if (f.compare(p, 9, "elapsed()") != 0) fail("expected 'elapsed()'");
        p += 9;
        skip();
        if (p != f.size()) fail("unexpected text");
        i.minus_elapsed = true;
    }
}

void catalogue::add(indicator i) {
    parse_formula(i);
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
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        location w;
        w.file = source;
        w.line = static_cast<std::size_t>(e.source().begin.line);
        w.column = static_cast<std::size_t>(e.source().begin.column);
        throw parse_error(std::string(e.description()), w);
    }
    catalogue result;
    auto each = [&](const char* key, auto&& fn) {
        auto node = root[key];
        if (!node) return;
        const toml::array* array = node.as_array();
        if (!array) throw parse_error(std::string("'") + key + "' must be an array of tables ([[" + key + "]])");
        std::size_t index = 0;
        for (const auto& item : *array) {
            ++index;
            const toml::table* t = item.as_table();
            if (!t) throw parse_error(std::string(key) + " #" + std::to_string(index) + " is not a table");
            fn(*t, std::string(key) + " #" + std::to_string(index));
        }
    };
    each("variable", [&](const toml::table& t, const std::string& what) {
        entry_reader r(t, source, what);
        variable_spec v;
        v.id = r.text("id");
        entry_reader named(t, source, "variable '" + v.id + "'");
        v.name_zh = named.text("name_zh", false);
        v.name_en = named.text("name_en", false);
        v.dimension_name = named.text("dimension", false);
        v.default_unit = named.text("unit", false);
        if (!v.default_unit.empty()) {
            try {
                (void)unit::parse(v.default_unit);
            } catch (const unit_error& e) {
                named.fail("unit", e.message());
            }
        }
        v.min = named.number("min", v.min);
        v.aggregation = named.text("aggregation", false);
        if (v.aggregation.empty()) v.aggregation = "sum";
        if (v.aggregation != "sum" && v.aggregation != "none") named.fail("aggregation", "must be 'sum' or 'none'");
        result.add(std::move(v));
    });
    each("indicator", [&](const toml::table& t, const std::string& what) {
        entry_reader r(t, source, what);
        indicator i;
        i.id = r.text("id");
        entry_reader named(t, source, "indicator '" + i.id + "'");
        i.name_zh = named.text("name_zh", false);
        i.name_en = named.text("name_en", false);
        i.formula = named.text("formula");
        i.unit_text = named.text("unit");
        try {
            i.unit = unit::parse(i.unit_text);
        } catch (const unit_error& e) {
            named.fail("unit", e.message());
        }
        std::string dir = named.text("direction", false);
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
        i.scope = named.text("scope", false);
        i.source = named.text("source", false);
        try {
            result.add(std::move(i));
        } catch (const parse_error& e) {
            named.fail("formula", e.message());
        }
    });
    return result;
}

catalogue catalogue::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        location w;
        w.file = path;
        throw parse_error("cannot open file", w);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return from_toml(buffer.str(), path);
}

const catalogue& catalogue::builtin() {
    // Parsed once, on first use; C++11 guarantees thread-safe initialisation.
    static const catalogue instance = from_toml(builtin_catalogue_toml, "data/indicators.toml (built in)");
    return instance;
}

}  // namespace zhibiao
