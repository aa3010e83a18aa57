// Composite models from TOML (config.hpp): nodes, steps, and the built-in presets.
#include "zhibiao/composite/config.hpp"

#include "zhibiao/composite/options.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/text.hpp"
#include "io/toml.hpp"

namespace zhibiao {
extern const char* const builtin_composite_most_monitoring;
extern const char* const builtin_composite_eis;
extern const char* const builtin_composite_entropy_topsis;
}  // namespace zhibiao

namespace zhibiao::composite {
namespace {

using zhibiao::detail::toml_reader;

// An option with a vocabulary (options.hpp): absent → the default; any other value must be one
// of the names, else the error names the line and the key, with "did you mean".
template <class Enum, std::size_t N>
Enum choice(const toml_reader& r, const char* key, const composite::choice<Enum> (&options)[N], Enum fallback) {
    if (!r.table()[key]) return fallback;
    const std::string value = r.text(key);
    for (const auto& c : options)
        if (value == c.name) return c.value;
    r.fail(key, composite::detail::unknown_value(value, composite::detail::names_of(options)));
}

// A number that must be finite: an infinite range, power or scale only makes infinite scores.
double finite(const toml_reader& r, const char* key, double fallback) {
    const double v = r.number(key, fallback);
    if (!std::isfinite(v)) r.fail(key, "must be a finite number, not " + std::to_string(v));
    return v;
}

void allow_only(const toml_reader& r, std::initializer_list<const char*> keys) {
    for (const auto& [key, value] : r.table()) {
        (void)value;
        const std::string k(key.str());
        if (std::none_of(keys.begin(), keys.end(), [&](const char* allowed) { return k == allowed; }))
            r.fail(k, "is not a parameter of this step (a typo?)");
    }
}

double real(const toml_reader& r, const toml::node& n, const std::string& key) {
    if (!n.is_number()) r.fail(key, "must hold numbers");
    return *n.value<double>();
}

std::vector<double> reals(const toml_reader& r, const char* key) {
    std::vector<double> out;
    auto node = r.table()[key];
    if (!node) return out;
    const toml::array* a = node.as_array();
    if (!a) r.fail(key, "must be an array of numbers");
    for (const auto& e : *a) out.push_back(real(r, e, key));
    return out;
}

// A whole number of modest size: checked before the cast, which is undefined beyond int's range.
int small_whole(const toml_reader& r, const char* key, double v) {
    if (!(std::abs(v) <= 1e6) || v != std::floor(v)) r.fail(key, "must hold whole numbers between -1000000 and 1000000");
    return static_cast<int>(v);
}

// A denominator's scale factor: finite and positive (1e308 × a ratio is infinite; see also
// denominate_step, which refuses a product that overflows).
double scale_factor(const toml_reader& r, double v, const char* key) {
    if (!(v > 0) || !std::isfinite(v)) r.fail(key, "must be a finite positive number, not " + std::to_string(v));
    return v;
}

// Aggregation levels: 2 (the parents of the indicators) and up.
std::vector<int> levels_of(const toml_reader& r) {
    std::vector<int> levels;
    for (double v : reals(r, "levels")) {
        const int level = small_whole(r, "levels", v);
        if (level < 2) r.fail("levels", "holds " + std::to_string(level) + ": aggregation levels start at 2 (level 1 = the indicators)");
        levels.push_back(level);
    }
    return levels;
}

int whole(const toml_reader& r, const char* key, int fallback) { return small_whole(r, key, r.number(key, fallback)); }

// A sub-table of name → number (or → string through `text`).
template <class F>
void each_entry(const toml_reader& r, const char* key, F&& f) {
    auto node = r.table()[key];
    if (!node) return;
    const toml::table* t = node.as_table();
    if (!t) r.fail(key, "must be a table");
    for (const auto& [k, v] : *t) f(zhibiao::detail::restored(std::string(k.str())), v);
}

step read_step(const toml_reader& r) {
    const std::string kind = r.text("kind", true);
    if (kind == "denominate") {
        allow_only(r, {"kind", "by", "scale"});
        denominate_step s;
        each_entry(r, "by", [&](const std::string& k, const toml::node& v) {
            if (!v.is_string()) r.fail("by", "must map indicators to denominator column names");
            s.by[k] = zhibiao::detail::restored(std::string(*v.value<std::string>()));
        });
        each_entry(r, "scale", [&](const std::string& k, const toml::node& v) { s.scale[k] = scale_factor(r, real(r, v, "scale"), "scale"); });
        return s;
    }
    if (kind == "screen") {
        allow_only(r, {"kind", "min_availability", "max_zero_share"});
        screen_step s;
        s.options.min_availability = r.number("min_availability", 0);
        s.options.max_zero_share = r.number("max_zero_share", 1);
        if (!(s.options.min_availability >= 0 && s.options.min_availability <= 1)) r.fail("min_availability", "must be between 0 and 1");
        if (!(s.options.max_zero_share >= 0 && s.options.max_zero_share <= 1)) r.fail("max_zero_share", "must be between 0 and 1");
        return s;
    }
    if (kind == "impute") {
        allow_only(r, {"kind", "method", "group"});
        impute_step s;
        s.method = choice(r, "method", imputation_choices, impute_step{}.method);
        s.group = r.text("group");
        if ((s.method == imputation::group_mean || s.method == imputation::group_median) && s.group.empty())
            r.fail("group", "is needed by a group imputation");
        return s;
    }
    if (kind == "treat") {
        allow_only(r, {"kind", "method", "winmax", "skew_limit", "kurt_limit", "eis_sd", "eis_skew", "eis_outliers"});
        treat_step s;
        s.options.method = choice(r, "method", treatment_choices, treat_options{}.method);
        s.options.winmax = whole(r, "winmax", 5);
        if (s.options.winmax < 0) r.fail("winmax", "must not be negative");
        s.options.skew_limit = r.number("skew_limit", 2);
        s.options.kurt_limit = r.number("kurt_limit", 3.5);
        s.options.eis_sd = r.number("eis_sd", 2);
        s.options.eis_skew = r.number("eis_skew", 1);
        s.options.eis_outliers = r.table()["eis_outliers"] ? r.flag("eis_outliers") : true;
        return s;
    }
    if (kind == "normalise") {
        allow_only(r, {"kind", "method", "range", "cap", "goal_scale", "reference", "cap_at_reference", "band_edges", "band_scores", "standard",
                       "goalposts"});
        normalise_step s;
        s.options.method = choice(r, "method", normalisation_choices, normalise_options{}.method);
        const std::vector<double> range = reals(r, "range");
        if (!range.empty()) {
            if (range.size() != 2 || !(range[0] < range[1])) r.fail("range", "must be [low, high] with low < high");
            if (!std::isfinite(range[0]) || !std::isfinite(range[1])) r.fail("range", "must be finite (an infinite range makes infinite scores)");
            s.options.low = range[0], s.options.high = range[1];
        }
        s.options.cap = finite(r, "cap", 100);
        s.options.goal_scale = finite(r, "goal_scale", 100);
        s.reference = r.text("reference");
        s.options.cap_at_reference = r.flag("cap_at_reference");
        s.options.band_edges = reals(r, "band_edges");
        s.options.band_scores = reals(r, "band_scores");
        if (s.options.method == normalisation::bands &&
            (s.options.band_scores.size() != s.options.band_edges.size() + 1 || !std::is_sorted(s.options.band_edges.begin(), s.options.band_edges.end())))
            r.fail("band_scores", "must hold one score more than band_edges, whose edges ascend");
        if (s.options.method == normalisation::dist_to_ref && s.reference.empty()) r.fail("reference", "is needed by dist_to_ref");
        each_entry(r, "standard", [&](const std::string& k, const toml::node& v) { s.standard[k] = real(r, v, "standard"); });
        each_entry(r, "goalposts", [&](const std::string& k, const toml::node& v) {
            const toml::array* a = v.as_array();
            if (!a || a->size() != 2) r.fail("goalposts", "must map indicators to [low, high]");
            s.goalposts[k] = {real(r, *a->get(0), "goalposts"), real(r, *a->get(1), "goalposts")};
        });
        return s;
    }
    if (kind == "weigh") {
        allow_only(r, {"kind", "method", "levels", "ddof", "zeros", "ri", "max_cr", "accept_inconsistent", "pairwise", "fixed"});
        weigh_step s;
        s.options.scheme = choice(r, "method", weighting_choices, weight_options{}.scheme);
        s.levels = levels_of(r);
        s.options.ddof = whole(r, "ddof", 1);
        if (s.options.ddof != 0 && s.options.ddof != 1) r.fail("ddof", "must be 0 or 1");
        s.options.zeros = choice(r, "zeros", entropy_zeros_choices, weight_options{}.zeros);
        s.options.ri = choice(r, "ri", random_index_choices, weight_options{}.ri);
        s.options.max_cr = r.number("max_cr", 0.1);
        s.options.accept_inconsistent = r.flag("accept_inconsistent");
        each_entry(r, "fixed", [&](const std::string& k, const toml::node& v) { s.options.fixed[k] = real(r, v, "fixed"); });
        each_entry(r, "pairwise", [&](const std::string& group, const toml::node& v) {
            const toml::array* rows = v.as_array();
            if (!rows || rows->empty()) r.fail("pairwise", "must map groups to square arrays of rows");
            const auto n = static_cast<Eigen::Index>(rows->size());
            Eigen::MatrixXd m(n, n);
            for (Eigen::Index i = 0; i < n; ++i) {
                const toml::array* row = rows->get(static_cast<std::size_t>(i))->as_array();
                if (!row || static_cast<Eigen::Index>(row->size()) != n) r.fail("pairwise", "matrix of '" + group + "' is not square");
                for (Eigen::Index j = 0; j < n; ++j) m(i, j) = real(r, *row->get(static_cast<std::size_t>(j)), "pairwise");
            }
            s.options.pairwise[group] = m;
        });
        if (s.options.scheme == weighting::ahp && s.options.pairwise.empty()) r.fail("pairwise", "is needed by AHP weights");
        return s;
    }
    if (kind == "aggregate") {
        allow_only(r, {"kind", "method", "levels", "power", "penalty", "inner", "v"});
        aggregate_step s;
        s.options.method = choice(r, "method", aggregation_choices, aggregate_options{}.method);
        s.levels = levels_of(r);
        s.options.power = finite(r, "power", 1);
        s.options.mpi_penalty = whole(r, "penalty", 1);
        if (s.options.mpi_penalty != 1 && s.options.mpi_penalty != -1) r.fail("penalty", "must be 1 or -1");
        s.options.topsis_inner = choice(r, "inner", topsis_choices, aggregate_options{}.topsis_inner);
        s.options.vikor_v = r.number("v", 0.5);
        if (!(s.options.vikor_v >= 0 && s.options.vikor_v <= 1)) r.fail("v", "must be between 0 and 1");
        return s;
    }
    r.fail("kind", composite::detail::unknown_value(kind, option_vocabularies().front().values));
}

}  // namespace

model parse_model(std::string_view text, const std::string& source) {
    const zhibiao::detail::toml_document doc(text, source);
    const toml::table& root = doc.root();
    const toml_reader top(root, source, "composite model");
    for (const auto& [key, value] : root) {
        (void)value;
        const std::string k(key.str());
        if (k == "uncertainty") continue;  // the assumptions of an uncertainty analysis, read by their own reader
        if (k != "name" && k != "description" && k != "node" && k != "step") top.fail(k, "is not a key of a composite model (name, description, node, step)");
    }
    model m;
    m.name = top.text("name");
    m.description = top.text("description");
    std::map<std::string, std::string> denominator;
    std::map<std::string, double> scale, standard;
    std::map<std::string, std::pair<double, double>> goalposts;
    zhibiao::detail::each_toml_table(root, "node", source, [&](const toml_reader& r) {
        node n;
        n.code = r.text("code", true);
        const toml_reader named = r.as("node '" + n.code + "'");
        allow_only(named, {"code", "parent", "level", "weight", "direction", "name", "unit", "denominator", "scale", "standard", "goalposts"});
        n.parent = named.text("parent");
        n.level = whole(named, "level", n.parent.empty() ? 2 : 1);
        n.weight = named.number("weight", 1);
        n.direction = whole(named, "direction", 1);
        if (n.direction != 1 && n.direction != -1) named.fail("direction", "must be 1 or -1");
        if (named.table()["denominator"]) denominator[n.code] = named.text("denominator");
        if (named.table()["scale"]) scale[n.code] = scale_factor(named, named.number("scale", 1), "scale");
        if (named.table()["standard"]) standard[n.code] = named.number("standard", 0);
        const std::vector<double> g = reals(named, "goalposts");
        if (!g.empty()) {
            if (g.size() != 2 || g[0] == g[1]) named.fail("goalposts", "must be [low, high] with low ≠ high");
            goalposts[n.code] = {g[0], g[1]};
        }
        m.nodes.push_back(std::move(n));
    });
    zhibiao::detail::each_toml_table(root, "step", source, [&](const toml_reader& r) {
        step s = read_step(r);
        // Node attributes fill what a step leaves open, so the indicator table stays the one place.
        if (auto* d = std::get_if<denominate_step>(&s)) {
            for (const auto& [k, v] : denominator) d->by.emplace(k, v);
            for (const auto& [k, v] : scale) d->scale.emplace(k, v);
        }
        if (auto* n = std::get_if<normalise_step>(&s)) {
            for (const auto& [k, v] : standard) n->standard.emplace(k, v);
            for (const auto& [k, v] : goalposts) n->goalposts.emplace(k, v);
        }
        m.steps.push_back(std::move(s));
    });
    if (!m.nodes.empty()) {
        try {
            (void)m.make_framework();
        } catch (const error& e) {
            location w;
            w.file = source;
            throw parse_error(e.message(), w);
        }
    }
    return m;
}

model read_model(const std::string& path) { return parse_model(zhibiao::detail::read_text_file(path), path); }

std::vector<std::string> preset_names() { return {"most-monitoring", "eis", "entropy-topsis"}; }

std::string_view preset_text(const std::string& name) {
    if (name == "most-monitoring") return builtin_composite_most_monitoring;
    if (name == "eis") return builtin_composite_eis;
    if (name == "entropy-topsis") return builtin_composite_entropy_topsis;
    throw lookup_error("no composite preset '" + name + "' (built in: most-monitoring, eis, entropy-topsis)", name);
}

model preset(const std::string& name) { return parse_model(preset_text(name), "data/composite/" + name + ".toml (built in)"); }

}  // namespace zhibiao::composite
