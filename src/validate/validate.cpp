// Rule loading and evaluation.
#include "io/toml.hpp"

#include "core/text.hpp"

#include "core/error_context.hpp"

#include "zhibiao/compute.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao {

extern const char* const builtin_rules_toml;  // generated from data/rules.toml

std::vector<rule> rules_from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    std::vector<rule> rules;
    detail::each_toml_table(doc.root(), "rule", source, [&](const detail::toml_reader& r) {
        rule x;
        x.id = r.text("id", true);
        const detail::toml_reader named = r.as("rule '" + x.id + "'");
        x.severity = named.text("severity");
        if (x.severity.empty()) x.severity = "hard";
        if (x.severity != "hard" && x.severity != "soft") named.fail("severity", "must be 'hard' or 'soft'");
        x.variable = named.text("variable");
        x.check = named.text("check", true);
        x.message = named.text("message");
        try {
            x.parsed = formula::parse(x.check);
        } catch (const error& e) {
            detail::rethrow_at_key(named, "rule '" + x.id + "'", "check", e);
        }
        rules.push_back(std::move(x));
    });
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
        } catch (const error& e) {
            // A unit mistake (or any other error) is a bug in the rule, not a property of the
            // data: say which rule, keeping the kind of error.
            detail::rethrow_within(e, "rule '" + r.id + "': ");
        }
        ++report.rules_applied;
        for (std::size_t row = 0; row < p.rows(); ++row) {
            if (result.reasons()[row] != reason::none || result.values()(static_cast<Eigen::Index>(row)) != 0) continue;
            report.findings.push_back(
                {p.entity_at(row).code, p.period_at(row).to_string(), r.variable, r.id, r.severity, r.message});
        }
    }
    return report;
}

}  // namespace zhibiao
