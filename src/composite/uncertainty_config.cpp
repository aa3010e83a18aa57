// The [uncertainty] section of a model's TOML (uncertainty_config.hpp). The alternatives of a
// choice are step tables without `kind`, read by the model's own step reader (config.cpp), so
// the option vocabulary (options.hpp) is the one list of names here as everywhere.
#include "zhibiao/composite/uncertainty_config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <vector>

#include "composite/step_toml.hpp"
#include "core/text.hpp"
#include "io/toml.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao::composite {
namespace {

using zhibiao::detail::toml_reader;

constexpr const char* section_keys[] = {
    "replications",      "seed",      "winmax",      "weights_noise", "weights_dirichlet",
    "exclude_indicator", "weighting", "aggregation", "normalisation", "imputation"};
constexpr const char* extra_alternative_keys[] = {"label", "probability"};

// The step kind of each choice, in the order of section_keys' choices.
struct choice_kind {
    const char* key;
    const char* kind;
};
constexpr choice_kind choice_kinds[] = {
    {"weighting", weigh_step::kind},
    {"aggregation", aggregate_step::kind},
    {"normalisation", normalise_step::kind},
    {"imputation", impute_step::kind},
};

/// A parse_error at `where` (line and column).
[[noreturn]] void fail_in(const toml_reader& r, const toml::source_region& where, const std::string& what,
                          const std::string& key, const std::string& problem) {
    location w;
    w.file = r.source();
    w.variable = key;
    w.line = static_cast<std::size_t>(where.begin.line), w.column = static_cast<std::size_t>(where.begin.column);
    throw parse_error(what + ": key '" + key + "' " + problem, w);
}

/// A parse_error at the value `n`, or at the table when the key is absent.
[[noreturn]] void fail_at(const toml_reader& r, const toml::node* n, const std::string& what, const std::string& key,
                          const std::string& problem) {
    fail_in(r, n ? n->source() : r.table().source(), what, key, problem);
}

[[noreturn]] void fail(const toml_reader& r, const std::string& what, const std::string& key,
                       const std::string& problem) {
    fail_at(r, r.table()[key].node(), what, key, problem);
}

/// Refuses a key outside `allowed`, with the closest allowed key as the suggestion.
void allow_only(const toml_reader& r, const std::string& what, const std::vector<std::string>& allowed) {
    for (const auto& [key, value] : r.table()) {
        const std::string k(key.str());
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        (void)value;
        fail_in(r, key.source(), what, k,
                "is not one of: " + list +
                    zhibiao::detail::suggestion(k, allowed, [](const std::string& s) { return std::string_view(s); }));
    }
}

/// `[[uncertainty.normalise]]` names the step kind where the choice is `normalisation`: too far
/// from it for the edit distance, and the likeliest slip of a user who has just written the steps.
void refuse_step_kinds_as_choices(const toml_reader& r) {
    for (const auto& [key, value] : r.table()) {
        (void)value;
        for (const choice_kind& c : choice_kinds)
            if (key.str() == c.kind)
                fail_in(r, key.source(), "[uncertainty]", std::string(key.str()),
                        "is a step kind; the choices of its step are [[uncertainty." + std::string(c.key) +
                            "]] (did you mean '" + c.key + "'?)");
    }
}

/// A whole number in [low, high].
std::int64_t whole(const toml_reader& r, const std::string& what, const std::string& key, const toml::node& n,
                   std::int64_t low, std::int64_t high) {
    if (!n.is_integer() || *n.value<std::int64_t>() < low || *n.value<std::int64_t>() > high)
        fail_at(r, &n, what, key, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    return *n.value<std::int64_t>();
}

/// A finite number in [low, high].
double number(const toml_reader& r, const std::string& what, const std::string& key, const toml::node& n, double low,
              double high) {
    if (!n.is_number() || !(*n.value<double>() >= low && *n.value<double>() <= high))
        fail_at(r, &n, what, key,
                "must be a number from " + composite::detail::format_number(low) + " to " +
                    composite::detail::format_number(high));
    return *n.value<double>();
}

/// {level = value}: levels are whole numbers from 1 (the indicators).
template <class F>
void each_level(const toml_reader& r, const char* key, F&& f) {
    auto node = r.table()[key];
    if (!node) return;
    const toml::table* t = node.as_table();
    if (!t) fail(r, "[uncertainty]", key, "must be a table of level = value, e.g. { 2 = 0.25 }");
    for (const auto& [level, value] : *t) {
        const std::string text(level.str());
        char* end = nullptr;
        const long n = std::strtol(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || n < 1 || n > 1000)
            fail_at(r, &value, "[uncertainty]", key, "has level '" + text + "': levels are whole numbers from 1");
        f(static_cast<int>(n), value);
    }
}

void read_settings(const toml_reader& r, uncertainty_config& c) {
    const std::string what = "[uncertainty]";
    if (auto n = r.table()["replications"])
        c.replications = static_cast<std::size_t>(whole(r, what, "replications", *n.node(), 1, 1'000'000'000));
    if (auto n = r.table()["seed"])
        c.seed = static_cast<std::uint64_t>(whole(r, what, "seed", *n.node(), 0, INT64_MAX));
    if (auto n = r.table()["winmax"]) {
        const toml::array* a = n.as_array();
        if (!a || a->size() != 2) fail(r, what, "winmax", "must be [low, high], whole numbers");
        c.spec.winmax_low = static_cast<int>(whole(r, what, "winmax", *a->get(0), 0, 1'000'000));
        c.spec.winmax_high = static_cast<int>(whole(r, what, "winmax", *a->get(1), c.spec.winmax_low, 1'000'000));
    }
    if (auto n = r.table()["exclude_indicator"]) {
        if (!n.is_boolean()) fail(r, what, "exclude_indicator", "must be true or false");
        c.spec.exclude_indicator = *n.value<bool>();
    }
    each_level(r, "weights_noise", [&](int level, const toml::node& v) {
        c.spec.noise.push_back({level, number(r, what, "weights_noise", v, 0, 1)});
    });
    each_level(r, "weights_dirichlet", [&](int level, const toml::node& v) {
        const double concentration = number(r, what, "weights_dirichlet", v, 0, 1e12);
        if (!(concentration > 0)) fail_at(r, &v, what, "weights_dirichlet", "must be a concentration above 0");
        c.spec.dirichlet.push_back({level, concentration});
    });
}

// ---------------------------------------------------------------------------- alternatives

struct alternative {
    step s;
    std::string label;
    double probability = -1;  ///< −1: not given
};

/// The step reader's errors name the line only: add the column of the key they name.
template <class F>
step with_column(const toml_reader& r, F&& read) {
    try {
        return read();
    } catch (const parse_error& e) {
        if (e.where().column != 0) throw;
        for (const auto& [key, value] : r.table()) {
            if (e.message().find("key '" + std::string(key.str()) + "'") == std::string::npos) continue;
            location w = e.where();
            w.variable = std::string(key.str());
            w.column = static_cast<std::size_t>(value.source().begin.column);
            throw parse_error(e.message(), w);
        }
        throw;
    }
}

alternative read_alternative(const toml_reader& r, std::string_view kind, const std::string& what) {
    std::vector<std::string> allowed;
    for (const option_spec* o : options_of(kind)) allowed.push_back(o->name);
    allowed.insert(allowed.end(), std::begin(extra_alternative_keys), std::end(extra_alternative_keys));
    alternative a;
    a.s = with_column(r, [&] {
        allow_only(r, what, allowed);
        return composite::detail::read_step_parameters(r, kind);
    });
    a.label = r.text("label");
    if (a.label.empty()) a.label = std::get<std::string>(options_of(kind).front()->get(a.s));  // the method
    if (auto p = r.table()["probability"]) a.probability = number(r, what, "probability", *p.node(), 0, 1);
    return a;
}

/// The alternatives of one choice, [[uncertainty.<key>]]: labels made unique, probabilities for
/// every alternative or for none.
std::vector<alternative> read_alternatives(const toml::table& section, const choice_kind& c,
                                           const std::string& source) {
    std::vector<alternative> out;
    auto node = section[c.key];
    if (!node) return out;
    const std::string what = std::string("[[uncertainty.") + c.key + "]]";
    const toml_reader top(section, source, "[uncertainty]");
    const toml::array* tables = node.as_array();
    if (!tables || !tables->is_array_of_tables() || tables->empty())
        fail(top, "[uncertainty]", c.key, "must be one or more tables [[uncertainty." + std::string(c.key) + "]]");
    for (const auto& item : *tables) {
        const std::string entry = what + " #" + std::to_string(out.size() + 1);
        const toml_reader r(*item.as_table(), source, entry);
        out.push_back(read_alternative(r, c.kind, entry));
        const bool taken =
            std::any_of(out.begin(), out.end() - 1, [&](const alternative& a) { return a.label == out.back().label; });
        if (taken) out.back().label += " #" + std::to_string(out.size());
        if ((out.back().probability < 0) != (out.front().probability < 0))
            fail(r, entry, "probability", "must be given for every alternative or for none");
    }
    return out;
}

template <class T, class F>
void fill(alternatives<T>& target, const std::vector<alternative>& from, F&& option_of) {
    for (const auto& a : from) {
        target.options.push_back(option_of(a.s));
        target.labels.push_back(a.label);
        if (a.probability >= 0) target.probabilities.push_back(a.probability);
    }
}

void read_choices(const toml::table& section, const std::string& source, uncertainty_spec& s) {
    const auto weighting = read_alternatives(section, choice_kinds[0], source);
    fill(s.weighting, weighting, [&](const step& x) {
        const auto& w = std::get<weigh_step>(x);
        if (!w.levels.empty()) s.weighting_levels = w.levels;
        return w.options;
    });
    const auto aggregation = read_alternatives(section, choice_kinds[1], source);
    fill(s.aggregation, aggregation, [&](const step& x) {
        const auto& a = std::get<aggregate_step>(x);
        if (!a.levels.empty()) s.aggregation_levels = a.levels;
        return a.options;
    });
    fill(s.normalisation, read_alternatives(section, choice_kinds[2], source),
         [](const step& x) { return std::get<normalise_step>(x); });
    fill(s.imputation, read_alternatives(section, choice_kinds[3], source),
         [](const step& x) { return std::get<impute_step>(x); });
}

}  // namespace

uncertainty_config parse_uncertainty(std::string_view text, const std::string& source) {
    const zhibiao::detail::toml_document doc(text, source);
    uncertainty_config c;
    auto node = doc.root()["uncertainty"];
    if (!node) return c;
    const toml::table* section = node.as_table();
    if (!section) {
        location w;
        w.file = source;
        w.line = static_cast<std::size_t>(node.node()->source().begin.line);
        w.column = static_cast<std::size_t>(node.node()->source().begin.column);
        throw parse_error("'uncertainty' must be a table ([uncertainty])", w);
    }
    c.present = true;
    const toml_reader r(*section, source, "[uncertainty]");
    refuse_step_kinds_as_choices(r);
    allow_only(r, "[uncertainty]", {std::begin(section_keys), std::end(section_keys)});
    read_settings(r, c);
    read_choices(*section, source, c.spec);
    return c;
}

uncertainty_config read_uncertainty(const std::string& path) {
    return parse_uncertainty(zhibiao::detail::read_text_file(path), path);
}

uncertainty_result uncertainty_from_file(const table& data, const std::string& model_path, unsigned threads) {
    const std::string text = zhibiao::detail::read_text_file(model_path);
    const model m = parse_model(text, model_path);
    const uncertainty_config c = parse_uncertainty(text, model_path);
    location w;
    w.file = model_path;
    if (m.nodes.empty())
        throw parse_error("the model has no [[node]] tables: give its framework to uncertainty(data, framework, ...)",
                          w);
    if (!c.present) throw parse_error("the model has no [uncertainty] section: nothing is uncertain", w);
    uncertainty_options o = c.options();
    o.threads = threads;
    return uncertainty(data, m.make_framework(), m.steps, c.spec, o);
}

}  // namespace zhibiao::composite
