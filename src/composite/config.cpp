// Composite models from TOML (config.hpp): nodes, steps, and the built-in presets. A step's
// parameters are read by walking the option vocabulary (options.hpp), which names each one, its
// type and the values it allows, so this reader holds no option of its own.
#include "zhibiao/composite/config.hpp"
#include "code_suggestion.hpp"

#include "zhibiao/composite/options.hpp"
#include "zhibiao/units.hpp"
#include "zhibiao/detail/edit_distance.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "io/toml.hpp"
#include "composite/step_toml.hpp"

namespace zhibiao {
extern const char* const builtin_composite_most_monitoring;
extern const char* const builtin_composite_eis;
extern const char* const builtin_composite_entropy_topsis;
}  // namespace zhibiao

namespace zhibiao::composite {
namespace {

using zhibiao::detail::toml_reader;

/// A key that is not among `keys` is refused as "<key> is not <what>", with the key it most
/// likely means, else the keys there are.
/// `step` (a step's kind) picks the parameter names other tools use (data/composite/aliases.toml).
template <class Keys>
void allow_only(const toml_reader& r, const Keys& keys, const std::string& what, std::string_view step = {}) {
    const std::vector<std::string> allowed(std::begin(keys), std::end(keys));
    for (const auto& [key, value] : r.table()) {
        (void)value;
        const std::string k(key.str());
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
        std::string hint = step.empty() ? std::string() : composite::detail::parameter_alias_hint(step, k, allowed);
        if (hint.empty())
            hint =
                zhibiao::detail::suggestion(k, allowed, [](const std::string& name) { return std::string_view(name); });
        if (hint.empty()) {
            hint = " (its keys:";
            for (const std::string& name : allowed) hint += (name == allowed.front() ? " " : ", ") + name;
            hint += ")";
        }
        r.fail(k, "is not " + what + hint);
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
    if (!(std::abs(v) <= 1e6) || v != std::floor(v))
        r.fail(key, "must hold whole numbers between -1000000 and 1000000");
    return static_cast<int>(v);
}

int whole(const toml_reader& r, const char* key, int fallback) { return small_whole(r, key, r.number(key, fallback)); }

// A sub-table of name → value.
template <class F>
void each_entry(const toml_reader& r, const char* key, F&& f) {
    auto node = r.table()[key];
    if (!node) return;
    const toml::table* t = node.as_table();
    if (!t) r.fail(key, "must be a table");
    for (const auto& [k, v] : *t) f(zhibiao::detail::restored(std::string(k.str())), v);
}

// ---------------------------------------------------------------------------- step options

Eigen::MatrixXd read_matrix(const toml_reader& r, const char* key, const std::string& group, const toml::node& v) {
    const toml::array* rows = v.as_array();
    if (!rows || rows->empty()) r.fail(key, "must map groups to square arrays of rows");
    const auto n = static_cast<Eigen::Index>(rows->size());
    Eigen::MatrixXd m(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const toml::array* row = rows->get(static_cast<std::size_t>(i))->as_array();
        if (!row || static_cast<Eigen::Index>(row->size()) != n) r.fail(key, "matrix of '" + group + "' is not square");
        for (Eigen::Index j = 0; j < n; ++j) m(i, j) = real(r, *row->get(static_cast<std::size_t>(j)), key);
    }
    return m;
}

option_value read_map(const toml_reader& r, const option_spec& o) {
    const char* key = o.name.c_str();
    switch (o.type) {
        case option_type::text_map: {
            std::map<std::string, std::string> out;
            each_entry(r, key, [&](const std::string& k, const toml::node& v) {
                if (!v.is_string())
                    r.fail(key, o.name == "methods"
                                    ? "must map indicators to method names (methods = { a = \"borda\" })"
                                    : "must map indicators to denominator column names");
                out[k] = zhibiao::detail::restored(std::string(*v.value<std::string>()));
            });
            return out;
        }
        case option_type::number_map: {
            std::map<std::string, double> out;
            each_entry(r, key, [&](const std::string& k, const toml::node& v) { out[k] = real(r, v, key); });
            return out;
        }
        case option_type::range_map: {
            std::map<std::string, std::pair<double, double>> out;
            each_entry(r, key, [&](const std::string& k, const toml::node& v) {
                const toml::array* a = v.as_array();
                if (!a || a->size() != 2) r.fail(key, "must map indicators to [low, high]");
                out[k] = {real(r, *a->get(0), key), real(r, *a->get(1), key)};
            });
            return out;
        }
        default: {
            std::map<std::string, Eigen::MatrixXd> out;
            each_entry(r, key, [&](const std::string& k, const toml::node& v) { out[k] = read_matrix(r, key, k, v); });
            return out;
        }
    }
}

option_value read_value(const toml_reader& r, const option_spec& o) {
    const char* key = o.name.c_str();
    switch (o.type) {
        case option_type::flag:
            return r.flag(key);
        case option_type::whole:
            return whole(r, key, 0);
        case option_type::number:
            return r.number(key, 0);
        case option_type::text:
        case option_type::choice:
            return r.text(key);
        case option_type::numbers:
            return reals(r, key);
        case option_type::wholes: {
            std::vector<int> out;
            for (double v : reals(r, key)) out.push_back(small_whole(r, key, v));
            return out;
        }
        default:
            return read_map(r, o);
    }
}

step read_step(const toml_reader& r) {
    const std::string kind = r.text("kind", true);
    const std::vector<const option_spec*> specs = options_of(kind);
    if (specs.empty())
        r.fail("kind", composite::detail::unknown_value(kind, {std::begin(step_kinds), std::end(step_kinds)}));
    std::vector<std::string> keys{"kind"};
    for (const option_spec* o : specs) keys.push_back(o->name);
    allow_only(r, keys, "a parameter of this step", kind);
    return composite::detail::read_step_parameters(r, kind);
}

}  // namespace

step detail::read_step_parameters(const toml_reader& r, std::string_view kind) {
    step s = make_step(kind);
    for (const option_spec* o : options_of(kind)) {
        if (!r.table()[o->name]) continue;  // the default, as the step's struct holds it
        const option_value v = read_value(r, *o);
        const std::string problem = o->problem(v);
        if (!problem.empty()) r.fail(o->name, problem);
        o->set(s, v);
    }
    refuse_given_unread_options(r, s);
    const auto [key, problem] = step_problem(s);
    if (!key.empty()) r.fail(key, problem);
    return s;
}

// unused_option cannot tell a value equal to the default from no value; a file can: a key written
// for a method that does not read it (range = [0, 100] under zscore) is refused even then.
void detail::refuse_given_unread_options(const toml_reader& r, const step& s) {
    const std::vector<std::string> methods = methods_in_play(s);
    if (methods.empty()) return;
    for (const option_spec* o : options_of(kind_of(s)))
        if (r.table()[o->name])
            if (std::string problem = unread_option_problem(o->step, o->name, methods); !problem.empty())
                r.fail(o->name, problem);
}

namespace {

// ---------------------------------------------------------------------------- nodes

// What an indicator's [[node]] table says for the steps: they fill what a step leaves open, so
// the indicator table stays the one place.
struct node_attributes {
    std::map<std::string, std::string> denominator, unit;
    std::map<std::string, double> scale, standard;
    std::map<std::string, std::pair<double, double>> goalposts;

    void fill(step& s) const {
        if (auto* d = std::get_if<denominate_step>(&s)) {
            for (const auto& [k, v] : denominator) d->by.emplace(k, v);
            for (const auto& [k, v] : scale) d->scale.emplace(k, v);
        }
        if (auto* n = std::get_if<normalise_step>(&s)) {
            for (const auto& [k, v] : standard) n->standard.emplace(k, v);
            for (const auto& [k, v] : goalposts) n->goalposts.emplace(k, v);
        }
    }
};

constexpr const char* node_keys[] = {"code", "parent",      "level", "weight",   "direction", "name",
                                     "unit", "denominator", "scale", "standard", "goalposts"};

node read_node(const toml_reader& r, node_attributes& a) {
    node n;
    n.code = r.text("code", true);
    const toml_reader named = r.as("node '" + n.code + "'");
    allow_only(named, node_keys, "a key of a node");
    n.parent = named.text("parent");
    n.level = whole(named, "level", n.parent.empty() ? 2 : 1);
    n.weight = named.number("weight", 1);
    const int sign = whole(named, "direction", 1);
    if (sign != 1 && sign != -1) named.fail("direction", "must be 1 or -1");
    n.direction = static_cast<direction>(sign);
    if (named.table()["denominator"]) a.denominator[n.code] = named.text("denominator");
    if (named.table()["unit"]) {
        const std::string symbol = named.text("unit");
        try {
            (void)zhibiao::unit::parse(symbol);
        } catch (const unit_error& e) {
            named.fail("unit", e.message());
        }
        a.unit[n.code] = symbol;
    }
    if (named.table()["scale"]) {
        const double v = named.number("scale", 1);
        if (!(v > 0) || !std::isfinite(v))
            named.fail("scale", "must be a finite positive number, not " + std::to_string(v));
        a.scale[n.code] = v;
    }
    if (named.table()["standard"]) {
        const double v = named.number("standard", 0);
        if (std::string problem = detail::standard_problem(v); !problem.empty()) named.fail("standard", problem);
        a.standard[n.code] = v;
    }
    const std::vector<double> g = reals(named, "goalposts");
    if (!g.empty()) {
        if (g.size() != 2) named.fail("goalposts", "must be [low, high] with low < high");
        if (std::string problem = detail::goalposts_problem(g[0], g[1]); !problem.empty())
            named.fail("goalposts", problem);
        a.goalposts[n.code] = {g[0], g[1]};
    }
    return n;
}

void refuse_node_values_without_steps(const toml::table& root, const std::string& source) {
    zhibiao::detail::each_toml_table(root, "node", source, [&](const toml_reader& r) {
        for (const char* key : {"denominator", "scale", "standard", "goalposts"})
            if (r.table()[key])
                r.as("node '" + r.text("code") + "'")
                    .fail(key, "is unused: a file of nodes alone is a framework, which keeps no " + std::string(key) +
                                   "; give the file its [[step]] tables, or give the value to the step "
                                   "you build with");
    });
}

/// The method a normalise step gives `indicator`: its own (methods) or the step's.
std::string method_for(const normalise_step& n, const std::string& indicator) {
    const auto m = n.methods.find(indicator);
    return m == n.methods.end() ? detail::name_of(normalisation_choices, n.options.method) : m->second;
}

/// A node's standard value or goalposts reach the data only through a normalise step that gives
/// that node's indicator the method reading them: otherwise they would be silently unused, as a
/// node's denominator without a denominate step. Refused at the first node giving one.
void check_node_values_used(const toml::table& root, const std::string& source, const std::vector<step>& steps) {
    if (steps.empty()) return;
    std::vector<const normalise_step*> normalisations;
    for (const step& s : steps)
        if (const auto* n = std::get_if<normalise_step>(&s)) normalisations.push_back(n);
    zhibiao::detail::each_toml_table(root, "node", source, [&](const toml_reader& r) {
        const std::string code = r.text("code");
        for (const char* key : {"standard", "goalposts"}) {
            if (!r.table()[key]) continue;
            if (normalisations.empty())
                r.as("node '" + code + "'")
                    .fail(key,
                          "is unused: the model has no normalise step (method = '" + std::string(key) + "' reads it)");
            std::string method;
            for (const normalise_step* n : normalisations)
                if ((method = method_for(*n, code)) == key) break;
            if (method != key)
                r.as("node '" + code + "'")
                    .fail(key, "is unused: the model's normalise step gives '" + code + "' method = '" + method +
                                   "', and only method = '" + key + "' reads a node's " + key);
        }
    });
}

/// The line of the [[node]] table whose code is `code` (0 when there is none).
std::size_t node_line(const toml::table& root, const std::string& source, const std::string& code) {
    std::size_t line = 0;
    zhibiao::detail::each_toml_table(root, "node", source, [&](const toml_reader& r) {
        if (line == 0 && r.table()["code"].value_or(std::string()) == code)
            line = static_cast<std::size_t>(r.table().source().begin.line);
    });
    return line;
}

/// A node's goalposts or standard value and a normalise step's entry for the same indicator are
/// two values for one thing: refused naming both places (the step's used to win silently).
void refuse_given_twice(const toml_reader& r, const toml::table& root, const step& s, const node_attributes& a) {
    const auto* n = std::get_if<normalise_step>(&s);
    if (!n) return;
    const auto refuse = [&](const char* key, const std::string& code) {
        r.fail(key, "of '" + code + "' is given twice: here and in node '" + code + "' (line " +
                        std::to_string(node_line(root, r.source(), code)) + "); keep one");
    };
    for (const auto& entry : a.goalposts)
        if (n->goalposts.count(entry.first)) refuse("goalposts", entry.first);
    for (const auto& entry : a.standard)
        if (n->standard.count(entry.first)) refuse("standard", entry.first);
}

void check_framework(const model& m, const std::string& source, const toml::table& root) {
    if (m.nodes.empty()) return;
    try {
        (void)m.make_framework();
    } catch (const error& e) {
        location w;
        w.file = source;
        // An error about one node is placed at that node's [[node]] table.
        zhibiao::detail::each_toml_table(root, "node", source, [&](const toml_reader& r) {
            if (w.line == 0 && !e.where().variable.empty() &&
                r.table()["code"].value_or(std::string()) == e.where().variable)
                w.line = static_cast<std::size_t>(r.table().source().begin.line);
        });
        throw parse_error(e.message(), w);
    }
}

// ---------------------------------------------------------------------------- writing

toml::array numbers_array(const std::vector<double>& v) {
    toml::array a;
    for (double x : v) a.push_back(x);
    return a;
}

toml::array matrix_array(const Eigen::MatrixXd& m) {
    toml::array rows;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        toml::array row;
        for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
        rows.push_back(std::move(row));
    }
    return rows;
}

template <class Map, class F>
void put_map(toml::table& t, const std::string& key, const Map& map, F&& value) {
    toml::table out;
    for (const auto& [k, v] : map) out.insert(k, value(v));
    t.insert(key, std::move(out));
}

// One option into a step's table; an empty text, list or map is left out (the default).
void put(toml::table& t, const std::string& key, const option_value& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double>)
                t.insert(key, x);
            else if constexpr (std::is_same_v<T, int>)
                t.insert(key, static_cast<std::int64_t>(x));
            else if constexpr (std::is_same_v<T, std::string>) {
                if (!x.empty()) t.insert(key, x);
            } else if (x.empty())
                return;
            else if constexpr (std::is_same_v<T, std::vector<double>>)
                t.insert(key, numbers_array(x));
            else if constexpr (std::is_same_v<T, std::vector<int>>)
                t.insert(key, numbers_array({x.begin(), x.end()}));
            else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>)
                put_map(t, key, x, [](const std::string& s) { return s; });
            else if constexpr (std::is_same_v<T, std::map<std::string, double>>)
                put_map(t, key, x, [](double d) { return d; });
            else if constexpr (std::is_same_v<T, std::map<std::string, std::pair<double, double>>>)
                put_map(t, key, x, [](const std::pair<double, double>& p) {
                    return numbers_array({p.first, p.second});
                });
            else
                put_map(t, key, x, matrix_array);
        },
        v);
}

// Every option the step's method reads; the others (a default the method ignores) are left out,
// as the reader refuses them (refuse_given_unread_options).
toml::table step_table(const step& s) {
    toml::table t;
    t.insert("kind", kind_of(s));
    const std::vector<std::string> methods = methods_in_play(s);
    for (const option_spec* o : options_of(kind_of(s)))
        if (methods.empty() || unread_option_problem(o->step, o->name, methods).empty()) put(t, o->name, o->get(s));
    return t;
}

toml::table node_table(const node& n, const std::map<std::string, std::string>& units) {
    toml::table t;
    t.insert("code", n.code);
    if (!n.parent.empty()) t.insert("parent", n.parent);
    t.insert("level", static_cast<std::int64_t>(n.level));
    t.insert("weight", n.weight);
    t.insert("direction", static_cast<std::int64_t>(sign_of(n.direction)));
    if (const auto u = units.find(n.code); u != units.end()) t.insert("unit", u->second);
    return t;
}

}  // namespace

// ---------------------------------------------------------------------------- names in steps

namespace {

struct framework_names {
    std::vector<std::string> indicators, groups, nodes;

    explicit framework_names(const framework& fw) {
        for (int k : fw.indicators()) indicators.push_back(fw.at(k).code);
        for (std::size_t k = 0; k < fw.size(); ++k) {
            const int i = static_cast<int>(k);
            nodes.push_back(fw.at(i).code);
            if (!fw.children(i).empty()) groups.push_back(fw.at(i).code);
        }
    }
};

bool among(const std::string& name, const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// The first key of `entries` that is not among `names`, as a problem of `option`. A node of the
/// framework of the other kind is said to be one (review 28c: methods={"Conn": …} was told "did
/// you mean 'CO2'?" when Conn is an aggregate), not matched to a name it merely resembles.
template <class Map>
step_name_problem first_unknown(const Map& entries, const char* option, const std::vector<std::string>& names,
                                const char* what, const framework_names& all) {
    for (const auto& entry : entries) {
        const std::string& name = entry.first;
        if (among(name, names)) continue;
        std::string problem =
            among(name, all.nodes)
                ? std::string("is ") +
                      (among(name, all.groups) ? "an aggregate (a node with children)" : "an indicator") +
                      " of the framework, not " + what
                : std::string("is not ") + what + " of the framework" + detail::code_suggestion(name, names);
        return {option, name, std::move(problem), true};
    }
    return {};
}

}  // namespace

step_name_problem step_name_problem_of(const step& s, const framework& fw) {
    const framework_names names(fw);
    step_name_problem p;
    if (const auto* d = std::get_if<denominate_step>(&s)) {
        if (p = first_unknown(d->by, "by", names.indicators, "an indicator", names); !p.option.empty()) return p;
        if (p = first_unknown(d->scale, "scale", names.indicators, "an indicator", names); !p.option.empty()) return p;
        for (const auto& entry : d->scale)
            if (d->by.find(entry.first) == d->by.end())
                return {"scale", entry.first,
                        "has no denominator in 'by', so its scale factor would be unused (a scale factor "
                        "multiplies a denominated indicator)",
                        false};
    } else if (const auto* t = std::get_if<treat_step>(&s)) {
        if (p = first_unknown(t->methods, "methods", names.indicators, "an indicator", names); !p.option.empty())
            return p;
        if (p = first_unknown(t->winmaxes, "winmaxes", names.indicators, "an indicator", names); !p.option.empty())
            return p;
        if (p = first_unknown(t->fallbacks, "fallbacks", names.indicators, "an indicator", names); !p.option.empty())
            return p;
    } else if (const auto* n = std::get_if<normalise_step>(&s)) {
        if (p = first_unknown(n->standard, "standard", names.indicators, "an indicator", names); !p.option.empty())
            return p;
        if (p = first_unknown(n->goalposts, "goalposts", names.indicators, "an indicator", names); !p.option.empty())
            return p;
        if (p = first_unknown(n->methods, "methods", names.indicators, "an indicator", names); !p.option.empty())
            return p;
        if (p = first_unknown(n->ranges, "ranges", names.indicators, "an indicator", names); !p.option.empty())
            return p;
        if (p = first_unknown(n->m_sds, "m_sds", names.indicators, "an indicator", names); !p.option.empty()) return p;
        if (p = first_unknown(n->goal_scales, "goal_scales", names.indicators, "an indicator", names);
            !p.option.empty())
            return p;
    } else if (const auto* w = std::get_if<weigh_step>(&s)) {
        if (p = first_unknown(w->options.fixed, "fixed", names.nodes, "a node", names); !p.option.empty()) return p;
        if (p = first_unknown(w->options.pairwise, "pairwise", names.groups, "a group (a node with children)", names);
            !p.option.empty())
            return p;
    }
    return {};
}

void check_step_names(const std::vector<step>& steps, const framework& fw, const std::vector<std::string>& labels) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const step_name_problem p = step_name_problem_of(steps[i], fw);
        if (p.option.empty()) continue;
        const std::string label = i < labels.size() && !labels[i].empty()
                                      ? labels[i]
                                      : "step " + std::to_string(i + 1) + " (" + kind_of(steps[i]) + ")";
        const std::string message = label + ": " + p.option + ": '" + p.name + "' " + p.problem;
        if (p.unknown) throw unknown_indicator_error(message, p.name);
        location w;
        w.variable = p.name;
        throw argument_error(message, w);
    }
}

namespace {

/// A step of a model with nodes whose entries name something the nodes lack: refused at the
/// entry's line (the option's, when the entry is not a table key of its own).
void check_step_in_file(const toml_reader& r, std::size_t number, const step& s, const framework& fw) {
    const step_name_problem p = step_name_problem_of(s, fw);
    if (p.option.empty()) return;
    if (const toml::table* sub = r.table()[p.option].as_table(); sub && sub->contains(p.name))
        toml_reader(*sub, r.source(), "step #" + std::to_string(number) + " (" + kind_of(s) + "), " + p.option)
            .fail(p.name, p.problem);
    r.fail(p.option, "names '" + p.name + "', which " + p.problem);
}

}  // namespace

model parse_model(std::string_view text, const std::string& source) {
    const zhibiao::detail::toml_document doc(text, source);
    const toml::table& root = doc.root();
    const toml_reader top(root, source, "composite model");
    // [uncertainty]: the assumptions of an uncertainty analysis, read by their own reader.
    constexpr const char* model_keys[] = {"name", "description", "node", "step", "uncertainty"};
    allow_only(top, model_keys, "a key of a composite model");
    model m;
    m.name = top.text("name");
    m.description = top.text("description");
    node_attributes attributes;
    zhibiao::detail::each_toml_table(root, "node", source,
                                     [&](const toml_reader& r) { m.nodes.push_back(read_node(r, attributes)); });
    // The framework first: the steps' entries are checked against its names.
    check_framework(m, source, root);
    const framework fw = m.nodes.empty() ? framework() : m.make_framework();
    zhibiao::detail::each_toml_table(root, "step", source, [&](const toml_reader& r) {
        step s = read_step(r);
        refuse_given_twice(r, root, s, attributes);
        attributes.fill(s);
        if (!m.nodes.empty()) check_step_in_file(r, m.steps.size() + 1, s, fw);
        m.steps.push_back(std::move(s));
    });
    // A file of nodes alone is a framework (Framework.from_toml, a model built with the caller's
    // steps): a framework has no place for a node's denominator, scale, standard or goalposts,
    // so they would be silently dropped — the caller's Normalise("standard") then found "no
    // standard value for 'a'" although the file gives one.
    if (m.steps.empty()) refuse_node_values_without_steps(root, source);
    // A node's denominator or scale reaches the data only through a denominate step: in a model
    // with steps but none of that kind it would be silently unused.
    const bool denominates = std::any_of(m.steps.begin(), m.steps.end(),
                                         [](const step& s) { return std::holds_alternative<denominate_step>(s); });
    if (!m.steps.empty() && !denominates && (!attributes.denominator.empty() || !attributes.scale.empty()))
        zhibiao::detail::each_toml_table(root, "node", source, [&](const toml_reader& r) {
            for (const char* key : {"denominator", "scale"})
                if (r.table()[key])
                    r.as("node '" + r.text("code") + "'")
                        .fail(key, "is unused: the model has no denominate step (add [[step]] kind = \"denominate\")");
        });
    check_node_values_used(root, source, m.steps);
    check_steps(m.steps, m.nodes.empty() ? 0 : fw.top_level());  // steps that would undo each other
    m.units = std::move(attributes.unit);
    return m;
}

std::string to_toml(const model& m) {
    toml::table root;
    if (!m.name.empty()) root.insert("name", m.name);
    if (!m.description.empty()) root.insert("description", m.description);
    toml::array nodes, steps;
    for (const node& n : m.nodes) nodes.push_back(node_table(n, m.units));
    for (const step& s : m.steps) steps.push_back(step_table(s));
    if (!nodes.empty()) root.insert("node", std::move(nodes));
    if (!steps.empty()) root.insert("step", std::move(steps));
    std::ostringstream out;
    out << root << "\n";
    return out.str();
}

model read_model(const std::string& path) { return parse_model(zhibiao::detail::read_text_file(path), path); }

std::vector<std::string> preset_names() { return {"most-monitoring", "eis", "entropy-topsis"}; }

std::string_view preset_text(const std::string& name) {
    if (name == "most-monitoring") return builtin_composite_most_monitoring;
    if (name == "eis") return builtin_composite_eis;
    if (name == "entropy-topsis") return builtin_composite_entropy_topsis;
    throw lookup_error("no composite preset '" + name + "'" +
                           zhibiao::detail::suggestion(name, preset_names(), zhibiao::detail::as_written) +
                           " (built in: most-monitoring, eis, entropy-topsis)",
                       name);
}

model preset(const std::string& name) {
    return parse_model(preset_text(name), "data/composite/" + name + ".toml (built in)");
}

}  // namespace zhibiao::composite

namespace zhibiao::composite {

// Here rather than inline in config.hpp: the copy of the nodes and the framework's destructor (its
// hash map) were instantiated in every file that includes the header.
framework model::make_framework() const { return framework(nodes); }

}  // namespace zhibiao::composite
