#pragma once
// Data-quality checks: declarative rules in the formula language, evaluated over a whole panel.
//
// `validate` returns findings — a table an analyst reviews — rather than throwing at the first
// problem. The built-in rules (data/rules.toml, compiled in) cover indicators.md §7.1: approved
// ≤ applied, paid ≤ due, shares within [0, 100], whole non-negative counts, published ratios
// that disagree with their recomputed value at the printed precision, a per-10k figure that
// jumps ±50% while the population stays put, and implausible ranges. A rule whose inputs the
// panel lacks does not apply (it is listed in `skipped`); a row where an input is missing
// cannot be checked and gives no finding. A rule whose units do not agree (`patents >= 20`
// instead of `patents >= 20[件]`) is an error in the rule and throws incompatible_units_error.
//
// A bare variable in a rule reads the value the indicators would read: a cell the catalogue
// makes invalid (a negative GDP, a fractional count) is missing there, so `gdp > 0[亿元]` gives
// no finding for gdp = −1. To check values as published, write `published(gdp) > 0[亿元]`, as the
// built-in rules do (data/rules.toml).
//
// A cell the loader could not read (a lenient load's reason::unparseable) is a finding of its own,
// rule "unparseable", severity "hard", whatever the rules: every rule skips its row. So is a cell
// compute() refuses (±inf; below its catalogue variable's minimum; a count that is not whole),
// rule "invalid_value", unless a hard rule already named that cell; and a cell whose reason is
// damaged_source (hard) or suspect_source (soft), a rule of that name.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <string>
#include <string_view>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"

namespace zhibiao {

struct rule {
    std::string id;
    std::string severity = "hard";  ///< "hard" (a data error) or "soft" (a warning)
    std::string variable;           ///< what a finding is about
    std::string check;              ///< formula that must be true (non-zero)
    std::string message;
    zhibiao::formula parsed;
};

/// The rules shipped with the library.
const std::vector<rule>& builtin_rules();

/// Rules from TOML text ([[rule]] tables); throws parse_error naming source, rule and key.
std::vector<rule> rules_from_toml(std::string_view text, const std::string& source = "<rules>");

struct finding {
    std::string entity;
    std::string period;
    std::string variable;
    std::string rule;
    std::string severity;
    std::string message;
};

struct validation_report {
    std::vector<finding> findings;
    std::vector<std::string> skipped;  ///< "rule: why" for rules that did not apply
    std::size_t rules_applied = 0;
    std::size_t rows_checked = 0;
};

validation_report validate(const panel& p, const std::vector<rule>& rules = builtin_rules(),
                           const catalogue& cat = catalogue::builtin());

/// Whether an entity's code or name is a totals row's, not a region's or a firm's: 合计, 总计, 小计 or
/// 共计 in it, or 全市, 全省, 全县, 全区, 全国, 总体, total or sum (any case) as the whole text, blanks
/// aside. validate's `totals_row` findings, read_csv's rows without a code and the composite's
/// warning all ask this.
bool looks_like_totals_row(std::string_view text);

/// Whether a code or name is the nation as bureau tables write it (全国, 全国平均, 中国,
/// 全国（不含港澳台）), blanks aside: a totals row only in a panel of provinces; in a city's panel a
/// row to compare with (validate and compute's warnings say it apart).
bool is_nation(std::string_view text);

}  // namespace zhibiao
