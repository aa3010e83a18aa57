// catalogue::at compiled once rather than inline: its "did you mean" (closest_name over the
// indicators and variables) was instantiated in every file that includes zhibiao/catalogue.hpp
// (its compile time: bench/NOTES.md, "Header compile time").
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao {

const indicator& catalogue::at(std::string_view id) const& {
    if (const indicator* i = find(id)) return *i;
    // The indicators that read a variable: "; indicators that read it: a, b" or "".
    const auto readers_of = [this](std::string_view name) {
        std::string readers;
        for (const indicator& i : indicators_) {
            const std::vector<std::string> names = i.inputs();
            if (std::find(names.begin(), names.end(), name) == names.end()) continue;
            readers += readers.empty() ? "; indicators that read it: " : ", ";
            readers += i.id;
        }
        return readers;
    };
    std::string message = "unknown indicator ";
    message += detail::quoted_id(id);
    if (variable(id)) {
        // An input variable asked for as an indicator (--ids gdp): say so, and what reads it.
        message += " (an input variable of the catalogue, not an indicator" + readers_of(id) + ')';
    } else {
        // The closest name among indicators and input variables alike: "tech_contract_valu" is
        // one letter from the variable tech_contract_value, five from the indicator
        // tech_contract_avg_value; a variable is named as one, with the indicators reading it.
        std::vector<std::string_view> names;
        for (const indicator& i : indicators_) names.push_back(i.id);
        for (const variable_spec& v : variables_) names.push_back(v.id);
        const std::string best = detail::closest_name(
            id, names, [](std::string_view n) { return n; }, detail::as_written);
        if (!best.empty() && !find(best))
            message += " (did you mean the input variable '" + best + "'? It is no indicator" + readers_of(best) + ')';
        else if (!best.empty())
            message += " (did you mean '" + best + "'?)";
        else
            // No id near it (gdp_growth): where the ids are, and how a formula of one's own is given.
            message +=
                ": the catalogue has no such id (`zhibiao catalogue` lists them; zhibiao.catalogue() in "
                "Python). A formula of your own is given, not named: zhibiao.Indicator(" +
                detail::quoted_id(id) +
                ", formula, unit=...) to Panel.compute, or Panel.evaluate(formula, unit), a formula such as "
                "'growth(gdp)'; or a catalogue file of your own (zhibiao.load_catalogue)";
    }
    throw unknown_indicator_error(message, std::string(id));
}

}  // namespace zhibiao
