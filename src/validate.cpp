// Rule loading and evaluation.
#include "toml.hpp"

#include "text.hpp"

#include "zhibiao/compute.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao {

extern const char* const builtin_rules_toml;  // generated from data/rules.toml

std::vector<rule> rules_from_toml(std::string_view text, const std::string& source) {
    const detail::toml_text safe(text, source);
    const detail::toml_text_scope reading(safe);
    toml::table root;
    try {
        root = toml::parse(safe.text(), source);
    } catch (const detail::toml_internal_error& e) {
        location w;
        w.file = source;
        throw parse_error(std::string("malformed TOML (") + e.what() + ")", w);
    } catch (const toml::parse_error& e) {
        location w;
        w.file = source;
        w.line = static_cast<std::size_t>(e.source().begin.line);
        w.column = static_cast<std::size_t>(e.source().begin.column);
        throw parse_error(std::string(e.description()), w);
    }
    std::vector<rule> rules;
    const toml::array* array = root["rule"].as_array();
    if (!array) return rules;
    std::size_t index = 0;
    for (const auto& item : *array) {
        ++index;
        const toml::table* t = item.as_table();
        location w;
        w.file = source;
        if (!t) throw parse_error("rule #" + std::to_string(index) + " is not a table", w);
        w.line = static_cast<std::size_t>(t->source().begin.line);
        auto text_of = [&](const char* key, bool required, const std::string& what) -> std::string {
            auto node = (*t)[key];
            if (!node) {
                if (required) throw parse_error(what + ": key '" + key + "' is missing", w);
                return {};
            }
            if (!node.is_string()) throw parse_error(what + ": key '" + key + "' must be a string", w);
            return detail::restored(std::string(*node.value<std::string>()));
        };
        rule r;
        r.id = text_of("id", true, "rule #" + std::to_string(index));
        const std::string what = "rule '" + r.id + "'";
        r.severity = text_of("severity", false, what);
        if (r.severity.empty()) r.severity = "hard";
        if (r.severity != "hard" && r.severity != "soft") throw parse_error(what + ": key 'severity' must be 'hard' or 'soft'", w);
        r.variable = text_of("variable", false, what);
        r.check = text_of("check", true, what);
        r.message = text_of("message", false, what);
        try {
            r.parsed = formula::parse(r.check);
        } catch (const error& e) {
            throw parse_error(what + ": key 'check': " + e.message(), w);
        }
        rules.push_back(std::move(r));
    }
    return rules;
}

const std::vector<rule>& builtin_rules() {
    static const std::vector<rule> rules = rules_from_toml(builtin_rules_toml, "data/rules.toml (built in)");
    return rules;
}

validation_report validate(const panel& p, const std::vector<rule>& rules, const catalogue& cat) {
    validation_report report;
    report.rows_checked = p.rows();
    compute_options strict;
    for (const auto& r : rules) {
        indicator_values result;
        try {
            result = evaluate(p, r.parsed.empty() ? formula::parse(r.check) : r.parsed, std::nullopt, strict, cat);
        } catch (const missing_variable_error& e) {
            report.skipped.push_back(r.id + ": the panel has no '" + e.name() + "'");
            continue;
        } catch (const incompatible_units_error& e) {
            // A unit mistake is a bug in the rule, not a property of the data: say so.
            throw incompatible_units_error("rule '" + r.id + "': " + e.message(), e.where());
        }
        ++report.rules_applied;
        for (std::size_t row = 0; row < p.rows(); ++row) {
            if (result.reasons[row] != reason::none || result.values(static_cast<Eigen::Index>(row)) != 0) continue;
            report.findings.push_back({p.entity_at(row).code, p.period_at(row).to_string(), r.variable, r.id, r.severity, r.message});
        }
    }
    return report;
}

}  // namespace zhibiao
