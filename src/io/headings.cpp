// The column headings read_csv recognises, read from data/headings.toml (compiled in): a table's
// heading is added there, as a word, not in the loader's code.
#include "io/headings.hpp"

#include "io/toml.hpp"
#include "zhibiao/csv.hpp"

#include <algorithm>

namespace zhibiao {
extern const char* const builtin_csv_headings;
}

namespace zhibiao::detail {

column_headings headings_from_toml(std::string_view text, const std::string& source) {
    const toml_document doc(text, source);
    const toml_reader r(doc.root(), source, "the headings");
    r.allow_only({"entity", "period", "name", "parent", "variable", "value", "unit", "county_level", "city_level",
                  "province_level"});
    auto list = [&](const char* key) {
        std::vector<std::string> headings = r.texts(key);
        if (headings.empty()) r.fail(key, "is missing or empty (a list of headings)");
        for (const auto& h : headings)
            if (h.empty() || h != trim(h)) r.fail(key, "has a heading that is empty or has spaces around it");
        return headings;
    };
    return {list("entity"),   list("period"),
            list("name"),     list("parent"),
            list("variable"), list("value"),
            list("unit"),     {list("county_level"), list("city_level"), list("province_level")}};
}

const indicator* indicator_named(const catalogue& cat, std::string_view heading) {
    if (heading.empty() || cat.find(std::string(heading)) || cat.variable(std::string(heading))) return nullptr;
    const std::string key = meaning_key(heading);
    const indicator* found = nullptr;
    const auto names_it = [&](const std::string& name) {
        return !name.empty() && (name == heading || meaning_key(name) == key);
    };
    for (const indicator& ind : cat.indicators()) {
        if (!names_it(ind.name_zh) && std::none_of(ind.other_names.begin(), ind.other_names.end(), names_it)) continue;
        if (found && found != &ind) return nullptr;
        found = &ind;
    }
    return found;
}

const column_headings& builtin_headings() {
    static const column_headings headings = headings_from_toml(builtin_csv_headings, "data/headings.toml (built in)");
    return headings;
}

}  // namespace zhibiao::detail
