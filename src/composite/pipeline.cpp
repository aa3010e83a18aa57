// The composite pipeline of zhibiao/composite/pipeline.hpp, compiled once: the steps' apply()
// and build() instantiate most of the composite's methods, which every translation unit
// including the header would otherwise compile again.
#include "zhibiao/composite/pipeline.hpp"
#include "code_suggestion.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/options.hpp"
#include "composite/position_labels.hpp"
#include "zhibiao/detail/counted.hpp"

#include "core/column_memory.hpp"
#include "core/text.hpp"
#include "steps_into.hpp"
#include "uncertainty_fast.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/detail/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace zhibiao::composite {

namespace detail {

std::string count(long n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

const Eigen::VectorXd& column(const table& t, const std::string& name, const std::string& role) {
    const auto it = t.numbers.find(name);
    if (it == t.numbers.end()) {
        std::vector<std::string> have;
        for (const auto& entry : t.numbers) have.push_back(entry.first);
        location where;  // where() names the column, as for a column of the wrong length
        where.variable = name;
        throw missing_variable_error(
            "the data lack the " + role + " column '" + name + "'" + detail::code_suggestion(name, have), name, where);
    }
    if (it->second.size() != static_cast<Eigen::Index>(t.regions.size()))
        throw argument_error("column '" + name + "' has " + zhibiao::detail::counted(it->second.size(), "value") +
                                 " for " + zhibiao::detail::counted(t.regions.size(), "region"),
                             location{"", 0, 0, "", "", name});
    return it->second;
}

namespace {
std::string one_normalisation_text(const normalise_step& s) {
    static const char* names[] = {"min-max",
                                  "z-score (sample sd)",
                                  "rank",
                                  "Borda (rank − 1)",
                                  "percentile rank ((rank − 1)/(n − 1))",
                                  "distance to the maximum (1 − (max − x)/(max − min))",
                                  "fraction of the maximum (x / max)",
                                  "goalposts",
                                  "ratio to a standard value",
                                  "ratio to the mean (x / mean · 100)",
                                  "ratio to the reference region",
                                  "categorical bands",
                                  "vector (x / ‖x‖)",
                                  "share of the sum (x / Σx)"};
    std::string text = "Normalisation: " + std::string(names[static_cast<int>(s.options.method)]);
    if (s.options.method == normalisation::rank || s.options.method == normalisation::borda ||
        s.options.method == normalisation::percentile)
        text += s.options.rank_ties == ties::min     ? ", equal values sharing the lowest rank"
                : s.options.rank_ties == ties::dense ? ", equal values sharing one rank, the next value the next rank"
                : s.options.rank_ties == ties::max   ? ", equal values sharing the highest rank"
                : s.options.rank_ties == ties::first ? ", equal values ranked in their order of appearance"
                : s.options.rank_ties == ties::last  ? ", equal values ranked in the reverse order of appearance"
                                                     : ", equal values sharing their average rank";
    if (s.options.method == normalisation::minmax)
        text += " to [" + format(s.options.low) + ", " + format(s.options.high) + "]";
    if (s.options.method == normalisation::goalposts)
        text +=
            " scaled to " + format(s.options.goal_scale) +
            (s.options.goal_truncate ? ", values beyond the goalposts clipped" : ", values beyond the goalposts kept");
    if (s.options.method == normalisation::standard)
        text += " × 100, capped at " + format(s.options.cap) + " (the monitoring method)";
    if (s.options.method == normalisation::dist_to_ref)
        text += " '" + s.reference + "'" + (s.options.cap_at_reference ? ", capped at 1" : "");
    if (s.options.method == normalisation::zscore && (s.options.target_mean != 0 || s.options.target_sd != 1))
        text += " to mean " + format(s.options.target_mean) + " and sd " + format(s.options.target_sd);
    if (s.options.cost == cost_form::inverse)
        return text + "; lower-is-better indicators as 1/x (min/x for the fraction of the maximum).";
    if (s.options.cost == cost_form::complement) return text + "; lower-is-better indicators as 1 − the result.";
    // The methods that read a lower-is-better value their own way (docs/composite.md's table):
    // "flipped first" (negated) would misdescribe them.
    if (s.options.method == normalisation::standard)
        return text + "; lower-is-better indicators as s/x · 100 (the standard over the value).";
    if (s.options.method == normalisation::goalposts)
        return text + "; lower-is-better indicators as (high − x)/(high − low).";
    if (s.options.method == normalisation::bands)
        return text + "; the band scores say which band is better, whatever an indicator's direction.";
    return text + "; lower-is-better indicators flipped first.";
}
}  // namespace

std::string normalisation_text(const normalise_step& s) {
    std::string text = one_normalisation_text(s);
    if (!s.per_indicator()) return text;
    text += " Indicators with a normalisation of their own (COINr's indiv_specs):";
    for (const auto& name : s.own_indicators()) {
        normalise_step one = s;
        one.options = s.options_for(name);
        one.clear_own();
        const std::string part = one_normalisation_text(one);
        text += " '" + name + "': " + part.substr(std::string("Normalisation: ").size());
    }
    return text;
}

/// A step's `levels` must be aggregation levels of the framework (2 to its top), or the step
/// would silently apply to nothing.
void check_levels(const std::vector<int>& chosen, const framework& fw, const char* step) {
    for (int level : chosen)
        if (level < 2 || level > fw.top_level()) {
            location w;
            w.variable = "levels";
            throw argument_error(std::string(step) + ": levels holds " + std::to_string(level) +
                                     ", but the framework's aggregation levels are " +
                                     (fw.top_level() < 2 ? std::string("none (it has only indicators)")
                                                         : "2 to " + std::to_string(fw.top_level())),
                                 w);
        }
}

namespace {

/// Whether any of the n values at p is infinite: the largest |value|, four maxima at a time and
/// no early exit (max(b, NaN) is b, so missing values need no test); the checks below look for
/// the cell to name only when it says yes.
bool any_infinite(const double* p, Eigen::Index n) {
    double big[4] = {0, 0, 0, 0};
    const Eigen::Index whole = n - n % 4;
    for (Eigen::Index i = 0; i < whole; i += 4)
        for (int k = 0; k < 4; ++k) big[k] = std::max(big[k], std::abs(p[i + k]));
    for (Eigen::Index i = whole; i < n; ++i) big[0] = std::max(big[0], std::abs(p[i]));
    return std::max(std::max(big[0], big[1]), std::max(big[2], big[3])) == INFINITY;
}

}  // namespace

/// Infinities are not data: a column holding one is refused, naming the column and the region.
void require_finite(const table& t, const Eigen::VectorXd& values, const std::string& column, const std::string& role) {
    if (!any_infinite(values.data(), values.size())) return;
    for (Eigen::Index i = 0; i < values.size(); ++i)
        if (std::isinf(values(i))) {
            location w;
            w.variable = column;
            if (static_cast<std::size_t>(i) < t.regions.size()) w.entity = t.regions[static_cast<std::size_t>(i)];
            throw error("the " + role + " column '" + column + "' holds an infinite value: infinities are not data", w);
        }
}

/// The last guard: whatever the methods and parameters, no infinite score leaves build().
void require_finite_scores(const framework& fw, const stage& s, const Eigen::MatrixXd& scores) {
    if (!any_infinite(scores.data(), scores.size())) return;
    for (Eigen::Index k = 0; k < scores.cols(); ++k)
        for (Eigen::Index i = 0; i < scores.rows(); ++i)
            if (std::isinf(scores(i, k))) {
                location w;
                w.variable = fw.at(static_cast<int>(k)).code;
                w.entity = s.data.regions[static_cast<std::size_t>(s.rows[static_cast<std::size_t>(i)])];
                throw method_error(
                    "the score of '" + w.variable +
                        "' overflows to infinity (check the normalisation range and the aggregation's power)",
                    w);
            }
}

}  // namespace detail

namespace detail {

/// Why cell (i, j) became missing when divided by `denominator`: a zero or negative denominator,
/// or the denominator's own reason.
reason denominator_reason(const table& t, const std::string& column, Eigen::Index row, double value) {
    if (value == 0) return reason::zero_denominator;
    if (value < 0) return reason::negative_denominator;
    const reason r = t.reason_at(column, static_cast<std::size_t>(row), value);
    return r == reason::none ? reason::missing_input : r;
}

/// The product of a ratio and a scale factor may overflow: refused, naming the cell.
void require_finite_ratios(const stage& s, const Eigen::VectorXd& factor) {
    bool any = false;
    for (Eigen::Index j = 0; j < s.x.cols(); ++j) any = any || any_infinite(s.x.col(j).data(), s.x.rows());
    if (!any) return;
    for (Eigen::Index j = 0; j < s.x.cols(); ++j)
        for (Eigen::Index i = 0; i < s.x.rows(); ++i)
            if (std::isinf(s.x(i, j))) {
                location w;
                w.variable = s.names[static_cast<std::size_t>(j)];
                w.entity = s.data.regions[static_cast<std::size_t>(s.rows[static_cast<std::size_t>(i)])];
                throw method_error("denominate: '" + w.variable + "' divided by its denominator and scaled by " +
                                       detail::format(factor(j)) +
                                       " overflows to infinity; choose a smaller scale factor",
                                   w);
            }
}

}  // namespace detail

void denominate_step::apply(stage& s) const {
    Eigen::VectorXd factor = Eigen::VectorXd::Constant(s.indicators(), missing_value);  // NaN: not denominated
    std::map<Eigen::Index, std::string> denominator_of;
    for (const auto& [indicator, denominator] : by) {
        const auto it = std::find(s.names.begin(), s.names.end(), indicator);
        if (it == s.names.end())
            throw unknown_indicator_error("denominate: '" + indicator + "' is not an indicator of the framework" +
                                              detail::code_suggestion(indicator, s.names),
                                          indicator);
        const Eigen::VectorXd& col = detail::column(s.data, denominator, "denominator");
        detail::require_finite(s.data, col, denominator, "denominator");
        const auto sc = scale.find(indicator);
        factor(it - s.names.begin()) = sc == scale.end() ? 1.0 : sc->second;
        denominator_of[it - s.names.begin()] = denominator;
    }
    for (const auto& entry : scale)
        if (by.find(entry.first) == by.end()) {
            location w;
            w.variable = entry.first;
            throw argument_error("denominate: scale: '" + entry.first +
                                     "' has no denominator in 'by', so its scale factor would be unused (a scale "
                                     "factor multiplies a denominated indicator)",
                                 w);
        }
    // Column by column into the layer, the denominator gathered over the rows in play: no
    // matrix of denominators, no copy of the values before (the previous layer is kept).
    const layer_matrix before = s.x.shared();
    s.keep("denominated", before);
    Eigen::VectorXd den(s.x.rows());
    for (const auto& [j, denominator] : denominator_of) {
        const Eigen::VectorXd& col = s.data.numbers.at(denominator);
        for (std::size_t k = 0; k < s.rows.size(); ++k) den(static_cast<Eigen::Index>(k)) = col(s.rows[k]);
        detail::denominate_column(before.col(j), den, factor(j), s.x.col(j));
        for (Eigen::Index i = 0; i < s.x.rows(); ++i)
            if (before(i, j) == before(i, j) && s.x(i, j) != s.x(i, j))
                s.reasons(i, j) = static_cast<std::uint8_t>(
                    detail::denominator_reason(s.data, denominator, s.rows[static_cast<std::size_t>(i)], den(i)));
    }
    detail::require_finite_ratios(s, factor);
    s.out.method.push_back(
        "Denomination: " + detail::count(static_cast<long>(by.size()), "indicator") +
        " divided by their denominator (× scale factor); a zero, negative or missing denominator gives a "
        "missing value.");
}

void screen_step::apply(stage& s) const {
    s.out.screened = screen(s.x, options);
    std::vector<Eigen::Index> kept_rows;
    const auto kept_count = static_cast<Eigen::Index>(s.out.screened.kept.size());
    Eigen::MatrixXd kept(kept_count, s.indicators());
    reason_matrix kept_reasons(kept_count, s.indicators());
    for (std::size_t k = 0; k < s.out.screened.kept.size(); ++k) {
        kept.row(static_cast<Eigen::Index>(k)) = s.x.row(s.out.screened.kept[k]);
        kept_reasons.row(static_cast<Eigen::Index>(k)) = s.reasons.row(s.out.screened.kept[k]);
        kept_rows.push_back(s.rows[static_cast<std::size_t>(s.out.screened.kept[k])]);
    }
    // Report in input rows.
    for (auto& i : s.out.screened.dropped) i = s.rows[static_cast<std::size_t>(i)];
    for (auto& i : s.out.screened.kept) i = s.rows[static_cast<std::size_t>(i)];
    s.reasons = std::move(kept_reasons);
    s.rows = std::move(kept_rows);
    if (s.rows.empty()) throw method_error("screening dropped every region");
    s.keep("screened", kept);
    std::string dropped;
    for (auto i : s.out.screened.dropped)
        dropped += (dropped.empty() ? "" : ", ") + s.data.regions[static_cast<std::size_t>(i)];
    s.out.method.push_back(
        "Screening: regions kept with at least " + detail::format(100 * options.min_availability) +
        "% of indicators present" +
        (options.max_zero_share < 1
             ? " and at most " + detail::format(100 * options.max_zero_share) + "% zeros among the values present"
             : "") +
        "; " + std::to_string(s.out.screened.dropped.size()) + " dropped" +
        (dropped.empty() ? "" : " (" + dropped + ")") + ".");
}

namespace detail {

/// A slot for the next layer in the block: rows in play × indicators, uninitialised.
layer_matrix next_slot(stage& s) { return s.memory.take(s.x.rows(), s.indicators()); }

/// Keeps `slot` (written by the step) as the layer `name` over the rows in play, and as x.
void keep_slot(stage& s, const char* name, layer_matrix slot) {
    s.x = slot.shared();
    s.out.layers.push_back({name, s.rows, std::move(slot)});
}

}  // namespace detail

namespace detail {

/// What an imputation needs beyond the matrix: the group labels or the earlier values.
impute_options impute_inputs(const impute_step& step, const stage& s) {
    impute_options o;
    o.method = step.method;
    o.clip = step.clip;
    if (step.method == imputation::group_mean || step.method == imputation::group_median) {
        const auto it = s.data.labels.find(step.group);
        const auto numeric = s.data.numbers.find(step.group);
        if (it == s.data.labels.end() && numeric != s.data.numbers.end()) {
            // Group codes written as numbers (a province code 11, 32): each value is a label, a
            // missing one no group. Equal codes group together whatever their spelling (11, 11.0).
            require_finite(s.data, numeric->second, step.group, "group");
            for (auto i : s.rows) {
                const double v = numeric->second(i);
                char code[32];  // every digit: 12-digit codes must not merge as %g's 6 would merge them
                std::snprintf(code, sizeof code, "%.17g", v);
                o.group.push_back(v != v ? std::string() : std::string(code));
            }
            return o;
        }
        if (it == s.data.labels.end()) {
            std::vector<std::string> have;  // the text columns (numeric ones serve as codes too)
            for (const auto& entry : s.data.labels) have.push_back(entry.first);
            for (const auto& entry : s.data.numbers) have.push_back(entry.first);
            // A default impute_step{} (group_mean, no group) came here, and a lookup of '' with
            // "did you mean" named neither what was missing nor how to give it.
            if (step.group.empty())
                throw argument_error(std::string("impute: ") +
                                     (step.method == imputation::group_mean ? "group_mean" : "group_median") +
                                     " needs a group: name the label column with impute_step::group (Python: "
                                     "Impute(group=...)), or choose a method without groups (mean, median, "
                                     "regression, none)");
            throw missing_variable_error("impute: the data lack the group column '" + step.group + "'" +
                                             zhibiao::detail::suggestion(step.group, have, zhibiao::detail::as_written),
                                         step.group);
        }
        const auto regions = static_cast<std::size_t>(s.regions());
        if (it->second.size() != regions)
            throw argument_error("impute: the group column '" + step.group + "' has " +
                                 zhibiao::detail::counted(it->second.size(), "label") + " for " +
                                 zhibiao::detail::counted(regions, "region") + " (one label a region)");
        for (auto i : s.rows) o.group.push_back(it->second[static_cast<std::size_t>(i)]);
    }
    if (step.method == imputation::latest) {
        if (s.data.previous.empty())
            throw missing_variable_error("imputation from the latest value needs the earlier values (table.previous)",
                                         "previous");
        o.previous = Eigen::MatrixXd::Constant(s.x.rows(), s.indicators(), missing_value);
        for (Eigen::Index j = 0; j < s.indicators(); ++j) {
            const auto it = s.data.previous.find(s.names[static_cast<std::size_t>(j)]);
            if (it == s.data.previous.end()) continue;
            if (it->second.size() != s.regions())
                throw error("impute: earlier values of '" + it->first + "' do not cover every region");
            require_finite(s.data, it->second, it->first, "earlier-value (previous)");
            for (std::size_t k = 0; k < s.rows.size(); ++k)
                o.previous(static_cast<Eigen::Index>(k), j) = it->second(s.rows[k]);
        }
    }
    return o;
}

/// "; 12 cells missing because of zero_denominator, 3 of negative_input" for the reasons other
/// than a plain missing input, else "".
std::string reasons_text(const reason_matrix& reasons) {
    std::map<std::string, long> counts;
    for (Eigen::Index i = 0; i < reasons.size(); ++i) {
        const reason r = reason_of(reasons.data()[i]);
        if (r != reason::none && r != reason::missing_input) ++counts[std::string(to_string(r))];
    }
    std::string text;
    for (const auto& [name, n] : counts)
        text += (text.empty() ? "; missing because of " : ", ") + name + ": " + std::to_string(n);
    return text;
}

/// " 2 regression predictions fell outside the indicator's observed range and were clipped to it:
/// region 'R2' pat −2.77 (range 3.1 to 40.2), …" naming the cells (the first ten), or "".
std::string outside_text(const std::vector<out_of_range>& outside, const stage& s, bool clipped) {
    if (outside.empty()) return "";
    std::string text = " " + count(static_cast<long>(outside.size()), "regression prediction") +
                       " fell outside the indicator's observed range" +
                       (clipped ? " and " + std::string(outside.size() == 1 ? "was" : "were") + " clipped to it"
                                : ", kept as predicted (clip=false)") +
                       ":";
    constexpr std::size_t named = 10;
    for (std::size_t n = 0; n < outside.size() && n < named; ++n) {
        const auto& c = outside[n];
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.6g (observed %.6g to %.6g)", c.predicted, c.low, c.high);
        text += std::string(n ? "," : "") + " region '" +
                s.data.regions[static_cast<std::size_t>(s.rows[static_cast<std::size_t>(c.row)])] + "' " +
                s.names[static_cast<std::size_t>(c.col)] + " " + buf;
    }
    if (outside.size() > named) text += " and " + std::to_string(outside.size() - named) + " more";
    return text + ".";
}

}  // namespace detail

void impute_step::apply(stage& s) const {
    layer_matrix slot = detail::next_slot(s);
    std::vector<out_of_range> outside;
    mark_matrix marks = detail::impute_into(s.x, detail::impute_inputs(*this, s), slot, &outside);  // into its layer
    // The reasons of the cells the step met missing go with its marks; filled cells have none left.
    // As selects over plain pointers, not conditional stores: the loops vectorise.
    s.out.imputed_reasons.resize(s.x.rows(), s.x.cols());
    {
        const double* before = s.x.data();
        const double* after = slot.data();
        std::uint8_t* reasons = s.reasons.data();
        std::uint8_t* kept = s.out.imputed_reasons.data();
        const auto none = static_cast<std::uint8_t>(reason::none);
        for (Eigen::Index i = 0; i < s.x.size(); ++i) kept[i] = before[i] != before[i] ? reasons[i] : std::uint8_t{0};
        for (Eigen::Index i = 0; i < s.x.size(); ++i) reasons[i] = after[i] == after[i] ? none : reasons[i];
    }
    detail::keep_slot(s, "imputed", std::move(slot));
    s.out.imputed_marks = std::move(marks);
    static const char* how[] = {"none",
                                "the indicator's mean",
                                "the indicator's median",
                                "the mean of the region's group",
                                "the median of the region's group",
                                "the region's latest earlier value",
                                "a regression on the most correlated indicator present"};
    long filled = 0, left = 0;
    for (Eigen::Index i = 0; i < s.out.imputed_marks.size(); ++i) {
        const auto m = static_cast<mark>(s.out.imputed_marks.data()[i]);
        const bool missing = m == mark::not_imputable || m == mark::not_imputed;
        filled += m != mark::none && !missing;
        left += missing;
    }
    const std::string outside_said = detail::outside_text(outside, s, clip);
    if (!outside_said.empty()) s.out.warnings.push_back(outside_said.substr(1));  // without its leading blank
    if (method == imputation::none)
        s.out.method.push_back("No imputation: " + detail::count(left, "cell") + " left missing" +
                               detail::reasons_text(s.out.imputed_reasons) + ".");
    else
        s.out.method.push_back("Imputation: missing values replaced by " + std::string(how[static_cast<int>(method)]) +
                               (group.empty() ? "" : " ('" + group + "')") + "; " + detail::count(filled, "cell") +
                               " imputed, " + std::to_string(left) + " left missing" +
                               detail::reasons_text(s.out.imputed_reasons) + "." + outside_said);
}

namespace {

/// What the coinr rule does beyond winsorising, for the method text.
std::string fallback_text(const treat_options& o) {
    std::string out = o.force_win ? " (force_win: up to winmax even once within the limits)" : "";
    switch (o.fallback) {
        case treat_fallback::none:
            return out + ", else left as winsorised (fallback none)";
        case treat_fallback::log:
            return out + ", else log(x)";
        case treat_fallback::log_ct_orig:
            return out + ", else log(x − min + 1) (log_CT_orig)";
        case treat_fallback::log_ct_plus:
            return out + ", else log-transformed towards the long tail (log_CT_plus)";
        case treat_fallback::log_ct:
            break;
    }
    return out + ", else log-transformed";
}

}  // namespace

treat_options treat_step::options_for(const std::string& name) const {
    treat_options o = options;
    if (const auto m = methods.find(name); m != methods.end())
        o.method = choose(treatment_choices, m->second, "treat", "methods");
    if (const auto w = winmaxes.find(name); w != winmaxes.end()) o.winmax = static_cast<int>(w->second);
    if (const auto f = fallbacks.find(name); f != fallbacks.end())
        o.fallback = choose(treat_fallback_choices, f->second, "treat", "fallbacks");
    return o;
}

namespace {

/// The whole-matrix methods (WASPAS, mean-min, TOPSIS, …), the power means and the outlier
/// treatment's fallbacks know a unit by its row number ("unit 2"): their complaint is said again
/// naming the region ("region 'R3'"), the region as the error's entity.
template <class Work>
auto naming_regions(const stage& s, Work work) -> decltype(work()) {
    try {
        return work();
    } catch (const method_error& e) {
        detail::position_labels regions;
        for (Eigen::Index row : s.rows) regions.labels.push_back(s.data.regions[static_cast<std::size_t>(row)]);
        regions.word = "region";
        const detail::labelled_text said = detail::label_positions(e.message(), regions, {});
        location where = e.where();
        if (said.unit) where.entity = *said.unit;
        const std::string& text = said.text;
        throw method_error(text, where);
    }
}

/// Each indicator treated with its own options (treat_step::options_for), column by column.
treated treat_by_indicator(const treat_step& t, const stage& s, Eigen::Ref<Eigen::MatrixXd> slot) {
    treated out{Eigen::MatrixXd(), mark_matrix::Zero(s.x.rows(), s.x.cols()), {}};
    for (Eigen::Index j = 0; j < s.x.cols(); ++j) {
        const std::string& name = s.names[static_cast<std::size_t>(j)];
        treated one = detail::treat_into(s.x.col(j), t.options_for(name), {name}, slot.col(j));
        out.marks.col(j) = one.marks.col(0);
        out.log.push_back(one.log.front());
    }
    return out;
}

/// "'Flights' winmax 0, 'LPI' none": the indicators with entries of their own, or "".
std::string own_treatment_text(const treat_step& t, const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        std::string own;
        if (const auto m = t.methods.find(name); m != t.methods.end()) own += " " + m->second;
        if (const auto w = t.winmaxes.find(name); w != t.winmaxes.end()) own += " winmax " + detail::format(w->second);
        if (const auto f = t.fallbacks.find(name); f != t.fallbacks.end()) own += " fallback " + f->second;
        if (!own.empty()) out += (out.empty() ? "" : ", ") + ("'" + name + "'") + own;
    }
    return out;
}

}  // namespace

void treat_step::apply(stage& s) const {
    layer_matrix slot = detail::next_slot(s);
    treated out = naming_regions(s, [&] {
        return per_indicator() ? treat_by_indicator(*this, s, slot)
                               : detail::treat_into(s.x, options, s.names, slot);  // straight into its layer
    });
    detail::keep_slot(s, "treated", std::move(slot));
    s.out.treated_marks = std::move(out.marks);
    s.out.treatment = std::move(out.log);
    int changed = 0;
    for (const auto& rec : s.out.treatment) changed += !rec.action.empty();
    const std::string listed = own_treatment_text(*this, s.names);
    const std::string own = listed.empty() ? "" : "; treated their own way: " + listed;
    if (options.method == treatment::coinr)
        s.out.method.push_back("Outlier treatment (JRC/COINr rule): indicators with |skewness| ≥ " +
                               detail::format(options.skew_limit) + " and kurtosis ≥ " +
                               detail::format(options.kurt_limit) + " winsorised up to " +
                               std::to_string(options.winmax) + " points" + fallback_text(options) + own + "; " +
                               detail::count(changed, "indicator") + " treated.");
    else if (options.method == treatment::eis)
        s.out.method.push_back(
            "Outlier treatment (EIS): values beyond mean ± " + detail::format(options.eis_sd) +
            " sd replaced by the extreme value within; square root of indicators with skewness above " +
            detail::format(options.eis_skew) + own + "; " + detail::count(changed, "indicator") + " treated.");
    else if (!own.empty())
        s.out.method.push_back("Outlier treatment only for the indicators given their own: " + listed + "; " +
                               detail::count(changed, "indicator") + " treated.");
}

namespace detail {

/// Whether the present values of column j of m differ.
bool has_spread(const Eigen::Ref<const Eigen::MatrixXd>& m, Eigen::Index j) {
    double first = missing_value;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const double v = m(i, j);
        if (!present(v)) continue;
        if (!present(first))
            first = v;
        else if (v != first)
            return true;
    }
    return false;
}

/// A normalisation that failed on a column the outlier treatment made constant (the values before
/// the Treat step had spread): says so, naming the treatment, rather than "it is constant", which
/// blames the data.
void blame_treatment(const stage& s) {
    const auto& layers = s.out.layers;
    std::size_t t = 1;
    while (t < layers.size() && layers[t].name != "treated") ++t;
    if (t >= layers.size() || s.out.treatment.size() != s.names.size()) return;
    const layer &before = layers[t - 1], &after = layers[t];
    if (before.rows != after.rows || before.values.cols() != after.values.cols()) return;
    for (std::size_t j = 0; j < s.names.size(); ++j) {
        const treat_record& rec = s.out.treatment[j];
        const auto col = static_cast<Eigen::Index>(j);
        if (rec.action.empty() || has_spread(s.x, col) || has_spread(after.values, col) ||
            !has_spread(before.values, col))
            continue;
        location w;
        w.variable = s.names[j];
        throw method_error("cannot normalise indicator '" + s.names[j] +
                               "': the outlier treatment (Treat step) made it constant (no spread) — " +
                               (rec.action == "winsorised" ? "the JRC/COINr rule (|skewness| and kurtosis over "
                                                             "the limits) winsorised "
                                                           : "the treatment ('" + rec.action + "') replaced ") +
                               count(rec.winsorised, "point") +
                               "; the values before it had spread. Lower winmax (or raise eis_sd), or normalise "
                               "this indicator without the treatment",
                           w);
    }
}

}  // namespace detail

std::vector<std::string> normalise_step::own_indicators() const {
    std::set<std::string> own;
    for (const auto& entry : methods) own.insert(entry.first);
    for (const auto& entry : ranges) own.insert(entry.first);
    for (const auto& entry : m_sds) own.insert(entry.first);
    for (const auto& entry : goal_scales) own.insert(entry.first);
    return {own.begin(), own.end()};
}

normalise_options normalise_step::options_for(const std::string& name) const {
    normalise_options o = options;
    if (const auto m = methods.find(name); m != methods.end())
        o.method = choose(normalisation_choices, m->second, "normalise", "methods");
    // The step's cost form is read by the indicators whose method reads it (docs/composite.md);
    // every other method negates a lower-is-better indicator, as it does on its own.
    if (!detail::reads_cost_form(o.method, o.cost)) o.cost = cost_form::negate;
    if (const auto r = ranges.find(name); r != ranges.end()) o.low = r->second.first, o.high = r->second.second;
    if (const auto z = m_sds.find(name); z != m_sds.end())
        o.target_mean = z->second.first, o.target_sd = z->second.second;
    if (const auto g = goal_scales.find(name); g != goal_scales.end()) o.goal_scale = g->second;
    if (o.method == normalisation::goalposts) {
        const auto g = goalposts.find(name);
        if (g == goalposts.end()) throw missing_variable_error("goalposts: none given for '" + name + "'", name);
        o.goal_low = {g->second.first}, o.goal_high = {g->second.second};
    }
    if (o.method == normalisation::standard) {
        const auto v = standard.find(name);
        if (v == standard.end()) throw missing_variable_error("standard: no standard value for '" + name + "'", name);
        o.standard = {v->second};
    }
    return o;
}

namespace {
/// The row (among those in play) of dist_to_ref's reference region, or a lookup_error.
Eigen::Index reference_row(const stage& s, const std::string& reference) {
    for (std::size_t k = 0; k < s.rows.size(); ++k)
        if (s.data.regions[static_cast<std::size_t>(s.rows[k])] == reference) return static_cast<Eigen::Index>(k);
    std::vector<std::string> in_play;
    for (auto i : s.rows) in_play.push_back(s.data.regions[static_cast<std::size_t>(i)]);
    throw lookup_error(
        "dist_to_ref: no region '" + reference + "'" +
            zhibiao::detail::suggestion(reference, in_play, [](const std::string& r) -> std::string_view { return r; }),
        reference);
}

/// Each indicator with its own options (COINr's indiv_specs): one column at a time.
void normalise_each(stage& s, const normalise_step& step, layer_matrix& slot) {
    for (Eigen::Index j = 0; j < s.x.cols(); ++j) {
        const std::string& name = s.names[static_cast<std::size_t>(j)];
        normalise_options o = step.options_for(name);
        if (o.method == normalisation::dist_to_ref) o.reference = reference_row(s, step.reference);
        detail::normalise_into(s.x.col(j), {s.direction[static_cast<std::size_t>(j)]}, o, {name}, slot.col(j),
                               {&s.data.regions, &s.rows});
    }
}
}  // namespace

namespace {
/// Every indicator with the step's options, straight into its layer (no copy); the goalposts or
/// standard value of each indicator its own.
void normalise_all(stage& s, const normalise_step& step, layer_matrix& slot) {
    normalise_options o = step.options;
    if (o.method == normalisation::goalposts || o.method == normalisation::standard)
        for (const auto& name : s.names) {
            const normalise_options own = step.options_for(name);  // its goalposts or standard value, or an error
            o.goal_low.insert(o.goal_low.end(), own.goal_low.begin(), own.goal_low.end());
            o.goal_high.insert(o.goal_high.end(), own.goal_high.begin(), own.goal_high.end());
            o.standard.insert(o.standard.end(), own.standard.begin(), own.standard.end());
        }
    if (o.method == normalisation::dist_to_ref) o.reference = reference_row(s, step.reference);
    detail::normalise_into(s.x, s.direction, o, s.names, slot,
                           {&s.data.regions, &s.rows});  // a refused value names its region
}
}  // namespace

void normalise_step::apply(stage& s) const {
    layer_matrix slot = detail::next_slot(s);
    try {
        if (per_indicator())
            normalise_each(s, *this, slot);
        else
            normalise_all(s, *this, slot);
    } catch (const method_error&) {
        detail::blame_treatment(s);
        throw;
    }
    detail::keep_slot(s, "normalised", std::move(slot));
    // Directions are applied once, by the first Normalise step: after it every indicator is
    // higher-is-better, and a second step (ranks of min-max values) must not turn them back.
    s.out.method.push_back(detail::normalisation_text(*this) +
                           (s.normalised ? " (Directions were applied by the Normalise step before: every indicator "
                                           "is higher-is-better here.)"
                                         : ""));
    std::fill(s.direction.begin(), s.direction.end(), 1);
    s.normalised = true;
    s.normalisations.clear();
    for (const auto& name : s.names) s.normalisations.push_back(options_for(name));
}

void weigh_step::apply(stage& s) const {
    detail::check_levels(levels, s.fw, "weigh");
    for (int level = 2; level <= s.fw.top_level(); ++level)
        if (detail::applies(levels, level)) s.out.plans[static_cast<std::size_t>(level - 2)].weights = options;
}

void aggregate_step::apply(stage& s) const {
    if (!s.normalised) {
        // TOPSIS and VIKOR scale inside (topsis_inner), but the directions, the missing values'
        // reasons and the layer the uncertainty analysis perturbs come from the Normalise step;
        // without it a lower-is-better indicator would count as higher-is-better, silently.
        const bool inner = options.method == aggregation::topsis || options.method == aggregation::vikor;
        throw error(std::string("aggregation needs a normalisation step before it: ") +
                    (inner ? "TOPSIS and VIKOR rescale inside, but a Normalise step is what turns lower-is-better "
                             "indicators round (Normalise(\"minmax\") then Aggregate(...) gives pymcdm's TOPSIS; "
                             "composite.topsis/vikor take a raw matrix with types)"
                           : "indicators in different units cannot be averaged, and a Normalise step turns "
                             "lower-is-better indicators round"));
    }
    detail::check_levels(levels, s.fw, "aggregate");
    for (int level = 2; level <= s.fw.top_level(); ++level)
        if (detail::applies(levels, level)) s.out.plans[static_cast<std::size_t>(level - 2)].aggregate = options;
}

namespace detail {

/// The stage before the first step: the indicator columns of every region, with the reasons of
/// their missing cells, as the "raw" layer.
void start(stage& s) {
    for (int k : s.fw.indicators())
        s.names.push_back(s.fw.at(k).code), s.direction.push_back(sign_of(s.fw.at(k).direction));
    for (Eigen::Index i = 0; i < s.regions(); ++i) s.rows.push_back(i);
    layer_matrix raw = s.memory.take(s.regions(), s.indicators());
    s.reasons.resize(s.regions(), s.indicators());  // every cell written below
    for (Eigen::Index j = 0; j < s.indicators(); ++j) {
        const std::string& name = s.names[static_cast<std::size_t>(j)];
        const Eigen::VectorXd& values = column(s.data, name, "indicator");
        require_finite(s.data, values, name, "indicator");
        raw.col(j) = values;
        // The column's reasons looked up once, not once a cell (a map of strings: most of the time
        // of a panel's table, which has reasons for every column with a missing value).
        const std::vector<reason>* why = s.data.reasons_of(name);
        std::uint8_t* r = s.reasons.col(j).data();
        const double* v = values.data();
        if (!why) {  // a column without reasons (a DataFrame's): a select per cell, which vectorises
            const auto missing = static_cast<std::uint8_t>(reason::missing_input);
            const auto none = static_cast<std::uint8_t>(reason::none);
            for (Eigen::Index i = 0; i < s.regions(); ++i) r[i] = zhibiao::detail::is_nan(v[i]) ? missing : none;
        } else {
            for (Eigen::Index i = 0; i < s.regions(); ++i)
                r[i] = static_cast<std::uint8_t>(table::reason_in(why, static_cast<std::size_t>(i), v[i]));
        }
    }
    s.x = raw.shared();
    s.out.layers.push_back({"raw", s.rows, std::move(raw)});
    s.out.plans.assign(static_cast<std::size_t>(std::max(0, s.fw.top_level() - 1)), level_plan{});
}

namespace {
/// The weights of level `level` under a Weigh("fixed") plan, as they were used: fixed for the
/// children the step names, the framework's for the others (aggregate.cpp, group_weights). A
/// step without levels applies to every level, so a level whose children it never names keeps
/// the framework's weights and is said so, not "fixed" (round 37).
std::string fixed_weights_text(const framework& fw, const weight_options& w, int level) {
    std::size_t children = 0;
    std::vector<std::string> named;
    for (const node& n : fw.nodes()) {
        if (n.parent.empty() || fw.at(fw.find(n.parent)).level != level) continue;
        ++children;
        if (w.fixed.count(n.code)) named.push_back("'" + n.code + "'");
    }
    if (named.size() == children) return "fixed weights";
    if (named.empty()) return "framework weights (the fixed weights name none of this level's nodes)";
    std::string listed;
    for (std::size_t k = 0; k < named.size() && k < 5; ++k) listed += (k ? ", " : "") + named[k];
    if (named.size() > 5) listed += " and " + std::to_string(named.size() - 5) + " more";
    return "fixed weights for " + listed + ", the framework's for the other " +
           zhibiao::detail::counted(children - named.size(), "node");
}
}  // namespace

/// "Aggregation, level 2: arithmetic, entropy (0·ln 0 = 0) weights; …": one sentence per level.
std::string aggregation_text(const framework& fw, const level_plan& p, int level) {
    std::string how = aggregation_names[static_cast<int>(p.aggregate.method)];
    if (p.aggregate.method == aggregation::generalised) how += " (p = " + format(p.aggregate.power) + ")";
    if (p.aggregate.method == aggregation::topsis)
        how += p.aggregate.topsis_inner == topsis_normalisation::minmax   ? " (min-max inside)"
               : p.aggregate.topsis_inner == topsis_normalisation::vector ? " (vector normalisation inside)"
                                                                          : " (no normalisation inside)";
    if (p.aggregate.method == aggregation::vikor) how += " (score = 1 − Q, v = " + format(p.aggregate.vikor_v) + ")";
    if (p.aggregate.method == aggregation::waspas)
        how += " (λ = " + format(p.aggregate.wsm_share) + " weighted sum, " + format(1 - p.aggregate.wsm_share) +
               " weighted product; " +
               (p.aggregate.waspas_inner == waspas_normalisation::linear           ? "x/max inside)"
                : p.aggregate.waspas_inner == waspas_normalisation::shifted_minmax ? "1 + min-max inside)"
                                                                                   : "no scaling inside)");
    if (p.aggregate.method == aggregation::mean_min)
        how += " (α = " + format(p.aggregate.mm_alpha) + ", β = " + format(p.aggregate.mm_beta) + ", unweighted)";
    if (p.aggregate.method == aggregation::mpi) how += p.aggregate.mpi_penalty > 0 ? " (M − S·cv)" : " (M + S·cv)";
    std::string weights = weighting_names[static_cast<int>(p.weights.scheme)];
    if (p.weights.scheme == weighting::ahp)
        weights += std::string(p.weights.priority == ahp_priority::mean        ? " (column-normalised row means, "
                               : p.weights.priority == ahp_priority::geometric ? " (normalised row geometric means, "
                                                                               : " (principal eigenvector, ") +
                   (p.weights.ri == random_index::saaty ? "Saaty" : "Tummala-Ling") + " random index)";
    if (p.weights.scheme == weighting::critic || p.weights.scheme == weighting::vic)
        switch (correlation_for(p.weights.scheme, p.weights.correlation)) {
            case correlation_kind::pearson:
                weights += " (Pearson r)";
                break;
            case correlation_kind::absolute:
                weights += " (|r|)";
                break;
            case correlation_kind::spearman:
                weights += " (Spearman's ρ)";
                break;
            default:
                weights += " (distance correlation)";
        }
    if (p.weights.scheme == weighting::entropy)
        weights += p.weights.zeros == entropy_zeros::skip ? " (0·ln 0 = 0)"
                                                          : " (pymcdm ≤ 1.3.1: a zero sets the entropy to 0)";
    const bool weighted_mean =
        p.aggregate.method == aggregation::arithmetic || p.aggregate.method == aggregation::geometric ||
        p.aggregate.method == aggregation::harmonic || p.aggregate.method == aggregation::generalised;
    weights = p.weights.scheme == weighting::fixed ? fixed_weights_text(fw, p.weights, level) : weights + " weights";
    std::string text =
        "Aggregation, level " + std::to_string(level) + ": " + how + ", " + weights + "; " +
        (weighted_mean ? "a missing child is left out and the other weights renormalised (weighted means)"
                       : "every child must be present (a missing value is refused: impute first)");
    if (p.aggregate.min_availability > 0)
        text += "; a region with less than " + format(100 * p.aggregate.min_availability) +
                " % of a group's children present gets no score for the group";
    return text + ".";
}

/// Methods that score a group from its whole matrix (MPI, benefit of the doubt, Copeland, TOPSIS,
/// VIKOR) need every value; a missing indicator under such a level-2 group is named here by region
/// and code, where the matrix alone could only say "unit 4, criterion 0".
void require_complete_groups(const stage& s, const std::vector<level_plan>& plans) {
    if (plans.empty()) return;
    const aggregation method = plans.front().aggregate.method;
    if (method == aggregation::arithmetic || method == aggregation::geometric || method == aggregation::harmonic ||
        method == aggregation::generalised)
        return;
    const auto& leaves = s.fw.indicators();
    for (std::size_t j = 0; j < leaves.size(); ++j) {
        const std::string& parent = s.fw.at(leaves[j]).parent;
        if (parent.empty() || s.fw.at(s.fw.find(parent)).level != 2) continue;
        for (Eigen::Index i = 0; i < s.x.rows(); ++i)
            if (!present(s.x(i, static_cast<Eigen::Index>(j)))) {
                location w;
                w.variable = s.fw.at(leaves[j]).code;
                w.entity = s.data.regions[static_cast<std::size_t>(s.rows[static_cast<std::size_t>(i)])];
                throw method_error(std::string(aggregation_names[static_cast<int>(method)]) +
                                       " aggregation at level 2 needs every value: '" + w.variable +
                                       "' is missing for region '" + w.entity + "' (impute first: an Impute step)",
                                   w);
            }
    }
}

/// Ranks (1 = best, equal scores share the lowest rank, NaN where missing) of column `from[k]` of
/// the column-major `rows`-row matrix at `scores` into column `to[k]` of the one at `ranks`: the
/// ranking of the uncertainty analysis (a radix sort on buckets), which gives rank_scores' ranks
/// at a fraction of its cost.
void rank_into(const double* scores, std::size_t rows, const std::vector<Eigen::Index>& from,
               const std::vector<Eigen::Index>& to, double* ranks) {
    uncertainty_model::fast_scratch scratch;
    for (std::size_t k = 0; k < from.size(); ++k)
        rank_descending(scores + static_cast<std::size_t>(from[k]) * rows, rows, scratch,
                        ranks + static_cast<std::size_t>(to[k]) * rows);
}

/// The indicators' ranks (their scores are the last layer's columns) into their columns of
/// `ranks`: on a second thread, while the aggregation runs, when the work is worth one; else
/// when the result is asked for. Ranks are exact, so the thread changes no bit.
std::future<void> rank_indicators(const stage& s, layer_matrix& ranks) {
    std::vector<Eigen::Index> from, to;
    for (std::size_t k = 0; k < s.fw.indicators().size(); ++k)
        from.push_back(static_cast<Eigen::Index>(k)), to.push_back(s.fw.indicators()[k]);
    // The last layer lives in the block the result holds: it outlives the thread (finish() joins it).
    auto work = [x = s.x.data(), rows = static_cast<std::size_t>(s.x.rows()), from = std::move(from),
                 to = std::move(to), out = ranks.data()] { rank_into(x, rows, from, to, out); };
    if (s.x.size() >= 20000 && std::thread::hardware_concurrency() > 1) try {
            return std::async(std::launch::async, work);
        } catch (const std::system_error&) {  // no thread to be had: ranked on this one
        }
    return std::async(std::launch::deferred, std::move(work));
}

/// The ranks of the nodes the aggregation scored (every node but the indicators).
void rank_aggregates(const framework& fw, result& r) {
    std::vector<bool> indicator(fw.nodes().size(), false);
    for (int k : fw.indicators()) indicator[static_cast<std::size_t>(k)] = true;
    std::vector<Eigen::Index> nodes;
    for (std::size_t k = 0; k < indicator.size(); ++k)
        if (!indicator[k]) nodes.push_back(static_cast<Eigen::Index>(k));
    rank_into(r.aggregation.scores.data(), static_cast<std::size_t>(r.aggregation.scores.rows()), nodes, nodes,
              r.ranks.data());
}

aggregation_result aggregate_naming_regions(const stage& s, const std::vector<level_plan>& plans) {
    return naming_regions(s, [&] { return aggregate(s.fw, s.x, plans); });
}

namespace {
/// Whether `o` only rescales an indicator (a·x + b, a > 0, after its direction): a standardising
/// aggregation (MPI's z = 100 + 10·(x − mean)/sd) then gives the same scores whatever a and b.
bool rescales_linearly(const normalise_options& o) {
    if (o.cost == cost_form::inverse) return false;
    switch (o.method) {
        case normalisation::minmax:
        case normalisation::zscore:
        case normalisation::dist_to_max:
        case normalisation::frac_of_max:
        case normalisation::vector:
        case normalisation::sum:
        case normalisation::ratio_to_mean:
            return true;
        case normalisation::goalposts:
            return !o.goal_truncate;
        default:
            return false;
    }
}

/// MPI standardises the indicators it aggregates itself, so the Normalise step before it counts
/// less than the account of the method suggests: said in the account, and warned of where the
/// step (a rescaling, not MPI's own z-score) changes nothing at all.
void say_mpi_standardises(stage& s) {
    if (s.out.plans.empty() || s.out.plans[0].aggregate.method != aggregation::mpi) return;
    const auto& all = s.normalisations;
    const bool rescaled = std::all_of(all.begin(), all.end(), rescales_linearly);
    const bool zscore = std::all_of(all.begin(), all.end(),
                                    [](const normalise_options& o) { return o.method == normalisation::zscore; });
    const std::string own =
        "mpi standardises the indicators it aggregates itself (z = 100 + 10·(x − mean)/sd, "
        "population sd)";
    s.out.method.push_back("Note: level 2: " + own +
                           (rescaled ? ", so the normalisation above, a rescaling of each indicator, does not change "
                                       "the scores (min-max and z-score give the same MPI)."
                                     : ", so the normalisation above counts only where it is not a rescaling of an "
                                       "indicator (ranks, clipped goalposts, bands, inverses)."));
    if (rescaled && !zscore)
        s.out.warnings.push_back(own +
                                 ": the Normalise step before Aggregate('mpi') rescales each indicator, which "
                                 "mpi undoes, so it has no effect on the scores (Compind's ci_mpi, by contrast, "
                                 "aggregates the data as normalised: see docs/composite.md, Conventions)");
}
}  // namespace

/// After the steps: the index aggregated by the plans, its ranks, and the rest of the account.
void finish(stage& s) {
    if (!s.normalised) throw error("the steps need a normalisation step");
    result& r = s.out;
    require_complete_groups(s, r.plans);
    r.ranks = s.memory.take(s.x.rows(), static_cast<Eigen::Index>(s.fw.nodes().size()));
    std::future<void> indicators_ranked = rank_indicators(s, r.ranks);  // joined even if aggregate() throws
    r.aggregation = aggregate_naming_regions(s, r.plans);
    require_finite_scores(s.fw, s, r.aggregation.scores);
    rank_aggregates(s.fw, r);
    indicators_ranked.get();
    r.layers.push_back({"aggregated", s.rows, s.memory.take(s.x.rows(), r.aggregation.scores.cols())});
    static_cast<Eigen::Map<Eigen::MatrixXd>&>(r.layers.back().values) = r.aggregation.scores;
    for (std::string& line : aggregation_account(s.fw, r.plans, r.aggregation)) r.method.push_back(std::move(line));
    say_mpi_standardises(s);
}

std::vector<std::string> aggregation_account(const framework& fw, const std::vector<level_plan>& plans,
                                             const aggregation_result& aggregated) {
    std::vector<std::string> lines;
    for (int level = 2; level <= fw.top_level(); ++level)
        lines.push_back(aggregation_text(fw, plans[static_cast<std::size_t>(level - 2)], level));
    for (const auto& note : aggregated.notes) lines.push_back("Note: " + note + ".");
    // A framework weight of 0 leaves a node out of its group's score (COINr's way to exclude one):
    // said, as any row or column left out is.
    std::string zero;
    for (std::size_t k = 0; k < fw.nodes().size(); ++k)
        if (!fw.nodes()[k].parent.empty() && fw.nodes()[k].weight == 0)
            zero += std::string(zero.empty() ? "" : ", ") + "'" + fw.nodes()[k].code + "'";
    if (!zero.empty())
        lines.push_back(
            "Framework weight 0, so left out of their group's score where the framework's weights are "
            "used: " +
            zero + ".");
    lines.push_back("Ranks: 1 = best.");
    return lines;
}

}  // namespace detail

namespace detail {

namespace {

/// The block of a build whose layers are all gone, kept for the next build that fits in it: a
/// block is fresh huge pages, which the kernel zeroes and maps on every build (~1 ms of a
/// 3,000 × 60 build) and unmaps when its last layer goes. One block at most, of at most 64 MB.
struct spare_block {
    std::mutex guard;
    std::shared_ptr<double[]> block;
    std::size_t doubles = 0;

    static spare_block& one() {
        static spare_block* kept = new spare_block;  // never destroyed: a result may outlive statics
        return *kept;
    }
    /// The kept block and its size if it holds `wanted` doubles without wasting as much again.
    std::pair<std::shared_ptr<double[]>, std::size_t> take(std::size_t wanted) {
        const std::lock_guard<std::mutex> lock(guard);
        if (!block || doubles < wanted || doubles > 2 * wanted) return {nullptr, 0};
        return {std::move(block), std::exchange(doubles, 0)};
    }
    void give_back(std::shared_ptr<double[]> b, std::size_t n) {
        if (n > (std::size_t{64} << 20) / sizeof(double)) return;
        const std::lock_guard<std::mutex> lock(guard);
        block = std::move(b), doubles = n;
    }
};

constexpr std::size_t reused_from = (std::size_t{1} << 20) / sizeof(double);  // smaller blocks: malloc reuses them

}  // namespace

layer_block::layer_block(std::size_t doubles) : capacity_(std::max<std::size_t>(doubles, 1)) {
    if (capacity_ < reused_from) {
        storage_ = zhibiao::detail::column_memory(capacity_);
        return;
    }
    auto [block, size] = spare_block::one().take(capacity_);
    if (!block) block = zhibiao::detail::column_memory(size = capacity_);
    double* data = block.get();
    // The layers share a pointer whose last owner hands the block back for the next build.
    storage_ = std::shared_ptr<double[]>(data, [block = std::move(block), n = size](double*) mutable {
        spare_block::one().give_back(std::move(block), n);
    });
}

layer_matrix layer_block::take(Eigen::Index rows, Eigen::Index cols) {
    const auto n = static_cast<std::size_t>(rows * cols);
    if (!storage_ || capacity_ - used_ < n) {
        auto own = std::shared_ptr<double[]>(new double[std::max<std::size_t>(n, 1)]);
        return layer_matrix(own, own.get(), rows, cols);
    }
    double* at = storage_.get() + used_;
    used_ += (n + 7) / 8 * 8;  // the next layer on a 64-byte boundary, as a MatrixXd's storage would be aligned
    used_ = std::min(used_, capacity_);
    return layer_matrix(storage_, at, rows, cols);
}

/// Doubles for every layer `steps` make over `data` (screening only makes them shorter).
std::size_t layer_doubles(const table& data, const framework& fw, const std::vector<step>& steps) {
    std::size_t layers = 1;  // raw
    for (const step& one : steps)
        layers += !std::holds_alternative<weigh_step>(one) && !std::holds_alternative<aggregate_step>(one);
    const std::size_t regions = data.regions.size() + 8;                         // + the rounding to 64 bytes
    return regions * (layers * fw.indicators().size() + 2 * fw.nodes().size());  // + aggregated, ranks
}

}  // namespace detail

namespace {
// A region given twice (a botched join) would be scored and ranked as two units and move every
// other region's rank and the data-driven weights: refused, as read_csv refuses a repeated row.
// Codes compared as read_csv keys rows (trim_key): "A01" and "A01 " are one region.
void require_unique_regions(const table& data) {
    std::unordered_map<std::string_view, std::size_t> first;  // views of the regions: no string copied
    first.reserve(data.regions.size());
    for (std::size_t i = 0; i < data.regions.size(); ++i) {
        const auto [it, fresh] = first.emplace(zhibiao::detail::trim(data.regions[i]), i);
        if (fresh) continue;
        location where;
        where.entity = data.regions[i];
        throw duplicate_row_error("region '" + data.regions[i] + "' is given twice (rows " +
                                      std::to_string(it->second) + " and " + std::to_string(i) +
                                      " of the table, counting from 0): a region is scored once",
                                  where);
    }
}

/// A Normalise step given after an Aggregate step: the order is the problem, said as such
/// (not "needs a normalisation step", which the user sees is there).
void require_normalise_first(const std::vector<step>& steps) {
    std::size_t aggregate_at = steps.size();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (std::holds_alternative<aggregate_step>(steps[i]) && aggregate_at == steps.size()) aggregate_at = i;
        if (std::holds_alternative<normalise_step>(steps[i])) {
            if (aggregate_at < i)
                throw error("the Aggregate step (step " + std::to_string(aggregate_at) +
                            ", counting from 0) comes before the Normalise step (step " + std::to_string(i) +
                            "): aggregation needs normalised indicators, so put Normalise first");
            return;
        }
    }
}
}  // namespace

namespace {
std::string step_label(const std::vector<step>& steps, const std::vector<std::string>& labels, std::size_t i) {
    const bool named = i < labels.size() && !labels[i].empty();
    std::string kind = kind_of(steps[i]);  // "Weigh", as the Python class, "weigh" of a file, says both
    kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
    return "step " + std::to_string(i + 1) + " (" + (named ? labels[i] : kind) + ")";
}

std::string levels_text(const std::vector<int>& levels) {
    std::string text;
    for (int level : levels) text += (text.empty() ? "" : ", ") + std::to_string(level);
    return text;
}

/// The levels a Weigh (or Aggregate) step without levels sets: those no step of its kind with levels
/// sets, wherever it stands (a default and its overrides: [Weigh("equal"), Weigh("entropy", levels=[2])]).
/// Steps of one kind that set the same level — two without levels, or levels shared — are refused (the
/// later would silently replace the earlier), naming both steps and the levels; so is a level listed
/// twice in one step. Returns the step's index and its levels when it must be told them (other steps
/// have levels), else nothing. `top`: the framework's top level (0: not known yet, the levels left
/// are not checked).
template <class Step>
std::optional<std::pair<std::size_t, std::vector<int>>> plan_levels(const std::vector<step>& steps, int top,
                                                                    const std::vector<std::string>& labels,
                                                                    const char* sets) {
    std::map<int, std::size_t> set_by;  // level → the step with levels that sets it
    std::optional<std::size_t> every;   // the step without levels
    const location w;  // the steps are the problem, named in the message: no variable ("(variable levels):")
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto* one = std::get_if<Step>(&steps[i]);
        if (!one) continue;
        if (one->levels.empty()) {
            if (every)
                throw argument_error(step_label(steps, labels, *every) + " and " + step_label(steps, labels, i) +
                                         " have no levels, so both set " + sets +
                                         " of every level: the later would silently replace the earlier. Give "
                                         "one of them its levels (levels=[...]); the step without levels sets "
                                         "the levels no other step sets",
                                     w);
            every = i;
            continue;
        }
        std::vector<int> shared;
        std::size_t earlier = 0;
        std::set<int> own;
        for (int level : one->levels) {
            if (!own.insert(level).second)
                throw argument_error(step_label(steps, labels, i) + " lists level " + std::to_string(level) + " twice",
                                     w);
            if (const auto it = set_by.find(level); it != set_by.end())
                shared.push_back(level), earlier = it->second;
            else
                set_by[level] = i;
        }
        if (!shared.empty())
            throw argument_error(step_label(steps, labels, earlier) + " and " + step_label(steps, labels, i) +
                                     " both set " + sets + " of level" + (shared.size() == 1 ? " " : "s ") +
                                     levels_text(shared) + ": the later would silently replace the earlier",
                                 w);
    }
    if (!every || set_by.empty()) return std::nullopt;
    std::vector<int> left;
    for (int level = 2; level <= top; ++level)
        if (set_by.find(level) == set_by.end()) left.push_back(level);
    if (top > 0 && left.empty())
        throw argument_error(step_label(steps, labels, *every) + " has no levels, so it sets " + sets +
                                 " of the levels no other step sets, but the other steps set them all (" +
                                 levels_text([&] {
                                     std::vector<int> all;
                                     for (const auto& entry : set_by) all.push_back(entry.first);
                                     return all;
                                 }()) +
                                 "): it would set nothing",
                             w);
    return std::make_pair(*every, left);
}

result build_checked(const table& data, const framework& fw, const std::vector<step>& steps);

/// A second Denominate step would divide what the first divided again (or leave a second
/// "denominated" layer): refused, naming both.
void refuse_repeated_denominate(const std::vector<step>& steps, const std::vector<std::string>& labels) {
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!std::holds_alternative<denominate_step>(steps[i])) continue;
        if (!first) {
            first = i;
            continue;
        }
        const location w;  // the steps are named in the message: no variable
        throw argument_error(step_label(steps, labels, *first) + " and " + step_label(steps, labels, i) +
                                 " both denominate: a second Denominate step would divide the indicators again. "
                                 "Give one Denominate step every indicator's denominator",
                             w);
    }
}
}  // namespace

void check_steps(const std::vector<step>& steps, int top_level, const std::vector<std::string>& labels) {
    refuse_repeated_denominate(steps, labels);
    plan_levels<weigh_step>(steps, top_level, labels, "the weights");
    plan_levels<aggregate_step>(steps, top_level, labels, "the aggregation");
}

result build(const table& data, const framework& fw, const std::vector<step>& steps) {
    // An entry keyed by a name the framework lacks (methods["aa"] for 'a') would be silently
    // unused: refused with "did you mean", as parse_model refuses it in a file (round 37).
    check_step_names(steps, fw);
    return detail::build_steps(data, fw, steps);
}

result detail::build_steps(const table& data, const framework& fw, const std::vector<step>& steps) {
    refuse_repeated_denominate(steps, {});
    const auto weigh_left = plan_levels<weigh_step>(steps, fw.top_level(), {}, "the weights");
    const auto aggregate_left = plan_levels<aggregate_step>(steps, fw.top_level(), {}, "the aggregation");
    if (weigh_left || aggregate_left) {  // a step without levels told the levels the others leave
        std::vector<step> told = steps;
        if (weigh_left) std::get<weigh_step>(told[weigh_left->first]).levels = weigh_left->second;
        if (aggregate_left) std::get<aggregate_step>(told[aggregate_left->first]).levels = aggregate_left->second;
        return build_checked(data, fw, told);
    }
    return build_checked(data, fw, steps);
}

namespace {
/// build() once its steps are checked and told their levels.
result build_checked(const table& data, const framework& fw, const std::vector<step>& steps) {
    // Said as such: each normaliser would otherwise report its indicator as having no values.
    if (data.regions.empty()) throw argument_error("the data have no rows (regions): there is nothing to score");
    require_unique_regions(data);
    result r;
    r.regions = data.regions;
    r.region_notes = note_regions(data);  // a total ranked among its parts: said first
    if (!r.region_notes.said.empty()) r.warnings.push_back(r.region_notes.said);
    stage s{data, fw, {}, {}, {}, {}, {}, false, {}, r, detail::layer_block(detail::layer_doubles(data, fw, steps))};
    detail::start(s);
    require_normalise_first(steps);
    for (const step& one : steps) {
        poll_interrupt();  // a step can be long (regression imputation, iterative winsorising)
        std::visit([&s](const auto& st) { st.apply(s); }, one);
    }
    poll_interrupt();
    detail::finish(s);
    return r;
}
}  // namespace

}  // namespace zhibiao::composite
