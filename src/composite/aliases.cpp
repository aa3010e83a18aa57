// The names other tools give to zhibiao's composite options (data/composite/aliases.toml,
// embedded), used by "did you mean" only: an unknown name stays an error, the table changes the
// suggestion it makes ("n_prank" → 'percentile', not 'rank').
#include "zhibiao/composite/options.hpp"

#include "io/toml.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace zhibiao {
extern const char* const builtin_composite_aliases;
}  // namespace zhibiao

namespace zhibiao::composite::detail {
namespace {

struct alias {
    std::string name, means, tool, note;  ///< name folded
    std::vector<std::string> where;
};

struct alias_table {
    std::vector<alias> values, parameters;
};

const alias_table& aliases() {
    static const alias_table table = [] {
        alias_table out;
        const std::string source = "data/composite/aliases.toml (built in)";
        const zhibiao::detail::toml_document doc(builtin_composite_aliases, source);
        // A pair, not a structured binding: C++17 lambdas cannot capture those (clang refuses).
        for (const auto& section : {std::pair{"value", &out.values}, std::pair{"parameter", &out.parameters}}) {
            std::vector<alias>* into = section.second;
            zhibiao::detail::each_toml_table(doc.root(), section.first, source,
                                             [&](const zhibiao::detail::toml_reader& r) {
                                                 alias a{folded(r.text("name", true)), r.text("means", true),
                                                         r.text("tool", true), r.text("note"), r.texts("where")};
                                                 into->push_back(std::move(a));
                                             });
        }
        return out;
    }();
    return table;
}

std::string hint(const std::vector<alias>& table, std::string_view where, std::string_view name,
                 const std::vector<std::string>& allowed) {
    const std::string key = folded(name);
    for (const alias& a : table) {
        if (a.name != key) continue;
        if (!a.where.empty() && std::find(a.where.begin(), a.where.end(), where) == a.where.end()) continue;
        const bool offered = !a.means.empty() && std::find(allowed.begin(), allowed.end(), a.means) != allowed.end();
        if (!offered && a.note.empty()) continue;
        const std::string in = "'" + std::string(name) + "' is ";
        if (!offered) return " (" + in + "the name in " + a.tool + ": " + a.note + ")";
        return " (did you mean '" + a.means + "'? " + in + "its name in " + a.tool +
               (a.note.empty() ? "" : "; " + a.note) + ")";
    }
    return {};
}

}  // namespace

std::string value_alias_hint(std::string_view where, std::string_view value, const std::vector<std::string>& allowed) {
    return hint(aliases().values, where, value, allowed);
}

std::string parameter_alias_hint(std::string_view step, std::string_view parameter,
                                 const std::vector<std::string>& allowed) {
    return hint(aliases().parameters, step, parameter, allowed);
}

}  // namespace zhibiao::composite::detail
