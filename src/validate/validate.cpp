// Rule loading and evaluation.
#include "io/toml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "formula/node.hpp"
#include "formula/typing.hpp"
#include "zhibiao/detail/edit_distance.hpp"

#include "core/conversion.hpp"
#include "core/printed_round.hpp"
#include "core/text.hpp"

#include "core/error_context.hpp"

#include "zhibiao/compute.hpp"
#include "zhibiao/interrupt.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao {

extern const char* const builtin_rules_toml;  // generated from data/rules.toml

namespace {

/// A condition: a comparison, and/or/not of conditions, missing(x), or if() choosing between
/// conditions. Anything else is a number, "true" wherever it is not 0 — a rule that never fires
/// as meant (`gdp - 50[亿元]`).
bool is_condition(const detail::formula_node& n) {
    switch (n.kind) {
        case detail::node_kind::logical_not:
            return true;
        case detail::node_kind::binary:
            return n.op == "<" || n.op == "<=" || n.op == ">" || n.op == ">=" || n.op == "==" || n.op == "!=" ||
                   n.op == "and" || n.op == "or";
        case detail::node_kind::call:
            if (n.name == "missing") return true;
            return n.name == "if" && n.args.size() == 3 && is_condition(*n.args[1]) && is_condition(*n.args[2]);
        default:
            return false;
    }
}

}  // namespace

std::vector<rule> rules_from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    detail::allow_only_keys(doc.root(), {"rule"}, source, "the rules file");
    std::vector<rule> rules;
    std::unordered_map<std::string, std::size_t> line_of_id;
    detail::each_toml_table(doc.root(), "rule", source, [&](const detail::toml_reader& r) {
        rule x;
        x.id = r.text("id", true);
        const detail::toml_reader named = r.as("rule '" + x.id + "'");
        detail::allow_only_keys(r.table(), {"id", "severity", "variable", "check", "message"}, source,
                                "rule '" + x.id + "'");
        const auto line = static_cast<std::size_t>(r.table().source().begin.line);
        if (auto [it, fresh] = line_of_id.emplace(x.id, line); !fresh)
            named.fail("id", "is used twice (first on line " + std::to_string(it->second) +
                                 "): findings would not say which rule they come from");
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
        if (!is_condition(detail::root_of(x.parsed)))
            named.fail("check",
                       "must be a condition (a comparison such as 'gdp > 0[亿元]', joined by and, or, not): '" +
                           x.check + "' is a number, true wherever it is not 0");
        if (!x.variable.empty()) {
            const std::vector<std::string> read = x.parsed.names();
            if (std::find(read.begin(), read.end(), x.variable) == read.end()) {
                std::string hint =
                    detail::suggestion(x.variable, read, [](const std::string& n) { return std::string_view(n); });
                if (hint.empty()) {
                    hint = " (it reads:";
                    for (const auto& n : read) hint += (n == read.front() ? " " : ", ") + n;
                    hint += ")";
                }
                named.fail("variable", "= '" + x.variable +
                                           "' is not read by the check, so findings would name the wrong cell" + hint);
            }
        }
        rules.push_back(std::move(x));
    });
    if (rules.empty()) {
        location w;
        w.file = source;
        throw parse_error("no [[rule]] tables: the file would check nothing", w);
    }
    return rules;
}

const std::vector<rule>& builtin_rules() {
    static const std::vector<rule> rules = rules_from_toml(builtin_rules_toml, "data/rules.toml (built in)");
    return rules;
}

namespace {

/// A column the catalogue knows, given in a unit of another quantity (gdp[万人], population[亿元],
/// rd_intensity[万元]): a slip in the header. The rules read such columns through published()
/// and bare bounds (`published(gdp) >= 0`), which take any unit, so the panel came out clean;
/// compute() refuses it through the indicator's unit. validate() refuses it too, naming it.
void check_units_against_catalogue(const panel& p, const catalogue& cat) {
    for (const auto& c : p.columns()) {
        if (!c.unit_given()) continue;
        const std::optional<unit> declared = cat.declared_unit(c.name());
        if (!declared || c.unit().convertible_to(*declared)) continue;
        location where;
        where.variable = c.name();
        throw incompatible_units_error("variable '" + c.name() + "' is given in '" + c.unit().symbol() + "' (" +
                                           c.unit().dim().to_string() + "), but the catalogue's '" + c.name() +
                                           "' is in '" + declared->symbol() + "' (" + declared->dim().to_string() +
                                           ") or another unit of that quantity: is the unit in the header right?",
                                       where);
    }
}

/// What a finding for an unreadable cell says: its text, line and column from the load report
/// (the findings table is what goes back to whoever fills the sheet in, without the loader's
/// messages), or a pointer to the report when its list was full.
std::string unparseable_message(const panel& p, const std::string& variable, std::size_t row) {
    const load_report& loaded = p.report();
    const std::string entity(p.entity_at(row).code), period = p.period_at(row).to_string();
    for (const load_issue& issue : loaded.issues) {
        if (issue.variable != variable || issue.entity != entity || issue.period != period) continue;
        return (loaded.source.empty() ? std::string() : loaded.source + ", ") + "line " + std::to_string(issue.line) +
               ", column " + std::to_string(issue.column) + ": " + detail::quoted(issue.text, 200) +
               " could not be read as a number (" + issue.problem + ")";
    }
    return "the cell could not be read as a number (the load report names it)";
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

/// Cell `row` of `c` as it was written: with its written decimals where the loader kept more than the
/// shortest form shows ("2.00", not "2": column::written_decimals), else number_text.
std::string written_text(const column& c, std::size_t row) {
    const double v = c.data()[row];
    const auto& decimals = c.written_decimals();
    if (decimals.empty() || decimals[row] == 0 || !std::isfinite(v) || std::fabs(v) >= 1e15) return number_text(v);
    char buf[320];
    std::snprintf(buf, sizeof buf, "%.*f", int{decimals[row]}, v);
    return buf;
}

/// Why `x` may not be computed with (invalid_for_computation's reasons), in words for a finding.
std::string invalid_value_message(const column& c, const variable_spec* spec, double x, reason why) {
    if (why == reason::negative_input)
        return "the value " + number_text(x) + " is below the catalogue's minimum of " + number_text(spec->min) +
               " for '" + c.name() + "': indicators leave it out (negative_input)";
    if (detail::is_infinite(x)) return "the value is infinite, which is never a measured value (invalid_input)";
    return "the count " + number_text(x) + " is not a whole number: indicators leave it out (invalid_input)";
}

/// Cells that compute() refuses — ±inf anywhere, and where the catalogue knows the variable a
/// value below its minimum (a negative R&D expenditure) or a count that is not whole — are
/// findings of their own, rule "invalid_value", unless a hard rule already named the cell (the
/// built-in rules check published(gdp) and the counts): without it an infinite GDP or a negative
/// R&D expenditure passed as clean, every rule reading the cell as missing or `inf >= 0` as true.
void report_invalid_values(const panel& p, const catalogue& cat,
                           const std::unordered_map<std::string, std::vector<char>>& named, validation_report& report) {
    for (const column& c : p.columns()) {
        const variable_spec* spec = cat.variable(c.name());
        const std::optional<unit> u = spec ? detail::stated_unit(c, spec) : std::nullopt;
        const auto seen = named.find(c.name());
        const double* x = c.data();
        for (std::size_t row = 0; row < p.rows(); ++row) {
            if (detail::is_nan(x[row])) continue;
            const reason why = spec                          ? invalid_for_computation(*spec, x[row], u ? *u : c.unit())
                                                        : detail::is_infinite(x[row]) ? reason::invalid_input
                                                             : reason::none;
            if (why == reason::none || (seen != named.end() && seen->second[row])) continue;
            report.findings.push_back({p.entity_at(row).code, p.period_at(row).to_string(), c.name(), "invalid_value",
                                       "hard", invalid_value_message(c, spec, x[row], why)});
        }
    }
}

/// Lines a lenient load skipped whole (a row with the wrong number of fields): their figures are
/// in no row, so no rule sees them. A finding each, naming the line (rule "skipped_row"): a file
/// that lost rows never validates as clean. Lines beyond the report's list are counted in one.
void report_skipped_rows(const panel& p, validation_report& report) {
    const load_report& loaded = p.report();
    if (loaded.rows_skipped == 0) return;
    const std::string file = loaded.source.empty() ? std::string() : loaded.source + ":";
    std::size_t named = 0;
    for (const load_issue& issue : loaded.issues) {
        if (issue.column != 0 || !issue.variable.empty()) continue;  // a cell's issue, not a row's
        ++named;
        report.findings.push_back({"", "", "", "skipped_row", "hard",
                                   file + std::to_string(issue.line) + ": the line was skipped (" + issue.problem +
                                       "): its figures are in no row of the panel"});
    }
    if (loaded.rows_skipped > named)
        report.findings.push_back(
            {"", "", "", "skipped_row", "hard",
             std::to_string(loaded.rows_skipped - named) + " more lines were skipped (not listed in the load report)"});
}

/// Regions beside regions inside them (a city's total beside its districts, by their
/// administrative codes, the rule roll-up refuses: rollup.hpp's nested_regions) and totals rows:
/// a finding per entity (rule "nested_region" or "totals_row", no period).
void report_totals(const panel& p, validation_report& report) {
    if (p.entity_count() < 2) return;
    for (const auto& [inner, outer] : nested_regions(p))
        report.findings.push_back({outer, "", "", "nested_region", "hard",
                                   "the panel holds region " + outer + " together with " + inner +
                                       ", a region inside it: its figures include " + inner +
                                       "'s, so a sum counts them twice and a ranking ranks a total among its parts; "
                                       "keep one level (drop the total's rows, or its parts')"});
    for (std::size_t e = 0; e < p.entity_count(); ++e) {
        const std::string_view code = p.entity_code(e), name = p.entity_name(e);
        if (!looks_like_totals_row(code) && !looks_like_totals_row(name)) continue;
        const std::string shown(name.empty() ? code : name);
        // 全国 in a city's panel is a row to compare with, no sum of its districts: said as it is.
        const bool nation = is_nation(code) || is_nation(name);
        report.findings.push_back(
            {std::string(code), "", "", "totals_row", "hard",
             nation ? "entity '" + shown +
                          "' is the nation, a row to compare with, not a region of the panel: no sum of the "
                          "others unless they are the provinces, but a ranking or a sum over the entities takes "
                          "it as one of them; compare with it outside the panel"
                    : "entity '" + shown +
                          "' looks like a totals row (合计/总计/小计/全市…), not a region: its figures are "
                          "the others' sum; leave the row out of the file"});
    }
}

/// Two entities named as one region with and without its administrative suffix (西湖 and 西湖区),
/// where the entity column holds names, not codes: one region read as two (rule "one_region_two_names",
/// soft, a finding on the full name naming both). Codes are no names: 西湖 and 西湖区 under two codes
/// are two codes, and under one code read_csv and from_pandas already make them one region.
void report_one_region_two_names(const panel& p, validation_report& report) {
    std::unordered_set<std::string_view> by_name;
    const auto is_name = [](std::string_view code) {
        return std::any_of(code.begin(), code.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    };
    for (std::size_t e = 0; e < p.entity_count(); ++e)
        if (is_name(p.entity_code(e))) by_name.insert(p.entity_code(e));
    for (std::size_t e = 0; e < p.entity_count(); ++e) {
        const std::string_view full = p.entity_code(e);
        constexpr std::size_t suffix_bytes = 3;  // 市, 县, 区, 旗 in UTF-8: the rule is admin_suffix_of's
        if (!is_name(full) || full.size() <= suffix_bytes) continue;
        const std::string_view bare = full.substr(0, full.size() - suffix_bytes);
        if (!by_name.count(bare) || !detail::admin_suffix_of(bare, full)) continue;
        report.findings.push_back(
            {std::string(full), "", "", "one_region_two_names", "soft",
             "entities '" + std::string(bare) + "' and '" + std::string(full) +
                 "' differ only by an administrative suffix (市/县/区/旗)"
                 ": one region written two ways (its rows split in two, each with part of the periods)? "
                 "write one name on all its rows; if they are two places, name them so (or "
                 "key them by code)"});
    }
}

/// Is `code` (as admin_code writes it) a region's: six digits opening with a province's two (GB/T 2260:
/// 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82)?
bool region_code(const std::string& code) {
    if (code.size() != 6 || !detail::all_digits(code)) return false;
    const int province = (code[0] - '0') * 10 + (code[1] - '0');
    const int tens = province / 10, units = province % 10;
    static constexpr int last_of_tens[] = {-1, 5, 3, 7, 6, 4, 5, 1, 2};  // 1x: 11–15, 2x: 21–23, …
    return tens >= 1 && tens <= 8 && units >= 1 && units <= last_of_tens[tens];
}

/// One region written in two code widths (3201 and 320100, 32 and 320000: admin_code makes them
/// one, as rollup does): its rows are split between two entities, and rollup refuses the panel
/// (rule "one_region_two_widths", hard, on the 6-digit code, naming both spellings and the
/// periods of each). Silent before round 34. Only in a panel of regions — most entity codes a
/// region's, and both spellings — so that firms numbered 1001 and 100100 are two firms (review 34).
void report_one_region_two_widths(const panel& p, validation_report& report) {
    std::unordered_map<std::string, std::vector<std::size_t>> by_code;  // admin_code → entities
    std::vector<std::string> order;
    for (std::size_t e = 0; e < p.entity_count(); ++e) {
        const std::string code = admin_code(p.entity_code(e));
        if (!region_code(code)) continue;
        auto& spellings = by_code[code];
        if (spellings.empty()) order.push_back(code);
        spellings.push_back(e);
    }
    std::size_t regions = 0;  // entities with a region's code
    for (const auto& [code, spellings] : by_code) regions += spellings.size();
    if (2 * regions < p.entity_count()) return;
    std::unordered_map<std::size_t, std::string> periods_of;  // an entity written two ways → its periods
    for (const auto& [code, spellings] : by_code)
        if (spellings.size() > 1)
            for (const std::size_t e : spellings) periods_of[e];
    if (periods_of.empty()) return;
    for (std::size_t row = 0; row < p.rows(); ++row) {
        const auto it = periods_of.find(static_cast<std::size_t>(p.entity_of_row()[row]));
        if (it != periods_of.end()) it->second += (it->second.empty() ? "" : ", ") + p.period_at(row).to_string();
    }
    for (const std::string& code : order) {
        const auto& spellings = by_code[code];
        if (spellings.size() < 2) continue;
        std::string said;
        for (const std::size_t e : spellings)
            said += std::string(said.empty() ? "" : " and ") + "'" + std::string(p.entity_code(e)) + "' (rows of " +
                    (periods_of[e].empty() ? "no period" : periods_of[e]) + ")";
        report.findings.push_back(
            {code, "", "", "one_region_two_widths", "hard",
             "entities " + said + " are one region, " + code +
                 ", written in two code widths: its rows are split in two (a growth rate or a ranking "
                 "sees two regions) and rollup refuses the panel; write one code on all its rows"});
    }
}

/// The key under which recomputed_names keeps a name's value a year earlier (no name has a space).
std::string previous_key(const std::string& name) { return "previous " + name; }

/// The numbers behind a rule's finding in row `row`: each variable the check reads, as published
/// (the panel's cell) and, where the catalogue recomputes it, as recomputed ("published 3.23,
/// recomputed 3.22171"); empty when the rule reads nothing the panel holds.
std::string numbers_of(const panel& p, const rule& r, std::size_t row,
                       const std::vector<std::pair<std::string, indicator_values>>& recomputed, const catalogue& cat) {
    std::string out;
    for (const auto& name : r.parsed.names()) {
        const column* c = p.find(name);
        std::string published, again;
        if (c && !detail::is_nan(c->data()[row])) {
            // The unit the rule read it in: a count headed without one is in the catalogue's (项),
            // never the dimensionless "1" that stands in for no unit.
            const std::optional<unit> u = c->unit_given() ? c->unit() : detail::stated_unit(*c, cat.variable(name));
            const std::string symbol = u && u->symbol() != "1" ? u->symbol() : "";
            published = written_text(*c, row) + (symbol.empty() ? "" : " " + symbol);
        }
        for (const auto& [id, v] : recomputed) {
            if (id != name || v.reasons()[row] != reason::none) continue;
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.6g", v.values()(static_cast<Eigen::Index>(row)));
            again = std::string(buf) + (v.unit().symbol().empty() ? "" : " " + v.unit().symbol());
        }
        std::string part;
        if (!published.empty() && !again.empty() && published != again)
            part = name + ": published " + published + ", recomputed " + again;
        else if (!published.empty() || !again.empty())
            part = name + " " + (published.empty() ? again : published);
        // The value a growth() or yoy() of the rule compared it with: a jump states both ends.
        for (const auto& [id, v] : recomputed) {
            if (part.empty() || id != previous_key(name) || v.reasons()[row] != reason::none) continue;
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.6g", v.values()(static_cast<Eigen::Index>(row)));
            part += std::string(", a year earlier ") + buf + (v.unit().symbol().empty() ? "" : " " + v.unit().symbol());
        }
        if (!part.empty()) out += (out.empty() ? "" : "; ") + part;
    }
    return out;
}

/// The names a rule reads that are indicators of the catalogue, recomputed from their inputs
/// (any other name is read as published).
/// And, under previous_key(name), the value a year earlier of each name the rule reads through
/// growth() or yoy() (the base growth() divides by, yoy(), with a name_prior column's value).
std::vector<std::pair<std::string, indicator_values>> recomputed_names(const panel& p, const rule& r,
                                                                       const catalogue& cat) {
    std::vector<std::pair<std::string, indicator_values>> out;
    for (const auto& name : r.parsed.names()) {
        if (r.check.find("growth(" + name + ")") != std::string::npos ||
            r.check.find("yoy(" + name + ")") != std::string::npos) {
            try {
                out.emplace_back(previous_key(name), evaluate(p, formula::parse("yoy(" + name + ")"), std::nullopt,
                                                              compute_options{}, cat));
            } catch (const error&) {  // the finding says the values of this year alone
            }
        }
        if (!cat.find(name)) continue;
        try {
            out.emplace_back(name, evaluate(p, formula::parse(name), std::nullopt, compute_options{}, cat));
        } catch (const error&) {  // not an indicator of the catalogue: the published cell alone
        }
    }
    return out;
}

/// The panel as the rules read it: a published indicator column with no unit in its header
/// (`rd_intensity`, `invention_patents_per_10k`, as a bureau table heads them) is in the unit the
/// catalogue declares for that indicator (% and 件/万人). Read as the dimensionless "1" instead,
/// 1.25 would be 125 % beside a recomputed 1.25 %, and 件/万人 could not be compared at all.
/// Nothing (and no copy of the panel) when no column is such.
std::optional<panel> with_indicator_units(const panel& p, const catalogue& cat) {
    const auto unstated_indicator = [&](const column& c) { return c.unit_given() ? nullptr : cat.find(c.name()); };
    if (std::none_of(p.columns().begin(), p.columns().end(), unstated_indicator)) return std::nullopt;
    panel q = p;
    for (const column& c : p.columns())
        if (const indicator* ind = unstated_indicator(c)) {
            column stated(c.name(), ind->unit, c.data(), c.size(), c.storage_owner(), true, c.reasons());
            stated.set_written_decimals(c.written_decimals());  // the same cells: "2.00" is checked at 2 decimals
            q.add(std::move(stated));
        }
    return q;
}

/// The base unit of a count or a person variable: its catalogue unit (件, 项), else 人; nothing for
/// any other quantity (an amount has no whole-number rule).
std::optional<unit> base_unit_of(const variable_spec* spec) {
    if (!spec) return std::nullopt;
    if (spec->dimension_name == "count" && !spec->default_unit.empty()) return unit::parse(spec->default_unit);
    if (spec->dimension_name == "person") return unit::parse("人");
    return std::nullopt;
}

/// The decimals `v` was written with: the loader's (column::written_decimals) where it kept more
/// than the shortest form shows, else the shortest form's (221.3 → 1, 2 → 0).
int decimals_of(const column& c, std::size_t row) {
    char text[64];
    const double v = c.data()[row];
    int shortest = 0;
    if (std::isfinite(v) && std::fabs(v) < 1e15) {
        std::snprintf(text, sizeof text, "%.15g", v);
        const std::string_view t(text);
        const std::size_t point = t.find('.');
        if (point != std::string_view::npos && t.find('e') == std::string_view::npos)
            shortest = static_cast<int>(t.size() - point - 1);
    }
    const auto& written = c.written_decimals();
    return std::max(shortest, written.empty() ? 0 : int{written[row]});
}

/// The panel as the rules evaluate it: a count or a person column in a multiple of its base unit
/// (valid_invention_patents[万件], population[万人]) in the base unit (件, 人), each value at the
/// precision it was written with (221.3 万件 is 2213000 件, whole; 0.35 万件 is 3500, not
/// 3500.0000000000005), so a whole-number rule (round(published(x)) == published(x)) judges the
/// count as a count (indicators.md §1.5: 221.3万件), not its 万. Comparisons and ratios read the
/// same values either way. Nothing when no column is such.
std::optional<panel> in_base_units(const panel& p, const catalogue& cat) {
    std::optional<panel> q;
    for (const column& c : p.columns()) {
        const std::optional<unit> base = base_unit_of(cat.variable(c.name()));
        const std::optional<unit> u = base ? detail::stated_unit(c, cat.variable(c.name())) : std::nullopt;
        if (!u || !u->convertible_to(*base)) continue;
        const conversion to_base = u->to(*base);
        if (to_base.identity()) continue;
        Eigen::ArrayXd values(static_cast<Eigen::Index>(c.size()));
        std::vector<std::uint8_t> written(c.written_decimals().empty() ? 0 : c.size());
        for (std::size_t row = 0; row < c.size(); ++row) {
            double y = detail::convert_exactly(to_base, c.data()[row]);
            const int d = decimals_of(c, row) - to_base.exponent;  // 221.3 万 → 0 decimals in 件
            if (to_base.factor == 1.0 && to_base.exponent > 0) y = detail::printed_round(y, std::max(d, 0));
            values(static_cast<Eigen::Index>(row)) = y;
            if (!written.empty()) written[row] = static_cast<std::uint8_t>(std::clamp(d, 0, 255));
        }
        column converted(c.name(), *base, std::move(values), c.reasons(), true);
        converted.set_written_decimals(std::move(written));
        if (!q) q = p;
        q->add(std::move(converted));
    }
    return q;
}

/// A unit to show in "give it as gdp[亿元]": what a bureau table uses for the quantity.
std::string example_unit(const catalogue& cat, const std::string& name) {
    const variable_spec* spec = cat.variable(name);
    const std::string dim = spec ? spec->dimension_name : std::string();
    if (dim == "currency") return "万元";
    if (dim == "person") return "万人";
    if (dim == "count") return "件";
    const std::optional<unit> declared = cat.declared_unit(name);
    return declared && !declared->symbol().empty() ? declared->symbol() : "unit";
}

/// The column without a unit that made a rule fail with a units error, or null when the failure
/// is the rule's own (every column it reads has a unit): that one stays an error of the rule.
const column* unitless_cause(const panel& p, const rule& r, const error& e, const catalogue& cat) {
    // No unit in the header and none the catalogue supplies (a count's 件/项 is supplied).
    auto lacks_unit = [&cat](const column* c) {
        if (!c || c->unit_given()) return false;
        const variable_spec* spec = cat.variable(c->name());
        return !spec || !detail::stated_unit(*c, spec);
    };
    if (const column* c = p.find(e.where().variable); lacks_unit(c)) return c;
    for (const auto& name : r.parsed.names())
        if (const column* c = p.find(name); lacks_unit(c)) return c;
    return nullptr;
}

/// One finding per unitless column that kept rules from running (rule "unit_missing"), naming the
/// rules and the header to write: the other rules still run, and the panel is not "clean".
void report_unitless(const std::vector<std::pair<std::string, std::vector<std::string>>>& not_run, const catalogue& cat,
                     validation_report& report) {
    for (const auto& [name, ids] : not_run) {
        std::string list;
        for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
        report.findings.push_back({"", "", name, "unit_missing", "hard",
                                   "column '" + name + "' has no unit, so " + (ids.size() == 1 ? "rule " : "rules ") +
                                       list + " could not check it: give the unit in the header (" + name + "[" +
                                       example_unit(cat, name) + "]) or in the units map"});
    }
}

}  // namespace

validation_report validate(const panel& given, const std::vector<rule>& rules, const catalogue& cat) {
    check_units_against_catalogue(given, cat);
    const std::optional<panel> relabelled = with_indicator_units(given, cat);
    const panel& p = relabelled ? *relabelled : given;
    validation_report report;
    report.rows_checked = p.rows();
    // A cell the loader could not read (lenient: "1.2.3", "12%%" in a count) is missing to every
    // rule, which then cannot check its row: without a finding of its own, a damaged file would
    // pass as clean ("0 findings").
    for (const column& c : p.columns()) {
        const auto& why = c.reasons();
        for (std::size_t row = 0; row < why.size(); ++row)
            if (why[row] == reason::unparseable)
                report.findings.push_back({p.entity_at(row).code, p.period_at(row).to_string(), c.name(), "unparseable",
                                           "hard", unparseable_message(p, c.name(), row)});
            else if (why[row] == reason::invalid_input && detail::is_nan(c.data()[row]))
                // ±inf from a DataFrame (Panel.from_pandas keeps it as a gap with this reason),
                // or a cell its source marked invalid: as unreadable as an unparseable one.
                report.findings.push_back({p.entity_at(row).code, p.period_at(row).to_string(), c.name(),
                                           "invalid_value", "hard",
                                           "the cell held an infinite value, or one its source marked invalid "
                                           "(invalid_input): indicators leave it out"});
            else if (why[row] == reason::damaged_source || why[row] == reason::suspect_source)
                // A report figure whose digits were lost, or probably were (read_report): the
                // reader's findings name the text; here the cell, so the panel is not "clean".
                report.findings.push_back(
                    {p.entity_at(row).code, p.period_at(row).to_string(), c.name(), std::string(to_string(why[row])),
                     why[row] == reason::damaged_source ? "hard" : "soft",
                     why[row] == reason::damaged_source
                         ? "the source's figure was damaged (its digits lost): the cell is missing, not zero"
                         : "the source's figure is probably damaged (an implausible value): left out"});
    }
    const std::optional<panel> based = in_base_units(p, cat);
    const panel& evaluated = based ? *based : p;  // the rules read counts in 件, 项, 人
    compute_options strict;
    std::unordered_map<std::string, std::vector<char>> named;               // variable → rows a hard rule named
    std::vector<std::pair<std::string, std::vector<std::string>>> not_run;  // unitless column → rules
    for (std::size_t k = 0; k < rules.size(); ++k) {
        // A rule is a column over the whole panel (up to a second for 400,000 rows): Ctrl-C and
        // deadlines between them.
        poll_interrupt();
        report_progress(k, rules.size());
        const rule& r = rules[k];
        indicator_values result;
        try {
            result =
                evaluate(evaluated, r.parsed.empty() ? formula::parse(r.check) : r.parsed, std::nullopt, strict, cat);
        } catch (const missing_variable_error& e) {
            report.skipped.push_back(r.id + ": the panel has no '" + e.name() + "'");
            continue;
        } catch (const unit_error& e) {
            // A column without a unit in its header is a property of the data: one finding for
            // the column, and the rules that do not read it still run.
            const column* c = unitless_cause(p, r, e, cat);
            if (!c) detail::rethrow_within(e, "rule '" + r.id + "': ");
            auto at = std::find_if(not_run.begin(), not_run.end(), [&](const auto& x) { return x.first == c->name(); });
            if (at == not_run.end()) at = not_run.insert(not_run.end(), {c->name(), {}});
            at->second.push_back(r.id);
            report.skipped.push_back(r.id + ": column '" + c->name() + "' has no unit");
            continue;
        } catch (const error& e) {
            // A unit mistake (or any other error) is a bug in the rule, not a property of the
            // data: say which rule, keeping the kind of error.
            detail::rethrow_within(e, "rule '" + r.id + "': ");
        }
        ++report.rules_applied;
        std::optional<std::vector<std::pair<std::string, indicator_values>>> recomputed;  // at the first finding
        for (std::size_t row = 0; row < p.rows(); ++row) {
            if (result.reasons()[row] != reason::none || result.values()(static_cast<Eigen::Index>(row)) != 0) continue;
            if (!recomputed) recomputed = recomputed_names(p, r, cat);
            const std::string numbers = numbers_of(p, r, row, *recomputed, cat);
            report.findings.push_back({p.entity_at(row).code, p.period_at(row).to_string(), r.variable, r.id,
                                       r.severity, numbers.empty() ? r.message : r.message + ": " + numbers});
            if (r.severity == "hard") {
                auto& rows = named[r.variable];
                rows.resize(p.rows());
                rows[row] = 1;
            }
        }
    }
    report_progress(rules.size(), rules.size());  // a progress bar ends full, not one rule short
    report_unitless(not_run, cat, report);
    report_invalid_values(p, cat, named, report);
    report_skipped_rows(p, report);
    report_totals(p, report);
    report_one_region_two_names(p, report);
    report_one_region_two_widths(p, report);
    return report;
}

bool is_nation(std::string_view text) {
    std::string squeezed;  // blanks aside, the ideographic space (U+3000) too
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n') squeezed += text[i];
    }
    for (std::string_view name : {"全国", "全国平均", "中国", "全国（不含港澳台）", "全国(不含港澳台)"})
        if (squeezed == name) return true;
    return false;
}

bool looks_like_totals_row(std::string_view text) { return detail::looks_like_total(text) || is_nation(text); }

}  // namespace zhibiao
